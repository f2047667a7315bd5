//! XLSX workbooks (the `xlsx` feature): the first sheet read through `calamine` and
//! handed to the same CSV path as text, so every setting, profile and check applies.
//! Typed cells become text: numbers as Rust writes them (a `.` decimal point, whatever
//! the file's `decimal` setting says, since the cell is a number, not text), booleans as
//! `true`/`false`, date cells in the file's declared date format.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::{Days, NaiveDate};

use crate::values::DateFormat;

/// The first sheet of the workbook in `reader` as CSV text.
///
/// # Errors
///
/// A message when the bytes are not a workbook or it has no sheet.
pub(crate) fn first_sheet_as_csv<R: Read>(
    mut reader: R,
    dates: &DateFormat,
) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("not an .xlsx workbook: {e}"))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or("the workbook has no sheet")?
        .map_err(|e| format!("cannot read the first sheet: {e}"))?;
    let mut out = csv::Writer::from_writer(Vec::new());
    for row in range.rows() {
        let fields: Vec<String> = row.iter().map(|cell| text(cell, dates)).collect();
        out.write_record(&fields).map_err(|e| e.to_string())?;
    }
    out.into_inner().map_err(|e| e.to_string())
}

fn text(cell: &Data, dates: &DateFormat) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::Error(e) => format!("#{e:?}"),
        Data::DateTime(d) if d.is_datetime() => {
            let serial = d.as_f64().floor();
            let date = NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|base| base.checked_add_days(Days::new(serial.max(0.0) as u64)));
            match (date, dates) {
                (Some(d), DateFormat::Iso) => d.format("%Y-%m-%d").to_string(),
                (Some(d), DateFormat::UsMonthDayYear) => d.format("%m/%d/%Y").to_string(),
                (Some(d), DateFormat::DayMonthYear) => d.format("%d/%m/%Y").to_string(),
                (Some(d), DateFormat::Pattern(p)) => d.format(p).to_string(),
                (_, DateFormat::ExcelSerial) | (None, _) => format!("{serial}"),
            }
        }
        Data::DateTime(d) => d.as_f64().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

        /// Arbitrary bytes, some shaped like the start of a zip archive, never panic.
        #[test]
        fn no_bytes_make_the_workbook_reader_panic(
            zip in proptest::prelude::any::<bool>(),
            body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600),
        ) {
            let bytes = if zip { [b"PK\x03\x04".as_slice(), &body].concat() } else { body };
            let _ = first_sheet_as_csv(bytes.as_slice(), &DateFormat::Iso);
        }
    }

    #[test]
    fn cells_become_text_in_the_declared_formats() {
        let d = calamine::ExcelDateTime::new(45352.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(text(&Data::DateTime(d), &DateFormat::Iso), "2024-03-01");
        assert_eq!(
            text(&Data::DateTime(d), &DateFormat::UsMonthDayYear),
            "03/01/2024"
        );
        assert_eq!(text(&Data::DateTime(d), &DateFormat::ExcelSerial), "45352");
        assert_eq!(text(&Data::Float(3.25), &DateFormat::Iso), "3.25");
        assert_eq!(text(&Data::Int(7), &DateFormat::Iso), "7");
        assert_eq!(text(&Data::Empty, &DateFormat::Iso), "");
        assert!(
            first_sheet_as_csv(&b"not a workbook"[..], &DateFormat::Iso)
                .unwrap_err()
                .starts_with("not an .xlsx workbook")
        );
    }
}
