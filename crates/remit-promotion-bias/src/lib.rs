//! # remit-promotion-bias — are remote and hybrid employees promoted less?
//!
//! Proximity bias is the tendency to favour the people one sees. This crate answers
//! the question a head of remote work and an HR compliance analyst ask — *are remote
//! and hybrid employees promoted less than onsite employees with the same record?* —
//! with the methods practitioners already trust, in one call, with the caveats stated.
//!
//! Work mode is **not** a protected class. The four-fifths rule of the Uniform
//! Guidelines (29 CFR 1607.4(D)) is applied here *by analogy*; it carries legal weight
//! only where work mode acts as a proxy for a protected group.
//!
//! ## Inputs
//!
//! - [`PromotionRecord`]: one employee's outcome over an observation window (work mode,
//!   level, department, performance rating, tenure, promoted, months to promotion or
//!   to the end of observation, optional attributes). Build records directly with
//!   [`PromotionRecord::builder`], or from a [`Workforce`](remit_core::Workforce) and
//!   the promotions in a window with [`records_from_history`].
//! - [`AnalysisConfig`]: reference group ([`ReferenceGroup`], onsite by default, or the
//!   highest-rate group as the Uniform Guidelines define it), stratification key,
//!   regression covariates, alpha, minimum group size and multiple-testing method.
//!
//! ```
//! use remit_core::{Department, EmployeeId, JobLevel, WorkMode};
//! use remit_promotion_bias::{AnalysisConfig, PromotionRecord, ReferenceGroup};
//!
//! let record = PromotionRecord::builder(EmployeeId::from_external("E-1"))
//!     .work_mode(WorkMode::Remote)
//!     .level(JobLevel::new(2))
//!     .department(Department::new("Support")?)
//!     .performance(3.0)
//!     .tenure_months(18.0)
//!     .promoted(false)
//!     .months_to_event(12.0)
//!     .build()?;
//! assert_eq!(record.work_mode(), WorkMode::Remote);
//! let config = AnalysisConfig::default();
//! assert_eq!(config.reference(), ReferenceGroup::Mode(WorkMode::Onsite));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## The analysis
//!
//! [`analyse`] compares each focal work mode with the reference group and returns a
//! [`PromotionReport`]: rates, the impact ratio with its confidence interval and the
//! four-fifths flag, the pooled z test and Fisher's exact test with a Holm adjustment
//! across focal groups, the stratified Cochran–Mantel–Haenszel analysis, the minimum
//! detectable impact ratio, and intersectional cuts through the disclosure guard. The
//! report implements [`remit_core::Audit`]: its findings say what was found in words a
//! head of remote work can act on.
//!
//! ```
//! use remit_core::{Audit, Department, EmployeeId, JobLevel, WorkMode};
//! use remit_promotion_bias::{analyse, AnalysisConfig, PromotionRecord};
//!
//! // 400 onsite employees, 30% promoted; 200 remote employees, 15% promoted.
//! let mut records = Vec::new();
//! for i in 0..600u32 {
//!     let (mode, promoted) = if i < 400 {
//!         (WorkMode::Onsite, i % 10 < 3)
//!     } else {
//!         (WorkMode::Remote, i % 20 < 3)
//!     };
//!     records.push(
//!         PromotionRecord::builder(EmployeeId::from_external(&format!("E-{i}")))
//!             .work_mode(mode)
//!             .level(JobLevel::new(1 + (i % 3) as u8))
//!             .department(Department::new("Engineering")?)
//!             .performance(f64::from(1 + i % 5))
//!             .tenure_months(f64::from(i % 48))
//!             .promoted(promoted)
//!             .months_to_event(if promoted { 6.0 } else { 12.0 })
//!             .build()?,
//!     );
//! }
//! let report = analyse(&records, &AnalysisConfig::default())?;
//! let remote = report.comparison(WorkMode::Remote).unwrap();
//! assert!((remote.impact_ratio.unwrap().ratio - 0.5).abs() < 1e-12);
//! assert!(remote.adjusted_p_value < 0.001);
//!
//! let findings = report.findings();
//! assert_eq!(findings[0].code().as_str(), "PB-IMPACT-RATIO");
//! assert!(findings[0].title().starts_with("Remote employees were promoted at 0.50× the onsite rate"));
//! assert!(findings[0].detail().contains("by analogy"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The crate does no I/O and reads no clock; the observation window is a parameter.
#![deny(clippy::disallowed_methods)]

mod analysis;
mod config;
mod cross;
pub mod findings;
pub mod history;
mod models;
mod record;
pub mod report;
mod table;

pub use analysis::{AnalysisError, FOUR_FIFTHS, HIGHEST_RATE_MIN_SHARE, analyse, analyse_table};

pub use config::{
    AnalysisConfig, ConfigError, Covariate, MultipleTesting, ReferenceGroup, Stratification,
};
pub use history::{HistoryError, PromotionEvent, records_from_history};
pub use record::{PromotionRecord, PromotionRecordBuilder, RecordError};
pub use report::{
    Comparison, GroupSummary, ImpactRatio, IntersectionCell, PromotionReport, StratifiedComparison,
    SurvivalCurve, ZTest,
};
pub use table::{PromotionRow, PromotionTable};
