//! Cohort reporting: disclosure properties on random small organisations, noise,
//! findings and the individual API.

mod support;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use chrono_tz::Tz;
use proptest::prelude::*;
use remit_core::privacy::{Disclosed, MinGroupSize};
use remit_core::{Audit, Cohort, Employee, EmployeeId, WorkMode};
use remit_wellbeing::individual::{Individuals, SurveyResults};
use remit_wellbeing::report::{
    CohortReport, Dimension, LaplaceNoise, ReportConfig, ReportError, cohorts_of,
};
use remit_wellbeing::risk::WeightedRiskModel;
use remit_wellbeing::signals::{Signal, SignalPanel, WeekSignals};
use support::tree_member;

const PLACES: [(&str, Tz); 5] = [
    ("DE", chrono_tz::Europe::Berlin),
    ("PT", chrono_tz::Europe::Lisbon),
    ("IN", chrono_tz::Asia::Kolkata),
    ("PH", chrono_tz::Asia::Manila),
    ("US", chrono_tz::America::New_York),
];
const DEPTS: [&str; 3] = ["Sales", "Engineering", "Support"];

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

#[derive(Debug, Clone)]
struct Person {
    mode: usize,
    dept: usize,
    place: usize,
    survey: Option<(f32, f32)>,
    signals: bool,
    after_hours: f32,
}

struct Org {
    roster: Vec<Employee>,
    individuals: Individuals,
    people: Vec<Person>,
}

fn org(people: &[Person], fanout: usize) -> Org {
    let ids: Vec<EmployeeId> = (0..people.len())
        .map(|i| EmployeeId::from_external(&format!("E-{i}")))
        .collect();
    let roster: Vec<Employee> = people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            tree_member(
                &ids,
                i,
                fanout,
                WorkMode::ALL[p.mode],
                PLACES[p.place],
                DEPTS[p.dept],
            )
        })
        .collect();
    let mut panel = SignalPanel::new(4).unwrap();
    let mut surveys = SurveyResults::new();
    for (i, p) in people.iter().enumerate() {
        if p.signals {
            let w = WeekSignals::zero()
                .with(Signal::AfterHoursHours, p.after_hours)
                .unwrap()
                .with(Signal::CollaborationHours, 15.0)
                .unwrap()
                .with(Signal::FocusHours, 12.0)
                .unwrap();
            panel.push(ids[i], &[w; 4]).unwrap();
        }
        if let Some((w, c)) = p.survey {
            surveys.push(ids[i], Some(w), Some(c)).unwrap();
        }
    }
    let individuals =
        Individuals::assess(&roster, &panel, &surveys, &WeightedRiskModel::default()).unwrap();
    Org {
        roster,
        individuals,
        people: people.to_vec(),
    }
}

fn person() -> impl Strategy<Value = Person> {
    (
        0usize..3,
        0usize..3,
        0usize..5,
        prop::option::weighted(0.7, (0.0f32..=100.0, 0.0f32..=100.0)),
        prop::bool::weighted(0.9),
        0.0f32..8.0,
    )
        .prop_map(|(mode, dept, place, survey, signals, after_hours)| Person {
            mode,
            dept,
            place,
            survey,
            signals,
            after_hours,
        })
}

/// The three populations of each employee: member, with signals, responder.
fn pops(p: &Person) -> [bool; 3] {
    [true, p.signals, p.survey.is_some()]
}

