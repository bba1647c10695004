"""A process's counters from /proc, for scripts/profile: CPU seconds in user space and in the
kernel (all threads, dead ones included) and context switches (voluntary, involuntary; summed
over the threads alive now).

Usage: python3 bench/proc_counters.py PID
           prints the counters as one line of JSON
       python3 bench/proc_counters.py row LABEL REQUESTS RATE_LINE BEFORE AFTER
           prints a Markdown row of the figures per request between two readings"""

from __future__ import annotations

import json
import os
import re
import sys


def counters(pid: int) -> dict[str, float]:
    ticks = os.sysconf("SC_CLK_TCK")
    with open(f"/proc/{pid}/stat") as stat:
        # The command name is in parentheses and may hold spaces: split after it.
        fields = stat.read().rsplit(")", 1)[1].split()
    voluntary = involuntary = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/status") as status:
                for line in status:
                    if line.startswith("voluntary_ctxt_switches:"):
                        voluntary += int(line.split()[1])
                    elif line.startswith("nonvoluntary_ctxt_switches:"):
                        involuntary += int(line.split()[1])
        except FileNotFoundError:  # the thread ended while we read
            continue
    return {
        "user_s": int(fields[11]) / ticks,
        "system_s": int(fields[12]) / ticks,
        "voluntary_switches": voluntary,
        "involuntary_switches": involuntary,
    }


def per_request(before: str, after: str, requests: int) -> dict[str, float]:
    """CPU µs (user, system, total) and context switches per request between two readings."""
    b, a = json.loads(before), json.loads(after)
    delta = {k: a[k] - b[k] for k in b}
    return {
        "user_us": 1e6 * delta["user_s"] / requests,
        "system_us": 1e6 * delta["system_s"] / requests,
        "cpu_us": 1e6 * (delta["user_s"] + delta["system_s"]) / requests,
        "switches": (delta["voluntary_switches"] + delta["involuntary_switches"]) / requests,
    }


def row(label: str, requests: int, rate_line: str, before: str, after: str) -> str:
    """`| label | req/s | CPU µs/request (user + system) | switches/request |`."""
    rate = re.search(r"at (\d+) req/s", rate_line)
    f = per_request(before, after, requests)
    return (f"| {label} | {rate.group(1) if rate else '?'} req/s | {f['cpu_us']:.0f} µs "
            f"({f['user_us']:.0f} + {f['system_us']:.0f}) | {f['switches']:.1f} |")


if __name__ == "__main__":
    if sys.argv[1] == "row":
        label, requests, rate_line, before, after = sys.argv[2:7]
        print(row(label, int(requests), rate_line, before, after))
    else:
        print(json.dumps(counters(int(sys.argv[1]))))
