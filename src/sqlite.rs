//! A real data source: an organisation kept in a SQLite file, read through the crates'
//! input ports.
//!
//! The library crates never touch storage; they take their inputs through ports (the
//! [`Workforce`] trait) and through validated containers built by public constructors
//! (`&[TrackedAsset]`, `Catalogue`, `Enrolments`, `SignalPanel`, `Inventory`, ...). This
//! module is a storage adapter for both:
//!
//! - [`write_synthetic`] writes a synthetic organisation and every domain's synthetic
//!   inputs ([`SyntheticInputs`]) into a database, creating the schema, in one
//!   transaction.
//! - [`SqliteWorkforce`] implements [`Workforce`] directly over the `employees` table: it
//!   streams employees in chunks by key-set pagination (`Cow::Owned`, never the whole
//!   table in memory) and looks one up by its id through the table's unique index.
//! - [`read_inputs`] reads every domain's inputs from relational tables and rebuilds them
//!   through the crates' validating constructors and builders, so a bad row is refused
//!   with that crate's own error (naming the record and the field), wrapped in a
//!   [`StoreError`] that names the table and the row id.
//!
//! # Schema
//!
//! Per-person data lives in proper tables, one row per fact: `employees` and
//! `employee_attributes`; `assets` and `asset_events` (the append-only lifecycle log);
//! `benefit_enrolments` and `office_days`; `promotion_records` and
//! `promotion_attributes`; `weekly_signals` (one row per employee and week, one column
//! per signal); `survey_answers` (one row per respondent and item); `tools` and
//! `tool_seats`; `teams` and `team_members`. Reference data is relational too:
//! `benefits`, `benefit_valuations`, `benefit_pairings`, `exchange_rates` and `meta`
//! (the as-of date, the seed, the base currency, the number of signal weeks).
//!
//! JSON text appears in three places only, each a small, definition-like value that a
//! relational shape would not make easier to query: a benefit's eligibility rule
//! (`benefits.eligibility`), a tool's capability sets (`tools.enabled`,
//! `tools.available`, arrays of capability names), and the shipping or sanitisation
//! document an asset event may carry (`asset_events.document`, a chain-of-custody or
//! NIST SP 800-88 certificate record). The documents are parsed and then rebuilt
//! through `Shipment::new` and `SanitisationRecord::new`, so they are validated like
//! every other row.
//!
//! # Errors while streaming
//!
//! [`Workforce::employees`] is infallible: an iterator of employees, not of results.
//! [`SqliteWorkforce::open`] therefore validates the whole `employees` table first
//! (every column, duplicate ids, dangling managers, management cycles), so a bad row
//! is reported before any audit starts. What can still fail afterwards is the storage
//! itself (an I/O error, another process changing the file). Such an error ends the
//! iteration early and is *latched*: [`SqliteWorkforce::check`] returns it, and
//! [`audit_store`] calls it after the audits, so a report computed from a truncated
//! stream is never returned as if it were complete.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Display;
use std::path::Path;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::Instant;

use chrono::{NaiveDate, Weekday};
use chrono_tz::Tz;
use remit_assets::{
    Asset, AssetTag, Category as AssetCategory, Change, Disposition, Envelope, Event, EventLog,
    MIN_SCHEMA_VERSION, SCHEMA_VERSION, SanitisationRecord, Shipment, TrackedAsset,
};
use remit_benefits::{
    Benefit, BenefitCategory, Catalogue, Eligibility, Enrolments, ExchangeRates, OfficeDays,
    Proration, TaxTreatment, Valuation,
};
use remit_collab_tools::{
    BillingPeriod, Capability, CapabilitySet, Category as ToolCategory, Inventory, Licence, Member,
    SyncLevel, Team, Tool, Workdays, WorkingHours,
};
use remit_core::{
    BenefitId, Currency, Department, Employee, EmployeeId, ExchangeRate, JobLevel, Money,
    RosterError, TeamId, ToolId, WorkMode, Workforce,
};
use remit_promotion_bias::{PromotionRow, PromotionTable};
use remit_synth::Organisation;
use remit_wellbeing::{Cbi, Instrument, Signal, SignalPanel, WeekSignals, Who5};
use rusqlite::types::FromSql;
use rusqlite::{Connection, OptionalExtension, Row, params};
use rust_decimal::Decimal;
use serde::Serialize;
use serde::de::DeserializeOwned;

pub use crate::synthetic::SyntheticInputs;

use crate::audit::{
    DomainReports, audit_assets, audit_benefits, audit_promotions, audit_tools, audit_wellbeing,
};

/// The version of the schema this module writes and reads (`meta.schema_version`).
pub const SCHEMA: u32 = 1;

/// How many employees one page of the streaming query reads.
const CHUNK: i64 = 4096;

/// Reading or writing the database failed. Row errors name the table, the row id and,
/// where one column is at fault, the field; the message is the crate's own error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite itself failed (I/O, a missing table, a constraint).
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// One column of a row could not be read or parsed.
    #[error("table `{table}` row {row}: field `{field}`: {message}")]
    Field {
        /// The table.
        table: &'static str,
        /// The row id.
        row: i64,
        /// The column.
        field: &'static str,
        /// What was wrong.
        message: String,
    },
    /// A row was refused by the crate that validates it.
    #[error("table `{table}` row {row}: {message}")]
    Record {
        /// The table.
        table: &'static str,
        /// The row id.
        row: i64,
        /// The crate's error.
        message: String,
    },
    /// A value the whole data set shares (in `meta`, or a container's invariant) is wrong.
    #[error("table `{table}`: {message}")]
    Table {
        /// The table.
        table: &'static str,
        /// What was wrong.
        message: String,
    },
}

/// Where a row error happened.
#[derive(Debug, Clone, Copy)]
struct Cx {
    table: &'static str,
    row: i64,
}

impl Cx {
    fn new(table: &'static str, row: i64) -> Self {
        Self { table, row }
    }

    fn field(self, field: &'static str, message: impl Display) -> StoreError {
        StoreError::Field {
            table: self.table,
            row: self.row,
            field,
            message: message.to_string(),
        }
    }

    fn record(self, message: impl Display) -> StoreError {
        StoreError::Record {
            table: self.table,
            row: self.row,
            message: message.to_string(),
        }
    }

    fn get<T: FromSql>(
        self,
        row: &Row<'_>,
        i: usize,
        field: &'static str,
    ) -> Result<T, StoreError> {
        row.get(i).map_err(|e| self.field(field, e))
    }

    fn parse<T>(self, row: &Row<'_>, i: usize, field: &'static str) -> Result<T, StoreError>
    where
        T: FromStr,
        T::Err: Display,
    {
        let text: String = self.get(row, i, field)?;
        text.parse()
            .map_err(|e| self.field(field, with_input(&text, e)))
    }

    fn parse_opt<T>(
        self,
        row: &Row<'_>,
        i: usize,
        field: &'static str,
    ) -> Result<Option<T>, StoreError>
    where
        T: FromStr,
        T::Err: Display,
    {
        let text: Option<String> = self.get(row, i, field)?;
        text.map(|t| t.parse().map_err(|e| self.field(field, with_input(&t, e))))
            .transpose()
    }

    fn int<T: TryFrom<i64>>(
        self,
        row: &Row<'_>,
        i: usize,
        field: &'static str,
    ) -> Result<T, StoreError>
    where
        T::Error: Display,
    {
        let n: i64 = self.get(row, i, field)?;
        T::try_from(n).map_err(|e| self.field(field, format!("{n}: {e}")))
    }

    fn name<T: DeserializeOwned>(
        self,
        row: &Row<'_>,
        i: usize,
        field: &'static str,
    ) -> Result<T, StoreError> {
        let text: String = self.get(row, i, field)?;
        from_name(&text).map_err(|e| self.field(field, e))
    }

    fn money(
        self,
        row: &Row<'_>,
        amount: usize,
        currency: usize,
        field: &'static str,
    ) -> Result<Money, StoreError> {
        let value: Decimal = self.parse(row, amount, field)?;
        let currency: Currency = self.parse(row, currency, field)?;
        Ok(Money::new(value, currency))
    }

    fn money_opt(
        self,
        row: &Row<'_>,
        amount: usize,
        currency: usize,
        field: &'static str,
    ) -> Result<Option<Money>, StoreError> {
        let value: Option<Decimal> = self.parse_opt(row, amount, field)?;
        let currency: Option<Currency> = self.parse_opt(row, currency, field)?;
        match (value, currency) {
            (Some(v), Some(c)) => Ok(Some(Money::new(v, c))),
            (None, None) => Ok(None),
            _ => Err(self.field(
                field,
                "amount and currency must both be set or both be null",
            )),
        }
    }
}

