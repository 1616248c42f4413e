import DiplographSync
import Foundation
import Testing
import TestSupport

/// `sync gdelt` against a GDELT mirror of our own on loopback (`Scripts/gdelt-mirror.py`):
/// the real 15-minute GDELT file of `../shared/data/gdelt` split into six files of
/// consecutive slots, zipped, listed in GDELT's format.
@Suite("Command line: sync gdelt against a loopback mirror", .serialized)
struct SyncCommandTests {
    static let sample = TestPaths.shared.appendingPathComponent("data/gdelt/20191024143000.export.CSV").path
    static let script = TestPaths.repository.appendingPathComponent("Scripts/gdelt-mirror.py").path
    static let names = ["000000", "001500", "003000", "004500", "010000", "011500"].map { "20191024\($0).export.CSV.zip" }

    /// The mirror's folder and its server, stopped when the test is done.
    final class Mirror {
        let folder: URL
        let url: String
        private let server: Process

        init(files: Int = 6, rate: Int = 0) throws {
            try #require(TestPaths.hasShared, "../shared/data is needed for the GDELT sample (CI has it)")
            folder = TestPaths.temporaryFolder().appendingPathComponent("mirror")
            let made = try ExternalTool.run(["python3", SyncCommandTests.script, "make", folder.path,
                                             "--source", SyncCommandTests.sample, "--files", "\(files)"])
            try #require(made.status == 0, "the mirror was not made: \(made.standardError)")
            server = Process()
            server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            server.arguments = ["python3", SyncCommandTests.script, "serve", folder.path, "--rate", "\(rate)"]
            let output = Pipe()
            server.standardOutput = output
            server.standardError = FileHandle.nullDevice
            try server.run()
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line.append(chunk)
            }
            let text = String(decoding: line, as: UTF8.self)
            url = String(text.split(separator: " ").last ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            try #require(url.hasPrefix("http://127.0.0.1:"), "the mirror did not start: \(text)")
        }

        deinit {
            // SIGKILL: a child of a test thread may inherit a mask that blocks SIGTERM.
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }

        /// Publishes only the first `count` files, as if the later were not out yet.
        func publish(upTo count: Int) throws {
            #expect(try ExternalTool.run(["python3", SyncCommandTests.script, "list", folder.path, "--upto", "\(count)"])
                .status == 0)
        }

        /// The answers of the next requests of each file (see the script).
        func faults(_ plan: [String: [String]]) throws {
            try JSONSerialization.data(withJSONObject: plan).write(to: folder.appendingPathComponent("_faults.json"))
        }

