//! `roq-users-bench`: measures the server against the raw store's ceiling, the Rust SDK's
//! overhead against a hand-written client, and the server's memory; prints Markdown rows.
//!
//! Usage: `roq-users-bench --server-bin PATH [--users N[,N...]] [--runs R] [--postgres ADMIN_URL]`
//! (`scripts/bench` runs it and writes BENCHMARKS.md). Figures are medians of R runs. Each
//! backend's dataset grows through the listed sizes; reads are measured at exactly that many
//! users, before the createUser rounds add their own.
//!
//! Two helper modes serve the other scripts: `--seed DATABASE_URL ENVIRONMENT_ID` creates the
//! environment (API key `bench-api-key`) and the largest listed number of users, then exits;
//! `--load URL ENVIRONMENT_ID COUNT [--query DOCUMENT]` sends COUNT user(id) requests (or
//! DOCUMENT, with the same `$id` variable) with 8 clients (the load `scripts/profile`
//! samples); `--document NAME` prints the GraphQL document the SDKs send for operation NAME,
//! so that the Python and Node hand-written clients send exactly the same text.

mod load;
mod measure;
mod server;

use anyhow::Context;
use load::{http_rate, latencies, seed, store_inserts};
use measure::{Stats, median};
use roq_users::{Platform, PlatformConfig};
use roq_users_server::store::{Store, StoreOptions};
use serde_json::json;
use server::{KEY, Raw, Server};
use std::sync::Arc;
use uuid::Uuid;

const FILTERED_PAGE: &str = "query($offset: Int) { users(filter: {email: {iLike: \"%@bench.io\"}}, order: {order: ASC, sort: email}, limit: 100, offset: $offset) { totalCount data { id } } }";
const BY_ID: &str = "query($id: ID!) { user(id: $id) { id reference email } }";
const CREATE: &str = "mutation($u: UserCreateDto!) { createUser(user: $u) { id } }";

/// What the command line asked for.
enum Mode {
    /// The full benchmark.
    Bench,
    /// `--seed DATABASE_URL ENVIRONMENT_ID`.
    Seed(String, Uuid),
    /// `--load URL ENVIRONMENT_ID COUNT`.
    Load(String, Uuid, usize),
    /// `--document NAME`.
    Document(String),
}

struct Options {
    server_bin: String,
    /// Dataset sizes, ascending.
    sizes: Vec<usize>,
    runs: usize,
    postgres: Option<String>,
    /// The document `--load` sends (default [`BY_ID`]).
    load_query: String,
    mode: Mode,
}

fn options() -> anyhow::Result<Options> {
    let mut args = std::env::args().skip(1);
    let mut o = Options {
        server_bin: "target/release/roq-users-server".into(),
        sizes: vec![100_000],
        runs: 3,
        postgres: std::env::var("ROQ_USERS_TEST_POSTGRES").ok(),
        load_query: BY_ID.to_string(),
        mode: Mode::Bench,
    };
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--server-bin" => o.server_bin = value,
            "--users" => {
                o.sizes = value
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()
                    .context("--users takes sizes separated by commas")?;
                o.sizes.sort_unstable();
            }
            "--runs" => o.runs = value.parse()?,
            "--postgres" => o.postgres = Some(value),
            "--seed" => {
                let environment = args.next().context("--seed DATABASE_URL ENVIRONMENT_ID")?;
                o.mode = Mode::Seed(value, Uuid::parse_str(&environment)?);
            }
            "--document" => o.mode = Mode::Document(value),
            "--query" => o.load_query = value,
            "--load" => {
                let usage = "--load URL ENVIRONMENT_ID COUNT";
                let environment = Uuid::parse_str(&args.next().context(usage)?)?;
                let count = args.next().context(usage)?.parse()?;
                o.mode = Mode::Load(value, environment, count);
            }
            other => anyhow::bail!("unknown flag {other}"),
        }
    }
    anyhow::ensure!(!o.sizes.is_empty() && o.runs > 0, "nothing to measure");
    Ok(o)
}

/// `100000` as `100k`, `1000000` as `1M`.
fn short(n: usize) -> String {
    match n {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n if n >= 1000 && n % 1000 == 0 => format!("{}k", n / 1000),
        n => n.to_string(),
    }
}

