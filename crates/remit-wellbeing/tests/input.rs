//! Input that cannot be joined or charted is refused with an error naming the record:
//! surveys and panel rows for people outside the workforce or not employed on the as-of
//! date, repeated rows, negative or missing weekly values (at their position in the
//! whole series). Only people employed on the as-of date count. And the worsening rule
//! is the documented one: an alarm needs both the EWMA and the CUSUM chart.

mod support;

use chrono_tz::Europe::Berlin;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use remit_core::{Employee, EmployeeId, WorkMode};
use remit_stats::{CusumParams, EwmaParams, cusum_points, ewma_points};
use remit_wellbeing::{AlarmConfig, TrendError, Worse, signal_alarm};
use remit_wellbeing::{Config, Error, Individuals, Inputs, SurveyResults};
use remit_wellbeing::{Signal, SignalPanel, WeekSignals};

fn roster(n: usize) -> (Vec<EmployeeId>, Vec<Employee>) {
    let ids: Vec<EmployeeId> = (0..n)
        .map(|i| EmployeeId::from_external(&format!("W{i}")))
        .collect();
    let people = (0..n)
        .map(|i| support::tree_member(&ids, i, 4, WorkMode::Remote, ("DE", Berlin), "Ops"))
        .collect();
    (ids, people)
}

fn panel(ids: &[EmployeeId]) -> SignalPanel {
    let week = WeekSignals::zero()
        .with(Signal::AfterHoursHours, 2.0)
        .unwrap();
    let mut panel = SignalPanel::new(4).unwrap();
    for id in ids {
        panel.push(*id, &[week; 4]).unwrap();
    }
    panel
}

fn assess(
    people: &[Employee],
    panel: &SignalPanel,
    surveys: &SurveyResults,
) -> Result<Individuals, Error> {
    Individuals::assess(
        &Inputs::new(people, surveys, panel),
        &Config::new(support::as_of()),
    )
}

#[test]
fn a_survey_for_someone_outside_the_roster_is_refused_not_dropped() {
    let (ids, people) = roster(6);
    let stranger = EmployeeId::from_external("contractor-7");
    let mut surveys = SurveyResults::new();
    // Out of roster order, so the results are joined by id.
    surveys.push(ids[3], Some(60.0), Some(40.0)).unwrap();
    surveys.push(stranger, Some(20.0), Some(80.0)).unwrap();
    surveys.push(ids[1], Some(64.0), None).unwrap();
    let err = assess(&people, &panel(&ids), &surveys).unwrap_err();
    assert_eq!(err, Error::UnknownSurveyEmployee { employee: stranger });
    // In roster order the subset walk would have matched ids[1] and ids[3] only.
    let mut ordered = SurveyResults::new();
    ordered.push(ids[1], Some(64.0), None).unwrap();
    ordered.push(ids[3], Some(60.0), Some(40.0)).unwrap();
    ordered.push(stranger, Some(20.0), Some(80.0)).unwrap();
    assert_eq!(
        assess(&people, &panel(&ids), &ordered).unwrap_err(),
        Error::UnknownSurveyEmployee { employee: stranger }
    );
}

#[test]
fn a_second_panel_row_for_someone_is_refused_not_resolved_first_wins() {
    let (ids, people) = roster(5);
    let mut rows = panel(&ids[..4]);
    let quiet = WeekSignals::zero();
    rows.push(ids[2], &[quiet; 4]).unwrap();
    rows.push(ids[4], &[quiet; 4]).unwrap();
    let err = assess(&people, &rows, &SurveyResults::new()).unwrap_err();
    assert_eq!(err, Error::DuplicatePanelRow { employee: ids[2] });
}

#[test]
fn a_panel_row_for_someone_outside_the_roster_is_refused() {
    let (ids, people) = roster(4);
    let mut rows = panel(&ids);
    let stranger = EmployeeId::from_external("left-last-year");
    rows.push(stranger, &[WeekSignals::zero(); 4]).unwrap();
    let err = assess(&people, &rows, &SurveyResults::new()).unwrap_err();
    assert_eq!(err, Error::UnknownPanelEmployee { employee: stranger });
}

#[test]
fn a_roster_that_repeats_someone_is_refused() {
    let (ids, mut people) = roster(4);
    people.push(people[1].clone());
    let err = assess(&people, &panel(&ids), &SurveyResults::new()).unwrap_err();
    assert_eq!(err, Error::DuplicateEmployee { employee: ids[1] });
}

