import Synchronization

/// A value made on first use and then shared by every copy of what holds it (a
/// store's cumulative index, a diff's snapshots): value types stay immutable, and
/// the lock makes the first use safe from any task.
final class MadeOnce<Value: Sendable>: Sendable {
    private let value: Mutex<Value?>

    init(_ value: Value? = nil) {
        self.value = Mutex(value)
    }

    func get(_ make: () -> Value) -> Value {
        value.withLock { stored in
            if let stored { return stored }
            let made = make()
            stored = made
            return made
        }
    }
}
