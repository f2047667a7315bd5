//! The cross-domain parts of the wellbeing `Audit`: burnout-risk bands by work mode as a
//! stacked bar chart, and another domain's group compared through the disclosure guard.

mod support;

use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use remit_core::chart::ChartKind;
use remit_core::privacy::{Disclosed, Suppression};
use remit_core::{
    Audit, CountryCode, Department, Employee, EmployeeGroup, EmployeeId, GroupComparison, JobLevel,
    WorkMode,
};
use remit_wellbeing::individual::{Individuals, SurveyResults};
use remit_wellbeing::report::{CohortReport, LaplaceNoise, ReportConfig};
use remit_wellbeing::risk::WeightedRiskModel;
use remit_wellbeing::signals::{Signal, SignalPanel, WeekSignals};
use support::tree_member;

const N: usize = 600;
const FANOUT: usize = 6;

fn id(i: usize) -> EmployeeId {
    EmployeeId::from_external(&format!("E-{i}"))
}

/// `N` employees, a third per work mode, managers in a tree of fan-out 6; everyone
/// answers the survey. Members of `planted` report high CBI burnout (75) and low WHO-5
/// (32); others draw CBI around 30 (10–70) and WHO-5 around 60.
fn report(planted: &[usize], config: &ReportConfig) -> (Vec<EmployeeId>, CohortReport) {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let ids: Vec<EmployeeId> = (0..N).map(id).collect();
    let roster: Vec<Employee> = (0..N)
        .map(|i| {
            let berlin = ("DE", chrono_tz::Europe::Berlin);
            tree_member(&ids, i, FANOUT, WorkMode::ALL[i % 3], berlin, "Support")
        })
        .collect();
    let mut panel = SignalPanel::new(4).unwrap();
    let mut surveys = SurveyResults::new();
    for (i, &e) in ids.iter().enumerate() {
        let w = WeekSignals::zero()
            .with(Signal::AfterHoursHours, 1.0)
            .unwrap()
            .with(Signal::CollaborationHours, 15.0)
            .unwrap()
            .with(Signal::FocusHours, 12.0)
            .unwrap();
        panel.push(e, &[w; 4]).unwrap();
        let (cbi, who5) = if planted.contains(&i) {
            (75.0, 32.0)
        } else {
            (rng.random_range(10.0..70.0), rng.random_range(40.0..80.0))
        };
        surveys.push(e, Some(who5), Some(cbi)).unwrap();
    }
    let people =
        Individuals::assess(&roster, &panel, &surveys, &WeightedRiskModel::default()).unwrap();
    (ids, CohortReport::build(&roster, &people, config).unwrap())
}

fn config() -> ReportConfig {
    ReportConfig::new(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
}

fn burnout(c: &[GroupComparison]) -> &GroupComparison {
    c.iter()
        .find(|c| c.metric().starts_with("share in the high burnout band"))
        .expect("burnout comparison")
}

#[test]
fn a_planted_high_burnout_group_is_recovered_with_a_small_p() {
    let planted: Vec<usize> = (0..N).filter(|i| i % 10 == 3).collect(); // 60 people
    let (ids, report) = report(&planted, &config());
    let group = EmployeeGroup::new(
        "test.planted",
        "staff without an ergonomic chair",
        planted.iter().map(|&i| ids[i]).collect(),
    );
    let comparisons = report
        .compare_group(
            &group,
            &mut remit_core::disclosure::Disclosure::new(
                remit_core::disclosure::DisclosurePolicy::default(),
            ),
        )
        .unwrap();
    assert_eq!(comparisons.len(), 3);
    let b = burnout(&comparisons);
    assert_eq!(b.in_group(), Disclosed::Published(1.0));
    let rest = b.rest().published().unwrap();
    assert!(rest > 0.2 && rest < 0.5, "rest {rest}");
    assert_eq!(b.in_group_n(), Disclosed::Published(60));
    assert_eq!(b.rest_n(), Disclosed::Published(540));
    assert!(b.p_value().unwrap() < 1e-6, "{:?}", b.p_value());
    let who5 = comparisons
        .iter()
        .find(|c| c.metric() == "mean WHO-5 wellbeing score")
        .unwrap();
    assert!((who5.in_group().published().unwrap() - 32.0).abs() < 1e-9);
    assert!(who5.rest().published().unwrap() > 50.0);
}

#[test]
fn a_random_group_is_not_significant() {
    let (ids, report) = report(&[], &config());
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let members: Vec<EmployeeId> = ids
        .iter()
        .copied()
        .filter(|_| rng.random_bool(0.2))
        .collect();
    let group = EmployeeGroup::new("test.random", "a random fifth", members);
    let b = burnout(
        &report
            .compare_group(
                &group,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default(),
                ),
            )
            .unwrap(),
    )
    .clone();
    assert!(b.in_group().published().is_some() && b.rest().published().is_some());
    assert!(b.p_value().unwrap() > 0.05, "{:?}", b.p_value());
}

