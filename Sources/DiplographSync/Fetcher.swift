import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// How hard to try a download.
package struct RetryPolicy: Sendable {
    /// Tries of one address before it is reported (connection errors, timeouts, 5xx).
    package var attempts: Int
    /// Seconds before the second try; each later wait doubles.
    package var firstDelay: Double
    /// Seconds a request may go without receiving anything before it is given up.
    package var timeout: Double

    package init(attempts: Int = 4, firstDelay: Double = 1, timeout: Double = 30) {
        self.attempts = attempts
        self.firstDelay = firstDelay
        self.timeout = timeout
    }
}

/// Why a download did not give its bytes.
package enum FetchFailure: Error, Sendable, CustomStringConvertible {
    /// 404 or 410: the server has no such file; not retried.
    case missing(status: Int)
    /// Another status, after the retries a 5xx gets.
    case status(Int)
    /// A connection error or timeout, after the retries.
    case network(String)

    package var description: String {
        switch self {
        case .missing(let status): "not on the server (HTTP \(status))"
        case .status(let status): "the server answered HTTP \(status)"
        case .network(let reason): reason
        }
    }

    /// Whether trying again may help.
    var isTransient: Bool {
        switch self {
        case .missing: false
        case .status(let status): status >= 500
        case .network: true
        }
    }
}

/// GETs addresses with URLSession (FoundationNetworking on Linux, libcurl underneath:
/// nothing to build, redirects and timeouts handled), retrying transient failures
/// with a doubling wait.
package struct Fetcher: Sendable {
    package let policy: RetryPolicy
    private let session: URLSession

    package init(policy: RetryPolicy) {
        self.policy = policy
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = policy.timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpAdditionalHeaders = ["User-Agent": "diplograph-sync"]
        session = URLSession(configuration: configuration)
    }

    /// The body at `url`; `retrying` is told of each failed try that will be tried again.
    package func get(_ url: URL, retrying: (_ attempt: Int, _ failure: FetchFailure) -> Void = { _, _ in })
        async throws(FetchFailure) -> Data {
        var attempt = 1
        while true {
            do throws(FetchFailure) {
                return try await getOnce(url)
            } catch {
                guard error.isTransient, attempt < policy.attempts else { throw error }
                retrying(attempt, error)
                let seconds = policy.firstDelay * Double(1 << (attempt - 1))
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                attempt += 1
            }
        }
    }

    private func getOnce(_ url: URL) async throws(FetchFailure) -> Data {
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(from: url)
        } catch {
            throw .network(Self.reason(error))
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 200
        switch status {
        case 200..<300: return data
        case 404, 410: throw .missing(status: status)
        default: throw .status(status)
        }
    }

    /// A URLSession error in a few words.
    private static func reason(_ error: any Error) -> String {
        guard let error = error as? URLError else { return "\(error)" }
        switch error.code {
        case .timedOut: return "timed out (nothing received for the timeout)"
        case .cannotConnectToHost: return "could not connect"
        case .networkConnectionLost: return "the connection was lost mid-transfer"
        case .cannotFindHost: return "no such host"
        default: return error.localizedDescription.isEmpty ? "network error \(error.code.rawValue)" : error.localizedDescription
        }
    }
}
