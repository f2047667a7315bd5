//! Async-suitability scoring: a [`Rubric`] turns a tool into per-criterion
//! [`Contribution`]s, and [`score`] turns those into a 0–100 [`AsyncScore`].
//!
//! The [`DefaultRubric`] maps GitLab's handbook principles for asynchronous work and the
//! five media capabilities of Media Synchronicity Theory (Dennis, Fuller & Valacich,
//! 2008: transmission velocity, parallelism, symbol sets, rehearsability,
//! reprocessability) onto the documented [`Capability`] list:
//!
//! | criterion | points | direction | GitLab principle | MST capability |
//! |---|---|---|---|---|
//! | `searchable-record` | 15 | has persistent searchable history → up | "documented in a way that it can be found later" | reprocessability |
//! | `version-history` | 8 | has version history → up | one source of truth; "point to a diff" | reprocessability |
//! | `comments-suggestions` | 8 | has comments and suggestions → up | deliberate, low-context written feedback | rehearsability |
//! | `scheduled-send` | 4 | has scheduled send → up | respect time zones: deliver in the reader's hours | rehearsability |
//! | `threads` | 8 | has threads → up | structured communication, one topic per thread | parallelism |
//! | `async-video` | 8 | has async video/recording → up | "leverage a richer communication medium" (Loom, Yac); record meetings | symbol sets |
//! | `transcripts` | 5 | has transcripts → up | inclusive, searchable text of spoken content | symbol sets, reprocessability |
//! | `attention-control` | 6 | has notification/DND controls → up | no expectation of an instant reply | transmission velocity |
//! | `status` | 3 | has status → up | make working hours visible | transmission velocity |
//! | `offline` | 3 | works offline → up | work whenever and wherever | transmission velocity |
//! | `integrations` | 4 | has API/integrations → up | "if it's not in an issue, it doesn't exist": link to one system of record | reprocessability |
//! | `synchronous-core` | 28 | each step towards synchronous core use → down (28, 21, 14, 7, 0) | "async by default"; sync only for the 3 Ds | transmission velocity |
//!
//! The points sum to 100, so the default score is the sum of contributions. Security
//! controls (SSO, SCIM, MFA, audit log) are not part of the async score; they are the
//! security posture of the tools audit ([`SecurityGap`](crate::SecurityGap)).
//!
//! A caller replaces the default by implementing [`Rubric`]:
//!
//! ```
//! use remit_collab_tools::inventory::{Capability, Category, Tool};
//! use remit_collab_tools::rubric::{score, Contribution, DefaultRubric, Rubric};
//! use remit_core::ToolId;
//!
//! /// Only written records matter here.
//! struct WrittenOnly;
//! impl Rubric for WrittenOnly {
//!     fn assess(&self, tool: &Tool) -> Vec<Contribution> {
//!         let has = tool.enabled().contains(Capability::PersistentSearchableHistory);
//!         vec![Contribution::new("written", "handbook-first", if has { 1.0 } else { 0.0 }, 1.0)
//!             .expect("valid contribution")]
//!     }
//! }
//!
//! let wiki = Tool::builder(ToolId::from_external("wiki"), "Wiki", Category::Wiki)
//!     .enable([Capability::PersistentSearchableHistory])
//!     .build()?;
//! assert_eq!(score(&WrittenOnly, &wiki).score(), 100);
//! assert!(score(&DefaultRubric::new(), &wiki).score() < 100);
//! # Ok::<(), remit_collab_tools::Error>(())
//! ```

use remit_core::ToolId;

use crate::error::Error;
use crate::inventory::{Capability, SyncLevel, Tool};

/// One criterion's part of a tool's score.
///
/// Invariant: `0 <= points <= max_points`, `max_points > 0`, both finite.
/// Deserialisation validates through [`Contribution::new`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ContributionRepr", into = "ContributionRepr")
)]
pub struct Contribution {
    criterion: String,
    source: String,
    points: f64,
    max_points: f64,
}

/// The serialised form of a [`Contribution`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct ContributionRepr {
    criterion: String,
    source: String,
    points: f64,
    max_points: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<ContributionRepr> for Contribution {
    type Error = Error;
    fn try_from(r: ContributionRepr) -> Result<Self, Error> {
        Self::new(r.criterion, r.source, r.points, r.max_points)
    }
}

#[cfg(feature = "serde")]
impl From<Contribution> for ContributionRepr {
    fn from(c: Contribution) -> Self {
        Self {
            criterion: c.criterion,
            source: c.source,
            points: c.points,
            max_points: c.max_points,
        }
    }
}

