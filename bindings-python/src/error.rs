//! The one place that maps core errors to Python exceptions (the classes of
//! `roq_users.errors`, built by its `_from_native` factory).

use pyo3::prelude::*;
use roq_users::Error;

/// The `roq_users.errors` class name of each error variant.
fn class_name(err: &Error) -> &'static str {
    match err {
        Error::Validation { .. } => "ValidationError",
        Error::NotFound { .. } => "NotFoundError",
        Error::Conflict { .. } => "ConflictError",
        Error::Unauthorized { .. } => "UnauthorizedError",
        Error::Forbidden { .. } => "ForbiddenError",
        Error::PayloadTooLarge { .. } => "PayloadTooLargeError",
        Error::RateLimited { .. } => "RateLimitedError",
        Error::Server { .. } => "ServerError",
        Error::Transport { .. } => "TransportError",
        Error::Timeout { .. } => "RoqTimeoutError",
    }
}

/// The Python exception for a core error.
pub fn to_py_err(py: Python<'_>, err: &Error) -> PyErr {
    let violations = serde_json::to_string(err.violations()).unwrap_or_else(|_| "[]".into());
    let (retry_after_ms, request_id) = match err {
        Error::RateLimited { retry_after_ms, .. } => (*retry_after_ms, None),
        Error::Server { request_id, .. } => (None, request_id.clone()),
        _ => (None, None),
    };
    let built = py.import("roq_users.errors").and_then(|module| {
        module.getattr("_from_native")?.call1((
            class_name(err),
            err.to_string(),
            err.status_code(),
            err.error_code().as_str(),
            violations,
            retry_after_ms,
            request_id,
        ))
    });
    match built {
        Ok(exception) => PyErr::from_value(exception),
        Err(import_failed) => import_failed,
    }
}

/// Like [`to_py_err`], taking the GIL.
pub fn raise(err: &Error) -> PyErr {
    Python::attach(|py| to_py_err(py, err))
}
