import Crypto
import DiplographCore
import DiplographFormats
import DiplographSQLite
import Foundation
import ZIPFoundation

/// What to follow and how.
package struct SyncOptions: Sendable {
    /// GDELT 2.0's own server.
    package static let gdeltBase = URL(string: "http://data.gdeltproject.org/gdeltv2/")!

    /// Files of slots from this day on (closed), or nil.
    package var since: Day?
    /// Files of slots up to this day (closed), or nil.
    package var until: Day?
    /// Where the lists and files are: GDELT's server, a mirror, a test server.
    package var baseURL: URL
    /// A folder that keeps each verified zip, and gives it back instead of downloading it.
    package var keepFiles: String?
    package var filter: ActorFilter
    package var policy: RetryPolicy

    package init(since: Day? = nil, until: Day? = nil, baseURL: URL = Self.gdeltBase, keepFiles: String? = nil,
                 filter: ActorFilter = ActorFilter([]), policy: RetryPolicy = RetryPolicy()) {
        self.since = since
        self.until = until
        self.baseURL = baseURL
        self.keepFiles = keepFiles
        self.filter = filter
        self.policy = policy
    }
}

/// The files a sync will fetch, in time order.
package struct SyncPlan: Sendable {
    /// The list read: `lastupdate.txt` or `masterfilelist.txt`.
    package let list: String
    /// Events files the list gives in the range.
    package let listed: Int
    /// Of those, the ones the store holds with the listed MD5.
    package let stored: Int
    package let files: [ListedFile]
    /// Lines of the list that were not understood, with the first one's number.
    package let unreadable: (count: Int, firstLine: Int?)

    package var bytes: Int { files.reduce(0) { $0 + $1.bytes } }
}

/// What happened, told as it happens.
package enum SyncEvent: Sendable {
    /// A try of `file` failed and will be repeated.
    case retrying(ListedFile, attempt: Int, reason: String)
    /// `file` is in the store (or was already, with the same rows).
    case ingested(ListedFile, IngestResult, downloaded: Bool)
    /// `file` was given up: reported, never ingested.
    case failed(ListedFile, reason: String)
}

/// What a sync did.
package struct SyncSummary: Sendable {
    package var ingested: [(file: ListedFile, result: IngestResult)] = []
    package var failed: [(file: ListedFile, reason: String)] = []
    /// Bytes downloaded (files kept in `--keep-files` and reused are not counted).
    package var downloadedBytes = 0

    package var rows: Int { ingested.reduce(0) { $0 + ($1.result.report?.rowsRead ?? 0) } }
    package var events: Int { ingested.reduce(0) { $0 + $1.result.events } }
    package var merged: Int { ingested.reduce(0) { $0 + $1.result.mergedIntoStored } }
}

