//! Files to canonical rows: binds each file (canonical headers, a profile, a mapping),
//! reads it through the row reader of its input and its profile's shape, and keeps
//! the rows of files that had no problem.

use std::io::Read;

use chrono::NaiveDate;

use crate::canonical::{
    Input, Who, asset_events, assets, benefits, enrolments, exchange_rates, identity, job_events,
    people, people::Email, read_rows, responses, seats, signals, teams, tools,
};
use crate::config::FileConfig;
use crate::error::{Problem, Problems};
use crate::intern::Names;
use crate::profiles::{M365_PRODUCTS, Shape};
use crate::table::{Binding, Cells, Column, Kind, Table, col, normalise};

/// Where a row came from: the file (an index into [`Rows::files`]) and its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Loc {
    pub file: u32,
    pub line: u64,
}

/// Every canonical row read, by input, each with where it came from.
#[derive(Debug, Default)]
pub(crate) struct Rows {
    pub files: Vec<String>,
    /// The ids, e-mail addresses, pseudonyms and tags the rows name, interned.
    pub names: Names,
    pub people: Vec<(people::PersonRow, Loc)>,
    pub identity: Vec<(identity::IdentityRow, Loc)>,
    pub jobs: Vec<(job_events::JobRow, Loc)>,
    pub promotions: Vec<(crate::promotion_csv::ParsedCsv, u32)>,
    pub assets: Vec<(assets::AssetRow, Loc)>,
    pub asset_events: Vec<(asset_events::AssetEventRow, Loc)>,
    pub benefits: Vec<(benefits::BenefitRow, Loc)>,
    pub enrolments: Vec<(enrolments::EnrolmentRow, Loc)>,
    pub rates: Vec<(exchange_rates::RateRow, Loc)>,
    pub tools: Vec<(tools::ToolRow, Loc)>,
    pub seats: Vec<(seats::SeatRow, Loc)>,
    pub teams: Vec<(teams::TeamRow, Loc)>,
    pub responses: Vec<(responses::ResponseRow, Loc)>,
    pub signals: Vec<(signals::SignalRow, Loc)>,
    /// Which inputs had at least one file.
    pub present: Vec<Input>,
}

impl Rows {
    /// The file name of a location.
    pub(crate) fn file(&self, loc: Loc) -> &str {
        self.files.get(loc.file as usize).map_or("", String::as_str)
    }

    /// A row-level problem at `loc`.
    pub(crate) fn problem(&self, loc: Loc, message: impl Into<String>) -> Problem {
        Problem::Row {
            file: self.file(loc).to_owned(),
            line: loc.line,
            message: message.into(),
        }
    }

    /// Settles the people file's e-mail addresses once every file is read. They become
    /// join keys (interned, so that a file naming people by e-mail finds them) when some
    /// file names anyone by e-mail, or when an address repeats (so that the roster
    /// reports each row sharing it). Otherwise nothing joins by them: they are dropped
    /// unindexed, one less piece of personal data held, and a million-row read does not
    /// pay a million hash-table misses for a key nobody looks up.
    pub(crate) fn settle_people_emails(&mut self) {
        let Names {
            emails,
            people_emails,
            ..
        } = &mut self.names;
        let needed = emails.len() > 0
            || remit_core::duplicates::first_duplicate(people_emails.iter()).is_some();
        if needed {
            for (row, _) in &mut self.people {
                if let Some(Email::Kept(index)) = row.email {
                    row.email = emails
                        .intern(people_emails.get(index), &mut None)
                        .map(Email::Interned);
                }
            }
        } else {
            for (row, _) in &mut self.people {
                row.email = None;
            }
        }
        people_emails.clear();
    }
}

/// The binding of a file: its profile's aliases and value maps, then the mapping's.
fn binding(file: &FileConfig) -> Result<(Binding, Shape), Problem> {
    let (mut binding, shape) = match &file.profile {
        Some(name) => {
            let profile = crate::profiles::find(name).ok_or_else(|| Problem::Config {
                message: format!("file {:?}: unknown profile {name:?}", file.name),
            })?;
            if profile.input != file.input {
                return Err(Problem::Config {
                    message: format!(
                        "file {:?}: profile {name:?} reads input `{}`, not `{}`",
                        file.name,
                        profile.input.name(),
                        file.input.name()
                    ),
                });
            }
            (profile.binding(), profile.shape)
        }
        None => (Binding::canonical(), Shape::Rows),
    };
    for column in file.input.columns() {
        if let Some(header) = file.columns.get(column.name) {
            binding.aliases.insert(column.name, vec![header.clone()]);
        }
        if let Some(map) = file.values.get(column.name) {
            let entry = binding.values.entry(column.name).or_default();
            // Targets and constants are trimmed as cells are, and as the mapping
            // file's check reads them.
            for (from, to) in map {
                entry.insert(normalise(from), to.trim().to_owned());
            }
        }
        if let Some(value) = file.constants.get(column.name) {
            binding
                .constants
                .insert(column.name, value.trim().to_owned());
        }
    }
    Ok((binding, shape))
}

