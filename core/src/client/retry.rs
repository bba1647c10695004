//! [`RetryPolicy`]: jittered exponential backoff that honours the server's retry-after hint.

use std::time::Duration;

/// How failed calls are retried (SPEC §8).
///
/// Idempotent calls (reads, updates, token minting) are retried after transport errors,
/// timeouts, 429 and 5xx. A create is retried only when it provably did not reach the server
/// (the connection was refused) or the server refused it with 429 before doing anything.
///
/// ```
/// use roq_users::RetryPolicy;
/// use std::time::Duration;
/// let policy = RetryPolicy { max_retries: 5, ..RetryPolicy::default() };
/// assert!(policy.delay(0, None) <= Duration::from_millis(100));
/// assert!(policy.delay(1, Some(Duration::from_secs(2))) >= Duration::from_secs(2));
/// assert_eq!(RetryPolicy::none().max_retries, 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 = never retry).
    pub max_retries: u32,
    /// Upper bound of the first backoff.
    pub initial_backoff: Duration,
    /// Upper bound of any computed backoff (a server hint may ask for longer).
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// The wait before retry number `attempt + 1`: "full jitter" between half and all of
    /// `initial * 2^attempt` (capped at `max_backoff`), and never less than the server's hint.
    pub fn delay(&self, attempt: u32, hint: Option<Duration>) -> Duration {
        let exponential = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(attempt))
            .min(self.max_backoff);
        let jittered = exponential.mul_f64(0.5 + rand::random::<f64>() * 0.5);
        hint.map_or(jittered, |h| h.max(jittered))
    }
}
