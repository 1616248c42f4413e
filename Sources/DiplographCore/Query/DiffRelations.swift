/// Relations of a diff (added, removed, or changed), in key order.
///
/// A cumulative diff keeps, per relation, its place in the store's cumulative index
/// and two counts of its events (12 bytes), and makes the `Relation` values when
/// they are read: a one-month diff of a million events touches thirteen thousand
/// relations, and making them all up front took most of its time (`make bench`:
/// diff, 1 month).
public struct DiffRelationList<Element: Sendable>: RandomAccessCollection, Sendable {
    private enum Storage: Sendable {
        case values([Element])
        case spans(CumulativeIndex, [RelationSpan], @Sendable (CumulativeIndex, RelationSpan) -> Element)
    }

    private let storage: Storage

    init(_ values: [Element]) {
        storage = .values(values)
    }

    /// Elements made from `spans` by `make` when read.
    init(index: CumulativeIndex, spans: [RelationSpan], make: @escaping @Sendable (CumulativeIndex, RelationSpan) -> Element) {
        storage = .spans(index, spans, make)
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .values(let values): values.count
        case .spans(_, let spans, _): spans.count
        }
    }

    /// - Complexity: O(1).
    public subscript(position: Int) -> Element {
        switch storage {
        case .values(let values): values[position]
        case .spans(let index, let spans, let make): make(index, spans[position])
        }
    }
}

/// Relations a diff added or removed.
public typealias DiffRelations = DiffRelationList<Relation>

/// Relations a diff found at both dates with another count or mean tone.
public typealias DiffRelationChanges = DiffRelationList<GraphDiff.RelationChange>

extension DiffRelationList where Element == Relation {
    /// Each span's relation counting its first `after` events.
    init(index: CumulativeIndex, spans: [RelationSpan]) {
        self.init(index: index, spans: spans) { index, span in index.relation(Int(span.relation), members: Int(span.after))! }
    }
}

extension DiffRelationList where Element == GraphDiff.RelationChange {
    /// Each span's relation counting its first `before`, then `after` events.
    init(index: CumulativeIndex, spans: [RelationSpan]) {
        self.init(index: index, spans: spans) { index, span in
            GraphDiff.RelationChange(before: index.relation(Int(span.relation), members: Int(span.before))!,
                                     after: index.relation(Int(span.relation), members: Int(span.after))!)
        }
    }
}
