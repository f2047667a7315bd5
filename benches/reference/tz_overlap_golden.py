#!/usr/bin/env python3
"""Golden fixtures for remit-collab-tools' time-zone overlap, from Python's zoneinfo.

Run from the repository root:

    python3 benches/reference/tz_overlap_golden.py

Needs only the standard library and an IANA tz database: the system's
/usr/share/zoneinfo, or `pip install tzdata` in a venv. The tz database release must
match the one chrono-tz bundles (2025b for chrono-tz 0.10.4); the script records the
release it used and refuses to run on another unless --any-tzdata is given.

Writes crates/remit-collab-tools/tests/fixtures/tz_overlap_golden.json,
tz_conversions.json and tz_data_limits.json (facts about the database the crate relies
on: the shortest gap between two transitions of a zone, read from the compiled TZif
files, and the first offset change after chrono-tz's last listed year). The method (documented in the crate's `overlap` module) is
re-implemented here independently; zoneinfo does every wall-clock <-> UTC conversion,
with fold=0 for wall times in gaps and folds.
"""

import bisect
import json
import math
import os
import struct
import sys
import zoneinfo
from datetime import date, datetime, timedelta, timezone
from fractions import Fraction
from zoneinfo import ZoneInfo

EXPECTED_TZDATA = "2025b"
OUT_DIR = os.path.join("crates", "remit-collab-tools", "tests", "fixtures")
DAY = 86400


def tzdata_version():
    for base in ("/usr/share/zoneinfo",):
        path = os.path.join(base, "tzdata.zi")
        if os.path.exists(path):
            with open(path) as f:
                first = f.readline().strip()
            if first.startswith("# version "):
                return first.split()[-1]
    try:
        import tzdata  # type: ignore

        return "pypi-tzdata-" + tzdata.IANA_VERSION
    except ImportError:
        return "unknown"


def to_utc(zone, wall):
    """UTC seconds of a naive wall-clock datetime in `zone`, fold=0."""
    return int(wall.replace(tzinfo=ZoneInfo(zone)).timestamp())


def to_wall(zone, ts):
    return datetime.fromtimestamp(ts, ZoneInfo(zone)).replace(tzinfo=None)


def parse_hm(s):
    h, m = s.split(":")
    return int(h) * 60 + int(m)


WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def member_intervals(m, start, end):
    zone = m["zone"]
    s_min = parse_hm(m["start"])
    e_min = parse_hm(m["end"])
    length = e_min - s_min if e_min > s_min else 1440 - s_min + e_min
    days = {WEEKDAYS.index(d) for d in m["workdays"]}
    out = []
    # Every local date within four days of the range: more than any window can reach
    # (offsets are under 24 h, windows start before 24:00 and last at most a day), so
    # this does not depend on the crate's own, tighter margin.
    d = start - timedelta(days=4)
    while d <= end + timedelta(days=3):
        if d.weekday() in days:
            wall = datetime(d.year, d.month, d.day) + timedelta(minutes=s_min)
            s = to_utc(zone, wall)
            e = to_utc(zone, wall + timedelta(minutes=length))
            if e > s:
                if out and out[-1][1] >= s:
                    out[-1][1] = max(out[-1][1], e)
                else:
                    out.append([s, e])
        d += timedelta(days=1)
    return out


def intersect(a, b):
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        s, e = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if s < e:
            out.append([s, e])
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def core_window(counts, days, share):
    # share = [numerator, denominator]: the threshold is exact, ceil(n * days / d).
    needed = max(1, math.ceil(Fraction(share[0], share[1]) * days))
    ok = [c >= needed for c in counts]
    n = 1440
    if all(ok):
        return {"start_minute": 0, "length_minutes": 1440, "min_days": min(counts)}
    best_start, best_len, run_start, run_len = 0, 0, 0, 0
    for i in range(2 * n):
        if ok[i % n]:
            if run_len == 0:
                run_start = i
            run_len += 1
            if run_len > best_len:
                best_len, best_start = run_len, run_start
        else:
            run_len = 0
    if best_len == 0:
        return None
    return {
        "start_minute": best_start % n,
        "length_minutes": best_len,
        "min_days": min(counts[i % n] for i in range(best_start, best_start + best_len)),
    }


