#if canImport(Glibc)
import Glibc
#endif

extension Array {
    /// `count` copies of `value`, in memory that asks the kernel for huge pages
    /// (2 MiB) before it is first written, when the array takes 4 MiB or more.
    ///
    /// For hash tables probed at random: with 4 KiB pages nearly every probe of a
    /// table of millions also missed the TLB, and the ten-million-row import spent
    /// a fifth of its time on it (`make bench`, 10 M rows). Where the kernel has no
    /// huge page to give, the advice is ignored.
    init(repeating value: Element, onHugePagesCount count: Int) {
        self.init(unsafeUninitializedCapacity: count) { buffer, initialized in
            #if os(Linux)
            let bytes = count * MemoryLayout<Element>.stride
            let huge = UInt(2 << 20)
            if bytes >= 4 << 20, let base = buffer.baseAddress {
                // The whole huge pages inside the buffer.
                let start = (UInt(bitPattern: base) + huge - 1) & ~(huge - 1)
                let end = (UInt(bitPattern: base) + UInt(bytes)) & ~(huge - 1)
                if end > start {
                    _ = madvise(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), MADV_HUGEPAGE)
                }
            }
            #endif
            buffer.initialize(repeating: value)
            initialized = count
        }
    }
}
