import DiplographCore

/// Finding nodes by what a user types.
struct ExplorerSearch {
    let store: any EventStore

    /// Nodes whose id, name or an alias contains `text` (ignoring case): exact matches
    /// first, then those that start with it, then the rest; each group by how many
    /// events a node has, most first. Every node, busiest first, for empty text.
    func nodes(matching text: String, limit: Int) -> [Node] {
        let needle = text.lowercased()
        var ranked: [(rank: Int, events: Int, node: Node)] = []
        for node in store.nodes {
            let fields = [node.id, node.name] + node.aliases
            let lowered = fields.map { $0.lowercased() }
            let rank: Int
            if needle.isEmpty || lowered.contains(needle) {
                rank = 0
            } else if lowered.contains(where: { $0.hasPrefix(needle) }) {
                rank = 1
            } else if lowered.contains(where: { $0.contains(needle) }) {
                rank = 2
            } else {
                continue
            }
            ranked.append((rank, store.eventCount(of: node.id), node))
        }
        ranked.sort { ($0.rank, -$0.events, $0.node.id) < ($1.rank, -$1.events, $1.node.id) }
        return ranked.prefix(limit).map(\.node)
    }

}
