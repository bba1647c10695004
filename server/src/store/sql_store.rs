//! The SQL implementation of [`Store`](super::Store), written once for every sqlx backend.
//!
//! [`sql_store!`] expands the trait implementation for one backend: its pool, row type and
//! sea-query builder. SQL text is written with `?` placeholders in the dialect-neutral subset
//! both backends share; each backend's `sql()` rewrites the placeholders for its driver.

use roq_users::{Error, ErrorCode, JsonObject, Timestamp};
use uuid::Uuid;

use super::storage_error;

pub(crate) fn millis_to_timestamp(millis: i64) -> Result<Timestamp, Error> {
    Timestamp::from_millis(millis)
        .ok_or_else(|| corrupt(format!("timestamp {millis} out of range")))
}

pub(crate) fn corrupt(detail: String) -> Error {
    let request_id = Uuid::new_v4().to_string();
    tracing::error!(%request_id, %detail, "stored row could not be read");
    Error::internal(request_id)
}

/// Maps a unique-index violation on users to the typed conflict.
pub(crate) fn user_write_error(err: sqlx::Error) -> Error {
    if let sqlx::Error::Database(db) = &err
        && db.is_unique_violation()
    {
        let message = db.message();
        if message.contains("reference") {
            return Error::conflict(
                ErrorCode::UserReferenceAlreadyExists,
                "a user with this reference already exists",
            );
        }
        if message.contains("email") {
            return Error::conflict(
                ErrorCode::UserEmailAlreadyExists,
                "a user with this e-mail already exists",
            );
        }
    }
    storage_error(err)
}

pub(crate) fn custom_data_text(data: &JsonObject) -> String {
    serde_json::Value::Object(data.0.clone()).to_string()
}

pub(crate) const USER_SELECT: &str = "SELECT id, tenant_id, reference, email, first_name, last_name, phone, \
     locale, timezone, avatar_url, is_opted_in, active, two_factor_enabled, custom_data, version, \
     created_at, updated_at FROM users";

pub(crate) const TENANT_SELECT: &str =
    "SELECT id, name, reference, is_default, created_at, updated_at FROM tenants";

