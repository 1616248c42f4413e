import ArgumentParser
import Foundation
import DiplographFormats
import DiplographDOT
import DiplographGraphviz

/// Where and how a diagram is written.
struct DiagramOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Output file; its extension (.svg, .png, .pdf, .dot) picks the format.", valueName: "path"))
    var output: String?

    @Option(help: "svg, png, pdf or dot; overrides the extension.")
    var format: String?

    @Option(help: "Graphviz layout engine: auto (default: by the graph's size), dot, neato, fdp, sfdp, circo or twopi.")
    var engine: String = "auto"

    @Flag(help: "Say which layout engine was chosen and why.")
    var verbose = false

    @Flag(help: "Also draw office holders and states that take part in no relation.")
    var includeIsolated = false

    @Option(help: ArgumentHelp("Layout time budget in seconds: an engine forecast to take longer falls back to sfdp.",
                               valueName: "seconds"))
    var budget: Double = 10

    @Option(help: "Diagram title (default: the dataset title and the date).")
    var title: String?

    @OptionGroup var limits: LimitOptions

    var destination: DiagramOutput {
        DiagramOutput(output: output, format: format, engine: engine, verbose: verbose, budget: budget)
    }
}

/// A diagram's destination, format and layout engine, checked before any work.
struct DiagramOutput {
    var output: String?
    var format: String?
    var engine: String
    var verbose = false
    var budget: Double = 10

    func outputFormat() throws -> OutputFormat {
        if let format {
            guard let chosen = OutputFormat(rawValue: format.lowercased()) else {
                throw ValidationError("--format: '\(format)' is not one of svg, png, pdf, dot")
            }
            return chosen
        }
        if let output, let dot = output.lastIndex(of: ".") {
            let ext = String(output[output.index(after: dot)...])
            guard let chosen = OutputFormat(pathExtension: ext) else {
                throw ValidationError("-o: cannot tell the format from '.\(ext)'; use .svg, .png, .pdf or .dot, or --format")
            }
            return chosen
        }
        return .svg
    }

    /// The engine named, or nil for `auto` (chosen by size when the graph is known).
    func layoutEngine() throws -> LayoutEngine? {
        if engine == "auto" { return nil }
        guard let chosen = LayoutEngine(rawValue: engine) else {
            throw ValidationError("--engine: '\(engine)' is not auto or one of \(LayoutEngine.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return chosen
    }

    /// Builds the DOT for the engine that will lay it out (chosen from a first
    /// build's size when `auto`), renders it, and writes it.
    func write(_ build: (LayoutEngine) -> String) throws {
        let draft = build(.dot)
        let engine = try chooseEngine(for: draft)
        try write(dot: engine == .dot ? draft : build(engine), engine: engine)
    }

    private func chooseEngine(for dot: String) throws -> LayoutEngine {
        let counts: (nodes: Int, edges: Int)
        do {
            counts = try GraphvizRenderer.counts(dot: dot)
        } catch {
            throw InputError(error)
        }
        if let named = try layoutEngine() {
            let kept = named.withinBudget(budget, nodes: counts.nodes, edges: counts.edges)
            if let note = kept.note { FileHandleOutput.note(note) }
            return kept.engine
        }
        let choice = LayoutEngine.automatic(nodes: counts.nodes, edges: counts.edges)
        if verbose { FileHandleOutput.note("engine \(choice.engine.rawValue): \(choice.reason)") }
        return choice.engine
    }

    /// Renders `dot` with `engine` and writes it to `--output` (atomically) or
    /// standard output.
    private func write(dot: String, engine: LayoutEngine) throws {
        let format = try outputFormat()
        let bytes: [UInt8]
        do {
            let started = Date()
            bytes = try GraphvizRenderer.render(dot: dot, engine: engine, format: format)
            let took = Date().timeIntervalSince(started)
            if took > budget {
                FileHandleOutput.note("the layout took \(Int(took)) s, over the \(budget) s budget; try --engine sfdp or --top")
            }
        } catch {
            throw InputError(error)
        }
        guard let output else {
            FileHandleOutput.writeStandardOutput(bytes)
            return
        }
        do {
            try AtomicFile.write(bytes, to: output)
        } catch {
            throw InputError(error)
        }
        FileHandleOutput.note("wrote \(output) (\(format.rawValue), \(bytes.count) bytes, engine \(engine.rawValue))")
    }
}
