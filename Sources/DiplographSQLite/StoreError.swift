import DiplographCore
import DiplographFormats
import GRDB

/// Why a store could not be opened, read or written: every problem, each with the store
/// or file it concerns and what to do. An ingest that fails changes nothing.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The problems, in the order found.
    public let diagnostics: [Diagnostic]

    package init(_ diagnostic: Diagnostic) {
        diagnostics = [diagnostic]
    }

    package init(_ error: FormatError) {
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

    package static func notAStore(_ path: String) -> StoreError {
        StoreError(Diagnostic(code: "not-a-store", file: path, message: "this SQLite database is not a Diplograph store",
                              hint: "give the path of a store made by `diplograph ingest`, or a new file name"))
    }

    /// An SQLite failure while working on `path`, said in the user's terms.
    static func database(_ path: String, _ error: any Error) -> StoreError {
        guard let error = error as? DatabaseError else {
            return StoreError(Diagnostic(code: "store-failed", file: path, message: "the store could not be used: \(error)",
                                         hint: "check that the path is a Diplograph store, readable and writable"))
        }
        let (code, message, hint): (Diagnostic.Code, String, String) = switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            ("store-busy", "another program is writing to the store (an ingest?); nothing was written",
             "wait until it is done and run the command again")
        case .SQLITE_FULL:
            ("store-full", "the disk is full, or the store reached its size limit; nothing of this file was written",
             "make room on the disk, then run the ingest again")
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            ("store-unwritable", "the store cannot be opened or written (\(error.message ?? "permission denied"))",
             "check that its folder exists and is writable, and that the file is not read-only")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            ("store-damaged", "the store is damaged (\(error.message ?? "corrupt"))",
             "ingest the files again into a new store; `diplograph store files` on a copy may list them")
        default:
            ("store-failed", "the store could not be used: \(error.message ?? "\(error.resultCode)")",
             "check that the path is a Diplograph store, readable and writable, with room on the disk")
        }
        return StoreError(Diagnostic(code: code, file: path, message: message, hint: hint))
    }
}
