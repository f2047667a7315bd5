//! [`Error`]: everything that can go wrong in this crate, in one type.

use chrono::NaiveDate;
use remit_core::disclosure::DisclosureError;
use remit_core::{AuditError, DepartmentError, EmployeeId};
use remit_stats::StatsError;

use crate::covariate::Covariate;

/// Why a record, a table, a configuration or an audit was refused.
///
/// Messages are lower-case, name the record (the employee, a row of the caller's
/// table, an event's position in the caller's list) and the field. A function that
/// returns an error changes nothing: a table keeps its rows, an engine records no
/// release.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A required field was not set on a [`PromotionRecordBuilder`](crate::PromotionRecordBuilder).
    #[error("promotion record for employee {employee}: missing required field `{field}`")]
    MissingField {
        /// The employee whose record is incomplete.
        employee: EmployeeId,
        /// The builder field that was never set (`"performance"`, `"tenure_months"`,
        /// `"months_to_event"`, `"work_mode"`, `"level"`, `"department"` or `"promoted"`).
        field: &'static str,
    },
    /// A number was NaN or infinite.
    #[error(
        "promotion record for employee {employee}: field `{field}` must be finite, got {value}"
    )]
    NonFinite {
        /// The employee whose record holds the NaN or infinite value.
        employee: EmployeeId,
        /// The field (`performance`, `tenure_months` or `months_to_event`).
        field: &'static str,
        /// The refused value (NaN or infinite).
        value: f64,
    },
    /// A number was outside its allowed range.
    #[error(
        "promotion record for employee {employee}: field `{field}` must be {expected}, got {value}"
    )]
    OutOfRange {
        /// The employee whose record holds the out-of-range value.
        employee: EmployeeId,
        /// The field (`tenure_months` or `months_to_event`).
        field: &'static str,
        /// The refused value, in months.
        value: f64,
        /// The allowed range, in words.
        expected: &'static str,
    },
    /// A department name was invalid (empty or too long).
    #[error("promotion record for employee {employee}: field `department`: {source}")]
    Department {
        /// The employee whose record names the invalid department.
        employee: EmployeeId,
        /// What is wrong with the name.
        source: DepartmentError,
    },
    /// An attribute key was empty after trimming.
    #[error("promotion record for employee {employee}: field `attributes` has an empty key")]
    EmptyAttributeKey {
        /// The employee whose record has the empty attribute key.
        employee: EmployeeId,
    },
    /// Two rows of a [`PromotionTable`](crate::PromotionTable) describe the same
    /// employee: counting them twice would count one person as two.
    #[error(
        "promotion table row {second}: field `employee` repeats employee {employee} (first seen in row {first})"
    )]
    DuplicateEmployee {
        /// The employee who has two rows in the table.
        employee: EmployeeId,
        /// Row (0-based, in the caller's order) of the first occurrence.
        first: usize,
        /// Row of the repeat: the first row, in order, whose employee occurred before.
        second: usize,
    },
    /// A promotion event names someone not in the workforce.
    #[error(
        "promotion event {index}: field `employee` names {employee}, who is not in the workforce"
    )]
    UnknownEmployee {
        /// Position of the event in the caller's list (0-based).
        index: usize,
        /// The event's employee id, which no record of the table has.
        employee: EmployeeId,
    },
    /// An employee in the eligible pool has no performance rating.
    #[error("employee {employee}: field `performance` has no rating")]
    MissingRating {
        /// The eligible employee without a performance rating.
        employee: EmployeeId,
    },
    /// A probability setting of the [`Config`](crate::Config) was outside (0, 1).
    #[error("promotion config: field `{field}` must be strictly between 0 and 1, got {value}")]
    OutOfUnitInterval {
        /// Which setting is out of range: `"alpha"` (the significance level) or `"power"`.
        field: &'static str,
        /// The refused value; both settings must lie strictly between 0 and 1.
        value: f64,
    },
    /// The same covariate was listed twice.
    #[error("promotion config: field `covariates` lists {covariate} twice")]
    DuplicateCovariate {
        /// The covariate listed more than once.
        covariate: Covariate,
    },
    /// An intersectional attribute key was empty after trimming.
    #[error("promotion config: field `intersections` has an empty attribute key")]
    EmptyIntersectionKey,
    /// The observation window's length was outside the supported range.
    #[error("promotion config: field `window_months` must be between 1 and {max}, got {value}")]
    WindowMonths {
        /// The rejected number of months.
        value: u32,
        /// The longest window accepted, in months.
        max: u32,
    },
    /// The observation window before `as_of` would start before the calendar chrono
    /// supports.
    #[error(
        "promotion config: the {months}-month window before {as_of} starts outside the supported calendar"
    )]
    WindowOutOfCalendar {
        /// The configured end of the window.
        as_of: NaiveDate,
        /// The window's configured length in months, counted back from `as_of`.
        months: u32,
    },
    /// A statistic failed in a way the analysis does not expect (a bug, or input the
    /// statistics engine refuses).
    #[error("{what}: {source}")]
    Stats {
        /// Which part of the analysis.
        what: &'static str,
        /// The statistics error the analysis did not expect.
        source: StatsError,
    },
    /// The disclosure engine refused the call: it is not the engine the report was
    /// built with, or it was given an invalid group.
    #[error("disclosure: {0}")]
    Disclosure(#[from] DisclosureError),
    /// A finding could not be built (empty text, a non-finite metric): a bug in this
    /// crate's wording, reported instead of dropping the finding.
    #[error("finding: {0}")]
    Finding(#[from] AuditError),
}

impl Error {
    /// The error of a failed statistic, tagged with the part of the analysis.
    pub(crate) fn stats(what: &'static str) -> impl FnOnce(StatsError) -> Error {
        move |source| Error::Stats { what, source }
    }
}
