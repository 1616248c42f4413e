import DiplographCore

/// How CAMEO event codes become Diplograph events. One table, by root code (the first
/// two digits), with the few exceptions that matter for diplomacy.
///
/// | root | CAMEO | kind | stance |
/// |---|---|---|---|
/// | 01 | make public statement | statement | — |
/// | 02 | appeal | statement | urges |
/// | 03 | express intent to cooperate | statement | proposes |
/// | 04 | consult | meeting | — |
/// | 05 | engage in diplomatic cooperation | event (057 sign formal agreement: agreement; 051 praise: statement, welcomes) | — |
/// | 06–09 | material cooperation, aid, yield, investigate | event | — |
/// | 10 | demand | statement | demands |
/// | 11 | disapprove | statement | condemns (112 accuse: accuses) |
/// | 12 | reject | statement | rejects |
/// | 13 | threaten | statement | warns |
/// | 14–20 | protest, force posture, reduce relations, coerce, assault, fight, mass violence | event | — |
enum CAMEO {
    static let rootNames = [
        "01": "make public statement", "02": "appeal", "03": "express intent to cooperate", "04": "consult",
        "05": "engage in diplomatic cooperation", "06": "engage in material cooperation", "07": "provide aid",
        "08": "yield", "09": "investigate", "10": "demand", "11": "disapprove", "12": "reject", "13": "threaten",
        "14": "protest", "15": "exhibit force posture", "16": "reduce relations", "17": "coerce", "18": "assault",
        "19": "fight", "20": "use unconventional mass violence",
    ]

    /// The kind and stance for a CAMEO code (kept as text: leading zeros matter).
    /// Nil when the code is not a CAMEO code.
    static func mapping(for code: String) -> (kind: EventKind, stance: Stance?)? {
        let bytes = Array(code.utf8)
        guard (2...4).contains(bytes.count), bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let root = String(code.prefix(2))
        guard rootNames[root] != nil else { return nil }
        if code.hasPrefix("057") { return (.agreement, nil) }
        if code.hasPrefix("051") { return (.statement, .welcomes) }
        if code.hasPrefix("112") { return (.statement, .accuses) }
        switch root {
        case "01": return (.statement, nil)
        case "02": return (.statement, .urges)
        case "03": return (.statement, .proposes)
        case "04": return (.meeting, nil)
        case "10": return (.statement, .demands)
        case "11": return (.statement, .condemns)
        case "12": return (.statement, .rejects)
        case "13": return (.statement, .warns)
        default: return (.event, nil)
        }
    }
}
