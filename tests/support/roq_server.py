"""Starts the real roq-users server binary on a free loopback port with a temporary SQLite
database (shared by the Python-side suites)."""

from __future__ import annotations

import contextlib
import os
import pathlib
import subprocess
import tempfile
import uuid
from typing import Iterator, NamedTuple

REPO = pathlib.Path(__file__).resolve().parents[2]


class Server(NamedTuple):
    host: str
    environment_id: str
    api_key: str


def _binary() -> str:
    binary = os.environ.get("ROQ_USERS_SERVER_BIN", str(REPO / "target" / "debug" / "roq-users-server"))
    if not os.path.exists(binary):
        raise RuntimeError(f"server binary not found at {binary}: build it with cargo build -p roq-users-server")
    return binary


def start_server(db_dir: str) -> tuple["subprocess.Popen[str]", Server]:
    """Starts a server with a fresh environment; returns the process and its credentials."""
    environment_id = str(uuid.uuid4())
    api_key = f"rku_{uuid.uuid4().hex}"
    env = dict(os.environ, ROQ_USERS_ENVIRONMENT_ID=environment_id, ROQ_USERS_API_KEY=api_key, ROQ_USERS_LOG="warn")
    process = subprocess.Popen(
        [_binary(), "--listen", "127.0.0.1:0", "--database-url", f"sqlite:{db_dir}/roq.db"],
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    banner = process.stdout.readline()
    if "listening on" not in banner:
        process.kill()
        raise RuntimeError(f"server did not start: {banner!r}")
    return process, Server(banner.split()[-1], environment_id, api_key)


@contextlib.contextmanager
def running_server() -> Iterator[Server]:
    """A fresh server on a fresh database for the `with` block; stopped afterwards."""
    with tempfile.TemporaryDirectory() as db_dir:
        process, info = start_server(db_dir)
        try:
            yield info
        finally:
            process.terminate()
            process.wait(timeout=10)
