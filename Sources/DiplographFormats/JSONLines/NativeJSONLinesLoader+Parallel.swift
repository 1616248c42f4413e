import Foundation
import DiplographCore
import Synchronization

extension NativeJSONLinesLoader {
    /// Reads a large file on two cores: each half (split at a line end) is read by
    /// its own `Reader`, then the second half's events, nodes, references and offices
    /// are joined to the first's in file order, so the result is the one a single
    /// pass gives.
    ///
    /// Files from `threshold` bytes up are read this way (32 MiB: below, a single pass
    /// takes a fraction of a second).
    ///
    /// Returns nil, for the single pass to run instead, when the file is small, or
    /// when a half found a problem, an id appears in both halves, or a node is defined
    /// in both: the single pass then reports every problem exactly (a file with
    /// problems does not load, so only clean files need the speed).
    ///
    /// Written for speed, with a measured reason: `make bench` (native JSON lines).
    package static func loadOnTwoCores(base: UnsafePointer<UInt8>, count: Int, file: String, mapped: Bool = false,
                                      threshold: Int = 32 << 20) -> Loaded? {
        guard count >= threshold, ProcessInfo.processInfo.activeProcessorCount >= 2,
              let found = memchr(base + count / 2, 10, count - count / 2) else { return nil }
        let middle = UnsafeRawPointer(base).distance(to: found) + 1
        guard middle < count else { return nil }
        let halves = Mutex<[Int: Reader]>([:])
        let address = UInt(bitPattern: base)
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            let base = UnsafePointer<UInt8>(bitPattern: address)!
            var reader = Reader(file: file)
            // Native event lines are about 300 bytes; the first half will take in the
            // second's events (room not written to costs no memory).
            reader.builder.reserve(events: (half == 0 ? count : count - middle) / 300, sourceBytes: half == 0 ? count : count - middle)
            reader.recordIDs.reserve(strings: (half == 0 ? middle : count - middle) / 300, bytes: half == 0 ? middle : count - middle,
                                     indexed: true)
            // The second half numbers its lines from its own start: line numbers only
            // show in diagnostics, and any diagnostic sends the file to the single
            // pass (counting the first half's lines would cost a pass over them).
            reader.read(base, half == 0 ? 0 : middle, half == 0 ? middle : count, mapped: mapped)
            halves.withLock { $0[half] = reader }
        }
        guard let first = halves.withLock({ $0.removeValue(forKey: 0) }),
              let second = halves.withLock({ $0.removeValue(forKey: 1) }),
              first.diagnostics.isEmpty, second.diagnostics.isEmpty else { return nil }
        // Joining on one core; on the other, ids found in both halves (duplicates).
        // The first half is moved in, not copied: with a reference left here, the join
        // copied each of its columns whole before appending to it.
        let (firstIDs, secondIDs) = (first.recordIDs, second.recordIDs)
        let joined = Mutex<Reader?>(consume first)
        let idsClash = Atomic<Bool>(false)
        DispatchQueue.concurrentPerform(iterations: 2) { task in
            if task == 0 {
                joined.withLock { reader in
                    if reader?.join(second) == false { reader = nil }
                }
            } else {
                idsClash.store(firstIDs.sharesAString(with: secondIDs), ordering: .relaxed)
            }
        }
        guard !idsClash.load(ordering: .relaxed), let reader = joined.withLock({ $0.take() }) else { return nil }
        return try? reader.finish()
    }
}

extension NativeJSONLinesLoader.Reader {
    /// Joins `other` (a reader of the lines after this one's): false when a node is
    /// defined by both.
    mutating func join(_ other: consuming Self) -> Bool {
        let otherNodes = other.builder.nodes
        // Nodes defined in both halves are duplicates.
        for (position, node) in otherNodes.enumerated() where other.defined[position] != 0 {
            if let mine = builder.position(of: node.id), defined[Int(mine)] != 0 { return false }
        }
        _ = builder.absorb(other.builder, merge: false)
        for (position, node) in otherNodes.enumerated() {
            let mine = Int(builder.position(of: node.id)!)
            trackNodes(through: mine)
            if other.defined[position] != 0 {
                defined[mine] = other.defined[position]
                builder.update(Int32(mine)) { $0 = node }
            }
            if referenceLines[mine] == 0, other.referenceLines[position] != 0 {
                referenceLines[mine] = other.referenceLines[position]
                referenceColumns[mine] = other.referenceColumns[position]
                referenceRoles[mine] = other.referenceRoles[position]
            }
            allowedKinds[mine] &= other.allowedKinds[position]
        }
        title = title ?? other.title
        notes += other.notes
        offices += other.offices
        return true
    }
}
