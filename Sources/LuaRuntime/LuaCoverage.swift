internal import CLuaShims

/// Lines run and lines that hold code, for `wholesale test --coverage`. Only a VM told to
/// count (`countLines`) has the line hook; a run has none.
public enum LuaCoverage {
    /// The lines of the chunk `text` that hold code, as Lua's line hook sees them (from the
    /// line info of every function in its binary dump); nil when it does not compile.
    public static func codeLines(of text: String, name: String) -> Set<Int>? {
        let bytes = Array(text.utf8)
        let lineCount = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        var marks = [UInt8](repeating: 0, count: lineCount + 2)
        let status = bytes.withUnsafeBufferPointer { text in
            text.withMemoryRebound(to: CChar.self) { chars in
                marks.withUnsafeMutableBufferPointer { lines in
                    wl_chunk_code_lines(chars.baseAddress, chars.count, name, lines.baseAddress, Int32(lines.count))
                }
            }
        }
        guard status == 0 else { return nil }
        return Set(marks.indices.filter { marks[$0] != 0 })
    }
}

extension LuaVM {
    /// Counts from now on how often each line runs, in every coroutine (test mode only).
    public func countLines() {
        wl_engine_coverage_start(engine)
    }

    /// How often each line ran, by source as Lua names it (`@path` for a file).
    public var lineCounts: [String: [Int: Int]] {
        var result: [String: [Int: Int]] = [:]
        for i in 0..<wl_engine_coverage_files(engine) {
            let source = String(cString: wl_engine_coverage_source(engine, i))
            let size = Int(wl_engine_coverage_size(engine, i))
            guard let counts = wl_engine_coverage_counts(engine, i) else { continue }
            var lines: [Int: Int] = [:]
            for line in 0..<size where counts[line] > 0 { lines[line] = Int(counts[line]) }
            result[source] = lines
        }
        return result
    }
}
