//! A synthetic organisation's inputs, and the canonical CSV files that hold them (the
//! writer the round-trip test checks the readers against).
#![allow(dead_code, reason = "shared by several targets, each using a part")]

use std::collections::BTreeMap;

use remit_assets::{Change, Disposition, TrackedAsset};
use remit_benefits::{Catalogue, Enrolments, ExchangeRates, Valuation};
use remit_collab_tools::inventory::Inventory;
use remit_collab_tools::overlap::Team;
use remit_core::{EmployeeId, WorkMode};
use remit_promotion_bias::PromotionTable;
use remit_synth::Organisation;
use remit_synth::assets::{AssetSynthConfig, asset_fleet};
use remit_synth::benefits::{BenefitSynthConfig, benefit_data};
use remit_synth::collab_tools::{CollabSynthConfig, collab_data};
use remit_synth::promotion::{PromotionSynthConfig, promotion_history};
use remit_synth::wellbeing::{WellbeingSynthConfig, wellbeing_data};
use remit_wellbeing::Instrument;
use remit_wellbeing::{Cbi, Who5};
use remit_wellbeing::{Signal, SignalPanel};
use serde::Serialize;

/// Every domain's inputs for one organisation.
pub struct Synthetic {
    pub assets: Vec<TrackedAsset>,
    pub catalogue: Catalogue,
    pub enrolments: Enrolments,
    pub rates: ExchangeRates,
    pub promotion: PromotionTable,
    pub panel: SignalPanel,
    pub respondents: Vec<EmployeeId>,
    pub codes: Vec<Option<u8>>,
    pub inventory: Inventory,
    pub teams: Vec<Team>,
}

/// The flagship example's planted problems, generated as `src/audit.rs` does.
pub fn synthetic(org: &Organisation) -> Synthetic {
    let fleet = asset_fleet(org, &AssetSynthConfig::default()).unwrap();
    let benefits = benefit_data(
        org,
        &BenefitSynthConfig::default()
            .remote_shortfall(0.12)
            .unwrap(),
    )
    .unwrap();
    let promotion = promotion_history(
        org,
        &PromotionSynthConfig::default()
            .odds_ratio(WorkMode::Remote, 0.6)
            .unwrap(),
    )
    .unwrap()
    .into_table();
    let wellbeing = wellbeing_data(
        org,
        &WellbeingSynthConfig::default()
            .far_after_hours(3.0)
            .unwrap(),
    )
    .unwrap();
    let tools = collab_data(
        org,
        &CollabSynthConfig::default()
            .duplicate_chat(0.2)
            .unwrap()
            .shadow_tool(true),
    )
    .unwrap();
    Synthetic {
        assets: fleet.tracked_assets().unwrap(),
        catalogue: benefits.catalogue().clone(),
        enrolments: benefits.enrolments().clone(),
        rates: benefits.rates().clone(),
        promotion,
        panel: wellbeing.panel().clone(),
        respondents: wellbeing.respondents().to_vec(),
        codes: wellbeing.codes().to_vec(),
        inventory: tools.inventory().clone(),
        teams: tools.teams().to_vec(),
    }
}

/// The serde name of a unit variant.
pub fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value).unwrap() {
        serde_json::Value::String(s) => s,
        other => panic!("not a unit variant: {other}"),
    }
}

fn csv(header: &[&str], rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).unwrap();
    for r in rows {
        w.write_record(&r).unwrap();
    }
    w.into_inner().unwrap()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

