extension GraphStore {
    /// The node a user means by `text`: an exact id, else a node with that alias or
    /// name, else an id that differs only in case (`ARM` finds the node `arm`, or a
    /// hand-made `armenia` with the alias `ARM`). Nil when none matches, or when
    /// several nodes share the alias or name.
    ///
    /// - Complexity: O(1) for an exact id, O(n) otherwise.
    public func resolve(_ text: String) -> NodeID? {
        if node(text) != nil { return text }
        let lowered = text.lowercased()
        let byAlias = nodes.filter { $0.aliases.contains { $0.lowercased() == lowered } || $0.name.lowercased() == lowered }
        if byAlias.count == 1 { return byAlias[0].id }
        let byID = nodes.filter { $0.id.lowercased() == lowered }
        return byID.count == 1 ? byID[0].id : nil
    }
}
