//! [`Covariate`]: what the logistic regression adjusts for besides work mode.

use core::fmt;

/// A covariate of the logistic regression (besides work mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Covariate {
    /// The performance rating, linear.
    Performance,
    /// Tenure in months, linear.
    Tenure,
    /// Job level, treatment-coded against the lowest level.
    Level,
    /// Department, treatment-coded against the first department in sort order.
    Department,
}

impl Covariate {
    /// The default covariates: performance, tenure and level.
    pub const DEFAULT: [Covariate; 3] =
        [Covariate::Performance, Covariate::Tenure, Covariate::Level];

    /// The name used in findings (`"performance"`, `"tenure"`, `"level"`, `"department"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Covariate::Performance => "performance",
            Covariate::Tenure => "tenure",
            Covariate::Level => "level",
            Covariate::Department => "department",
        }
    }
}

impl fmt::Display for Covariate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
