//! The built-in instruments, scored by their published rules: [`Who5`], [`Cbi`] and
//! [`Pss10`]. No item wording is embedded; items are keyed by id (`who5.1`,
//! `cbi.work.7`, `pss10.4`, ...), numbered as in the published questionnaires.
//!
//! The Maslach Burnout Inventory is licensed (Mind Garden) and deliberately absent; a
//! caller holding a licence can register it with
//! [`InstrumentSpec::builder`](crate::instrument::InstrumentSpec::builder).

use crate::instrument::{
    Aggregation, Bands, Edge, Instrument, InstrumentError, InstrumentSpec, Item, MissingPolicy,
    ResponseRange, Scale, ScaleIndex, check_policy,
};

macro_rules! delegate_instrument {
    ($t:ty) => {
        impl Instrument for $t {
            fn name(&self) -> &str {
                self.spec.name()
            }
            fn items(&self) -> &[Item] {
                self.spec.items()
            }
            fn response_range(&self) -> ResponseRange {
                self.spec.response_range()
            }
            fn scales(&self) -> &[Scale] {
                self.spec.scales()
            }
        }
    };
}

const RANGE_0_4: ResponseRange = ResponseRange::trusted(0, 4);
const RANGE_0_5: ResponseRange = ResponseRange::trusted(0, 5);

/// The WHO-5 Well-Being Index (WHO 1998; Topp et al. 2015).
///
/// Five items `who5.1`..`who5.5`, each 0 ("at no time") to 5 ("all of the time").
/// Raw score = sum, 0–25; percentage = raw × 4, 0–100; higher is better. Bands on the
/// percentage: ≤ 28 *likely depression*, ≤ 50 *poor wellbeing*, else *adequate
/// wellbeing*. These are **screening** bands, not a diagnosis: a low score indicates
/// that a clinical assessment is worth offering. A change of 10 percentage points is
/// significant ([`Who5::change`]).
///
/// Missing items: no official proration rule exists, so by default all five items are
/// required ([`Who5::with_missing_policy`] opts into proration).
///
/// ```
/// use remit_wellbeing::Who5;
/// use remit_wellbeing::Instrument;
///
/// let who5 = Who5::new();
/// let s = who5.score(&[("who5.1", 3), ("who5.2", 2), ("who5.3", 3), ("who5.4", 2), ("who5.5", 2)])?;
/// assert_eq!(s.value(Who5::RAW), Some(12.0));
/// assert_eq!(s.value(Who5::PERCENTAGE), Some(48.0));
/// assert_eq!(who5.band_label(48.0), "poor wellbeing");
/// // One item missing: no score, rather than a silently prorated one.
/// let s = who5.score(&[("who5.1", 3), ("who5.2", 2), ("who5.3", 3), ("who5.4", 2)])?;
/// assert_eq!(s.value(Who5::PERCENTAGE), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Deserialisation accepts only the published WHO-5 with a missing-item policy
/// [`Who5::with_missing_policy`] accepts.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "BuiltinFields"))]
pub struct Who5 {
    spec: InstrumentSpec,
}

/// The fields of a built-in instrument as serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct BuiltinFields {
    spec: InstrumentSpec,
    #[serde(default)]
    high_threshold: Option<f64>,
}

/// The error for a document that is not the built-in instrument it claims to be.
#[cfg(feature = "serde")]
fn not_published(instrument: &str) -> InstrumentError {
    InstrumentError::InvalidScale {
        instrument: instrument.to_owned(),
        scale: String::new(),
        reason: "the definition differs from the published instrument".to_owned(),
    }
}

#[cfg(feature = "serde")]
impl TryFrom<BuiltinFields> for Who5 {
    type Error = InstrumentError;

    fn try_from(f: BuiltinFields) -> Result<Self, Self::Error> {
        let policy = f
            .spec
            .scales()
            .first()
            .map_or(MissingPolicy::RequireAll, Scale::missing_policy);
        let expected = Who5::with_missing_policy(policy)?;
        if expected.spec == f.spec {
            Ok(expected)
        } else {
            Err(not_published("WHO-5"))
        }
    }
}

