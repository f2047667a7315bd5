//! The lifecycle of one asset as a sans-I/O state machine.
//!
//! [`decide`] checks a [`Command`] against the current [`Lifecycle`] and returns the
//! [`Event`]s it causes, or a [`LifecycleError`] that names the asset, its state and the
//! command. [`apply`] folds an event into the state; it never fails, because an event is
//! a fact that already happened. Nothing here reads a clock: every command comes with the
//! date it happens on, and dates never go backwards.
//!
//! # States
//!
//! | status | substates | anchor |
//! |---|---|---|
//! | ordered | | ServiceNow "on order" |
//! | in stock | available, reserved (for someone), pending repair, pending sanitisation, pending disposal | ServiceNow "in stock" substates |
//! | in transit | to an employee, to a depot | ServiceNow "in transit" |
//! | in use | the assignee | Snipe-IT "deployed" |
//! | in repair | | ServiceNow "in maintenance" |
//! | return requested | the assignee and the due date | Workwize / Deel IT retrieval |
//! | retired | disposed, sold, donated, recycled, vendor credit, gifted to the employee | ServiceNow "retired" substates, GroWrk end-of-life orders |
//! | missing | lost, stolen | ServiceNow "missing" |
//! | written off | | a missing asset removed from the register on an approver's authority (IAS 16.67) |
//!
//! # The sanitisation rule
//!
//! An asset that [stores data](crate::Asset::stores_data) is *exposed* while anyone
//! outside the company's stores can reach its media ([`Custodian::reaches_data`]): from
//! the day an employee, a repair vendor or an unknown party gets it to the day the company
//! has it back ([`Lifecycle::last_exposed_on`]). A [`SanitisationRecord`] (NIST SP 800-88
//! Clear, Purge or Destroy) counts only if performed on or after that last day; one dated
//! earlier is refused ([`LifecycleError::SanitisationPredatesExposure`]). While exposed
//! the asset cannot be shipped or handed to anyone, reserved, or retired (gifting
//! included). A remote wipe while the employee still holds the device counts on the day
//! it is done (enough for a gift to them); once they keep it longer, or it comes back, it
//! needs another. After *Destroy* the asset can only be disposed of
//! ([`LifecycleError::MediaDestroyed`]), and its media stay destroyed whatever follows.
//! Nothing is dated before the asset's purchase when the state knows it
//! ([`Lifecycle::for_asset`]).
//!
//! ```
//! use chrono::NaiveDate;
//! use remit_assets::{decide, apply, Command, Lifecycle, LifecycleError, Status, StockState};
//! use remit_core::{AssetId, EmployeeId};
//!
//! let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
//! let ana = EmployeeId::from_external("E-1");
//! let mut laptop = Lifecycle::new(AssetId::from_external("LT-1"), true);
//! for (command, on) in [(Command::Receive, d(1, 6)), (Command::Assign { employee: ana }, d(1, 7)), (Command::CheckIn, d(6, 30))] {
//!     for event in decide(&laptop, &command, on)? {
//!         laptop = apply(laptop, &event);
//!     }
//! }
//! assert_eq!(laptop.status(), Status::InStock(StockState::PendingSanitisation));
//!
//! // Handing the unwiped laptop to someone else is refused, and nothing changes.
//! let bo = EmployeeId::from_external("E-2");
//! let err = decide(&laptop, &Command::Assign { employee: bo }, d(7, 1)).unwrap_err();
//! assert!(matches!(err, LifecycleError::SanitisationRequired { .. }));
//! # Ok::<(), LifecycleError>(())
//! ```

use core::fmt;

use chrono::NaiveDate;
use remit_core::{AssetId, EmployeeId, Money};

use crate::asset::AssetTag;
use crate::records::{Destination, SanitisationMethod, SanitisationRecord, Shipment, WriteOff};

/// Substates of *in stock*.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum StockState {
    /// Ready to deploy: in stock, sanitised where needed, held for nobody.
    Available,
    /// Held for one employee.
    Reserved {
        /// Who it is held for.
        employee: EmployeeId,
    },
    /// Waiting to go to repair.
    PendingRepair,
    /// Came back from a person and must be wiped before reuse.
    PendingSanitisation,
    /// Marked for disposal ([`Command::MarkForDisposal`]); waits to be retired.
    PendingDisposal,
}

/// Where an asset in transit is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TransitLeg {
    /// Outbound to an employee.
    ToEmployee {
        /// The employee who receives it.
        employee: EmployeeId,
    },
    /// Back to a depot.
    ToDepot,
}

/// How a retired asset left the fleet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Disposition {
    /// Scrapped, with no value recovered.
    Disposed,
    /// Sold to a buyer (remarketed).
    Sold,
    /// Given to a charity or other third party.
    Donated,
    /// Sent to an electronic-waste recycler.
    Recycled,
    /// Returned to the vendor for credit (trade-in, lease return).
    VendorCredit,
    /// Given to the employee who held it.
    GiftedToEmployee {
        /// The employee who receives it.
        employee: EmployeeId,
    },
}

/// Why an asset is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum MissingReason {
    /// Lost (including never returned by a leaver).
    Lost,
    /// Stolen (reported as theft rather than loss).
    Stolen,
}

/// Why a return was requested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ReturnReason {
    /// The employee is leaving.
    Offboarding,
    /// The asset is due for replacement.
    Refresh,
    /// The asset needs repair.
    Repair,
}

/// Where an asset is in its life; see the [module table](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Status {
    /// Ordered, not yet received.
    Ordered,
    /// In a depot or office store.
    InStock(StockState),
    /// Handed to a carrier, on its way to an employee or back to a depot.
    InTransit(TransitLeg),
    /// Deployed: held by an employee.
    InUse {
        /// The employee who holds it.
        assignee: EmployeeId,
    },
    /// With a repair vendor.
    InRepair,
    /// With an employee who has been asked to send it back.
    ReturnRequested {
        /// The employee who holds it.
        assignee: EmployeeId,
        /// When it is due back.
        due: NaiveDate,
    },
    /// Out of the fleet for good, with how it left; the asset takes no further command.
    Retired(Disposition),
    /// Reported lost or stolen; nobody knows where it is until it is recovered.
    Missing(MissingReason),
    /// A missing asset written off after an investigation, with an approver's sign-off
    /// ([`Command::WriteOff`]): out of the fleet and off the books (IAS 16.67). It can
    /// still be [recovered](Command::Recover) if it turns up.
    WrittenOff,
}

impl Status {
    /// The employee holding the asset (in use or asked to return it).
    pub fn holder(&self) -> Option<EmployeeId> {
        match *self {
            Status::InUse { assignee } | Status::ReturnRequested { assignee, .. } => Some(assignee),
            _ => None,
        }
    }

    /// Whether the asset has left the fleet: retired, or written off after going missing.
    pub fn is_retired(&self) -> bool {
        matches!(self, Status::Retired(_) | Status::WrittenOff)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Ordered => f.write_str("ordered"),
            Status::InStock(s) => match s {
                StockState::Available => f.write_str("in stock (available)"),
                StockState::Reserved { employee } => {
                    write!(f, "in stock (reserved for {employee})")
                }
                StockState::PendingRepair => f.write_str("in stock (pending repair)"),
                StockState::PendingSanitisation => f.write_str("in stock (pending sanitisation)"),
                StockState::PendingDisposal => f.write_str("in stock (pending disposal)"),
            },
            Status::InTransit(TransitLeg::ToEmployee { employee }) => {
                write!(f, "in transit (to employee {employee})")
            }
            Status::InTransit(TransitLeg::ToDepot) => f.write_str("in transit (to depot)"),
            Status::InUse { assignee } => write!(f, "in use (by {assignee})"),
            Status::InRepair => f.write_str("in repair"),
            Status::ReturnRequested { assignee, due } => {
                write!(f, "return requested (from {assignee}, due {due})")
            }
            Status::Retired(d) => match d {
                Disposition::Disposed => f.write_str("retired (disposed)"),
                Disposition::Sold => f.write_str("retired (sold)"),
                Disposition::Donated => f.write_str("retired (donated)"),
                Disposition::Recycled => f.write_str("retired (recycled)"),
                Disposition::VendorCredit => f.write_str("retired (vendor credit)"),
                Disposition::GiftedToEmployee { employee } => {
                    write!(f, "retired (gifted to {employee})")
                }
            },
            Status::Missing(MissingReason::Lost) => f.write_str("missing (lost)"),
            Status::Missing(MissingReason::Stolen) => f.write_str("missing (stolen)"),
            Status::WrittenOff => f.write_str("written off"),
        }
    }
}

