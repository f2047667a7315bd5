//! The insider of issue 13 against the promotion audit: someone who reads every figure
//! the report publishes (and every group comparison, refusals included) and knows who
//! is in which work mode, level and gender.
//!
//! - On many random small organisations (20–200 people, remit-synth), nothing a reader
//!   can compute from the released groups describes fewer than `k` people (exact linear
//!   algebra, `smallest_computable_set`), and the same suite finds a leak when the engine
//!   is switched to the leaky minimum-only rule (so the suite can fail).
//! - Every head-count the report publishes is the size of a group the engine released.
//! - The attack families that concern promotions: nested cuts (a work mode minus its
//!   published level cells), the rest of a group, union minus one, next week's rerun
//!   after one joiner, and the refusal oracle (decisions that depend on outcomes).

mod support;

use std::collections::BTreeSet;

use remit_core::disclosure::verify::{is_computable, smallest_computable_set};
use remit_core::disclosure::{
    Disclosed, Disclosure, DisclosurePolicy, PopulationKey, Rule, Suppression,
};
use remit_core::{Audit, Domain, EmployeeGroup, EmployeeId, JobLevel, WorkMode};
use remit_promotion_bias::{
    Config, Inputs, POOL, PromotionReport, PromotionRow, PromotionTable, audit,
};
use remit_synth::promotion::PromotionSynthConfig;
use support::{as_of, synthetic};

const K: u32 = 5;

fn key() -> PopulationKey {
    PopulationKey::new(Domain::PromotionBias, POOL)
}

fn gender_config() -> Config {
    Config::new(as_of()).with_intersections(["gender"]).unwrap()
}

/// A small organisation's table: 20–200 people, a planted remote penalty.
fn small_org(case: u64) -> PromotionTable {
    let employees = 20 + (case * 37 % 181) as usize;
    let planted = PromotionSynthConfig::default()
        .odds_ratio(WorkMode::Remote, 0.6)
        .unwrap();
    synthetic(employees, 9_000 + case, &planted)
}

/// A deterministic pseudo-random choice of rows.
fn some_rows(table: &PromotionTable, salt: u64, one_in: u64) -> Vec<EmployeeId> {
    table
        .employees()
        .iter()
        .filter(|id| {
            let bits = id.as_uuid().as_u128() as u64 ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            bits.rotate_left((salt % 61) as u32).is_multiple_of(one_in)
        })
        .copied()
        .collect()
}

/// The report, everything the engine released (after a few group comparisons as a
/// scorecard would ask), and the engine.
fn attack(table: &PromotionTable, policy: DisclosurePolicy, case: u64) -> Disclosure {
    let mut engine = Disclosure::new(policy);
    let report = audit(&Inputs::from_table(table), &gender_config(), &mut engine).unwrap();
    for salt in 0..3 {
        let group = EmployeeGroup::new(
            "test.random",
            "random",
            some_rows(table, case * 3 + salt, 3),
        );
        report.compare_group(&group, &mut engine).unwrap();
    }
    engine
}

#[test]
fn no_combination_of_released_groups_isolates_fewer_than_k_people() {
    let mut checked = 0;
    for case in 0..120u64 {
        let table = small_org(case);
        let engine = attack(&table, DisclosurePolicy::default().with_release_log(), case);
        let released = engine.released_groups(&key()).unwrap();
        let leak = smallest_computable_set(&released, K, 50_000);
        assert!(
            leak.is_none(),
            "case {case} ({} people): {} people computable from {} released groups",
            table.len(),
            leak.map_or(0, |l| l.len()),
            released.len()
        );
        checked += usize::from(!released.is_empty());
    }
    assert!(
        checked >= 100,
        "only {checked} organisations released anything"
    );
}

