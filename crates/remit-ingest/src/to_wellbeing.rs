//! Canonical weekly signals and survey answers to `remit-wellbeing` inputs: a
//! [`SignalPanel`] through [`WeekSignals::with`] and [`SignalPanel::from_columns`], and
//! the WHO-5 + CBI answer codes the flagship survey scores, checked against each
//! instrument's items and response range.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use remit_core::{Employee, EmployeeId, Workforce};
use remit_wellbeing::Instrument;
use remit_wellbeing::{Cbi, Who5};
use remit_wellbeing::{Signal, SignalPanel, WeekSignals};

use crate::error::{Problem, Problems};
use crate::read::{Loc, Rows, iso};
use crate::to_core::People;

/// The wellbeing domain's inputs.
#[derive(Debug, Clone)]
pub struct WellbeingInputs {
    /// Weekly behavioural signals (`None` without a signals file).
    pub panel: Option<SignalPanel>,
    /// The employees the panel covers, in its order (looked up in the people file).
    pub employees: Vec<Employee>,
    /// Survey respondents, in first-answer order.
    pub respondents: Vec<EmployeeId>,
    /// Their answer codes, 24 per respondent (the 5 WHO-5 items then the 19 CBI items,
    /// in the instruments' item order), `None` where unanswered.
    pub codes: Vec<Option<u8>>,
    /// Signals no file gave (read as 0 for every person and week), e.g. the three a
    /// Viva Insights person query does not carry.
    pub missing_signals: Vec<Signal>,
}

