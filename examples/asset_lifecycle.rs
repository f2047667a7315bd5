//! Equipment for a synthetic organisation: builds every asset's event history, replays
//! it, depreciates the fleet in each asset's own currency, and prints kit coverage,
//! offboarding retrieval, the replacement budget and the report's findings.
//!
//! Options: `cargo run --release --example asset_lifecycle -- --help`, or
//! `docs/examples.md`.
#![allow(clippy::disallowed_methods)]

use remit_core::AuditExt as _;
use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Instant;

use remit_assets::depreciation::{Basis, DepreciationStart, Method, Proration};
use remit_assets::retrieval::{Stage, recovery_by_country};
use remit_assets::{AssetReport, Category, KitPrices, ReportConfig, RetrievalPolicy};
use remit_core::privacy::{Disclosed, DisclosureGuard};
use remit_core::{Audit, Currency, Money, WorkMode};
use remit_examples::cli::commands::{ASSET_LIFECYCLE, OrgOptions};
use remit_examples::{format_table, outln};
use remit_synth::assets::{AssetSynthConfig, asset_fleet};
use remit_synth::{SynthConfig, generate};
use rust_decimal::Decimal;

fn main() -> ExitCode {
    ASSET_LIFECYCLE.main(run)
}

fn run(OrgOptions { employees, seed }: OrgOptions) -> Result<(), String> {
    let started = Instant::now();
    let org = generate(&SynthConfig::new(employees, seed)).map_err(|e| e.to_string())?;
    let fleet = asset_fleet(&org, &AssetSynthConfig::default()).map_err(|e| e.to_string())?;
    let as_of = org.as_of();
    let tracked = fleet.tracked_assets().map_err(|e| e.to_string())?;
    let assets = tracked.as_slice();
    let events: u64 = assets.iter().map(|a| a.log().version()).sum();
    outln!(
        "{} employees, {} assets, {} events (generated in {:.2?}), as of {as_of}",
        org.roster().len(),
        assets.len(),
        events,
        started.elapsed()
    );

    // History: replaying every log gives the incremental state.
    let started = Instant::now();
    let mismatches = assets
        .iter()
        .filter(|a| a.log().replay() != *a.log().state())
        .count();
    outln!(
        "replayed {events} events in {:.2?}: {mismatches} mismatches",
        started.elapsed()
    );

    // Book value in each asset's own currency, straight line from first deployment.
    let started = Instant::now();
    let mut book: BTreeMap<Currency, (Money, Money)> = BTreeMap::new();
    for a in assets {
        let first = a.log().state().first_deployed_on();
        let basis = Basis::for_asset(a.asset(), DepreciationStart::FirstDeployment, first)
            .map_err(|e| e.to_string())?;
        let value = match basis {
            Some(b) => b
                .schedule(&Method::StraightLine(Proration::FullMonth))
                .map_err(|e| e.to_string())?
                .book_value_on(as_of),
            None => a.asset().cost(),
        };
        if a.log().state().status().is_retired() {
            continue;
        }
        let cost = a.asset().cost();
        let slot = book
            .entry(cost.currency())
            .or_insert((Money::zero(cost.currency()), Money::zero(cost.currency())));
        slot.0 = slot.0.checked_add(&cost).map_err(|e| e.to_string())?;
        slot.1 = slot.1.checked_add(&value).map_err(|e| e.to_string())?;
    }
    outln!(
        "\nFleet value by currency (depreciated in {:.2?})",
        started.elapsed()
    );
    let rows: Vec<Vec<String>> = book
        .iter()
        .map(|(c, (cost, value))| {
            vec![
                c.to_string(),
                cost.amount().to_string(),
                value.amount().to_string(),
            ]
        })
        .collect();
    outln!(
        "{}",
        format_table(
            &["currency".into(), "cost".into(), "book value".into()],
            &rows
        )
    );

    let eur = Currency::new("EUR").map_err(|e| e.to_string())?;
    let prices = KitPrices::new()
        .with(
            Category::ErgonomicChair,
            Money::new(Decimal::from(450), eur),
        )
        .and_then(|p| p.with(Category::Desk, Money::new(Decimal::from(350), eur)))
        .map_err(|e| e.to_string())?;
    let config = ReportConfig::new(as_of).prices(prices).horizon_months(6);
    let started = Instant::now();
    let report = AssetReport::build(org.roster(), assets, &config).map_err(|e| e.to_string())?;
    outln!("report built in {:.2?}", started.elapsed());

    let kit = report.kit();
    outln!(
        "\nKit coverage: {:.1}% of required items in place",
        kit.coverage() * 100.0
    );
    let guard = DisclosureGuard::default();
    let rows: Vec<Vec<String>> = WorkMode::ALL
        .iter()
        .map(|m| {
            let lacking = kit.lacking[m.index()];
            let shown = if guard.allows(lacking) {
                lacking.to_string()
            } else {
                "*".into()
            };
            vec![m.to_string(), kit.headcount[m.index()].to_string(), shown]
        })
        .collect();
    outln!(
        "{}",
        format_table(
            &["work mode".into(), "active".into(), "lacking kit".into()],
            &rows
        )
    );

    let policy = RetrievalPolicy::default();
    let mut stages: BTreeMap<&str, usize> = BTreeMap::new();
    for case in report.retrievals() {
        let label = match case.stage(&policy, as_of) {
            Stage::Open => "open",
            Stage::Reminded { .. } => "reminded",
            Stage::Escalated => "escalated",
            Stage::Overdue { .. } => "overdue",
            Stage::Closed(remit_assets::Outcome::Returned { .. }) if case.returned_late() => {
                "returned late"
            }
            Stage::Closed(remit_assets::Outcome::Returned { .. }) => "returned on time",
            Stage::Closed(remit_assets::Outcome::Gifted { .. }) => "gifted",
            Stage::Closed(remit_assets::Outcome::WrittenOff { .. }) => "written off",
        };
        *stages.entry(label).or_default() += 1;
    }
    outln!("Offboarding retrievals (assets)");
    let rows: Vec<Vec<String>> = stages
        .iter()
        .map(|(k, v)| vec![(*k).to_owned(), v.to_string()])
        .collect();
    outln!(
        "{}",
        format_table(&["stage".into(), "assets".into()], &rows)
    );

    let recovery =
        recovery_by_country(report.retrievals(), &guard, as_of).map_err(|e| e.to_string())?;
    let rows: Vec<Vec<String>> = recovery
        .iter()
        .map(|r| {
            let show = |d: Disclosed<u64>| d.published().map_or("*".to_owned(), |n| n.to_string());
            let rate = r
                .recovery_rate
                .published()
                .map_or("*".to_owned(), |p| format!("{:.0}%", p * 100.0));
            vec![r.country.to_string(), show(r.leavers), rate]
        })
        .collect();
    outln!(
        "Recovery by country (* = suppressed, fewer than {} leavers)",
        guard.min_group_size()
    );
    outln!(
        "{}",
        format_table(
            &["country".into(), "leavers".into(), "recovered".into()],
            &rows
        )
    );

    outln!("Findings (health {})", report.health());
    for f in report.findings() {
        outln!("- [{}] {} {}", f.severity(), f.code(), f.title());
        if !f.detail().is_empty() {
            outln!("    {}", f.detail());
        }
    }
    Ok(())
}
