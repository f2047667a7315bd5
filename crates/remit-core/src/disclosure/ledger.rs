//! One population's release ledger: the atom partition of everyone a released set ever
//! touched, refined one release at a time.
//!
//! # Why atoms
//!
//! Every published number about a population is a function of a sum over one released
//! set of its people (a count, a total, a mean with its count). A reader who adds and
//! subtracts published sums can compute exactly the linear combinations of released
//! sets' indicator vectors. People who are in exactly the same released sets are
//! indistinguishable to every such combination: they form one *atom*, and any
//! combination is constant on each atom. So a combination whose support is a set `T`
//! needs `T` to be a union of whole atoms. If every non-empty atom holds at least `k`
//! people, no combination isolates fewer than `k` people, whatever the reader does.
//!
//! A release is granted only if, after refining the partition by the new set, every
//! non-empty atom still holds at least `k` people; the refinement is then committed.
//! People who were never in a released set appear in no published sum and are not
//! constrained.
//!
//! The check looks only at which people are in which set, never at their values, so a
//! refusal tells the reader nothing the membership lists do not.
//!
//! # Cost
//!
//! A release of `m` people costs `O(m)`: one pass counts the set's members per atom, a
//! second reassigns them. Atom ids grow by at most one per touched atom per release.

/// Marks a person no granted release has touched.
const UNRELEASED: u32 = u32::MAX;

/// Why the ledger refused a set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The set itself is smaller than the minimum.
    TooSmall,
    /// Publishing the set would split an atom into a part smaller than the minimum.
    WouldIsolate,
}

/// The atom partition of one population; see the [module documentation](self).
///
/// Persons are numbered by the population's global index (the order in which the ledger
/// first saw them, departed people included).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct AtomLedger {
    /// Global index → atom id, or [`UNRELEASED`].
    atom_of: Vec<u32>,
    /// Atom id → number of people in it (0 for an atom that was split away entirely).
    sizes: Vec<u32>,
    /// Scratch: atom id → members of the current set in it.
    scratch: Vec<u32>,
    /// Scratch: atoms the current set touches, in first-touch order.
    touched: Vec<u32>,
    /// Scratch: global index → generation stamp, to detect a person listed twice.
    stamps: Vec<u32>,
    generation: u32,
}

impl AtomLedger {
    /// A ledger of `people` people, none released yet.
    pub(crate) fn new(people: usize) -> Self {
        Self {
            atom_of: vec![UNRELEASED; people],
            ..Self::default()
        }
    }

    /// Rebuilds a ledger from its saved atom assignment; `None` if an atom id is out of
    /// range of the assignment (a corrupted state).
    pub(crate) fn from_atoms(atom_of: Vec<u32>) -> Option<Self> {
        let mut sizes: Vec<u32> = Vec::new();
        for &atom in &atom_of {
            if atom == UNRELEASED {
                continue;
            }
            let index = usize::try_from(atom).ok()?;
            if index >= atom_of.len() {
                return None;
            }
            if sizes.len() <= index {
                sizes.resize(index + 1, 0);
            }
            sizes[index] += 1;
        }
        Some(Self {
            atom_of,
            sizes,
            ..Self::default()
        })
    }

    /// Renumbers atoms densely (0, 1, … in order of first appearance) so a saved state
    /// does not carry the ids of atoms that were split away.
    pub(crate) fn compact_atoms(&self) -> Vec<u32> {
        let mut renumber = vec![UNRELEASED; self.sizes.len()];
        let mut next = 0u32;
        self.atom_of
            .iter()
            .map(|&atom| {
                if atom == UNRELEASED {
                    return UNRELEASED;
                }
                let slot = &mut renumber[atom as usize];
                if *slot == UNRELEASED {
                    *slot = next;
                    next += 1;
                }
                *slot
            })
            .collect()
    }

    /// Adds `more` people, none released yet.
    pub(crate) fn grow(&mut self, more: usize) {
        self.atom_of.resize(self.atom_of.len() + more, UNRELEASED);
    }

    /// Whether a person was in at least one granted release.
    pub(crate) fn is_released(&self, person: u32) -> bool {
        self.atom_of
            .get(person as usize)
            .is_some_and(|&atom| atom != UNRELEASED)
    }

