//! Survey instruments: the [`Instrument`] trait, the data-driven [`InstrumentSpec`] that
//! implements it, and the scoring rules (reverse items, scales, missing-item policy, bands).
//!
//! Items are keyed by [`ItemId`], never by wording: this crate embeds no item text. The
//! built-in instruments ([`Who5`](crate::builtin::Who5), [`Cbi`](crate::builtin::Cbi),
//! [`Pss10`](crate::builtin::Pss10)) live in [`crate::builtin`].

use std::fmt;

/// The id of one item of an instrument, e.g. `who5.3` or `cbi.work.7`.
///
/// Invariant: 1–64 ASCII characters from `a-z`, `A-Z`, `0-9`, `.`, `_`, `-`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct ItemId(String);

impl ItemId {
    /// Validates an item id.
    ///
    /// # Errors
    ///
    /// [`InstrumentError::InvalidItemId`] if the id is empty, longer than 64 characters
    /// or uses other characters than letters, digits, `.`, `_` and `-`.
    pub fn new(id: &str) -> Result<Self, InstrumentError> {
        let ok = !id.is_empty()
            && id.len() <= 64
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        if ok {
            Ok(Self(id.to_owned()))
        } else {
            Err(InstrumentError::InvalidItemId { id: id.to_owned() })
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ItemId {
    type Error = InstrumentError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(&value)
    }
}

impl From<ItemId> for String {
    fn from(id: ItemId) -> Self {
        id.0
    }
}

/// The inclusive range of response codes every item of an instrument accepts.
///
/// Invariant: `min < max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ResponseRangeFields"))]
pub struct ResponseRange {
    min: u8,
    max: u8,
}

/// The fields of [`ResponseRange`] as serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct ResponseRangeFields {
    min: u8,
    max: u8,
}

#[cfg(feature = "serde")]
impl TryFrom<ResponseRangeFields> for ResponseRange {
    type Error = InstrumentError;

    fn try_from(f: ResponseRangeFields) -> Result<Self, Self::Error> {
        ResponseRange::new(f.min, f.max)
    }
}

impl ResponseRange {
    /// A range `min..=max`.
    ///
    /// # Errors
    ///
    /// [`InstrumentError::EmptyRange`] unless `min < max`.
    pub const fn new(min: u8, max: u8) -> Result<Self, InstrumentError> {
        if min < max {
            Ok(Self { min, max })
        } else {
            Err(InstrumentError::EmptyRange { min, max })
        }
    }

    /// A range from fixed, known-valid bounds (`min < max`).
    pub(crate) const fn trusted(min: u8, max: u8) -> Self {
        Self { min, max }
    }

    /// The lowest valid response code (inclusive).
    pub const fn min(self) -> u8 {
        self.min
    }

    /// The highest valid response code (inclusive); above [`min`](Self::min).
    pub const fn max(self) -> u8 {
        self.max
    }

    /// Whether `code` is a valid response.
    pub const fn contains(self, code: u8) -> bool {
        code >= self.min && code <= self.max
    }

    /// Mirrors a code within the range (`min + max − code`); `None` if out of range.
    ///
    /// ```
    /// use remit_wellbeing::ResponseRange;
    /// let r = ResponseRange::new(0, 4)?;
    /// assert_eq!(r.reverse(1), Some(3));
    /// assert_eq!(r.reverse(5), None);
    /// # Ok::<(), remit_wellbeing::InstrumentError>(())
    /// ```
    pub const fn reverse(self, code: u8) -> Option<u8> {
        if self.contains(code) {
            // No overflow: code ≥ min, so min + max − code ≤ max.
            Some(self.max - (code - self.min))
        } else {
            None
        }
    }
}

/// One item: its id and whether it is reverse-scored.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Item {
    id: ItemId,
    reversed: bool,
}

impl Item {
    /// An item scored as answered.
    pub fn new(id: ItemId) -> Self {
        Self {
            id,
            reversed: false,
        }
    }

    /// A reverse-scored item: a code `c` counts as `min + max - c` before scoring.
    pub fn reversed(id: ItemId) -> Self {
        Self { id, reversed: true }
    }

