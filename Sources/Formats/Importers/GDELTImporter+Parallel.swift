import Foundation
import Graph
import Synchronization

extension GDELTImporter {
    /// Files from this size up are read on two cores.
    static let parallelThreshold = 32 << 20

    /// Reads a large file on two cores: the file is mapped, each half is parsed by its
    /// own `Parser` (4 MiB at a time, dropping the pages behind it so memory stays
    /// bounded), and the second half's events are absorbed into the first's in file
    /// order, so the result is the one a single pass gives.
    ///
    /// Returns nil, for the single pass to run instead, when that equality could not
    /// be kept: under `--strict` (the first problem must end the import), when the
    /// first line is not a GDELT row (the layout comes from the first row), when an
    /// id of the second half is not larger than every id of the first (GDELT ids rise
    /// through a file; otherwise duplicates across halves would go unseen), or when
    /// the file is small or cannot be mapped.
    ///
    /// Hand-written for speed, with a measured reason: `make bench` loads 1 M rows
    /// this way; see the README for the figures.
    static func loadOnTwoCores(path: String, options: ImportOptions, threshold: Int = parallelThreshold) -> ImportResult? {
        guard !options.strict, ProcessInfo.processInfo.activeProcessorCount >= 2,
              let mapped = MappedFile(path: path, minimumSize: threshold) else { return nil }
        return mapped.withBytes { base, count in
            loadOnTwoCores(base: base, count: count, file: path, options: options, mapped: true)
        }
    }

