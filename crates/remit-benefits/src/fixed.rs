//! Exact fixed-point arithmetic on non-negative decimals for the valuation's hot loop.
//!
//! A [`Fixed`] is a `rust_decimal::Decimal` taken apart: an integer mantissa (in minor
//! units of `10^−scale`) and a scale. Its operations reproduce `Decimal`'s results
//! *exactly* — the same value and the same scale — whenever `Decimal` computes them
//! exactly: a product has the sum of the scales, a sum the larger scale, a zero operand
//! of a product gives a zero of scale 0 and a zero addend leaves the other operand
//! unchanged. When `Decimal` would have to round (a mantissa of 2^96 or more, a scale
//! above 28), an operation returns `None` and the caller computes that employee with
//! `Decimal` instead, so the results never differ. Rounding to a number of places
//! follows `Decimal::round_dp_with_strategy` for every [`Rounding`].

use remit_core::Rounding;
use rust_decimal::Decimal;

/// `Decimal`'s mantissa bound (exclusive): 2^96.
const LIMIT: u128 = 1 << 96;
/// `Decimal`'s largest scale.
const MAX_SCALE: u32 = 28;

/// Powers of ten up to 10^28 (below 2^96).
const POW10: [u128; 29] = {
    let mut table = [1u128; 29];
    let mut i = 1;
    while i < 29 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

fn pow10(exponent: u32) -> Option<u128> {
    POW10.get(exponent as usize).copied()
}

/// A non-negative decimal `mantissa × 10^−scale` with `mantissa < 2^96`, `scale ≤ 28`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fixed {
    mantissa: u128,
    scale: u32,
}

impl Fixed {
    /// Zero with scale 0, as `Decimal::ZERO`.
    pub(crate) const ZERO: Fixed = Fixed {
        mantissa: 0,
        scale: 0,
    };

    /// From parts; `None` outside `Decimal`'s range.
    #[inline]
    pub(crate) fn new(mantissa: u128, scale: u32) -> Option<Fixed> {
        (mantissa < LIMIT && scale <= MAX_SCALE).then_some(Fixed { mantissa, scale })
    }

    /// A non-negative decimal; `None` for a negative one (including negative zero, whose
    /// sign `Decimal` may carry through an addition).
    #[inline]
    pub(crate) fn from_decimal(d: Decimal) -> Option<Fixed> {
        if d.is_sign_negative() {
            return None;
        }
        Fixed::new(u128::try_from(d.mantissa()).ok()?, d.scale())
    }

    /// The decimal with the same value and scale.
    #[inline]
    pub(crate) fn to_decimal(self) -> Option<Decimal> {
        Decimal::try_from_i128_with_scale(i128::try_from(self.mantissa).ok()?, self.scale).ok()
    }

    /// The mantissa and scale.
    #[inline]
    pub(crate) fn parts(self) -> (u128, u32) {
        (self.mantissa, self.scale)
    }

    /// Whether it is zero.
    #[inline]
    pub(crate) fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    /// The exact product, as `Decimal`'s `*` when that is exact.
    #[inline]
    pub(crate) fn mul(self, other: Fixed) -> Option<Fixed> {
        if self.is_zero() || other.is_zero() {
            return Some(Fixed::ZERO);
        }
        Fixed::new(
            self.mantissa.checked_mul(other.mantissa)?,
            self.scale + other.scale,
        )
    }

    /// The exact sum, as `Decimal`'s `+` when that is exact.
    #[inline]
    pub(crate) fn add(self, other: Fixed) -> Option<Fixed> {
        if self.is_zero() {
            return Some(other);
        }
        if other.is_zero() {
            return Some(self);
        }
        let (a, b, scale) = if self.scale >= other.scale {
            let up = pow10(self.scale - other.scale)?;
            (self.mantissa, other.mantissa.checked_mul(up)?, self.scale)
        } else {
            let up = pow10(other.scale - self.scale)?;
            (self.mantissa.checked_mul(up)?, other.mantissa, other.scale)
        };
        Fixed::new(a.checked_add(b)?, scale)
    }

