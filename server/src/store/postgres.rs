//! The PostgreSQL backend, for scale-out: any number of stateless servers may share one
//! database (the JWT signing secret lives in it too).

use super::StoreOptions;
use sea_query::PostgresQueryBuilder;
use sqlx::postgres::{PgPool, PgPoolOptions, PgRow};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// A [`Store`](super::Store) on a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://...`) and migrates (concurrent servers are serialised by
    /// the migrator's advisory lock). While the database is unreachable it retries, with a
    /// log line each time, until `options.connect_timeout` has passed.
    pub async fn open(url: &str, options: &StoreOptions) -> anyhow::Result<PostgresStore> {
        super::retry_at_start(
            options,
            "database unreachable",
            |_| true,
            || async {
                let pool = PgPoolOptions::new()
                    .max_connections(options.max_connections)
                    .acquire_timeout(options.acquire_timeout)
                    .connect(url)
                    .await?;
                MIGRATOR.run(&pool).await?;
                Ok(PostgresStore { pool })
            },
        )
        .await
    }

    /// PostgreSQL numbers its placeholders: `?` becomes `$1`, `$2`, ... (the shared SQL has
    /// no `?` inside literals).
    fn sql(text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 16);
        let mut n = 0;
        for c in text.chars() {
            if c == '?' {
                n += 1;
                out.push('$');
                out.push_str(&n.to_string());
            } else {
                out.push(c);
            }
        }
        out
    }
}

super::sql_store::sql_store!(PostgresStore, PgRow, sqlx::Postgres, PostgresQueryBuilder);

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_are_numbered() {
        assert_eq!(
            super::PostgresStore::sql("SELECT 1 WHERE a = ? AND b = ?"),
            "SELECT 1 WHERE a = $1 AND b = $2"
        );
    }
}
