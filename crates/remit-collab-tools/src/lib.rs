//! Collaboration tools for remote teams: how well each tool supports asynchronous work,
//! where tools sprawl and licences go unused, which tools are a security risk, and how
//! many working hours each team really shares across time zones.
//!
//! This answers the Head of Remote question "who will lead an end-to-end tools audit,
//! ensuring that tools which do not support asynchronous workflows are deprecated or
//! replaced?" (GitLab handbook). See `docs/methodology/collab-tools.md` for the rubric,
//! its sources and every threshold.
//!
//! # The shape
//!
//! Like every remit domain crate: one entry verb, [`audit`]`(&`[`Inputs`]`, &`[`Config`]`,
//! &mut Disclosure) -> Result<`[`ToolsReport`]`, `[`Error`]`>`.
//!
//! - [`Inputs::new`]`(&workforce, &inventory)` borrows the employees (through the
//!   [`remit_core::Workforce`] port) and the [`Inventory`] of tools; add teams with
//!   [`Inputs::with_teams`] and a rubric with [`Inputs::with_rubric`] (default
//!   [`DefaultRubric`]). Every seat holder and team member must be an employee; a
//!   member's zone must be the one the workforce records.
//! - [`Config::new`]`(as_of)` holds every threshold, with validating `with_*` setters.
//! - The [`Disclosure`](remit_core::disclosure::Disclosure) engine decides every figure
//!   about people the report publishes; there is no privacy setting in [`Config`].
//! - [`ToolsReport`] implements [`remit_core::Audit`]: findings (codes in [`codes`]),
//!   the tool-score chart, and the far-from-centre group for other domains.
//!
//! # What is about people, and how it is released
//!
//! Tool facts (capabilities, scores, licences bought and their prices) and schedules
//! (members' time zones and working hours, hence team overlaps) are treated as public,
//! like an org chart. Who holds a seat on which tool is treated as low-sensitivity
//! membership information (as survey tools treat who responded): it decides which
//! groups exist, never a value. What each person *does* — whether they were active in
//! a tool within the inactivity window — is private, and every figure computed from it
//! is released through the engine, per population:
//!
//! | population | members | figures |
//! |---|---|---|
//! | `collab-tools/seats:<tool id>` ([`seat_population`]) | the tool's seat holders | seat holders, active users, inactive and unassigned seats, licence waste, the people exposed by a security gap; per async-first team, whether its members use the tool |
//! | `collab-tools/sprawl:<first tool id>` ([`sprawl_population`]) | everyone holding a seat on a tool of a linked group | people active in two or more of its tools; the seats a consolidation must add, hence its savings |
//!
//! Releases run headline first (each tool's seat holders as one group, then each
//! sprawl group's, then async-first teams as cells of each tool's population, largest
//! first). A withheld figure is [`Disclosed::Suppressed`](remit_core::disclosure::Disclosed)
//! and findings say "withheld" instead of a number; a rule that needs a withheld figure
//! (a tool nobody uses is deprecated; a linked group is sprawl when people use two of
//! its tools) is not applied rather than applied to private data.
//!
//! # An audit in one page
//!
//! ```
//! use chrono::NaiveDate;
//! use remit_collab_tools::{audit, Action, BillingPeriod, Capability, Category, Config, Inputs, Inventory, Licence, Seat, SyncLevel, Tool};
//! use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy};
//! use remit_core::{Audit, AuditExt, CountryCode, Currency, Department, Employee, EmployeeId, JobLevel, Money, Roster, ToolId, WorkMode};
//! use rust_decimal::Decimal;
//!
//! let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
//! let user = |i: u32| EmployeeId::from_external(&format!("E-{i}"));
//! let roster = Roster::new(
//!     (0..8)
//!         .map(|i| {
//!             Employee::builder(user(i))
//!                 .work_mode(WorkMode::Remote)
//!                 .country(CountryCode::new("US").unwrap())
//!                 .time_zone(chrono_tz::America::New_York)
//!                 .level(JobLevel::new(2))
//!                 .department(Department::new("Product").unwrap())
//!                 .hired_on(NaiveDate::from_ymd_opt(2022, 1, 10).unwrap())
//!                 .build()
//!                 .unwrap()
//!         })
//!         .collect(),
//! )?;
//! let recently = NaiveDate::from_ymd_opt(2025, 6, 25);
//! let usd = Currency::new("USD")?;
//!
//! // A whiteboard nobody secured: no SSO, SCIM, MFA or audit log; 20 seats, 8 used.
//! let board = Tool::builder(ToolId::from_external("board"), "Board", Category::Whiteboard)
//!     .sync_level(SyncLevel::MostlySync)
//!     .enable([Capability::CommentsAndSuggestions, Capability::VersionHistory])
//!     .licence(Licence::new(20, Money::new(Decimal::new(10, 0), usd), BillingPeriod::Monthly,
//!         NaiveDate::from_ymd_opt(2025, 9, 1).unwrap())?)
//!     .seats((0..8).map(|i| Seat::new(user(i), recently)))
//!     .build()?;
//!
//! let mut engine = Disclosure::new(DisclosurePolicy::default());
//! let report = audit(
//!     &Inputs::new(&roster, &Inventory::new(vec![board])?),
//!     &Config::new(as_of),
//!     &mut engine,
//! )?;
//! let review = &report.tools()[0];
//! assert_eq!(review.score().score(), 23); // comments 8 + versions 8 + mostly sync 7
//! // The only whiteboard: improve it rather than replace it.
//! assert_eq!(review.recommendation().action(), Action::Improve);
//! assert_eq!(review.usage().active_users(), Disclosed::Published(8));
//! let waste = report.licence_waste()[0].annual_waste().published().unwrap();
//! assert_eq!(waste.formatted(None), "1,440.00 USD"); // 12 idle seats x 10 x 12
//! let codes: Vec<&str> = report.findings().iter().map(|f| f.code().as_str()).collect();
//! assert!(codes.contains(&"TOOLS-NO-SSO") && codes.contains(&"TOOLS-LICENCE-WASTE"));
//! assert_eq!(report.health().score(), Some(59)); // a high finding caps health at 59
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Modules
//!
//! - [`inventory`]: tools with a category, documented capabilities, how synchronous
//!   their core use is, licences (seats, price per seat and period as
//!   [`remit_core::Money`], renewal) and per-user last activity.
//! - [`rubric`]: the [`Rubric`] trait and the documented default rubric (GitLab's async
//!   principles × Media Synchronicity Theory), scores 0–100 with each criterion's
//!   contribution.
//! - [`overlap`]: shared working hours per day across IANA zones and DST changes, core
//!   collaboration windows, meeting-slot fairness and rotations, async-first advice
//!   ([`OverlapPlanner`], also usable on its own).
//!
//! Every public type is also re-exported here, at the crate root.
//!
//! The crate does no I/O and reads no clock: dates and ranges are parameters.
//!
//! # Features
//!
//! - `serde` (default): `Serialize`/`Deserialize` for the input types (validated as
//!   their constructors validate) and `Serialize` for the report.
#![deny(clippy::disallowed_methods)]

