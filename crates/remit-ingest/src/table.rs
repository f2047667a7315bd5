//! One export file read as a table: the header matched to the canonical columns an
//! input needs, then row after row through the `csv` crate (RFC 4180 quoting, line
//! breaks inside quotes, CRLF), each wanted field checked and typed on demand.
//!
//! Only the columns an input needs are ever looked at: the others (names, national ids,
//! birth dates, anything else) stay undecoded bytes in the `csv` crate's row buffer
//! and are overwritten by the next row. Headers that name personal data remit never
//! needs cannot be mapped at all ([`is_denied`]).

use std::collections::HashMap;
use std::io::Read;
use std::str::FromStr;

use chrono::NaiveDate;
use csv::{ByteRecord, StringRecord};
use rust_decimal::Decimal;

use crate::error::{Problem, Problems, SeenValue, shown};
use crate::intern::{Names, Sym};
use crate::values::{self, DateFormat, DecimalSeparator};

/// The `csv` reader every file goes through: no header handling (headers are bound
/// here), any number of fields per row (checked here, with a message), and `\n` as the
/// only record terminator, so that a CRLF file counts lines exactly as an LF one (the
/// `\r` left at the end of a row's last field is trimmed with the rest of the
/// surrounding white space).
pub(crate) fn csv_reader<R: Read>(reader: R, delimiter: u8) -> csv::Reader<Counted<R>> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .buffer_capacity(1 << 16)
        .from_reader(Counted {
            inner: reader,
            total: 0,
            eof: false,
            last: None,
        })
}

/// A reader that remembers how many bytes it gave, whether it reached the end and the
/// last byte, so that a last row without a line break can be told from one with.
pub(crate) struct Counted<R> {
    inner: R,
    total: u64,
    eof: bool,
    last: Option<u8>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        // (A reader that claims more than the room it was given is capped.)
        let n = n.min(buf.len());
        if n == 0 {
            self.eof = true;
        } else {
            self.total += n as u64;
            self.last = buf.get(n - 1).copied();
        }
        Ok(n)
    }
}

/// `str::trim`, without the scan when the text starts and ends with a visible ASCII
/// character (almost every field).
pub(crate) fn trim(text: &str) -> &str {
    let visible = |b: &u8| *b > b' ' && *b < 0x7f;
    match text.as_bytes() {
        [] => text,
        [only] if visible(only) => text,
        [first, .., last] if visible(first) && visible(last) => text,
        _ => text.trim(),
    }
}

/// The 1-based line the record just read starts on. The `csv` crate's own record
/// position points before any blank lines it skipped, so the line is counted back from
/// the reader's position after the record: minus the record's terminating `\n` (unless
/// the file ended without one) and minus the line breaks inside its quoted fields.
pub(crate) fn record_line<R: Read>(reader: &csv::Reader<Counted<R>>, record: &ByteRecord) -> u64 {
    let end = reader.position();
    let source = reader.get_ref();
    let unterminated = source.eof && end.byte() == source.total && source.last != Some(b'\n');
    let terminator = u64::from(!unterminated);
    // The record carries the position it was read from (the end of the previous one):
    // when the reader moved on by exactly its terminator, no blank line was skipped and
    // no field holds a line break, and the bytes need not be searched for one.
    let moved_by_terminator = record
        .position()
        .is_some_and(|start| start.line().checked_add(terminator) == Some(end.line()));
    let inside = if moved_by_terminator {
        0
    } else {
        record.as_slice().iter().filter(|&&b| b == b'\n').count() as u64
    };
    end.line().saturating_sub(inside + terminator).max(1)
}

/// How one file is written: delimiter, decimal separator, date format, where the header
/// is. Every setting is explicit; nothing is guessed from the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSettings {
    /// The field delimiter (`b','` by default; `b';'` for many European exports,
    /// `b'\t'` for TSV).
    pub delimiter: u8,
    /// The decimal separator of numbers and amounts.
    pub decimal: DecimalSeparator,
    /// How dates are written.
    pub dates: DateFormat,
    /// Rows before the header row (skipped unread).
    pub rows_before_header: usize,
    /// Rows after the header row that are not data (Qualtrics writes two: the question
    /// text and an import id), skipped unread.
    pub rows_after_header: usize,
}

impl Default for SourceSettings {
    fn default() -> Self {
        Self {
            delimiter: b',',
            decimal: DecimalSeparator::Point,
            dates: DateFormat::Iso,
            rows_before_header: 0,
            rows_after_header: 0,
        }
    }
}

