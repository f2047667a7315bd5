//! Dates: the half-open [`Period`] and the month-counting convention every domain shares.
//!
//! # The month convention
//!
//! A month is *complete* when the calendar has advanced one month from the start date,
//! clamping to the end of shorter months. Formally, the number of whole months from
//! `from` to `to` is the largest `m ≥ 0` such that `from + m months ≤ to`, where adding
//! months keeps the day of month and clamps it to the last day when the target month is
//! shorter (chrono's [`NaiveDate::checked_add_months`]). So:
//!
//! - 15 Jan → 15 Feb is 1 month; 15 Jan → 14 Feb is 0 months;
//! - 31 Jan → 28 Feb 2025 is 1 month (31 Jan + 1 month clamps to 28 Feb);
//! - 29 Feb 2024 → 28 Feb 2025 is 12 months.
//!
//! This is how people count tenure ("she has been here 18 months") and how spreadsheet
//! `DATEDIF(start, end, "M")` counts, except at month ends, where DATEDIF does not clamp.
//! Fractional months ([`months_between_fractional`]) add the elapsed share of the next
//! month, measured in days.
//!
//! ```
//! use chrono::NaiveDate;
//! use remit_core::period::{months_between, Period};
//!
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! assert_eq!(months_between(d(2025, 1, 31), d(2025, 2, 28)), 1);
//! assert_eq!(months_between(d(2025, 1, 15), d(2025, 2, 14)), 0);
//!
//! let q1 = Period::new(d(2025, 1, 1), d(2025, 4, 1))?;
//! assert!(q1.contains(d(2025, 3, 31)));
//! assert!(!q1.contains(d(2025, 4, 1))); // half-open: the end is excluded
//! assert_eq!(q1.days(), 90);
//! # Ok::<(), remit_core::period::PeriodError>(())
//! ```

use chrono::{Months, NaiveDate};

/// A period of dates `[start, end)`: the start is included, the end is not.
///
/// Invariant: `start < end`, so a period is never empty. Half-open periods tile without
/// overlap: the quarters `[1 Jan, 1 Apr)`, `[1 Apr, 1 Jul)`, ... share no day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "PeriodRepr", into = "PeriodRepr"))]
pub struct Period {
    start: NaiveDate,
    end: NaiveDate,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct PeriodRepr {
    start: NaiveDate,
    end: NaiveDate,
}

#[cfg(feature = "serde")]
impl TryFrom<PeriodRepr> for Period {
    type Error = PeriodError;

    fn try_from(repr: PeriodRepr) -> Result<Self, Self::Error> {
        Period::new(repr.start, repr.end)
    }
}

#[cfg(feature = "serde")]
impl From<Period> for PeriodRepr {
    fn from(period: Period) -> Self {
        PeriodRepr {
            start: period.start,
            end: period.end,
        }
    }
}

/// A period could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PeriodError {
    /// The end is not after the start.
    #[error(
        "period end {end} must be after its start {start} (periods are half-open [start, end))"
    )]
    EndNotAfterStart {
        /// The requested first day (inclusive).
        start: NaiveDate,
        /// The requested end (exclusive), on or before the start.
        end: NaiveDate,
    },
    /// The period would leave the calendar chrono supports.
    #[error("period starting {start} runs past the supported calendar")]
    OutOfRange {
        /// The first day of the period that would run past chrono's calendar.
        start: NaiveDate,
    },
}

