//! An independent check of a release history: given the groups whose sums were
//! published, can a reader compute the sum of fewer than `k` people?
//!
//! This does not trust the engine's atoms. It builds the matrix of released groups
//! (one row per group, one column per person, 1 where the person is in the group) and
//! asks, by exact elimination, whether the indicator vector of a small set of people
//! lies in the row space — that is, whether some combination of published sums equals
//! that set's sum. Arithmetic is modulo two 61-bit primes; a vector is reported as
//! computable only if it is in the row space modulo both (a row-space vector over the
//! rationals is in it modulo every prime that divides no denominator; the converse
//! fails only for primes dividing a minor of the matrix, which two independent 61-bit
//! primes make vanishingly unlikely).
//!
//! Only sets that are unions of *classes* (people in exactly the same groups) can be
//! computable, since every row-space vector is constant on a class; the check therefore
//! enumerates unions of classes smaller than `k`, up to a limit.
//!
//! ```
//! use remit_core::EmployeeId;
//! use remit_core::disclosure::verify::smallest_computable_set;
//!
//! let p: Vec<EmployeeId> = (0..13).map(|i| EmployeeId::from_external(&i.to_string())).collect();
//! let everyone = p.clone();
//! let onsite = p[..5].to_vec();
//! let remote = p[5..10].to_vec();
//! // Total − onsite − remote isolates the three hybrid employees.
//! let leak = smallest_computable_set(&[everyone, onsite, remote], 5, 100_000);
//! assert_eq!(leak.map(|set| set.len()), Some(3));
//! ```

use std::collections::BTreeMap;

use crate::EmployeeId;

const PRIMES: [u64; 2] = [(1 << 61) - 1, 2_305_843_009_213_693_921];

/// The smallest set of fewer than `k` people whose sum a reader can compute from the
/// published sums of `groups`, if any is found among the first `limit` candidate sets
/// (smallest first); `None` if none is.
///
/// Single people are always checked, whatever the limit.
pub fn smallest_computable_set(
    groups: &[Vec<EmployeeId>],
    k: u32,
    limit: usize,
) -> Option<Vec<EmployeeId>> {
    let (people, rows) = index(groups);
    if people.is_empty() {
        return None;
    }
    let classes = classes(&rows, people.len());
    let small: Vec<&Vec<usize>> = classes.iter().filter(|c| (c.len() as u32) < k).collect();
    if small.is_empty() {
        return None;
    }
    let bases: Vec<Basis> = PRIMES
        .iter()
        .map(|&p| Basis::new(&rows, people.len(), p))
        .collect();
    let computable = |members: &[usize]| bases.iter().all(|b| b.contains_indicator(members));
    // Unions of small classes with fewer than k people, smallest first.
    let mut candidates: Vec<Vec<usize>> = Vec::new();
    let mut stack: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new())];
    while let Some((next, chosen)) = stack.pop() {
        for (i, class) in small.iter().enumerate().skip(next) {
            let size: usize = chosen.iter().map(|&c| small[c].len()).sum::<usize>() + class.len();
            if size as u32 >= k {
                continue;
            }
            let mut with = chosen.clone();
            with.push(i);
            candidates.push(with.clone());
            if candidates.len() >= limit.max(small.len()) {
                break;
            }
            stack.push((i + 1, with));
        }
        if candidates.len() >= limit.max(small.len()) {
            break;
        }
    }
    let members_of = |set: &[usize]| -> Vec<usize> {
        let mut m: Vec<usize> = set.iter().flat_map(|&c| small[c].iter().copied()).collect();
        m.sort_unstable();
        m
    };
    candidates.sort_by_key(|set| (members_of(set).len(), set.clone()));
    candidates
        .into_iter()
        .map(|set| members_of(&set))
        .find(|members| computable(members))
        .map(|members| members.into_iter().map(|i| people[i]).collect())
}

/// Whether the sum over `set` can be computed from the published sums of `groups`.
pub fn is_computable(groups: &[Vec<EmployeeId>], set: &[EmployeeId]) -> bool {
    let (people, rows) = index(groups);
    let position: BTreeMap<EmployeeId, usize> =
        people.iter().enumerate().map(|(i, &id)| (id, i)).collect();
    let mut members = Vec::with_capacity(set.len());
    for id in set {
        match position.get(id) {
            Some(&i) => members.push(i),
            // Someone in no published group: no published sum involves them.
            None => return false,
        }
    }
    members.sort_unstable();
    members.dedup();
    if members.is_empty() {
        return false;
    }
    PRIMES
        .iter()
        .all(|&p| Basis::new(&rows, people.len(), p).contains_indicator(&members))
}

/// Numbers the people of all groups and turns each group into a sorted list of indices.
fn index(groups: &[Vec<EmployeeId>]) -> (Vec<EmployeeId>, Vec<Vec<usize>>) {
    let mut people: Vec<EmployeeId> = groups.iter().flatten().copied().collect();
    people.sort_unstable();
    people.dedup();
    let rows = groups
        .iter()
        .map(|g| {
            let mut row: Vec<usize> = g
                .iter()
                .filter_map(|id| people.binary_search(id).ok())
                .collect();
            row.sort_unstable();
            row.dedup();
            row
        })
        .collect();
    (people, rows)
}

