// Starts the real roq-users server binary on a free loopback port with a temporary database.

import Foundation
import XCTest
@testable import RoqUsers

final class TestServer {
    let host: String
    let environmentId: String
    let apiKey: String
    private let process: Process
    private let directory: URL

    init() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../..").standardized
        let binary = ProcessInfo.processInfo.environment["ROQ_USERS_SERVER_BIN"]
            ?? root.appendingPathComponent("target/debug/roq-users-server").path
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        environmentId = UUID().uuidString.lowercased()
        apiKey = "rku_" + UUID().uuidString
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--listen", "127.0.0.1:0", "--database-url", "sqlite:" + directory.appendingPathComponent("roq.db").path]
        var environment = ProcessInfo.processInfo.environment
        environment["ROQ_USERS_ENVIRONMENT_ID"] = environmentId
        environment["ROQ_USERS_API_KEY"] = apiKey
        environment["ROQ_USERS_LOG"] = "warn"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var banner = Data()
        while !banner.contains(UInt8(ascii: "\n")) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner.append(chunk)
        }
        let line = String(decoding: banner, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        guard let url = line.split(separator: " ").last, line.contains("listening on") else {
            throw XCTSkip("server did not start: \(line)")
        }
        host = String(url)
    }

    func platform() throws -> Platform {
        try Platform(config: PlatformConfig(host: host, environmentId: environmentId, apiKey: apiKey))
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }
}
