//! Storage: the [`Store`] trait the rest of the server talks to, and its backends.
//!
//! Everything dialect-specific lives behind the trait. The list queries are built with
//! sea-query in [`user_query`] (bound parameters only; no user text is ever formatted into
//! SQL) and rendered by each backend with its own query builder.

mod postgres;
mod sql_store;
mod sqlite;
pub mod user_query;

pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

use async_trait::async_trait;
use roq_users::{
    Error, Page, Paging, Tenant, TenantFilter, TenantOrder, TenantUpdate, User, UserCreate,
    UsersQuery,
};
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

/// A user about to be inserted: validated input plus everything the server decided.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// The new id (UUIDv7).
    pub id: Uuid,
    /// The tenant, already checked to exist in the environment.
    pub tenant_id: Uuid,
    /// The validated, normalised input; its `password` is ignored (see `password_hash`).
    pub input: UserCreate,
    /// Argon2id hash of the password, if one was given.
    pub password_hash: Option<String>,
    /// Creation time, truncated to milliseconds.
    pub now: roq_users::Timestamp,
}

/// An API key as stored (its secret only as a hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyRecord {
    /// The key's id (put into the tokens minted with it).
    pub id: Uuid,
    /// The environment the key belongs to.
    pub environment_id: Uuid,
    /// Whether the key was revoked.
    pub revoked: bool,
}

/// The storage of environments, API keys, tenants and users.
///
/// Every user and tenant method takes the environment id: a request can never reach
/// another environment's rows. Failures come back as [`Error`]: uniqueness as the typed
/// conflicts, unreachable storage as `SERVICE_UNAVAILABLE`, anything else as a logged
/// `INTERNAL_ERROR`.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Checks that the storage answers.
    async fn ping(&self) -> Result<(), Error>;

    /// Returns the value of setting `key`, storing `value` first if it has none yet
    /// (race-free: concurrent callers all get the first stored value).
    async fn setting_or_insert(&self, key: &str, value: &str) -> Result<String, Error>;

    /// Whether the environment exists.
    async fn environment_exists(&self, environment: Uuid) -> Result<bool, Error>;

    /// The oldest environment, if any.
    async fn first_environment(&self) -> Result<Option<Uuid>, Error>;

    /// Creates an environment together with its default tenant.
    async fn create_environment(
        &self,
        environment: Uuid,
        name: &str,
        default_tenant: &Tenant,
    ) -> Result<(), Error>;

    /// Stores an API key hash for an environment. Storing the same hash again is a no-op.
    async fn insert_api_key(
        &self,
        environment: Uuid,
        id: Uuid,
        key_hash: &str,
    ) -> Result<(), Error>;

    /// Looks an API key up by its hash.
    async fn api_key_by_hash(&self, key_hash: &str) -> Result<Option<ApiKeyRecord>, Error>;

    /// Whether the key exists and is not revoked.
    async fn api_key_active(&self, id: Uuid) -> Result<bool, Error>;

    /// Revokes a key; false when there is no such key.
    async fn revoke_api_key(&self, id: Uuid) -> Result<bool, Error>;

    /// Inserts a tenant.
    async fn insert_tenant(&self, environment: Uuid, tenant: &Tenant) -> Result<(), Error>;

    /// One tenant of the environment.
    async fn tenant(&self, environment: Uuid, id: Uuid) -> Result<Option<Tenant>, Error>;

    /// The environment's default tenant.
    async fn default_tenant(&self, environment: Uuid) -> Result<Option<Tenant>, Error>;

    /// Applies a validated update; `None` when there is no such tenant.
    async fn update_tenant(
        &self,
        environment: Uuid,
        id: Uuid,
        update: &TenantUpdate,
        now: roq_users::Timestamp,
    ) -> Result<Option<Tenant>, Error>;

    /// A page of tenants.
    async fn tenants(
        &self,
        environment: Uuid,
        filter: &TenantFilter,
        order: TenantOrder,
        paging: Paging,
    ) -> Result<Page<Tenant>, Error>;

    /// How many users (active or not) belong to the tenant.
    async fn count_tenant_users(&self, environment: Uuid, tenant: Uuid) -> Result<i64, Error>;

    /// Inserts a user; uniqueness of reference and e-mail is enforced here.
    async fn insert_user(&self, environment: Uuid, user: &NewUser) -> Result<User, Error>;

    /// Inserts many users in one transaction: all of them, or none when any insert fails
    /// (a taken reference or e-mail gives the same typed conflict as [`Store::insert_user`]).
    /// Inputs must already be validated. Used to seed large datasets, e.g. by the benchmarks.
    async fn insert_users(&self, environment: Uuid, users: &[NewUser]) -> Result<(), Error>;

    /// One user of the environment.
    async fn user(&self, environment: Uuid, id: Uuid) -> Result<Option<User>, Error>;

    /// Writes the mutable fields of `user` if its stored version is still
    /// `expected_version`, bumping the version; false when the version moved on.
    async fn replace_user(
        &self,
        environment: Uuid,
        user: &User,
        expected_version: i64,
    ) -> Result<bool, Error>;

    /// One page of users for a validated query.
    async fn users(
        &self,
        environment: Uuid,
        query: &UsersQuery,
        paging: Paging,
    ) -> Result<Vec<User>, Error>;

    /// How many users a validated query matches, ignoring paging.
    async fn count_users(&self, environment: Uuid, query: &UsersQuery) -> Result<i64, Error>;
}

