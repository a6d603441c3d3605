/// Builds the path that names a part of a value in messages: `a.b` for identifier keys,
/// `a["x y"]` for other keys, `a[3]` for array elements (counted from 1, as in Lua).
public enum JSONPath {
    /// The path of member `key` of the value at `base`; an empty base gives the key alone.
    public static func member(_ base: String, _ key: String) -> String {
        let isIdentifier = !key.isEmpty && key.utf8.allSatisfy { c in
            (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 95
        } && !(key.utf8.first! >= 48 && key.utf8.first! <= 57)
        if base.isEmpty { return isIdentifier ? key : "[\"\(key)\"]" }
        return isIdentifier ? "\(base).\(key)" : "\(base)[\"\(key)\"]"
    }

    /// The path of element `index` (1-based) of the array at `base`.
    public static func index(_ base: String, _ index: Int64) -> String { "\(base)[\(index)]" }
}
