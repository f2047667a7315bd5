//! Per-employee results: survey scores in, risk assessments out.
//!
//! [`Individuals`] holds every employee's scores and risk, but **never hands them out in
//! bulk**: the only way to read one person's numbers is [`Individuals::personal_view`],
//! which is meant for showing employees their own results. Cohort reports
//! ([`crate::report`]) read it internally and publish only protected aggregates.

use std::borrow::Borrow;
use std::sync::OnceLock;

use remit_core::fast_hash::{FastHashMap, map_with_capacity};

use remit_core::{Employee, EmployeeId};

use crate::builtin::{Cbi, Who5};
use crate::instrument::{Instrument, ScoreError};
use crate::risk::{RiskAssessment, RiskFactor, RiskFeatures, RiskModel};
use crate::signals::{Signal, SignalPanel};
use crate::trends::{AlarmConfig, MONITORED, signal_alarm_with};

/// Joining employees, signals and surveys failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum WellbeingError {
    /// Survey results name an employee twice.
    #[error("survey results: employee {employee} appears more than once")]
    DuplicateSurvey {
        /// The employee.
        employee: EmployeeId,
    },
    /// A survey score outside its scale.
    #[error("survey results, employee {employee}: field `{field}` = {value} is outside 0..=100")]
    ScoreOutOfRange {
        /// The employee.
        employee: EmployeeId,
        /// `who5_percentage` or `cbi_work`.
        field: &'static str,
        /// The rejected value.
        value: f32,
    },
    /// A survey row could not be scored.
    #[error("survey of employee {employee}: {source}")]
    Survey {
        /// The employee.
        employee: EmployeeId,
        /// What was wrong.
        source: ScoreError,
    },
    /// A trend chart failed on an employee's series.
    #[error("employee {employee}: {source}")]
    Trend {
        /// The employee.
        employee: EmployeeId,
        /// What failed.
        source: crate::trends::TrendError,
    },
    /// Survey results name an employee who is not in the roster being assessed (a
    /// survey export for another population, or a mistyped id): refused rather than
    /// dropped, since dropping would silently change the response counts.
    #[error("survey results: employee {employee} is not in the roster")]
    UnknownSurveyEmployee {
        /// The employee.
        employee: EmployeeId,
    },
    /// The signal panel has a row for an employee who is not in the roster.
    #[error("signal panel: employee {employee} is not in the roster")]
    UnknownPanelEmployee {
        /// The employee.
        employee: EmployeeId,
    },
    /// The signal panel has more than one row for an employee (which row to use would
    /// be a guess).
    #[error("signal panel: employee {employee} has more than one row")]
    DuplicatePanelRow {
        /// The employee.
        employee: EmployeeId,
    },
    /// The roster lists an employee more than once.
    #[error("roster: employee {employee} appears more than once")]
    DuplicateRosterEmployee {
        /// The employee.
        employee: EmployeeId,
    },
    /// Survey results whose columns differ in length (a deserialised document).
    #[error("survey results: {employees} employees but {who5} WHO-5 and {cbi_work} CBI scores")]
    SurveyColumns {
        /// Employees listed.
        employees: usize,
        /// WHO-5 scores listed.
        who5: usize,
        /// CBI scores listed.
        cbi_work: usize,
    },
    /// Positional survey responses of the wrong shape.
    #[error("survey batch: {codes} codes is not {employees} employees × {items} items")]
    BatchShape {
        /// Codes given.
        codes: usize,
        /// Employees given.
        employees: usize,
        /// Items per respondent.
        items: usize,
    },
}

/// Survey scores per employee: the WHO-5 percentage and the CBI work-related score, each
/// optional (not everyone answers, and the missing-item rules may withhold a score).
///
/// Deserialisation adds each row through [`SurveyResults::push`] (scores in 0–100) after
/// checking that the columns have one entry per employee.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "SurveyResultsFields"))]
pub struct SurveyResults {
    employees: Vec<EmployeeId>,
    who5: Vec<Option<f32>>,
    cbi_work: Vec<Option<f32>>,
}

/// The fields of [`SurveyResults`] as serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct SurveyResultsFields {
    employees: Vec<EmployeeId>,
    who5: Vec<Option<f32>>,
    cbi_work: Vec<Option<f32>>,
}

#[cfg(feature = "serde")]
impl TryFrom<SurveyResultsFields> for SurveyResults {
    type Error = WellbeingError;

    fn try_from(f: SurveyResultsFields) -> Result<Self, Self::Error> {
        let n = f.employees.len();
        if f.who5.len() != n || f.cbi_work.len() != n {
            return Err(WellbeingError::SurveyColumns {
                employees: n,
                who5: f.who5.len(),
                cbi_work: f.cbi_work.len(),
            });
        }
        let mut out = SurveyResults::with_capacity(n);
        for ((employee, who5), cbi) in f.employees.into_iter().zip(f.who5).zip(f.cbi_work) {
            out.push(employee, who5, cbi)?;
        }
        Ok(out)
    }
}

