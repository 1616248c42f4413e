/// Why the explorer cannot answer a request: a parameter it cannot read (HTTP 400,
/// naming it), a node it does not know (404, naming the parameter), or a selection
/// too large to draw (400, with advice).
public struct ExplorerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The query parameter at fault, when one is.
    public let parameter: String?
    /// What is wrong and what to do, in one sentence.
    public let message: String
    /// The HTTP status that answers it.
    public let status: Int

    package init(parameter: String?, _ message: String, status: Int = 400) {
        self.parameter = parameter
        self.message = message
        self.status = status
    }

    /// `parameter: message`, or the message alone.
    public var description: String {
        parameter.map { "\($0): \(message)" } ?? message
    }
}
