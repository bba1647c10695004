//! One HTTP call with retries, and the mapping of every answer to a value or an [`Error`].

use super::retry::RetryPolicy;
use crate::{Error, ErrorCode};
use reqwest::header::{HeaderMap, RETRY_AFTER};
use serde_json::Value;
use std::time::Duration;

/// Whether a call may be sent again after a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Idempotency {
    /// Reads, updates and token minting: retried on any retryable error.
    Idempotent,
    /// Creates: retried only when the server provably did nothing.
    Create,
}

/// A failed attempt, with what is known about whether the server saw it.
struct Failure {
    error: Error,
    /// True when the request never reached the server (connection refused / not connected).
    not_sent: bool,
}

impl Failure {
    fn may_retry(&self, idempotency: Idempotency) -> bool {
        match idempotency {
            Idempotency::Idempotent => self.error.is_retryable(),
            Idempotency::Create => self.not_sent || matches!(self.error, Error::RateLimited { .. }),
        }
    }

    fn hint(&self) -> Option<Duration> {
        match &self.error {
            Error::RateLimited {
                retry_after_ms: Some(ms),
                ..
            } => Some(Duration::from_millis(*ms)),
            _ => None,
        }
    }
}

/// POSTs `body` as JSON to `url`, retrying per `policy`; returns the JSON answer of a
/// successful call (for GraphQL: its `data`).
pub(crate) async fn post_json(
    http: &reqwest::Client,
    url: &str,
    headers: HeaderMap,
    body: &Value,
    policy: &RetryPolicy,
    idempotency: Idempotency,
) -> Result<Value, Error> {
    let mut attempt = 0;
    loop {
        match send_once(http, url, headers.clone(), body).await {
            Ok(value) => return Ok(value),
            Err(failure) => {
                if attempt >= policy.max_retries || !failure.may_retry(idempotency) {
                    return Err(failure.error);
                }
                tokio::time::sleep(policy.delay(attempt, failure.hint())).await;
                attempt += 1;
            }
        }
    }
}

async fn send_once(
    http: &reqwest::Client,
    url: &str,
    headers: HeaderMap,
    body: &Value,
) -> Result<Value, Failure> {
    let response = http
        .post(url)
        .headers(headers)
        .json(body)
        .send()
        .await
        .map_err(transport_failure)?;
    let status = response.status().as_u16();
    let retry_after = retry_after(response.headers());
    let bytes = response.bytes().await.map_err(transport_failure)?;
    decode(status, retry_after, &bytes).map_err(|error| Failure {
        error,
        not_sent: false,
    })
}

fn transport_failure(err: reqwest::Error) -> Failure {
    let message = error_chain(&err);
    if err.is_timeout() {
        Failure {
            error: Error::Timeout { message },
            not_sent: false,
        }
    } else {
        Failure {
            error: Error::Transport { message },
            not_sent: err.is_connect(),
        }
    }
}

fn error_chain(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

fn retry_after(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(|seconds| seconds.saturating_mul(1000))
}

/// Maps an HTTP answer to its JSON value or its typed error.
fn decode(status: u16, retry_after_ms: Option<u64>, bytes: &[u8]) -> Result<Value, Error> {
    let json: Option<Value> = serde_json::from_slice(bytes).ok();
    if let Some(json) = &json {
        if let Some(first) = json
            .get("errors")
            .and_then(Value::as_array)
            .and_then(|errors| errors.first())
        {
            let envelope = first
                .pointer("/extensions/response")
                .and_then(Error::from_response);
            let message = first
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or("GraphQL error")
                .to_string();
            return Err(with_hint(
                envelope.unwrap_or_else(|| by_status(status.max(500), message)),
                retry_after_ms,
            ));
        }
        if status >= 400
            && let Some(err) = Error::from_response(json)
        {
            return Err(with_hint(err, retry_after_ms));
        }
    }
    if status >= 400 {
        let text = String::from_utf8_lossy(bytes);
        let message = format!(
            "HTTP {status}: {}",
            text.chars().take(200).collect::<String>()
        );
        return Err(with_hint(by_status(status, message), retry_after_ms));
    }
    json.ok_or_else(|| Error::Transport {
        message: "the server's answer is not JSON".to_string(),
    })
}

fn with_hint(err: Error, retry_after_ms: Option<u64>) -> Error {
    match err {
        Error::RateLimited {
            message,
            retry_after_ms: None,
        } => Error::RateLimited {
            message,
            retry_after_ms,
        },
        other => other,
    }
}

/// An error for a status without ROQ's envelope (a proxy, a load balancer).
fn by_status(status: u16, message: String) -> Error {
    match status {
        400 => Error::Validation {
            code: ErrorCode::ValidationError,
            message,
            violations: Vec::new(),
        },
        401 => Error::Unauthorized { message },
        403 => Error::Forbidden { message },
        404 => Error::NotFound {
            code: ErrorCode::Other("NOT_FOUND".into()),
            message,
        },
        409 => Error::Conflict {
            code: ErrorCode::Other("CONFLICT".into()),
            message,
        },
        413 => Error::PayloadTooLarge { message },
        429 => Error::RateLimited {
            message,
            retry_after_ms: None,
        },
        _ => Error::Server {
            status_code: status,
            code: if status == 503 {
                ErrorCode::ServiceUnavailable
            } else {
                ErrorCode::InternalError
            },
            message,
            request_id: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decodes_envelopes_and_bare_statuses() {
        let graphql = json!({"data": null, "errors": [{"message": "no", "extensions": {"code": "USER_NOT_FOUND",
            "response": {"statusCode": 404, "errorCode": "USER_NOT_FOUND", "message": "no", "variables": {}}}}]});
        let err = decode(200, None, graphql.to_string().as_bytes()).expect_err("error");
        assert_eq!(err.error_code(), ErrorCode::UserNotFound);

        let rest =
            json!({"statusCode": 401, "errorCode": "UNAUTHORIZED_EXCEPTION", "message": "bad key"});
        let err = decode(401, None, rest.to_string().as_bytes()).expect_err("error");
        assert!(matches!(err, Error::Unauthorized { .. }));

        let err = decode(429, Some(1500), b"slow down").expect_err("error");
        assert_eq!(
            err,
            Error::RateLimited {
                message: "HTTP 429: slow down".into(),
                retry_after_ms: Some(1500)
            }
        );
        let err = decode(502, None, b"<html>bad gateway</html>").expect_err("error");
        assert_eq!(err.status_code(), 502);
        assert!(err.is_retryable());
        assert!(matches!(
            decode(200, None, b"not json"),
            Err(Error::Transport { .. })
        ));
        assert_eq!(
            decode(200, None, b"{\"data\":{}}").ok(),
            Some(json!({"data": {}}))
        );
    }

    #[test]
    fn creates_retry_only_when_provably_not_done() {
        let refused = Failure {
            error: Error::Transport {
                message: "refused".into(),
            },
            not_sent: true,
        };
        let reset = Failure {
            error: Error::Transport {
                message: "reset".into(),
            },
            not_sent: false,
        };
        let unavailable = Failure {
            error: Error::unavailable("down"),
            not_sent: false,
        };
        assert!(refused.may_retry(Idempotency::Create));
        assert!(!reset.may_retry(Idempotency::Create));
        assert!(!unavailable.may_retry(Idempotency::Create));
        assert!(reset.may_retry(Idempotency::Idempotent));
        assert!(unavailable.may_retry(Idempotency::Idempotent));
    }
}