impl Contribution {
    /// A contribution of `points` out of `max_points` for `criterion`, citing `source`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] unless both are finite, `max_points > 0` and
    /// `0 <= points <= max_points`.
    pub fn new(
        criterion: impl Into<String>,
        source: impl Into<String>,
        points: f64,
        max_points: f64,
    ) -> Result<Self, Error> {
        let criterion = criterion.into();
        if !(max_points.is_finite() && max_points > 0.0) {
            return Err(Error::InvalidConfig {
                record: "rubric contribution",
                field: "max_points",
                reason: format!("must be finite and positive, got {max_points} ({criterion})"),
            });
        }
        if !(points.is_finite() && (0.0..=max_points).contains(&points)) {
            return Err(Error::InvalidConfig {
                record: "rubric contribution",
                field: "points",
                reason: format!("must be in [0, {max_points}], got {points} ({criterion})"),
            });
        }
        Ok(Self {
            criterion,
            source: source.into(),
            points,
            max_points,
        })
    }

    /// The key of the rubric criterion this contribution is for (e.g.
    /// `"synchronous-core"`).
    pub fn criterion(&self) -> &str {
        &self.criterion
    }

    /// The principle or source the criterion comes from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Points earned on the criterion, `0 <= points <= max_points`.
    pub fn points(&self) -> f64 {
        self.points
    }

    /// Points the criterion can earn, more than 0.
    pub fn max_points(&self) -> f64 {
        self.max_points
    }
}

/// Scores tools for asynchronous work. Implement it to replace the [`DefaultRubric`].
pub trait Rubric {
    /// Each criterion's contribution for `tool`. The score is `100 × Σ points / Σ max`.
    fn assess(&self, tool: &Tool) -> Vec<Contribution>;
}

impl<R: Rubric + ?Sized> Rubric for &R {
    fn assess(&self, tool: &Tool) -> Vec<Contribution> {
        (**self).assess(tool)
    }
}

impl<R: Rubric + ?Sized> Rubric for Box<R> {
    fn assess(&self, tool: &Tool) -> Vec<Contribution> {
        (**self).assess(tool)
    }
}

/// A tool's async-suitability score with each criterion's contribution.
///
/// Invariant: `score <= 100`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AsyncScore {
    tool: ToolId,
    score: u8,
    contributions: Vec<Contribution>,
}

impl AsyncScore {
    /// The tool this score is for, as identified in the inventory.
    pub fn tool(&self) -> ToolId {
        self.tool
    }

    /// 0 (unsuited to async work) to 100.
    pub fn score(&self) -> u8 {
        self.score
    }

    /// The criteria, as the rubric returned them.
    pub fn contributions(&self) -> &[Contribution] {
        &self.contributions
    }

    /// The criteria that earned less than their maximum, largest shortfall first.
    pub fn shortfalls(&self) -> Vec<&Contribution> {
        let mut v: Vec<&Contribution> = self
            .contributions
            .iter()
            .filter(|c| c.points < c.max_points)
            .collect();
        v.sort_by(|a, b| {
            (b.max_points - b.points)
                .total_cmp(&(a.max_points - a.points))
                .then_with(|| a.criterion.cmp(&b.criterion))
        });
        v
    }
}

/// Scores `tool` with `rubric`: `round(100 × Σ points / Σ max_points)` (halves away
/// from zero), 0 when the rubric returns nothing.
///
/// The percentage is computed as `(100 × earned) / possible`, one rounding of the
/// quotient, rather than `earned / possible × 100`, whose two roundings turn 14.5 of 100
/// points into 14.499999999999998 and the score into 14.
pub fn score<R: Rubric + ?Sized>(rubric: &R, tool: &Tool) -> AsyncScore {
    let contributions = rubric.assess(tool);
    let earned: f64 = contributions.iter().map(|c| c.points).sum();
    let possible: f64 = contributions.iter().map(|c| c.max_points).sum();
    let percent = if possible > 0.0 && possible.is_finite() && earned.is_finite() {
        let scaled = 100.0 * earned;
        // Points near f64::MAX overflow when scaled first: divide first instead.
        let percent = if scaled.is_finite() {
            scaled / possible
        } else {
            earned / possible * 100.0
        };
        percent.clamp(0.0, 100.0)
    } else {
        0.0
    };
    AsyncScore {
        tool: tool.id(),
        score: percent.round() as u8,
        contributions,
    }
}

/// What a default criterion looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum CriterionKind {
    /// Full points when the capability is enabled, none otherwise.
    Capability(Capability),
    /// Full points for asynchronous core use, falling in equal steps to none for
    /// synchronous core use.
    Synchronicity,
}

