//! Promotion histories with a planted penalty per work mode, confounding through level
//! mix, and the ground truth, for `remit-promotion-bias`.
//!
//! # The generating process
//!
//! The observation window is the 12 months before the organisation's `as_of` date. The
//! pool is everyone employed when the window opens, thinned by an optional *level
//! skew* per work mode (below). For each person in the pool:
//!
//! - the performance rating is a whole number 1–5: `round(3 + shift[mode] + N(0, 1))`,
//!   clamped (so ratings tie, as real ratings do; `shift` plants a rating bias);
//! - promotion in the window is Bernoulli with
//!   `logit p = intercept + level_logit[level] + β_perf (rating − 3) + β_tenure tenure_years + ln OR[mode]`,
//!   which is exactly the logistic model `promoted ~ work_mode + performance + tenure + level`
//!   the analysis fits, so the planted odds ratio is the model's true parameter;
//! - a promoted person's months to event is uniform over the time they were observed
//!   (the window, or until they left); otherwise it is that observed time (censored).
//!
//! **Level skew** plants confounding through level mix: a person of work mode `m` at
//! level `l` stays in the pool with probability `exp(skew[m] (l − 1)) / max_l exp(skew[m] (l − 1))`.
//! A positive skew makes the mode's pool more senior. Because promotion odds fall with
//! level, a senior-skewed remote pool has a lower raw promotion rate even with no
//! penalty at all: Simpson's paradox, which the stratified analysis must see through.
//!
//! ```
//! use remit_core::WorkMode;
//! use remit_synth::promotion::{promotion_history, PromotionSynthConfig};
//! use remit_synth::{generate, SynthConfig};
//!
//! let org = generate(&SynthConfig::new(2_000, 7))?;
//! let config = PromotionSynthConfig::default().odds_ratio(WorkMode::Remote, 0.6)?;
//! let history = promotion_history(&org, &config)?;
//! assert_eq!(history.truth().odds_ratio(WorkMode::Remote), 0.6);
//! assert!(history.table().len() > 1_500);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::Months;
use remit_core::period::months_between_fractional;
use remit_core::{Period, WorkMode};
use remit_promotion_bias::{PromotionRecord, PromotionRow, PromotionTable};

use crate::Organisation;
use crate::rng;

/// Promotion logits by level `1..=7` (index 0 is level 1): junior levels are promoted
/// far more often than senior ones.
pub const DEFAULT_LEVEL_LOGITS: [f64; 7] = [0.0, -0.3, -0.7, -1.1, -1.5, -1.9, -2.3];

/// A promotion-history configuration was invalid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum PromotionSynthError {
    /// A parameter was out of range.
    #[error("promotion synth config: field `{field}` must be {expected}, got {value}")]
    OutOfRange {
        /// The field.
        field: &'static str,
        /// The rejected value.
        value: f64,
        /// The allowed range, in words.
        expected: &'static str,
    },
    /// A generated record failed validation (a bug in the generator).
    #[error(transparent)]
    Record(#[from] remit_promotion_bias::Error),
    /// The window would start before the supported calendar.
    #[error("promotion synth: the 12-month window before {0} is out of range")]
    Window(chrono::NaiveDate),
}

/// What to plant. The default plants nothing: every work mode has odds ratio 1, no
/// rating shift and no level skew.
#[derive(Debug, Clone, PartialEq)]
pub struct PromotionSynthConfig {
    odds_ratio: [f64; 3],
    rating_shift: [f64; 3],
    level_skew: [f64; 3],
    intercept: f64,
    level_logits: [f64; 7],
    performance_effect: f64,
    tenure_effect_per_year: f64,
}

impl Default for PromotionSynthConfig {
    fn default() -> Self {
        Self {
            odds_ratio: [1.0; 3],
            rating_shift: [0.0; 3],
            level_skew: [0.0; 3],
            intercept: -1.2,
            level_logits: DEFAULT_LEVEL_LOGITS,
            performance_effect: 0.5,
            tenure_effect_per_year: 0.05,
        }
    }
}

fn finite(field: &'static str, value: f64) -> Result<f64, PromotionSynthError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(PromotionSynthError::OutOfRange {
            field,
            value,
            expected: "finite",
        })
    }
}