/// Whether data may be on the asset's storage media.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum DataState {
    /// The asset has no storage media.
    NoStorage,
    /// New, or sanitised (Clear or Purge) on or after the last day anyone outside the
    /// company's stores could reach the media (see [`Lifecycle::last_exposed_on`]).
    Clean,
    /// Someone outside the company's stores (an employee, a repair vendor, whoever held
    /// it while it was missing) has had it since it was last sanitised.
    Exposed,
    /// The media was destroyed (NIST SP 800-88 Destroy); the asset can only be disposed of.
    Destroyed,
}

/// Who physically holds the asset: the chain of custody, one link at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Custodian {
    /// The supplier (before receipt).
    Supplier,
    /// A depot, warehouse or office store.
    Depot,
    /// A carrier, under a shipment's tracking number.
    Carrier,
    /// An employee of the roster, by id.
    Employee(EmployeeId),
    /// A repair vendor, while the asset is in repair.
    RepairVendor,
    /// Whoever took it at retirement (recycler, buyer, charity, vendor, employee).
    Recipient,
    /// Nobody known: the asset is missing or written off.
    Unknown,
}

impl Custodian {
    /// Whether this custodian can reach the data on the media: an employee, a repair
    /// vendor, whoever has a missing asset, or the recipient of a retired one. A depot,
    /// the supplier and a carrier (a sealed parcel) cannot.
    pub const fn reaches_data(self) -> bool {
        matches!(
            self,
            Custodian::Employee(_)
                | Custodian::RepairVendor
                | Custodian::Unknown
                | Custodian::Recipient
        )
    }
}

/// The state of one asset: its [`Status`], its [`DataState`], who holds it, and the
/// dates the rules need. Small and `Copy`, so replaying millions of events is cheap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "LifecycleRepr", into = "LifecycleRepr")
)]
pub struct Lifecycle {
    asset: AssetId,
    status: Status,
    data: DataState,
    custodian: Custodian,
    purchased_on: Option<NaiveDate>,
    last_event_on: Option<NaiveDate>,
    first_deployed_on: Option<NaiveDate>,
    last_audit_on: Option<NaiveDate>,
    last_exposed_on: Option<NaiveDate>,
    last_sanitised: Option<(NaiveDate, SanitisationMethod)>,
    retired_exposed: bool,
    events: u64,
}

impl Lifecycle {
    /// A newly ordered asset; `stores_data` says whether it carries storage media
    /// (see [`Asset::stores_data`](crate::Asset::stores_data)). No purchase date is known,
    /// so commands are not checked against it; [`Lifecycle::for_asset`] knows it.
    pub const fn new(asset: AssetId, stores_data: bool) -> Self {
        Self {
            asset,
            status: Status::Ordered,
            data: if stores_data {
                DataState::Clean
            } else {
                DataState::NoStorage
            },
            custodian: Custodian::Supplier,
            purchased_on: None,
            last_event_on: None,
            first_deployed_on: None,
            last_audit_on: None,
            last_exposed_on: None,
            last_sanitised: None,
            retired_exposed: false,
            events: 0,
        }
    }

    /// A newly ordered `asset`, with its id, its storage flag and its purchase date:
    /// [`decide`] refuses commands dated before the purchase.
    pub fn for_asset(asset: &crate::Asset) -> Self {
        Self::new(asset.id(), asset.stores_data()).with_purchase_date(asset.purchased_on())
    }

    /// The same state with the asset's purchase date, before which [`decide`] refuses
    /// every command (nothing can happen to an asset before it is bought). Only for the
    /// state before the first event, or after checking that no event predates the date
    /// (crate-internal for that reason); [`apply`] and [`step`] ignore the date.
    #[must_use]
    pub(crate) const fn with_purchase_date(mut self, purchased_on: NaiveDate) -> Self {
        self.purchased_on = Some(purchased_on);
        self
    }

    /// The id of the asset this state belongs to.
    pub fn asset(&self) -> AssetId {
        self.asset
    }
    /// Where the asset is in its life now (see the [module table](self)).
    pub fn status(&self) -> Status {
        self.status
    }
    /// Whether data may be on the asset.
    pub fn data(&self) -> DataState {
        self.data
    }
    /// Whether the asset carries storage media.
    pub fn stores_data(&self) -> bool {
        self.data != DataState::NoStorage
    }
    /// Who holds it now.
    pub fn custodian(&self) -> Custodian {
        self.custodian
    }
    /// The purchase date, when the state was made with one ([`Lifecycle::for_asset`]).
    pub fn purchased_on(&self) -> Option<NaiveDate> {
        self.purchased_on
    }
    /// The date of the latest event, if any.
    pub fn last_event_on(&self) -> Option<NaiveDate> {
        self.last_event_on
    }
    /// When an employee first received it (the in-service date for depreciation
    /// "from first deployment").
    pub fn first_deployed_on(&self) -> Option<NaiveDate> {
        self.first_deployed_on
    }
    /// The latest physical audit, if any.
    pub fn last_audit_on(&self) -> Option<NaiveDate> {
        self.last_audit_on
    }
    /// The last day someone outside the company's stores could reach the media, as far
    /// as the events tell: an employee, a repair vendor or whoever had it while it was
    /// missing ([`Custodian::reaches_data`]). While such a custodian still holds it, this
    /// is the date of the latest event. A sanitisation counts only if it was performed on
    /// or after this day. `None` for an asset without storage media or never exposed.
    pub fn last_exposed_on(&self) -> Option<NaiveDate> {
        self.last_exposed_on
    }
    /// The latest sanitisation that counted (performed on or after the day the media was
    /// last exposed), if any. A record dated earlier is kept in the log but changes nothing.
    pub fn last_sanitised(&self) -> Option<(NaiveDate, SanitisationMethod)> {
        self.last_sanitised
    }
    /// Whether the asset was retired while data may still have been on it. [`decide`]
    /// never allows this; it can only come from events recorded elsewhere and imported
    /// with [`EventLog::append`](crate::EventLog::append), and the report flags it as
    /// `ASSET-RETIRED-UNSANITISED`.
    pub fn retired_unsanitised(&self) -> bool {
        self.retired_exposed
    }
    /// How many events have been applied.
    pub fn events_applied(&self) -> u64 {
        self.events
    }

    /// Whether data may be on the media for a command dated `on`: [`DataState::Exposed`],
    /// or sanitised while a custodian who reaches the data kept holding it afterwards
    /// (a remote wipe counts for a hand-over only on the day it was done).
    fn exposed_on(&self, on: NaiveDate) -> bool {
        match self.data {
            DataState::Exposed => true,
            DataState::Clean => {
                self.custodian.reaches_data()
                    && self.last_sanitised.is_some_and(|(wiped, _)| wiped < on)
            }
            DataState::NoStorage | DataState::Destroyed => false,
        }
    }

    /// The day a sanitisation performed for a command dated `on` must not predate: the
    /// command's own date while a custodian who reaches the data holds the asset, else
    /// the last day the media was exposed.
    fn exposed_through(&self, on: NaiveDate) -> Option<NaiveDate> {
        if self.custodian.reaches_data() && self.data != DataState::NoStorage {
            Some(on)
        } else {
            self.last_exposed_on
        }
    }
}

