"""Every operation, blocking and asyncio, against the real server."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from roq_users import AsyncPlatform, ForbiddenError, Page, Platform, Tenant, User


def test_create_read_update_deactivate(platform: Platform) -> None:
    admin = platform.as_super_admin()
    user = admin.create_user(
        reference="py-1", email=" Ada@Example.com ", first_name="Ada", last_name="Lovelace",
        locale="en-gb", custom_data={"plan": "pro", "seats": [1, 2]},
    )
    assert isinstance(user, User)
    assert (user.email, user.locale, user.version, user.active) == ("Ada@Example.com", "en-GB", 1, True)
    assert user.custom_data == {"plan": "pro", "seats": [1, 2]}
    assert user.created_at.tzinfo is not None and user.created_at <= datetime.now(timezone.utc)
    assert admin.user(user.id) == user

    updated = admin.update_user(user.id, first_name=None, custom_data={"plan": "free"})
    assert updated.first_name is None, "None clears"
    assert updated.last_name == "Lovelace", "omitted stays"
    assert updated.custom_data == {"plan": "free"}
    assert updated.version == 2
    assert updated != user

    off = admin.deactivate_user(user.id)
    assert off.active is False
    assert admin.users().total_count == 0
    assert admin.users(filter={"with_deactivated": {"equal_to": True}}).total_count == 1


def test_models_are_immutable_and_printable(platform: Platform) -> None:
    user = platform.as_super_admin().create_user(reference="imm", email="imm@x.io")
    with pytest.raises(AttributeError):
        user.email = "other@x.io"  # type: ignore[misc]
    assert "reference='imm'" in repr(user)
    as_dict = user.to_dict()
    assert as_dict["reference"] == "imm" and isinstance(as_dict["created_at"], datetime)


def test_listing_with_pythonic_filters(platform: Platform) -> None:
    admin = platform.as_super_admin()
    for i, (first, email) in enumerate([("Alice", "alice@acme.com"), ("bob", "BOB@acme.com"), ("Carol", "carol@other.org")]):
        admin.create_user(reference=f"l-{i}", email=email, first_name=first)
    page = admin.users(filter={"email": {"i_like": "%@ACME.com"}}, order={"order": "asc", "sort": "first_name"})
    assert isinstance(page, Page)
    assert page.total_count == 2
    assert [u.first_name for u in page.data] == ["Alice", "bob"]
    camel = admin.users(filter={"firstName": {"iLike": "CAR%"}})
    assert [u.reference for u in camel.data] == ["l-2"]
    searched = admin.users(search={"key": "first_name", "value": "AL"})
    assert [u.reference for u in searched.data] == ["l-0"]
    assert admin.users(filter={"reference": {"value_in": []}}).total_count == 0
    limited = admin.users(limit=1, offset=1, order={"order": "ASC", "sort": "created_at"})
    assert (limited.total_count, [u.reference for u in limited.data]) == (3, ["l-1"])


def test_tenants(platform: Platform) -> None:
    admin = platform.as_super_admin()
    tenant = admin.create_tenant(name="Team", reference="team")
    assert isinstance(tenant, Tenant) and tenant.is_default is False
    renamed = admin.update_tenant(tenant.id, name="Team B", reference=None)
    assert (renamed.name, renamed.reference) == ("Team B", None)
    assert admin.tenant(tenant.id) == renamed
    assert admin.tenants().total_count == 2
    user = admin.create_user(reference="t", email="t@x.io", tenant_id=tenant.id)
    assert user.tenant_id == tenant.id


def test_a_user_reads_itself(platform: Platform) -> None:
    admin = platform.as_super_admin()
    me = admin.create_user(reference="me", email="me@x.io")
    assert platform.as_user(me.id).user(me.id).id == me.id


@pytest.mark.asyncio
async def test_async_operations(async_platform: AsyncPlatform) -> None:
    admin = async_platform.as_super_admin()
    user = await admin.create_user(reference="a-1", email="a1@x.io", first_name="Ann")
    assert (await admin.user(user.id)) == user
    updated = await admin.update_user(user.id, first_name=None, phone="+49 30 1234")
    assert (updated.first_name, updated.phone) == (None, "+49301234")
    assert (await admin.users(filter={"reference": {"equal_to": "a-1"}})).total_count == 1
    tenant = await admin.create_tenant(name="Async team")
    assert (await admin.tenant(tenant.id)).name == "Async team"
    assert (await admin.update_tenant(tenant.id, name="Renamed")).name == "Renamed"
    assert (await admin.tenants()).total_count == 2
    assert (await admin.deactivate_user(user.id)).active is False
    with pytest.raises(ForbiddenError):
        await async_platform.as_user(user.id).user(user.id)  # no token for a deactivated user
