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
use chrono::format::{Item, StrftimeItems};
use remit_promotion_bias::{Config as PromotionConfig, Error as PromotionError};
use serde::Deserialize;

use crate::canonical::Input;
use crate::error::Problem;
use crate::profiles::{M365_PRODUCTS, Shape};
use crate::table::{Kind, SourceSettings, is_denied, normalise};
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

    /// Reads a mapping file's text, and checks every setting as [`validate`](Self::validate)
    /// does: a mapping file the reader could not use is refused here, before any file
    /// is opened.
    ///
    /// `as_of` is a TOML date (`as_of = 2026-06-30`) or the same date quoted
    /// (`"2026-06-30"`); a date-time, a time or any other text is refused. Constants and
    /// value-map targets may be written as strings or as TOML integers, floats,
    /// booleans and dates (a date is written out as YYYY-MM-DD, and must then suit the
    /// file's `dates` format).
    ///
    /// # Errors
    ///
    /// [`Problem::Config`] for TOML syntax or shape (with its line: an unknown key, a
    /// value of the wrong type, an unknown input, id scheme or decimal separator);
    /// [`Problem::Setting`] naming the file entry and the setting for a value the
    /// reader cannot use (see [`validate`](Self::validate)).
    pub fn from_toml(text: &str) -> Result<Self, Problem> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| Problem::Config {
            message: e.to_string().trim().to_owned(),
        })?;
        let as_of = audit_date(&raw.as_of).map_err(|message| setting(None, "as_of", message))?;
        let mut files = Vec::with_capacity(raw.files.len());
        for f in raw.files {
            let refuse = |key: &str, message: String| setting(Some(&f.name), key, message);
            let mut settings = match &f.profile {
                Some(p) => crate::profiles::find(p)
                    .ok_or_else(|| refuse("profile", unknown_profile(p)))?
                    .settings(),
                None => SourceSettings::default(),
            };
            if let Some(d) = &f.delimiter {
                let bytes = d.as_bytes();
                settings.delimiter = match (d.as_str(), bytes) {
                    ("tab" | "\\t", _) => b'\t',
                    (_, [b]) if delimiter_ok(*b) => *b,
                    _ => {
                        return Err(refuse(
                            "delimiter",
                            format!(
                                "must be one ASCII character (not a quote or a line break) or \"tab\", got {d:?}"
                            ),
                        ));
                    }
                };
            }
            if let Some(d) = f.decimal {
                settings.decimal = d;
            }
            if let Some(d) = &f.dates {
                settings.dates = DateFormat::from_name(d).map_err(|e| refuse("dates", e))?;
            }
            if let Some(n) = f.rows_before_header {
                settings.rows_before_header = n;
            }
            if let Some(n) = f.rows_after_header {
                settings.rows_after_header = n;
            }
            let mut values = BTreeMap::new();
            for (column, map) in f.values {
                let mut texts = BTreeMap::new();
                for (from, to) in map {
                    let to = scalar_text(&to).map_err(|m| {
                        refuse(&format!("values.{column}"), format!("{from:?}: {m}"))
                    })?;
                    texts.insert(from, to);
                }
                values.insert(column, texts);
            }
            let mut constants = BTreeMap::new();
            for (column, value) in f.constants {
                let text =
                    scalar_text(&value).map_err(|m| refuse(&format!("constants.{column}"), m))?;
                constants.insert(column, text);
            }
            files.push(FileConfig {
                name: f.name,
                input: f.input,
                profile: f.profile,
                settings,
                columns: f.columns,
                values,
                constants,
                attributes: f.attributes,
                wide: f.wide,
                tools: f.tools,
                optional: false,
            });
        }
        let config = Self {
            as_of,
            ids: raw.ids,
            files,
            max_problems: raw.max_problems.unwrap_or(100),
            promotion_window_months: raw.promotion_window_months.unwrap_or(12),
        };
        config.validate()?;
        Ok(config)
    }

    /// Checks that the reader can use every setting, so that a configuration is refused
    /// as a whole, naming the setting, instead of being accepted and then failing (or
    /// silently doing something else) on the files. [`ReadConfig::from_toml`] calls it,
    /// and so does every reader ([`crate::read_directory`], ...) before it opens a file,
    /// for a configuration built in code.
    ///
    /// What is refused, by setting:
    ///
    /// - `max_problems`: 0 (at least one problem is listed);
    /// - `promotion_window_months`: outside 1 to
    ///   [`remit_promotion_bias::MAX_WINDOW_MONTHS`], or a window before `as_of` that
    ///   starts outside the calendar (the rule of
    ///   [`remit_promotion_bias::Config::with_window_months`]);
    /// - `files`: none at all; two entries with the same `name`; more than one
    ///   required `promotions` file, or a required `promotions` file beside a required
    ///   `job_events` file (promotions come from one or the other);
    /// - `name`: empty; an `.xlsx` workbook without the `xlsx` feature;
    /// - `profile`: unknown, or one that reads another input;
    /// - `delimiter`: a quote, a line break or a non-ASCII byte; on an `.xlsx`
    ///   workbook, anything but `,` (as `decimal` anything but `point`): the sheet's
    ///   cells are typed, so the setting would have no effect;
    /// - `dates`: a chrono pattern that cannot read back a date it writes (an invalid
    ///   specifier, no year, month or day);
    /// - `columns.C`: a column `C` the input does not have; an empty header; a header
    ///   that names personal data ([`crate::table::is_denied`]); a header another
    ///   column is already mapped to; a column also given a constant; a column the
    ///   file's profile does not read from the mapping (Microsoft 365 reads only
    ///   `email`; a one-tool seat export takes its tool from `tools`);
    /// - `values.C`: as for `columns.C`; two source values that are the same ignoring
    ///   case and surrounding spaces; a target `C` cannot hold (an unknown work mode,
    ///   category or event, a country, currency or time zone that does not exist, a
    ///   number, date or boolean that does not parse in the file's notation);
    /// - `constants.C`: as for `columns.C`; empty; a value `C` cannot hold;
    /// - `attributes`: on any input but `people`; an empty, repeated or
    ///   personal-data header;
    /// - `wide`: on anything but a `qualtrics_wide` file, missing on one, an empty
    ///   column, or an item that is not a WHO-5 or CBI item;
    /// - `tools`: on anything but a seat export of one tool or Microsoft 365; a key
    ///   other than `tool` (one tool) or a Microsoft 365 product; an empty tool id.
    /// - on an analysis-ready `promotions` file, any `delimiter`, `decimal`, `dates`,
    ///   `rows_before_header`, `rows_after_header`, `columns`, `values` or `constants`:
    ///   the file is read in its canonical layout, so the setting would be ignored.
    ///
    /// # Errors
    ///
    /// The first [`Problem::Setting`] found, naming the file entry (if any) and the
    /// setting.
    pub fn validate(&self) -> Result<(), Problem> {
        if self.max_problems == 0 {
            return Err(setting(
                None,
                "max_problems",
                "must be at least 1 (the problems listed before the rest are counted)".to_owned(),
            ));
        }
        if let Err(e) =
            PromotionConfig::new(self.as_of).with_window_months(self.promotion_window_months)
        {
            let message = match e {
                PromotionError::WindowMonths { value, max } => {
                    format!("must be between 1 and {max} months, got {value}")
                }
                PromotionError::WindowOutOfCalendar { as_of, months } => format!(
                    "the {months}-month window before as_of {as_of} starts outside the supported calendar"
                ),
                other => other.to_string(),
            };
            return Err(setting(None, "promotion_window_months", message));
        }
        if self.files.is_empty() {
            return Err(setting(
                None,
                "files",
                "lists no file; add a [[files]] entry for each file to read".to_owned(),
            ));
        }
        for (i, file) in self.files.iter().enumerate() {
            if self
                .files
                .get(..i)
                .is_some_and(|earlier| earlier.iter().any(|f| f.name == file.name))
            {
                return Err(setting(
                    Some(&file.name),
                    "name",
                    "is listed twice; each file is read once".to_owned(),
                ));
            }
            file.validate()?;
        }
        let required = |input: Input| {
            self.files
                .iter()
                .filter(move |f| !f.optional && f.input == input)
        };
        let mut promotions = required(Input::Promotions);
        if let Some(first) = promotions.next() {
            if let Some(second) = promotions.next() {
                return Err(setting(
                    Some(&second.name),
                    "input",
                    format!(
                        "a second promotions file (after {:?}); the analysis-ready table is one file",
                        first.name
                    ),
                ));
            }
            if let Some(jobs) = required(Input::JobEvents).next() {
                return Err(setting(
                    Some(&jobs.name),
                    "input",
                    format!(
                        "job history beside the analysis-ready promotions file {:?}; promotions come from one or the other",
                        first.name
                    ),
                ));
            }
        }
        Ok(())
    }
}