def compute(case):
    start = date.fromisoformat(case["start"])
    end = date.fromisoformat(case["end"])
    anchor = case.get("anchor", "UTC")
    anchor_days = {WEEKDAYS.index(d) for d in case.get("anchor_workdays", WEEKDAYS[:5])}
    ndays = (end - start).days
    dates = [start + timedelta(days=k) for k in range(ndays)]
    lists = [member_intervals(m, start, end) for m in case["members"]]
    shared = lists[0]
    for other in lists[1:]:
        shared = intersect(shared, other)
    midnights = [to_utc(anchor, datetime(d.year, d.month, d.day)) for d in dates]
    midnights.append(to_utc(anchor, datetime(end.year, end.month, end.day)))
    daily = [0] * ndays
    for a, b in shared:
        a = max(a, midnights[0])
        while a < b:
            k = max(i for i, m in enumerate(midnights) if m <= a)
            if k >= ndays:
                break
            eod = midnights[k + 1]
            e = min(b, eod)
            daily[k] += e - a
            a = e
    daily_min = [s // 60 for s in daily]
    work = sorted(m for m, d in zip(daily_min, dates) if d.weekday() in anchor_days)
    # The core window reads the anchor's wall clock: minute m of anchor date d is shared
    # when the instant zoneinfo gives for d + m (fold=0: a gap minute on the offset
    # before the change, a fold minute at its first occurrence) is shared. Minute by
    # minute, so a day with a daylight-saving change is read by its clock, not as its
    # first shared instant plus a duration.
    starts = [iv[0] for iv in shared]
    counts = [0] * 1440
    for d in dates:
        if d.weekday() not in anchor_days:
            continue
        midnight = datetime(d.year, d.month, d.day)
        for minute in range(1440):
            t = to_utc(anchor, midnight + timedelta(minutes=minute))
            i = bisect.bisect_right(starts, t) - 1
            if i >= 0 and t < shared[i][1]:
                counts[minute] += 1
    share = case.get("core_window_share", [9, 10])
    threshold = case.get("async_first_below_minutes", 120)
    typical = work[(len(work) - 1) // 2]
    result = {
        "daily_minutes": daily_min,
        "workdays_counted": len(work),
        "min_minutes": work[0],
        "typical_minutes": typical,
        "core_window": core_window(counts, len(work), share),
        "async_first": typical < threshold,
        "slots": [],
    }
    for slot in case.get("slots", []):
        s_min = parse_hm(slot["start"])
        sdays = {WEEKDAYS.index(d) for d in slot["weekdays"]}
        occ = 0
        outside = [0] * len(lists)
        for d in dates:
            if d.weekday() not in sdays:
                continue
            occ += 1
            s = to_utc(anchor, datetime(d.year, d.month, d.day) + timedelta(minutes=s_min))
            e = s + slot["length_minutes"] * 60
            for i, lst in enumerate(lists):
                if not any(iv[0] <= s and iv[1] >= e for iv in lst):
                    outside[i] += 1
        result["slots"].append({"occurrences": occ, "outside": outside})
    return result


def m(zone, start="09:00", end="17:00", workdays=None):
    return {"zone": zone, "start": start, "end": end, "workdays": workdays or WEEKDAYS[:5]}


CASES = [
    {
        "name": "us_eu_spring_gap_2025",
        "note": "New York springs forward 9 Mar, London 30 Mar: three weeks 4 h apart",
        "start": "2025-03-03", "end": "2025-04-07",
        "members": [m("Europe/London"), m("America/New_York")],
        "slots": [{"start": "15:00", "length_minutes": 60, "weekdays": ["tue", "thu"]}],
    },
    {
        "name": "us_eu_autumn_gap_2025",
        "note": "Berlin falls back 26 Oct, Chicago 2 Nov",
        "start": "2025-10-20", "end": "2025-11-10",
        "members": [m("Europe/Berlin", "08:00", "16:30"), m("America/Chicago", "08:00", "17:00")],
        "slots": [{"start": "14:30", "length_minutes": 30, "weekdays": ["mon", "wed", "fri"]}],
    },
    {
        "name": "southern_vs_northern_april_2025",
        "note": "Madrid springs forward 30 Mar while Santiago falls back 6 Apr",
        "start": "2025-03-24", "end": "2025-04-14",
        "members": [m("America/Santiago", "09:00", "18:00"), m("Europe/Madrid", "09:00", "18:00")],
    },
    {
        "name": "southern_spring_2025",
        "note": "Auckland springs forward 28 Sep, Sydney 5 Oct, Tokyo never",
        "start": "2025-09-22", "end": "2025-10-13",
        "members": [m("Pacific/Auckland"), m("Australia/Sydney"), m("Asia/Tokyo")],
        "slots": [{"start": "00:00", "length_minutes": 60, "weekdays": ["wed"]}],
    },
    {
        "name": "kolkata_kathmandu_london_2025",
        "note": "+05:30 and +05:45 with London's spring change",
        "start": "2025-03-24", "end": "2025-04-07",
        "members": [m("Asia/Kolkata", "10:00", "19:00"), m("Asia/Kathmandu", "10:00", "18:00"),
                    m("Europe/London", "08:00", "16:00")],
    },
    {
        "name": "lord_howe_april_2025",
        "note": "Lord Howe's half-hour DST ends 6 Apr with Sydney's full hour; Eucla is +08:45",
        "start": "2025-03-31", "end": "2025-04-14",
        "members": [m("Australia/Lord_Howe"), m("Australia/Sydney", "08:30", "17:30"),
                    m("Australia/Eucla", "08:00", "18:00")],
    },
    {
        "name": "lord_howe_october_2025",
        "note": "Lord Howe's half-hour DST starts 5 Oct",
        "start": "2025-09-29", "end": "2025-10-13",
        "members": [m("Australia/Lord_Howe", "08:00", "16:00"), m("Asia/Kolkata", "05:00", "13:00")],
    },
    {
        "name": "date_line_utc_anchor_2025",
        "note": "Los Angeles Monday afternoon is Auckland Tuesday morning; NZ falls back 6 Apr",
        "start": "2025-03-31", "end": "2025-04-14",
        "members": [m("America/Los_Angeles", "08:00", "17:00"), m("Pacific/Auckland", "08:00", "17:00")],
        "slots": [{"start": "21:00", "length_minutes": 60, "weekdays": ["mon", "tue", "wed", "thu"]}],
    },
    {
        "name": "date_line_la_anchor_2025",
        "note": "the same team seen from Los Angeles' calendar, NZ springs forward 28 Sep",
        "start": "2025-09-22", "end": "2025-10-06",
        "anchor": "America/Los_Angeles",
        "members": [m("America/Los_Angeles", "08:00", "17:00"), m("Pacific/Auckland", "08:00", "17:00"),
                    m("Pacific/Honolulu", "07:00", "16:00")],
        "slots": [{"start": "13:00", "length_minutes": 45, "weekdays": ["mon", "wed"]}],
    },
    {
        "name": "kiritimati_pago_pago",
        "note": "UTC+14 and UTC-11 share a clock time but not a date",
        "start": "2025-06-02", "end": "2025-06-16",
        "members": [m("Pacific/Kiritimati"), m("Pacific/Pago_Pago")],
    },
    {
        "name": "twelve_hours_apart",
        "note": "New York and Manila: async-first",
        "start": "2025-01-06", "end": "2025-02-03",
        "members": [m("America/New_York"), m("Asia/Manila")],
    },
    {
        "name": "night_shift_and_sun_thu",
        "note": "London night shift, Riyadh Sunday-Thursday, Sao Paulo",
        "start": "2025-03-24", "end": "2025-04-07",
        "members": [m("Europe/London", "22:00", "06:00"), m("Asia/Riyadh", "07:00", "15:00",
                    ["sun", "mon", "tue", "wed", "thu"])],
        "anchor_workdays": ["sun", "mon", "tue", "wed", "thu"],
    },
    {
        "name": "transatlantic_wide_hours",
        "note": "Dublin and Toronto with long days, a 60% core-window share, 3 h threshold",
        "start": "2025-02-24", "end": "2025-04-07",
        "core_window_share": [3, 5],
        "async_first_below_minutes": 180,
        "members": [m("Europe/Dublin", "08:00", "18:00"), m("America/Toronto", "07:00", "16:00"),
                    m("America/Halifax", "08:00", "17:00")],
    },
    {
        "name": "core_share_56_percent_of_25_days",
        "note": "New York springs forward 9 Mar: 13:00-14:00 UTC is shared on the last 14 "
                "of 25 days, exactly 56% (ceil(0.56 * 25) is 15 in floating point)",
        "start": "2025-02-26", "end": "2025-03-23",
        "anchor_workdays": WEEKDAYS,
        "core_window_share": [56, 100],
        "members": [m("Europe/London", workdays=WEEKDAYS), m("America/New_York", workdays=WEEKDAYS)],
    },
    {
        "name": "anchor_springs_forward_2025",
        "note": "Shared 05:00-13:00 UTC every day, read on New York's clock: 00:00-08:00 EST, "
                "then 00:00-09:00 on 9 Mar (the 02:00-03:00 gap read fold=0), then 01:00-09:00 EDT",
        "start": "2025-03-03", "end": "2025-03-17",
        "anchor": "America/New_York",
        "anchor_workdays": WEEKDAYS,
        "core_window_share": [8, 14],
        "members": [m("Europe/Berlin", "06:00", "14:00", WEEKDAYS),
                    m("Asia/Tokyo", "14:00", "22:00", WEEKDAYS)],
    },
    {
        "name": "anchor_falls_back_2025",
        "note": "Shared 05:00-13:00 UTC every day, read on New York's clock: 01:00-09:00 EDT, "
                "then 01:00-08:00 on 2 Nov (the second 01:00-02:00 is no new minute), then "
                "00:00-08:00 EST",
        "start": "2025-10-27", "end": "2025-11-10",
        "anchor": "America/New_York",
        "anchor_workdays": WEEKDAYS,
        "core_window_share": [7, 14],
        "members": [m("Europe/Berlin", "06:00", "14:00", WEEKDAYS),
                    m("Asia/Tokyo", "14:00", "22:00", WEEKDAYS)],
    },
    {
        "name": "last_month_of_the_tz_data",
        "note": "December 2099, the last month chrono-tz lists: Sydney and Santiago in summer time",
        "start": "2099-12-01", "end": "2100-01-01",
        "members": [m("America/New_York", "07:00", "15:00"), m("Australia/Sydney", "07:00", "19:00"),
                    m("America/Santiago", "06:00", "14:00")],
    },
    {
        "name": "twenty_six_hours_apart_day_long_windows",
        "note": "UTC-12 working 23:30-23:00 every day seen from UTC+14: the first anchor day "
                "meets a window of the local date three days before it; a day-long meeting "
                "at 23:59 on the last day ends in a window two days after the range",
        "start": "2025-01-06", "end": "2025-01-13",
        "anchor": "Etc/GMT-14",
        "anchor_workdays": WEEKDAYS,
        "members": [m("Etc/GMT+12", "23:30", "23:00", WEEKDAYS),
                    m("Pacific/Kiritimati", "00:00", "23:59", WEEKDAYS)],
        "slots": [{"start": "23:59", "length_minutes": 1440, "weekdays": WEEKDAYS}],
    },
]

CONVERSIONS = [
    ("America/New_York", "2025-03-09 01:59"),
    ("America/New_York", "2025-03-09 02:30"),  # gap
    ("America/New_York", "2025-03-09 03:00"),
    ("America/New_York", "2025-11-02 01:30"),  # fold
    ("America/New_York", "2025-11-02 02:00"),
    ("Europe/London", "2025-03-30 01:30"),  # gap
    ("Europe/London", "2025-10-26 01:30"),  # fold
    ("Australia/Lord_Howe", "2025-04-06 01:45"),  # fold of 30 min
    ("Australia/Lord_Howe", "2025-10-05 02:15"),  # gap of 30 min
    ("Australia/Lord_Howe", "2025-10-05 02:30"),
    ("America/Santiago", "2025-09-07 00:30"),  # gap at midnight
    ("America/Santiago", "2025-04-05 23:30"),  # fold before midnight
    ("Asia/Kathmandu", "2025-07-01 09:00"),
    ("Asia/Kolkata", "2025-07-01 09:00"),
    ("Australia/Eucla", "2025-07-01 09:00"),
    ("Pacific/Chatham", "2025-09-28 02:45"),  # gap, +12:45 -> +13:45
    ("Pacific/Auckland", "2025-04-06 02:30"),  # fold
    ("Pacific/Kiritimati", "2025-01-01 00:00"),
]


def tzif_transition_times(path):
    """The transition instants of a compiled zone (TZif, version 2 or later, 64-bit block)."""
    with open(path, "rb") as f:
        data = f.read()

    def header(at):
        if data[at:at + 4] != b"TZif":
            raise ValueError(path)
        return struct.unpack(">6l", data[at + 20:at + 44])

    isut, isstd, leap, timecnt, typecnt, charcnt = header(0)
    at = 44 + timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isut
    timecnt = header(at)[3]
    return struct.unpack(">%dq" % timecnt, data[at + 44:at + 44 + timecnt * 8])


def offset_at(zone, ts):
    return datetime.fromtimestamp(ts, zone).utcoffset()


def first_change_from(zone, start, stop):
    """The first instant in [start, stop) where zoneinfo's offset for `zone` changes."""
    before = offset_at(zone, start)
    t = start
    while t < stop:
        nxt = min(t + DAY, stop)
        if offset_at(zone, nxt) != before:
            lo, hi = t, nxt
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if offset_at(zone, mid) == before:
                    lo = mid
                else:
                    hi = mid
            return hi
        t = nxt
    return None


def data_limits():
    """Facts about the tz database the crate relies on.

    - The shortest time between two transitions of any zone: the crate samples offsets
      once a day and bisects each change, which sees every transition only if no zone
      changes twice within a day.
    - The first UTC-offset change, in any zone, from 1 December 2099 on as zoneinfo
      computes it from each zone's rule: chrono-tz lists changes only through 2099 and
      keeps the last offset after that, so this is the first instant it gets wrong.
    """
    zones = sorted(zoneinfo.available_timezones())
    gap = None
    for name in zones:
        path = os.path.join("/usr/share/zoneinfo", name)
        if not os.path.exists(path):
            continue
        times = tzif_transition_times(path)
        for a, b in zip(times, times[1:]):
            if gap is None or b - a < gap[0]:
                gap = (b - a, name, a)
    start = int(datetime(2099, 12, 1, tzinfo=timezone.utc).timestamp())
    stop = int(datetime(2101, 1, 1, tzinfo=timezone.utc).timestamp())
    first = None
    for name in zones:
        t = first_change_from(ZoneInfo(name), start, stop)
        if t is not None and (first is None or t < first[0]):
            first = (t, name)
    iso = lambda t: datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "min_transition_gap_seconds": gap[0],
        "min_transition_gap_zone": gap[1],
        "min_transition_gap_at": iso(gap[2]),
        "first_change_from_2099_12_01": first[0],
        "first_change_from_2099_12_01_utc": iso(first[0]),
        "first_change_from_2099_12_01_zone": first[1],
    }


def main():
    version = tzdata_version()
    if version != EXPECTED_TZDATA and "--any-tzdata" not in sys.argv:
        sys.exit(f"tz database {version}, expected {EXPECTED_TZDATA} (chrono-tz's release)")
    os.makedirs(OUT_DIR, exist_ok=True)
    cases = []
    for case in CASES:
        out = dict(case)
        out.setdefault("anchor", "UTC")
        out["expected"] = compute(case)
        cases.append(out)
    meta = {"generator": "benches/reference/tz_overlap_golden.py", "tzdata": version,
            "python": sys.version.split()[0]}
    with open(os.path.join(OUT_DIR, "tz_overlap_golden.json"), "w") as f:
        json.dump({"meta": meta, "cases": cases}, f, indent=1)
        f.write("\n")
    conv = []
    for zone, wall in CONVERSIONS:
        dt = datetime.strptime(wall, "%Y-%m-%d %H:%M")
        conv.append({"zone": zone, "wall": wall, "utc": to_utc(zone, dt),
                     "wall_seconds": int(dt.replace(tzinfo=timezone.utc).timestamp())})
    with open(os.path.join(OUT_DIR, "tz_conversions.json"), "w") as f:
        json.dump({"meta": meta, "conversions": conv}, f, indent=1)
        f.write("\n")
    with open(os.path.join(OUT_DIR, "tz_data_limits.json"), "w") as f:
        json.dump({"meta": meta, "limits": data_limits()}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} overlap cases, {len(conv)} conversions and the data limits "
          f"(tzdata {version})")


if __name__ == "__main__":
    main()
