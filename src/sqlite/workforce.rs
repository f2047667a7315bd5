//! [`SqliteWorkforce`]: the [`Workforce`] port over the `employees` table, streamed in
//! pages and validated when opened.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use chrono::NaiveDate;
use chrono_tz::Tz;
use remit_core::{Department, Employee, EmployeeId, JobLevel, RosterError, WorkMode, Workforce};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::error::{Cx, StoreError, meta_error};
use super::schema::SCHEMA;

/// How many employees one page of the streaming query reads.
const CHUNK: i64 = 4096;

/// A [`Workforce`] read directly from the `employees` table of a SQLite database.
///
/// [`employees`](Workforce::employees) streams the table in pages of a few thousand rows
/// (key-set pagination on the row id, so each page is an index range scan), building
/// each [`Employee`] through its validating builder and handing it out as
/// [`Cow::Owned`]; [`employee`](Workforce::employee) is one query on the unique index of
/// the id. Nothing but the connection and the headcount is held in memory.
///
/// [`open`](Self::open) validates the whole table first; a storage error during a later
/// stream is latched for [`check`](Self::check) (see the [module docs](super)).
#[derive(Debug)]
pub struct SqliteWorkforce {
    conn: Connection,
    headcount: usize,
    as_of: NaiveDate,
    seed: u64,
    latched: Mutex<Option<StoreError>>,
}

const EMPLOYEE_COLUMNS: &str =
    "id, employee, work_mode, country, time_zone, level, department, manager, hired_on, left_on";

impl SqliteWorkforce {
    /// Opens the database file at `path` (which must exist) and validates it.
    ///
    /// # Errors
    ///
    /// As [`SqliteWorkforce::open`].
    pub fn open_path(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        Self::open(conn)
    }

    /// Takes a connection to a database written by
    /// [`write_synthetic`](super::write_synthetic) (or to the same schema) and validates
    /// every employee row: each column parses, the builder accepts the record, ids are
    /// unique, every manager is an employee and the management chain has no cycle.
    ///
    /// # Errors
    ///
    /// [`StoreError`] naming the table, the row and the field of the first bad row.
    pub fn open(conn: Connection) -> Result<Self, StoreError> {
        let meta = |key: &str| -> Result<String, StoreError> {
            conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .optional()?
                .ok_or_else(|| meta_error(format!("missing key `{key}`")))
        };
        let version: u32 = meta("schema_version")?
            .parse()
            .map_err(|e| meta_error(format!("`schema_version`: {e}")))?;
        if version != SCHEMA {
            return Err(meta_error(format!(
                "schema version {version}; this build reads version {SCHEMA}"
            )));
        }
        let as_of: NaiveDate = meta("as_of")?
            .parse()
            .map_err(|e| meta_error(format!("`as_of`: {e}")))?;
        let seed: u64 = meta("seed")?
            .parse()
            .map_err(|e| meta_error(format!("`seed`: {e}")))?;
        let mut store = Self {
            conn,
            headcount: 0,
            as_of,
            seed,
            latched: Mutex::new(None),
        };
        store.headcount = store.validate()?;
        Ok(store)
    }

    /// Reads every page once: every row must build, ids must be unique, managers must
    /// exist and form no cycle. Returns the headcount.
    fn validate(&self) -> Result<usize, StoreError> {
        let mut index: HashMap<EmployeeId, (usize, i64)> = HashMap::new();
        let mut managers: Vec<(EmployeeId, Option<EmployeeId>, i64)> = Vec::new();
        let mut after = 0;
        loop {
            let page = self.page(after)?;
            let Some(&(last, _)) = page.last() else {
                break;
            };
            for (row, e) in page {
                if let Some(&(_, first)) = index.get(&e.id()) {
                    return Err(Cx::new("employees", row).record(format!(
                        "employee {}: duplicate id (rows {first} and {row})",
                        e.id()
                    )));
                }
                index.insert(e.id(), (managers.len(), row));
                managers.push((e.id(), e.manager(), row));
            }
            after = last;
        }
        let mut parent = Vec::with_capacity(managers.len());
        for &(employee, manager, row) in &managers {
            parent.push(match manager {
                None => None,
                Some(m) => match index.get(&m) {
                    Some(&(i, _)) => Some(i),
                    None => {
                        let e = RosterError::DanglingManager {
                            employee,
                            manager: m,
                        };
                        return Err(Cx::new("employees", row).record(e));
                    }
                },
            });
        }
        if let Some(i) = find_cycle(&parent)
            && let Some(&(employee, _, row)) = managers.get(i)
        {
            return Err(Cx::new("employees", row).record(RosterError::ManagerCycle { employee }));
        }
        Ok(managers.len())
    }

