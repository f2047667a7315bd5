//! The canonical tidy inputs: one schema per input (its columns, their types, which are
//! required), one row type per input, and the readers that turn a bound table into
//! those rows. Built-in profiles and mapping files only change how a file's headers and
//! values are bound; every file ends up as these rows, and the `to_*` modules build the
//! domains' records from them.
//!
//! `docs/data-formats.md` documents every column with an example row; the test
//! `schema_is_documented` checks the document names each column.

use std::io::Read;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::IntoDeserializer;

use crate::error::Problems;
use crate::intern::{Names, Sym};
use crate::table::{Cells, Column, Kind, Table, col};

/// The inputs remit reads, one canonical file each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Input {
    /// `people.csv`: one row per employee (current and former).
    People,
    /// `job_events.csv`: effective-dated job changes, for promotions.
    JobEvents,
    /// `promotions.csv`: the analysis-ready promotion table.
    Promotions,
    /// `assets.csv`: one row per asset.
    Assets,
    /// `asset_events.csv`: what happened to each asset, dated.
    AssetEvents,
    /// `benefits.csv`: the benefit catalogue, one row per benefit and price.
    Benefits,
    /// `enrolments.csv`: who receives which benefit.
    Enrolments,
    /// `exchange_rates.csv`: rates into one base currency.
    ExchangeRates,
    /// `tools.csv`: collaboration tools and their licences.
    Tools,
    /// `seats.csv`: who holds a seat in which tool, and when they last used it.
    Seats,
    /// `identity.csv`: how other systems name employees (work e-mail, pseudonymous ids).
    Identity,
    /// `teams.csv`: team membership and working hours.
    Teams,
    /// `responses.csv`: survey answers, one row per respondent and item.
    Responses,
    /// `signals_weekly.csv`: behavioural signals per person and week.
    Signals,
}

impl Input {
    /// Every input, in the order they are read.
    pub const ALL: [Input; 14] = [
        Input::People,
        Input::Identity,
        Input::JobEvents,
        Input::Promotions,
        Input::Assets,
        Input::AssetEvents,
        Input::Benefits,
        Input::Enrolments,
        Input::ExchangeRates,
        Input::Tools,
        Input::Seats,
        Input::Teams,
        Input::Responses,
        Input::Signals,
    ];

    /// The canonical file name (`people.csv`).
    pub const fn file_name(self) -> &'static str {
        match self {
            Input::People => "people.csv",
            Input::JobEvents => "job_events.csv",
            Input::Promotions => "promotions.csv",
            Input::Assets => "assets.csv",
            Input::AssetEvents => "asset_events.csv",
            Input::Benefits => "benefits.csv",
            Input::Enrolments => "enrolments.csv",
            Input::ExchangeRates => "exchange_rates.csv",
            Input::Tools => "tools.csv",
            Input::Seats => "seats.csv",
            Input::Identity => "identity.csv",
            Input::Teams => "teams.csv",
            Input::Responses => "responses.csv",
            Input::Signals => "signals_weekly.csv",
        }
    }

    /// The snake-case name used in mapping files (`asset_events`).
    pub const fn name(self) -> &'static str {
        match self {
            Input::People => "people",
            Input::JobEvents => "job_events",
            Input::Promotions => "promotions",
            Input::Assets => "assets",
            Input::AssetEvents => "asset_events",
            Input::Benefits => "benefits",
            Input::Enrolments => "enrolments",
            Input::ExchangeRates => "exchange_rates",
            Input::Tools => "tools",
            Input::Seats => "seats",
            Input::Identity => "identity",
            Input::Teams => "teams",
            Input::Responses => "responses",
            Input::Signals => "signals",
        }
    }

    /// The canonical columns of this input, in their documented order.
    pub const fn columns(self) -> &'static [Column] {
        match self {
            Input::People => people::COLUMNS,
            Input::JobEvents => job_events::COLUMNS,
            Input::Promotions => crate::promotion_csv::COLUMNS,
            Input::Assets => assets::COLUMNS,
            Input::AssetEvents => asset_events::COLUMNS,
            Input::Benefits => benefits::COLUMNS,
            Input::Enrolments => enrolments::COLUMNS,
            Input::ExchangeRates => exchange_rates::COLUMNS,
            Input::Tools => tools::COLUMNS,
            Input::Seats => seats::COLUMNS,
            Input::Identity => identity::COLUMNS,
            Input::Teams => teams::COLUMNS,
            Input::Responses => responses::COLUMNS,
            Input::Signals => signals::COLUMNS,
        }
    }
}

/// The canonical schemas as Markdown: per input, a table of its columns (type, whether
/// required, meaning, example) and an example row. `docs/data-formats.md` holds this
/// text verbatim (a test checks it), so the documentation cannot drift from the code.
pub fn schema_markdown() -> String {
    let mut out = String::new();
    for input in Input::ALL {
        out.push_str(&format!(
            "### `{}` (input `{}`)\n\n",
            input.file_name(),
            input.name()
        ));
        out.push_str("| column | type | required | meaning | example |\n|---|---|---|---|---|\n");
        for c in input.columns() {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} | {} |\n",
                c.name,
                c.kind.name(),
                if c.required { "yes" } else { "no" },
                c.meaning,
                if c.example.is_empty() {
                    String::new()
                } else {
                    format!("`{}`", c.example)
                }
            ));
        }
        let header: Vec<&str> = input.columns().iter().map(|c| c.name).collect();
        let example: Vec<String> = input
            .columns()
            .iter()
            .map(|c| {
                if c.example.contains([',', '"']) {
                    format!("\"{}\"", c.example.replace('"', "\"\""))
                } else {
                    c.example.to_owned()
                }
            })
            .collect();
        out.push_str(&format!(
            "\nExample:\n\n```csv\n{}\n{}\n```\n\n",
            header.join(","),
            example.join(",")
        ));
    }
    out
}

/// A value of an enum named as its serde (snake_case) name, e.g. `ergonomic_chair`;
/// spaces and dashes are read as underscores and case is ignored.
pub(crate) fn by_name<'de, T: Deserialize<'de>>(text: &str) -> Option<T> {
    let trimmed = text.trim();
    // A short ASCII name (every name remit knows) is rewritten on the stack.
    let mut buffer = [0u8; 40];
    if trimmed.is_ascii()
        && let Some(room) = buffer.get_mut(..trimmed.len())
    {
        for (to, from) in room.iter_mut().zip(trimmed.bytes()) {
            *to = match from {
                b' ' | b'-' => b'_',
                b => b.to_ascii_lowercase(),
            };
        }
        let key = std::str::from_utf8(room).ok()?;
        let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
            key.into_deserializer();
        return T::deserialize(de).ok();
    }
    by_name_general(text)
}

/// [`by_name`] through an owned key, for any text.
fn by_name_general<'de, T: Deserialize<'de>>(text: &str) -> Option<T> {
    let key: String = text
        .trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let de: serde::de::value::StringDeserializer<serde::de::value::Error> = key.into_deserializer();
    T::deserialize(de).ok()
}

/// Someone named by one of the keys a system has: the HR employee id, a work e-mail,
/// or a pseudonymous id (Viva Insights' hashed `PersonId`), each interned in the read's
/// [`Names`]. Resolved to an employee through the people and identity files, then
/// dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Who {
    Employee(Sym),
    Email(Sym),
    Pseudonym(Sym),
}

/// Reads the columns `employee`, `email` and `pseudonym` (whichever the file has) into a
/// [`Who`]; a problem naming the first column when none is set.
pub(crate) fn who<R: Read>(
    cells: &mut Cells<'_, R>,
    employee: usize,
    email: usize,
    pseudonym: usize,
) -> Option<Who> {
    if let Some(id) = cells.employee(employee) {
        return Some(Who::Employee(id));
    }
    if let Some(mail) = cells.email(email) {
        return Some(Who::Email(mail));
    }
    if let Some(p) = cells.pseudonym(pseudonym) {
        return Some(Who::Pseudonym(p));
    }
    cells.bad(
        employee,
        "",
        "an employee id (or, where the file has them, a work e-mail or a pseudonymous id)",
    );
    None
}

