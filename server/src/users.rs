//! User operations: permission checks, validation, defaults and optimistic writes.

use crate::auth::Principal;
use crate::store::{NewUser, Store};
use roq_users::validation::id_argument;
use roq_users::{
    Error, ErrorCode, Id, Paging, Patch, Timestamp, User, UserCreate, UserUpdate, UsersQuery,
};
use uuid::Uuid;

/// How often an update is re-applied when a concurrent write moved the version on.
const UPDATE_ATTEMPTS: usize = 8;

/// Now, truncated to the milliseconds the API shows.
pub fn now() -> Timestamp {
    Timestamp::from_millis(chrono::Utc::now().timestamp_millis())
        .unwrap_or(Timestamp(chrono::DateTime::UNIX_EPOCH))
}

/// Refuses anyone but a super admin.
pub fn require_super_admin(principal: &Principal) -> Result<Uuid, Error> {
    match principal {
        Principal::SuperAdmin { environment } => Ok(*environment),
        Principal::User { .. } => Err(Error::forbidden(
            "only a super admin (service account) may do this",
        )),
    }
}

async fn tenant_of_environment(
    store: &dyn Store,
    environment: Uuid,
    id: Uuid,
) -> Result<Uuid, Error> {
    match store.tenant(environment, id).await? {
        Some(_) => Ok(id),
        None => Err(Error::not_found(
            ErrorCode::TenantNotFound,
            format!("tenant {id} not found"),
        )),
    }
}

async fn hash_password(password: String) -> Result<String, Error> {
    use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
    let hashed = tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2::Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| e.to_string())
    })
    .await;
    hashed
        .map_err(|e| e.to_string())
        .and_then(|r| r)
        .map_err(|e| {
            let request_id = Uuid::new_v4().to_string();
            tracing::error!(%request_id, error = %e, "password hashing failed");
            Error::internal(request_id)
        })
}

/// `createUser`: validates, applies the defaults of SPEC §3.2 and inserts.
pub async fn create_user(
    store: &dyn Store,
    principal: &Principal,
    input: UserCreate,
) -> Result<User, Error> {
    let environment = require_super_admin(principal)?;
    let mut input = input.validate()?;
    let tenant_id = match &input.tenant_id {
        Some(id) => tenant_of_environment(store, environment, id_argument("tenantId", id)?).await?,
        None => default_tenant(store, environment).await?,
    };
    let password_hash = match input.password.take() {
        Some(password) => Some(hash_password(password).await?),
        None => None,
    };
    let user = NewUser {
        id: Uuid::now_v7(),
        tenant_id,
        input,
        password_hash,
        now: now(),
    };
    store.insert_user(environment, &user).await
}

async fn default_tenant(store: &dyn Store, environment: Uuid) -> Result<Uuid, Error> {
    let tenant = store.default_tenant(environment).await?.ok_or_else(|| {
        Error::not_found(
            ErrorCode::TenantNotFound,
            "the environment has no default tenant",
        )
    })?;
    Uuid::parse_str(&tenant.id).map_err(|_| Error::internal(Uuid::new_v4().to_string()))
}

/// The user after `update`, as of `at` (version and opt-in time are the store's business).
pub fn apply(user: &User, update: &UserUpdate, at: Timestamp) -> User {
    fn text(current: &Option<String>, patch: &Patch<String>) -> Option<String> {
        match patch {
            Patch::Absent => current.clone(),
            Patch::Null => None,
            Patch::Value(v) => Some(v.clone()),
        }
    }
    fn flag(current: bool, patch: &Patch<bool>) -> bool {
        match patch {
            Patch::Value(v) => *v,
            Patch::Absent | Patch::Null => current,
        }
    }
    User {
        email: match &update.email {
            Patch::Value(v) => v.clone(),
            Patch::Absent | Patch::Null => user.email.clone(),
        },
        first_name: text(&user.first_name, &update.first_name),
        last_name: text(&user.last_name, &update.last_name),
        phone: text(&user.phone, &update.phone),
        locale: text(&user.locale, &update.locale),
        timezone: text(&user.timezone, &update.timezone),
        avatar_url: text(&user.avatar_url, &update.avatar_url),
        is_opted_in: flag(user.is_opted_in, &update.is_opted_in),
        active: flag(user.active, &update.active),
        two_factor_enabled: flag(user.two_factor_enabled, &update.two_factor_enabled),
        tenant_id: match &update.tenant_id {
            Patch::Value(id) => id.0.clone(),
            Patch::Absent | Patch::Null => user.tenant_id.clone(),
        },
        custom_data: match &update.custom_data {
            Patch::Value(data) => data.clone(),
            Patch::Absent | Patch::Null => user.custom_data.clone(),
        },
        updated_at: at,
        ..user.clone()
    }
}

/// `updateUser`: validates, then re-applies the update on the latest version until the
/// write lands (optimistic concurrency; a concurrent writer never loses a field).
pub async fn update_user(
    store: &dyn Store,
    principal: &Principal,
    id: &Id,
    update: UserUpdate,
) -> Result<User, Error> {
    let environment = require_super_admin(principal)?;
    let (user_id, update) = update.validate_for(id)?;
    if let Patch::Value(tenant) = &update.tenant_id {
        tenant_of_environment(store, environment, id_argument("tenantId", tenant)?).await?;
    }
    for _ in 0..UPDATE_ATTEMPTS {
        let current = find_user(store, environment, user_id).await?;
        let next = apply(&current, &update, now());
        if store
            .replace_user(environment, &next, current.version)
            .await?
        {
            return find_user(store, environment, user_id).await;
        }
    }
    Err(Error::conflict(
        ErrorCode::VersionConflict,
        "the user is being changed concurrently; try again",
    ))
}

async fn find_user(store: &dyn Store, environment: Uuid, id: Uuid) -> Result<User, Error> {
    store
        .user(environment, id)
        .await?
        .ok_or_else(|| Error::not_found(ErrorCode::UserNotFound, format!("user {id} not found")))
}

/// `user(id)`: a super admin reads any user of its environment, a user only itself.
pub async fn user(store: &dyn Store, principal: &Principal, id: &Id) -> Result<User, Error> {
    let user_id = id_argument("id", id)?;
    if let Principal::User { user_id: own, .. } = principal
        && *own != user_id
    {
        return Err(Error::forbidden("a user may read only its own record"));
    }
    find_user(store, principal.environment(), user_id).await
}

/// `users(...)`: super admins only. Checks the principal and validates the query; the rows
/// and the total are then read separately, each only when the client asks for it.
pub fn users(principal: &Principal, query: UsersQuery) -> Result<UserListing, Error> {
    let environment = require_super_admin(principal)?;
    let paging = query.validate()?;
    Ok(UserListing {
        environment,
        query,
        paging,
    })
}

/// An authorised, validated `users(...)` listing (see [`users`]).
#[derive(Debug, Clone)]
pub struct UserListing {
    environment: Uuid,
    query: UsersQuery,
    paging: Paging,
}

impl UserListing {
    /// The rows of the requested page.
    pub async fn rows(&self, store: &dyn Store) -> Result<Vec<User>, Error> {
        store
            .users(self.environment, &self.query, self.paging)
            .await
    }

    /// How many users match, ignoring limit and offset.
    pub async fn total(&self, store: &dyn Store) -> Result<i64, Error> {
        store.count_users(self.environment, &self.query).await
    }
}