impl Period {
    /// `[start, end)`; an error unless `start < end`.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self, PeriodError> {
        if start < end {
            Ok(Self { start, end })
        } else {
            Err(PeriodError::EndNotAfterStart { start, end })
        }
    }

    /// The `months` calendar months starting at `start` (clamped at month ends).
    pub fn months_from(start: NaiveDate, months: u32) -> Result<Self, PeriodError> {
        let end = start
            .checked_add_months(Months::new(months))
            .ok_or(PeriodError::OutOfRange { start })?;
        Self::new(start, end)
    }

    /// The first day, included.
    pub const fn start(&self) -> NaiveDate {
        self.start
    }

    /// The day after the last day, excluded.
    pub const fn end(&self) -> NaiveDate {
        self.end
    }

    /// The last day included in the period.
    pub fn last_day(&self) -> NaiveDate {
        self.end.pred_opt().unwrap_or(self.start)
    }

    /// Whether `date` falls in `[start, end)`.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date < self.end
    }

    /// The number of days in the period (at least 1).
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days()
    }

    /// Whole months in the period, by the [module convention](self).
    pub fn months(&self) -> u32 {
        months_between(self.start, self.end)
    }

    /// The days both periods share, if any.
    pub fn intersection(&self, other: &Period) -> Option<Period> {
        Period::new(self.start.max(other.start), self.end.min(other.end)).ok()
    }

    /// Whether the periods share at least one day.
    pub fn overlaps(&self, other: &Period) -> bool {
        self.intersection(other).is_some()
    }
}

/// Whole months from `from` to `to` by the [module convention](self); `0` when `to` is
/// not after `from`.
pub fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    use chrono::Datelike;
    if to <= from {
        return 0;
    }
    let estimate = (to.year() - from.year()) * 12 + (to.month() as i32 - from.month() as i32);
    let mut months = u32::try_from(estimate.max(0)).unwrap_or(0);
    // The estimate is exact or one too many (when the day of month has not come round yet).
    while months > 0 && add_months(from, months).is_none_or(|d| d > to) {
        months -= 1;
    }
    months
}

/// Months from `from` to `to` with a fractional part: the whole months by the
/// [module convention](self) plus the share of the following month that has elapsed,
/// counted in days. `0.0` when `to` is not after `from`.
pub fn months_between_fractional(from: NaiveDate, to: NaiveDate) -> f64 {
    let whole = months_between(from, to);
    if to <= from {
        return 0.0;
    }
    let (Some(anchor), Some(next)) = (add_months(from, whole), add_months(from, whole + 1)) else {
        return f64::from(whole);
    };
    let span = (next - anchor).num_days();
    let elapsed = (to - anchor).num_days();
    if span <= 0 {
        return f64::from(whole);
    }
    f64::from(whole) + elapsed as f64 / span as f64
}

fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(months))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_convention_examples() {
        assert_eq!(months_between(d(2025, 1, 15), d(2025, 2, 15)), 1);
        assert_eq!(months_between(d(2025, 1, 15), d(2025, 2, 14)), 0);
        assert_eq!(months_between(d(2025, 1, 31), d(2025, 2, 28)), 1);
        assert_eq!(months_between(d(2024, 2, 29), d(2025, 2, 28)), 12);
        assert_eq!(months_between(d(2020, 3, 1), d(2025, 2, 28)), 59);
        assert_eq!(months_between(d(2025, 3, 1), d(2025, 2, 28)), 0);
        assert!(
            (months_between_fractional(d(2025, 1, 1), d(2025, 1, 16)) - 15.0 / 31.0).abs() < 1e-12
        );
    }

    #[test]
    fn months_agree_with_brute_force() {
        let start = d(2023, 1, 1);
        for a in 0..200 {
            for b in (0..800).step_by(7) {
                let from = start + chrono::Days::new(a);
                let to = start + chrono::Days::new(b);
                let mut expected = 0;
                while add_months(from, expected + 1).is_some_and(|x| x <= to) {
                    expected += 1;
                }
                assert_eq!(months_between(from, to), expected, "{from} -> {to}");
            }
        }
    }

    #[test]
    fn empty_periods_are_rejected() {
        assert_eq!(
            Period::new(d(2025, 1, 1), d(2025, 1, 1)),
            Err(PeriodError::EndNotAfterStart {
                start: d(2025, 1, 1),
                end: d(2025, 1, 1)
            })
        );
        let p = Period::months_from(d(2025, 1, 31), 1).unwrap();
        assert_eq!(p.end(), d(2025, 2, 28));
        assert_eq!(p.last_day(), d(2025, 2, 27));
    }
}
