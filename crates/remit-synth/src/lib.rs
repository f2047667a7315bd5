//! Deterministic synthetic organisations for remit's examples, tests and benchmarks.
//!
//! [`generate`] turns a [`SynthConfig`] into an [`Organisation`]: a validated
//! [`Roster`](remit_core::Roster) with realistic structure — offices and remote staff in
//! countries with their real IANA time zones (including the half-hour, 45-minute and
//! southern-hemisphere ones), a level pyramid, departments, a manager tree in which every
//! manager is more senior, hire dates, leavers, and a `gender` attribute for
//! intersectional cuts.
//!
//! Same seed, same organisation, on every platform: randomness comes from ChaCha8
//! ([`rng`]) converted to numbers by this crate's own portable helpers, and a test pins a
//! digest of the output.
//!
//! Each domain adds a module that generates its own inputs for an organisation, with
//! planted effects and the ground truth to check an analysis against. A domain module
//! draws from its own stream (`rng::stream(org.seed(), "<domain>")`), so domains never
//! shift each other's data.
//!
//! ```
//! use remit_core::WorkMode;
//! use remit_synth::{generate, SynthConfig, WorkModeShares};
//!
//! let config = SynthConfig::new(2_000, 42).shares(WorkModeShares::new(0.2, 0.3, 0.5)?);
//! let org = generate(&config)?;
//! let remote = org.roster().iter().filter(|e| e.work_mode() == WorkMode::Remote).count();
//! assert!((900..1_100).contains(&remote));
//! # Ok::<(), remit_synth::SynthError>(())
//! ```
#![deny(clippy::disallowed_methods)]

pub mod assets;
pub mod benefits;
pub mod collab_tools;
pub mod geography;
mod org;
pub mod promotion;
pub mod rng;
pub mod wellbeing;

pub use org::{Organisation, SynthConfig, SynthError, WorkModeShares, generate};