/// A parse error's message, with the rejected text when the message does not quote it.
fn with_input(text: &str, error: impl Display) -> String {
    let message = error.to_string();
    if message.contains(text) {
        message
    } else {
        format!("{text:?}: {message}")
    }
}

/// The serde name of a unit enum variant (`"ergonomic_chair"`), as stored in text columns.
fn name_of<T: Serialize>(value: &T) -> Result<String, StoreError> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        Ok(other) => Err(StoreError::Table {
            table: "(writer)",
            message: format!("expected a unit variant name, got {other}"),
        }),
        Err(e) => Err(StoreError::Table {
            table: "(writer)",
            message: e.to_string(),
        }),
    }
}

fn from_name<T: DeserializeOwned>(name: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(name.to_owned()))
        .map_err(|e| format!("{name:?}: {e}"))
}

fn json<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Table {
        table: "(writer)",
        message: e.to_string(),
    })
}

fn meta_error(message: impl Display) -> StoreError {
    StoreError::Table {
        table: "meta",
        message: message.to_string(),
    }
}

/// Creates the tables and indexes (an empty database).
const CREATE: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE employees (
    id INTEGER PRIMARY KEY,           -- the workforce order
    employee TEXT NOT NULL UNIQUE,    -- the EmployeeId (UUID); the unique index serves look-ups
    work_mode TEXT NOT NULL,
    country TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    level INTEGER NOT NULL,
    department TEXT NOT NULL,
    manager TEXT,
    hired_on TEXT NOT NULL,
    left_on TEXT
);
CREATE TABLE employee_attributes (
    employee INTEGER NOT NULL REFERENCES employees(id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (employee, key)
) WITHOUT ROWID;
CREATE TABLE assets (
    id INTEGER PRIMARY KEY,
    asset TEXT NOT NULL UNIQUE,
    tag TEXT NOT NULL,
    category TEXT NOT NULL,
    stores_data INTEGER NOT NULL,
    purchased_on TEXT NOT NULL,
    cost_amount TEXT NOT NULL,
    cost_currency TEXT NOT NULL,
    salvage_amount TEXT NOT NULL,
    salvage_currency TEXT NOT NULL,
    useful_life_months INTEGER NOT NULL,
    warranty_months INTEGER NOT NULL
);
CREATE TABLE asset_events (
    id INTEGER PRIMARY KEY,
    asset INTEGER NOT NULL REFERENCES assets(id),
    sequence INTEGER NOT NULL,
    event_key TEXT NOT NULL,
    schema INTEGER NOT NULL,
    on_date TEXT NOT NULL,
    change TEXT NOT NULL,             -- the change's name, e.g. `assigned`
    employee TEXT,                    -- reserved / assigned / gifted to
    due TEXT,                         -- return requested: due date
    reason TEXT,                      -- return or missing reason, disposition
    cost_amount TEXT,                 -- repair cost
    cost_currency TEXT,
    document TEXT,                    -- shipment or sanitisation record (JSON)
    UNIQUE (asset, sequence)
);
CREATE TABLE benefits (
    id INTEGER PRIMARY KEY,
    benefit TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    proration TEXT NOT NULL,
    tax TEXT NOT NULL,
    eligibility TEXT NOT NULL         -- JSON rule: work modes, countries, levels, tenure
);
CREATE TABLE benefit_valuations (
    id INTEGER PRIMARY KEY,
    benefit INTEGER NOT NULL REFERENCES benefits(id),
    country TEXT,                     -- null: the default price
    kind TEXT NOT NULL,               -- `annual` or `per_use`
    amount TEXT NOT NULL,
    currency TEXT NOT NULL,
    uses_per_year TEXT
);
CREATE TABLE benefit_pairings (
    id INTEGER PRIMARY KEY,
    onsite TEXT NOT NULL,
    counterpart TEXT NOT NULL
);
CREATE TABLE exchange_rates (
    id INTEGER PRIMARY KEY,
    currency TEXT NOT NULL UNIQUE,
    rate TEXT NOT NULL              -- units of `meta.rates_base` per unit of `currency`
);
CREATE TABLE benefit_enrolments (
    id INTEGER PRIMARY KEY,
    employee TEXT NOT NULL,
    benefit TEXT NOT NULL,
    uses_per_year TEXT
);
CREATE TABLE office_days (
    id INTEGER PRIMARY KEY,
    employee TEXT NOT NULL UNIQUE,
    days TEXT NOT NULL
);
CREATE TABLE promotion_records (
    id INTEGER PRIMARY KEY,
    employee TEXT NOT NULL,
    work_mode TEXT NOT NULL,
    level INTEGER NOT NULL,
    department TEXT NOT NULL,
    performance REAL NOT NULL,
    tenure_months REAL NOT NULL,
    promoted INTEGER NOT NULL,
    months_to_event REAL NOT NULL
);
CREATE TABLE promotion_attributes (
    record INTEGER NOT NULL REFERENCES promotion_records(id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (record, key)
) WITHOUT ROWID;
CREATE TABLE survey_answers (
    id INTEGER PRIMARY KEY,
    respondent TEXT NOT NULL,
    item INTEGER NOT NULL,            -- 0-4 WHO-5, 5-23 CBI
    code INTEGER,                     -- null: unanswered
    UNIQUE (respondent, item)
);
CREATE TABLE tools (
    id INTEGER PRIMARY KEY,
    tool TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    sync_level TEXT NOT NULL,
    enabled TEXT NOT NULL,            -- JSON array of capability names
    available TEXT NOT NULL,          -- JSON array of capability names
    chat_retention_days INTEGER,
    licence_seats INTEGER,
    licence_price_amount TEXT,
    licence_price_currency TEXT,
    licence_billing TEXT,
    licence_renewal TEXT
);
CREATE TABLE tool_seats (
    id INTEGER PRIMARY KEY,
    tool INTEGER NOT NULL REFERENCES tools(id),
    employee TEXT NOT NULL,
    last_active TEXT
);
CREATE INDEX tool_seats_by_tool ON tool_seats (tool, id);
CREATE TABLE teams (id INTEGER PRIMARY KEY, team TEXT NOT NULL UNIQUE, name TEXT);
CREATE TABLE team_members (
    id INTEGER PRIMARY KEY,
    team INTEGER NOT NULL REFERENCES teams(id),
    employee TEXT NOT NULL,
    zone TEXT NOT NULL,
    start_minute INTEGER NOT NULL,
    length_minutes INTEGER NOT NULL,
    workdays TEXT NOT NULL            -- e.g. `mon tue wed thu fri`
);
CREATE INDEX team_members_by_team ON team_members (team, id);
";

/// `CREATE TABLE weekly_signals`, one REAL column per [`Signal`], named after it.
fn create_weekly_signals() -> Result<String, StoreError> {
    let mut sql = String::from(
        "CREATE TABLE weekly_signals (\n    id INTEGER PRIMARY KEY,\n    employee TEXT NOT NULL,\n    week INTEGER NOT NULL",
    );
    for signal in Signal::ALL {
        sql.push_str(&format!(",\n    {} REAL NOT NULL", name_of(&signal)?));
    }
    sql.push_str(",\n    UNIQUE (employee, week)\n);");
    Ok(sql)
}

/// Writes `org` and its domain inputs into `conn`, which must be an empty database:
/// creates the schema and inserts every row in one transaction (all or nothing).
///
/// # Errors
///
/// [`StoreError`] if the schema exists already or SQLite fails; nothing is written.
pub fn write_synthetic(
    conn: &mut Connection,
    org: &Organisation,
    inputs: &SyntheticInputs,
) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    tx.execute_batch(CREATE)?;
    tx.execute_batch(&create_weekly_signals()?)?;
    {
        let mut meta = tx.prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)")?;
        for (key, value) in [
            ("schema_version", SCHEMA.to_string()),
            ("as_of", org.as_of().to_string()),
            ("seed", org.seed().to_string()),
            ("rates_base", inputs.rates.base().to_string()),
            ("signal_weeks", inputs.panel.weeks().to_string()),
        ] {
            meta.execute(params![key, value])?;
        }
        write_employees(&tx, org.roster().as_slice())?;
        write_assets(&tx, &inputs.assets)?;
        write_benefits(&tx, inputs)?;
        write_promotion(&tx, &inputs.promotion)?;
        write_wellbeing(&tx, inputs)?;
        write_tools(&tx, &inputs.inventory, &inputs.teams)?;
    }
    tx.commit()?;
    Ok(())
}

