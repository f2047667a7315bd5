//! What to read and how: the mapping file (`remit.toml`), or the same built in code.
//!
//! ```toml
//! as_of = "2026-06-30"          # the audit date: current enrolments, the promotion window
//! ids = "external"              # employee ids are the HR system's own (default)
//!
//! [[files]]
//! name = "directory.csv"        # as the caller's file opener knows it
//! input = "people"              # the canonical input it feeds
//! profile = "bamboohr_employees"  # optional: a built-in export layout
//! delimiter = ";"               # optional: default ","
//! decimal = "comma"             # optional: default "point"
//! dates = "us"                  # optional: iso (default), us, dmy, excel, or a pattern
//! attributes = ["Gender"]       # optional: extra people columns kept as attributes
//!
//! [files.columns]               # canonical column = "header in the file"
//! work_mode = "Location Type"
//!
//! [files.values.work_mode]      # header value = canonical value (case ignored)
//! "Fully Remote" = "remote"
//! "Office" = "onsite"
//!
//! [files.constants]             # a canonical column the file lacks, the same on every row
//! currency = "EUR"
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::canonical::Input;
use crate::error::Problem;
use crate::table::SourceSettings;
use crate::values::{DateFormat, DecimalSeparator};

/// How the employee ids in the files become remit's [`remit_core::EmployeeId`]s.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdScheme {
    /// The HR system's own ids (`E-1001`): each becomes
    /// [`EmployeeId::from_external`](remit_core::EmployeeId::from_external) of its text,
    /// the same id every remit crate derives from it. The default.
    #[default]
    External,
    /// The ids are remit's own UUIDs (files written from remit data, such as a
    /// synthetic organisation): each is parsed as the UUID it is.
    Uuid,
}

/// One file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileConfig {
    /// The name the caller's opener knows the file by.
    pub name: String,
    /// The canonical input it feeds.
    pub input: Input,
    /// A built-in export layout, by name (see [`crate::profiles::PROFILES`]).
    pub profile: Option<String>,
    /// Delimiter, decimal separator, date format, header position. A profile sets its
    /// export's defaults; explicit settings in the mapping file win.
    pub settings: SourceSettings,
    /// Canonical column → the header that holds it (overrides a profile's aliases).
    pub columns: BTreeMap<String, String>,
    /// Canonical column → (value as written → canonical value).
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    /// Canonical column → the value every row has (for a column the file lacks).
    pub constants: BTreeMap<String, String>,
    /// People files: further columns kept as employee attributes (never names, ids of
    /// other kinds, or dates of birth).
    pub attributes: Vec<String>,
    /// Wide files: source column → item or signal it holds (Qualtrics `Q2_1` →
    /// `who5.1`), turned into long rows.
    pub wide: BTreeMap<String, String>,
    /// Seat files from one system (Okta, Google Workspace): `tool` → the tool id the
    /// seats belong to. Microsoft 365: product → tool id, for the products to keep.
    pub tools: BTreeMap<String, String>,
    /// Whether a missing file is fine (the canonical defaults) or a problem (a file a
    /// mapping file lists).
    pub optional: bool,
}

impl FileConfig {
    /// A canonical file: `name` feeds `input` with canonical headers and default
    /// settings.
    pub fn canonical(name: impl Into<String>, input: Input) -> Self {
        Self {
            name: name.into(),
            input,
            profile: None,
            settings: SourceSettings::default(),
            columns: BTreeMap::new(),
            values: BTreeMap::new(),
            constants: BTreeMap::new(),
            attributes: Vec::new(),
            wide: BTreeMap::new(),
            tools: BTreeMap::new(),
            optional: false,
        }
    }
}

/// What to read: the files, the audit date, the id scheme and the problem limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadConfig {
    /// The audit date: enrolments current on it count, and promotions derived from job
    /// history are observed over the [`promotion_window_months`](Self::promotion_window_months)
    /// before it.
    pub as_of: NaiveDate,
    /// How employee ids are read.
    pub ids: IdScheme,
    /// The export files to read, each with its path, profile or mapping and which canonical
    /// input it feeds.
    pub files: Vec<FileConfig>,
    /// The most problems listed before counting the rest (default 100).
    pub max_problems: usize,
    /// The observation window for promotions derived from job history, in months
    /// before `as_of` (default 12).
    pub promotion_window_months: u32,
}

