//! Agreement with scipy, statsmodels, lifelines and firthmodels on the committed
//! fixtures written by `benches/reference/stats_golden.py`.

use remit_stats::*;
use serde_json::Value;

/// Closed-form results: relative 1e-9.
const CLOSED: f64 = 1e-9;
/// Iterative fits: relative 1e-6.
const ITERATIVE: f64 = 1e-6;

/// The fixtures are compiled in, so the tests do no file I/O.
macro_rules! fixture {
    ($name:literal) => {
        cases(
            $name,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/",
                $name,
                ".json"
            )),
        )
    };
}

fn cases(name: &str, text: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(text).unwrap();
    let cases = v["cases"].as_array().unwrap().clone();
    assert!(cases.len() >= 30, "{name}: only {} cases", cases.len());
    cases
}

fn f(v: &Value) -> f64 {
    match v {
        Value::Number(n) => n.as_f64().unwrap(),
        Value::String(s) if s == "nan" => f64::NAN,
        Value::String(s) if s == "inf" => f64::INFINITY,
        Value::String(s) if s == "-inf" => f64::NEG_INFINITY,
        other => panic!("not a number: {other}"),
    }
}

fn u(v: &Value) -> u64 {
    v.as_u64().unwrap()
}

fn fs(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(f).collect()
}

#[track_caller]
fn close(got: f64, want: f64, rel: f64, what: &str) {
    let ok = (got.is_nan() && want.is_nan())
        || (got == want)
        || (got - want).abs() <= rel * want.abs().max(1e-300);
    assert!(ok, "{what}: got {got:e}, want {want:e}");
}

/// Absolute-or-relative: for quantities that can be ~0 from cancellation.
#[track_caller]
fn close_abs(got: f64, want: f64, rel: f64, abs: f64, what: &str) {
    let ok = (got.is_nan() && want.is_nan())
        || (got == want)
        || (got - want).abs() <= rel * want.abs() + abs;
    assert!(ok, "{what}: got {got:e}, want {want:e}");
}

fn alt(name: &str) -> Alternative {
    match name {
        "two-sided" => Alternative::TwoSided,
        "less" => Alternative::Less,
        "greater" => Alternative::Greater,
        _ => unreachable!(),
    }
}

#[test]
fn fisher_matches_scipy() {
    for (i, c) in fixture!("fisher").iter().enumerate() {
        let t = &c["table"];
        let table = Table2x2::new(u(&t[0][0]), u(&t[0][1]), u(&t[1][0]), u(&t[1][1]));
        for name in ["two-sided", "less", "greater"] {
            let r = fisher_exact(&table, alt(name)).unwrap();
            let want = &c[name];
            let what = format!("case {i} {table:?} {name}");
            close(r.p_value, f(&want["p_value"]), CLOSED, &what);
            close(r.odds_ratio, f(&want["odds_ratio"]), CLOSED, &what);
        }
    }
}

#[test]
fn chi_square_matches_scipy() {
    for (i, c) in fixture!("chi2").iter().enumerate() {
        let rows: Vec<Vec<u64>> = c["table"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_array().unwrap().iter().map(u).collect())
            .collect();
        let t = ContingencyTable::from_rows(&rows).unwrap();
        if c.get("error").is_some() {
            let err = chi_square_independence(&t, Continuity::Yates).unwrap_err();
            assert!(
                matches!(&err, StatsError::Degenerate { name: "table", reason }
                    if reason.contains("sums to zero")),
                "case {i}: {err}"
            );
            continue;
        }
        for (key, cont) in [("yates", Continuity::Yates), ("plain", Continuity::None)] {
            let r = chi_square_independence(&t, cont).unwrap();
            let want = &c[key];
            let what = format!("case {i} {key}");
            close_abs(r.statistic, f(&want["statistic"]), CLOSED, 1e-12, &what);
            close(r.p_value, f(&want["p_value"]), CLOSED, &what);
            assert_eq!(r.df as u64, u(&want["df"]), "{what}");
        }
    }
}

