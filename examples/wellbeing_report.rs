//! Scores a synthetic organisation's wellbeing surveys and 12 weeks of collaboration
//! signals, and prints the wellbeing report: cohort figures released through the
//! disclosure engine, findings, health, one cross-domain comparison and one person's
//! own view.
//!
//! By default a burden is planted: remote staff 8+ hours from headquarters carry 3 extra
//! after-hours hours a week. The report should find and name it.
//!
//! Options: `cargo run --release --example wellbeing_report -- --help`, or
//! `docs/examples.md`.
//!
//! `--epsilon E` lets the engine answer comparisons the exact rule refuses with
//! calibrated noise (ε = E per figure, a budget of 10 E); the noise secret is read from
//! the operating system for each run, as a real deployment would read it from its key
//! store.
#![expect(
    clippy::disallowed_methods,
    reason = "an example is a program: it reads or writes files and times itself, which clippy.toml bans in library crates only"
)]

use std::io::Read;
use std::process::ExitCode;
use std::time::Instant;

use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy, NoisePolicy};
use remit_core::{Audit, AuditExt as _, Coverage, EmployeeGroup};
use remit_examples::cli::commands::{WELLBEING_REPORT, WellbeingReportOptions};
use remit_examples::{format_table, out, outln};
use remit_synth::wellbeing::{WellbeingSynthConfig, wellbeing_data};
use remit_synth::{SynthConfig, generate};
use remit_wellbeing::{
    Cbi, CohortStats, Config, Dimension, Inputs, RiskBand, SurveyResults, Who5, audit,
};

fn main() -> ExitCode {
    WELLBEING_REPORT.main(run)
}

/// A published figure, `*` when withheld, `-` when the cohort has nobody to measure.
fn figure<T>(part: Option<Disclosed<T>>, show: impl Fn(&T) -> String) -> String {
    match part {
        Some(Disclosed::Published(v)) => show(&v),
        Some(Disclosed::Suppressed(_)) => "*".to_owned(),
        None => "-".to_owned(),
    }
}

fn row(label: String, s: &CohortStats) -> Vec<String> {
    let b = s.behaviour();
    let v = s.survey();
    let pct = |x: f64| format!("{:.0}%", x * 100.0);
    vec![
        label,
        figure(Some(s.headcount()), u64::to_string),
        figure(b, |b| format!("{:.1}", b.after_hours())),
        figure(b, |b| format!("{:.1}", b.collaboration())),
        figure(b, |b| format!("{:.1}", b.focus())),
        figure(b, |b| format!("{:.1}", b.out_of_hours_meetings())),
        figure(b, |b| pct(b.risk_share(RiskBand::High))),
        figure(v, |v| pct(v.high_cbi_work_burnout_share())),
        figure(v, |v| format!("{:.0}", v.who5_mean())),
        figure(b, |b| pct(b.worsening_share())),
    ]
}

/// A 128-bit noise secret from the operating system.
fn os_secret() -> Result<u128, String> {
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| format!("cannot read a noise secret from /dev/urandom: {e}"))?;
    Ok(u128::from_le_bytes(bytes))
}