impl FileConfig {
    /// Checks this file entry's settings (see [`ReadConfig::validate`]).
    fn validate(&self) -> Result<(), Problem> {
        let refuse = |key: &str, message: String| Err(setting(Some(&self.name), key, message));
        if self.name.trim().is_empty() {
            return refuse("name", "must not be empty".to_owned());
        }
        let xlsx = self.name.to_ascii_lowercase().ends_with(".xlsx");
        if xlsx && !cfg!(feature = "xlsx") {
            return refuse(
                "name",
                "reading .xlsx needs remit-ingest's `xlsx` feature; or save the sheet as CSV"
                    .to_owned(),
            );
        }
        if xlsx && self.settings.delimiter != b',' {
            return refuse(
                "delimiter",
                "has no effect on an .xlsx workbook (its cells are read as cells); remove it"
                    .to_owned(),
            );
        }
        if xlsx && self.settings.decimal != DecimalSeparator::Point {
            return refuse(
                "decimal",
                "has no effect on an .xlsx workbook (numbers are typed cells); remove it"
                    .to_owned(),
            );
        }
        let shape = match &self.profile {
            None => Shape::Rows,
            Some(name) => {
                let Some(profile) = crate::profiles::find(name) else {
                    return refuse("profile", unknown_profile(name));
                };
                if profile.input != self.input {
                    return refuse(
                        "profile",
                        format!(
                            "{name:?} reads input `{}`, not `{}`",
                            profile.input.name(),
                            self.input.name()
                        ),
                    );
                }
                profile.shape
            }
        };
        if !delimiter_ok(self.settings.delimiter) {
            return refuse(
                "delimiter",
                format!(
                    "must be one ASCII character other than a quote or a line break, got byte {:#04x}",
                    self.settings.delimiter
                ),
            );
        }
        if let DateFormat::Pattern(pattern) = &self.settings.dates {
            check_pattern(pattern).map_err(|m| setting(Some(&self.name), "dates", m))?;
        }
        if self.input == Input::Promotions {
            self.validate_promotions()?;
        }
        self.validate_columns(shape)?;
        self.validate_attributes()?;
        self.validate_wide(shape)?;
        self.validate_tools(shape)
    }

