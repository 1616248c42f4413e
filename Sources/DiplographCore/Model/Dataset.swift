/// A whole dataset as loaded: nodes, offices and events, plus notes on how it was made.
///
/// A `Dataset` is plain data. Loaders check it (every reference resolves, ids are
/// unique) before it reaches `InMemoryStore`.
public struct Dataset: Sendable, Hashable {
    /// The dataset's title, shown in diagram titles.
    public var title: String?
    /// Provenance notes, e.g. how a missing year was inferred.
    public var notes: [String]
    /// Every node: people, states, organizations and issues.
    public var nodes: [Node]
    /// Offices held, each over an interval.
    public var offices: [Office]
    /// The dated events.
    public var events: [Event]

    /// A dataset of these parts; loaders check references and ids before building a store.
    public init(title: String? = nil, notes: [String] = [], nodes: [Node] = [],
                offices: [Office] = [], events: [Event] = []) {
        self.title = title
        self.notes = notes
        self.nodes = nodes
        self.offices = offices
        self.events = events
    }
}
