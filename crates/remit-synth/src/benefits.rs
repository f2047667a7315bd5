//! A benefit catalogue and enrolments with a planted gap per work mode, an optional
//! unmatched onsite perk, and the ground truth, for `remit-benefits`.
//!
//! # The generating process
//!
//! The catalogue has 13 benefits priced in each country's currency (all as cost per
//! use × expected uses, so enrolments can carry each person's own usage):
//!
//! - for everyone: health cover, a learning budget, social events;
//! - office perks (onsite and hybrid): canteen, commuter pass and parking per office day,
//!   an office gym;
//! - remote benefits: meal stipend, home-office stipend, wellness stipend, co-working;
//!   internet (hybrid and remote); a flex stipend (hybrid).
//!
//! The prices are chosen so the three baskets are worth exactly the same at a full
//! office week for onsite staff and 3 office days for hybrid staff (4 440 USD of
//! mode-specific benefits at US prices). Each country's prices are the US prices × the
//! country's price level ratio ÷ its exchange rate (illustrative figures, not data).
//!
//! Every active employee is enrolled in their mode's basket with a personal usage
//! multiplier
//!
//! ```text
//! m = (1 + 0.06 (level − 1)) · exp(0.01 · tenure_years) · exp(σ z) · (1 − shortfall[mode]),  z ~ N(0, 1)
//! ```
//!
//! applied to every expected use, so (up to rounding to the minor unit)
//!
//! ```text
//! ln value = ln basket(country) + ln(1 + 0.06 (level − 1)) + 0.01 tenure_years + ln(1 − shortfall[mode]) + σ z
//! ```
//!
//! which is exactly the model the audit fits: the planted gap is its true parameter.
//!
//! With [`BenefitSynthConfig::unmatched_parking`] (the default) parking has no remote
//! counterpart; otherwise it is paired with co-working.
//!
//! ```
//! use remit_synth::benefits::{benefit_data, BenefitSynthConfig};
//! use remit_synth::{generate, SynthConfig};
//! use remit_core::WorkMode;
//!
//! let org = generate(&SynthConfig::new(500, 3))?;
//! let data = benefit_data(&org, &BenefitSynthConfig::default().remote_shortfall(0.12)?)?;
//! assert!((data.truth().gap(WorkMode::Remote) + 0.12).abs() < 1e-12);
//! assert_eq!(data.catalogue().len(), 13);
//! assert!(data.truth().unmatched_perk().is_some());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use remit_benefits::{
    Benefit, BenefitCategory, Catalogue, CountryScaled, Eligibility, Enrolments, ExchangeRates,
    LocationError, OfficeDays, Proration, TaxTreatment, Valuation,
};
use remit_core::{BenefitId, CountryCode, Currency, ExchangeRate, Money, WorkMode};
use rust_decimal::Decimal;

use crate::Organisation;
use crate::rng;

/// A benefit synth configuration or its output was invalid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum BenefitSynthError {
    /// A parameter was out of range.
    #[error("benefit synth config: field `{field}` must be {expected}, got {value}")]
    OutOfRange {
        /// The field.
        field: &'static str,
        /// The rejected value.
        value: f64,
        /// The allowed range, in words.
        expected: &'static str,
    },
    /// Building the catalogue or enrolments failed (a bug in the generator).
    #[error(transparent)]
    Benefits(#[from] remit_benefits::Error),
    /// Building the location indices failed (a bug in the country table).
    #[error(transparent)]
    Location(#[from] LocationError),
}

/// What to plant. The default plants no gap and leaves parking unmatched.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BenefitSynthConfig {
    shortfall: [f64; 3],
    sigma: f64,
    unmatched_parking: bool,
    extra: usize,
}

impl Default for BenefitSynthConfig {
    fn default() -> Self {
        Self {
            shortfall: [0.0; 3],
            sigma: 0.25,
            unmatched_parking: true,
            extra: 0,
        }
    }
}

impl BenefitSynthConfig {
    fn shortfall_of(mut self, mode: WorkMode, share: f64) -> Result<Self, BenefitSynthError> {
        if !(share > -1.0 && share < 1.0) {
            return Err(BenefitSynthError::OutOfRange {
                field: "shortfall",
                value: share,
                expected: "in (-1, 1)",
            });
        }
        if let Some(slot) = self.shortfall.get_mut(mode.index()) {
            *slot = share;
        }
        Ok(self)
    }

