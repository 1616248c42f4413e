/// Who acts for a node on a day: the node itself and, when asked, the people who hold
/// an office in it that day (closed terms), so that a state's trend counts its
/// foreign minister's meetings.
struct Representatives: Sendable {
    let node: NodeID
    let terms: [NodeID: [DayInterval]]

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

    /// The same, by the node numbers of `reader`.
    func numbered(_ reader: inout FactsReader) -> NumberedRepresentatives {
        var numberedTerms: [Int32: [DayInterval]] = [:]
        for (person, intervals) in terms {
            if let number = reader.number(of: person) { numberedTerms[number] = intervals }
        }
        return NumberedRepresentatives(node: reader.number(of: node), terms: numberedTerms)
    }
}

/// `Representatives` by node number.
struct NumberedRepresentatives {
    let node: Int32?
    let terms: [Int32: [DayInterval]]

    func includes(_ party: Int32, on day: Day) -> Bool {
        party == node || (!terms.isEmpty && terms[party]?.contains { $0.contains(day) } == true)
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

    /// A timeline query that finds every candidate over `range`.
    func candidates(kinds: Set<EventKind>, range: DayInterval?) -> TimelineQuery {
        if let second, first.terms.isEmpty, second.terms.isEmpty {
            return TimelineQuery(pair: .init(first.node, second.node), kinds: kinds, range: range)
        }
        return TimelineQuery(actors: first.everyone, kinds: kinds, range: range)
    }

    /// The matcher by the node numbers of `reader`.
    func numbered(_ reader: inout FactsReader) -> NumberedMatcher {
        NumberedMatcher(first: first.numbered(&reader), second: second?.numbered(&reader), directed: directed)
    }
}

/// `SubjectMatcher` by node number.
struct NumberedMatcher {
    let first: NumberedRepresentatives
    let second: NumberedRepresentatives?
    let directed: Bool

    /// Whether the event is between the sides (the first acting on the second when
    /// directed), or involves the one side (as an actor when directed), on its
    /// likeliest day; two different parties for a pair.
    func matches(_ facts: EventFacts) -> Bool {
        let day = facts.likeliestDay
        func present(_ side: NumberedRepresentatives, in parties: ArraySlice<Int32>, besides other: Int32? = nil) -> Bool {
            parties.contains { $0 != other && side.includes($0, on: day) }
        }
        guard let second else {
            return present(first, in: facts.actors) || (!directed && present(first, in: facts.targets))
        }
        // Two different parties, one on each side: the first acting on the second when
        // directed, in any roles otherwise.
        func paired(from parties: ArraySlice<Int32>) -> Bool {
            parties.contains { one in
                first.includes(one, on: day)
                    && (present(second, in: facts.targets, besides: one) || (!directed && present(second, in: facts.actors, besides: one)))
            }
        }
        return paired(from: facts.actors) || (!directed && paired(from: facts.targets))
    }
}
