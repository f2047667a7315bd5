//! Planted-effect tests on synthetic organisations: what remit-synth plants, the
//! analyses find, and without plants nothing is invented.

use std::collections::BTreeSet;

use remit_assets::kit::kit_coverage;
use remit_assets::retrieval::retrievals;
use remit_assets::*;
use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy};
use remit_core::{Audit, WorkMode};
use remit_synth::assets::{AssetSynthConfig, SynthFleet, asset_fleet};
use remit_synth::{Organisation, SynthConfig, generate};

fn org(n: usize, seed: u64) -> Organisation {
    generate(&SynthConfig::new(n, seed)).unwrap()
}

fn report(org: &Organisation, fleet: &SynthFleet) -> AssetsReport {
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    audit(
        &Inputs::new(org.roster(), fleet),
        &Config::new(org.as_of()),
        &mut engine,
    )
    .unwrap()
}

fn codes(report: &AssetsReport) -> BTreeSet<String> {
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
    let report = report(&org, &fleet);
    let gap = report
        .findings()
        .iter()
        .find(|f| f.code() == &codes::KIT_GAP)
        .expect("kit gap finding");
    assert_eq!(gap.affected(), Some(truth.len() as u64));
    assert_eq!(gap.severity(), remit_core::Severity::High);
    let kit = report.kit().unwrap();
    assert_eq!(kit.lacking, Disclosed::Published(truth.len() as u64));
    let chairs = kit
        .by_category
        .iter()
        .find(|c| c.category == Category::ErgonomicChair)
        .unwrap();
    assert_eq!(chairs.lacking, Disclosed::Published(truth.len() as u64));
    // Only remote staff were planted without chairs.
    for row in &kit.by_mode {
        let expected = if row.work_mode == WorkMode::Remote {
            truth.len() as u64
        } else {
            0
        };
        assert_eq!(
            row.lacking,
            Disclosed::Published(expected),
            "{:?}",
            row.work_mode
        );
    }
}

#[test]
fn overdue_retrievals_are_caught() {
    let org = org(3_000, 12);
    let fleet = asset_fleet(&org, &AssetSynthConfig::default()).unwrap();
    let as_of = org.as_of();
    let cases = retrievals(org.roster(), &fleet, &RetrievalPolicy::default(), as_of).unwrap();
    let overdue: BTreeSet<_> = cases
        .iter()
        .filter(|c| c.is_overdue(as_of))
        .map(|c| c.asset)
        .collect();
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
    for case in &cases {
        if fleet.truth().never_returned().contains(&case.asset) && case.due_on < as_of {
            assert!(overdue.contains(&case.asset));
        }
    }
    // Late returns that came back are closed, and flagged as late.
    assert!(cases.iter().any(|c| c.returned_late()));
    let report = report(&org, &fleet);
    assert!(codes(&report).contains("ASSET-RETRIEVAL-OVERDUE"));
    let Disclosed::Published(summary) = report.retrieval().unwrap().summary else {
        panic!("the leavers of 3 000 employees are published");
    };
    assert_eq!(summary.overdue, overdue.len() as u64);
    assert_eq!(summary.assets, cases.len() as u64);
    assert_eq!(
        summary.returned_late,
        cases.iter().filter(|c| c.returned_late()).count() as u64
    );
}

#[test]
fn retirement_without_sanitisation_is_caught() {
    let org = org(1_000, 13);
    let config = AssetSynthConfig::default().unsanitised_retirements(4);
    let fleet = asset_fleet(&org, &config).unwrap();
    let report = report(&org, &fleet);
    assert_eq!(
        report.retired_unsanitised(),
        fleet.truth().unsanitised_retirements()
    );
    let first = &report.findings()[0];
    assert_eq!(first.code(), &codes::RETIRED_UNSANITISED);
    assert!(
        first
            .title()
            .starts_with("4 assets that store data were retired")
    );
}

#[test]
fn nothing_planted_nothing_found() {
    let org = org(2_000, 14);
    let fleet = asset_fleet(&org, &AssetSynthConfig::clean()).unwrap();
    let report = report(&org, &fleet);
    let found = codes(&report);
    for code in [
        "ASSET-KIT-GAP",
        "ASSET-RETRIEVAL-OVERDUE",
        "ASSET-RETIRED-UNSANITISED",
    ] {
        assert!(!found.contains(code), "{code} invented: {found:?}");
    }
    let kit = report.kit().unwrap();
    assert_eq!(kit.items_in_place, Disclosed::Published(1.0));
    assert_eq!(kit.lacking, Disclosed::Published(0));
    assert!(report.groups().is_empty());
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