/// One criterion of the [`DefaultRubric`].
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Criterion {
    key: &'static str,
    kind: CriterionKind,
    points: f64,
    source: &'static str,
}

impl Criterion {
    /// The stable key, such as `searchable-record`.
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// What it looks at.
    pub fn kind(&self) -> CriterionKind {
        self.kind
    }

    /// The points the criterion is worth (the default criteria sum to 100).
    pub fn points(&self) -> f64 {
        self.points
    }

    /// The GitLab principle and MST capability it comes from.
    pub fn source(&self) -> &'static str {
        self.source
    }
}

const fn cap(key: &'static str, c: Capability, points: f64, source: &'static str) -> Criterion {
    Criterion {
        key,
        kind: CriterionKind::Capability(c),
        points,
        source,
    }
}

/// The criteria of the default rubric; see the [module documentation](self).
pub const DEFAULT_CRITERIA: [Criterion; 12] = [
    cap(
        "searchable-record",
        Capability::PersistentSearchableHistory,
        15.0,
        "GitLab: documented so it can be found later; MST reprocessability",
    ),
    cap(
        "version-history",
        Capability::VersionHistory,
        8.0,
        "GitLab: single source of truth, point to a diff; MST reprocessability",
    ),
    cap(
        "comments-suggestions",
        Capability::CommentsAndSuggestions,
        8.0,
        "GitLab: deliberate, low-context written feedback; MST rehearsability",
    ),
    cap(
        "scheduled-send",
        Capability::ScheduledSend,
        4.0,
        "GitLab: minimise time-zone bias; MST rehearsability",
    ),
    cap(
        "threads",
        Capability::Threads,
        8.0,
        "GitLab: structured communication; MST parallelism",
    ),
    cap(
        "async-video",
        Capability::AsyncVideo,
        8.0,
        "GitLab: richer async medium (Loom, Yac), record meetings; MST symbol sets",
    ),
    cap(
        "transcripts",
        Capability::Transcripts,
        5.0,
        "GitLab: inclusive, searchable text; MST symbol sets and reprocessability",
    ),
    cap(
        "attention-control",
        Capability::NotificationControls,
        6.0,
        "GitLab: no expectation of instant replies; MST transmission velocity",
    ),
    cap(
        "status",
        Capability::Status,
        3.0,
        "GitLab: visible working hours; MST transmission velocity",
    ),
    cap(
        "offline",
        Capability::Offline,
        3.0,
        "GitLab: work whenever and wherever; MST transmission velocity",
    ),
    cap(
        "integrations",
        Capability::ApiIntegrations,
        4.0,
        "GitLab: one system of record; MST reprocessability",
    ),
    Criterion {
        key: "synchronous-core",
        kind: CriterionKind::Synchronicity,
        points: 28.0,
        source: "GitLab and Dropbox: async by default, sync for the 3 Ds; MST transmission velocity",
    },
];

/// The documented default rubric; see the [module documentation](self).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct DefaultRubric;

impl DefaultRubric {
    /// The default rubric: the documented criteria and weights in
    /// [`DefaultRubric::criteria`], scoring out of 100.
    pub const fn new() -> Self {
        Self
    }

    /// The rubric's criteria, each with its maximum points and the source it comes from, in
    /// scoring order.
    pub fn criteria(&self) -> &'static [Criterion] {
        &DEFAULT_CRITERIA
    }
}

