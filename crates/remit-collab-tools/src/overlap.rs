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
//! use remit_collab_tools::overlap::{Member, OverlapConfig, OverlapPlanner, Team, WorkingHours, Workdays};
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

use chrono::{NaiveDate, NaiveTime, Timelike, Weekday};
use chrono_tz::Tz;
use remit_core::{EmployeeId, Period, TeamId};

use crate::CollabError;
pub use crate::zone::TZ_DATA_LAST_YEAR;
use crate::zone::{DAY, ZoneOffsets, check_tz_date, epoch_day};
use remit_core::fast_hash::FastHashMap;

/// Minutes in a day.
const DAY_MINUTES: u16 = 1440;

/// The longest date range a planner accepts: ten years.
pub const MAX_RANGE_DAYS: i64 = 3_660;

/// Member windows are built for the local dates from `LOCAL_DAYS_BEFORE` days before
/// the range's first date `F` to [`LOCAL_DAYS_AFTER`] days after its end `E` (the day
/// after its last date): every window that can meet what the planner asks about.
///
/// The bound (dates as days since the epoch, `DAY` = 86 400 s):
///
/// - Every UTC offset lies strictly between −24 h and +24 h (chrono's `FixedOffset`
///   cannot hold more; the tz database's extremes are local mean times of about −15:56
///   and +15:13), so a wall time converts to an instant less than a day away from it.
/// - The planner asks about instants in `((F − 1)·DAY, (E + 2)·DAY)`. Anchor days run
///   from the anchor's midnight of `F` to its midnight of `E`, each within a day of its
///   wall time. A meeting starts at most 23:59 after the anchor's midnight of a date
///   before `E`, so before `(E + 1)·DAY`, and lasts at most 24 hours.
/// - A window of local date `d` starts at most 23:59 after local midnight and lasts at
///   most 24 hours, so it lies in `((d − 1)·DAY, (d + 3)·DAY)`.
///
/// So a window of local date `d` can meet the range only if `d + 3 > F − 1` and
/// `d − 1 < E + 2`, that is `F − 3 <= d <= E + 2`. The earlier margin (`F − 2` to `E + 1`)
/// lost the first hour of a team 26 hours apart whose windows start at 23:00 and last a
/// day, and the end of a day-long meeting on the range's last date.
const LOCAL_DAYS_BEFORE: i64 = 3;

/// Member windows are built up to `LOCAL_DAYS_AFTER` local dates after the range's end
/// (the day after its last date); see [`LOCAL_DAYS_BEFORE`] for the bound.
const LOCAL_DAYS_AFTER: i64 = 2;

/// A set of weekdays. Serialised as a bit set, bit 0 Monday to bit 6 Sunday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u8", into = "u8"))]
pub struct Workdays(u8);

impl TryFrom<u8> for Workdays {
    type Error = CollabError;

    /// The set whose bits are `bits`, bit 0 Monday to bit 6 Sunday.
    ///
    /// # Errors
    ///
    /// [`CollabError::InvalidConfig`] (record `workdays`, field `bits`) if bit 7 is set.
    fn try_from(bits: u8) -> Result<Self, CollabError> {
        if bits & !Self::ALL.0 != 0 {
            return Err(CollabError::InvalidConfig {
                record: "workdays",
                field: "bits",
                reason: format!(
                    "must be a set of weekdays (bits 0 to 6, Monday first), got {bits}"
                ),
            });
        }
        Ok(Self(bits))
    }
}

impl From<Workdays> for u8 {
    /// The bit set, bit 0 Monday to bit 6 Sunday.
    fn from(days: Workdays) -> u8 {
        days.0
    }
}

impl Workdays {
    /// Monday to Friday.
    pub const MON_FRI: Workdays = Workdays(0b0001_1111);
    /// Sunday to Thursday (the working week in much of the Middle East).
    pub const SUN_THU: Workdays = Workdays(0b0100_1111);
    /// Every day.
    pub const ALL: Workdays = Workdays(0b0111_1111);
    /// No day.
    pub const NONE: Workdays = Workdays(0);

    /// The set of the given days.
    pub fn new(days: impl IntoIterator<Item = Weekday>) -> Self {
        days.into_iter().fold(Self::NONE, Self::with)
    }

    /// This set plus one day.
    #[must_use]
    pub const fn with(self, day: Weekday) -> Self {
        Workdays(self.0 | (1 << day.num_days_from_monday()))
    }

    /// Whether the set holds `day`.
    pub const fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The number of days in the set.
    pub const fn len(self) -> u32 {
        self.0.count_ones()
    }

    /// Whether the set holds the weekday of the day `epoch_day` days after 1970-01-01
    /// (a Thursday).
    #[inline]
    fn contains_epoch_day(self, epoch_day: i64) -> bool {
        let from_monday = (epoch_day + 3).rem_euclid(7);
        self.0 & (1 << from_monday) != 0
    }
}

impl Default for Workdays {
    fn default() -> Self {
        Self::MON_FRI
    }
}

/// Local working hours: a start time and a length of 1 minute to 24 hours. A window
/// whose end is not after its start crosses midnight (a night shift `22:00–06:00`).
///
/// Invariant: whole minutes; length in `1..=1440` minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "HoursRepr", into = "HoursRepr"))]
pub struct WorkingHours {
    start: u16,
    length: u16,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct HoursRepr {
    start_minute: u16,
    length_minutes: u16,
}

#[cfg(feature = "serde")]
impl TryFrom<HoursRepr> for WorkingHours {
    type Error = CollabError;
    fn try_from(r: HoursRepr) -> Result<Self, CollabError> {
        Self::from_minutes(r.start_minute, r.length_minutes)
    }
}

#[cfg(feature = "serde")]
impl From<WorkingHours> for HoursRepr {
    fn from(h: WorkingHours) -> Self {
        Self {
            start_minute: h.start,
            length_minutes: h.length,
        }
    }
}

fn whole_minute(t: NaiveTime) -> Option<u16> {
    (t.second() == 0 && t.nanosecond() == 0).then(|| (t.hour() * 60 + t.minute()) as u16)
}

impl WorkingHours {
    /// Hours from `start` to `end`; an `end` at or before `start` means the next day.
    ///
    /// # Errors
    ///
    /// [`CollabError::InvalidWorkingHours`] if either time has seconds, or `start == end`
    /// (use [`WorkingHours::from_minutes`] with 1440 for round-the-clock cover).
    pub fn new(start: NaiveTime, end: NaiveTime) -> Result<Self, CollabError> {
        let err = |reason| CollabError::InvalidWorkingHours {
            start: start.to_string(),
            end: end.to_string(),
            reason,
        };
        let (Some(s), Some(e)) = (whole_minute(start), whole_minute(end)) else {
            return Err(err("times must be whole minutes"));
        };
        if s == e {
            return Err(err("start equals end"));
        }
        let length = if e > s { e - s } else { DAY_MINUTES - s + e };
        Ok(Self { start: s, length })
    }

    /// Hours starting `start_minute` minutes after local midnight and lasting
    /// `length_minutes`.
    ///
    /// # Errors
    ///
    /// [`CollabError::InvalidWorkingHours`] unless `start_minute < 1440` and
    /// `1 <= length_minutes <= 1440`.
    pub fn from_minutes(start_minute: u16, length_minutes: u16) -> Result<Self, CollabError> {
        let err = |reason| CollabError::InvalidWorkingHours {
            start: format!("minute {start_minute}"),
            end: format!("+{length_minutes} min"),
            reason,
        };
        if start_minute >= DAY_MINUTES {
            return Err(err("start must be before 24:00"));
        }
        if length_minutes == 0 || length_minutes > DAY_MINUTES {
            return Err(err("length must be 1 to 1440 minutes"));
        }
        Ok(Self {
            start: start_minute,
            length: length_minutes,
        })
    }

    /// 09:00–17:00.
    pub const fn nine_to_five() -> Self {
        Self {
            start: 540,
            length: 480,
        }
    }