/// What a caller asks to happen to an asset. See the [module docs](self) for the rules.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Command {
    /// Receive into stock: a new delivery from the supplier, or a return arriving at the depot.
    Receive,
    /// Hold an available asset for an employee.
    Reserve {
        /// Who to hold it for.
        employee: EmployeeId,
    },
    /// Release a reservation; the asset becomes available again.
    CancelReservation,
    /// Hand to a carrier.
    Ship(Box<Shipment>),
    /// The carrier delivered it to the employee.
    Deliver,
    /// Hand over in person.
    Assign {
        /// The employee who receives it.
        employee: EmployeeId,
    },
    /// Ask the holder to send it back by a date.
    RequestReturn {
        /// When it is due.
        due: NaiveDate,
        /// Why the return was requested (leaving, refresh or repair).
        reason: ReturnReason,
    },
    /// Taken back in person (office drop-off).
    CheckIn,
    /// Mark a stocked asset as needing repair.
    FlagForRepair,
    /// Send to a repair vendor.
    StartRepair,
    /// Back from the repair vendor, into stock; records the repair's cost if any.
    CompleteRepair {
        /// What the repair cost, if anything (not negative).
        #[cfg_attr(
            feature = "serde",
            serde(default, deserialize_with = "crate::records::non_negative_cost")
        )]
        cost: Option<Money>,
    },
    /// Record a NIST SP 800-88 sanitisation.
    Sanitise(Box<SanitisationRecord>),
    /// Mark a stocked asset for disposal.
    MarkForDisposal,
    /// Take out of the fleet.
    Retire {
        /// How it left the fleet (scrapped, sold, donated, recycled, vendor credit or gifted).
        disposition: Disposition,
    },
    /// Report lost or stolen.
    ReportMissing {
        /// Whether it was lost or stolen.
        reason: MissingReason,
    },
    /// A missing (or written-off) asset turned up and is back at a depot.
    Recover,
    /// A physical audit confirmed where it is.
    RecordAudit,
    /// Write a missing asset off after an investigation, with who approved it.
    WriteOff(Box<WriteOff>),
}

/// The name of a command, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CommandKind {
    /// [`Command::Receive`].
    Receive,
    /// [`Command::Reserve`].
    Reserve,
    /// [`Command::CancelReservation`].
    CancelReservation,
    /// [`Command::Ship`].
    Ship,
    /// [`Command::Deliver`].
    Deliver,
    /// [`Command::Assign`].
    Assign,
    /// [`Command::RequestReturn`].
    RequestReturn,
    /// [`Command::CheckIn`].
    CheckIn,
    /// [`Command::FlagForRepair`].
    FlagForRepair,
    /// [`Command::StartRepair`].
    StartRepair,
    /// [`Command::CompleteRepair`].
    CompleteRepair,
    /// [`Command::Sanitise`].
    Sanitise,
    /// [`Command::MarkForDisposal`].
    MarkForDisposal,
    /// [`Command::Retire`].
    Retire,
    /// [`Command::ReportMissing`].
    ReportMissing,
    /// [`Command::Recover`].
    Recover,
    /// [`Command::RecordAudit`].
    RecordAudit,
    /// [`Command::WriteOff`].
    WriteOff,
}

impl fmt::Display for CommandKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CommandKind::Receive => "receive",
            CommandKind::Reserve => "reserve",
            CommandKind::CancelReservation => "cancel reservation",
            CommandKind::Ship => "ship",
            CommandKind::Deliver => "deliver",
            CommandKind::Assign => "assign",
            CommandKind::RequestReturn => "request return",
            CommandKind::CheckIn => "check in",
            CommandKind::FlagForRepair => "flag for repair",
            CommandKind::StartRepair => "start repair",
            CommandKind::CompleteRepair => "complete repair",
            CommandKind::Sanitise => "sanitise",
            CommandKind::MarkForDisposal => "mark for disposal",
            CommandKind::Retire => "retire",
            CommandKind::ReportMissing => "report missing",
            CommandKind::Recover => "recover",
            CommandKind::RecordAudit => "record audit",
            CommandKind::WriteOff => "write off",
        })
    }
}

impl Command {
    /// The command's name without its payload, as errors report it.
    pub fn kind(&self) -> CommandKind {
        match self {
            Command::Receive => CommandKind::Receive,
            Command::Reserve { .. } => CommandKind::Reserve,
            Command::CancelReservation => CommandKind::CancelReservation,
            Command::Ship(_) => CommandKind::Ship,
            Command::Deliver => CommandKind::Deliver,
            Command::Assign { .. } => CommandKind::Assign,
            Command::RequestReturn { .. } => CommandKind::RequestReturn,
            Command::CheckIn => CommandKind::CheckIn,
            Command::FlagForRepair => CommandKind::FlagForRepair,
            Command::StartRepair => CommandKind::StartRepair,
            Command::CompleteRepair { .. } => CommandKind::CompleteRepair,
            Command::Sanitise(_) => CommandKind::Sanitise,
            Command::MarkForDisposal => CommandKind::MarkForDisposal,
            Command::Retire { .. } => CommandKind::Retire,
            Command::ReportMissing { .. } => CommandKind::ReportMissing,
            Command::Recover => CommandKind::Recover,
            Command::RecordAudit => CommandKind::RecordAudit,
            Command::WriteOff(_) => CommandKind::WriteOff,
        }
    }
}

/// What happened to an asset, in the past tense. Payloads mirror the [`Command`]s.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Change {
    /// Received into stock at a depot (from the supplier, or back from a person).
    Received,
    /// Reserved for an employee.
    Reserved {
        /// The employee it is held for.
        employee: EmployeeId,
    },
    /// The reservation was released; the asset is available again.
    ReservationCancelled,
    /// Handed to a carrier.
    Shipped(Box<Shipment>),
    /// Delivered to the employee it was shipped to.
    Delivered,
    /// Handed over in person.
    Assigned {
        /// The employee who receives it.
        employee: EmployeeId,
    },
    /// The holder was asked to send it back by a date.
    ReturnRequested {
        /// The day it is due back; on or after the request's date.
        due: NaiveDate,
        /// Why the return was requested (leaving, refresh or repair).
        reason: ReturnReason,
    },
    /// Taken back in person.
    CheckedIn,
    /// Marked as needing repair while in stock.
    RepairFlagged,
    /// Sent to a repair vendor.
    RepairStarted,
    /// Back from the repair vendor, into stock.
    RepairCompleted {
        /// The repair cost, if any (not negative).
        #[cfg_attr(
            feature = "serde",
            serde(default, deserialize_with = "crate::records::non_negative_cost")
        )]
        cost: Option<Money>,
    },
    /// Wiped or destroyed under NIST SP 800-88, with the record.
    Sanitised(Box<SanitisationRecord>),
    /// Marked for disposal while in stock.
    DisposalMarked,
    /// Taken out of the fleet for good.
    Retired {
        /// How it left the fleet (scrapped, sold, donated, recycled, vendor credit or gifted).
        disposition: Disposition,
    },
    /// Reported lost or stolen.
    ReportedMissing {
        /// Whether it was lost or stolen.
        reason: MissingReason,
    },
    /// A missing or written-off asset turned up and is back at a depot.
    Recovered,
    /// A physical audit confirmed where it is.
    Audited,
    /// Written off after going missing, with the approval.
    WrittenOff(Box<WriteOff>),
}

impl Change {
    /// The change an allowed command causes, cloning its payload.
    pub(crate) fn of(command: &Command) -> Self {
        match command {
            Command::Ship(shipment) => Change::Shipped(shipment.clone()),
            Command::Sanitise(record) => Change::Sanitised(record.clone()),
            Command::WriteOff(approval) => Change::WrittenOff(approval.clone()),
            other => Self::plain(other),
        }
    }

    /// The change an allowed command causes, moving its payload (no clone).
    pub(crate) fn from_command(command: Command) -> Self {
        match command {
            Command::Ship(shipment) => Change::Shipped(shipment),
            Command::Sanitise(record) => Change::Sanitised(record),
            Command::WriteOff(approval) => Change::WrittenOff(approval),
            other => Self::plain(&other),
        }
    }

