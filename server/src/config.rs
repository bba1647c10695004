//! Server configuration (CLI flags with `ROQ_USERS_*` environment fallbacks in `main`).

use crate::store::StoreOptions;
use std::net::SocketAddr;
use std::time::Duration;
use uuid::Uuid;

/// Default listen address.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
/// Default database: an SQLite file in the working folder, created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite:roq-users.db";
/// Default largest request body (1 MiB).
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;
/// Default token lifetime (1 hour).
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);

/// Everything a server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free port.
    pub listen: SocketAddr,
    /// `sqlite:PATH` (default `sqlite:roq-users.db`) or `postgres://...`.
    pub database_url: String,
    /// Largest request body in bytes.
    pub body_limit: usize,
    /// Default lifetime of minted tokens.
    pub token_lifetime: Duration,
    /// JWT signing secret; when absent one is generated on first start and kept in the database.
    pub jwt_secret: Option<String>,
    /// Pins the id of the environment created on first start.
    pub environment_id: Option<Uuid>,
    /// Pins an API key of that environment (stored hashed).
    pub api_key: Option<String>,
    /// Connection-pool size and timeouts.
    pub store: StoreOptions,
}

impl Config {
    /// Defaults with the given database.
    pub fn new(database_url: impl Into<String>) -> Config {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: database_url.into(),
            body_limit: DEFAULT_BODY_LIMIT,
            token_lifetime: DEFAULT_TOKEN_LIFETIME,
            jwt_secret: None,
            environment_id: None,
            api_key: None,
            store: StoreOptions::default(),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config::new(DEFAULT_DATABASE_URL)
    }
}