#[test]
fn proportions_match_statsmodels() {
    for (i, c) in fixture!("proportions").iter().enumerate() {
        let (x1, n1, x2, n2) = (u(&c["x1"]), u(&c["n1"]), u(&c["x2"]), u(&c["n2"]));
        for name in ["two-sided", "less", "greater"] {
            let want = &c[name];
            let what = format!("case {i} z {name}");
            match two_proportion_ztest(x1, n1, x2, n2, alt(name)) {
                Ok(r) => {
                    close(r.statistic, f(&want["statistic"]), CLOSED, &what);
                    close(r.p_value, f(&want["p_value"]), CLOSED, &what);
                }
                Err(e) => assert!(f(&want["statistic"]).is_nan(), "{what}: {e}"),
            }
        }
        for conf in [0.95, 0.9] {
            let key = format!("ratio_{conf}");
            match c.get(&key) {
                Some(want) => {
                    let r = impact_ratio(x1, n1, x2, n2, conf).unwrap();
                    let what = format!("case {i} {key}");
                    close(r.ratio, f(&want["ratio"]), CLOSED, &what);
                    close(r.lower, f(&want["lower"]), CLOSED, &what);
                    close(r.upper, f(&want["upper"]), CLOSED, &what);
                }
                None => {
                    // statsmodels gives no ratio when a group has no successes.
                    let err = impact_ratio(x1, n1, x2, n2, conf).unwrap_err();
                    let zero = if x1 == 0 { "x1" } else { "x2" };
                    assert!(
                        matches!(&err, StatsError::Degenerate { name, .. } if *name == zero),
                        "case {i} {key}: {err}"
                    );
                }
            }
        }
    }
}

#[test]
fn power_and_mdr_match_statsmodels() {
    for (i, c) in fixture!("power").iter().enumerate() {
        let (n1, n2, p2) = (u(&c["n1"]), u(&c["n2"]), f(&c["p2"]));
        let (power, alpha) = (f(&c["power"]), f(&c["alpha"]));
        for pt in c["points"].as_array().unwrap() {
            let r = f(&pt["ratio"]);
            let got = power_two_proportions(r * p2, p2, n1 as f64, n2 as f64, alpha).unwrap();
            close(
                got,
                f(&pt["power"]),
                CLOSED,
                &format!("case {i} power at {r}"),
            );
        }
        let got = minimum_detectable_ratio(n1, n2, p2, power, alpha).unwrap();
        match &c["mdr"] {
            Value::Null => assert!(got.is_none(), "case {i}"),
            want => close(got.unwrap(), f(want), CLOSED, &format!("case {i} mdr")),
        }
    }
}

#[test]
fn multiple_testing_matches_statsmodels() {
    for (i, c) in fixture!("multitest").iter().enumerate() {
        let p = fs(&c["p"]);
        let h = holm(&p).unwrap();
        let b = benjamini_hochberg(&p).unwrap();
        for (k, (g, w)) in h.iter().zip(fs(&c["holm"])).enumerate() {
            close(*g, w, CLOSED, &format!("case {i} holm[{k}]"));
        }
        for (k, (g, w)) in b.iter().zip(fs(&c["bh"])).enumerate() {
            close(*g, w, CLOSED, &format!("case {i} bh[{k}]"));
        }
    }
}

#[test]
fn stratified_matches_statsmodels() {
    for (i, c) in fixture!("stratified").iter().enumerate() {
        let tables: Vec<Table2x2> = c["tables"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| Table2x2::new(u(&t[0][0]), u(&t[0][1]), u(&t[1][0]), u(&t[1][1])))
            .collect();
        let s = StratifiedTables::new(&tables).unwrap();
        assert_eq!(s.used().len() as u64, u(&c["used"]), "case {i}");
        assert_eq!(s.used().len() + s.skipped().len(), tables.len());
        for (key, corr) in [("cmh_corrected", true), ("cmh", false)] {
            let r = s.cochran_mantel_haenszel(corr);
            let what = format!("case {i} {key}");
            close(r.statistic, f(&c[key]["statistic"]), CLOSED, &what);
            // statsmodels computes `1 - chi2.cdf`, exact only to ~1e-16 absolute.
            close_abs(r.p_value, f(&c[key]["p_value"]), CLOSED, 1e-15, &what);
        }
        let mh = &c["mh"];
        match s.mantel_haenszel_odds_ratio(0.95) {
            Ok(r) => {
                let what = format!("case {i} mh");
                close(r.odds_ratio, f(&mh["odds_ratio"]), CLOSED, &what);
                close(r.log_se, f(&mh["log_se"]), CLOSED, &what);
                close(r.lower, f(&mh["lower"]), CLOSED, &what);
                close(r.upper, f(&mh["upper"]), CLOSED, &what);
            }
            Err(_) => {
                let or = f(&mh["odds_ratio"]);
                assert!(or == 0.0 || or.is_infinite() || or.is_nan(), "case {i}");
            }
        }
        for (key, adj) in [("breslow_day", false), ("tarone", true)] {
            let r = s.breslow_day(adj);
            let what = format!("case {i} {key}");
            let want_p = f(&c[key]["p_value"]);
            if want_p.is_nan() {
                continue;
            }
            close_abs(r.statistic, f(&c[key]["statistic"]), CLOSED, 1e-12, &what);
            close_abs(r.p_value, want_p, CLOSED, 1e-15, &what);
        }
    }
}

