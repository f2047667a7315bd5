//! The [`Workforce`] port and [`Roster`], its in-memory implementation.

use std::borrow::Cow;

use std::collections::HashMap;
use std::hash::BuildHasher as _;

use crate::{Employee, EmployeeId};
use foldhash::fast::FixedState;

/// The port through which remit reads a caller's employees.
///
/// Implement it over whatever holds your people: a `Vec`, a database, a cache. Items are
/// [`Cow`]s so an implementation can lend employees it owns (`Cow::Borrowed`, as
/// [`Roster`] does) or hand out records it just read from storage (`Cow::Owned`).
///
/// Contract: `employees` yields every employee exactly once, in an order that is the
/// same on every call (results that list employees follow it), and `employee(id)`
/// agrees with it.
pub trait Workforce {
    /// Every employee, once each, in a stable order.
    fn employees(&self) -> impl Iterator<Item = Cow<'_, Employee>>;

    /// The employee with this id, if present.
    fn employee(&self, id: EmployeeId) -> Option<Cow<'_, Employee>>;

    /// The number of employees. The default counts [`employees`](Self::employees).
    fn headcount(&self) -> usize {
        self.employees().count()
    }
}

/// A roster could not be built. Nothing was kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RosterError {
    /// Two records share an id.
    #[error("employee {employee}: duplicate id (records {first} and {second})")]
    DuplicateEmployee {
        /// The repeated id.
        employee: EmployeeId,
        /// Position of the first record with it.
        first: usize,
        /// Position of the repeat.
        second: usize,
    },
    /// A record names a manager who is not in the roster.
    #[error("employee {employee}: field `manager` names {manager}, who is not in the roster")]
    DanglingManager {
        /// The employee whose manager is missing.
        employee: EmployeeId,
        /// The missing manager.
        manager: EmployeeId,
    },
    /// Following managers from this employee comes back to them.
    #[error("employee {employee}: field `manager` forms a cycle in the management chain")]
    ManagerCycle {
        /// An employee on the cycle.
        employee: EmployeeId,
    },
}

/// An in-memory [`Workforce`]: employees in the order given, indexed by id.
///
/// Invariants, checked by [`Roster::new`]: ids are unique, every manager is in the
/// roster, and the management chain has no cycles (it is a forest).
///
/// ```
/// use chrono::NaiveDate;
/// use remit_core::{CountryCode, Department, Employee, EmployeeId, JobLevel, Roster, RosterError, WorkMode, Workforce};
///
/// let person = |id: &str, manager: Option<&str>| {
///     let mut b = Employee::builder(EmployeeId::from_external(id))
///         .work_mode(WorkMode::Hybrid)
///         .country(CountryCode::new("GB").unwrap())
///         .time_zone(chrono_tz::Europe::London)
///         .level(JobLevel::new(2))
///         .department(Department::new("Sales").unwrap())
///         .hired_on(NaiveDate::from_ymd_opt(2020, 1, 6).unwrap());
///     if let Some(m) = manager {
///         b = b.manager(EmployeeId::from_external(m));
///     }
///     b.build().unwrap()
/// };
///
/// let roster = Roster::new(vec![person("boss", None), person("e1", Some("boss"))])?;
/// assert_eq!(roster.headcount(), 2);
///
/// let err = Roster::new(vec![person("e1", Some("nobody"))]).unwrap_err();
/// assert!(matches!(err, RosterError::DanglingManager { .. }));
/// # Ok::<(), RosterError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Roster {
    employees: Vec<Employee>,
    index: HashMap<EmployeeId, usize, FixedState>,
}

impl Roster {
    /// Validates and indexes the employees.
    pub fn new(employees: Vec<Employee>) -> Result<Self, RosterError> {
        let mut index = HashMap::with_capacity_and_hasher(employees.len(), FixedState::default());
        for (id, position) in in_bucket_order(&employees, &index) {
            // A repeat is named as a walk in the order given finds it (the first one).
            if index.insert(id, position).is_some()
                && let Some(duplicate) = first_duplicate(&employees)
            {
                return Err(duplicate);
            }
        }
        let mut manager_of = Vec::with_capacity(employees.len());
        // A team is usually listed together: the previous employee's manager is looked
        // up once, not once per member (an index look-up is a cache miss on a large
        // roster).
        let mut previous: Option<(EmployeeId, usize)> = None;
        for employee in &employees {
            manager_of.push(match employee.manager() {
                None => NO_MANAGER,
                Some(manager) => match previous.filter(|(id, _)| *id == manager) {
                    Some((_, m)) => m,
                    None => match index.get(&manager) {
                        Some(&m) => {
                            previous = Some((manager, m));
                            m
                        }
                        None => {
                            return Err(RosterError::DanglingManager {
                                employee: employee.id(),
                                manager,
                            });
                        }
                    },
                },
            });
        }
        if let Some(on_cycle) = find_cycle(&manager_of) {
            return Err(RosterError::ManagerCycle {
                employee: employees[on_cycle].id(),
            });
        }
        Ok(Self { employees, index })
    }

