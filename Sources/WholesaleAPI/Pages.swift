import Foundation
import JSONValues

/// The items of a list, fetched a page at a time as iteration reaches them, following the
/// `Link: <…>; rel="next"` header. When a next URL has lost the caller's filters (a known Webex
/// quirk), they are put back; an empty page or a missing link ends the list. `max` is a page
/// size, never a total. A next link to another host is refused (it would receive the token).
public struct Pages<Element: JSONObjectModel>: AsyncSequence, Sendable {
    /// Iterates lazily; each page is one request.
    public typealias AsyncIterator = Iterator
    /// The error a page request throws.
    public typealias Failure = WholesaleError

    let client: WholesaleClient
    let call: APICall
    /// A problem found before anything was sent (bad options); thrown on the first `next()`.
    let refusal: WholesaleError?

    /// A problem with the options, found before anything was sent (thrown by the first `next()` too).
    public var problem: WholesaleError? { refusal }

    /// An iterator at the first page.
    public func makeAsyncIterator() -> Iterator {
        Iterator(pages: self)
    }

    /// The first element, fetching only as much as needed.
    public func first() async throws(WholesaleError) -> Element? {
        var iterator = makeAsyncIterator()
        return try await iterator.next()
    }

    /// Every element, fetching every page.
    public func collect() async throws(WholesaleError) -> [Element] {
        var iterator = makeAsyncIterator()
        var all: [Element] = []
        while let element = try await iterator.next() { all.append(element) }
        return all
    }

    /// Walks the pages.
    public struct Iterator: AsyncIteratorProtocol, Sendable {
        let pages: Pages
        var buffer: [Element] = []
        var index = 0
        var nextURL: String?
        var visited: Set<String> = []
        var started = false
        /// How many pages were fetched so far.
        public private(set) var pagesFetched = 0

        init(pages: Pages) { self.pages = pages }

        /// The next element, fetching the next page when the current one is used up.
        public mutating func next() async throws(WholesaleError) -> Element? {
            while index >= buffer.count {
                if let refusal = pages.refusal { throw refusal }
                guard !started || nextURL != nil else { return nil }
                var call = pages.call
                call.url = nextURL
                started = true
                // A page that cannot be read ends the iteration with an error (journaled as
                // the call's failure), never early.
                let number = pagesFetched + 1
                let operation = pages.call.operation.rawValue
                let (exchange, elements) = try await pages.client.performReading(call, read: { exchange throws(WholesaleError) in
                    (exchange, try Self.elements(of: exchange, page: number, operation))
                })
                pagesFetched += 1
                buffer = elements
                index = 0
                let links = exchange.response.headerValues("Link")
                nextURL = try nextLink(links.isEmpty ? nil : links.joined(separator: ", "), elements.isEmpty)
                // A server that sends the same next page again would loop forever.
                if let next = nextURL, !visited.insert(next).inserted { nextURL = nil }
                if buffer.isEmpty { return nil }
            }
            defer { index += 1 }
            return buffer[index]
        }

        /// The items of a page: an object whose `items` (`subPartners` for sub-partners) is an
        /// array of objects, or an error saying what is wrong with it.
        static func elements(of exchange: APIExchange, page: Int, _ operation: String) throws(WholesaleError) -> [Element] {
            let body = try WholesaleClient.body(of: exchange, operation)
            guard let items = body["items"]?.arrayValue ?? body["subPartners"]?.arrayValue else {
                throw WholesaleClient.unreadable(exchange, operation, "page \(page) of the list has no items array")
            }
            var elements: [Element] = []
            elements.reserveCapacity(items.count)
            for (offset, item) in items.enumerated() {
                guard let element = Element(item) else {
                    throw WholesaleClient.unreadable(exchange, operation, "item \(offset + 1) of page \(page) is not a JSON object")
                }
                elements.append(element)
            }
            return elements
        }

        /// The elements not yet returned from the current page, or else the whole next page;
        /// empty at the end of the list. Lets a caller hand out a page at a time.
        public mutating func nextBatch() async throws(WholesaleError) -> [Element] {
            guard let first = try await next() else { return [] }
            defer { index = buffer.count }
            return [first] + buffer[index...]
        }

        /// The next page's URL with the caller's filters restored, or `nil` at the end.
        private func nextLink(_ header: String?, _ emptyPage: Bool) throws(WholesaleError) -> String? {
            guard !emptyPage, let header, var link = LinkHeader.target(of: "next", in: header) else { return nil }
            // A relative reference (`/v1/…?offset=100`) points at the same server (RFC 8288 §3.2).
            if URLComponents(string: link)?.scheme == nil,
               let resolved = URL(string: link, relativeTo: URL(string: pages.client.baseURL + "/v1/"))?.absoluteURL.absoluteString {
                link = resolved
            }
            guard var components = URLComponents(string: link), let base = URLComponents(string: pages.client.baseURL),
                  components.scheme?.lowercased() == base.scheme?.lowercased(), components.host?.lowercased() == base.host?.lowercased(),
                  components.port == base.port
            else {
                throw WholesaleError(kind: .usage, operation: pages.call.operation.rawValue,
                                     message: "the next-page link points away from \(pages.client.baseURL); not following it")
            }
            // The server's own query text is kept as sent; only the filters it dropped are appended.
            let query = components.percentEncodedQuery ?? ""
            let present = Set(QueryEncoding.decode(query).map(\.name))
            let missing = pages.call.query.filter { $0.name != "offset" && !present.contains($0.name) }
            guard !missing.isEmpty else { return link }
            components.percentEncodedQuery = (query.isEmpty ? "" : query + "&") + QueryEncoding.encode(missing)
            return components.string
        }
    }
}

/// Reads RFC 8288 `Link` headers: `<https://…?offset=100>; rel="next", <…>; rel="prev"`.
enum LinkHeader {
    /// The URL of the first link whose `rel` includes `relation`.
    static func target(of relation: String, in header: String) -> String? {
        var rest = Substring(header)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let url = rest[rest.index(after: open)..<close]
            let paramsEnd = rest[close...].firstIndex(of: "<") ?? rest.endIndex
            let params = rest[rest.index(after: close)..<paramsEnd]
            for param in params.split(separator: ";") {
                let pair = param.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ",\""))) }
                if pair.count == 2, pair[0].lowercased() == "rel", pair[1].split(separator: " ").contains(where: { $0 == relation }) {
                    return String(url)
                }
            }
            rest = rest[paramsEnd...]
        }
        return nil
    }
}
