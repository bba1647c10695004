"""The clients: blocking :class:`Platform`/:class:`Scope` and asyncio
:class:`AsyncPlatform`/:class:`AsyncScope`, with the same methods.

Each method builds the wire-form arguments, runs the operation in the Rust core (which
validates, mints and caches tokens, retries and pages) and turns the answer into models.
"""

from __future__ import annotations

import json
from typing import Any, AsyncIterator, Callable, Iterator, Mapping, Optional, TypeVar

from . import _native
from ._wire import UNSET, dumps, fields, list_args
from .models import Page, Tenant, User

__all__ = ["Platform", "AsyncPlatform", "Scope", "AsyncScope", "UNSET"]

T = TypeVar("T")
Decoder = Callable[[Any], T]


def _page(decode: Callable[[Mapping[str, Any]], T]) -> Callable[[Any], Page[T]]:
    return lambda data: Page([decode(item) for item in data["data"]], data["totalCount"])


# Each operation: (name, wire input, decoder). Shared by the blocking and asyncio scopes.
def _create_user(values: dict[str, Any]) -> tuple[str, Any, Decoder[User]]:
    return "createUser", {"user": fields(values)}, User._from_wire


def _update_user(id: str, values: dict[str, Any]) -> tuple[str, Any, Decoder[User]]:
    return "updateUser", {"id": id, "user": fields(values)}, User._from_wire


def _by_id(operation: str, id: str, decode: Decoder[T]) -> tuple[str, Any, Decoder[T]]:
    return operation, {"id": id}, decode


def _users(**query: Any) -> tuple[str, Any, Decoder[Page[User]]]:
    return "users", list_args(**query), _page(User._from_wire)


def _create_tenant(name: str, reference: Optional[str]) -> tuple[str, Any, Decoder[Tenant]]:
    tenant: dict[str, Any] = {"name": name}
    if reference is not None:
        tenant["reference"] = reference
    return "createTenant", {"tenant": tenant}, Tenant._from_wire


def _update_tenant(id: str, name: str, reference: Any) -> tuple[str, Any, Decoder[Tenant]]:
    return "updateTenant", {"id": id, "tenant": fields({"name": name, "reference": reference})}, Tenant._from_wire


def _tenants(**query: Any) -> tuple[str, Any, Decoder[Page[Tenant]]]:
    return "tenants", list_args(**query), _page(Tenant._from_wire)


def _user_fields(local: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in local.items() if k not in ("self", "id")}


def _native_platform(host: str, environment_id: str, api_key: str, timeout: float, max_retries: int, user_agent: Optional[str]) -> _native.Platform:
    return _native.Platform(host, environment_id, api_key, timeout, max_retries, user_agent)


