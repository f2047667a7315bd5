//! The findings of a wellbeing report, built once from the published cohort figures.
//!
//! Every number in a finding's text, metric, table and `affected` is a figure the
//! disclosure engine granted: a cohort's published averages and shares, its published
//! head-count, or — for a finding that groups several cohorts — the head-count of their
//! union, released as a group of its own.
//!
//! Two measures are kept apart by name everywhere: the **risk index** (the composite
//! burnout-risk index of [`RiskModel`](crate::RiskModel), bands low / moderate / high)
//! and **CBI work-related burnout** (the survey scale; "high" is a score of at least the
//! configured line, 50 by default).

use remit_core::disclosure::DisclosurePolicy;
use remit_core::{Cohort, Domain, Finding, FindingCode, FindingTable, Metric, Severity, WorkMode};

use crate::codes;
use crate::config::Config;
use crate::cuts::{Dimension, TeamDistance};
use crate::error::Error;
use crate::figures::{BehaviourFigures, CohortRow};
use crate::risk::RiskBand;
use crate::signals::Signal;

/// The name of the high band of the risk index, as every text says it.
pub(crate) const HIGH_RISK_BAND: &str = "the high band of the burnout-risk index";

/// "High CBI work-related burnout (≥ 50)", with the configured line.
pub(crate) fn high_cbi(line: f64) -> String {
    format!("high CBI work-related burnout (≥ {line:.0})")
}

/// Who a cohort is, as a noun phrase in lower case (names keep their case): "remote
/// staff in UTC+8 to UTC+10", "staff 6-8 h from team centre", "staff in Engineering".
pub(crate) fn describe(cohort: &Cohort) -> String {
    match (
        cohort.get("work_mode"),
        cohort.get("utc_offset"),
        cohort.get("team_distance"),
        cohort.get("department"),
    ) {
        (Some(m), Some(b), _, _) => format!("{m} staff in {b}"),
        (Some(m), None, _, _) => format!("{m} staff"),
        (None, Some(b), _, _) => format!("staff in {b}"),
        (_, _, Some(d), _) => format!("staff {d}"),
        (_, _, _, Some(d)) => format!("staff in {d}"),
        _ if cohort.is_everyone() => "everyone".to_owned(),
        _ => format!("staff in {cohort}"),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The dimensions every cohort of `cohorts` shares (everyone when none).
fn common_cohort<'a>(cohorts: impl IntoIterator<Item = &'a Cohort>) -> Cohort {
    let mut cohorts = cohorts.into_iter();
    let Some(first) = cohorts.next() else {
        return Cohort::all();
    };
    let mut shared: Vec<(String, String)> = first.dimensions().to_vec();
    for cohort in cohorts {
        shared.retain(|(d, v)| cohort.get(d) == Some(v.as_str()));
    }
    shared
        .into_iter()
        .fold(Cohort::all(), |c, (d, v)| c.with(d, v))
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// One cohort that meets a finding's rule, with the value that met it.
struct Case<'a> {
    row: usize,
    cohort: &'a Cohort,
    headcount: Option<u64>,
    value: f64,
    /// The after-hours ratio to onsite, for burden findings.
    ratio: Option<f64>,
}

/// A finding about one cohort or, when several meet the rule, about all of them with a
/// table: `single` words one case, `many` words the group.
struct Draft<'a> {
    code: FindingCode,
    severity: Severity,
    cases: Vec<Case<'a>>,
    single: fn(&Case<'_>, &Draft<'_>) -> String,
    many: fn(&[Case<'_>], &Draft<'_>) -> String,
    detail: String,
    metric: Metric,
    columns: Vec<String>,
    cells: fn(&Case<'_>, &Draft<'_>) -> Vec<String>,
    recommendation: &'static str,
    /// Extra words a case may carry (the survey figures of a burden cohort).
    tails: Vec<String>,
    line: f64,
}

/// Releases the union of some rows' members and returns its head-count if granted.
pub(crate) type ReleaseUnion<'a> = dyn FnMut(&[usize]) -> Result<Option<u64>, Error> + 'a;

/// The context findings are built in.
pub(crate) struct FindingInputs<'a> {
    pub(crate) rows: &'a [CohortRow],
    pub(crate) config: &'a Config,
    pub(crate) policy: &'a DisclosurePolicy,
}

/// Builds every finding, most severe first. `affected` releases the union of some rows'
/// members and returns its head-count if the engine granted it.
///
/// # Errors
///
/// [`Error::Audit`] if a finding cannot be built (a non-finite metric), and what
/// `affected` returns.
pub(crate) fn findings(
    inputs: &FindingInputs<'_>,
    affected: &mut ReleaseUnion<'_>,
) -> Result<Vec<Finding>, Error> {
    let mut drafts = burden_drafts(inputs)?;
    drafts.extend(load_drafts(inputs)?);
    let mut out = Vec::with_capacity(drafts.len() + 1);
    for draft in drafts {
        out.push(finish(draft, affected)?);
    }
    if let Some(privacy) = privacy_finding(inputs)? {
        out.push(privacy);
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.severity()));
    Ok(out)
}

