//! Canonical CSV files for the ingest benchmark and `ingest_cpu`: people with job
//! history, and assets with ten events each, generated directly as text.
#![allow(
    dead_code,
    reason = "shared by the ingest bench and `ingest_cpu`, each using a part"
)]
#![expect(
    clippy::disallowed_methods,
    reason = "the scale is read from INGEST_BENCH_SCALE; clippy.toml bans the environment in library crates only"
)]

use std::fmt::Write as _;

use chrono::{Days, NaiveDate};
use remit_ingest::{FileConfig, Input, ReadConfig};

const MODES: [&str; 3] = ["onsite", "hybrid", "remote"];
const PLACES: [(&str, &str); 4] = [
    ("DE", "Europe/Berlin"),
    ("PT", "Europe/Lisbon"),
    ("US", "America/New_York"),
    ("PH", "Asia/Manila"),
];
const DEPARTMENTS: [&str; 5] = ["Engineering", "Sales", "Support", "Operations", "Finance"];

pub fn scale() -> usize {
    std::env::var("INGEST_BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
        .max(1)
}

pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).expect("valid date")
}

/// `people.csv` of `n` people (a manager tree ten wide) and, optionally, their job
/// history.
pub fn people(n: usize, with_jobs: bool) -> (String, String) {
    let base = NaiveDate::from_ymd_opt(2015, 1, 5).expect("valid date");
    let mut people = String::with_capacity(n * 110);
    people.push_str(
        "employee_id,work_mode,country,time_zone,level,department,manager_id,hire_date,termination_date,email,performance\n",
    );
    let mut jobs = String::with_capacity(if with_jobs { n * 40 } else { 0 });
    jobs.push_str("employee_id,effective_date,level,event\n");
    for i in 0..n {
        let (country, zone) = PLACES[i % PLACES.len()];
        let level = 1 + (i * 7 / 3) % 6;
        let hired = base + Days::new((i % 3_500) as u64);
        let manager = if i == 0 {
            String::new()
        } else {
            format!("E{}", (i - 1) / 10)
        };
        let left = if i % 10 == 9 {
            (hired + Days::new(400)).to_string()
        } else {
            String::new()
        };
        let _ = writeln!(
            people,
            "E{i},{},{country},{zone},{level},{},{manager},{hired},{left},e{i}@example.com,{}",
            MODES[i % 3],
            DEPARTMENTS[i % DEPARTMENTS.len()],
            1 + i % 5
        );
        if with_jobs {
            let _ = writeln!(jobs, "E{i},{hired},{level},hire");
            if i % 5 == 0 {
                let on = as_of() - Days::new(30 + (i % 300) as u64);
                if on > hired {
                    let _ = writeln!(jobs, "E{i},{on},{},promotion", level + 1);
                }
            }
        }
    }
    (people, jobs)
}

/// `assets.csv` and `asset_events.csv`: `n` assets, ten events each, held by `holders`
/// people.
pub fn assets(n: usize, holders: usize) -> (String, String) {
    let bought = NaiveDate::from_ymd_opt(2023, 1, 9).expect("valid date");
    let mut assets = String::with_capacity(n * 60);
    assets.push_str("asset_tag,category,purchase_date,purchase_cost,currency,useful_life_months,warranty_months\n");
    let mut events = String::with_capacity(n * 10 * 40);
    events.push_str("asset_tag,occurred_on,event,employee_id\n");
    let categories = ["laptop", "monitor", "headset", "ergonomic_chair", "dock"];
    for i in 0..n {
        let on = bought + Days::new((i % 300) as u64);
        let _ = writeln!(
            assets,
            "A{i},{},{on},{}.00,EUR,36,24",
            categories[i % categories.len()],
            200 + i % 1_500
        );
        let holder = i % holders;
        let _ = writeln!(events, "A{i},{on},received,");
        let _ = writeln!(events, "A{i},{},assigned,E{holder}", on + Days::new(1));
        for k in 0..8u64 {
            let _ = writeln!(events, "A{i},{},audited,", on + Days::new(30 + 60 * k));
        }
    }
    (assets, events)
}

pub fn config(files: &[(&str, Input)]) -> ReadConfig {
    ReadConfig {
        files: files
            .iter()
            .map(|(name, input)| FileConfig::canonical(*name, *input))
            .collect(),
        ..ReadConfig::canonical(as_of())
    }
}
