//! The server under test (a child process) and the hand-written client that drives it.

use anyhow::Context;
use base64::Engine;
use serde_json::{Value, json};
use std::process::Stdio;
use tokio::io::{AsyncBufReadExt, BufReader};
use uuid::Uuid;

/// The API key every benchmark environment is created with.
pub const KEY: &str = "bench-api-key";

/// A server process on one database.
pub struct Server {
    child: tokio::process::Child,
    /// Base URL, e.g. `http://127.0.0.1:4312`.
    pub url: String,
    /// The environment created at start, with API key [`KEY`].
    pub environment: Uuid,
}

impl Server {
    /// Starts `bin` on `database_url`, bootstrapping `environment`.
    pub async fn start(bin: &str, database_url: &str, environment: Uuid) -> anyhow::Result<Server> {
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
    pub fn memory(&self) -> (f64, f64) {
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
pub struct Raw {
    http: reqwest::Client,
    url: String,
    auth: String,
    basic: String,
}

impl Raw {
    /// Mints a service-account token once, as a hand-written client would.
    pub async fn new(url: &str, environment: Uuid) -> anyhow::Result<Raw> {
        roq_users::client::install_crypto_provider();
        let http = reqwest::Client::new();
        let token: Value = http
            .post(format!("{url}/v01/authorize/serviceAccount"))
            .json(&json!({"environmentId": environment, "apiKey": KEY}))
            .send()
            .await?
            .json()
            .await?;
        let basic =
            base64::engine::general_purpose::STANDARD.encode(format!("{environment}:{KEY}"));
        Ok(Raw {
            http,
            url: format!("{url}/v01/server/graphql"),
            auth: format!("Bearer {}", token["accessToken"].as_str().context("token")?),
            basic: format!("Basic {basic}"),
        })
    }

    /// Posts one GraphQL request; fails on any `errors`.
    pub async fn gql(&self, query: &str, variables: Value) -> anyhow::Result<Value> {
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
