/// The parsers and escapers that read or write untrusted text, each with the checks
/// that must hold for any input. `make fuzz` drives them with libFuzzer; the
/// `FuzzTests` suite replays the seed corpus and every crash found so far.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case date
    case native
    case jsonLines = "json-lines"
    case gdelt
    case icews
    case csv
    case label

    /// Runs one input; returns what went wrong (empty when every check holds).
    /// Errors for bad input are expected: only crashes, hangs and broken checks count.
    public func run(_ bytes: [UInt8]) -> [String] {
        var findings = Findings()
        switch self {
        case .date: DateTarget.run(bytes, &findings)
        case .native: NativeTargets.runYAML(bytes, &findings)
        case .jsonLines: NativeTargets.runJSONLines(bytes, &findings)
        case .gdelt: ImporterTargets.runGDELT(bytes, &findings)
        case .icews: ImporterTargets.runICEWS(bytes, &findings)
        case .csv: ImporterTargets.runCSV(bytes, &findings)
        case .label: LabelTarget.run(bytes, &findings)
        }
        return findings.messages
    }
}

/// The broken checks of one run.
struct Findings {
    private(set) var messages: [String] = []

    mutating func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { messages.append(message()) }
    }
}
