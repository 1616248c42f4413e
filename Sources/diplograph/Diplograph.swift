import ArgumentParser
import DiplographFormats
import DiplographGraphviz
import DiplographSQLite
import Foundation

@main
struct Diplograph: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diplograph",
        abstract: "Event timelines and relationship graphs for diplomacy and politics.",
        discussion: """
            Loads a dataset (default: Data/), answers timeline, snapshot and diff questions, \
            and draws relationship graphs through Graphviz.

            Exit codes: 0 success, 1 bad input (the errors are listed), 2 bad usage.

            Examples:
              diplograph validate
              diplograph timeline --actor ararat-mirzoyan --from 2023-01 --to 2023-12
              diplograph render --at 2023-06-27 --window 90d -o Output/caucasus-2023-06-27.svg
              diplograph diff 2023-01-01 2024-01-01 -o Output/diff-2023.svg
              diplograph export --format gexf -o Output/caucasus.gexf
            """,
        subcommands: [ValidateCommand.self, TimelineCommand.self, RenderCommand.self, DiffCommand.self, ExportCommand.self,
                      IngestCommand.self, StoreCommand.self, SyncCommand.self, TrendCommand.self, DyadsCommand.self,
                      ContactsCommand.self, RevisionsCommand.self, ServeCommand.self,
                      GraphvizWorkerCommand.self]
    )

    /// Maps errors to the exit codes the help promises: 1 for bad input, 2 for usage.
    static func main() async {
        ProcessMemory.reuseFreedMemory()
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let error as InputError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// A problem with the user's data or files: printed as is, exit code 1.
struct InputError: Error, CustomStringConvertible {
    let description: String

    init(description: String) {
        self.description = description
    }

    /// A library error, its parameters named by the flags that set them.
    init(_ error: FormatError) {
        description = error.description(naming: Self.flagNames)
    }

    init(_ error: StoreError) {
        description = error.description(naming: Self.flagNames)
    }

    init(_ error: GraphvizError) {
        description = error.diagnostic.description(naming: Self.flagNames)
    }

    /// The library's names for what options set, as its messages give them.
    static let flagNames = ["format": "--input-format", "strict": "--strict", "merge": "--merge",
                            "csvNodes": "--nodes", "csvMapping": "--map", "engine": "--engine", "top": "--top",
                            "focus": "--focus", "csvHeader": "--no-header", "epoch": "--epoch", "cameoNames": "--cameo-names"]
}
