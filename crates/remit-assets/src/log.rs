//! History that loses nothing: an append-only, versioned event log per asset.
//!
//! Every event is wrapped in an [`Envelope`] with a sequence number (1, 2, 3, ... with no
//! gaps), the caller's idempotency key (an [`EventId`]) and the schema version it was
//! written with. The log keeps the state up to date as events arrive (*incremental*), and
//! can rebuild it from nothing (*replay*) or from a [`Snapshot`]; the two always agree,
//! which property tests check.
//!
//! - Retrying a command or re-delivering an event with a key the log already holds, with
//!   the same content, is answered with [`Appended::Duplicate`] and changes nothing; the
//!   same key with a different command or event is refused ([`LogError::KeyConflict`]).
//! - An envelope whose sequence number is not the next one is refused
//!   ([`LogError::OutOfOrder`]), as is one written with a schema version this build does
//!   not read ([`LogError::UnsupportedSchema`]).
//! - There is no update and no delete. Mistakes are corrected with new events, as the
//!   Snipe-IT maintainers argue in grokability/snipe-it#9823.
//!
//! ```
//! use chrono::NaiveDate;
//! use remit_assets::{Appended, Command, EventLog};
//! use remit_core::{AssetId, EmployeeId, EventId};
//!
//! let d = |day| NaiveDate::from_ymd_opt(2025, 1, day).unwrap();
//! let mut log = EventLog::new(AssetId::from_external("LT-1"), true);
//! log.execute(EventId::from_external("po-1"), &Command::Receive, d(2))?;
//! let key = EventId::from_external("hr-77");
//! let assign = Command::Assign { employee: EmployeeId::from_external("E-1") };
//! assert_eq!(log.execute(key, &assign, d(3))?, Appended::New { sequence: 2 });
//! // A retry with the same key is recognised and changes nothing.
//! assert_eq!(log.execute(key, &assign, d(3))?, Appended::Duplicate { sequence: 2 });
//! assert_eq!(log.version(), 2);
//! assert_eq!(log.replay(), *log.state());
//! # Ok::<(), remit_assets::LogError>(())
//! ```

use std::collections::HashMap;

use chrono::NaiveDate;
use remit_core::{AssetId, EventId, Money};

use crate::asset::AssetTag;
use crate::lifecycle::{
    AssetRef, Change, Command, Custodian, Event, InconsistentState, Lifecycle, LifecycleError,
    apply, check,
};
use crate::records::Destination;

/// The schema version this crate writes, and the newest it reads.
pub const SCHEMA_VERSION: u16 = 1;

/// The oldest schema version this crate reads. Version 0 was never written.
pub const MIN_SCHEMA_VERSION: u16 = 1;

/// One event with its place in the log.
///
/// A deserialised envelope must carry a schema version this build reads
/// ([`MIN_SCHEMA_VERSION`]`..=`[`SCHEMA_VERSION`]); any other is refused with an error
/// naming the version.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "EnvelopeRepr"))]
pub struct Envelope {
    sequence: u64,
    key: EventId,
    schema: u16,
    event: Event,
}

impl Envelope {
    /// An envelope for importing an event recorded elsewhere, at the current
    /// [`SCHEMA_VERSION`].
    pub const fn new(sequence: u64, key: EventId, event: Event) -> Self {
        Self {
            sequence,
            key,
            schema: SCHEMA_VERSION,
            event,
        }
    }
    /// The position in the log, from 1.
    pub fn sequence(&self) -> u64 {
        self.sequence
    }
    /// The idempotency key: appending an event whose key the log already holds writes
    /// nothing.
    pub fn key(&self) -> EventId {
        self.key
    }
    /// The schema version it was written with.
    pub fn schema(&self) -> u16 {
        self.schema
    }
    /// The dated change this envelope carries.
    pub fn event(&self) -> &Event {
        &self.event
    }
}

/// The stored form of an [`Envelope`]: the schema version is checked when read, by
/// [`Envelope`]'s deserialiser or, inside a stored log, by [`EventLog::append`] (whose
/// error names the asset).
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct EnvelopeRepr {
    sequence: u64,
    key: EventId,
    schema: u16,
    event: Event,
}