    /// Remote staff's benefits are worth `share` less than comparable onsite staff's
    /// (0.12 plants a 12% shortfall; negative plants a surplus).
    ///
    /// # Errors
    /// [`BenefitSynthError::OutOfRange`] outside `(-1, 1)`.
    pub fn remote_shortfall(self, share: f64) -> Result<Self, BenefitSynthError> {
        self.shortfall_of(WorkMode::Remote, share)
    }

    /// Hybrid staff's shortfall, as [`remote_shortfall`](Self::remote_shortfall).
    ///
    /// # Errors
    /// [`BenefitSynthError::OutOfRange`] outside `(-1, 1)`.
    pub fn hybrid_shortfall(self, share: f64) -> Result<Self, BenefitSynthError> {
        self.shortfall_of(WorkMode::Hybrid, share)
    }

    /// The spread of personal usage on the log scale (default 0.25).
    ///
    /// # Errors
    /// [`BenefitSynthError::OutOfRange`] outside `[0, 2]`.
    pub fn sigma(mut self, sigma: f64) -> Result<Self, BenefitSynthError> {
        if !(0.0..=2.0).contains(&sigma) {
            return Err(BenefitSynthError::OutOfRange {
                field: "sigma",
                value: sigma,
                expected: "in [0, 2]",
            });
        }
        self.sigma = sigma;
        Ok(self)
    }

    /// Adds `n` more benefits for everyone (annual allowances of 100–700 USD at US
    /// prices), to size the catalogue for benchmarks; equal for every work mode, so the
    /// planted gaps and the truth are unchanged. At most 200.
    ///
    /// # Errors
    /// [`BenefitSynthError::OutOfRange`] above 200.
    pub fn extra_benefits(mut self, n: usize) -> Result<Self, BenefitSynthError> {
        if n > 200 {
            return Err(BenefitSynthError::OutOfRange {
                field: "extra_benefits",
                value: n as f64,
                expected: "at most 200",
            });
        }
        self.extra = n;
        Ok(self)
    }

    /// Whether parking is left without a remote counterpart (default true).
    #[must_use]
    pub fn unmatched_parking(mut self, unmatched: bool) -> Self {
        self.unmatched_parking = unmatched;
        self
    }
}

/// The ground truth of a generated benefit history: the adjusted gap planted for each work
/// mode, the usage spread and the onsite perk left without a remote counterpart, to check
/// `remit_benefits`' analysis against.
#[derive(Debug, Clone, PartialEq)]
pub struct BenefitTruth {
    gaps: [f64; 3],
    sigma: f64,
    unmatched: Option<BenefitId>,
}

impl BenefitTruth {
    /// The planted adjusted gap of a work mode against onsite staff (`−shortfall`).
    pub fn gap(&self, mode: WorkMode) -> f64 {
        self.gaps.get(mode.index()).copied().unwrap_or(0.0)
    }
    /// The planted log-scale coefficient, `ln(1 + gap)`.
    pub fn coefficient(&self, mode: WorkMode) -> f64 {
        self.gap(mode).ln_1p()
    }
    /// The usage spread on the log scale.
    pub fn sigma(&self) -> f64 {
        self.sigma
    }
    /// The onsite perk planted without a remote counterpart, if any.
    pub fn unmatched_perk(&self) -> Option<BenefitId> {
        self.unmatched
    }
}

/// The generated inputs of a benefit audit and the ground truth.
#[derive(Debug, Clone)]
pub struct BenefitData {
    catalogue: Catalogue,
    enrolments: Enrolments,
    rates: ExchangeRates,
    purchasing_power: CountryScaled,
    truth: BenefitTruth,
}

impl BenefitData {
    /// The benefit catalogue every enrolment refers to: categories, per-country valuations
    /// and proration, and the onsite–remote pairings.
    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }
    /// The enrolments of every active employee.
    pub fn enrolments(&self) -> &Enrolments {
        &self.enrolments
    }
    /// Market exchange rates into USD (illustrative).
    pub fn rates(&self) -> &ExchangeRates {
        &self.rates
    }
    /// A purchasing-power index: the rates and each country's price level ratio.
    pub fn purchasing_power(&self) -> &CountryScaled {
        &self.purchasing_power
    }
    /// The ground truth of this data: the planted gaps, spread and unmatched perk.
    pub fn truth(&self) -> &BenefitTruth {
        &self.truth
    }
}

