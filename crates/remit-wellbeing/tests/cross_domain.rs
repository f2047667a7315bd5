//! The cross-domain parts of the wellbeing `Audit`: the risk-index bands by work mode as
//! a stacked bar chart, and another domain's group compared through the disclosure
//! engine the report was built with.

mod support;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use remit_core::chart::ChartKind;
use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy, NoisePolicy, Suppression};
use remit_core::{
    Audit, Cohort, CountryCode, Department, Employee, EmployeeGroup, EmployeeId, GroupComparison,
    JobLevel, Roster, WorkMode,
};
use remit_wellbeing::{
    Dimension, RiskBand, Signal, SignalPanel, SurveyResults, WeekSignals, WellbeingReport,
};
use support::tree_member;

const N: usize = 600;
const FANOUT: usize = 6;

fn id(i: usize) -> EmployeeId {
    EmployeeId::from_external(&format!("E-{i}"))
}

/// `N` employees, a third per work mode, managers in a tree of fan-out 6; everyone
/// answers the survey. Members of `planted` report high CBI burnout (75) and low WHO-5
/// (32); others draw CBI around 30 (10–70) and WHO-5 around 60.
fn report(planted: &[usize], engine: &mut Disclosure) -> (Vec<EmployeeId>, WellbeingReport) {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let ids: Vec<EmployeeId> = (0..N).map(id).collect();
    let roster = Roster::new(
        (0..N)
            .map(|i| {
                let berlin = ("DE", chrono_tz::Europe::Berlin);
                tree_member(&ids, i, FANOUT, WorkMode::ALL[i % 3], berlin, "Support")
            })
            .collect(),
    )
    .unwrap();
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
    let report = support::audit_with(&roster, &surveys, &panel, engine).unwrap();
    (ids, report)
}

fn cbi(c: &[GroupComparison]) -> &GroupComparison {
    c.iter()
        .find(|c| c.metric() == "share with high CBI work-related burnout")
        .expect("CBI comparison")
}

fn group_of(key: &str, ids: &[EmployeeId], rows: impl IntoIterator<Item = usize>) -> EmployeeGroup {
    EmployeeGroup::new(key, key, rows.into_iter().map(|i| ids[i]).collect())
}

#[test]
fn a_planted_high_burnout_group_is_recovered_with_a_small_p() {
    let planted: Vec<usize> = (0..N).filter(|i| i % 10 == 3).collect(); // 60 people
    let mut engine = support::engine();
    let (ids, report) = report(&planted, &mut engine);
    let group = group_of("test.planted", &ids, planted.iter().copied());
    let comparisons = report.compare_group(&group, &mut engine).unwrap();
    let metrics: Vec<&str> = comparisons.iter().map(GroupComparison::metric).collect();
    assert_eq!(
        metrics,
        [
            "share with high CBI work-related burnout",
            "share in the high band of the burnout-risk index",
            "mean WHO-5 wellbeing score"
        ]
    );
    let b = cbi(&comparisons);
    assert_eq!(b.in_group(), Disclosed::Published(1.0));
    let rest = b.rest().published().unwrap();
    assert!(rest > 0.2 && rest < 0.5, "rest {rest}");
    assert_eq!(b.in_group_n(), Disclosed::Published(60));
    assert_eq!(b.rest_n(), Disclosed::Published(540));
    assert!(b.p_value().unwrap() < 1e-6, "{:?}", b.p_value());
    let who5 = &comparisons[2];
    assert!((who5.in_group().published().unwrap() - 32.0).abs() < 1e-4);
    assert!(who5.rest().published().unwrap() > 50.0);
    assert_eq!(who5.p_value(), None);
}

#[test]
fn a_random_group_is_not_significant() {
    let mut engine = support::engine();
    let (ids, report) = report(&[], &mut engine);
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let members: Vec<EmployeeId> = ids
        .iter()
        .copied()
        .filter(|_| rng.random_bool(0.2))
        .collect();
    let group = EmployeeGroup::new("test.random", "a random fifth", members);
    let comparisons = report.compare_group(&group, &mut engine).unwrap();
    let b = cbi(&comparisons);
    assert!(b.in_group().published().is_some() && b.rest().published().is_some());
    assert!(b.p_value().unwrap() > 0.05, "{:?}", b.p_value());
}

