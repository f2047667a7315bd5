//! Review of issue 13 (the insider who reads everything and knows the org chart): the
//! regression's *structure* — how many level × country cells it absorbs, which work-mode
//! indicators it has, its residual degrees of freedom — is computed over the employees
//! with a positive benefit value, which is private. None of it goes through the
//! disclosure engine (they are counts of cells, not of people), so a person who is alone
//! in their level × country cell (public: the org chart) shows up in the published cell
//! count exactly when their benefit value is positive.
//!
//! Two organisations with the same org chart, differing only in whether employee `x`
//! (the only level-9 employee in Germany) has any benefit: everything a reader can see
//! about the model's shape must be the same, or the reader learns `x`'s benefit value
//! (zero or not) from the model description.

mod support;

use remit_benefits::BenefitsReport;
use remit_core::WorkMode;
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use support::{Person, audit_with, staff};

/// The org chart: a connected design with six onsite employees without any benefit (so the
/// regression's sample differs from everyone by at least the minimum either way), and
/// `x` alone at level 9 in Germany, onsite, with `x_cents` of value (negative: none).
fn organisation(x_cents: i64) -> Vec<Person> {
    let mut people = Vec::new();
    staff(&mut people, WorkMode::Onsite, 1, "DE", 20, 0.0);
    staff(&mut people, WorkMode::Hybrid, 1, "DE", 12, -0.05);
    staff(&mut people, WorkMode::Remote, 1, "DE", 12, -0.1);
    staff(&mut people, WorkMode::Onsite, 2, "PT", 10, 0.0);
    staff(&mut people, WorkMode::Remote, 2, "PT", 10, -0.1);
    // Six onsite people without any benefit.
    for i in 0..6 {
        people.push((WorkMode::Onsite, 1, "DE", 12 + i as u32, -1));
    }
    people.push((WorkMode::Onsite, 9, "DE", 40, x_cents));
    people
}

fn report(x_cents: i64) -> BenefitsReport {
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    audit_with(&organisation(x_cents), &mut engine)
}

/// What the model's published shape says, apart from figures that are sums over a
/// granted group.
fn shape(report: &BenefitsReport) -> Option<(usize, Vec<WorkMode>, usize)> {
    report
        .equity()
        .model()
        .map(|m| (m.cells(), m.indicators().to_vec(), m.df_resid()))
}

#[test]
fn the_regression_cell_count_does_not_reveal_whether_a_person_alone_in_a_cell_has_any_benefit() {
    let with_benefit = report(350_000);
    let without_benefit = report(-1);
    // Both models are published (the sample is granted in both worlds)...
    assert!(with_benefit.equity().model().is_some());
    assert!(without_benefit.equity().model().is_some());
    // ...and their shape must not depend on x's private value.
    assert_eq!(
        shape(&with_benefit),
        shape(&without_benefit),
        "the published cell count / indicators / df tell whether x has any benefit"
    );
}
