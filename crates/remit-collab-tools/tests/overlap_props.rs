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
