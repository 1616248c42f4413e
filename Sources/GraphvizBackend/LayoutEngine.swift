/// The Graphviz layout engines Diplograph can ask for.
public enum LayoutEngine: String, Sendable, Hashable, CaseIterable {
    case dot, neato, fdp, sfdp, circo, twopi
}

/// The output formats Graphviz renders (plus `dot`, our DOT source as text).
public enum OutputFormat: String, Sendable, Hashable, CaseIterable {
    case svg, png, pdf, dot

    /// The format named by a file's extension (`.gv` is DOT), or nil.
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "svg": self = .svg
        case "png": self = .png
        case "pdf": self = .pdf
        case "dot", "gv": self = .dot
        default: return nil
        }
    }

    /// Graphviz's renderer name: SVG through the core renderer (text measured by
    /// pango when it is installed), PNG and PDF through cairo.
    var graphvizName: String {
        switch self {
        case .svg: "svg"
        case .png: "png:cairo"
        case .pdf: "pdf:cairo"
        case .dot: "dot"
        }
    }
}
