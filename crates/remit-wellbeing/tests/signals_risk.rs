//! Signals, the risk index and the reliable change index.

use proptest::prelude::*;
use remit_core::EmployeeId;
use remit_wellbeing::{
    AlarmConfig, ChangeDirection, ReliableChange, TrendError, Worse, signal_alarm,
};
use remit_wellbeing::{RiskBand, RiskFactor, RiskFeatures, RiskModel, WeightedRiskModel};
use remit_wellbeing::{Signal, SignalError, SignalPanel, SignalThresholds, WeekSignals};

#[test]
fn default_thresholds_follow_viva() {
    let t = SignalThresholds::default();
    assert_eq!(t.get(Signal::CollaborationHours), 20.0);
    assert_eq!(t.get(Signal::FocusHours), 10.0);
    assert_eq!(t.get(Signal::AfterHoursHours), 1.0);
    assert!(t.is_unhealthy(Signal::CollaborationHours, 20.5));
    assert!(!t.is_unhealthy(Signal::CollaborationHours, 20.0));
    assert!(t.is_unhealthy(Signal::FocusHours, 9.9));
    assert!(!t.is_unhealthy(Signal::FocusHours, 10.0));
    assert_eq!(
        t.with(Signal::FocusHours, -1.0),
        Err(SignalError::InvalidThreshold {
            signal: Signal::FocusHours,
            value: -1.0
        })
    );
    assert!(matches!(
        t.with(Signal::FocusHours, f32::NAN),
        Err(SignalError::InvalidThreshold { signal: Signal::FocusHours, value }) if value.is_nan()
    ));
}

#[test]
fn panel_validates_and_names_the_bad_value() {
    let ids = vec![
        EmployeeId::from_external("A"),
        EmployeeId::from_external("B"),
    ];
    let mut cols: [Vec<f32>; Signal::COUNT] = std::array::from_fn(|_| vec![1.0; 6]);
    cols[Signal::DaysOff.index()][4] = 9.0;
    match SignalPanel::from_columns(3, ids.clone(), cols.clone()) {
        Err(SignalError::OutOfRange {
            employee,
            week,
            signal,
            ..
        }) => {
            assert_eq!((employee, week, signal), (ids[1], 1, Signal::DaysOff));
        }
        other => panic!("{other:?}"),
    }
    cols[Signal::DaysOff.index()][4] = 1.0;
    cols[Signal::FocusHours.index()].pop();
    assert!(matches!(
        SignalPanel::from_columns(3, ids.clone(), cols.clone()),
        Err(SignalError::WrongColumnLength {
            signal: Signal::FocusHours,
            expected: 6,
            got: 5
        })
    ));
    cols[Signal::FocusHours.index()].push(2.0);
    let panel = SignalPanel::from_columns(3, ids.clone(), cols.clone()).unwrap();
    assert_eq!(
        panel.series(1, Signal::FocusHours),
        Some(&[1.0, 1.0, 2.0][..])
    );
    assert_eq!(panel.series(2, Signal::FocusHours), None);
    assert_eq!(
        SignalPanel::from_columns(3, vec![ids[0], ids[0]], cols),
        Err(SignalError::DuplicateEmployee { employee: ids[0] })
    );
    assert!(matches!(SignalPanel::new(0), Err(SignalError::NoWeeks)));
    let mut p = SignalPanel::new(2).unwrap();
    assert!(matches!(
        p.push(ids[0], &[WeekSignals::zero()]),
        Err(SignalError::WrongWeekCount {
            expected: 2,
            got: 1,
            ..
        })
    ));
}

