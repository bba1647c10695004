//! Output types: `UserModel`, `TenantModel` and their page envelopes.

use super::relations::{
    RoleFilterArgType, RoleOrderArgType, RolePageModel, RoleSearchArgType, UserGroupFilterArgType,
    UserGroupOrderArgType, UserGroupPageModel, UserGroupSearchArgType, empty_page,
};
use super::{request, to_graphql_error};
use crate::tenants;
use crate::users::UserListing;
use async_graphql::{Context, ID, Object, SimpleObject};
use roq_users::{JsonObject, Timestamp};

fn count(n: i64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// A user (`UserModel`).
pub struct UserModel(pub roq_users::User);

#[Object(name = "UserModel")]
impl UserModel {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn reference(&self) -> &str {
        &self.0.reference
    }
    async fn email(&self) -> &str {
        &self.0.email
    }
    async fn first_name(&self) -> Option<&str> {
        self.0.first_name.as_deref()
    }
    async fn last_name(&self) -> Option<&str> {
        self.0.last_name.as_deref()
    }
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
    async fn locale(&self) -> Option<&str> {
        self.0.locale.as_deref()
    }
    async fn timezone(&self) -> Option<&str> {
        self.0.timezone.as_deref()
    }
    async fn avatar_url(&self) -> Option<&str> {
        self.0.avatar_url.as_deref()
    }
    async fn is_opted_in(&self) -> Option<bool> {
        Some(self.0.is_opted_in)
    }
    async fn active(&self) -> Option<bool> {
        Some(self.0.active)
    }
    async fn synced(&self) -> Option<bool> {
        Some(self.0.synced)
    }
    async fn two_factor_enabled(&self) -> Option<bool> {
        Some(self.0.two_factor_enabled)
    }
    async fn tenant_id(&self) -> Option<ID> {
        Some(ID(self.0.tenant_id.clone()))
    }
    async fn custom_data(&self) -> Option<&JsonObject> {
        Some(&self.0.custom_data)
    }
    async fn created_at(&self) -> Timestamp {
        self.0.created_at
    }
    async fn updated_at(&self) -> Timestamp {
        self.0.updated_at
    }
    /// (ext) Incremented on each change; starts at 1.
    async fn version(&self) -> i32 {
        count(self.0.version)
    }
    /// The user's tenant.
    async fn tenant(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<TenantModel>> {
        let (store, principal) = request(ctx)?;
        tenants::tenant_of_user(store, principal, &self.0.tenant_id)
            .await
            .map(|t| t.map(TenantModel))
            .map_err(to_graphql_error)
    }
    /// Roles are not implemented yet: always an empty page.
    #[allow(unused_variables)]
    async fn roles(
        &self,
        filter: Option<RoleFilterArgType>,
        limit: Option<i32>,
        offset: Option<i32>,
        order: Option<RoleOrderArgType>,
        search: Option<RoleSearchArgType>,
    ) -> Option<RolePageModel> {
        Some(empty_page())
    }
    /// User groups are not implemented yet: always an empty page.
    #[allow(unused_variables)]
    async fn user_groups(
        &self,
        filter: Option<UserGroupFilterArgType>,
        limit: Option<i32>,
        offset: Option<i32>,
        order: Option<UserGroupOrderArgType>,
        search: Option<UserGroupSearchArgType>,
    ) -> Option<UserGroupPageModel> {
        Some(empty_page())
    }
}

/// A tenant (`TenantModel`).
pub struct TenantModel(pub roq_users::Tenant);

#[Object(name = "TenantModel")]
impl TenantModel {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn reference(&self) -> Option<&str> {
        self.0.reference.as_deref()
    }
    async fn is_default(&self) -> bool {
        self.0.is_default
    }
    async fn created_at(&self) -> Timestamp {
        self.0.created_at
    }
    async fn updated_at(&self) -> Timestamp {
        self.0.updated_at
    }
    /// How many users belong to the tenant.
    async fn users(&self, ctx: &Context<'_>) -> async_graphql::Result<UsersCountModel> {
        let (store, principal) = request(ctx)?;
        let total = tenants::user_count(store, principal, &self.0.id)
            .await
            .map_err(to_graphql_error)?;
        Ok(UsersCountModel {
            total_count: count(total),
        })
    }
}

/// A count of users (`UsersCountModel`).
#[derive(SimpleObject, Default, Clone)]
#[graphql(name = "UsersCountModel")]
pub struct UsersCountModel {
    /// How many.
    pub total_count: i32,
}

/// A page of users (`UserPageModel`). The rows and the total are separate reads, each made
/// only when the document selects its field (an iterator asks for `data` alone, a badge for
/// `totalCount` alone); when both are selected they run concurrently.
pub struct UserPageModel(pub UserListing);

/// A page of users (`UserPageModel`).
#[Object(name = "UserPageModel")]
impl UserPageModel {
    /// This page.
    async fn data(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<UserModel>> {
        let (store, _) = request(ctx)?;
        let rows = self.0.rows(store).await.map_err(to_graphql_error)?;
        Ok(rows.into_iter().map(UserModel).collect())
    }
    /// Every match, ignoring limit and offset.
    async fn total_count(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        let (store, _) = request(ctx)?;
        let total = self.0.total(store).await.map_err(to_graphql_error)?;
        Ok(count(total))
    }
}

/// A page of tenants (`TenantPageModel`).
#[derive(SimpleObject)]
#[graphql(name = "TenantPageModel")]
pub struct TenantPageModel {
    /// This page.
    pub data: Vec<TenantModel>,
    /// Every match, ignoring limit and offset.
    pub total_count: i32,
}

impl From<roq_users::Page<roq_users::Tenant>> for TenantPageModel {
    fn from(page: roq_users::Page<roq_users::Tenant>) -> Self {
        TenantPageModel {
            data: page.data.into_iter().map(TenantModel).collect(),
            total_count: count(page.total_count),
        }
    }
}
