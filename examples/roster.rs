//! Builds a synthetic organisation and prints head-count by work mode × country through
//! the disclosure engine, so cells under the minimum group size (and cells that would
//! reveal them) show as withheld.
//!
//! Options: `cargo run --release --example roster -- --help`, or
//! `docs/examples.md`.

use std::collections::BTreeMap;
use std::process::ExitCode;

use remit_core::disclosure::{Audience, Disclosed, Disclosure, DisclosurePolicy, Population};
use remit_core::{CountryCode, Domain, WorkMode, Workforce};
use remit_examples::cli::commands::{ROSTER, RosterOptions};
use remit_examples::{format_table, out, outln};
use remit_synth::{SynthConfig, generate};

fn main() -> ExitCode {
    ROSTER.main(run)
}

/// Releases the cells of one cut largest first and pairs each with its head-count as
/// published or withheld.
fn release<K: Ord + Copy>(
    engine: &mut Disclosure,
    population: &Population,
    cut: &BTreeMap<K, Vec<u32>>,
) -> Result<BTreeMap<K, Disclosed<u64>>, String> {
    let cells: Vec<&[u32]> = cut.values().map(Vec::as_slice).collect();
    let decisions = engine
        .release_cells(population, &cells, Audience::General)
        .map_err(|e| e.to_string())?;
    Ok(cut
        .iter()
        .zip(decisions)
        .map(|((key, members), decision)| (*key, decision.disclose(members.len() as u64)))
        .collect())
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
    let active: Vec<_> = org
        .roster()
        .employees()
        .filter(|e| e.is_active_on(as_of))
        .collect();

    // The active staff are one population (the engine keys populations by domain; the
    // wellbeing domain's members are exactly the active staff, so the roster registers
    // under it). Cuts are released headline first: everyone, work modes, countries,
    // then work mode × country, each cut's cells largest first.
    let mut engine = Disclosure::new(DisclosurePolicy::default().with_min_group(min_group_size));
    let population = engine
        .register(
            Domain::Wellbeing,
            "roster/active",
            active.iter().map(|e| e.id()),
        )
        .map_err(|e| e.to_string())?;
    let mut by_mode: BTreeMap<WorkMode, Vec<u32>> = BTreeMap::new();
    let mut by_country: BTreeMap<CountryCode, Vec<u32>> = BTreeMap::new();
    let mut by_cell: BTreeMap<(WorkMode, CountryCode), Vec<u32>> = BTreeMap::new();
    for (at, e) in (0u32..).zip(&active) {
        by_mode.entry(e.work_mode()).or_default().push(at);
        by_country.entry(e.country()).or_default().push(at);
        by_cell
            .entry((e.work_mode(), e.country()))
            .or_default()
            .push(at);
    }
    let everyone: Vec<u32> = (0..population.len() as u32).collect();
    let total = engine
        .release(&population, &everyone, Audience::General)
        .map_err(|e| e.to_string())?
        .disclose(everyone.len() as u64);
    let modes = release(&mut engine, &population, &by_mode)?;
    let countries = release(&mut engine, &population, &by_country)?;
    let cells = release(&mut engine, &population, &by_cell)?;

    // A cell with nobody in it is absent (-), a withheld one is *.
    let show = |d: Option<&Disclosed<u64>>| match d {
        Some(Disclosed::Published(n)) => n.to_string(),
        Some(Disclosed::Suppressed(_)) => "*".to_owned(),
        None => "-".to_owned(),
    };
    let mut header = vec!["country".to_owned()];
    header.extend(WorkMode::ALL.iter().map(|m| m.to_string()));
    header.push("total".to_owned());
    let mut rows = Vec::new();
    for (country, count) in &countries {
        let mut row = vec![format!("{country} {}", country.name())];
        row.extend(
            WorkMode::ALL
                .iter()
                .map(|m| show(cells.get(&(*m, *country)))),
        );
        row.push(show(Some(count)));
        rows.push(row);
    }
    let mut last = vec!["all countries".to_owned()];
    last.extend(WorkMode::ALL.iter().map(|m| show(modes.get(m))));
    last.push(show(Some(&total)));
    rows.push(last);

    outln!(
        "Active head-count on {as_of} by country and work mode ({} employees generated, seed {seed})",
        org.roster().len()
    );
    outln!("Cells under {min} people and the cells that would reveal them are withheld (*).\n");
    out!("{}", format_table(&header, &rows));
    let figures: Vec<&Disclosed<u64>> = std::iter::once(&total)
        .chain(modes.values())
        .chain(countries.values())
        .chain(cells.values())
        .collect();
    let withheld = figures.iter().filter(|d| d.is_suppressed()).count();
    outln!("\n{withheld} of {} figures withheld.", figures.len());
    Ok(())
}