    /// Whether this is the change `command` causes (payloads compared, nothing cloned).
    pub(crate) fn is_caused_by(&self, command: &Command) -> bool {
        match (self, command) {
            (Change::Shipped(held), Command::Ship(asked)) => held == asked,
            (Change::Sanitised(held), Command::Sanitise(asked)) => held == asked,
            (Change::WrittenOff(held), Command::WriteOff(asked)) => held == asked,
            (_, Command::Ship(_) | Command::Sanitise(_) | Command::WriteOff(_)) => false,
            (held, asked) => *held == Self::plain(asked),
        }
    }

    /// The change of a command without a boxed payload.
    fn plain(command: &Command) -> Self {
        match *command {
            Command::Receive => Change::Received,
            Command::Reserve { employee } => Change::Reserved { employee },
            Command::CancelReservation => Change::ReservationCancelled,
            Command::Deliver => Change::Delivered,
            Command::Assign { employee } => Change::Assigned { employee },
            Command::RequestReturn { due, reason } => Change::ReturnRequested { due, reason },
            Command::CheckIn => Change::CheckedIn,
            Command::FlagForRepair => Change::RepairFlagged,
            Command::StartRepair => Change::RepairStarted,
            Command::CompleteRepair { cost } => Change::RepairCompleted { cost },
            Command::MarkForDisposal => Change::DisposalMarked,
            Command::Retire { disposition } => Change::Retired { disposition },
            Command::ReportMissing { reason } => Change::ReportedMissing { reason },
            Command::Recover => Change::Recovered,
            Command::RecordAudit => Change::Audited,
            Command::Ship(ref shipment) => Change::Shipped(shipment.clone()),
            Command::Sanitise(ref record) => Change::Sanitised(record.clone()),
            Command::WriteOff(ref approval) => Change::WrittenOff(approval.clone()),
        }
    }
}

/// A [`Change`] as the state machine folds it: small and `Copy`, without the documents
/// a change carries (a shipment's carrier, tracking number and cost; a sanitisation
/// record's technique, tool and people; a repair's cost).
///
/// Reports read histories as transitions (see [`AssetHistory`](crate::AssetHistory)), so
/// a caller whose storage keeps the documents elsewhere, or derives them, can hand over
/// a history without building them. [`step`] folds a transition as [`apply`] folds the
/// event it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Transition {
    /// [`Change::Received`].
    Received,
    /// [`Change::Reserved`].
    Reserved {
        /// The employee it is held for.
        employee: EmployeeId,
    },
    /// [`Change::ReservationCancelled`].
    ReservationCancelled,
    /// [`Change::Shipped`], with the shipment's destination.
    Shipped {
        /// Where the shipment goes.
        destination: Destination,
    },
    /// [`Change::Delivered`].
    Delivered,
    /// [`Change::Assigned`].
    Assigned {
        /// The employee who receives it.
        employee: EmployeeId,
    },
    /// [`Change::ReturnRequested`].
    ReturnRequested {
        /// The day it is due back; on or after the request's date.
        due: NaiveDate,
        /// Why the return was requested (leaving, refresh or repair).
        reason: ReturnReason,
    },
    /// [`Change::CheckedIn`].
    CheckedIn,
    /// [`Change::RepairFlagged`].
    RepairFlagged,
    /// [`Change::RepairStarted`].
    RepairStarted,
    /// [`Change::RepairCompleted`] (the cost stays in the change).
    RepairCompleted,
    /// [`Change::Sanitised`], with the record's method and date.
    Sanitised {
        /// Clear, Purge or Destroy.
        method: SanitisationMethod,
        /// When it was done.
        performed_on: NaiveDate,
    },
    /// [`Change::DisposalMarked`].
    DisposalMarked,
    /// [`Change::Retired`].
    Retired {
        /// How it left the fleet (scrapped, sold, donated, recycled, vendor credit or gifted).
        disposition: Disposition,
    },
    /// [`Change::ReportedMissing`].
    ReportedMissing {
        /// Whether it was lost or stolen.
        reason: MissingReason,
    },
    /// [`Change::Recovered`].
    Recovered,
    /// [`Change::Audited`].
    Audited,
    /// [`Change::WrittenOff`] (the approval stays in the change).
    WrittenOff,
}

impl Change {
    /// The transition this change makes, without its documents.
    #[inline]
    pub fn transition(&self) -> Transition {
        match self {
            Change::Received => Transition::Received,
            Change::Reserved { employee } => Transition::Reserved {
                employee: *employee,
            },
            Change::ReservationCancelled => Transition::ReservationCancelled,
            Change::Shipped(shipment) => Transition::Shipped {
                destination: shipment.destination(),
            },
            Change::Delivered => Transition::Delivered,
            Change::Assigned { employee } => Transition::Assigned {
                employee: *employee,
            },
            Change::ReturnRequested { due, reason } => Transition::ReturnRequested {
                due: *due,
                reason: *reason,
            },
            Change::CheckedIn => Transition::CheckedIn,
            Change::RepairFlagged => Transition::RepairFlagged,
            Change::RepairStarted => Transition::RepairStarted,
            Change::RepairCompleted { .. } => Transition::RepairCompleted,
            Change::Sanitised(record) => Transition::Sanitised {
                method: record.method(),
                performed_on: record.performed_on(),
            },
            Change::DisposalMarked => Transition::DisposalMarked,
            Change::Retired { disposition } => Transition::Retired {
                disposition: *disposition,
            },
            Change::ReportedMissing { reason } => Transition::ReportedMissing { reason: *reason },
            Change::Recovered => Transition::Recovered,
            Change::Audited => Transition::Audited,
            Change::WrittenOff(_) => Transition::WrittenOff,
        }
    }
}

/// One fact in an asset's history: a [`Change`] and the date it happened.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Event {
    on: NaiveDate,
    change: Change,
}

impl Event {
    /// An event. Normally produced by [`decide`]; build one directly only to import a
    /// history recorded elsewhere.
    pub const fn new(on: NaiveDate, change: Change) -> Self {
        Self { on, change }
    }
    /// The date it happened (a calendar day; events carry no time of day).
    pub fn on(&self) -> NaiveDate {
        self.on
    }
    /// What happened, with its payload (recipient, document, cost, ...).
    pub fn change(&self) -> &Change {
        &self.change
    }
}

/// An asset as an error names it: by the caller's own [`AssetTag`] when the layer that
/// refused knows it (a [`TrackedAsset`](crate::TrackedAsset) knows its asset), otherwise
/// by the [`AssetId`] the caller gave ([`decide`] on a bare [`Lifecycle`], an
/// [`EventLog`](crate::EventLog) made from an id).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AssetRef {
    id: AssetId,
    tag: Option<AssetTag>,
}

impl AssetRef {
    /// An asset known by its id only.
    pub const fn id_only(id: AssetId) -> Self {
        Self { id, tag: None }
    }
    /// An asset known by its id and the caller's tag.
    pub fn tagged(id: AssetId, tag: AssetTag) -> Self {
        Self { id, tag: Some(tag) }
    }
    /// The asset's id (stable across its whole life).
    pub fn id(&self) -> AssetId {
        self.id
    }
    /// The caller's tag, when the refusing layer knew it.
    pub fn tag(&self) -> Option<&AssetTag> {
        self.tag.as_ref()
    }
    /// Names the asset by `tag` from now on (`tag` must be the asset's own).
    pub(crate) fn name(&mut self, tag: &AssetTag) {
        self.tag = Some(tag.clone());
    }
}

impl fmt::Display for AssetRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.tag {
            Some(tag) => fmt::Display::fmt(tag, f),
            None => fmt::Display::fmt(&self.id, f),
        }
    }
}

