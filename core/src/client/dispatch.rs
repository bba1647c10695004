//! Operations by name with wire-form JSON in and out: the one entry point the language
//! bindings (and the conformance runners) drive, so that no binding re-implements an
//! operation. Names and shapes are those of `tests/conformance/README.md`.

use super::Scope;
use crate::{Error, Violation, validation};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Every operation [`Scope::call`] knows.
pub const OPERATIONS: [&str; 10] = [
    "createUser",
    "updateUser",
    "deactivateUser",
    "user",
    "users",
    "iterUsers",
    "createTenant",
    "updateTenant",
    "tenant",
    "tenants",
];

/// Reads a typed input from wire-form JSON; a value that does not fit is a
/// `VALIDATION_ERROR` naming the field (unknown keys included), not a panic.
pub fn from_wire<T: DeserializeOwned>(field: &str, value: Value) -> Result<T, Error> {
    serde_json::from_value(value).map_err(|e| {
        Error::validation(vec![Violation::new(
            field,
            validation::code::REQUIRED,
            format!("{field} is not valid: {e}"),
        )])
    })
}

fn part<T: DeserializeOwned>(input: &mut Value, key: &str) -> Result<T, Error> {
    let value = input.get_mut(key).map(Value::take).unwrap_or(Value::Null);
    from_wire(key, value)
}

fn id(input: &Value) -> Result<String, Error> {
    match input.get("id") {
        Some(Value::String(id)) => Ok(id.clone()),
        _ => Err(Error::validation(vec![Violation::new(
            "id",
            validation::code::REQUIRED,
            "id must be a string",
        )])),
    }
}

fn wire<T: Serialize>(value: T) -> Result<Value, Error> {
    serde_json::to_value(value).map_err(|e| Error::Transport {
        message: format!("could not represent the result: {e}"),
    })
}

impl Scope {
    /// Runs `operation` (one of [`OPERATIONS`]) with its wire-form `input`; returns the
    /// result in wire form (camelCase keys, ISO dates). `iterUsers` returns every page's
    /// users as one array.
    ///
    /// ```no_run
    /// # async fn demo(scope: roq_users::Scope) -> Result<(), roq_users::Error> {
    /// let user = scope
    ///     .call("createUser", serde_json::json!({"user": {"reference": "r-1", "email": "a@example.com"}}))
    ///     .await?;
    /// assert_eq!(user["active"], true);
    /// # Ok(()) }
    /// ```
    pub async fn call(&self, operation: &str, mut input: Value) -> Result<Value, Error> {
        let input = &mut input;
        match operation {
            "createUser" => wire(self.create_user(part(input, "user")?).await?),
            "updateUser" => wire(self.update_user(&id(input)?, part(input, "user")?).await?),
            "deactivateUser" => wire(self.deactivate_user(&id(input)?).await?),
            "user" => wire(self.user(&id(input)?).await?),
            "users" => wire(self.users(from_wire("query", input.take())?).await?),
            "iterUsers" => {
                let mut pager = self.users_pager(from_wire("query", input.take())?);
                let mut all = Vec::new();
                while let Some(page) = pager.next_page().await? {
                    all.extend(page);
                }
                wire(all)
            }
            "createTenant" => wire(self.create_tenant(part(input, "tenant")?).await?),
            "updateTenant" => wire(
                self.update_tenant(&id(input)?, part(input, "tenant")?)
                    .await?,
            ),
            "tenant" => wire(self.tenant(&id(input)?).await?),
            "tenants" => wire(self.tenants(from_wire("query", input.take())?).await?),
            other => Err(Error::validation(vec![Violation::new(
                "operation",
                validation::code::NOT_SUPPORTED,
                format!(
                    "unknown operation {other:?}; known: {}",
                    OPERATIONS.join(", ")
                ),
            )])),
        }
    }
}
