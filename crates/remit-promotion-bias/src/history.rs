//! Building [`PromotionRecord`]s from a [`Workforce`] and the promotions that happened
//! over an observation window.

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use chrono::NaiveDate;
use foldhash::fast::FixedState;
use remit_core::{Employee, EmployeeId, Period, Workforce};

use crate::error::Error;
use crate::pool::{PoolMember, pool_member};
use crate::record::PromotionRecord;
use crate::table::PromotionTable;

/// One promotion: who, and on which day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PromotionEvent {
    employee: EmployeeId,
    on: NaiveDate,
}

impl PromotionEvent {
    /// A promotion of `employee` effective on `on`.
    pub const fn new(employee: EmployeeId, on: NaiveDate) -> Self {
        Self { employee, on }
    }
    /// The employee who was promoted, by the id the workforce knows them by.
    pub const fn employee(&self) -> EmployeeId {
        self.employee
    }
    /// The day the promotion took effect; it counts in a window `[start, end)` that
    /// contains it.
    pub const fn on(&self) -> NaiveDate {
        self.on
    }
}

/// Where [`records_from_history`] and [`Inputs::new`](crate::Inputs::new) find each
/// employee's performance rating (any finite scale; the audit compares ratings between
/// groups, so only their order and spread matter).
///
/// Implemented for a `BTreeMap<EmployeeId, f64>` and a `HashMap<EmployeeId, f64, S>`
/// with any hasher; a caller who holds the ratings in another form (say, a vector
/// aligned with its roster) implements it directly rather than copying them into a
/// map. The rating is asked for once per person in the eligible pool, in the
/// workforce's order.
pub trait Ratings {
    /// The performance rating of `employee`; `None` when they have none.
    fn rating(&self, employee: EmployeeId) -> Option<f64>;
}

impl Ratings for BTreeMap<EmployeeId, f64> {
    fn rating(&self, employee: EmployeeId) -> Option<f64> {
        self.get(&employee).copied()
    }
}

impl<S: BuildHasher> Ratings for HashMap<EmployeeId, f64, S> {
    fn rating(&self, employee: EmployeeId) -> Option<f64> {
        self.get(&employee).copied()
    }
}