#[test]
fn a_group_under_the_minimum_is_suppressed_and_so_is_its_rest() {
    let mut engine = support::engine();
    let (ids, report) = report(&[], &mut engine);
    // Four people with different managers: under the minimum of 5.
    let group = group_of("test.small", &ids, [100, 200, 300, 400]);
    let comparisons = report.compare_group(&group, &mut engine).unwrap();
    assert_eq!(comparisons.len(), 3);
    for c in comparisons {
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
    // Everyone but four: everyone was published, so the group isolates the four.
    let group = group_of("test.big", &ids, 4..N);
    for c in report.compare_group(&group, &mut engine).unwrap() {
        assert_eq!(
            c.in_group(),
            Disclosed::Suppressed(Suppression::Complementary)
        );
        assert!(c.rest().is_suppressed());
    }
    // Nobody in the report: nothing to say.
    let group = EmployeeGroup::new("test.none", "outsiders", vec![id(N + 1)]);
    assert!(
        report
            .compare_group(&group, &mut engine)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn one_managers_team_needs_the_manager_facing_minimum() {
    let mut engine = support::engine();
    let (ids, report) = report(&[], &mut engine);
    // The six direct reports of employee 10 (rows 61..=66): 6 ≥ 5 but < 10.
    let team = group_of("test.team", &ids, 61..=66);
    let comparisons = report.compare_group(&team, &mut engine).unwrap();
    assert_eq!(comparisons.len(), 3);
    assert!(
        comparisons
            .iter()
            .all(|c| c.in_group() == Disclosed::Suppressed(Suppression::BelowMinimum))
    );
    // Six people under six different managers pass the general minimum.
    let spread = group_of("test.spread", &ids, [61, 130, 202, 271, 343, 412]);
    assert!(
        report
            .compare_group(&spread, &mut engine)
            .unwrap()
            .iter()
            .all(|c| c.in_group().published().is_some())
    );
}

#[test]
fn a_group_two_people_short_of_a_published_cohort_is_refused() {
    let mut engine = support::engine();
    let (ids, report) = report(&[], &mut engine);
    let remote = Cohort::all().with("work_mode", WorkMode::Remote);
    assert!(
        report
            .row(Dimension::WorkMode, &remote)
            .and_then(|r| r.stats().published_survey())
            .is_some()
    );
    // Remote staff (rows 2, 5, 8, ...) but two: remote minus the group is 2 people.
    let group = group_of(
        "test.near-remote",
        &ids,
        (0..N).filter(|i| i % 3 == 2).skip(2),
    );
    for c in report.compare_group(&group, &mut engine).unwrap() {
        assert_eq!(
            c.in_group(),
            Disclosed::Suppressed(Suppression::Complementary)
        );
        assert!(c.rest().is_suppressed());
    }
}

#[test]
fn with_noise_a_refused_group_is_answered_noisily_the_same_every_time() {
    let planted: Vec<usize> = (0..N).filter(|i| i % 10 == 3).collect();
    let noise = NoisePolicy::new(1.0, 10.0, 0x005e_ed0f_7e57).unwrap();
    let mut engine = Disclosure::new(DisclosurePolicy::default().with_noise(noise));
    let (ids, report) = report(&planted, &mut engine);
    // The planted group plus a near copy: the copy is refused exactly, so answered
    // with noise.
    let first = group_of("test.planted", &ids, planted.iter().copied());
    assert!(
        cbi(&report.compare_group(&first, &mut engine).unwrap())
            .noise_scale()
            .is_none()
    );
    let copy = group_of(
        "test.planted-and-one",
        &ids,
        planted.iter().copied().chain([5]),
    );
    let a = report.compare_group(&copy, &mut engine).unwrap();
    let spent = engine.noise_spent();
    let b = report.compare_group(&copy, &mut engine).unwrap();
    assert_eq!(a, b, "the same group gets the same answer");
    assert_eq!(engine.noise_spent(), spent, "asking again costs nothing");
    let noisy = cbi(&a);
    assert!(noisy.noise_scale().is_some());
    assert!(noisy.p_value().is_none(), "no p-value for noisy figures");
    assert!(noisy.in_group().published().is_some());
}

#[test]
fn risk_index_bands_by_work_mode_stack_to_one() {
    let planted: Vec<usize> = (0..N).filter(|i| i % 10 == 3).collect();
    let (_, report) = report(&planted, &mut support::engine());
    let charts = report.charts();
    assert_eq!(charts.len(), 1);
    let chart = &charts[0];
    assert_eq!(chart.kind(), ChartKind::StackedBar);
    assert_eq!(chart.key(), remit_wellbeing::RISK_BANDS_CHART);
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
        .row(
            Dimension::WorkMode,
            &Cohort::all().with("work_mode", WorkMode::Onsite),
        )
        .and_then(|r| r.stats().published_behaviour())
        .unwrap();
    assert_eq!(
        chart.series()[2].points()[0].y(),
        onsite.risk_share(RiskBand::High)
    );
    // Wellbeing offers no groups: its data is health data.
    assert!(report.groups().is_empty());
}

#[test]
fn a_small_work_mode_is_left_out_of_the_chart() {
    // Two remote employees: their behavioural figures are withheld.
    let ids: Vec<EmployeeId> = (0..40).map(id).collect();
    let roster = Roster::new(
        (0..40)
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
                    .hired_on(chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap())
                    .build()
                    .unwrap()
            })
            .collect(),
    )
    .unwrap();
    let mut panel = SignalPanel::new(4).unwrap();
    for &e in &ids {
        panel.push(e, &[WeekSignals::zero(); 4]).unwrap();
    }
    let report = support::audit_with(
        &roster,
        &SurveyResults::new(),
        &panel,
        &mut support::engine(),
    )
    .unwrap();
    let labels: Vec<&str> = report.charts()[0].series()[0]
        .points()
        .iter()
        .map(|p| p.label())
        .collect();
    assert!(labels.contains(&"onsite"), "{labels:?}");
    assert!(!labels.contains(&"remote"), "{labels:?}");
}
