//! Collaboration tools for remote teams: how well each tool supports asynchronous work,
//! where tools sprawl and licences go unused, which tools are a security risk, and how
//! many working hours each team really shares across time zones.
//!
//! This answers the Head of Remote question "who will lead an end-to-end tools audit,
//! ensuring that tools which do not support asynchronous workflows are deprecated or
//! replaced?" (GitLab handbook). See `docs/methodology/collab-tools.md` for the rubric,
//! its sources and every threshold.
//!
//! - [`inventory`]: tools with a category, documented capabilities, how synchronous their
//!   core use is, licences (seats, price per seat and period as [`remit_core::Money`],
//!   renewal) and per-user last activity.
//! - [`rubric`]: the [`Rubric`](rubric::Rubric) trait and the documented default rubric
//!   (GitLab's async principles × Media Synchronicity Theory), scores 0–100 with each
//!   criterion's contribution.
//! - [`overlap`]: shared working hours per day across IANA zones and DST changes, core
//!   collaboration windows, meeting-slot fairness and rotations, async-first advice.
//!
//! The crate does no I/O and reads no clock: dates and ranges are parameters.
//!
//! # Features
//!
//! - `serde` (default): `Serialize`/`Deserialize` for the data types.
#![deny(clippy::disallowed_methods)]

mod error;
pub mod inventory;
pub mod overlap;
pub mod rubric;
mod zone;

pub use error::CollabError;
