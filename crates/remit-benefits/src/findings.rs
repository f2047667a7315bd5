//! The report's findings, built once from released figures only: no count, mean or
//! budget reaches a finding's text, metric or head-count unless the disclosure engine
//! published it.

use remit_core::audit::{Cohort, Domain, Finding, FindingTable, Metric, Severity};
use remit_core::disclosure::{Disclosed, Suppression};
use remit_core::{Money, WorkMode};

use crate::budget::RemediationBudget;
use crate::catalogue::BenefitCategory;
use crate::codes;
use crate::config::Config;
use crate::equity::{AdjustedGap, Comparison, EquityAnalysis, GapEstimate, ModeGap};
use crate::error::Error;
use crate::ineligible::IneligibleEnrolments;
use crate::remediation::Strategy;
use crate::unmatched::UnmatchedPerk;
use crate::wording::{count, money, p_value, pct};

/// The gap with its interval and p-value in words (`-12.0% (95% CI -12.2% to -11.9%,
/// p < 0.0001)`); an exact fit says so instead of printing an empty interval.
fn gap_with_interval(gap: &AdjustedGap, alpha: f64) -> String {
    if gap.is_exact() {
        format!(
            "{} (the fit is exact: no variation is left within level × country cells, so there is no confidence interval or test)",
            pct(gap.gap())
        )
    } else {
        format!(
            "{} ({:.0}% CI {} to {}, {})",
            pct(gap.gap()),
            (1.0 - alpha) * 100.0,
            pct(gap.lower()),
            pct(gap.upper()),
            p_value(gap.p_value())
        )
    }
}

/// Why benefit gaps are judged against the Pay Transparency Directive at all: it is a
/// gender pay rule, used here by analogy (as the promotion audit uses the four-fifths
/// rule).
pub(crate) const ANALOGY: &str = "Work mode is not a protected characteristic: the threshold and the six-month timeline follow the EU Pay Transparency Directive 2023/970, Art. 10 (a joint pay assessment when an unexplained gender pay gap of 5% or more is not remedied within six months), applied here by analogy, not as a legal obligation.";

/// Everything the findings are built from.
pub(crate) struct Context<'a> {
    pub(crate) config: &'a Config,
    pub(crate) equity: &'a EquityAnalysis,
    pub(crate) budgets: &'a [RemediationBudget],
    pub(crate) unmatched: &'a [UnmatchedPerk],
    pub(crate) ineligible: &'a [IneligibleEnrolments],
    pub(crate) index: &'a str,
    pub(crate) tax: &'a str,
    /// The engine's minimum group size, for saying why a figure is withheld.
    pub(crate) min_group: u32,
}

/// A withheld figure in words.
fn withheld(reason: Suppression, min_group: u32) -> String {
    match reason {
        Suppression::BelowMinimum => format!("withheld: fewer than {min_group} people"),
        Suppression::Complementary => "withheld: it would reveal a smaller group".to_owned(),
        _ => "withheld".to_owned(),
    }
}

fn shown<T>(figure: Disclosed<T>, min_group: u32, show: impl Fn(T) -> String) -> String {
    match figure {
        Disclosed::Published(v) => show(v),
        Disclosed::Suppressed(reason) => format!("({})", withheld(reason, min_group)),
    }
}

/// Every finding of the report, most severe first.
///
/// # Errors
///
/// [`Error::Finding`] if a finding cannot be built (a non-finite metric, an empty
/// text): an error, never a finding silently dropped.
pub(crate) fn findings(ctx: &Context<'_>) -> Result<Vec<Finding>, Error> {
    let mut out = Vec::new();
    for gap in ctx.equity.gaps() {
        if let Some(f) = gap_finding(ctx, gap)? {
            out.push(f);
        }
    }
    if let Some(f) = unmatched_finding(ctx)? {
        out.push(f);
    }
    if let Some(f) = ineligible_finding(ctx)? {
        out.push(f);
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.severity()));
    Ok(out)
}

