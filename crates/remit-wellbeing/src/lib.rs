//! Wellbeing for remote and hybrid teams: validated survey instruments, behavioural
//! signals, explainable burnout risk, trends, and privacy-safe cohort reporting.
//!
//! "Who checks in on the health and wellbeing of thousands of remote employees?" This
//! crate scores what a company already collects (pulse surveys and collaboration
//! metadata) into numbers a head of remote work can act on, without identifying anyone.
//!
//! | module | what it does |
//! |---|---|
//! | [`instrument`] | the [`Instrument`](instrument::Instrument) trait: items keyed by id, response range, reverse items, scales, explicit missing-item policy, bands |
//! | [`builtin`] | WHO-5, Copenhagen Burnout Inventory, PSS-10, scored by their published rules |
//! | [`signals`] | behavioural signals per employee-week in a columnar [`SignalPanel`](signals::SignalPanel), Viva-based thresholds |
//! | [`risk`] | the explainable burnout-risk index: the [`RiskModel`](risk::RiskModel) trait, per-factor contributions, bands |
//! | [`trends`] | per-employee EWMA/CUSUM worsening alarms (charts from `remit-stats`), reliable change index (Jacobson & Truax) |
//! | [`individual`] | per-employee scores and risk; one person's results only through [`Individuals::personal_view`](individual::Individuals::personal_view) |
//! | [`report`] | privacy-safe cohort reporting (minimum group, complementary suppression, differencing protection, Laplace noise) and the [`Audit`](remit_core::Audit) |
//! | [`zones`] | UTC-offset bands and distance from a team's centre |
//!
//! # Scoring a survey
//!
//! ```
//! use remit_wellbeing::builtin::{Cbi, Who5};
//! use remit_wellbeing::instrument::Instrument;
//!
//! let who5 = Who5::new();
//! let scores = who5.score(&[("who5.1", 2), ("who5.2", 2), ("who5.3", 1), ("who5.4", 1), ("who5.5", 1)])?;
//! assert_eq!(scores.value(Who5::PERCENTAGE), Some(28.0));
//! assert_eq!(who5.band_label(28.0), "likely depression"); // a screening flag, not a diagnosis
//!
//! let cbi = Cbi::new();
//! let scores = cbi.score(&[("cbi.personal.1", 3), ("cbi.personal.2", 2), ("cbi.personal.3", 3)])?;
//! assert_eq!(scores.value(Cbi::PERSONAL), Some(200.0 / 3.0)); // mean of 75, 50, 75
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Non-goals
//!
//! - No item wording is embedded: items are keyed by id, and callers show the licensed
//!   text. The Maslach Burnout Inventory is licensed and not included.
//! - Scores are screening information, not diagnoses.
//!
//! # Features
//!
//! - `serde` (default): `Serialize`/`Deserialize` for the public data types.
#![deny(clippy::disallowed_methods)]

pub mod builtin;
mod fast_hash;
pub mod individual;
pub mod instrument;
pub mod report;
pub mod risk;
pub mod signals;
pub mod trends;
pub mod zones;
