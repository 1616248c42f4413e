import DiplographCore

/// A small dataset built in code, shaped like the bundled one.
enum Fixture {
    static func date(_ text: String) -> DateSpan {
        try! DateSpan(parsing: text)
    }

    static func day(_ text: String) -> Day {
        try! EventDate(parsing: text).firstDay
    }

    static let source = [Source(publisher: "Test")]

    static var dataset: Dataset {
        let nodes = [
            Node(id: "armenia", kind: .state, name: "Armenia"),
            Node(id: "azerbaijan", kind: .state, name: "Azerbaijan"),
            Node(id: "united-states", kind: .state, name: "United States"),
            Node(id: "nagorno-karabakh", kind: .state, name: "Nagorno-Karabakh"),
            Node(id: "ararat-mirzoyan", kind: .person, name: "Ararat Mirzoyan"),
            Node(id: "antony-blinken", kind: .person, name: "Antony Blinken"),
            Node(id: "marco-rubio", kind: .person, name: "Marco Rubio"),
            Node(id: "jeyhun-bayramov", kind: .person, name: "Jeyhun Bayramov"),
            Node(id: "normalization", kind: .issue, name: "Normalization"),
            Node(id: "lachin-corridor-blockade", kind: .issue, name: "Lachin Corridor blockade", lifecycle: [
                LifecyclePhase(status: "active", from: try! EventDate(parsing: "2022-12-12"), to: try! EventDate(parsing: "2023-09")),
                LifecyclePhase(status: "ended", from: try! EventDate(parsing: "2023-09")),
            ]),
        ]
        let offices = [
            Office(id: "blinken-sos", person: "antony-blinken", post: "Secretary of State", organization: "united-states",
                   from: try! EventDate(parsing: "2021-01-26"), to: try! EventDate(parsing: "2025-01-20"), sources: source),
            Office(id: "rubio-sos", person: "marco-rubio", post: "Secretary of State", organization: "united-states",
                   from: try! EventDate(parsing: "2025-01-21"), sources: source),
            Office(id: "mirzoyan-fm", person: "ararat-mirzoyan", post: "Foreign Minister", organization: "armenia",
                   from: try! EventDate(parsing: "2021-08-19"), sources: source),
        ]
        let events = [
            Event(id: "blockade-begins", kind: .event, date: date("2022-12-12"), title: "Blockade begins",
                  actors: ["azerbaijan"], targets: ["nagorno-karabakh"], issues: ["lachin-corridor-blockade"],
                  tone: -7, sources: source),
            Event(id: "arlington", kind: .meeting, date: date("2023-05-01/2023-05-04"), title: "Arlington talks",
                  actors: ["ararat-mirzoyan", "jeyhun-bayramov", "antony-blinken"], issues: ["normalization"],
                  tone: 3, sources: source),
            Event(id: "seed-meeting", kind: .meeting, date: date("2023-06-27"), title: "Mirzoyan meets Blinken",
                  actors: ["ararat-mirzoyan", "antony-blinken"], issues: ["normalization"], tone: 3, sources: source),
            Event(id: "condemns-blockade", kind: .statement, date: date("2023-06-27"), title: "Condemns blockade",
                  actors: ["ararat-mirzoyan"], targets: ["azerbaijan"], issues: ["lachin-corridor-blockade"],
                  stance: .condemns, tone: -5, sources: source),
            Event(id: "us-supports", kind: .statement, date: date("2023-06-27"), title: "US supports dialogue",
                  actors: ["united-states"], issues: ["normalization"], stance: .supports, tone: 4, sources: source),
            Event(id: "offensive", kind: .event, date: date("2023-09-19/2023-09-20"), title: "Offensive",
                  actors: ["azerbaijan"], targets: ["nagorno-karabakh"], tone: -10, sources: source),
            Event(id: "text-agreed", kind: .agreement, date: date("2025-03"), title: "Peace text agreed",
                  actors: ["armenia", "azerbaijan"], issues: ["normalization"], tone: 6, sources: source),
        ]
        return Dataset(title: "Fixture", nodes: nodes, offices: offices, events: events)
    }

    static var store: InMemoryStore { InMemoryStore(dataset) }
}