    /// The item's id, unique within its instrument.
    pub fn id(&self) -> &ItemId {
        &self.id
    }

    /// Whether the item is reverse-scored.
    pub fn is_reversed(&self) -> bool {
        self.reversed
    }
}

/// How a scale combines its answered items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Aggregation {
    /// The sum of the items (WHO-5, PSS-10).
    Sum,
    /// The mean of the answered items (CBI).
    Mean,
}

/// What a scale does when items are unanswered. Explicit per scale, never implied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum MissingPolicy {
    /// Every item must be answered, else the scale is missing.
    RequireAll,
    /// A `Mean` scale is scored from the answered items if at least this many were
    /// answered (CBI: 3 of 6, 4 of 7). Not allowed on a `Sum` scale: that would prorate
    /// silently.
    MinAnswered(u8),
    /// Opt-in proration of a `Sum` scale: `sum × items / answered` when at least
    /// `min_answered` items were answered. No published source endorses this for WHO-5 or
    /// PSS-10; use it only when your own analysis plan says so.
    ProratedSum {
        /// The fewest answered items that still give a score.
        min_answered: u8,
    },
}

/// Where one band ends and the next begins.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Edge {
    /// Scores `≤ x` stay in the band below the edge.
    AtMost(f64),
    /// Scores `< x` stay in the band below the edge.
    Below(f64),
}

impl Edge {
    fn value(self) -> f64 {
        match self {
            Edge::AtMost(x) | Edge::Below(x) => x,
        }
    }

    fn is_past(self, score: f64) -> bool {
        match self {
            Edge::AtMost(x) => score > x,
            Edge::Below(x) => score >= x,
        }
    }
}

/// Interpretation bands of a scale, lowest scores first.
///
/// Invariant: `labels.len() == edges.len() + 1`, edges finite and strictly ascending,
/// labels non-empty.
///
/// ```
/// use remit_wellbeing::{Bands, Edge};
/// // The CBI convention: < 50 low, ≥ 50 high.
/// let bands = Bands::new("low", vec![(Edge::Below(50.0), "high")])?;
/// assert_eq!(bands.label_of(49.9), "low");
/// assert_eq!(bands.label_of(50.0), "high");
/// # Ok::<(), remit_wellbeing::InstrumentError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "BandsFields"))]
pub struct Bands {
    labels: Vec<String>,
    edges: Vec<Edge>,
}

/// The fields of [`Bands`] as serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct BandsFields {
    labels: Vec<String>,
    edges: Vec<Edge>,
}

#[cfg(feature = "serde")]
impl TryFrom<BandsFields> for Bands {
    type Error = InstrumentError;

    fn try_from(f: BandsFields) -> Result<Self, Self::Error> {
        if f.labels.len() != f.edges.len() + 1 {
            return Err(InstrumentError::InvalidBands {
                reason: format!(
                    "{} labels for {} edges: there must be one label more than edges",
                    f.labels.len(),
                    f.edges.len()
                ),
            });
        }
        let mut labels = f.labels.into_iter();
        let lowest = labels.next().unwrap_or_default();
        Bands::new(lowest, f.edges.into_iter().zip(labels).collect())
    }
}

impl Bands {
    /// Bands from the lowest band's label and `(edge, label of the band above it)` pairs.
    ///
    /// # Errors
    ///
    /// [`InstrumentError::InvalidBands`] if a label is empty, an edge is not finite, or
    /// the edges do not strictly ascend.
    pub fn new(
        lowest: impl Into<String>,
        above: Vec<(Edge, impl Into<String>)>,
    ) -> Result<Self, InstrumentError> {
        let mut labels = vec![lowest.into()];
        let mut edges = Vec::with_capacity(above.len());
        for (edge, label) in above {
            let x = edge.value();
            if !x.is_finite() {
                return Err(InstrumentError::InvalidBands {
                    reason: format!("edge {x} is not finite"),
                });
            }
            if let Some(prev) = edges.last().copied().map(Edge::value)
                && x <= prev
            {
                return Err(InstrumentError::InvalidBands {
                    reason: format!("edge {x} does not ascend past {prev}"),
                });
            }
            edges.push(edge);
            labels.push(label.into());
        }
        if let Some(empty) = labels.iter().position(|l| l.trim().is_empty()) {
            return Err(InstrumentError::InvalidBands {
                reason: format!("label {empty} is empty"),
            });
        }
        Ok(Self { labels, edges })
    }

