//! `validate()` of each input: every field rule of SPEC §5 and the listing rules of §4.

use super::{Violations, code};
use crate::{
    DEFAULT_LIMIT, Error, Id, IdFilter, MAX_LIMIT, Paging, Patch, TenantCreate, TenantFilter,
    TenantUpdate, TenantsQuery, UserCreate, UserFilter, UserGroupIdFilter, UserUpdate, UsersQuery,
    Violation,
};

type Rule = fn(&str, &str) -> Result<String, Violation>;

fn optional(v: &mut Violations, field: &str, value: Option<String>, rule: Rule) -> Option<String> {
    value.and_then(|text| v.check(rule(field, &text)))
}

fn patch(v: &mut Violations, field: &str, value: Patch<String>, rule: Rule) -> Patch<String> {
    match value {
        Patch::Value(text) => v
            .check(rule(field, &text))
            .map_or(Patch::Absent, Patch::Value),
        other => other,
    }
}

fn not_null<T>(v: &mut Violations, field: &str, value: &Patch<T>) {
    if matches!(value, Patch::Null) {
        v.push(Violation::new(
            field,
            code::NULL_NOT_ALLOWED,
            format!("{field} cannot be null"),
        ));
    }
}

impl UserCreate {
    /// Checks every field (SPEC §5) and returns the normalised input, or a
    /// `VALIDATION_ERROR` / `INVALID_UUID` listing every violation.
    pub fn validate(self) -> Result<UserCreate, Error> {
        let mut v = Violations::new();
        let reference = v.check(super::reference("reference", &self.reference));
        let email = v.check(super::email("email", &self.email));
        let out = UserCreate {
            email: email.unwrap_or_default(),
            reference: reference.unwrap_or_default(),
            first_name: optional(&mut v, "firstName", self.first_name, super::name),
            last_name: optional(&mut v, "lastName", self.last_name, super::name),
            phone: optional(&mut v, "phone", self.phone, super::phone),
            locale: optional(&mut v, "locale", self.locale, super::locale),
            timezone: optional(&mut v, "timezone", self.timezone, super::timezone),
            avatar_url: optional(&mut v, "avatarUrl", self.avatar_url, super::avatar_url),
            password: optional(&mut v, "password", self.password, super::password),
            is_opted_in: self.is_opted_in,
            active: self.active,
            two_factor_enabled: self.two_factor_enabled,
            tenant_id: self
                .tenant_id
                .and_then(|id| v.check(super::id("tenantId", &id)).map(Id::from)),
            custom_data: self
                .custom_data
                .and_then(|data| v.check(super::custom_data("customData", &data))),
            roles: self.roles,
        };
        if out.roles.as_ref().is_some_and(|roles| !roles.is_empty()) {
            v.push(Violation::new(
                "roles",
                code::NOT_SUPPORTED,
                "roles are not implemented by this server yet; send no roles",
            ));
        }
        v.finish()?;
        Ok(out)
    }
}

impl UserUpdate {
    /// Checks every given field and returns the normalised update. `null` is refused for
    /// email, isOptedIn, active, twoFactorEnabled and tenantId; `null` customData means `{}`.
    pub fn validate(self) -> Result<UserUpdate, Error> {
        let mut v = Violations::new();
        let out = self.check(&mut v);
        v.finish()?;
        Ok(out)
    }

    /// Validates the `id` argument of `updateUser` together with the update, reporting every
    /// violation of both at once (the id's first).
    pub fn validate_for(self, id: &Id) -> Result<(uuid::Uuid, UserUpdate), Error> {
        let mut v = Violations::new();
        let uuid = v.check(super::id("id", id));
        let out = self.check(&mut v);
        v.finish()?;
        let uuid = uuid.ok_or_else(|| Error::invalid_uuid("id", id.as_str()))?;
        Ok((uuid, out))
    }

    fn check(self, v: &mut Violations) -> UserUpdate {
        not_null(v, "email", &self.email);
        not_null(v, "isOptedIn", &self.is_opted_in);
        not_null(v, "active", &self.active);
        not_null(v, "twoFactorEnabled", &self.two_factor_enabled);
        not_null(v, "tenantId", &self.tenant_id);
        UserUpdate {
            email: patch(v, "email", self.email, super::email),
            first_name: patch(v, "firstName", self.first_name, super::name),
            last_name: patch(v, "lastName", self.last_name, super::name),
            phone: patch(v, "phone", self.phone, super::phone),
            locale: patch(v, "locale", self.locale, super::locale),
            timezone: patch(v, "timezone", self.timezone, super::timezone),
            avatar_url: patch(v, "avatarUrl", self.avatar_url, super::avatar_url),
            is_opted_in: self.is_opted_in,
            active: self.active,
            two_factor_enabled: self.two_factor_enabled,
            tenant_id: match self.tenant_id {
                Patch::Value(id) => v
                    .check(super::id("tenantId", &id))
                    .map_or(Patch::Absent, |uuid| Patch::Value(Id::from(uuid))),
                other => other,
            },
            custom_data: match self.custom_data {
                Patch::Value(data) => v
                    .check(super::custom_data("customData", &data))
                    .map_or(Patch::Absent, Patch::Value),
                Patch::Null => Patch::Value(Default::default()),
                Patch::Absent => Patch::Absent,
            },
        }
    }
}

fn tenant_name(v: &mut Violations, value: &str) -> Option<String> {
    let name = v.check(super::name("name", value))?;
    if name.is_empty() {
        v.push(Violation::new(
            "name",
            code::REQUIRED,
            "name must not be empty",
        ));
        return None;
    }
    Some(name)
}