#[test]
fn default_model_equals_model_from_default_thresholds() {
    let a = WeightedRiskModel::default();
    let b = WeightedRiskModel::from_thresholds(&SignalThresholds::default()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn risk_extremes_and_bands() {
    let model = WeightedRiskModel::default();
    let healthy = RiskFeatures::from_means(
        &[5.0, 10.0, 0.0, 0.0, 20.0, 0.0, 0.0, 0.5],
        Some(10.0),
        Some(80.0),
    );
    let r = model.assess(&healthy);
    assert_eq!(r.index(), 0.0);
    assert_eq!(r.band(), RiskBand::Low);
    assert!(r.drivers().is_empty());
    let worst = RiskFeatures::from_means(
        &[40.0, 50.0, 10.0, 10.0, 0.0, 20.0, 10.0, 0.0],
        Some(100.0),
        Some(0.0),
    );
    let r = model.assess(&worst);
    assert!((r.index() - 100.0).abs() < 1e-4);
    assert_eq!(r.band(), RiskBand::High);
    assert_eq!(r.drivers().len(), RiskFactor::COUNT);
    // Only after-hours at half severity (3 h/week on the 1 → 5 ramp), nothing else measured.
    let r = model.assess(&RiskFeatures::empty().with(RiskFactor::AfterHours, 3.0));
    assert!((r.index() - 50.0).abs() < 1e-4);
    assert_eq!(r.band(), RiskBand::High);
    assert_eq!(model.assess(&RiskFeatures::empty()).index(), 0.0);
}

#[test]
fn reliable_change_golden() {
    // SE = 7.5 · √0.12 = 2.598076; S_diff = √2 · SE = 3.674235.
    let rci = ReliableChange::new(7.5, 0.88).unwrap();
    assert!((rci.s_diff() - 3.674_234_6).abs() < 1e-6);
    assert!((rci.minimal_change() - 7.201_500).abs() < 1e-5);
    assert!((rci.index(20.0, 30.0) - 2.721_655).abs() < 1e-6);
    assert_eq!(
        rci.classify(30.0, 20.0, true),
        ChangeDirection::ReliablyWorse
    );
    assert_eq!(
        rci.classify(20.0, 30.0, true),
        ChangeDirection::ReliablyBetter
    );
    // Exactly at the critical value is not reliable (|RC| must exceed 1.96).
    let at = rci.minimal_change();
    assert_eq!(
        rci.classify(0.0, at, true),
        ChangeDirection::NoReliableChange
    );
    assert_eq!(
        ReliableChange::new(0.0, 0.5),
        Err(TrendError::InvalidSd { sd: 0.0 })
    );
    assert_eq!(
        ReliableChange::new(1.0, 1.0),
        Err(TrendError::InvalidReliability { reliability: 1.0 })
    );
}

#[test]
fn weekly_alarms_fire_only_on_worsening_shifts() {
    let c = AlarmConfig::default();
    let flat = [2.0f32; 12];
    assert_eq!(signal_alarm(&flat, Worse::Up, &c).unwrap(), None);
    assert_eq!(signal_alarm(&flat, Worse::Down, &c).unwrap(), None);
    // Baseline mean 2, sigma floored at 0.5; a jump to 4 (4 sigma) from week 4.
    let mut jump = [2.0f32; 12];
    for w in &mut jump[4..] {
        *w = 4.0;
    }
    let a = signal_alarm(&jump, Worse::Up, &c).unwrap().unwrap();
    // EWMA: z_1 = 0.2·4 + 0.8·2 = 2.4 vs limit 2 + 3·0.5·0.2 = 2.3: signals at week 4.
    assert_eq!(a.ewma_week(), Some(4));
    // CUSUM: C+ grows by 4 − 2.25 = 1.75 a week; H = 2.5, so crosses at week 5.
    assert_eq!(a.cusum_week(), Some(5));
    assert_eq!(signal_alarm(&jump, Worse::Down, &c).unwrap(), None);
    // Too short to chart beyond the baseline.
    assert_eq!(signal_alarm(&jump[..4], Worse::Up, &c).unwrap(), None);
    let invalid = |field, value| Err(TrendError::InvalidAlarmConfig { field, value });
    assert_eq!(c.with_baseline_weeks(1), invalid("baseline_weeks", 1.0));
    assert_eq!(c.with_ewma(0.0, 3.0), invalid("lambda", 0.0));
    assert_eq!(c.with_ewma(0.2, -1.0), invalid("width", -1.0));
    assert_eq!(c.with_cusum(0.5, 0.0), invalid("h", 0.0));
    assert_eq!(c.with_cusum(-0.5, 5.0), invalid("k", -0.5));
    assert_eq!(c.with_sigma_floor(0.0), invalid("sigma_floor", 0.0));
}

fn any_f32() -> impl Strategy<Value = f32> {
    prop_oneof![
        Just(f32::NAN),
        Just(f32::INFINITY),
        any::<f32>(),
        -10.0f32..200.0
    ]
}

proptest! {
    #[test]
    fn risk_index_in_range_and_contributions_add_up(
        means in prop::array::uniform8(any_f32()),
        cbi in prop::option::of(any_f32()),
        who5 in prop::option::of(any_f32()),
    ) {
        let f = RiskFeatures::from_means(&means, cbi, who5);
        let r = WeightedRiskModel::default().assess(&f);
        prop_assert!((0.0..=100.0).contains(&r.index()));
        let sum: f32 = RiskFactor::ALL.iter().map(|&x| r.contribution(x)).sum();
        prop_assert!((sum - r.index()).abs() < 1e-3);
        for x in RiskFactor::ALL {
            prop_assert!(r.contribution(x) >= 0.0);
        }
    }

    #[test]
    fn week_signals_accept_exactly_the_valid_range(v in any_f32(), s in 0usize..Signal::COUNT) {
        let signal = Signal::ALL[s];
        let ok = v.is_finite() && v >= 0.0 && v <= signal.max_weekly();
        match WeekSignals::zero().with(signal, v) {
            Ok(week) => {
                prop_assert!(ok);
                prop_assert_eq!(week.get(signal), v);
            }
            Err(SignalError::ValueOutOfRange { signal: named, value, max }) => {
                prop_assert!(!ok);
                prop_assert_eq!(named, signal);
                prop_assert!(value.to_bits() == v.to_bits());
                prop_assert_eq!(max, signal.max_weekly());
            }
            Err(other) => prop_assert!(false, "unexpected error {}", other),
        }
    }

    #[test]
    fn rci_is_antisymmetric(sd in 0.01f64..50.0, r in 0.0f64..0.99, a in -100.0f64..100.0, b in -100.0f64..100.0) {
        let rci = ReliableChange::new(sd, r).unwrap();
        prop_assert!((rci.index(a, b) + rci.index(b, a)).abs() < 1e-9);
    }
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<remit_wellbeing::Who5>();
    check::<remit_wellbeing::Cbi>();
    check::<remit_wellbeing::Pss10>();
    check::<remit_wellbeing::InstrumentSpec>();
    check::<SignalPanel>();
    check::<WeightedRiskModel>();
    check::<remit_wellbeing::Individuals>();
    check::<remit_wellbeing::WellbeingReport>();
    check::<remit_wellbeing::Config>();
    check::<Box<dyn RiskModel>>();
}
