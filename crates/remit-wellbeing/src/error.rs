//! [`Error`]: everything that can go wrong in this crate, in one type.

use chrono::NaiveDate;
use remit_core::disclosure::DisclosureError;
use remit_core::{AuditError, EmployeeId};

use crate::instrument::{InstrumentError, ScoreError};
use crate::risk::RiskError;
use crate::signals::SignalError;
use crate::trends::TrendError;

/// Why an input, a setting or an audit was refused.
///
/// Messages are lower case and name the record (the employee as the caller identified
/// them, the field, the week). The building blocks (instruments, signals, risk models,
/// trend alarms) report their own detail enums, which nest here as variants
/// ([`Error::Signal`], [`Error::Instrument`], ...), so `?` lifts any of them into this
/// one type. A function that returns an error changes nothing: no result is half made
/// and no disclosure engine records a release.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The workforce lists one person twice (each would be counted twice).
    #[error("workforce: employee {employee} is listed more than once")]
    DuplicateEmployee {
        /// The employee the workforce lists more than once.
        employee: EmployeeId,
    },
    /// Survey results name an employee twice.
    #[error("survey results: employee {employee} appears more than once")]
    DuplicateSurvey {
        /// The employee with more than one survey result.
        employee: EmployeeId,
    },
    /// Survey results name someone who is not in the workforce (a survey export for
    /// another population, or a mistyped id): refused rather than dropped, since
    /// dropping would silently change the response counts.
    #[error("survey results: employee {employee} is not in the workforce")]
    UnknownSurveyEmployee {
        /// The survey respondent whom the workforce does not hold.
        employee: EmployeeId,
    },
    /// The signal panel has more than one row for an employee (which row to use would
    /// be a guess).
    #[error("signal panel: employee {employee} has more than one row")]
    DuplicatePanelRow {
        /// The employee with more than one panel row.
        employee: EmployeeId,
    },
    /// The signal panel has a row for someone who is not in the workforce.
    #[error("signal panel: employee {employee} is not in the workforce")]
    UnknownPanelEmployee {
        /// The panel's employee whom the workforce does not hold.
        employee: EmployeeId,
    },
    /// Survey results or the signal panel have a row for someone in the workforce who is
    /// not employed on the as-of date (hired later, or already left): wellbeing counts
    /// only current staff, and dropping the row silently would change the counts.
    #[error(
        "{input}: employee {employee} is not employed on {as_of} (hired later or already left)"
    )]
    NotEmployed {
        /// `"survey results"` or `"signal panel"`.
        input: &'static str,
        /// The employee who is in the workforce but not employed on the as-of date.
        employee: EmployeeId,
        /// The configured as-of date.
        as_of: NaiveDate,
    },
    /// A survey score outside its scale.
    #[error("survey results, employee {employee}: field `{field}` = {value} is outside 0..=100")]
    ScoreOutOfRange {
        /// The respondent whose score is out of range.
        employee: EmployeeId,
        /// Which score: `"who5_percentage"` (WHO-5, 0-100) or `"cbi_work"` (CBI work-related
        /// burnout, 0-100).
        field: &'static str,
        /// The refused score (outside 0 to 100, or NaN).
        value: f32,
    },
    /// Survey results whose columns differ in length (a deserialised document).
    #[error("survey results: {employees} employees but {who5} WHO-5 and {cbi_work} CBI scores")]
    SurveyColumns {
        /// How many employees the document lists.
        employees: usize,
        /// How many WHO-5 scores it lists (must equal the employees).
        who5: usize,
        /// How many CBI work scores it lists (must equal the employees).
        cbi_work: usize,
    },
    /// Positional survey responses of the wrong shape.
    #[error("survey batch: {codes} codes is not {employees} employees × {items} items")]
    BatchShape {
        /// How many answer codes were given (must be employees × items).
        codes: usize,
        /// How many respondents were given.
        employees: usize,
        /// How many items each respondent answers (the instruments' items together).
        items: usize,
    },
    /// One respondent's survey could not be scored.
    #[error("survey of employee {employee}: {source}")]
    Survey {
        /// The respondent whose answers could not be scored.
        employee: EmployeeId,
        /// Why the answers could not be scored (the wrong number of answers, or a code
        /// outside the item's scale).
        source: ScoreError,
    },
    /// A trend chart refused an employee's weekly series.
    #[error("signal panel, employee {employee}: {source}")]
    Trend {
        /// The employee whose weekly series was refused.
        employee: EmployeeId,
        /// What was wrong (the week and value).
        source: TrendError,
    },
    /// A [`Config`](crate::Config) setting out of range; nothing was changed.
    #[error("wellbeing config: field `{field}` = {value} must be {expected}")]
    InvalidSetting {
        /// The setting.
        field: &'static str,
        /// The configuration setting that was refused (its `with_*` setter without the prefix).
        value: f64,
        /// The refused value, outside the range `expected` states.
        expected: &'static str,
    },
    /// A weekly signal or a threshold was refused.
    #[error(transparent)]
    Signal(#[from] SignalError),
    /// An instrument definition was refused.
    #[error(transparent)]
    Instrument(#[from] InstrumentError),
    /// A set of responses could not be scored.
    #[error(transparent)]
    Score(#[from] ScoreError),
    /// A risk model's parameters were refused.
    #[error(transparent)]
    Risk(#[from] RiskError),
    /// A trend-alarm setting or series was refused.
    #[error(transparent)]
    Trends(#[from] TrendError),
    /// The disclosure engine refused the request (an engine other than the one a report
    /// was built with, or a population listing someone twice).
    #[error("disclosure: {0}")]
    Disclosure(#[from] DisclosureError),
    /// A finding could not be built.
    #[error("finding: {0}")]
    Audit(#[from] AuditError),
}
