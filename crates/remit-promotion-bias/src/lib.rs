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
//! ## The shape: inputs, config, engine, report
//!
//! Like every remit domain crate: [`audit`]`(&`[`Inputs`]`, &`[`Config`]`, &mut
//! Disclosure) -> Result<`[`PromotionReport`]`, `[`Error`]`>`.
//!
//! - [`Inputs`]: people through the caller's [`Workforce`](remit_core::Workforce) with
//!   the promotions that happened and each person's rating ([`Inputs::new`]), or an
//!   analysis-ready [`PromotionTable`] from a flat file with no roster behind it
//!   ([`Inputs::from_table`]). The [`inputs`](crate::Inputs) documentation says which to
//!   use when.
//! - [`Config`]: the observation window (the months before `as_of`), the reference group
//!   ([`ReferenceGroup`], onsite by default, or the highest-rate group as the Uniform
//!   Guidelines define it), the stratification key, the regression covariates, alpha,
//!   power, the multiple-testing method and the intersectional cuts.
//! - The [`Disclosure`](remit_core::disclosure::Disclosure) engine: the one privacy
//!   setting (its minimum group size) and the memory of everything published; one
//!   engine for everything one reader sees.
//! - [`PromotionReport`]: implements [`remit_core::Audit`] — findings in words a head of
//!   remote work can act on (codes in [`codes`]), coverage, the promotion-rate and
//!   Kaplan–Meier charts, and group comparisons for a scorecard.
//!
//! ## Privacy: one population, released in a fixed order
//!
//! The crate registers one population in the engine, **`promotion-bias/pool`**
//! ([`POOL`]): everyone in the eligible pool, one row each; their promotion outcome,
//! months to promotion and rating are the private values. Groups are released
//! headline cut first — work mode, then work mode × stratum, then work mode × attribute
//! for each intersection, then the regression's sample — and a group the engine refuses
//! has no figure in the report ([`Disclosed::Suppressed`](remit_core::disclosure::Disclosed)
//! or absent). Kaplan–Meier curves stop after the last step with at least the minimum
//! group size at risk. `docs/methodology/promotion-bias.md` gives the full rule.
//!
//! ## Example
//!
//! ```
//! use chrono::NaiveDate;
//! use remit_core::disclosure::{Disclosure, DisclosurePolicy};
//! use remit_core::{Audit, AuditExt, EmployeeId, JobLevel, WorkMode};
//! use remit_promotion_bias::{audit, codes, Config, Inputs, PromotionRow, PromotionTable};
//!
//! // 400 onsite employees, 30% promoted; 200 remote employees, 15% promoted.
//! let mut table = PromotionTable::new();
//! for i in 0..600u32 {
//!     let (mode, promoted) = if i < 400 {
//!         (WorkMode::Onsite, i % 10 < 3)
//!     } else {
//!         (WorkMode::Remote, i % 20 < 3)
//!     };
//!     let employee = EmployeeId::from_external(&format!("E-{i}"));
//!     let level = JobLevel::new(1 + (i % 3) as u8);
//!     let row = PromotionRow::new(employee, mode, level, "Engineering")
//!         .with_performance(f64::from(1 + i % 5))?
//!         .with_tenure_months(f64::from(i % 48))?
//!         .with_outcome(promoted, if promoted { 6.0 } else { 12.0 })?;
//!     table.push_row(row)?;
//! }
//! let as_of = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
//! let mut engine = Disclosure::new(DisclosurePolicy::default());
//! let report = audit(&Inputs::from_table(&table), &Config::new(as_of), &mut engine)?;
//!
//! let findings = report.findings();
//! assert_eq!(findings[0].code(), &codes::IMPACT_RATIO);
//! assert!(findings[0].title().starts_with("Remote employees were promoted at 0.50× the onsite rate"));
//! assert!(findings[0].detail().contains("by analogy"));
//! assert!(report.health().score().is_some_and(|s| s <= 59));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The crate does no I/O and reads no clock; the observation window is a parameter.
#![deny(clippy::disallowed_methods)]

mod audit;
mod cells;
mod charts;
mod config;
mod contingency;
mod covariate;
mod error;
mod findings;
mod history;
mod inputs;
mod models;
mod pool;
mod record;
mod report;
mod results;
mod table;
mod wording;

