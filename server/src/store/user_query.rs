//! The users() and tenants() list queries as sea-query statements (dialect-neutral).
//!
//! Semantics (SPEC §4): every operator is ANDed; `equalTo: null` is IS NULL; `like` is
//! case-sensitive and `iLike` compares the server-computed lower-case shadow columns, so
//! both behave the same on every backend; `\` escapes `%` and `_`; `valueIn: []` matches
//! nothing; deactivated users are left out unless `withDeactivated: {equalTo: true}` or an
//! `active` filter is given. Ordering puts nulls last ascending and first descending, and
//! breaks ties by id.

use roq_users::{
    BooleanFilter, DateFilter, IdFilter, Paging, Patch, SortOrder, StringFilter, TenantFilter,
    TenantOrder, UserFilter, UserSearchKey, UserSortKey, UsersQuery,
};
use sea_query::{
    Alias, Condition, Expr, ExprTrait, Func, Iden, LikeExpr, NullOrdering, Order, Query,
    SelectStatement,
};
use uuid::Uuid;

/// The `users` table; variants are its columns, named as in the migration.
#[allow(missing_docs)]
#[derive(Iden, Clone, Copy)]
pub enum Users {
    Table,
    Id,
    EnvironmentId,
    TenantId,
    Reference,
    ReferenceLower,
    Email,
    EmailLower,
    FirstName,
    FirstNameLower,
    LastName,
    LastNameLower,
    Phone,
    Locale,
    LocaleLower,
    Timezone,
    TimezoneLower,
    AvatarUrl,
    IsOptedIn,
    OptedInAt,
    Active,
    TwoFactorEnabled,
    CustomData,
    Version,
    CreatedAt,
    UpdatedAt,
}

/// The `tenants` table; variants are its columns, named as in the migration.
#[allow(missing_docs)]
#[derive(Iden, Clone, Copy)]
pub enum Tenants {
    Table,
    Id,
    EnvironmentId,
    Name,
    Reference,
    IsDefault,
    CreatedAt,
    UpdatedAt,
}

/// The columns a user row is read from.
pub const USER_COLUMNS: [Users; 17] = [
    Users::Id,
    Users::TenantId,
    Users::Reference,
    Users::Email,
    Users::FirstName,
    Users::LastName,
    Users::Phone,
    Users::Locale,
    Users::Timezone,
    Users::AvatarUrl,
    Users::IsOptedIn,
    Users::Active,
    Users::TwoFactorEnabled,
    Users::CustomData,
    Users::Version,
    Users::CreatedAt,
    Users::UpdatedAt,
];

/// The columns a tenant row is read from.
pub const TENANT_COLUMNS: [Tenants; 6] = [
    Tenants::Id,
    Tenants::Name,
    Tenants::Reference,
    Tenants::IsDefault,
    Tenants::CreatedAt,
    Tenants::UpdatedAt,
];

/// Lower case as every backend stores it in the `*_lower` columns.
pub fn lower(text: &str) -> String {
    text.to_lowercase()
}

/// Escapes LIKE wildcards so `text` matches itself; the escape character is `\`.
pub fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn nothing() -> Expr {
    Expr::val(1).eq(0)
}

fn like(column: Users, pattern: String) -> Expr {
    Expr::col(column).like(LikeExpr::new(pattern).escape('\\'))
}

fn contains(column: Users, needle: &str) -> Expr {
    like(column, format!("%{}%", escape_like(&lower(needle))))
}

/// Adds the conditions of one text filter on `column`; iLike matches `lowered` (a lower-case
/// shadow column, or `lower(column)` where there is none) against the lower-cased pattern.
fn string_filter<C: Iden + Copy + 'static>(
    mut cond: Condition,
    f: &StringFilter,
    column: C,
    lowered: Expr,
) -> Condition {
    cond = match &f.equal_to {
        Patch::Absent => cond,
        Patch::Null => cond.add(Expr::col(column).is_null()),
        Patch::Value(v) => cond.add(Expr::col(column).eq(v.clone())),
    };
    cond = match &f.not_equal_to {
        Patch::Absent => cond,
        Patch::Null => cond.add(Expr::col(column).is_not_null()),
        Patch::Value(v) => cond.add(Expr::col(column).ne(v.clone())),
    };
    if let Some(values) = &f.value_in {
        cond = cond.add(if values.is_empty() {
            nothing()
        } else {
            Expr::col(column).is_in(values.iter().cloned())
        });
    }
    if let Some(values) = &f.value_not_in
        && !values.is_empty()
    {
        cond = cond.add(Expr::col(column).is_not_in(values.iter().cloned()));
    }
    if let Some(pattern) = &f.like {
        cond = cond.add(Expr::col(column).like(LikeExpr::new(pattern.clone()).escape('\\')));
    }
    if let Some(pattern) = &f.i_like {
        cond = cond.add(lowered.like(LikeExpr::new(lower(pattern)).escape('\\')));
    }
    cond
}

fn uuid_text(id: &roq_users::Id) -> String {
    // Ids were validated before the query is built; normalise their spelling.
    Uuid::parse_str(id.as_str()).map_or_else(|_| id.0.clone(), |u| u.to_string())
}

