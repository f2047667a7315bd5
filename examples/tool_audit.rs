//! An end-to-end collaboration-tools audit of a synthetic organisation: async-suitability
//! scores and recommendations per tool, sprawl with savings, licence waste by renewal,
//! security gaps, and the teams that share too few working hours to work synchronously.
//!
//! Options: `cargo run --release --example tool_audit -- --help`, or
//! `docs/examples.md`.
#![allow(clippy::disallowed_methods)]

use remit_core::AuditExt as _;
use std::process::ExitCode;
use std::time::Instant;

use chrono::Days;
use remit_collab_tools::audit::{AuditConfig, ToolAudit};
use remit_collab_tools::overlap::{OverlapConfig, OverlapPlanner};
use remit_collab_tools::rubric::DefaultRubric;
use remit_core::{Audit, Period};
use remit_examples::cli::commands::{OrgOptions, TOOL_AUDIT};
use remit_examples::{format_table, outln};
use remit_synth::collab_tools::{CollabSynthConfig, CollabSynthError, collab_data};
use remit_synth::{SynthConfig, generate};

fn main() -> ExitCode {
    TOOL_AUDIT.main(run)
}

fn run(OrgOptions { employees, seed }: OrgOptions) -> Result<(), String> {
    let started = Instant::now();
    let org = generate(&SynthConfig::new(employees, seed)).map_err(|e| e.to_string())?;
    let planted = CollabSynthConfig::default()
        .duplicate_chat(0.2)
        .map_err(|e| e.to_string())?
        .shadow_tool(true);
    let data = match collab_data(&org, &planted.far_team(true)) {
        Err(CollabSynthError::NotEnoughFarEmployees { .. }) => {
            collab_data(&org, &planted).map_err(|e| e.to_string())?
        }
        other => other.map_err(|e| e.to_string())?,
    };
    let as_of = org.as_of();
    let seats: usize = data
        .inventory()
        .tools()
        .iter()
        .map(|t| t.seats().len())
        .sum();
    outln!(
        "{} employees, {} tools, {} seats, {} teams (generated in {:.2?}), as of {as_of}",
        org.roster().len(),
        data.inventory().tools().len(),
        seats,
        data.teams().len(),
        started.elapsed()
    );

    let t = Instant::now();
    let end = as_of
        .checked_add_days(Days::new(365))
        .ok_or("date out of range")?;
    let period = Period::new(as_of, end).map_err(|e| e.to_string())?;
    let mut planner =
        OverlapPlanner::new(period, OverlapConfig::default()).map_err(|e| e.to_string())?;
    let overlaps = planner.overlap_all(data.teams());
    let overlap_time = t.elapsed();
    let t = Instant::now();
    let audit = ToolAudit::run(
        data.inventory(),
        &DefaultRubric,
        data.teams(),
        &overlaps,
        as_of,
        &AuditConfig::default(),
    )
    .map_err(|e| e.to_string())?;
    outln!(
        "overlap for {} teams over 365 days in {overlap_time:.2?}; audit in {:.2?}\n",
        overlaps.len(),
        t.elapsed()
    );

    let header: Vec<String> = [
        "tool",
        "category",
        "sync",
        "async score",
        "active",
        "action",
    ]
    .map(String::from)
    .to_vec();
    let rows: Vec<Vec<String>> = data
        .inventory()
        .tools()
        .iter()
        .zip(audit.scores())
        .zip(audit.recommendations())
        .zip(audit.active_users())
        .map(|(((tool, s), r), active)| {
            vec![
                tool.name().to_owned(),
                tool.category().to_string(),
                tool.sync_level().label().to_owned(),
                s.score().to_string(),
                active.to_string(),
                format!("{:?}", r.action()).to_lowercase(),
            ]
        })
        .collect();
    outln!("{}", format_table(&header, &rows));

    let name = |id| {
        data.inventory()
            .tool(id)
            .map_or("?".to_owned(), |t| t.name().to_owned())
    };
    for c in audit.sprawl() {
        outln!(
            "sprawl in {}: {} users in 2+ tools; consolidate into {}, savings {}",
            c.category(),
            c.users_in_two_or_more(),
            name(c.target()),
            c.annual_savings()
                .map_or("n/a".to_owned(), |m| m.to_string())
        );
    }
    if let (Some(cost), Some(waste)) = (audit.total_annual_cost(), audit.total_annual_waste()) {
        outln!("licence spend {cost} a year, of which {waste} on inactive or unassigned seats");
    }
    for w in audit.licence_waste().iter().take(3) {
        outln!(
            "  renews {}: {} wastes {} ({} inactive, {} unassigned of {})",
            w.renewal(),
            name(w.tool()),
            w.annual_waste(),
            w.inactive_seats(),
            w.unassigned_seats(),
            w.seats()
        );
    }
    let async_first = overlaps.iter().filter(|o| o.async_first()).count();
    outln!(
        "{async_first} of {} teams share under 2 h a day and should work async-first",
        overlaps.len()
    );

    let findings = audit.findings();
    outln!("\n{} findings; the most severe:", findings.len());
    for f in findings.iter().take(8) {
        outln!("  [{}] {} — {}", f.severity(), f.code(), f.title());
    }
    let health = audit.health();
    outln!("\nhealth {health}");
    Ok(())
}
