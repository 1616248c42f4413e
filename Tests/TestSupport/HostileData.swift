import DiplographCore

/// A small store whose every text — names, aliases, post, titles, status, sources,
/// dataset title — is `text`: what the escaping tests and the `label` fuzz target draw
/// and export.
public enum HostileData {
    public static let lastDay = Day(year: 2023, month: 12, day: 31)

    public static func store(text: String) -> InMemoryStore {
        InMemoryStore(dataset(text: text))
    }

    /// The store's dataset.
    public static func dataset(text: String) -> Dataset {
        let year = EventDate(year: 2023)
        let source = [Source(publisher: text, title: text, url: text)]
        return Dataset(
            title: text,
            nodes: [
                Node(id: "state", kind: .state, name: text, aliases: [text]),
                Node(id: "person", kind: .person, name: text),
                Node(id: "issue", kind: .issue, name: text, lifecycle: [LifecyclePhase(status: text, from: year)]),
            ],
            offices: [Office(id: "office", person: "person", post: text, organization: "state", from: year, sources: source)],
            events: [
                Event(id: "meeting", kind: .meeting, date: DateSpan(EventDate(year: 2023, month: 6, day: 27)), title: text,
                      actors: ["state", "person"], issues: ["issue"], sources: source),
                Event(id: "statement", kind: .statement, date: DateSpan(EventDate(year: 2023, month: 7)), title: text,
                      actors: ["person"], targets: ["state"], stance: .condemns, tone: -5, sources: source),
            ])
    }
}
