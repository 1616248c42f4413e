import DiplographCore

/// A failure inside Graphviz, with the library's own message.
public struct GraphvizError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which step of Graphviz failed.
    public enum Code: String, Sendable, Hashable {
        /// `agmemread` rejected the DOT text.
        case parse
        /// `gvLayout` failed (unknown engine or a layout error).
        case layout
        /// `gvRenderData` failed (unknown or unavailable output format).
        case render
        /// `gvContext` could not be created.
        case context
    }

    /// Which step failed.
    public let code: Code
    /// Graphviz's message (`aglasterr`), or ours when Graphviz gives none.
    public let message: String

    /// The problem as a diagnostic, with what to do about it.
    public var diagnostic: Diagnostic {
        let hint = switch code {
        case .parse: "the DOT text is not valid; if Diplograph made it, please report it with the data"
        case .layout: "try another `engine`, or draw fewer nodes (`top`, `focus`)"
        case .render: "try another output format (svg, png, pdf)"
        case .context: "check that Graphviz's plugins are installed (libgraphviz-dev, then `dot -c` as root)"
        }
        return Diagnostic(code: Diagnostic.Code(rawValue: "graphviz-" + code.rawValue),
                          message: "Graphviz \(code.rawValue) error: \(message)", hint: hint)
    }

    /// Graphviz's step and message.
    public var description: String { "Graphviz \(code.rawValue) error: \(message)" }
}
