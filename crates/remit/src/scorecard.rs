//! The remote-work [`Scorecard`]: any set of domain audits composed into one picture.

use std::fmt::Write as _;

use remit_core::chart::Chart;
use remit_core::disclosure::{Disclosed, Disclosure, DisclosureError};
use remit_core::{
    Audit, Domain, Finding, GroupComparison, Health, OverallHealth, Severity, health_of,
};

/// The scorecard could not be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ScorecardError {
    /// No audit was given.
    #[error("a scorecard needs at least one audit")]
    NoAudits,
    /// Two audits claimed the same domain.
    #[error("two audits report on the {domain} domain; pass one report per domain")]
    DuplicateDomain {
        /// The domain that two audits both report on.
        domain: Domain,
    },
    /// A cross-domain comparison could not go through the disclosure engine (the engine
    /// passed is not the one the reports were built with).
    #[error("cross-domain comparison: {0}")]
    Disclosure(#[from] DisclosureError),
}

/// How many findings a domain raised at each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SeverityCounts {
    /// Findings of [`Severity::Critical`]: action needed now (legal, safety or
    /// data-protection exposure).
    pub critical: usize,
    /// Findings of [`Severity::High`]: action needed soon; people are affected now.
    pub high: usize,
    /// Findings of [`Severity::Medium`]: to address this cycle.
    pub medium: usize,
    /// Findings of [`Severity::Low`]: worth a look when convenient.
    pub low: usize,
    /// Findings of [`Severity::Info`]: context, no action needed.
    pub info: usize,
}

impl SeverityCounts {
    fn add(&mut self, severity: Severity) {
        *self.slot(severity) += 1;
    }

    fn slot(&mut self, severity: Severity) -> &mut usize {
        match severity {
            Severity::Critical => &mut self.critical,
            Severity::High => &mut self.high,
            Severity::Medium => &mut self.medium,
            Severity::Low => &mut self.low,
            Severity::Info => &mut self.info,
        }
    }

    /// The count at one severity.
    pub fn at(&self, severity: Severity) -> usize {
        match severity {
            Severity::Critical => self.critical,
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
            Severity::Info => self.info,
        }
    }
}

/// One domain's line on the scorecard.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DomainSummary {
    domain: Domain,
    health: Health,
    findings_by_severity: SeverityCounts,
}

impl DomainSummary {
    /// The domain this summary is for.
    pub fn domain(&self) -> Domain {
        self.domain
    }
    /// The domain's health: its 0-100 score and band, or not measured.
    pub fn health(&self) -> &Health {
        &self.health
    }
    /// How many findings it raised at a severity.
    pub fn findings_at(&self, severity: Severity) -> usize {
        self.findings_by_severity.at(severity)
    }
    /// How many findings it raised at each severity.
    pub fn findings_by_severity(&self) -> SeverityCounts {
        self.findings_by_severity
    }
}

/// A cross-domain observation: a group one domain defines, measured by another domain,
/// against everyone else that domain observed. Computed from guarded aggregates; the
/// sentence is built from the numbers, never canned.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Observation {
    group_domain: Domain,
    group_key: String,
    group_label: String,
    metric_domain: Domain,
    comparison: GroupComparison,
    in_group: f64,
    rest: f64,
    text: String,
}

impl Observation {
    /// The domain that defined the group.
    pub fn group_domain(&self) -> Domain {
        self.group_domain
    }
    /// The group's stable key.
    pub fn group_key(&self) -> &str {
        &self.group_key
    }
    /// The group's label for prose (`"staff without an ergonomic chair"`).
    pub fn group_label(&self) -> &str {
        &self.group_label
    }
    /// The domain whose metric was compared.
    pub fn metric_domain(&self) -> Domain {
        self.metric_domain
    }
    /// The comparison as the metric's domain reported it.
    pub fn comparison(&self) -> &GroupComparison {
        &self.comparison
    }
    /// The metric's value over the group's members, in the metric's unit.
    pub fn in_group(&self) -> f64 {
        self.in_group
    }
    /// The metric's value over everyone else the metric's domain observed.
    pub fn rest(&self) -> f64 {
        self.rest
    }
    /// The observation in one sentence, with its numbers.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// Remote-work health across domains.
///
/// - **Domain health** follows from each domain's coverage and findings by the one rule
///   of [`remit_core::health`]; a domain with too little data is "not measured".
/// - **Overall health** is the unweighted mean of the *measured* domains' scores, rounded
///   to the nearest point, and says how many domains it covers
///   ([`OverallHealth`]): every domain counts the same, so a failing domain cannot hide
///   behind a large one, and missing data never counts as perfect health.
/// - **Findings** are ranked by severity (critical first), then by the number of people
///   affected (unknown last), then by domain and code, so the order is stable.
/// - **Observations** relate each group a domain defines to every other domain's metrics
///   for that group ([`Audit::groups`], [`Audit::compare_group`]), released through the
///   one [`Disclosure`] engine every report was built with, so observations and every
///   domain's own figures are checked against each other; only comparisons where both
///   values were published appear.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Scorecard {
    overall: OverallHealth,
    domains: Vec<DomainSummary>,
    findings: Vec<Finding>,
    observations: Vec<Observation>,
    #[cfg_attr(feature = "serde", serde(serialize_with = "labelled_charts"))]
    charts: Vec<(Domain, Chart)>,
}

/// The charts in JSON as `[{"domain": …, "chart": …}, …]` rather than bare pairs.
#[cfg(feature = "serde")]
fn labelled_charts<S: serde::Serializer>(
    charts: &[(Domain, Chart)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    #[derive(serde::Serialize)]
    struct Labelled<'a> {
        domain: Domain,
        chart: &'a Chart,
    }
    serializer.collect_seq(charts.iter().map(|(domain, chart)| Labelled {
        domain: *domain,
        chart,
    }))
}

