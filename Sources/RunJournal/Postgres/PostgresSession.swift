import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization
import WholesaleAPI

/// How the journal talks to PostgreSQL: connections made from a `PostgresJournalURL`, its
/// statements run on them, and the errors they give said in words, without the password.
enum PostgresSession {
    /// A logger that logs nothing: the journal's failures are reported as `JournalError`s.
    static let quiet = Logger(label: "wholesale.journal.postgres") { _ in SwiftLogNoOpLogHandler() }

    /// A new connection to `url`, named `application` in `pg_stat_activity`.
    static func connect(_ url: PostgresJournalURL, application: String) async throws -> PostgresConnection {
        var configuration: PostgresConnection.Configuration
        if url.isSocket {
            configuration = .init(
                unixSocketPath: url.host + "/.s.PGSQL.\(url.port)", username: url.user, password: url.password, database: url.database)
        } else {
            configuration = .init(host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: try tls(url.tls))
        }
        configuration.options.connectTimeout = .seconds(10)
        // A holder that loses its network (a pod gone) is noticed by the server within about
        // two minutes, which then drops its session and with it the playbook's lock.
        configuration.options.additionalStartupParameters = [
            ("application_name", application), ("tcp_keepalives_idle", "60"), ("tcp_keepalives_interval", "10"),
            ("tcp_keepalives_count", "6"),
        ]
        return try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: nextID(), logger: quiet)
    }

    private static let ids = Mutex(0)

    private static func nextID() -> Int {
        ids.withLock { id in
            id += 1
            return id
        }
    }

    /// The TLS `mode` asks for, as libpq means it.
    private static func tls(_ mode: PostgresJournalURL.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        var unchecked = TLSConfiguration.makeClientConfiguration()
        unchecked.certificateVerification = .none
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(try NIOSSLContext(configuration: unchecked))
        case .require: return .require(try NIOSSLContext(configuration: unchecked))
        case .verifyCA:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .noHostnameVerification
            return .require(try NIOSSLContext(configuration: configuration))
        case .verifyFull: return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }

    /// Runs `statement` on `connection`; its rows, by column name.
    @discardableResult
    static func run(_ statement: JournalStatement, on connection: PostgresConnection) async throws -> [JournalRow] {
        var binds = PostgresBindings(capacity: statement.values.count)
        for value in statement.values {
            switch value {
            case .text(let text): binds.append(text)
            case .integer(let integer): binds.append(integer)
            case .real(let real): binds.append(real)
            }
        }
        let rows = try await connection.query(PostgresQuery(unsafeSQL: numbered(statement.sql), binds: binds), logger: quiet).collect()
        return try rows.map { row in
            var values: [String: SQLValue] = [:]
            for cell in row { values[cell.columnName] = try value(cell) }
            return JournalRow(values)
        }
    }

    /// A cell as a journal value.
    private static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .text(nil) }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        default: return .text(try cell.decode(String.self))
        }
    }

    /// `sql` with each `?` outside quotes numbered as PostgreSQL writes parameters: `$1`, `$2`, ...
    static func numbered(_ sql: String) -> String {
        var result = "", number = 0, quoted = false
        for character in sql {
            if character == "'" { quoted.toggle() }
            if character == "?", !quoted {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// `error` as a journal error: what was being done, on which database (never the
    /// password), and whether the server could not be reached (a temporary failure).
    static func failure(_ error: any Error, doing: String, _ url: PostgresJournalURL) -> JournalError {
        let place = url.isSocket ? "the socket in \(url.host)" : "\(url.host):\(url.port)"
        let retry = "start PostgreSQL at \(place) or check the URL, then run again"
            + (doing.hasPrefix("cannot open") ? "" : " (the next run reconciles what this one left)")
        if let error = error as? PSQLError {
            if error.code == .server, let info = error.serverInfo {
                let state = info[.sqlState] ?? "?"
                // Class 08 is a connection failure, 57 an operator's shutdown, 53300 too many connections.
                let unreachable = state.hasPrefix("08") || state.hasPrefix("57") || state == "53300"
                return JournalError(
                    "\(doing) \(url): \(info[.message] ?? "an error") (SQLSTATE \(state))",
                    advice: unreachable ? retry : "check the database and the user's rights on it, then run again", unreachable: unreachable)
            }
            return JournalError(
                "\(doing) \(url): PostgreSQL at \(place) cannot be reached (\(error.underlying.map(cause) ?? "\(error.code)"))",
                advice: retry, unreachable: true)
        }
        if error is IOError || error is ChannelError || error is NIOConnectionError || error is PostgresTimedOut {
            return JournalError("\(doing) \(url): PostgreSQL at \(place) cannot be reached (\(cause(error)))", advice: retry, unreachable: true)
        }
        return JournalError("\(doing) \(url): \(Secrets.redacted(error))", advice: "check the database, then run again")
    }

    /// Why a connection failed, in a few words: the system's text for a refused or reset
    /// connection, else the error's own.
    private static func cause(_ error: any Error) -> String {
        let error = (error as? NIOConnectionError)?.connectionErrors.first?.error ?? error
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)).lowercased() }
        if let error = error as? ChannelError, case .connectTimeout = error { return "no answer within the connect timeout" }
        if let error = error as? PostgresTimedOut { return error.description }
        if let error = error as? PSQLError { return error.underlying.map(cause) ?? "\(error.code)" }
        return Secrets.redacted(error)
    }
}

extension Secrets {
    /// An error's text without any secret.
    fileprivate static func redacted(_ error: any Error) -> String { redact(String(describing: error)) }
}