    /// The two-core load over `count` bytes at `base`; see above. `mapped`: the bytes
    /// are a read-only file mapping, whose pages can be dropped once parsed (the
    /// kernel reads them again from the file if asked; anonymous memory would be lost).
    ///
    /// The second half is read `chunkSize` bytes at a time, up to an end that the first
    /// core, done with its own half, lowers to take the rest from the end (at least two
    /// chunks' worth: half of what is left): one core often runs slower than the other
    /// (page faults here cost 1.5–8 µs, unevenly), and the faster one would otherwise
    /// wait up to a tenth of a second (`make bench`). The rows taken are read by a parser
    /// of their own and joined to the second half before it is joined to the first.
    /// `takeSecondHalfsEnd` takes the last half of the second half before anything
    /// is read (tests).
    @_spi(Fuzzing)
    public static func loadOnTwoCores(base: UnsafePointer<UInt8>, count: Int, file: String, options: ImportOptions,
                                      mapped: Bool = false, chunkSize: Int = 4 << 20,
                                      takeSecondHalfsEnd: Bool = false) -> ImportResult? {
        guard !options.strict else { return nil }
        let firstLineEnd = nextLineEnd(base, 0, count)
        var firstLine = ByteFields(base: base)
        firstLine.split(0, firstLineEnd > 0 && base[firstLineEnd - 1] == 13 ? firstLineEnd - 1 : firstLineEnd)
        guard let layout = Layout.forColumnCount(firstLine.count) else { return nil }
        let middle = nextLineEnd(base, count / 2, count) + 1
        guard middle < count else { return nil }

        // The parsers, by where they start (0: the first half, 1: the second, 2: the
        // second's end, when taken), handed back through the lock (a parser never
        // leaves its thread while it runs).
        let pieces = Mutex<[Int: Parser]>([:])
        // Where the second half's next chunk starts, and where it stops.
        let reach = Mutex((next: middle, end: count))
        if takeSecondHalfsEnd {
            let split = nextLineEnd(base, middle + (count - middle) / 2, count) + 1
            if split < count { reach.withLock { $0.end = split } }
        }
        let consumed = Atomic<Int>(0)
        let address = UInt(bitPattern: base)
        @Sendable func parser(from start: Int, reservingTo end: Int) -> Parser {
            var parser = Parser(file: file, options: options)
            parser.layout = layout
            // GDELT rows are 220 bytes and more (about 400 in the real sample), and
            // same-day repeats merge. The first half reserves for the whole file: the
            // others' events are then joined in place (reserved room costs address
            // space, not memory, until written).
            parser.assembly.builder.reserve(events: (end - start) / 300, sourceBytes: end - start)
            let rows = ((start == 0 ? middle : end) - start) / 300
            parser.seenIDs.reserve(rows)
            if options.merge == .sameDay { parser.assembly.builder.reserveMergeKeys(rows: rows) }
            parser.assembly.report.format = layout.name
            // A later piece counts lines from its start (counting the lines before
            // would delay it by a pass over them): its problems are renumbered when
            // joined, and the count is made only if a repeated id needs it.
            if start > 0 {
                parser.lineOffset = nil
                parser.linesBefore = (address, start)
            }
            return parser
        }
        @Sendable func read(_ parser: inout Parser, _ chunk: Range<Int>) {
            let base = UnsafePointer<UInt8>(bitPattern: address)!
            try? parser.parse(base, chunk.lowerBound, chunk.upperBound)  // cannot throw: not strict
            if mapped { MappedFile.dropPages(base, from: chunk.lowerBound, to: chunk.upperBound) }
            let total = consumed.add(chunk.count, ordering: .relaxed).newValue
            options.progress?(total, count)
        }
        /// The next chunk of `range` from `start`: up to a line end after `chunkSize` bytes.
        @Sendable func chunk(from start: Int, in range: Range<Int>) -> Range<Int> {
            let base = UnsafePointer<UInt8>(bitPattern: address)!
            let end = range.upperBound
            return start..<min(end, nextLineEnd(base, min(end, start + chunkSize), end) + 1)
        }
        @Sendable func readAll(_ parser: inout Parser, _ range: Range<Int>) {
            var start = range.lowerBound
            while start < range.upperBound {
                let next = chunk(from: start, in: range)
                read(&parser, next)
                start = next.upperBound
            }
        }
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            let base = UnsafePointer<UInt8>(bitPattern: address)!
            if half == 0 {
                var first = parser(from: 0, reservingTo: count)
                readAll(&first, 0..<middle)
                pieces.withLock { $0[0] = first }
                // The rest of the second half, from its end, when there is enough of it.
                let taken: Range<Int>? = reach.withLock { reach in
                    if takeSecondHalfsEnd { return reach.end < count ? reach.end..<count : nil }
                    let left = reach.end - reach.next
                    guard left >= 2 * chunkSize else { return nil }
                    let split = nextLineEnd(base, reach.next + left / 2, reach.end) + 1
                    guard split < reach.end else { return nil }
                    defer { reach.end = split }
                    return split..<reach.end
                }
                if let taken {
                    var last = parser(from: taken.lowerBound, reservingTo: taken.upperBound)
                    readAll(&last, taken)
                    pieces.withLock { $0[2] = last }
                }
            } else {
                var second = parser(from: middle, reservingTo: count)
                // Each chunk is claimed under the lock, so the rows the first core
                // takes are never read here too.
                while let claimed = reach.withLock({ reach -> Range<Int>? in
                    guard reach.next < reach.end else { return nil }
                    let claimed = chunk(from: reach.next, in: reach.next..<reach.end)
                    reach.next = claimed.upperBound
                    return claimed
                }) {
                    read(&second, claimed)
                }
                pieces.withLock { $0[1] = second }
            }
        }
        guard var first = pieces.withLock({ $0.removeValue(forKey: 0) }),
              var second = pieces.withLock({ $0.removeValue(forKey: 1) }) else { return nil }
        let last = pieces.withLock { $0.removeValue(forKey: 2) }
        // (The list is a temporary: a parser still referenced after the check would
        // make the joins copy its columns before appending.)
        guard canJoin([first, second] + (last.map { [$0] } ?? [])) else { return nil }
        if let last { join(last, into: &second, options: options) }
        join(second, into: &first, options: options)
        return first.finish()
    }

    /// Whether joining `pieces` (parsers of consecutive rows, in order) gives what one
    /// pass would: GDELT ids rise through a file, so each piece's ids must all be above
    /// the ones before (or duplicates across pieces would go unseen); and an actor code
    /// names the node of its first row (the cache), so a code two pieces met must have
    /// given both the same node.
    private static func canJoin(_ pieces: [Parser]) -> Bool {
        var highest: Int?
        for piece in pieces {
            if let lower = piece.seenIDs.range?.lowerBound, let highest, lower <= highest { return false }
            if let upper = piece.seenIDs.range?.upperBound { highest = max(highest ?? upper, upper) }
        }
        for (index, earlier) in pieces.enumerated() {
            for piece in pieces[(index + 1)...] where !earlier.cache.agrees(with: piece.cache, first: earlier.assembly.builder,
                                                                            second: piece.assembly.builder) {
                return false
            }
        }
        return true
    }

    /// Joins `later` (a parser of the rows right after those of `earlier`) into
    /// `earlier`: its events, nodes, sources and renames, and its report with its
    /// problems' lines renumbered.
    private static func join(_ later: consuming Parser, into earlier: inout Parser, options: ImportOptions) {
        var report = earlier.assembly.report
        let added = later.assembly.report
        report.rowsRead += added.rowsRead
        report.rowsImported += added.rowsImported
        report.rowsSkipped += added.rowsSkipped
        report.rowsMerged += added.rowsMerged
        for (code, number) in added.problemCounts { report.problemCounts[code, default: 0] += number }
        for problem in added.problems where report.problems.count < options.problemLimit {
            report.problems.append(RowProblem(code: problem.code, file: problem.file, line: problem.line + earlier.lineNumber,
                                              message: problem.message, skipped: problem.skipped))
        }
        report.rowsMerged += earlier.assembly.builder.absorb(later.assembly.builder, merge: options.merge == .sameDay)
        // A country named in the later rows is named so after the earlier rows, as in
        // a single pass.
        for (id, name) in later.assembly.renamed.sorted(by: { $0.key < $1.key }) { earlier.assembly.rename(id, to: name) }
        earlier.assembly.report = report
        earlier.lineNumber += later.lineNumber
    }
}

extension GDELTImporter.NodeCache {
    /// Whether every code cached in both gives the same node id (or no node in both).
    func agrees(with other: Self, first: EventTableBuilder, second: EventTableBuilder) -> Bool {
        func id(_ position: Int32?, _ builder: EventTableBuilder) -> String? {
            position.flatMap { $0 < 0 ? nil : builder.nodes[Int($0)].id }
        }
        var agree = true
        other.packed.forEach { key, position in
            if let mine = packed.value(key.0, key.1, key.2), id(mine, first) != id(position, second) { agree = false }
        }
        for (code, position) in other.ids {
            if let mine = ids[code], id(mine, first) != id(position, second) { agree = false }
        }
        return agree
    }
}
