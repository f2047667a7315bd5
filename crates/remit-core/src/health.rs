//! Health: one documented rule that turns a domain's findings and coverage into a score,
//! and domain scores into an overall one.
//!
//! # The rule
//!
//! A domain reports its [`Coverage`]. A domain with too little data to judge (no tools
//! in the inventory, no survey responses, a promotion analysis without the power to see
//! a gap) is **not measured**: it has no score, is shown as such with the reason, and
//! does not count toward the overall score. Missing data is never perfect health.
//!
//! A measured domain starts at 100 and loses [`Health::penalty`] points per finding by
//! severity (critical 25, high 12, medium 5, low 2, info 0), floored at 0. The score is
//! then capped by the domain's most severe finding ([`Health::ceiling`]): a critical
//! finding caps it at 39, high at 59, medium at 79, low at 94. So a HIGH finding can
//! never sit next to a near-perfect score, however few there are.
//!
//! Bands ([`HealthBand`]): good 80–100, fair 60–79, poor 40–59, critical 0–39.
//!
//! The overall score ([`OverallHealth`]) is the unweighted mean of the measured domains'
//! scores, rounded to the nearest point, and says how many domains it covers.
//!
//! The method page `docs/methodology/health.md` gives the reasoning behind the numbers.
//!
//! ```
//! use remit_core::{Coverage, Domain, Finding, FindingCode, Health, HealthBand, Severity};
//!
//! let high = Finding::builder(
//!     Domain::Assets,
//!     FindingCode::constant("ASSET-KIT-GAP"),
//!     Severity::High,
//!     "Remote staff lack ergonomic chairs",
//! )
//! .recommendation("Ship the missing chairs.")
//! .build()?;
//! let health = Health::of(&Coverage::Measured, &[high]);
//! assert_eq!(health.score(), Some(59));
//! assert_eq!(health.band(), HealthBand::Poor);
//!
//! let unmeasured = Health::of(&Coverage::not_measured("no tools in the inventory"), &[]);
//! assert_eq!(unmeasured.score(), None);
//! assert_eq!(unmeasured.band(), HealthBand::NotMeasured);
//! # Ok::<(), remit_core::AuditError>(())
//! ```

use std::fmt;

use crate::audit::{Finding, Severity};

/// Whether a domain had enough data to judge.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Coverage {
    /// The domain's analysis ran on enough data for its findings to mean something.
    Measured,
    /// Too little data to judge; the reason in words ("no survey responses").
    NotMeasured {
        /// Why the domain could not be judged.
        reason: String,
    },
}

impl Coverage {
    /// Not measured, for this reason.
    pub fn not_measured(reason: impl Into<String>) -> Self {
        Coverage::NotMeasured {
            reason: reason.into(),
        }
    }

    /// Whether the domain was measured.
    pub fn is_measured(&self) -> bool {
        matches!(self, Coverage::Measured)
    }
}

/// A health score's band, for colour and wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum HealthBand {
    /// 0–39: needs action now.
    Critical,
    /// 40–59: needs action this cycle.
    Poor,
    /// 60–79: some things to fix.
    Fair,
    /// 80–100: nothing serious to fix.
    Good,
    /// Too little data to judge.
    NotMeasured,
}

impl HealthBand {
    /// The band of a score 0–100.
    pub const fn of_score(score: u8) -> Self {
        match score {
            0..=39 => HealthBand::Critical,
            40..=59 => HealthBand::Poor,
            60..=79 => HealthBand::Fair,
            _ => HealthBand::Good,
        }
    }

    /// The band in words.
    pub const fn label(self) -> &'static str {
        match self {
            HealthBand::Critical => "critical",
            HealthBand::Poor => "poor",
            HealthBand::Fair => "fair",
            HealthBand::Good => "good",
            HealthBand::NotMeasured => "not measured",
        }
    }
}

impl fmt::Display for HealthBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A domain's health: a score 0–100 and its band, or "not measured", with the reason.
///
/// Invariant: `score` is `None` exactly when the band is [`HealthBand::NotMeasured`];
/// otherwise the band is the score's band. Built only by [`Health::of`], so every domain
/// follows the same rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Health {
    score: Option<u8>,
    band: HealthBand,
    reason: String,
}

impl Health {
    /// Points a measured domain loses per finding of `severity`.
    pub const fn penalty(severity: Severity) -> u8 {
        match severity {
            Severity::Info => 0,
            Severity::Low => 2,
            Severity::Medium => 5,
            Severity::High => 12,
            Severity::Critical => 25,
        }
    }

    /// The highest score a domain whose most severe finding is `worst` can have.
    pub const fn ceiling(worst: Option<Severity>) -> u8 {
        match worst {
            None | Some(Severity::Info) => 100,
            Some(Severity::Low) => 94,
            Some(Severity::Medium) => 79,
            Some(Severity::High) => 59,
            Some(Severity::Critical) => 39,
        }
    }

