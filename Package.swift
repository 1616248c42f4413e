// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Diplograph",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "diplograph", targets: ["diplograph"]),
        // One product per module, so that a program takes only what it needs: the
        // model and queries, the file formats, DOT text, and (linking libgvc) Graphviz.
        .library(name: "DiplographCore", targets: ["DiplographCore"]),
        .library(name: "DiplographFormats", targets: ["DiplographFormats"]),
        .library(name: "DiplographDOT", targets: ["DiplographDOT"]),
        .library(name: "DiplographGraphviz", targets: ["DiplographGraphviz"]),
        .library(name: "DiplographSQLite", targets: ["DiplographSQLite"]),
        .library(name: "DiplographPostgres", targets: ["DiplographPostgres"]),
        // Examples/: small programs that use the library as another package would.
        .executable(name: "example-timeline", targets: ["ExampleTimeline"]),
        .executable(name: "example-gdelt-diff", targets: ["ExampleGDELTDiff"]),
        .executable(name: "example-render-svg", targets: ["ExampleRenderSVG"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // The persistent store (Debian's libsqlite3-dev underneath).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // SHA-256 of ingested files (Foundation on Linux has no digest).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // `sync gdelt`: GDELT publishes zip files of one member each (zlib underneath).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // `make docs`: DocC catalogs of the four library modules.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // `diplograph serve`: the explorer's HTTP server (SwiftNIO underneath).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // The PostgreSQL store: the wire protocol with COPY (SwiftNIO underneath).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // The model, the store with its indices and the query layer. No formats, no I/O.
        .target(name: "DiplographCore", dependencies: ["CPrefetch"]),
        // One inline C function: a cache prefetch for the import path's hash tables.
        .target(name: "CPrefetch"),
        // Two C functions: splitting a line at tabs and finding a JSON string's end
        // with SIMD byte compares, for the importers and the JSON-lines scanner.
        .target(name: "CByteScan"),
        // One inline C function: glibc's allocator settings for programs that load
        // large files (`mallopt`, which Swift's Glibc module does not export).
        .target(name: "CAllocator"),
        // Loaders and writers: the native YAML/JSON dataset, reports.
        .target(
            name: "DiplographFormats",
            dependencies: ["DiplographCore", "CByteScan", "CAllocator", .product(name: "Yams", package: "Yams")]
        ),
        // libgvc through pkg-config; the only C library the package uses.
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        // Styled DOT text from snapshots and diffs, engine choice: pure Swift, no C.
        .target(name: "DiplographDOT", dependencies: ["DiplographCore"]),
        // The only code that imports CGraphviz: layout and rendering in-process.
        .target(name: "DiplographGraphviz", dependencies: ["DiplographCore", "DiplographDOT", "CGraphviz"]),
        // The SQLite store: ingest file by file, answer EventStore's queries in SQL.
        .target(name: "DiplographSQLite",
                dependencies: ["DiplographCore", "DiplographFormats", .product(name: "GRDB", package: "GRDB.swift"),
                               .product(name: "GRDBSQLite", package: "GRDB.swift"),
                               .product(name: "Crypto", package: "swift-crypto")]),
        // The PostgreSQL store: the SQLite store's schema and rules on a server, events
        // partitioned by month, bulk-loaded with COPY.
        .target(name: "DiplographPostgres",
                dependencies: ["DiplographCore", "DiplographFormats", "DiplographSQLite",
                               .product(name: "PostgresNIO", package: "postgres-nio"),
                               .product(name: "Logging", package: "swift-log"),
                               .product(name: "NIOCore", package: "swift-nio"),
                               .product(name: "Crypto", package: "swift-crypto")]),
        // Following a publisher's file list into the store: GDELT 2.0's 15-minute files,
        // fetched with URLSession, checked by size and MD5, unzipped, ingested one by one.
        .target(name: "DiplographSync",
                dependencies: ["DiplographCore", "DiplographFormats", "DiplographSQLite",
                               .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                               .product(name: "Crypto", package: "swift-crypto")]),
        // The explorer: frames of a period (positions pinned once, then what each date
        // shows), the API's answers as JSON, and the page itself (HTML, CSS and JavaScript
        // modules built into the binary). No HTTP: `serve` and `export --format html` share it.
        .target(name: "DiplographExplorer",
                dependencies: ["DiplographCore", "DiplographFormats", "DiplographDOT", "DiplographGraphviz",
                               .product(name: "Crypto", package: "swift-crypto")],
                resources: [.embedInCode("Page")]),
        // `diplograph serve`: the explorer over HTTP on Hummingbird; renders off the event loop.
        .target(name: "DiplographServer",
                dependencies: ["DiplographExplorer", "DiplographCore", "DiplographFormats", "DiplographGraphviz",
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "HTTPTypes", package: "swift-http-types")]),
        .executableTarget(
            name: "diplograph",
            dependencies: [
                "DiplographCore", "DiplographFormats", "DiplographDOT", "DiplographGraphviz", "DiplographSQLite",
                "DiplographSync", "DiplographExplorer", "DiplographServer", "DiplographPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "ExampleTimeline", dependencies: ["DiplographCore", "DiplographFormats"],
                          path: "Examples/Timeline"),
        // No DiplographGraphviz: DOT is written without linking libgvc.
        .executableTarget(name: "ExampleGDELTDiff", dependencies: ["DiplographCore", "DiplographFormats", "DiplographDOT"],
                          path: "Examples/GDELTDiff"),
        .executableTarget(name: "ExampleRenderSVG",
                          dependencies: ["DiplographCore", "DiplographFormats", "DiplographDOT", "DiplographGraphviz"],
                          path: "Examples/RenderSVG"),
        // Helpers shared by the test targets: seeded randomness, external checkers.
        .target(name: "TestSupport", dependencies: ["DiplographCore"], path: "Tests/TestSupport"),
        // `make bench`: the data generator and Diplograph's side of the benchmark.
        .executableTarget(
            name: "diplograph-bench",
            dependencies: ["DiplographCore", "DiplographFormats", "DiplographDOT", "DiplographGraphviz", "TestSupport"],
            path: "Benchmarks/Sources"
        ),
        // `make fuzz`: the checks each fuzz target applies to an input, and the driver
        // (libFuzzer's entry point with -D DIPLOGRAPH_LIBFUZZER, else a replayer).
        .target(
            name: "FuzzTargets",
            dependencies: ["DiplographCore", "DiplographFormats", "DiplographDOT", "DiplographGraphviz", "TestSupport"],
            path: "Fuzz/Targets"
        ),
        .executableTarget(name: "diplograph-fuzz", dependencies: ["FuzzTargets"], path: "Fuzz/Driver"),
        .testTarget(name: "GraphTests", dependencies: ["DiplographCore", "TestSupport"]),
        .testTarget(name: "FuzzTests", dependencies: ["FuzzTargets"]),
        // Runs the built program (the dependency makes sure it is built first).
        .testTarget(name: "CLITests", dependencies: ["diplograph", "DiplographSync", "TestSupport"]),
        .testTarget(name: "SQLiteTests", dependencies: ["DiplographSQLite", "DiplographFormats", "DiplographCore", "TestSupport"]),
        // Against throw-away PostgreSQL servers the tests start (Scripts/pg-server.sh).
        .testTarget(name: "PostgresTests",
                    dependencies: ["DiplographPostgres", "DiplographSQLite", "DiplographFormats", "DiplographCore", "TestSupport"]),
        // Runs the examples (the dependencies make sure they are built first).
        .testTarget(name: "ExampleTests",
                    dependencies: ["ExampleTimeline", "ExampleGDELTDiff", "ExampleRenderSVG", "TestSupport"]),
        // The explorer: its API in-process, `serve` over HTTP, the page in Chromium.
        .testTarget(name: "ExplorerTests",
                    dependencies: ["diplograph", "DiplographExplorer", "DiplographSQLite", "DiplographFormats", "DiplographCore",
                                   "TestSupport"]),
        .testTarget(name: "FormatsTests", dependencies: ["DiplographFormats", "DiplographCore", "TestSupport"]),
        .testTarget(name: "GraphvizBackendTests", dependencies: ["DiplographGraphviz", "DiplographDOT", "DiplographFormats", "DiplographCore", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
