import DiplographCore
import DiplographDOT
import DiplographFormats
import Foundation
import Synchronization

/// Layouts and drawings in a worker process of our own (`diplograph graphviz-worker`,
/// Graphviz linked in, as in the server), replaced every `rendersPerWorker` calls.
///
/// Why: Graphviz 2.42 never frees a few KB per layout inside `gvLayout` (HTML-like
/// labels, dot's cluster skeletons, neato's spline router; see
/// Tests/valgrind/graphviz.supp), so a server drawing without end would grow without
/// end. A worker's losses end with it. A layout that runs past `timeoutSeconds` is
/// stopped by killing its worker, and a crash inside Graphviz ends the worker, not
/// the server.
///
/// Calls are serialized, as Graphviz's are.
package final class DrawingWorker: DrawingBackend {
    private struct Running {
        let process: Process
        let requests: Int32
        let replies: Int32
        var calls = 0
    }

    private let state = Mutex<Running?>(nil)
    private let executable: String
    package let rendersPerWorker: Int
    package let timeoutSeconds: Double

    /// A worker started from `executable` (this program) when first needed.
    package init(executable: String, rendersPerWorker: Int = 500, timeoutSeconds: Double = 30) {
        self.executable = executable
        self.rendersPerWorker = rendersPerWorker
        self.timeoutSeconds = timeoutSeconds
    }

    deinit {
        state.withLock { running in
            if let running { stop(running) }
        }
    }

    /// The process id of the current worker, if one runs (for tests).
    package var workerID: Int32? {
        state.withLock { $0?.process.processIdentifier }
    }

    package func counts(dot: String) throws(ExplorerError) -> (nodes: Int, edges: Int) {
        let reply = String(decoding: try call(.counts, engine: .dot, format: .svg, dot: dot), as: UTF8.self)
        let numbers = reply.split(separator: " ").compactMap { Int($0) }
        guard numbers.count == 2 else { throw ExplorerError(parameter: nil, "the drawing worker answered '\(reply)'", status: 500) }
        return (numbers[0], numbers[1])
    }

    package func render(dot: String, engine: LayoutEngine, format: OutputFormat) throws(ExplorerError) -> [UInt8] {
        try call(.render, engine: engine, format: format, dot: dot)
    }

    package func positions(dot: String, engine: LayoutEngine) throws(ExplorerError) -> PinnedLayout {
        let reply = try call(.positions, engine: engine, format: .svg, dot: dot)
        guard let layout = WorkerWire.decodeLayout(reply) else {
            throw ExplorerError(parameter: nil, "the drawing worker's positions could not be read", status: 500)
        }
        return layout
    }

    private func call(_ operation: WorkerWire.Operation, engine: LayoutEngine, format: OutputFormat,
                      dot: String) throws(ExplorerError) -> [UInt8] {
        let request = WorkerWire.request(operation, engine: engine, format: format, dot: dot)
        return try state.withLock { (running: inout Running?) throws(ExplorerError) -> [UInt8] in
            if let current = running, current.calls >= rendersPerWorker {
                stop(current)
                running = nil
            }
            if running == nil { running = try start() }
            guard var current = running else { throw ExplorerError(parameter: nil, "no drawing worker", status: 500) }
            let deadline = ContinuousClock.now + .milliseconds(Int(timeoutSeconds * 1000))
            guard WorkerWire.write(request, to: current.requests),
                  let header = WorkerWire.read(count: 5, from: current.replies, until: deadline),
                  let body = WorkerWire.read(count: Int(WorkerWire.length(header, at: 1)), from: current.replies, until: deadline)
            else {
                let timedOut = ContinuousClock.now >= deadline
                stop(current)
                running = nil
                throw timedOut
                    ? ExplorerError(parameter: nil, "the drawing took longer than \(Int(timeoutSeconds)) s and was stopped; "
                                    + "narrow it with top, min-events, focus and depth, or window", status: 503)
                    : ExplorerError(parameter: nil, "Graphviz failed on this drawing (its worker ended)", status: 500)
            }
            current.calls += 1
            running = current
            guard header[0] == 0 else {
                throw ExplorerError(parameter: nil, "the drawing failed: \(String(decoding: body, as: UTF8.self))", status: 500)
            }
            return body
        }
    }

    private func start() throws(ExplorerError) -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["graphviz-worker"]
        let requests = Pipe(), replies = Pipe()
        process.standardInput = requests
        process.standardOutput = replies
        do {
            try process.run()
        } catch {
            throw ExplorerError(parameter: nil, "the drawing worker could not start: \(error)", status: 500)
        }
        // Our ends, as raw descriptors: reads wait with poll() for a deadline.
        let requestEnd = dup(requests.fileHandleForWriting.fileDescriptor)
        let replyEnd = dup(replies.fileHandleForReading.fileDescriptor)
        try? requests.fileHandleForWriting.close()
        try? replies.fileHandleForReading.close()
        return Running(process: process, requests: requestEnd, replies: replyEnd)
    }

    private func stop(_ running: Running) {
        close(running.requests)
        close(running.replies)
        if running.process.isRunning { kill(running.process.processIdentifier, SIGKILL) }
        running.process.waitUntilExit()
    }
}

