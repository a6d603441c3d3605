import JSONValues
import Synchronization
import Testing
import WholesaleAPI
import WholesaleAPITesting

/// A tiny customer and subscriber store whose POSTs can fail in scripted ways after (or before)
/// the resource is created, as a gateway timeout or a dropped connection would.
final class FlakyStore: Sendable {
    enum Fault: Sendable {
        /// Store it, then drop the connection.
        case storeThenDrop
        /// Drop the connection without storing.
        case dropWithoutStoring
        /// Store it, then answer 504.
        case storeThen504
        /// Drop the connection; the resource appears only after the first lookup (a slow backend).
        case storeAfterLookup
    }

    private struct State {
        var resources: [String: String] = [:]
        var faults: [Fault]
        var late: (key: String, id: String)?
        var posts = 0
    }
    private let state: Mutex<State>

    init(faults: [Fault]) { state = Mutex(State(faults: faults)) }

    var count: Int { state.withLock { $0.resources.count } }
    var posts: Int { state.withLock { $0.posts } }

    var handler: ScriptedServer.Handler { { request in self.handle(request) } }

    private func handle(_ request: ScriptedServer.Request) -> ScriptedServer.Reply {
        state.withLock { state in
            let isCustomer = request.path.hasSuffix("customers")
            switch request.method {
            case "GET":
                let key = isCustomer ? request.query("externalId") ?? "" : (request.query("email") ?? "") + "|" + (request.query("customerId") ?? "")
                let items: [JSONValue] = state.resources[key].map { [["id": .string($0)]] } ?? []
                if let late = state.late { state.resources[late.key] = late.id }
                state.late = nil
                return .respond(.json(200, ["items": .array(items)]))
            default:
                state.posts += 1
                let body = request.json ?? [:]
                let key = isCustomer ? body["externalId"]?.stringValue ?? "" : (body["email"]?.stringValue ?? "") + "|" + (body["customerId"]?.stringValue ?? "")
                if state.resources[key] != nil { return .respond(.webexError(409, "already exists", code: 10022)) }
                let id = "id-\(state.posts)"
                switch state.faults.isEmpty ? nil : state.faults.removeFirst() {
                case .storeThenDrop?:
                    state.resources[key] = id
                    return .closeConnection
                case .dropWithoutStoring?:
                    return .closeConnection
                case .storeThen504?:
                    state.resources[key] = id
                    return .respond(.webexError(504, "gateway timeout"))
                case .storeAfterLookup?:
                    state.late = (key, id)
                    return .closeConnection
                case nil:
                    state.resources[key] = id
                    let url = "https://webexapis.com/v1/wholesale/customers/\(id)"
                    return isCustomer
                        ? .respond(.json(202, ["url": .string(url)], headers: [("Location", url)]))
                        : .respond(.json(200, ["id": .string(id)]))
                }
            }
        }
    }
}

@Suite struct ReconcileTests {
    @Test(arguments: [
        ([FlakyStore.Fault.storeThenDrop], 1),
        ([.storeThen504], 1),
        ([.dropWithoutStoring], 2),
        ([.dropWithoutStoring, .dropWithoutStoring], 3),
        ([.storeAfterLookup], 2),
    ])
    func aCustomerPOSTWithAnUnknownOutcomeIsLookedUpNotDuplicated(_ faults: [FlakyStore.Fault], _ posts: Int) async throws {
        let store = FlakyStore(faults: faults)
        try await withServer(store.handler) { client, _ in
            let location = try await client.provisionCustomer(validCustomer)
            #expect(location.id.hasPrefix("id-"))
            #expect(store.count == 1, "exactly one customer")
            #expect(store.posts == posts)
        }
    }

    @Test(arguments: [
        ([FlakyStore.Fault.storeThenDrop], 1),
        ([.dropWithoutStoring], 2),
        ([.storeAfterLookup], 2),
    ])
    func aSubscriberPOSTWithAnUnknownOutcomeIsLookedUpByEmailAndCustomer(_ faults: [FlakyStore.Fault], _ posts: Int) async throws {
        let store = FlakyStore(faults: faults)
        try await withServer(store.handler) { client, server in
            let subscriber = try await client.provisionSubscriber(validSubscriber)
            #expect(subscriber.id?.hasPrefix("id-") == true)
            #expect(store.count == 1 && store.posts == posts)
            let lookup = try #require(server.requests.first { $0.method == "GET" })
            #expect(lookup.query("email") == "ann+ops@acme.com" && lookup.query("customerId") == "cust-1")
        }
    }

    @Test func aDuplicateWithoutAnUnknownOutcomeIsAnError() async throws {
        let store = FlakyStore(faults: [])
        try await withServer(store.handler) { client, _ in
            _ = try await client.provisionCustomer(validCustomer)
            let error = await #expect(throws: WholesaleError.self) { _ = try await client.provisionCustomer(validCustomer) }
            #expect(error?.status == 409 && store.count == 1)
        }
    }
}
