//! The settings of the disclosure engine: the minimum group size, who reads the
//! figures, and optional calibrated noise.

use std::fmt;

use super::DisclosureError;

/// The smallest number of people a published figure may describe.
///
/// Invariant: at least 1 (use 5 or more in practice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u32", into = "u32"))]
pub struct MinGroupSize(u32);

impl MinGroupSize {
    /// The default minimum, 5: the reporting threshold of Glint, Qualtrics and Culture
    /// Amp.
    pub const DEFAULT: MinGroupSize = MinGroupSize(5);
    /// The stricter minimum for manager-facing figures, 10, as Microsoft Viva Insights
    /// uses.
    pub const MANAGER_FACING: MinGroupSize = MinGroupSize(10);

    /// A minimum group size of `min` people.
    ///
    /// # Errors
    ///
    /// [`DisclosureError::ZeroMinimum`] for 0.
    pub const fn new(min: u32) -> Result<Self, DisclosureError> {
        if min == 0 {
            Err(DisclosureError::ZeroMinimum)
        } else {
            Ok(Self(min))
        }
    }

    /// The minimum, in people.
    pub const fn get(self) -> u32 {
        self.0
    }
}

impl Default for MinGroupSize {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<u32> for MinGroupSize {
    type Error = DisclosureError;

    fn try_from(value: u32) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<MinGroupSize> for u32 {
    fn from(min: MinGroupSize) -> Self {
        min.0
    }
}

impl fmt::Display for MinGroupSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Who a figure is for. Manager-facing figures (a manager's own team) use the stricter
/// [`DisclosurePolicy::manager_facing_min`] for the group itself; the atom rule still
/// uses the general minimum, since one reader may read every figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Audience {
    /// Organisation-level reporting (the default).
    #[default]
    General,
    /// A figure about one manager's team, shown to that manager.
    ManagerFacing,
}

/// Calibrated Laplace noise for figures the exact rule would refuse, under a privacy
/// budget.
///
/// - Each noisy figure costs `epsilon` from the `budget`; once the budget is spent,
///   further noisy figures are withheld ([`Suppression::BudgetExhausted`]). The same
///   statistic of the same group asked again returns the same figure and costs nothing
///   (so averaging repeated answers gains nothing).
/// - The noise is derived from a keyed hash (SipHash-2-4 with the `secret`) of the
///   population, the statistic and the *membership* of the group, never from a
///   caller-chosen per-call key: different groups get independent noise, so noise in a
///   combination of answers does not cancel.
/// - Accounting is basic sequential composition, worst case over people: a person in
///   every noisy figure is protected at `ε_total = spent ≤ budget`.
///
/// The secret is part of the saved engine state; whoever can read the saved state can
/// remove the noise, so keep it as you keep the data.
///
/// [`Suppression::BudgetExhausted`]: super::Suppression::BudgetExhausted
#[derive(Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawNoisePolicy", into = "RawNoisePolicy")
)]
pub struct NoisePolicy {
    epsilon: f64,
    budget: f64,
    secret: u128,
}

impl fmt::Debug for NoisePolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NoisePolicy")
            .field("epsilon", &self.epsilon)
            .field("budget", &self.budget)
            .field("secret", &"<secret>")
            .finish()
    }
}

impl NoisePolicy {
    /// Noise with `epsilon` per figure (smaller is noisier; 0.1–1 is usual), a total
    /// `budget` (at least `epsilon`) and a 128-bit `secret` the caller keeps (from its
    /// own key store; never a constant in code).
    ///
    /// # Errors
    ///
    /// [`DisclosureError::InvalidNoise`] unless `epsilon` and `budget` are positive and
    /// finite and `budget ≥ epsilon`.
    pub fn new(epsilon: f64, budget: f64, secret: u128) -> Result<Self, DisclosureError> {
        if !(epsilon.is_finite() && epsilon > 0.0) {
            return Err(DisclosureError::InvalidNoise {
                field: "epsilon",
                value: epsilon,
            });
        }
        if !(budget.is_finite() && budget >= epsilon) {
            return Err(DisclosureError::InvalidNoise {
                field: "budget",
                value: budget,
            });
        }
        Ok(Self {
            epsilon,
            budget,
            secret,
        })
    }

    /// The privacy parameter spent by each noisy figure.
    pub fn epsilon(&self) -> f64 {
        self.epsilon
    }

    /// The total privacy parameter all noisy figures together may spend.
    pub fn budget(&self) -> f64 {
        self.budget
    }

