import GRDB

/// Where a synced file came from: the feed it belongs to, the address it was fetched
/// from, and the size and MD5 its publisher listed for it.
package struct Download: Sendable, Hashable {
    /// The feed, for example `gdelt-2-events`: one store may follow several.
    package let feed: String
    package let url: String
    package let md5: String
    package let bytes: Int

    package init(feed: String, url: String, md5: String, bytes: Int) {
        self.feed = feed
        self.url = url
        self.md5 = md5
        self.bytes = bytes
    }

    func record(file: Int64, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO downloads (file_id, feed, url, md5, bytes) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (file_id) DO UPDATE SET feed = excluded.feed, url = excluded.url, md5 = excluded.md5,
                                                bytes = excluded.bytes
            """, arguments: [file, feed, url, md5, bytes])
    }
}

extension SQLiteStore {
    /// The files of `feed` in the store, by the name they were ingested under, with the
    /// MD5 of the download each came from.
    package func downloads(of feed: String) -> [String: String] {
        read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT f.name, d.md5 FROM downloads d JOIN files f ON f.id = d.file_id WHERE d.feed = ?
                """, arguments: [feed])
            return Dictionary(rows.map { ($0[0] as String, $0[1] as String) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// A setting the store keeps for the programs that write it (a sync's filter), or nil.
    package func setting(_ key: String) -> String? {
        read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: ["setting." + key]) }
    }

    /// Keeps `value` under `key` (see `setting(_:)`).
    package func setSetting(_ key: String, to value: String) throws(StoreError) {
        do {
            try database.write { db in
                try db.execute(sql: """
                    INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """, arguments: ["setting." + key, value])
            }
        } catch {
            throw StoreError.database(path, error)
        }
    }
}
