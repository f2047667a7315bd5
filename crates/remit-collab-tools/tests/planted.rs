//! Planted effects from remit-synth are recovered; without them nothing is invented.

use chrono::Days;
use remit_collab_tools::audit::{Action, AuditConfig, ToolAudit};
use remit_collab_tools::inventory::Capability;
use remit_collab_tools::overlap::{OverlapConfig, OverlapPlanner};
use remit_collab_tools::rubric::DefaultRubric;
use remit_core::{Audit, Period};
use remit_synth::collab_tools::{CollabSynthConfig, collab_data};
use remit_synth::{Organisation, SynthConfig, generate};

fn org() -> Organisation {
    generate(&SynthConfig::new(3_000, 11)).unwrap()
}

fn run(
    org: &Organisation,
    config: &CollabSynthConfig,
) -> (ToolAudit, remit_synth::collab_tools::CollabData) {
    let data = collab_data(org, config).unwrap();
    let start = org.as_of();
    let period = Period::new(start, start.checked_add_days(Days::new(91)).unwrap()).unwrap();
    let mut planner = OverlapPlanner::new(period, OverlapConfig::default()).unwrap();
    let overlaps = planner.overlap_all(data.teams());
    let audit = ToolAudit::run(
        data.inventory(),
        &DefaultRubric,
        data.teams(),
        &overlaps,
        org.as_of(),
        &AuditConfig::default(),
    )
    .unwrap();
    (audit, data)
}

#[test]
fn duplicated_chat_is_found_as_sprawl_with_its_savings() {
    let org = org();
    let (audit, data) = run(
        &org,
        &CollabSynthConfig::default().duplicate_chat(0.25).unwrap(),
    );
    let truth = data.truth();
    let dup = truth.duplicate_chat().unwrap();
    assert_eq!(audit.sprawl().len(), 1);
    let cluster = &audit.sprawl()[0];
    assert_eq!(cluster.target(), truth.main_chat());
    assert_eq!(cluster.candidates(), &[dup]);
    assert_eq!(
        cluster.users_in_two_or_more(),
        truth.duplicate_chat_users_in_both()
    );
    assert!(truth.duplicate_chat_users_in_both() > 100);
    assert_eq!(cluster.annual_savings(), truth.duplicate_chat_savings());
    assert_eq!(
        audit.recommendation(dup).unwrap().action(),
        Action::Deprecate
    );
    assert!(
        audit
            .findings()
            .iter()
            .any(|f| f.code().as_str() == "TOOLS-SPRAWL")
    );
}

#[test]
fn a_tool_without_sso_is_flagged() {
    let org = org();
    let (audit, data) = run(&org, &CollabSynthConfig::default().shadow_tool(true));
    let shadow = data.truth().shadow_tool().unwrap();
    assert_eq!(audit.security_gaps().len(), 1);
    let gap = &audit.security_gaps()[0];
    assert_eq!(gap.tool(), shadow);
    for c in Capability::SECURITY_CONTROLS {
        assert!(gap.missing().contains(c));
    }
    let no_sso = audit
        .findings()
        .into_iter()
        .filter(|f| f.code().as_str() == "TOOLS-NO-SSO")
        .count();
    assert_eq!(no_sso, 1);
}

#[test]
fn a_team_spread_over_twelve_hours_is_told_to_go_async_first() {
    let org = org();
    let (audit, data) = run(&org, &CollabSynthConfig::default().far_team(true));
    let far = data.truth().far_team().unwrap();
    let callout = audit
        .async_first()
        .iter()
        .find(|c| c.team() == far)
        .unwrap();
    assert!(callout.typical_minutes() < 120);
    // The team's members hold seats in the synchronous video tool.
    assert!(!callout.sync_heavy_tools().is_empty());
    assert!(audit.findings().iter().any(|f| {
        f.code().as_str() == "TOOLS-ASYNC-FIRST"
            && f.cohort().get("team") == Some(&far.to_string()[..])
    }));
}

#[test]
fn without_plants_nothing_is_invented() {
    let org = org();
    let (audit, data) = run(&org, &CollabSynthConfig::default());
    assert!(audit.sprawl().is_empty());
    assert!(audit.security_gaps().is_empty());
    assert!(data.truth().far_team().is_none());
    let codes: Vec<String> = audit
        .findings()
        .iter()
        .map(|f| f.code().to_string())
        .collect();
    assert!(
        !codes
            .iter()
            .any(|c| c == "TOOLS-SPRAWL" || c.starts_with("TOOLS-NO-"))
    );
    // Licence waste matches the generated inactive seats (plus the spare seats).
    for w in audit.licence_waste() {
        let planted = data
            .truth()
            .inactive_seats()
            .iter()
            .find(|(t, _)| *t == w.tool())
            .map(|(_, n)| *n)
            .unwrap();
        assert_eq!(w.inactive_seats(), planted);
    }
}
