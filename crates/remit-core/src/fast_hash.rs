//! **Being retired**: new code uses `foldhash::fast::FixedState` directly (issue 16:
//! well-kept crates instead of home-made infrastructure); this module leaves core's public
//! API once no crate uses it.
//!
//! One fast, deterministic hasher for the hash maps every remit crate keeps internally
//! (id indexes, joins, interned labels, covariate patterns).
//!
//! The standard SipHash resists hash flooding by untrusted keys; remit's keys are the
//! caller's own ids and labels, and hashing millions of them with SipHash dominated
//! several million-employee runs. This hasher folds each 8-byte word in with a
//! 64×64→128-bit multiply (as `foldhash` does), which spreads even sequential ids over
//! the table. Not keyed: keys chosen to collide make a map slow, never wrong. Iteration
//! order of these maps is never part of an output.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The hasher; see the [module documentation](self).
#[derive(Debug, Clone, Copy, Default)]
pub struct FastHasher(u64);

impl FastHasher {
    const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

    fn mix(&mut self, word: u64) {
        let product = u128::from(self.0 ^ word) * u128::from(Self::MULTIPLIER);
        self.0 = (product as u64) ^ ((product >> 64) as u64);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            if let Some(prefix) = word.get_mut(..rest.len()) {
                prefix.copy_from_slice(rest);
            }
            self.mix(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.mix(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.mix(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`FastHasher`].
pub type FastHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A `HashSet` with [`FastHasher`].
pub type FastHashSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// An empty [`FastHashMap`] with room for `capacity` entries.
pub fn map_with_capacity<K, V>(capacity: usize) -> FastHashMap<K, V> {
    FastHashMap::with_capacity_and_hasher(capacity, BuildHasherDefault::default())
}

/// An empty [`FastHashSet`] with room for `capacity` entries.
pub fn set_with_capacity<K>(capacity: usize) -> FastHashSet<K> {
    FastHashSet::with_capacity_and_hasher(capacity, BuildHasherDefault::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EmployeeId;
    use std::hash::BuildHasher;
    use uuid::Uuid;

    #[test]
    fn sequential_ids_spread_over_buckets() {
        let build = BuildHasherDefault::<FastHasher>::default();
        let mut low_bits = HashSet::new();
        for i in 0..4096u128 {
            let id = EmployeeId::from_uuid(Uuid::from_u128(i << 64));
            low_bits.insert(build.hash_one(id) & 0xfff);
        }
        // 4096 keys into 4096 buckets: a uniform hash fills about 63 % of them.
        assert!(low_bits.len() > 2300, "{}", low_bits.len());
    }
}