/// Which way a WHO-5 percentage moved between two surveys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Who5Change {
    /// Up by 10 points or more.
    Improved,
    /// Down by 10 points or more.
    Worsened,
    /// Moved by less than 10 points.
    NoSignificantChange,
}

impl Who5 {
    /// The raw score scale (0–25).
    pub const RAW: ScaleIndex = ScaleIndex(0);
    /// The percentage scale (0–100), with the screening bands.
    pub const PERCENTAGE: ScaleIndex = ScaleIndex(1);
    /// Band index of *likely depression* (percentage ≤ 28).
    pub const BAND_LIKELY_DEPRESSION: usize = 0;
    /// Band index of *poor wellbeing* (percentage ≤ 50).
    pub const BAND_POOR: usize = 1;
    /// Band index of *adequate wellbeing* (percentage > 50).
    pub const BAND_ADEQUATE: usize = 2;
    /// The change in percentage points that counts as significant.
    pub const SIGNIFICANT_CHANGE: f64 = 10.0;

    /// WHO-5 with its published scoring; every item required.
    pub fn new() -> Self {
        Self::assemble(MissingPolicy::RequireAll)
    }

    /// WHO-5 with an explicit missing-item policy, e.g.
    /// `MissingPolicy::ProratedSum { min_answered: 4 }`.
    ///
    /// # Errors
    ///
    /// [`InstrumentError::InvalidScale`] for `MinAnswered` (a sum is never silently
    /// prorated) or a minimum outside 1–5.
    pub fn with_missing_policy(policy: MissingPolicy) -> Result<Self, InstrumentError> {
        check_policy(Aggregation::Sum, policy, 5).map_err(|reason| {
            InstrumentError::InvalidScale {
                instrument: "WHO-5".into(),
                scale: "raw".into(),
                reason,
            }
        })?;
        Ok(Self::assemble(policy))
    }

    fn assemble(policy: MissingPolicy) -> Self {
        let items = (1..=5)
            .map(|i| Item::trusted(format!("who5.{i}"), false))
            .collect();
        let bands = Bands::trusted(
            &["likely depression", "poor wellbeing", "adequate wellbeing"],
            vec![Edge::AtMost(28.0), Edge::AtMost(50.0)],
        );
        let all: Vec<usize> = (0..5).collect();
        let scales = vec![
            Scale::trusted("raw", all.clone(), Aggregation::Sum, policy, 1.0, None),
            Scale::trusted(
                "percentage",
                all,
                Aggregation::Sum,
                policy,
                4.0,
                Some(bands),
            ),
        ];
        Self {
            spec: InstrumentSpec::trusted("WHO-5", RANGE_0_5, items, scales),
        }
    }

    /// The screening band label of a percentage score.
    pub fn band_label(&self, percentage: f64) -> &str {
        self.spec
            .scales()
            .get(Self::PERCENTAGE.0)
            .and_then(Scale::bands)
            .map_or("", |b| b.label_of(percentage))
    }

    /// The WHO-5 change rule: a difference of 10 percentage points or more is a
    /// significant change.
    ///
    /// ```
    /// use remit_wellbeing::{Who5, Who5Change};
    /// assert_eq!(Who5::change(64.0, 52.0), Who5Change::Worsened);
    /// assert_eq!(Who5::change(64.0, 56.0), Who5Change::NoSignificantChange);
    /// ```
    pub fn change(before_percentage: f64, after_percentage: f64) -> Who5Change {
        let d = after_percentage - before_percentage;
        if d >= Self::SIGNIFICANT_CHANGE {
            Who5Change::Improved
        } else if d <= -Self::SIGNIFICANT_CHANGE {
            Who5Change::Worsened
        } else {
            Who5Change::NoSignificantChange
        }
    }
}

impl Default for Who5 {
    fn default() -> Self {
        Self::new()
    }
}

delegate_instrument!(Who5);