impl PromotionSynthConfig {
    /// Plants the odds ratio of promotion for `mode` relative to onsite, all else equal.
    ///
    /// # Errors
    /// [`PromotionSynthError::OutOfRange`] unless positive and finite.
    pub fn odds_ratio(mut self, mode: WorkMode, ratio: f64) -> Result<Self, PromotionSynthError> {
        if !(ratio.is_finite() && ratio > 0.0) {
            return Err(PromotionSynthError::OutOfRange {
                field: "odds_ratio",
                value: ratio,
                expected: "positive and finite",
            });
        }
        self.odds_ratio[mode.index()] = ratio;
        Ok(self)
    }
    /// Plants a rating bias: `mode`'s ratings are shifted by `points` (e.g. `-0.3`).
    ///
    /// # Errors
    /// [`PromotionSynthError::OutOfRange`] unless finite.
    pub fn rating_shift(
        mut self,
        mode: WorkMode,
        points: f64,
    ) -> Result<Self, PromotionSynthError> {
        self.rating_shift[mode.index()] = finite("rating_shift", points)?;
        Ok(self)
    }
    /// Plants confounding through level mix: `mode`'s pool is skewed senior
    /// (`skew > 0`) or junior (`skew < 0`); see the [module documentation](self).
    ///
    /// # Errors
    /// [`PromotionSynthError::OutOfRange`] unless finite.
    pub fn level_skew(mut self, mode: WorkMode, skew: f64) -> Result<Self, PromotionSynthError> {
        self.level_skew[mode.index()] = finite("level_skew", skew)?;
        Ok(self)
    }
    /// Sets the baseline logit (onsite, level 1, rating 3, no tenure).
    ///
    /// # Errors
    /// [`PromotionSynthError::OutOfRange`] unless finite.
    pub fn intercept(mut self, logit: f64) -> Result<Self, PromotionSynthError> {
        self.intercept = finite("intercept", logit)?;
        Ok(self)
    }
    /// Sets the promotion logits of levels 1..=7 (added to the intercept).
    ///
    /// # Errors
    /// [`PromotionSynthError::OutOfRange`] unless all finite.
    pub fn level_logits(mut self, logits: [f64; 7]) -> Result<Self, PromotionSynthError> {
        for l in logits {
            finite("level_logits", l)?;
        }
        self.level_logits = logits;
        Ok(self)
    }
}

/// The truth behind a generated history.
#[derive(Debug, Clone, PartialEq)]
pub struct PromotionTruth {
    config: PromotionSynthConfig,
    window: Period,
}

impl PromotionTruth {
    /// The planted odds ratio of `mode` against onsite, conditional on rating, tenure
    /// and level.
    pub fn odds_ratio(&self, mode: WorkMode) -> f64 {
        self.config.odds_ratio[mode.index()]
    }
    /// The planted rating shift of `mode`.
    pub fn rating_shift(&self, mode: WorkMode) -> f64 {
        self.config.rating_shift[mode.index()]
    }
    /// The planted level skew of `mode`.
    pub fn level_skew(&self, mode: WorkMode) -> f64 {
        self.config.level_skew[mode.index()]
    }
    /// The effect of one rating point on the log-odds of promotion.
    pub fn performance_effect(&self) -> f64 {
        self.config.performance_effect
    }
    /// The effect of one year of tenure on the log-odds of promotion.
    pub fn tenure_effect_per_year(&self) -> f64 {
        self.config.tenure_effect_per_year
    }
    /// The observation window: the 12 months ending the day before the organisation's
    /// `as_of` date, `[as_of − 12 months, as_of)`.
    pub fn window(&self) -> Period {
        self.window
    }
}

/// Generated promotion records and their ground truth.
#[derive(Debug, Clone, PartialEq)]
pub struct PromotionHistory {
    table: PromotionTable,
    truth: PromotionTruth,
}

impl PromotionHistory {
    /// The records, in roster order, column by column (what
    /// [`Inputs::from_table`](remit_promotion_bias::Inputs::from_table) reads).
    pub fn table(&self) -> &PromotionTable {
        &self.table
    }
    /// Gives back the table.
    pub fn into_table(self) -> PromotionTable {
        self.table
    }
    /// The records, in roster order, one [`PromotionRecord`] each (built on demand).
    pub fn to_records(&self) -> Vec<PromotionRecord> {
        self.table.to_records()
    }
    /// The ground truth of this history: the planted odds ratios and effects, and the
    /// window.
    pub fn truth(&self) -> &PromotionTruth {
        &self.truth
    }
}

