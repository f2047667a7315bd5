//! The audit computes its fleet checks in one fused pass; they must equal the public
//! functions that define them, on a fleet with every kind of case.

use chrono::NaiveDate;
use remit_assets::forecast::{Milestone, audits_overdue, replacement_budget, upcoming};
use remit_assets::{AssetTag, Config, Inputs, Status, audit};
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_synth::assets::{AssetSynthConfig, asset_fleet};
use remit_synth::{SynthConfig, generate};

#[test]
fn the_fused_report_pass_equals_the_public_functions() {
    let org = generate(&SynthConfig::new(3_000, 23)).unwrap();
    let fleet = asset_fleet(&org, &AssetSynthConfig::default()).unwrap();
    let tracked = fleet.tracked_assets().unwrap();
    let assets = tracked.as_slice();
    let as_of = org.as_of();
    for (interval, horizon) in [(12, 6), (3, 24), (1, 0)] {
        let config = Config::new(as_of)
            .with_audit_interval_months(interval)
            .unwrap()
            .with_horizon_months(horizon)
            .unwrap();
        let mut engine = Disclosure::new(DisclosurePolicy::default());
        let report = audit(&Inputs::new(org.roster(), assets), &config, &mut engine).unwrap();
        let overdue = audits_overdue(assets, interval, as_of);
        assert_eq!(report.audits_overdue(), overdue.len() as u64);
        // The ten longest overdue, earliest due date first, then fleet order.
        let mut by_due: Vec<(NaiveDate, usize)> = overdue
            .iter()
            .enumerate()
            .map(|(i, o)| (o.due_on, i))
            .collect();
        by_due.sort();
        let expected: Vec<&AssetTag> = by_due
            .iter()
            .take(10)
            .map(|&(_, i)| &overdue[i].tag)
            .collect();
        let got: Vec<&AssetTag> = report
            .longest_overdue_audits()
            .iter()
            .map(|o| &o.tag)
            .collect();
        assert_eq!(got, expected);
        assert_eq!(got.len(), 10);
        assert_eq!(
            report.replacement_budget(),
            replacement_budget(assets, as_of, horizon)
                .unwrap()
                .as_slice()
        );
        let warranties = upcoming(assets, as_of, horizon)
            .iter()
            .filter(|u| u.milestone == Milestone::WarrantyEnd)
            .count();
        assert_eq!(report.warranties_ending(), warranties as u64);
        let unsanitised: Vec<_> = assets
            .iter()
            .filter(|a| a.state_on(as_of).retired_unsanitised())
            .map(|a| a.asset().tag().clone())
            .collect();
        assert_eq!(report.retired_unsanitised(), unsanitised.as_slice());
        assert_eq!(unsanitised.len(), 3);
        let missing: Vec<_> = assets
            .iter()
            .filter(|a| matches!(a.state_on(as_of).status(), Status::Missing(_)))
            .map(|a| a.asset().tag().clone())
            .collect();
        assert_eq!(report.missing(), missing.as_slice());
        if horizon > 0 {
            assert!(!report.replacement_budget().is_empty());
            assert!(report.warranties_ending() > 0);
        }
        assert!(report.audits_overdue() > 10);
    }
}