/// The Copenhagen Burnout Inventory (Kristensen, Borritz, Villadsen & Christensen 2005).
///
/// Three independent scales, reported separately (there is no total):
///
/// | scale | items | scored if answered |
/// |---|---|---|
/// | personal | `cbi.personal.1`..`6` | at least 3 of 6 |
/// | work-related | `cbi.work.1`..`7`, **`cbi.work.7` reverse-scored** | at least 4 of 7 |
/// | client-related | `cbi.client.1`..`6` | at least 3 of 6 |
///
/// Response codes are 0–4, with 4 = "always" / "to a very high degree" and 0 =
/// "never/almost never" / "to a very low degree"; each code scores 25 points
/// (100/75/50/25/0) and a scale is the mean of its answered items, 0–100. The
/// client-related minimum (3 of 6) mirrors the personal scale: the published text
/// available to us was cut off there.
///
/// Bands: < 50 *low*, ≥ 50 *high*. The 50-point line is a widespread **convention**,
/// not a cut-off the 2005 paper defines; change it with [`Cbi::with_high_threshold`].
///
/// ```
/// use remit_wellbeing::Cbi;
/// use remit_wellbeing::Instrument;
///
/// let cbi = Cbi::new();
/// // Work items 1–4 answered "often" (75), item 7 (reversed) answered "seldom" (25 → 75).
/// let s = cbi.score(&[("cbi.work.1", 3), ("cbi.work.2", 3), ("cbi.work.3", 3), ("cbi.work.7", 1)])?;
/// assert_eq!(s.value(Cbi::WORK), Some(75.0));
/// assert_eq!(s.get(Cbi::WORK).and_then(|w| w.band()), Some(Cbi::BAND_HIGH));
/// // Personal: nothing answered, so missing.
/// assert_eq!(s.value(Cbi::PERSONAL), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Deserialisation accepts only the published CBI with a high-burnout line
/// [`Cbi::with_high_threshold`] accepts.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "BuiltinFields"))]
pub struct Cbi {
    spec: InstrumentSpec,
    high_threshold: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<BuiltinFields> for Cbi {
    type Error = InstrumentError;

    fn try_from(f: BuiltinFields) -> Result<Self, Self::Error> {
        let threshold = f.high_threshold.unwrap_or(Cbi::DEFAULT_HIGH_THRESHOLD);
        let expected = Cbi::with_high_threshold(threshold)?;
        if expected.spec == f.spec {
            Ok(expected)
        } else {
            Err(not_published("CBI"))
        }
    }
}

impl Cbi {
    /// Personal burnout (6 items).
    pub const PERSONAL: ScaleIndex = ScaleIndex(0);
    /// Work-related burnout (7 items, the last reverse-scored).
    pub const WORK: ScaleIndex = ScaleIndex(1);
    /// Client-related burnout (6 items; use only where the job involves clients).
    pub const CLIENT: ScaleIndex = ScaleIndex(2);
    /// Band index of *low* burnout.
    pub const BAND_LOW: usize = 0;
    /// Band index of *high* burnout.
    pub const BAND_HIGH: usize = 1;
    /// The conventional high-burnout line.
    pub const DEFAULT_HIGH_THRESHOLD: f64 = 50.0;

    /// The CBI with the conventional ≥ 50 high-burnout band.
    pub fn new() -> Self {
        Self::assemble(Self::DEFAULT_HIGH_THRESHOLD)
    }

    /// The CBI with scores `≥ threshold` banded *high*.
    ///
    /// # Errors
    ///
    /// [`InstrumentError::InvalidBands`] for a non-finite threshold.
    pub fn with_high_threshold(threshold: f64) -> Result<Self, InstrumentError> {
        Bands::new("low", vec![(Edge::Below(threshold), "high")])?;
        Ok(Self::assemble(threshold))
    }

    fn assemble(threshold: f64) -> Self {
        let mut items: Vec<Item> = (1..=6)
            .map(|i| Item::trusted(format!("cbi.personal.{i}"), false))
            .collect();
        items.extend((1..=7).map(|i| Item::trusted(format!("cbi.work.{i}"), i == 7)));
        items.extend((1..=6).map(|i| Item::trusted(format!("cbi.client.{i}"), false)));
        let bands = Bands::trusted(&["low", "high"], vec![Edge::Below(threshold)]);
        let scale = |id: &str, items: std::ops::Range<usize>, min: u8| {
            Scale::trusted(
                id,
                items.collect(),
                Aggregation::Mean,
                MissingPolicy::MinAnswered(min),
                25.0,
                Some(bands.clone()),
            )
        };
        let scales = vec![
            scale("personal", 0..6, 3),
            scale("work", 6..13, 4),
            scale("client", 13..19, 3),
        ];
        Self {
            spec: InstrumentSpec::trusted("CBI", RANGE_0_4, items, scales),
            high_threshold: threshold,
        }
    }