/// What a canonical column holds, for the documentation and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text, kept as written (trimmed).
    Text,
    /// An identifier as the source system writes it.
    Id,
    /// A date, in the file's declared format.
    Date,
    /// An exact decimal (money, office days).
    Decimal,
    /// A number (hours, ratings).
    Number,
    /// A whole number (levels, months, counts).
    Integer,
    /// `true`/`false` (also `1`/`0`, `yes`/`no`).
    Bool,
    /// One of a fixed set of words.
    Enum(&'static [&'static str]),
    /// An ISO 3166-1 alpha-2 country code.
    Country,
    /// An IANA time-zone name.
    TimeZone,
    /// An ISO 4217 currency code.
    Currency,
    /// A work e-mail address (a join key; not kept after the join).
    Email,
}

impl Kind {
    /// The type as the documentation names it.
    pub fn name(self) -> String {
        match self {
            Kind::Text => "text".to_owned(),
            Kind::Id => "id (text)".to_owned(),
            Kind::Date => "date".to_owned(),
            Kind::Decimal => "decimal".to_owned(),
            Kind::Number => "number".to_owned(),
            Kind::Integer => "integer".to_owned(),
            Kind::Bool => "bool".to_owned(),
            Kind::Enum(words) => format!("one of {}", words.join(", ")),
            Kind::Country => "ISO 3166-1 alpha-2 code".to_owned(),
            Kind::TimeZone => "IANA time zone".to_owned(),
            Kind::Currency => "ISO 4217 code".to_owned(),
            Kind::Email => "e-mail address".to_owned(),
        }
    }
}

/// One canonical column: its name, type, whether a file must have it, what it means and
/// an example value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The canonical (snake_case) header.
    pub name: &'static str,
    /// The column's type, which decides how a cell is parsed and what messages say was
    /// expected.
    pub kind: Kind,
    /// Whether the file must have the column (a required column may still allow empty
    /// cells where [`Column::meaning`] says so).
    pub required: bool,
    /// What it means, in one sentence.
    pub meaning: &'static str,
    /// An example value, as a file would write it (shown in `docs/data-formats.md`).
    pub example: &'static str,
}

/// Shorthand for the schema tables.
pub(crate) const fn col(
    name: &'static str,
    kind: Kind,
    required: bool,
    meaning: &'static str,
    example: &'static str,
) -> Column {
    Column {
        name,
        kind,
        required,
        meaning,
        example,
    }
}

/// How the header of a file names each canonical column: the first matching alias wins
/// (matched ignoring case and surrounding spaces), and value maps per column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Binding {
    /// Per canonical column, the source headers that may hold it.
    pub aliases: HashMap<&'static str, Vec<String>>,
    /// Per canonical column, source value (matched ignoring case) → canonical value.
    pub values: HashMap<&'static str, HashMap<String, String>>,
    /// Per canonical column the file lacks, the value of every row.
    pub constants: HashMap<&'static str, String>,
}

impl Binding {
    /// A binding where each canonical column is named as itself.
    pub(crate) fn canonical() -> Self {
        Self::default()
    }

    /// Adds header aliases for a canonical column.
    pub(crate) fn alias(mut self, canonical: &'static str, headers: &[&str]) -> Self {
        self.aliases
            .entry(canonical)
            .or_default()
            .extend(headers.iter().map(|h| (*h).to_owned()));
        self
    }

    /// Adds value-map entries for a canonical column.
    pub(crate) fn value_map(mut self, canonical: &'static str, pairs: &[(&str, &str)]) -> Self {
        let map = self.values.entry(canonical).or_default();
        for (from, to) in pairs {
            map.insert(normalise(from), (*to).to_owned());
        }
        self
    }
}

/// A header or value as compared: trimmed, lower case, a leading byte-order mark
/// dropped.
pub(crate) fn normalise(text: &str) -> String {
    text.trim_start_matches('\u{feff}').trim().to_lowercase()
}

/// Headers that name personal data remit never needs: names, national or tax ids,
/// passport numbers, dates of birth, home addresses. A mapping that points a canonical
/// column or an attribute at one is refused, so such a column is never decoded.
pub fn is_denied(header: &str) -> bool {
    let h: String = normalise(header)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    const EXACT: [&str; 8] = [
        "name",
        "surname",
        "dob",
        "ssn",
        "nin",
        "sin",
        "fullname",
        "displayname",
    ];
    const PARTS: [&str; 16] = [
        "firstname",
        "lastname",
        "middlename",
        "preferredname",
        "legalname",
        "employeename",
        "birth",
        "socialsecurity",
        "nationalid",
        "nationalinsurance",
        "passport",
        "taxid",
        "taxnumber",
        "homeaddress",
        "recipientfirst",
        "recipientlast",
    ];
    EXACT.contains(&h.as_str()) || PARTS.iter().any(|p| h.contains(p))
}

