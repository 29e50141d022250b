import Foundation
import XCTest
@testable import GANPortTensor

/// NumPy `RandomState` draws against `fixtures/random/randomstate.json` (tools/make_random_fixtures.py).
final class RandomStateFixtureTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/random/randomstate.json")

    static func cases() throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as? [String: Any]
        return try XCTUnwrap(object?["cases"] as? [[String: Any]])
    }

    static func seeded(_ seed: [String: Any]) throws -> NumPyRandomState {
        if let value = seed["int"] as? Int { return try NumPyRandomState(validatingSeed: value) }
        if let list = seed["list"] as? [Int] { return try NumPyRandomState(seedArray: list) }
        let array = try XCTUnwrap(seed["array"] as? [Int])
        return array.count == 1 ? try NumPyRandomState(validatingSeed: array[0]) : try NumPyRandomState(seedArray: array)
    }

    static func bits(_ values: [Double]) -> [String] {
        values.map { value in
            let hex = String(value.bitPattern, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }
    }

    static func stateJSON(_ state: NumPyRandomState.State) -> [String: Any] {
        ["key": state.key.map(Int.init), "pos": state.position, "has_gauss": state.hasGaussian ? 1 : 0,
         "gauss": bits([state.cachedGaussian])[0]]
    }

    func testEveryCaseMatchesNumPy() throws {
        let cases = try Self.cases()
        XCTAssertGreaterThan(cases.count, 10)
        for testCase in cases {
            let name = try XCTUnwrap(testCase["name"] as? String)
            var random = try Self.seeded(try XCTUnwrap(testCase["seed"] as? [String: Any]))
            for (index, call) in try XCTUnwrap(testCase["calls"] as? [[String: Any]]).enumerated() {
                try check(call, on: &random, at: "\(name) call \(index)")
            }
        }
    }

    private func check(_ call: [String: Any], on random: inout NumPyRandomState, at location: String) throws {
        let op = try XCTUnwrap(call["op"] as? String)
        let count = call["count"] as? Int ?? 0
        let low = call["low"] as? Int ?? 0, high = call["high"] as? Int ?? 0
        switch op {
        case "randn":
            let shape = try XCTUnwrap(call["shape"] as? [Int])
            XCTAssertEqual(Self.bits(random.randn(count: shape.reduce(1, *))), call["result"] as? [String], location)
        case "standard_normal":
            XCTAssertEqual(Self.bits([random.standardNormal()]), call["result"] as? [String], location)
        case "random_sample":
            XCTAssertEqual(Self.bits(random.randomSample(count: count)), call["result"] as? [String], location)
        case "uniform":
            let bounds = try (XCTUnwrap(call["low"] as? Double), XCTUnwrap(call["high"] as? Double))
            let values = try XCTUnwrap(random.uniform(low: bounds.0, high: bounds.1, count: count))
            XCTAssertEqual(Self.bits(values), call["result"] as? [String], location)
        case "randint":
            XCTAssertEqual(try random.randint(low: low, high: high, count: count), call["result"] as? [Int], location)
        case "randint_scalar":
            XCTAssertEqual([try random.randint(low: low, high: high)], call["result"] as? [Int], location)
        case "permutation":
            XCTAssertEqual(random.permutation(count), call["result"] as? [Int], location)
        case "shuffle":
            var values = Array(0..<count)
            random.shuffle(&values)
            XCTAssertEqual(values, call["result"] as? [Int], location)
        case "state":
            let expected = try XCTUnwrap(call["result"] as? NSDictionary)
            XCTAssertEqual(Self.stateJSON(random.state) as NSDictionary, expected, location)
        default:
            XCTFail("unknown op \(op) in \(location)")
        }
    }

    func testLatentsHelperIsRandnOfOneByZDim() throws {
        let seed42 = try XCTUnwrap(try Self.cases().first { $0["name"] as? String == "seed42_latent" })
        let calls = try XCTUnwrap(seed42["calls"] as? [[String: Any]])
        XCTAssertEqual(Self.bits(NumPyRandomState.latents(seed: 42, zDim: 512)), calls[0]["result"] as? [String])
    }
}