impl ReadConfig {
    /// Every canonical file under its canonical name ([`Input::file_name`]); files that
    /// are missing are skipped by [`crate::read_directory`].
    pub fn canonical(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            ids: IdScheme::External,
            files: Input::ALL
                .iter()
                .map(|i| FileConfig {
                    optional: true,
                    ..FileConfig::canonical(i.file_name(), *i)
                })
                .collect(),
            max_problems: 100,
            promotion_window_months: 12,
        }
    }

    /// Reads a mapping file's text.
    ///
    /// # Errors
    ///
    /// A [`Problem::Config`] naming what is wrong (TOML syntax with its line, an
    /// unknown key, input, date format or delimiter).
    pub fn from_toml(text: &str) -> Result<Self, Problem> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| Problem::Config {
            message: e.to_string().trim().to_owned(),
        })?;
        let config = |message: String| Problem::Config { message };
        let mut files = Vec::with_capacity(raw.files.len());
        for f in raw.files {
            let mut settings = match &f.profile {
                Some(p) => crate::profiles::find(p)
                    .ok_or_else(|| {
                        config(format!(
                            "file {:?}: unknown profile {p:?}; built-in profiles: {}",
                            f.name,
                            crate::profiles::PROFILES
                                .iter()
                                .map(|p| p.name)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ))
                    })?
                    .settings(),
                None => SourceSettings::default(),
            };
            if let Some(d) = &f.delimiter {
                let bytes = d.as_bytes();
                settings.delimiter = match (d.as_str(), bytes) {
                    ("tab" | "\\t", _) => b'\t',
                    (_, [b]) if b.is_ascii() && *b != b'"' && *b != b'\n' => *b,
                    _ => {
                        return Err(config(format!(
                            "file {:?}: delimiter must be one ASCII character or \"tab\", got {d:?}",
                            f.name
                        )));
                    }
                };
            }
            if let Some(d) = f.decimal {
                settings.decimal = d;
            }
            if let Some(d) = &f.dates {
                settings.dates = DateFormat::from_name(d)
                    .map_err(|e| config(format!("file {:?}: {e}", f.name)))?;
            }
            if let Some(n) = f.rows_before_header {
                settings.rows_before_header = n;
            }
            if let Some(n) = f.rows_after_header {
                settings.rows_after_header = n;
            }
            let columns = f.input.columns();
            for canonical in f
                .columns
                .keys()
                .chain(f.values.keys())
                .chain(f.constants.keys())
            {
                if !columns.iter().any(|c| c.name == canonical) {
                    return Err(config(format!(
                        "file {:?}: `{canonical}` is not a column of input `{}` (its columns: {})",
                        f.name,
                        f.input.name(),
                        columns
                            .iter()
                            .map(|c| c.name)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )));
                }
            }
            files.push(FileConfig {
                name: f.name,
                input: f.input,
                profile: f.profile,
                settings,
                columns: f.columns,
                values: f.values,
                constants: f.constants,
                attributes: f.attributes,
                wide: f.wide,
                tools: f.tools,
                optional: false,
            });
        }
        Ok(Self {
            as_of: raw.as_of,
            ids: raw.ids,
            files,
            max_problems: raw.max_problems.unwrap_or(100),
            promotion_window_months: raw.promotion_window_months.unwrap_or(12),
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    as_of: NaiveDate,
    #[serde(default)]
    ids: IdScheme,
    #[serde(default)]
    max_problems: Option<usize>,
    #[serde(default)]
    promotion_window_months: Option<u32>,
    #[serde(default)]
    files: Vec<RawFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    name: String,
    input: Input,
    #[serde(default)]
    profile: Option<String>,
    #[serde(default)]
    delimiter: Option<String>,
    #[serde(default)]
    decimal: Option<DecimalSeparator>,
    #[serde(default)]
    dates: Option<String>,
    #[serde(default)]
    rows_before_header: Option<usize>,
    #[serde(default)]
    rows_after_header: Option<usize>,
    #[serde(default)]
    columns: BTreeMap<String, String>,
    #[serde(default)]
    values: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    constants: BTreeMap<String, String>,
    #[serde(default)]
    attributes: Vec<String>,
    #[serde(default)]
    wide: BTreeMap<String, String>,
    #[serde(default)]
    tools: BTreeMap<String, String>,
}