/// Reads one file into `rows`. The file's rows are kept only if it had no problem.
pub(crate) fn read_file<R: Read>(
    file: &FileConfig,
    ids: crate::config::IdScheme,
    reader: R,
    rows: &mut Rows,
    problems: &mut Problems,
) {
    if file.name.to_ascii_lowercase().ends_with(".xlsx") {
        #[cfg(feature = "xlsx")]
        {
            match crate::xlsx::first_sheet_as_csv(reader, &file.settings.dates) {
                Ok(text) => {
                    let mut as_csv = file.clone();
                    as_csv.settings.delimiter = b',';
                    as_csv.settings.decimal = crate::values::DecimalSeparator::Point;
                    read_text(&as_csv, ids, text.as_slice(), rows, problems);
                }
                Err(message) => problems.push(Problem::File {
                    file: file.name.clone(),
                    message,
                }),
            }
            return;
        }
        #[cfg(not(feature = "xlsx"))]
        {
            drop(reader);
            problems.push(Problem::File {
                file: file.name.clone(),
                message:
                    "reading .xlsx needs remit-ingest's `xlsx` feature; or save the sheet as CSV"
                        .to_owned(),
            });
            return;
        }
    }
    read_text(file, ids, reader, rows, problems);
}

/// Reads one CSV file into `rows`.
fn read_text<R: Read>(
    file: &FileConfig,
    ids: crate::config::IdScheme,
    reader: R,
    rows: &mut Rows,
    problems: &mut Problems,
) {
    let (binding, shape) = match binding(file) {
        Ok(b) => b,
        Err(p) => {
            problems.push(p);
            return;
        }
    };
    let index = u32::try_from(rows.files.len()).unwrap_or(u32::MAX);
    rows.files.push(file.name.clone());
    if !rows.present.contains(&file.input) {
        rows.present.push(file.input);
    }
    let loc = |line| Loc { file: index, line };
    let settings = &file.settings;
    macro_rules! plain {
        ($module:ident, $target:ident) => {{
            let Some(table) = Table::open(
                &file.name,
                reader,
                settings,
                $module::COLUMNS,
                &binding,
                &file.attributes,
                problems,
            ) else {
                return;
            };
            // Rows go straight into place; a file with a problem is taken out again.
            let start = rows.$target.len();
            let target = &mut rows.$target;
            if !read_rows(table, problems, &mut rows.names, $module::row, |r, line| {
                target.push((r, loc(line)))
            }) {
                rows.$target.truncate(start);
            }
        }};
    }
    match (file.input, shape) {
        (Input::Promotions, _) => match crate::promotion_csv::parse_reader_with(
            reader,
            match ids {
                crate::config::IdScheme::External => crate::promotion_csv::RowIds::External,
                crate::config::IdScheme::Uuid => crate::promotion_csv::RowIds::Uuid,
            },
        ) {
            Ok(parsed) => rows.promotions.push((parsed, index)),
            Err(errors) => {
                for e in errors.errors() {
                    problems.push(match &e.column {
                        Some((_, column)) => Problem::Value {
                            file: file.name.clone(),
                            line: e.line as u64,
                            column: column.clone(),
                            value: String::new(),
                            expected: e.message.clone(),
                        },
                        None => Problem::Row {
                            file: file.name.clone(),
                            line: e.line as u64,
                            message: e.message.clone(),
                        },
                    });
                }
            }
        },
        (Input::People, _) => plain!(people, people),
        (Input::Identity, _) => plain!(identity, identity),
        (Input::JobEvents, _) => plain!(job_events, jobs),
        (Input::Assets, _) => plain!(assets, assets),
        (Input::AssetEvents, _) => {
            let Some(table) = Table::open(
                &file.name,
                reader,
                settings,
                asset_events::COLUMNS,
                &binding,
                &[],
                problems,
            ) else {
                return;
            };
            let start = rows.asset_events.len();
            let target = &mut rows.asset_events;
            // An event mapped to "-" is a record-keeping action remit does not model.
            let ok = read_rows(
                table,
                problems,
                &mut rows.names,
                asset_events::row,
                |r, line| {
                    if let Some(r) = r {
                        target.push((r, loc(line)));
                    }
                },
            );
            if !ok {
                rows.asset_events.truncate(start);
            }
        }
        (Input::Benefits, _) => plain!(benefits, benefits),
        (Input::Enrolments, _) => plain!(enrolments, enrolments),
        (Input::ExchangeRates, _) => plain!(exchange_rates, rates),
        (Input::Tools, _) => plain!(tools, tools),
        (Input::Teams, _) => plain!(teams, teams),
        (Input::Signals, _) => plain!(signals, signals),
        (Input::Seats, Shape::Microsoft365) => {
            microsoft_365(file, reader, settings, &binding, rows, index, problems)
        }
        (Input::Seats, Shape::OneTool) => {
            one_tool(file, reader, settings, binding, rows, index, problems)
        }
        (Input::Seats, _) => plain!(seats, seats),
        (Input::Responses, Shape::QualtricsWide) => {
            qualtrics(file, reader, settings, &binding, rows, index, problems)
        }
        (Input::Responses, _) => plain!(responses, responses),
    }
}

