import DiplographCore

extension TimelineReport {
    /// `json(for:)` written straight into bytes, the same text without building the
    /// tree of values first (the tree and its release took most of a long timeline's
    /// JSON: `make bench`). `indent`: as `JSONValue.write`; nil for one line.
    static func writeJSON(_ event: Event, into out: inout ByteOutput, indent: Int?) {
        let inner = indent.map { $0 + 1 }
        var fields = 0
        func newline(_ level: Int?) {
            if let level { out.appendLineBreak(indentedBy: 2 * level) }
        }
        func key(_ name: StaticString, level: Int?, count: inout Int) {
            if count > 0 { out.append(0x2C) }
            count += 1
            newline(level)
            out.append(0x22)
            out.append(name)
            out.append(0x22)
            out.append(0x3A)
            if indent != nil { out.append(0x20) }
        }
        func key(_ name: StaticString) { key(name, level: inner, count: &fields) }
        func text(_ value: String?) {
            if let value { out.appendJSONString(value) } else { out.append("null") }
        }
        func strings(_ values: [String]) {
            guard !values.isEmpty else { return out.append("[]") }
            out.append(0x5B)
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(0x2C) }
                newline(inner.map { $0 + 1 })
                out.appendJSONString(value)
            }
            newline(inner)
            out.append(0x5D)
        }

        out.append(0x7B)
        key("id"); out.appendJSONString(event.id)
        key("date"); out.appendJSONString(event.date.description)
        key("precision")
        switch event.date.precision {
        case .year: out.append("\"year\"")
        case .month: out.append("\"month\"")
        case .day: out.append("\"day\"")
        }
        for (name, day) in [("first_day", event.date.firstDay), ("last_day", event.date.lastDay)] as [(StaticString, Day)] {
            key(name)
            out.append(0x22)
            out.appendDay(day)
            out.append(0x22)
        }
        key("kind"); out.appendJSONString(event.kind.rawValue)
        key("participants"); strings(event.actors)
        key("targets"); strings(event.targets)
        key("issues"); strings(event.issues)
        key("title"); out.appendJSONString(event.title)
        if let stance = event.stance { key("stance"); out.appendJSONString(stance.rawValue) }
        if let location = event.location { key("location"); out.appendJSONString(location) }
        if let summary = event.summary { key("summary"); out.appendJSONString(summary) }
        if let quote = event.quote { key("quote"); out.appendJSONString(quote) }
        if let tone = event.tone { key("tone"); out.append(JSONValue.numberText(tone)) }
        key("sources")
        if event.sources.isEmpty {
            out.append("[]")
        } else {
            let level = inner.map { $0 + 1 }
            out.append(0x5B)
            for (index, source) in event.sources.enumerated() {
                if index > 0 { out.append(0x2C) }
                newline(level)
                out.append(0x7B)
                var count = 0
                let field = level.map { $0 + 1 }
                key("publisher", level: field, count: &count); text(source.publisher)
                key("title", level: field, count: &count); text(source.title)
                key("url", level: field, count: &count); text(source.url)
                key("date", level: field, count: &count); text(source.date?.description)
                key("note", level: field, count: &count); text(source.note)
                newline(level)
                out.append(0x7D)
            }
            newline(inner)
            out.append(0x5D)
        }
        newline(indent)
        out.append(0x7D)
    }
}
