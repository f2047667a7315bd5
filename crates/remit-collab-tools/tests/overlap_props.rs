//! Properties of the overlap planner on arbitrary teams.

use chrono::NaiveDate;
use chrono_tz::{TZ_VARIANTS, Tz};
use proptest::prelude::*;
use remit_collab_tools::overlap::{
    MeetingSlot, Member, OverlapConfig, OverlapPlanner, Team, Workdays, WorkingHours,
};
use remit_core::{EmployeeId, Period, TeamId};

fn member_strategy() -> impl Strategy<Value = (usize, u16, u16, u8)> {
    (0..TZ_VARIANTS.len(), 0u16..1440, 1u16..=1440, 1u8..128)
}

fn build(i: usize, (z, s, l, w): (usize, u16, u16, u8)) -> Member {
    let days = Workdays::new(
        (0..7u8)
            .filter(|b| w & (1 << b) != 0)
            .filter_map(|b| chrono::Weekday::try_from(b).ok()),
    );
    let days = if days.is_empty() {
        Workdays::MON_FRI
    } else {
        days
    };
    Member::new(
        EmployeeId::from_external(&i.to_string()),
        TZ_VARIANTS[z],
        WorkingHours::from_minutes(s, l).unwrap(),
        days,
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn overlap_never_panics_and_is_bounded(
        members in proptest::collection::vec(member_strategy(), 1..6),
        start in 0i64..3000,
        len in 7i64..60,
        anchor in 0..TZ_VARIANTS.len(),
        slot_start in 0u16..1440,
        slot_len in 1u16..240,
    ) {
        let d0 = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(start);
        let period = Period::new(d0, d0 + chrono::Duration::days(len)).unwrap();
        let anchor: Tz = TZ_VARIANTS[anchor];
        let config = OverlapConfig::default().with_anchor(anchor);
        let mut planner = OverlapPlanner::new(period, config).unwrap();
        let team = Team::new(
            TeamId::from_external("p"),
            members.iter().copied().enumerate().map(|(i, m)| build(i, m)).collect(),
        ).unwrap();
        let r = planner.overlap(&team);
        prop_assert_eq!(r.daily().count() as i64, len);
        for (_, m) in r.daily() {
            // An anchor day lasts at most 25 hours.
            prop_assert!(m <= 1500);
        }
        prop_assert!(r.min_minutes() <= r.typical_minutes());
        // Adding members never increases the shared time.
        let first = Team::new(TeamId::from_external("q"), vec![team.members()[0].clone()]).unwrap();
        let alone = planner.overlap(&first);
        for ((_, a), (_, b)) in r.daily().zip(alone.daily()) {
            prop_assert!(a <= b);
        }
        if let Some(w) = r.core_window() {
            prop_assert!(w.length_minutes() >= 1 && w.length_minutes() <= 1440);
            prop_assert!(w.share() > 0.0 && w.share() <= 1.0);
        }
        let slot = MeetingSlot::new(
            chrono::NaiveTime::from_num_seconds_from_midnight_opt(u32::from(slot_start) * 60, 0).unwrap(),
            slot_len,
            Workdays::ALL,
        ).unwrap();
        let f = planner.slot_fairness(&team, &slot);
        prop_assert!(f.max_share_outside() <= 1.0);
        let rot = planner.rotation(&team, &[slot]).unwrap();
        prop_assert_eq!(rot.burdens(), f.burdens());
    }
}

const DAY: i64 = 86_400;

/// The UTC instant (seconds since the epoch) of the wall time `wall` (seconds since the
/// epoch read as UTC) in `zone`, resolved like `zoneinfo` with `fold=0`, through chrono
/// alone: a fold time takes its first occurrence; a gap time keeps the offset in force
/// before the change, read 26 hours before the wall time (after the change's instant
/// by at most a day, and no zone changes offset twice within four days).
fn fold0_utc(zone: Tz, wall: i64) -> i64 {
    use chrono::{LocalResult, Offset, TimeZone};
    let naive = chrono::DateTime::from_timestamp(wall, 0)
        .unwrap()
        .naive_utc();
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.timestamp(),
        LocalResult::None => {
            let before = zone
                .offset_from_utc_datetime(&(naive - chrono::Duration::hours(26)))
                .fix()
                .local_minus_utc();
            wall - i64::from(before)
        }
    }
}

