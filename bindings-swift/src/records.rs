//! The records and enums of the FFI, and their conversions to and from the core types.
//! Swift sees every record as an immutable, `Sendable` struct.

use crate::error::RoqError;
use roq_users::{Error as CoreError, Id, JsonObject, Patch, Violation};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How to reach one environment.
#[derive(Debug, Clone, uniffi::Record)]
pub struct PlatformConfig {
    /// Base URL, e.g. `http://127.0.0.1:8080`.
    pub host: String,
    /// The environment id (a UUID).
    pub environment_id: String,
    /// An API key of that environment.
    pub api_key: String,
    /// Timeout of each request in milliseconds (default 30000).
    #[uniffi(default = None)]
    pub timeout_ms: Option<u64>,
    /// Retries of failed idempotent calls (default 3).
    #[uniffi(default = None)]
    pub max_retries: Option<u32>,
    /// The User-Agent header.
    #[uniffi(default = None)]
    pub user_agent: Option<String>,
}

/// A user.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct User {
    /// Our id.
    pub id: String,
    /// The application's id.
    pub reference: String,
    /// E-mail.
    pub email: String,
    /// Given name.
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
    /// E.164 phone.
    pub phone: Option<String>,
    /// BCP 47 locale.
    pub locale: Option<String>,
    /// IANA time zone.
    pub timezone: Option<String>,
    /// Avatar URL.
    pub avatar_url: Option<String>,
    /// Opted in.
    pub is_opted_in: bool,
    /// False once deactivated.
    pub active: bool,
    /// Always true.
    pub synced: bool,
    /// Two-factor authentication on.
    pub two_factor_enabled: bool,
    /// The tenant.
    pub tenant_id: String,
    /// Custom data, a JSON object as text.
    pub custom_data_json: String,
    /// Creation time.
    pub created_at: SystemTime,
    /// Last change.
    pub updated_at: SystemTime,
    /// Incremented on each change.
    pub version: i64,
}

/// A tenant.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Tenant {
    /// Our id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The application's id.
    pub reference: Option<String>,
    /// The environment's default tenant.
    pub is_default: bool,
    /// Creation time.
    pub created_at: SystemTime,
    /// Last change.
    pub updated_at: SystemTime,
}

/// A page of users.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct UserPage {
    /// This page.
    pub data: Vec<User>,
    /// Every match.
    pub total_count: i64,
}

/// A page of tenants.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TenantPage {
    /// This page.
    pub data: Vec<Tenant>,
    /// Every match.
    pub total_count: i64,
}

/// The input of `createUser`.
#[derive(Debug, Clone, uniffi::Record)]
pub struct UserCreate {
    /// Required application id.
    pub reference: String,
    /// Required e-mail.
    pub email: String,
    /// Given name.
    #[uniffi(default = None)]
    pub first_name: Option<String>,
    /// Family name.
    #[uniffi(default = None)]
    pub last_name: Option<String>,
    /// Phone.
    #[uniffi(default = None)]
    pub phone: Option<String>,
    /// Locale.
    #[uniffi(default = None)]
    pub locale: Option<String>,
    /// Time zone.
    #[uniffi(default = None)]
    pub timezone: Option<String>,
    /// Avatar URL.
    #[uniffi(default = None)]
    pub avatar_url: Option<String>,
    /// Password (stored hashed, never returned).
    #[uniffi(default = None)]
    pub password: Option<String>,
    /// Default false.
    #[uniffi(default = None)]
    pub is_opted_in: Option<bool>,
    /// Default true.
    #[uniffi(default = None)]
    pub active: Option<bool>,
    /// Default false.
    #[uniffi(default = None)]
    pub two_factor_enabled: Option<bool>,
    /// Default: the environment's default tenant.
    #[uniffi(default = None)]
    pub tenant_id: Option<String>,
    /// A JSON object as text (default `{}`).
    #[uniffi(default = None)]
    pub custom_data_json: Option<String>,
}

/// A change to a clearable text field (absent = unchanged).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum TextUpdate {
    /// Clear the field.
    Clear,
    /// Set the field.
    Set {
        /// The new value.
        value: String,
    },
}

