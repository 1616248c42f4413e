#!/usr/bin/env python3
"""Finds text that prints over other text in SVG drawings.

usage: text-overlaps.py FONT.ttf FILE.svg [FILE.svg ...]

Each <text> element's box comes from its position, anchor and font size and from the
advance widths of its characters in FONT (read from the TrueType file's cmap and hmtx
tables: the font every drawing names). Two boxes of one drawing that overlap by more
than a point each way are printed; the exit status is 1 when any are found.
"""
import struct
import sys
import xml.etree.ElementTree as ElementTree

SVG = "{http://www.w3.org/2000/svg}"


def font_metrics(path):
    """(units per em, advance width by code point, default advance)."""
    data = open(path, "rb").read()
    tables = {}
    count = struct.unpack(">H", data[4:6])[0]
    for index in range(count):
        tag, _, offset, length = struct.unpack(">4sIII", data[12 + 16 * index:28 + 16 * index])
        tables[tag.decode("latin-1")] = (offset, length)
    head = tables["head"][0]
    units = struct.unpack(">H", data[head + 18:head + 20])[0]
    hhea = tables["hhea"][0]
    metrics = struct.unpack(">H", data[hhea + 34:hhea + 36])[0]
    hmtx = tables["hmtx"][0]
    advances = [struct.unpack(">H", data[hmtx + 4 * i:hmtx + 4 * i + 2])[0] for i in range(metrics)]

    def advance(glyph):
        return advances[min(glyph, metrics - 1)]

    cmap = tables["cmap"][0]
    widths = {}
    subtables = struct.unpack(">H", data[cmap + 2:cmap + 4])[0]
    for index in range(subtables):
        platform, encoding, offset = struct.unpack(">HHI", data[cmap + 4 + 8 * index:cmap + 12 + 8 * index])
        start = cmap + offset
        if struct.unpack(">H", data[start:start + 2])[0] != 4 or (platform, encoding) not in ((3, 1), (0, 3)):
            continue
        segments = struct.unpack(">H", data[start + 6:start + 8])[0] // 2
        ends = struct.unpack(">%dH" % segments, data[start + 14:start + 14 + 2 * segments])
        base = start + 16 + 2 * segments
        starts = struct.unpack(">%dH" % segments, data[base:base + 2 * segments])
        deltas = struct.unpack(">%dh" % segments, data[base + 2 * segments:base + 4 * segments])
        range_base = base + 4 * segments
        offsets = struct.unpack(">%dH" % segments, data[range_base:range_base + 2 * segments])
        for segment in range(segments):
            for code in range(starts[segment], ends[segment] + 1):
                if code == 0xFFFF:
                    continue
                if offsets[segment] == 0:
                    glyph = (code + deltas[segment]) & 0xFFFF
                else:
                    at = range_base + 2 * segment + offsets[segment] + 2 * (code - starts[segment])
                    glyph = struct.unpack(">H", data[at:at + 2])[0]
                    glyph = (glyph + deltas[segment]) & 0xFFFF if glyph else 0
                widths[code] = advance(glyph)
        break
    return units, widths, advance(0)


def boxes(path, metrics):
    """(text, left, top, right, bottom) of every text; font size and anchor are
    inherited from enclosing elements, as SVG does (SVG's default size is 16)."""
    units, widths, fallback = metrics
    result = []

    def visit(element, size, anchor):
        size = float(element.get("font-size", size))
        anchor = element.get("text-anchor", anchor)
        if element.tag == SVG + "text":
            content = "".join(element.itertext())
            if content.strip():
                width = sum(widths.get(ord(character), fallback) for character in content) * size / units
                x, y = float(element.get("x", "0")), float(element.get("y", "0"))
                left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
                # DejaVu Sans: ascent about 0.76 em above the baseline, descent 0.24 below.
                result.append((content, left, y - 0.76 * size, left + width, y + 0.24 * size))
            return
        for child in element:
            visit(child, size, anchor)

    visit(ElementTree.parse(path).getroot(), 16, "start")
    return result


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    metrics = font_metrics(sys.argv[1])
    found = 0
    for path in sys.argv[2:]:
        texts = boxes(path, metrics)
        for i, first in enumerate(texts):
            for second in texts[i + 1:]:
                across = min(first[3], second[3]) - max(first[1], second[1])
                down = min(first[4], second[4]) - max(first[2], second[2])
                if across > 1 and down > 1:
                    found += 1
                    print("%s: %r (%.0f, %.0f) over %r (%.0f, %.0f)"
                          % (path, first[0], first[1], first[2], second[0], second[1], second[2]))
    print("%d overlapping text pairs in %d drawings" % (found, len(sys.argv) - 2))
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