/// One wanted column, bound to its position in the file.
#[derive(Debug, Clone)]
struct Bound {
    /// Position in the file's rows; `None` when the file does not have it.
    index: Option<usize>,
    /// The header as written in the file (or the canonical name when absent).
    header: String,
    /// Value map, keys normalised.
    values: Option<HashMap<String, String>>,
    /// The value every row has, when the file lacks the column.
    constant: Option<String>,
}

/// Values a column could not map, gathered for one [`Problem::UnknownValues`].
#[derive(Debug, Clone, Default)]
struct Unknown {
    seen: Vec<SeenValue>,
    expected: &'static str,
    suggestion: &'static str,
}

/// A file being read.
pub(crate) struct Table<R> {
    file: String,
    reader: csv::Reader<Counted<R>>,
    /// The current row (its buffer is reused from row to row).
    current: Current,
    /// The line the current record starts on.
    line: u64,
    width: usize,
    bound: Vec<Bound>,
    /// Bit `i` set when canonical column `i` is in the file or has a constant (columns
    /// past 63 always count as set).
    present: u64,
    /// Per canonical column, the symbol it was interned as on the last row that had
    /// one (see [`crate::intern`]: a file sorted by that column skips hash look-ups).
    hints: Vec<Option<Sym>>,
    columns: &'static [Column],
    decimal: DecimalSeparator,
    dates: DateFormat,
    unknown: HashMap<usize, Unknown>,
    problems_at_start: usize,
    /// Extra source columns kept as attributes: (header, index).
    attributes: Vec<(String, usize)>,
}

/// The current row of a [`Table`].
enum Current {
    /// A row that is UTF-8 (checked once, fields then need no check).
    Text(StringRecord),
    /// A row that is not (fields are checked one by one), or the buffer after the end.
    Bytes(ByteRecord),
    /// Neither, while the next row is read into the buffer.
    Taken,
}

/// A field's text: absent column, empty, text, or bytes that are not UTF-8.
enum Field<'a> {
    Empty,
    Text(&'a str),
    NotUtf8,
}

