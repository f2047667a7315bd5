//! Bounded values from `arbitrary` data. Each generator mostly yields ordinary values
//! (dates around today, amounts in cents, a handful of countries) so that inputs join
//! and the analysis runs, and sometimes the edges the libraries must refuse or survive:
//! dates at the ends of chrono's range, amounts near `Decimal::MAX`, non-finite floats.

use arbitrary::{Arbitrary, Result, Unstructured};
use chrono::{Days, NaiveDate};
use remit_core::chrono_tz::Tz;
use remit_core::rust_decimal::Decimal;
use remit_core::{CountryCode, Currency, Department, JobLevel, Money, WorkMode};

/// The reference date all near dates are counted from.
pub fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// A date: usually within ±89 years of [`epoch`], sometimes any date chrono can hold.
pub fn date(u: &mut Unstructured<'_>) -> Result<NaiveDate> {
    Ok(if u.ratio(1, 16)? {
        let days: i32 = u.arbitrary()?;
        NaiveDate::from_num_days_from_ce_opt(days).unwrap_or(NaiveDate::MAX)
    } else {
        let offset: i16 = u.arbitrary()?;
        offset_date(epoch(), i64::from(offset))
    })
}

/// A date near [`epoch`]: within the next `max_days` days.
pub fn recent_date(u: &mut Unstructured<'_>, max_days: u32) -> Result<NaiveDate> {
    let days = u.int_in_range(0..=max_days)?;
    Ok(offset_date(epoch(), i64::from(days)))
}

/// `date` moved by `days` (either way), saturating at chrono's range.
pub fn offset_date(date: NaiveDate, days: i64) -> NaiveDate {
    let moved = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    moved.unwrap_or(if days >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

/// A decimal: usually cents up to ±21 million, sometimes any 96-bit mantissa and scale.
pub fn decimal(u: &mut Unstructured<'_>) -> Result<Decimal> {
    Ok(if u.ratio(1, 16)? {
        let (lo, mid, hi): (u32, u32, u32) = u.arbitrary()?;
        let negative: bool = u.arbitrary()?;
        let scale = u.int_in_range(0..=28)?;
        Decimal::from_parts(lo, mid, hi, negative, scale)
    } else {
        Decimal::new(i64::from(u.arbitrary::<i32>()?), 2)
    })
}

/// A non-negative decimal, as prices usually are (sometimes not, to reach the checks).
pub fn price(u: &mut Unstructured<'_>) -> Result<Decimal> {
    let d = decimal(u)?;
    Ok(if u.ratio(1, 32)? { d } else { d.abs() })
}

/// The currencies the generated organisations use (0 and 3 minor units included).
pub const CURRENCIES: [&str; 6] = ["EUR", "USD", "JPY", "KWD", "INR", "GBP"];

/// A currency drawn from [`CURRENCIES`]; an error only when the input runs out.
pub fn currency(u: &mut Unstructured<'_>) -> Result<Currency> {
    let code = u.choose(&CURRENCIES)?;
    Currency::new(code).map_err(|_| arbitrary::Error::IncorrectFormat)
}

/// An amount of money in one of [`CURRENCIES`].
pub fn money(u: &mut Unstructured<'_>) -> Result<Money> {
    Ok(Money::new(price(u)?, currency(u)?))
}

/// The countries the generated organisations use.
pub const COUNTRIES: [&str; 8] = ["DE", "US", "IN", "JP", "KW", "GB", "BR", "NZ"];

/// A country drawn from [`COUNTRIES`]; an error only when the input runs out.
pub fn country(u: &mut Unstructured<'_>) -> Result<CountryCode> {
    let code = u.choose(&COUNTRIES)?;
    CountryCode::new(code).map_err(|_| arbitrary::Error::IncorrectFormat)
}

/// Time zones with and without daylight saving, half-hour offsets and the date line.
pub const ZONES: [Tz; 10] = [
    Tz::Europe__Berlin,
    Tz::America__New_York,
    Tz::America__Los_Angeles,
    Tz::Asia__Kolkata,
    Tz::Asia__Tokyo,
    Tz::Australia__Adelaide,
    Tz::Pacific__Kiritimati,
    Tz::Pacific__Pago_Pago,
    Tz::America__Sao_Paulo,
    Tz::UTC,
];

/// A time zone drawn from [`ZONES`]; an error only when the input runs out.
pub fn zone(u: &mut Unstructured<'_>) -> Result<Tz> {
    Ok(*u.choose(&ZONES)?)
}

/// One of the three work modes (onsite, hybrid, remote), drawn from the input.
pub fn work_mode(u: &mut Unstructured<'_>) -> Result<WorkMode> {
    Ok(*u.choose(&WorkMode::ALL)?)
}

/// A job level, usually 1 to 6.
pub fn level(u: &mut Unstructured<'_>) -> Result<JobLevel> {
    let l: u8 = if u.ratio(1, 16)? {
        u.arbitrary()?
    } else {
        u.int_in_range(1..=6)?
    };
    Ok(JobLevel::from(l))
}

/// A department, one of a few names.
pub fn department(u: &mut Unstructured<'_>) -> Result<Department> {
    let name = u.choose(&["Engineering", "Sales", "Support", "Design"])?;
    Department::new(name).map_err(|_| arbitrary::Error::IncorrectFormat)
}

/// A float: usually in `[lo, hi]`, sometimes any bit pattern (NaN, infinities,
/// subnormals, negatives).
pub fn float(u: &mut Unstructured<'_>, lo: f64, hi: f64) -> Result<f64> {
    Ok(if u.ratio(1, 16)? {
        f64::from_bits(u.arbitrary()?)
    } else {
        let t = f64::from(u.arbitrary::<u16>()?) / f64::from(u16::MAX);
        lo + (hi - lo) * t
    })
}

/// As [`float`], for `f32` fields.
pub fn float32(u: &mut Unstructured<'_>, lo: f32, hi: f32) -> Result<f32> {
    Ok(if u.ratio(1, 16)? {
        f32::from_bits(u.arbitrary()?)
    } else {
        let t = f32::from(u.arbitrary::<u16>()?) / f32::from(u16::MAX);
        lo + (hi - lo) * t
    })
}

/// A short text: usually one of a few words, sometimes any string (empty, long,
/// control characters).
pub fn text(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(if u.ratio(1, 8)? {
        String::arbitrary(u)?
    } else {
        (*u.choose(&["depot", "DHL", "JD0146", "IT desk", "crypto erase", "a"])?).to_owned()
    })
}

/// A count `0..=max` of items to generate.
pub fn count(u: &mut Unstructured<'_>, max: usize) -> Result<usize> {
    u.int_in_range(0..=max)
}