    /// The band index of a score (0 = lowest band).
    pub fn index_of(&self, score: f64) -> usize {
        self.edges.iter().filter(|e| e.is_past(score)).count()
    }

    /// The label of the band a score falls in.
    pub fn label_of(&self, score: f64) -> &str {
        self.label(self.index_of(score)).unwrap_or_default()
    }

    /// The label of band `index`.
    pub fn label(&self, index: usize) -> Option<&str> {
        self.labels.get(index).map(String::as_str)
    }

    /// The labels, lowest first.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The band edges, ascending; one fewer than the labels.
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }
}

/// One scored scale of an instrument (a subscale, or the whole instrument). Made only
/// by [`InstrumentSpecBuilder::scale`], which checks it against the instrument's items;
/// it deserialises only as part of an [`InstrumentSpec`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Scale {
    id: String,
    items: Vec<usize>,
    aggregation: Aggregation,
    missing: MissingPolicy,
    multiplier: f64,
    bands: Option<Bands>,
}

impl Scale {
    /// The scale's id, e.g. `percentage` or `work`.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Positions of the scale's items in the instrument's item list.
    pub fn items(&self) -> &[usize] {
        &self.items
    }
    /// How the scale combines its items' codes: their sum or their mean.
    pub fn aggregation(&self) -> Aggregation {
        self.aggregation
    }
    /// What happens when items are unanswered.
    pub fn missing_policy(&self) -> MissingPolicy {
        self.missing
    }
    /// The factor applied after aggregation.
    pub fn multiplier(&self) -> f64 {
        self.multiplier
    }
    /// Interpretation bands, if the scale has any.
    pub fn bands(&self) -> Option<&Bands> {
        self.bands.as_ref()
    }
}

/// The position of a scale in [`Instrument::scales`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct ScaleIndex(pub usize);

/// An instrument definition was invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InstrumentError {
    /// An item id broke the id rules.
    #[error("invalid item id {id:?}: use 1-64 letters, digits, '.', '_' or '-'")]
    InvalidItemId {
        /// The id as given, which breaks the rules.
        id: String,
    },
    /// A response range with `min >= max`.
    #[error("response range {min}..={max} is empty: min must be below max")]
    EmptyRange {
        /// The lowest code given, not below `max`.
        min: u8,
        /// The highest code given, not above `min`.
        max: u8,
    },
    /// The instrument has no name.
    #[error("instrument name must not be empty")]
    EmptyName,
    /// The instrument has no items or more than 255.
    #[error("instrument {instrument}: must have 1-255 items, got {count}")]
    ItemCount {
        /// The instrument's name (`"WHO-5"`, `"CBI"`, or the caller's).
        instrument: String,
        /// How many were given.
        count: usize,
    },
    /// Two items share an id.
    #[error("instrument {instrument}: item {item} appears more than once")]
    DuplicateItem {
        /// The name of the instrument (`"WHO-5"`, `"CBI"` or the caller's own).
        instrument: String,
        /// The item id used more than once.
        item: String,
    },
    /// A scale names an item the instrument does not have.
    #[error("instrument {instrument}, scale {scale}: unknown item {item}")]
    UnknownScaleItem {
        /// The name of the instrument (`"WHO-5"`, `"CBI"` or the caller's own).
        instrument: String,
        /// The name of the scale that lists the unknown item.
        scale: String,
        /// The unknown item id.
        item: String,
    },
    /// A scale is badly formed.
    #[error("instrument {instrument}, scale {scale}: {reason}")]
    InvalidScale {
        /// The name of the instrument (`"WHO-5"`, `"CBI"` or the caller's own).
        instrument: String,
        /// The name of the badly formed scale.
        scale: String,
        /// Why the scale is refused, in words.
        reason: String,
    },
    /// Band edges or labels are invalid.
    #[error("invalid bands: {reason}")]
    InvalidBands {
        /// Why the bands are refused (edges not ascending, a label count that is not one
        /// more than the edges, ...), in words.
        reason: String,
    },
}