    /// Minutes after local midnight at which work starts.
    pub const fn start_minute(&self) -> u16 {
        self.start
    }

    /// Length in minutes.
    pub const fn length_minutes(&self) -> u16 {
        self.length
    }

    /// Whether the window ends on the next local day.
    pub const fn crosses_midnight(&self) -> bool {
        self.start + self.length > DAY_MINUTES
    }
}

impl Default for WorkingHours {
    fn default() -> Self {
        Self::nine_to_five()
    }
}

/// One person's zone, hours and workdays.
///
/// Invariant: at least one workday. Deserialisation validates through [`Member::new`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "MemberRepr", into = "MemberRepr"))]
pub struct Member {
    id: EmployeeId,
    zone: Tz,
    hours: WorkingHours,
    workdays: Workdays,
}

/// The serialised form of a [`Member`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct MemberRepr {
    id: EmployeeId,
    zone: Tz,
    hours: WorkingHours,
    workdays: Workdays,
}

#[cfg(feature = "serde")]
impl TryFrom<MemberRepr> for Member {
    type Error = CollabError;
    fn try_from(r: MemberRepr) -> Result<Self, CollabError> {
        Self::new(r.id, r.zone, r.hours, r.workdays)
    }
}

#[cfg(feature = "serde")]
impl From<Member> for MemberRepr {
    fn from(m: Member) -> Self {
        Self {
            id: m.id,
            zone: m.zone,
            hours: m.hours,
            workdays: m.workdays,
        }
    }
}

impl Member {
    /// A member working `hours` on `workdays` in `zone`.
    ///
    /// # Errors
    ///
    /// [`CollabError::NoWorkdays`] if `workdays` is empty.
    pub fn new(
        id: EmployeeId,
        zone: Tz,
        hours: WorkingHours,
        workdays: Workdays,
    ) -> Result<Self, CollabError> {
        if workdays.is_empty() {
            return Err(CollabError::NoWorkdays { member: id });
        }
        Ok(Self {
            id,
            zone,
            hours,
            workdays,
        })
    }

    /// The member's id.
    pub fn id(&self) -> EmployeeId {
        self.id
    }

    /// The member's IANA zone.
    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// The member's local working hours.
    pub fn hours(&self) -> WorkingHours {
        self.hours
    }

    /// The member's workdays (local weekdays).
    pub fn workdays(&self) -> Workdays {
        self.workdays
    }
}

/// A team: a non-empty list of distinct members. Deserialisation validates through
/// [`Team::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "TeamRepr", into = "TeamRepr"))]
pub struct Team {
    id: TeamId,
    members: Vec<Member>,
}

/// The serialised form of a [`Team`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct TeamRepr {
    id: TeamId,
    members: Vec<Member>,
}

#[cfg(feature = "serde")]
impl TryFrom<TeamRepr> for Team {
    type Error = CollabError;
    fn try_from(r: TeamRepr) -> Result<Self, CollabError> {
        Self::new(r.id, r.members)
    }
}

#[cfg(feature = "serde")]
impl From<Team> for TeamRepr {
    fn from(t: Team) -> Self {
        Self {
            id: t.id,
            members: t.members,
        }
    }
}

impl Team {
    /// Validates a team.
    ///
    /// # Errors
    ///
    /// [`CollabError::EmptyTeam`] without members, [`CollabError::DuplicateMember`] if a
    /// member id repeats.
    pub fn new(id: TeamId, members: Vec<Member>) -> Result<Self, CollabError> {
        if members.is_empty() {
            return Err(CollabError::EmptyTeam { team: id });
        }
        if let Some(member) = crate::hash::first_duplicate(members.iter().map(Member::id)) {
            return Err(CollabError::DuplicateMember { team: id, member });
        }
        Ok(Self { id, members })
    }

    /// The team's id.
    pub fn id(&self) -> TeamId {
        self.id
    }

    /// The members, in the order given.
    pub fn members(&self) -> &[Member] {
        &self.members
    }
}

/// An exact fraction in `(0, 1]`, `numerator / denominator`: the share of anchor
/// workdays a minute must be shared on to join the core window. Exact, so that 56% of
/// 25 days is 14 days (in floating point, `ceil(0.56 × 25)` is 15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Fraction {
    numerator: u32,
    denominator: u32,
}

impl Fraction {
    /// `numerator / denominator` if `0 < numerator <= denominator`.
    const fn new(numerator: u32, denominator: u32) -> Option<Self> {
        if numerator == 0 || numerator > denominator {
            return None;
        }
        Some(Self {
            numerator,
            denominator,
        })
    }

    /// The numerator, at least 1.
    pub fn numerator(&self) -> u32 {
        self.numerator
    }

    /// The denominator, at least the numerator.
    pub fn denominator(&self) -> u32 {
        self.denominator
    }

    /// The fraction as a floating-point number in `(0, 1]`, for display.
    pub fn to_f64(&self) -> f64 {
        f64::from(self.numerator) / f64::from(self.denominator)
    }

    /// The fewest of `total` items that make at least this fraction of them:
    /// `ceil(numerator × total / denominator)`, in exact integer arithmetic.
    pub fn ceil_of(&self, total: u32) -> u32 {
        let n = u64::from(self.numerator) * u64::from(total);
        let d = u64::from(self.denominator);
        // At most `total`, since the fraction is at most 1.
        u32::try_from(n.div_ceil(d)).unwrap_or(total)
    }
}

impl std::fmt::Display for Fraction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

/// The default core-window share: 9 days in 10.
const DEFAULT_CORE_WINDOW_SHARE: Fraction = Fraction {
    numerator: 9,
    denominator: 10,
};

/// Settings of an [`OverlapPlanner`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "OverlapConfigRepr", into = "OverlapConfigRepr")
)]
pub struct OverlapConfig {
    anchor: Tz,
    anchor_workdays: Workdays,
    async_first_below_minutes: u32,
    core_window_share: Fraction,
}

/// The serialised form of an [`OverlapConfig`], validated through its setters.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct OverlapConfigRepr {
    anchor: Tz,
    anchor_workdays: Workdays,
    async_first_below_minutes: u32,
    core_window_share: FractionRepr,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct FractionRepr {
    numerator: u32,
    denominator: u32,
}

#[cfg(feature = "serde")]
impl TryFrom<OverlapConfigRepr> for OverlapConfig {
    type Error = CollabError;
    fn try_from(r: OverlapConfigRepr) -> Result<Self, CollabError> {
        Self::default()
            .with_anchor(r.anchor)
            .with_anchor_workdays(r.anchor_workdays)?
            .with_async_first_below_minutes(r.async_first_below_minutes)
            .with_core_window_share(
                r.core_window_share.numerator,
                r.core_window_share.denominator,
            )
    }
}

#[cfg(feature = "serde")]
impl From<OverlapConfig> for OverlapConfigRepr {
    fn from(c: OverlapConfig) -> Self {
        Self {
            anchor: c.anchor,
            anchor_workdays: c.anchor_workdays,
            async_first_below_minutes: c.async_first_below_minutes,
            core_window_share: FractionRepr {
                numerator: c.core_window_share.numerator,
                denominator: c.core_window_share.denominator,
            },
        }
    }
}

impl Default for OverlapConfig {
    /// Anchor UTC, Monday–Friday, async-first below 120 minutes, core window share 9/10.
    fn default() -> Self {
        Self {
            anchor: Tz::UTC,
            anchor_workdays: Workdays::MON_FRI,
            async_first_below_minutes: 120,
            core_window_share: DEFAULT_CORE_WINDOW_SHARE,
        }
    }
}

impl OverlapConfig {
    /// The zone whose dates and wall clock the results are expressed in.
    #[must_use]
    pub fn with_anchor(mut self, anchor: Tz) -> Self {
        self.anchor = anchor;
        self
    }

