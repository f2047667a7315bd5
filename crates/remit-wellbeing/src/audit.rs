//! [`audit`]: the one entry point.

use remit_core::disclosure::Disclosure;
use remit_core::{Coverage, Workforce};

use crate::charts::charts;
use crate::compare::ComparisonBasis;
use crate::config::Config;
use crate::cuts::build_cuts;
use crate::error::Error;
use crate::findings::{FindingInputs, findings};
use crate::individual::Individuals;
use crate::inputs::Inputs;
use crate::members::Members;
use crate::publish::{Populations, publish, release_union};
use crate::report::{ReportParts, WellbeingReport};
use crate::risk::RiskBand;

/// Audits the wellbeing of the people in `inputs` who are employed on
/// `config.as_of()`, releasing every figure through `disclosure`.
///
/// In order: reads the members from the workforce; joins survey scores and signals to
/// them, assesses each person's burnout risk and charts their trends
/// ([`Individuals`]); registers the three populations ([`MEMBERS`](crate::MEMBERS),
/// [`WITH_SIGNALS`](crate::WITH_SIGNALS), [`RESPONDERS`](crate::RESPONDERS)) in the
/// engine; releases everyone, then each cut of [`Dimension::ALL`](crate::Dimension::ALL)
/// in that order, cells largest first; builds the findings and the chart from what was
/// granted.
///
/// Use one engine for everything one reader sees (every domain and the scorecard),
/// and keep it between runs: see [`remit_core::disclosure`].
///
/// ```
/// use chrono::NaiveDate;
/// use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy};
/// use remit_core::{Audit, CountryCode, Coverage, Department, Employee, EmployeeId, JobLevel, Roster, WorkMode};
/// use remit_wellbeing::{audit, Config, Inputs, SignalPanel, SurveyResults};
///
/// let hired = NaiveDate::from_ymd_opt(2023, 4, 3).unwrap();
/// let left = NaiveDate::from_ymd_opt(2026, 9, 30).unwrap();
/// let roster = Roster::new((0..12).map(|i| {
///     let b = Employee::builder(EmployeeId::from_external(&format!("E-{i}")))
///         .work_mode(WorkMode::Hybrid)
///         .country(CountryCode::new("GB").unwrap())
///         .time_zone(chrono_tz::Europe::London)
///         .level(JobLevel::new(2))
///         .department(Department::new("Design").unwrap())
///         .hired_on(hired);
///     // Two of them left before the as-of date: they are not counted.
///     if i < 2 { b.left_on(left) } else { b }.build().unwrap()
/// }).collect())?;
///
/// // No survey and no signals yet: nothing to judge, and the report says so.
/// let (surveys, panel) = (SurveyResults::new(), SignalPanel::new(12)?);
/// let mut engine = Disclosure::new(DisclosurePolicy::default());
/// let config = Config::new(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
/// let report = audit(&Inputs::new(&roster, &surveys, &panel), &config, &mut engine)?;
/// assert_eq!(report.total().headcount(), Disclosed::Published(10));
/// assert!(matches!(report.coverage(), Coverage::NotMeasured { .. }));
/// assert!(report.findings().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// Input errors, before anything is released: [`Error::DuplicateEmployee`],
/// [`Error::DuplicateSurvey`], [`Error::UnknownSurveyEmployee`],
/// [`Error::DuplicatePanelRow`], [`Error::UnknownPanelEmployee`], [`Error::NotEmployed`]
/// and [`Error::Trend`], each naming the employee (see [`Individuals::assess`]).
/// [`Error::Disclosure`] if the engine refuses a population (it holds the wellbeing
/// populations with other members under a different policy, never for valid inputs).
pub fn audit<W: Workforce + ?Sized>(
    inputs: &Inputs<'_, W>,
    config: &Config,
    disclosure: &mut Disclosure,
) -> Result<WellbeingReport, Error> {
    let members = Members::employed_on(inputs.workforce(), config.as_of())?;
    let people = Individuals::assess_members(&members, inputs, config)?;
    let team_name = |manager| inputs.team_name(manager);
    let mut cuts = build_cuts(&members, &team_name, inputs.has_team_names());

    let pops = Populations::register(disclosure, &members, &people)?;
    let cbi_line = config.cbi_high_line() as f32;
    let published = publish(disclosure, &pops, &people, &mut cuts, cbi_line)?;

    let coverage = coverage(&members, &pops, &published.total);
    let policy = *disclosure.policy();
    let inputs_of_findings = FindingInputs {
        rows: &published.rows,
        config,
        policy: &policy,
    };
    let row_cells = &published.row_cells;
    let findings = if coverage.is_measured() {
        findings(&inputs_of_findings, &mut |rows| {
            let cells: Vec<(usize, u32)> = rows
                .iter()
                .filter_map(|&r| row_cells.get(r).copied())
                .collect();
            release_union(disclosure, &pops, &cuts, &cells)
        })?
    } else {
        Vec::new()
    };
    let charts = charts(&published.rows);

    let basis = ComparisonBasis {
        high_risk: (0..people.len())
            .filter(|&i| people.has_signals.get(i).copied().unwrap_or(false))
            .map(|i| {
                people
                    .risk
                    .get(i)
                    .is_some_and(|r| r.band() == RiskBand::High)
            })
            .collect(),
        high_cbi: (0..people.len())
            .filter(|&i| people.is_responder(i))
            .map(|i| {
                people
                    .cbi_work
                    .get(i)
                    .copied()
                    .flatten()
                    .is_some_and(|c| c >= cbi_line)
            })
            .collect(),
        who5: (0..people.len())
            .filter(|&i| people.is_responder(i))
            .map(|i| people.who5.get(i).copied().flatten().unwrap_or(0.0))
            .collect(),
        managers: members.managers,
        members: pops.members,
        signals: pops.signals,
        responders: pops.responders,
        signals_local: pops.signals_local,
        responders_local: pops.responders_local,
    };
    Ok(WellbeingReport::from_parts(ReportParts {
        as_of: config.as_of(),
        coverage,
        total: published.total,
        rows: published.rows,
        findings,
        charts,
        basis,
    }))
}

/// Not measured when there is nobody, no data, or too little to publish anything about
/// wellbeing (everyone's behavioural and survey figures both withheld). The reasons
/// name no count.
fn coverage(
    members: &Members,
    pops: &Populations,
    total: &crate::figures::CohortStats,
) -> Coverage {
    if members.len() == 0 {
        return Coverage::not_measured("nobody in the workforce is employed on the as-of date");
    }
    if pops.signals.is_empty() && pops.responders.is_empty() {
        return Coverage::not_measured(
            "no survey responses and no behavioural signals for the people employed on the as-of date",
        );
    }
    if total.published_behaviour().is_none() && total.published_survey().is_none() {
        return Coverage::not_measured(
            "fewer people than the minimum group size answered the survey or have behavioural signals, so no wellbeing figure can be published",
        );
    }
    Coverage::Measured
}
