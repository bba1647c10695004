//! `roq-users-server`: run the server, or administer environments and API keys.

use clap::{Parser, Subcommand};
use roq_users_server::store::StoreOptions;
use roq_users_server::{Config, bootstrap, config, graphql, store};
use std::io::Write;
use std::net::SocketAddr;
use std::time::Duration;
use uuid::Uuid;

/// A self-hostable server speaking the ROQ Platform Users API.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
    /// Address to listen on.
    #[arg(long, env = "ROQ_USERS_LISTEN", default_value = config::DEFAULT_LISTEN, global = true)]
    listen: SocketAddr,
    /// Database URL: sqlite:PATH (the file is created on first start) or postgres://USER@HOST:PORT/DB.
    #[arg(long, env = "ROQ_USERS_DATABASE_URL", default_value = config::DEFAULT_DATABASE_URL, global = true)]
    database_url: String,
    /// Largest request body, in bytes.
    #[arg(long, env = "ROQ_USERS_BODY_LIMIT", default_value_t = config::DEFAULT_BODY_LIMIT, global = true)]
    body_limit: usize,
    /// Default token lifetime, in seconds.
    #[arg(long, env = "ROQ_USERS_TOKEN_LIFETIME", default_value_t = config::DEFAULT_TOKEN_LIFETIME.as_secs(), global = true)]
    token_lifetime: u64,
    /// JWT signing secret (default: generated on first start and kept in the database).
    #[arg(
        long,
        env = "ROQ_USERS_JWT_SECRET",
        hide_env_values = true,
        global = true
    )]
    jwt_secret: Option<String>,
    /// Pin the id of the environment created on first start.
    #[arg(long, env = "ROQ_USERS_ENVIRONMENT_ID", global = true)]
    environment_id: Option<Uuid>,
    /// Pin an API key of that environment (stored only as a hash).
    #[arg(long, env = "ROQ_USERS_API_KEY", hide_env_values = true, global = true)]
    api_key: Option<String>,
    /// Most database connections in the pool.
    #[arg(long, env = "ROQ_USERS_DB_MAX_CONNECTIONS", default_value_t = StoreOptions::default().max_connections, global = true)]
    db_max_connections: u32,
    /// Milliseconds a request waits for a database connection before it is answered 503.
    #[arg(
        long,
        env = "ROQ_USERS_DB_ACQUIRE_TIMEOUT_MS",
        default_value_t = 3000,
        global = true
    )]
    db_acquire_timeout_ms: u64,
    /// Seconds the server keeps retrying an unreachable database at start.
    #[arg(
        long,
        env = "ROQ_USERS_DB_CONNECT_TIMEOUT",
        default_value_t = 30,
        global = true
    )]
    db_connect_timeout: u64,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the server (the default).
    Serve,
    /// Create a new environment (with its default tenant and an API key) and print them.
    CreateEnvironment {
        /// A name for the environment.
        #[arg(long, default_value = "Default")]
        name: String,
    },
    /// Create a new API key for an environment and print it.
    CreateApiKey {
        /// The environment.
        #[arg(long = "for-environment")]
        environment: Uuid,
    },
    /// Print the GraphQL schema (SDL).
    ExportSchema,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ROQ_USERS_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command {
        None | Some(Command::Serve) => serve(cli).await,
        Some(Command::CreateEnvironment { ref name }) => {
            let store = store::open_with(&cli.database_url, &store_options(&cli)).await?;
            let id = Uuid::now_v7();
            bootstrap::create_environment(store.as_ref(), id, name).await?;
            let key = bootstrap::create_api_key(store.as_ref(), id).await?;
            println!(
                "Environment id: {id}\nAPI key:        {key}  (shown once; only its hash is stored)"
            );
            Ok(())
        }
        Some(Command::CreateApiKey { environment }) => {
            let store = store::open_with(&cli.database_url, &store_options(&cli)).await?;
            if !store.environment_exists(environment).await? {
                anyhow::bail!("no environment {environment} in {}", cli.database_url);
            }
            let key = bootstrap::create_api_key(store.as_ref(), environment).await?;
            println!("API key: {key}  (shown once; only its hash is stored)");
            Ok(())
        }
        Some(Command::ExportSchema) => {
            print!("{}", graphql::sdl());
            Ok(())
        }
    }
}

fn store_options(cli: &Cli) -> StoreOptions {
    StoreOptions {
        max_connections: cli.db_max_connections.max(1),
        acquire_timeout: Duration::from_millis(cli.db_acquire_timeout_ms.max(1)),
        connect_timeout: Duration::from_secs(cli.db_connect_timeout),
        ..StoreOptions::default()
    }
}

async fn serve(cli: Cli) -> anyhow::Result<()> {
    let store = store_options(&cli);
    let config = Config {
        listen: cli.listen,
        database_url: cli.database_url,
        body_limit: cli.body_limit,
        token_lifetime: Duration::from_secs(cli.token_lifetime),
        jwt_secret: cli.jwt_secret,
        environment_id: cli.environment_id,
        api_key: cli.api_key,
        store,
    };
    let server = roq_users_server::spawn(config).await?;
    let boot = server.bootstrap();
    let key_line = match &boot.api_key {
        Some(key) if boot.created => format!("{key}  (shown once; only its hash is stored)"),
        Some(_) => "the pinned ROQ_USERS_API_KEY".to_string(),
        None => format!(
            "create one with `roq-users-server create-api-key --for-environment {}`",
            boot.environment_id
        ),
    };
    // One write, and a closed stdout (a supervisor that stopped reading) is not fatal.
    let banner = format!(
        "roq-users is listening on {}\n  GraphQL (server): {}\n  Environment id:   {}\n  API key:          {key_line}\n",
        server.url(),
        server.graphql_url(),
        boot.environment_id,
    );
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(banner.as_bytes())
        .and_then(|()| stdout.flush());
    drop(stdout);
    tokio::signal::ctrl_c().await?;
    tracing::info!("shutting down");
    server.stop().await;
    Ok(())
}
