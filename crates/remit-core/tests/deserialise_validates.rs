//! Every public type of remit-core that deserialises validates exactly as its constructor
//! does: one table, a row per input the constructor refuses, fed to serde.
//!
//! Each row starts from a valid value's JSON, breaks one field, and expects serde to
//! refuse it with the very error (its text) the constructor gives for the same input.
//! Non-finite numbers cannot be written in JSON, so those rows are TOML (`nan`, `inf`).
//! Rows with nothing to refuse (enums, whose variants are their own constructors, and
//! types whose constructors accept every value) check that a malformed value is refused
//! and a valid one round-trips. The last test reads the crate's sources and fails if a
//! `Deserialize` type has no row.

use std::collections::BTreeSet;
use std::fmt::Debug;

use chrono::NaiveDate;
use remit_core::chart::{Chart, ChartKind, Point, Series, Tone, ValueScale};
use remit_core::disclosure::{
    Audience, Disclosed, Disclosure, DisclosureError, DisclosurePolicy, MinGroupSize, NoisePolicy,
    PopulationKey, Rule, Suppression,
};
use remit_core::zones::OffsetBand;
use remit_core::{
    AssetId, BenefitId, Cohort, CountryCode, Coverage, Currency, Department, Domain, Employee,
    EmployeeGroup, EmployeeId, EventId, ExchangeRate, Finding, FindingCode, FindingTable,
    GroupComparison, HealthBand, JobLevel, Metric, Money, Period, Rounding, Severity, SharedStr,
    SurveyId, TeamId, ToolId, WorkMode,
};
use rust_decimal::Decimal;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// What serde must do with a row's input.
enum Expect {
    /// Refuse it with this text (the constructor's error for the same input).
    Refused(String),
    /// Refuse it with an error containing this text (a saved engine's own check, whose
    /// constructor is the engine's history rather than one call).
    RefusedMentioning(&'static str),
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

fn refused_toml<T: DeserializeOwned + Debug>(
    ty: &'static str,
    input: &'static str,
    toml: &str,
    constructor: impl std::error::Error,
) -> Row {
    Row {
        ty,
        input,
        data: Input::Toml(toml.to_owned()),
        parse: parse::<T>,
        expect: Expect::Refused(constructor.to_string()),
    }
}

fn refused_mentioning<T: DeserializeOwned + Debug>(
    ty: &'static str,
    input: &'static str,
    json: Value,
    text: &'static str,
) -> Row {
    Row {
        ty,
        input,
        data: Input::Json(json),
        parse: parse::<T>,
        expect: Expect::RefusedMentioning(text),
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

fn accepted<T: DeserializeOwned + Debug>(
    ty: &'static str,
    input: &'static str,
    json: Value,
    want: &T,
) -> Row {
    Row {
        ty,
        input,
        data: Input::Json(json),
        parse: parse::<T>,
        expect: Expect::Accepted(format!("{want:?}")),
    }
}

fn round_trip<T: Serialize + DeserializeOwned + Debug>(ty: &'static str, value: &T) -> Row {
    accepted(ty, "a valid value", to_json(value), value)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn person(i: u32) -> EmployeeId {
    EmployeeId::from_external(&format!("E-{i}"))
}

fn usd() -> Currency {
    Currency::new("USD").unwrap()
}

fn employee() -> Employee {
    Employee::builder(person(1))
        .work_mode(WorkMode::Remote)
        .country(CountryCode::new("DE").unwrap())
        .time_zone(chrono_tz::Europe::Berlin)
        .level(JobLevel::new(3))
        .department(Department::new("Engineering").unwrap())
        .manager(person(2))
        .hired_on(day(2021, 3, 15))
        .attribute("gender", "female")
        .build()
        .unwrap()
}

fn finding() -> Finding {
    Finding::builder(
        Domain::Assets,
        FindingCode::constant("ASSET-KIT-GAP"),
        Severity::Medium,
        "Remote staff without a chair",
    )
    .detail("Four remote staff have no ergonomic chair.")
    .metric(Metric::new("share", 0.2).unwrap().with_unit("share"))
    .table(
        FindingTable::new(["team", "people"])
            .with_row(["Platform", "4"])
            .unwrap(),
    )
    .recommendation("Ship chairs.")
    .build()
    .unwrap()
}

fn comparison() -> GroupComparison {
    GroupComparison::new(
        "wellbeing index",
        Some("points"),
        Disclosed::Published(61.5),
        Disclosed::Published(70.25),
        Disclosed::Published(12),
        Disclosed::Published(40),
    )
    .with_p_value(0.04)
}

fn noise() -> NoisePolicy {
    NoisePolicy::new(0.5, 2.0, 0x1234_5678_9abc_def0_1234_5678_9abc_def0).unwrap()
}

/// A saved engine with one population of ten people, all released as one group, the log
/// kept and a noise budget (the atom rule: `rank_test_limit` 0).
fn saved_engine() -> Value {
    let policy = DisclosurePolicy::default()
        .with_rank_test_limit(0)
        .with_release_log()
        .with_noise(noise());
    let mut engine = Disclosure::new(policy);
    let p = engine
        .register(Domain::Wellbeing, "members", (0..10).map(person))
        .unwrap();
    let all: Vec<u32> = (0..10).collect();
    assert!(
        engine
            .release(&p, &all, Audience::General)
            .unwrap()
            .is_granted()
    );
    to_json(&engine)
}

fn core_rows(rows: &mut Vec<Row>) {
    // Currency: Currency::new.
    rows.push(round_trip("Currency", &usd()));
    rows.push(refused::<Currency>(
        "Currency",
        "an unknown code",
        json!("XYZ"),
        Currency::new("XYZ").unwrap_err(),
    ));

    // Rounding: an enum.
    rows.push(round_trip("Rounding", &Rounding::HalfEven));
    rows.push(malformed::<Rounding>(
        "Rounding",
        "an unknown rule",
        json!("half_odd"),
    ));

    // Money: Money::new accepts any amount; the currency is Currency::new's.
    let money = Money::new(Decimal::new(-1250, 2), usd());
    rows.push(round_trip("Money", &money));
    rows.push(refused::<Money>(
        "Money",
        "an unknown currency",
        with(to_json(&money), &["currency"], json!("ZZZ")),
        Currency::new("ZZZ").unwrap_err(),
    ));

    // ExchangeRate: ExchangeRate::new, rate > 0.
    let eur = Currency::new("EUR").unwrap();
    let rate = ExchangeRate::new(usd(), eur, Decimal::new(92, 2)).unwrap();
    rows.push(round_trip("ExchangeRate", &rate));
    for (input, bad) in [("a zero rate", "0"), ("a negative rate", "-0.92")] {
        rows.push(refused::<ExchangeRate>(
            "ExchangeRate",
            input,
            with(to_json(&rate), &["rate"], json!(bad)),
            ExchangeRate::new(usd(), eur, bad.parse().unwrap()).unwrap_err(),
        ));
    }

    // Ids: FromStr (any UUID form, trimmed); from_uuid accepts every UUID.
    macro_rules! id_rows {
        ($($t:ident),*) => {$(
            let id = $t::from_external("X-1");
            rows.push(round_trip(stringify!($t), &id));
            rows.push(accepted(
                stringify!($t),
                "a simple-form UUID with spaces",
                json!(format!(" {} ", id.as_uuid().simple())),
                &id,
            ));
            rows.push(refused::<$t>(
                stringify!($t),
                "text that is not a UUID",
                json!("E-1"),
                "E-1".parse::<$t>().unwrap_err(),
            ));
        )*};
    }
    id_rows!(
        EmployeeId, AssetId, ToolId, BenefitId, TeamId, SurveyId, EventId
    );

    // SharedStr: any text.
    rows.push(round_trip("SharedStr", &SharedStr::from("Platform")));
    rows.push(malformed::<SharedStr>("SharedStr", "a number", json!(3)));

    // Period: Period::new, start < end.
    let period = Period::new(day(2025, 1, 1), day(2025, 4, 1)).unwrap();
    rows.push(round_trip("Period", &period));
    for (input, start, end) in [
        ("an end before the start", day(2025, 4, 1), day(2025, 1, 1)),
        ("an empty period", day(2025, 4, 1), day(2025, 4, 1)),
    ] {
        rows.push(refused::<Period>(
            "Period",
            input,
            json!({"start": start, "end": end}),
            Period::new(start, end).unwrap_err(),
        ));
    }

    // WorkMode: an enum.
    rows.push(round_trip("WorkMode", &WorkMode::Hybrid));
    rows.push(malformed::<WorkMode>(
        "WorkMode",
        "an unknown mode",
        json!("nomad"),
    ));

    // JobLevel: JobLevel::new takes any u8.
    rows.push(round_trip("JobLevel", &JobLevel::new(255)));
    rows.push(malformed::<JobLevel>(
        "JobLevel",
        "a rank past 255",
        json!(256),
    ));

    // Department: Department::new, trimmed, non-empty, at most 200 bytes.
    rows.push(round_trip(
        "Department",
        &Department::new("Engineering").unwrap(),
    ));
    let long = "x".repeat(Department::MAX_LEN + 1);
    for (input, name) in [("an empty name", "  "), ("a 201-byte name", long.as_str())] {
        rows.push(refused::<Department>(
            "Department",
            input,
            json!(name),
            Department::new(name).unwrap_err(),
        ));
    }

    // CountryCode: CountryCode::new, assigned alpha-2.
    rows.push(round_trip("CountryCode", &CountryCode::new("IN").unwrap()));
    for (input, code) in [("an unassigned code", "ZZ"), ("three letters", "DEU")] {
        rows.push(refused::<CountryCode>(
            "CountryCode",
            input,
            json!(code),
            CountryCode::new(code).unwrap_err(),
        ));
    }

    // Employee: EmployeeBuilder::build.
    let e = to_json(&employee());
    rows.push(round_trip("Employee", &employee()));
    let base = || {
        Employee::builder(person(1))
            .work_mode(WorkMode::Remote)
            .country(CountryCode::new("DE").unwrap())
            .time_zone(chrono_tz::Europe::Berlin)
            .level(JobLevel::new(3))
            .department(Department::new("Engineering").unwrap())
            .hired_on(day(2021, 3, 15))
    };
    rows.push(refused::<Employee>(
        "Employee",
        "leaving before being hired",
        with(e.clone(), &["left_on"], json!(day(2021, 3, 1))),
        base().left_on(day(2021, 3, 1)).build().unwrap_err(),
    ));
    rows.push(refused::<Employee>(
        "Employee",
        "leaving on the hiring day",
        with(e.clone(), &["left_on"], json!(day(2021, 3, 15))),
        base().left_on(day(2021, 3, 15)).build().unwrap_err(),
    ));
    rows.push(refused::<Employee>(
        "Employee",
        "being one's own manager",
        with(e.clone(), &["manager"], to_json(&person(1))),
        base().manager(person(1)).build().unwrap_err(),
    ));
    rows.push(refused::<Employee>(
        "Employee",
        "an empty attribute key",
        with(e.clone(), &["attributes"], json!({" ": "x"})),
        base().attribute(" ", "x").build().unwrap_err(),
    ));
    rows.push(refused::<Employee>(
        "Employee",
        "an empty department",
        with(e.clone(), &["department"], json!("")),
        Department::new("").unwrap_err(),
    ));
    rows.push(malformed::<Employee>(
        "Employee",
        "no hiring date",
        e.as_object()
            .map(|o| {
                let mut o = o.clone();
                o.remove("hired_on");
                Value::Object(o)
            })
            .unwrap(),
    ));
    rows.push(malformed::<Employee>(
        "Employee",
        "an unknown time zone",
        with(e, &["time_zone"], json!("Mars/Olympus_Mons")),
    ));
}

fn audit_rows(rows: &mut Vec<Row>) {
    // Domain, Severity: enums.
    rows.push(round_trip("Domain", &Domain::CollabTools));
    rows.push(malformed::<Domain>(
        "Domain",
        "an unknown domain",
        json!("payroll"),
    ));
    rows.push(round_trip("Severity", &Severity::High));
    rows.push(malformed::<Severity>(
        "Severity",
        "an unknown level",
        json!("dire"),
    ));

    // FindingCode: FindingCode::new.
    rows.push(round_trip(
        "FindingCode",
        &FindingCode::new("WB-RISK-1").unwrap(),
    ));
    let long = format!("A{}", "B".repeat(64));
    for (input, code) in [
        ("lower case", "asset-kit-gap"),
        ("a leading digit", "1-GAP"),
        ("an empty code", ""),
        ("65 characters", long.as_str()),
    ] {
        rows.push(refused::<FindingCode>(
            "FindingCode",
            input,
            json!(code),
            FindingCode::new(code).unwrap_err(),
        ));
    }

    // Cohort: Cohort::with accepts any dimension.
    let cohort = Cohort::all().with("mode", "remote").with("level", 3);
    rows.push(round_trip("Cohort", &cohort));
    rows.push(malformed::<Cohort>(
        "Cohort",
        "a dimension without a value",
        json!({"dimensions": [["mode"]]}),
    ));

    // Metric: Metric::new and Metric::try_with_threshold, both finite.
    let metric = Metric::new("share", 0.25)
        .unwrap()
        .try_with_threshold(0.2)
        .unwrap()
        .with_unit("share");
    rows.push(round_trip("Metric", &metric));
    rows.push(refused_toml::<Metric>(
        "Metric",
        "a NaN value",
        "name = \"share\"\nvalue = nan\n",
        Metric::new("share", f64::NAN).unwrap_err(),
    ));
    rows.push(refused_toml::<Metric>(
        "Metric",
        "an infinite threshold",
        "name = \"share\"\nvalue = 0.25\nthreshold = inf\n",
        Metric::new("share", 0.25)
            .unwrap()
            .try_with_threshold(f64::INFINITY)
            .unwrap_err(),
    ));

    // FindingTable: FindingTable::with_row, one cell per column.
    let table = FindingTable::new(["a", "b"]).with_row(["1", "2"]).unwrap();
    rows.push(round_trip("FindingTable", &table));
    rows.push(refused::<FindingTable>(
        "FindingTable",
        "a ragged row",
        json!({"columns": ["a", "b"], "rows": [["1"]]}),
        FindingTable::new(["a", "b"]).with_row(["1"]).unwrap_err(),
    ));

    // Finding: FindingBuilder::build, a title and a recommendation.
    let f = to_json(&finding());
    rows.push(round_trip("Finding", &finding()));
    let builder = |title: &str, recommendation: &str| {
        Finding::builder(
            Domain::Assets,
            FindingCode::constant("ASSET-KIT-GAP"),
            Severity::Medium,
            title,
        )
        .recommendation(recommendation)
        .build()
        .unwrap_err()
    };
    rows.push(refused::<Finding>(
        "Finding",
        "a blank title",
        with(f.clone(), &["title"], json!("  ")),
        builder("  ", "Ship chairs."),
    ));
    rows.push(refused::<Finding>(
        "Finding",
        "no recommendation",
        with(f.clone(), &["recommendation"], json!("")),
        builder("Remote staff without a chair", ""),
    ));
    rows.push(refused::<Finding>(
        "Finding",
        "a ragged table",
        with(f.clone(), &["table", "rows", "0"], json!(["Platform"])),
        FindingTable::new(["team", "people"])
            .with_row(["Platform"])
            .unwrap_err(),
    ));
    rows.push(refused::<Finding>(
        "Finding",
        "a lower-case code",
        with(f, &["code"], json!("kit-gap")),
        FindingCode::new("kit-gap").unwrap_err(),
    ));

    // EmployeeGroup: EmployeeGroup::new sorts and deduplicates the members.
    let group = EmployeeGroup::new("assets.no-chair", "staff without a chair", vec![]);
    rows.push(round_trip("EmployeeGroup", &group));
    let shuffled = vec![person(3), person(1), person(2), person(1)];
    rows.push(accepted(
        "EmployeeGroup",
        "members out of order and repeated",
        with(to_json(&group), &["members"], to_json(&shuffled)),
        &EmployeeGroup::new("assets.no-chair", "staff without a chair", shuffled),
    ));

    // GroupComparison: the setters keep a p-value only beside two exact means, in 0..=1.
    let c = to_json(&comparison());
    rows.push(round_trip("GroupComparison", &comparison()));
    let p_value = DisclosureError::InconsistentComparison {
        metric: "wellbeing index".to_owned(),
        field: "p_value",
    };
    rows.push(refused::<GroupComparison>(
        "GroupComparison",
        "a p-value above 1",
        with(c.clone(), &["p_value"], json!(1.5)),
        p_value.clone(),
    ));
    rows.push(refused::<GroupComparison>(
        "GroupComparison",
        "a p-value beside noise",
        with(c.clone(), &["noise_scale"], json!(2.0)),
        p_value.clone(),
    ));
    rows.push(refused::<GroupComparison>(
        "GroupComparison",
        "a p-value beside a suppressed mean",
        with(c, &["rest"], json!({"suppressed": "complementary"})),
        p_value,
    ));

    // Coverage, HealthBand: enums.
    rows.push(round_trip(
        "Coverage",
        &Coverage::not_measured("no surveys"),
    ));
    rows.push(malformed::<Coverage>(
        "Coverage",
        "not measured without a reason",
        json!({"not_measured": {}}),
    ));
    rows.push(round_trip("HealthBand", &HealthBand::Fair));
    rows.push(malformed::<HealthBand>(
        "HealthBand",
        "an unknown band",
        json!("great"),
    ));

    // Charts: every constructor accepts any label and number.
    rows.push(round_trip("ChartKind", &ChartKind::StackedBar));
    rows.push(malformed::<ChartKind>(
        "ChartKind",
        "an unknown kind",
        json!("pie"),
    ));
    rows.push(round_trip("ValueScale", &ValueScale::Share));
    rows.push(malformed::<ValueScale>(
        "ValueScale",
        "an unknown scale",
        json!("log"),
    ));
    rows.push(round_trip("Tone", &Tone::Alarming));
    rows.push(malformed::<Tone>(
        "Tone",
        "an unknown tone",
        json!("cheerful"),
    ));
    let point = Point::category("remote", 0.4);
    rows.push(round_trip("Point", &point));
    rows.push(malformed::<Point>(
        "Point",
        "a text y",
        with(to_json(&point), &["y"], json!("high")),
    ));
    let series = Series::new("share", vec![point]).with_tone(Tone::Calm);
    rows.push(round_trip("Series", &series));
    rows.push(malformed::<Series>(
        "Series",
        "no points",
        json!({"name": "share"}),
    ));
    let chart = Chart::new("wb.share", "Share", ChartKind::Bar).with_series(series);
    rows.push(round_trip("Chart", &chart));
    rows.push(malformed::<Chart>(
        "Chart",
        "an unknown kind",
        with(to_json(&chart), &["kind"], json!("pie")),
    ));

    // OffsetBand: OffsetBand::of_seconds reaches every i8 (it saturates).
    rows.push(round_trip("OffsetBand", &OffsetBand::of_seconds(-5 * 3600)));
    rows.push(malformed::<OffsetBand>(
        "OffsetBand",
        "a band past i8",
        json!(128),
    ));
}

fn privacy_rows(rows: &mut Vec<Row>) {
    // MinGroupSize: MinGroupSize::new, at least 1.
    rows.push(round_trip("MinGroupSize", &MinGroupSize::new(7).unwrap()));
    rows.push(refused::<MinGroupSize>(
        "MinGroupSize",
        "zero",
        json!(0),
        MinGroupSize::new(0).unwrap_err(),
    ));

    // Audience, Rule, Suppression: enums.
    rows.push(round_trip("Audience", &Audience::ManagerFacing));
    rows.push(malformed::<Audience>(
        "Audience",
        "an unknown audience",
        json!("board"),
    ));
    rows.push(round_trip("Rule", &Rule::Atoms));
    rows.push(malformed::<Rule>("Rule", "an unknown rule", json!("none")));
    rows.push(round_trip("Suppression", &Suppression::BudgetExhausted));
    rows.push(malformed::<Suppression>(
        "Suppression",
        "an unknown reason",
        json!("hidden"),
    ));
    rows.push(round_trip("Disclosed", &Disclosed::<u64>::Published(12)));
    rows.push(malformed::<Disclosed<u64>>(
        "Disclosed",
        "a negative count",
        json!({"published": -1}),
    ));

    // NoisePolicy: NoisePolicy::new, epsilon > 0, budget >= epsilon, both finite.
    let n = to_json(&noise());
    rows.push(round_trip("NoisePolicy", &noise()));
    let secret = 0x1234_5678_9abc_def0_1234_5678_9abc_def0;
    for (input, epsilon, budget) in [
        ("a zero epsilon", 0.0, 2.0),
        ("a negative epsilon", -0.5, 2.0),
        ("a budget under epsilon", 0.5, 0.25),
    ] {
        rows.push(refused::<NoisePolicy>(
            "NoisePolicy",
            input,
            with(
                with(n.clone(), &["epsilon"], json!(epsilon)),
                &["budget"],
                json!(budget),
            ),
            NoisePolicy::new(epsilon, budget, secret).unwrap_err(),
        ));
    }
    rows.push(refused_toml::<NoisePolicy>(
        "NoisePolicy",
        "an infinite budget",
        "epsilon = 0.5\nbudget = inf\nsecret = \"1\"\n",
        NoisePolicy::new(0.5, f64::INFINITY, 1).unwrap_err(),
    ));
    rows.push(refused::<NoisePolicy>(
        "NoisePolicy",
        "a secret that is not hexadecimal",
        with(n, &["secret"], json!("not-hex")),
        DisclosureError::InvalidState {
            reason: "noise secret is not 32 hexadecimal digits".to_owned(),
        },
    ));

    // DisclosurePolicy: its parts are checked by their own constructors.
    let policy = DisclosurePolicy::default().with_noise(noise());
    rows.push(round_trip("DisclosurePolicy", &policy));
    rows.push(refused::<DisclosurePolicy>(
        "DisclosurePolicy",
        "a zero minimum",
        with(to_json(&policy), &["min_group"], json!(0)),
        MinGroupSize::new(0).unwrap_err(),
    ));

    // PopulationKey: PopulationKey::new accepts any name.
    let key = PopulationKey::new(Domain::Wellbeing, "members");
    rows.push(round_trip("PopulationKey", &key));
    rows.push(malformed::<PopulationKey>(
        "PopulationKey",
        "an unknown domain",
        with(to_json(&key), &["domain"], json!("payroll")),
    ));

    // Disclosure: a saved engine is one its own releases could have produced.
    let saved = saved_engine();
    rows.push(Row {
        ty: "Disclosure",
        input: "its own saved state",
        data: Input::Json(saved.clone()),
        parse: |input| {
            parse::<Disclosure>(input)?;
            Ok("restored".to_owned())
        },
        expect: Expect::Accepted("restored".to_owned()),
    });
    let population =
        |field: &str, new: Value| with(saved.clone(), &["populations", "0", field], new);
    rows.push(refused_mentioning::<Disclosure>(
        "Disclosure",
        "a one-person atom split off by hand",
        population("atoms", json!([1, 0, 0, 0, 0, 0, 0, 0, 0, 0])),
        "an atom of 1 people is under the minimum 5",
    ));
    rows.push(refused_mentioning::<Disclosure>(
        "Disclosure",
        "an atom missing",
        population("atoms", json!([0, 0, 0])),
        "10 members but 3 atoms",
    ));
    rows.push(refused_mentioning::<Disclosure>(
        "Disclosure",
        "an atom id past the members",
        population("atoms", json!([0, 0, 0, 0, 0, 0, 0, 0, 0, 99])),
        "atom id out of range",
    ));
    let mut members = saved["populations"][0]["members"].clone();
    members[1] = members[0].clone();
    rows.push(refused::<Disclosure>(
        "Disclosure",
        "a member listed twice",
        population("members", members),
        DisclosureError::DuplicateMember {
            population: "wellbeing/members".to_owned(),
            member: person(0),
        },
    ));
    rows.push(refused_mentioning::<Disclosure>(
        "Disclosure",
        "a logged release naming member 10 of 10",
        population("log", json!([[0, 10]])),
        "log names member 10",
    ));
    let twice = {
        let mut s = saved.clone();
        let p = s["populations"][0].clone();
        s["populations"].as_array_mut().unwrap().push(p);
        s
    };
    rows.push(refused_mentioning::<Disclosure>(
        "Disclosure",
        "a population saved twice",
        twice,
        "population wellbeing/members appears twice",
    ));
    rows.push(refused_mentioning::<Disclosure>(
        "Disclosure",
        "more noise spent than the budget",
        with(saved.clone(), &["noise_spent"], json!(2.5)),
        "noise spent 2.5 is outside 0..=budget 2",
    ));
    rows.push(refused_mentioning::<Disclosure>(
        "Disclosure",
        "negative noise spent",
        with(saved, &["noise_spent"], json!(-1.0)),
        "noise spent -1 is outside 0..=budget 2",
    ));
}

fn rows() -> Vec<Row> {
    let mut rows = Vec::new();
    core_rows(&mut rows);
    audit_rows(&mut rows);
    privacy_rows(&mut rows);
    rows
}

#[test]
fn deserialisation_refuses_what_the_constructors_refuse() {
    let mut failures = Vec::new();
    for row in rows() {
        let got = (row.parse)(&row.data);
        let ok = match (&row.expect, &got) {
            (Expect::Refused(constructor), Err(serde)) => serde.contains(constructor.as_str()),
            (Expect::RefusedMentioning(text), Err(serde)) => serde.contains(text),
            (Expect::Malformed, Err(_)) => true,
            (Expect::Accepted(want), Ok(value)) => value == want,
            _ => false,
        };
        if !ok {
            let want = match &row.expect {
                Expect::Refused(e) => format!("refused with {e:?}"),
                Expect::RefusedMentioning(e) => format!("refused mentioning {e:?}"),
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

/// A restored group answers look-ups: the members were sorted on the way in.
#[test]
fn a_deserialised_group_finds_its_members() {
    let json = json!({
        "key": "k",
        "label": "l",
        "members": [person(3), person(1), person(2)],
    });
    let group: EmployeeGroup = serde_json::from_value(json).unwrap();
    for i in 1..=3 {
        assert!(group.contains(person(i)), "member {i} not found");
    }
    assert_eq!(group.len(), 3);
}

/// The public types that deserialise, read off the sources: a `pub struct` or `pub enum`
/// after a `derive(... serde::Deserialize ...)`, and every hand-written
/// `impl Deserialize for`. The id types come from one macro, so they are listed here.
fn deserialize_types() -> BTreeSet<String> {
    let sources = [
        include_str!("../src/audit.rs"),
        include_str!("../src/chart.rs"),
        include_str!("../src/country/mod.rs"),
        include_str!("../src/disclosure/compare.rs"),
        include_str!("../src/disclosure/comparison.rs"),
        include_str!("../src/disclosure/disclosed.rs"),
        include_str!("../src/disclosure/engine.rs"),
        include_str!("../src/disclosure/ledger.rs"),
        include_str!("../src/disclosure/mod.rs"),
        include_str!("../src/disclosure/noise.rs"),
        include_str!("../src/disclosure/policy.rs"),
        include_str!("../src/disclosure/rank.rs"),
        include_str!("../src/disclosure/verify.rs"),
        include_str!("../src/domain.rs"),
        include_str!("../src/duplicates.rs"),
        include_str!("../src/employee.rs"),
        include_str!("../src/health.rs"),
        include_str!("../src/id.rs"),
        include_str!("../src/lib.rs"),
        include_str!("../src/money.rs"),
        include_str!("../src/period.rs"),
        include_str!("../src/text.rs"),
        include_str!("../src/work_mode.rs"),
        include_str!("../src/workforce.rs"),
        include_str!("../src/zones.rs"),
    ];
    let mut out: BTreeSet<String> = [
        "EmployeeId",
        "AssetId",
        "ToolId",
        "BenefitId",
        "TeamId",
        "SurveyId",
        "EventId",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    for source in sources {
        let mut pending = false;
        for line in source.lines().map(str::trim) {
            if line.starts_with("#[") && line.contains("serde::Deserialize") {
                pending = true;
                continue;
            }
            let words: Vec<&str> = line
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .filter(|w| !w.is_empty())
                .collect();
            match words.as_slice() {
                ["pub", "struct" | "enum", name, ..] if pending => {
                    out.insert((*name).to_owned());
                    pending = false;
                }
                ["struct" | "enum", ..] => pending = false,
                ["impl", "de", "serde", "Deserialize", "de", "for", name, ..]
                    if *name != "name" =>
                {
                    out.insert((*name).to_owned());
                }
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
    assert!(found.len() >= 40, "{found:?}");
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
