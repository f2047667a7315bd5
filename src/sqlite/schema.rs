//! The schema: the DDL of every table and how values are stored as text (serde names of
//! enum variants, weekday names, the survey's item count).

use chrono::Weekday;
use remit_wellbeing::{Cbi, Instrument, Signal, Who5};
use serde::Serialize;

use super::error::StoreError;

/// The version of the schema this module writes and reads (`meta.schema_version`).
pub const SCHEMA: u32 = 1;

/// Creates the tables and indexes (an empty database).
pub(super) const CREATE: &str = "
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
pub(super) fn create_weekly_signals() -> Result<String, StoreError> {
    let mut sql = String::from(
        "CREATE TABLE weekly_signals (\n    id INTEGER PRIMARY KEY,\n    employee TEXT NOT NULL,\n    week INTEGER NOT NULL",
    );
    for signal in Signal::ALL {
        sql.push_str(&format!(",\n    {} REAL NOT NULL", name_of(&signal)?));
    }
    sql.push_str(",\n    UNIQUE (employee, week)\n);");
    Ok(sql)
}

/// The serde name of a unit enum variant (`"ergonomic_chair"`), as stored in text columns.
pub(super) fn name_of<T: Serialize>(value: &T) -> Result<String, StoreError> {
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

/// Answers per respondent: the WHO-5 items, then the CBI items.
pub(super) fn survey_width() -> usize {
    Who5::new().items().len() + Cbi::new().items().len()
}

/// The stored names of the weekdays (`team_members.workdays`, space-separated).
pub(super) const WEEKDAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "mon"),
    (Weekday::Tue, "tue"),
    (Weekday::Wed, "wed"),
    (Weekday::Thu, "thu"),
    (Weekday::Fri, "fri"),
    (Weekday::Sat, "sat"),
    (Weekday::Sun, "sun"),
];