#[cfg(feature = "serde")]
impl From<Envelope> for EnvelopeRepr {
    fn from(e: Envelope) -> Self {
        EnvelopeRepr {
            sequence: e.sequence,
            key: e.key,
            schema: e.schema,
            event: e.event,
        }
    }
}

/// An envelope was written with a schema version this build does not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "event {sequence} has schema version {schema}; this build reads versions {MIN_SCHEMA_VERSION} to {SCHEMA_VERSION}"
)]
pub struct SchemaError {
    /// The envelope's sequence number.
    pub sequence: u64,
    /// The schema version it was written with, outside the versions this build reads.
    pub schema: u16,
}

/// Whether this build reads envelopes of schema version `schema`.
pub const fn schema_supported(schema: u16) -> bool {
    schema >= MIN_SCHEMA_VERSION && schema <= SCHEMA_VERSION
}

#[cfg(feature = "serde")]
impl TryFrom<EnvelopeRepr> for Envelope {
    type Error = SchemaError;

    fn try_from(r: EnvelopeRepr) -> Result<Self, Self::Error> {
        if !schema_supported(r.schema) {
            return Err(SchemaError {
                sequence: r.sequence,
                schema: r.schema,
            });
        }
        Ok(Self {
            sequence: r.sequence,
            key: r.key,
            schema: r.schema,
            event: r.event,
        })
    }
}

/// What an append did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Appended {
    /// New events were written; `sequence` is the last one.
    New {
        /// The sequence number of the last event written.
        sequence: u64,
    },
    /// The key was already in the log; nothing was written.
    Duplicate {
        /// The sequence number of the event that holds the key.
        sequence: u64,
    },
}

/// The log refused an append or a replay. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LogError {
    /// The command was refused by the lifecycle rules.
    #[error(transparent)]
    Lifecycle(#[from] LifecycleError),
    /// An envelope's sequence number is not the next one.
    #[error("asset {asset}: event out of order: expected sequence {expected}, got {got}")]
    OutOfOrder {
        /// The asset whose log refused the envelope.
        asset: AssetRef,
        /// The next sequence number.
        expected: u64,
        /// The envelope's sequence number.
        got: u64,
    },
    /// The same idempotency key arrived with a different command or event.
    #[error(
        "asset {asset}: idempotency key {key} already holds a different event (sequence {sequence})"
    )]
    KeyConflict {
        /// The asset whose log refused the event.
        asset: AssetRef,
        /// The idempotency key the log already holds for another event.
        key: EventId,
        /// Where the key is already used.
        sequence: u64,
    },
    /// An event is dated before the latest event in the log.
    #[error("asset {asset}: event {sequence} is dated {on}, before the latest event ({latest})")]
    BackDated {
        /// The asset whose log refused the event.
        asset: AssetRef,
        /// The envelope's sequence number.
        sequence: u64,
        /// The event's date, before the latest event's date.
        on: NaiveDate,
        /// The latest date in the log.
        latest: NaiveDate,
    },
    /// An event is dated before the asset was bought.
    #[error(
        "asset {asset}: event {sequence} is dated {on}, before the purchase date ({purchased_on})"
    )]
    BeforePurchase {
        /// The asset whose log refused the event.
        asset: AssetRef,
        /// The envelope's sequence number.
        sequence: u64,
        /// The event's date, before the purchase date.
        on: NaiveDate,
        /// The asset's purchase date.
        purchased_on: NaiveDate,
    },
    /// An event contradicts itself: a sanitisation record dated after the event that
    /// records it, or a negative repair cost.
    #[error("asset {asset}: event {sequence}: field `{field}` {problem}")]
    InvalidEvent {
        /// The asset whose log refused the event.
        asset: AssetRef,
        /// The envelope's sequence number.
        sequence: u64,
        /// Which field is invalid: `"performed_on"` or `"cost"`.
        field: &'static str,
        /// What is wrong with it.
        problem: String,
    },
    /// An envelope was written with a schema version this build does not read.
    #[error(
        "asset {asset}: event {sequence} has schema version {schema}; this build reads versions {MIN_SCHEMA_VERSION} to {SCHEMA_VERSION}"
    )]
    UnsupportedSchema {
        /// The asset whose log refused the envelope.
        asset: AssetRef,
        /// The envelope's sequence number.
        sequence: u64,
        /// The envelope's schema version, outside the versions this build reads.
        schema: u16,
    },
    /// A snapshot belongs to another asset or lies beyond the end of the log.
    #[error(
        "asset {asset}: snapshot of asset {snapshot_asset} at sequence {sequence} does not fit this log (version {version})"
    )]
    SnapshotMismatch {
        /// The asset of the log the snapshot was offered to.
        asset: AssetRef,
        /// The asset the snapshot was taken of.
        snapshot_asset: AssetId,
        /// The last sequence number folded into the snapshot.
        sequence: u64,
        /// The log's number of events (its last sequence number).
        version: u64,
    },
}

