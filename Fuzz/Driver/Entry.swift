import Foundation
import FuzzTargets

#if DIPLOGRAPH_LIBFUZZER
/// The target libFuzzer drives, named by `DIPLOGRAPH_FUZZ_TARGET` (read once).
private let target: FuzzTarget = {
    let name = getenv("DIPLOGRAPH_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        fatalError("set DIPLOGRAPH_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return target
}()

/// libFuzzer's entry point: a broken check is a crash, so libFuzzer keeps the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let findings = target.run(bytes)
    if !findings.isEmpty { fatalError(findings.joined(separator: "\n")) }
    return 0
}
#else
/// Without libFuzzer (`swift build`): replays inputs, `diplograph-fuzz TARGET FILE…`,
/// to reproduce a crash file under the debugger.
@main
struct Replay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: diplograph-fuzz TARGET FILE…  (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
            exit(2)
        }
        var failed = false
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path): cannot read the file")
                failed = true
                continue
            }
            let findings = target.run([UInt8](data))
            print("\(path): " + (findings.isEmpty ? "ok" : findings.joined(separator: "\n  ")))
            failed = failed || !findings.isEmpty
        }
        exit(failed ? 1 : 0)
    }
}
#endif
