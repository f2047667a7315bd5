//! Promotion inputs: the analysis-ready `promotions.csv` as read, or promotions derived
//! from job history through [`records_from_history`].
//!
//! # Deriving promotions from job history
//!
//! A promotion is a rise in level between two consecutive job rows of one employee
//! (ordered by effective date); the row's effective date is the promotion's date. What
//! the system called the change (`event`) is not trusted: a "Promotion" row without a
//! level rise is not a promotion, and a "Job change" with one is. The window is the
//! `promotion_window_months` before `as_of`. Each person's work mode, department and
//! attributes come from the people file; their level is the one in force on the
//! window's first day (from the job history; the people file's level when the history
//! has no row before the window). Performance ratings come from the people file's
//! `performance` column; everyone employed on the window's first day needs one.

use std::borrow::Cow;
use std::cell::Cell;

use chrono::{Months, NaiveDate};
use remit_core::{Employee, EmployeeId, JobLevel, Period, Roster, Workforce};
use remit_promotion_bias::{
    Error as HistoryError, PromotionEvent, PromotionTable, Ratings, records_from_history,
};

use crate::error::{Problem, Problems};
use crate::intern::Sym;
use crate::read::Rows;
use crate::to_core::People;

/// The promotion domain's input.
pub(crate) fn promotion(
    rows: &Rows,
    people: Option<&People>,
    as_of: NaiveDate,
    window_months: u32,
    problems: &mut Problems,
) -> Option<PromotionTable> {
    if let Some((parsed, file)) = rows.promotions.first() {
        if rows.promotions.len() > 1 || !rows.jobs.is_empty() {
            problems.push(Problem::Config {
                message: format!(
                    "promotions come from one analysis-ready file ({}) or from job history, not both",
                    rows.files.get(*file as usize).map_or("", String::as_str)
                ),
            });
            return None;
        }
        return Some(parsed.table.clone());
    }
    let people = people?;
    let before = problems.count();
    let start = as_of
        .checked_sub_months(Months::new(window_months))
        .and_then(|s| Period::new(s, as_of).ok());
    let Some(window) = start else {
        problems.push(Problem::Config {
            message: format!(
                "the {window_months}-month promotion window before {as_of} is out of range"
            ),
        });
        return None;
    };
    // Each employee's job rows, by date, file and line: one counting sort on the
    // interned employee id (stable, so each employee's rows stay in file and line
    // order, as `rows.jobs` is), then a stable sort by date of each employee's rows
    // that are not already in date order.
    let mut starts: Vec<usize> = vec![0; rows.names.employees.len() + 1];
    for (row, loc) in &rows.jobs {
        match people.resolve_id(row.employee_id) {
            Ok(_) => {
                if let Some(c) = starts.get_mut(row.employee_id.index() + 1) {
                    *c += 1;
                }
            }
            Err(m) => problems.push(rows.problem(*loc, m)),
        }
    }
    if problems.count() != before {
        return None;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut order: Vec<u32> = vec![0; rows.jobs.len()];
    let mut next = starts.clone();
    for (i, (row, _)) in rows.jobs.iter().enumerate() {
        if let Some(at) = next.get_mut(row.employee_id.index())
            && let Some(place) = order.get_mut(*at)
        {
            *place = u32::try_from(i).unwrap_or(u32::MAX);
            *at += 1;
        }
    }
    drop(next);
    let mut events = Vec::new();
    // Per roster position, the level when the window opened where it differs from the
    // people file's.
    let mut level_at_start: Vec<Option<JobLevel>> = vec![None; people.roster.len()];
    let mut history: Vec<(NaiveDate, JobLevel)> = Vec::new();
    for (sym, range) in starts.windows(2).enumerate() {
        let [from, to] = *range else { continue };
        if from == to {
            continue;
        }
        let Some((position, employee)) = u32::try_from(sym).ok().and_then(|s| {
            let sym = Sym::from_index(s);
            Some((people.position(sym)?, people.employee(sym)?))
        }) else {
            continue;
        };
        history.clear();
        history.extend(
            order
                .get(from..to)
                .unwrap_or(&[])
                .iter()
                .filter_map(|&j| rows.jobs.get(j as usize))
                .map(|(row, _)| (row.effective_date, row.level)),
        );
        if !history.is_sorted_by_key(|(date, _)| *date) {
            history.sort_by_key(|(date, _)| *date);
        }
        for pair in history.windows(2) {
            if let [(_, before_level), (date, after_level)] = pair
                && after_level > before_level
            {
                events.push(PromotionEvent::new(employee.id(), *date));
            }
        }
        if let Some((_, level)) = history.iter().rev().find(|(d, _)| *d <= window.start())
            && employee.level() != *level
            && let Some(slot) = level_at_start.get_mut(position)
        {
            *slot = Some(*level);
        }
    }
    events.sort();
    // The workforce as of the window's start: levels from the history.
    let snapshot = AtWindowStart {
        roster: &people.roster,
        levels: &level_at_start,
    };
    let ratings = InRosterOrder {
        roster: &people.roster,
        ratings: &people.performance,
        next: Cell::new(0),
    };
    match records_from_history(&snapshot, &events, &ratings, window) {
        // The records are valid: the table takes them as they are.
        Ok(records) => Some(PromotionTable::from_records(&records)),
        Err(HistoryError::MissingRating { employee }) => {
            problems.push(Problem::Config {
                message: format!(
                    "employee {:?} was employed when the promotion window opened but has no `performance` rating in the people file",
                    people.name(employee)
                ),
            });
            None
        }
        Err(e) => {
            problems.push(Problem::Config {
                message: e.to_string(),
            });
            None
        }
    }
}

/// The people file's performance ratings, one slot per roster position, looked up by
/// id. [`records_from_history`] asks in roster order (skipping those not employed when
/// the window opened), so the few positions after the last answer are tried first, and
/// a match skips the roster's id index (a million hash look-ups in random memory
/// order): this changes speed, never the answer.
struct InRosterOrder<'a> {
    roster: &'a Roster,
    ratings: &'a [Option<f64>],
    /// The position after the last one asked for.
    next: Cell<usize>,
}