    /// The anchor weekdays the summary is taken over.
    ///
    /// # Errors
    ///
    /// [`CollabError::InvalidConfig`] if empty.
    pub fn with_anchor_workdays(mut self, days: Workdays) -> Result<Self, CollabError> {
        if days.is_empty() {
            return Err(CollabError::InvalidConfig {
                record: "overlap config",
                field: "anchor_workdays",
                reason: "must not be empty".into(),
            });
        }
        self.anchor_workdays = days;
        Ok(self)
    }

    /// Teams whose typical daily overlap is under this many minutes are told to work
    /// async-first.
    #[must_use]
    pub fn with_async_first_below_minutes(mut self, minutes: u32) -> Self {
        self.async_first_below_minutes = minutes;
        self
    }

    /// The share of anchor workdays a minute must be shared on to be part of the core
    /// collaboration window, as the exact fraction `numerator / denominator` (9/10 by
    /// default; `(56, 100)` for 56%). A minute qualifies when it is shared on at least
    /// `ceil(numerator × workdays / denominator)` anchor workdays, computed exactly.
    ///
    /// ```
    /// use remit_collab_tools::overlap::OverlapConfig;
    /// let config = OverlapConfig::default().with_core_window_share(56, 100)?;
    /// assert_eq!(config.core_window_share().ceil_of(25), 14);
    /// # Ok::<(), remit_collab_tools::CollabError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CollabError::InvalidFraction`] unless `0 < numerator <= denominator`.
    pub fn with_core_window_share(
        mut self,
        numerator: u32,
        denominator: u32,
    ) -> Result<Self, CollabError> {
        let Some(share) = Fraction::new(numerator, denominator) else {
            return Err(CollabError::InvalidFraction {
                record: "overlap config",
                field: "core_window_share",
                numerator,
                denominator,
            });
        };
        self.core_window_share = share;
        Ok(self)
    }

    /// The anchor zone.
    pub fn anchor(&self) -> Tz {
        self.anchor
    }

    /// The anchor workdays.
    pub fn anchor_workdays(&self) -> Workdays {
        self.anchor_workdays
    }

    /// The async-first threshold in minutes.
    pub fn async_first_below_minutes(&self) -> u32 {
        self.async_first_below_minutes
    }

    /// The share of anchor workdays a minute must be shared on to join the core window.
    pub fn core_window_share(&self) -> Fraction {
        self.core_window_share
    }
}

/// A run of anchor wall-clock minutes shared on most days.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CoreWindow {
    start_minute: u16,
    length_minutes: u16,
    min_days: u32,
    days: u32,
}

impl CoreWindow {
    /// Minutes after anchor midnight at which the window starts.
    pub fn start_minute(&self) -> u16 {
        self.start_minute
    }

    /// The window's length in minutes (it may run past anchor midnight).
    pub fn length_minutes(&self) -> u16 {
        self.length_minutes
    }

    /// The window's start on the anchor's wall clock.
    pub fn start(&self) -> NaiveTime {
        minute_time(self.start_minute)
    }

    /// The window's end on the anchor's wall clock (may be earlier than the start when
    /// the window runs past midnight).
    pub fn end(&self) -> NaiveTime {
        minute_time((self.start_minute + self.length_minutes) % DAY_MINUTES)
    }

    /// The fewest anchor workdays on which a minute of the window is shared.
    pub fn min_days(&self) -> u32 {
        self.min_days
    }

    /// The smallest share of anchor workdays on which a minute of the window is shared:
    /// [`min_days`](Self::min_days) over the workdays counted, in `(0, 1]`.
    pub fn share(&self) -> f64 {
        f64::from(self.min_days) / f64::from(self.days.max(1))
    }
}

fn minute_time(m: u16) -> NaiveTime {
    NaiveTime::from_num_seconds_from_midnight_opt(u32::from(m % DAY_MINUTES) * 60, 0)
        .unwrap_or(NaiveTime::MIN)
}

/// A team's overlap over the planner's range.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TeamOverlap {
    team: TeamId,
    start: NaiveDate,
    daily: Vec<u16>,
    workdays_counted: u32,
    min_minutes: u32,
    typical_minutes: u32,
    core_window: Option<CoreWindow>,
    async_first: bool,
    async_first_below_minutes: u32,
}

impl TeamOverlap {
    /// The async-first threshold the team was judged against, in minutes.
    pub fn async_first_below_minutes(&self) -> u32 {
        self.async_first_below_minutes
    }

    /// The team.
    pub fn team(&self) -> TeamId {
        self.team
    }

    /// Shared minutes on each anchor date of the range, in order.
    pub fn daily(&self) -> impl Iterator<Item = (NaiveDate, u32)> + '_ {
        self.start
            .iter_days()
            .zip(self.daily.iter().map(|&m| u32::from(m)))
    }

    /// Shared minutes on one anchor date, `None` outside the range.
    pub fn minutes_on(&self, date: NaiveDate) -> Option<u32> {
        let i = usize::try_from((date - self.start).num_days()).ok()?;
        self.daily.get(i).map(|&m| u32::from(m))
    }

    /// The number of anchor workdays the summary is taken over.
    pub fn workdays_counted(&self) -> u32 {
        self.workdays_counted
    }

    /// The fewest shared minutes on an anchor workday.
    pub fn min_minutes(&self) -> u32 {
        self.min_minutes
    }

    /// The typical (lower median) shared minutes on an anchor workday.
    pub fn typical_minutes(&self) -> u32 {
        self.typical_minutes
    }

    /// The suggested core collaboration window, if any minute is shared often enough.
    pub fn core_window(&self) -> Option<CoreWindow> {
        self.core_window
    }

    /// Whether the team should work async-first (typical overlap under the threshold).
    pub fn async_first(&self) -> bool {
        self.async_first
    }
}

/// A recurring meeting: a start on the anchor's wall clock, a length, and the anchor
/// weekdays it recurs on. The start is read off the anchor's clock (resolved `fold=0`)
/// and the meeting lasts its length in real time, also on the anchor's clock-change
/// days.
///
/// Invariant: starts before 24:00, lasts 1 to 1440 minutes, recurs on at least one
/// weekday. Deserialisation validates through [`MeetingSlot::from_minutes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "SlotRepr", into = "SlotRepr"))]
pub struct MeetingSlot {
    start_minute: u16,
    length_minutes: u16,
    weekdays: Workdays,
}

/// The serialised form of a [`MeetingSlot`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct SlotRepr {
    start_minute: u16,
    length_minutes: u16,
    weekdays: Workdays,
}

#[cfg(feature = "serde")]
impl TryFrom<SlotRepr> for MeetingSlot {
    type Error = CollabError;
    fn try_from(r: SlotRepr) -> Result<Self, CollabError> {
        Self::from_minutes(r.start_minute, r.length_minutes, r.weekdays)
    }
}

#[cfg(feature = "serde")]
impl From<MeetingSlot> for SlotRepr {
    fn from(s: MeetingSlot) -> Self {
        Self {
            start_minute: s.start_minute,
            length_minutes: s.length_minutes,
            weekdays: s.weekdays,
        }
    }
}

impl MeetingSlot {
    /// A slot starting at `start` (anchor wall clock) for `length_minutes` on `weekdays`.
    ///
    /// # Errors
    ///
    /// [`CollabError::InvalidSlot`] if `start` has seconds, the length is not 1–1440
    /// minutes, or `weekdays` is empty.
    pub fn new(
        start: NaiveTime,
        length_minutes: u16,
        weekdays: Workdays,
    ) -> Result<Self, CollabError> {
        let Some(start_minute) = whole_minute(start) else {
            return Err(CollabError::InvalidSlot {
                field: "start",
                reason: "must be a whole minute",
            });
        };
        Self::from_minutes(start_minute, length_minutes, weekdays)
    }

