//! Cross-domain comparisons: another domain's [`EmployeeGroup`] against everyone else
//! assessed, through the same disclosure rules as the cohorts (see
//! [`CohortReport::compare_group`](crate::report::CohortReport::compare_group)).
//!
//! The report keeps, privately, what a comparison needs per assessed person (id, which
//! populations they count in, the high-band flags, their WHO-5 percentage and their
//! cohorts). None of it is published, serialised or shown by `Debug`; only counts and
//! averages that pass the guard leave.

use std::sync::{Arc, Mutex, OnceLock};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use remit_core::privacy::{Disclosed, Suppression};
use remit_core::{EmployeeGroup, EmployeeId, GroupComparison};
use remit_stats::{Alternative, Table2x2, fisher_exact};

use crate::report::LaplaceNoise;

/// Populations (as in the report): members, members with signals, survey responders.
pub(crate) const POPS: usize = 3;
/// Flag bit: high CBI work-related burnout (responders only).
pub(crate) const HIGH_BURNOUT: u8 = 1 << 3;
/// Flag bit: in the high band of the burnout-risk index.
pub(crate) const HIGH_RISK: u8 = 1 << 4;

/// Counts over a set of people.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Tally {
    pops: [u32; POPS],
    high_burnout: u32,
    high_risk: u32,
    who5_sum: f64,
}

impl Tally {
    fn add(&mut self, flags: u8, who5: f32) {
        for (k, p) in self.pops.iter_mut().enumerate() {
            *p += u32::from(flags & (1 << k) != 0);
        }
        self.high_burnout += u32::from(flags & HIGH_BURNOUT != 0);
        self.high_risk += u32::from(flags & HIGH_RISK != 0);
        if flags & (1 << 2) != 0 {
            self.who5_sum += f64::from(who5);
        }
    }

    fn minus(&self, other: &Tally) -> Tally {
        Tally {
            pops: std::array::from_fn(|k| self.pops[k].saturating_sub(other.pops[k])),
            high_burnout: self.high_burnout.saturating_sub(other.high_burnout),
            high_risk: self.high_risk.saturating_sub(other.high_risk),
            who5_sum: (self.who5_sum - other.who5_sum).max(0.0),
        }
    }
}

/// What comparisons need per assessed person, in roster order, plus the cohort table.
#[derive(Clone, Default, PartialEq)]
pub(crate) struct People {
    pub(crate) ids: Vec<EmployeeId>,
    /// Bits 0–2: counts in population k; plus [`HIGH_BURNOUT`], [`HIGH_RISK`].
    pub(crate) flags: Vec<u8>,
    /// WHO-5 percentage of responders (0 for others).
    pub(crate) who5: Vec<f32>,
    /// Per cut, each person's cohort within the cut.
    pub(crate) member: Vec<Vec<u32>>,
    /// Global index of each cut's first cohort, and one past the last.
    pub(crate) offsets: Vec<usize>,
    /// Per global cohort: the populations, whether published, its minimum group size.
    pub(crate) pops: Vec<[u32; POPS]>,
    pub(crate) published: Vec<bool>,
    pub(crate) mins: Vec<u32>,
    /// Which cut is the manager cut, and its cohort of people without a manager.
    pub(crate) manager_cut: Option<usize>,
    pub(crate) no_manager: Option<u32>,
    pub(crate) min: u32,
    pub(crate) manager_min: u32,
    pub(crate) noise: Option<LaplaceNoise>,
    pub(crate) total: Tally,
    /// Rows ordered by id, built on the first comparison.
    pub(crate) sorted: OnceLock<Vec<u32>>,
    /// The groups released so far through [`People::compare`].
    pub(crate) released: Released,
}

/// One group whose comparison was published: its assessed rows (ascending row indices,
/// not records) and the minimum group size it was published under.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ReleasedGroup {
    rows: Vec<u32>,
    min: u32,
}