/// The Microsoft 365 report's columns: the user, the deleted flag, then per product its
/// licence flag and last activity date.
const M365_COLUMNS: &[Column] = &[
    col("email", Kind::Email, true, "User Principal Name", ""),
    col("is_deleted", Kind::Bool, false, "Is Deleted", ""),
    col("has_exchange", Kind::Bool, true, "Has Exchange License", ""),
    col(
        "exchange_last",
        Kind::Date,
        true,
        "Exchange Last Activity Date",
        "",
    ),
    col("has_onedrive", Kind::Bool, true, "Has OneDrive License", ""),
    col(
        "onedrive_last",
        Kind::Date,
        true,
        "OneDrive Last Activity Date",
        "",
    ),
    col(
        "has_sharepoint",
        Kind::Bool,
        true,
        "Has SharePoint License",
        "",
    ),
    col(
        "sharepoint_last",
        Kind::Date,
        true,
        "SharePoint Last Activity Date",
        "",
    ),
    col(
        "has_skype",
        Kind::Bool,
        false,
        "Has Skype For Business License",
        "",
    ),
    col(
        "skype_last",
        Kind::Date,
        false,
        "Skype For Business Last Activity Date",
        "",
    ),
    col("has_yammer", Kind::Bool, false, "Has Yammer License", ""),
    col(
        "yammer_last",
        Kind::Date,
        false,
        "Yammer Last Activity Date",
        "",
    ),
    col("has_teams", Kind::Bool, true, "Has Teams License", ""),
    col(
        "teams_last",
        Kind::Date,
        true,
        "Teams Last Activity Date",
        "",
    ),
];

fn microsoft_365<R: Read>(
    file: &FileConfig,
    reader: R,
    settings: &crate::table::SourceSettings,
    binding: &Binding,
    rows: &mut Rows,
    index: u32,
    problems: &mut Problems,
) {
    let mut b = binding.clone();
    b.aliases.clear();
    for column in M365_COLUMNS {
        let header = if column.name == "email" {
            binding
                .aliases
                .get("email")
                .and_then(|a| a.first().cloned())
                .unwrap_or_else(|| column.meaning.to_owned())
        } else {
            column.meaning.to_owned()
        };
        b.aliases.insert(column.name, vec![header]);
    }
    // The products to keep and their tool ids: all six by default.
    let products: Vec<(usize, String)> = M365_PRODUCTS
        .iter()
        .enumerate()
        .filter_map(|(i, (product, default))| {
            let key = normalise(product);
            if file.tools.is_empty() {
                Some((i, (*default).to_owned()))
            } else {
                file.tools
                    .iter()
                    .find(|(k, _)| normalise(k) == key || k.as_str() == *default)
                    .map(|(_, tool)| (i, tool.clone()))
            }
        })
        .collect();
    let Some(table) = Table::open(
        &file.name,
        reader,
        settings,
        M365_COLUMNS,
        &b,
        &[],
        problems,
    ) else {
        return;
    };
    let mut got = Vec::new();
    let ok = read_rows(
        table,
        problems,
        &mut rows.names,
        |c: &mut Cells<'_, R>| {
            let email = c.required(0)?.to_lowercase();
            if email.len() == 32 && email.bytes().all(|b| b.is_ascii_hexdigit()) {
                c.bad(
                    0,
                    &email,
                    "a user principal name; the tenant conceals user names in reports (Microsoft 365 admin center > Settings > Org settings > Reports: show identifiable names), so this report cannot be joined",
                );
                return None;
            }
            if c.boolean(1) == Some(true) {
                return Some(Vec::new());
            }
            let email = c.intern_email(0, &email)?;
            let mut seats = Vec::new();
            for (i, tool) in &products {
                let has = c.boolean(2 + 2 * i);
                let last = c.date(3 + 2 * i);
                if has == Some(true) {
                    seats.push(seats::SeatRow {
                        tool_id: tool.clone(),
                        who: Who::Email(email),
                        last_active: last,
                    });
                }
            }
            Some(seats)
        },
        |seats, line| {
            for s in seats {
                got.push((s, Loc { file: index, line }));
            }
        },
    );
    if ok {
        rows.seats.extend(got);
    }
}

