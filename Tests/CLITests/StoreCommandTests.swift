import Foundation
import Testing
import TestSupport

/// The store as users run it: every query command answers from `--store` as from
/// `--data`; ingest says what it did; `kill -9` during an ingest loses nothing and
/// doubles nothing.
@Suite("Command line: ingest, --store, store stats|files|check, kill -9")
struct StoreCommandTests {
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandLineTests.Run {
        try CommandLineTests.run(arguments, environment: environment)
    }

    @Test("Every query command answers from the store exactly as from Data/")
    func sameAnswers() throws {
        let store = TestPaths.temporaryFolder().appendingPathComponent("caucasus.sqlite").path
        let ingest = try Self.run(["ingest", TestPaths.bundledData, "--store", store])
        #expect(ingest.status == 0, "\(ingest.standardError)")
        #expect(String(decoding: ingest.standardOutput, as: UTF8.self).contains("1 new, 0 unchanged, 0 replaced"))
        for command in [["timeline", "--format", "json"], ["timeline", "--actor", "ararat-mirzoyan", "--from", "2023-06"],
                        ["timeline", "--issue", "lachin-corridor-blockade", "--format", "csv"],
                        ["diff", "2023-01-01", "2024-01-01", "--format", "json"], ["diff", "2025-01-20", "2025-02-01"],
                        ["diff", "2023-05", "2023-07", "--window", "90d"],
                        ["render", "--at", "2023-06-27", "--window", "90d", "--format", "dot"],
                        ["render", "--at", "2023-06-27", "--focus", "ararat-mirzoyan", "--format", "svg"],
                        ["export", "--format", "gexf"], ["export", "--format", "json", "--from", "2023-01", "--to", "2023-12"],
                        ["render", "timeline", "--from", "2022-10", "--to", "2023-12"], ["validate", "--list"]] {
            let fromFiles = try Self.run(command + ["--data", TestPaths.bundledData])
            let fromStore = try Self.run(command + ["--store", store])
            #expect(fromFiles.status == 0 && fromStore.status == 0, "\(command): \(fromStore.standardError)")
            var expected = String(decoding: fromFiles.standardOutput, as: UTF8.self)
            if command == ["validate", "--list"] { expected = expected.replacingOccurrences(of: TestPaths.bundledData, with: store) }
            #expect(String(decoding: fromStore.standardOutput, as: UTF8.self) == expected, "\(command) differs")
        }
        // $DIPLOGRAPH_STORE stands in for --store when no --data is given.
        let viaEnvironment = try Self.run(["timeline", "--actor", "ararat-mirzoyan"], environment: ["DIPLOGRAPH_STORE": store])
        let viaOption = try Self.run(["timeline", "--actor", "ararat-mirzoyan", "--store", store])
        #expect(viaEnvironment.standardOutput == viaOption.standardOutput && viaEnvironment.status == 0)
    }