class Scope:
    """A blocking client acting as the super admin or as one user. Calls release the GIL."""

    def __init__(self, native: _native.Scope) -> None:
        self._native = native

    def _run(self, operation: str, args: Any, decode: Decoder[T]) -> T:
        return decode(json.loads(self._native.call(operation, dumps(args))))

    def create_user(
        self,
        *,
        reference: str,
        email: str,
        first_name: Optional[str] = None,
        last_name: Optional[str] = None,
        phone: Optional[str] = None,
        locale: Optional[str] = None,
        timezone: Optional[str] = None,
        avatar_url: Optional[str] = None,
        password: Optional[str] = None,
        is_opted_in: Optional[bool] = None,
        active: Optional[bool] = None,
        two_factor_enabled: Optional[bool] = None,
        tenant_id: Optional[str] = None,
        custom_data: Optional[Mapping[str, Any]] = None,
    ) -> User:
        """Creates a user. Optional fields left as ``None`` take the server's defaults."""
        values = {k: v for k, v in _user_fields(locals()).items() if v is not None}
        return self._run(*_create_user(values))

    def update_user(
        self,
        id: str,
        *,
        email: str = UNSET,
        first_name: Optional[str] = UNSET,
        last_name: Optional[str] = UNSET,
        phone: Optional[str] = UNSET,
        locale: Optional[str] = UNSET,
        timezone: Optional[str] = UNSET,
        avatar_url: Optional[str] = UNSET,
        is_opted_in: bool = UNSET,
        active: bool = UNSET,
        two_factor_enabled: bool = UNSET,
        tenant_id: str = UNSET,
        custom_data: Optional[Mapping[str, Any]] = UNSET,
    ) -> User:
        """Updates a user: an omitted argument leaves the field unchanged, ``None`` clears it."""
        return self._run(*_update_user(id, _user_fields(locals())))

    def deactivate_user(self, id: str) -> User:
        """Deactivates a user (ROQ has no deletion)."""
        return self._run(*_by_id("deactivateUser", id, User._from_wire))

    def user(self, id: str) -> User:
        """One user by id."""
        return self._run(*_by_id("user", id, User._from_wire))

    def users(
        self,
        *,
        filter: Optional[Mapping[str, Any]] = None,
        order: Optional[Mapping[str, Any]] = None,
        search: Optional[Mapping[str, Any]] = None,
        limit: Optional[int] = None,
        offset: Optional[int] = None,
    ) -> Page[User]:
        """One page of users, e.g. ``users(filter={"email": {"i_like": "%@acme.com"}})``."""
        return self._run(*_users(filter=filter, order=order, search=search, limit=limit, offset=offset))

    def iter_users(
        self,
        *,
        filter: Optional[Mapping[str, Any]] = None,
        order: Optional[Mapping[str, Any]] = None,
        search: Optional[Mapping[str, Any]] = None,
        page_size: int = 100,
        offset: Optional[int] = None,
    ) -> Iterator[User]:
        """Every matching user, fetched ``page_size`` at a time (one page in memory)."""
        pager = self._native.pager(dumps(list_args(filter=filter, order=order, search=search, limit=page_size, offset=offset)))
        while True:
            page = json.loads(pager.next_page())
            if page is None:
                return
            for item in page:
                yield User._from_wire(item)

    def create_tenant(self, *, name: str, reference: Optional[str] = None) -> Tenant:
        """Creates a tenant."""
        return self._run(*_create_tenant(name, reference))

    def update_tenant(self, id: str, *, name: str, reference: Optional[str] = UNSET) -> Tenant:
        """Updates a tenant (``reference=None`` clears it)."""
        return self._run(*_update_tenant(id, name, reference))

    def tenant(self, id: str) -> Tenant:
        """One tenant by id."""
        return self._run(*_by_id("tenant", id, Tenant._from_wire))

    def tenants(
        self,
        *,
        filter: Optional[Mapping[str, Any]] = None,
        order: Optional[Mapping[str, Any]] = None,
        limit: Optional[int] = None,
        offset: Optional[int] = None,
    ) -> Page[Tenant]:
        """One page of tenants."""
        return self._run(*_tenants(filter=filter, order=order, limit=limit, offset=offset))


