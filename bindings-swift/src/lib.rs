//! The uniffi exports of the Swift package `RoqUsers`: an object for the platform and its
//! scoped clients, records for the models, one structured error enum, async methods on the
//! tokio runtime, and a pager that the Swift layer turns into an `AsyncThrowingStream`.
//!
//! Every `#[uniffi::export]` on an impl block with async methods must say
//! `async_runtime = "tokio"`; a test below reads this file and fails when one does not.

mod error;
mod records;

pub use error::{RoqError, Violation};
pub use records::*;

use std::sync::Arc;
use std::time::Duration;

uniffi::setup_scaffolding!();

/// The client of one environment.
#[derive(uniffi::Object)]
pub struct Platform {
    core: roq_users::Platform,
}

#[uniffi::export]
impl Platform {
    /// Checks the configuration and builds the client.
    #[uniffi::constructor]
    pub fn new(config: PlatformConfig) -> Result<Arc<Self>, RoqError> {
        let mut core =
            roq_users::PlatformConfig::new(config.host, config.environment_id, config.api_key);
        if let Some(ms) = config.timeout_ms {
            core.timeout = Duration::from_millis(ms.max(1));
        }
        if let Some(retries) = config.max_retries {
            core.retry.max_retries = retries;
        }
        if let Some(agent) = config.user_agent {
            core.user_agent = agent;
        }
        Ok(Arc::new(Platform {
            core: roq_users::Platform::new(core)?,
        }))
    }

    /// A client acting as the environment's super admin.
    pub fn as_super_admin(&self) -> Arc<Scope> {
        Arc::new(Scope {
            core: self.core.as_super_admin(),
        })
    }

    /// A client acting as one user (reads its own record only).
    pub fn as_user(&self, user_id: String) -> Arc<Scope> {
        Arc::new(Scope {
            core: self.core.as_user(user_id),
        })
    }
}

/// A client acting as the super admin or as one user.
#[derive(uniffi::Object)]
pub struct Scope {
    core: roq_users::Scope,
}

#[uniffi::export(async_runtime = "tokio")]
impl Scope {
    /// Creates a user.
    pub async fn create_user(&self, user: UserCreate) -> Result<User, RoqError> {
        Ok(self.core.create_user(user.into_core()?).await?.into())
    }

    /// Updates a user (`nil` fields stay unchanged).
    pub async fn update_user(&self, id: String, user: UserUpdate) -> Result<User, RoqError> {
        Ok(self.core.update_user(&id, user.into_core()?).await?.into())
    }

    /// Deactivates a user.
    pub async fn deactivate_user(&self, id: String) -> Result<User, RoqError> {
        Ok(self.core.deactivate_user(&id).await?.into())
    }

    /// One user by id.
    pub async fn user(&self, id: String) -> Result<User, RoqError> {
        Ok(self.core.user(&id).await?.into())
    }

    /// One page of users.
    pub async fn users(&self, query: UsersQuery) -> Result<UserPage, RoqError> {
        Ok(self.core.users(query.into_core()?).await?.into())
    }

    /// The pages of a query (`limit` is the page size).
    pub fn users_pager(&self, query: UsersQuery) -> Result<Arc<UsersPager>, RoqError> {
        Ok(Arc::new(UsersPager {
            inner: tokio::sync::Mutex::new(self.core.users_pager(query.into_core()?)),
        }))
    }

    /// Creates a tenant.
    pub async fn create_tenant(
        &self,
        name: String,
        reference: Option<String>,
    ) -> Result<Tenant, RoqError> {
        let input = roq_users::TenantCreate { name, reference };
        Ok(self.core.create_tenant(input).await?.into())
    }

    /// Updates a tenant (`reference` `nil` = unchanged).
    pub async fn update_tenant(
        &self,
        id: String,
        name: String,
        reference: Option<TextUpdate>,
    ) -> Result<Tenant, RoqError> {
        let reference = match reference {
            None => roq_users::Patch::Absent,
            Some(TextUpdate::Clear) => roq_users::Patch::Null,
            Some(TextUpdate::Set { value }) => roq_users::Patch::Value(value),
        };
        let update = roq_users::TenantUpdate { name, reference };
        Ok(self.core.update_tenant(&id, update).await?.into())
    }

    /// One tenant by id.
    pub async fn tenant(&self, id: String) -> Result<Tenant, RoqError> {
        Ok(self.core.tenant(&id).await?.into())
    }

    /// One page of tenants.
    pub async fn tenants(&self, query: TenantsQuery) -> Result<TenantPage, RoqError> {
        Ok(self.core.tenants(query.into_core()?).await?.into())
    }

    /// Runs an operation by name with wire-form JSON text (the conformance format); returns
    /// the result as JSON text.
    pub async fn call(&self, operation: String, input_json: String) -> Result<String, RoqError> {
        let input = serde_json::from_str(&input_json).map_err(|e| {
            RoqError::from(roq_users::Error::validation(vec![
                roq_users::Violation::new(
                    "input",
                    roq_users::validation::code::REQUIRED,
                    format!("input is not JSON: {e}"),
                ),
            ]))
        })?;
        Ok(self.core.call(&operation, input).await?.to_string())
    }
}

/// A cursor over the pages of a users() query.
#[derive(uniffi::Object)]
pub struct UsersPager {
    inner: tokio::sync::Mutex<roq_users::UsersPager>,
}

#[uniffi::export(async_runtime = "tokio")]
impl UsersPager {
    /// The next page, or `nil` after the last one.
    pub async fn next_page(&self) -> Result<Option<Vec<User>>, RoqError> {
        let page = self.inner.lock().await.next_page().await?;
        Ok(page.map(|users| users.into_iter().map(User::from).collect()))
    }
}

#[cfg(test)]
mod tests {
    /// Every export of an impl block with `async fn` declares the tokio runtime (uniffi
    /// otherwise polls reqwest's futures with no reactor: "no reactor running").
    #[test]
    fn every_async_export_declares_the_tokio_runtime() {
        let source = include_str!("lib.rs");
        let mut attribute: Option<&str> = None;
        let mut checked = 0;
        for line in source.lines().map(str::trim) {
            if line.starts_with("#[uniffi::export") {
                attribute = Some(line);
            } else if line.starts_with("impl ")
                && let Some(attr) = attribute.take()
            {
                let block = source.split(line).nth(1).unwrap_or_default();
                let block = block.split("\n}\n").next().unwrap_or_default();
                if block.contains("async fn") {
                    assert!(attr.contains("async_runtime = \"tokio\""), "{line}: {attr}");
                    checked += 1;
                }
            }
        }
        assert!(checked >= 2, "found {checked} async exports");
    }
}
