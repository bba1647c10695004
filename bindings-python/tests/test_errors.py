"""Every exception class with its fields."""

from __future__ import annotations

import uuid

import pytest

import roq_users
from roq_users import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    Platform,
    RoqError,
    RoqTimeoutError,
    TransportError,
    UnauthorizedError,
    ValidationError,
    Violation,
)
from conftest import Server


def test_validation_error_lists_every_violation(platform: Platform) -> None:
    admin = platform.as_super_admin()
    with pytest.raises(ValidationError) as caught:
        admin.create_user(reference=" x", email="nope", phone="12", locale="en_US")
    err = caught.value
    assert isinstance(err, ValueError) and isinstance(err, RoqError)
    assert (err.status_code, err.error_code) == (400, "VALIDATION_ERROR")
    assert [(v.field, v.code) for v in err.violations] == [
        ("reference", "SURROUNDING_WHITESPACE"), ("email", "INVALID_EMAIL"),
        ("phone", "INVALID_PHONE"), ("locale", "INVALID_LOCALE"),
    ]
    assert all(isinstance(v, Violation) for v in err.violations)
    assert err.message == err.violations[0].message == str(err)


def test_invalid_uuid_and_unknown_filter_keys(platform: Platform) -> None:
    admin = platform.as_super_admin()
    with pytest.raises(ValidationError) as caught:
        admin.user("42")
    assert caught.value.error_code == "INVALID_UUID"
    with pytest.raises(ValidationError) as caught:
        admin.users(filter={"emial": {"equal_to": "x"}})
    assert "emial" in caught.value.message
    with pytest.raises(ValidationError):
        admin.update_user(str(uuid.uuid4()), email=None)


def test_not_found_conflict_forbidden(platform: Platform) -> None:
    admin = platform.as_super_admin()
    with pytest.raises(NotFoundError) as caught:
        admin.user(str(uuid.uuid4()))
    assert (caught.value.status_code, caught.value.error_code) == (404, "USER_NOT_FOUND")
    me = admin.create_user(reference="dup", email="dup@x.io")
    with pytest.raises(ConflictError) as conflict:
        admin.create_user(reference="other", email="DUP@x.io")
    assert (conflict.value.status_code, conflict.value.error_code) == (409, "USER_EMAIL_ALREADY_EXISTS")
    other = admin.create_user(reference="o", email="o@x.io")
    with pytest.raises(ForbiddenError) as forbidden:
        platform.as_user(me.id).user(other.id)
    assert forbidden.value.status_code == 403
    with pytest.raises(ForbiddenError):
        platform.as_user(me.id).update_user(me.id, first_name="x")


def test_unauthorized_transport_and_timeout(server: Server) -> None:
    wrong = Platform(server.host, server.environment_id, "wrong-key", max_retries=0)
    with pytest.raises(UnauthorizedError) as caught:
        wrong.as_super_admin().users()
    assert (caught.value.status_code, caught.value.error_code) == (401, "UNAUTHORIZED_EXCEPTION")
    closed = Platform("http://127.0.0.1:9", server.environment_id, server.api_key, max_retries=0)
    with pytest.raises(TransportError):
        closed.as_super_admin().users()
    with pytest.raises(ValidationError):
        Platform("not a url", server.environment_id, server.api_key)
    with pytest.raises(ValueError):
        Platform(server.host, server.environment_id, server.api_key, timeout=0)
    assert issubclass(RoqTimeoutError, TimeoutError) and issubclass(RoqTimeoutError, RoqError)


def test_every_class_is_exported() -> None:
    for name in ["RoqError", "ValidationError", "NotFoundError", "ConflictError", "UnauthorizedError",
                 "ForbiddenError", "PayloadTooLargeError", "RateLimitedError", "ServerError",
                 "TransportError", "RoqTimeoutError"]:
        cls = getattr(roq_users, name)
        assert issubclass(cls, RoqError)
