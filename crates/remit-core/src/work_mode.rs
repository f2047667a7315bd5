//! Where an employee works: [`WorkMode`].

use core::fmt;
use core::str::FromStr;

/// Where an employee mainly works.
///
/// The order (`Onsite < Hybrid < Remote`) is distance from the office; reports list
/// work modes in this order.
///
/// # Parsing is forgiving, printing is strict
///
/// [`FromStr`] accepts the spellings HR systems use, case-insensitively, ignoring
/// surrounding white space and treating `-`, `_` and inner spaces alike:
///
/// | parses as | accepted spellings |
/// |---|---|
/// | `Onsite` | `onsite`, `on-site`, `on site`, `office`, `in office`, `in-office`, `office-based`, `on-premises` |
/// | `Hybrid` | `hybrid`, `flex`, `flexible`, `partly remote`, `partially remote` |
/// | `Remote` | `remote`, `fully remote`, `full remote`, `remote-first`, `wfh`, `work from home`, `home`, `home-based`, `telework` |
///
/// [`Display`](fmt::Display) always prints the canonical lower-case name (`onsite`,
/// `hybrid`, `remote`), which also is the serde representation.
///
/// ```
/// use remit_core::WorkMode;
///
/// assert_eq!("In Office".parse::<WorkMode>()?, WorkMode::Onsite);
/// assert_eq!(" ON-SITE ".parse::<WorkMode>()?, WorkMode::Onsite);
/// assert_eq!("WFH".parse::<WorkMode>()?, WorkMode::Remote);
/// assert_eq!(WorkMode::Onsite.to_string(), "onsite");
/// assert_eq!("sometimes".parse::<WorkMode>().unwrap_err().input(), "sometimes");
/// # Ok::<(), remit_core::ParseWorkModeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum WorkMode {
    /// Works at an office most days.
    Onsite,
    /// Splits the week between an office and elsewhere.
    Hybrid,
    /// Works away from any office.
    Remote,
}

impl WorkMode {
    /// Every work mode, in the canonical order.
    pub const ALL: [WorkMode; 3] = [WorkMode::Onsite, WorkMode::Hybrid, WorkMode::Remote];

    /// The canonical lower-case name (`"onsite"`, `"hybrid"`, `"remote"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            WorkMode::Onsite => "onsite",
            WorkMode::Hybrid => "hybrid",
            WorkMode::Remote => "remote",
        }
    }

    /// A capitalised name for prose (`"Onsite"`, `"Hybrid"`, `"Remote"`).
    pub const fn label(self) -> &'static str {
        match self {
            WorkMode::Onsite => "Onsite",
            WorkMode::Hybrid => "Hybrid",
            WorkMode::Remote => "Remote",
        }
    }

    /// A dense index (`0`, `1`, `2` in the canonical order), handy for per-mode arrays.
    pub const fn index(self) -> usize {
        match self {
            WorkMode::Onsite => 0,
            WorkMode::Hybrid => 1,
            WorkMode::Remote => 2,
        }
    }
}

impl fmt::Display for WorkMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string did not name a work mode.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown work mode {input:?}: expected onsite, hybrid or remote (or a synonym such as office or wfh)"
)]
pub struct ParseWorkModeError {
    input: String,
}

impl ParseWorkModeError {
    /// The text that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl FromStr for WorkMode {
    type Err = ParseWorkModeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key: String = s
            .trim()
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' ' | '\t'))
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "onsite" | "office" | "inoffice" | "officebased" | "onpremises" => Ok(WorkMode::Onsite),
            "hybrid" | "flex" | "flexible" | "partlyremote" | "partiallyremote" => {
                Ok(WorkMode::Hybrid)
            }
            "remote" | "fullyremote" | "fullremote" | "remotefirst" | "wfh" | "workfromhome"
            | "home" | "homebased" | "telework" => Ok(WorkMode::Remote),
            _ => Err(ParseWorkModeError {
                input: s.to_owned(),
            }),
        }
    }
}
