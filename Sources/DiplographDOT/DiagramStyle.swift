import DiplographCore

/// Colours and shapes of the diagrams. The palette is Okabe–Ito, safe for the common
/// forms of colour blindness; every meaning carried by colour is also carried by a
/// shape, a line style or a label.
package enum DiagramStyle {
    /// One font, installed by `make` (fonts-dejavu-core): Graphviz sizes every label
    /// with the font fontconfig finds for this name, and a list such as
    /// `Helvetica,Arial,sans-serif` finds a different one on each machine, moving
    /// every node of a committed drawing.
    static let font = "DejaVu Sans"

    package struct NodeLook {
        package let shape: String
        package let fill: String
        package let border: String
        package let style: String
    }

    package static func look(for kind: NodeKind) -> NodeLook {
        switch kind {
        case .person: NodeLook(shape: "ellipse", fill: "#D4E9F7", border: "#0072B2", style: "filled")
        case .state: NodeLook(shape: "box", fill: "#FBE3C0", border: "#E69F00", style: "filled,bold")
        case .organization: NodeLook(shape: "component", fill: "#CDEBDF", border: "#009E73", style: "filled")
        case .issue: NodeLook(shape: "note", fill: "#FAF5C8", border: "#8C8400", style: "filled")
        }
    }

    /// Cluster colours for the state or organization whose office holders it groups.
    static func clusterColors(for kind: NodeKind) -> (fill: String, border: String) {
        kind == .organization ? ("#EEF8F4", "#009E73") : ("#FEF6EA", "#E69F00")
    }

    /// Edge colour by mean tone: vermillion and orange for conflict, grey for neutral
    /// or unknown, sky blue and blue for cooperation.
    package static func color(forTone tone: Double?) -> String {
        guard let tone else { return unknownToneColor }
        return toneBands.first { band in band.below.map { tone < $0 } ?? true }!.color
    }

    /// The tone bands in order, each reaching up to (not including) `below`; the last
    /// has no bound. The explorer colours relations from the same list.
    package static let toneBands: [(below: Double?, color: String)] = [
        (-5, "#D55E00"), (-1, "#E69F00"), (1, "#555555"), (5, "#56B4E9"), (nil, "#0072B2"),
    ]

    /// The colour of a relation whose events carry no tone.
    package static let unknownToneColor = "#555555"

    package static let concernsColor = "#AAAAAA"

    /// Line style and arrowhead for a statement's stance: hostile stances dashed with a
    /// solid head, appeals dashed with an open head, supportive ones dotted.
    package static func statementLook(for stance: Stance?) -> (style: String, arrowhead: String) {
        switch stance {
        case .some(let stance) where stance.isHostile: ("dashed", "normal")
        case .urges, .callsFor, .proposes: ("dashed", "vee")
        case .supports, .welcomes: ("dotted", "empty")
        default: ("dotted", "open")
        }
    }

    /// Line width grows with the log of the event count.
    static func penWidth(count: Int) -> String {
        var tenths = 12
        var remaining = count
        while remaining > 1, tenths < 60 {
            tenths += 8
            remaining /= 2
        }
        return "\(tenths / 10).\(tenths % 10)"
    }

    package enum Change: CaseIterable {
        case added, removed, changed, unchanged

        package var color: String {
            switch self {
            case .added: "#009E73"
            case .removed: "#D55E00"
            case .changed: "#E69F00"
            case .unchanged: "#9A9A9A"
            }
        }
    }
}
