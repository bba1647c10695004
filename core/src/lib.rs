//! # roq-users
//!
//! The one Rust core of roq-users: the domain model of the ROQ Platform Users API
//! ([`User`], [`Tenant`], their inputs, the list [filters](UserFilter), [order](UserOrder)
//! and [search](UserSearch)), the [validation] rules that the server and every SDK apply,
//! and the one [`Error`] vocabulary of SPEC §6; and (feature `client`, on by default) the
//! async SDK client [`Platform`] that every language binding drives.
//!
//! ```
//! use roq_users::{UserCreate, ErrorCode};
//! let mut input = UserCreate::new("crm-42", "not-an-email");
//! input.locale = Some("en-us".into());
//! let err = input.validate().unwrap_err();
//! assert_eq!(err.error_code(), ErrorCode::ValidationError);
//! assert_eq!(err.violations()[0].field, "email");
//! ```

#[cfg(feature = "client")]
pub mod client;
pub mod error;
pub mod filter;
pub mod patch;
pub mod query;
pub mod scalar;
pub mod tenant;
pub mod user;
pub mod validation;

#[cfg(feature = "client")]
pub use client::{Platform, PlatformConfig, RetryPolicy, Scope, UsersPager};
pub use error::{Error, ErrorCode, Violation};
pub use filter::{
    BooleanFilter, DateFilter, IdFilter, StringFilter, UserFilter, UserGroupIdFilter,
    UserGroupNameFilter,
};
pub use patch::Patch;
pub use query::{
    DEFAULT_LIMIT, MAX_LIMIT, Page, Paging, SortOrder, TenantsQuery, UserOrder, UserSearch,
    UserSearchKey, UserSortKey, UsersQuery,
};
pub use scalar::{Id, JsonObject, Timestamp};
pub use tenant::{Tenant, TenantCreate, TenantFilter, TenantOrder, TenantSortKey, TenantUpdate};
pub use user::{User, UserCreate, UserUpdate};
