#include "CByteScan.h"

#if defined(__SSE2__)
#include <emmintrin.h>

/// Bit i set when byte i of the 64 at `bytes` equals `value` (SSE2: in every x86-64).
static inline uint64_t matches64(const uint8_t *bytes, __m128i value) {
    uint64_t mask = 0;
    for (int part = 0; part < 4; part++) {
        __m128i chunk = _mm_loadu_si128((const __m128i *)(bytes + 16 * part));
        mask |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, value)) << (16 * part);
    }
    return mask;
}
#endif

long diplograph_split_line(const uint8_t *base, long start, long end, long *bounds, long capacity, long *found) {
    long count = 0;
#define PUT(bound) do { if (count < capacity) bounds[count] = (bound); count++; } while (0)
    PUT(start);
    long index = start;
    long lineEnd = end;
    int lineFeedSeen = 0;
#if defined(__SSE2__)
    const __m128i tab = _mm_set1_epi8(9);
    const __m128i lineFeed = _mm_set1_epi8(10);
    // Whole 64-byte blocks only: nothing is read at or past `end`.
    while (index + 64 <= end) {
        const uint8_t *block = base + index;
        // The file's bytes come from memory, not cache, and the hardware prefetcher
        // stops at each 4 KiB page: ask for the bytes a few rows (1.5 KiB) ahead.
        __builtin_prefetch(block + 1536);
        uint64_t tabs = matches64(block, tab);
        uint64_t feeds = matches64(block, lineFeed);
        if (feeds != 0) {
            // Only the tabs before the line feed belong to this line.
            tabs &= (feeds & (0 - feeds)) - 1;
            lineEnd = index + __builtin_ctzll(feeds);
            lineFeedSeen = 1;
        }
        while (tabs != 0) {
            PUT(index + __builtin_ctzll(tabs) + 1);
            tabs &= tabs - 1;
        }
        if (lineFeedSeen) break;
        index += 64;
    }
#endif
    if (!lineFeedSeen) {
        while (index < end && base[index] != 10) {
            if (base[index] == 9) PUT(index + 1);
            index++;
        }
        lineEnd = index;
    }
    long contentEnd = lineEnd > start && base[lineEnd - 1] == 13 ? lineEnd - 1 : lineEnd;
    // A tab just before a dropped carriage return still starts an (empty) field.
    PUT(contentEnd + 1);
#undef PUT
    *found = count;
    return lineEnd;
}

long diplograph_json_string_stop(const uint8_t *base, long start, long end) {
    long index = start;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    // A signed compare: below 0x20 as a signed byte is a control character or,
    // negative, a byte beyond ASCII; both stop the scan.
    const __m128i space = _mm_set1_epi8(0x20);
    while (index + 16 <= end) {
        __m128i chunk = _mm_loadu_si128((const __m128i *)(base + index));
        __m128i stops = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)),
                                     _mm_cmplt_epi8(chunk, space));
        int mask = _mm_movemask_epi8(stops);
        if (mask != 0) return index + __builtin_ctz((unsigned)mask);
        index += 16;
    }
#endif
    while (index < end) {
        uint8_t byte = base[index];
        if (byte == '"' || byte == '\\' || byte < 0x20 || byte >= 0x80) return index;
        index++;
    }
    return end;
}
