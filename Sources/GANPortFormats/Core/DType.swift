/// Element types of stored tensors, named as safetensors names them.
///
/// The raw value is the safetensors dtype string (`"F32"`, `"BF16"`, …), which is also the
/// spelling used in `inspect --json` manifests and golden fixtures.
public enum DType: String, CaseIterable, Sendable, Codable {
    case f64 = "F64"
    case f32 = "F32"
    case f16 = "F16"
    case bf16 = "BF16"
    case i64 = "I64"
    case i32 = "I32"
    case i16 = "I16"
    case i8 = "I8"
    case u8 = "U8"
    case bool = "BOOL"

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .f64, .i64: return 8
        case .f32, .i32: return 4
        case .f16, .bf16, .i16: return 2
        case .i8, .u8, .bool: return 1
        }
    }

    /// Whether the type holds floating-point values.
    public var isFloatingPoint: Bool {
        switch self {
        case .f64, .f32, .f16, .bf16: return true
        default: return false
        }
    }

    /// The PyTorch storage class that holds this type (`torch.FloatStorage`, …).
    public var torchStorageName: String {
        switch self {
        case .f64: return "DoubleStorage"
        case .f32: return "FloatStorage"
        case .f16: return "HalfStorage"
        case .bf16: return "BFloat16Storage"
        case .i64: return "LongStorage"
        case .i32: return "IntStorage"
        case .i16: return "ShortStorage"
        case .i8: return "CharStorage"
        case .u8: return "ByteStorage"
        case .bool: return "BoolStorage"
        }
    }

    /// The dtype a PyTorch storage class name (`FloatStorage`) stands for, or nil.
    public init?(torchStorageName name: String) {
        guard let match = DType.allCases.first(where: { $0.torchStorageName == name }) else { return nil }
        self = match
    }

    /// The dtype of a `torch.<name>` dtype global (`torch.float32`, `torch.half`, …), or nil.
    public init?(torchDTypeName name: String) {
        switch name {
        case "float64", "double": self = .f64
        case "float32", "float": self = .f32
        case "float16", "half": self = .f16
        case "bfloat16": self = .bf16
        case "int64", "long": self = .i64
        case "int32", "int": self = .i32
        case "int16", "short": self = .i16
        case "int8": self = .i8
        case "uint8": self = .u8
        case "bool": self = .bool
        default: return nil
        }
    }

    /// NumPy's type character and size without byte order (`f4`, `u1`, `b1`), as in `.npy` headers.
    public var numpyKind: String {
        switch self {
        case .f64: return "f8"
        case .f32: return "f4"
        case .f16: return "f2"
        case .bf16: return "V2"  // NumPy has no bfloat16; never written as .npy
        case .i64: return "i8"
        case .i32: return "i4"
        case .i16: return "i2"
        case .i8: return "i1"
        case .u8: return "u1"
        case .bool: return "b1"
        }
    }

    /// The dtype of a NumPy kind+size string (`f4`, `i8`, `b1`, `?`), or nil when GANPort does not hold it.
    public init?(numpyKind kind: String) {
        switch kind {
        case "f8": self = .f64
        case "f4": self = .f32
        case "f2", "e": self = .f16
        case "i8": self = .i64
        case "i4": self = .i32
        case "i2": self = .i16
        case "i1", "b": self = .i8
        case "u1", "B": self = .u8
        case "b1", "?": self = .bool
        case "d": self = .f64
        case "f": self = .f32
        default: return nil
        }
    }
}
