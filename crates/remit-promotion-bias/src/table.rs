//! [`PromotionTable`]: promotion records stored column by column.
//!
//! A million [`PromotionRecord`]s each own a department name and an attribute list; a
//! table stores the same data as one vector per field, with each distinct department
//! name and attribute text stored once. It is the analysis-ready input of
//! [`Inputs::from_table`](crate::Inputs::from_table) (and what
//! [`Inputs::new`](crate::Inputs::new) builds from a workforce and its promotions), and
//! what a reader of a large file should fill directly with [`PromotionTable::push_row`].

use std::sync::Arc;

use chrono::NaiveDate;
use remit_core::{Department, Employee, EmployeeId, JobLevel, Period, WorkMode};

use std::collections::HashMap;

use foldhash::fast::FixedState;

use crate::error::Error;
use crate::pool::{PoolMember, pool_member};
use crate::record::{
    PromotionRecord, check_months_to_event, check_numbers, check_performance, check_tenure_months,
};

/// The interning maps' type: std's map on foldhash's fixed-seed hasher (deterministic,
/// and fast on the short department names and attribute texts it holds).
type FastHashMap<K, V> = HashMap<K, V, FixedState>;

/// One record's fields, borrowed, for [`PromotionTable::push_row`]: the same fields as
/// [`PromotionRecord`] with the department and the attributes as plain text, so a
/// reader of a large file appends rows without allocating one per field.
///
/// [`PromotionRow::new`] takes the employee's facts; the `with_*` setters add the
/// numbers and the attributes and refuse what a [`PromotionRecord`] refuses, with the
/// same errors. The rating, the tenure and the outcome are required:
/// [`PromotionTable::push_row`] refuses a row without them, and checks the department
/// name (once per distinct name).
///
/// ```
/// use remit_core::{EmployeeId, JobLevel, WorkMode};
/// use remit_promotion_bias::{Error, PromotionRow};
///
/// let row = PromotionRow::new(EmployeeId::from_external("E-1"), WorkMode::Remote,
///     JobLevel::new(2), "Support")
///     .with_performance(3.5)?
///     .with_tenure_months(18.0)?
///     .with_outcome(true, 7.0)?
///     .with_attributes(&[("gender", "female")])?;
/// assert_eq!(row.months_to_event(), Some(7.0));
/// let too_soon = row.with_outcome(false, 0.0);
/// assert!(matches!(too_soon, Err(Error::OutOfRange { field: "months_to_event", .. })));
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PromotionRow<'a> {
    employee: EmployeeId,
    work_mode: WorkMode,
    level: JobLevel,
    department: &'a str,
    performance: Option<f64>,
    tenure_months: Option<f64>,
    /// Whether promoted, and the months to the promotion or the end of observation.
    outcome: Option<(bool, f64)>,
    attributes: &'a [(&'a str, &'a str)],
}

impl<'a> PromotionRow<'a> {
    /// A row for `employee`, who worked in `work_mode` during the window and was at
    /// `level` in `department` (a name, trimmed and checked as [`Department::new`] does
    /// when the row is pushed) when it opened; no attributes.
    pub fn new(
        employee: EmployeeId,
        work_mode: WorkMode,
        level: JobLevel,
        department: &'a str,
    ) -> Self {
        Self {
            employee,
            work_mode,
            level,
            department,
            performance: None,
            tenure_months: None,
            outcome: None,
            attributes: &[],
        }
    }

    /// Sets the performance rating, on any scale the caller uses (1–5, 0–100, a
    /// z-score: only its order and linear effect are used); required.
    ///
    /// # Errors
    /// [`Error::NonFinite`] naming `performance` for NaN or an infinity.
    pub fn with_performance(mut self, rating: f64) -> Result<Self, Error> {
        check_performance(self.employee, rating)?;
        self.performance = Some(rating);
        Ok(self)
    }

    /// Sets the tenure when the window opened, in months (finite, `≥ 0`); required.
    ///
    /// # Errors
    /// [`Error::NonFinite`] or [`Error::OutOfRange`] naming `tenure_months`.
    pub fn with_tenure_months(mut self, months: f64) -> Result<Self, Error> {
        check_tenure_months(self.employee, months)?;
        self.tenure_months = Some(months);
        Ok(self)
    }

