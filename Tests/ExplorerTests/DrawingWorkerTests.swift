import DiplographCore
import DiplographDOT
import DiplographExplorer
import Foundation
import Testing
import TestSupport

/// `serve`'s drawings come from a worker process of the program, replaced every few
/// hundred drawings (what Graphviz leaks per layout ends with it) and ended when a
/// layout runs past the timeout.
@Suite("Drawing worker: same answers, replaced, stopped on timeout")
struct DrawingWorkerTests {
    static let dot = DiagramBuilder(store: ExplorerAPITests.bundled).snapshotDOT(
        ExplorerAPITests.bundled.snapshot(at: Day(year: 2023, month: 6, day: 27), windowDays: 90))

    /// A graph whose layout takes seconds: neato on a dense random graph.
    static let slowDOT: String = {
        var generator = SeededGenerator(seed: 7)
        var lines = ["graph slow {"]
        for index in 0..<3_000 { lines.append("n\(index) -- n\(Int.random(in: 0..<3_000, using: &generator));") }
        return (lines + ["}"]).joined(separator: "\n")
    }()

    @Test("The worker's counts, drawing and positions equal Graphviz's in this process")
    func sameAnswers() throws {
        let worker = DrawingWorker(executable: ServedExplorer.program.path)
        let local = InProcessDrawing()
        #expect(try worker.counts(dot: Self.dot) == local.counts(dot: Self.dot))
        #expect(try worker.render(dot: Self.dot, engine: .dot, format: .svg) == local.render(dot: Self.dot, engine: .dot, format: .svg))
        #expect(try worker.positions(dot: Self.dot, engine: .neato) == local.positions(dot: Self.dot, engine: .neato))
        #expect(throws: ExplorerError.self) { try worker.render(dot: "digraph { a -> ", engine: .dot, format: .svg) }
    }

    @Test("A worker is replaced after its share of drawings")
    func replaced() throws {
        let worker = DrawingWorker(executable: ServedExplorer.program.path, rendersPerWorker: 3)
        var workers: [Int32] = []
        for _ in 0..<7 {
            _ = try worker.counts(dot: Self.dot)
            workers.append(try #require(worker.workerID))
        }
        #expect(Set(workers).count == 3)
        #expect(workers[0] == workers[2] && workers[2] != workers[3] && workers[3] == workers[5] && workers[5] != workers[6])
    }

    @Test("A layout past the timeout is stopped with 503; the next drawing gets a new worker")
    func timeout() throws {
        let worker = DrawingWorker(executable: ServedExplorer.program.path, timeoutSeconds: 0.2)
        _ = try worker.counts(dot: Self.dot)
        let first = worker.workerID
        let started = ContinuousClock.now
        let error = #expect(throws: ExplorerError.self) { try worker.positions(dot: Self.slowDOT, engine: .neato) }
        #expect(error?.status == 503)
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(worker.workerID == nil)
        #expect(try worker.counts(dot: Self.dot).nodes > 10)
        #expect(worker.workerID != first)
    }
}
