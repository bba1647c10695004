//! `roq-users-server`: run the server, or administer environments and API keys.

use clap::{Parser, Subcommand};
use roq_users_server::{Config, bootstrap, config, graphql, store};
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
    /// Database URL: sqlite:PATH (the file is created on first start).
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
        Some(Command::CreateEnvironment { name }) => {
            let store = store::open(&cli.database_url).await?;
            let id = Uuid::now_v7();
            bootstrap::create_environment(store.as_ref(), id, &name).await?;
            let key = bootstrap::create_api_key(store.as_ref(), id).await?;
            println!(
                "Environment id: {id}\nAPI key:        {key}  (shown once; only its hash is stored)"
            );
            Ok(())
        }
        Some(Command::CreateApiKey { environment }) => {
            let store = store::open(&cli.database_url).await?;
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

async fn serve(cli: Cli) -> anyhow::Result<()> {
    let config = Config {
        listen: cli.listen,
        database_url: cli.database_url,
        body_limit: cli.body_limit,
        token_lifetime: Duration::from_secs(cli.token_lifetime),
        jwt_secret: cli.jwt_secret,
        environment_id: cli.environment_id,
        api_key: cli.api_key,
    };
    let server = roq_users_server::spawn(config).await?;
    let boot = server.bootstrap();
    println!("roq-users is listening on {}", server.url());
    println!("  GraphQL (server): {}", server.graphql_url());
    println!("  Environment id:   {}", boot.environment_id);
    match &boot.api_key {
        Some(key) if boot.created => {
            println!("  API key:          {key}  (shown once; only its hash is stored)")
        }
        Some(_) => println!("  API key:          the pinned ROQ_USERS_API_KEY"),
        None => println!(
            "  API key:          create one with `roq-users-server create-api-key --for-environment {}`",
            boot.environment_id
        ),
    }
    tokio::signal::ctrl_c().await?;
    tracing::info!("shutting down");
    server.stop().await;
    Ok(())
}
