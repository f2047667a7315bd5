//! Built-in profiles: the header names and value spellings of common exports, so such
//! a file reads without a mapping. A mapping file's `columns`, `values` and settings
//! override a profile's.
//!
//! Header names come from the systems' documentation and public integration code
//! (sources and confidence in `docs/data-formats.md`). Where a system has no standard
//! column for what remit needs (work mode and job level in BambooHR and HiBob), the
//! profile lists the usual custom-field names, and the mapping file names yours.

use crate::canonical::Input;
use crate::table::{Binding, SourceSettings};
use crate::values::DateFormat;

/// How a profile's rows become canonical rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Shape {
    /// One source row is one canonical row.
    Rows,
    /// Microsoft 365 active-user detail: one row per user with a `Has X License`,
    /// `X Last Activity Date` column pair per product, unpivoted to one seat per licence.
    Microsoft365,
    /// Seats of one tool ([`crate::FileConfig::tools`]`["tool"]`), possibly several rows
    /// per user (Okta writes one per MFA factor): merged, keeping the latest activity.
    OneTool,
    /// Qualtrics response export: three header rows, one row per response, item columns
    /// named in [`crate::FileConfig::wide`]; only finished responses are read.
    QualtricsWide,
}

/// One built-in profile: how one vendor's export (BambooHR, Snipe-IT, Okta...) maps onto a
/// canonical input, chosen in a mapping file by its [`name`](Profile::name).
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    /// The name a mapping file uses (`profile = "bamboohr_employees"`).
    pub name: &'static str,
    /// The export it reads, in words.
    pub export: &'static str,
    /// The canonical input it feeds.
    pub input: Input,
    /// How rows become canonical rows.
    pub shape: Shape,
    aliases: &'static [(&'static str, &'static [&'static str])],
    values: &'static [(&'static str, &'static [(&'static str, &'static str)])],
    dates: Dates,
    rows_after_header: usize,
}

#[derive(Debug, Clone, Copy)]
enum Dates {
    Iso,
    Us,
}

impl Profile {
    /// The export's default settings (its date format and header rows).
    pub fn settings(&self) -> SourceSettings {
        SourceSettings {
            dates: match self.dates {
                Dates::Iso => DateFormat::Iso,
                Dates::Us => DateFormat::UsMonthDayYear,
            },
            rows_after_header: self.rows_after_header,
            ..SourceSettings::default()
        }
    }

    /// The header aliases and value maps.
    pub(crate) fn binding(&self) -> Binding {
        let mut b = Binding::canonical();
        for (column, headers) in self.aliases {
            if let Some(c) = self.input.columns().iter().find(|c| c.name == *column) {
                b = b.alias(c.name, headers);
            }
        }
        for (column, pairs) in self.values {
            if let Some(c) = self.input.columns().iter().find(|c| c.name == *column) {
                b = b.value_map(c.name, pairs);
            }
        }
        b
    }

    /// The source headers a canonical column is looked for under.
    pub fn headers(&self, column: &str) -> &'static [&'static str] {
        self.aliases
            .iter()
            .find(|(c, _)| *c == column)
            .map_or(&[], |(_, h)| h)
    }
}

/// Finds a built-in profile by name.
pub fn find(name: &str) -> Option<&'static Profile> {
    PROFILES.iter().find(|p| p.name == name)
}

const WORK_MODES: &[(&str, &str)] = &[
    ("Remote", "remote"),
    ("Fully Remote", "remote"),
    ("Home", "remote"),
    ("Hybrid", "hybrid"),
    ("Partially Remote", "hybrid"),
    ("Office", "onsite"),
    ("In-office", "onsite"),
    ("In Office", "onsite"),
    ("On-site", "onsite"),
    ("Onsite", "onsite"),
];

/// Microsoft 365 products in the active-user detail report, and the default tool id of
/// each.
pub const M365_PRODUCTS: [(&str, &str); 6] = [
    ("Exchange", "exchange"),
    ("OneDrive", "onedrive"),
    ("SharePoint", "sharepoint"),
    ("Skype For Business", "skype_for_business"),
    ("Yammer", "yammer"),
    ("Teams", "teams"),
];