impl<R: Read> Table<R> {
    /// Opens a file: reads up to the header, binds the wanted columns, checks the
    /// required ones are there. `None` (with the problems recorded) if the file
    /// cannot be used.
    pub(crate) fn open(
        file: &str,
        reader: R,
        settings: &SourceSettings,
        columns: &'static [Column],
        binding: &Binding,
        attributes: &[String],
        problems: &mut Problems,
    ) -> Option<Self> {
        let problems_at_start = problems.count();
        let file_problem = |message: String| Problem::File {
            file: file.to_owned(),
            message,
        };
        let mut reader = csv_reader(reader, settings.delimiter);
        let mut record = ByteRecord::new();
        let mut skip = settings.rows_before_header;
        let header = loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) if skip > 0 => skip -= 1,
                Ok(true) => break record.clone(),
                Ok(false) => {
                    problems.push(file_problem("empty file: expected a header row".to_owned()));
                    return None;
                }
                Err(e) => {
                    problems.push(file_problem(format!("cannot read the header: {e}")));
                    return None;
                }
            }
        };
        let mut names = Vec::with_capacity(header.len());
        for (i, raw) in header.iter().enumerate() {
            match std::str::from_utf8(raw) {
                Ok(text) => names.push(text.trim_start_matches('\u{feff}').trim().to_owned()),
                Err(_) => {
                    problems.push(file_problem(format!(
                        "header field {} is not UTF-8 text",
                        i + 1
                    )));
                    return None;
                }
            }
        }
        let mut position: HashMap<String, usize> = HashMap::new();
        for (i, name) in names.iter().enumerate() {
            if name.is_empty() {
                continue;
            }
            if let Some(first) = position.insert(normalise(name), i) {
                // A repeated header is only a problem if it is one we would read.
                position.insert(normalise(name), first);
                position.insert(format!("\u{0}dup:{}", normalise(name)), i);
            }
        }
        let find = |candidates: &[String]| -> Option<(usize, String)> {
            candidates.iter().find_map(|c| {
                position
                    .get(&normalise(c))
                    .map(|&i| (i, names.get(i).cloned().unwrap_or_default()))
            })
        };
        let mut bound = Vec::with_capacity(columns.len());
        let mut ok = true;
        for column in columns {
            let own = [column.name.to_owned()];
            let candidates = binding
                .aliases
                .get(column.name)
                .map_or(&own[..], Vec::as_slice);
            let found = find(candidates);
            if let Some((_, header)) = &found {
                // A tool's or a benefit's `name` is not a person's.
                if column.name != "name" && is_denied(header) {
                    problems.push(file_problem(format!(
                        "column `{header}` holds personal data remit never reads; it cannot feed `{}`",
                        column.name
                    )));
                    ok = false;
                }
                if position.contains_key(&format!("\u{0}dup:{}", normalise(header))) {
                    problems.push(file_problem(format!(
                        "column `{header}` appears twice in the header"
                    )));
                    ok = false;
                }
            }
            let constant = binding.constants.get(column.name).cloned();
            if found.is_none() && column.required && constant.is_none() {
                problems.push(file_problem(format!(
                    "missing required column `{}`{}",
                    column.name,
                    if candidates.len() > 1 || candidates.first() != Some(&own[0]) {
                        format!(" (looked for {})", quoted(candidates))
                    } else {
                        String::new()
                    }
                )));
                ok = false;
            }
            bound.push(Bound {
                index: found.as_ref().map(|(i, _)| *i),
                header: found.map_or_else(|| column.name.to_owned(), |(_, h)| h),
                values: binding.values.get(column.name).cloned(),
                constant,
            });
        }
        let mut kept = Vec::new();
        for attribute in attributes {
            if is_denied(attribute) {
                problems.push(file_problem(format!(
                    "column `{attribute}` holds personal data remit never reads; it cannot be kept as an attribute"
                )));
                ok = false;
                continue;
            }
            match position.get(&normalise(attribute)) {
                Some(&i) => kept.push((names.get(i).cloned().unwrap_or_default(), i)),
                None => {
                    problems.push(file_problem(format!(
                        "attribute column `{attribute}` is not in the header"
                    )));
                    ok = false;
                }
            }
        }
        if !ok {
            return None;
        }
        let mut after = settings.rows_after_header;
        while after > 0 {
            after -= 1;
            match reader.read_byte_record(&mut record) {
                Ok(_) => {}
                Err(e) => {
                    problems.push(file_problem(format!("cannot read: {e}")));
                    return None;
                }
            }
        }
        let present = bound
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                b.index.is_some() || b.constant.as_ref().is_some_and(|c| !c.is_empty())
            })
            .fold(0u64, |mask, (i, _)| {
                mask | 1u64.checked_shl(i as u32).unwrap_or(0)
            });
        Some(Self {
            file: file.to_owned(),
            reader,
            current: Current::Bytes(record),
            line: 0,
            width: names.len(),
            hints: vec![None; bound.len()],
            bound,
            present,
            columns,
            decimal: settings.decimal,
            dates: settings.dates.clone(),
            unknown: HashMap::new(),
            problems_at_start,
            attributes: kept,
        })
    }

    /// Reads the next data row, skipping blank lines; `false` at the end or after an
    /// unreadable row (recorded). A row with the wrong number of fields is recorded and
    /// skipped.
    pub(crate) fn next(&mut self, problems: &mut Problems) -> bool {
        // The buffer of the last row, reused (moved, never reallocated).
        let mut raw = match std::mem::replace(&mut self.current, Current::Taken) {
            Current::Text(record) => record.into_byte_record(),
            Current::Bytes(record) => record,
            Current::Taken => ByteRecord::new(),
        };
        loop {
            match self.reader.read_byte_record(&mut raw) {
                Ok(false) => {
                    self.current = Current::Bytes(raw);
                    return false;
                }
                Ok(true) => {
                    // At least the line after the previous row's start (an unterminated
                    // quote at the end of the file can end in a line break of its own).
                    self.line = record_line(&self.reader, &raw).max(self.line + 1);
                    if raw.len() == 1 && raw.get(0).is_some_and(|f| f.trim_ascii().is_empty()) {
                        continue;
                    }
                    if raw.len() != self.width {
                        problems.push(Problem::Row {
                            file: self.file.clone(),
                            line: self.line,
                            message: format!(
                                "expected {} fields as in the header, found {}",
                                self.width,
                                raw.len()
                            ),
                        });
                        continue;
                    }
                    self.current = match StringRecord::from_byte_record(raw) {
                        Ok(record) => Current::Text(record),
                        Err(e) => Current::Bytes(e.into_byte_record()),
                    };
                    return true;
                }
                Err(e) => {
                    problems.push(Problem::Row {
                        file: self.file.clone(),
                        line: self.line + 1,
                        message: format!("cannot read the row: {e}"),
                    });
                    self.current = Current::Bytes(raw);
                    return false;
                }
            }
        }
    }

    /// The text of field `index` of the current row: `Ok(None)` past the end,
    /// `Err(())` when it is not UTF-8.
    fn raw_field(&self, index: usize) -> Result<Option<&str>, ()> {
        match &self.current {
            Current::Text(record) => Ok(record.get(index)),
            Current::Bytes(raw) => match raw.get(index).map(std::str::from_utf8) {
                Some(Ok(t)) => Ok(Some(t)),
                Some(Err(_)) => Err(()),
                None => Ok(None),
            },
            Current::Taken => Ok(None),
        }
    }

    /// The line the current row starts on.
    pub(crate) fn line(&self) -> u64 {
        self.line
    }

    /// The header (as written) of canonical column `col`.
    pub(crate) fn header(&self, col: usize) -> &str {
        self.bound.get(col).map_or("", |b| b.header.as_str())
    }

    fn field(&self, col: usize) -> Field<'_> {
        let Some(bound) = self.bound.get(col) else {
            return Field::Empty;
        };
        let Some(index) = bound.index else {
            return match &bound.constant {
                Some(c) if !c.is_empty() => Field::Text(c),
                _ => Field::Empty,
            };
        };
        let text = match self.raw_field(index) {
            Ok(Some(t)) => t,
            Ok(None) => return Field::Empty,
            Err(()) => return Field::NotUtf8,
        };
        let text = trim(text);
        if let Some(map) = &bound.values {
            let hit = map.get(text).or_else(|| map.get(normalise(text).as_str()));
            if let Some(mapped) = hit {
                return if mapped.is_empty() {
                    Field::Empty
                } else {
                    Field::Text(mapped)
                };
            }
        }
        if text.is_empty() {
            Field::Empty
        } else {
            Field::Text(text)
        }
    }

    /// The kept attributes of the current row: (header, value) for non-empty values.
    pub(crate) fn attributes(&self, problems: &mut Problems) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (header, i) in &self.attributes {
            match self.raw_field(*i) {
                Ok(Some(text)) if !text.trim().is_empty() => {
                    out.push((header.clone(), text.trim().to_owned()));
                }
                Err(()) => problems.push(Problem::Value {
                    file: self.file.clone(),
                    line: self.line(),
                    column: header.clone(),
                    value: match &self.current {
                        Current::Bytes(raw) => {
                            String::from_utf8_lossy(raw.get(*i).unwrap_or(&[])).into()
                        }
                        Current::Text(_) | Current::Taken => String::new(),
                    },
                    expected: "UTF-8 text".to_owned(),
                }),
                _ => {}
            }
        }
        out
    }

    /// The problems found in this file, as [`Problem::UnknownValues`], and whether the
    /// file had any problem since it was opened.
    pub(crate) fn finish(self, problems: &mut Problems) -> bool {
        let mut unknown: Vec<(usize, Unknown)> = self.unknown.into_iter().collect();
        unknown.sort_by_key(|(col, _)| *col);
        for (col, u) in unknown {
            problems.push(Problem::UnknownValues {
                file: self.file.clone(),
                column: self
                    .bound
                    .get(col)
                    .map_or_else(String::new, |b| b.header.clone()),
                canonical: self.columns.get(col).map_or("", |c| c.name),
                expected: u.expected,
                suggestion: u.suggestion,
                seen: u.seen,
            });
        }
        problems.count() == self.problems_at_start
    }
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Typed access to the current row's canonical columns, recording problems.
pub(crate) struct Cells<'t, R> {
    table: &'t mut Table<R>,
    problems: &'t mut Problems,
    /// Where ids, e-mail addresses, pseudonyms and tags are interned.
    names: &'t mut Names,
    /// Whether every field read so far was valid.
    pub ok: bool,
}

