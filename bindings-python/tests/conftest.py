"""Fixtures: the real roq-users server binary on a free loopback port, a temporary SQLite
database, and clients pointed at it."""

from __future__ import annotations

import pathlib
import sys
from typing import Iterator

import pytest

from roq_users import AsyncPlatform, Platform

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "support"))

from roq_server import Server, running_server, start_server  # noqa: E402

__all__ = ["REPO", "Server", "start_server"]


@pytest.fixture
def server() -> Iterator[Server]:
    """A fresh server and database per test."""
    with running_server() as info:
        yield info


@pytest.fixture
def platform(server: Server) -> Platform:
    return Platform(server.host, server.environment_id, server.api_key)


@pytest.fixture
def async_platform(server: Server) -> AsyncPlatform:
    return AsyncPlatform(server.host, server.environment_id, server.api_key)
