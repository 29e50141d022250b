extension SafetensorsHeader {
    /// The header as the reference writer emits it: compact JSON (serde_json), `__metadata__` first
    /// when present, then the entries in order with keys `dtype`, `shape`, `data_offsets`, padded
    /// with spaces to a multiple of 8 bytes.
    func serialized() -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        var first = true
        func separator() {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
        }
        if let metadata {
            separator()
            SafetensorsHeader.appendString("__metadata__", to: &out)
            out.append(contentsOf: Array(":{".utf8))
            for (index, (key, value)) in metadata.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                SafetensorsHeader.appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                SafetensorsHeader.appendString(value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        for entry in entries {
            separator()
            SafetensorsHeader.appendString(entry.name, to: &out)
            let shape = entry.shape.map(String.init).joined(separator: ",")
            let body = ":{\"dtype\":\"\(entry.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(entry.begin),\(entry.end)]}"
            out.append(contentsOf: Array(body.utf8))
        }
        out.append(UInt8(ascii: "}"))
        let padding = (8 - out.count % 8) % 8
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding))
        return out
    }

    /// Appends `text` as a JSON string literal escaped exactly as serde_json escapes it:
    /// `\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`, other controls as `\u00xx` (lowercase hex),
    /// everything else (including non-ASCII) as raw UTF-8.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x00..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
