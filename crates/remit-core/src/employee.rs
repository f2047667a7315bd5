//! Employees: [`Employee`], its [`JobLevel`] and [`Department`], and the validating
//! [`EmployeeBuilder`].

#[cfg(feature = "serde")]
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::period::{months_between, months_between_fractional};
use crate::{Attributes, CountryCode, EmployeeId, SharedStr, WorkMode};

/// A job level: an ordinal where a higher number is more senior (`L1` < `L2` < ...).
///
/// Levels are the caller's own ladder; remit only uses their order and equality.
/// Parsing accepts `"3"`, `"L3"` and `"l3"`; display is `"L3"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct JobLevel(u8);

impl JobLevel {
    /// The level with this rank.
    pub const fn new(rank: u8) -> Self {
        Self(rank)
    }

    /// The rank (higher is more senior).
    pub const fn rank(self) -> u8 {
        self.0
    }
}

impl From<u8> for JobLevel {
    fn from(rank: u8) -> Self {
        Self(rank)
    }
}

impl fmt::Display for JobLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "L{}", self.0)
    }
}

/// A string did not name a job level.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid job level {input:?}: expected a rank 0-255 such as 3 or L3")]
pub struct ParseJobLevelError {
    input: String,
}

impl FromStr for JobLevel {
    type Err = ParseJobLevelError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let digits = t
            .strip_prefix('L')
            .or_else(|| t.strip_prefix('l'))
            .unwrap_or(t);
        digits
            .parse::<u8>()
            .map(Self)
            .map_err(|_| ParseJobLevelError {
                input: s.to_owned(),
            })
    }
}

/// A department name.
///
/// Invariant: trimmed, non-empty, at most [`Department::MAX_LEN`] bytes. The name is a
/// [`SharedStr`], so clones of one `Department` (one per employee in it) share its bytes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct Department(SharedStr);

/// A department name was empty or too long.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid department name {input:?}: must be non-empty and at most 200 bytes")]
pub struct DepartmentError {
    input: String,
}

impl Department {
    /// The longest accepted name, in bytes.
    pub const MAX_LEN: usize = 200;

    /// Validates and trims a name.
    pub fn new(name: &str) -> Result<Self, DepartmentError> {
        let trimmed = name.trim();
        if trimmed.is_empty() || trimmed.len() > Self::MAX_LEN {
            return Err(DepartmentError {
                input: name.to_owned(),
            });
        }
        Ok(Self(SharedStr::from(trimmed)))
    }

    /// The department's name, trimmed, 1 to [`Department::MAX_LEN`] bytes.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Department {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Department {
    type Error = DepartmentError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(&value)
    }
}

impl From<Department> for String {
    fn from(d: Department) -> Self {
        d.0.into()
    }
}

impl From<Department> for SharedStr {
    fn from(d: Department) -> Self {
        d.0
    }
}

/// An employee record failed validation. The error names the employee and the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EmployeeError {
    /// A required field was not set on the builder.
    #[error("employee {employee}: missing required field `{field}`")]
    MissingField {
        /// The employee being built (the id given to [`Employee::builder`]).
        employee: EmployeeId,
        /// The builder field that was never set (`"hired_on"`, `"work_mode"`, `"country"`,
        /// `"time_zone"`, `"level"` or `"department"`).
        field: &'static str,
    },
    /// The leaving date is not after the hiring date.
    #[error(
        "employee {employee}: field `left_on` ({left_on}) must be after `hired_on` ({hired_on})"
    )]
    LeftBeforeHired {
        /// The employee whose dates are out of order.
        employee: EmployeeId,
        /// The hiring date; the leaving date must be strictly after it.
        hired_on: NaiveDate,
        /// The rejected leaving date.
        left_on: NaiveDate,
    },
    /// The employee was named as their own manager.
    #[error("employee {employee}: field `manager` names the employee themself")]
    OwnManager {
        /// The employee named as their own manager.
        employee: EmployeeId,
    },
    /// An attribute key was empty after trimming.
    #[error("employee {employee}: field `attributes` has an empty key")]
    EmptyAttributeKey {
        /// The employee whose attribute key was empty.
        employee: EmployeeId,
    },
}

