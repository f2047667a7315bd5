//! Planted-effect tests on synthetic organisations: what remit-synth plants, the
//! analyses find, and without plants nothing is invented.

use std::collections::BTreeSet;

use remit_assets::kit::kit_coverage;
use remit_assets::*;
use remit_core::Audit;
use remit_synth::assets::{AssetSynthConfig, asset_fleet};
use remit_synth::{Organisation, SynthConfig, generate};

fn org(n: usize, seed: u64) -> Organisation {
    generate(&SynthConfig::new(n, seed)).unwrap()
}

fn codes(report: &AssetReport) -> BTreeSet<String> {
    report
        .findings()
        .iter()
        .map(|f| f.code().to_string())
        .collect()
}

#[test]
fn missing_ergonomic_kit_is_caught_exactly() {
    let org = org(3_000, 11);
    let fleet = asset_fleet(&org, &AssetSynthConfig::default()).unwrap();
    let truth: BTreeSet<_> = fleet.truth().missing_chair().iter().copied().collect();
    assert!(truth.len() > 20, "planted {}", truth.len());
    let cov = kit_coverage(
        org.roster(),
        &fleet,
        &StandardKit,
        &KitPrices::new(),
        org.as_of(),
    )
    .unwrap();
    let found: BTreeSet<_> = cov.gaps.iter().map(|g| g.employee).collect();
    assert_eq!(found, truth);
    assert!(
        cov.gaps
            .iter()
            .all(|g| g.missing == KitList::of(&[Category::ErgonomicChair]))
    );
    let report = AssetReport::build(org.roster(), &fleet, &ReportConfig::new(org.as_of())).unwrap();
    let gap = report
        .findings()
        .iter()
        .find(|f| {
            f.code().as_str() == "ASSET-KIT-GAP" && f.cohort().get("work_mode") == Some("remote")
        })
        .expect("kit gap finding for remote staff");
    assert_eq!(gap.affected(), Some(truth.len() as u64));
}

#[test]
fn overdue_retrievals_are_caught() {
    let org = org(3_000, 12);
    let fleet = asset_fleet(&org, &AssetSynthConfig::default()).unwrap();
    let as_of = org.as_of();
    let report = AssetReport::build(org.roster(), &fleet, &ReportConfig::new(as_of)).unwrap();
    let overdue: BTreeSet<_> = report.overdue_retrievals().map(|r| r.asset).collect();
    let planted: BTreeSet<_> = fleet
        .truth()
        .never_returned()
        .iter()
        .chain(fleet.truth().late_returns())
        .copied()
        .collect();
    assert!(!overdue.is_empty());
    // Everything overdue was planted...
    assert!(overdue.is_subset(&planted));
    // ...and every never-returned asset past its deadline is overdue.
    for case in report.retrievals() {
        if fleet.truth().never_returned().contains(&case.asset) && case.due_on < as_of {
            assert!(overdue.contains(&case.asset));
        }
    }
    // Late returns that came back are closed, and flagged as late.
    assert!(report.retrievals().iter().any(|c| c.returned_late()));
    assert!(codes(&report).contains("ASSET-RETRIEVAL-OVERDUE"));
}

#[test]
fn retirement_without_sanitisation_is_caught() {
    let org = org(1_000, 13);
    let config = AssetSynthConfig::default().unsanitised_retirements(4);
    let fleet = asset_fleet(&org, &config).unwrap();
    let report = AssetReport::build(org.roster(), &fleet, &ReportConfig::new(org.as_of())).unwrap();
    assert_eq!(
        report.retired_unsanitised(),
        fleet.truth().unsanitised_retirements()
    );
    let first = &report.findings()[0];
    assert_eq!(first.code().as_str(), "ASSET-RETIRED-UNSANITISED");
    assert!(first.title().starts_with("4 asset(s)"));
}

#[test]
fn nothing_planted_nothing_found() {
    let org = org(2_000, 14);
    let fleet = asset_fleet(&org, &AssetSynthConfig::clean()).unwrap();
    let report = AssetReport::build(org.roster(), &fleet, &ReportConfig::new(org.as_of())).unwrap();
    let found = codes(&report);
    for code in [
        "ASSET-KIT-GAP",
        "ASSET-RETRIEVAL-OVERDUE",
        "ASSET-RETIRED-UNSANITISED",
    ] {
        assert!(!found.contains(code), "{code} invented: {found:?}");
    }
    assert_eq!(report.kit().coverage(), 1.0);
}

#[test]
fn synthetic_histories_replay_and_round_trip() {
    let org = org(400, 15);
    let a = asset_fleet(&org, &AssetSynthConfig::default()).unwrap();
    let b = asset_fleet(&org, &AssetSynthConfig::default()).unwrap();
    let (a, b) = (a.tracked_assets().unwrap(), b.tracked_assets().unwrap());
    assert_eq!(a, b, "same seed, same fleet");
    for t in &a {
        assert_eq!(t.log().replay(), *t.log().state());
    }
    let json = serde_json::to_string(&a).unwrap();
    let back: Vec<TrackedAsset> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
}
