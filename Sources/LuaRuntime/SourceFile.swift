import Foundation

/// The Lua source of a file as `lua5.4` reads it (`luaL_loadfilex`): a UTF-8 byte-order mark
/// is skipped, and a first line starting with `#` (a `#!` line) is read as an empty line, so
/// line 2 stays line 2 in errors and tracebacks.
enum SourceFile {
    static func text(of data: Data) -> String {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.first == UInt8(ascii: "#") { bytes = bytes[(bytes.firstIndex(of: 0x0A) ?? bytes.endIndex)...] }
        return String(decoding: bytes, as: UTF8.self)
    }
}
