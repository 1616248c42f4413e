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
              diplograph export --to gexf -o Output/caucasus.gexf
              diplograph export --format graphml --from 2023-01 --to 2023-12 -o 2023.graphml
              diplograph export --to json -o dataset.json
              diplograph export --to timelinejs --focus ararat-mirzoyan -o timeline.json
              diplograph export --to csv -o Output/csv/
              diplograph export --format markdown --from 2023-06 --to 2023-09

            `--to FORMAT` names the format; with a date range (--from/--to DATE) \
            use --format.
            """
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case gexf, graphml, dot, json, jsonl
        case graphJSON = "graph-json"
        case timelinejs, csv, markdown
    }

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var selectionOptions: SelectionOptions

    @Option(name: [.customShort("t"), .customLong("format")], help: "The export format (see above).")
    var formatOption: Target?

    @Option(name: .shortAndLong, help: ArgumentHelp("Output file (a folder for csv); standard output when left out.", valueName: "path"))
    var output: String?

    /// `--to FORMAT` is accepted as well as `--format FORMAT`: `--to` then names the
    /// format rather than the end of a date range.
    var format: Target {
        get throws {
            if let formatOption { return formatOption }
            if let to = selectionOptions.to, let target = Target(rawValue: to) { return target }
            throw ValidationError("name the format with --format (or --to): \(Target.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// The selection options, less a `--to` that named the format.
    var selection: SelectionOptions {
        var options = selectionOptions
        if formatOption == nil, let to = options.to, Target(rawValue: to) != nil { options.to = nil }
        return options
    }

    var selectsAnything: Bool {
        let options = selection
        return options.at != nil || options.window != nil || options.from != nil || options.to != nil
            || options.focus != nil || options.top != nil || options.minEvents != nil
    }

    func run() throws {
        let format = try self.format
        let selectionOptions = selection
        try selectionOptions.validate()
        if format == .csv, output == nil { throw ValidationError("--format csv needs -o FOLDER for nodes.csv and edges.csv") }
        let store = try dataOptions.loadStore()
        let snapshot = store.snapshot(try selectionOptions.selection(in: store))
        let text: String
        switch format {
        case .gexf: text = GEXFExporter.export(store: store, snapshot: snapshot)
        case .graphml: text = GraphMLExporter.export(store: store, snapshot: snapshot)
        case .dot: text = DiagramBuilder(store: store).snapshotDOT(snapshot)
        case .json:
            let dataset = selectsAnything ? NativeDatasetWriter.subset(of: store, snapshot: snapshot)
                                          : NativeDatasetWriter.dataset(of: store)
            text = NativeDatasetWriter.json(dataset)
        case .jsonl:
            let dataset = selectsAnything ? NativeDatasetWriter.subset(of: store, snapshot: snapshot)
                                          : NativeDatasetWriter.dataset(of: store)
            text = NativeDatasetWriter.jsonLines(dataset)
        case .graphJSON: text = GraphJSONExporter.export(store: store, snapshot: snapshot)
        case .timelinejs: text = TimelineJSExporter.export(store: store, snapshot: snapshot)
        case .markdown: text = MarkdownExporter.export(store: store, snapshot: snapshot)
        case .csv:
            let (nodes, edges) = SpreadsheetExporter.export(store: store, snapshot: snapshot)
            let folder = output ?? "."
            try write(nodes, to: (folder as NSString).appendingPathComponent("nodes.csv"))
            try write(edges, to: (folder as NSString).appendingPathComponent("edges.csv"))
            return
        }
        if let output {
            try write(text, to: output)
        } else {
            print(text, terminator: "")
        }
    }

    private func write(_ text: String, to path: String) throws {
        let format = try self.format
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            throw InputError(error)
        }
        FileHandleOutput.note("wrote \(path) (\(format.rawValue), \(text.utf8.count) bytes)")
    }
}