#[test]
fn a_group_under_the_minimum_is_suppressed() {
    let (ids, report) = report(&[], &config());
    // Four people with different managers: under the minimum of 5.
    let group = EmployeeGroup::new(
        "test.small",
        "four people",
        vec![ids[100], ids[200], ids[300], ids[400]],
    );
    for c in report
        .compare_group(
            &group,
            &mut remit_core::disclosure::Disclosure::new(
                remit_core::disclosure::DisclosurePolicy::default(),
            ),
        )
        .unwrap()
    {
        assert_eq!(
            c.in_group(),
            Disclosed::Suppressed(Suppression::BelowMinimum)
        );
        assert_eq!(
            c.in_group_n(),
            Disclosed::Suppressed(Suppression::BelowMinimum)
        );
        // The rest would reveal the four by subtraction from the published total.
        assert!(c.rest().is_suppressed() && c.p_value().is_none());
    }
    // Everyone but four: the rest is the small side.
    let all_but: Vec<EmployeeId> = ids.iter().copied().skip(4).collect();
    let group = EmployeeGroup::new("test.big", "all but four", all_but);
    for c in report
        .compare_group(
            &group,
            &mut remit_core::disclosure::Disclosure::new(
                remit_core::disclosure::DisclosurePolicy::default(),
            ),
        )
        .unwrap()
    {
        assert!(c.in_group().is_suppressed() && c.rest().is_suppressed());
    }
    // Nobody assessed: nothing to say.
    let group = EmployeeGroup::new("test.none", "outsiders", vec![id(N + 1)]);
    assert!(
        report
            .compare_group(
                &group,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default()
                )
            )
            .unwrap()
            .is_empty()
    );
}

#[test]
fn one_managers_team_needs_the_manager_facing_minimum() {
    let (ids, report) = report(&[], &config());
    // The six direct reports of employee 10 (rows 61..=66): 6 ≥ 5 but < 10, so below
    // the manager-facing minimum (not merely open to differencing).
    let team: Vec<EmployeeId> = (61..=66).map(|i| ids[i]).collect();
    let group = EmployeeGroup::new("test.team", "one team", team);
    assert!(
        report
            .compare_group(
                &group,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default()
                )
            )
            .unwrap()
            .iter()
            .all(|c| c.in_group() == Disclosed::Suppressed(Suppression::BelowMinimum))
    );
    // Six hybrid staff under six different managers pass the general minimum, and no
    // published cohort differs from them by fewer than five.
    let spread: Vec<EmployeeId> = [61, 130, 202, 271, 343, 412]
        .iter()
        .map(|&i| ids[i])
        .collect();
    let group = EmployeeGroup::new("test.spread", "six across teams", spread);
    assert!(
        report
            .compare_group(
                &group,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default()
                )
            )
            .unwrap()
            .iter()
            .all(|c| c.in_group().published().is_some())
    );
}

