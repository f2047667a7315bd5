//! Promotion inputs: the analysis-ready `promotions.csv` as read, or promotions derived
//! from job history, filled row by row through [`PromotionTable::push_from_history`]
//! (remit-promotion-bias's rules for the eligible pool and the clock).
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

use chrono::{Months, NaiveDate};
use remit_core::{Employee, JobLevel, Period};
use remit_promotion_bias::{Error as HistoryError, PromotionTable};

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
    let n = people.roster.len();
    // Per roster position: the earliest promotion in the window, and the level when
    // the window opened where it differs from the people file's.
    let mut promoted_on: Vec<Option<NaiveDate>> = vec![None; n];
    let mut level_at_start: Vec<Option<JobLevel>> = vec![None; n];
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
        let first_in_window = history
            .windows(2)
            .filter_map(|pair| match pair {
                [(_, before_level), (date, after_level)] if after_level > before_level => {
                    Some(*date)
                }
                _ => None,
            })
            .filter(|date| window.contains(*date))
            .min();
        if let Some(slot) = promoted_on.get_mut(position) {
            *slot = first_in_window;
        }
        if let Some((_, level)) = history.iter().rev().find(|(d, _)| *d <= window.start())
            && employee.level() != *level
            && let Some(slot) = level_at_start.get_mut(position)
        {
            *slot = Some(*level);
        }
    }
    drop(order);
    // One row per member of the eligible pool, in the people file's order, each as of
    // the window's start (levels from the history), with its rating and promotion by
    // roster position.
    let mut table = PromotionTable::with_capacity(n);
    for (position, employee) in people.roster.iter().enumerate() {
        let at_start = match level_at_start.get(position).copied().flatten() {
            Some(level) => Cow::Owned(rebuild_with_level(employee, level)),
            None => Cow::Borrowed(employee),
        };
        let rating = people.performance.get(position).copied().flatten();
        let promoted = promoted_on.get(position).copied().flatten();
        match table.push_from_history(&at_start, rating, promoted, window) {
            Ok(_) => {}
            Err(HistoryError::MissingRating { employee }) => {
                problems.push(Problem::Config {
                    message: format!(
                        "employee {:?} was employed when the promotion window opened but has no `performance` rating in the people file",
                        people.name(employee)
                    ),
                });
                return None;
            }
            Err(e) => {
                problems.push(Problem::Config {
                    message: e.to_string(),
                });
                return None;
            }
        }
    }
    Some(table)
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
