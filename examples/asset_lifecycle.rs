//! Equipment for a synthetic organisation: builds every asset's event history, replays
//! it, depreciates the fleet in each asset's own currency, audits it (every figure about
//! people released through the disclosure engine) and prints kit coverage, offboarding
//! retrieval, recovery by country and the report's findings.
//!
//! Options: `cargo run --release --example asset_lifecycle -- --help`, or
//! `docs/examples.md`.
#![expect(
    clippy::disallowed_methods,
    reason = "an example is a program: it reads or writes files and times itself, which clippy.toml bans in library crates only"
)]

use remit_core::AuditExt as _;
use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Instant;

use remit_assets::depreciation::{DepreciationStart, Method, Proration};
use remit_assets::{Category, Config, Inputs, KitPrices, audit};
use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy};
use remit_core::{Audit, Currency, Money};
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
        let basis = a
            .asset()
            .depreciation_basis(DepreciationStart::FirstDeployment, first)
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
    let config = Config::new(as_of)
        .with_horizon_months(6)
        .map_err(|e| e.to_string())?;
    let policy = DisclosurePolicy::default();
    let mut engine = Disclosure::new(policy);
    let started = Instant::now();
    let inputs = Inputs::new(org.roster(), assets).with_prices(&prices);
    let report = audit(&inputs, &config, &mut engine).map_err(|e| e.to_string())?;
    outln!("report built in {:.2?}", started.elapsed());

    let show = |d: Disclosed<u64>| d.published().map_or("*".to_owned(), |n| n.to_string());
    let share = |d: Disclosed<f64>| {
        d.published()
            .map_or("*".to_owned(), |p| format!("{:.1}%", p * 100.0))
    };
    if let Some(kit) = report.kit() {
        outln!(
            "\nKit coverage: {} of required items in place (* = withheld, fewer than {} people or would isolate them)",
            share(kit.items_in_place),
            policy.min_group()
        );
        let rows: Vec<Vec<String>> = kit
            .by_mode
            .iter()
            .map(|r| {
                vec![
                    r.work_mode.to_string(),
                    show(r.staff),
                    show(r.lacking),
                    share(r.complete_share),
                ]
            })
            .collect();
        outln!(
            "{}",
            format_table(
                &[
                    "work mode".into(),
                    "staff".into(),
                    "lacking kit".into(),
                    "complete kit".into()
                ],
                &rows
            )
        );
    }

    if let Some(retrieval) = report.retrieval() {
        if let Disclosed::Published(s) = retrieval.summary {
            outln!(
                "Offboarding retrievals ({} leavers, {} assets)",
                s.leavers,
                s.assets
            );
            let rows: Vec<Vec<String>> = [
                ("open", s.open),
                ("reminded", s.reminded),
                ("escalated", s.escalated),
                ("overdue", s.overdue),
                ("returned on time", s.returned_on_time),
                ("returned late", s.returned_late),
                ("gifted", s.gifted),
                ("written off", s.written_off),
            ]
            .iter()
            .map(|(k, v)| vec![(*k).to_owned(), v.to_string()])
            .collect();
            outln!(
                "{}",
                format_table(&["stage".into(), "assets".into()], &rows)
            );
        }
        let rows: Vec<Vec<String>> = retrieval
            .by_country
            .iter()
            .map(|r| {
                let rate = r
                    .recovery_rate()
                    .map_or("*".to_owned(), |p| format!("{:.0}%", p * 100.0));
                vec![r.country.to_string(), show(r.leavers), rate]
            })
            .collect();
        outln!("Recovery by country (* = withheld)");
        outln!(
            "{}",
            format_table(
                &["country".into(), "leavers".into(), "recovered".into()],
                &rows
            )
        );
    }

    outln!("Findings (health {})", report.health());
    for f in report.findings() {
        outln!("- [{}] {} {}", f.severity(), f.code(), f.title());
        if !f.detail().is_empty() {
            outln!("    {}", f.detail());
        }
        if let Some(table) = f.table() {
            let rows: Vec<String> = table.rows().iter().map(|r| r.join(" | ")).collect();
            outln!("    {}: {}", table.columns().join(" | "), rows.join("; "));
        }
    }
    Ok(())
}