fn finish(draft: Draft<'_>, affected: &mut ReleaseUnion<'_>) -> Result<Finding, Error> {
    let (title, cohort, people, table) = match draft.cases.as_slice() {
        [one] => (
            (draft.single)(one, &draft),
            one.cohort.clone(),
            one.headcount,
            None,
        ),
        cases => {
            let rows: Vec<usize> = cases.iter().map(|c| c.row).collect();
            let mut table = FindingTable::new(draft.columns.clone());
            for case in cases {
                table = table.with_row((draft.cells)(case, &draft))?;
            }
            (
                (draft.many)(cases, &draft),
                common_cohort(cases.iter().map(|c| c.cohort)),
                affected(&rows)?,
                Some(table),
            )
        }
    };
    let mut builder =
        Finding::builder(Domain::Wellbeing, draft.code, draft.severity, title.clone())
            .detail(format!("{title}. {}", draft.detail))
            .cohort(cohort)
            .metric(draft.metric)
            .recommendation(draft.recommendation);
    if let Some(n) = people {
        builder = builder.affected(n);
    }
    if let Some(table) = table {
        builder = builder.table(table);
    }
    Ok(builder.build()?)
}

fn published_behaviour(row: &CohortRow) -> Option<&BehaviourFigures> {
    row.stats().published_behaviour()
}

/// After-hours burden of hybrid and remote staff by UTC-offset band, and of people far
/// from their team's centre, against onsite staff.
fn burden_drafts<'a>(inputs: &FindingInputs<'a>) -> Result<Vec<Draft<'a>>, Error> {
    let config = inputs.config;
    let line = f64::from(config.thresholds().get(Signal::AfterHoursHours));
    let onsite = Cohort::all().with("work_mode", WorkMode::Onsite);
    let Some(base) = inputs
        .rows
        .iter()
        .find(|r| r.dimension() == Dimension::WorkMode && r.cohort() == &onsite)
        .and_then(published_behaviour)
        .map(BehaviourFigures::after_hours)
    else {
        // Without published onsite figures there is nothing to compare with.
        return Ok(Vec::new());
    };
    let cbi_line = config.cbi_high_line();
    let onsite_mode = WorkMode::Onsite.to_string();
    let near = TeamDistance::Near.to_string();
    let mut drafts = Vec::new();
    for (dimension, code) in [
        (Dimension::WorkModeByUtcOffset, codes::TZ_AFTER_HOURS),
        (Dimension::TeamDistance, codes::TEAM_DISTANCE_AFTER_HOURS),
    ] {
        let mut cases = Vec::new();
        let mut tails = Vec::new();
        for (row, r) in inputs.rows.iter().enumerate() {
            let eligible = r.dimension() == dimension
                && match dimension {
                    Dimension::WorkModeByUtcOffset => {
                        r.cohort().get("work_mode") != Some(onsite_mode.as_str())
                    }
                    _ => r.cohort().get("team_distance") != Some(near.as_str()),
                };
            let Some(b) = published_behaviour(r).filter(|_| eligible) else {
                continue;
            };
            let x = b.after_hours();
            let ratio = x / base.max(0.1);
            if !(x > line && ratio >= config.burden_ratio()) {
                continue;
            }
            let tail = match (r.stats().published_survey(), b) {
                (Some(s), _) => format!(
                    "{} have {}",
                    percent(s.high_cbi_work_burnout_share()),
                    high_cbi(cbi_line)
                ),
                (None, b) => format!(
                    "{} are in {HIGH_RISK_BAND}",
                    percent(b.risk_share(RiskBand::High))
                ),
            };
            tails.push(tail);
            cases.push(Case {
                row,
                cohort: r.cohort(),
                headcount: r.stats().headcount().published(),
                value: x,
                ratio: Some(ratio),
            });
        }
        if cases.is_empty() {
            continue;
        }
        let max_ratio = cases.iter().filter_map(|c| c.ratio).fold(0.0, f64::max);
        let max_x = cases.iter().map(|c| c.value).fold(0.0, f64::max);
        drafts.push(Draft {
            code,
            severity: if max_ratio >= 2.0 {
                Severity::High
            } else {
                Severity::Medium
            },
            single: |case, draft| {
                format!(
                    "{} average {:.1} after-hours hours a week, {:.1}× onsite; {}",
                    capitalised(&describe(case.cohort)),
                    case.value,
                    case.ratio.unwrap_or(1.0),
                    draft.tails.first().map_or("", String::as_str)
                )
            },
            many: |cases, draft| {
                let max_x = cases.iter().map(|c| c.value).fold(0.0, f64::max);
                let max_ratio = cases.iter().filter_map(|c| c.ratio).fold(0.0, f64::max);
                let who = if draft.code == codes::TZ_AFTER_HOURS {
                    "time-zone groups of hybrid and remote staff"
                } else {
                    "groups of staff far from their team's centre"
                };
                format!(
                    "{} {who} average up to {max_x:.1} after-hours hours a week, up to {max_ratio:.1}× onsite",
                    cases.len()
                )
            },
            detail: format!(
                "The after-hours line is {line:.1} h/week; onsite staff average {base:.1}."
            ),
            metric: Metric::new("after-hours collaboration", max_x)?
                .try_with_threshold(line)?
                .with_unit("hours/week"),
            columns: [
                "group",
                "people",
                "after-hours h/week",
                "× onsite",
                "survey or risk index",
            ]
            .map(str::to_owned)
            .to_vec(),
            cells: |case, draft| {
                let at = draft
                    .cases
                    .iter()
                    .position(|c| c.row == case.row)
                    .unwrap_or(0);
                vec![
                    capitalised(&describe(case.cohort)),
                    case.headcount.map_or_else(|| "withheld".to_owned(), |n| n.to_string()),
                    format!("{:.1}", case.value),
                    format!("{:.1}×", case.ratio.unwrap_or(1.0)),
                    draft.tails.get(at).cloned().unwrap_or_default(),
                ]
            },
            recommendation: "Rotate recurring meeting times across time zones, move status updates to \
                 asynchronous channels, and agree protected quiet hours for these staff.",
            tails,
            cases,
            line,
        });
    }
    Ok(drafts)
}

