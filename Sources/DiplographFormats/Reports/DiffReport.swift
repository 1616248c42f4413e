import DiplographCore

/// Writes a `GraphDiff` as readable text or JSON, in the diff's deterministic order.
public struct DiffReport: Sendable {
    /// How the report is written: `text` for people, `json` for programs.
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    package let store: any EventStore
    package let diff: GraphDiff

    /// A report of `diff`; `store` gives names.
    public init(store: any EventStore, diff: GraphDiff) {
        self.store = store
        self.diff = diff
    }

    /// The report as text or JSON; every list in the diff's order.
    public func render(_ format: Format) -> String {
        switch format {
        case .text: text()
        case .json: json().serialized() + "\n"
        }
    }

    private func name(_ id: NodeID) -> String { singleLine(store.name(of: id)) }

    private func relationText(_ relation: Relation) -> String {
        let key = relation.key
        let arrow = key.kind.isDirected ? "→" : "—"
        let kind = key.stance.map { "\(key.kind.rawValue) (\($0.rawValue))" } ?? key.kind.rawValue
        return "\(kind): \(name(key.source)) \(arrow) \(name(key.target))"
    }

    private func statsText(_ relation: Relation) -> String {
        var parts = ["\(relation.count)×"]
        if let tone = relation.meanTone { parts.append("tone \(toneText(tone))") }
        parts.append(relation.first == relation.last ? "\(relation.first)" : "\(relation.first) – \(relation.last)")
        return parts.joined(separator: ", ")
    }

    private func officeText(_ office: Office) -> String {
        let end = office.to.map { " to \($0)" } ?? ""
        return "\(name(office.person)), \(singleLine(office.post)) of \(name(office.organization)) (from \(office.from)\(end))"
    }

    package func text() -> String {
        let window = diff.windowDays.map { "events of the \($0) days before each date" } ?? "cumulative"
        var lines = ["Changes from \(diff.from) to \(diff.to) (\(window))"]
        func section(_ title: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            lines.append("")
            lines.append("\(title):")
            lines += items.map { "  " + $0 }
        }
        section("Issue status", diff.issueStatusChanges.map {
            "~ \(name($0.issue)): \($0.before ?? "none") → \($0.after ?? "none")"
        })
        section("Offices taken", diff.officesTaken.map { "+ " + officeText($0) })
        section("Offices left", diff.officesLeft.map { "- " + officeText($0) })
        section("Nodes added", diff.nodesAdded.map { "+ \(name($0)) [\($0)]" })
        section("Nodes removed", diff.nodesRemoved.map { "- \(name($0)) [\($0)]" })
        section("Relations added", diff.relationsAdded.map { "+ \(relationText($0)) (\(statsText($0)))" })
        section("Relations removed", diff.relationsRemoved.map { "- \(relationText($0)) (\(statsText($0)))" })
        section("Relations changed", diff.relationsChanged.map {
            "~ \(relationText($0.after)): \(statsText($0.before)) → \(statsText($0.after))"
        })
        section("Events after \(diff.from) up to \(diff.to)", diff.eventsBetween.map {
            "\($0.date)  \($0.kind.rawValue)  \(singleLine($0.title))"
        })
        if diff.isEmpty { lines.append("No changes.") }
        return lines.joined(separator: "\n") + "\n"
    }

    package func json() -> JSONValue {
        func relation(_ relation: Relation) -> JSONValue {
            .object([
                ("id", .string(relation.key.id)), ("kind", .string(relation.key.kind.rawValue)),
                ("source", .string(relation.key.source)), ("target", .string(relation.key.target)),
                ("stance", .text(relation.key.stance?.rawValue)), ("count", .number(Double(relation.count))),
                ("mean_tone", relation.meanTone.map(JSONValue.number) ?? .null),
                ("first_day", .string(relation.first.description)), ("last_day", .string(relation.last.description)),
                ("events", .array(relation.eventIDs.map(JSONValue.string))),
            ])
        }
        func office(_ office: Office) -> JSONValue {
            .object([
                ("id", .string(office.id)), ("person", .string(office.person)), ("post", .string(office.post)),
                ("in", .string(office.organization)), ("from", .string(office.from.description)),
                ("to", .text(office.to?.description)),
            ])
        }
        return .object([
            ("from", .string(diff.from.description)),
            ("to", .string(diff.to.description)),
            ("window_days", diff.windowDays.map { .number(Double($0)) } ?? .null),
            ("issue_status_changes", .array(diff.issueStatusChanges.map {
                .object([("issue", .string($0.issue)), ("before", .text($0.before)), ("after", .text($0.after))])
            })),
            ("offices_taken", .array(diff.officesTaken.map(office))),
            ("offices_left", .array(diff.officesLeft.map(office))),
            ("nodes_added", .array(diff.nodesAdded.map(JSONValue.string))),
            ("nodes_removed", .array(diff.nodesRemoved.map(JSONValue.string))),
            ("relations_added", .array(diff.relationsAdded.map(relation))),
            ("relations_removed", .array(diff.relationsRemoved.map(relation))),
            ("relations_changed", .array(diff.relationsChanged.map {
                .object([("before", relation($0.before)), ("after", relation($0.after))])
            })),
            ("events_between", .array(diff.eventsBetween.map(TimelineReport.json(for:)))),
        ])
    }
}