fn run(
    WellbeingReportOptions {
        employees,
        seed,
        plant_hours: plant,
        epsilon,
    }: WellbeingReportOptions,
) -> Result<(), String> {
    let org = generate(&SynthConfig::new(employees, seed)).map_err(|e| e.to_string())?;
    let synth = WellbeingSynthConfig::default()
        .far_after_hours(plant)
        .map_err(|e| e.to_string())?;
    let data = wellbeing_data(&org, &synth).map_err(|e| e.to_string())?;

    let mut policy = DisclosurePolicy::default();
    if let Some(eps) = epsilon {
        let noise = NoisePolicy::new(eps, 10.0 * eps, os_secret()?).map_err(|e| e.to_string())?;
        policy = policy.with_noise(noise);
    }
    let mut engine = Disclosure::new(policy);

    let started = Instant::now();
    let surveys =
        SurveyResults::score_batch(&Who5::new(), &Cbi::new(), data.respondents(), data.codes())
            .map_err(|e| e.to_string())?;
    let inputs = Inputs::new(org.roster(), &surveys, data.panel());
    let report =
        audit(&inputs, &Config::new(org.as_of()), &mut engine).map_err(|e| e.to_string())?;
    let elapsed = started.elapsed();

    outln!(
        "Wellbeing on {} for the people employed that day ({} survey responses, {} weeks of signals), seed {seed}",
        org.as_of(),
        surveys.len(),
        data.panel().weeks()
    );
    outln!(
        "Planted: {:.1} extra after-hours h/week on {} remote staff {}+ h from headquarters.",
        data.truth().far_after_hours(),
        data.truth().planted_employees(),
        data.truth().far_distance_hours()
    );
    let min = engine.policy().min_group();
    let manager_min = engine.policy().manager_facing_min();
    outln!(
        "Scored, assessed and reported in {:.0} ms. Every figure passed the disclosure engine \
         (minimum {min}; {manager_min} for manager teams): * withheld, - nobody to measure.\n",
        elapsed.as_secs_f64() * 1e3
    );
    let header: Vec<String> = [
        "cohort",
        "people",
        "after-hours h",
        "collab h",
        "focus h",
        "ooh mtgs",
        "high risk index",
        "high CBI (≥50)",
        "WHO-5",
        "worsening",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for dim in [
        Dimension::WorkMode,
        Dimension::WorkModeByUtcOffset,
        Dimension::TeamDistance,
    ] {
        let mut rows: Vec<Vec<String>> = report
            .cut(dim)
            .map(|r| row(r.cohort().to_string(), r.stats()))
            .collect();
        rows.push(row("everyone".to_owned(), report.total()));
        outln!("By {dim}:");
        out!("{}", format_table(&header, &rows));
        outln!();
    }
    outln!("Findings:");
    for f in report.findings() {
        outln!("  [{}] {} {}", f.severity(), f.code(), f.title());
        if let Some(table) = f.table() {
            for cells in table.rows() {
                outln!("      {}", cells.join(" | "));
            }
        }
        if f.severity() >= remit_core::Severity::Medium {
            outln!("      -> {}", f.recommendation());
        }
    }
    match report.coverage() {
        Coverage::Measured => outln!("\nHealth {}", report.health()),
        Coverage::NotMeasured { reason } => outln!("\nHealth not measured: {reason}"),
    }

    // What a scorecard would ask: another domain's group against everyone else. The
    // planted group is answered; the same group with one more person is refused (it
    // would give that person's values by subtraction), or answered with noise.
    let planted = data.truth().planted().to_vec();
    let mut plus_one = planted.clone();
    if let Some(extra) = org
        .roster()
        .iter()
        .find(|e| e.is_active_on(org.as_of()) && !planted.contains(&e.id()))
    {
        plus_one.push(extra.id());
    }
    for (label, members) in [
        ("the planted group", planted),
        ("the planted group and one more person", plus_one),
    ] {
        let group = EmployeeGroup::new("example.group", label, members);
        outln!("\nCompared with everyone else: {label}");
        for c in report
            .compare_group(&group, &mut engine)
            .map_err(|e| e.to_string())?
        {
            let value = |d: Disclosed<f64>| match d {
                Disclosed::Published(v) => format!("{v:.3}"),
                Disclosed::Suppressed(reason) => reason.to_string(),
            };
            let noise = c
                .noise_scale()
                .map_or(String::new(), |s| format!(" (Laplace noise, scale {s:.3})"));
            let p = c
                .p_value()
                .map_or(String::new(), |p| format!(", p = {p:.2e}"));
            outln!(
                "  {}: {} vs {}{p}{noise}",
                c.metric(),
                value(c.in_group()),
                value(c.rest())
            );
        }
    }

    // A personal view, as the employee themself would see it.
    let people = remit_wellbeing::Individuals::assess(&inputs, &Config::new(org.as_of()))
        .map_err(|e| e.to_string())?;
    if let Some(view) = people
        .employees()
        .first()
        .and_then(|&me| people.personal_view(me))
    {
        let drivers: Vec<String> = view
            .risk()
            .drivers()
            .iter()
            .take(3)
            .map(|(f, c)| format!("{f} ({c:.0} pts)"))
            .collect();
        outln!(
            "\nPersonal view for the first employee (shown only to them): risk index {:.0} ({} band), driven by {}.",
            view.risk().index(),
            view.risk().band(),
            if drivers.is_empty() {
                "nothing".to_owned()
            } else {
                drivers.join(", ")
            }
        );
    }
    Ok(())
}
