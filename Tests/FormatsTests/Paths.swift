import Foundation
import TestSupport

/// Paths used by these tests (see `TestPaths`).
enum Paths {
    static let repository = TestPaths.repository
    static let bundledData = TestPaths.bundledData

    static func temporaryFolder() -> URL { TestPaths.temporaryFolder() }
}
