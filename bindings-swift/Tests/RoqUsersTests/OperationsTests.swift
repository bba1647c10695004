import XCTest
@testable import RoqUsers

final class OperationsTests: XCTestCase {
    func testEveryUserOperation() async throws {
        let server = try TestServer()
        let admin = try server.platform().asSuperAdmin()
        let user = try await admin.createUser(user: UserCreate(reference: "sw-1", email: " Ada@Example.com ", locale: "en-gb"))
        XCTAssertEqual(user.email, "Ada@Example.com")
        XCTAssertEqual(user.locale, "en-GB")
        XCTAssertEqual(user.version, 1)
        let fetched = try await admin.user(id: user.id)
        XCTAssertEqual(fetched, user)

        let updated = try await admin.updateUser(id: user.id, user: UserUpdate(firstName: .set(value: "Ada"), locale: .clear))
        XCTAssertEqual(updated.firstName, "Ada")
        XCTAssertNil(updated.locale)
        XCTAssertEqual(updated.version, 2)

        let off = try await admin.deactivateUser(id: user.id)
        XCTAssertFalse(off.active)
        let page = try await admin.users(query: UsersQuery(filterJson: #"{"withDeactivated":{"equalTo":true}}"#))
        XCTAssertEqual(page.totalCount, 1)
    }

    func testStreamsEveryPage() async throws {
        let server = try TestServer()
        let admin = try server.platform().asSuperAdmin()
        for i in 0..<7 {
            _ = try await admin.createUser(user: UserCreate(reference: "s-\(i)", email: "s\(i)@x.io"))
        }
        var references: [String] = []
        for try await user in admin.allUsers(query: UsersQuery(limit: 3, order: .asc, sort: .createdAt)) {
            references.append(user.reference)
        }
        XCTAssertEqual(references, (0..<7).map { "s-\($0)" })
    }

    func testTenants() async throws {
        let server = try TestServer()
        let admin = try server.platform().asSuperAdmin()
        let tenant = try await admin.createTenant(name: "Team", reference: "team")
        XCTAssertFalse(tenant.isDefault)
        let renamed = try await admin.updateTenant(id: tenant.id, name: "Team B", reference: .clear)
        XCTAssertNil(renamed.reference)
        let fetched = try await admin.tenant(id: tenant.id)
        XCTAssertEqual(fetched, renamed)
        let tenants = try await admin.tenants(query: TenantsQuery())
        XCTAssertEqual(tenants.totalCount, 2)
    }
}