/// The canonical files of an organisation, ids as remit UUIDs (read with
/// `ids = "uuid"`).
pub fn canonical_files(org: &Organisation, s: &Synthetic) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let people: Vec<Vec<String>> = org
        .roster()
        .iter()
        .map(|e| {
            vec![
                e.id().to_string(),
                e.work_mode().to_string(),
                e.country().as_str().to_owned(),
                e.time_zone().name().to_owned(),
                e.level().rank().to_string(),
                e.department().as_str().to_owned(),
                opt(e.manager()),
                e.hired_on().to_string(),
                opt(e.left_on()),
                e.attribute("gender").unwrap_or("").to_owned(),
            ]
        })
        .collect();
    files.insert(
        "people.csv".into(),
        csv(
            &[
                "employee_id",
                "work_mode",
                "country",
                "time_zone",
                "level",
                "department",
                "manager_id",
                "hire_date",
                "termination_date",
                "gender",
            ],
            people,
        ),
    );
    let mut assets = Vec::new();
    let mut events = Vec::new();
    for t in &s.assets {
        let a = t.asset();
        assets.push(vec![
            a.tag().as_str().to_owned(),
            name(&a.category()),
            a.purchased_on().to_string(),
            a.cost().amount().to_string(),
            a.cost().currency().to_string(),
            a.useful_life_months().to_string(),
            a.warranty_months().to_string(),
            a.salvage().amount().to_string(),
            a.stores_data().to_string(),
            a.id().to_string(),
        ]);
        for env in t.log().entries() {
            let mut r = vec![String::new(); 20];
            r[0] = a.tag().as_str().to_owned();
            r[1] = env.event().on().to_string();
            r[19] = env.key().to_string();
            let (event, employee) = match env.event().change() {
                Change::Received => ("received", None),
                Change::Reserved { employee } => ("reserved", Some(*employee)),
                Change::ReservationCancelled => ("reservation_cancelled", None),
                Change::Shipped(s) => {
                    r[9] = s.carrier().to_owned();
                    r[10] = s.tracking().to_owned();
                    if let Some(c) = s.cost() {
                        r[7] = c.amount().to_string();
                        r[8] = c.currency().to_string();
                    }
                    match s.destination() {
                        remit_assets::Destination::Employee(e) => ("shipped", Some(e)),
                        remit_assets::Destination::Depot => {
                            r[11] = "depot".into();
                            ("shipped", None)
                        }
                    }
                }
                Change::Delivered => ("delivered", None),
                Change::Assigned { employee } => ("assigned", Some(*employee)),
                Change::ReturnRequested { due, reason } => {
                    r[5] = due.to_string();
                    r[6] = name(reason);
                    ("return_requested", None)
                }
                Change::CheckedIn => ("checked_in", None),
                Change::RepairFlagged => ("repair_flagged", None),
                Change::RepairStarted => ("repair_started", None),
                Change::RepairCompleted { cost } => {
                    if let Some(c) = cost {
                        r[7] = c.amount().to_string();
                        r[8] = c.currency().to_string();
                    }
                    ("repair_completed", None)
                }
                Change::Sanitised(rec) => {
                    assert_eq!(rec.performed_on(), env.event().on());
                    r[12] = name(&rec.method());
                    r[13] = rec.technique().to_owned();
                    r[14] = name(&rec.verification());
                    r[15] = rec.performed_by().to_owned();
                    r[16] = rec.verified_by().unwrap_or("").to_owned();
                    r[17] = rec.tool().unwrap_or("").to_owned();
                    r[18] = rec.certificate().unwrap_or("").to_owned();
                    ("sanitised", None)
                }
                Change::DisposalMarked => ("disposal_marked", None),
                Change::WrittenOff(w) => {
                    r[15] = w.approved_by().to_owned();
                    r[18] = w.reference().unwrap_or("").to_owned();
                    ("written_off", None)
                }
                Change::Retired { disposition } => match disposition {
                    Disposition::GiftedToEmployee { employee } => {
                        r[6] = "gifted_to_employee".into();
                        ("retired", Some(*employee))
                    }
                    other => {
                        r[6] = name(other);
                        ("retired", None)
                    }
                },
                Change::ReportedMissing { reason } => {
                    r[6] = name(reason);
                    ("reported_missing", None)
                }
                Change::Recovered => ("recovered", None),
                Change::Audited => ("audited", None),
            };
            r[2] = event.into();
            r[3] = opt(employee);
            events.push(r);
        }
    }
    let asset_columns: Vec<&str> = remit_ingest::Input::Assets
        .columns()
        .iter()
        .map(|c| c.name)
        .collect();
    files.insert("assets.csv".into(), csv(&asset_columns, assets));
    let event_columns: Vec<&str> = remit_ingest::Input::AssetEvents
        .columns()
        .iter()
        .map(|c| c.name)
        .collect();
    files.insert("asset_events.csv".into(), csv(&event_columns, events));

    // Benefits: one row per price.
    let mut benefits = Vec::new();
    for b in s.catalogue.benefits() {
        let e = b.eligibility();
        let modes: Vec<&str> = e.admitted_modes().map(|m| m.as_str()).collect();
        let json = serde_json::to_value(e).unwrap();
        let countries = json["countries"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|c| c.as_str().unwrap().to_owned())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        let level = |k: &str| json[k].as_u64().map_or_else(String::new, |v| v.to_string());
        let paired: Vec<String> = s
            .catalogue
            .pairings()
            .iter()
            .filter(|p| p.onsite() == b.id())
            .map(|p| p.counterpart().to_string())
            .collect();
        let prices = b
            .default_valuation()
            .map(|v| (None, *v))
            .into_iter()
            .chain(b.country_valuations().iter().map(|(c, v)| (Some(*c), *v)));
        for (country, v) in prices {
            let (kind, uses) = match v {
                Valuation::Annual(_) => ("annual", String::new()),
                Valuation::PerUse { uses_per_year, .. } => ("per_use", uses_per_year.to_string()),
            };
            benefits.push(vec![
                b.id().to_string(),
                b.name().to_owned(),
                name(&b.category()),
                modes.join(" "),
                kind.into(),
                v.unit_cost().amount().to_string(),
                v.unit_cost().currency().to_string(),
                uses,
                country.map_or_else(String::new, |c| c.as_str().to_owned()),
                name(&b.proration()),
                name(&b.tax()),
                countries.clone(),
                level("min_level"),
                level("max_level"),
                e_min_tenure(&json),
                paired.join(" "),
            ]);
        }
    }
    let benefit_columns: Vec<&str> = remit_ingest::Input::Benefits
        .columns()
        .iter()
        .map(|c| c.name)
        .collect();
    files.insert("benefits.csv".into(), csv(&benefit_columns, benefits));
    let mut enrolments = Vec::new();
    for employee in s.enrolments.employees() {
        let days = s
            .enrolments
            .office_days(employee)
            .map_or_else(String::new, |d| d.get().to_string());
        for (benefit, uses) in s.enrolments.benefits_of(employee) {
            enrolments.push(vec![
                employee.to_string(),
                benefit.to_string(),
                opt(uses),
                days.clone(),
            ]);
        }
    }
    files.insert(
        "enrolments.csv".into(),
        csv(
            &["employee_id", "benefit_id", "uses_per_year", "office_days"],
            enrolments,
        ),
    );
    let rates: Vec<Vec<String>> = s
        .rates
        .rates()
        .map(|(c, r)| vec![c.to_string(), s.rates.base().to_string(), r.to_string()])
        .collect();
    files.insert(
        "exchange_rates.csv".into(),
        csv(&["currency", "base", "rate"], rates),
    );

    // Promotion: the analysis-ready table.
    let mut keys: Vec<String> = Vec::new();
    for i in 0..s.promotion.len() {
        for (k, _) in s.promotion.record(i).unwrap().attributes() {
            if !keys.iter().any(|x| x == k) {
                keys.push(k.to_owned());
            }
        }
    }
    let mut header: Vec<String> = remit_ingest::promotion_csv::REQUIRED
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    header.extend(keys.iter().cloned());
    let promotion: Vec<Vec<String>> = (0..s.promotion.len())
        .map(|i| {
            let r = s.promotion.record(i).unwrap();
            let mut row = vec![
                r.employee().to_string(),
                r.work_mode().to_string(),
                r.level().rank().to_string(),
                r.department().as_str().to_owned(),
                r.performance().to_string(),
                r.tenure_months().to_string(),
                u8::from(r.promoted()).to_string(),
                r.months_to_event().to_string(),
            ];
            row.extend(keys.iter().map(|k| r.attribute(k).unwrap_or("").to_owned()));
            row
        })
        .collect();
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    files.insert("promotions.csv".into(), csv(&header_refs, promotion));

    // Wellbeing.
    let weeks = s.panel.weeks();
    let week_start = org.as_of() - chrono::Days::new(7 * weeks as u64);
    let mut signals = Vec::new();
    for (row, employee) in s.panel.employees().iter().enumerate() {
        for w in 0..weeks {
            let mut r = vec![
                employee.to_string(),
                (week_start + chrono::Days::new(7 * w as u64)).to_string(),
            ];
            for signal in Signal::ALL {
                r.push(s.panel.series(row, signal).unwrap()[w].to_string());
            }
            signals.push(r);
        }
    }
    let mut signal_header = vec!["employee_id", "week_start"];
    signal_header.extend(Signal::ALL.iter().map(|s| s.as_str()));
    files.insert("signals_weekly.csv".into(), csv(&signal_header, signals));
    let items: Vec<String> = Who5::new()
        .items()
        .iter()
        .chain(Cbi::new().items())
        .map(|i| i.id().as_str().to_owned())
        .collect();
    let mut responses = Vec::new();
    for (r, employee) in s.respondents.iter().enumerate() {
        for (i, item) in items.iter().enumerate() {
            responses.push(vec![
                employee.to_string(),
                item.clone(),
                opt(s.codes[r * items.len() + i]),
            ]);
        }
    }
    files.insert(
        "responses.csv".into(),
        csv(&["respondent_id", "item", "value"], responses),
    );

    // Tools.
    let mut tools = Vec::new();
    let mut seats = Vec::new();
    for t in s.inventory.tools() {
        let caps = |set: remit_collab_tools::inventory::CapabilitySet| {
            set.iter().map(|c| name(&c)).collect::<Vec<_>>().join(" ")
        };
        let l = t.licence();
        tools.push(vec![
            t.id().to_string(),
            t.name().to_owned(),
            name(&t.category()),
            name(&t.sync_level()),
            caps(t.enabled()),
            caps(t.available()),
            opt(l.map(|l| l.seats())),
            opt(l.map(|l| l.price_per_seat().amount())),
            opt(l.map(|l| l.currency())),
            l.map_or_else(String::new, |l| name(&l.billing())),
            opt(l.map(|l| l.renewal())),
            opt(t.chat_retention_days()),
        ]);
        for seat in t.seats() {
            seats.push(vec![
                t.id().to_string(),
                seat.user().to_string(),
                opt(seat.last_active()),
            ]);
        }
    }
    let tool_columns: Vec<&str> = remit_ingest::Input::Tools
        .columns()
        .iter()
        .map(|c| c.name)
        .collect();
    files.insert("tools.csv".into(), csv(&tool_columns, tools));
    files.insert(
        "seats.csv".into(),
        csv(&["tool_id", "employee_id", "last_active"], seats),
    );
    let mut teams = Vec::new();
    for team in &s.teams {
        for m in team.members() {
            let h = m.hours();
            let days: Vec<&str> = [
                chrono::Weekday::Mon,
                chrono::Weekday::Tue,
                chrono::Weekday::Wed,
                chrono::Weekday::Thu,
                chrono::Weekday::Fri,
                chrono::Weekday::Sat,
                chrono::Weekday::Sun,
            ]
            .iter()
            .filter(|d| m.workdays().contains(**d))
            .map(|d| match d {
                chrono::Weekday::Mon => "mon",
                chrono::Weekday::Tue => "tue",
                chrono::Weekday::Wed => "wed",
                chrono::Weekday::Thu => "thu",
                chrono::Weekday::Fri => "fri",
                chrono::Weekday::Sat => "sat",
                chrono::Weekday::Sun => "sun",
            })
            .collect();
            teams.push(vec![
                team.id().to_string(),
                m.id().to_string(),
                format!("{:02}:{:02}", h.start_minute() / 60, h.start_minute() % 60),
                h.length_minutes().to_string(),
                days.join(" "),
                m.zone().name().to_owned(),
                team.name().unwrap_or("").to_owned(),
            ]);
        }
    }
    files.insert(
        "teams.csv".into(),
        csv(
            &[
                "team_id",
                "employee_id",
                "work_start",
                "work_minutes",
                "workdays",
                "time_zone",
                "team_name",
            ],
            teams,
        ),
    );
    files
}

fn e_min_tenure(json: &serde_json::Value) -> String {
    json["min_tenure_months"]
        .as_u64()
        .map_or_else(String::new, |v| v.to_string())
}
