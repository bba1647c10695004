//! The `roq-users-server` binary: first-start bootstrap, restarts, the admin subcommands and
//! durability of acknowledged writes across a killed process.

use serde_json::{Value, json};
use std::process::Stdio;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// reqwest is built without a TLS crypto provider in this workspace: install ring's.
fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

const BIN: &str = env!("CARGO_BIN_EXE_roq-users-server");

struct Started {
    child: Child,
    url: String,
    lines: Vec<String>,
}

/// Starts the binary on a free port and reads its banner (the lines up to the API key line).
async fn start(db: &str, envs: &[(&str, &str)]) -> Started {
    let mut command = Command::new(BIN);
    command
        .args(["--listen", "127.0.0.1:0", "--database-url", db])
        .env("ROQ_USERS_LOG", "warn")
        .env_remove("ROQ_USERS_ENVIRONMENT_ID")
        .env_remove("ROQ_USERS_API_KEY")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true);
    for (k, v) in envs {
        command.env(k, v);
    }
    let mut child = command.spawn().expect("binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut reader = BufReader::new(stdout).lines();
    let mut lines = Vec::new();
    while let Some(line) = reader.next_line().await.expect("read banner") {
        let done = line.contains("API key");
        lines.push(line);
        if done {
            break;
        }
    }
    let url = lines
        .iter()
        .find_map(|l| l.strip_prefix("roq-users is listening on "))
        .expect("listening line")
        .to_string();
    Started { child, url, lines }
}

fn field(lines: &[String], label: &str) -> String {
    lines
        .iter()
        .find_map(|l| l.trim().strip_prefix(label))
        .map(|rest| {
            rest.split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .unwrap_or_default()
}

async fn mint(url: &str, environment: &str, key: &str) -> reqwest::Response {
    client()
        .post(format!("{url}/v01/authorize/serviceAccount"))
        .json(&json!({"environmentId": environment, "apiKey": key}))
        .send()
        .await
        .expect("request")
}

async fn gql(url: &str, environment: &str, key: &str, query: &str) -> Value {
    let token: Value = mint(url, environment, key)
        .await
        .json()
        .await
        .expect("json");
    let token = token["accessToken"].as_str().expect("token");
    use base64::Engine;
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{environment}:{key}"));
    client()
        .post(format!("{url}/v01/server/graphql"))
        .header("roq-platform-authorization", format!("Bearer {token}"))
        .header(
            "roq-platform-server-authorization",
            format!("Basic {basic}"),
        )
        .json(&json!({"query": query}))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json")
}

async fn run(db: &str, args: &[&str]) -> String {
    let output = Command::new(BIN)
        .args(["--database-url", db])
        .args(args)
        .env("ROQ_USERS_LOG", "warn")
        .output()
        .await
        .expect("runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8")
}

#[tokio::test]
async fn first_start_prints_working_credentials_once() {
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite:{}", dir.path().join("a.db").display());
    let mut first = start(&db, &[]).await;
    let environment = field(&first.lines, "Environment id:");
    let key = field(&first.lines, "API key:");
    assert!(key.starts_with("rku_"), "{:?}", first.lines);
    assert!(
        first
            .lines
            .iter()
            .any(|l| l.contains("/v01/server/graphql"))
    );
    let created = gql(
        &first.url,
        &environment,
        &key,
        "mutation { createUser(user: {reference: \"r\", email: \"r@x.io\"}) { id } }",
    )
    .await;
    assert!(created["data"]["createUser"]["id"].is_string(), "{created}");
    first.child.kill().await.expect("kill");

    // A second start keeps the environment and does not print a key again.
    let mut second = start(&db, &[]).await;
    assert_eq!(field(&second.lines, "Environment id:"), environment);
    assert!(
        second.lines.iter().all(|l| !l.contains("rku_")),
        "{:?}",
        second.lines
    );
    let page = gql(&second.url, &environment, &key, "{ users { totalCount } }").await;
    assert_eq!(page["data"]["users"]["totalCount"], 1);

    // Subcommands: another environment, another key for the first one.
    let out = run(&db, &["create-environment", "--name", "staging"]).await;
    let other_env = field(
        &out.lines().map(str::to_string).collect::<Vec<_>>(),
        "Environment id:",
    );
    let other_key = field(
        &out.lines().map(str::to_string).collect::<Vec<_>>(),
        "API key:",
    );
    assert_eq!(
        mint(&second.url, &other_env, &other_key)
            .await
            .status()
            .as_u16(),
        200
    );
    let out = run(&db, &["create-api-key", "--for-environment", &environment]).await;
    let extra_key = field(
        &out.lines().map(str::to_string).collect::<Vec<_>>(),
        "API key:",
    );
    assert_eq!(
        mint(&second.url, &environment, &extra_key)
            .await
            .status()
            .as_u16(),
        200
    );
    // Keys are bound to their environment.
    assert_eq!(
        mint(&second.url, &environment, &other_key)
            .await
            .status()
            .as_u16(),
        401
    );
    // An unknown environment is a clear failure, not a key.
    let failed = Command::new(BIN)
        .args([
            "--database-url",
            &db,
            "create-api-key",
            "--for-environment",
            "00000000-0000-7000-8000-000000000000",
        ])
        .output()
        .await
        .expect("runs");
    assert!(!failed.status.success());
    second.child.kill().await.expect("kill");
}

#[tokio::test]
async fn pinned_credentials_and_schema_export() {
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite:{}", dir.path().join("p.db").display());
    let environment = "0193a1b2-0000-7000-8000-000000000001";
    let key = "pinned-local-key-for-tests";
    let mut server = start(
        &db,
        &[
            ("ROQ_USERS_ENVIRONMENT_ID", environment),
            ("ROQ_USERS_API_KEY", key),
        ],
    )
    .await;
    assert_eq!(field(&server.lines, "Environment id:"), environment);
    assert_eq!(
        mint(&server.url, environment, key).await.status().as_u16(),
        200
    );
    server.child.kill().await.expect("kill");
    let sdl = run(&db, &["export-schema"]).await;
    assert_eq!(sdl, roq_users_server::graphql::sdl());
}

#[tokio::test]
async fn acknowledged_writes_survive_a_killed_process() {
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite:{}", dir.path().join("crash.db").display());
    let environment = "0193a1b2-0000-7000-8000-000000000002";
    let key = "crash-test-key";
    let pins = [
        ("ROQ_USERS_ENVIRONMENT_ID", environment),
        ("ROQ_USERS_API_KEY", key),
    ];
    let mut server = start(&db, &pins).await;
    for i in 0..25 {
        let q = format!(
            "mutation {{ createUser(user: {{reference: \"k{i}\", email: \"k{i}@x.io\"}}) {{ id }} }}"
        );
        let reply = gql(&server.url, environment, key, &q).await;
        assert!(reply["data"]["createUser"]["id"].is_string(), "{reply}");
    }
    // SIGKILL: no graceful shutdown, no checkpoint.
    server.child.start_kill().expect("kill");
    server.child.wait().await.expect("reaped");
    let again = start(&db, &pins).await;
    let page = gql(&again.url, environment, key, "{ users { totalCount } }").await;
    assert_eq!(page["data"]["users"]["totalCount"], 25);
}
