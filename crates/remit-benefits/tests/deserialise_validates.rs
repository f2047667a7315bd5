//! Every public type that deserialises refuses what its constructor refuses, with the
//! constructor's error (named field and record) in serde's message; and accepts what the
//! constructor accepts. Results (valuations, analyses, plans, findings) serialise only:
//! nothing outside the crate can make one, so nothing can deserialise one.
//!
//! Each row: the type, a valid document (which must deserialise), a mutation the
//! constructor refuses, and the words the error must contain.

use remit_benefits::{
    Benefit, BenefitCategory, Catalogue, Config, CountryFactorKind, CountryScaled, Covariance,
    Eligibility, EmployerCost, ExchangeRates, MarginalRates, OfficeDays, Proration, Strategy,
    TaxTreatment, Valuation,
};
use remit_core::{BenefitId, CountryCode, Currency, ExchangeRate, Money};
use rust_decimal::Decimal;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn eur() -> Currency {
    Currency::new("EUR").unwrap()
}

fn gym() -> Benefit {
    Benefit::builder(BenefitId::from_external("gym"), "Office gym")
        .category(BenefitCategory::Fitness)
        .eligibility(Eligibility::office_based())
        .valuation(Valuation::annual(Money::new(Decimal::from(480), eur())))
        .build()
        .unwrap()
}

fn wellness() -> Benefit {
    Benefit::builder(BenefitId::from_external("wellness"), "Wellness stipend")
        .category(BenefitCategory::Wellness)
        .valuation(Valuation::annual(Money::new(Decimal::from(400), eur())))
        .build()
        .unwrap()
}

fn rates() -> ExchangeRates {
    ExchangeRates::new(eur())
        .with_rate(
            ExchangeRate::new(Currency::new("USD").unwrap(), eur(), Decimal::new(92, 2)).unwrap(),
        )
        .unwrap()
}

fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// Deserialises `doc` as `T`: `Ok` or serde's message.
fn de<T: DeserializeOwned>(doc: &Value) -> Result<(), String> {
    serde_json::from_value::<T>(doc.clone())
        .map(|_| ())
        .map_err(|e| e.to_string())
}

type Check = fn(&Value) -> Result<(), String>;

/// (type, valid document, mutation the constructor refuses, words the error names)
type Row = (
    &'static str,
    Check,
    Value,
    fn(&mut Value),
    &'static [&'static str],
);