impl LogError {
    /// The same error naming the asset by the caller's `tag`.
    pub(crate) fn named(self, tag: &AssetTag) -> Self {
        let mut e = self;
        match &mut e {
            LogError::Lifecycle(inner) => return LogError::Lifecycle(inner.clone().named(tag)),
            LogError::OutOfOrder { asset, .. }
            | LogError::KeyConflict { asset, .. }
            | LogError::BackDated { asset, .. }
            | LogError::BeforePurchase { asset, .. }
            | LogError::InvalidEvent { asset, .. }
            | LogError::UnsupportedSchema { asset, .. }
            | LogError::SnapshotMismatch { asset, .. } => asset.name(tag),
        }
        e
    }
}

/// A saved state and the sequence number it reflects, to bound replay.
///
/// Invariant: the state has had exactly `sequence` events applied. A deserialised
/// snapshot is checked for it, and its state as any [`Lifecycle`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "SnapshotRepr"))]
pub struct Snapshot {
    sequence: u64,
    state: Lifecycle,
}

impl Snapshot {
    /// The last sequence number folded into the state.
    pub fn sequence(&self) -> u64 {
        self.sequence
    }
    /// The asset's lifecycle state after the first `sequence` events.
    pub fn state(&self) -> &Lifecycle {
        &self.state
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct SnapshotRepr {
    sequence: u64,
    state: Lifecycle,
}

#[cfg(feature = "serde")]
impl TryFrom<SnapshotRepr> for Snapshot {
    type Error = InconsistentState;

    fn try_from(r: SnapshotRepr) -> Result<Self, Self::Error> {
        if r.state.events_applied() != r.sequence {
            return Err(InconsistentState {
                asset: r.state.asset(),
                field: "sequence",
                problem: "differs from the number of events applied to the state",
            });
        }
        Ok(Self {
            sequence: r.sequence,
            state: r.state,
        })
    }
}

/// One link in the chain of custody, derived from the log.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CustodyTransfer {
    /// The event's sequence number.
    pub sequence: u64,
    /// The event's position in the asset's log, from 1.
    pub on: NaiveDate,
    /// Who held it before.
    pub from: Custodian,
    /// Who holds it after.
    pub to: Custodian,
    /// The carrier and tracking number when a carrier took it.
    pub shipment: Option<(String, String)>,
}

/// Logs up to this many events find an idempotency key by scanning their entries;
/// longer logs keep a hash index. Most assets have a handful of events, and a hash map
/// per asset would cost more memory and time than the scan.
const INDEX_FROM: usize = 16;

/// The append-only event log of one asset, with its current state.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "LogRepr", into = "LogRepr"))]
pub struct EventLog {
    entries: Vec<Envelope>,
    /// Key -> sequence, kept only once the log is longer than [`INDEX_FROM`] (`None`
    /// before), so it is always a function of `entries`.
    /// Boxed: 8 bytes in every log instead of a 48-byte empty map (millions of logs).
    #[expect(
        clippy::box_collection,
        reason = "8 bytes per log instead of an empty 48-byte map, over millions of logs"
    )]
    keys: Option<Box<HashMap<EventId, u64>>>,
    state: Lifecycle,
}

impl EventLog {
    /// An empty log for a newly ordered asset known by its id. No purchase date is known,
    /// so commands are not checked against it, and errors name the asset by its id; a
    /// [`TrackedAsset`](crate::TrackedAsset) does both.
    pub fn new(asset: AssetId, stores_data: bool) -> Self {
        Self {
            entries: Vec::new(),
            keys: None,
            state: Lifecycle::new(asset, stores_data),
        }
    }

