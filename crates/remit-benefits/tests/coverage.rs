//! What the audit says when it cannot judge (coverage), what it refuses (errors naming
//! the record), and how its findings read (money with separators, several perks in one
//! finding with a table, the Directive used by analogy).

mod support;

use remit_benefits::{
    Benefit, BenefitCategory, Catalogue, Config, Eligibility, Enrolments, Error, ExchangeRates,
    Inputs, Valuation, audit, codes,
};
use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy, Suppression};
use remit_core::{Audit, AuditExt, BenefitId, Coverage, Currency, Employee, Money, WorkMode};
use rust_decimal::Decimal;
use support::{Person, as_of, audit_with, employee, eur, setup, staff};

fn default_engine() -> Disclosure {
    Disclosure::new(DisclosurePolicy::default())
}

fn reason(coverage: &Coverage) -> &str {
    match coverage {
        Coverage::NotMeasured { reason } => reason,
        Coverage::Measured => panic!("measured"),
    }
}

fn two_modes() -> Vec<Person> {
    let mut people = Vec::new();
    for (level, country) in [(1, "DE"), (2, "DE")] {
        staff(&mut people, WorkMode::Onsite, level, country, 20, 0.0);
        staff(&mut people, WorkMode::Remote, level, country, 15, -0.12);
    }
    people
}

#[test]
fn an_audit_with_data_is_measured() {
    let report = audit_with(&two_modes(), &mut default_engine());
    assert_eq!(report.coverage(), &Coverage::Measured);
    assert!(report.health().score().is_some());
}

#[test]
fn nobody_employed_no_benefits_or_one_work_mode_is_not_measured() {
    // Nobody employed on the date.
    let report = audit_with(&[], &mut default_engine());
    assert!(reason(report.coverage()).contains("nobody is employed"));
    assert_eq!(report.health().score(), None);

    // Everyone employed, nobody receives anything.
    let mut nothing = two_modes();
    for p in &mut nothing {
        p.4 = -1;
    }
    let report = audit_with(&nothing, &mut default_engine());
    assert_eq!(
        reason(report.coverage()),
        "no employee receives any benefit"
    );

    // Everyone onsite: no gap between work modes to measure.
    let onsite: Vec<Person> = two_modes()
        .into_iter()
        .filter(|p| p.0 == WorkMode::Onsite)
        .collect();
    let report = audit_with(&onsite, &mut default_engine());
    assert!(reason(report.coverage()).contains("one work mode"));
    assert!(report.equity().gaps().is_empty());

    // Three people: the engine withholds everything, so nothing can be judged.
    let report = audit_with(&two_modes()[..3], &mut default_engine());
    assert!(
        reason(report.coverage()).contains("withheld"),
        "{:?}",
        report.coverage()
    );
}

#[test]
fn an_empty_catalogue_is_not_measured() {
    let people = two_modes();
    let roster = remit_core::Roster::new(
        people
            .iter()
            .enumerate()
            .map(|(i, p)| employee(i, p))
            .collect(),
    )
    .unwrap();
    let catalogue = Catalogue::builder().build().unwrap();
    let enrolments = Enrolments::new(&catalogue);
    let rates = ExchangeRates::new(eur());
    let report = audit(
        &Inputs::new(&roster, &catalogue, &enrolments, &rates),
        &Config::new(as_of()),
        &mut default_engine(),
    )
    .unwrap();
    assert_eq!(
        reason(report.coverage()),
        "the catalogue offers no benefits"
    );
}

#[test]
fn a_workforce_listing_one_employee_twice_is_refused_and_nothing_is_released() {
    let people = two_modes();
    let (_, catalogue, enrolments) = setup(&people);
    let mut employees: Vec<Employee> = people
        .iter()
        .enumerate()
        .map(|(i, p)| employee(i, p))
        .collect();
    employees.push(employees[4].clone());
    let rates = ExchangeRates::new(eur());
    let mut engine = Disclosure::new(DisclosurePolicy::default().with_release_log());
    let err = audit(
        &Inputs::new(employees.as_slice(), &catalogue, &enrolments, &rates),
        &Config::new(as_of()),
        &mut engine,
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::DuplicateEmployee {
            employee: employees[4].id()
        }
    );
    assert_eq!(engine.populations().count(), 0);
}

