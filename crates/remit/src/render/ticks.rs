//! Axis scales: a data range turned into round tick values a reader can read.
//!
//! Ticks follow the 1–2–5 rule of Heckbert's "nice numbers" (Graphics Gems, 1990),
//! which most plotting libraries use in some form (matplotlib's `MaxNLocator`, d3's
//! `ticks`): the step between ticks is 1, 2 or 5 times a power of ten, every tick is a
//! whole multiple of the step, and the axis runs from the multiple at or below the data to
//! the multiple at or above it. Of the steps that give at most the allowed number of
//! ticks, the smallest is taken, so the axis hugs the data.
//!
//! Shares (fractions 0–1) are laid out in percent and never leave 0–100 %: a share axis
//! reads "0 %, 20 %, …, 100 %", never "0, 0.26, 0.53, …, 1.05".

use remit_core::chart::ValueScale;

/// A linear axis: its ends, its step and the tick values, in data units.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Axis {
    /// The value at the start of the axis (a tick).
    pub(crate) low: f64,
    /// The value at the end of the axis (a tick).
    pub(crate) high: f64,
    /// The tick values, from `low` to `high`, one `step` apart.
    pub(crate) ticks: Vec<f64>,
    /// The labels of the ticks, in the axis's display unit.
    pub(crate) labels: Vec<String>,
    /// The step in display units (percentage points for shares): 1, 2 or 5 × 10^k.
    pub(crate) display_step: f64,
}

impl Axis {
    /// Where `value` falls along the axis, 0 at `low` and 1 at `high` (outside 0–1 for
    /// values off the axis).
    pub(crate) fn fraction(&self, value: f64) -> f64 {
        let span = self.high - self.low;
        if span > 0.0 && value.is_finite() {
            (value - self.low) / span
        } else {
            0.0
        }
    }
}

/// A step of 1, 2 or 5 × 10^`exponent`, kept as integers so tick values can be made
/// without accumulating rounding error.
#[derive(Debug, Clone, Copy)]
struct Step {
    mantissa: i64,
    exponent: i32,
}

impl Step {
    fn value(self) -> f64 {
        scaled(self.mantissa, self.exponent)
    }

    /// Decimal places needed to print every multiple of this step exactly.
    fn decimals(self) -> usize {
        usize::try_from(-self.exponent).unwrap_or(0)
    }
}

/// `units × 10^exponent`, correctly rounded (a division by an exact power of ten for
/// negative exponents, so 3 × 10⁻¹ is the double nearest 0.3, not 0.30000000000000004).
fn scaled(units: i64, exponent: i32) -> f64 {
    let units = units as f64;
    if exponent >= 0 {
        units * 10f64.powi(exponent)
    } else {
        units / 10f64.powi(-exponent)
    }
}

/// Nice ticks covering `[low, high]` in display units, at most `max_ticks` of them (at
/// least 3, the fewest that can cover a range around a multiple of any step).
/// Non-finite input is treated as the range 0–1; an empty range is widened around its
/// value.
fn nice(low: f64, high: f64, max_ticks: usize) -> (f64, f64, Step, Vec<f64>) {
    let max_ticks = max_ticks.max(3) as f64;
    let (mut low, mut high) = if low.is_finite() && high.is_finite() {
        (low.min(high), low.max(high))
    } else {
        (0.0, 1.0)
    };
    if high - low <= f64::EPSILON * high.abs().max(low.abs()).max(1.0) {
        // One value: show it with room on either side (or from zero when it is zero).
        let pad = if low == 0.0 { 1.0 } else { low.abs() * 0.1 };
        low -= if low == 0.0 { 0.0 } else { pad };
        high += pad;
    }
    let span = high - low;
    // Start one decade below the step that would give `max_ticks` ticks, so the search
    // finds the smallest nice step that fits. A step of at least the span gives at most
    // three ticks, so the search ends within a few decades.
    let start = (span / max_ticks).log10().floor() as i32 - 1;
    for exponent in start..start.saturating_add(8) {
        for mantissa in [1, 2, 5] {
            let step = Step { mantissa, exponent };
            let size = step.value();
            if !(size.is_finite() && size > 0.0) {
                continue;
            }
            // Nudge inwards by a relative epsilon so a bound that is a multiple of the
            // step, give or take rounding noise, is its own tick.
            let first = (low / size + 1e-9).floor();
            let last = (high / size - 1e-9).ceil();
            if last - first + 1.0 <= max_ticks {
                let (first, last) = (first as i64, last as i64);
                let ticks = (first..=last)
                    .map(|i| scaled(i * mantissa, exponent))
                    .collect();
                return (
                    scaled(first * mantissa, exponent),
                    scaled(last * mantissa, exponent),
                    step,
                    ticks,
                );
            }
        }
    }
    // Unreachable for finite input (see above); an axis over 0–1 rather than a panic.
    let step = Step {
        mantissa: 2,
        exponent: -1,
    };
    (0.0, 1.0, step, (0..=5).map(|i| scaled(2 * i, -1)).collect())
}

