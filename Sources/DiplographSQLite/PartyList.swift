import Foundation
import DiplographCore

/// An event's actors, targets or issues in one column: node ids separated by commas,
/// with `%` and `,` inside an id written `%25` and `%2C` (native ids are slugs and
/// coded ones codes, so the list reads as written).
package enum PartyList {
    package static func encode(_ ids: some Sequence<NodeID>) -> String {
        ids.map(escape).joined(separator: ",")
    }

    package static func escape(_ id: NodeID) -> String {
        guard id.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: ",") }) else { return id }
        return id.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: ",", with: "%2C")
    }

    package static func decode(_ text: String) -> [NodeID] {
        guard !text.isEmpty else { return [] }
        return text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            guard part.contains("%") else { return String(part) }
            return part.replacingOccurrences(of: "%2C", with: ",").replacingOccurrences(of: "%25", with: "%")
        }
    }
}
