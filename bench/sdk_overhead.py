"""SDK overhead from Python: 10k user(id) calls, sequential and at concurrency 32, through the
roq_users SDK (blocking and asyncio) and a hand-written httpx client sending the same GraphQL;
then iterating every user with iter_users and the peak RSS. Prints Markdown rows.

Usage: python bench/sdk_overhead.py HOST ENVIRONMENT_ID API_KEY RUNS"""

from __future__ import annotations

import asyncio
import base64
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from roq_users import AsyncPlatform, Platform

BY_ID = "query($id: ID!) { user(id: $id) { id reference email } }"
CALLS = 10_000


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    host, environment, key, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
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
        with ThreadPoolExecutor(32) as pool:
            list(pool.map(lambda i: admin.user(ids[i % len(ids)]), range(CALLS)))

    client = httpx.Client(headers=headers)

    def hand_sequential() -> None:
        for i in range(CALLS):
            client.post(url, json={"query": BY_ID, "variables": {"id": ids[i % len(ids)]}}).json()

    def hand_threads() -> None:
        with ThreadPoolExecutor(32) as pool:
            list(pool.map(lambda i: client.post(url, json={"query": BY_ID, "variables": {"id": ids[i % len(ids)]}}).json(), range(CALLS)))

    async def sdk_async() -> None:
        scope = AsyncPlatform(host, environment, key).as_super_admin()
        gate = asyncio.Semaphore(32)

        async def one(i: int) -> None:
            async with gate:
                await scope.user(ids[i % len(ids)])

        await asyncio.gather(*(one(i) for i in range(CALLS)))

    async def hand_async() -> None:
        gate = asyncio.Semaphore(32)
        async with httpx.AsyncClient(headers=headers, limits=httpx.Limits(max_connections=32)) as aclient:
            async def one(i: int) -> None:
                async with gate:
                    (await aclient.post(url, json={"query": BY_ID, "variables": {"id": ids[i % len(ids)]}})).json()

            await asyncio.gather(*(one(i) for i in range(CALLS)))

    rows = [
        ("Python blocking", "10k user(id), sequential", measure(sdk_sequential), measure(hand_sequential), "httpx.Client"),
        ("Python blocking", "10k user(id), 32 threads", measure(sdk_threads), measure(hand_threads), "httpx.Client, 32 threads"),
        ("Python asyncio", "10k user(id), concurrency 32", measure(lambda: asyncio.run(sdk_async())), measure(lambda: asyncio.run(hand_async())), "httpx.AsyncClient"),
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