    /// A slot starting `start_minute` minutes after the anchor's midnight for
    /// `length_minutes` on `weekdays`.
    ///
    /// # Errors
    ///
    /// [`CollabError::InvalidSlot`] unless `start_minute < 1440`, the length is 1–1440
    /// minutes and `weekdays` is not empty.
    pub fn from_minutes(
        start_minute: u16,
        length_minutes: u16,
        weekdays: Workdays,
    ) -> Result<Self, CollabError> {
        if start_minute >= DAY_MINUTES {
            return Err(CollabError::InvalidSlot {
                field: "start_minute",
                reason: "must be before 24:00 (under 1440)",
            });
        }
        if length_minutes == 0 || length_minutes > DAY_MINUTES {
            return Err(CollabError::InvalidSlot {
                field: "length_minutes",
                reason: "must be 1 to 1440",
            });
        }
        if weekdays.is_empty() {
            return Err(CollabError::InvalidSlot {
                field: "weekdays",
                reason: "must not be empty",
            });
        }
        Ok(Self {
            start_minute,
            length_minutes,
            weekdays,
        })
    }

    /// The start on the anchor's wall clock.
    pub fn start(&self) -> NaiveTime {
        minute_time(self.start_minute)
    }

    /// The length in minutes.
    pub fn length_minutes(&self) -> u16 {
        self.length_minutes
    }

    /// The anchor weekdays it recurs on.
    pub fn weekdays(&self) -> Workdays {
        self.weekdays
    }
}

/// How often a member's meetings fall outside their working hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MemberBurden {
    member: EmployeeId,
    outside: u32,
    occurrences: u32,
}

impl MemberBurden {
    /// The member.
    pub fn member(&self) -> EmployeeId {
        self.member
    }

    /// Occurrences not wholly inside the member's working hours.
    pub fn outside(&self) -> u32 {
        self.outside
    }

    /// All occurrences.
    pub fn occurrences(&self) -> u32 {
        self.occurrences
    }

    /// `outside / occurrences` (0 when there were none).
    pub fn share_outside(&self) -> f64 {
        if self.occurrences == 0 {
            0.0
        } else {
            f64::from(self.outside) / f64::from(self.occurrences)
        }
    }
}

/// The fairness of one recurring slot for one team.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SlotFairness {
    slot: MeetingSlot,
    burdens: Vec<MemberBurden>,
}

impl SlotFairness {
    /// The slot judged.
    pub fn slot(&self) -> MeetingSlot {
        self.slot
    }

    /// Each member's burden, in team order.
    pub fn burdens(&self) -> &[MemberBurden] {
        &self.burdens
    }

    /// The largest share of occurrences outside any one member's hours.
    pub fn max_share_outside(&self) -> f64 {
        self.burdens
            .iter()
            .map(MemberBurden::share_outside)
            .fold(0.0, f64::max)
    }
}

/// A rotation between candidate slots that spreads the out-of-hours burden.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Rotation {
    schedule: Vec<(NaiveDate, usize)>,
    burdens: Vec<MemberBurden>,
}

impl Rotation {
    /// Each meeting date with the index of the candidate slot chosen for it.
    pub fn schedule(&self) -> &[(NaiveDate, usize)] {
        &self.schedule
    }

    /// Each member's burden under the rotation, in team order.
    pub fn burdens(&self) -> &[MemberBurden] {
        &self.burdens
    }

    /// The largest share of occurrences outside any one member's hours.
    pub fn max_share_outside(&self) -> f64 {
        self.burdens
            .iter()
            .map(MemberBurden::share_outside)
            .fold(0.0, f64::max)
    }
}

type Interval = (i64, i64);
type MemberKey = (Tz, WorkingHours, Workdays);

/// Computes overlaps for many teams over one date range, caching each zone's offsets
/// and each (zone, hours, workdays) combination's UTC intervals.
#[derive(Debug, Clone)]
pub struct OverlapPlanner {
    period: Period,
    config: OverlapConfig,
    day0: i64,
    days: usize,
    utc_from: i64,
    utc_to: i64,
    anchor: ZoneOffsets,
    midnights: Vec<i64>,
    anchor_workday: Vec<bool>,
    /// For each anchor date: its offset if it is a workday whose wall clock runs from
    /// midnight to midnight on that one offset (the instants between its midnights and
    /// its wall-clock minutes correspond one to one), `None` otherwise.
    workday_offset: Vec<Option<i64>>,
    /// The pieces `(midnight, from, to, offset)` of the wall clock of every other
    /// workday (those with a clock change): walls in `[from, to)` resolve to
    /// `wall - offset`; `midnight` is the day's wall-clock start.
    change_day_pieces: Vec<(i64, i64, i64, i64)>,
    workdays_counted: u32,
    zones: FastHashMap<Tz, ZoneOffsets>,
    /// Each distinct (zone, hours, workdays) seen, numbered in order of first sight.
    keys: FastHashMap<MemberKey, u32>,
    /// The UTC working intervals of each numbered key.
    lists: Vec<Vec<Interval>>,
    /// Zones numbered in order of first sight.
    zone_numbers: FastHashMap<Tz, u32>,
    /// The number of each numbered key's zone.
    key_zone: Vec<u32>,
    /// Intersections of two or more keys of one zone, by their sorted key numbers: teams
    /// form around places, so the same few same-zone combinations recur in many teams.
    zone_memo: FastHashMap<Box<[u32]>, Vec<Interval>>,
    /// Results by the sorted set of distinct member keys: a team's shared time is the
    /// intersection of its members' intervals, so it depends only on that set.
    memo: FastHashMap<Box<[u32]>, TeamOverlap>,
    /// Scratch for a team's key numbers.
    scratch_ids: Vec<u32>,
}

impl OverlapPlanner {
    /// A planner for the anchor dates of `period`.
    ///
    /// # Errors
    ///
    /// [`CollabError::RangeTooLong`] beyond [`MAX_RANGE_DAYS`];
    /// [`CollabError::OutsideTimeZoneData`] if the range ends after
    /// [`TZ_DATA_LAST_YEAR`] (or starts within a week of chrono's first date);
    /// [`CollabError::NoAnchorWorkdays`] if no date of the range is an anchor workday.
    pub fn new(period: Period, config: OverlapConfig) -> Result<Self, CollabError> {
        check_tz_date("overlap planner", "period", period.last_day())?;
        check_tz_date("overlap planner", "period", period.start())?;
        let days = period.days();
        if days > MAX_RANGE_DAYS {
            return Err(CollabError::RangeTooLong {
                start: period.start(),
                end: period.end(),
                days,
                max: MAX_RANGE_DAYS,
            });
        }
        let day0 = epoch_day(period.start());
        let day_end = day0 + days;
        // The windows of local dates `d` in `day0 - LOCAL_DAYS_BEFORE ..= day_end +
        // LOCAL_DAYS_AFTER` lie in `((d - 1)·DAY, (d + 3)·DAY)` (see
        // `LOCAL_DAYS_BEFORE`), so these offsets serve every conversion.
        let utc_from = (day0 - LOCAL_DAYS_BEFORE - 1) * DAY;
        let utc_to = (day_end + LOCAL_DAYS_AFTER + 3) * DAY;
        let anchor = ZoneOffsets::build(config.anchor, utc_from, utc_to);
        let midnights: Vec<i64> = (day0..=day_end)
            .map(|d| anchor.local_to_utc(d * DAY))
            .collect();
        let anchor_workday: Vec<bool> = (day0..day_end)
            .map(|d| config.anchor_workdays.contains_epoch_day(d))
            .collect();
        let workdays_counted = anchor_workday.iter().filter(|&&w| w).count() as u32;
        let mut workday_offset = vec![None; anchor_workday.len()];
        let mut change_day_pieces = Vec::new();
        for ((k, slot), _) in workday_offset
            .iter_mut()
            .enumerate()
            .zip(&anchor_workday)
            .filter(|(_, w)| **w)
        {
            let midnight = (day0 + k as i64) * DAY;
            let next = midnights.get(k + 1).copied();
            match anchor.wall_pieces(midnight, midnight + DAY).as_slice() {
                &[(_, _, offset)] if next == Some(midnight + DAY - i64::from(offset)) => {
                    *slot = Some(i64::from(offset));
                }
                pieces => change_day_pieces.extend(
                    pieces
                        .iter()
                        .map(|&(from, to, offset)| (midnight, from, to, i64::from(offset))),
                ),
            }
        }
        if workdays_counted == 0 {
            return Err(CollabError::NoAnchorWorkdays {
                start: period.start(),
                end: period.end(),
            });
        }
        Ok(Self {
            period,
            config,
            day0,
            days: days as usize,
            utc_from,
            utc_to,
            anchor,
            midnights,
            anchor_workday,
            workday_offset,
            change_day_pieces,
            workdays_counted,
            zones: FastHashMap::default(),
            keys: FastHashMap::default(),
            lists: Vec::new(),
            zone_numbers: FastHashMap::default(),
            key_zone: Vec::new(),
            zone_memo: FastHashMap::default(),
            memo: FastHashMap::default(),
            scratch_ids: Vec::new(),
        })
    }

