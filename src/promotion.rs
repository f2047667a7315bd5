//! The `promotion_audit` example's CSV reader and JSON writer, shared with the golden
//! tests so that the numbers checked against scipy/statsmodels/lifelines are exactly the
//! ones the example prints.
//!
//! # CSV
//!
//! A header row, then one row per employee. Required columns, in any order:
//! `employee_id, work_mode, level, department, performance, tenure_months, promoted,
//! months_to_event`. Every other column is kept as an attribute (empty values are
//! skipped). `promoted` is `0`/`1` or `true`/`false`. Fields may be quoted with `"`
//! (a doubled `""` is a literal quote); quoted fields do not span lines.

use std::collections::HashMap;
use std::fmt;
use std::io::BufRead;

use remit_core::{EmployeeId, JobLevel, WorkMode};
use remit_promotion_bias::{PromotionReport, PromotionRow, PromotionTable, RecordError};
use serde_json::{Value, json};

/// The required columns.
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

/// A malformed CSV: the line (1-based), the column (1-based, when known) and what is
/// wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    /// The line, counting the header as line 1.
    pub line: usize,
    /// The column position and name, when the error is about one field.
    pub column: Option<(usize, String)>,
    /// What is wrong.
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

/// The row's employee id from its `employee_id` text: a 128-bit hash (two keyed
/// SipHash-1-3 halves), not the UUID v5 of [`EmployeeId::from_external`]. The CSV
/// analysis only compares ids with each other (to reject a repeated employee), and a
/// SHA-1 per row was a seventh of the run time at a million rows. The chance that two
/// distinct texts share an id is about `rows² / 2¹²⁹` (below 10⁻²⁶ at a million rows).
/// Use [`EmployeeId::from_external`] on the text to join with other remit data.
pub fn file_local_id(text: &str) -> EmployeeId {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let half = |key: u8| {
        let mut h = DefaultHasher::new();
        key.hash(&mut h);
        text.hash(&mut h);
        h.finish()
    };
    EmployeeId::from_uuid(uuid::Uuid::from_u64_pair(half(0x5a), half(0xa5)))
}

/// Records parsed from a CSV, with the line each came from. Employee ids are
/// [`file_local_id`]s.
#[derive(Debug, Clone)]
pub struct ParsedCsv {
    /// The records, in file order, column by column.
    pub table: PromotionTable,
    /// `lines[i]` is the line of row `i` of the table.
    pub lines: Vec<usize>,
}

/// Where one field's text is: a byte range of the line, or (for a quoted field with a
/// doubled quote) of the row's scratch buffer.
#[derive(Debug, Clone, Copy)]
enum Span {
    Line(usize, usize),
    Scratch(usize, usize),
}

/// Splits one line into field spans; unescaped quoted text goes to `scratch`.
fn split_fields(line: &str, out: &mut Vec<Span>, scratch: &mut String) -> Result<(), String> {
    out.clear();
    scratch.clear();
    let bytes = line.as_bytes();
    let mut i = 0;
    loop {
        if bytes.get(i) == Some(&b'"') {
            i += 1;
            let rest = line.get(i..).unwrap_or("");
            let close = rest.find('"').ok_or("unterminated quoted field")?;
            if bytes.get(i + close + 1) == Some(&b'"') {
                // A doubled quote: unescape into the scratch buffer.
                let start = scratch.len();
                loop {
                    match bytes.get(i) {
                        None => return Err("unterminated quoted field".to_owned()),
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => {
                            scratch.push('"');
                            i += 2;
                        }
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(_) => {
                            let rest = line.get(i..).unwrap_or("");
                            let stop = rest.find('"').unwrap_or(rest.len());
                            scratch.push_str(rest.get(..stop).unwrap_or(""));
                            i += stop;
                        }
                    }
                }
                out.push(Span::Scratch(start, scratch.len()));
            } else {
                out.push(Span::Line(i, i + close));
                i += close + 1;
            }
            match bytes.get(i) {
                None => return Ok(()),
                Some(b',') => i += 1,
                Some(_) => return Err("text after a closing quote".to_owned()),
            }
        } else {
            let rest = bytes.get(i..).unwrap_or(&[]);
            match rest.iter().position(|&b| b == b',') {
                Some(stop) => {
                    out.push(Span::Line(i, i + stop));
                    i += stop + 1;
                }
                None => {
                    out.push(Span::Line(i, bytes.len()));
                    return Ok(());
                }
            }
        }
    }
}

