//! Helpers shared by the integration tests: an engine, a date, audits of a table or of
//! records, synthetic histories.
#![allow(dead_code, reason = "shared by several targets, each using a part")]

use chrono::NaiveDate;
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_core::{Department, EmployeeId, JobLevel, WorkMode};
use remit_promotion_bias::{
    Config, Inputs, PromotionRecord, PromotionReport, PromotionTable, audit,
};
use remit_synth::promotion::{PromotionSynthConfig, promotion_history};
use remit_synth::{SynthConfig, generate};

/// The day after every test's observation window.
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
}

/// A fresh engine with the default policy (minimum 5) and a release log.
pub fn engine() -> Disclosure {
    Disclosure::new(DisclosurePolicy::default().with_release_log())
}

/// The default configuration.
pub fn config() -> Config {
    Config::new(as_of())
}

/// Audits a table with `config` on a fresh engine.
pub fn audit_table(table: &PromotionTable, config: &Config) -> PromotionReport {
    audit(&Inputs::from_table(table), config, &mut engine()).unwrap()
}

/// Audits records with the default configuration on a fresh engine.
pub fn audit_records(records: &[PromotionRecord]) -> PromotionReport {
    audit_table(&PromotionTable::from_records(records), &config())
}

/// The promotion table of a synthetic organisation with `planted` effects.
pub fn synthetic(employees: usize, seed: u64, planted: &PromotionSynthConfig) -> PromotionTable {
    let org = generate(&SynthConfig::new(employees, seed)).unwrap();
    promotion_history(&org, planted).unwrap().into_table()
}

/// A record with a level cycling 1–3, ratings 1–5, promoted or not.
pub fn record(i: u32, mode: WorkMode, promoted: bool) -> PromotionRecord {
    PromotionRecord::builder(EmployeeId::from_external(&format!("E-{i}")))
        .work_mode(mode)
        .level(JobLevel::new(1 + (i % 3) as u8))
        .department(Department::new("Ops").unwrap())
        .performance(f64::from(1 + i % 5))
        .tenure_months(f64::from(i % 40))
        .promoted(promoted)
        .months_to_event(if promoted {
            1.0 + f64::from(i % 11)
        } else {
            12.0
        })
        .build()
        .unwrap()
}