/// Reads every row of `table` with `row`, which returns `None` for a row it refused
/// (the problems are recorded); calls `sink` with each accepted row. Returns whether
/// the whole file was free of problems.
pub(crate) fn read_rows<R: Read, T>(
    mut table: Table<R>,
    problems: &mut Problems,
    names: &mut Names,
    mut row: impl FnMut(&mut Cells<'_, R>) -> Option<T>,
    mut sink: impl FnMut(T, u64),
) -> bool {
    while table.next(problems) {
        let line = table.line();
        let mut cells = Cells::new(&mut table, problems, names);
        let value = row(&mut cells);
        if let (Some(value), true) = (value, cells.ok) {
            sink(value, line);
        }
    }
    table.finish(problems)
}

const MODES: &str = "a work mode (onsite, hybrid or remote)";

pub(crate) fn work_mode<R: Read>(
    cells: &mut Cells<'_, R>,
    column: usize,
) -> Option<remit_core::WorkMode> {
    cells.vocabulary_required(column, MODES, "remote", parse_work_mode)
}

/// A work mode: the three canonical words directly, anything else through
/// [`remit_core::WorkMode`]'s parser (which knows the other spellings).
fn parse_work_mode(text: &str) -> Option<remit_core::WorkMode> {
    match text {
        "onsite" => Some(remit_core::WorkMode::Onsite),
        "hybrid" => Some(remit_core::WorkMode::Hybrid),
        "remote" => Some(remit_core::WorkMode::Remote),
        _ => text.parse().ok(),
    }
}

/// `people.csv`: one row per employee (id, work mode, country, time zone, level,
/// department, dates, manager); every other file refers to these ids.
pub mod people {
    use super::*;

    /// Column positions.
    pub(crate) const EMPLOYEE_ID: usize = 0;
    pub(crate) const WORK_MODE: usize = 1;
    pub(crate) const COUNTRY: usize = 2;
    pub(crate) const TIME_ZONE: usize = 3;
    pub(crate) const LEVEL: usize = 4;
    pub(crate) const DEPARTMENT: usize = 5;
    pub(crate) const MANAGER_ID: usize = 6;
    pub(crate) const HIRE_DATE: usize = 7;
    pub(crate) const TERMINATION_DATE: usize = 8;
    pub(crate) const EMAIL: usize = 9;
    pub(crate) const PERFORMANCE: usize = 10;

    /// The columns of `people.csv`.
    pub const COLUMNS: &[Column] = &[
        col(
            "employee_id",
            Kind::Id,
            true,
            "The HR system's employee id (BambooHR employee number, HiBob id in company, Workday Employee_ID).",
            "E-1001",
        ),
        col(
            "work_mode",
            Kind::Enum(&["onsite", "hybrid", "remote"]),
            true,
            "How the employee works; other spellings through a value map.",
            "remote",
        ),
        col(
            "country",
            Kind::Country,
            true,
            "The country the employee works from.",
            "PT",
        ),
        col(
            "time_zone",
            Kind::TimeZone,
            true,
            "The employee's working time zone.",
            "Europe/Lisbon",
        ),
        col(
            "level",
            Kind::Integer,
            true,
            "Job level, 0-255, higher is more senior (`L3` also reads as 3).",
            "3",
        ),
        col(
            "department",
            Kind::Text,
            true,
            "Department or function.",
            "Engineering",
        ),
        col(
            "manager_id",
            Kind::Id,
            false,
            "The manager's employee id; empty for the top of the tree.",
            "E-1000",
        ),
        col(
            "hire_date",
            Kind::Date,
            true,
            "First day of employment.",
            "2021-03-15",
        ),
        col(
            "termination_date",
            Kind::Date,
            false,
            "First day no longer employed; empty while employed.",
            "",
        ),
        col(
            "email",
            Kind::Email,
            false,
            "Work e-mail: joins files that only know e-mail; not kept after the join.",
            "ana@example.com",
        ),
        col(
            "performance",
            Kind::Number,
            false,
            "Latest performance rating, for promotions derived from job history.",
            "4",
        ),
    ];

    /// One employee as the people file has them.
    #[derive(Debug, Clone, PartialEq)]
    pub(crate) struct PersonRow {
        pub employee_id: Sym,
        pub work_mode: remit_core::WorkMode,
        pub country: remit_core::CountryCode,
        pub time_zone: chrono_tz::Tz,
        pub level: remit_core::JobLevel,
        pub department: remit_core::Department,
        pub manager_id: Option<Sym>,
        pub hire_date: NaiveDate,
        pub termination_date: Option<NaiveDate>,
        /// The work e-mail address, as its index in
        /// [`Names::people_emails`](crate::intern::Names::people_emails) while the files
        /// are read, then interned if another file (identity.csv included) names
        /// people by e-mail or an address repeats
        /// ([`Rows::settle_people_emails`](crate::read::Rows::settle_people_emails)).
        pub email: Option<Email>,
        pub performance: Option<f64>,
        pub attributes: Vec<(String, String)>,
    }

    /// A people row's e-mail address: kept as read, or interned as a join key.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(crate) enum Email {
        Kept(u32),
        Interned(Sym),
    }

    impl Email {
        /// The join key, once interned.
        pub(crate) fn sym(self) -> Option<Sym> {
            match self {
                Email::Interned(sym) => Some(sym),
                Email::Kept(_) => None,
            }
        }
    }

    pub(crate) fn row<R: Read>(c: &mut Cells<'_, R>) -> Option<PersonRow> {
        let employee_id = c.employee_required(EMPLOYEE_ID);
        let work_mode = work_mode(c, WORK_MODE);
        let country = c.memoised(
            COUNTRY,
            "an ISO 3166-1 alpha-2 country code",
            true,
            |n| &mut n.countries,
            |t| remit_core::CountryCode::new(t).ok(),
        );
        let time_zone = c.memoised(
            TIME_ZONE,
            "an IANA time zone such as Europe/Lisbon",
            true,
            |n| &mut n.zones,
            |t| t.parse().ok(),
        );
        let level = c.parsed_required(LEVEL, "a job level 0-255 (e.g. 3 or L3)", |t| {
            t.parse().ok()
        });
        // One name shared by all the employees of a department.
        let department = c.memoised(
            DEPARTMENT,
            "a department name",
            true,
            |n| &mut n.departments,
            |t| remit_core::Department::new(t).ok(),
        );
        let manager_id = c.employee(MANAGER_ID);
        let hire_date = c.date_required(HIRE_DATE);
        let termination_date = c.date(TERMINATION_DATE);
        let email = c.people_email(EMAIL).map(Email::Kept);
        let performance = c.number(PERFORMANCE);
        let attributes = c.attributes();
        Some(PersonRow {
            employee_id: employee_id?,
            work_mode: work_mode?,
            country: country?,
            time_zone: time_zone?,
            level: level?,
            department: department?,
            manager_id,
            hire_date: hire_date?,
            termination_date,
            email,
            performance,
            attributes,
        })
    }
}

/// `job_events.csv`: dated job-level changes per employee, from which promotions in the
/// window are derived.
pub mod job_events {
    use super::*;

    pub(crate) const EMPLOYEE_ID: usize = 0;
    pub(crate) const EFFECTIVE_DATE: usize = 1;
    pub(crate) const LEVEL: usize = 2;

    /// The columns of `job_events.csv`.
    pub const COLUMNS: &[Column] = &[
        col(
            "employee_id",
            Kind::Id,
            true,
            "The employee (as in people.csv).",
            "E-1001",
        ),
        col(
            "effective_date",
            Kind::Date,
            true,
            "When the change took effect.",
            "2025-09-01",
        ),
        col(
            "level",
            Kind::Integer,
            true,
            "Job level from this date on; a rise between consecutive rows of one employee is a promotion.",
            "4",
        ),
        col(
            "event",
            Kind::Text,
            false,
            "What the system called the change (hire, promotion, transfer...); informational: promotions are level rises, not labels.",
            "Promotion",
        ),
    ];

    /// One effective-dated job row.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub(crate) struct JobRow {
        pub employee_id: Sym,
        pub effective_date: NaiveDate,
        pub level: remit_core::JobLevel,
    }

    pub(crate) fn row<R: Read>(c: &mut Cells<'_, R>) -> Option<JobRow> {
        let employee_id = c.employee_required(EMPLOYEE_ID);
        let effective_date = c.date_required(EFFECTIVE_DATE);
        let level = c.parsed_required(LEVEL, "a job level 0-255 (e.g. 3 or L3)", |t| {
            t.parse().ok()
        });
        Some(JobRow {
            employee_id: employee_id?,
            effective_date: effective_date?,
            level: level?,
        })
    }
}

/// `assets.csv`: one row per asset (tag, category, purchase date, cost and currency, useful
/// life...).
pub mod assets {
    use super::*;

