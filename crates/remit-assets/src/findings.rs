//! The report's findings, worded from released figures and asset-level checks only: this
//! module never sees a raw count about people.

use std::fmt::Write as _;

use remit_core::disclosure::{Disclosed, Suppression};
use remit_core::{Domain, Finding, FindingTable, Metric, Severity, WorkMode};

use crate::asset::AssetTag;
use crate::codes;
use crate::config::Config;
use crate::error::Error;
use crate::figures::{KitFigures, RetrievalFigures};
use crate::forecast::FleetChecks;

/// How many asset tags a finding names before "and N more".
const TAGS_SHOWN: usize = 10;

/// What the findings are built from.
pub(crate) struct Sources<'a> {
    /// Kit coverage, when measured.
    pub(crate) kit: Option<&'a KitFigures>,
    /// Retrieval from leavers, when anyone left.
    pub(crate) retrieval: Option<&'a RetrievalFigures>,
    /// The asset-level checks.
    pub(crate) checks: &'a FleetChecks,
    /// The configuration (deadlines and horizons named in the text).
    pub(crate) config: &'a Config,
}

/// Every finding, most severe first (ties in the order of the crate's code table).
pub(crate) fn build(sources: &Sources<'_>) -> Result<Vec<Finding>, Error> {
    let mut findings = Vec::new();
    let checks = sources.checks;
    if !checks.unsanitised.is_empty() {
        findings.push(retired_unsanitised(&checks.unsanitised)?);
    }
    if let Some(kit) = sources.kit {
        findings.extend(kit_gap(kit)?);
    }
    if let Some(retrieval) = sources.retrieval {
        findings.extend(retrieval_overdue(retrieval, sources.config)?);
    }
    if !checks.missing.is_empty() {
        findings.push(missing(&checks.missing)?);
    }
    if checks.audits_overdue > 0 {
        findings.push(audits_overdue(checks, sources.config)?);
    }
    if checks.warranties_ending > 0 {
        findings.push(
            Finding::builder(
                Domain::Assets,
                codes::WARRANTY_ENDING,
                Severity::Low,
                format!(
                    "{} warranties end in the next {} months",
                    count(checks.warranties_ending),
                    sources.config.horizon_months()
                ),
            )
            .metric(Metric::new("warranties ending", checks.warranties_ending as f64)?)
            .recommendation("Have faulty devices repaired under warranty before it ends, or extend cover for the ones you will keep.")
            .build()?,
        );
    }
    if !checks.budget.is_empty() {
        findings.push(end_of_life(checks, sources.config)?);
    }
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity()));
    Ok(findings)
}

/// Why a figure was withheld, in words, for coverage reasons and prose.
pub(crate) fn withheld_reason(reason: Suppression) -> &'static str {
    match reason {
        Suppression::BelowMinimum => "too few people to publish without identifying someone",
        Suppression::Complementary => {
            "publishing it would let a reader isolate a small group from figures already published"
        }
        Suppression::BudgetExhausted => "the privacy budget for noisy figures is spent",
        _ => "the disclosure engine withheld it",
    }
}

/// A released count with thousands separators, or `withheld`.
fn cell(value: Disclosed<u64>) -> String {
    value
        .published()
        .map_or_else(|| "withheld".to_owned(), count)
}

/// A count with comma thousands separators (`40,570`).
/// `"1 asset"`, `"3 assets"`, `"1,204 assets"`.
fn assets(n: u64) -> String {
    format!("{} asset{}", count(n), if n == 1 { "" } else { "s" })
}

/// The verb after a count: `"is"` for one, `"are"` otherwise.
fn are(n: u64) -> &'static str {
    if n == 1 { "is" } else { "are" }
}

pub(crate) fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A share (0 to 1) as a percentage with one decimal (`85.0%`).
fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// Up to [`TAGS_SHOWN`] tags, then "and N more".
fn tags(tags: &[AssetTag]) -> String {
    let shown: Vec<&str> = tags.iter().take(TAGS_SHOWN).map(AssetTag::as_str).collect();
    if tags.len() > TAGS_SHOWN {
        format!(
            "{} and {} more",
            shown.join(", "),
            count((tags.len() - TAGS_SHOWN) as u64)
        )
    } else {
        shown.join(", ")
    }
}

fn retired_unsanitised(unsanitised: &[AssetTag]) -> Result<Finding, Error> {
    let n = unsanitised.len() as u64;
    Ok(Finding::builder(
        Domain::Assets,
        codes::RETIRED_UNSANITISED,
        Severity::Critical,
        format!(
            "{} that {} data {} retired without a sanitisation record",
            assets(n),
            if n == 1 { "stores" } else { "store" },
            if n == 1 { "was" } else { "were" }
        ),
    )
    .detail(format!(
        "No NIST SP 800-88 Clear, Purge or Destroy record exists since a person last held: {}.",
        tags(unsanitised)
    ))
    .metric(Metric::new("assets retired unsanitised", n as f64)?.with_threshold(0.0))
    .recommendation("Trace each asset with its recipient, obtain a certificate of sanitisation or destruction, and treat any that cannot be traced as a possible data breach.")
    .build()?)
}

