import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One sync per store at a time: an exclusive `flock` on a file beside the store. The
/// kernel releases it when the holder exits, `kill -9` included, so a killed sync
/// never leaves a stale lock.
package final class SyncLock {
    private let descriptor: Int32

    /// Takes the lock of `store`, waiting for another sync when `wait`, else failing at
    /// once with `SyncError.busy`.
    package init(store: String, wait: Bool) throws(SyncError) {
        let path = store + ".sync-lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .lock(path: path, reason: String(cString: strerror(errno))) }
        if flock(descriptor, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw .busy(store: store, holder: holder.isEmpty ? "another process" : holder)
        }
        let note = Array("process \(getpid()), since \(ISO8601DateFormatter().string(from: Date()))\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = note.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        close(descriptor)
    }
}
