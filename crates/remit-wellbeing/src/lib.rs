//! # remit-wellbeing — who is burning out, and is it worse for some work modes?
//!
//! "Who checks in on the health and wellbeing of thousands of remote employees?" This
//! crate scores what a company already collects — pulse surveys and collaboration
//! metadata — into figures a head of remote work can act on, without identifying
//! anyone: validated instruments, behavioural signals, an explainable burnout-risk
//! index, worsening trends, and cohort figures released through the disclosure engine.
//!
//! ## The shape: inputs, config, engine, report
//!
//! Like every remit domain crate: [`audit`]`(&`[`Inputs`]`, &`[`Config`]`, &mut
//! Disclosure) -> Result<`[`WellbeingReport`]`, `[`Error`]`>`.
//!
//! - [`Inputs`]: the people through the caller's [`Workforce`](remit_core::Workforce),
//!   borrowed once, with their [`SurveyResults`] and weekly signals ([`SignalPanel`]).
//!   Only people **employed on the as-of date** count; every survey and panel row must
//!   name one of them.
//! - [`Config`]: the as-of date, the signal thresholds, the trend-alarm settings and
//!   the lines that raise findings.
//! - The [`Disclosure`](remit_core::disclosure::Disclosure) engine: the privacy setting
//!   (minimum group sizes, optional noise) and the memory of everything published; one
//!   engine for everything one reader sees.
//! - [`WellbeingReport`]: implements [`remit_core::Audit`] — cohort figures by work
//!   mode, UTC-offset band, country, department, work mode × band, distance from the
//!   team's centre and manager team; findings (codes in [`codes`]); the risk-index
//!   chart; group comparisons for a scorecard.
//!
//! A person's own results leave only through [`Individuals::personal_view`], for that
//! person.
//!
//! ## Two measures, two names
//!
//! The **burnout-risk index** ([`RiskModel`], default [`WeightedRiskModel`]) is a
//! composite of behavioural signals and, where answered, survey scores, banded low /
//! moderate / high; its figures say "risk index". **CBI work-related burnout** is a
//! survey scale (Copenhagen Burnout Inventory, 0–100); "high CBI work-related burnout"
//! means a score of at least 50 (configurable). They are different measures and never
//! share a name in figures, findings, charts or comparisons.
//!
//! ## Privacy: three populations, released in a fixed order
//!
//! Every figure is released through the engine in one of three populations, each
//! registered under [`Domain::Wellbeing`](remit_core::Domain::Wellbeing):
//!
//! | population | who | figures |
//! |---|---|---|
//! | `wellbeing/members` ([`MEMBERS`]) | everyone employed on the as-of date | head-counts |
//! | `wellbeing/with-signals` ([`WITH_SIGNALS`]) | members with a row in the signal panel | behavioural averages, worsening-trend share, risk-index band shares, the risk comparison |
//! | `wellbeing/responders` ([`RESPONDERS`]) | members with both a WHO-5 and a CBI work-related score | response counts, WHO-5 mean, share with high CBI work-related burnout, the survey comparisons |
//!
//! Release order: everyone, then work mode, UTC-offset band, country, department,
//! work mode × band, distance from the team's centre, and manager teams last (to the
//! manager-facing audience, whose minimum is stricter); within a cut, the largest cells
//! first. What the engine refuses is [`Disclosed::Suppressed`](remit_core::disclosure::Disclosed)
//! with the public reason; a cohort with nobody in a population has no figure for it.
//! Who is in the responder and signal populations is treated as low-sensitivity
//! information, as `docs/methodology/privacy.md` documents. The method:
//! `docs/methodology/wellbeing.md`.
//!
//! ## Example
//!
//! ```
//! use chrono::NaiveDate;
//! use remit_core::disclosure::{Disclosure, DisclosurePolicy};
//! use remit_core::{Audit, AuditExt, CountryCode, Department, Employee, EmployeeId, JobLevel, Roster, WorkMode};
//! use remit_wellbeing::{audit, codes, Config, Inputs, Signal, SignalPanel, SurveyResults, WeekSignals};
//!
//! // 30 staff: every third works remotely from Manila with more after-hours work.
//! let hired = NaiveDate::from_ymd_opt(2024, 1, 8).unwrap();
//! let (mut people, mut panel, mut surveys) = (Vec::new(), SignalPanel::new(4)?, SurveyResults::new());
//! for i in 0..30 {
//!     let remote = i % 3 == 0;
//!     let id = EmployeeId::from_external(&format!("E-{i}"));
//!     people.push(
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
//! let roster = Roster::new(people)?;
//!
//! let mut engine = Disclosure::new(DisclosurePolicy::default());
//! let config = Config::new(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
//! let report = audit(&Inputs::new(&roster, &surveys, &panel), &config, &mut engine)?;
//!
//! let finding = &report.findings()[0];
//! assert_eq!(finding.code(), &codes::TZ_AFTER_HOURS);
//! assert_eq!(
//!     finding.title(),
//!     "Remote staff in UTC+8 to UTC+10 average 4.0 after-hours hours a week, 2.7× onsite; \
//!      100% have high CBI work-related burnout (≥ 50)"
//! );
//! assert_eq!(finding.affected(), Some(10));
//! // A high finding caps the domain's health (the one rule of remit_core::health).
//! assert!(report.health().score().is_some_and(|s| s <= 59));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Scoring a survey
//!
//! ```
//! use remit_wellbeing::{Cbi, Instrument, Who5};
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
//! ## Building blocks
//!
//! | concept | items |
//! |---|---|
//! | instruments | the [`Instrument`] trait (items keyed by id, response range, reverse items, scales, explicit missing-item policy, bands), [`InstrumentSpec`]; built in: [`Who5`], [`Cbi`], [`Pss10`] |
//! | behavioural signals | [`Signal`], [`WeekSignals`], the columnar [`SignalPanel`], Viva-based [`SignalThresholds`] |
//! | risk | [`RiskModel`], [`WeightedRiskModel`], [`RiskFeatures`], [`RiskAssessment`] with per-factor contributions, [`RiskBand`] |
//! | trends | [`signal_alarm`] (EWMA and CUSUM must both signal), [`AlarmConfig`], [`ReliableChange`] (Jacobson & Truax) |
//! | per person | [`Individuals`], [`PersonalView`] |
//! | report | [`WellbeingReport`], [`CohortRow`], [`CohortStats`], [`BehaviourFigures`], [`SurveyFigures`], [`Dimension`], [`TeamDistance`] |
//!
//! ## Non-goals
//!
//! - No item wording is embedded: items are keyed by id, and callers show the licensed
//!   text. The Maslach Burnout Inventory is licensed and not included.
//! - Scores are screening information, not diagnoses.
//!
//! ## Features
//!
//! - `serde` (default): `Serialize` for the public data types; `Deserialize` for the
//!   inputs and settings, each through the same checks as its constructor (a panel's
//!   values, survey scores, instrument definitions, risk models, alarm settings, the
//!   config). Results (scores, views, reports) serialise only.
#![deny(clippy::disallowed_methods)]

