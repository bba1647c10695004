//! Filter operator inputs of the list queries (SPEC §4) and the user filter.
//!
//! Every given field and operator is ANDed. For `equalTo`/`notEqualTo`, [`Patch::Null`]
//! means IS NULL / IS NOT NULL and [`Patch::Absent`] means "not filtered".

use crate::{Id, Patch, Timestamp};
use serde::{Deserialize, Serialize};

/// Operators on a text column (`StringFilterArgType`).
///
/// ```
/// use roq_users::StringFilter;
/// let f = StringFilter::i_like("%@acme.com");
/// assert_eq!(serde_json::to_value(&f).unwrap(), serde_json::json!({"iLike": "%@acme.com"}));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "graphql", graphql(name = "StringFilterArgType"))]
#[serde(deny_unknown_fields)]
pub struct StringFilter {
    /// Equal to the value; `Null` = IS NULL.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub equal_to: Patch<String>,
    /// Not equal to the value; `Null` = IS NOT NULL.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub not_equal_to: Patch<String>,
    /// One of the values; an empty list matches nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_in: Option<Vec<String>>,
    /// None of the values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_not_in: Option<Vec<String>>,
    /// Case-sensitive SQL pattern (`%`, `_`, `\` escapes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub like: Option<String>,
    /// Case-insensitive SQL pattern.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub i_like: Option<String>,
}

impl StringFilter {
    /// `{equalTo: value}`.
    pub fn equal_to(value: impl Into<String>) -> Self {
        StringFilter {
            equal_to: Patch::Value(value.into()),
            ..Self::default()
        }
    }

    /// `{like: pattern}` (case-sensitive).
    pub fn like(pattern: impl Into<String>) -> Self {
        StringFilter {
            like: Some(pattern.into()),
            ..Self::default()
        }
    }

    /// `{iLike: pattern}` (case-insensitive).
    pub fn i_like(pattern: impl Into<String>) -> Self {
        StringFilter {
            i_like: Some(pattern.into()),
            ..Self::default()
        }
    }

    /// `{valueIn: values}`.
    pub fn value_in<S: Into<String>>(values: impl IntoIterator<Item = S>) -> Self {
        StringFilter {
            value_in: Some(values.into_iter().map(Into::into).collect()),
            ..Self::default()
        }
    }
}

/// Operators on an id column (`IdFilterArgType`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "graphql", graphql(name = "IdFilterArgType"))]
#[serde(deny_unknown_fields)]
pub struct IdFilter {
    /// Equal to the id; `Null` = IS NULL.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub equal_to: Patch<Id>,
    /// Not equal to the id; `Null` = IS NOT NULL.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub not_equal_to: Patch<Id>,
    /// One of the ids; an empty list matches nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_in: Option<Vec<Id>>,
    /// None of the ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_not_in: Option<Vec<Id>>,
}

impl IdFilter {
    /// `{equalTo: id}`.
    pub fn equal_to(id: impl Into<Id>) -> Self {
        IdFilter {
            equal_to: Patch::Value(id.into()),
            ..Self::default()
        }
    }
}

/// Operators on a boolean column (`BooleanFilterArgType`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "graphql", graphql(name = "BooleanFilterArgType"))]
#[serde(deny_unknown_fields)]
pub struct BooleanFilter {
    /// Equal to the value; `Null` = IS NULL.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub equal_to: Patch<bool>,
    /// Not equal to the value; `Null` = IS NOT NULL.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub not_equal_to: Patch<bool>,
}

impl BooleanFilter {
    /// `{equalTo: value}`.
    pub fn equal_to(value: bool) -> Self {
        BooleanFilter {
            equal_to: Patch::Value(value),
            ..Self::default()
        }
    }
}

/// Operators on a date column (`DateFilterArgType`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "graphql", graphql(name = "DateFilterArgType"))]
#[serde(deny_unknown_fields)]
pub struct DateFilter {
    /// Equal to; `Null` = IS NULL.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub equal_to: Patch<Timestamp>,
    /// Not equal to; `Null` = IS NOT NULL.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub not_equal_to: Patch<Timestamp>,
    /// Strictly before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub less_than: Option<Timestamp>,
    /// Before or at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub less_than_equal: Option<Timestamp>,
    /// Strictly after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more_than: Option<Timestamp>,
    /// At or after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more_than_equal: Option<Timestamp>,
}

/// Operators on a user's group ids (`UserGroupIdFilterArgType`). User groups are not
/// implemented yet: every user has none, so only `equalTo: null` matches anyone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "graphql", graphql(name = "UserGroupIdFilterArgType"))]
#[serde(deny_unknown_fields)]
pub struct UserGroupIdFilter {
    /// In all of the groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<Vec<Id>>,
    /// Equal to; `Null` = in no group.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub equal_to: Patch<Id>,
    /// Not equal to.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub not_equal_to: Patch<Id>,
    /// In one of the groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_in: Option<Vec<Id>>,
    /// In none of the groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_not_in: Option<Vec<Id>>,
}

/// Operators on a user's group names (`UserGroupNameFilterArgType`); see [`UserGroupIdFilter`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "graphql", graphql(name = "UserGroupNameFilterArgType"))]
#[serde(deny_unknown_fields)]
pub struct UserGroupNameFilter {
    /// In all of the named groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<Vec<String>>,
    /// Equal to; `Null` = in no group.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub equal_to: Patch<String>,
    /// Not equal to.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub not_equal_to: Patch<String>,
    /// One of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_in: Option<Vec<String>>,
    /// None of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_not_in: Option<Vec<String>>,
    /// Case-sensitive pattern.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub like: Option<String>,
    /// Case-insensitive pattern.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub i_like: Option<String>,
}

/// The filter of `users(...)` (`UserFilterArgType`).
///
/// Deactivated users are left out unless `with_deactivated` is `{equalTo: true}` or an
/// explicit `active` filter is given. Role, user-group and provider filters refer to
/// relations that are not implemented yet: every user has none of them.
///
/// ```
/// use roq_users::{StringFilter, UserFilter};
/// let f = UserFilter { reference: Some(StringFilter::equal_to("crm-42")), ..UserFilter::default() };
/// assert_eq!(serde_json::to_value(&f).unwrap(), serde_json::json!({"reference": {"equalTo": "crm-42"}}));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "graphql", graphql(name = "UserFilterArgType"))]
#[serde(deny_unknown_fields)]
pub struct UserFilter {
    /// By id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<IdFilter>,
    /// By reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<StringFilter>,
    /// By e-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<StringFilter>,
    /// By given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<StringFilter>,
    /// By family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<StringFilter>,
    /// By phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<StringFilter>,
    /// By locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<StringFilter>,
    /// By time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<StringFilter>,
    /// By the active flag (also lifts the default exclusion of deactivated users).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<BooleanFilter>,
    /// `{equalTo: true}` includes deactivated users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_deactivated: Option<BooleanFilter>,
    /// By the time the user last opted in (null while not opted in).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opted_in_at: Option<DateFilter>,
    /// By tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<IdFilter>,
    /// By role id (roles are not implemented yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_id: Option<IdFilter>,
    /// By role key (roles are not implemented yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_key: Option<StringFilter>,
    /// By user-group id (user groups are not implemented yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_group_id: Option<UserGroupIdFilter>,
    /// By user-group name (user groups are not implemented yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_group_name: Option<UserGroupNameFilter>,
    /// By identity-provider id (providers are not implemented yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_provider_id: Option<IdFilter>,
    /// Case-insensitive substring over email, firstName and lastName.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
}