/// The release history of a report's comparisons, shared by every clone of the report
/// (an `Arc`): a clone is the same report, so asking one clone for a group and another
/// for a near copy of it is refused just as asking one report twice would be. It is not
/// part of the report's value (equality ignores it) and is never serialised.
#[derive(Clone, Default)]
pub(crate) struct Released(Arc<Mutex<Vec<ReleasedGroup>>>);

/// Equality of reports is equality of what they publish; the history is ignored.
impl PartialEq for Released {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Released {
    /// Runs `f` on the history under the lock. A poisoned lock is recovered: the
    /// history is only ever changed by one `push` after a completed check, so it is
    /// consistent whatever panicked elsewhere (nothing in this crate panics under it).
    fn with<R>(&self, f: impl FnOnce(&mut Vec<ReleasedGroup>) -> R) -> R {
        let mut guard = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut guard)
    }
}

/// Individual values stay out of logs: `Debug` shows only how many people are held.
impl std::fmt::Debug for People {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("People")
            .field("assessed", &self.ids.len())
            .finish_non_exhaustive()
    }
}

fn small(count: u32, min: u32) -> bool {
    count > 0 && count < min
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

impl People {
    /// The counts over everyone held.
    pub(crate) fn tally_all(&self) -> Tally {
        let mut t = Tally::default();
        for (&f, &w) in self.flags.iter().zip(&self.who5) {
            t.add(f, w);
        }
        t
    }

    /// Rows of the assessed people in `group` (every row of a repeated id).
    fn rows_of(&self, group: &EmployeeGroup) -> Vec<u32> {
        let sorted = self.sorted.get_or_init(|| {
            let mut v: Vec<u32> = (0..self.ids.len())
                .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
                .collect();
            v.sort_unstable_by_key(|&i| self.ids.get(i as usize).copied());
            v
        });
        let members = group.members();
        let mut rows = Vec::new();
        let (mut a, mut b) = (0usize, 0usize);
        while let (Some(&r), Some(m)) = (sorted.get(a), members.get(b)) {
            let Some(id) = self.ids.get(r as usize) else {
                break;
            };
            match id.cmp(m) {
                std::cmp::Ordering::Less => a += 1,
                std::cmp::Ordering::Greater => b += 1,
                std::cmp::Ordering::Equal => {
                    rows.push(r);
                    a += 1;
                }
            }
        }
        rows
    }

    /// The minimum group size for `rows`: the manager-facing one when they all report
    /// to the same manager (the comparison would describe one manager's team).
    fn min_for(&self, rows: &[u32]) -> u32 {
        let general = self.min;
        let Some(column) = self.manager_cut.and_then(|c| self.member.get(c)) else {
            return general;
        };
        let mut managers = rows.iter().filter_map(|&r| column.get(r as usize));
        match managers.next() {
            Some(first) if Some(*first) != self.no_manager && managers.all(|m| m == first) => {
                self.manager_min.max(general)
            }
            _ => general,
        }
    }

    /// Whether publishing the group and the rest would let a reader subtract a
    /// published cohort from either and learn about fewer than the minimum.
    fn differencing_leak(&self, rows: &[u32], group: &Tally, min: u32) -> bool {
        let mut inter = vec![[0u32; POPS]; self.pops.len()];
        let mut touched = Vec::new();
        for &r in rows {
            let flags = self.flags.get(r as usize).copied().unwrap_or(0);
            for (c, column) in self.member.iter().enumerate() {
                let (Some(&base), Some(&k)) = (self.offsets.get(c), column.get(r as usize)) else {
                    continue;
                };
                let g = base + k as usize;
                if let Some(cell) = inter.get_mut(g) {
                    if cell[0] == 0 {
                        touched.push(g);
                    }
                    for (p, slot) in cell.iter_mut().enumerate() {
                        *slot += u32::from(flags & (1 << p) != 0);
                    }
                }
            }
        }
        touched.into_iter().any(|g| {
            let (Some(true), Some(pops), Some(cell), Some(&cmin)) = (
                self.published.get(g).copied(),
                self.pops.get(g),
                inter.get(g),
                self.mins.get(g),
            ) else {
                return false;
            };
            let m = min.max(cmin);
            (0..POPS).any(|p| {
                small(pops[p].saturating_sub(cell[p]), m)
                    || small(group.pops[p].saturating_sub(cell[p]), m)
            })
        })
    }

    /// Per population, how many assessed people are in exactly one of `a` and `b`
    /// (ascending row lists).
    fn symmetric_difference(&self, a: &[u32], b: &[u32]) -> [u32; POPS] {
        let mut out = [0u32; POPS];
        let mut count = |r: u32| {
            let flags = self.flags.get(r as usize).copied().unwrap_or(0);
            for (p, slot) in out.iter_mut().enumerate() {
                *slot += u32::from(flags & (1 << p) != 0);
            }
        };
        let (mut i, mut j) = (0usize, 0usize);
        loop {
            match (a.get(i), b.get(j)) {
                (Some(&x), Some(&y)) => match x.cmp(&y) {
                    std::cmp::Ordering::Less => {
                        count(x);
                        i += 1;
                    }
                    std::cmp::Ordering::Greater => {
                        count(y);
                        j += 1;
                    }
                    std::cmp::Ordering::Equal => {
                        i += 1;
                        j += 1;
                    }
                },
                (Some(&x), None) => {
                    count(x);
                    i += 1;
                }
                (None, Some(&y)) => {
                    count(y);
                    j += 1;
                }
                (None, None) => break,
            }
        }
        out
    }

    /// Whether `rows` (ascending) would let a reader difference it against a group
    /// released earlier: for some released group and some population, the people in
    /// exactly one of the two — or in exactly one of the new group and the released
    /// group's rest, since rests are published too — number more than zero and fewer
    /// than the larger of the two minimums.
    fn differs_from_released(&self, released: &[ReleasedGroup], rows: &[u32], min: u32) -> bool {
        released.iter().any(|old| {
            let m = min.max(old.min);
            let diff = self.symmetric_difference(&old.rows, rows);
            (0..POPS)
                .any(|p| small(diff[p], m) || small(self.total.pops[p].saturating_sub(diff[p]), m))
        })
    }

    /// The comparisons for `group`; empty when nobody in it was assessed.
    pub(crate) fn compare(&self, group: &EmployeeGroup) -> Vec<GroupComparison> {
        let mut rows = self.rows_of(group);
        if rows.is_empty() {
            return Vec::new();
        }
        rows.sort_unstable();
        // The check against earlier releases and the recording of this one happen under
        // one lock, so two threads cannot each release one of a differencing pair.
        self.released
            .with(|released| self.compare_rows(group, rows, released))
    }

    /// [`compare`](Self::compare) for the ascending, non-empty `rows` of `group`,
    /// recording the group in `released` when its comparison is published.
    fn compare_rows(
        &self,
        group: &EmployeeGroup,
        rows: Vec<u32>,
        released: &mut Vec<ReleasedGroup>,
    ) -> Vec<GroupComparison> {
        let mut g = Tally::default();
        for &r in &rows {
            let i = r as usize;
            g.add(
                self.flags.get(i).copied().unwrap_or(0),
                self.who5.get(i).copied().unwrap_or(0.0),
            );
        }
        let rest = self.total.minus(&g);
        let min = self.min_for(&rows);
        let group_small = g.pops.iter().any(|&p| small(p, min));
        let rest_small = rest.pops.iter().any(|&p| small(p, min));
        let status = if group_small {
            Some((Suppression::BelowMinimum, Suppression::Complementary))
        } else if rest_small {
            Some((Suppression::Complementary, Suppression::BelowMinimum))
        } else if self.differencing_leak(&rows, &g, min)
            || self.differs_from_released(released, &rows, min)
        {
            Some((Suppression::Complementary, Suppression::Complementary))
        } else {
            None
        };
        // Re-asking a released group is not differencing; it is recorded once.
        if status.is_none() && !released.iter().any(|old| old.rows == rows) {
            released.push(ReleasedGroup { rows, min });
        }
        let mut noise = self.noise.map(|z| {
            (
                ChaCha8Rng::seed_from_u64(z.seed() ^ fnv(group.key().as_bytes())),
                z.epsilon(),
            )
        });
        let [.., responders] = g.pops;
        let [.., rest_responders] = rest.pops;
        let specs = [
            (
                "share in the high burnout band (CBI work-related ≥ 50)",
                "share",
                (g.high_burnout, responders),
                (rest.high_burnout, rest_responders),
                1.0,
            ),
            (
                "share in the high burnout-risk band",
                "share",
                (g.high_risk, g.pops[0]),
                (rest.high_risk, rest.pops[0]),
                1.0,
            ),
        ];
        let mut out = Vec::with_capacity(3);
        for (metric, unit, (x1, n1), (x2, n2), bound) in specs {
            out.push(self.comparison(
                metric,
                unit,
                (f64::from(x1), n1),
                (f64::from(x2), n2),
                bound,
                status,
                &mut noise,
                Some((x1, n1, x2, n2)),
            ));
        }
        out.push(self.comparison(
            "mean WHO-5 wellbeing score",
            "points",
            (g.who5_sum, responders),
            (rest.who5_sum, rest_responders),
            100.0,
            status,
            &mut noise,
            None,
        ));
        out
    }

    /// One comparison of two sums over two populations, guarded and optionally noised,
    /// with Fisher's exact test on `counts` (successes and trials of each side) when
    /// published without noise.
    #[allow(clippy::too_many_arguments)]
    fn comparison(
        &self,
        metric: &str,
        unit: &str,
        (sum1, n1): (f64, u32),
        (sum2, n2): (f64, u32),
        bound: f64,
        status: Option<(Suppression, Suppression)>,
        noise: &mut Option<(ChaCha8Rng, f64)>,
        counts: Option<(u32, u32, u32, u32)>,
    ) -> GroupComparison {
        let (s1, s2) = match status {
            Some(s) => s,
            None if n1 == 0 || n2 == 0 => {
                let s = Suppression::BelowMinimum;
                (s, s)
            }
            None => {
                let mut mean = |sum: f64, n: u32| -> f64 {
                    let m = sum / f64::from(n);
                    match noise {
                        Some((rng, eps)) => {
                            (m + laplace(rng, bound / (f64::from(n) * *eps))).clamp(0.0, bound)
                        }
                        None => m,
                    }
                };
                let (v1, v2) = (mean(sum1, n1), mean(sum2, n2));
                let mut count = |c: u32| -> u64 {
                    match noise {
                        Some((rng, eps)) => {
                            (f64::from(c) + laplace(rng, 1.0 / *eps)).round().max(0.0) as u64
                        }
                        None => u64::from(c),
                    }
                };
                let (c1, c2) = (count(n1), count(n2));
                let p_value = match (noise.is_some(), counts) {
                    (false, Some((x1, n1, x2, n2))) => Table2x2::from_groups(
                        u64::from(x1),
                        u64::from(n1),
                        u64::from(x2),
                        u64::from(n2),
                    )
                    .and_then(|t| fisher_exact(&t, Alternative::TwoSided))
                    .ok()
                    .map(|r| r.p_value),
                    _ => None,
                };
                let comparison = GroupComparison::new(
                    metric,
                    Some(unit),
                    Disclosed::Published(v1),
                    Disclosed::Published(v2),
                    Disclosed::Published(c1),
                    Disclosed::Published(c2),
                );
                return match p_value {
                    Some(p) => comparison.with_p_value(p),
                    None => comparison,
                };
            }
        };
        GroupComparison::new(
            metric,
            Some(unit),
            Disclosed::Suppressed(s1),
            Disclosed::Suppressed(s2),
            Disclosed::Suppressed(s1),
            Disclosed::Suppressed(s2),
        )
    }
}

fn laplace(rng: &mut ChaCha8Rng, scale: f64) -> f64 {
    let u: f64 = rng.random::<f64>() - 0.5;
    let tail = (1.0 - 2.0 * u.abs()).max(f64::MIN_POSITIVE);
    -scale * u.signum() * tail.ln()
}