    /// An empty log for `asset`: commands and imported events dated before its purchase
    /// are refused.
    pub fn for_asset(asset: &crate::Asset) -> Self {
        Self {
            entries: Vec::new(),
            keys: None,
            state: Lifecycle::for_asset(asset),
        }
    }

    /// The id of the asset this log records.
    pub fn asset(&self) -> AssetId {
        self.state.asset()
    }

    /// The state before the first event (a newly ordered asset). Events never change an
    /// asset's id, whether it stores data or its purchase date, so this is derived from
    /// the current state.
    pub fn initial_state(&self) -> Lifecycle {
        let fresh = Lifecycle::new(self.state.asset(), self.state.stores_data());
        match self.state.purchased_on() {
            Some(purchased_on) => fresh.with_purchase_date(purchased_on),
            None => fresh,
        }
    }

    /// The same log checked against `purchased_on`: every event must be dated on or after
    /// it, and so must every later command. For pairing a log built from an id with its
    /// asset ([`TrackedAsset::new`](crate::TrackedAsset::new)).
    ///
    /// # Errors
    ///
    /// [`LogError::BeforePurchase`] naming the first event dated earlier.
    pub(crate) fn with_purchase_date(mut self, purchased_on: NaiveDate) -> Result<Self, LogError> {
        if let Some(early) = self.entries.iter().find(|e| e.event.on() < purchased_on) {
            return Err(LogError::BeforePurchase {
                asset: AssetRef::id_only(self.asset()),
                sequence: early.sequence,
                on: early.event.on(),
                purchased_on,
            });
        }
        self.state = self.state.with_purchase_date(purchased_on);
        Ok(self)
    }

    /// The sequence number of the event holding `key`, if any.
    fn sequence_of(&self, key: EventId) -> Option<u64> {
        if let Some(keys) = &self.keys {
            keys.get(&key).copied()
        } else {
            self.entries
                .iter()
                .find(|e| e.key == key)
                .map(|e| e.sequence)
        }
    }

    /// The envelope at `sequence` (1-based), if any.
    fn entry(&self, sequence: u64) -> Option<&Envelope> {
        usize::try_from(sequence.checked_sub(1)?)
            .ok()
            .and_then(|i| self.entries.get(i))
    }

    /// Reserves room for exactly `additional` more events, for callers that know a log's
    /// length in advance and hold millions of logs (no spare capacity, no regrowth).
    pub fn reserve_exact(&mut self, additional: usize) {
        self.entries.reserve_exact(additional);
    }

    /// The current state, kept up to date as events are appended.
    pub fn state(&self) -> &Lifecycle {
        &self.state
    }

    /// The number of events, which is also the last sequence number (0 when empty).
    pub fn version(&self) -> u64 {
        self.entries.len() as u64
    }

    /// The envelopes, oldest first.
    pub fn entries(&self) -> &[Envelope] {
        &self.entries
    }

    /// Whether the log holds no events.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Answers a command retried with a `key` the log already holds: a duplicate when the
    /// key's event is the one `command` dated `on` would cause, a conflict otherwise.
    fn retried(
        &self,
        key: EventId,
        sequence: u64,
        command: &Command,
        on: NaiveDate,
    ) -> Result<Appended, LogError> {
        match self.entry(sequence) {
            Some(held) if held.event.on() == on && held.event.change().is_caused_by(command) => {
                Ok(Appended::Duplicate { sequence })
            }
            _ => Err(LogError::KeyConflict {
                asset: AssetRef::id_only(self.asset()),
                key,
                sequence,
            }),
        }
    }

