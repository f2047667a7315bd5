//! # remit-ingest — audit an organisation from the files its systems already export
//!
//! remit's domain crates take validated inputs (a [`Roster`](remit_core::Roster), asset
//! histories, a benefit catalogue, a promotion table, a signal panel, a tool inventory).
//! This crate builds them from the CSV (or, with the `xlsx` feature, XLSX) files that
//! HR, asset, SaaS, survey and collaboration systems export:
//!
//! - one **canonical tidy schema per input** ([`Input`], columns in
//!   [`Input::columns`]; `docs/data-formats.md` documents each with an example row);
//! - **built-in profiles** for common exports ([`profiles::PROFILES`]: BambooHR and
//!   HiBob employees, BambooHR job history, Snipe-IT hardware and activity, Microsoft 365
//!   active users, Google Workspace users, Okta MFA usage, Qualtrics, Viva Insights);
//! - a **mapping file** for anything else ([`ReadConfig::from_toml`]): source column →
//!   canonical column, value maps, constants, date format, delimiter, decimal comma;
//! - **joins** by employee id, by work e-mail, or by a pseudonymous id mapped in
//!   `identity.csv`; e-mail addresses and pseudonyms are dropped after the join;
//! - **personal data minimised**: only the columns an input needs are decoded; headers
//!   that name people, national ids or dates of birth cannot be mapped at all
//!   ([`table::is_denied`]);
//! - **errors a user can act on** ([`IngestError`]): every problem in every file (up to
//!   a limit), naming the file, line, column, value and what was expected; unknown
//!   work-mode values are listed with how to map them; a directory with any problem
//!   yields nothing.
//!
//! The crate does no I/O: [`read_directory`] takes a function that opens a file by name
//! and returns a reader, and the mapping file's text.
//!
//! Each domain's records are built from canonical rows in one module per domain
//! (`to_core`, `to_assets`, `to_benefits`, `to_promotion`, `to_tools`, `to_wellbeing`),
//! always through the domain's public constructors and builders.
#![deny(clippy::disallowed_methods)]

pub mod canonical;
mod config;
mod directory;
pub mod error;
mod intern;
pub mod profiles;
pub mod promotion_csv;
mod read;
pub mod table;
mod to_assets;
mod to_benefits;
mod to_core;
mod to_promotion;
mod to_tools;
mod to_wellbeing;
pub mod values;
#[cfg(feature = "xlsx")]
mod xlsx;

/// The hash map of every internal index and join (ids, e-mails, tags): foldhash's fast
/// deterministic hasher (fixed seed), declared once here so that a change of hasher is
/// one line. Iteration order of these maps is never part of an output.
pub(crate) type Map<K, V> = std::collections::HashMap<K, V, Hasher>;

/// The hasher of [`Map`], for hashing a key once and keeping the hash.
pub(crate) type Hasher = foldhash::fast::FixedState;

/// An empty [`Map`] with room for `capacity` entries.
pub(crate) fn map_with_capacity<K, V>(capacity: usize) -> Map<K, V> {
    Map::with_capacity_and_hasher(capacity, Hasher::default())
}

pub use canonical::Input;
pub use config::{FileConfig, IdScheme, ReadConfig};
pub use directory::{
    Domain, Inputs, read_assets, read_benefits, read_directory, read_promotion, read_tools,
    read_wellbeing,
};
pub use error::{IngestError, Problem, SeenValue};
pub use table::SourceSettings;
pub use to_benefits::BenefitInputs;
pub use to_tools::ToolInputs;
pub use to_wellbeing::WellbeingInputs;
