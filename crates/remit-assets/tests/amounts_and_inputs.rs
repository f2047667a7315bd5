//! Regression tests (issue 14): amounts near the decimal limits are refused or reported
//! as overflow, never rescaled or panicking; depreciation never starts before the
//! purchase; inputs that used to be accepted and silently changed are refused.

use chrono::NaiveDate;
use remit_assets::depreciation::{
    Basis, DepreciationError, DepreciationStart, MAX_MINOR_UNITS, Method, Proration, excel,
    mid_quarter_required,
};
use remit_assets::forecast::cost_per_employee;
use remit_assets::*;
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_core::*;
use rust_decimal::Decimal;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, day).unwrap()
}

fn money(amount: &str, currency: &str) -> Money {
    Money::new(amount.parse().unwrap(), Currency::new(currency).unwrap())
}

#[test]
fn an_amount_beyond_the_exact_range_is_refused_not_rescaled() {
    // 10^27 USD is 10^29 cents, more than a Decimal mantissa holds: it used to be
    // rescaled silently to 10^26 USD of depreciation.
    let huge = money("1000000000000000000000000000", "USD");
    let zero = money("0", "USD");
    let e = Basis::new(huge, zero, 36, d(1, 1)).unwrap_err();
    assert!(
        matches!(e, DepreciationError::AmountTooLarge { field: "cost", max, .. } if max == MAX_MINOR_UNITS),
        "{e:?}"
    );
    let e = Asset::builder(AssetTag::new("SRV-1").unwrap(), Category::Desktop)
        .purchased(d(1, 1), huge)
        .useful_life_months(36)
        .build()
        .unwrap_err();
    assert!(
        matches!(
            &e,
            AssetError::NotDepreciable {
                source: DepreciationError::AmountTooLarge { field: "cost", .. },
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().starts_with("asset SRV-1: "), "{e}");
    // The largest exact amount still depreciates to the cent.
    let largest = Money::new(
        Decimal::try_from_i128_with_scale(MAX_MINOR_UNITS, 2).unwrap(),
        Currency::new("USD").unwrap(),
    );
    let basis = Basis::new(largest, zero, 36, d(1, 1)).unwrap();
    for method in [
        Method::StraightLine(Proration::MidMonth),
        Method::SumOfYearsDigits,
        Method::double_declining(),
    ] {
        let schedule = basis.schedule(&method).unwrap();
        assert_eq!(schedule.total_depreciation(), largest, "{method:?}");
        assert_eq!(
            schedule.book_value_on(d(1, 1)).currency(),
            largest.currency()
        );
    }
}

#[test]
fn declining_balance_overflow_is_an_error_not_a_panic() {
    // Decimal::MAX yen: a valid basis (no minor unit to scale), but value × factor
    // overflows for any factor above 1.
    let max = Money::new(Decimal::MAX, Currency::new("JPY").unwrap());
    let zero = Money::zero(max.currency());
    let basis = Basis::new(max, zero, 60, d(1, 1)).unwrap();
    for factor in ["1.5", "2", "10"] {
        let e = basis
            .schedule(&Method::DecliningBalance {
                factor: factor.parse().unwrap(),
            })
            .unwrap_err();
        assert!(
            matches!(
                e,
                DepreciationError::Overflow {
                    operation: "declining balance"
                }
            ),
            "{factor}: {e:?}"
        );
    }
    let schedule = basis
        .schedule(&Method::DecliningBalance {
            factor: Decimal::ONE,
        })
        .unwrap();
    assert_eq!(schedule.total_depreciation(), max);
}

#[test]
fn spreadsheet_functions_report_overflow() {
    let max = Decimal::MAX;
    for (result, function) in [
        (excel::sln(max, -max, 1), "SLN"),
        (excel::syd(max, Decimal::ZERO, 10, 1), "SYD"),
        (excel::ddb(max, Decimal::ZERO, 1, 1, Decimal::TWO), "DDB"),
    ] {
        assert!(
            matches!(result, Err(DepreciationError::Overflow { operation }) if operation == function),
            "{function}: {result:?}"
        );
    }
}

#[test]
fn the_mid_quarter_test_reports_overflow() {
    let max = Money::new(Decimal::MAX, Currency::new("USD").unwrap());
    let e = mid_quarter_required(2025, &[(d(11, 1), max), (d(12, 1), max)]).unwrap_err();
    assert!(
        matches!(
            e,
            DepreciationError::Overflow {
                operation: "mid-quarter test"
            }
        ),
        "{e:?}"
    );
    // 40 % exactly is not "more than 40 %" (26 U.S.C. §168(d)(3)).
    let usd = |n| Money::new(Decimal::from(n), Currency::new("USD").unwrap());
    assert!(!mid_quarter_required(2025, &[(d(2, 1), usd(6)), (d(11, 1), usd(4))]).unwrap());
}

#[test]
fn depreciation_from_first_deployment_never_starts_before_the_purchase() {
    let asset = Asset::builder(AssetTag::new("LT-9").unwrap(), Category::Laptop)
        .purchased(d(3, 1), money("1500", "EUR"))
        .useful_life_months(36)
        .build()
        .unwrap();
    let e = asset
        .depreciation_basis(DepreciationStart::FirstDeployment, Some(d(2, 1)))
        .unwrap_err();
    assert!(
        matches!(
            &e,
            AssetError::DepreciationBeforePurchase { tag, in_service, purchased_on }
                if tag.as_str() == "LT-9" && *in_service == d(2, 1) && *purchased_on == d(3, 1)
        ),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "asset LT-9: depreciation cannot start on 2025-02-01, before the purchase date (2025-03-01)"
    );
    let basis = asset
        .depreciation_basis(DepreciationStart::FirstDeployment, Some(d(3, 1)))
        .unwrap()
        .unwrap();
    assert_eq!(basis.in_service(), d(3, 1));
}

#[test]
fn assets_that_cannot_be_depreciated_are_refused() {
    let build = |cost: Money| {
        Asset::builder(AssetTag::new("LT-10").unwrap(), Category::Laptop)
            .purchased(d(1, 1), cost)
            .useful_life_months(36)
            .build()
            .unwrap_err()
    };
    assert!(matches!(
        build(money("1500.005", "EUR")),
        AssetError::NotDepreciable {
            source: DepreciationError::SubMinorUnit { field: "cost", .. },
            ..
        }
    ));
    assert!(matches!(
        build(money("1", "XAU")),
        AssetError::NotDepreciable {
            source: DepreciationError::NoMinorUnit { .. },
            ..
        }
    ));
}

#[test]
fn running_costs_report_overflow_instead_of_skipping_it() {
    let eur = Currency::new("EUR").unwrap();
    let asset = Asset::builder(AssetTag::new("LT-11").unwrap(), Category::Laptop)
        .purchased(d(1, 1), money("1500", "EUR"))
        .useful_life_months(36)
        .build()
        .unwrap();
    let mut a = TrackedAsset::ordered(asset);
    a.execute(EventId::from_external("r"), &Command::Receive, d(1, 1))
        .unwrap();
    let huge = Shipment::new(
        Destination::Employee(EmployeeId::from_external("E-1")),
        "DHL",
        "T1",
    )
    .unwrap()
    .with_cost(Money::new(Decimal::MAX, eur))
    .unwrap();
    a.execute(
        EventId::from_external("s"),
        &Command::Ship(Box::new(huge)),
        d(1, 2),
    )
    .unwrap();
    a.execute(EventId::from_external("d"), &Command::Deliver, d(1, 3))
        .unwrap();
    assert_eq!(
        a.log().running_costs(eur).unwrap(),
        (Money::new(Decimal::MAX, eur), 0)
    );
    let back = Shipment::new(Destination::Depot, "DHL", "T2")
        .unwrap()
        .with_cost(Money::new(Decimal::ONE, eur))
        .unwrap();
    a.execute(
        EventId::from_external("b"),
        &Command::Ship(Box::new(back)),
        d(1, 4),
    )
    .unwrap();
    assert!(matches!(
        a.log().running_costs(eur),
        Err(MoneyError::Overflow { .. })
    ));
    // Another currency is skipped and counted, as documented.
    assert_eq!(
        a.log()
            .running_costs(Currency::new("USD").unwrap())
            .unwrap(),
        (Money::zero(Currency::new("USD").unwrap()), 2)
    );
}

#[test]
fn negative_kit_prices_are_refused_and_country_prices_serialise() {
    let pt = CountryCode::new("PT").unwrap();
    let e = KitPrices::new()
        .with(Category::Desk, money("-1", "EUR"))
        .unwrap_err();
    assert!(matches!(
        e,
        KitError::NegativePrice {
            category: Category::Desk,
            country: None,
            ..
        }
    ));
    let e = KitPrices::new()
        .with_country(pt, Category::Desk, money("-1", "EUR"))
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "kit prices: the price of a desk in PT must not be negative, got -1 EUR"
    );
    let prices = KitPrices::new()
        .with(Category::Desk, money("300", "EUR"))
        .unwrap()
        .with_country(pt, Category::Desk, money("250", "EUR"))
        .unwrap();
    let json = serde_json::to_string(&prices).unwrap();
    let back: KitPrices = serde_json::from_str(&json).unwrap();
    assert_eq!(back, prices);
    assert_eq!(back.price(pt, Category::Desk), Some(money("250", "EUR")));
}

#[test]
fn a_verification_that_cannot_apply_to_the_method_is_refused() {
    let record = |method, verification| {
        SanitisationRecord::new(method, "wipe", verification, d(1, 1), "depot")
    };
    for (method, verification) in [
        (SanitisationMethod::Destroy, Verification::Full),
        (SanitisationMethod::Destroy, Verification::Sampling),
        (SanitisationMethod::Clear, Verification::Inspection),
        (SanitisationMethod::Purge, Verification::Inspection),
    ] {
        assert_eq!(
            record(method, verification),
            Err(RecordError::VerificationMismatch {
                method,
                verification
            })
        );
    }
    for (method, verification) in [
        (SanitisationMethod::Destroy, Verification::Inspection),
        (SanitisationMethod::Destroy, Verification::ToolReport),
        (SanitisationMethod::Purge, Verification::Full),
        (SanitisationMethod::Clear, Verification::Sampling),
    ] {
        assert_eq!(record(method, verification).unwrap().method(), method);
    }
}

#[test]
fn two_rates_for_one_pair_of_currencies_are_refused() {
    let (usd, eur) = (Currency::new("USD").unwrap(), Currency::new("EUR").unwrap());
    let rates = [
        ExchangeRate::new(usd, eur, "0.9".parse().unwrap()).unwrap(),
        ExchangeRate::new(usd, eur, "0.8".parse().unwrap()).unwrap(),
    ];
    let roster = Roster::new(vec![]).unwrap();
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let e = cost_per_employee(&roster, &[], eur, &rates, &mut engine, d(6, 1)).unwrap_err();
    assert!(
        matches!(e, Error::DuplicateRate { from, to } if from == usd && to == eur),
        "{e:?}"
    );
    // Refused before anything reached the engine.
    assert_eq!(engine.populations().count(), 0);
}

#[test]
fn an_audit_interval_of_zero_is_refused_not_changed() {
    let e = Config::new(d(1, 1))
        .with_audit_interval_months(0)
        .unwrap_err();
    assert_eq!(e, Error::AuditInterval { months: 0 });
    assert!(matches!(
        Config::new(d(1, 1)).with_audit_interval_months(1201),
        Err(Error::AuditInterval { months: 1201 })
    ));
    assert_eq!(
        Config::new(d(1, 1))
            .with_audit_interval_months(1)
            .unwrap()
            .audit_interval_months(),
        1
    );
}

#[test]
fn a_horizon_out_of_range_is_refused_not_clamped() {
    assert!(matches!(
        Config::new(d(1, 1)).with_horizon_months(1201),
        Err(Error::Horizon { months: 1201, .. })
    ));
    // A horizon that would run past the calendar is refused too (it used to end on the
    // calendar's last day without a word).
    let late = NaiveDate::MAX - chrono::Days::new(40);
    assert!(matches!(
        Config::new(late).with_horizon_months(2),
        Err(Error::Horizon { months: 2, as_of }) if as_of == late
    ));
    assert_eq!(
        Config::new(d(1, 1))
            .with_horizon_months(0)
            .unwrap()
            .horizon_months(),
        0
    );
    assert_eq!(
        Config::new(d(1, 1))
            .with_horizon_months(1200)
            .unwrap()
            .horizon_months(),
        1200
    );
}

#[test]
fn a_missing_exchange_rate_names_the_asset() {
    let ana = EmployeeId::from_external("E-ana");
    let person = Employee::builder(ana)
        .work_mode(WorkMode::Remote)
        .country(CountryCode::new("US").unwrap())
        .time_zone(chrono_tz::America::New_York)
        .level(JobLevel::new(2))
        .department(Department::new("Support").unwrap())
        .hired_on(NaiveDate::from_ymd_opt(2022, 1, 10).unwrap())
        .build()
        .unwrap();
    let roster = Roster::new(vec![person]).unwrap();
    let asset = Asset::builder(AssetTag::new("US-LT-1").unwrap(), Category::Laptop)
        .purchased(d(1, 1), money("1200", "USD"))
        .useful_life_months(36)
        .build()
        .unwrap();
    let mut a = TrackedAsset::ordered(asset);
    a.execute(EventId::from_external("r"), &Command::Receive, d(1, 1))
        .unwrap();
    a.execute(
        EventId::from_external("a"),
        &Command::Assign { employee: ana },
        d(1, 2),
    )
    .unwrap();
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let e = cost_per_employee(
        &roster,
        &[a],
        Currency::new("EUR").unwrap(),
        &[],
        &mut engine,
        d(6, 1),
    )
    .unwrap_err();
    assert!(
        matches!(&e, Error::MissingRate { tag, .. } if tag.as_str() == "US-LT-1"),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "cost per employee: asset US-LT-1: no exchange rate from USD to EUR"
    );
}
