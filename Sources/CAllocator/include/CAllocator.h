#ifndef DIPLOGRAPH_CALLOCATOR_H
#define DIPLOGRAPH_CALLOCATOR_H

#if __has_include(<malloc.h>)
#include <malloc.h>
#endif

/// glibc's allocator settings for a program that loads large files (see
/// `ProcessMemory.reuseFreedMemory` for why): Swift's Glibc module does not export
/// `mallopt`. Does nothing without glibc.
static inline void diplograph_reuse_freed_memory(void) {
#if defined(__GLIBC__)
    // One heap for all threads, blocks of up to 1 GiB from it, nothing given back,
    // and room added 64 MiB at a time.
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_TOP_PAD, 64 << 20);
#endif
}

#endif
