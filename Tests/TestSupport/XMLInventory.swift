import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Element names, attributes and ids of an XML document (an SVG, a GEXF file), read
/// with a real XML parser so that malformed output fails.
public final class XMLInventory: NSObject, XMLParserDelegate {
    public private(set) var elements: [String] = []
    public private(set) var attributes: [(name: String, value: String)] = []
    public private(set) var ids: Set<String> = []

    /// Nil when `bytes` is not well-formed XML.
    public static func parse(_ bytes: [UInt8]) -> XMLInventory? {
        let inventory = XMLInventory()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = inventory
        return parser.parse() ? inventory : nil
    }

    public func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                       qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(name)
        for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
            self.attributes.append((key, value))
            if key == "id" { ids.insert(value) }
        }
    }

    /// What a browser could run: script or embedding elements, event-handler
    /// attributes, `javascript:` links. Empty for inert markup.
    public var activeContent: [String] {
        let active: Set<String> = ["script", "foreignobject", "iframe", "object", "embed", "img", "handler"]
        var found = elements.filter { active.contains($0.lowercased()) }.map { "element <\($0)>" }
        for (name, value) in attributes {
            if name.lowercased().hasPrefix("on") { found.append("handler attribute \(name)") }
            // Browsers skip spaces and control characters inside a URL scheme.
            let squeezed = String(String.UnicodeScalarView(value.lowercased().unicodeScalars.filter { $0.value > 0x20 }))
            let isLink = ["href", "src", "action", "formaction"].contains(name.lowercased()) || name.lowercased().hasSuffix(":href")
            if isLink, squeezed.hasPrefix("javascript:") || squeezed.hasPrefix("vbscript:") || squeezed.hasPrefix("data:text/html") {
                found.append("script link in \(name)=\(value)")
            }
        }
        return found
    }
}
