//! [`WellbeingReport`]: the published cohort figures, findings and chart, and the
//! [`Audit`] implementation.

use chrono::NaiveDate;
use remit_core::chart::Chart;
use remit_core::disclosure::{Disclosure, DisclosureError};
use remit_core::{Audit, Cohort, Coverage, Domain, EmployeeGroup, Finding, GroupComparison};

use crate::compare::ComparisonBasis;
use crate::cuts::Dimension;
use crate::figures::{CohortRow, CohortStats};

/// A wellbeing report: what [`audit`](crate::audit) publishes about the members (the
/// people of the workforce employed on the as-of date), every figure decided by the
/// disclosure engine the audit was given. Implements [`Audit`].
///
/// - [`WellbeingReport::total`]: everyone; [`WellbeingReport::rows`]: every cohort of
///   every cut ([`Dimension`]), cuts in release order, cells in display order (work
///   modes onsite to remote, UTC-offset bands west to east, names alphabetically).
/// - [`Audit::findings`]: built once, most severe first (codes in
///   [`codes`](crate::codes)).
/// - [`Audit::charts`]: the risk-index bands by work mode.
/// - [`Audit::compare_group`]: another domain's group against everyone else, released
///   through the same engine.
/// - [`Audit::coverage`]: not measured, with the reason, when there are no survey
///   responses and no signals, or too few people with either to publish anything.
///
/// There is no accessor for a person's values and no raw count: every figure is a
/// [`Disclosed`](remit_core::disclosure::Disclosed) value, and a cohort with nobody in a
/// population has no figures for it (`None`), never a zero mean.
///
/// Reports serialise (what they publish); they do not deserialise, since a report is a
/// result, not an input, and its comparisons need the engine it was built with.
///
/// ```
/// # use chrono::NaiveDate;
/// # use remit_core::{CountryCode, Department, Employee, EmployeeId, JobLevel, Roster, WorkMode};
/// # use remit_wellbeing::{Signal, SignalPanel, SurveyResults, WeekSignals};
/// use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy};
/// use remit_core::{Audit, Cohort};
/// use remit_wellbeing::{audit, Config, Dimension, Inputs};
/// # let mut people = Vec::new();
/// # let (mut panel, mut surveys) = (SignalPanel::new(4)?, SurveyResults::new());
/// # for i in 0..40 {
/// #     let id = EmployeeId::from_external(&format!("E-{i}"));
/// #     let remote = i % 4 == 0;
/// #     people.push(Employee::builder(id)
/// #         .work_mode(if remote { WorkMode::Remote } else { WorkMode::Onsite })
/// #         .country(CountryCode::new("DE")?)
/// #         .time_zone(chrono_tz::Europe::Berlin)
/// #         .level(JobLevel::new(2))
/// #         .department(Department::new("Support")?)
/// #         .hired_on(NaiveDate::from_ymd_opt(2024, 1, 8).unwrap())
/// #         .build()?);
/// #     panel.push(id, &[WeekSignals::zero().with(Signal::FocusHours, 12.0)?; 4])?;
/// #     surveys.push(id, Some(60.0), Some(40.0))?;
/// # }
/// # let roster = Roster::new(people)?;
/// let mut engine = Disclosure::new(DisclosurePolicy::default());
/// let inputs = Inputs::new(&roster, &surveys, &panel);
/// let report = audit(&inputs, &Config::new(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()), &mut engine)?;
///
/// assert_eq!(report.total().headcount(), Disclosed::Published(40));
/// let remote = report.row(Dimension::WorkMode, &Cohort::all().with("work_mode", "remote")).unwrap();
/// assert_eq!(remote.stats().headcount(), Disclosed::Published(10));
/// assert_eq!(remote.stats().published_survey().map(|s| s.who5_mean()), Some(60.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct WellbeingReport {
    as_of: NaiveDate,
    coverage: Coverage,
    total: CohortStats,
    rows: Vec<CohortRow>,
    findings: Vec<Finding>,
    charts: Vec<Chart>,
    /// Per-person basis of [`Audit::compare_group`]: private, never serialised.
    #[cfg_attr(feature = "serde", serde(skip))]
    basis: ComparisonBasis,
}

/// Two reports are equal when they publish the same things; the private comparison
/// basis is not compared.
impl PartialEq for WellbeingReport {
    fn eq(&self, other: &Self) -> bool {
        self.as_of == other.as_of
            && self.coverage == other.coverage
            && self.total == other.total
            && self.rows == other.rows
            && self.findings == other.findings
            && self.charts == other.charts
    }
}

/// The parts a report is assembled from, in [`audit`](crate::audit).
pub(crate) struct ReportParts {
    pub(crate) as_of: NaiveDate,
    pub(crate) coverage: Coverage,
    pub(crate) total: CohortStats,
    pub(crate) rows: Vec<CohortRow>,
    pub(crate) findings: Vec<Finding>,
    pub(crate) charts: Vec<Chart>,
    pub(crate) basis: ComparisonBasis,
}

impl WellbeingReport {
    pub(crate) fn from_parts(parts: ReportParts) -> Self {
        Self {
            as_of: parts.as_of,
            coverage: parts.coverage,
            total: parts.total,
            rows: parts.rows,
            findings: parts.findings,
            charts: parts.charts,
            basis: parts.basis,
        }
    }

    /// The date the report describes.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The figures for every member of the report's population together, as released by the
    /// disclosure engine.
    pub fn total(&self) -> &CohortStats {
        &self.total
    }

    /// Every cohort of every cut, published or withheld: cuts in release order
    /// ([`Dimension::ALL`]), cells in display order.
    pub fn rows(&self) -> &[CohortRow] {
        &self.rows
    }

    /// The cohorts of one cut, in display order.
    pub fn cut(&self, dimension: Dimension) -> impl Iterator<Item = &CohortRow> {
        self.rows.iter().filter(move |r| r.dimension() == dimension)
    }

    /// The row of one cohort of one cut, if the cut has it.
    pub fn row(&self, dimension: Dimension, cohort: &Cohort) -> Option<&CohortRow> {
        self.cut(dimension).find(|r| r.cohort() == cohort)
    }
}

/// The cross-domain parts:
///
/// - [`groups`](Audit::groups): none. Every group this crate could offer (people with
///   high CBI burnout, worsening trends, heavy after-hours work) is health data about
///   named people; other domains get wellbeing only as released aggregates.
/// - [`compare_group`](Audit::compare_group): the group against everyone else in each
///   population, through [`Disclosure::compare_means`]: the share with high CBI
///   work-related burnout (responders) and the share in the high band of the risk index
///   (people with signals), each with Fisher's exact two-sided p-value when published
///   exactly, and the mean WHO-5 score (responders). A population the group has nobody
///   in, or everyone in (there is no "everyone else"), gives no comparison. A group
///   whose members all report to one manager needs the engine's manager-facing minimum
///   in each population.
impl Audit for WellbeingReport {
    fn domain(&self) -> Domain {
        Domain::Wellbeing
    }
    fn coverage(&self) -> &Coverage {
        &self.coverage
    }
    fn findings(&self) -> &[Finding] {
        &self.findings
    }
    fn groups(&self) -> Vec<EmployeeGroup> {
        Vec::new()
    }
    fn compare_group(
        &self,
        group: &EmployeeGroup,
        disclosure: &mut Disclosure,
    ) -> Result<Vec<GroupComparison>, DisclosureError> {
        self.basis.compare(group, disclosure)
    }
    fn charts(&self) -> &[Chart] {
        &self.charts
    }
}
