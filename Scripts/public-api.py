#!/usr/bin/env python3
"""Counts the public declarations of the library modules and lists those without a
documentation comment.

A declaration is a line that starts (after indentation and attributes) with `public`
or `open`: one per type, property, initializer, function, subscript or typealias, as
written. It is documented when a `///` comment ends right above it (attribute lines
in between are allowed). Protocol witnesses whose meaning the protocol gives (`==`,
`<`, `hash(into:)`, `startIndex`, `endIndex`, `rawValue`, `init(rawValue:)`,
`init(stringLiteral:)`) are counted but need no comment of their own; DocC shows the
protocol's.

    Scripts/public-api.py            counts per module, then the undocumented ones
    Scripts/public-api.py --check    the same; exit 1 when any is undocumented
"""
import os
import re
import sys

MODULES = ["DiplographCore", "DiplographFormats", "DiplographDOT", "DiplographGraphviz", "DiplographSQLite",
           "DiplographPostgres"]
DECLARATION = re.compile(r"^\s*(@[A-Za-z_]+(\([^)]*\))?\s+)*(public|open)\b")
ATTRIBUTE = re.compile(r"^\s*@[A-Za-z_]+(\([^)]*\))?\s*$")
WITNESS = re.compile(r"static func (==|<) |func hash\(into|var (startIndex|endIndex)\b|let rawValue\b"
                     r"|init\(rawValue:|init\(stringLiteral")


def declarations(root):
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if not name.endswith(".swift"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as source:
                lines = source.read().split("\n")
            for index, line in enumerate(lines):
                if not DECLARATION.match(line):
                    continue
                above = index - 1
                while above >= 0 and ATTRIBUTE.match(lines[above]):
                    above -= 1
                documented = above >= 0 and lines[above].strip().startswith("///")
                yield path, index + 1, line.strip(), documented or bool(WITNESS.search(line))


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources")
    missing = []
    total = 0
    for module in MODULES:
        found = list(declarations(os.path.join(root, module)))
        total += len(found)
        missing += [entry for entry in found if not entry[3]]
        print(f"{module:20} {len(found):4} public declarations")
    print(f"{'all':20} {total:4}")
    for path, line, text, _ in missing:
        print(f"{os.path.relpath(path, os.path.join(root, '..'))}:{line}: undocumented: {text}")
    if missing:
        print(f"{len(missing)} public declarations without a /// comment")
    if "--check" in sys.argv and missing:
        sys.exit(1)


main()
