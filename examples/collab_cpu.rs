//! CPU and wall time of remit-collab-tools' two acceptance workloads: time-zone overlap
//! for N teams over 365 days, and the full tools audit for T tools and U users. CPU time
//! (user + system, from `/proc/self/stat`, Linux only) is the fair measure on a shared
//! machine; criterion's wall-clock figures are in `cargo bench --bench collab_tools`.
//!
//! Options: `cargo run --release --example collab_cpu -- --help`, or
//! `docs/examples.md`.
#![allow(clippy::disallowed_methods)]

use std::process::ExitCode;

use chrono::NaiveDate;
use remit_collab_tools::audit::{AuditConfig, ToolAudit};
use remit_collab_tools::overlap::{OverlapConfig, OverlapPlanner};
use remit_collab_tools::rubric::DefaultRubric;
use remit_core::Period;
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
    let (audit_teams, overlaps) = collab_data::teams_and_overlaps(n_users);
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).ok_or("date")?;
    let (audit_cpu, audit_wall) = measure_cpu_and_wall(repeat, || {
        let a = ToolAudit::run(
            &inventory,
            &DefaultRubric,
            &audit_teams,
            &overlaps,
            as_of,
            &AuditConfig::default(),
        )
        .map_err(|e| e.to_string())?;
        if a.scores().len() != n_tools {
            return Err("missing scores".into());
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
            "full audit".to_owned(),
            format!("{n_tools} tools x {n_users} users"),
            format!("{:.0} ms", audit_cpu * 1e3),
            format!("{:.0} ms", audit_wall * 1e3),
        ],
    ];
    outln!("{}", format_table(&header, &rows));
    Ok(())
}