        /// The names requested since the last call.
        func requests() -> [String] {
            let log = folder.appendingPathComponent("_requests.log")
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: log)
            return text.split(separator: "\n").map(String.init)
        }
    }

    static func sync(_ mirror: Mirror, store: String, _ arguments: [String] = []) throws -> (status: Int32, output: String, error: String) {
        let run = try CommandLineTests.run(["sync", "gdelt", "--store", store, "--base-url", mirror.url,
                                            "--retry-delay", "0.05", "--timeout", "2"] + arguments)
        return (run.status, String(decoding: run.standardOutput, as: UTF8.self), run.standardError)
    }

    static func timeline(_ store: String) throws -> [UInt8] {
        let run = try CommandLineTests.run(["timeline", "--store", store, "--format", "csv"])
        #expect(run.status == 0, "\(run.standardError)")
        return run.standardOutput
    }

    static func check(_ store: String) throws {
        let run = try CommandLineTests.run(["store", "check", "--store", store])
        #expect(run.status == 0, "\(run.standardError)")
    }

    /// The store made by unzipping the mirror's files and ingesting them by hand, in order.
    static func byHand(_ mirror: Mirror) throws -> String {
        let folder = TestPaths.temporaryFolder()
        let unzip = try ExternalTool.run(["python3", "-c", """
            import sys, zipfile
            for name in sys.argv[2:]:
                zipfile.ZipFile(sys.argv[1] + "/" + name).extractall(sys.argv[1] + "/unzipped")
            """, mirror.folder.path] + names)
        try #require(unzip.status == 0, "\(unzip.standardError)")
        let store = folder.appendingPathComponent("by-hand.sqlite").path
        let files = names.map { mirror.folder.appendingPathComponent("unzipped/" + $0.dropLast(4)).path }
        let ingest = try CommandLineTests.run(["ingest"] + files + ["--store", store])
        try #require(ingest.status == 0, "\(ingest.standardError)")
        return store
    }

    @Test("A sync holds what ingesting the same files by hand holds; a second sync downloads nothing")
    func sameAsByHand() throws {
        let mirror = try Mirror()
        let store = TestPaths.temporaryFolder().appendingPathComponent("synced.sqlite").path
        let first = try Self.sync(mirror, store: store, ["--since", "2019-10-24", "--until", "2019-10-24"])
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output.contains("plan from masterfilelist.txt: 6 files"), "\(first.output)")
        #expect(first.output.contains("6 of 6 files in, 0 failed; 2111 rows read"), "\(first.output)")
        // Only the events files: the mentions and GKG files the list also names are not fetched.
        #expect(mirror.requests() == ["masterfilelist.txt"] + Self.names)
        try Self.check(store)
        #expect(try Self.timeline(store) == Self.timeline(try Self.byHand(mirror)))

        let second = try Self.sync(mirror, store: store, ["--since", "2019-10-24"])
        #expect(second.status == 0, "\(second.error)")
        #expect(second.output.contains("nothing new (6 of 6 listed already in the store)"), "\(second.output)")
        #expect(mirror.requests() == ["masterfilelist.txt"])
        let newest = try Self.sync(mirror, store: store)
        #expect(newest.output.contains("plan from lastupdate.txt: nothing new"), "\(newest.output)")
        #expect(mirror.requests() == ["lastupdate.txt"])
    }

    @Test("Without dates: the newest file from lastupdate.txt, the next one from it too, a gap filled from the master list")
    func followsTheNewest() throws {
        let mirror = try Mirror()
        let store = TestPaths.temporaryFolder().appendingPathComponent("followed.sqlite").path
        try mirror.publish(upTo: 2)
        var run = try Self.sync(mirror, store: store)
        #expect(run.status == 0 && run.output.contains("lastupdate.txt: 1 file,"), "\(run.output)\(run.error)")
        #expect(mirror.requests() == ["lastupdate.txt", Self.names[1]])
        try mirror.publish(upTo: 3)
        run = try Self.sync(mirror, store: store)
        #expect(mirror.requests() == ["lastupdate.txt", Self.names[2]], "\(run.output)")
        try mirror.publish(upTo: 6)
        run = try Self.sync(mirror, store: store)
        #expect(run.output.contains("plan from masterfilelist.txt: 3 files"), "\(run.output)")
        #expect(mirror.requests() == ["lastupdate.txt", "masterfilelist.txt"] + Self.names[3...])
        let files = String(decoding: try CommandLineTests.run(["store", "files", "--store", store]).standardOutput, as: UTF8.self)
        #expect(files.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) } == Array(Self.names[1...]))
    }

    @Test("--dry-run prints the plan and writes nothing, with or without a store")
    func dryRun() throws {
        let mirror = try Mirror()
        let folder = TestPaths.temporaryFolder()
        let store = folder.appendingPathComponent("planned.sqlite").path
        var run = try Self.sync(mirror, store: store, ["--since", "2019-10", "--dry-run"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("plan from masterfilelist.txt: 6 files, ")
                && run.output.contains("20191024000000.export.CSV.zip to 20191024011500.export.CSV.zip (no store yet)"),
                "\(run.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        #expect(mirror.requests() == ["masterfilelist.txt"])
        #expect(try Self.sync(mirror, store: store, ["--since", "2019-10-24", "--until", "2019-10-24"]).status == 0)
        run = try Self.sync(mirror, store: store, ["--since", "2019-10-25", "--dry-run"])
        #expect(run.output.contains("nothing new (no events files in the range)"), "\(run.output)")
        run = try Self.sync(mirror, store: store, ["--since", "2019-10-24", "--until", "2019-10-23"])
        #expect(run.status == 2 && run.error.contains("--until 2019-10-23 is before --since 2019-10-24"), "\(run.error)")
    }

    @Test("Faults: a 500 then success, a truncated body, a short body are retried; an MD5 mismatch twice and a 404 are reported, never ingested; a stalled server times out")
    func faults() throws {
        let mirror = try Mirror()
        let store = TestPaths.temporaryFolder().appendingPathComponent("faulty.sqlite").path
        try mirror.faults([
            Self.names[0]: ["500"], Self.names[1]: ["md5", "md5"], Self.names[2]: ["404"],
            Self.names[3]: ["truncate"], Self.names[4]: ["short"], Self.names[5]: ["stall"],
        ])
        let run = try Self.sync(mirror, store: store, ["--since", "2019-10-24", "--timeout", "1"])
        #expect(run.status == 1)
        for name in [Self.names[0], Self.names[3], Self.names[4], Self.names[5]] {
            #expect(run.output.contains("\(name): downloaded"), "\(name): \(run.output)")
            #expect(run.error.contains("\(name): try 1 failed: "), "\(name): \(run.error)")
        }
        #expect(run.error.contains("\(Self.names[0]): try 1 failed: the server answered HTTP 500"))
        #expect(run.error.contains("\(Self.names[4]): try 1 failed: ") && run.error.contains(" bytes where the list says "),
                "\(run.error)")
        #expect(run.error.contains("\(Self.names[5]): try 1 failed: timed out"), "\(run.error)")
        #expect(run.output.contains("\(Self.names[1]): FAILED: MD5 ") && run.output.contains("(twice); not ingested"))
        #expect(run.output.contains("\(Self.names[2]): FAILED: not on the server (HTTP 404)"))
        #expect(run.error.contains("2 of 6 files failed and were not ingested:\n  \(Self.names[1]): MD5 "), "\(run.error)")
        #expect(run.error.contains("hint: the next sync tries again the files that were there but did not arrive whole"),
                "\(run.error)")
        #expect(run.output.contains("4 of 6 files in, 2 failed"), "\(run.output)")
        let requests = mirror.requests()
        #expect(requests.filter { $0 == Self.names[1] }.count == 2, "an MD5 mismatch is fetched once more, not more")
        #expect(requests.filter { $0 == Self.names[2] }.count == 1, "a 404 is not retried")
        try Self.check(store)
        let files = String(decoding: try CommandLineTests.run(["store", "files", "--store", store]).standardOutput, as: UTF8.self)
        #expect(!files.contains(Self.names[1]) && !files.contains(Self.names[2]), "\(files)")

        // The server mended: the next sync without dates (as from cron, the newest file
        // in) tries again the file that did not arrive whole, not the one the server
        // did not have; a sync with --since gets that one too.
        try mirror.faults([:])
        let again = try Self.sync(mirror, store: store)
        #expect(again.status == 0 && again.output.contains("plan from masterfilelist.txt: 1 file,"), "\(again.output)")
        #expect(mirror.requests() == ["lastupdate.txt", "masterfilelist.txt", Self.names[1]])
        let after = try Self.sync(mirror, store: store)
        #expect(after.output.contains("plan from lastupdate.txt: nothing new"), "the retried file is no longer owed: \(after.output)")
        #expect(mirror.requests() == ["lastupdate.txt"])
        let dated = try Self.sync(mirror, store: store, ["--since", "2019-10-24"])
        #expect(dated.status == 0 && dated.output.contains("plan from masterfilelist.txt: 1 file,"), "\(dated.output)")
        #expect(mirror.requests() == ["masterfilelist.txt", Self.names[2]])
        try Self.check(store)
        #expect(try Self.timeline(store) == Self.timeline(try Self.byHand(mirror)))
    }

    @Test("--keep-files keeps each verified zip and gives it back to the next sync instead of a download; a damaged copy is downloaded again")
    func keepFiles() throws {
        let mirror = try Mirror()
        let folder = TestPaths.temporaryFolder()
        let kept = folder.appendingPathComponent("zips").path
        let first = try Self.sync(mirror, store: folder.appendingPathComponent("a.sqlite").path,
                                  ["--since", "2019-10-24", "--keep-files", kept])
        #expect(first.status == 0, "\(first.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: kept).sorted() == Self.names)
        _ = mirror.requests()
        // One copy damaged: that one alone is fetched again.
        try Data("not a zip".utf8).write(to: URL(fileURLWithPath: kept).appendingPathComponent(Self.names[2]))
        let store = folder.appendingPathComponent("b.sqlite").path
        let second = try Self.sync(mirror, store: store, ["--since", "2019-10-24", "--keep-files", kept])
        #expect(second.status == 0, "\(second.error)")
        #expect(mirror.requests() == ["masterfilelist.txt", Self.names[2]])
        #expect(second.output.contains("\(Self.names[0]): from --keep-files, ") && second.output.contains("\(Self.names[2]): downloaded"),
                "\(second.output)")
        #expect(try Self.timeline(store) == Self.timeline(folder.appendingPathComponent("a.sqlite").path))
    }

    @Test("A list that cannot be fetched: one message, exit 1, nothing changed")
    func listMissing() throws {
        let mirror = try Mirror()
        try mirror.faults(["masterfilelist.txt": ["404"]])
        let store = TestPaths.temporaryFolder().appendingPathComponent("none.sqlite").path
        let run = try Self.sync(mirror, store: store, ["--since", "2019"])
        #expect(run.status == 1)
        #expect(run.error.contains("masterfilelist.txt: error: could not fetch the file list: not on the server (HTTP 404)"),
                "\(run.error)")
        let down = try CommandLineTests.run(["sync", "gdelt", "--store", store, "--base-url", "http://127.0.0.1:9/",
                                             "--tries", "2", "--retry-delay", "0.01"])
        #expect(down.status == 1 && down.standardError.contains("lastupdate.txt: error: could not fetch the file list: could not connect"),
                "\(down.standardError)")
    }

    @Test("--filter-actor keeps the rows where either actor is the country (as Python counts them); the store keeps the filter and refuses another")
    func filterActor() throws {
        let mirror = try Mirror()
        let store = TestPaths.temporaryFolder().appendingPathComponent("filtered.sqlite").path
        let run = try Self.sync(mirror, store: store, ["--since", "2019-10-24", "--filter-actor", "usa", "RUS"])
        #expect(run.status == 0, "\(run.error)")
        let counted = try ExternalTool.run(["python3", "-c", """
            import sys
            kept = 0
            for line in open(sys.argv[1], encoding="utf-8"):
                f = line.rstrip("\\n").split("\\t")
                if any(f[i].startswith(c) for i in (5, 15) for c in ("USA", "RUS")) or f[7] in ("USA", "RUS") or f[17] in ("USA", "RUS"):
                    kept += 1
            print(kept)
            """, Self.sample])
        let expected = counted.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Int(expected) ?? 0 > 100)
        #expect(run.output.contains("6 of 6 files in, 0 failed; \(expected) rows read"), "\(run.output) python: \(expected)")
        let other = try Self.sync(mirror, store: store, ["--since", "2019-10-24", "--filter-actor", "ARM"])
        #expect(other.status == 2)
        #expect(other.error.contains("the store was synced with --filter-actor RUS USA, this sync asks for --filter-actor ARM"),
                "\(other.error)")
        let none = try Self.sync(mirror, store: store, ["--since", "2019-10-24"])
        #expect(none.status == 2 && none.error.contains("this sync asks for none"), "\(none.error)")
        let same = try Self.sync(mirror, store: store, ["--since", "2019-10-24", "--filter-actor", "RUS", "USA"])
        #expect(same.status == 0 && same.output.contains("nothing new"), "\(same.output)\(same.error)")
    }

    @Test("A second sync of the same store at once stops with a clear message; with --wait it waits and finds nothing new")
    func oneAtATime() throws {
        let mirror = try Mirror()
        let store = TestPaths.temporaryFolder().appendingPathComponent("busy.sqlite").path
        try mirror.faults([Self.names[0]: ["stall"]])
        let first = Process()
        first.executableURL = CommandLineTests.program
        first.arguments = ["sync", "gdelt", "--store", store, "--base-url", mirror.url, "--since", "2019-10-24",
                           "--timeout", "3", "--retry-delay", "0.05"]
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        // The first holds the store while its first file stalls.
        var waited = 0
        while !mirror.requests().contains(Self.names[0]), waited < 100 {
            usleep(50_000)
            waited += 1
        }
        let second = try Self.sync(mirror, store: store, ["--since", "2019-10-24"])
        #expect(second.status == 1)
        #expect(second.error.contains("another sync of this store is running (process \(first.processIdentifier)"),
                "\(second.error)")
        let waiting = try Self.sync(mirror, store: store, ["--since", "2019-10-24", "--wait"])
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(waiting.status == 0 && waiting.output.contains("nothing new (6 of 6"), "\(waiting.output)\(waiting.error)")
    }

    @Test("kill -9 at random points of a sync (mid-download, mid-ingest), then a sync: equal to an uninterrupted one, nothing doubled")
    func killDuringSync() throws {
        // Each file takes about a fifth of a second to arrive, so kills land in downloads
        // as well as in ingests.
        let mirror = try Mirror(rate: 120_000)
        let expected = try Self.timeline(try Self.byHand(mirror))
        let started = Date()
        let uninterrupted = TestPaths.temporaryFolder().appendingPathComponent("whole.sqlite").path
        #expect(try Self.sync(mirror, store: uninterrupted, ["--since", "2019-10-24"]).status == 0)
        let duration = Date().timeIntervalSince(started)
        #expect(try Self.timeline(uninterrupted) == expected)
        // Each try kills a new sync at another point of an uninterrupted one's time, then
        // lets the next sync complete it.
        var kills = 0
        var filesIn: [Int] = []
        var generator = SeededGenerator(seed: 18)
        for attempt in 0..<10 {
            let store = TestPaths.temporaryFolder().appendingPathComponent("killed-\(attempt).sqlite").path
            let process = Process()
            process.executableURL = CommandLineTests.program
            process.arguments = ["sync", "gdelt", "--store", store, "--base-url", mirror.url, "--since", "2019-10-24"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let share = Double(attempt) / 10 + Double.random(in: 0..<0.1, using: &generator)
            usleep(UInt32(max(0.02, duration * share) * 1_000_000))
            guard process.isRunning else {
                process.waitUntilExit()
                continue
            }
            kill(process.processIdentifier, SIGKILL)
            kills += 1
            process.waitUntilExit()
            if FileManager.default.fileExists(atPath: store) {
                try Self.check(store)
                let files = try CommandLineTests.run(["store", "files", "--store", store]).standardOutput
                filesIn.append(files.count { $0 == UInt8(ascii: "\n") })
            }
            let last = try Self.sync(mirror, store: store, ["--since", "2019-10-24"])
            #expect(last.status == 0, "\(last.error)")
            try Self.check(store)
            #expect(try Self.timeline(store) == expected, "after a kill at \(share) of a sync")
            let stats = String(decoding: try CommandLineTests.run(["store", "stats", "--store", store]).standardOutput,
                               as: UTF8.self)
            #expect(stats.contains("files: 6, rows read: 2111"), "\(stats)")
        }
        #expect(kills >= 5, "the syncs finished before they could be killed: the test proves little (\(kills) kills)")
        #expect(filesIn.contains { 0 < $0 && $0 < 6 }, "no kill came between files: \(filesIn)")
        print("kill -9 during sync: \(kills) kills; files in after each run: \(filesIn)")
    }
}

