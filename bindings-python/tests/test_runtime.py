"""The runtime: async calls overlap, blocking calls release the GIL, scripts exit cleanly,
and a forked child works."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import threading

import pytest

from conftest import Server
from proxy import Proxy
from roq_users import AsyncPlatform, Platform

GRAPHQL = "/v01/server/graphql"


@pytest.mark.asyncio
async def test_ten_async_calls_overlap(server: Server) -> None:
    # The proxy holds each GraphQL request until ten are in flight at once: the calls can
    # only finish if they overlap (a serial client would break the barrier).
    barrier = threading.Barrier(10, timeout=20)

    def hold(path: str) -> None:
        if path == GRAPHQL:
            barrier.wait()

    proxy = Proxy(server.host, hold)
    try:
        admin = AsyncPlatform(proxy.url, server.environment_id, server.api_key, max_retries=0).as_super_admin()
        pages = await asyncio.gather(*(admin.users() for _ in range(10)))
        assert [p.total_count for p in pages] == [0] * 10
        assert not barrier.broken
    finally:
        proxy.close()


def test_a_blocking_call_lets_other_threads_run(server: Server) -> None:
    # The proxy holds the request until another Python thread says so; that thread can only
    # run while the blocking call has released the GIL.
    entered, released = threading.Event(), threading.Event()

    def hold(path: str) -> None:
        if path == GRAPHQL:
            entered.set()
            assert released.wait(timeout=20), "the releasing thread never ran"

    def release() -> None:
        if entered.wait(timeout=20):
            released.set()

    proxy = Proxy(server.host, hold)
    helper = threading.Thread(target=release)
    helper.start()
    try:
        admin = Platform(proxy.url, server.environment_id, server.api_key, max_retries=0).as_super_admin()
        assert admin.users().total_count == 0
        assert released.is_set()
    finally:
        helper.join()
        proxy.close()


SCRIPT = textwrap.dedent(
    """
    import asyncio, sys
    from roq_users import AsyncPlatform, Platform
    host, env, key = sys.argv[1:4]
    admin = Platform(host, env, key).as_super_admin()
    admin.users()
    async def main():
        aadmin = AsyncPlatform(host, env, key).as_super_admin()
        await aadmin.users()
        # Left in flight on purpose: exit must not crash while it completes.
        asyncio.ensure_future(aadmin.users())
    asyncio.run(main())
    print("done")
    """
)


def test_scripts_using_both_apis_exit_cleanly_20_times(server: Server) -> None:
    for run in range(20):
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT, server.host, server.environment_id, server.api_key],
            capture_output=True, text=True, timeout=60,
        )
        assert (result.returncode, result.stdout.strip()) == (0, "done"), f"run {run}: {result.stderr}"
        assert "Traceback" not in result.stderr and "panicked" not in result.stderr, result.stderr


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is not available on this platform")
def test_a_forked_child_can_use_the_client(server: Server) -> None:
    platform = Platform(server.host, server.environment_id, server.api_key)
    admin = platform.as_super_admin()
    admin.create_user(reference="parent", email="parent@x.io")  # the runtime is running now
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read)
        code = 1
        try:
            user = admin.create_user(reference="child", email="child@x.io")
            code = 0 if user.reference == "child" and admin.users().total_count == 2 else 2
        finally:
            os.write(write, bytes([code]))
            os._exit(code)
    os.close(write)
    status = os.read(read, 1)
    os.close(read)
    _, exit_status = os.waitpid(pid, 0)
    assert status == b"\x00" and os.waitstatus_to_exitcode(exit_status) == 0
    assert admin.users().total_count == 2, "the parent still works"
