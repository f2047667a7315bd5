//! Every public type of remit-promotion-bias that deserialises validates exactly as its
//! constructor does: one table, a row per input the constructor refuses, fed to serde.
//!
//! Each row starts from a valid value's JSON, breaks one field, and expects serde to
//! refuse it with the very error (its text) the constructor gives for the same input.
//! Non-finite numbers cannot be written in JSON, so those rows are TOML (`nan`, `inf`).
//! Enums, whose variants are their own constructors, check that a malformed value is
//! refused and a valid one round-trips. The last test reads the crate's sources and
//! fails if a `Deserialize` type has no row.

use std::collections::BTreeSet;
use std::fmt::Debug;

use chrono::NaiveDate;
use remit_core::{Department, EmployeeId, JobLevel, WorkMode};
use remit_promotion_bias::{
    Config, Covariate, Error, MultipleTesting, PromotionEvent, PromotionRecord,
    PromotionRecordBuilder, PromotionTable, ReferenceGroup, Stratification,
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

fn decode<T: DeserializeOwned>(input: &Input) -> Result<T, String> {
    match input {
        Input::Json(json) => serde_json::from_value::<T>(json.clone()).map_err(|e| e.to_string()),
        Input::Toml(text) => toml::from_str::<T>(text).map_err(|e| e.to_string()),
    }
}

fn parse<T: DeserializeOwned + Debug>(input: &Input) -> Result<String, String> {
    decode::<T>(input).map(|v| format!("{v:?}"))
}

/// A table prints as its records (its look-up index is not part of its value).
fn parse_table(input: &Input) -> Result<String, String> {
    decode::<PromotionTable>(input).map(|t| format!("{:?}", t.to_records()))
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
    constructor: impl std::error::Error,
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

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

fn person(i: u32) -> EmployeeId {
    EmployeeId::from_external(&format!("E-{i}"))
}

fn builder(i: u32) -> PromotionRecordBuilder {
    PromotionRecord::builder(person(i))
        .work_mode(WorkMode::Remote)
        .level(JobLevel::new(3))
        .department(Department::new("Engineering").unwrap())
        .performance(3.5)
        .tenure_months(26.0)
        .promoted(true)
        .months_to_event(7.5)
        .attribute("gender", "female")
}

fn record(i: u32) -> PromotionRecord {
    builder(i).build().unwrap()
}

fn rows() -> Vec<Row> {
    let mut rows = Vec::new();

    // PromotionRecord: PromotionRecordBuilder::build.
    let r = to_json(&record(1));
    rows.push(round_trip("PromotionRecord", &record(1)));
    for (input, field, value) in [
        ("a negative tenure", "tenure_months", -1.0),
        ("no time to the event", "months_to_event", 0.0),
        ("a negative time to the event", "months_to_event", -2.0),
    ] {
        let broken = match field {
            "tenure_months" => builder(1).tenure_months(value),
            _ => builder(1).months_to_event(value),
        };
        rows.push(refused::<PromotionRecord>(
            "PromotionRecord",
            input,
            with(r.clone(), &[field], json!(value)),
            broken.build().unwrap_err(),
        ));
    }
    rows.push(refused::<PromotionRecord>(
        "PromotionRecord",
        "a blank attribute key",
        with(r.clone(), &["attributes"], json!({" ": "x"})),
        builder(1).attribute(" ", "x").build().unwrap_err(),
    ));
    rows.push(refused::<PromotionRecord>(
        "PromotionRecord",
        "an empty department",
        with(r.clone(), &["department"], json!(" ")),
        Department::new(" ").unwrap_err(),
    ));
    let toml_record = |performance: &str| {
        format!(
            "employee = \"{}\"\nwork_mode = \"remote\"\nlevel = 3\ndepartment = \"Eng\"\n\
             performance = {performance}\ntenure_months = 26.0\npromoted = true\n\
             months_to_event = 7.5\n",
            person(1)
        )
    };
    rows.push(Row {
        ty: "PromotionRecord",
        input: "a NaN performance rating",
        data: Input::Toml(toml_record("nan")),
        parse: parse::<PromotionRecord>,
        expect: Expect::Refused(
            builder(1)
                .performance(f64::NAN)
                .build()
                .unwrap_err()
                .to_string(),
        ),
    });
    rows.push(malformed::<PromotionRecord>(
        "PromotionRecord",
        "no promotion outcome",
        r.as_object()
            .map(|o| {
                let mut o = o.clone();
                o.remove("promoted");
                Value::Object(o)
            })
            .unwrap(),
    ));

    // PromotionTable: a list of records, each checked as above.
    let table = PromotionTable::from_records(&[record(1), record(2)]);
    let t = to_json(&table);
    rows.push(Row {
        ty: "PromotionTable",
        input: "a valid value",
        data: Input::Json(t.clone()),
        parse: parse_table,
        expect: Expect::Accepted(format!("{:?}", table.to_records())),
    });
    rows.push(Row {
        ty: "PromotionTable",
        input: "a record with a negative tenure",
        data: Input::Json(with(t, &["1", "tenure_months"], json!(-3.0))),
        parse: parse_table,
        expect: Expect::Refused(
            builder(2)
                .tenure_months(-3.0)
                .build()
                .unwrap_err()
                .to_string(),
        ),
    });

    // PromotionEvent: PromotionEvent::new accepts any employee and date.
    let event = PromotionEvent::new(person(1), day());
    rows.push(round_trip("PromotionEvent", &event));
    rows.push(malformed::<PromotionEvent>(
        "PromotionEvent",
        "a date that does not exist",
        with(to_json(&event), &["on"], json!("2025-02-30")),
    ));

    // Config: Config::new and its with_* setters.
    let config = Config::new(day())
        .with_alpha(0.01)
        .unwrap()
        .with_intersections(["gender"])
        .unwrap();
    let c = to_json(&config);
    rows.push(round_trip("Config", &config));
    for months in [0u32, 121] {
        rows.push(refused::<Config>(
            "Config",
            if months == 0 {
                "a window of no months"
            } else {
                "a window past ten years"
            },
            with(c.clone(), &["window_months"], json!(months)),
            Config::new(day()).with_window_months(months).unwrap_err(),
        ));
    }
    rows.push(refused::<Config>(
        "Config",
        "a repeated covariate",
        with(c.clone(), &["covariates"], json!(["tenure", "tenure"])),
        Config::new(day())
            .with_covariates([Covariate::Tenure, Covariate::Tenure])
            .unwrap_err(),
    ));
    for (input, field, value) in [
        ("alpha of 0", "alpha", 0.0),
        ("alpha of 1", "alpha", 1.0),
        ("power above 1", "power", 1.5),
    ] {
        let constructor: Error = match field {
            "alpha" => Config::new(day()).with_alpha(value).unwrap_err(),
            _ => Config::new(day()).with_power(value).unwrap_err(),
        };
        rows.push(refused::<Config>(
            "Config",
            input,
            with(c.clone(), &[field], json!(value)),
            constructor,
        ));
    }
    rows.push(refused::<Config>(
        "Config",
        "a blank intersection key",
        with(c, &["intersections"], json!(["  "])),
        Config::new(day()).with_intersections(["  "]).unwrap_err(),
    ));

    // Enums: their variants are their own constructors.
    rows.push(round_trip(
        "ReferenceGroup",
        &ReferenceGroup::Mode(WorkMode::Hybrid),
    ));
    rows.push(round_trip("ReferenceGroup", &ReferenceGroup::HighestRate));
    rows.push(malformed::<ReferenceGroup>(
        "ReferenceGroup",
        "an unknown work mode",
        json!({"mode": "nomad"}),
    ));
    rows.push(round_trip("Stratification", &Stratification::Department));
    rows.push(malformed::<Stratification>(
        "Stratification",
        "an unknown stratum",
        json!("country"),
    ));
    rows.push(round_trip("Covariate", &Covariate::Department));
    rows.push(malformed::<Covariate>(
        "Covariate",
        "an unknown covariate",
        json!("age"),
    ));
    rows.push(round_trip(
        "MultipleTesting",
        &MultipleTesting::BenjaminiHochberg,
    ));
    rows.push(malformed::<MultipleTesting>(
        "MultipleTesting",
        "an unknown method",
        json!("bonferroni"),
    ));
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

/// The public types deriving `Deserialize`, read off the sources: a `pub struct` or
/// `pub enum` after a `derive(... serde::Deserialize ...)`.
fn deserialize_types() -> BTreeSet<String> {
    let sources = [
        include_str!("../src/audit.rs"),
        include_str!("../src/cells.rs"),
        include_str!("../src/charts.rs"),
        include_str!("../src/config.rs"),
        include_str!("../src/covariate.rs"),
        include_str!("../src/contingency.rs"),
        include_str!("../src/error.rs"),
        include_str!("../src/findings.rs"),
        include_str!("../src/history.rs"),
        include_str!("../src/inputs.rs"),
        include_str!("../src/lib.rs"),
        include_str!("../src/models.rs"),
        include_str!("../src/record.rs"),
        include_str!("../src/report.rs"),
        include_str!("../src/results.rs"),
        include_str!("../src/table.rs"),
        include_str!("../src/wording.rs"),
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
    assert!(found.len() >= 8, "{found:?}");
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