fn gap_finding(ctx: &Context<'_>, gap: &ModeGap) -> Result<Option<Finding>, Error> {
    let mode = gap.work_mode();
    let cohort = Cohort::all().with("work_mode", mode);
    let affected = ctx.equity.mode(mode).and_then(|c| c.count().published());
    let threshold = ctx.config.threshold();
    let finding = match gap.adjusted() {
        GapEstimate::Estimated(g) => {
            if crate::equity::flagged(g, ctx.config) {
                Some(adjusted_gap_finding(ctx, mode, g, cohort, affected)?)
            } else {
                match gap.unadjusted() {
                    Some(Disclosed::Published(u)) if u.abs() >= threshold => Some(
                        Finding::builder(
                            Domain::Benefits,
                            codes::UNADJUSTED_GAP,
                            Severity::Info,
                            format!(
                                "{} staff's mean benefit value differs from onsite by {}, explained by level, country and tenure",
                                mode.label(),
                                pct(u)
                            ),
                        )
                        .detail(format!(
                            "Unadjusted gap {}; adjusted gap {} is under the {} threshold or not significant at {}.",
                            pct(u),
                            gap_with_interval(g, ctx.config.alpha()),
                            pct(threshold),
                            ctx.config.alpha()
                        ))
                        .cohort(cohort)
                        .metric(Metric::new("unadjusted benefit gap", u)?.with_unit("share"))
                        .recommendation("No action on equity grounds; keep monitoring the mix of levels and countries by work mode.")
                        .build()?,
                    ),
                    _ => None,
                }
            }
        }
        GapEstimate::TooSmall => Some(
            Finding::builder(
                Domain::Benefits,
                codes::INSUFFICIENT_DATA,
                Severity::Info,
                format!("Too few employees to measure the {} benefit gap", mode.as_str()),
            )
            .detail(format!(
                "The regression needs at least {} employees with a benefit value and {} in each compared group ({} staff and onsite staff), the 30/5 rule of the California Pay Equity Task Force; there are fewer.{}",
                ctx.config.min_total(),
                ctx.config.min_group(),
                mode.as_str(),
                if ctx.equity.model().is_some_and(|m| m.indicators().contains(&mode)) {
                    " They keep their own indicator in the model, so they are not counted as onsite staff when the other gap is measured."
                } else {
                    ""
                }
            ))
            .cohort(cohort)
            .recommendation("Review this group's benefits case by case instead of statistically.")
            .build()?,
        ),
        GapEstimate::NotIdentified => Some(
            Finding::builder(
                Domain::Benefits,
                codes::GAP_NOT_IDENTIFIED,
                Severity::Low,
                format!(
                    "The {} benefit gap cannot be separated from location and level",
                    mode.as_str()
                ),
            )
            .detail(format!(
                "No {} employee shares a level × country cell with onsite staff, directly or through {} staff, so any difference is indistinguishable from a country or level difference.{}",
                mode.as_str(),
                if mode == WorkMode::Hybrid { "remote" } else { "hybrid" },
                match ctx.equity.model().and_then(|m| m.outside_connected_set()) {
                    Some(Disclosed::Published(n)) => format!(
                        " The {} employees in those cells are left out of the regression.",
                        count(n)
                    ),
                    Some(Disclosed::Suppressed(_)) => {
                        " The employees in those cells are left out of the regression.".to_owned()
                    }
                    None => String::new(),
                }
            ))
            .cohort(cohort)
            .recommendation("Compare benefits per country against the local onsite offer, or audit with a location index that makes countries comparable.")
            .build()?,
        ),
        GapEstimate::Withheld(reason) => Some(
            Finding::builder(
                Domain::Benefits,
                codes::GAP_WITHHELD,
                Severity::Info,
                format!(
                    "The {} benefit gap is withheld to protect a small group",
                    mode.as_str()
                ),
            )
            .detail(format!(
                "The gap was estimated, but publishing the regression over the employees it uses ({}) would let a reader work out figures about fewer than {} people from what is already published, for example a handful of employees without any benefit or in cells of their own.",
                withheld(*reason, ctx.min_group),
                ctx.min_group
            ))
            .cohort(cohort)
            .recommendation("Review the few employees the regression leaves out (no benefit value, or no comparable onsite colleagues), then re-run the audit.")
            .build()?,
        ),
    };
    Ok(finding)
}

/// A sentence for a gap measured only through the other work mode (empty otherwise).
fn comparison_note(mode: WorkMode, comparison: Comparison) -> String {
    match comparison {
        Comparison::Direct => String::new(),
        Comparison::Indirect { via } => format!(
            " {} staff share no level × country cell with onsite staff: the gap is measured through the cells they share with {} staff, assuming one gap per work mode in every cell.",
            mode.label(),
            via.as_str()
        ),
    }
}

