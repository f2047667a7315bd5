//! Composition: the [`Audit`] trait every domain report implements, and the typed
//! [`Finding`]s it yields.
//!
//! A scorecard knows nothing about a domain except this trait. Each finding has a
//! stable code a program can match on, a severity, plain-language text, the cohort it is
//! about with its head-count, the metric that triggered it with its threshold, and a
//! recommendation. A report's health is not its own opinion: it follows from its
//! [`Coverage`](crate::Coverage) and findings by one rule ([`crate::health`]).
//!
//! ```
//! use remit_core::audit::{Audit, Cohort, Domain, Finding, FindingCode, Metric, Severity, health_of};
//! use remit_core::{Coverage, WorkMode};
//!
//! const KIT_GAP: FindingCode = FindingCode::constant("ASSET-KIT-GAP");
//!
//! struct KitReport {
//!     coverage: Coverage,
//!     findings: Vec<Finding>,
//! }
//!
//! impl Audit for KitReport {
//!     fn domain(&self) -> Domain {
//!         Domain::Assets
//!     }
//!     fn coverage(&self) -> &Coverage {
//!         &self.coverage
//!     }
//!     fn findings(&self) -> &[Finding] {
//!         &self.findings
//!     }
//! }
//!
//! // Findings are built once, when the report is made.
//! let finding = Finding::builder(Domain::Assets, KIT_GAP, Severity::High, "Remote staff lack ergonomic chairs")
//!     .cohort(Cohort::all().with("work_mode", WorkMode::Remote))
//!     .affected(140)
//!     .metric(Metric::new("kit coverage", 0.82)?.with_threshold(0.95).with_unit("share"))
//!     .recommendation("Ship chairs to the 140 remote employees without one.")
//!     .build()?;
//! let report = KitReport { coverage: Coverage::Measured, findings: vec![finding] };
//! assert_eq!(report.findings()[0].code().as_str(), "ASSET-KIT-GAP");
//! // One high finding caps the domain's health at 59.
//! assert_eq!(health_of(&report).score(), Some(59));
//! # Ok::<(), remit_core::AuditError>(())
//! ```

use core::fmt;
use std::borrow::Cow;

use crate::chart::Chart;
pub use crate::disclosure::GroupComparison;
use crate::disclosure::{Disclosure, DisclosureError};
pub use crate::domain::Domain;

/// How urgently a finding needs attention. Ordered: `Info < Low < Medium < High < Critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Severity {
    /// Context; no action needed.
    Info,
    /// Worth a look when convenient.
    Low,
    /// Should be addressed this cycle.
    Medium,
    /// Needs action soon; people are affected now.
    High,
    /// Needs action now (legal, safety or data-protection exposure).
    Critical,
}

impl Severity {
    /// Every severity, least severe first.
    pub const ALL: [Severity; 5] = [
        Severity::Info,
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        })
    }
}

/// A stable, machine-matchable finding code such as `PB-IMPACT-RATIO`.
///
/// Invariant: 1–64 characters, upper-case ASCII letters, digits and `-`, starting with a
/// letter. Codes are part of a domain's public API: they do not change between releases.
///
/// Domains declare their codes as constants with [`FindingCode::constant`], which checks
/// the rules at compile time:
///
/// ```
/// use remit_core::FindingCode;
///
/// const KIT_GAP: FindingCode = FindingCode::constant("ASSET-KIT-GAP");
/// assert_eq!(KIT_GAP.as_str(), "ASSET-KIT-GAP");
/// ```
///
/// ```compile_fail
/// use remit_core::FindingCode;
/// // Lower case is not a valid code: this does not compile.
/// const BAD: FindingCode = FindingCode::constant("asset-kit-gap");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct FindingCode(Cow<'static, str>);

/// A finding, metric or health value was invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuditError {
    /// A finding code broke the code rules.
    #[error(
        "invalid finding code {input:?}: use 1-64 upper-case letters, digits and '-', starting with a letter"
    )]
    InvalidCode {
        /// The code as the caller wrote it, before any checking.
        input: String,
    },
    /// A metric value or threshold was NaN or infinite.
    #[error("metric {name:?}: field `{field}` must be finite")]
    NonFiniteMetric {
        /// The name of the metric whose `value` or `threshold` was not finite.
        name: String,
        /// Which number was not finite: `"value"` or `"threshold"`.
        field: &'static str,
    },
    /// A finding table row with the wrong number of cells.
    #[error("finding table: a row has {cells} cells for {columns} columns")]
    RaggedTable {
        /// Columns in the table.
        columns: usize,
        /// Cells in the rejected row.
        cells: usize,
    },
    /// A finding's required text was empty.
    #[error("finding {code}: field `{field}` must not be empty")]
    EmptyText {
        /// The code of the finding whose text was empty.
        code: FindingCode,
        /// Which text was empty after trimming: `"title"` or `"recommendation"`.
        field: &'static str,
    },
}