/// People in exactly the same groups, as lists of indices.
fn classes(rows: &[Vec<usize>], people: usize) -> Vec<Vec<usize>> {
    let mut signature: Vec<Vec<usize>> = vec![Vec::new(); people];
    for (r, row) in rows.iter().enumerate() {
        for &i in row {
            signature[i].push(r);
        }
    }
    let mut by_signature: BTreeMap<Vec<usize>, Vec<usize>> = BTreeMap::new();
    for (i, sig) in signature.into_iter().enumerate() {
        by_signature.entry(sig).or_default().push(i);
    }
    by_signature.into_values().collect()
}

/// A row-echelon basis of the released groups' row space modulo a prime.
struct Basis {
    prime: u64,
    /// (pivot column, row with 1 at the pivot and 0 at every other basis row's pivot).
    rows: Vec<(usize, Vec<u64>)>,
}

impl Basis {
    fn new(groups: &[Vec<usize>], width: usize, prime: u64) -> Self {
        let mut basis = Basis {
            prime,
            rows: Vec::new(),
        };
        for group in groups {
            let mut v = vec![0u64; width];
            for &i in group {
                v[i] = 1;
            }
            basis.insert(v);
        }
        basis
    }

    fn mul(&self, a: u64, b: u64) -> u64 {
        ((u128::from(a) * u128::from(b)) % u128::from(self.prime)) as u64
    }

    fn sub(&self, a: u64, b: u64) -> u64 {
        if a >= b { a - b } else { a + self.prime - b }
    }

    fn inverse(&self, a: u64) -> u64 {
        // Fermat: a^(p-2).
        let (mut base, mut exp, mut acc) = (a, self.prime - 2, 1u64);
        while exp > 0 {
            if exp & 1 == 1 {
                acc = self.mul(acc, base);
            }
            base = self.mul(base, base);
            exp >>= 1;
        }
        acc
    }

    /// Reduces `v` by the basis; what remains is zero iff `v` is in the row space.
    fn reduce(&self, v: &mut [u64]) {
        for (pivot, row) in &self.rows {
            let factor = v[*pivot];
            if factor != 0 {
                for (x, &r) in v.iter_mut().zip(row) {
                    if r != 0 {
                        *x = self.sub(*x, self.mul(factor, r));
                    }
                }
            }
        }
    }

    fn insert(&mut self, mut v: Vec<u64>) {
        self.reduce(&mut v);
        let Some(pivot) = v.iter().position(|&x| x != 0) else {
            return;
        };
        let inv = self.inverse(v[pivot]);
        for x in &mut v {
            *x = self.mul(*x, inv);
        }
        // Keep the basis fully reduced: clear the new pivot from earlier rows.
        let prime = self.prime;
        for (_, row) in &mut self.rows {
            let factor = row[pivot];
            if factor != 0 {
                for (x, &r) in row.iter_mut().zip(&v) {
                    if r != 0 {
                        let product =
                            ((u128::from(factor) * u128::from(r)) % u128::from(prime)) as u64;
                        *x = if *x >= product {
                            *x - product
                        } else {
                            *x + prime - product
                        };
                    }
                }
            }
        }
        self.rows.push((pivot, v));
    }

    fn contains_indicator(&self, members: &[usize]) -> bool {
        let width = self.rows.first().map_or(0, |(_, r)| r.len());
        let mut v = vec![0u64; width];
        for &i in members {
            if let Some(x) = v.get_mut(i) {
                *x = 1;
            }
        }
        self.reduce(&mut v);
        v.iter().all(|&x| x == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(n: usize) -> Vec<EmployeeId> {
        (0..n)
            .map(|i| EmployeeId::from_external(&format!("P{i}")))
            .collect()
    }

    #[test]
    fn a_difference_of_overlapping_groups_is_found() {
        let p = people(12);
        // Disjoint G1 and G2: G1 + G2 − (G1 ∪ G2 minus x) = x.
        let g1 = p[..5].to_vec();
        let g2 = p[5..10].to_vec();
        let union_minus_x: Vec<EmployeeId> = p[..9].to_vec();
        let leak = smallest_computable_set(&[g1, g2, union_minus_x], 5, 1000);
        assert_eq!(leak, Some(vec![p[9]]));
    }

    #[test]
    fn nested_groups_with_large_differences_leak_nothing() {
        let p = people(20);
        let groups = vec![p.clone(), p[..10].to_vec(), p[..15].to_vec()];
        assert_eq!(smallest_computable_set(&groups, 5, 1000), None);
        assert!(is_computable(&groups, &p[10..15]));
        assert!(!is_computable(&groups, &p[..5]));
    }
}