#[test]
fn the_suite_finds_leaks_when_the_engine_is_switched_off() {
    let policy = DisclosurePolicy::default()
        .with_release_log()
        .with_rule(Rule::MinimumOnlyLeaky);
    let leaked = (0..120u64).any(|case| {
        let engine = attack(&small_org(case), policy, case);
        let released = engine.released_groups(&key()).unwrap();
        smallest_computable_set(&released, K, 50_000).is_some()
    });
    assert!(leaked, "the minimum-only rule leaked in no organisation");
}

/// The sizes of the groups the engine released.
fn released_sizes(engine: &Disclosure) -> BTreeSet<u64> {
    engine
        .released_groups(&key())
        .unwrap()
        .iter()
        .map(|g| g.len() as u64)
        .collect()
}

/// Every head-count the report shows (groups, comparisons, cohorts, the regression's
/// sample, findings' `affected`) is the size of a released group.
fn published_counts(report: &PromotionReport) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for g in report.groups() {
        out.push((format!("group {}", g.work_mode), g.n));
    }
    for c in report.comparisons() {
        out.push((format!("focal {}", c.work_mode), c.focal_n));
        out.push((format!("reference {}", c.reference), c.reference_n));
    }
    for cell in report.intersections() {
        if let Disclosed::Published(n) = cell.n {
            out.push((format!("cohort {} {}", cell.work_mode, cell.value), n));
        }
    }
    if let Some(Disclosed::Published(n)) = report.regression_sample() {
        out.push(("regression sample".to_owned(), n));
    }
    for f in report.findings() {
        if let Some(n) = f.affected() {
            out.push((format!("finding {}", f.code()), n));
        }
    }
    out
}

#[test]
fn every_published_head_count_is_a_released_group() {
    let mut counted = 0;
    for case in 0..60u64 {
        let table = small_org(case);
        let mut engine = Disclosure::new(DisclosurePolicy::default().with_release_log());
        let report = audit(&Inputs::from_table(&table), &gender_config(), &mut engine).unwrap();
        let sizes = released_sizes(&engine);
        for (what, n) in published_counts(&report) {
            assert!(
                sizes.contains(&n),
                "case {case}: {what} = {n} was not released"
            );
            counted += 1;
        }
        // A work-mode group's figures are about exactly its members.
        let released = engine.released_groups(&key()).unwrap();
        for g in report.groups() {
            let members: BTreeSet<EmployeeId> = (0..table.len())
                .filter(|&i| table.work_modes()[i] == g.work_mode)
                .map(|i| table.employees()[i])
                .collect();
            assert!(
                released
                    .iter()
                    .any(|r| r.iter().copied().collect::<BTreeSet<_>>() == members),
                "case {case}: the {} group was not released as itself",
                g.work_mode
            );
        }
        // Group comparisons publish sizes of released groups only.
        let group = EmployeeGroup::new("test.g", "g", some_rows(&table, case, 2));
        for c in report.compare_group(&group, &mut engine).unwrap() {
            let sizes = released_sizes(&engine);
            for n in [c.in_group_n(), c.rest_n()] {
                if let Disclosed::Published(n) = n {
                    assert!(sizes.contains(&n), "case {case}: comparison size {n}");
                }
            }
        }
    }
    assert!(counted > 300, "only {counted} head-counts checked");
}

fn row<'a>(
    i: u32,
    mode: WorkMode,
    level: u8,
    promoted: bool,
    gender: &'a [(&'a str, &'a str)],
) -> PromotionRow<'a> {
    let months_to_event = if promoted {
        1.0 + f64::from(i % 11)
    } else {
        12.0
    };
    let employee = EmployeeId::from_external(&format!("E-{i}"));
    PromotionRow::new(employee, mode, JobLevel::new(level), "Ops")
        .with_performance(f64::from(1 + i % 5))
        .and_then(|r| r.with_tenure_months(f64::from(i % 50)))
        .and_then(|r| r.with_outcome(promoted, months_to_event))
        .and_then(|r| r.with_attributes(gender))
        .unwrap()
}

