extension InMemoryStore {
    /// The offices `person` held at any time, in term order.
    ///
    /// - Complexity: O(k) in that person's offices.
    public func offices(of person: NodeID) -> [Office] {
        (officesByPerson[person] ?? []).map { offices[$0] }
    }
}
