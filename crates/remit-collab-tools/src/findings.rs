//! The findings of the tools report, built once when the report is made: at most one
//! finding per code, several cases of one kind as rows of its [`FindingTable`].
//!
//! Every figure about people in a title, detail, metric, `affected` or table cell is one
//! the disclosure engine published; a withheld figure is written as "withheld", never
//! as a number.

use chrono::NaiveDate;
use remit_core::disclosure::Disclosed;
use remit_core::{
    Cohort, Domain, Finding, FindingCode, FindingTable, Metric, Money, Severity, ToolId,
};

use crate::FastMap;
use crate::async_first::AsyncFirstCallout;
use crate::codes;
use crate::config::Config;
use crate::error::Error;
use crate::inventory::Capability;
use crate::licence::{LicenceTotals, LicenceWaste};
use crate::recommend::Action;
use crate::review::ToolReview;
use crate::security::SecurityGap;
use crate::sprawl::SprawlCluster;

/// The report's parts the findings are built from.
pub(crate) struct Parts<'a> {
    pub(crate) config: &'a Config,
    pub(crate) tools: &'a [ToolReview],
    pub(crate) sprawl: &'a [SprawlCluster],
    pub(crate) waste: &'a [LicenceWaste],
    pub(crate) totals: Option<&'a LicenceTotals>,
    pub(crate) security: &'a [SecurityGap],
    pub(crate) async_first: &'a [AsyncFirstCallout],
}

/// Every finding, most severe first (ties in the order built).
///
/// # Errors
///
/// [`Error::Finding`] if a finding fails to build (a defect of this crate).
pub(crate) fn build(parts: &Parts<'_>) -> Result<Vec<Finding>, Error> {
    let names = Names::new(parts.tools);
    let mut out = Vec::new();
    out.extend(sprawl(parts, &names)?);
    out.extend(licence_waste(parts, &names)?);
    for (cap, code, severity) in [
        (Capability::Sso, codes::NO_SSO, Severity::High),
        (Capability::EnforcedMfa, codes::NO_MFA, Severity::High),
        (Capability::Scim, codes::NO_SCIM, Severity::Medium),
        (Capability::AuditLog, codes::NO_AUDIT_LOG, Severity::Medium),
    ] {
        out.extend(security(parts, &names, cap, code, severity)?);
    }
    out.extend(async_first(parts, &names)?);
    for (action, code, severity) in [
        (Action::Replace, codes::REPLACE, Severity::Medium),
        (Action::Improve, codes::IMPROVE, Severity::Low),
        (Action::Deprecate, codes::DEPRECATE, Severity::Low),
        (Action::Reconfigure, codes::RECONFIGURE, Severity::Low),
    ] {
        out.extend(recommendations(parts, &names, action, code, severity)?);
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.severity()));
    Ok(out)
}

/// Tool names by id.
struct Names<'a>(FastMap<ToolId, &'a str>);

impl<'a> Names<'a> {
    fn new(tools: &'a [ToolReview]) -> Self {
        Self(tools.iter().map(|t| (t.tool(), t.name())).collect())
    }

    fn of(&self, id: ToolId) -> &'a str {
        self.0.get(&id).copied().unwrap_or("unknown tool")
    }

    fn list(&self, ids: &[ToolId]) -> String {
        join(ids.iter().map(|&id| self.of(id)))
    }
}

/// "A", "A and B", "A, B and C".
fn join<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.into_iter().collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// A released count in words, or "withheld".
fn count(value: Disclosed<u64>) -> String {
    match value {
        Disclosed::Published(n) => number(n),
        Disclosed::Suppressed(_) => "withheld".to_owned(),
    }
}

/// `n` with its noun in the singular or plural.
fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", number(n), if n == 1 { one } else { many })
}

fn money(m: Money) -> String {
    m.formatted(None)
}

