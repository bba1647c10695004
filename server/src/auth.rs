//! Authentication: API keys (stored as SHA-256 hashes), JWT minting and verification, and
//! the [`Principal`] a request acts as.
//!
//! API keys are long random secrets, so a fast SHA-256 digest is the right hash for them:
//! it is checked on every server-side GraphQL request (ROQ sends the key each time), where
//! a password hash would cost tens of milliseconds. User passwords use Argon2id instead.

use crate::store::{ApiKeyRecord, Store};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use roq_users::Error;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

/// The settings key under which the JWT signing secret is kept in the database.
pub const JWT_SECRET_SETTING: &str = "jwt_secret";
/// `sub` of a service-account token when the caller names no e-mail (ROQ's SDK default).
pub const DEFAULT_SERVICE_ACCOUNT: &str = "project-service-account@roq.tech";
/// Longest lifetime a user token may ask for (`expiresIn`).
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(90 * 24 * 3600);

const ROLE_SUPER_ADMIN: &str = "superAdmin";
const ROLE_USER: &str = "user";
const USE_ACCESS: &str = "access";
const USE_ID: &str = "id";

/// Who a request acts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Principal {
    /// Full access to one environment (a service-account token).
    SuperAdmin {
        /// The environment.
        environment: Uuid,
    },
    /// One user of one environment: may read its own record only.
    User {
        /// The environment.
        environment: Uuid,
        /// The user.
        user_id: Uuid,
    },
}

impl Principal {
    /// The environment the principal lives in.
    pub fn environment(&self) -> Uuid {
        match self {
            Principal::SuperAdmin { environment } | Principal::User { environment, .. } => {
                *environment
            }
        }
    }
}

/// The claims of every token roq-users mints.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// User id, or the service account's e-mail.
    pub sub: String,
    /// Environment id.
    pub env: String,
    /// `superAdmin` or `user`.
    pub role: String,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Expires at (seconds since the epoch).
    pub exp: i64,
    /// `access` (accepted by the API) or `id` (identity only, never accepted).
    #[serde(rename = "tokenUse")]
    pub token_use: String,
    /// The API key a service-account token was minted with; revoking it revokes the token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub akid: Option<String>,
    /// The scope the caller asked for, echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<serde_json::Value>,
    /// The user's e-mail (id tokens only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// Mints and checks credentials for one server.
pub struct Auth {
    store: Arc<dyn Store>,
    encoding: EncodingKey,
    decoding: DecodingKey,
    lifetime: Duration,
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field("lifetime", &self.lifetime)
            .finish_non_exhaustive()
    }
}

/// A new random API key (`rku_` + 43 URL-safe characters, 256 bits).
pub fn generate_api_key() -> String {
    format!("rku_{}", URL_SAFE_NO_PAD.encode(random_bytes()))
}

/// A new random JWT signing secret.
pub fn generate_secret() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes())
}

fn random_bytes() -> [u8; 32] {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    bytes
}

/// The stored form of an API key.
pub fn hash_api_key(key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses `Basic base64("<environmentId>:<apiKey>")`.
pub fn parse_basic(header: &str) -> Result<(Uuid, String), Error> {
    let bad = || {
        Error::unauthorized(
            "roq-platform-server-authorization must be Basic base64(environmentId:apiKey)",
        )
    };
    let encoded = header
        .strip_prefix("Basic ")
        .or_else(|| header.strip_prefix("basic "))
        .ok_or_else(bad)?;
    let decoded = STANDARD.decode(encoded.trim()).map_err(|_| bad())?;
    let text = String::from_utf8(decoded).map_err(|_| bad())?;
    let (environment, key) = text.split_once(':').ok_or_else(bad)?;
    let environment = Uuid::parse_str(environment).map_err(|_| bad())?;
    Ok((environment, key.to_string()))
}

/// Parses `Bearer <token>`.
pub fn parse_bearer(header: &str) -> Result<&str, Error> {
    header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Error::unauthorized("the authorization header must be Bearer <token>"))
}

/// Parses an `expiresIn` duration: `"3600s"`, `"60m"`, `"12h"`, `"7d"`, `"3600"` or a number
/// of seconds; between 1 second and 90 days.
pub fn parse_expires_in(value: &serde_json::Value) -> Result<Duration, Error> {
    let invalid = || {
        Error::validation(vec![roq_users::Violation::new(
            "expiresIn",
            roq_users::validation::code::OUT_OF_RANGE,
            "expiresIn must be a duration such as \"3600s\", \"60m\", \"12h\" or \"7d\", between 1s and 90d",
        )])
    };
    let seconds = match value {
        serde_json::Value::Number(n) => n.as_u64().ok_or_else(invalid)?,
        serde_json::Value::String(text) => {
            let text = text.trim();
            let (digits, unit) = match text.char_indices().last() {
                Some((i, c)) if c.is_ascii_alphabetic() => (&text[..i], c),
                _ => (text, 's'),
            };
            let n: u64 = digits.parse().map_err(|_| invalid())?;
            let factor = match unit {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86_400,
                _ => return Err(invalid()),
            };
            n.checked_mul(factor).ok_or_else(invalid)?
        }
        _ => return Err(invalid()),
    };
    let lifetime = Duration::from_secs(seconds);
    if seconds == 0 || lifetime > MAX_TOKEN_LIFETIME {
        return Err(invalid());
    }
    Ok(lifetime)
}