impl TenantCreate {
    /// Checks the name (1–255 characters after trimming) and the optional reference.
    pub fn validate(self) -> Result<TenantCreate, Error> {
        let mut v = Violations::new();
        let name = tenant_name(&mut v, &self.name);
        let reference = optional(&mut v, "reference", self.reference, super::reference);
        v.finish()?;
        Ok(TenantCreate {
            name: name.unwrap_or_default(),
            reference,
        })
    }
}

impl TenantUpdate {
    /// Checks the name and the reference like [`TenantCreate::validate`].
    pub fn validate(self) -> Result<TenantUpdate, Error> {
        let mut v = Violations::new();
        let name = tenant_name(&mut v, &self.name);
        let reference = patch(&mut v, "reference", self.reference, super::reference);
        v.finish()?;
        Ok(TenantUpdate {
            name: name.unwrap_or_default(),
            reference,
        })
    }
}

/// Checks `limit` (0..=1000, default 100) and `offset` (>= 0, default 0).
pub fn paging(v: &mut Violations, limit: Option<i64>, offset: Option<i64>) -> Paging {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    let offset = offset.unwrap_or(0);
    if !(0..=MAX_LIMIT).contains(&limit) {
        v.push(Violation::new(
            "limit",
            code::OUT_OF_RANGE,
            format!("limit must be between 0 and {MAX_LIMIT}, got {limit}"),
        ));
    }
    if offset < 0 {
        v.push(Violation::new(
            "offset",
            code::OUT_OF_RANGE,
            format!("offset must not be negative, got {offset}"),
        ));
    }
    Paging { limit, offset }
}

fn list_len<T>(v: &mut Violations, field: &str, list: &Option<Vec<T>>) {
    if let Some(list) = list
        && list.len() > super::MAX_LIST_VALUES
    {
        v.push(Violation::new(
            field,
            code::TOO_MANY_VALUES,
            format!(
                "{field} takes at most {} values, got {}",
                super::MAX_LIST_VALUES,
                list.len()
            ),
        ));
    }
}

fn ids(v: &mut Violations, field: &str, list: &Option<Vec<Id>>) {
    list_len(v, field, list);
    for (index, id) in list.iter().flatten().enumerate() {
        v.check(super::id(&format!("{field}[{index}]"), id));
    }
}

fn id_patch(v: &mut Violations, field: &str, value: &Patch<Id>) {
    if let Patch::Value(id) = value {
        v.check(super::id(field, id));
    }
}

fn id_filter(v: &mut Violations, field: &str, filter: &Option<IdFilter>) {
    let Some(f) = filter else { return };
    id_patch(v, &format!("{field}.equalTo"), &f.equal_to);
    id_patch(v, &format!("{field}.notEqualTo"), &f.not_equal_to);
    ids(v, &format!("{field}.valueIn"), &f.value_in);
    ids(v, &format!("{field}.valueNotIn"), &f.value_not_in);
}

fn group_id_filter(v: &mut Violations, field: &str, filter: &Option<UserGroupIdFilter>) {
    let Some(f) = filter else { return };
    ids(v, &format!("{field}.all"), &f.all);
    id_patch(v, &format!("{field}.equalTo"), &f.equal_to);
    id_patch(v, &format!("{field}.notEqualTo"), &f.not_equal_to);
    ids(v, &format!("{field}.valueIn"), &f.value_in);
    ids(v, &format!("{field}.valueNotIn"), &f.value_not_in);
}

impl UserFilter {
    /// Records a violation for every malformed id and over-long value list.
    pub fn check(&self, v: &mut Violations) {
        id_filter(v, "filter.id", &self.id);
        id_filter(v, "filter.tenantId", &self.tenant_id);
        id_filter(v, "filter.roleId", &self.role_id);
        id_filter(v, "filter.userProviderId", &self.user_provider_id);
        group_id_filter(v, "filter.userGroupId", &self.user_group_id);
        let strings = [
            ("reference", &self.reference),
            ("email", &self.email),
            ("firstName", &self.first_name),
            ("lastName", &self.last_name),
            ("phone", &self.phone),
            ("locale", &self.locale),
            ("timezone", &self.timezone),
            ("roleKey", &self.role_key),
        ];
        for (name, filter) in strings {
            if let Some(f) = filter {
                list_len(v, &format!("filter.{name}.valueIn"), &f.value_in);
                list_len(v, &format!("filter.{name}.valueNotIn"), &f.value_not_in);
            }
        }
        if let Some(f) = &self.user_group_name {
            list_len(v, "filter.userGroupName.all", &f.all);
            list_len(v, "filter.userGroupName.valueIn", &f.value_in);
            list_len(v, "filter.userGroupName.valueNotIn", &f.value_not_in);
        }
    }
}

impl TenantFilter {
    /// Records a violation for every malformed id and over-long value list.
    pub fn check(&self, v: &mut Violations) {
        id_filter(v, "filter.id", &self.id);
        if let Some(f) = &self.reference {
            list_len(v, "filter.reference.valueIn", &f.value_in);
            list_len(v, "filter.reference.valueNotIn", &f.value_not_in);
        }
    }
}

impl TenantsQuery {
    /// Checks paging and filter ids; returns the effective paging.
    pub fn validate(&self) -> Result<Paging, Error> {
        let mut v = Violations::new();
        let paging = paging(&mut v, self.limit, self.offset);
        if let Some(filter) = &self.filter {
            filter.check(&mut v);
        }
        v.finish()?;
        Ok(paging)
    }
}

impl UsersQuery {
    /// Checks paging and filter ids; returns the effective paging.
    pub fn validate(&self) -> Result<Paging, Error> {
        let mut v = Violations::new();
        let paging = paging(&mut v, self.limit, self.offset);
        if let Some(filter) = &self.filter {
            filter.check(&mut v);
        }
        v.finish()?;
        Ok(paging)
    }
}