impl SurveyResults {
    /// No results.
    pub fn new() -> Self {
        Self::default()
    }

    /// Room for `n` results.
    pub fn with_capacity(n: usize) -> Self {
        Self {
            employees: Vec::with_capacity(n),
            who5: Vec::with_capacity(n),
            cbi_work: Vec::with_capacity(n),
        }
    }

    /// Adds one employee's scores.
    ///
    /// # Errors
    ///
    /// [`WellbeingError::ScoreOutOfRange`] for a score outside 0–100 or not finite.
    pub fn push(
        &mut self,
        employee: EmployeeId,
        who5_percentage: Option<f32>,
        cbi_work: Option<f32>,
    ) -> Result<(), WellbeingError> {
        for (field, v) in [("who5_percentage", who5_percentage), ("cbi_work", cbi_work)] {
            if let Some(value) = v
                && !(value.is_finite() && (0.0..=100.0).contains(&value))
            {
                return Err(WellbeingError::ScoreOutOfRange {
                    employee,
                    field,
                    value,
                });
            }
        }
        self.employees.push(employee);
        self.who5.push(who5_percentage);
        self.cbi_work.push(cbi_work);
        Ok(())
    }

    /// Scores a batch of combined WHO-5 + CBI surveys given positionally: per employee,
    /// the 5 WHO-5 codes then the 19 CBI codes (`None` = unanswered), row after row.
    ///
    /// # Errors
    ///
    /// [`WellbeingError::BatchShape`] or [`WellbeingError::Survey`] naming the employee.
    pub fn score_batch(
        who5: &Who5,
        cbi: &Cbi,
        employees: &[EmployeeId],
        codes: &[Option<u8>],
    ) -> Result<Self, WellbeingError> {
        let (n5, n19) = (who5.items().len(), cbi.items().len());
        let width = n5 + n19;
        if codes.len() != employees.len().saturating_mul(width) {
            return Err(WellbeingError::BatchShape {
                codes: codes.len(),
                employees: employees.len(),
                items: width,
            });
        }
        let mut out = Self::with_capacity(employees.len());
        for (&employee, row) in employees.iter().zip(codes.chunks_exact(width)) {
            let survey = |source| WellbeingError::Survey { employee, source };
            let (a, b) = row.split_at(n5);
            let w = who5.score_codes(a).map_err(survey)?;
            let c = cbi.score_codes(b).map_err(survey)?;
            out.employees.push(employee);
            out.who5.push(w.value(Who5::PERCENTAGE).map(|v| v as f32));
            out.cbi_work.push(c.value(Cbi::WORK).map(|v| v as f32));
        }
        Ok(out)
    }

    /// How many employees have results.
    pub fn len(&self) -> usize {
        self.employees.len()
    }

    /// Whether there are no results.
    pub fn is_empty(&self) -> bool {
        self.employees.is_empty()
    }
}

/// The behavioural means kept per employee (weekly averages over the panel's window).
pub(crate) const KEPT: [Signal; 6] = [
    Signal::AfterHoursHours,
    Signal::CollaborationHours,
    Signal::FocusHours,
    Signal::MeetingHours,
    Signal::WeekendHours,
    Signal::OutOfHoursMeetings,
];

/// Every employee's scores and risk, aligned with the roster they were assessed for.
///
/// Read one person's results with [`Individuals::personal_view`]; there is deliberately
/// no bulk accessor.
#[derive(Debug, Clone)]
pub struct Individuals {
    employees: Vec<EmployeeId>,
    /// Id → row, built on the first [`Individuals::personal_view`] (reports never need it).
    index: OnceLock<FastHashMap<EmployeeId, u32>>,
    /// Whether the employee had a signal row.
    pub(crate) has_signals: Vec<bool>,
    /// Weekly means of [`KEPT`], one column each.
    pub(crate) means: [Vec<f32>; KEPT.len()],
    pub(crate) who5: Vec<Option<f32>>,
    pub(crate) cbi_work: Vec<Option<f32>>,
    pub(crate) risk: Vec<RiskAssessment>,
    /// Bit `k` set: worsening alarm on `MONITORED[k]`.
    pub(crate) alarms: Vec<u8>,
}

