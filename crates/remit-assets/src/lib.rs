//! The lifecycle of equipment issued to remote employees.
//!
//! Remote work moves the office into each employee's home: a laptop, a monitor, a chair
//! and a headset have to reach them anywhere, come back when they leave, and be wiped
//! before anyone else touches them. This crate holds the rules; the caller holds the
//! storage, the clock and the carriers.
//!
//! | concern | items |
//! |---|---|
//! | what an asset is | [`Asset`], [`AssetTag`], [`Category`] |
//! | its lifecycle (sans-I/O) | [`decide`], [`apply`], [`step`], [`Lifecycle`], [`Status`], [`Command`], [`Event`], [`Transition`], [`WriteOff`] (a missing asset written off) |
//! | a fleet, stored however the caller likes | [`Fleet`], [`AssetHistory`] (the port the reports read), [`TrackedAsset`] |
//! | history that loses nothing | [`EventLog`], [`Envelope`], [`Snapshot`] |
//! | sanitisation and custody | [`SanitisationRecord`] (NIST SP 800-88), [`Shipment`], [`CustodyTransfer`] |
//! | kit coverage | [`KitPolicy`], [`StandardKit`], [`kit::kit_coverage`], [`KitPrices`] |
//! | offboarding retrieval | [`RetrievalPolicy`], [`retrieval::retrievals`], [`retrieval::recovery_by_country`] |
//! | forecasts, audits, cost of ownership | [`forecast::upcoming`], [`forecast::replacement_budget`], [`forecast::audits_overdue`], [`forecast::cost_per_employee`] |
//! | one report for the scorecard | [`AssetReport`] implements [`remit_core::Audit`], with the missing-chair group, kit coverage for other domains' groups and the kit-coverage chart ([`report`]) |
//! | depreciation in the asset's currency | [`depreciation`]: straight line (full-month, mid-month, next-month), declining balance with the switch, SYD, MACRS 5/7-year; Excel-compatible [`depreciation::excel`] |
//!
//! # A laptop's first year
//!
//! ```
//! use chrono::NaiveDate;
//! use remit_assets::*;
//! use remit_core::{EmployeeId, EventId};
//!
//! let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
//! let key = |k: &str| EventId::from_external(k);
//! let ana = EmployeeId::from_external("E-1");
//! let mut log = EventLog::new(remit_core::AssetId::from_external("LT-1"), true);
//!
//! log.execute(key("po-1"), &Command::Receive, d(1, 6))?;
//! let outbound = Shipment::new(Destination::Employee(ana), "DHL", "JD0146")?;
//! log.execute(key("ship-1"), &Command::Ship(Box::new(outbound)), d(1, 7))?;
//! log.execute(key("pod-1"), &Command::Deliver, d(1, 9))?;
//! assert_eq!(log.state().status(), Status::InUse { assignee: ana });
//!
//! // Ana leaves; the laptop comes back and waits for a wipe.
//! let due = d(7, 31);
//! log.execute(key("off-1"), &Command::RequestReturn { due, reason: ReturnReason::Offboarding }, d(7, 1))?;
//! let back = Shipment::new(Destination::Depot, "DHL", "JD0999")?;
//! log.execute(key("ret-1"), &Command::Ship(Box::new(back)), d(7, 10))?;
//! log.execute(key("rcv-1"), &Command::Receive, d(7, 14))?;
//! assert_eq!(log.state().status(), Status::InStock(StockState::PendingSanitisation));
//!
//! // It cannot be retired before it is sanitised...
//! let recycle = Command::Retire { disposition: Disposition::Recycled };
//! assert!(matches!(
//!     log.execute(key("ret-2"), &recycle, d(7, 15)),
//!     Err(LogError::Lifecycle(LifecycleError::SanitisationRequired { .. }))
//! ));
//! // ...and is, once a NIST SP 800-88 record exists.
//! let wipe = SanitisationRecord::new(SanitisationMethod::Purge, "crypto erase", Verification::ToolReport, d(7, 15), "depot")?;
//! log.execute(key("wipe-1"), &Command::Sanitise(Box::new(wipe)), d(7, 15))?;
//! log.execute(key("ret-2"), &recycle, d(7, 16))?;
//! assert_eq!(log.replay(), *log.state());
//! assert_eq!(log.custody_chain().len(), 6);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The states, rules, formulas and their sources are in `docs/methodology/assets.md`.
//!
//! # Guarantees
//!
//! - No I/O, no clock, no randomness: dates are parameters.
//! - [`decide`] never mutates; a refused command leaves state and log unchanged, and the
//!   error names the asset (by the caller's tag wherever it is known: a
//!   [`TrackedAsset`]; see [`AssetRef`]), its state and the command.
//! - Replaying a log gives the same state as applying its events one by one.
//! - Nothing panics on any input (property-tested); an overflow is an error, and no
//!   amount is silently rescaled.
//!
//! # Features
//!
//! - `serde` (default): `Serialize`/`Deserialize` for every data type. Deserialisation
//!   validates exactly as the constructors do: a deserialised [`EventLog`] is re-checked
//!   (sequence numbers, keys, dates, schema versions), a [`TrackedAsset`] is paired as
//!   [`TrackedAsset::new`] pairs one, a [`Lifecycle`] or [`Snapshot`] is checked for the
//!   invariants every reachable state keeps, and records, assets, policies and prices go
//!   through their constructors.
#![deny(clippy::disallowed_methods)]

mod asset;
pub mod depreciation;
mod fleet;
pub mod forecast;
pub mod kit;
pub mod lifecycle;
pub mod log;
mod records;
pub mod report;
pub mod retrieval;

pub use asset::{Asset, AssetBuilder, AssetError, AssetTag, Category};
pub use fleet::{AssetHistory, Fleet, FleetError, TrackedAsset};
pub use kit::{KitCoverage, KitError, KitList, KitPolicy, KitPrices, StandardKit};
pub use lifecycle::{
    AssetRef, Change, Command, CommandKind, Custodian, DataState, Disposition, Event,
    InconsistentState, Lifecycle, LifecycleError, MissingReason, ReturnReason, Status, StockState,
    TransitLeg, Transition, apply, decide, step,
};
pub use log::{
    Appended, CustodyTransfer, Envelope, EventLog, LogError, MIN_SCHEMA_VERSION, SCHEMA_VERSION,
    SchemaError, Snapshot,
};
pub use records::{
    Destination, MAX_TEXT, RecordError, SanitisationMethod, SanitisationRecord, Shipment,
    Verification, WriteOff,
};
pub use report::{AssetReport, ReportConfig, ReportError};
pub use retrieval::{Outcome, Retrieval, RetrievalPolicy};
