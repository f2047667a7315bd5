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
//! | kit coverage (operational, per person) | [`KitPolicy`], [`StandardKit`], [`kit::kit_coverage`], [`KitPrices`] |
//! | offboarding retrieval (operational, per case) | [`RetrievalPolicy`], [`retrieval::retrievals`] |
//! | forecasts, audits, cost of ownership | [`forecast::upcoming`], [`forecast::replacement_budget`], [`forecast::audits_overdue`], [`forecast::cost_per_employee`] |
//! | the audit for a scorecard | [`audit`]`(&`[`Inputs`]`, &`[`Config`]`, &mut Disclosure) -> Result<`[`AssetsReport`]`, `[`Error`]`>`; the report implements [`remit_core::Audit`], its figures about people in [`KitFigures`] and [`RetrievalFigures`], finding codes in [`codes`] |
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
//! # The audit
//!
//! Like every remit domain crate: [`audit`]`(&`[`Inputs`]`, &`[`Config`]`, &mut
//! Disclosure) -> Result<`[`AssetsReport`]`, `[`Error`]`>`.
//!
//! - [`Inputs`]: the people through the caller's [`Workforce`](remit_core::Workforce),
//!   the equipment through the [`Fleet`] port, the [`KitPolicy`] and the [`KitPrices`].
//! - [`Config`]: the as-of date, the retrieval policy, the audit interval and the
//!   forecast horizon; setters refuse out-of-range values.
//! - The [`Disclosure`](remit_core::disclosure::Disclosure) engine: the one privacy
//!   setting (its minimum group size) and the memory of everything published; use one
//!   engine for everything one reader sees.
//! - [`AssetsReport`]: findings (codes in [`codes`]), coverage, the kit-coverage chart,
//!   the missing-chair group and group comparisons for a scorecard.
//!
//! ```
//! use chrono::NaiveDate;
//! use remit_assets::{audit, Config, Inputs};
//! use remit_core::disclosure::{Disclosure, DisclosurePolicy};
//! use remit_core::{Audit, AuditExt};
//! use remit_synth::assets::{asset_fleet, AssetSynthConfig};
//! use remit_synth::{generate, SynthConfig};
//!
//! let org = generate(&SynthConfig::new(500, 7))?;
//! let fleet = asset_fleet(&org, &AssetSynthConfig::default())?;
//! let mut engine = Disclosure::new(DisclosurePolicy::default());
//! let report = audit(&Inputs::new(org.roster(), &fleet), &Config::new(org.as_of()), &mut engine)?;
//! assert!(report.coverage().is_measured());
//! for finding in report.findings() {
//!     println!("[{}] {}", finding.severity(), finding.title());
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Privacy: two populations, and the line between people and assets
//!
//! Every figure about people is released through the engine, over one of two
//! populations registered under the assets domain:
//!
//! - **`assets/staff`** ([`STAFF`]): the employees active on the as-of date whom the kit
//!   policy requires at least one item of. Private values: what each one lacks and what
//!   closing their gaps costs. Released in this order: everyone; the work modes; the
//!   staff who need each category; the remote and hybrid staff who need a chair; the
//!   staff with items priced in each currency (within a cut, largest group first).
//! - **`assets/leavers`** ([`LEAVERS`]): the employees who left on or before the as-of
//!   date. Private values: their retrieval cases. Released: everyone, then their
//!   countries.
//! - [`forecast::cost_per_employee`] registers a third, **`assets/costed`**
//!   ([`forecast::COSTED`]): every active employee, with their annual equipment cost.
//!
//! A sum over a group describes only the people whose value can differ from zero, so
//! each figure is released over exactly those people: the count of staff missing a desk
//! over the staff who need a desk, a currency's cost of closing the gaps over the staff
//! whose items are priced in it. A figure whose group is refused is
//! [`Disclosed::Suppressed`](remit_core::disclosure::Disclosed), and text is worded from
//! released figures only.
//!
//! Facts about an asset rather than a person stay as they are: assets retired without a
//! sanitisation record, assets lost or stolen, assets overdue for a physical audit,
//! warranties ending and end of life (with the replacement budget). Each describes what
//! the company did or did not do with its property, and the tags name assets, not
//! people. Anything counted *per holder* is about a person and goes through the engine:
//! assets overdue from leavers are figures of `assets/leavers`, never a list of tags.
//! The per-person lists for the people who ship and chase equipment
//! ([`kit::kit_coverage`], [`retrieval::retrievals`]) are operational and are not part
//! of the report. `docs/methodology/assets.md` gives the reasons.
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
//! - An asset or an employee listed twice is an error naming it ([`Error`]).
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
mod audit;
mod charts;
mod config;
pub mod depreciation;
mod error;
mod figures;
mod findings;
mod fleet;
pub mod forecast;
mod inputs;
pub mod kit;
pub mod lifecycle;
pub mod log;
mod records;
mod report;
pub mod retrieval;