/// One backend: grows the dataset through every size, measuring reads then writes at each.
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
    let tenant = default_tenant(&store, environment).await?;
    let raw = Raw::new(&server.url, environment).await?;
    let (mut next_seed, mut round) = (0usize, 0usize);
    let mut ids = Arc::new(Vec::new());
    for &size in &o.sizes {
        let missing =
            size.saturating_sub(usize::try_from(total_users(&store, environment).await?)?);
        let seed_rate = seed(&store, environment, tenant, next_seed, next_seed + missing).await?;
        next_seed += missing;
        // The earlier sizes' createUser rounds may have grown the dataset past `size`.
        let present = usize::try_from(total_users(&store, environment).await?)?;
        let label = format!("{name}, {} users", short(present));
        let (idle_rss, _) = server.memory();
        println!(
            "| {label} | seed {missing} users through the raw store (transactions of 1000, 4 tasks) | {seed_rate:.0} users/s | | |"
        );
        ids = Arc::new(first_ids(&store, environment).await?);
        user_by_id(&label, &store, &raw, environment, &ids, o.runs).await?;
        pages(&label, &store, &raw, environment, o.runs).await?;
        creates(
            &label,
            &store,
            &raw,
            environment,
            tenant,
            o.runs,
            &mut round,
        )
        .await?;
        let (_, peak_rss) = server.memory();
        println!(
            "| {label} | server RSS: idle after seeding / peak so far (64-client createUser load) | {idle_rss:.0} MiB / {peak_rss:.0} MiB | | |"
        );
    }
    if name == "SQLite" {
        sdk_overhead(&server, &raw, &ids, o.runs).await?;
    }
    Ok(())
}

async fn default_tenant(store: &Arc<dyn Store>, environment: Uuid) -> anyhow::Result<Uuid> {
    let tenant = store
        .default_tenant(environment)
        .await?
        .context("the environment has a default tenant")?;
    Ok(Uuid::parse_str(&tenant.id)?)
}

/// How many users the default listing (active users) holds.
async fn total_users(store: &Arc<dyn Store>, environment: Uuid) -> anyhow::Result<i64> {
    Ok(store
        .count_users(environment, &roq_users::UsersQuery::default())
        .await?)
}

/// The ids of the first 1000 users (the user(id) workload cycles through them).
async fn first_ids(store: &Arc<dyn Store>, environment: Uuid) -> anyhow::Result<Vec<Uuid>> {
    let paging = roq_users::Paging {
        limit: 1000,
        offset: 0,
    };
    let page = store
        .users(environment, &roq_users::UsersQuery::default(), paging)
        .await?;
    Ok(page
        .iter()
        .filter_map(|u| Uuid::parse_str(&u.id).ok())
        .collect())
}

/// createUser at 1, 8 and 64 clients against `insert_user` at the same concurrency.
async fn creates(
    label: &str,
    store: &Arc<dyn Store>,
    raw: &Raw,
    environment: Uuid,
    tenant: Uuid,
    runs: usize,
    round: &mut usize,
) -> anyhow::Result<()> {
    for concurrency in [1usize, 8, 64] {
        let count = 1000 * concurrency.min(8);
        let (mut api, mut ceiling) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            *round += 1;
            let prefix = format!("c{round}");
            ceiling.push(
                store_inserts(store, environment, tenant, &prefix, count, concurrency).await?,
            );
            *round += 1;
            let (raw, prefix) = (raw.clone(), format!("h{round}"));
            api.push(
                http_rate(count, concurrency, move |i| {
                    let (raw, prefix) = (raw.clone(), prefix.clone());
                    async move {
                        let user = json!({"reference": format!("{prefix}-{i}"), "email": format!("{prefix}.{i}@bench.io")});
                        raw.gql(CREATE, json!({ "u": user })).await.map(|_| ())
                    }
                })
                .await?,
            );
        }
        let (api, ceiling) = (median(api), median(ceiling));
        println!(
            "| {label} | createUser, {concurrency} concurrent clients ({count} per run) | {api:.0} users/s | {ceiling:.0} users/s | {:.0}% |",
            100.0 * api / ceiling
        );
    }
    Ok(())
}

/// user(id) with 8 clients against the store's read at the same concurrency.
async fn user_by_id(
    label: &str,
    store: &Arc<dyn Store>,
    raw: &Raw,
    environment: Uuid,
    ids: &Arc<Vec<Uuid>>,
    runs: usize,
) -> anyhow::Result<()> {
    anyhow::ensure!(!ids.is_empty(), "no users to read");
    let (mut api, mut ceiling) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let (store, ids2) = (store.clone(), ids.clone());
        ceiling.push(
            http_rate(5000, 8, move |i| {
                let (store, ids) = (store.clone(), ids2.clone());
                async move {
                    let user = store.user(environment, ids[i % ids.len()]).await?;
                    user.map(|_| ()).context("seeded user not found")
                }
            })
            .await?,
        );
        let (raw, ids2) = (raw.clone(), ids.clone());
        api.push(
            http_rate(5000, 8, move |i| {
                let (raw, ids) = (raw.clone(), ids2.clone());
                async move {
                    let id = ids[i % ids.len()];
                    raw.gql(BY_ID, json!({ "id": id })).await.map(|_| ())
                }
            })
            .await?,
        );
    }
    let (api, ceiling) = (median(api), median(ceiling));
    println!(
        "| {label} | user(id), 8 concurrent clients | {api:.0} req/s | {ceiling:.0} req/s | {:.0}% |",
        100.0 * api / ceiling
    );
    Ok(())
}

