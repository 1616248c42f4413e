/// The pairwise relations a snapshot projects events to.
public enum RelationKind: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    /// Two participants of one meeting (undirected).
    case met
    /// Two parties of one agreement (undirected).
    case agreed
    /// A speaker toward an addressee, or toward an issue when the statement has no
    /// addressee (directed, carries the stance).
    case stated
    /// An actor toward a target of a general event; between co-actors when it has no
    /// target (directed).
    case acted
    /// An actor and an issue its event concerns (directed actor → issue).
    case concerns

    /// Whether the relation has a direction: statements, actions and concerns do; meetings and agreements do not.
    public var isDirected: Bool {
        switch self {
        case .met, .agreed: false
        case .stated, .acted, .concerns: true
        }
    }

    /// Declaration order.
    public static func < (lhs: RelationKind, rhs: RelationKind) -> Bool {
        lhs.order < rhs.order
    }

    private var order: Int {
        switch self {
        case .met: 0
        case .agreed: 1
        case .stated: 2
        case .acted: 3
        case .concerns: 4
        }
    }
}

/// Identifies one relation: its ends, its kind and, for statements, the stance.
/// Undirected relations store their ends in id order.
public struct RelationKey: Sendable, Hashable, Comparable {
    /// The speaker or actor for directed kinds; the end with the smaller id for undirected ones.
    public let source: NodeID
    /// The addressee, target or issue for directed kinds; the other end for undirected ones.
    public let target: NodeID
    /// What kind of relation it is.
    public let kind: RelationKind
    /// For `stated` relations, the statement's stance (nil when it has none).
    public let stance: Stance?

    /// A key; the ends of an undirected kind are put in id order.
    public init(source: NodeID, target: NodeID, kind: RelationKind, stance: Stance? = nil) {
        if !kind.isDirected, target < source {
            self.source = target
            self.target = source
        } else {
            self.source = source
            self.target = target
        }
        self.kind = kind
        self.stance = stance
    }

    /// Ends already in order (decoded from a packed key).
    init(orderedSource source: NodeID, target: NodeID, kind: RelationKind, stance: Stance?) {
        self.source = source
        self.target = target
        self.kind = kind
        self.stance = stance
    }

    /// A stable id for diagrams and exports: `kind--source--target`, with the stance
    /// after the kind (`stated-condemns--a--b`). Node ids are slugs with single
    /// hyphens, so `--` separates unambiguously.
    public var id: String {
        let kindPart = stance.map { "\(kind.rawValue)-\($0.rawValue)" } ?? kind.rawValue
        return "\(kindPart)--\(source)--\(target)"
    }

    /// By source, target, kind name, then stance name (none first). Compared field by
    /// field: the names are made only when the ends are equal.
    public static func < (lhs: RelationKey, rhs: RelationKey) -> Bool {
        if lhs.source != rhs.source { return lhs.source < rhs.source }
        if lhs.target != rhs.target { return lhs.target < rhs.target }
        if lhs.kind != rhs.kind { return lhs.kind.rawValue < rhs.kind.rawValue }
        return (lhs.stance?.rawValue ?? "") < (rhs.stance?.rawValue ?? "")
    }
}

/// A store's event id column, shared by reference by everything the store makes.
final class EventIDColumn: Sendable {
    let column: StringColumn

    init(_ column: StringColumn) {
        self.column = column
    }
}

/// The event positions of a set of relations made together (each relation is a
/// range of `positions`), the id column they index and the node ids their packed
/// keys name, behind one reference: a relation copied in a snapshot or a diff then
/// costs one reference count, and its key is made only when asked for.
final class RelationEvents: Sendable {
    let positions: [Int32]
    let ids: EventIDColumn
    let nodeIDs: [NodeID]

    init(positions: [Int32], ids: EventIDColumn, nodeIDs: [NodeID]) {
        self.positions = positions
        self.ids = ids
        self.nodeIDs = nodeIDs
    }

    // Kinds and stances numbered in the order of their names, so that packed keys
    // sort exactly as `RelationKey`s do: source, target (node positions follow id
    // order), kind name, stance name (none first).
    static let kinds = RelationKind.allCases.sorted { $0.rawValue < $1.rawValue }
    static let stances = Stance.allCases.sorted { $0.rawValue < $1.rawValue }

    /// Source and target node positions, kind and stance in one integer that sorts
    /// as the key does (undirected ends in order already).
    static func pack(_ source: Int32, _ target: Int32, _ kind: RelationKind, _ stance: Stance?) -> UInt64 {
        let kindCode = UInt64(kinds.firstIndex(of: kind)!)
        let stanceCode = stance.map { UInt64(stances.firstIndex(of: $0)! + 1) } ?? 0
        return UInt64(source) << 37 | UInt64(target) << 11 | kindCode << 8 | stanceCode
    }

    func key(_ packed: UInt64) -> RelationKey {
        let stanceCode = Int(packed & 0xFF)
        return RelationKey(orderedSource: nodeIDs[Int(packed >> 37)], target: nodeIDs[Int((packed >> 11) & 0x3FF_FFFF)],
                           kind: Self.kinds[Int((packed >> 8) & 0x7)],
                           stance: stanceCode == 0 ? nil : Self.stances[stanceCode - 1])
    }
}