/// Builds one [`PromotionRecord`] per employee in the eligible pool of `window`, in
/// the workforce's order ([`Inputs::new`](crate::Inputs::new) does this inside the
/// audit, over the configured window). `ratings` gives each employee's performance
/// rating (a map from [`EmployeeId`], or anything else that is [`Ratings`]); everyone
/// in the pool needs one.
///
/// # The eligible pool and the clock
///
/// The pool is everyone employed on the first day of the window
/// ([`Employee::is_active_on`](remit_core::Employee::is_active_on)). People hired during
/// the window are not in the pool (their promotions are ignored): comparing
/// promotion rates needs a pool that was exposed for the same window.
///
/// For each person in the pool:
///
/// - **promoted** is whether a [`PromotionEvent`] for them falls in the window (the
///   first one counts);
/// - **months to event** runs from the window's start to the end of the promotion
///   day (so a promotion on the first day takes one day, not zero), or, when not
///   promoted, to the end of observation: the window's end or the leaving date,
///   whichever is first. Months are fractional, by the core
///   [month convention](remit_core::period);
/// - **tenure** is whole months of tenure on the window's start;
/// - work mode, level, department and attributes are the employee's current values:
///   pass a workforce snapshot as of the window's start.
///
/// ```
/// use std::collections::BTreeMap;
/// use chrono::NaiveDate;
/// use remit_core::{CountryCode, Department, Employee, EmployeeId, JobLevel, Period, Roster, WorkMode};
/// use remit_promotion_bias::{records_from_history, PromotionEvent};
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let person = |id: &str, mode| {
///     Employee::builder(EmployeeId::from_external(id))
///         .work_mode(mode)
///         .country(CountryCode::new("GB").unwrap())
///         .time_zone(chrono_tz::Europe::London)
///         .level(JobLevel::new(2))
///         .department(Department::new("Sales").unwrap())
///         .hired_on(d(2020, 1, 6))
///         .build()
///         .unwrap()
/// };
/// let roster = Roster::new(vec![person("a", WorkMode::Onsite), person("b", WorkMode::Remote)])?;
/// let window = Period::new(d(2024, 1, 1), d(2025, 1, 1))?;
/// let events = [PromotionEvent::new(EmployeeId::from_external("a"), d(2024, 3, 31))];
/// let ratings = BTreeMap::from([
///     (EmployeeId::from_external("a"), 4.0),
///     (EmployeeId::from_external("b"), 4.0),
/// ]);
/// let records = records_from_history(&roster, &events, &ratings, window)?;
/// assert_eq!(records.len(), 2);
/// assert!(records[0].promoted() && (records[0].months_to_event() - 3.0).abs() < 1e-9);
/// assert!(!records[1].promoted() && records[1].months_to_event() == 12.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`Error::UnknownEmployee`] for an event naming nobody in the workforce,
/// [`Error::MissingRating`] for a pool member without a rating, and
/// [`Error::NonFinite`] when a rating is not finite.
pub fn records_from_history<W: Workforce + ?Sized, R: Ratings + ?Sized>(
    workforce: &W,
    events: &[PromotionEvent],
    ratings: &R,
    window: Period,
) -> Result<Vec<PromotionRecord>, Error> {
    let mut records = Vec::new();
    for_each_in_pool(workforce, events, ratings, window, |employee, member| {
        let mut builder = PromotionRecord::builder(employee.id())
            .work_mode(employee.work_mode())
            .level(employee.level())
            .department(employee.department().clone())
            .performance(member.rating)
            .tenure_months(member.tenure_months)
            .promoted(member.promoted)
            .months_to_event(member.months_to_event);
        for (key, value) in employee.attributes() {
            // Shared with the employee: no copy of the text per record.
            builder = builder.attribute(key.clone(), value.clone());
        }
        records.push(builder.build()?);
        Ok(())
    })?;
    Ok(records)
}

/// The [`PromotionTable`] of [`records_from_history`]`(workforce, events, ratings,
/// window)`: the same eligible pool, clock, rows in the same order and the same
/// errors, filled column by column without a [`PromotionRecord`] per person (no
/// attribute list or department name copied per row: a department and an attribute
/// text are stored once). This is what [`Inputs::new`](crate::Inputs::new) builds
/// inside the audit; a caller who fills a table from its own workforce calls it
/// directly.
///
/// The table is sized for [`Workforce::headcount`] rows up front.
///
/// ```
/// use std::collections::BTreeMap;
/// use chrono::NaiveDate;
/// use remit_core::{CountryCode, Department, Employee, EmployeeId, JobLevel, Period, Roster, WorkMode};
/// use remit_promotion_bias::{records_from_history, table_from_history, PromotionEvent, PromotionTable};
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let person = |id: &str| {
///     Employee::builder(EmployeeId::from_external(id))
///         .work_mode(WorkMode::Remote)
///         .country(CountryCode::new("GB").unwrap())
///         .time_zone(chrono_tz::Europe::London)
///         .level(JobLevel::new(2))
///         .department(Department::new("Sales").unwrap())
///         .hired_on(d(2020, 1, 6))
///         .attribute("gender", "female")
///         .build()
///         .unwrap()
/// };
/// let roster = Roster::new(vec![person("a"), person("b")])?;
/// let window = Period::new(d(2024, 1, 1), d(2025, 1, 1))?;
/// let events = [PromotionEvent::new(EmployeeId::from_external("b"), d(2024, 6, 1))];
/// let ratings = BTreeMap::from([
///     (EmployeeId::from_external("a"), 3.0),
///     (EmployeeId::from_external("b"), 4.0),
/// ]);
/// let table = table_from_history(&roster, &events, &ratings, window)?;
/// assert_eq!(table.promoted(), &[false, true]);
/// assert_eq!(table.department_names().len(), 1); // stored once
/// let records = records_from_history(&roster, &events, &ratings, window)?;
/// assert_eq!(table, PromotionTable::from_records(&records));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`records_from_history`]: [`Error::UnknownEmployee`] for an event naming nobody
/// in the workforce, [`Error::MissingRating`] for a pool member without a rating, and
/// [`Error::NonFinite`] when a rating is not finite.
pub fn table_from_history<W: Workforce + ?Sized, R: Ratings + ?Sized>(
    workforce: &W,
    events: &[PromotionEvent],
    ratings: &R,
    window: Period,
) -> Result<PromotionTable, Error> {
    let mut table = PromotionTable::with_capacity(workforce.headcount());
    for_each_in_pool(workforce, events, ratings, window, |employee, member| {
        table.push_employee(employee, &member)
    })?;
    Ok(table)
}

/// What the events say about one employee they name.
struct Named {
    /// The position of the first event naming them.
    first_event: usize,
    /// Their earliest promotion inside the window.
    first_promotion: Option<NaiveDate>,
    /// Whether the workforce has them.
    in_workforce: bool,
}

/// The rules of [`records_from_history`], once: calls `member` for each employee of
/// the eligible pool in the workforce's order, until it or a rating fails.
///
/// The events are gathered first, by employee; the workforce is then walked once,
/// both to build the pool and to find which events' employees it has (its
/// [`employees`](Workforce::employees) lists every employee once), so that no event
/// costs a look-up of its own. An event naming nobody is reported (as the first such
/// event) before any rating or member error, as if the events were checked first.
fn for_each_in_pool<W: Workforce + ?Sized, R: Ratings + ?Sized>(
    workforce: &W,
    events: &[PromotionEvent],
    ratings: &R,
    window: Period,
    mut member: impl FnMut(&Employee, PoolMember) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut named: HashMap<EmployeeId, Named, FixedState> =
        HashMap::with_capacity_and_hasher(events.len(), FixedState::default());
    for (index, event) in events.iter().enumerate() {
        let entry = named.entry(event.employee).or_insert(Named {
            first_event: index,
            first_promotion: None,
            in_workforce: false,
        });
        if window.contains(event.on) {
            entry.first_promotion =
                Some(entry.first_promotion.map_or(event.on, |d| d.min(event.on)));
        }
    }
    let mut found = 0usize;
    // The first failure, returned once every event's employee has been looked for.
    let mut failed: Option<Error> = None;
    for employee in workforce.employees() {
        let id = employee.id();
        let first_promotion = match named.get_mut(&id) {
            Some(n) => {
                if !n.in_workforce {
                    n.in_workforce = true;
                    found += 1;
                }
                n.first_promotion
            }
            None => None,
        };
        if failed.is_some() {
            continue;
        }
        let row = pool_member(&employee, || ratings.rating(id), first_promotion, window);
        if let Err(e) = row.and_then(|row| row.map_or(Ok(()), |row| member(&employee, row))) {
            failed = Some(e);
        }
    }
    if found < named.len()
        && let Some((index, employee)) = named
            .iter()
            .filter(|(_, n)| !n.in_workforce)
            .map(|(id, n)| (n.first_event, *id))
            .min()
    {
        return Err(Error::UnknownEmployee { index, employee });
    }
    failed.map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use remit_core::{CountryCode, Department, Employee, JobLevel, Roster, WorkMode};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn person(id: &str, hired: NaiveDate, left: Option<NaiveDate>) -> Employee {
        let mut b = Employee::builder(EmployeeId::from_external(id))
            .work_mode(WorkMode::Remote)
            .country(CountryCode::new("PT").unwrap())
            .time_zone(chrono_tz::Europe::Lisbon)
            .level(JobLevel::new(1))
            .department(Department::new("Eng").unwrap())
            .hired_on(hired)
            .attribute("gender", "f");
        if let Some(l) = left {
            b = b.left_on(l);
        }
        b.build().unwrap()
    }

    #[test]
    fn pool_censoring_and_errors() {
        let roster = Roster::new(vec![
            person("stays", d(2022, 1, 1), None),
            person("leaves", d(2022, 1, 1), Some(d(2024, 4, 1))),
            person("late", d(2024, 6, 1), None),
        ])
        .unwrap();
        let window = Period::new(d(2024, 1, 1), d(2025, 1, 1)).unwrap();
        let ratings: BTreeMap<_, _> = ["stays", "leaves", "late"]
            .iter()
            .map(|id| (EmployeeId::from_external(id), 3.0))
            .collect();
        let events = [
            // Outside the window: ignored.
            PromotionEvent::new(EmployeeId::from_external("stays"), d(2023, 6, 1)),
            // Hired during the window: not in the pool.
            PromotionEvent::new(EmployeeId::from_external("late"), d(2024, 9, 1)),
        ];
        let records = records_from_history(&roster, &events, &ratings, window).unwrap();
        assert_eq!(records.len(), 2);
        assert!(records.iter().all(|r| !r.promoted()));
        assert_eq!(records[0].months_to_event(), 12.0);
        assert_eq!(records[0].tenure_months(), 24.0);
        assert_eq!(records[1].months_to_event(), 3.0);
        assert_eq!(records[0].attribute("gender"), Some("f"));
        // The same ratings in a hash map give the same records.
        let hashed: HashMap<EmployeeId, f64, FixedState> =
            ratings.iter().map(|(k, v)| (*k, *v)).collect();
        assert_eq!(
            records_from_history(&roster, &events, &hashed, window).unwrap(),
            records
        );

        let unknown = [PromotionEvent::new(
            EmployeeId::from_external("x"),
            d(2024, 2, 1),
        )];
        let err = records_from_history(&roster, &unknown, &ratings, window).unwrap_err();
        assert!(matches!(err, Error::UnknownEmployee { index: 0, .. }));

        let mut partial = ratings.clone();
        partial.remove(&EmployeeId::from_external("leaves"));
        let err = records_from_history(&roster, &[], &partial, window).unwrap_err();
        assert_eq!(
            err,
            Error::MissingRating {
                employee: EmployeeId::from_external("leaves")
            }
        );
        let mut bad = ratings.clone();
        bad.insert(EmployeeId::from_external("stays"), f64::NAN);
        let err = records_from_history(&roster, &[], &bad, window).unwrap_err();
        assert!(matches!(
            err,
            Error::NonFinite {
                field: "performance",
                ..
            }
        ));
    }
}