/// A command was refused. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LifecycleError {
    /// The command is not allowed in the asset's current state.
    #[error("asset {asset}: cannot {command} while {state}")]
    InvalidTransition {
        /// The asset, by the caller's tag when the refusing layer knew it, else by id.
        asset: AssetRef,
        /// The asset's status when the command arrived (unchanged by the refusal).
        state: Status,
        /// Which command was refused.
        command: CommandKind,
    },
    /// The asset may hold someone's data and has not been sanitised.
    #[error(
        "asset {asset}: cannot {command} while {state}: it stores data and has no NIST SP 800-88 sanitisation record since it was last held by a person"
    )]
    SanitisationRequired {
        /// The asset, by the caller's tag when the refusing layer knew it, else by id.
        asset: AssetRef,
        /// The asset's status when the command arrived (unchanged by the refusal).
        state: Status,
        /// Which command was refused.
        command: CommandKind,
    },
    /// A sanitisation record is dated before the media was last exposed, so it cannot
    /// have removed the data put on it since.
    #[error(
        "asset {asset}: cannot sanitise: field `performed_on` ({performed_on}) is before the media was last exposed ({exposed_on}); a sanitisation counts only if performed on or after that day"
    )]
    SanitisationPredatesExposure {
        /// The asset, by the caller's tag when the refusing layer knew it, else by id.
        asset: AssetRef,
        /// The day the sanitisation record says the work was done.
        performed_on: NaiveDate,
        /// The last day someone outside the company's stores could reach the media.
        exposed_on: NaiveDate,
    },
    /// The media was destroyed (NIST SP 800-88 Destroy): the asset can only be disposed of.
    #[error(
        "asset {asset}: cannot {command} while {state}: its media was destroyed, so it can only be disposed of"
    )]
    MediaDestroyed {
        /// The asset, by the caller's tag when the refusing layer knew it, else by id.
        asset: AssetRef,
        /// The asset's status when the command arrived (unchanged by the refusal).
        state: Status,
        /// Which command was refused.
        command: CommandKind,
    },
    /// Sanitisation was recorded for an asset without storage media.
    #[error("asset {asset}: cannot sanitise while {state}: it has no storage media")]
    NoStorage {
        /// The asset, by the caller's tag when the refusing layer knew it, else by id.
        asset: AssetRef,
        /// The asset's status when the command arrived (unchanged by the refusal).
        state: Status,
    },
    /// The asset is reserved for, or held by, someone else.
    #[error("asset {asset}: cannot {command} for {requested} while {state}")]
    WrongEmployee {
        /// The asset, by the caller's tag when the refusing layer knew it, else by id.
        asset: AssetRef,
        /// The asset's status when the command arrived (unchanged by the refusal).
        state: Status,
        /// Which command was refused.
        command: CommandKind,
        /// The employee the command named.
        requested: EmployeeId,
    },
    /// The command is dated before the asset's latest event.
    #[error("asset {asset}: cannot {command} on {on}: the latest event is dated {latest}")]
    BackDated {
        /// The asset, by the caller's tag when the refusing layer knew it, else by id.
        asset: AssetRef,
        /// Which command was refused.
        command: CommandKind,
        /// The date the command was dated (the event's date had it succeeded).
        on: NaiveDate,
        /// The latest event's date.
        latest: NaiveDate,
    },
    /// The command, or a date inside it, is before the asset was bought.
    #[error(
        "asset {asset}: cannot {command}: field `{field}` ({date}) is before the purchase date ({purchased_on})"
    )]
    BeforePurchase {
        /// The asset, by the caller's tag when the refusing layer knew it, else by id.
        asset: AssetRef,
        /// Which command was refused.
        command: CommandKind,
        /// `on` (the command's date) or `performed_on` (a sanitisation record's).
        field: &'static str,
        /// The date that was refused.
        date: NaiveDate,
        /// The asset's purchase date.
        purchased_on: NaiveDate,
    },
    /// A date inside the command is inconsistent with the command's date.
    #[error("asset {asset}: cannot {command} on {on}: field `{field}` is {value}")]
    BadDate {
        /// The asset, by the caller's tag when the refusing layer knew it, else by id.
        asset: AssetRef,
        /// Which command was refused.
        command: CommandKind,
        /// The date the command was dated (the event's date had it succeeded).
        on: NaiveDate,
        /// Which date was refused: `due` (before the command's date) or `performed_on`
        /// (after it).
        field: &'static str,
        /// The date that was refused.
        value: NaiveDate,
    },
    /// A repair cost was negative.
    #[error("asset {asset}: cannot {command}: field `cost` must not be negative, got {cost}")]
    NegativeCost {
        /// The asset, by the caller's tag when the refusing layer knew it, else by id.
        asset: AssetRef,
        /// Which command was refused.
        command: CommandKind,
        /// The repair cost given, which was below zero.
        cost: Money,
    },
}

impl LifecycleError {
    /// The asset the error names.
    pub fn asset(&self) -> &AssetRef {
        match self {
            LifecycleError::InvalidTransition { asset, .. }
            | LifecycleError::SanitisationRequired { asset, .. }
            | LifecycleError::SanitisationPredatesExposure { asset, .. }
            | LifecycleError::MediaDestroyed { asset, .. }
            | LifecycleError::NoStorage { asset, .. }
            | LifecycleError::WrongEmployee { asset, .. }
            | LifecycleError::BackDated { asset, .. }
            | LifecycleError::BeforePurchase { asset, .. }
            | LifecycleError::BadDate { asset, .. }
            | LifecycleError::NegativeCost { asset, .. } => asset,
        }
    }

    /// The same error naming the asset by the caller's `tag`.
    pub(crate) fn named(mut self, tag: &AssetTag) -> Self {
        match &mut self {
            LifecycleError::InvalidTransition { asset, .. }
            | LifecycleError::SanitisationRequired { asset, .. }
            | LifecycleError::SanitisationPredatesExposure { asset, .. }
            | LifecycleError::MediaDestroyed { asset, .. }
            | LifecycleError::NoStorage { asset, .. }
            | LifecycleError::WrongEmployee { asset, .. }
            | LifecycleError::BackDated { asset, .. }
            | LifecycleError::BeforePurchase { asset, .. }
            | LifecycleError::BadDate { asset, .. }
            | LifecycleError::NegativeCost { asset, .. } => asset.name(tag),
        }
        self
    }
}

/// Checks `command` against `state` and returns the events it causes, dated `on`.
///
/// # Errors
///
/// A [`LifecycleError`] naming the asset, its state and the command when the command is
/// not allowed; the state is untouched (it is borrowed immutably).
pub fn decide(
    state: &Lifecycle,
    command: &Command,
    on: NaiveDate,
) -> Result<Vec<Event>, LifecycleError> {
    check(state, command, on)?;
    Ok(vec![Event::new(on, Change::of(command))])
}

