//! Users: the [`User`] record and its [`UserCreate`] / [`UserUpdate`] inputs.

use crate::{Id, JsonObject, Patch, Timestamp};
use serde::{Deserialize, Serialize};

/// A user as the API returns it (`UserModel`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// Our id (a UUIDv7 string).
    pub id: String,
    /// The application's own identifier for this user; unique per environment.
    pub reference: String,
    /// E-mail address; unique per environment ignoring case.
    pub email: String,
    /// Given name.
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
    /// E.164 phone number, e.g. `+4930123456`.
    pub phone: Option<String>,
    /// BCP 47 locale in canonical case, e.g. `en-US`.
    pub locale: Option<String>,
    /// IANA time-zone name, e.g. `Europe/Berlin`.
    pub timezone: Option<String>,
    /// Absolute http(s) URL of the avatar picture.
    pub avatar_url: Option<String>,
    /// Whether the user opted in to communication.
    pub is_opted_in: bool,
    /// False once the user is deactivated.
    pub active: bool,
    /// Always true: the record is synchronised from the application.
    pub synced: bool,
    /// Whether two-factor authentication is on.
    pub two_factor_enabled: bool,
    /// The tenant the user belongs to.
    pub tenant_id: String,
    /// Free-form application data (a JSON object).
    pub custom_data: JsonObject,
    /// When the user was created.
    pub created_at: Timestamp,
    /// When the user was last changed.
    pub updated_at: Timestamp,
    /// (ext) Incremented on each change; starts at 1.
    pub version: i64,
}

/// The input of `createUser` (`UserCreateDto`).
///
/// ```
/// use roq_users::UserCreate;
/// let input = UserCreate::new("crm-42", "ada@example.com");
/// assert!(input.validate().is_ok());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "graphql", graphql(name = "UserCreateDto"))]
#[serde(deny_unknown_fields)]
pub struct UserCreate {
    /// Required e-mail address.
    pub email: String,
    /// Required application identifier.
    pub reference: String,
    /// Given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Phone number; spaces, dashes, dots and parentheses are removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// BCP 47 locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// IANA time-zone name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Absolute http(s) URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// Password; stored only as an Argon2id hash, never returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Defaults to false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_opted_in: Option<bool>,
    /// Defaults to true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Defaults to false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub two_factor_enabled: Option<bool>,
    /// Defaults to the environment's default tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<Id>,
    /// Defaults to `{}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_data: Option<JsonObject>,
    /// Role keys. Roles are not implemented yet: only an empty list is accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
}

impl UserCreate {
    /// An input with the two required fields and every optional one left out.
    pub fn new(reference: impl Into<String>, email: impl Into<String>) -> Self {
        UserCreate {
            reference: reference.into(),
            email: email.into(),
            ..UserCreate::default()
        }
    }
}

/// The input of `updateUser` (`UserUpdateDto`): absent = unchanged, `Null` = cleared.
///
/// ```
/// use roq_users::{Patch, UserUpdate};
/// let deactivate = UserUpdate { active: Patch::Value(false), ..UserUpdate::default() };
/// let json = serde_json::to_value(&deactivate).unwrap();
/// assert_eq!(json, serde_json::json!({"active": false}));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "graphql", graphql(name = "UserUpdateDto"))]
#[serde(deny_unknown_fields)]
pub struct UserUpdate {
    /// New e-mail; `Null` is a validation error.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub email: Patch<String>,
    /// Given name.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub first_name: Patch<String>,
    /// Family name.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub last_name: Patch<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub phone: Patch<String>,
    /// BCP 47 locale.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub locale: Patch<String>,
    /// IANA time-zone name.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub timezone: Patch<String>,
    /// Avatar URL.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub avatar_url: Patch<String>,
    /// Opt-in flag; `Null` is a validation error.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub is_opted_in: Patch<bool>,
    /// `false` deactivates, `true` reactivates; `Null` is a validation error.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub active: Patch<bool>,
    /// Two-factor flag; `Null` is a validation error.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub two_factor_enabled: Patch<bool>,
    /// Move the user to another tenant of the environment; `Null` is a validation error.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub tenant_id: Patch<Id>,
    /// Replaces the custom data as a whole; `Null` clears it to `{}`.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub custom_data: Patch<JsonObject>,
}

impl UserUpdate {
    /// True when the update changes nothing.
    pub fn is_empty(&self) -> bool {
        self == &UserUpdate::default()
    }
}