/// What consolidating does to the licence bill, as the end of a sentence starting
/// "Consolidating …".
fn savings_text(savings: Option<Money>) -> String {
    match savings {
        None => "has no licence cost to save".to_owned(),
        Some(m) if m.amount().is_sign_negative() && !m.is_zero() => format!(
            "costs {} a year more, for the seats the target must add",
            money(Money::new(-m.amount(), m.currency()))
        ),
        Some(m) => format!("saves {} a year", money(m)),
    }
}

/// Net annual savings for a table cell: negative when consolidating costs more.
fn savings_cell(savings: Option<Money>) -> String {
    savings.map_or_else(|| "-".to_owned(), money)
}

/// A whole number with thousands separators: 15,885.
fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A security control as a noun phrase in "without …".
fn control_phrase(cap: Capability) -> &'static str {
    match cap {
        Capability::Sso => "single sign-on (SSO)",
        Capability::EnforcedMfa => "enforced multi-factor authentication",
        Capability::Scim => "SCIM provisioning",
        Capability::AuditLog => "an audit log",
        other => other.label(),
    }
}

/// Reasons as one sentence: capitalised, ending with a full stop.
fn sentence(parts: &[String]) -> String {
    let mut text = parts.join("; ");
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    if !text.ends_with('.') {
        text.push('.');
    }
    text
}

fn sprawl(parts: &Parts<'_>, names: &Names<'_>) -> Result<Option<Finding>, Error> {
    let clusters = parts.sprawl;
    if clusters.is_empty() {
        return Ok(None);
    }
    let mut table = FindingTable::new([
        "category",
        "tools",
        "capability overlap",
        "people active in 2+ of them",
        "consolidate into",
        "annual savings",
    ]);
    for c in clusters {
        table = table.with_row([
            c.category().to_string(),
            names.list(c.tools()),
            format!("{:.0}%", c.capability_overlap() * 100.0),
            count(c.users_in_two_or_more()),
            names.of(c.target()).to_owned(),
            savings_cell(c.annual_savings()),
        ])?;
    }
    let builder = if let [c] = clusters {
        let mut b = Finding::builder(
            Domain::CollabTools,
            codes::SPRAWL,
            Severity::Medium,
            format!("{} overlapping {} tools", c.tools().len(), c.category()),
        )
        .cohort(Cohort::all().with("category", c.category()))
        .detail(format!(
            "{} share at least {:.0}% of their capabilities; {} active in two or more. Consolidating {}.",
            names.list(c.tools()),
            c.capability_overlap() * 100.0,
            match c.users_in_two_or_more() {
                Disclosed::Published(n) => plural(n, "person is", "people are"),
                Disclosed::Suppressed(_) => "how many people are is withheld".to_owned(),
            },
            savings_text(c.annual_savings())
        ))
        .recommendation(format!(
            "Consolidate into {} and retire {}.",
            names.of(c.target()),
            names.list(c.candidates())
        ));
        if let Disclosed::Published(n) = c.users_in_two_or_more() {
            b = b.affected(n).metric(
                Metric::new("people active in 2+ overlapping tools", n as f64)?
                    .with_threshold(1.0)
                    .with_unit("people"),
            );
        }
        b
    } else {
        let savings: Vec<Money> = clusters
            .iter()
            .filter_map(SprawlCluster::annual_savings)
            .collect();
        let total = match savings.first() {
            None => None,
            Some(m) => {
                Some(
                    Money::try_sum(m.currency(), &savings).map_err(|source| Error::Money {
                        context: "total sprawl savings".into(),
                        source,
                    })?,
                )
            }
        };
        Finding::builder(
            Domain::CollabTools,
            codes::SPRAWL,
            Severity::Medium,
            format!("Overlapping tools in {} groups", clusters.len()),
        )
        .detail(format!(
            "{} groups of tools of one category share most of their capabilities and are used side by side{}.",
            clusters.len(),
            match total {
                Some(t) => format!("; consolidating them all {}", savings_text(Some(t))),
                None => String::new(),
            }
        ))
        .recommendation(
            "Consolidate each group into the tool named in the table and retire the others.",
        )
        .metric(Metric::new("overlapping tool groups", clusters.len() as f64)?.with_unit("groups"))
    };
    Ok(Some(builder.table(table).build()?))
}