fn write_employees(tx: &Connection, employees: &[Employee]) -> Result<(), StoreError> {
    let mut insert = tx.prepare(
        "INSERT INTO employees (id, employee, work_mode, country, time_zone, level, department, manager, hired_on, left_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut attribute =
        tx.prepare("INSERT INTO employee_attributes (employee, key, value) VALUES (?1, ?2, ?3)")?;
    for (i, e) in employees.iter().enumerate() {
        let id = i64::try_from(i).unwrap_or(i64::MAX).saturating_add(1);
        insert.execute(params![
            id,
            e.id().to_string(),
            e.work_mode().to_string(),
            e.country().as_str(),
            e.time_zone().name(),
            i64::from(e.level().rank()),
            e.department().as_str(),
            e.manager().map(|m| m.to_string()),
            e.hired_on().to_string(),
            e.left_on().map(|d| d.to_string()),
        ])?;
        for (key, value) in e.attributes() {
            attribute.execute(params![id, key.as_str(), value.as_str()])?;
        }
    }
    Ok(())
}

/// The stored columns of one lifecycle change.
#[derive(Default)]
struct ChangeColumns {
    employee: Option<String>,
    due: Option<String>,
    reason: Option<String>,
    cost: Option<Money>,
    document: Option<String>,
}

fn change_columns(change: &Change) -> Result<(&'static str, ChangeColumns), StoreError> {
    let mut c = ChangeColumns::default();
    let name = match change {
        Change::Received => "received",
        Change::Reserved { employee } => {
            c.employee = Some(employee.to_string());
            "reserved"
        }
        Change::ReservationCancelled => "reservation_cancelled",
        Change::Shipped(shipment) => {
            c.document = Some(json(shipment)?);
            "shipped"
        }
        Change::Delivered => "delivered",
        Change::Assigned { employee } => {
            c.employee = Some(employee.to_string());
            "assigned"
        }
        Change::ReturnRequested { due, reason } => {
            c.due = Some(due.to_string());
            c.reason = Some(name_of(reason)?);
            "return_requested"
        }
        Change::CheckedIn => "checked_in",
        Change::RepairFlagged => "repair_flagged",
        Change::RepairStarted => "repair_started",
        Change::RepairCompleted { cost } => {
            c.cost = *cost;
            "repair_completed"
        }
        Change::Sanitised(record) => {
            c.document = Some(json(record)?);
            "sanitised"
        }
        Change::DisposalMarked => "disposal_marked",
        Change::Retired { disposition } => {
            c.reason = Some(match disposition {
                Disposition::GiftedToEmployee { employee } => {
                    c.employee = Some(employee.to_string());
                    "gifted_to_employee".to_owned()
                }
                other => name_of(other)?,
            });
            "retired"
        }
        Change::ReportedMissing { reason } => {
            c.reason = Some(name_of(reason)?);
            "reported_missing"
        }
        Change::Recovered => "recovered",
        Change::Audited => "audited",
        Change::WrittenOff(approval) => {
            c.document = Some(json(approval)?);
            "written_off"
        }
    };
    Ok((name, c))
}

fn write_assets(tx: &Connection, assets: &[TrackedAsset]) -> Result<(), StoreError> {
    let mut insert = tx.prepare(
        "INSERT INTO assets (id, asset, tag, category, stores_data, purchased_on, cost_amount, cost_currency,
                             salvage_amount, salvage_currency, useful_life_months, warranty_months)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    let mut event = tx.prepare(
        "INSERT INTO asset_events (asset, sequence, event_key, schema, on_date, change, employee, due, reason,
                                   cost_amount, cost_currency, document)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (i, tracked) in assets.iter().enumerate() {
        let id = i64::try_from(i).unwrap_or(i64::MAX).saturating_add(1);
        let a = tracked.asset();
        insert.execute(params![
            id,
            a.id().to_string(),
            a.tag().as_str(),
            name_of(&a.category())?,
            a.stores_data(),
            a.purchased_on().to_string(),
            a.cost().amount().to_string(),
            a.cost().currency().to_string(),
            a.salvage().amount().to_string(),
            a.salvage().currency().to_string(),
            i64::from(a.useful_life_months()),
            i64::from(a.warranty_months()),
        ])?;
        for envelope in tracked.log().entries() {
            let (change, c) = change_columns(envelope.event().change())?;
            event.execute(params![
                id,
                i64::try_from(envelope.sequence()).unwrap_or(i64::MAX),
                envelope.key().to_string(),
                i64::from(envelope.schema()),
                envelope.event().on().to_string(),
                change,
                c.employee,
                c.due,
                c.reason,
                c.cost.map(|m| m.amount().to_string()),
                c.cost.map(|m| m.currency().to_string()),
                c.document,
            ])?;
        }
    }
    Ok(())
}

fn write_benefits(tx: &Connection, inputs: &SyntheticInputs) -> Result<(), StoreError> {
    let mut benefit = tx.prepare(
        "INSERT INTO benefits (id, benefit, name, category, proration, tax, eligibility)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut valuation = tx.prepare(
        "INSERT INTO benefit_valuations (benefit, country, kind, amount, currency, uses_per_year)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, b) in inputs.catalogue.benefits().iter().enumerate() {
        let id = i64::try_from(i).unwrap_or(i64::MAX).saturating_add(1);
        benefit.execute(params![
            id,
            b.id().to_string(),
            b.name(),
            name_of(&b.category())?,
            name_of(&b.proration())?,
            name_of(&b.tax())?,
            json(b.eligibility())?,
        ])?;
        let prices = b
            .default_valuation()
            .map(|v| (None, v))
            .into_iter()
            .chain(b.country_valuations().iter().map(|(c, v)| (Some(*c), v)));
        for (country, v) in prices {
            let (kind, uses) = match v {
                Valuation::Annual(_) => ("annual", None),
                Valuation::PerUse { uses_per_year, .. } => {
                    ("per_use", Some(uses_per_year.to_string()))
                }
            };
            let unit = v.unit_cost();
            valuation.execute(params![
                id,
                country.map(|c| c.as_str().to_owned()),
                kind,
                unit.amount().to_string(),
                unit.currency().to_string(),
                uses,
            ])?;
        }
    }
    let mut pairing =
        tx.prepare("INSERT INTO benefit_pairings (onsite, counterpart) VALUES (?1, ?2)")?;
    for p in inputs.catalogue.pairings() {
        pairing.execute(params![p.onsite().to_string(), p.counterpart().to_string()])?;
    }
    let mut rate = tx.prepare("INSERT INTO exchange_rates (currency, rate) VALUES (?1, ?2)")?;
    for (currency, value) in inputs.rates.rates() {
        rate.execute(params![currency.to_string(), value.to_string()])?;
    }
    let mut enrol = tx.prepare(
        "INSERT INTO benefit_enrolments (employee, benefit, uses_per_year) VALUES (?1, ?2, ?3)",
    )?;
    let mut days = tx.prepare("INSERT INTO office_days (employee, days) VALUES (?1, ?2)")?;
    for employee in inputs.enrolments.employees() {
        let text = employee.to_string();
        for (benefit, uses) in inputs.enrolments.benefits_of(employee) {
            enrol.execute(params![
                text,
                benefit.to_string(),
                uses.map(|u| u.to_string())
            ])?;
        }
        if let Some(d) = inputs.enrolments.office_days(employee) {
            days.execute(params![text, d.get().to_string()])?;
        }
    }
    Ok(())
}

fn write_promotion(tx: &Connection, table: &PromotionTable) -> Result<(), StoreError> {
    let mut insert = tx.prepare(
        "INSERT INTO promotion_records (id, employee, work_mode, level, department, performance, tenure_months,
                                       promoted, months_to_event)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut attribute =
        tx.prepare("INSERT INTO promotion_attributes (record, key, value) VALUES (?1, ?2, ?3)")?;
    for i in 0..table.len() {
        let Some(r) = table.record(i) else {
            continue;
        };
        let id = i64::try_from(i).unwrap_or(i64::MAX).saturating_add(1);
        insert.execute(params![
            id,
            r.employee().to_string(),
            r.work_mode().to_string(),
            i64::from(r.level().rank()),
            r.department().as_str(),
            r.performance(),
            r.tenure_months(),
            r.promoted(),
            r.months_to_event(),
        ])?;
        for (key, value) in r.attributes() {
            attribute.execute(params![id, key, value])?;
        }
    }
    Ok(())
}

fn write_wellbeing(tx: &Connection, inputs: &SyntheticInputs) -> Result<(), StoreError> {
    let mut columns = String::new();
    let mut holes = String::new();
    for (i, signal) in Signal::ALL.iter().enumerate() {
        columns.push_str(&format!(", {}", name_of(signal)?));
        holes.push_str(&format!(", ?{}", i + 3));
    }
    let mut insert = tx.prepare(&format!(
        "INSERT INTO weekly_signals (employee, week{columns}) VALUES (?1, ?2{holes})"
    ))?;
    let panel = &inputs.panel;
    for (row, employee) in panel.employees().iter().enumerate() {
        let text = employee.to_string();
        let series: Vec<&[f32]> = Signal::ALL
            .iter()
            .map(|s| panel.series(row, *s).unwrap_or(&[]))
            .collect();
        for week in 0..panel.weeks() {
            let mut values: Vec<Box<dyn rusqlite::ToSql>> = Vec::with_capacity(2 + Signal::COUNT);
            values.push(Box::new(text.clone()));
            values.push(Box::new(i64::try_from(week).unwrap_or(i64::MAX)));
            for s in &series {
                values.push(Box::new(f64::from(
                    s.get(week).copied().unwrap_or(f32::NAN),
                )));
            }
            insert.execute(rusqlite::params_from_iter(values.iter()))?;
        }
    }
    let width = survey_width();
    let mut answer =
        tx.prepare("INSERT INTO survey_answers (respondent, item, code) VALUES (?1, ?2, ?3)")?;
    for (respondent, codes) in inputs.respondents.iter().zip(inputs.codes.chunks(width)) {
        let text = respondent.to_string();
        for (item, code) in codes.iter().enumerate() {
            answer.execute(params![
                text,
                i64::try_from(item).unwrap_or(i64::MAX),
                code.map(i64::from)
            ])?;
        }
    }
    Ok(())
}

/// Answers per respondent: the WHO-5 items, then the CBI items.
fn survey_width() -> usize {
    Who5::new().items().len() + Cbi::new().items().len()
}

const WEEKDAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "mon"),
    (Weekday::Tue, "tue"),
    (Weekday::Wed, "wed"),
    (Weekday::Thu, "thu"),
    (Weekday::Fri, "fri"),
    (Weekday::Sat, "sat"),
    (Weekday::Sun, "sun"),
];

