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
//! The crate does no I/O and reads no clock; the observation window is a parameter.
#![deny(clippy::disallowed_methods)]

mod config;
pub mod history;
mod record;

pub use config::{
    AnalysisConfig, ConfigError, Covariate, MultipleTesting, ReferenceGroup, Stratification,
};
pub use history::{HistoryError, PromotionEvent, records_from_history};
pub use record::{PromotionRecord, PromotionRecordBuilder, RecordError};