/// Country → (currency, USD per unit, price level ratio). Illustrative values of the
/// right order of magnitude, not data.
const COUNTRIES: [(&str, &str, &str, &str); 26] = [
    ("US", "USD", "1", "1.00"),
    ("CA", "CAD", "0.73", "0.85"),
    ("MX", "MXN", "0.055", "0.55"),
    ("BR", "BRL", "0.18", "0.50"),
    ("AR", "ARS", "0.001", "0.40"),
    ("CO", "COP", "0.00025", "0.40"),
    ("GB", "GBP", "1.27", "0.90"),
    ("IE", "EUR", "1.08", "0.95"),
    ("PT", "EUR", "1.08", "0.65"),
    ("ES", "EUR", "1.08", "0.70"),
    ("FR", "EUR", "1.08", "0.85"),
    ("DE", "EUR", "1.08", "0.85"),
    ("NL", "EUR", "1.08", "0.90"),
    ("PL", "PLN", "0.25", "0.50"),
    ("RO", "RON", "0.22", "0.45"),
    ("ZA", "ZAR", "0.055", "0.45"),
    ("NG", "NGN", "0.00065", "0.35"),
    ("KE", "KES", "0.0077", "0.40"),
    ("IN", "INR", "0.012", "0.25"),
    ("NP", "NPR", "0.0075", "0.30"),
    ("PH", "PHP", "0.018", "0.40"),
    ("SG", "SGD", "0.74", "0.80"),
    ("JP", "JPY", "0.0067", "0.70"),
    ("AU", "AUD", "0.66", "0.95"),
    ("NZ", "NZD", "0.60", "0.90"),
    ("VN", "VND", "0.00004", "0.35"),
];

/// One catalogue entry at US prices.
struct Spec {
    key: &'static str,
    name: &'static str,
    category: BenefitCategory,
    modes: &'static [WorkMode],
    /// USD per use and expected uses per year.
    price: (i64, u32, i64),
    prorate: bool,
    tax: TaxTreatment,
}

const ALL: &[WorkMode] = &[WorkMode::Onsite, WorkMode::Hybrid, WorkMode::Remote];
const OFFICE: &[WorkMode] = &[WorkMode::Onsite, WorkMode::Hybrid];
const REMOTE: &[WorkMode] = &[WorkMode::Remote];

const SPECS: [Spec; 13] = [
    Spec {
        key: "health",
        name: "Health cover",
        category: BenefitCategory::Health,
        modes: ALL,
        price: (3000, 0, 1),
        prorate: false,
        tax: TaxTreatment::TaxFreeInKind,
    },
    Spec {
        key: "learning",
        name: "Learning budget",
        category: BenefitCategory::Learning,
        modes: ALL,
        price: (1000, 0, 1),
        prorate: false,
        tax: TaxTreatment::TaxFreeReimbursement,
    },
    Spec {
        key: "social",
        name: "Team events",
        category: BenefitCategory::Social,
        modes: ALL,
        price: (300, 0, 1),
        prorate: false,
        tax: TaxTreatment::TaxFreeInKind,
    },
    Spec {
        key: "canteen",
        name: "Subsidised canteen",
        category: BenefitCategory::Meals,
        modes: OFFICE,
        price: (8, 0, 220),
        prorate: true,
        tax: TaxTreatment::TaxFreeInKind,
    },
    Spec {
        key: "commuter",
        name: "Commuter pass",
        category: BenefitCategory::Commute,
        modes: OFFICE,
        price: (100, 0, 12),
        prorate: true,
        tax: TaxTreatment::TaxFreeInKind,
    },
    Spec {
        key: "parking",
        name: "Office parking",
        category: BenefitCategory::Parking,
        modes: OFFICE,
        price: (4, 0, 220),
        prorate: true,
        tax: TaxTreatment::TaxFreeInKind,
    },
    Spec {
        key: "gym",
        name: "Office gym",
        category: BenefitCategory::Fitness,
        modes: OFFICE,
        price: (600, 0, 1),
        prorate: false,
        tax: TaxTreatment::TaxableInKind,
    },
    Spec {
        key: "meal-stipend",
        name: "Meal stipend",
        category: BenefitCategory::Meals,
        modes: REMOTE,
        price: (125, 0, 12),
        prorate: false,
        tax: TaxTreatment::TaxableStipend,
    },
    Spec {
        key: "home-office",
        name: "Home-office stipend",
        category: BenefitCategory::HomeOffice,
        modes: REMOTE,
        price: (800, 0, 1),
        prorate: false,
        tax: TaxTreatment::TaxFreeReimbursement,
    },
    Spec {
        key: "internet",
        name: "Internet stipend",
        category: BenefitCategory::Internet,
        modes: &[WorkMode::Hybrid, WorkMode::Remote],
        price: (80, 0, 12),
        prorate: false,
        tax: TaxTreatment::TaxableStipend,
    },
    Spec {
        key: "wellness",
        name: "Wellness stipend",
        category: BenefitCategory::Wellness,
        modes: REMOTE,
        price: (50, 0, 12),
        prorate: false,
        tax: TaxTreatment::TaxableStipend,
    },
    Spec {
        key: "coworking",
        name: "Co-working membership",
        category: BenefitCategory::Coworking,
        modes: REMOTE,
        price: (580, 0, 1),
        prorate: false,
        tax: TaxTreatment::TaxFreeReimbursement,
    },
    Spec {
        key: "flex",
        name: "Hybrid flex stipend",
        category: BenefitCategory::Other,
        modes: &[WorkMode::Hybrid],
        price: (576, 0, 1),
        prorate: false,
        tax: TaxTreatment::TaxableStipend,
    },
];