fn write_tools(tx: &Connection, inventory: &Inventory, teams: &[Team]) -> Result<(), StoreError> {
    let mut tool = tx.prepare(
        "INSERT INTO tools (id, tool, name, category, sync_level, enabled, available, chat_retention_days,
                            licence_seats, licence_price_amount, licence_price_currency, licence_billing, licence_renewal)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut seat =
        tx.prepare("INSERT INTO tool_seats (tool, employee, last_active) VALUES (?1, ?2, ?3)")?;
    for (i, t) in inventory.tools().iter().enumerate() {
        let id = i64::try_from(i).unwrap_or(i64::MAX).saturating_add(1);
        let caps = |set: CapabilitySet| json(&set.iter().collect::<Vec<Capability>>());
        let licence = t.licence();
        tool.execute(params![
            id,
            t.id().to_string(),
            t.name(),
            name_of(&t.category())?,
            name_of(&t.sync_level())?,
            caps(t.enabled())?,
            caps(t.available())?,
            t.chat_retention_days().map(i64::from),
            licence.map(|l| i64::from(l.seats())),
            licence.map(|l| l.price_per_seat().amount().to_string()),
            licence.map(|l| l.price_per_seat().currency().to_string()),
            licence.map(|l| name_of(&l.billing())).transpose()?,
            licence.map(|l| l.renewal().to_string()),
        ])?;
        for s in t.seats() {
            seat.execute(params![
                id,
                s.user().to_string(),
                s.last_active().map(|d| d.to_string())
            ])?;
        }
    }
    let mut team = tx.prepare("INSERT INTO teams (id, team, name) VALUES (?1, ?2, ?3)")?;
    let mut member = tx.prepare(
        "INSERT INTO team_members (team, employee, zone, start_minute, length_minutes, workdays)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, t) in teams.iter().enumerate() {
        let id = i64::try_from(i).unwrap_or(i64::MAX).saturating_add(1);
        team.execute(params![id, t.id().to_string(), t.name()])?;
        for m in t.members() {
            let days: Vec<&str> = WEEKDAYS
                .iter()
                .filter(|(d, _)| m.workdays().contains(*d))
                .map(|(_, n)| *n)
                .collect();
            member.execute(params![
                id,
                m.id().to_string(),
                m.zone().name(),
                i64::from(m.hours().start_minute()),
                i64::from(m.hours().length_minutes()),
                days.join(" "),
            ])?;
        }
    }
    Ok(())
}

/// A [`Workforce`] read directly from the `employees` table of a SQLite database.
///
/// [`employees`](Workforce::employees) streams the table in pages of a few thousand rows
/// (key-set pagination on the row id, so each page is an index range scan), building
/// each [`Employee`] through its validating builder and handing it out as
/// [`Cow::Owned`]; [`employee`](Workforce::employee) is one query on the unique index of
/// the id. Nothing but the connection and the headcount is held in memory.
///
/// [`open`](Self::open) validates the whole table first; a storage error during a later
/// stream is latched for [`check`](Self::check) (see the [module docs](self)).
#[derive(Debug)]
pub struct SqliteWorkforce {
    conn: Connection,
    headcount: usize,
    as_of: NaiveDate,
    seed: u64,
    latched: Mutex<Option<StoreError>>,
}

const EMPLOYEE_COLUMNS: &str =
    "id, employee, work_mode, country, time_zone, level, department, manager, hired_on, left_on";

impl SqliteWorkforce {
    /// Opens the database file at `path` (which must exist) and validates it.
    ///
    /// # Errors
    ///
    /// As [`SqliteWorkforce::open`].
    pub fn open_path(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        Self::open(conn)
    }

    /// Takes a connection to a database written by [`write_synthetic`] (or to the same
    /// schema) and validates every employee row: each column parses, the builder accepts
    /// the record, ids are unique, every manager is an employee and the management chain
    /// has no cycle.
    ///
    /// # Errors
    ///
    /// [`StoreError`] naming the table, the row and the field of the first bad row.
    pub fn open(conn: Connection) -> Result<Self, StoreError> {
        let meta = |key: &str| -> Result<String, StoreError> {
            conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .optional()?
                .ok_or_else(|| meta_error(format!("missing key `{key}`")))
        };
        let version: u32 = meta("schema_version")?
            .parse()
            .map_err(|e| meta_error(format!("`schema_version`: {e}")))?;
        if version != SCHEMA {
            return Err(meta_error(format!(
                "schema version {version}; this build reads version {SCHEMA}"
            )));
        }
        let as_of: NaiveDate = meta("as_of")?
            .parse()
            .map_err(|e| meta_error(format!("`as_of`: {e}")))?;
        let seed: u64 = meta("seed")?
            .parse()
            .map_err(|e| meta_error(format!("`seed`: {e}")))?;
        let mut store = Self {
            conn,
            headcount: 0,
            as_of,
            seed,
            latched: Mutex::new(None),
        };
        store.headcount = store.validate()?;
        Ok(store)
    }

    /// Reads every page once: every row must build, ids must be unique, managers must
    /// exist and form no cycle. Returns the headcount.
    fn validate(&self) -> Result<usize, StoreError> {
        let mut index: HashMap<EmployeeId, (usize, i64)> = HashMap::new();
        let mut managers: Vec<(EmployeeId, Option<EmployeeId>, i64)> = Vec::new();
        let mut after = 0;
        loop {
            let page = self.page(after)?;
            let Some(&(last, _)) = page.last() else {
                break;
            };
            for (row, e) in page {
                if let Some(&(_, first)) = index.get(&e.id()) {
                    return Err(Cx::new("employees", row).record(format!(
                        "employee {}: duplicate id (rows {first} and {row})",
                        e.id()
                    )));
                }
                index.insert(e.id(), (managers.len(), row));
                managers.push((e.id(), e.manager(), row));
            }
            after = last;
        }
        let mut parent = Vec::with_capacity(managers.len());
        for &(employee, manager, row) in &managers {
            parent.push(match manager {
                None => None,
                Some(m) => match index.get(&m) {
                    Some(&(i, _)) => Some(i),
                    None => {
                        let e = RosterError::DanglingManager {
                            employee,
                            manager: m,
                        };
                        return Err(Cx::new("employees", row).record(e));
                    }
                },
            });
        }
        if let Some(i) = find_cycle(&parent)
            && let Some(&(employee, _, row)) = managers.get(i)
        {
            return Err(Cx::new("employees", row).record(RosterError::ManagerCycle { employee }));
        }
        Ok(managers.len())
    }

