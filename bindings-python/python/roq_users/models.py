"""The records the SDK returns: immutable, with snake_case attributes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Generic, Mapping, Optional, TypeVar

from ._wire import snake

__all__ = ["User", "Tenant", "Page"]


def _timestamp(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass(frozen=True)
class User:
    """A user (``UserModel``). ``created_at``/``updated_at`` are timezone-aware (UTC)."""

    id: str
    reference: str
    email: str
    first_name: Optional[str]
    last_name: Optional[str]
    phone: Optional[str]
    locale: Optional[str]
    timezone: Optional[str]
    avatar_url: Optional[str]
    is_opted_in: bool
    active: bool
    synced: bool
    two_factor_enabled: bool
    tenant_id: str
    custom_data: dict[str, Any] = field(hash=False)
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def _from_wire(cls, data: Mapping[str, Any]) -> "User":
        values = {snake(k): v for k, v in data.items() if snake(k) in _USER_FIELDS}
        values["created_at"] = _timestamp(values["created_at"])
        values["updated_at"] = _timestamp(values["updated_at"])
        values["custom_data"] = dict(values.get("custom_data") or {})
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """The user as a plain ``dict`` (snake_case keys, datetimes kept)."""
        return asdict(self)


_USER_FIELDS = set(User.__dataclass_fields__)


@dataclass(frozen=True)
class Tenant:
    """A tenant (``TenantModel``)."""

    id: str
    name: str
    reference: Optional[str]
    is_default: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def _from_wire(cls, data: Mapping[str, Any]) -> "Tenant":
        return cls(
            id=data["id"],
            name=data["name"],
            reference=data.get("reference"),
            is_default=data["isDefault"],
            created_at=_timestamp(data["createdAt"]),
            updated_at=_timestamp(data["updatedAt"]),
        )

    def to_dict(self) -> dict[str, Any]:
        """The tenant as a plain ``dict``."""
        return asdict(self)


T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list; ``total_count`` counts every match, ignoring limit and offset."""

    data: list[T]
    total_count: int

    def to_dict(self) -> dict[str, Any]:
        """The page as a plain ``dict``."""
        return {"data": [item.to_dict() for item in self.data], "total_count": self.total_count}  # type: ignore[attr-defined]
