//! What a planner computes for a team: its [`TeamOverlap`] over the range and the
//! [`CoreWindow`] it shares on most days.

use chrono::{NaiveDate, NaiveTime};
use remit_core::TeamId;

use super::schedule::{DAY_MINUTES, minute_time};

/// A run of anchor wall-clock minutes shared on most days.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CoreWindow {
    pub(super) start_minute: u16,
    pub(super) length_minutes: u16,
    pub(super) min_days: u32,
    pub(super) days: u32,
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

/// A team's overlap over the planner's range.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TeamOverlap {
    pub(super) team: TeamId,
    pub(super) start: NaiveDate,
    pub(super) daily: Vec<u16>,
    pub(super) workdays_counted: u32,
    pub(super) min_minutes: u32,
    pub(super) typical_minutes: u32,
    pub(super) core_window: Option<CoreWindow>,
    pub(super) async_first: bool,
    pub(super) async_first_below_minutes: u32,
}

impl TeamOverlap {
    /// The async-first threshold the team was judged against, in minutes.
    pub fn async_first_below_minutes(&self) -> u32 {
        self.async_first_below_minutes
    }

    /// The team whose overlap this is.
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