/// The rules behind [`decide`]: whether `command` is allowed on `on`. Every allowed
/// command causes exactly one event, [`Change::of`] it (or [`Change::from_command`]).
pub(crate) fn check(
    state: &Lifecycle,
    command: &Command,
    on: NaiveDate,
) -> Result<(), LifecycleError> {
    let asset = || AssetRef::id_only(state.asset);
    let kind = command.kind();
    let status = state.status;
    if let Some(purchased_on) = state.purchased_on
        && on < purchased_on
    {
        return Err(LifecycleError::BeforePurchase {
            asset: asset(),
            command: kind,
            field: "on",
            date: on,
            purchased_on,
        });
    }
    if let Some(latest) = state.last_event_on
        && on < latest
    {
        return Err(LifecycleError::BackDated {
            asset: asset(),
            command: kind,
            on,
            latest,
        });
    }
    let invalid = || LifecycleError::InvalidTransition {
        asset: asset(),
        state: status,
        command: kind,
    };
    let unsanitised = || LifecycleError::SanitisationRequired {
        asset: asset(),
        state: status,
        command: kind,
    };
    // NIST SP 800-88 Destroy leaves media that can only be disposed of: the asset may be
    // retired, reported missing, recovered, written off or audited, and nothing else.
    if state.data == DataState::Destroyed
        && !matches!(
            command,
            Command::Retire { .. }
                | Command::MarkForDisposal
                | Command::ReportMissing { .. }
                | Command::Recover
                | Command::RecordAudit
                | Command::WriteOff(_)
        )
    {
        return Err(LifecycleError::MediaDestroyed {
            asset: asset(),
            state: status,
            command: kind,
        });
    }
    let exposed = state.exposed_on(on);
    match command {
        Command::Receive => match status {
            Status::Ordered | Status::InTransit(TransitLeg::ToDepot) => {}
            _ => return Err(invalid()),
        },
        Command::Reserve { .. } => match status {
            Status::InStock(StockState::Available) if exposed => return Err(unsanitised()),
            Status::InStock(StockState::Available) => {}
            _ => return Err(invalid()),
        },
        Command::CancelReservation => match status {
            Status::InStock(StockState::Reserved { .. }) => {}
            _ => return Err(invalid()),
        },
        Command::Ship(shipment) => match (status, shipment.destination()) {
            (Status::InStock(stock), Destination::Employee(employee)) => {
                check_handover(state, stock, employee, kind)?;
            }
            (Status::InUse { .. } | Status::ReturnRequested { .. }, Destination::Depot) => {}
            _ => return Err(invalid()),
        },
        Command::Deliver => match status {
            Status::InTransit(TransitLeg::ToEmployee { .. }) => {}
            _ => return Err(invalid()),
        },
        Command::Assign { employee } => match status {
            Status::InStock(stock) => {
                check_handover(state, stock, *employee, kind)?;
            }
            _ => return Err(invalid()),
        },
        Command::RequestReturn { due, .. } => match status {
            Status::InUse { .. } if *due < on => {
                return Err(LifecycleError::BadDate {
                    asset: asset(),
                    command: kind,
                    on,
                    field: "due",
                    value: *due,
                });
            }
            Status::InUse { .. } => {}
            _ => return Err(invalid()),
        },
        Command::CheckIn => match status {
            Status::InUse { .. } | Status::ReturnRequested { .. } => {}
            _ => return Err(invalid()),
        },
        Command::FlagForRepair => match status {
            Status::InStock(StockState::Available) => {}
            _ => return Err(invalid()),
        },
        Command::StartRepair => match status {
            Status::InStock(StockState::Available | StockState::PendingRepair)
            | Status::InUse { .. } => {}
            _ => return Err(invalid()),
        },
        Command::CompleteRepair { cost } => {
            if status != Status::InRepair {
                return Err(invalid());
            }
            if let Some(cost) = cost.filter(Money::is_negative) {
                return Err(LifecycleError::NegativeCost {
                    asset: asset(),
                    command: kind,
                    cost,
                });
            }
        }
        Command::Sanitise(record) => {
            if state.data == DataState::NoStorage {
                return Err(LifecycleError::NoStorage {
                    asset: asset(),
                    state: status,
                });
            }
            let destroy = record.method() == SanitisationMethod::Destroy;
            match status {
                Status::InStock(StockState::Reserved { .. }) => return Err(invalid()),
                Status::InStock(_) => {}
                Status::InUse { .. } | Status::ReturnRequested { .. } if !destroy => {}
                _ => return Err(invalid()),
            }
            let performed_on = record.performed_on();
            if performed_on > on {
                return Err(LifecycleError::BadDate {
                    asset: asset(),
                    command: kind,
                    on,
                    field: "performed_on",
                    value: performed_on,
                });
            }
            if let Some(purchased_on) = state.purchased_on
                && performed_on < purchased_on
            {
                return Err(LifecycleError::BeforePurchase {
                    asset: asset(),
                    command: kind,
                    field: "performed_on",
                    date: performed_on,
                    purchased_on,
                });
            }
            if let Some(exposed_on) = state.exposed_through(on)
                && performed_on < exposed_on
            {
                return Err(LifecycleError::SanitisationPredatesExposure {
                    asset: asset(),
                    performed_on,
                    exposed_on,
                });
            }
        }
        Command::MarkForDisposal => match status {
            Status::InStock(
                StockState::Available | StockState::PendingRepair | StockState::PendingSanitisation,
            ) => {}
            _ => return Err(invalid()),
        },
        Command::Retire { disposition } => {
            match (status, *disposition) {
                (
                    Status::InUse { assignee } | Status::ReturnRequested { assignee, .. },
                    Disposition::GiftedToEmployee { employee },
                ) => {
                    if assignee != employee {
                        return Err(LifecycleError::WrongEmployee {
                            asset: asset(),
                            state: status,
                            command: kind,
                            requested: employee,
                        });
                    }
                }
                (Status::InStock(StockState::Reserved { .. }), _) => return Err(invalid()),
                (Status::InStock(_), d) if !matches!(d, Disposition::GiftedToEmployee { .. }) => {}
                _ => return Err(invalid()),
            }
            if exposed {
                return Err(unsanitised());
            }
        }
        Command::ReportMissing { .. } => match status {
            Status::InStock(_)
            | Status::InTransit(_)
            | Status::InUse { .. }
            | Status::ReturnRequested { .. }
            | Status::InRepair => {}
            _ => return Err(invalid()),
        },
        Command::Recover => match status {
            Status::Missing(_) | Status::WrittenOff => {}
            _ => return Err(invalid()),
        },
        Command::RecordAudit => match status {
            Status::Retired(_) | Status::Missing(_) | Status::WrittenOff | Status::Ordered => {
                return Err(invalid());
            }
            _ => {}
        },
        Command::WriteOff(_) => match status {
            Status::Missing(_) => {}
            _ => return Err(invalid()),
        },
    }
    Ok(())
}

fn check_handover(
    state: &Lifecycle,
    stock: StockState,
    employee: EmployeeId,
    command: CommandKind,
) -> Result<(), LifecycleError> {
    let asset = AssetRef::id_only(state.asset);
    let status = state.status;
    match stock {
        StockState::Available => {}
        StockState::Reserved { employee: held_for } if held_for == employee => {}
        StockState::Reserved { .. } => {
            return Err(LifecycleError::WrongEmployee {
                asset,
                state: status,
                command,
                requested: employee,
            });
        }
        StockState::PendingSanitisation if state.data == DataState::Exposed => {
            return Err(LifecycleError::SanitisationRequired {
                asset,
                state: status,
                command,
            });
        }
        _ => {
            return Err(LifecycleError::InvalidTransition {
                asset,
                state: status,
                command,
            });
        }
    }
    if state.data == DataState::Exposed {
        return Err(LifecycleError::SanitisationRequired {
            asset,
            state: status,
            command,
        });
    }
    Ok(())
}

/// Folds one event into the state. Never fails: an event is a fact.
///
/// Applying an event the rules would not have allowed (one imported from another
/// system) still yields a well-defined state; the report's checks, not `apply`, flag it.
pub fn apply(state: Lifecycle, event: &Event) -> Lifecycle {
    step(state, event.on, event.change.transition())
}

