// swift-tools-version:6.0
import PackageDescription

/// Settings every Swift target shares: strict Swift 6 mode plus the house's upcoming features.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "wholesale",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "wholesale", targets: ["wholesale"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Debian's liblua5.4-dev (scripts/bootstrap installs it): headers from /usr/include/lua5.4.
        // No pkgConfig here: its `-llua5.4` would bind the shared library ahead of the static one.
        .systemLibrary(name: "CLua", providers: [.apt(["liblua5.4-dev"])]),
        // The only C: macro wrappers, the host-function trampoline (the one place that raises or
        // yields), the capped allocator, the lazy watchdog and the sandbox's replacements.
        // Lua is linked from Debian's static archive: the shared library is built as
        // position-independent code, which made pure Lua measurably slower (scripts/bench).
        .target(
            name: "CLuaShims",
            dependencies: ["CLua"],
            linkerSettings: [.linkedLibrary(":liblua5.4.a"), .linkedLibrary("m")]
        ),
        // The closed set of failure kinds. (`http`, `usage`, `io`, ...: the `kind` of every Lua error
        // table, shared by the runtime, the client.)
        .target(name: "FailureKinds", swiftSettings: swiftSettings),
        // JSON values with integers kept apart from floats, a parser that reports line and column,
        // and a writer with sorted keys. Shared by the Lua runtime and the Webex targets.
        .target(name: "JSONValues", swiftSettings: swiftSettings),
        // The validation rules of the Wholesale API (reference §11) as data and small rules.
        .target(name: "WholesaleValidation", dependencies: ["JSONValues"], swiftSettings: swiftSettings),
        // The Webex Wholesale client: models, the 18 operations, transports, retries, paging, tokens.
        .target(
            name: "WholesaleAPI",
            dependencies: [
                "FailureKinds", "JSONValues", "WholesaleValidation",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // A small HTTP/1.1 server on SwiftNIO whose handler may answer, drop the connection or
        // stall: `wholesale sim serve` and the scripted test server both run on it.
        .target(
            name: "WholesaleHTTPServer",
            dependencies: [
                "WholesaleAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The simulated Wholesale service: the 18 operations with state, lifecycles on a clock,
        // business rules, paging, faults, and a store in memory or in SQLite.
        .target(
            name: "WholesaleSimulator",
            dependencies: [
                "JSONValues", "WholesaleValidation", "WholesaleAPI",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings
        ),
        // Test doubles that ship as code: a scripted HTTP server on loopback.
        .target(
            name: "WholesaleAPITesting",
            dependencies: ["WholesaleAPI", "WholesaleHTTPServer"],
            swiftSettings: swiftSettings
        ),
        // Lua VM, values, host functions, sandbox, limits, coroutine scheduler. Knows nothing of Webex.
        .target(
            name: "LuaRuntime",
            dependencies: [
                "CLua", "CLuaShims", "FailureKinds", "JSONValues",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings
        ),
        // The Wholesale API as a playbook sees it, without Lua or SQLite. (The run's session on its
        // target, the dry-run plan, `wait`'s polling, the retry clock, the credential probe.)
        .target(
            name: "PlaybookAPI",
            dependencies: [
                "JSONValues", "WholesaleAPI", "WholesaleValidation", "WholesaleSimulator",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The record of every run, in one of two stores: a SQLite file or a PostgreSQL database.
        // (Runs, calls written before a change is sent, pending work, the per-playbook lock,
        // `wholesale.state`, the reports read from it; one set of queries and migrations.)
        .target(
            name: "RunJournal",
            dependencies: [
                "JSONValues", "WholesaleAPI",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // RFC 4180 CSV over plain text fields. (A streaming reader, a writer.)
        .target(name: "CSVFiles", swiftSettings: swiftSettings),
        // The `wholesale` Lua module's bindings. (Host functions, Lua glue, output, file access over
        // the API session, the journal's state, local files.)
        .target(
            name: "PlaybookModule",
            dependencies: [
                "FailureKinds", "LuaRuntime", "JSONValues", "WholesaleAPI", "WholesaleValidation", "PlaybookAPI", "CSVFiles", "RunJournal",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The unattended run of one playbook, where every failure becomes an exit code. (Journal,
        // lock, signals, limits, report, notification around the VM; Failure.swift.)
        .target(
            name: "Playbook",
            dependencies: [
                "FailureKinds", "LuaRuntime", "JSONValues", "WholesaleAPI", "PlaybookAPI", "RunJournal", "CSVFiles", "PlaybookModule",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The runner of `wholesale test`'s spec files. (The spec API after busted's names, playbooks
        // run in-process, the simulator a spec controls, JUnit, TAP, LCOV.)
        .target(
            name: "PlaybookTesting",
            dependencies: [
                "Playbook", "PlaybookModule", "PlaybookAPI", "RunJournal", "LuaRuntime", "JSONValues", "WholesaleAPI", "WholesaleSimulator",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The command line over the targets, with no logic of its own. (Failures become exit codes in
        // Playbook's Failure.swift.)
        .executableTarget(
            name: "wholesale",
            dependencies: [
                "Playbook", "PlaybookTesting", "RunJournal", "PlaybookModule", "LuaRuntime", "JSONValues", "WholesaleValidation", "WholesaleSimulator",
                "WholesaleHTTPServer", "WholesaleAPI", "PlaybookAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Figures for scripts/bench that need the runtime in-process.
        .executableTarget(
            name: "wholesale-bench",
            dependencies: [
                "LuaRuntime", "WholesaleAPI", "WholesaleAPITesting", "WholesaleHTTPServer", "JSONValues",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Benchmarks/wholesale-bench",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "JSONValuesTests", dependencies: ["JSONValues"], swiftSettings: swiftSettings),
        .testTarget(name: "WholesaleValidationTests", dependencies: ["WholesaleValidation", "JSONValues"], swiftSettings: swiftSettings),
        .testTarget(
            name: "WholesaleAPITests",
            dependencies: ["WholesaleAPI", "WholesaleAPITesting", "JSONValues", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WholesaleSimulatorTests",
            dependencies: ["WholesaleSimulator", "WholesaleAPI", "WholesaleHTTPServer", "JSONValues"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "LuaRuntimeTests", dependencies: ["LuaRuntime"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PlaybookTests",
            dependencies: ["Playbook", "PlaybookModule", "PlaybookAPI", "CSVFiles", "RunJournal", "LuaRuntime", "FailureKinds", "JSONValues"],
            swiftSettings: swiftSettings
        ),
        // Runs the built `wholesale` binary on fixture playbooks.
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["wholesale", "WholesaleAPITesting", "WholesaleAPI"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