/// One employee: who they are, where and how they work, and when they joined and left.
///
/// Built with [`Employee::builder`], which checks the invariants:
/// `left_on > hired_on` when set (`left_on` is the first day no longer employed, so the
/// employment is the half-open period `[hired_on, left_on)`), an employee does not
/// manage themself, and attribute keys are non-empty. Fields are private so an
/// `Employee` cannot be changed into an invalid state.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_core::{CountryCode, Department, Employee, EmployeeId, JobLevel, WorkMode};
///
/// let alice = Employee::builder(EmployeeId::from_external("E-1"))
///     .work_mode(WorkMode::Remote)
///     .country(CountryCode::new("PT")?)
///     .time_zone(chrono_tz::Europe::Lisbon)
///     .level(JobLevel::new(3))
///     .department(Department::new("Engineering")?)
///     .hired_on(NaiveDate::from_ymd_opt(2021, 3, 15).unwrap())
///     .attribute("gender", "female")
///     .build()?;
/// assert_eq!(alice.tenure_months(NaiveDate::from_ymd_opt(2025, 3, 14).unwrap()), 47);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "EmployeeRepr", into = "EmployeeRepr")
)]
pub struct Employee {
    id: EmployeeId,
    work_mode: WorkMode,
    country: CountryCode,
    time_zone: Tz,
    level: JobLevel,
    department: Department,
    manager: Option<EmployeeId>,
    hired_on: NaiveDate,
    left_on: Option<NaiveDate>,
    attributes: Attributes,
}

impl Employee {
    /// Starts building the employee with this id.
    pub fn builder(id: EmployeeId) -> EmployeeBuilder {
        EmployeeBuilder {
            id,
            work_mode: None,
            country: None,
            time_zone: None,
            level: None,
            department: None,
            manager: None,
            hired_on: None,
            left_on: None,
            attributes: Attributes::new(),
        }
    }

    /// The employee's id, unique within a roster (derived from the caller's own id by
    /// `EmployeeId::from_external`, or chosen by the caller).
    pub fn id(&self) -> EmployeeId {
        self.id
    }
    /// Where the employee mainly works.
    pub fn work_mode(&self) -> WorkMode {
        self.work_mode
    }
    /// The country of residence (for remote staff) or of the office.
    pub fn country(&self) -> CountryCode {
        self.country
    }
    /// The IANA time zone the employee works in.
    pub fn time_zone(&self) -> Tz {
        self.time_zone
    }
    /// The employee's job level: an ordinal on the caller's ladder, higher is more senior.
    pub fn level(&self) -> JobLevel {
        self.level
    }
    /// The department the employee belongs to (a trimmed, non-empty name).
    pub fn department(&self) -> &Department {
        &self.department
    }
    /// The direct manager, if any.
    pub fn manager(&self) -> Option<EmployeeId> {
        self.manager
    }
    /// The first day of employment.
    pub fn hired_on(&self) -> NaiveDate {
        self.hired_on
    }
    /// The first day no longer employed, if the employee has left.
    pub fn left_on(&self) -> Option<NaiveDate> {
        self.left_on
    }
    /// Free-form attributes for intersectional cuts (e.g. `"gender"`), sorted by key.
    pub fn attributes(&self) -> &Attributes {
        &self.attributes
    }
    /// The value of the attribute `key` (`"gender"`), or `None` if the employee has none.
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes.get(key).map(SharedStr::as_str)
    }

    /// Whether the employee is employed on `date` (`hired_on ≤ date < left_on`).
    pub fn is_active_on(&self, date: NaiveDate) -> bool {
        self.hired_on <= date && self.left_on.is_none_or(|left| date < left)
    }

    /// Whole months of tenure on `as_of` (or at leaving, if earlier), by the
    /// [month convention](crate::period).
    pub fn tenure_months(&self, as_of: NaiveDate) -> u32 {
        months_between(self.hired_on, self.tenure_end(as_of))
    }

    /// Tenure in fractional months, by the [month convention](crate::period).
    pub fn tenure_months_fractional(&self, as_of: NaiveDate) -> f64 {
        months_between_fractional(self.hired_on, self.tenure_end(as_of))
    }

    fn tenure_end(&self, as_of: NaiveDate) -> NaiveDate {
        self.left_on.map_or(as_of, |left| left.min(as_of))
    }
}

/// Builds a validated [`Employee`]; see [`Employee::builder`].
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct EmployeeBuilder {
    id: EmployeeId,
    work_mode: Option<WorkMode>,
    country: Option<CountryCode>,
    time_zone: Option<Tz>,
    level: Option<JobLevel>,
    department: Option<Department>,
    manager: Option<EmployeeId>,
    hired_on: Option<NaiveDate>,
    left_on: Option<NaiveDate>,
    attributes: Attributes,
}

