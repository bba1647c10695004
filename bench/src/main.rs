//! `roq-users-bench`: measures the server against the raw store's ceiling, the Rust SDK's
//! overhead against a hand-written client, and the server's memory; prints Markdown rows.
//!
//! Usage: `roq-users-bench --server-bin PATH [--users N] [--runs R] [--postgres ADMIN_URL]`
//! (`scripts/bench` runs it and writes BENCHMARKS.md). Figures are medians of R runs.

mod measure;

use anyhow::Context;
use base64::Engine;
use measure::{Stats, median, rate, timed};
use roq_users::{Platform, PlatformConfig, UserCreate};
use roq_users_server::store::{NewUser, Store, StoreOptions};
use serde_json::{Value, json};
use std::process::Stdio;
use std::sync::Arc;
use std::time::Instant;
use tokio::io::{AsyncBufReadExt, BufReader};
use uuid::Uuid;

const KEY: &str = "bench-api-key";
const FILTERED_PAGE: &str = "query($offset: Int) { users(filter: {email: {iLike: \"%@bench.io\"}}, order: {order: ASC, sort: email}, limit: 100, offset: $offset) { totalCount data { id } } }";
const BY_ID: &str = "query($id: ID!) { user(id: $id) { id reference email } }";
const CREATE: &str = "mutation($u: UserCreateDto!) { createUser(user: $u) { id } }";

struct Options {
    server_bin: String,
    users: usize,
    runs: usize,
    postgres: Option<String>,
    /// `--seed DATABASE_URL ENVIRONMENT_ID`: only create the environment (API key
    /// `bench-api-key`) and `users` users in that database, then exit.
    seed: Option<(String, Uuid)>,
}

fn options() -> anyhow::Result<Options> {
    let mut args = std::env::args().skip(1);
    let mut o = Options {
        server_bin: "target/release/roq-users-server".into(),
        users: 100_000,
        runs: 3,
        postgres: std::env::var("ROQ_USERS_TEST_POSTGRES").ok(),
        seed: None,
    };
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--server-bin" => o.server_bin = value,
            "--users" => o.users = value.parse()?,
            "--runs" => o.runs = value.parse()?,
            "--postgres" => o.postgres = Some(value),
            "--seed" => {
                let environment = args.next().context("--seed DATABASE_URL ENVIRONMENT_ID")?;
                o.seed = Some((value, Uuid::parse_str(&environment)?));
            }
            other => anyhow::bail!("unknown flag {other}"),
        }
    }
    Ok(o)
}

/// A server process on one database.
struct Server {
    child: tokio::process::Child,
    url: String,
    environment: Uuid,
}

impl Server {
    async fn start(bin: &str, database_url: &str, environment: Uuid) -> anyhow::Result<Server> {
        let mut child = tokio::process::Command::new(bin)
            .args([
                "--listen",
                "127.0.0.1:0",
                "--database-url",
                database_url,
                "--db-max-connections",
                "32",
            ])
            .env("ROQ_USERS_ENVIRONMENT_ID", environment.to_string())
            .env("ROQ_USERS_API_KEY", KEY)
            .env("ROQ_USERS_LOG", "error")
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()?;
        let mut lines = BufReader::new(child.stdout.take().context("stdout")?).lines();
        let banner = lines.next_line().await?.context("no banner")?;
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        let url = banner.rsplit(' ').next().context("url")?.to_string();
        Ok(Server {
            child,
            url,
            environment,
        })
    }

    /// (current RSS, peak RSS) in MiB, from /proc.
    fn memory(&self) -> (f64, f64) {
        let status = self
            .child
            .id()
            .and_then(|pid| std::fs::read_to_string(format!("/proc/{pid}/status")).ok())
            .unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
                .map_or(f64::NAN, |kb| kb / 1024.0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }
}

/// A hand-written client: raw GraphQL over reqwest with a pre-minted token.
#[derive(Clone)]
struct Raw {
    http: reqwest::Client,
    url: String,
    auth: String,
    basic: String,
}

impl Raw {
    async fn new(server: &Server) -> anyhow::Result<Raw> {
        roq_users::client::install_crypto_provider();
        let http = reqwest::Client::new();
        let token: Value = http
            .post(format!("{}/v01/authorize/serviceAccount", server.url))
            .json(&json!({"environmentId": server.environment, "apiKey": KEY}))
            .send()
            .await?
            .json()
            .await?;
        let basic = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{KEY}", server.environment));
        Ok(Raw {
            http,
            url: format!("{}/v01/server/graphql", server.url),
            auth: format!("Bearer {}", token["accessToken"].as_str().context("token")?),
            basic: format!("Basic {basic}"),
        })
    }

