//! Cross-domain comparisons remember what they released: on random small organisations
//! and random sequences of groups (many of them near copies of earlier ones), no two
//! released groups — nor a released group and another's published rest — differ by
//! more than zero and fewer than the minimum group size in any population.

mod support;

use chrono::NaiveDate;
use proptest::prelude::*;
use remit_core::privacy::MinGroupSize;
use remit_core::{Audit, Employee, EmployeeGroup, EmployeeId, WorkMode};
use remit_wellbeing::individual::{Individuals, SurveyResults};
use remit_wellbeing::report::{CohortReport, ReportConfig};
use remit_wellbeing::risk::WeightedRiskModel;
use remit_wellbeing::signals::{Signal, SignalPanel, WeekSignals};
use support::tree_member;

const MAX: usize = 40;

/// Per person: work mode, has signals, survey (WHO-5, CBI work-related).
type Person = (usize, bool, Option<(f32, f32)>);

fn person() -> impl Strategy<Value = Person> {
    (
        0usize..3,
        prop::bool::weighted(0.85),
        prop::option::weighted(0.75, (0.0f32..=100.0, 0.0f32..=100.0)),
    )
}

/// A group step: a fresh random group, or the previous group with a few people toggled.
type Step = (bool, Vec<bool>, Vec<usize>);

fn step() -> impl Strategy<Value = Step> {
    (
        prop::bool::weighted(0.35),
        prop::collection::vec(any::<bool>(), MAX),
        prop::collection::vec(0usize..MAX, 0..4),
    )
}

fn build(people: &[Person], fanout: usize, min: u32) -> (Vec<EmployeeId>, CohortReport) {
    let ids: Vec<EmployeeId> = (0..people.len())
        .map(|i| EmployeeId::from_external(&format!("E-{i}")))
        .collect();
    let roster: Vec<Employee> = people
        .iter()
        .enumerate()
        .map(|(i, &(mode, _, _))| {
            let berlin = ("DE", chrono_tz::Europe::Berlin);
            tree_member(&ids, i, fanout, WorkMode::ALL[mode], berlin, "Support")
        })
        .collect();
    let mut panel = SignalPanel::new(4).unwrap();
    let mut surveys = SurveyResults::new();
    for (i, &(_, signals, survey)) in people.iter().enumerate() {
        if signals {
            let w = WeekSignals::zero()
                .with(Signal::AfterHoursHours, (i % 7) as f32)
                .unwrap()
                .with(Signal::CollaborationHours, 15.0)
                .unwrap();
            panel.push(ids[i], &[w; 4]).unwrap();
        }
        if let Some((w, c)) = survey {
            surveys.push(ids[i], Some(w), Some(c)).unwrap();
        }
    }
    let individuals =
        Individuals::assess(&roster, &panel, &surveys, &WeightedRiskModel::default()).unwrap();
    let config = ReportConfig::new(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
        .with_min_group(MinGroupSize::new(min).unwrap());
    (
        ids,
        CohortReport::build(&roster, &individuals, &config).unwrap(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn released_groups_never_differ_by_fewer_than_the_minimum(
        people in prop::collection::vec(person(), 1..MAX),
        fanout in 2usize..12,
        min in 3u32..7,
        steps in prop::collection::vec(step(), 1..12),
    ) {
        let n = people.len();
        let (ids, report) = build(&people, fanout, min);
        let pops = |i: usize| [true, people[i].1, people[i].2.is_some()];
        let totals: [u32; 3] =
            std::array::from_fn(|p| (0..n).filter(|&i| pops(i)[p]).count() as u32);
        let mut current = vec![false; n];
        let mut released: Vec<Vec<bool>> = Vec::new();
        for (k, (fresh, mask, flips)) in steps.iter().enumerate() {
            if *fresh || k == 0 {
                current.copy_from_slice(&mask[..n]);
            }
            for &f in flips {
                if let Some(slot) = current.get_mut(f) {
                    *slot = !*slot;
                }
            }
            let members: Vec<EmployeeId> =
                (0..n).filter(|&i| current[i]).map(|i| ids[i]).collect();
            let group = EmployeeGroup::new(format!("test.g{k}"), "random", members);
            let answer = report.compare_group(&group, &mut remit_core::disclosure::Disclosure::new(remit_core::disclosure::DisclosurePolicy::default())).unwrap();
            let any_published = answer.iter().any(|c| {
                c.in_group().published().is_some() || c.in_group_n().published().is_some()
            });
            if any_published {
                released.push(current.clone());
            }
        }
        let small = |d: u32| d > 0 && d < min;
        for (x, a) in released.iter().enumerate() {
            for b in &released[x + 1..] {
                for (p, &total) in totals.iter().enumerate() {
                    let diff = (0..n).filter(|&i| pops(i)[p] && a[i] != b[i]).count() as u32;
                    prop_assert!(
                        !small(diff) && !small(total - diff),
                        "population {p}: released groups differ by {diff} of {total}"
                    );
                }
            }
        }
    }

    #[test]
    fn asking_twice_gives_the_same_answer(
        people in prop::collection::vec(person(), 1..MAX),
        fanout in 2usize..12,
        steps in prop::collection::vec(step(), 1..8),
    ) {
        let n = people.len();
        let (ids, report) = build(&people, fanout, 5);
        let groups: Vec<EmployeeGroup> = steps
            .iter()
            .enumerate()
            .map(|(k, (_, mask, _))| {
                EmployeeGroup::new(
                    format!("test.g{k}"),
                    "random",
                    (0..n).filter(|&i| mask[i]).map(|i| ids[i]).collect(),
                )
            })
            .collect();
        let first: Vec<_> = groups.iter().map(|g| report.compare_group(g, &mut remit_core::disclosure::Disclosure::new(remit_core::disclosure::DisclosurePolicy::default())).unwrap()).collect();
        for (g, answer) in groups.iter().zip(&first) {
            prop_assert_eq!(&report.compare_group(g, &mut remit_core::disclosure::Disclosure::new(remit_core::disclosure::DisclosurePolicy::default())).unwrap(), answer);
        }
    }
}
