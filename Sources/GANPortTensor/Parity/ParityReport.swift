import GANPortFormats

/// The result of running one golden fixture (op or module): one measurement per output and
/// gradient, plus problems that are not tensor comparisons. `ganport verify` prints it.
public struct ParityReport {
    /// The fixture file.
    public var fixture: String
    /// What was run.
    public var target: String
    /// The checkpoint entry a module fixture runs (`G_ema`), empty for ops.
    public var checkpointEntry: String
    /// The tolerance tier used for every tensor of this fixture.
    public var tier: ParityComparator.Tier
    /// Outputs, input gradients and parameter gradients, in that order.
    public var measurements: [ParityComparator.Measurement]
    /// Problems that are not a tensor comparison (a parameter without a stored gradient, …).
    public var problems: [String]

    public init(fixture: String, target: String, checkpointEntry: String, tier: ParityComparator.Tier,
                measurements: [ParityComparator.Measurement], problems: [String]) {
        self.fixture = fixture
        self.target = target
        self.checkpointEntry = checkpointEntry
        self.tier = tier
        self.measurements = measurements
        self.problems = problems
    }

    /// Compares every reference output (in name order) with the run's outputs under `tier`, noting
    /// missing ones as problems; returns the output names in that order.
    @discardableResult
    public mutating func compareOutputs(_ outputs: [String: Tensor<Float>], references: [String: Tensor<Float>]) -> [String] {
        let names = references.keys.sorted()
        for name in names {
            guard let value = outputs[name], let reference = references[name] else {
                problems.append("no output '\(name)'")
                continue
            }
            measurements.append(ParityComparator.compareOutput("outputs/\(name)", value, reference: reference, tier: tier))
        }
        return names
    }

    /// Whether every tensor is within bounds and nothing is missing.
    public var passed: Bool { problems.isEmpty && measurements.allSatisfy(\.passed) }

    /// One line per tensor and problem, then a summary line.
    public var lines: [String] {
        measurements.map(\.line) + problems.map { "FAIL: \($0)" }
            + ["\(fixture): \(target)\(checkpointEntry.isEmpty ? "" : " " + checkpointEntry) [\(tier)]: \(measurements.filter(\.passed).count)/\(measurements.count) tensors within bounds"
               + (problems.isEmpty ? "" : ", \(problems.count) problems") + (passed ? " — PASS" : " — FAIL")]
    }

    /// Machine-readable report.
    public var json: JSONValue {
        .object([("fixture", .string(fixture)), ("target", .string(target)), ("checkpoint_entry", .string(checkpointEntry)),
                 ("tier", .string(tier.description)), ("passed", .bool(passed)),
                 ("problems", .array(problems.map(JSONValue.string))),
                 ("tensors", .array(measurements.map { m in
                     .object([("name", .string(m.name)), ("max_abs", .double(m.maxAbs)), ("max_rel", .double(m.maxRel)),
                              ("bound", .double(m.bound)), ("error_over_bound", .double(m.worstRatio)),
                              ("passed", .bool(m.passed))] + (m.problem.map { [("problem", JSONValue.string($0))] } ?? []))
                 }))])
    }
}
