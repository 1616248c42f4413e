/// Where a fact comes from. Every event and office carries at least one; provenance
/// is never dropped by queries or writers.
public struct Source: Sendable, Hashable {
    public var publisher: String?
    public var title: String?
    public var url: String?
    /// When the source was published.
    public var date: EventDate?
    public var note: String?

    public init(publisher: String? = nil, title: String? = nil, url: String? = nil,
                date: EventDate? = nil, note: String? = nil) {
        self.publisher = publisher
        self.title = title
        self.url = url
        self.date = date
        self.note = note
    }
}
