//! The wellbeing tables: `weekly_signals` (one row per employee and week) and
//! `survey_answers` (one row per respondent and item).

use remit_core::EmployeeId;
use remit_wellbeing::{Signal, SignalPanel, WeekSignals};
use rusqlite::{Connection, OptionalExtension};

use super::error::{Cx, StoreError, meta_error};
use super::schema::{name_of, survey_width};

/// Reads the weekly signal panel; its width in weeks is `meta.signal_weeks`.
pub(super) fn read_panel(conn: &Connection) -> Result<SignalPanel, StoreError> {
    let weeks: String = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'signal_weeks'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| meta_error("missing key `signal_weeks`"))?;
    let weeks: usize = weeks
        .parse()
        .map_err(|e| meta_error(format!("`signal_weeks`: {e}")))?;
    let mut names = Vec::with_capacity(Signal::COUNT);
    for signal in Signal::ALL {
        names.push(name_of(&signal)?);
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT id, employee, week, {} FROM weekly_signals ORDER BY id",
        names.join(", ")
    ))?;
    let mut query = stmt.query([])?;
    let mut employees: Vec<EmployeeId> = Vec::new();
    let mut columns: [Vec<f32>; Signal::COUNT] = std::array::from_fn(|_| Vec::new());
    let mut expected_week = 0;
    while let Some(row) = query.next()? {
        let id: i64 = row.get(0)?;
        let cx = Cx::new("weekly_signals", id);
        let employee: EmployeeId = cx.parse(row, 1, "employee")?;
        let week: usize = cx.int(row, 2, "week")?;
        if week == 0 && expected_week % weeks.max(1) == 0 {
            employees.push(employee);
        } else if employees.last() != Some(&employee) || week != expected_week {
            return Err(cx.field(
                "week",
                format!(
                    "expected week {expected_week} of the previous employee, or week 0 of a new one"
                ),
            ));
        }
        if week >= weeks {
            return Err(cx.field(
                "week",
                format!("{week} is beyond `meta.signal_weeks` ({weeks})"),
            ));
        }
        let mut values = WeekSignals::zero();
        for (i, signal) in Signal::ALL.iter().enumerate() {
            let value: f64 = cx.get(row, 3 + i, "signal")?;
            let value = value as f32;
            values = values.with(*signal, value).map_err(|e| cx.record(e))?;
        }
        for (column, signal) in columns.iter_mut().zip(Signal::ALL) {
            column.push(values.get(signal));
        }
        expected_week = week + 1;
    }
    SignalPanel::from_columns(weeks, employees, columns).map_err(|e| StoreError::Table {
        table: "weekly_signals",
        message: e.to_string(),
    })
}

pub(super) fn read_survey(
    conn: &Connection,
) -> Result<(Vec<EmployeeId>, Vec<Option<u8>>), StoreError> {
    let width = survey_width();
    let mut stmt =
        conn.prepare("SELECT id, respondent, item, code FROM survey_answers ORDER BY id")?;
    let mut query = stmt.query([])?;
    let mut respondents: Vec<EmployeeId> = Vec::new();
    let mut codes = Vec::new();
    let mut next_item = width;
    while let Some(row) = query.next()? {
        let id: i64 = row.get(0)?;
        let cx = Cx::new("survey_answers", id);
        let respondent: EmployeeId = cx.parse(row, 1, "respondent")?;
        let item: usize = cx.int(row, 2, "item")?;
        if next_item == width && item == 0 {
            respondents.push(respondent);
            next_item = 0;
        }
        if item != next_item || respondents.last() != Some(&respondent) {
            return Err(cx.field(
                "item",
                format!(
                    "expected item {next_item} of the previous respondent (items 0-{} each)",
                    width - 1
                ),
            ));
        }
        let code: Option<u8> = cx
            .get::<Option<i64>>(row, 3, "code")?
            .map(|c| u8::try_from(c).map_err(|e| cx.field("code", format!("{c}: {e}"))))
            .transpose()?;
        codes.push(code);
        next_item += 1;
    }
    if next_item != width && !respondents.is_empty() {
        return Err(StoreError::Table {
            table: "survey_answers",
            message: format!("the last respondent answered {next_item} of {width} items"),
        });
    }
    Ok((respondents, codes))
}
