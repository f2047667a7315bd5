//! Proximity-bias audit of promotions: are remote and hybrid employees promoted less
//! than onsite employees with the same record?
//!
//! With a CSV file (its columns are listed by `--help` and in `docs/examples.md`), audits
//! it; a malformed row stops the run with an error naming the line and column, nothing on
//! stdout, and a non-zero exit code. Without a file, it audits a synthetic organisation
//! with a planted remote penalty (odds ratio 0.6), a smaller hybrid one (0.85) and a
//! slight rating bias against remote staff.
//!
//! `--json` prints one JSON object (see `remit_examples::promotion::report_json`);
//! otherwise a readable report. Options: `cargo run --release --example promotion_audit
//! -- --help`, or `docs/examples.md`.
#![expect(
    clippy::disallowed_methods,
    reason = "an example is a program: it reads or writes files and times itself, which clippy.toml bans in library crates only"
)]

use std::process::ExitCode;

use chrono::{Days, NaiveDate};
use remit_core::AuditExt as _;
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_core::{Audit, WorkMode};
use remit_examples::cli::commands::{PROMOTION_AUDIT, PromotionAuditOptions, PromotionInput};
use remit_examples::promotion::report_json;
use remit_examples::{format_table, out};
use remit_ingest::promotion_csv::parse_reader;
use remit_promotion_bias::{Config, Error, Inputs, PromotionTable, audit};
use remit_synth::promotion::{PromotionSynthConfig, promotion_history};
use remit_synth::{SynthConfig, generate};

fn main() -> ExitCode {
    PROMOTION_AUDIT.main(|options| run(options).map(|output| out!("{output}")))
}

/// Today (UTC), the date a report of a CSV file is as of: the file's rows carry their
/// own window, so the date changes no figure.
fn today() -> NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(Days::new(days)))
        .unwrap_or_default()
}

/// The synthetic organisation's promotion table and the day after its window.
fn synthetic(employees: usize, seed: u64) -> Result<(PromotionTable, NaiveDate), String> {
    let org = generate(&SynthConfig::new(employees, seed)).map_err(|e| e.to_string())?;
    let planted = PromotionSynthConfig::default()
        .odds_ratio(WorkMode::Remote, 0.6)
        .and_then(|c| c.odds_ratio(WorkMode::Hybrid, 0.85))
        .and_then(|c| c.rating_shift(WorkMode::Remote, -0.2))
        .and_then(|c| c.level_skew(WorkMode::Remote, 0.15))
        .map_err(|e| e.to_string())?;
    let history = promotion_history(&org, &planted).map_err(|e| e.to_string())?;
    Ok((history.into_table(), org.as_of()))
}

fn run(PromotionAuditOptions { input, json }: PromotionAuditOptions) -> Result<String, String> {
    let (records, lines, source, as_of) = match input {
        PromotionInput::Synthetic { employees, seed } => {
            let (records, as_of) = synthetic(employees, seed)?;
            (
                records,
                None,
                format!("synthetic organisation ({employees} employees, seed {seed})"),
                as_of,
            )
        }
        PromotionInput::Csv(path) => {
            let shown = path.display().to_string();
            let file =
                std::fs::File::open(&path).map_err(|e| format!("cannot read {shown}: {e}"))?;
            let parsed = parse_reader(file).map_err(|e| format!("{shown}: {e}"))?;
            (parsed.table, Some(parsed.lines), shown, today())
        }
    };
    let config = Config::new(as_of)
        .with_intersections(["gender"])
        .map_err(|e| e.to_string())?;
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let report =
        audit(&Inputs::from_table(&records), &config, &mut engine).map_err(|e| {
            match (&e, &lines) {
                (Error::DuplicateEmployee { first, second, .. }, Some(lines)) => format!(
                    "{source}: line {}, column `employee_id`: repeats the employee of line {}",
                    lines.get(*second).copied().unwrap_or(0),
                    lines.get(*first).copied().unwrap_or(0)
                ),
                _ => format!("{source}: {e}"),
            }
        })?;
    if json {
        serde_json::to_string_pretty(&report_json(&report))
            .map(|s| s + "\n")
            .map_err(|e| e.to_string())
    } else {
        Ok(text_report(&report, &source))
    }
}