    /// The employees in the order given.
    pub fn as_slice(&self) -> &[Employee] {
        &self.employees
    }

    /// The employee with this id.
    pub fn get(&self, id: EmployeeId) -> Option<&Employee> {
        self.index.get(&id).and_then(|&i| self.employees.get(i))
    }

    /// Where the employee with this id is in [`as_slice`](Self::as_slice) (the order
    /// given to [`new`](Self::new)), for callers who keep their own data about each
    /// employee in a vector aligned with the roster.
    pub fn position(&self, id: EmployeeId) -> Option<usize> {
        self.index.get(&id).copied()
    }

    /// The number of employees.
    pub fn len(&self) -> usize {
        self.employees.len()
    }

    /// Whether the roster is empty.
    pub fn is_empty(&self) -> bool {
        self.employees.is_empty()
    }

    /// Iterates over the employees in the order given.
    pub fn iter(&self) -> std::slice::Iter<'_, Employee> {
        self.employees.iter()
    }

    /// Gives back the employees.
    pub fn into_vec(self) -> Vec<Employee> {
        self.employees
    }
}

/// The ids of `employees` with their positions, in the order in which they fall in
/// `index`'s buckets (the map's own hash, masked to its bucket count), so that
/// filling the freshly sized map walks its memory once instead of missing the cache
/// at each of a million random buckets (and the ids travel with their keys, so the
/// employees are read once, in order). The order changes speed, never the map: every
/// position comes once. Small rosters, and rosters whose positions do not fit in 32
/// bits, come in the order given.
fn in_bucket_order(
    employees: &[Employee],
    index: &HashMap<EmployeeId, usize, FixedState>,
) -> Vec<(EmployeeId, usize)> {
    let n = employees.len();
    if u32::try_from(n).is_err() || n < 1024 {
        return employees.iter().map(Employee::id).zip(0..).collect();
    }
    // hashbrown keeps `capacity` at 7/8 of a power-of-two bucket count and starts a
    // probe at `hash & (buckets - 1)`.
    let buckets = index.capacity().next_power_of_two();
    let bits = buckets.trailing_zeros().min(32);
    let mask = (1u64 << bits) - 1;
    let hasher = index.hasher();
    // The bucket in the high half of the key, the position in the low.
    let mut keyed: Vec<(u64, EmployeeId)> = employees
        .iter()
        .zip(0u64..)
        .map(|(e, position)| (((hasher.hash_one(e.id()) & mask) << 32) | position, e.id()))
        .collect();
    // Least significant digit first radix sort on the bucket, 11 bits a pass.
    const DIGIT: u32 = 11;
    let mut spare = keyed.clone();
    let mut shift = 32;
    while shift < 32 + bits {
        let digit = |key: u64| ((key >> shift) & ((1 << DIGIT) - 1)) as usize;
        let mut counts = [0usize; 1 << DIGIT];
        for (key, _) in &keyed {
            if let Some(c) = counts.get_mut(digit(*key)) {
                *c += 1;
            }
        }
        let mut start = 0;
        for c in &mut counts {
            let here = *c;
            *c = start;
            start += here;
        }
        for item in &keyed {
            if let Some(at) = counts.get_mut(digit(item.0))
                && let Some(slot) = spare.get_mut(*at)
            {
                *slot = *item;
                *at += 1;
            }
        }
        std::mem::swap(&mut keyed, &mut spare);
        shift += DIGIT;
    }
    keyed
        .into_iter()
        .map(|(key, id)| (id, (key & 0xffff_ffff) as usize))
        .collect()
}

/// The first repeated id met walking `employees` in order, as
/// [`RosterError::DuplicateEmployee`] (its first and second positions).
fn first_duplicate(employees: &[Employee]) -> Option<RosterError> {
    let mut seen: HashMap<EmployeeId, usize, FixedState> =
        HashMap::with_capacity_and_hasher(employees.len(), FixedState::default());
    for (position, employee) in employees.iter().enumerate() {
        if let Some(first) = seen.insert(employee.id(), position) {
            return Some(RosterError::DuplicateEmployee {
                employee: employee.id(),
                first,
                second: position,
            });
        }
    }
    None
}

