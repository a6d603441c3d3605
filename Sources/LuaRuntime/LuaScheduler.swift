internal import CLua
internal import CLuaShims
import DequeModule
import Dispatch
import HeapModule

/// Runs a script's coroutines on the VM's thread: the main chunk and every task `parallel`
/// starts. A coroutine that calls an asynchronous host function yields to this loop; the loop
/// resumes it with the result when the Swift task, timer or join behind it ends. When every
/// coroutine waits, the loop sleeps until the next completion, timer or the deadline.
final class LuaScheduler {
    /// How a waiting coroutine is resumed.
    enum Resumption {
        /// With no values: a new task, or one that yielded on its own.
        case plain
        case success(LuaResults)
        case failure(any Error)
    }

    private struct Timer: Comparable {
        let due: UInt64
        let operation: Int64
        static func < (a: Timer, b: Timer) -> Bool { (a.due, a.operation) < (b.due, b.operation) }
    }

    private let L: OpaquePointer
    private let engine: OpaquePointer
    /// Uptime (ns) at which the run must stop; `nil` for no limit.
    var deadline: UInt64?

    private var threads: [Int: (thread: OpaquePointer, reference: Int32)] = [:]
    private var finished: Set<Int> = []
    private var nextTask = 1
    private var nextOperation: Int64 = 1
    private var ready: Deque<(task: Int, resumption: Resumption)> = []
    private var waiting: [Int64: Int] = [:]
    private var early: [Int64: Resumption] = [:]
    private var timers = Heap<Timer>()
    private var joins: [Int64: Set<Int>] = [:]
    private var work: [Int64: Task<Void, Never>] = [:]
    let completions = CompletionQueue()

    init(L: OpaquePointer, engine: OpaquePointer) {
        self.L = L
        self.engine = engine
    }

    // MARK: Tasks

    /// Makes a task of the function on top of `from`'s stack (popping it) and queues it.
    func spawn(from state: OpaquePointer) -> Int {
        let thread = lua_newthread(state)!
        lua_rotate(state, -2, 1)
        lua_xmove(state, thread, 1)
        let reference = luaL_ref(state, wl_registry_index)
        wl_mark_task(thread)
        let task = nextTask
        nextTask += 1
        threads[task] = (thread, reference)
        ready.append((task, .plain))
        return task
    }

    /// Starts what an asynchronous host function waits for; returns the operation's id.
    func begin(_ suspension: Suspension) -> Int64 {
        let operation = nextOperation
        nextOperation += 1
        switch suspension.kind {
        case .work(let body):
            let completions = self.completions
            work[operation] = Task {
                do {
                    completions.post(operation, .success(try await body()))
                } catch {
                    completions.post(operation, .failure(error))
                }
            }
        case .sleep(let nanoseconds):
            timers.insert(Timer(due: DispatchTime.now().uptimeNanoseconds &+ nanoseconds, operation: operation))
        case .join(let tasks):
            let open = Set(tasks).subtracting(finished).intersection(threads.keys)
            if open.isEmpty { early[operation] = .success(.none) } else { joins[operation] = open }
        }
        return operation
    }

    private func complete(_ operation: Int64, _ resumption: Resumption) {
        work[operation] = nil
        if let task = waiting.removeValue(forKey: operation) {
            ready.append((task, resumption))
        }
    }

    private func taskFinished(_ task: Int) {
        if let entry = threads.removeValue(forKey: task) {
            luaL_unref(L, wl_registry_index, entry.reference)
        }
        finished.insert(task)
        for (operation, var open) in joins where open.contains(task) {
            open.remove(task)
            if open.isEmpty {
                joins[operation] = nil
                complete(operation, .success(.none))
            } else {
                joins[operation] = open
            }
        }
    }

    /// Cancels the Swift work still running (the run is over).
    func cancelAll() {
        for task in work.values { task.cancel() }
        work.removeAll()
    }

    // MARK: The loop

    /// Runs the function on top of the main stack as the main task until it finishes.
    func runMain(limits: LuaVM.Configuration) throws(LuaError) -> [LuaValue?] {
        let main = spawn(from: L)
        defer { cancelAll() }
        while true {
            // One round resumes what was ready when it began, so a coroutine that keeps
            // yielding cannot starve timers and completions.
            for _ in 0..<ready.count {
                guard let (task, resumption) = ready.popFirst() else { break }
                if let results = try step(task, resumption, isMain: task == main, limits: limits) {
                    return results
                }
            }
            try checkKilled(limits)
            try collectEvents(waiting: ready.isEmpty, limits)
        }
    }