    async fn gql(&self, query: &str, variables: Value) -> anyhow::Result<Value> {
        let reply: Value = self
            .http
            .post(&self.url)
            .header("roq-platform-authorization", &self.auth)
            .header("roq-platform-server-authorization", &self.basic)
            .json(&json!({"query": query, "variables": variables}))
            .send()
            .await?
            .json()
            .await?;
        anyhow::ensure!(reply.get("errors").is_none(), "{reply}");
        Ok(reply)
    }
}

fn new_user(i: usize, prefix: &str) -> NewUser {
    let at = roq_users_server::users::now();
    NewUser {
        id: Uuid::now_v7(),
        tenant_id: Uuid::nil(),
        input: UserCreate::new(format!("{prefix}-{i}"), format!("{prefix}.{i}@bench.io")),
        password_hash: None,
        now: at,
    }
}

/// Inserts `count` users directly into the store with `concurrency` tasks; returns users/s.
async fn store_inserts(
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
async fn http_rate<F, Fut>(count: usize, concurrency: usize, make: F) -> anyhow::Result<f64>
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

async fn latencies<F, Fut>(samples: usize, make: F) -> anyhow::Result<Stats>
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

async fn backend(o: &Options, name: &str, database_url: String) -> anyhow::Result<()> {
    let environment = Uuid::now_v7();
    let server = Server::start(&o.server_bin, &database_url, environment).await?;
    let store = roq_users_server::store::open_with(
        &database_url,
        &StoreOptions {
            max_connections: 32,
            ..StoreOptions::default()
        },
    )
    .await?;
    let tenant = Uuid::parse_str(
        &store
            .default_tenant(environment)
            .await?
            .context("tenant")?
            .id,
    )?;
    let n = o.users;

    // Seed the dataset through the raw store (8 tasks), timing it.
    let seed_rate = store_inserts(&store, environment, tenant, "seed", n, 8).await?;
    let (idle_rss, _) = server.memory();
    println!(
        "| {name} | seed {n} users through the raw store (8 tasks) | {seed_rate:.0} users/s | | |"
    );

    let raw = Raw::new(&server).await?;
    let mut round = 0usize;
    for concurrency in [1usize, 8, 64] {
        let count = 1000 * concurrency.min(8);
        let mut api = Vec::new();
        let mut ceiling = Vec::new();
        for _ in 0..o.runs {
            round += 1;
            let prefix = format!("c{round}");
            ceiling.push(
                store_inserts(&store, environment, tenant, &prefix, count, concurrency).await?,
            );
            round += 1;
            let (raw2, prefix) = (raw.clone(), format!("h{round}"));
            api.push(
                http_rate(count, concurrency, move |i| {
                    let (raw, prefix) = (raw2.clone(), prefix.clone());
                    async move {
                        raw.gql(CREATE, json!({"u": {"reference": format!("{prefix}-{i}"), "email": format!("{prefix}.{i}@bench.io")}})).await.map(|_| ())
                    }
                })
                .await?,
            );
        }
        let (api, ceiling) = (median(api), median(ceiling));
        println!(
            "| {name} | createUser, {concurrency} concurrent clients ({count} per run) | {api:.0} users/s | {ceiling:.0} users/s | {:.0}% |",
            100.0 * api / ceiling
        );
    }
    let (_, peak_rss) = server.memory();

    // user(id): ids of seeded users.
    let ids: Vec<Uuid> = {
        let page = store
            .users(
                environment,
                &roq_users::UsersQuery {
                    limit: Some(1000),
                    ..Default::default()
                },
                roq_users::Paging {
                    limit: 1000,
                    offset: 0,
                },
            )
            .await?;
        page.data
            .iter()
            .filter_map(|u| Uuid::parse_str(&u.id).ok())
            .collect()
    };
    let ids = Arc::new(ids);
    let (mut api, mut ceiling) = (Vec::new(), Vec::new());
    for _ in 0..o.runs {
        let (s2, ids2) = (store.clone(), ids.clone());
        ceiling.push(
            http_rate(5000, 8, move |i| {
                let (store, ids) = (s2.clone(), ids2.clone());
                async move {
                    store
                        .user(environment, ids[i % ids.len()])
                        .await
                        .map(|_| ())
                        .map_err(anyhow::Error::from)
                }
            })
            .await?,
        );
        let (raw2, ids2) = (raw.clone(), ids.clone());
        api.push(
            http_rate(5000, 8, move |i| {
                let (raw, ids) = (raw2.clone(), ids2.clone());
                async move {
                    raw.gql(BY_ID, json!({"id": ids[i % ids.len()]}))
                        .await
                        .map(|_| ())
                }
            })
            .await?,
        );
    }
    let (api, ceiling) = (median(api), median(ceiling));
    println!(
        "| {name} | user(id), 8 concurrent clients | {api:.0} req/s | {ceiling:.0} req/s | {:.0}% |",
        100.0 * api / ceiling
    );

    // users(): filtered by iLike, ordered by email; first page and a deep page.
    let total = store
        .users(
            environment,
            &roq_users::UsersQuery::default(),
            roq_users::Paging {
                limit: 0,
                offset: 0,
            },
        )
        .await?
        .total_count;
    for (label, offset) in [("first page", 0i64), ("deep page", (total - 100).max(0))] {
        let query: roq_users::UsersQuery = serde_json::from_value(json!({
            "filter": {"email": {"iLike": "%@bench.io"}}, "order": {"order": "ASC", "sort": "email"}, "limit": 100, "offset": offset
        }))?;
        let samples = 30;
        let mut api = Vec::new();
        let mut ceiling = Vec::new();
        for _ in 0..o.runs {
            let q = query.clone();
            let s2 = store.clone();
            ceiling.push(
                latencies(samples, || {
                    let (store, q) = (s2.clone(), q.clone());
                    async move {
                        store
                            .users(environment, &q, roq_users::Paging { limit: 100, offset })
                            .await
                            .map(|_| ())
                            .map_err(anyhow::Error::from)
                    }
                })
                .await?,
            );
            api.push(
                latencies(samples, || async {
                    raw.gql(FILTERED_PAGE, json!({"offset": offset}))
                        .await
                        .map(|_| ())
                })
                .await?,
            );
        }
        let (api, ceiling) = (Stats::median_of(api), Stats::median_of(ceiling));
        println!(
            "| {name} | users() iLike filter + email order, {label} (offset {offset} of {total}) | p50 {:.1} ms, p99 {:.1} ms | p50 {:.1} ms, p99 {:.1} ms | {:.0}% |",
            api.p50_ms,
            api.p99_ms,
            ceiling.p50_ms,
            ceiling.p99_ms,
            100.0 * ceiling.p50_ms / api.p50_ms
        );
    }
    println!(
        "| {name} | server RSS: idle after seeding / peak under the 64-client load | {idle_rss:.0} MiB / {peak_rss:.0} MiB | | |"
    );

    if name == "SQLite" {
        sdk_overhead(&server, &raw, &ids, o.runs).await?;
    }
    Ok(())
}

/// 10k user(id) calls sequentially and at concurrency 32: the Rust SDK against the
/// hand-written client sending the same GraphQL.
async fn sdk_overhead(
    server: &Server,
    raw: &Raw,
    ids: &Arc<Vec<Uuid>>,
    runs: usize,
) -> anyhow::Result<()> {
    let platform = Platform::new(PlatformConfig::new(
        server.url.clone(),
        server.environment.to_string(),
        KEY,
    ))?;
    let scope = platform.as_super_admin();
    for concurrency in [1usize, 32] {
        let (mut sdk, mut hand) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            let (scope2, ids2) = (scope.clone(), ids.clone());
            sdk.push(
                http_rate(10_000, concurrency, move |i| {
                    let (scope, ids) = (scope2.clone(), ids2.clone());
                    async move {
                        scope
                            .user(&ids[i % ids.len()].to_string())
                            .await
                            .map(|_| ())
                            .map_err(anyhow::Error::from)
                    }
                })
                .await?,
            );
            let (raw2, ids2) = (raw.clone(), ids.clone());
            hand.push(
                http_rate(10_000, concurrency, move |i| {
                    let (raw, ids) = (raw2.clone(), ids2.clone());
                    async move {
                        raw.gql(BY_ID, json!({"id": ids[i % ids.len()]}))
                            .await
                            .map(|_| ())
                    }
                })
                .await?,
            );
        }
        let (sdk, hand) = (median(sdk), median(hand));
        println!(
            "| Rust | 10k user(id), concurrency {concurrency} | {sdk:.0} req/s | {hand:.0} req/s (reqwest by hand) | {:.2}x |",
            sdk / hand
        );
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let o = options()?;
    if let Some((database_url, environment)) = &o.seed {
        let store = roq_users_server::store::open(database_url).await?;
        roq_users_server::bootstrap::bootstrap(store.as_ref(), Some(*environment), Some(KEY))
            .await?;
        let tenant = Uuid::parse_str(
            &store
                .default_tenant(*environment)
                .await?
                .context("tenant")?
                .id,
        )?;
        let rate = store_inserts(&store, *environment, tenant, "seed", o.users, 8).await?;
        eprintln!("seeded {} users at {rate:.0} users/s", o.users);
        return Ok(());
    }
    let dir = std::env::temp_dir().join(format!("roq-users-bench-{}", Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir)?;
    println!(
        "| backend | measurement | through the API | raw store (ceiling) / reference | ratio |"
    );
    println!("|---|---|---|---|---|");
    backend(
        &o,
        "SQLite",
        format!("sqlite:{}", dir.join("bench.db").display()),
    )
    .await?;
    if let Some(admin) = &o.postgres {
        let name = format!("bench_{}", Uuid::new_v4().simple());
        let status = std::process::Command::new("psql")
            .args([admin.as_str(), "-qc", &format!("CREATE DATABASE {name}")])
            .status()?;
        anyhow::ensure!(status.success(), "could not create the benchmark database");
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        backend(&o, "PostgreSQL", format!("{base}/{name}")).await?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
