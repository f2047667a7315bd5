//! Time-zone geometry: UTC-offset bands and distance from a team's centre.

use std::fmt;

/// A band of three whole UTC-offset hours, e.g. `UTC+8 to UTC+10`. Band `k` covers the
/// offsets whose whole-hour part (rounded down) is `3k − 1 ..= 3k + 1`, so `UTC−1 to
/// UTC+1` is band 0 and India (+5:30) falls in `UTC+5 to UTC+7`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OffsetBand(i8);

impl OffsetBand {
    /// The band of an offset in seconds east of UTC.
    ///
    /// ```
    /// use remit_wellbeing::zones::OffsetBand;
    /// assert_eq!(OffsetBand::of_seconds(9 * 3600).to_string(), "UTC+8 to UTC+10");
    /// assert_eq!(OffsetBand::of_seconds(5 * 3600 + 1800).to_string(), "UTC+5 to UTC+7");
    /// assert_eq!(OffsetBand::of_seconds(-5 * 3600).to_string(), "UTC-7 to UTC-5");
    /// assert_eq!(OffsetBand::of_seconds(0).to_string(), "UTC-1 to UTC+1");
    /// ```
    pub fn of_seconds(offset: i32) -> Self {
        let hours = offset.div_euclid(3600);
        // Offsets are within ±26 h, so the band fits an i8.
        Self(i8::try_from((hours + 1).div_euclid(3)).unwrap_or(0))
    }

    /// The band index (`0` is around UTC).
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

fn utc(h: i32) -> String {
    if h >= 0 {
        format!("UTC+{h}")
    } else {
        format!("UTC-{}", -h)
    }
}

impl fmt::Display for OffsetBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} to {}", utc(self.low_hour()), utc(self.high_hour()))
    }
}

/// How far an employee's clock is from their team's centre, in bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TeamDistance {
    /// 0–2 hours.
    Near,
    /// 3–5 hours.
    Moderate,
    /// 6–8 hours.
    Far,
    /// 9–12 hours.
    Opposite,
}

impl TeamDistance {
    /// Every band, nearest first.
    pub const ALL: [TeamDistance; 4] = [
        TeamDistance::Near,
        TeamDistance::Moderate,
        TeamDistance::Far,
        TeamDistance::Opposite,
    ];

    /// The band of a distance in hours (0–12; rounded to the nearest hour).
    ///
    /// ```
    /// use remit_wellbeing::zones::TeamDistance;
    /// assert_eq!(TeamDistance::of_hours(2.4), TeamDistance::Near);
    /// assert_eq!(TeamDistance::of_hours(8.6), TeamDistance::Opposite);
    /// ```
    pub fn of_hours(hours: f64) -> Self {
        let h = hours.abs().round();
        if h <= 2.0 || h.is_nan() {
            TeamDistance::Near
        } else if h <= 5.0 {
            TeamDistance::Moderate
        } else if h <= 8.0 {
            TeamDistance::Far
        } else {
            TeamDistance::Opposite
        }
    }

    /// The band's index, nearest first.
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for TeamDistance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TeamDistance::Near => "0-2 h from team centre",
            TeamDistance::Moderate => "3-5 h from team centre",
            TeamDistance::Far => "6-8 h from team centre",
            TeamDistance::Opposite => "9-12 h from team centre",
        })
    }
}

/// Accumulates offsets on the 24-hour circle to find a team's centre (circular mean).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CircularMean {
    x: f64,
    y: f64,
}

const HOUR_RAD: f64 = std::f64::consts::TAU / 24.0;

impl CircularMean {
    /// Adds one offset (seconds east of UTC).
    pub fn add(&mut self, offset_seconds: i32) {
        let a = f64::from(offset_seconds) / 3600.0 * HOUR_RAD;
        self.x += a.cos();
        self.y += a.sin();
    }

    /// The centre, in hours east of UTC (−12..12); `None` if empty or perfectly spread.
    pub fn centre_hours(&self) -> Option<f64> {
        if self.x.hypot(self.y) < 1e-9 {
            None
        } else {
            Some(self.y.atan2(self.x) / HOUR_RAD)
        }
    }
}

/// The distance in hours (0–12) between an offset and a centre, around the clock.
///
/// ```
/// use remit_wellbeing::zones::clock_distance_hours;
/// assert_eq!(clock_distance_hours(11 * 3600, -11.0), 2.0);
/// ```
pub fn clock_distance_hours(offset_seconds: i32, centre_hours: f64) -> f64 {
    let d = (f64::from(offset_seconds) / 3600.0 - centre_hours).rem_euclid(24.0);
    d.min(24.0 - d)
}