fn id_filter<C: Iden + Copy + 'static>(mut cond: Condition, f: &IdFilter, column: C) -> Condition {
    cond = match &f.equal_to {
        Patch::Absent => cond,
        Patch::Null => cond.add(Expr::col(column).is_null()),
        Patch::Value(v) => cond.add(Expr::col(column).eq(uuid_text(v))),
    };
    cond = match &f.not_equal_to {
        Patch::Absent => cond,
        Patch::Null => cond.add(Expr::col(column).is_not_null()),
        Patch::Value(v) => cond.add(Expr::col(column).ne(uuid_text(v))),
    };
    if let Some(values) = &f.value_in {
        cond = cond.add(if values.is_empty() {
            nothing()
        } else {
            Expr::col(column).is_in(values.iter().map(uuid_text))
        });
    }
    if let Some(values) = &f.value_not_in
        && !values.is_empty()
    {
        cond = cond.add(Expr::col(column).is_not_in(values.iter().map(uuid_text)));
    }
    cond
}

fn boolean_filter(mut cond: Condition, f: &BooleanFilter, column: Users) -> Condition {
    cond = match &f.equal_to {
        Patch::Absent => cond,
        Patch::Null => cond.add(Expr::col(column).is_null()),
        Patch::Value(v) => cond.add(Expr::col(column).eq(*v)),
    };
    match &f.not_equal_to {
        Patch::Absent => cond,
        Patch::Null => cond.add(Expr::col(column).is_not_null()),
        Patch::Value(v) => cond.add(Expr::col(column).ne(*v)),
    }
}

fn date_filter(mut cond: Condition, f: &DateFilter, column: Users) -> Condition {
    cond = match &f.equal_to {
        Patch::Absent => cond,
        Patch::Null => cond.add(Expr::col(column).is_null()),
        Patch::Value(v) => cond.add(Expr::col(column).eq(v.millis())),
    };
    cond = match &f.not_equal_to {
        Patch::Absent => cond,
        Patch::Null => cond.add(Expr::col(column).is_not_null()),
        Patch::Value(v) => cond.add(Expr::col(column).ne(v.millis())),
    };
    if let Some(v) = f.less_than {
        cond = cond.add(Expr::col(column).lt(v.millis()));
    }
    if let Some(v) = f.less_than_equal {
        cond = cond.add(Expr::col(column).lte(v.millis()));
    }
    if let Some(v) = f.more_than {
        cond = cond.add(Expr::col(column).gt(v.millis()));
    }
    if let Some(v) = f.more_than_equal {
        cond = cond.add(Expr::col(column).gte(v.millis()));
    }
    cond
}

/// Roles, user groups and identity providers are not implemented: every user has none, so
/// a filter on them behaves like a filter on an always-NULL column. Only `equalTo: null`
/// (alone) matches; any other operator matches nothing.
fn unimplemented_relation(cond: Condition, only_is_null: bool) -> Condition {
    if only_is_null {
        cond
    } else {
        cond.add(nothing())
    }
}

/// True when a filter is exactly `{equalTo: null}` (compared through its wire form, so the
/// rule holds for every operator type, present and future).
fn only_is_null<T: serde::Serialize>(filter: &T) -> bool {
    serde_json::to_value(filter).ok() == Some(serde_json::json!({ "equalTo": null }))
}

fn user_filter(mut cond: Condition, f: &UserFilter) -> Condition {
    if let Some(x) = &f.id {
        cond = id_filter(cond, x, Users::Id);
    }
    if let Some(x) = &f.tenant_id {
        cond = id_filter(cond, x, Users::TenantId);
    }
    let strings = [
        (&f.reference, Users::Reference, Users::ReferenceLower),
        (&f.email, Users::Email, Users::EmailLower),
        (&f.first_name, Users::FirstName, Users::FirstNameLower),
        (&f.last_name, Users::LastName, Users::LastNameLower),
        // Phone numbers are digits and `+`: their lower case is themselves.
        (&f.phone, Users::Phone, Users::Phone),
        (&f.locale, Users::Locale, Users::LocaleLower),
        (&f.timezone, Users::Timezone, Users::TimezoneLower),
    ];
    for (filter, column, lower_column) in strings {
        if let Some(x) = filter {
            cond = string_filter(cond, x, column, Expr::col(lower_column));
        }
    }
    if let Some(x) = &f.active {
        cond = boolean_filter(cond, x, Users::Active);
    }
    if let Some(x) = &f.opted_in_at {
        cond = date_filter(cond, x, Users::OptedInAt);
    }
    if let Some(x) = &f.role_id {
        cond = unimplemented_relation(cond, only_is_null(x));
    }
    if let Some(x) = &f.user_provider_id {
        cond = unimplemented_relation(cond, only_is_null(x));
    }
    if let Some(x) = &f.role_key {
        cond = unimplemented_relation(cond, only_is_null(x));
    }
    if let Some(x) = &f.user_group_id {
        cond = unimplemented_relation(cond, only_is_null(x));
    }
    if let Some(x) = &f.user_group_name {
        cond = unimplemented_relation(cond, only_is_null(x));
    }
    if let Some(needle) = &f.search {
        cond = cond.add(
            Condition::any()
                .add(contains(Users::EmailLower, needle))
                .add(contains(Users::FirstNameLower, needle))
                .add(contains(Users::LastNameLower, needle)),
        );
    }
    cond
}