#[test]
fn a_group_close_to_a_published_cohort_is_suppressed() {
    let (ids, report) = report(&[], &config());
    // Remote staff (every third row from 2) but two: remote minus the group is 2 people.
    let remote: Vec<EmployeeId> = (0..N)
        .filter(|i| i % 3 == 2)
        .skip(2)
        .map(|i| ids[i])
        .collect();
    assert!(
        report
            .published(&remit_core::Cohort::all().with("work_mode", WorkMode::Remote))
            .is_some()
    );
    let group = EmployeeGroup::new("test.near-remote", "almost all remote staff", remote);
    for c in report
        .compare_group(
            &group,
            &mut remit_core::disclosure::Disclosure::new(
                remit_core::disclosure::DisclosurePolicy::default(),
            ),
        )
        .unwrap()
    {
        assert_eq!(
            c.in_group(),
            Disclosed::Suppressed(Suppression::Complementary)
        );
        assert!(c.rest().is_suppressed());
    }
}

#[test]
fn noise_hides_exact_values_and_drops_p_values() {
    let planted: Vec<usize> = (0..N).filter(|i| i % 10 == 3).collect();
    let noisy = config().with_noise(LaplaceNoise::new(1.0, 42).unwrap());
    let (ids, report) = report(&planted, &noisy);
    let group = EmployeeGroup::new(
        "test.planted",
        "planted",
        planted.iter().map(|&i| ids[i]).collect(),
    );
    let a = report
        .compare_group(
            &group,
            &mut remit_core::disclosure::Disclosure::new(
                remit_core::disclosure::DisclosurePolicy::default(),
            ),
        )
        .unwrap();
    assert_eq!(
        a,
        report
            .compare_group(
                &group,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default()
                )
            )
            .unwrap(),
        "same seed, same numbers"
    );
    let b = burnout(&a);
    assert!(b.p_value().is_none());
    let v = b.in_group().published().unwrap();
    assert!((0.0..=1.0).contains(&v) && (v - 1.0).abs() < 0.2);
}

#[test]
fn risk_bands_by_work_mode_stack_to_one() {
    let planted: Vec<usize> = (0..N).filter(|i| i % 10 == 3).collect();
    let (_, report) = report(&planted, &config());
    let charts = report.charts();
    assert_eq!(charts.len(), 1);
    let chart = &charts[0];
    assert_eq!(chart.kind(), ChartKind::StackedBar);
    let names: Vec<&str> = chart.series().iter().map(|s| s.name()).collect();
    assert_eq!(names, ["low", "moderate", "high"]);
    let modes: Vec<&str> = chart.series()[0]
        .points()
        .iter()
        .map(|p| p.label())
        .collect();
    assert_eq!(modes, ["onsite", "hybrid", "remote"]);
    for k in 0..3 {
        let sum: f64 = chart.series().iter().map(|s| s.points()[k].y()).sum();
        assert!((sum - 1.0).abs() < 1e-9, "{sum}");
    }
    // The high band matches the published cohort's share.
    let onsite = report
        .published(&remit_core::Cohort::all().with("work_mode", WorkMode::Onsite))
        .unwrap();
    assert_eq!(
        Some(chart.series()[2].points()[0].y()),
        onsite.high_risk_share.published()
    );
    // Wellbeing offers no groups: its data is health data.
    assert!(report.groups().is_empty());
}

#[test]
fn a_small_work_mode_is_left_out_of_the_chart() {
    let (_, report) = report(&[], &config());
    assert_eq!(report.charts()[0].series()[0].points().len(), 3);
    // An organisation with two remote employees: the remote cohort is suppressed.
    let ids: Vec<EmployeeId> = (0..40).map(id).collect();
    let roster: Vec<Employee> = (0..40)
        .map(|i| {
            Employee::builder(ids[i])
                .work_mode(if i < 2 {
                    WorkMode::Remote
                } else {
                    WorkMode::ALL[i % 2]
                })
                .country(CountryCode::new("DE").unwrap())
                .time_zone(chrono_tz::Europe::Berlin)
                .level(JobLevel::new(2))
                .department(Department::new("Support").unwrap())
                .hired_on(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap())
                .build()
                .unwrap()
        })
        .collect();
    let panel = SignalPanel::new(4).unwrap();
    let surveys = SurveyResults::new();
    let people =
        Individuals::assess(&roster, &panel, &surveys, &WeightedRiskModel::default()).unwrap();
    let report = CohortReport::build(&roster, &people, &config()).unwrap();
    for chart in report.charts() {
        for s in chart.series() {
            assert!(s.points().iter().all(|p| p.label() != "remote"));
        }
    }
}