/// Expands `impl Store` for a backend struct with a `pool` field and an associated
/// `fn sql(text: &str) -> String` that rewrites `?` placeholders for the driver.
macro_rules! sql_store {
    ($store:ident, $row:ty, $db:ty, $builder:expr) => {
        use super::sql_store::{
            TENANT_SELECT, USER_SELECT, corrupt, custom_data_text, millis_to_timestamp,
            user_write_error,
        };
        use super::user_query::{self, lower};
        use super::{ApiKeyRecord, NewUser, Store, storage_error};
        use async_trait::async_trait;
        use roq_users::{
            Error, JsonObject, Page, Paging, Tenant, TenantFilter, TenantOrder, TenantUpdate,
            Timestamp, User, UsersQuery,
        };
        use sea_query::SelectStatement;
        use sea_query_sqlx::SqlxBinder;
        use sqlx::{AssertSqlSafe, Row, query};
        use uuid::Uuid;

        impl $store {
    /// Runs a page query and its count query (each with bound parameters only).
    async fn page<T>(
        &self,
        page: SelectStatement,
        count: SelectStatement,
        from_row: fn(&$row) -> Result<T, Error>,
    ) -> Result<Page<T>, Error> {
        Ok(Page {
            data: self.rows(page, from_row).await?,
            total_count: self.count(count).await?,
        })
    }

    /// Runs a SELECT of rows (bound parameters only).
    async fn rows<T>(
        &self,
        select: SelectStatement,
        from_row: fn(&$row) -> Result<T, Error>,
    ) -> Result<Vec<T>, Error> {
        let (sql, values) = select.build_sqlx($builder);
        let rows = sqlx::query_with(AssertSqlSafe(sql), values)
            .fetch_all(&self.pool)
            .await
            .map_err(storage_error)?;
        rows.iter().map(from_row).collect()
    }

    /// Runs a SELECT COUNT(...) AS total (bound parameters only).
    async fn count(&self, count: SelectStatement) -> Result<i64, Error> {
        let (sql, values) = count.build_sqlx($builder);
        sqlx::query_with(AssertSqlSafe(sql), values)
            .fetch_one(&self.pool)
            .await
            .and_then(|row| row.try_get("total"))
            .map_err(storage_error)
    }
        }

/// The bound INSERT of one user, run on the pool or inside a transaction.
fn insert_user_statement<'q>(
    environment: Uuid,
    user: &'q NewUser,
) -> sqlx::query::Query<'q, $db, <$db as sqlx::Database>::Arguments> {
    let input = &user.input;
    let opted_in = input.is_opted_in.unwrap_or(false);
    let custom_data = input.custom_data.clone().unwrap_or_default();
    query(AssertSqlSafe($store::sql("INSERT INTO users (id, environment_id, tenant_id, reference, reference_lower, email, \
         email_lower, first_name, first_name_lower, last_name, last_name_lower, phone, locale, \
         locale_lower, timezone, timezone_lower, avatar_url, password_hash, is_opted_in, \
         opted_in_at, active, two_factor_enabled, custom_data, version, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")))
    .bind(user.id.to_string())
    .bind(environment.to_string())
    .bind(user.tenant_id.to_string())
    .bind(&input.reference)
    .bind(lower(&input.reference))
    .bind(&input.email)
    .bind(lower(&input.email))
    .bind(&input.first_name)
    .bind(input.first_name.as_deref().map(lower))
    .bind(&input.last_name)
    .bind(input.last_name.as_deref().map(lower))
    .bind(&input.phone)
    .bind(&input.locale)
    .bind(input.locale.as_deref().map(lower))
    .bind(&input.timezone)
    .bind(input.timezone.as_deref().map(lower))
    .bind(&input.avatar_url)
    .bind(&user.password_hash)
    .bind(opted_in)
    .bind(opted_in.then(|| user.now.millis()))
    .bind(input.active.unwrap_or(true))
    .bind(input.two_factor_enabled.unwrap_or(false))
    .bind(custom_data_text(&custom_data))
    .bind(user.now.millis())
    .bind(user.now.millis())
}

fn user_from_row(row: &$row) -> Result<User, Error> {
    let get = |e: sqlx::Error| storage_error(e);
    let custom_data: String = row.try_get("custom_data").map_err(get)?;
    let custom_data: JsonObject = serde_json::from_str(&custom_data)
        .map_err(|e| corrupt(format!("custom_data is not a JSON object: {e}")))?;
    Ok(User {
        id: row.try_get("id").map_err(get)?,
        reference: row.try_get("reference").map_err(get)?,
        email: row.try_get("email").map_err(get)?,
        first_name: row.try_get("first_name").map_err(get)?,
        last_name: row.try_get("last_name").map_err(get)?,
        phone: row.try_get("phone").map_err(get)?,
        locale: row.try_get("locale").map_err(get)?,
        timezone: row.try_get("timezone").map_err(get)?,
        avatar_url: row.try_get("avatar_url").map_err(get)?,
        is_opted_in: row.try_get("is_opted_in").map_err(get)?,
        active: row.try_get("active").map_err(get)?,
        synced: true,
        two_factor_enabled: row.try_get("two_factor_enabled").map_err(get)?,
        tenant_id: row.try_get("tenant_id").map_err(get)?,
        custom_data,
        created_at: millis_to_timestamp(row.try_get("created_at").map_err(get)?)?,
        updated_at: millis_to_timestamp(row.try_get("updated_at").map_err(get)?)?,
        version: row.try_get("version").map_err(get)?,
    })
}