fn dec(s: &str) -> Decimal {
    s.parse().unwrap_or(Decimal::ONE)
}

/// `Decimal::try_from(m).round_dp(6)` — the same value and scale — without the slow
/// general conversion (a fifth of the generator's time).
///
/// For `0 < m < 100` the double's exact binary value is rounded to six places, ties to
/// even, in integer arithmetic. The general conversion first cuts the double to at most
/// 2^52 in mantissa (an error under 10^-13 here) and then rounds; the two agree unless
/// the exact value lies within 10^-12 of a grid point or a midpoint of the 10^-6 grid,
/// and those values (and every other `m`) take the general path.
fn micro_units(m: f64) -> Decimal {
    let general = |m: f64| Decimal::try_from(m).unwrap_or(Decimal::ONE).round_dp(6);
    if !(m.is_normal() && m > 0.0 && m < 100.0) {
        return general(m);
    }
    let bits = m.to_bits();
    let exponent = ((bits >> 52) & 0x7FF) as i32;
    // m = mantissa × 2^shift exactly; below 100, shift ≤ −45.
    let mantissa = u128::from((bits & ((1 << 52) - 1)) | (1 << 52));
    let shift = exponent - 1075;
    if !(-120..=-45).contains(&shift) {
        return general(m);
    }
    let down = shift.unsigned_abs();
    let scaled = mantissa * 1_000_000;
    let quotient = scaled >> down;
    let remainder = scaled & ((1u128 << down) - 1);
    let (one, half) = (1u128 << down, 1u128 << (down - 1));
    // 10^-12 of m is 10^-6 of a grid step: 2^(down − 20) of the remainder's range.
    let window = 1u128 << (down - 20);
    if remainder < window || one - remainder < window || remainder.abs_diff(half) < window {
        return general(m);
    }
    let rounded = if remainder > half {
        quotient + 1
    } else {
        quotient
    };
    match i64::try_from(rounded) {
        Ok(q) => Decimal::new(q, 6),
        Err(_) => general(m),
    }
}

/// `Decimal::from(uses) × m`, exactly as `Decimal`'s product (scale 6, or zero of scale
/// 0), without the general multiplication.
#[inline]
fn times(m: Decimal, uses: i64) -> Decimal {
    if m.is_zero() || uses == 0 {
        return Decimal::ZERO;
    }
    if m.scale() == 6
        && !m.is_sign_negative()
        && uses > 0
        && let Ok(mantissa) = u64::try_from(m.mantissa())
        && let Some(product) = mantissa.checked_mul(uses.unsigned_abs())
    {
        return Decimal::from_parts(product as u32, (product >> 32) as u32, 0, false, 6);
    }
    Decimal::from(uses).checked_mul(m).unwrap_or(m)
}

