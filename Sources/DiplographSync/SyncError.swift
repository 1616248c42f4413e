import DiplographSQLite

/// Why a sync could not start or plan.
package enum SyncError: Error, Sendable, CustomStringConvertible {
    /// The file list could not be fetched.
    case list(url: String, FetchFailure)
    /// The store was synced with another `--filter-actor`.
    case filterChanged(store: String, stored: String, asked: String)
    /// Another sync holds the store.
    case busy(store: String, holder: String)
    /// The lock beside the store could not be made.
    case lock(path: String, reason: String)
    /// The store could not be written.
    case store(StoreError)

    package var description: String {
        switch self {
        case let .list(url, failure):
            "\(url): error: could not fetch the file list: \(failure)\n"
                + "  hint: check the address (--base-url) and the network; nothing was changed"
        case let .filterChanged(store, stored, asked):
            "\(store): error: the store was synced with "
                + (stored.isEmpty ? "no --filter-actor" : "--filter-actor \(stored)")
                + ", this sync asks for " + (asked.isEmpty ? "none" : "--filter-actor \(asked)") + "\n"
                + "  hint: repeat the store's filter (a mixed store would hold some days whole and some filtered), "
                + "or sync into a new store"
        case let .busy(store, holder):
            "\(store): error: another sync of this store is running (\(holder)); this one stops, nothing done\n"
                + "  hint: add --wait to wait for it instead"
        case let .store(error):
            error.description
        case let .lock(path, reason):
            "\(path): error: cannot make the sync's lock file: \(reason)\n"
                + "  hint: the store's folder must be writable"
        }
    }
}
