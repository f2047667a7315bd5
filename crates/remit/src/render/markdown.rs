//! The scorecard as Markdown (GitHub-flavoured tables).

use std::fmt::Write as _;

use remit_core::{FindingTable, HealthBand, Severity};

use super::entries::{self, Entry, GroupColumn};
use super::format;
use super::text::TOP_FINDINGS;
use crate::scorecard::Scorecard;

/// The scorecard as Markdown: the summary (overall health, a table of domains with their
/// health or why they were not measured, the top findings), then a section per domain
/// whose repeated findings of one kind are one table, then the cross-domain observations.
pub fn markdown(scorecard: &Scorecard) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Remote-work scorecard\n");
    let _ = writeln!(out, "**{}**\n", format::overall(scorecard.overall()));
    let _ = writeln!(
        out,
        "| Domain | Health | Critical | High | Medium | Low | Info | Why |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|---|");
    for d in scorecard.domains() {
        let counts = d.findings_by_severity();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            d.domain().label(),
            format::health(d.health()),
            counts.at(Severity::Critical),
            counts.at(Severity::High),
            counts.at(Severity::Medium),
            counts.at(Severity::Low),
            counts.at(Severity::Info),
            cell(d.health().reason())
        );
    }

    let top = entries::top(scorecard, TOP_FINDINGS);
    if top.is_empty() {
        let _ = writeln!(out, "\nNo findings that need action.");
    } else {
        let _ = writeln!(out, "\n## Top findings\n");
        for (i, e) in top.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. **{}** {} — {}{}",
                i + 1,
                format::severity(e.severity()),
                inline(&e.headline()),
                e.lead().domain().label(),
                format::affected(e.lead())
            );
        }
    }

    for (summary, domain_entries) in entries::by_domain(scorecard) {
        let _ = writeln!(
            out,
            "\n## {} — {}\n",
            summary.domain().label(),
            format::health(summary.health())
        );
        if summary.health().band() == HealthBand::NotMeasured {
            let _ = writeln!(out, "Not measured: {}\n", inline(summary.health().reason()));
        }
        if domain_entries.is_empty() {
            let _ = writeln!(out, "No findings.\n");
        }
        for entry in &domain_entries {
            write_entry(&mut out, entry);
        }
    }

    if !scorecard.observations().is_empty() {
        let _ = writeln!(out, "\n## Across domains\n");
        for o in scorecard.observations() {
            let _ = writeln!(out, "- {}", inline(o.text()));
        }
    }
    out
}

fn write_entry(out: &mut String, entry: &Entry<'_>) {
    if !entry.is_group() {
        let f = entry.lead();
        let _ = writeln!(
            out,
            "### {} — {}\n\n*{}{}, `{}`*\n",
            format::severity(f.severity()),
            inline(f.title()),
            inline(&f.cohort().to_string()),
            format::affected(f),
            f.code()
        );
        if !f.detail().is_empty() {
            let _ = writeln!(out, "{}\n", inline(f.detail()));
        }
        if let Some(m) = f.metric() {
            let _ = writeln!(out, "- Metric: {}", inline(&format::metric(m)));
        }
        let _ = writeln!(out, "- Recommendation: {}\n", inline(f.recommendation()));
        if let Some(table) = f.table() {
            write_table(out, table.columns(), table.rows());
        }
        return;
    }
    let _ = writeln!(
        out,
        "### {} — {} findings of one kind (`{}`)\n",
        format::severity(entry.severity()),
        entry.len(),
        entry.code()
    );
    let shared = entry.shared_recommendation();
    let columns = entry.columns();
    if !columns.contains(&GroupColumn::Who) {
        let _ = writeln!(out, "*{}*\n", inline(&entry.lead().cohort().to_string()));
    }
    let headings: Vec<String> = columns.iter().map(|c| c.heading().to_owned()).collect();
    let rows: Vec<Vec<String>> = entry
        .findings()
        .map(|f| columns.iter().map(|c| c.text(f)).collect())
        .collect();
    write_table(out, &headings, &rows);
    if let Some(r) = shared {
        let _ = writeln!(out, "- Recommendation, for each: {}\n", inline(r));
    }
    for f in entry.findings() {
        if let Some(table) = f.table() {
            let _ = writeln!(out, "Cases of *{}*:\n", inline(f.title()));
            write_finding_table(out, table);
        }
    }
}

fn write_finding_table(out: &mut String, table: &FindingTable) {
    write_table(out, table.columns(), table.rows());
}

fn write_table(out: &mut String, columns: &[String], rows: &[Vec<String>]) {
    let line = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let _ = writeln!(out, "{}", line(columns));
    let _ = writeln!(out, "|{}", "---|".repeat(columns.len()));
    for row in rows {
        let _ = writeln!(out, "{}", line(row));
    }
    let _ = writeln!(out);
}

/// Text inside a table cell: pipes escaped, on one line.
fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|")
}

/// Text in running Markdown: on one line, with characters that would start markup
/// (`*`, `_`, `` ` ``, `[`, `<`) escaped.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '*' | '_' | '`' | '[' | ']' | '<' | '>' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}
