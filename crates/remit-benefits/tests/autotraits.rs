//! Every public type is `Send + Sync` (C-SEND-SYNC), and data types round-trip through
//! serde.

use remit_benefits::*;

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn public_types_are_send_and_sync() {
    assert_send_sync::<Benefit>();
    assert_send_sync::<Catalogue>();
    assert_send_sync::<Eligibility>();
    assert_send_sync::<Enrolments>();
    assert_send_sync::<Valuations>();
    assert_send_sync::<EmployeeValue>();
    assert_send_sync::<EquityAnalysis>();
    assert_send_sync::<UnmatchedPerk>();
    assert_send_sync::<RemediationPlan>();
    assert_send_sync::<RemediationBudget>();
    assert_send_sync::<IneligibleEnrolments>();
    assert_send_sync::<BenefitsReport>();
    assert_send_sync::<Config>();
    assert_send_sync::<ExchangeRates>();
    assert_send_sync::<CountryScaled>();
    assert_send_sync::<MarginalRates>();
    assert_send_sync::<EmployerCost>();
    assert_send_sync::<Error>();
    assert_send_sync::<LocationError>();
    assert_send_sync::<TaxError>();
}

#[test]
fn benefits_round_trip_through_serde() {
    use remit_core::{BenefitId, Currency, Money};
    use rust_decimal::Decimal;
    let eur = Currency::new("EUR").unwrap();
    let b = Benefit::builder(BenefitId::from_external("gym"), "Gym")
        .category(BenefitCategory::Fitness)
        .eligibility(Eligibility::office_based().min_tenure_months(3))
        .valuation(Valuation::per_use(
            Money::new(Decimal::new(750, 2), eur),
            Decimal::from(96),
        ))
        .proration(Proration::ByOfficeDays)
        .tax(TaxTreatment::TaxableInKind)
        .build()
        .unwrap();
    let json = serde_json::to_string(&b).unwrap();
    let back: Benefit = serde_json::from_str(&json).unwrap();
    assert_eq!(back, b);
    let config = Config::new(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
        .with_threshold(0.07)
        .unwrap()
        .with_covariance(Covariance::Classical);
    let back: Config = serde_json::from_str(&serde_json::to_string(&config).unwrap()).unwrap();
    assert_eq!(back, config);
}

#[test]
fn deserialisation_validates_benefits_and_catalogues() {
    use remit_core::{BenefitId, Currency, Money};
    use rust_decimal::Decimal;
    let eur = Currency::new("EUR").unwrap();
    let gym = Benefit::builder(BenefitId::from_external("gym"), "Gym")
        .eligibility(Eligibility::office_based())
        .valuation(Valuation::annual(Money::new(Decimal::from(480), eur)))
        .build()
        .unwrap();
    let wellness = Benefit::builder(BenefitId::from_external("wellness"), "Wellness")
        .valuation(Valuation::annual(Money::new(Decimal::from(400), eur)))
        .build()
        .unwrap();
    let catalogue = Catalogue::builder()
        .benefits([gym.clone(), wellness.clone()])
        .pair(gym.id(), wellness.id())
        .build()
        .unwrap();
    let json = serde_json::to_value(&catalogue).unwrap();
    let back: Catalogue = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, catalogue);
    assert_eq!(back.position(wellness.id()), Some(1));

    // Every broken invariant is refused, with the builder's message.
    let benefit_json = serde_json::to_value(&gym).unwrap();
    let broken = |path: &[&str], value: serde_json::Value| {
        let mut v = benefit_json.clone();
        let mut slot = &mut v;
        for key in path {
            slot = &mut slot[*key];
        }
        *slot = value;
        serde_json::from_value::<Benefit>(v)
            .unwrap_err()
            .to_string()
    };
    assert!(broken(&["name"], "  ".into()).contains("must not be empty"));
    assert!(broken(&["default_valuation"], serde_json::Value::Null).contains("no valuation"));
    let negative =
        serde_json::to_value(Valuation::annual(Money::new(Decimal::from(-5), eur))).unwrap();
    assert!(broken(&["default_valuation"], negative).contains("must not be negative"));
    assert!(
        broken(
            &["eligibility", "work_modes"],
            serde_json::json!([false, false, false])
        )
        .contains("at least one work mode")
    );

    let mut dup = json.clone();
    dup["benefits"][1] = dup["benefits"][0].clone();
    dup["pairings"] = serde_json::json!([]);
    let err = serde_json::from_value::<Catalogue>(dup)
        .unwrap_err()
        .to_string();
    assert!(err.contains("duplicate id"), "{err}");
    let mut reversed = json.clone();
    reversed["pairings"] = serde_json::json!([{"onsite": wellness.id(), "counterpart": gym.id()}]);
    let err = serde_json::from_value::<Catalogue>(reversed)
        .unwrap_err()
        .to_string();
    assert!(err.contains("pairing"), "{err}");
}
