//! The analysis-ready promotion table (`promotions.csv`): one row per employee in the
//! observation window, read straight into a [`PromotionTable`].
//!
//! A header row, then one row per employee. Required columns, in any order:
//! `employee_id, work_mode, level, department, performance, tenure_months, promoted,
//! months_to_event`. Every other column is kept as an attribute (empty values are
//! skipped), so intersectional cuts (`gender`) need no configuration. `promoted` is
//! `0`/`1` or `true`/`false`. Fields follow RFC 4180 (the `csv` crate: quotes, doubled
//! quotes, line breaks inside quotes, CRLF); a leading byte-order mark is dropped;
//! numbers go through the standard float parser.
//!
//! This file is analysis-ready, so its employee ids are compared only with each other:
//! they become [`file_local_id`]s, not the UUID v5 of [`EmployeeId::from_external`].
//!
//! ```
//! let text = "employee_id,work_mode,level,department,performance,tenure_months,promoted,months_to_event,gender\n\
//!             E-1,remote,L2,Sales,4,12,1,3.5,female\n";
//! let parsed = remit_ingest::promotion_csv::parse_csv(text)?;
//! assert_eq!(parsed.table.len(), 1);
//! assert_eq!(parsed.table.record(0).unwrap().attribute("gender"), Some("female"));
//! # Ok::<(), remit_ingest::promotion_csv::CsvErrors>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::io::Read;

use csv::ByteRecord;
use remit_core::{EmployeeId, JobLevel, WorkMode};
use remit_promotion_bias::{Error as RecordError, PromotionRow, PromotionTable};

use crate::table::{Column, Kind, col, record_line};

/// The columns a promotion CSV must have, in any order (other columns become attributes for
/// intersectional cuts).
pub const REQUIRED: [&str; 8] = [
    "employee_id",
    "work_mode",
    "level",
    "department",
    "performance",
    "tenure_months",
    "promoted",
    "months_to_event",
];

/// The columns of `promotions.csv`, documented.
pub const COLUMNS: &[Column] = &[
    col(
        "employee_id",
        Kind::Id,
        true,
        "The employee, unique in the file.",
        "E-1001",
    ),
    col(
        "work_mode",
        Kind::Enum(&["onsite", "hybrid", "remote"]),
        true,
        "Work mode during the window.",
        "remote",
    ),
    col(
        "level",
        Kind::Integer,
        true,
        "Job level at the window's start (`L3` also reads as 3).",
        "L3",
    ),
    col("department", Kind::Text, true, "Department.", "Engineering"),
    col(
        "performance",
        Kind::Number,
        true,
        "Performance rating.",
        "4",
    ),
    col(
        "tenure_months",
        Kind::Number,
        true,
        "Months of tenure at the window's start, at least 0.",
        "27",
    ),
    col(
        "promoted",
        Kind::Bool,
        true,
        "Promoted in the window (1/0 or true/false).",
        "1",
    ),
    col(
        "months_to_event",
        Kind::Number,
        true,
        "Months from the window's start to the promotion, or to the end of observation; above 0.",
        "7.4",
    ),
];

/// How many row errors one read reports before it stops listing them.
pub const MAX_ERRORS: usize = 100;

/// A malformed value or row: the line (1-based), the column (1-based, when known) and
/// what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    /// The line the row starts on, counting the header as line 1.
    pub line: usize,
    /// The column position and name, when the error is about one field.
    pub column: Option<(usize, String)>,
    /// What is wrong, with the value.
    pub message: String,
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some((i, name)) => write!(
                f,
                "line {}, column {i} (`{name}`): {}",
                self.line, self.message
            ),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

impl std::error::Error for CsvError {}

/// Every problem of a file (up to [`MAX_ERRORS`]), in file order; nothing was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvErrors {
    errors: Vec<CsvError>,
    omitted: usize,
}

impl CsvErrors {
    /// The problems listed (at least one).
    pub fn errors(&self) -> &[CsvError] {
        &self.errors
    }

    /// The first problem found, in file order (there is always one).
    pub fn first(&self) -> &CsvError {
        // Never empty: built from at least one error.
        &self.errors[0]
    }

    /// How many more problems there were beyond those listed.
    pub fn omitted(&self) -> usize {
        self.omitted
    }
}

