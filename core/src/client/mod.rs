//! The async SDK client: [`Platform`] and its scoped clients ([`Scope`]).
//!
//! ```no_run
//! # async fn demo() -> Result<(), roq_users::Error> {
//! use roq_users::{Platform, PlatformConfig, UserCreate};
//! let platform = Platform::new(PlatformConfig::new(
//!     "http://127.0.0.1:8080",
//!     "0193a1b2-0000-7000-8000-000000000001",
//!     "rku_...",
//! ))?;
//! let admin = platform.as_super_admin();
//! let user = admin.create_user(UserCreate::new("crm-42", "ada@example.com")).await?;
//! admin.deactivate_user(&user.id).await?;
//! # Ok(()) }
//! ```

mod dispatch;
mod documents;
mod pager;
mod retry;
mod scope;
mod tokens;
mod transport;

pub use dispatch::{OPERATIONS, from_wire};
pub use documents::ALL as DOCUMENTS;
pub use pager::UsersPager;
pub use retry::RetryPolicy;
pub use scope::Scope;

use crate::{Error, Violation, validation};
use base64::Engine;
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::{Value, json};
use std::sync::{Arc, Once};
use std::time::Duration;
use tokens::{Identity, TokenCache};
use transport::{Idempotency, post_json};

/// Default request timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// How to reach one environment of a roq-users (or ROQ) server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformConfig {
    /// Base URL, e.g. `http://127.0.0.1:8080` (no trailing path).
    pub host: String,
    /// The environment id (a UUID).
    pub environment_id: String,
    /// An API key of that environment.
    pub api_key: String,
    /// Timeout of each HTTP request (default 30 s).
    pub timeout: Duration,
    /// Retry policy (default: 3 retries, 100 ms doubling, capped at 5 s).
    pub retry: RetryPolicy,
    /// The `User-Agent` header (default `roq-users-rust/VERSION`).
    pub user_agent: String,
}

impl PlatformConfig {
    /// A configuration with defaults for everything optional.
    pub fn new(
        host: impl Into<String>,
        environment_id: impl Into<String>,
        api_key: impl Into<String>,
    ) -> Self {
        PlatformConfig {
            host: host.into(),
            environment_id: environment_id.into(),
            api_key: api_key.into(),
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            user_agent: concat!("roq-users-rust/", env!("CARGO_PKG_VERSION")).to_string(),
        }
    }
}

/// The client of one environment: cheap to clone, safe to share across tasks. Hands out
/// [`Scope`]s acting as the super admin or as one user; tokens are minted lazily and cached
/// per identity.
#[derive(Clone)]
pub struct Platform {
    inner: Arc<Inner>,
}

struct Inner {
    config: PlatformConfig,
    host: String,
    http: reqwest::Client,
    tokens: TokenCache,
    server_authorization: HeaderValue,
}

impl std::fmt::Debug for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Platform")
            .field("host", &self.inner.host)
            .field("environment_id", &self.inner.config.environment_id)
            .finish_non_exhaustive()
    }
}

/// Installs rustls' ring crypto provider as the process default, once. [`Platform::new`]
/// calls it; call it yourself before building any other reqwest client in a process that
/// uses this crate (reqwest is built without a provider of its own).
pub fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Fails only when the process already chose a provider, which is then used.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

fn invalid_config(field: &str, message: String) -> Error {
    Error::validation(vec![Violation::new(
        field,
        validation::code::INVALID_URL,
        message,
    )])
}