impl Scorecard {
    /// Composes the audits, one per domain, in any order, releasing the cross-domain
    /// observations through `disclosure` (the engine the reports were built with).
    ///
    /// # Errors
    ///
    /// [`ScorecardError::NoAudits`], [`ScorecardError::DuplicateDomain`], or
    /// [`ScorecardError::Disclosure`] when `disclosure` is not the reports' engine.
    pub fn from_audits(
        audits: &[&dyn Audit],
        disclosure: &mut Disclosure,
    ) -> Result<Self, ScorecardError> {
        if audits.is_empty() {
            return Err(ScorecardError::NoAudits);
        }
        let mut seen = Vec::new();
        for audit in audits {
            let domain = audit.domain();
            if seen.contains(&domain) {
                return Err(ScorecardError::DuplicateDomain { domain });
            }
            seen.push(domain);
        }

        let mut domains = Vec::with_capacity(audits.len());
        let mut findings = Vec::new();
        let mut charts = Vec::new();
        for audit in audits {
            let domain_findings = audit.findings();
            let mut counts = SeverityCounts::default();
            for f in domain_findings {
                counts.add(f.severity());
            }
            domains.push(DomainSummary {
                domain: audit.domain(),
                health: health_of(*audit),
                findings_by_severity: counts,
            });
            findings.extend(domain_findings.iter().cloned());
            charts.extend(audit.charts().iter().map(|c| (audit.domain(), c.clone())));
        }
        domains.sort_by_key(|d| d.domain);
        charts.sort_by_key(|(domain, _)| *domain);
        findings.sort_by(|a, b| {
            b.severity()
                .cmp(&a.severity())
                .then_with(|| b.affected().unwrap_or(0).cmp(&a.affected().unwrap_or(0)))
                .then_with(|| a.domain().cmp(&b.domain()))
                .then_with(|| a.code().cmp(b.code()))
        });
        let overall = OverallHealth::of(domains.iter().map(|d| &d.health));

        let mut observations = Vec::new();
        for source in audits {
            for group in source.groups() {
                for target in audits.iter().filter(|t| t.domain() != source.domain()) {
                    for comparison in target.compare_group(&group, disclosure)? {
                        if let Some(o) =
                            observe(source.domain(), &group, target.domain(), comparison)
                        {
                            observations.push(o);
                        }
                    }
                }
            }
        }
        // Largest relative differences first.
        observations.sort_by(|a, b| relative_gap(b).total_cmp(&relative_gap(a)));

        Ok(Self {
            overall,
            domains,
            findings,
            observations,
            charts,
        })
    }

    /// Overall remote-work health: the mean of the measured domains' scores, with how
    /// many domains it covers.
    pub fn overall(&self) -> OverallHealth {
        self.overall
    }
    /// Each domain's health and finding counts, in domain order.
    pub fn domains(&self) -> &[DomainSummary] {
        &self.domains
    }
    /// Every finding of every domain, most severe first (then by people affected, domain
    /// and code).
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
    /// Cross-domain observations, largest relative difference first.
    pub fn observations(&self) -> &[Observation] {
        &self.observations
    }
    /// The charts the domains asked for, with their domain.
    pub fn charts(&self) -> &[(Domain, Chart)] {
        &self.charts
    }
}

fn relative_gap(o: &Observation) -> f64 {
    let base = o.rest.abs().max(1e-12);
    ((o.in_group - o.rest) / base).abs()
}

fn observe(
    group_domain: Domain,
    group: &remit_core::EmployeeGroup,
    metric_domain: Domain,
    comparison: GroupComparison,
) -> Option<Observation> {
    let (Disclosed::Published(in_group), Disclosed::Published(rest)) =
        (comparison.in_group(), comparison.rest())
    else {
        return None;
    };
    if !in_group.is_finite() || !rest.is_finite() {
        return None;
    }
    let unit = comparison.unit();
    let mut text = format!(
        "{}: {} {} against {} for everyone else",
        capitalise(group.label()),
        comparison.metric(),
        format_value(in_group, unit),
        format_value(rest, unit),
    );
    if rest.abs() > 1e-12 {
        let _ = write!(text, " ({:.1}×)", in_group / rest);
    }
    let n = |d: Disclosed<u64>| {
        d.published()
            .map_or_else(|| "suppressed".to_owned(), |n| n.to_string())
    };
    let _ = write!(
        text,
        "; n = {} vs {}",
        n(comparison.in_group_n()),
        n(comparison.rest_n())
    );
    if let Some(scale) = comparison.noise_scale() {
        let _ = write!(text, ", with noise of scale {}", format_value(scale, unit));
    }
    if let Some(p) = comparison.p_value().filter(|p| p.is_finite()) {
        let _ = write!(text, ", {}", format_p(p));
    }
    let _ = write!(text, " ({} data).", metric_domain.label().to_lowercase());
    Some(Observation {
        group_domain,
        group_key: group.key().to_owned(),
        group_label: group.label().to_owned(),
        metric_domain,
        comparison,
        in_group,
        rest,
        text,
    })
}

/// Formats a value with its unit: shares as percentages, others with one decimal.
pub(crate) fn format_value(value: f64, unit: Option<&str>) -> String {
    match unit {
        Some("share") => format!("{:.1}%", value * 100.0),
        Some(u) => format!("{value:.1} {u}"),
        None => format!("{value:.2}"),
    }
}

/// Formats a p-value the way reports usually do.
pub(crate) fn format_p(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".to_owned()
    } else {
        format!("p = {p:.3}")
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