    /// Rounded to `places` decimal places, as `Decimal::round_dp_with_strategy`: a value
    /// with no more places is returned unchanged, otherwise the result has exactly
    /// `places` places.
    #[inline]
    pub(crate) fn round(self, places: u32, rounding: Rounding) -> Fixed {
        if self.scale <= places {
            return self;
        }
        let Some(divisor) = pow10(self.scale - places) else {
            return self;
        };
        // 64-bit division when both fit (a 128-bit division is several times slower).
        let (quotient, remainder) = match (u64::try_from(self.mantissa), u64::try_from(divisor)) {
            (Ok(m), Ok(d)) => (u128::from(m / d), u128::from(m % d)),
            _ => (self.mantissa / divisor, self.mantissa % divisor),
        };
        let half = divisor / 2;
        let up = match rounding {
            Rounding::HalfEven => remainder > half || (remainder == half && quotient % 2 == 1),
            Rounding::HalfUp => remainder >= half,
            Rounding::HalfDown => remainder > half,
            // Non-negative values: toward zero is toward negative infinity.
            Rounding::TowardZero | Rounding::Floor => false,
            Rounding::AwayFromZero | Rounding::Ceiling => remainder != 0,
        };
        Fixed {
            mantissa: quotient + u128::from(up),
            scale: places,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ROUNDINGS: [Rounding; 7] = [
        Rounding::HalfEven,
        Rounding::HalfUp,
        Rounding::HalfDown,
        Rounding::TowardZero,
        Rounding::AwayFromZero,
        Rounding::Floor,
        Rounding::Ceiling,
    ];

    fn decimal() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            (0u64..1_000_000, 0u32..8).prop_map(|(m, s)| Decimal::new(m as i64, s)),
            (0u128..(1 << 96), 0u32..=28)
                .prop_map(|(m, s)| Decimal::from_i128_with_scale(m as i128, s)),
            Just(Decimal::ZERO),
            Just(Decimal::new(0, 5)),
        ]
    }

    /// Value and scale, so `1.50` and `1.5` differ.
    fn same(a: Decimal, b: Decimal) -> bool {
        a == b && a.scale() == b.scale() && a.is_sign_negative() == b.is_sign_negative()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn products_sums_and_roundings_equal_decimal_whenever_they_are_exact(
            a in decimal(), b in decimal(), places in 0u32..6, r in 0usize..7,
        ) {
            let (fa, fb) = (Fixed::from_decimal(a).unwrap(), Fixed::from_decimal(b).unwrap());
            prop_assert!(same(fa.to_decimal().unwrap(), a));
            if let Some(p) = fa.mul(fb) {
                let d = a.checked_mul(b);
                prop_assert!(d.is_some_and(|d| same(p.to_decimal().unwrap(), d)), "{a} * {b}");
            } else {
                // Decimal had to round (or overflowed): its result is not the exact product.
                let exact = a.mantissa().checked_mul(b.mantissa());
                let fits = exact.is_some_and(|m| m < (1i128 << 96)) && a.scale() + b.scale() <= 28;
                prop_assert!(!fits);
            }
            if let Some(s) = fa.add(fb) {
                let d = a.checked_add(b);
                prop_assert!(d.is_some_and(|d| same(s.to_decimal().unwrap(), d)), "{a} + {b}");
            }
            let rounding = ROUNDINGS[r];
            let rounded = fa.round(places, rounding).to_decimal().unwrap();
            let expected = remit_core::Money::new(a, remit_core::Currency::new("EUR").unwrap())
                .round_to(places, rounding)
                .amount();
            prop_assert!(same(rounded, expected), "{a} to {places} places {rounding:?}: {rounded} vs {expected}");
        }
    }

    #[test]
    fn ties_round_by_their_rule() {
        let x = Fixed::from_decimal(Decimal::new(2345, 3)).unwrap();
        let at = |r| x.round(2, r).to_decimal().unwrap();
        assert_eq!(at(Rounding::HalfEven), Decimal::new(234, 2));
        assert_eq!(at(Rounding::HalfUp), Decimal::new(235, 2));
        assert_eq!(at(Rounding::HalfDown), Decimal::new(234, 2));
        assert_eq!(at(Rounding::Ceiling), Decimal::new(235, 2));
        assert_eq!(at(Rounding::Floor), Decimal::new(234, 2));
        assert!(Fixed::from_decimal(Decimal::new(-1, 0)).is_none());
        assert!(Fixed::from_decimal(-Decimal::ZERO).is_none());
        assert_eq!(Fixed::new(1 << 96, 0), None);
    }
}
