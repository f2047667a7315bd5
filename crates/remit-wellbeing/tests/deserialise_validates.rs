//! Every public type that deserialises refuses what its constructor refuses, with the
//! constructor's error (named field and record) in serde's message; and accepts what the
//! constructor accepts. Results (scores) serialise only.
//!
//! Each row: the type, a valid document (which must deserialise), a mutation the
//! constructor refuses, and the words the error must contain.
//!
//! Results (scores, personal views, trend alarms, reports) serialise only, so they are
//! not rows here.

use remit_core::EmployeeId;
use remit_wellbeing::{
    Aggregation, Bands, Edge, InstrumentSpec, Item, ItemId, MissingPolicy, ResponseRange,
};
use remit_wellbeing::{AlarmConfig, ReliableChange, Worse};
use remit_wellbeing::{Cbi, Pss10, Who5};
use remit_wellbeing::{Config, SurveyResults};
use remit_wellbeing::{
    Ramp, RiskAssessment, RiskBand, RiskFactor, RiskFeatures, RiskModel, WeightedRiskModel,
};
use remit_wellbeing::{Signal, SignalPanel, SignalThresholds, WeekSignals};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// Deserialises `doc` as `T`: `Ok` or serde's message.
fn de<T: DeserializeOwned>(doc: &Value) -> Result<(), String> {
    serde_json::from_value::<T>(doc.clone())
        .map(|_| ())
        .map_err(|e| e.to_string())
}

type Check = fn(&Value) -> Result<(), String>;

/// (type, valid document, mutation the constructor refuses, words the error names)
type Row = (
    &'static str,
    Check,
    Value,
    fn(&mut Value),
    &'static [&'static str],
);

fn pulse() -> InstrumentSpec {
    InstrumentSpec::builder("pulse", 1, 7)
        .unwrap()
        .item("p.1")
        .unwrap()
        .item("p.2")
        .unwrap()
        .reversed_item("p.3")
        .unwrap()
        .scale(
            "pulse",
            &["p.1", "p.2", "p.3"],
            Aggregation::Mean,
            MissingPolicy::MinAnswered(2),
            1.0,
            Some(Bands::new("low", vec![(Edge::Below(4.0), "high")]).unwrap()),
        )
        .unwrap()
        .build()
        .unwrap()
}

