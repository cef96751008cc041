// swift-tools-version:5.9
// cq: a typed, pipe-style query language and its shell.
// CQ is the pure library (syntax → semantics → plan → engine → output);
// cq is the thin executable (arguments, shell, readline); CReadline links GNU readline.
// No dependencies: the command line is read by hand (Sources/cq/Arguments.swift) for start-up time.
import PackageDescription

let package = Package(
    name: "cq",
    products: [
        .executable(name: "cq", targets: ["cq"]),
        .library(name: "CQ", targets: ["CQ"]),
    ],
    dependencies: [],
    targets: [
        .target(
            name: "CQ",
            path: "Sources/CQ"
        ),
        .systemLibrary(
            name: "CReadline",
            path: "Sources/CReadline",
            providers: [.apt(["libreadline-dev"])]
        ),
        .executableTarget(
            name: "cq",
            dependencies: [
                "CQ", "CReadline",
            ],
            path: "Sources/cq",
            // The Swift runtime linked in: start-up then skips loading and relocating a dozen shared
            // libraries, most of a `cq -c '1'` (docs/performance.md).
            linkerSettings: [.unsafeFlags(["-static-stdlib"])]
        ),
        .testTarget(
            name: "CQTests",
            dependencies: ["CQ"],
            path: "Tests/CQTests"
        ),
    ]
)
