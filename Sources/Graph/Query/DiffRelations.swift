/// The relations a diff added or removed, in key order.
///
/// A cumulative diff keeps, per relation, its place in the store's cumulative index
/// and a count of its events (12 bytes), and makes the `Relation` when it is read:
/// a one-month diff of a million events touches thirteen thousand relations, and
/// making them all up front took most of its time (`make bench`: diff, 1 month).
public struct DiffRelations: RandomAccessCollection, Sendable {
    private let values: [Relation]
    private let index: CumulativeIndex?
    private let spans: [RelationSpan]

    init(_ values: [Relation]) {
        self.values = values
        index = nil
        spans = []
    }

    /// Each span's relation counting its first `after` events.
    init(index: CumulativeIndex, spans: [RelationSpan]) {
        values = []
        self.index = index
        self.spans = spans
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { index == nil ? values.count : spans.count }

    /// - Complexity: O(1).
    public subscript(position: Int) -> Relation {
        guard let index else { return values[position] }
        let span = spans[position]
        return index.relation(Int(span.relation), members: Int(span.after))!
    }
}
