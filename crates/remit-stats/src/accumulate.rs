//! Mergeable counts for binary outcomes by group.

use crate::contingency::Table2x2;
use crate::error::{Result, StatsError};

/// Successes and trials of a binary outcome. Merge shards by adding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BinaryCounts {
    /// Observations with the outcome.
    pub successes: u64,
    /// All observations, with or without the outcome (≥ `successes` when built by
    /// [`BinaryCounts::push`]).
    pub trials: u64,
}

impl BinaryCounts {
    /// Records one observation (saturating).
    pub fn push(&mut self, outcome: bool) {
        self.successes = self.successes.saturating_add(u64::from(outcome));
        self.trials = self.trials.saturating_add(1);
    }

    /// Adds another shard's counts (saturating).
    pub fn merge(&mut self, other: &Self) {
        self.successes = self.successes.saturating_add(other.successes);
        self.trials = self.trials.saturating_add(other.trials);
    }

    /// The proportion `successes / trials` (`None` with no trials).
    pub fn rate(&self) -> Option<f64> {
        (self.trials > 0).then(|| self.successes as f64 / self.trials as f64)
    }
}

/// [`BinaryCounts`] for `k` groups (and optionally strata), e.g. promotions by
/// work mode within job level. Built on shards and merged, it yields the 2×2
/// tables the tests take.
///
/// ```
/// use remit_stats::{GroupedCounts, StratifiedTables};
/// // 2 groups (remote, onsite) x 3 levels
/// let mut shard_a = GroupedCounts::new(2, 3);
/// let mut shard_b = GroupedCounts::new(2, 3);
/// shard_a.push(0, 1, true)?;
/// shard_b.push(1, 1, false)?;
/// shard_a.merge(&shard_b)?;
/// let tables = shard_a.tables_2x2(0, 1)?; // one table per level
/// assert_eq!(tables[1].a + tables[1].d, 2);
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawGroupedCounts"))]
pub struct GroupedCounts {
    groups: usize,
    strata: usize,
    cells: Vec<BinaryCounts>,
}

/// The serialised fields of [`GroupedCounts`]; on the way in there must be one cell per
/// group and stratum, as [`GroupedCounts::new`] makes them.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawGroupedCounts {
    groups: usize,
    strata: usize,
    cells: Vec<BinaryCounts>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawGroupedCounts> for GroupedCounts {
    type Error = StatsError;

    fn try_from(raw: RawGroupedCounts) -> Result<Self> {
        let expected = raw.groups.saturating_mul(raw.strata);
        if raw.cells.len() != expected {
            return Err(StatsError::LengthMismatch {
                name: "cells",
                expected,
                got: raw.cells.len(),
            });
        }
        Ok(Self {
            groups: raw.groups,
            strata: raw.strata,
            cells: raw.cells,
        })
    }
}

impl GroupedCounts {
    /// Zero counts for `groups` groups in `strata` strata (use 1 for none).
    pub fn new(groups: usize, strata: usize) -> Self {
        Self {
            groups,
            strata,
            cells: vec![BinaryCounts::default(); groups.saturating_mul(strata)],
        }
    }

    /// Number of groups, the first index of [`GroupedCounts::push`].
    pub fn groups(&self) -> usize {
        self.groups
    }

    /// Number of strata, the second index of [`GroupedCounts::push`] (1 when unstratified).
    pub fn strata(&self) -> usize {
        self.strata
    }

    fn index(&self, group: usize, stratum: usize) -> Result<usize> {
        if group >= self.groups {
            return Err(StatsError::OutOfRange {
                name: "group",
                value: group as f64,
                range: "0..groups",
            });
        }
        if stratum >= self.strata {
            return Err(StatsError::OutOfRange {
                name: "stratum",
                value: stratum as f64,
                range: "0..strata",
            });
        }
        Ok(stratum * self.groups + group)
    }

    /// Records one observation.
    ///
    /// # Errors
    /// [`StatsError::OutOfRange`] for an unknown group or stratum.
    pub fn push(&mut self, group: usize, stratum: usize, outcome: bool) -> Result<()> {
        let i = self.index(group, stratum)?;
        if let Some(c) = self.cells.get_mut(i) {
            c.push(outcome);
        }
        Ok(())
    }

    /// The counts of one cell.
    ///
    /// # Errors
    /// [`StatsError::OutOfRange`] for an unknown group or stratum.
    pub fn get(&self, group: usize, stratum: usize) -> Result<BinaryCounts> {
        let i = self.index(group, stratum)?;
        Ok(self.cells.get(i).copied().unwrap_or_default())
    }

    /// Counts of a group summed over strata.
    ///
    /// # Errors
    /// [`StatsError::OutOfRange`] for an unknown group.
    pub fn group_total(&self, group: usize) -> Result<BinaryCounts> {
        let mut total = BinaryCounts::default();
        for s in 0..self.strata {
            total.merge(&self.get(group, s)?);
        }
        Ok(total)
    }

    /// Adds another shard's counts.
    ///
    /// # Errors
    /// [`StatsError::ShapeMismatch`] if the shapes differ.
    pub fn merge(&mut self, other: &Self) -> Result<()> {
        if self.groups != other.groups || self.strata != other.strata {
            return Err(StatsError::ShapeMismatch {
                name: "GroupedCounts",
                left: format!("{}x{}", self.groups, self.strata),
                right: format!("{}x{}", other.groups, other.strata),
            });
        }
        for (a, b) in self.cells.iter_mut().zip(&other.cells) {
            a.merge(b);
        }
        Ok(())
    }

    /// One 2×2 table per stratum comparing `first` (row 1) with `second` (row 2):
    /// `[[successes, failures] of first, [successes, failures] of second]`.
    ///
    /// # Errors
    /// [`StatsError::OutOfRange`] for an unknown group.
    pub fn tables_2x2(&self, first: usize, second: usize) -> Result<Vec<Table2x2>> {
        (0..self.strata)
            .map(|s| {
                let a = self.get(first, s)?;
                let b = self.get(second, s)?;
                Table2x2::from_groups(a.successes, a.trials, b.successes, b.trials)
            })
            .collect()
    }
}
