import DiplographCore
import Foundation

/// Writes output files whole or not at all: the bytes go to a temporary file in the
/// same folder, which is then renamed over the target. A failure leaves any existing
/// file untouched and no partial file behind.
package enum AtomicFile {
    /// Writes `bytes` to `path`, creating missing parent folders.
    package static func write(_ bytes: some Collection<UInt8>, to path: String) throws(FormatError) {
        func failure(_ reason: String) -> FormatError {
            FormatError(Diagnostic(code: .unwritableFile, file: path, message: "cannot write the file: \(reason)",
                                   hint: "check the path, and that its folder exists or can be made and is writable"))
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw failure("it is a folder")
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes)) else {
                throw failure("the folder is not writable")
            }
            if rename(temporary.path, path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw failure(reason)
            }
        } catch let error as FormatError {
            throw error
        } catch {
            throw failure(error.localizedDescription)
        }
    }

    /// Writes `text` as UTF-8 to `path`, as `write(_:to:)` writes bytes.
    package static func write(_ text: String, to path: String) throws(FormatError) {
        try write(Array(text.utf8), to: path)
    }
}
