//! Quick start: create, update, list and deactivate a user.
//!
//! Start a server as the README says (`cargo run --release -p roq-users-server`), then:
//!
//! ```sh
//! ROQ_USERS_ENVIRONMENT_ID=<printed id> ROQ_USERS_API_KEY=<printed key> \
//!   cargo run -p roq-users --example quickstart
//! ```
//!
//! `ROQ_USERS_HOST` defaults to `http://127.0.0.1:8080`.

use roq_users::{
    Patch, Platform, PlatformConfig, StringFilter, UserCreate, UserFilter, UserUpdate, UsersQuery,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).map_err(|_| format!("set {name} (see the README)"));
    let host = std::env::var("ROQ_USERS_HOST").unwrap_or_else(|_| "http://127.0.0.1:8080".into());
    let platform = Platform::new(PlatformConfig::new(
        host,
        var("ROQ_USERS_ENVIRONMENT_ID")?,
        var("ROQ_USERS_API_KEY")?,
    ))?;
    let admin = platform.as_super_admin();

    let reference = format!("quickstart-{}", std::process::id());
    let mut input = UserCreate::new(&reference, format!("{reference}@example.com"));
    input.first_name = Some("Ada".into());
    input.locale = Some("en-gb".into());
    let user = admin.create_user(input).await?;
    println!(
        "created  {} {} locale={:?}",
        user.id, user.email, user.locale
    );

    let update = UserUpdate {
        last_name: Patch::Value("Lovelace".into()),
        ..UserUpdate::default()
    };
    let user = admin.update_user(&user.id, update).await?;
    println!(
        "updated  {:?} {:?} (version {})",
        user.first_name, user.last_name, user.version
    );

    let query = UsersQuery {
        filter: Some(UserFilter {
            reference: Some(StringFilter::equal_to(&reference)),
            ..UserFilter::default()
        }),
        ..UsersQuery::default()
    };
    let page = admin.users(query).await?;
    println!("listed   {} match(es)", page.total_count);

    let user = admin.deactivate_user(&user.id).await?;
    println!("deactivated: active={}", user.active);
    Ok(())
}
