//! Tenant operations.

use crate::auth::Principal;
use crate::store::Store;
use crate::users::{now, require_super_admin};
use roq_users::validation::{Violations, id_argument, paging};
use roq_users::{
    Error, ErrorCode, Id, Page, SortOrder, Tenant, TenantCreate, TenantFilter, TenantOrder,
    TenantSortKey, TenantUpdate,
};
use uuid::Uuid;

fn not_found(id: Uuid) -> Error {
    Error::not_found(ErrorCode::TenantNotFound, format!("tenant {id} not found"))
}

/// `createTenant`.
pub async fn create_tenant(
    store: &dyn Store,
    principal: &Principal,
    input: TenantCreate,
) -> Result<Tenant, Error> {
    let environment = require_super_admin(principal)?;
    let input = input.validate()?;
    let at = now();
    let tenant = Tenant {
        id: Uuid::now_v7().to_string(),
        name: input.name,
        reference: input.reference,
        is_default: false,
        created_at: at,
        updated_at: at,
    };
    store.insert_tenant(environment, &tenant).await?;
    Ok(tenant)
}

/// `updateTenant`.
pub async fn update_tenant(
    store: &dyn Store,
    principal: &Principal,
    id: &Id,
    update: TenantUpdate,
) -> Result<Tenant, Error> {
    let environment = require_super_admin(principal)?;
    let id = id_argument("id", id)?;
    let update = update.validate()?;
    store
        .update_tenant(environment, id, &update, now())
        .await?
        .ok_or_else(|| not_found(id))
}

/// `tenant(id)`: super admins only.
pub async fn tenant(store: &dyn Store, principal: &Principal, id: &Id) -> Result<Tenant, Error> {
    let environment = require_super_admin(principal)?;
    let id = id_argument("id", id)?;
    store
        .tenant(environment, id)
        .await?
        .ok_or_else(|| not_found(id))
}

/// The tenant of a user, for the `UserModel.tenant` relation (any principal that could
/// read the user).
pub async fn tenant_of_user(
    store: &dyn Store,
    principal: &Principal,
    tenant_id: &str,
) -> Result<Option<Tenant>, Error> {
    match Uuid::parse_str(tenant_id) {
        Ok(id) => store.tenant(principal.environment(), id).await,
        Err(_) => Ok(None),
    }
}

/// `tenants(...)`: super admins only; ordered by creation time (default descending).
pub async fn tenants(
    store: &dyn Store,
    principal: &Principal,
    filter: Option<TenantFilter>,
    limit: Option<i64>,
    offset: Option<i64>,
    order: Option<TenantOrder>,
) -> Result<Page<Tenant>, Error> {
    let environment = require_super_admin(principal)?;
    let filter = filter.unwrap_or_default();
    let mut v = Violations::new();
    let paging = paging(&mut v, limit, offset);
    filter.check(&mut v);
    v.finish()?;
    let order = order.unwrap_or(TenantOrder {
        order: SortOrder::Desc,
        sort: TenantSortKey::CreatedAt,
    });
    store.tenants(environment, &filter, order, paging).await
}

/// `TenantModel.users.totalCount`.
pub async fn user_count(
    store: &dyn Store,
    principal: &Principal,
    tenant_id: &str,
) -> Result<i64, Error> {
    let id = Uuid::parse_str(tenant_id).map_err(|_| Error::internal(Uuid::new_v4().to_string()))?;
    store.count_tenant_users(principal.environment(), id).await
}
