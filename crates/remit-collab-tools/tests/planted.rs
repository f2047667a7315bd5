//! Planted effects from remit-synth are recovered; without them nothing is invented.

use remit_collab_tools::{Action, Capability, Config, Inputs, ToolsReport, audit};
use remit_core::Audit;
use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy};
use remit_synth::collab_tools::{CollabSynthConfig, collab_data};
use remit_synth::{Organisation, SynthConfig, generate};

fn org() -> Organisation {
    generate(&SynthConfig::new(3_000, 11)).unwrap()
}

fn run(
    org: &Organisation,
    config: &CollabSynthConfig,
) -> (ToolsReport, remit_synth::collab_tools::CollabData) {
    let data = collab_data(org, config).unwrap();
    let report = audit(
        &Inputs::new(org.roster(), data.inventory()).with_teams(data.teams()),
        &Config::new(org.as_of()).with_overlap_days(91).unwrap(),
        &mut Disclosure::new(DisclosurePolicy::default()),
    )
    .unwrap();
    (report, data)
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
        Disclosed::Published(truth.duplicate_chat_users_in_both())
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
        .iter()
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
    assert_eq!(callout.team_name(), "Americas and Asia-Pacific");
    let finding = audit
        .findings()
        .iter()
        .find(|f| f.code().as_str() == "TOOLS-ASYNC-FIRST")
        .unwrap();
    assert!(
        finding
            .table()
            .unwrap()
            .rows()
            .iter()
            .any(|row| row[0] == "Americas and Asia-Pacific"),
        "{finding:?}"
    );
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
        assert_eq!(w.inactive_seats(), Disclosed::Published(u64::from(planted)));
    }
}

/// Each member's distance in hours from their team's circular-mean centre, computed
/// here independently of the audit.
fn distances(team: &remit_collab_tools::overlap::Team, as_of: chrono::NaiveDate) -> Vec<f64> {
    use chrono::{Offset, TimeZone};
    let noon = as_of.and_hms_opt(12, 0, 0).unwrap();
    let offsets: Vec<f64> = team
        .members()
        .iter()
        .map(|m| {
            f64::from(
                m.zone()
                    .offset_from_utc_datetime(&noon)
                    .fix()
                    .local_minus_utc(),
            ) / 3600.0
        })
        .collect();
    let angle = |h: f64| h / 24.0 * std::f64::consts::TAU;
    let x: f64 = offsets.iter().map(|&h| angle(h).cos()).sum();
    let y: f64 = offsets.iter().map(|&h| angle(h).sin()).sum();
    let centre = y.atan2(x) / std::f64::consts::TAU * 24.0;
    offsets
        .iter()
        .map(|&h| {
            let d = (h - centre).rem_euclid(24.0);
            d.min(24.0 - d)
        })
        .collect()
}

#[test]
fn the_far_team_is_far_from_its_centre_and_teams_around_one_place_are_not() {
    let org = org();
    let (audit, data) = run(&org, &CollabSynthConfig::default().far_team(true));
    let groups = audit.groups();
    let group = groups
        .iter()
        .find(|g| g.key() == "collab.far-from-team-centre")
        .unwrap();
    let far = data.truth().far_team().unwrap();
    let far_team = data.teams().iter().find(|t| t.id() == far).unwrap();
    for (m, d) in far_team
        .members()
        .iter()
        .zip(distances(far_team, org.as_of()))
    {
        assert!(
            d >= 3.0,
            "planted far-team member only {d:.1} h from the centre"
        );
        assert!(group.contains(m.id()));
    }
    // Everyone in the group is at least 3 hours from the centre of some team of theirs;
    // everyone within 3 hours of the centre of every team of theirs is left out.
    let mut worst: std::collections::HashMap<remit_core::EmployeeId, f64> =
        std::collections::HashMap::new();
    for team in data.teams() {
        for (m, d) in team.members().iter().zip(distances(team, org.as_of())) {
            let w = worst.entry(m.id()).or_insert(0.0);
            *w = w.max(d);
        }
    }
    let mut near = 0;
    for (id, d) in &worst {
        assert_eq!(group.contains(*id), *d >= 3.0 - 1e-6, "{id}: {d:.2} h");
        near += usize::from(*d < 1.0);
    }
    assert!(
        near > worst.len() / 2,
        "most staff sit near their team's centre"
    );
    assert!(
        group.len() < worst.len() / 10,
        "{} of {}",
        group.len(),
        worst.len()
    );
}
