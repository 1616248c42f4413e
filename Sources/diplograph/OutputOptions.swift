import ArgumentParser
import Foundation
import DiplographFormats
import DiplographDOT
import DiplographGraphviz

/// Where and how a diagram is written.
struct DiagramOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Output file; its extension (.svg, .png, .pdf, .dot) picks the format.", valueName: "path"))
    var output: String?

    @Option(help: "The drawing's format; overrides the extension.")
    var format: OutputFormat?

    @Option(help: "Graphviz layout engine (default: auto, by the graph's size).")
    var engine: EngineName = .auto

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

/// `--engine`: a Graphviz engine, or `auto` for the library's choice by size.
enum EngineName: String, CaseIterable, ExpressibleByArgument {
    case auto, dot, neato, fdp, sfdp, circo, twopi

    var engine: LayoutEngine? { LayoutEngine(rawValue: rawValue) }
}

extension OutputFormat: ExpressibleByArgument {}

/// A diagram's destination, format and layout engine, checked before any work.
struct DiagramOutput {
    var output: String?
    var format: OutputFormat?
    var engine: EngineName
    var verbose = false
    var budget: Double = 10

    func outputFormat() throws -> OutputFormat {
        if let format { return format }
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
    func layoutEngine() -> LayoutEngine? {
        engine.engine
    }

    /// Builds the DOT for the engine that will lay it out (chosen by the library from
    /// a first build's size when `auto`), renders it, and writes it.
    func write(_ build: (LayoutEngine) -> String) throws {
        let rendering: Rendering
        do {
            rendering = try GraphvizRenderer.render(format: try outputFormat(), engine: layoutEngine(),
                                                    budgetSeconds: budget, dot: build)
        } catch let error as GraphvizError {
            throw InputError(error)
        }
        if rendering.choice.fellBack {
            FileHandleOutput.note(rendering.choice.reason)
        } else if verbose, layoutEngine() == nil {
            FileHandleOutput.note("engine \(rendering.choice.engine.rawValue): \(rendering.choice.reason)")
        }
        if rendering.seconds > budget {
            FileHandleOutput.note("the layout took \(Int(rendering.seconds)) s, over the \(budget) s budget; try --engine sfdp or --top")
        }
        try write(rendering.bytes, engine: rendering.choice.engine)
    }

    /// Writes a drawing to `--output` (atomically) or standard output.
    private func write(_ bytes: [UInt8], engine: LayoutEngine) throws {
        let format = try outputFormat()
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