class AsyncScope:
    """The asyncio twin of :class:`Scope`: the same methods, as coroutines."""

    def __init__(self, native: _native.Scope) -> None:
        self._native = native

    async def _run(self, operation: str, args: Any, decode: Decoder[T]) -> T:
        return decode(json.loads(await self._native.call_async(operation, dumps(args))))

    async def create_user(
        self,
        *,
        reference: str,
        email: str,
        first_name: Optional[str] = None,
        last_name: Optional[str] = None,
        phone: Optional[str] = None,
        locale: Optional[str] = None,
        timezone: Optional[str] = None,
        avatar_url: Optional[str] = None,
        password: Optional[str] = None,
        is_opted_in: Optional[bool] = None,
        active: Optional[bool] = None,
        two_factor_enabled: Optional[bool] = None,
        tenant_id: Optional[str] = None,
        custom_data: Optional[Mapping[str, Any]] = None,
    ) -> User:
        """Creates a user (see :meth:`Scope.create_user`)."""
        values = {k: v for k, v in _user_fields(locals()).items() if v is not None}
        return await self._run(*_create_user(values))

    async def update_user(
        self,
        id: str,
        *,
        email: str = UNSET,
        first_name: Optional[str] = UNSET,
        last_name: Optional[str] = UNSET,
        phone: Optional[str] = UNSET,
        locale: Optional[str] = UNSET,
        timezone: Optional[str] = UNSET,
        avatar_url: Optional[str] = UNSET,
        is_opted_in: bool = UNSET,
        active: bool = UNSET,
        two_factor_enabled: bool = UNSET,
        tenant_id: str = UNSET,
        custom_data: Optional[Mapping[str, Any]] = UNSET,
    ) -> User:
        """Updates a user (see :meth:`Scope.update_user`)."""
        return await self._run(*_update_user(id, _user_fields(locals())))

    async def deactivate_user(self, id: str) -> User:
        """Deactivates a user."""
        return await self._run(*_by_id("deactivateUser", id, User._from_wire))

    async def user(self, id: str) -> User:
        """One user by id."""
        return await self._run(*_by_id("user", id, User._from_wire))

    async def users(
        self,
        *,
        filter: Optional[Mapping[str, Any]] = None,
        order: Optional[Mapping[str, Any]] = None,
        search: Optional[Mapping[str, Any]] = None,
        limit: Optional[int] = None,
        offset: Optional[int] = None,
    ) -> Page[User]:
        """One page of users (see :meth:`Scope.users`)."""
        return await self._run(*_users(filter=filter, order=order, search=search, limit=limit, offset=offset))

    async def iter_users(
        self,
        *,
        filter: Optional[Mapping[str, Any]] = None,
        order: Optional[Mapping[str, Any]] = None,
        search: Optional[Mapping[str, Any]] = None,
        page_size: int = 100,
        offset: Optional[int] = None,
    ) -> AsyncIterator[User]:
        """Every matching user, as an async iterator (one page in memory)."""
        pager = self._native.pager(dumps(list_args(filter=filter, order=order, search=search, limit=page_size, offset=offset)))
        while True:
            page = json.loads(await pager.next_page_async())
            if page is None:
                return
            for item in page:
                yield User._from_wire(item)

    async def create_tenant(self, *, name: str, reference: Optional[str] = None) -> Tenant:
        """Creates a tenant."""
        return await self._run(*_create_tenant(name, reference))

    async def update_tenant(self, id: str, *, name: str, reference: Optional[str] = UNSET) -> Tenant:
        """Updates a tenant."""
        return await self._run(*_update_tenant(id, name, reference))

    async def tenant(self, id: str) -> Tenant:
        """One tenant by id."""
        return await self._run(*_by_id("tenant", id, Tenant._from_wire))

    async def tenants(
        self,
        *,
        filter: Optional[Mapping[str, Any]] = None,
        order: Optional[Mapping[str, Any]] = None,
        limit: Optional[int] = None,
        offset: Optional[int] = None,
    ) -> Page[Tenant]:
        """One page of tenants."""
        return await self._run(*_tenants(filter=filter, order=order, limit=limit, offset=offset))


class Platform:
    """The blocking client of one environment.

    >>> platform = Platform("http://127.0.0.1:8080", environment_id, api_key)  # doctest: +SKIP
    >>> admin = platform.as_super_admin()                                        # doctest: +SKIP
    >>> user = admin.create_user(reference="crm-42", email="ada@example.com")    # doctest: +SKIP
    """

    def __init__(
        self,
        host: str,
        environment_id: str,
        api_key: str,
        *,
        timeout: float = 30.0,
        max_retries: int = 3,
        user_agent: Optional[str] = None,
    ) -> None:
        self._native = _native_platform(host, environment_id, api_key, timeout, max_retries, user_agent)

    def as_super_admin(self) -> Scope:
        """A client acting as the environment's super admin."""
        return Scope(self._native.scope(None))

    def as_user(self, user_id: str) -> Scope:
        """A client acting as one user (reads its own record only)."""
        return Scope(self._native.scope(user_id))


class AsyncPlatform:
    """The asyncio client of one environment (same arguments as :class:`Platform`)."""

    def __init__(
        self,
        host: str,
        environment_id: str,
        api_key: str,
        *,
        timeout: float = 30.0,
        max_retries: int = 3,
        user_agent: Optional[str] = None,
    ) -> None:
        self._native = _native_platform(host, environment_id, api_key, timeout, max_retries, user_agent)

    def as_super_admin(self) -> AsyncScope:
        """A client acting as the environment's super admin."""
        return AsyncScope(self._native.scope(None))

    def as_user(self, user_id: str) -> AsyncScope:
        """A client acting as one user."""
        return AsyncScope(self._native.scope(user_id))
