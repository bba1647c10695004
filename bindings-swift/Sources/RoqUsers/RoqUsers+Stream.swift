// The thin Swift layer: every user of a query as an AsyncThrowingStream, one page in memory.

import Foundation

extension Scope {
    /// Every user matching `query`, page by page (`query.limit` is the page size).
    ///
    ///     for try await user in admin.allUsers(query: UsersQuery(limit: 500)) { ... }
    public func allUsers(query: UsersQuery = UsersQuery()) -> AsyncThrowingStream<User, Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let pager = try self.usersPager(query: query)
                    while let page = try await pager.nextPage() {
                        for user in page {
                            continuation.yield(user)
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

extension User {
    /// The custom data as a dictionary.
    public var customData: [String: Any] {
        let data = Data(customDataJson.utf8)
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }
}
