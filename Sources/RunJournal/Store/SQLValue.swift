/// A value bound into, or read out of, a journal query, the same for both stores. A null keeps
/// its type (`.text(nil)`), so PostgreSQL can tell what a parameter is even when it is null.
package enum SQLValue: Sendable, Hashable {
    /// Text, or a null of type text.
    case text(String?)
    /// A 64-bit integer, or a null of type integer.
    case integer(Int64?)
    /// A double, or a null of type double.
    case real(Double?)

    /// Text, or null.
    package init(_ text: String?) { self = .text(text) }
    /// An integer, or null.
    package init(_ integer: Int?) { self = .integer(integer.map(Int64.init)) }
    /// A double, or null.
    package init(_ real: Double?) { self = .real(real) }
    /// A flag, kept as 0 or 1 (the journal's columns for flags are integers in both stores).
    package init(_ flag: Bool) { self = .integer(flag ? 1 : 0) }
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    package init(stringLiteral value: String) { self = .text(value) }
    package init(integerLiteral value: Int64) { self = .integer(value) }
}

/// One SQL statement of the journal with its values, written once for both stores: `?` marks
/// each value (PostgreSQL's store numbers them), and `IS NOT DISTINCT FROM` compares values
/// that may be null.
package struct JournalStatement: Sendable {
    /// The SQL text, with a `?` for each value.
    package let sql: String
    /// The values, in order.
    package let values: [SQLValue]

    /// The statement `sql` with `values`.
    package init(_ sql: String, _ values: [SQLValue] = []) {
        self.sql = sql
        self.values = values
    }

    /// Whether the statement gives rows back (a `SELECT`, or a change with `RETURNING`).
    package var returnsRows: Bool {
        let text = sql.drop(while: \.isWhitespace).prefix(6).uppercased()
        return text == "SELECT" || text.hasPrefix("WITH") || sql.range(of: " RETURNING ", options: .caseInsensitive) != nil
    }
}

/// One row a journal query gave back, by column name.
package struct JournalRow: Sendable {
    /// The row's values by column name (a null read back is `.text(nil)` from SQLite).
    package let values: [String: SQLValue]

    /// A row of `values`.
    package init(_ values: [String: SQLValue]) {
        self.values = values
    }

    /// The text in `column`, or nil when it is null or absent.
    package func text(_ column: String) -> String? {
        switch values[column] {
        case .text(let text)?: return text
        case .integer(let integer?)?: return String(integer)
        case .real(let real?)?: return String(real)
        default: return nil
        }
    }

    /// The integer in `column`, or nil when it is null or absent.
    package func int(_ column: String) -> Int? {
        switch values[column] {
        case .integer(let integer?)?: return Int(integer)
        case .real(let real?)?: return Int(real)
        case .text(let text?)?: return Int(text)
        default: return nil
        }
    }

    /// The text of a column that is never null, or an error naming it.
    package func required(_ column: String) throws(JournalError) -> String {
        guard let text = text(column) else {
            throw JournalError("the journal has no value in the column \(column) where one is required: it may have been edited by hand")
        }
        return text
    }
}
