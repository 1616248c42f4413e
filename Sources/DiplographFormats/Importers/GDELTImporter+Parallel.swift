import Foundation
import DiplographCore
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
    /// the file is small or cannot be mapped, or under `merge: .none` (whose one rule,
    /// a meeting given again by the same article folds, would miss an article whose
    /// rows lie on both sides of the middle).
    ///
    /// Hand-written for speed, with a measured reason: `make bench` loads 1 M rows
    /// this way; see the README for the figures.
    static func loadOnTwoCores(path: String, options: LoadOptions, threshold: Int = parallelThreshold) -> ImportResult? {
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
    /// Each half is read `chunkSize` bytes at a time, up to an end that the other core,
    /// done with its own half early, lowers to take the rest from the end (half of
    /// what is left, when at least two chunks are): one core often runs slower than
    /// the other (page faults here cost 1.5–8 µs, unevenly), and the faster one would
    /// otherwise wait up to a tenth of a second (`make bench`). The rows taken are read
    /// by a parser of their own; the pieces are then joined in file order, each into
    /// the one before it, from the last. `takeEndOfHalf` has the other core take the
    /// last half of that half before anything is read (tests).
    package static func loadOnTwoCores(base: UnsafePointer<UInt8>, count: Int, file: String, options: LoadOptions,
                                      mapped: Bool = false, chunkSize: Int = 4 << 20,
                                      takeEndOfHalf: Int? = nil) -> ImportResult? {
        guard !options.strict, options.merge == .sameDay else { return nil }
        let firstLineEnd = nextLineEnd(base, 0, count)
        var firstLine = ByteFields(base: base)
        firstLine.split(0, firstLineEnd > 0 && base[firstLineEnd - 1] == 13 ? firstLineEnd - 1 : firstLineEnd)
        guard let layout = Layout.forColumnCount(firstLine.count) else { return nil }
        let middle = nextLineEnd(base, count / 2, count) + 1
        guard middle < count else { return nil }

        let shared = SharedReading(middle: middle, count: count)
        if let half = takeEndOfHalf {
            let (start, end) = half == 0 ? (0, middle) : (middle, count)
            let split = nextLineEnd(base, start + (end - start) / 2, end) + 1
            if split < end { shared.lowerEnd(of: half, to: split) }
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
            let start = half == 0 ? 0 : middle
            var own = parser(from: start, reservingTo: count)
            // Each chunk is claimed under the lock, so the rows the other core takes
            // are never read here too.
            while let claimed = shared.claim(in: half, { chunk(from: $0, in: $0..<$1) }) {
                read(&own, claimed)
            }
            shared.store(own, at: start)
            // The rest of the other half, from its end, when there is enough of it.
            let other = 1 - half
            let taken: Range<Int>? = shared.takeRest(of: other) { next, end, fullEnd in
                if let fixed = takeEndOfHalf { return fixed == other && end < fullEnd ? end..<fullEnd : nil }
                guard end - next >= 2 * chunkSize else { return nil }
                let split = nextLineEnd(base, next + (end - next) / 2, end) + 1
                return split < end ? split..<end : nil
            }
            if let taken {
                var extra = parser(from: taken.lowerBound, reservingTo: taken.upperBound)
                readAll(&extra, taken)
                shared.store(extra, at: taken.lowerBound)
            }
        }
        // In file order; each piece is joined into the one before it, from the last.
        var parsers = shared.takePieces()
        guard parsers.count >= 2, canJoin(parsers) else { return nil }
        while parsers.count > 1 {
            let later = parsers.removeLast()
            join(later, into: &parsers[parsers.count - 1], options: options)
        }
        return parsers.removeLast().finish()
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
    private static func join(_ later: consuming Parser, into earlier: inout Parser, options: LoadOptions) {
        var report = earlier.assembly.report
        let added = later.assembly.report
        report.rowsRead += added.rowsRead
        report.rowsImported += added.rowsImported
        report.rowsSkipped += added.rowsSkipped
        report.rowsMerged += added.rowsMerged
        report.rowsSameReport += added.rowsSameReport
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

extension GDELTImporter {
    /// What the two cores share while they read: per half, where its next chunk starts
    /// and where it stops (lowered when the other core, done early, takes the rest),
    /// and the parsers done, by the offset they start at. Behind an `NSLock` (a
    /// pthread mutex), not a `Mutex`: ThreadSanitizer cannot see the waits of the
    /// latter and reported the two cores' claims, which meet there often, as races.
    final class SharedReading: @unchecked Sendable {
        private let lock = NSLock()
        private var halves: [(next: Int, end: Int)]
        private let fullEnds: [Int]
        private var pieces: [Int: Parser] = [:]

        init(middle: Int, count: Int) {
            halves = [(0, middle), (middle, count)]
            fullEnds = [middle, count]
        }

        func lowerEnd(of half: Int, to end: Int) {
            lock.withLock { halves[half].end = end }
        }

        /// The next chunk of `half` (`chunk(next, end)`), claimed; nil when it is read.
        func claim(in half: Int, _ chunk: (Int, Int) -> Range<Int>) -> Range<Int>? {
            lock.withLock {
                guard halves[half].next < halves[half].end else { return nil }
                let claimed = chunk(halves[half].next, halves[half].end)
                halves[half].next = claimed.upperBound
                return claimed
            }
        }

        /// The rows of `half` that `choose(next, end, full end)` picks from what it
        /// has not claimed, taken from it.
        func takeRest(of half: Int, _ choose: (Int, Int, Int) -> Range<Int>?) -> Range<Int>? {
            lock.withLock {
                guard let taken = choose(halves[half].next, halves[half].end, fullEnds[half]) else { return nil }
                halves[half].end = min(halves[half].end, taken.lowerBound)
                return taken
            }
        }

        func store(_ parser: consuming Parser, at start: Int) {
            lock.withLock { pieces[start] = parser }
        }

        /// The parsers in file order, taken out.
        func takePieces() -> [Parser] {
            lock.withLock {
                defer { pieces = [:] }
                return pieces.keys.sorted().map { pieces[$0]! }
            }
        }
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
