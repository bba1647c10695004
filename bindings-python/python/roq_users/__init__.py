"""roq-users: the Python SDK of the ROQ Platform Users API, driven by the project's Rust core.

>>> from roq_users import Platform                                               # doctest: +SKIP
>>> admin = Platform(host, environment_id, api_key).as_super_admin()             # doctest: +SKIP
>>> user = admin.create_user(reference="crm-42", email="ada@example.com")        # doctest: +SKIP
>>> admin.users(filter={"email": {"i_like": "%@example.com"}}).total_count       # doctest: +SKIP
"""

from __future__ import annotations

import atexit

from . import _native
from ._wire import UNSET
from .client import AsyncPlatform, AsyncScope, Platform, Scope
from .errors import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    PayloadTooLargeError,
    RateLimitedError,
    RoqError,
    RoqTimeoutError,
    ServerError,
    TransportError,
    UnauthorizedError,
    ValidationError,
    Violation,
)
from .models import Page, Tenant, User

__all__ = [
    "Platform",
    "AsyncPlatform",
    "Scope",
    "AsyncScope",
    "User",
    "Tenant",
    "Page",
    "UNSET",
    "RoqError",
    "Violation",
    "ValidationError",
    "NotFoundError",
    "ConflictError",
    "UnauthorizedError",
    "ForbiddenError",
    "PayloadTooLargeError",
    "RateLimitedError",
    "ServerError",
    "TransportError",
    "RoqTimeoutError",
]

# Let in-flight async calls finish (up to 5 s) before the interpreter finalises, then stop
# handing results to Python: no crash at exit.
atexit.register(_native.shutdown, 5.0)
