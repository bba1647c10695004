//! Roles and user groups. They exist in the schema so that ROQ clients' documents validate;
//! they are not implemented yet, so every relation returns an empty page.

use super::types::{UserPageModel, UsersCountModel};
use async_graphql::{Enum, ID, InputObject, SimpleObject};
use roq_users::{BooleanFilter, IdFilter, SortOrder, StringFilter, Timestamp};

/// An empty page of any kind.
pub fn empty_page<T: Default>() -> T {
    T::default()
}

/// A role (`RoleModel`). Not implemented yet.
#[derive(SimpleObject, Default)]
#[graphql(name = "RoleModel")]
pub struct RoleModel {
    id: ID,
    description: Option<String>,
    invite_role_keys: Option<Vec<String>>,
    is_system_managed: bool,
    key: String,
    name: String,
    project_entity_id: Option<ID>,
    reference: Option<String>,
    user_groups: UserGroupPageModel,
    user_id_field: Option<String>,
    users: UsersCountModel,
}

/// A page of roles (`RolePageModel`).
#[derive(SimpleObject, Default)]
#[graphql(name = "RolePageModel")]
pub struct RolePageModel {
    data: Vec<RoleModel>,
    total_count: i32,
}

/// A type of user group (`UserGroupTypeModel`). Not implemented yet.
#[derive(SimpleObject)]
#[graphql(name = "UserGroupTypeModel")]
pub struct UserGroupTypeModel {
    id: ID,
    name: String,
    created_at: Timestamp,
    updated_at: Timestamp,
}

/// A user group (`UserGroupModel`). Not implemented yet.
#[derive(SimpleObject, Default)]
#[graphql(name = "UserGroupModel")]
pub struct UserGroupModel {
    id: ID,
    name: String,
    reference: String,
    roles: RolePageModel,
    #[graphql(name = "type")]
    kind: String,
    user_group_type: Option<UserGroupTypeModel>,
    users: Option<UserPageModel>,
}

/// A page of user groups (`UserGroupPageModel`).
#[derive(SimpleObject, Default)]
#[graphql(name = "UserGroupPageModel")]
pub struct UserGroupPageModel {
    data: Vec<UserGroupModel>,
    total_count: i32,
}

/// Filter of `roles(...)` (`RoleFilterArgType`).
#[derive(InputObject)]
#[graphql(name = "RoleFilterArgType")]
pub struct RoleFilterArgType {
    description: Option<StringFilter>,
    id: Option<IdFilter>,
    invite: Option<BooleanFilter>,
    is_system_managed: Option<BooleanFilter>,
    key: Option<StringFilter>,
    name: Option<StringFilter>,
    permission_id: Option<IdFilter>,
    user_group_id: Option<IdFilter>,
    user_id: Option<IdFilter>,
}

/// Sort keys of `roles(...)`.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "RoleOrderSortEnum", rename_items = "camelCase")]
pub enum RoleOrderSortEnum {
    /// Creation time.
    CreatedAt,
    /// Description.
    Description,
    /// Id.
    Id,
    /// System-managed flag.
    IsSystemManaged,
    /// Key.
    Key,
    /// Name.
    Name,
    /// Last change.
    UpdatedAt,
}

/// Order of `roles(...)` (`RoleOrderArgType`).
#[derive(InputObject)]
#[graphql(name = "RoleOrderArgType")]
pub struct RoleOrderArgType {
    order: SortOrder,
    sort: RoleOrderSortEnum,
}

/// Search keys of `roles(...)`.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "RoleSearchKeyEnum", rename_items = "camelCase")]
pub enum RoleSearchKeyEnum {
    /// Description.
    Description,
    /// Key.
    Key,
    /// Name.
    Name,
}

/// Search of `roles(...)` (`RoleSearchArgType`).
#[derive(InputObject)]
#[graphql(name = "RoleSearchArgType")]
pub struct RoleSearchArgType {
    key: RoleSearchKeyEnum,
    value: String,
}

/// Filter of `userGroups(...)` (`UserGroupFilterArgType`).
#[derive(InputObject)]
#[graphql(name = "UserGroupFilterArgType")]
pub struct UserGroupFilterArgType {
    id: Option<IdFilter>,
    name: Option<StringFilter>,
    reference: Option<StringFilter>,
    role_id: Option<IdFilter>,
    #[graphql(name = "type")]
    kind: Option<StringFilter>,
    user_id: Option<IdFilter>,
}

/// Sort keys of `userGroups(...)`.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "UserGroupOrderSortEnum", rename_items = "camelCase")]
pub enum UserGroupOrderSortEnum {
    /// Creation time.
    CreatedAt,
    /// Name.
    Name,
    /// Reference.
    Reference,
    /// Type.
    Type,
    /// Last change.
    UpdatedAt,
}

/// Order of `userGroups(...)` (`UserGroupOrderArgType`).
#[derive(InputObject)]
#[graphql(name = "UserGroupOrderArgType")]
pub struct UserGroupOrderArgType {
    order: SortOrder,
    sort: UserGroupOrderSortEnum,
}

/// Search keys of `userGroups(...)`.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "UserGroupSearchKeyEnum", rename_items = "camelCase")]
pub enum UserGroupSearchKeyEnum {
    /// Name.
    Name,
    /// Reference.
    Reference,
    /// Type.
    Type,
}

/// Search of `userGroups(...)` (`UserGroupSearchArgType`).
#[derive(InputObject)]
#[graphql(name = "UserGroupSearchArgType")]
pub struct UserGroupSearchArgType {
    key: UserGroupSearchKeyEnum,
    value: String,
}
