//! # roq-users-server
//!
//! A self-hostable server speaking the ROQ Platform Users API wire protocol: HTTP (axum)
//! and GraphQL (async-graphql) in front of a [`store::Store`] (embedded SQLite by default).
//!
//! Tests start it in-process with [`spawn`]:
//!
//! ```no_run
//! # async fn demo() -> anyhow::Result<()> {
//! let mut config = roq_users_server::Config::new("sqlite:/tmp/demo.db");
//! config.listen = "127.0.0.1:0".parse()?;
//! let server = roq_users_server::spawn(config).await?;
//! println!("GraphQL at {}", server.graphql_url());
//! server.stop().await;
//! # Ok(()) }
//! ```

pub mod auth;
pub mod bootstrap;
pub mod config;
pub mod graphql;
pub mod http;
pub mod store;
pub mod tenants;
pub mod users;

pub use bootstrap::Bootstrap;
pub use config::Config;

use auth::{Auth, JWT_SECRET_SETTING, generate_secret};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A server running on a bound address; dropping it stops it.
#[derive(Debug)]
pub struct RunningServer {
    addr: SocketAddr,
    bootstrap: Bootstrap,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl RunningServer {
    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The server-side GraphQL endpoint.
    pub fn graphql_url(&self) -> String {
        format!("{}/v01/server/graphql", self.url())
    }

    /// The environment and key bootstrap found or made.
    pub fn bootstrap(&self) -> &Bootstrap {
        &self.bootstrap
    }

    /// Stops accepting connections, lets in-flight requests finish, and waits.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Opens the store, bootstraps it, binds `config.listen` and serves in a background task.
pub async fn spawn(config: Config) -> anyhow::Result<RunningServer> {
    let store = store::open_with(&config.database_url, &config.store).await?;
    let secret = match &config.jwt_secret {
        Some(secret) => secret.clone(),
        None => {
            store
                .setting_or_insert(JWT_SECRET_SETTING, &generate_secret())
                .await?
        }
    };
    let bootstrap = bootstrap::bootstrap(
        store.as_ref(),
        config.environment_id,
        config.api_key.as_deref(),
    )
    .await?;
    let state = http::AppState {
        store: store.clone(),
        auth: Arc::new(Auth::new(store.clone(), &secret, config.token_lifetime)),
        schema: graphql::build_schema(store),
        documents: Arc::default(),
        body_limit: config.body_limit,
    };
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    let (tx, rx) = oneshot::channel::<()>();
    let app = http::router(state);
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await
    });
    Ok(RunningServer {
        addr,
        bootstrap,
        shutdown: Some(tx),
        task: Some(task),
    })
}
