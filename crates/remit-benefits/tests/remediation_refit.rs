//! A remediation plan reports the gap it really reaches: the gap a refit of the
//! regression finds once every stipend is paid. Checked against an independent refit
//! (the stipends enrolled as a benefit, the whole valuation and analysis run again), and
//! the flat plan, sized by refitting, reaches its target of no gap.

mod support;

use remit_benefits::{
    Config, Error, ExchangeRates, GapEstimate, Inputs, LocationError, LocationIndex,
    RemediationInputs, RemediationPlan, Shortfall, Strategy, Valuations, plan_remediation,
    value_employees,
};
use remit_core::{CountryCode, Currency, EmployeeId, WorkMode};
use rust_decimal::Decimal;
use support::{Person, as_of, eur, setup, setup_with, staff, staff_with_spread};

/// Onsite staff and remote staff 12% below them whose values spread ±45%, with three
/// remote employees valued at nothing: the shape in which a flat amount and a uniform
/// percentage differ most.
fn workforce() -> Vec<Person> {
    let mut people = Vec::new();
    for (level, country) in [(1, "DE"), (2, "DE"), (1, "FR"), (3, "FR")] {
        staff(&mut people, WorkMode::Onsite, level, country, 20, 0.0);
        staff_with_spread(
            &mut people,
            WorkMode::Remote,
            level,
            country,
            15,
            -0.12,
            0.45,
        );
    }
    for (level, country) in [(1, "DE"), (2, "DE"), (3, "FR")] {
        people.push((WorkMode::Remote, level, country, 12, 0));
    }
    people
}

fn value(people: &[Person], extra: impl Fn(usize) -> Option<Decimal>) -> Valuations {
    let (roster, catalogue, enrolments) = setup_with(people, extra);
    let rates = ExchangeRates::new(eur());
    value_employees(
        &Inputs::new(&roster, &catalogue, &enrolments, &rates),
        &Config::new(as_of()),
    )
    .unwrap()
}

/// The remote coefficient an audit of the workforce (every group published) reports,
/// with `extra(i)` cents more for employee `i`.
fn remote_coefficient(people: &[Person], extra: impl Fn(usize) -> Option<Decimal>) -> f64 {
    let (roster, catalogue, enrolments) = setup_with(people, extra);
    let rates = ExchangeRates::new(eur());
    let report = remit_benefits::audit(
        &Inputs::new(&roster, &catalogue, &enrolments, &rates),
        &Config::new(as_of()),
        &mut support::engine(1),
    )
    .unwrap();
    match report.equity().gap(WorkMode::Remote).unwrap().adjusted() {
        GapEstimate::Estimated(g) => g.coefficient(),
        other => panic!("not estimated: {other:?}"),
    }
}

/// The remote coefficient after paying the plan's stipends, computed independently of
/// the plan: each stipend enrolled as a benefit worth exactly its cents, and the
/// valuation and analysis run again from scratch.
fn independent_refit(people: &[Person], plan: &RemediationPlan) -> f64 {
    let paid: Vec<(EmployeeId, Decimal)> = plan
        .stipends()
        .iter()
        .map(|s| (s.employee(), s.amount().amount() * Decimal::from(100)))
        .collect();
    remote_coefficient(people, |i| {
        let id = support::employee(i, &people[i]).id();
        paid.iter().find(|(e, _)| *e == id).map(|(_, cents)| *cents)
    })
}

fn plan(valuations: &Valuations, coefficient: f64, strategy: Strategy) -> RemediationPlan {
    let rates = ExchangeRates::new(eur());
    plan_remediation(
        &RemediationInputs::new(valuations, &rates),
        Shortfall::new(WorkMode::Remote, coefficient).unwrap(),
        strategy,
        &Config::new(as_of()),
    )
    .unwrap()
}

