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
use std::io::Read;

use remit_core::{EmployeeId, JobLevel, WorkMode};
use remit_promotion_bias::{Error, PromotionReport, PromotionRow, PromotionTable};
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

/// The row's employee id from its `employee_id` text: a 128-bit hash, not the UUID v5
/// of [`EmployeeId::from_external`]. The text goes once through SipHash-1-3 (the
/// standard library's hasher, fixed keys); the two 64-bit halves are the hasher's
/// output after the text and after one more byte, two functions of its 256-bit state.
/// The CSV analysis only compares ids with each other (to reject a repeated employee),
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

/// The bytes of `word` equal to `byte`: `0x80` in each such byte, 0 elsewhere (exact,
/// no carries between bytes).
fn bytes_equal(word: u64, byte: u8) -> u64 {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = word ^ (0x0101_0101_0101_0101 * u64::from(byte));
    !(((x & LOW) + LOW) | x) & !LOW
}

/// Splits a line without any `"` at its commas, eight bytes at a time: the fields go
/// to `out` (those beyond its length are only counted) and the number of fields is
/// returned; `None` when the line holds a `"` (it needs [`split_fields`]).
fn split_plain<'a>(line: &'a str, out: &mut [&'a str]) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut count = 0;
    let mut start = 0;
    let mut field_ends_at = |end: usize| {
        if let Some(slot) = out.get_mut(count) {
            *slot = line.get(start..end).unwrap_or("");
        }
        count += 1;
        start = end + 1;
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        if bytes_equal(word, b'"') != 0 {
            return None;
        }
        let mut commas = bytes_equal(word, b',');
        while commas != 0 {
            field_ends_at(base + (commas.trailing_zeros() / 8) as usize);
            commas &= commas - 1;
        }
        base += 8;
    }
    for (i, &b) in chunks.remainder().iter().enumerate() {
        match b {
            b'"' => return None,
            b',' => field_ends_at(base + i),
            _ => {}
        }
    }
    field_ends_at(bytes.len());
    Some(count)
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

/// A job level: `L` (or `l`) and one to three digits, or the digits alone, read
/// directly; anything else goes to [`JobLevel`]'s `FromStr` (same results, same
/// errors).
fn job_level(text: &str) -> Result<JobLevel, remit_core::ParseJobLevelError> {
    let bytes = text.as_bytes();
    let digits = match bytes.first() {
        Some(b'L' | b'l') => bytes.get(1..).unwrap_or(&[]),
        _ => bytes,
    };
    if (1..=3).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit) {
        let rank = digits
            .iter()
            .fold(0u32, |acc, &d| acc * 10 + u32::from(d - b'0'));
        if let Ok(rank) = u8::try_from(rank) {
            return Ok(JobLevel::new(rank));
        }
    }
    text.parse()
}

/// Powers of ten exactly representable as `f64`.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A number as `str::parse::<f64>` reads it. Plain decimals (`12`, `3.25`: digits, at
/// most one point with digits on both sides, at most 15 digits) take Clinger's fast
/// path: the digits as an exact integer divided by an exact power of ten, which IEEE
/// division rounds correctly, so the result is bit for bit the general parser's.
/// Anything else goes to the general parser.
fn number(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut mantissa: u64 = 0;
    let mut digits = 0usize;
    let mut point: Option<usize> = None;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'0'..=b'9' if digits < 15 => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                digits += 1;
            }
            b'.' if point.is_none() && i > 0 && i + 1 < bytes.len() => point = Some(i),
            _ => return text.parse().ok(),
        }
    }
    let scale = point.map_or(0, |p| bytes.len() - p - 1);
    match EXACT_POWERS_OF_TEN.get(scale) {
        Some(&power) if digits > 0 => Some(mantissa as f64 / power),
        _ => text.parse().ok(),
    }
}

/// `str::trim`, without the scan when the text starts and ends with a visible ASCII
/// character (the usual case in a CSV).
fn trim(text: &str) -> &str {
    let visible = |b: &u8| *b > b' ' && *b < 0x80;
    match text.as_bytes() {
        [] => text,
        [only] if visible(only) => text,
        [first, .., last] if visible(first) && visible(last) => text,
        _ => text.trim(),
    }
}

