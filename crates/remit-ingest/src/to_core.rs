//! Canonical people rows to a validated [`Roster`], and the join index every other file
//! resolves people through (employee id, work e-mail, pseudonymous id). The index lives
//! only while a directory is read: e-mail addresses and pseudonyms are not part of any
//! returned input.

use std::cell::OnceCell;

use remit_core::{Employee, EmployeeId, Roster, RosterError, SharedStr};

use crate::canonical::Who;
use crate::config::IdScheme;
use crate::error::Problems;
use crate::intern::{Names, Sym};
use crate::read::{Loc, Rows};

/// An id of any kind (`EmployeeId`, `AssetId`, ...) from a file's text, by the scheme.
pub(crate) fn parse_id<T: From<uuid::Uuid>>(
    text: &str,
    scheme: IdScheme,
    external: impl Fn(&str) -> T,
) -> Result<T, String> {
    match scheme {
        IdScheme::External => Ok(external(text)),
        IdScheme::Uuid => uuid::Uuid::parse_str(text)
            .map(T::from)
            .map_err(|_| format!("{text:?} is not a UUID (the mapping says `ids = \"uuid\"`)")),
    }
}

/// No position (a slot of a symbol that names no employee).
const NOBODY: u32 = u32::MAX;

/// The people of a directory, and how other files name them: per interned employee id,
/// e-mail address and pseudonym, the roster position of the employee it names (a
/// vector index instead of a hash look-up per row).
pub(crate) struct People<'r> {
    pub roster: Roster,
    pub scheme: IdScheme,
    names: &'r Names,
    by_id: Vec<u32>,
    by_email: Vec<u32>,
    by_pseudonym: Vec<u32>,
    /// The caller's id text of each employee, for messages (built on first use).
    text_of: OnceCell<crate::Map<EmployeeId, Sym>>,
    /// Performance ratings from the people file, by roster position (the people
    /// file's row order).
    pub performance: Vec<Option<f64>>,
}

/// The slot of `sym` in a per-symbol vector.
fn slot(by: &[u32], sym: Sym) -> Option<u32> {
    by.get(sym.index()).copied().filter(|p| *p != NOBODY)
}

impl People<'_> {
    fn at(&self, position: u32) -> Option<&Employee> {
        self.roster.as_slice().get(position as usize)
    }

    /// The employee an interned employee id names, if it is in the people file.
    pub(crate) fn employee(&self, id: Sym) -> Option<&Employee> {
        slot(&self.by_id, id).and_then(|p| self.at(p))
    }

    /// The roster position of the employee an interned employee id names.
    pub(crate) fn position(&self, id: Sym) -> Option<usize> {
        slot(&self.by_id, id).map(|p| p as usize)
    }

    /// The employee a row names, or a message saying why not.
    pub(crate) fn resolve(&self, who: &Who) -> Result<EmployeeId, String> {
        match *who {
            Who::Employee(id) => self.resolve_id(id),
            Who::Email(mail) => slot(&self.by_email, mail)
                .and_then(|p| self.at(p))
                .map(Employee::id)
                .ok_or_else(|| {
                    format!(
                        "no employee has the e-mail {:?} (give it in people.csv `email` or identity.csv)",
                        self.names.emails.text(mail)
                    )
                }),
            Who::Pseudonym(p) => slot(&self.by_pseudonym, p)
                .and_then(|at| self.at(at))
                .map(Employee::id)
                .ok_or_else(|| {
                    format!(
                        "the pseudonymous id {:?} is not mapped in identity.csv `pseudonym`",
                        self.names.pseudonyms.text(p)
                    )
                }),
        }
    }

    /// The employee an interned employee id names.
    pub(crate) fn resolve_id(&self, id: Sym) -> Result<EmployeeId, String> {
        self.employee(id).map(Employee::id).ok_or_else(|| {
            format!(
                "employee {:?} is not in the people file",
                self.names.employees.text(id)
            )
        })
    }

    /// The caller's id of an employee.
    pub(crate) fn name(&self, id: EmployeeId) -> String {
        let text_of = self.text_of.get_or_init(|| {
            let mut map = crate::map_with_capacity(self.roster.len());
            for (sym, position) in self.by_id.iter().enumerate() {
                if let (Some(e), Ok(sym)) = (self.at(*position), u32::try_from(sym)) {
                    map.insert(e.id(), Sym::from_index(sym));
                }
            }
            map
        });
        text_of.get(&id).map_or_else(
            || id.to_string(),
            |sym| self.names.employees.text(*sym).to_owned(),
        )
    }
}

