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
    assert_send_sync::<BenefitAudit>();
    assert_send_sync::<AuditConfig>();
    assert_send_sync::<ExchangeRates>();
    assert_send_sync::<CountryScaled>();
    assert_send_sync::<MarginalRates>();
    assert_send_sync::<EmployerCost>();
    assert_send_sync::<BenefitsError>();
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
    let config = AuditConfig::new(ValuationSettings::new(
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    ));
    let back: AuditConfig = serde_json::from_str(&serde_json::to_string(&config).unwrap()).unwrap();
    assert_eq!(back, config);
}
