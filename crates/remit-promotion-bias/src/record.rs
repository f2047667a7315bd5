//! The unit of analysis: one employee's [`PromotionRecord`] over an observation window.

#[cfg(feature = "serde")]
use std::collections::BTreeMap;
use std::sync::Arc;

use remit_core::{Department, EmployeeId, JobLevel, WorkMode};

use crate::error::Error;

/// One employee's promotion outcome over an observation window.
///
/// Invariants, checked by [`PromotionRecordBuilder::build`]:
///
/// - `performance` is finite (any scale: 1–5, 0–100, a z-score; only its order and, in
///   the regression, its linear effect are used);
/// - `tenure_months` is finite and `≥ 0` (tenure when the window opened);
/// - `months_to_event` is finite and `> 0`: months from the start of the window to the
///   promotion when `promoted`, otherwise to the end of observation (the end of the
///   window or leaving, whichever came first) — a right-censored time;
/// - attribute keys are non-empty.
///
/// ```
/// use remit_core::{Department, EmployeeId, JobLevel, WorkMode};
/// use remit_promotion_bias::{Error, PromotionRecord};
///
/// let r = PromotionRecord::builder(EmployeeId::from_external("E-7"))
///     .work_mode(WorkMode::Remote)
///     .level(JobLevel::new(2))
///     .department(Department::new("Engineering")?)
///     .performance(4.0)
///     .tenure_months(30.0)
///     .promoted(true)
///     .months_to_event(7.5)
///     .attribute("gender", "female")
///     .build()?;
/// assert!(r.promoted());
/// assert_eq!(r.attribute("gender"), Some("female"));
///
/// // Zero months to event is rejected, naming the employee and the field.
/// let err = PromotionRecord::builder(EmployeeId::from_external("E-8"))
///     .work_mode(WorkMode::Onsite)
///     .level(JobLevel::new(1))
///     .department(Department::new("Sales")?)
///     .performance(3.0)
///     .tenure_months(12.0)
///     .promoted(false)
///     .months_to_event(0.0)
///     .build()
///     .unwrap_err();
/// assert!(matches!(err, Error::OutOfRange { field: "months_to_event", .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RecordRepr", into = "RecordRepr"))]
pub struct PromotionRecord {
    employee: EmployeeId,
    work_mode: WorkMode,
    level: JobLevel,
    department: Department,
    performance: f64,
    tenure_months: f64,
    promoted: bool,
    months_to_event: f64,
    /// Sorted by key, keys unique. `Arc<str>` so a caller reading a million rows can
    /// share one allocation per distinct key and value.
    attributes: Box<[(Arc<str>, Arc<str>)]>,
}

impl PromotionRecord {
    /// Starts a record for this employee.
    pub fn builder(employee: EmployeeId) -> PromotionRecordBuilder {
        PromotionRecordBuilder {
            employee,
            work_mode: None,
            level: None,
            department: None,
            performance: None,
            tenure_months: None,
            promoted: None,
            months_to_event: None,
            attributes: Vec::new(),
        }
    }

    /// The employee this record describes.
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
    /// The department when the window opened (trimmed, 1 to [`Department::MAX_LEN`] bytes).
    pub fn department(&self) -> &Department {
        &self.department
    }
    /// The performance rating, finite, on the caller's own scale (only its order and linear
    /// effect are used).
    pub fn performance(&self) -> f64 {
        self.performance
    }
    /// Tenure in months when the window opened.
    pub fn tenure_months(&self) -> f64 {
        self.tenure_months
    }
    /// Whether the employee was promoted in the window.
    pub fn promoted(&self) -> bool {
        self.promoted
    }
    /// Months to the promotion, or to the end of observation when not promoted (> 0).
    pub fn months_to_event(&self) -> f64 {
        self.months_to_event
    }
    /// Optional attributes for intersectional cuts (e.g. `"gender"`), sorted by key.
    pub fn attributes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.attributes.iter().map(|(k, v)| (&**k, &**v))
    }
    /// The value of attribute `key` (trimmed, as given to the builder), or `None` when the
    /// record does not carry it.
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes
            .binary_search_by(|(k, _)| (**k).cmp(key))
            .ok()
            .and_then(|i| self.attributes.get(i))
            .map(|(_, v)| &**v)
    }
}

