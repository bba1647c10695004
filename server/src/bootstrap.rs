//! First start: one environment with its default tenant and one API key; and the
//! administrative commands that create more.

use crate::auth::{generate_api_key, hash_api_key};
use crate::store::Store;
use crate::users::now;
use roq_users::{Error, Tenant};
use uuid::Uuid;

/// What bootstrap found or made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bootstrap {
    /// The environment to show (created, pinned, or the oldest one).
    pub environment_id: Uuid,
    /// An API key to show: a newly generated one (shown once) or the pinned one.
    pub api_key: Option<String>,
    /// Whether the environment was created by this start.
    pub created: bool,
}

/// Creates an environment with its default tenant; returns nothing else.
pub async fn create_environment(
    store: &dyn Store,
    environment: Uuid,
    name: &str,
) -> Result<(), Error> {
    let at = now();
    let tenant = Tenant {
        id: Uuid::now_v7().to_string(),
        name: "Default".to_string(),
        reference: None,
        is_default: true,
        created_at: at,
        updated_at: at,
    };
    store.create_environment(environment, name, &tenant).await
}

/// Creates and stores (hashed) a new API key for an environment; returns the key.
pub async fn create_api_key(store: &dyn Store, environment: Uuid) -> Result<String, Error> {
    let key = generate_api_key();
    store
        .insert_api_key(environment, Uuid::now_v7(), &hash_api_key(&key))
        .await?;
    Ok(key)
}

/// Makes sure the database has an environment and a usable key.
///
/// - With a pinned environment id: creates it if missing.
/// - Without: creates one only if the database has none.
/// - A pinned API key is stored (hashed) for that environment; otherwise a key is generated
///   only when the environment was just created.
pub async fn bootstrap(
    store: &dyn Store,
    pinned_environment: Option<Uuid>,
    pinned_key: Option<&str>,
) -> Result<Bootstrap, Error> {
    let (environment, created) = match pinned_environment {
        Some(id) if store.environment_exists(id).await? => (id, false),
        Some(id) => (id, true),
        None => match store.first_environment().await? {
            Some(id) => (id, false),
            None => (Uuid::now_v7(), true),
        },
    };
    if created {
        create_environment(store, environment, "Default").await?;
    }
    let api_key = match pinned_key {
        Some(key) => {
            store
                .insert_api_key(environment, Uuid::now_v7(), &hash_api_key(key))
                .await?;
            Some(key.to_string())
        }
        None if created => Some(create_api_key(store, environment).await?),
        None => None,
    };
    Ok(Bootstrap {
        environment_id: environment,
        api_key,
        created,
    })
}
