//! The one error vocabulary of roq-users (SPEC §6), shared by the server and every SDK.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::fmt;

/// The `errorCode` of a failure, as it appears on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The GraphQL document does not match the schema (400).
    GraphqlValidationFailed,
    /// The input breaks a validation or listing rule (400).
    ValidationError,
    /// An ID argument is not a UUID (400).
    InvalidUuid,
    /// Missing, malformed, expired or revoked credentials (401).
    Unauthorized,
    /// The principal may not do this (403).
    Forbidden,
    /// No user with that id in this environment (404).
    UserNotFound,
    /// No tenant with that id in this environment (404).
    TenantNotFound,
    /// Another user of the environment has this reference (409).
    UserReferenceAlreadyExists,
    /// Another user of the environment has this e-mail, ignoring case (409).
    UserEmailAlreadyExists,
    /// (ext) `expectedVersion` did not match (409).
    VersionConflict,
    /// The request body is over the limit (413).
    PayloadTooLarge,
    /// (ext) Too many requests (429).
    RateLimited,
    /// The storage is unreachable (503).
    ServiceUnavailable,
    /// An unexpected failure (500).
    InternalError,
    /// A code this version does not know, kept as received.
    Other(String),
}

impl ErrorCode {
    /// The wire spelling, e.g. `USER_NOT_FOUND`.
    pub fn as_str(&self) -> &str {
        match self {
            ErrorCode::GraphqlValidationFailed => "GRAPHQL_VALIDATION_FAILED",
            ErrorCode::ValidationError => "VALIDATION_ERROR",
            ErrorCode::InvalidUuid => "INVALID_UUID",
            ErrorCode::Unauthorized => "UNAUTHORIZED_EXCEPTION",
            ErrorCode::Forbidden => "FORBIDDEN",
            ErrorCode::UserNotFound => "USER_NOT_FOUND",
            ErrorCode::TenantNotFound => "TENANT_NOT_FOUND",
            ErrorCode::UserReferenceAlreadyExists => "USER_REFERENCE_ALREADY_EXISTS",
            ErrorCode::UserEmailAlreadyExists => "USER_EMAIL_ALREADY_EXISTS",
            ErrorCode::VersionConflict => "VERSION_CONFLICT",
            ErrorCode::PayloadTooLarge => "PAYLOAD_TOO_LARGE",
            ErrorCode::RateLimited => "RATE_LIMITED",
            ErrorCode::ServiceUnavailable => "SERVICE_UNAVAILABLE",
            ErrorCode::InternalError => "INTERNAL_ERROR",
            ErrorCode::Other(code) => code,
        }
    }