    /// Decides `command` against the current state and appends the event it causes
    /// (every allowed command causes exactly one), under `key`. A retry (the same key
    /// with the same command and date) returns [`Appended::Duplicate`] without deciding
    /// again, so retries are safe.
    ///
    /// # Errors
    ///
    /// [`LogError::Lifecycle`] when the rules refuse the command;
    /// [`LogError::KeyConflict`] when `key` already holds a different command or date.
    /// The log and its state are unchanged.
    pub fn execute(
        &mut self,
        key: EventId,
        command: &Command,
        on: NaiveDate,
    ) -> Result<Appended, LogError> {
        if let Some(sequence) = self.sequence_of(key) {
            return self.retried(key, sequence, command, on);
        }
        check(&self.state, command, on)?;
        let sequence = self.version() + 1;
        self.push(Envelope::new(
            sequence,
            key,
            Event::new(on, Change::of(command)),
        ));
        Ok(Appended::New { sequence })
    }

    /// As [`execute`](Self::execute), taking the command by value so that its payload (a
    /// shipment, a sanitisation record or a write-off approval) moves into the event
    /// instead of being cloned.
    ///
    /// # Errors
    ///
    /// As [`execute`](Self::execute); the log and its state are unchanged.
    pub fn execute_owned(
        &mut self,
        key: EventId,
        command: Command,
        on: NaiveDate,
    ) -> Result<Appended, LogError> {
        if let Some(sequence) = self.sequence_of(key) {
            return self.retried(key, sequence, &command, on);
        }
        check(&self.state, &command, on)?;
        let sequence = self.version() + 1;
        self.push(Envelope::new(
            sequence,
            key,
            Event::new(on, Change::from_command(command)),
        ));
        Ok(Appended::New { sequence })
    }

    /// Appends an envelope recorded elsewhere (imported from storage or another system).
    /// The lifecycle rules are not re-checked, because the event already happened; the
    /// report's checks flag histories that broke them. Events that contradict themselves
    /// or the asset's purchase date are refused.
    ///
    /// # Errors
    ///
    /// - [`LogError::KeyConflict`] when the key holds a different envelope;
    /// - [`LogError::OutOfOrder`] when the sequence number is not `version() + 1`;
    /// - [`LogError::UnsupportedSchema`] for a schema version outside
    ///   [`MIN_SCHEMA_VERSION`]`..=`[`SCHEMA_VERSION`];
    /// - [`LogError::BeforePurchase`] when the event predates the purchase (for a log
    ///   that knows it);
    /// - [`LogError::BackDated`] when the event predates the latest one;
    /// - [`LogError::InvalidEvent`] for a sanitisation record dated after its event, or a
    ///   negative repair cost.
    ///
    /// An identical envelope already in the log is [`Appended::Duplicate`].
    pub fn append(&mut self, envelope: Envelope) -> Result<Appended, LogError> {
        let asset = || AssetRef::id_only(self.asset());
        if let Some(sequence) = self.sequence_of(envelope.key) {
            if self.entry(sequence) == Some(&envelope) {
                return Ok(Appended::Duplicate { sequence });
            }
            return Err(LogError::KeyConflict {
                asset: asset(),
                key: envelope.key,
                sequence,
            });
        }
        let expected = self.version() + 1;
        let sequence = envelope.sequence;
        if sequence != expected {
            return Err(LogError::OutOfOrder {
                asset: asset(),
                expected,
                got: sequence,
            });
        }
        if !schema_supported(envelope.schema) {
            return Err(LogError::UnsupportedSchema {
                asset: asset(),
                sequence,
                schema: envelope.schema,
            });
        }
        let on = envelope.event.on();
        if let Some(purchased_on) = self.state.purchased_on()
            && on < purchased_on
        {
            return Err(LogError::BeforePurchase {
                asset: asset(),
                sequence,
                on,
                purchased_on,
            });
        }
        if let Some(latest) = self.state.last_event_on()
            && on < latest
        {
            return Err(LogError::BackDated {
                asset: asset(),
                sequence,
                on,
                latest,
            });
        }
        let invalid = |field, problem: String| LogError::InvalidEvent {
            asset: asset(),
            sequence,
            field,
            problem,
        };
        match envelope.event.change() {
            Change::Sanitised(record) if record.performed_on() > on => {
                return Err(invalid(
                    "performed_on",
                    format!(
                        "({}) is after the event recording it ({on})",
                        record.performed_on()
                    ),
                ));
            }
            Change::RepairCompleted { cost: Some(cost) } if cost.is_negative() => {
                return Err(invalid("cost", format!("must not be negative, got {cost}")));
            }
            _ => {}
        }
        self.push(envelope);
        Ok(Appended::New { sequence })
    }

