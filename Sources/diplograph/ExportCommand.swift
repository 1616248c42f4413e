import ArgumentParser
import DiplographFormats
import Foundation
import DiplographCore
import DiplographDOT
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
            """
    )

    /// `--format`: the library's export formats and DOT.
    enum Target: String, ExpressibleByArgument, CaseIterable {
        case gexf, graphml, dot, json, jsonl
        case graphJSON = "graph-json"
        case timelinejs, csv, markdown
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

    private func write(_ text: String, to path: String) throws {
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            throw InputError(error)
        }
        FileHandleOutput.note("wrote \(path) (\(format.rawValue), \(text.utf8.count) bytes)")
    }
}