/// A reader's text in blocks of whole lines (about [`Blocks::SIZE`] bytes), each block
/// checked to be UTF-8 once.
struct Blocks<R> {
    reader: R,
    /// The read buffer: `raw[..filled]` is read and not yet handed out (the rest is
    /// room for the next read, initialised once).
    raw: Vec<u8>,
    filled: usize,
    /// The current block.
    text: String,
    eof: bool,
    /// An error to report after the current block (at the line after its last).
    pending: Option<String>,
}

impl<R: Read> Blocks<R> {
    /// How much is read before a block is cut at its last line break.
    const SIZE: usize = 1 << 20;

    fn new(reader: R) -> Self {
        Self {
            reader,
            raw: Vec::new(),
            filled: 0,
            text: String::new(),
            eof: false,
            pending: None,
        }
    }

    /// The next block of whole lines (the last one may lack its `\n`); `Ok(None)` at
    /// the end. An error (I/O, or text that is not UTF-8) is returned after the block
    /// holding the lines before it, to be reported at the line after them.
    fn next_block(&mut self) -> Result<Option<&str>, String> {
        if let Some(message) = self.pending.take() {
            return Err(message);
        }
        let cut = loop {
            let read = self.raw.get(..self.filled).unwrap_or(&[]);
            if self.eof {
                break read.len();
            }
            if read.len() >= Self::SIZE
                && let Some(p) = memchr::memrchr(b'\n', read)
            {
                break p + 1;
            }
            if let Err(e) = self.read_more() {
                // The whole lines before the failure first, then the error.
                self.pending = Some(format!("cannot read: {e}"));
                let read = self.raw.get(..self.filled).unwrap_or(&[]);
                break memchr::memrchr(b'\n', read).map_or(0, |p| p + 1);
            }
        };
        if cut == 0 {
            return match self.pending.take() {
                Some(message) => Err(message),
                None => Ok(None),
            };
        }
        let chunk = self.raw.get(..cut).unwrap_or(&[]);
        let valid = match std::str::from_utf8(chunk) {
            Ok(text) => text,
            Err(e) => {
                let good = chunk.get(..e.valid_up_to()).unwrap_or(&[]);
                let whole = memchr::memrchr(b'\n', good).map_or(0, |p| p + 1);
                self.pending = Some("cannot read: stream did not contain valid UTF-8".to_owned());
                std::str::from_utf8(chunk.get(..whole).unwrap_or(&[])).unwrap_or("")
            }
        };
        self.text.clear();
        self.text.push_str(valid);
        self.raw.copy_within(cut..self.filled, 0);
        self.filled -= cut;
        Ok(Some(&self.text))
    }