    pub(crate) const ASSET_TAG: usize = 0;
    pub(crate) const CATEGORY: usize = 1;
    pub(crate) const PURCHASE_DATE: usize = 2;
    pub(crate) const PURCHASE_COST: usize = 3;
    pub(crate) const CURRENCY: usize = 4;
    pub(crate) const USEFUL_LIFE_MONTHS: usize = 5;
    pub(crate) const WARRANTY_MONTHS: usize = 6;
    pub(crate) const SALVAGE_VALUE: usize = 7;
    pub(crate) const STORES_DATA: usize = 8;
    pub(crate) const ASSET_ID: usize = 9;

    pub(crate) const CATEGORIES: &[&str] = &[
        "laptop",
        "desktop",
        "phone",
        "tablet",
        "monitor",
        "headset",
        "webcam",
        "dock",
        "keyboard",
        "mouse",
        "ergonomic_chair",
        "desk",
    ];

    /// The columns of `assets.csv`.
    pub const COLUMNS: &[Column] = &[
        col(
            "asset_tag",
            Kind::Id,
            true,
            "The sticker on the asset.",
            "LT-2231",
        ),
        col(
            "category",
            Kind::Enum(CATEGORIES),
            true,
            "What it is.",
            "laptop",
        ),
        col(
            "purchase_date",
            Kind::Date,
            true,
            "When it was bought.",
            "2024-01-15",
        ),
        col(
            "purchase_cost",
            Kind::Decimal,
            true,
            "What it cost, in `currency`.",
            "1450.00",
        ),
        col(
            "currency",
            Kind::Currency,
            true,
            "The purchase currency (Snipe-IT has none per asset: set it in the mapping).",
            "EUR",
        ),
        col(
            "useful_life_months",
            Kind::Integer,
            true,
            "Depreciation life in months.",
            "36",
        ),
        col(
            "warranty_months",
            Kind::Integer,
            false,
            "Warranty from purchase, months (default 0).",
            "24",
        ),
        col(
            "salvage_value",
            Kind::Decimal,
            false,
            "Value at the end of its life (default 0).",
            "100",
        ),
        col(
            "stores_data",
            Kind::Bool,
            false,
            "Whether it holds storage media (default by category: laptops, desktops, phones, tablets).",
            "true",
        ),
        col(
            "asset_id",
            Kind::Id,
            false,
            "A stable id other than the tag (default: derived from the tag).",
            "",
        ),
    ];

    /// One asset.
    #[derive(Debug, Clone, PartialEq)]
    pub(crate) struct AssetRow {
        pub tag: remit_assets::AssetTag,
        /// The tag's text interned, for the events to find the asset by.
        pub tag_sym: Sym,
        pub category: remit_assets::Category,
        pub purchase_date: NaiveDate,
        pub cost: remit_core::Money,
        pub useful_life_months: u32,
        pub warranty_months: Option<u32>,
        pub salvage: Option<remit_core::Money>,
        pub stores_data: Option<bool>,
        pub asset_id: Option<String>,
    }

    pub(crate) fn row<R: Read>(c: &mut Cells<'_, R>) -> Option<AssetRow> {
        let tag = c.parsed_required(ASSET_TAG, "an asset tag of 1-64 characters", |t| {
            remit_assets::AssetTag::new(t).ok()
        });
        let tag_sym = match &tag {
            Some(t) => c.intern_tag(ASSET_TAG, t.as_str()),
            None => None,
        };
        let category = c.vocabulary_required(
            CATEGORY,
            "an asset category (laptop, desktop, phone, tablet, monitor, headset, webcam, dock, keyboard, mouse, ergonomic_chair, desk)",
            "laptop",
            category_named,
        );
        let purchase_date = c.date_required(PURCHASE_DATE);
        let amount = c.decimal_required(PURCHASE_COST);
        let currency = currency(c, CURRENCY, true);
        let useful_life_months =
            c.parsed_required(USEFUL_LIFE_MONTHS, "a whole number of months", |t| {
                t.parse().ok()
            });
        let warranty_months = c.integer(WARRANTY_MONTHS, "a whole number of months");
        let salvage = c.decimal(SALVAGE_VALUE);
        let stores_data = c.boolean(STORES_DATA);
        let asset_id = c.text(ASSET_ID);
        let currency = currency?;
        Some(AssetRow {
            tag: tag?,
            tag_sym: tag_sym?,
            category: category?,
            purchase_date: purchase_date?,
            cost: remit_core::Money::new(amount?, currency),
            useful_life_months: useful_life_months?,
            warranty_months,
            salvage: salvage.map(|s| remit_core::Money::new(s, currency)),
            stores_data,
            asset_id,
        })
    }

    /// The category a text names: an exact canonical name by a comparison with
    /// [`CATEGORIES`] (in [`Category::ALL`](remit_assets::Category::ALL)'s order),
    /// anything else through [`by_name`] (which gives the same for the exact names, and
    /// reads other cases and spellings).
    fn category_named(text: &str) -> Option<remit_assets::Category> {
        match CATEGORIES.iter().position(|name| *name == text) {
            Some(i) => remit_assets::Category::ALL.get(i).copied(),
            None => by_name(text),
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// The canonical names are the categories' serde names, in `Category::ALL`'s
        /// order, so the comparison gives what the serde path gives.
        #[test]
        fn category_names_read_as_serde_reads_them() {
            assert_eq!(CATEGORIES.len(), remit_assets::Category::ALL.len());
            for (name, want) in CATEGORIES.iter().zip(remit_assets::Category::ALL) {
                assert_eq!(by_name::<remit_assets::Category>(name), Some(want));
                assert_eq!(category_named(name), Some(want));
                assert_eq!(category_named(&name.to_uppercase()), Some(want));
            }
            assert_eq!(
                category_named("Ergonomic Chair"),
                Some(remit_assets::Category::ErgonomicChair)
            );
            assert_eq!(category_named("toaster"), None);
        }
    }
}

pub(crate) fn currency<R: Read>(
    c: &mut Cells<'_, R>,
    column: usize,
    required: bool,
) -> Option<remit_core::Currency> {
    c.memoised(
        column,
        "an ISO 4217 currency code",
        required,
        |n| &mut n.currencies,
        |t| remit_core::Currency::new(t).ok(),
    )
}

/// `asset_events.csv`: each asset's dated lifecycle events (shipped, assigned, returned,
/// sanitised...), replayed into its history.
pub mod asset_events {
    use super::*;

    pub(crate) const ASSET_TAG: usize = 0;
    pub(crate) const OCCURRED_ON: usize = 1;
    pub(crate) const EVENT: usize = 2;
    pub(crate) const EMPLOYEE_ID: usize = 3;
    pub(crate) const EMAIL: usize = 4;
    pub(crate) const DUE_ON: usize = 5;
    pub(crate) const REASON: usize = 6;
    pub(crate) const COST: usize = 7;
    pub(crate) const CURRENCY: usize = 8;
    pub(crate) const CARRIER: usize = 9;
    pub(crate) const TRACKING: usize = 10;
    pub(crate) const DESTINATION: usize = 11;
    pub(crate) const SANITISE_METHOD: usize = 12;
    pub(crate) const SANITISE_TECHNIQUE: usize = 13;
    pub(crate) const VERIFICATION: usize = 14;
    pub(crate) const PERFORMED_BY: usize = 15;
    pub(crate) const VERIFIED_BY: usize = 16;
    pub(crate) const SANITISE_TOOL: usize = 17;
    pub(crate) const CERTIFICATE: usize = 18;
    pub(crate) const EVENT_ID: usize = 19;

    /// The event names `asset_events.csv` accepts.
    pub const EVENTS: &[&str] = &[
        "received",
        "reserved",
        "reservation_cancelled",
        "shipped",
        "delivered",
        "assigned",
        "return_requested",
        "checked_in",
        "repair_flagged",
        "repair_started",
        "repair_completed",
        "sanitised",
        "disposal_marked",
        "retired",
        "reported_missing",
        "recovered",
        "written_off",
        "audited",
    ];

