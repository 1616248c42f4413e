/// The relations a diff found at both dates with another count or mean tone, in key
/// order; made when read, as `DiffRelations` explains.
public struct DiffRelationChanges: RandomAccessCollection, Sendable {
    private let values: [GraphDiff.RelationChange]
    private let index: CumulativeIndex?
    private let spans: [RelationSpan]

    init(_ values: [GraphDiff.RelationChange]) {
        self.values = values
        index = nil
        spans = []
    }

    /// Each span's relation counting its first `before`, then `after` events.
    init(index: CumulativeIndex, spans: [RelationSpan]) {
        values = []
        self.index = index
        self.spans = spans
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { index == nil ? values.count : spans.count }

    /// - Complexity: O(1).
    public subscript(position: Int) -> GraphDiff.RelationChange {
        guard let index else { return values[position] }
        let span = spans[position]
        return GraphDiff.RelationChange(before: index.relation(Int(span.relation), members: Int(span.before))!,
                                        after: index.relation(Int(span.relation), members: Int(span.after))!)
    }
}
