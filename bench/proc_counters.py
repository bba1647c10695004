"""Prints one line of a process's counters from /proc, for scripts/profile to diff:
CPU seconds in user space and in the kernel (all threads, dead ones included) and context
switches (voluntary, involuntary; summed over the threads alive now), as JSON.

Usage: python3 bench/proc_counters.py PID"""

from __future__ import annotations

import json
import os
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


if __name__ == "__main__":
    print(json.dumps(counters(int(sys.argv[1]))))