/// users(): filtered by iLike, ordered by e-mail; the first page and the last page.
async fn pages(
    label: &str,
    store: &Arc<dyn Store>,
    raw: &Raw,
    environment: Uuid,
    runs: usize,
) -> anyhow::Result<()> {
    let total = total_users(store, environment).await?;
    for (which, offset) in [("first page", 0i64), ("deep page", (total - 100).max(0))] {
        let query: roq_users::UsersQuery = serde_json::from_value(json!({
            "filter": {"email": {"iLike": "%@bench.io"}}, "order": {"order": "ASC", "sort": "email"}, "limit": 100, "offset": offset
        }))?;
        let paging = roq_users::Paging { limit: 100, offset };
        let samples = 30;
        let (mut api, mut ceiling) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            ceiling.push(
                latencies(samples, || async {
                    // What the API does for a document that selects rows and total.
                    let (rows, total) = tokio::join!(
                        store.users(environment, &query, paging),
                        store.count_users(environment, &query)
                    );
                    rows?;
                    total?;
                    Ok(())
                })
                .await?,
            );
            api.push(
                latencies(samples, || async {
                    raw.gql(FILTERED_PAGE, json!({ "offset": offset }))
                        .await
                        .map(|_| ())
                })
                .await?,
            );
        }
        let (api, ceiling) = (Stats::median_of(api), Stats::median_of(ceiling));
        println!(
            "| {label} | users() iLike filter + email order, {which} (offset {offset} of {total}) | p50 {:.1} ms, p99 {:.1} ms | p50 {:.1} ms, p99 {:.1} ms | {:.0}% |",
            api.p50_ms,
            api.p99_ms,
            ceiling.p50_ms,
            ceiling.p99_ms,
            100.0 * ceiling.p50_ms / api.p50_ms
        );
    }
    Ok(())
}

/// The GraphQL document the SDKs send for `operation` (`user`, `users`, ...).
fn sdk_document(operation: &str) -> anyhow::Result<&'static str> {
    roq_users::client::DOCUMENTS
        .iter()
        .find(|(name, _)| *name == operation)
        .map(|(_, document)| *document)
        .with_context(|| format!("the SDKs send no document named {operation:?}"))
}

/// 10k user(id) calls sequentially and at concurrency 32: the Rust SDK against the
/// hand-written client sending the same GraphQL (the SDK's own document, every field).
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
    let document = sdk_document("user")?;
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
                        raw.gql(document, json!({"id": ids[i % ids.len()]}))
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
    match &o.mode {
        Mode::Bench => {}
        Mode::Seed(database_url, environment) => {
            return seed_only(&o, database_url, *environment).await;
        }
        Mode::Load(url, environment, count) => {
            return load_only(url, *environment, *count, &o.load_query).await;
        }
        Mode::Document(name) => {
            println!("{}", sdk_document(name)?);
            return Ok(());
        }
    }
    let dir = std::env::temp_dir().join(format!("roq-users-bench-{}", Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir)?;
    println!(
        "| backend, dataset | measurement | through the API | raw store (ceiling) / reference | ratio |"
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

/// `--seed`: bootstraps the environment and inserts the largest listed number of users.
async fn seed_only(o: &Options, database_url: &str, environment: Uuid) -> anyhow::Result<()> {
    let store = roq_users_server::store::open(database_url).await?;
    roq_users_server::bootstrap::bootstrap(store.as_ref(), Some(environment), Some(KEY)).await?;
    let tenant = default_tenant(&store, environment).await?;
    let users = o.sizes.last().copied().unwrap_or_default();
    let rate = seed(&store, environment, tenant, 0, users).await?;
    eprintln!("seeded {users} users at {rate:.0} users/s");
    Ok(())
}

/// `--load`: `count` requests of `document` (variable `$id`: a user's id) with 8 clients
/// against a running server.
async fn load_only(
    url: &str,
    environment: Uuid,
    count: usize,
    document: &str,
) -> anyhow::Result<()> {
    let raw = Raw::new(url, environment).await?;
    let ids = {
        let reply = raw
            .gql("{ users(limit: 1000) { data { id } } }", json!({}))
            .await?;
        let data = reply["data"]["users"]["data"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        data.iter()
            .filter_map(|u| u["id"].as_str().and_then(|id| Uuid::parse_str(id).ok()))
            .collect::<Vec<_>>()
    };
    anyhow::ensure!(!ids.is_empty(), "the server has no users to read");
    let (ids, document) = (Arc::new(ids), Arc::new(document.to_string()));
    let rate = http_rate(count, 8, move |i| {
        let (raw, ids, document) = (raw.clone(), ids.clone(), document.clone());
        async move {
            let id = ids[i % ids.len()];
            raw.gql(&document, json!({ "id": id })).await.map(|_| ())
        }
    })
    .await?;
    eprintln!("{count} requests at {rate:.0} req/s");
    Ok(())
}
