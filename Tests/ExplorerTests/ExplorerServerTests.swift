import Foundation
import Testing
import TestSupport

/// `diplograph serve` over real HTTP on loopback.
@Suite("Explorer server: headers, paths, methods, stopping", .serialized)
struct ExplorerServerTests {
    @Test("Every answer carries the content security policy and nosniff; the page's modules are served as JavaScript")
    func headers() throws {
        let server = try ServedExplorer(["--data", TestPaths.bundledData])
        defer { server.stop() }
        #expect(server.address.hasPrefix("http://127.0.0.1:"))
        for path in ["/", "/main.js", "/explorer.css", "/healthz", "/api/openapi.json", "/api/timeline?limit=1", "/nowhere"] {
            let answer = try server.request(path)
            #expect(answer.headers["content-security-policy"]?.hasPrefix("default-src 'self'") == true, "\(path)")
            #expect(answer.headers["x-content-type-options"] == "nosniff", "\(path)")
        }
        #expect(try server.request("/main.js").headers["content-type"] == "text/javascript; charset=utf-8")
        let page = String(decoding: try server.request("/").body, as: UTF8.self)
        #expect(page.contains("<script type=\"module\" src=\"main.js\"></script>"))
        #expect(!page.contains("<style"))
        #expect(try server.request("/healthz").body == Data("{\"status\":\"ok\"}\n".utf8))
    }

    @Test("Unknown paths are 404 and nothing reaches the file system, dot segments and encoded forms included")
    func paths() throws {
        let server = try ServedExplorer(["--data", TestPaths.bundledData])
        defer { server.stop() }
        for path in ["/../Package.swift", "/%2e%2e/Package.swift", "/%2E%2E%2FPackage.swift", "/..%2fPackage.swift",
                     "/api/../Package.swift", "/api/%2e%2e/%2e%2e/etc/passwd", "/main.js/..", "//etc/passwd",
                     "/Data/events.yaml", "/index.html%00.js", "/api/timeline/"] {
            let answer = try server.request(path)
            #expect(answer.status == 404, "\(path)")
            let text = String(decoding: answer.body, as: UTF8.self)
            #expect(text.contains("no such page"), "\(path): \(text)")
            #expect(!text.contains("swift-tools-version") && !text.contains("root:"), "\(path)")
        }
    }

    @Test("Nothing writes: other methods get 405 with Allow")
    func methods() throws {
        let server = try ServedExplorer(["--data", TestPaths.bundledData])
        defer { server.stop() }
        for method in ["POST", "PUT", "DELETE", "PATCH"] {
            let answer = try server.request("/api/timeline", method: method)
            #expect(answer.status == 405, "\(method)")
            #expect(answer.headers["allow"] == "GET, HEAD")
        }
    }

    @Test("A bad parameter over HTTP: 400 with JSON naming it, percent-encoding and + read as the CLI would")
    func parameters() throws {
        let server = try ServedExplorer(["--data", TestPaths.bundledData])
        defer { server.stop() }
        let bad = try server.request("/api/snapshot?at=2023-02-30")
        #expect(bad.status == 400)
        #expect(String(decoding: bad.body, as: UTF8.self).contains("\"parameter\":\"at\""))
        let found = try server.request("/api/nodes?q=Ararat+Mirzoyan")
        #expect(String(decoding: found.body, as: UTF8.self).hasPrefix("[{\"id\":\"ararat-mirzoyan\""))
        let encoded = try server.request("/api/timeline?pair=ararat-mirzoyan%2Cantony-blinken&limit=1")
        #expect(encoded.status == 200)
        #expect(encoded.headers["x-total-count"] == "3")
        #expect(try server.request("/api/timeline?limit=%zz").status == 400)
    }

    @Test("SIGTERM and Ctrl-C stop the server cleanly", arguments: [SIGTERM, SIGINT])
    func stops(signal: Int32) throws {
        let server = try ServedExplorer(["--data", TestPaths.bundledData])
        #expect(try server.request("/healthz").status == 200)
        let (status, output) = server.stop(signal)
        #expect(status == 0)
        #expect(output.contains("Stopped."))
    }

