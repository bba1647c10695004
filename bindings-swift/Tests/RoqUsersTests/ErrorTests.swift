import XCTest
@testable import RoqUsers

final class ErrorTests: XCTestCase {
    func testEveryErrorCase() async throws {
        let server = try TestServer()
        let platform = try server.platform()
        let admin = platform.asSuperAdmin()
        do {
            _ = try await admin.createUser(user: UserCreate(reference: " x", email: "nope"))
            XCTFail("expected a validation error")
        } catch let RoqError.Validation(statusCode, errorCode, _, violations) {
            XCTAssertEqual(statusCode, 400)
            XCTAssertEqual(errorCode, "VALIDATION_ERROR")
            XCTAssertEqual(violations.map(\.field), ["reference", "email"])
        }
        do {
            _ = try await admin.user(id: UUID().uuidString.lowercased())
            XCTFail("expected not found")
        } catch let RoqError.NotFound(statusCode, errorCode, _) {
            XCTAssertEqual(statusCode, 404)
            XCTAssertEqual(errorCode, "USER_NOT_FOUND")
        }
        let me = try await admin.createUser(user: UserCreate(reference: "me", email: "me@x.io"))
        do {
            _ = try await admin.createUser(user: UserCreate(reference: "me", email: "other@x.io"))
            XCTFail("expected a conflict")
        } catch let RoqError.Conflict(statusCode, errorCode, _) {
            XCTAssertEqual(statusCode, 409)
            XCTAssertEqual(errorCode, "USER_REFERENCE_ALREADY_EXISTS")
        }
        let other = try await admin.createUser(user: UserCreate(reference: "other", email: "o@x.io"))
        do {
            _ = try await platform.asUser(userId: me.id).user(id: other.id)
            XCTFail("expected forbidden")
        } catch RoqError.Forbidden {}
        let wrong = try Platform(config: PlatformConfig(host: server.host, environmentId: server.environmentId, apiKey: "wrong", maxRetries: 0))
        do {
            _ = try await wrong.asSuperAdmin().users(query: UsersQuery())
            XCTFail("expected unauthorized")
        } catch RoqError.Unauthorized {}
        let closed = try Platform(config: PlatformConfig(host: "http://127.0.0.1:9", environmentId: server.environmentId, apiKey: "k", maxRetries: 0))
        do {
            _ = try await closed.asSuperAdmin().users(query: UsersQuery())
            XCTFail("expected a transport error")
        } catch RoqError.Transport {}
    }
}
