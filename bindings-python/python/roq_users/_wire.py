"""Translation between Python's snake_case keyword arguments and the wire's camelCase JSON."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any, Mapping, Optional


class _Unset:
    """The default of update arguments: "leave unchanged" (``None`` means "clear")."""

    _instance: Optional["_Unset"] = None

    def __new__(cls) -> "_Unset":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Any = _Unset()


def camel(name: str) -> str:
    """``first_name`` -> ``firstName``; names without underscores are kept (``iLike``)."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def snake(name: str) -> str:
    """``firstName`` -> ``first_name``."""
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise TypeError("datetimes sent to roq-users must be timezone-aware")
        return value.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dumps(value: Any) -> str:
    """JSON text of a wire value (timezone-aware datetimes become ISO-8601 UTC)."""
    return json.dumps(value, default=_default)


def fields(values: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments -> wire fields, dropping the unset ones (``None`` stays: it clears)."""
    return {camel(k): v for k, v in values.items() if v is not UNSET}


def _camel_keys(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {camel(str(k)): _camel_keys(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_camel_keys(v) for v in value]
    return value


def list_args(
    *,
    filter: Optional[Mapping[str, Any]] = None,
    order: Optional[Mapping[str, Any]] = None,
    search: Optional[Mapping[str, Any]] = None,
    limit: Optional[int] = None,
    offset: Optional[int] = None,
) -> dict[str, Any]:
    """The arguments of a list query in wire form.

    ``filter`` keys and operators may be snake_case (``{"first_name": {"i_like": "a%"}}``) or
    camelCase; ``order={"order": "ASC", "sort": "created_at"}`` and
    ``search={"key": "first_name", "value": "ada"}`` name columns the same way.
    """
    out: dict[str, Any] = {}
    if filter is not None:
        out["filter"] = _camel_keys(filter)
    if order is not None:
        out["order"] = {"order": str(order["order"]).upper(), "sort": camel(str(order["sort"]))}
    if search is not None:
        out["search"] = {"key": camel(str(search["key"])), "value": search["value"]}
    if limit is not None:
        out["limit"] = limit
    if offset is not None:
        out["offset"] = offset
    return out
