//! The compact synthetic fleet reads, through the `Fleet` port, exactly what its full
//! records (built through the lifecycle rules) hold, and its output is pinned.

use remit_assets::{AssetHistory, Config, Fleet, Inputs, audit};
use remit_core::Audit;
use remit_core::AuditExt as _;
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_synth::assets::{AssetSynthConfig, asset_fleet};
use remit_synth::rng::fnv1a;
use remit_synth::{SynthConfig, generate};

#[test]
fn the_view_equals_the_full_records() {
    for (employees, seed, config) in [
        (1_500, 42, AssetSynthConfig::default()),
        (800, 5, AssetSynthConfig::clean()),
        (
            600,
            9,
            AssetSynthConfig::default()
                .late_return_share(0.5)
                .unwrap()
                .never_returned_share(0.5)
                .unwrap()
                .unsanitised_retirements(7),
        ),
    ] {
        let org = generate(&SynthConfig::new(employees, seed)).unwrap();
        let fleet = asset_fleet(&org, &config).unwrap();
        let tracked = fleet.tracked_assets().unwrap();
        assert_eq!(fleet.len(), tracked.len());
        assert_eq!(fleet.assets().count(), tracked.len());
        let as_of = org.as_of();
        for (view, full) in fleet.assets().zip(&tracked) {
            let asset = full.asset();
            assert_eq!(view.id(), asset.id());
            assert_eq!(&view.tag(), asset.tag());
            assert_eq!(view.category(), asset.category());
            assert_eq!(view.stores_data(), asset.stores_data());
            assert_eq!(view.purchased_on(), asset.purchased_on());
            assert_eq!(view.cost(), asset.cost());
            assert_eq!(view.cost().amount().scale(), asset.cost().amount().scale());
            assert_eq!(view.useful_life_months(), asset.useful_life_months());
            assert_eq!(view.warranty_months(), asset.warranty_months());
            assert_eq!(view.end_of_life(), asset.end_of_life());
            assert_eq!(view.warranty_ends(), asset.warranty_ends());
            assert!(view.transitions().eq(full.transitions()), "{}", asset.tag());
            assert_eq!(view.state_on(as_of), full.state_on(as_of));
            assert_eq!(
                view.state_on(asset.purchased_on()),
                full.state_on(asset.purchased_on())
            );
        }
        let report_config = Config::new(as_of);
        let engine = || Disclosure::new(DisclosurePolicy::default());
        let compact = audit(
            &Inputs::new(org.roster(), &fleet),
            &report_config,
            &mut engine(),
        )
        .unwrap();
        let full = audit(
            &Inputs::new(org.roster(), &tracked),
            &report_config,
            &mut engine(),
        )
        .unwrap();
        assert_eq!(
            format!("{:?}", compact.findings()),
            format!("{:?}", full.findings())
        );
        assert_eq!(compact.health(), full.health());
        assert_eq!(compact.kit(), full.kit());
        assert_eq!(compact.retrieval(), full.retrieval());
        assert_eq!(compact.audits_overdue(), full.audits_overdue());
        assert_eq!(
            compact.longest_overdue_audits(),
            full.longest_overdue_audits()
        );
        assert_eq!(compact.replacement_budget(), full.replacement_budget());
        assert_eq!(compact.retired_unsanitised(), full.retired_unsanitised());
        assert_eq!(compact.missing(), full.missing());
        assert_eq!(compact.groups(), full.groups());
    }
}

#[test]
fn same_seed_gives_the_pinned_fleet() {
    let org = generate(&SynthConfig::new(2_000, 42)).unwrap();
    let fleet = asset_fleet(&org, &AssetSynthConfig::default()).unwrap();
    let tracked = fleet.tracked_assets().unwrap();
    let text = format!("{tracked:?}{:?}", fleet.truth());
    // Pinned: the full records (every event with its key, shipment and sanitisation
    // record). The value was taken when the fleet became compact, from output checked to
    // equal the earlier generator's (which built every record eagerly; same digest). Update it only
    // on purpose, and say so in the commit message. Last updated when `Lifecycle` gained
    // its purchase date and exposure date (issue 14): the assets and events hashed
    // without the states were unchanged (8445750610654009431 before and after).
    assert_eq!(fnv1a(text.as_bytes()), PINNED_DIGEST);
    assert_eq!(tracked.len(), 9_192);
}

const PINNED_DIGEST: u64 = 1_410_279_849_552_348_046;
