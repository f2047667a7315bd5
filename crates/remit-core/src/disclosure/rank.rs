//! The rank test: the same guarantee as the atom rule, with more published, for
//! populations small enough to afford exact linear algebra on every release.
//!
//! # The test
//!
//! Keep the atom partition of the granted groups, but allow atoms under `k` people.
//! Write each granted group as a row over atoms (1 where the group holds the atom). A sum
//! a reader can compute is a combination of rows; it describes fewer than `k` people
//! only if it is supported on atoms under `k` alone. So a release is granted only if no
//! non-zero combination of the rows (the candidate included) vanishes on every atom of at
//! least `k` people — that is, if the rows restricted to the large atoms keep the rank
//! of the whole rows.
//!
//! The ledger keeps the rows in reduced row-echelon form with every pivot on a large
//! atom; that form exists exactly when the test holds. A release splits atoms
//! (duplicating their columns, which changes no rank), may turn an atom small (its rows
//! must find another large pivot), and adds the candidate row (which must reduce to zero
//! or find a large pivot). Two one-way cuts whose crossing cells are small thus stay
//! publishable unless the crossing is published too, where the atom rule refuses the
//! second cut.
//!
//! Arithmetic is modulo the Mersenne prime 2⁶¹ − 1. A rank computed modulo a prime can
//! only fall short of the rational rank when the prime divides a minor of the matrix; for
//! 0/1 matrices of the sizes used here (a few thousand columns) that is a chance of order
//! 10⁻¹⁶ per release. The independent checker (`verify`) uses two primes.
//!
//! Both rules decide greedily, in the order releases are asked for. The rank test grants
//! every single release the atom rule grants on the same history, but not a superset over
//! a sequence: a group the rank test grants early can block a later one that the atom rule,
//! having refused the early one, grants. Domains therefore ask for headline cuts first.
//!
//! # Cost
//!
//! Each release costs `O(rows × atoms)` per pivot change, plus a copy of the state (a
//! refused release changes nothing). The engine uses the test for populations of at most
//! [`DisclosurePolicy::rank_test_limit`](super::DisclosurePolicy::rank_test_limit) people
//! and the atom rule above it.

use super::ledger::{AtomLedger, Refusal};

const PRIME: u64 = (1 << 61) - 1;

fn mul(a: u64, b: u64) -> u64 {
    ((u128::from(a) * u128::from(b)) % u128::from(PRIME)) as u64
}

fn sub(a: u64, b: u64) -> u64 {
    if a >= b { a - b } else { a + PRIME - b }
}

fn inverse(a: u64) -> u64 {
    let (mut base, mut exp, mut acc) = (a, PRIME - 2, 1u64);
    while exp > 0 {
        if exp & 1 == 1 {
            acc = mul(acc, base);
        }
        base = mul(base, base);
        exp >>= 1;
    }
    acc
}

/// One row of the reduced basis: its pivot atom and its coefficients over atom ids.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    pivot: u32,
    coeffs: Vec<u64>,
}

/// A population decided by the rank test; see the [module documentation](self).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RankLedger {
    atoms: AtomLedger,
    basis: Vec<Row>,
    /// Granted groups (ledger indices), in order: what a saved state replays.
    groups: Vec<Vec<u32>>,
}

impl RankLedger {
    /// A ledger of `people` people, none released yet.
    pub(crate) fn new(people: usize) -> Self {
        Self {
            atoms: AtomLedger::new(people),
            ..Self::default()
        }
    }

    /// Replays saved groups into a ledger of `people` people; `None` if a group is
    /// refused on replay or names someone out of range (a corrupted state).
    pub(crate) fn replay(people: usize, groups: Vec<Vec<u32>>, min: u32) -> Option<Self> {
        let mut ledger = Self::new(people);
        for group in groups {
            ledger.atoms.check_members(&group).ok()?;
            ledger.release(&group, min).ok()?;
        }
        Some(ledger)
    }

    /// The partition (shared with the atom rule's bookkeeping).
    pub(crate) fn atoms(&self) -> &AtomLedger {
        &self.atoms
    }

    /// Mutable access to the partition, for membership checks and growth.
    pub(crate) fn atoms_mut(&mut self) -> &mut AtomLedger {
        &mut self.atoms
    }

    /// The granted groups, in order.
    pub(crate) fn groups(&self) -> &[Vec<u32>] {
        &self.groups
    }

    /// Decides whether `set` may be released with minimum `min` and commits it if so.
    pub(crate) fn release(&mut self, set: &[u32], min: u32) -> Result<(), Refusal> {
        let next = self.decide(set, min)?;
        *self = next;
        Ok(())
    }

    /// Decides like [`Self::release`] without committing anything.
    pub(crate) fn would_release(&self, set: &[u32], min: u32) -> Result<(), Refusal> {
        self.decide(set, min).map(drop)
    }

