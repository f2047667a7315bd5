//! [`ToolsReport`]: the result of a tools audit, and its [`Audit`] implementation.

use chrono::NaiveDate;
use remit_core::chart::Chart;
use remit_core::{Audit, Coverage, Domain, EmployeeGroup, EmployeeId, Finding, ToolId};

use crate::async_first::AsyncFirstCallout;
use crate::config::Config;
use crate::far::FAR_FROM_CENTRE_KEY;
use crate::licence::{LicenceTotals, LicenceWaste};
use crate::recommend::Recommendation;
use crate::review::ToolReview;
use crate::security::SecurityGap;
use crate::sprawl::SprawlCluster;

/// The result of a tools audit: per-tool reviews (score, usage, recommendation), sprawl,
/// licence waste, security gaps, async-first teams, the findings and the chart, all
/// built once by [`audit`](crate::audit).
///
/// Every figure about people in it is a [`Disclosed`](remit_core::disclosure::Disclosed)
/// value the disclosure engine decided (seat holders, active users, inactive and
/// unassigned seats, people active in overlapping tools), and every finding's text is
/// built from published values only. It serialises (for storage or a web page) but
/// does not deserialise: it is computed, never read back.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_collab_tools::{audit, Category, Config, Inputs, Inventory, Seat, Tool};
/// use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy};
/// use remit_core::{Audit, CountryCode, Department, Employee, EmployeeId, JobLevel, Roster, ToolId, WorkMode};
///
/// let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
/// let person = |i: u32| {
///     Employee::builder(EmployeeId::from_external(&format!("E-{i}")))
///         .work_mode(WorkMode::Remote)
///         .country(CountryCode::new("GB").unwrap())
///         .time_zone(chrono_tz::Europe::London)
///         .level(JobLevel::new(2))
///         .department(Department::new("Sales").unwrap())
///         .hired_on(NaiveDate::from_ymd_opt(2020, 1, 6).unwrap())
///         .build()
///         .unwrap()
/// };
/// let roster = Roster::new((0..12).map(person).collect())?;
/// let recently = NaiveDate::from_ymd_opt(2025, 6, 20);
/// let wiki = Tool::builder(ToolId::from_external("wiki"), "Handbook", Category::Wiki)
///     .seats((0..12).map(|i| Seat::new(EmployeeId::from_external(&format!("E-{i}")), recently)))
///     .build()?;
/// let inventory = Inventory::new(vec![wiki])?;
///
/// let mut engine = Disclosure::new(DisclosurePolicy::default());
/// let report = audit(&Inputs::new(&roster, &inventory), &Config::new(as_of), &mut engine)?;
/// assert_eq!(report.tools()[0].usage().active_users(), Disclosed::Published(12));
/// assert!(report.coverage().is_measured());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ToolsReport {
    pub(crate) config: Config,
    pub(crate) tools: Vec<ToolReview>,
    pub(crate) sprawl: Vec<SprawlCluster>,
    pub(crate) licence_waste: Vec<LicenceWaste>,
    pub(crate) licence_totals: Option<LicenceTotals>,
    pub(crate) security: Vec<SecurityGap>,
    pub(crate) async_first: Vec<AsyncFirstCallout>,
    pub(crate) teams_planned: usize,
    pub(crate) far_from_centre: Option<Vec<EmployeeId>>,
    pub(crate) findings: Vec<Finding>,
    pub(crate) charts: Vec<Chart>,
    pub(crate) coverage: Coverage,
}

impl ToolsReport {
    /// The configuration the audit ran with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The audit date (the config's `as_of`): a seat idle for more than the config's
    /// `inactive_after_days` before it is unused.
    pub fn as_of(&self) -> NaiveDate {
        self.config.as_of()
    }

    /// Each tool's review, in inventory order.
    pub fn tools(&self) -> &[ToolReview] {
        &self.tools
    }

    /// The review of one tool.
    pub fn tool(&self, tool: ToolId) -> Option<&ToolReview> {
        self.tools.iter().find(|t| t.tool() == tool)
    }

    /// The recommendation for one tool.
    pub fn recommendation(&self, tool: ToolId) -> Option<&Recommendation> {
        self.tool(tool).map(ToolReview::recommendation)
    }

    /// Sprawl clusters, by category then first tool.
    pub fn sprawl(&self) -> &[SprawlCluster] {
        &self.sprawl
    }

    /// Licence waste per licensed tool, soonest renewal first.
    pub fn licence_waste(&self) -> &[LicenceWaste] {
        &self.licence_waste
    }

    /// Licence spend and the published waste over the inventory (`None` without
    /// licences).
    pub fn licence_totals(&self) -> Option<&LicenceTotals> {
        self.licence_totals.as_ref()
    }

    /// Tools missing security controls, in inventory order.
    pub fn security_gaps(&self) -> &[SecurityGap] {
        &self.security
    }

    /// Async-first teams and their sync-heavy tools, in team order.
    pub fn async_first(&self) -> &[AsyncFirstCallout] {
        &self.async_first
    }

    /// The number of teams whose overlap was planned.
    pub fn teams_planned(&self) -> usize {
        self.teams_planned
    }

    /// Members at least [`Config::far_from_centre_hours`] from the time-zone centre of a
    /// team they belong to, sorted; empty without teams. See [`Audit::groups`].
    pub fn far_from_team_centre(&self) -> &[EmployeeId] {
        self.far_from_centre.as_deref().unwrap_or(&[])
    }
}

impl Audit for ToolsReport {
    fn domain(&self) -> Domain {
        Domain::CollabTools
    }

    /// Measured when the inventory holds at least one tool; not measured ("no tools in
    /// the inventory") otherwise, so an empty inventory never scores as perfect health.
    fn coverage(&self) -> &Coverage {
        &self.coverage
    }

    fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// One group, [`FAR_FROM_CENTRE_KEY`]: staff at least
    /// [`Config::far_from_centre_hours`] (default 3) from the time-zone centre of a team
    /// they belong to, on the 24-hour clock (the centre is the circular mean of the
    /// members' UTC offsets at 12:00 UTC on the audit date, `remit_core::zones`). Time
    /// zones are public org-chart information, so member ids may cross to other
    /// domains. None when the audit was given no teams.
    fn groups(&self) -> Vec<EmployeeGroup> {
        let Some(members) = &self.far_from_centre else {
            return Vec::new();
        };
        vec![EmployeeGroup::new(
            FAR_FROM_CENTRE_KEY,
            format!(
                "staff {}+ hours from their team's time-zone centre",
                hours_label(self.config.far_from_centre_hours())
            ),
            members.clone(),
        )]
    }

    /// One bar chart, [`TOOL_SCORES_KEY`](crate::TOOL_SCORES_KEY): each tool's
    /// async-suitability score (about tools, not people), the lowest
    /// [`MAX_CHART_TOOLS`](crate::MAX_CHART_TOOLS) when there are more.
    fn charts(&self) -> &[Chart] {
        &self.charts
    }
}

/// `hours` for a label: "4", "4.5".
fn hours_label(hours: f64) -> String {
    if hours.fract() == 0.0 {
        format!("{hours:.0}")
    } else {
        format!("{hours}")
    }
}
