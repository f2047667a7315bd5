//! A real data source: an organisation kept in a SQLite file, read through the crates'
//! input ports.
//!
//! The library crates never touch storage; they take their inputs through ports (the
//! [`Workforce`] trait) and through validated containers built by public constructors
//! (`&[TrackedAsset]`, `Catalogue`, `Enrolments`, `SignalPanel`, `Inventory`, ...). This
//! module is a storage adapter for both:
//!
//! - [`write_synthetic`] writes a synthetic organisation and every domain's synthetic
//!   inputs ([`OrganisationInputs`]) into a database, creating the schema, in one
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
//!
//! # Layout
//!
//! One file per idea: `schema.rs` (the DDL and how values are encoded as text),
//! `error.rs` ([`StoreError`] and the row and column a row error names), `write.rs`
//! ([`write_synthetic`]), `workforce.rs` ([`SqliteWorkforce`]), one reader per domain's
//! tables (`assets.rs`, `benefits.rs`, `promotion.rs`, `wellbeing.rs`, `tools.rs`),
//! `inputs.rs` ([`read_inputs`]) and `audit.rs` ([`audit_store`]). The readers and the
//! writer depend on `schema.rs` and `error.rs` only, never on each other.
//!
//! [`Workforce`]: remit_core::Workforce
//! [`Workforce::employees`]: remit_core::Workforce::employees

mod assets;
mod audit;
mod benefits;
mod error;
mod inputs;
mod promotion;
mod schema;
mod tools;
mod wellbeing;
mod workforce;
mod write;

pub use crate::synthetic::OrganisationInputs;

pub use audit::audit_store;
pub use error::StoreError;
pub use inputs::read_inputs;
pub use schema::SCHEMA;
pub use workforce::{SqliteWorkforce, StoredEmployees};
pub use write::write_synthetic;