/// Builds the roster and the join index from the people and identity rows.
pub(crate) fn people<'r>(
    rows: &'r Rows,
    scheme: IdScheme,
    problems: &mut Problems,
) -> Option<People<'r>> {
    let before = problems.count();
    let names = &rows.names;
    let text = |sym: Sym| names.employees.text(sym);
    let n = rows.people.len();
    // Per employee-id symbol, the people row that holds it first (as position).
    let mut by_id: Vec<u32> = vec![NOBODY; names.employees.len()];
    // With remit's own UUIDs, two texts can be one id (upper and lower case).
    let mut uuids: crate::Map<EmployeeId, ()> = crate::Map::default();
    let mut ids = Vec::with_capacity(n);
    for (position, (row, loc)) in rows.people.iter().enumerate() {
        match parse_id(text(row.employee_id), scheme, EmployeeId::from_external) {
            Ok(id) => {
                let duplicate = match scheme {
                    IdScheme::External => slot(&by_id, row.employee_id).is_some(),
                    IdScheme::Uuid => uuids.insert(id, ()).is_some(),
                };
                if duplicate {
                    let first = rows
                        .people
                        .iter()
                        .find(|(r, _)| r.employee_id == row.employee_id)
                        .map_or(0, |(_, l)| l.line);
                    problems.push(rows.problem(
                        *loc,
                        format!(
                            "employee {:?} appears twice (first on line {first})",
                            text(row.employee_id)
                        ),
                    ));
                } else if let Some(s) = by_id.get_mut(row.employee_id.index()) {
                    *s = u32::try_from(position).unwrap_or(NOBODY);
                }
                ids.push(Some(id));
            }
            Err(message) => {
                problems.push(rows.problem(*loc, format!("column `employee_id`: {message}")));
                ids.push(None);
            }
        }
    }
    let id_of = |sym: Sym| slot(&by_id, sym).and_then(|p| ids.get(p as usize).copied().flatten());
    let mut employees = Vec::with_capacity(n);
    let mut by_email: Vec<u32> = vec![NOBODY; names.emails.len()];
    let mut performance = Vec::with_capacity(n);
    // Attribute keys and values as shared text: one copy per distinct text.
    let mut keys: crate::Map<&str, SharedStr> = crate::Map::default();
    let mut values: crate::Map<&str, SharedStr> = crate::Map::default();
    for (position, ((row, loc), id)) in rows.people.iter().zip(&ids).enumerate() {
        let Some(id) = *id else { continue };
        let mut b = Employee::builder(id)
            .work_mode(row.work_mode)
            .country(row.country)
            .time_zone(row.time_zone)
            .level(row.level)
            .department(row.department.clone())
            .hired_on(row.hire_date);
        if let Some(m) = row.manager_id {
            match id_of(m) {
                Some(manager) => b = b.manager(manager),
                None => {
                    problems.push(rows.problem(
                        *loc,
                        format!(
                            "column `manager_id`: {:?} is not an employee in the people file",
                            text(m)
                        ),
                    ));
                    continue;
                }
            }
        }
        if let Some(left) = row.termination_date {
            b = b.left_on(left);
        }
        for (key, value) in &row.attributes {
            let key = keys
                .entry(key.as_str())
                .or_insert_with(|| SharedStr::from(attribute_key(key)))
                .clone();
            let value = values
                .entry(value.as_str())
                .or_insert_with(|| SharedStr::from(value.as_str()))
                .clone();
            b = b.attribute(key, value);
        }
        if let Some(mail) = row.email.and_then(|e| e.sym())
            && let Some(held) = by_email.get_mut(mail.index())
            && std::mem::replace(held, u32::try_from(position).unwrap_or(NOBODY)) != NOBODY
        {
            problems.push(rows.problem(
                *loc,
                format!(
                    "column `email`: {:?} is used by two employees",
                    names.emails.text(mail)
                ),
            ));
        }
        match b.build() {
            Ok(e) => {
                employees.push(e);
                performance.push(row.performance);
            }
            Err(e) => problems.push(
                rows.problem(
                    *loc,
                    e.to_string()
                        .replace(&id.to_string(), &format!("{:?}", text(row.employee_id))),
                ),
            ),
        }
    }
    let id_at = |position: u32| ids.get(position as usize).copied().flatten();
    let mut by_pseudonym: Vec<u32> = vec![NOBODY; names.pseudonyms.len()];
    for (row, loc) in &rows.identity {
        let Some(position) = slot(&by_id, row.employee_id) else {
            problems.push(rows.problem(
                *loc,
                format!(
                    "column `employee_id`: {:?} is not in the people file",
                    text(row.employee_id)
                ),
            ));
            continue;
        };
        let id = id_at(position);
        // A key already held by another employee (compared by id, as two rows of one
        // id are one employee) names two employees.
        let claim = |by: &mut Vec<u32>, key: Sym| {
            by.get_mut(key.index())
                .map(|held| std::mem::replace(held, position))
                .is_some_and(|held| held != NOBODY && id_at(held) != id)
        };
        if let Some(mail) = row.email
            && claim(&mut by_email, mail)
        {
            problems.push(rows.problem(
                *loc,
                format!(
                    "column `email`: {:?} names two employees",
                    names.emails.text(mail)
                ),
            ));
        }
        if let Some(p) = row.pseudonym
            && claim(&mut by_pseudonym, p)
        {
            problems.push(rows.problem(
                *loc,
                format!(
                    "column `pseudonym`: {:?} names two employees",
                    names.pseudonyms.text(p)
                ),
            ));
        }
    }
    if problems.count() != before {
        return None;
    }
    let roster = match Roster::new(employees) {
        Ok(r) => r,
        Err(e) => {
            let (id, message) = match &e {
                RosterError::DuplicateEmployee { employee, .. } => (*employee, "appears twice"),
                RosterError::DanglingManager { employee, .. } => {
                    (*employee, "names a manager who is not in the people file")
                }
                RosterError::ManagerCycle { employee } => (
                    *employee,
                    "is on a cycle of managers (following `manager_id` comes back to them)",
                ),
                _ => (EmployeeId::from_external(""), "is refused"),
            };
            let held = ids
                .iter()
                .zip(&rows.people)
                .find(|(i, _)| **i == Some(id))
                .map(|(_, (r, _))| r.employee_id);
            let name = held.map_or("", text);
            let loc = rows
                .people
                .iter()
                .find(|(r, _)| Some(r.employee_id) == held)
                .map_or(Loc { file: 0, line: 0 }, |(_, l)| *l);
            problems.push(rows.problem(loc, format!("employee {name:?} {message}")));
            return None;
        }
    };
    // Every row became an employee (or there was a problem): a row's position is its
    // position in the roster.
    Some(People {
        roster,
        scheme,
        names,
        by_id,
        by_email,
        by_pseudonym,
        text_of: OnceCell::new(),
        performance,
    })
}

/// An attribute's key from its header: lower case, spaces as underscores (`Gender` →
/// `gender`, `Employment Type` → `employment_type`).
pub(crate) fn attribute_key(header: &str) -> String {
    header.trim().to_lowercase().replace([' ', '-'], "_")
}