    /// Moves fired timers and finished work to the ready queue; when `waiting`, first sleeps
    /// until there is some (or the deadline).
    private func collectEvents(waiting: Bool, _ limits: LuaVM.Configuration) throws(LuaError) {
        let now = DispatchTime.now().uptimeNanoseconds
        if let deadline, now >= deadline {
            wl_engine_kill(engine, Int32(WL_KILL_TIME))
            try checkKilled(limits)
        }
        if !early.isEmpty {
            for (operation, resumption) in early { complete(operation, resumption) }
            early.removeAll()
            return
        }
        var fired = false
        while let timer = timers.min, timer.due <= now {
            timers.removeMin()
            complete(timer.operation, .success(.none))
            fired = true
        }
        let mustWait = waiting && !fired
        guard !mustWait || !work.isEmpty || !timers.isEmpty else {
            throw LuaError(kind: .runtime, message: "every coroutine is waiting and nothing can wake them (internal error)")
        }
        let wake = mustWait ? [timers.min?.due, deadline].compactMap { $0 }.min() : now
        for (operation, outcome) in completions.take(waitingUntil: wake) {
            switch outcome {
            case .success(let results): complete(operation, .success(results))
            case .failure(let error): complete(operation, .failure(error))
            }
        }
    }

    /// Resumes one task; returns the main task's results when it finished.
    private func step(_ task: Int, _ resumption: Resumption, isMain: Bool, limits: LuaVM.Configuration) throws(LuaError) -> [LuaValue?]? {
        guard let co = threads[task]?.thread else { return nil }
        var arguments: Int32 = 0
        switch resumption {
        case .plain:
            arguments = 0
        case .success(let results):
            lua_pushboolean(co, 1)
            do {
                arguments = 1 + (try results.push(on: co))
            } catch {
                lua_settop(co, -2)
                lua_pushboolean(co, 0)
                LuaErrorValue.push(error, on: co)
                arguments = 2
            }
        case .failure(let error):
            lua_pushboolean(co, 0)
            LuaErrorValue.push(error, on: co)
            arguments = 2
        }
        var count: Int32 = 0
        let status = wl_resume(co, arguments, &count)
        switch status {
        case LUA_OK:
            var results: [LuaValue?] = []
            if isMain {
                for index in stride(from: -count, to: 0, by: 1) {
                    results.append(try? LuaStack.read(at: index, in: co, path: "result"))
                }
            }
            lua_settop(co, 0)
            taskFinished(task)
            return isMain ? results : nil
        case LUA_YIELD:
            if count == 2 && wl_is_host_token(co, -2) != 0 {
                waiting[lua_tointegerx(co, -1, nil)] = task
            } else {
                ready.append((task, .plain))
            }
            lua_settop(co, -count - 1)
            return nil
        default:
            try checkKilled(limits)
            let error = failure(of: co)
            // The error value's __tostring runs Lua code too: a limit may trip inside it.
            try checkKilled(limits)
            throw error
        }
    }

    private func checkKilled(_ limits: LuaVM.Configuration) throws(LuaError) {
        if let error = LuaError.stopped(engine, limits: limits) { throw error }
    }

    /// The uncaught error of a dead coroutine, with its location and traceback.
    private func failure(of co: OpaquePointer) -> LuaError {
        var length = 0
        var message: String
        var value: LuaValue?
        lua_xmove(co, L, 1)
        if let line = wl_error_line(L, -1, &length) {
            message = LuaStack.text(line, count: length)
            lua_settop(L, -2)
            value = try? LuaStack.read(at: -1, in: L, path: "error")
        } else {
            let chars = wl_tostring(L, -1, &length)
            message = LuaStack.text(chars, count: length)
            lua_settop(L, -2)
        }
        lua_settop(L, -2)
        luaL_traceback(L, co, nil, 0)
        // A module's glue is the host's, not the script's: its frames are left out.
        let traceback = LuaStack.string(at: -1, in: L)?.stringValue.map { text in
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { line in !(line.hasPrefix("\t") && line.contains(" module:")) }
                .joined(separator: "\n")
        }
        lua_settop(L, -2)
        if message.isEmpty { message = "error" }
        return LuaError(kind: .runtime, message: message, location: Self.location(of: co), traceback: traceback, value: value)
    }

    /// `file:line` of the innermost Lua function on a dead coroutine's stack that is the
    /// script's own: a module's glue (`wholesale module`, a list's iterator) is passed over, so
    /// an error raised there names the playbook's line that called it.
    private static func location(of co: OpaquePointer) -> String? {
        var record = lua_Debug()
        var level: Int32 = 0
        var glue: String?
        while lua_getstack(co, level, &record) != 0 {
            lua_getinfo(co, "Sl", &record)
            if record.currentline > 0 {
                let source = withUnsafeBytes(of: record.short_src) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                guard source.hasSuffix(" module") else { return "\(source):\(record.currentline)" }
                glue = glue ?? "\(source):\(record.currentline)"
            }
            level += 1
        }
        return glue
    }
}
