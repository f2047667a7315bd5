//! Duplicate detection over millions of ids: the one detector every crate uses to refuse
//! a roster, a seat list or a panel that lists the same key twice.

use std::collections::HashSet;
use std::hash::{BuildHasher, Hash};

use foldhash::fast::FixedState;

/// The first key (in order) that occurs earlier in `keys`, if any.
///
/// Small inputs are compared pairwise. Large ones are screened first: each key's 64-bit
/// hash sets one bit of a bitmap with 16 bits per key (2 MB for a million keys, so it
/// stays in cache, where a hash set of the keys themselves would miss it on almost every
/// probe). A key whose bit was already set is a suspect; a second pass looks for a hash
/// seen twice among the few suspects, and only then are the keys themselves compared.
/// Without duplicates that last step never runs except on a 64-bit hash collision.
///
/// ```
/// use remit_core::duplicates::first_duplicate;
///
/// assert_eq!(first_duplicate(["a", "b", "c"]), None);
/// assert_eq!(first_duplicate(["a", "b", "a", "b"]), Some("a"));
/// ```
pub fn first_duplicate<K, I>(keys: I) -> Option<K>
where
    K: Hash + Eq + Copy,
    I: IntoIterator<Item = K>,
    I::IntoIter: Clone + ExactSizeIterator,
{
    let keys = keys.into_iter();
    if keys.len() <= 32 {
        return keys
            .clone()
            .enumerate()
            .find(|(i, k)| keys.clone().take(*i).any(|p| p == *k))
            .map(|(_, k)| k);
    }
    let hasher = FixedState::with_seed(0x72_65_6d_69_74);
    // 2^bits >= 16 * len, at least one 64-bit word.
    let bits = (keys.len().saturating_mul(16))
        .next_power_of_two()
        .trailing_zeros()
        .clamp(6, 40);
    let mut bitmap = vec![0u64; 1usize << (bits - 6)];
    let slot = |print: u64| (print >> (64 - bits)) as usize;
    let mut suspects: HashSet<u64, FixedState> = HashSet::default();
    for k in keys.clone() {
        let print = hasher.hash_one(k);
        let at = slot(print);
        if let Some(word) = bitmap.get_mut(at >> 6) {
            let bit = 1u64 << (at & 63);
            if *word & bit != 0 {
                suspects.insert(print);
            }
            *word |= bit;
        }
    }
    if suspects.is_empty() {
        return None;
    }
    let mut seen: HashSet<u64, FixedState> =
        HashSet::with_capacity_and_hasher(suspects.len(), FixedState::default());
    let collision = keys.clone().any(|k| {
        let print = hasher.hash_one(k);
        suspects.contains(&print) && !seen.insert(print)
    });
    if !collision {
        return None;
    }
    let mut exact: HashSet<K, FixedState> =
        HashSet::with_capacity_and_hasher(keys.len(), FixedState::default());
    keys.into_iter().find(|k| !exact.insert(*k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EmployeeId;

    #[test]
    fn first_duplicate_finds_the_first_repeat_in_small_and_large_inputs() {
        let id = |i: usize| EmployeeId::from_external(&format!("E-{i}"));
        for n in [0, 1, 5, 32, 33, 2000] {
            let ids: Vec<EmployeeId> = (0..n).map(id).collect();
            assert_eq!(first_duplicate(ids.iter().copied()), None, "{n}");
            if n >= 3 {
                let mut with = ids.clone();
                with.push(id(n / 2));
                with.push(id(1));
                assert_eq!(
                    first_duplicate(with.iter().copied()),
                    Some(id(n / 2)),
                    "{n}"
                );
            }
        }
    }
}
