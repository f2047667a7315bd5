//! [`Inputs`]: what the wellbeing audit reads.

use std::collections::BTreeMap;

use remit_core::{EmployeeId, Roster, Workforce};

use crate::risk::{RiskModel, WeightedRiskModel};
use crate::signals::SignalPanel;
use crate::surveys::SurveyResults;

/// The risk model used when the caller names none.
static DEFAULT_MODEL: std::sync::LazyLock<WeightedRiskModel> =
    std::sync::LazyLock::new(WeightedRiskModel::default);

/// What [`audit`](crate::audit) reads: the people, through the caller's
/// [`Workforce`], and their wellbeing data — survey scores ([`SurveyResults`]) and
/// weekly behavioural signals ([`SignalPanel`]) — all borrowed.
///
/// The workforce is borrowed once and is the only source of who exists: every survey
/// and panel row must name someone in it who is employed on the configured as-of date
/// (anything else is an [`Error`](crate::Error) naming the employee), so the roster and
/// the data cannot disagree. People employed on the as-of date without a survey or a
/// panel row are members without data.
///
/// Optional: the risk model ([`Inputs::with_risk_model`]; the documented
/// [`WeightedRiskModel`] by default) and display names for manager teams
/// ([`Inputs::with_team_names`]; the manager's id otherwise).
///
/// ```
/// use std::collections::BTreeMap;
/// use chrono::NaiveDate;
/// use remit_core::{CountryCode, Department, Employee, EmployeeId, JobLevel, Roster, WorkMode};
/// use remit_wellbeing::{Inputs, SignalPanel, SurveyResults};
///
/// let boss = EmployeeId::from_external("boss");
/// let person = |id: EmployeeId, manager: Option<EmployeeId>| {
///     let mut b = Employee::builder(id)
///         .work_mode(WorkMode::Remote)
///         .country(CountryCode::new("PT").unwrap())
///         .time_zone(chrono_tz::Europe::Lisbon)
///         .level(JobLevel::new(2))
///         .department(Department::new("Support").unwrap())
///         .hired_on(NaiveDate::from_ymd_opt(2021, 3, 1).unwrap());
///     if let Some(m) = manager {
///         b = b.manager(m);
///     }
///     b.build().unwrap()
/// };
/// let roster = Roster::new(vec![person(boss, None), person(EmployeeId::from_external("a"), Some(boss))])?;
/// let (surveys, panel) = (SurveyResults::new(), SignalPanel::new(12)?);
/// let names = BTreeMap::from([(boss, "Support EMEA".to_owned())]);
/// let inputs = Inputs::new(&roster, &surveys, &panel).with_team_names(&names);
/// # let _ = inputs;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Inputs<'a, W: Workforce + ?Sized = Roster> {
    workforce: &'a W,
    surveys: &'a SurveyResults,
    signals: &'a SignalPanel,
    model: Option<&'a dyn RiskModel>,
    team_names: Option<&'a BTreeMap<EmployeeId, String>>,
}

impl<'a, W: Workforce + ?Sized> Inputs<'a, W> {
    /// The people (`workforce`, everyone the caller holds; the audit keeps those
    /// employed on the as-of date), their survey scores and their weekly signals.
    pub fn new(workforce: &'a W, surveys: &'a SurveyResults, signals: &'a SignalPanel) -> Self {
        Self {
            workforce,
            surveys,
            signals,
            model: None,
            team_names: None,
        }
    }

    /// Assesses each person's burnout risk with `model` instead of the default
    /// [`WeightedRiskModel`].
    #[must_use]
    pub fn with_risk_model(mut self, model: &'a dyn RiskModel) -> Self {
        self.model = Some(model);
        self
    }

    /// Display names of manager teams, keyed by the manager's id (`"Support EMEA"`);
    /// a team without a name is shown by its manager's id.
    #[must_use]
    pub fn with_team_names(mut self, names: &'a BTreeMap<EmployeeId, String>) -> Self {
        self.team_names = Some(names);
        self
    }

    /// The people the report covers; scores and signals are matched to them by id.
    pub fn workforce(&self) -> &'a W {
        self.workforce
    }

    /// The survey scores (WHO-5 and CBI work-related burnout, each 0–100) of those who
    /// answered.
    pub fn surveys(&self) -> &'a SurveyResults {
        self.surveys
    }

    /// The behavioural signals per employee-week, in hours (meetings, collaboration,
    /// after-hours and weekend work, focus time).
    pub fn signals(&self) -> &'a SignalPanel {
        self.signals
    }

    /// The risk model the audit uses.
    pub fn risk_model(&self) -> &'a dyn RiskModel {
        match self.model {
            Some(model) => model,
            None => &*DEFAULT_MODEL,
        }
    }

    /// The display name of the team of `manager`, if the caller gave one.
    pub fn team_name(&self, manager: EmployeeId) -> Option<&'a str> {
        self.team_names
            .and_then(|names| names.get(&manager))
            .map(String::as_str)
    }

    /// Whether the caller gave any team names.
    pub(crate) fn has_team_names(&self) -> bool {
        self.team_names.is_some_and(|names| !names.is_empty())
    }
}
