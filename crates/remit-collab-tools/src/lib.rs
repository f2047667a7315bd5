//! Collaboration tools for remote teams: how well each tool supports asynchronous work,
//! where tools sprawl and licences go unused, which tools are a security risk, and how
//! many working hours each team really shares across time zones.
//!
//! This answers the Head of Remote question "who will lead an end-to-end tools audit,
//! ensuring that tools which do not support asynchronous workflows are deprecated or
//! replaced?" (GitLab handbook). See `docs/methodology/collab-tools.md` for the rubric,
//! its sources and every threshold.
//!
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
pub mod overlap;
mod zone;

pub use error::CollabError;
