/// Why the explorer cannot answer a request: a parameter it cannot read (the HTTP
/// status 400 names it), or a selection too large to draw (also 400, with advice).
public struct ExplorerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The query parameter at fault, when one is.
    public let parameter: String?
    /// What is wrong and what to do, in one sentence.
    public let message: String

    package init(parameter: String?, _ message: String) {
        self.parameter = parameter
        self.message = message
    }

    public var description: String {
        parameter.map { "\($0): \(message)" } ?? message
    }
}
