import Foundation
import WholesaleAPI

/// A PostgreSQL journal's address, `postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=...]`,
/// read as libpq reads it: the password from the URL, else `PGPASSWORD`, else the password
/// file; `sslmode` `disable`, `prefer` (the default), `require` (encrypted, the certificate not
/// checked), `verify-ca` or `verify-full` (checked against the system's roots); `host=/folder`
/// in the query for a Unix socket. The password is registered as a secret, so no output shows it.
package struct PostgresJournalURL: Sendable, CustomStringConvertible {
    /// How the connection is encrypted (`sslmode`).
    package enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    package let user: String
    package let password: String?
    /// The host name, or the folder of the Unix socket.
    package let host: String
    package let port: Int
    package let database: String
    package let tls: TLSMode

    /// Whether the server is reached through a Unix socket (`host` is its folder).
    package var isSocket: Bool { host.hasPrefix("/") }

    /// The URL without the password: what messages show.
    package var description: String {
        "postgres://\(user)@\(isSocket ? "" : host + ":\(port)")/\(database)\(isSocket ? "?host=\(host)" : "")"
    }

    /// Whether `text` is a PostgreSQL URL rather than a file name.
    package static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads `text`; `environment` supplies `PGPASSWORD`, `PGPASSFILE` and `HOME`.
    package init(_ text: String, environment: [String: String]) throws(JournalError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw JournalError("the journal URL \(Self.withoutPassword(text)) cannot be read: write postgres://USER@HOST:PORT/DATABASE")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let socket = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        guard let host = socket ?? components.host.flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw JournalError("the journal URL \(Self.withoutPassword(text)) names no host: write postgres://USER@HOST:PORT/DATABASE")
        }
        guard let user = components.user.flatMap({ $0.isEmpty ? nil : $0 }) ?? environment["PGUSER"] ?? environment["USER"] else {
            throw JournalError("the journal URL \(Self.withoutPassword(text)) names no user: write postgres://USER@HOST:PORT/DATABASE")
        }
        let mode = query["sslmode"] ?? "prefer"
        guard let tls = TLSMode(rawValue: mode) else {
            throw JournalError(
                "the journal URL's sslmode \(mode) is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", ")) (\(Self.withoutPassword(text)))")
        }
        let unknown = query.keys.filter { !["sslmode", "host"].contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw JournalError("the journal URL's \(unknown.joined(separator: ", ")) is not understood: only sslmode and host=/socket-folder are (\(Self.withoutPassword(text)))")
        }
        self.user = user
        self.host = host
        let port = components.port ?? 5432
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
        (self.port, self.database, self.tls) = (port, database, tls)
        let password = components.password.flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.passwordFile(environment).flatMap { PasswordFile(path: $0).password(host: host, port: port, database: database, user: user) }
        self.password = password
        if let password { Secrets.register(password) }
    }

    /// The password file libpq reads: `PGPASSFILE`, else `~/.pgpass`.
    private static func passwordFile(_ environment: [String: String]) -> String? {
        if let file = environment["PGPASSFILE"], !file.isEmpty { return file }
        return environment["HOME"].map { $0 + "/.pgpass" }
    }

    /// `text` with any password in it replaced by `***`, for messages about a URL that cannot be read.
    static func withoutPassword(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"), scheme.upperBound < at else { return text }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}

/// A libpq password file: lines of `host:port:database:user:password`, where `*` matches
/// anything and `\:` or `\\` escape; the first line that matches gives the password.
struct PasswordFile {
    let path: String

    func password(host: String, port: Int, database: String, user: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let wanted = [host, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.fields(String(line))
            guard fields.count == 5 else { continue }
            let matches = zip(fields.prefix(4), wanted).allSatisfy { field, value in
                field == "*" || field == value || (field == "localhost" && value.hasPrefix("/"))
            }
            if matches { return fields[4] }
        }
        return nil
    }

    /// The fields of a line, split at unescaped colons.
    static func fields(_ line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":", fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
