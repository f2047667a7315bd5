//! The `promotion_records` and `promotion_attributes` tables, read into a promotion table.

use remit_core::{JobLevel, WorkMode};
use remit_promotion_bias::{PromotionRow, PromotionTable};
use rusqlite::Connection;

use super::error::{Cx, StoreError};

/// Reads the promotion records with their attributes, validated as they are appended.
pub(super) fn read_promotion(conn: &Connection) -> Result<PromotionTable, StoreError> {
    let mut records = conn.prepare(
        "SELECT id, employee, work_mode, level, department, performance, tenure_months, promoted,
                months_to_event
         FROM promotion_records ORDER BY id",
    )?;
    let mut attributes =
        conn.prepare("SELECT record, key, value FROM promotion_attributes ORDER BY record, key")?;
    let mut attributes = attributes.query([])?;
    let mut pending = attributes.next()?;
    let mut table = PromotionTable::new();
    let mut query = records.query([])?;
    while let Some(row) = query.next()? {
        let id: i64 = row.get(0)?;
        let cx = Cx::new("promotion_records", id);
        let mut pairs: Vec<(String, String)> = Vec::new();
        while let Some(a) = pending {
            let owner: i64 = a.get(0)?;
            if owner > id {
                break;
            }
            let acx = Cx::new("promotion_attributes", owner);
            if owner < id {
                return Err(acx.field("record", "names no promotion record"));
            }
            pairs.push((acx.get(a, 1, "key")?, acx.get(a, 2, "value")?));
            pending = attributes.next()?;
        }
        let department: String = cx.get(row, 4, "department")?;
        let borrowed: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        // Validated by the crate: the numbers and attribute keys by the row's setters, the
        // department as the row is appended.
        let employee = cx.parse(row, 1, "employee")?;
        let work_mode = cx.parse::<WorkMode>(row, 2, "work_mode")?;
        let level = JobLevel::new(cx.int(row, 3, "level")?);
        let performance = cx.get(row, 5, "performance")?;
        let tenure_months = cx.get(row, 6, "tenure_months")?;
        let promoted = cx.get(row, 7, "promoted")?;
        let months_to_event = cx.get(row, 8, "months_to_event")?;
        PromotionRow::new(employee, work_mode, level, &department)
            .with_performance(performance)
            .and_then(|r| r.with_tenure_months(tenure_months))
            .and_then(|r| r.with_outcome(promoted, months_to_event))
            .and_then(|r| r.with_attributes(&borrowed))
            .and_then(|r| table.push_row(r))
            .map_err(|e| cx.record(e))?;
    }
    if let Some(a) = pending {
        let owner: i64 = a.get(0)?;
        return Err(
            Cx::new("promotion_attributes", owner).field("record", "names no promotion record")
        );
    }
    Ok(table)
}
