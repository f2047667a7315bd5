//! Wellbeing: a roster, a weekly signal panel (built row by row or column by column),
//! WHO-5 and CBI survey answers (scored from item codes, or given as scores), alarm
//! and report settings, then `Individuals::assess` (the per-person view) and
//! `remit_wellbeing::audit(&Inputs, &Config, &mut Disclosure)`.

use arbitrary::{Result, Unstructured};
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_core::{Employee, EmployeeId};
use remit_wellbeing::AlarmConfig;
use remit_wellbeing::Individuals;
use remit_wellbeing::Instrument as _;
use remit_wellbeing::{Cbi, Who5};
use remit_wellbeing::{Config, SurveyResults, audit};
use remit_wellbeing::{Signal, SignalPanel, SignalThresholds, WeekSignals};

use crate::{draw, people};

const MAX_WEEKS: usize = 16;

/// The inputs of one wellbeing report.
pub struct Inputs {
    /// The people (a roster's employees, possibly repeated to reach the checks).
    pub employees: Vec<Employee>,
    /// Weekly behavioural signals of the employees, in hours (up to 16 weeks).
    pub panel: SignalPanel,
    /// Survey scores (WHO-5 and CBI, 0–100) of some of the employees.
    pub surveys: SurveyResults,
    /// The report's configuration (with its trend-alarm settings).
    pub config: Config,
    /// The disclosure policy of the run.
    pub policy: DisclosurePolicy,
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
    let Some(policy) = super::policy(u)? else {
        return Ok(None);
    };
    let mut config = Config::new(draw::date(u)?).with_alarms(alarms);
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
        config,
        policy,
    }))
}

/// Assesses the individuals, runs the audit and exercises its report (see
/// [`super::exercise`]).
///
/// Invariants checked: at most one assessment per employee, and each person assessed
/// has a personal view.
pub fn run(inputs: &Inputs) {
    let audit_inputs =
        remit_wellbeing::Inputs::new(inputs.employees.as_slice(), &inputs.surveys, &inputs.panel);
    if let Ok(individuals) = Individuals::assess(&audit_inputs, &inputs.config) {
        assert!(
            individuals.len() <= inputs.employees.len(),
            "more assessments than employees"
        );
        for id in individuals.employees() {
            assert!(
                individuals.personal_view(*id).is_some(),
                "no personal view for {id}"
            );
        }
    }
    let mut disclosure = Disclosure::new(inputs.policy.clone());
    if let Ok(report) = audit(&audit_inputs, &inputs.config, &mut disclosure) {
        super::exercise(&report);
    }
}
