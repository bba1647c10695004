//! Load generators: inserts straight into the store, and requests at a fixed concurrency.

use crate::measure::{Stats, rate, timed};
use roq_users::UserCreate;
use roq_users_server::store::{NewUser, Store};
use std::sync::Arc;
use std::time::Instant;
use uuid::Uuid;

/// Users inserted per transaction when seeding.
const SEED_BATCH: usize = 1000;

/// The `i`-th benchmark user of a series: reference `{prefix}-{i}`, e-mail `{prefix}.{i}@bench.io`.
pub fn new_user(i: usize, prefix: &str) -> NewUser {
    let at = roq_users_server::users::now();
    NewUser {
        id: Uuid::now_v7(),
        tenant_id: Uuid::nil(),
        input: UserCreate::new(format!("{prefix}-{i}"), format!("{prefix}.{i}@bench.io")),
        password_hash: None,
        now: at,
    }
}

/// Inserts `count` users directly into the store, one `insert_user` per user, with
/// `concurrency` tasks (the ceiling of `createUser`); returns users/s.
pub async fn store_inserts(
    store: &Arc<dyn Store>,
    environment: Uuid,
    tenant: Uuid,
    prefix: &str,
    count: usize,
    concurrency: usize,
) -> anyhow::Result<f64> {
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let elapsed = timed(async {
        let tasks = (0..concurrency).map(|_| {
            let (store, next) = (store.clone(), next.clone());
            let prefix = prefix.to_string();
            async move {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if i >= count {
                        return Ok::<_, anyhow::Error>(());
                    }
                    let mut user = new_user(i, &prefix);
                    user.tenant_id = tenant;
                    store.insert_user(environment, &user).await?;
                }
            }
        });
        futures::future::try_join_all(tasks).await.map(|_| ())
    })
    .await?;
    Ok(rate(count, elapsed))
}

/// Sends `count` requests made by `make(i)` with `concurrency` in flight; returns requests/s.
pub async fn http_rate<F, Fut>(count: usize, concurrency: usize, make: F) -> anyhow::Result<f64>
where
    F: Fn(usize) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = anyhow::Result<()>> + Send,
{
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let elapsed = timed(async {
        let tasks = (0..concurrency).map(|_| {
            let (make, next) = (make.clone(), next.clone());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if i >= count {
                        return Ok::<_, anyhow::Error>(());
                    }
                    make(i).await?;
                }
            })
        });
        for result in futures::future::join_all(tasks).await {
            result??;
        }
        Ok::<_, anyhow::Error>(())
    })
    .await?;
    Ok(rate(count, elapsed))
}

/// Latencies of `samples` sequential calls of `make`.
pub async fn latencies<F, Fut>(samples: usize, make: F) -> anyhow::Result<Stats>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let mut all = Vec::with_capacity(samples);
    for _ in 0..samples {
        let started = Instant::now();
        make().await?;
        all.push(started.elapsed());
    }
    Ok(Stats::of(all))
}

/// Inserts users `seed-{from}` up to (not including) `seed-{to}` in transactions of
/// [`SEED_BATCH`] with 4 tasks; returns users/s.
pub async fn seed(
    store: &Arc<dyn Store>,
    environment: Uuid,
    tenant: Uuid,
    from: usize,
    to: usize,
) -> anyhow::Result<f64> {
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(from));
    let elapsed = timed(async {
        let tasks = (0..4).map(|_| {
            let (store, next) = (store.clone(), next.clone());
            async move {
                loop {
                    let start = next.fetch_add(SEED_BATCH, std::sync::atomic::Ordering::Relaxed);
                    if start >= to {
                        return Ok::<_, anyhow::Error>(());
                    }
                    let batch: Vec<NewUser> = (start..(start + SEED_BATCH).min(to))
                        .map(|i| {
                            let mut user = new_user(i, "seed");
                            user.tenant_id = tenant;
                            user
                        })
                        .collect();
                    store.insert_users(environment, &batch).await?;
                }
            }
        });
        futures::future::try_join_all(tasks).await.map(|_| ())
    })
    .await?;
    Ok(rate(to.saturating_sub(from), elapsed))
}