    fn push(&mut self, envelope: Envelope) {
        self.state = apply(self.state, &envelope.event);
        let (key, sequence) = (envelope.key, envelope.sequence);
        self.entries.push(envelope);
        if let Some(keys) = &mut self.keys {
            keys.insert(key, sequence);
        } else if self.entries.len() > INDEX_FROM {
            self.keys = Some(Box::new(
                self.entries.iter().map(|e| (e.key, e.sequence)).collect(),
            ));
        }
    }

    /// Rebuilds the state from the first event.
    pub fn replay(&self) -> Lifecycle {
        self.entries
            .iter()
            .fold(self.initial_state(), |state, e| apply(state, &e.event))
    }

    /// The state as it was at the end of `date` (events on later dates ignored).
    pub fn state_on(&self, date: NaiveDate) -> Lifecycle {
        if self.state.last_event_on().is_none_or(|last| last <= date) {
            return self.state;
        }
        self.entries
            .iter()
            .take_while(|e| e.event.on() <= date)
            .fold(self.initial_state(), |state, e| apply(state, &e.event))
    }

    /// A snapshot of the current state.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            sequence: self.version(),
            state: self.state,
        }
    }

    /// Rebuilds the state from a snapshot plus the events after it.
    ///
    /// # Errors
    ///
    /// [`LogError::SnapshotMismatch`] when the snapshot belongs to another asset or lies
    /// beyond the end of the log.
    pub fn replay_from(&self, snapshot: &Snapshot) -> Result<Lifecycle, LogError> {
        let start = usize::try_from(snapshot.sequence).ok();
        match start.and_then(|s| self.entries.get(s..)) {
            Some(rest) if snapshot.state.asset() == self.asset() => Ok(rest
                .iter()
                .fold(snapshot.state, |state, e| apply(state, &e.event))),
            _ => Err(LogError::SnapshotMismatch {
                asset: AssetRef::id_only(self.asset()),
                snapshot_asset: snapshot.state.asset(),
                sequence: snapshot.sequence,
                version: self.version(),
            }),
        }
    }

    /// The chain of custody: every change of who physically holds the asset.
    pub fn custody_chain(&self) -> Vec<CustodyTransfer> {
        let mut chain = Vec::new();
        let mut state = self.initial_state();
        for e in &self.entries {
            let next = apply(state, &e.event);
            if next.custodian() != state.custodian() {
                let shipment = match e.event.change() {
                    Change::Shipped(s) => Some((s.carrier().to_owned(), s.tracking().to_owned())),
                    _ => None,
                };
                chain.push(CustodyTransfer {
                    sequence: e.sequence,
                    on: e.event.on(),
                    from: state.custodian(),
                    to: next.custodian(),
                    shipment,
                });
            }
            state = next;
        }
        chain
    }

    /// Money spent on the asset after purchase (shipping and repairs), per the log, in
    /// `currency`. Amounts in another currency are skipped and counted in the second value.
    ///
    /// # Errors
    ///
    /// [`MoneyError::Overflow`](remit_core::MoneyError::Overflow) when the sum overflows.
    pub fn running_costs(
        &self,
        currency: remit_core::Currency,
    ) -> Result<(Money, usize), remit_core::MoneyError> {
        let mut total = Money::zero(currency);
        let mut skipped = 0;
        for e in &self.entries {
            let cost = match e.event.change() {
                Change::Shipped(s) => s.cost(),
                Change::RepairCompleted { cost } => *cost,
                _ => None,
            };
            match cost {
                Some(c) if c.currency() == currency => total = total.checked_add(&c)?,
                Some(_) => skipped += 1,
                None => {}
            }
        }
        Ok((total, skipped))
    }

    /// The shipments in the log with their dates, oldest first.
    pub fn shipments(&self) -> impl Iterator<Item = (NaiveDate, Destination)> + '_ {
        self.entries.iter().filter_map(|e| match e.event.change() {
            Change::Shipped(s) => Some((e.event.on(), s.destination())),
            _ => None,
        })
    }
}