    /// The analysis-ready promotions file is read in its own fixed layout
    /// ([`crate::promotion_csv`]: canonical headers, `,` between fields, the standard
    /// number parsers, no date column), so any setting that would change how it is read
    /// is refused instead of being ignored: a value map `"Flex" = "remote"` that was
    /// silently skipped read "Flex" as hybrid.
    fn validate_promotions(&self) -> Result<(), Problem> {
        let defaults = SourceSettings::default();
        let ignored = if self.settings.delimiter != defaults.delimiter {
            Some("delimiter".to_owned())
        } else if self.settings.decimal != defaults.decimal {
            Some("decimal".to_owned())
        } else if self.settings.dates != defaults.dates {
            Some("dates".to_owned())
        } else if self.settings.rows_before_header != defaults.rows_before_header {
            Some("rows_before_header".to_owned())
        } else if self.settings.rows_after_header != defaults.rows_after_header {
            Some("rows_after_header".to_owned())
        } else {
            let mapped = |table: &str, keys: &mut dyn Iterator<Item = &String>| {
                keys.next().map(|k| format!("{table}.{k}"))
            };
            mapped("columns", &mut self.columns.keys())
                .or_else(|| mapped("values", &mut self.values.keys()))
                .or_else(|| mapped("constants", &mut self.constants.keys()))
        };
        match ignored {
            Some(key) => Err(setting(
                Some(&self.name),
                &key,
                "the analysis-ready promotions file is read in its canonical layout (canonical headers, `,` between fields, `.` in numbers); this setting would be ignored: write the file in that layout, or give job history (input `job_events`) instead"
                    .to_owned(),
            )),
            None => Ok(()),
        }
    }

