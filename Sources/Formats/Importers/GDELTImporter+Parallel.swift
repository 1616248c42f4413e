import Foundation
import Graph
import Synchronization

extension GDELTImporter {
    /// Files from this size up are read on two cores.
    static let parallelThreshold = 32 << 20

    /// Reads a large file on two cores: the file is mapped, each half is parsed by its
    /// own `Parser` (16 MiB at a time, dropping the pages behind it so memory stays
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
    @_spi(Fuzzing)
    public static func loadOnTwoCores(base: UnsafePointer<UInt8>, count: Int, file: String, options: ImportOptions,
                                      mapped: Bool = false) -> ImportResult? {
        guard !options.strict else { return nil }
        let firstLineEnd = nextLineEnd(base, 0, count)
        var firstLine = ByteFields(base: base)
        firstLine.split(0, firstLineEnd > 0 && base[firstLineEnd - 1] == 13 ? firstLineEnd - 1 : firstLineEnd)
        guard let layout = Layout.forColumnCount(firstLine.count) else { return nil }
        let middle = nextLineEnd(base, count / 2, count) + 1
        guard middle < count else { return nil }

        // Each half's parser, handed back through the lock (a parser never leaves its
        // thread while it runs).
        let halves = Mutex<[Int: Parser]>([:])
        let consumed = Atomic<Int>(0)
        let address = UInt(bitPattern: base)
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            let base = UnsafePointer<UInt8>(bitPattern: address)!
            var parser = Parser(file: file, options: options)
            parser.layout = layout
            // GDELT rows are 220 bytes and more (about 400 in the real sample), and
            // same-day repeats merge. The first half reserves for the whole file: the
            // second half's events are then joined in place (reserved room costs
            // address space, not memory, until written).
            parser.assembly.builder.reserve(events: (half == 0 ? count : count - middle) / 300,
                                           sourceBytes: half == 0 ? count : count - middle)
            parser.seenIDs.reserve((half == 0 ? middle : count - middle) / 300)
            if options.merge == .sameDay {
                parser.assembly.builder.reserveMergeKeys(rows: (half == 0 ? middle : count - middle) / 300)
            }
            parser.assembly.report.format = layout.name
            // The second half counts lines from its start (counting the first half's
            // first would delay it by a pass over half the file): its problems are
            // renumbered below, and the count is made only if a repeated id needs it.
            if half == 1 {
                parser.lineOffset = nil
                parser.linesBefore = (address, middle)
            }
            var start = half == 0 ? 0 : middle
            let end = half == 0 ? middle : count
            while start < end {
                let chunkEnd = min(end, nextLineEnd(base, min(end, start + (16 << 20)), end) + 1)
                try? parser.parse(base, start, chunkEnd)  // cannot throw: not strict
                if mapped { MappedFile.dropPages(base, from: start, to: chunkEnd) }
                let total = consumed.add(chunkEnd - start, ordering: .relaxed).newValue
                options.progress?(total, count)
                start = chunkEnd
            }
            halves.withLock { $0[half] = parser }
        }
        guard var first = halves.withLock({ $0.removeValue(forKey: 0) }),
              let second = halves.withLock({ $0.removeValue(forKey: 1) }) else { return nil }
        if let upper = first.seenIDs.range?.upperBound, let lower = second.seenIDs.range?.lowerBound, lower <= upper {
            return nil
        }
        // An actor code names the node of its first row (the cache): a code both
        // halves met must have given both the same node, or one pass would differ.
        guard first.cache.agrees(with: second.cache, first: first.assembly.builder, second: second.assembly.builder) else {
            return nil
        }
        var report = first.assembly.report
        let added = second.assembly.report
        report.rowsRead += added.rowsRead
        report.rowsImported += added.rowsImported
        report.rowsSkipped += added.rowsSkipped
        report.rowsMerged += added.rowsMerged
        for (code, number) in added.problemCounts { report.problemCounts[code, default: 0] += number }
        for problem in added.problems where report.problems.count < options.problemLimit {
            report.problems.append(RowProblem(code: problem.code, file: problem.file, line: problem.line + first.lineNumber,
                                              message: problem.message, skipped: problem.skipped))
        }
        report.rowsMerged += first.assembly.builder.absorb(second.assembly.builder, merge: options.merge == .sameDay)
        // A country named in the second half is named so after the first half's rows,
        // as in a single pass.
        for (id, name) in second.assembly.renamed.sorted(by: { $0.key < $1.key }) { first.assembly.rename(id, to: name) }
        first.assembly.report = report
        return first.finish()
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