/// What a column's text is interned as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Space {
    /// An employee id, as written.
    Employee,
    /// A work e-mail address, lower-cased.
    Email,
    /// A pseudonymous id, as written.
    Pseudonym,
    /// An asset tag, as written.
    Tag,
}

/// The message for a text that cannot be interned (only past `u32::MAX` distinct texts).
const TOO_MANY: &str = "at most 4294967295 distinct values per kind of id";

/// Interns `text` in `space`; e-mail addresses are lower-cased first, as
/// `str::to_lowercase` does (without allocating when the address is ASCII).
fn intern(names: &mut Names, space: Space, text: &str, hint: &mut Option<Sym>) -> Option<Sym> {
    match space {
        Space::Employee => names.employees.intern(text, hint),
        Space::Pseudonym => names.pseudonyms.intern(text, hint),
        Space::Tag => names.tags.intern(text, hint),
        Space::Email => {
            with_lower_case(names, text, |names, lower| names.emails.intern(lower, hint))
        }
    }
}

/// Calls `f` with `text` lower-cased as `str::to_lowercase` does (without allocating
/// when the address is ASCII): the one way e-mail addresses are compared.
fn with_lower_case<T>(names: &mut Names, text: &str, f: impl FnOnce(&mut Names, &str) -> T) -> T {
    if !text
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        f(names, text)
    } else if text.is_ascii() {
        let mut lower = std::mem::take(&mut names.lower);
        lower.clear();
        lower.push_str(text);
        lower.make_ascii_lowercase();
        let out = f(names, &lower);
        names.lower = lower;
        out
    } else {
        f(names, &text.to_lowercase())
    }
}