/// A set of responses could not be scored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScoreError {
    /// Positional responses of the wrong length.
    #[error("instrument {instrument}: expected {expected} responses, got {got}")]
    WrongLength {
        /// The name of the instrument (`"WHO-5"`, `"CBI"` or the caller's own).
        instrument: String,
        /// How many responses the instrument expects: its item count.
        expected: usize,
        /// How many responses were given.
        got: usize,
    },
    /// A response outside the instrument's range.
    #[error("instrument {instrument}, item {item}: response {value} is outside {min}..={max}")]
    OutOfRange {
        /// The name of the instrument (`"WHO-5"`, `"CBI"` or the caller's own).
        instrument: String,
        /// The id of the item whose response is out of range.
        item: String,
        /// The response code given, outside `min..=max`.
        value: u8,
        /// The instrument's lowest valid code.
        min: u8,
        /// The instrument's highest valid code.
        max: u8,
    },
    /// An answer to an item the instrument does not have.
    #[error("instrument {instrument}: unknown item {item}")]
    UnknownItem {
        /// The name of the instrument (`"WHO-5"`, `"CBI"` or the caller's own).
        instrument: String,
        /// The item id answered, which the instrument does not have.
        item: String,
    },
    /// Two answers to the same item.
    #[error("instrument {instrument}, item {item}: answered more than once")]
    DuplicateAnswer {
        /// The name of the instrument (`"WHO-5"`, `"CBI"` or the caller's own).
        instrument: String,
        /// The item id answered more than once.
        item: String,
    },
}

/// The score of one scale for one respondent (a result: it serialises only).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ScaleScore {
    value: Option<f64>,
    answered: u8,
    items: u8,
    band: Option<u8>,
}

impl ScaleScore {
    /// The score, or `None` when the missing-item policy withheld it.
    pub fn value(&self) -> Option<f64> {
        self.value
    }
    /// How many of the scale's items were answered.
    pub fn answered(&self) -> u8 {
        self.answered
    }
    /// How many items the scale has.
    pub fn items(&self) -> u8 {
        self.items
    }
    /// The band index (see [`Scale::bands`]), when scored and banded.
    pub fn band(&self) -> Option<usize> {
        self.band.map(usize::from)
    }
    /// Whether the missing-item policy withheld the score.
    pub fn is_missing(&self) -> bool {
        self.value.is_none()
    }
}

/// Every scale's score for one respondent, in [`Instrument::scales`] order (a result: it
/// serialises only).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Scores {
    scales: Vec<ScaleScore>,
}

impl Scores {
    /// The score of one scale.
    pub fn get(&self, scale: ScaleIndex) -> Option<&ScaleScore> {
        self.scales.get(scale.0)
    }
    /// The value of one scale, if scored.
    pub fn value(&self, scale: ScaleIndex) -> Option<f64> {
        self.get(scale).and_then(ScaleScore::value)
    }
    /// Every scale's score, in the instrument's scale order (index with a [`ScaleIndex`]).
    pub fn all(&self) -> &[ScaleScore] {
        &self.scales
    }
}

