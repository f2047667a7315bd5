//! [`Enrolments`]: who receives which benefit, how often they use it, and how many days a
//! week they come to the office.

use crate::FastMap;
use remit_core::{BenefitId, EmployeeId};
use rust_decimal::Decimal;

use crate::catalogue::{Catalogue, OfficeDays};
use crate::error::Error;

/// Bit layout of one packed line (a `u64`): the catalogue position in the top 16 bits, a
/// 6-bit tag, and 42 bits of payload. Tag 0: no value (`None`, the expected use); tags
/// 1..=29: a non-negative decimal of scale `tag − 1` whose mantissa is the payload;
/// [`TAG_SPILLED`]: the payload indexes the spill list of decimals that do not fit.
const POSITION_SHIFT: u32 = 48;
const TAG_SHIFT: u32 = 42;
const TAG_MASK: u64 = 0x3F;
const PAYLOAD_MASK: u64 = (1 << TAG_SHIFT) - 1;
const TAG_SPILLED: u64 = TAG_MASK;

/// The value part of a packed word, unpacked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Packed {
    /// No value: the benefit's expected use (or no recorded office days).
    Absent,
    /// A non-negative decimal `mantissa × 10^−scale` (scale ≤ 28).
    Inline {
        /// The mantissa, below 2^42.
        mantissa: u64,
        /// The scale.
        scale: u32,
    },
    /// A decimal kept whole (large, negative zero, or otherwise unpackable).
    Spilled(Decimal),
}

impl Packed {
    /// The decimal, if any.
    pub(crate) fn decimal(self) -> Option<Decimal> {
        match self {
            Packed::Absent => None,
            Packed::Inline { mantissa, scale } => {
                Decimal::try_from_i128_with_scale(i128::from(mantissa), scale).ok()
            }
            Packed::Spilled(d) => Some(d),
        }
    }
}

/// Packs an optional decimal into the low 48 bits of a word.
#[inline]
fn pack(value: Option<Decimal>, spilled: &mut Vec<Decimal>) -> u64 {
    let Some(d) = value else {
        return 0;
    };
    let mantissa = d.mantissa();
    if !d.is_sign_negative()
        && let Ok(m) = u64::try_from(mantissa)
        && m <= PAYLOAD_MASK
    {
        return ((u64::from(d.scale()) + 1) << TAG_SHIFT) | m;
    }
    spilled.push(d);
    // A spill list of 2^42 decimals (64 TiB) cannot be allocated, so the index fits.
    (TAG_SPILLED << TAG_SHIFT) | ((spilled.len() as u64 - 1) & PAYLOAD_MASK)
}

fn unpack(word: u64, spilled: &[Decimal]) -> Packed {
    let payload = word & PAYLOAD_MASK;
    match (word >> TAG_SHIFT) & TAG_MASK {
        0 => Packed::Absent,
        TAG_SPILLED => usize::try_from(payload)
            .ok()
            .and_then(|i| spilled.get(i))
            .map_or(Packed::Absent, |d| Packed::Spilled(*d)),
        tag @ 1..=29 => Packed::Inline {
            mantissa: payload,
            scale: (tag - 1) as u32,
        },
        // Never written.
        _ => Packed::Absent,
    }
}

/// The catalogue position of a packed line.
pub(crate) const fn position(word: u64) -> u16 {
    (word >> POSITION_SHIFT) as u16
}

/// Low bits of an index slot: the record position + 1 (0 marks an empty slot).
const SLOT_POSITION: u64 = (1 << 40) - 1;

