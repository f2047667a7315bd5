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

/// `zone`'s UTC offset in seconds for the wall time `wall` (seconds since the epoch read
/// as UTC), resolved like `zoneinfo` with `fold=0`: a gap time keeps the offset in force
/// before the change, a fold time takes its first occurrence.
fn fold0_utc(zone: Tz, wall: i64) -> i64 {
    use chrono::{LocalResult, Offset, TimeZone};
    let naive = chrono::DateTime::from_timestamp(wall, 0)
        .unwrap()
        .naive_utc();
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.timestamp(),
        LocalResult::None => {
            // In a gap: the offset an hour (or the gap's length) earlier still applies.
            let before = zone
                .offset_from_utc_datetime(&(naive - chrono::Duration::hours(3)))
                .fix()
                .local_minus_utc();
            wall - i64::from(before)
        }
    }
}

/// Shared minutes per UTC date, by brute force over every minute: a minute is shared
/// when it lies in one of every member's working intervals.
fn brute_force_daily(team: &Team, d0: NaiveDate, days: i64) -> Vec<u32> {
    const DAY: i64 = 86_400;
    let day0 = (d0 - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days();
    let minutes = (days * 1440) as usize;
    let mut shared = vec![true; minutes];
    for m in team.members() {
        let mut works = vec![false; minutes];
        for d in day0 - 2..=day0 + days + 1 {
            let date = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Duration::days(d);
            if !m.workdays().contains(chrono::Datelike::weekday(&date)) {
                continue;
            }
            let wall = d * DAY + i64::from(m.hours().start_minute()) * 60;
            let s = fold0_utc(m.zone(), wall);
            let e = fold0_utc(m.zone(), wall + i64::from(m.hours().length_minutes()) * 60);
            assert!(s % 60 == 0 && e % 60 == 0, "offsets in whole minutes");
            for t in (s.max(day0 * DAY)..e.min((day0 + days) * DAY)).step_by(60) {
                works[((t - day0 * DAY) / 60) as usize] = true;
            }
        }
        for (s, w) in shared.iter_mut().zip(&works) {
            *s &= *w;
        }
    }
    shared
        .chunks(1440)
        .map(|day| day.iter().filter(|&&s| s).count() as u32)
        .collect()
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
            prop_assert_eq!(&daily, &brute_force_daily(team, d0, days));
            let mut reversed: Vec<Member> = team.members().to_vec();
            reversed.reverse();
            let reversed = Team::new(team.id(), reversed).unwrap();
            let mut fresh = OverlapPlanner::new(period, OverlapConfig::default()).unwrap();
            prop_assert_eq!(&fresh.overlap(&reversed), r);
        }
    }
}