/// The numeric invariants of a record: all finite, tenure `≥ 0`, months to event `> 0`.
pub(crate) fn check_numbers(
    employee: EmployeeId,
    performance: f64,
    tenure_months: f64,
    months_to_event: f64,
) -> Result<(), Error> {
    check_performance(employee, performance)?;
    check_tenure_months(employee, tenure_months)?;
    check_months_to_event(employee, months_to_event)
}

/// A performance rating is finite (any scale).
pub(crate) fn check_performance(employee: EmployeeId, rating: f64) -> Result<(), Error> {
    check_finite(employee, "performance", rating)
}

/// Tenure in months is finite and `≥ 0`.
pub(crate) fn check_tenure_months(employee: EmployeeId, months: f64) -> Result<(), Error> {
    check_finite(employee, "tenure_months", months)?;
    if months < 0.0 {
        return Err(Error::OutOfRange {
            employee,
            field: "tenure_months",
            value: months,
            expected: "at least 0",
        });
    }
    Ok(())
}

/// Months to the event are finite and `> 0`.
pub(crate) fn check_months_to_event(employee: EmployeeId, months: f64) -> Result<(), Error> {
    check_finite(employee, "months_to_event", months)?;
    if months <= 0.0 {
        return Err(Error::OutOfRange {
            employee,
            field: "months_to_event",
            value: months,
            expected: "greater than 0",
        });
    }
    Ok(())
}

fn check_finite(employee: EmployeeId, field: &'static str, value: f64) -> Result<(), Error> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(Error::NonFinite {
            employee,
            field,
            value,
        })
    }
}

/// Builds a validated [`PromotionRecord`]; see [`PromotionRecord::builder`].
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct PromotionRecordBuilder {
    employee: EmployeeId,
    work_mode: Option<WorkMode>,
    level: Option<JobLevel>,
    department: Option<Department>,
    performance: Option<f64>,
    tenure_months: Option<f64>,
    promoted: Option<bool>,
    months_to_event: Option<f64>,
    attributes: Vec<(Arc<str>, Arc<str>)>,
}

impl PromotionRecordBuilder {
    /// Sets the work mode (required).
    pub fn work_mode(mut self, work_mode: WorkMode) -> Self {
        self.work_mode = Some(work_mode);
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
    /// Sets the performance rating (required, finite).
    pub fn performance(mut self, rating: f64) -> Self {
        self.performance = Some(rating);
        self
    }
    /// Sets the tenure in months when the window opened (required, finite, `≥ 0`).
    pub fn tenure_months(mut self, months: f64) -> Self {
        self.tenure_months = Some(months);
        self
    }
    /// Sets whether the employee was promoted (required).
    pub fn promoted(mut self, promoted: bool) -> Self {
        self.promoted = Some(promoted);
        self
    }
    /// Sets the months to the promotion or to the end of observation (required, `> 0`).
    pub fn months_to_event(mut self, months: f64) -> Self {
        self.months_to_event = Some(months);
        self
    }
    /// Adds an attribute; keys are trimmed, a repeated key keeps the last value.
    ///
    /// Pass `Arc<str>` clones to share one allocation across many records.
    pub fn attribute(mut self, key: impl Into<Arc<str>>, value: impl Into<Arc<str>>) -> Self {
        let mut key: Arc<str> = key.into();
        if key.trim().len() != key.len() {
            key = Arc::from(key.trim());
        }
        let value = value.into();
        match self.attributes.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(i) => {
                if let Some(slot) = self.attributes.get_mut(i) {
                    slot.1 = value;
                }
            }
            Err(i) => self.attributes.insert(i, (key, value)),
        }
        self
    }

