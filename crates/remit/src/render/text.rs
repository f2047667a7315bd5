//! The scorecard for a terminal: a summary first, then the findings domain by domain.

use std::fmt::Write as _;

use remit_core::{Finding, FindingTable, Health, HealthBand};

use super::entries::{self, Entry};
use super::format;
use crate::scorecard::Scorecard;

/// How many entries the summary lists as top findings.
pub(crate) const TOP_FINDINGS: usize = 5;

/// The scorecard as plain text: overall health and each domain's health (or why it was
/// not measured), the top findings, then every finding grouped by domain (repeated
/// findings of one kind as one entry with a line per case), then the cross-domain
/// observations.
pub fn text(scorecard: &Scorecard) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "REMOTE-WORK SCORECARD");
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", format::overall(scorecard.overall()));
    let label_width = scorecard
        .domains()
        .iter()
        .map(|d| d.domain().label().chars().count())
        .max()
        .unwrap_or(0);
    let health_width = scorecard
        .domains()
        .iter()
        .map(|d| format::health(d.health()).chars().count())
        .max()
        .unwrap_or(0);
    for d in scorecard.domains() {
        let _ = writeln!(
            out,
            "  {:<label_width$}  {:<health_width$}  {}  {}",
            d.domain().label(),
            format::health(d.health()),
            bar(d.health()),
            d.health().reason()
        );
    }

    let top = entries::top(scorecard, TOP_FINDINGS);
    let _ = writeln!(out);
    if top.is_empty() {
        let _ = writeln!(out, "No findings that need action.");
    } else {
        let _ = writeln!(out, "TOP FINDINGS");
        for (i, e) in top.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {}. [{}] {} — {}{}",
                i + 1,
                format::severity(e.severity()),
                e.headline(),
                e.lead().domain().label(),
                format::affected(e.lead())
            );
        }
    }

    for (summary, domain_entries) in entries::by_domain(scorecard) {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{} — {}",
            summary.domain().label().to_uppercase(),
            format::health(summary.health())
        );
        if summary.health().band() == HealthBand::NotMeasured {
            let _ = writeln!(out, "  Not measured: {}", summary.health().reason());
        }
        if domain_entries.is_empty() {
            let _ = writeln!(out, "  No findings.");
        }
        for (i, entry) in domain_entries.iter().enumerate() {
            let _ = writeln!(out);
            write_entry(&mut out, i + 1, entry);
        }
    }

    if !scorecard.observations().is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "ACROSS DOMAINS");
        for o in scorecard.observations() {
            let _ = writeln!(out, "  - {}", o.text());
        }
    }
    out
}

fn write_entry(out: &mut String, number: usize, entry: &Entry<'_>) {
    if !entry.is_group() {
        let f = entry.lead();
        let _ = writeln!(
            out,
            "{number:>3}. [{}] {} ({})",
            format::severity(f.severity()),
            f.title(),
            f.code()
        );
        write_body(out, f, "     ");
        let _ = writeln!(out, "     Do: {}", f.recommendation());
        return;
    }
    let _ = writeln!(
        out,
        "{number:>3}. [{}] {} findings of one kind ({})",
        format::severity(entry.severity()),
        entry.len(),
        entry.code()
    );
    let shared = entry.shared_recommendation();
    for f in entry.findings() {
        let severity = if entry.one_severity() {
            String::new()
        } else {
            format!("[{}] ", format::severity(f.severity()))
        };
        let _ = writeln!(out, "     - {severity}{}", f.title());
        write_body(out, f, "       ");
        if shared.is_none() {
            let _ = writeln!(out, "       Do: {}", f.recommendation());
        }
    }
    if let Some(r) = shared {
        let _ = writeln!(out, "     Do, for each: {r}");
    }
}

fn write_body(out: &mut String, f: &Finding, indent: &str) {
    if !f.detail().is_empty() {
        let _ = writeln!(out, "{indent}{}", f.detail());
    }
    let _ = writeln!(out, "{indent}Who: {}{}", f.cohort(), format::affected(f));
    if let Some(m) = f.metric() {
        let _ = writeln!(out, "{indent}Metric: {}", format::metric(m));
    }
    if let Some(table) = f.table() {
        write_table(out, table, indent);
    }
}

/// A finding's table with columns padded to their widest cell.
fn write_table(out: &mut String, table: &FindingTable, indent: &str) {
    let width = |i: usize| {
        table
            .rows()
            .iter()
            .filter_map(|r| r.get(i))
            .chain(table.columns().get(i))
            .map(|c| c.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..table.columns().len()).map(width).collect();
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    let _ = writeln!(out, "{indent}{}", line(table.columns()));
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    let _ = writeln!(out, "{indent}{}", line(&rule));
    for row in table.rows() {
        let _ = writeln!(out, "{indent}{}", line(row));
    }
}

/// A 20-character bar of the score; hatched when not measured.
fn bar(health: &Health) -> String {
    match health.score() {
        Some(score) => {
            let filled = usize::from(score.min(100)) / 5;
            format!("[{}{}]", "#".repeat(filled), ".".repeat(20 - filled))
        }
        None => format!("[{}]", "/".repeat(20)),
    }
}
