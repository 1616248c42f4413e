// Load a dataset and ask a timeline: Armenia's foreign minister in June 2023.
// Run from the repository: swift run example-timeline [DATASET]
import DiplographCore
import DiplographFormats

let path = CommandLine.arguments.dropFirst().first ?? "Data"
let store = try InMemoryStore(loading: path)

let june = try EventDate(parsing: "2023-06")
let query = TimelineQuery(actors: ["ararat-mirzoyan"], range: june.days)
for event in store.timeline(query) {
    let others = event.parties.filter { $0 != "ararat-mirzoyan" }.map(store.name(of:))
    print(event.date, event.kind.rawValue, event.title, "—", others.joined(separator: ", "))
}