impl Platform {
    /// Checks the configuration and builds the HTTP client (rustls, connection pooling,
    /// keep-alive). Fails with a validation error for a bad host or environment id.
    pub fn new(config: PlatformConfig) -> Result<Platform, Error> {
        install_crypto_provider();
        let host = config.host.trim_end_matches('/').to_string();
        match url::Url::parse(&host) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => {}
            _ => {
                return Err(invalid_config(
                    "host",
                    format!("host must be an http(s) URL, got {:?}", config.host),
                ));
            }
        }
        validation::id_argument("environmentId", &crate::Id(config.environment_id.clone()))?;
        let basic = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", config.environment_id, config.api_key));
        let server_authorization =
            HeaderValue::from_str(&format!("Basic {basic}")).map_err(|_| {
                invalid_config(
                    "apiKey",
                    "apiKey has characters a header cannot carry".into(),
                )
            })?;
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .user_agent(config.user_agent.clone())
            .pool_idle_timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| Error::Transport {
                message: format!("could not build the HTTP client: {e}"),
            })?;
        Ok(Platform {
            inner: Arc::new(Inner {
                config,
                host,
                http,
                tokens: TokenCache::default(),
                server_authorization,
            }),
        })
    }

    /// The configuration this client was built with.
    pub fn config(&self) -> &PlatformConfig {
        &self.inner.config
    }

    /// A client acting as the environment's super admin (server side only).
    pub fn as_super_admin(&self) -> Scope {
        Scope::new(self.clone(), Identity::SuperAdmin)
    }

    /// A client acting as one user: it may read its own record only.
    pub fn as_user(&self, user_id: impl Into<String>) -> Scope {
        Scope::new(self.clone(), Identity::User(user_id.into()))
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.inner.host)
    }

    async fn post(
        &self,
        path: &str,
        headers: HeaderMap,
        body: &Value,
        idempotency: Idempotency,
    ) -> Result<Value, Error> {
        let inner = &self.inner;
        post_json(
            &inner.http,
            &self.url(path),
            headers,
            body,
            &inner.config.retry,
            idempotency,
        )
        .await
    }

    async fn mint_super_admin(&self) -> Result<String, Error> {
        let config = &self.inner.config;
        let body = json!({"environmentId": config.environment_id, "apiKey": config.api_key});
        let answer = self
            .post(
                "/v01/authorize/serviceAccount",
                HeaderMap::new(),
                &body,
                Idempotency::Idempotent,
            )
            .await?;
        access_token(&answer)
    }

    async fn super_admin_token(&self) -> Result<String, Error> {
        self.inner
            .tokens
            .get(&Identity::SuperAdmin, || self.mint_super_admin())
            .await
    }

    async fn mint_user(&self, user_id: &str) -> Result<String, Error> {
        validation::id_argument("userId", &crate::Id(user_id.to_string()))?;
        let config = &self.inner.config;
        let body = json!({"environmentId": config.environment_id, "apiKey": config.api_key, "userId": user_id});
        let mut admin = self.super_admin_token().await?;
        for attempt in 0..2 {
            let mut headers = HeaderMap::new();
            headers.insert("roq-platform-authorization", bearer(&admin)?);
            match self
                .post("/v01/authorize", headers, &body, Idempotency::Idempotent)
                .await
            {
                Err(Error::Unauthorized { .. }) if attempt == 0 => {
                    self.inner
                        .tokens
                        .invalidate(&Identity::SuperAdmin, &admin)
                        .await;
                    admin = self.super_admin_token().await?;
                }
                other => return access_token(&other?),
            }
        }
        Err(Error::unauthorized(
            "the service-account token was refused twice",
        ))
    }

    async fn token(&self, identity: &Identity) -> Result<String, Error> {
        match identity {
            Identity::SuperAdmin => self.super_admin_token().await,
            Identity::User(id) => self.inner.tokens.get(identity, || self.mint_user(id)).await,
        }
    }

    /// Runs a GraphQL document as `identity`; returns its `data`. A 401 re-mints the token
    /// once and sends the request again (the server refused it before doing anything).
    async fn graphql(
        &self,
        identity: &Identity,
        query: &str,
        variables: Value,
        idempotency: Idempotency,
    ) -> Result<Value, Error> {
        let body = json!({"query": query, "variables": variables});
        let mut token = self.token(identity).await?;
        for attempt in 0..2 {
            let mut headers = HeaderMap::new();
            headers.insert("roq-platform-authorization", bearer(&token)?);
            headers.insert(
                "roq-platform-server-authorization",
                self.inner.server_authorization.clone(),
            );
            match self
                .post("/v01/server/graphql", headers, &body, idempotency)
                .await
            {
                Err(Error::Unauthorized { .. }) if attempt == 0 => {
                    self.inner.tokens.invalidate(identity, &token).await;
                    token = self.token(identity).await?;
                }
                other => return other.map(|mut answer| answer["data"].take()),
            }
        }
        Err(Error::unauthorized("the token was refused twice"))
    }
}

fn bearer(token: &str) -> Result<HeaderValue, Error> {
    HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| Error::Transport {
        message: "the server minted a token that is not a valid header value".into(),
    })
}

fn access_token(answer: &Value) -> Result<String, Error> {
    answer
        .get("accessToken")
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| Error::Transport {
            message: "the token endpoint answered without an accessToken".into(),
        })
}