/// What reading one field gave: nothing, a value, or text that did not parse (kept
/// for the message).
enum Got<T> {
    Empty,
    Value(T),
    Bad(String),
    NotUtf8,
}

impl<'t, R: Read> Cells<'t, R> {
    pub(crate) fn new(
        table: &'t mut Table<R>,
        problems: &'t mut Problems,
        names: &'t mut Names,
    ) -> Self {
        Self {
            table,
            problems,
            names,
            ok: true,
        }
    }

    /// The text of column `col` interned in `space`; `None` when absent or empty (a
    /// problem too when `required`).
    fn interned(&mut self, col: usize, space: Space, required: bool) -> Option<Sym> {
        let table = &mut *self.table;
        let mut hint = table.hints.get(col).copied().flatten();
        let got = match table.field(col) {
            Field::Empty => Got::Empty,
            Field::NotUtf8 => Got::NotUtf8,
            Field::Text(t) => match intern(self.names, space, t, &mut hint) {
                Some(sym) => Got::Value(sym),
                None => Got::Bad(t.to_owned()),
            },
        };
        match got {
            Got::Empty => {
                if required {
                    self.bad(col, "", "a value (the cell is empty)");
                }
                None
            }
            Got::Value(sym) => {
                if let Some(slot) = self.table.hints.get_mut(col) {
                    *slot = hint;
                }
                Some(sym)
            }
            Got::Bad(text) => {
                self.bad(col, &text, TOO_MANY);
                None
            }
            Got::NotUtf8 => {
                self.not_utf8(col);
                None
            }
        }
    }

    /// Whether any canonical column in `columns` is in the file (or has a constant):
    /// when none is, reading them would give nothing but empty cells.
    pub(crate) fn any_bound(&self, columns: std::ops::Range<usize>) -> bool {
        if columns.end > 64 {
            return true;
        }
        columns.map(|i| 1u64 << i).fold(0, |m, b| m | b) & self.table.present != 0
    }

    /// The people file's e-mail address in column `col`, lower-cased and kept in
    /// [`Names::people_emails`] without interning (its index there); `None` when absent
    /// or empty.
    pub(crate) fn people_email(&mut self, col: usize) -> Option<u32> {
        let got = match self.table.field(col) {
            Field::Empty => return None,
            Field::NotUtf8 => None,
            Field::Text(t) => Some(
                with_lower_case(self.names, t, |names, lower| {
                    names.people_emails.push(lower)
                })
                .ok_or_else(|| t.to_owned()),
            ),
        };
        match got {
            Some(Ok(index)) => Some(index),
            Some(Err(text)) => {
                self.bad(col, &text, TOO_MANY);
                None
            }
            None => {
                self.not_utf8(col);
                None
            }
        }
    }

    /// The employee id in column `col`, interned; `None` when absent or empty.
    pub(crate) fn employee(&mut self, col: usize) -> Option<Sym> {
        self.interned(col, Space::Employee, false)
    }

    /// As [`employee`](Self::employee), and a problem when empty.
    pub(crate) fn employee_required(&mut self, col: usize) -> Option<Sym> {
        self.interned(col, Space::Employee, true)
    }

    /// The e-mail address in column `col`, lower-cased and interned.
    pub(crate) fn email(&mut self, col: usize) -> Option<Sym> {
        self.interned(col, Space::Email, false)
    }

    /// The pseudonymous id in column `col`, interned.
    pub(crate) fn pseudonym(&mut self, col: usize) -> Option<Sym> {
        self.interned(col, Space::Pseudonym, false)
    }

    /// The asset tag in column `col`, interned, and a problem when empty.
    pub(crate) fn tag_required(&mut self, col: usize) -> Option<Sym> {
        self.interned(col, Space::Tag, true)
    }

    /// Interns an asset tag already read and checked (the assets file's own tags).
    pub(crate) fn intern_tag(&mut self, col: usize, tag: &str) -> Option<Sym> {
        let mut hint = self.table.hints.get(col).copied().flatten();
        let sym = self.names.tags.intern(tag, &mut hint);
        if let Some(slot) = self.table.hints.get_mut(col) {
            *slot = hint;
        }
        if sym.is_none() {
            self.bad(col, tag, TOO_MANY);
        }
        sym
    }

