/// A whole dataset as loaded: nodes, offices and events, plus notes on how it was made.
///
/// A `Dataset` is plain data. Loaders check it (every reference resolves, ids are
/// unique) before it reaches `InMemoryStore`.
public struct Dataset: Sendable, Hashable {
    public var title: String?
    /// Provenance notes, e.g. how a missing year was inferred.
    public var notes: [String]
    public var nodes: [Node]
    public var offices: [Office]
    public var events: [Event]

    public init(title: String? = nil, notes: [String] = [], nodes: [Node] = [],
                offices: [Office] = [], events: [Event] = []) {
        self.title = title
        self.notes = notes
        self.nodes = nodes
        self.offices = offices
        self.events = events
    }
}