    /// The sizes of the non-empty atoms, for diagnostics and tests.
    pub(crate) fn atom_sizes(&self) -> impl Iterator<Item = u32> + '_ {
        self.sizes.iter().copied().filter(|&size| size > 0)
    }

    /// Whether `set` (distinct global indices, all `< people()`) is a valid set: `Err`
    /// names the first index that is out of range or repeated.
    pub(crate) fn check_members(&mut self, set: &[u32]) -> Result<(), u32> {
        // Most sets arrive ascending: then distinctness is one comparison per member, and
        // the last member bounds them all, with no stamp table to fill.
        if set.windows(2).all(|pair| pair[0] < pair[1]) {
            return match set.last() {
                Some(&last) if last as usize >= self.atom_of.len() => Err(set
                    .iter()
                    .copied()
                    .find(|&p| p as usize >= self.atom_of.len())
                    .unwrap_or(last)),
                _ => Ok(()),
            };
        }
        if self.stamps.len() < self.atom_of.len() {
            self.stamps.resize(self.atom_of.len(), 0);
        }
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamps.iter_mut().for_each(|s| *s = 0);
            self.generation = 1;
        }
        for &person in set {
            let Some(stamp) = self.stamps.get_mut(person as usize) else {
                return Err(person);
            };
            if *stamp == self.generation {
                return Err(person);
            }
            *stamp = self.generation;
        }
        Ok(())
    }

    /// Decides whether `set` may be released with minimum `min` and, if so, commits the
    /// refinement. `set` must hold distinct, in-range indices ([`Self::check_members`]).
    pub(crate) fn release(&mut self, set: &[u32], min: u32) -> Result<(), Refusal> {
        if set.is_empty() {
            return Ok(());
        }
        if set.len() < min as usize {
            return Err(Refusal::TooSmall);
        }
        let verdict = self.tally(set, min);
        if verdict.is_ok() {
            self.commit(set);
        }
        self.clear_tally();
        verdict
    }

    /// Decides like [`Self::release`] without committing anything.
    pub(crate) fn would_release(&mut self, set: &[u32], min: u32) -> Result<(), Refusal> {
        if set.is_empty() {
            return Ok(());
        }
        if set.len() < min as usize {
            return Err(Refusal::TooSmall);
        }
        let verdict = self.tally(set, min);
        self.clear_tally();
        verdict
    }

    /// Counts the set's members per atom into `scratch` and checks every split part.
    fn tally(&mut self, set: &[u32], min: u32) -> Result<(), Refusal> {
        if self.scratch.len() < self.sizes.len() {
            self.scratch.resize(self.sizes.len(), 0);
        }
        let mut fresh = 0u32;
        for &person in set {
            let atom = self.atom_of[person as usize];
            if atom == UNRELEASED {
                fresh += 1;
                continue;
            }
            let count = &mut self.scratch[atom as usize];
            if *count == 0 {
                self.touched.push(atom);
            }
            *count += 1;
        }
        if fresh > 0 && fresh < min {
            return Err(Refusal::WouldIsolate);
        }
        for &atom in &self.touched {
            let inside = self.scratch[atom as usize];
            let outside = self.sizes[atom as usize] - inside;
            if inside < min || (outside > 0 && outside < min) {
                return Err(Refusal::WouldIsolate);
            }
        }
        Ok(())
    }

    /// Refines the partition by `set` whatever the sizes of the parts (the rank test
    /// decides about small parts itself), returning each split atom as `(old id, id of
    /// its part inside the set)` and the id of the atom of the set's never-released
    /// members, if any. `set` must hold distinct, in-range indices.
    pub(crate) fn refine(&mut self, set: &[u32]) -> (Vec<(u32, u32)>, Option<u32>) {
        if self.scratch.len() < self.sizes.len() {
            self.scratch.resize(self.sizes.len(), 0);
        }
        let mut has_fresh = false;
        for &person in set {
            let atom = self.atom_of[person as usize];
            if atom == UNRELEASED {
                has_fresh = true;
                continue;
            }
            let count = &mut self.scratch[atom as usize];
            if *count == 0 {
                self.touched.push(atom);
            }
            *count += 1;
        }
        let before = self.sizes.len() as u32;
        let whole: Vec<bool> = self
            .touched
            .iter()
            .map(|&a| self.scratch[a as usize] == self.sizes[a as usize])
            .collect();
        let touched = self.touched.clone();
        self.commit(set);
        let splits = touched
            .iter()
            .zip(whole)
            .filter(|&(_, whole)| !whole)
            .map(|(&old, _)| (old, self.scratch[old as usize]))
            .collect();
        self.clear_tally();
        let fresh = has_fresh.then(|| {
            // The fresh atom is the last one `commit` created.
            (self.sizes.len() as u32 - 1).max(before)
        });
        (splits, fresh)
    }

    /// The atom of a person (`None` if never released).
    pub(crate) fn atom_of(&self, person: u32) -> Option<u32> {
        self.atom_of
            .get(person as usize)
            .copied()
            .filter(|&a| a != UNRELEASED)
    }

    /// The number of atom ids in use (dead ids included).
    pub(crate) fn atom_ids(&self) -> usize {
        self.sizes.len()
    }

    /// The size of an atom.
    pub(crate) fn size_of(&self, atom: u32) -> u32 {
        self.sizes.get(atom as usize).copied().unwrap_or(0)
    }

    /// Splits every touched atom into its part inside the set (a new atom) and the rest
    /// (keeping the old id), and gathers the set's never-released members into one new
    /// atom. Uses the counts `tally` left in `scratch`.
    fn commit(&mut self, set: &[u32]) {
        // Reuse `scratch` as atom id → the id its inside part moves to.
        let mut fresh_atom = UNRELEASED;
        for index in 0..self.touched.len() {
            let atom = self.touched[index] as usize;
            let inside = self.scratch[atom];
            if inside == self.sizes[atom] {
                // The whole atom is in the set: it stays as it is.
                self.scratch[atom] = atom as u32;
            } else {
                let new_id = self.sizes.len() as u32;
                self.sizes.push(inside);
                self.sizes[atom] -= inside;
                self.scratch[atom] = new_id;
            }
        }
        for &person in set {
            let slot = &mut self.atom_of[person as usize];
            if *slot == UNRELEASED {
                if fresh_atom == UNRELEASED {
                    fresh_atom = self.sizes.len() as u32;
                    self.sizes.push(0);
                }
                self.sizes[fresh_atom as usize] += 1;
                *slot = fresh_atom;
            } else {
                *slot = self.scratch[*slot as usize];
            }
        }
    }

    fn clear_tally(&mut self) {
        for &atom in &self.touched {
            if let Some(count) = self.scratch.get_mut(atom as usize) {
                *count = 0;
            }
        }
        self.touched.clear();
        if self.scratch.len() < self.sizes.len() {
            self.scratch.resize(self.sizes.len(), 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ledger(people: usize) -> AtomLedger {
        AtomLedger::new(people)
    }

    #[test]
    fn a_total_then_its_parts_leaves_no_small_remainder() {
        let mut l = ledger(13);
        let everyone: Vec<u32> = (0..13).collect();
        assert_eq!(l.release(&everyone, 5), Ok(()));
        // Onsite 0..5, remote 5..10, hybrid 10..13 (three people).
        assert_eq!(l.release(&[0, 1, 2, 3, 4], 5), Ok(()));
        assert_eq!(l.release(&[10, 11, 12], 5), Err(Refusal::TooSmall));
        // Remote would leave hybrid = total − onsite − remote: three people.
        assert_eq!(l.release(&[5, 6, 7, 8, 9], 5), Err(Refusal::WouldIsolate));
        let mut sizes: Vec<u32> = l.atom_sizes().collect();
        sizes.sort_unstable();
        assert_eq!(sizes, vec![5, 8]);
    }

    #[test]
    fn a_refused_release_changes_nothing() {
        let mut l = ledger(12);
        assert_eq!(l.release(&(0..12).collect::<Vec<_>>(), 5), Ok(()));
        let before = l.clone().compact_atoms();
        assert_eq!(
            l.release(&[0, 1, 2, 3, 4, 5, 6, 7, 8], 5),
            Err(Refusal::WouldIsolate)
        );
        assert_eq!(l.compact_atoms(), before);
    }

    #[test]
    fn never_released_people_form_one_new_atom_that_must_be_large_enough() {
        let mut l = ledger(20);
        assert_eq!(l.release(&[0, 1, 2, 3, 4, 5], 5), Ok(()));
        // Six released people plus two new ones: the two new ones would be an atom of 2.
        assert_eq!(
            l.release(&[0, 1, 2, 3, 4, 5, 6, 7], 5),
            Err(Refusal::WouldIsolate)
        );
        assert_eq!(l.release(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5), Ok(()));
        let mut sizes: Vec<u32> = l.atom_sizes().collect();
        sizes.sort_unstable();
        assert_eq!(sizes, vec![5, 6]);
    }

    #[test]
    fn members_listed_twice_or_out_of_range_are_named() {
        let mut l = ledger(4);
        assert_eq!(l.check_members(&[0, 1, 2]), Ok(()));
        assert_eq!(l.check_members(&[0, 1, 0]), Err(0));
        assert_eq!(l.check_members(&[3, 4]), Err(4));
    }

    #[test]
    fn saved_atoms_restore_the_same_partition() {
        let mut l = ledger(15);
        l.release(&(0..15).collect::<Vec<_>>(), 5).unwrap();
        l.release(&(0..7).collect::<Vec<_>>(), 5).unwrap();
        let saved = l.compact_atoms();
        let mut restored = AtomLedger::from_atoms(saved.clone()).unwrap();
        assert_eq!(restored.compact_atoms(), saved);
        assert_eq!(restored.release(&[0, 1, 2], 5), Err(Refusal::TooSmall));
        assert_eq!(
            restored.release(&[0, 1, 2, 3, 4, 5], 5),
            Err(Refusal::WouldIsolate)
        );
    }

    #[test]
    fn corrupted_saved_atoms_are_rejected() {
        assert!(AtomLedger::from_atoms(vec![0, 7]).is_none());
    }
}
