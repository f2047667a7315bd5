//! [`SurveyResults`]: each respondent's WHO-5 and CBI work-related scores.

use remit_core::EmployeeId;

use crate::builtin::{Cbi, Who5};
use crate::error::Error;
use crate::instrument::Instrument;

/// Survey scores per employee: the WHO-5 percentage (0–100, higher is better) and the
/// CBI work-related burnout score (0–100, higher is worse), each optional (not everyone
/// answers every item, and the missing-item rules may withhold a score).
///
/// Someone counts as a survey **responder** in the wellbeing report when both scores
/// are present.
///
/// ```
/// use remit_core::EmployeeId;
/// use remit_wellbeing::{Error, SurveyResults};
///
/// let mut surveys = SurveyResults::new();
/// surveys.push(EmployeeId::from_external("E-1"), Some(64.0), Some(37.5))?;
/// let refused = surveys.push(EmployeeId::from_external("E-2"), Some(104.0), None).unwrap_err();
/// assert!(matches!(refused, Error::ScoreOutOfRange { field: "who5_percentage", .. }));
/// assert_eq!(surveys.len(), 1);
/// # Ok::<(), Error>(())
/// ```
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
    type Error = Error;

    fn try_from(f: SurveyResultsFields) -> Result<Self, Self::Error> {
        let n = f.employees.len();
        if f.who5.len() != n || f.cbi_work.len() != n {
            return Err(Error::SurveyColumns {
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
    /// An empty set of results, no employee scored; add rows with [`SurveyResults::push`].
    pub fn new() -> Self {
        Self::default()
    }

    /// No results yet, with room for `n` respondents.
    pub fn with_capacity(n: usize) -> Self {
        Self {
            employees: Vec::with_capacity(n),
            who5: Vec::with_capacity(n),
            cbi_work: Vec::with_capacity(n),
        }
    }

    /// Adds one employee's scores: the WHO-5 percentage and the CBI work-related score,
    /// each 0–100 or `None` when not scored. Repeats are refused when the results are
    /// joined to the workforce ([`audit`](crate::audit)), not here.
    ///
    /// # Errors
    ///
    /// [`Error::ScoreOutOfRange`] for a score outside 0–100 or not finite; nothing is
    /// added then.
    pub fn push(
        &mut self,
        employee: EmployeeId,
        who5_percentage: Option<f32>,
        cbi_work: Option<f32>,
    ) -> Result<(), Error> {
        for (field, v) in [("who5_percentage", who5_percentage), ("cbi_work", cbi_work)] {
            if let Some(value) = v
                && !(value.is_finite() && (0.0..=100.0).contains(&value))
            {
                return Err(Error::ScoreOutOfRange {
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
    /// [`Error::BatchShape`] unless `codes` holds exactly 24 codes per employee, or
    /// [`Error::Survey`] naming the employee whose codes could not be scored.
    pub fn score_batch(
        who5: &Who5,
        cbi: &Cbi,
        employees: &[EmployeeId],
        codes: &[Option<u8>],
    ) -> Result<Self, Error> {
        let (n5, n19) = (who5.items().len(), cbi.items().len());
        let width = n5 + n19;
        if codes.len() != employees.len().saturating_mul(width) {
            return Err(Error::BatchShape {
                codes: codes.len(),
                employees: employees.len(),
                items: width,
            });
        }
        let mut out = Self::with_capacity(employees.len());
        for (&employee, row) in employees.iter().zip(codes.chunks_exact(width)) {
            let survey = |source| Error::Survey { employee, source };
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

    /// The employees with results, in the order added.
    pub(crate) fn employees(&self) -> &[EmployeeId] {
        &self.employees
    }

    /// Row `row`'s WHO-5 percentage and CBI work-related score.
    pub(crate) fn scores(&self, row: usize) -> Option<(Option<f32>, Option<f32>)> {
        Some((*self.who5.get(row)?, *self.cbi_work.get(row)?))
    }
}