/// Every built-in profile; a mapping file picks one by its [`name`](Profile::name).
pub const PROFILES: &[Profile] = &[
    Profile {
        name: "bamboohr_employees",
        export: "BambooHR employee report (custom report CSV, or the API's field aliases)",
        input: Input::People,
        shape: Shape::Rows,
        aliases: &[
            (
                "employee_id",
                &["Employee #", "employeeNumber", "Employee Number"],
            ),
            (
                "work_mode",
                &["Work Mode", "Work Arrangement", "Location Type", "Location"],
            ),
            ("country", &["Country", "country"]),
            ("time_zone", &["Time Zone", "Timezone", "timeZone"]),
            ("level", &["Job Level", "Level", "jobLevel"]),
            ("department", &["Department", "department"]),
            (
                "manager_id",
                &["Supervisor EID", "supervisorEId", "Reporting to Employee #"],
            ),
            ("hire_date", &["Hire Date", "hireDate"]),
            ("termination_date", &["Termination Date", "terminationDate"]),
            ("email", &["Work Email", "workEmail"]),
            ("performance", &["Performance Rating", "performanceRating"]),
        ],
        values: &[("work_mode", WORK_MODES)],
        dates: Dates::Iso,
        rows_after_header: 0,
    },
    Profile {
        name: "hibob_employees",
        export: "HiBob people export (human-readable labels, or field paths)",
        input: Input::People,
        shape: Shape::Rows,
        aliases: &[
            (
                "employee_id",
                &[
                    "Employee ID",
                    "work/employeeIdInCompany",
                    "Employee ID in company",
                ],
            ),
            ("work_mode", &["Work Mode", "Site", "work/site"]),
            ("country", &["Country", "address/country", "Site country"]),
            ("time_zone", &["Time zone", "Timezone", "work/siteTimezone"]),
            ("level", &["Level", "Job level", "work/custom/level"]),
            ("department", &["Department", "work/department"]),
            (
                "manager_id",
                &[
                    "Reports to ID",
                    "work/reportsToIdInCompany",
                    "Reports to ID in company",
                ],
            ),
            ("hire_date", &["Start date", "work/startDate"]),
            (
                "termination_date",
                &["Termination date", "internal/terminationDate"],
            ),
            ("email", &["Email", "root/email"]),
            ("performance", &["Performance rating", "Performance Rating"]),
        ],
        values: &[("work_mode", WORK_MODES)],
        dates: Dates::Iso,
        rows_after_header: 0,
    },
    Profile {
        name: "bamboohr_job_info",
        export: "BambooHR job information history (the jobInfo table, all employees)",
        input: Input::JobEvents,
        shape: Shape::Rows,
        aliases: &[
            (
                "employee_id",
                &["Employee #", "employeeNumber", "Employee Number"],
            ),
            ("effective_date", &["Effective Date", "date", "Date"]),
            ("level", &["Job Level", "Level", "jobLevel"]),
            ("event", &["Reason", "Change Reason", "reason"]),
        ],
        values: &[],
        dates: Dates::Iso,
        rows_after_header: 0,
    },
    Profile {
        name: "snipeit_hardware",
        export: "Snipe-IT hardware export (Assets list > Export, or the importer's headers)",
        input: Input::Assets,
        shape: Shape::Rows,
        aliases: &[
            ("asset_tag", &["Asset Tag", "asset_tag"]),
            ("category", &["Category", "category"]),
            ("purchase_date", &["Purchase Date", "purchase_date"]),
            ("purchase_cost", &["Purchase Cost", "purchase_cost"]),
            (
                "useful_life_months",
                &["Depreciation Months", "EOL", "eol", "Months"],
            ),
            (
                "warranty_months",
                &["Warranty", "Warranty Months", "warranty_months"],
            ),
        ],
        values: &[(
            "category",
            &[
                ("Laptops", "laptop"),
                ("Laptop", "laptop"),
                ("Desktops", "desktop"),
                ("Desktop", "desktop"),
                ("Mobile Phones", "phone"),
                ("Phones", "phone"),
                ("Tablets", "tablet"),
                ("Monitors", "monitor"),
                ("Monitor", "monitor"),
                ("Headsets", "headset"),
                ("Webcams", "webcam"),
                ("Docking Stations", "dock"),
                ("Docks", "dock"),
                ("Keyboards", "keyboard"),
                ("Mice", "mouse"),
                ("Chairs", "ergonomic_chair"),
                ("Ergonomic Chairs", "ergonomic_chair"),
                ("Desks", "desk"),
            ],
        )],
        dates: Dates::Iso,
        rows_after_header: 0,
    },
    Profile {
        name: "snipeit_activity",
        export: "Snipe-IT activity report (action log), with the target's employee number or e-mail",
        input: Input::AssetEvents,
        shape: Shape::Rows,
        aliases: &[
            ("asset_tag", &["Asset Tag", "Item Tag", "asset_tag"]),
            ("occurred_on", &["Date", "action_date", "created_at"]),
            ("event", &["Action", "action_type"]),
            (
                "employee_id",
                &["Target Employee Number", "Employee Number", "employee_num"],
            ),
            ("email", &["Target Email", "Email", "email"]),
        ],
        values: &[(
            "event",
            &[
                ("checkout", "assigned"),
                ("checkin from", "checked_in"),
                ("audit", "audited"),
                ("create", "received"),
                // Record-keeping actions that change no custody: read and left out.
                ("update", "-"),
                ("requested", "-"),
                ("accepted", "-"),
                ("declined", "-"),
                ("uploaded", "-"),
                ("restore", "-"),
            ],
        )],
        dates: Dates::Iso,
        rows_after_header: 0,
    },
    Profile {
        name: "m365_active_users",
        export: "Microsoft 365 active-user detail (getOffice365ActiveUserDetail), with user names shown",
        input: Input::Seats,
        shape: Shape::Microsoft365,
        aliases: &[("email", &["User Principal Name"])],
        values: &[],
        dates: Dates::Iso,
        rows_after_header: 0,
    },
    Profile {
        name: "google_workspace_users",
        export: "Google Workspace admin console user download",
        input: Input::Seats,
        shape: Shape::OneTool,
        aliases: &[
            ("email", &["Email Address [Required]", "Email Address"]),
            ("employee_id", &["Employee ID"]),
            ("last_active", &["Last Sign In [READ ONLY]", "Last Sign In"]),
        ],
        values: &[("last_active", &[("Never logged in", "")])],
        dates: Dates::Iso,
        rows_after_header: 0,
    },
    Profile {
        name: "okta_mfa_usage",
        export: "Okta MFA Usage report (one row per user and factor)",
        input: Input::Seats,
        shape: Shape::OneTool,
        aliases: &[
            ("email", &["Login"]),
            ("last_active", &["Last Used_ISO8601", "Last Used"]),
        ],
        values: &[],
        dates: Dates::Iso,
        rows_after_header: 0,
    },
    Profile {
        name: "qualtrics_wide",
        export: "Qualtrics response export (CSV with three header rows, numeric values)",
        input: Input::Responses,
        shape: Shape::QualtricsWide,
        aliases: &[
            (
                "respondent_id",
                &["ExternalReference", "ExternalDataReference", "EmployeeID"],
            ),
            ("email", &["RecipientEmail"]),
        ],
        values: &[],
        dates: Dates::Iso,
        rows_after_header: 2,
    },
    Profile {
        name: "viva_person_query",
        export: "Viva Insights person query (weekly, hashed PersonId)",
        input: Input::Signals,
        shape: Shape::Rows,
        aliases: &[
            ("pseudonym", &["PersonId"]),
            ("week_start", &["MetricDate"]),
            ("meeting_hours", &["Meeting_hours", "Meeting hours"]),
            (
                "collaboration_hours",
                &["Collaboration_hours", "Collaboration hours"],
            ),
            (
                "after_hours_hours",
                &[
                    "After_hours_collaboration_hours",
                    "After-hours collaboration hours",
                ],
            ),
            (
                "weekend_hours",
                &["Weekend_collaboration_hours", "Weekend collaboration hours"],
            ),
            (
                "focus_hours",
                &["Uninterrupted_hours", "Uninterrupted hours"],
            ),
        ],
        values: &[],
        dates: Dates::Us,
        rows_after_header: 0,
    },
];