fn rows() -> Vec<Row> {
    let catalogue = Catalogue::builder()
        .benefit(gym())
        .benefit(wellness())
        .pair(gym().id(), wellness().id())
        .build()
        .unwrap();
    let config = Config::new(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    let scaled = CountryScaled::location_factors(
        rates(),
        [(CountryCode::new("PT").unwrap(), Decimal::new(6, 1))],
    )
    .unwrap();
    let marginal = MarginalRates::new([(CountryCode::new("DE").unwrap(), Decimal::new(42, 2))])
        .unwrap()
        .with_default(Decimal::new(3, 1))
        .unwrap();
    vec![
        (
            "OfficeDays",
            de::<OfficeDays>,
            to_value(&OfficeDays::new(Decimal::from(3)).unwrap()),
            |d| *d = json!("7.5"),
            &["office days", "between 0 and 7", "7.5"],
        ),
        (
            "Benefit (negative price)",
            de::<Benefit>,
            to_value(&gym()),
            |d| d["default_valuation"]["annual"]["amount"] = json!("-1"),
            &["Office gym", "annual_cost", "must not be negative"],
        ),
        (
            "Benefit (no work mode)",
            de::<Benefit>,
            to_value(&gym()),
            |d| d["eligibility"]["work_modes"] = json!([false, false, false]),
            &["Office gym", "eligibility.work_modes"],
        ),
        (
            "Benefit (empty name)",
            de::<Benefit>,
            to_value(&gym()),
            |d| d["name"] = json!("  "),
            &["field `name` must not be empty"],
        ),
        (
            "Catalogue (reversed pairing)",
            de::<Catalogue>,
            to_value(&catalogue),
            |d| {
                let p = d["pairings"][0].clone();
                d["pairings"][0] = json!({"onsite": p["counterpart"], "counterpart": p["onsite"]});
            },
            &["Wellness stipend", "Office gym", "onsite-only perk"],
        ),
        (
            "Catalogue (duplicate benefit)",
            de::<Catalogue>,
            to_value(&catalogue),
            |d| {
                let first = d["benefits"][0].clone();
                d["benefits"].as_array_mut().unwrap().push(first);
            },
            &["duplicate id", "Office gym"],
        ),
        (
            "Config (threshold)",
            de::<Config>,
            to_value(&config),
            |d| d["threshold"] = json!(1.5),
            &["threshold", "(0, 1)", "1.5"],
        ),
        (
            "Config (alpha)",
            de::<Config>,
            to_value(&config),
            |d| d["alpha"] = json!(0.0),
            &["alpha", "(0, 1)"],
        ),
        (
            "Config (minimum group)",
            de::<Config>,
            to_value(&config),
            |d| d["min_group"] = json!(0),
            &["min_group", "at least 1"],
        ),
        (
            "ExchangeRates (negative rate)",
            de::<ExchangeRates>,
            to_value(&rates()),
            |d| d["rates"]["USD"] = json!("-0.92"),
            &["USD", "EUR", "-0.92"],
        ),
        (
            "CountryScaled (zero factor)",
            de::<CountryScaled>,
            to_value(&scaled),
            |d| d["factors"]["PT"] = json!("0"),
            &["location factor", "PT", "must be positive"],
        ),
        (
            "CountryScaled (rates inside)",
            de::<CountryScaled>,
            to_value(&scaled),
            |d| d["rates"]["rates"]["USD"] = json!("0"),
            &["USD", "EUR"],
        ),
        (
            "MarginalRates (country rate)",
            de::<MarginalRates>,
            to_value(&marginal),
            |d| d["rates"]["DE"] = json!("1.2"),
            &["marginal tax rate for DE", "[0, 1)", "1.2"],
        ),
        (
            "MarginalRates (default rate)",
            de::<MarginalRates>,
            to_value(&marginal),
            |d| d["default"] = json!("-0.1"),
            &["default marginal tax rate", "-0.1"],
        ),
        (
            "Config (hybrid office days)",
            de::<Config>,
            to_value(&config),
            |d| d["hybrid_office_days"] = json!("9"),
            &["office days", "between 0 and 7", "9"],
        ),
        (
            "Config (minimum regression size)",
            de::<Config>,
            to_value(&config),
            |d| d["min_total"] = json!(0),
            &["min_total", "at least 1"],
        ),
    ]
}

#[test]
fn every_deserialisable_type_refuses_what_its_constructor_refuses() {
    let rows = rows();
    for (name, check, valid, mutate, words) in rows {
        assert_eq!(
            check(&valid),
            Ok(()),
            "{name}: the valid document is refused"
        );
        let mut bad = valid.clone();
        mutate(&mut bad);
        assert_ne!(bad, valid, "{name}: the mutation changed nothing");
        let err = check(&bad).expect_err(name);
        for word in words {
            assert!(err.contains(word), "{name}: {err:?} does not name {word:?}");
        }
    }
}

#[test]
fn types_whose_constructors_refuse_nothing_round_trip() {
    // Plain enums and rules whose every value a constructor can make.
    fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: T) {
        let back: T = serde_json::from_value(to_value(&value)).unwrap();
        assert_eq!(back, value);
    }
    round_trip(BenefitCategory::HomeOffice);
    round_trip(TaxTreatment::TaxFreeInKind);
    round_trip(Proration::ByOfficeDays);
    round_trip(Covariance::Classical);
    round_trip(CountryFactorKind::PriceLevelRatio);
    round_trip(Strategy::FlatPerGroup);
    round_trip(EmployerCost);
    // A valuation and an eligibility rule are checked when a benefit is built from
    // them (their constructors accept anything), and so when a benefit deserialises.
    round_trip(Valuation::per_use(
        Money::new(Decimal::from(-7), eur()),
        Decimal::from(220),
    ));
    round_trip(Eligibility::work_modes([]));
}
