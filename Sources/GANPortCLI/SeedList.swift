import Foundation

/// Why a seed or index list (`--seeds`, `--rows`, `--cols`, `--styles`) was refused.
enum SeedListError: Error, Equatable, CustomStringConvertible {
    /// Nothing between two commas, or an empty list.
    case emptyItem(option: String, text: String)
    /// An item that is neither a number nor `A-B`.
    case notANumber(option: String, item: String)
    /// `A-B` with B < A (the official `num_range` silently gives no seeds).
    case descendingRange(option: String, item: String)
    /// A number above `limit` (seeds feed `np.random.RandomState`, which takes 0…2³²−1).
    case outOfRange(option: String, item: String, limit: Int)
    /// More than `limit` values in all.
    case tooMany(option: String, limit: Int)

    var description: String {
        switch self {
        case let .emptyItem(option, text): return "\(option) '\(text)': empty item (write e.g. 0-7, 1,5,9 or 0-3,10)"
        case let .notANumber(option, item): return "\(option): '\(item)' is neither a number nor a range A-B"
        case let .descendingRange(option, item): return "\(option): range '\(item)' runs backwards"
        case let .outOfRange(option, item, limit): return "\(option): '\(item)' is above \(limit)"
        case let .tooMany(option, limit): return "\(option): more than \(limit) values"
        }
    }
}

/// Number lists as the official scripts' `num_range` reads them (`0-7` → 0…7 inclusive, `1,5,9`),
/// extended to mixed lists (`0-3,10,20-22`). Items are ASCII digits, spaces around them are ignored.
enum SeedList {
    /// The largest seed `np.random.RandomState` accepts.
    static let maxSeed = Int(UInt32.max)
    /// The most values one list may expand to (checked before anything is allocated).
    static let maxCount = 1 << 20

    /// The values of `text`, in order, duplicates kept (as the official scripts keep them).
    static func parse(_ text: String, option: String, maxValue: Int = maxSeed) throws -> [Int] {
        var values: [Int] = []
        for rawItem in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = rawItem.trimmingCharacters(in: .whitespaces)
            guard !item.isEmpty else { throw SeedListError.emptyItem(option: option, text: text) }
            let bounds = item.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            let numbers = try bounds.map { try number(String($0), item: item, option: option, maxValue: maxValue) }
            let first = numbers[0], last = numbers.count == 2 ? numbers[1] : numbers[0]
            guard last >= first else { throw SeedListError.descendingRange(option: option, item: item) }
            guard last - first < maxCount - values.count else { throw SeedListError.tooMany(option: option, limit: maxCount) }
            values.append(contentsOf: first...last)
        }
        return values
    }

    private static func number(_ text: String, item: String, option: String, maxValue: Int) throws -> Int {
        guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }) else {
            throw SeedListError.notANumber(option: option, item: item)
        }
        guard let value = Int(text), value <= maxValue else {
            throw SeedListError.outOfRange(option: option, item: item, limit: maxValue)
        }
        return value
    }
}
