//! The flagship audit against the synthetic organisation's ground truth: every planted
//! problem appears as a finding, and nothing that was not planted is flagged high or
//! critical.

use remit_core::Severity;
use remit_examples::audit::run_synthetic;

#[test]
fn scorecard_finds_every_planted_problem_and_invents_none() {
    let audit = run_synthetic(6_000, 42, 2, &|_| {}).expect("the audit runs");
    let card = audit.scorecard().expect("a scorecard");
    let codes: Vec<&str> = card.findings().iter().map(|f| f.code().as_str()).collect();
    assert!(audit.planted.len() >= 10);
    for planted in &audit.planted {
        assert!(
            planted.codes.iter().any(|c| codes.contains(c)),
            "planted problem not reported: {} (expected one of {:?}; got {codes:?})",
            planted.description,
            planted.codes
        );
    }
    let planted_codes: Vec<&str> = audit
        .planted
        .iter()
        .flat_map(|p| p.codes.iter().copied())
        .collect();
    for f in card.findings() {
        if f.severity() >= Severity::High {
            assert!(
                planted_codes.contains(&f.code().as_str()),
                "high-severity finding that was not planted: {} — {}",
                f.code(),
                f.title()
            );
        }
    }
    assert!(
        card.overall() < 90,
        "a troubled organisation must not look healthy"
    );
}

#[test]
fn the_scorecard_does_not_depend_on_the_number_of_workers() {
    let render = |workers| {
        let audit = run_synthetic(1_500, 7, workers, &|_| {}).expect("the audit runs");
        remit::render::markdown(&audit.scorecard().expect("a scorecard"))
    };
    assert_eq!(render(1), render(3));
}