/// Parses a promotion CSV held in memory; see [`parse_reader`].
///
/// # Errors
/// As [`parse_reader`].
pub fn parse_csv(text: &str) -> Result<ParsedCsv, CsvError> {
    parse_reader(text.as_bytes())
}

/// A work mode, with the common spellings first (no allocation).
fn work_mode(text: &str) -> Result<WorkMode, remit_core::ParseWorkModeError> {
    match text {
        "onsite" => Ok(WorkMode::Onsite),
        "hybrid" => Ok(WorkMode::Hybrid),
        "remote" => Ok(WorkMode::Remote),
        other => other.parse(),
    }
}

/// Parses a promotion CSV line by line from a reader (a file need not fit in memory
/// twice) straight into a [`PromotionTable`]: department names and attribute texts are
/// interned, each distinct text allocated once.
///
/// # Errors
/// A [`CsvError`] naming the line and column of the first problem: a missing or
/// repeated column, a row with the wrong number of fields, or a value that does not
/// parse or breaks a record invariant (or an I/O error, with its line).
pub fn parse_reader<R: BufRead>(mut reader: R) -> Result<ParsedCsv, CsvError> {
    let mut buf = String::new();
    let mut line_no = 0usize;
    let mut next_line = |buf: &mut String| -> Result<Option<usize>, CsvError> {
        buf.clear();
        let read = reader.read_line(buf).map_err(|e| CsvError {
            line: line_no + 1,
            column: None,
            message: format!("cannot read: {e}"),
        })?;
        if read == 0 {
            return Ok(None);
        }
        line_no += 1;
        while buf.ends_with('\n') || buf.ends_with('\r') {
            buf.pop();
        }
        Ok(Some(line_no))
    };
    let header_line = loop {
        match next_line(&mut buf)? {
            Some(_) if buf.trim().is_empty() => continue,
            Some(n) => break n,
            None => {
                return Err(CsvError {
                    line: 1,
                    column: None,
                    message: "empty file: expected a header row".to_owned(),
                });
            }
        }
    };
    let mut spans = Vec::new();
    let mut scratch = String::new();
    let header_text = buf.trim_start_matches('\u{feff}').to_owned();
    split_fields(&header_text, &mut spans, &mut scratch).map_err(|m| CsvError {
        line: header_line,
        column: None,
        message: m,
    })?;
    let header: Vec<String> = spans
        .iter()
        .map(|&s| span_text(&header_text, &scratch, s).trim().to_owned())
        .collect();
    let mut position: HashMap<&str, usize> = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        if position.insert(name.as_str(), i).is_some() {
            return Err(CsvError {
                line: header_line,
                column: Some((i + 1, name.clone())),
                message: "column appears twice".to_owned(),
            });
        }
    }
    let mut index = [0usize; 8];
    for (slot, name) in index.iter_mut().zip(REQUIRED) {
        *slot = *position.get(name).ok_or_else(|| CsvError {
            line: header_line,
            column: None,
            message: format!("missing required column `{name}`"),
        })?;
    }
    let extras: Vec<usize> = (0..header.len()).filter(|i| !index.contains(i)).collect();
    let [
        c_id,
        c_mode,
        c_level,
        c_dept,
        c_perf,
        c_tenure,
        c_promoted,
        c_months,
    ] = index;

    let mut table = PromotionTable::new();
    let mut record_lines = Vec::new();
    let mut attributes: Vec<(usize, Span)> = Vec::with_capacity(extras.len());
    while let Some(line_no) = next_line(&mut buf)? {
        let line = buf.as_str();
        if line.trim().is_empty() {
            continue;
        }
        split_fields(line, &mut spans, &mut scratch).map_err(|m| CsvError {
            line: line_no,
            column: None,
            message: m,
        })?;
        if spans.len() != header.len() {
            return Err(CsvError {
                line: line_no,
                column: None,
                message: format!(
                    "expected {} fields as in the header, found {}",
                    header.len(),
                    spans.len()
                ),
            });
        }
        let err = |col: usize, message: String| CsvError {
            line: line_no,
            column: Some((col + 1, header.get(col).cloned().unwrap_or_default())),
            message,
        };
        let field = |col: usize| {
            spans
                .get(col)
                .map_or("", |&s| span_text(line, &scratch, s).trim())
        };
        let num = |col: usize| -> Result<f64, CsvError> {
            field(col)
                .parse::<f64>()
                .map_err(|_| err(col, format!("{:?} is not a number", field(col))))
        };
        let id = field(c_id);
        if id.is_empty() {
            return Err(err(c_id, "empty employee id".to_owned()));
        }
        let mode = work_mode(field(c_mode)).map_err(|e| err(c_mode, e.to_string()))?;
        let level: JobLevel = field(c_level)
            .parse()
            .map_err(|e: remit_core::ParseJobLevelError| err(c_level, e.to_string()))?;
        let promoted = match field(c_promoted) {
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
        attributes.clear();
        for &col in &extras {
            if !field(col).is_empty()
                && let Some(&span) = spans.get(col)
            {
                attributes.push((col, span));
            }
        }
        // Up to eight attributes without an allocation per row.
        let pair = |&(col, span): &(usize, Span)| {
            (
                header.get(col).map_or("", String::as_str),
                span_text(line, &scratch, span).trim(),
            )
        };
        let mut stack = [("", ""); 8];
        let heap: Vec<(&str, &str)>;
        let pairs: &[(&str, &str)] = if attributes.len() <= stack.len() {
            for (slot, a) in stack.iter_mut().zip(&attributes) {
                *slot = pair(a);
            }
            stack.get(..attributes.len()).unwrap_or(&[])
        } else {
            heap = attributes.iter().map(pair).collect();
            &heap
        };
        table
            .push_row(PromotionRow {
                employee: file_local_id(id),
                work_mode: mode,
                level,
                department: field(c_dept),
                performance,
                tenure_months,
                promoted,
                months_to_event,
                attributes: pairs,
            })
            .map_err(|e| {
                let col = match &e {
                    RecordError::NonFinite { field, .. }
                    | RecordError::OutOfRange { field, .. } => {
                        position.get(field).copied().unwrap_or(0)
                    }
                    RecordError::Department { .. } => c_dept,
                    _ => 0,
                };
                err(col, e.to_string())
            })?;
        record_lines.push(line_no);
    }
    Ok(ParsedCsv {
        table,
        lines: record_lines,
    })
}

