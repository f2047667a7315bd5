//! The eligible pool of a promotion window and each member's clock: the one rule
//! [`records_from_history`](crate::records_from_history) and
//! [`PromotionTable::push_from_history`](crate::PromotionTable::push_from_history) share.

use chrono::NaiveDate;
use remit_core::period::months_between_fractional;
use remit_core::{Employee, Period};

use crate::error::Error;

/// What the history says about one member of the eligible pool, besides the
/// employee's own fields (see [`records_from_history`] for each rule).
pub(crate) struct PoolMember {
    /// The performance rating, as [`Ratings`] gave it (not yet checked finite).
    pub rating: f64,
    /// Whole months of tenure on the window's start.
    pub tenure_months: f64,
    /// Whether a promotion falls in the window.
    pub promoted: bool,
    /// Fractional months from the window's start to the event or the end of observation.
    pub months_to_event: f64,
}

/// The rules of [`records_from_history`] for one employee, once: `None` when they
/// are not in the eligible pool of `window`, else their figures. `rating` is asked
/// only for a pool member; `promoted_on` is their earliest promotion, ignored when it
/// falls outside the window.
///
/// # Errors
/// [`Error::MissingRating`] for a pool member without a rating.
pub(crate) fn pool_member(
    employee: &Employee,
    rating: impl FnOnce() -> Option<f64>,
    promoted_on: Option<NaiveDate>,
    window: Period,
) -> Result<Option<PoolMember>, Error> {
    let start = window.start();
    if !employee.is_active_on(start) {
        return Ok(None);
    }
    let rating = rating().ok_or(Error::MissingRating {
        employee: employee.id(),
    })?;
    let (promoted, end) = match promoted_on.filter(|on| window.contains(*on)) {
        Some(on) => (true, on.succ_opt().unwrap_or(on)),
        None => {
            let end = employee
                .left_on()
                .map_or(window.end(), |left| left.min(window.end()));
            (false, end)
        }
    };
    Ok(Some(PoolMember {
        rating,
        tenure_months: f64::from(employee.tenure_months(start)),
        promoted,
        months_to_event: months_between_fractional(start, end),
    }))
}
