//! Wellbeing: a roster, a weekly signal panel (built row by row or column by column),
//! WHO-5 and CBI survey answers (scored from item codes, or given as scores), alarm
//! and report settings, then `Individuals::assess_with` and `CohortReport::build`.
//!
//! Entry point today: `remit_wellbeing::individual::Individuals::assess_with(&roster,
//! &panel, &surveys, &model, &alarms)` then `remit_wellbeing::report::CohortReport::build(
//! &roster, &individuals, &config)`; after issue 16: `remit_wellbeing::audit(&Inputs,
//! &Config, &mut Disclosure)`.

use arbitrary::{Result, Unstructured};
use remit_core::privacy::MinGroupSize;
use remit_core::{Employee, EmployeeId};
use remit_wellbeing::builtin::{Cbi, Who5};
use remit_wellbeing::individual::{Individuals, SurveyResults};
use remit_wellbeing::instrument::Instrument as _;
use remit_wellbeing::report::{CohortReport, LaplaceNoise, ReportConfig};
use remit_wellbeing::risk::WeightedRiskModel;
use remit_wellbeing::signals::{Signal, SignalPanel, SignalThresholds, WeekSignals};
use remit_wellbeing::trends::AlarmConfig;

use crate::{draw, people};

const MAX_WEEKS: usize = 16;

/// The inputs of one wellbeing report.
pub struct Inputs {
    /// The people (a roster's employees, possibly repeated to reach the checks).
    pub employees: Vec<Employee>,
    /// Weekly behavioural signals.
    pub panel: SignalPanel,
    /// Survey scores.
    pub surveys: SurveyResults,
    /// Trend-alarm settings.
    pub alarms: AlarmConfig,
    /// The report's configuration.
    pub config: ReportConfig,
}

fn week(u: &mut Unstructured<'_>) -> Result<Option<WeekSignals>> {
    let mut week = WeekSignals::zero();
    for signal in Signal::ALL {
        let value = draw::float32(u, 0.0, signal.max_weekly())?;
        match week.with(signal, value) {
            Ok(w) => week = w,
            Err(_) => return Ok(None),
        }
    }
    Ok(Some(week))
}