    /// Sets the outcome: whether the employee was promoted in the window, and the months
    /// from the start of the window to the promotion, or when not promoted to the end of
    /// observation (finite, `> 0`; a right-censored time); required.
    ///
    /// # Errors
    /// [`Error::NonFinite`] or [`Error::OutOfRange`] naming `months_to_event`.
    pub fn with_outcome(mut self, promoted: bool, months_to_event: f64) -> Result<Self, Error> {
        check_months_to_event(self.employee, months_to_event)?;
        self.outcome = Some((promoted, months_to_event));
        Ok(self)
    }

    /// Sets the attributes for intersectional cuts as `(key, value)` pairs (e.g.
    /// `("gender", "female")`); keys are trimmed when pushed and a repeated key keeps
    /// the last value.
    ///
    /// # Errors
    /// [`Error::EmptyAttributeKey`] when a key is empty or only white space.
    pub fn with_attributes(mut self, attributes: &'a [(&'a str, &'a str)]) -> Result<Self, Error> {
        if attributes.iter().any(|(k, _)| k.trim().is_empty()) {
            return Err(Error::EmptyAttributeKey {
                employee: self.employee,
            });
        }
        self.attributes = attributes;
        Ok(self)
    }

    /// The employee the row describes.
    pub fn employee(&self) -> EmployeeId {
        self.employee
    }
    /// Where the employee worked during the window.
    pub fn work_mode(&self) -> WorkMode {
        self.work_mode
    }
    /// The job level when the window opened.
    pub fn level(&self) -> JobLevel {
        self.level
    }
    /// The department name as given, not yet trimmed or checked.
    pub fn department(&self) -> &'a str {
        self.department
    }
    /// The performance rating (finite), `None` until set.
    pub fn performance(&self) -> Option<f64> {
        self.performance
    }
    /// The tenure in months when the window opened (finite, `≥ 0`), `None` until set.
    pub fn tenure_months(&self) -> Option<f64> {
        self.tenure_months
    }
    /// Whether the employee was promoted in the window, `None` until the outcome is set.
    pub fn promoted(&self) -> Option<bool> {
        self.outcome.map(|(promoted, _)| promoted)
    }
    /// Months to the promotion or to the end of observation (finite, `> 0`), `None`
    /// until the outcome is set.
    pub fn months_to_event(&self) -> Option<f64> {
        self.outcome.map(|(_, months)| months)
    }
    /// The attributes as `(key, value)` pairs, keys not yet trimmed (none by default).
    pub fn attributes(&self) -> &'a [(&'a str, &'a str)] {
        self.attributes
    }
}

/// Promotion records stored column by column, with department names and attribute
/// texts interned. Every row satisfies the invariants of [`PromotionRecord`].
///
/// ```
/// use remit_core::{EmployeeId, JobLevel, WorkMode};
/// use remit_promotion_bias::{Error, PromotionRow, PromotionTable};
///
/// let mut table = PromotionTable::new();
/// for (i, mode) in [WorkMode::Onsite, WorkMode::Remote].into_iter().enumerate() {
///     let employee = EmployeeId::from_external(&format!("E-{i}"));
///     let row = PromotionRow::new(employee, mode, JobLevel::new(2), "Support")
///         .with_performance(3.0)?
///         .with_tenure_months(18.0)?
///         .with_outcome(i == 0, 12.0)?
///         .with_attributes(&[("gender", "female")])?;
///     table.push_row(row)?;
/// }
/// assert_eq!(table.len(), 2);
/// assert_eq!(table.department_names().len(), 1); // stored once
/// let second = table.record(1).unwrap();
/// assert_eq!(second.work_mode(), WorkMode::Remote);
/// assert_eq!(second.attribute("gender"), Some("female"));
///
/// // The same invariants as a record: a row without its outcome, or with an invalid
/// // department name, is refused and the table is unchanged.
/// let employee = EmployeeId::from_external("E-9");
/// let row = PromotionRow::new(employee, WorkMode::Onsite, JobLevel::new(1), "Sales")
///     .with_performance(3.0)?
///     .with_tenure_months(1.0)?;
/// let bad = table.push_row(row);
/// assert!(matches!(bad, Err(Error::MissingField { field: "promoted", .. })));
/// let blank = PromotionRow::new(employee, WorkMode::Onsite, JobLevel::new(1), "  ")
///     .with_performance(3.0)?
///     .with_tenure_months(1.0)?
///     .with_outcome(false, 12.0)?;
/// assert!(matches!(table.push_row(blank), Err(Error::Department { .. })));
/// assert_eq!(table.len(), 2);
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, Clone, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(from = "Vec<PromotionRecord>", into = "Vec<PromotionRecord>")
)]
pub struct PromotionTable {
    employees: Vec<EmployeeId>,
    work_modes: Vec<WorkMode>,
    levels: Vec<JobLevel>,
    departments: Vec<u32>,
    performance: Vec<f64>,
    tenure_months: Vec<f64>,
    promoted: Vec<bool>,
    months_to_event: Vec<f64>,
    department_names: Vec<Department>,
    department_index: FastHashMap<Box<str>, u32>,
    attribute_keys: Vec<Arc<str>>,
    /// Per key, per row: 0 when absent, else `1 +` an index into `texts`.
    attribute_values: Vec<Vec<u32>>,
    texts: Vec<Arc<str>>,
    text_index: FastHashMap<Arc<str>, u32>,
    recent_departments: Recent,
    recent_texts: Recent,
}