    /// The employees with row id above `after`, at most [`CHUNK`] of them, in order.
    fn page(&self, after: i64) -> Result<Vec<(i64, Employee)>, StoreError> {
        let mut rows = self.conn.prepare_cached(&format!(
            "SELECT {EMPLOYEE_COLUMNS} FROM employees WHERE id > ?1 ORDER BY id LIMIT ?2"
        ))?;
        let mut builders = Vec::new();
        let mut query = rows.query(params![after, CHUNK])?;
        while let Some(row) = query.next()? {
            let (id, b) = employee_builder(row)?;
            builders.push((id, Some(b)));
        }
        let (Some(first), Some(last)) = (builders.first(), builders.last()) else {
            return Ok(Vec::new());
        };
        let (first, last) = (first.0, last.0);
        let mut attributes = self.conn.prepare_cached(
            "SELECT employee, key, value FROM employee_attributes
             WHERE employee >= ?1 AND employee <= ?2 ORDER BY employee, key",
        )?;
        let mut query = attributes.query(params![first, last])?;
        let mut at = 0;
        while let Some(row) = query.next()? {
            let owner: i64 = row.get(0)?;
            while builders.get(at).is_some_and(|b| b.0 < owner) {
                at += 1;
            }
            let Some(slot) = builders.get_mut(at).filter(|b| b.0 == owner) else {
                return Err(Cx::new("employee_attributes", owner)
                    .field("employee", "names no employee row"));
            };
            let cx = Cx::new("employee_attributes", owner);
            let key: String = cx.get(row, 1, "key")?;
            let value: String = cx.get(row, 2, "value")?;
            slot.1 = slot.1.take().map(|b| b.attribute(key, value));
        }
        builders
            .into_iter()
            .filter_map(|(row, b)| b.map(|b| (row, b)))
            .map(|(row, b)| {
                b.build()
                    .map(|e| (row, e))
                    .map_err(|e| Cx::new("employees", row).record(e))
            })
            .collect()
    }

    fn latch(&self, error: StoreError) {
        if let Ok(mut slot) = self.latched.lock()
            && slot.is_none()
        {
            *slot = Some(error);
        }
    }

    /// The first storage error met while streaming since the last call, if any. Call it
    /// after an audit: an error means the audit saw only part of the workforce.
    ///
    /// # Errors
    ///
    /// The latched [`StoreError`].
    pub fn check(&self) -> Result<(), StoreError> {
        match self.latched.lock() {
            Ok(mut slot) => slot.take().map_or(Ok(()), Err),
            Err(_) => Err(StoreError::Table {
                table: "employees",
                message: "the error latch was poisoned by a panic".to_owned(),
            }),
        }
    }

    /// The date the stored data describes (`meta.as_of`).
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The seed the organisation was generated from (`meta.seed`).
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The connection, to read the domain inputs ([`read_inputs`]).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// Reads one `employees` row into a builder (attributes are added by the caller).
fn employee_builder(row: &Row<'_>) -> Result<(i64, remit_core::EmployeeBuilder), StoreError> {
    let id: i64 = row.get(0)?;
    let cx = Cx::new("employees", id);
    let mut b = Employee::builder(cx.parse(row, 1, "employee")?)
        .work_mode(cx.parse::<WorkMode>(row, 2, "work_mode")?)
        .country(cx.parse(row, 3, "country")?)
        .time_zone(cx.parse::<Tz>(row, 4, "time_zone")?)
        .level(JobLevel::new(cx.int(row, 5, "level")?))
        .department(
            Department::new(&cx.get::<String>(row, 6, "department")?)
                .map_err(|e| cx.field("department", e))?,
        )
        .hired_on(cx.parse(row, 8, "hired_on")?);
    if let Some(manager) = cx.parse_opt(row, 7, "manager")? {
        b = b.manager(manager);
    }
    if let Some(left_on) = cx.parse_opt(row, 9, "left_on")? {
        b = b.left_on(left_on);
    }
    Ok((id, b))
}

/// A position on a cycle of the functional graph `i -> parent[i]`, if any.
fn find_cycle(parent: &[Option<usize>]) -> Option<usize> {
    // 0 = unvisited, 1 = on the current path, 2 = known to reach a root.
    let mut state = vec![0u8; parent.len()];
    let mut path = Vec::new();
    for start in 0..parent.len() {
        let mut node = start;
        loop {
            match state.get(node).copied() {
                Some(0) => {
                    if let Some(s) = state.get_mut(node) {
                        *s = 1;
                    }
                    path.push(node);
                    match parent.get(node).copied().flatten() {
                        Some(next) => node = next,
                        None => break,
                    }
                }
                Some(1) => return Some(node),
                _ => break,
            }
        }
        for visited in path.drain(..) {
            if let Some(s) = state.get_mut(visited) {
                *s = 2;
            }
        }
    }
    None
}

/// The stream behind [`SqliteWorkforce`]'s [`Workforce::employees`]: one page at a time.
#[derive(Debug)]
pub struct StoredEmployees<'a> {
    store: &'a SqliteWorkforce,
    after: i64,
    page: std::vec::IntoIter<(i64, Employee)>,
    done: bool,
}

impl<'a> Iterator for StoredEmployees<'a> {
    type Item = Cow<'a, Employee>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((_, e)) = self.page.next() {
                return Some(Cow::Owned(e));
            }
            if self.done {
                return None;
            }
            match self.store.page(self.after) {
                Ok(page) => match page.last() {
                    Some(&(last, _)) => {
                        self.after = last;
                        self.page = page.into_iter();
                    }
                    None => self.done = true,
                },
                Err(e) => {
                    self.store.latch(e);
                    self.done = true;
                }
            }
        }
    }
}

impl Workforce for SqliteWorkforce {
    fn employees(&self) -> impl Iterator<Item = Cow<'_, Employee>> {
        StoredEmployees {
            store: self,
            after: 0,
            page: Vec::new().into_iter(),
            done: false,
        }
    }

    fn employee(&self, id: EmployeeId) -> Option<Cow<'_, Employee>> {
        let found = (|| -> Result<Option<Employee>, StoredLookupError> {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {EMPLOYEE_COLUMNS} FROM employees WHERE employee = ?1"
            ))?;
            let mut query = stmt.query([id.to_string()])?;
            let Some(row) = query.next()? else {
                return Ok(None);
            };
            let (row_id, mut b) = employee_builder(row)?;
            let mut attributes = self.conn.prepare_cached(
                "SELECT key, value FROM employee_attributes WHERE employee = ?1 ORDER BY key",
            )?;
            let mut query = attributes.query([row_id])?;
            while let Some(row) = query.next()? {
                b = b.attribute(row.get::<_, String>(0)?, row.get::<_, String>(1)?);
            }
            b.build()
                .map(Some)
                .map_err(|e| Cx::new("employees", row_id).record(e).into())
        })();
        match found {
            Ok(e) => e.map(Cow::Owned),
            Err(StoredLookupError(e)) => {
                self.latch(e);
                None
            }
        }
    }

    fn headcount(&self) -> usize {
        self.headcount
    }
}

/// A [`StoreError`] inside the look-up closure (so `?` converts both error sources).
struct StoredLookupError(StoreError);

impl From<StoreError> for StoredLookupError {
    fn from(e: StoreError) -> Self {
        Self(e)
    }
}

impl From<rusqlite::Error> for StoredLookupError {
    fn from(e: rusqlite::Error) -> Self {
        Self(e.into())
    }
}

/// Every domain's inputs, read from the database and validated by the crates'
/// constructors. Employees are not here: they come through the [`Workforce`] port.
#[derive(Debug)]
pub struct StoredInputs {
    /// Equipment with its event logs (`assets`, `asset_events`).
    pub assets: Vec<TrackedAsset>,
    /// The benefit catalogue (`benefits`, `benefit_valuations`, `benefit_pairings`).
    pub catalogue: Catalogue,
    /// Enrolments (`benefit_enrolments`, `office_days`).
    pub enrolments: Enrolments,
    /// Exchange rates into `meta.rates_base` (`exchange_rates`).
    pub rates: ExchangeRates,
    /// Promotion records (`promotion_records`, `promotion_attributes`), column by column.
    pub promotion: PromotionTable,
    /// Weekly signals (`weekly_signals`).
    pub panel: SignalPanel,
    /// Survey respondents, in first-answer order (`survey_answers`).
    pub respondents: Vec<EmployeeId>,
    /// Their answer codes, 24 per respondent (5 WHO-5 then 19 CBI), `None` unanswered.
    pub codes: Vec<Option<u8>>,
    /// Collaboration tools (`tools`, `tool_seats`).
    pub inventory: Inventory,
    /// Teams (`teams`, `team_members`).
    pub teams: Vec<Team>,
}

/// Reads every domain's inputs from the store's database.
///
/// # Errors
///
/// [`StoreError`] naming the table, the row and (where one column is at fault) the
/// field of the first row that fails to parse or that its crate refuses.
pub fn read_inputs(store: &SqliteWorkforce) -> Result<StoredInputs, StoreError> {
    let conn = store.connection();
    let assets = read_assets(conn)?;
    let catalogue = read_catalogue(conn)?;
    let enrolments = read_enrolments(conn, &catalogue)?;
    let rates = read_rates(conn)?;
    let promotion = read_promotion(conn)?;
    let panel = read_panel(conn)?;
    let (respondents, codes) = read_survey(conn)?;
    let inventory = read_inventory(conn)?;
    let teams = read_teams(conn)?;
    Ok(StoredInputs {
        assets,
        catalogue,
        enrolments,
        rates,
        promotion,
        panel,
        respondents,
        codes,
        inventory,
        teams,
    })
}

