//! What went wrong while reading, said so that a user can fix the file: every problem
//! names the file, and where one line or one column is at fault, the line, the column's
//! name as the file spells it, the value and what was expected.

use std::fmt;

/// One problem found while reading an export. Each names the file it was found in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// One field of one row does not hold what its column needs.
    #[error("{file}: line {line}, column `{column}`: {value:?}: expected {expected}")]
    Value {
        /// The file's name, as the caller gave it.
        file: String,
        /// The 1-based line the row starts on (a quoted field may span lines).
        line: u64,
        /// The column's header as written in the file.
        column: String,
        /// The value as written (after trimming); a longer value is cut to its first 80
        /// characters followed by `…`.
        value: String,
        /// What the column accepts, in words.
        expected: String,
    },
    /// A row as a whole is wrong: the number of fields, or a record the domain's
    /// validating constructor refused (its message names the field).
    #[error("{file}: line {line}: {message}")]
    Row {
        /// The file's name.
        file: String,
        /// The 1-based line the row starts on.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A column holds values that no value map turns into what the column needs (for
    /// example work modes): every distinct value seen, with the line it first appears
    /// on and how often, and how to map them.
    #[error(
        "{file}: column `{column}`: {count} value(s) remit does not recognise as {expected}: {seen}; map each in the mapping file, e.g. [files.values.{canonical}] {example:?} = \"{suggestion}\"",
        count = seen.len(),
        seen = seen.iter().map(|s| format!("{:?} (line {}, {} row{})", s.value, s.first_line, s.rows, if s.rows == 1 { "" } else { "s" })).collect::<Vec<_>>().join(", "),
        example = seen.first().map_or("", |s| s.value.as_str()),
    )]
    UnknownValues {
        /// The file's name.
        file: String,
        /// The column's header as written in the file.
        column: String,
        /// The canonical column it feeds (`work_mode`).
        canonical: &'static str,
        /// What the canonical column accepts (`onsite, hybrid or remote`).
        expected: &'static str,
        /// A value the mapping may name (`remote`).
        suggestion: &'static str,
        /// The distinct values seen, in order of first appearance.
        seen: Vec<SeenValue>,
    },
    /// A problem with a file as a whole: a missing or repeated column, a header that
    /// cannot be read, a read error, or a setting that does not fit it.
    #[error("{file}: {message}")]
    File {
        /// The file's name.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// The configuration as a whole is wrong: the mapping file's TOML syntax or shape
    /// (an unknown key, a value of the wrong type; the message holds the line), or what
    /// the files found together do not allow (no people file).
    #[error("configuration: {message}")]
    Config {
        /// What is wrong.
        message: String,
    },
    /// One setting of the configuration (the mapping file, or a [`crate::ReadConfig`]
    /// built in code) holds a value the reader cannot use; refused when the mapping file
    /// is read ([`crate::ReadConfig::from_toml`], [`crate::ReadConfig::validate`]), before
    /// any file is opened.
    #[error(
        "configuration: {}`{setting}`: {message}",
        file.as_ref().map_or_else(String::new, |f| format!("file {f:?}: "))
    )]
    Setting {
        /// The `[[files]]` entry the setting belongs to, by its `name`; `None` for a
        /// top-level setting (`as_of`, `max_problems`, ...).
        file: Option<String>,
        /// The setting as the mapping file spells its key: `promotion_window_months`,
        /// `delimiter`, or a path into a table such as `columns.work_mode` or
        /// `values.work_mode`.
        setting: String,
        /// What is wrong with its value and what is accepted.
        message: String,
    },
}

/// A value seen in a column that its value map does not cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenValue {
    /// The value as written (trimmed).
    pub value: String,
    /// The first line it appears on.
    pub first_line: u64,
    /// On how many rows it appears.
    pub rows: u64,
}

/// Reading failed. Nothing was returned: a file with any problem yields no inputs, and
/// a directory with any problem yields none at all. Lists every problem found, up to
/// the configured limit ([`crate::ReadConfig::max_problems`]), and how many more there were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestError {
    problems: Vec<Problem>,
    omitted: usize,
}

impl IngestError {
    /// The problems found, in the order they were found (at most the limit).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// How many further problems were found beyond the limit and not listed.
    pub fn omitted(&self) -> usize {
        self.omitted
    }

    pub(crate) fn single(problem: Problem) -> Self {
        Self {
            problems: vec![problem],
            omitted: 0,
        }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.problems.len() + self.omitted;
        writeln!(
            f,
            "{total} problem{} found; nothing was read",
            if total == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            writeln!(f, "  {p}")?;
        }
        if self.omitted > 0 {
            writeln!(f, "  ... and {} more", self.omitted)?;
        }
        Ok(())
    }
}

impl std::error::Error for IngestError {}

impl From<Problem> for IngestError {
    fn from(problem: Problem) -> Self {
        Self::single(problem)
    }
}

/// Collects problems up to a limit, counting the rest.
#[derive(Debug, Clone)]
pub(crate) struct Problems {
    list: Vec<Problem>,
    omitted: usize,
    limit: usize,
}

impl Problems {
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            list: Vec::new(),
            omitted: 0,
            limit: limit.max(1),
        }
    }

    pub(crate) fn push(&mut self, problem: Problem) {
        if self.list.len() < self.limit {
            self.list.push(problem);
        } else {
            self.omitted += 1;
        }
    }

    pub(crate) fn count(&self) -> usize {
        self.list.len() + self.omitted
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.count() == 0
    }

    /// `Ok(value)` when no problem was found, the problems otherwise.
    pub(crate) fn finish<T>(self, value: T) -> Result<T, IngestError> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(IngestError {
                problems: self.list,
                omitted: self.omitted,
            })
        }
    }

    pub(crate) fn into_error(self) -> IngestError {
        IngestError {
            problems: self.list,
            omitted: self.omitted,
        }
    }
}

/// At most 80 characters of a value, for messages.
pub(crate) fn shown(value: &str) -> String {
    match value.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_owned(),
    }
}
