//! Writes the sample export set under `examples/data/<name>/`: a synthetic organisation
//! with the flagship example's planted problems (`src/audit.rs` `PLANTED`), written in
//! the layouts real systems export, with the `remit.toml` that maps them.
//!
//! ```text
//! cargo run --release --example make_sample_exports -- [--people 2000] [--seed 42] [--out examples/data/acme]
//! ```
//!
//! | file | layout |
//! |---|---|
//! | `bamboohr_employees.csv` | BambooHR custom report: display labels, US dates, custom fields for work mode, level, time zone and rating; names and birth dates present (never read) |
//! | `bamboohr_job_info.csv` | BambooHR job-information history: one row per effective-dated change |
//! | `snipeit_hardware.csv` | Snipe-IT hardware export, a `Currency` custom field |
//! | `snipeit_activity.csv` | Snipe-IT activity report, newest first, with the target's employee number |
//! | `depot_events.csv` | the logistics and ITAD partner's log (canonical `asset_events` layout): shipments, returns, sanitisation certificates, retirements |
//! | `benefits.csv`, `exchange_rates.csv` | the benefit catalogue and rates (canonical) |
//! | `benefit_enrolments.csv` | a European benefits platform: `;` delimiter, decimal comma, D/M/Y dates |
//! | `m365_active_users.csv` | Microsoft 365 active-user detail (Exchange, OneDrive, SharePoint, Teams) |
//! | `okta_mfa_usage.csv` | Okta MFA Usage report, one row per user and factor |
//! | `saas_seats.csv` | the remaining tools' seats by work e-mail (canonical `seats`) |
//! | `tools.csv`, `teams.csv` | the tool contracts and teams (canonical) |
//! | `qualtrics_wellbeing.csv` | Qualtrics export: three header rows, WHO-5 and CBI coded from 1 |
//! | `viva_person_query.csv`, `viva_person_map.csv` | Viva Insights person query with hashed `PersonId`, and the HR upload's id map |
#![expect(
    clippy::disallowed_methods,
    reason = "an example is a program: it reads or writes files and times itself, which clippy.toml bans in library crates only"
)]

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use chrono::{Datelike, Days, Months, NaiveDate};
use remit_assets::{Change, Destination, Disposition};
use remit_benefits::Valuation;
use remit_collab_tools::inventory::Category as ToolCategory;
use remit_core::{EmployeeId, Workforce};
use remit_examples::cli::commands::{MAKE_SAMPLE_EXPORTS, SampleExportsOptions};
use remit_examples::outln;
use remit_examples::synthetic::OrganisationInputs;
use remit_synth::{SynthConfig, generate};
use remit_wellbeing::Signal;
use serde::Serialize;

fn main() -> ExitCode {
    MAKE_SAMPLE_EXPORTS.main(run)
}

/// A CSV file being written.
struct Csv(csv::Writer<Vec<u8>>);

impl Csv {
    fn new(header: &[&str]) -> Self {
        Self::with(b',', header)
    }

    fn with(delimiter: u8, header: &[&str]) -> Self {
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(Vec::new());
        w.write_record(header).unwrap_or(());
        Self(w)
    }

    fn row<S: AsRef<str>>(&mut self, fields: &[S]) {
        let _ = self.0.write_record(fields.iter().map(AsRef::as_ref));
    }

    fn save(self, dir: &Path, name: &str) -> Result<(), String> {
        let bytes = self.0.into_inner().map_err(|e| e.to_string())?;
        std::fs::write(dir.join(name), bytes).map_err(|e| format!("{name}: {e}"))
    }
}

fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn us(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.month(), d.day(), d.year())
}

