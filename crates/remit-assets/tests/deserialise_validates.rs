//! Every public type of `remit-assets` that deserialises validates exactly as its
//! constructor does (issue 14): for each one, the inputs its constructor (or builder, or
//! the rules that produce it) refuses are fed to serde as JSON, and serde must refuse
//! them with the constructor's own error text. Types without invariants (plain enums)
//! are listed too, so that a new type cannot be forgotten: they refuse unknown variants.

use chrono::NaiveDate;
use remit_assets::depreciation::{
    Basis, DepreciationStart, MacrsClass, MacrsConvention, Method, Proration, Schedule,
};
use remit_assets::retrieval::RetrievalPolicy;
use remit_assets::*;
use remit_core::{AssetId, CountryCode, Currency, EmployeeId, EventId, Money};
use rust_decimal::Decimal;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, day).unwrap()
}

fn eur(amount: &str) -> Money {
    Money::new(amount.parse().unwrap(), Currency::new("EUR").unwrap())
}

fn value_of<T: Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap()
}

/// `valid` with the value at `pointer` replaced by `new`.
fn with(valid: &Value, pointer: &str, new: Value) -> Value {
    let mut v = valid.clone();
    *v.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in {valid}")) = new;
    v
}

/// One row: a type, an input that deserialises, and inputs its constructor refuses,
/// each with the text the refusal must contain.
struct Row {
    name: &'static str,
    /// Deserialises `json` as the row's type: `Ok` or the error text.
    parse: fn(&Value) -> Result<(), String>,
    valid: Value,
    refused: Vec<(Value, String)>,
}

fn parse<T: DeserializeOwned + Serialize + std::fmt::Debug>(v: &Value) -> Result<(), String> {
    let parsed: T = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
    // A value that deserialises serialises back to the same JSON (nothing dropped).
    assert_eq!(&value_of(&parsed), v, "{parsed:?}");
    Ok(())
}