impl FindingCode {
    /// Validates a code built at run time.
    ///
    /// # Errors
    ///
    /// [`AuditError::InvalidCode`] if the code breaks the rules above.
    pub fn new(code: &str) -> Result<Self, AuditError> {
        if Self::is_valid(code) {
            Ok(Self(Cow::Owned(code.to_owned())))
        } else {
            Err(AuditError::InvalidCode {
                input: code.to_owned(),
            })
        }
    }

    /// A code known when the program is written, checked at compile time when used in a
    /// `const` item.
    ///
    /// # Panics
    ///
    /// If the code breaks the rules (in a `const` item this is a compile error, which is
    /// how domains declare their codes); use [`FindingCode::new`] for codes built at run
    /// time.
    pub const fn constant(code: &'static str) -> Self {
        assert!(
            Self::is_valid(code),
            "finding code: 1-64 upper-case letters, digits and '-', starting with a letter"
        );
        Self(Cow::Borrowed(code))
    }

    /// Whether a code follows the rules.
    const fn is_valid(code: &str) -> bool {
        let bytes = code.as_bytes();
        if bytes.is_empty() || bytes.len() > 64 || !bytes[0].is_ascii_uppercase() {
            return false;
        }
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if !(b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-') {
                return false;
            }
            i += 1;
        }
        true
    }

    /// The code as text: 1-64 upper-case ASCII letters, digits and `-`, starting with a
    /// letter (`"ASSET-KIT-GAP"`).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for FindingCode {
    type Error = AuditError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(&value)
    }
}

impl From<FindingCode> for String {
    fn from(code: FindingCode) -> Self {
        code.0.into_owned()
    }
}

/// The group of people a finding is about, as `dimension = value` pairs
/// (`work_mode = remote, country = IN`). The empty cohort is everyone.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Cohort {
    dimensions: Vec<(String, String)>,
}

impl Cohort {
    /// The empty cohort: the finding is about everyone in the audited population.
    pub fn all() -> Self {
        Self::default()
    }

    /// Narrows the cohort by one more dimension.
    #[must_use]
    pub fn with(mut self, dimension: impl Into<String>, value: impl fmt::Display) -> Self {
        // Cohorts hold one or two dimensions: grow by one, not to the vector's default
        // of four (a report of 250 000 manager teams would hold 36 MB of spare room).
        self.dimensions.reserve_exact(1);
        self.dimensions.push((dimension.into(), value.to_string()));
        self
    }

    /// The `(dimension, value)` pairs, in the order added.
    pub fn dimensions(&self) -> &[(String, String)] {
        &self.dimensions
    }

    /// The value of one dimension, if the cohort is cut by it.
    pub fn get(&self, dimension: &str) -> Option<&str> {
        self.dimensions
            .iter()
            .find(|(d, _)| d == dimension)
            .map(|(_, v)| v.as_str())
    }

    /// Whether this is everyone.
    pub fn is_everyone(&self) -> bool {
        self.dimensions.is_empty()
    }
}

impl fmt::Display for Cohort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.dimensions.is_empty() {
            return f.write_str("everyone");
        }
        for (i, (d, v)) in self.dimensions.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{d}={v}")?;
        }
        Ok(())
    }
}

/// The measurement behind a finding: a value and, when a rule was applied, its threshold.
///
/// Invariant: value and threshold are finite.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawMetric"))]
pub struct Metric {
    name: String,
    value: f64,
    threshold: Option<f64>,
    unit: Option<String>,
}

/// The serialised fields of a [`Metric`], checked by [`Metric::new`] and
/// [`Metric::try_with_threshold`] on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawMetric {
    name: String,
    value: f64,
    threshold: Option<f64>,
    unit: Option<String>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawMetric> for Metric {
    type Error = AuditError;

    fn try_from(raw: RawMetric) -> Result<Self, Self::Error> {
        let mut metric = Metric::new(raw.name, raw.value)?;
        if let Some(threshold) = raw.threshold {
            metric = metric.try_with_threshold(threshold)?;
        }
        if let Some(unit) = raw.unit {
            metric = metric.with_unit(unit);
        }
        Ok(metric)
    }
}

