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
        // Lua VM, values, host functions, sandbox, limits, coroutine scheduler. Knows nothing of Webex.
        .target(
            name: "LuaRuntime",
            dependencies: [
                "CLua", "CLuaShims",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings
        ),
        // The `wholesale` Lua module and the run of one playbook.
        .target(
            name: "Playbook",
            dependencies: [
                "LuaRuntime",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The command line: commands and exit codes, no logic.
        .executableTarget(
            name: "wholesale",
            dependencies: [
                "Playbook", "LuaRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Figures for scripts/bench that need the runtime in-process.
        .executableTarget(
            name: "wholesale-bench",
            dependencies: ["LuaRuntime"],
            path: "Benchmarks/wholesale-bench",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "LuaRuntimeTests", dependencies: ["LuaRuntime"], swiftSettings: swiftSettings),
        .testTarget(name: "PlaybookTests", dependencies: ["Playbook", "LuaRuntime"], swiftSettings: swiftSettings),
        // Runs the built `wholesale` binary on fixture playbooks.
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["wholesale"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
