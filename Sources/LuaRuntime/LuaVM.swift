internal import CLua
internal import CLuaShims
import Foundation

/// One sandboxed Lua 5.4 state with its limits, host functions and scheduler.
///
/// A `LuaVM` is not thread-safe: create it, use it and drop it on one thread (see `LuaThread`).
public final class LuaVM {
    /// Limits and settings of a VM.
    public struct Configuration: Sendable {
        /// Cap on Lua's memory in bytes; `nil` for none.
        public var memoryLimit: Int?
        /// Wall-time limit of `run` in seconds; `nil` for none.
        public var timeLimit: Double?
        /// The folder `require` loads modules from; `nil` refuses every `require` of a file.
        public var moduleDirectory: String?
        /// The default `concurrency` of `parallel`.
        public var defaultConcurrency: Int
        /// The module the runtime entries (`sleep`, `parallel`, ...) are known by in messages.
        public var libraryName: String

        /// Creates a configuration.
        public init(
            memoryLimit: Int? = nil, timeLimit: Double? = nil, moduleDirectory: String? = nil, defaultConcurrency: Int = 8,
            libraryName: String = "wholesale"
        ) {
            self.memoryLimit = memoryLimit
            self.timeLimit = timeLimit
            self.moduleDirectory = moduleDirectory
            self.defaultConcurrency = defaultConcurrency
            self.libraryName = libraryName
        }
    }

    /// A compiled chunk, ready to run.
    public struct Chunk {
        let reference: Int32
    }

    let engine: OpaquePointer
    let L: OpaquePointer
    /// The settings the VM was made with.
    public let configuration: Configuration
    private var boxes: [HostFunctionBox] = []
    let scheduler: LuaScheduler
    private var runtimeReference: Int32 = LUA_NOREF
    private var modulesReference: Int32 = LUA_NOREF

    /// Creates a sandboxed state with the runtime library and `require`.
    public init(configuration: Configuration = Configuration()) throws(LuaError) {
        _ = HostDispatch.installed
        guard let engine = wl_engine_new(configuration.memoryLimit.map { max(0, $0) } ?? 0) else {
            throw LuaError(kind: .memoryLimit, message: "cannot create a Lua state: out of memory")
        }
        self.engine = engine
        self.L = wl_engine_state(engine)
        self.configuration = configuration
        self.scheduler = LuaScheduler(L: L, engine: engine)
        guard wl_open_sandbox(L) == LUA_OK else { throw takeError(kind: .runtime) }
        try openRuntime()
    }

    deinit {
        interrupter.detach()
        scheduler.cancelAll()
        wl_engine_free(engine)
    }

    /// Stops this VM's run from another thread.
    public private(set) lazy var interrupter = LuaInterrupter(engine: engine, completions: scheduler.completions, limits: configuration)

    /// Lua memory in use now, in bytes.
    public var memoryUsed: Int { wl_engine_memory_used(engine) }
    /// Most Lua memory in use at once so far, in bytes.
    public var memoryPeak: Int { wl_engine_memory_peak(engine) }
    /// The Lua version string (`Lua 5.4`).
    public var version: String {
        lua_getglobal(L, "_VERSION")
        defer { lua_settop(L, -2) }
        return LuaStack.string(at: -1, in: L)?.stringValue ?? "?"
    }

    // MARK: Modules

    /// Installs a module as a global and for `require(name)`: each host function at its dotted
    /// name, the runtime entries (`sleep`, `parallel`, `try`, `collect`, `null`, `array`,
    /// `object`) at the top, then `fields`; finally `glue`, Lua source run with the module table
    /// as its argument, can add functions written in Lua.
    public func installModule(
        named name: String, functions: [HostFunction], fields: [String: LuaValue] = [:], glue: String? = nil
    ) throws(LuaError) {
        lua_checkstack(L, 8)
        lua_createtable(L, 0, 16)
        let module = lua_gettop(L)
        lua_rawgeti(L, wl_registry_index, Int64(runtimeReference))
        lua_pushnil(L)
        while lua_next(L, -2) != 0 {
            lua_pushvalue(L, -2)
            lua_rotate(L, -2, 1)
            lua_rawset(L, module)
        }
        lua_settop(L, -2)
        for (key, value) in fields {
            LuaStack.push(.string(key), on: L)
            LuaStack.push(value, on: L)
            lua_rawset(L, module)
        }
        for function in functions { install(function, in: module, qualifier: name) }
        if let glue {
            pushReleasing(try compile(glue, chunkName: "\(name) module"))
            lua_pushvalue(L, module)
            guard wl_pcall(L, 1, 0) == LUA_OK else {
                let error = takeError(kind: .runtime)
                lua_settop(L, module - 1)
                throw error
            }
        }
        lua_rawgeti(L, wl_registry_index, Int64(modulesReference))
        lua_pushvalue(L, module)
        lua_setfield(L, -2, name)
        lua_settop(L, -2)
        wl_pushglobaltable(L)
        lua_pushvalue(L, module)
        lua_setfield(L, -2, name)
        lua_settop(L, module - 1)
    }

