//! Interned texts: each distinct id, e-mail, pseudonym or asset tag read from the files
//! is stored once, and rows hold a 4-byte [`Sym`] instead of their own `String`.
//!
//! Ten million asset events name a million tags and a hundred thousand people; with a
//! `String` per field that is ten million allocations, frees and scattered hash
//! look-ups. Interned, a row is a few words, a join is an index into a vector (the
//! `to_*` modules keep one slot per symbol), and the texts live in one buffer.
//!
//! Files are usually sorted by their id (an export lists one employee's or one asset's
//! rows together, a job history follows the people file's order, a team's members
//! share their manager), so [`Interner::intern`] first compares the text with a hint,
//! the symbol the same column gave on the row before, and the symbol after it: a match
//! skips the hash look-up. This changes speed, never the symbol returned (a test
//! checks it against a plain `HashMap`).

use std::collections::hash_map::Entry;
use std::hash::BuildHasher;

/// An interned text: its position in the [`Interner`] that returned it. Symbols are
/// dense (`0..len`), in first-seen order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Sym(u32);

impl Sym {
    /// The symbol's position, for vectors with one slot per symbol.
    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }

    /// The symbol at a position (of a vector with one slot per symbol).
    pub(crate) fn from_index(index: u32) -> Self {
        Self(index)
    }
}

/// The text of symbol `sym` in `text`, whose symbols end at `ends` (empty when out of
/// range).
fn text_of<'t>(text: &'t str, ends: &[usize], sym: u32) -> &'t str {
    let i = sym as usize;
    let start = match i.checked_sub(1) {
        Some(p) => ends.get(p).copied().unwrap_or(0),
        None => 0,
    };
    let end = ends.get(i).copied().unwrap_or(start);
    text.get(start..end).unwrap_or("")
}

/// No symbol (the end of a hash chain).
const NONE: u32 = u32::MAX;

/// Texts, each stored once, numbered in first-seen order.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    /// Every text, one after the other.
    text: String,
    /// Where each symbol's text ends in `text` (it starts where the previous one ends).
    ends: Vec<usize>,
    /// Hash of a text → the latest symbol with that hash.
    heads: crate::Map<u64, u32>,
    /// Per symbol, the previous symbol with the same hash (`NONE` at the end).
    chain: Vec<u32>,
}

impl Interner {
    /// The number of symbols.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The text of `sym` (empty for a symbol of another interner that is out of range).
    pub(crate) fn text(&self, sym: Sym) -> &str {
        text_of(&self.text, &self.ends, sym.0)
    }

    fn hash(text: &str) -> u64 {
        crate::Hasher::default().hash_one(text)
    }

    /// The symbol `hint` or its successor is, when `text` is theirs.
    fn near(&self, text: &str, hint: Option<Sym>) -> Option<u32> {
        let Sym(at) = hint?;
        if (at as usize) < self.len() && self.text(Sym(at)) == text {
            return Some(at);
        }
        let next = at.checked_add(1)?;
        ((next as usize) < self.len() && self.text(Sym(next)) == text).then_some(next)
    }

    /// The symbol of `text`, adding it if new; `None` only when the interner already
    /// holds `u32::MAX` texts. `hint` is the symbol the same column gave on the row
    /// before (it only saves time), and becomes the symbol returned.
    pub(crate) fn intern(&mut self, text: &str, hint: &mut Option<Sym>) -> Option<Sym> {
        if let Some(s) = self.near(text, *hint) {
            *hint = Some(Sym(s));
            return Some(Sym(s));
        }
        // One probe of the hash table, whether the text is new or not.
        let next = u32::try_from(self.len()).ok().filter(|s| *s != NONE);
        let Self {
            text: all,
            ends,
            heads,
            chain,
        } = self;
        let sym = match heads.entry(Self::hash(text)) {
            Entry::Occupied(mut head) => {
                // The symbols with this hash, latest first.
                let mut at = *head.get();
                while at != NONE && text_of(all, ends, at) != text {
                    at = chain.get(at as usize).copied().unwrap_or(NONE);
                }
                if at != NONE {
                    at
                } else {
                    let sym = next?;
                    chain.push(head.insert(sym));
                    sym
                }
            }
            Entry::Vacant(head) => {
                let sym = next?;
                head.insert(sym);
                chain.push(NONE);
                sym
            }
        };
        if sym as usize == ends.len() {
            all.push_str(text);
            ends.push(all.len());
        }
        *hint = Some(Sym(sym));
        Some(Sym(sym))
    }
}