/// Folds one [`Transition`] dated `on` into the state: [`apply`] for a history read as
/// transitions (`apply(s, e) == step(s, e.on(), e.change().transition())`). Never fails.
///
/// The media's exposure is followed by custody: while a custodian that
/// [reaches the data](Custodian::reaches_data) holds the asset, every event extends the
/// exposure to its date (a remote wipe stops counting once the holder keeps the device
/// past the day it was done), and a hand-over to such a custodian exposes the media
/// again. A sanitisation counts only if performed on or after the last day of exposure;
/// one dated earlier changes nothing. Destroyed media stay destroyed.
#[inline]
pub fn step(mut state: Lifecycle, on: NaiveDate, transition: Transition) -> Lifecycle {
    let stores = state.data != DataState::NoStorage;
    let before = state.custodian;
    if stores && before.reaches_data() {
        // The holder kept the media up to this event.
        state.last_exposed_on = Some(on);
        if state.data == DataState::Clean
            && state.last_sanitised.is_some_and(|(wiped, _)| wiped < on)
        {
            state.data = DataState::Exposed;
        }
    }
    // Where a returned asset lands in stock: dirty media wait for sanitisation,
    // destroyed media for disposal.
    let back_in_stock = |data: DataState| match data {
        DataState::Exposed => Status::InStock(StockState::PendingSanitisation),
        DataState::Destroyed => Status::InStock(StockState::PendingDisposal),
        DataState::NoStorage | DataState::Clean => Status::InStock(StockState::Available),
    };
    match transition {
        Transition::Received => {
            state.status = back_in_stock(state.data);
            state.custodian = Custodian::Depot;
        }
        Transition::Reserved { employee } => {
            state.status = Status::InStock(StockState::Reserved { employee });
        }
        Transition::ReservationCancelled => {
            state.status = back_in_stock(state.data);
        }
        Transition::Shipped { destination } => {
            state.status = Status::InTransit(match destination {
                Destination::Employee(employee) => TransitLeg::ToEmployee { employee },
                Destination::Depot => TransitLeg::ToDepot,
            });
            state.custodian = Custodian::Carrier;
        }
        Transition::Delivered => {
            let employee = match state.status {
                Status::InTransit(TransitLeg::ToEmployee { employee }) => Some(employee),
                _ => None,
            };
            match employee {
                Some(employee) => state = hand_to(state, employee, on),
                None => {
                    // An imported delivery without a matching shipment: the holder is unknown.
                    state.custodian = Custodian::Unknown;
                }
            }
        }
        Transition::Assigned { employee } => state = hand_to(state, employee, on),
        Transition::ReturnRequested { due, .. } => {
            if let Some(assignee) = state.status.holder() {
                state.status = Status::ReturnRequested { assignee, due };
            }
        }
        Transition::CheckedIn | Transition::RepairCompleted | Transition::Recovered => {
            state.status = back_in_stock(state.data);
            state.custodian = Custodian::Depot;
        }
        Transition::RepairFlagged => state.status = Status::InStock(StockState::PendingRepair),
        Transition::RepairStarted => {
            state.status = Status::InRepair;
            state.custodian = Custodian::RepairVendor;
        }
        Transition::Sanitised {
            method,
            performed_on,
        } => {
            // A record dated after its own event, or before the media was last exposed,
            // cannot have removed the data put on it since.
            let counts = performed_on <= on
                && state
                    .last_exposed_on
                    .is_none_or(|exposed| performed_on >= exposed);
            if counts && matches!(state.data, DataState::Clean | DataState::Exposed) {
                state.last_sanitised = Some((performed_on, method));
                if method == SanitisationMethod::Destroy {
                    state.data = DataState::Destroyed;
                    if matches!(state.status, Status::InStock(_)) {
                        state.status = Status::InStock(StockState::PendingDisposal);
                    }
                } else {
                    state.data = DataState::Clean;
                    if state.status == Status::InStock(StockState::PendingSanitisation) {
                        state.status = Status::InStock(StockState::Available);
                    }
                }
            }
        }
        Transition::DisposalMarked => state.status = Status::InStock(StockState::PendingDisposal),
        Transition::Retired { disposition } => {
            state.retired_exposed = state.data == DataState::Exposed;
            state.status = Status::Retired(disposition);
            state.custodian = Custodian::Recipient;
        }
        Transition::ReportedMissing { reason } => {
            state.status = Status::Missing(reason);
            state.custodian = Custodian::Unknown;
        }
        Transition::WrittenOff => {
            state.status = Status::WrittenOff;
            state.custodian = Custodian::Unknown;
        }
        Transition::Audited => state.last_audit_on = Some(on),
    }
    let after = state.custodian;
    if stores && after != before && after.reaches_data() && after != Custodian::Recipient {
        // A new holder who can reach the data: exposed from today, whatever was wiped.
        state.last_exposed_on = Some(on);
        if state.data == DataState::Clean {
            state.data = DataState::Exposed;
        }
    }
    state.last_event_on = Some(state.last_event_on.map_or(on, |d| d.max(on)));
    state.events = state.events.saturating_add(1);
    state
}

#[inline]
fn hand_to(mut state: Lifecycle, employee: EmployeeId, on: NaiveDate) -> Lifecycle {
    state.status = Status::InUse { assignee: employee };
    state.custodian = Custodian::Employee(employee);
    if state.data == DataState::Clean {
        state.data = DataState::Exposed;
    }
    if state.data != DataState::NoStorage {
        state.last_exposed_on = Some(on);
    }
    if state.first_deployed_on.is_none() {
        state.first_deployed_on = Some(on);
    }
    state
}

/// A deserialised [`Lifecycle`] (or [`Snapshot`](crate::Snapshot)) broke an invariant
/// that every state [`Lifecycle::new`] and [`step`] produce keeps.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("lifecycle of asset {asset}: field `{field}` {problem}")]
pub struct InconsistentState {
    /// The asset (a bare state knows only its id).
    pub asset: AssetId,
    /// The field of the saved state that breaks the invariant.
    pub field: &'static str,
    /// What is wrong with it.
    pub problem: &'static str,
}

impl Lifecycle {
    /// Checks the invariants every reachable state keeps: a state without events is a
    /// new order; the event dates inside it are not after its latest event; a state
    /// without storage media records no exposure, sanitisation or unsanitised retirement;
    /// destroyed media carry a Destroy record and other media none; exposed media have
    /// an exposure date.
    pub(crate) fn validate(&self) -> Result<(), InconsistentState> {
        let bad = |field, problem| {
            Err(InconsistentState {
                asset: self.asset,
                field,
                problem,
            })
        };
        let Some(latest) = self.last_event_on else {
            if self.events != 0 {
                return bad("last_event_on", "is missing although events were applied");
            }
            let fresh = Self {
                purchased_on: self.purchased_on,
                ..Self::new(self.asset, self.stores_data())
            };
            if *self != fresh {
                return bad("events", "is 0 but the state is not a newly ordered asset");
            }
            return Ok(());
        };
        if self.events == 0 {
            return bad("events", "is 0 although an event date is recorded");
        }
        for (field, date) in [
            ("first_deployed_on", self.first_deployed_on),
            ("last_audit_on", self.last_audit_on),
            ("last_exposed_on", self.last_exposed_on),
            ("last_sanitised", self.last_sanitised.map(|(on, _)| on)),
        ] {
            if date.is_some_and(|d| d > latest) {
                return bad(field, "is after the latest event");
            }
        }
        let destroy = self
            .last_sanitised
            .is_some_and(|(_, method)| method == SanitisationMethod::Destroy);
        match self.data {
            DataState::NoStorage
                if self.last_exposed_on.is_some()
                    || self.last_sanitised.is_some()
                    || self.retired_exposed =>
            {
                return bad(
                    "data",
                    "says no storage media but exposure or sanitisation is recorded",
                );
            }
            DataState::Destroyed if !destroy => {
                return bad(
                    "last_sanitised",
                    "is not a Destroy record for destroyed media",
                );
            }
            DataState::Clean | DataState::Exposed if destroy => {
                return bad(
                    "last_sanitised",
                    "is a Destroy record but the media is not destroyed",
                );
            }
            DataState::Exposed if self.last_exposed_on.is_none() => {
                return bad("last_exposed_on", "is missing for exposed media");
            }
            _ => {}
        }
        Ok(())
    }
}

/// The stored form of a [`Lifecycle`], checked by [`Lifecycle::validate`] when read.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct LifecycleRepr {
    asset: AssetId,
    status: Status,
    data: DataState,
    custodian: Custodian,
    #[serde(default)]
    purchased_on: Option<NaiveDate>,
    last_event_on: Option<NaiveDate>,
    first_deployed_on: Option<NaiveDate>,
    last_audit_on: Option<NaiveDate>,
    #[serde(default)]
    last_exposed_on: Option<NaiveDate>,
    last_sanitised: Option<(NaiveDate, SanitisationMethod)>,
    retired_exposed: bool,
    events: u64,
}

#[cfg(feature = "serde")]
impl TryFrom<LifecycleRepr> for Lifecycle {
    type Error = InconsistentState;

