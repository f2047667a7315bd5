//! Per-person results: survey scores and signals joined to the members, risk assessed,
//! trends charted.
//!
//! [`Individuals`] holds every member's scores and risk, but **never hands them out in
//! bulk**: the only way to read one person's numbers is [`Individuals::personal_view`],
//! meant for showing people their own results. The wellbeing report reads them inside
//! the crate and publishes only what the disclosure engine grants.

use std::collections::HashMap;
use std::sync::OnceLock;

use foldhash::fast::FixedState;
use remit_core::{EmployeeId, Workforce};

use crate::config::Config;
use crate::error::Error;
use crate::inputs::Inputs;
use crate::members::Members;
use crate::risk::{RiskAssessment, RiskFactor, RiskFeatures};
use crate::signals::{Signal, SignalPanel};
use crate::trends::{MONITORED, signal_alarm_with};

/// The behavioural means kept per person (weekly averages over the panel's window), in
/// the order of [`PersonalView::SIGNALS`].
pub(crate) const KEPT: [Signal; 6] = [
    Signal::AfterHoursHours,
    Signal::CollaborationHours,
    Signal::FocusHours,
    Signal::MeetingHours,
    Signal::WeekendHours,
    Signal::OutOfHoursMeetings,
];

/// Every member's scores and risk, in workforce order (the members are the people of
/// the workforce employed on the as-of date).
///
/// Read one person's results with [`Individuals::personal_view`]; there is deliberately
/// no bulk accessor.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_core::{CountryCode, Department, Employee, EmployeeId, JobLevel, Roster, WorkMode};
/// use remit_wellbeing::{Config, Individuals, Inputs, Signal, SignalPanel, SurveyResults, WeekSignals};
///
/// let me = EmployeeId::from_external("E-7");
/// let roster = Roster::new(vec![Employee::builder(me)
///     .work_mode(WorkMode::Remote)
///     .country(CountryCode::new("IN")?)
///     .time_zone(chrono_tz::Asia::Kolkata)
///     .level(JobLevel::new(3))
///     .department(Department::new("Support")?)
///     .hired_on(NaiveDate::from_ymd_opt(2023, 2, 1).unwrap())
///     .build()?])?;
/// let mut panel = SignalPanel::new(4)?;
/// panel.push(me, &[WeekSignals::zero().with(Signal::AfterHoursHours, 4.0)?; 4])?;
/// let mut surveys = SurveyResults::new();
/// surveys.push(me, Some(48.0), Some(62.5))?;
///
/// let config = Config::new(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
/// let people = Individuals::assess(&Inputs::new(&roster, &surveys, &panel), &config)?;
/// let view = people.personal_view(me).expect("a member");
/// assert_eq!(view.cbi_work(), Some(62.5));
/// assert_eq!(view.weekly_mean(Signal::AfterHoursHours), Some(4.0));
/// assert!(view.risk().index() > 50.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Individuals {
    employees: Vec<EmployeeId>,
    /// Id → row, built on the first [`Individuals::personal_view`] (reports never need it).
    index: OnceLock<HashMap<EmployeeId, u32, FixedState>>,
    /// Whether the person had a signal row.
    pub(crate) has_signals: Vec<bool>,
    /// Weekly means of [`KEPT`], one column each (0 without signals).
    pub(crate) means: [Vec<f32>; KEPT.len()],
    pub(crate) who5: Vec<Option<f32>>,
    pub(crate) cbi_work: Vec<Option<f32>>,
    pub(crate) risk: Vec<RiskAssessment>,
    /// Bit `k` set: worsening alarm on `MONITORED[k]`.
    pub(crate) alarms: Vec<u8>,
}

/// One person's own results, for showing to that person.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PersonalView {
    who5_percentage: Option<f32>,
    cbi_work: Option<f32>,
    weekly_means: Option<[f32; KEPT.len()]>,
    risk: RiskAssessment,
    worsening: Vec<Signal>,
}

impl PersonalView {
    /// The signals whose weekly means the view holds, in order.
    pub const SIGNALS: [Signal; KEPT.len()] = KEPT;

    /// Their WHO-5 percentage (0–100, higher is better), if scored.
    pub fn who5_percentage(&self) -> Option<f32> {
        self.who5_percentage
    }

    /// Their CBI work-related burnout score (0–100, higher is worse), if scored.
    pub fn cbi_work(&self) -> Option<f32> {
        self.cbi_work
    }

    /// Their weekly means of [`PersonalView::SIGNALS`] (hours or meetings per week, as
    /// each signal's unit), in order; `None` without signals.
    pub fn weekly_means(&self) -> Option<[f32; KEPT.len()]> {
        self.weekly_means
    }

    /// Their weekly mean of one signal, if they have signals and the view holds it.
    pub fn weekly_mean(&self, signal: Signal) -> Option<f32> {
        let at = KEPT.iter().position(|&s| s == signal)?;
        self.weekly_means?.get(at).copied()
    }