    /// The columns of `asset_events.csv`.
    pub const COLUMNS: &[Column] = &[
        col(
            "asset_tag",
            Kind::Id,
            true,
            "The asset (as in assets.csv).",
            "LT-2231",
        ),
        col(
            "occurred_on",
            Kind::Date,
            true,
            "When it happened.",
            "2024-01-17",
        ),
        col(
            "event",
            Kind::Enum(EVENTS),
            true,
            "What happened.",
            "assigned",
        ),
        col(
            "employee_id",
            Kind::Id,
            false,
            "Who it was reserved for, assigned or gifted to, or shipped to.",
            "E-1001",
        ),
        col(
            "email",
            Kind::Email,
            false,
            "The same person by work e-mail, when the system has no employee id.",
            "",
        ),
        col(
            "due_on",
            Kind::Date,
            false,
            "return_requested: the return deadline.",
            "",
        ),
        col(
            "reason",
            Kind::Text,
            false,
            "return_requested: offboarding, refresh or repair; reported_missing: lost or stolen; retired: disposed, sold, donated, recycled, vendor_credit or gifted_to_employee.",
            "",
        ),
        col(
            "cost",
            Kind::Decimal,
            false,
            "repair_completed or shipped: what it cost.",
            "",
        ),
        col(
            "currency",
            Kind::Currency,
            false,
            "The currency of `cost`.",
            "",
        ),
        col("carrier", Kind::Text, false, "shipped: the carrier.", ""),
        col(
            "tracking",
            Kind::Text,
            false,
            "shipped: the tracking number.",
            "",
        ),
        col(
            "destination",
            Kind::Enum(&["employee", "depot"]),
            false,
            "shipped: to the employee named, or back to a depot (default: employee when one is named).",
            "",
        ),
        col(
            "sanitise_method",
            Kind::Enum(&["clear", "purge", "destroy"]),
            false,
            "sanitised: the NIST SP 800-88 method.",
            "",
        ),
        col(
            "sanitise_technique",
            Kind::Text,
            false,
            "sanitised: the technique (crypto erase, overwrite, shred).",
            "",
        ),
        col(
            "verification",
            Kind::Enum(&["full", "sampling", "tool_report", "inspection"]),
            false,
            "sanitised: how it was verified.",
            "",
        ),
        col(
            "performed_by",
            Kind::Text,
            false,
            "sanitised: who did it; written_off: who approved the write-off (a team, vendor or role, not a person's name).",
            "",
        ),
        col(
            "verified_by",
            Kind::Text,
            false,
            "sanitised: who verified it.",
            "",
        ),
        col(
            "sanitise_tool",
            Kind::Text,
            false,
            "sanitised: the tool used.",
            "",
        ),
        col(
            "certificate",
            Kind::Text,
            false,
            "sanitised: the certificate reference; written_off: the case reference (investigation, police report, claim).",
            "",
        ),
        col(
            "event_id",
            Kind::Id,
            false,
            "The source system's id of the event, used as its idempotency key (default: derived from the asset and the event's position).",
            "",
        ),
    ];

    /// What happened to an asset: one of [`EVENTS`], by position (the names are
    /// the public list; this is how rows hold them, one byte each).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(crate) enum EventKind {
        Received,
        Reserved,
        ReservationCancelled,
        Shipped,
        Delivered,
        Assigned,
        ReturnRequested,
        CheckedIn,
        RepairFlagged,
        RepairStarted,
        RepairCompleted,
        Sanitised,
        DisposalMarked,
        Retired,
        ReportedMissing,
        Recovered,
        WrittenOff,
        Audited,
    }

    impl EventKind {
        /// Every kind, in the order of [`EVENTS`].
        #[cfg(test)]
        pub(crate) const ALL: [EventKind; 18] = [
            EventKind::Received,
            EventKind::Reserved,
            EventKind::ReservationCancelled,
            EventKind::Shipped,
            EventKind::Delivered,
            EventKind::Assigned,
            EventKind::ReturnRequested,
            EventKind::CheckedIn,
            EventKind::RepairFlagged,
            EventKind::RepairStarted,
            EventKind::RepairCompleted,
            EventKind::Sanitised,
            EventKind::DisposalMarked,
            EventKind::Retired,
            EventKind::ReportedMissing,
            EventKind::Recovered,
            EventKind::WrittenOff,
            EventKind::Audited,
        ];

        /// The name, as in [`EVENTS`].
        pub(crate) fn name(self) -> &'static str {
            EVENTS.get(self as usize).copied().unwrap_or("")
        }

        /// The kind an exact canonical name is, without searching.
        fn exact(text: &str) -> Option<Self> {
            Some(match text {
                "received" => Self::Received,
                "reserved" => Self::Reserved,
                "reservation_cancelled" => Self::ReservationCancelled,
                "shipped" => Self::Shipped,
                "delivered" => Self::Delivered,
                "assigned" => Self::Assigned,
                "return_requested" => Self::ReturnRequested,
                "checked_in" => Self::CheckedIn,
                "repair_flagged" => Self::RepairFlagged,
                "repair_started" => Self::RepairStarted,
                "repair_completed" => Self::RepairCompleted,
                "sanitised" => Self::Sanitised,
                "disposal_marked" => Self::DisposalMarked,
                "retired" => Self::Retired,
                "reported_missing" => Self::ReportedMissing,
                "recovered" => Self::Recovered,
                "written_off" => Self::WrittenOff,
                "audited" => Self::Audited,
                _ => return None,
            })
        }
    }

    /// One event, with what it carries (the rarely set fields boxed, so that ten
    /// million events stay small: 32 bytes).
    #[derive(Debug, Clone, PartialEq)]
    pub(crate) struct AssetEventRow {
        pub tag: Sym,
        pub on: NaiveDate,
        pub event: EventKind,
        pub who: Option<Who>,
        pub extra: Option<Box<Extra>>,
    }

    /// The fields only some events carry.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub(crate) struct Extra {
        pub due_on: Option<NaiveDate>,
        pub reason: Option<String>,
        pub cost: Option<remit_core::Money>,
        pub carrier: Option<String>,
        pub tracking: Option<String>,
        pub to_depot: bool,
        pub sanitise: Option<Sanitise>,
        /// written_off: who approved it (`performed_by`) and the case reference
        /// (`certificate`).
        pub approved_by: Option<String>,
        pub case_reference: Option<String>,
        /// The source system's id of the event.
        pub event_id: Option<String>,
    }

    /// A sanitisation record's fields.
    #[derive(Debug, Clone, PartialEq)]
    pub(crate) struct Sanitise {
        pub method: remit_assets::SanitisationMethod,
        pub technique: String,
        pub verification: remit_assets::Verification,
        pub performed_by: String,
        pub verified_by: Option<String>,
        pub tool: Option<String>,
        pub certificate: Option<String>,
    }

    /// The kind an event's text names: `Some(None)` for `-` (a left-out action), the
    /// exact canonical name, or the name in another case or with spaces or dashes.
    fn event_kind(text: &str) -> Option<Option<EventKind>> {
        if text == "-" {
            return Some(None);
        }
        if let Some(kind) = EventKind::exact(text) {
            return Some(Some(kind));
        }
        let key = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        EventKind::exact(&key).map(Some)
    }

    /// The columns an event only sometimes has (all but tag, date, event, employee and
    /// e-mail): when a file has none of them, the row is read without looking at them.
    const EXTRA_COLUMNS: std::ops::Range<usize> = DUE_ON..EVENT_ID + 1;

    /// One row: `Some(None)` for a record-keeping action left out (an event mapped to
    /// `-`, its other fields still checked).
    pub(crate) fn row<R: Read>(c: &mut Cells<'_, R>) -> Option<Option<AssetEventRow>> {
        let tag = c.tag_required(ASSET_TAG);
        let on = c.date_required(OCCURRED_ON);
        let event = c.vocabulary_required(
            EVENT,
            "an asset event (received, shipped, delivered, assigned, return_requested, checked_in, sanitised, retired, reported_missing, audited, ...)",
            "assigned",
            event_kind,
        );
        let who = match c.employee(EMPLOYEE_ID) {
            Some(id) => Some(Who::Employee(id)),
            None => c.email(EMAIL).map(Who::Email),
        };
        let extra = if c.any_bound(EXTRA_COLUMNS) {
            extra(c)?.map(Box::new)
        } else {
            None
        };
        let (tag, on, event) = (tag?, on?, event?);
        Some(event.map(|event| AssetEventRow {
            tag,
            on,
            event,
            who,
            extra,
        }))
    }

    /// The fields only some events carry; `Some(None)` when the row has none of them,
    /// `None` when one is invalid (recorded).
    fn extra<R: Read>(c: &mut Cells<'_, R>) -> Option<Option<Extra>> {
        let mut extra = Extra {
            due_on: c.date(DUE_ON),
            reason: c.with_text(REASON, |t| t.to_ascii_lowercase().replace([' ', '-'], "_")),
            ..Extra::default()
        };
        let amount = c.decimal(COST);
        let currency = currency(c, CURRENCY, false);
        extra.cost = match (amount, currency) {
            (Some(a), Some(cur)) => Some(remit_core::Money::new(a, cur)),
            (None, None) => None,
            (Some(_), None) => {
                c.bad(CURRENCY, "", "a currency with `cost`");
                None
            }
            (None, Some(_)) => {
                c.bad(COST, "", "an amount with `currency`");
                None
            }
        };
        extra.carrier = c.text(CARRIER);
        extra.tracking = c.text(TRACKING);
        extra.to_depot = c
            .parsed(DESTINATION, "employee or depot", |t| {
                match t.to_ascii_lowercase().as_str() {
                    "depot" => Some(true),
                    "employee" => Some(false),
                    _ => None,
                }
            })
            .unwrap_or(false);
        let method = c.parsed(SANITISE_METHOD, "clear, purge or destroy", by_name);
        extra.sanitise = match method {
            None => {
                extra.approved_by = c.text(PERFORMED_BY);
                extra.case_reference = c.text(CERTIFICATE);
                None
            }
            Some(method) => {
                let technique = c.required(SANITISE_TECHNIQUE);
                let verification = c.parsed_required(
                    VERIFICATION,
                    "full, sampling, tool_report or inspection",
                    by_name,
                );
                let performed_by = c.required(PERFORMED_BY);
                Some(Sanitise {
                    method,
                    technique: technique?,
                    verification: verification?,
                    performed_by: performed_by?,
                    verified_by: c.text(VERIFIED_BY),
                    tool: c.text(SANITISE_TOOL),
                    certificate: c.text(CERTIFICATE),
                })
            }
        };
        extra.event_id = c.text(EVENT_ID);
        Some((extra != Extra::default()).then_some(extra))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// The one-byte event kinds name exactly the public list, in its order.
        #[test]
        fn event_kinds_are_the_public_event_names() {
            assert_eq!(EventKind::ALL.len(), EVENTS.len());
            for (i, (kind, name)) in EventKind::ALL.iter().zip(EVENTS).enumerate() {
                assert_eq!(*kind as usize, i);
                assert_eq!(kind.name(), *name);
            }
        }

        /// The match on exact names gives what a search of [`EVENTS`] (exact, then
        /// normalised) gives, for every name and spelling variants of it.
        #[test]
        fn event_texts_read_as_a_search_of_the_names_reads_them() {
            let search = |text: &str| -> Option<Option<&'static str>> {
                if text == "-" {
                    return Some(None);
                }
                if let Some(e) = EVENTS.iter().find(|e| **e == text) {
                    return Some(Some(e));
                }
                let key = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
                EVENTS.iter().find(|e| **e == key).map(|e| Some(*e))
            };
            let mut texts: Vec<String> = vec!["-".into(), "".into(), " - ".into(), "moved".into()];
            for name in EVENTS {
                texts.push((*name).to_owned());
                texts.push(name.to_uppercase());
                texts.push(name.replace('_', " "));
                texts.push(name.replace('_', "-"));
                texts.push(format!(" {name} "));
                texts.push(format!("{name}s"));
            }
            for text in &texts {
                assert_eq!(
                    event_kind(text).map(|k| k.map(EventKind::name)),
                    search(text),
                    "{text:?}"
                );
            }
        }
    }
}