fn parse_lossy<T: DeserializeOwned + std::fmt::Debug>(v: &Value) -> Result<(), String> {
    serde_json::from_value::<T>(v.clone())
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn asset() -> Asset {
    Asset::builder(AssetTag::new("LT-1").unwrap(), Category::Laptop)
        .purchased(d(1, 1), eur("1500"))
        .salvage(eur("300"))
        .useful_life_months(36)
        .warranty_months(24)
        .build()
        .unwrap()
}

fn asset_error(tag: &str, f: impl FnOnce(AssetBuilder) -> AssetBuilder) -> String {
    let b = Asset::builder(AssetTag::new(tag).unwrap(), Category::Laptop)
        .purchased(d(1, 1), eur("1500"))
        .salvage(eur("300"))
        .useful_life_months(36)
        .warranty_months(24);
    f(b).build().unwrap_err().to_string()
}

fn record() -> SanitisationRecord {
    SanitisationRecord::new(
        SanitisationMethod::Purge,
        "crypto erase",
        Verification::ToolReport,
        d(1, 5),
        "depot",
    )
    .unwrap()
    .with_tool("nvme-cli 2.9")
    .unwrap()
    .with_verifier("IT security")
    .unwrap()
    .with_certificate("CERT-1")
    .unwrap()
}

fn shipment() -> Shipment {
    Shipment::new(
        Destination::Employee(EmployeeId::from_external("E-1")),
        "DHL",
        "JD1",
    )
    .unwrap()
    .with_cost(eur("25"))
    .unwrap()
}

fn write_off() -> WriteOff {
    WriteOff::new("finance controller")
        .unwrap()
        .with_reference("CASE-7")
        .unwrap()
}

fn text_error(e: RecordError) -> String {
    e.to_string()
}

fn log() -> (TrackedAsset, Value) {
    let mut a = TrackedAsset::ordered(asset());
    a.execute(EventId::from_external("k1"), &Command::Receive, d(1, 2))
        .unwrap();
    a.execute(
        EventId::from_external("k2"),
        &Command::Assign {
            employee: EmployeeId::from_external("E-1"),
        },
        d(1, 3),
    )
    .unwrap();
    let v = value_of(a.log());
    (a, v)
}

fn rows() -> Vec<Row> {
    let mut rows = Vec::new();

    // --- Records ------------------------------------------------------------------
    let tag = value_of(&AssetTag::new("LT-1").unwrap());
    rows.push(Row {
        name: "AssetTag",
        parse: parse::<AssetTag>,
        valid: tag,
        refused: ["", "   ", &"x".repeat(65), "a\u{7}b"]
            .iter()
            .map(|t| (json!(t), AssetTag::new(t).unwrap_err().to_string()))
            .collect(),
    });

    let a = value_of(&asset());
    rows.push(Row {
        name: "Asset",
        parse: parse::<Asset>,
        valid: a.clone(),
        refused: vec![
            (
                with(&a, "/salvage/amount", json!("1600")),
                asset_error("LT-1", |b| b.salvage(eur("1600"))),
            ),
            (
                with(&a, "/cost/amount", json!("-1")),
                asset_error("LT-1", |b| {
                    b.purchased(d(1, 1), eur("-1")).salvage(eur("0"))
                }),
            ),
            (
                with(&a, "/useful_life_months", json!(0)),
                asset_error("LT-1", |b| b.useful_life_months(0)),
            ),
            (
                with(&a, "/useful_life_months", json!(1201)),
                asset_error("LT-1", |b| b.useful_life_months(1201)),
            ),
            (
                with(&a, "/warranty_months", json!(1201)),
                asset_error("LT-1", |b| b.warranty_months(1201)),
            ),
            (
                with(&a, "/salvage/currency", json!("USD")),
                asset_error("LT-1", |b| {
                    b.salvage(Money::new(
                        Decimal::from(300),
                        Currency::new("USD").unwrap(),
                    ))
                }),
            ),
            (
                with(&a, "/cost/amount", json!("1500.005")),
                asset_error("LT-1", |b| b.purchased(d(1, 1), eur("1500.005"))),
            ),
            (
                with(&a, "/cost/amount", json!("1000000000000000000000000000")),
                asset_error("LT-1", |b| {
                    b.purchased(d(1, 1), eur("1000000000000000000000000000"))
                }),
            ),
            (
                with(&a, "/tag", json!(" ")),
                AssetTag::new(" ").unwrap_err().to_string(),
            ),
        ],
    });

    let r = value_of(&record());
    let rec = |f: fn() -> Result<SanitisationRecord, RecordError>| text_error(f().unwrap_err());
    rows.push(Row {
        name: "SanitisationRecord",
        parse: parse::<SanitisationRecord>,
        valid: r.clone(),
        refused: vec![
            (
                with(&r, "/technique", json!("")),
                rec(|| {
                    SanitisationRecord::new(
                        SanitisationMethod::Purge,
                        "",
                        Verification::Full,
                        d(1, 1),
                        "x",
                    )
                }),
            ),
            (
                with(&r, "/performed_by", json!("  ")),
                rec(|| {
                    SanitisationRecord::new(
                        SanitisationMethod::Purge,
                        "x",
                        Verification::Full,
                        d(1, 1),
                        "  ",
                    )
                }),
            ),
            (with(&r, "/tool", json!("")), rec(|| record().with_tool(""))),
            (
                with(&r, "/verified_by", json!("v".repeat(MAX_TEXT + 1))),
                rec(|| record().with_verifier(&"v".repeat(MAX_TEXT + 1))),
            ),
            (
                with(&r, "/certificate", json!(" ")),
                rec(|| record().with_certificate(" ")),
            ),
            (
                with(&r, "/verification", json!("inspection")),
                rec(|| {
                    SanitisationRecord::new(
                        SanitisationMethod::Purge,
                        "x",
                        Verification::Inspection,
                        d(1, 1),
                        "x",
                    )
                }),
            ),
        ],
    });

    let s = value_of(&shipment());
    rows.push(Row {
        name: "Shipment",
        parse: parse::<Shipment>,
        valid: s.clone(),
        refused: vec![
            (
                with(&s, "/carrier", json!("")),
                text_error(Shipment::new(Destination::Depot, "", "T").unwrap_err()),
            ),
            (
                with(&s, "/tracking", json!("9".repeat(300))),
                text_error(Shipment::new(Destination::Depot, "DHL", &"9".repeat(300)).unwrap_err()),
            ),
            (
                with(&s, "/cost/amount", json!("-5")),
                text_error(shipment().with_cost(eur("-5")).unwrap_err()),
            ),
        ],
    });

    let w = value_of(&write_off());
    rows.push(Row {
        name: "WriteOff",
        parse: parse::<WriteOff>,
        valid: w.clone(),
        refused: vec![
            (
                with(&w, "/approved_by", json!(" ")),
                text_error(WriteOff::new(" ").unwrap_err()),
            ),
            (
                with(&w, "/reference", json!("")),
                text_error(write_off().with_reference("").unwrap_err()),
            ),
        ],
    });

    // --- Commands, changes, events -------------------------------------------------
    let negative_repair = "field `cost` must not be negative, got -1 EUR".to_owned();
    let repair = value_of(&Command::CompleteRepair {
        cost: Some(eur("80")),
    });
    let ship = value_of(&Command::Ship(Box::new(shipment())));
    let wipe = value_of(&Command::Sanitise(Box::new(record())));
    let off = value_of(&Command::WriteOff(Box::new(write_off())));
    rows.push(Row {
        name: "Command",
        parse: parse::<Command>,
        valid: repair.clone(),
        refused: vec![
            (
                with(&repair, "/complete_repair/cost/amount", json!("-1")),
                negative_repair.clone(),
            ),
            (
                with(&ship, "/ship/carrier", json!("")),
                text_error(Shipment::new(Destination::Depot, "", "T").unwrap_err()),
            ),
            (
                with(&wipe, "/sanitise/technique", json!("")),
                "sanitisation record: field `technique` must not be empty".to_owned(),
            ),
            (
                with(&off, "/write_off/approved_by", json!("")),
                text_error(WriteOff::new("").unwrap_err()),
            ),
        ],
    });
    let repaired = value_of(&Change::RepairCompleted {
        cost: Some(eur("80")),
    });
    let shipped = value_of(&Change::Shipped(Box::new(shipment())));
    let wiped = value_of(&Change::Sanitised(Box::new(record())));
    let written = value_of(&Change::WrittenOff(Box::new(write_off())));
    rows.push(Row {
        name: "Change",
        parse: parse::<Change>,
        valid: repaired.clone(),
        refused: vec![
            (
                with(&repaired, "/repair_completed/cost/amount", json!("-1")),
                negative_repair.clone(),
            ),
            (
                with(&shipped, "/shipped/tracking", json!(" ")),
                text_error(Shipment::new(Destination::Depot, "DHL", " ").unwrap_err()),
            ),
            (
                with(&wiped, "/sanitised/performed_by", json!("")),
                "sanitisation record: field `performed_by` must not be empty".to_owned(),
            ),
            (
                with(&written, "/written_off/approved_by", json!("")),
                text_error(WriteOff::new("").unwrap_err()),
            ),
        ],
    });
    let event = value_of(&Event::new(
        d(1, 9),
        Change::RepairCompleted {
            cost: Some(eur("80")),
        },
    ));
    rows.push(Row {
        name: "Event",
        parse: parse::<Event>,
        valid: event.clone(),
        refused: vec![(
            with(&event, "/change/repair_completed/cost/amount", json!("-1")),
            negative_repair,
        )],
    });

    // --- The log -------------------------------------------------------------------
    let (tracked, log_json) = log();
    let envelope = value_of(&tracked.log().entries()[0]);
    rows.push(Row {
        name: "Envelope",
        parse: parse::<Envelope>,
        valid: envelope.clone(),
        refused: [0u16, SCHEMA_VERSION + 1]
            .iter()
            .map(|schema| {
                (
                    with(&envelope, "/schema", json!(schema)),
                    SchemaError {
                        sequence: 1,
                        schema: *schema,
                    }
                    .to_string(),
                )
            })
            .collect(),
    });
    // Each broken log is refused with the error `EventLog::append` gives for the same
    // envelope.
    let appended = |mutate: &dyn Fn(&mut Value)| -> (Value, String) {
        let mut v = log_json.clone();
        mutate(&mut v);
        let mut log = EventLog::new(tracked.asset().id(), true);
        if let Some(p) = v.get("purchased_on").and_then(Value::as_str) {
            let fresh = TrackedAsset::new(tracked.asset().clone(), log.clone()).unwrap();
            assert_eq!(fresh.asset().purchased_on().to_string(), p);
            log = fresh.log().clone();
        }
        let mut error = None;
        for e in v["entries"].as_array().unwrap() {
            let envelope: Envelope = match serde_json::from_value(e.clone()) {
                Ok(envelope) => envelope,
                Err(e) => {
                    error = Some(e.to_string());
                    break;
                }
            };
            if let Err(e) = log.append(envelope) {
                error = Some(e.to_string());
                break;
            }
        }
        (v, error.expect("the mutation breaks the log"))
    };
    rows.push(Row {
        name: "EventLog",
        parse: parse::<EventLog>,
        valid: log_json.clone(),
        refused: vec![
            appended(&|v| v["entries"][1]["sequence"] = json!(3)),
            appended(&|v| v["entries"][1]["key"] = v["entries"][0]["key"].clone()),
            appended(&|v| v["entries"][1]["event"]["on"] = json!("2025-01-01")),
            appended(&|v| v["entries"][0]["event"]["on"] = json!("2024-12-31")),
            appended(&|v| v["entries"][0]["schema"] = json!(0)),
            appended(&|v| {
                v["entries"][1]["event"] = value_of(&Event::new(
                    d(1, 3),
                    Change::Sanitised(Box::new(
                        SanitisationRecord::new(
                            SanitisationMethod::Clear,
                            "overwrite",
                            Verification::Full,
                            d(1, 4),
                            "depot",
                        )
                        .unwrap(),
                    )),
                ));
            }),
        ],
    });

    let state = value_of(tracked.log().state());
    let inconsistent = |field: &str| {
        format!(
            "lifecycle of asset {}: field `{field}`",
            tracked.asset().id()
        )
    };
    rows.push(Row {
        name: "Lifecycle",
        parse: parse::<Lifecycle>,
        valid: state.clone(),
        refused: vec![
            (with(&state, "/events", json!(0)), inconsistent("events")),
            (
                with(&state, "/last_event_on", Value::Null),
                inconsistent("last_event_on"),
            ),
            (
                with(&state, "/last_audit_on", json!("2025-02-01")),
                inconsistent("last_audit_on"),
            ),
            (
                with(&state, "/last_exposed_on", Value::Null),
                inconsistent("last_exposed_on"),
            ),
            (
                with(&state, "/data", json!("destroyed")),
                inconsistent("last_sanitised"),
            ),
            (
                with(&state, "/data", json!("no_storage")),
                inconsistent("data"),
            ),
            (
                with(
                    &with(&state, "/events", json!(0)),
                    "/last_event_on",
                    Value::Null,
                ),
                inconsistent("events"),
            ),
        ],
    });
    let snapshot = value_of(&tracked.log().snapshot());
    rows.push(Row {
        name: "Snapshot",
        parse: parse::<Snapshot>,
        valid: snapshot.clone(),
        refused: vec![
            (
                with(&snapshot, "/sequence", json!(1)),
                inconsistent("sequence"),
            ),
            (
                with(&snapshot, "/state/last_audit_on", json!("2026-01-01")),
                inconsistent("last_audit_on"),
            ),
        ],
    });

    let t = value_of(&tracked);
    let other = Asset::builder(AssetTag::new("LT-2").unwrap(), Category::Monitor)
        .purchased(d(1, 1), eur("300"))
        .useful_life_months(60)
        .build()
        .unwrap();
    let fleet_error =
        |asset: Asset, log: EventLog| TrackedAsset::new(asset, log).unwrap_err().to_string();
    let mut monitor_log = t["log"].clone();
    monitor_log["asset"] = json!(other.id());
    let mut late_purchase = t.clone();
    late_purchase["asset"]["purchased_on"] = json!("2025-01-03");
    late_purchase["log"]["purchased_on"] = Value::Null;
    let late_asset: Asset = serde_json::from_value(late_purchase["asset"].clone()).unwrap();
    let mut unpaired = EventLog::new(tracked.asset().id(), true);
    for e in tracked.log().entries() {
        unpaired.append(e.clone()).unwrap();
    }
    rows.push(Row {
        name: "TrackedAsset",
        parse: parse::<TrackedAsset>,
        valid: t.clone(),
        refused: vec![
            (
                with(&t, "/asset", value_of(&other)),
                fleet_error(other.clone(), unpaired.clone()),
            ),
            (
                with(&t, "/log/stores_data", json!(false)),
                fleet_error(asset(), EventLog::new(tracked.asset().id(), false)),
            ),
            (
                with(&t, "/log/purchased_on", json!("2024-12-01")),
                "field `purchased_on` is 2025-01-01 but the event log was made for 2024-12-01"
                    .to_owned(),
            ),
            (late_purchase, fleet_error(late_asset, unpaired)),
        ],
    });

    // --- Depreciation --------------------------------------------------------------
    let m = value_of(&Method::double_declining());
    rows.push(Row {
        name: "Method",
        parse: parse::<Method>,
        valid: m.clone(),
        refused: ["0", "-1", "10.5"]
            .iter()
            .map(|f| {
                let factor: Decimal = f.parse().unwrap();
                let basis = Basis::new(eur("1200"), eur("0"), 36, d(1, 1)).unwrap();
                let e = basis
                    .schedule(&Method::DecliningBalance { factor })
                    .unwrap_err();
                (
                    with(&m, "/declining_balance/factor", json!(f)),
                    e.to_string(),
                )
            })
            .collect(),
    });
    let basis = Basis::new(eur("1200"), eur("200"), 36, d(1, 1)).unwrap();
    let b = value_of(&basis);
    let basis_error = |cost: &str, salvage: Money, life: u32| {
        Basis::new(eur(cost), salvage, life, d(1, 1))
            .unwrap_err()
            .to_string()
    };
    rows.push(Row {
        name: "Basis",
        parse: parse::<Basis>,
        valid: b.clone(),
        refused: vec![
            (
                with(&b, "/salvage/amount", json!("1300")),
                basis_error("1200", eur("1300"), 36),
            ),
            (
                with(&b, "/life_months", json!(0)),
                basis_error("1200", eur("200"), 0),
            ),
            (
                with(&b, "/life_months", json!(1201)),
                basis_error("1200", eur("200"), 1201),
            ),
            (
                with(&b, "/cost/amount", json!("1200.001")),
                basis_error("1200.001", eur("200"), 36),
            ),
            (
                with(&b, "/salvage/currency", json!("JPY")),
                basis_error(
                    "1200",
                    Money::new(Decimal::from(200), Currency::new("JPY").unwrap()),
                    36,
                ),
            ),
            (
                with(&b, "/cost/amount", json!("1000000000000000000000000000")),
                basis_error("1000000000000000000000000000", eur("200"), 36),
            ),
        ],
    });
    let schedule = basis.schedule(&Method::SumOfYearsDigits).unwrap();
    let sch = value_of(&schedule);
    let odd = Basis::new(eur("1200"), eur("200"), 30, d(1, 1)).unwrap();
    rows.push(Row {
        name: "Schedule",
        parse: parse::<Schedule>,
        valid: sch.clone(),
        refused: vec![
            (
                with(&sch, "/basis/life_months", json!(30)),
                odd.schedule(&Method::SumOfYearsDigits)
                    .unwrap_err()
                    .to_string(),
            ),
            (
                with(
                    &sch,
                    "/method",
                    value_of(&Method::Macrs {
                        class: MacrsClass::FiveYear,
                        convention: MacrsConvention::HalfYear,
                    }),
                ),
                basis
                    .schedule(&Method::Macrs {
                        class: MacrsClass::FiveYear,
                        convention: MacrsConvention::HalfYear,
                    })
                    .unwrap_err()
                    .to_string(),
            ),
            (
                with(&sch, "/basis/life_months", json!(0)),
                basis_error("1200", eur("200"), 0),
            ),
        ],
    });

    // --- Kit and retrieval ---------------------------------------------------------
    let kit = value_of(&KitList::of(&[Category::Laptop, Category::Desk]));
    rows.push(Row {
        name: "KitList",
        parse: parse::<KitList>,
        valid: kit,
        refused: [0x1000u16, 0xffff]
            .iter()
            .map(|bits| {
                (
                    json!(bits),
                    KitList::try_from(*bits).unwrap_err().to_string(),
                )
            })
            .collect(),
    });
    let pt = CountryCode::new("PT").unwrap();
    let prices = KitPrices::new()
        .with(Category::Desk, eur("300"))
        .unwrap()
        .with_country(pt, Category::ErgonomicChair, eur("400"))
        .unwrap();
    let p = value_of(&prices);
    rows.push(Row {
        name: "KitPrices",
        parse: parse::<KitPrices>,
        valid: p.clone(),
        refused: vec![
            (
                with(&p, "/default/0/price/amount", json!("-1")),
                KitPrices::new()
                    .with(Category::Desk, eur("-1"))
                    .unwrap_err()
                    .to_string(),
            ),
            (
                with(&p, "/by_country/0/price/amount", json!("-400")),
                KitPrices::new()
                    .with_country(pt, Category::ErgonomicChair, eur("-400"))
                    .unwrap_err()
                    .to_string(),
            ),
        ],
    });
    let policy = value_of(&RetrievalPolicy::default());
    let policy_error = |sla, reminders: Vec<u32>, escalate| {
        RetrievalPolicy::new(sla, reminders, escalate)
            .unwrap_err()
            .to_string()
    };
    rows.push(Row {
        name: "RetrievalPolicy",
        parse: parse::<RetrievalPolicy>,
        valid: policy.clone(),
        refused: vec![
            (
                with(&policy, "/sla_days", json!(0)),
                policy_error(0, vec![3, 6, 9], 10),
            ),
            (
                with(&policy, "/sla_days", json!(366)),
                policy_error(366, vec![3, 6, 9], 10),
            ),
            (
                with(&policy, "/reminder_days", json!([6, 3])),
                policy_error(30, vec![6, 3], 10),
            ),
            (
                with(&policy, "/reminder_days", json!([0, 3])),
                policy_error(30, vec![0, 3], 10),
            ),
            (
                with(&policy, "/escalate_after_days", json!(31)),
                policy_error(30, vec![3, 6, 9], 31),
            ),
        ],
    });

    // --- Types without invariants: only their variants exist ------------------------
    let unknown = |name: &'static str, parse: fn(&Value) -> Result<(), String>, valid: Value| Row {
        name,
        parse,
        valid,
        refused: vec![(json!("no_such_variant"), "unknown variant".to_owned())],
    };
    rows.push(unknown(
        "Category",
        parse::<Category>,
        value_of(&Category::Desk),
    ));
    rows.push(unknown(
        "Proration",
        parse::<Proration>,
        value_of(&Proration::MidMonth),
    ));
    rows.push(unknown(
        "MacrsClass",
        parse::<MacrsClass>,
        value_of(&MacrsClass::SevenYear),
    ));
    rows.push(unknown(
        "MacrsConvention",
        parse::<MacrsConvention>,
        value_of(&MacrsConvention::MidQuarter),
    ));
    rows.push(unknown(
        "DepreciationStart",
        parse::<DepreciationStart>,
        value_of(&DepreciationStart::FirstDeployment),
    ));
    rows.push(unknown(
        "StockState",
        parse::<StockState>,
        value_of(&StockState::PendingDisposal),
    ));
    rows.push(unknown(
        "TransitLeg",
        parse::<TransitLeg>,
        value_of(&TransitLeg::ToDepot),
    ));
    rows.push(unknown(
        "Disposition",
        parse::<Disposition>,
        value_of(&Disposition::Sold),
    ));
    rows.push(unknown(
        "MissingReason",
        parse::<MissingReason>,
        value_of(&MissingReason::Lost),
    ));
    rows.push(unknown(
        "ReturnReason",
        parse::<ReturnReason>,
        value_of(&ReturnReason::Refresh),
    ));
    rows.push(unknown(
        "Status",
        parse::<Status>,
        value_of(&Status::WrittenOff),
    ));
    rows.push(unknown(
        "DataState",
        parse::<DataState>,
        value_of(&DataState::Clean),
    ));
    rows.push(unknown(
        "Custodian",
        parse::<Custodian>,
        value_of(&Custodian::Depot),
    ));
    rows.push(unknown(
        "CommandKind",
        parse::<CommandKind>,
        value_of(&CommandKind::WriteOff),
    ));
    rows.push(unknown(
        "Transition",
        parse::<Transition>,
        value_of(&Transition::Audited),
    ));
    rows.push(unknown(
        "SanitisationMethod",
        parse::<SanitisationMethod>,
        value_of(&SanitisationMethod::Clear),
    ));
    rows.push(unknown(
        "Verification",
        parse::<Verification>,
        value_of(&Verification::Sampling),
    ));
    rows.push(unknown(
        "Destination",
        parse::<Destination>,
        value_of(&Destination::Depot),
    ));
    rows.push(unknown(
        "Outcome",
        parse_lossy::<Outcome>,
        value_of(&Outcome::Returned { on: d(1, 1) }),
    ));
    rows
}