impl Metric {
    /// A named value; an error if it is NaN or infinite.
    pub fn new(name: impl Into<String>, value: f64) -> Result<Self, AuditError> {
        let name = name.into();
        if !value.is_finite() {
            return Err(AuditError::NonFiniteMetric {
                name,
                field: "value",
            });
        }
        Ok(Self {
            name,
            value,
            threshold: None,
            unit: None,
        })
    }

    /// Adds the threshold the value was judged against. A non-finite threshold is dropped
    /// (use [`Metric::try_with_threshold`] to reject it instead).
    #[must_use]
    pub fn with_threshold(mut self, threshold: f64) -> Self {
        self.threshold = threshold.is_finite().then_some(threshold);
        self
    }

    /// Adds the threshold; an error if it is not finite.
    pub fn try_with_threshold(mut self, threshold: f64) -> Result<Self, AuditError> {
        if !threshold.is_finite() {
            return Err(AuditError::NonFiniteMetric {
                name: self.name,
                field: "threshold",
            });
        }
        self.threshold = Some(threshold);
        Ok(self)
    }

    /// Adds a unit (`"share"`, `"hours/week"`, `"EUR"`, ...).
    #[must_use]
    pub fn with_unit(mut self, unit: impl Into<String>) -> Self {
        self.unit = Some(unit.into());
        self
    }

    /// The metric's name, as given to [`Metric::new`].
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The measured value, always finite, in the metric's [`unit`](Self::unit).
    pub fn value(&self) -> f64 {
        self.value
    }
    /// The threshold, if a rule was applied.
    pub fn threshold(&self) -> Option<f64> {
        self.threshold
    }
    /// The unit, if any.
    pub fn unit(&self) -> Option<&str> {
        self.unit.as_deref()
    }
}

/// One thing an audit found, in words a head of remote work can act on.
///
/// Head-counts in `affected` are aggregates over people: a domain sets them only for
/// groups the [disclosure engine](crate::disclosure) granted.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawFinding"))]
pub struct Finding {
    domain: Domain,
    code: FindingCode,
    severity: Severity,
    title: String,
    detail: String,
    cohort: Cohort,
    affected: Option<u64>,
    metric: Option<Metric>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    table: Option<FindingTable>,
    recommendation: String,
}

/// The serialised fields of a [`Finding`], checked by [`FindingBuilder::build`] on the
/// way in (a saved finding without a title or a recommendation is refused).
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawFinding {
    domain: Domain,
    code: FindingCode,
    severity: Severity,
    title: String,
    detail: String,
    cohort: Cohort,
    affected: Option<u64>,
    metric: Option<Metric>,
    #[serde(default)]
    table: Option<FindingTable>,
    recommendation: String,
}

#[cfg(feature = "serde")]
impl TryFrom<RawFinding> for Finding {
    type Error = AuditError;

    fn try_from(raw: RawFinding) -> Result<Self, Self::Error> {
        let mut builder = Finding::builder(raw.domain, raw.code, raw.severity, raw.title)
            .detail(raw.detail)
            .cohort(raw.cohort)
            .recommendation(raw.recommendation);
        if let Some(people) = raw.affected {
            builder = builder.affected(people);
        }
        if let Some(metric) = raw.metric {
            builder = builder.metric(metric);
        }
        if let Some(table) = raw.table {
            builder = builder.table(table);
        }
        builder.build()
    }
}

