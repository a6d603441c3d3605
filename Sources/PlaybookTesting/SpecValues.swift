import JSONValues
import LuaRuntime

extension LuaValue {
    /// The items of an array (an empty table counts as one).
    var items: [LuaValue]? {
        switch self {
        case .array(let items): return items
        case .object(let object) where object.isEmpty: return []
        default: return nil
        }
    }

    /// The value as a number, integer or float.
    var number: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }
}
