#ifndef DIPLOGRAPH_CPREFETCH_H
#define DIPLOGRAPH_CPREFETCH_H

/// Asks the processor to bring the cache line at `address` in, without waiting for
/// it: Swift has no prefetch. The import path computes where its next hash-table
/// probes will land, prefetches them, and does other work while the lines arrive
/// (`make bench`: load + index).
static inline void diplograph_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