    /// Their burnout-risk index with the factors behind it.
    pub fn risk(&self) -> &RiskAssessment {
        &self.risk
    }

    /// Signals on which their own trend is worsening: both the EWMA and the CUSUM chart
    /// signalled (see [`signal_alarm`](crate::signal_alarm)).
    pub fn worsening(&self) -> &[Signal] {
        &self.worsening
    }
}

impl Individuals {
    /// Assesses every member of `inputs` (the people of the workforce employed on
    /// `config.as_of()`): joins their signal row (weekly means over the panel) and
    /// survey scores by id, charts their worsening trends and runs the risk model.
    /// Members with no signals or survey are assessed on what there is.
    ///
    /// Every input row must join: a survey or panel row for someone not in the
    /// workforce, for someone not employed on the as-of date, or a second row for the
    /// same person, is an error naming the employee, never dropped or resolved
    /// silently.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateEmployee`] if the workforce repeats a member;
    /// [`Error::DuplicateSurvey`], [`Error::UnknownSurveyEmployee`] or
    /// [`Error::NotEmployed`] for a survey row repeated, outside the workforce or of
    /// someone not employed on the as-of date; [`Error::DuplicatePanelRow`],
    /// [`Error::UnknownPanelEmployee`] or [`Error::NotEmployed`] likewise for a panel
    /// row; [`Error::Trend`] naming the employee and week of a weekly value a trend
    /// chart refuses.
    pub fn assess<W: Workforce + ?Sized>(
        inputs: &Inputs<'_, W>,
        config: &Config,
    ) -> Result<Self, Error> {
        let members = Members::employed_on(inputs.workforce(), config.as_of())?;
        Self::assess_members(&members, inputs, config)
    }

    /// [`Individuals::assess`] for members already read from the workforce.
    pub(crate) fn assess_members<W: Workforce + ?Sized>(
        members: &Members,
        inputs: &Inputs<'_, W>,
        config: &Config,
    ) -> Result<Self, Error> {
        let ids = &members.ids;
        let n = ids.len();
        let panel = inputs.signals();
        let surveys = inputs.surveys();
        let strays = |rows: &[EmployeeId], input: &'static str| -> Result<(), Error> {
            if let Some(stray) = first_outside(rows, ids) {
                let known = inputs.workforce().employee(stray).is_some();
                return Err(if known {
                    Error::NotEmployed {
                        input,
                        employee: stray,
                        as_of: config.as_of(),
                    }
                } else if input == SURVEYS {
                    Error::UnknownSurveyEmployee { employee: stray }
                } else {
                    Error::UnknownPanelEmployee { employee: stray }
                });
            }
            Ok(())
        };

        let panel_aligned = ids.as_slice() == panel.employees();
        let surveys_aligned = ids.as_slice() == surveys.employees();
        // Survey results listing a subset of the (duplicate-free) members in their order
        // join by one ordered walk; they cannot repeat an employee then.
        let survey_rows = if surveys_aligned {
            None
        } else {
            ordered_subset_rows(ids, surveys.employees())
        };
        if !surveys_aligned && survey_rows.is_none() {
            if let Some(dup) =
                remit_core::duplicates::first_duplicate(surveys.employees().iter().copied())
            {
                return Err(Error::DuplicateSurvey { employee: dup });
            }
            strays(surveys.employees(), SURVEYS)?;
        }
        if !panel_aligned {
            if let Some(dup) =
                remit_core::duplicates::first_duplicate(panel.employees().iter().copied())
            {
                return Err(Error::DuplicatePanelRow { employee: dup });
            }
            strays(panel.employees(), PANEL)?;
        }
        let panel_index = (!panel_aligned).then(|| index_of(panel.employees()));
        let survey_index =
            (!surveys_aligned && survey_rows.is_none()).then(|| index_of(surveys.employees()));

