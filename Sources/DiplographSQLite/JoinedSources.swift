import DiplographCore
import GRDB
import Synchronization

/// What the sources cited by events that files of this process joined hash to, so
/// that the next file joining one of them checks a new source against the set instead
/// of reading every source the event cites (a busy dyad's event of one day can cite
/// thousands, and each file of that day joins it again). A hash found in the set is
/// confirmed in SQL; one not found is a new source.
///
/// The sets are good while this process is the store's only writer: every ingest adds
/// one to the store's `writes` count in its transaction, and an ingest that finds the
/// count other than this process left it (another program wrote, or a transaction
/// of ours rolled back) starts from empty sets.
final class JoinedSources: Sendable {
    private struct State {
        /// The `writes` count the sets are good for; nil during a transaction of ours.
        var writes: Int64?
        var sets: [Int64: Set<Int>] = [:]
    }

    private let state = Mutex(State())

    /// Called at the start of an ingest's transaction with the store's `writes`.
    func begin(writes: Int64) {
        state.withLock { state in
            if state.writes != writes { state.sets.removeAll() }
            state.writes = nil
        }
    }

    /// Called once the transaction that set `writes` has committed.
    func committed(writes: Int64) {
        state.withLock { $0.writes = writes }
    }

    /// Forgets every event: a file's rows are being taken out, which rewrites the
    /// citations of the events it joined and deletes the events it alone brought.
    func clear() {
        state.withLock { $0.sets.removeAll() }
    }

    /// Forgets `event`, whose citations were rewritten.
    func forget(_ event: Int64) {
        _ = state.withLock { $0.sets.removeValue(forKey: event) }
    }

    /// Whether a source with `key` may already be cited by `event` (loading the event's
    /// sources once), and then records it as cited.
    func mayCite(_ event: Int64, key: Int, _ db: Database) throws -> Bool {
        // In place, under the lock: a copy of the set taken out would be copied whole
        // again by the insert.
        let known = state.withLock { state -> Bool? in
            guard state.sets[event] != nil else { return nil }
            return !state.sets[event]!.insert(key).inserted
        }
        if let known { return known }
        var keys = Set<Int>()
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT s.publisher, s.title, s.url, s.date, s.note FROM event_sources e JOIN sources s ON s.id = e.source
            WHERE e.event = ?
            """), arguments: [event])
        while let row = try rows.next() {
            keys.insert(Self.key(publisher: row[0], title: row[1], url: row[2], date: row[3], note: row[4]))
        }
        let cited = !keys.insert(key).inserted
        state.withLock { $0.sets[event] = keys }
        return cited
    }

    /// A source's values as `sources` stores them, hashed.
    static func key(publisher: String?, title: String?, url: String?, date: String?, note: String?) -> Int {
        var hasher = Hasher()
        for field in [publisher, title, url, date, note] { hasher.combine(field) }
        return hasher.finalize()
    }

    static func key(_ source: Source) -> Int {
        key(publisher: source.publisher, title: source.title, url: source.url, date: source.date?.description,
            note: source.note)
    }
}