/// The well-mixed 64-bit hash of an employee id (UUIDs are already uniform; the multiply
/// spreads them into the top bits the index uses).
fn hash_id(id: EmployeeId) -> u64 {
    let (hi, lo) = id.as_uuid().as_u64_pair();
    (hi ^ lo.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// An open-addressing index from employee id to record position: one 8-byte slot per
/// entry holding 24 bits of the id's hash and the position + 1, linear probing, at most
/// half full. A look-up touches one cache line (a general hash map touches two) and a
/// million employees take 16 MiB.
///
/// Kept instead of `std::collections::HashMap` with `foldhash` (issue 16 asks for the
/// well-kept map unless it measurably loses): with the std map (`u32` or `usize`
/// positions, one probe per new employee, the batch pre-read kept or dropped) the bulk
/// load of `remit_synth::benefits::benefit_data` at 1 000 000 employees took 460–540 ms
/// CPU against 250–270 ms with this index, in the same run on the same 2-core machine
/// (`benefit_equity_audit --employees 1000000`, 3–4 alternating runs each, 2026-12-07).
#[derive(Debug, Clone, Default)]
struct IdIndex {
    slots: Vec<u64>,
    shift: u32,
    len: usize,
}

impl IdIndex {
    /// `(Some(position), _)` if indexed, else `(None, the empty slot to insert at)`.
    fn find(&self, id: EmployeeId, ids: &[EmployeeId]) -> (Option<usize>, usize) {
        if self.slots.is_empty() {
            return (None, 0);
        }
        let hash = hash_id(id);
        let tag = hash >> 40;
        let mask = self.slots.len() - 1;
        let mut i = (hash >> self.shift) as usize & mask;
        // Terminates: the table is never more than half full.
        loop {
            let Some(&slot) = self.slots.get(i) else {
                return (None, i);
            };
            if slot == 0 {
                return (None, i);
            }
            if slot >> 40 == tag {
                let position = (slot & SLOT_POSITION) as usize - 1;
                if ids.get(position) == Some(&id) {
                    return (Some(position), i);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Reads the home slot of each id, all loads independent of each other, so their
    /// cache misses overlap; the look-ups that follow then hit the cache.
    fn touch(&self, ids: impl Iterator<Item = EmployeeId>) {
        if self.slots.is_empty() {
            return;
        }
        let mask = self.slots.len() - 1;
        let mut folded = 0u64;
        for id in ids {
            let i = (hash_id(id) >> self.shift) as usize & mask;
            folded ^= self.slots.get(i).copied().unwrap_or(0);
        }
        std::hint::black_box(folded);
    }

    /// Makes room for `more` entries, rebuilding from `ids` when the table grows.
    fn reserve(&mut self, more: usize, ids: &[EmployeeId]) {
        let needed = (self.len + more)
            .saturating_mul(2)
            .max(16)
            .next_power_of_two();
        if needed <= self.slots.len() {
            return;
        }
        self.slots = vec![0; needed];
        self.shift = 64 - needed.trailing_zeros();
        self.len = 0;
        for (position, id) in ids.iter().enumerate() {
            let (_, at) = self.find(*id, ids);
            self.put(at, *id, position);
        }
    }

    fn put(&mut self, at: usize, id: EmployeeId, position: usize) {
        if let Some(slot) = self.slots.get_mut(at) {
            *slot = (hash_id(id) >> 40 << 40) | ((position as u64 + 1) & SLOT_POSITION);
            self.len += 1;
        }
    }
}

/// One employee's record: where their lines live in the arena and their office days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Record {
    start: usize,
    len: u32,
    cap: u32,
    office_days: u64,
}

/// One employee's enrolments, borrowed from [`Enrolments`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct EmployeeLines<'a> {
    office_days: u64,
    words: &'a [u64],
    spilled: &'a [Decimal],
}

impl<'a> EmployeeLines<'a> {
    /// The packed lines (see [`position`] and [`EmployeeLines::uses`]).
    pub(crate) fn words(&self) -> &'a [u64] {
        self.words
    }
    /// The actual uses of a packed line, if recorded.
    pub(crate) fn uses(&self, word: u64) -> Packed {
        unpack(word, self.spilled)
    }
    /// The recorded office days, if any.
    pub(crate) fn office_days(&self) -> Option<OfficeDays> {
        unpack(self.office_days, self.spilled)
            .decimal()
            .and_then(OfficeDays::new)
    }
    /// The packed office days (0 when none are recorded), for caching.
    pub(crate) fn office_days_word(&self) -> u64 {
        self.office_days
    }
}

/// Which employees receive which benefits of one [`Catalogue`].
///
/// Benefit ids are checked against the catalogue as they are added, so the audit never
/// meets an unknown benefit. An employee's office days (for pro-rating per-office-day
/// perks) are optional: onsite staff default to a full week, hybrid staff to the audit's
/// configured default, remote staff to none.
///
/// ```
/// use remit_benefits::{Benefit, Catalogue, Enrolments, OfficeDays, Valuation};
/// use remit_core::{BenefitId, Currency, EmployeeId, Money};
/// use rust_decimal::Decimal;
///
/// let eur = Currency::new("EUR")?;
/// let lunch = Benefit::builder(BenefitId::from_external("lunch"), "Lunch")
///     .valuation(Valuation::per_use(Money::new(Decimal::from(7), eur), Decimal::from(200)))
///     .build()?;
/// let catalogue = Catalogue::builder().benefit(lunch.clone()).build()?;
///
/// let mut enrolments = Enrolments::new(&catalogue);
/// let alice = EmployeeId::from_external("alice");
/// enrolments.enrol_with_uses(alice, lunch.id(), Decimal::from(120))?;
/// enrolments.set_office_days(alice, OfficeDays::new(Decimal::from(3)).expect("0..=7"));
/// assert_eq!(enrolments.benefits_of(alice).count(), 1);
/// // Enrolled twice: refused, naming the employee and the benefit.
/// assert!(matches!(
///     enrolments.enrol(alice, lunch.id()),
///     Err(remit_benefits::Error::DuplicateEnrolment { employee, benefit, .. })
///         if employee == alice && benefit == lunch.id()
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Storage
///
/// Lines live in one arena of packed 8-byte words (catalogue position and actual uses),
/// with one small record per employee, so a million employees with twenty benefits each
/// take about 200 MB and loading them allocates nothing per employee. Employees enrolled
/// one after another (the usual bulk load) are stored contiguously; adding a line to an
/// earlier employee moves that employee's lines to the end of the arena with room to
/// grow, and the arena is compacted when more than half of it is stale.
#[derive(Clone)]
pub struct Enrolments {
    catalogue: Vec<BenefitId>,
    /// The benefits' names, for errors that name a benefit the caller's way.
    names: Vec<String>,
    index: FastMap<BenefitId, u16>,
    /// Employees in first-seen order, so a valuation walking a roster in the same order
    /// reads them sequentially.
    ids: Vec<EmployeeId>,
    records: Vec<Record>,
    by_employee: IdIndex,
    words: Vec<u64>,
    spilled: Vec<Decimal>,
    /// Arena words no record owns any more.
    stale: usize,
    lines: usize,
    /// Duplicate detection scratch: `seen[position] == generation` when marked.
    seen: Vec<u32>,
    generation: u32,
    /// Lines of the current call, validated and not yet written (scratch, reused).
    staged: Vec<(u16, Option<Decimal>)>,
    /// While a bulk call runs: what to restore if it fails.
    journal: Option<Journal>,
}

/// The state before a bulk call ([`Enrolments::enrol_many`]), to restore on failure.
/// Everything the call appends lies past these lengths; records that existed before it
/// and that it changes are saved before their first change.
#[derive(Debug, Clone, Default)]
struct Journal {
    ids: usize,
    records: usize,
    words: usize,
    spilled: usize,
    stale: usize,
    lines: usize,
    saved: Vec<(usize, Record)>,
}

impl std::fmt::Debug for Enrolments {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Enrolments")
            .field("benefits", &self.catalogue.len())
            .field("employees", &self.ids.len())
            .field("lines", &self.lines)
            .finish_non_exhaustive()
    }
}

/// Equal when made against the same catalogue with the same employees (in the same
/// first-seen order), the same lines in the same order and the same office days,
/// however the arena happens to be laid out.
impl PartialEq for Enrolments {
    fn eq(&self, other: &Self) -> bool {
        self.catalogue == other.catalogue
            && self.ids == other.ids
            && self.lines == other.lines
            && (0..self.ids.len()).all(|i| match (self.lines_at(i), other.lines_at(i)) {
                (Some(a), Some(b)) => {
                    a.office_days() == b.office_days()
                        && a.words.len() == b.words.len()
                        && a.words.iter().zip(b.words).all(|(x, y)| {
                            position(*x) == position(*y)
                                && a.uses(*x).decimal() == b.uses(*y).decimal()
                        })
                }
                _ => false,
            })
    }
}

impl Eq for Enrolments {}

impl Enrolments {
    /// No enrolments yet, against this catalogue.
    pub fn new(catalogue: &Catalogue) -> Self {
        let ids: Vec<BenefitId> = catalogue.benefits().iter().map(|b| b.id()).collect();
        let names = catalogue
            .benefits()
            .iter()
            .map(|b| b.name().to_owned())
            .collect();
        let index = ids
            .iter()
            .enumerate()
            .filter_map(|(i, id)| u16::try_from(i).ok().map(|i| (*id, i)))
            .collect();
        Self {
            seen: vec![0; ids.len()],
            staged: Vec::new(),
            journal: None,
            catalogue: ids,
            names,
            index,
            ids: Vec::new(),
            records: Vec::new(),
            by_employee: IdIndex::default(),
            words: Vec::new(),
            spilled: Vec::new(),
            stale: 0,
            lines: 0,
            generation: 0,
        }
    }

    /// Reserves room for this many more employees.
    pub fn reserve(&mut self, employees: usize) {
        self.by_employee.reserve(employees, &self.ids);
        self.ids.reserve(employees);
        self.records.reserve(employees);
    }

    /// Reserves room for this many more enrolment lines (a bulk load that knows its size
    /// avoids the arena's growth by doubling).
    pub fn reserve_lines(&mut self, lines: usize) {
        self.words.reserve_exact(lines);
    }

    /// The position of a benefit in the catalogue, or the error naming the enrolment.
    fn position_of(&self, employee: EmployeeId, benefit: BenefitId) -> Result<u16, Error> {
        self.index
            .get(&benefit)
            .copied()
            .ok_or_else(|| Error::UnknownBenefit {
                context: format!("enrolment of employee {employee}"),
                benefit,
            })
    }

    fn benefit_at(&self, position: u16) -> Option<BenefitId> {
        self.catalogue.get(usize::from(position)).copied()
    }

    /// The name of the benefit at a position (empty past the end).
    fn name_at(&self, position: u16) -> String {
        self.names
            .get(usize::from(position))
            .cloned()
            .unwrap_or_default()
    }

    /// The benefit at a position, or the error naming the enrolment.
    fn benefit_for(&self, employee: EmployeeId, position: u16) -> Result<BenefitId, Error> {
        self.benefit_at(position)
            .ok_or_else(|| Error::UnknownPosition {
                employee,
                position: usize::from(position),
                benefits: self.catalogue.len(),
            })
    }

    /// Starts a duplicate check for one employee: marks the lines they already hold
    /// (none for an employee without a record).
    fn mark_existing(&mut self, record: Option<usize>) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.seen.iter_mut().for_each(|s| *s = 0);
            self.generation = 1;
        }
        let Some(r) = record.and_then(|i| self.records.get(i)).copied() else {
            return;
        };
        let generation = self.generation;
        if let Some(words) = self.words.get(r.start..r.start + r.len as usize) {
            for w in words {
                if let Some(s) = self.seen.get_mut(usize::from(position(*w))) {
                    *s = generation;
                }
            }
        }
    }

    /// Marks a position for the current duplicate check; false if it was marked already.
    fn mark(&mut self, position: u16) -> bool {
        match self.seen.get_mut(usize::from(position)) {
            Some(s) if *s == self.generation => false,
            Some(s) => {
                *s = self.generation;
                true
            }
            None => true,
        }
    }

    /// Appends one packed line to a record, moving the record's lines to the end of the
    /// arena when it has no room where it is.
    #[inline]
    fn push_word(&mut self, record: usize, word: u64) {
        self.save(record);
        let arena_end = self.words.len();
        let Some(r) = self.records.get_mut(record) else {
            return;
        };
        let end = r.start + r.len as usize;
        if r.len < r.cap {
            if let Some(slot) = self.words.get_mut(end) {
                *slot = word;
                r.len += 1;
            }
        } else if r.start + r.cap as usize == arena_end {
            self.words.push(word);
            r.len += 1;
            r.cap += 1;
        } else {
            let (start, len, cap) = (r.start, r.len, r.cap);
            let new_cap = cap.saturating_mul(2).max(4);
            r.start = arena_end;
            r.len = len + 1;
            r.cap = new_cap;
            self.words.extend_from_within(start..start + len as usize);
            self.words.push(word);
            self.words.resize(arena_end + new_cap as usize, 0);
            self.stale += cap as usize;
            // Inside a bulk call the arena is compacted once it succeeds, so a failure
            // can restore the records it moved.
            if self.journal.is_none() && self.stale > self.words.len() / 2 {
                self.compact();
            }
        }
    }

    /// Rewrites the arena with every record's lines contiguous, in record order.
    fn compact(&mut self) {
        let mut words = Vec::with_capacity(self.lines);
        for r in &mut self.records {
            let start = words.len();
            if let Some(old) = self.words.get(r.start..r.start + r.len as usize) {
                words.extend_from_slice(old);
            }
            r.start = start;
            r.cap = r.len;
        }
        self.words = words;
        self.stale = 0;
    }

    /// The record of an employee, created empty at the end if they have none.
    fn record_of(&mut self, employee: EmployeeId) -> usize {
        if let (Some(position), _) = self.by_employee.find(employee, &self.ids) {
            return position;
        }
        self.new_record(employee)
    }

    /// A new, empty record for an employee who has none, at the end.
    fn new_record(&mut self, employee: EmployeeId) -> usize {
        self.by_employee.reserve(1, &self.ids);
        let (_, at) = self.by_employee.find(employee, &self.ids);
        let index = self.records.len();
        self.by_employee.put(at, employee, index);
        {
            self.ids.push(employee);
            self.records.push(Record {
                start: self.words.len(),
                len: 0,
                cap: 0,
                office_days: 0,
            });
        }
        index
    }

    /// Saves a record that existed before the running bulk call, before its first
    /// change by that call (nothing outside a bulk call).
    fn save(&mut self, record: usize) {
        if let Some(journal) = &mut self.journal
            && record < journal.records
            && let Some(r) = self.records.get(record)
        {
            journal.saved.push((record, *r));
        }
    }

    /// Checks one line of an employee: a catalogue position, no negative uses, not a
    /// benefit the employee already has (from before or earlier in the same call).
    fn check_line(
        &mut self,
        employee: EmployeeId,
        position: u16,
        uses: Option<Decimal>,
    ) -> Result<(), Error> {
        if usize::from(position) >= self.catalogue.len() {
            return Err(Error::UnknownPosition {
                employee,
                position: usize::from(position),
                benefits: self.catalogue.len(),
            });
        }
        if let Some(u) = uses
            && u.is_sign_negative()
            && !u.is_zero()
        {
            return Err(Error::NegativeUses {
                employee,
                benefit: self.benefit_for(employee, position)?,
                name: self.name_at(position),
                uses: u,
            });
        }
        if !self.mark(position) {
            return Err(Error::DuplicateEnrolment {
                employee,
                benefit: self.benefit_for(employee, position)?,
                name: self.name_at(position),
            });
        }
        Ok(())
    }

    /// Adds one employee's lines: every line is checked before the employee's record
    /// shows any of them, so an error leaves the enrolments as they were. A call with no
    /// lines writes nothing (it creates no empty record).
    ///
    /// For an employee without a record (the bulk-load case) the checked lines go
    /// straight to the end of the arena and the record is created once all are valid; a
    /// failure truncates the arena back. For an employee with lines, the lines are
    /// staged, then written.
    fn add_lines(
        &mut self,
        employee: EmployeeId,
        lines: impl IntoIterator<Item = Result<(u16, Option<Decimal>), Error>>,
    ) -> Result<(), Error> {
        let existing = self.by_employee.find(employee, &self.ids).0;
        self.mark_existing(existing);
        let Some(record) = existing else {
            let (start, spilled) = (self.words.len(), self.spilled.len());
            let written = lines.into_iter().try_for_each(|line| {
                let (position, uses) = line?;
                self.check_line(employee, position, uses)?;
                let word = (u64::from(position) << POSITION_SHIFT) | pack(uses, &mut self.spilled);
                self.words.push(word);
                Ok(())
            });
            let count = self.words.len() - start;
            if written.is_err() || count == 0 {
                self.words.truncate(start);
                self.spilled.truncate(spilled);
                return written;
            }
            let Ok(len) = u32::try_from(count) else {
                // Unreachable: an employee holds at most one line per benefit (< 2^16).
                self.words.truncate(start);
                self.spilled.truncate(spilled);
                return Ok(());
            };
            let record = self.new_record(employee);
            if let Some(r) = self.records.get_mut(record) {
                *r = Record {
                    start,
                    len,
                    cap: len,
                    office_days: 0,
                };
            }
            self.lines += count;
            return Ok(());
        };
        let mut staged = std::mem::take(&mut self.staged);
        staged.clear();
        let checked = lines.into_iter().try_for_each(|line| {
            let (position, uses) = line?;
            self.check_line(employee, position, uses)?;
            staged.push((position, uses));
            Ok(())
        });
        if checked.is_ok() {
            for &(position, uses) in &staged {
                let word = (u64::from(position) << POSITION_SHIFT) | pack(uses, &mut self.spilled);
                self.push_word(record, word);
                self.lines += 1;
            }
        }
        staged.clear();
        self.staged = staged;
        checked
    }

    /// Enrols an employee in a benefit at its expected use.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownBenefit`] if the catalogue lacks the benefit,
    /// [`Error::DuplicateEnrolment`] if the employee already has it.
    pub fn enrol(&mut self, employee: EmployeeId, benefit: BenefitId) -> Result<(), Error> {
        let position = self.position_of(employee, benefit)?;
        self.add_lines(employee, [Ok((position, None))])
    }

    /// Enrols an employee with their actual uses per year (for per-use benefits; ignored
    /// for fixed annual benefits).
    ///
    /// # Errors
    ///
    /// As [`enrol`](Self::enrol), plus [`Error::NegativeUses`].
    pub fn enrol_with_uses(
        &mut self,
        employee: EmployeeId,
        benefit: BenefitId,
        uses_per_year: Decimal,
    ) -> Result<(), Error> {
        let position = self.position_of(employee, benefit)?;
        self.add_lines(employee, [Ok((position, Some(uses_per_year)))])
    }

    /// Enrols an employee in several benefits at once (`None` uses: the expected use).
    /// Faster than one call per benefit for bulk loads.
    ///
    /// # Errors
    ///
    /// As [`enrol_with_uses`](Self::enrol_with_uses), for the first line that fails;
    /// nothing is enrolled then (every line is checked before any is written).
    pub fn enrol_all(
        &mut self,
        employee: EmployeeId,
        lines: impl IntoIterator<Item = (BenefitId, Option<Decimal>)>,
    ) -> Result<(), Error> {
        let index = &self.index;
        let resolved: Vec<Result<(u16, Option<Decimal>), Error>> = lines
            .into_iter()
            .map(|(benefit, uses)| {
                index
                    .get(&benefit)
                    .map(|p| (*p, uses))
                    .ok_or_else(|| Error::UnknownBenefit {
                        context: format!("enrolment of employee {employee}"),
                        benefit,
                    })
            })
            .collect();
        self.add_lines(employee, resolved)
    }

    /// Enrols an employee in several benefits given by their position in the catalogue
    /// ([`Catalogue::position`]), the fastest bulk load: no id is looked up.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownPosition`] for a position past the end of the catalogue,
    /// otherwise as [`enrol_with_uses`](Self::enrol_with_uses); nothing is enrolled then
    /// (every line is checked before any is written).
    ///
    /// ```
    /// # use remit_benefits::{Benefit, Catalogue, Enrolments, Valuation};
    /// # use remit_core::{BenefitId, Currency, EmployeeId, Money};
    /// # use rust_decimal::Decimal;
    /// # let eur = Currency::new("EUR")?;
    /// # let lunch = Benefit::builder(BenefitId::from_external("lunch"), "Lunch")
    /// #     .valuation(Valuation::per_use(Money::new(Decimal::from(7), eur), Decimal::from(200)))
    /// #     .build()?;
    /// let catalogue = Catalogue::builder().benefit(lunch.clone()).build()?;
    /// let lunch_at = catalogue.position(lunch.id()).expect("in the catalogue");
    /// let mut enrolments = Enrolments::new(&catalogue);
    /// enrolments.enrol_positions(EmployeeId::from_external("bo"), [(lunch_at, Some(Decimal::from(150)))])?;
    /// assert!(matches!(
    ///     enrolments.enrol_positions(EmployeeId::from_external("bo"), [(7, None)]),
    ///     Err(remit_benefits::Error::UnknownPosition { position: 7, benefits: 1, .. })
    /// ));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn enrol_positions(
        &mut self,
        employee: EmployeeId,
        lines: impl IntoIterator<Item = (usize, Option<Decimal>)>,
    ) -> Result<(), Error> {
        let len = self.catalogue.len();
        self.add_lines(
            employee,
            lines.into_iter().map(|(p, uses)| match u16::try_from(p) {
                Ok(position) if p < len => Ok((position, uses)),
                _ => Err(Error::UnknownPosition {
                    employee,
                    position: p,
                    benefits: len,
                }),
            }),
        )
    }

    /// Enrols many employees at once: for each, benefits by catalogue position (as
    /// [`enrol_positions`](Self::enrol_positions)) and optionally their office days.
    /// The fastest bulk load: employees are looked up in batches whose index slots are
    /// read together first, so the memory system fetches them in parallel instead of
    /// one miss after another.
    ///
    /// # Errors
    ///
    /// As [`enrol_positions`](Self::enrol_positions), for the first employee that fails;
    /// the whole call is then undone, so the enrolments are exactly as they were before
    /// it (each employee's lines are checked before they are written, and a failure
    /// restores the employees written earlier in the call).
    ///
    /// ```
    /// # use remit_benefits::{Benefit, Catalogue, Enrolments, OfficeDays, Valuation};
    /// # use remit_core::{BenefitId, Currency, EmployeeId, Money};
    /// # use rust_decimal::Decimal;
    /// # let eur = Currency::new("EUR")?;
    /// # let lunch = Benefit::builder(BenefitId::from_external("lunch"), "Lunch")
    /// #     .valuation(Valuation::per_use(Money::new(Decimal::from(7), eur), Decimal::from(200)))
    /// #     .build()?;
    /// let catalogue = Catalogue::builder().benefit(lunch).build()?;
    /// let three = OfficeDays::new(Decimal::from(3)).expect("0..=7");
    /// let people: Vec<EmployeeId> = (0..100).map(|i| EmployeeId::from_external(&format!("E{i}"))).collect();
    /// let mut enrolments = Enrolments::new(&catalogue);
    /// enrolments.enrol_many(people.iter().map(|id| (*id, Some(three), [(0, None)])))?;
    /// assert_eq!(enrolments.len(), 100);
    /// assert_eq!(enrolments.office_days(people[7]), Some(three));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn enrol_many<L>(
        &mut self,
        employees: impl IntoIterator<Item = (EmployeeId, Option<OfficeDays>, L)>,
    ) -> Result<(), Error>
    where
        L: IntoIterator<Item = (usize, Option<Decimal>)>,
    {
        self.journal = Some(Journal {
            ids: self.ids.len(),
            records: self.records.len(),
            words: self.words.len(),
            spilled: self.spilled.len(),
            stale: self.stale,
            lines: self.lines,
            saved: Vec::new(),
        });
        let result = self.enrol_batches(employees);
        let journal = self.journal.take();
        match result {
            Ok(()) => {
                if self.stale > self.words.len() / 2 {
                    self.compact();
                }
                Ok(())
            }
            Err(e) => {
                if let Some(journal) = journal {
                    self.restore(journal);
                }
                Err(e)
            }
        }
    }

    fn enrol_batches<L>(
        &mut self,
        employees: impl IntoIterator<Item = (EmployeeId, Option<OfficeDays>, L)>,
    ) -> Result<(), Error>
    where
        L: IntoIterator<Item = (usize, Option<Decimal>)>,
    {
        const BATCH: usize = 32;
        let mut employees = employees.into_iter();
        let mut batch = Vec::with_capacity(BATCH);
        loop {
            batch.extend(employees.by_ref().take(BATCH));
            if batch.is_empty() {
                return Ok(());
            }
            self.by_employee.reserve(batch.len(), &self.ids);
            self.by_employee.touch(batch.iter().map(|(id, _, _)| *id));
            for (employee, days, lines) in batch.drain(..) {
                self.enrol_positions(employee, lines)?;
                if let Some(days) = days {
                    self.set_office_days(employee, days);
                }
            }
        }
    }

    /// Undoes a failed bulk call: drops what it appended and restores the records it
    /// changed (in reverse, so each ends as it was before the call's first change).
    fn restore(&mut self, journal: Journal) {
        for (record, saved) in journal.saved.into_iter().rev() {
            if let Some(r) = self.records.get_mut(record) {
                *r = saved;
            }
        }
        self.records.truncate(journal.records);
        self.words.truncate(journal.words);
        self.spilled.truncate(journal.spilled);
        self.stale = journal.stale;
        self.lines = journal.lines;
        if self.ids.len() > journal.ids {
            self.ids.truncate(journal.ids);
            self.by_employee = IdIndex::default();
            self.by_employee.reserve(self.ids.len(), &self.ids);
        }
    }

    /// Records office days given as a plain number, as a loader reads them from a file:
    /// checks `0 ≤ days ≤ 7` first, then records them as
    /// [`set_office_days`](Self::set_office_days) does.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOfficeDays`] naming the employee and the value; nothing
    /// is recorded then.
    ///
    /// ```
    /// # use remit_benefits::{Benefit, Error, Catalogue, Enrolments, Valuation};
    /// # use remit_core::{BenefitId, Currency, EmployeeId, Money};
    /// # use rust_decimal::Decimal;
    /// # let eur = Currency::new("EUR")?;
    /// # let lunch = Benefit::builder(BenefitId::from_external("lunch"), "Lunch")
    /// #     .valuation(Valuation::annual(Money::new(Decimal::from(900), eur))).build()?;
    /// # let catalogue = Catalogue::builder().benefit(lunch).build()?;
    /// let mut enrolments = Enrolments::new(&catalogue);
    /// let bo = EmployeeId::from_external("bo");
    /// enrolments.record_office_days(bo, Decimal::new(25, 1))?; // 2.5 days
    /// let err = enrolments.record_office_days(bo, Decimal::from(9)).unwrap_err();
    /// assert_eq!(err, Error::InvalidOfficeDays { employee: bo, days: Decimal::from(9) });
    /// assert_eq!(enrolments.office_days(bo).map(|d| d.get()), Some(Decimal::new(25, 1)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn record_office_days(&mut self, employee: EmployeeId, days: Decimal) -> Result<(), Error> {
        let valid = OfficeDays::new(days).ok_or(Error::InvalidOfficeDays { employee, days })?;
        self.set_office_days(employee, valid);
        Ok(())
    }

    /// Records how many days a week an employee comes to the office (already checked:
    /// an [`OfficeDays`] is always `0..=7`).
    pub fn set_office_days(&mut self, employee: EmployeeId, days: OfficeDays) {
        let record = self.record_of(employee);
        self.save(record);
        let word = pack(Some(days.get()), &mut self.spilled);
        if let Some(r) = self.records.get_mut(record) {
            r.office_days = word;
        }
    }

    /// The benefits an employee is enrolled in, with any usage override.
    pub fn benefits_of(
        &self,
        employee: EmployeeId,
    ) -> impl Iterator<Item = (BenefitId, Option<Decimal>)> + '_ {
        self.lines_of(employee).into_iter().flat_map(move |e| {
            e.words.iter().filter_map(move |w| {
                self.benefit_at(position(*w))
                    .map(|id| (id, unpack(*w, &self.spilled).decimal()))
            })
        })
    }

    /// The recorded office days of an employee, if any.
    pub fn office_days(&self, employee: EmployeeId) -> Option<OfficeDays> {
        self.lines_of(employee).and_then(|e| e.office_days())
    }

    /// The number of enrolment lines.
    pub fn len(&self) -> usize {
        self.lines
    }

    /// Whether there are no enrolment lines.
    pub fn is_empty(&self) -> bool {
        self.lines == 0
    }

    /// The employees with any record (enrolment or office days), in the order first seen.
    pub fn employees(&self) -> impl Iterator<Item = EmployeeId> + '_ {
        self.ids.iter().copied()
    }

    /// The number of employees with any record.
    pub fn employee_count(&self) -> usize {
        self.ids.len()
    }

    fn lines_at(&self, record: usize) -> Option<EmployeeLines<'_>> {
        let r = self.records.get(record)?;
        Some(EmployeeLines {
            office_days: r.office_days,
            words: self.words.get(r.start..r.start + r.len as usize)?,
            spilled: &self.spilled,
        })
    }

    pub(crate) fn lines_of(&self, employee: EmployeeId) -> Option<EmployeeLines<'_>> {
        self.by_employee
            .find(employee, &self.ids)
            .0
            .and_then(|i| self.lines_at(i))
    }

    /// The employee and record at a position in first-seen order (for sequential walks).
    pub(crate) fn entry_at(&self, position: usize) -> Option<(EmployeeId, EmployeeLines<'_>)> {
        Some((*self.ids.get(position)?, self.lines_at(position)?))
    }

    /// Whether these enrolments were made against this catalogue (same benefits, same
    /// order).
    pub fn matches(&self, catalogue: &Catalogue) -> bool {
        self.catalogue.len() == catalogue.len()
            && self
                .catalogue
                .iter()
                .zip(catalogue.benefits())
                .all(|(id, b)| *id == b.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{Benefit, Valuation};
    use remit_core::{Currency, Money};

    fn catalogue(n: usize) -> (Catalogue, Vec<BenefitId>) {
        let eur = Currency::new("EUR").unwrap();
        let benefits: Vec<Benefit> = (0..n)
            .map(|i| {
                Benefit::builder(BenefitId::from_external(&format!("b{i}")), format!("b{i}"))
                    .valuation(Valuation::annual(Money::new(Decimal::ONE, eur)))
                    .build()
                    .unwrap()
            })
            .collect();
        let ids = benefits.iter().map(|b| b.id()).collect();
        (
            Catalogue::builder().benefits(benefits).build().unwrap(),
            ids,
        )
    }

    #[test]
    fn packing_round_trips_every_kind_of_decimal() {
        let mut spilled = Vec::new();
        let values = [
            None,
            Some(Decimal::ZERO),
            Some(-Decimal::new(0, 3)),
            Some(Decimal::new(253_123_456, 6)),
            Some(Decimal::new(1, 28)),
            Some(Decimal::MAX),
            Some(Decimal::from((1u64 << 42) - 1)),
            Some(Decimal::from(1u64 << 42)),
            Some(Decimal::new(5, 0)),
            Some(Decimal::new(-1, 0)),
        ];
        for v in values {
            let word = pack(v, &mut spilled);
            let back = unpack(word, &spilled).decimal();
            assert_eq!(back, v);
            if let (Some(a), Some(b)) = (back, v) {
                assert_eq!(a.scale(), b.scale(), "{a} vs {b}");
                assert_eq!(a.is_sign_negative(), b.is_sign_negative());
            }
        }
        // A negative zero, the 2^42 boundary, MAX and a negative value are spilled.
        assert_eq!(spilled.len(), 4);
    }

    #[test]
    fn interleaved_loads_keep_each_employees_lines_and_compact() {
        let (catalogue, ids) = catalogue(40);
        let (a, b) = (
            EmployeeId::from_external("a"),
            EmployeeId::from_external("b"),
        );
        let mut e = Enrolments::new(&catalogue);
        for (i, id) in ids.iter().enumerate() {
            let who = if i % 2 == 0 { a } else { b };
            e.enrol_with_uses(who, *id, Decimal::from(i)).unwrap();
            let other = if i % 2 == 0 { b } else { a };
            e.set_office_days(other, OfficeDays::new(Decimal::from(i % 6)).unwrap());
        }
        let of_a: Vec<_> = e.benefits_of(a).collect();
        let expected: Vec<_> = ids
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(i, id)| (*id, Some(Decimal::from(i))))
            .collect();
        assert_eq!(of_a, expected);
        assert_eq!(e.benefits_of(b).count(), 20);
        assert_eq!(e.len(), 40);
        assert!(
            e.words.len() <= 4 * e.len(),
            "arena of {} words",
            e.words.len()
        );
        assert_eq!(
            e.enrol(a, ids[0]),
            Err(Error::DuplicateEnrolment {
                employee: a,
                benefit: ids[0],
                name: "b0".to_owned()
            })
        );
        // The same content loaded in one go compares equal.
        let mut f = Enrolments::new(&catalogue);
        f.enrol_all(a, expected.clone()).unwrap();
        f.enrol_all(
            b,
            ids.iter()
                .enumerate()
                .filter(|(i, _)| i % 2 == 1)
                .map(|(i, id)| (*id, Some(Decimal::from(i)))),
        )
        .unwrap();
        f.set_office_days(a, OfficeDays::new(Decimal::from(39 % 6)).unwrap());
        f.set_office_days(b, OfficeDays::new(Decimal::from(38 % 6)).unwrap());
        assert_eq!(e, f);
        f.set_office_days(b, OfficeDays::new(Decimal::from(1)).unwrap());
        assert_ne!(e, f);
    }

    #[test]
    fn bulk_loads_check_duplicates_positions_and_signs() {
        let (catalogue, ids) = catalogue(3);
        let bo = EmployeeId::from_external("bo");
        let mut e = Enrolments::new(&catalogue);
        assert_eq!(
            e.enrol_positions(bo, [(0, None), (2, None), (0, None)]),
            Err(Error::DuplicateEnrolment {
                employee: bo,
                benefit: ids[0],
                name: "b0".to_owned()
            })
        );
        // Nothing was written: the error came before any line was.
        assert_eq!(e.len(), 0);
        assert_eq!(e.employee_count(), 0);
        e.enrol_positions(bo, [(0, None), (2, None)]).unwrap();
        assert_eq!(
            e.enrol_positions(bo, [(3, None)]),
            Err(Error::UnknownPosition {
                employee: bo,
                position: 3,
                benefits: 3
            })
        );
        assert_eq!(
            e.enrol_all(bo, [(ids[1], Some(Decimal::from(-1)))]),
            Err(Error::NegativeUses {
                employee: bo,
                benefit: ids[1],
                name: "b1".to_owned(),
                uses: Decimal::from(-1)
            })
        );
        assert!(matches!(
            e.enrol_all(bo, [(BenefitId::from_external("zz"), None)]),
            Err(Error::UnknownBenefit { benefit, .. }) if benefit == BenefitId::from_external("zz")
        ));
        assert_eq!(e.len(), 2);
        e.enrol_all(bo, [(ids[1], Some(-Decimal::new(0, 2)))])
            .unwrap();
        assert_eq!(e.benefits_of(bo).count(), 3);
    }
}

#[cfg(test)]
mod index_tests {
    use super::*;

    #[test]
    fn the_id_index_finds_every_employee_across_growth() {
        let ids: Vec<EmployeeId> = (0..5_000)
            .map(|i| EmployeeId::from_external(&format!("E{i}")))
            .collect();
        let mut index = IdIndex::default();
        let mut seen = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(index.find(*id, &seen).0, None);
            index.reserve(1, &seen);
            let (_, at) = index.find(*id, &seen);
            seen.push(*id);
            index.put(at, *id, i);
            assert!(index.len * 2 <= index.slots.len());
        }
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(index.find(*id, &seen).0, Some(i));
        }
        assert_eq!(
            index.find(EmployeeId::from_external("E5000"), &seen).0,
            None
        );
    }
}