/// Collaboration overload, low focus time and a high share in the high risk-index band,
/// by work mode and department.
fn load_drafts<'a>(inputs: &FindingInputs<'a>) -> Result<Vec<Draft<'a>>, Error> {
    let config = inputs.config;
    let thresholds = config.thresholds();
    let by_unit: Vec<(usize, &CohortRow, &BehaviourFigures)> = inputs
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r.dimension(), Dimension::WorkMode | Dimension::Department))
        .filter_map(|(i, r)| published_behaviour(r).map(|b| (i, r, b)))
        .collect();
    let cases = |value: &dyn Fn(&BehaviourFigures) -> Option<f64>| -> Vec<Case<'a>> {
        by_unit
            .iter()
            .filter_map(|&(row, r, b)| {
                value(b).map(|v| Case {
                    row,
                    cohort: r.cohort(),
                    headcount: r.stats().headcount().published(),
                    value: v,
                    ratio: None,
                })
            })
            .collect()
    };
    let mut drafts = Vec::new();

    let collab_line = f64::from(thresholds.get(Signal::CollaborationHours));
    let overloaded = cases(&|b| Some(b.collaboration()).filter(|&c| c > collab_line));
    if !overloaded.is_empty() {
        let max = overloaded.iter().map(|c| c.value).fold(0.0, f64::max);
        drafts.push(Draft {
            code: codes::COLLAB_OVERLOAD,
            severity: Severity::Medium,
            single: |case, draft| {
                format!(
                    "{} average {:.1} collaboration hours a week (over {:.0})",
                    capitalised(&describe(case.cohort)),
                    case.value,
                    draft.line
                )
            },
            many: |cases, draft| {
                let max = cases.iter().map(|c| c.value).fold(0.0, f64::max);
                format!(
                    "{} groups average over {:.0} collaboration hours a week (up to {max:.1})",
                    cases.len(),
                    draft.line
                )
            },
            detail: format!(
                "Collaboration (meetings, email, chat and calls) above {collab_line:.0} hours a week leaves little time for focused work (Microsoft Viva Insights' collaboration-overload line)."
            ),
            metric: Metric::new("collaboration", max)?
                .try_with_threshold(collab_line)?
                .with_unit("hours/week"),
            columns: ["group", "people", "collaboration h/week"].map(str::to_owned).to_vec(),
            cells: |case, _| one_value_cells(case, format!("{:.1}", case.value)),
            recommendation: "Cut recurring meetings and large invite lists; make some meetings optional.",
            tails: Vec::new(),
            cases: overloaded,
            line: collab_line,
        });
    }

    let focus_line = f64::from(thresholds.get(Signal::FocusHours));
    let unfocused = cases(&|b| Some(b.focus()).filter(|&f| f < focus_line));
    if !unfocused.is_empty() {
        let min = unfocused
            .iter()
            .map(|c| c.value)
            .fold(f64::INFINITY, f64::min);
        drafts.push(Draft {
            code: codes::LOW_FOCUS,
            severity: Severity::Medium,
            single: |case, draft| {
                format!(
                    "{} average {:.1} focus hours a week (under {:.0})",
                    capitalised(&describe(case.cohort)),
                    case.value,
                    draft.line
                )
            },
            many: |cases, draft| {
                let min = cases.iter().map(|c| c.value).fold(f64::INFINITY, f64::min);
                format!(
                    "{} groups average under {:.0} focus hours a week (as low as {min:.1})",
                    cases.len(),
                    draft.line
                )
            },
            detail: format!(
                "Focus time is working time in uninterrupted blocks of an hour or more; under {focus_line:.0} hours a week is Microsoft Viva Insights' line."
            ),
            metric: Metric::new("focus time", min)?
                .try_with_threshold(focus_line)?
                .with_unit("hours/week"),
            columns: ["group", "people", "focus h/week"].map(str::to_owned).to_vec(),
            cells: |case, _| one_value_cells(case, format!("{:.1}", case.value)),
            recommendation: "Introduce meeting-free blocks or days and protect focus time in calendars.",
            tails: Vec::new(),
            cases: unfocused,
            line: focus_line,
        });
    }

    let share_line = config.high_risk_share();
    let at_risk = cases(&|b| Some(b.risk_share(RiskBand::High)).filter(|&p| p >= share_line));
    if !at_risk.is_empty() {
        let max = at_risk.iter().map(|c| c.value).fold(0.0, f64::max);
        drafts.push(Draft {
            code: codes::HIGH_RISK_SHARE,
            severity: if max >= 2.0 * share_line {
                Severity::High
            } else {
                Severity::Medium
            },
            single: |case, _| {
                format!(
                    "{} of {} with behavioural signals are in {HIGH_RISK_BAND}",
                    percent(case.value),
                    describe(case.cohort)
                )
            },
            many: |cases, draft| {
                let max = cases.iter().map(|c| c.value).fold(0.0, f64::max);
                format!(
                    "{} groups have {} or more of their staff in {HIGH_RISK_BAND} (up to {})",
                    cases.len(),
                    percent(draft.line),
                    percent(max)
                )
            },
            detail: format!(
                "The burnout-risk index combines behavioural signals and, where answered, the surveys (index ≥ 50 is its high band; the weights are remit's documented convention, not a clinical model). The alert line is {} of a group's staff with signals. This is not the survey's CBI work-related burnout score.",
                percent(share_line)
            ),
            metric: Metric::new("share in the high risk-index band", max)?
                .try_with_threshold(share_line)?
                .with_unit("share"),
            columns: ["group", "people", "share in the high risk-index band"]
                .map(str::to_owned)
                .to_vec(),
            cells: |case, _| one_value_cells(case, percent(case.value)),
            recommendation: "Review workload and after-hours patterns with these groups' leads; offer support resources.",
            tails: Vec::new(),
            cases: at_risk,
            line: share_line,
        });
    }
    Ok(drafts)
}

