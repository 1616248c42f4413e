import Foundation

/// A regular file mapped read-only into memory, unmapped when the value ends.
///
/// Large coded and JSON-lines files are parsed from the mapping instead of a copy:
/// the bytes come straight from the page cache, and pages already parsed can be
/// dropped (`dropPages`) so a file does not count in full towards memory use.
struct MappedFile: ~Copyable {
    private let base: UnsafePointer<UInt8>
    private let count: Int

    /// Maps `path`; nil when it is not a regular file of at least `minimumSize` bytes
    /// (an empty file cannot be mapped) or cannot be opened or mapped.
    init?(path: String, minimumSize: Int = 1) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
              Int(status.st_size) >= max(1, minimumSize) else { return nil }
        let size = Int(status.st_size)
        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else { return nil }
        base = UnsafePointer(mapping.assumingMemoryBound(to: UInt8.self))
        count = size
    }

    /// Calls `body` with the mapped bytes (valid only during the call).
    func withBytes<Result, Failure: Error>(_ body: (UnsafePointer<UInt8>, Int) throws(Failure) -> Result) throws(Failure) -> Result {
        try body(base, count)
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), count)
    }

    /// The number of line feeds in the first `count` bytes at `base`.
    static func lineCount(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var lines = 0
        var cursor = UnsafeRawPointer(base)
        var left = count
        while left > 0, let found = memchr(cursor, 10, left) {
            lines += 1
            let next = UnsafeRawPointer(found) + 1
            left -= next - cursor
            cursor = next
        }
        return lines
    }

    /// Drops the whole pages of `from..<to` from this process's memory (they stay in
    /// the page cache; the kernel reads them again if asked), for read-only file
    /// mappings only: anonymous memory would be lost.
    static func dropPages(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let first = (start + page - 1) / page * page
        let last = end / page * page
        if last > first { madvise(UnsafeMutableRawPointer(mutating: base + first), last - first, MADV_DONTNEED) }
    }
}
