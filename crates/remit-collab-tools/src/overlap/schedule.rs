//! Working weeks and working hours ([`Workdays`], [`WorkingHours`]) and the minute
//! arithmetic the overlap types share.

use chrono::{NaiveTime, Timelike, Weekday};

use crate::error::Error;

/// Minutes in a day.
pub(super) const DAY_MINUTES: u16 = 1440;

/// A set of weekdays. Serialised as a bit set, bit 0 Monday to bit 6 Sunday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u8", into = "u8"))]
pub struct Workdays(u8);

impl TryFrom<u8> for Workdays {
    type Error = Error;

    /// The set whose bits are `bits`, bit 0 Monday to bit 6 Sunday.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] (record `workdays`, field `bits`) if bit 7 is set.
    fn try_from(bits: u8) -> Result<Self, Error> {
        if bits & !Self::ALL.0 != 0 {
            return Err(Error::InvalidConfig {
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
    /// Monday to Friday (the default working week).
    pub const MON_FRI: Workdays = Workdays(0b0001_1111);
    /// Sunday to Thursday (the working week in much of the Middle East).
    pub const SUN_THU: Workdays = Workdays(0b0100_1111);
    /// All seven days, Monday to Sunday.
    pub const ALL: Workdays = Workdays(0b0111_1111);
    /// No working day: a member with it is never available.
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
    pub(super) fn contains_epoch_day(self, epoch_day: i64) -> bool {
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
    type Error = Error;
    fn try_from(r: HoursRepr) -> Result<Self, Error> {
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

pub(super) fn whole_minute(t: NaiveTime) -> Option<u16> {
    (t.second() == 0 && t.nanosecond() == 0).then(|| (t.hour() * 60 + t.minute()) as u16)
}

impl WorkingHours {
    /// Hours from `start` to `end`; an `end` at or before `start` means the next day.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidWorkingHours`] if either time has seconds, or `start == end`
    /// (use [`WorkingHours::from_minutes`] with 1440 for round-the-clock cover).
    pub fn new(start: NaiveTime, end: NaiveTime) -> Result<Self, Error> {
        let err = |reason| Error::InvalidWorkingHours {
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
    /// [`Error::InvalidWorkingHours`] unless `start_minute < 1440` and
    /// `1 <= length_minutes <= 1440`.
    pub fn from_minutes(start_minute: u16, length_minutes: u16) -> Result<Self, Error> {
        let err = |reason| Error::InvalidWorkingHours {
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

    /// 09:00–17:00 local time (start minute 540, 480 minutes long).
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

    /// The length of the working window in minutes (1 to 1440).
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

/// The wall-clock time `m` minutes after midnight (`m` taken modulo a day).
pub(super) fn minute_time(m: u16) -> NaiveTime {
    NaiveTime::from_num_seconds_from_midnight_opt(u32::from(m % DAY_MINUTES) * 60, 0)
        .unwrap_or(NaiveTime::MIN)
}