    /// Sets `function` at its dotted name inside the table at `table`, creating subtables.
    private func install(_ function: HostFunction, in table: Int32, qualifier: String) {
        let parts = function.name.split(separator: ".").map(String.init)
        lua_pushvalue(L, table)
        for part in parts.dropLast() {
            lua_getfield(L, -1, part)
            if lua_type(L, -1) != LUA_TTABLE {
                lua_settop(L, -2)
                lua_createtable(L, 0, 4)
                lua_pushvalue(L, -1)
                lua_setfield(L, -3, part)
            }
            lua_rotate(L, -2, 1)
            lua_settop(L, -2)
        }
        pushFunction(function, qualifiedName: "\(qualifier).\(function.name)")
        lua_setfield(L, -2, parts.last ?? function.name)
        lua_settop(L, -2)
    }

    /// Pushes a host function, keeping its box alive as long as the VM.
    func pushFunction(_ function: HostFunction, qualifiedName: String) {
        let box = HostFunctionBox(qualifiedName: qualifiedName, body: function.body, vm: self)
        boxes.append(box)
        wl_push_host_function(L, Unmanaged.passUnretained(box).toOpaque())
    }

    // MARK: Loading and running

    /// Compiles source text; `chunkName` is how errors name it (a path such as `examples/x.lua`).
    public func compile(_ source: String, chunkName: String) throws(LuaError) -> Chunk {
        var source = source
        let status = source.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { wl_load_text(L, $0.baseAddress, $0.count, "@" + chunkName) }
        }
        guard status == LUA_OK else { throw takeError(kind: status == LUA_ERRSYNTAX ? .syntax : .runtime) }
        return Chunk(reference: luaL_ref(L, wl_registry_index))
    }

    /// Reads and compiles a file; errors name it as `displayName` (default: the path). As in
    /// `lua5.4`, a byte-order mark and a first line starting with `#` (`#!`) are skipped.
    public func compileFile(atPath path: String, displayName: String? = nil) throws(LuaError) -> Chunk {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LuaError(kind: .io, message: "cannot read \(displayName ?? path): \(UnreadableFile.reason(path))")
        }
        return try compile(SourceFile.text(of: data), chunkName: displayName ?? path)
    }

    /// Runs a chunk as the main coroutine until it and everything it started finish.
    /// Returns the chunk's results; throws a `LuaError` for an uncaught error or a limit.
    @discardableResult
    public func run(_ chunk: Chunk) throws(LuaError) -> [LuaValue?] {
        let seconds = configuration.timeLimit.map { min(max(0, $0), Suspension.longestSleep) }
        if let seconds {
            wl_engine_set_time_limit(engine, seconds)
            scheduler.deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        }
        interrupter.runStarted(timeLimit: seconds)
        defer { interrupter.runEnded() }
        lua_rawgeti(L, wl_registry_index, Int64(chunk.reference))
        return try scheduler.runMain(limits: configuration)
    }

    /// Global-variable mistakes in a compiled chunk, found without running it; names the VM's
    /// global table holds now (libraries, installed modules) count as declared.
    public func lintGlobals(_ chunk: Chunk) -> [GlobalsLint.Finding] {
        var known: Set<String> = []
        wl_pushglobaltable(L)
        lua_pushnil(L)
        while lua_next(L, -2) != 0 {
            if case .string(let name)? = LuaStack.string(at: -2, in: L) { known.insert(name) }
            lua_settop(L, -2)
        }
        lua_rawgeti(L, wl_registry_index, Int64(chunk.reference))
        var size = 0
        let dumped = wl_dump(L, -1, &size)
        lua_settop(L, -3)
        guard let dumped else { return [] }
        defer { wl_free(dumped) }
        return GlobalsLint(known: known).findings(inBytecode: Array(UnsafeBufferPointer(start: dumped, count: size)))
    }

    /// Pushes a chunk's function on `state` (default: the main stack) and releases the chunk.
    func pushReleasing(_ chunk: Chunk, on state: OpaquePointer? = nil) {
        let state = state ?? L
        lua_rawgeti(state, wl_registry_index, Int64(chunk.reference))
        luaL_unref(state, wl_registry_index, chunk.reference)
    }

    /// Compiles and runs `source` (handy for tests and one-liners).
    @discardableResult
    public func evaluate(_ source: String, chunkName: String = "eval") throws(LuaError) -> [LuaValue?] {
        try run(compile(source, chunkName: chunkName))
    }

    /// Pops the error value on top of the main stack into a `LuaError`.
    private func takeError(kind: LuaError.Kind) -> LuaError {
        var length = 0
        let chars = wl_tostring(L, -1, &length)
        let message = LuaStack.text(chars, count: length)
        lua_settop(L, -3)
        return LuaError(kind: kind, message: message)
    }

    // MARK: Runtime library

    private func openRuntime() throws(LuaError) {
        lua_createtable(L, 0, 4)
        modulesReference = luaL_ref(L, wl_registry_index)
        pushReleasing(try compile(RuntimePrelude.source, chunkName: "wholesale runtime"))
        for primitive in RuntimePrimitives.all(scheduler: scheduler, configuration: configuration) {
            pushFunction(primitive, qualifiedName: "\(configuration.libraryName).\(primitive.name)")
        }
        lua_rawgeti(L, wl_registry_index, Int64(modulesReference))
        lua_pushinteger(L, Int64(configuration.defaultConcurrency))
        wl_push_null(L)
        LuaStack.push(.string(configuration.libraryName), on: L)
        guard wl_pcall(L, 10, 1) == LUA_OK else { throw takeError(kind: .runtime) }
        runtimeReference = luaL_ref(L, wl_registry_index)
    }
}
