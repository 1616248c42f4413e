import DiplographCore

extension Dataset {
    /// The dataset in an order-independent form: a loader keeps file order, a writer
    /// store order, so round trips compare this.
    public var normalized: Dataset {
        Dataset(title: title, notes: notes, nodes: nodes.sorted { $0.id < $1.id },
                offices: offices.sorted { $0.id < $1.id }, events: events.sorted { $0.id < $1.id })
    }
}