fn span_text<'a>(line: &'a str, scratch: &'a str, span: Span) -> &'a str {
    match span {
        Span::Line(a, b) => line.get(a..b).unwrap_or(""),
        Span::Scratch(a, b) => scratch.get(a..b).unwrap_or(""),
    }
}

fn num(x: f64) -> Value {
    if x.is_finite() { json!(x) } else { Value::Null }
}

fn opt(x: Option<f64>) -> Value {
    x.map_or(Value::Null, num)
}

/// The report as the example's `--json` object (keys and conventions of issue 4).
pub fn report_json(report: &PromotionReport) -> Value {
    use remit_core::Audit;
    let groups: Vec<Value> = report
        .groups()
        .iter()
        .map(|g| {
            json!({
                "work_mode": g.work_mode.as_str(),
                "n": g.n,
                "promoted": g.promoted,
                "rate": num(g.rate),
                "mean_performance": num(g.mean_performance),
                "median_months_to_promotion": opt(g.median_months_to_promotion),
            })
        })
        .collect();
    let comparisons: Vec<Value> = report
        .comparisons()
        .iter()
        .map(|c| {
            let ir = c.impact_ratio;
            json!({
                "work_mode": c.work_mode.as_str(),
                "impact_ratio": opt(ir.map(|i| i.ratio)),
                "impact_ratio_ci": [opt(ir.and_then(|i| i.lower)), opt(ir.and_then(|i| i.upper))],
                "four_fifths_met": ir.map(|i| i.four_fifths_met),
                "rate_difference": num(c.rate_difference),
                "z_statistic": opt(c.z_test.map(|z| z.statistic)),
                "z_p_value": opt(c.z_test.map(|z| z.p_value)),
                "fisher_p_value": num(c.fisher_p_value),
                "adjusted_p_value": num(c.adjusted_p_value),
                "cmh": c.stratified.as_ref().map_or(Value::Null, |s| json!({
                    "statistic": num(s.cmh.statistic),
                    "p_value": num(s.cmh.p_value),
                    "common_odds_ratio": opt(s.common_odds_ratio.map(|o| o.odds_ratio)),
                    "common_odds_ratio_ci": [
                        opt(s.common_odds_ratio.map(|o| o.lower)),
                        opt(s.common_odds_ratio.map(|o| o.upper)),
                    ],
                    "breslow_day_p_value": num(s.breslow_day.p_value),
                    "strata_used": s.strata_used,
                    "strata_skipped": s.strata_skipped,
                })),
                "logistic": c.logistic.map_or(Value::Null, |t| json!({
                    "odds_ratio": num(t.odds_ratio),
                    "ci_low": num(t.ci_low),
                    "ci_high": num(t.ci_high),
                    "p_value": num(t.p_value),
                    "firth": t.firth,
                })),
                "median_months_to_promotion": opt(c.median_months_to_promotion),
                "min_detectable_impact_ratio": opt(c.min_detectable_ratio),
                "mann_whitney": c.rating.map_or(Value::Null, |r| json!({
                    "u_statistic": num(r.u_statistic),
                    "p_value": num(r.p_value),
                    "probability_of_superiority": num(r.probability_of_superiority),
                })),
            })
        })
        .collect();
    let findings: Vec<Value> = report
        .findings()
        .iter()
        .map(|f| {
            json!({
                "code": f.code().as_str(),
                "severity": f.severity().to_string(),
                "cohort": f.cohort().to_string(),
                "title": f.title(),
                "detail": f.detail(),
                "recommendation": f.recommendation(),
            })
        })
        .collect();
    json!({
        "n": report.n(),
        "reference_group": report.reference().as_str(),
        "suppressed_groups": report.suppressed_groups().iter().map(|m| m.as_str()).collect::<Vec<_>>(),
        "groups": groups,
        "comparisons": comparisons,
        "chi_square": report.chi_square().map_or(Value::Null, |c| json!({
            "statistic": num(c.statistic), "df": c.df, "p_value": num(c.p_value),
        })),
        "logrank": report.logrank().map_or(Value::Null, |l| json!({
            "statistic": num(l.statistic), "df": l.df, "p_value": num(l.p_value),
        })),
        "logistic_unavailable": report.logistic_unavailable(),
        "health": report.health().score(),
        "findings": findings,
    })
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
    fn errors_name_line_and_column() {
        let bad =
            format!("{HEADER}\n1,E-1,remote,L2,Sales,4,12,3.5,f\n2,E-2,onsite,L1,Ops,3,40,12,m\n");
        let e = parse_csv(&bad).unwrap_err();
        assert_eq!(e.line, 3);
        assert_eq!(e.column, Some((1, "promoted".to_owned())));
        let zero = format!("{HEADER}\n1,E-1,remote,L2,Sales,4,12,0,f\n");
        let e = parse_csv(&zero).unwrap_err();
        assert_eq!(
            (e.line, e.column.unwrap().1.as_str()),
            (2, "months_to_event")
        );
        let short = format!("{HEADER}\n1,E-1,remote\n");
        assert_eq!(parse_csv(&short).unwrap_err().line, 2);
        let missing = "employee_id,work_mode\n";
        assert!(
            parse_csv(missing)
                .unwrap_err()
                .to_string()
                .contains("`level`")
        );
        let mode = format!("{HEADER}\n1,E-1,moon,L2,Sales,4,12,3,f\n");
        assert!(
            parse_csv(&mode)
                .unwrap_err()
                .to_string()
                .starts_with("line 2, column 3 (`work_mode`)")
        );
    }
}