    /// The PostgreSQL store on the tests' own server (Scripts/pg-server.sh): the same
    /// answers as the files give, kept current by its count of files written.
    @Test("Answers are cached, but not past an ingest into the store by another program", arguments: ["sqlite", "postgres"])
    func cacheFollowsTheStore(kind: String) throws {
        let folder = TestPaths.temporaryFolder()
        let store = kind == "postgres" ? try TestPostgres.shared().newDatabase()
            : folder.appendingPathComponent("served.sqlite").path
        let program = ServedExplorer.program.path
        let first = try ExternalTool.run([program, "ingest", TestPaths.bundledData, "--store", store])
        try #require(first.status == 0, "\(first.standardError)")
        let server = try ServedExplorer(["--store", store])
        defer { server.stop() }
        let files = try ServedExplorer(["--data", TestPaths.bundledData])
        defer { files.stop() }
        for question in ["/api/timeline?actor=ararat-mirzoyan", "/api/snapshot?at=2023-06-27&window=90d",
                         "/api/diff?from=2023-01-01&to=2023-09-30", "/api/nodes?q=arm", "/api/frames?from=2023-05-01&to=2023-07-01"] {
            #expect(try server.request(question).body == files.request(question).body, "\(question)")
        }
        let path = "/api/timeline?pair=armenia,azerbaijan&limit=1"
        let before = try #require(try server.request(path).headers["x-total-count"].flatMap(Int.init))
        #expect(try server.request(path).headers["x-total-count"] == String(before))
        let extra = folder.appendingPathComponent("extra.yaml").path
        try """
            nodes:
              - {id: armenia, kind: state, name: Armenia, aliases: [ARM, Republic of Armenia]}
              - {id: azerbaijan, kind: state, name: Azerbaijan, aliases: [AZE, Republic of Azerbaijan]}
            events:
              - {id: extra-meeting, kind: meeting, date: "2025-08-01", title: Talks, participants: [armenia, azerbaijan], sources: [{publisher: p}]}

            """.write(toFile: extra, atomically: true, encoding: .utf8)
        let ingest = try ExternalTool.run([program, "ingest", extra, "--store", store])
        try #require(ingest.status == 0, "\(ingest.standardError)")
        #expect(try server.request(path).headers["x-total-count"] == String(before + 1))
    }

    @Test("Listening beyond loopback says that the data becomes visible on the network")
    func everyInterface() throws {
        let server = try ServedExplorer(["--data", TestPaths.bundledData, "--host", "0.0.0.0"])
        defer { server.stop() }
        #expect(server.firstLines.contains("anyone who can reach this machine"))
    }
}

/// The OpenAPI document kept true: schemathesis (PyPI) generates requests for every
/// operation from it and checks each answer against it (status, content type, schema,
/// rejected and accepted values, undeclared methods).
@Suite("Explorer API against its OpenAPI document")
struct ExplorerOpenAPITests {
    @Test("schemathesis finds no failure on any endpoint")
    func schemathesis() throws {
        guard (try? ExternalTool.run(["schemathesis", "--version"]))?.status == 0 else {
            Issue.record("schemathesis is missing; `make test` installs it with pip")
            return
        }
        let server = try ServedExplorer(["--data", TestPaths.bundledData])
        defer { server.stop() }
        let run = try ExternalTool.run(["schemathesis", "run", server.address + "api/openapi.json", "--checks", "all",
                                        "--max-examples", "40", "--workers", "2", "--seed", "20261207"])
        let summary = run.standardOutput.split(separator: "\n").filter { $0.contains("generated") || $0.contains("passed") || $0.contains("Tested") }
        print(summary.joined(separator: "\n"))
        #expect(run.status == 0, "\(run.standardOutput)\n\(run.standardError)")
        #expect(run.standardOutput.contains("Tested: 9"))
    }
}
