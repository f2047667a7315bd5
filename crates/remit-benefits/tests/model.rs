//! The equity report names the model it fitted, and the model follows the documented
//! rule (`docs/methodology/benefits.md`, "Which model is fitted"): every work mode
//! keeps its own indicator however small, gaps are identified through the cells
//! connected to onsite staff (directly or through the other mode), and employees outside
//! that connected set are left out and counted.
//!
//! These tests are about the model, so they audit through an engine that publishes
//! every non-empty group (minimum group size 1); `privacy.rs` tests what the default
//! engine withholds.

mod support;

use remit_benefits::{Comparison, EquityAnalysis, GapEstimate, codes};
use remit_core::disclosure::Disclosed;
use remit_core::{Audit, WorkMode};
use support::{Person, audit_all, staff};

fn analyse(people: &[Person]) -> EquityAnalysis {
    audit_all(people).equity().clone()
}

fn estimated(analysis: &EquityAnalysis, mode: WorkMode) -> remit_benefits::AdjustedGap {
    match analysis.gap(mode).unwrap().adjusted() {
        GapEstimate::Estimated(g) => *g,
        other => panic!("{mode} not estimated: {other:?}"),
    }
}

/// Onsite and remote staff in three cells, remote staff 10% below.
fn onsite_and_remote() -> Vec<Person> {
    let mut people = Vec::new();
    for (level, country) in [(1, "DE"), (2, "DE"), (1, "FR")] {
        staff(&mut people, WorkMode::Onsite, level, country, 20, 0.0);
        staff(&mut people, WorkMode::Remote, level, country, 15, -0.10);
    }
    people
}

#[test]
fn a_few_hybrid_staff_keep_their_own_indicator_instead_of_joining_the_reference_group() {
    let mut people = onsite_and_remote();
    // Three hybrid employees valued 30% below their onsite colleagues.
    for (level, country) in [(1, "DE"), (2, "DE"), (1, "FR")] {
        staff(&mut people, WorkMode::Hybrid, level, country, 1, -0.30);
    }
    // Even cents, so halving below is exact.
    for p in people.iter_mut().filter(|p| p.0 == WorkMode::Hybrid) {
        p.4 &= !1;
    }
    let analysis = analyse(&people);
    let model = analysis.model().expect("a model is fitted");
    assert_eq!(model.indicators(), &[WorkMode::Hybrid, WorkMode::Remote]);
    assert_eq!(model.reference(), WorkMode::Onsite);
    assert_eq!(model.nobs(), people.len() as u64);
    // Three hybrid employees: under the 30/5 rule's 5, so not reported (and no raw
    // counts are carried with the verdict).
    assert_eq!(
        analysis.gap(WorkMode::Hybrid).unwrap().adjusted(),
        &GapEstimate::TooSmall
    );
    let remote = estimated(&analysis, WorkMode::Remote);

    // With their own indicator, the hybrid staff's level cannot move the remote gap:
    // halving their values changes only the (unreported) hybrid coefficient. Pooled into
    // the onsite reference group, they would drag the reference down with them.
    for p in people.iter_mut().filter(|p| p.0 == WorkMode::Hybrid) {
        p.4 /= 2;
    }
    let halved = estimated(&analyse(&people), WorkMode::Remote);
    assert!(
        (halved.coefficient() - remote.coefficient()).abs() < 1e-12,
        "{} vs {}",
        halved.coefficient(),
        remote.coefficient()
    );
    assert_eq!(remote.comparison(), Comparison::Direct);
}

/// Onsite and hybrid staff share the German cells, hybrid and remote staff the
/// Portuguese ones; no cell holds onsite and remote staff together.
fn chain(remote_effect: f64) -> Vec<Person> {
    let mut people = Vec::new();
    for level in [1, 2] {
        staff(&mut people, WorkMode::Onsite, level, "DE", 25, 0.0);
        staff(&mut people, WorkMode::Hybrid, level, "DE", 15, -0.05);
        staff(&mut people, WorkMode::Hybrid, level, "PT", 15, -0.05);
        staff(
            &mut people,
            WorkMode::Remote,
            level,
            "PT",
            20,
            remote_effect,
        );
    }
    people
}