/// `find_cycle`'s parent of a position without a manager (a root of the forest).
const NO_MANAGER: usize = usize::MAX;

/// Returns a position on a cycle of the functional graph `i -> parent[i]`, if any
/// (`parent[i] == NO_MANAGER` for a root). Linear: each position is walked once.
fn find_cycle(parent: &[usize]) -> Option<usize> {
    // 0 = unvisited, 1 = on the current path, 2 = known to reach a root.
    let mut state = vec![0u8; parent.len()];
    let mut path = Vec::new();
    for start in 0..parent.len() {
        let mut node = start;
        // A root's parent, NO_MANAGER, is past the end: the walk stops there.
        while let Some(seen) = state.get_mut(node) {
            match *seen {
                0 => {
                    *seen = 1;
                    path.push(node);
                    node = parent.get(node).copied().unwrap_or(NO_MANAGER);
                }
                1 => return Some(node),
                _ => break,
            }
        }
        for visited in path.drain(..) {
            if let Some(seen) = state.get_mut(visited) {
                *seen = 2;
            }
        }
    }
    None
}

impl<'a> IntoIterator for &'a Roster {
    type Item = &'a Employee;
    type IntoIter = std::slice::Iter<'a, Employee>;

    fn into_iter(self) -> Self::IntoIter {
        self.employees.iter()
    }
}

impl Workforce for Roster {
    fn employees(&self) -> impl Iterator<Item = Cow<'_, Employee>> {
        self.employees.iter().map(Cow::Borrowed)
    }

    fn employee(&self, id: EmployeeId) -> Option<Cow<'_, Employee>> {
        self.get(id).map(Cow::Borrowed)
    }

    fn headcount(&self) -> usize {
        self.employees.len()
    }
}

impl Workforce for [Employee] {
    fn employees(&self) -> impl Iterator<Item = Cow<'_, Employee>> {
        self.iter().map(Cow::Borrowed)
    }

    /// A linear scan: build a [`Roster`] for indexed look-ups.
    fn employee(&self, id: EmployeeId) -> Option<Cow<'_, Employee>> {
        self.iter().find(|e| e.id() == id).map(Cow::Borrowed)
    }

    fn headcount(&self) -> usize {
        self.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CountryCode, Department, JobLevel, WorkMode};

    fn person(id: &str, manager: Option<&str>) -> Employee {
        let mut b = Employee::builder(EmployeeId::from_external(id))
            .work_mode(WorkMode::Remote)
            .country(CountryCode::new("PT").unwrap())
            .time_zone(chrono_tz::Europe::Lisbon)
            .level(JobLevel::new(1))
            .department(Department::new("Eng").unwrap())
            .hired_on(chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
        if let Some(m) = manager {
            b = b.manager(EmployeeId::from_external(m));
        }
        b.build().unwrap()
    }

    /// Past the size where the index is filled in bucket order: every employee is
    /// found at their position, and managers resolve.
    #[test]
    fn a_large_roster_finds_everyone_at_their_position() {
        let n = 5_000;
        let ids: Vec<String> = (0..n).map(|i| format!("E{i}")).collect();
        let roster = Roster::new(
            (0..n)
                .map(|i| person(&ids[i], (i > 0).then(|| ids[(i - 1) / 10].as_str())))
                .collect(),
        )
        .unwrap();
        assert_eq!(roster.len(), n);
        for (i, id) in ids.iter().enumerate() {
            let id = EmployeeId::from_external(id);
            assert_eq!(roster.position(id), Some(i));
            assert_eq!(roster.get(id).map(Employee::id), Some(id));
        }
        assert_eq!(roster.position(EmployeeId::from_external("E5000")), None);
    }

    /// With several repeats, the error names the first repeat in the order given
    /// (whatever order the index is filled in), small roster or large.
    #[test]
    fn the_first_repeat_in_order_is_named() {
        for n in [10, 5_000] {
            let mut ids: Vec<String> = (0..n).map(|i| format!("E{i}")).collect();
            // Repeats at n-1 (of 3) and at n-2 (of n-3): the first met is at n-2.
            ids[n - 1] = "E3".to_owned();
            ids[n - 2] = ids[n - 3].clone();
            let err = Roster::new(ids.iter().map(|id| person(id, None)).collect()).unwrap_err();
            assert_eq!(
                err,
                RosterError::DuplicateEmployee {
                    employee: EmployeeId::from_external(&ids[n - 3]),
                    first: n - 3,
                    second: n - 2,
                },
                "{n} employees"
            );
        }
    }
}