    /// The range.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The settings.
    pub fn config(&self) -> &OverlapConfig {
        &self.config
    }

    /// The number of `key`, computing its UTC working intervals over the range on first
    /// sight.
    fn key_id(&mut self, key: MemberKey) -> u32 {
        if let Some(&id) = self.keys.get(&key) {
            return id;
        }
        let (tz, hours, workdays) = key;
        let (from, to) = (self.utc_from, self.utc_to);
        let zone = self
            .zones
            .entry(tz)
            .or_insert_with(|| ZoneOffsets::build(tz, from, to));
        let start = i64::from(hours.start) * 60;
        let length = i64::from(hours.length) * 60;
        let first = self.day0 - LOCAL_DAYS_BEFORE;
        let last = self.day0 + self.days as i64 + LOCAL_DAYS_AFTER;
        let mut out: Vec<Interval> = Vec::with_capacity((last - first + 1) as usize);
        for d in first..=last {
            if !workdays.contains_epoch_day(d) {
                continue;
            }
            let wall = d * DAY + start;
            let s = zone.local_to_utc(wall);
            let e = zone.local_to_utc(wall + length);
            if e <= s {
                continue;
            }
            match out.last_mut() {
                Some(prev) if prev.1 >= s => prev.1 = prev.1.max(e),
                _ => out.push((s, e)),
            }
        }
        let id = self.lists.len() as u32;
        self.lists.push(out);
        let next_zone = self.zone_numbers.len() as u32;
        let zone_number = *self.zone_numbers.entry(tz).or_insert(next_zone);
        self.key_zone.push(zone_number);
        self.keys.insert(key, id);
        id
    }

    fn member_intervals(&mut self, m: &Member) -> &[Interval] {
        let id = self.key_id((m.zone, m.hours, m.workdays));
        self.lists.get(id as usize).map_or(&[], Vec::as_slice)
    }

    /// The intersection of the intervals of the numbered keys `ids`: within each zone
    /// (memoised), then across zones.
    fn intervals(&mut self, ids: &[u32]) -> Vec<Interval> {
        let mut by_zone: Vec<(u32, u32)> = ids
            .iter()
            .map(|&id| (self.key_zone.get(id as usize).copied().unwrap_or(0), id))
            .collect();
        by_zone.sort_unstable();
        let mut acc: Option<Vec<Interval>> = None;
        let mut scratch: Vec<Interval> = Vec::new();
        for run in by_zone.chunk_by(|a, b| a.0 == b.0) {
            let part: &[Interval] = match run {
                [(_, id)] => self.lists.get(*id as usize).map_or(&[], Vec::as_slice),
                _ => {
                    let key: Box<[u32]> = run.iter().map(|&(_, id)| id).collect();
                    let lists = &self.lists;
                    self.zone_memo
                        .entry(key)
                        .or_insert_with_key(|key| intersect_all(lists, key))
                }
            };
            acc = Some(match acc {
                None => part.to_vec(),
                Some(prev) => {
                    scratch.clear();
                    intersect(&prev, part, &mut scratch);
                    std::mem::replace(&mut scratch, prev)
                }
            });
            if acc.as_ref().is_some_and(Vec::is_empty) {
                break;
            }
        }
        acc.unwrap_or_default()
    }

    /// The team's overlap on each anchor date of the range and its summary.
    ///
    /// Teams whose members have the same set of distinct (zone, hours, workdays) share
    /// the same time, so the planner computes each such set once and reuses it.
    pub fn overlap(&mut self, team: &Team) -> TeamOverlap {
        let mut ids = std::mem::take(&mut self.scratch_ids);
        ids.clear();
        for m in &team.members {
            ids.push(self.key_id((m.zone, m.hours, m.workdays)));
        }
        ids.sort_unstable();
        ids.dedup();
        let result = match self.memo.get(ids.as_slice()) {
            Some(known) => TeamOverlap {
                team: team.id,
                ..known.clone()
            },
            None => {
                let computed = self.compute(team.id, &ids);
                self.memo.insert(ids.as_slice().into(), computed.clone());
                computed
            }
        };
        self.scratch_ids = ids;
        result
    }

    /// The overlap of the numbered keys `ids`, reported for `team`.
    fn compute(&mut self, team: TeamId, ids: &[u32]) -> TeamOverlap {
        let shared = self.intervals(ids);
        let mut daily_secs = vec![0i64; self.days];
        // The core window reads the anchor's wall clock: minute `m` of anchor date `d` is
        // shared when the instant of the wall time `d + m` (resolved `fold=0`, like every
        // wall time in the crate) is shared. On a day of the anchor's own clock change
        // that is not the first shared instant plus a duration: a spring-forward gap
        // minute reads on the offset before the change, a fall-back minute counts once.
        let mut cover = [0i32; DAY_MINUTES as usize + 1];
        let first_midnight = self.midnights.first().copied().unwrap_or(0);
        // The shared intervals are sorted and disjoint, so the day only moves forward.
        let mut k = 0usize;
        for &(a0, b) in &shared {
            let mut a = a0.max(first_midnight);
            while a < b {
                // Day k: midnights[k] <= a < midnights[k + 1].
                while self.midnights.get(k + 1).is_some_and(|&m| m <= a) {
                    k += 1;
                }
                let Some(&eod) = self.midnights.get(k + 1) else {
                    break;
                };
                let end = b.min(eod);
                if let Some(slot) = daily_secs.get_mut(k) {
                    *slot += end - a;
                }
                // On a workday with one offset from midnight to midnight, the day's
                // instants and its wall clock correspond one to one.
                if let Some(Some(offset)) = self.workday_offset.get(k) {
                    let midnight = (self.day0 + k as i64) * DAY;
                    add_wall_range(&mut cover, a + offset - midnight, end + offset - midnight);
                }
                a = end;
            }
        }
        // Workdays with a clock change: each piece of wall clock with one offset takes
        // the shared instants its walls resolve to.
        for &(midnight, from, to, offset) in &self.change_day_pieces {
            let (utc_from, utc_to) = (from - offset, to - offset);
            let first = shared.partition_point(|iv| iv.1 <= utc_from);
            for &(s, e) in shared.get(first..).unwrap_or(&[]) {
                if s >= utc_to {
                    break;
                }
                add_wall_range(
                    &mut cover,
                    s.max(utc_from) + offset - midnight,
                    e.min(utc_to) + offset - midnight,
                );
            }
        }
        let daily: Vec<u16> = daily_secs
            .iter()
            .map(|&s| u16::try_from(s / 60).unwrap_or(u16::MAX))
            .collect();
        let mut work: Vec<u16> = daily
            .iter()
            .zip(&self.anchor_workday)
            .filter(|&(_, &w)| w)
            .map(|(&m, _)| m)
            .collect();
        let min_minutes = work.iter().copied().min().map_or(0, u32::from);
        let mid = (work.len().saturating_sub(1)) / 2;
        let typical_minutes = if work.is_empty() {
            0
        } else {
            u32::from(*work.select_nth_unstable(mid).1)
        };
        let core_window = core_window(&cover, self.workdays_counted, self.config.core_window_share);
        TeamOverlap {
            team,
            start: self.period.start(),
            daily,
            workdays_counted: self.workdays_counted,
            min_minutes,
            typical_minutes,
            core_window,
            async_first: typical_minutes < self.config.async_first_below_minutes,
            async_first_below_minutes: self.config.async_first_below_minutes,
        }
    }