/// The input of `updateUser`: `nil` = unchanged.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct UserUpdate {
    /// New e-mail.
    #[uniffi(default = None)]
    pub email: Option<String>,
    /// Given name.
    #[uniffi(default = None)]
    pub first_name: Option<TextUpdate>,
    /// Family name.
    #[uniffi(default = None)]
    pub last_name: Option<TextUpdate>,
    /// Phone.
    #[uniffi(default = None)]
    pub phone: Option<TextUpdate>,
    /// Locale.
    #[uniffi(default = None)]
    pub locale: Option<TextUpdate>,
    /// Time zone.
    #[uniffi(default = None)]
    pub timezone: Option<TextUpdate>,
    /// Avatar URL.
    #[uniffi(default = None)]
    pub avatar_url: Option<TextUpdate>,
    /// Opt-in flag.
    #[uniffi(default = None)]
    pub is_opted_in: Option<bool>,
    /// `false` deactivates.
    #[uniffi(default = None)]
    pub active: Option<bool>,
    /// Two-factor flag.
    #[uniffi(default = None)]
    pub two_factor_enabled: Option<bool>,
    /// Move to another tenant.
    #[uniffi(default = None)]
    pub tenant_id: Option<String>,
    /// Replace the custom data (a JSON object as text; `"{}"` clears it).
    #[uniffi(default = None)]
    pub custom_data_json: Option<String>,
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SortOrder {
    /// Ascending, nulls last.
    Asc,
    /// Descending, nulls first.
    Desc,
}

/// Sort keys of `users`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum UserSortKey {
    /// Active flag.
    Active,
    /// Creation time.
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

/// Columns of `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
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

/// The arguments of `users` / `usersPager`.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct UsersQuery {
    /// The `UserFilterArgType` in wire form (JSON text), e.g. `{"email":{"iLike":"%@acme.com"}}`.
    #[uniffi(default = None)]
    pub filter_json: Option<String>,
    /// Page size (default 100, at most 1000).
    #[uniffi(default = None)]
    pub limit: Option<i64>,
    /// Rows to skip.
    #[uniffi(default = None)]
    pub offset: Option<i64>,
    /// Sort direction (with `sort`).
    #[uniffi(default = None)]
    pub order: Option<SortOrder>,
    /// Sort key (default `createdAt`, descending).
    #[uniffi(default = None)]
    pub sort: Option<UserSortKey>,
    /// Search column (with `search_value`).
    #[uniffi(default = None)]
    pub search_key: Option<UserSearchKey>,
    /// Search text (case-insensitive substring).
    #[uniffi(default = None)]
    pub search_value: Option<String>,
}

/// The arguments of `tenants`.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct TenantsQuery {
    /// The `TenantFilterArgType` in wire form (JSON text).
    #[uniffi(default = None)]
    pub filter_json: Option<String>,
    /// Page size.
    #[uniffi(default = None)]
    pub limit: Option<i64>,
    /// Rows to skip.
    #[uniffi(default = None)]
    pub offset: Option<i64>,
    /// Creation-time direction (default descending).
    #[uniffi(default = None)]
    pub order: Option<SortOrder>,
}

fn time(t: roq_users::Timestamp) -> SystemTime {
    let millis = t.millis();
    match u64::try_from(millis) {
        Ok(ms) => UNIX_EPOCH + Duration::from_millis(ms),
        Err(_) => UNIX_EPOCH - Duration::from_millis(millis.unsigned_abs()),
    }
}

impl From<roq_users::User> for User {
    fn from(u: roq_users::User) -> Self {
        User {
            custom_data_json: serde_json::Value::Object(u.custom_data.0).to_string(),
            created_at: time(u.created_at),
            updated_at: time(u.updated_at),
            id: u.id,
            reference: u.reference,
            email: u.email,
            first_name: u.first_name,
            last_name: u.last_name,
            phone: u.phone,
            locale: u.locale,
            timezone: u.timezone,
            avatar_url: u.avatar_url,
            is_opted_in: u.is_opted_in,
            active: u.active,
            synced: u.synced,
            two_factor_enabled: u.two_factor_enabled,
            tenant_id: u.tenant_id,
            version: u.version,
        }
    }
}

impl From<roq_users::Tenant> for Tenant {
    fn from(t: roq_users::Tenant) -> Self {
        Tenant {
            created_at: time(t.created_at),
            updated_at: time(t.updated_at),
            id: t.id,
            name: t.name,
            reference: t.reference,
            is_default: t.is_default,
        }
    }
}

impl From<roq_users::Page<roq_users::User>> for UserPage {
    fn from(p: roq_users::Page<roq_users::User>) -> Self {
        UserPage {
            data: p.data.into_iter().map(User::from).collect(),
            total_count: p.total_count,
        }
    }
}

impl From<roq_users::Page<roq_users::Tenant>> for TenantPage {
    fn from(p: roq_users::Page<roq_users::Tenant>) -> Self {
        TenantPage {
            data: p.data.into_iter().map(Tenant::from).collect(),
            total_count: p.total_count,
        }
    }
}

/// Parses a JSON-text argument into a core type, as a validation error naming the field.
fn json_arg<T: serde::de::DeserializeOwned>(field: &str, text: &str) -> Result<T, RoqError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        RoqError::from(CoreError::validation(vec![Violation::new(
            field,
            roq_users::validation::code::REQUIRED,
            format!("{field} is not JSON: {e}"),
        )]))
    })?;
    roq_users::client::from_wire(field, value).map_err(RoqError::from)
}

