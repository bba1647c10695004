"""The Swift package's FFI layer, exercised through uniffi's Python backend on every CI run
(no Swift toolchain here): every operation, the error mapping, async calls, the pager, and
the conformance scenarios through Scope.call."""

from __future__ import annotations

import asyncio
import datetime
import json
import tempfile
import uuid

import pytest

from conftest import start_server
from conformance_support import SCENARIOS, subset, substitute


def user_create(ffi, reference, email, **fields):  # type: ignore[no-untyped-def]
    values = dict(first_name=None, last_name=None, phone=None, locale=None, timezone=None, avatar_url=None,
                  password=None, is_opted_in=None, active=None, two_factor_enabled=None, tenant_id=None,
                  custom_data_json=None)
    values.update(fields)
    return ffi.UserCreate(reference=reference, email=email, **values)


def user_update(ffi, **fields):  # type: ignore[no-untyped-def]
    values = dict(email=None, first_name=None, last_name=None, phone=None, locale=None, timezone=None,
                  avatar_url=None, is_opted_in=None, active=None, two_factor_enabled=None, tenant_id=None,
                  custom_data_json=None)
    values.update(fields)
    return ffi.UserUpdate(**values)


def users_query(ffi, **fields):  # type: ignore[no-untyped-def]
    values = dict(filter_json=None, limit=None, offset=None, order=None, sort=None, search_key=None, search_value=None)
    values.update(fields)
    return ffi.UsersQuery(**values)


@pytest.mark.asyncio
async def test_every_operation(ffi, platform) -> None:  # type: ignore[no-untyped-def]
    admin = platform.as_super_admin()
    user = await admin.create_user(user_create(ffi, "ffi-1", " Ada@Example.com ", locale="en-gb", custom_data_json='{"plan":"pro"}'))
    assert (user.email, user.locale, user.version, user.active) == ("Ada@Example.com", "en-GB", 1, True)
    assert json.loads(user.custom_data_json) == {"plan": "pro"}
    assert isinstance(user.created_at, datetime.datetime)
    assert (await admin.user(user.id)).id == user.id

    updated = await admin.update_user(user.id, user_update(ffi, first_name=ffi.TextUpdate.SET("Ada"), locale=ffi.TextUpdate.CLEAR()))
    assert (updated.first_name, updated.locale, updated.version) == ("Ada", None, 2)

    page = await admin.users(users_query(ffi, filter_json='{"email":{"iLike":"ada@%"}}', order=ffi.SortOrder.ASC, sort=ffi.UserSortKey.EMAIL))
    assert (page.total_count, [u.id for u in page.data]) == (1, [user.id])
    searched = await admin.users(users_query(ffi, search_key=ffi.UserSearchKey.FIRST_NAME, search_value="AD"))
    assert searched.total_count == 1

    assert (await admin.deactivate_user(user.id)).active is False
    assert (await admin.users(users_query(ffi))).total_count == 0

    tenant = await admin.create_tenant("Team", "team")
    renamed = await admin.update_tenant(tenant.id, "Team B", ffi.TextUpdate.CLEAR())
    assert (renamed.name, renamed.reference) == ("Team B", None)
    assert (await admin.tenant(tenant.id)).name == "Team B"
    tenants = await admin.tenants(ffi.TenantsQuery(filter_json=None, limit=None, offset=None, order=ffi.SortOrder.ASC))
    assert tenants.total_count == 2 and tenants.data[0].is_default


@pytest.mark.asyncio
async def test_pager_walks_every_page(ffi, platform) -> None:  # type: ignore[no-untyped-def]
    admin = platform.as_super_admin()
    for i in range(7):
        await admin.create_user(user_create(ffi, f"p-{i}", f"p{i}@x.io"))
    pager = admin.users_pager(users_query(ffi, limit=3, order=ffi.SortOrder.ASC, sort=ffi.UserSortKey.CREATED_AT))
    seen = []
    while (page := await pager.next_page()) is not None:
        seen.extend(u.reference for u in page)
    assert seen == [f"p-{i}" for i in range(7)]


@pytest.mark.asyncio
async def test_async_calls_run_concurrently(ffi, platform) -> None:  # type: ignore[no-untyped-def]
    admin = platform.as_super_admin()
    users = await asyncio.gather(*(admin.create_user(user_create(ffi, f"c-{i}", f"c{i}@x.io")) for i in range(10)))
    assert sorted(u.reference for u in users) == sorted(f"c-{i}" for i in range(10))


