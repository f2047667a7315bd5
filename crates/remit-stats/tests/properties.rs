//! Property tests: no public entry point panics on any input, p-values stay in
//! [0, 1], adjusted p-values are monotone and never below the raw ones, and
//! merged accumulators equal a single pass.

use proptest::prelude::*;
use remit_stats::*;

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -1e6f64..1e6,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(0.0),
        1 => any::<f64>(),
    ]
}

fn count() -> impl Strategy<Value = u64> {
    prop_oneof![
        6 => 0u64..50,
        2 => 0u64..5_000_000,
        1 => Just(u64::MAX),
        1 => any::<u64>(),
    ]
}

fn alt() -> impl Strategy<Value = Alternative> {
    prop_oneof![
        Just(Alternative::TwoSided),
        Just(Alternative::Less),
        Just(Alternative::Greater)
    ]
}

fn in_unit(p: f64) -> bool {
    (0.0..=1.0).contains(&p)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn fisher_never_panics(a in count(), b in count(), c in count(), d in count(), alt in alt()) {
        if let Ok(r) = fisher_exact(&Table2x2::new(a, b, c, d), alt) {
            prop_assert!(in_unit(r.p_value), "p = {}", r.p_value);
        }
    }

    #[test]
    fn fisher_small_tables_are_valid(a in 0u64..30, b in 0u64..30, c in 0u64..30, d in 0u64..30) {
        let t = Table2x2::new(a, b, c, d);
        let two = fisher_exact(&t, Alternative::TwoSided).unwrap();
        let less = fisher_exact(&t, Alternative::Less).unwrap();
        let greater = fisher_exact(&t, Alternative::Greater).unwrap();
        prop_assert!(in_unit(two.p_value) && in_unit(less.p_value) && in_unit(greater.p_value));
        // The two one-sided tails overlap in the observed table.
        prop_assert!(less.p_value + greater.p_value >= 1.0 - 1e-12);
    }

    #[test]
    fn proportions_never_panic(x1 in count(), n1 in count(), x2 in count(), n2 in count(),
                               conf in any_f64(), alt in alt()) {
        if let Ok(r) = two_proportion_ztest(x1, n1, x2, n2, alt) {
            prop_assert!(in_unit(r.p_value));
        }
        if let Ok(r) = impact_ratio(x1, n1, x2, n2, conf) {
            prop_assert!(r.lower <= r.ratio * (1.0 + 1e-12) && r.ratio <= r.upper * (1.0 + 1e-12));
        }
        let _ = Table2x2::from_groups(x1, n1, x2, n2);
    }

    #[test]
    fn power_never_panics(p1 in any_f64(), p2 in any_f64(), n1 in any_f64(), n2 in any_f64(),
                          alpha in any_f64(), nn1 in count(), nn2 in count()) {
        if let Ok(p) = power_two_proportions(p1, p2, n1, n2, alpha) {
            prop_assert!(in_unit(p));
        }
        if let Ok(Some(r)) = minimum_detectable_ratio(nn1 % 100_000, nn2 % 100_000, p2, p1, alpha) {
            prop_assert!((0.0..=1.0).contains(&r));
        }
    }

    #[test]
    fn chi_square_never_panics(rows in 1usize..5, cols in 1usize..5,
                               cells in proptest::collection::vec(count(), 0..25),
                               yates in any::<bool>()) {
        let mut t = match ContingencyTable::zeros(rows, cols) { Ok(t) => t, Err(_) => return Ok(()) };
        for (k, v) in cells.iter().enumerate() {
            let _ = t.add_count(k / cols, k % cols, *v);
        }
        let cont = if yates { Continuity::Yates } else { Continuity::None };
        if let Ok(r) = chi_square_independence(&t, cont) {
            prop_assert!(in_unit(r.p_value) || r.p_value.is_nan());
        }
    }

    #[test]
    fn adjusted_p_values_are_monotone_and_not_below_raw(
        p in proptest::collection::vec(0.0f64..=1.0, 0..40)
    ) {
        for adj in [holm(&p).unwrap(), benjamini_hochberg(&p).unwrap()] {
            prop_assert_eq!(adj.len(), p.len());
            for i in 0..p.len() {
                prop_assert!(in_unit(adj[i]));
                prop_assert!(adj[i] >= p[i]);
                for j in 0..p.len() {
                    if p[i] <= p[j] {
                        prop_assert!(adj[i] <= adj[j], "not monotone: {:?} -> {:?}", p, adj);
                    }
                }
            }
        }
    }

    #[test]
    fn multiple_testing_rejects_bad_input(p in proptest::collection::vec(any_f64(), 0..10)) {
        let ok = p.iter().all(|v| (0.0..=1.0).contains(v));
        prop_assert_eq!(holm(&p).is_ok(), ok);
        prop_assert_eq!(benjamini_hochberg(&p).is_ok(), ok);
    }

    #[test]
    fn stratified_never_panics(cells in proptest::collection::vec((count(), count(), count(), count()), 0..8)) {
        let tables: Vec<Table2x2> = cells.iter().map(|&(a, b, c, d)| Table2x2::new(a, b, c, d)).collect();
        if let Ok(s) = StratifiedTables::new(&tables) {
            prop_assert_eq!(s.used().len() + s.skipped().len(), tables.len());
            for corr in [true, false] {
                let r = s.cochran_mantel_haenszel(corr);
                prop_assert!(in_unit(r.p_value) || r.p_value.is_nan());
                let bd = s.breslow_day(corr);
                prop_assert!(in_unit(bd.p_value) || bd.p_value.is_nan());
            }
            let _ = s.mantel_haenszel_odds_ratio(0.95);
        }
    }

    #[test]
    fn stratified_small_counts_give_valid_p(cells in proptest::collection::vec((0u64..40, 0u64..40, 0u64..40, 0u64..40), 1..8)) {
        let tables: Vec<Table2x2> = cells.iter().map(|&(a, b, c, d)| Table2x2::new(a, b, c, d)).collect();
        if let Ok(s) = StratifiedTables::new(&tables) {
            for corr in [true, false] {
                prop_assert!(in_unit(s.cochran_mantel_haenszel(corr).p_value));
                prop_assert!(in_unit(s.breslow_day(corr).p_value));
            }
        }
    }

    #[test]
    fn merged_tables_equal_one_pass(obs in proptest::collection::vec((0usize..3, 0usize..4), 0..200),
                                    split in 0usize..200) {
        let mut whole = ContingencyTable::zeros(3, 4).unwrap();
        let mut left = ContingencyTable::zeros(3, 4).unwrap();
        let mut right = ContingencyTable::zeros(3, 4).unwrap();
        for (k, &(r, c)) in obs.iter().enumerate() {
            whole.add(r, c).unwrap();
            if k < split { left.add(r, c).unwrap() } else { right.add(r, c).unwrap() }
        }
        left.merge(&right).unwrap();
        prop_assert_eq!(left, whole);
    }
}

