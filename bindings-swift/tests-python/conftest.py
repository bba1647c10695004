"""Fixtures: the uniffi library of the Swift package, loaded through uniffi's Python backend
(generated into a temporary folder next to a copy of the library), and the real server."""

from __future__ import annotations

import importlib
import pathlib
import shutil
import subprocess
import sys
import tempfile
from types import ModuleType
from typing import Iterator

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "support"))

from roq_server import Server, running_server, start_server  # noqa: E402

LIBRARY = REPO / "target" / "debug" / "libroq_users_swift.so"
BINDGEN = REPO / "target" / "debug" / "uniffi-bindgen"


@pytest.fixture(scope="session")
def ffi() -> Iterator[ModuleType]:
    """The generated Python module `roq_users_swift` over the same library Swift links."""
    out = tempfile.mkdtemp()
    subprocess.run(
        [str(BINDGEN), "generate", "--library", str(LIBRARY), "--language", "python", "--out-dir", out],
        check=True, capture_output=True, cwd=REPO,
    )
    shutil.copy(LIBRARY, out)
    sys.path.insert(0, out)
    try:
        yield importlib.import_module("roq_users_swift")
    finally:
        sys.path.remove(out)
        shutil.rmtree(out, ignore_errors=True)


@pytest.fixture
def server() -> Iterator[Server]:
    """A fresh server and database per test."""
    with running_server() as info:
        yield info


@pytest.fixture
def platform(ffi: ModuleType, server: Server):  # type: ignore[no-untyped-def]
    config = ffi.PlatformConfig(host=server.host, environment_id=server.environment_id, api_key=server.api_key,
                                timeout_ms=None, max_retries=None, user_agent=None)
    return ffi.Platform(config)