fn licence_waste(parts: &Parts<'_>, names: &Names<'_>) -> Result<Option<Finding>, Error> {
    let days = parts.config.inactive_after_days();
    let rows: Vec<(&LicenceWaste, Money)> = parts
        .waste
        .iter()
        .filter_map(|w| match w.annual_waste() {
            Disclosed::Published(m) if !m.is_zero() => Some((w, m)),
            _ => None,
        })
        .collect();
    let Some(totals) = parts.totals else {
        return Ok(None);
    };
    if rows.is_empty() {
        return Ok(None);
    }
    let as_of = parts.config.as_of();
    let review = i64::from(parts.config.renewal_review_days());
    let soon = |d: NaiveDate| (d - as_of).num_days() <= review;
    let mut table = FindingTable::new([
        "tool".to_owned(),
        "renews".to_owned(),
        "seats bought".to_owned(),
        format!("inactive {days}+ days"),
        "unassigned".to_owned(),
        "annual waste".to_owned(),
    ]);
    let (mut inactive, mut unassigned, mut bought) = (0u64, 0u64, 0u64);
    for (w, m) in &rows {
        table = table.with_row([
            names.of(w.tool()).to_owned(),
            w.renewal().to_string(),
            number(u64::from(w.seats())),
            count(w.inactive_seats()),
            count(w.unassigned_seats()),
            money(*m),
        ])?;
        inactive += w.inactive_seats().published().unwrap_or(0);
        unassigned += w.unassigned_seats().published().unwrap_or(0);
        bought += u64::from(w.seats());
    }
    // The share of spend wasted, over the tools whose waste was published.
    let published_costs: Vec<Money> = parts
        .waste
        .iter()
        .filter(|w| !w.annual_waste().is_suppressed())
        .map(LicenceWaste::annual_cost)
        .collect();
    let published_cost = Money::try_sum(totals.annual_cost().currency(), &published_costs)
        .map_err(|source| Error::Money {
            context: "licence spend of published tools".into(),
            source,
        })?;
    let share = if published_cost.is_zero() {
        0.0
    } else {
        f64::try_from(totals.published_waste().amount() / published_cost.amount()).unwrap_or(0.0)
    };
    let withheld = match totals.tools_withheld() {
        0 => String::new(),
        n => format!(
            " The idle seats of {} with too few seat holders to publish are left out.",
            plural(n as u64, "tool", "tools")
        ),
    };
    let severity = if rows.iter().any(|(w, _)| soon(w.renewal())) {
        Severity::Medium
    } else {
        Severity::Low
    };
    let title = match rows.as_slice() {
        [(w, m)] => format!(
            "{}: {} a year on unused seats",
            names.of(w.tool()),
            money(*m)
        ),
        _ => format!(
            "{} a year on unused seats across {} tools",
            money(totals.published_waste()),
            rows.len()
        ),
    };
    let next: Vec<String> = rows
        .iter()
        .take(3)
        .map(|(w, _)| format!("{} ({})", names.of(w.tool()), w.renewal()))
        .collect();
    Ok(Some(
        Finding::builder(Domain::CollabTools, codes::LICENCE_WASTE, severity, title)
            .detail(format!(
                "Of {} seats bought on {}, {} assigned seats have been inactive for {days}+ days and {} are unassigned: {:.0}% of their licence spend.{withheld}",
                number(bought),
                plural(rows.len() as u64, "tool", "tools"),
                number(inactive),
                number(unassigned),
                share * 100.0,
            ))
            .recommendation(format!(
                "Reclaim or drop the idle seats before each renewal, soonest first: {}.",
                next.join(", ")
            ))
            .metric(Metric::new("wasted share of licence spend", share)?.with_unit("share"))
            .table(table)
            .build()?,
    ))
}

