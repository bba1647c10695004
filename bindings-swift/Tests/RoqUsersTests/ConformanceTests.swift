// The Swift runner of the cross-language scenarios (tests/conformance/*.json, format in
// tests/conformance/README.md), through Scope.call(operation:inputJson:).

import Foundation
import XCTest
@testable import RoqUsers

final class ConformanceTests: XCTestCase {
    func testEveryScenario() async throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../tests/conformance").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 4)
        for file in files {
            let data = try Data(contentsOf: directory.appendingPathComponent(file))
            let scenario = try JSONSerialization.jsonObject(with: data) as! [String: Any]
            try await run(scenario: scenario, named: file)
        }
    }

    private func run(scenario: [String: Any], named file: String) async throws {
        let server = try TestServer()
        let platform = try server.platform()
        var saved: [String: Any] = [:]
        for (index, step) in (scenario["steps"] as! [[String: Any]]).enumerated() {
            let label = "\(file) step \(index) (\(step["name"] ?? step["call"]!))"
            let who = substitute(step["as"] ?? "superAdmin", saved)
            let scope = (who as? [String: Any]).map { platform.asUser(userId: $0["user"] as! String) } ?? platform.asSuperAdmin()
            let input = substitute(step["input"] ?? [String: Any](), saved)
            let inputJson = String(decoding: try JSONSerialization.data(withJSONObject: input), as: UTF8.self)
            do {
                let text = try await scope.call(operation: step["call"] as! String, inputJson: inputJson)
                let result = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
                XCTAssertNil(step["expectError"], "\(label): succeeded")
                if let expected = step["expect"] {
                    try subset(substitute(expected, saved), result, at: label)
                }
                if let name = step["save"] as? String { saved[name] = result }
            } catch let error as RoqError {
                guard let expected = step["expectError"] as? [String: Any] else {
                    XCTFail("\(label): \(error)"); continue
                }
                let (status, code, violations) = describe(error)
                XCTAssertEqual(code, expected["errorCode"] as? String, label)
                if let s = expected["statusCode"] as? Int { XCTAssertEqual(Int(status), s, label) }
                if let v = expected["violations"] as? [[String: String]] {
                    XCTAssertEqual(violations.map { ["field": $0.field, "code": $0.code] }, v, label)
                }
            }
        }
    }

    private func describe(_ error: RoqError) -> (UInt16, String, [Violation]) {
        switch error {
        case let .Validation(s, c, _, v): return (s, c, v)
        case let .NotFound(s, c, _), let .Conflict(s, c, _), let .Unauthorized(s, c, _),
             let .Forbidden(s, c, _), let .PayloadTooLarge(s, c, _), let .Transport(s, c, _), let .Timeout(s, c, _):
            return (s, c, [])
        case let .RateLimited(s, c, _, _): return (s, c, [])
        case let .Server(s, c, _, _): return (s, c, [])
        }
    }

    private func lookup(_ reference: String, _ saved: [String: Any]) -> Any {
        var parts = reference.split(separator: ".").map(String.init)
        var value: Any = saved[parts.removeFirst()]!
        for part in parts {
            if let index = Int(part), let list = value as? [Any] { value = list[index] }
            else { value = (value as! [String: Any])[part]! }
        }
        return value
    }

    private func substitute(_ value: Any, _ saved: [String: Any]) -> Any {
        if let text = value as? String {
            if text.hasPrefix("${"), text.hasSuffix("}"), text.components(separatedBy: "${").count == 2 {
                return lookup(String(text.dropFirst(2).dropLast()), saved)
            }
            var out = text
            while let start = out.range(of: "${"), let end = out.range(of: "}", range: start.upperBound..<out.endIndex) {
                out.replaceSubrange(start.lowerBound..<end.upperBound, with: "\(lookup(String(out[start.upperBound..<end.lowerBound]), saved))")
            }
            return out
        }
        if let list = value as? [Any] { return list.map { substitute($0, saved) } }
        if let object = value as? [String: Any] { return object.mapValues { substitute($0, saved) } }
        return value
    }

    private func subset(_ expected: Any, _ actual: Any, at: String) throws {
        if let e = expected as? [String: Any] {
            let a = try XCTUnwrap(actual as? [String: Any], "\(at): not an object")
            for (key, value) in e {
                let got = try XCTUnwrap(a[key], "\(at).\(key) is missing")
                try subset(value, got, at: "\(at).\(key)")
            }
        } else if let e = expected as? [Any] {
            let a = try XCTUnwrap(actual as? [Any], "\(at): not an array")
            XCTAssertEqual(a.count, e.count, at)
            for (i, pair) in zip(e, a).enumerated() { try subset(pair.0, pair.1, at: "\(at)[\(i)]") }
        } else {
            XCTAssertEqual(expected as? NSObject, actual as? NSObject, at)
        }
    }
}
