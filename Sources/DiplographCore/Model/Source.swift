/// Where a fact comes from. Every event and office carries at least one; provenance
/// is never dropped by queries or writers.
public struct Source: Sendable, Hashable {
    /// Who published it (a ministry, an agency, a newspaper).
    public var publisher: String?
    /// The title of the article or document.
    public var title: String?
    /// Its address.
    public var url: String?
    /// When the source was published.
    public var date: EventDate?
    /// Anything else worth knowing about the source.
    public var note: String?

    /// A source; every field is optional, but a source should say at least where to look.
    public init(publisher: String? = nil, title: String? = nil, url: String? = nil,
                date: EventDate? = nil, note: String? = nil) {
        self.publisher = publisher
        self.title = title
        self.url = url
        self.date = date
        self.note = note
    }
}
