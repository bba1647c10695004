"""Summarises `perf script` output (read from stdin) of the server as Markdown.

Prints the share of CPU samples per phase of a request (a sample counts for every phase one
of its frames belongs to, so phases overlap), per thread kind, and the hottest functions by
self time. With --folded PATH, also writes the stacks folded for a flamegraph (inferno or
Brendan Gregg's flamegraph.pl). Used by scripts/profile.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter

from proc_counters import per_request

HEADER = re.compile(r"^(?P<comm>.*?)\s+\d+(?:/\d+)?\s")
FRAME = re.compile(r"^\s+[0-9a-f]+\s+(?P<symbol>.*?)\s+\((?P<dso>[^()]*)\)$")
OFFSET = re.compile(r"\+0x[0-9a-f]+$")
HASH = re.compile(r"::h[0-9a-f]{16}$")

# (label, pattern matched against any frame's symbol; "kernel" matches the kernel's frames)
PHASES = [
    ("HTTP: hyper + axum (connections, HTTP parsing, routing)", r"^<?(hyper|hyper_util|axum)::"),
    ("authentication (`roq_users_server::auth`: key hash, JWT, key lookups)", r"roq_users_server::auth::"),
    ("- of which SHA-256 of the API key", r"sha2::"),
    ("- of which JWT verification", r"jsonwebtoken::"),
    ("GraphQL parsing (`async_graphql_parser`)", r"async_graphql_parser::"),
    ("GraphQL validation (`async_graphql::validation`)", r"async_graphql::validation::"),
    ("JSON (`serde_json`)", r"serde_json::"),
    ("sqlx (driver, pool, statement cache)", r"^<?sqlx_(core|sqlite|postgres)::"),
    ("SQLite engine (`sqlite3*` C functions)", r"^sqlite3"),
    ("memory allocation (malloc/free)", r"^(__libc_)?(malloc|free|realloc|calloc|cfree)$|^_int_(malloc|free)"),
    ("kernel (everything below the system-call boundary)", "kernel"),
    ("- of which scheduling (switching threads: `schedule`, `finish_task_switch`)", r"^(__schedule|schedule|finish_task_switch|schedule_hrtimeout_range_clock)"),
    ("- of which futex (waking and parking threads)", r"^(__x64_sys_futex|do_futex|futex_)"),
    ("- of which TCP on loopback", r"^(tcp_|inet_|__sys_(send|recv)|sock_(sendmsg|recvmsg|read_iter|write_iter)|ip_(output|rcv|finish_output|local_deliver))"),
    ("- of which epoll", r"^(__x64_sys_epoll|do_epoll_wait|ep_poll)"),
]


def clean(symbol: str) -> str:
    return HASH.sub("", OFFSET.sub("", symbol))


def samples(lines):
    """Yields (thread name, frames leaf-first as (symbol, dso))."""
    comm, frames = None, []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if comm is not None:
                yield comm, frames
            comm, frames = None, []
        elif not line[0].isspace():
            match = HEADER.match(line)
            comm, frames = (match.group("comm") if match else line.split()[0]), []
        else:
            match = FRAME.match(line)
            if match:
                frames.append((clean(match.group("symbol")), match.group("dso")))
    if comm is not None:
        yield comm, frames


def thread_kind(comm: str) -> str:
    if comm.startswith("tokio"):
        return "tokio workers (HTTP, GraphQL, auth, resolvers)"
    if comm.startswith("sqlx-sqlite"):
        return "SQLite connection workers (sqlx runs each connection on its own thread)"
    return f"other ({comm})"


def print_counters(counters: list[str], requests: int) -> None:
    """The kernel's own accounting of the sampled load, which sampling in a VM cannot skew."""
    f = per_request(counters[0], counters[1], requests)
    print("| the kernel's accounting of the server during the sampled load | per request |")
    print("|---|---|")
    print(f"| CPU time: user + system | {f['user_us']:.0f} µs + {f['system_us']:.0f} µs "
          f"({100 * f['system_us'] / max(f['cpu_us'], 1e-9):.0f}% in the kernel) |")
    print(f"| context switches (voluntary + involuntary) | {f['switches']:.1f} |")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folded", help="write folded stacks here")
    parser.add_argument("--command", default="./scripts/profile", help="the command to quote")
    parser.add_argument("--requests", type=int, help="requests sent during the load")
    parser.add_argument("--counters", nargs=2, metavar=("BEFORE", "AFTER"),
                        help="bench/proc_counters.py output before and after the load")
    args = parser.parse_args()

    phases = [(label, None if p == "kernel" else re.compile(p)) for label, p in PHASES]
    total = 0
    phase_hits: Counter[str] = Counter()
    threads: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    folded: Counter[str] = Counter()
    for comm, frames in samples(sys.stdin):
        total += 1
        threads[thread_kind(comm)] += 1
        leaf = frames[0][0] if frames else "[no stack]"
        leaves[leaf] += 1
        for label, pattern in phases:
            if pattern is None:
                hit = any("kernel" in dso for _, dso in frames)
            else:
                hit = any(pattern.search(symbol) for symbol, _ in frames)
            if hit:
                phase_hits[label] += 1
        folded[";".join([comm] + [s for s, _ in reversed(frames)])] += 1

    if total == 0:
        sys.exit("profile_summary: no samples in the perf output")
    if args.folded:
        with open(args.folded, "w") as out:
            for stack, count in folded.items():
                out.write(f"{stack} {count}\n")

    def pct(n: int) -> str:
        return f"{100 * n / total:.1f}%"

    print(f"Command: `{args.command}`. perf sampled the server process (cpu-clock, 499 Hz, DWARF")
    print(f"call graphs) for exactly the duration of the load: {total} samples.")
    print()
    if args.counters and args.requests:
        print_counters(args.counters, args.requests)
    print("| phase (a sample counts for every phase one of its frames belongs to) | share of server CPU |")
    print("|---|---|")
    for label, _ in phases:
        print(f"| {label} | {pct(phase_hits[label])} |")
    print()
    print("| thread | share of server CPU |")
    print("|---|---|")
    for kind, n in threads.most_common():
        print(f"| {kind} | {pct(n)} |")
    print()
    print("| hottest functions by self time | share |")
    print("|---|---|")
    for symbol, n in leaves.most_common(12):
        shown = symbol if len(symbol) <= 90 else symbol[:87] + "..."
        print(f"| `{shown.replace('|', '/')}` | {pct(n)} |")


if __name__ == "__main__":
    main()
