"""The Python runner of the cross-language scenarios (tests/conformance/*.json; the format
is in tests/conformance/README.md), through the public Python API."""

from __future__ import annotations

import json
import pathlib
import tempfile
from typing import Any, Callable

import pytest

from conftest import start_server
from conformance_support import SCENARIOS, subset, substitute
from roq_users import Platform, RoqError, Scope
from roq_users._wire import snake

def wire(value: Any) -> Any:
    """A model (or page, or list) in wire form: camelCase keys, ISO-8601 UTC dates."""
    if hasattr(value, "to_dict"):
        value = value.to_dict()
    if isinstance(value, dict):
        return {_camel(k): wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [wire(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return value


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def _kwargs(wire_fields: dict[str, Any]) -> dict[str, Any]:
    return {snake(k): v for k, v in wire_fields.items()}


def _list_kwargs(args: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in args.items() if k in ("filter", "order", "search", "limit", "offset")}


CALLS: dict[str, Callable[[Scope, dict[str, Any]], Any]] = {
    "createUser": lambda s, a: s.create_user(**_kwargs(a["user"])),
    "updateUser": lambda s, a: s.update_user(a["id"], **_kwargs(a["user"])),
    "deactivateUser": lambda s, a: s.deactivate_user(a["id"]),
    "user": lambda s, a: s.user(a["id"]),
    "users": lambda s, a: s.users(**_list_kwargs(a)),
    "iterUsers": lambda s, a: list(s.iter_users(
        filter=a.get("filter"), order=a.get("order"), search=a.get("search"),
        page_size=a.get("limit", 100), offset=a.get("offset"))),
    "createTenant": lambda s, a: s.create_tenant(**_kwargs(a["tenant"])),
    "updateTenant": lambda s, a: s.update_tenant(a["id"], **_kwargs(a["tenant"])),
    "tenant": lambda s, a: s.tenant(a["id"]),
    "tenants": lambda s, a: s.tenants(**_list_kwargs(a)),
}


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path: pathlib.Path) -> None:
    scenario = json.loads(path.read_text())
    with tempfile.TemporaryDirectory() as db_dir:
        process, server = start_server(db_dir)
        try:
            platform = Platform(server.host, server.environment_id, server.api_key)
            saved: dict[str, Any] = {}
            for index, step in enumerate(scenario["steps"]):
                label = f"step {index} ({step.get('name', step['call'])})"
                who = substitute(step.get("as", "superAdmin"), saved)
                scope = platform.as_user(who["user"]) if isinstance(who, dict) else platform.as_super_admin()
                args = substitute(step.get("input", {}), saved)
                try:
                    result = wire(CALLS[step["call"]](scope, args))
                except RoqError as err:
                    expected = step.get("expectError")
                    assert expected is not None, f"{label}: failed with {err!r}"
                    assert err.error_code == expected["errorCode"], f"{label}: {err!r}"
                    if "statusCode" in expected:
                        assert err.status_code == expected["statusCode"], label
                    if "violations" in expected:
                        got = [{"field": v.field, "code": v.code} for v in err.violations]
                        assert got == expected["violations"], f"{label}: {got}"
                    continue
                assert "expectError" not in step, f"{label}: succeeded with {result!r}"
                if "expect" in step:
                    subset(substitute(step["expect"], saved), result, label)
                if "save" in step:
                    saved[step["save"]] = result
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_scenarios_exist() -> None:
    assert len(SCENARIOS) >= 4