impl EmployeeBuilder {
    /// Sets the work mode (required).
    pub fn work_mode(mut self, work_mode: WorkMode) -> Self {
        self.work_mode = Some(work_mode);
        self
    }
    /// Sets the country (required).
    pub fn country(mut self, country: CountryCode) -> Self {
        self.country = Some(country);
        self
    }
    /// Sets the IANA time zone (required).
    pub fn time_zone(mut self, time_zone: Tz) -> Self {
        self.time_zone = Some(time_zone);
        self
    }
    /// Sets the job level (required).
    pub fn level(mut self, level: JobLevel) -> Self {
        self.level = Some(level);
        self
    }
    /// Sets the department (required).
    pub fn department(mut self, department: Department) -> Self {
        self.department = Some(department);
        self
    }
    /// Sets the direct manager (optional).
    pub fn manager(mut self, manager: EmployeeId) -> Self {
        self.manager = Some(manager);
        self
    }
    /// Sets the hiring date (required).
    pub fn hired_on(mut self, hired_on: NaiveDate) -> Self {
        self.hired_on = Some(hired_on);
        self
    }
    /// Sets the first day no longer employed (optional).
    pub fn left_on(mut self, left_on: NaiveDate) -> Self {
        self.left_on = Some(left_on);
        self
    }
    /// Adds a free-form attribute; keys are trimmed, a repeated key keeps the last value.
    ///
    /// Keys and values are anything that converts into a [`SharedStr`] (`&str`, `String`,
    /// ...). Passing clones of the same `SharedStr` for many employees shares one copy of
    /// the text instead of allocating it per employee.
    pub fn attribute(mut self, key: impl Into<SharedStr>, value: impl Into<SharedStr>) -> Self {
        let key: SharedStr = key.into();
        let trimmed = key.trim();
        let key = if trimmed.len() == key.len() {
            key
        } else {
            SharedStr::from(trimmed)
        };
        self.attributes.insert(key, value.into());
        self
    }

    /// Checks the invariants and returns the employee.
    pub fn build(self) -> Result<Employee, EmployeeError> {
        let employee = self.id;
        let missing = |field| EmployeeError::MissingField { employee, field };
        let hired_on = self.hired_on.ok_or_else(|| missing("hired_on"))?;
        if let Some(left_on) = self.left_on
            && left_on <= hired_on
        {
            return Err(EmployeeError::LeftBeforeHired {
                employee,
                hired_on,
                left_on,
            });
        }
        if self.manager == Some(employee) {
            return Err(EmployeeError::OwnManager { employee });
        }
        if self.attributes.keys().any(|key| key.is_empty()) {
            return Err(EmployeeError::EmptyAttributeKey { employee });
        }
        Ok(Employee {
            id: employee,
            work_mode: self.work_mode.ok_or_else(|| missing("work_mode"))?,
            country: self.country.ok_or_else(|| missing("country"))?,
            time_zone: self.time_zone.ok_or_else(|| missing("time_zone"))?,
            level: self.level.ok_or_else(|| missing("level"))?,
            department: self.department.ok_or_else(|| missing("department"))?,
            manager: self.manager,
            hired_on,
            left_on: self.left_on,
            attributes: self.attributes,
        })
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct EmployeeRepr {
    id: EmployeeId,
    work_mode: WorkMode,
    country: CountryCode,
    time_zone: Tz,
    level: JobLevel,
    department: Department,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    manager: Option<EmployeeId>,
    hired_on: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    left_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    attributes: BTreeMap<String, String>,
}

#[cfg(feature = "serde")]
impl TryFrom<EmployeeRepr> for Employee {
    type Error = EmployeeError;

    fn try_from(r: EmployeeRepr) -> Result<Self, Self::Error> {
        let mut builder = Employee::builder(r.id)
            .work_mode(r.work_mode)
            .country(r.country)
            .time_zone(r.time_zone)
            .level(r.level)
            .department(r.department)
            .hired_on(r.hired_on);
        builder.manager = r.manager;
        builder.left_on = r.left_on;
        // Through `attribute`, as a caller's keys go: trimmed, so a blank key is the empty
        // key `build` refuses.
        for (key, value) in r.attributes {
            builder = builder.attribute(key, value);
        }
        builder.build()
    }
}

#[cfg(feature = "serde")]
impl From<Employee> for EmployeeRepr {
    fn from(e: Employee) -> Self {
        EmployeeRepr {
            id: e.id,
            work_mode: e.work_mode,
            country: e.country,
            time_zone: e.time_zone,
            level: e.level,
            department: e.department,
            manager: e.manager,
            hired_on: e.hired_on,
            left_on: e.left_on,
            attributes: e
                .attributes
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }
}