    /// The score at and above which a scale is banded *high*.
    pub fn high_threshold(&self) -> f64 {
        self.high_threshold
    }
}

impl Default for Cbi {
    fn default() -> Self {
        Self::new()
    }
}

delegate_instrument!(Cbi);

/// The Perceived Stress Scale, 10-item form (Cohen, Kamarck & Mermelstein 1983; Cohen &
/// Williamson 1988).
///
/// Items `pss10.1`..`pss10.10`, each 0 ("never") to 4 ("very often"); the positively
/// worded items **4, 5, 7 and 8 are reverse-scored**; total = sum, 0–40, all items
/// required (no official missing-item rule exists). There are **no official cut-offs**:
/// Cohen publishes normative means, so bands come from the caller's norms
/// ([`Pss10::with_bands`]); [`Pss10::new`] has none.
///
/// ```
/// use remit_wellbeing::Pss10;
/// use remit_wellbeing::{Bands, Edge, Instrument};
///
/// // Bands at the caller's norm mean + 1 SD (here 13 + 6).
/// let pss = Pss10::with_bands(Bands::new("typical", vec![(Edge::AtMost(19.0), "elevated")])?);
/// let answers: Vec<(String, u8)> = (1..=10).map(|i| (format!("pss10.{i}"), 2)).collect();
/// let refs: Vec<(&str, u8)> = answers.iter().map(|(k, v)| (k.as_str(), *v)).collect();
/// let s = pss.score(&refs)?;
/// assert_eq!(s.value(Pss10::TOTAL), Some(20.0));
/// assert_eq!(s.get(Pss10::TOTAL).and_then(|t| t.band()), Some(1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Deserialisation accepts only the published PSS-10, with or without the caller's bands.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "BuiltinFields"))]
pub struct Pss10 {
    spec: InstrumentSpec,
}

#[cfg(feature = "serde")]
impl TryFrom<BuiltinFields> for Pss10 {
    type Error = InstrumentError;

    fn try_from(f: BuiltinFields) -> Result<Self, Self::Error> {
        let bands = f.spec.scales().first().and_then(Scale::bands).cloned();
        let expected = bands.map_or_else(Pss10::new, Pss10::with_bands);
        if expected.spec == f.spec {
            Ok(expected)
        } else {
            Err(not_published("PSS-10"))
        }
    }
}

impl Pss10 {
    /// The total score (0–40).
    pub const TOTAL: ScaleIndex = ScaleIndex(0);
    /// The reverse-scored items, by published number.
    pub const REVERSED: [usize; 4] = [4, 5, 7, 8];

    /// The published PSS-10 (ten items scored 0–4, total 0–40) without bands: the PSS has
    /// no published cut-offs, so pass your own to [`Pss10::with_bands`].
    pub fn new() -> Self {
        Self::assemble(None)
    }

    /// PSS-10 banded by the caller's norms.
    pub fn with_bands(bands: Bands) -> Self {
        Self::assemble(Some(bands))
    }

    fn assemble(bands: Option<Bands>) -> Self {
        let items = (1..=10)
            .map(|n| Item::trusted(format!("pss10.{n}"), Self::REVERSED.contains(&n)))
            .collect();
        let scales = vec![Scale::trusted(
            "total",
            (0..10).collect(),
            Aggregation::Sum,
            MissingPolicy::RequireAll,
            1.0,
            bands,
        )];
        Self {
            spec: InstrumentSpec::trusted("PSS-10", RANGE_0_4, items, scales),
        }
    }
}

impl Default for Pss10 {
    fn default() -> Self {
        Self::new()
    }
}

delegate_instrument!(Pss10);