impl fmt::Display for CsvErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for e in &self.errors {
            if !first {
                f.write_str("; ")?;
            }
            first = false;
            write!(f, "{e}")?;
        }
        if self.omitted > 0 {
            write!(f, "; and {} more", self.omitted)?;
        }
        Ok(())
    }
}

impl std::error::Error for CsvErrors {}

impl From<CsvError> for CsvErrors {
    fn from(error: CsvError) -> Self {
        Self {
            errors: vec![error],
            omitted: 0,
        }
    }
}

/// The row's employee id from its `employee_id` text: a 128-bit hash, not the UUID v5
/// of [`EmployeeId::from_external`]. The text goes once through SipHash-1-3 (the
/// standard library's hasher, fixed keys); the two 64-bit halves are the hasher's
/// output after the text and after one more byte, two functions of its 256-bit state.
/// The analysis only compares ids with each other (to reject a repeated employee),
/// and a SHA-1 per row was a seventh of the run time at a million rows. The chance that
/// two distinct texts share an id is about `rows² / 2¹²⁹` (below 10⁻²⁶ at a million
/// rows). Use [`EmployeeId::from_external`] on the text to join with other remit data.
pub fn file_local_id(text: &str) -> EmployeeId {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    let high = h.finish();
    h.write_u8(0xa5);
    EmployeeId::from_uuid(uuid::Uuid::from_u64_pair(high, h.finish()))
}

/// Records parsed from a CSV, with the line each came from. Employee ids are
/// [`file_local_id`]s.
#[derive(Debug, Clone)]
pub struct ParsedCsv {
    /// The records, in file order, column by column.
    pub table: PromotionTable,
    /// `lines[i]` is the line row `i` of the table starts on.
    pub lines: Vec<usize>,
}

/// Parses a promotion CSV held in memory; see [`parse_reader`].
///
/// # Errors
/// As [`parse_reader`].
pub fn parse_csv(text: &str) -> Result<ParsedCsv, CsvErrors> {
    parse_reader(text.as_bytes())
}

/// A work mode, with the canonical spellings first (no allocation).
fn work_mode(text: &str) -> Result<WorkMode, remit_core::ParseWorkModeError> {
    match text {
        "onsite" => Ok(WorkMode::Onsite),
        "hybrid" => Ok(WorkMode::Hybrid),
        "remote" => Ok(WorkMode::Remote),
        other => other.parse(),
    }
}

/// How the `employee_id` texts of a promotion file become employee ids.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RowIds {
    /// [`file_local_id`]: fast, compared only within the file (the default).
    #[default]
    FileLocal,
    /// [`EmployeeId::from_external`] of the text: the id other remit data derives for it.
    External,
    /// The text is a remit UUID, parsed as it is.
    Uuid,
}

/// Parses a promotion CSV from a reader, with [`RowIds::FileLocal`] ids; see
/// [`parse_reader_with`].
///
/// # Errors
/// As [`parse_reader_with`].
pub fn parse_reader<R: Read>(reader: R) -> Result<ParsedCsv, CsvErrors> {
    parse_reader_with(reader, RowIds::FileLocal)
}

/// Parses a promotion CSV from a reader, streaming (a file need not fit in memory),
/// straight into a [`PromotionTable`]: department names and attribute texts are
/// interned, each distinct text allocated once.
///
/// # Errors
/// [`CsvErrors`] listing, in file order, every problem up to [`MAX_ERRORS`]: a missing
/// or repeated column (then nothing more is read), a row with the wrong number of
/// fields, a value that does not parse or breaks a record invariant (each naming line
/// and column), or an I/O error or text that is not UTF-8, with its line. A file with
/// any problem yields no table.
pub fn parse_reader_with<R: Read>(reader: R, ids: RowIds) -> Result<ParsedCsv, CsvErrors> {
    let mut reader = crate::table::csv_reader(reader, b',');
    let mut record = ByteRecord::new();
    let mut errors = Errors::default();
    // The header: the first record that is not blank.
    let mut line;
    let header = loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) if is_blank(&record) => {}
            Ok(true) => {
                line = as_usize(record_line(&reader, &record));
                break record.clone();
            }
            Ok(false) => {
                return Err(CsvError {
                    line: 1,
                    column: None,
                    message: "empty file: expected a header row".to_owned(),
                }
                .into());
            }
            Err(e) => return Err(read_error(&e, 1).into()),
        }
    };
    let mut rows = Rows::new(&header, line, ids)?;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {
                line = as_usize(record_line(&reader, &record)).max(line + 1);
                if is_blank(&record) {
                    continue;
                }
                if let Err(e) = rows.row(&record, line) {
                    errors.push(e);
                }
            }
            Ok(false) => break,
            Err(e) => {
                errors.push(read_error(&e, line + 1));
                break;
            }
        }
    }
    errors.finish(ParsedCsv {
        table: rows.table,
        lines: rows.lines,
    })
}