#[test]
fn the_flat_plan_reaches_its_target_when_the_regression_is_refitted() {
    let people = workforce();
    let valuations = value(&people, |_| None);
    let b = remote_coefficient(&people, |_| None);
    assert!(b < -0.05, "the workforce has a remote shortfall: {b}");
    let flat = plan(&valuations, b, Strategy::FlatPerGroup);
    assert_eq!(flat.target_gap(), 0.0);
    // Everyone in the group is paid, the three with nothing included, all the same.
    assert_eq!(flat.recipients(), 63);
    assert!(
        flat.stipends()
            .iter()
            .all(|s| s.amount() == flat.stipends()[0].amount())
    );
    // Refitted independently, the gap is closed: not short of 0, and over it by no
    // more than the stipends' rounding up to the cent.
    let refit = independent_refit(&people, &flat).exp() - 1.0;
    assert!((0.0..1e-4).contains(&refit), "flat plan reaches {refit}");
}

#[test]
fn every_plan_reports_the_gap_an_independent_refit_finds() {
    let people = workforce();
    let valuations = value(&people, |_| None);
    let b = remote_coefficient(&people, |_| None);
    for strategy in Strategy::ALL {
        let plan = plan(&valuations, b, strategy);
        let GapEstimate::Estimated(achieved) = plan.achieved_gap() else {
            panic!("{strategy:?}: {:?}", plan.achieved_gap());
        };
        let refit = independent_refit(&people, &plan);
        assert!(
            (achieved.coefficient() - refit).abs() < 1e-9,
            "{strategy:?}: plan says {}, refit finds {refit}",
            achieved.coefficient()
        );
        // Each plan reaches what it aims at, to the stipends' rounding up.
        let reached = achieved.gap() - plan.target_gap();
        assert!((0.0..1e-3).contains(&reached), "{strategy:?}: {reached}");
    }
}

/// Market rates, except that one country's factor is zero (a broken location table).
struct ZeroIn(ExchangeRates, CountryCode);

impl LocationIndex for ZeroIn {
    fn base_currency(&self) -> Currency {
        self.0.base_currency()
    }
    fn factor(&self, country: CountryCode, local: Currency) -> Result<Decimal, LocationError> {
        if country == self.1 {
            Ok(Decimal::ZERO)
        } else {
            self.0.factor(country, local)
        }
    }
    fn describe(&self) -> String {
        "market rates with a zero factor".to_owned()
    }
}

#[test]
fn a_location_factor_of_zero_is_an_error_naming_the_employee_not_a_silent_omission() {
    let mut people = Vec::new();
    staff(&mut people, WorkMode::Onsite, 1, "DE", 10, 0.0);
    staff(&mut people, WorkMode::Remote, 1, "DE", 10, -0.1);
    // A remote employee in Portugal without any benefit: valued at nothing, so the
    // valuation never asks for Portugal's factor, but the flat plan pays them.
    people.push((WorkMode::Remote, 1, "PT", 30, -1));
    let portugal = CountryCode::new("PT").unwrap();
    let index = ZeroIn(ExchangeRates::new(eur()), portugal);
    let (roster, catalogue, enrolments) = setup(&people);
    let rates = ExchangeRates::new(eur());
    let valuations = value_employees(
        &Inputs::new(&roster, &catalogue, &enrolments, &rates).with_location_index(&index),
        &Config::new(as_of()),
    )
    .unwrap();
    let err = plan_remediation(
        &RemediationInputs::new(&valuations, &rates).with_location_index(&index),
        Shortfall::new(WorkMode::Remote, 0.9f64.ln()).unwrap(),
        Strategy::FlatPerGroup,
        &Config::new(as_of()),
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::EmployeeLocation {
            employee: support::employee(20, &people[20]).id(),
            country: portugal,
            currency: eur(),
            source: LocationError::NonPositive {
                kind: "location factor",
                key: "PT (EUR)".to_owned(),
                value: Decimal::ZERO
            }
        }
    );
}