    /// The ledger after granting `set`, or why it cannot be granted.
    fn decide(&self, set: &[u32], min: u32) -> Result<Self, Refusal> {
        if set.is_empty() {
            return Ok(self.clone());
        }
        if set.len() < min as usize {
            return Err(Refusal::TooSmall);
        }
        let mut next = self.clone();
        let (splits, _) = next.atoms.refine(set);
        let width = next.atoms.atom_ids();
        for row in &mut next.basis {
            row.coeffs.resize(width, 0);
            for &(old, new) in &splits {
                row.coeffs[new as usize] = row.coeffs[old as usize];
            }
        }
        let large = |atoms: &AtomLedger, a: usize| atoms.size_of(a as u32) >= min;

        // Rows whose pivot atom became small need another large pivot.
        for i in 0..next.basis.len() {
            if large(&next.atoms, next.basis[i].pivot as usize) {
                continue;
            }
            let column = (0..width)
                .find(|&c| {
                    next.basis[i].coeffs[c] != 0 && large(&next.atoms, c) && !next.is_pivot(c, i)
                })
                .ok_or(Refusal::WouldIsolate)?;
            next.pivot_on(i, column);
        }

        // The candidate row reduces to zero (nothing new) or takes a large pivot.
        let mut candidate = vec![0u64; width];
        for &person in set {
            if let Some(atom) = next.atoms.atom_of(person) {
                candidate[atom as usize] = 1;
            }
        }
        for row in &next.basis {
            let factor = candidate[row.pivot as usize];
            if factor != 0 {
                for (x, &r) in candidate.iter_mut().zip(&row.coeffs) {
                    if r != 0 {
                        *x = sub(*x, mul(factor, r));
                    }
                }
            }
        }
        if candidate.iter().any(|&x| x != 0) {
            let column = (0..width)
                .find(|&c| candidate[c] != 0 && large(&next.atoms, c))
                .ok_or(Refusal::WouldIsolate)?;
            next.basis.push(Row {
                pivot: column as u32,
                coeffs: candidate,
            });
            let last = next.basis.len() - 1;
            next.pivot_on(last, column);
        }
        next.groups.push(set.to_vec());
        Ok(next)
    }

    fn is_pivot(&self, column: usize, except: usize) -> bool {
        self.basis
            .iter()
            .enumerate()
            .any(|(j, row)| j != except && row.pivot as usize == column)
    }

    /// Makes `column` the pivot of row `i`: scales the row to 1 there and clears the
    /// column from every other row.
    fn pivot_on(&mut self, i: usize, column: usize) {
        let inv = inverse(self.basis[i].coeffs[column]);
        for x in &mut self.basis[i].coeffs {
            *x = mul(*x, inv);
        }
        self.basis[i].pivot = column as u32;
        let pivot_row = self.basis[i].coeffs.clone();
        for (j, row) in self.basis.iter_mut().enumerate() {
            if j == i {
                continue;
            }
            let factor = row.coeffs[column];
            if factor != 0 {
                for (x, &p) in row.coeffs.iter_mut().zip(&pivot_row) {
                    if p != 0 {
                        *x = sub(*x, mul(factor, p));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_splitting_off_a_small_uncomputable_part_is_granted() {
        // 30 people; cut A is 0..15 / 15..30; group B is 0..12 ∪ 15..25. B leaves 12..15
        // (three people) as an atom, which the atom rule refuses; but no combination of
        // A's cells and B isolates them (B ∩ A's first cell is not published), so the rank
        // test grants B.
        let mut l = RankLedger::new(30);
        let a1: Vec<u32> = (0..15).collect();
        let a2: Vec<u32> = (15..30).collect();
        let b: Vec<u32> = (0..12).chain(15..25).collect();
        assert_eq!(l.release(&a1, 5), Ok(()));
        assert_eq!(l.release(&a2, 5), Ok(()));
        assert_eq!(l.release(&b, 5), Ok(()));
        let mut atoms = AtomLedger::new(30);
        for g in [&a1, &a2] {
            atoms.release(g, 5).unwrap();
        }
        assert_eq!(atoms.release(&b, 5), Err(Refusal::WouldIsolate));
        // Publishing B's part in A's second cell would give 12..15 as a1 − (b − that part).
        let part: Vec<u32> = (15..25).collect();
        assert_eq!(l.release(&part, 5), Err(Refusal::WouldIsolate));
    }

    #[test]
    fn crossing_cuts_whose_difference_isolates_small_cells_are_refused() {
        // 2×2 crossing with cells of 12, 3, 3 and 12 people: a1 − b1 is the difference of
        // the two 3-person cells, a combination supported on small atoms only.
        let mut l = RankLedger::new(30);
        let a1: Vec<u32> = (0..15).collect();
        let b1: Vec<u32> = (0..12).chain(15..18).collect();
        assert_eq!(l.release(&a1, 5), Ok(()));
        assert_eq!(l.release(&(15..30).collect::<Vec<_>>(), 5), Ok(()));
        assert_eq!(l.release(&b1, 5), Err(Refusal::WouldIsolate));
    }

    #[test]
    fn a_total_then_its_parts_leaves_no_small_remainder() {
        let mut l = RankLedger::new(13);
        assert_eq!(l.release(&(0..13).collect::<Vec<_>>(), 5), Ok(()));
        assert_eq!(l.release(&(0..5).collect::<Vec<_>>(), 5), Ok(()));
        assert_eq!(
            l.release(&(5..10).collect::<Vec<_>>(), 5),
            Err(Refusal::WouldIsolate)
        );
    }

    #[test]
    fn a_refused_release_changes_nothing_and_replay_restores_the_ledger() {
        let mut l = RankLedger::new(20);
        l.release(&(0..20).collect::<Vec<_>>(), 5).unwrap();
        l.release(&(0..10).collect::<Vec<_>>(), 5).unwrap();
        let before = l.clone();
        assert_eq!(
            l.release(&(0..8).collect::<Vec<_>>(), 5),
            Err(Refusal::WouldIsolate)
        );
        assert_eq!(l, before);
        let replayed = RankLedger::replay(20, l.groups().to_vec(), 5).unwrap();
        assert_eq!(replayed.atoms().compact_atoms(), l.atoms().compact_atoms());
    }
}
