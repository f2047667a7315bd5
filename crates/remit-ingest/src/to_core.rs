//! Canonical people rows to a validated [`Roster`], and the join index every other file
//! resolves people through (employee id, work e-mail, pseudonymous id). The index lives
//! only while a directory is read: e-mail addresses and pseudonyms are not part of any
//! returned input.

use std::collections::BTreeMap;

use remit_core::{Employee, EmployeeId, Roster, RosterError};

use crate::canonical::Who;
use crate::config::IdScheme;
use crate::error::Problems;
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

/// The people of a directory, and how other files name them (borrowing the rows' text).
pub(crate) struct People<'r> {
    pub roster: Roster,
    pub scheme: IdScheme,
    by_text: crate::Map<&'r str, EmployeeId>,
    by_email: crate::Map<&'r str, EmployeeId>,
    by_pseudonym: crate::Map<&'r str, EmployeeId>,
    /// The caller's id text of each employee, for messages.
    text_of: crate::Map<EmployeeId, &'r str>,
    /// Performance ratings from the people file.
    pub performance: BTreeMap<EmployeeId, f64>,
}

impl People<'_> {
    /// The employee a row names, or a message saying why not.
    pub(crate) fn resolve(&self, who: &Who) -> Result<EmployeeId, String> {
        match who {
            Who::Employee(text) => self
                .by_text
                .get(text.as_str())
                .copied()
                .ok_or_else(|| format!("employee {text:?} is not in the people file")),
            Who::Email(mail) => self.by_email.get(mail.as_str()).copied().ok_or_else(|| {
                format!(
                    "no employee has the e-mail {mail:?} (give it in people.csv `email` or identity.csv)"
                )
            }),
            Who::Pseudonym(p) => self.by_pseudonym.get(p.as_str()).copied().ok_or_else(|| {
                format!("the pseudonymous id {p:?} is not mapped in identity.csv `pseudonym`")
            }),
        }
    }

    /// The employee a file's employee id text names.
    pub(crate) fn resolve_text(&self, text: &str) -> Result<EmployeeId, String> {
        self.by_text
            .get(text)
            .copied()
            .ok_or_else(|| format!("employee {text:?} is not in the people file"))
    }

    /// The caller's id of an employee.
    pub(crate) fn name(&self, id: EmployeeId) -> String {
        self.text_of
            .get(&id)
            .map_or_else(|| id.to_string(), |t| (*t).to_owned())
    }
}

/// Builds the roster and the join index from the people and identity rows.
pub(crate) fn people<'r>(
    rows: &'r Rows,
    scheme: IdScheme,
    problems: &mut Problems,
) -> Option<People<'r>> {
    let before = problems.count();
    let n = rows.people.len();
    let mut by_text: crate::Map<&'r str, EmployeeId> = crate::map_with_capacity(n);
    let mut text_of: crate::Map<EmployeeId, &'r str> = crate::map_with_capacity(n);
    let mut ids = Vec::with_capacity(n);
    for (row, loc) in &rows.people {
        match parse_id(&row.employee_id, scheme, EmployeeId::from_external) {
            Ok(id) => {
                if text_of.insert(id, row.employee_id.as_str()).is_some() {
                    let first = rows
                        .people
                        .iter()
                        .find(|(r, _)| r.employee_id == row.employee_id)
                        .map_or(0, |(_, l)| l.line);
                    problems.push(rows.problem(
                        *loc,
                        format!(
                            "employee {:?} appears twice (first on line {first})",
                            row.employee_id
                        ),
                    ));
                } else {
                    by_text.insert(row.employee_id.as_str(), id);
                }
                ids.push(Some(id));
            }
            Err(message) => {
                problems.push(rows.problem(*loc, format!("column `employee_id`: {message}")));
                ids.push(None);
            }
        }
    }
    let mut employees = Vec::with_capacity(n);
    let mut by_email: crate::Map<&'r str, EmployeeId> = crate::Map::default();
    let mut performance = Vec::new();
    for ((row, loc), id) in rows.people.iter().zip(ids) {
        let Some(id) = id else { continue };
        let mut b = Employee::builder(id)
            .work_mode(row.work_mode)
            .country(row.country)
            .time_zone(row.time_zone)
            .level(row.level)
            .department(row.department.clone())
            .hired_on(row.hire_date);
        if let Some(m) = &row.manager_id {
            match by_text.get(m.as_str()) {
                Some(manager) => b = b.manager(*manager),
                None => {
                    problems.push(rows.problem(
                        *loc,
                        format!("column `manager_id`: {m:?} is not an employee in the people file"),
                    ));
                    continue;
                }
            }
        }
        if let Some(left) = row.termination_date {
            b = b.left_on(left);
        }
        for (key, value) in &row.attributes {
            b = b.attribute(attribute_key(key), value.as_str());
        }
        if let Some(mail) = &row.email
            && by_email.insert(mail.as_str(), id).is_some()
        {
            problems.push(rows.problem(
                *loc,
                format!("column `email`: {mail:?} is used by two employees"),
            ));
        }
        if let Some(p) = row.performance {
            performance.push((id, p));
        }
        match b.build() {
            Ok(e) => employees.push(e),
            Err(e) => problems.push(
                rows.problem(
                    *loc,
                    e.to_string()
                        .replace(&id.to_string(), &format!("{:?}", row.employee_id)),
                ),
            ),
        }
    }
    let mut by_pseudonym: crate::Map<&'r str, EmployeeId> = crate::Map::default();
    for (row, loc) in &rows.identity {
        let Some(&id) = by_text.get(row.employee_id.as_str()) else {
            problems.push(rows.problem(
                *loc,
                format!(
                    "column `employee_id`: {:?} is not in the people file",
                    row.employee_id
                ),
            ));
            continue;
        };
        if let Some(mail) = &row.email
            && by_email
                .insert(mail.as_str(), id)
                .is_some_and(|held| held != id)
        {
            problems.push(rows.problem(
                *loc,
                format!("column `email`: {mail:?} names two employees"),
            ));
        }
        if let Some(p) = &row.pseudonym
            && by_pseudonym
                .insert(p.as_str(), id)
                .is_some_and(|held| held != id)
        {
            problems.push(rows.problem(
                *loc,
                format!("column `pseudonym`: {p:?} names two employees"),
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
            let name = text_of.get(&id).copied().unwrap_or_default();
            let loc = rows
                .people
                .iter()
                .find(|(r, _)| r.employee_id == name)
                .map_or(Loc { file: 0, line: 0 }, |(_, l)| *l);
            problems.push(rows.problem(loc, format!("employee {name:?} {message}")));
            return None;
        }
    };
    // Collected from one sorted run (a bulk build, not a million inserts).
    performance.sort_unstable_by_key(|(id, _)| *id);
    let performance: BTreeMap<EmployeeId, f64> = performance.into_iter().collect();
    Some(People {
        roster,
        scheme,
        by_text,
        by_email,
        by_pseudonym,
        text_of,
        performance,
    })
}

/// An attribute's key from its header: lower case, spaces as underscores (`Gender` →
/// `gender`, `Employment Type` → `employment_type`).
pub(crate) fn attribute_key(header: &str) -> String {
    header.trim().to_lowercase().replace([' ', '-'], "_")
}