fn security(
    parts: &Parts<'_>,
    names: &Names<'_>,
    cap: Capability,
    code: FindingCode,
    severity: Severity,
) -> Result<Option<Finding>, Error> {
    let gaps: Vec<&SecurityGap> = parts
        .security
        .iter()
        .filter(|g| g.missing().contains(cap))
        .collect();
    let Some(first) = gaps.first() else {
        return Ok(None);
    };
    let mut table = FindingTable::new(["tool", "active users", "also missing"]);
    for g in &gaps {
        let others: Vec<&str> = g
            .missing()
            .iter()
            .filter(|&c| c != cap)
            .map(Capability::label)
            .collect();
        table = table.with_row([
            names.of(g.tool()).to_owned(),
            count(g.active_users()),
            if others.is_empty() {
                "-".to_owned()
            } else {
                join(others)
            },
        ])?;
    }
    let why = format!(
        "without {} {} outside identity and access control (shadow-IT risk)",
        control_phrase(cap),
        if gaps.len() == 1 {
            "the tool sits"
        } else {
            "these tools sit"
        }
    );
    let b = if gaps.len() == 1 {
        let b = Finding::builder(
            Domain::CollabTools,
            code,
            severity,
            format!("{} has no {cap}", names.of(first.tool())),
        )
        .detail(match first.active_users() {
            Disclosed::Published(n) => {
                format!("{}; {why}.", plural(n, "active user", "active users"))
            }
            Disclosed::Suppressed(_) => format!(
                "Its active users are withheld to protect a small group of seat holders; {why}."
            ),
        })
        .recommendation(format!(
            "Enable {cap} or move its users to a tool that has it."
        ));
        match first.active_users() {
            Disclosed::Published(n) => b.affected(n),
            Disclosed::Suppressed(_) => b,
        }
    } else {
        Finding::builder(
            Domain::CollabTools,
            code,
            severity,
            format!("{} tools have no {cap}", gaps.len()),
        )
        .detail(format!(
            "{}: {why}.",
            join(gaps.iter().map(|g| names.of(g.tool())))
        ))
        .recommendation(format!(
            "Enable {cap} on each, or move their users to tools that have it."
        ))
        .metric(Metric::new(format!("tools without {cap}"), gaps.len() as f64)?.with_unit("tools"))
    };
    Ok(Some(b.table(table).build()?))
}

fn async_first(parts: &Parts<'_>, names: &Names<'_>) -> Result<Option<Finding>, Error> {
    let callouts = parts.async_first;
    let Some(first) = callouts.first() else {
        return Ok(None);
    };
    let threshold = first.threshold_minutes();
    let tools_text = |a: &AsyncFirstCallout| {
        let mut text = if a.sync_heavy_tools().is_empty() {
            "none".to_owned()
        } else {
            names.list(a.sync_heavy_tools())
        };
        if !a.withheld_tools().is_empty() {
            text.push_str(&format!(
                " (use of {} withheld)",
                names.list(a.withheld_tools())
            ));
        }
        text
    };
    let mut table = FindingTable::new([
        "team",
        "typical shared minutes a day",
        "sync-heavy tools in use",
    ]);
    for a in callouts {
        table = table.with_row([
            a.team_name().to_owned(),
            number(u64::from(a.typical_minutes())),
            tools_text(a),
        ])?;
    }
    let recommendation = "Default to written, recorded communication; keep live meetings for decisions, debates and discussions, and rotate their time.";
    let b = if let [a] = callouts {
        Finding::builder(
            Domain::CollabTools,
            codes::ASYNC_FIRST,
            Severity::Medium,
            format!(
                "{} shares {} min a day: work async-first",
                a.team_name(),
                a.typical_minutes()
            ),
        )
        .cohort(Cohort::all().with("team", a.team_name()))
        .detail(if a.sync_heavy_tools().is_empty() {
            format!("The team's typical overlap is under {threshold} minutes a day.")
        } else {
            format!(
                "The team's typical overlap is under {threshold} minutes a day, yet it relies on sync-heavy tools: {}.",
                names.list(a.sync_heavy_tools())
            )
        })
        .metric(
            Metric::new("typical daily overlap", f64::from(a.typical_minutes()))?
                .with_threshold(f64::from(threshold))
                .with_unit("minutes"),
        )
    } else {
        Finding::builder(
            Domain::CollabTools,
            codes::ASYNC_FIRST,
            Severity::Medium,
            format!(
                "{} teams share under {threshold} min a day: work async-first",
                callouts.len()
            ),
        )
        .detail(format!(
            "{} share less than {threshold} minutes of working time on a typical day; the table lists the sync-heavy tools each relies on.",
            join(callouts.iter().map(AsyncFirstCallout::team_name))
        ))
        .metric(
            Metric::new("teams under the async-first threshold", callouts.len() as f64)?
                .with_unit("teams"),
        )
    };
    Ok(Some(b.recommendation(recommendation).table(table).build()?))
}