fn adjusted_gap_finding(
    ctx: &Context<'_>,
    mode: WorkMode,
    g: &AdjustedGap,
    cohort: Cohort,
    affected: Option<u64>,
) -> Result<Finding, Error> {
    let shortfall = g.gap() < 0.0;
    let threshold = ctx.config.threshold();
    let budget_of = |strategy: Strategy| {
        ctx.budgets
            .iter()
            .find(|b| b.work_mode() == mode && b.strategy() == strategy)
    };
    let priced = |strategy: Strategy| match budget_of(strategy) {
        None => "(not priced)".to_owned(),
        Some(b) => {
            let cost = shown(b.base_total(), ctx.min_group, |m: Money| {
                format!("{} a year", money(m))
            });
            let reached = match b.achieved_gap() {
                GapEstimate::Estimated(a) => format!("refitted gap {}", pct(a.gap())),
                GapEstimate::Withheld(_) => "the refitted gap is withheld".to_owned(),
                _ => "the refit cannot estimate the gap".to_owned(),
            };
            format!("{cost} ({reached})")
        }
    };
    let recommendation = if shortfall {
        format!(
            "Close the gap within six months (the Directive's timeline, applied by analogy): a stipend bringing it under {} costs {}; the same amount for everyone costs {}; full parity costs {}.",
            pct(threshold),
            priced(Strategy::MinimumToThreshold),
            priced(Strategy::FlatPerGroup),
            priced(Strategy::FullParity)
        )
    } else {
        format!(
            "Check that the {} surplus of {} staff over onsite staff has an objective reason, or rebalance the onsite offer.",
            pct(g.gap()),
            mode.as_str()
        )
    };
    let mut f = Finding::builder(
        Domain::Benefits,
        codes::ADJUSTED_GAP,
        if shortfall {
            Severity::High
        } else {
            Severity::Medium
        },
        format!(
            "{} staff receive benefits worth {} {} than comparable onsite staff",
            mode.label(),
            pct(g.gap().abs()),
            if shortfall { "less" } else { "more" }
        ),
    )
    .detail(format!(
        "Adjusted gap {} from the regression {}; values {}, {}.{} {}",
        gap_with_interval(g, ctx.config.alpha()),
        ctx.equity
            .model()
            .map_or_else(String::new, |m| m.describe()),
        ctx.index,
        ctx.tax,
        comparison_note(mode, g.comparison()),
        ANALOGY
    ))
    .cohort(cohort)
    .metric(
        Metric::new("adjusted benefit gap", g.gap())?
            .try_with_threshold(if shortfall { -threshold } else { threshold })?
            .with_unit("share"),
    )
    .recommendation(recommendation);
    if let Some(n) = affected {
        f = f.affected(n);
    }
    Ok(f.build()?)
}

fn suggestion(category: BenefitCategory) -> String {
    let names: Vec<&str> = category
        .remote_counterparts()
        .iter()
        .map(|c| c.as_str())
        .collect();
    if names.is_empty() {
        "a stipend of the same value".to_owned()
    } else {
        names.join(", ").replace('_', " ")
    }
}