fn dmy(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

const FIRST: [&str; 12] = [
    "Ana", "Ben", "Chloé", "Dev", "Eva", "Femi", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea",
];
const LAST: [&str; 10] = [
    "Silva", "Okafor", "Müller", "Tanaka", "Novak", "Haddad", "Rossi", "Kim", "Dubois", "Park",
];

/// A stand-in for Viva's hashed PersonId: 64 hex digits, derived from the employee number.
fn person_hash(number: &str) -> String {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut out = String::new();
    for round in 0u8..4 {
        let mut h = DefaultHasher::new();
        (number, round).hash(&mut h);
        let _ = write!(out, "{:016x}", h.finish());
    }
    out
}

fn run(
    SampleExportsOptions {
        employees,
        seed,
        out,
    }: SampleExportsOptions,
) -> Result<(), String> {
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;

    let org = generate(&SynthConfig::new(employees, seed)).map_err(|e| e.to_string())?;
    let inputs = OrganisationInputs::generate(&org)?;
    let as_of = org.as_of();
    let window_start = as_of
        .checked_sub_months(Months::new(12))
        .ok_or("window out of range")?;

    // Employee numbers and e-mails in roster order.
    let mut number: HashMap<EmployeeId, String> = HashMap::new();
    let mut email: HashMap<EmployeeId, String> = HashMap::new();
    for (i, e) in org.roster().iter().enumerate() {
        let n = format!("{}", 10_001 + i);
        email.insert(e.id(), format!("u{n}@acme.example"));
        number.insert(e.id(), n);
    }
    let num = |id: EmployeeId| number.get(&id).cloned().unwrap_or_default();
    let mail = |id: EmployeeId| email.get(&id).cloned().unwrap_or_default();

    // Promotions: who was promoted in the window, when, and their rating.
    let mut promoted: HashMap<EmployeeId, NaiveDate> = HashMap::new();
    let mut rating: HashMap<EmployeeId, f64> = HashMap::new();
    for i in 0..inputs.promotion.len() {
        let Some(r) = inputs.promotion.record(i) else {
            continue;
        };
        rating.insert(r.employee(), r.performance());
        if r.promoted() {
            // Months from the window's start to the end of the promotion day.
            let months = r.months_to_event();
            let whole = months.floor() as u32;
            let days = ((months - f64::from(whole)) * 30.0).floor() as u64;
            let on = window_start
                .checked_add_months(Months::new(whole))
                .and_then(|d| d.checked_add_days(Days::new(days)))
                .and_then(|d| d.pred_opt())
                .unwrap_or(window_start)
                .max(window_start)
                .min(as_of.pred_opt().unwrap_or(as_of));
            promoted.insert(r.employee(), on);
        }
    }

    // BambooHR employee report and job history.
    let mut people = Csv::new(&[
        "Employee #",
        "First Name",
        "Last Name",
        "Date of Birth",
        "Work Email",
        "Department",
        "Job Title",
        "Work Mode",
        "Country",
        "Time Zone",
        "Job Level",
        "Hire Date",
        "Termination Date",
        "Supervisor EID",
        "Gender",
        "Performance Rating",
    ]);
    let mut jobs = Csv::new(&[
        "Employee #",
        "Effective Date",
        "Job Level",
        "Department",
        "Job Title",
        "Reason",
    ]);
    for (i, e) in org.roster().iter().enumerate() {
        let level = e.level().rank();
        let now = if promoted.contains_key(&e.id()) {
            level.saturating_add(1)
        } else {
            level
        };
        let mode = match (e.work_mode(), i % 7) {
            (remit_core::WorkMode::Onsite, _) => "In Office",
            (remit_core::WorkMode::Hybrid, 0) => "Flex (2-3 days)",
            (remit_core::WorkMode::Hybrid, _) => "Hybrid",
            (remit_core::WorkMode::Remote, _) => "Fully Remote",
        };
        let born = NaiveDate::from_ymd_opt(
            1965 + (i % 35) as i32,
            1 + (i % 12) as u32,
            1 + (i % 28) as u32,
        )
        .unwrap_or(as_of);
        people.row(&[
            num(e.id()),
            FIRST[i % FIRST.len()].to_owned(),
            LAST[(i / FIRST.len()) % LAST.len()].to_owned(),
            us(born),
            mail(e.id()),
            e.department().as_str().to_owned(),
            format!("{} L{now}", e.department().as_str()),
            mode.to_owned(),
            e.country().as_str().to_owned(),
            e.time_zone().name().to_owned(),
            format!("L{now}"),
            us(e.hired_on()),
            e.left_on().map_or_else(String::new, us),
            e.manager().map(num).unwrap_or_default(),
            e.attribute("gender").unwrap_or("").to_owned(),
            rating
                .get(&e.id())
                .map_or_else(String::new, |r| r.to_string()),
        ]);
        jobs.row(&[
            num(e.id()),
            us(e.hired_on()),
            format!("L{level}"),
            e.department().as_str().to_owned(),
            format!("{} L{level}", e.department().as_str()),
            "Hire".to_owned(),
        ]);
        // A lateral move for some: not a promotion, whatever the reason says.
        if i % 19 == 0 && e.hired_on() < window_start {
            jobs.row(&[
                num(e.id()),
                us(window_start
                    .checked_add_days(Days::new(40))
                    .unwrap_or(window_start)),
                format!("L{level}"),
                e.department().as_str().to_owned(),
                format!("Senior {} L{level}", e.department().as_str()),
                "Promotion".to_owned(),
            ]);
        }
        if let Some(on) = promoted.get(&e.id()) {
            jobs.row(&[
                num(e.id()),
                us(*on),
                format!("L{now}"),
                e.department().as_str().to_owned(),
                format!("{} L{now}", e.department().as_str()),
                "Job Change".to_owned(),
            ]);
        }
        if let Some(left) = e.left_on() {
            jobs.row(&[
                num(e.id()),
                us(left),
                format!("L{now}"),
                e.department().as_str().to_owned(),
                String::new(),
                "Termination".to_owned(),
            ]);
        }
    }
    people.save(&out, "bamboohr_employees.csv")?;
    jobs.save(&out, "bamboohr_job_info.csv")?;

    // Snipe-IT hardware and activity, and the depot's log.
    let mut hardware = Csv::new(&[
        "Asset Tag",
        "Name",
        "Serial",
        "Model",
        "Category",
        "Status",
        "Purchase Date",
        "Purchase Cost",
        "Currency",
        "Warranty",
        "Depreciation Months",
        "Checked Out To",
    ]);
    let mut activity: Vec<Vec<String>> = Vec::new();
    let mut depot = Csv::new(
        &remit_ingest::Input::AssetEvents
            .columns()
            .iter()
            .map(|c| c.name)
            .collect::<Vec<_>>(),
    );
    let category_label = |c: remit_assets::Category| match c {
        remit_assets::Category::Laptop => "Laptops",
        remit_assets::Category::Desktop => "Desktops",
        remit_assets::Category::Phone => "Mobile Phones",
        remit_assets::Category::Tablet => "Tablets",
        remit_assets::Category::Monitor => "Monitors",
        remit_assets::Category::Headset => "Headsets",
        remit_assets::Category::Webcam => "Webcams",
        remit_assets::Category::Dock => "Docking Stations",
        remit_assets::Category::Keyboard => "Keyboards",
        remit_assets::Category::Mouse => "Mice",
        remit_assets::Category::ErgonomicChair => "Chairs",
        remit_assets::Category::Desk => "Desks",
    };
    for (k, t) in inputs.assets.iter().enumerate() {
        let a = t.asset();
        let mut first_received = true;
        let mut holder: Option<EmployeeId> = None;
        for env in t.log().entries() {
            let on = env.event().on();
            let snipe = |action: &str, target: Option<EmployeeId>| {
                vec![
                    format!("{on} {:02}:{:02}:00", 8 + (k % 9), (k * 7) % 60),
                    "it-admin".to_owned(),
                    action.to_owned(),
                    "Asset".to_owned(),
                    format!("{} ({})", category_label(a.category()), a.tag().as_str()),
                    a.tag().as_str().to_owned(),
                    target.map_or_else(String::new, |t| {
                        let i = number
                            .get(&t)
                            .and_then(|n| n.parse::<usize>().ok())
                            .unwrap_or(0);
                        format!(
                            "{} {}",
                            FIRST[i % FIRST.len()],
                            LAST[(i / FIRST.len()) % LAST.len()]
                        )
                    }),
                    target.map(num).unwrap_or_default(),
                    String::new(),
                ]
            };
            let mut d = vec![String::new(); 20];
            d[0] = a.tag().as_str().to_owned();
            d[1] = on.to_string();
            let event = match env.event().change() {
                Change::Received if first_received => {
                    first_received = false;
                    activity.push(snipe("create", None));
                    continue;
                }
                Change::Assigned { employee } => {
                    holder = Some(*employee);
                    activity.push(snipe("checkout", Some(*employee)));
                    continue;
                }
                Change::Audited => {
                    activity.push(snipe("audit", None));
                    continue;
                }
                Change::CheckedIn => {
                    activity.push(snipe("checkin from", holder));
                    continue;
                }
                Change::WrittenOff(w) => {
                    d[15] = w.approved_by().to_owned();
                    d[18] = w.reference().unwrap_or("").to_owned();
                    "written_off"
                }
                Change::Received => "received",
                Change::Reserved { employee } => {
                    d[3] = num(*employee);
                    "reserved"
                }
                Change::ReservationCancelled => "reservation_cancelled",
                Change::Shipped(s) => {
                    d[9] = s.carrier().to_owned();
                    d[10] = s.tracking().to_owned();
                    if let Some(c) = s.cost() {
                        d[7] = c.amount().to_string();
                        d[8] = c.currency().to_string();
                    }
                    match s.destination() {
                        Destination::Employee(e) => {
                            holder = Some(e);
                            d[3] = num(e);
                        }
                        Destination::Depot => d[11] = "depot".into(),
                    }
                    "shipped"
                }
                Change::Delivered => "delivered",
                Change::ReturnRequested { due, reason } => {
                    d[5] = due.to_string();
                    d[6] = name(reason);
                    "return_requested"
                }
                Change::RepairFlagged => "repair_flagged",
                Change::RepairStarted => "repair_started",
                Change::RepairCompleted { cost } => {
                    if let Some(c) = cost {
                        d[7] = c.amount().to_string();
                        d[8] = c.currency().to_string();
                    }
                    "repair_completed"
                }
                Change::Sanitised(r) => {
                    d[12] = name(&r.method());
                    d[13] = r.technique().to_owned();
                    d[14] = name(&r.verification());
                    d[15] = r.performed_by().to_owned();
                    d[16] = r.verified_by().unwrap_or("").to_owned();
                    d[17] = r.tool().unwrap_or("").to_owned();
                    d[18] = r.certificate().unwrap_or("").to_owned();
                    "sanitised"
                }
                Change::DisposalMarked => "disposal_marked",
                Change::Retired { disposition } => {
                    match disposition {
                        Disposition::GiftedToEmployee { employee } => {
                            d[3] = num(*employee);
                            d[6] = "gifted_to_employee".into();
                        }
                        other => d[6] = name(other),
                    }
                    "retired"
                }
                Change::ReportedMissing { reason } => {
                    d[6] = name(reason);
                    "reported_missing"
                }
                Change::Recovered => "recovered",
            };
            d[2] = event.into();
            depot.row(&d);
        }
        let status = match t.log().state().status() {
            remit_assets::Status::InUse { .. } => "Deployed",
            remit_assets::Status::Retired(_) => "Archived",
            _ => "Ready to Deploy",
        };
        hardware.row(&[
            a.tag().as_str().to_owned(),
            format!("{} {}", category_label(a.category()), k + 1),
            format!("SN{:08}", 7_919 * (k + 1)),
            "Standard issue".to_owned(),
            category_label(a.category()).to_owned(),
            status.to_owned(),
            a.purchased_on().to_string(),
            format!("{:.2}", a.cost().amount()),
            a.cost().currency().to_string(),
            a.warranty_months().to_string(),
            a.useful_life_months().to_string(),
            String::new(),
        ]);
    }
    hardware.save(&out, "snipeit_hardware.csv")?;
    // The activity report lists the newest first.
    activity.sort_by(|a, b| b[0].cmp(&a[0]));
    let mut report = Csv::new(&[
        "Date",
        "Admin",
        "Action",
        "Type",
        "Item",
        "Asset Tag",
        "To",
        "Target Employee Number",
        "Notes",
    ]);
    for r in &activity {
        report.row(r);
    }
    report.save(&out, "snipeit_activity.csv")?;
    depot.save(&out, "depot_events.csv")?;

    // Benefits: catalogue and rates (canonical), enrolments from a European platform.
    let mut catalogue = Csv::new(
        &remit_ingest::Input::Benefits
            .columns()
            .iter()
            .map(|c| c.name)
            .collect::<Vec<_>>(),
    );
    let benefit_code: HashMap<remit_core::BenefitId, String> = inputs
        .catalogue
        .benefits()
        .iter()
        .map(|b| (b.id(), b.name().to_lowercase().replace(' ', "-")))
        .collect();
    let code = |id: remit_core::BenefitId| benefit_code.get(&id).cloned().unwrap_or_default();
    for b in inputs.catalogue.benefits() {
        let e = serde_json::to_value(b.eligibility()).map_err(|e| e.to_string())?;
        let modes: Vec<&str> = b
            .eligibility()
            .admitted_modes()
            .map(|m| m.as_str())
            .collect();
        let countries = e["countries"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        let paired: Vec<String> = inputs
            .catalogue
            .pairings()
            .iter()
            .filter(|p| p.onsite() == b.id())
            .map(|p| code(p.counterpart()))
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
            catalogue.row(&[
                code(b.id()),
                b.name().to_owned(),
                name(&b.category()),
                modes.join(" "),
                kind.to_owned(),
                v.unit_cost().amount().to_string(),
                v.unit_cost().currency().to_string(),
                uses,
                country.map_or_else(String::new, |c| c.as_str().to_owned()),
                name(&b.proration()),
                name(&b.tax()),
                countries.clone(),
                opt(e["min_level"].as_u64()),
                opt(e["max_level"].as_u64()),
                opt(e["min_tenure_months"].as_u64().filter(|m| *m > 0)),
                paired.join(" "),
            ]);
        }
    }
    catalogue.save(&out, "benefits.csv")?;
    let mut rates = Csv::new(&["currency", "base", "rate"]);
    for (c, r) in inputs.rates.rates() {
        rates.row(&[
            c.to_string(),
            inputs.rates.base().to_string(),
            r.to_string(),
        ]);
    }
    rates.save(&out, "exchange_rates.csv")?;
    let mut enrolments = Csv::with(
        b';',
        &[
            "Employee ID",
            "Plan Code",
            "Plan Name",
            "Coverage Start",
            "Coverage End",
            "Annual Uses",
            "Office Days per Week",
        ],
    );
    let comma = |d: rust_decimal::Decimal| d.normalize().to_string().replace('.', ",");
    for employee in inputs.enrolments.employees() {
        let days = inputs
            .enrolments
            .office_days(employee)
            .map_or_else(String::new, |d| comma(d.get()));
        let start = org
            .roster()
            .employee(employee)
            .map_or(window_start, |e| e.hired_on().max(window_start));
        for (benefit, uses) in inputs.enrolments.benefits_of(employee) {
            let plan = inputs
                .catalogue
                .get(benefit)
                .map_or_else(String::new, |b| b.name().to_owned());
            enrolments.row(&[
                num(employee),
                code(benefit),
                plan,
                dmy(start),
                String::new(),
                uses.map_or_else(String::new, comma),
                days.clone(),
            ]);
        }
    }
    enrolments.save(&out, "benefit_enrolments.csv")?;

    // Tools: contracts, Microsoft 365, Okta, the other seats by e-mail, teams.
    let tool_code = |t: &remit_collab_tools::inventory::Tool| -> String {
        match (t.category(), t.name()) {
            (_, "SideChat") => "sidechat".to_owned(),
            (_, "ShadowBoard") => "shadowboard".to_owned(),
            (ToolCategory::Chat, _) => "teams".to_owned(),
            (ToolCategory::Email, _) => "exchange".to_owned(),
            (ToolCategory::Files, _) => "onedrive".to_owned(),
            (ToolCategory::Docs, _) => "sharepoint".to_owned(),
            (c, _) => name(&c),
        }
    };
    let mut tools = Csv::new(
        &remit_ingest::Input::Tools
            .columns()
            .iter()
            .map(|c| c.name)
            .collect::<Vec<_>>(),
    );
    let mut saas = Csv::new(&["tool_id", "email", "last_active"]);
    let mut m365: HashMap<EmployeeId, HashMap<&str, Option<NaiveDate>>> = HashMap::new();
    let mut last_seen: HashMap<EmployeeId, NaiveDate> = HashMap::new();
    for t in inputs.inventory.tools() {
        let code = tool_code(t);
        let caps = |set: remit_collab_tools::inventory::CapabilitySet| {
            set.iter().map(|c| name(&c)).collect::<Vec<_>>().join(" ")
        };
        let l = t.licence();
        tools.row(&[
            code.clone(),
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
        let product = match code.as_str() {
            "teams" => Some("Teams"),
            "exchange" => Some("Exchange"),
            "onedrive" => Some("OneDrive"),
            "sharepoint" => Some("SharePoint"),
            _ => None,
        };
        for seat in t.seats() {
            if let Some(last) = seat.last_active() {
                let held = last_seen.entry(seat.user()).or_insert(last);
                *held = (*held).max(last);
            }
            match product {
                Some(p) => {
                    m365.entry(seat.user())
                        .or_default()
                        .insert(p, seat.last_active());
                }
                None => saas.row(&[code.clone(), mail(seat.user()), opt(seat.last_active())]),
            }
        }
    }
    // Okta: one licensed seat per active employee, every one in use.
    let active: Vec<EmployeeId> = org
        .roster()
        .iter()
        .filter(|e| e.is_active_on(as_of))
        .map(|e| e.id())
        .collect();
    tools.row(&[
        "okta".to_owned(),
        "Okta".to_owned(),
        "other".to_owned(),
        "asynchronous".to_owned(),
        "sso scim enforced_mfa audit_log".to_owned(),
        String::new(),
        active.len().to_string(),
        "6.00".to_owned(),
        "USD".to_owned(),
        "monthly".to_owned(),
        as_of
            .checked_add_days(Days::new(200))
            .unwrap_or(as_of)
            .to_string(),
        String::new(),
    ]);
    tools.save(&out, "tools.csv")?;
    saas.save(&out, "saas_seats.csv")?;
    let mut okta = Csv::new(&[
        "User",
        "Login",
        "MFA Factor",
        "Last Enrolled_ISO8601",
        "Last Used_ISO8601",
    ]);
    for (i, id) in active.iter().enumerate() {
        let used = last_seen.get(id).copied().unwrap_or(as_of);
        let enrolled = org.roster().employee(*id).map_or(as_of, |e| e.hired_on());
        let user = format!(
            "{} {}",
            FIRST[i % FIRST.len()],
            LAST[(i / FIRST.len()) % LAST.len()]
        );
        okta.row(&[
            user.clone(),
            mail(*id),
            "Okta Verify".to_owned(),
            format!("{enrolled}T09:00:00.000Z"),
            format!("{used}T09:30:00.000Z"),
        ]);
        if i % 3 == 0 {
            let earlier = used.checked_sub_days(Days::new(20)).unwrap_or(used);
            okta.row(&[
                user,
                mail(*id),
                "FIDO2 (WebAuthn)".to_owned(),
                format!("{enrolled}T09:05:00.000Z"),
                format!("{earlier}T17:45:00.000Z"),
            ]);
        }
    }
    okta.save(&out, "okta_mfa_usage.csv")?;
    let products = [
        "Exchange",
        "OneDrive",
        "SharePoint",
        "Skype For Business",
        "Yammer",
        "Teams",
    ];
    let mut header: Vec<String> = [
        "Report Refresh Date",
        "User Principal Name",
        "Display Name",
        "Is Deleted",
        "Deleted Date",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    header.extend(products.iter().map(|p| format!("Has {p} License")));
    header.extend(products.iter().map(|p| format!("{p} Last Activity Date")));
    header.extend(products.iter().map(|p| format!("{p} License Assign Date")));
    header.push("Assigned Products".to_owned());
    let mut report = Csv::new(&header.iter().map(String::as_str).collect::<Vec<_>>());
    for (i, id) in active.iter().enumerate() {
        let held = m365.get(id).cloned().unwrap_or_default();
        let mut row = vec![
            as_of.to_string(),
            mail(*id),
            format!(
                "{} {}",
                FIRST[i % FIRST.len()],
                LAST[(i / FIRST.len()) % LAST.len()]
            ),
            "False".to_owned(),
            String::new(),
        ];
        row.extend(products.iter().map(|p| {
            if held.contains_key(p) {
                "True"
            } else {
                "False"
            }
            .to_owned()
        }));
        row.extend(products.iter().map(|p| {
            held.get(p)
                .copied()
                .flatten()
                .map_or_else(String::new, |d| d.to_string())
        }));
        let hired = org.roster().employee(*id).map_or(as_of, |e| e.hired_on());
        row.extend(products.iter().map(|p| {
            if held.contains_key(p) {
                hired.to_string()
            } else {
                String::new()
            }
        }));
        row.push("OFFICE 365 E3".to_owned());
        report.row(&row);
    }
    report.save(&out, "m365_active_users.csv")?;
    let mut teams = Csv::new(&[
        "team_id",
        "employee_id",
        "work_start",
        "work_minutes",
        "workdays",
        "time_zone",
    ]);
    for (i, team) in inputs.teams.iter().enumerate() {
        for m in team.members() {
            let h = m.hours();
            teams.row(&[
                format!("team-{:03}", i + 1),
                num(m.id()),
                format!("{:02}:{:02}", h.start_minute() / 60, h.start_minute() % 60),
                h.length_minutes().to_string(),
                "mon tue wed thu fri".to_owned(),
                m.zone().name().to_owned(),
            ]);
        }
    }
    teams.save(&out, "teams.csv")?;

    // Qualtrics: three header rows, codes from 1, some unfinished responses.
    let width = 24;
    let mut names: Vec<String> = [
        "StartDate",
        "EndDate",
        "Status",
        "IPAddress",
        "Progress",
        "Duration (in seconds)",
        "Finished",
        "RecordedDate",
        "ResponseId",
        "RecipientLastName",
        "RecipientFirstName",
        "RecipientEmail",
        "ExternalReference",
        "LocationLatitude",
        "LocationLongitude",
        "DistributionChannel",
        "UserLanguage",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let items: Vec<String> = (1..=5)
        .map(|i| format!("Q1_{i}"))
        .chain((1..=19).map(|i| format!("Q2_{i}")))
        .collect();
    names.extend(items.iter().cloned());
    let mut survey = Csv::new(&names.iter().map(String::as_str).collect::<Vec<_>>());
    let texts: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            if i < 17 {
                n.clone()
            } else {
                format!("Wellbeing pulse - item {n}")
            }
        })
        .collect();
    survey.row(&texts);
    let imports: Vec<String> = names
        .iter()
        .map(|n| format!("{{\"ImportId\":\"{}\"}}", n.replace('_', "_QID")))
        .collect();
    survey.row(&imports);
    let recorded = as_of.checked_sub_days(Days::new(14)).unwrap_or(as_of);
    for (r, id) in inputs.respondents.iter().enumerate() {
        let codes = inputs.codes.get(r * width..(r + 1) * width).unwrap_or(&[]);
        let mut row = vec![
            format!("{recorded} 09:00:00"),
            format!("{recorded} 09:06:00"),
            "IP Address".to_owned(),
            String::new(),
            "100".to_owned(),
            "360".to_owned(),
            "1".to_owned(),
            format!("{recorded} 09:06:01"),
            format!("R_{:015}", r + 1),
            String::new(),
            String::new(),
            mail(*id),
            num(*id),
            String::new(),
            String::new(),
            "email".to_owned(),
            "EN".to_owned(),
        ];
        row.extend(
            codes
                .iter()
                .map(|c| c.map_or_else(String::new, |c| (c + 1).to_string())),
        );
        survey.row(&row);
        if r % 25 == 0 {
            // An abandoned attempt: not finished, not read.
            let mut partial = row.clone();
            partial[4] = "40".to_owned();
            partial[6] = "0".to_owned();
            partial[8] = format!("R_P{:014}", r + 1);
            for cell in partial.iter_mut().skip(17 + 8) {
                cell.clear();
            }
            survey.row(&partial);
        }
    }
    survey.save(&out, "qualtrics_wellbeing.csv")?;

    // Viva Insights person query and the id map of the HR upload.
    let mut viva = Csv::new(&[
        "PersonId",
        "MetricDate",
        "Collaboration_hours",
        "Meeting_hours",
        "Email_hours",
        "After_hours_collaboration_hours",
        "Weekend_collaboration_hours",
        "Uninterrupted_hours",
        "Internal_network_size",
        "Organization",
        "LevelDesignation",
        "IsActive",
    ]);
    let mut map = Csv::new(&["employee_id", "pseudonym"]);
    let weeks = inputs.panel.weeks();
    let first_week = as_of
        .checked_sub_days(Days::new(
            7 * weeks as u64 + u64::from(as_of.weekday().num_days_from_sunday()),
        ))
        .unwrap_or(as_of);
    for (row, id) in inputs.panel.employees().iter().enumerate() {
        let n = num(*id);
        let hash = person_hash(&n);
        map.row(&[n, hash.clone()]);
        let e = org.roster().employee(*id);
        for w in 0..weeks {
            let v = |s: Signal| {
                inputs
                    .panel
                    .series(row, s)
                    .and_then(|x| x.get(w).copied())
                    .unwrap_or(0.0)
            };
            viva.row(&[
                hash.clone(),
                us(first_week
                    .checked_add_days(Days::new(7 * w as u64))
                    .unwrap_or(first_week)),
                format!("{:.2}", v(Signal::CollaborationHours)),
                format!("{:.2}", v(Signal::MeetingHours)),
                "3.5".to_owned(),
                format!("{:.2}", v(Signal::AfterHoursHours)),
                format!("{:.2}", v(Signal::WeekendHours)),
                format!("{:.2}", v(Signal::FocusHours)),
                "42".to_owned(),
                e.as_ref()
                    .map_or_else(String::new, |e| e.department().as_str().to_owned()),
                e.as_ref()
                    .map_or_else(String::new, |e| format!("L{}", e.level().rank())),
                "TRUE".to_owned(),
            ]);
        }
    }
    viva.save(&out, "viva_person_query.csv")?;
    map.save(&out, "viva_person_map.csv")?;

    std::fs::write(
        out.join("remit.toml"),
        REMIT_TOML.replace("{as_of}", &as_of.to_string()),
    )
    .map_err(|e| e.to_string())?;
    outln!(
        "wrote {} people, {} assets, {} tools, {} respondents to {}",
        org.roster().len(),
        inputs.assets.len(),
        inputs.inventory.tools().len() + 1,
        inputs.respondents.len(),
        out.display()
    );
    Ok(())
}

const REMIT_TOML: &str = r#"# How remit reads this directory: `cargo run --release --example remote_work_audit -- --data <dir>`.
# Every file names the canonical input it feeds, a built-in profile where one fits, and
# what differs from the profile. docs/data-formats.md documents the inputs and profiles.
as_of = "{as_of}"

[[files]]
name = "bamboohr_employees.csv"
input = "people"
profile = "bamboohr_employees"
dates = "us"
attributes = ["Gender"]
[files.values.work_mode]
"Flex (2-3 days)" = "hybrid"

[[files]]
name = "bamboohr_job_info.csv"
input = "job_events"
profile = "bamboohr_job_info"
dates = "us"

[[files]]
name = "snipeit_hardware.csv"
input = "assets"
profile = "snipeit_hardware"
[files.columns]
currency = "Currency"

[[files]]
name = "snipeit_activity.csv"
input = "asset_events"
profile = "snipeit_activity"

[[files]]
name = "depot_events.csv"
input = "asset_events"

[[files]]
name = "benefits.csv"
input = "benefits"

[[files]]
name = "exchange_rates.csv"
input = "exchange_rates"

[[files]]
name = "benefit_enrolments.csv"
input = "enrolments"
delimiter = ";"
decimal = "comma"
dates = "dmy"
[files.columns]
employee_id = "Employee ID"
benefit_id = "Plan Code"
start_date = "Coverage Start"
end_date = "Coverage End"
uses_per_year = "Annual Uses"
office_days = "Office Days per Week"

[[files]]
name = "tools.csv"
input = "tools"

[[files]]
name = "m365_active_users.csv"
input = "seats"
profile = "m365_active_users"
[files.tools]
Exchange = "exchange"
OneDrive = "onedrive"
SharePoint = "sharepoint"
Teams = "teams"

[[files]]
name = "okta_mfa_usage.csv"
input = "seats"
profile = "okta_mfa_usage"
[files.tools]
tool = "okta"

[[files]]
name = "saas_seats.csv"
input = "seats"

[[files]]
name = "teams.csv"
input = "teams"

[[files]]
name = "viva_person_map.csv"
input = "identity"

[[files]]
name = "viva_person_query.csv"
input = "signals"
profile = "viva_person_query"

[[files]]
name = "qualtrics_wellbeing.csv"
input = "responses"
profile = "qualtrics_wide"
[files.wide]
Q1_1 = "who5.1"
Q1_2 = "who5.2"
Q1_3 = "who5.3"
Q1_4 = "who5.4"
Q1_5 = "who5.5"
Q2_1 = "cbi.personal.1"
Q2_2 = "cbi.personal.2"
Q2_3 = "cbi.personal.3"
Q2_4 = "cbi.personal.4"
Q2_5 = "cbi.personal.5"
Q2_6 = "cbi.personal.6"
Q2_7 = "cbi.work.1"
Q2_8 = "cbi.work.2"
Q2_9 = "cbi.work.3"
Q2_10 = "cbi.work.4"
Q2_11 = "cbi.work.5"
Q2_12 = "cbi.work.6"
Q2_13 = "cbi.work.7"
Q2_14 = "cbi.client.1"
Q2_15 = "cbi.client.2"
Q2_16 = "cbi.client.3"
Q2_17 = "cbi.client.4"
Q2_18 = "cbi.client.5"
Q2_19 = "cbi.client.6"
# The survey coded answers from 1; the instruments score from 0.
[files.values.value]
"1" = "0"
"2" = "1"
"3" = "2"
"4" = "3"
"5" = "4"
"6" = "5"
"#;