/// The worker's side: requests on standard input, answers on standard output, until
/// standard input ends.
package enum GraphvizWorkerLoop {
    package static func run(input: Int32 = 0, output: Int32 = 1) {
        let drawing = InProcessDrawing()
        while let header = WorkerWire.read(count: 7, from: input, until: nil) {
            guard let dotBytes = WorkerWire.read(count: Int(WorkerWire.length(header, at: 3)), from: input, until: nil),
                  let operation = WorkerWire.Operation(rawValue: header[0]),
                  Int(header[1]) < LayoutEngine.allCases.count, Int(header[2]) < OutputFormat.allCases.count else { return }
            let engine = LayoutEngine.allCases[Int(header[1])], format = OutputFormat.allCases[Int(header[2])]
            let dot = String(decoding: dotBytes, as: UTF8.self)
            let reply: [UInt8]
            do {
                switch operation {
                case .counts:
                    let counts = try drawing.counts(dot: dot)
                    reply = WorkerWire.reply(ok: true, Array("\(counts.nodes) \(counts.edges)".utf8))
                case .render: reply = WorkerWire.reply(ok: true, try drawing.render(dot: dot, engine: engine, format: format))
                case .positions: reply = WorkerWire.reply(ok: true, WorkerWire.encode(try drawing.positions(dot: dot, engine: engine)))
                }
            } catch {
                reply = WorkerWire.reply(ok: false, Array(error.message.utf8))
            }
            guard WorkerWire.write(reply, to: output) else { return }
        }
    }
}

/// The bytes between the server and its worker. A request: operation, engine and
/// format (one byte each), the DOT text's length (four bytes, little-endian), the text.
/// A reply: 0 for success or 1 for a Graphviz error, the length, the bytes (the
/// drawing, "nodes edges", the positions as JSON, or the error message).
enum WorkerWire {
    enum Operation: UInt8 {
        case counts, render, positions
    }

    static func request(_ operation: Operation, engine: LayoutEngine, format: OutputFormat, dot: String) -> [UInt8] {
        let text = Array(dot.utf8)
        return [operation.rawValue, UInt8(LayoutEngine.allCases.firstIndex(of: engine)!),
                UInt8(OutputFormat.allCases.firstIndex(of: format)!)] + lengthBytes(text.count) + text
    }

    static func reply(ok: Bool, _ body: [UInt8]) -> [UInt8] {
        [ok ? 0 : 1] + lengthBytes(body.count) + body
    }

    static func lengthBytes(_ count: Int) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: UInt32(count) >> (8 * $0)) }
    }

    static func length(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }

    static func encode(_ layout: PinnedLayout) -> [UInt8] {
        let positions = layout.positions.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.array([.number($0.value.x), .number($0.value.y)])) }
        return Array(JSONValue.object([
            ("box", .array([layout.lower.x, layout.lower.y, layout.upper.x, layout.upper.y].map(JSONValue.number))),
            ("positions", .object(positions)),
        ]).compact().utf8)
    }

    static func decodeLayout(_ bytes: [UInt8]) -> PinnedLayout? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let box = object["box"] as? [Double], box.count == 4,
              let positions = object["positions"] as? [String: [Double]] else { return nil }
        var points: [String: PinnedLayout.Point] = [:]
        for (id, point) in positions where point.count == 2 { points[id] = PinnedLayout.Point(x: point[0], y: point[1]) }
        return PinnedLayout(positions: points, lower: .init(x: box[0], y: box[1]), upper: .init(x: box[2], y: box[3]))
    }

    static func write(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// Exactly `count` bytes, or nil at the end of input or past `deadline`.
    static func read(count: Int, from descriptor: Int32, until deadline: ContinuousClock.Instant?) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            if let deadline {
                let left = deadline - ContinuousClock.now
                guard left > .zero else { return nil }
                var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let milliseconds = Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
                let ready = poll(&waiting, 1, milliseconds)
                if ready < 0, errno == EINTR { continue }
                guard ready > 0 else { return nil }
            }
            let got = bytes[offset...].withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return nil }
            offset += got
        }
        return bytes
    }
}
