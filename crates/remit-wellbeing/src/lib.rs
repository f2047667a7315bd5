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
//! | [`trends`] | per-employee worsening alarms (EWMA and CUSUM must both signal) (charts from `remit-stats`), reliable change index (Jacobson & Truax) |
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
//! # From surveys and signals to a protected report
//!
//! ```
//! use chrono::NaiveDate;
//! use remit_core::{Audit, CountryCode, Department, Employee, EmployeeId, JobLevel, WorkMode};
//! use remit_wellbeing::individual::{Individuals, SurveyResults};
//! use remit_wellbeing::report::{CohortReport, ReportConfig};
//! use remit_wellbeing::risk::WeightedRiskModel;
//! use remit_wellbeing::signals::{Signal, SignalPanel, WeekSignals};
//!
//! let hired = NaiveDate::from_ymd_opt(2024, 1, 8).unwrap();
//! let (mut roster, mut panel, mut surveys) = (Vec::new(), SignalPanel::new(4)?, SurveyResults::new());
//! for i in 0..30 {
//!     let remote = i % 3 == 0;
//!     let id = EmployeeId::from_external(&format!("E-{i}"));
//!     roster.push(
//!         Employee::builder(id)
//!             .work_mode(if remote { WorkMode::Remote } else { WorkMode::Onsite })
//!             .country(CountryCode::new(if remote { "PH" } else { "DE" })?)
//!             .time_zone(if remote { chrono_tz::Asia::Manila } else { chrono_tz::Europe::Berlin })
//!             .level(JobLevel::new(2))
//!             .department(Department::new("Support")?)
//!             .hired_on(hired)
//!             .build()?,
//!     );
//!     let week = WeekSignals::zero().with(Signal::AfterHoursHours, if remote { 4.0 } else { 1.5 })?;
//!     panel.push(id, &[week; 4])?;
//!     surveys.push(id, Some(60.0), Some(if remote { 62.5 } else { 30.0 }))?;
//! }
//! let people = Individuals::assess(&roster, &panel, &surveys, &WeightedRiskModel::default())?;
//! let report = CohortReport::build(&roster, &people, &ReportConfig::new(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()))?;
//! let finding = &report.findings()[0];
//! assert_eq!(finding.code().as_str(), "WB-TZ-AFTER-HOURS");
//! assert!(finding.title().starts_with("Remote staff in UTC+8 to UTC+10 average 4.0 after-hours hours a week"));
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
//! - `serde` (default): `Serialize` for the public data types; `Deserialize` for the
//!   inputs and settings, each through the same checks as its constructor (a panel's
//!   values, survey scores, instrument definitions, risk models, alarm settings).
//!   Scores serialise only.
#![deny(clippy::disallowed_methods)]

pub mod builtin;
mod groups;
pub mod individual;
pub mod instrument;
pub mod report;
pub mod risk;
pub mod signals;
pub mod trends;
pub mod zones;