@Suite("Sync: GDELT's file lists and the actor filter")
struct SyncListTests {
    @Test("A master list: events files by stamp, mentions and GKG files passed over, broken lines counted with the first's number")
    func masterList() {
        let list = FileList(text: """
            150383 297a16b493de7cf6ca809a7cc31d0b93 http://data.gdeltproject.org/gdeltv2/20150218231500.export.CSV.zip
            318084 bb27f78ba45f69a17ea6ed7755e9f8ff http://data.gdeltproject.org/gdeltv2/20150218231500.mentions.CSV.zip
            10768507 ea8dde0beb0ba98810a92db068c0ce99 http://data.gdeltproject.org/gdeltv2/20150218231500.gkg.csv.zip
            149211 2A1FDDB3A1D1D09C1A2A3B5B42B1EF22 http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip
            http://data.gdeltproject.org/gdeltv2/20150218233000.export.CSV.zip
            12 nothex http://data.gdeltproject.org/gdeltv2/20150218234500.export.CSV.zip
            13 297a16b493de7cf6ca809a7cc31d0b93 http://data.gdeltproject.org/gdeltv2/20151318234500.export.CSV.zip\r

            """)
        #expect(list.files.map(\.name) == ["20150218230000.export.CSV.zip", "20150218231500.export.CSV.zip"])
        #expect(list.files.map(\.bytes) == [149_211, 150_383])
        #expect(list.files[0].md5 == "2a1fddb3a1d1d09c1a2a3b5b42b1ef22", "MD5s compare in lower case")
        #expect(list.files[0].stamp == "20150218230000")
        #expect(list.unreadable.count == 3 && list.unreadable.firstLine == 5)
    }

    @Test("The actor filter keeps a row when either actor's code begins with a followed code or its country is one")
    func actorFilter() {
        func row(_ actor1: String, _ country1: String, _ actor2: String, _ country2: String) -> String {
            var fields = Array(repeating: "", count: 61)
            (fields[5], fields[7], fields[15], fields[17]) = (actor1, country1, actor2, country2)
            return fields.joined(separator: "\t")
        }
        let rows = [row("ARMGOV", "ARM", "", ""), row("", "", "AZE", "AZE"), row("USA", "USA", "RUS", "RUS"),
                    row("GOV", "", "", "AZE"), row("XARM", "", "", "")]
        let kept = ActorFilter(["arm", "AZE"]).apply(to: Array((rows.joined(separator: "\n") + "\n").utf8))
        #expect(String(decoding: kept, as: UTF8.self) == [rows[0], rows[1], rows[3]].map { $0 + "\n" }.joined())
        #expect(ActorFilter(["AZE", "arm", "ARM"]).setting == "ARM AZE")
        #expect(ActorFilter([]).apply(to: Array("a\tb\n".utf8)) == Array("a\tb\n".utf8))
    }
}