/// Keeps a store current with GDELT 2.0's events files: reads the publisher's list,
/// plans the files the store lacks (by name and MD5), and fetches, verifies, unzips and
/// ingests them one at a time, each in its own transaction with the record of its
/// download, so that an interruption keeps every file done and the next sync goes on.
package struct GDELTSync: Sendable {
    /// The feed's name in the store's `downloads`.
    package static let feed = "gdelt-2-events"
    /// The store's setting that keeps the actor filter.
    static let filterSetting = "gdelt.filter"
    /// The store's setting that lists the files a sync planned and could not get, so
    /// that the next sync, dates or not, tries them again.
    static let failedSetting = "gdelt.failed"

    /// The files earlier syncs could not get.
    private var failed: Set<String> {
        Set((store?.setting(Self.failedSetting) ?? "").split(separator: " ").map(String.init))
    }

    private func remember(failed names: Set<String>) {
        try? store?.setSetting(Self.failedSetting, to: names.sorted().joined(separator: " "))
    }

    /// The store to keep current; nil to plan for a store not made yet.
    package let store: SQLiteStore?
    package let options: SyncOptions
    private let fetcher: Fetcher

    package init(store: SQLiteStore?, options: SyncOptions) {
        self.store = store
        self.options = options
        fetcher = Fetcher(policy: options.policy)
    }

    /// The files to fetch. Without `since` and `until` the newest file is wanted:
    /// `lastupdate.txt` is read, and the master list only when the store's newest file
    /// is older than the slot before it (a gap to fill since the last sync).
    package func plan() async throws(SyncError) -> SyncPlan {
        let stored = store?.downloads(of: Self.feed) ?? [:]
        let storedFilter = store?.setting(Self.filterSetting) ?? ""
        if let store, !stored.isEmpty, storedFilter != options.filter.setting {
            throw .filterChanged(store: store.path, stored: storedFilter, asked: options.filter.setting)
        }
        var listName = "masterfilelist.txt"
        var candidates: [ListedFile]
        var unreadable: (count: Int, firstLine: Int?) = (0, nil)
        if options.since == nil, options.until == nil {
            listName = "lastupdate.txt"
            let latest = try await list(listName)
            candidates = latest.files
            unreadable = latest.unreadable
            let newestStored = stored.keys.max()
            let failed = self.failed.filter { stored[$0] == nil }
            var gap = false
            if let storedSlot = newestStored.flatMap(ListedFile.slot(of:)),
               let latestSlot = latest.files.first.flatMap({ ListedFile.slot(of: $0.name) }) {
                gap = latestSlot > storedSlot + 1
            }
            // A gap since the last sync, or files an earlier sync could not get: the
            // master list has them.
            if let newestStored, gap || !failed.isEmpty {
                listName = "masterfilelist.txt"
                let master = try await list(listName)
                candidates = master.files.filter { $0.name > newestStored || failed.contains($0.name) }
                unreadable = master.unreadable
            }
        } else {
            let master = try await list(listName)
            let first = options.since ?? Day(ordinal: .min)
            let last = options.until ?? Day(ordinal: .max)
            candidates = master.files.filter { first <= $0.day && $0.day <= last }
            unreadable = master.unreadable
        }
        let wanted = candidates.filter { stored[$0.name] != $0.md5 }
        return SyncPlan(list: listName, listed: candidates.count, stored: candidates.count - wanted.count,
                        files: wanted, unreadable: unreadable)
    }

    /// Fetches and ingests `plan`'s files in order; a file that fails is reported and
    /// the next one goes on.
    package func run(_ plan: SyncPlan, report: (SyncEvent) -> Void = { _ in }) async throws(SyncError) -> SyncSummary {
        var summary = SyncSummary()
        guard let store, !plan.files.isEmpty else { return summary }
        do {
            try store.setSetting(Self.filterSetting, to: options.filter.setting)
        } catch {
            throw .store(error)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diplograph-sync-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // The next file downloads while this one is ingested (the ingest blocks its
        // thread; the download waits on the network): files are still ingested one at a
        // time and in order, so an interruption keeps every file done.
        var failed = self.failed
        var next = prefetch(plan.files[0])
        for (index, file) in plan.files.enumerated() {
            let fetched = await next.value
            if index + 1 < plan.files.count { next = prefetch(plan.files[index + 1]) }
            for (attempt, reason) in fetched.retries { report(.retrying(file, attempt: attempt, reason: reason)) }
            do throws(FileFailure) {
                let (zip, downloaded) = try fetched.outcome.get()
                if downloaded { summary.downloadedBytes += zip.count }
                let rows = options.filter.apply(to: try Self.member(of: zip))
                // The member's name from the list, not the zip: GDELT's own, whatever the zip says.
                let path = folder.appendingPathComponent(String(file.name.dropLast(".zip".count)))
                do {
                    try Data(rows).write(to: path)
                } catch {
                    throw FileFailure("cannot write the unzipped rows to \(folder.path): \(error.localizedDescription)")
                }
                defer { try? FileManager.default.removeItem(at: path) }
                let download = Download(feed: Self.feed, url: url(of: file).absoluteString, md5: file.md5, bytes: file.bytes)
                let result: IngestResult
                do {
                    result = try store.ingest(file: path.path, as: file.name, options: LoadOptions(format: .gdelt),
                                              download: download)
                } catch {
                    throw FileFailure(error.description)
                }
                summary.ingested.append((file, result))
                if failed.remove(file.name) != nil { remember(failed: failed) }
                report(.ingested(file, result, downloaded: downloaded))
            } catch {
                summary.failed.append((file, error.reason))
                if error.worthRetrying, failed.insert(file.name).inserted { remember(failed: failed) }
                report(.failed(file, reason: error.reason))
            }
        }
        return summary
    }

    // MARK: - Steps

    struct FileFailure: Error, Sendable {
        let reason: String
        /// Whether a later sync should try the file again: not when the server has no
        /// such file (GDELT's lists name a few that were never published).
        let worthRetrying: Bool
        init(_ reason: String, worthRetrying: Bool = true) {
            self.reason = reason
            self.worthRetrying = worthRetrying
        }
    }

    /// A file's verified zip (and whether it was downloaded), or why not, with the
    /// failed tries on the way.
    struct Fetched: Sendable {
        let outcome: Result<(Data, Bool), FileFailure>
        let retries: [(Int, String)]
    }

    private func prefetch(_ file: ListedFile) -> Task<Fetched, Never> {
        Task {
            var retries: [(Int, String)] = []
            do throws(FileFailure) {
                let zip = try await verifiedZip(file) { attempt, reason in retries.append((attempt, reason)) }
                return Fetched(outcome: .success(zip), retries: retries)
            } catch {
                return Fetched(outcome: .failure(error), retries: retries)
            }
        }
    }

    /// `list` of the base address, parsed.
    private func list(_ name: String) async throws(SyncError) -> FileList {
        let url = options.baseURL.appendingPathComponent(name)
        do {
            return FileList(text: String(decoding: try await fetcher.get(url), as: UTF8.self))
        } catch {
            throw .list(url: url.absoluteString, error)
        }
    }

    /// Files are fetched from the base address by their listed name, so that a mirror's
    /// list may keep GDELT's own addresses.
    private func url(of file: ListedFile) -> URL {
        options.baseURL.appendingPathComponent(file.name)
    }

    /// The file's zip with the listed size and MD5, from `--keep-files` when it holds it,
    /// else downloaded: a wrong size or MD5 is downloaded once more, then reported.
    private func verifiedZip(_ file: ListedFile, retrying: (Int, String) -> Void) async throws(FileFailure) -> (Data, Bool) {
        let kept = options.keepFiles.map { URL(fileURLWithPath: $0).appendingPathComponent(file.name) }
        if let kept, let data = try? Data(contentsOf: kept), Self.mismatch(data, file) == nil { return (data, false) }
        var problem = ""
        for check in 1...2 {
            let data: Data
            do {
                data = try await fetcher.get(url(of: file)) { attempt, failure in retrying(attempt, failure.description) }
            } catch {
                if case .missing = error { throw FileFailure(error.description, worthRetrying: false) }
                throw FileFailure(error.description)
            }
            guard let mismatch = Self.mismatch(data, file) else {
                if let kept { Self.keep(data, at: kept) }
                return (data, true)
            }
            problem = mismatch
            if check == 1 { retrying(1, mismatch) }
        }
        throw FileFailure(problem + " (twice); not ingested")
    }

    private static func mismatch(_ data: Data, _ file: ListedFile) -> String? {
        if data.count != file.bytes { return "\(data.count) bytes where the list says \(file.bytes)" }
        let md5 = Insecure.MD5.hash(data: data).map { String(format: "%02x", $0) }.joined()
        return md5 == file.md5 ? nil : "MD5 \(md5) where the list says \(file.md5)"
    }

    /// Written beside and renamed: a kill leaves the old copy or the new, never half.
    private static func keep(_ data: Data, at url: URL) {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: url, options: .atomic)
    }

    /// The bytes of the zip's one member.
    static func member(of zip: Data) throws(FileFailure) -> [UInt8] {
        do {
            let archive = try Archive(data: zip, accessMode: .read)
            let entries = Array(archive)
            guard entries.count == 1, let entry = entries.first, entry.type == .file else {
                throw FileFailure("the zip holds \(entries.count) entries where GDELT's hold one file")
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Int(entry.uncompressedSize))
            _ = try archive.extract(entry, bufferSize: 1 << 20) { chunk in bytes.append(contentsOf: chunk) }
            return bytes
        } catch let failure as FileFailure {
            throw failure
        } catch {
            throw FileFailure("not a readable zip: \(error)")
        }
    }
}
