//! The embedded SQLite backend (WAL, one file, created on first start).

use super::StoreOptions;
use sea_query::SqliteQueryBuilder;
use sqlx::Connection;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// A [`Store`] on one SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if missing) the database at `url` (`sqlite:PATH`) and migrates it.
    ///
    /// WAL journal with `synchronous=NORMAL`: an acknowledged write survives a crash of
    /// the server process. `case_sensitive_like` makes `LIKE` case-sensitive as in SQL.
    /// Servers started at once on one file take turns (see [`migrate`]); switching a new file
    /// to WAL cannot wait for a lock, so an open that meets another server's switch or
    /// migration ("database is locked") is tried again, as the PostgreSQL backend retries an
    /// unreachable database (`options.connect_timeout`, `options.retry_interval`).
    pub async fn open(url: &str, options: &StoreOptions) -> anyhow::Result<SqliteStore> {
        let connect = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true)
            .pragma("case_sensitive_like", "ON");
        super::retry_at_start(
            options,
            "database locked by another server",
            is_busy,
            || Self::open_once(&connect, options),
        )
        .await
    }

    async fn open_once(
        connect: &SqliteConnectOptions,
        options: &StoreOptions,
    ) -> anyhow::Result<SqliteStore> {
        let pool = SqlitePoolOptions::new()
            .max_connections(options.max_connections)
            .acquire_timeout(options.acquire_timeout.max(Duration::from_secs(10)))
            .connect_with(connect.clone())
            .await?;
        migrate(&pool).await?;
        Ok(SqliteStore { pool })
    }

    /// SQLite takes `?` placeholders as written.
    fn sql(text: &str) -> String {
        text.to_string()
    }
}

/// Whether an open failed with `SQLITE_BUSY` ("database is locked"), in any of its
/// extended forms, from the connection or from the migrator.
fn is_busy(error: &anyhow::Error) -> bool {
    let database = match error.downcast_ref::<sqlx::Error>() {
        Some(error) => error.as_database_error(),
        None => match error.downcast_ref::<sqlx::migrate::MigrateError>() {
            Some(sqlx::migrate::MigrateError::Execute(error))
            | Some(sqlx::migrate::MigrateError::ExecuteMigration(error, _)) => {
                error.as_database_error()
            }
            _ => None,
        },
    };
    database
        .and_then(|e| e.code())
        .and_then(|code| code.parse::<i32>().ok())
        .is_some_and(|code| code & 0xff == SQLITE_BUSY)
}

/// SQLite's primary result code for "database is locked".
const SQLITE_BUSY: i32 = 5;

/// Applies the pending migrations while holding SQLite's write lock (`BEGIN IMMEDIATE`), so
/// that servers started at once on a new file take turns and the later ones find every
/// migration applied (sqlx's SQLite migrator takes no lock of its own). Each migration runs in
/// a savepoint of this transaction.
async fn migrate(pool: &SqlitePool) -> anyhow::Result<()> {
    let mut connection = pool.acquire().await?;
    let mut transaction = connection.begin_with("BEGIN IMMEDIATE").await?;
    MIGRATOR.run(&mut *transaction).await?;
    transaction.commit().await?;
    Ok(())
}

super::sql_store::sql_store!(SqliteStore, SqliteRow, sqlx::Sqlite, SqliteQueryBuilder);