/// Builds the wellbeing domain's inputs.
pub(crate) fn wellbeing(
    rows: &Rows,
    people: &People,
    problems: &mut Problems,
) -> Option<WellbeingInputs> {
    let before = problems.count();
    // Signals: every person needs the same weeks.
    let weeks: BTreeSet<NaiveDate> = rows.signals.iter().map(|(r, _)| r.week_start).collect();
    let week_index: crate::Map<NaiveDate, usize> =
        weeks.iter().enumerate().map(|(i, w)| (*w, i)).collect();
    let n_weeks = weeks.len();
    let mut employees: Vec<EmployeeId> = Vec::new();
    let mut row_of: crate::Map<EmployeeId, usize> = crate::Map::default();
    let mut cells: Vec<Option<(WeekSignals, Loc)>> = Vec::new();
    let mut seen = [false; Signal::COUNT];
    for (row, loc) in &rows.signals {
        let employee = match people.resolve(&row.who) {
            Ok(e) => e,
            Err(m) => {
                problems.push(rows.problem(*loc, m));
                continue;
            }
        };
        let r = *row_of.entry(employee).or_insert_with(|| {
            employees.push(employee);
            cells.resize(cells.len() + n_weeks, None);
            employees.len() - 1
        });
        let mut week = WeekSignals::zero();
        let mut ok = true;
        for (i, signal) in Signal::ALL.iter().enumerate() {
            if let Some(Some(v)) = row.values.get(i) {
                if let Some(flag) = seen.get_mut(i) {
                    *flag = true;
                }
                match week.with(*signal, *v) {
                    Ok(w) => week = w,
                    Err(e) => {
                        problems.push(rows.problem(*loc, format!("column `{signal}`: {e}")));
                        ok = false;
                    }
                }
            }
        }
        let slot = week_index
            .get(&row.week_start)
            .and_then(|w| cells.get_mut(r * n_weeks + w));
        match slot {
            Some(Some((_, first))) => problems.push(rows.problem(
                *loc,
                format!(
                    "{:?} has two rows for the week of {} (first on line {})",
                    people.name(employee),
                    iso(row.week_start),
                    first.line
                ),
            )),
            Some(slot) if ok => *slot = Some((week, *loc)),
            _ => {}
        }
    }
    if problems.count() != before {
        return None;
    }
    let panel = if employees.is_empty() {
        None
    } else {
        let mut columns: [Vec<f32>; Signal::COUNT] =
            std::array::from_fn(|_| Vec::with_capacity(cells.len()));
        for (i, cell) in cells.iter().enumerate() {
            match cell {
                Some((w, _)) => {
                    for (column, signal) in columns.iter_mut().zip(Signal::ALL) {
                        column.push(w.get(signal));
                    }
                }
                None => {
                    let employee = employees.get(i / n_weeks.max(1)).copied();
                    let week = weeks.iter().nth(i % n_weeks.max(1));
                    problems.push(Problem::File {
                        file: rows
                            .signals
                            .first()
                            .map_or_else(String::new, |(_, l)| rows.file(*l).to_owned()),
                        message: format!(
                            "{:?} has no row for the week of {} (every person needs every week the file has)",
                            employee.map(|e| people.name(e)).unwrap_or_default(),
                            week.map(|w| iso(*w)).unwrap_or_default()
                        ),
                    });
                    if problems.count() - before > 20 {
                        break;
                    }
                }
            }
        }
        if problems.count() != before {
            return None;
        }
        match SignalPanel::from_columns(n_weeks, employees.clone(), columns) {
            Ok(p) => Some(p),
            Err(e) => {
                problems.push(Problem::Config {
                    message: format!("signals: {e}"),
                });
                return None;
            }
        }
    };
    let panel_employees: Vec<Employee> = employees
        .iter()
        .filter_map(|e| people.roster.employee(*e).map(std::borrow::Cow::into_owned))
        .collect();

    // Survey answers: items of WHO-5 then CBI, in the instruments' order.
    let who5 = Who5::new();
    let cbi = Cbi::new();
    let mut item_slot: crate::Map<&str, (usize, u8, u8)> = crate::Map::default();
    for (offset, instrument) in [
        (0usize, &who5 as &dyn Instrument),
        (who5.items().len(), &cbi),
    ] {
        let range = instrument.response_range();
        for (i, item) in instrument.items().iter().enumerate() {
            item_slot.insert(item.id().as_str(), (offset + i, range.min(), range.max()));
        }
    }
    let width = who5.items().len() + cbi.items().len();
    let mut respondents: Vec<EmployeeId> = Vec::new();
    let mut position: crate::Map<EmployeeId, usize> = crate::Map::default();
    let mut codes: Vec<Option<u8>> = Vec::new();
    let mut answered: Vec<Option<Loc>> = Vec::new();
    for (row, loc) in &rows.responses {
        let Some(&(slot, min, max)) = item_slot.get(row.item.as_str()) else {
            problems.push(rows.problem(
                *loc,
                format!(
                    "column `item`: {:?} is not a WHO-5 or CBI item (who5.1-who5.5, cbi.personal.1-6, cbi.work.1-7, cbi.client.1-6)",
                    row.item
                ),
            ));
            continue;
        };
        if let Some(v) = row.value
            && !(min..=max).contains(&v)
        {
            problems.push(rows.problem(
                *loc,
                format!("column `value`: {v} is outside {}'s answer codes {min}-{max} (map other codings in [files.values.value])", row.item),
            ));
            continue;
        }
        let employee = match people.resolve(&row.who) {
            Ok(e) => e,
            Err(m) => {
                problems.push(rows.problem(*loc, m));
                continue;
            }
        };
        let r = *position.entry(employee).or_insert_with(|| {
            respondents.push(employee);
            codes.resize(codes.len() + width, None);
            answered.resize(answered.len() + width, None);
            respondents.len() - 1
        });
        let i = r * width + slot;
        if let Some(Some(first)) = answered.get(i) {
            problems.push(rows.problem(
                *loc,
                format!(
                    "{} answered twice by the same respondent (first on line {})",
                    row.item, first.line
                ),
            ));
            continue;
        }
        if let (Some(c), Some(a)) = (codes.get_mut(i), answered.get_mut(i)) {
            *c = row.value;
            *a = Some(*loc);
        }
    }
    let missing_signals = if panel.is_some() {
        Signal::ALL
            .iter()
            .zip(seen)
            .filter(|(_, s)| !s)
            .map(|(signal, _)| *signal)
            .collect()
    } else {
        Vec::new()
    };
    (problems.count() == before).then_some(WellbeingInputs {
        panel,
        employees: panel_employees,
        respondents,
        codes,
        missing_signals,
    })
}