fn one_tool<R: Read>(
    file: &FileConfig,
    reader: R,
    settings: &crate::table::SourceSettings,
    mut binding: Binding,
    rows: &mut Rows,
    index: u32,
    problems: &mut Problems,
) {
    let tool = file.tools.get("tool").cloned().unwrap_or_else(|| {
        match file.profile.as_deref() {
            Some("okta_mfa_usage") => "okta",
            Some("google_workspace_users") => "google_workspace",
            _ => "",
        }
        .to_owned()
    });
    binding.constants.insert("tool_id", tool.trim().to_owned());
    binding
        .aliases
        .insert("tool_id", vec!["\u{0}none".to_owned()]);
    let Some(table) = Table::open(
        &file.name,
        reader,
        settings,
        seats::COLUMNS,
        &binding,
        &[],
        problems,
    ) else {
        return;
    };
    let mut got: Vec<(seats::SeatRow, Loc)> = Vec::new();
    let mut position: crate::Map<(String, Who), usize> = crate::Map::default();
    let ok = read_rows(table, problems, &mut rows.names, seats::row, |r, line| {
        let key = (r.tool_id.clone(), r.who);
        match position.get(&key) {
            // One row per user and factor: keep the latest use.
            Some(&i) => {
                if let Some((held, _)) = got.get_mut(i) {
                    held.last_active = held.last_active.max(r.last_active);
                }
            }
            None => {
                position.insert(key, got.len());
                got.push((r, Loc { file: index, line }));
            }
        }
    });
    if ok {
        rows.seats.extend(got);
    }
}

const QUALTRICS_COLUMNS: &[Column] = &[
    col("respondent_id", Kind::Id, false, "", ""),
    col("email", Kind::Email, false, "", ""),
    col("pseudonym", Kind::Id, false, "", ""),
    col("finished", Kind::Bool, true, "Finished", ""),
];

fn qualtrics<R: Read>(
    file: &FileConfig,
    reader: R,
    settings: &crate::table::SourceSettings,
    binding: &Binding,
    rows: &mut Rows,
    index: u32,
    problems: &mut Problems,
) {
    if file.wide.is_empty() {
        problems.push(Problem::Config {
            message: format!(
                "file {:?}: name the survey's item columns in [files.wide] (e.g. \"Q1_1\" = \"who5.1\")",
                file.name
            ),
        });
        return;
    }
    let mut b = binding.clone();
    b.aliases.insert("finished", vec!["Finished".to_owned()]);
    let item_columns: Vec<String> = file.wide.keys().cloned().collect();
    let value_map: crate::Map<String, String> = file
        .values
        .get("value")
        .map(|m| m.iter().map(|(k, v)| (normalise(k), v.clone())).collect())
        .unwrap_or_default();
    let Some(table) = Table::open(
        &file.name,
        reader,
        settings,
        QUALTRICS_COLUMNS,
        &b,
        &item_columns,
        problems,
    ) else {
        return;
    };
    let items: crate::Map<String, String> = file
        .wide
        .iter()
        .map(|(k, v)| (normalise(k), v.clone()))
        .collect();
    let mut got = Vec::new();
    let ok = read_rows(
        table,
        problems,
        &mut rows.names,
        |c: &mut Cells<'_, R>| {
            if c.boolean(3) != Some(true) {
                return Some(Vec::new());
            }
            let who = crate::canonical::who(c, 0, 1, 2)?;
            let mut answers: Vec<responses::ResponseRow> = Vec::new();
            let present = c.attributes();
            for header in &item_columns {
                let item = items.get(&normalise(header)).cloned().unwrap_or_default();
                let raw = present
                    .iter()
                    .find(|(h, _)| normalise(h) == normalise(header))
                    .map(|(_, v)| v.as_str());
                let text = raw.map(|v| value_map.get(&normalise(v)).map_or(v, String::as_str));
                let value = match text {
                    None | Some("") => None,
                    Some(t) => match t.parse::<u8>() {
                        Ok(v) => Some(v),
                        Err(_) => {
                            c.refuse(format!(
                                "column `{header}`: {t:?} is not an answer code 0-255 (map text answers to codes in [files.values.value])"
                            ));
                            return None;
                        }
                    },
                };
                answers.push(responses::ResponseRow { who, item, value });
            }
            Some(answers)
        },
        |answers, line| {
            for a in answers {
                got.push((a, Loc { file: index, line }));
            }
        },
    );
    if ok {
        rows.responses.extend(got);
    }
}

/// A date's ISO text, for messages.
pub(crate) fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}