/// A survey instrument a caller can score.
///
/// # Scoring rule
///
/// For each [`Scale`]: every answered item's response code is checked against the
/// instrument's [`ResponseRange`], reverse-scored items are mirrored
/// (`min + max − code`), the answered codes are summed or averaged ([`Aggregation`]),
/// the [`MissingPolicy`] decides whether enough items were answered, and the result is
/// multiplied by the scale's `multiplier` (WHO-5 percentage: ×4; CBI: ×25 turns the
/// 0–4 codes into 0/25/50/75/100 points).
///
/// A sum is never prorated silently: a `Sum` scale accepts only
/// [`MissingPolicy::RequireAll`] or the explicit, opt-in [`MissingPolicy::ProratedSum`].
///
/// Implement the four required methods to register an instrument you license (or use
/// [`InstrumentSpec::builder`], which validates the definition); the provided methods do
/// the scoring, so every instrument follows the same rules.
///
/// ```
/// use remit_wellbeing::{Aggregation, Instrument, InstrumentSpec, MissingPolicy, ScaleIndex};
///
/// // A licensed three-item pulse, items 1–7, item "p.3" reverse-scored, mean of at least 2.
/// let pulse = InstrumentSpec::builder("pulse", 1, 7)?
///     .item("p.1")?
///     .item("p.2")?
///     .reversed_item("p.3")?
///     .scale("pulse", &["p.1", "p.2", "p.3"], Aggregation::Mean, MissingPolicy::MinAnswered(2), 1.0, None)?
///     .build()?;
/// let scores = pulse.score(&[("p.1", 6), ("p.3", 2)])?;
/// assert_eq!(scores.value(ScaleIndex(0)), Some(6.0)); // (6 + (8 − 2)) / 2
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Instrument: fmt::Debug + Send + Sync {
    /// The instrument's name, used in error messages.
    fn name(&self) -> &str;
    /// The items, in positional order.
    fn items(&self) -> &[Item];
    /// The response codes every item accepts.
    fn response_range(&self) -> ResponseRange;
    /// The scales scored.
    fn scales(&self) -> &[Scale];

    /// The position of an item, by id.
    fn item_index(&self, id: &str) -> Option<usize> {
        self.items().iter().position(|i| i.id.as_str() == id)
    }

    /// The position of a scale, by id.
    fn scale_index(&self, id: &str) -> Option<ScaleIndex> {
        self.scales()
            .iter()
            .position(|s| s.id == id)
            .map(ScaleIndex)
    }

    /// Scores positional responses (`None` = unanswered), one per item in
    /// [`Instrument::items`] order. Allocates only the returned [`Scores`].
    ///
    /// # Errors
    ///
    /// [`ScoreError::WrongLength`] or [`ScoreError::OutOfRange`].
    fn score_codes(&self, codes: &[Option<u8>]) -> Result<Scores, ScoreError> {
        score_codes(self, codes)
    }

    /// Scores answers keyed by item id; items not mentioned are unanswered.
    ///
    /// # Errors
    ///
    /// [`ScoreError::UnknownItem`], [`ScoreError::DuplicateAnswer`] or
    /// [`ScoreError::OutOfRange`].
    fn score(&self, answers: &[(&str, u8)]) -> Result<Scores, ScoreError> {
        let mut codes = vec![None; self.items().len()];
        for &(id, value) in answers {
            let i = self.item_index(id).ok_or_else(|| ScoreError::UnknownItem {
                instrument: self.name().to_owned(),
                item: id.to_owned(),
            })?;
            if let Some(slot) = codes.get_mut(i) {
                if slot.is_some() {
                    return Err(ScoreError::DuplicateAnswer {
                        instrument: self.name().to_owned(),
                        item: id.to_owned(),
                    });
                }
                *slot = Some(value);
            }
        }
        score_codes(self, &codes)
    }
}

fn score_codes<I: Instrument + ?Sized>(
    instrument: &I,
    codes: &[Option<u8>],
) -> Result<Scores, ScoreError> {
    let items = instrument.items();
    if codes.len() != items.len() {
        return Err(ScoreError::WrongLength {
            instrument: instrument.name().to_owned(),
            expected: items.len(),
            got: codes.len(),
        });
    }
    let range = instrument.response_range();
    for (item, code) in items.iter().zip(codes) {
        if let Some(c) = *code
            && !range.contains(c)
        {
            return Err(ScoreError::OutOfRange {
                instrument: instrument.name().to_owned(),
                item: item.id.0.clone(),
                value: c,
                min: range.min,
                max: range.max,
            });
        }
    }
    let scales = instrument
        .scales()
        .iter()
        .map(|scale| score_scale(scale, items, range, codes))
        .collect();
    Ok(Scores { scales })
}