    /// [`overlap`](Self::overlap) for each team, in order.
    pub fn overlap_all(&mut self, teams: &[Team]) -> Vec<TeamOverlap> {
        teams.iter().map(|t| self.overlap(t)).collect()
    }

    fn occurrences(&self, slot: &MeetingSlot) -> Vec<(NaiveDate, Interval)> {
        let mut out = Vec::new();
        for (k, date) in (0..self.days).zip(self.period.start().iter_days()) {
            let d = self.day0 + k as i64;
            if !slot.weekdays.contains_epoch_day(d) {
                continue;
            }
            let s = self
                .anchor
                .local_to_utc(d * DAY + i64::from(slot.start_minute) * 60);
            out.push((date, (s, s + i64::from(slot.length_minutes) * 60)));
        }
        out
    }

    fn outside_flags(&mut self, team: &Team, meeting: Interval) -> Vec<bool> {
        team.members
            .iter()
            .map(|m| !covers(self.member_intervals(m), meeting))
            .collect()
    }

    /// How often a recurring slot falls (even partly) outside each member's working
    /// hours over the range.
    pub fn slot_fairness(&mut self, team: &Team, slot: &MeetingSlot) -> SlotFairness {
        let occ = self.occurrences(slot);
        let mut outside = vec![0u32; team.members.len()];
        for &(_, meeting) in &occ {
            for (count, flag) in outside.iter_mut().zip(self.outside_flags(team, meeting)) {
                *count += u32::from(flag);
            }
        }
        SlotFairness {
            slot: *slot,
            burdens: burdens(team, &outside, occ.len() as u32),
        }
    }

    /// A rotation among `candidates` that spreads the out-of-hours burden: meeting dates
    /// are the anchor dates on which at least one candidate recurs; each date, in order,
    /// gets the candidate (recurring that weekday) that minimises the largest cumulative
    /// burden of any member, then the sum of squared cumulative burdens (which prefers
    /// moving the burden to whoever has carried least), then the candidate index.
    ///
    /// # Errors
    ///
    /// [`CollabError::NoCandidates`] if `candidates` is empty.
    pub fn rotation(
        &mut self,
        team: &Team,
        candidates: &[MeetingSlot],
    ) -> Result<Rotation, CollabError> {
        if candidates.is_empty() {
            return Err(CollabError::NoCandidates);
        }
        let per_candidate: Vec<Vec<(NaiveDate, Interval)>> =
            candidates.iter().map(|c| self.occurrences(c)).collect();
        let mut by_date: std::collections::BTreeMap<NaiveDate, Vec<(usize, Interval)>> =
            std::collections::BTreeMap::new();
        for (ci, occ) in per_candidate.iter().enumerate() {
            for &(date, iv) in occ {
                by_date.entry(date).or_default().push((ci, iv));
            }
        }
        let mut cumulative = vec![0u32; team.members.len()];
        let mut schedule = Vec::with_capacity(by_date.len());
        for (date, options) in by_date {
            let mut best: Option<(u32, u64, usize, Vec<bool>)> = None;
            for (ci, iv) in options {
                let flags = self.outside_flags(team, iv);
                let max = cumulative
                    .iter()
                    .zip(&flags)
                    .map(|(&c, &f)| c + u32::from(f))
                    .max()
                    .unwrap_or(0);
                let total: u64 = cumulative
                    .iter()
                    .zip(&flags)
                    .map(|(&c, &f)| u64::from(c + u32::from(f)).pow(2))
                    .sum();
                let better = match &best {
                    None => true,
                    Some((bm, bt, bi, _)) => (max, total, ci) < (*bm, *bt, *bi),
                };
                if better {
                    best = Some((max, total, ci, flags));
                }
            }
            if let Some((_, _, ci, flags)) = best {
                for (c, f) in cumulative.iter_mut().zip(flags) {
                    *c += u32::from(f);
                }
                schedule.push((date, ci));
            }
        }
        let n = schedule.len() as u32;
        Ok(Rotation {
            schedule,
            burdens: burdens(team, &cumulative, n),
        })
    }
}

fn burdens(team: &Team, outside: &[u32], occurrences: u32) -> Vec<MemberBurden> {
    team.members
        .iter()
        .zip(outside)
        .map(|(m, &o)| MemberBurden {
            member: m.id,
            outside: o,
            occurrences,
        })
        .collect()
}

/// Whether one interval of the sorted, disjoint `list` contains `meeting` entirely.
fn covers(list: &[Interval], meeting: Interval) -> bool {
    let i = list.partition_point(|iv| iv.0 <= meeting.0);
    i.checked_sub(1)
        .and_then(|j| list.get(j))
        .is_some_and(|iv| iv.1 >= meeting.1)
}

/// The intersection of `lists[id]` for every id in `ids` (empty if an id is unknown).
fn intersect_all(lists: &[Vec<Interval>], ids: &[u32]) -> Vec<Interval> {
    let mut acc: Vec<Interval> = Vec::new();
    let mut scratch: Vec<Interval> = Vec::new();
    for (i, &id) in ids.iter().enumerate() {
        let Some(list) = lists.get(id as usize) else {
            return Vec::new();
        };
        if i == 0 {
            acc.extend_from_slice(list);
            continue;
        }
        scratch.clear();
        intersect(&acc, list, &mut scratch);
        std::mem::swap(&mut acc, &mut scratch);
        if acc.is_empty() {
            break;
        }
    }
    acc
}

/// Intersects two sorted lists of disjoint half-open intervals.
fn intersect(a: &[Interval], b: &[Interval], out: &mut Vec<Interval>) {
    let (mut i, mut j) = (0, 0);
    while let (Some(&(a0, a1)), Some(&(b0, b1))) = (a.get(i), b.get(j)) {
        let s = a0.max(b0);
        let e = a1.min(b1);
        if s < e {
            out.push((s, e));
        }
        if a1 < b1 {
            i += 1;
        } else {
            j += 1;
        }
    }
}

/// Counts, in the difference array `cover`, the minutes of a day whose first second lies
/// in the wall-clock range `[from, to)` (seconds after the day's midnight): minutes
/// `ceil(from / 60)` to `ceil(to / 60)`, within the day.
fn add_wall_range(cover: &mut [i32; DAY_MINUTES as usize + 1], from: i64, to: i64) {
    let minute = |wall: i64| (wall + 59).div_euclid(60).clamp(0, i64::from(DAY_MINUTES)) as usize;
    let (m0, m1) = (minute(from), minute(to));
    if m1 > m0 {
        if let Some(c) = cover.get_mut(m0) {
            *c += 1;
        }
        if let Some(c) = cover.get_mut(m1) {
            *c -= 1;
        }
    }
}