#[test]
fn remote_staff_linked_to_onsite_staff_only_through_hybrid_staff_are_estimated_and_said_so() {
    let people = chain(-0.20);
    let analysis = analyse(&people);
    let hybrid = estimated(&analysis, WorkMode::Hybrid);
    let remote = estimated(&analysis, WorkMode::Remote);
    assert_eq!(hybrid.comparison(), Comparison::Direct);
    assert_eq!(
        remote.comparison(),
        Comparison::Indirect {
            via: WorkMode::Hybrid
        }
    );
    // The planted −20% is recovered through the chain (noise ±5%).
    assert!((remote.gap() + 0.20).abs() < 0.02, "{}", remote.gap());
    let model = analysis.model().unwrap();
    assert_eq!(model.cells(), 4);
    assert_eq!(model.outside_connected_set(), None);

    // The report prints the model and says the comparison went through hybrid staff.
    let audit = audit_all(&people);
    let finding = audit
        .findings()
        .iter()
        .find(|f| {
            f.code() == &codes::ADJUSTED_GAP
                && f.cohort().get("work_mode") == Some(WorkMode::Remote.as_str())
        })
        .expect("the remote shortfall is flagged");
    let detail = finding.detail();
    assert!(detail.contains(&model.describe()), "{detail}");
    assert!(
        detail.contains("through the cells they share with hybrid staff"),
        "{detail}"
    );
}

#[test]
fn remote_staff_alone_in_their_cells_are_not_identified_and_left_out_of_the_fit() {
    let mut people = Vec::new();
    for (level, country) in [(1, "DE"), (2, "DE"), (1, "FR")] {
        staff(&mut people, WorkMode::Onsite, level, country, 20, 0.0);
        staff(&mut people, WorkMode::Hybrid, level, country, 12, -0.07);
    }
    let inside = people.clone();
    staff(&mut people, WorkMode::Remote, 1, "PT", 9, -0.2);
    staff(&mut people, WorkMode::Remote, 2, "PT", 8, -0.2);
    let analysis = analyse(&people);
    assert_eq!(
        analysis.gap(WorkMode::Remote).unwrap().adjusted(),
        &GapEstimate::NotIdentified
    );
    let model = analysis.model().unwrap();
    assert_eq!(model.indicators(), &[WorkMode::Hybrid]);
    assert_eq!(
        model.outside_connected_set(),
        Some(Disclosed::Published(17))
    );
    assert_eq!(model.nobs(), inside.len() as u64);
    // The hybrid gap is the one fitted on the connected cells alone.
    let alone = estimated(&analyse(&inside), WorkMode::Hybrid);
    let hybrid = estimated(&analysis, WorkMode::Hybrid);
    assert!((hybrid.coefficient() - alone.coefficient()).abs() < 1e-12);
    assert!((hybrid.std_error() - alone.std_error()).abs() < 1e-12);
}

#[test]
fn hybrid_and_remote_staff_who_share_cells_only_with_each_other_are_both_not_identified() {
    let mut people = Vec::new();
    for level in [1, 2] {
        staff(&mut people, WorkMode::Onsite, level, "DE", 25, 0.0);
        staff(&mut people, WorkMode::Hybrid, level, "PT", 15, -0.05);
        staff(&mut people, WorkMode::Remote, level, "PT", 15, -0.15);
    }
    let analysis = analyse(&people);
    for mode in [WorkMode::Hybrid, WorkMode::Remote] {
        assert_eq!(
            analysis.gap(mode).unwrap().adjusted(),
            &GapEstimate::NotIdentified,
            "{mode}"
        );
    }
    // Nothing to estimate, so no model was fitted.
    assert_eq!(analysis.model(), None);
}