fn unmatched_finding(ctx: &Context<'_>) -> Result<Option<Finding>, Error> {
    let k = ctx.min_group;
    let perks = ctx.unmatched;
    let (title, cohort) = match perks {
        [] => return Ok(None),
        [perk] => (
            format!("Onsite perk \"{}\" has no remote counterpart", perk.name()),
            Cohort::all()
                .with("work_mode", WorkMode::Remote)
                .with("benefit", perk.name()),
        ),
        _ => (
            format!("{} onsite perks have no remote counterpart", perks.len()),
            Cohort::all().with("work_mode", WorkMode::Remote),
        ),
    };
    let mut categories: Vec<BenefitCategory> = perks.iter().map(|p| p.category()).collect();
    categories.sort_unstable();
    categories.dedup();
    let recommendation = format!(
        "Pair {} with a remote benefit of similar value ({}).",
        if perks.len() == 1 { "it" } else { "each" },
        categories
            .iter()
            .map(|c| format!("for {c}: {}", suggestion(*c)))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let mut f = Finding::builder(
        Domain::Benefits,
        codes::UNMATCHED_PERK,
        Severity::Medium,
        title,
    )
    .cohort(cohort)
    .recommendation(recommendation);
    if let [perk] = perks {
        let detail = match (
            perk.remote_affected(),
            perk.forgone_mean(),
            perk.forgone_total(),
        ) {
            (Disclosed::Published(n), Disclosed::Published(mean), Disclosed::Published(total)) => {
                f = f.affected(n);
                if let Ok(v) = f64::try_from(mean.amount())
                    && let Ok(m) = Metric::new("value forgone per remote employee", v)
                {
                    f = f.metric(m.with_unit(mean.currency().code()));
                }
                format!(
                    "{} remote employees would receive this {} perk if they worked onsite; they forgo {} each a year on average, {} in all.",
                    count(n),
                    perk.category(),
                    money(mean),
                    money(total)
                )
            }
            (affected, _, _) => format!(
                "Remote employees would receive this {} perk if they worked onsite; how many and what they forgo is {}.",
                perk.category(),
                match affected {
                    Disclosed::Suppressed(reason) => withheld(reason, k),
                    Disclosed::Published(_) => "withheld".to_owned(),
                }
            ),
        };
        f = f.detail(detail);
    } else {
        let mut table = FindingTable::new([
            "perk",
            "category",
            "remote employees",
            "forgone per person a year",
            "forgone in all a year",
        ]);
        for perk in perks {
            table = table.with_row([
                perk.name().to_owned(),
                perk.category().to_string(),
                shown(perk.remote_affected(), k, count),
                shown(perk.forgone_mean(), k, money),
                shown(perk.forgone_total(), k, money),
            ])?;
        }
        f = f
            .detail("Remote employees who would qualify for these perks if they worked onsite forgo them; the table gives how many and what they forgo, normalised into the base currency.")
            .table(table);
    }
    Ok(Some(f.build()?))
}

fn ineligible_finding(ctx: &Context<'_>) -> Result<Option<Finding>, Error> {
    let k = ctx.min_group;
    let entries = ctx.ineligible;
    let (title, cohort) = match entries {
        [] => return Ok(None),
        [one] => (
            format!(
                "Employees receive \"{}\" outside its eligibility rule",
                one.name()
            ),
            Cohort::all().with("benefit", one.name()),
        ),
        _ => (
            format!(
                "Employees receive {} benefits outside their eligibility rules",
                entries.len()
            ),
            Cohort::all(),
        ),
    };
    let mut f = Finding::builder(
        Domain::Benefits,
        codes::INELIGIBLE_ENROLMENT,
        Severity::Low,
        title,
    )
    .cohort(cohort)
    .recommendation("Fix the eligibility rules or the enrolments so the catalogue describes what is really offered.");
    if let [one] = entries {
        let detail = match one.employees() {
            Disclosed::Published(n) => {
                f = f.affected(n);
                format!(
                    "{} employees receive it although the catalogue says they should not; it is valued (the employer pays for it).",
                    count(n)
                )
            }
            Disclosed::Suppressed(reason) => format!(
                "Some employees receive it although the catalogue says they should not ({}); it is valued (the employer pays for it).",
                withheld(reason, k)
            ),
        };
        f = f.detail(detail);
    } else {
        let mut table = FindingTable::new(["benefit", "employees outside the rule"]);
        for entry in entries {
            table =
                table.with_row([entry.name().to_owned(), shown(entry.employees(), k, count)])?;
        }
        f = f
            .detail("These enrolments are valued (the employer pays for them), but the catalogue says these employees should not have them.")
            .table(table);
    }
    Ok(Some(f.build()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn withheld_figures_say_why_without_a_number() {
        assert_eq!(
            shown(
                Disclosed::<u64>::Suppressed(Suppression::BelowMinimum),
                5,
                count
            ),
            "(withheld: fewer than 5 people)"
        );
        assert_eq!(
            shown(
                Disclosed::<u64>::Suppressed(Suppression::Complementary),
                5,
                count
            ),
            "(withheld: it would reveal a smaller group)"
        );
        assert_eq!(shown(Disclosed::Published(12_345u64), 5, count), "12,345");
        assert_eq!(p_value(0.5), "p = 0.5000");
    }
}