impl Rubric for DefaultRubric {
    fn assess(&self, tool: &Tool) -> Vec<Contribution> {
        DEFAULT_CRITERIA
            .iter()
            .map(|c| {
                let earned = match c.kind {
                    CriterionKind::Capability(cap) => {
                        if tool.enabled().contains(cap) {
                            c.points
                        } else {
                            0.0
                        }
                    }
                    CriterionKind::Synchronicity => {
                        let steps = f64::from(SyncLevel::Synchronous.rank());
                        c.points * (steps - f64::from(tool.sync_level().rank())) / steps
                    }
                };
                Contribution {
                    criterion: c.key.to_owned(),
                    source: c.source.to_owned(),
                    points: earned,
                    max_points: c.points,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::Category;

    fn tool(level: SyncLevel, caps: &[Capability]) -> Tool {
        Tool::builder(ToolId::from_external("t"), "T", Category::Chat)
            .sync_level(level)
            .enable(caps.iter().copied())
            .build()
            .unwrap()
    }

    #[test]
    fn default_points_sum_to_100() {
        let total: f64 = DEFAULT_CRITERIA.iter().map(|c| c.points).sum();
        assert!((total - 100.0).abs() < 1e-9);
        let all = tool(SyncLevel::Asynchronous, &Capability::ALL);
        assert_eq!(score(&DefaultRubric, &all).score(), 100);
        assert_eq!(
            score(&DefaultRubric, &tool(SyncLevel::Synchronous, &[])).score(),
            0
        );
    }

    #[test]
    fn every_capability_criterion_raises_the_score() {
        for c in DEFAULT_CRITERIA {
            if let CriterionKind::Capability(cap) = c.kind {
                for level in SyncLevel::ALL {
                    let without = score(&DefaultRubric, &tool(level, &[])).score();
                    let with = score(&DefaultRubric, &tool(level, &[cap])).score();
                    assert!(with > without, "{} at {level:?}", c.key);
                    assert_eq!(f64::from(with - without), c.points.round(), "{}", c.key);
                }
            }
        }
    }

    #[test]
    fn more_synchronous_core_use_lowers_the_score() {
        let caps = [Capability::Threads, Capability::Sso];
        let scores: Vec<u8> = SyncLevel::ALL
            .iter()
            .map(|&l| score(&DefaultRubric, &tool(l, &caps)).score())
            .collect();
        assert!(scores.windows(2).all(|w| w[0] > w[1]), "{scores:?}");
    }

    #[test]
    fn security_controls_do_not_change_the_async_score() {
        let base = score(&DefaultRubric, &tool(SyncLevel::Mixed, &[])).score();
        let secured = score(
            &DefaultRubric,
            &tool(SyncLevel::Mixed, &Capability::SECURITY_CONTROLS),
        );
        assert_eq!(secured.score(), base);
    }

    #[test]
    fn shortfalls_list_the_biggest_gap_first() {
        let s = score(
            &DefaultRubric,
            &tool(SyncLevel::Synchronous, &[Capability::Threads]),
        );
        let gaps = s.shortfalls();
        assert_eq!(gaps[0].criterion(), "synchronous-core");
        assert_eq!(gaps[1].criterion(), "searchable-record");
        assert!(gaps.iter().all(|c| c.criterion() != "threads"));
    }

    #[test]
    fn contributions_validate() {
        let refused = |points: f64, max: f64| match Contribution::new("x", "y", points, max) {
            Err(Error::InvalidConfig {
                record: "rubric contribution",
                field,
                reason,
            }) => (field, reason),
            other => panic!("{points}/{max}: {other:?}"),
        };
        assert_eq!(
            refused(1.0, 0.0),
            (
                "max_points",
                "must be finite and positive, got 0 (x)".to_owned()
            )
        );
        assert_eq!(
            refused(1.0, f64::INFINITY),
            (
                "max_points",
                "must be finite and positive, got inf (x)".to_owned()
            )
        );
        assert_eq!(
            refused(2.0, 1.0),
            ("points", "must be in [0, 1], got 2 (x)".to_owned())
        );
        assert_eq!(
            refused(f64::NAN, 1.0),
            ("points", "must be in [0, 1], got NaN (x)".to_owned())
        );
        assert_eq!(
            refused(-0.5, 1.0),
            ("points", "must be in [0, 1], got -0.5 (x)".to_owned())
        );
        let ok = Contribution::new("x", "y", 0.5, 1.0).unwrap();
        assert_eq!((ok.points(), ok.max_points()), (0.5, 1.0));
    }

    /// 14.5 of 100 points is 14.5%, which rounds to 15; dividing first and scaling
    /// after (`14.5 / 100 * 100` is 14.499999999999998 in floating point) gave 14.
    #[test]
    fn the_score_rounds_the_exact_percentage() {
        struct Half;
        impl Rubric for Half {
            fn assess(&self, _: &Tool) -> Vec<Contribution> {
                vec![Contribution::new("half", "test", 14.5, 100.0).unwrap()]
            }
        }
        assert_eq!(
            score(&Half, &tool(SyncLevel::Asynchronous, &[])).score(),
            15
        );
        struct Huge;
        impl Rubric for Huge {
            fn assess(&self, _: &Tool) -> Vec<Contribution> {
                vec![Contribution::new("huge", "test", f64::MAX / 2.0, f64::MAX).unwrap()]
            }
        }
        assert_eq!(
            score(&Huge, &tool(SyncLevel::Asynchronous, &[])).score(),
            50
        );
    }

    #[test]
    fn an_empty_rubric_scores_zero() {
        struct Empty;
        impl Rubric for Empty {
            fn assess(&self, _: &Tool) -> Vec<Contribution> {
                Vec::new()
            }
        }
        assert_eq!(
            score(&Empty, &tool(SyncLevel::Asynchronous, &[])).score(),
            0
        );
    }
}