/// The WHERE condition of a users() query inside one environment.
pub fn users_condition(environment: Uuid, query: &UsersQuery) -> Condition {
    let mut cond =
        Condition::all().add(Expr::col(Users::EnvironmentId).eq(environment.to_string()));
    let filter = query.filter.clone().unwrap_or_default();
    let include_deactivated = filter.active.is_some()
        || filter
            .with_deactivated
            .as_ref()
            .is_some_and(|w| w.equal_to == Patch::Value(true));
    if !include_deactivated {
        cond = cond.add(Expr::col(Users::Active).eq(true));
    }
    cond = user_filter(cond, &filter);
    if let Some(search) = &query.search {
        let column = match search.key {
            UserSearchKey::Email => Users::EmailLower,
            UserSearchKey::FirstName => Users::FirstNameLower,
            UserSearchKey::LastName => Users::LastNameLower,
            UserSearchKey::Locale => Users::LocaleLower,
            UserSearchKey::Phone => Users::Phone,
            UserSearchKey::Timezone => Users::TimezoneLower,
        };
        cond = cond.add(contains(column, &search.value));
    }
    cond
}

fn sort_column(key: UserSortKey) -> Users {
    match key {
        UserSortKey::Active => Users::Active,
        UserSortKey::CreatedAt => Users::CreatedAt,
        UserSortKey::Email => Users::Email,
        UserSortKey::FirstName => Users::FirstName,
        UserSortKey::LastName => Users::LastName,
        UserSortKey::Locale => Users::Locale,
        UserSortKey::Phone => Users::Phone,
        UserSortKey::Timezone => Users::Timezone,
        UserSortKey::UpdatedAt => Users::UpdatedAt,
    }
}

fn direction(order: SortOrder) -> (Order, NullOrdering) {
    match order {
        SortOrder::Asc => (Order::Asc, NullOrdering::Last),
        SortOrder::Desc => (Order::Desc, NullOrdering::First),
    }
}

/// SELECT of one page of users.
pub fn users_page(environment: Uuid, query: &UsersQuery, paging: Paging) -> SelectStatement {
    let order = query.order.unwrap_or_default();
    let (dir, nulls) = direction(order.order);
    let mut select = Query::select();
    select
        .columns(USER_COLUMNS)
        .from(Users::Table)
        .cond_where(users_condition(environment, query))
        .order_by_with_nulls(sort_column(order.sort), dir.clone(), nulls)
        .order_by(Users::Id, dir)
        .limit(u64::try_from(paging.limit).unwrap_or(0))
        .offset(u64::try_from(paging.offset).unwrap_or(0));
    select
}

/// SELECT COUNT(*) of every user a query matches.
pub fn users_count(environment: Uuid, query: &UsersQuery) -> SelectStatement {
    let mut select = Query::select();
    select
        .expr_as(Expr::col(Users::Id).count(), Alias::new("total"))
        .from(Users::Table)
        .cond_where(users_condition(environment, query));
    select
}

fn tenants_condition(environment: Uuid, filter: &TenantFilter) -> Condition {
    let mut cond =
        Condition::all().add(Expr::col(Tenants::EnvironmentId).eq(environment.to_string()));
    if let Some(f) = &filter.id {
        cond = id_filter(cond, f, Tenants::Id);
    }
    if let Some(f) = &filter.reference {
        // Tenant references have no lower-case shadow column: iLike uses the backend's lower().
        cond = string_filter(
            cond,
            f,
            Tenants::Reference,
            Func::lower(Expr::col(Tenants::Reference)).into(),
        );
    }
    cond
}

/// SELECT of one page of tenants.
pub fn tenants_page(
    environment: Uuid,
    filter: &TenantFilter,
    order: TenantOrder,
    paging: Paging,
) -> SelectStatement {
    let (dir, _) = direction(order.order);
    let mut select = Query::select();
    select
        .columns(TENANT_COLUMNS)
        .from(Tenants::Table)
        .cond_where(tenants_condition(environment, filter))
        .order_by(Tenants::CreatedAt, dir.clone())
        .order_by(Tenants::Id, dir)
        .limit(u64::try_from(paging.limit).unwrap_or(0))
        .offset(u64::try_from(paging.offset).unwrap_or(0));
    select
}

/// SELECT COUNT(*) of the tenants a filter matches.
pub fn tenants_count(environment: Uuid, filter: &TenantFilter) -> SelectStatement {
    let mut select = Query::select();
    select
        .expr_as(Expr::col(Tenants::Id).count(), Alias::new("total"))
        .from(Tenants::Table)
        .cond_where(tenants_condition(environment, filter));
    select
}
