//! How a file writes its values, declared, never guessed: the field delimiter, the
//! decimal separator and the date format are settings of each file
//! ([`SourceSettings`](crate::SourceSettings)); the parsers here read exactly what the setting says.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::Deserialize;

/// The decimal separator of a file's numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecimalSeparator {
    /// A point before the fraction, `1234.5` (the default).
    #[default]
    Point,
    /// `1234,5`, as many European exports write it (usually with `;` between fields).
    /// A `.` in a number is then an error: thousands separators are not accepted in
    /// either setting, because `1.234` would be ambiguous.
    Comma,
}

/// How a file writes its dates. Date-times are accepted in every format: the date is
/// taken as written, before any `T` or space (a local-midnight `2024-03-01T00:00:00+01:00`
/// is the 1st of March, not the 29th of February in UTC).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum DateFormat {
    /// `2024-03-01` (ISO 8601; the default).
    #[default]
    Iso,
    /// `3/1/2024` or `03/01/2024`: month, day, four-digit year (US; Viva Insights).
    UsMonthDayYear,
    /// `1/3/2024` or `01/03/2024`: day, month, four-digit year (most of Europe).
    DayMonthYear,
    /// A whole number of days in Excel's 1900 date system (`45352` is 2024-03-01), as
    /// spreadsheets store dates; serials before 61 (before March 1900, where Excel
    /// counts a 29 February 1900 that never was) are refused.
    ExcelSerial,
    /// A `chrono` format string (`%d.%m.%Y`), for anything else.
    Pattern(String),
}

impl DateFormat {
    /// The format named in a mapping file: `iso`, `us` (`m/d/Y`), `dmy` (`d/m/Y`),
    /// `excel`, or a `chrono` pattern holding a `%`.
    ///
    /// # Errors
    ///
    /// A message naming the accepted names.
    pub fn from_name(name: &str) -> Result<Self, String> {
        match name.trim().to_ascii_lowercase().as_str() {
            "iso" | "iso8601" | "yyyy-mm-dd" => Ok(Self::Iso),
            "us" | "m/d/y" | "mm/dd/yyyy" => Ok(Self::UsMonthDayYear),
            "dmy" | "d/m/y" | "dd/mm/yyyy" => Ok(Self::DayMonthYear),
            "excel" | "excel_serial" => Ok(Self::ExcelSerial),
            _ if name.contains('%') => Ok(Self::Pattern(name.to_owned())),
            other => Err(format!(
                "unknown date format {other:?}: expected iso, us, dmy, excel or a chrono pattern such as \"%d.%m.%Y\""
            )),
        }
    }

    /// What a date in this format looks like, for messages.
    pub fn describe(&self) -> String {
        match self {
            Self::Iso => "a date as YYYY-MM-DD".to_owned(),
            Self::UsMonthDayYear => "a date as M/D/YYYY".to_owned(),
            Self::DayMonthYear => "a date as D/M/YYYY".to_owned(),
            Self::ExcelSerial => "a date as an Excel serial day number".to_owned(),
            Self::Pattern(p) => format!("a date as {p:?}"),
        }
    }

    /// Reads one date; `None` when the text is not a valid date in this format.
    pub fn parse(&self, text: &str) -> Option<NaiveDate> {
        // A bare ISO date (almost every date of a canonical file) is read directly: it
        // holds no `T`, space or quote, so the general reading below gives the same.
        if *self == Self::Iso
            && let Some(date) = iso_date(text)
        {
            return Some(date);
        }
        self.parse_general(text)
    }

    /// [`parse`](Self::parse) without the shortcut for bare ISO dates.
    fn parse_general(&self, text: &str) -> Option<NaiveDate> {
        let date_part = text
            .split(['T', ' '])
            .next()
            .unwrap_or(text)
            .trim_matches('"');
        match self {
            Self::Iso => iso_date(date_part),
            Self::UsMonthDayYear => slashed(date_part).and_then(|(m, d, y)| ymd(y, m, d)),
            Self::DayMonthYear => slashed(date_part).and_then(|(d, m, y)| ymd(y, m, d)),
            Self::ExcelSerial => excel_serial(text.trim()),
            Self::Pattern(p) => NaiveDate::parse_from_str(text.trim(), p).ok(),
        }
    }
}

