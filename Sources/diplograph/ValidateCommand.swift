import ArgumentParser
import DiplographCore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a dataset and report every problem with file:line:column.",
        discussion: """
            Reads every file of the dataset and lists all problems, each with what to do. \
            Exits 1 when there is any problem; nothing is written.

            Examples:
              diplograph validate
              diplograph validate --data my-dataset/ --list
            """
    )

    @OptionGroup var dataOptions: DataOptions

    @Flag(help: "Also list the node ids, by kind.")
    var list = false

    func run() throws {
        let store = try dataOptions.loadStore()
        let extent = store.eventExtent
        let span = extent.map { " from \($0.first) to \($0.last)" } ?? ""
        print("\(dataOptions.source): valid — \(store.nodes.count) nodes, \(store.offices.count) offices, "
              + "\(extent?.count ?? 0) events\(span)")
        guard list else { return }
        for kind in NodeKind.allCases {
            let nodes = store.nodes.filter { $0.kind == kind }
            guard !nodes.isEmpty else { continue }
            print("\n\(kind.rawValue):")
            for node in nodes { print("  \(node.id.padding(toLength: 28, withPad: " ", startingAt: 0)) \(node.name)") }
        }
    }
}