    /// Interns an e-mail address already read and lower-cased, as it is.
    pub(crate) fn intern_email(&mut self, col: usize, email: &str) -> Option<Sym> {
        let mut hint = self.table.hints.get(col).copied().flatten();
        let sym = self.names.emails.intern(email, &mut hint);
        if let Some(slot) = self.table.hints.get_mut(col) {
            *slot = hint;
        }
        if sym.is_none() {
            self.bad(col, email, TOO_MANY);
        }
        sym
    }

    /// As [`parsed`](Self::parsed) (or, when `required`,
    /// [`parsed_required`](Self::parsed_required)), for a vocabulary of a few distinct
    /// values: each distinct text is parsed once and its value kept in `memo`.
    pub(crate) fn memoised<T: Clone>(
        &mut self,
        col: usize,
        expected: &str,
        required: bool,
        memo: fn(&mut Names) -> &mut crate::Map<Box<str>, T>,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Option<T> {
        let got = match self.table.field(col) {
            Field::Empty => Got::Empty,
            Field::NotUtf8 => Got::NotUtf8,
            Field::Text(t) => {
                let known = memo(self.names);
                match known.get(t) {
                    Some(v) => Got::Value(v.clone()),
                    None => match parse(t) {
                        Some(v) => {
                            known.insert(Box::from(t), v.clone());
                            Got::Value(v)
                        }
                        None => Got::Bad(t.to_owned()),
                    },
                }
            }
        };
        match got {
            Got::Empty => {
                if required {
                    self.bad(col, "", format!("{expected} (the cell is empty)"));
                }
                None
            }
            Got::Value(v) => Some(v),
            Got::Bad(text) => {
                self.bad(col, &text, expected);
                None
            }
            Got::NotUtf8 => {
                self.not_utf8(col);
                None
            }
        }
    }

    /// The kept attribute columns of the current row.
    pub(crate) fn attributes(&mut self) -> Vec<(String, String)> {
        let before = self.problems.count();
        let out = self.table.attributes(self.problems);
        if self.problems.count() != before {
            self.ok = false;
        }
        out
    }

    pub(crate) fn bad(&mut self, col: usize, value: &str, expected: impl Into<String>) {
        self.ok = false;
        let problem = Problem::Value {
            file: self.table.file.clone(),
            line: self.table.line(),
            column: self.table.header(col).to_owned(),
            value: shown(value),
            expected: expected.into(),
        };
        self.problems.push(problem);
    }

    /// A row-level problem (a record the domain refused).
    pub(crate) fn refuse(&mut self, message: impl Into<String>) {
        self.ok = false;
        let problem = Problem::Row {
            file: self.table.file.clone(),
            line: self.table.line(),
            message: message.into(),
        };
        self.problems.push(problem);
    }

    fn not_utf8(&mut self, col: usize) {
        self.ok = false;
        let problem = Problem::Value {
            file: self.table.file.clone(),
            line: self.table.line(),
            column: self.table.header(col).to_owned(),
            value: String::new(),
            expected: "UTF-8 text".to_owned(),
        };
        self.problems.push(problem);
    }

    /// Reads column `col` through `parse`, without copying its text unless it fails.
    fn read<T>(&self, col: usize, parse: impl FnOnce(&str) -> Option<T>) -> Got<T> {
        match self.table.field(col) {
            Field::Empty => Got::Empty,
            Field::NotUtf8 => Got::NotUtf8,
            Field::Text(t) => match parse(t) {
                Some(v) => Got::Value(v),
                None => Got::Bad(t.to_owned()),
            },
        }
    }

    /// The text of column `col` as an owned string, `None` when absent or empty.
    pub(crate) fn text(&mut self, col: usize) -> Option<String> {
        self.optional(col, "text", |t| Some(t.to_owned()))
    }

    /// Applies `f` to the text of column `col` (no copy), `None` when absent or empty.
    pub(crate) fn with_text<T>(&mut self, col: usize, f: impl FnOnce(&str) -> T) -> Option<T> {
        self.optional(col, "text", |t| Some(f(t)))
    }

    /// The text of column `col`, recording a problem when empty.
    pub(crate) fn required(&mut self, col: usize) -> Option<String> {
        self.parsed_required(col, "a value", |t| Some(t.to_owned()))
    }

    /// Parses column `col` with `parse`; `expected` describes valid values.
    pub(crate) fn parsed<T>(
        &mut self,
        col: usize,
        expected: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Option<T> {
        self.optional(col, expected, parse)
    }

    fn optional<T>(
        &mut self,
        col: usize,
        expected: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Option<T> {
        match self.read(col, parse) {
            Got::Empty => None,
            Got::Value(v) => Some(v),
            Got::Bad(text) => {
                self.bad(col, &text, expected);
                None
            }
            Got::NotUtf8 => {
                self.not_utf8(col);
                None
            }
        }
    }

    /// As [`parsed`](Self::parsed), and a problem when empty.
    pub(crate) fn parsed_required<T>(
        &mut self,
        col: usize,
        expected: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Option<T> {
        match self.read(col, parse) {
            Got::Empty => {
                self.bad(col, "", format!("{expected} (the cell is empty)"));
                None
            }
            Got::Value(v) => Some(v),
            Got::Bad(text) => {
                self.bad(col, &text, expected);
                None
            }
            Got::NotUtf8 => {
                self.not_utf8(col);
                None
            }
        }
    }

    /// A date in the file's format.
    pub(crate) fn date(&mut self, col: usize) -> Option<NaiveDate> {
        match self.read(col, |t| self.table.dates.parse(t)) {
            Got::Value(v) => Some(v),
            Got::Empty => None,
            other => self.date_problem(col, other, false),
        }
    }

    /// A required date.
    pub(crate) fn date_required(&mut self, col: usize) -> Option<NaiveDate> {
        match self.read(col, |t| self.table.dates.parse(t)) {
            Got::Value(v) => Some(v),
            other => self.date_problem(col, other, true),
        }
    }

    fn date_problem(
        &mut self,
        col: usize,
        read: Got<NaiveDate>,
        required: bool,
    ) -> Option<NaiveDate> {
        let expected = self.table.dates.describe();
        match read {
            Got::Empty if required => self.bad(col, "", format!("{expected} (the cell is empty)")),
            Got::Bad(text) => self.bad(col, &text, expected),
            Got::NotUtf8 => self.not_utf8(col),
            _ => {}
        }
        None
    }

    fn decimal_words(&self) -> &'static str {
        match self.table.decimal {
            DecimalSeparator::Point => "a decimal number with a `.` separator",
            DecimalSeparator::Comma => "a decimal number with a `,` separator",
        }
    }

    /// An exact decimal in the file's notation.
    pub(crate) fn decimal(&mut self, col: usize) -> Option<Decimal> {
        let sep = self.table.decimal;
        let words = self.decimal_words();
        self.parsed(col, words, |t| values::decimal(t, sep))
    }

    /// A required exact decimal.
    pub(crate) fn decimal_required(&mut self, col: usize) -> Option<Decimal> {
        let sep = self.table.decimal;
        let words = self.decimal_words();
        self.parsed_required(col, words, |t| values::decimal(t, sep))
    }

    /// A finite number in the file's notation.
    pub(crate) fn number(&mut self, col: usize) -> Option<f64> {
        let sep = self.table.decimal;
        let words = self.decimal_words();
        self.parsed(col, words, |t| values::number(t, sep))
    }

    /// A finite `f32` in the file's notation.
    pub(crate) fn number_f32(&mut self, col: usize) -> Option<f32> {
        let sep = self.table.decimal;
        let words = self.decimal_words();
        self.parsed(col, words, |t| values::number_f32(t, sep))
    }

    /// A whole number that fits `T` (a trailing ` months` or ` days` is allowed, as
    /// Snipe-IT writes them).
    pub(crate) fn integer<T: FromStr>(&mut self, col: usize, expected: &str) -> Option<T> {
        self.parsed(col, expected, values::whole_number)
    }

    /// A boolean.
    pub(crate) fn boolean(&mut self, col: usize) -> Option<bool> {
        self.parsed(col, "true or false (or 1/0, yes/no)", values::boolean)
    }

    fn unknown(
        &mut self,
        col: usize,
        text: String,
        expected: &'static str,
        suggestion: &'static str,
    ) {
        self.ok = false;
        let line = self.table.line();
        let entry = self.table.unknown.entry(col).or_insert_with(|| Unknown {
            seen: Vec::new(),
            expected,
            suggestion,
        });
        let known = entry.seen.len();
        match entry.seen.iter_mut().find(|s| s.value == text) {
            Some(s) => s.rows += 1,
            None if known < 50 => entry.seen.push(SeenValue {
                value: shown(&text),
                first_line: line,
                rows: 1,
            }),
            None => {}
        }
    }

    /// A required value from a closed vocabulary (work modes, event kinds): an unknown
    /// value is gathered into one [`Problem::UnknownValues`] for the column, listing
    /// every distinct value seen, instead of one problem per row.
    pub(crate) fn vocabulary_required<T>(
        &mut self,
        col: usize,
        expected: &'static str,
        suggestion: &'static str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Option<T> {
        match self.read(col, parse) {
            Got::Empty => {
                self.bad(col, "", format!("{expected} (the cell is empty)"));
                None
            }
            Got::Value(v) => Some(v),
            Got::NotUtf8 => {
                self.not_utf8(col);
                None
            }
            Got::Bad(text) => {
                self.unknown(col, text, expected, suggestion);
                None
            }
        }
    }
}