fn design(data: &Value) -> DesignMatrix {
    let names: Vec<String> = data["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let numeric = data["numeric"].as_object().unwrap();
    let n = numeric
        .values()
        .next()
        .map(|v| v.as_array().unwrap().len())
        .unwrap_or_else(|| {
            let c = data["categorical"]
                .as_object()
                .unwrap()
                .values()
                .next()
                .unwrap();
            c["labels"].as_array().unwrap().len()
        });
    let mut b = DesignMatrix::builder(n).intercept();
    for (name, v) in numeric {
        b = b.numeric(name, &fs(v)).unwrap();
    }
    for (name, c) in data["categorical"].as_object().unwrap() {
        let labels: Vec<&str> = c["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        b = b
            .categorical(name, &labels, c["reference"].as_str().unwrap())
            .unwrap();
    }
    let x = b.build().unwrap();
    assert_eq!(x.column_names(), names.as_slice());
    x
}

fn bools(v: &Value) -> Vec<bool> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_bool().unwrap())
        .collect()
}

#[track_caller]
fn check_coefficients(got: &[Coefficient], want: &Value, rel: f64, what: &str) {
    let want = want.as_array().unwrap();
    assert_eq!(got.len(), want.len(), "{what}");
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g.name, w["name"].as_str().unwrap(), "{what}");
        let what = format!("{what} {}", g.name);
        // Estimates can be ~0; compare relative to the standard error scale too.
        let se = f(&w["std_error"]);
        close_abs(g.estimate, f(&w["estimate"]), rel, rel * se, &what);
        close(g.std_error, se, rel, &what);
        close_abs(g.lower, f(&w["lower"]), rel, rel * se, &what);
        close_abs(g.upper, f(&w["upper"]), rel, rel * se, &what);
    }
}

#[test]
fn logistic_matches_statsmodels() {
    let mut separated = 0;
    for (i, c) in fixture!("logistic").iter().enumerate() {
        let x = design(&c["data"]);
        let y = bools(&c["y"]);
        let what = format!("case {i}");
        if let Some(term) = c.get("separation") {
            match logistic(&x, &y) {
                Err(StatsError::Separation { term: got, .. }) => {
                    assert_eq!(got, term.as_str().unwrap(), "{what}");
                    separated += 1;
                }
                other => panic!("{what}: expected separation, got {other:?}"),
            }
            continue;
        }
        let fit = logistic(&x, &y).unwrap();
        check_coefficients(&fit.coefficients, &c["coefficients"], ITERATIVE, &what);
        for (g, w) in fit.coefficients.iter().zip(fs(&c["pvalues"])) {
            close(g.p_value, w, ITERATIVE, &format!("{what} p {}", g.name));
        }
        close(fit.log_likelihood, f(&c["llf"]), ITERATIVE, &what);
        let lr = fit.lr_test.unwrap();
        close(lr.null_log_likelihood, f(&c["llnull"]), CLOSED, &what);
        close(lr.statistic, f(&c["llr"]), ITERATIVE, &what);
        close(lr.p_value, f(&c["llr_pvalue"]), ITERATIVE, &what);
        assert_eq!(lr.df as f64, f(&c["df_model"]));
    }
    assert!(separated >= 8);
}

#[test]
fn firth_matches_firthmodels() {
    for (i, c) in fixture!("firth").iter().enumerate() {
        let x = design(&c["data"]);
        let y = bools(&c["y"]);
        let what = format!("case {i}");
        let fit = firth_logistic(&x, &y).unwrap();
        check_coefficients(&fit.coefficients, &c["coefficients"], ITERATIVE, &what);
        close(
            fit.penalized_log_likelihood.unwrap(),
            f(&c["penalized_loglik"]),
            ITERATIVE,
            &what,
        );
    }
}

