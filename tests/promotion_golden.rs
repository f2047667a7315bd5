//! The `promotion_audit --json` numbers on the fixture CSVs agree with scipy,
//! statsmodels and lifelines (fixtures written by
//! `benches/reference/promotion_golden.py`): relative 1e-6, 1e-5 for the logistic fit.
#![expect(
    clippy::disallowed_methods,
    reason = "the test reads files from disk, which clippy.toml bans in library crates only"
)]

use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_examples::promotion::report_json;
use remit_ingest::promotion_csv::parse_csv;
use remit_promotion_bias::{Config, Inputs, audit};
use serde_json::Value;

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/crates/remit-promotion-bias/tests/fixtures"
);

fn compare(path: &str, got: &Value, want: &Value, failures: &mut Vec<String>) {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            for (k, wv) in w {
                if k.starts_with('_') {
                    continue;
                }
                match g.get(k) {
                    Some(gv) => compare(&format!("{path}.{k}"), gv, wv, failures),
                    None => failures.push(format!("{path}.{k}: missing")),
                }
            }
        }
        (Value::Array(g), Value::Array(w)) => {
            if g.len() != w.len() {
                failures.push(format!("{path}: {} items, expected {}", g.len(), w.len()));
            }
            for (i, (gv, wv)) in g.iter().zip(w).enumerate() {
                compare(&format!("{path}[{i}]"), gv, wv, failures);
            }
        }
        (Value::Number(g), Value::Number(w)) => {
            let (g, w) = (g.as_f64().unwrap(), w.as_f64().unwrap());
            let tol = if path.contains(".logistic.") {
                1e-5
            } else {
                1e-6
            };
            if (g - w).abs() > tol * w.abs().max(1e-300) {
                failures.push(format!(
                    "{path}: {g} vs {w} (rel {:.2e})",
                    ((g - w) / w).abs()
                ));
            }
        }
        (g, w) if g == w => {}
        (g, w) => failures.push(format!("{path}: {g} vs {w}")),
    }
}

fn check(name: &str) {
    let csv = std::fs::read_to_string(format!("{FIXTURES}/promotion_{name}.csv")).unwrap();
    let want: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{FIXTURES}/promotion_{name}.json")).unwrap(),
    )
    .unwrap();
    let parsed = parse_csv(&csv).unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let report = audit(
        &Inputs::from_table(&parsed.table),
        &Config::new(as_of),
        &mut engine,
    )
    .unwrap();
    let got = report_json(&report);
    let mut failures = Vec::new();
    compare(name, &got, &want, &mut failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn baseline() {
    check("baseline");
}

#[test]
fn small_focal_group() {
    check("small_focal");
}

#[test]
fn zero_cell_in_a_stratum() {
    check("zero_cell");
}

#[test]
fn ties_and_heavy_censoring() {
    check("ties_censoring");
}
