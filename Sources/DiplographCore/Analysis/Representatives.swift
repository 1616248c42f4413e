/// Who acts for a node on a day: the node itself and, when asked, the people who hold
/// an office in it that day (closed terms), so that a state's trend counts its
/// foreign minister's meetings.
struct Representatives: Sendable {
    let node: NodeID
    private let terms: [NodeID: [DayInterval]]

    init(of node: NodeID, offices: [Office]?) {
        self.node = node
        var terms: [NodeID: [DayInterval]] = [:]
        for office in offices ?? [] where office.organization == node && office.person != node {
            terms[office.person, default: []].append(office.term)
        }
        self.terms = terms
    }

    /// The node and everyone who ever held an office in it, in id order after the node.
    var everyone: [NodeID] { [node] + terms.keys.sorted() }

    /// Whether `party` acts for the node on `day`.
    func includes(_ party: NodeID, on day: Day) -> Bool {
        party == node || terms[party]?.contains { $0.contains(day) } == true
    }
}

/// The events two sides take part in, or one side: the subject of a trend or of
/// contacts, with or without officials.
struct SubjectMatcher: Sendable {
    let first: Representatives
    let second: Representatives?
    let directed: Bool

    init(first: NodeID, second: NodeID?, directed: Bool, offices: [Office]?) {
        self.first = Representatives(of: first, offices: offices)
        self.second = second.map { Representatives(of: $0, offices: offices) }
        self.directed = directed
    }

    /// Whether `event` is between the sides (the first acting on the second when
    /// directed), or involves the one side (as an actor when directed), on its
    /// likeliest day.
    func matches(_ event: Event) -> Bool {
        let day = event.likeliestDay
        let firstSide = directed ? event.actors : event.actors + event.targets
        guard let second else { return firstSide.contains { first.includes($0, on: day) } }
        let secondSide = directed ? event.targets : firstSide
        return firstSide.contains { one in
            first.includes(one, on: day) && secondSide.contains { $0 != one && second.includes($0, on: day) }
        }
    }

    /// A timeline query that finds every candidate over `range`.
    func candidates(kinds: Set<EventKind>, range: DayInterval?) -> TimelineQuery {
        if second == nil || first.everyone.count > 1 || second!.everyone.count > 1 {
            return TimelineQuery(actors: first.everyone, kinds: kinds, range: range)
        }
        return TimelineQuery(pair: .init(first.node, second!.node), kinds: kinds, range: range)
    }
}