fn score_scale(
    scale: &Scale,
    items: &[Item],
    range: ResponseRange,
    codes: &[Option<u8>],
) -> ScaleScore {
    let mut sum = 0u32;
    let mut answered = 0u8;
    for &i in &scale.items {
        let (Some(item), Some(Some(code))) = (items.get(i), codes.get(i)) else {
            continue;
        };
        let code = if item.reversed {
            range.reverse(*code).unwrap_or(*code)
        } else {
            *code
        };
        sum += u32::from(code - range.min);
        answered = answered.saturating_add(1);
    }
    // Items are at most 255 (checked at construction).
    let n = u8::try_from(scale.items.len()).unwrap_or(u8::MAX);
    if n == 0 {
        return ScaleScore {
            value: None,
            answered,
            items: n,
            band: None,
        };
    }
    // Multiply before dividing so that e.g. CBI (75 + 50 + 75) / 3 is exact to the last bit.
    let total = (f64::from(sum) + f64::from(answered) * f64::from(range.min)) * scale.multiplier;
    let value = match (scale.aggregation, scale.missing) {
        (_, MissingPolicy::RequireAll) if answered < n => None,
        (Aggregation::Sum, MissingPolicy::RequireAll) => Some(total),
        (Aggregation::Sum, MissingPolicy::ProratedSum { min_answered }) => {
            (answered >= min_answered && answered > 0)
                .then(|| total * f64::from(n) / f64::from(answered))
        }
        (Aggregation::Mean, MissingPolicy::MinAnswered(min))
        | (Aggregation::Mean, MissingPolicy::ProratedSum { min_answered: min }) => {
            (answered >= min.max(1)).then(|| total / f64::from(answered))
        }
        (Aggregation::Mean, MissingPolicy::RequireAll) => Some(total / f64::from(n)),
        // Rejected at construction; scored as missing if a hand-written instrument uses it.
        (Aggregation::Sum, MissingPolicy::MinAnswered(_)) => None,
    };
    let band = value.and_then(|v| {
        scale
            .bands
            .as_ref()
            .map(|b| u8::try_from(b.index_of(v)).unwrap_or(u8::MAX))
    });
    ScaleScore {
        value,
        answered,
        items: n,
        band,
    }
}

/// Checks that a missing-item policy fits a scale of `n` items; the reason if not.
pub(crate) fn check_policy(
    aggregation: Aggregation,
    missing: MissingPolicy,
    n: usize,
) -> Result<(), String> {
    match (aggregation, missing) {
        (Aggregation::Sum, MissingPolicy::MinAnswered(_)) => Err(
            "a sum scale cannot score from a subset of items without prorating; \
             use RequireAll or the explicit ProratedSum policy"
                .into(),
        ),
        (_, MissingPolicy::MinAnswered(m) | MissingPolicy::ProratedSum { min_answered: m })
            if m == 0 || usize::from(m) > n =>
        {
            Err(format!(
                "minimum answered {m} must be between 1 and the item count {n}"
            ))
        }
        _ => Ok(()),
    }
}

impl Scale {
    /// A scale from a fixed, known-valid definition (the built-in instruments; their
    /// unit tests re-validate each one through the builder).
    pub(crate) fn trusted(
        id: &str,
        items: Vec<usize>,
        aggregation: Aggregation,
        missing: MissingPolicy,
        multiplier: f64,
        bands: Option<Bands>,
    ) -> Self {
        Self {
            id: id.to_owned(),
            items,
            aggregation,
            missing,
            multiplier,
            bands,
        }
    }
}

impl Bands {
    /// Bands from a fixed, known-valid definition.
    pub(crate) fn trusted(labels: &[&str], edges: Vec<Edge>) -> Self {
        Self {
            labels: labels.iter().map(|l| (*l).to_owned()).collect(),
            edges,
        }
    }
}

impl Item {
    /// An item from a fixed, known-valid id.
    pub(crate) fn trusted(id: String, reversed: bool) -> Self {
        Self {
            id: ItemId(id),
            reversed,
        }
    }
}