mod audit;
mod builtin;
mod charts;
pub mod codes;
mod compare;
mod config;
mod cuts;
mod error;
mod figures;
mod findings;
mod individual;
mod inputs;
mod instrument;
mod members;
mod publish;
mod report;
mod risk;
mod signals;
mod surveys;
mod trends;

pub use audit::audit;
pub use builtin::{Cbi, Pss10, Who5, Who5Change};
pub use charts::RISK_BANDS_CHART;
pub use config::Config;
pub use cuts::{Dimension, TeamDistance};
pub use error::Error;
pub use figures::{BehaviourFigures, CohortRow, CohortStats, SurveyFigures};
pub use individual::{Individuals, PersonalView};
pub use inputs::Inputs;
pub use instrument::{
    Aggregation, Bands, Edge, Instrument, InstrumentError, InstrumentSpec, InstrumentSpecBuilder,
    Item, ItemId, MissingPolicy, ResponseRange, Scale, ScaleIndex, ScaleScore, ScoreError, Scores,
};
pub use publish::{MEMBERS, RESPONDERS, WITH_SIGNALS};
pub use report::WellbeingReport;
pub use risk::{
    Ramp, RiskAssessment, RiskBand, RiskError, RiskFactor, RiskFeatures, RiskModel,
    WeightedRiskModel,
};
pub use signals::{Signal, SignalError, SignalPanel, SignalThresholds, WeekSignals};
pub use surveys::SurveyResults;
pub use trends::{
    AlarmConfig, ChangeDirection, MONITORED, RCI_CRITICAL_95, ReliableChange, TrendAlarm,
    TrendError, Worse, signal_alarm,
};