fn rows() -> Vec<Row> {
    let week = WeekSignals::zero()
        .with(Signal::AfterHoursHours, 3.0)
        .unwrap();
    let mut panel = SignalPanel::new(2).unwrap();
    panel
        .push(EmployeeId::from_external("a"), &[week, week])
        .unwrap();
    panel
        .push(EmployeeId::from_external("b"), &[week, week])
        .unwrap();
    let mut surveys = SurveyResults::new();
    surveys
        .push(EmployeeId::from_external("a"), Some(48.0), Some(62.5))
        .unwrap();
    let model = WeightedRiskModel::default();
    let risk = model.assess(&RiskFeatures::empty().with(RiskFactor::AfterHours, 3.0));
    vec![
        (
            "WeekSignals",
            de::<WeekSignals>,
            to_value(&week),
            |d| d["values"][Signal::DaysOff.index()] = json!(9.0),
            &["days_off", "9", "0..=7"],
        ),
        (
            "SignalPanel (value)",
            de::<SignalPanel>,
            to_value(&panel),
            |d| d["columns"][Signal::FocusHours.index()][3] = json!(-2.0),
            &["week 1", "focus_hours", "-2"],
        ),
        (
            "SignalPanel (duplicate employee)",
            de::<SignalPanel>,
            to_value(&panel),
            |d| d["employees"][1] = d["employees"][0].clone(),
            &["appears more than once"],
        ),
        (
            "SignalPanel (column length)",
            de::<SignalPanel>,
            to_value(&panel),
            |d| {
                d["columns"][0].as_array_mut().unwrap().pop();
            },
            &["meeting_hours", "3 values", "expected 4"],
        ),
        (
            "SignalThresholds",
            de::<SignalThresholds>,
            to_value(&SignalThresholds::default()),
            |d| d["lines"][Signal::FocusHours.index()] = json!(-1.0),
            &["focus_hours", "-1", "non-negative"],
        ),
        (
            "SurveyResults (score)",
            de::<SurveyResults>,
            to_value(&surveys),
            |d| d["who5"][0] = json!(140.0),
            &["who5_percentage", "140", "0..=100"],
        ),
        (
            "SurveyResults (columns)",
            de::<SurveyResults>,
            to_value(&surveys),
            |d| d["cbi_work"] = json!([]),
            &["1 employees", "0 CBI"],
        ),
        (
            "ItemId",
            de::<ItemId>,
            to_value(&ItemId::new("who5.1").unwrap()),
            |d| *d = json!("who5 1!"),
            &["invalid item id", "who5 1!"],
        ),
        (
            "ResponseRange",
            de::<ResponseRange>,
            to_value(&ResponseRange::new(0, 4).unwrap()),
            |d| d["min"] = json!(4),
            &["response range 4..=4", "empty"],
        ),
        (
            "Bands (order)",
            de::<Bands>,
            to_value(&Bands::new("low", vec![(Edge::Below(50.0), "high")]).unwrap()),
            |d| {
                d["edges"] = json!([{"below": 50.0}, {"at_most": 40.0}]);
                d["labels"] = json!(["low", "mid", "high"]);
            },
            &["edge 40", "does not ascend past 50"],
        ),
        (
            "Bands (labels)",
            de::<Bands>,
            to_value(&Bands::new("low", vec![(Edge::Below(50.0), "high")]).unwrap()),
            |d| d["labels"] = json!(["only"]),
            &["1 labels for 1 edges"],
        ),
        (
            "InstrumentSpec (unknown item)",
            de::<InstrumentSpec>,
            to_value(&pulse()),
            |d| d["scales"][0]["items"] = json!([0, 1, 7]),
            &["pulse", "does not survive validation"],
        ),
        (
            "InstrumentSpec (silent proration)",
            de::<InstrumentSpec>,
            to_value(&pulse()),
            |d| d["scales"][0]["aggregation"] = json!("sum"),
            &["pulse", "scale pulse", "without prorating"],
        ),
        (
            "InstrumentSpec (duplicate item)",
            de::<InstrumentSpec>,
            to_value(&pulse()),
            |d| d["items"][1]["id"] = json!("p.1"),
            &["pulse", "item p.1 appears more than once"],
        ),
        (
            "Who5",
            de::<Who5>,
            to_value(&Who5::new()),
            |d| d["spec"]["scales"][1]["multiplier"] = json!(5.0),
            &["WHO-5", "differs from the published instrument"],
        ),
        (
            "Cbi",
            de::<Cbi>,
            to_value(&Cbi::new()),
            |d| d["high_threshold"] = json!(60.0),
            &["CBI", "differs from the published instrument"],
        ),
        (
            "Pss10",
            de::<Pss10>,
            to_value(&Pss10::new()),
            |d| d["spec"]["items"][3]["reversed"] = json!(false),
            &["PSS-10", "differs from the published instrument"],
        ),
        (
            "Ramp",
            de::<Ramp>,
            to_value(&Ramp::new(1.0, 5.0).unwrap()),
            |d| d["full"] = json!(1.0),
            &["ramp 1 -> 1", "differ"],
        ),
        (
            "WeightedRiskModel (weight)",
            de::<WeightedRiskModel>,
            to_value(&model),
            |d| d["weights"][2] = json!(-15.0),
            &["after-hours work", "weight -15"],
        ),
        (
            "WeightedRiskModel (ramp inside)",
            de::<WeightedRiskModel>,
            to_value(&model),
            |d| d["ramps"][0] = json!({"start": 25.0, "full": 25.0}),
            &["ramp 25 -> 25"],
        ),
        (
            "WeightedRiskModel (bands)",
            de::<WeightedRiskModel>,
            to_value(&model),
            |d| d["moderate"] = json!(70.0),
            &["moderate 70", "high 50"],
        ),
        (
            "RiskAssessment",
            de::<RiskAssessment>,
            to_value(&risk),
            |d| d["index"] = json!(99.0),
            &["index 99", "contributions' sum"],
        ),
        (
            "Config",
            de::<Config>,
            to_value(&Config::new(
                chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            )),
            |d| d["burden_ratio"] = json!(0.5),
            &["burden_ratio", "0.5", "at least 1"],
        ),
        (
            "Config (thresholds inside)",
            de::<Config>,
            to_value(&Config::new(
                chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            )),
            |d| d["thresholds"]["lines"][2] = json!(-1.0),
            &["after_hours_hours", "-1"],
        ),
        (
            "ReliableChange",
            de::<ReliableChange>,
            to_value(&ReliableChange::new(7.5, 0.88).unwrap()),
            |d| d["reliability"] = json!(1.0),
            &["reliability", "[0, 1)"],
        ),
        (
            "AlarmConfig",
            de::<AlarmConfig>,
            to_value(&AlarmConfig::default()),
            |d| d["baseline_weeks"] = json!(1),
            &["baseline_weeks", "1"],
        ),
    ]
}

#[test]
fn every_deserialisable_type_refuses_what_its_constructor_refuses() {
    for (name, check, valid, mutate, words) in rows() {
        assert_eq!(
            check(&valid),
            Ok(()),
            "{name}: the valid document is refused"
        );
        let mut bad = valid.clone();
        mutate(&mut bad);
        assert_ne!(bad, valid, "{name}: the mutation changed nothing");
        let err = check(&bad).expect_err(name);
        for word in words {
            assert!(err.contains(word), "{name}: {err:?} does not name {word:?}");
        }
    }
}

#[test]
fn serialised_values_round_trip_and_derived_fields_stay_derived() {
    fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: T) {
        let back: T = serde_json::from_value(to_value(&value)).unwrap();
        assert_eq!(back, value);
    }
    round_trip(Who5::with_missing_policy(MissingPolicy::ProratedSum { min_answered: 4 }).unwrap());
    round_trip(Cbi::with_high_threshold(60.0).unwrap());
    round_trip(Pss10::with_bands(
        Bands::new("low", vec![(Edge::AtMost(13.0), "moderate")]).unwrap(),
    ));
    round_trip(pulse());
    round_trip(ReliableChange::new(7.5, 0.88).unwrap());
    round_trip(AlarmConfig::default().with_baseline_weeks(6).unwrap());
    round_trip(Item::reversed(ItemId::new("x.1").unwrap()));
    round_trip(
        Config::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
            .with_cbi_high_line(60.0)
            .unwrap(),
    );
    round_trip(Worse::Down);
    round_trip(RiskBand::Moderate);
    // `S_diff` is derived from the norms, never read from a document.
    let doc = to_value(&ReliableChange::new(7.5, 0.88).unwrap());
    assert_eq!(doc, json!({"sd": 7.5, "reliability": 0.88}));
}