#[test]
fn ols_matches_statsmodels() {
    for (i, c) in fixture!("ols").iter().enumerate() {
        let x = design(&c["data"]);
        let y = fs(&c["y"]);
        for (key, cov) in [
            ("nonrobust", CovarianceType::Classical),
            ("HC1", CovarianceType::Hc1),
        ] {
            let what = format!("case {i} {key}");
            let fit = ols(&x, &y, cov, 0.95).unwrap();
            let want = &c[key];
            check_coefficients(&fit.coefficients, &want["coefficients"], CLOSED, &what);
            for (g, w) in fit.coefficients.iter().zip(fs(&want["pvalues"])) {
                close_abs(g.p_value, w, CLOSED, 1e-15, &format!("{what} p {}", g.name));
            }
            close(fit.r_squared, f(&want["rsquared"]), CLOSED, &what);
            close(fit.adj_r_squared, f(&want["rsquared_adj"]), CLOSED, &what);
            close(fit.ssr, f(&want["ssr"]), CLOSED, &what);
            close(fit.f_statistic, f(&c["fvalue"]), CLOSED, &what);
            close_abs(fit.f_p_value, f(&c["f_pvalue"]), CLOSED, 1e-15, &what);
        }
        // The mergeable sums give the same classical fit (to rounding of y'y - b'X'y).
        let mut ne = NormalEquations::new(x.ncols());
        for (row, yi) in x.rows().zip(&y) {
            ne.push(row, *yi).unwrap();
        }
        let fit = ne.solve(x.column_names(), 0.95).unwrap();
        let want = &c["nonrobust"];
        check_coefficients(
            &fit.coefficients,
            &want["coefficients"],
            1e-7,
            &format!("case {i} sums"),
        );
    }
}

#[test]
fn mann_whitney_matches_scipy() {
    for (i, c) in fixture!("mannwhitney").iter().enumerate() {
        let (x, y) = (fs(&c["x"]), fs(&c["y"]));
        for name in ["two-sided", "less", "greater"] {
            let r = mann_whitney_u(&x, &y, alt(name)).unwrap();
            let what = format!("case {i} {name}");
            close(r.statistic, f(&c[name]["statistic"]), CLOSED, &what);
            close_abs(r.p_value, f(&c[name]["p_value"]), CLOSED, 1e-15, &what);
        }
    }
}

#[test]
fn kaplan_meier_matches_lifelines() {
    for (i, c) in fixture!("kaplan_meier").iter().enumerate() {
        let d = fs(&c["durations"]);
        let e = bools(&c["events"]);
        let km = kaplan_meier(&d, &e, 0.95).unwrap();
        let times = fs(&c["times"]);
        assert_eq!(km.steps.len(), times.len(), "case {i}");
        let (s, lo, hi, gw) = (
            fs(&c["survival"]),
            fs(&c["lower"]),
            fs(&c["upper"]),
            fs(&c["greenwood_sum"]),
        );
        for (k, step) in km.steps.iter().enumerate() {
            let what = format!("case {i} t={}", step.time);
            assert_eq!(step.time, times[k], "{what}");
            close(step.survival, s[k], CLOSED, &what);
            close(step.lower, lo[k], CLOSED, &what);
            close(step.upper, hi[k], CLOSED, &what);
            let gsum = if step.survival > 0.0 {
                step.variance / (step.survival * step.survival)
            } else {
                gw[k]
            };
            close(gsum, gw[k], CLOSED, &what);
        }
        match &c["median"] {
            Value::Null => assert_eq!(km.median, None, "case {i}"),
            m => assert_eq!(km.median, Some(f(m)), "case {i}"),
        }
    }
}

#[test]
fn logrank_matches_lifelines() {
    for (i, c) in fixture!("logrank").iter().enumerate() {
        let d = fs(&c["durations"]);
        let e = bools(&c["events"]);
        let g: Vec<usize> = c["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        let r = logrank_test(&d, &e, &g).unwrap();
        let what = format!("case {i}");
        close(r.statistic, f(&c["statistic"]), CLOSED, &what);
        close_abs(r.p_value, f(&c["p_value"]), CLOSED, 1e-15, &what);
        assert_eq!(r.df as u64, u(&c["df"]), "{what}");
    }
}