fn tenant_from_row(row: &$row) -> Result<Tenant, Error> {
    let get = |e: sqlx::Error| storage_error(e);
    Ok(Tenant {
        id: row.try_get("id").map_err(get)?,
        name: row.try_get("name").map_err(get)?,
        reference: row.try_get("reference").map_err(get)?,
        is_default: row.try_get("is_default").map_err(get)?,
        created_at: millis_to_timestamp(row.try_get("created_at").map_err(get)?)?,
        updated_at: millis_to_timestamp(row.try_get("updated_at").map_err(get)?)?,
    })
}

#[async_trait]
impl Store for $store {
    async fn ping(&self) -> Result<(), Error> {
        query(AssertSqlSafe($store::sql("SELECT 1")))
            .execute(&self.pool)
            .await
            .map_err(storage_error)?;
        Ok(())
    }

    async fn setting_or_insert(&self, key: &str, value: &str) -> Result<String, Error> {
        query(AssertSqlSafe($store::sql("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING")))
            .bind(key)
            .bind(value)
            .execute(&self.pool)
            .await
            .map_err(storage_error)?;
        query(AssertSqlSafe($store::sql("SELECT value FROM settings WHERE key = ?")))
            .bind(key)
            .fetch_one(&self.pool)
            .await
            .and_then(|row| row.try_get("value"))
            .map_err(storage_error)
    }

    async fn environment_exists(&self, environment: Uuid) -> Result<bool, Error> {
        let row = query(AssertSqlSafe($store::sql("SELECT 1 FROM environments WHERE id = ?")))
            .bind(environment.to_string())
            .fetch_optional(&self.pool)
            .await
            .map_err(storage_error)?;
        Ok(row.is_some())
    }

    async fn first_environment(&self) -> Result<Option<Uuid>, Error> {
        let row = query(AssertSqlSafe($store::sql("SELECT id FROM environments ORDER BY created_at, id LIMIT 1")))
            .fetch_optional(&self.pool)
            .await
            .map_err(storage_error)?;
        match row {
            None => Ok(None),
            Some(row) => {
                let id: String = row.try_get("id").map_err(storage_error)?;
                Uuid::parse_str(&id)
                    .map(Some)
                    .map_err(|e| corrupt(format!("environment id {id:?}: {e}")))
            }
        }
    }

    async fn create_environment(
        &self,
        environment: Uuid,
        name: &str,
        default_tenant: &Tenant,
    ) -> Result<(), Error> {
        let mut tx = self.pool.begin().await.map_err(storage_error)?;
        query(AssertSqlSafe($store::sql("INSERT INTO environments (id, name, created_at) VALUES (?, ?, ?)")))
            .bind(environment.to_string())
            .bind(name)
            .bind(default_tenant.created_at.millis())
            .execute(&mut *tx)
            .await
            .map_err(storage_error)?;
        insert_tenant_row(&mut *tx, environment, default_tenant).await?;
        tx.commit().await.map_err(storage_error)
    }

    async fn insert_api_key(
        &self,
        environment: Uuid,
        id: Uuid,
        key_hash: &str,
    ) -> Result<(), Error> {
        query(AssertSqlSafe($store::sql("INSERT INTO api_keys (id, environment_id, key_hash, created_at) VALUES (?, ?, ?, ?) \
             ON CONFLICT (key_hash) DO NOTHING")))
        .bind(id.to_string())
        .bind(environment.to_string())
        .bind(key_hash)
        .bind(chrono::Utc::now().timestamp_millis())
        .execute(&self.pool)
        .await
        .map_err(storage_error)?;
        Ok(())
    }

    async fn api_key_by_hash(&self, key_hash: &str) -> Result<Option<ApiKeyRecord>, Error> {
        let row = query(AssertSqlSafe($store::sql("SELECT id, environment_id, revoked_at FROM api_keys WHERE key_hash = ?")))
            .bind(key_hash)
            .fetch_optional(&self.pool)
            .await
            .map_err(storage_error)?;
        let Some(row) = row else { return Ok(None) };
        let id: String = row.try_get("id").map_err(storage_error)?;
        let environment: String = row.try_get("environment_id").map_err(storage_error)?;
        let revoked: Option<i64> = row.try_get("revoked_at").map_err(storage_error)?;
        Ok(Some(ApiKeyRecord {
            id: Uuid::parse_str(&id).map_err(|e| corrupt(format!("api key id: {e}")))?,
            environment_id: Uuid::parse_str(&environment)
                .map_err(|e| corrupt(format!("api key environment: {e}")))?,
            revoked: revoked.is_some(),
        }))
    }