impl Auth {
    /// Credentials for a server whose tokens are signed with `secret` and live `lifetime`.
    pub fn new(store: Arc<dyn Store>, secret: &str, lifetime: Duration) -> Auth {
        Auth {
            store,
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
            lifetime,
        }
    }

    /// The default token lifetime.
    pub fn lifetime(&self) -> Duration {
        self.lifetime
    }

    /// Checks that `key` is an active API key of `environment` (401 otherwise).
    pub async fn check_api_key(&self, environment: Uuid, key: &str) -> Result<ApiKeyRecord, Error> {
        match self.store.api_key_by_hash(&hash_api_key(key)).await? {
            Some(record) if record.environment_id == environment && !record.revoked => Ok(record),
            _ => Err(Error::unauthorized("invalid environment id or API key")),
        }
    }

    fn sign(&self, claims: &Claims) -> Result<String, Error> {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding).map_err(|e| {
            let request_id = Uuid::new_v4().to_string();
            tracing::error!(%request_id, error = %e, "token signing failed");
            Error::internal(request_id)
        })
    }

    fn claims(&self, sub: String, environment: Uuid, role: &str, lifetime: Duration) -> Claims {
        let now = chrono::Utc::now().timestamp();
        let seconds = i64::try_from(lifetime.as_secs()).unwrap_or(i64::MAX / 2);
        Claims {
            sub,
            env: environment.to_string(),
            role: role.to_string(),
            iat: now,
            exp: now.saturating_add(seconds),
            token_use: USE_ACCESS.to_string(),
            akid: None,
            scope: None,
            email: None,
        }
    }

    /// A super-admin access token minted with API key `key`.
    pub fn mint_super_admin(&self, key: &ApiKeyRecord, email: &str) -> Result<String, Error> {
        let mut claims = self.claims(
            email.to_string(),
            key.environment_id,
            ROLE_SUPER_ADMIN,
            self.lifetime,
        );
        claims.akid = Some(key.id.to_string());
        self.sign(&claims)
    }

    /// An access token and an id token for one user.
    pub fn mint_user(
        &self,
        user: &roq_users::User,
        environment: Uuid,
        lifetime: Option<Duration>,
        scope: Option<serde_json::Value>,
    ) -> Result<(String, String), Error> {
        let lifetime = lifetime.unwrap_or(self.lifetime);
        let mut access = self.claims(user.id.clone(), environment, ROLE_USER, lifetime);
        access.scope = scope;
        let mut id = self.claims(user.id.clone(), environment, ROLE_USER, lifetime);
        id.token_use = USE_ID.to_string();
        id.email = Some(user.email.clone());
        Ok((self.sign(&access)?, self.sign(&id)?))
    }

    /// Verifies an access token and checks that it still stands: the API key of a
    /// service-account token is not revoked, the user of a user token exists and is active.
    pub async fn principal(&self, token: &str) -> Result<Principal, Error> {
        self.principal_with_key(token, None).await
    }

    /// Like [`Auth::principal`], when the request already proved that the key `verified` is
    /// active (the Basic header of the server endpoint): a token minted with that key needs no
    /// second revocation lookup.
    pub async fn principal_with_key(
        &self,
        token: &str,
        verified: Option<Uuid>,
    ) -> Result<Principal, Error> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub"]);
        let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation)
            .map_err(|e| Error::unauthorized(format!("invalid access token: {e}")))?
            .claims;
        if claims.token_use != USE_ACCESS {
            return Err(Error::unauthorized("an id token is not an access token"));
        }
        let environment = Uuid::parse_str(&claims.env)
            .map_err(|_| Error::unauthorized("invalid access token: bad environment"))?;
        match claims.role.as_str() {
            ROLE_SUPER_ADMIN => {
                let key = claims
                    .akid
                    .as_deref()
                    .and_then(|k| Uuid::parse_str(k).ok())
                    .ok_or_else(|| Error::unauthorized("invalid access token: no API key"))?;
                if verified != Some(key) && !self.store.api_key_active(key).await? {
                    return Err(Error::unauthorized("the API key of this token was revoked"));
                }
                Ok(Principal::SuperAdmin { environment })
            }
            ROLE_USER => {
                let user_id = Uuid::parse_str(&claims.sub)
                    .map_err(|_| Error::unauthorized("invalid access token: bad subject"))?;
                match self.store.user(environment, user_id).await? {
                    Some(user) if user.active => Ok(Principal::User {
                        environment,
                        user_id,
                    }),
                    Some(_) => Err(Error::unauthorized("the user of this token is deactivated")),
                    None => Err(Error::unauthorized("the user of this token does not exist")),
                }
            }
            _ => Err(Error::unauthorized("invalid access token: unknown role")),
        }
    }
}
