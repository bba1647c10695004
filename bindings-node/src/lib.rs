//! The napi-rs glue of the `roq-users` npm package. It bridges Promises onto the core SDK
//! (`Scope::call`, `UsersPager`) with JSON in and out and maps errors to plain data; the JS
//! layer (`lib/`) turns that data into `RoqError` subclasses and `Date`s.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use roq_users::{Error as CoreError, PlatformConfig, RetryPolicy, UsersPager};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;

/// The error kind (JS class name) of each core error variant: the one mapping.
fn kind(err: &CoreError) -> &'static str {
    match err {
        CoreError::Validation { .. } => "ValidationError",
        CoreError::NotFound { .. } => "NotFoundError",
        CoreError::Conflict { .. } => "ConflictError",
        CoreError::Unauthorized { .. } => "UnauthorizedError",
        CoreError::Forbidden { .. } => "ForbiddenError",
        CoreError::PayloadTooLarge { .. } => "PayloadTooLargeError",
        CoreError::RateLimited { .. } => "RateLimitedError",
        CoreError::Server { .. } => "ServerError",
        CoreError::Transport { .. } => "TransportError",
        CoreError::Timeout { .. } => "TimeoutError",
    }
}

/// `{"ok": value}` or `{"error": {kind, message, statusCode, errorCode, violations, ...}}`.
fn outcome(result: std::result::Result<Value, CoreError>) -> String {
    match result {
        Ok(value) => json!({ "ok": value }).to_string(),
        Err(err) => {
            let (retry_after_ms, request_id) = match &err {
                CoreError::RateLimited { retry_after_ms, .. } => (*retry_after_ms, None),
                CoreError::Server { request_id, .. } => (None, request_id.clone()),
                _ => (None, None),
            };
            json!({ "error": {
                "kind": kind(&err),
                "message": err.to_string(),
                "statusCode": err.status_code(),
                "errorCode": err.error_code().as_str(),
                "violations": err.violations(),
                "retryAfterMs": retry_after_ms,
                "requestId": request_id,
            }})
            .to_string()
        }
    }
}

fn parse(input: &str) -> std::result::Result<Value, CoreError> {
    serde_json::from_str(input).map_err(|e| {
        CoreError::validation(vec![roq_users::Violation::new(
            "input",
            roq_users::validation::code::REQUIRED,
            format!("input is not JSON: {e}"),
        )])
    })
}

/// Options of `new NativePlatform(...)`, documented field by field.
#[napi(object)]
pub struct NativeOptions {
    /// Base URL of the server, e.g. `http://127.0.0.1:8080`.
    pub host: String,
    /// The environment id (a UUID).
    pub environment_id: String,
    /// An API key of that environment.
    pub api_key: String,
    /// Timeout of each HTTP request in milliseconds (default 30000).
    pub timeout_ms: Option<u32>,
    /// Retries of a failed idempotent call (default 3).
    pub retries: Option<u32>,
    /// The User-Agent header.
    pub user_agent: Option<String>,
}

/// The native client of one environment.
#[napi]
pub struct NativePlatform {
    core: roq_users::Platform,
}

/// Checks the options and builds the native client, or returns the error envelope JSON
/// (so that the JS layer can throw its own class).
#[napi]
pub fn create_platform(options: NativeOptions) -> Either<NativePlatform, String> {
    let mut config = PlatformConfig::new(options.host, options.environment_id, options.api_key);
    if let Some(ms) = options.timeout_ms {
        config.timeout = Duration::from_millis(u64::from(ms.max(1)));
    }
    config.retry = RetryPolicy {
        max_retries: options.retries.unwrap_or(3),
        ..RetryPolicy::default()
    };
    if let Some(agent) = options.user_agent {
        config.user_agent = agent;
    }
    match roq_users::Platform::new(config) {
        Ok(core) => Either::A(NativePlatform { core }),
        Err(err) => Either::B(outcome(Err(err))),
    }
}

#[napi]
impl NativePlatform {
    /// A scope acting as the super admin (no `userId`) or as one user.
    #[napi]
    pub fn scope(&self, user_id: Option<String>) -> NativeScope {
        NativeScope {
            core: match user_id {
                Some(id) => self.core.as_user(id),
                None => self.core.as_super_admin(),
            },
        }
    }
}

/// The native scoped client.
#[napi]
pub struct NativeScope {
    core: roq_users::Scope,
}

#[napi]
impl NativeScope {
    /// Runs an operation by name with wire-form JSON; resolves to the outcome envelope JSON.
    #[napi]
    pub async fn call(&self, operation: String, input: String) -> String {
        let scope = self.core.clone();
        let result = match parse(&input) {
            Ok(input) => scope.call(&operation, input).await,
            Err(err) => Err(err),
        };
        outcome(result)
    }

    /// The pages of a users() query (wire-form JSON; `limit` is the page size), or the
    /// outcome envelope of a bad query.
    #[napi]
    pub fn pager(&self, input: String) -> Either<NativePager, String> {
        let query = parse(&input).and_then(|v| roq_users::client::from_wire("query", v));
        match query {
            Ok(query) => Either::A(NativePager {
                inner: Arc::new(tokio::sync::Mutex::new(self.core.users_pager(query))),
            }),
            Err(err) => Either::B(outcome(Err(err))),
        }
    }
}

/// A cursor over the pages of a users() query.
#[napi]
pub struct NativePager {
    inner: Arc<tokio::sync::Mutex<UsersPager>>,
}

#[napi]
impl NativePager {
    /// Resolves to the outcome envelope of the next page (`{"ok": null}` after the last).
    #[napi]
    pub async fn next_page(&self) -> String {
        let pager = self.inner.clone();
        let page = pager.lock().await.next_page().await;
        outcome(page.map(|page| serde_json::to_value(page).unwrap_or(Value::Null)))
    }
}