/// A small direct-mapped cache in front of an interning map: a slot per cheap
/// fingerprint of a text (its length and its first and last bytes) holding the code
/// last seen for it. A hit is checked against the interned text, so a stale or
/// shared slot only costs the map look-up. A large file repeats a handful of
/// department names and attribute values on every row.
#[derive(Debug, Clone)]
struct Recent([u32; Recent::SLOTS]);

impl Default for Recent {
    fn default() -> Self {
        Self([0; Self::SLOTS])
    }
}

impl Recent {
    const SLOTS: usize = 64;

    fn slot(text: &str) -> usize {
        let b = text.as_bytes();
        let first = usize::from(b.first().copied().unwrap_or(0));
        let last = usize::from(b.last().copied().unwrap_or(0));
        (b.len().wrapping_mul(0x9e) ^ first.wrapping_mul(5) ^ last) % Self::SLOTS
    }

    /// The cached code of `text`, if `name_of` confirms it.
    fn get<'a>(&self, text: &str, name_of: impl Fn(u32) -> Option<&'a str>) -> Option<u32> {
        let code = self.0.get(Self::slot(text))?.checked_sub(1)?;
        (name_of(code) == Some(text)).then_some(code)
    }

    fn put(&mut self, text: &str, code: u32) {
        if let Some(slot) = self.0.get_mut(Self::slot(text)) {
            *slot = code.saturating_add(1);
        }
    }
}

impl PartialEq for PromotionTable {
    /// Tables are equal when they hold equal records in the same order (however the
    /// texts were interned).
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && (0..self.len()).all(|i| self.record(i) == other.record(i))
    }
}

impl PromotionTable {
    /// An empty table, no rows and no interned names; fill it with
    /// [`PromotionTable::push_row`] or [`PromotionTable::push`].
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty table with room for `rows` records.
    pub fn with_capacity(rows: usize) -> Self {
        Self {
            employees: Vec::with_capacity(rows),
            work_modes: Vec::with_capacity(rows),
            levels: Vec::with_capacity(rows),
            departments: Vec::with_capacity(rows),
            performance: Vec::with_capacity(rows),
            tenure_months: Vec::with_capacity(rows),
            promoted: Vec::with_capacity(rows),
            months_to_event: Vec::with_capacity(rows),
            ..Self::default()
        }
    }

    /// A table of these records, in order.
    pub fn from_records(records: &[PromotionRecord]) -> Self {
        let mut table = Self::with_capacity(records.len());
        for r in records {
            table.push(r);
        }
        table
    }

    /// Appends a validated record.
    pub fn push(&mut self, record: &PromotionRecord) {
        let department = self.intern_department(record.department());
        let row = self.push_columns(
            record.employee(),
            record.work_mode(),
            record.level(),
            department,
            [
                record.performance(),
                record.tenure_months(),
                record.months_to_event(),
            ],
            record.promoted(),
        );
        for (k, v) in record.attributes() {
            let code = self.intern_text(v);
            self.set_attribute(row, k, code);
        }
    }