#[test]
fn an_index_in_another_base_currency_than_the_rates_is_refused() {
    let people = two_modes();
    let (roster, catalogue, enrolments) = setup(&people);
    let rates = ExchangeRates::new(eur());
    let usd = Currency::new("USD").unwrap();
    let index = ExchangeRates::new(usd);
    let err = audit(
        &Inputs::new(&roster, &catalogue, &enrolments, &rates).with_location_index(&index),
        &Config::new(as_of()),
        &mut default_engine(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::BaseCurrencyMismatch {
            rates: eur(),
            index: usd
        }
    );
}

#[test]
fn a_shortfall_finding_formats_money_and_cites_the_directive_by_analogy() {
    let report = audit_with(&two_modes(), &mut default_engine());
    let gap = report
        .findings()
        .iter()
        .find(|f| f.code() == &codes::ADJUSTED_GAP)
        .expect("a 12% shortfall is flagged");
    assert!(gap.detail().contains("2023/970"), "{}", gap.detail());
    assert!(
        gap.detail()
            .contains("Work mode is not a protected characteristic"),
        "{}",
        gap.detail()
    );
    assert!(gap.recommendation().contains("applied by analogy"));
    // Budgets as Money::formatted writes them: thousands separators and the currency.
    for budget in report.remediation() {
        let text = budget.base_total().published().unwrap().formatted(None);
        assert!(text.ends_with(" EUR") && text.contains(','), "{text}");
        assert!(
            gap.recommendation().contains(&text),
            "{}",
            gap.recommendation()
        );
    }
    assert_eq!(
        gap.affected(),
        report
            .equity()
            .mode(WorkMode::Remote)
            .unwrap()
            .count()
            .published()
    );
}

#[test]
fn several_unmatched_perks_are_one_finding_with_a_table() {
    let people = two_modes();
    let perk = |id: &str, name: &str, category, amount: i64| {
        Benefit::builder(BenefitId::from_external(id), name)
            .category(category)
            .eligibility(Eligibility::office_based())
            .valuation(Valuation::annual(Money::new(Decimal::from(amount), eur())))
            .build()
            .unwrap()
    };
    let value = Benefit::builder(BenefitId::from_external("value"), "value")
        .valuation(Valuation::per_use(
            Money::new(Decimal::new(1, 2), eur()),
            Decimal::from(1_000_000),
        ))
        .build()
        .unwrap();
    let (gym, parking) = (
        perk("gym", "Office gym", BenefitCategory::Fitness, 480),
        perk("parking", "Office parking", BenefitCategory::Parking, 1_200),
    );
    let catalogue = Catalogue::builder()
        .benefit(value.clone())
        .benefit(gym)
        .benefit(parking)
        .build()
        .unwrap();
    let mut enrolments = Enrolments::new(&catalogue);
    let mut employees = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let e = employee(i, p);
        enrolments
            .enrol_with_uses(e.id(), value.id(), Decimal::from(p.4))
            .unwrap();
        employees.push(e);
    }
    let roster = remit_core::Roster::new(employees).unwrap();
    let rates = ExchangeRates::new(eur());
    let report = audit(
        &Inputs::new(&roster, &catalogue, &enrolments, &rates),
        &Config::new(as_of()),
        &mut default_engine(),
    )
    .unwrap();
    let unmatched: Vec<_> = report
        .findings()
        .iter()
        .filter(|f| f.code() == &codes::UNMATCHED_PERK)
        .collect();
    assert_eq!(unmatched.len(), 1);
    let table = unmatched[0].table().expect("a table of the perks");
    assert_eq!(table.rows().len(), 2);
    assert_eq!(table.rows()[0][0], "Office gym");
    // 30 remote employees forgo each perk: published, with separators and currency.
    assert_eq!(table.rows()[1][2], "30");
    assert_eq!(table.rows()[1][4], "36,000.00 EUR");
    assert_eq!(
        report.unmatched()[1].remote_affected(),
        Disclosed::Published(30)
    );
    assert!(unmatched[0].title().starts_with("2 onsite perks"));
}

#[test]
fn ineligible_enrolments_are_counted_only_as_released_groups() {
    let mut people = two_modes();
    staff(&mut people, WorkMode::Hybrid, 1, "DE", 3, 0.0);
    let (roster, catalogue, mut enrolments) = setup(&people);
    // Give the three hybrid employees an onsite-only perk they are not eligible for.
    let perk = Benefit::builder(BenefitId::from_external("desk"), "Reserved desk")
        .eligibility(Eligibility::work_modes([WorkMode::Onsite]))
        .valuation(Valuation::annual(Money::new(Decimal::from(300), eur())))
        .build()
        .unwrap();
    let catalogue = Catalogue::builder()
        .benefits(catalogue.benefits().iter().cloned())
        .benefit(perk.clone())
        .build()
        .unwrap();
    let mut rebuilt = Enrolments::new(&catalogue);
    for (i, p) in people.iter().enumerate() {
        let id = employee(i, p).id();
        for (benefit, uses) in enrolments.benefits_of(id) {
            match uses {
                Some(u) => rebuilt.enrol_with_uses(id, benefit, u).unwrap(),
                None => rebuilt.enrol(id, benefit).unwrap(),
            }
        }
        if p.0 == WorkMode::Hybrid {
            rebuilt.enrol(id, perk.id()).unwrap();
        }
    }
    enrolments = rebuilt;
    let rates = ExchangeRates::new(eur());
    let report = audit(
        &Inputs::new(&roster, &catalogue, &enrolments, &rates),
        &Config::new(as_of()),
        &mut default_engine(),
    )
    .unwrap();
    assert_eq!(report.ineligible().len(), 1);
    assert_eq!(
        report.ineligible()[0].employees(),
        Disclosed::Suppressed(Suppression::BelowMinimum)
    );
    let finding = report
        .findings()
        .iter()
        .find(|f| f.code() == &codes::INELIGIBLE_ENROLMENT)
        .unwrap();
    assert_eq!(finding.affected(), None);
    assert!(
        finding.detail().contains("fewer than 5 people"),
        "{}",
        finding.detail()
    );
}
