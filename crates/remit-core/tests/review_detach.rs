//! Review of issue 13: detach/attach must not let one domain be audited against two
//! ledgers. While a domain's populations are out in a detached engine, the engine they
//! came from used to accept a fresh registration of the same population, with an empty
//! ledger: each engine then granted a group the other never saw, and together they
//! published the total of everyone and the total of everyone but one person.

use remit_core::disclosure::{Audience, Disclosure, DisclosureError, DisclosurePolicy};
use remit_core::{Domain, EmployeeId};

fn people(n: usize) -> Vec<EmployeeId> {
    (0..n)
        .map(|i| EmployeeId::from_external(&format!("E-{i}")))
        .collect()
}

#[test]
fn a_detached_domain_cannot_be_registered_afresh_in_the_engine_it_left() {
    let ids = people(12);
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let mut part = engine.detach(Domain::Wellbeing);
    let in_part = part
        .register(Domain::Wellbeing, "members", ids.iter().copied())
        .unwrap();
    let everyone: Vec<u32> = (0..12).collect();
    assert!(
        part.release(&in_part, &everyone, Audience::General)
            .unwrap()
            .is_granted()
    );
    // The same population in the engine it was detached from: a second ledger, which
    // would grant everyone but person 0 (their value = the two totals' difference).
    let err = engine
        .register(Domain::Wellbeing, "members", ids.iter().copied())
        .unwrap_err();
    assert!(
        matches!(&err, DisclosureError::Detached { population } if population == "wellbeing/members"),
        "{err:?}"
    );
    // Detaching the domain again gives an engine that refuses it too.
    let mut again = engine.detach(Domain::Wellbeing);
    assert!(matches!(
        again.register(Domain::Wellbeing, "members", ids.iter().copied()),
        Err(DisclosureError::Detached { .. })
    ));
    // Other domains are unaffected, and attaching the part lifts the refusal: the
    // population comes back with its ledger, which refuses everyone but one.
    engine
        .register(Domain::Assets, "staff", ids.iter().copied())
        .unwrap();
    engine.attach(part).unwrap();
    let back = engine
        .register(Domain::Wellbeing, "members", ids.iter().copied())
        .unwrap();
    assert!(
        !engine
            .release(&back, &everyone[1..], Audience::General)
            .unwrap()
            .is_granted()
    );
}

#[cfg(feature = "serde")]
#[test]
fn an_engine_with_a_detached_domain_is_not_saved_without_it() {
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    engine
        .register(Domain::Wellbeing, "members", people(12))
        .unwrap();
    let part = engine.detach(Domain::Wellbeing);
    let err = serde_json::to_string(&engine).unwrap_err();
    assert!(
        err.to_string()
            .contains("the wellbeing populations are detached"),
        "{err}"
    );
    engine.attach(part).unwrap();
    assert!(serde_json::to_string(&engine).is_ok());
}
