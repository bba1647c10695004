"""The scenario-format helpers shared by the Python-side conformance runners
(tests/conformance/README.md): scenario files, `${...}` substitution and subset matching."""

from __future__ import annotations

import re
from typing import Any

from roq_server import REPO

SCENARIOS = sorted((REPO / "tests" / "conformance").glob("*.json"))


def _lookup(saved: dict[str, Any], reference: str) -> Any:
    name, *path = reference.split(".")
    value = saved[name]
    for part in path:
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def substitute(value: Any, saved: dict[str, Any]) -> Any:
    """Replaces `${name.path}` references with saved values."""
    if isinstance(value, str):
        whole = re.fullmatch(r"\$\{([^}]+)\}", value)
        if whole:
            return _lookup(saved, whole.group(1))
        return re.sub(r"\$\{([^}]+)\}", lambda m: str(_lookup(saved, m.group(1))), value)
    if isinstance(value, list):
        return [substitute(v, saved) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, saved) for k, v in value.items()}
    return value


def subset(expected: Any, actual: Any, at: str = "result") -> None:
    """Asserts that `expected` is a subset of `actual` (objects by key, arrays element-wise)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{at} is {actual!r}, expected an object"
        for key, value in expected.items():
            assert key in actual, f"{at}.{key} is missing"
            subset(value, actual[key], f"{at}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), f"{at} is {actual!r}, expected {expected!r}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            subset(e, a, f"{at}[{i}]")
    else:
        assert expected == actual, f"{at} is {actual!r}, expected {expected!r}"
