package import Logging
package import LuaRuntime

extension WholesaleModule {
    /// `log.debug`, `log.info`, `log.warn`, `log.error`: a message and optional fields.
    static func logFunctions(_ context: PlaybookContext) -> [HostFunction] {
        let levels: [(String, Logger.Level)] = [("debug", .debug), ("info", .info), ("warn", .warning), ("error", .error)]
        return levels.map { name, level in
            .sync("log.\(name)") { arguments in
                let message = try arguments.string(1)
                let fields = try arguments.optionalObject(2, name: "fields") ?? [:]
                var metadata: Logger.Metadata = [:]
                for (key, value) in fields { metadata[key] = .stringConvertible(LoggedValue(value: value)) }
                context.logger.log(level: level, "\(message)", metadata: metadata)
                return .none
            }
        }
    }
}
