//! Planted effects are recovered; without a planted effect nothing is invented.
//! Also hand-checked values for the control charts, which have no reference
//! library: the formulas are Montgomery's (Introduction to Statistical Quality
//! Control, 8th ed., §9.1–9.2).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use remit_stats::*;

fn normal(rng: &mut ChaCha8Rng) -> f64 {
    // Box–Muller
    let u1: f64 = rng.random::<f64>().max(1e-300);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

#[test]
fn logistic_recovers_planted_coefficients() {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let n = 20_000;
    let truth = [-0.5, 0.8, -0.4]; // Intercept, tenure, remote
    let mut tenure = Vec::with_capacity(n);
    let mut mode = Vec::with_capacity(n);
    let mut y = Vec::with_capacity(n);
    for _ in 0..n {
        let t = normal(&mut rng);
        let remote = rng.random::<f64>() < 0.4;
        let eta = truth[0] + truth[1] * t + truth[2] * f64::from(u8::from(remote));
        tenure.push(t);
        mode.push(if remote { "remote" } else { "onsite" });
        y.push(rng.random::<f64>() < 1.0 / (1.0 + (-eta).exp()));
    }
    let x = DesignMatrix::builder(n)
        .intercept()
        .numeric("tenure", &tenure)
        .unwrap()
        .categorical("mode", &mode, "onsite")
        .unwrap()
        .build()
        .unwrap();
    let fit = logistic(&x, &y).unwrap();
    for (c, t) in fit.coefficients.iter().zip(truth) {
        assert!(c.lower < t && t < c.upper, "{} {c:?} misses {t}", c.name);
    }
    assert!(fit.coefficient("mode[T.remote]").unwrap().p_value < 1e-6);
}

#[test]
fn logistic_invents_nothing_without_an_effect() {
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    let n = 5_000;
    let x1: Vec<f64> = (0..n).map(|_| normal(&mut rng)).collect();
    let y: Vec<bool> = (0..n).map(|_| rng.random::<f64>() < 0.3).collect();
    let x = DesignMatrix::builder(n)
        .intercept()
        .numeric("noise", &x1)
        .unwrap()
        .build()
        .unwrap();
    let fit = logistic(&x, &y).unwrap();
    let b = fit.coefficient("noise").unwrap();
    assert!(b.lower < 0.0 && 0.0 < b.upper, "{b:?}");
}

#[test]
fn singular_design_names_the_column() {
    let a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    let twice: Vec<f64> = a.iter().map(|v| 2.0 * v).collect();
    let y = [1.0, 3.0, 2.0, 5.0, 4.0, 6.0];
    let x = DesignMatrix::builder(6)
        .intercept()
        .numeric("a", &a)
        .unwrap()
        .numeric("twice_a", &twice)
        .unwrap()
        .build()
        .unwrap();
    match ols(&x, &y, CovarianceType::Classical, 0.95) {
        Err(StatsError::Singular { term }) => assert_eq!(term, "twice_a"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn stratified_analysis_sees_through_simpsons_paradox() {
    // Within each level remote workers are promoted at the same rate, but they
    // are concentrated in the low-promotion level: the crude table shows a gap,
    // the Mantel–Haenszel odds ratio does not.
    let levels = [
        Table2x2::new(20, 180, 5, 45),
        Table2x2::new(30, 20, 120, 80),
    ];
    let mut crude = Table2x2::default();
    for t in &levels {
        crude.merge(t);
    }
    assert!(fisher_exact(&crude, Alternative::TwoSided).unwrap().p_value < 1e-6);
    let s = StratifiedTables::new(&levels).unwrap();
    let or = s.mantel_haenszel_odds_ratio(0.95).unwrap();
    assert!((or.odds_ratio - 1.0).abs() < 1e-12);
    assert!(s.cochran_mantel_haenszel(false).p_value > 0.5);
}

#[test]
fn survival_detects_a_planted_hazard_ratio_only_when_planted() {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let n = 4_000;
    let mut d = Vec::new();
    let mut e = Vec::new();
    let mut g = Vec::new();
    for i in 0..n {
        let group = i % 2;
        let rate: f64 = if group == 1 { 2.0 } else { 1.0 };
        let t = -(1.0 - rng.random::<f64>()).ln() / rate;
        let c = -(1.0 - rng.random::<f64>()).ln() * 2.0;
        d.push(t.min(c));
        e.push(t <= c);
        g.push(group);
    }
    let planted = logrank_test(&d, &e, &g).unwrap();
    assert!(planted.p_value < 1e-10);
    assert!(planted.observed[1] > planted.expected[1]);
    let shuffled: Vec<usize> = (0..n).map(|_| rng.random_range(0..2)).collect();
    assert!(logrank_test(&d, &e, &shuffled).unwrap().p_value > 0.001);
    // The faster-hazard group has the shorter median.
    let pick = |k: usize| -> (Vec<f64>, Vec<bool>) {
        (0..n).filter(|i| g[*i] == k).map(|i| (d[i], e[i])).unzip()
    };
    let (d0, e0) = pick(0);
    let (d1, e1) = pick(1);
    let m0 = kaplan_meier(&d0, &e0, 0.95).unwrap().median.unwrap();
    let m1 = kaplan_meier(&d1, &e1, 0.95).unwrap().median.unwrap();
    assert!(m1 < m0 && (m0 - 2f64.ln()).abs() < 0.1 && (m1 - 2f64.ln() / 2.0).abs() < 0.06);
}

#[test]
fn ewma_matches_hand_computation() {
    // lambda = 0.2, L = 3, mu0 = 10, sigma = 1: z1 = 0.2 * 11 + 0.8 * 10 = 10.2,
    // limit half-width at t = 1 is 3 * sqrt(0.2 / 1.8 * (1 - 0.64)) = 0.6.
    let chart = ewma_chart(&[11.0, 9.0], &EwmaParams::new(10.0, 1.0).unwrap()).unwrap();
    assert!((chart[0].statistic - 10.2).abs() < 1e-12);
    assert!((chart[0].upper - 10.6).abs() < 1e-12 && (chart[0].lower - 9.4).abs() < 1e-12);
    // z2 = 0.2 * 9 + 0.8 * 10.2 = 9.96
    assert!((chart[1].statistic - 9.96).abs() < 1e-12);
    // Steady state: 3 sqrt(0.2 / 1.8) = 1.
    let long = ewma_chart(&[10.0; 200], &EwmaParams::new(10.0, 1.0).unwrap()).unwrap();
    assert!((long[199].upper - 11.0).abs() < 1e-12);
    assert!(long.iter().all(|p| !p.alarm));
}

#[test]
fn charts_catch_a_planted_shift_and_stay_quiet_without_one() {
    let mut rng = ChaCha8Rng::seed_from_u64(4);
    let quiet: Vec<f64> = (0..100).map(|_| 50.0 + 2.0 * normal(&mut rng)).collect();
    let mut shifted = quiet.clone();
    for v in shifted.iter_mut().skip(60) {
        *v += 4.0; // a two-sigma shift from t = 60
    }
    let ep = EwmaParams::new(50.0, 2.0).unwrap();
    let cp = CusumParams::new(50.0, 2.0).unwrap();
    assert!(!ewma_chart(&quiet, &ep).unwrap().iter().any(|p| p.alarm));
    assert!(
        !cusum_chart(&quiet, &cp)
            .unwrap()
            .iter()
            .any(|p| p.alarm_up || p.alarm_down)
    );
    let first = |alarms: Vec<bool>| alarms.iter().position(|&a| a);
    let ewma = first(
        ewma_chart(&shifted, &ep)
            .unwrap()
            .iter()
            .map(|p| p.alarm)
            .collect(),
    );
    let cusum = first(
        cusum_chart(&shifted, &cp)
            .unwrap()
            .iter()
            .map(|p| p.alarm_up)
            .collect(),
    );
    assert!(matches!(ewma, Some(t) if (60..75).contains(&t)), "{ewma:?}");
    assert!(
        matches!(cusum, Some(t) if (60..75).contains(&t)),
        "{cusum:?}"
    );
}

#[test]
fn cusum_matches_hand_computation() {
    // mu0 = 10, sigma = 1, K = 0.5, H = 5.
    let x = [10.5, 12.0, 9.0, 13.0];
    let c = cusum_chart(&x, &CusumParams::new(10.0, 1.0).unwrap()).unwrap();
    let ups = [0.0, 1.5, 0.0, 2.5];
    let downs = [0.0, 0.0, 0.5, 0.0];
    for (p, (u, d)) in c.iter().zip(ups.iter().zip(downs)) {
        assert!(
            (p.upper - u).abs() < 1e-12 && (p.lower - d).abs() < 1e-12,
            "{p:?}"
        );
    }
}

#[test]
fn bootstrap_covers_a_planted_mean() {
    let mut covered = 0;
    for seed in 0..40u64 {
        let mut rng = ChaCha8Rng::seed_from_u64(100 + seed);
        let data: Vec<f64> = (0..60).map(|_| 5.0 + normal(&mut rng)).collect();
        let mean = |xs: &[f64]| xs.iter().sum::<f64>() / xs.len() as f64;
        let ci = bootstrap_percentile(&data, mean, 500, 0.9, seed).unwrap();
        covered += usize::from(ci.lower < 5.0 && 5.0 < ci.upper);
    }
    // 90% nominal: expect ~36 of 40; far fewer would mean a broken interval.
    assert!(covered >= 30, "covered {covered} of 40");
}

#[test]
fn minimum_detectable_ratio_has_the_advertised_power() {
    let r = minimum_detectable_ratio(300, 900, 0.25, 0.8, 0.05)
        .unwrap()
        .unwrap();
    let power = power_two_proportions(r * 0.25, 0.25, 300.0, 900.0, 0.05).unwrap();
    assert!((power - 0.8).abs() < 1e-9);
    // Bigger groups detect smaller effects.
    let bigger = minimum_detectable_ratio(3000, 9000, 0.25, 0.8, 0.05)
        .unwrap()
        .unwrap();
    assert!(bigger > r);
}

#[test]
fn public_types_are_send_sync_and_serde() {
    fn check<T: Send + Sync + serde::Serialize + for<'de> serde::Deserialize<'de>>() {}
    check::<Table2x2>();
    check::<ContingencyTable>();
    check::<FisherExact>();
    check::<ChiSquareTest>();
    check::<StratifiedTables>();
    check::<DesignMatrix>();
    check::<LogisticFit>();
    check::<OlsFit>();
    check::<NormalEquations>();
    check::<KaplanMeier>();
    check::<LogRankTest>();
    check::<MannWhitney>();
    check::<EwmaPoint>();
    check::<CusumPoint>();
    check::<BootstrapInterval>();
    check::<GroupedCounts>();
    fn send_sync<T: Send + Sync>() {}
    send_sync::<StatsError>();
    send_sync::<DesignBuilder>();
    let s = StratifiedTables::new(&[Table2x2::new(1, 2, 3, 4), Table2x2::new(0, 0, 1, 1)]).unwrap();
    let json = serde_json::to_string(&s).unwrap();
    let back: StratifiedTables = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
}

#[test]
fn errors_name_the_offending_input() {
    let err = DesignMatrix::builder(3)
        .numeric("tenure", &[1.0, f64::NAN, 2.0])
        .unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("tenure") && msg.contains("row 1"), "{msg}");
    let err = DesignMatrix::builder(2)
        .categorical("mode", &["a", "b"], "onsite")
        .unwrap_err();
    assert!(err.to_string().contains("onsite"));
    let err = kaplan_meier(&[1.0, -2.0], &[true, true], 0.95).unwrap_err();
    assert!(err.to_string().contains("durations"));
    let err = logrank_test(&[1.0, 2.0], &[true, true], &[0]).unwrap_err();
    assert!(err.to_string().contains("groups"));
}
