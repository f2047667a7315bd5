//! The shared vocabulary of remit.
//!
//! Every remit domain crate (assets, benefits, collaboration tools, promotion bias,
//! wellbeing) speaks in the types defined here, so their reports compose:
//!
//! | concept | types |
//! |---|---|
//! | identity | [`EmployeeId`], [`AssetId`], [`ToolId`], [`BenefitId`], [`TeamId`], [`SurveyId`], [`EventId`] |
//! | where people work | [`WorkMode`], [`CountryCode`], IANA time zones ([`chrono_tz::Tz`]) |
//! | people | [`Employee`], [`JobLevel`], [`Department`], [`Attributes`], the [`Workforce`] port, [`Roster`] |
//! | shared text | [`SharedStr`] (departments and attributes that many employees share) |
//! | money | [`Money`], [`Currency`], [`Rounding`], [`ExchangeRate`] |
//! | time | [`Period`] and the [month convention](period); time-zone geometry with one convention ([`zones`]) |
//! | privacy | the [`disclosure`] engine: [`disclosure::Disclosure`], [`disclosure::DisclosurePolicy`], [`disclosure::Disclosed`] |
//! | composition | [`Audit`], [`Finding`], [`Severity`], [`Coverage`], [`Health`], [`Domain`] |
//!
//! The crate does no I/O and reads no clock: "today" is always a parameter.
//!
//! # A first roster
//!
//! ```
//! use chrono::NaiveDate;
//! use remit_core::disclosure::{Audience, Disclosed, Disclosure, DisclosurePolicy};
//! use remit_core::{CountryCode, Department, Domain, Employee, EmployeeId, JobLevel, Roster, WorkMode, Workforce};
//!
//! let hire = NaiveDate::from_ymd_opt(2022, 5, 2).unwrap();
//! let mut people = Vec::new();
//! for i in 0..12 {
//!     let (mode, country, tz) = if i < 9 {
//!         (WorkMode::Onsite, "DE", chrono_tz::Europe::Berlin)
//!     } else {
//!         (WorkMode::Remote, "PT", chrono_tz::Europe::Lisbon)
//!     };
//!     people.push(
//!         Employee::builder(EmployeeId::from_external(&format!("E-{i}")))
//!             .work_mode(mode)
//!             .country(CountryCode::new(country)?)
//!             .time_zone(tz)
//!             .level(JobLevel::new(2))
//!             .department(Department::new("Support")?)
//!             .hired_on(hire)
//!             .build()?,
//!     );
//! }
//! let roster = Roster::new(people)?;
//!
//! // Head-count by work mode, through the disclosure engine: the staff are one
//! // population (local index = position in the roster), each work mode one group.
//! let mut engine = Disclosure::new(DisclosurePolicy::default());
//! let staff = engine.register(Domain::Wellbeing, "members", roster.employees().map(|e| e.id()))?;
//! let in_mode = |mode: WorkMode| -> Vec<u32> {
//!     (0u32..).zip(roster.employees()).filter(|(_, e)| e.work_mode() == mode).map(|(i, _)| i).collect()
//! };
//! let (onsite, remote) = (in_mode(WorkMode::Onsite), in_mode(WorkMode::Remote));
//! let decisions = engine.release_cells(&staff, &[&onsite, &remote], Audience::General)?;
//! // Nine onsite staff are published; three remote staff are under the minimum of 5.
//! assert_eq!(decisions[0].disclose(onsite.len()), Disclosed::Published(9));
//! assert!(decisions[1].disclose(remote.len()).is_suppressed());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Errors
//!
//! Every fallible constructor returns a `thiserror` error that names the record and the
//! field; messages are lower case. Nothing in this crate panics on caller data.
//!
//! # Features
//!
//! - `serde` (default): `Serialize`/`Deserialize` for every data type. Deserialising
//!   re-validates, so a serialised value cannot smuggle in a broken invariant.
#![deny(clippy::disallowed_methods)]

pub mod audit;
pub mod chart;
mod country;
pub mod disclosure;
mod domain;
pub mod duplicates;
mod employee;
pub mod health;
mod id;
mod money;
pub mod period;
mod text;
mod work_mode;
mod workforce;
pub mod zones;

pub use audit::{
    Audit, AuditError, AuditExt, Cohort, Domain, EmployeeGroup, Finding, FindingCode, FindingTable,
    GroupComparison, Metric, Severity, health_of,
};
pub use country::{CountryCode, CountryCodeError};
pub use employee::{
    Department, DepartmentError, Employee, EmployeeBuilder, EmployeeError, JobLevel,
    ParseJobLevelError,
};
pub use health::{Coverage, Health, HealthBand, OverallHealth};
pub use id::{
    AssetId, BenefitId, EmployeeId, EventId, IdError, REMIT_NAMESPACE, SurveyId, TeamId, ToolId,
};
pub use money::{Currency, CurrencyError, ExchangeRate, Money, MoneyError, Rounding};
pub use period::{Period, PeriodError};
pub use text::{Attributes, AttributesIter, SharedStr};
pub use work_mode::{ParseWorkModeError, WorkMode};
pub use workforce::{Roster, RosterError, Workforce};

/// Re-exported so callers name the same `chrono-tz` time zones and `rust_decimal` amounts.
pub use chrono_tz;
/// Re-exported so callers use the same decimal type for money.
pub use rust_decimal;
