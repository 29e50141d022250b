import ArgumentParser

/// Why `generate` or `style-mix` refused its arguments or inputs.
enum ImageCommandError: Error, Equatable, CustomStringConvertible {
    /// A conditional network and no `--class` (the official "Must specify class label with --class
    /// when using a conditional network").
    case classRequired(cDim: Int)
    /// `--class` outside 0..<c_dim.
    case classOutOfRange(Int, cDim: Int)
    /// Neither `--seeds` nor `--projected-w`.
    case seedsRequired
    /// Truncation asked of a network without `w_avg` (`w_avg_beta` None).
    case truncationWithoutWAvg
    /// A `--styles` index outside 0..<num_ws.
    case styleOutOfRange(Int, numWs: Int)
    /// `--grid` not of the form COLSxROWS, or too small for the images.
    case badGrid(String)
    /// The `--projected-w` file has no array `w`.
    case projectedWMissing
    /// The `w` array is not `[N, num_ws, w_dim]` (N ≥ 1).
    case projectedWShape(found: [Int], numWs: Int, wDim: Int)
    /// The network makes images with a channel count PNG cannot hold.
    case unsupportedChannels(Int)

    var description: String {
        switch self {
        case let .classRequired(cDim):
            return "the network is conditional (c_dim = \(cDim)): specify the class label with --class (0…\(cDim - 1))"
        case let .classOutOfRange(index, cDim): return "--class \(index) is outside 0…\(cDim - 1) (c_dim = \(cDim))"
        case .seedsRequired: return "--seeds is required when not using --projected-w"
        case .truncationWithoutWAvg: return "truncation needs w_avg, which this network does not track (w_avg_beta is None)"
        case let .styleOutOfRange(index, numWs): return "--styles \(index) is outside 0…\(numWs - 1) (the network has \(numWs) ws)"
        case let .badGrid(why): return "--grid: \(why)"
        case .projectedWMissing: return "no array 'w'"
        case let .projectedWShape(found, numWs, wDim): return "'w' has shape \(found), expected [N, \(numWs), \(wDim)]"
        case let .unsupportedChannels(count): return "the network makes \(count)-channel images; PNG takes 1, 3 or 4"
        }
    }

    /// Usage mistakes exit 64; problems of the input files exit 2.
    var exitCode: ExitCode {
        switch self {
        case .projectedWMissing, .projectedWShape, .truncationWithoutWAvg, .unsupportedChannels:
            return ExitCode(ExitStatus.badInput)
        default:
            return .validationFailure
        }
    }
}

/// Runs `body`, turning `ImageCommandError` and `SeedListError` into one error line and their exit code.
func checkingArguments<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ImageCommandError {
        printError(error.description)
        throw error.exitCode
    } catch let error as SeedListError {
        printError(error.description)
        throw ExitCode.validationFailure
    }
}
