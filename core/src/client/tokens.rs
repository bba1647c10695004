//! The token cache: one token per identity, minted lazily, reused until shortly before
//! its `exp`, minted at most once at a time per identity.

use crate::Error;
use base64::Engine;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Who a token is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Identity {
    /// The environment's service account.
    SuperAdmin,
    /// One user, by id.
    User(String),
}

struct Cached {
    token: String,
    refresh_at: SystemTime,
}

type Slot = Arc<tokio::sync::Mutex<Option<Cached>>>;

/// Tokens per identity.
#[derive(Default)]
pub(crate) struct TokenCache {
    slots: Mutex<HashMap<Identity, Slot>>,
}

impl TokenCache {
    fn slot(&self, identity: &Identity) -> Slot {
        let mut slots = self
            .slots
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        slots.entry(identity.clone()).or_default().clone()
    }

    /// The cached token of `identity`, or a fresh one from `mint` (which runs at most once
    /// at a time per identity: concurrent callers wait for it and share its token).
    pub(crate) async fn get<F, Fut>(&self, identity: &Identity, mint: F) -> Result<String, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<String, Error>>,
    {
        let slot = self.slot(identity);
        let mut cached = slot.lock().await;
        if let Some(c) = cached.as_ref()
            && SystemTime::now() < c.refresh_at
        {
            return Ok(c.token.clone());
        }
        let token = mint().await?;
        *cached = Some(Cached {
            refresh_at: refresh_at(&token, SystemTime::now()),
            token: token.clone(),
        });
        Ok(token)
    }

    /// Forgets `stale` (a token the server refused), unless another caller already
    /// replaced it with a newer one.
    pub(crate) async fn invalidate(&self, identity: &Identity, stale: &str) {
        let slot = self.slot(identity);
        let mut cached = slot.lock().await;
        if cached.as_ref().is_some_and(|c| c.token == stale) {
            *cached = None;
        }
    }
}

/// The `exp` claim of a JWT, without verifying it (the server does that).
pub(crate) fn expiry(token: &str) -> Option<SystemTime> {
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let exp = u64::try_from(claims.get("exp")?.as_i64()?).ok()?;
    UNIX_EPOCH.checked_add(Duration::from_secs(exp))
}

/// When to mint again: a quarter of the remaining lifetime before `exp`, at most a minute
/// before it. A token without a readable `exp` is used for one minute.
fn refresh_at(token: &str, now: SystemTime) -> SystemTime {
    match expiry(token) {
        Some(exp) => {
            let remaining = exp.duration_since(now).unwrap_or_default();
            let margin = (remaining / 4).min(Duration::from_secs(60));
            exp.checked_sub(margin).unwrap_or(now)
        }
        None => now + Duration::from_secs(60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(exp: u64) -> String {
        let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let payload = engine.encode(format!(r#"{{"sub":"x","exp":{exp}}}"#));
        format!("{}.{payload}.sig", engine.encode("{}"))
    }

    #[test]
    fn refreshes_shortly_before_expiry() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000_000);
        let hour = refresh_at(&jwt(1_000_000 + 3600), now);
        assert_eq!(hour, now + Duration::from_secs(3600 - 60));
        let short = refresh_at(&jwt(1_000_000 + 40), now);
        assert_eq!(short, now + Duration::from_secs(30));
        let expired = refresh_at(&jwt(999_000), now);
        assert!(expired <= now);
        assert_eq!(refresh_at("garbage", now), now + Duration::from_secs(60));
    }

    #[tokio::test]
    async fn mints_once_and_reuses() {
        let cache = TokenCache::default();
        let far = jwt(u64::MAX / 4);
        let mut mints = 0;
        for _ in 0..3 {
            let token = cache
                .get(&Identity::SuperAdmin, || {
                    mints += 1;
                    let t = far.clone();
                    async move { Ok(t) }
                })
                .await
                .expect("token");
            assert_eq!(token, far);
        }
        assert_eq!(mints, 1);
        cache.invalidate(&Identity::SuperAdmin, "other").await;
        let kept = cache
            .get(&Identity::SuperAdmin, || async { Ok(jwt(1)) })
            .await
            .expect("cached");
        assert_eq!(kept, far, "invalidating another token keeps the cached one");
        cache.invalidate(&Identity::SuperAdmin, &far).await;
        let fresh = cache
            .get(&Identity::SuperAdmin, || async { Ok("new".to_string()) })
            .await
            .expect("re-minted");
        assert_eq!(fresh, "new");
    }
}
