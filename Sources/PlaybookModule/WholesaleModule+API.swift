package import JSONValues
package import LuaRuntime
package import PlaybookAPI
package import WholesaleAPI

extension WholesaleModule {
    /// The API functions bound to this run's session: each declaration of `APIFunctions`
    /// becomes one host function (lists become a hidden opener the glue turns into an
    /// iterator), plus the hidden page and close functions the list iterators share.
    static func apiFunctions(_ context: PlaybookContext) -> [HostFunction] {
        var functions = APIFunctions.all.map { function -> HostFunction in
            if function.isList {
                return .sync(function.doc.name.replacingOccurrences(of: ".list", with: "._open_list")) { arguments in
                    guard case .pages(let source) = try run(function, try context.api(function.doc.name), arguments) else {
                        throw HostError(kind: .host, message: "\(function.doc.name) is not a list")
                    }
                    return .value(.integer(context.openList(source)))
                }
            }
            return .async(function.doc.name) { arguments in
                let session = try context.api(function.doc.name)
                guard case .work(let work) = try run(function, session, arguments) else {
                    throw HostError(kind: .host, message: "\(function.doc.name) is a list")
                }
                return .work {
                    do throws(WholesaleError) {
                        try session.enter(function.doc.name)
                        defer { session.leave() }
                        return try await work()
                    } catch {
                        throw HostError(error)
                    }
                }
            }
        }
        functions.append(.async("_list_page") { arguments in
            guard let source = context.lists[try arguments.integer(1)] else { return .work { .value(nil) } }
            let session = try context.api("list")
            return .work {
                do throws(WholesaleError) {
                    try session.enter("list")
                    defer { session.leave() }
                    let batch = try await source.nextBatch()
                    return .value(batch.isEmpty ? nil : .array(batch.map(LuaValue.init)))
                } catch {
                    throw HostError(error)
                }
            }
        })
        functions.append(.sync("_list_close") { arguments in
            context.lists[try arguments.integer(1)] = nil
            return .none
        })
        return functions
    }

    /// Reads a call's arguments by the doc's parameter names: `id` a non-empty string, `body` a
    /// table that must be JSON, `filter` a required options table, `opts` an optional one.
    private static func run(_ function: APIFunction, _ session: APISession, _ arguments: LuaArguments) throws -> APIFunction.Outcome {
        var id = "", body = JSONValue.null, options: [String: LuaValue]? = nil
        let name = "wholesale.\(function.doc.name)"
        for (i, parameter) in function.doc.parameters.enumerated() {
            let n = i + 1
            switch parameter.name {
            case "id":
                if arguments.typeName(n) == "table" {
                    // A resource passed where its id belongs: say which field to pass.
                    throw HostError.badArgument(n, to: name, "string expected, got table; pass the id, e.g. customer.id")
                }
                id = try arguments.string(n)
                if id.isEmpty { throw HostError.badArgument(n, to: name, "the id is empty") }
            case "body":
                guard arguments.typeName(n) == "table" else { throw HostError.badArgument(n, to: name, "table expected, got \(arguments.typeName(n))") }
                body = try jsonArgument(arguments, n, name: "body")
            case "filter":
                options = try arguments.object(n, name: "filter")
            default:
                options = try arguments.optionalObject(n, name: "opts")
            }
        }
        return try function.run(session, APIFunction.Call(id: id, body: body), APIOptions(options, function: function.doc.name))
    }

    /// For the glue: the position of the options argument of every function `on_behalf_of` scopes.
    static var scopedPositions: LuaValue {
        .object(Dictionary(uniqueKeysWithValues: APIFunctions.all.filter(\.scoped).compactMap { function in
            (function.doc.position(of: "opts") ?? function.doc.position(of: "filter")).map { (function.doc.name, LuaValue.integer(Int64($0))) }
        }))
    }

    /// Lua glue: list iterators over the hidden page functions, and `on_behalf_of`.
    static let apiGlue = #"""
local page, close_list = wholesale._list_page, wholesale._list_close
wholesale._list_page, wholesale._list_close = nil, nil
local scoped = wholesale._scoped
wholesale._scoped = nil
local resources = { "customers", "subpartners", "subscribers", "billing" }
local closing = { __close = function(self) if self.handle then close_list(self.handle); self.handle = nil end end }

-- Each list returns an iterator that fetches a page when the last one is used up. As the
-- fourth value of a generic for it also closes the list when the loop breaks early.
for _, resource in ipairs(resources) do
  local functions = wholesale[resource]
  local open = functions._open_list
  functions._open_list = nil
  local name = "wholesale." .. resource .. ".list"
  functions.list = function(opts, control)
    -- `for x in customers.list do` calls list itself as the iterator: the second call gets the
    -- first one's result as its control value.
    if control ~= nil then
      error(name .. " was used as the iterator: write `for x in " .. name .. "() do` or `" .. name .. "{ ... }`", 2)
    end
    local handle = open(opts)
    local closer = setmetatable({ handle = handle }, closing)
    -- A queue, so coroutines sharing one iterator each take items of their own.
    local queue, head, tail = {}, 1, 0
    return function()
      while head > tail do
        if closer.handle == nil then return nil end
        local items = page(closer.handle)
        if items == nil then
          if closer.handle then close_list(closer.handle) end
          closer.handle = nil
        else
          for k = 1, #items do
            tail = tail + 1
            queue[tail] = items[k]
          end
        end
      end
      local item = queue[head]
      queue[head] = nil
      head = head + 1
      return item
    end, nil, nil, closer
  end
end

-- The same resources with onBehalfOfSubPartnerOrgId filled in on every call that takes it.
function wholesale.on_behalf_of(orgId)
  if type(orgId) ~= "string" or orgId == "" then
    error("bad argument #1 to 'wholesale.on_behalf_of' (a sub-partner orgId string expected, got " .. type(orgId) .. ")", 2)
  end
  local api = { orgId = orgId }
  for _, resource in ipairs(resources) do
    local scopedResource = {}
    for name, f in pairs(wholesale[resource]) do
      local position = scoped[resource .. "." .. name]
      if position then
        scopedResource[name] = function(...)
          local args = table.pack(...)
          local opts = args[position]
          if opts ~= nil and type(opts) ~= "table" then
            error(("bad argument #%d to 'wholesale.%s.%s' (table expected, got %s)"):format(position, resource, name, type(opts)), 2)
          end
          local copy = {}
          if opts then for k, v in pairs(opts) do copy[k] = v end end
          copy.onBehalfOfSubPartnerOrgId = orgId
          args[position] = copy
          if args.n < position then args.n = position end
          return f(table.unpack(args, 1, args.n))
        end
      else
        scopedResource[name] = f
      end
    end
    api[resource] = scopedResource
  end
  return api
end
"""#
}