#[test]
fn serde_refuses_what_the_constructors_refuse() {
    let rows = rows();
    let mut checked = 0;
    for row in &rows {
        (row.parse)(&row.valid).unwrap_or_else(|e| {
            panic!(
                "{}: the valid input {} was refused: {e}",
                row.name, row.valid
            )
        });
        assert!(!row.refused.is_empty(), "{}: no refused input", row.name);
        for (input, expected) in &row.refused {
            match (row.parse)(input) {
                Ok(()) => panic!(
                    "{}: accepted {input}, which the constructor refuses with {expected:?}",
                    row.name
                ),
                Err(e) => assert!(
                    e.contains(expected.as_str()),
                    "{}: {input}\n  refused with {e:?}\n  expected the constructor's {expected:?}",
                    row.name
                ),
            }
            checked += 1;
        }
    }
    // Every public Deserialize type of the crate has a row, and no other.
    let mut names: Vec<&str> = rows.iter().map(|r| r.name).collect();
    names.sort_unstable();
    assert_eq!(names, public_deserialize_types());
    assert!(checked > 80, "{checked}");
}

/// The public types whose definition derives `Deserialize`, read from the crate's source:
/// each `pub struct` or `pub enum` that follows a derive naming `Deserialize` before the
/// next item.
fn public_deserialize_types() -> Vec<&'static str> {
    let sources = [
        include_str!("../src/asset.rs"),
        include_str!("../src/audit.rs"),
        include_str!("../src/charts.rs"),
        include_str!("../src/config.rs"),
        include_str!("../src/depreciation.rs"),
        include_str!("../src/error.rs"),
        include_str!("../src/figures.rs"),
        include_str!("../src/findings.rs"),
        include_str!("../src/fleet.rs"),
        include_str!("../src/forecast.rs"),
        include_str!("../src/inputs.rs"),
        include_str!("../src/kit.rs"),
        include_str!("../src/lib.rs"),
        include_str!("../src/lifecycle.rs"),
        include_str!("../src/log.rs"),
        include_str!("../src/records.rs"),
        include_str!("../src/report.rs"),
        include_str!("../src/retrieval.rs"),
    ];
    let mut names = Vec::new();
    for source in sources {
        let mut deserialises = false;
        for line in source.lines().map(str::trim) {
            if line.starts_with("#[") && line.contains("Deserialize)") {
                deserialises = true;
            } else if let Some(rest) = line
                .strip_prefix("pub struct ")
                .or_else(|| line.strip_prefix("pub enum "))
            {
                if deserialises {
                    let name = rest
                        .split(|c: char| !c.is_alphanumeric() && c != '_')
                        .next()
                        .unwrap_or_default();
                    names.push(name);
                }
                deserialises = false;
            } else if ["struct ", "enum ", "pub(crate) struct ", "pub(crate) enum "]
                .iter()
                .any(|item| line.starts_with(item))
            {
                deserialises = false;
            }
        }
    }
    names.sort_unstable();
    names
}

#[test]
fn the_table_is_not_vacuous() {
    // The mutation helper really changes the input, and the valid inputs of the
    // validated types are accepted by the same parser that refuses the rows.
    let a = value_of(&asset());
    assert_ne!(with(&a, "/useful_life_months", json!(0)), a);
    assert!(parse::<Asset>(&a).is_ok());
    let id: AssetId = serde_json::from_value(a["id"].clone()).unwrap();
    assert_eq!(id, asset().id());
}
