import Foundation
import TestSupport

/// `diplograph serve` started by a test on a free loopback port, stopped when the test
/// is done (SIGTERM, then SIGKILL if it lingers).
final class ServedExplorer: @unchecked Sendable {
    let process = Process()
    let address: String
    private let output = Pipe()
    private let errors = Pipe()

    /// The built program, beside this test binary.
    static let program: URL = {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(), Bundle.main.bundleURL,
                          Bundle.main.bundleURL.deletingLastPathComponent()]
        return candidates.map { $0.appendingPathComponent("diplograph") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0].appendingPathComponent("diplograph")
    }()

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    init(_ arguments: [String]) throws {
        process.executableURL = Self.program
        process.arguments = ["serve", "--port", "0"] + arguments
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        var line = Data()
        let reader = output.fileHandleForReading
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = reader.availableData
            if chunk.isEmpty {
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw Failed(description: "serve ended before listening: \(message)")
            }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let start = text.range(of: "http://"), let end = text[start.lowerBound...].firstIndex(of: " ") else {
            throw Failed(description: "serve printed no address: \(text)")
        }
        address = String(text[start.lowerBound..<end])
        firstLines = text
    }

    /// What the server printed before it listened.
    let firstLines: String

    /// Stops the server with `signal` and returns its exit status and what it printed after.
    @discardableResult
    func stop(_ signal: Int32 = SIGTERM) -> (status: Int32, output: String) {
        guard process.isRunning else { return (process.terminationStatus, "") }
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, rest)
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// A GET (or another method) over loopback: status, headers and body.
    func request(_ path: String, method: String = "GET") throws -> (status: Int, headers: [String: String], body: Data) {
        // curl sends the path as written (--path-as-is), dot segments and escapes included.
        let result = try ExternalTool.run(["curl", "-s", "--path-as-is", "-X", method, "-D", "-", "-o", "-",
                                           "--max-time", "30", address.dropLast() + path])
        let raw = Data(result.standardOutput.utf8)
        guard let split = result.standardOutput.range(of: "\r\n\r\n") else {
            throw Failed(description: "no HTTP answer for \(path): \(result.standardError)")
        }
        let head = result.standardOutput[..<split.lowerBound]
        let lines = head.components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return (status, headers, raw.suffix(from: result.standardOutput[..<split.upperBound].utf8.count))
    }
}
