//! What the wellbeing integration tests share: the small organisations they build and
//! the engines they audit with.

#![allow(dead_code, reason = "each test file uses a different part")]

use chrono::NaiveDate;
use chrono_tz::Tz;
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_core::{CountryCode, Department, Employee, EmployeeId, JobLevel, Roster, WorkMode};
use remit_wellbeing::{Config, Error, Inputs, SignalPanel, SurveyResults, WellbeingReport, audit};

/// The as-of date of the tests' reports.
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// Employee `i` of a tree-shaped organisation with fan-out `fanout` (the first person
/// has no manager; person `i` reports to `(i - 1) / fanout`): level 2, hired on
/// 2020-01-01, in `country` and `time_zone`, in `department`.
pub fn tree_member(
    ids: &[EmployeeId],
    i: usize,
    fanout: usize,
    mode: WorkMode,
    (country, time_zone): (&str, Tz),
    department: &str,
) -> Employee {
    let mut builder = Employee::builder(ids[i])
        .work_mode(mode)
        .country(CountryCode::new(country).unwrap())
        .time_zone(time_zone)
        .level(JobLevel::new(2))
        .department(Department::new(department).unwrap())
        .hired_on(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
    if i > 0 {
        builder = builder.manager(ids[(i - 1) / fanout]);
    }
    builder.build().unwrap()
}

/// A fresh engine with the default policy.
pub fn engine() -> Disclosure {
    Disclosure::new(DisclosurePolicy::default())
}

/// Audits `roster` with the default config on [`as_of`] through `engine`.
pub fn audit_with(
    roster: &Roster,
    surveys: &SurveyResults,
    panel: &SignalPanel,
    engine: &mut Disclosure,
) -> Result<WellbeingReport, Error> {
    audit(
        &Inputs::new(roster, surveys, panel),
        &Config::new(as_of()),
        engine,
    )
}
