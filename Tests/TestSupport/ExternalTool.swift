import Foundation

/// Runs the real consumers of our exports (python3 with networkx, xmllint) from tests.
public enum ExternalTool {
    public struct Output: Sendable {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String

        public init(status: Int32, standardOutput: String, standardError: String) {
            (self.status, self.standardOutput, self.standardError) = (status, standardOutput, standardError)
        }
    }

    public struct Missing: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `arguments` through `/usr/bin/env`, feeding `input` on standard input.
    public static func run(_ arguments: [String], input: String = "") throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Read both pipes before waiting, so a chatty tool cannot fill a pipe and stall.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        DispatchQueue.global().async(group: group) { errorData = stderr.fileHandleForReading.readDataToEndOfFile() }
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
                      standardError: String(decoding: errorData, as: UTF8.self))
    }

    /// Runs a Python script that needs networkx; a missing python3 or networkx is an
    /// error that says how to get them (`make test` installs them).
    public static func python(_ script: String, arguments: [String] = []) throws -> Output {
        let probe = try? run(["python3", "-c", "import networkx"])
        guard let probe, probe.status == 0 else {
            throw Missing(description: "python3 with networkx is needed to check exports with their real consumer; "
                          + "`make test` installs it (pip install networkx)")
        }
        return try run(["python3", "-"] + arguments, input: script)
    }

    /// `xmllint --noout --schema SCHEMA FILE`.
    public static func xmllint(schema: String, file: String) throws -> Output {
        let probe = try? run(["xmllint", "--version"])
        guard let probe, probe.status == 0 else {
            throw Missing(description: "xmllint is needed to validate GEXF against its schema; "
                          + "`make test` installs it (apt-get install libxml2-utils)")
        }
        return try run(["xmllint", "--noout", "--schema", schema, file])
    }
}

/// Where the repository and the shared reference data are.
public enum TestPaths {
    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let bundledData = repository.appendingPathComponent("Data").path
    /// `../shared` beside the repository (CI has it; a bare checkout may not).
    public static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared")
    public static var hasShared: Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent("data").path)
    }

    public static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("diplograph-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