    /// The employees with row id above `after`, at most [`CHUNK`] of them, in order.
    fn page(&self, after: i64) -> Result<Vec<(i64, Employee)>, StoreError> {
        let mut rows = self.conn.prepare_cached(&format!(
            "SELECT {EMPLOYEE_COLUMNS} FROM employees WHERE id > ?1 ORDER BY id LIMIT ?2"
        ))?;
        let mut builders = Vec::new();
        let mut query = rows.query(params![after, CHUNK])?;
        while let Some(row) = query.next()? {
            let (id, b) = employee_builder(row)?;
            builders.push((id, Some(b)));
        }
        let (Some(first), Some(last)) = (builders.first(), builders.last()) else {
            return Ok(Vec::new());
        };
        let (first, last) = (first.0, last.0);
        let mut attributes = self.conn.prepare_cached(
            "SELECT employee, key, value FROM employee_attributes
             WHERE employee >= ?1 AND employee <= ?2 ORDER BY employee, key",
        )?;
        let mut query = attributes.query(params![first, last])?;
        let mut at = 0;
        while let Some(row) = query.next()? {
            let owner: i64 = row.get(0)?;
            while builders.get(at).is_some_and(|b| b.0 < owner) {
                at += 1;
            }
            let Some(slot) = builders.get_mut(at).filter(|b| b.0 == owner) else {
                return Err(Cx::new("employee_attributes", owner)
                    .field("employee", "names no employee row"));
            };
            let cx = Cx::new("employee_attributes", owner);
            let key: String = cx.get(row, 1, "key")?;
            let value: String = cx.get(row, 2, "value")?;
            slot.1 = slot.1.take().map(|b| b.attribute(key, value));
        }
        builders
            .into_iter()
            .filter_map(|(row, b)| b.map(|b| (row, b)))
            .map(|(row, b)| {
                b.build()
                    .map(|e| (row, e))
                    .map_err(|e| Cx::new("employees", row).record(e))
            })
            .collect()
    }

    fn latch(&self, error: StoreError) {
        if let Ok(mut slot) = self.latched.lock()
            && slot.is_none()
        {
            *slot = Some(error);
        }
    }

    /// The first storage error met while streaming since the last call, if any. Call it
    /// after an audit: an error means the audit saw only part of the workforce.
    ///
    /// # Errors
    ///
    /// The latched [`StoreError`].
    pub fn check(&self) -> Result<(), StoreError> {
        match self.latched.lock() {
            Ok(mut slot) => slot.take().map_or(Ok(()), Err),
            Err(_) => Err(StoreError::Table {
                table: "employees",
                message: "the error latch was poisoned by a panic".to_owned(),
            }),
        }
    }

