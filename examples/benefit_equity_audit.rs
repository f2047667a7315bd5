//! Audits the benefits of a synthetic organisation for remote/onsite equivalence: values
//! every employee's benefits, measures the adjusted gap per work mode like a pay-equity
//! audit, lists onsite perks without a remote counterpart and prices the fix.
//!
//! Options: `cargo run --release --example benefit_equity_audit -- --help`, or
//! `docs/examples.md`.
#![expect(
    clippy::disallowed_methods,
    reason = "an example is a program: it reads or writes files and times itself, which clippy.toml bans in library crates only"
)]

use remit_core::AuditExt as _;
use std::process::ExitCode;
use std::time::Instant;

use remit_benefits::{Config, GapEstimate, Inputs, LocationIndex, MarginalRates, TaxModel, audit};
use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy};
use remit_core::rust_decimal::Decimal;
use remit_core::{Audit, Money, WorkMode};
use remit_examples::cli::commands::{BENEFIT_EQUITY_AUDIT, BenefitOptions, LocationIndexKind};
use remit_examples::{cpu_seconds, format_table, out, outln};
use remit_synth::benefits::{BenefitSynthConfig, benefit_data};
use remit_synth::{SynthConfig, generate};

fn main() -> ExitCode {
    BENEFIT_EQUITY_AUDIT.main(run)
}

fn show<T: std::fmt::Display>(d: Disclosed<T>) -> String {
    match d {
        Disclosed::Published(v) => v.to_string(),
        Disclosed::Suppressed(_) => "*".to_owned(),
    }
}

fn show_money(d: Disclosed<Money>) -> String {
    d.map(|m| m.formatted(None))
        .published()
        .unwrap_or_else(|| "*".to_owned())
}

fn pct(x: f64) -> String {
    format!("{:+.1}%", x * 100.0)
}

fn run(
    BenefitOptions {
        employees,
        seed,
        remote_shortfall: shortfall,
        index: index_kind,
        after_tax,
    }: BenefitOptions,
) -> Result<(), String> {
    let org = generate(&SynthConfig::new(employees, seed)).map_err(|e| e.to_string())?;
    let synth = BenefitSynthConfig::default()
        .remote_shortfall(shortfall)
        .map_err(|e| e.to_string())?;
    let (cpu0, wall0) = (cpu_seconds()?, Instant::now());
    let data = benefit_data(&org, &synth).map_err(|e| e.to_string())?;
    let (data_cpu, data_wall) = (cpu_seconds()? - cpu0, wall0.elapsed().as_secs_f64());
    let index: &dyn LocationIndex = match index_kind {
        LocationIndexKind::Fx => data.rates(),
        LocationIndexKind::Ppp => data.purchasing_power(),
    };
    let rates35 = MarginalRates::default()
        .with_default(Decimal::new(35, 2))
        .map_err(|e| e.to_string())?;
    let inputs = Inputs::new(
        org.roster(),
        data.catalogue(),
        data.enrolments(),
        data.rates(),
    )
    .with_location_index(index);
    let inputs = if after_tax {
        inputs.with_tax_model(&rates35 as &dyn TaxModel)
    } else {
        inputs
    };
    let config = Config::new(org.as_of());

    let (cpu0, wall0) = (cpu_seconds()?, Instant::now());
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let audit = audit(&inputs, &config, &mut engine).map_err(|e| e.to_string())?;
    let (audit_cpu, audit_wall) = (cpu_seconds()? - cpu0, wall0.elapsed().as_secs_f64());

    outln!(
        "Benefit equity audit on {} ({} employees, seed {seed}, {} benefits, {} enrolments)",
        org.as_of(),
        org.roster().len(),
        data.catalogue().len(),
        data.enrolments().len()
    );
    outln!(
        "Values: {}; {}. Planted remote gap: {}.\n",
        audit.index_description(),
        audit.tax_description(),
        pct(data.truth().gap(WorkMode::Remote))
    );

    let header: Vec<String> = ["work mode", "employees", "mean value", "median value"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let rows: Vec<Vec<String>> = audit
        .equity()
        .by_mode()
        .iter()
        .map(|b| {
            vec![
                b.work_mode().to_string(),
                show(b.value().count()),
                show_money(b.value().mean()),
                show_money(b.value().median()),
            ]
        })
        .collect();
    out!("{}", format_table(&header, &rows));

    outln!("\nGaps against onsite staff (level × country cells and tenure controlled):");
    let header: Vec<String> = ["work mode", "unadjusted", "adjusted", "95% CI", "p"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let rows: Vec<Vec<String>> = audit
        .equity()
        .gaps()
        .iter()
        .map(|g| {
            let unadjusted = match g.unadjusted() {
                Some(Disclosed::Published(u)) => pct(u),
                Some(Disclosed::Suppressed(_)) => "*".to_owned(),
                None => "no onsite mean".to_owned(),
            };
            match g.adjusted() {
                GapEstimate::Estimated(a) => vec![
                    g.work_mode().to_string(),
                    unadjusted,
                    pct(a.gap()),
                    format!("{} to {}", pct(a.lower()), pct(a.upper())),
                    if a.p_value() < 1e-4 {
                        "< 0.0001".to_owned()
                    } else {
                        format!("{:.4}", a.p_value())
                    },
                ],
                other => vec![
                    g.work_mode().to_string(),
                    unadjusted,
                    match other {
                        GapEstimate::TooSmall => "too few to say".to_owned(),
                        GapEstimate::NotIdentified => "not identified".to_owned(),
                        GapEstimate::Withheld(_) => "withheld".to_owned(),
                        _ => "not estimated".to_owned(),
                    },
                    String::new(),
                    String::new(),
                ],
            }
        })
        .collect();
    out!("{}", format_table(&header, &rows));

    if !audit.remediation().is_empty() {
        outln!("\nRemediation budgets (per year, base currency at market rates):");
        let header: Vec<String> = ["work mode", "strategy", "recipients", "budget"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let rows: Vec<Vec<String>> = audit
            .remediation()
            .iter()
            .map(|p| {
                vec![
                    p.work_mode().to_string(),
                    p.strategy().as_str().to_owned(),
                    show(p.recipients()),
                    show_money(p.base_total()),
                ]
            })
            .collect();
        out!("{}", format_table(&header, &rows));
    }

    outln!(
        "
Findings (health {}):",
        audit.health()
    );
    for f in audit.findings() {
        outln!("- [{}] {} {}", f.severity(), f.code(), f.title());
        if !f.detail().is_empty() {
            outln!("    {}", f.detail());
        }
        if let Some(table) = f.table() {
            let rows: Vec<Vec<String>> = table.rows().to_vec();
            for line in format_table(table.columns(), &rows).lines() {
                outln!("    {line}");
            }
        }
        outln!("    -> {}", f.recommendation());
    }
    // Timings go to stderr so the report on stdout stays reproducible.
    eprintln!(
        "benefit data generated: {:.0} ms CPU ({:.0} ms wall); audit: {:.0} ms CPU ({:.0} ms wall)",
        data_cpu * 1e3,
        data_wall * 1e3,
        audit_cpu * 1e3,
        audit_wall * 1e3
    );
    Ok(())
}