    /// Appends `employee`'s row when they are in the eligible pool of `window`, by the
    /// rules of [`records_from_history`](crate::records_from_history) (pool, clock,
    /// validation and errors), and says whether a row was added. For a caller who
    /// already holds, per employee, their rating and their earliest promotion, and
    /// fills the table in its own order without a [`PromotionEvent`](crate::PromotionEvent)
    /// list or a [`Ratings`](crate::Ratings) look-up; [`table_from_history`](crate::table_from_history)
    /// is the same through those.
    ///
    /// - `employee`: as when the window opened (their work mode, level, department
    ///   and attributes are the row's).
    /// - `rating`: their performance rating; asked for only when they are in the pool.
    /// - `promoted_on`: the earliest of their promotions that falls in the window; a
    ///   date outside the window counts as no promotion, as an event outside it does.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use remit_core::{CountryCode, Department, Employee, EmployeeId, JobLevel, Period, WorkMode};
    /// use remit_promotion_bias::{Error, PromotionTable};
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let person = |id: &str, hired| {
    ///     Employee::builder(EmployeeId::from_external(id))
    ///         .work_mode(WorkMode::Hybrid)
    ///         .country(CountryCode::new("PT").unwrap())
    ///         .time_zone(chrono_tz::Europe::Lisbon)
    ///         .level(JobLevel::new(3))
    ///         .department(Department::new("Support").unwrap())
    ///         .hired_on(hired)
    ///         .build()
    ///         .unwrap()
    /// };
    /// let window = Period::new(d(2024, 1, 1), d(2025, 1, 1))?;
    /// let mut table = PromotionTable::new();
    /// // In the pool, promoted on the last day of March: 3 months and a day.
    /// assert!(table.push_from_history(&person("a", d(2021, 5, 3)), Some(4.0), Some(d(2024, 3, 31)), window)?);
    /// // Hired during the window: not in the pool, no row (and no rating needed).
    /// assert!(!table.push_from_history(&person("b", d(2024, 2, 1)), None, None, window)?);
    /// // In the pool without a rating: an error, and the table is unchanged.
    /// let err = table.push_from_history(&person("c", d(2022, 1, 1)), None, None, window);
    /// assert!(matches!(err, Err(Error::MissingRating { .. })));
    /// assert_eq!(table.len(), 1);
    /// assert!(table.promoted()[0] && (table.months_to_event()[0] - 3.0).abs() < 0.05);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::MissingRating`] for a pool member without a rating, [`Error::NonFinite`]
    /// when the rating is not finite, [`Error::EmptyAttributeKey`] as a record's
    /// builder gives it.
    pub fn push_from_history(
        &mut self,
        employee: &Employee,
        rating: Option<f64>,
        promoted_on: Option<NaiveDate>,
        window: Period,
    ) -> Result<bool, Error> {
        match pool_member(employee, || rating, promoted_on, window)? {
            None => Ok(false),
            Some(member) => self.push_employee(employee, &member).map(|()| true),
        }
    }

    /// Appends the row of one member of the eligible pool: the employee's work mode,
    /// level, department and attributes with the history's figures, validated as
    /// [`PromotionRecordBuilder::build`](crate::PromotionRecordBuilder::build) does (the
    /// same errors, in the same order); on error the table is unchanged. The
    /// department and attribute texts are interned by the employee's own shared text,
    /// so nothing is copied per row.
    pub(crate) fn push_employee(
        &mut self,
        employee: &Employee,
        member: &PoolMember,
    ) -> Result<(), Error> {
        let id = employee.id();
        check_numbers(
            id,
            member.rating,
            member.tenure_months,
            member.months_to_event,
        )?;
        // An employee's keys are trimmed, sorted and unique, as a record's are.
        if employee.attributes().iter().any(|(k, _)| k.is_empty()) {
            return Err(Error::EmptyAttributeKey { employee: id });
        }
        let name = employee.department();
        let names = &self.department_names;
        let cached = self.recent_departments.get(name.as_str(), |d| {
            names.get(d as usize).map(Department::as_str)
        });
        let department = match cached {
            Some(d) => d,
            None => {
                let d = self.intern_department(name);
                self.recent_departments.put(name.as_str(), d);
                d
            }
        };
        let row = self.push_columns(
            id,
            employee.work_mode(),
            employee.level(),
            department,
            [member.rating, member.tenure_months, member.months_to_event],
            member.promoted,
        );
        for (k, v) in employee.attributes() {
            let code = self.intern_text(v.as_str());
            self.set_attribute(row, k.as_str(), code);
        }
        Ok(())
    }

    /// Appends one row, checking its department name and that its rating, tenure and
    /// outcome were set (the setters checked the numbers and attribute keys); on error
    /// the table is unchanged.
    ///
    /// # Errors
    /// [`Error::MissingField`] naming `performance`, `tenure_months` or `promoted` when
    /// it was not set; [`Error::Department`] for an invalid department name.
    pub fn push_row(&mut self, row: PromotionRow<'_>) -> Result<(), Error> {
        let employee = row.employee;
        let missing = |field| Error::MissingField { employee, field };
        let performance = row.performance.ok_or_else(|| missing("performance"))?;
        let tenure_months = row.tenure_months.ok_or_else(|| missing("tenure_months"))?;
        let (promoted, months_to_event) = row.outcome.ok_or_else(|| missing("promoted"))?;
        let names = &self.department_names;
        let cached = self.recent_departments.get(row.department, |d| {
            names.get(d as usize).map(Department::as_str)
        });
        let department = match cached {
            Some(d) => d,
            None => {
                let d = match self.department_index.get(row.department) {
                    Some(&d) => d,
                    None => {
                        let name = Department::new(row.department)
                            .map_err(|source| Error::Department { employee, source })?;
                        self.intern_department(&name)
                    }
                };
                self.recent_departments.put(row.department, d);
                d
            }
        };
        let index = self.push_columns(
            employee,
            row.work_mode,
            row.level,
            department,
            [performance, tenure_months, months_to_event],
            promoted,
        );
        // In order, so a repeated key keeps the last value.
        for &(k, v) in row.attributes {
            let code = self.intern_text(v);
            self.set_attribute(index, k.trim(), code);
        }
        Ok(())
    }

    /// Sets attribute `key` of row `row` (adding the column if new).
    fn set_attribute(&mut self, row: usize, key: &str, code: u32) {
        let k = match self.attribute_keys.iter().position(|k| &**k == key) {
            Some(k) => k,
            None => {
                self.attribute_keys.push(Arc::from(key));
                self.attribute_values.push(vec![0; self.len()]);
                self.attribute_keys.len() - 1
            }
        };
        if let Some(slot) = self
            .attribute_values
            .get_mut(k)
            .and_then(|c| c.get_mut(row))
        {
            *slot = code;
        }
    }

    fn intern_department(&mut self, name: &Department) -> u32 {
        if let Some(&d) = self.department_index.get(name.as_str()) {
            return d;
        }
        let d = u32::try_from(self.department_names.len()).unwrap_or(u32::MAX);
        self.department_names.push(name.clone());
        self.department_index.insert(name.as_str().into(), d);
        d
    }

    fn intern_text(&mut self, text: &str) -> u32 {
        let texts = &self.texts;
        if let Some(t) = self
            .recent_texts
            .get(text, |t| texts.get(t as usize).map(|x| &**x))
        {
            return t + 1;
        }
        let t = match self.text_index.get(text) {
            Some(&t) => t,
            None => {
                let t = u32::try_from(self.texts.len()).unwrap_or(u32::MAX - 1);
                let shared: Arc<str> = Arc::from(text);
                self.texts.push(Arc::clone(&shared));
                self.text_index.insert(shared, t);
                t
            }
        };
        self.recent_texts.put(text, t);
        t + 1
    }

    /// Appends the fixed columns (attributes absent) and returns the new row's index.
    fn push_columns(
        &mut self,
        employee: EmployeeId,
        work_mode: WorkMode,
        level: JobLevel,
        department: u32,
        [performance, tenure_months, months_to_event]: [f64; 3],
        promoted: bool,
    ) -> usize {
        let row = self.employees.len();
        for column in &mut self.attribute_values {
            column.push(0);
        }
        self.employees.push(employee);
        self.work_modes.push(work_mode);
        self.levels.push(level);
        self.departments.push(department);
        self.performance.push(performance);
        self.tenure_months.push(tenure_months);
        self.promoted.push(promoted);
        self.months_to_event.push(months_to_event);
        row
    }

    /// The number of records.
    pub fn len(&self) -> usize {
        self.employees.len()
    }
    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.employees.is_empty()
    }
    /// The employees, one per row.
    pub fn employees(&self) -> &[EmployeeId] {
        &self.employees
    }
    /// The work modes, one per row.
    pub fn work_modes(&self) -> &[WorkMode] {
        &self.work_modes
    }
    /// The job levels, one per row.
    pub fn levels(&self) -> &[JobLevel] {
        &self.levels
    }
    /// The department of each row, as an index into [`department_names`](Self::department_names).
    pub fn departments(&self) -> &[u32] {
        &self.departments
    }
    /// The distinct department names, in order of first appearance.
    pub fn department_names(&self) -> &[Department] {
        &self.department_names
    }
    /// The performance ratings, one per row.
    pub fn performance(&self) -> &[f64] {
        &self.performance
    }
    /// Tenure in months when the window opened, one per row.
    pub fn tenure_months(&self) -> &[f64] {
        &self.tenure_months
    }
    /// Whether each row's employee was promoted.
    pub fn promoted(&self) -> &[bool] {
        &self.promoted
    }
    /// Months to the promotion or to the end of observation, one per row.
    pub fn months_to_event(&self) -> &[f64] {
        &self.months_to_event
    }
    /// The attribute keys present in any row, in order of first appearance.
    pub fn attribute_keys(&self) -> impl Iterator<Item = &str> {
        self.attribute_keys.iter().map(|k| &**k)
    }
    /// Row `row`'s value of attribute `key`.
    pub fn attribute(&self, row: usize, key: &str) -> Option<&str> {
        let column = self.attribute_column(key)?;
        self.text(*column.get(row)?)
    }

