//! Regression tests for defects the fuzz targets found (`fuzz/`, `docs/TESTING.md`).
//! The seed that found each one is committed under `tests/fuzz_seeds/`; the domain
//! targets build their inputs through the fuzz package's builders, so the seed replays
//! with `cd fuzz && cargo +nightly fuzz run domain_benefits
//! ../crates/remit-core/tests/fuzz_seeds/<seed>`, and the test here calls the function
//! that failed directly.

use remit_core::{Currency, Money};
use rust_decimal::Decimal;

/// Found by `domain_benefits` (seed `domain_benefits-format-capacity.bin`): a finding
/// that quoted an amount of 29 integer digits panicked in `Money::formatted`, because
/// `rust_decimal` formats with a precision (`{:.2}`) into a fixed 32-byte buffer
/// ("CapacityError: insufficient capacity"). Every amount a `Decimal` holds formats.
#[test]
fn the_largest_amounts_format_at_every_number_of_places() {
    let eur = Currency::new("EUR").unwrap();
    let max = Money::new(Decimal::MAX, eur);
    assert_eq!(
        max.formatted(None),
        "79,228,162,514,264,337,593,543,950,335.00 EUR"
    );
    assert_eq!(
        Money::new(Decimal::MIN, eur).formatted(Some(4)),
        "-79,228,162,514,264,337,593,543,950,335.0000 EUR"
    );
    assert_eq!(
        max.formatted(Some(28)),
        format!(
            "79,228,162,514,264,337,593,543,950,335.{} EUR",
            "0".repeat(28)
        )
    );
    // The smallest step at the finest scale, shown at 28 places and rounded away at 2.
    let tiny = Money::new(Decimal::new(1, 28), eur);
    assert_eq!(
        tiny.formatted(Some(28)),
        format!("0.{}1 EUR", "0".repeat(27))
    );
    assert_eq!(tiny.formatted(None), "0.00 EUR");
}