pub use asset::{Asset, AssetBuilder, AssetError, AssetTag, Category};
pub use audit::{LEAVERS, STAFF, audit};
pub use charts::KIT_COVERAGE_CHART;
pub use config::{Config, MAX_MONTHS};
pub use depreciation::{
    Basis, DepreciationError, DepreciationStart, MacrsClass, MacrsConvention, Method, Proration,
    Schedule, ScheduleLine,
};
pub use error::Error;
pub use figures::{
    CategoryKit, ChairGap, CountryRecovery, CurrencyCost, KitFigures, ModeKit, RetrievalFigures,
    RetrievalSummary,
};
pub use fleet::{AssetHistory, Fleet, FleetError, TrackedAsset};
pub use forecast::{BudgetLine, COSTED, Milestone, ModeCost, OverdueAudit, Quarter, Upcoming};
pub use inputs::Inputs;
pub use kit::{KitCoverage, KitError, KitGap, KitList, KitPolicy, KitPrices, StandardKit};
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
pub use report::{AssetsReport, COMPLETE_KIT_METRIC, MISSING_CHAIR_GROUP};
pub use retrieval::{Outcome, Retrieval, RetrievalPolicy, RetrievalPolicyError, Stage};

/// The finding codes of [`AssetsReport`], checked at compile time.
///
/// | code | severity | when |
/// |---|---|---|
/// | `ASSET-RETIRED-UNSANITISED` | critical | a storage-bearing asset was retired with no sanitisation record since a person last held it |
/// | `ASSET-KIT-GAP` | high when remote or hybrid staff are short, else medium | active staff lack required kit |
/// | `ASSET-RETRIEVAL-OVERDUE` | high | leavers' assets are still out past the return deadline |
/// | `ASSET-MISSING` | medium | assets are lost or stolen and not written off |
/// | `ASSET-AUDIT-OVERDUE` | medium | assets have not been audited within the interval |
/// | `ASSET-WARRANTY-ENDING` | low | warranties end within the horizon |
/// | `ASSET-EOL-UPCOMING` | info | assets reach end of life within the horizon |
pub mod codes {
    use remit_core::FindingCode;

    /// A storage-bearing asset was retired with no sanitisation record since a person
    /// last held it.
    pub const RETIRED_UNSANITISED: FindingCode = FindingCode::constant("ASSET-RETIRED-UNSANITISED");
    /// Active staff lack part of their required kit.
    pub const KIT_GAP: FindingCode = FindingCode::constant("ASSET-KIT-GAP");
    /// Leavers' assets are still out past the return deadline.
    pub const RETRIEVAL_OVERDUE: FindingCode = FindingCode::constant("ASSET-RETRIEVAL-OVERDUE");
    /// Assets are lost or stolen and not written off.
    pub const MISSING: FindingCode = FindingCode::constant("ASSET-MISSING");
    /// Assets have not been physically audited within the interval.
    pub const AUDIT_OVERDUE: FindingCode = FindingCode::constant("ASSET-AUDIT-OVERDUE");
    /// Warranties end within the forecast horizon.
    pub const WARRANTY_ENDING: FindingCode = FindingCode::constant("ASSET-WARRANTY-ENDING");
    /// Assets reach the end of their useful life within the forecast horizon.
    pub const EOL_UPCOMING: FindingCode = FindingCode::constant("ASSET-EOL-UPCOMING");
}
