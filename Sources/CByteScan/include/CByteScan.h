#ifndef DIPLOGRAPH_CBYTESCAN_H
#define DIPLOGRAPH_CBYTESCAN_H

#include <stdint.h>

/// Splits the line that starts at `start` (up to the first line feed before `end`,
/// without a carriage return before it) at every tab, and returns the offset of its
/// line feed (or `end`).
///
/// Field bounds go to `bounds`: the start of each field, then one past the end of the
/// last field (as if a tab followed it). `*found` is set to how many bounds the line
/// has; when that is more than `capacity`, only the first `capacity` were written and
/// the caller splits again with room for all.
///
/// Written in C for the SIMD byte compares Swift cannot reach (a mask of matching
/// bytes, 64 bytes at a time): GDELT rows are 61 fields over ~300 bytes, and this is
/// the first thing done to each (`make bench`: load; see `ByteFields.splitLine`).
long diplograph_split_line(const uint8_t *base, long start, long end, long *bounds, long capacity, long *found);

/// The offset of the first byte at or after `start` and before `end` that a JSON
/// string scanner must look at — a quote, a backslash, a control character (below
/// 0x20) or a byte beyond ASCII — or `end` when there is none.
///
/// Sixteen bytes at a time (the JSON-lines scanner spent a ninth of its time finding
/// string ends eight bytes at a time: `make bench`, native JSON lines).
long diplograph_json_string_stop(const uint8_t *base, long start, long end);

#endif
