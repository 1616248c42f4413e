import Dispatch

/// Runs `work` on `input` on another core while `body` runs on this one, and gives
/// back the input and what `work` made.
///
/// The input is moved through, never shared: a column or table referenced from two
/// places would copy itself whole on its first write (fresh memory, a page fault per
/// 4 KiB: `make bench`). This core touches the hand-over only before the work starts
/// and after it ends, so nothing waits on a lock (ThreadSanitizer cannot see a
/// `Mutex`'s waits, and reported two cores meeting at one as a race).
func onAnotherCore<Input, Output>(_ input: consuming Input, _ work: @escaping @Sendable (inout Input) -> Output,
                                  overlapping body: () -> Void) -> (Input, Output) {
    let handOver = HandOver<Input, Output>(input)
    let done = DispatchGroup()
    DispatchQueue.global().async(group: done) { handOver.run(work) }
    body()
    done.wait()
    return handOver.take()
}

/// The input and output of `onAnotherCore`. Unchecked: the caller's accesses come
/// before the work is dispatched and after it is waited for.
private final class HandOver<Input, Output>: @unchecked Sendable {
    private var input: Input?
    private var output: Output?

    init(_ input: consuming Input) {
        self.input = input
    }

    func run(_ work: (inout Input) -> Output) {
        var value = input.take()!
        output = work(&value)
        input = value
    }

    func take() -> (Input, Output) {
        (input.take()!, output.take()!)
    }
}