fn read_assets(conn: &Connection) -> Result<Vec<TrackedAsset>, StoreError> {
    let mut assets = conn.prepare(
        "SELECT id, asset, tag, category, stores_data, purchased_on, cost_amount, cost_currency,
                salvage_amount, salvage_currency, useful_life_months, warranty_months
         FROM assets ORDER BY id",
    )?;
    let mut events = conn.prepare(
        "SELECT id, asset, sequence, event_key, schema, on_date, change, employee, due, reason,
                cost_amount, cost_currency, document
         FROM asset_events ORDER BY asset, sequence",
    )?;
    let mut events = events.query([])?;
    let mut pending = events.next()?;
    let mut out = Vec::new();
    let mut query = assets.query([])?;
    while let Some(row) = query.next()? {
        let id: i64 = row.get(0)?;
        let cx = Cx::new("assets", id);
        let tag =
            AssetTag::new(&cx.get::<String>(row, 2, "tag")?).map_err(|e| cx.field("tag", e))?;
        let stores_data: bool = cx.get(row, 4, "stores_data")?;
        let asset = Asset::builder(tag, cx.name::<AssetCategory>(row, 3, "category")?)
            .id(cx.parse(row, 1, "asset")?)
            .stores_data(stores_data)
            .purchased(
                cx.parse(row, 5, "purchased_on")?,
                cx.money(row, 6, 7, "cost")?,
            )
            .salvage(cx.money(row, 8, 9, "salvage")?)
            .useful_life_months(cx.int(row, 10, "useful_life_months")?)
            .warranty_months(cx.int(row, 11, "warranty_months")?)
            .build()
            .map_err(|e| cx.record(e))?;
        let mut log = EventLog::new(asset.id(), stores_data);
        while let Some(event) = pending {
            let owner: i64 = event.get(1)?;
            if owner > id {
                break;
            }
            let row_id: i64 = event.get(0)?;
            let ecx = Cx::new("asset_events", row_id);
            if owner < id {
                return Err(ecx.field("asset", format!("names no asset row ({owner})")));
            }
            let schema: u16 = ecx.int(event, 4, "schema")?;
            if !remit_assets::log::schema_supported(schema) {
                return Err(ecx.field(
                    "schema",
                    format!(
                        "version {schema}; this build reads versions {MIN_SCHEMA_VERSION} to {SCHEMA_VERSION}"
                    ),
                ));
            }
            let envelope = Envelope::new(
                ecx.int(event, 2, "sequence")?,
                ecx.parse(event, 3, "event_key")?,
                Event::new(ecx.parse(event, 5, "on_date")?, read_change(ecx, event)?),
            );
            log.append(envelope).map_err(|e| ecx.record(e))?;
            pending = events.next()?;
        }
        out.push(TrackedAsset::new(asset, log).map_err(|e| cx.record(e))?);
    }
    if let Some(event) = pending {
        let row_id: i64 = event.get(0)?;
        return Err(Cx::new("asset_events", row_id).field("asset", "names no asset row"));
    }
    Ok(out)
}

/// Rebuilds a lifecycle change from its columns (`change`, `employee`, `due`, `reason`,
/// `cost_*`, `document`: positions 6 to 12).
fn read_change(cx: Cx, row: &Row<'_>) -> Result<Change, StoreError> {
    let name: String = cx.get(row, 6, "change")?;
    let employee = || -> Result<EmployeeId, StoreError> {
        cx.parse_opt(row, 7, "employee")?
            .ok_or_else(|| cx.field("employee", format!("required for a `{name}` event")))
    };
    let reason = || -> Result<String, StoreError> {
        cx.get::<Option<String>>(row, 9, "reason")?
            .ok_or_else(|| cx.field("reason", format!("required for a `{name}` event")))
    };
    let document = || -> Result<String, StoreError> {
        cx.get::<Option<String>>(row, 12, "document")?
            .ok_or_else(|| cx.field("document", format!("required for a `{name}` event")))
    };
    Ok(match name.as_str() {
        "received" => Change::Received,
        "reserved" => Change::Reserved {
            employee: employee()?,
        },
        "reservation_cancelled" => Change::ReservationCancelled,
        "shipped" => {
            let parsed: Shipment =
                serde_json::from_str(&document()?).map_err(|e| cx.field("document", e))?;
            // Rebuilt through the validating constructor, not trusted as parsed.
            let mut shipment =
                Shipment::new(parsed.destination(), parsed.carrier(), parsed.tracking())
                    .map_err(|e| cx.field("document", e))?;
            if let Some(cost) = parsed.cost() {
                shipment = shipment
                    .with_cost(cost)
                    .map_err(|e| cx.field("document", e))?;
            }
            Change::Shipped(Box::new(shipment))
        }
        "delivered" => Change::Delivered,
        "assigned" => Change::Assigned {
            employee: employee()?,
        },
        "return_requested" => Change::ReturnRequested {
            due: cx
                .parse_opt(row, 8, "due")?
                .ok_or_else(|| cx.field("due", "required for a `return_requested` event"))?,
            reason: from_name(&reason()?).map_err(|e| cx.field("reason", e))?,
        },
        "checked_in" => Change::CheckedIn,
        "repair_flagged" => Change::RepairFlagged,
        "repair_started" => Change::RepairStarted,
        "repair_completed" => Change::RepairCompleted {
            cost: cx.money_opt(row, 10, 11, "cost")?,
        },
        "sanitised" => {
            let p: SanitisationRecord =
                serde_json::from_str(&document()?).map_err(|e| cx.field("document", e))?;
            let bad = |e| cx.field("document", e);
            let mut record = SanitisationRecord::new(
                p.method(),
                p.technique(),
                p.verification(),
                p.performed_on(),
                p.performed_by(),
            )
            .map_err(bad)?;
            if let Some(tool) = p.tool() {
                record = record.with_tool(tool).map_err(bad)?;
            }
            if let Some(verifier) = p.verified_by() {
                record = record.with_verifier(verifier).map_err(bad)?;
            }
            if let Some(certificate) = p.certificate() {
                record = record.with_certificate(certificate).map_err(bad)?;
            }
            Change::Sanitised(Box::new(record))
        }
        "disposal_marked" => Change::DisposalMarked,
        "retired" => {
            let reason = reason()?;
            let disposition = if reason == "gifted_to_employee" {
                Disposition::GiftedToEmployee {
                    employee: employee()?,
                }
            } else {
                from_name(&reason).map_err(|e| cx.field("reason", e))?
            };
            Change::Retired { disposition }
        }
        "reported_missing" => Change::ReportedMissing {
            reason: from_name(&reason()?).map_err(|e| cx.field("reason", e))?,
        },
        "recovered" => Change::Recovered,
        "audited" => Change::Audited,
        // Deserialised through the validating constructor (a non-empty approver).
        "written_off" => Change::WrittenOff(Box::new(
            serde_json::from_str(&document()?).map_err(|e| cx.field("document", e))?,
        )),
        other => return Err(cx.field("change", format!("unknown change {other:?}"))),
    })
}