/// `benefits.csv`: the benefit catalogue, one row per benefit (id, name, category, eligible
/// work modes, valuation).
pub mod benefits {
    use super::*;

    pub(crate) const BENEFIT_ID: usize = 0;
    pub(crate) const NAME: usize = 1;
    pub(crate) const CATEGORY: usize = 2;
    pub(crate) const ELIGIBLE_MODES: usize = 3;
    pub(crate) const VALUATION: usize = 4;
    pub(crate) const AMOUNT: usize = 5;
    pub(crate) const CURRENCY: usize = 6;
    pub(crate) const USES_PER_YEAR: usize = 7;
    pub(crate) const PRICE_COUNTRY: usize = 8;
    pub(crate) const PRORATION: usize = 9;
    pub(crate) const TAX_TREATMENT: usize = 10;
    pub(crate) const COUNTRIES: usize = 11;
    pub(crate) const MIN_LEVEL: usize = 12;
    pub(crate) const MAX_LEVEL: usize = 13;
    pub(crate) const MIN_TENURE_MONTHS: usize = 14;
    pub(crate) const PAIRED_WITH: usize = 15;

    /// The columns of `benefits.csv`.
    pub const COLUMNS: &[Column] = &[
        col(
            "benefit_id",
            Kind::Id,
            true,
            "The benefit's id; several rows with one id give its prices in several countries.",
            "canteen",
        ),
        col("name", Kind::Text, true, "Its name.", "Subsidised canteen"),
        col(
            "category",
            Kind::Enum(&[
                "meals",
                "fitness",
                "commute",
                "parking",
                "home_office",
                "internet",
                "coworking",
                "wellness",
                "learning",
                "childcare",
                "health",
                "social",
                "other",
            ]),
            true,
            "What kind of benefit.",
            "meals",
        ),
        col(
            "eligible_modes",
            Kind::Text,
            true,
            "Work modes that may receive it, separated by spaces, `;` or `|`.",
            "onsite hybrid",
        ),
        col(
            "valuation",
            Kind::Enum(&["annual", "per_use"]),
            true,
            "A fixed annual cost, or a cost per use times uses per year.",
            "per_use",
        ),
        col(
            "amount",
            Kind::Decimal,
            true,
            "The annual cost, or the cost of one use.",
            "6.50",
        ),
        col(
            "currency",
            Kind::Currency,
            true,
            "The currency of `amount`.",
            "EUR",
        ),
        col(
            "uses_per_year",
            Kind::Decimal,
            false,
            "per_use: expected uses per year.",
            "220",
        ),
        col(
            "price_country",
            Kind::Country,
            false,
            "The country this price applies to; empty for the default price.",
            "",
        ),
        col(
            "proration",
            Kind::Enum(&["none", "by_office_days"]),
            false,
            "Whether its value follows office attendance (default none).",
            "by_office_days",
        ),
        col(
            "tax_treatment",
            Kind::Enum(&[
                "taxable_stipend",
                "taxable_in_kind",
                "tax_free_reimbursement",
                "tax_free_in_kind",
            ]),
            false,
            "How the employee is taxed on it (default taxable_stipend).",
            "tax_free_in_kind",
        ),
        col(
            "countries",
            Kind::Text,
            false,
            "Only these countries (ISO codes separated by spaces, `;` or `|`); empty for all.",
            "",
        ),
        col(
            "min_level",
            Kind::Integer,
            false,
            "Lowest eligible level.",
            "",
        ),
        col(
            "max_level",
            Kind::Integer,
            false,
            "Highest eligible level.",
            "",
        ),
        col(
            "min_tenure_months",
            Kind::Integer,
            false,
            "Months of tenure before eligible (default 0).",
            "",
        ),
        col(
            "paired_with",
            Kind::Id,
            false,
            "For an onsite perk: the benefit id of its remote counterpart(s), separated by spaces, `;` or `|`.",
            "meal-stipend",
        ),
    ];

    /// One benefit price row.
    #[derive(Debug, Clone, PartialEq)]
    pub(crate) struct BenefitRow {
        pub benefit_id: String,
        pub name: String,
        pub category: remit_benefits::BenefitCategory,
        pub modes: Vec<remit_core::WorkMode>,
        pub valuation: remit_benefits::Valuation,
        pub price_country: Option<remit_core::CountryCode>,
        pub proration: remit_benefits::Proration,
        pub tax: remit_benefits::TaxTreatment,
        pub countries: Option<Vec<remit_core::CountryCode>>,
        pub min_level: Option<u8>,
        pub max_level: Option<u8>,
        pub min_tenure_months: u32,
        pub paired_with: Vec<String>,
    }

    pub(crate) use crate::values::list;