/// Rows that belong to one finding: when several cases of one kind are found (eleven
/// tools with unused seats), a domain reports one finding with a table instead of eleven
/// near-identical findings. Every cell is text built from released figures.
///
/// Invariant: every row has one cell per column.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawFindingTable"))]
pub struct FindingTable {
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawFindingTable {
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawFindingTable> for FindingTable {
    type Error = AuditError;

    fn try_from(raw: RawFindingTable) -> Result<Self, Self::Error> {
        let mut table = FindingTable::new(raw.columns);
        for row in raw.rows {
            table = table.with_row(row)?;
        }
        Ok(table)
    }
}

impl FindingTable {
    /// A table with these column headings and no rows.
    pub fn new(columns: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self {
            columns: columns.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    ///
    /// # Errors
    ///
    /// [`AuditError::RaggedTable`] unless the row has one cell per column.
    pub fn with_row(
        mut self,
        row: impl IntoIterator<Item = impl Into<String>>,
    ) -> Result<Self, AuditError> {
        let row: Vec<String> = row.into_iter().map(Into::into).collect();
        if row.len() != self.columns.len() {
            return Err(AuditError::RaggedTable {
                columns: self.columns.len(),
                cells: row.len(),
            });
        }
        self.rows.push(row);
        Ok(self)
    }

    /// The column headings, in display order; every row has one cell per heading.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The rows, each one cell per column.
    pub fn rows(&self) -> &[Vec<String>] {
        &self.rows
    }
}

impl Finding {
    /// Starts a finding with its required parts.
    pub fn builder(
        domain: Domain,
        code: FindingCode,
        severity: Severity,
        title: impl Into<String>,
    ) -> FindingBuilder {
        FindingBuilder {
            finding: Finding {
                domain,
                code,
                severity,
                title: title.into(),
                detail: String::new(),
                cohort: Cohort::all(),
                affected: None,
                metric: None,
                table: None,
                recommendation: String::new(),
            },
        }
    }

    /// The domain that raised it.
    pub fn domain(&self) -> Domain {
        self.domain
    }
    /// The stable code that identifies this kind of finding across runs and releases (what a
    /// dashboard or a suppression list keys on).
    pub fn code(&self) -> &FindingCode {
        &self.code
    }
    /// How urgent it is.
    pub fn severity(&self) -> Severity {
        self.severity
    }
    /// The one-line summary shown as the finding's heading; never empty.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// The evidence, with its numbers.
    pub fn detail(&self) -> &str {
        &self.detail
    }
    /// Who it is about.
    pub fn cohort(&self) -> &Cohort {
        &self.cohort
    }
    /// How many people it affects, when known and publishable.
    pub fn affected(&self) -> Option<u64> {
        self.affected
    }
    /// The measurement that triggered it.
    pub fn metric(&self) -> Option<&Metric> {
        self.metric.as_ref()
    }
    /// The cases this finding groups, when it reports several of one kind.
    pub fn table(&self) -> Option<&FindingTable> {
        self.table.as_ref()
    }
    /// What to do about it.
    pub fn recommendation(&self) -> &str {
        &self.recommendation
    }
}

/// Builds a [`Finding`]; see [`Finding::builder`].
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct FindingBuilder {
    finding: Finding,
}

impl FindingBuilder {
    /// The evidence, with its numbers.
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.finding.detail = detail.into();
        self
    }
    /// Who it is about (default: everyone).
    pub fn cohort(mut self, cohort: Cohort) -> Self {
        self.finding.cohort = cohort;
        self
    }
    /// How many people it affects.
    pub fn affected(mut self, people: u64) -> Self {
        self.finding.affected = Some(people);
        self
    }
    /// The measurement that triggered it.
    pub fn metric(mut self, metric: Metric) -> Self {
        self.finding.metric = Some(metric);
        self
    }
    /// The cases this finding groups (several of one kind).
    pub fn table(mut self, table: FindingTable) -> Self {
        self.finding.table = Some(table);
        self
    }
    /// What to do about it (required).
    pub fn recommendation(mut self, recommendation: impl Into<String>) -> Self {
        self.finding.recommendation = recommendation.into();
        self
    }

    /// Checks that the title and recommendation are present.
    pub fn build(self) -> Result<Finding, AuditError> {
        let f = self.finding;
        for (field, text) in [("title", &f.title), ("recommendation", &f.recommendation)] {
            if text.trim().is_empty() {
                return Err(AuditError::EmptyText {
                    code: f.code.clone(),
                    field,
                });
            }
        }
        Ok(f)
    }
}

/// A group of employees a domain defines from its own, non-sensitive data ("remote staff
/// without an ergonomic chair", "staff more than 6 hours from their team's centre"), offered
/// to other domains for cross-domain comparisons.
///
/// Invariant: `members` is sorted and free of duplicates, so look-ups are binary searches.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(from = "RawEmployeeGroup"))]
pub struct EmployeeGroup {
    key: String,
    label: String,
    members: Vec<crate::EmployeeId>,
}

/// The serialised fields of an [`EmployeeGroup`], passed through [`EmployeeGroup::new`]
/// on the way in so the members are sorted and deduplicated as the invariant requires
/// (look-ups are binary searches).
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawEmployeeGroup {
    key: String,
    label: String,
    members: Vec<crate::EmployeeId>,
}

#[cfg(feature = "serde")]
impl From<RawEmployeeGroup> for EmployeeGroup {
    fn from(raw: RawEmployeeGroup) -> Self {
        EmployeeGroup::new(raw.key, raw.label, raw.members)
    }
}

impl EmployeeGroup {
    /// A group with a stable key (`"assets.missing-ergonomic-chair"`), a label for prose
    /// (`"staff without an ergonomic chair"`) and its members (sorted and deduplicated
    /// here).
    pub fn new(
        key: impl Into<String>,
        label: impl Into<String>,
        mut members: Vec<crate::EmployeeId>,
    ) -> Self {
        members.sort_unstable();
        members.dedup();
        Self {
            key: key.into(),
            label: label.into(),
            members,
        }
    }

    /// The stable machine key (`"assets.missing-ergonomic-chair"`), the same across runs.
    pub fn key(&self) -> &str {
        &self.key
    }
    /// The label for prose.
    pub fn label(&self) -> &str {
        &self.label
    }
    /// The members' ids, sorted ascending and without duplicates (look-ups are binary
    /// searches).
    pub fn members(&self) -> &[crate::EmployeeId] {
        &self.members
    }
    /// Whether an employee is in the group.
    pub fn contains(&self, id: crate::EmployeeId) -> bool {
        self.members.binary_search(&id).is_ok()
    }
    /// The number of members.
    pub fn len(&self) -> usize {
        self.members.len()
    }
    /// Whether the group is empty.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

/// A domain report that a scorecard can compose.
///
/// Reports are built once, with every figure already released through a
/// [`Disclosure`] engine; this trait only reads them, except
/// [`compare_group`](Audit::compare_group), which releases new figures through the
/// engine it is given. The report's health follows from its coverage and findings by
/// one rule ([`Health::of`](crate::Health::of)); no domain scores itself.
pub trait Audit {
    /// Which domain this is.
    fn domain(&self) -> Domain;
    /// Whether the domain had enough data to judge; see [`Coverage`](crate::Coverage).
    fn coverage(&self) -> &crate::Coverage;
    /// Everything found, built when the report was made.
    fn findings(&self) -> &[Finding];
    /// Non-sensitive groups of employees this domain defines, for other domains to
    /// compare. Default: none.
    fn groups(&self) -> Vec<EmployeeGroup> {
        Vec::new()
    }
    /// This domain's metrics for `group` against everyone else in its population,
    /// released through `disclosure` (the engine the report was built with). Default:
    /// none.
    ///
    /// # Errors
    ///
    /// [`DisclosureError`] when `disclosure` is not the engine the report was built with.
    fn compare_group(
        &self,
        group: &EmployeeGroup,
        disclosure: &mut Disclosure,
    ) -> Result<Vec<GroupComparison>, DisclosureError> {
        let _ = (group, disclosure);
        Ok(Vec::new())
    }
    /// Charts this domain wants drawn in a scorecard (released figures only). Default:
    /// none.
    fn charts(&self) -> &[Chart] {
        &[]
    }
}

/// The health of any report, by the one rule of [`Health::of`](crate::Health::of).
pub fn health_of<A: Audit + ?Sized>(audit: &A) -> crate::Health {
    crate::Health::of(audit.coverage(), audit.findings())
}

/// `report.health()` for every [`Audit`]: implemented once, for all reports, so no
/// domain can score itself another way.
pub trait AuditExt: Audit {
    /// The report's health by the one rule of [`Health::of`](crate::Health::of).
    fn health(&self) -> crate::Health {
        health_of(self)
    }
}

impl<T: Audit + ?Sized> AuditExt for T {}

/// Forwards every method, so a reference or a box of an audit is an audit too.
macro_rules! forward_audit {
    ($($pointer:ty),+) => {$(
        impl<T: Audit + ?Sized> Audit for $pointer {
            fn domain(&self) -> Domain {
                (**self).domain()
            }
            fn coverage(&self) -> &crate::Coverage {
                (**self).coverage()
            }
            fn findings(&self) -> &[Finding] {
                (**self).findings()
            }
            fn groups(&self) -> Vec<EmployeeGroup> {
                (**self).groups()
            }
            fn compare_group(
                &self,
                group: &EmployeeGroup,
                disclosure: &mut Disclosure,
            ) -> Result<Vec<GroupComparison>, DisclosureError> {
                (**self).compare_group(group, disclosure)
            }
            fn charts(&self) -> &[Chart] {
                (**self).charts()
            }
        }
    )+};
}

forward_audit!(&T, Box<T>);
