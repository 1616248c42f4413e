import DiplographCore

/// A request's query parameters, read with the CLI's rules and refused with a message
/// that names the parameter: unknown names, repeated single values, dates, windows,
/// counts and node ids.
struct QueryParameters {
    private var values: [String: [String]] = [:]

    init(_ pairs: [(String, String)], allowed: Set<String>) throws(ExplorerError) {
        for (name, value) in pairs {
            guard allowed.contains(name) else {
                let known = allowed.sorted().joined(separator: ", ")
                throw ExplorerError(parameter: name, "no such parameter here" + (known.isEmpty ? "" : "; this endpoint takes \(known)"))
            }
            values[name, default: []].append(value)
        }
    }

    func all(_ name: String) -> [String] { values[name] ?? [] }

    func text(_ name: String) throws(ExplorerError) -> String? {
        let given = all(name)
        guard given.count <= 1 else { throw ExplorerError(parameter: name, "given \(given.count) times; give it once") }
        return given.first
    }

    func date(_ name: String) throws(ExplorerError) -> EventDate? {
        guard let text = try text(name) else { return nil }
        do {
            return try EventDate(parsing: text)
        } catch {
            throw ExplorerError(parameter: name, "\(error.message) (\(error.hint))")
        }
    }

    /// A look-back window (`90`, `90d`, `12w`, `1y`), or nil for `all` or none.
    func window(_ name: String = "window") throws(ExplorerError) -> Int? {
        guard let text = try text(name), text != "all" else { return nil }
        if let days = Int(text), days >= 0 { return days }
        do {
            return try Period.windowDays(parsing: text)
        } catch {
            throw ExplorerError(parameter: name, "\(error.message) (\(error.hint)), or all")
        }
    }

    func count(_ name: String, in range: ClosedRange<Int>) throws(ExplorerError) -> Int? {
        guard let text = try text(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ExplorerError(parameter: name, "'\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func node(_ text: String, parameter: String, in store: any EventStore) throws(ExplorerError) -> NodeID {
        if let resolved = store.resolve(text) { return resolved }
        throw ExplorerError(parameter: parameter, "no node '\(text)' in the data; search with /api/nodes?q=", status: 404)
    }

    func node(_ name: String, in store: any EventStore) throws(ExplorerError) -> NodeID? {
        guard let text = try text(name) else { return nil }
        return try node(text, parameter: name, in: store)
    }

    /// `from` and `to` as the closed interval of their days (either may be missing);
    /// a `to` before `from` selects no day.
    func range(in store: any EventStore) throws(ExplorerError) -> (first: Day?, last: Day?) {
        (try date("from")?.firstDay, try date("to")?.lastDay)
    }
}