fn read_catalogue(conn: &Connection) -> Result<Catalogue, StoreError> {
    let mut valuations: HashMap<i64, Vec<(Option<remit_core::CountryCode>, Valuation)>> =
        HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT id, benefit, country, kind, amount, currency, uses_per_year
         FROM benefit_valuations ORDER BY id",
    )?;
    let mut query = stmt.query([])?;
    while let Some(row) = query.next()? {
        let cx = Cx::new("benefit_valuations", row.get(0)?);
        let kind: String = cx.get(row, 3, "kind")?;
        let price = cx.money(row, 4, 5, "amount")?;
        let valuation = match kind.as_str() {
            "annual" => Valuation::annual(price),
            "per_use" => Valuation::per_use(
                price,
                cx.parse_opt(row, 6, "uses_per_year")?
                    .ok_or_else(|| cx.field("uses_per_year", "required for `per_use`"))?,
            ),
            other => return Err(cx.field("kind", format!("unknown kind {other:?}"))),
        };
        valuations
            .entry(cx.get(row, 1, "benefit")?)
            .or_default()
            .push((cx.parse_opt(row, 2, "country")?, valuation));
    }
    let mut builder = Catalogue::builder();
    let mut stmt = conn.prepare(
        "SELECT id, benefit, name, category, proration, tax, eligibility FROM benefits ORDER BY id",
    )?;
    let mut query = stmt.query([])?;
    while let Some(row) = query.next()? {
        let id: i64 = row.get(0)?;
        let cx = Cx::new("benefits", id);
        let benefit: BenefitId = cx.parse(row, 1, "benefit")?;
        let eligibility: Eligibility =
            serde_json::from_str(&cx.get::<String>(row, 6, "eligibility")?)
                .map_err(|e| cx.field("eligibility", e))?;
        let mut b = Benefit::builder(benefit, cx.get::<String>(row, 2, "name")?)
            .category(cx.name::<BenefitCategory>(row, 3, "category")?)
            .proration(cx.name::<Proration>(row, 4, "proration")?)
            .tax(cx.name::<TaxTreatment>(row, 5, "tax")?)
            .eligibility(eligibility);
        for (country, v) in valuations.remove(&id).unwrap_or_default() {
            b = match country {
                None => b.valuation(v),
                Some(c) => b.valuation_in(c, v),
            };
        }
        builder = builder.benefit(b.build().map_err(|e| cx.record(e))?);
    }
    if let Some(orphan) = valuations.keys().min() {
        return Err(StoreError::Table {
            table: "benefit_valuations",
            message: format!("field `benefit`: {orphan} names no benefit row"),
        });
    }
    let mut stmt =
        conn.prepare("SELECT id, onsite, counterpart FROM benefit_pairings ORDER BY id")?;
    let mut query = stmt.query([])?;
    while let Some(row) = query.next()? {
        let cx = Cx::new("benefit_pairings", row.get(0)?);
        builder = builder.pair(
            cx.parse(row, 1, "onsite")?,
            cx.parse(row, 2, "counterpart")?,
        );
    }
    builder.build().map_err(|e| StoreError::Table {
        table: "benefits",
        message: e.to_string(),
    })
}

fn read_enrolments(conn: &Connection, catalogue: &Catalogue) -> Result<Enrolments, StoreError> {
    let mut office: HashMap<EmployeeId, (i64, OfficeDays)> = HashMap::new();
    let mut order = Vec::new();
    let mut stmt = conn.prepare("SELECT id, employee, days FROM office_days ORDER BY id")?;
    let mut query = stmt.query([])?;
    while let Some(row) = query.next()? {
        let id: i64 = row.get(0)?;
        let cx = Cx::new("office_days", id);
        let employee: EmployeeId = cx.parse(row, 1, "employee")?;
        let days: Decimal = cx.parse(row, 2, "days")?;
        let days = OfficeDays::new(days)
            .ok_or_else(|| cx.field("days", format!("must be between 0 and 7, got {days}")))?;
        office.insert(employee, (id, days));
        order.push(employee);
    }
    let mut enrolments = Enrolments::new(catalogue);
    let mut stmt = conn.prepare(
        "SELECT id, employee, benefit, uses_per_year FROM benefit_enrolments ORDER BY id",
    )?;
    let mut query = stmt.query([])?;
    // Lines of one employee are consecutive; they are added together, then their office
    // days, which keeps the crate's first-seen order.
    let mut current: Option<(EmployeeId, i64)> = None;
    let mut lines: Vec<(BenefitId, Option<Decimal>)> = Vec::new();
    let mut flush = |enrolments: &mut Enrolments,
                     current: Option<(EmployeeId, i64)>,
                     lines: &mut Vec<(BenefitId, Option<Decimal>)>|
     -> Result<(), StoreError> {
        if let Some((employee, row)) = current {
            enrolments
                .enrol_all(employee, lines.drain(..))
                .map_err(|e| Cx::new("benefit_enrolments", row).record(e))?;
            if let Some((_, days)) = office.remove(&employee) {
                enrolments.set_office_days(employee, days);
            }
        }
        Ok(())
    };
    while let Some(row) = query.next()? {
        let id: i64 = row.get(0)?;
        let cx = Cx::new("benefit_enrolments", id);
        let employee: EmployeeId = cx.parse(row, 1, "employee")?;
        if current.is_none_or(|(c, _)| c != employee) {
            flush(&mut enrolments, current, &mut lines)?;
            current = Some((employee, id));
        }
        lines.push((
            cx.parse(row, 2, "benefit")?,
            cx.parse_opt(row, 3, "uses_per_year")?,
        ));
    }
    flush(&mut enrolments, current, &mut lines)?;
    // Office days of employees without enrolment lines, in their own order.
    for employee in order {
        if let Some((_, days)) = office.remove(&employee) {
            enrolments.set_office_days(employee, days);
        }
    }
    Ok(enrolments)
}

fn read_rates(conn: &Connection) -> Result<ExchangeRates, StoreError> {
    let base: String = conn
        .query_row("SELECT value FROM meta WHERE key = 'rates_base'", [], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| meta_error("missing key `rates_base`"))?;
    let base = Currency::new(&base).map_err(|e| meta_error(format!("`rates_base`: {e}")))?;
    let mut rates = ExchangeRates::new(base);
    let mut stmt = conn.prepare("SELECT id, currency, rate FROM exchange_rates ORDER BY id")?;
    let mut query = stmt.query([])?;
    while let Some(row) = query.next()? {
        let cx = Cx::new("exchange_rates", row.get(0)?);
        let rate = ExchangeRate::new(
            cx.parse(row, 1, "currency")?,
            base,
            cx.parse(row, 2, "rate")?,
        )
        .map_err(|e| cx.field("rate", e))?;
        rates = rates.with_rate(rate).map_err(|e| cx.field("rate", e))?;
    }
    Ok(rates)
}

fn read_promotion(conn: &Connection) -> Result<PromotionTable, StoreError> {
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
        // Validated by the crate as it is appended (numbers, department, attribute keys).
        table
            .push_row(PromotionRow {
                employee: cx.parse(row, 1, "employee")?,
                work_mode: cx.parse::<WorkMode>(row, 2, "work_mode")?,
                level: JobLevel::new(cx.int(row, 3, "level")?),
                department: &department,
                performance: cx.get(row, 5, "performance")?,
                tenure_months: cx.get(row, 6, "tenure_months")?,
                promoted: cx.get(row, 7, "promoted")?,
                months_to_event: cx.get(row, 8, "months_to_event")?,
                attributes: &borrowed,
            })
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

fn read_panel(conn: &Connection) -> Result<SignalPanel, StoreError> {
    let weeks: String = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'signal_weeks'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| meta_error("missing key `signal_weeks`"))?;
    let weeks: usize = weeks
        .parse()
        .map_err(|e| meta_error(format!("`signal_weeks`: {e}")))?;
    let mut names = Vec::with_capacity(Signal::COUNT);
    for signal in Signal::ALL {
        names.push(name_of(&signal)?);
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT id, employee, week, {} FROM weekly_signals ORDER BY id",
        names.join(", ")
    ))?;
    let mut query = stmt.query([])?;
    let mut employees: Vec<EmployeeId> = Vec::new();
    let mut columns: [Vec<f32>; Signal::COUNT] = std::array::from_fn(|_| Vec::new());
    let mut expected_week = 0;
    while let Some(row) = query.next()? {
        let id: i64 = row.get(0)?;
        let cx = Cx::new("weekly_signals", id);
        let employee: EmployeeId = cx.parse(row, 1, "employee")?;
        let week: usize = cx.int(row, 2, "week")?;
        if week == 0 && expected_week % weeks.max(1) == 0 {
            employees.push(employee);
        } else if employees.last() != Some(&employee) || week != expected_week {
            return Err(cx.field(
                "week",
                format!(
                    "expected week {expected_week} of the previous employee, or week 0 of a new one"
                ),
            ));
        }
        if week >= weeks {
            return Err(cx.field(
                "week",
                format!("{week} is beyond `meta.signal_weeks` ({weeks})"),
            ));
        }
        let mut values = WeekSignals::zero();
        for (i, signal) in Signal::ALL.iter().enumerate() {
            let value: f64 = cx.get(row, 3 + i, "signal")?;
            let value = value as f32;
            values = values.with(*signal, value).map_err(|e| cx.record(e))?;
        }
        for (column, signal) in columns.iter_mut().zip(Signal::ALL) {
            column.push(values.get(signal));
        }
        expected_week = week + 1;
    }
    SignalPanel::from_columns(weeks, employees, columns).map_err(|e| StoreError::Table {
        table: "weekly_signals",
        message: e.to_string(),
    })
}