/// A validated, data-driven instrument definition; see [`InstrumentSpec::builder`].
///
/// Deserialisation rebuilds the definition through the builder
/// ([`InstrumentSpec::validate`]), so a document the builder would refuse is refused.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "InstrumentSpecFields"))]
pub struct InstrumentSpec {
    name: String,
    range: ResponseRange,
    items: Vec<Item>,
    scales: Vec<Scale>,
}

/// The fields of [`InstrumentSpec`] as serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct InstrumentSpecFields {
    name: String,
    range: ResponseRange,
    items: Vec<Item>,
    scales: Vec<ScaleFields>,
}

/// The fields of a [`Scale`] as serialised, checked with the instrument around it.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct ScaleFields {
    id: String,
    items: Vec<usize>,
    aggregation: Aggregation,
    missing: MissingPolicy,
    multiplier: f64,
    bands: Option<Bands>,
}

#[cfg(feature = "serde")]
impl TryFrom<InstrumentSpecFields> for InstrumentSpec {
    type Error = InstrumentError;

    fn try_from(f: InstrumentSpecFields) -> Result<Self, Self::Error> {
        let scales = f
            .scales
            .into_iter()
            .map(|s| {
                Scale::trusted(
                    &s.id,
                    s.items,
                    s.aggregation,
                    s.missing,
                    s.multiplier,
                    s.bands,
                )
            })
            .collect();
        let spec = InstrumentSpec::trusted(&f.name, f.range, f.items, scales);
        spec.validate()?;
        Ok(spec)
    }
}

impl InstrumentSpec {
    /// Starts an instrument whose items take codes `min..=max`.
    ///
    /// # Errors
    ///
    /// [`InstrumentError::EmptyName`] or [`InstrumentError::EmptyRange`].
    pub fn builder(name: &str, min: u8, max: u8) -> Result<InstrumentSpecBuilder, InstrumentError> {
        if name.trim().is_empty() {
            return Err(InstrumentError::EmptyName);
        }
        Ok(InstrumentSpecBuilder {
            spec: InstrumentSpec {
                name: name.to_owned(),
                range: ResponseRange::new(min, max)?,
                items: Vec::new(),
                scales: Vec::new(),
            },
        })
    }
}

impl InstrumentSpec {
    /// An instrument from a fixed, known-valid definition.
    pub(crate) fn trusted(
        name: &str,
        range: ResponseRange,
        items: Vec<Item>,
        scales: Vec<Scale>,
    ) -> Self {
        Self {
            name: name.to_owned(),
            range,
            items,
            scales,
        }
    }

    /// Re-checks the definition through the validating builder.
    ///
    /// # Errors
    ///
    /// Whatever [`InstrumentSpec::builder`] would reject.
    pub fn validate(&self) -> Result<(), InstrumentError> {
        let mut b = InstrumentSpec::builder(&self.name, self.range.min, self.range.max)?;
        for item in &self.items {
            b = if item.reversed {
                b.reversed_item(item.id.as_str())?
            } else {
                b.item(item.id.as_str())?
            };
        }
        for scale in &self.scales {
            let ids: Vec<&str> = scale
                .items
                .iter()
                .filter_map(|&i| self.items.get(i).map(|it| it.id.as_str()))
                .collect();
            let bands = match &scale.bands {
                None => None,
                Some(bands) => {
                    let mut labels = bands.labels.iter();
                    let lowest = labels.next().cloned().unwrap_or_default();
                    let above = bands.edges.iter().copied().zip(labels.cloned()).collect();
                    Some(Bands::new(lowest, above)?)
                }
            };
            b = b.scale(
                &scale.id,
                &ids,
                scale.aggregation,
                scale.missing,
                scale.multiplier,
                bands,
            )?;
        }
        let rebuilt = b.build()?;
        if rebuilt == *self {
            Ok(())
        } else {
            Err(InstrumentError::InvalidScale {
                instrument: self.name.clone(),
                scale: String::new(),
                reason: "definition does not survive validation unchanged".into(),
            })
        }
    }
}

