// swift-tools-version:5.9
// The RoqUsers Swift package: the uniffi-generated bindings of the roq-users Rust core plus a
// thin Swift layer (an AsyncThrowingStream over the pages of a query).
//
// On Linux it links the library built by `cargo build -p roq-users-swift` (directory from
// ROQ_USERS_LIB_DIR, default ../target/debug). On Apple platforms it uses the XCFramework
// made by build-xcframework.sh.
import Foundation
import PackageDescription

let libDir = ProcessInfo.processInfo.environment["ROQ_USERS_LIB_DIR"] ?? "../target/debug"

#if os(Linux)
let ffiTarget: Target = .systemLibrary(name: "RoqUsersFFI", path: "Sources/RoqUsersFFI")
let linkerSettings: [LinkerSetting] = [
    .linkedLibrary("roq_users_swift"),
    .unsafeFlags(["-L\(libDir)", "-Xlinker", "-rpath", "-Xlinker", libDir]),
]
#else
let ffiTarget: Target = .binaryTarget(name: "RoqUsersFFI", path: "RoqUsersFFI.xcframework")
let linkerSettings: [LinkerSetting] = []
#endif

let package = Package(
    name: "RoqUsers",
    platforms: [.macOS(.v12), .iOS(.v15)],
    products: [.library(name: "RoqUsers", targets: ["RoqUsers"])],
    targets: [
        ffiTarget,
        .target(
            name: "RoqUsers",
            dependencies: ["RoqUsersFFI"],
            path: "Sources/RoqUsers",
            linkerSettings: linkerSettings
        ),
        .testTarget(
            name: "RoqUsersTests",
            dependencies: ["RoqUsers"],
            path: "Tests/RoqUsersTests"
        ),
    ]
)