/// Connection-pool settings of a store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreOptions {
    /// Most connections in the pool.
    pub max_connections: u32,
    /// How long a request waits for a connection before it is answered `SERVICE_UNAVAILABLE`.
    pub acquire_timeout: Duration,
    /// How long the server keeps retrying an unreachable database at start.
    pub connect_timeout: Duration,
    /// The wait between two connection attempts at start.
    pub retry_interval: Duration,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            max_connections: 16,
            acquire_timeout: Duration::from_secs(3),
            connect_timeout: Duration::from_secs(30),
            retry_interval: Duration::from_secs(1),
        }
    }
}

/// Opens the store named by a database URL, running migrations: `sqlite:PATH` (the
/// embedded default) or `postgres://...` / `postgresql://...`.
pub async fn open(database_url: &str) -> anyhow::Result<Arc<dyn Store>> {
    open_with(database_url, &StoreOptions::default()).await
}

/// [`open`] with explicit pool settings.
pub async fn open_with(
    database_url: &str,
    options: &StoreOptions,
) -> anyhow::Result<Arc<dyn Store>> {
    if database_url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::open(database_url, options).await?))
    } else if database_url.starts_with("postgres://") || database_url.starts_with("postgresql://") {
        Ok(Arc::new(PostgresStore::open(database_url, options).await?))
    } else {
        anyhow::bail!(
            "unsupported database URL {database_url:?}: use sqlite:PATH or postgres://..."
        )
    }
}

/// The one start-up retry rule of both backends: runs `attempt` until it succeeds, its error
/// is not `retryable`, or `options.connect_timeout` has passed, waiting
/// `options.retry_interval` between tries and logging `"{reason}; retrying in ..."` each time.
pub(crate) async fn retry_at_start<T, F, Fut>(
    options: &StoreOptions,
    reason: &str,
    retryable: fn(&anyhow::Error) -> bool,
    mut attempt: F,
) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<T>>,
{
    let started = std::time::Instant::now();
    let mut attempts = 1u32;
    loop {
        match attempt().await {
            Ok(value) => return Ok(value),
            Err(err) if retryable(&err) && started.elapsed() < options.connect_timeout => {
                let wait = options.retry_interval.min(options.connect_timeout);
                tracing::warn!(attempt = attempts, error = %err, "{reason}; retrying in {wait:?}");
                tokio::time::sleep(wait).await;
                attempts += 1;
            }
            Err(err) if attempts > 1 => {
                return Err(err.context(format!(
                    "{reason} after {attempts} attempts over {:?}",
                    started.elapsed()
                )));
            }
            Err(err) => return Err(err),
        }
    }
}

/// Maps a storage failure to the error a client sees, logging internals under a fresh
/// request id that the client gets to quote.
pub(crate) fn storage_error(err: sqlx::Error) -> Error {
    match err {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
            tracing::warn!(error = %err, "storage unavailable");
            Error::unavailable("the storage is unavailable; try again shortly")
        }
        other => {
            let request_id = Uuid::new_v4().to_string();
            tracing::error!(%request_id, error = %other, "storage failure");
            Error::internal(request_id)
        }
    }
}