/// A member's working time as sorted, disjoint UTC intervals (seconds), from the windows
/// of every local date within a week of the range `day0..day_end` (days since the
/// epoch): far more than any window can reach, whatever the planner's own margin.
fn brute_intervals(m: &Member, day0: i64, day_end: i64) -> Vec<(i64, i64)> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    let mut windows: Vec<(i64, i64)> = Vec::new();
    for d in day0 - 7..day_end + 7 {
        let date = epoch + chrono::Duration::days(d);
        if !m.workdays().contains(chrono::Datelike::weekday(&date)) {
            continue;
        }
        let wall = d * DAY + i64::from(m.hours().start_minute()) * 60;
        let s = fold0_utc(m.zone(), wall);
        let e = fold0_utc(m.zone(), wall + i64::from(m.hours().length_minutes()) * 60);
        if e > s {
            windows.push((s, e));
        }
    }
    windows.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::new();
    for (s, e) in windows {
        match out.last_mut() {
            Some(last) if last.1 >= s => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The instants every member works, as sorted, disjoint UTC intervals.
fn brute_shared(team: &Team, day0: i64, day_end: i64) -> Vec<(i64, i64)> {
    let mut shared = vec![(i64::MIN, i64::MAX)];
    for m in team.members() {
        let mine = brute_intervals(m, day0, day_end);
        let mut next = Vec::new();
        for &(a0, a1) in &shared {
            for &(b0, b1) in &mine {
                let (s, e) = (a0.max(b0), a1.min(b1));
                if s < e {
                    next.push((s, e));
                }
            }
        }
        next.sort_unstable();
        shared = next;
    }
    shared
}

fn epoch_day(date: NaiveDate) -> i64 {
    (date - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days()
}

/// Shared minutes per anchor date (whole seconds shared between the anchor's midnights,
/// divided by 60 and rounded down).
fn brute_force_daily(team: &Team, anchor: Tz, d0: NaiveDate, days: i64) -> Vec<u32> {
    let day0 = epoch_day(d0);
    let shared = brute_shared(team, day0, day0 + days);
    (day0..day0 + days)
        .map(|d| {
            let (from, to) = (fold0_utc(anchor, d * DAY), fold0_utc(anchor, (d + 1) * DAY));
            let secs: i64 = shared
                .iter()
                .map(|&(s, e)| (e.min(to) - s.max(from)).max(0))
                .sum();
            (secs / 60) as u32
        })
        .collect()
}

/// For each member, the occurrences of `slot` over the range that no working interval
/// of theirs contains entirely.
fn brute_force_outside(
    team: &Team,
    anchor: Tz,
    slot: &MeetingSlot,
    d0: NaiveDate,
    days: i64,
) -> Vec<u32> {
    let day0 = epoch_day(d0);
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    let start = i64::from(chrono::Timelike::num_seconds_from_midnight(&slot.start()));
    team.members()
        .iter()
        .map(|m| {
            let mine = brute_intervals(m, day0, day0 + days);
            (day0..day0 + days)
                .filter(|&d| {
                    let date = epoch + chrono::Duration::days(d);
                    slot.weekdays().contains(chrono::Datelike::weekday(&date))
                })
                .filter(|&d| {
                    let s = fold0_utc(anchor, d * DAY + start);
                    let e = s + i64::from(slot.length_minutes()) * 60;
                    !mine.iter().any(|&(a, b)| a <= s && b >= e)
                })
                .count() as u32
        })
        .collect()
}

/// Offsets at the ends of the range: UTC+14 and UTC−12 (26 hours apart), the local mean
/// times of Manila (−15:56:08 until 1844) and Metlakatla (+15:13:42 until 1867), 31 hours
/// apart, and zones with daylight saving.
const EXTREMES: [Tz; 8] = [
    chrono_tz::Etc::GMTMinus14,
    chrono_tz::Etc::GMTPlus12,
    chrono_tz::Pacific::Kiritimati,
    chrono_tz::Pacific::Pago_Pago,
    chrono_tz::Asia::Manila,
    chrono_tz::America::Metlakatla,
    chrono_tz::America::New_York,
    chrono_tz::Australia::Lord_Howe,
];

/// A start minute, half the time in the last two hours of the day, where windows reach
/// furthest into the following days.
fn late_start() -> impl Strategy<Value = u16> {
    prop_oneof![0u16..1440, 1320u16..1440]
}

/// A length in minutes, two times in three 22 hours or more, one in three a whole day.
fn long_length() -> impl Strategy<Value = u16> {
    prop_oneof![1u16..=1440, 1320u16..=1440, Just(1440)]
}

/// Workdays as a bit set (bit 0 Monday), half the time every day, so windows of a day
/// join up across days.
fn workday_bits() -> impl Strategy<Value = u8> {
    prop_oneof![1u8..128, Just(127)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Windows of any start and length (up to a day) among the most distant offsets,
    /// seen from any of them, give exactly the shared time and meeting burdens computed
    /// from every local date within a week of the range.
    #[test]
    fn extreme_offsets_and_long_windows_agree_with_brute_force(
        members in proptest::collection::vec(
            (0..EXTREMES.len(), late_start(), long_length(), workday_bits()),
            1..4,
        ),
        anchor in 0..EXTREMES.len(),
        lmt_era in any::<bool>(),
        start in 0i64..365,
        len in 1i64..10,
        slot_start in late_start(),
        slot_len in long_length(),
    ) {
        let base = if lmt_era { (1843, 1, 1) } else { (2024, 1, 1) };
        let d0 = NaiveDate::from_ymd_opt(base.0, base.1, base.2).unwrap()
            + chrono::Duration::days(start);
        let period = Period::new(d0, d0 + chrono::Duration::days(len)).unwrap();
        let anchor = EXTREMES[anchor];
        let config = OverlapConfig::default()
            .with_anchor(anchor)
            .with_anchor_workdays(Workdays::ALL)
            .unwrap();
        let mut planner = OverlapPlanner::new(period, config).unwrap();
        let team = Team::new(
            TeamId::from_external("far"),
            members
                .iter()
                .enumerate()
                .map(|(i, &(z, s, l, w))| {
                    let days = Workdays::new(
                        (0..7u8)
                            .filter(|b| w & (1 << b) != 0)
                            .filter_map(|b| chrono::Weekday::try_from(b).ok()),
                    );
                    Member::new(
                        EmployeeId::from_external(&i.to_string()),
                        EXTREMES[z],
                        WorkingHours::from_minutes(s, l).unwrap(),
                        days,
                    )
                    .unwrap()
                })
                .collect(),
        )
        .unwrap();
        let r = planner.overlap(&team);
        let daily: Vec<u32> = r.daily().map(|(_, m)| m).collect();
        prop_assert_eq!(daily, brute_force_daily(&team, anchor, d0, len));
        let slot = MeetingSlot::new(
            chrono::NaiveTime::from_num_seconds_from_midnight_opt(u32::from(slot_start) * 60, 0)
                .unwrap(),
            slot_len,
            Workdays::ALL,
        )
        .unwrap();
        let outside: Vec<u32> = planner
            .slot_fairness(&team, &slot)
            .burdens()
            .iter()
            .map(|b| b.outside())
            .collect();
        prop_assert_eq!(outside, brute_force_outside(&team, anchor, &slot, d0, len));
    }
}

/// Zones with daylight saving in both hemispheres, a half-hour zone and UTC.
const POOL: [Tz; 5] = [
    chrono_tz::America::New_York,
    chrono_tz::Europe::London,
    chrono_tz::Australia::Sydney,
    chrono_tz::Asia::Kolkata,
    chrono_tz::UTC,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Many teams drawn from a few zones and hours (so the planner reuses same-zone
    /// intersections and whole results) get exactly the minute-by-minute count, whatever
    /// the order of their members.
    #[test]
    fn reused_results_agree_with_brute_force(
        teams in proptest::collection::vec(
            proptest::collection::vec((0..POOL.len(), 0u16..4, 0u16..3, any::<bool>()), 1..7),
            1..12,
        ),
        start in 0i64..2500,
    ) {
        let d0 = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(start);
        let days = 21;
        let period = Period::new(d0, d0 + chrono::Duration::days(days)).unwrap();
        let mut planner = OverlapPlanner::new(period, OverlapConfig::default()).unwrap();
        let built: Vec<Team> = teams
            .iter()
            .enumerate()
            .map(|(t, members)| {
                let members = members
                    .iter()
                    .enumerate()
                    .map(|(i, &(z, s, l, night))| {
                        let start = if night { 1320 } else { 420 + 60 * s };
                        Member::new(
                            EmployeeId::from_external(&format!("{t}-{i}")),
                            POOL[z],
                            WorkingHours::from_minutes(start, 360 + 60 * l).unwrap(),
                            Workdays::MON_FRI,
                        )
                        .unwrap()
                    })
                    .collect();
                Team::new(TeamId::from_external(&t.to_string()), members).unwrap()
            })
            .collect();
        let results = planner.overlap_all(&built);
        for (team, r) in built.iter().zip(&results) {
            prop_assert_eq!(r.team(), team.id());
            let daily: Vec<u32> = r.daily().map(|(_, m)| m).collect();
            prop_assert_eq!(&daily, &brute_force_daily(team, Tz::UTC, d0, days));
            let mut reversed: Vec<Member> = team.members().to_vec();
            reversed.reverse();
            let reversed = Team::new(team.id(), reversed).unwrap();
            let mut fresh = OverlapPlanner::new(period, OverlapConfig::default()).unwrap();
            prop_assert_eq!(&fresh.overlap(&reversed), r);
        }
    }
}

/// The core window from the anchor's wall clock, minute by minute: minute `m` of anchor
/// date `d` is shared when the instant of `d + m` (resolved `fold=0`) is shared. Counted
/// over the anchor workdays, then the longest circular run of minutes counted on at least
/// `ceil(numerator × workdays / denominator)` days: `(start, length, fewest days)`.
fn brute_force_core_window(
    team: &Team,
    anchor: Tz,
    anchor_days: Workdays,
    d0: NaiveDate,
    days: i64,
    (numerator, denominator): (u32, u32),
) -> Option<(u16, u16, u32)> {
    const N: usize = 1440;
    let day0 = epoch_day(d0);
    let shared = brute_shared(team, day0, day0 + days);
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    let mut counts = [0u32; N];
    let mut workdays = 0u32;
    for d in day0..day0 + days {
        let date = epoch + chrono::Duration::days(d);
        if !anchor_days.contains(chrono::Datelike::weekday(&date)) {
            continue;
        }
        workdays += 1;
        for (m, count) in counts.iter_mut().enumerate() {
            let t = fold0_utc(anchor, d * DAY + 60 * m as i64);
            if shared.iter().any(|&(s, e)| s <= t && t < e) {
                *count += 1;
            }
        }
    }
    let needed = (u64::from(numerator) * u64::from(workdays))
        .div_ceil(u64::from(denominator))
        .max(1);
    let ok: Vec<bool> = counts.iter().map(|&c| u64::from(c) >= needed).collect();
    if ok.iter().all(|&o| o) {
        return Some((0, N as u16, counts.iter().copied().min().unwrap()));
    }
    let (mut best_start, mut best_len, mut run_start, mut run_len) = (0, 0, 0, 0);
    for i in 0..2 * N {
        if ok[i % N] {
            if run_len == 0 {
                run_start = i;
            }
            run_len += 1;
            if run_len > best_len {
                (best_start, best_len) = (run_start, run_len);
            }
        } else {
            run_len = 0;
        }
    }
    (best_len > 0).then(|| {
        let min = (best_start..best_start + best_len)
            .map(|i| counts[i % N])
            .min()
            .unwrap();
        ((best_start % N) as u16, best_len as u16, min)
    })
}

/// Anchors and the dates of their own clock changes in 2025: both US changes, Lord
/// Howe's half hour, Santiago's at midnight, Chatham's at 02:45 and 03:45, London's.
const ANCHOR_CHANGES: [(Tz, u32, u32); 10] = [
    (chrono_tz::America::New_York, 3, 9),
    (chrono_tz::America::New_York, 11, 2),
    (chrono_tz::Australia::Lord_Howe, 4, 6),
    (chrono_tz::Australia::Lord_Howe, 10, 5),
    (chrono_tz::America::Santiago, 4, 6),
    (chrono_tz::America::Santiago, 9, 7),
    (chrono_tz::Pacific::Chatham, 4, 6),
    (chrono_tz::Pacific::Chatham, 9, 28),
    (chrono_tz::Europe::London, 3, 30),
    (chrono_tz::Europe::London, 10, 26),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Around the anchor's own clock changes, the core window read by the planner is the
    /// one read minute by minute off the anchor's wall clock.
    #[test]
    fn core_window_reads_the_anchors_wall_clock(
        members in proptest::collection::vec(
            (0..POOL.len(), 0u16..1440, 60u16..=1440, workday_bits()),
            1..4,
        ),
        change in 0..ANCHOR_CHANGES.len(),
        before in 0i64..7,
        days in 7i64..15,
        anchor_bits in workday_bits(),
        (numerator, denominator) in (1u32..=12).prop_flat_map(|d| (1..=d, Just(d))),
    ) {
        // A range that holds the anchor's clock change.
        let (anchor, month, day) = ANCHOR_CHANGES[change];
        let d0 = NaiveDate::from_ymd_opt(2025, month, day).unwrap() - chrono::Duration::days(before);
        let anchor_days = Workdays::new(
            (0..7u8)
                .filter(|b| anchor_bits & (1 << b) != 0)
                .filter_map(|b| chrono::Weekday::try_from(b).ok()),
        );
        let config = OverlapConfig::default()
            .with_anchor(anchor)
            .with_anchor_workdays(anchor_days)
            .unwrap()
            .with_core_window_share(numerator, denominator)
            .unwrap();
        let period = Period::new(d0, d0 + chrono::Duration::days(days)).unwrap();
        let Ok(mut planner) = OverlapPlanner::new(period, config) else {
            return Ok(()); // no anchor workday in the range
        };
        let team = Team::new(
            TeamId::from_external("clock"),
            members
                .iter()
                .enumerate()
                .map(|(i, &(z, s, l, w))| {
                    let days = Workdays::new(
                        (0..7u8)
                            .filter(|b| w & (1 << b) != 0)
                            .filter_map(|b| chrono::Weekday::try_from(b).ok()),
                    );
                    Member::new(
                        EmployeeId::from_external(&i.to_string()),
                        POOL[z],
                        WorkingHours::from_minutes(s, l).unwrap(),
                        days,
                    )
                    .unwrap()
                })
                .collect(),
        )
        .unwrap();
        let got = planner
            .overlap(&team)
            .core_window()
            .map(|w| (w.start_minute(), w.length_minutes(), w.min_days()));
        prop_assert_eq!(
            got,
            brute_force_core_window(&team, anchor, anchor_days, d0, days, (numerator, denominator))
        );
    }
}
