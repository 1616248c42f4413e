#if canImport(Glibc)
import Glibc
#endif

extension Array {
    /// `count` copies of `value`, in memory that asks the kernel for huge pages
    /// (2 MiB) before it is first written, when the array takes 64 MiB or more.
    ///
    /// For hash tables probed at random: with 4 KiB pages nearly every probe of a
    /// table of millions also missed the TLB, and the ten-million-row import spent
    /// a fifth of its time on it (`make bench`, 10 M rows). Where the kernel has no
    /// huge page to give, the advice is ignored.
    ///
    /// Smaller arrays stay on 4 KiB pages: on a virtual machine a huge page is
    /// often memory the host has taken back, and its first write then cost about
    /// 3.7 ms (a 4 KiB page: 1.6 µs, or 0.8 ms per 2 MiB). The million-row import's
    /// merge tables (32 MiB each before their slots were halved) made its load time
    /// bimodal — 0.43 s or 0.53 s — where 4 KiB pages gave 0.44–0.45 s in every set
    /// of alternating runs.
    init(repeating value: Element, onHugePagesCount count: Int) {
        self.init(unsafeUninitializedCapacity: count) { buffer, initialized in
            #if os(Linux)
            let bytes = count * MemoryLayout<Element>.stride
            let huge = UInt(2 << 20)
            if bytes >= 64 << 20, let base = buffer.baseAddress {
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
