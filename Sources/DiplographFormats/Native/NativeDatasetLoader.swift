import Foundation
import DiplographCore
import Yams

/// Loads Diplograph's native dataset format: YAML (hand-written, with comments) or
/// JSON (which the YAML parser reads too, so errors carry line and column either way).
///
/// A dataset is one file or a folder of `.yaml`, `.yml` and `.json` files (read
/// recursively, in path order). Every file is checked in full and every problem of
/// every file is reported; a dataset with any problem is not returned.
package enum NativeDatasetLoader {
    /// Top-level sections of a file.
    static let sections = ["dataset", "nodes", "offices", "events"]

    /// Loads the file or folder at `path`.
    package static func load(path: String) throws(FormatError) -> Dataset {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FormatError(diagnostics: [Diagnostic(
                code: .unreadableFile, file: path, line: 0, column: 0,
                message: "no such file or folder", hint: "give the path of a dataset file or folder")])
        }
        var files: [String] = []
        if isDirectory.boolValue {
            let enumerator = FileManager.default.enumerator(atPath: path)
            while let relative = enumerator?.nextObject() as? String {
                let ext = (relative as NSString).pathExtension.lowercased()
                if ["yaml", "yml", "json"].contains(ext) {
                    files.append((path as NSString).appendingPathComponent(relative))
                }
            }
            files.sort()
            guard !files.isEmpty else {
                throw FormatError(diagnostics: [Diagnostic(
                    code: .unreadableFile, file: path, line: 0, column: 0,
                    message: "the folder holds no .yaml, .yml or .json file", hint: "give the path of a dataset file or folder")])
            }
        } else {
            files = [path]
        }
        var documents: [(String, String)] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            switch readText(file) {
            case .success(let text): documents.append((file, text))
            case .failure(let error): diagnostics += error.diagnostics
            }
        }
        // Files that could be read are still checked, so one run reports everything.
        let dataset: Dataset
        do {
            dataset = try load(documents: documents)
        } catch {
            throw FormatError(diagnostics: diagnostics + error.diagnostics)
        }
        guard diagnostics.isEmpty else { throw FormatError(diagnostics: diagnostics) }
        return dataset
    }

    /// Loads a dataset from in-memory documents `(file name, text)`, checked together
    /// (references may cross files).
    package static func load(documents: [(file: String, text: String)]) throws(FormatError) -> Dataset {
        var assembler = DatasetAssembler()
        for (file, text) in documents {
            assembler.read(text, file: file)
        }
        return try assembler.finish()
    }

    private static func readText(_ file: String) -> Result<String, FormatError> {
        guard let data = FileManager.default.contents(atPath: file) else {
            return .failure(FormatError(Diagnostic(code: .unreadableFile, file: file, line: 0, column: 0,
                                       message: "cannot read the file", hint: "check that it exists and is readable")))
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(bytes)
            return .failure(FormatError(Diagnostic(code: .invalidEncoding, file: file, line: line, column: column,
                                       message: "the file is not valid UTF-8", hint: "save it as UTF-8")))
        }
        if let nul = text.utf8.firstIndex(of: 0) {
            let prefix = text.utf8[..<nul]
            let line = prefix.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            return .failure(FormatError(Diagnostic(code: .invalidEncoding, file: file, line: line, column: 1,
                                       message: "the file contains a NUL byte", hint: "this is not a text file; check the path")))
        }
        return .success(text)
    }

    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + 4)
            var valid = false
            for length in 1...(end - index) where String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil {
                index += length
                valid = true
                break
            }
            if !valid { return (line, index - lineStart + 1) }
            if bytes[index - 1] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index
            }
        }
        return (line, 1)
    }
}
