//! Scale-out: several server processes on one database (SQLite here, PostgreSQL in the
//! `scripts/with-postgres` run), and a server that starts while PostgreSQL is unreachable.

use base64::Engine;
use roq_users_tests::{POSTGRES_ENV, fresh_database_url, http_client};
use serde_json::{Value, json};
use std::process::Stdio;
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStderr, ChildStdout, Command};

const ENVIRONMENT: &str = "0193a1b2-0000-7000-8000-00000000c0de";
const KEY: &str = "scale-out-test-key";

fn binary() -> String {
    std::env::var("ROQ_USERS_SERVER_BIN").unwrap_or_else(|_| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../target/debug/roq-users-server"
        );
        assert!(
            std::path::Path::new(path).exists(),
            "{path} is missing: build it with cargo build -p roq-users-server"
        );
        path.to_string()
    })
}

struct Process {
    child: Child,
    url: String,
}

type Output<T> = Lines<BufReader<T>>;

async fn spawn(
    database_url: &str,
    args: &[&str],
) -> (Child, Output<ChildStdout>, Output<ChildStderr>) {
    let mut child = Command::new(binary())
        .args(["--listen", "127.0.0.1:0", "--database-url", database_url])
        .args(args)
        .env("ROQ_USERS_ENVIRONMENT_ID", ENVIRONMENT)
        .env("ROQ_USERS_API_KEY", KEY)
        .env("ROQ_USERS_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("server binary starts");
    let stdout = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let stderr = BufReader::new(child.stderr.take().expect("stderr")).lines();
    (child, stdout, stderr)
}

async fn start(database_url: &str, args: &[&str]) -> Process {
    let (child, mut stdout, _stderr) = spawn(database_url, args).await;
    let banner = stdout
        .next_line()
        .await
        .expect("banner")
        .expect("a banner line");
    let url = banner.rsplit(' ').next().expect("url").to_string();
    Process { child, url }
}

async fn token(url: &str) -> String {
    let reply: Value = http_client()
        .post(format!("{url}/v01/authorize/serviceAccount"))
        .json(&json!({"environmentId": ENVIRONMENT, "apiKey": KEY}))
        .send()
        .await
        .expect("mint")
        .json()
        .await
        .expect("json");
    reply["accessToken"]
        .as_str()
        .expect("accessToken")
        .to_string()
}

async fn gql(url: &str, token: &str, query: &str, variables: Value) -> (u16, Value) {
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{ENVIRONMENT}:{KEY}"));
    let response = http_client()
        .post(format!("{url}/v01/server/graphql"))
        .header("roq-platform-authorization", format!("Bearer {token}"))
        .header(
            "roq-platform-server-authorization",
            format!("Basic {basic}"),
        )
        .json(&json!({"query": query, "variables": variables}))
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

const CREATE: &str = "mutation($u: UserCreateDto!) { createUser(user: $u) { id reference } }";

#[tokio::test]
async fn two_server_processes_share_one_database() {
    let dir = tempfile::tempdir().expect("dir");
    let database_url = fresh_database_url(dir.path()).await;
    let a = start(&database_url, &[]).await;
    let b = start(&database_url, &[]).await;

    // A token minted by one server is accepted by the other: the signing secret is shared.
    let from_a = token(&a.url).await;
    let (_, created) = gql(
        &a.url,
        &from_a,
        CREATE,
        json!({"u": {"reference": "shared", "email": "s@x.io"}}),
    )
    .await;
    let id = created["data"]["createUser"]["id"].clone();
    assert!(id.is_string(), "{created}");
    // A write through A is readable through B at once.
    let (status, read) = gql(
        &b.url,
        &from_a,
        "query($id: ID!) { user(id: $id) { reference } }",
        json!({"id": id}),
    )
    .await;
    assert_eq!(
        (status, read["data"]["user"]["reference"].clone()),
        (200, json!("shared")),
        "{read}"
    );

    // Concurrent creates of one reference through both: exactly one user, typed conflicts.
    let from_b = token(&b.url).await;
    let attempts = (0..8).map(|i| {
        let (url, token) = if i % 2 == 0 {
            (&a.url, &from_a)
        } else {
            (&b.url, &from_b)
        };
        gql(
            url,
            token,
            CREATE,
            json!({"u": {"reference": "race", "email": format!("race{i}@x.io")}}),
        )
    });
    let replies = futures::future::join_all(attempts).await;
    let created = replies
        .iter()
        .filter(|(_, r)| r["data"]["createUser"]["id"].is_string())
        .count();
    let conflicts = replies
        .iter()
        .filter(|(_, r)| {
            r["errors"][0]["extensions"]["response"]["errorCode"] == "USER_REFERENCE_ALREADY_EXISTS"
        })
        .count();
    assert_eq!((created, conflicts), (1, 7), "{replies:?}");
    let (_, page) = gql(
        &b.url,
        &from_b,
        "{ users(filter: {reference: {equalTo: \"race\"}}) { totalCount } }",
        json!({}),
    )
    .await;
    assert_eq!(page["data"]["users"]["totalCount"], 1);
    drop((a.child, b.child));
}

/// A TCP forwarder to PostgreSQL that can be switched on and off.
struct Forwarder {
    task: tokio::task::JoinHandle<()>,
}

impl Forwarder {
    async fn start(port: u16, target: String) -> Forwarder {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("forwarder binds");
        let task = tokio::spawn(async move {
            let mut connections = tokio::task::JoinSet::new();
            while let Ok((mut inbound, _)) = listener.accept().await {
                let target = target.clone();
                connections.spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
            }
        });
        Forwarder { task }
    }

    fn stop(self) {
        // Aborting the accept loop drops the listener and every connection it forwards.
        self.task.abort();
    }
}

#[tokio::test]
async fn starts_while_postgres_is_unreachable_and_answers_503_while_it_is_down() {
    let Ok(admin_url) = std::env::var(POSTGRES_ENV) else {
        eprintln!(
            "skipped: {POSTGRES_ENV} is not set (this test needs PostgreSQL; scripts/test runs it under scripts/with-postgres)"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let real = fresh_database_url(dir.path()).await;
    let real_port: u16 = admin_url
        .rsplit(':')
        .next()
        .and_then(|p| p.split('/').next())
        .and_then(|p| p.parse().ok())
        .expect("port in the admin URL");
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("probe");
        probe.local_addr().expect("addr").port()
    };
    let database_url = real.replace(&format!(":{real_port}/"), &format!(":{port}/"));

    // Nothing listens yet: the server retries, saying so.
    let (mut child, mut stdout, mut stderr) = spawn(
        &database_url,
        &[
            "--db-connect-timeout",
            "60",
            "--db-acquire-timeout-ms",
            "1000",
        ],
    )
    .await;
    loop {
        let line = stderr
            .next_line()
            .await
            .expect("stderr")
            .expect("a log line before the banner");
        if line.contains("database unreachable") {
            break;
        }
    }
    let forwarder = Forwarder::start(port, format!("127.0.0.1:{real_port}")).await;
    let banner = stdout
        .next_line()
        .await
        .expect("banner")
        .expect("banner line");
    let url = banner.rsplit(' ').next().expect("url").to_string();
    let admin = token(&url).await;
    let (status, _) = gql(&url, &admin, "{ users { totalCount } }", json!({})).await;
    assert_eq!(status, 200);

    // The database goes away: a typed 503, not a hang.
    forwarder.stop();
    let (status, body) = gql(&url, &admin, "{ users { totalCount } }", json!({})).await;
    let code = body["errors"][0]["extensions"]["response"]["errorCode"].clone();
    assert!(
        code == "SERVICE_UNAVAILABLE" || body["errorCode"] == "SERVICE_UNAVAILABLE",
        "status {status}: {body}"
    );

    // And it comes back.
    let _forwarder = Forwarder::start(port, format!("127.0.0.1:{real_port}")).await;
    let mut recovered = false;
    for _ in 0..20 {
        let (status, body) = gql(&url, &admin, "{ users { totalCount } }", json!({})).await;
        if status == 200 && body["data"]["users"]["totalCount"] == 0 {
            recovered = true;
            break;
        }
    }
    assert!(
        recovered,
        "the server did not recover after the database came back"
    );
    let _ = child.kill().await;
}

/// Replicas started at the same instant on a brand-new database all migrate it and open:
/// whoever loses the race to apply a migration sees it applied and goes on.
#[tokio::test]
async fn stores_opened_at_once_on_a_new_database_all_migrate_it() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = fresh_database_url(dir.path()).await;
    let opens = (0..8).map(|_| roq_users_server::store::open(&url));
    let results = futures::future::join_all(opens).await;
    for result in &results {
        assert!(result.is_ok(), "open failed: {:?}", result.as_ref().err());
    }
    let store = results
        .into_iter()
        .next()
        .and_then(Result::ok)
        .expect("a store opened");
    let environment = uuid::Uuid::now_v7();
    roq_users_server::bootstrap::create_environment(store.as_ref(), environment, "race")
        .await
        .expect("the migrated schema takes an environment");
}
