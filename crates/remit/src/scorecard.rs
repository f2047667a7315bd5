//! The remote-work [`Scorecard`]: any set of domain audits composed into one picture.

use std::fmt::Write as _;

use remit_core::chart::Chart;
use remit_core::privacy::Disclosed;
use remit_core::{Audit, Domain, Finding, GroupComparison, Health, Severity};

/// The scorecard could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScorecardError {
    /// No audit was given.
    #[error("a scorecard needs at least one audit")]
    NoAudits,
    /// Two audits claimed the same domain.
    #[error("two audits report on the {domain} domain; pass one report per domain")]
    DuplicateDomain {
        /// The repeated domain.
        domain: Domain,
    },
}

/// One domain's line on the scorecard.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DomainSummary {
    domain: Domain,
    health: Health,
    findings_by_severity: [usize; 5],
}

impl DomainSummary {
    /// The domain.
    pub fn domain(&self) -> Domain {
        self.domain
    }
    /// Its health.
    pub fn health(&self) -> &Health {
        &self.health
    }
    /// How many findings it raised at a severity.
    pub fn findings_at(&self, severity: Severity) -> usize {
        self.findings_by_severity[severity_index(severity)]
    }
}

fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Info => 0,
        Severity::Low => 1,
        Severity::Medium => 2,
        Severity::High => 3,
        Severity::Critical => 4,
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
    /// The group's label.
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
    /// The group's value.
    pub fn in_group(&self) -> f64 {
        self.in_group
    }
    /// Everyone else's value.
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
/// - **Overall health** is the unweighted mean of the domain health scores, rounded to
///   the nearest point: every domain counts the same, so a failing domain cannot hide
///   behind a large one.
/// - **Findings** are ranked by severity (critical first), then by the number of people
///   affected (unknown last), then by domain and code, so the order is stable.
/// - **Observations** relate each group a domain defines to every other domain's metrics
///   for that group ([`Audit::groups`], [`Audit::compare_group`]); only comparisons where
///   both values were published by the measuring domain's disclosure guard appear.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Scorecard {
    overall: u8,
    domains: Vec<DomainSummary>,
    findings: Vec<Finding>,
    observations: Vec<Observation>,
    charts: Vec<(Domain, Chart)>,
}

impl Scorecard {
    /// Composes the audits, one per domain, in any order.
    pub fn from_audits(audits: &[&dyn Audit]) -> Result<Self, ScorecardError> {
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
            let mut counts = [0usize; 5];
            for f in &domain_findings {
                counts[severity_index(f.severity())] += 1;
            }
            domains.push(DomainSummary {
                domain: audit.domain(),
                health: audit.health(),
                findings_by_severity: counts,
            });
            findings.extend(domain_findings);
            charts.extend(audit.charts().into_iter().map(|c| (audit.domain(), c)));
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
        let total: u32 = domains.iter().map(|d| u32::from(d.health.score())).sum();
        let count = u32::try_from(domains.len()).unwrap_or(u32::MAX).max(1);
        let overall = u8::try_from((total + count / 2) / count).unwrap_or(100);

        let mut observations = Vec::new();
        for source in audits {
            for group in source.groups() {
                for target in audits.iter().filter(|t| t.domain() != source.domain()) {
                    for comparison in target.compare_group(&group) {
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

    /// Overall remote-work health, 0–100.
    pub fn overall(&self) -> u8 {
        self.overall
    }
    /// Each domain's health and finding counts, in domain order.
    pub fn domains(&self) -> &[DomainSummary] {
        &self.domains
    }
    /// Every finding, ranked.
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
        (comparison.in_group, comparison.rest)
    else {
        return None;
    };
    if !in_group.is_finite() || !rest.is_finite() {
        return None;
    }
    let unit = comparison.unit.as_deref();
    let mut text = format!(
        "{}: {} {} against {} for everyone else",
        capitalise(group.label()),
        comparison.metric,
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
        n(comparison.in_group_n),
        n(comparison.rest_n)
    );
    if let Some(p) = comparison.p_value.filter(|p| p.is_finite()) {
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