fn one_value_cells(case: &Case<'_>, value: String) -> Vec<String> {
    vec![
        capitalised(&describe(case.cohort)),
        case.headcount
            .map_or_else(|| "withheld".to_owned(), |n| n.to_string()),
        value,
    ]
}

/// How many cohorts had figures withheld (a count of cohorts, not of people).
fn privacy_finding(inputs: &FindingInputs<'_>) -> Result<Option<Finding>, Error> {
    let withheld = inputs
        .rows
        .iter()
        .filter(|r| {
            let s = r.stats();
            s.headcount().is_suppressed()
                || s.behaviour().is_some_and(|b| b.is_suppressed())
                || s.survey().is_some_and(|b| b.is_suppressed())
        })
        .count();
    if withheld == 0 {
        return Ok(None);
    }
    let policy = inputs.policy;
    let finding = Finding::builder(
        Domain::Wellbeing,
        codes::PRIVACY_SUPPRESSED,
        Severity::Info,
        format!(
            "Figures of {withheld} of {} cohorts withheld, in full or in part, to protect small groups",
            inputs.rows.len()
        ),
    )
    .detail(format!(
        "A figure is withheld when its group has fewer people than the minimum group size ({}; {} for manager teams), \
         or when, together with everything already published, it would let a reader compute a figure about fewer people. \
         Head-counts, behavioural figures and survey figures are decided separately (over the members, the people with \
         signals and the survey responders), so a cohort can show its head-count without its survey averages.",
        policy.min_group(),
        policy.manager_facing_min()
    ))
    .recommendation("Report on broader cohorts (e.g. by region rather than country) to see more.")
    .build()?;
    Ok(Some(finding))
}