/// The benefit id of a catalogue key (`"parking"`, `"canteen"`, ...).
pub fn benefit_id(key: &str) -> BenefitId {
    BenefitId::from_external(&format!("synth-benefit-{key}"))
}

/// Generates the catalogue, the enrolments of every active employee of `org` and the
/// truth, from the stream `rng::stream(org.seed(), "benefits")`.
///
/// # Errors
/// [`BenefitSynthError::Benefits`] / [`BenefitSynthError::Location`] only on a bug in
/// the generator's tables.
pub fn benefit_data(
    org: &Organisation,
    config: &BenefitSynthConfig,
) -> Result<BenefitData, BenefitSynthError> {
    let usd = Currency::new("USD").map_err(|_| BenefitSynthError::OutOfRange {
        field: "currency",
        value: 0.0,
        expected: "a known currency",
    })?;
    let mut rates = ExchangeRates::new(usd);
    let mut levels = Vec::new();
    let mut local = Vec::new();
    for (country, code, rate, plr) in COUNTRIES {
        let (Ok(country), Ok(currency)) = (CountryCode::new(country), Currency::new(code)) else {
            continue;
        };
        if currency != usd && rates.rate(currency).is_err() {
            rates =
                rates.with_rate(ExchangeRate::new(currency, usd, dec(rate)).map_err(|e| {
                    remit_benefits::Error::Money {
                        context: "synth rates".to_owned(),
                        source: e,
                    }
                })?)?;
        }
        levels.push((country, dec(plr)));
        local.push((country, currency, dec(rate), dec(plr)));
    }
    let purchasing_power = CountryScaled::purchasing_power(rates.clone(), levels)?;

    let mut builder = Catalogue::builder();
    for spec in &SPECS {
        let (units, scale, uses) = spec.price;
        let usd_price = Decimal::new(units, scale);
        let mut b = Benefit::builder(benefit_id(spec.key), spec.name)
            .category(spec.category)
            .eligibility(Eligibility::work_modes(spec.modes.iter().copied()))
            .valuation(Valuation::per_use(
                Money::new(usd_price, usd),
                Decimal::from(uses),
            ))
            .proration(if spec.prorate {
                Proration::ByOfficeDays
            } else {
                Proration::None
            })
            .tax(spec.tax);
        for &(country, currency, rate, plr) in &local {
            if currency == usd {
                continue;
            }
            let places = currency.minor_units().unwrap_or(2);
            let price = (usd_price * plr / rate).round_dp(places);
            b = b.valuation_in(
                country,
                Valuation::per_use(Money::new(price, currency), Decimal::from(uses)),
            );
        }
        builder = builder.benefit(b.build()?);
    }
    let extras: Vec<String> = (0..config.extra)
        .map(|i| format!("allowance-{i}"))
        .collect();
    for (i, key) in extras.iter().enumerate() {
        let usd_price = Decimal::from(100 + 100 * (i % 7) as i64);
        let mut b = Benefit::builder(benefit_id(key), format!("Allowance {}", i + 1))
            .category(BenefitCategory::Other)
            .valuation(Valuation::per_use(Money::new(usd_price, usd), Decimal::ONE))
            .tax(TaxTreatment::TaxableStipend);
        for &(country, currency, rate, plr) in &local {
            if currency == usd {
                continue;
            }
            let places = currency.minor_units().unwrap_or(2);
            let price = (usd_price * plr / rate).round_dp(places);
            b = b.valuation_in(
                country,
                Valuation::per_use(Money::new(price, currency), Decimal::ONE),
            );
        }
        builder = builder.benefit(b.build()?);
    }
    builder = builder
        .pair(benefit_id("canteen"), benefit_id("meal-stipend"))
        .pair(benefit_id("commuter"), benefit_id("home-office"))
        .pair(benefit_id("commuter"), benefit_id("internet"))
        .pair(benefit_id("gym"), benefit_id("wellness"));
    if !config.unmatched_parking {
        builder = builder.pair(benefit_id("parking"), benefit_id("coworking"));
    }
    let catalogue = builder.build()?;

    // Each mode's basket: (catalogue position, expected uses).
    let basket = |mode: WorkMode| -> Vec<(usize, i64)> {
        SPECS
            .iter()
            .filter(|s| s.modes.contains(&mode))
            .map(|s| (benefit_id(s.key), s.price.2))
            .chain(extras.iter().map(|k| (benefit_id(k), 1)))
            .filter_map(|(id, uses)| catalogue.position(id).map(|p| (p, uses)))
            .collect()
    };
    let baskets = [
        basket(WorkMode::Onsite),
        basket(WorkMode::Hybrid),
        basket(WorkMode::Remote),
    ];
    let three_days = OfficeDays::new(Decimal::from(3)).unwrap_or(OfficeDays::FULL_WEEK);

    let as_of = org.as_of();
    let mut rng = rng::stream(org.seed(), "benefits");
    let mut enrolments = Enrolments::new(&catalogue);
    let active = org.roster().iter().filter(|e| e.is_active_on(as_of));
    let (people, lines) = active.fold((0usize, 0usize), |(n, l), e| {
        (
            n + 1,
            l + baskets.get(e.work_mode().index()).map_or(0, Vec::len),
        )
    });
    enrolments.reserve(people);
    enrolments.reserve_lines(lines);
    let sigma = config.sigma;
    let shortfalls = config.shortfall;
    let people = org.roster().iter().filter_map(|e| {
        // One draw per employee, active or not, so the stream does not depend on leavers.
        let z = rng::normal(&mut rng);
        if !e.is_active_on(as_of) {
            return None;
        }
        let mode = e.work_mode();
        let level = f64::from(e.level().rank().saturating_sub(1));
        let tenure_years = f64::from(e.tenure_months(as_of)) / 12.0;
        let shortfall = shortfalls.get(mode.index()).copied().unwrap_or(0.0);
        let m = (1.0 + 0.06 * level)
            * (0.01 * tenure_years).exp()
            * (sigma * z).exp()
            * (1.0 - shortfall);
        let m = micro_units(m);
        let items = baskets.get(mode.index())?;
        let days = (mode == WorkMode::Hybrid).then_some(three_days);
        Some((
            e.id(),
            days,
            items
                .iter()
                .map(move |&(p, uses)| (p, Some(times(m, uses)))),
        ))
    });
    enrolments.enrol_many(people)?;
    let mut gaps = [0.0; 3];
    for (g, s) in gaps.iter_mut().zip(config.shortfall) {
        *g = -s;
    }
    Ok(BenefitData {
        catalogue,
        enrolments,
        rates,
        purchasing_power,
        truth: BenefitTruth {
            gaps,
            sigma: config.sigma,
            unmatched: config.unmatched_parking.then(|| benefit_id("parking")),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn general(m: f64) -> Decimal {
        Decimal::try_from(m).unwrap_or(Decimal::ONE).round_dp(6)
    }

    #[test]
    fn micro_units_equal_the_general_conversion_in_value_and_scale() {
        let mut rng = rng::stream(7, "micro-units-test");
        let mut checked = 0;
        let special = [
            1.0,
            1.5,
            0.0078125,
            0.0234375,
            1.0000005,
            2.5e-7,
            7.5e-7,
            0.1,
            123.456789,
            99.9999995,
            1e-300,
            4e15,
            f64::MIN_POSITIVE,
            0.999_999_5,
            2.0f64.sqrt(),
            1.000_000_4,
        ];
        for m in special {
            let (fast, slow) = (micro_units(m), general(m));
            assert_eq!((fast, fast.scale()), (slow, slow.scale()), "{m:e}");
        }
        // Off the windows the fast path itself answers.
        assert_eq!(micro_units(2.0f64.sqrt()).to_string(), "1.414214");
        assert_eq!(micro_units(1.000_000_4).to_string(), "1.000000");
        for m in (0..200_000).map(|_| {
            let z = rng::normal(&mut rng);
            (0.9 + 0.6 * rng::unit(&mut rng)) * (0.25 * 2.0 * z).exp()
        }) {
            let (fast, slow) = (micro_units(m), general(m));
            assert_eq!(fast, slow, "{m:e}");
            assert_eq!(fast.scale(), slow.scale(), "{m:e}");
            for uses in [1i64, 12, 220] {
                let (a, b) = (times(fast, uses), Decimal::from(uses) * slow);
                assert_eq!((a, a.scale()), (b, b.scale()), "{m:e} x {uses}");
            }
            checked += 1;
        }
        assert_eq!(checked, 200_000);
    }
}
