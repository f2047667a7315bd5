//! Unit tests of the overlap planner and its parts.

use chrono::{NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use remit_core::{EmployeeId, Period, TeamId};

use super::config::DEFAULT_CORE_WINDOW_SHARE;
use super::intervals::core_window;
use super::schedule::DAY_MINUTES;
use super::*;
use crate::error::Error;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn member(id: &str, tz: Tz, hours: WorkingHours) -> Member {
    Member::new(EmployeeId::from_external(id), tz, hours, Workdays::MON_FRI).unwrap()
}

fn team(members: Vec<Member>) -> Team {
    Team::new(TeamId::from_external("t"), members).unwrap()
}

#[test]
fn workdays_know_the_epoch_weekday() {
    // 1970-01-01 was a Thursday.
    assert!(Workdays::new([Weekday::Thu]).contains_epoch_day(0));
    assert!(!Workdays::MON_FRI.contains_epoch_day(2)); // Saturday
    assert!(Workdays::MON_FRI.contains_epoch_day(-3)); // Monday 1969-12-29
    assert_eq!(Workdays::MON_FRI.len(), 5);
    assert!(Workdays::SUN_THU.contains(Weekday::Sun));
    assert!(!Workdays::SUN_THU.contains(Weekday::Fri));
}

#[test]
fn working_hours_validate_and_cross_midnight() {
    let night = WorkingHours::new(t(22, 0), t(6, 0)).unwrap();
    assert_eq!(night.length_minutes(), 480);
    assert!(night.crosses_midnight());
    assert_eq!(
        WorkingHours::new(t(9, 0), t(9, 0)),
        Err(Error::InvalidWorkingHours {
            start: "09:00:00".into(),
            end: "09:00:00".into(),
            reason: "start equals end",
        })
    );
    assert_eq!(
        WorkingHours::new(NaiveTime::from_hms_opt(9, 0, 30).unwrap(), t(17, 0)),
        Err(Error::InvalidWorkingHours {
            start: "09:00:30".into(),
            end: "17:00:00".into(),
            reason: "times must be whole minutes",
        })
    );
    for (start, length, reason) in [
        (1440, 10, "start must be before 24:00"),
        (0, 0, "length must be 1 to 1440 minutes"),
        (0, 1441, "length must be 1 to 1440 minutes"),
    ] {
        assert_eq!(
            WorkingHours::from_minutes(start, length),
            Err(Error::InvalidWorkingHours {
                start: format!("minute {start}"),
                end: format!("+{length} min"),
                reason,
            })
        );
    }
}

#[test]
fn team_validation_names_the_team_and_member() {
    let a = member("a", Tz::UTC, WorkingHours::default());
    let b = member("b", Tz::UTC, WorkingHours::default());
    let x = TeamId::from_external("x");
    assert_eq!(
        Team::new(x, vec![a.clone(), b, a.clone()]),
        Err(Error::DuplicateMember {
            team: x,
            member: a.id()
        })
    );
    assert_eq!(Team::new(x, vec![]), Err(Error::EmptyTeam { team: x }));
    let id = EmployeeId::from_external("a");
    assert_eq!(
        Member::new(id, Tz::UTC, WorkingHours::default(), Workdays::NONE),
        Err(Error::NoWorkdays { member: id })
    );
}

#[test]
fn a_single_member_shares_their_whole_day_on_workdays() {
    let mut p = OverlapPlanner::new(
        Period::new(d(2025, 1, 6), d(2025, 1, 13)).unwrap(),
        OverlapConfig::default(),
    )
    .unwrap();
    let r = p.overlap(&team(vec![member("a", Tz::UTC, WorkingHours::default())]));
    let v: Vec<u32> = r.daily().map(|(_, m)| m).collect();
    assert_eq!(v, vec![480, 480, 480, 480, 480, 0, 0]);
    assert_eq!(r.min_minutes(), 480);
    let core = r.core_window().unwrap();
    assert_eq!((core.start(), core.end()), (t(9, 0), t(17, 0)));
}

#[test]
fn twelve_hours_apart_is_async_first() {
    let mut p = OverlapPlanner::new(
        Period::new(d(2025, 1, 6), d(2025, 2, 3)).unwrap(),
        OverlapConfig::default(),
    )
    .unwrap();
    let r = p.overlap(&team(vec![
        member("ny", chrono_tz::America::New_York, WorkingHours::default()),
        member("sg", chrono_tz::Asia::Singapore, WorkingHours::default()),
    ]));
    assert_eq!(r.typical_minutes(), 0);
    assert!(r.async_first());
    assert!(r.core_window().is_none());
}

#[test]
fn overnight_windows_meet_day_windows_across_the_globe() {
    // A night shift in London 22:00-06:00 overlaps Sydney's 09:00-17:00 (UTC+11 in
    // January: 22:00-06:00 UTC) completely.
    let mut p = OverlapPlanner::new(
        Period::new(d(2025, 1, 13), d(2025, 1, 18)).unwrap(),
        OverlapConfig::default(),
    )
    .unwrap();
    let night = WorkingHours::new(t(22, 0), t(6, 0)).unwrap();
    let r = p.overlap(&team(vec![
        member("ldn", chrono_tz::Europe::London, night),
        member("syd", chrono_tz::Australia::Sydney, WorkingHours::default()),
    ]));
    // Mon 13th UTC: London Sunday night is no workday; Sydney Tue 09:00 = Mon 22:00 UTC
    // meets London Monday night 22:00 -> 2 h before UTC midnight.
    assert_eq!(r.minutes_on(d(2025, 1, 13)), Some(120));
    // Tue 14th UTC: 00:00-06:00 (Mon night) + 22:00-24:00 (Tue night).
    assert_eq!(r.minutes_on(d(2025, 1, 14)), Some(480));
}

/// A member 26 hours behind the anchor who works round the clock from 23:00 local:
/// the window that covers the first hour of the anchor's first day starts on the
/// member's local date three days before it. A two-day margin lost that hour.
#[test]
fn windows_three_local_days_before_the_range_are_counted() {
    let period = Period::new(d(2025, 1, 6), d(2025, 1, 13)).unwrap();
    let config = OverlapConfig::default().with_anchor(chrono_tz::Etc::GMTMinus14); // UTC+14
    let mut p = OverlapPlanner::new(period, config).unwrap();
    let always = Member::new(
        EmployeeId::from_external("baker"),
        chrono_tz::Etc::GMTPlus12, // UTC-12
        WorkingHours::from_minutes(23 * 60, 1440).unwrap(),
        Workdays::ALL,
    )
    .unwrap();
    let r = p.overlap(&team(vec![always]));
    let daily: Vec<u32> = r.daily().map(|(_, m)| m).collect();
    assert_eq!(daily, vec![1440; 7]);
}

/// A member 26 hours ahead of the anchor who works round the clock is never
/// outside their hours, not even for a day-long meeting starting at 23:59 on the
/// range's last anchor date, which ends in the member's working window of the local
/// date two days after the range.
#[test]
fn a_member_working_round_the_clock_is_inside_every_meeting() {
    let period = Period::new(d(2025, 1, 6), d(2025, 1, 13)).unwrap();
    let config = OverlapConfig::default().with_anchor(chrono_tz::Etc::GMTPlus12); // UTC-12
    let mut p = OverlapPlanner::new(period, config).unwrap();
    let always = Member::new(
        EmployeeId::from_external("kiritimati"),
        chrono_tz::Etc::GMTMinus14, // UTC+14
        WorkingHours::from_minutes(0, 1440).unwrap(),
        Workdays::ALL,
    )
    .unwrap();
    let slot = MeetingSlot::new(t(23, 59), 1440, Workdays::ALL).unwrap();
    let f = p.slot_fairness(&team(vec![always]), &slot);
    assert_eq!(f.burdens()[0].occurrences(), 7);
    assert_eq!(f.burdens()[0].outside(), 0);
}

#[test]
fn fixed_slot_burdens_one_member_and_rotation_spreads_it() {
    let period = Period::new(d(2025, 1, 6), d(2025, 3, 31)).unwrap();
    let mut p = OverlapPlanner::new(period, OverlapConfig::default()).unwrap();
    // Three members eight hours apart: every slot is outside someone's hours.
    let tm = team(vec![
        member("a", chrono_tz::Etc::GMTMinus8, WorkingHours::default()), // UTC+8
        member("b", Tz::UTC, WorkingHours::default()),
        member("c", chrono_tz::Etc::GMTPlus8, WorkingHours::default()), // UTC-8
    ]);
    let weekly = Workdays::new([Weekday::Tue]);
    let slots: Vec<MeetingSlot> = [1, 9, 17]
        .iter()
        .map(|&h| MeetingSlot::new(t(h, 0), 60, weekly).unwrap())
        .collect();
    let fixed = p.slot_fairness(&tm, &slots[1]);
    assert_eq!(fixed.burdens()[1].outside(), 0);
    assert!((fixed.max_share_outside() - 1.0).abs() < 1e-12);
    let rot = p.rotation(&tm, &slots).unwrap();
    assert!(rot.max_share_outside() <= 0.75, "{rot:?}");
    assert_eq!(rot.schedule().len(), 12);
    assert_eq!(p.rotation(&tm, &[]), Err(Error::NoCandidates));
}

#[test]
fn range_and_config_are_validated() {
    let long = Period::new(d(2000, 1, 1), d(2020, 1, 1)).unwrap();
    assert!(matches!(
        OverlapPlanner::new(long, OverlapConfig::default()),
        Err(Error::RangeTooLong { days: 7305, max: MAX_RANGE_DAYS, start, .. })
            if start == d(2000, 1, 1)
    ));
    let weekend = Period::new(d(2025, 1, 4), d(2025, 1, 6)).unwrap();
    assert!(matches!(
        OverlapPlanner::new(weekend, OverlapConfig::default()),
        Err(Error::NoAnchorWorkdays { start, end })
            if start == d(2025, 1, 4) && end == d(2025, 1, 6)
    ));
    for (numerator, denominator) in [(0, 10), (11, 10), (1, 0), (0, 0)] {
        assert_eq!(
            OverlapConfig::default().with_core_window_share(numerator, denominator),
            Err(Error::InvalidFraction {
                record: "overlap config",
                field: "core_window_share",
                numerator,
                denominator,
            })
        );
    }
    assert_eq!(
        OverlapConfig::default()
            .with_core_window_share(10, 10)
            .map(|c| c.core_window_share().ceil_of(25)),
        Ok(25)
    );
    assert!(matches!(
        OverlapConfig::default().with_anchor_workdays(Workdays::NONE),
        Err(Error::InvalidConfig {
            record: "overlap config",
            field: "anchor_workdays",
            ..
        })
    ));
}

/// New York and London share 240 minutes on 15 March 2100 (New York on summer time,
/// London not yet), but chrono-tz lists no change after 2099 and would say 180.
#[test]
fn ranges_past_the_tz_data_are_refused() {
    let period = Period::new(d(2100, 3, 15), d(2100, 3, 16)).unwrap();
    let err = OverlapPlanner::new(period, OverlapConfig::default()).unwrap_err();
    assert_eq!(
        err,
        Error::OutsideTimeZoneData {
            record: "overlap planner",
            field: "period",
            date: d(2100, 3, 15),
            reason: format!(
                "is after 2099, the last year whose UTC-offset changes the bundled tz \
                 database (IANA {}) lists; later daylight-saving changes would be silently missed",
                chrono_tz::IANA_TZDB_VERSION
            ),
        }
    );
    // A range that ends in 2100 is refused by its last date.
    let straddling = Period::new(d(2099, 12, 1), d(2100, 1, 2)).unwrap();
    assert!(matches!(
        OverlapPlanner::new(straddling, OverlapConfig::default()),
        Err(Error::OutsideTimeZoneData { date, .. }) if date == d(2100, 1, 1)
    ));
    let early = Period::new(NaiveDate::MIN, d(-262_000, 1, 1)).unwrap();
    assert!(matches!(
        OverlapPlanner::new(early, OverlapConfig::default()),
        Err(Error::OutsideTimeZoneData { date, .. }) if date == NaiveDate::MIN
    ));
}

/// The latest range accepted reads offsets a few days into 2100, before the first
/// change chrono-tz misses (zoneinfo: Havana, 14 March 2100).
#[test]
fn the_latest_range_reads_no_offset_the_data_misses() {
    let json: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/fixtures/tz_data_limits.json")).unwrap();
    assert_eq!(json["meta"]["tzdata"], chrono_tz::IANA_TZDB_VERSION);
    let first_missed = json["limits"]["first_change_from_2099_12_01"]
        .as_i64()
        .unwrap();
    let period = Period::new(d(2099, 12, 1), d(2100, 1, 1)).unwrap();
    let p = OverlapPlanner::new(period, OverlapConfig::default()).unwrap();
    assert!(p.utc_to < first_missed, "{} >= {first_missed}", p.utc_to);
    assert!(p.utc_from < p.utc_to);
}

#[test]
fn core_window_wraps_past_midnight() {
    let mut cover = [0i32; DAY_MINUTES as usize + 1];
    cover[0] += 4;
    cover[60] -= 4;
    cover[1380] += 4;
    cover[1440] -= 4;
    cover[600] += 4;
    cover[700] -= 4;
    let w = core_window(&cover, 4, DEFAULT_CORE_WINDOW_SHARE).unwrap();
    assert_eq!((w.start_minute(), w.length_minutes()), (1380, 120));
    assert_eq!((w.start(), w.end()), (t(23, 0), t(1, 0)));
    assert!((w.share() - 1.0).abs() < 1e-12);
    let mut all = [0i32; DAY_MINUTES as usize + 1];
    all[0] = 3;
    let w = core_window(&all, 4, Fraction::new(1, 2).unwrap()).unwrap();
    assert_eq!((w.start_minute(), w.length_minutes()), (0, 1440));
    assert!((w.share() - 0.75).abs() < 1e-12);
    assert!(core_window(&all, 4, Fraction::new(1, 1).unwrap()).is_none());
}

/// 56% of 25 days is exactly 14 days; `ceil(0.56 * 25.0)` in floating point is 15.
#[test]
fn the_core_window_threshold_is_exact() {
    let mut cover = [0i32; DAY_MINUTES as usize + 1];
    cover[600] += 14;
    cover[700] -= 14;
    let w = core_window(&cover, 25, Fraction::new(56, 100).unwrap()).unwrap();
    assert_eq!((w.start_minute(), w.length_minutes()), (600, 100));
    let mut cover = [0i32; DAY_MINUTES as usize + 1];
    cover[600] += 7;
    cover[700] -= 7;
    let w = core_window(&cover, 25, Fraction::new(28, 100).unwrap()).unwrap(); // 7 of 25; 0.28 * 25.0 = 7.000000000000001
    assert_eq!((w.start_minute(), w.length_minutes()), (600, 100));
}

#[test]
fn types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<OverlapPlanner>();
    check::<TeamOverlap>();
    check::<Team>();
    check::<Rotation>();
}
