//! CPU and wall time of remit-collab-tools' two acceptance workloads: time-zone overlap
//! for N teams over 365 days, and the full tools audit for T tools and U users (the
//! workforce's U employees in U/8 teams whose overlaps it plans over 365 days, every
//! figure about people released through a fresh disclosure engine). A third row times
//! the engine alone on the audit's headline releases (each tool's seat holders
//! registered and released as one group), the engine's own share of the audit. CPU time
//! (user + system, from `/proc/self/stat`, Linux only) is the fair measure on a shared
//! machine; criterion's wall-clock figures are in `cargo bench --bench collab_tools`.
//!
//! Options: `cargo run --release --example collab_cpu -- --help`, or
//! `docs/examples.md`.

use std::process::ExitCode;

use chrono::NaiveDate;
use remit_collab_tools::{Config, Inputs, OverlapConfig, OverlapPlanner, Seat, audit};
use remit_core::disclosure::{Audience, Disclosure, DisclosurePolicy};
use remit_core::{Domain, Period};
use remit_examples::cli::commands::{COLLAB_CPU, CollabCpuOptions};
use remit_examples::{format_table, measure_cpu_and_wall, outln};

#[path = "../benches/support/collab_data.rs"]
mod collab_data;

fn main() -> ExitCode {
    COLLAB_CPU.main(run)
}

fn run(
    CollabCpuOptions {
        teams: n_teams,
        tools: n_tools,
        users: n_users,
        repeat,
    }: CollabCpuOptions,
) -> Result<(), String> {
    let year = Period::new(
        NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?,
        NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("date")?,
    )
    .map_err(|e| e.to_string())?;
    let teams = collab_data::teams(n_teams);
    let (overlap_cpu, overlap_wall) = measure_cpu_and_wall(repeat, || {
        let mut planner =
            OverlapPlanner::new(year, OverlapConfig::default()).map_err(|e| e.to_string())?;
        let r = planner.overlap_all(&teams);
        if r.len() != teams.len() {
            return Err("missing results".into());
        }
        Ok(())
    })?;

    let inventory = collab_data::inventory(n_tools, n_users);
    let (workforce, audit_teams) = collab_data::workforce_and_teams(n_users);
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).ok_or("date")?;
    let config = Config::new(as_of);
    let (audit_cpu, audit_wall) = measure_cpu_and_wall(repeat, || {
        let mut engine = Disclosure::new(DisclosurePolicy::default());
        let a = audit(
            &Inputs::new(&workforce, &inventory).with_teams(&audit_teams),
            &config,
            &mut engine,
        )
        .map_err(|e| e.to_string())?;
        if a.tools().len() != n_tools {
            return Err("missing tools".into());
        }
        Ok(())
    })?;
    let (engine_cpu, engine_wall) = measure_cpu_and_wall(repeat, || {
        let mut engine = Disclosure::new(DisclosurePolicy::default());
        for t in inventory.tools() {
            let population = engine
                .register(
                    Domain::CollabTools,
                    &format!("seats:{}", t.id()),
                    t.seats().iter().map(Seat::user),
                )
                .map_err(|e| e.to_string())?;
            let everyone: Vec<u32> = (0..population.len() as u32).collect();
            let _ = engine
                .release(&population, &everyone, Audience::General)
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    })?;

    let header: Vec<String> = ["workload", "size", "CPU (median)", "wall (median)"]
        .map(String::from)
        .to_vec();
    let rows = vec![
        vec![
            "overlap, 365 days".to_owned(),
            format!("{n_teams} teams"),
            format!("{:.0} ms", overlap_cpu * 1e3),
            format!("{:.0} ms", overlap_wall * 1e3),
        ],
        vec![
            "full audit (with overlaps)".to_owned(),
            format!(
                "{n_tools} tools x {n_users} users, {} teams",
                audit_teams.len()
            ),
            format!("{:.0} ms", audit_cpu * 1e3),
            format!("{:.0} ms", audit_wall * 1e3),
        ],
        vec![
            "engine: seat holders".to_owned(),
            format!("{n_tools} populations"),
            format!("{:.0} ms", engine_cpu * 1e3),
            format!("{:.0} ms", engine_wall * 1e3),
        ],
    ];
    outln!("{}", format_table(&header, &rows));
    Ok(())
}