    /// The value codes of one attribute (0: absent), for grouping without text.
    pub(crate) fn attribute_column(&self, key: &str) -> Option<&[u32]> {
        let k = self.attribute_keys.iter().position(|k| &**k == key)?;
        self.attribute_values.get(k).map(Vec::as_slice)
    }

    /// The text of a value code (`None` for 0, absent).
    pub(crate) fn text(&self, code: u32) -> Option<&str> {
        let i = usize::try_from(code).ok()?.checked_sub(1)?;
        self.texts.get(i).map(|t| &**t)
    }

    /// Row `row` as a [`PromotionRecord`] (`None` out of range).
    pub fn record(&self, row: usize) -> Option<PromotionRecord> {
        let department = self
            .department_names
            .get(usize::try_from(*self.departments.get(row)?).ok()?)?
            .clone();
        let mut builder = PromotionRecord::builder(*self.employees.get(row)?)
            .work_mode(*self.work_modes.get(row)?)
            .level(*self.levels.get(row)?)
            .department(department)
            .performance(*self.performance.get(row)?)
            .tenure_months(*self.tenure_months.get(row)?)
            .promoted(*self.promoted.get(row)?)
            .months_to_event(*self.months_to_event.get(row)?);
        for (key, column) in self.attribute_keys.iter().zip(&self.attribute_values) {
            if let Some(value) = column.get(row).and_then(|&c| self.text(c)) {
                builder = builder.attribute(Arc::clone(key), value);
            }
        }
        builder.build().ok()
    }

    /// Every row as a [`PromotionRecord`], in order.
    pub fn to_records(&self) -> Vec<PromotionRecord> {
        (0..self.len()).filter_map(|i| self.record(i)).collect()
    }
}

impl From<&[PromotionRecord]> for PromotionTable {
    fn from(records: &[PromotionRecord]) -> Self {
        Self::from_records(records)
    }
}

impl From<Vec<PromotionRecord>> for PromotionTable {
    fn from(records: Vec<PromotionRecord>) -> Self {
        Self::from_records(&records)
    }
}

impl From<PromotionTable> for Vec<PromotionRecord> {
    fn from(table: PromotionTable) -> Self {
        table.to_records()
    }
}