fn group_of(key: &str, ids: &[EmployeeId], rows: impl IntoIterator<Item = usize>) -> EmployeeGroup {
    EmployeeGroup::new(key, key, rows.into_iter().map(|i| ids[i]).collect())
}

fn published(c: &[GroupComparison]) -> bool {
    !c.is_empty() && c.iter().all(|c| c.in_group().published().is_some())
}

fn refused(c: &[GroupComparison]) -> bool {
    !c.is_empty()
        && c.iter().all(|c| {
            c.in_group() == Disclosed::Suppressed(Suppression::Complementary)
                && c.rest() == Disclosed::Suppressed(Suppression::Complementary)
                && c.in_group_n().published().is_none()
                && c.p_value().is_none()
        })
}

#[test]
fn a_group_one_person_from_a_released_group_is_refused_in_either_order() {
    let (_, fresh) = report(&[], &config());
    let (ids, report) = report(&[], &config());
    let a = group_of("test.a", &ids, (0..N).filter(|i| i % 10 == 3));
    let b = group_of(
        "test.a-plus-one",
        &ids,
        (0..N).filter(|i| i % 10 == 3 || *i == 5),
    );
    // Each alone is publishable: a fresh report answers either.
    assert!(published(
        &fresh
            .compare_group(
                &b,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default()
                )
            )
            .unwrap()
    ));
    // After `a`, its near copy is refused, and `a` is still answered as before.
    let first = report
        .compare_group(
            &a,
            &mut remit_core::disclosure::Disclosure::new(
                remit_core::disclosure::DisclosurePolicy::default(),
            ),
        )
        .unwrap();
    assert!(published(&first));
    assert!(refused(
        &report
            .compare_group(
                &b,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default()
                )
            )
            .unwrap()
    ));
    assert_eq!(
        report
            .compare_group(
                &a,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default()
                )
            )
            .unwrap(),
        first
    );
    // The other order: `b` was released by `fresh`, so `a` is refused there.
    assert!(refused(
        &fresh
            .compare_group(
                &a,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default()
                )
            )
            .unwrap()
    ));
    // Two people apart (one swapped for another) is refused too.
    let swapped = group_of(
        "test.a-swapped",
        &ids,
        (0..N).filter(|i| (i % 10 == 3 && *i != 3) || *i == 5),
    );
    assert!(refused(
        &report
            .compare_group(
                &swapped,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default()
                )
            )
            .unwrap()
    ));
}

#[test]
fn a_group_one_person_from_a_released_rest_is_refused() {
    let (ids, report) = report(&[], &config());
    assert!(published(
        &report
            .compare_group(
                &group_of("test.a", &ids, (0..N).filter(|i| i % 10 == 3)),
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default()
                )
            )
            .unwrap()
    ));
    // Everyone outside `a` but one: its rest is `a` plus that one person.
    let near_rest = group_of(
        "test.near-rest",
        &ids,
        (0..N).filter(|i| i % 10 != 3 && *i != 5),
    );
    assert!(refused(
        &report
            .compare_group(
                &near_rest,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default()
                )
            )
            .unwrap()
    ));
}

#[test]
fn disjoint_and_far_apart_groups_are_all_released() {
    let (ids, report) = report(&[], &config());
    let a = group_of("test.a", &ids, (0..N).filter(|i| i % 10 == 3));
    let disjoint = group_of("test.disjoint", &ids, (0..N).filter(|i| i % 10 == 7));
    // Overlaps `a` in 60 people and adds 120 more.
    let far = group_of(
        "test.far",
        &ids,
        (0..N).filter(|i| (3..6).contains(&(i % 10))),
    );
    for g in [&a, &disjoint, &far] {
        assert!(
            published(
                &report
                    .compare_group(
                        g,
                        &mut remit_core::disclosure::Disclosure::new(
                            remit_core::disclosure::DisclosurePolicy::default()
                        )
                    )
                    .unwrap()
            ),
            "{}",
            g.key()
        );
    }
    // And they are still answered, identically, when asked again.
    let again: Vec<_> = [&a, &disjoint, &far]
        .iter()
        .map(|g| {
            report
                .compare_group(
                    g,
                    &mut remit_core::disclosure::Disclosure::new(
                        remit_core::disclosure::DisclosurePolicy::default(),
                    ),
                )
                .unwrap()
        })
        .collect();
    for (g, answer) in [&a, &disjoint, &far].iter().zip(again) {
        assert_eq!(
            report
                .compare_group(
                    g,
                    &mut remit_core::disclosure::Disclosure::new(
                        remit_core::disclosure::DisclosurePolicy::default()
                    )
                )
                .unwrap(),
            answer
        );
        assert!(published(&answer));
    }
}

