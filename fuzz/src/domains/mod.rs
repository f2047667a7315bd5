//! One module per domain: each builds the domain's inputs from arbitrary data through
//! the domain's public constructors (`build`), runs the domain's entry point on them
//! (`run`), and hands the report to [`exercise`].
//!
//! Every entry point has the shared shape `remit_<domain>::audit(&Inputs, &Config, &mut
//! Disclosure)` (issue 16); the disclosure engine is built from [`policy`].

pub mod assets;
pub mod benefits;
pub mod collab_tools;
pub mod promotion;
pub mod wellbeing;

use arbitrary::{Result, Unstructured};
use remit::Scorecard;
use remit_core::disclosure::{Disclosure, DisclosurePolicy, MinGroupSize};
use remit_core::{Audit, health_of};

/// The disclosure policy of one run: the default, with a drawn minimum group size (1 to
/// 12) half of the time; `None` when `MinGroupSize::new` refuses the size.
pub fn policy(u: &mut Unstructured<'_>) -> Result<Option<DisclosurePolicy>> {
    let policy = DisclosurePolicy::default();
    if !u.arbitrary::<bool>()? {
        return Ok(Some(policy));
    }
    Ok(MinGroupSize::new(u.int_in_range(1..=12)?)
        .ok()
        .map(|min| policy.with_min_group(min)))
}

/// Everything a caller does with a report: its health, findings, charts and groups,
/// each group compared by the report itself, then a scorecard of it rendered in every
/// format and serialised. None of it may panic.
///
/// Invariants checked: a score is at most 100; every finding's domain is the report's.
pub fn exercise(audit: &dyn Audit) {
    let health = health_of(audit);
    if let Some(score) = health.score() {
        assert!(score <= 100, "health above 100: {score}");
    }
    for finding in audit.findings() {
        assert_eq!(
            finding.domain(),
            audit.domain(),
            "finding filed under another domain"
        );
    }
    let _ = audit.charts();
    let mut disclosure = Disclosure::new(DisclosurePolicy::default());
    for group in audit.groups() {
        let _ = audit.compare_group(&group, &mut disclosure);
    }
    if let Ok(card) = Scorecard::from_audits(&[audit], &mut disclosure) {
        let _ = remit::render::text(&card);
        let _ = remit::render::markdown(&card);
        let _ = remit::render::html(&card);
        let _ = serde_json::to_string(&card);
    }
}
