//! Countries: [`CountryCode`], an ISO 3166-1 alpha-2 code validated against the assigned
//! codes.

use core::fmt;
use core::str::FromStr;

mod assigned;

/// An officially assigned ISO 3166-1 alpha-2 country code, such as `DE` or `IN`.
///
/// Invariant: the two bytes are upper-case ASCII letters forming one of the 249 codes
/// assigned by ISO 3166-1 (the table is generated from `pycountry` by
/// `benches/reference/iso3166_codes.py`). User-assigned and reserved codes (`XK`, `EU`,
/// `UK`) are rejected. Parsing accepts lower case and surrounding white space.
///
/// ```
/// use remit_core::CountryCode;
///
/// let de: CountryCode = "de".parse()?;
/// assert_eq!(de.as_str(), "DE");
/// assert_eq!(de.name(), "Germany");
/// // The United Kingdom is GB: the error gives back the text refused.
/// assert_eq!("UK".parse::<CountryCode>().unwrap_err().input(), "UK");
/// # Ok::<(), remit_core::CountryCodeError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct CountryCode([u8; 2]);

/// A string was not an assigned ISO 3166-1 alpha-2 code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid country code {input:?}: expected an assigned ISO 3166-1 alpha-2 code such as DE or IN"
)]
pub struct CountryCodeError {
    input: String,
}

impl CountryCodeError {
    /// The text that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl CountryCode {
    /// Validates a code; lower case is accepted and normalised to upper case.
    pub fn new(code: &str) -> Result<Self, CountryCodeError> {
        let trimmed = code.trim();
        let error = || CountryCodeError {
            input: code.to_owned(),
        };
        let bytes = trimmed.as_bytes();
        if bytes.len() != 2 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return Err(error());
        }
        let upper = [bytes[0].to_ascii_uppercase(), bytes[1].to_ascii_uppercase()];
        Self::position(upper).map(|_| Self(upper)).ok_or_else(error)
    }

    fn position(code: [u8; 2]) -> Option<usize> {
        assigned::ASSIGNED
            .binary_search_by(|(candidate, _)| candidate.as_bytes().cmp(&code[..]))
            .ok()
    }

    /// The upper-case code, such as `"DE"`.
    pub fn as_str(&self) -> &str {
        // The invariant guarantees ASCII; fall back to an empty string rather than panic.
        core::str::from_utf8(&self.0).unwrap_or("")
    }

    /// The English short name from ISO 3166-1, such as `"Germany"`.
    pub fn name(&self) -> &'static str {
        Self::position(self.0)
            .and_then(|i| assigned::ASSIGNED.get(i))
            .map_or("", |(_, name)| name)
    }

    /// Every assigned code, in alphabetical order.
    pub fn all() -> impl Iterator<Item = CountryCode> {
        assigned::ASSIGNED.iter().filter_map(|(code, _)| {
            let b = code.as_bytes();
            (b.len() == 2).then(|| CountryCode([b[0], b[1]]))
        })
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CountryCode({})", self.as_str())
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CountryCode {
    type Err = CountryCodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl TryFrom<String> for CountryCode {
    type Error = CountryCodeError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(&value)
    }
}

impl From<CountryCode> for String {
    fn from(code: CountryCode) -> Self {
        code.as_str().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_complete() {
        assert_eq!(CountryCode::all().count(), 249);
        assert!(assigned::ASSIGNED.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn assigned_codes_parse_and_others_do_not() {
        for ok in ["US", "gb", " NP ", "AQ", "ZW"] {
            assert!(CountryCode::new(ok).is_ok(), "{ok}");
        }
        for bad in ["UK", "EU", "XK", "", "U", "USA", "1A", "Ü1"] {
            assert_eq!(
                CountryCode::new(bad).map_err(|e| e.input().to_owned()),
                Err(bad.to_owned()),
                "{bad}"
            );
        }
        assert_eq!(CountryCode::new("np").unwrap().name(), "Nepal");
    }
}
