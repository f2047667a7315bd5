//! An enrolment call that returns an error has changed nothing: every line is checked
//! before any is written, and a failed bulk load is undone whole.

use chrono::NaiveDate;
use remit_benefits::{
    Benefit, Catalogue, Config, Enrolments, Error, ExchangeRates, Inputs, OfficeDays, Valuation,
    value_employees,
};
use remit_core::{
    BenefitId, CountryCode, Currency, Department, Employee, EmployeeId, JobLevel, Money, Roster,
    WorkMode,
};
use rust_decimal::Decimal;

fn catalogue(n: usize) -> (Catalogue, Vec<BenefitId>) {
    let eur = Currency::new("EUR").unwrap();
    let benefits: Vec<Benefit> = (0..n)
        .map(|i| {
            Benefit::builder(BenefitId::from_external(&format!("b{i}")), format!("b{i}"))
                .valuation(Valuation::per_use(
                    Money::new(Decimal::from(10), eur),
                    Decimal::from(12),
                ))
                .build()
                .unwrap()
        })
        .collect();
    let ids = benefits.iter().map(Benefit::id).collect();
    (
        Catalogue::builder().benefits(benefits).build().unwrap(),
        ids,
    )
}

fn person(id: &str) -> Employee {
    Employee::builder(EmployeeId::from_external(id))
        .work_mode(WorkMode::Remote)
        .country(CountryCode::new("DE").unwrap())
        .time_zone(remit_core::chrono_tz::UTC)
        .level(JobLevel::new(1))
        .department(Department::new("D").unwrap())
        .hired_on(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap())
        .build()
        .unwrap()
}

#[test]
fn an_unknown_benefit_in_enrol_all_leaves_no_record_behind() {
    let (catalogue, ids) = catalogue(2);
    let (alice, typo) = (person("alice"), person("alise"));
    let mut enrolments = Enrolments::new(&catalogue);
    enrolments.enrol(alice.id(), ids[0]).unwrap();
    let before = enrolments.clone();
    // A loader's row for a mistyped employee also names a benefit the catalogue lacks.
    let unknown = BenefitId::from_external("gym-old");
    let err = enrolments
        .enrol_all(typo.id(), [(ids[1], None), (unknown, None)])
        .unwrap_err();
    assert!(
        matches!(&err, Error::UnknownBenefit { benefit, context }
            if *benefit == unknown && context.contains(&typo.id().to_string())),
        "{err}"
    );
    assert_eq!(enrolments, before);
    assert_eq!(enrolments.employee_count(), 1);
    assert_eq!(enrolments.len(), 1);
    // The loader skips the bad row; the valuation of the real roster works.
    let roster = Roster::new(vec![alice.clone()]).unwrap();
    let eur = Currency::new("EUR").unwrap();
    let rates = ExchangeRates::new(eur);
    let values = value_employees(
        &Inputs::new(&roster, &catalogue, &enrolments, &rates),
        &Config::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
    )
    .unwrap();
    assert_eq!(
        values.values()[0].normalised(),
        Money::new(Decimal::from(120), eur)
    );
}

#[test]
fn a_negative_use_count_leaves_no_record_behind() {
    let (catalogue, ids) = catalogue(2);
    let bo = EmployeeId::from_external("bo");
    let mut enrolments = Enrolments::new(&catalogue);
    let err = enrolments
        .enrol_with_uses(bo, ids[1], Decimal::from(-3))
        .unwrap_err();
    assert_eq!(
        err,
        Error::NegativeUses {
            employee: bo,
            benefit: ids[1],
            name: "b1".to_owned(),
            uses: Decimal::from(-3)
        }
    );
    assert_eq!(enrolments, Enrolments::new(&catalogue));
    assert_eq!(enrolments.employee_count(), 0);
    assert_eq!(enrolments.employees().count(), 0);
}

/// One employee of a bulk load: id, office days, (catalogue position, uses) lines.
type Row = (
    EmployeeId,
    Option<OfficeDays>,
    Vec<(usize, Option<Decimal>)>,
);

#[test]
fn a_failed_bulk_load_is_undone_whole() {
    let (catalogue, ids) = catalogue(4);
    let three = OfficeDays::new(Decimal::from(3)).unwrap();
    let one = OfficeDays::new(Decimal::from(1)).unwrap();
    let (early, late) = (
        EmployeeId::from_external("early"),
        EmployeeId::from_external("late"),
    );
    let mut enrolments = Enrolments::new(&catalogue);
    // `early` holds one line; `late` is stored after, so a new line for `early` moves
    // its lines to the end of the arena.
    enrolments.enrol(early, ids[0]).unwrap();
    enrolments.set_office_days(early, three);
    enrolments
        .enrol_all(late, [(ids[0], None), (ids[1], Some(Decimal::from(40)))])
        .unwrap();
    let before = enrolments.clone();

    let new: Vec<EmployeeId> = (0..70)
        .map(|i| EmployeeId::from_external(&format!("new{i}")))
        .collect();
    // 70 new employees (more than one internal batch), extra lines and new office days
    // for `early`, then a position past the end of the catalogue.
    let mut rows: Vec<Row> = new
        .iter()
        .map(|id| {
            (
                *id,
                Some(three),
                vec![(0, None), (1, Some(Decimal::new(5, 1)))],
            )
        })
        .collect();
    rows.insert(40, (early, Some(one), vec![(2, None), (3, None)]));
    rows.push((late, None, vec![(9, None)]));
    let err = enrolments.enrol_many(rows).unwrap_err();
    assert_eq!(
        err,
        Error::UnknownPosition {
            employee: late,
            position: 9,
            benefits: 4
        }
    );
    assert_eq!(enrolments, before);
    assert_eq!(enrolments.employee_count(), 2);
    assert_eq!(enrolments.office_days(early), Some(three));
    assert_eq!(enrolments.benefits_of(early).count(), 1);
    assert_eq!(enrolments.benefits_of(new[0]).count(), 0);

    // The enrolments still work: the same load without the bad row succeeds and gives
    // what loading it into a fresh copy gives.
    let good: Vec<_> = new
        .iter()
        .map(|id| (*id, Some(three), vec![(0, None)]))
        .chain([(early, Some(one), vec![(2, None)])])
        .collect();
    let mut fresh = before.clone();
    enrolments.enrol_many(good.clone()).unwrap();
    fresh.enrol_many(good).unwrap();
    assert_eq!(enrolments, fresh);
    assert_eq!(enrolments.employee_count(), 72);
    assert_eq!(enrolments.office_days(early), Some(one));
    assert_eq!(
        enrolments
            .benefits_of(early)
            .map(|(b, _)| b)
            .collect::<Vec<_>>(),
        vec![ids[0], ids[2]]
    );
}
