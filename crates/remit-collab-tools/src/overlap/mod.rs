//! Time-zone overlap: the working hours a team shares on each day of a date range.
//!
//! # The method
//!
//! Every member has an IANA zone, local working hours and workdays. For each local date
//! of the range (with a margin of three days before and two after, enough for any
//! offset and any window), a member's window on a workday is converted to UTC through
//! the tz database, so daylight-saving changes are applied on the member's own dates
//! (the US and the EU change clocks on different Sundays; Sydney and Santiago change in
//! the opposite season). Wall times that fall in a spring-forward gap or a fall-back
//! fold resolve as Python's `zoneinfo` does with `fold=0` (see the golden fixtures).
//! Windows that cross local midnight are allowed.
//!
//! The team's shared time is the intersection of the members' UTC intervals. It is cut
//! at the midnights of an **anchor** zone (default UTC) and each piece is counted on that
//! anchor date, so "Monday" means the anchor's Monday. A team spanning the date line
//! sees this directly: Los Angeles' Monday afternoon is Auckland's Tuesday morning, and
//! on the anchor's Friday the Auckland members are already in their weekend.
//!
//! The summary is taken over the anchor workdays of the range (default Monday–Friday):
//!
//! - **minimum** and **typical** (lower median) shared minutes per day;
//! - the **core collaboration window**: the longest run of anchor wall-clock minutes
//!   (minute `m` of a date read as the instant of that wall time, `fold=0`, so a day of
//!   the anchor's own clock change is read off its clock) shared on at least
//!   [`OverlapConfig::core_window_share`] of those days, an exact fraction (default
//!   9/10, so the three to four weeks a year when US and EU clocks disagree do not
//!   erase it);
//! - **async-first** advice when the typical overlap is under
//!   [`OverlapConfig::async_first_below_minutes`] (default 120, GitLab's and Dropbox's
//!   practice of a few hours of core collaboration time; see the methodology page).
//!
//! ```
//! use chrono::{NaiveDate, NaiveTime};
//! use remit_collab_tools::{Member, OverlapConfig, OverlapPlanner, Team, WorkingHours, Workdays};
//! use remit_core::{EmployeeId, Period, TeamId};
//!
//! let nine_to_five = WorkingHours::new(
//!     NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
//!     NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
//! )?;
//! let member = |id: &str, tz| Member::new(EmployeeId::from_external(id), tz, nine_to_five, Workdays::MON_FRI);
//! let team = Team::new(
//!     TeamId::from_external("payments"),
//!     vec![
//!         member("ana", chrono_tz::Europe::London)?,
//!         member("bo", chrono_tz::America::New_York)?,
//!     ],
//! )?;
//!
//! // March 2025: New York springs forward on the 9th, London only on the 30th.
//! let d = |day| NaiveDate::from_ymd_opt(2025, 3, day).unwrap();
//! let mut planner = OverlapPlanner::new(Period::new(d(3), d(31))?, OverlapConfig::default())?;
//! let result = planner.overlap(&team);
//! assert_eq!(result.minutes_on(d(7)), Some(180)); // 5 h apart: 14:00-17:00 London
//! assert_eq!(result.minutes_on(d(10)), Some(240)); // 4 h apart for three weeks
//! assert_eq!(result.min_minutes(), 180);
//! assert!(!result.async_first());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod config;
mod intervals;
mod meeting;
mod planner;
mod schedule;
mod summary;
mod team;

pub use config::{Fraction, OverlapConfig};
pub use meeting::{MeetingSlot, MemberBurden, Rotation, SlotFairness};
pub use planner::{MAX_RANGE_DAYS, OverlapPlanner};
pub use schedule::{Workdays, WorkingHours};
pub use summary::{CoreWindow, TeamOverlap};
pub use team::{Member, Team};

#[cfg(test)]
mod tests;