    fn try_from(r: LifecycleRepr) -> Result<Self, Self::Error> {
        let state = Lifecycle {
            asset: r.asset,
            status: r.status,
            data: r.data,
            custodian: r.custodian,
            purchased_on: r.purchased_on,
            last_event_on: r.last_event_on,
            first_deployed_on: r.first_deployed_on,
            last_audit_on: r.last_audit_on,
            last_exposed_on: r.last_exposed_on,
            last_sanitised: r.last_sanitised,
            retired_exposed: r.retired_exposed,
            events: r.events,
        };
        state.validate()?;
        Ok(state)
    }
}

#[cfg(feature = "serde")]
impl From<Lifecycle> for LifecycleRepr {
    fn from(s: Lifecycle) -> Self {
        LifecycleRepr {
            asset: s.asset,
            status: s.status,
            data: s.data,
            custodian: s.custodian,
            purchased_on: s.purchased_on,
            last_event_on: s.last_event_on,
            first_deployed_on: s.first_deployed_on,
            last_audit_on: s.last_audit_on,
            last_exposed_on: s.last_exposed_on,
            last_sanitised: s.last_sanitised,
            retired_exposed: s.retired_exposed,
            events: s.events,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::Verification;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    fn run(state: Lifecycle, command: Command, on: NaiveDate) -> Result<Lifecycle, LifecycleError> {
        let events = decide(&state, &command, on)?;
        Ok(events.iter().fold(state, apply))
    }

    fn wipe(method: SanitisationMethod, on: NaiveDate) -> Command {
        Command::Sanitise(Box::new(
            SanitisationRecord::new(
                method,
                "NVMe sanitize",
                Verification::ToolReport,
                on,
                "tech",
            )
            .unwrap(),
        ))
    }

    fn ship_to(e: EmployeeId) -> Command {
        Command::Ship(Box::new(
            Shipment::new(Destination::Employee(e), "UPS", "1Z999").unwrap(),
        ))
    }

    #[test]
    fn full_remote_cycle_with_sanitisation() {
        let ana = EmployeeId::from_external("ana");
        let bo = EmployeeId::from_external("bo");
        let mut s = Lifecycle::new(AssetId::from_external("LT"), true);
        s = run(s, Command::Receive, d(1, 2)).unwrap();
        s = run(s, Command::Reserve { employee: ana }, d(1, 3)).unwrap();
        assert!(matches!(
            run(s, ship_to(bo), d(1, 3)),
            Err(LifecycleError::WrongEmployee { .. })
        ));
        s = run(s, ship_to(ana), d(1, 4)).unwrap();
        assert_eq!(s.custodian(), Custodian::Carrier);
        s = run(s, Command::Deliver, d(1, 8)).unwrap();
        assert_eq!(s.first_deployed_on(), Some(d(1, 8)));
        assert_eq!(s.data(), DataState::Exposed);
        s = run(
            s,
            Command::RequestReturn {
                due: d(3, 1),
                reason: ReturnReason::Offboarding,
            },
            d(1, 30),
        )
        .unwrap();
        let back = Command::Ship(Box::new(
            Shipment::new(Destination::Depot, "UPS", "1Z1000").unwrap(),
        ));
        s = run(s, back, d(2, 10)).unwrap();
        s = run(s, Command::Receive, d(2, 14)).unwrap();
        assert_eq!(s.status(), Status::InStock(StockState::PendingSanitisation));
        let err = run(
            s,
            Command::Retire {
                disposition: Disposition::Recycled,
            },
            d(2, 15),
        )
        .unwrap_err();
        assert!(matches!(err, LifecycleError::SanitisationRequired { .. }));
        assert!(
            err.to_string()
                .contains("cannot retire while in stock (pending sanitisation)")
        );
        s = run(s, wipe(SanitisationMethod::Purge, d(2, 15)), d(2, 15)).unwrap();
        assert_eq!(s.status(), Status::InStock(StockState::Available));
        s = run(s, Command::Assign { employee: bo }, d(2, 16)).unwrap();
        assert_eq!(s.status().holder(), Some(bo));
        assert_eq!(s.first_deployed_on(), Some(d(1, 8)));
    }

    #[test]
    fn gifting_requires_a_wipe_and_the_holder() {
        let ana = EmployeeId::from_external("ana");
        let mut s = Lifecycle::new(AssetId::from_external("LT"), true);
        s = run(s, Command::Receive, d(1, 2)).unwrap();
        s = run(s, Command::Assign { employee: ana }, d(1, 3)).unwrap();
        let gift = Command::Retire {
            disposition: Disposition::GiftedToEmployee { employee: ana },
        };
        assert!(matches!(
            run(s, gift.clone(), d(5, 1)),
            Err(LifecycleError::SanitisationRequired { .. })
        ));
        let other = Command::Retire {
            disposition: Disposition::GiftedToEmployee {
                employee: EmployeeId::from_external("x"),
            },
        };
        assert!(matches!(
            run(s, other, d(5, 1)),
            Err(LifecycleError::WrongEmployee { .. })
        ));
        s = run(s, wipe(SanitisationMethod::Clear, d(5, 1)), d(5, 1)).unwrap();
        s = run(s, gift, d(5, 1)).unwrap();
        assert!(s.status().is_retired());
        assert!(!s.retired_unsanitised());
    }

    #[test]
    fn destroy_leads_only_to_disposal() {
        let mut s = Lifecycle::new(AssetId::from_external("LT"), true);
        s = run(s, Command::Receive, d(1, 2)).unwrap();
        s = run(s, wipe(SanitisationMethod::Destroy, d(1, 3)), d(1, 3)).unwrap();
        assert_eq!(s.status(), Status::InStock(StockState::PendingDisposal));
        assert!(matches!(
            run(
                s,
                Command::Assign {
                    employee: EmployeeId::from_external("a")
                },
                d(1, 4)
            ),
            Err(LifecycleError::MediaDestroyed {
                command: CommandKind::Assign,
                ..
            })
        ));
        s = run(
            s,
            Command::Retire {
                disposition: Disposition::Recycled,
            },
            d(1, 5),
        )
        .unwrap();
        assert_eq!(s.status(), Status::Retired(Disposition::Recycled));
    }

    #[test]
    fn no_storage_assets_need_no_wipe_and_refuse_one() {
        let ana = EmployeeId::from_external("ana");
        let mut s = Lifecycle::new(AssetId::from_external("CH"), false);
        s = run(s, Command::Receive, d(1, 2)).unwrap();
        s = run(s, Command::Assign { employee: ana }, d(1, 3)).unwrap();
        s = run(s, Command::CheckIn, d(2, 3)).unwrap();
        assert_eq!(s.status(), Status::InStock(StockState::Available));
        assert!(matches!(
            run(s, wipe(SanitisationMethod::Clear, d(2, 3)), d(2, 3)),
            Err(LifecycleError::NoStorage { .. })
        ));
    }

    #[test]
    fn back_dated_and_bad_dates_are_refused() {
        let s = run(
            Lifecycle::new(AssetId::from_external("LT"), true),
            Command::Receive,
            d(3, 1),
        )
        .unwrap();
        let e = decide(&s, &Command::RecordAudit, d(2, 1)).unwrap_err();
        assert!(matches!(e, LifecycleError::BackDated { .. }));
        let e = decide(&s, &wipe(SanitisationMethod::Clear, d(4, 1)), d(3, 2)).unwrap_err();
        assert!(matches!(
            e,
            LifecycleError::BadDate {
                field: "performed_on",
                ..
            }
        ));
    }

    #[test]
    fn imported_unsanitised_retirement_is_remembered() {
        let ana = EmployeeId::from_external("ana");
        let mut s = Lifecycle::new(AssetId::from_external("LT"), true);
        for change in [
            Change::Received,
            Change::Assigned { employee: ana },
            Change::CheckedIn,
            Change::Retired {
                disposition: Disposition::Sold,
            },
        ] {
            s = apply(s, &Event::new(d(1, 1), change));
        }
        assert!(s.retired_unsanitised());
    }
}
