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
        // JSON values with integers kept apart from floats, a parser that reports line and column,
        // and a writer with sorted keys. Shared by the Lua runtime and the Webex targets.
        .target(name: "JSONValues", swiftSettings: swiftSettings),
        // The validation rules of the Wholesale API (reference §11) as data and small rules.
        .target(name: "WholesaleValidation", dependencies: ["JSONValues"], swiftSettings: swiftSettings),
        // The Webex Wholesale client: models, the 18 operations, transports, retries, paging, tokens.
        .target(
            name: "WholesaleAPI",
            dependencies: [
                "JSONValues", "WholesaleValidation",
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
                "CLua", "CLuaShims", "JSONValues",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings
        ),
        // The `wholesale` Lua module (every API operation, validators, wait, ensure, dry-run,
        // state) and the run of one playbook against its target.
        .target(
            name: "Playbook",
            dependencies: [
                "LuaRuntime", "JSONValues", "WholesaleAPI", "WholesaleValidation", "WholesaleSimulator",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The command line: commands and exit codes, no logic.
        .executableTarget(
            name: "wholesale",
            dependencies: [
                "Playbook", "LuaRuntime", "JSONValues", "WholesaleValidation", "WholesaleSimulator", "WholesaleHTTPServer", "WholesaleAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
        .testTarget(name: "PlaybookTests", dependencies: ["Playbook", "LuaRuntime"], swiftSettings: swiftSettings),
        // Runs the built `wholesale` binary on fixture playbooks.
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["wholesale", "WholesaleAPITesting", "WholesaleAPI"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
