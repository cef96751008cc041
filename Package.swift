// swift-tools-version:5.9
// cq: a typed, pipe-style query language and its shell.
// CQ is the pure library (syntax → semantics → plan → engine → output);
// cq is the thin executable (arguments, shell, readline); CReadline links GNU readline.
import PackageDescription

let package = Package(
    name: "cq",
    products: [
        .executable(name: "cq", targets: ["cq"]),
        .library(name: "CQ", targets: ["CQ"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
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
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/cq"
        ),
        .testTarget(
            name: "CQTests",
            dependencies: ["CQ"],
            path: "Tests/CQTests"
        ),
    ]
)