fn read_survey(conn: &Connection) -> Result<(Vec<EmployeeId>, Vec<Option<u8>>), StoreError> {
    let width = survey_width();
    let mut stmt =
        conn.prepare("SELECT id, respondent, item, code FROM survey_answers ORDER BY id")?;
    let mut query = stmt.query([])?;
    let mut respondents: Vec<EmployeeId> = Vec::new();
    let mut codes = Vec::new();
    let mut next_item = width;
    while let Some(row) = query.next()? {
        let id: i64 = row.get(0)?;
        let cx = Cx::new("survey_answers", id);
        let respondent: EmployeeId = cx.parse(row, 1, "respondent")?;
        let item: usize = cx.int(row, 2, "item")?;
        if next_item == width && item == 0 {
            respondents.push(respondent);
            next_item = 0;
        }
        if item != next_item || respondents.last() != Some(&respondent) {
            return Err(cx.field(
                "item",
                format!(
                    "expected item {next_item} of the previous respondent (items 0-{} each)",
                    width - 1
                ),
            ));
        }
        let code: Option<u8> = cx
            .get::<Option<i64>>(row, 3, "code")?
            .map(|c| u8::try_from(c).map_err(|e| cx.field("code", format!("{c}: {e}"))))
            .transpose()?;
        codes.push(code);
        next_item += 1;
    }
    if next_item != width && !respondents.is_empty() {
        return Err(StoreError::Table {
            table: "survey_answers",
            message: format!("the last respondent answered {next_item} of {width} items"),
        });
    }
    Ok((respondents, codes))
}

fn read_inventory(conn: &Connection) -> Result<Inventory, StoreError> {
    let mut tools = conn.prepare(
        "SELECT id, tool, name, category, sync_level, enabled, available, chat_retention_days,
                licence_seats, licence_price_amount, licence_price_currency, licence_billing, licence_renewal
         FROM tools ORDER BY id",
    )?;
    let mut seats = conn
        .prepare("SELECT id, employee, last_active FROM tool_seats WHERE tool = ?1 ORDER BY id")?;
    let mut out = Vec::new();
    let mut query = tools.query([])?;
    while let Some(row) = query.next()? {
        let id: i64 = row.get(0)?;
        let cx = Cx::new("tools", id);
        let caps = |i, field| -> Result<Vec<Capability>, StoreError> {
            serde_json::from_str(&cx.get::<String>(row, i, field)?).map_err(|e| cx.field(field, e))
        };
        let tool: ToolId = cx.parse(row, 1, "tool")?;
        let mut b = Tool::builder(
            tool,
            cx.get::<String>(row, 2, "name")?,
            cx.name::<ToolCategory>(row, 3, "category")?,
        )
        .sync_level(cx.name::<SyncLevel>(row, 4, "sync_level")?)
        .enable(caps(5, "enabled")?)
        .available(caps(6, "available")?);
        if let Some(days) = cx.get::<Option<i64>>(row, 7, "chat_retention_days")? {
            b = b.chat_retention_days(
                u32::try_from(days).map_err(|e| cx.field("chat_retention_days", e))?,
            );
        }
        if let Some(n) = cx.get::<Option<i64>>(row, 8, "licence_seats")? {
            let billing: String = cx
                .get::<Option<String>>(row, 11, "licence_billing")?
                .ok_or_else(|| cx.field("licence_billing", "required with `licence_seats`"))?;
            let licence = Licence::new(
                u32::try_from(n).map_err(|e| cx.field("licence_seats", e))?,
                cx.money_opt(row, 9, 10, "licence_price")?
                    .ok_or_else(|| cx.field("licence_price", "required with `licence_seats`"))?,
                from_name::<BillingPeriod>(&billing).map_err(|e| cx.field("licence_billing", e))?,
                cx.parse_opt(row, 12, "licence_renewal")?
                    .ok_or_else(|| cx.field("licence_renewal", "required with `licence_seats`"))?,
            )
            .map_err(|e| cx.record(e))?;
            b = b.licence(licence);
        }
        let mut seat_rows = seats.query([id])?;
        while let Some(s) = seat_rows.next()? {
            let scx = Cx::new("tool_seats", s.get(0)?);
            b = b.seat(
                scx.parse(s, 1, "employee")?,
                scx.parse_opt(s, 2, "last_active")?,
            );
        }
        out.push(b.build().map_err(|e| cx.record(e))?);
    }
    Inventory::new(out).map_err(|e| StoreError::Table {
        table: "tools",
        message: e.to_string(),
    })
}

fn read_teams(conn: &Connection) -> Result<Vec<Team>, StoreError> {
    let mut teams = conn.prepare("SELECT id, team, name FROM teams ORDER BY id")?;
    let mut members = conn.prepare(
        "SELECT id, employee, zone, start_minute, length_minutes, workdays
         FROM team_members WHERE team = ?1 ORDER BY id",
    )?;
    let mut out = Vec::new();
    let mut query = teams.query([])?;
    while let Some(row) = query.next()? {
        let id: i64 = row.get(0)?;
        let cx = Cx::new("teams", id);
        let team: TeamId = cx.parse(row, 1, "team")?;
        let mut list = Vec::new();
        let mut rows = members.query([id])?;
        while let Some(m) = rows.next()? {
            let mcx = Cx::new("team_members", m.get(0)?);
            let mut days = Workdays::NONE;
            for day in mcx.get::<String>(m, 5, "workdays")?.split_whitespace() {
                let Some((weekday, _)) = WEEKDAYS.iter().find(|(_, n)| *n == day) else {
                    return Err(mcx.field("workdays", format!("unknown weekday {day:?}")));
                };
                days = days.with(*weekday);
            }
            let hours = WorkingHours::from_minutes(
                mcx.int(m, 3, "start_minute")?,
                mcx.int(m, 4, "length_minutes")?,
            )
            .map_err(|e| mcx.field("start_minute", e))?;
            let member = Member::new(
                mcx.parse(m, 1, "employee")?,
                mcx.parse::<Tz>(m, 2, "zone")?,
                hours,
                days,
            )
            .map_err(|e| mcx.record(e))?;
            list.push(member);
        }
        let mut built = Team::new(team, list).map_err(|e| cx.record(e))?;
        if let Some(name) = cx.get::<Option<String>>(row, 2, "name")? {
            built = built.with_name(name).map_err(|e| cx.field("name", e))?;
        }
        out.push(built);
    }
    Ok(out)
}

/// Runs every domain's audit over the store: the same per-domain configuration as the
/// in-memory pipeline ([`crate::audit`]'s `audit_*` functions), with the employees
/// streamed through the [`Workforce`] port and each domain's inputs read from its tables
/// just before its audit and dropped after it. `progress` hears each stage with its time.
///
/// # Errors
///
/// A [`StoreError`] (as text) for a bad row or a storage failure, including one latched
/// while streaming employees; an audit's own error otherwise.
pub fn audit_store(
    store: &SqliteWorkforce,
    progress: &dyn Fn(&str),
) -> Result<DomainReports, String> {
    let conn = store.connection();
    let as_of = store.as_of();
    let text = |e: StoreError| e.to_string();
    let mut clock = Instant::now();
    let mut stage = |label: &str| {
        progress(&format!("{label} ({:.2} s)", clock.elapsed().as_secs_f64()));
        clock = Instant::now();
    };

    // One engine for every domain, as the in-memory pipeline uses: the scorecard's
    // cross-domain observations compare populations registered by two domains.
    let mut disclosure = remit_core::disclosure::Disclosure::new(
        remit_core::disclosure::DisclosurePolicy::default(),
    );
    let assets = audit_assets(
        store,
        &read_assets(conn).map_err(text)?,
        as_of,
        &mut disclosure,
    )?;
    stage("equipment audited");
    let benefits = {
        let catalogue = read_catalogue(conn).map_err(text)?;
        let enrolments = read_enrolments(conn, &catalogue).map_err(text)?;
        let rates = read_rates(conn).map_err(text)?;
        audit_benefits(
            store,
            &catalogue,
            &enrolments,
            &rates,
            as_of,
            &mut disclosure,
        )?
    };
    stage("benefits audited");
    let promotion = audit_promotions(
        &remit_promotion_bias::Inputs::from_table(&read_promotion(conn).map_err(text)?),
        as_of,
        &mut disclosure,
    )?;
    stage("promotions analysed");
    let wellbeing = {
        // People through the port, as every domain reads them: the crate joins the
        // panel and the surveys to the employees of the store employed on `as_of`.
        let panel = read_panel(conn).map_err(text)?;
        let (respondents, codes) = read_survey(conn).map_err(text)?;
        audit_wellbeing(store, &panel, &respondents, &codes, as_of, &mut disclosure)?
    };
    stage("wellbeing reported");
    let tools = audit_tools(
        store,
        &read_inventory(conn).map_err(text)?,
        &read_teams(conn).map_err(text)?,
        as_of,
        &mut disclosure,
    )?;
    stage("collaboration tools audited");
    // A storage error while streaming employees would have cut an audit short.
    store.check().map_err(text)?;
    Ok(DomainReports {
        assets,
        benefits,
        promotion,
        wellbeing,
        tools,
        disclosure: std::sync::Mutex::new(disclosure),
    })
}
