//! The figures a report publishes per cohort: [`CohortStats`] (head-count, behavioural
//! figures, survey figures) and [`CohortRow`].

use remit_core::Cohort;
use remit_core::disclosure::Disclosed;

use crate::cuts::Dimension;
use crate::risk::RiskBand;

/// Figures over the people of a cohort **with behavioural signals** (population
/// [`WITH_SIGNALS`](crate::WITH_SIGNALS)): weekly averages over the panel's window, the
/// share whose own trend is worsening, and the shares in each band of the risk index.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct BehaviourFigures {
    people: u64,
    means: [f64; 6],
    worsening_share: f64,
    risk_shares: [f64; 3],
}

impl BehaviourFigures {
    pub(crate) fn new(
        people: u64,
        means: [f64; 6],
        worsening_share: f64,
        risk_shares: [f64; 3],
    ) -> Self {
        Self {
            people,
            means,
            worsening_share,
            risk_shares,
        }
    }

    /// How many people of the cohort have signals.
    pub fn people(&self) -> u64 {
        self.people
    }
    /// Mean after-hours collaboration, hours per week.
    pub fn after_hours(&self) -> f64 {
        self.means[0]
    }
    /// Mean collaboration (meetings, email, chat, calls), hours per week.
    pub fn collaboration(&self) -> f64 {
        self.means[1]
    }
    /// Mean focus time (uninterrupted blocks of an hour or more), hours per week.
    pub fn focus(&self) -> f64 {
        self.means[2]
    }
    /// Mean meeting time, hours per week.
    pub fn meetings(&self) -> f64 {
        self.means[3]
    }
    /// Mean weekend work, hours per week.
    pub fn weekend(&self) -> f64 {
        self.means[4]
    }
    /// Mean meetings per week outside the person's own working hours.
    pub fn out_of_hours_meetings(&self) -> f64 {
        self.means[5]
    }
    /// Share (0–1) whose own trend is worsening: an alarm on after-hours, collaboration
    /// or focus time, where both the EWMA and the CUSUM chart signalled.
    pub fn worsening_share(&self) -> f64 {
        self.worsening_share
    }
    /// Share (0–1) in one band of the burnout-risk index (low < 25 ≤ moderate < 50 ≤
    /// high, by the default model). The three shares add up to 1.
    pub fn risk_share(&self, band: RiskBand) -> f64 {
        self.risk_shares[match band {
            RiskBand::Low => 0,
            RiskBand::Moderate => 1,
            RiskBand::High => 2,
        }]
    }
}

/// Figures over the people of a cohort **who answered the survey** (population
/// [`RESPONDERS`](crate::RESPONDERS): both the WHO-5 and the CBI work-related score
/// present).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SurveyFigures {
    responders: u64,
    who5_mean: f64,
    high_cbi_share: f64,
}

impl SurveyFigures {
    pub(crate) fn new(responders: u64, who5_mean: f64, high_cbi_share: f64) -> Self {
        Self {
            responders,
            who5_mean,
            high_cbi_share,
        }
    }

    /// How many people of the cohort answered.
    pub fn responders(&self) -> u64 {
        self.responders
    }
    /// Mean WHO-5 percentage (0–100, higher is better).
    pub fn who5_mean(&self) -> f64 {
        self.who5_mean
    }
    /// Share (0–1) with high CBI work-related burnout: a score at or above the
    /// configured line ([`Config::cbi_high_line`](crate::Config::cbi_high_line), 50 by
    /// default). Not the risk index: see [`BehaviourFigures::risk_share`].
    pub fn high_cbi_work_burnout_share(&self) -> f64 {
        self.high_cbi_share
    }
}

/// The published figures of one cohort (or everyone), each decided by the disclosure
/// engine in its population:
///
/// - the head-count, over the members ([`MEMBERS`](crate::MEMBERS));
/// - [`BehaviourFigures`], over the members with signals;
/// - [`SurveyFigures`], over the survey responders.
///
/// A part is `None` when the cohort has nobody in that population (absent, never a
/// zero mean), and [`Disclosed::Suppressed`] with the public reason when the engine
/// withheld it.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CohortStats {
    headcount: Disclosed<u64>,
    behaviour: Option<Disclosed<BehaviourFigures>>,
    survey: Option<Disclosed<SurveyFigures>>,
}

impl CohortStats {
    pub(crate) fn new(
        headcount: Disclosed<u64>,
        behaviour: Option<Disclosed<BehaviourFigures>>,
        survey: Option<Disclosed<SurveyFigures>>,
    ) -> Self {
        Self {
            headcount,
            behaviour,
            survey,
        }
    }

    /// How many members the cohort has.
    pub fn headcount(&self) -> Disclosed<u64> {
        self.headcount
    }
    /// The behavioural figures; `None` when nobody in the cohort has signals.
    pub fn behaviour(&self) -> Option<Disclosed<BehaviourFigures>> {
        self.behaviour
    }
    /// The survey figures; `None` when nobody in the cohort answered.
    pub fn survey(&self) -> Option<Disclosed<SurveyFigures>> {
        self.survey
    }
    /// The behavioural figures if published.
    pub fn published_behaviour(&self) -> Option<&BehaviourFigures> {
        self.behaviour.as_ref().and_then(Disclosed::as_published)
    }
    /// The survey figures if published.
    pub fn published_survey(&self) -> Option<&SurveyFigures> {
        self.survey.as_ref().and_then(Disclosed::as_published)
    }
    /// Whether every part the cohort has was withheld.
    pub fn is_suppressed(&self) -> bool {
        self.headcount.is_suppressed()
            && self.behaviour.is_none_or(|b| b.is_suppressed())
            && self.survey.is_none_or(|s| s.is_suppressed())
    }
}

/// One cohort of a report: its cut, who it is, and its figures.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CohortRow {
    dimension: Dimension,
    cohort: Cohort,
    stats: CohortStats,
}

impl CohortRow {
    pub(crate) fn new(dimension: Dimension, cohort: Cohort, stats: CohortStats) -> Self {
        Self {
            dimension,
            cohort,
            stats,
        }
    }

    /// The cut this row belongs to (work mode, UTC-offset band, country...).
    pub fn dimension(&self) -> Dimension {
        self.dimension
    }
    /// Who the row is about (`work_mode=remote, utc_offset=UTC+8 to UTC+10`).
    pub fn cohort(&self) -> &Cohort {
        &self.cohort
    }
    /// The cohort's figures: head-count, scores and signals, each as released by the
    /// disclosure engine.
    pub fn stats(&self) -> &CohortStats {
        &self.stats
    }
}