@pytest.mark.asyncio
async def test_error_mapping(ffi, platform, server) -> None:  # type: ignore[no-untyped-def]
    admin = platform.as_super_admin()
    with pytest.raises(ffi.RoqError.Validation) as caught:
        await admin.create_user(user_create(ffi, " x", "nope"))
    assert (caught.value.status_code, caught.value.error_code) == (400, "VALIDATION_ERROR")
    assert [v.field for v in caught.value.violations] == ["reference", "email"]
    with pytest.raises(ffi.RoqError.Validation) as bad_id:
        await admin.user("42")
    assert bad_id.value.error_code == "INVALID_UUID"
    with pytest.raises(ffi.RoqError.Validation):
        await admin.users(users_query(ffi, filter_json="{not json"))
    with pytest.raises(ffi.RoqError.NotFound) as missing:
        await admin.user(str(uuid.uuid4()))
    assert (missing.value.status_code, missing.value.error_code) == (404, "USER_NOT_FOUND")
    me = await admin.create_user(user_create(ffi, "me", "me@x.io"))
    with pytest.raises(ffi.RoqError.Conflict):
        await admin.create_user(user_create(ffi, "me", "other@x.io"))
    other = await admin.create_user(user_create(ffi, "other", "o@x.io"))
    with pytest.raises(ffi.RoqError.Forbidden):
        await platform.as_user(me.id).user(other.id)
    wrong = ffi.Platform(ffi.PlatformConfig(host=server.host, environment_id=server.environment_id, api_key="wrong",
                                            timeout_ms=None, max_retries=0, user_agent=None))
    with pytest.raises(ffi.RoqError.Unauthorized):
        await wrong.as_super_admin().users(users_query(ffi))
    closed = ffi.Platform(ffi.PlatformConfig(host="http://127.0.0.1:9", environment_id=server.environment_id, api_key="k",
                                             timeout_ms=None, max_retries=0, user_agent=None))
    with pytest.raises(ffi.RoqError.Transport):
        await closed.as_super_admin().users(users_query(ffi))
    with pytest.raises(ffi.RoqError.Validation):
        ffi.Platform(ffi.PlatformConfig(host="ftp://x", environment_id=server.environment_id, api_key="k",
                                        timeout_ms=None, max_retries=None, user_agent=None))


@pytest.mark.asyncio
async def test_conformance_scenarios_through_call(ffi) -> None:  # type: ignore[no-untyped-def]
    # Every scenario's steps run through the FFI's Scope.call (wire-form JSON in and out).
    assert len(SCENARIOS) >= 4
    for path in SCENARIOS:
        scenario = json.loads(path.read_text())
        with tempfile.TemporaryDirectory() as db_dir:
            process, server = start_server(db_dir)
            try:
                platform = ffi.Platform(ffi.PlatformConfig(host=server.host, environment_id=server.environment_id,
                                                           api_key=server.api_key, timeout_ms=None, max_retries=None, user_agent=None))
                saved: dict = {}
                for index, step in enumerate(scenario["steps"]):
                    label = f"{path.name} step {index}"
                    who = substitute(step.get("as", "superAdmin"), saved)
                    scope = platform.as_user(who["user"]) if isinstance(who, dict) else platform.as_super_admin()
                    args = json.dumps(substitute(step.get("input", {}), saved))
                    try:
                        result = json.loads(await scope.call(step["call"], args))
                    except ffi.RoqError as err:
                        expected = step.get("expectError")
                        assert expected is not None, f"{label}: {err!r}"
                        assert err.error_code == expected["errorCode"], label
                        if "statusCode" in expected:
                            assert err.status_code == expected["statusCode"], label
                        if "violations" in expected:
                            assert [{"field": v.field, "code": v.code} for v in err.violations] == expected["violations"], label
                        continue
                    assert "expectError" not in step, f"{label}: succeeded"
                    if "expect" in step:
                        subset(substitute(step["expect"], saved), result, label)
                    if "save" in step:
                        saved[step["save"]] = result
            finally:
                process.terminate()
                process.wait(timeout=10)
