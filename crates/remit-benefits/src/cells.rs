//! Groups of employees as the disclosure engine sees them: rows of the valuation (the
//! population's local indices), grouped by a key and released one cut at a time.

use std::hash::Hash;

use remit_core::disclosure::{Audience, Decision, Disclosure, DisclosureError, Population};

use crate::FastMap;

/// The rows grouped by key, ascending by key, each group's rows ascending (rows are
/// visited in ascending order). Keys with no row are absent.
pub(crate) fn by_key<K: Copy + Eq + Hash + Ord>(
    rows: impl IntoIterator<Item = (u32, K)>,
) -> Vec<(K, Vec<u32>)> {
    let mut groups: FastMap<K, Vec<u32>> = FastMap::default();
    for (row, key) in rows {
        groups.entry(key).or_default().push(row);
    }
    let mut cells: Vec<(K, Vec<u32>)> = groups.into_iter().collect();
    cells.sort_unstable_by_key(|(key, _)| *key);
    cells
}

/// Releases the cells of one cut through the engine (largest first, as
/// [`Disclosure::release_cells`] orders them) and returns one decision per cell, in the
/// cells' order.
pub(crate) fn release_cut<K>(
    disclosure: &mut Disclosure,
    population: &Population,
    cells: &[(K, Vec<u32>)],
) -> Result<Vec<Decision>, DisclosureError> {
    let slices: Vec<&[u32]> = cells.iter().map(|(_, rows)| rows.as_slice()).collect();
    disclosure.release_cells(population, &slices, Audience::General)
}

/// Releases one group; an empty group is granted (it describes nobody and is shown as
/// absent, never as a zero).
pub(crate) fn release(
    disclosure: &mut Disclosure,
    population: &Population,
    rows: &[u32],
) -> Result<Decision, DisclosureError> {
    disclosure.release(population, rows, Audience::General)
}