    /// Parses a wire spelling; unknown codes become [`ErrorCode::Other`].
    pub fn parse(code: &str) -> ErrorCode {
        const KNOWN: [ErrorCode; 14] = [
            ErrorCode::GraphqlValidationFailed,
            ErrorCode::ValidationError,
            ErrorCode::InvalidUuid,
            ErrorCode::Unauthorized,
            ErrorCode::Forbidden,
            ErrorCode::UserNotFound,
            ErrorCode::TenantNotFound,
            ErrorCode::UserReferenceAlreadyExists,
            ErrorCode::UserEmailAlreadyExists,
            ErrorCode::VersionConflict,
            ErrorCode::PayloadTooLarge,
            ErrorCode::RateLimited,
            ErrorCode::ServiceUnavailable,
            ErrorCode::InternalError,
        ];
        KNOWN
            .into_iter()
            .find(|known| known.as_str() == code)
            .unwrap_or_else(|| ErrorCode::Other(code.to_string()))
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One broken rule of one input field, e.g. `{field: "email", code: "INVALID_EMAIL", ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    /// The input field, in its wire (camelCase) spelling, e.g. `firstName` or `filter.email.valueIn`.
    pub field: String,
    /// A stable machine-readable code, e.g. `TOO_LONG` (see [`crate::validation`]).
    pub code: String,
    /// A human-readable explanation.
    pub message: String,
}

impl Violation {
    /// Builds a violation.
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Violation {
            field: field.into(),
            code: code.to_string(),
            message: message.into(),
        }
    }
}

/// Every failure of roq-users, one variant per class (DESIGN.md rule 2).
///
/// ```
/// use roq_users::{Error, ErrorCode};
/// let err = Error::not_found(ErrorCode::UserNotFound, "no such user");
/// assert_eq!(err.status_code(), 404);
/// assert_eq!(err.error_code().as_str(), "USER_NOT_FOUND");
/// assert!(!err.is_retryable());
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// Bad input (400): `VALIDATION_ERROR`, `INVALID_UUID` or `GRAPHQL_VALIDATION_FAILED`,
    /// with every violation found.
    #[error("{message}")]
    Validation {
        /// Which kind of bad input.
        code: ErrorCode,
        /// The first violation's message (or the document error).
        message: String,
        /// Every violation, per field.
        violations: Vec<Violation>,
    },
    /// A missing user or tenant (404).
    #[error("{message}")]
    NotFound {
        /// `USER_NOT_FOUND` or `TENANT_NOT_FOUND`.
        code: ErrorCode,
        /// Human-readable text.
        message: String,
    },
    /// A uniqueness or version conflict (409).
    #[error("{message}")]
    Conflict {
        /// `USER_REFERENCE_ALREADY_EXISTS`, `USER_EMAIL_ALREADY_EXISTS` or `VERSION_CONFLICT`.
        code: ErrorCode,
        /// Human-readable text.
        message: String,
    },
    /// Missing, malformed, expired or revoked credentials (401).
    #[error("{message}")]
    Unauthorized {
        /// Human-readable text.
        message: String,
    },
    /// The principal may not do this (403).
    #[error("{message}")]
    Forbidden {
        /// Human-readable text.
        message: String,
    },
    /// The request body is over the limit (413).
    #[error("{message}")]
    PayloadTooLarge {
        /// Human-readable text.
        message: String,
    },
    /// Too many requests (429); retry after the hint.
    #[error("{message}")]
    RateLimited {
        /// Human-readable text.
        message: String,
        /// How long to wait before retrying, when the server said.
        retry_after_ms: Option<u64>,
    },
    /// A failure on the server side (5xx).
    #[error("{message}")]
    Server {
        /// The HTTP status, 500 or above.
        status_code: u16,
        /// `INTERNAL_ERROR`, `SERVICE_UNAVAILABLE` or a code this version does not know.
        code: ErrorCode,
        /// Human-readable text; never internals.
        message: String,
        /// The id under which the server logged the failure.
        request_id: Option<String>,
    },
    /// The request did not complete: connection refused or reset, bad response body.
    #[error("transport error: {message}")]
    Transport {
        /// What went wrong.
        message: String,
    },
    /// The request took longer than the configured timeout.
    #[error("timed out: {message}")]
    Timeout {
        /// What timed out.
        message: String,
    },
}

impl Error {
    /// A `VALIDATION_ERROR` carrying every violation; the message is the first one's.
    pub fn validation(violations: Vec<Violation>) -> Error {
        let message = violations
            .first()
            .map(|v| v.message.clone())
            .unwrap_or_else(|| "invalid input".to_string());
        Error::Validation {
            code: ErrorCode::ValidationError,
            message,
            violations,
        }
    }

    /// An `INVALID_UUID` error for the argument `field`.
    pub fn invalid_uuid(field: &str, value: &str) -> Error {
        let message = format!("{field} must be a UUID, got {value:?}");
        Error::Validation {
            code: ErrorCode::InvalidUuid,
            message: message.clone(),
            violations: vec![Violation::new(field, "INVALID_UUID", message)],
        }
    }

    /// A `GRAPHQL_VALIDATION_FAILED` error: the document does not fit the schema.
    pub fn graphql_validation(message: impl Into<String>) -> Error {
        Error::Validation {
            code: ErrorCode::GraphqlValidationFailed,
            message: message.into(),
            violations: Vec::new(),
        }
    }

    /// A not-found error with its code.
    pub fn not_found(code: ErrorCode, message: impl Into<String>) -> Error {
        Error::NotFound {
            code,
            message: message.into(),
        }
    }

    /// A conflict with its code.
    pub fn conflict(code: ErrorCode, message: impl Into<String>) -> Error {
        Error::Conflict {
            code,
            message: message.into(),
        }
    }

    /// An `UNAUTHORIZED_EXCEPTION`.
    pub fn unauthorized(message: impl Into<String>) -> Error {
        Error::Unauthorized {
            message: message.into(),
        }
    }

    /// A `FORBIDDEN`.
    pub fn forbidden(message: impl Into<String>) -> Error {
        Error::Forbidden {
            message: message.into(),
        }
    }

    /// An `INTERNAL_ERROR` that names only the request id under which it was logged.
    pub fn internal(request_id: impl Into<String>) -> Error {
        let request_id = request_id.into();
        Error::Server {
            status_code: 500,
            code: ErrorCode::InternalError,
            message: format!("internal error (request id {request_id})"),
            request_id: Some(request_id),
        }
    }

    /// A `SERVICE_UNAVAILABLE` (503): the storage cannot be reached right now.
    pub fn unavailable(message: impl Into<String>) -> Error {
        Error::Server {
            status_code: 503,
            code: ErrorCode::ServiceUnavailable,
            message: message.into(),
            request_id: None,
        }
    }

    /// The HTTP status that goes with this error.
    pub fn status_code(&self) -> u16 {
        match self {
            Error::Validation { .. } => 400,
            Error::Unauthorized { .. } => 401,
            Error::Forbidden { .. } => 403,
            Error::NotFound { .. } => 404,
            Error::Conflict { .. } => 409,
            Error::PayloadTooLarge { .. } => 413,
            Error::RateLimited { .. } => 429,
            Error::Server { status_code, .. } => *status_code,
            Error::Transport { .. } | Error::Timeout { .. } => 0,
        }
    }