/// What to do with one tool, in one sentence.
fn advice(review: &ToolReview, names: &Names<'_>) -> String {
    let r = review.recommendation();
    let settings: Vec<String> = r.settings().iter().map(ToString::to_string).collect();
    let settings = if settings.is_empty() {
        String::new()
    } else {
        format!(" ({})", settings.join("; "))
    };
    let name = review.name();
    let to = r.replacement().map(|id| names.of(id));
    match (r.action(), to) {
        (Action::Replace, Some(to)) => format!("Replace {name} in favour of {to}{settings}."),
        (Action::Replace, None) => {
            format!("Replace {name} with a tool better suited to asynchronous work{settings}.")
        }
        (Action::Improve, _) => format!(
            "Keep {name}, the only {} tool, and improve how it is set up and used{settings}: record and write up what happens in it, and move decisions to a written channel.",
            review.category()
        ),
        (Action::Deprecate, Some(to)) => format!("Deprecate {name} in favour of {to}{settings}."),
        (Action::Deprecate, None) => format!("Deprecate {name}{settings}."),
        (Action::Reconfigure, _) => format!("Reconfigure {name}{settings}."),
        (_, _) => format!("Keep {name}."),
    }
}

fn recommendations(
    parts: &Parts<'_>,
    names: &Names<'_>,
    action: Action,
    code: FindingCode,
    severity: Severity,
) -> Result<Option<Finding>, Error> {
    let rows: Vec<&ToolReview> = parts
        .tools
        .iter()
        .filter(|t| t.recommendation().action() == action)
        .collect();
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let mut table = FindingTable::new(["tool", "category", "async score", "why", "what to do"]);
    for t in &rows {
        table = table.with_row([
            t.name().to_owned(),
            t.category().to_string(),
            t.score().score().to_string(),
            sentence(t.recommendation().reasons()),
            advice(t, names),
        ])?;
    }
    let verb = action.verb();
    let b = if rows.len() == 1 {
        Finding::builder(
            Domain::CollabTools,
            code,
            severity,
            format!("{}: {verb}", first.name()),
        )
        .cohort(Cohort::all().with("tool", first.name()))
        .detail(sentence(first.recommendation().reasons()))
        .recommendation(advice(first, names))
    } else {
        let mut title = verb.to_owned();
        if let Some(c) = title.get_mut(..1) {
            c.make_ascii_uppercase();
        }
        Finding::builder(
            Domain::CollabTools,
            code,
            severity,
            format!("{title} {} tools", rows.len()),
        )
        .detail(format!(
            "{}: the table gives each tool's reasons.",
            join(rows.iter().map(|t| t.name()))
        ))
        .recommendation(format!(
            "Act on each tool as the table says, lowest async score first: {}",
            advice(
                rows.iter()
                    .min_by_key(|t| t.score().score())
                    .copied()
                    .unwrap_or(first),
                names
            )
        ))
    };
    Ok(Some(b.table(table).build()?))
}