/// The axis for values between `low` and `high` on `scale`, with at most `max_ticks`
/// ticks (at least 3).
///
/// Numbers get 1–2–5 ticks around the data. Shares are laid out in percent, clamped to
/// 0–100 %: an axis over 0.03–0.97 runs 0 % to 100 % in steps of 20.
pub(crate) fn axis(low: f64, high: f64, scale: ValueScale, max_ticks: usize) -> Axis {
    match scale {
        ValueScale::Share => {
            let clamp = |v: f64| {
                if v.is_finite() {
                    v.clamp(0.0, 1.0)
                } else {
                    0.0
                }
            };
            let (lo, hi, step, ticks) = nice(clamp(low) * 100.0, clamp(high) * 100.0, max_ticks);
            let (lo, hi) = (lo.max(0.0), hi.min(100.0));
            let ticks: Vec<f64> = ticks
                .into_iter()
                .filter(|t| (lo - 1e-9..=hi + 1e-9).contains(t))
                .collect();
            Axis {
                low: lo / 100.0,
                high: hi / 100.0,
                labels: ticks
                    .iter()
                    .map(|&t| format!("{}%", number(t, step.decimals())))
                    .collect(),
                ticks: ticks.iter().map(|t| t / 100.0).collect(),
                display_step: step.value(),
            }
        }
        _ => {
            let (lo, hi, step, ticks) = nice(low, high, max_ticks);
            Axis {
                low: lo,
                high: hi,
                labels: ticks.iter().map(|&t| number(t, step.decimals())).collect(),
                ticks,
                display_step: step.value(),
            }
        }
    }
}