#[derive(Default)]
struct Errors {
    list: Vec<CsvError>,
    omitted: usize,
}

impl Errors {
    fn push(&mut self, e: CsvError) {
        if self.list.len() < MAX_ERRORS {
            self.list.push(e);
        } else {
            self.omitted += 1;
        }
    }

    fn finish(self, parsed: ParsedCsv) -> Result<ParsedCsv, CsvErrors> {
        if self.list.is_empty() {
            Ok(parsed)
        } else {
            Err(CsvErrors {
                errors: self.list,
                omitted: self.omitted,
            })
        }
    }
}

/// `str::trim`, without the scan when the text starts and ends with a visible ASCII
/// character (almost every field).
fn trim(text: &str) -> &str {
    let visible = |b: &u8| *b > b' ' && *b < 0x7f;
    match text.as_bytes() {
        [] => text,
        [only] if visible(only) => text,
        [first, .., last] if visible(first) && visible(last) => text,
        _ => text.trim(),
    }
}

fn is_blank(record: &ByteRecord) -> bool {
    record.len() == 1 && record.get(0).is_some_and(|f| f.trim_ascii().is_empty())
}

fn as_usize(line: u64) -> usize {
    usize::try_from(line).unwrap_or(usize::MAX)
}

fn read_error(e: &csv::Error, line: usize) -> CsvError {
    let message = match e.kind() {
        csv::ErrorKind::Io(io) => format!("cannot read: {io}"),
        other => format!("cannot read: {other:?}"),
    };
    CsvError {
        line,
        column: None,
        message,
    }
}

/// The reader's state after the header row.
struct Rows {
    header: Vec<String>,
    /// Positions of the [`REQUIRED`] columns, in that order.
    index: [usize; 8],
    /// Positions of the other columns (attributes).
    extras: Vec<usize>,
    table: PromotionTable,
    lines: Vec<usize>,
    ids: RowIds,
}

impl Rows {
    fn new(record: &ByteRecord, line: usize, ids: RowIds) -> Result<Self, CsvError> {
        let mut header = Vec::with_capacity(record.len());
        for (i, raw) in record.iter().enumerate() {
            let text = std::str::from_utf8(raw).map_err(|_| CsvError {
                line,
                column: Some((i + 1, String::new())),
                message: "the header is not UTF-8 text".to_owned(),
            })?;
            header.push(text.trim_start_matches('\u{feff}').trim().to_owned());
        }
        let mut position: HashMap<&str, usize> = HashMap::new();
        for (i, name) in header.iter().enumerate() {
            if position.insert(name.as_str(), i).is_some() {
                return Err(CsvError {
                    line,
                    column: Some((i + 1, name.clone())),
                    message: "column appears twice".to_owned(),
                });
            }
        }
        let mut index = [0usize; 8];
        for (slot, name) in index.iter_mut().zip(REQUIRED) {
            *slot = *position.get(name).ok_or_else(|| CsvError {
                line,
                column: None,
                message: format!("missing required column `{name}`"),
            })?;
        }
        let extras: Vec<usize> = (0..header.len()).filter(|i| !index.contains(i)).collect();
        Ok(Self {
            header,
            index,
            extras,
            table: PromotionTable::new(),
            lines: Vec::new(),
            ids,
        })
    }

