//! [`Disclosed`]: a value that was either released by the engine or withheld with a
//! public reason.

use std::fmt;

/// Why a value was withheld.
///
/// Every reason depends only on public information (who is in which released group,
/// how many statistics were released), never on the withheld values themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Suppression {
    /// The group has fewer people than the minimum group size.
    BelowMinimum,
    /// The group is large enough, but together with what was already published it
    /// would let a reader compute a figure about fewer than the minimum number of
    /// people (by adding and subtracting published figures).
    Complementary,
    /// The figure could only have been published with calibrated noise, and the
    /// privacy budget for noisy figures is spent.
    BudgetExhausted,
}

impl fmt::Display for Suppression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Suppression::BelowMinimum => "suppressed (group too small)",
            Suppression::Complementary => "suppressed (protects a small group)",
            Suppression::BudgetExhausted => "suppressed (privacy budget spent)",
        })
    }
}

/// A value that is either published or withheld with the reason.
///
/// Reports of every remit domain hold their numbers about people as `Disclosed`
/// values decided by the [`Disclosure`](crate::disclosure::Disclosure) engine; there is
/// no other way for such a number to leave a crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Disclosed<T> {
    /// The engine released the value: safe to show to the policy's audience.
    Published(T),
    /// Withheld, with the public reason.
    Suppressed(Suppression),
}

impl<T> Disclosed<T> {
    /// The value, if published.
    pub fn published(self) -> Option<T> {
        match self {
            Disclosed::Published(v) => Some(v),
            Disclosed::Suppressed(_) => None,
        }
    }

    /// A reference to the value, if published.
    pub fn as_published(&self) -> Option<&T> {
        match self {
            Disclosed::Published(v) => Some(v),
            Disclosed::Suppressed(_) => None,
        }
    }

    /// Whether the value is withheld.
    pub fn is_suppressed(&self) -> bool {
        matches!(self, Disclosed::Suppressed(_))
    }

    /// Transforms a published value; a suppression stays a suppression.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Disclosed<U> {
        match self {
            Disclosed::Published(v) => Disclosed::Published(f(v)),
            Disclosed::Suppressed(s) => Disclosed::Suppressed(s),
        }
    }
}

impl<T: fmt::Display> fmt::Display for Disclosed<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Disclosed::Published(v) => v.fmt(f),
            Disclosed::Suppressed(_) => f.write_str("<suppressed>"),
        }
    }
}
