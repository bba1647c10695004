//! The structured FFI error: one variant per core error class (the one mapping).

use roq_users::Error as CoreError;

/// One broken rule of one input field.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Violation {
    /// The input field (wire spelling), e.g. `email`.
    pub field: String,
    /// A stable code, e.g. `INVALID_EMAIL`.
    pub code: String,
    /// Human-readable text.
    pub message: String,
}

/// Every failure, with `status_code`, `error_code` and `message` on each variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum RoqError {
    /// Bad input (400), with every violation.
    #[error("{message}")]
    Validation {
        /// HTTP status.
        status_code: u16,
        /// `VALIDATION_ERROR`, `INVALID_UUID` or `GRAPHQL_VALIDATION_FAILED`.
        error_code: String,
        /// The first violation's message.
        message: String,
        /// Every violation.
        violations: Vec<Violation>,
    },
    /// A missing user or tenant (404).
    #[error("{message}")]
    NotFound {
        /// HTTP status.
        status_code: u16,
        /// `USER_NOT_FOUND` or `TENANT_NOT_FOUND`.
        error_code: String,
        /// Human-readable text.
        message: String,
    },
    /// A uniqueness or version conflict (409).
    #[error("{message}")]
    Conflict {
        /// HTTP status.
        status_code: u16,
        /// The conflict's code.
        error_code: String,
        /// Human-readable text.
        message: String,
    },
    /// Missing, malformed, expired or revoked credentials (401).
    #[error("{message}")]
    Unauthorized {
        /// HTTP status.
        status_code: u16,
        /// `UNAUTHORIZED_EXCEPTION`.
        error_code: String,
        /// Human-readable text.
        message: String,
    },
    /// The principal may not do this (403).
    #[error("{message}")]
    Forbidden {
        /// HTTP status.
        status_code: u16,
        /// `FORBIDDEN`.
        error_code: String,
        /// Human-readable text.
        message: String,
    },
    /// The request body is over the limit (413).
    #[error("{message}")]
    PayloadTooLarge {
        /// HTTP status.
        status_code: u16,
        /// `PAYLOAD_TOO_LARGE`.
        error_code: String,
        /// Human-readable text.
        message: String,
    },
    /// Too many requests (429).
    #[error("{message}")]
    RateLimited {
        /// HTTP status.
        status_code: u16,
        /// `RATE_LIMITED`.
        error_code: String,
        /// Human-readable text.
        message: String,
        /// The server's retry-after hint.
        retry_after_ms: Option<u64>,
    },
    /// A server-side failure (5xx).
    #[error("{message}")]
    Server {
        /// HTTP status.
        status_code: u16,
        /// `INTERNAL_ERROR`, `SERVICE_UNAVAILABLE`, ...
        error_code: String,
        /// Human-readable text.
        message: String,
        /// The id under which the server logged it.
        request_id: Option<String>,
    },
    /// The request did not complete.
    #[error("{message}")]
    Transport {
        /// 0.
        status_code: u16,
        /// `TRANSPORT_ERROR`.
        error_code: String,
        /// What went wrong.
        message: String,
    },
    /// The request timed out.
    #[error("{message}")]
    Timeout {
        /// 0.
        status_code: u16,
        /// `TIMEOUT`.
        error_code: String,
        /// What timed out.
        message: String,
    },
}

impl From<CoreError> for RoqError {
    fn from(err: CoreError) -> Self {
        let status_code = err.status_code();
        let error_code = err.error_code().as_str().to_string();
        let message = err.to_string();
        match err {
            CoreError::Validation { violations, .. } => RoqError::Validation {
                status_code,
                error_code,
                message,
                violations: violations
                    .into_iter()
                    .map(|v| Violation {
                        field: v.field,
                        code: v.code,
                        message: v.message,
                    })
                    .collect(),
            },
            CoreError::NotFound { .. } => RoqError::NotFound {
                status_code,
                error_code,
                message,
            },
            CoreError::Conflict { .. } => RoqError::Conflict {
                status_code,
                error_code,
                message,
            },
            CoreError::Unauthorized { .. } => RoqError::Unauthorized {
                status_code,
                error_code,
                message,
            },
            CoreError::Forbidden { .. } => RoqError::Forbidden {
                status_code,
                error_code,
                message,
            },
            CoreError::PayloadTooLarge { .. } => RoqError::PayloadTooLarge {
                status_code,
                error_code,
                message,
            },
            CoreError::RateLimited { retry_after_ms, .. } => RoqError::RateLimited {
                status_code,
                error_code,
                message,
                retry_after_ms,
            },
            CoreError::Server { request_id, .. } => RoqError::Server {
                status_code,
                error_code,
                message,
                request_id,
            },
            CoreError::Transport { .. } => RoqError::Transport {
                status_code,
                error_code,
                message,
            },
            CoreError::Timeout { .. } => RoqError::Timeout {
                status_code,
                error_code,
                message,
            },
        }
    }
}