fn check_disclosure(o: &Org, report: &CohortReport, config: &ReportConfig) {
    let memberships = cohorts_of(&o.roster, config);
    let min = config.min_group().get() as usize;
    let members_of = |c: &Cohort| -> BTreeSet<usize> {
        (0..o.roster.len())
            .filter(|&i| memberships[i].contains(c))
            .collect()
    };
    let count =
        |set: &BTreeSet<usize>, k: usize| set.iter().filter(|&&i| pops(&o.people[i])[k]).count();
    let small = |x: usize, m: usize| x > 0 && x < m;
    let everyone: BTreeSet<usize> = (0..o.roster.len()).collect();
    let published: Vec<(Dimension, BTreeSet<usize>)> = report
        .rows()
        .iter()
        .filter(|r| !r.stats().is_suppressed())
        .map(|r| (r.dimension(), members_of(r.cohort())))
        .collect();
    for (dim, set) in &published {
        let m = if *dim == Dimension::Manager {
            config.manager_min_group().get() as usize
        } else {
            min
        };
        for k in 0..3 {
            assert!(
                !small(count(set, k), m),
                "published cohort under the minimum ({dim}, population {k})"
            );
        }
        if !report.total().is_suppressed() {
            let rest: BTreeSet<usize> = everyone.difference(set).copied().collect();
            for k in 0..3 {
                assert!(
                    !small(count(&rest, k), m),
                    "cohort differs from total by a small group"
                );
            }
        }
    }
    for (i, (da, a)) in published.iter().enumerate() {
        for (db, b) in &published[i + 1..] {
            let m = if *da == Dimension::Manager || *db == Dimension::Manager {
                config.manager_min_group().get() as usize
            } else {
                min
            };
            let ab: BTreeSet<usize> = a.difference(b).copied().collect();
            let ba: BTreeSet<usize> = b.difference(a).copied().collect();
            for k in 0..3 {
                assert!(
                    !small(count(&ab, k), m),
                    "pair ({da}, {db}) differs by a small group"
                );
                assert!(
                    !small(count(&ba, k), m),
                    "pair ({db}, {da}) differs by a small group"
                );
            }
        }
    }
    // Within a cut, the hidden cohorts together are not a small group, and never one alone
    // (when the total is published; otherwise nothing can be subtracted from it).
    for dim in Dimension::ALL {
        if report.total().is_suppressed() {
            break;
        }
        let hidden: Vec<BTreeSet<usize>> = report
            .cut(dim)
            .filter(|r| r.stats().is_suppressed())
            .map(|r| members_of(r.cohort()))
            .filter(|s| !s.is_empty())
            .collect();
        assert_ne!(
            hidden.len(),
            1,
            "exactly one hidden cohort in {dim} is recoverable"
        );
        let union: BTreeSet<usize> = hidden.iter().flatten().copied().collect();
        if union == everyone {
            continue; // nothing of this cut is published: the union is just the total
        }
        let m = if dim == Dimension::Manager {
            config.manager_min_group().get() as usize
        } else {
            min
        };
        for k in 0..3 {
            assert!(
                !small(count(&union, k), m),
                "hidden cohorts of {dim} sum to a small group"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_organisations_never_disclose_small_groups(
        people in prop::collection::vec(person(), 1..90),
        fanout in 2usize..14,
        min in 3u32..7,
    ) {
        let o = org(&people, fanout);
        let config = ReportConfig::new(as_of()).with_min_group(MinGroupSize::new(min).unwrap());
        let report = CohortReport::build(&o.roster, &o.individuals, &config).unwrap();
        check_disclosure(&o, &report, &config);
    }
}

fn uniform_org(n: usize, far_after_hours: f32) -> Org {
    // Onsite in Berlin, remote in Manila (UTC+8) with the given after-hours load.
    let people: Vec<Person> = (0..n)
        .map(|i| {
            let remote = i % 3 == 0;
            Person {
                mode: if remote { 2 } else { 0 },
                dept: i % 2,
                place: if remote { 3 } else { 0 },
                survey: Some((
                    60.0,
                    if remote && far_after_hours > 2.0 {
                        62.5
                    } else {
                        30.0
                    },
                )),
                signals: true,
                after_hours: if remote { far_after_hours } else { 1.5 },
            }
        })
        .collect();
    org(&people, 12)
}

#[test]
fn far_time_zone_burden_is_named() {
    let o = uniform_org(120, 4.0);
    let report =
        CohortReport::build(&o.roster, &o.individuals, &ReportConfig::new(as_of())).unwrap();
    let f = report
        .findings()
        .iter()
        .find(|f| f.code().as_str() == "WB-TZ-AFTER-HOURS")
        .expect("burden finding");
    assert_eq!(
        f.title(),
        "Remote staff in UTC+8 to UTC+10 average 4.0 after-hours hours a week, 2.7× onsite; 100% are in the high burnout band"
    );
    assert_eq!(f.cohort().get("utc_offset"), Some("UTC+8 to UTC+10"));
    assert_eq!(f.affected(), Some(40));
    // Same load everywhere: no burden finding.
    let o = uniform_org(120, 1.5);
    let report =
        CohortReport::build(&o.roster, &o.individuals, &ReportConfig::new(as_of())).unwrap();
    assert!(
        report
            .findings()
            .iter()
            .all(|f| !f.code().as_str().contains("AFTER-HOURS"))
    );
}

#[test]
fn exact_cohort_numbers_without_noise() {
    let o = uniform_org(120, 4.0);
    let report =
        CohortReport::build(&o.roster, &o.individuals, &ReportConfig::new(as_of())).unwrap();
    let remote = report
        .published(&Cohort::all().with("work_mode", WorkMode::Remote))
        .unwrap();
    assert_eq!(remote.headcount, Disclosed::Published(40));
    assert_eq!(remote.after_hours, Disclosed::Published(4.0));
    assert_eq!(remote.who5_mean, Disclosed::Published(60.0));
    assert_eq!(remote.high_burnout_share, Disclosed::Published(1.0));
    assert_eq!(report.total().headcount, Disclosed::Published(120));
    assert!(report.total().high_risk_share.published().is_some());
}

#[test]
fn noise_is_seeded_and_changes_values() {
    let o = uniform_org(120, 4.0);
    let base = ReportConfig::new(as_of());
    let a = CohortReport::build(
        &o.roster,
        &o.individuals,
        &base.clone().with_noise(LaplaceNoise::new(0.5, 7).unwrap()),
    )
    .unwrap();
    let b = CohortReport::build(
        &o.roster,
        &o.individuals,
        &base.clone().with_noise(LaplaceNoise::new(0.5, 7).unwrap()),
    )
    .unwrap();
    let c = CohortReport::build(
        &o.roster,
        &o.individuals,
        &base.clone().with_noise(LaplaceNoise::new(0.5, 8).unwrap()),
    )
    .unwrap();
    assert_eq!(a, b);
    assert_ne!(a, c);
    let exact = CohortReport::build(&o.roster, &o.individuals, &base).unwrap();
    assert_ne!(a.total().after_hours, exact.total().after_hours);
    // Noise never un-suppresses a cohort.
    for (x, y) in a.rows().iter().zip(exact.rows()) {
        assert_eq!(x.stats().is_suppressed(), y.stats().is_suppressed());
    }
    assert_eq!(
        LaplaceNoise::new(0.0, 1),
        Err(ReportError::InvalidEpsilon { epsilon: 0.0 })
    );
    assert!(matches!(
        LaplaceNoise::new(f64::NAN, 1),
        Err(ReportError::InvalidEpsilon { epsilon }) if epsilon.is_nan()
    ));
}

#[test]
fn manager_cohorts_need_ten() {
    // One manager with 9 reports and one with 12: only the 12 may be published.
    let mut people = Vec::new();
    for _ in 0..40 {
        people.push(Person {
            mode: 0,
            dept: 0,
            place: 0,
            survey: Some((50.0, 50.0)),
            signals: true,
            after_hours: 1.0,
        });
    }
    let o = org(&people, 12);
    let config = ReportConfig::new(as_of());
    let report = CohortReport::build(&o.roster, &o.individuals, &config).unwrap();
    for row in report.cut(Dimension::Manager) {
        if let Disclosed::Published(n) = row.stats().headcount {
            assert!(n >= 10, "{n}");
        }
    }
    check_disclosure(&o, &report, &config);
}

#[test]
fn individual_results_only_through_personal_view() {
    let o = uniform_org(30, 4.0);
    let me = o.roster[3].id();
    let view = o.individuals.personal_view(me).unwrap();
    assert_eq!(view.who5_percentage, Some(60.0));
    assert_eq!(view.weekly_means.unwrap()[0], 4.0);
    assert!(view.risk.index() > 0.0);
    assert!(
        o.individuals
            .personal_view(EmployeeId::from_external("nobody"))
            .is_none()
    );
}

#[test]
fn report_rejects_a_different_roster() {
    let o = uniform_org(30, 4.0);
    let other = uniform_org(31, 4.0);
    assert!(matches!(
        CohortReport::build(&other.roster, &o.individuals, &ReportConfig::new(as_of())),
        Err(ReportError::RosterMismatch {
            roster: 31,
            assessed: 30
        })
    ));
}
