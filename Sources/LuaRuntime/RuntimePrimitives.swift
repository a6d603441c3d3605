internal import CLua
internal import CLuaShims
import Foundation

/// The host functions the runtime prelude is built on: tasks, sleeping, module loading,
/// error values and table marks. Scripts reach them only through the prelude's functions.
enum RuntimePrimitives {
    static func all(scheduler: LuaScheduler, configuration: LuaVM.Configuration) -> [HostFunction] {
        [spawn(scheduler), join, sleep, loadModule(configuration.moduleDirectory), asError, mark]
    }

    /// spawn(fn) -> task id
    static func spawn(_ scheduler: LuaScheduler) -> HostFunction {
        .raw("spawn") { arguments, _ in
            let L = arguments.L
            guard lua_type(L, 1) == LUA_TFUNCTION else { throw HostError.badArgument(1, to: "spawn", "function expected") }
            lua_pushvalue(L, 1)
            lua_pushinteger(L, Int64(scheduler.spawn(from: L)))
            return 1
        }
    }

    /// join({task ids}) waits until they all finished.
    static var join: HostFunction {
        HostFunction.async("join") { arguments in
            let ids = try arguments.array(1, name: "tasks").compactMap { $0.integerValue.map(Int.init) }
            return .join(ids)
        }
    }

    /// sleep(seconds)
    static var sleep: HostFunction {
        HostFunction.async("sleep") { arguments in
            let seconds = try arguments.number(1)
            guard seconds.isFinite, seconds >= 0 else {
                throw HostError.badArgument(1, to: "sleep", "seconds must be a number of at least 0")
            }
            return .sleep(seconds: seconds)
        }
    }

    /// as_error(message) -> an error table {kind = "lua", message = message}
    static var asError: HostFunction {
        HostFunction.raw("as_error") { arguments, _ in
            LuaErrorValue.push(HostError(kind: .lua, message: try arguments.string(1)), on: arguments.L)
            return 1
        }
    }

    /// mark(t, "array"|"object") -> t
    static var mark: HostFunction {
        HostFunction.raw("mark") { arguments, _ in
            let kind = try arguments.string(2) == "array" ? WL_TABLE_ARRAY : WL_TABLE_OBJECT
            guard wl_can_mark_table(arguments.L, 1) != 0 else {
                throw HostError.usage("wholesale.\(kind == WL_TABLE_ARRAY ? "array" : "object"): the table already has a metatable")
            }
            wl_mark_table(arguments.L, 1, Int32(kind))
            lua_settop(arguments.L, 1)
            return 1
        }
    }

    /// load_module(name) -> the compiled chunk of `name.lua` in the module folder.
    static func loadModule(_ directory: String?) -> HostFunction {
        .raw("require") { arguments, vm in
            let name = try arguments.string(1)
            let path = try ModulePath.resolve(name, in: directory)
            let chunk: LuaVM.Chunk
            do {
                chunk = try vm.compileFile(atPath: path.absolute, displayName: path.display)
            } catch let error as LuaError {
                throw HostError.usage("require: \(error.message)")
            }
            vm.pushReleasing(chunk, on: arguments.L)
            return 1
        }
    }
}

/// Where `require(name)` may load from: `name.lua` (dots are subfolders) inside one folder.
enum ModulePath {
    static func resolve(_ name: String, in directory: String?) throws(HostError) -> (absolute: String, display: String) {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        let allowed = parts.allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { c in
                (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 95 || c == 45
            }
        }
        guard allowed else {
            throw HostError.usage(
                "require: module name '\(name)' is not allowed; use letters, digits, '_' and '-', with dots for subfolders")
        }
        guard let directory else {
            throw HostError.usage("require: module '\(name)' not found (this run has no module folder)")
        }
        let relative = parts.joined(separator: "/") + ".lua"
        let display = directory == "." ? relative : (directory.hasSuffix("/") ? directory + relative : directory + "/" + relative)
        let root = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath().path
        let file = URL(fileURLWithPath: display).standardizedFileURL.resolvingSymlinksInPath().path
        guard file.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw HostError.usage("require: module '\(name)' resolves outside the playbook's folder (\(directory))")
        }
        guard FileManager.default.fileExists(atPath: file) else {
            throw HostError.usage("require: module '\(name)' not found: no file \(display) (modules load from the playbook's folder only)")
        }
        return (file, display)
    }
}
