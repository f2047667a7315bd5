//! Small hand-made workforces for the equity and remediation tests: one benefit whose
//! per-use price is one cent, so each employee's value is exactly the cents given.
#![allow(dead_code, reason = "each test file uses a part")]

use chrono::{Months, NaiveDate};
use remit_benefits::{Benefit, Catalogue, Enrolments, Valuation};
use remit_core::{
    BenefitId, CountryCode, Currency, Department, Employee, EmployeeId, JobLevel, Money, Roster,
    WorkMode,
};
use rust_decimal::Decimal;

/// One employee: work mode, level, country, tenure in months, annual value in cents
/// (negative: no enrolment at all).
pub type Person = (WorkMode, u8, &'static str, u32, i64);

pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

pub fn eur() -> Currency {
    Currency::new("EUR").unwrap()
}

/// A deterministic wobble in `[-1, 1]` (no randomness in tests).
pub fn wobble(i: usize) -> f64 {
    ((i as f64 * 12.9898).sin() * 43_758.545).fract() * 2.0 - 1.0
}

/// `count` employees of a mode in a cell, worth `base × (1 + effect)` with `±spread`
/// relative noise.
pub fn staff_with_spread(
    out: &mut Vec<Person>,
    mode: WorkMode,
    level: u8,
    country: &'static str,
    count: usize,
    effect: f64,
    spread: f64,
) {
    for _ in 0..count {
        let i = out.len();
        let base = 3_000.0 * (1.0 + 0.2 * f64::from(level)) * (1.0 + effect);
        let value = base * (1.0 + spread * wobble(i));
        out.push((
            mode,
            level,
            country,
            (i % 97) as u32,
            (value * 100.0).round() as i64,
        ));
    }
}

/// As [`staff_with_spread`] with ±5% noise.
pub fn staff(
    out: &mut Vec<Person>,
    mode: WorkMode,
    level: u8,
    country: &'static str,
    count: usize,
    effect: f64,
) {
    staff_with_spread(out, mode, level, country, count, effect, 0.05);
}

pub fn employee(i: usize, person: &Person) -> Employee {
    let &(mode, level, country, tenure, _) = person;
    Employee::builder(EmployeeId::from_external(&format!("E{i}")))
        .work_mode(mode)
        .country(CountryCode::new(country).unwrap())
        .time_zone(remit_core::chrono_tz::UTC)
        .level(JobLevel::new(level))
        .department(Department::new("D").unwrap())
        .hired_on(as_of().checked_sub_months(Months::new(tenure)).unwrap())
        .build()
        .unwrap()
}

/// The roster, a catalogue of a one-cent "value" benefit and an `extra` one, and the
/// enrolments: each person's cents in "value", plus `extra(i)` cents in "extra".
pub fn setup_with(
    people: &[Person],
    extra: impl Fn(usize) -> Option<Decimal>,
) -> (Roster, Catalogue, Enrolments) {
    // Expected use a million cents (10 000 EUR): every test value is an actual use,
    // and the catalogue's value bounds what a group comparison clips at (ten times it).
    let cent = |id: &str| {
        Benefit::builder(BenefitId::from_external(id), id)
            .valuation(Valuation::per_use(
                Money::new(Decimal::new(1, 2), eur()),
                Decimal::from(1_000_000),
            ))
            .build()
            .unwrap()
    };
    let (value, bonus) = (cent("value"), cent("extra"));
    let catalogue = Catalogue::builder()
        .benefit(value.clone())
        .benefit(bonus.clone())
        .build()
        .unwrap();
    let mut enrolments = Enrolments::new(&catalogue);
    let mut employees = Vec::new();
    for (i, person) in people.iter().enumerate() {
        let e = employee(i, person);
        if person.4 >= 0 {
            enrolments
                .enrol_with_uses(e.id(), value.id(), Decimal::from(person.4))
                .unwrap();
        }
        if let Some(cents) = extra(i) {
            enrolments
                .enrol_with_uses(e.id(), bonus.id(), cents)
                .unwrap();
        }
        employees.push(e);
    }
    (Roster::new(employees).unwrap(), catalogue, enrolments)
}

pub fn setup(people: &[Person]) -> (Roster, Catalogue, Enrolments) {
    setup_with(people, |_| None)
}

/// A disclosure engine with minimum group size `min` (1 publishes every non-empty
/// group: for tests of the model rather than of privacy) and a release log.
pub fn engine(min: u32) -> remit_core::disclosure::Disclosure {
    use remit_core::disclosure::{Disclosure, DisclosurePolicy, MinGroupSize};
    Disclosure::new(
        DisclosurePolicy::default()
            .with_min_group(MinGroupSize::new(min).unwrap())
            .with_release_log(),
    )
}

/// The audit of `people` valued in EUR at employer cost, with the default config,
/// through `disclosure`.
pub fn audit_with(
    people: &[Person],
    disclosure: &mut remit_core::disclosure::Disclosure,
) -> remit_benefits::BenefitsReport {
    let (roster, catalogue, enrolments) = setup(people);
    let rates = remit_benefits::ExchangeRates::new(eur());
    remit_benefits::audit(
        &remit_benefits::Inputs::new(&roster, &catalogue, &enrolments, &rates),
        &remit_benefits::Config::new(as_of()),
        disclosure,
    )
    .unwrap()
}

/// The audit of `people` through an engine that publishes every non-empty group, for
/// tests of the model rather than of privacy.
pub fn audit_all(people: &[Person]) -> remit_benefits::BenefitsReport {
    audit_with(people, &mut engine(1))
}