/// One employee's own results, for showing to that employee.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PersonalView {
    /// Their WHO-5 percentage, if scored.
    pub who5_percentage: Option<f32>,
    /// Their CBI work-related score, if scored.
    pub cbi_work: Option<f32>,
    /// Their weekly means, in the order of [`PersonalView::SIGNALS`]; `None` without signals.
    pub weekly_means: Option<[f32; 6]>,
    /// Their risk, with the factors behind it.
    pub risk: RiskAssessment,
    /// Signals on which their own trend is worsening: both the EWMA and the CUSUM chart
    /// signalled (see [`signal_alarm`](crate::trends::signal_alarm)).
    pub worsening: Vec<Signal>,
}

impl PersonalView {
    /// The signals of [`PersonalView::weekly_means`], in order.
    pub const SIGNALS: [Signal; 6] = KEPT;
}

impl Individuals {
    /// Assesses every employee of `roster`: joins their signal row (weekly means over
    /// the panel) and survey scores by id, and runs the risk model. Employees with no
    /// signals or survey are assessed on what there is.
    ///
    /// Joining is positional when the panel (or survey results) lists the roster's
    /// employees in the same order, a single ordered walk when the survey results list a
    /// subset of the roster's employees in roster order (as a survey export usually
    /// does), else by id. `roster` may hold employees or references to them.
    ///
    /// Every input row must join: a survey or panel row for someone not in the roster,
    /// or a second row for the same person, is an error naming the employee, never
    /// dropped or resolved silently.
    ///
    /// # Errors
    ///
    /// [`WellbeingError::DuplicateRosterEmployee`] if the roster repeats an employee,
    /// [`WellbeingError::DuplicateSurvey`] / [`WellbeingError::UnknownSurveyEmployee`]
    /// for a survey row repeated or outside the roster,
    /// [`WellbeingError::DuplicatePanelRow`] / [`WellbeingError::UnknownPanelEmployee`]
    /// for a panel row repeated or outside the roster.
    pub fn assess<E: Borrow<Employee>>(
        roster: &[E],
        panel: &SignalPanel,
        surveys: &SurveyResults,
        model: &dyn RiskModel,
    ) -> Result<Self, WellbeingError> {
        Self::assess_with(roster, panel, surveys, model, &AlarmConfig::default())
    }

    /// Like [`Individuals::assess`], with explicit trend-alarm settings.
    ///
    /// # Errors
    ///
    /// As [`Individuals::assess`], and [`WellbeingError::Trend`] if a chart fails.
    pub fn assess_with<E: Borrow<Employee>>(
        roster: &[E],
        panel: &SignalPanel,
        surveys: &SurveyResults,
        model: &dyn RiskModel,
        alarms: &AlarmConfig,
    ) -> Result<Self, WellbeingError> {
        let n = roster.len();
        let ids: Vec<EmployeeId> = roster.iter().map(|e| e.borrow().id()).collect();
        if !distinct(&ids)
            && let Some(dup) = first_repeat(&ids)
        {
            return Err(WellbeingError::DuplicateRosterEmployee { employee: dup });
        }
        let panel_aligned = ids.as_slice() == panel.employees();
        let surveys_aligned = ids == surveys.employees;
        // Survey results listing a subset of the (duplicate-free) roster in roster order
        // join by one ordered walk; they cannot repeat an employee then.
        let survey_rows = if surveys_aligned {
            None
        } else {
            ordered_subset_rows(&ids, &surveys.employees)
        };
        if !surveys_aligned && survey_rows.is_none() {
            if let Some(dup) = first_repeat(&surveys.employees) {
                return Err(WellbeingError::DuplicateSurvey { employee: dup });
            }
            // Joined by id below: every survey row must find its roster row.
            if let Some(stranger) = first_outside(&surveys.employees, &ids) {
                return Err(WellbeingError::UnknownSurveyEmployee { employee: stranger });
            }
        }
        if !panel_aligned {
            if let Some(dup) = first_repeat(panel.employees()) {
                return Err(WellbeingError::DuplicatePanelRow { employee: dup });
            }
            if let Some(stranger) = first_outside(panel.employees(), &ids) {
                return Err(WellbeingError::UnknownPanelEmployee { employee: stranger });
            }
        }
        let panel_index = (!panel_aligned).then(|| index_of(panel.employees()));
        let survey_index =
            (!surveys_aligned && survey_rows.is_none()).then(|| index_of(&surveys.employees));
        let mut out = Self {
            employees: ids,
            index: OnceLock::new(),
            has_signals: Vec::with_capacity(n),
            means: std::array::from_fn(|_| Vec::with_capacity(n)),
            who5: Vec::with_capacity(n),
            cbi_work: Vec::with_capacity(n),
            risk: Vec::with_capacity(n),
            alarms: Vec::with_capacity(n),
        };
        let mut scratch = Vec::with_capacity(panel.weeks());
        for i in 0..n {
            let id = out.employees[i];
            let prow = match &panel_index {
                None => Some(i),
                Some(ix) => ix.get(&id).map(|&r| r as usize),
            };
            let srow = match (&survey_rows, &survey_index) {
                (Some(rows), _) => rows.get(i).copied().flatten(),
                (None, Some(ix)) => ix.get(&id).map(|&r| r as usize),
                (None, None) => Some(i),
            };
            let (who5, cbi) = srow
                .and_then(|r| Some((*surveys.who5.get(r)?, *surveys.cbi_work.get(r)?)))
                .unwrap_or((None, None));
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
            let mut bits = 0u8;
            if let Some(r) = prow {
                for (k, (signal, worse)) in MONITORED.iter().enumerate() {
                    let Some(series) = panel.series(r, *signal) else {
                        continue;
                    };
                    let alarm = signal_alarm_with(series, *worse, alarms, &mut scratch).map_err(
                        |source| WellbeingError::Trend {
                            employee: id,
                            source,
                        },
                    )?;
                    if alarm.is_some() {
                        bits |= 1 << k;
                    }
                }
            }
            out.alarms.push(bits);
        }
        Ok(out)
    }