    pub(crate) fn row<R: Read>(c: &mut Cells<'_, R>) -> Option<BenefitRow> {
        let benefit_id = c.required(BENEFIT_ID);
        let name = c.required(NAME);
        let category = c.vocabulary_required(CATEGORY, "a benefit category (meals, fitness, commute, parking, home_office, internet, coworking, wellness, learning, childcare, health, social, other)", "other", by_name);
        let modes = c.parsed_required(
            ELIGIBLE_MODES,
            "work modes (onsite, hybrid, remote) separated by spaces",
            crate::values::work_modes,
        );
        let kind = c.parsed_required(VALUATION, "annual or per_use", |t| {
            match t.to_ascii_lowercase().replace([' ', '-'], "_").as_str() {
                "annual" => Some(false),
                "per_use" => Some(true),
                _ => None,
            }
        });
        let amount = c.decimal_required(AMOUNT);
        let currency = currency(c, CURRENCY, true);
        let uses = c.decimal(USES_PER_YEAR);
        let price_country = c.parsed(PRICE_COUNTRY, "an ISO 3166-1 alpha-2 country code", |t| {
            remit_core::CountryCode::new(t).ok()
        });
        let proration = c
            .parsed(PRORATION, "none or by_office_days", by_name)
            .unwrap_or_default();
        let tax = c
            .parsed(
                TAX_TREATMENT,
                "taxable_stipend, taxable_in_kind, tax_free_reimbursement or tax_free_in_kind",
                by_name,
            )
            .unwrap_or(remit_benefits::TaxTreatment::TaxableStipend);
        let countries = c.parsed(
            COUNTRIES,
            "ISO 3166-1 alpha-2 codes separated by spaces",
            crate::values::country_codes,
        );
        let min_level = c.integer(MIN_LEVEL, "a job level 0-255");
        let max_level = c.integer(MAX_LEVEL, "a job level 0-255");
        let min_tenure_months = c
            .integer(MIN_TENURE_MONTHS, "a whole number of months")
            .unwrap_or(0);
        let paired_with = c
            .with_text(PAIRED_WITH, |t| list(t).map(str::to_owned).collect())
            .unwrap_or_default();
        let valuation = match (kind?, amount, currency) {
            (false, Some(a), Some(cur)) => {
                remit_benefits::Valuation::annual(remit_core::Money::new(a, cur))
            }
            (true, Some(a), Some(cur)) => match uses {
                Some(u) => remit_benefits::Valuation::per_use(remit_core::Money::new(a, cur), u),
                None => {
                    c.bad(USES_PER_YEAR, "", "uses per year for a per_use valuation");
                    return None;
                }
            },
            _ => return None,
        };
        Some(BenefitRow {
            benefit_id: benefit_id?,
            name: name?,
            category: category?,
            modes: modes?,
            valuation,
            price_country,
            proration,
            tax,
            countries,
            min_level,
            max_level,
            min_tenure_months,
            paired_with,
        })
    }
}

/// `enrolments.csv`: who receives which benefit, with uses per year, office days and start
/// date.
pub mod enrolments {
    use super::*;

    pub(crate) const EMPLOYEE_ID: usize = 0;
    pub(crate) const EMAIL: usize = 1;
    pub(crate) const BENEFIT_ID: usize = 2;
    pub(crate) const USES_PER_YEAR: usize = 3;
    pub(crate) const OFFICE_DAYS: usize = 4;
    pub(crate) const START_DATE: usize = 5;
    pub(crate) const END_DATE: usize = 6;
    pub(crate) const PSEUDONYM: usize = 7;

    /// The columns of `enrolments.csv`.
    pub const COLUMNS: &[Column] = &[
        col(
            "employee_id",
            Kind::Id,
            false,
            "The employee (or give `email`).",
            "E-1001",
        ),
        col(
            "email",
            Kind::Email,
            false,
            "The employee's work e-mail, when the file has no employee id.",
            "",
        ),
        col(
            "benefit_id",
            Kind::Id,
            true,
            "The benefit (as in benefits.csv).",
            "canteen",
        ),
        col(
            "uses_per_year",
            Kind::Decimal,
            false,
            "The employee's actual uses per year of a per_use benefit.",
            "180",
        ),
        col(
            "office_days",
            Kind::Decimal,
            false,
            "The employee's office days per week, 0-7 (the same on all their rows).",
            "3",
        ),
        col(
            "start_date",
            Kind::Date,
            false,
            "First day of the enrolment; later ones are not yet current and are left out.",
            "",
        ),
        col(
            "end_date",
            Kind::Date,
            false,
            "Last day of the enrolment; ended ones are left out.",
            "",
        ),
        col(
            "pseudonym",
            Kind::Id,
            false,
            "A pseudonymous id mapped in identity.csv.",
            "",
        ),
    ];

    /// One enrolment.
    #[derive(Debug, Clone, PartialEq)]
    pub(crate) struct EnrolmentRow {
        pub who: Who,
        pub benefit_id: String,
        pub uses_per_year: Option<Decimal>,
        pub office_days: Option<Decimal>,
        pub start_date: Option<NaiveDate>,
        pub end_date: Option<NaiveDate>,
    }

    pub(crate) fn row<R: Read>(c: &mut Cells<'_, R>) -> Option<EnrolmentRow> {
        let who = who(c, EMPLOYEE_ID, EMAIL, PSEUDONYM);
        let benefit_id = c.required(BENEFIT_ID);
        let uses_per_year = c.decimal(USES_PER_YEAR);
        let office_days = c.decimal(OFFICE_DAYS);
        let start_date = c.date(START_DATE);
        let end_date = c.date(END_DATE);
        Some(EnrolmentRow {
            who: who?,
            benefit_id: benefit_id?,
            uses_per_year,
            office_days,
            start_date,
            end_date,
        })
    }
}

/// `exchange_rates.csv`: one rate per currency into the base currency.
pub mod exchange_rates {
    use super::*;

    pub(crate) const CURRENCY: usize = 0;
    pub(crate) const BASE: usize = 1;
    pub(crate) const RATE: usize = 2;

    /// The columns of `exchange_rates.csv`.
    pub const COLUMNS: &[Column] = &[
        col(
            "currency",
            Kind::Currency,
            true,
            "The currency converted.",
            "GBP",
        ),
        col(
            "base",
            Kind::Currency,
            true,
            "The base currency every row converts into (one per file).",
            "EUR",
        ),
        col(
            "rate",
            Kind::Decimal,
            true,
            "Units of `base` per unit of `currency`.",
            "1.17",
        ),
    ];

    /// One rate.
    #[derive(Debug, Clone, PartialEq)]
    pub(crate) struct RateRow {
        pub currency: remit_core::Currency,
        pub base: remit_core::Currency,
        pub rate: Decimal,
    }

    pub(crate) fn row<R: Read>(c: &mut Cells<'_, R>) -> Option<RateRow> {
        let currency = currency(c, CURRENCY, true);
        let base = super::currency(c, BASE, true);
        let rate = c.decimal_required(RATE);
        Some(RateRow {
            currency: currency?,
            base: base?,
            rate: rate?,
        })
    }
}

/// `tools.csv`: one row per collaboration tool (id, name, category, sync level,
/// capabilities, licence).
pub mod tools {
    use super::*;

    pub(crate) const TOOL_ID: usize = 0;
    pub(crate) const NAME: usize = 1;
    pub(crate) const CATEGORY: usize = 2;
    pub(crate) const SYNC_LEVEL: usize = 3;
    pub(crate) const ENABLED: usize = 4;
    pub(crate) const AVAILABLE: usize = 5;
    pub(crate) const SEATS: usize = 6;
    pub(crate) const PRICE_PER_SEAT: usize = 7;
    pub(crate) const CURRENCY: usize = 8;
    pub(crate) const BILLING: usize = 9;
    pub(crate) const RENEWAL_DATE: usize = 10;
    pub(crate) const CHAT_RETENTION_DAYS: usize = 11;

    /// The columns of `tools.csv`.
    pub const COLUMNS: &[Column] = &[
        col(
            "tool_id",
            Kind::Id,
            true,
            "The tool's id, as seat files name it.",
            "teams",
        ),
        col("name", Kind::Text, true, "Its name.", "Microsoft Teams"),
        col(
            "category",
            Kind::Enum(&[
                "chat",
                "video",
                "docs",
                "wiki",
                "tracker",
                "whiteboard",
                "email",
                "calendar",
                "async_video",
                "files",
                "other",
            ]),
            true,
            "What it is for.",
            "chat",
        ),
        col(
            "sync_level",
            Kind::Enum(&[
                "asynchronous",
                "mostly_async",
                "mixed",
                "mostly_sync",
                "synchronous",
            ]),
            false,
            "How synchronous its use is (default mixed).",
            "mixed",
        ),
        col(
            "enabled",
            Kind::Text,
            false,
            "Capabilities switched on, separated by spaces, `;` or `|` (threads, sso, scim, enforced_mfa, audit_log, ...).",
            "threads sso scim enforced_mfa audit_log",
        ),
        col(
            "available",
            Kind::Text,
            false,
            "Capabilities its plan offers (default: the enabled ones).",
            "",
        ),
        col(
            "seats",
            Kind::Integer,
            false,
            "Seats bought; empty for an unlicensed tool.",
            "2100",
        ),
        col(
            "price_per_seat",
            Kind::Decimal,
            false,
            "Price per seat per billing period.",
            "4.00",
        ),
        col(
            "currency",
            Kind::Currency,
            false,
            "The currency of the price.",
            "USD",
        ),
        col(
            "billing",
            Kind::Enum(&["monthly", "annual"]),
            false,
            "How often the price is charged.",
            "monthly",
        ),
        col(
            "renewal_date",
            Kind::Date,
            false,
            "When the licence renews.",
            "2026-11-01",
        ),
        col(
            "chat_retention_days",
            Kind::Integer,
            false,
            "Days chat history is kept, if limited.",
            "",
        ),
    ];