pub use audit::{POOL, audit};
pub use charts::{RATE_CHART, TIME_TO_PROMOTION_CHART};
pub use config::{
    Config, FOUR_FIFTHS, HIGHEST_RATE_MIN_SHARE, MAX_WINDOW_MONTHS, MultipleTesting,
    ReferenceGroup, Stratification,
};
pub use covariate::Covariate;
pub use error::Error;
pub use history::{PromotionEvent, Ratings, records_from_history, table_from_history};
pub use inputs::Inputs;
pub use record::{PromotionRecord, PromotionRecordBuilder};
pub use report::PromotionReport;
pub use results::{
    Comparison, GroupSummary, ImpactRatio, IntersectionCell, LogisticTerm, RatingComparison,
    StratifiedComparison, SurvivalCurve, WithheldGroup, ZTest,
};
pub use table::{PromotionRow, PromotionTable};

/// The finding codes of [`PromotionReport`], checked at compile time.
///
/// | code | severity | when |
/// |---|---|---|
/// | `PB-IMPACT-RATIO` | high if significant, else medium | a focal group's impact ratio is below 0.8 (four-fifths rule not met, by analogy) |
/// | `PB-RATE-GAP` | medium | the four-fifths rule is met but the gap is statistically significant |
/// | `PB-ADJUSTED-GAP` | high | the regression-adjusted odds ratio is significantly below 1 |
/// | `PB-LEVEL-MIX-EXPLAINS` | low | the raw gap is significant but vanishes within strata (Simpson's paradox) |
/// | `PB-LEVEL-MIX-MASKS` | medium | no raw gap, but a significant gap within strata |
/// | `PB-GAP-VARIES` | low | Breslow–Day: the odds ratio differs between strata |
/// | `PB-TIME-TO-PROMOTION` | medium | the log-rank test finds different times to promotion and the focal group waits longer |
/// | `PB-RATING-GAP` | medium | the focal group's performance ratings are significantly lower (Mann–Whitney) |
/// | `PB-UNDERPOWERED` | info | no significant gap, and the groups are too small to detect a ratio of 0.8 |
/// | `PB-NO-GAP` | info | no significant gap and enough power to see a four-fifths breach |
/// | `PB-INTERSECTION` | low | work mode × attribute cohorts with an impact ratio below 0.8 (one finding, a table when several) |
pub mod codes {
    use remit_core::FindingCode;

    /// A focal group's impact ratio is below 0.8.
    pub const IMPACT_RATIO: FindingCode = FindingCode::constant("PB-IMPACT-RATIO");
    /// Within the four-fifths rule, but a statistically significant gap.
    pub const RATE_GAP: FindingCode = FindingCode::constant("PB-RATE-GAP");
    /// The regression-adjusted odds ratio is significantly below 1.
    pub const ADJUSTED_GAP: FindingCode = FindingCode::constant("PB-ADJUSTED-GAP");
    /// A significant raw gap that vanishes within strata (Simpson's paradox).
    pub const LEVEL_MIX_EXPLAINS: FindingCode = FindingCode::constant("PB-LEVEL-MIX-EXPLAINS");
    /// No raw gap, but a significant gap within strata.
    pub const LEVEL_MIX_MASKS: FindingCode = FindingCode::constant("PB-LEVEL-MIX-MASKS");
    /// One pooled odds ratio does not describe every stratum (Breslow–Day).
    pub const GAP_VARIES: FindingCode = FindingCode::constant("PB-GAP-VARIES");
    /// The focal group waits longer for promotion (log-rank).
    pub const TIME_TO_PROMOTION: FindingCode = FindingCode::constant("PB-TIME-TO-PROMOTION");
    /// The focal group's ratings are significantly lower (Mann–Whitney).
    pub const RATING_GAP: FindingCode = FindingCode::constant("PB-RATING-GAP");
    /// No significant gap, and too little power to see a four-fifths breach.
    pub const UNDERPOWERED: FindingCode = FindingCode::constant("PB-UNDERPOWERED");
    /// No significant gap, with the power to see a four-fifths breach.
    pub const NO_GAP: FindingCode = FindingCode::constant("PB-NO-GAP");
    /// Work mode × attribute cohorts below four fifths of the reference cohort.
    pub const INTERSECTION: FindingCode = FindingCode::constant("PB-INTERSECTION");
}