    /// `columns`, `values` and `constants`.
    fn validate_columns(&self, shape: Shape) -> Result<(), Problem> {
        let columns = self.input.columns();
        // Which canonical columns the file's shape takes from the mapping.
        let read_from_mapping = |table: &str, column: &str| match shape {
            Shape::Rows => true,
            Shape::Microsoft365 => column == "email",
            Shape::OneTool => column != "tool_id",
            Shape::QualtricsWide => {
                matches!(column, "respondent_id" | "email" | "pseudonym")
                    || (table == "values" && column == "value")
            }
        };
        let keys = self
            .columns
            .keys()
            .map(|k| ("columns", k))
            .chain(self.values.keys().map(|k| ("values", k)))
            .chain(self.constants.keys().map(|k| ("constants", k)));
        for (table, canonical) in keys {
            let key = format!("{table}.{canonical}");
            if !columns.iter().any(|c| c.name == canonical) {
                return Err(setting(
                    Some(&self.name),
                    &key,
                    format!(
                        "`{canonical}` is not a column of input `{}` (its columns: {})",
                        self.input.name(),
                        columns
                            .iter()
                            .map(|c| c.name)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            if !read_from_mapping(table, canonical) {
                let profile = self.profile.as_deref().unwrap_or_default();
                let hint = match shape {
                    Shape::OneTool => "; name the tool in [files.tools] tool = \"...\"",
                    _ => "",
                };
                return Err(setting(
                    Some(&self.name),
                    &key,
                    format!(
                        "profile {profile:?} does not read `{canonical}` from the mapping file{hint}"
                    ),
                ));
            }
        }
        let mut headers: BTreeMap<String, &str> = BTreeMap::new();
        for (canonical, header) in &self.columns {
            let key = format!("columns.{canonical}");
            let refuse = |message: String| Err(setting(Some(&self.name), &key, message));
            if header.trim().is_empty() {
                return refuse("the header must not be empty".to_owned());
            }
            // A tool's or a benefit's `name` is not a person's (as `Table::open` reads it).
            if canonical != "name" && is_denied(header) {
                return refuse(format!(
                    "column `{header}` holds personal data remit never reads; it cannot feed `{canonical}`"
                ));
            }
            if let Some(other) = headers.insert(normalise(header), canonical) {
                return refuse(format!(
                    "header `{header}` is already mapped to `{other}`; one column feeds one canonical column"
                ));
            }
            if self.constants.contains_key(canonical) {
                return refuse(format!(
                    "`{canonical}` is both read from column `{header}` and given in [files.constants]; keep one"
                ));
            }
        }
        for (canonical, map) in &self.values {
            let key = format!("values.{canonical}");
            let mut seen: BTreeMap<String, &str> = BTreeMap::new();
            for (from, to) in map {
                if let Some(other) = seen.insert(normalise(from), from) {
                    return Err(setting(
                        Some(&self.name),
                        &key,
                        format!(
                            "{other:?} and {from:?} are the same value (case and surrounding spaces are ignored)"
                        ),
                    ));
                }
                if to.trim().is_empty() {
                    continue;
                }
                self.check_value(canonical, to).map_err(|m| {
                    setting(Some(&self.name), &key, format!("{from:?} = {to:?}: {m}"))
                })?;
            }
        }
        for (canonical, value) in &self.constants {
            let key = format!("constants.{canonical}");
            if value.trim().is_empty() {
                return Err(setting(
                    Some(&self.name),
                    &key,
                    "must not be empty (an empty constant would leave every row without the column)"
                        .to_owned(),
                ));
            }
            self.check_value(canonical, value)
                .map_err(|m| setting(Some(&self.name), &key, format!("{value:?}: {m}")))?;
        }
        Ok(())
    }

    /// Whether `text` is a value canonical column `canonical` of this file's input can
    /// hold, read with the file's settings; the message says what it holds otherwise.
    fn check_value(&self, canonical: &str, text: &str) -> Result<(), String> {
        // The reader trims constants and value-map targets as it trims cells.
        let text = text.trim();
        let Some(column) = self.input.columns().iter().find(|c| c.name == canonical) else {
            return Ok(());
        };
        let settings = &self.settings;
        let ok = match (self.input, canonical) {
            // A left-out record-keeping action (Snipe-IT's `update`).
            (Input::AssetEvents, "event") if text == "-" => true,
            (Input::Responses, "item") => is_survey_item(text),
            // Text columns the team reader parses, checked by the same parse.
            (Input::Teams, "work_start") => crate::values::clock_minute(text).is_some(),
            (Input::Teams, "workdays") => crate::values::workdays(text).is_some(),
            (Input::Benefits, "eligible_modes") => crate::values::work_modes(text).is_some(),
            (Input::Benefits, "countries") => crate::values::country_codes(text).is_some(),
            _ => match column.kind {
                Kind::Text | Kind::Id | Kind::Email => true,
                Kind::Date => settings.dates.parse(text).is_some(),
                Kind::Decimal => crate::values::decimal(text, settings.decimal).is_some(),
                Kind::Number => crate::values::number(text, settings.decimal).is_some(),
                // Whole numbers as the column's reader parses them, in its type's range.
                Kind::Integer => whole_number_of(self.input, canonical).0(text),
                Kind::Bool => crate::values::boolean(text).is_some(),
                Kind::Enum(words) => {
                    let key = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
                    words.contains(&key.as_str())
                }
                Kind::Country => remit_core::CountryCode::new(text.trim()).is_ok(),
                Kind::Currency => remit_core::Currency::new(text.trim()).is_ok(),
                Kind::TimeZone => text.trim().parse::<chrono_tz::Tz>().is_ok(),
            },
        };
        if ok {
            return Ok(());
        }
        Err(match (self.input, canonical, column.kind) {
            (Input::Responses, "value", _) => "not an answer code 0-255".to_owned(),
            (Input::Responses, "item", _) => format!("not a WHO-5 or CBI item ({SURVEY_ITEMS})"),
            (Input::Teams, "work_start", _) => "not a time of day as HH:MM".to_owned(),
            (Input::Benefits, "eligible_modes", _) => {
                "not work modes (onsite, hybrid, remote) separated by spaces".to_owned()
            }
            (Input::Benefits, "countries", _) => {
                "not ISO 3166-1 alpha-2 country codes separated by spaces".to_owned()
            }
            (Input::Teams, "workdays", _) => {
                "not weekday names (mon tue wed thu fri sat sun)".to_owned()
            }
            (_, _, Kind::Date) => format!("not {} (the file's `dates`)", settings.dates.describe()),
            (_, _, Kind::Decimal | Kind::Number) => format!(
                "not a number in the file's `decimal` notation ({})",
                match settings.decimal {
                    DecimalSeparator::Point => "point",
                    DecimalSeparator::Comma => "comma",
                }
            ),
            (input, _, Kind::Integer) => format!(
                "`{canonical}` holds {}",
                whole_number_of(input, canonical).1
            ),
            (_, _, kind) => format!("`{canonical}` holds {}", kind.name()),
        })
    }

    fn validate_attributes(&self) -> Result<(), Problem> {
        if self.attributes.is_empty() {
            return Ok(());
        }
        let refuse = |message: String| Err(setting(Some(&self.name), "attributes", message));
        if self.input != Input::People {
            return refuse(format!(
                "only a people file keeps attributes, not input `{}`",
                self.input.name()
            ));
        }
        let mut seen: Vec<String> = Vec::new();
        for attribute in &self.attributes {
            if attribute.trim().is_empty() {
                return refuse("a column name must not be empty".to_owned());
            }
            if is_denied(attribute) {
                return refuse(format!(
                    "column `{attribute}` holds personal data remit never reads; it cannot be kept as an attribute"
                ));
            }
            let key = normalise(attribute);
            if seen.contains(&key) {
                return refuse(format!("column `{attribute}` is listed twice"));
            }
            seen.push(key);
        }
        Ok(())
    }

    fn validate_wide(&self, shape: Shape) -> Result<(), Problem> {
        let refuse = |message: String| Err(setting(Some(&self.name), "wide", message));
        if shape != Shape::QualtricsWide {
            if self.wide.is_empty() {
                return Ok(());
            }
            return refuse(
                "only a wide survey export (profile \"qualtrics_wide\") reads item columns"
                    .to_owned(),
            );
        }
        if self.wide.is_empty() {
            return refuse(
                "name the survey's item columns (e.g. \"Q1_1\" = \"who5.1\")".to_owned(),
            );
        }
        let mut seen: Vec<String> = Vec::new();
        for (column, item) in &self.wide {
            if column.trim().is_empty() {
                return refuse("a column name must not be empty".to_owned());
            }
            if is_denied(column) {
                return refuse(format!(
                    "column `{column}` holds personal data remit never reads"
                ));
            }
            let key = normalise(column);
            if seen.contains(&key) {
                return refuse(format!(
                    "column `{column}` is listed twice (case and spaces are ignored)"
                ));
            }
            seen.push(key);
            if !is_survey_item(item) {
                return refuse(format!(
                    "{column:?} = {item:?}: not a WHO-5 or CBI item ({SURVEY_ITEMS})"
                ));
            }
        }
        Ok(())
    }

    fn validate_tools(&self, shape: Shape) -> Result<(), Problem> {
        let refuse = |message: String| Err(setting(Some(&self.name), "tools", message));
        match shape {
            Shape::Rows | Shape::QualtricsWide if !self.tools.is_empty() => refuse(
                "only a seat export of one tool or Microsoft 365 (a seats profile) reads [files.tools]"
                    .to_owned(),
            ),
            Shape::Rows | Shape::QualtricsWide => Ok(()),
            Shape::OneTool => {
                for (key, tool) in &self.tools {
                    if key != "tool" {
                        return refuse(format!(
                            "{key:?}: a seat export of one tool takes one key, `tool`"
                        ));
                    }
                    if tool.trim().is_empty() {
                        return refuse("`tool` must name a tool id".to_owned());
                    }
                }
                Ok(())
            }
            Shape::Microsoft365 => {
                for (key, tool) in &self.tools {
                    let known = M365_PRODUCTS
                        .iter()
                        .any(|(product, default)| normalise(key) == normalise(product) || key == default);
                    if !known {
                        return refuse(format!(
                            "{key:?} is not a Microsoft 365 product ({})",
                            M365_PRODUCTS.iter().map(|(p, _)| *p).collect::<Vec<_>>().join(", ")
                        ));
                    }
                    if tool.trim().is_empty() {
                        return refuse(format!("{key:?} must name a tool id"));
                    }
                }
                Ok(())
            }
        }
    }
}

/// How the reader parses whole-number column `canonical` of `input` (the type of the
/// field it fills), and what that holds in words: a setting is checked by the same
/// parse, so a constant or value-map target the reader would refuse on every row
/// (`level = 300`, `seats = "L3"`) is refused when the mapping file is read.
fn whole_number_of(input: Input, canonical: &str) -> (fn(&str) -> bool, &'static str) {
    use crate::values::whole_number;
    match (input, canonical) {
        (Input::People | Input::JobEvents | Input::Promotions, "level") => (
            |t| t.parse::<remit_core::JobLevel>().is_ok(),
            "a job level 0-255 (e.g. 3 or L3)",
        ),
        (Input::Assets, "useful_life_months") => (
            |t| t.parse::<u32>().is_ok(),
            "a whole number of months 0-4294967295, without a unit",
        ),
        (Input::Benefits, "min_level" | "max_level") => (
            |t| whole_number::<u8>(t).is_some(),
            "a job level 0-255 (a number, no prefix)",
        ),
        // The length of a working day, by the team planner's own rule.
        (Input::Teams, "work_minutes") => (
            |t| {
                whole_number::<u16>(t).is_some_and(|minutes| {
                    remit_collab_tools::overlap::WorkingHours::from_minutes(0, minutes).is_ok()
                })
            },
            "a working day's length in minutes, 1-1440, optionally followed by a unit",
        ),
        // An answer code (Qualtrics' text answers mapped to codes).
        (Input::Responses, "value") => {
            (|t| whole_number::<u8>(t).is_some(), "an answer code 0-255")
        }
        _ => (
            |t| whole_number::<u32>(t).is_some(),
            "a whole number 0-4294967295, optionally followed by a unit (`36 months`)",
        ),
    }
}

/// A [`Problem::Setting`].
fn setting(file: Option<&str>, key: &str, message: String) -> Problem {
    Problem::Setting {
        file: file.map(str::to_owned),
        setting: key.to_owned(),
        message,
    }
}

fn unknown_profile(name: &str) -> String {
    format!(
        "unknown profile {name:?}; built-in profiles: {}",
        crate::profiles::PROFILES
            .iter()
            .map(|p| p.name)
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// A delimiter the `csv` reader can split on: ASCII, not a quote or a line break.
fn delimiter_ok(byte: u8) -> bool {
    byte.is_ascii() && !matches!(byte, b'"' | b'\n' | b'\r')
}

/// The audit date: a TOML date, or the same date as a quoted `YYYY-MM-DD`.
fn audit_date(value: &toml::Value) -> Result<NaiveDate, String> {
    const EXPECTED: &str = "a date such as as_of = 2026-06-30 (or \"2026-06-30\")";
    match value {
        toml::Value::String(text) => crate::values::iso_date(text)
            .ok_or_else(|| format!("{text:?} is not a date as YYYY-MM-DD: expected {EXPECTED}")),
        toml::Value::Datetime(datetime) => match (datetime.date, datetime.time, datetime.offset) {
            (Some(d), None, None) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                    .ok_or_else(|| format!("{datetime} is not a date in the calendar"))
            }
            (Some(d), ..) => Err(format!(
                "{datetime} has a time of day; the audit date is a day: write {d}"
            )),
            (None, ..) => Err(format!("{datetime} is a time of day: expected {EXPECTED}")),
        },
        other => Err(format!(
            "a {} is not a date: expected {EXPECTED}",
            other.type_str()
        )),
    }
}

/// A scalar of the mapping file (a constant, a value map's target) as the text a cell
/// would hold: strings as written, numbers and booleans as TOML writes them, a date as
/// YYYY-MM-DD.
fn scalar_text(value: &toml::Value) -> Result<String, String> {
    match value {
        toml::Value::String(text) => Ok(text.clone()),
        toml::Value::Integer(n) => Ok(n.to_string()),
        toml::Value::Float(x) if x.is_finite() => Ok(x.to_string()),
        toml::Value::Boolean(b) => Ok(b.to_string()),
        toml::Value::Datetime(datetime) => match (datetime.date, datetime.time, datetime.offset) {
            (Some(d), None, None) => Ok(d.to_string()),
            _ => Err(format!("{datetime} has a time of day; give the date only")),
        },
        other => Err(format!(
            "expected one value (a string, number, boolean or date), got a {}",
            other.type_str()
        )),
    }
}

/// What a chrono pattern must do to read dates: write a date and read it back as the
/// same date. A pattern with an invalid specifier cannot write; one without a year,
/// month or day (`%d.%m`, `%H:%M`) cannot read a date back.
fn check_pattern(pattern: &str) -> Result<(), String> {
    use std::fmt::Write as _;
    // A day after the 12th, so day and month cannot stand in for each other, at a time
    // and offset, so patterns that hold them can write them.
    let sample = chrono::FixedOffset::east_opt(3600)
        .and_then(|offset| {
            NaiveDate::from_ymd_opt(2031, 11, 23)?
                .and_hms_opt(13, 45, 30)?
                .and_local_timezone(offset)
                .single()
        })
        .ok_or_else(|| "the sample date is not in the calendar".to_owned())?;
    let items: Vec<Item<'_>> = StrftimeItems::new(pattern).collect();
    if items.iter().any(|i| matches!(i, Item::Error)) {
        return Err(format!("{pattern:?} is not a valid chrono pattern"));
    }
    let mut written = String::new();
    if write!(written, "{}", sample.format_with_items(items.iter())).is_err() {
        return Err(format!("{pattern:?} cannot write a date"));
    }
    match NaiveDate::parse_from_str(&written, pattern) {
        Ok(read) if read == sample.date_naive() => Ok(()),
        _ => Err(format!(
            "{pattern:?} does not read a whole date (it reads {written:?} as no date or another one): it needs the year, the month and the day"
        )),
    }
}

/// The item ids of the instruments a survey file may hold, in words.
const SURVEY_ITEMS: &str = "who5.1-who5.5, cbi.personal.1-6, cbi.work.1-7, cbi.client.1-6";

/// Whether `item` is an item of WHO-5 or the CBI, the instruments a survey file holds.
fn is_survey_item(item: &str) -> bool {
    use remit_wellbeing::Instrument as _;
    let who5 = remit_wellbeing::Who5::new();
    let cbi = remit_wellbeing::Cbi::new();
    who5.items()
        .iter()
        .chain(cbi.items())
        .any(|i| i.id().as_str() == item)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    /// A TOML date or a quoted one, read by `audit_date`.
    as_of: toml::Value,
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
    values: BTreeMap<String, BTreeMap<String, toml::Value>>,
    #[serde(default)]
    constants: BTreeMap<String, toml::Value>,
    #[serde(default)]
    attributes: Vec<String>,
    #[serde(default)]
    wide: BTreeMap<String, String>,
    #[serde(default)]
    tools: BTreeMap<String, String>,
}