fn ymd(y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    bytes.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

/// `YYYY-MM-DD`, read directly (the hot path of every canonical file).
pub(crate) fn iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let y = digits(b.get(0..4)?)?;
    let m = digits(b.get(5..7)?)?;
    let d = digits(b.get(8..10)?)?;
    ymd(y, m, d)
}

/// `a/b/yyyy` with one- or two-digit `a` and `b`.
fn slashed(text: &str) -> Option<(u32, u32, u32)> {
    let mut parts = text.split('/');
    let a = parts.next()?;
    let b = parts.next()?;
    let y = parts.next()?;
    if parts.next().is_some() || a.len() > 2 || b.len() > 2 || y.len() != 4 {
        return None;
    }
    Some((
        digits(a.as_bytes())?,
        digits(b.as_bytes())?,
        digits(y.as_bytes())?,
    ))
}

fn excel_serial(text: &str) -> Option<NaiveDate> {
    // A whole number, possibly written with a zero fraction ("45352.0").
    let whole = text.strip_suffix(".0").unwrap_or(text);
    let serial: u64 = whole.parse().ok()?;
    if serial < 61 {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(serial))
}

/// A decimal number written with `separator`; `None` otherwise. Signs and a
/// leading `+` are accepted, exponents and thousands separators are not.
pub(crate) fn decimal(text: &str, separator: DecimalSeparator) -> Option<Decimal> {
    let text = text.trim();
    if text.is_empty() || text.contains(['e', 'E', '_']) {
        return None;
    }
    match separator {
        DecimalSeparator::Point => text.parse().ok(),
        DecimalSeparator::Comma => {
            if text.contains('.') || text.matches(',').count() > 1 {
                return None;
            }
            text.replace(',', ".").parse().ok()
        }
    }
}

/// A finite number written with `separator`, read by the standard float parser.
pub(crate) fn number(text: &str, separator: DecimalSeparator) -> Option<f64> {
    let text = text.trim();
    let value: f64 = match separator {
        DecimalSeparator::Point => text.parse().ok()?,
        DecimalSeparator::Comma => {
            if text.contains('.') || text.matches(',').count() > 1 {
                return None;
            }
            text.replace(',', ".").parse().ok()?
        }
    };
    value.is_finite().then_some(value)
}

/// A finite `f32` written with `separator`, read by the standard parser for `f32`
/// (so the shortest text of an `f32` reads back as the same value).
pub(crate) fn number_f32(text: &str, separator: DecimalSeparator) -> Option<f32> {
    let text = text.trim();
    let value: f32 = match separator {
        DecimalSeparator::Point => text.parse().ok()?,
        DecimalSeparator::Comma => {
            if text.contains('.') || text.matches(',').count() > 1 {
                return None;
            }
            text.replace(',', ".").parse().ok()?
        }
    };
    value.is_finite().then_some(value)
}

/// A whole number of type `T` as the readers of whole-number columns take it: a unit
/// after it (`36 months`, as Snipe-IT writes warranties) and surrounding spaces are
/// dropped; `None` when what is left does not parse as a `T` (out of range, a sign `T`
/// cannot hold, a prefix).
pub(crate) fn whole_number<T: std::str::FromStr>(text: &str) -> Option<T> {
    text.trim()
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .trim_end()
        .parse()
        .ok()
}

/// The items of a list cell: separated by spaces, `;`, `|` or `,` (empty items
/// dropped), as benefit eligibility, country and pairing cells and working days are
/// written.
pub(crate) fn list(text: &str) -> impl Iterator<Item = &str> {
    text.split([' ', ';', '|', ',']).filter(|s| !s.is_empty())
}

/// A time of day written `HH:MM` (a team member's `work_start`), as minutes after
/// midnight (0-1439).
pub(crate) fn clock_minute(text: &str) -> Option<u16> {
    use chrono::Timelike;
    let time = chrono::NaiveTime::parse_from_str(text, "%H:%M").ok()?;
    u16::try_from(time.hour() * 60 + time.minute()).ok()
}