    /// One tool.
    #[derive(Debug, Clone, PartialEq)]
    pub(crate) struct ToolRow {
        pub tool_id: String,
        pub name: String,
        pub category: remit_collab_tools::inventory::Category,
        pub sync_level: Option<remit_collab_tools::inventory::SyncLevel>,
        pub enabled: Vec<remit_collab_tools::inventory::Capability>,
        pub available: Option<Vec<remit_collab_tools::inventory::Capability>>,
        pub licence: Option<remit_collab_tools::inventory::Licence>,
        pub chat_retention_days: Option<u32>,
    }

    fn capabilities(text: &str) -> Option<Vec<remit_collab_tools::inventory::Capability>> {
        benefits::list(text).map(by_name).collect()
    }

    pub(crate) fn row<R: Read>(c: &mut Cells<'_, R>) -> Option<ToolRow> {
        const CAPS: &str = "capability names (threads, sso, scim, enforced_mfa, audit_log, persistent_searchable_history, ...) separated by spaces";
        let tool_id = c.required(TOOL_ID);
        let name = c.required(NAME);
        let category = c.vocabulary_required(CATEGORY, "a tool category (chat, video, docs, wiki, tracker, whiteboard, email, calendar, async_video, files, other)", "other", by_name);
        let sync_level = c.parsed(
            SYNC_LEVEL,
            "asynchronous, mostly_async, mixed, mostly_sync or synchronous",
            by_name,
        );
        let enabled = c.parsed(ENABLED, CAPS, capabilities).unwrap_or_default();
        let available = c.parsed(AVAILABLE, CAPS, capabilities);
        let seats: Option<u32> = c.integer(SEATS, "a whole number of seats");
        let price = c.decimal(PRICE_PER_SEAT);
        let currency = currency(c, CURRENCY, false);
        let billing = c.parsed(BILLING, "monthly or annual", by_name);
        let renewal = c.date(RENEWAL_DATE);
        let chat_retention_days = c.integer(CHAT_RETENTION_DAYS, "a whole number of days");
        let licence = match (seats, price, currency, billing, renewal) {
            (None, None, None, None, None) => None,
            (Some(n), Some(p), Some(cur), Some(b), Some(r)) => {
                match remit_collab_tools::inventory::Licence::new(
                    n,
                    remit_core::Money::new(p, cur),
                    b,
                    r,
                ) {
                    Ok(l) => Some(l),
                    Err(e) => {
                        c.bad(PRICE_PER_SEAT, &p.to_string(), e.to_string());
                        None
                    }
                }
            }
            _ => {
                c.refuse("a licence needs all of `seats`, `price_per_seat`, `currency`, `billing` and `renewal_date` (or none of them, for an unlicensed tool)");
                None
            }
        };
        Some(ToolRow {
            tool_id: tool_id?,
            name: name?,
            category: category?,
            sync_level,
            enabled,
            available,
            licence,
            chat_retention_days,
        })
    }
}

/// `seats.csv`: who holds a seat on which tool, and when they were last active in it.
pub mod seats {
    use super::*;

    pub(crate) const TOOL_ID: usize = 0;
    pub(crate) const EMPLOYEE_ID: usize = 1;
    pub(crate) const EMAIL: usize = 2;
    pub(crate) const LAST_ACTIVE: usize = 3;
    pub(crate) const PSEUDONYM: usize = 4;

    /// The columns of `seats.csv`.
    pub const COLUMNS: &[Column] = &[
        col(
            "tool_id",
            Kind::Id,
            true,
            "The tool (as in tools.csv).",
            "teams",
        ),
        col(
            "employee_id",
            Kind::Id,
            false,
            "The seat holder (or give `email`).",
            "",
        ),
        col(
            "email",
            Kind::Email,
            false,
            "The seat holder's work e-mail, when the system has no employee id.",
            "ana@example.com",
        ),
        col(
            "last_active",
            Kind::Date,
            false,
            "Their last activity in the tool; empty: never used.",
            "2026-06-12",
        ),
        col(
            "pseudonym",
            Kind::Id,
            false,
            "A pseudonymous id mapped in identity.csv.",
            "",
        ),
    ];

    /// One seat.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub(crate) struct SeatRow {
        pub tool_id: String,
        pub who: Who,
        pub last_active: Option<NaiveDate>,
    }

    pub(crate) fn row<R: Read>(c: &mut Cells<'_, R>) -> Option<SeatRow> {
        let tool_id = c.required(TOOL_ID);
        let who = who(c, EMPLOYEE_ID, EMAIL, PSEUDONYM);
        let last_active = c.date(LAST_ACTIVE);
        Some(SeatRow {
            tool_id: tool_id?,
            who: who?,
            last_active,
        })
    }
}

/// `identity.csv`: joins employee ids, work e-mail addresses and pseudonymous ids across
/// exports.
pub mod identity {
    use super::*;

    pub(crate) const EMPLOYEE_ID: usize = 0;
    pub(crate) const EMAIL: usize = 1;
    pub(crate) const PSEUDONYM: usize = 2;

    /// The columns of `identity.csv`.
    pub const COLUMNS: &[Column] = &[
        col(
            "employee_id",
            Kind::Id,
            true,
            "The employee (as in people.csv).",
            "E-1001",
        ),
        col(
            "email",
            Kind::Email,
            false,
            "A work e-mail other systems use for them.",
            "ana@example.com",
        ),
        col(
            "pseudonym",
            Kind::Id,
            false,
            "A pseudonymous id another system uses (Viva Insights' hashed PersonId).",
            "9f8c1e...",
        ),
    ];

    /// One mapping row.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub(crate) struct IdentityRow {
        pub employee_id: Sym,
        pub email: Option<Sym>,
        pub pseudonym: Option<Sym>,
    }

    pub(crate) fn row<R: Read>(c: &mut Cells<'_, R>) -> Option<IdentityRow> {
        let employee_id = c.employee_required(EMPLOYEE_ID);
        let email = c.email(EMAIL);
        let pseudonym = c.pseudonym(PSEUDONYM);
        Some(IdentityRow {
            employee_id: employee_id?,
            email,
            pseudonym,
        })
    }
}

/// `teams.csv`: team membership with each member's working hours and working days.
pub mod teams {
    use super::*;

    pub(crate) const TEAM_ID: usize = 0;
    pub(crate) const EMPLOYEE_ID: usize = 1;
    pub(crate) const EMAIL: usize = 2;
    pub(crate) const WORK_START: usize = 3;
    pub(crate) const WORK_MINUTES: usize = 4;
    pub(crate) const WORKDAYS: usize = 5;
    pub(crate) const TIME_ZONE: usize = 6;
    pub(crate) const PSEUDONYM: usize = 7;
    pub(crate) const TEAM_NAME: usize = 8;

    /// The columns of `teams.csv`.
    pub const COLUMNS: &[Column] = &[
        col("team_id", Kind::Id, true, "The team.", "platform"),
        col(
            "employee_id",
            Kind::Id,
            false,
            "A member (or give `email`).",
            "E-1001",
        ),
        col("email", Kind::Email, false, "The member's work e-mail.", ""),
        col(
            "work_start",
            Kind::Text,
            false,
            "Local start of the working day, HH:MM (default 09:00).",
            "08:30",
        ),
        col(
            "work_minutes",
            Kind::Integer,
            false,
            "Length of the working day in minutes (default 480).",
            "480",
        ),
        col(
            "workdays",
            Kind::Text,
            false,
            "Working days (mon tue wed thu fri, the default).",
            "mon tue wed thu fri",
        ),
        col(
            "time_zone",
            Kind::TimeZone,
            false,
            "The member's zone (default: their time_zone in people.csv).",
            "",
        ),
        col(
            "pseudonym",
            Kind::Id,
            false,
            "A pseudonymous id mapped in identity.csv.",
            "",
        ),
        col(
            "team_name",
            Kind::Text,
            false,
            "The team's display name in reports (the id is shown when absent); the first non-empty name of a team counts.",
            "Platform",
        ),
    ];

