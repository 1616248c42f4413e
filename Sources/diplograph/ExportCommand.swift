import ArgumentParser
import DiplographFormats
import Foundation
import DiplographCore
import DiplographDOT
import DiplographExplorer
import DiplographGraphviz

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the graph or the dataset for Gephi, networkx, Kumu, TimelineJS, spreadsheets.",
        discussion: """
            Formats:
              gexf        GEXF 1.3, dynamic (office terms, issue status, relation activity as spells)
              graphml     GraphML with typed keys
              dot         the DOT text that `render` lays out, same styling
              json        the native dataset format (loads back to an equal dataset)
              jsonl       the native format as JSON lines, one record a line (for large data)
              graph-json  nodes and links for web tools (d3, networkx node_link_graph)
              timelinejs  TimelineJS slides; month-precision dates have no day
              csv         -o FOLDER receives nodes.csv and edges.csv (Gephi/Kumu columns)
              markdown    chronology and counts per dyad
              html        the explorer as one self-contained page: the slider, diffs, search
                          and every event with its sources, for any day of --from..--to;
                          no network request, opens from file://

            The selection options (--at/--window or --from/--to, --focus, --top) work as \
            for `render`. Without any, json exports the whole dataset and the other \
            formats the whole graph up to the last day of the data.

            Examples:
              diplograph export --format gexf -o Output/caucasus.gexf
              diplograph export --format graphml --from 2023-01 --to 2023-12 -o 2023.graphml
              diplograph export --format json -o dataset.json
              diplograph export --format timelinejs --focus ararat-mirzoyan -o timeline.json
              diplograph export --format csv -o Output/csv/
              diplograph export --format markdown --from 2023-06 --to 2023-09
              diplograph export --format html --from 2022-10 --to 2023-12 -o caucasus.html
            """
    )

    /// `--format`: the library's export formats and DOT.
    enum Target: String, ExpressibleByArgument, CaseIterable {
        case gexf, graphml, dot, json, jsonl
        case graphJSON = "graph-json"
        case timelinejs, csv, markdown, html
    }

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var selectionOptions: SelectionOptions

    @Option(name: .shortAndLong, help: "The export format (see above).")
    var format: Target

    @Option(name: .shortAndLong, help: ArgumentHelp("Output file (a folder for csv); standard output when left out.", valueName: "path"))
    var output: String?

    var selectsAnything: Bool {
        let options = selectionOptions
        return options.at != nil || options.window != nil || options.from != nil || options.to != nil
            || options.focus != nil || options.top != nil || options.minEvents != nil
    }

    func validate() throws {
        if format == .csv, output == nil { throw ValidationError("--format csv needs -o FOLDER for nodes.csv and edges.csv") }
    }

    func run() throws {
        let store = try dataOptions.loadStore()
        if format == .html { return try writePage(store) }
        let snapshot = store.snapshot(try selectionOptions.selection(in: store))
        let files: [(name: String?, text: String)]
        if let library = ExportFormat(rawValue: format.rawValue) {
            files = Exporter.export(library, store: store, snapshot: snapshot, wholeDataset: !selectsAnything)
        } else {
            files = [(nil, DiagramBuilder(store: store).snapshotDOT(snapshot))]
        }
        for (name, text) in files {
            guard let output else {
                print(text, terminator: "")
                continue
            }
            try write(text, to: name.map { (output as NSString).appendingPathComponent($0) } ?? output)
        }
    }

    /// The explorer page: the period of --from/--to (default: the first event to the
    /// data's last day); --at, --window and --focus set the view it opens on.
    private func writePage(_ store: any EventStore) throws {
        let options = selectionOptions
        let (first, last) = try Arguments.range(from: options.from, to: options.to)
        do {
            var bundle = try ExplorerAPI.bundle(store: store, range: (first?.firstDay, last?.lastDay))
            bundle.top = options.top
            bundle.withSources = true
            bundle.view = .init(at: try options.at.map { try Arguments.date($0, option: "--at").lastDay },
                                windowDays: try options.window.map(Arguments.window),
                                focus: try options.focus.map { try Arguments.node($0, in: store, option: "--focus") },
                                depth: options.depth)
            let page = ExplorerPage.singleFile(bundle: try bundle.json(store: store))
            try write(String(decoding: page, as: UTF8.self), to: output)
        } catch let error as ExplorerError {
            throw InputError(description: "error: " + error.description.replacingOccurrences(of: "top=N", with: "--top N"))
        }
    }

    private func write(_ text: String, to path: String?) throws {
        guard let path else {
            print(text, terminator: "")
            return
        }
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            throw InputError(error)
        }
        FileHandleOutput.note("wrote \(path) (\(format.rawValue), \(text.utf8.count) bytes)")
    }
}