#[test]
fn the_same_group_asked_twice_is_answered_the_same() {
    let planted: Vec<usize> = (0..N).filter(|i| i % 10 == 3).collect();
    for cfg in [
        config(),
        config().with_noise(LaplaceNoise::new(1.0, 7).unwrap()),
    ] {
        let (ids, built) = report(&planted, &cfg);
        let g = group_of("test.planted", &ids, planted.iter().copied());
        let first = built
            .compare_group(
                &g,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default(),
                ),
            )
            .unwrap();
        assert!(published(&first));
        for _ in 0..3 {
            assert_eq!(
                built
                    .compare_group(
                        &g,
                        &mut remit_core::disclosure::Disclosure::new(
                            remit_core::disclosure::DisclosurePolicy::default()
                        )
                    )
                    .unwrap(),
                first
            );
        }
        // The same members listed in another order and with a repeat are the same group.
        let mut members: Vec<EmployeeId> = planted.iter().rev().map(|&i| ids[i]).collect();
        members.push(ids[3]);
        let same = EmployeeGroup::new("test.planted", "same people", members);
        assert_eq!(
            built
                .compare_group(
                    &same,
                    &mut remit_core::disclosure::Disclosure::new(
                        remit_core::disclosure::DisclosurePolicy::default()
                    )
                )
                .unwrap(),
            first
        );
    }
}

#[test]
fn clones_share_the_release_history() {
    let (ids, report) = report(&[], &config());
    let copy = report.clone();
    assert_eq!(copy, report);
    let a = group_of("test.a", &ids, (0..N).filter(|i| i % 10 == 3));
    let b = group_of(
        "test.a-plus-one",
        &ids,
        (0..N).filter(|i| i % 10 == 3 || *i == 5),
    );
    assert!(published(
        &report
            .compare_group(
                &a,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default()
                )
            )
            .unwrap()
    ));
    assert!(refused(
        &copy
            .compare_group(
                &b,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default()
                )
            )
            .unwrap()
    ));
    // History is not part of a report's value.
    assert_eq!(copy, report);
}

#[test]
fn the_report_is_send_and_sync_and_answers_across_threads() {
    fn check<T: Send + Sync>() {}
    check::<CohortReport>();
    let (ids, report) = report(&[], &config());
    let a = group_of("test.a", &ids, (0..N).filter(|i| i % 10 == 3));
    let b = group_of(
        "test.a-plus-one",
        &ids,
        (0..N).filter(|i| i % 10 == 3 || *i == 5),
    );
    let (ra, rb) = std::thread::scope(|s| {
        let ta = s.spawn(|| {
            report
                .compare_group(
                    &a,
                    &mut remit_core::disclosure::Disclosure::new(
                        remit_core::disclosure::DisclosurePolicy::default(),
                    ),
                )
                .unwrap()
        });
        let tb = s.spawn(|| {
            report
                .compare_group(
                    &b,
                    &mut remit_core::disclosure::Disclosure::new(
                        remit_core::disclosure::DisclosurePolicy::default(),
                    ),
                )
                .unwrap()
        });
        (ta.join().unwrap(), tb.join().unwrap())
    });
    // Whichever thread came first was answered; the other was refused.
    assert!(published(&ra) != published(&rb), "{ra:?} {rb:?}");
    assert!(refused(&ra) || refused(&rb));
}
