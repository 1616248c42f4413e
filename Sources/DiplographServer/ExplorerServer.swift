import DiplographCore
import DiplographExplorer
import Dispatch
import Foundation
import Synchronization
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `diplograph serve`: the explorer's page and API over HTTP. Nothing is written and
/// nothing is read from the file system: a request reaches one of the page's built-in
/// files or one of the API's endpoints, or gets 404.
///
/// Answers are computed off the event loop: drawings one at a time on a queue of their
/// own (each waits for the drawing worker), queries on the task that reads the request,
/// so that a slow layout never stalls `/healthz` or a timeline. Answers are cached by
/// path, query and the store's `revision`, up to `cacheBytes`.
package struct ExplorerServer: Sendable {
    package let api: ExplorerAPI
    package var host = "127.0.0.1"
    package var port = 8080
    /// The most bytes of answers kept for repeated requests.
    package var cacheBytes = 16 << 20
    /// What changes when the store's data does (a store on disk that another program
    /// ingests into): cached answers of another revision are not used.
    package var revision: @Sendable () -> String = { "" }

    package init(api: ExplorerAPI) {
        self.api = api
    }

    /// Serves until SIGINT or SIGTERM; `ready` gets the address once it listens.
    package func run(ready: @escaping @Sendable (String) -> Void) async throws {
        let responder = ExplorerResponder(api: api, cache: ResponseCache(limit: cacheBytes), revision: revision)
        var logger = Logger(label: "diplograph.serve")
        logger.logLevel = .warning
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                ready("http://\(host.contains(":") ? "[\(host)]" : host):\(port)/")
            },
            logger: logger
        )
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}

/// Routes one request: the page's files, the API, or 404; adds the safety headers.
struct ExplorerResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let api: ExplorerAPI
    let cache: ResponseCache
    let revision: @Sendable () -> String
    private static let drawingQueue = DispatchQueue(label: "diplograph.serve.drawings")
    private static let noEndpoint = APIResponse.error(ExplorerError(parameter: nil, "no such endpoint", status: 404))

    func respond(to request: Request, context: Context) async throws -> Response {
        let answer = await answer(request)
        var headers: HTTPFields = [
            .contentType: answer.contentType,
            .contentSecurityPolicy: ExplorerPage.contentSecurityPolicy,
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
            .cacheControl: "no-cache",
        ]
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(status: .init(code: answer.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    private func answer(_ request: Request) async -> APIResponse {
        guard request.method == .get || request.method == .head else {
            var refused = APIResponse.error(ExplorerError(parameter: nil, "only GET and HEAD: nothing here writes", status: 405))
            refused.headers.append(("Allow", "GET, HEAD"))
            return refused
        }
        let path = request.uri.path
        if let asset = ExplorerPage.assets[path] {
            return APIResponse(status: 200, contentType: asset.contentType, body: asset.bytes)
        }
        guard ExplorerAPI.paths.contains(path) else {
            return .error(ExplorerError(parameter: nil, "no such page or endpoint; the API is described at /api/openapi.json",
                                        status: 404))
        }
        let query: [(String, String)]
        do {
            query = try Self.queryPairs(request.uri.query ?? "")
        } catch {
            return .error(error)
        }
        let key = revision() + " " + path + "?" + query.map { "\($0.0)=\($0.1)" }.sorted().joined(separator: "&")
        if let cached = cache[key] { return cached }
        let draws = ExplorerAPI.draws(path)
        let api = api
        let answer: APIResponse
        if draws {
            answer = await withCheckedContinuation { (continuation: CheckedContinuation<APIResponse, Never>) in
                Self.drawingQueue.async {
                    continuation.resume(returning: api.answer(path: path, query: query) ?? Self.noEndpoint)
                }
            }
        } else {
            // Queries take well under a millisecond: answered on the task that reads the
            // request (Swift's pool, not the event loop), without a hop between threads.
            answer = api.answer(path: path, query: query) ?? Self.noEndpoint
        }
        if answer.status == 200 { cache[key] = answer }
        return answer
    }

    /// `a=1&b=x+y`: names and values percent-decoded, `+` read as a space.
    static func queryPairs(_ query: String) throws(ExplorerError) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for part in query.split(separator: "&") {
            let halves = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ text: Substring) throws(ExplorerError) -> String {
                guard let plain = text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    throw ExplorerError(parameter: String(halves[0]), "not percent-encoded correctly")
                }
                return plain
            }
            pairs.append((try decoded(halves[0]), halves.count > 1 ? try decoded(halves[1]) : ""))
        }
        return pairs
    }
}

/// Answers kept by key, the oldest dropped first once they pass `limit` bytes.
final class ResponseCache: Sendable {
    private let state: Mutex<(entries: [String: APIResponse], order: [String], bytes: Int)> = Mutex(([:], [], 0))
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    subscript(key: String) -> APIResponse? {
        get { state.withLock { $0.entries[key] } }
        set {
            guard let newValue, newValue.body.count <= limit else { return }
            state.withLock { state in
                if state.entries[key] != nil { return }
                state.entries[key] = newValue
                state.order.append(key)
                state.bytes += newValue.body.count
                while state.bytes > limit, !state.order.isEmpty {
                    let oldest = state.order.removeFirst()
                    state.bytes -= state.entries.removeValue(forKey: oldest)?.body.count ?? 0
                }
            }
        }
    }
}
