import ArgumentParser
import Formats
import Graph

/// Options every command that reads a dataset shares.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A dataset file or folder (.yaml, .yml, .json).", valueName: "path"))
    var data: String = "Data"

    /// Loads and checks the dataset; every problem becomes one `InputError`.
    func loadStore() throws -> GraphStore {
        do {
            return GraphStore(try NativeDatasetLoader.load(path: data))
        } catch {
            throw InputError(description: error.description)
        }
    }
}

/// Parsing helpers for command-line values, with messages that say what to write.
enum Arguments {
    static func date(_ text: String, option: String) throws -> EventDate {
        do {
            return try EventDate(parsing: text)
        } catch {
            throw ValidationError("\(option): \(error.message) (\(error.hint))")
        }
    }

    /// `90d`, `12w`, `1y` or a plain number of days.
    static func window(_ text: String) throws -> Int {
        let trimmed = text.lowercased()
        let units: [Character: Int] = ["d": 1, "w": 7, "y": 365]
        if let unit = trimmed.last, let factor = units[unit], let count = Int(trimmed.dropLast()), count >= 0, count <= 100_000 {
            return count * factor
        }
        if let days = Int(trimmed), days >= 0, days <= 36_500_000 { return days }
        throw ValidationError("--window: '\(text)' is not a window (write e.g. 90d, 12w or 1y)")
    }

    /// Checks that `id` names a node, suggesting near ids when it does not.
    static func node(_ id: String, in store: GraphStore, option: String) throws -> NodeID {
        if store.node(id) != nil { return id }
        let near = store.nodes.map(\.id).filter { $0.contains(id) || id.contains($0) }.prefix(5)
        let hint = near.isEmpty ? "run `diplograph validate --list` to see node ids" : "did you mean \(near.joined(separator: ", "))?"
        throw ValidationError("\(option): no node '\(id)' in the dataset; \(hint)")
    }
}
