/// File extensions the official dataset code treats as images: `PIL.Image.EXTENSION` after
/// `PIL.Image.init()` (Pillow 9.4). Files are listed by extension, as there; their bytes then
/// decide the decoder, and only PNG and JPEG decode.
enum ImageFileExtensions {
    static let pillow: Set<String> = [
        ".apng", ".blp", ".bmp", ".bufr", ".bw", ".cur", ".dcx", ".dds", ".dib", ".emf", ".eps", ".fit", ".fits",
        ".flc", ".fli", ".fpx", ".ftc", ".ftu", ".gbr", ".gif", ".grib", ".h5", ".hdf", ".icb", ".icns", ".ico",
        ".iim", ".im", ".j2c", ".j2k", ".jfif", ".jp2", ".jpc", ".jpe", ".jpeg", ".jpf", ".jpg", ".jpx", ".mic",
        ".mpeg", ".mpg", ".mpo", ".msp", ".palm", ".pbm", ".pcd", ".pcx", ".pdf", ".pgm", ".png", ".pnm", ".ppm",
        ".ps", ".psd", ".pxr", ".ras", ".rgb", ".rgba", ".sgi", ".tga", ".tif", ".tiff", ".vda", ".vst", ".webp",
        ".wmf", ".xbm", ".xpm",
    ]

    /// `os.path.splitext(name)[1].lower()`: the last extension of the last path component,
    /// empty for names like `.hidden` whose only dot leads.
    static func extensionOf(_ name: String) -> String {
        let base = name.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? name
        let stripped = base.drop(while: { $0 == "." })
        guard let dot = stripped.lastIndex(of: ".") else { return "" }
        return String(stripped[dot...]).lowercased()
    }

    /// Whether the official code lists `name` as an image.
    static func isImage(_ name: String) -> Bool { pillow.contains(extensionOf(name)) }

    /// Python's `sorted()` order for `str`: code point by code point.
    static func pythonOrder(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.map(\.value).lexicographicallyPrecedes(b.unicodeScalars.map(\.value))
    }
}
