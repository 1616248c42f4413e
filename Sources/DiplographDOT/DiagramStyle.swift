import DiplographCore

/// Colours and shapes of the diagrams. The palette is Okabe–Ito, safe for the common
/// forms of colour blindness; every meaning carried by colour is also carried by a
/// shape, a line style or a label.
enum DiagramStyle {
    /// One font, installed by `make` (fonts-dejavu-core): Graphviz sizes every label
    /// with the font fontconfig finds for this name, and a list such as
    /// `Helvetica,Arial,sans-serif` finds a different one on each machine, moving
    /// every node of a committed drawing.
    static let font = "DejaVu Sans"

    struct NodeLook {
        let shape: String
        let fill: String
        let border: String
        let style: String
    }

    static func look(for kind: NodeKind) -> NodeLook {
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
    static func color(forTone tone: Double?) -> String {
        guard let tone else { return "#555555" }
        switch tone {
        case ..<(-5): return "#D55E00"
        case ..<(-1): return "#E69F00"
        case ..<1: return "#555555"
        case ..<5: return "#56B4E9"
        default: return "#0072B2"
        }
    }

    static let concernsColor = "#AAAAAA"

    /// Line style and arrowhead for a statement's stance: hostile stances dashed with a
    /// solid head, appeals dashed with an open head, supportive ones dotted.
    static func statementLook(for stance: Stance?) -> (style: String, arrowhead: String) {
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

    enum Change {
        case added, removed, changed, unchanged

        var color: String {
            switch self {
            case .added: "#009E73"
            case .removed: "#D55E00"
            case .changed: "#E69F00"
            case .unchanged: "#9A9A9A"
            }
        }
    }
}
