/// A person holding a post in a state or organization over an interval: a dated edge.
public struct Office: Sendable, Hashable, Identifiable {
    /// A unique, stable id.
    public let id: String
    /// The person holding the post.
    public var person: NodeID
    /// The title of the post, e.g. "Foreign Minister".
    public var post: String
    /// The state or organization the post belongs to.
    public var organization: NodeID
    /// The first date in office (its first day counts).
    public var from: EventDate
    /// The last date in office, or nil while in office.
    public var to: EventDate?
    /// Where the term is documented.
    public var sources: [Source]

    /// A term of office; `to` nil while it lasts.
    public init(id: String, person: NodeID, post: String, organization: NodeID,
                from: EventDate, to: EventDate? = nil, sources: [Source] = []) {
        self.id = id
        self.person = person
        self.post = post
        self.organization = organization
        self.from = from
        self.to = to
        self.sources = sources
    }

    /// The days in office: closed, from the first day of `from` to the last day of
    /// `to`; open-ended while `to` is nil. Held on its last day, not the day after.
    public var term: DayInterval {
        DayInterval(first: from.firstDay, last: to?.lastDay)
    }

    /// Whether the person holds the post on `day`.
    public func isHeld(on day: Day) -> Bool {
        term.contains(day)
    }
}