/// The stored form of an [`EventLog`]: the asset, its storage flag and purchase date
/// (when the log knows it), and the envelopes, re-appended one by one when read.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct LogRepr {
    asset: AssetId,
    stores_data: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    purchased_on: Option<NaiveDate>,
    entries: Vec<EnvelopeRepr>,
}

#[cfg(feature = "serde")]
impl LogRepr {
    /// Rebuilds the log through [`EventLog::append`], naming the asset by `tag` in
    /// errors when given.
    pub(crate) fn into_log(self, tag: Option<&AssetTag>) -> Result<EventLog, LogError> {
        let named = |e: LogError| match tag {
            Some(tag) => e.named(tag),
            None => e,
        };
        let mut log = EventLog::new(self.asset, self.stores_data);
        if let Some(purchased_on) = self.purchased_on {
            log.state = log.state.with_purchase_date(purchased_on);
        }
        log.entries.reserve(self.entries.len());
        for r in self.entries {
            // Not checked here: `append` checks the schema version, naming the asset.
            let envelope = Envelope {
                sequence: r.sequence,
                key: r.key,
                schema: r.schema,
                event: r.event,
            };
            log.append(envelope).map_err(named)?;
        }
        Ok(log)
    }

    /// The asset the stored log is for.
    pub(crate) fn asset(&self) -> AssetId {
        self.asset
    }
}

#[cfg(feature = "serde")]
impl TryFrom<LogRepr> for EventLog {
    type Error = LogError;

    fn try_from(repr: LogRepr) -> Result<Self, Self::Error> {
        repr.into_log(None)
    }
}

#[cfg(feature = "serde")]
impl From<EventLog> for LogRepr {
    fn from(log: EventLog) -> Self {
        LogRepr {
            asset: log.asset(),
            stores_data: log.state.stores_data(),
            purchased_on: log.state.purchased_on(),
            entries: log.entries.into_iter().map(EnvelopeRepr::from).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use remit_core::EmployeeId;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, day).unwrap()
    }

    fn log_with_two() -> EventLog {
        let mut log = EventLog::new(AssetId::from_external("A"), true);
        log.execute(EventId::from_external("1"), &Command::Receive, d(1))
            .unwrap();
        log.execute(
            EventId::from_external("2"),
            &Command::Assign {
                employee: EmployeeId::from_external("e"),
            },
            d(2),
        )
        .unwrap();
        log
    }

    #[test]
    fn out_of_order_and_conflicts_are_detected() {
        let mut log = log_with_two();
        let ev = Event::new(d(3), Change::Audited);
        let err = log
            .append(Envelope::new(5, EventId::from_external("3"), ev.clone()))
            .unwrap_err();
        assert!(matches!(
            err,
            LogError::OutOfOrder {
                expected: 3,
                got: 5,
                ..
            }
        ));
        let err = log
            .append(Envelope::new(3, EventId::from_external("2"), ev.clone()))
            .unwrap_err();
        assert!(matches!(err, LogError::KeyConflict { sequence: 2, .. }));
        let dup = log.entries()[1].clone();
        assert_eq!(
            log.append(dup).unwrap(),
            Appended::Duplicate { sequence: 2 }
        );
        let early = Envelope::new(
            3,
            EventId::from_external("4"),
            Event::new(d(1), Change::Audited),
        );
        assert!(matches!(log.append(early), Err(LogError::BackDated { .. })));
        assert_eq!(log.version(), 2);
    }

    #[test]
    fn snapshots_and_custody() {
        let log = log_with_two();
        let snap = log.snapshot();
        assert_eq!(log.replay_from(&snap).unwrap(), *log.state());
        let other = EventLog::new(AssetId::from_external("B"), true);
        assert!(matches!(
            other.replay_from(&snap),
            Err(LogError::SnapshotMismatch { snapshot_asset, sequence: 2, version: 0, .. })
                if snapshot_asset == log.asset()
        ));
        let chain = log.custody_chain();
        assert_eq!(chain.len(), 2);
        assert_eq!(chain[0].to, Custodian::Depot);
        assert_eq!(
            log.state_on(d(1)).status(),
            crate::Status::InStock(crate::StockState::Available)
        );
    }
}
