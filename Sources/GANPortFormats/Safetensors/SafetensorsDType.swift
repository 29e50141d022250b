/// Every dtype name the safetensors format defines, in the reference crate's declaration order.
///
/// The order is the crate's alignment order: its writer sorts tensors by descending rank, so
/// GANPort needs the full list to write byte-identical files and to validate files that hold
/// dtypes GANPort cannot represent (those are rejected only after the layout checks).
enum SafetensorsDType: String, CaseIterable {
    case bool = "BOOL"
    case f4 = "F4"
    case f6E2M3 = "F6_E2M3"
    case f6E3M2 = "F6_E3M2"
    case u8 = "U8"
    case i8 = "I8"
    case f8E5M2 = "F8_E5M2"
    case f8E4M3 = "F8_E4M3"
    case f8E8M0 = "F8_E8M0"
    case f8E4M3FNUZ = "F8_E4M3FNUZ"
    case f8E5M2FNUZ = "F8_E5M2FNUZ"
    case i16 = "I16"
    case u16 = "U16"
    case f16 = "F16"
    case bf16 = "BF16"
    case i32 = "I32"
    case u32 = "U32"
    case f32 = "F32"
    case c64 = "C64"
    case f64 = "F64"
    case i64 = "I64"
    case u64 = "U64"

    /// Position in the declaration order (the writer's sort key, larger first).
    var rank: Int { SafetensorsDType.allCases.firstIndex(of: self) ?? 0 }

    /// Bits per element (sizes are computed in bits because of the 4- and 6-bit types).
    var bitSize: Int {
        switch self {
        case .f4: return 4
        case .f6E2M3, .f6E3M2: return 6
        case .bool, .u8, .i8, .f8E5M2, .f8E4M3, .f8E8M0, .f8E4M3FNUZ, .f8E5M2FNUZ: return 8
        case .i16, .u16, .f16, .bf16: return 16
        case .i32, .u32, .f32: return 32
        case .c64, .f64, .i64, .u64: return 64
        }
    }

    /// The GANPort dtype of the same name, or nil when GANPort does not hold this type.
    var ganportDType: DType? { DType(rawValue: rawValue) }

    /// The safetensors dtype of a GANPort dtype (every `DType` is named after one).
    init(_ dtype: DType) {
        self = SafetensorsDType(rawValue: dtype.rawValue) ?? .u8
    }
}
