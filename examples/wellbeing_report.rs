//! Scores a synthetic organisation's wellbeing surveys and 12 weeks of collaboration
//! signals, and prints the privacy-protected cohort report with its findings.
//!
//! By default a burden is planted: remote staff 8+ hours from headquarters carry 3 extra
//! after-hours hours a week. The report should find and name it.
//!
//! Options: `cargo run --release --example wellbeing_report -- --help`, or
//! `docs/examples.md`.
#![allow(clippy::disallowed_methods)]

use remit_core::AuditExt as _;
use std::process::ExitCode;
use std::time::Instant;

use remit_core::Audit;
use remit_core::privacy::Disclosed;
use remit_examples::cli::commands::{WELLBEING_REPORT, WellbeingReportOptions};
use remit_examples::{format_table, out, outln};
use remit_synth::wellbeing::{WellbeingSynthConfig, wellbeing_data};
use remit_synth::{SynthConfig, generate};
use remit_wellbeing::builtin::{Cbi, Who5};
use remit_wellbeing::individual::{Individuals, SurveyResults};
use remit_wellbeing::report::{CohortReport, CohortStats, Dimension, LaplaceNoise, ReportConfig};
use remit_wellbeing::risk::WeightedRiskModel;

fn main() -> ExitCode {
    WELLBEING_REPORT.main(run)
}

fn num(d: Disclosed<f64>, digits: usize) -> String {
    match d {
        Disclosed::Published(v) => format!("{v:.digits$}"),
        Disclosed::Suppressed(_) => "*".to_owned(),
    }
}

fn pct(d: Disclosed<f64>) -> String {
    match d {
        Disclosed::Published(v) => format!("{:.0}%", v * 100.0),
        Disclosed::Suppressed(_) => "*".to_owned(),
    }
}

fn row(label: String, s: &CohortStats) -> Vec<String> {
    vec![
        label,
        s.headcount.to_string(),
        num(s.after_hours, 1),
        num(s.collaboration, 1),
        num(s.focus, 1),
        num(s.out_of_hours_meetings, 1),
        pct(s.high_risk_share),
        pct(s.high_burnout_share),
        num(s.who5_mean, 0),
        pct(s.worsening_share),
    ]
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

    let started = Instant::now();
    let surveys =
        SurveyResults::score_batch(&Who5::new(), &Cbi::new(), data.respondents(), data.codes())
            .map_err(|e| e.to_string())?;
    let individuals = Individuals::assess(
        data.employees(),
        data.panel(),
        &surveys,
        &WeightedRiskModel::default(),
    )
    .map_err(|e| e.to_string())?;
    let mut config = ReportConfig::new(org.as_of());
    if let Some(eps) = epsilon {
        config = config.with_noise(LaplaceNoise::new(eps, seed).map_err(|e| e.to_string())?);
    }
    let report =
        CohortReport::build(data.employees(), &individuals, &config).map_err(|e| e.to_string())?;
    let elapsed = started.elapsed();

    outln!(
        "Wellbeing on {} for {} active employees ({} survey responses, {} weeks of signals), seed {seed}",
        org.as_of(),
        data.employees().len(),
        surveys.len(),
        data.panel().weeks()
    );
    outln!(
        "Planted: {:.1} extra after-hours h/week on {} remote staff {}+ h from headquarters.",
        data.truth().far_after_hours(),
        data.truth().planted_employees(),
        data.truth().far_distance_hours()
    );
    outln!(
        "Scored, assessed and reported in {:.0} ms. Cohorts under the minimum group size \
         (5; 10 per manager) or open to differencing are suppressed (*).\n",
        elapsed.as_secs_f64() * 1e3
    );
    let header: Vec<String> = [
        "cohort",
        "people",
        "after-hours h",
        "collab h",
        "focus h",
        "ooh mtgs",
        "high risk",
        "CBI high",
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
        if !f.recommendation().is_empty() && f.severity() >= remit_core::Severity::Medium {
            outln!("      -> {}", f.recommendation());
        }
    }
    let health = report.health();
    outln!("\nHealth {health}");
    // A personal view, as the employee themself would see it.
    if let Some(me) = data.employees().first()
        && let Some(view) = individuals.personal_view(me.id())
    {
        {
            let drivers: Vec<String> = view
                .risk
                .drivers()
                .iter()
                .take(3)
                .map(|(f, c)| format!("{f} ({c:.0} pts)"))
                .collect();
            outln!(
                "\nPersonal view for the first employee (shown only to them): risk {:.0} ({}), driven by {}.",
                view.risk.index(),
                view.risk.band(),
                if drivers.is_empty() {
                    "nothing".to_owned()
                } else {
                    drivers.join(", ")
                }
            );
        }
    }
    Ok(())
}