/// `people` with person `leaver` gone before the as-of date and person `joiner` hired
/// after it.
fn with_leaver_and_joiner(people: &[Employee], leaver: usize, joiner: usize) -> Vec<Employee> {
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    people
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let b = Employee::builder(e.id())
                .work_mode(e.work_mode())
                .country(e.country())
                .time_zone(e.time_zone())
                .level(e.level())
                .department(e.department().clone());
            let b = match e.manager() {
                Some(m) => b.manager(m),
                None => b,
            };
            if i == leaver {
                b.hired_on(day(2020, 1, 1)).left_on(day(2026, 6, 30))
            } else if i == joiner {
                b.hired_on(day(2027, 1, 4))
            } else {
                b.hired_on(day(2020, 1, 1))
            }
            .build()
            .unwrap()
        })
        .collect()
}

#[test]
fn rows_for_leavers_and_future_hires_are_refused_naming_them() {
    let (ids, people) = roster(6);
    let people = with_leaver_and_joiner(&people, 2, 5);
    // A survey from someone who left before the as-of date.
    let mut surveys = SurveyResults::new();
    surveys.push(ids[1], Some(60.0), Some(40.0)).unwrap();
    surveys.push(ids[2], Some(44.0), Some(70.0)).unwrap();
    let current = panel(&[ids[0], ids[1], ids[3], ids[4]]);
    assert_eq!(
        assess(&people, &current, &surveys).unwrap_err(),
        Error::NotEmployed {
            input: "survey results",
            employee: ids[2],
            as_of: support::as_of()
        }
    );
    // A panel row for someone hired after it.
    let future = panel(&[ids[0], ids[1], ids[3], ids[4], ids[5]]);
    assert_eq!(
        assess(&people, &future, &SurveyResults::new()).unwrap_err(),
        Error::NotEmployed {
            input: "signal panel",
            employee: ids[5],
            as_of: support::as_of()
        }
    );
}

#[test]
fn leavers_and_future_hires_are_not_members() {
    let (ids, people) = roster(6);
    let people = with_leaver_and_joiner(&people, 2, 5);
    let current = [ids[0], ids[1], ids[3], ids[4]];
    let assessed = assess(&people, &panel(&current), &SurveyResults::new()).unwrap();
    assert_eq!(assessed.employees(), current);
    assert!(assessed.personal_view(ids[2]).is_none());
    assert!(assessed.personal_view(ids[5]).is_none());
    assert!(assessed.personal_view(ids[3]).is_some());
}

#[test]
fn negative_and_missing_weekly_values_are_refused_at_their_week_in_the_series() {
    let config = AlarmConfig::default();
    let mut weeks = [1.0f32, 1.2, 0.8, 1.0, 1.1, 2.5, 3.0, 3.5, 4.0];
    weeks[6] = -3.0;
    assert_eq!(
        signal_alarm(&weeks, Worse::Up, &config),
        Err(TrendError::InvalidValue {
            week: 6,
            value: -3.0
        })
    );
    // A NaN after the baseline is named by its week in the whole series, not by its
    // position among the charted weeks.
    weeks[6] = f32::NAN;
    assert!(matches!(
        signal_alarm(&weeks, Worse::Up, &config),
        Err(TrendError::InvalidValue { week: 6, value }) if value.is_nan()
    ));
    // A NaN in the baseline is the value's fault, not a non-finite chart target.
    let mut weeks = [1.0f32, 1.2, 0.8, 1.0, 1.1, 2.5];
    weeks[1] = f32::INFINITY;
    assert_eq!(
        signal_alarm(&weeks, Worse::Up, &config),
        Err(TrendError::InvalidValue {
            week: 1,
            value: f32::INFINITY
        })
    );
    // Even a series too short to chart is checked.
    assert_eq!(
        signal_alarm(&[1.0, -0.5], Worse::Down, &config),
        Err(TrendError::InvalidValue {
            week: 1,
            value: -0.5
        })
    );
}