mod async_first;
mod chart;
pub mod codes;
mod config;
mod error;
mod far;
mod findings;
mod inputs;
pub mod inventory;
mod licence;
pub mod overlap;
mod people;
mod recommend;
mod report;
mod review;
pub mod rubric;
mod run;
mod security;
mod sprawl;
mod usage;
mod zone;

pub use async_first::AsyncFirstCallout;
pub use chart::{MAX_CHART_TOOLS, TOOL_SCORES_KEY};
pub use config::{Config, DEFAULT_FAR_FROM_CENTRE_HOURS, DEFAULT_OVERLAP_DAYS};
pub use error::Error;
pub use far::FAR_FROM_CENTRE_KEY;
pub use inputs::Inputs;
pub use inventory::{
    BillingPeriod, Capability, CapabilitySet, Category, Inventory, Licence, Seat, SyncLevel, Tool,
    ToolBuilder,
};
pub use licence::{LicenceTotals, LicenceWaste};
pub use overlap::{
    CoreWindow, Fraction, MAX_RANGE_DAYS, MeetingSlot, Member, MemberBurden, OverlapConfig,
    OverlapPlanner, Rotation, SlotFairness, Team, TeamOverlap, Workdays, WorkingHours,
};
pub use recommend::{Action, Recommendation, Setting};
pub use report::ToolsReport;
pub use review::ToolReview;
pub use rubric::{
    AsyncScore, Contribution, Criterion, CriterionKind, DEFAULT_CRITERIA, DefaultRubric, Rubric,
    score,
};
pub use run::audit;
pub use security::SecurityGap;
pub use sprawl::{SprawlCluster, sprawl_population};
pub use usage::{ToolUsage, seat_population};
pub use zone::TZ_DATA_LAST_YEAR;

/// A hash map on foldhash's fixed-seed hasher: fast on ids, and the same on every run
/// (no output depends on its iteration order).
type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
