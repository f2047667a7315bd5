//! [`Enrolments`]: who receives which benefit, how often they use it, and how many days a
//! week they come to the office.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use remit_core::{BenefitId, EmployeeId};
use rust_decimal::Decimal;

use crate::catalogue::{Catalogue, OfficeDays};
use crate::error::BenefitsError;

/// A fast hasher for UUID-based ids (which are already well mixed): folds 8 bytes at a
/// time with a multiplicative mix. Not for untrusted string keys.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            if let Some(dst) = word.get_mut(..chunk.len()) {
                dst.copy_from_slice(chunk);
            }
            self.0 = (self.0.rotate_left(23) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_usize(&mut self, _: usize) {
        // Length prefixes of fixed-size ids carry no information.
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
}

/// A map keyed by ids, with [`IdHasher`].
pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// One benefit line of one employee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Line {
    /// Position of the benefit in the catalogue.
    pub(crate) benefit: u16,
    /// Actual uses per year, overriding a per-use benefit's expected uses.
    pub(crate) uses: Option<Decimal>,
}

/// One employee's enrolments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct EmployeeLines {
    pub(crate) office_days: Option<OfficeDays>,
    pub(crate) lines: Vec<Line>,
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
/// assert!(enrolments.enrol(alice, lunch.id()).is_err()); // enrolled twice
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolments {
    catalogue: Vec<BenefitId>,
    index: HashMap<BenefitId, u16>,
    /// Employees in first-seen order, so a valuation walking a roster in the same order
    /// reads them sequentially.
    entries: Vec<(EmployeeId, EmployeeLines)>,
    by_employee: IdMap<EmployeeId, usize>,
    lines: usize,
}

impl Enrolments {
    /// No enrolments yet, against this catalogue.
    pub fn new(catalogue: &Catalogue) -> Self {
        let ids: Vec<BenefitId> = catalogue.benefits().iter().map(|b| b.id()).collect();
        let index = ids
            .iter()
            .enumerate()
            .filter_map(|(i, id)| u16::try_from(i).ok().map(|i| (*id, i)))
            .collect();
        Self {
            catalogue: ids,
            index,
            entries: Vec::new(),
            by_employee: IdMap::default(),
            lines: 0,
        }
    }

    /// Reserves room for this many employees.
    pub fn reserve(&mut self, employees: usize) {
        self.by_employee.reserve(employees);
        self.entries.reserve(employees);
    }

    fn add(
        &mut self,
        employee: EmployeeId,
        benefit: BenefitId,
        uses: Option<Decimal>,
    ) -> Result<(), BenefitsError> {
        let Some(&position) = self.index.get(&benefit) else {
            return Err(BenefitsError::UnknownBenefit {
                context: format!("enrolment of employee {employee}"),
                benefit,
            });
        };
        if let Some(u) = uses
            && u.is_sign_negative()
            && !u.is_zero()
        {
            return Err(BenefitsError::NegativeUses {
                employee,
                benefit,
                uses: u,
            });
        }
        let entry = self.entry(employee);
        if entry.lines.iter().any(|l| l.benefit == position) {
            return Err(BenefitsError::DuplicateEnrolment { employee, benefit });
        }
        entry.lines.push(Line {
            benefit: position,
            uses,
        });
        self.lines += 1;
        Ok(())
    }

    /// Enrols an employee in a benefit at its expected use.
    ///
    /// # Errors
    ///
    /// [`BenefitsError::UnknownBenefit`] if the catalogue lacks the benefit,
    /// [`BenefitsError::DuplicateEnrolment`] if the employee already has it.
    pub fn enrol(&mut self, employee: EmployeeId, benefit: BenefitId) -> Result<(), BenefitsError> {
        self.add(employee, benefit, None)
    }

    /// Enrols an employee with their actual uses per year (for per-use benefits; ignored
    /// for fixed annual benefits).
    ///
    /// # Errors
    ///
    /// As [`enrol`](Self::enrol), plus [`BenefitsError::NegativeUses`].
    pub fn enrol_with_uses(
        &mut self,
        employee: EmployeeId,
        benefit: BenefitId,
        uses_per_year: Decimal,
    ) -> Result<(), BenefitsError> {
        self.add(employee, benefit, Some(uses_per_year))
    }

    /// Enrols an employee in several benefits at once (`None` uses: the expected use).
    /// Faster than one call per benefit for bulk loads.
    ///
    /// # Errors
    ///
    /// As [`enrol_with_uses`](Self::enrol_with_uses); the lines before the failing one
    /// are kept.
    pub fn enrol_all(
        &mut self,
        employee: EmployeeId,
        lines: impl IntoIterator<Item = (BenefitId, Option<Decimal>)>,
    ) -> Result<(), BenefitsError> {
        let index = self.index_of(employee);
        let Some((_, entry)) = self.entries.get_mut(index) else {
            return Ok(());
        };
        for (benefit, uses) in lines {
            let Some(&position) = self.index.get(&benefit) else {
                return Err(BenefitsError::UnknownBenefit {
                    context: format!("enrolment of employee {employee}"),
                    benefit,
                });
            };
            if let Some(u) = uses
                && u.is_sign_negative()
                && !u.is_zero()
            {
                return Err(BenefitsError::NegativeUses {
                    employee,
                    benefit,
                    uses: u,
                });
            }
            if entry.lines.iter().any(|l| l.benefit == position) {
                return Err(BenefitsError::DuplicateEnrolment { employee, benefit });
            }
            entry.lines.push(Line {
                benefit: position,
                uses,
            });
            self.lines += 1;
        }
        Ok(())
    }

    fn index_of(&mut self, employee: EmployeeId) -> usize {
        let next = self.entries.len();
        let index = *self.by_employee.entry(employee).or_insert(next);
        if index == next {
            self.entries.push((employee, EmployeeLines::default()));
        }
        index
    }

    fn entry(&mut self, employee: EmployeeId) -> &mut EmployeeLines {
        let index = self.index_of(employee);
        // In bounds: `index_of` returns the position of an existing or just-pushed entry.
        &mut self.entries[index].1
    }

    /// Records how many days a week an employee comes to the office.
    pub fn set_office_days(&mut self, employee: EmployeeId, days: OfficeDays) {
        self.entry(employee).office_days = Some(days);
    }

    /// The benefits an employee is enrolled in, with any usage override.
    pub fn benefits_of(
        &self,
        employee: EmployeeId,
    ) -> impl Iterator<Item = (BenefitId, Option<Decimal>)> + '_ {
        self.lines_of(employee)
            .into_iter()
            .flat_map(|e| e.lines.iter())
            .filter_map(|l| {
                self.catalogue
                    .get(usize::from(l.benefit))
                    .map(|id| (*id, l.uses))
            })
    }

    /// The recorded office days of an employee, if any.
    pub fn office_days(&self, employee: EmployeeId) -> Option<OfficeDays> {
        self.lines_of(employee).and_then(|e| e.office_days)
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
        self.entries.iter().map(|(id, _)| *id)
    }

    pub(crate) fn lines_of(&self, employee: EmployeeId) -> Option<&EmployeeLines> {
        self.by_employee
            .get(&employee)
            .and_then(|&i| self.entries.get(i))
            .map(|(_, lines)| lines)
    }

    /// The record at a position in first-seen order (for sequential walks).
    pub(crate) fn entry_at(&self, position: usize) -> Option<&(EmployeeId, EmployeeLines)> {
        self.entries.get(position)
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
