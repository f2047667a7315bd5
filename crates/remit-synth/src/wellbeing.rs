//! Survey responses and weekly behavioural signals for `remit-wellbeing`, with a planted
//! after-hours burden on remote staff far from headquarters, and the ground truth.
//!
//! # The generating process
//!
//! Only employees active on the organisation's `as_of` date are included, in roster
//! order. For each one:
//!
//! - **Signals** (`weeks` weeks, default 12): a personal level per signal, then weekly
//!   jitter (uniform, cheap to draw). Meeting ≈ 10 h, collaboration ≈ meetings + 6 h,
//!   after-hours ≈ 1.2 h, weekend ≈ 0.4 h, focus ≈ 14 h, back-to-back ≈ 3, meetings
//!   outside own hours ≈ 0.5, and a day off in about one week in ten. Every work mode
//!   and place draws from the same distribution unless an effect is planted.
//! - **Surveys**: with probability `response_rate` the employee answers WHO-5 and the
//!   CBI (each item missing with probability 3%), from a latent wellbeing and a latent
//!   burnout level; the CBI's reverse-worded item is answered in reverse, as people do.
//! - **Planted burden** ([`WellbeingSynthConfig::far_after_hours`]): remote staff whose
//!   clock is at least `far_distance_hours` (default 8) from headquarters get that many
//!   extra after-hours hours a week, four more meetings a week outside their own working
//!   hours, and their latent burnout rises by one standard deviation (wellbeing falls by
//!   0.8). The truth records who was planted and in which UTC-offset bands.
//!
//! ```
//! use remit_synth::wellbeing::{wellbeing_data, WellbeingSynthConfig};
//! use remit_synth::{generate, SynthConfig};
//!
//! let org = generate(&SynthConfig::new(1_000, 3))?;
//! let data = wellbeing_data(&org, &WellbeingSynthConfig::default().far_after_hours(3.0)?)?;
//! assert_eq!(data.panel().weeks(), 12);
//! assert!(data.truth().planted_employees() > 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeSet;

use rand::RngCore;
use remit_core::zones::{OffsetBand, clock_distance_hours, utc_offset_seconds};
use remit_core::{Employee, EmployeeId, WorkMode};
use remit_wellbeing::{Signal, SignalError, SignalPanel};

use crate::Organisation;
use crate::geography::HEADQUARTERS;
use crate::rng;

/// A wellbeing synth configuration was invalid, or a generated value failed validation.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum WellbeingSynthError {
    /// A parameter out of range.
    #[error("wellbeing synth config: field `{field}` = {value} is out of range")]
    OutOfRange {
        /// The field.
        field: &'static str,
        /// The rejected value.
        value: f64,
    },
    /// A generated signal failed validation (a bug in the generator).
    #[error(transparent)]
    Signal(#[from] SignalError),
}

/// The most weeks of signals generated.
const MAX_WEEKS: usize = 104;

/// What to generate and plant. The default plants nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WellbeingSynthConfig {
    weeks: usize,
    response_rate: f64,
    far_after_hours: f64,
    far_distance_hours: f64,
}

impl Default for WellbeingSynthConfig {
    fn default() -> Self {
        Self {
            weeks: 12,
            response_rate: 0.75,
            far_after_hours: 0.0,
            far_distance_hours: 8.0,
        }
    }
}

impl WellbeingSynthConfig {
    /// Weeks of signals (1–104).
    ///
    /// # Errors
    /// [`WellbeingSynthError::OutOfRange`].
    pub fn weeks(mut self, weeks: usize) -> Result<Self, WellbeingSynthError> {
        if !(1..=MAX_WEEKS).contains(&weeks) {
            return Err(WellbeingSynthError::OutOfRange {
                field: "weeks",
                value: weeks as f64,
            });
        }
        self.weeks = weeks;
        Ok(self)
    }

    /// The share of employees who answer the survey, in `[0, 1]`.
    ///
    /// # Errors
    /// [`WellbeingSynthError::OutOfRange`].
    pub fn response_rate(mut self, rate: f64) -> Result<Self, WellbeingSynthError> {
        if !(0.0..=1.0).contains(&rate) {
            return Err(WellbeingSynthError::OutOfRange {
                field: "response_rate",
                value: rate,
            });
        }
        self.response_rate = rate;
        Ok(self)
    }

    /// Plants this many extra after-hours hours a week (0–40) on remote staff far from
    /// headquarters.
    ///
    /// # Errors
    /// [`WellbeingSynthError::OutOfRange`].
    pub fn far_after_hours(mut self, hours: f64) -> Result<Self, WellbeingSynthError> {
        if !(0.0..=40.0).contains(&hours) {
            return Err(WellbeingSynthError::OutOfRange {
                field: "far_after_hours",
                value: hours,
            });
        }
        self.far_after_hours = hours;
        Ok(self)
    }