    /// The health of a domain with this coverage and these findings, by the rule in the
    /// [module documentation](self).
    pub fn of(coverage: &Coverage, findings: &[Finding]) -> Self {
        if let Coverage::NotMeasured { reason } = coverage {
            return Self {
                score: None,
                band: HealthBand::NotMeasured,
                reason: reason.clone(),
            };
        }
        let mut counts = [0u32; 5];
        for finding in findings {
            counts[severity_rank(finding.severity())] += 1;
        }
        let lost: u32 = Severity::ALL
            .iter()
            .map(|&s| counts[severity_rank(s)] * u32::from(Self::penalty(s)))
            .sum();
        let worst = findings.iter().map(Finding::severity).max();
        let score = 100u32
            .saturating_sub(lost)
            .min(u32::from(Self::ceiling(worst))) as u8;
        let listed: Vec<String> = Severity::ALL
            .iter()
            .rev()
            .filter(|&&s| s > Severity::Info && counts[severity_rank(s)] > 0)
            .map(|&s| format!("{} {s}", counts[severity_rank(s)]))
            .collect();
        let reason = if listed.is_empty() {
            "no findings that need action".to_owned()
        } else {
            let n: u32 = counts[1..].iter().sum();
            format!(
                "{} finding{}: {}",
                n,
                if n == 1 { "" } else { "s" },
                listed.join(", ")
            )
        };
        Self {
            score: Some(score),
            band: HealthBand::of_score(score),
            reason,
        }
    }

    /// The score 0–100, or `None` when not measured.
    pub fn score(&self) -> Option<u8> {
        self.score
    }

    /// The domain's band, from its score; [`HealthBand`] says what it is when unmeasured.
    pub fn band(&self) -> HealthBand {
        self.band
    }

    /// Whether the domain was measured.
    pub fn is_measured(&self) -> bool {
        self.score.is_some()
    }

    /// Why the score is what it is (or why there is none).
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for Health {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.score {
            Some(score) => write!(f, "{score}/100 ({}): {}", self.band, self.reason),
            None => write!(f, "not measured: {}", self.reason),
        }
    }
}

fn severity_rank(severity: Severity) -> usize {
    match severity {
        Severity::Info => 0,
        Severity::Low => 1,
        Severity::Medium => 2,
        Severity::High => 3,
        Severity::Critical => 4,
    }
}

/// Health across domains: the mean of the measured domains' scores and how many domains
/// it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct OverallHealth {
    score: Option<u8>,
    band: HealthBand,
    measured: usize,
    domains: usize,
}

impl OverallHealth {
    /// The unweighted mean of the measured domains' scores, rounded half up; not
    /// measured when no domain was.
    pub fn of<'a>(domains: impl IntoIterator<Item = &'a Health>) -> Self {
        let (mut total, mut measured, mut count) = (0u32, 0usize, 0usize);
        for health in domains {
            count += 1;
            if let Some(score) = health.score {
                total += u32::from(score);
                measured += 1;
            }
        }
        let score = (measured > 0).then(|| {
            let m = measured as u32;
            ((total + m / 2) / m).min(100) as u8
        });
        Self {
            score,
            band: score.map_or(HealthBand::NotMeasured, HealthBand::of_score),
            measured,
            domains: count,
        }
    }

    /// The overall score, or `None` if no domain was measured.
    pub fn score(&self) -> Option<u8> {
        self.score
    }

    /// The band of the overall score, or what it is when no domain was measured.
    pub fn band(&self) -> HealthBand {
        self.band
    }

    /// How many domains the score covers.
    pub fn measured(&self) -> usize {
        self.measured
    }

    /// How many domains were audited (measured or not).
    pub fn domains(&self) -> usize {
        self.domains
    }
}

impl fmt::Display for OverallHealth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.score {
            Some(score) => write!(
                f,
                "{score}/100 ({}), covering {} of {} domains",
                self.band, self.measured, self.domains
            ),
            None => write!(
                f,
                "not measured (none of {} domains had enough data)",
                self.domains
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{Domain, FindingCode};

    fn finding(severity: Severity) -> Finding {
        Finding::builder(
            Domain::Wellbeing,
            FindingCode::constant("WB-TEST"),
            severity,
            "a finding",
        )
        .recommendation("act")
        .build()
        .unwrap()
    }

    #[test]
    fn no_findings_is_full_health_and_missing_data_is_not_measured() {
        assert_eq!(Health::of(&Coverage::Measured, &[]).score(), Some(100));
        let h = Health::of(&Coverage::not_measured("no surveys"), &[]);
        assert_eq!(
            (h.score(), h.band(), h.reason()),
            (None, HealthBand::NotMeasured, "no surveys")
        );
    }

    #[test]
    fn the_worst_severity_caps_the_score() {
        for (severity, cap) in [
            (Severity::Low, 94),
            (Severity::Medium, 79),
            (Severity::High, 59),
            (Severity::Critical, 39),
        ] {
            let h = Health::of(&Coverage::Measured, &[finding(severity)]);
            assert_eq!(h.score(), Some(cap.min(100 - Health::penalty(severity))));
        }
        let many = vec![finding(Severity::High); 9];
        assert_eq!(Health::of(&Coverage::Measured, &many).score(), Some(0));
        assert_eq!(
            Health::of(&Coverage::Measured, &[finding(Severity::Info)]).score(),
            Some(100)
        );
    }

    #[test]
    fn overall_counts_only_measured_domains() {
        let measured = Health::of(&Coverage::Measured, &[finding(Severity::Medium)]);
        let missing = Health::of(&Coverage::not_measured("no tools"), &[]);
        let overall = OverallHealth::of([&measured, &missing]);
        assert_eq!(overall.score(), Some(79));
        assert_eq!((overall.measured(), overall.domains()), (1, 2));
        let none = OverallHealth::of([&missing]);
        assert_eq!((none.score(), none.band()), (None, HealthBand::NotMeasured));
    }
}