/// A number with `decimals` places, thousands grouped with commas, and a true minus sign.
pub(crate) fn number(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::with_capacity(text.len() + whole.len() / 3 + 3);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if !fraction.is_empty() {
        grouped.push('.');
        grouped.push_str(fraction);
    }
    // "-0" and "-0.0" are zero.
    if value < 0.0 && grouped.chars().any(|c| c.is_ascii_digit() && c != '0') {
        grouped.insert(0, '\u{2212}');
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed sequence of ranges over many magnitudes, signs and widths (an LCG, so the
    /// test needs no random-number crate and always checks the same ranges).
    fn ranges() -> Vec<(f64, f64)> {
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut out = vec![
            (0.0, 1.05),
            (0.0, 0.97),
            (0.0, 1.0),
            (0.26, 0.79),
            (0.0, 0.0),
            (5.0, 5.0),
            (-3.0, -3.0),
            (0.0, 12_345.0),
            (-13.6, -13.6),
            (0.9999, 1.0001),
            (1e-9, 3e-9),
            (-250.0, 40.0),
        ];
        for _ in 0..5000 {
            let magnitude = 10f64.powf(next() * 16.0 - 8.0);
            let a = (next() - 0.3) * magnitude;
            let b = a + next() * magnitude * 10f64.powf(next() * 3.0 - 2.0);
            out.push((a, b));
        }
        out
    }

    fn assert_round(low: f64, high: f64, max_ticks: usize) {
        let axis = axis(low, high, ValueScale::Number, max_ticks);
        let step = axis.display_step;
        let exponent = step.log10().floor();
        let mantissa = step / 10f64.powf(exponent);
        assert!(
            [1.0, 2.0, 5.0].iter().any(|m| (mantissa - m).abs() < 1e-9),
            "step {step} of [{low}, {high}] is not 1, 2 or 5 × 10^k"
        );
        assert!(
            (2..=max_ticks.max(3)).contains(&axis.ticks.len()),
            "{} ticks for [{low}, {high}]",
            axis.ticks.len()
        );
        for t in &axis.ticks {
            let multiple = t / step;
            assert!(
                (multiple - multiple.round()).abs() < 1e-6,
                "tick {t} is not a multiple of {step} ([{low}, {high}])"
            );
        }
        let span = (high - low).abs();
        let tolerance = 1e-9 * span.max(low.abs()).max(high.abs()).max(1e-300);
        assert!(
            axis.low <= low.min(high) + tolerance && axis.high >= high.max(low) - tolerance,
            "[{}, {}] does not cover [{low}, {high}]",
            axis.low,
            axis.high
        );
        if span > 0.0 {
            // Hugs the data: at most one step of slack on each side.
            assert!(
                axis.high - axis.low <= span + 2.0 * step * (1.0 + 1e-9),
                "[{}, {}] is loose around [{low}, {high}]",
                axis.low,
                axis.high
            );
        }
        // Labels are exact decimals: unique, with the step's decimals, and read back as
        // their tick (no float noise such as 0.30000000000000004).
        let mut labels = axis.labels.clone();
        labels.dedup();
        assert_eq!(labels.len(), axis.labels.len(), "{:?}", axis.labels);
        let decimals = usize::try_from(-(exponent as i32)).unwrap_or(0);
        for (label, tick) in axis.labels.iter().zip(&axis.ticks) {
            let digits = label.split_once('.').map_or(0, |(_, f)| f.len());
            assert_eq!(digits, decimals, "label {label} for step {step}");
            let read: f64 = label
                .replace(',', "")
                .replace('\u{2212}', "-")
                .parse()
                .unwrap_or_else(|e| panic!("label {label}: {e}"));
            assert!(
                (read - tick).abs() <= 1e-9 * step,
                "label {label} is not tick {tick}"
            );
        }
    }

    #[test]
    fn ticks_are_round_numbers_over_many_ranges() {
        for (low, high) in ranges() {
            for max_ticks in [2, 3, 5, 6, 8, 11] {
                assert_round(low, high, max_ticks);
            }
        }
    }

    #[test]
    fn the_issue_axis_becomes_round() {
        // The old renderer drew 0–1.05 with ticks at 0.26, 0.53, 0.79.
        let axis = axis(0.0, 1.0, ValueScale::Number, 6);
        assert_eq!(axis.labels, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
        let axis = super::axis(0.0, 12_345.0, ValueScale::Number, 6);
        assert_eq!(
            axis.labels,
            ["0", "5,000", "10,000", "15,000"],
            "thousands are grouped"
        );
        let axis = super::axis(-3.0, 2.0, ValueScale::Number, 6);
        assert_eq!(
            axis.labels,
            ["\u{2212}3", "\u{2212}2", "\u{2212}1", "0", "1", "2"]
        );
    }

    #[test]
    fn shares_run_from_zero_to_a_hundred_percent() {
        for high in [0.81, 0.9, 0.97, 1.0, 1.05] {
            let axis = axis(0.0, high, ValueScale::Share, 6);
            assert_eq!(
                axis.labels,
                ["0%", "20%", "40%", "60%", "80%", "100%"],
                "share axis up to {high}"
            );
            assert_eq!((axis.low, axis.high), (0.0, 1.0));
        }
        // A share axis never leaves 0–100 %, whatever the data.
        for (low, high) in ranges() {
            for max_ticks in [3, 6] {
                let axis = axis(low, high, ValueScale::Share, max_ticks);
                assert!(axis.low >= 0.0 && axis.high <= 1.0, "{low} {high}");
                assert!(axis.ticks.len() >= 2, "{low} {high}: {:?}", axis.labels);
                assert!(axis.labels.iter().all(|l| l.ends_with('%')));
            }
        }
        // Small shares get a zoomed, still round, axis in percent.
        let axis = axis(0.0, 0.13, ValueScale::Share, 6);
        assert_eq!(axis.labels, ["0%", "5%", "10%", "15%"]);
        // A survival curve between 55 % and 100 % is scaled to the data.
        let axis = super::axis(0.55, 1.0, ValueScale::Share, 6);
        assert_eq!(axis.labels, ["50%", "60%", "70%", "80%", "90%", "100%"]);
    }

    #[test]
    fn numbers_group_thousands_and_keep_decimals() {
        assert_eq!(number(1_234_567.0, 0), "1,234,567");
        assert_eq!(number(999.0, 0), "999");
        assert_eq!(number(0.25, 2), "0.25");
        assert_eq!(number(-0.0, 1), "0.0");
        assert_eq!(number(-1500.5, 1), "\u{2212}1,500.5");
    }
}