    /// The date the stored data describes (`meta.as_of`).
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The seed the organisation was generated from (`meta.seed`).
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The connection, to read the domain inputs ([`read_inputs`](super::read_inputs)).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// Reads one `employees` row into a builder (attributes are added by the caller).
fn employee_builder(row: &Row<'_>) -> Result<(i64, remit_core::EmployeeBuilder), StoreError> {
    let id: i64 = row.get(0)?;
    let cx = Cx::new("employees", id);
    let mut b = Employee::builder(cx.parse(row, 1, "employee")?)
        .work_mode(cx.parse::<WorkMode>(row, 2, "work_mode")?)
        .country(cx.parse(row, 3, "country")?)
        .time_zone(cx.parse::<Tz>(row, 4, "time_zone")?)
        .level(JobLevel::new(cx.int(row, 5, "level")?))
        .department(
            Department::new(&cx.get::<String>(row, 6, "department")?)
                .map_err(|e| cx.field("department", e))?,
        )
        .hired_on(cx.parse(row, 8, "hired_on")?);
    if let Some(manager) = cx.parse_opt(row, 7, "manager")? {
        b = b.manager(manager);
    }
    if let Some(left_on) = cx.parse_opt(row, 9, "left_on")? {
        b = b.left_on(left_on);
    }
    Ok((id, b))
}

/// A position on a cycle of the functional graph `i -> parent[i]`, if any.
fn find_cycle(parent: &[Option<usize>]) -> Option<usize> {
    // 0 = unvisited, 1 = on the current path, 2 = known to reach a root.
    let mut state = vec![0u8; parent.len()];
    let mut path = Vec::new();
    for start in 0..parent.len() {
        let mut node = start;
        loop {
            match state.get(node).copied() {
                Some(0) => {
                    if let Some(s) = state.get_mut(node) {
                        *s = 1;
                    }
                    path.push(node);
                    match parent.get(node).copied().flatten() {
                        Some(next) => node = next,
                        None => break,
                    }
                }
                Some(1) => return Some(node),
                _ => break,
            }
        }
        for visited in path.drain(..) {
            if let Some(s) = state.get_mut(visited) {
                *s = 2;
            }
        }
    }
    None
}

/// The stream behind [`SqliteWorkforce`]'s [`Workforce::employees`]: one page at a time.
#[derive(Debug)]
pub struct StoredEmployees<'a> {
    store: &'a SqliteWorkforce,
    after: i64,
    page: std::vec::IntoIter<(i64, Employee)>,
    done: bool,
}

impl<'a> Iterator for StoredEmployees<'a> {
    type Item = Cow<'a, Employee>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((_, e)) = self.page.next() {
                return Some(Cow::Owned(e));
            }
            if self.done {
                return None;
            }
            match self.store.page(self.after) {
                Ok(page) => match page.last() {
                    Some(&(last, _)) => {
                        self.after = last;
                        self.page = page.into_iter();
                    }
                    None => self.done = true,
                },
                Err(e) => {
                    self.store.latch(e);
                    self.done = true;
                }
            }
        }
    }
}

impl Workforce for SqliteWorkforce {
    fn employees(&self) -> impl Iterator<Item = Cow<'_, Employee>> {
        StoredEmployees {
            store: self,
            after: 0,
            page: Vec::new().into_iter(),
            done: false,
        }
    }

    fn employee(&self, id: EmployeeId) -> Option<Cow<'_, Employee>> {
        let found = (|| -> Result<Option<Employee>, StoredLookupError> {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {EMPLOYEE_COLUMNS} FROM employees WHERE employee = ?1"
            ))?;
            let mut query = stmt.query([id.to_string()])?;
            let Some(row) = query.next()? else {
                return Ok(None);
            };
            let (row_id, mut b) = employee_builder(row)?;
            let mut attributes = self.conn.prepare_cached(
                "SELECT key, value FROM employee_attributes WHERE employee = ?1 ORDER BY key",
            )?;
            let mut query = attributes.query([row_id])?;
            while let Some(row) = query.next()? {
                b = b.attribute(row.get::<_, String>(0)?, row.get::<_, String>(1)?);
            }
            b.build()
                .map(Some)
                .map_err(|e| Cx::new("employees", row_id).record(e).into())
        })();
        match found {
            Ok(e) => e.map(Cow::Owned),
            Err(StoredLookupError(e)) => {
                self.latch(e);
                None
            }
        }
    }

    fn headcount(&self) -> usize {
        self.headcount
    }
}

/// A [`StoreError`] inside the look-up closure (so `?` converts both error sources).
struct StoredLookupError(StoreError);

impl From<StoreError> for StoredLookupError {
    fn from(e: StoreError) -> Self {
        Self(e)
    }
}

impl From<rusqlite::Error> for StoredLookupError {
    fn from(e: rusqlite::Error) -> Self {
        Self(e.into())
    }
}