    /// One data row.
    fn row(&mut self, record: &ByteRecord, line: usize) -> Result<(), CsvError> {
        let Self {
            header,
            index,
            extras,
            table,
            lines,
            ids,
        } = self;
        if record.len() != header.len() {
            return Err(CsvError {
                line,
                column: None,
                message: format!(
                    "expected {} fields as in the header, found {}",
                    header.len(),
                    record.len()
                ),
            });
        }
        let err = |col: usize, message: String| CsvError {
            line,
            column: Some((col + 1, header.get(col).cloned().unwrap_or_default())),
            message,
        };
        // The row's bytes checked to be UTF-8 once; a field is then a slice of them.
        let whole = std::str::from_utf8(record.as_slice()).ok();
        let field = |col: usize| -> Result<&str, CsvError> {
            match (whole, record.range(col)) {
                (Some(text), Some(range)) => Ok(trim(text.get(range).unwrap_or(""))),
                _ => {
                    let raw = record.get(col).unwrap_or(&[]);
                    std::str::from_utf8(raw)
                        .map(str::trim)
                        .map_err(|_| err(col, "not UTF-8 text".to_owned()))
                }
            }
        };
        let [
            c_id,
            c_mode,
            c_level,
            c_dept,
            c_perf,
            c_tenure,
            c_promoted,
            c_months,
        ] = *index;
        let num = |col: usize| -> Result<f64, CsvError> {
            let text = field(col)?;
            text.parse::<f64>()
                .map_err(|_| err(col, format!("{text:?} is not a number")))
        };
        let id = field(c_id)?;
        if id.is_empty() {
            return Err(err(c_id, "empty employee id".to_owned()));
        }
        let employee = match ids {
            RowIds::FileLocal => file_local_id(id),
            RowIds::External => EmployeeId::from_external(id),
            RowIds::Uuid => id
                .parse()
                .map_err(|_| err(c_id, format!("{id:?} is not a UUID")))?,
        };
        let mode = work_mode(field(c_mode)?).map_err(|e| err(c_mode, e.to_string()))?;
        let level: JobLevel = field(c_level)?
            .parse()
            .map_err(|e: remit_core::ParseJobLevelError| err(c_level, e.to_string()))?;
        let promoted = match field(c_promoted)? {
            "1" => true,
            "0" => false,
            other if other.eq_ignore_ascii_case("true") => true,
            other if other.eq_ignore_ascii_case("false") => false,
            other => {
                return Err(err(
                    c_promoted,
                    format!("{other:?} is not 0/1 or true/false"),
                ));
            }
        };
        let (performance, tenure_months, months_to_event) =
            (num(c_perf)?, num(c_tenure)?, num(c_months)?);
        let department = field(c_dept)?;
        // The non-empty attributes, up to eight without an allocation per row.
        let mut few = [("", ""); 8];
        let mut many: Vec<(&str, &str)> = Vec::new();
        let mut count = 0;
        for &col in extras.iter() {
            let value = field(col)?;
            if value.is_empty() {
                continue;
            }
            let pair = (header.get(col).map_or("", String::as_str), value);
            match few.get_mut(count) {
                Some(slot) => *slot = pair,
                None => {
                    if many.is_empty() {
                        many.extend_from_slice(&few);
                    }
                    many.push(pair);
                }
            }
            count += 1;
        }
        let pairs: &[(&str, &str)] = if many.is_empty() {
            few.get(..count).unwrap_or(&[])
        } else {
            &many
        };
        PromotionRow::new(employee, mode, level, department)
            .with_performance(performance)
            .and_then(|row| row.with_tenure_months(tenure_months))
            .and_then(|row| row.with_outcome(promoted, months_to_event))
            .and_then(|row| row.with_attributes(pairs))
            .and_then(|row| table.push_row(row))
            .map_err(|e| {
                let col = match &e {
                    RecordError::NonFinite { field, .. }
                    | RecordError::OutOfRange { field, .. } => {
                        header.iter().position(|h| h == field).unwrap_or(0)
                    }
                    RecordError::Department { .. } => c_dept,
                    _ => 0,
                };
                // The record names the employee by its internal id; the caller knows
                // them by the file's own.
                let message = e
                    .to_string()
                    .replace(&employee.to_string(), &format!("{id:?}"));
                err(col, message)
            })?;
        lines.push(line);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "promoted,employee_id,work_mode,level,department,performance,tenure_months,months_to_event,gender";

    #[test]
    fn any_column_order_and_extra_columns_become_attributes() {
        let text = format!(
            "{HEADER}\n1,E-1,remote,L2,\"Sales, EMEA\",4,12,3.5,female\nfalse,E-2,onsite,3,Ops,3,40,12,\n"
        );
        let parsed = parse_csv(&text).unwrap();
        assert_eq!(parsed.table.len(), 2);
        let r = &parsed.table.record(0).unwrap();
        assert!(r.promoted() && r.work_mode() == WorkMode::Remote);
        assert_eq!(r.department().as_str(), "Sales, EMEA");
        assert_eq!(r.attribute("gender"), Some("female"));
        assert_eq!(parsed.table.record(1).unwrap().attribute("gender"), None);
        assert_eq!(parsed.lines, vec![2, 3]);
    }

    #[test]
    fn every_bad_row_is_reported_and_nothing_is_returned() {
        let bad = format!(
            "{HEADER}\n1,E-1,remote,L2,Sales,4,12,3.5,f\n2,E-2,onsite,L1,Ops,3,40,12,m\n1,E-3,moon,L1,Ops,3,40,12,m\n1,E-4,remote,L1,Ops,3,40,0,m\n"
        );
        let e = parse_csv(&bad).unwrap_err();
        let got: Vec<(usize, Option<&str>)> = e
            .errors()
            .iter()
            .map(|e| (e.line, e.column.as_ref().map(|c| c.1.as_str())))
            .collect();
        assert_eq!(
            got,
            vec![
                (3, Some("promoted")),
                (4, Some("work_mode")),
                (5, Some("months_to_event"))
            ]
        );
        assert!(
            e.to_string()
                .starts_with("line 3, column 1 (`promoted`): \"2\" is not 0/1")
        );
    }

    #[test]
    fn quotes_line_breaks_crlf_blank_lines_and_a_byte_order_mark() {
        let text = format!(
            "\u{feff}{HEADER}\r\n\r\n1,E-1,remote,L2,\"Sales, \"\"EMEA\"\"\",4,12,3.5,female\r\n0,\"E-2\",onsite, 3 ,\"Ops\r\nNorth\",3.25,40,12,\"\"\r\n1,E-3,hybrid,l1,Ops,2,7,1,m"
        );
        let parsed = parse_csv(&text).unwrap();
        assert_eq!(parsed.lines, vec![3, 4, 6]);
        let first = parsed.table.record(0).unwrap();
        assert_eq!(first.department().as_str(), "Sales, \"EMEA\"");
        let second = parsed.table.record(1).unwrap();
        assert_eq!(second.level(), JobLevel::new(3));
        assert_eq!(second.department().as_str(), "Ops\r\nNorth");
        assert_eq!(second.performance(), 3.25);
        assert_eq!(second.attribute("gender"), None);
        let third = parsed.table.record(2).unwrap();
        assert_eq!(third.level(), JobLevel::new(1));
        let short = format!("{HEADER}\n1,\"E-1\",remote\n");
        assert!(
            parse_csv(&short)
                .unwrap_err()
                .first()
                .message
                .contains("found 3")
        );
    }

    #[test]
    fn text_that_is_not_utf8_is_reported_at_its_line_and_column() {
        let mut bytes = format!("{HEADER}\n1,E-1,remote,L2,Sales,4,12,3,f\n").into_bytes();
        bytes.extend_from_slice(b"1,E-2,remote,L2,Sa\xffles,4,12,3,f\n");
        let e = parse_reader(bytes.as_slice()).unwrap_err();
        assert_eq!(e.first().line, 3);
        assert_eq!(e.first().column, Some((5, "department".to_owned())));
    }

    #[test]
    fn more_than_eight_attributes_are_all_kept() {
        let extra: Vec<String> = (0..10).map(|i| format!("a{i}")).collect();
        let values: Vec<String> = (0..10).map(|i| format!("v{i}")).collect();
        let text = format!(
            "{HEADER},{}\n1,E-1,remote,L2,Sales,4,12,3,f,{}\n",
            extra.join(","),
            values.join(",")
        );
        let parsed = parse_csv(&text).unwrap();
        let r = parsed.table.record(0).unwrap();
        assert_eq!(r.attribute("gender"), Some("f"));
        assert_eq!(r.attribute("a9"), Some("v9"));
        assert_eq!(r.attribute("a0"), Some("v0"));
    }
}