/// `ASSET-KIT-GAP`: one finding for the whole staff, with a row per work mode.
fn kit_gap(kit: &KitFigures) -> Result<Option<Finding>, Error> {
    let (Some(staff), Some(lacking)) = (kit.staff.published(), kit.lacking.published()) else {
        return Ok(None);
    };
    if lacking == 0 {
        return Ok(None);
    }
    // High when remote or hybrid staff are short (a home office has no fallback), which
    // the released figures show directly or as everyone minus the onsite row.
    let row = |mode: WorkMode| kit.by_mode.iter().find(|r| r.work_mode == mode);
    let home_row_short = [WorkMode::Remote, WorkMode::Hybrid]
        .into_iter()
        .any(|mode| {
            row(mode)
                .and_then(|r| r.lacking.published())
                .is_some_and(|l| l > 0)
        });
    let home_short_by_difference = match row(WorkMode::Onsite) {
        None => true,
        Some(onsite) => onsite
            .lacking
            .published()
            .is_some_and(|onsite_lacking| lacking > onsite_lacking),
    };
    let severity = if home_row_short || home_short_by_difference {
        Severity::High
    } else {
        Severity::Medium
    };

    let mut detail = format!(
        "{} of {} active staff lack part of the kit their work needs.",
        count(lacking),
        count(staff)
    );
    if let Some(items) = kit.items_in_place.published() {
        let _ = write!(
            detail,
            " {} of the required items are in place.",
            percent(items)
        );
    }
    let mut short: Vec<(u64, u64, &str)> = kit
        .by_category
        .iter()
        .filter_map(|c| {
            let lacking = c.lacking.published().filter(|l| *l > 0)?;
            Some((lacking, c.required_of.published()?, c.category.label()))
        })
        .collect();
    short.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.cmp(b.2)));
    if !short.is_empty() {
        let items: Vec<String> = short
            .iter()
            .map(|(lacking, of, label)| {
                format!(
                    "{} ({} of {} who need one)",
                    label.to_lowercase(),
                    count(*lacking),
                    count(*of)
                )
            })
            .collect();
        let _ = write!(detail, " Missing most often: {}.", items.join(", "));
    }
    let costs: Vec<String> = kit
        .cost_to_close
        .iter()
        .filter_map(|c| c.amount.published())
        .filter(|amount| !amount.is_zero())
        .map(|amount| amount.formatted(None))
        .collect();
    if !costs.is_empty() {
        let _ = write!(
            detail,
            " Closing the priced gaps costs {}.",
            costs.join(" + ")
        );
    }
    let withheld = kit
        .cost_to_close
        .iter()
        .filter(|c| c.amount.is_suppressed())
        .count();
    if withheld > 0 {
        let _ = write!(
            detail,
            " The cost in {withheld} more {} is withheld to protect small groups.",
            if withheld == 1 {
                "currency"
            } else {
                "currencies"
            }
        );
    }
    if !kit.unpriced.is_empty() {
        let list = kit.unpriced.to_string().to_lowercase();
        if kit.cost_to_close.is_empty() {
            let _ = write!(
                detail,
                " The gaps are not costed: the price list has no price for {list}."
            );
        } else {
            let _ = write!(
                detail,
                " Items the price list has no price for are not counted ({list})."
            );
        }
    }

    let mut table = FindingTable::new(["work mode", "staff", "lacking kit", "complete kit"]);
    for r in &kit.by_mode {
        table = table.with_row([
            r.work_mode.label().to_owned(),
            cell(r.staff),
            cell(r.lacking),
            r.complete_share
                .published()
                .map_or_else(|| "withheld".to_owned(), percent),
        ])?;
    }
    let mut finding = Finding::builder(
        Domain::Assets,
        codes::KIT_GAP,
        severity,
        format!("{} of {} staff lack required equipment", count(lacking), count(staff)),
    )
    .detail(detail)
    .table(table)
    .affected(lacking)
    .recommendation("Ship the missing items, starting with the ergonomic ones (chair, desk) whose absence causes strain injuries.");
    if let Some(items) = kit.items_in_place.published() {
        finding = finding.metric(
            Metric::new("required items in place", items)?
                .with_threshold(1.0)
                .with_unit("share"),
        );
    }
    Ok(Some(finding.build()?))
}