    /// Reads more bytes after `raw[..filled]` (retrying on interruption), growing the
    /// buffer first when it is full.
    fn read_more(&mut self) -> std::io::Result<()> {
        if self.raw.len() < self.filled + Self::SIZE / 2 {
            self.raw.resize(self.filled + Self::SIZE, 0);
        }
        loop {
            match self
                .reader
                .read(self.raw.get_mut(self.filled..).unwrap_or(&mut []))
            {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    // (A reader that claims more than the room it was given is capped.)
                    self.filled = (self.filled + n).min(self.raw.len());
                    return Ok(());
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

/// Parses a promotion CSV from a reader, in blocks (a file need not fit in memory),
/// straight into a [`PromotionTable`]: department names and attribute texts are
/// interned, each distinct text allocated once. Lines end at `\n` (any `\r` before it
/// is dropped); a line without `"` is split at its commas in one pass, a line with one
/// by the quote-aware splitter.
///
/// # Errors
/// A [`CsvError`] naming the line and column of the first problem: a missing or
/// repeated column, a row with the wrong number of fields, or a value that does not
/// parse or breaks a record invariant (or an I/O error or text that is not UTF-8, with
/// its line).
pub fn parse_reader<R: Read>(reader: R) -> Result<ParsedCsv, CsvError> {
    let mut blocks = Blocks::new(reader);
    let mut line_no = 0usize;
    let mut rows: Option<Rows> = None;
    loop {
        let block = match blocks.next_block() {
            Ok(Some(block)) => block,
            Ok(None) => break,
            Err(message) => {
                return Err(CsvError {
                    line: line_no + 1,
                    column: None,
                    message,
                });
            }
        };
        let mut start = 0;
        let bytes = block.as_bytes();
        let ends = memchr::memchr_iter(b'\n', bytes)
            .chain((!block.ends_with('\n')).then_some(block.len()));
        for end in ends {
            let mut stop = end;
            while stop > start && bytes.get(stop - 1) == Some(&b'\r') {
                stop -= 1;
            }
            let line = block.get(start..stop).unwrap_or("");
            start = end + 1;
            line_no += 1;
            match &mut rows {
                Some(rows) => rows.row(line_no, line)?,
                None if line.trim().is_empty() => {}
                None => rows = Some(Rows::new(line_no, line)?),
            }
        }
    }
    match rows {
        Some(rows) => Ok(ParsedCsv {
            table: rows.table,
            lines: rows.lines,
        }),
        None => Err(CsvError {
            line: 1,
            column: None,
            message: "empty file: expected a header row".to_owned(),
        }),
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
    spans: Vec<Span>,
    scratch: String,
}

impl Rows {
    /// From the header row.
    fn new(line_no: usize, line: &str) -> Result<Self, CsvError> {
        let header_text = line.trim_start_matches('\u{feff}');
        let mut spans = Vec::new();
        let mut scratch = String::new();
        split_fields(header_text, &mut spans, &mut scratch).map_err(|m| CsvError {
            line: line_no,
            column: None,
            message: m,
        })?;
        let header: Vec<String> = spans
            .iter()
            .map(|&s| span_text(header_text, &scratch, s).trim().to_owned())
            .collect();
        let mut position: HashMap<&str, usize> = HashMap::new();
        for (i, name) in header.iter().enumerate() {
            if position.insert(name.as_str(), i).is_some() {
                return Err(CsvError {
                    line: line_no,
                    column: Some((i + 1, name.clone())),
                    message: "column appears twice".to_owned(),
                });
            }
        }
        let mut index = [0usize; 8];
        for (slot, name) in index.iter_mut().zip(REQUIRED) {
            *slot = *position.get(name).ok_or_else(|| CsvError {
                line: line_no,
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
            spans,
            scratch,
        })
    }

    /// One data row (blank lines are skipped).
    fn row(&mut self, line_no: usize, line: &str) -> Result<(), CsvError> {
        if trim(line).is_empty() {
            return Ok(());
        }
        let Self {
            header,
            index,
            extras,
            table,
            lines,
            spans,
            scratch,
        } = self;
        let mismatch = |found: usize| CsvError {
            line: line_no,
            column: None,
            message: format!(
                "expected {} fields as in the header, found {found}",
                header.len()
            ),
        };
        // Most lines are split in place into `plain`; a line with quotes (or more
        // columns than `plain` holds) goes through the general splitter.
        let mut plain = [""; 32];
        let general: Vec<&str>;
        let fields: &[&str] = match split_plain(line, &mut plain) {
            Some(count) if count != header.len() => return Err(mismatch(count)),
            Some(count) if count <= plain.len() => plain.get(..count).unwrap_or(&[]),
            _ => {
                split_fields(line, spans, scratch).map_err(|m| CsvError {
                    line: line_no,
                    column: None,
                    message: m,
                })?;
                general = spans.iter().map(|&s| span_text(line, scratch, s)).collect();
                if general.len() != header.len() {
                    return Err(mismatch(general.len()));
                }
                &general
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
        let err = |col: usize, message: String| CsvError {
            line: line_no,
            column: Some((col + 1, header.get(col).cloned().unwrap_or_default())),
            message,
        };
        let field = |col: usize| fields.get(col).map_or("", |f| trim(f));
        let num = |col: usize| -> Result<f64, CsvError> {
            number(field(col)).ok_or_else(|| err(col, format!("{:?} is not a number", field(col))))
        };
        let id = field(c_id);
        if id.is_empty() {
            return Err(err(c_id, "empty employee id".to_owned()));
        }
        let mode = work_mode(field(c_mode)).map_err(|e| err(c_mode, e.to_string()))?;
        let level = job_level(field(c_level)).map_err(|e| err(c_level, e.to_string()))?;
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
        // The non-empty attributes, up to eight without an allocation per row.
        let present = extras.iter().filter_map(|&col| {
            let value = field(col);
            (!value.is_empty()).then(|| (header.get(col).map_or("", String::as_str), value))
        });
        let mut few = [("", ""); 8];
        let many: Vec<(&str, &str)>;
        let mut count = 0;
        for pair in present.clone() {
            if let Some(slot) = few.get_mut(count) {
                *slot = pair;
            }
            count += 1;
        }
        let pairs: &[(&str, &str)] = match few.get(..count) {
            Some(pairs) => pairs,
            None => {
                many = present.collect();
                &many
            }
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
                    Error::NonFinite { field, .. } | Error::OutOfRange { field, .. } => {
                        header.iter().position(|h| h == field).unwrap_or(0)
                    }
                    Error::Department { .. } => c_dept,
                    _ => 0,
                };
                err(col, e.to_string())
            })?;
        lines.push(line_no);
        Ok(())
    }
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
                    // No test of equal odds on 0 degrees of freedom (one stratum).
                    "breslow_day_p_value": if s.breslow_day.df > 0 { num(s.breslow_day.p_value) } else { Value::Null },
                    "strata_used": s.strata_used,
                    "strata_skipped": s.strata_skipped,
                    "strata_withheld": s.strata_withheld,
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
        "reference_group": report.reference().map(|m| m.as_str()),
        "withheld_groups": report.withheld_groups().iter().map(|w| json!({
            "work_mode": w.work_mode.as_str(),
            "reason": w.reason.to_string(),
        })).collect::<Vec<_>>(),
        "groups": groups,
        "comparisons": comparisons,
        "chi_square": report.chi_square().map_or(Value::Null, |c| json!({
            "statistic": num(c.statistic), "df": c.df, "p_value": num(c.p_value),
        })),
        "logrank": report.logrank().map_or(Value::Null, |l| json!({
            "statistic": num(l.statistic), "df": l.df, "p_value": num(l.p_value),
        })),
        "regression_sample": report.regression_sample().and_then(|n| n.published()),
        "logistic_unavailable": report.logistic_unavailable(),
        "coverage": match report.coverage() {
            remit_core::Coverage::Measured => Value::from("measured"),
            remit_core::Coverage::NotMeasured { reason } => json!({ "not_measured": reason }),
        },
        "health": remit_core::health_of(report).score(),
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

    #[test]
    fn quotes_crlf_blank_lines_and_a_byte_order_mark() {
        let text = format!(
            "\u{feff}{HEADER}\r\n\r\n1,E-1,remote,L2,\"Sales, \"\"EMEA\"\"\",4,12,3.5,female\r\n  \r\n0,\"E-2\",onsite, 3 ,Ops,3.25,40,12,\"\"\r\r\n1,E-3,hybrid,l1,Ops,2,7,1,m"
        );
        let parsed = parse_csv(&text).unwrap();
        assert_eq!(parsed.lines, vec![3, 5, 6]);
        let first = parsed.table.record(0).unwrap();
        assert_eq!(first.department().as_str(), "Sales, \"EMEA\"");
        assert_eq!(first.attribute("gender"), Some("female"));
        let second = parsed.table.record(1).unwrap();
        assert_eq!(second.level(), JobLevel::new(3));
        assert_eq!(second.performance(), 3.25);
        assert_eq!(second.attribute("gender"), None);
        let third = parsed.table.record(2).unwrap();
        assert_eq!(third.level(), JobLevel::new(1));
        assert_eq!(third.attribute("gender"), Some("m"));
        // A row with a quote is still checked for its number of fields.
        let short = format!("{HEADER}\n1,\"E-1\",remote\n");
        assert!(parse_csv(&short).unwrap_err().message.contains("found 3"));
        let long = format!("{HEADER}\n1,E-1,remote,L2,Sales,4,12,3,f,x\n");
        assert!(parse_csv(&long).unwrap_err().message.contains("found 10"));
    }

    #[test]
    fn text_that_is_not_utf8_is_reported_at_its_line() {
        let mut bytes = format!("{HEADER}\n1,E-1,remote,L2,Sales,4,12,3,f\n").into_bytes();
        bytes.extend_from_slice(b"1,E-2,remote,L2,Sa\xffles,4,12,3,f\n");
        let e = parse_reader(bytes.as_slice()).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("UTF-8"));
        // A bad value before it is reported first.
        let mut bytes = format!("{HEADER}\n1,E-1,moon,L2,Sales,4,12,3,f\n").into_bytes();
        bytes.extend_from_slice(b"\xff\n");
        assert_eq!(parse_reader(bytes.as_slice()).unwrap_err().line, 2);
    }

    /// A reader that hands out a few bytes at a time.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.1 = self.1 % 7 + 1;
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn blocks_cut_at_line_breaks_whatever_the_reads() {
        // Over two blocks of 1 MiB, with a multi-byte character in every row.
        let mut text = format!("{HEADER}\n");
        let mut i = 0;
        while text.len() < 2 * Blocks::<&[u8]>::SIZE + 1000 {
            text.push_str(&format!(
                "{},E-{i},remote,L{},Café {},{},{},{}.5,x\n",
                i % 2,
                i % 5,
                i % 7,
                i % 5,
                i % 240,
                1 + i % 12
            ));
            i += 1;
        }
        text.push_str("1,E-last,onsite,L1,Ops,3,3,3,y");
        let whole = parse_csv(&text).unwrap();
        let trickled = parse_reader(Trickle(text.as_bytes(), 0)).unwrap();
        assert_eq!(whole.table.len(), i + 1);
        assert_eq!(whole.table, trickled.table);
        assert_eq!(whole.lines, trickled.lines);
        assert_eq!(whole.lines.last(), Some(&(i + 2)));
        assert_eq!(whole.table.record(i).unwrap().department().as_str(), "Ops");
    }

    proptest::proptest! {
        #[test]
        fn numbers_read_as_the_standard_parser_reads_them(
            text in "[-+]?[0-9]{0,18}(\\.[0-9]{0,8})?([eE][-+]?[0-9]{1,3})?|[0-9.]{0,6}|inf|NaN"
        ) {
            let ours = number(&text).map(f64::to_bits);
            let std = text.parse::<f64>().ok().map(f64::to_bits);
            proptest::prop_assert_eq!(ours, std, "{:?}", text);
        }

        #[test]
        fn plain_lines_split_as_the_general_splitter_splits_them(
            line in "[a-z0-9 ,\\.\\-é]{0,60}"
        ) {
            let mut plain = [""; 64];
            let count = split_plain(&line, &mut plain).unwrap();
            let (mut spans, mut scratch) = (Vec::new(), String::new());
            split_fields(&line, &mut spans, &mut scratch).unwrap();
            let general: Vec<&str> = spans.iter().map(|&s| span_text(&line, &scratch, s)).collect();
            proptest::prop_assert_eq!(&plain[..count], general.as_slice());
            let quoted = format!("{line}\"");
            proptest::prop_assert!(split_plain(&quoted, &mut plain).is_none());
        }

        #[test]
        fn levels_read_as_job_level_reads_them(text in "[Ll+]?[0-9]{0,4}|L-1|x") {
            let ours = job_level(&text);
            let std = text.parse::<JobLevel>();
            proptest::prop_assert_eq!(ours, std);
        }
    }
}