fn p(x: f64) -> String {
    if x < 0.001 {
        "<0.001".to_owned()
    } else {
        format!("{x:.3}")
    }
}

fn text_report(report: &remit_promotion_bias::PromotionReport, source: &str) -> String {
    let reference = report.reference().map_or("none", |m| m.as_str());
    let mut out = format!(
        "Promotion audit of {source}\n{} employees analysed; reference group: {reference}.\n\
         Work mode is not a protected class: the four-fifths rule (29 CFR 1607.4(D)) is used by analogy.\n\n",
        report.n()
    );
    let header: Vec<String> = ["work mode", "n", "promoted", "rate", "median months"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let rows: Vec<Vec<String>> = report
        .groups()
        .iter()
        .map(|g| {
            vec![
                g.work_mode.to_string(),
                g.n.to_string(),
                g.promoted.to_string(),
                format!("{:.1}%", 100.0 * g.rate),
                g.median_months_to_promotion
                    .map_or("not reached".to_owned(), |m| format!("{m:.1}")),
            ]
        })
        .collect();
    out.push_str(&format_table(&header, &rows));
    if !report.withheld_groups().is_empty() {
        let names: Vec<String> = report
            .withheld_groups()
            .iter()
            .map(|w| format!("{} ({})", w.work_mode.as_str(), w.reason))
            .collect();
        out.push_str(&format!(
            "Left out by the disclosure engine: {}\n",
            names.join(", ")
        ));
    }
    let header: Vec<String> = [
        "vs reference",
        "impact ratio",
        "z",
        "Fisher p",
        "Holm p",
        "CMH p",
        "MH OR",
        "adjusted OR (95% CI)",
        "OR p",
        "ratings p",
        "min detectable",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows: Vec<Vec<String>> = report
        .comparisons()
        .iter()
        .map(|c| {
            vec![
                c.work_mode.to_string(),
                c.impact_ratio.map_or("-".into(), |i| {
                    format!(
                        "{:.2}{}",
                        i.ratio,
                        if i.four_fifths_met { "" } else { " (<0.8)" }
                    )
                }),
                c.z_test
                    .map_or("-".into(), |z| format!("{:.2}", z.statistic)),
                p(c.fisher_p_value),
                p(c.adjusted_p_value),
                c.stratified
                    .as_ref()
                    .map_or("-".into(), |s| p(s.cmh.p_value)),
                c.stratified
                    .as_ref()
                    .and_then(|s| s.common_odds_ratio)
                    .map_or("-".into(), |o| format!("{:.2}", o.odds_ratio)),
                c.logistic.map_or("-".into(), |t| {
                    format!("{:.2} ({:.2}-{:.2})", t.odds_ratio, t.ci_low, t.ci_high)
                }),
                c.logistic.map_or("-".into(), |t| p(t.p_value)),
                c.rating.map_or("-".into(), |r| p(r.p_value)),
                c.min_detectable_ratio
                    .map_or("-".into(), |m| format!("{m:.2}")),
            ]
        })
        .collect();
    out.push('\n');
    out.push_str(&format_table(&header, &rows));
    if let Some(c) = report.chi_square() {
        out.push_str(&format!(
            "Chi-square (work mode x promoted): {:.2} on {} df, p {}\n",
            c.statistic,
            c.df,
            p(c.p_value)
        ));
    }
    if let Some(l) = report.logrank() {
        out.push_str(&format!(
            "Log-rank (time to promotion): {:.2} on {} df, p {}\n",
            l.statistic,
            l.df,
            p(l.p_value)
        ));
    }
    out.push_str("\nFindings\n");
    for f in report.findings() {
        out.push_str(&format!(
            "\n[{}] {} ({}): {}\n  {}\n  -> {}\n",
            f.severity(),
            f.code(),
            f.cohort(),
            f.title(),
            f.detail(),
            f.recommendation()
        ));
    }
    let h = report.health();
    out.push_str(&format!("\nHealth: {h}\n"));
    out
}