/// Generates the promotion history of `org` with the effects `config` plants, from the
/// stream `rng::stream(org.seed(), "promotion")`.
///
/// # Errors
/// [`PromotionSynthError::Window`] if the window leaves the calendar.
pub fn promotion_history(
    org: &Organisation,
    config: &PromotionSynthConfig,
) -> Result<PromotionHistory, PromotionSynthError> {
    let end = org.as_of();
    let start = end
        .checked_sub_months(Months::new(12))
        .ok_or(PromotionSynthError::Window(end))?;
    let window = Period::new(start, end).map_err(|_| PromotionSynthError::Window(end))?;
    let mut rng = rng::stream(org.seed(), "promotion");
    let keep_probability = |mode: WorkMode, level: u8| -> f64 {
        let skew = config.level_skew[mode.index()];
        let top = if skew > 0.0 { 6.0 * skew } else { 0.0 };
        (skew * f64::from(level.saturating_sub(1)) - top).exp()
    };
    let mut table = PromotionTable::with_capacity(org.roster().len());
    let mut attributes: Vec<(&str, &str)> = Vec::new();
    for e in org.roster().iter() {
        if !e.is_active_on(start) {
            continue;
        }
        let mode = e.work_mode();
        let level = e.level().rank();
        // Draw everything for every employee, so planting one effect never shifts the
        // random numbers behind another.
        let keep_draw = rng::unit(&mut rng);
        let rating_draw = rng::normal(&mut rng);
        let promote_draw = rng::unit(&mut rng);
        let time_draw = rng::unit(&mut rng);
        if keep_draw >= keep_probability(mode, level) {
            continue;
        }
        let rating = (3.0 + config.rating_shift[mode.index()] + rating_draw)
            .round()
            .clamp(1.0, 5.0);
        let tenure = f64::from(e.tenure_months(start));
        let level_logit = config
            .level_logits
            .get(usize::from(level.saturating_sub(1)))
            .copied()
            .unwrap_or(config.level_logits[6]);
        let logit = config.intercept
            + level_logit
            + config.performance_effect * (rating - 3.0)
            + config.tenure_effect_per_year * tenure / 12.0
            + config.odds_ratio[mode.index()].ln();
        let promoted = promote_draw < 1.0 / (1.0 + (-logit).exp());
        let observed_end = e.left_on().map_or(end, |left| left.min(end));
        let observed = months_between_fractional(start, observed_end);
        let months = if promoted {
            // Uniform over the observed time, never zero.
            (observed * (1.0 - time_draw)).max(1.0 / 31.0)
        } else {
            observed
        };
        attributes.clear();
        attributes.extend(e.attributes().iter().map(|(k, v)| (k.as_str(), v.as_str())));
        table.push_row(
            PromotionRow::new(e.id(), mode, e.level(), e.department().as_str())
                .with_performance(rating)?
                .with_tenure_months(tenure)?
                .with_outcome(promoted, months)?
                .with_attributes(&attributes)?,
        )?;
    }
    Ok(PromotionHistory {
        table,
        truth: PromotionTruth {
            config: config.clone(),
            window,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SynthConfig, generate};

    #[test]
    fn same_seed_same_history_and_skew_shifts_the_pool() {
        let org = generate(&SynthConfig::new(3_000, 11)).unwrap();
        let a = promotion_history(&org, &PromotionSynthConfig::default()).unwrap();
        let b = promotion_history(&org, &PromotionSynthConfig::default()).unwrap();
        assert_eq!(a, b);
        let skewed = PromotionSynthConfig::default()
            .level_skew(WorkMode::Remote, 0.8)
            .unwrap();
        let c = promotion_history(&org, &skewed).unwrap();
        let mean_level = |h: &PromotionHistory| {
            let t = h.table();
            let remote: Vec<f64> = t
                .work_modes()
                .iter()
                .zip(t.levels())
                .filter(|(m, _)| **m == WorkMode::Remote)
                .map(|(_, l)| f64::from(l.rank()))
                .collect();
            remote.iter().sum::<f64>() / remote.len() as f64
        };
        assert!(mean_level(&c) > mean_level(&a) + 0.5);
        assert!(
            PromotionSynthConfig::default()
                .odds_ratio(WorkMode::Remote, 0.0)
                .is_err()
        );
    }
}
