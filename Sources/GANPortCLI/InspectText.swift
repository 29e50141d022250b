import GANPortFormats

/// The human-readable listing of `inspect`.
enum InspectText {
    static func render(checkpoint: Checkpoint, manifest: JSONValue, path: String) -> String {
        var lines: [String] = []
        let totals = manifest["totals"]
        lines.append("\(path): \(checkpoint.format.rawValue)")
        lines.append("tensors: \(totals?["tensors"]?.intValue ?? 0), elements: \(totals?["elements"]?.intValue ?? 0), bytes: \(totals?["bytes"]?.intValue ?? 0)")
        let rows = manifest["tensors"]?.arrayValue ?? []
        let width = rows.map { ($0["name"]?.stringValue ?? "").count }.max() ?? 0
        for row in rows {
            let name = row["name"]?.stringValue ?? ""
            let dtype = row["dtype"]?.stringValue ?? ""
            let shape = (row["shape"]?.arrayValue ?? []).compactMap(\.intValue).map(String.init).joined(separator: ", ")
            var line = "  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + dtype.padding(toLength: 5, withPad: " ", startingAt: 0) + "  [\(shape)]"
            if let sha = row["sha256"]?.stringValue { line += "  " + sha }
            lines.append(line)
        }
        if !checkpoint.metadata.isEmpty {
            lines.append("metadata:")
            for (key, value) in checkpoint.metadata {
                lines.append("  \(key): \(value.serialized())")
            }
        }
        if checkpoint.findings.isEmpty {
            lines.append("security: no findings")
        } else {
            lines.append("security: \(checkpoint.findings.count) finding(s) — loading this file in Python would run code:")
            for finding in checkpoint.findings { lines.append("  [\(finding.severity.rawValue)] \(finding)") }
        }
        return lines.joined(separator: "\n")
    }
}
