//! An asset together with its history: the unit the analyses read.

use chrono::NaiveDate;
use remit_core::AssetId;

use crate::asset::Asset;
use crate::lifecycle::Lifecycle;
use crate::log::EventLog;

/// An asset's fixed facts and its event log did not belong together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FleetError {
    /// The log is for another asset.
    #[error("asset {tag}: the event log belongs to asset {log_asset}, not {asset}")]
    WrongLog {
        /// The asset's tag.
        tag: String,
        /// The asset's id.
        asset: AssetId,
        /// The log's asset id.
        log_asset: AssetId,
    },
    /// The log and the asset disagree on whether it stores data.
    #[error("asset {tag}: field `stores_data` is {asset_says} but the event log says {log_says}")]
    StorageMismatch {
        /// The asset's tag.
        tag: String,
        /// What the asset record says.
        asset_says: bool,
        /// What the log was created with.
        log_says: bool,
    },
}

/// An [`Asset`] and its [`EventLog`].
///
/// Invariant: the log is the asset's (same id, same storage flag).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TrackedAsset {
    asset: Asset,
    log: EventLog,
}

impl TrackedAsset {
    /// Pairs an asset with its log.
    ///
    /// # Errors
    ///
    /// [`FleetError`] when the log belongs to another asset or disagrees on storage.
    pub fn new(asset: Asset, log: EventLog) -> Result<Self, FleetError> {
        if log.asset() != asset.id() {
            return Err(FleetError::WrongLog {
                tag: asset.tag().to_string(),
                asset: asset.id(),
                log_asset: log.asset(),
            });
        }
        let log_says = log.initial_state().stores_data();
        if log_says != asset.stores_data() {
            return Err(FleetError::StorageMismatch {
                tag: asset.tag().to_string(),
                asset_says: asset.stores_data(),
                log_says,
            });
        }
        Ok(Self { asset, log })
    }

    /// A new asset with an empty log.
    pub fn ordered(asset: Asset) -> Self {
        let log = EventLog::for_asset(&asset);
        Self { asset, log }
    }

    /// The asset.
    pub fn asset(&self) -> &Asset {
        &self.asset
    }
    /// Its log.
    pub fn log(&self) -> &EventLog {
        &self.log
    }
    /// Decides and records a command; see [`EventLog::execute`].
    ///
    /// # Errors
    ///
    /// As [`EventLog::execute`]; nothing changes on error.
    pub fn execute(
        &mut self,
        key: remit_core::EventId,
        command: &crate::Command,
        on: NaiveDate,
    ) -> Result<crate::Appended, crate::LogError> {
        self.log.execute(key, command, on)
    }

    /// Decides and records a command taken by value; see [`EventLog::execute_owned`].
    ///
    /// # Errors
    ///
    /// As [`EventLog::execute`]; nothing changes on error.
    pub fn execute_owned(
        &mut self,
        key: remit_core::EventId,
        command: crate::Command,
        on: NaiveDate,
    ) -> Result<crate::Appended, crate::LogError> {
        self.log.execute_owned(key, command, on)
    }

    /// Reserves room for exactly `additional` more events; see [`EventLog::reserve_exact`].
    pub fn reserve_exact(&mut self, additional: usize) {
        self.log.reserve_exact(additional);
    }

    /// Imports an envelope; see [`EventLog::append`].
    ///
    /// # Errors
    ///
    /// As [`EventLog::append`]; nothing changes on error.
    pub fn append(
        &mut self,
        envelope: crate::Envelope,
    ) -> Result<crate::Appended, crate::LogError> {
        self.log.append(envelope)
    }
    /// Its state at the end of `date`.
    pub fn state_on(&self, date: NaiveDate) -> Lifecycle {
        self.log.state_on(date)
    }
}