/// Builds the inputs; `None` when a constructor refused what it was given.
pub fn build(u: &mut Unstructured<'_>) -> Result<Option<Inputs>> {
    let mut employees = people::employees(u)?;
    if u.ratio(1, 32)? {
        if let Some(first) = employees.first().cloned() {
            employees.push(first);
        }
    }
    let n = employees.len();
    let weeks = u.int_in_range(1..=MAX_WEEKS)?;
    let rows: Vec<EmployeeId> = (0..draw::count(u, n + 1)?)
        .map(|_| people::someone(u, n))
        .collect::<Result<_>>()?;
    let panel = if u.ratio(1, 2)? {
        let mut panel = match SignalPanel::new(weeks) {
            Ok(p) => p,
            Err(_) => return Ok(None),
        };
        for id in &rows {
            let mut series = Vec::with_capacity(weeks);
            for _ in 0..weeks {
                let Some(w) = week(u)? else {
                    return Ok(None);
                };
                series.push(w);
            }
            if panel.push(*id, &series).is_err() {
                return Ok(None);
            }
        }
        panel
    } else {
        let mut columns: [Vec<f32>; Signal::COUNT] = Default::default();
        for (signal, column) in Signal::ALL.iter().zip(columns.iter_mut()) {
            for _ in 0..rows.len() * weeks {
                column.push(draw::float32(u, 0.0, signal.max_weekly())?);
            }
        }
        match SignalPanel::from_columns(weeks, rows, columns) {
            Ok(p) => p,
            Err(_) => return Ok(None),
        }
    };
    let respondents: Vec<EmployeeId> = (0..draw::count(u, n + 1)?)
        .map(|_| people::someone(u, n))
        .collect::<Result<_>>()?;
    let surveys = if u.ratio(1, 2)? {
        let (who5, cbi) = (Who5::new(), Cbi::new());
        let width = who5.items().len() + cbi.items().len();
        let mut codes = Vec::with_capacity(respondents.len() * width);
        for _ in 0..respondents.len() * width {
            codes.push(if u.ratio(1, 16)? {
                None
            } else if u.ratio(1, 32)? {
                Some(u.arbitrary()?)
            } else {
                Some(u.int_in_range(0..=5)?)
            });
        }
        match SurveyResults::score_batch(&who5, &cbi, &respondents, &codes) {
            Ok(s) => s,
            Err(_) => return Ok(None),
        }
    } else {
        let mut surveys = SurveyResults::new();
        for id in respondents {
            let who5 = if u.ratio(1, 8)? {
                None
            } else {
                Some(draw::float32(u, 0.0, 100.0)?)
            };
            let cbi = if u.ratio(1, 8)? {
                None
            } else {
                Some(draw::float32(u, 0.0, 100.0)?)
            };
            if surveys.push(id, who5, cbi).is_err() {
                return Ok(None);
            }
        }
        surveys
    };
    let mut alarms = AlarmConfig::default();
    if u.ratio(1, 2)? {
        let baseline = u.int_in_range(0..=MAX_WEEKS)?;
        let floor = draw::float(u, 0.0, 2.0)?;
        let (lambda, width) = (draw::float(u, 0.0, 1.0)?, draw::float(u, 0.0, 4.0)?);
        let (k, h) = (draw::float(u, 0.0, 2.0)?, draw::float(u, 0.0, 8.0)?);
        let with = alarms
            .clone()
            .with_baseline_weeks(baseline)
            .and_then(|a| a.with_sigma_floor(floor))
            .and_then(|a| a.with_ewma(lambda, width))
            .and_then(|a| a.with_cusum(k, h));
        let Ok(with) = with else {
            return Ok(None);
        };
        alarms = with;
    }
    let (Ok(min), Ok(manager_min)) = (
        MinGroupSize::new(u.int_in_range(1..=12)?),
        MinGroupSize::new(u.int_in_range(1..=12)?),
    ) else {
        return Ok(None);
    };
    let mut config = ReportConfig::new(draw::date(u)?)
        .with_min_group(min)
        .with_manager_min_group(manager_min);
    if u.ratio(1, 4)? {
        let mut thresholds = SignalThresholds::default();
        for signal in Signal::ALL {
            match thresholds.with(signal, draw::float32(u, 0.0, signal.max_weekly())?) {
                Ok(t) => thresholds = t,
                Err(_) => return Ok(None),
            }
        }
        config = config.with_thresholds(thresholds);
    }
    if u.ratio(1, 4)? {
        let Ok(noise) = LaplaceNoise::new(draw::float(u, 0.01, 10.0)?, u.arbitrary()?) else {
            return Ok(None);
        };
        config = config.with_noise(noise);
    }
    if u.ratio(1, 2)? {
        let (ratio, share) = (draw::float(u, 1.0, 4.0)?, draw::float(u, 0.0, 1.0)?);
        let with = config
            .clone()
            .with_burden_ratio(ratio)
            .and_then(|c| c.with_high_risk_share(share));
        let Ok(with) = with else {
            return Ok(None);
        };
        config = with;
    }
    Ok(Some(Inputs {
        employees,
        panel,
        surveys,
        alarms,
        config,
    }))
}

/// Assesses the individuals, builds the report and exercises it (see
/// [`super::exercise`]).
///
/// Invariants checked: the assessment has one entry per employee, and each employee's
/// personal view exists.
pub fn run(inputs: &Inputs) {
    let model = WeightedRiskModel::default();
    let Ok(individuals) = Individuals::assess_with(
        &inputs.employees,
        &inputs.panel,
        &inputs.surveys,
        &model,
        &inputs.alarms,
    ) else {
        return;
    };
    assert_eq!(
        individuals.len(),
        inputs.employees.len(),
        "one assessment per employee"
    );
    for e in &inputs.employees {
        assert!(
            individuals.personal_view(e.id()).is_some(),
            "no personal view for {}",
            e.id()
        );
    }
    if let Ok(report) = CohortReport::build(&inputs.employees, &individuals, &inputs.config) {
        super::exercise(&report);
    }
}