/// 200 onsite people over three levels; 14 remote people: 3 at level 1, 6 at level 2,
/// 5 at level 3 (the shape of the `small_focal` fixture).
fn small_remote_group(promoted: impl Fn(u32) -> bool) -> PromotionTable {
    let mut table = PromotionTable::new();
    for i in 0..200u32 {
        let gender: &[(&str, &str)] = if i % 2 == 0 {
            &[("gender", "f")]
        } else {
            &[("gender", "m")]
        };
        table
            .push_row(row(
                i,
                WorkMode::Onsite,
                1 + (i % 3) as u8,
                promoted(i),
                gender,
            ))
            .unwrap();
    }
    for (i, level) in (200..214u32).zip([1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3]) {
        table
            .push_row(row(
                i,
                WorkMode::Remote,
                level,
                promoted(i),
                &[("gender", "f")],
            ))
            .unwrap();
    }
    table
}

fn ids(range: std::ops::Range<u32>) -> Vec<EmployeeId> {
    range
        .map(|i| EmployeeId::from_external(&format!("E-{i}")))
        .collect()
}

#[test]
fn nested_cuts_do_not_give_a_withheld_level_cell_away() {
    let table = small_remote_group(|i| i % 3 == 0);
    let mut engine = Disclosure::new(DisclosurePolicy::default().with_release_log());
    let report = audit(&Inputs::from_table(&table), &gender_config(), &mut engine).unwrap();
    // The remote group (14) is published; of its level cells only level 2 (6 people):
    // level 1 is under the minimum, and level 3 would give level 1 away as remote −
    // level 2 − level 3.
    assert_eq!(report.group(WorkMode::Remote).unwrap().n, 14);
    let s = report
        .comparison(WorkMode::Remote)
        .unwrap()
        .stratified
        .as_ref()
        .unwrap();
    assert_eq!((s.strata_used, s.strata_withheld), (1, 2));
    let released = engine.released_groups(&key()).unwrap();
    assert!(!is_computable(&released, &ids(200..203)), "remote level 1");
    assert!(!is_computable(&released, &ids(209..214)[..1]));
    assert!(smallest_computable_set(&released, K, 100_000).is_none());
    // The intersection remote × female is all 14 remote staff: published once, the same
    // group as remote itself.
    let female_remote = report
        .intersections()
        .iter()
        .find(|c| c.work_mode == WorkMode::Remote && c.value == "f")
        .unwrap();
    assert_eq!(female_remote.n, Disclosed::Published(14));
}

#[test]
fn the_rest_of_a_group_and_union_minus_one_are_refused() {
    let table = small_remote_group(|i| i % 3 == 0);
    let mut engine = Disclosure::new(DisclosurePolicy::default().with_release_log());
    let report = audit(&Inputs::from_table(&table), &gender_config(), &mut engine).unwrap();
    let x = EmployeeId::from_external("E-205"); // a remote person at level 2

    // The rest of G is the onsite group plus x: G is everyone remote but x.
    let g: Vec<EmployeeId> = ids(200..214).into_iter().filter(|&id| id != x).collect();
    let c = &report
        .compare_group(&EmployeeGroup::new("t.g", "g", g), &mut engine)
        .unwrap()[0];
    assert!(
        c.in_group().is_suppressed() && c.rest().is_suppressed(),
        "{c:?}"
    );

    // Two groups, then their union minus x.
    let g1 = ids(0..60);
    let g2 = ids(60..120);
    let mut union_minus_x: Vec<EmployeeId> = ids(0..120);
    union_minus_x.push(x);
    union_minus_x.retain(|&id| id != EmployeeId::from_external("E-7"));
    for (name, group) in [("g1", g1), ("g2", g2), ("g1+g2-x", union_minus_x)] {
        report
            .compare_group(&EmployeeGroup::new(name, name, group), &mut engine)
            .unwrap();
    }
    let released = engine.released_groups(&key()).unwrap();
    assert!(!is_computable(&released, &[x]));
    assert!(!is_computable(
        &released,
        &[EmployeeId::from_external("E-7")]
    ));
    assert!(smallest_computable_set(&released, K, 100_000).is_none());
}

