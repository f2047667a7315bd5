//! An end-to-end collaboration-tools audit of a synthetic organisation: async-suitability
//! scores and recommendations per tool, sprawl with savings, licence waste by renewal,
//! security gaps, and the teams that share too few working hours to work synchronously.
//! Every figure about people is released through a disclosure engine (minimum group 5).
//!
//! Options: `cargo run --release --example tool_audit -- --help`, or
//! `docs/examples.md`.
#![expect(
    clippy::disallowed_methods,
    reason = "an example is a program: it reads or writes files and times itself, which clippy.toml bans in library crates only"
)]

use remit_core::AuditExt as _;
use std::process::ExitCode;
use std::time::Instant;

use remit_collab_tools::{Config, Inputs, audit};
use remit_core::Audit;
use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy};
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
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let audit = audit(
        &Inputs::new(org.roster(), data.inventory()).with_teams(data.teams()),
        &Config::new(as_of),
        &mut engine,
    )
    .map_err(|e| e.to_string())?;
    outln!(
        "audit with overlaps of {} teams over 365 days in {:.2?}\n",
        audit.teams_planned(),
        t.elapsed()
    );

    let shown = |d: Disclosed<u64>| {
        d.published()
            .map_or("withheld".to_owned(), |n| n.to_string())
    };
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
    let rows: Vec<Vec<String>> = audit
        .tools()
        .iter()
        .map(|t| {
            vec![
                t.name().to_owned(),
                t.category().to_string(),
                t.sync_level().label().to_owned(),
                t.score().score().to_string(),
                shown(t.usage().active_users()),
                t.recommendation().action().verb().to_owned(),
            ]
        })
        .collect();
    outln!("{}", format_table(&header, &rows));

    let name = |id| audit.tool(id).map_or("?", |t| t.name());
    for c in audit.sprawl() {
        outln!(
            "sprawl in {}: {} people active in 2+ tools; consolidate into {}, savings {}",
            c.category(),
            shown(c.users_in_two_or_more()),
            name(c.target()),
            c.annual_savings()
                .map_or("n/a".to_owned(), |m| m.formatted(None))
        );
    }
    if let Some(totals) = audit.licence_totals() {
        outln!(
            "licence spend {} a year, of which {} on inactive or unassigned seats{}",
            totals.annual_cost().formatted(None),
            totals.published_waste().formatted(None),
            match totals.tools_withheld() {
                0 => String::new(),
                n => format!(" ({n} tools with too few seat holders left out)"),
            }
        );
    }
    for w in audit.licence_waste().iter().take(3) {
        outln!(
            "  renews {}: {} wastes {} ({} inactive, {} unassigned of {})",
            w.renewal(),
            name(w.tool()),
            w.annual_waste()
                .published()
                .map_or("withheld".to_owned(), |m| m.formatted(None)),
            shown(w.inactive_seats()),
            shown(w.unassigned_seats()),
            w.seats()
        );
    }
    outln!(
        "{} of {} teams share under 2 h a day and should work async-first",
        audit.async_first().len(),
        audit.teams_planned()
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
