//! Builds a synthetic organisation and prints head-count by work mode × country through
//! the disclosure guard, so cells under the minimum group size show as suppressed.
//!
//! Options: `cargo run --release --example roster -- --help`, or
//! `docs/examples.md`.
#![allow(clippy::disallowed_methods)]

use std::process::ExitCode;

use remit_core::privacy::{CountTable, Disclosed, DisclosureGuard};
use remit_core::{CountryCode, WorkMode, Workforce};
use remit_examples::cli::commands::{ROSTER, RosterOptions};
use remit_examples::{format_table, out, outln};
use remit_synth::{SynthConfig, generate};

fn main() -> ExitCode {
    ROSTER.main(run)
}

fn run(
    RosterOptions {
        employees,
        seed,
        min_group_size,
    }: RosterOptions,
) -> Result<(), String> {
    let min = min_group_size.get();

    let org = generate(&SynthConfig::new(employees, seed)).map_err(|e| e.to_string())?;
    let as_of = org.as_of();
    let mut table: CountTable<WorkMode, CountryCode> = CountTable::new(WorkMode::ALL, []);
    for e in org.roster().employees().filter(|e| e.is_active_on(as_of)) {
        table
            .add(e.work_mode(), e.country(), 1)
            .map_err(|e| e.to_string())?;
    }
    let guard = DisclosureGuard::new(min_group_size);
    let published = guard.protect_table(&table).map_err(|e| e.to_string())?;

    let show = |d: Option<Disclosed<u64>>| match d {
        Some(Disclosed::Published(n)) => n.to_string(),
        Some(Disclosed::Suppressed(_)) => "*".to_owned(),
        None => "-".to_owned(),
    };
    let mut header = vec!["country".to_owned()];
    header.extend(WorkMode::ALL.iter().map(|m| m.to_string()));
    header.push("total".to_owned());
    let mut rows = Vec::new();
    for country in published.cols() {
        let mut row = vec![format!("{country} {}", country.name())];
        row.extend(
            WorkMode::ALL
                .iter()
                .map(|m| show(published.cell(m, country))),
        );
        row.push(show(published.col_total(country)));
        rows.push(row);
    }
    let mut total = vec!["all countries".to_owned()];
    total.extend(WorkMode::ALL.iter().map(|m| show(published.row_total(m))));
    total.push(published.grand_total().to_string());
    rows.push(total);

    outln!(
        "Active head-count on {as_of} by country and work mode ({} employees generated, seed {seed})",
        org.roster().len()
    );
    outln!("Cells under {min} people and their complements are suppressed (*).\n");
    out!("{}", format_table(&header, &rows));
    let suppressed = published
        .extended_values()
        .iter()
        .filter(|v| v.is_suppressed())
        .count();
    outln!(
        "\n{suppressed} of {} cells suppressed.",
        published.extended_values().len()
    );
    Ok(())
}