    /// One membership.
    #[derive(Debug, Clone, PartialEq)]
    pub(crate) struct TeamRow {
        pub team_id: String,
        pub team_name: Option<String>,
        pub who: Who,
        pub start_minute: u16,
        pub minutes: u16,
        pub workdays: remit_collab_tools::overlap::Workdays,
        pub time_zone: Option<chrono_tz::Tz>,
    }

    pub(crate) fn row<R: Read>(c: &mut Cells<'_, R>) -> Option<TeamRow> {
        let team_id = c.required(TEAM_ID);
        let team_name = c.text(TEAM_NAME);
        let who = who(c, EMPLOYEE_ID, EMAIL, PSEUDONYM);
        let start_minute = c
            .parsed(
                WORK_START,
                "a time of day as HH:MM",
                crate::values::clock_minute,
            )
            .unwrap_or(9 * 60);
        let minutes = c.integer(WORK_MINUTES, "minutes, 1-1440").unwrap_or(480);
        let workdays = c
            .parsed(
                WORKDAYS,
                "weekday names (mon tue wed thu fri sat sun) separated by spaces",
                crate::values::workdays,
            )
            .unwrap_or(remit_collab_tools::overlap::Workdays::MON_FRI);
        let time_zone = c.parsed(TIME_ZONE, "an IANA time zone", |t| t.parse().ok());
        Some(TeamRow {
            team_id: team_id?,
            team_name,
            who: who?,
            start_minute,
            minutes,
            workdays,
            time_zone,
        })
    }
}

/// `responses.csv`: survey responses, one row per respondent and item.
pub mod responses {
    use super::*;

    pub(crate) const RESPONDENT_ID: usize = 0;
    pub(crate) const EMAIL: usize = 1;
    pub(crate) const ITEM: usize = 2;
    pub(crate) const VALUE: usize = 3;
    pub(crate) const PSEUDONYM: usize = 4;

    /// The columns of `responses.csv`.
    pub const COLUMNS: &[Column] = &[
        col(
            "respondent_id",
            Kind::Id,
            false,
            "The respondent's employee id (or give `email` or `pseudonym`).",
            "E-1001",
        ),
        col(
            "email",
            Kind::Email,
            false,
            "The respondent's work e-mail.",
            "",
        ),
        col(
            "item",
            Kind::Text,
            true,
            "The item: who5.1-who5.5, cbi.personal.1-6, cbi.work.1-7, cbi.client.1-6.",
            "who5.3",
        ),
        col(
            "value",
            Kind::Integer,
            false,
            "The answer code as the instrument scores it (WHO-5 0-5, CBI 0-4); empty: unanswered. Other codings through a value map.",
            "4",
        ),
        col(
            "pseudonym",
            Kind::Id,
            false,
            "A pseudonymous id mapped in identity.csv.",
            "",
        ),
    ];

    /// One answer.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub(crate) struct ResponseRow {
        pub who: Who,
        pub item: String,
        pub value: Option<u8>,
    }

    pub(crate) fn row<R: Read>(c: &mut Cells<'_, R>) -> Option<ResponseRow> {
        let who = who(c, RESPONDENT_ID, EMAIL, PSEUDONYM);
        let item = c.required(ITEM);
        let value = c.integer(VALUE, "an answer code 0-255");
        Some(ResponseRow {
            who: who?,
            item: item?,
            value,
        })
    }
}

/// `signals_weekly.csv`: one row per employee and week with the eight behavioural signals,
/// in hours.
pub mod signals {
    use super::*;

    pub(crate) const EMPLOYEE_ID: usize = 0;
    pub(crate) const EMAIL: usize = 1;
    pub(crate) const PSEUDONYM: usize = 2;
    pub(crate) const WEEK_START: usize = 3;
    /// The first of the eight signal columns, in [`remit_wellbeing::Signal::ALL`] order.
    pub(crate) const FIRST_SIGNAL: usize = 4;

    /// The columns of `signals_weekly.csv`.
    pub const COLUMNS: &[Column] = &[
        col(
            "employee_id",
            Kind::Id,
            false,
            "The person (or give `email` or `pseudonym`).",
            "E-1001",
        ),
        col("email", Kind::Email, false, "The person's work e-mail.", ""),
        col(
            "pseudonym",
            Kind::Id,
            false,
            "A pseudonymous id mapped in identity.csv (Viva's PersonId).",
            "",
        ),
        col(
            "week_start",
            Kind::Date,
            true,
            "The first day of the week measured; every person needs the same weeks.",
            "2026-06-01",
        ),
        col(
            "meeting_hours",
            Kind::Number,
            false,
            "Hours in meetings.",
            "11.5",
        ),
        col(
            "collaboration_hours",
            Kind::Number,
            false,
            "Hours of meetings, e-mail, chat and calls.",
            "17",
        ),
        col(
            "after_hours_hours",
            Kind::Number,
            false,
            "Collaboration hours outside own working hours.",
            "1.5",
        ),
        col(
            "weekend_hours",
            Kind::Number,
            false,
            "Collaboration hours on the local weekend.",
            "0.5",
        ),
        col(
            "focus_hours",
            Kind::Number,
            false,
            "Hours in uninterrupted blocks of an hour or more.",
            "14",
        ),
        col(
            "back_to_back_meetings",
            Kind::Number,
            false,
            "Meetings starting right after another.",
            "3",
        ),
        col(
            "out_of_hours_meetings",
            Kind::Number,
            false,
            "Meetings outside own working hours.",
            "0",
        ),
        col("days_off", Kind::Number, false, "Days of leave taken.", "0"),
    ];

    /// One person-week. Signals the file does not have are `None`.
    #[derive(Debug, Clone, PartialEq)]
    pub(crate) struct SignalRow {
        pub who: Who,
        pub week_start: NaiveDate,
        pub values: [Option<f32>; remit_wellbeing::Signal::COUNT],
    }

    pub(crate) fn row<R: Read>(c: &mut Cells<'_, R>) -> Option<SignalRow> {
        let who = who(c, EMPLOYEE_ID, EMAIL, PSEUDONYM);
        let week_start = c.date_required(WEEK_START);
        let mut values = [None; remit_wellbeing::Signal::COUNT];
        for (i, v) in values.iter_mut().enumerate() {
            *v = c.number_f32(FIRST_SIGNAL + i);
        }
        Some(SignalRow {
            who: who?,
            week_start: week_start?,
            values,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stack-buffer reading of enum names agrees with the owned-key one.
    #[test]
    fn names_read_alike_with_and_without_the_stack_buffer() {
        let mut texts: Vec<String> = [
            "",
            " ",
            "x",
            "Laptop",
            " ergonomic chair ",
            "ERGONOMIC-CHAIR",
            "ergonomic_chair",
            "déjà",
            "a_very_long_name_that_is_longer_than_forty_bytes_in_all",
        ]
        .map(str::to_owned)
        .to_vec();
        for name in assets::CATEGORIES {
            texts.push((*name).to_owned());
            texts.push(name.to_uppercase().replace('_', " "));
            texts.push(format!(" {} ", name.replace('_', "-")));
        }
        for name in [
            "clear",
            "purge",
            "destroy",
            "full",
            "sampling",
            "tool_report",
            "inspection",
            "offboarding",
            "lost",
            "gifted_to_employee",
        ] {
            texts.push(name.to_owned());
            texts.push(name.to_uppercase());
        }
        for text in &texts {
            assert_eq!(
                by_name::<remit_assets::Category>(text),
                by_name_general::<remit_assets::Category>(text),
                "{text:?}"
            );
            assert_eq!(
                by_name::<remit_assets::SanitisationMethod>(text),
                by_name_general::<remit_assets::SanitisationMethod>(text),
                "{text:?}"
            );
            assert_eq!(
                by_name::<remit_assets::Verification>(text),
                by_name_general::<remit_assets::Verification>(text),
                "{text:?}"
            );
        }
    }

    /// The canonical work-mode words read as the core parser reads them, and other
    /// texts go to it.
    #[test]
    fn work_modes_read_as_the_core_parser_reads_them() {
        for text in [
            "onsite",
            "hybrid",
            "remote",
            "Remote",
            " remote",
            "Fully Remote",
            "office",
            "WFH",
            "moon",
            "",
        ] {
            assert_eq!(parse_work_mode(text), text.parse().ok(), "{text:?}");
        }
    }
}
