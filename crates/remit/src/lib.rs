//! remit: remote-work health across equipment, benefits, collaboration tools, promotion
//! equity and wellbeing.
//!
//! This facade re-exports the domain crates (each behind a default-on feature) and
//! composes their reports into one [`Scorecard`]. It knows each domain only through
//! [`remit_core::Audit`]: findings, health, the groups a domain defines, its guarded
//! metrics for another domain's groups, and the charts it wants drawn.
//!
//! | feature | module |
//! |---|---|
//! | `assets` | [`assets`] — equipment lifecycle, depreciation, kit coverage, retrieval |
//! | `benefits` | [`benefits`] — benefit equity between work modes |
//! | `collab-tools` | [`collab_tools`] — async-suitability, tool sprawl, licence waste, time-zone overlap |
//! | `promotion-bias` | [`promotion_bias`] — proximity bias in promotions |
//! | `wellbeing` | [`wellbeing`] — instruments, signals, burnout risk, cohort reports |
//!
//! # A scorecard from any audits
//!
//! ```
//! use remit::{render, Scorecard};
//! use remit_core::disclosure::{Disclosure, DisclosurePolicy};
//! use remit_core::{Audit, Coverage, Domain, Finding, FindingCode, Severity};
//!
//! struct Tools {
//!     coverage: Coverage,
//!     findings: Vec<Finding>,
//! }
//! impl Audit for Tools {
//!     fn domain(&self) -> Domain { Domain::CollabTools }
//!     fn coverage(&self) -> &Coverage { &self.coverage }
//!     fn findings(&self) -> &[Finding] { &self.findings }
//! }
//!
//! let tools = Tools {
//!     coverage: Coverage::Measured,
//!     findings: vec![Finding::builder(Domain::CollabTools, FindingCode::constant("TOOLS-NO-SSO"),
//!                               Severity::High, "Whiteboard tool has no single sign-on")
//!         .recommendation("Enable SSO or replace the tool.")
//!         .build()?],
//! };
//!
//! // One disclosure engine for everything one reader sees.
//! let mut disclosure = Disclosure::new(DisclosurePolicy::default());
//! let card = Scorecard::from_audits(&[&tools], &mut disclosure)?;
//! // One high finding: 100 − 12, capped at 59.
//! assert_eq!(card.overall().score(), Some(59));
//! assert!(render::text(&card).contains("Whiteboard tool has no single sign-on"));
//! assert!(render::html(&card).starts_with("<!DOCTYPE html>"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(clippy::disallowed_methods)]

pub mod render;
mod scorecard;

pub use scorecard::{DomainSummary, Observation, Scorecard, ScorecardError, SeverityCounts};

pub use remit_core as core;

/// The README's Rust example, compiled and run as a doctest.
#[cfg(all(doctest, feature = "promotion-bias"))]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

#[cfg(feature = "assets")]
pub use remit_assets as assets;
#[cfg(feature = "benefits")]
pub use remit_benefits as benefits;
#[cfg(feature = "collab-tools")]
pub use remit_collab_tools as collab_tools;
#[cfg(feature = "promotion-bias")]
pub use remit_promotion_bias as promotion_bias;
#[cfg(feature = "wellbeing")]
pub use remit_wellbeing as wellbeing;
