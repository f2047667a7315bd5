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

/// The most symbols an interner holds (`0..u32::MAX`: a slot stores `sym + 1`).
const MAX_SYMBOLS: u32 = u32::MAX;

/// The fewest slots a table that holds anything has.
const MIN_SLOTS: usize = 1024;

/// Texts, each stored once, numbered in first-seen order.
///
/// The look-up table is open addressing with linear probing, at most half full: a
/// slot is `0` (empty) or `(tag << 32) | (sym + 1)`, where `tag` is the high half of
/// the text's 64-bit hash and also chooses the first slot (its low bits). One slot
/// is 8 bytes, so finding or adding a text touches one cache line, the text is
/// hashed once, and growing re-places the slots from their tags without re-reading
/// or re-hashing any text.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    /// Every text, one after the other.
    text: String,
    /// Where each symbol's text ends in `text` (it starts where the previous one ends).
    ends: Vec<usize>,
    /// The hash table (a power-of-two length, or empty before the first text).
    slots: Vec<u64>,
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

    /// The table's tag of a text: the high half of its hash.
    fn tag(text: &str) -> u32 {
        (crate::Hasher::default().hash_one(text) >> 32) as u32
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

    /// Doubles the table (or makes the first one), re-placing every slot by its tag.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(MIN_SLOTS);
        let mask = size - 1;
        let mut slots = vec![0u64; size];
        for &slot in self.slots.iter().filter(|s| **s != 0) {
            let mut i = (slot >> 32) as usize & mask;
            // Half full at most: an empty slot is always ahead.
            while let Some(held) = slots.get_mut(i) {
                if *held == 0 {
                    *held = slot;
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        self.slots = slots;
    }

    /// The symbol of `text`, adding it if new; `None` only when the interner already
    /// holds `u32::MAX` texts. `hint` is the symbol the same column gave on the row
    /// before (it only saves time), and becomes the symbol returned.
    pub(crate) fn intern(&mut self, text: &str, hint: &mut Option<Sym>) -> Option<Sym> {
        if let Some(s) = self.near(text, *hint) {
            *hint = Some(Sym(s));
            return Some(Sym(s));
        }
        let sym = self.intern_tagged(text, Self::tag(text))?;
        *hint = Some(Sym(sym));
        Some(Sym(sym))
    }

    /// The symbol of `text`, whose tag is `tag`, adding it if new (see
    /// [`intern`](Self::intern)).
    fn intern_tagged(&mut self, text: &str, tag: u32) -> Option<u32> {
        if (self.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let Self {
            text: all,
            ends,
            slots,
        } = self;
        let mut i = tag as usize & mask;
        loop {
            let held = slots.get_mut(i)?;
            if *held == 0 {
                let sym = u32::try_from(ends.len())
                    .ok()
                    .filter(|s| *s < MAX_SYMBOLS)?;
                *held = (u64::from(tag) << 32) | u64::from(sym + 1);
                all.push_str(text);
                ends.push(all.len());
                return Some(sym);
            }
            if (*held >> 32) as u32 == tag {
                // Slots hold `sym + 1`, never 0.
                let sym = (*held as u32).wrapping_sub(1);
                if text_of(all, ends, sym) == text {
                    return Some(sym);
                }
            }
            i = (i + 1) & mask;
        }
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
    /// Asset tags as the files write them, each stored once.
    pub tags: Interner,
    /// Departments, countries, time zones and currencies read so far, by their text as
    /// written: each distinct text is checked once (and a department's name is then
    /// shared by all its employees).
    pub departments: crate::Map<Box<str>, remit_core::Department>,
    /// Country codes (ISO 3166-1 alpha-2) by their text as written, each checked once.
    pub countries: crate::Map<Box<str>, remit_core::CountryCode>,
    /// IANA time zones by their text as written, each looked up once.
    pub zones: crate::Map<Box<str>, chrono_tz::Tz>,
    /// ISO 4217 currencies by their text as written, each checked once.
    pub currencies: crate::Map<Box<str>, remit_core::Currency>,
    /// Room to lower-case an e-mail address without allocating.
    pub lower: String,
    /// The people file's e-mail addresses (lower case), in row order, not yet interned:
    /// they become join keys only when another file names people by e-mail (see
    /// [`Rows::settle_people_emails`](crate::read::Rows::settle_people_emails)).
    pub people_emails: TextList,
}

/// Texts kept one after the other, without a hash table: a list that costs no look-up
/// to fill.
#[derive(Debug, Default)]
pub(crate) struct TextList {
    text: String,
    /// Where each text ends in `text`.
    ends: Vec<usize>,
}

impl TextList {
    /// Adds `text`; its index, or `None` past `u32::MAX` texts.
    pub(crate) fn push(&mut self, text: &str) -> Option<u32> {
        let index = u32::try_from(self.ends.len()).ok()?;
        self.text.push_str(text);
        self.ends.push(self.text.len());
        Some(index)
    }

    /// The text at `index` (empty out of range).
    pub(crate) fn get(&self, index: u32) -> &str {
        text_of(&self.text, &self.ends, index)
    }

    /// Every text, in order.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = &str> + Clone {
        (0..self.ends.len()).map(|i| u32::try_from(i).map_or("", |i| self.get(i)))
    }

    /// Empties the list, giving its memory back.
    pub(crate) fn clear(&mut self) {
        *self = Self::default();
    }
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

    /// Texts whose tags collide (forced here) are still told apart, found again, and
    /// kept apart when the table grows.
    #[test]
    fn a_tag_collision_keeps_both_texts() {
        let mut interner = Interner::default();
        let a = interner.intern_tagged("alpha", 7).unwrap();
        let b = interner.intern_tagged("beta", 7).unwrap();
        assert_ne!(a, b);
        assert_eq!(interner.intern_tagged("alpha", 7), Some(a));
        assert_eq!(interner.intern_tagged("beta", 7), Some(b));
        // Past several doublings of the table.
        for i in 0..5_000 {
            interner.intern(&format!("t{i}"), &mut None).unwrap();
        }
        assert!(interner.slots.len() > MIN_SLOTS);
        assert_eq!(interner.intern_tagged("beta", 7), Some(b));
        assert_eq!(interner.intern_tagged("alpha", 7), Some(a));
        assert_eq!(interner.len(), 5_002);
        assert_eq!(interner.text(Sym(b)), "beta");
    }
}
