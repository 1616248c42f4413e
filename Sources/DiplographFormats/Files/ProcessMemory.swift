import CAllocator

/// How the process's allocator treats large blocks, for programs that load coded
/// data: a setting for a whole program, so programs call it, not the loaders.
package enum ProcessMemory {
    /// Asks glibc's allocator to serve blocks of up to 1 GiB from one heap for all
    /// threads, to grow it 64 MiB at a time, and to keep what is freed for reuse
    /// instead of giving it back to the system.
    ///
    /// A large load frees big blocks (the second half's columns once joined, scratch
    /// lists) just before it needs as many again (the store's indices). By default
    /// each big block is a mapping of its own, returned when freed, so the next one is
    /// fresh memory again: every 4 KiB page of it costs a fault when first written
    /// (1.5–8 µs on this kind of machine). Kept for reuse, the 1 M-row load's faults
    /// fell from 74 k to 58 k, and its time from 0.573 to 0.510 s (JSON lines 0.999 to
    /// 0.965 s; medians of alternating runs, `make bench`). One heap, grown in large
    /// steps: with a heap per thread (glibc's default), grown a little at a time,
    /// single runs at ten million rows spent 2.9–4.9 s in the system against
    /// 1.2–1.6 s (each step takes the lock the other core's page faults wait on).
    /// Memory freed is not returned to the system before the program ends.
    ///
    /// Call once, at the start of the program, before other threads run. Does nothing
    /// without glibc.
    package static func reuseFreedMemory() {
        diplograph_reuse_freed_memory()
    }
}
