internal import CLua
internal import CLuaShims

/// A Swift function made callable from Lua, registered by its dotted name within a module
/// (`json.encode` installs `wholesale.json.encode`). Modules are lists of these: one
/// registration point, generic conversion, no hand-written stack code per function.
public struct HostFunction {
    enum Body {
        case sync((LuaArguments) throws -> LuaResults)
        case async((LuaArguments) throws -> Suspension)
        case raw((LuaArguments, LuaVM) throws -> Int32)
    }

    /// The dotted name inside the module.
    public let name: String
    let body: Body

    /// A function that returns at once.
    public static func sync(_ name: String, _ body: @escaping (LuaArguments) throws -> LuaResults) -> HostFunction {
        HostFunction(name: name, body: .sync(body))
    }

    /// A function whose coroutine waits (other coroutines run) until the suspension ends.
    public static func async(_ name: String, _ body: @escaping (LuaArguments) throws -> Suspension) -> HostFunction {
        HostFunction(name: name, body: .async(body))
    }

    /// A function that pushes its own results (for values that are not data, like functions).
    static func raw(_ name: String, _ body: @escaping (LuaArguments, LuaVM) throws -> Int32) -> HostFunction {
        HostFunction(name: name, body: .raw(body))
    }
}

extension HostFunction {
    /// The name a message shows for a host function: a hidden one (`wholesale._list_page`, the
    /// step of every list's iterator) by what the script called.
    static func shown(_ name: String) -> String {
        name.hasSuffix("._list_page") ? "a list's iterator (its next page)" : name.replacingOccurrences(of: "._open_list", with: ".list")
    }
}

/// A registered host function, kept alive by its VM; Lua holds its address as an upvalue.
final class HostFunctionBox {
    let qualifiedName: String
    let body: HostFunction.Body
    unowned(unsafe) let vm: LuaVM

    init(qualifiedName: String, body: HostFunction.Body, vm: LuaVM) {
        self.qualifiedName = qualifiedName
        self.body = body
        self.vm = vm
    }

    /// Runs the function; never raises (the trampoline does that with the returned code).
    func invoke(_ L: OpaquePointer) -> Int32 {
        let arguments = LuaArguments(L: L, functionName: qualifiedName)
        do {
            switch body {
            case .sync(let function):
                return try function(arguments).push(on: L)
            case .raw(let function):
                return try function(arguments, vm)
            case .async(let function):
                guard lua_isyieldable(L) != 0 else {
                    throw HostError.usage(
                        "\(HostFunction.shown(qualifiedName)) cannot wait here: it was called from a metamethod, a table.sort "
                            + "comparator or another place where Lua cannot suspend; call it from plain code")
                }
                let suspension = try function(arguments)
                lua_pushinteger(L, vm.scheduler.begin(suspension))
                return Int32(WL_HOST_YIELD)
            }
        } catch {
            LuaErrorValue.push(error, on: L)
            return Int32(WL_HOST_RAISE)
        }
    }
}

/// The one dispatcher C calls for every host function.
enum HostDispatch {
    static let entry: wl_dispatch_fn = { L, context in
        Unmanaged<HostFunctionBox>.fromOpaque(context!).takeUnretainedValue().invoke(L!)
    }

    /// Installs the dispatcher (idempotent).
    static let installed: Bool = {
        wl_set_dispatch(entry)
        return true
    }()
}

/// Turns Swift errors into Lua error tables.
enum LuaErrorValue {
    /// Pushes the Lua error value for `error`.
    static func push(_ error: any Error, on L: OpaquePointer) {
        let raisable: any LuaRaisable = (error as? any LuaRaisable)
            ?? HostError(kind: .host, message: String(describing: error))
        LuaStack.push(.object(raisable.luaFields), on: L)
        var line = raisable.luaLine
        line.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { wl_make_error_value(L, -1, $0.baseAddress, $0.count) }
        }
    }
}
