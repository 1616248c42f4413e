import Foundation

/// What a real GDELT 2.0 file looks like, read from one (`--like`) and from CAMEO's
/// code list (`--cameo`), for the generator's `real` and `url-per-row` shapes: event
/// codes with the real file's frequencies (and every other CAMEO code, rarely), each
/// code's Goldstein score and QuadClass, how many rows cite one article, and how long
/// its address is.
struct RealShape {
    /// (code, Goldstein, QuadClass), with a draw table of indices by frequency.
    var codes: [(code: String, goldstein: Double, quad: String)] = []
    var codeDraws: [Int] = []
    /// Rows per article and address lengths, as the real file has them.
    var rowsPerURL: [Int] = []
    var urlLengths: [Int] = []

    init(like file: String, cameo: String?) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        var counts: [String: Int] = [:]
        var scores: [String: (Double, String)] = [:]
        var articles: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 61 else { continue }
            let code = String(fields[26])
            counts[code, default: 0] += 1
            scores[code] = (Double(fields[30]) ?? 0, String(fields[29]))
            articles[String(fields[60]), default: 0] += 1
        }
        guard !counts.isEmpty else { throw CocoaError(.fileReadCorruptFile) }
        rowsPerURL = articles.values.sorted()
        urlLengths = articles.keys.map(\.utf8.count).sorted()
        // Every CAMEO code the real file lacks, once (weights are its counts).
        if let cameo, let list = try? String(contentsOfFile: cameo, encoding: .utf8) {
            let goldstein = (try? String(contentsOfFile: (cameo as NSString).deletingLastPathComponent + "/CAMEO.goldsteinscale.txt",
                                         encoding: .utf8)) ?? ""
            var table: [String: Double] = [:]
            for line in goldstein.split(separator: "\n") {
                let fields = line.split(separator: "\t")
                if fields.count == 2, let score = Double(fields[1].trimmingCharacters(in: .whitespaces)) { table[String(fields[0])] = score }
            }
            for line in list.split(separator: "\n").dropFirst() {
                let code = String(line.prefix { $0 != "\t" })
                guard code.count >= 3, code.allSatisfy(\.isNumber), counts[code] == nil else { continue }
                let score = table[code] ?? 0
                counts[code] = 1
                let root = Int(code.prefix(2)) ?? 1
                scores[code] = (score, root <= 5 ? "1" : root <= 9 ? "2" : root <= 14 ? "3" : "4")
            }
        }
        for (code, count) in counts.sorted(by: { $0.key < $1.key }) {
            let (score, quad) = scores[code]!
            codeDraws += Array(repeating: codes.count, count: count)
            codes.append((code, score, quad))
        }
    }
}
