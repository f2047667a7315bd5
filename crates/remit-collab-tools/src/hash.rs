//! Duplicate detection over millions of seats and members: a fingerprint screen with
//! [`remit_core::fast_hash::FastHasher`], falling back to exact comparison only on a
//! suspected repeat.

use std::hash::{Hash, Hasher};

use remit_core::fast_hash::{FastHashSet, FastHasher, set_with_capacity};

/// A 64-bit fingerprint of a key.
fn fingerprint<K: Hash>(key: &K) -> u64 {
    let mut h = FastHasher::default();
    key.hash(&mut h);
    h.finish()
}

/// The first key (in order) that occurs earlier in `keys`, if any.
///
/// Small inputs are compared pairwise. Large ones are screened first: each key's 64-bit
/// fingerprint sets one bit of a bitmap with 16 bits per key (2 MB for a million keys,
/// so it stays in cache, where a hash set of the keys themselves would miss it on
/// almost every probe). A key whose bit was already set is a suspect; a second pass
/// looks for a fingerprint seen twice among the few suspects, and only then are the keys
/// themselves compared, with a hash set. Without duplicates that last step never runs
/// except on a 64-bit fingerprint collision.
pub(crate) fn first_duplicate<K, I>(keys: I) -> Option<K>
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
    // 2^bits >= 16 * len, at least one 64-bit word.
    let bits = (keys.len().saturating_mul(16))
        .next_power_of_two()
        .trailing_zeros()
        .clamp(6, 40);
    let mut bitmap = vec![0u64; 1usize << (bits - 6)];
    // The multiply mixes upwards, so the high bits of a fingerprint are the good ones.
    let slot = |print: u64| (print >> (64 - bits)) as usize;
    let mut suspects: FastHashSet<u64> = FastHashSet::default();
    for k in keys.clone() {
        let print = fingerprint(&k);
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
    let mut seen: FastHashSet<u64> = set_with_capacity(suspects.len());
    let collision = keys.clone().any(|k| {
        let print = fingerprint(&k);
        suspects.contains(&print) && !seen.insert(print)
    });
    if !collision {
        return None;
    }
    let mut exact: FastHashSet<K> = set_with_capacity(keys.len());
    keys.into_iter().find(|k| !exact.insert(*k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use remit_core::EmployeeId;

    #[test]
    fn distinct_ids_are_told_apart() {
        let mut set = set_with_capacity(1000);
        for i in 0..1000 {
            assert!(set.insert(EmployeeId::from_external(&format!("E-{i}"))));
        }
        assert!(!set.insert(EmployeeId::from_external("E-7")));
        assert_eq!(set.len(), 1000);
    }

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
