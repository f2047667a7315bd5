//! Every public type of remit-stats that deserialises validates exactly as its
//! constructor does: one table, a row per input the constructor refuses, fed to serde.
//!
//! Each row starts from a valid value's JSON, breaks one field, and expects serde to
//! refuse it with the very error (its text) the constructor gives for the same input.
//! Non-finite numbers cannot be written in JSON, so those rows are TOML (`nan`, `inf`).
//! Results (fits, tests, intervals) are made only by the crate's functions and carry no
//! invariant beyond their field types: their rows check that a valid value round-trips
//! and a malformed one is refused. The last test reads the crate's sources and fails if a
//! `Deserialize` type has no row.

use std::collections::BTreeSet;
use std::fmt::Debug;

use remit_stats::{
    Alternative, BinaryCounts, ContingencyTable, Continuity, CovarianceType, CusumParams,
    DesignMatrix, EwmaParams, GroupedCounts, LogisticMethod, LogisticOptions, MwuMethod,
    NormalEquations, SkipReason, StatsError, StratifiedTables, Table2x2, TermKind,
    bootstrap_percentile, chi_square_independence, cusum_chart, ewma_chart, fisher_exact,
    impact_ratio, kaplan_meier, logistic, logrank_test, mann_whitney_u, ols, two_proportion_ztest,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// What serde must do with a row's input.
enum Expect {
    /// Refuse it with this text (the constructor's error for the same input).
    Refused(String),
    /// Refuse it, for a reason of serde's own (an unknown variant, a missing field).
    Malformed,
    /// Accept it, giving this value (debug-printed).
    Accepted(String),
}

/// The text a row feeds serde.
enum Input {
    Json(Value),
    Toml(String),
}

struct Row {
    ty: &'static str,
    input: &'static str,
    data: Input,
    /// Deserialises the data as the row's type: its debug print, or serde's error text.
    parse: fn(&Input) -> Result<String, String>,
    expect: Expect,
}

fn parse<T: DeserializeOwned + Debug>(input: &Input) -> Result<String, String> {
    match input {
        Input::Json(json) => serde_json::from_value::<T>(json.clone())
            .map(|v| format!("{v:?}"))
            .map_err(|e| e.to_string()),
        Input::Toml(text) => toml::from_str::<T>(text)
            .map(|v| format!("{v:?}"))
            .map_err(|e| e.to_string()),
    }
}

fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// `json` with the value at `path` (object keys, or array indexes as numbers) replaced.
fn with(mut json: Value, path: &[&str], new: Value) -> Value {
    let mut at = &mut json;
    for key in path {
        at = match key.parse::<usize>() {
            Ok(i) => &mut at[i],
            Err(_) => &mut at[*key],
        };
    }
    *at = new;
    json
}

fn refused<T: DeserializeOwned + Debug>(
    ty: &'static str,
    input: &'static str,
    json: Value,
    constructor: StatsError,
) -> Row {
    Row {
        ty,
        input,
        data: Input::Json(json),
        parse: parse::<T>,
        expect: Expect::Refused(constructor.to_string()),
    }
}

fn malformed<T: DeserializeOwned + Debug>(
    ty: &'static str,
    input: &'static str,
    json: Value,
) -> Row {
    Row {
        ty,
        input,
        data: Input::Json(json),
        parse: parse::<T>,
        expect: Expect::Malformed,
    }
}

fn round_trip<T: Serialize + DeserializeOwned + Debug>(ty: &'static str, value: &T) -> Row {
    Row {
        ty,
        input: "a valid value",
        data: Input::Json(to_json(value)),
        parse: parse::<T>,
        expect: Expect::Accepted(format!("{value:?}")),
    }
}

/// A valid value round-trips; the same value with `field` set to text is refused.
fn result_rows<T: Serialize + DeserializeOwned + Debug>(
    rows: &mut Vec<Row>,
    ty: &'static str,
    value: &T,
    field: &str,
) {
    rows.push(round_trip(ty, value));
    rows.push(malformed::<T>(
        ty,
        "a field of the wrong type",
        with(to_json(value), &[field], json!("not a number")),
    ));
}

fn design() -> DesignMatrix {
    DesignMatrix::builder(6)
        .intercept()
        .numeric("x", &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
        .unwrap()
        .categorical("mode", &["a", "b", "a", "b", "c", "c"], "a")
        .unwrap()
        .build()
        .unwrap()
}

fn input_rows(rows: &mut Vec<Row>) {
    // BinaryCounts: public fields, any pair of counts.
    let counts = BinaryCounts {
        successes: 3,
        trials: 8,
    };
    rows.push(round_trip("BinaryCounts", &counts));
    rows.push(malformed::<BinaryCounts>(
        "BinaryCounts",
        "negative trials",
        json!({"successes": 0, "trials": -1}),
    ));

    // GroupedCounts: GroupedCounts::new makes one cell per group and stratum.
    let mut grouped = GroupedCounts::new(2, 3);
    grouped.push(1, 2, true).unwrap();
    let g = to_json(&grouped);
    rows.push(round_trip("GroupedCounts", &grouped));
    let mut cells = g["cells"].clone();
    cells.as_array_mut().unwrap().pop();
    rows.push(refused::<GroupedCounts>(
        "GroupedCounts",
        "a cell missing",
        with(g.clone(), &["cells"], cells),
        StatsError::LengthMismatch {
            name: "cells",
            expected: 6,
            got: 5,
        },
    ));
    rows.push(refused::<GroupedCounts>(
        "GroupedCounts",
        "more groups than cells",
        with(g, &["groups"], json!(4)),
        StatsError::LengthMismatch {
            name: "cells",
            expected: 12,
            got: 6,
        },
    ));

    // Table2x2: public fields, any four counts.
    let table = Table2x2::new(12, 5, 7, 14);
    rows.push(round_trip("Table2x2", &table));
    rows.push(malformed::<Table2x2>(
        "Table2x2",
        "a missing cell",
        json!({"a": 1, "b": 2, "c": 3}),
    ));

    // ContingencyTable: ContingencyTable::zeros/from_rows.
    let t = ContingencyTable::from_rows(&[[10u64, 20, 30], [6, 9, 17]]).unwrap();
    let tj = to_json(&t);
    rows.push(round_trip("ContingencyTable", &t));
    rows.push(refused::<ContingencyTable>(
        "ContingencyTable",
        "no rows",
        json!({"rows": 0, "cols": 0, "counts": []}),
        ContingencyTable::zeros(0, 0).unwrap_err(),
    ));
    rows.push(refused::<ContingencyTable>(
        "ContingencyTable",
        "no columns",
        json!({"rows": 2, "cols": 0, "counts": []}),
        ContingencyTable::zeros(2, 0).unwrap_err(),
    ));
    rows.push(refused::<ContingencyTable>(
        "ContingencyTable",
        "a count missing",
        with(tj, &["counts"], json!([10, 20, 30, 6, 9])),
        StatsError::LengthMismatch {
            name: "counts",
            expected: 6,
            got: 5,
        },
    ));

    // DesignMatrix: DesignMatrix::from_row_major and the builder.
    let d = to_json(&design());
    rows.push(round_trip("DesignMatrix", &design()));
    rows.push(refused::<DesignMatrix>(
        "DesignMatrix",
        "no columns",
        with(with(d.clone(), &["names"], json!([])), &["p"], json!(0)),
        DesignMatrix::from_row_major::<&str>(&[], vec![1.0]).unwrap_err(),
    ));
    let mut short = d["data"].clone();
    short.as_array_mut().unwrap().pop();
    rows.push(refused::<DesignMatrix>(
        "DesignMatrix",
        "a value missing",
        with(d.clone(), &["data"], short),
        DesignMatrix::from_row_major(&["Intercept", "x", "mode[b]", "mode[c]"], vec![0.0; 23])
            .unwrap_err(),
    ));
    rows.push(refused::<DesignMatrix>(
        "DesignMatrix",
        "more rows than the data hold",
        with(d.clone(), &["n"], json!(3)),
        StatsError::LengthMismatch {
            name: "data",
            expected: 12,
            got: 24,
        },
    ));
    rows.push(refused::<DesignMatrix>(
        "DesignMatrix",
        "a term past the last column",
        with(d, &["terms", "1", "columns"], json!({"start": 1, "end": 9})),
        StatsError::InvalidTerm {
            term: "x".to_owned(),
            reason: "columns 1..9 are not a non-empty range inside the 4 columns".to_owned(),
        },
    ));
    rows.push(Row {
        ty: "DesignMatrix",
        input: "a NaN value",
        data: Input::Toml(
            "n = 1\np = 1\ndata = [nan]\nnames = [\"x\"]\n\
             terms = [{ name = \"x\", columns = { start = 0, end = 1 }, kind = \"Numeric\" }]\n"
                .to_owned(),
        ),
        parse: parse::<DesignMatrix>,
        expect: Expect::Refused(
            DesignMatrix::from_row_major(&["x"], vec![f64::NAN])
                .unwrap_err()
                .to_string(),
        ),
    });

    // Term, TermKind: read through the builder; any name and range.
    let term = design().terms()[2].clone();
    rows.push(round_trip("Term", &term));
    rows.push(malformed::<Term>(
        "Term",
        "a range without an end",
        with(to_json(&term), &["columns"], json!({"start": 1})),
    ));
    rows.push(round_trip("TermKind", &term.kind));
    rows.push(malformed::<TermKind>(
        "TermKind",
        "an unknown kind",
        json!("Ordinal"),
    ));

    // NormalEquations: NormalEquations::new(p) makes p × p and p sums.
    let mut normal = NormalEquations::new(2);
    normal.push(&[1.0, 2.0], 3.0).unwrap();
    let n = to_json(&normal);
    rows.push(round_trip("NormalEquations", &normal));
    rows.push(refused::<NormalEquations>(
        "NormalEquations",
        "X'X for three columns",
        with(n.clone(), &["xtx"], json!(vec![0.0; 9])),
        StatsError::LengthMismatch {
            name: "xtx",
            expected: 4,
            got: 9,
        },
    ));
    rows.push(refused::<NormalEquations>(
        "NormalEquations",
        "X'y for one column",
        with(n, &["xty"], json!([1.0])),
        StatsError::LengthMismatch {
            name: "xty",
            expected: 2,
            got: 1,
        },
    ));
    rows.push(Row {
        ty: "NormalEquations",
        input: "an infinite sum",
        data: Input::Toml(
            "p = 1\nn = 1\nxtx = [1.0]\nxty = [inf]\nyty = 1.0\nsum_y = 1.0\n".to_owned(),
        ),
        parse: parse::<NormalEquations>,
        expect: Expect::Refused(
            StatsError::NonFinite {
                name: "xty",
                index: 0,
                value: f64::INFINITY,
            }
            .to_string(),
        ),
    });

    // StratifiedTables: StratifiedTables::new sets aside strata with an empty margin.
    let strata = [Table2x2::new(5, 3, 2, 6), Table2x2::new(0, 0, 4, 4)];
    let s = StratifiedTables::new(&strata).unwrap();
    let sj = to_json(&s);
    rows.push(round_trip("StratifiedTables", &s));
    rows.push(refused::<StratifiedTables>(
        "StratifiedTables",
        "no informative stratum",
        with(
            sj.clone(),
            &["tables"],
            json!([{"a": 0, "b": 0, "c": 4, "d": 4}]),
        ),
        StratifiedTables::new(&[Table2x2::new(0, 0, 4, 4)]).unwrap_err(),
    ));
    rows.push(refused::<StratifiedTables>(
        "StratifiedTables",
        "an empty-row stratum marked as used",
        with(with(sj, &["kept"], json!([0, 1])), &["skipped"], json!([])),
        StatsError::InvalidCount {
            name: "kept",
            reason: "the strata used [0, 1] are not those with both margins filled, [0]".to_owned(),
        },
    ));
    rows.push(round_trip("SkippedStratum", &s.skipped()[0]));
    rows.push(malformed::<SkippedStratum>(
        "SkippedStratum",
        "an unknown reason",
        json!({"index": 1, "reason": "Boring"}),
    ));
    rows.push(round_trip("SkipReason", &SkipReason::EmptyColumn));
    rows.push(malformed::<SkipReason>(
        "SkipReason",
        "an unknown reason",
        json!("Boring"),
    ));

    // Options and parameters: built by `default`/`new` and fallible `with_*` setters.
    let lo = to_json(&LogisticOptions::default());
    rows.push(round_trip("LogisticOptions", &LogisticOptions::default()));
    rows.push(refused::<LogisticOptions>(
        "LogisticOptions",
        "no iterations",
        with(lo.clone(), &["max_iter"], json!(0)),
        LogisticOptions::default().with_max_iter(0).unwrap_err(),
    ));
    rows.push(refused::<LogisticOptions>(
        "LogisticOptions",
        "a negative tolerance",
        with(lo.clone(), &["tolerance"], json!(-1e-8)),
        LogisticOptions::default()
            .with_tolerance(-1e-8)
            .unwrap_err(),
    ));
    rows.push(refused::<LogisticOptions>(
        "LogisticOptions",
        "a confidence of 1",
        with(lo.clone(), &["confidence"], json!(1.0)),
        LogisticOptions::default().with_confidence(1.0).unwrap_err(),
    ));
    rows.push(malformed::<LogisticOptions>(
        "LogisticOptions",
        "negative iterations",
        with(lo, &["max_iter"], json!(-1)),
    ));
    let ewma = EwmaParams::new(40.0, 1.5).unwrap();
    let ej = to_json(&ewma);
    rows.push(round_trip("EwmaParams", &ewma));
    rows.push(refused::<EwmaParams>(
        "EwmaParams",
        "a zero sigma",
        with(ej.clone(), &["sigma"], json!(0.0)),
        EwmaParams::new(40.0, 0.0).unwrap_err(),
    ));
    rows.push(refused::<EwmaParams>(
        "EwmaParams",
        "a lambda above 1",
        with(ej.clone(), &["lambda"], json!(1.5)),
        ewma.with_lambda(1.5).unwrap_err(),
    ));
    rows.push(refused::<EwmaParams>(
        "EwmaParams",
        "a negative width",
        with(ej, &["width"], json!(-3.0)),
        ewma.with_width(-3.0).unwrap_err(),
    ));
    rows.push(Row {
        ty: "EwmaParams",
        input: "a non-finite target",
        data: Input::Toml("target = nan\nsigma = 1.5\nlambda = 0.2\nwidth = 3.0\n".to_owned()),
        parse: parse::<EwmaParams>,
        expect: Expect::Refused(EwmaParams::new(f64::NAN, 1.5).unwrap_err().to_string()),
    });
    rows.push(malformed::<EwmaParams>(
        "EwmaParams",
        "no sigma",
        json!({"target": 40.0, "lambda": 0.2, "width": 3.0}),
    ));
    let cusum = CusumParams::new(40.0, 1.5).unwrap();
    let cj = to_json(&cusum);
    rows.push(round_trip("CusumParams", &cusum));
    rows.push(refused::<CusumParams>(
        "CusumParams",
        "a negative sigma",
        with(cj.clone(), &["sigma"], json!(-1.5)),
        CusumParams::new(40.0, -1.5).unwrap_err(),
    ));
    rows.push(refused::<CusumParams>(
        "CusumParams",
        "a negative k",
        with(cj.clone(), &["k"], json!(-0.5)),
        cusum.with_k(-0.5).unwrap_err(),
    ));
    rows.push(refused::<CusumParams>(
        "CusumParams",
        "a zero h",
        with(cj, &["h"], json!(0.0)),
        cusum.with_h(0.0).unwrap_err(),
    ));
    rows.push(malformed::<CusumParams>(
        "CusumParams",
        "no target",
        json!({"sigma": 1.5, "k": 0.5, "h": 5.0}),
    ));

    // Enums: their variants are their own constructors.
    rows.push(round_trip("Alternative", &Alternative::Less));
    rows.push(malformed::<Alternative>(
        "Alternative",
        "an unknown side",
        json!("Sideways"),
    ));
    rows.push(round_trip("Continuity", &Continuity::Yates));
    rows.push(malformed::<Continuity>(
        "Continuity",
        "an unknown correction",
        json!("Half"),
    ));
    rows.push(round_trip("LogisticMethod", &LogisticMethod::Firth));
    rows.push(malformed::<LogisticMethod>(
        "LogisticMethod",
        "an unknown method",
        json!("Ridge"),
    ));
    rows.push(round_trip("CovarianceType", &CovarianceType::Hc1));
    rows.push(malformed::<CovarianceType>(
        "CovarianceType",
        "an unknown type",
        json!("HC9"),
    ));
    rows.push(round_trip("MwuMethod", &MwuMethod::Exact));
    rows.push(malformed::<MwuMethod>(
        "MwuMethod",
        "an unknown method",
        json!("Guess"),
    ));
}

use remit_stats::{SkippedStratum, Term};

fn result_rows_all(rows: &mut Vec<Row>) {
    let boot = bootstrap_percentile(
        &[1.0, 2.0, 3.0, 4.0, 5.0],
        |xs| xs.iter().sum::<f64>() / xs.len() as f64,
        200,
        0.9,
        7,
    )
    .unwrap();
    result_rows(rows, "BootstrapInterval", &boot, "lower");
    let fisher = fisher_exact(&Table2x2::new(12, 5, 7, 14), Alternative::TwoSided).unwrap();
    result_rows(rows, "FisherExact", &fisher, "p_value");
    let t = ContingencyTable::from_rows(&[[10u64, 20, 30], [6, 9, 17]]).unwrap();
    let chi = chi_square_independence(&t, Continuity::None).unwrap();
    result_rows(rows, "ChiSquareTest", &chi, "statistic");
    let y = [false, true, false, true, true, false];
    let x = DesignMatrix::from_row_major(
        &["Intercept", "x"],
        vec![1.0, 1.0, 1.0, 2.0, 1.0, 3.0, 1.0, 4.0, 1.0, 5.0, 1.0, 6.0],
    )
    .unwrap();
    let fit = logistic(&x, &y).unwrap();
    result_rows(rows, "LogisticFit", &fit, "log_likelihood");
    result_rows(rows, "Coefficient", &fit.coefficients[1], "estimate");
    result_rows(
        rows,
        "LikelihoodRatioTest",
        fit.lr_test.as_ref().unwrap(),
        "statistic",
    );
    let series = [40.0, 41.0, 39.5, 40.2, 44.0];
    let ewma = ewma_chart(&series, &EwmaParams::new(40.0, 1.5).unwrap()).unwrap();
    result_rows(rows, "EwmaPoint", &ewma[0], "statistic");
    let cusum = cusum_chart(&series, &CusumParams::new(40.0, 1.5).unwrap()).unwrap();
    result_rows(rows, "CusumPoint", &cusum[0], "upper");
    let ys = [1.0, 2.5, 2.9, 4.2, 5.1, 5.8];
    let fit = ols(&x, &ys, CovarianceType::Classical, 0.95).unwrap();
    result_rows(rows, "OlsFit", &fit, "r_squared");
    let z = two_proportion_ztest(30, 100, 45, 110, Alternative::TwoSided).unwrap();
    result_rows(rows, "ProportionZTest", &z, "p_value");
    let ratio = impact_ratio(30, 100, 45, 110, 0.95).unwrap();
    result_rows(rows, "RatioEstimate", &ratio, "ratio");
    let mwu = mann_whitney_u(&[1.0, 2.0, 3.5], &[2.5, 4.0, 5.0], Alternative::TwoSided).unwrap();
    result_rows(rows, "MannWhitney", &mwu, "p_value");
    let strata =
        StratifiedTables::new(&[Table2x2::new(5, 3, 2, 6), Table2x2::new(4, 4, 3, 5)]).unwrap();
    result_rows(
        rows,
        "CmhTest",
        &strata.cochran_mantel_haenszel(true),
        "statistic",
    );
    result_rows(
        rows,
        "PooledOddsRatio",
        &strata.mantel_haenszel_odds_ratio(0.95).unwrap(),
        "odds_ratio",
    );
    result_rows(
        rows,
        "BreslowDayTest",
        &strata.breslow_day(false),
        "statistic",
    );
    let durations = [2.0, 3.0, 3.0, 5.0, 8.0, 9.0];
    let events = [true, false, true, true, false, true];
    let km = kaplan_meier(&durations, &events, 0.95).unwrap();
    result_rows(rows, "KaplanMeier", &km, "steps");
    result_rows(rows, "KmStep", &km.steps[0], "survival");
    let lr = logrank_test(&durations, &events, &[0, 0, 0, 1, 1, 1]).unwrap();
    result_rows(rows, "LogRankTest", &lr, "p_value");
}

fn rows() -> Vec<Row> {
    let mut rows = Vec::new();
    input_rows(&mut rows);
    result_rows_all(&mut rows);
    rows
}

#[test]
fn deserialisation_refuses_what_the_constructors_refuse() {
    let mut failures = Vec::new();
    for row in rows() {
        let got = (row.parse)(&row.data);
        let ok = match (&row.expect, &got) {
            (Expect::Refused(constructor), Err(serde)) => serde.contains(constructor.as_str()),
            (Expect::Malformed, Err(_)) => true,
            (Expect::Accepted(want), Ok(value)) => value == want,
            _ => false,
        };
        if !ok {
            let want = match &row.expect {
                Expect::Refused(e) => format!("refused with {e:?}"),
                Expect::Malformed => "refused".to_owned(),
                Expect::Accepted(v) => format!("accepted as {v}"),
            };
            failures.push(format!(
                "{} with {}: want {want}, got {got:?}",
                row.ty, row.input
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A restored accumulator keeps accumulating: the shape was checked on the way in.
#[test]
fn a_deserialised_accumulator_adds_rows() {
    let mut normal = NormalEquations::new(2);
    normal.push(&[1.0, 2.0], 3.0).unwrap();
    let mut back: NormalEquations = serde_json::from_value(to_json(&normal)).expect("its own JSON");
    back.push(&[1.0, 4.0], 5.0).unwrap();
    assert_eq!(back.nobs(), 2);
    assert_eq!(back.xty(), &[8.0, 26.0]);
}

/// The public types deriving `Deserialize`, read off the sources: a `pub struct` or
/// `pub enum` after a `derive(... serde::Deserialize ...)`.
fn deserialize_types() -> BTreeSet<String> {
    let sources = [
        include_str!("../src/accumulate.rs"),
        include_str!("../src/bootstrap.rs"),
        include_str!("../src/contingency.rs"),
        include_str!("../src/design.rs"),
        include_str!("../src/dist.rs"),
        include_str!("../src/error.rs"),
        include_str!("../src/hypergeom.rs"),
        include_str!("../src/lib.rs"),
        include_str!("../src/linalg.rs"),
        include_str!("../src/logistic.rs"),
        include_str!("../src/monitor.rs"),
        include_str!("../src/multitest.rs"),
        include_str!("../src/ols.rs"),
        include_str!("../src/proportions.rs"),
        include_str!("../src/rank.rs"),
        include_str!("../src/stratified.rs"),
        include_str!("../src/survival.rs"),
    ];
    let mut out = BTreeSet::new();
    for source in sources {
        let mut pending = false;
        for line in source.lines().map(str::trim) {
            if line.starts_with("#[") && line.contains("serde::Deserialize") {
                pending = true;
                continue;
            }
            let words: Vec<&str> = line
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .collect();
            match words.as_slice() {
                ["pub", "struct" | "enum", name, ..] if pending => {
                    out.insert((*name).to_owned());
                    pending = false;
                }
                ["struct" | "enum", ..] => pending = false,
                _ => {}
            }
        }
    }
    out
}

#[test]
fn every_deserialize_type_has_a_row() {
    let found = deserialize_types();
    let covered: BTreeSet<String> = rows().iter().map(|r| r.ty.to_owned()).collect();
    assert!(found.len() >= 30, "{found:?}");
    let missing: Vec<&String> = found.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "Deserialize types without a row: {missing:?}"
    );
    let stale: Vec<&String> = covered.difference(&found).collect();
    assert!(
        stale.is_empty(),
        "rows for types that no longer deserialise: {stale:?}"
    );
}
