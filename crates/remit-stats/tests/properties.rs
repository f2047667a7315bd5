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
