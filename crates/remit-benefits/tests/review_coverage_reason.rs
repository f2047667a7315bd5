//! Review of issue 13: the "not measured" reason of a benefits report must not describe
//! a group under the minimum. With three employees (below the minimum of five, so every
//! figure about them is withheld) the reason used to say "no employee receives any
//! benefit" when none of the three had a benefit — each one's benefit value, zero —
//! before checking that the group itself is withheld.

mod support;

use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_core::{Audit, Coverage, WorkMode};
use support::{Person, audit_with};

fn three(cents: i64) -> Vec<Person> {
    vec![
        (WorkMode::Onsite, 1, "DE", 10, cents),
        (WorkMode::Remote, 1, "DE", 20, cents),
        (WorkMode::Hybrid, 1, "DE", 30, cents),
    ]
}

fn reason(cents: i64) -> String {
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    match audit_with(&three(cents), &mut engine).coverage() {
        Coverage::NotMeasured { reason } => reason.clone(),
        other => panic!("three people cannot be measured: {other:?}"),
    }
}

#[test]
fn the_not_measured_reason_of_a_withheld_group_does_not_say_whether_anyone_has_a_benefit() {
    let without = reason(-1);
    let with = reason(300_000);
    assert_eq!(
        without, with,
        "the reason tells whether the three people have any benefit"
    );
    assert!(with.contains("withheld"), "{with}");
}
