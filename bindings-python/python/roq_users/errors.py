"""The exceptions of roq-users: one hierarchy rooted at :class:`RoqError`.

Every error carries ``status_code``, ``error_code``, ``message`` and ``violations`` (a list of
:class:`Violation`, non-empty for validation errors). Validation errors are also
``ValueError``\\ s; timeouts are also ``TimeoutError``\\ s.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Optional

__all__ = [
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


@dataclass(frozen=True)
class Violation:
    """One broken rule of one input field, e.g. ``Violation("email", "INVALID_EMAIL", ...)``."""

    field: str
    code: str
    message: str


class RoqError(Exception):
    """Base class of every roq-users error."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int = 0,
        error_code: str = "",
        violations: Optional[list[Violation]] = None,
        retry_after_ms: Optional[int] = None,
        request_id: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.error_code = error_code
        self.violations: list[Violation] = list(violations or [])
        self.retry_after_ms = retry_after_ms
        self.request_id = request_id

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, status_code={self.status_code}, error_code={self.error_code!r})"


class ValidationError(RoqError, ValueError):
    """Bad input (400): ``VALIDATION_ERROR``, ``INVALID_UUID`` or ``GRAPHQL_VALIDATION_FAILED``."""


class NotFoundError(RoqError):
    """No such user or tenant (404)."""


class ConflictError(RoqError):
    """A uniqueness or version conflict (409)."""


class UnauthorizedError(RoqError):
    """Missing, malformed, expired or revoked credentials (401)."""


class ForbiddenError(RoqError):
    """The principal may not do this (403)."""


class PayloadTooLargeError(RoqError):
    """The request body is over the server's limit (413)."""


class RateLimitedError(RoqError):
    """Too many requests (429); see ``retry_after_ms``."""


class ServerError(RoqError):
    """A failure on the server side (5xx); see ``request_id``."""


class TransportError(RoqError):
    """The request did not complete (connection refused or reset, unreadable answer)."""


class RoqTimeoutError(RoqError, TimeoutError):
    """The request took longer than the configured timeout."""


def _from_native(
    class_name: str,
    message: str,
    status_code: int,
    error_code: str,
    violations_json: str,
    retry_after_ms: Optional[int],
    request_id: Optional[str],
) -> RoqError:
    """Builds the exception for a core error (called by the native module)."""
    cls: type[RoqError] = globals().get(class_name, RoqError)
    violations = [Violation(v["field"], v["code"], v["message"]) for v in json.loads(violations_json)]
    return cls(
        message,
        status_code=status_code,
        error_code=error_code,
        violations=violations,
        retry_after_ms=retry_after_ms,
        request_id=request_id,
    )
