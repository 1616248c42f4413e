/// The four classes event-data studies split events into: cooperation or conflict,
/// in words or in deeds (CAMEO's and GDELT's QuadClass, PLOVER's quad code).
public enum QuadClass: Int, Sendable, Hashable, CaseIterable, Comparable {
    case verbalCooperation = 1
    case materialCooperation = 2
    case verbalConflict = 3
    case materialConflict = 4

    /// A short name for tables: `verbal-coop`, `material-coop`, `verbal-conflict`, `material-conflict`.
    public var label: String {
        switch self {
        case .verbalCooperation: "verbal-coop"
        case .materialCooperation: "material-coop"
        case .verbalConflict: "verbal-conflict"
        case .materialConflict: "material-conflict"
        }
    }

    /// Whether the class is one of cooperation.
    public var isCooperation: Bool { self == .verbalCooperation || self == .materialCooperation }

    public static func < (lhs: QuadClass, rhs: QuadClass) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The class of an event, or nil when nothing says it.
    ///
    /// In order: a `cameo` attribute by its root code, as GDELT assigns QuadClass
    /// (01–05 verbal cooperation, 06–09 material cooperation, 10–14 verbal conflict,
    /// 15–20 material conflict); a `quad_code` attribute (PLOVER, 1–4); a `plover`
    /// event type; else the native kind: meetings and agreements are verbal cooperation
    /// (CAMEO 04 and 057), statements verbal conflict when their stance is hostile
    /// (condemns, rejects, warns, accuses, demands, denies) and verbal cooperation
    /// otherwise. A general event without a code has no class.
    ///
    /// - Complexity: O(1).
    public init?(of event: Event) {
        if let quad = QuadClass(attributes: event.attributes) {
            self = quad
        } else if event.attributes["cameo"] == nil, event.attributes["plover"] == nil, let quad = QuadClass(kind: event.kind, stance: event.stance) {
            self = quad
        } else {
            return nil
        }
    }

    /// The class a coded event's attributes give (`cameo`, `quad_code`, `plover`), or nil.
    init?(attributes: [String: String]) {
        if let code = attributes["cameo"] {
            guard let root = Int(code.prefix(2)), code.count >= 2 else { return nil }
            self.init(cameoRoot: root)
        } else if let text = attributes["quad_code"], let code = Int(text), let quad = QuadClass(rawValue: code) {
            self = quad
        } else if let type = attributes["plover"] {
            self.init(ploverType: type)
        } else {
            return nil
        }
    }

    /// The class of a native event by its kind and stance, or nil for a general event.
    init?(kind: EventKind, stance: Stance?) {
        switch kind {
        case .meeting, .agreement: self = .verbalCooperation
        case .statement: self = stance?.isHostile == true ? .verbalConflict : .verbalCooperation
        case .event: return nil
        }
    }

    /// The class of a CAMEO root code (1–20), as GDELT's QuadClass column gives it.
    init?(cameoRoot root: Int) {
        switch root {
        case 1...5: self = .verbalCooperation
        case 6...9: self = .materialCooperation
        case 10...14: self = .verbalConflict
        case 15...20: self = .materialConflict
        default: return nil
        }
    }

    /// The class of a PLOVER event type, as the PLOVER manual groups them.
    init?(ploverType type: String) {
        switch type.uppercased() {
        case "AGREE", "CONSULT", "SUPPORT", "CONCEDE": self = .verbalCooperation
        case "COOPERATE", "AID", "RETREAT": self = .materialCooperation
        case "REQUEST", "ACCUSE", "REJECT", "THREATEN": self = .verbalConflict
        case "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT": self = .materialConflict
        default: return nil
        }
    }
}
