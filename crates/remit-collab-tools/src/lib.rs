//! Collaboration tools for remote teams: how well each tool supports asynchronous work,
//! where tools sprawl and licences go unused, which tools are a security risk, and how
//! many working hours each team really shares across time zones.
//!
//! This answers the Head of Remote question "who will lead an end-to-end tools audit,
//! ensuring that tools which do not support asynchronous workflows are deprecated or
//! replaced?" (GitLab handbook). See `docs/methodology/collab-tools.md` for the rubric,
//! its sources and every threshold.
//!
//! - [`inventory`]: tools with a category, documented capabilities, how synchronous their
//!   core use is, licences (seats, price per seat and period as [`remit_core::Money`],
//!   renewal) and per-user last activity.
//! - [`rubric`]: the [`Rubric`](rubric::Rubric) trait and the documented default rubric
//!   (GitLab's async principles × Media Synchronicity Theory), scores 0–100 with each
//!   criterion's contribution.
//! - [`audit`]: the end-to-end audit — per-tool recommendations (keep, reconfigure,
//!   replace, deprecate), sprawl with savings, licence waste, security posture and
//!   async-first call-outs — as a [`ToolAudit`](audit::ToolAudit) implementing
//!   [`remit_core::Audit`].
//! - [`overlap`]: shared working hours per day across IANA zones and DST changes, core
//!   collaboration windows, meeting-slot fairness and rotations, async-first advice.
//!
//! The crate does no I/O and reads no clock: dates and ranges are parameters.
//!
//! # An audit in one page
//!
//! ```
//! use chrono::NaiveDate;
//! use remit_collab_tools::audit::{Action, AuditConfig, ToolAudit};
//! use remit_collab_tools::inventory::{BillingPeriod, Capability, Category, Inventory, Licence, Seat, SyncLevel, Tool};
//! use remit_collab_tools::rubric::DefaultRubric;
//! use remit_core::{Audit, Currency, EmployeeId, Money, ToolId};
//! use rust_decimal::Decimal;
//!
//! let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
//! let usd = Currency::new("USD")?;
//! let user = |i: u32| EmployeeId::from_external(&format!("E-{i}"));
//! let recently = NaiveDate::from_ymd_opt(2025, 6, 25);
//!
//! // A whiteboard nobody secured: no SSO, SCIM, MFA or audit log, 20 seats, 8 used.
//! let board = Tool::builder(ToolId::from_external("board"), "Board", Category::Whiteboard)
//!     .sync_level(SyncLevel::MostlySync)
//!     .enable([Capability::CommentsAndSuggestions, Capability::VersionHistory])
//!     .licence(Licence::new(20, Money::new(Decimal::new(10, 0), usd), BillingPeriod::Monthly,
//!         NaiveDate::from_ymd_opt(2025, 9, 1).unwrap())?)
//!     .seats((0..8).map(|i| Seat::new(user(i), recently)))
//!     .build()?;
//!
//! let audit = ToolAudit::run(&Inventory::new(vec![board])?, &DefaultRubric, &[], &[],
//!     as_of, &AuditConfig::default())?;
//! assert_eq!(audit.scores()[0].score(), 23); // comments 8 + versions 8 + mostly sync 7
//! assert_eq!(audit.recommendations()[0].action(), Action::Replace);
//! assert_eq!(audit.licence_waste()[0].annual_waste().to_string(), "1440 USD"); // 12 idle seats
//! let codes: Vec<String> = audit.findings().iter().map(|f| f.code().to_string()).collect();
//! assert!(codes.contains(&"TOOLS-NO-SSO".to_string()));
//! assert!(codes.contains(&"TOOLS-LICENCE-WASTE".to_string()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Features
//!
//! - `serde` (default): `Serialize`/`Deserialize` for the data types.
#![deny(clippy::disallowed_methods)]

pub mod audit;
mod error;
mod hash;
pub mod inventory;
pub mod overlap;
pub mod rubric;
mod zone;

pub use error::CollabError;