/// The longest circular run of minutes covered on at least `share` of `days` days.
/// `cover` holds difference counts over the minutes of a day (a piece never runs past
/// the end of its day by construction, so only the first 1440 entries are used).
fn core_window(cover: &[i32], days: u32, share: Fraction) -> Option<CoreWindow> {
    const N: usize = DAY_MINUTES as usize;
    let needed = i32::try_from(share.ceil_of(days).max(1)).unwrap_or(i32::MAX);
    let mut counts = [0i32; N];
    let mut running = 0i32;
    for (c, d) in counts.iter_mut().zip(cover) {
        running += d;
        *c = running;
    }
    // Linear runs, then the run that wraps from the end of the day to its start.
    let (mut best_start, mut best_len) = (0usize, 0usize);
    let mut run_start = 0usize;
    let mut run_len = 0usize;
    for (i, &c) in counts.iter().enumerate() {
        if c >= needed {
            if run_len == 0 {
                run_start = i;
            }
            run_len += 1;
            if run_len > best_len {
                best_len = run_len;
                best_start = run_start;
            }
        } else {
            run_len = 0;
        }
    }
    if best_len == 0 {
        return None;
    }
    if best_len < N {
        let leading = counts.iter().take_while(|&&c| c >= needed).count();
        let trailing = run_len; // the run still open at the end of the day
        if leading > 0 && trailing > 0 && leading + trailing > best_len {
            best_len = leading + trailing;
            best_start = N - trailing;
        }
    }
    let first = counts
        .get(best_start..(best_start + best_len).min(N))
        .unwrap_or(&[]);
    let wrapped = counts
        .get(..(best_start + best_len).saturating_sub(N))
        .unwrap_or(&[]);
    let min = first.iter().chain(wrapped).copied().min().unwrap_or(0);
    Some(CoreWindow {
        start_minute: best_start as u16,
        length_minutes: best_len as u16,
        min_days: u32::try_from(min).unwrap_or(0),
        days,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn member(id: &str, tz: Tz, hours: WorkingHours) -> Member {
        Member::new(EmployeeId::from_external(id), tz, hours, Workdays::MON_FRI).unwrap()
    }

    fn team(members: Vec<Member>) -> Team {
        Team::new(TeamId::from_external("t"), members).unwrap()
    }

    #[test]
    fn workdays_know_the_epoch_weekday() {
        // 1970-01-01 was a Thursday.
        assert!(Workdays::new([Weekday::Thu]).contains_epoch_day(0));
        assert!(!Workdays::MON_FRI.contains_epoch_day(2)); // Saturday
        assert!(Workdays::MON_FRI.contains_epoch_day(-3)); // Monday 1969-12-29
        assert_eq!(Workdays::MON_FRI.len(), 5);
        assert!(Workdays::SUN_THU.contains(Weekday::Sun));
        assert!(!Workdays::SUN_THU.contains(Weekday::Fri));
    }

    #[test]
    fn working_hours_validate_and_cross_midnight() {
        let night = WorkingHours::new(t(22, 0), t(6, 0)).unwrap();
        assert_eq!(night.length_minutes(), 480);
        assert!(night.crosses_midnight());
        assert_eq!(
            WorkingHours::new(t(9, 0), t(9, 0)),
            Err(CollabError::InvalidWorkingHours {
                start: "09:00:00".into(),
                end: "09:00:00".into(),
                reason: "start equals end",
            })
        );
        assert_eq!(
            WorkingHours::new(NaiveTime::from_hms_opt(9, 0, 30).unwrap(), t(17, 0)),
            Err(CollabError::InvalidWorkingHours {
                start: "09:00:30".into(),
                end: "17:00:00".into(),
                reason: "times must be whole minutes",
            })
        );
        for (start, length, reason) in [
            (1440, 10, "start must be before 24:00"),
            (0, 0, "length must be 1 to 1440 minutes"),
            (0, 1441, "length must be 1 to 1440 minutes"),
        ] {
            assert_eq!(
                WorkingHours::from_minutes(start, length),
                Err(CollabError::InvalidWorkingHours {
                    start: format!("minute {start}"),
                    end: format!("+{length} min"),
                    reason,
                })
            );
        }
    }

    #[test]
    fn team_validation_names_the_team_and_member() {
        let a = member("a", Tz::UTC, WorkingHours::default());
        let b = member("b", Tz::UTC, WorkingHours::default());
        let x = TeamId::from_external("x");
        assert_eq!(
            Team::new(x, vec![a.clone(), b, a.clone()]),
            Err(CollabError::DuplicateMember {
                team: x,
                member: a.id()
            })
        );
        assert_eq!(
            Team::new(x, vec![]),
            Err(CollabError::EmptyTeam { team: x })
        );
        let id = EmployeeId::from_external("a");
        assert_eq!(
            Member::new(id, Tz::UTC, WorkingHours::default(), Workdays::NONE),
            Err(CollabError::NoWorkdays { member: id })
        );
    }

    #[test]
    fn a_single_member_shares_their_whole_day_on_workdays() {
        let mut p = OverlapPlanner::new(
            Period::new(d(2025, 1, 6), d(2025, 1, 13)).unwrap(),
            OverlapConfig::default(),
        )
        .unwrap();
        let r = p.overlap(&team(vec![member("a", Tz::UTC, WorkingHours::default())]));
        let v: Vec<u32> = r.daily().map(|(_, m)| m).collect();
        assert_eq!(v, vec![480, 480, 480, 480, 480, 0, 0]);
        assert_eq!(r.min_minutes(), 480);
        let core = r.core_window().unwrap();
        assert_eq!((core.start(), core.end()), (t(9, 0), t(17, 0)));
    }

    #[test]
    fn twelve_hours_apart_is_async_first() {
        let mut p = OverlapPlanner::new(
            Period::new(d(2025, 1, 6), d(2025, 2, 3)).unwrap(),
            OverlapConfig::default(),
        )
        .unwrap();
        let r = p.overlap(&team(vec![
            member("ny", chrono_tz::America::New_York, WorkingHours::default()),
            member("sg", chrono_tz::Asia::Singapore, WorkingHours::default()),
        ]));
        assert_eq!(r.typical_minutes(), 0);
        assert!(r.async_first());
        assert!(r.core_window().is_none());
    }

    #[test]
    fn overnight_windows_meet_day_windows_across_the_globe() {
        // A night shift in London 22:00-06:00 overlaps Sydney's 09:00-17:00 (UTC+11 in
        // January: 22:00-06:00 UTC) completely.
        let mut p = OverlapPlanner::new(
            Period::new(d(2025, 1, 13), d(2025, 1, 18)).unwrap(),
            OverlapConfig::default(),
        )
        .unwrap();
        let night = WorkingHours::new(t(22, 0), t(6, 0)).unwrap();
        let r = p.overlap(&team(vec![
            member("ldn", chrono_tz::Europe::London, night),
            member("syd", chrono_tz::Australia::Sydney, WorkingHours::default()),
        ]));
        // Mon 13th UTC: London Sunday night is no workday; Sydney Tue 09:00 = Mon 22:00 UTC
        // meets London Monday night 22:00 -> 2 h before UTC midnight.
        assert_eq!(r.minutes_on(d(2025, 1, 13)), Some(120));
        // Tue 14th UTC: 00:00-06:00 (Mon night) + 22:00-24:00 (Tue night).
        assert_eq!(r.minutes_on(d(2025, 1, 14)), Some(480));
    }

    /// A member 26 hours behind the anchor who works round the clock from 23:00 local:
    /// the window that covers the first hour of the anchor's first day starts on the
    /// member's local date three days before it. A two-day margin lost that hour.
    #[test]
    fn windows_three_local_days_before_the_range_are_counted() {
        let period = Period::new(d(2025, 1, 6), d(2025, 1, 13)).unwrap();
        let config = OverlapConfig::default().with_anchor(chrono_tz::Etc::GMTMinus14); // UTC+14
        let mut p = OverlapPlanner::new(period, config).unwrap();
        let always = Member::new(
            EmployeeId::from_external("baker"),
            chrono_tz::Etc::GMTPlus12, // UTC-12
            WorkingHours::from_minutes(23 * 60, 1440).unwrap(),
            Workdays::ALL,
        )
        .unwrap();
        let r = p.overlap(&team(vec![always]));
        let daily: Vec<u32> = r.daily().map(|(_, m)| m).collect();
        assert_eq!(daily, vec![1440; 7]);
    }

    /// A member 26 hours ahead of the anchor who works round the clock is never
    /// outside their hours, not even for a day-long meeting starting at 23:59 on the
    /// range's last anchor date, which ends in the member's working window of the local
    /// date two days after the range.
    #[test]
    fn a_member_working_round_the_clock_is_inside_every_meeting() {
        let period = Period::new(d(2025, 1, 6), d(2025, 1, 13)).unwrap();
        let config = OverlapConfig::default().with_anchor(chrono_tz::Etc::GMTPlus12); // UTC-12
        let mut p = OverlapPlanner::new(period, config).unwrap();
        let always = Member::new(
            EmployeeId::from_external("kiritimati"),
            chrono_tz::Etc::GMTMinus14, // UTC+14
            WorkingHours::from_minutes(0, 1440).unwrap(),
            Workdays::ALL,
        )
        .unwrap();
        let slot = MeetingSlot::new(t(23, 59), 1440, Workdays::ALL).unwrap();
        let f = p.slot_fairness(&team(vec![always]), &slot);
        assert_eq!(f.burdens()[0].occurrences(), 7);
        assert_eq!(f.burdens()[0].outside(), 0);
    }

    #[test]
    fn fixed_slot_burdens_one_member_and_rotation_spreads_it() {
        let period = Period::new(d(2025, 1, 6), d(2025, 3, 31)).unwrap();
        let mut p = OverlapPlanner::new(period, OverlapConfig::default()).unwrap();
        // Three members eight hours apart: every slot is outside someone's hours.
        let tm = team(vec![
            member("a", chrono_tz::Etc::GMTMinus8, WorkingHours::default()), // UTC+8
            member("b", Tz::UTC, WorkingHours::default()),
            member("c", chrono_tz::Etc::GMTPlus8, WorkingHours::default()), // UTC-8
        ]);
        let weekly = Workdays::new([Weekday::Tue]);
        let slots: Vec<MeetingSlot> = [1, 9, 17]
            .iter()
            .map(|&h| MeetingSlot::new(t(h, 0), 60, weekly).unwrap())
            .collect();
        let fixed = p.slot_fairness(&tm, &slots[1]);
        assert_eq!(fixed.burdens()[1].outside(), 0);
        assert!((fixed.max_share_outside() - 1.0).abs() < 1e-12);
        let rot = p.rotation(&tm, &slots).unwrap();
        assert!(rot.max_share_outside() <= 0.75, "{rot:?}");
        assert_eq!(rot.schedule().len(), 12);
        assert_eq!(p.rotation(&tm, &[]), Err(CollabError::NoCandidates));
    }

    #[test]
    fn range_and_config_are_validated() {
        let long = Period::new(d(2000, 1, 1), d(2020, 1, 1)).unwrap();
        assert!(matches!(
            OverlapPlanner::new(long, OverlapConfig::default()),
            Err(CollabError::RangeTooLong { days: 7305, max: MAX_RANGE_DAYS, start, .. })
                if start == d(2000, 1, 1)
        ));
        let weekend = Period::new(d(2025, 1, 4), d(2025, 1, 6)).unwrap();
        assert!(matches!(
            OverlapPlanner::new(weekend, OverlapConfig::default()),
            Err(CollabError::NoAnchorWorkdays { start, end })
                if start == d(2025, 1, 4) && end == d(2025, 1, 6)
        ));
        for (numerator, denominator) in [(0, 10), (11, 10), (1, 0), (0, 0)] {
            assert_eq!(
                OverlapConfig::default().with_core_window_share(numerator, denominator),
                Err(CollabError::InvalidFraction {
                    record: "overlap config",
                    field: "core_window_share",
                    numerator,
                    denominator,
                })
            );
        }
        assert_eq!(
            OverlapConfig::default()
                .with_core_window_share(10, 10)
                .map(|c| c.core_window_share().ceil_of(25)),
            Ok(25)
        );
        assert!(matches!(
            OverlapConfig::default().with_anchor_workdays(Workdays::NONE),
            Err(CollabError::InvalidConfig {
                record: "overlap config",
                field: "anchor_workdays",
                ..
            })
        ));
    }

    /// New York and London share 240 minutes on 15 March 2100 (New York on summer time,
    /// London not yet), but chrono-tz lists no change after 2099 and would say 180.
    #[test]
    fn ranges_past_the_tz_data_are_refused() {
        let period = Period::new(d(2100, 3, 15), d(2100, 3, 16)).unwrap();
        let err = OverlapPlanner::new(period, OverlapConfig::default()).unwrap_err();
        assert_eq!(
            err,
            CollabError::OutsideTimeZoneData {
                record: "overlap planner",
                field: "period",
                date: d(2100, 3, 15),
                reason: format!(
                    "is after 2099, the last year whose UTC-offset changes the bundled tz \
                     database (IANA {}) lists; later daylight-saving changes would be silently missed",
                    chrono_tz::IANA_TZDB_VERSION
                ),
            }
        );
        // A range that ends in 2100 is refused by its last date.
        let straddling = Period::new(d(2099, 12, 1), d(2100, 1, 2)).unwrap();
        assert!(matches!(
            OverlapPlanner::new(straddling, OverlapConfig::default()),
            Err(CollabError::OutsideTimeZoneData { date, .. }) if date == d(2100, 1, 1)
        ));
        let early = Period::new(NaiveDate::MIN, d(-262_000, 1, 1)).unwrap();
        assert!(matches!(
            OverlapPlanner::new(early, OverlapConfig::default()),
            Err(CollabError::OutsideTimeZoneData { date, .. }) if date == NaiveDate::MIN
        ));
    }

    /// The latest range accepted reads offsets a few days into 2100, before the first
    /// change chrono-tz misses (zoneinfo: Havana, 14 March 2100).
    #[test]
    fn the_latest_range_reads_no_offset_the_data_misses() {
        let json: serde_json::Value =
            serde_json::from_str(include_str!("../tests/fixtures/tz_data_limits.json")).unwrap();
        assert_eq!(json["meta"]["tzdata"], chrono_tz::IANA_TZDB_VERSION);
        let first_missed = json["limits"]["first_change_from_2099_12_01"]
            .as_i64()
            .unwrap();
        let period = Period::new(d(2099, 12, 1), d(2100, 1, 1)).unwrap();
        let p = OverlapPlanner::new(period, OverlapConfig::default()).unwrap();
        assert!(p.utc_to < first_missed, "{} >= {first_missed}", p.utc_to);
        assert!(p.utc_from < p.utc_to);
    }

    #[test]
    fn core_window_wraps_past_midnight() {
        let mut cover = [0i32; DAY_MINUTES as usize + 1];
        cover[0] += 4;
        cover[60] -= 4;
        cover[1380] += 4;
        cover[1440] -= 4;
        cover[600] += 4;
        cover[700] -= 4;
        let w = core_window(&cover, 4, DEFAULT_CORE_WINDOW_SHARE).unwrap();
        assert_eq!((w.start_minute(), w.length_minutes()), (1380, 120));
        assert_eq!((w.start(), w.end()), (t(23, 0), t(1, 0)));
        assert!((w.share() - 1.0).abs() < 1e-12);
        let mut all = [0i32; DAY_MINUTES as usize + 1];
        all[0] = 3;
        let w = core_window(&all, 4, Fraction::new(1, 2).unwrap()).unwrap();
        assert_eq!((w.start_minute(), w.length_minutes()), (0, 1440));
        assert!((w.share() - 0.75).abs() < 1e-12);
        assert!(core_window(&all, 4, Fraction::new(1, 1).unwrap()).is_none());
    }

    /// 56% of 25 days is exactly 14 days; `ceil(0.56 * 25.0)` in floating point is 15.
    #[test]
    fn the_core_window_threshold_is_exact() {
        let mut cover = [0i32; DAY_MINUTES as usize + 1];
        cover[600] += 14;
        cover[700] -= 14;
        let w = core_window(&cover, 25, Fraction::new(56, 100).unwrap()).unwrap();
        assert_eq!((w.start_minute(), w.length_minutes()), (600, 100));
        let mut cover = [0i32; DAY_MINUTES as usize + 1];
        cover[600] += 7;
        cover[700] -= 7;
        let w = core_window(&cover, 25, Fraction::new(28, 100).unwrap()).unwrap(); // 7 of 25; 0.28 * 25.0 = 7.000000000000001
        assert_eq!((w.start_minute(), w.length_minutes()), (600, 100));
    }

    #[test]
    fn types_are_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<OverlapPlanner>();
        check::<TeamOverlap>();
        check::<Team>();
        check::<Rotation>();
    }
}