fn text_patch(update: Option<TextUpdate>) -> Patch<String> {
    match update {
        None => Patch::Absent,
        Some(TextUpdate::Clear) => Patch::Null,
        Some(TextUpdate::Set { value }) => Patch::Value(value),
    }
}

impl UserCreate {
    /// The core input.
    pub fn into_core(self) -> Result<roq_users::UserCreate, RoqError> {
        let custom_data: Option<JsonObject> = match &self.custom_data_json {
            Some(text) => Some(json_arg("customData", text)?),
            None => None,
        };
        Ok(roq_users::UserCreate {
            email: self.email,
            reference: self.reference,
            first_name: self.first_name,
            last_name: self.last_name,
            phone: self.phone,
            locale: self.locale,
            timezone: self.timezone,
            avatar_url: self.avatar_url,
            password: self.password,
            is_opted_in: self.is_opted_in,
            active: self.active,
            two_factor_enabled: self.two_factor_enabled,
            tenant_id: self.tenant_id.map(Id),
            custom_data,
            roles: None,
        })
    }
}

impl UserUpdate {
    /// The core update.
    pub fn into_core(self) -> Result<roq_users::UserUpdate, RoqError> {
        let custom_data = match &self.custom_data_json {
            Some(text) => Patch::Value(json_arg::<JsonObject>("customData", text)?),
            None => Patch::Absent,
        };
        Ok(roq_users::UserUpdate {
            email: Patch::from_nested(self.email.map(Some)),
            first_name: text_patch(self.first_name),
            last_name: text_patch(self.last_name),
            phone: text_patch(self.phone),
            locale: text_patch(self.locale),
            timezone: text_patch(self.timezone),
            avatar_url: text_patch(self.avatar_url),
            is_opted_in: Patch::from_nested(self.is_opted_in.map(Some)),
            active: Patch::from_nested(self.active.map(Some)),
            two_factor_enabled: Patch::from_nested(self.two_factor_enabled.map(Some)),
            tenant_id: Patch::from_nested(self.tenant_id.map(|id| Some(Id(id)))),
            custom_data,
        })
    }
}

fn sort_order(order: SortOrder) -> roq_users::SortOrder {
    match order {
        SortOrder::Asc => roq_users::SortOrder::Asc,
        SortOrder::Desc => roq_users::SortOrder::Desc,
    }
}

fn sort_key(key: UserSortKey) -> roq_users::UserSortKey {
    use roq_users::UserSortKey as K;
    match key {
        UserSortKey::Active => K::Active,
        UserSortKey::CreatedAt => K::CreatedAt,
        UserSortKey::Email => K::Email,
        UserSortKey::FirstName => K::FirstName,
        UserSortKey::LastName => K::LastName,
        UserSortKey::Locale => K::Locale,
        UserSortKey::Phone => K::Phone,
        UserSortKey::Timezone => K::Timezone,
        UserSortKey::UpdatedAt => K::UpdatedAt,
    }
}

fn search_key(key: UserSearchKey) -> roq_users::UserSearchKey {
    use roq_users::UserSearchKey as K;
    match key {
        UserSearchKey::Email => K::Email,
        UserSearchKey::FirstName => K::FirstName,
        UserSearchKey::LastName => K::LastName,
        UserSearchKey::Locale => K::Locale,
        UserSearchKey::Phone => K::Phone,
        UserSearchKey::Timezone => K::Timezone,
    }
}

impl UsersQuery {
    /// The core query.
    pub fn into_core(self) -> Result<roq_users::UsersQuery, RoqError> {
        let filter = match &self.filter_json {
            Some(text) => Some(json_arg("filter", text)?),
            None => None,
        };
        let order = match (self.order, self.sort) {
            (None, None) => None,
            (order, sort) => Some(roq_users::UserOrder {
                order: sort_order(order.unwrap_or(SortOrder::Desc)),
                sort: sort_key(sort.unwrap_or(UserSortKey::CreatedAt)),
            }),
        };
        let search = match (self.search_key, self.search_value) {
            (Some(key), Some(value)) => Some(roq_users::UserSearch {
                key: search_key(key),
                value,
            }),
            _ => None,
        };
        Ok(roq_users::UsersQuery {
            filter,
            limit: self.limit,
            offset: self.offset,
            order,
            search,
        })
    }
}

impl TenantsQuery {
    /// The core query.
    pub fn into_core(self) -> Result<roq_users::TenantsQuery, RoqError> {
        let filter = match &self.filter_json {
            Some(text) => Some(json_arg("filter", text)?),
            None => None,
        };
        Ok(roq_users::TenantsQuery {
            filter,
            limit: self.limit,
            offset: self.offset,
            order: self.order.map(|o| roq_users::TenantOrder {
                order: sort_order(o),
                sort: roq_users::TenantSortKey::CreatedAt,
            }),
        })
    }
}
