/// A failure inside Graphviz, with the library's own message.
public struct GraphvizError: Error, Sendable, Hashable, CustomStringConvertible {
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

    public let code: Code
    /// Graphviz's message (`aglasterr`), or ours when Graphviz gives none.
    public let message: String

    public var description: String { "Graphviz \(code.rawValue) error: \(message)" }
}