    pub(crate) fn secret(&self) -> u128 {
        self.secret
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct RawNoisePolicy {
    epsilon: f64,
    budget: f64,
    secret: String,
}

#[cfg(feature = "serde")]
impl TryFrom<RawNoisePolicy> for NoisePolicy {
    type Error = DisclosureError;

    fn try_from(raw: RawNoisePolicy) -> Result<Self, Self::Error> {
        let secret =
            u128::from_str_radix(&raw.secret, 16).map_err(|_| DisclosureError::InvalidState {
                reason: "noise secret is not 32 hexadecimal digits".to_owned(),
            })?;
        Self::new(raw.epsilon, raw.budget, secret)
    }
}

#[cfg(feature = "serde")]
impl From<NoisePolicy> for RawNoisePolicy {
    fn from(policy: NoisePolicy) -> Self {
        Self {
            epsilon: policy.epsilon,
            budget: policy.budget,
            secret: format!("{:032x}", policy.secret),
        }
    }
}

/// Which rule decides a release. [`Rule::Atoms`] is the only one that keeps the
/// guarantee; the other exists so tests can show what the atom rule prevents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Rule {
    /// The exact rule (see the [module documentation](super)): the rank test for small
    /// populations, the atom rule for large ones.
    #[default]
    Atoms,
    /// Only the minimum group size, per figure, as remit did before the engine: leaks
    /// under differencing. For tests that demonstrate the attacks; never use it to
    /// publish.
    #[doc(hidden)]
    MinimumOnlyLeaky,
}

/// How the engine decides: minimum group sizes, optional noise, and whether to keep a
/// log of released groups.
///
/// ```
/// use remit_core::disclosure::{DisclosurePolicy, MinGroupSize};
///
/// let policy = DisclosurePolicy::default().with_min_group(MinGroupSize::new(10)?);
/// assert_eq!(policy.min_group().get(), 10);
/// // The manager-facing minimum is never below the general one.
/// assert_eq!(policy.manager_facing_min().get(), 10);
/// # Ok::<(), remit_core::disclosure::DisclosureError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DisclosurePolicy {
    min_group: MinGroupSize,
    manager_facing_min: MinGroupSize,
    noise: Option<NoisePolicy>,
    rule: Rule,
    keep_log: bool,
    #[cfg_attr(feature = "serde", serde(default = "default_rank_test_limit"))]
    rank_test_limit: u32,
}

/// Populations of at most this many people are decided by the rank test by default.
pub const DEFAULT_RANK_TEST_LIMIT: u32 = 2_000;

#[cfg(feature = "serde")]
fn default_rank_test_limit() -> u32 {
    DEFAULT_RANK_TEST_LIMIT
}

impl Default for DisclosurePolicy {
    /// Minimum 5, manager-facing minimum 10, no noise, the exact rule (the rank test for
    /// populations of up to [`DEFAULT_RANK_TEST_LIMIT`] people, the atom rule above),
    /// no log.
    fn default() -> Self {
        Self {
            min_group: MinGroupSize::DEFAULT,
            manager_facing_min: MinGroupSize::MANAGER_FACING,
            noise: None,
            rule: Rule::Atoms,
            keep_log: false,
            rank_test_limit: DEFAULT_RANK_TEST_LIMIT,
        }
    }
}

impl DisclosurePolicy {
    /// The general minimum group size `k`: no published figure, and no combination of
    /// published figures, describes fewer than `k` people.
    #[must_use]
    pub fn with_min_group(mut self, min: MinGroupSize) -> Self {
        self.min_group = min;
        self
    }

    /// The minimum size of a manager-facing group (default 10). Values below the general
    /// minimum act as the general minimum.
    #[must_use]
    pub fn with_manager_facing_min(mut self, min: MinGroupSize) -> Self {
        self.manager_facing_min = min;
        self
    }

    /// Answers figures the exact rule refuses with calibrated noise, under a budget.
    #[must_use]
    pub fn with_noise(mut self, noise: NoisePolicy) -> Self {
        self.noise = Some(noise);
        self
    }

    /// Keeps the membership of every released group, readable through
    /// [`Disclosure::released_groups`](super::Disclosure::released_groups) (for audits
    /// of the engine itself; costs memory proportional to everything released).
    #[must_use]
    pub fn with_release_log(mut self) -> Self {
        self.keep_log = true;
        self
    }

    /// Populations of at most `people` people (when first registered) are decided by the
    /// rank test, larger ones by the atom rule (default [`DEFAULT_RANK_TEST_LIMIT`]; 0
    /// uses the atom rule everywhere). Both give the same guarantee; the rank test
    /// publishes more but costs exact linear algebra on every release, quadratic in the
    /// number of atoms. See the [module documentation](super).
    #[must_use]
    pub fn with_rank_test_limit(mut self, people: u32) -> Self {
        self.rank_test_limit = people;
        self
    }

    /// The largest population the rank test decides.
    pub fn rank_test_limit(&self) -> u32 {
        self.rank_test_limit
    }

    /// Chooses the decision rule; see [`Rule`].
    #[doc(hidden)]
    #[must_use]
    pub fn with_rule(mut self, rule: Rule) -> Self {
        self.rule = rule;
        self
    }

    /// The general minimum group size.
    pub fn min_group(&self) -> MinGroupSize {
        self.min_group
    }

    /// The minimum size of a manager-facing group (never below the general minimum).
    pub fn manager_facing_min(&self) -> MinGroupSize {
        self.manager_facing_min.max(self.min_group)
    }

    /// The minimum a group for `audience` must reach.
    pub fn min_for(&self, audience: Audience) -> MinGroupSize {
        match audience {
            Audience::General => self.min_group,
            Audience::ManagerFacing => self.manager_facing_min(),
        }
    }

    /// The noise settings, if noise is on.
    pub fn noise(&self) -> Option<&NoisePolicy> {
        self.noise.as_ref()
    }

    /// The rule that decides whether a figure is released ([`Rule::Atoms`] unless a test
    /// chose otherwise).
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// Whether released groups are logged.
    pub fn keeps_log(&self) -> bool {
        self.keep_log
    }
}