/// How many positions [`InRosterOrder`] tries before the roster's index.
const LOOK_AHEAD: usize = 8;

impl Ratings for InRosterOrder<'_> {
    fn rating(&self, employee: EmployeeId) -> Option<f64> {
        let from = self.next.get();
        let ahead = self.roster.as_slice().get(from..).unwrap_or(&[]);
        let position = match ahead
            .iter()
            .take(LOOK_AHEAD)
            .position(|e| e.id() == employee)
        {
            Some(skipped) => from + skipped,
            None => self.roster.position(employee)?,
        };
        self.next.set(position.saturating_add(1));
        self.ratings.get(position).copied().flatten()
    }
}

/// The people file's workforce with each level as it was when the window opened (only
/// those that changed are rebuilt).
struct AtWindowStart<'a> {
    roster: &'a Roster,
    /// Per roster position, the level when the window opened if it differs.
    levels: &'a [Option<JobLevel>],
}

impl<'a> AtWindowStart<'a> {
    fn at_start(&self, e: &'a Employee, level: Option<JobLevel>) -> Cow<'a, Employee> {
        match level {
            Some(level) => Cow::Owned(rebuild_with_level(e, level)),
            None => Cow::Borrowed(e),
        }
    }
}

impl Workforce for AtWindowStart<'_> {
    fn employees(&self) -> impl Iterator<Item = Cow<'_, Employee>> {
        self.roster
            .iter()
            .enumerate()
            .map(|(p, e)| self.at_start(e, self.levels.get(p).copied().flatten()))
    }

    fn employee(&self, id: EmployeeId) -> Option<Cow<'_, Employee>> {
        let position = self.roster.position(id)?;
        let e = self.roster.as_slice().get(position)?;
        Some(self.at_start(e, self.levels.get(position).copied().flatten()))
    }

    fn headcount(&self) -> usize {
        self.roster.len()
    }
}

fn rebuild_with_level(e: &Employee, level: JobLevel) -> Employee {
    let mut b = Employee::builder(e.id())
        .work_mode(e.work_mode())
        .country(e.country())
        .time_zone(e.time_zone())
        .level(level)
        .department(e.department().clone())
        .hired_on(e.hired_on());
    if let Some(m) = e.manager() {
        b = b.manager(m);
    }
    if let Some(l) = e.left_on() {
        b = b.left_on(l);
    }
    for (k, v) in e.attributes() {
        b = b.attribute(k, v);
    }
    // The same fields as a valid employee, with another level: cannot fail.
    b.build().unwrap_or_else(|_| e.clone())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use remit_core::{CountryCode, Department, WorkMode};

    use super::*;

    fn person(id: &str) -> Employee {
        Employee::builder(EmployeeId::from_external(id))
            .work_mode(WorkMode::Remote)
            .country(CountryCode::new("PT").unwrap())
            .time_zone(chrono_tz::Europe::Lisbon)
            .level(JobLevel::new(1))
            .department(Department::new("Eng").unwrap())
            .hired_on(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap())
            .build()
            .unwrap()
    }

    /// The ratings by roster position answer as a map from id would, whatever order
    /// they are asked in (in order, skipping, backwards, repeated, unknown ids).
    #[test]
    fn ratings_in_roster_order_answer_by_id_in_any_order() {
        let ids = ["a", "b", "c", "d", "e"];
        let roster = Roster::new(ids.iter().map(|id| person(id)).collect()).unwrap();
        let by_position = [Some(1.0), None, Some(3.0), Some(4.0), Some(5.0)];
        let ratings = InRosterOrder {
            roster: &roster,
            ratings: &by_position,
            next: Cell::new(0),
        };
        let want = |id: &str| {
            ids.iter()
                .position(|i| *i == id)
                .and_then(|p| by_position[p])
        };
        for id in ["a", "b", "c", "e", "d", "d", "a", "zz", "e", "c", "b", "a"] {
            assert_eq!(
                ratings.rating(EmployeeId::from_external(id)),
                want(id),
                "{id}"
            );
        }
    }
}
