//! Where the synthetic organisation's people are: offices and countries with their real
//! IANA time zones.

use chrono_tz::Tz;
use chrono_tz::{Africa, America, Asia, Australia, Europe, Pacific};

/// An office: onsite and hybrid staff live near one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Office {
    /// The office's city name, as shown in reports (e.g. `"New York"`).
    pub name: &'static str,
    /// ISO 3166-1 alpha-2 country code.
    pub country: &'static str,
    /// The office's time zone.
    pub time_zone: Tz,
    /// Relative share of office-based staff.
    pub weight: u32,
}

/// A country remote staff may live in, with the zones they are spread over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RemoteCountry {
    /// ISO 3166-1 alpha-2 country code.
    pub country: &'static str,
    /// Time zones used in the country, most populous first.
    pub time_zones: &'static [Tz],
    /// Relative share of remote staff.
    pub weight: u32,
}

/// The headquarters: the first office.
pub const HEADQUARTERS: Office = OFFICES[0];

/// The offices of the synthetic organisation, headquarters first.
pub const OFFICES: [Office; 6] = [
    Office {
        name: "New York",
        country: "US",
        time_zone: America::New_York,
        weight: 30,
    },
    Office {
        name: "San Francisco",
        country: "US",
        time_zone: America::Los_Angeles,
        weight: 15,
    },
    Office {
        name: "London",
        country: "GB",
        time_zone: Europe::London,
        weight: 20,
    },
    Office {
        name: "Berlin",
        country: "DE",
        time_zone: Europe::Berlin,
        weight: 12,
    },
    Office {
        name: "Bengaluru",
        country: "IN",
        time_zone: Asia::Kolkata,
        weight: 15,
    },
    Office {
        name: "Sydney",
        country: "AU",
        time_zone: Australia::Sydney,
        weight: 8,
    },
];

/// Countries remote staff live in, with weights loosely following where remote hiring
/// concentrates (North America, Europe, India, Latin America), plus the awkward zones
/// (half-hour, 45-minute, southern hemisphere, far east) that stress time-zone logic.
pub const REMOTE_COUNTRIES: [RemoteCountry; 26] = [
    RemoteCountry {
        country: "US",
        time_zones: &[
            America::New_York,
            America::Chicago,
            America::Los_Angeles,
            America::Denver,
            America::Phoenix,
        ],
        weight: 28,
    },
    RemoteCountry {
        country: "CA",
        time_zones: &[America::Toronto, America::Vancouver, America::Halifax],
        weight: 7,
    },
    RemoteCountry {
        country: "MX",
        time_zones: &[America::Mexico_City],
        weight: 3,
    },
    RemoteCountry {
        country: "BR",
        time_zones: &[America::Sao_Paulo],
        weight: 4,
    },
    RemoteCountry {
        country: "AR",
        time_zones: &[America::Argentina::Buenos_Aires],
        weight: 2,
    },
    RemoteCountry {
        country: "CO",
        time_zones: &[America::Bogota],
        weight: 2,
    },
    RemoteCountry {
        country: "GB",
        time_zones: &[Europe::London],
        weight: 8,
    },
    RemoteCountry {
        country: "IE",
        time_zones: &[Europe::Dublin],
        weight: 2,
    },
    RemoteCountry {
        country: "PT",
        time_zones: &[Europe::Lisbon],
        weight: 3,
    },
    RemoteCountry {
        country: "ES",
        time_zones: &[Europe::Madrid],
        weight: 3,
    },
    RemoteCountry {
        country: "FR",
        time_zones: &[Europe::Paris],
        weight: 3,
    },
    RemoteCountry {
        country: "DE",
        time_zones: &[Europe::Berlin],
        weight: 5,
    },
    RemoteCountry {
        country: "NL",
        time_zones: &[Europe::Amsterdam],
        weight: 2,
    },
    RemoteCountry {
        country: "PL",
        time_zones: &[Europe::Warsaw],
        weight: 3,
    },
    RemoteCountry {
        country: "RO",
        time_zones: &[Europe::Bucharest],
        weight: 1,
    },
    RemoteCountry {
        country: "ZA",
        time_zones: &[Africa::Johannesburg],
        weight: 1,
    },
    RemoteCountry {
        country: "NG",
        time_zones: &[Africa::Lagos],
        weight: 1,
    },
    RemoteCountry {
        country: "KE",
        time_zones: &[Africa::Nairobi],
        weight: 1,
    },
    RemoteCountry {
        country: "IN",
        time_zones: &[Asia::Kolkata],
        weight: 7,
    },
    RemoteCountry {
        country: "NP",
        time_zones: &[Asia::Kathmandu],
        weight: 1,
    },
    RemoteCountry {
        country: "PH",
        time_zones: &[Asia::Manila],
        weight: 3,
    },
    RemoteCountry {
        country: "SG",
        time_zones: &[Asia::Singapore],
        weight: 1,
    },
    RemoteCountry {
        country: "JP",
        time_zones: &[Asia::Tokyo],
        weight: 1,
    },
    RemoteCountry {
        country: "AU",
        time_zones: &[
            Australia::Sydney,
            Australia::Melbourne,
            Australia::Perth,
            Australia::Brisbane,
            Australia::Lord_Howe,
        ],
        weight: 3,
    },
    RemoteCountry {
        country: "NZ",
        time_zones: &[Pacific::Auckland],
        weight: 1,
    },
    RemoteCountry {
        country: "VN",
        time_zones: &[Asia::Ho_Chi_Minh],
        weight: 1,
    },
];

/// Departments and their relative sizes.
pub const DEPARTMENTS: [(&str, u32); 10] = [
    ("Engineering", 30),
    ("Product", 6),
    ("Design", 4),
    ("Sales", 15),
    ("Marketing", 7),
    ("Customer Support", 14),
    ("Finance", 5),
    ("People", 4),
    ("Legal", 2),
    ("Operations", 13),
];
