//! Every GraphQL document the SDK sends, in one place. A test validates each against the
//! server's checked-in schema (`server/schema.graphql`).

macro_rules! user_fields {
    () => {
        "fragment UserFields on UserModel { id reference email firstName lastName phone locale \
         timezone avatarUrl isOptedIn active synced twoFactorEnabled tenantId customData \
         createdAt updatedAt version }"
    };
}

macro_rules! tenant_fields {
    () => {
        "fragment TenantFields on TenantModel { id name reference isDefault createdAt updatedAt }"
    };
}

/// `createUser(user:)`.
pub const CREATE_USER: &str = concat!(
    "mutation createUser($user: UserCreateDto!) { createUser(user: $user) { ...UserFields } } ",
    user_fields!()
);

/// `updateUser(id:, user:)`.
pub const UPDATE_USER: &str = concat!(
    "mutation updateUser($id: ID!, $user: UserUpdateDto!) { updateUser(id: $id, user: $user) { ...UserFields } } ",
    user_fields!()
);

/// `user(id:)`.
pub const USER: &str = concat!(
    "query user($id: ID!) { user(id: $id) { ...UserFields } } ",
    user_fields!()
);

/// `users(...)`.
pub const USERS: &str = concat!(
    "query users($filter: UserFilterArgType, $limit: Int, $offset: Int, $order: UserOrderArgType, \
     $search: UserSearchArgType) { users(filter: $filter, limit: $limit, offset: $offset, \
     order: $order, search: $search) { totalCount data { ...UserFields } } } ",
    user_fields!()
);

/// `users(...)` without `totalCount`: the rows only, which is all an iterator needs, and
/// spares the server the count of every match on each page.
pub const USERS_ROWS: &str = concat!(
    "query usersRows($filter: UserFilterArgType, $limit: Int, $offset: Int, $order: UserOrderArgType, \
     $search: UserSearchArgType) { users(filter: $filter, limit: $limit, offset: $offset, \
     order: $order, search: $search) { data { ...UserFields } } } ",
    user_fields!()
);

/// `createTenant(tenant:)`.
pub const CREATE_TENANT: &str = concat!(
    "mutation createTenant($tenant: TenantCreateDto!) { createTenant(tenant: $tenant) { ...TenantFields } } ",
    tenant_fields!()
);

/// `updateTenant(id:, tenant:)`.
pub const UPDATE_TENANT: &str = concat!(
    "mutation updateTenant($id: ID!, $tenant: TenantUpdateDto!) { updateTenant(id: $id, tenant: $tenant) { ...TenantFields } } ",
    tenant_fields!()
);

/// `tenant(id:)`.
pub const TENANT: &str = concat!(
    "query tenant($id: ID!) { tenant(id: $id) { ...TenantFields } } ",
    tenant_fields!()
);

/// `tenants(...)`.
pub const TENANTS: &str = concat!(
    "query tenants($filter: TenantFilterArgType, $limit: Int, $offset: Int, $order: TenantOrderArgType) \
     { tenants(filter: $filter, limit: $limit, offset: $offset, order: $order) { totalCount data { ...TenantFields } } } ",
    tenant_fields!()
);

/// Every document, named, for the schema test.
pub const ALL: [(&str, &str); 9] = [
    ("createUser", CREATE_USER),
    ("updateUser", UPDATE_USER),
    ("user", USER),
    ("users", USERS),
    ("usersRows", USERS_ROWS),
    ("createTenant", CREATE_TENANT),
    ("updateTenant", UPDATE_TENANT),
    ("tenant", TENANT),
    ("tenants", TENANTS),
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_document_validates_against_the_checked_in_schema() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../server/schema.graphql");
        let sdl = std::fs::read_to_string(path).expect("server/schema.graphql");
        let schema = apollo_compiler::Schema::parse_and_validate(sdl, "schema.graphql")
            .expect("the checked-in schema is valid");
        for (name, document) in super::ALL {
            let result = apollo_compiler::ExecutableDocument::parse_and_validate(
                &schema,
                document,
                format!("{name}.graphql"),
            );
            assert!(
                result.is_ok(),
                "{name}: {:?}",
                result.err().map(|e| e.errors.to_string())
            );
        }
    }
}
