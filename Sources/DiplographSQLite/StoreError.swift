import DiplographCore
import DiplographFormats

/// Why a store could not be opened, read or written: every problem, each with the store
/// or file it concerns and what to do. An ingest that fails changes nothing.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The problems, in the order found.
    public let diagnostics: [Diagnostic]

    init(_ diagnostic: Diagnostic) {
        diagnostics = [diagnostic]
    }

    init(_ error: FormatError) {
        diagnostics = error.diagnostics
    }

    /// Every diagnostic, one after the other.
    public var description: String {
        description(naming: [:])
    }

    /// The description with parameter names replaced (see `Diagnostic.description(naming:)`).
    public func description(naming names: [String: String]) -> String {
        diagnostics.map { $0.description(naming: names) }.joined(separator: "\n")
    }

    static func notAStore(_ path: String) -> StoreError {
        StoreError(Diagnostic(code: "not-a-store", file: path, message: "this SQLite database is not a Diplograph store",
                              hint: "give the path of a store made by `diplograph ingest`, or a new file name"))
    }

    /// An SQLite failure while working on `path`.
    static func database(_ path: String, _ error: any Error) -> StoreError {
        StoreError(Diagnostic(code: "store-failed", file: path, message: "the store could not be used: \(error)",
                              hint: "check that the path is a Diplograph store, readable and writable, with room on the disk"))
    }
}
