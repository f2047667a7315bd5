//! The error type shared by every function of the crate.

/// Why a statistical computation could not be carried out.
///
/// Every variant names the offending argument (and, where there is one, the
/// row, column or stratum), so a caller can point at the bad record.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum StatsError {
    /// An input that needs at least one element (or enough elements) has too few.
    #[error("`{name}` needs at least {needed} element(s), got {got}")]
    TooFew {
        /// The name of the argument that has too few elements.
        name: &'static str,
        /// How many are needed.
        needed: usize,
        /// How many were given.
        got: usize,
    },
    /// Two inputs that must have equal lengths do not.
    #[error("`{name}` has length {got}, expected {expected}")]
    LengthMismatch {
        /// The argument whose length is wrong.
        name: &'static str,
        /// The length it should have had, from the other arguments.
        expected: usize,
        /// The length given.
        got: usize,
    },
    /// A value is NaN or infinite.
    #[error("`{name}` at index {index} is not finite ({value})")]
    NonFinite {
        /// The name of the argument holding the value.
        name: &'static str,
        /// The position of the value.
        index: usize,
        /// The refused value (NaN or ±infinity).
        value: f64,
    },
    /// A scalar parameter is outside its allowed range.
    #[error("`{name}` = {value} is outside {range}")]
    OutOfRange {
        /// The name of the parameter.
        name: &'static str,
        /// The refused value, outside `range`.
        value: f64,
        /// The allowed range, for the message.
        range: &'static str,
    },
    /// A count is inconsistent with another (e.g. more successes than trials).
    #[error("`{name}`: {reason}")]
    InvalidCount {
        /// The name of the argument holding the counts.
        name: &'static str,
        /// Which counts disagree and how, in words.
        reason: String,
    },
    /// The data carry no information for this statistic (zero margin, zero variance...).
    #[error("`{name}` is degenerate: {reason}")]
    Degenerate {
        /// The name of the argument whose data carry no information.
        name: &'static str,
        /// What makes it degenerate (a zero margin, zero variance, ...), in words.
        reason: String,
    },
    /// A categorical or design-matrix specification is invalid.
    #[error("term `{term}`: {reason}")]
    InvalidTerm {
        /// The term's name as written in the specification.
        term: String,
        /// Why the term is refused, in words.
        reason: String,
    },
    /// The outcome is perfectly or quasi-completely separated by a term, so the
    /// maximum-likelihood estimate does not exist. Firth's penalised likelihood is the remedy.
    #[error(
        "{kind} separation on term `{term}`: the maximum-likelihood estimate does not exist; use firth_logistic"
    )]
    Separation {
        /// The term (column name) that separates the outcome.
        term: String,
        /// `"complete"` or `"quasi-complete"`.
        kind: &'static str,
    },
    /// The design matrix does not have full column rank.
    #[error("design matrix is singular: column `{term}` is collinear with earlier columns")]
    Singular {
        /// The first column found to be linearly dependent.
        term: String,
    },
    /// An iterative fit did not converge.
    #[error("{method} did not converge after {iterations} iterations (last max step {last_step})")]
    NotConverged {
        /// The fit that did not converge (`"logistic regression (Newton-Raphson)"`,
        /// `"Firth logistic regression"`).
        method: &'static str,
        /// How many iterations ran before giving up (the configured maximum).
        iterations: usize,
        /// Largest absolute parameter change in the last iteration.
        last_step: f64,
    },
    /// Two accumulators of different shapes were merged.
    #[error("cannot merge `{name}`: shapes differ ({left} vs {right})")]
    ShapeMismatch {
        /// The name of the accumulator type being merged (`"GroupedCounts"`, ...).
        name: &'static str,
        /// Shape of the receiver.
        left: String,
        /// Shape of the argument.
        right: String,
    },
}

/// Result alias used throughout the crate.
pub type Result<T> = std::result::Result<T, StatsError>;

/// Checks that every value of `xs` is finite.
pub(crate) fn check_finite(name: &'static str, xs: &[f64]) -> Result<()> {
    match xs.iter().position(|v| !v.is_finite()) {
        Some(index) => Err(StatsError::NonFinite {
            name,
            index,
            value: xs.get(index).copied().unwrap_or(f64::NAN),
        }),
        None => Ok(()),
    }
}

/// Checks that a probability-like level lies strictly inside (0, 1).
pub(crate) fn check_open_unit(name: &'static str, value: f64) -> Result<()> {
    if value.is_finite() && value > 0.0 && value < 1.0 {
        Ok(())
    } else {
        Err(StatsError::OutOfRange {
            name,
            value,
            range: "(0, 1)",
        })
    }
}
