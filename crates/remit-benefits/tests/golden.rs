//! The adjusted gap agrees with statsmodels (relative 1e-6) on committed fixtures from
//! `benches/reference/benefits_golden.py`, and the fitted model is the one statsmodels
//! was given: the same indicators, cells, sample and connected set, with each work mode
//! estimated, too small or not identified as the fixture's rule says.
//!
//! The audits run through an engine that publishes every non-empty group (minimum
//! group size 1): these are checks of the numbers, not of what is withheld.

use chrono::{Months, NaiveDate};
use remit_benefits::{
    Benefit, Catalogue, Comparison, Config, Control, Covariance, Enrolments, ExchangeRates,
    GapEstimate, Inputs, Valuation, audit,
};
use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy, MinGroupSize};
use remit_core::{
    BenefitId, CountryCode, Currency, Department, Employee, EmployeeId, JobLevel, Money, Roster,
    WorkMode,
};
use rust_decimal::Decimal;
use serde_json::Value;

const FIXTURE: &str = include_str!("fixtures/benefits_golden.json");

fn close(actual: f64, expected: f64, what: &str) {
    let tol = 1e-6 * expected.abs().max(1e-300);
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: got {actual:e}, statsmodels {expected:e}"
    );
}

#[test]
fn adjusted_gap_matches_statsmodels() {
    let doc: Value = serde_json::from_str(FIXTURE).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let eur = Currency::new("EUR").unwrap();
    let benefit = Benefit::builder(BenefitId::from_external("value"), "Value")
        .valuation(Valuation::per_use(
            Money::new(Decimal::ONE, eur),
            Decimal::ONE,
        ))
        .build()
        .unwrap();
    let catalogue = Catalogue::builder()
        .benefit(benefit.clone())
        .build()
        .unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 6);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let mut people = Vec::new();
        let mut enrolments = Enrolments::new(&catalogue);
        for (i, row) in case["rows"].as_array().unwrap().iter().enumerate() {
            let months = u32::try_from(row["tenure_months"].as_u64().unwrap()).unwrap();
            let e = Employee::builder(EmployeeId::from_external(&format!("{name}-{i}")))
                .work_mode(row["mode"].as_str().unwrap().parse::<WorkMode>().unwrap())
                .country(CountryCode::new(row["country"].as_str().unwrap()).unwrap())
                .time_zone(remit_core::chrono_tz::UTC)
                .level(JobLevel::new(
                    u8::try_from(row["level"].as_u64().unwrap()).unwrap(),
                ))
                .department(Department::new("D").unwrap())
                .hired_on(as_of.checked_sub_months(Months::new(months)).unwrap())
                .build()
                .unwrap();
            let value: Decimal = row["value"].as_str().unwrap().parse().unwrap();
            enrolments
                .enrol_with_uses(e.id(), benefit.id(), value)
                .unwrap();
            people.push(e);
        }
        let roster = Roster::new(people).unwrap();
        let rates = ExchangeRates::new(eur);
        let inputs = Inputs::new(&roster, &catalogue, &enrolments, &rates);
        for (key, covariance) in [
            ("classical", Covariance::Classical),
            ("hc1", Covariance::Hc1),
        ] {
            let config = Config::new(as_of).with_covariance(covariance);
            let mut engine = Disclosure::new(
                DisclosurePolicy::default().with_min_group(MinGroupSize::new(1).unwrap()),
            );
            let report = audit(&inputs, &config, &mut engine).unwrap();
            let analysis = report.equity();
            let model = analysis.model().expect("a model is fitted");
            let fitted_terms: Vec<&str> = case["fits"][key]
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            let indicators: Vec<&str> = model.indicators().iter().map(|m| m.as_str()).collect();
            let mut expected_terms = fitted_terms.clone();
            expected_terms.sort_by_key(|t| *t != "hybrid");
            assert_eq!(indicators, expected_terms, "{name}: indicators");
            assert_eq!(model.reference(), WorkMode::Onsite);
            assert_eq!(model.controls(), &[Control::TenureYears]);
            assert_eq!(model.nobs(), case["nobs"].as_u64().unwrap(), "{name}");
            assert_eq!(
                model.cells() as u64,
                case["cells"].as_u64().unwrap(),
                "{name}"
            );
            let outside = case["outside_connected_set"].as_u64().unwrap_or(0);
            assert_eq!(
                model.outside_connected_set(),
                (outside > 0).then_some(Disclosed::Published(outside)),
                "{name}"
            );
            for (term, mode) in [("hybrid", WorkMode::Hybrid), ("remote", WorkMode::Remote)] {
                let status = case["status"][term].as_str().unwrap_or("estimated");
                let adjusted = analysis.gap(mode).unwrap().adjusted();
                match status {
                    "too_small" => {
                        assert_eq!(adjusted, &GapEstimate::TooSmall, "{name} {term}");
                        continue;
                    }
                    "not_identified" => {
                        assert_eq!(adjusted, &GapEstimate::NotIdentified, "{name} {term}");
                        continue;
                    }
                    _ => {}
                }
                let expected = &case["fits"][key][term];
                let GapEstimate::Estimated(g) = adjusted else {
                    panic!("{name} {key} {term}: not estimated: {adjusted:?}");
                };
                let comparison = match case["comparison"][term].as_str().unwrap_or("direct") {
                    "direct" => Comparison::Direct,
                    _ => Comparison::Indirect {
                        via: if mode == WorkMode::Hybrid {
                            WorkMode::Remote
                        } else {
                            WorkMode::Hybrid
                        },
                    },
                };
                assert_eq!(g.comparison(), comparison, "{name} {term}");
                let what = |f: &str| format!("{name} {key} {term} {f}");
                close(
                    g.coefficient(),
                    expected["coefficient"].as_f64().unwrap(),
                    &what("coefficient"),
                );
                close(
                    g.std_error(),
                    expected["std_error"].as_f64().unwrap(),
                    &what("std_error"),
                );
                close(
                    g.p_value(),
                    expected["p_value"].as_f64().unwrap(),
                    &what("p_value"),
                );
                close(g.gap(), expected["gap"].as_f64().unwrap(), &what("gap"));
                close(
                    g.lower(),
                    expected["lower"].as_f64().unwrap(),
                    &what("lower"),
                );
                close(
                    g.upper(),
                    expected["upper"].as_f64().unwrap(),
                    &what("upper"),
                );
                assert_eq!(
                    g.df_resid() as f64,
                    expected["df_resid"].as_f64().unwrap(),
                    "{}",
                    what("df")
                );
                assert_eq!(g.nobs(), case["nobs"].as_u64().unwrap());
                assert_eq!(g.cells() as u64, case["cells"].as_u64().unwrap());
                let Some(Disclosed::Published(unadjusted)) =
                    analysis.gap(mode).unwrap().unadjusted()
                else {
                    panic!("{name} {term}: the unadjusted gap is published at k = 1");
                };
                // Means are rounded to the cent before dividing: agree to ~1e-6.
                let expected_u = case["unadjusted"][term].as_f64().unwrap();
                assert!(
                    (unadjusted - expected_u).abs() < 1e-5,
                    "{}",
                    what("unadjusted")
                );
            }
        }
    }
}