    async fn api_key_active(&self, id: Uuid) -> Result<bool, Error> {
        let row = query(AssertSqlSafe($store::sql("SELECT 1 FROM api_keys WHERE id = ? AND revoked_at IS NULL")))
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await
            .map_err(storage_error)?;
        Ok(row.is_some())
    }

    async fn revoke_api_key(&self, id: Uuid) -> Result<bool, Error> {
        let done = query(AssertSqlSafe($store::sql("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")))
            .bind(chrono::Utc::now().timestamp_millis())
            .bind(id.to_string())
            .execute(&self.pool)
            .await
            .map_err(storage_error)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_tenant(&self, environment: Uuid, tenant: &Tenant) -> Result<(), Error> {
        insert_tenant_row(&self.pool, environment, tenant).await
    }

    async fn tenant(&self, environment: Uuid, id: Uuid) -> Result<Option<Tenant>, Error> {
        let row = query(AssertSqlSafe($store::sql(&format!(
            "{TENANT_SELECT} WHERE environment_id = ? AND id = ?"
        ))))
        .bind(environment.to_string())
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(storage_error)?;
        row.as_ref().map(tenant_from_row).transpose()
    }

    async fn default_tenant(&self, environment: Uuid) -> Result<Option<Tenant>, Error> {
        let row = query(AssertSqlSafe($store::sql(&format!(
            "{TENANT_SELECT} WHERE environment_id = ? AND is_default"
        ))))
        .bind(environment.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(storage_error)?;
        row.as_ref().map(tenant_from_row).transpose()
    }

    async fn update_tenant(
        &self,
        environment: Uuid,
        id: Uuid,
        update: &TenantUpdate,
        now: Timestamp,
    ) -> Result<Option<Tenant>, Error> {
        let (set_reference, reference) = match &update.reference {
            roq_users::Patch::Absent => (false, None),
            roq_users::Patch::Null => (true, None),
            roq_users::Patch::Value(v) => (true, Some(v.clone())),
        };
        query(AssertSqlSafe($store::sql("UPDATE tenants SET name = ?, reference = CASE WHEN ? THEN ? ELSE reference END, \
             updated_at = ? WHERE environment_id = ? AND id = ?")))
        .bind(&update.name)
        .bind(set_reference)
        .bind(reference)
        .bind(now.millis())
        .bind(environment.to_string())
        .bind(id.to_string())
        .execute(&self.pool)
        .await
        .map_err(storage_error)?;
        self.tenant(environment, id).await
    }

    async fn tenants(
        &self,
        environment: Uuid,
        filter: &TenantFilter,
        order: TenantOrder,
        paging: Paging,
    ) -> Result<Page<Tenant>, Error> {
        let page = user_query::tenants_page(environment, filter, order, paging);
        let count = user_query::tenants_count(environment, filter);
        self.page(page, count, tenant_from_row).await
    }

    async fn count_tenant_users(&self, environment: Uuid, tenant: Uuid) -> Result<i64, Error> {
        query(AssertSqlSafe($store::sql("SELECT COUNT(*) AS total FROM users WHERE environment_id = ? AND tenant_id = ?")))
            .bind(environment.to_string())
            .bind(tenant.to_string())
            .fetch_one(&self.pool)
            .await
            .and_then(|row| row.try_get("total"))
            .map_err(storage_error)
    }

    async fn insert_user(&self, environment: Uuid, user: &NewUser) -> Result<User, Error> {
        insert_user_statement(environment, user)
        .execute(&self.pool)
        .await
        .map_err(user_write_error)?;
        self.user(environment, user.id)
            .await?
            .ok_or_else(|| corrupt("inserted user not found".to_string()))
    }

    async fn insert_users(&self, environment: Uuid, users: &[NewUser]) -> Result<(), Error> {
        let mut tx = self.pool.begin().await.map_err(storage_error)?;
        for user in users {
            insert_user_statement(environment, user)
                .execute(&mut *tx)
                .await
                .map_err(user_write_error)?;
        }
        tx.commit().await.map_err(storage_error)
    }

    async fn user(&self, environment: Uuid, id: Uuid) -> Result<Option<User>, Error> {
        let row = query(AssertSqlSafe($store::sql(&format!(
            "{USER_SELECT} WHERE environment_id = ? AND id = ?"
        ))))
        .bind(environment.to_string())
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(storage_error)?;
        row.as_ref().map(user_from_row).transpose()
    }

    async fn replace_user(
        &self,
        environment: Uuid,
        user: &User,
        expected_version: i64,
    ) -> Result<bool, Error> {
        let done = query(AssertSqlSafe($store::sql("UPDATE users SET tenant_id = ?, email = ?, email_lower = ?, first_name = ?, \
             first_name_lower = ?, last_name = ?, last_name_lower = ?, phone = ?, locale = ?, \
             locale_lower = ?, timezone = ?, timezone_lower = ?, avatar_url = ?, is_opted_in = ?, \
             opted_in_at = CASE WHEN NOT ? THEN NULL WHEN opted_in_at IS NULL THEN ? \
             ELSE opted_in_at END, active = ?, two_factor_enabled = ?, custom_data = ?, \
             version = version + 1, updated_at = ? \
             WHERE environment_id = ? AND id = ? AND version = ?")))
        .bind(&user.tenant_id)
        .bind(&user.email)
        .bind(lower(&user.email))
        .bind(&user.first_name)
        .bind(user.first_name.as_deref().map(lower))
        .bind(&user.last_name)
        .bind(user.last_name.as_deref().map(lower))
        .bind(&user.phone)
        .bind(&user.locale)
        .bind(user.locale.as_deref().map(lower))
        .bind(&user.timezone)
        .bind(user.timezone.as_deref().map(lower))
        .bind(&user.avatar_url)
        .bind(user.is_opted_in)
        .bind(user.is_opted_in)
        .bind(user.updated_at.millis())
        .bind(user.active)
        .bind(user.two_factor_enabled)
        .bind(custom_data_text(&user.custom_data))
        .bind(user.updated_at.millis())
        .bind(environment.to_string())
        .bind(&user.id)
        .bind(expected_version)
        .execute(&self.pool)
        .await
        .map_err(user_write_error)?;
        Ok(done.rows_affected() == 1)
    }

    async fn users(
        &self,
        environment: Uuid,
        query: &UsersQuery,
        paging: Paging,
    ) -> Result<Vec<User>, Error> {
        let page = user_query::users_page(environment, query, paging);
        self.rows(page, user_from_row).await
    }

    async fn count_users(&self, environment: Uuid, query: &UsersQuery) -> Result<i64, Error> {
        self.count(user_query::users_count(environment, query)).await
    }
}

async fn insert_tenant_row<'e, E>(
    executor: E,
    environment: Uuid,
    tenant: &Tenant,
) -> Result<(), Error>
where
    E: sqlx::Executor<'e, Database = $db>,
{
    query(AssertSqlSafe($store::sql("INSERT INTO tenants (id, environment_id, name, reference, is_default, created_at, \
         updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")))
    .bind(&tenant.id)
    .bind(environment.to_string())
    .bind(&tenant.name)
    .bind(&tenant.reference)
    .bind(tenant.is_default)
    .bind(tenant.created_at.millis())
    .bind(tenant.updated_at.millis())
    .execute(executor)
    .await
    .map_err(storage_error)?;
    Ok(())
}
    };
}

pub(crate) use sql_store;
