//! Composition: the [`Audit`] trait every domain report implements, and the typed
//! [`Finding`]s and [`Health`] it yields.
//!
//! A scorecard knows nothing about a domain except this trait. Each finding has a
//! stable code a program can match on, a severity, plain-language text, the cohort it is
//! about with its head-count, the metric that triggered it with its threshold, and a
//! recommendation.
//!
//! ```
//! use remit_core::audit::{Audit, Cohort, Domain, Finding, FindingCode, Health, Metric, Severity};
//! use remit_core::WorkMode;
//!
//! struct KitReport;
//!
//! impl Audit for KitReport {
//!     fn domain(&self) -> Domain {
//!         Domain::Assets
//!     }
//!     fn findings(&self) -> Vec<Finding> {
//!         let finding = Finding::builder(
//!             Domain::Assets,
//!             FindingCode::new("ASSET-KIT-GAP").expect("valid code"),
//!             Severity::High,
//!             "Remote staff lack ergonomic chairs",
//!         )
//!         .cohort(Cohort::all().with("work_mode", WorkMode::Remote))
//!         .affected(140)
//!         .metric(Metric::new("kit coverage", 0.82).expect("finite").with_threshold(0.95).with_unit("share"))
//!         .recommendation("Ship chairs to the 140 remote employees without one.")
//!         .build()
//!         .expect("complete finding");
//!         vec![finding]
//!     }
//!     fn health(&self) -> Health {
//!         Health::new(82, "82% of required kit is in place").expect("valid health")
//!     }
//! }
//!
//! let report = KitReport;
//! assert_eq!(report.findings()[0].code().as_str(), "ASSET-KIT-GAP");
//! assert_eq!(report.health().score(), 82);
//! ```

use core::fmt;

/// The five domains of remit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Domain {
    /// Equipment issued to remote staff (`remit-assets`).
    Assets,
    /// Benefit equity between work modes (`remit-benefits`).
    Benefits,
    /// Collaboration tools and time-zone overlap (`remit-collab-tools`).
    CollabTools,
    /// Proximity bias in promotions (`remit-promotion-bias`).
    PromotionBias,
    /// Wellbeing and burnout risk (`remit-wellbeing`).
    Wellbeing,
}

impl Domain {
    /// Every domain, in a fixed order.
    pub const ALL: [Domain; 5] = [
        Domain::Assets,
        Domain::Benefits,
        Domain::CollabTools,
        Domain::PromotionBias,
        Domain::Wellbeing,
    ];

    /// A human-readable name.
    pub const fn label(self) -> &'static str {
        match self {
            Domain::Assets => "Equipment",
            Domain::Benefits => "Benefit equity",
            Domain::CollabTools => "Collaboration tools",
            Domain::PromotionBias => "Promotion equity",
            Domain::Wellbeing => "Wellbeing",
        }
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

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
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct FindingCode(String);

/// A finding, metric or health value was invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuditError {
    /// A finding code broke the code rules.
    #[error(
        "invalid finding code {input:?}: use 1-64 upper-case letters, digits and '-', starting with a letter"
    )]
    InvalidCode {
        /// The rejected code.
        input: String,
    },
    /// A metric value or threshold was NaN or infinite.
    #[error("metric {name:?}: field `{field}` must be finite")]
    NonFiniteMetric {
        /// The metric's name.
        name: String,
        /// `value` or `threshold`.
        field: &'static str,
    },
    /// A finding's required text was empty.
    #[error("finding {code}: field `{field}` must not be empty")]
    EmptyText {
        /// The finding's code.
        code: FindingCode,
        /// The empty field.
        field: &'static str,
    },
    /// A health score above 100.
    #[error("health score {score} is out of range 0-100")]
    ScoreOutOfRange {
        /// The rejected score.
        score: u8,
    },
    /// A health reason was empty.
    #[error("health: field `reason` must not be empty")]
    EmptyReason,
}

impl FindingCode {
    /// Validates a code.
    pub fn new(code: &str) -> Result<Self, AuditError> {
        let valid = !code.is_empty()
            && code.len() <= 64
            && code.starts_with(|c: char| c.is_ascii_uppercase())
            && code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
        if valid {
            Ok(Self(code.to_owned()))
        } else {
            Err(AuditError::InvalidCode {
                input: code.to_owned(),
            })
        }
    }

    /// The code.
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
        code.0
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
    /// Everyone.
    pub fn all() -> Self {
        Self::default()
    }

    /// Narrows the cohort by one more dimension.
    #[must_use]
    pub fn with(mut self, dimension: impl Into<String>, value: impl fmt::Display) -> Self {
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
pub struct Metric {
    name: String,
    value: f64,
    threshold: Option<f64>,
    unit: Option<String>,
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

    /// The metric's name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The measured value.
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
/// cohorts its disclosure guard published.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Finding {
    domain: Domain,
    code: FindingCode,
    severity: Severity,
    title: String,
    detail: String,
    cohort: Cohort,
    affected: Option<u64>,
    metric: Option<Metric>,
    recommendation: String,
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
                recommendation: String::new(),
            },
        }
    }

    /// The domain that raised it.
    pub fn domain(&self) -> Domain {
        self.domain
    }
    /// The stable code.
    pub fn code(&self) -> &FindingCode {
        &self.code
    }
    /// How urgent it is.
    pub fn severity(&self) -> Severity {
        self.severity
    }
    /// One line.
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

