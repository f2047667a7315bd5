//! Money is exact: remediation totals equal the sum of the per-employee stipends to the
//! cent in every currency, and the base total is the rounded sum of the converted totals.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use proptest::prelude::*;
use remit_benefits::{
    Benefit, Catalogue, Config, CountryScaled, Enrolments, Error, ExchangeRates, GapEstimate,
    Inputs, MarginalRates, RemediationInputs, Shortfall, Strategy, Valuation, plan_remediation,
    value_employees,
};
use remit_core::{
    BenefitId, CountryCode, Currency, Department, Employee, EmployeeId, ExchangeRate, JobLevel,
    Money, Roster, Rounding, WorkMode,
};
use rust_decimal::Decimal;

const COUNTRIES: [(&str, &str, i64, u32); 4] = [
    ("DE", "EUR", 1, 0),
    ("IN", "INR", 105, 4),
    ("JP", "JPY", 61, 4),
    ("KW", "KWD", 298, 2),
];

fn setup(people: &[(u8, u8, i64)]) -> (Roster, Catalogue, Enrolments, ExchangeRates, Vec<Benefit>) {
    let eur = Currency::new("EUR").unwrap();
    let mut rates = ExchangeRates::new(eur);
    let mut builder = Benefit::builder(BenefitId::from_external("stipend"), "Stipend")
        .valuation(Valuation::annual(Money::new(Decimal::from(100), eur)));
    for (country, code, mantissa, scale) in COUNTRIES {
        let cur = Currency::new(code).unwrap();
        if cur != eur {
            rates = rates
                .with_rate(ExchangeRate::new(cur, eur, Decimal::new(mantissa, scale)).unwrap())
                .unwrap();
        }
        builder = builder.valuation_in(
            CountryCode::new(country).unwrap(),
            Valuation::per_use(Money::new(Decimal::ONE, cur), Decimal::ONE),
        );
    }
    let benefit = builder.build().unwrap();
    let catalogue = Catalogue::builder()
        .benefit(benefit.clone())
        .build()
        .unwrap();
    let mut enrolments = Enrolments::new(&catalogue);
    let mut employees = Vec::new();
    for (i, (c, m, uses)) in people.iter().enumerate() {
        let (country, ..) = COUNTRIES[usize::from(*c) % COUNTRIES.len()];
        let e = Employee::builder(EmployeeId::from_external(&format!("e{i}")))
            .work_mode(WorkMode::ALL[usize::from(*m) % 3])
            .country(CountryCode::new(country).unwrap())
            .time_zone(remit_core::chrono_tz::UTC)
            .level(JobLevel::new(1))
            .department(Department::new("D").unwrap())
            .hired_on(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap())
            .build()
            .unwrap();
        if *uses >= 0 {
            enrolments
                .enrol_with_uses(e.id(), benefit.id(), Decimal::new(*uses, 1))
                .unwrap();
        }
        employees.push(e);
    }
    (
        Roster::new(employees).unwrap(),
        catalogue,
        enrolments,
        rates,
        vec![benefit],
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn totals_are_the_sum_of_stipends(
        people in prop::collection::vec((0u8..4, 0u8..3, -5i64..5_000_000), 1..60),
        coefficient in -1.5f64..0.3,
        threshold in 0.01f64..0.5,
        after_tax in any::<bool>(),
        ppp in any::<bool>(),
    ) {
        let (roster, catalogue, enrolments, rates, _) = setup(&people);
        let config = Config::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
            .with_threshold(threshold)
            .unwrap();
        let tax = MarginalRates::default().with_default(Decimal::new(37, 2)).unwrap();
        let scaled = CountryScaled::purchasing_power(
            rates.clone(),
            COUNTRIES.iter().map(|(c, ..)| (CountryCode::new(c).unwrap(), Decimal::new(7, 1))),
        ).unwrap();
        let shortfall = Shortfall::new(WorkMode::Remote, coefficient).unwrap();
        let run = |strategy| {
            let inputs = Inputs::new(&roster, &catalogue, &enrolments, &rates);
            let (inputs, taxed) = match (after_tax, ppp) {
                (false, false) => (inputs, false),
                (true, false) => (inputs.with_tax_model(&tax), true),
                (_, true) => (inputs.with_location_index(&scaled).with_tax_model(&tax), true),
            };
            let v = value_employees(&inputs, &config).unwrap();
            let plan_inputs = RemediationInputs::new(&v, &rates)
                .with_location_index(inputs.location_index());
            let plan_inputs = if taxed { plan_inputs.with_tax_model(&tax) } else { plan_inputs };
            plan_remediation(&plan_inputs, shortfall, strategy, &config)
        };
        for strategy in Strategy::ALL {
            let plan = run(strategy).unwrap();
            let mut sums: BTreeMap<Currency, Decimal> = BTreeMap::new();
            for s in plan.stipends() {
                let places = s.amount().currency().minor_units().unwrap();
                // Every stipend is a whole number of minor units and positive.
                prop_assert_eq!(s.amount().round_to(places, Rounding::HalfEven), s.amount());
                prop_assert!(s.amount().amount() > Decimal::ZERO);
                *sums.entry(s.amount().currency()).or_default() += s.amount().amount();
            }
            let totals: BTreeMap<Currency, Decimal> =
                plan.totals().iter().map(|m| (m.currency(), m.amount())).collect();
            prop_assert_eq!(&totals, &sums);
            let base: Decimal = totals
                .iter()
                .map(|(c, a)| *a * rates.rate(*c).unwrap())
                .sum();
            let eur = Currency::new("EUR").unwrap();
            prop_assert_eq!(
                plan.base_total(),
                Money::new(base, eur).round(Rounding::HalfEven).unwrap()
            );
            if coefficient >= 0.0 {
                prop_assert!(plan.stipends().is_empty());
            }
        }
    }
}

#[test]
fn full_parity_costs_more_than_the_minimum() {
    let people: Vec<(u8, u8, i64)> = (0..40)
        .map(|i| ((i % 4) as u8, 2, 10_000 + i * 37))
        .collect();
    let (roster, catalogue, enrolments, rates, _) = setup(&people);
    let config = Config::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    let v = value_employees(
        &Inputs::new(&roster, &catalogue, &enrolments, &rates),
        &config,
    )
    .unwrap();
    let shortfall = Shortfall::new(WorkMode::Remote, 0.88f64.ln()).unwrap();
    let plan =
        |s| plan_remediation(&RemediationInputs::new(&v, &rates), shortfall, s, &config).unwrap();
    let (min, flat, full) = (
        plan(Strategy::MinimumToThreshold),
        plan(Strategy::FlatPerGroup),
        plan(Strategy::FullParity),
    );
    assert!(min.base_total().amount() < full.base_total().amount());
    assert!((min.target_gap() + 0.049).abs() < 1e-12);
    assert_eq!(full.target_gap(), 0.0);
    assert_eq!(flat.recipients(), 40);
    // With nobody onsite the regression cannot be refitted, so the flat amount is the one
    // that shares the full-parity normalised budget equally; at market rates the base
    // totals agree up to rounding of each stipend, and the plans say what they reach.
    let diff = (flat.base_total().amount() - full.base_total().amount()).abs();
    assert!(diff < Decimal::from(5), "{diff}");
    assert_eq!(flat.achieved_gap(), &GapEstimate::TooSmall);
    // A wrong base currency is rejected, naming both currencies.
    let usd = Currency::new("USD").unwrap();
    let usd_rates = ExchangeRates::new(usd);
    let err = plan_remediation(
        &RemediationInputs::new(&v, &usd_rates).with_location_index(&rates),
        shortfall,
        Strategy::FullParity,
        &config,
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::BaseCurrencyMismatch {
            rates: usd,
            index: Currency::new("EUR").unwrap()
        }
    );
    // The reference group has no gap to close, and a gap must be a number.
    assert!(matches!(
        Shortfall::new(WorkMode::Onsite, -0.1),
        Err(Error::InvalidConfig {
            field: "work_mode",
            ..
        })
    ));
    assert!(matches!(
        Shortfall::new(WorkMode::Remote, f64::NAN),
        Err(Error::InvalidConfig {
            field: "coefficient",
            ..
        })
    ));
}
