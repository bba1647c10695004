//! The checked-in SDL (`server/schema.graphql`) must equal the running schema.

#[test]
fn checked_in_schema_matches_the_server() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../server/schema.graphql");
    let checked_in = std::fs::read_to_string(path).expect("server/schema.graphql exists");
    let live = roq_users_server::graphql::sdl();
    assert!(
        checked_in == live,
        "server/schema.graphql is stale; regenerate it with\n  cargo run -p roq-users-server -- export-schema > server/schema.graphql"
    );
}

#[test]
fn schema_has_roq_names() {
    let sdl = roq_users_server::graphql::sdl();
    for name in [
        "type UserModel",
        "type TenantModel",
        "type UserPageModel",
        "type TenantPageModel",
        "type RolePageModel",
        "type UserGroupPageModel",
        "type UsersCountModel",
        "input UserCreateDto",
        "input UserUpdateDto",
        "input TenantCreateDto",
        "input TenantUpdateDto",
        "input UserFilterArgType",
        "input StringFilterArgType",
        "input IdFilterArgType",
        "input BooleanFilterArgType",
        "input DateFilterArgType",
        "input UserOrderArgType",
        "input UserSearchArgType",
        "enum OrderEnum",
        "enum UserOrderSortEnum",
        "enum UserSearchKeyEnum",
        "scalar Date",
        "scalar JsonObject",
        "createUser(user: UserCreateDto!): UserModel!",
        "updateUser(id: ID!, user: UserUpdateDto!): UserModel!",
        "user(id: ID!): UserModel!",
    ] {
        assert!(sdl.contains(name), "schema lacks {name:?}");
    }
}