    /// How many employees were assessed.
    pub fn len(&self) -> usize {
        self.employees.len()
    }

    /// Whether nobody was assessed.
    pub fn is_empty(&self) -> bool {
        self.employees.is_empty()
    }

    /// The employees, in roster order.
    pub fn employees(&self) -> &[EmployeeId] {
        &self.employees
    }

    /// One employee's own results. **Meant for the employee themself** (a personal
    /// dashboard); never use it to build reports about other people, which must go
    /// through [`crate::report::CohortReport`].
    pub fn personal_view(&self, me: EmployeeId) -> Option<PersonalView> {
        let i = *self
            .index
            .get_or_init(|| index_of(&self.employees))
            .get(&me)? as usize;
        let weekly_means = if *self.has_signals.get(i)? {
            let mut m = [0.0f32; 6];
            for (slot, col) in m.iter_mut().zip(&self.means) {
                *slot = *col.get(i)?;
            }
            Some(m)
        } else {
            None
        };
        Some(PersonalView {
            who5_percentage: *self.who5.get(i)?,
            cbi_work: *self.cbi_work.get(i)?,
            weekly_means,
            risk: *self.risk.get(i)?,
            worsening: {
                let bits = *self.alarms.get(i)?;
                MONITORED
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| bits & (1 << k) != 0)
                    .map(|(_, (s, _))| *s)
                    .collect()
            },
        })
    }
}

/// For survey rows `subset` that list employees of the duplicate-free `roster` in roster
/// order: the survey row of each roster row. `None` when `subset` is not such a
/// subsequence; joining by id then gives the same answer.
fn ordered_subset_rows(roster: &[EmployeeId], subset: &[EmployeeId]) -> Option<Vec<Option<usize>>> {
    if subset.len() > roster.len() {
        return None;
    }
    let mut rows = Vec::with_capacity(roster.len());
    let mut next = subset.iter().enumerate().peekable();
    for id in roster {
        match next.peek() {
            Some(&(r, s)) if s == id => {
                rows.push(Some(r));
                next.next();
            }
            _ => rows.push(None),
        }
    }
    // Every survey row matched, in order; with distinct roster ids (checked by the
    // caller) no unmatched roster row can have a survey row elsewhere.
    next.peek().is_none().then_some(rows)
}

/// The first id that repeats an earlier one, if any (a fast prefix check first).
fn first_repeat(ids: &[EmployeeId]) -> Option<EmployeeId> {
    if distinct(ids) {
        return None;
    }
    let mut seen: FastHashMap<EmployeeId, ()> = map_with_capacity(ids.len());
    ids.iter().find(|e| seen.insert(**e, ()).is_some()).copied()
}

/// The first of `rows` that is not in `roster`, if any.
fn first_outside(rows: &[EmployeeId], roster: &[EmployeeId]) -> Option<EmployeeId> {
    let known = index_of(roster);
    rows.iter().find(|e| !known.contains_key(*e)).copied()
}

/// Whether the ids are pairwise distinct, by sorting their first eight bytes (a
/// collision of prefixes, as duplicates give, answers "maybe not").
pub(crate) fn distinct(ids: &[EmployeeId]) -> bool {
    let mut prefixes: Vec<u64> = ids
        .iter()
        .map(|id| (id.as_uuid().as_u128() >> 64) as u64)
        .collect();
    prefixes.sort_unstable();
    prefixes.windows(2).all(|w| w[0] != w[1])
}

fn index_of(ids: &[EmployeeId]) -> FastHashMap<EmployeeId, u32> {
    let mut m = map_with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        // Keeps the first row of a repeated id; callers reject repeats where it matters.
        m.entry(*id).or_insert(u32::try_from(i).unwrap_or(u32::MAX));
    }
    m
}
