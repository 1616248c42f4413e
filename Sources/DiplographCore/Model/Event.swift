/// The kinds of dated edge besides offices.
public enum EventKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Two or more participants met.
    case meeting
    /// A speaker said something, to addressees or about issues, with a stance.
    case statement
    /// Parties signed, initialled or announced an agreement.
    case agreement
    /// Anything else: an action by actors, possibly against targets.
    case event

    /// A small integer per kind, in declaration order, for packed keys (a switch:
    /// `allCases.firstIndex` would build an array on every row of an import).
    var code: UInt64 {
        switch self {
        case .meeting: 0
        case .statement: 1
        case .agreement: 2
        case .event: 3
        }
    }

    /// Whether the kind has no direction: a meeting or an agreement coded as A with B
    /// is the same as B with A.
    package var isSymmetric: Bool {
        self == .meeting || self == .agreement
    }
}

/// The position a statement takes.
public enum Stance: String, Sendable, Hashable, CaseIterable, Codable {
    case condemns
    case urges
    case callsFor = "calls-for"
    case supports
    case rejects
    case welcomes
    case warns
    case accuses
    case demands
    case proposes
    case denies
    case expressesConcern = "expresses-concern"

    /// Whether the stance is adversarial toward its addressee.
    package var isHostile: Bool {
        switch self {
        case .condemns, .rejects, .warns, .accuses, .demands, .denies: true
        default: false
        }
    }
}

/// A dated event: one record however many parties it has. The relation graph
/// projects it to pairwise relations when a snapshot needs them.
public struct Event: Sendable, Hashable, Identifiable {
    /// A unique, stable id (a slug in hand-made data, the row id in coded data).
    public let id: String
    /// What kind of event it is, which decides how it projects to relations.
    public var kind: EventKind
    /// When it happened: one date at its precision, or a range.
    public var date: DateSpan
    /// A one-line description.
    public var title: String
    /// Who acts: meeting participants, agreement parties, the statement's speaker
    /// (exactly one), an event's actors.
    public var actors: [NodeID]
    /// Who is acted upon: a statement's addressees, an event's targets.
    public var targets: [NodeID]
    /// Issue nodes the event concerns.
    public var issues: [NodeID]
    /// For statements.
    public var stance: Stance?
    /// Where it happened, as the source gives it.
    public var location: String?
    /// A longer description.
    public var summary: String?
    /// A statement's words, quoted.
    public var quote: String?
    /// −10 (most conflictual) to +10 (most cooperative).
    public var tone: Double?
    /// Where it is reported; coded data gives one per merged row.
    public var sources: [Source]
    /// Free-form attributes (a coded row's CAMEO code, `merged_rows`); writers emit them sorted by key.
    public var attributes: [String: String]

    /// An event with these fields; only `id`, `kind`, `date`, `title` and `actors` are required.
    public init(id: String, kind: EventKind, date: DateSpan, title: String,
                actors: [NodeID], targets: [NodeID] = [], issues: [NodeID] = [],
                stance: Stance? = nil, location: String? = nil, summary: String? = nil,
                quote: String? = nil, tone: Double? = nil, sources: [Source] = [],
                attributes: [String: String] = [:]) {
        self.id = id
        self.kind = kind
        self.date = date
        self.title = title
        self.actors = actors
        self.targets = targets
        self.issues = issues
        self.stance = stance
        self.location = location
        self.summary = summary
        self.quote = quote
        self.tone = tone
        self.sources = sources
        self.attributes = attributes
    }

    /// Actors then targets, without repeats, in the order given.
    public var parties: [NodeID] {
        var seen = Set<NodeID>()
        return (actors + targets).filter { seen.insert($0).inserted }
    }

    /// Whether `node` is an actor, a target or an issue of the event.
    package func involves(_ node: NodeID) -> Bool {
        actors.contains(node) || targets.contains(node) || issues.contains(node)
    }
}
