//! Distinct values of a sample in increasing order, with a count per class: what the
//! rank and survival statistics need from a sorted sample, without sorting it when the
//! values are small whole numbers.
//!
//! Kaplan–Meier, the log-rank test and Mann–Whitney U walk the pooled sample in
//! increasing order and, at each distinct value, only use how many observations of
//! each kind (event or censored, group, sample) share it. Months, ratings and counts
//! are usually small whole numbers; those are tallied by counting (one pass, no sort).
//! Other values are sorted as before. Either way the runs of equal values, their
//! order and their counts are the same, so the statistics are bit for bit the same.

/// The distinct values (in `total_cmp` order, equal values under `==` merged, the
/// first of a run kept) and, per value, the count of each class.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tally {
    values: Vec<f64>,
    /// `counts[k * classes + c]`: observations of class `c` at `values[k]`.
    counts: Vec<u64>,
    classes: usize,
}

impl Tally {
    /// Tallies `(value, class)` pairs; classes `>= classes` are ignored. Values must be
    /// finite (callers check).
    pub(crate) fn new<I>(observations: I, classes: usize) -> Self
    where
        I: Iterator<Item = (f64, usize)> + Clone,
    {
        let (n, _) = observations.size_hint();
        // Small non-negative whole numbers (with a positive sign bit: not -0.0) are
        // counted in a dense table of at most about twice the sample's size.
        let limit = ((2 * n).max(1 << 12) / classes.max(1)) as u64;
        let mut max = 0u64;
        let mut small = true;
        for (v, _) in observations.clone() {
            let k = v as u64;
            if (k as f64).to_bits() != v.to_bits() || k >= limit {
                small = false;
                break;
            }
            max = max.max(k);
        }
        if small {
            Self::counted(observations, classes, max)
        } else {
            Self::sorted(observations, classes)
        }
    }

    fn counted<I>(observations: I, classes: usize, max: u64) -> Self
    where
        I: Iterator<Item = (f64, usize)>,
    {
        let width = usize::try_from(max).map_or(0, |m| m + 1);
        let mut dense = vec![0u64; width * classes];
        let mut seen = vec![false; width];
        for (v, c) in observations {
            let k = v as usize;
            if c < classes
                && let Some(slot) = dense.get_mut(k * classes + c)
            {
                *slot += 1;
            }
            if let Some(s) = seen.get_mut(k) {
                *s = true;
            }
        }
        let mut values = Vec::new();
        let mut counts = Vec::new();
        for (k, (&present, row)) in seen
            .iter()
            .zip(dense.chunks_exact(classes.max(1)))
            .enumerate()
        {
            if present {
                values.push(k as f64);
                counts.extend_from_slice(row);
            }
        }
        Self {
            values,
            counts,
            classes,
        }
    }

    fn sorted<I>(observations: I, classes: usize) -> Self
    where
        I: Iterator<Item = (f64, usize)>,
    {
        let mut obs: Vec<(f64, usize)> = observations.collect();
        obs.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        let mut values: Vec<f64> = Vec::new();
        let mut counts: Vec<u64> = Vec::new();
        for (v, c) in obs {
            if values.last() != Some(&v) {
                values.push(v);
                counts.extend(std::iter::repeat_n(0, classes));
            }
            let base = counts.len() - classes;
            if c < classes
                && let Some(slot) = counts.get_mut(base + c)
            {
                *slot += 1;
            }
        }
        Self {
            values,
            counts,
            classes,
        }
    }

    /// The distinct values, increasing.
    pub(crate) fn values(&self) -> &[f64] {
        &self.values
    }

    /// The counts per class at the `k`-th distinct value.
    pub(crate) fn counts(&self, k: usize) -> &[u64] {
        self.counts
            .get(k * self.classes..(k + 1) * self.classes)
            .unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    /// The reference: sort, then merge runs of equal values.
    fn by_sorting(obs: &[(f64, usize)], classes: usize) -> Tally {
        Tally::sorted(obs.iter().copied(), classes)
    }

    #[test]
    fn counting_and_sorting_agree() {
        let obs: Vec<(f64, usize)> = (0..500u32)
            .map(|i| (f64::from((i * 37) % 23), (i % 3) as usize))
            .collect();
        let fast = Tally::new(obs.iter().copied(), 3);
        assert_eq!(fast, by_sorting(&obs, 3));
        assert_eq!(fast.values().len(), 23);
        assert_eq!(fast.counts(0).iter().sum::<u64>(), 22);
    }

    #[test]
    fn fractions_negative_zero_and_large_values_are_sorted() {
        for extra in [2.5, -0.0, -1.0, 1e12] {
            let obs = vec![(3.0, 0), (extra, 1), (0.0, 1), (3.0, 1)];
            let t = Tally::new(obs.iter().copied(), 2);
            assert_eq!(t, by_sorting(&obs, 2));
        }
        // -0.0 and 0.0 are one value, the first in total order kept.
        let t = Tally::new([(0.0, 0), (-0.0, 1)].into_iter(), 2);
        assert_eq!(t.values().len(), 1);
        assert!(t.values()[0].is_sign_negative());
        assert_eq!(t.counts(0), &[1, 1]);
    }

    proptest::proptest! {
        #[test]
        fn counting_agrees_with_sorting_on_any_sample(
            obs in proptest::collection::vec(
                (proptest::prop_oneof![
                    (0u32..40).prop_map(f64::from),
                    (0u32..80).prop_map(|k| f64::from(k) / 2.0),
                    proptest::prop_oneof![proptest::strategy::Just(-0.0), proptest::strategy::Just(1e9)],
                ], 0usize..4),
                0..200,
            )
        ) {
            let fast = Tally::new(obs.iter().copied(), 3);
            proptest::prop_assert_eq!(fast, by_sorting(&obs, 3));
        }
    }

    #[test]
    fn empty_and_out_of_range_classes() {
        let t = Tally::new(std::iter::empty(), 2);
        assert!(t.values().is_empty());
        let t = Tally::new([(1.0, 5), (1.0, 0)].into_iter(), 2);
        assert_eq!(t.counts(0), &[1, 0]);
    }
}