    @Test("timeline --offset and --limit: the page is that slice of the whole timeline, from files and from a store; standard error says which part")
    func pages() throws {
        let store = TestPaths.temporaryFolder().appendingPathComponent("paged.sqlite").path
        #expect(try Self.run(["ingest", TestPaths.bundledData, "--store", store]).status == 0)
        for source in [["--data", TestPaths.bundledData], ["--store", store]] {
            let whole = try JSONSerialization.jsonObject(
                with: Data(try Self.run(["timeline", "--format", "json"] + source).standardOutput)) as? [[String: Any]] ?? []
            #expect(whole.count > 10)
            for (offset, limit) in [(0, 3), (5, 4), (whole.count - 2, 10), (whole.count + 5, 1), (3, 0)] {
                let run = try Self.run(["timeline", "--format", "json", "--offset", "\(offset)", "--limit", "\(limit)"] + source)
                #expect(run.status == 0, "\(run.standardError)")
                let page = try JSONSerialization.jsonObject(with: Data(run.standardOutput)) as? [[String: Any]] ?? []
                let expected = whole.count > offset ? Array(whole[offset..<min(whole.count, offset + limit)]) : []
                #expect(page.map { $0["id"] as? String } == expected.map { $0["id"] as? String }, "\(offset), \(limit)")
                let shown = expected.isEmpty ? "none" : "\(offset + 1)–\(offset + expected.count)"
                #expect(run.standardError.contains("events \(shown) of \(whole.count) (--offset \(offset) --limit \(limit))"),
                        "\(run.standardError)")
            }
        }
        let all = try Self.run(["timeline", "--offset", "0", "--store", store])
        #expect(all.standardError.isEmpty, "the whole timeline needs no note: \(all.standardError)")
    }

    @Test("store stats, files and check say what the store holds; the same file again changes nothing")
    func inspect() throws {
        let store = TestPaths.temporaryFolder().appendingPathComponent("s.sqlite").path
        let plan = try Self.run(["ingest", TestPaths.bundledData, "--store", store, "--dry-run"])
        #expect(String(decoding: plan.standardOutput, as: UTF8.self).contains("new: would be added"))
        #expect(!FileManager.default.fileExists(atPath: store), "a dry run made the store")
        _ = try Self.run(["ingest", TestPaths.bundledData, "--store", store])
        let again = try Self.run(["ingest", TestPaths.bundledData, "--store", store])
        #expect(String(decoding: again.standardOutput, as: UTF8.self).contains("unchanged (same checksum)"))
        let stats = String(decoding: try Self.run(["store", "stats", "--store", store]).standardOutput, as: UTF8.self)
        #expect(stats.contains("files: 1") && stats.contains("events: 18") && stats.contains("offices: 10"), "\(stats)")
        let files = String(decoding: try Self.run(["store", "files", "--store", store]).standardOutput, as: UTF8.self)
        #expect(files.contains("native") && files.contains("sha256:"), "\(files)")
        let check = try Self.run(["store", "check", "--store", store])
        #expect(check.status == 0 && String(decoding: check.standardOutput, as: UTF8.self).contains("sound"))
        let missing = try Self.run(["timeline", "--store", store + ".missing"])
        #expect(missing.status == 1 && missing.standardError.contains("there is no store here"), "\(missing.standardError)")
    }

    @Test("kill -9 at random points of an ingest: the store opens, passes its check, holds the file wholly or not at all; again completes it")
    func killDuringIngest() throws {
        let folder = TestPaths.temporaryFolder()
        let file = folder.appendingPathComponent("20230627.export.CSV").path
        var generator = SeededGenerator(seed: 5)
        let countries = ["ARM", "AZE", "USA", "RUS", "TUR", "IRN", "GEO", "FRA"]
        let rows = (0..<4000).map { index -> String in
            let a = countries.randomElement(using: &generator)!
            let b = countries.randomElement(using: &generator)!
            return GDELTRow(id: 10_000 + index, date: "202306\(10 + index % 20)", code: ["040", "051", "112"][index % 3])
                .actor1(code: a, name: a, country: a).actor2(code: b, name: b, country: b)
                .with(60, "https://news.example/\(index)").line
        }
        try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let reference = folder.appendingPathComponent("reference.sqlite").path
        let started = Date()
        #expect(try Self.run(["ingest", file, "--store", reference]).status == 0)
        // Kills spread over 0.1 to 1.3 times an uninterrupted ingest, so that some land
        // before the commit, some around it, and some find the file already in. A busy
        // machine can slow the killed runs past that reference: then the waits double,
        // a few more times, until one run gets the file in.
        let duration = Date().timeIntervalSince(started)
        let spread: [Double] = (0..<12).map { attempt in duration * (0.1 + 1.2 * Double(attempt) / 11) }
        let doubling: [Double] = (1...5).map { step in duration * 1.3 * Double(1 << step) }
        let delays = spread + doubling
        let expected = try Self.run(["timeline", "--store", reference, "--format", "csv"]).standardOutput

        let store = folder.appendingPathComponent("killed.sqlite").path
        var kills = 0
        var runs = 0
        var complete = false
        for (attempt, delay) in delays.enumerated() where attempt < 12 || !complete {
            let process = Process()
            process.executableURL = CommandLineTests.program
            process.arguments = ["ingest", file, "--store", store]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            runs += 1
            usleep(UInt32(delay * 1_000_000))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
            guard FileManager.default.fileExists(atPath: store) else { continue }
            let check = try Self.run(["store", "check", "--store", store])
            #expect(check.status == 0, "after kill \(kills): \(check.standardError)")
            let stats = String(decoding: try Self.run(["store", "stats", "--store", store]).standardOutput, as: UTF8.self)
            let whole = stats.contains("files: 1") && stats.contains("rows read: 4000")
            let none = stats.contains("files: 0") && stats.contains("events: 0")
            #expect(whole || none, "the file is half in after kill \(kills): \(stats)")
            complete = complete || whole
        }
        #expect(kills >= 3, "the ingest finished before it could be killed: the test proves little (\(kills) kills)")
        #expect(complete, "no run finished the file: the kills never came late enough")
        #expect(try Self.run(["ingest", file, "--store", store]).status == 0)
        #expect(try Self.run(["timeline", "--store", store, "--format", "csv"]).standardOutput == expected)
        print("kill -9 during ingest: \(kills) kills of \(runs) runs")
    }

    @Test("Two ingests of the same file at once: one writes it, the other waits and finds it unchanged; nothing doubled")
    func racingIngests() throws {
        let folder = TestPaths.temporaryFolder()
        let file = folder.appendingPathComponent("20230627.export.CSV").path
        let rows = (0..<3000).map { index -> String in
            GDELTRow(id: 50_000 + index, date: "202306\(10 + index % 20)", code: ["040", "051", "112"][index % 3])
                .actor1(code: "ARM", name: "ARMENIA", country: "ARM").actor2(code: "AZE", name: "AZERBAIJAN", country: "AZE")
                .with(60, "https://news.example/\(index)").line
        }
        try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let store = folder.appendingPathComponent("raced.sqlite").path
        let pipes = (0..<2).map { _ in (Pipe(), Pipe()) }
        let processes = pipes.map { pipe in
            let process = Process()
            process.executableURL = CommandLineTests.program
            process.arguments = ["ingest", file, "--store", store]
            process.standardOutput = pipe.0
            process.standardError = pipe.1
            return process
        }
        for process in processes { try process.run() }
        let said = pipes.map { pipe in
            String(decoding: pipe.0.fileHandleForReading.readDataToEndOfFile() + pipe.1.fileHandleForReading.readDataToEndOfFile(),
                   as: UTF8.self)
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0], "\(said)")
        #expect(said.filter { $0.contains("1 new") }.count == 1 && said.filter { $0.contains("1 unchanged") }.count == 1,
                "\(said)")
        let stats = String(decoding: try Self.run(["store", "stats", "--store", store]).standardOutput, as: UTF8.self)
        #expect(stats.contains("files: 1") && stats.contains("rows read: 3000"), "\(stats)")
        #expect(try Self.run(["store", "check", "--store", store]).status == 0)
    }
}
