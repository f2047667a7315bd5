//! CPU time and memory of the equipment stage of the whole audit: generating the
//! synthetic fleet of an organisation (`remit_synth::assets::asset_fleet`) and auditing
//! it ([`remit_assets::audit`], every figure about people released through a fresh
//! disclosure engine per run). CPU time (user + system, from `/proc/self/stat`, Linux only) is
//! the fair measure on a shared machine. With `--digest` it also prints a digest of the
//! fleet (its assets with their full event logs) and of the report, to check that a
//! change leaves results unchanged.
//!
//! Options: `cargo run --release --example assets_cpu -- --help`, or
//! `docs/examples.md`.
#![expect(
    clippy::disallowed_methods,
    reason = "an example is a program: it reads or writes files and times itself, which clippy.toml bans in library crates only"
)]

use remit_core::AuditExt as _;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::process::ExitCode;

use remit_assets::{Config, Inputs, audit};
use remit_core::Audit;
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_examples::cli::commands::{ASSETS_CPU, ScaleOptions};
use remit_examples::{format_table, measure_cpu_and_wall, outln};
use remit_synth::assets::{AssetSynthConfig, asset_fleet};
use remit_synth::{SynthConfig, generate};

fn main() -> ExitCode {
    ASSETS_CPU.main(run)
}

/// Peak and current resident set size in MiB, from `/proc/self/status` (Linux only).
fn rss_mib() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

fn run(
    ScaleOptions {
        employees,
        seed,
        repeat,
        digest,
    }: ScaleOptions,
) -> Result<(), String> {
    let org = generate(&SynthConfig::new(employees, seed)).map_err(|e| e.to_string())?;
    let (_, rss_org) = rss_mib();
    let as_of = org.as_of();
    let config = Config::new(as_of);
    let mut fleet = None;
    let (synth_cpu, synth_wall) = measure_cpu_and_wall(repeat, || {
        fleet = None;
        fleet = Some(asset_fleet(&org, &AssetSynthConfig::default()).map_err(|e| e.to_string())?);
        Ok(())
    })?;
    let fleet = fleet.ok_or("no fleet")?;
    let (_, rss_fleet) = rss_mib();
    let mut report = None;
    let (report_cpu, report_wall) = measure_cpu_and_wall(repeat, || {
        report = None;
        let mut engine = Disclosure::new(DisclosurePolicy::default());
        let inputs = Inputs::new(org.roster(), &fleet);
        report = Some(audit(&inputs, &config, &mut engine).map_err(|e| e.to_string())?);
        Ok(())
    })?;
    let report = report.ok_or("no report")?;
    let (peak, rss_all) = rss_mib();

    let header: Vec<String> = ["step", "CPU (median)", "wall (median)"]
        .map(String::from)
        .to_vec();
    let rows = vec![
        vec![
            format!("fleet for {employees} employees ({} assets)", fleet.len()),
            format!("{:.0} ms", synth_cpu * 1e3),
            format!("{:.0} ms", synth_wall * 1e3),
        ],
        vec![
            "report".to_owned(),
            format!("{:.0} ms", report_cpu * 1e3),
            format!("{:.0} ms", report_wall * 1e3),
        ],
    ];
    outln!("{}", format_table(&header, &rows));
    outln!(
        "RSS: organisation {rss_org:.0} MiB, + fleet {:.0} MiB, + report {:.0} MiB; peak {peak:.0} MiB",
        rss_fleet - rss_org,
        rss_all - rss_fleet
    );
    if digest {
        let mut h = DefaultHasher::new();
        // The full records, built through the lifecycle rules, so the digest covers
        // every field of every event (as before the fleet was kept compact).
        for a in fleet.tracked_assets().map_err(|e| e.to_string())? {
            a.asset().hash(&mut h);
            a.log().entries().hash(&mut h);
            a.log().state().hash(&mut h);
        }
        format!("{:?}", fleet.truth()).hash(&mut h);
        outln!("fleet digest {:016x}", h.finish());
        let mut h = DefaultHasher::new();
        format!("{:?}", report.findings()).hash(&mut h);
        format!("{:?}", report.health()).hash(&mut h);
        format!("{:?}", report.kit()).hash(&mut h);
        format!("{:?}", report.retrieval()).hash(&mut h);
        format!("{:?}", report.audits_overdue()).hash(&mut h);
        format!("{:?}", report.longest_overdue_audits()).hash(&mut h);
        format!("{:?}", report.replacement_budget()).hash(&mut h);
        outln!("report digest {:016x}", h.finish());
        for f in report.findings() {
            outln!("{} {:?}: {}", f.code(), f.severity(), f.title());
        }
    }
    Ok(())
}