/// The texts every file's rows name things by, interned across the files of one read:
/// employee ids as written, work e-mail addresses (lower case), pseudonymous ids and
/// asset tags; and the values of a few vocabularies already checked. Dropped with the rows when the read ends, so e-mail
/// addresses and pseudonyms are not kept after the join.
#[derive(Debug, Default)]
pub(crate) struct Names {
    /// Employee ids as the files write them.
    pub employees: Interner,
    /// Work e-mail addresses, lower case.
    pub emails: Interner,
    /// Pseudonymous ids (Viva Insights' hashed `PersonId`).
    pub pseudonyms: Interner,
    /// Asset tags.
    pub tags: Interner,
    /// Departments, countries, time zones and currencies read so far, by their text as
    /// written: each distinct text is checked once (and a department's name is then
    /// shared by all its employees).
    pub departments: crate::Map<Box<str>, remit_core::Department>,
    /// See `departments`.
    pub countries: crate::Map<Box<str>, remit_core::CountryCode>,
    /// See `departments`.
    pub zones: crate::Map<Box<str>, chrono_tz::Tz>,
    /// See `departments`.
    pub currencies: crate::Map<Box<str>, remit_core::Currency>,
    /// Room to lower-case an e-mail address without allocating.
    pub lower: String,
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// The interner against a plain map from text to first-seen position, on sorted,
    /// repeated, shuffled and colliding-looking texts.
    #[test]
    fn symbols_are_first_seen_positions_as_a_plain_map_gives() {
        let mut texts: Vec<String> = Vec::new();
        for i in 0..2_000u32 {
            texts.push(format!("E{i}"));
            if i % 3 == 0 {
                texts.push(format!("E{i}"));
            }
            if i % 7 == 0 {
                texts.push(format!("E{}", i / 2));
            }
        }
        texts.extend(["", "é", "E1", "e1", "E1 ", ""].map(str::to_owned));
        // A deterministic shuffle of a second copy.
        let mut shuffled = texts.clone();
        let mut state = 0x2545_f491_u64;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        for input in [&texts, &shuffled] {
            let mut interner = Interner::default();
            let mut plain: HashMap<&str, usize> = HashMap::new();
            // As a column's hint, and as stale or wrong hints.
            let mut hint = None;
            for (i, text) in input.iter().enumerate() {
                let next = plain.len();
                let want = *plain.entry(text.as_str()).or_insert(next);
                let mut wrong = Some(Sym::from_index(i as u32 % 5));
                let mut past_end = Some(Sym::from_index(u32::MAX - 1));
                for hint in [&mut hint, &mut wrong, &mut past_end] {
                    let got = interner.intern(text, hint).unwrap();
                    assert_eq!(got.index(), want, "{text:?}");
                    assert_eq!(*hint, Some(got));
                    assert_eq!(interner.text(got), text);
                }
            }
            assert_eq!(interner.len(), plain.len());
            for (text, want) in &plain {
                assert_eq!(
                    interner.intern(text, &mut None).map(Sym::index),
                    Some(*want)
                );
            }
            assert_eq!(interner.len(), plain.len());
        }
    }

    /// Texts whose hashes collide (forced here by pointing both hashes at one chain)
    /// are still told apart.
    #[test]
    fn a_hash_collision_keeps_both_texts() {
        let mut interner = Interner::default();
        let a = interner.intern("alpha", &mut None).unwrap();
        // "beta" hashes to a chain that starts at "alpha", as a collision would give.
        interner.heads.insert(Interner::hash("beta"), a.0);
        let b = interner.intern("beta", &mut None).unwrap();
        assert_ne!(a, b);
        // And "alpha"'s hash now leads to "beta" first: the chain is walked on.
        interner.heads.insert(Interner::hash("alpha"), b.0);
        assert_eq!(interner.intern("alpha", &mut None), Some(a));
        assert_eq!(interner.intern("beta", &mut None), Some(b));
        assert_eq!(interner.len(), 2);
        assert_eq!(interner.text(b), "beta");
    }
}