    /// Checks the invariants and returns the record.
    pub fn build(self) -> Result<PromotionRecord, Error> {
        let employee = self.employee;
        let missing = |field| Error::MissingField { employee, field };
        let performance = self.performance.ok_or_else(|| missing("performance"))?;
        let tenure_months = self.tenure_months.ok_or_else(|| missing("tenure_months"))?;
        let months_to_event = self
            .months_to_event
            .ok_or_else(|| missing("months_to_event"))?;
        check_numbers(employee, performance, tenure_months, months_to_event)?;
        if self.attributes.iter().any(|(k, _)| k.is_empty()) {
            return Err(Error::EmptyAttributeKey { employee });
        }
        Ok(PromotionRecord {
            employee,
            work_mode: self.work_mode.ok_or_else(|| missing("work_mode"))?,
            level: self.level.ok_or_else(|| missing("level"))?,
            department: self.department.ok_or_else(|| missing("department"))?,
            performance,
            tenure_months,
            promoted: self.promoted.ok_or_else(|| missing("promoted"))?,
            months_to_event,
            attributes: self.attributes.into_boxed_slice(),
        })
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct RecordRepr {
    employee: EmployeeId,
    work_mode: WorkMode,
    level: JobLevel,
    department: Department,
    performance: f64,
    tenure_months: f64,
    promoted: bool,
    months_to_event: f64,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    attributes: BTreeMap<String, String>,
}

#[cfg(feature = "serde")]
impl TryFrom<RecordRepr> for PromotionRecord {
    type Error = Error;

    fn try_from(r: RecordRepr) -> Result<Self, Self::Error> {
        let mut b = PromotionRecord::builder(r.employee)
            .work_mode(r.work_mode)
            .level(r.level)
            .department(r.department)
            .performance(r.performance)
            .tenure_months(r.tenure_months)
            .promoted(r.promoted)
            .months_to_event(r.months_to_event);
        for (k, v) in r.attributes {
            b = b.attribute(k, v);
        }
        b.build()
    }
}

#[cfg(feature = "serde")]
impl From<PromotionRecord> for RecordRepr {
    fn from(r: PromotionRecord) -> Self {
        RecordRepr {
            employee: r.employee,
            work_mode: r.work_mode,
            level: r.level,
            department: r.department,
            performance: r.performance,
            tenure_months: r.tenure_months,
            promoted: r.promoted,
            months_to_event: r.months_to_event,
            attributes: r
                .attributes
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(id: &str) -> PromotionRecordBuilder {
        PromotionRecord::builder(EmployeeId::from_external(id))
            .work_mode(WorkMode::Hybrid)
            .level(JobLevel::new(3))
            .department(Department::new("Ops").unwrap())
            .performance(3.5)
            .tenure_months(12.0)
            .promoted(false)
            .months_to_event(12.0)
    }

    #[test]
    fn valid_record_builds() {
        let r = base("a").build().unwrap();
        assert_eq!(r.work_mode(), WorkMode::Hybrid);
        assert_eq!(r.level(), JobLevel::new(3));
        assert!(!r.promoted());
    }

    #[test]
    fn each_bad_field_is_named() {
        let employee = EmployeeId::from_external("a");
        let err = |b: PromotionRecordBuilder| b.build().unwrap_err();
        assert!(matches!(
            err(base("a").performance(f64::NAN)),
            Error::NonFinite { field: "performance", employee: e, .. } if e == employee
        ));
        assert!(matches!(
            err(base("a").tenure_months(-1.0)),
            Error::OutOfRange { field: "tenure_months", employee: e, .. } if e == employee
        ));
        assert!(matches!(
            err(base("a").months_to_event(0.0)),
            Error::OutOfRange {
                field: "months_to_event",
                ..
            }
        ));
        assert!(matches!(
            err(base("a").months_to_event(f64::INFINITY)),
            Error::NonFinite {
                field: "months_to_event",
                ..
            }
        ));
        assert_eq!(
            err(base("a").attribute("  ", "x")),
            Error::EmptyAttributeKey { employee }
        );
        let message = err(base("a").tenure_months(-1.0)).to_string();
        assert!(message.contains("`tenure_months`") && message.contains(&employee.to_string()));
        let missing = PromotionRecord::builder(EmployeeId::from_external("b"))
            .build()
            .unwrap_err();
        assert!(matches!(
            missing,
            Error::MissingField {
                field: "performance",
                ..
            }
        ));
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_round_trip_revalidates() {
        let r = base("a").attribute("gender", "f").build().unwrap();
        let json = serde_json::to_string(&r).unwrap();
        let back: PromotionRecord = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        let broken = json.replace("\"months_to_event\":12.0", "\"months_to_event\":-1.0");
        let err = serde_json::from_str::<PromotionRecord>(&broken)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("field `months_to_event` must be greater than 0"),
            "{err}"
        );
    }
}
