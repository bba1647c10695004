//! The query and mutation roots. Resolvers only translate: the rules live in
//! [`crate::users`] and [`crate::tenants`].

use super::types::{TenantModel, TenantPageModel, UserModel, UserPageModel};
use super::{mutation_request, request, to_graphql_error};
use crate::{tenants, users};
use async_graphql::{Context, Object, Result};
use roq_users::{
    Id, TenantCreate, TenantFilter, TenantOrder, TenantUpdate, UserCreate, UserFilter, UserOrder,
    UserSearch, UserUpdate, UsersQuery,
};

/// Queries.
pub struct QueryRoot;

#[Object(name = "Query")]
impl QueryRoot {
    /// One user by id.
    async fn user(&self, ctx: &Context<'_>, id: Id) -> Result<UserModel> {
        let (store, principal) = request(ctx)?;
        users::user(store, principal, &id)
            .await
            .map(UserModel)
            .map_err(to_graphql_error)
    }

    /// A page of users (default: active users, newest first, 100 per page).
    async fn users(
        &self,
        ctx: &Context<'_>,
        filter: Option<UserFilter>,
        limit: Option<i32>,
        offset: Option<i32>,
        order: Option<UserOrder>,
        search: Option<UserSearch>,
    ) -> Result<UserPageModel> {
        let (_, principal) = request(ctx)?;
        let query = UsersQuery {
            filter,
            limit: limit.map(i64::from),
            offset: offset.map(i64::from),
            order,
            search,
        };
        users::users(principal, query)
            .map(UserPageModel)
            .map_err(to_graphql_error)
    }

    /// One tenant by id.
    async fn tenant(&self, ctx: &Context<'_>, id: Id) -> Result<TenantModel> {
        let (store, principal) = request(ctx)?;
        tenants::tenant(store, principal, &id)
            .await
            .map(TenantModel)
            .map_err(to_graphql_error)
    }

    /// A page of tenants.
    async fn tenants(
        &self,
        ctx: &Context<'_>,
        filter: Option<TenantFilter>,
        limit: Option<i32>,
        offset: Option<i32>,
        order: Option<TenantOrder>,
    ) -> Result<TenantPageModel> {
        let (store, principal) = request(ctx)?;
        tenants::tenants(
            store,
            principal,
            filter,
            limit.map(i64::from),
            offset.map(i64::from),
            order,
        )
        .await
        .map(TenantPageModel::from)
        .map_err(to_graphql_error)
    }
}

/// Mutations (server endpoint, super admin only).
pub struct MutationRoot;

#[Object(name = "Mutation")]
impl MutationRoot {
    /// Creates a user.
    async fn create_user(&self, ctx: &Context<'_>, user: UserCreate) -> Result<UserModel> {
        let (store, principal) = mutation_request(ctx)?;
        users::create_user(store, principal, user)
            .await
            .map(UserModel)
            .map_err(to_graphql_error)
    }

    /// Updates a user: absent fields stay, `null` clears. Deactivate with `{active: false}`.
    async fn update_user(&self, ctx: &Context<'_>, id: Id, user: UserUpdate) -> Result<UserModel> {
        let (store, principal) = mutation_request(ctx)?;
        users::update_user(store, principal, &id, user)
            .await
            .map(UserModel)
            .map_err(to_graphql_error)
    }

    /// Creates a tenant.
    async fn create_tenant(&self, ctx: &Context<'_>, tenant: TenantCreate) -> Result<TenantModel> {
        let (store, principal) = mutation_request(ctx)?;
        tenants::create_tenant(store, principal, tenant)
            .await
            .map(TenantModel)
            .map_err(to_graphql_error)
    }

    /// Updates a tenant.
    async fn update_tenant(
        &self,
        ctx: &Context<'_>,
        id: Id,
        tenant: TenantUpdate,
    ) -> Result<TenantModel> {
        let (store, principal) = mutation_request(ctx)?;
        tenants::update_tenant(store, principal, &id, tenant)
            .await
            .map(TenantModel)
            .map_err(to_graphql_error)
    }
}
