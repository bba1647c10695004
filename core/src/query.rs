//! Listing: order, search, paging and the page envelope of `users(...)` (SPEC §4).

use crate::{TenantFilter, TenantOrder, UserFilter};
use serde::{Deserialize, Serialize};

/// Default page size of the list queries.
pub const DEFAULT_LIMIT: i64 = 100;
/// Largest page size a list query accepts.
pub const MAX_LIMIT: i64 = 1000;

/// Sort direction (`OrderEnum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[cfg_attr(feature = "graphql", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "graphql",
    graphql(name = "OrderEnum", rename_items = "UPPERCASE")
)]
pub enum SortOrder {
    /// Ascending; nulls last.
    Asc,
    /// Descending; nulls first.
    Desc,
}

/// Sort keys of `users(...)` (`UserOrderSortEnum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "graphql", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "graphql",
    graphql(name = "UserOrderSortEnum", rename_items = "camelCase")
)]
pub enum UserSortKey {
    /// The active flag.
    Active,
    /// Creation time (the default).
    CreatedAt,
    /// E-mail.
    Email,
    /// Given name.
    FirstName,
    /// Family name.
    LastName,
    /// Locale.
    Locale,
    /// Phone.
    Phone,
    /// Time zone.
    Timezone,
    /// Last change.
    UpdatedAt,
}

impl UserSortKey {
    /// Every sort key, in schema order.
    pub const ALL: [UserSortKey; 9] = [
        UserSortKey::Active,
        UserSortKey::CreatedAt,
        UserSortKey::Email,
        UserSortKey::FirstName,
        UserSortKey::LastName,
        UserSortKey::Locale,
        UserSortKey::Phone,
        UserSortKey::Timezone,
        UserSortKey::UpdatedAt,
    ];
}

/// Order of `users(...)` (`UserOrderArgType`). Ties are broken by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "graphql", graphql(name = "UserOrderArgType"))]
#[serde(deny_unknown_fields)]
pub struct UserOrder {
    /// Direction.
    pub order: SortOrder,
    /// Key.
    pub sort: UserSortKey,
}

impl Default for UserOrder {
    fn default() -> Self {
        UserOrder {
            order: SortOrder::Desc,
            sort: UserSortKey::CreatedAt,
        }
    }
}

/// Columns `search: {key, value}` can look in (`UserSearchKeyEnum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "graphql", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "graphql",
    graphql(name = "UserSearchKeyEnum", rename_items = "camelCase")
)]
pub enum UserSearchKey {
    /// E-mail.
    Email,
    /// Given name.
    FirstName,
    /// Family name.
    LastName,
    /// Locale.
    Locale,
    /// Phone.
    Phone,
    /// Time zone.
    Timezone,
}

/// Case-insensitive substring search on one column (`UserSearchArgType`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "graphql", graphql(name = "UserSearchArgType"))]
#[serde(deny_unknown_fields)]
pub struct UserSearch {
    /// The column.
    pub key: UserSearchKey,
    /// The substring.
    pub value: String,
}

/// Every argument of `users(...)`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsersQuery {
    /// Which users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<UserFilter>,
    /// Page size (default 100, at most 1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
    /// Sort (default `createdAt DESC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<UserOrder>,
    /// Search in one column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<UserSearch>,
}

/// Every argument of `tenants(...)`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenantsQuery {
    /// Which tenants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<TenantFilter>,
    /// Page size (default 100, at most 1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
    /// Sort (default `createdAt DESC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<TenantOrder>,
}

/// One page of a list (`XPageModel`): `total_count` counts every match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    /// The rows of this page.
    pub data: Vec<T>,
    /// All matches, ignoring limit and offset.
    pub total_count: i64,
}

/// A validated `limit`/`offset` pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// Rows to return, 0..=1000.
    pub limit: i64,
    /// Rows to skip, >= 0.
    pub offset: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BooleanFilter, IdFilter, Patch, StringFilter, UserFilter};
    use serde_json::json;

    #[test]
    fn a_query_serialises_to_exactly_the_graphql_variables() {
        let query = UsersQuery {
            filter: Some(UserFilter {
                email: Some(StringFilter::i_like("%@acme.com")),
                last_name: Some(StringFilter {
                    equal_to: Patch::Null,
                    ..StringFilter::default()
                }),
                tenant_id: Some(IdFilter::equal_to("0193a1b2-0000-7000-8000-000000000001")),
                with_deactivated: Some(BooleanFilter::equal_to(true)),
                search: Some("ada".into()),
                ..UserFilter::default()
            }),
            limit: Some(10),
            offset: None,
            order: Some(UserOrder {
                order: SortOrder::Asc,
                sort: UserSortKey::FirstName,
            }),
            search: Some(UserSearch {
                key: UserSearchKey::Timezone,
                value: "Europe".into(),
            }),
        };
        let expected = json!({
            "filter": {
                "email": {"iLike": "%@acme.com"},
                "lastName": {"equalTo": null},
                "tenantId": {"equalTo": "0193a1b2-0000-7000-8000-000000000001"},
                "withDeactivated": {"equalTo": true},
                "search": "ada"
            },
            "limit": 10,
            "order": {"order": "ASC", "sort": "firstName"},
            "search": {"key": "timezone", "value": "Europe"}
        });
        assert_eq!(serde_json::to_value(&query).expect("serialises"), expected);
        let back: UsersQuery = serde_json::from_value(expected).expect("deserialises");
        assert_eq!(back, query);
    }
}
