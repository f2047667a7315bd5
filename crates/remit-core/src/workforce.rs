//! The [`Workforce`] port and [`Roster`], its in-memory implementation.

use std::borrow::Cow;

use std::collections::HashMap;

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
        for (position, employee) in employees.iter().enumerate() {
            if let Some(first) = index.insert(employee.id(), position) {
                return Err(RosterError::DuplicateEmployee {
                    employee: employee.id(),
                    first,
                    second: position,
                });
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