    /// The wire `errorCode`.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            Error::Validation { code, .. }
            | Error::NotFound { code, .. }
            | Error::Conflict { code, .. }
            | Error::Server { code, .. } => code.clone(),
            Error::Unauthorized { .. } => ErrorCode::Unauthorized,
            Error::Forbidden { .. } => ErrorCode::Forbidden,
            Error::PayloadTooLarge { .. } => ErrorCode::PayloadTooLarge,
            Error::RateLimited { .. } => ErrorCode::RateLimited,
            Error::Transport { .. } => ErrorCode::Other("TRANSPORT_ERROR".to_string()),
            Error::Timeout { .. } => ErrorCode::Other("TIMEOUT".to_string()),
        }
    }

    /// The per-field violations (empty for anything but validation errors).
    pub fn violations(&self) -> &[Violation] {
        match self {
            Error::Validation { violations, .. } => violations,
            _ => &[],
        }
    }

    /// Whether the same request may succeed when sent again: transport errors, timeouts,
    /// 429 and 5xx. (Whether a *create* may be re-sent is the caller's decision.)
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Error::Transport { .. }
                | Error::Timeout { .. }
                | Error::RateLimited { .. }
                | Error::Server { .. }
        )
    }

    /// The `response` object of ROQ's error envelope (SPEC §6):
    /// `{statusCode, error, message, errorCode, variables}`.
    pub fn to_response(&self) -> Value {
        let status = self.status_code();
        let variables = match self {
            Error::Validation { violations, .. } if !violations.is_empty() => {
                json!({ "errors": violations })
            }
            Error::RateLimited {
                retry_after_ms: Some(ms),
                ..
            } => json!({ "retryAfterMs": ms }),
            Error::Server {
                request_id: Some(id),
                ..
            } => json!({ "requestId": id }),
            _ => json!({}),
        };
        json!({
            "statusCode": status,
            "error": reason_phrase(status),
            "message": self.to_string(),
            "errorCode": self.error_code().as_str(),
            "variables": variables,
        })
    }

    /// The `extensions` object of a GraphQL error: `{code, response}`.
    pub fn to_extensions(&self) -> Value {
        json!({ "code": self.error_code().as_str(), "response": self.to_response() })
    }

    /// Rebuilds an error from the `response` object of ROQ's envelope.
    /// Returns `None` when the object lacks `statusCode` or `errorCode`.
    pub fn from_response(response: &Value) -> Option<Error> {
        let status = u16::try_from(response.get("statusCode")?.as_u64()?).ok()?;
        let code = ErrorCode::parse(response.get("errorCode")?.as_str()?);
        let message = response
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let variables = response.get("variables").cloned().unwrap_or(Value::Null);
        Some(Error::from_parts(status, code, message, &variables))
    }

    fn from_parts(status: u16, code: ErrorCode, message: String, variables: &Value) -> Error {
        match status {
            400 => Error::Validation {
                code,
                message,
                violations: variables
                    .get("errors")
                    .and_then(|v| serde_json::from_value(v.clone()).ok())
                    .unwrap_or_default(),
            },
            401 => Error::Unauthorized { message },
            403 => Error::Forbidden { message },
            404 => Error::NotFound { code, message },
            409 => Error::Conflict { code, message },
            413 => Error::PayloadTooLarge { message },
            429 => Error::RateLimited {
                message,
                retry_after_ms: variables.get("retryAfterMs").and_then(Value::as_u64),
            },
            _ => Error::Server {
                status_code: status,
                code,
                message,
                request_id: variables
                    .get("requestId")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            },
        }
    }
}

/// The standard reason phrase of the statuses roq-users uses.
fn reason_phrase(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_round_trips_through_the_envelope() {
        let errors = [
            Error::validation(vec![Violation::new("email", "INVALID_EMAIL", "bad e-mail")]),
            Error::invalid_uuid("id", "nope"),
            Error::graphql_validation("unknown field"),
            Error::not_found(ErrorCode::UserNotFound, "no user"),
            Error::conflict(ErrorCode::UserEmailAlreadyExists, "taken"),
            Error::unauthorized("who are you"),
            Error::forbidden("no"),
            Error::PayloadTooLarge {
                message: "big".into(),
            },
            Error::RateLimited {
                message: "slow down".into(),
                retry_after_ms: Some(250),
            },
            Error::internal("req-1"),
            Error::unavailable("db down"),
        ];
        for err in errors {
            let back = Error::from_response(&err.to_response()).expect("envelope parses");
            assert_eq!(back, err);
        }
    }

    #[test]
    fn unknown_codes_are_kept() {
        assert_eq!(
            ErrorCode::parse("SOMETHING_NEW"),
            ErrorCode::Other("SOMETHING_NEW".into())
        );
        assert_eq!(ErrorCode::parse("FORBIDDEN"), ErrorCode::Forbidden);
    }
}