fn small_vec(max: usize) -> impl Strategy<Value = Vec<f64>> {
    proptest::collection::vec(any_f64(), 0..max)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn design_and_regressions_never_panic(
        x1 in small_vec(30),
        x2 in small_vec(30),
        y in proptest::collection::vec(any::<bool>(), 0..30),
        yf in small_vec(30),
        labels in proptest::collection::vec(0u8..4, 0..30),
        conf in any_f64(),
    ) {
        let n = x1.len();
        let labels: Vec<String> = labels.iter().map(|l| format!("l{l}")).collect();
        let built = DesignMatrix::builder(n)
            .intercept()
            .numeric("x1", &x1)
            .and_then(|b| b.numeric("x2", &x2))
            .and_then(|b| b.categorical("g", &labels, "l0"))
            .and_then(|b| b.build());
        let x = match built {
            Ok(x) => x,
            Err(_) => {
                // Fall back to a design that builds whenever x1 is clean.
                match DesignMatrix::builder(n).intercept().numeric("x1", &x1).and_then(|b| b.build()) {
                    Ok(x) => x,
                    Err(_) => return Ok(()),
                }
            }
        };
        for r in [logistic(&x, &y), firth_logistic(&x, &y)].into_iter().flatten() {
            for c in &r.coefficients {
                prop_assert!(in_unit(c.p_value) || c.p_value.is_nan());
            }
        }
        if let Ok(opts) = LogisticOptions::default().with_confidence(conf) {
            let _ = logistic_with(&x, &y, &opts);
        }
        let ones: Vec<u64> = y.iter().map(|&v| u64::from(v)).collect();
        let _ = logistic_binomial(&x, &ones, &vec![1; n]);
        let _ = logistic_binomial(&x, &vec![2; n], &vec![1; n]);
        for cov in [CovarianceType::Classical, CovarianceType::Hc1] {
            if let Ok(r) = ols(&x, &yf, cov, 0.95) {
                for c in &r.coefficients {
                    prop_assert!(in_unit(c.p_value) || c.p_value.is_nan());
                }
            }
        }
        let _ = DesignMatrix::from_row_major(&["a", "b"], x1.clone());
    }

    #[test]
    fn rank_and_survival_never_panic(
        x in small_vec(25),
        y in small_vec(25),
        events in proptest::collection::vec(any::<bool>(), 0..25),
        groups in proptest::collection::vec(0usize..4, 0..25),
        alt in alt(),
    ) {
        if let Ok(r) = mann_whitney_u(&x, &y, alt) {
            prop_assert!(in_unit(r.p_value));
        }
        if let Ok(km) = kaplan_meier(&x, &events, 0.95) {
            for s in &km.steps {
                prop_assert!(in_unit(s.survival) && in_unit(s.lower) && in_unit(s.upper));
                prop_assert!(s.lower <= s.survival + 1e-12 && s.survival <= s.upper + 1e-12);
            }
        }
        if let Ok(t) = logrank_test(&x, &events, &groups) {
            prop_assert!(in_unit(t.p_value) || t.p_value.is_nan());
        }
    }

    #[test]
    fn mann_whitney_valid_on_clean_data(
        x in proptest::collection::vec(-100.0f64..100.0, 1..20),
        y in proptest::collection::vec(-100.0f64..100.0, 1..20),
        alt in alt(),
    ) {
        let r = mann_whitney_u(&x, &y, alt).unwrap();
        prop_assert!(in_unit(r.p_value));
        prop_assert!(r.statistic >= 0.0 && r.statistic <= (x.len() * y.len()) as f64);
    }

    #[test]
    fn survival_valid_on_clean_data(
        obs in proptest::collection::vec((0.0f64..50.0, any::<bool>(), 0usize..3), 1..60),
    ) {
        let d: Vec<f64> = obs.iter().map(|o| o.0.round()).collect();
        let e: Vec<bool> = obs.iter().map(|o| o.1).collect();
        let g: Vec<usize> = obs.iter().map(|o| o.2).collect();
        let km = kaplan_meier(&d, &e, 0.95).unwrap();
        let mut last = 1.0;
        for s in &km.steps {
            prop_assert!(s.survival <= last + 1e-15);
            last = s.survival;
        }
        if let Ok(t) = logrank_test(&d, &e, &g) {
            prop_assert!(in_unit(t.p_value));
            prop_assert!(t.statistic >= -1e-9);
        }
    }

    #[test]
    fn charts_and_bootstrap_never_panic(
        series in small_vec(40),
        target in any_f64(),
        sigma in any_f64(),
        lambda in any_f64(),
        seed in any::<u64>(),
        conf in any_f64(),
    ) {
        // Parameters are checked when made; whatever is accepted charts without panic.
        if let Ok(e) = EwmaParams::new(target, sigma) {
            let _ = ewma_chart(&series, &e);
            if let Ok(e) = e.with_lambda(lambda) {
                let _ = ewma_chart(&series, &e);
            }
        }
        if let Ok(c) = CusumParams::new(target, sigma) {
            let _ = cusum_chart(&series, &c);
        }
        let mean = |xs: &[f64]| xs.iter().sum::<f64>() / xs.len() as f64;
        if let Ok(ci) = bootstrap_percentile(&series, mean, 50, conf, seed) {
            prop_assert!(ci.lower <= ci.upper);
        }
    }

    #[test]
    fn bootstrap_is_reproducible(
        data in proptest::collection::vec(-1e3f64..1e3, 1..30),
        seed in any::<u64>(),
    ) {
        let mean = |xs: &[f64]| xs.iter().sum::<f64>() / xs.len() as f64;
        let a = bootstrap_percentile(&data, mean, 200, 0.9, seed).unwrap();
        let b = bootstrap_percentile(&data, mean, 200, 0.9, seed).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn merged_counts_equal_one_pass(
        obs in proptest::collection::vec((0usize..3, 0usize..4, any::<bool>()), 0..200),
        split in 0usize..200,
    ) {
        let mut whole = GroupedCounts::new(3, 4);
        let mut left = GroupedCounts::new(3, 4);
        let mut right = GroupedCounts::new(3, 4);
        for (k, &(g, s, y)) in obs.iter().enumerate() {
            whole.push(g, s, y).unwrap();
            if k < split { left.push(g, s, y).unwrap() } else { right.push(g, s, y).unwrap() }
        }
        left.merge(&right).unwrap();
        prop_assert_eq!(&left, &whole);
        let refused = matches!(
            left.push(3, 0, true),
            Err(StatsError::OutOfRange { name: "group", value, .. }) if value == 3.0
        );
        prop_assert!(refused, "the wrong error, or none");
        let refused = matches!(
            left.push(0, 4, true),
            Err(StatsError::OutOfRange { name: "stratum", value, .. }) if value == 4.0
        );
        prop_assert!(refused, "the wrong error, or none");
        prop_assert_eq!(&left, &whole, "a refused push changed the counts");
        prop_assert_eq!(left.tables_2x2(0, 1).unwrap(), whole.tables_2x2(0, 1).unwrap());
    }

    #[test]
    fn merged_normal_equations_equal_one_pass(
        rows in proptest::collection::vec((-10i32..10, -10i32..10, -100i32..100), 3..80),
        split in 0usize..80,
    ) {
        // Integer-valued data: the sums are exact, so merge == one pass exactly.
        let mut whole = NormalEquations::new(3);
        let mut left = NormalEquations::new(3);
        let mut right = NormalEquations::new(3);
        for (k, &(a, b, y)) in rows.iter().enumerate() {
            let row = [1.0, f64::from(a), f64::from(b)];
            whole.push(&row, f64::from(y)).unwrap();
            if k < split { left.push(&row, f64::from(y)).unwrap() } else { right.push(&row, f64::from(y)).unwrap() }
        }
        left.merge(&right).unwrap();
        prop_assert_eq!(&left, &whole);
        let refused = matches!(
            left.push(&[1.0, f64::NAN, 0.0], 0.0),
            Err(StatsError::NonFinite { name: "row", index: 1, .. })
        );
        prop_assert!(refused, "the wrong error, or none");
        let refused = matches!(
            left.push(&[1.0, 0.0, 0.0], f64::INFINITY),
            Err(StatsError::NonFinite { name: "y", index: 0, .. })
        );
        prop_assert!(refused, "the wrong error, or none");
        let refused = matches!(
            left.merge(&NormalEquations::new(2)),
            Err(StatsError::ShapeMismatch { name: "NormalEquations", ref left, ref right })
                if left == "3" && right == "2"
        );
        prop_assert!(refused, "the wrong error, or none");
        prop_assert_eq!(&left, &whole, "a refused push or merge changed the sums");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Grouping observations by covariate pattern changes nothing but rounding.
    #[test]
    fn grouped_logistic_equals_expanded(
        cells in proptest::collection::vec((0u64..30, 1u64..30), 6..12),
    ) {
        // Pattern k: group k % 3, score k; cells[k] = (successes before clamping, trials).
        let cells: Vec<(u64, u64)> = cells.iter().map(|&(s, n)| (s.min(n), n)).collect();
        let k = cells.len();
        let g: Vec<String> = (0..k).map(|i| format!("g{}", i % 3)).collect();
        let score: Vec<f64> = (0..k).map(|i| (i as f64).sqrt()).collect();
        let grouped = DesignMatrix::builder(k).intercept().categorical("g", &g, "g0")
            .and_then(|b| b.numeric("score", &score)).and_then(|b| b.build()).unwrap();
        let mut eg = Vec::new();
        let mut es = Vec::new();
        let mut ey = Vec::new();
        for (i, &(s, n)) in cells.iter().enumerate() {
            for j in 0..n {
                eg.push(g[i].clone());
                es.push(score[i]);
                ey.push(j < s);
            }
        }
        let expanded = DesignMatrix::builder(ey.len()).intercept().categorical("g", &eg, "g0")
            .and_then(|b| b.numeric("score", &es)).and_then(|b| b.build()).unwrap();
        let succ: Vec<u64> = cells.iter().map(|c| c.0).collect();
        let trials: Vec<u64> = cells.iter().map(|c| c.1).collect();
        match (logistic_binomial(&grouped, &succ, &trials), logistic(&expanded, &ey)) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(a.nobs, b.nobs);
                prop_assert!((a.log_likelihood - b.log_likelihood).abs() <= 1e-8 * b.log_likelihood.abs().max(1.0));
                for (ca, cb) in a.coefficients.iter().zip(&b.coefficients) {
                    prop_assert_eq!(&ca.name, &cb.name);
                    prop_assert!((ca.estimate - cb.estimate).abs() <= 1e-7 * cb.estimate.abs().max(1.0));
                    prop_assert!((ca.std_error - cb.std_error).abs() <= 1e-7 * cb.std_error.abs().max(1.0));
                }
            }
            // Near separation the two may fail differently (the weights underflow at
            // different steps); callers fall back to the expanded fit on any error.
            (Ok(a), Err(_)) => prop_assert!(a.coefficients.iter().any(|c| c.estimate.abs() > 10.0)),
            (Err(_), _) => {}
        }
    }
}
