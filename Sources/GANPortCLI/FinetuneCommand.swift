import ArgumentParser
import Foundation
import GANPortFormats
import GANPortTensor
import GANPortTraining

/// `ganport finetune CHECKPOINT --data DIR|ZIP --out RUN_DIR`: fine-tune a StyleGAN2-ADA checkpoint
/// with the official losses, or `--resume RUN_DIR` to continue one.
struct FinetuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finetune",
        abstract: "Fine-tune a StyleGAN2-ADA checkpoint on your images with the official training semantics.",
        discussion: """
        Runs the official training iteration (StyleGAN2Loss phases Gmain/Greg/Dmain/Dreg with R1, \
        path-length regularization and style mixing; Adam with lazy-regularization scaling; G_ema; \
        ADA) on the CPU. The networks keep the checkpoint's architecture; hyperparameters come from \
        --cfg (the presets of the official train.py) and the overrides. Like train.py --resume, a \
        fine-tune starts with ada_kimg 100 and no G_ema ramp-up. RUN_DIR receives options.json, \
        metrics.jsonl (one line per tick), losses.png, and snapshot-<images>/ directories with \
        network.safetensors, G.pt, D.pt, G_ema.pt, training-state.* and samples.png. \
        --resume RUN_DIR continues bit for bit from the newest snapshot (an interrupted run loses at \
        most the work since it); `ganport export` turns a snapshot back into an official pickle. \
        reals.png and fakes_init.png show the data and the starting network. Exit codes: 64 invalid \
        options, 2 unreadable or mismatched checkpoint, dataset or run files, 3 a run file not written.
        """
    )

    @Argument(help: "Checkpoint with G, D (and G_ema): an NVIDIA network pickle or a converted state dict.")
    var checkpoint: String?

    @Option(help: "Training images: a folder of PNG/JPEG files or a dataset_tool.py zip.")
    var data: String?

    @Option(help: "Run directory to create.")
    var out: String?

    @Option(help: "Continue the run in this directory from its newest snapshot.")
    var resume: String?

    @Option(help: "Training length in thousands of real images (fractions allowed).")
    var kimg: Double?

    @Option(help: "Snapshot interval in kimg (default 50).")
    var snapKimg: Double?

    @Option(help: "Progress-line interval in kimg (default: 4, or --snap-kimg when smaller).")
    var tickKimg: Double?

    @Option(help: "Total batch size (default: the preset's).")
    var batch: Int?

    @Option(help: "Seed of the run's random numbers (default 0).")
    var seed: UInt32?

    @Option(help: "Preset of the official train.py: auto (default), stylegan2, paper256, paper512, paper1024, cifar.")
    var cfg: String?

    @Option(help: "R1 regularization weight (default: the preset's).")
    var gamma: Double?

    @Option(help: "Augmentation: ada (default), noaug or fixed.")
    var aug: String?

    @Option(help: "Augmentation probability for --aug fixed.")
    var p: Double?

    @Option(help: "ADA target for --aug ada (default 0.6).")
    var target: Double?

    @Option(help: "Augmentation pipeline: blit, geom, color, filter, noise, cutout, bg, bgc (default), bgcf, bgcfn, bgcfnc.")
    var augpipe: String?

    @Flag(help: "Also train on x-flipped images.")
    var mirror = false

    @Option(help: "Freeze the first N discriminator layers (Freeze-D; default 0).")
    var freezed: Int?

    @Option(help: "Number of fixed-seed images in each snapshot's samples.png (a multiple of --sample-columns; default 16).")
    var samples: Int?

    @Option(help: "Columns of samples.png (default 4).")
    var sampleColumns: Int?

    @Option(help: "Threads for the engine.")
    var threads = 2

    @Flag(help: "No per-iteration progress line.")
    var quiet = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if resume == nil {
            guard checkpoint != nil, data != nil, out != nil, kimg != nil else {
                throw ValidationError("a new run needs CHECKPOINT, --data, --out and --kimg (or --resume RUN_DIR)")
            }
            guard augpipe == nil || aug != "noaug" else { throw ValidationError("--augpipe cannot be specified with --aug noaug") }
            guard (1...1024).contains(samples ?? 16), (1...1024).contains(sampleColumns ?? 4) else {
                throw ValidationError("--samples and --sample-columns must be in 1…1024")
            }
            guard AugmentPreset(rawValue: augpipe ?? "bgc") != nil else {
                throw ValidationError("--augpipe must be one of \(AugmentPreset.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard TrainingPreset.Name(rawValue: cfg ?? "auto") != nil else {
                throw ValidationError("--cfg must be one of \(TrainingPreset.Name.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        } else {
            let given: [(String, Bool)] = [
                ("CHECKPOINT", checkpoint != nil), ("--data", data != nil), ("--out", out != nil), ("--snap-kimg", snapKimg != nil),
                ("--tick-kimg", tickKimg != nil), ("--batch", batch != nil), ("--seed", seed != nil), ("--cfg", cfg != nil),
                ("--gamma", gamma != nil), ("--aug", aug != nil), ("--p", p != nil), ("--target", target != nil),
                ("--augpipe", augpipe != nil), ("--mirror", mirror), ("--freezed", freezed != nil), ("--samples", samples != nil),
                ("--sample-columns", sampleColumns != nil),
            ]
            let conflicting = given.filter(\.1).map(\.0)
            guard conflicting.isEmpty else {
                throw ValidationError("--resume continues with the settings in RUN_DIR/options.json; only --kimg and --threads "
                    + "may be given (not \(conflicting.joined(separator: ", ")))")
            }
        }
    }

    func run() throws {
        TensorRuntime.threadCount = threads
        let runner = try starting {
            if let resume { return try FineTuneRun(resuming: URL(fileURLWithPath: resume).standardizedFileURL.path, kimg: kimg) }
            func absolute(_ path: String?) -> String { URL(fileURLWithPath: path ?? "").standardizedFileURL.path }
            let options = FineTuneOptions(checkpoint: absolute(checkpoint), data: absolute(data), out: absolute(out), kimg: kimg ?? 0,
                                          snapKimg: snapKimg ?? 50, tickKimg: tickKimg, batch: batch, seed: seed ?? 0,
                                          cfg: TrainingPreset.Name(rawValue: cfg ?? "auto") ?? .auto, gamma: gamma,
                                          aug: aug ?? "ada", p: p, target: target, augpipe: augpipe ?? "bgc", mirror: mirror,
                                          freezed: freezed ?? 0, sampleSeeds: (0..<UInt32(Swift.max(samples ?? 16, 0))).map { $0 },
                                          sampleColumns: sampleColumns ?? 4)
            return try FineTuneRun(options: options)
        }
        let progress = quiet ? nil : ProgressReporter(label: "finetune", unit: .images)
        if runner.curNimg > 0 { printNote("resuming at kimg \(Double(runner.curNimg) / 1000) from \(runner.directory.path)") }
        printNote("training for \(runner.options.kimg) kimg, batch \(runner.training.batchSize), "
            + "\(runner.dataset.count) images → \(runner.directory.path)")
        do {
            try runner.run { event in
                switch event {
                case let .iteration(done, total): progress?.update(done: done, total: total)
                case let .tick(line, entry):
                    progress?.clearLine()
                    print(line + FinetuneCommand.lossSummary(entry))
                    fflush(stdout)  // tick lines and the notes on standard error stay in order in a log
                case let .snapshot(path): progress?.clearLine(); printNote("snapshot → \(path)")
                }
            }
        } catch {
            progress?.clearLine()
            printError("\(error)")
            throw ExitCode(FinetuneCommand.exitStatus(of: error))
        }
    }

    /// The tick's mean losses after the official status line: `G 1.234  D 1.234  r1 0.012  pl 1.234`
    /// (each only when its phase ran during the tick).
    static func lossSummary(_ entry: MetricsEntry) -> String {
        let names = MetricsEntry.StatName.self
        let fields = [("G", names.generatorLoss), ("D", names.discriminatorLoss), ("r1", names.r1Penalty), ("pl", names.plPenalty)]
        return fields.compactMap { label, key in entry.stats[key].map { "  \(label) " + String(format: "%.3f", $0) } }.joined()
    }

    /// Runs set-up, turning its errors into a message and the documented exit code.
    private func starting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            printError("\(error)")
            throw ExitCode(FinetuneCommand.exitStatus(of: error))
        }
    }

    /// 64 for option errors, 3 for files that could not be written, 2 for everything read.
    static func exitStatus(of error: Error) -> Int32 {
        if case FineTuneError.invalidOption = error { return ExitCode.validationFailure.rawValue }
        if error is TrainingOptionsError || error is AugmentModeError { return ExitCode.validationFailure.rawValue }
        if let error = error as? RunFileError, error.isWriteFailure { return ExitStatus.outputFailed }
        return ExitStatus.badInput
    }
}
