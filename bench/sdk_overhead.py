"""SDK overhead from Python: 10k user(id) calls, sequential and at concurrency 32, through the
roq_users SDK (blocking and asyncio) and a hand-written httpx client sending the same GraphQL
(DOCUMENT, the SDK's own `user` document: `roq-users-bench --document user`) over as many
kept-alive connections as it has calls in flight; then iterating every user with iter_users
and the peak RSS. Prints Markdown rows.

Usage: python bench/sdk_overhead.py HOST ENVIRONMENT_ID API_KEY RUNS DOCUMENT"""

from __future__ import annotations

import asyncio
import base64
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from roq_users import AsyncPlatform, Platform

CALLS = 10_000
CONCURRENCY = 32
# The hand-written clients keep one connection per call in flight, as the SDKs do; httpx's
# default keeps only 20 alive, and the rest would be re-opened on every call.
LIMITS = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    host, environment, key, runs, document = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    admin = Platform(host, environment, key).as_super_admin()
    ids = [u.id for u in admin.users(limit=1000).data]
    token = httpx.post(f"{host}/v01/authorize/serviceAccount", json={"environmentId": environment, "apiKey": key}).json()["accessToken"]
    headers = {
        "roq-platform-authorization": f"Bearer {token}",
        "roq-platform-server-authorization": "Basic " + base64.b64encode(f"{environment}:{key}".encode()).decode(),
    }
    url = f"{host}/v01/server/graphql"

    def measure(fn) -> float:  # type: ignore[no-untyped-def]
        rates = []
        for _ in range(runs):
            started = time.perf_counter()
            fn()
            rates.append(CALLS / (time.perf_counter() - started))
        return statistics.median(rates)

    def sdk_sequential() -> None:
        for i in range(CALLS):
            admin.user(ids[i % len(ids)])

    def sdk_threads() -> None:
        with ThreadPoolExecutor(CONCURRENCY) as pool:
            list(pool.map(lambda i: admin.user(ids[i % len(ids)]), range(CALLS)))

    client = httpx.Client(headers=headers, limits=LIMITS)

    def body(i: int) -> dict[str, object]:
        return {"query": document, "variables": {"id": ids[i % len(ids)]}}

    def hand_one(i: int) -> None:
        reply = client.post(url, json=body(i)).json()
        assert "errors" not in reply, reply

    def hand_sequential() -> None:
        for i in range(CALLS):
            hand_one(i)

    def hand_threads() -> None:
        with ThreadPoolExecutor(CONCURRENCY) as pool:
            list(pool.map(hand_one, range(CALLS)))

    async def sdk_async(concurrency: int) -> None:
        scope = AsyncPlatform(host, environment, key).as_super_admin()
        gate = asyncio.Semaphore(concurrency)

        async def one(i: int) -> None:
            async with gate:
                await scope.user(ids[i % len(ids)])

        await asyncio.gather(*(one(i) for i in range(CALLS)))

    async def hand_async(concurrency: int) -> None:
        gate = asyncio.Semaphore(concurrency)
        async with httpx.AsyncClient(headers=headers, limits=LIMITS) as aclient:
            async def one(i: int) -> None:
                async with gate:
                    reply = (await aclient.post(url, json=body(i))).json()
                    assert "errors" not in reply, reply

            await asyncio.gather(*(one(i) for i in range(CALLS)))

    def run(coroutine_of):  # type: ignore[no-untyped-def]
        return lambda: asyncio.run(coroutine_of())

    rows = [
        ("Python blocking", "10k user(id), sequential", measure(sdk_sequential), measure(hand_sequential), "httpx.Client"),
        ("Python blocking", f"10k user(id), {CONCURRENCY} threads", measure(sdk_threads), measure(hand_threads), f"httpx.Client, {CONCURRENCY} threads"),
        ("Python asyncio", "10k user(id), sequential", measure(run(lambda: sdk_async(1))), measure(run(lambda: hand_async(1))), "httpx.AsyncClient"),
        ("Python asyncio", f"10k user(id), concurrency {CONCURRENCY}", measure(run(lambda: sdk_async(CONCURRENCY))), measure(run(lambda: hand_async(CONCURRENCY))), "httpx.AsyncClient"),
    ]
    for who, what, sdk, hand, reference in rows:
        print(f"| {who} | {what} | {sdk:.0f} req/s | {hand:.0f} req/s ({reference}) | {sdk / hand:.2f}x |")

    before = rss_mib()
    peak = before
    count = 0
    started = time.perf_counter()
    for _ in admin.iter_users(page_size=1000):
        count += 1
        if count % 1000 == 0:
            peak = max(peak, rss_mib())
    elapsed = time.perf_counter() - started
    print(f"| Python blocking | iter_users over {count} users (pages of 1000) | {count / elapsed:.0f} users/s | RSS {before:.0f} MiB before, peak {peak:.0f} MiB | |")


if __name__ == "__main__":
    main()