/// The events between two nodes of one kind, aggregated: count, tone, first and last day.
///
/// A snapshot's relation counts the events of the snapshot (see
/// `EventStore.snapshot(at:windowDays:)`); two relations are equal when key, count,
/// days, mean tone and event ids are.
public struct Relation: Sendable {
    /// How many events the relation aggregates.
    public private(set) var count: Int
    /// The first day of its earliest event.
    public private(set) var first: Day
    /// The latest last day of its events (a range or a month reaches to its end).
    public private(set) var last: Day
    private var toneSum: Double
    private var toneCount: Int
    /// Built from `Event` values: the key and the event ids. (Store-built relations
    /// have neither: their key is packed, their events are positions.)
    private var built: Built?
    /// Store-built: the shared positions and this relation's range of them.
    let events: RelationEvents?
    let eventRange: Range<Int32>
    /// The key as the store packs it (nil when built from `Event` values): equal
    /// packed keys are equal keys, and comparing them costs no string work.
    let packedKey: UInt64?

    private struct Built: Sendable {
        let key: RelationKey
        var ids: [String]
    }

    /// Its ends, kind and stance (made on access for store-built relations, so a
    /// diff or snapshot copies no strings).
    public var key: RelationKey {
        built?.key ?? events!.key(packedKey!)
    }

    init(packedKey: UInt64, events: RelationEvents, range: Range<Int32>, first: Day, last: Day,
         toneSum: Double, toneCount: Int) {
        self.packedKey = packedKey
        count = range.count
        self.events = events
        eventRange = range
        built = nil
        self.first = first
        self.last = last
        self.toneSum = toneSum
        self.toneCount = toneCount
    }

    /// A relation as a store aggregated it: the ids of its events in chronological
    /// order, the span of their days, and the sum and number of the tones given.
    public init(key: RelationKey, eventIDs: [String], first: Day, last: Day, toneSum: Double, toneCount: Int) {
        count = eventIDs.count
        built = Built(key: key, ids: eventIDs)
        events = nil
        eventRange = 0..<0
        packedKey = nil
        self.first = first
        self.last = last
        self.toneSum = toneSum
        self.toneCount = toneCount
    }

    init(key: RelationKey, event: Event) {
        count = 1
        built = Built(key: key, ids: [event.id])
        events = nil
        eventRange = 0..<0
        packedKey = nil
        first = event.date.firstDay
        last = event.date.lastDay
        toneSum = event.tone ?? 0
        toneCount = event.tone == nil ? 0 : 1
    }

    mutating func add(_ event: Event) {
        built?.ids.append(event.id)
        count += 1
        first = min(first, event.date.firstDay)
        last = max(last, event.date.lastDay)
        if let tone = event.tone {
            toneSum += tone
            toneCount += 1
        }
    }

    /// The id column a store-built relation reads its ids from.
    /// The positions of the aggregated events (store-built relations; empty otherwise).
    var eventPositions: ArraySlice<Int32> {
        events.map { $0.positions[Int(eventRange.lowerBound)..<Int(eventRange.upperBound)] } ?? []
    }

    /// Ids of the aggregated events, chronological.
    public var eventIDs: [String] {
        guard let events else { return built?.ids ?? [] }
        return eventPositions.map { events.ids.column[Int($0)] }
    }

    /// The mean tone of the events that give one, or nil when none does.
    public var meanTone: Double? {
        toneCount == 0 ? nil : toneSum / Double(toneCount)
    }
}

extension Relation: Hashable {
    public static func == (lhs: Relation, rhs: Relation) -> Bool {
        lhs.key == rhs.key && lhs.count == rhs.count && lhs.first == rhs.first && lhs.last == rhs.last
            && lhs.meanTone == rhs.meanTone && lhs.eventIDs == rhs.eventIDs
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(count)
    }

    /// Whether two relations have the same count and mean tone (what a diff calls
    /// unchanged), without comparing their event lists.
    func sameStatistics(as other: Relation) -> Bool {
        count == other.count && meanTone == other.meanTone
    }
}

extension Event {
    /// The pairwise relation keys this event projects to (see `RelationKind`).
    /// A multilateral event stays one record; only this projection is pairwise.
    public var relationKeys: [RelationKey] {
        var keys: [RelationKey] = []
        switch kind {
        case .meeting, .agreement:
            let relation: RelationKind = kind == .meeting ? .met : .agreed
            let parties = self.parties
            for (index, first) in parties.enumerated() {
                for second in parties[(index + 1)...] {
                    keys.append(RelationKey(source: first, target: second, kind: relation))
                }
            }
        case .statement:
            let toward = targets.isEmpty ? issues : targets
            for speaker in actors {
                for addressee in toward where addressee != speaker {
                    keys.append(RelationKey(source: speaker, target: addressee, kind: .stated, stance: stance))
                }
            }
        case .event:
            if targets.isEmpty {
                for (index, first) in actors.enumerated() {
                    for second in actors[(index + 1)...] where second != first {
                        keys.append(RelationKey(source: first, target: second, kind: .acted))
                    }
                }
            } else {
                for actor in actors {
                    for target in targets where target != actor {
                        keys.append(RelationKey(source: actor, target: target, kind: .acted))
                    }
                }
            }
        }
        let statedToIssues = kind == .statement && targets.isEmpty
        if !statedToIssues {
            for actor in actors {
                for issue in issues {
                    keys.append(RelationKey(source: actor, target: issue, kind: .concerns))
                }
            }
        }
        var seen = Set<RelationKey>()
        return keys.filter { seen.insert($0).inserted }
    }
}

/// Aggregates events into relations, sorted by key.
///
/// - Complexity: O(e·p² + r log r) for e events of at most p parties and r relations.
public func aggregateRelations(_ events: some Sequence<Event>) -> [Relation] {
    var relations: [RelationKey: Relation] = [:]
    for event in events {
        for key in event.relationKeys {
            if relations[key] != nil {
                relations[key]!.add(event)
            } else {
                relations[key] = Relation(key: key, event: event)
            }
        }
    }
    return relations.values.sorted { $0.key < $1.key }
}
