/// Finds global-variable mistakes in compiled Lua without running it, by reading the chunk's
/// bytecode (Lua 5.4's dump format): assignments to undeclared globals inside functions (which
/// the strict global table refuses at run time) and reads of globals declared nowhere (typos).
public struct GlobalsLint {
    /// One finding, at a line of the chunk.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        /// What was found.
        public enum Kind: Sendable, Equatable {
            /// A function assigns a global the file never declares at its top level: a run error.
            case undeclaredAssignment
            /// A global is read that nothing declares: probably a typo.
            case unknownRead
        }

        /// What was found.
        public let kind: Kind
        /// The global's name.
        public let name: String
        /// The source line.
        public let line: Int

        /// The finding in words, without the line.
        public var message: String {
            switch kind {
            case .undeclaredAssignment:
                return "assignment to undeclared global '\(name)' inside a function "
                    + "(declare it with 'local', or assign it once at the top level of the file)"
            case .unknownRead:
                if let use = Self.removed[name] {
                    return "'\(name)' is removed by the sandbox (\(use))"
                }
                return "'\(name)' is not a known global (a typo, or a missing 'local'?)"
            }
        }

        /// Standard globals the sandbox removes, with what to use instead.
        static let removed: [String: String] = [
            "io": "read and write files with wholesale.csv and wholesale.json",
            "debug": "no debugging in playbooks; log with wholesale.log",
            "dofile": "load code with require from the playbook's folder",
            "loadfile": "load code with require from the playbook's folder",
            "package": "load code with require from the playbook's folder",
            "collectgarbage": "memory is limited by --max-memory",
        ]

        /// `line N: message`.
        public var description: String { "line \(line): \(message)" }
    }

    /// Globals the runtime defines (base library, `wholesale`, ...).
    let known: Set<String>

    /// Lints a chunk's bytecode. Findings come in line order, one per name and line.
    func findings(inBytecode bytes: [UInt8]) -> [Finding] {
        var reader = BytecodeReader(bytes: bytes)
        guard let main = try? reader.chunk() else { return [] }
        var declared = known
        for access in main.globalAccesses where access.isWrite { declared.insert(access.name) }
        var seen: Set<String> = []
        var out: [Finding] = []
        for function in main.allFunctions {
            for access in function.globalAccesses {
                let kind: Finding.Kind
                if access.isWrite {
                    guard !function.isMain, !declared.contains(access.name) else { continue }
                    kind = .undeclaredAssignment
                } else {
                    guard !declared.contains(access.name) else { continue }
                    kind = .unknownRead
                }
                if seen.insert("\(kind)|\(access.name)|\(access.line)").inserted {
                    out.append(Finding(kind: kind, name: access.name, line: access.line))
                }
            }
        }
        return out.sorted { ($0.line, $0.name) < ($1.line, $1.name) }
    }
}

/// One function of a dumped chunk, reduced to what the lint needs.
struct DumpedFunction {
    struct GlobalAccess {
        let name: String
        let line: Int
        let isWrite: Bool
    }

    var isMain = false
    var globalAccesses: [GlobalAccess] = []
    var children: [DumpedFunction] = []

    var allFunctions: [DumpedFunction] { [self] + children.flatMap(\.allFunctions) }
}

/// Reads Lua 5.4's binary chunk format (ldump.c) far enough to find `_ENV` accesses.
struct BytecodeReader {
    struct Malformed: Error {}

    let bytes: [UInt8]
    var offset = 0

    mutating func byte() throws(Malformed) -> UInt8 {
        guard offset < bytes.count else { throw Malformed() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func skip(_ n: Int) throws(Malformed) {
        guard n >= 0, offset + n <= bytes.count else { throw Malformed() }
        offset += n
    }

    /// dumpSize: 7 bits a byte, most significant first, the last byte marked with 0x80.
    mutating func size() throws(Malformed) -> Int {
        var x = 0
        while true {
            let b = try byte()
            guard x < Int.max >> 7 else { throw Malformed() }
            x = x << 7 | Int(b & 0x7F)
            if b & 0x80 != 0 { return x }
        }
    }

    mutating func string() throws(Malformed) -> String? {
        let n = try size()
        if n == 0 { return nil }
        guard offset + n - 1 <= bytes.count else { throw Malformed() }
        defer { offset += n - 1 }
        return String(decoding: bytes[offset..<offset + n - 1], as: UTF8.self)
    }

    mutating func chunk() throws(Malformed) -> DumpedFunction {
        // "\eLua", version 0x54, format, LUAC_DATA (6), three sizes, LUAC_INT (8), LUAC_NUM (8)
        guard bytes.starts(with: [0x1B, 0x4C, 0x75, 0x61, 0x54]) else { throw Malformed() }
        try skip(4 + 1 + 1 + 6 + 3 + 8 + 8)
        _ = try byte()  // number of upvalues of the main closure
        var main = try function()
        main.isMain = true
        return main
    }

    mutating func function() throws(Malformed) -> DumpedFunction {
        _ = try string()  // source
        let lineDefined = try size()
        _ = try size()  // last line defined
        try skip(3)  // numparams, is_vararg, maxstacksize
        let codeCount = try size()
        var code: [UInt32] = []
        code.reserveCapacity(codeCount)
        for _ in 0..<codeCount {
            var word: UInt32 = 0
            for shift in stride(from: 0, to: 32, by: 8) { word |= UInt32(try byte()) << UInt32(shift) }
            code.append(word)
        }
        var constants: [String?] = []
        for _ in 0..<(try size()) {
            switch try byte() {
            case 3, 19: try skip(8); constants.append(nil)  // integer, float
            case 4, 20: constants.append(try string())  // short, long string
            default: constants.append(nil)  // nil, false, true
            }
        }
        let upvalueCount = try size()
        try skip(upvalueCount * 3)
        var children: [DumpedFunction] = []
        for _ in 0..<(try size()) { children.append(try function()) }
        // debug information
        let lineInfoCount = try size()
        var lineInfo: [Int8] = []
        for _ in 0..<lineInfoCount { lineInfo.append(Int8(bitPattern: try byte())) }
        var absolute: [Int: Int] = [:]
        for _ in 0..<(try size()) {
            let pc = try size()
            absolute[pc] = try size()
        }
        for _ in 0..<(try size()) {
            _ = try string()
            _ = try size()
            _ = try size()
        }
        var upvalueNames: [String?] = []
        for _ in 0..<(try size()) { upvalueNames.append(try string()) }

        var function = DumpedFunction(children: children)
        var line = lineDefined
        for (pc, instruction) in code.enumerated() {
            if pc < lineInfo.count {
                if lineInfo[pc] == -128 { line = absolute[pc] ?? line } else { line += Int(lineInfo[pc]) }
            }
            let opcode = instruction & 0x7F
            let a = Int((instruction >> 7) & 0xFF), b = Int((instruction >> 16) & 0xFF), c = Int((instruction >> 24) & 0xFF)
            // OP_GETTABUP (11): R[A] := UpValue[B][K[C]]; OP_SETTABUP (15): UpValue[A][K[B]] := RK(C)
            let (upvalue, key, isWrite): (Int, Int, Bool)
            switch opcode {
            case 11: (upvalue, key, isWrite) = (b, c, false)
            case 15: (upvalue, key, isWrite) = (a, b, true)
            default: continue
            }
            guard upvalue < upvalueNames.count, upvalueNames[upvalue] == "_ENV",
                key < constants.count, let name = constants[key]
            else { continue }
            function.globalAccesses.append(.init(name: name, line: line, isWrite: isWrite))
        }
        return function
    }
}
