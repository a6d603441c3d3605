import JSONValues
import Synchronization
import Testing
import WholesaleAPI
import WholesaleAPITesting

/// A customer list of `total` items served `max` at a time with `Link` headers; with
/// `dropFilters`, next links keep only offset and max (the Webex quirk).
func pagedCustomers(total: Int, dropFilters: Bool = false, base: @escaping @Sendable () -> String) -> ScriptedServer.Handler {
    { request in
        let offset = Int(request.query("offset") ?? "0") ?? 0
        let max = Int(request.query("max") ?? "2") ?? 2
        let status = request.query("status")
        let items: [JSONValue] = (offset..<min(total, offset + max)).map { ["id": .string("c\($0)"), "status": .string(status ?? "provisioned")] }
        var headers: [(name: String, value: String)] = []
        if offset + max < total {
            var query = [("offset", String(offset + max)), ("max", String(max))]
            if !dropFilters { query += request.query.filter { $0.name != "offset" && $0.name != "max" } }
            let next = base() + request.path + "?" + QueryEncoding.encode(query)
            headers.append(("Link", "<\(base() + request.path)?offset=0>; rel=\"first\", <\(next)>; rel=\"next\""))
        }
        return .respond(.json(200, ["items": .array(items)], headers: headers))
    }
}

@Suite struct PagingTests {
    @Test(arguments: [false, true])
    func followsNextLinksKeepingFilters(_ dropFilters: Bool) async throws {
        let base = BaseBox()
        try await withServer(pagedCustomers(total: 7, dropFilters: dropFilters) { base.value }) { client, server in
            base.value = server.baseURL
            let customers = try await client.listCustomers(status: ["error"], max: 2, onBehalfOf: "org-sub").collect()
            #expect(customers.map(\.id) == ["c0", "c1", "c2", "c3", "c4", "c5", "c6"])
            #expect(server.requests.count == 4)
            for request in server.requests {
                #expect(request.query("status") == "error")
                #expect(request.query("onBehalfOfSubPartnerOrgId") == "org-sub")
                #expect(request.query("max") == "2")
            }
            #expect(server.requests.map { $0.query("offset") } == [nil, "2", "4", "6"])
        }
    }

    @Test func pagesAreFetchedOnlyAsIterationReachesThem() async throws {
        let base = BaseBox()
        try await withServer(pagedCustomers(total: 100) { base.value }) { client, server in
            base.value = server.baseURL
            var iterator = client.listCustomers(max: 10).makeAsyncIterator()
            for _ in 0..<11 { _ = try await iterator.next() }
            #expect(server.requests.count == 2)
            let first = try await client.listCustomers(max: 10).first()
            #expect(first?.id == "c0")
        }
    }

    @Test func anEmptyPageEndsTheListEvenWithANextLink() async throws {
        try await withServer({ request in
            .respond(.json(200, ["items": []], headers: [("Link", "<http://127.0.0.1:1/v1/wholesale/customers?offset=5>; rel=\"next\"")]))
        }) { client, server in
            let customers = try await client.listCustomers().collect()
            #expect(customers.isEmpty)
            #expect(server.requests.count == 1)
        }
    }

    @Test func aNextLinkToAnotherHostIsRefused() async throws {
        try await withServer({ _ in
            .respond(.json(200, ["items": [["id": "c0"]]], headers: [("Link", "<https://evil.example/v1/wholesale/customers?offset=1>; rel=\"next\"")]))
        }) { client, _ in
            let error = await #expect(throws: WholesaleError.self) { _ = try await client.listCustomers().collect() }
            #expect(error?.message.contains("not following") == true)
        }
    }

    @Test func linksSplitOverSeveralHeaderFieldsAndRepeatedLinks() async throws {
        let base = BaseBox()
        try await withServer({ request in
            let offset = Int(request.query("offset") ?? "0") ?? 0
            // prev and next in separate Link fields; the third page points at itself.
            let next = base.value + "/v1/wholesale/customers?offset=\(min(offset + 1, 2))&after=2026-01-01T00:00:00%2B01:00"
            return .respond(.json(200, ["items": [["id": .string("c\(offset)")]]],
                                  headers: [("Link", "<\(base.value)/v1/wholesale/customers?offset=0>; rel=\"prev\""), ("Link", "<\(next)>; rel=\"next\"")]))
        }) { client, server in
            base.value = server.baseURL
            let customers = try await client.listCustomers().collect()
            #expect(customers.map(\.id) == ["c0", "c1", "c2"])
            #expect(server.requests.count == 3)
            #expect(server.requests.last?.query("after") == "2026-01-01T00:00:00+01:00", "the server's query is passed on unchanged")
        }
    }

    @Test func subPartnersAcceptTheExampleWrapperToo() async throws {
        try await withServer({ _ in .respond(.json(200, ["subPartners": [["orgId": "o1"], ["orgId": "o2"]]])) }) { client, _ in
            let partners = try await client.listSubPartners().collect()
            #expect(partners.map(\.orgId) == ["o1", "o2"])
        }
    }
}

/// The server's base URL, known only once it listens.
final class BaseBox: Sendable {
    private let url = Mutex("")
    var value: String {
        get { url.withLock { $0 } }
        set { url.withLock { $0 = newValue } }
    }
}
