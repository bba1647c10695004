//! [`Scope`]: the operations of SPEC §8, as the super admin or as one user.

use super::Platform;
use super::documents as doc;
use super::pager::UsersPager;
use super::tokens::Identity;
use super::transport::Idempotency;
use crate::validation::id_argument;
use crate::{
    Error, Id, Page, Patch, Tenant, TenantCreate, TenantUpdate, TenantsQuery, User, UserCreate,
    UserUpdate, UsersQuery,
};
use futures::{Stream, TryStreamExt};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// A client acting as one identity (see [`Platform::as_super_admin`] and
/// [`Platform::as_user`]). Cheap to clone; every method validates its input with the same
/// rules as the server before anything is sent.
#[derive(Clone, Debug)]
pub struct Scope {
    platform: Platform,
    identity: Identity,
}

fn decode<T: DeserializeOwned>(mut data: Value, field: &str) -> Result<T, Error> {
    serde_json::from_value(data[field].take()).map_err(|e| Error::Transport {
        message: format!("unexpected shape of {field} in the answer: {e}"),
    })
}

fn to_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

impl Scope {
    pub(crate) fn new(platform: Platform, identity: Identity) -> Scope {
        Scope { platform, identity }
    }

    async fn run<T: DeserializeOwned>(
        &self,
        document: &str,
        field: &str,
        variables: Value,
        idempotency: Idempotency,
    ) -> Result<T, Error> {
        let data = self
            .platform
            .graphql(&self.identity, document, variables, idempotency)
            .await?;
        decode(data, field)
    }

    /// Creates a user. Retried only when the request provably did not reach the server.
    pub async fn create_user(&self, input: UserCreate) -> Result<User, Error> {
        let input = input.validate()?;
        self.run(
            doc::CREATE_USER,
            "createUser",
            json!({"user": to_json(&input)}),
            Idempotency::Create,
        )
        .await
    }

    /// Updates a user: [`Patch::Absent`] fields stay, [`Patch::Null`] clears.
    pub async fn update_user(&self, id: &str, update: UserUpdate) -> Result<User, Error> {
        let (id, update) = update.validate_for(&Id::from(id))?;
        let variables = json!({"id": id.to_string(), "user": to_json(&update)});
        self.run(
            doc::UPDATE_USER,
            "updateUser",
            variables,
            Idempotency::Idempotent,
        )
        .await
    }

    /// Deactivates a user (`updateUser(id, {active: false})`); ROQ has no deletion.
    pub async fn deactivate_user(&self, id: &str) -> Result<User, Error> {
        let update = UserUpdate {
            active: Patch::Value(false),
            ..UserUpdate::default()
        };
        self.update_user(id, update).await
    }

    /// One user by id.
    pub async fn user(&self, id: &str) -> Result<User, Error> {
        let id = id_argument("id", &Id::from(id))?;
        self.run(
            doc::USER,
            "user",
            json!({"id": id.to_string()}),
            Idempotency::Idempotent,
        )
        .await
    }

    /// One page of users.
    pub async fn users(&self, query: UsersQuery) -> Result<Page<User>, Error> {
        query.validate()?;
        self.run(
            doc::USERS,
            "users",
            to_json(&query),
            Idempotency::Idempotent,
        )
        .await
    }

    /// One page of users without the total count (what [`UsersPager`] asks for).
    pub(crate) async fn users_rows(&self, query: UsersQuery) -> Result<Vec<User>, Error> {
        #[derive(serde::Deserialize)]
        struct Rows {
            data: Vec<User>,
        }
        query.validate()?;
        let rows: Rows = self
            .run(
                doc::USERS_ROWS,
                "users",
                to_json(&query),
                Idempotency::Idempotent,
            )
            .await?;
        Ok(rows.data)
    }

    /// Every user the query matches, page by page (`query.limit` is the page size, default
    /// 100; `query.offset` the start). Holds one page in memory at a time.
    pub fn users_stream(
        &self,
        query: UsersQuery,
    ) -> impl Stream<Item = Result<User, Error>> + Send + 'static {
        futures::stream::try_unfold(self.users_pager(query), |mut pager| async move {
            Ok(pager.next_page().await?.map(|page| {
                (
                    futures::stream::iter(page.into_iter().map(Ok::<User, Error>)),
                    pager,
                )
            }))
        })
        .try_flatten()
    }

    /// The pages of a query, one at a time (what `users_stream` and the bindings' iterators
    /// walk).
    pub fn users_pager(&self, query: UsersQuery) -> UsersPager {
        UsersPager::new(self.clone(), query)
    }

    /// Creates a tenant.
    pub async fn create_tenant(&self, input: TenantCreate) -> Result<Tenant, Error> {
        let input = input.validate()?;
        self.run(
            doc::CREATE_TENANT,
            "createTenant",
            json!({"tenant": to_json(&input)}),
            Idempotency::Create,
        )
        .await
    }

    /// Updates a tenant.
    pub async fn update_tenant(&self, id: &str, update: TenantUpdate) -> Result<Tenant, Error> {
        let id = id_argument("id", &Id::from(id))?;
        let update = update.validate()?;
        let variables = json!({"id": id.to_string(), "tenant": to_json(&update)});
        self.run(
            doc::UPDATE_TENANT,
            "updateTenant",
            variables,
            Idempotency::Idempotent,
        )
        .await
    }

    /// One tenant by id.
    pub async fn tenant(&self, id: &str) -> Result<Tenant, Error> {
        let id = id_argument("id", &Id::from(id))?;
        self.run(
            doc::TENANT,
            "tenant",
            json!({"id": id.to_string()}),
            Idempotency::Idempotent,
        )
        .await
    }

    /// One page of tenants.
    pub async fn tenants(&self, query: TenantsQuery) -> Result<Page<Tenant>, Error> {
        query.validate()?;
        self.run(
            doc::TENANTS,
            "tenants",
            to_json(&query),
            Idempotency::Idempotent,
        )
        .await
    }

    /// Any GraphQL document (the escape hatch); returns its `data`. Not retried unless the
    /// request provably did not reach the server, since the SDK cannot tell a query from a
    /// mutation's effects.
    pub async fn graphql_request(&self, query: &str, variables: Value) -> Result<Value, Error> {
        self.platform
            .graphql(&self.identity, query, variables, Idempotency::Create)
            .await
    }
}