#[test]
fn one_spike_moves_the_ewma_but_only_a_sustained_shift_alarms() {
    let config = AlarmConfig::default();
    // Baseline mean 10, SD floored at 0.5 (σ = 0.5 here). A single spike of 4σ lifts
    // the EWMA past its first-week limit (0.2 · 2 = 0.4 > 3 · 0.5 · 0.2 = 0.3) while
    // the CUSUM reaches only 4 − 0.5 = 3.5 < h = 5: one chart alone, no alarm.
    let spike = [10.0f32, 10.0, 10.0, 10.0, 12.0, 10.0, 10.0, 10.0];
    let ewma = ewma_points(
        &spike[4..].iter().map(|&x| f64::from(x)).collect::<Vec<_>>(),
        &EwmaParams::new(10.0, 0.5)
            .unwrap()
            .with_lambda(0.2)
            .unwrap()
            .with_width(3.0)
            .unwrap(),
    )
    .unwrap()
    .any(|p| p.statistic > p.upper);
    assert!(ewma, "the EWMA alone signals the spike");
    assert_eq!(signal_alarm(&spike, Worse::Up, &config), Ok(None));
    // A sustained rise: both charts signal, an alarm.
    let shift = [10.0f32, 10.0, 10.0, 10.0, 11.5, 11.5, 11.5, 11.5, 11.5];
    let alarm = signal_alarm(&shift, Worse::Up, &config).unwrap().unwrap();
    assert!(alarm.ewma_week().is_some() && alarm.cusum_week().is_some());
}

#[test]
fn requiring_both_charts_cuts_false_alarms_on_steady_people() {
    // 2 000 people whose weekly after-hours hours never change in distribution:
    // N(3, 0.8²), 12 weeks, the first 4 the baseline. Any alarm is a false one.
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let mut normal = move || {
        let (u, v): (f64, f64) = (rng.random(), rng.random());
        (-2.0 * (1.0 - u).ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    };
    let config = AlarmConfig::default();
    let (mut both, mut ewma_alone, mut cusum_alone, mut either) = (0u32, 0u32, 0u32, 0u32);
    let people = 2_000;
    for _ in 0..people {
        let series: Vec<f32> = (0..12)
            .map(|_| (3.0 + 0.8 * normal()).max(0.0) as f32)
            .collect();
        if signal_alarm(&series, Worse::Up, &config).unwrap().is_some() {
            both += 1;
        }
        // Each chart alone, with the crate's baseline rule (mean, SD floored at 0.5).
        let base: Vec<f64> = series[..4].iter().map(|&x| f64::from(x)).collect();
        let mean = base.iter().sum::<f64>() / 4.0;
        let sd = (base.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 3.0)
            .sqrt()
            .max(0.5);
        let rest: Vec<f64> = series[4..].iter().map(|&x| f64::from(x)).collect();
        let ewma = EwmaParams::new(mean, sd)
            .unwrap()
            .with_lambda(0.2)
            .unwrap()
            .with_width(3.0)
            .unwrap();
        let cusum = CusumParams::new(mean, sd)
            .unwrap()
            .with_k(0.5)
            .unwrap()
            .with_h(5.0)
            .unwrap();
        let e = ewma_points(&rest, &ewma)
            .unwrap()
            .any(|p| p.statistic > p.upper);
        let c = cusum_points(&rest, &cusum).unwrap().any(|p| p.alarm_up);
        ewma_alone += u32::from(e);
        cusum_alone += u32::from(c);
        either += u32::from(e || c);
    }
    let rate = |n: u32| f64::from(n) / f64::from(people);
    // A short, estimated baseline makes each chart fire far above its nominal rate
    // (10.2% and 8.6% here); "EWMA or CUSUM" would flag 11.1% of steady people, "both"
    // 7.8% (the figures docs/methodology/wellbeing.md quotes).
    assert!(
        (0.09..0.12).contains(&rate(ewma_alone)),
        "{}",
        rate(ewma_alone)
    );
    assert!(
        (0.07..0.10).contains(&rate(cusum_alone)),
        "{}",
        rate(cusum_alone)
    );
    assert!((0.10..0.13).contains(&rate(either)), "{}", rate(either));
    assert!((0.065..0.09).contains(&rate(both)), "{}", rate(both));
    assert!(both <= ewma_alone.min(cusum_alone) && either >= ewma_alone.max(cusum_alone));
    println!(
        "false alarms on steady people: EWMA alone {:.3}, CUSUM alone {:.3}, either {:.3}, both {:.3}",
        rate(ewma_alone),
        rate(cusum_alone),
        rate(either),
        rate(both)
    );
}