impl Instrument for InstrumentSpec {
    fn name(&self) -> &str {
        &self.name
    }
    fn items(&self) -> &[Item] {
        &self.items
    }
    fn response_range(&self) -> ResponseRange {
        self.range
    }
    fn scales(&self) -> &[Scale] {
        &self.scales
    }
}

/// Builds an [`InstrumentSpec`], validating each step.
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct InstrumentSpecBuilder {
    spec: InstrumentSpec,
}

impl InstrumentSpecBuilder {
    fn push(mut self, item: Item) -> Result<Self, InstrumentError> {
        if self.spec.items.iter().any(|i| i.id == item.id) {
            return Err(InstrumentError::DuplicateItem {
                instrument: self.spec.name,
                item: item.id.0,
            });
        }
        self.spec.items.push(item);
        Ok(self)
    }

    /// Adds an item scored as answered.
    ///
    /// # Errors
    ///
    /// An invalid or repeated id.
    pub fn item(self, id: &str) -> Result<Self, InstrumentError> {
        let item = Item::new(ItemId::new(id)?);
        self.push(item)
    }

    /// Adds a reverse-scored item.
    ///
    /// # Errors
    ///
    /// An invalid or repeated id.
    pub fn reversed_item(self, id: &str) -> Result<Self, InstrumentError> {
        let item = Item::reversed(ItemId::new(id)?);
        self.push(item)
    }

    /// Adds a scale over already-added items.
    ///
    /// # Errors
    ///
    /// [`InstrumentError::UnknownScaleItem`] for an item not yet added, and
    /// [`InstrumentError::InvalidScale`] for an empty or repeated item list, a
    /// non-finite or non-positive multiplier, a `MinAnswered` policy on a `Sum` scale
    /// (silent proration), or a minimum of 0 or above the item count.
    pub fn scale(
        mut self,
        id: &str,
        items: &[&str],
        aggregation: Aggregation,
        missing: MissingPolicy,
        multiplier: f64,
        bands: Option<Bands>,
    ) -> Result<Self, InstrumentError> {
        let invalid = |reason: String| InstrumentError::InvalidScale {
            instrument: self.spec.name.clone(),
            scale: id.to_owned(),
            reason,
        };
        if id.trim().is_empty() {
            return Err(invalid("scale id must not be empty".into()));
        }
        if self.spec.scales.iter().any(|s| s.id == id) {
            return Err(invalid("scale id appears more than once".into()));
        }
        if items.is_empty() {
            return Err(invalid("a scale needs at least one item".into()));
        }
        if !(multiplier.is_finite() && multiplier > 0.0) {
            return Err(invalid(format!(
                "multiplier {multiplier} must be finite and positive"
            )));
        }
        let mut positions = Vec::with_capacity(items.len());
        for &item in items {
            let pos = self
                .spec
                .items
                .iter()
                .position(|i| i.id.as_str() == item)
                .ok_or_else(|| InstrumentError::UnknownScaleItem {
                    instrument: self.spec.name.clone(),
                    scale: id.to_owned(),
                    item: item.to_owned(),
                })?;
            if positions.contains(&pos) {
                return Err(invalid(format!("item {item} is listed twice")));
            }
            positions.push(pos);
        }
        check_policy(aggregation, missing, positions.len()).map_err(invalid)?;
        self.spec.scales.push(Scale {
            id: id.to_owned(),
            items: positions,
            aggregation,
            missing,
            multiplier,
            bands,
        });
        Ok(self)
    }

    /// Finishes the instrument.
    ///
    /// # Errors
    ///
    /// [`InstrumentError::ItemCount`] unless there are 1–255 items, and
    /// [`InstrumentError::InvalidScale`] if there is no scale.
    pub fn build(self) -> Result<InstrumentSpec, InstrumentError> {
        let count = self.spec.items.len();
        if count == 0 || count > 255 {
            return Err(InstrumentError::ItemCount {
                instrument: self.spec.name,
                count,
            });
        }
        if self.spec.scales.is_empty() {
            return Err(InstrumentError::InvalidScale {
                instrument: self.spec.name,
                scale: String::new(),
                reason: "an instrument needs at least one scale".into(),
            });
        }
        Ok(self.spec)
    }
}