#[test]
fn next_weeks_rerun_after_one_joiner_does_not_give_the_joiner_away() {
    let mut engine = Disclosure::new(DisclosurePolicy::default().with_release_log());
    let week1 = small_remote_group(|i| i % 3 == 0);
    audit(&Inputs::from_table(&week1), &gender_config(), &mut engine).unwrap();
    // The engine's state is saved and restored between runs.
    let saved = serde_json::to_string(&engine).unwrap();
    let mut engine: Disclosure = serde_json::from_str(&saved).unwrap();
    // One remote joiner, promoted.
    let mut week2 = small_remote_group(|i| i % 3 == 0);
    let joiner = row(999, WorkMode::Remote, 2, true, &[("gender", "f")]);
    week2.push_row(joiner).unwrap();
    let report = audit(&Inputs::from_table(&week2), &gender_config(), &mut engine).unwrap();
    // Remote this week is remote last week plus the joiner: withheld.
    assert!(report.group(WorkMode::Remote).is_none());
    assert_eq!(
        report.withheld_groups()[0].reason,
        Suppression::Complementary
    );
    let released = engine.released_groups(&key()).unwrap();
    assert!(!is_computable(
        &released,
        &[EmployeeId::from_external("E-999")]
    ));
    assert!(smallest_computable_set(&released, K, 100_000).is_none());
}

#[test]
fn refusals_do_not_depend_on_outcomes() {
    // The same people, two sets of outcomes: the same groups are released and the same
    // figures withheld for the same reasons.
    let decisions = |promoted: &dyn Fn(u32) -> bool| {
        let table = small_remote_group(promoted);
        let mut engine = Disclosure::new(DisclosurePolicy::default().with_release_log());
        let report = audit(&Inputs::from_table(&table), &gender_config(), &mut engine).unwrap();
        let group = EmployeeGroup::new("t.g", "g", ids(0..40));
        let compared = report.compare_group(&group, &mut engine).unwrap();
        let withheld: Vec<_> = report
            .withheld_groups()
            .iter()
            .map(|w| (w.work_mode, w.reason))
            .collect();
        let cohorts: Vec<_> = report
            .intersections()
            .iter()
            .map(|c| (c.work_mode, c.value.clone(), c.n))
            .collect();
        let strata: Vec<_> = report
            .comparisons()
            .iter()
            .filter_map(|c| c.stratified.as_ref().map(|s| s.strata_withheld))
            .collect();
        let sizes: Vec<_> = compared
            .iter()
            .map(|c| (c.in_group_n(), c.rest_n()))
            .collect();
        (
            engine.released_groups(&key()).unwrap(),
            withheld,
            cohorts,
            strata,
            sizes,
        )
    };
    let a = decisions(&|i| i % 3 == 0);
    let b = decisions(&|i| i % 7 < 4);
    assert_eq!(a, b);
}

#[test]
fn survival_curves_stop_where_fewer_than_k_remain_at_risk() {
    for case in 0..40u64 {
        let table = small_org(case);
        let report = audit(
            &Inputs::from_table(&table),
            &gender_config(),
            &mut Disclosure::new(DisclosurePolicy::default()),
        )
        .unwrap();
        for curve in report.survival_curves() {
            let (last, _) = *curve.points.last().unwrap();
            if curve.points.len() == 1 {
                continue;
            }
            // Everyone of the group still observed at the curve's last time.
            let at_risk = (0..table.len())
                .filter(|&i| {
                    table.work_modes()[i] == curve.work_mode && table.months_to_event()[i] >= last
                })
                .count();
            assert!(
                at_risk >= K as usize,
                "case {case}: {} curve ends at {last} with {at_risk} at risk",
                curve.work_mode
            );
        }
    }
}
