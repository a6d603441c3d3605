package import JSONValues
package import LuaRuntime
package import PlaybookAPI
package import WholesaleAPI

/// One API function of the `wholesale` module, declared once: its doc (whose parameter names
/// also say how arguments are read: `id` a string, `body` a JSON table, `filter` a required
/// options table, `opts` an optional one) and a typed Swift closure that reads the options and
/// returns the work to run off the VM thread, or a list to page through.
struct APIFunction: Sendable {
    /// What the call does once its arguments are read.
    enum Outcome {
        /// Async work whose value becomes the Lua results.
        case work(@Sendable () async throws(WholesaleError) -> LuaResults)
        /// A lazy list: Lua gets an iterator over its items.
        case pages(any PageSource)
    }

    /// The arguments of one call besides its options, read according to the doc's parameter names.
    package struct Call: Sendable {
        /// The `id` argument ("" when the function takes none).
        package let id: String
        /// The `body` argument (`null` when the function takes none).
        package let body: JSONValue
    }

    /// Name, parameters, results and summary.
    let doc: FunctionDoc
    /// The operation it sends (a list for `find`, a get for `wait`, the create for `ensure`).
    package let sends: WholesaleAPI.Operation
    /// Reads the call's options (the `opts` or `filter` argument) and says what to do.
    package let run: @Sendable (APISession, Call, APIOptions) throws -> Outcome

    /// Whether `on_behalf_of` scopes it: the operation it sends takes `onBehalfOfSubPartnerOrgId`.
    package var scoped: Bool { sends.acceptsOnBehalfOf }

    /// Whether Lua sees it as an iterator-returning list.
    var isList: Bool { doc.name.hasSuffix(".list") }
}

/// Something that hands out a list a page at a time: `[]` at the end.
protocol PageSource: Actor {
    /// The items not yet handed out of the current page, or the whole next page.
    func nextBatch() async throws(WholesaleError) -> [JSONValue]
}

/// Pages of one list being iterated by a playbook. Fetches run one after another, so
/// coroutines sharing one iterator each get pages of their own, none twice.
actor PageCursor<Element: JSONObjectModel>: PageSource {
    private var iterator: Pages<Element>.Iterator
    private var fetching = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// A cursor at the first page of `pages`.
    /// A bad option is a `validation` error here, before anything is sent.
    package init(_ pages: Pages<Element>) throws(HostError) {
        if let problem = pages.problem { throw HostError(problem) }
        iterator = pages.makeAsyncIterator()
    }

    func nextBatch() async throws(WholesaleError) -> [JSONValue] {
        if fetching {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            fetching = true
        }
        defer {
            if waiting.isEmpty { fetching = false } else { waiting.removeFirst().resume() }
        }
        var iterator = self.iterator
        let result: Result<[JSONValue], WholesaleError>
        do throws(WholesaleError) { result = .success(try await iterator.nextBatch().map(\.jsonValue)) } catch { result = .failure(error) }
        self.iterator = iterator
        return try result.get()
    }
}

extension APIFunction {
    /// A value the work returns, as Lua results.
    package typealias Work = @Sendable (APISession, Call, Options) async throws(WholesaleError) -> LuaResults

    /// The options most functions take, read before the work starts.
    struct Options: Sendable {
        /// `onBehalfOfSubPartnerOrgId`, for functions `on_behalf_of` scopes.
        package var scope: String?
        /// `wait`/`until` for functions that can wait, or `timeout`/`until` for the wait functions.
        package var wait: WaitRequest?
    }

    /// What a function reads from its options besides the scope.
    package enum Reads: Sendable {
        /// Nothing else.
        case nothing
        /// `wait` (true or seconds) and `until`.
        case wait
        /// `timeout` and `until`: the function is itself a wait.
        case waitFor
    }

    /// A function that sends `sends`, takes the scope (when the operation does) and what
    /// `reads` says, and runs `work`.
    package init(_ doc: FunctionDoc, sends: WholesaleAPI.Operation, reads: Reads = .nothing, work: @escaping Work) {
        let scoped = sends.acceptsOnBehalfOf
        self.init(doc: doc, sends: sends) { session, call, options in
            var read = Options()
            if scoped { read.scope = try options.scope() }
            switch reads {
            case .nothing: break
            case .wait: read.wait = try options.wait()
            case .waitFor: read.wait = try options.waitOnly()
            }
            try options.finish()
            let readOptions = read
            return .work { () async throws(WholesaleError) in try await work(session, call, readOptions) }
        }
    }
}

extension LuaResults {
    /// One JSON value (or nil) as the Lua result.
    package static func json(_ value: JSONValue?) -> LuaResults { .value(value.map(LuaValue.init)) }
}

/// A list with nothing in it (the subscribers of a customer a dry run only planned).
actor EmptyPages: PageSource {
    func nextBatch() async throws(WholesaleError) -> [JSONValue] { [] }
}