/// `ASSET-RETRIEVAL-OVERDUE`: from the figures over all leavers, with recovery by country.
fn retrieval_overdue(r: &RetrievalFigures, config: &Config) -> Result<Option<Finding>, Error> {
    let Some(s) = r.summary.as_published() else {
        return Ok(None);
    };
    if s.overdue == 0 {
        return Ok(None);
    }
    let mut detail = format!(
        "{} held by {} of {} leavers {} past the {}-day return deadline.",
        assets(s.overdue),
        count(s.overdue_leavers),
        count(s.leavers),
        are(s.overdue),
        config.retrieval().sla_days()
    );
    let within = s.open + s.reminded + s.escalated;
    let _ = write!(
        detail,
        " Of {} assets to get back, {} came back on time and {} late, {} were gifted, {} written off and {} are still within the deadline.",
        count(s.assets),
        count(s.returned_on_time),
        count(s.returned_late),
        count(s.gifted),
        count(s.written_off),
        count(within)
    );
    let mut table = FindingTable::new([
        "country",
        "leavers",
        "assets due",
        "returned",
        "recovery rate",
    ]);
    let mut withheld = 0usize;
    for c in &r.by_country {
        if c.leavers.is_suppressed() {
            withheld += 1;
            continue;
        }
        let Some(rate) = c.recovery_rate() else {
            continue;
        };
        table = table.with_row([
            format!("{} ({})", c.country.name(), c.country),
            cell(c.leavers),
            cell(c.assets_due),
            cell(c.returned),
            percent(rate),
        ])?;
    }
    if withheld > 0 {
        let _ = write!(
            detail,
            " Recovery in {withheld} {} with few leavers is withheld to protect them.",
            if withheld == 1 {
                "country"
            } else {
                "countries"
            }
        );
    }
    let mut finding = Finding::builder(
        Domain::Assets,
        codes::RETRIEVAL_OVERDUE,
        Severity::High,
        format!(
            "{} from leavers {} past the return deadline",
            assets(s.overdue),
            are(s.overdue)
        ),
    )
    .detail(detail)
    .metric(Metric::new("assets overdue from leavers", s.overdue as f64)?.with_threshold(0.0))
    .affected(s.overdue_leavers)
    .recommendation("Escalate to the leavers' former managers, offer a prepaid return label or courier pick-up, and remotely lock the devices that store data.");
    if !table.rows().is_empty() {
        finding = finding.table(table);
    }
    Ok(Some(finding.build()?))
}

fn missing(missing: &[AssetTag]) -> Result<Finding, Error> {
    let n = missing.len() as u64;
    Ok(Finding::builder(
        Domain::Assets,
        codes::MISSING,
        Severity::Medium,
        format!("{} {} lost or stolen", assets(n), are(n)),
    )
    .detail(format!("Missing and not written off: {}.", tags(missing)))
    .metric(Metric::new("missing assets", n as f64)?)
    .recommendation("Remote-lock and wipe the devices that store data, file police reports for thefts, and once the search has failed have the rest written off by an approver.")
    .build()?)
}

fn audits_overdue(checks: &FleetChecks, config: &Config) -> Result<Finding, Error> {
    let n = checks.audits_overdue;
    let mut detail = format!(
        "No physical audit within {} months.",
        config.audit_interval_months()
    );
    if !checks.longest_overdue.is_empty() {
        let longest: Vec<String> = checks
            .longest_overdue
            .iter()
            .map(|a| format!("{} (due {})", a.tag, a.due_on))
            .collect();
        let _ = write!(detail, " Longest overdue: {}.", longest.join(", "));
    }
    Ok(Finding::builder(
        Domain::Assets,
        codes::AUDIT_OVERDUE,
        Severity::Medium,
        format!("{} {} overdue for a physical audit", assets(n), are(n)),
    )
    .detail(detail)
    .metric(Metric::new("assets overdue for audit", n as f64)?.with_threshold(0.0))
    .recommendation("Ask holders to confirm their equipment (a photo of the serial number counts) and record the audits.")
    .build()?)
}

fn end_of_life(checks: &FleetChecks, config: &Config) -> Result<Finding, Error> {
    let n: u64 = checks.budget.iter().map(|b| b.assets).sum();
    let mut table = FindingTable::new(["quarter", "replacement budget", "assets"]);
    for line in &checks.budget {
        table = table.with_row([
            line.quarter.to_string(),
            line.amount.formatted(None),
            count(line.assets),
        ])?;
    }
    Ok(Finding::builder(
        Domain::Assets,
        codes::EOL_UPCOMING,
        Severity::Info,
        format!(
            "{} {} end of life in the next {} months",
            assets(n),
            if n == 1 { "reaches" } else { "reach" },
            config.horizon_months()
        ),
    )
    .detail("Like-for-like replacement at the original purchase cost, by quarter and currency.")
    .table(table)
    .metric(Metric::new("assets reaching end of life", n as f64)?)
    .recommendation("Plan the replacements into the quarters shown and recover the old units for sanitisation and resale.")
    .build()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asset_counts_agree_in_number() {
        assert_eq!(format!("{} {} lost", assets(1), are(1)), "1 asset is lost");
        assert_eq!(
            format!("{} {} lost", assets(3), are(3)),
            "3 assets are lost"
        );
        assert_eq!(assets(1_204), "1,204 assets");
    }

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000), "1,000");
        assert_eq!(count(40_570), "40,570");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(count(u64::MAX), "18,446,744,073,709,551,615");
    }
}
