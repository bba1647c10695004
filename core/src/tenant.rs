//! Tenants: the [`Tenant`] record and its inputs.

use crate::{Patch, Timestamp};
use serde::{Deserialize, Serialize};

/// An organisation inside an environment (`TenantModel`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tenant {
    /// Our id (a UUIDv7 string).
    pub id: String,
    /// Display name.
    pub name: String,
    /// The application's own identifier, if any.
    pub reference: Option<String>,
    /// True for the environment's one default tenant.
    pub is_default: bool,
    /// When the tenant was created.
    pub created_at: Timestamp,
    /// When the tenant was last changed.
    pub updated_at: Timestamp,
}

/// The input of `createTenant` (`TenantCreateDto`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "graphql", graphql(name = "TenantCreateDto"))]
#[serde(deny_unknown_fields)]
pub struct TenantCreate {
    /// Display name, 1–255 characters.
    pub name: String,
    /// Optional application identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// The input of `updateTenant` (`TenantUpdateDto`): `name` is required as in ROQ;
/// `reference` absent = unchanged, `Null` = cleared.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "graphql", graphql(name = "TenantUpdateDto"))]
#[serde(deny_unknown_fields)]
pub struct TenantUpdate {
    /// New display name.
    pub name: String,
    /// New application identifier.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub reference: Patch<String>,
}

/// Filter of `tenants(...)` (`TenantFilterArgType`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "graphql", graphql(name = "TenantFilterArgType"))]
#[serde(deny_unknown_fields)]
pub struct TenantFilter {
    /// By id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<crate::IdFilter>,
    /// By reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<crate::StringFilter>,
}

/// Sort keys of `tenants(...)` (`TenantOrderSortEnum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "graphql", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "graphql",
    graphql(name = "TenantOrderSortEnum", rename_items = "camelCase")
)]
pub enum TenantSortKey {
    /// Creation time.
    CreatedAt,
}

/// Order of `tenants(...)` (`TenantOrderArgType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "graphql", graphql(name = "TenantOrderArgType"))]
#[serde(deny_unknown_fields)]
pub struct TenantOrder {
    /// Direction.
    pub order: crate::SortOrder,
    /// Key.
    pub sort: TenantSortKey,
}
