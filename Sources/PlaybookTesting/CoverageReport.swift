import Foundation
import LuaRuntime

/// What `--coverage` reports: for each playbook file the specs ran, the lines holding code, how
/// often each ran, and the stretches that never ran; as a text summary naming those stretches
/// (with the comment that introduces them) and as LCOV for editors and CI.
package struct CoverageReport: Sendable {
    /// One file.
    package struct File: Sendable {
        /// Its path, relative to the current folder when under it.
        package let path: String
        /// The absolute path LCOV names.
        package let absolutePath: String
        /// How often each line holding code ran (0: never).
        package let lines: [(line: Int, count: Int)]
        /// Stretches of code lines that never ran, with what introduces them.
        package let missed: [(first: Int, last: Int, label: String?)]

        /// Lines holding code, and those that ran.
        package var found: Int { lines.count }
        package var hit: Int { lines.filter { $0.count > 0 }.count }
    }

    /// The files, by path.
    package let files: [File]

    /// The report of what `collector` counted.
    package init(_ collector: CoverageCollector) {
        let here = FileManager.default.currentDirectoryPath
        var files: [File] = []
        for (source, counts) in collector.all where source.hasPrefix("@") {
            let absolute = String(source.dropFirst())
            guard let data = FileManager.default.contents(atPath: absolute) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            guard let code = LuaCoverage.codeLines(of: text, name: source) else { continue }
            let sourceLines = text.components(separatedBy: "\n")
            let lines = code.union(counts.keys).sorted().map { ($0, counts[$0] ?? 0) }
            var missed: [(Int, Int, String?)] = []
            var stretch: (Int, Int)?
            for (line, count) in lines {
                if count == 0 {
                    if let open = stretch, Self.onlyBlankOrComments(sourceLines, after: open.1, before: line) {
                        stretch = (open.0, line)
                    } else {
                        if let open = stretch { missed.append((open.0, open.1, Self.label(sourceLines, open.0))) }
                        stretch = (line, line)
                    }
                } else if let open = stretch {
                    missed.append((open.0, open.1, Self.label(sourceLines, open.0)))
                    stretch = nil
                }
            }
            if let open = stretch { missed.append((open.0, open.1, Self.label(sourceLines, open.0))) }
            let shown = absolute.hasPrefix(here + "/") ? String(absolute.dropFirst(here.count + 1)) : absolute
            files.append(File(path: shown, absolutePath: absolute, lines: lines, missed: missed))
        }
        self.files = files.sorted { $0.path < $1.path }
    }

    /// Whether the lines strictly between `after` and `before` (1-based) are blank or comments.
    private static func onlyBlankOrComments(_ lines: [String], after: Int, before: Int) -> Bool {
        guard before > after + 1 else { return true }
        for line in (after + 1)..<before {
            let text = line - 1 < lines.count ? lines[line - 1].trimmingCharacters(in: .whitespaces) : ""
            if !(text.isEmpty || text.hasPrefix("--") || text == "end" || text == "else") { return false }
        }
        return true
    }

    /// The comment that introduces a stretch starting at `line`: on the line before it, or at
    /// the end of the line itself.
    private static func label(_ lines: [String], _ line: Int) -> String? {
        func comment(_ text: String) -> String? {
            guard let range = text.range(of: "--") else { return nil }
            let words = text[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " -[]"))
            return words.isEmpty ? nil : words
        }
        if line >= 2, line - 2 < lines.count {
            let before = lines[line - 2].trimmingCharacters(in: .whitespaces)
            if before.hasPrefix("--"), let words = comment(before) { return words }
        }
        return line - 1 < lines.count ? comment(lines[line - 1]) : nil
    }

    /// The text summary: a line per file, then each stretch that never ran.
    package var text: String {
        let found = files.reduce(0) { $0 + $1.found }, hit = files.reduce(0) { $0 + $1.hit }
        var out = ["coverage: \(Self.percent(hit, found)) of the lines of \(files.count) playbook file\(files.count == 1 ? "" : "s") ran (\(hit) of \(found))"]
        for file in files {
            out.append("  \(file.path): \(Self.percent(file.hit, file.found)) (\(file.hit) of \(file.found))")
            for stretch in file.missed {
                let span = stretch.first == stretch.last ? "\(stretch.first)" : "\(stretch.first)-\(stretch.last)"
                out.append("    \(file.path):\(span) never ran" + (stretch.label.map { ": \($0)" } ?? ""))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// LCOV tracefile text: a record per file with a `DA` line per code line.
    package var lcov: String {
        var out: [String] = []
        for file in files {
            out.append("TN:")
            out.append("SF:\(file.absolutePath)")
            for (line, count) in file.lines { out.append("DA:\(line),\(count)") }
            out.append("LF:\(file.found)")
            out.append("LH:\(file.hit)")
            out.append("end_of_record")
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "100%" : "\(part * 100 / whole)%"
    }
}
