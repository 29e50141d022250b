import Foundation
import GANPortFormats

/// The `call` object of a `train_step` golden (SPEC.md §12): the loop, optimizer, loss and EMA
/// settings of the recorded iterations.
public struct TrainStepCall: Equatable {
    /// Images per iteration.
    public var batchSize: Int
    /// Number of recorded iterations.
    public var steps: Int
    /// `batch_idx` of the first recorded iteration.
    public var startBatchIndex: Int
    /// `cur_nimg` before the first recorded iteration.
    public var startNimg: Int
    /// Phase names in official order.
    public var phases: [String]
    /// The step options (optimizers before the lazy-regularization scaling).
    public var options: TrainingStepOptions
    /// Whether `real_img` holds uint8 pixel values (converted with `x / 127.5 − 1`).
    public var realImagesAreUInt8: Bool
    /// `augment_pipe`: the official `AugmentPipe` constructor kwargs plus its fixed strength `p`,
    /// or nil when the discriminator sees the images as they are.
    public var augmentPipe: JSONValue?

    /// Parses the JSON text of the `call` attribute.
    public init(json text: String) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw TrainStepGoldenError.badCall("call (a JSON object)")
        }
        func int(_ key: String, in dict: [String: Any]? = nil) throws -> Int {
            guard let value = (dict ?? object)[key] as? NSNumber,
                  let exact = Int(exactly: value.doubleValue) else { throw TrainStepGoldenError.badCall(key + " (an integer)") }
            return exact
        }
        func double(_ key: String, in dict: [String: Any]? = nil) throws -> Double {
            guard let value = (dict ?? object)[key] as? NSNumber else { throw TrainStepGoldenError.badCall(key) }
            return value.doubleValue
        }
        func optionalInt(_ key: String) throws -> Int? {
            if object[key] is NSNull { return nil }
            return try int(key)
        }
        func optionalDouble(_ key: String) throws -> Double? {
            if object[key] is NSNull { return nil }
            return try double(key)
        }
        func adam(_ key: String) throws -> AdamOptions {
            guard let dict = object[key] as? [String: Any], let betas = dict["betas"] as? [NSNumber], betas.count == 2 else {
                throw TrainStepGoldenError.badCall(key)
            }
            return AdamOptions(learningRate: try double("lr", in: dict), beta1: betas[0].doubleValue, beta2: betas[1].doubleValue,
                               epsilon: try double("eps", in: dict))
        }
        guard let loss = object["loss"] as? [String: Any] else { throw TrainStepGoldenError.badCall("loss") }
        let lossOptions = StyleGAN2LossOptions(styleMixingProbability: try double("style_mixing_prob", in: loss),
                                               r1Gamma: try double("r1_gamma", in: loss),
                                               plBatchShrink: try int("pl_batch_shrink", in: loss),
                                               plDecay: try double("pl_decay", in: loss), plWeight: try double("pl_weight", in: loss))
        batchSize = try int("batch_size")
        let batchGPU = try int("batch_gpu")
        guard batchGPU > 0, batchSize % batchGPU == 0 else { throw TrainStepGoldenError.badCall("batch_gpu (must divide batch_size)") }
        if let kwargs = object["augment_pipe"], !(kwargs is NSNull) {
            let value = AugmentGoldenRunner.convert(kwargs)
            do {
                _ = try AugmentPipe(kwargs: value)
            } catch let error as AugmentSettingsError {
                throw TrainStepGoldenError.badCall("augment_pipe (\(error))")
            }
            augmentPipe = value
        }
        steps = try int("steps")
        startBatchIndex = try int("start_batch_idx")
        startNimg = try int("start_nimg")
        guard let phases = object["phases"] as? [String] else { throw TrainStepGoldenError.badCall("phases") }
        self.phases = phases
        options = TrainingStepOptions(batchSize: batchSize, batchGPU: batchGPU, generatorRegInterval: try optionalInt("G_reg_interval"),
                                      discriminatorRegInterval: try optionalInt("D_reg_interval"),
                                      generatorOptimizer: try adam("G_opt"), discriminatorOptimizer: try adam("D_opt"),
                                      loss: lossOptions, emaKimg: try double("ema_kimg"), emaRampup: try optionalDouble("ema_rampup"))
        realImagesAreUInt8 = (object["real_img_dtype"] as? String) == "uint8"
        let limit = TrainStepCall.maximumCount
        guard (1...limit).contains(batchSize), (1...1000).contains(steps), (0...limit).contains(startBatchIndex),
              (0...limit).contains(startNimg) else {
            throw TrainStepGoldenError.badCall("batch_size 1…\(limit), steps 1…1000, start_batch_idx and start_nimg 0…\(limit)")
        }
        for (key, interval) in [("G_reg_interval", options.generatorRegInterval), ("D_reg_interval", options.discriminatorRegInterval)] {
            guard interval.map({ $0 >= 1 }) ?? true else { throw TrainStepGoldenError.badCall(key + " (null or at least 1)") }
        }
        guard lossOptions.plBatchShrink >= 1, lossOptions.plWeight == 0 || batchGPU / lossOptions.plBatchShrink >= 1 else {
            throw TrainStepGoldenError.badCall("loss.pl_batch_shrink (1…batch_gpu)")
        }
    }

    /// The largest batch size and starting counts a fixture may declare (far above any recording).
    public static let maximumCount = 1 << 32

    /// A fresh augmentation pipe at the recorded strength, or nil when the call has none.
    public func makeAugmentPipe() throws -> AugmentPipe? {
        try augmentPipe.map { try AugmentPipe(kwargs: $0) }
    }
}
