import Foundation
import DiplographCore

/// The graph of a selection in the shape every exporter writes: nodes with their
/// kind, posts and status on the day and their office and status intervals over
/// time; relations with the day spans of their events.
struct ExportGraph {
    struct NodeRow {
        let id: NodeID
        let label: String
        let kind: NodeKind
        /// Posts held on the snapshot day, e.g. "Foreign Minister of Armenia".
        let posts: [String]
        /// The issue's status on the snapshot day.
        let status: String?
        /// Every office term, for the node's presence over time.
        let terms: [DayInterval]
        /// The issue's status over time (non-overlapping).
        let statuses: [(status: String, interval: DayInterval)]
    }

    struct EdgeRow {
        let relation: Relation
        /// The event spans of the relation, merged where they touch or overlap.
        let spells: [DayInterval]

        var id: String { relation.key.id }
        var directed: Bool { relation.key.kind.isDirected }
    }

    let store: any EventStore
    let snapshot: Snapshot
    let nodes: [NodeRow]
    let edges: [EdgeRow]

    init(store: any EventStore, snapshot: Snapshot) {
        self.store = store
        self.snapshot = snapshot
        nodes = snapshot.nodeIDs.map { id in
            let node = store.node(id)
            let posts = snapshot.offices.filter { $0.person == id }.map { "\($0.post) of \(store.name(of: $0.organization))" }
            let status = snapshot.issueStatuses.first { $0.issue == id }?.status
            return NodeRow(id: id, label: node?.name ?? id, kind: node?.kind ?? .organization, posts: posts,
                           status: status, terms: store.offices(of: id).map(\.term),
                           statuses: node?.statusIntervals ?? [])
        }
        edges = snapshot.relations.map { relation in
            let spans = store.events(of: relation).map(\.date.days).sorted { $0.first < $1.first }
            var merged: [DayInterval] = []
            for span in spans {
                if let last = merged.last, let lastEnd = last.last, let end = span.last,
                   span.first <= lastEnd.adding(days: 1) {
                    merged[merged.count - 1] = DayInterval(first: last.first, last: max(lastEnd, end))
                } else {
                    merged.append(span)
                }
            }
            return EdgeRow(relation: relation, spells: merged)
        }
    }

    /// A one-line description of the selection, for titles and metadata.
    var description: String {
        let window = snapshot.windowDays.map { "events of the \($0) days up to \(snapshot.day)" } ?? "all events up to \(snapshot.day)"
        return (store.title.map { $0 + ": " } ?? "") + window
    }
}

/// Text for XML attribute values and content: markup characters escaped, and
/// characters XML 1.0 cannot carry (most control characters) dropped.
func xmlEscaped(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&apos;"
        case "\t", "\n", "\r": result += "&#\(scalar.value);"
        case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
            continue
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result
}

/// Text for HTML content (TimelineJS renders its text fields as HTML).
func htmlEscaped(_ text: String) -> String {
    xmlEscaped(text).replacingOccurrences(of: "&#10;", with: "<br>")
}