    /// How far (hours, 1–12) from headquarters counts as far (default 8).
    ///
    /// # Errors
    /// [`WellbeingSynthError::OutOfRange`].
    pub fn far_distance_hours(mut self, hours: f64) -> Result<Self, WellbeingSynthError> {
        if !(1.0..=12.0).contains(&hours) {
            return Err(WellbeingSynthError::OutOfRange {
                field: "far_distance_hours",
                value: hours,
            });
        }
        self.far_distance_hours = hours;
        Ok(self)
    }
}

/// The ground truth of generated wellbeing data: the after-hours burden planted on remote
/// staff far from headquarters, who carries it and where they live, to check
/// `remit_wellbeing`' report against.
#[derive(Debug, Clone, PartialEq)]
pub struct WellbeingTruth {
    far_after_hours: f64,
    far_distance_hours: f64,
    planted: Vec<EmployeeId>,
    bands: BTreeSet<OffsetBand>,
}

impl WellbeingTruth {
    /// Extra after-hours hours a week planted (0 = nothing planted).
    pub fn far_after_hours(&self) -> f64 {
        self.far_after_hours
    }
    /// The distance from headquarters that counted as far.
    pub fn far_distance_hours(&self) -> f64 {
        self.far_distance_hours
    }
    /// How many employees carry the planted burden.
    pub fn planted_employees(&self) -> usize {
        self.planted.len()
    }
    /// The employees who carry the planted after-hours burden, in roster order.
    pub fn planted(&self) -> &[EmployeeId] {
        &self.planted
    }
    /// The UTC-offset bands the burdened remote staff live in.
    pub fn bands(&self) -> &BTreeSet<OffsetBand> {
        &self.bands
    }
}

/// Generated inputs: the active employees (borrowed from the organisation), their weekly
/// signals, positional survey responses (WHO-5 then CBI per respondent, as
/// `remit_wellbeing::SurveyResults::score_batch` takes them) and the truth.
#[derive(Debug, Clone)]
pub struct WellbeingData<'a> {
    employees: Vec<&'a Employee>,
    panel: SignalPanel,
    respondents: Vec<EmployeeId>,
    codes: Vec<Option<u8>>,
    truth: WellbeingTruth,
}

impl<'a> WellbeingData<'a> {
    /// The employees active on `as_of`, in roster order (the panel's order).
    pub fn employees(&self) -> &[&'a Employee] {
        &self.employees
    }
    /// Weekly signals of every active employee.
    pub fn panel(&self) -> &SignalPanel {
        &self.panel
    }
    /// Who answered the survey.
    pub fn respondents(&self) -> &[EmployeeId] {
        &self.respondents
    }
    /// Their responses: 24 codes per respondent (5 WHO-5, 19 CBI), `None` = unanswered.
    pub fn codes(&self) -> &[Option<u8>] {
        &self.codes
    }
    /// The ground truth of this data: the planted burden and who carries it.
    pub fn truth(&self) -> &WellbeingTruth {
        &self.truth
    }
}

/// A cheap symmetric jitter in `[-1, 1)`, from 32 random bits (24 used): half the stream
/// of a 64-bit draw, and the signals are `f32` anyway.
fn jitter(r: &mut rng::ChaCha8Rng) -> f32 {
    (r.next_u32() >> 8) as f32 * (2.0 / 16_777_216.0) - 1.0
}

/// `true` with probability `p` (to 2^-32), from 32 random bits.
fn chance(r: &mut rng::ChaCha8Rng, p: f64) -> bool {
    f64::from(r.next_u32()) < p * 4_294_967_296.0
}

/// `x.round()` for `0 ≤ x < 2^24`, exactly (halves away from zero), without the libm
/// call `f32::round` becomes on baseline x86-64. Anything else goes to `f32::round`.
fn round_non_negative(x: f32) -> f32 {
    if !(0.0..16_777_216.0).contains(&x) {
        return x.round();
    }
    let whole = x as u32; // truncation, exact in this range
    // `x - whole` is exact: both lie within one unit of each other below 2^24.
    (whole + u32::from(x - whole as f32 >= 0.5)) as f32
}

fn code(latent: f64, noise: f64, centre: f64, max: u8) -> u8 {
    (centre + latent + noise).round().clamp(0.0, f64::from(max)) as u8
}

