import Crypto
import DiplographFormats
import Foundation

/// The explorer's page: HTML, CSS and JavaScript modules written in this repository
/// and built into the binary. `serve` hands them out as files; `export --format html`
/// joins them, with the frames, into one file that needs no server and no network.
package enum ExplorerPage {
    /// One file of the page.
    package struct Asset: Sendable {
        package let contentType: String
        package let bytes: [UInt8]
    }

    /// The modules in an order where each comes after those it imports.
    static let modules: [(name: String, bytes: [UInt8])] = [
        ("time.js", PackageResources.time_js), ("frames.js", PackageResources.frames_js),
        ("state.js", PackageResources.state_js), ("graph.js", PackageResources.graph_js),
        ("lanes.js", PackageResources.lanes_js), ("table.js", PackageResources.table_js),
        ("panel.js", PackageResources.panel_js), ("search.js", PackageResources.search_js),
        ("controls.js", PackageResources.controls_js), ("main.js", PackageResources.main_js),
    ]

    /// The files `serve` answers, by path.
    package static let assets: [String: Asset] = {
        var assets = ["/": Asset(contentType: "text/html; charset=utf-8", bytes: PackageResources.index_html),
                      "/explorer.css": Asset(contentType: "text/css; charset=utf-8", bytes: PackageResources.explorer_css),
                      "/api/openapi.json": Asset(contentType: "application/json; charset=utf-8",
                                                 bytes: PackageResources.openapi_json)]
        for module in modules {
            assets["/" + module.name] = Asset(contentType: "text/javascript; charset=utf-8", bytes: module.bytes)
        }
        return assets
    }()

    /// The policy `serve` sends: every script, style and request from the server itself,
    /// nothing inline.
    package static let contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// The page as one file: the stylesheet and the modules inline, `bundle` (the
    /// frames' JSON) as data. Its policy allows those two inline blocks by their hashes
    /// and no request at all, so it opens from `file://` and never reaches the network.
    package static func singleFile(bundle: [UInt8]) -> [UInt8] {
        let style = String(decoding: PackageResources.explorer_css, as: UTF8.self)
        let script = modules.map { joinable(String(decoding: $0.bytes, as: UTF8.self)) }.joined(separator: "\n")
        // Inside a script element only "</" can end it early; JSON allows "\u003c" for "<".
        let data = String(decoding: bundle, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
        let policy = "default-src 'none'; script-src '\(hash(script))'; style-src '\(hash(style))'; img-src data:; "
            + "base-uri 'none'; form-action 'none'"
        var page = String(decoding: PackageResources.index_html, as: UTF8.self)
        page = page.replacingOccurrences(of: "<meta name=\"x-policy\">",
                                         with: "<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">")
        page = page.replacingOccurrences(of: "<link rel=\"stylesheet\" href=\"explorer.css\">", with: "<style>\(style)</style>")
        page = page.replacingOccurrences(
            of: "<script type=\"module\" src=\"main.js\"></script>",
            with: "<script type=\"application/json\" id=\"frames-data\">\(data)</script>\n<script type=\"module\">\(script)</script>")
        return Array(page.utf8)
    }

    /// A module's text without its imports and export keywords: the modules share one
    /// scope in the single file, so their top-level names are kept distinct.
    static func joinable(_ module: String) -> String {
        module.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> Substring? in
            if line.hasPrefix("import ") { return nil }
            if line.hasPrefix("export ") { return line.dropFirst("export ".count) }
            return line
        }.joined(separator: "\n")
    }

    private static func hash(_ text: String) -> String {
        "sha256-" + Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
    }
}