/// A domain's overall health, 0 (failing) to 100 (nothing to fix), with the reason.
///
/// Invariant: `score ≤ 100`, reason non-empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Health {
    score: u8,
    reason: String,
}

impl Health {
    /// A health score with its reason.
    pub fn new(score: u8, reason: impl Into<String>) -> Result<Self, AuditError> {
        let reason = reason.into();
        if score > 100 {
            return Err(AuditError::ScoreOutOfRange { score });
        }
        if reason.trim().is_empty() {
            return Err(AuditError::EmptyReason);
        }
        Ok(Self { score, reason })
    }

    /// A score from a fraction in `[0, 1]`, rounded to the nearest point; values outside
    /// the range (and NaN, as 0) are clamped.
    pub fn from_fraction(fraction: f64, reason: impl Into<String>) -> Result<Self, AuditError> {
        let clamped = if fraction.is_nan() {
            0.0
        } else {
            fraction.clamp(0.0, 1.0)
        };
        // In range 0..=100 by the clamp above.
        Self::new((clamped * 100.0).round() as u8, reason)
    }

    /// The score, 0–100.
    pub fn score(&self) -> u8 {
        self.score
    }

    /// Why the score is what it is.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// A group of employees a domain defines from its own, non-sensitive data ("remote staff
/// without an ergonomic chair", "staff more than 6 hours from their team's centre"), offered
/// to other domains for cross-domain comparisons.
///
/// Invariant: `members` is sorted and free of duplicates, so look-ups are binary searches.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EmployeeGroup {
    key: String,
    label: String,
    members: Vec<crate::EmployeeId>,
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

    /// The stable key.
    pub fn key(&self) -> &str {
        &self.key
    }
    /// The label for prose.
    pub fn label(&self) -> &str {
        &self.label
    }
    /// The members, sorted.
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

/// One of a domain's metrics compared between an [`EmployeeGroup`] and everyone else the
/// domain observed. Every number went through the domain's disclosure guard.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GroupComparison {
    /// What was measured (`"share in the high burnout band"`).
    pub metric: String,
    /// The unit (`"share"`, `"hours/week"`), if any.
    pub unit: Option<String>,
    /// The group's value.
    pub in_group: crate::privacy::Disclosed<f64>,
    /// Everyone else's value.
    pub rest: crate::privacy::Disclosed<f64>,
    /// How many group members the domain observed.
    pub in_group_n: crate::privacy::Disclosed<u64>,
    /// How many others the domain observed.
    pub rest_n: crate::privacy::Disclosed<u64>,
    /// A two-sided p-value for the difference, when the domain tested it.
    pub p_value: Option<f64>,
}

/// A domain report that a scorecard can compose.
///
/// Implementations are plain data: computing the report is the domain's job; this trait
/// only reads it. The two cross-domain methods have empty defaults: a domain offers the
/// groups it can define ([`groups`](Audit::groups)) and compares its own metrics for a
/// group another domain defined ([`compare_group`](Audit::compare_group)). Sensitive
/// individual data (a wellbeing score) never crosses: only guarded aggregates do.
pub trait Audit {
    /// Which domain this is.
    fn domain(&self) -> Domain;
    /// Everything found, most severe first is customary but not required.
    fn findings(&self) -> Vec<Finding>;
    /// The domain's health.
    fn health(&self) -> Health;
    /// Non-sensitive groups of employees this domain defines, for other domains to
    /// compare. Default: none.
    fn groups(&self) -> Vec<EmployeeGroup> {
        Vec::new()
    }
    /// This domain's metrics for `group` against everyone else it observed, through its
    /// disclosure guard. Default: none.
    fn compare_group(&self, group: &EmployeeGroup) -> Vec<GroupComparison> {
        let _ = group;
        Vec::new()
    }
    /// Charts this domain wants drawn in a scorecard (guarded aggregates only). Default:
    /// none.
    fn charts(&self) -> Vec<crate::chart::Chart> {
        Vec::new()
    }
}

/// Forwards every method, so a reference or a box of an audit is an audit too.
macro_rules! forward_audit {
    ($($pointer:ty),+) => {$(
        impl<T: Audit + ?Sized> Audit for $pointer {
            fn domain(&self) -> Domain {
                (**self).domain()
            }
            fn findings(&self) -> Vec<Finding> {
                (**self).findings()
            }
            fn health(&self) -> Health {
                (**self).health()
            }
            fn groups(&self) -> Vec<EmployeeGroup> {
                (**self).groups()
            }
            fn compare_group(&self, group: &EmployeeGroup) -> Vec<GroupComparison> {
                (**self).compare_group(group)
            }
            fn charts(&self) -> Vec<crate::chart::Chart> {
                (**self).charts()
            }
        }
    )+};
}

forward_audit!(&T, Box<T>);