/// Generates wellbeing inputs for `org`.
///
/// # Errors
///
/// [`WellbeingSynthError::Signal`] if a generated value fails validation (a bug).
pub fn wellbeing_data<'a>(
    org: &'a Organisation,
    config: &WellbeingSynthConfig,
) -> Result<WellbeingData<'a>, WellbeingSynthError> {
    let as_of = org.as_of();
    let employees: Vec<&Employee> = org
        .roster()
        .iter()
        .filter(|e| e.is_active_on(as_of))
        .collect();
    let n = employees.len();
    let weeks = config.weeks;
    let mut r = rng::stream(org.seed(), "wellbeing");
    // Offsets at 12:00 UTC on `as_of`, the one convention of `remit_core::zones`.
    let hq = utc_offset_seconds(HEADQUARTERS.time_zone, as_of);
    let hq_hours = f64::from(hq) / 3600.0;
    let mut offsets = std::collections::HashMap::new();
    let mut columns: [Vec<f32>; Signal::COUNT] =
        std::array::from_fn(|_| Vec::with_capacity(n * weeks));
    let mut planted = Vec::new();
    let mut bands = BTreeSet::new();
    let mut respondents = Vec::with_capacity(n);
    let mut codes = Vec::with_capacity(n * 24);
    let ids: Vec<EmployeeId> = employees.iter().map(|e| e.id()).collect();
    // One employee's weeks, signal by signal, appended to the columns in one go.
    let mut block = [[0.0f32; MAX_WEEKS]; Signal::COUNT];
    for &e in &employees {
        let off = *offsets
            .entry(e.time_zone())
            .or_insert_with(|| utc_offset_seconds(e.time_zone(), as_of));
        let far = config.far_after_hours > 0.0
            && e.work_mode() == WorkMode::Remote
            && clock_distance_hours(f64::from(off) / 3600.0, hq_hours) >= config.far_distance_hours;
        if far {
            planted.push(e.id());
            bands.insert(OffsetBand::of_seconds(off));
        }
        let extra = if far {
            config.far_after_hours as f32
        } else {
            0.0
        };
        // Personal levels.
        let meet = (10.0 + 3.0 * jitter(&mut r)).max(1.0);
        let after = (1.2 + 0.6 * jitter(&mut r)).max(0.0) + extra;
        let weekend = (0.4 + 0.4 * jitter(&mut r)).max(0.0);
        let focus = (14.0 + 4.0 * jitter(&mut r)).max(0.0);
        let b2b = (3.0 + 2.0 * jitter(&mut r)).max(0.0);
        let ooh = (0.5 + 0.5 * jitter(&mut r)).max(0.0) + if far { 4.0 } else { 0.0 };
        for w in 0..weeks {
            let m = (meet + 2.0 * jitter(&mut r)).max(0.0);
            let off_day = chance(&mut r, 0.1);
            let days_off = if off_day {
                1.0 + rng::below(&mut r, 5) as f32
            } else {
                0.0
            };
            let values = [
                m,
                m + (6.0 + 2.0 * jitter(&mut r)).max(0.0),
                (after + 0.6 * jitter(&mut r)).max(0.0),
                (weekend + 0.3 * jitter(&mut r)).max(0.0),
                (focus + 3.0 * jitter(&mut r)).max(0.0),
                round_non_negative((b2b + 1.5 * jitter(&mut r)).max(0.0)),
                round_non_negative((ooh + 0.8 * jitter(&mut r)).max(0.0)),
                days_off,
            ];
            for (row, v) in block.iter_mut().zip(values) {
                if let Some(slot) = row.get_mut(w) {
                    *slot = v;
                }
            }
        }
        for (col, row) in columns.iter_mut().zip(&block) {
            col.extend_from_slice(row.get(..weeks).unwrap_or(row));
        }
        if chance(&mut r, config.response_rate) {
            respondents.push(e.id());
            let shift = if far { 1.0 } else { 0.0 };
            let wellbeing = 0.9 * f64::from(jitter(&mut r)) * 1.7 - 0.8 * shift;
            let burnout = 0.9 * f64::from(jitter(&mut r)) * 1.7 + shift;
            for _ in 0..5 {
                let c = code(wellbeing, 0.8 * f64::from(jitter(&mut r)), 3.0, 5);
                codes.push((!chance(&mut r, 0.03)).then_some(c));
            }
            for item in 0..19 {
                let c = code(burnout, 0.8 * f64::from(jitter(&mut r)), 1.6, 4);
                // Work-related item 7 (position 12) is positively worded: answered in reverse.
                let c = if item == 12 { 4 - c } else { c };
                codes.push((!chance(&mut r, 0.03)).then_some(c));
            }
        }
    }
    let panel = SignalPanel::from_columns(weeks, ids, columns)?;
    Ok(WellbeingData {
        employees,
        panel,
        respondents,
        codes,
        truth: WellbeingTruth {
            far_after_hours: config.far_after_hours,
            far_distance_hours: config.far_distance_hours,
            planted,
            bands,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::round_non_negative;

    #[test]
    fn round_non_negative_matches_round() {
        let specials = [
            0.0f32,
            0.49999997,
            0.5,
            0.50000006,
            1.5,
            2.5,
            8_388_607.5,
            8_388_608.0,
            16_777_215.0,
            16_777_216.0,
            1e9,
            f32::MAX,
            f32::INFINITY,
            -0.0,
            -0.5,
            -2.5,
            f32::NAN,
        ];
        for x in specials {
            let (a, b) = (round_non_negative(x), x.round());
            assert!(a == b || (a.is_nan() && b.is_nan()), "{x}: {a} vs {b}");
        }
        let mut x = 0.0f32;
        while x < 600.0 {
            assert_eq!(round_non_negative(x), x.round(), "{x}");
            x += 0.015_625 + x * 1e-4;
        }
    }
}
