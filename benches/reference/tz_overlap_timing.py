#!/usr/bin/env python3
"""Python/zoneinfo reference timing for the overlap workload of benches/collab_tools.rs.

Run from the repository root:

    python3 benches/reference/tz_overlap_timing.py [--teams 300]

Builds the same deterministic teams as benches/support/collab_data.rs (same xorshift,
same 24 zones, same hours), computes each team's per-day overlap over 2025 with the
method of tz_overlap_golden.py (zoneinfo conversions, bisect for day splitting), and
prints CPU seconds per team and the figure extrapolated to 10 000 teams.
"""

import bisect
import sys
import time
from datetime import date, datetime, timedelta

sys.path.insert(0, "benches/reference")
from tz_overlap_golden import intersect, to_utc  # noqa: E402

ZONES = [
    "America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York",
    "America/Sao_Paulo", "America/Santiago", "America/Mexico_City", "Europe/London",
    "Europe/Dublin", "Europe/Berlin", "Europe/Madrid", "Europe/Warsaw", "Europe/Kyiv",
    "Africa/Lagos", "Africa/Nairobi", "Asia/Dubai", "Asia/Kolkata", "Asia/Kathmandu",
    "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "Australia/Lord_Howe",
    "Pacific/Auckland", "America/Toronto",
]
MASK = (1 << 64) - 1


def teams(n):
    state = 0x9E3779B97F4A7C15

    def nxt():
        nonlocal state
        state ^= (state << 13) & MASK
        state ^= state >> 7
        state ^= (state << 17) & MASK
        return state

    out = []
    for _ in range(n):
        size = 4 + nxt() % 6
        home = nxt() % len(ZONES)
        members = []
        for _ in range(size):
            spread = nxt() % 5
            zone = ZONES[(home + spread * (nxt() % 3)) % len(ZONES)]
            start = 420 + 30 * (nxt() % 7)
            length = 480 + 30 * (nxt() % 3)
            members.append((zone, start, length))
        out.append(members)
    return out


def member_intervals(zone, start_min, length, first, last):
    out = []
    d = first
    while d <= last:
        if d.weekday() < 5:
            wall = datetime(d.year, d.month, d.day) + timedelta(minutes=start_min)
            s = to_utc(zone, wall)
            e = to_utc(zone, wall + timedelta(minutes=length))
            if e > s:
                if out and out[-1][1] >= s:
                    out[-1][1] = max(out[-1][1], e)
                else:
                    out.append([s, e])
        d += timedelta(days=1)
    return out


def overlap(team, start, end):
    first, last = start - timedelta(days=2), end
    lists = [member_intervals(z, s, l, first, last) for z, s, l in team]
    shared = lists[0]
    for other in lists[1:]:
        shared = intersect(shared, other)
    ndays = (end - start).days
    midnights = [to_utc("UTC", datetime(d.year, d.month, d.day))
                 for d in (start + timedelta(days=k) for k in range(ndays + 1))]
    daily = [0] * ndays
    for a, b in shared:
        a = max(a, midnights[0])
        while a < b:
            k = bisect.bisect_right(midnights, a) - 1
            if k >= ndays:
                break
            e = min(b, midnights[k + 1])
            daily[k] += e - a
            a = e
    work = sorted(daily[k] // 60 for k in range(ndays) if (start + timedelta(days=k)).weekday() < 5)
    return work[0], work[(len(work) - 1) // 2]


def main():
    n = 300
    if "--teams" in sys.argv:
        n = int(sys.argv[sys.argv.index("--teams") + 1])
    ts = teams(n)
    start, end = date(2025, 1, 1), date(2026, 1, 1)
    c0, w0 = time.process_time(), time.perf_counter()
    for t in ts:
        overlap(t, start, end)
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    print(f"{n} teams x 365 days: CPU {cpu:.2f} s, wall {wall:.2f} s; "
          f"per team {cpu / n * 1e3:.2f} ms CPU; 10 000 teams ~ {cpu / n * 1e4:.1f} s CPU")


if __name__ == "__main__":
    main()