/// Weekday names (`mon tue wed`, `Monday;Friday`: any separator of
/// [`list`]) as a set of working days.
pub(crate) fn workdays(text: &str) -> Option<remit_collab_tools::overlap::Workdays> {
    let mut days = remit_collab_tools::overlap::Workdays::NONE;
    for d in list(text) {
        days = days.with(d.parse::<chrono::Weekday>().ok()?);
    }
    Some(days)
}

/// Work modes (`onsite hybrid`, `remote;hybrid`: any separator of
/// [`list`]), as a benefit's eligible modes.
pub(crate) fn work_modes(text: &str) -> Option<Vec<remit_core::WorkMode>> {
    list(text).map(|m| m.parse().ok()).collect()
}

/// ISO 3166-1 alpha-2 codes (`DE FR`, `DE;FR`), as the countries a benefit is offered in.
pub(crate) fn country_codes(text: &str) -> Option<Vec<remit_core::CountryCode>> {
    list(text)
        .map(|c| remit_core::CountryCode::new(c).ok())
        .collect()
}

/// `true`/`false`, `1`/`0`, `yes`/`no`, `y`/`n` (any case).
pub(crate) fn boolean(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "y" => Some(true),
        "false" | "0" | "no" | "n" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn each_date_format_reads_its_own_layout_only() {
        assert_eq!(DateFormat::Iso.parse("2024-03-01"), Some(d(2024, 3, 1)));
        assert_eq!(
            DateFormat::Iso.parse("2024-03-01T00:00:00+01:00"),
            Some(d(2024, 3, 1))
        );
        assert_eq!(DateFormat::Iso.parse("3/1/2024"), None);
        assert_eq!(DateFormat::Iso.parse("2024-02-30"), None);
        assert_eq!(
            DateFormat::UsMonthDayYear.parse("3/1/2024"),
            Some(d(2024, 3, 1))
        );
        assert_eq!(
            DateFormat::DayMonthYear.parse("3/1/2024"),
            Some(d(2024, 1, 3))
        );
        assert_eq!(DateFormat::UsMonthDayYear.parse("13/1/2024"), None);
        assert_eq!(DateFormat::ExcelSerial.parse("45352"), Some(d(2024, 3, 1)));
        assert_eq!(DateFormat::ExcelSerial.parse("60"), None);
        assert_eq!(
            DateFormat::from_name("%d.%m.%Y")
                .unwrap()
                .parse("01.03.2024"),
            Some(d(2024, 3, 1))
        );
        assert!(DateFormat::from_name("ddmmyy").is_err());
    }

    /// The shortcut for bare ISO dates reads every text as the general reading does.
    #[test]
    fn the_iso_shortcut_agrees_with_the_general_reading() {
        let mut texts: Vec<String> = [
            "2024-03-01",
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "0000-01-01",
            "9999-12-31",
            "2024-3-01",
            "2024-03-1 ",
            "2024/03/01",
            "2024-03-01T10:00",
            "2024-03-01 10:00",
            "\"2024-03-01\"",
            "+024-03-01",
            "-024-03-01",
            "2024-03-0a",
            "",
            "é024-03-01",
        ]
        .map(str::to_owned)
        .to_vec();
        for day in 0..800u64 {
            let d = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap() + Days::new(day);
            texts.push(d.to_string());
        }
        for text in &texts {
            assert_eq!(
                DateFormat::Iso.parse(text),
                DateFormat::Iso.parse_general(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn decimal_comma_is_a_setting_and_thousands_separators_are_refused() {
        let c = DecimalSeparator::Comma;
        let p = DecimalSeparator::Point;
        assert_eq!(decimal("1234,50", c), Some(Decimal::new(123_450, 2)));
        assert_eq!(decimal("1.234,50", c), None);
        assert_eq!(decimal("1234.50", c), None);
        assert_eq!(decimal("1234,50", p), None);
        assert_eq!(decimal("-12.5", p), Some(Decimal::new(-125, 1)));
        assert_eq!(number("3,25", c), Some(3.25));
        assert_eq!(number("NaN", p), None);
        assert_eq!(number("1e3", p), Some(1000.0));
    }
}
