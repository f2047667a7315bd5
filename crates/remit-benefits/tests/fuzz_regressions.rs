//! Regression tests for defects the fuzz targets found (`fuzz/`, `docs/TESTING.md`).
//! The domain targets build their inputs from structured bytes through the fuzz
//! package's builders, which this crate cannot call; each test here builds the shape the
//! committed seed (`tests/fuzz_seeds/`) builds, through the public API. The seed itself
//! replays with `cd fuzz && cargo +nightly fuzz run domain_benefits
//! ../crates/remit-benefits/tests/fuzz_seeds/<seed>`.

mod support;

use remit_core::disclosure::Disclosed;
use remit_core::{Money, WorkMode};
use rust_decimal::Decimal;
use support::{as_of, engine, eur, setup_with};

/// Found by `domain_benefits` (seed `domain_benefits-mean-overflow.bin`): a group whose
/// values each fit a `Decimal` but whose sum in minor units does not (here two people
/// worth about 4 × 10²⁶ EUR) panicked with "Number exceeds maximum value that can be represented" while
/// its mean was computed. The mean and the median of such values are representable:
/// they are computed exactly, half-even to the minor unit.
#[test]
fn a_group_whose_sum_exceeds_the_decimal_range_has_an_exact_mean_and_median() {
    // Values in cents (the "extra" benefit is worth one cent a use): 3.9e26 EUR + 1
    // cent and 4.1e26 EUR + 2 cents. Their sum, 8e28 cents + 3, exceeds the decimal
    // range (about 7.9e28); the mean is 4e28 + 1.5 cents, half-even 4e28 + 2.
    let cents = [
        Decimal::from_i128_with_scale(39_000_000_000_000_000_000_000_000_001, 0),
        Decimal::from_i128_with_scale(41_000_000_000_000_000_000_000_000_002, 0),
    ];
    let people = [
        (WorkMode::Remote, 1, "DE", 12, -1),
        (WorkMode::Remote, 1, "DE", 12, -1),
    ];
    let (roster, catalogue, enrolments) = setup_with(&people, |i| cents.get(i).copied());
    let rates = remit_benefits::ExchangeRates::new(eur());
    let report = remit_benefits::audit(
        &remit_benefits::Inputs::new(&roster, &catalogue, &enrolments, &rates),
        &remit_benefits::Config::new(as_of()),
        &mut engine(1),
    )
    .expect("values that each fit a decimal are audited");
    let remote = report
        .equity()
        .mode(WorkMode::Remote)
        .expect("the remote group");
    let expected = Money::new(
        Decimal::from_i128_with_scale(40_000_000_000_000_000_000_000_000_002, 2),
        eur(),
    );
    assert_eq!(remote.count(), Disclosed::Published(2));
    assert_eq!(remote.mean(), Disclosed::Published(expected));
    assert_eq!(remote.median(), Disclosed::Published(expected));
}

/// Found while fixing the above (same function, not by the fuzzer itself): a value too
/// large to be held in minor units (10²⁷ EUR is 10²⁹ cents, beyond the decimal range of
/// about 7.9 × 10²⁸) was silently kept at the finest scale that fits (tenths of a
/// euro), read as cents, and the group's mean was published as 10²⁶ EUR, ten times too
/// small. Overflow is an error naming what was computed, never a silent change.
#[test]
fn a_value_beyond_the_minor_unit_range_is_an_overflow_error() {
    use remit_benefits::{Benefit, Catalogue, Enrolments, Valuation};
    use remit_core::{BenefitId, MoneyError};
    let benefit = Benefit::builder(BenefitId::from_external("huge"), "huge")
        .valuation(Valuation::annual(Money::new(
            Decimal::from_i128_with_scale(1_000_000_000_000_000_000_000_000_000, 0),
            eur(),
        )))
        .build()
        .unwrap();
    let catalogue = Catalogue::builder()
        .benefit(benefit.clone())
        .build()
        .unwrap();
    let person = (WorkMode::Remote, 1, "DE", 12, -1);
    let employee = support::employee(0, &person);
    let mut enrolments = Enrolments::new(&catalogue);
    enrolments.enrol(employee.id(), benefit.id()).unwrap();
    let roster = remit_core::Roster::new(vec![employee]).unwrap();
    let rates = remit_benefits::ExchangeRates::new(eur());
    let err = remit_benefits::audit(
        &remit_benefits::Inputs::new(&roster, &catalogue, &enrolments, &rates),
        &remit_benefits::Config::new(as_of()),
        &mut engine(1),
    )
    .expect_err("a value beyond the minor-unit range is refused");
    assert!(
        matches!(
            err,
            remit_benefits::Error::Money {
                source: MoneyError::Overflow { .. },
                ..
            }
        ),
        "{err:?}"
    );
}
