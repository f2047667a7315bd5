//! Time-zone geometry shared by every domain: a zone's UTC offset on a date, the
//! centre of a group's clocks, distance around the clock, and three-hour offset bands.
//!
//! # The convention
//!
//! A zone's offset "on a date" is its offset at **12:00 UTC** on that date
//! ([`utc_offset_seconds`]). Noon UTC falls in the local daytime of the Americas, Europe,
//! Africa and most of Asia, well away from the small-hours daylight-saving changes, so on
//! a change date every domain reads the same, settled offset of the day. Collaboration
//! (distance from a team's centre) and wellbeing (offset bands, team distance) both use
//! this one function, so they never disagree about who is far from the team's centre.
//!
//! Offsets are taken on the 24-hour clock: Los Angeles (UTC−8) and Auckland (UTC+13) are
//! 3 hours apart, not 21.
//!
//! ```
//! use chrono::NaiveDate;
//! use remit_core::zones::{CircularMean, clock_distance_hours, utc_offset_seconds};
//!
//! let day = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap(); // EU clocks go forward at 01:00 UTC
//! assert_eq!(utc_offset_seconds(chrono_tz::Europe::Berlin, day), 2 * 3600);
//!
//! let mut team = CircularMean::default();
//! for zone in [chrono_tz::America::Los_Angeles, chrono_tz::Pacific::Auckland] {
//!     team.add(utc_offset_seconds(zone, NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()));
//! }
//! let centre = team.centre_hours().unwrap();
//! // The centre lies between them across the date line, 1.5 hours from each.
//! assert!((clock_distance_hours(-8.0, centre) - 1.5).abs() < 1e-9);
//! ```

use std::fmt;

use chrono::{NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;

/// The offset of `zone` from UTC on `on`, in seconds east of UTC, read at 12:00 UTC (the
/// [convention](self)).
pub fn utc_offset_seconds(zone: Tz, on: NaiveDate) -> i32 {
    let noon = on.and_hms_opt(12, 0, 0).unwrap_or_default();
    zone.offset_from_utc_datetime(&noon).fix().local_minus_utc()
}

/// Accumulates offsets on the 24-hour circle to find a group's centre (the circular
/// mean of the offsets, as angles on the clock).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CircularMean {
    x: f64,
    y: f64,
}

const HOUR_RADIANS: f64 = std::f64::consts::TAU / 24.0;

impl CircularMean {
    /// Adds one offset, in seconds east of UTC.
    pub fn add(&mut self, offset_seconds: i32) {
        let angle = f64::from(offset_seconds) / 3600.0 * HOUR_RADIANS;
        self.x += angle.cos();
        self.y += angle.sin();
    }

    /// The centre, in hours east of UTC (−12 to 12); `None` when nothing was added or the
    /// offsets are spread so evenly around the clock that they have no centre (two
    /// people exactly 12 hours apart).
    pub fn centre_hours(&self) -> Option<f64> {
        if self.x.hypot(self.y) < 1e-9 {
            None
        } else {
            Some(self.y.atan2(self.x) / HOUR_RADIANS)
        }
    }
}

/// The distance between two offsets (in hours east of UTC) around the 24-hour clock, in
/// hours from 0 to 12.
///
/// ```
/// use remit_core::zones::clock_distance_hours;
/// assert_eq!(clock_distance_hours(11.0, -11.0), 2.0);
/// assert_eq!(clock_distance_hours(5.5, 0.0), 5.5);
/// ```
pub fn clock_distance_hours(a: f64, b: f64) -> f64 {
    let d = (a - b).rem_euclid(24.0);
    d.min(24.0 - d)
}

/// A band of three whole UTC-offset hours, e.g. `UTC+8 to UTC+10`. Band `k` covers the
/// offsets whose whole-hour part (rounded down) is `3k − 1 ..= 3k + 1`, so `UTC−1 to
/// UTC+1` is band 0 and India (+5:30) falls in `UTC+5 to UTC+7`. Bands order from west
/// to east (numerically, never as text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OffsetBand(i8);

impl OffsetBand {
    /// The band of an offset in seconds east of UTC.
    ///
    /// ```
    /// use remit_core::zones::OffsetBand;
    /// assert_eq!(OffsetBand::of_seconds(9 * 3600).to_string(), "UTC+8 to UTC+10");
    /// assert_eq!(OffsetBand::of_seconds(5 * 3600 + 1800).to_string(), "UTC+5 to UTC+7");
    /// assert_eq!(OffsetBand::of_seconds(-5 * 3600).to_string(), "UTC-7 to UTC-5");
    /// assert!(OffsetBand::of_seconds(2 * 3600) < OffsetBand::of_seconds(11 * 3600));
    /// ```
    pub fn of_seconds(offset: i32) -> Self {
        let hours = offset.div_euclid(3600);
        // Real offsets are within ±26 h, so the band fits an i8; others saturate.
        let band = (hours + 1)
            .div_euclid(3)
            .clamp(i32::from(i8::MIN), i32::from(i8::MAX));
        Self(band as i8)
    }

    /// The band index (`0` is around UTC, negative to the west).
    pub fn index(self) -> i8 {
        self.0
    }

    /// The lowest whole hour in the band.
    pub fn low_hour(self) -> i32 {
        3 * i32::from(self.0) - 1
    }

    /// The highest whole hour in the band.
    pub fn high_hour(self) -> i32 {
        3 * i32::from(self.0) + 1
    }
}

fn utc_label(hour: i32) -> String {
    if hour >= 0 {
        format!("UTC+{hour}")
    } else {
        format!("UTC-{}", -hour)
    }
}

impl fmt::Display for OffsetBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} to {}",
            utc_label(self.low_hour()),
            utc_label(self.high_hour())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_read_at_noon_utc_on_daylight_saving_change_dates() {
        // US clocks go forward at 2026-03-08 10:00 UTC (02:00 EST): noon UTC is after it.
        let change = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap();
        assert_eq!(
            utc_offset_seconds(chrono_tz::America::New_York, change),
            -4 * 3600
        );
        // The day before, standard time.
        assert_eq!(
            utc_offset_seconds(chrono_tz::America::New_York, change.pred_opt().unwrap()),
            -5 * 3600
        );
    }

    #[test]
    fn a_team_exactly_twelve_hours_apart_has_no_centre() {
        let mut m = CircularMean::default();
        m.add(6 * 3600);
        m.add(-6 * 3600);
        assert_eq!(m.centre_hours(), None);
        assert_eq!(CircularMean::default().centre_hours(), None);
    }
}
