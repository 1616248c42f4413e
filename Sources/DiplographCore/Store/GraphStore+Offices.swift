extension GraphStore {
    /// Offices held on `day` (closed terms: held on the first and the last day).
    ///
    /// - Complexity: O(k) in the number of offices.
    public func offices(heldOn day: Day) -> [Office] {
        offices.filter { $0.isHeld(on: day) }
    }

    /// Who holds `post` in `organization` on `day`, e.g. the US Secretary of State on
    /// 2025-02-01. Several people when terms overlap (acting holders), in term order.
    ///
    /// - Complexity: O(k) in the number of offices.
    public func holders(of post: String, in organization: NodeID, on day: Day) -> [Office] {
        offices.filter { $0.organization == organization && $0.post == post && $0.isHeld(on: day) }
    }

    /// The offices `person` held at any time, in term order.
    ///
    /// - Complexity: O(k) in that person's offices.
    public func offices(of person: NodeID) -> [Office] {
        (officesByPerson[person] ?? []).map { offices[$0] }
    }
}