        let model = inputs.risk_model();
        let alarms = config.alarms();
        let mut out = Self {
            employees: ids.clone(),
            index: OnceLock::new(),
            has_signals: Vec::with_capacity(n),
            means: std::array::from_fn(|_| Vec::with_capacity(n)),
            who5: Vec::with_capacity(n),
            cbi_work: Vec::with_capacity(n),
            risk: Vec::with_capacity(n),
            alarms: Vec::with_capacity(n),
        };
        let mut scratch = Vec::with_capacity(panel.weeks());
        for (i, &id) in ids.iter().enumerate() {
            let prow = match &panel_index {
                None => Some(i),
                Some(ix) => ix.get(&id).map(|&r| r as usize),
            };
            let srow = match (&survey_rows, &survey_index) {
                (Some(rows), _) => rows.get(i).copied().flatten(),
                (None, Some(ix)) => ix.get(&id).map(|&r| r as usize),
                (None, None) => Some(i),
            };
            let (who5, cbi) = srow.and_then(|r| surveys.scores(r)).unwrap_or((None, None));
            let means = prow.and_then(|r| panel.means(r));
            let features = match &means {
                Some(m) => RiskFeatures::from_means(m, cbi, who5),
                None => RiskFeatures::empty()
                    .with_opt(RiskFactor::SurveyBurnout, cbi)
                    .with_opt(RiskFactor::LowWellbeing, who5),
            };
            out.has_signals.push(means.is_some());
            for (col, s) in out.means.iter_mut().zip(KEPT) {
                col.push(means.map_or(0.0, |m| m[s.index()]));
            }
            out.who5.push(who5);
            out.cbi_work.push(cbi);
            out.risk.push(model.assess(&features));
            out.alarms.push(
                alarm_bits(panel, prow, alarms, &mut scratch).map_err(|source| Error::Trend {
                    employee: id,
                    source,
                })?,
            );
        }
        Ok(out)
    }

    /// How many members were assessed.
    pub fn len(&self) -> usize {
        self.employees.len()
    }

    /// Whether nobody was assessed.
    pub fn is_empty(&self) -> bool {
        self.employees.is_empty()
    }

    /// The members, in workforce order.
    pub fn employees(&self) -> &[EmployeeId] {
        &self.employees
    }

    /// Whether member `row` answered the survey: both the WHO-5 and the CBI
    /// work-related score are present.
    pub(crate) fn is_responder(&self, row: usize) -> bool {
        self.who5.get(row).is_some_and(Option::is_some)
            && self.cbi_work.get(row).is_some_and(Option::is_some)
    }

    /// One person's own results. **Meant for the person themself** (a personal
    /// dashboard); never use it to build figures about other people, which must go
    /// through [`audit`](crate::audit) and the disclosure engine. `None` for someone
    /// who is not a member.
    pub fn personal_view(&self, me: EmployeeId) -> Option<PersonalView> {
        let i = *self
            .index
            .get_or_init(|| index_of(&self.employees))
            .get(&me)? as usize;
        let weekly_means = if *self.has_signals.get(i)? {
            let mut m = [0.0f32; KEPT.len()];
            for (slot, col) in m.iter_mut().zip(&self.means) {
                *slot = *col.get(i)?;
            }
            Some(m)
        } else {
            None
        };
        let bits = *self.alarms.get(i)?;
        Some(PersonalView {
            who5_percentage: *self.who5.get(i)?,
            cbi_work: *self.cbi_work.get(i)?,
            weekly_means,
            risk: *self.risk.get(i)?,
            worsening: MONITORED
                .iter()
                .enumerate()
                .filter(|(k, _)| bits & (1 << k) != 0)
                .map(|(_, (s, _))| *s)
                .collect(),
        })
    }
}

const SURVEYS: &str = "survey results";
const PANEL: &str = "signal panel";

/// The worsening alarms of panel row `row` (bit `k`: `MONITORED[k]`), 0 without a row.
fn alarm_bits(
    panel: &SignalPanel,
    row: Option<usize>,
    alarms: &crate::trends::AlarmConfig,
    scratch: &mut Vec<f64>,
) -> Result<u8, crate::trends::TrendError> {
    let mut bits = 0u8;
    let Some(r) = row else {
        return Ok(bits);
    };
    for (k, (signal, worse)) in MONITORED.iter().enumerate() {
        let Some(series) = panel.series(r, *signal) else {
            continue;
        };
        if signal_alarm_with(series, *worse, alarms, scratch)?.is_some() {
            bits |= 1 << k;
        }
    }
    Ok(bits)
}

/// For survey rows `subset` that list members of the duplicate-free `members` in their
/// order: the survey row of each member. `None` when `subset` is not such a
/// subsequence; joining by id then gives the same answer.
fn ordered_subset_rows(
    members: &[EmployeeId],
    subset: &[EmployeeId],
) -> Option<Vec<Option<usize>>> {
    if subset.len() > members.len() {
        return None;
    }
    let mut rows = Vec::with_capacity(members.len());
    let mut next = subset.iter().enumerate().peekable();
    for id in members {
        match next.peek() {
            Some(&(r, s)) if s == id => {
                rows.push(Some(r));
                next.next();
            }
            _ => rows.push(None),
        }
    }
    // Every survey row matched, in order; with distinct member ids (checked by the
    // caller) no unmatched member can have a survey row elsewhere.
    next.peek().is_none().then_some(rows)
}

/// The first of `rows` that is not among `members`, if any.
fn first_outside(rows: &[EmployeeId], members: &[EmployeeId]) -> Option<EmployeeId> {
    let known = index_of(members);
    rows.iter().find(|e| !known.contains_key(*e)).copied()
}

fn index_of(ids: &[EmployeeId]) -> HashMap<EmployeeId, u32, FixedState> {
    let mut m = HashMap::with_capacity_and_hasher(ids.len(), FixedState::default());
    for (i, id) in ids.iter().enumerate() {
        // Keeps the first row of a repeated id; callers reject repeats where it matters.
        m.entry(*id).or_insert(u32::try_from(i).unwrap_or(u32::MAX));
    }
    m
}
