//! The public types of remit-ingest that deserialise, and the mapping file that
//! [`ReadConfig::from_toml`] reads, refuse what they should with a message that names
//! the file entry and the setting: one table, a row per refused input.
//!
//! The mapping file is the crate's one configuration constructor: TOML it cannot read
//! is a [`Problem::Config`] (with the line), and a value it reads but the reader could
//! not use is a [`Problem::Setting`] naming the file entry and the setting, refused
//! when the mapping file is read, never a default taken silently or a failure later.
//! The enums (`IdScheme`, `DecimalSeparator`, `Input`) are read by their snake-case
//! names; an unknown name is refused with the names that are accepted.

use chrono::NaiveDate;
use remit_ingest::values::DecimalSeparator;
use remit_ingest::{IdScheme, Input, Problem, ReadConfig};
use serde::de::DeserializeOwned;

/// A mapping file with one people file, with `extra` added to the file entry.
fn mapping(extra: &str) -> String {
    format!("as_of = \"2025-06-30\"\n\n[[files]]\nname = \"hr.csv\"\ninput = \"people\"\n{extra}\n")
}

/// What `from_toml` must say about a refused mapping file.
enum Refused {
    /// A [`Problem::Config`] (TOML syntax or shape) whose message holds these words.
    Shape(&'static [&'static str]),
    /// A [`Problem::Setting`] naming this file entry (or none) and this setting, whose
    /// message holds these words.
    Setting(Option<&'static str>, &'static str, Vec<String>),
}

/// A [`Refused::Setting`] of the file entry `hr.csv` (the one `mapping` writes).
fn of_hr(setting: &'static str, words: &[&str]) -> Refused {
    Refused::Setting(
        Some("hr.csv"),
        setting,
        words.iter().map(|w| (*w).to_owned()).collect(),
    )
}

/// A [`Refused::Setting`] of a top-level setting.
fn top(setting: &'static str, words: &[&str]) -> Refused {
    Refused::Setting(
        None,
        setting,
        words.iter().map(|w| (*w).to_owned()).collect(),
    )
}

/// A mapping file with two entries, `a.csv` and `b.csv`, feeding `first` and `second`.
fn two_files(first: &str, second: &str) -> String {
    format!(
        "as_of = \"2025-06-30\"\n[[files]]\nname = \"a.csv\"\ninput = \"{first}\"\n\
         [[files]]\nname = \"b.csv\"\ninput = \"{second}\"\n"
    )
}

/// A mapping file with one entry `hr.csv` feeding `input` through `profile`, with
/// `extra` added to the entry.
fn profiled(input: &str, profile: &str, extra: &str) -> String {
    format!(
        "as_of = \"2025-06-30\"\n[[files]]\nname = \"hr.csv\"\ninput = \"{input}\"\nprofile = \"{profile}\"\n{extra}\n"
    )
}

/// A mapping file with one analysis-ready promotions file `p.csv`, with `extra` added to
/// the entry.
fn promotions(extra: &str) -> String {
    format!(
        "as_of = \"2025-06-30\"\n[[files]]\nname = \"p.csv\"\ninput = \"promotions\"\n{extra}\n"
    )
}

/// A mapping file with one canonical file `hr.csv` feeding `input`, with `extra` added
/// to the entry.
fn of_input(input: &str, extra: &str) -> String {
    format!("as_of = \"2025-06-30\"\n[[files]]\nname = \"hr.csv\"\ninput = \"{input}\"\n{extra}\n")
}

/// Where `from_toml` refuses `text` differently from `expected`; `None` when it
/// refuses it as expected.
fn mismatch(text: &str, expected: &Refused) -> Option<String> {
    let got = ReadConfig::from_toml(text);
    match (expected, &got) {
        (Refused::Shape(words), Err(Problem::Config { message })) => words
            .iter()
            .find(|w| !message.contains(*w))
            .map(|w| format!("{w:?} not in {message:?}")),
        (
            Refused::Setting(file, setting, words),
            Err(Problem::Setting {
                file: got_file,
                setting: got_setting,
                message,
            }),
        ) => {
            if got_file.as_deref() != *file || got_setting != setting {
                Some(format!(
                    "expected file {file:?} setting {setting:?}, got file {got_file:?} setting {got_setting:?}: {message}"
                ))
            } else {
                words
                    .iter()
                    .find(|w| !message.contains(w.as_str()))
                    .map(|w| format!("{w:?} not in {message:?}"))
            }
        }
        _ => Some(format!("refused differently: {got:?}")),
    }
}

#[test]
fn the_mapping_file_refuses_what_the_reader_cannot_use() {
    let max_window = remit_promotion_bias::MAX_WINDOW_MONTHS;
    let too_long = format!("got {}", max_window + 1);
    let between = format!("between 1 and {max_window}");
    // Without the `xlsx` feature the workbook is refused by its name, with it the
    // delimiter that would have no effect.
    let (xlsx_setting, xlsx_words) = if cfg!(feature = "xlsx") {
        ("delimiter", "no effect on an .xlsx workbook")
    } else {
        ("name", "`xlsx` feature")
    };
    let xlsx = Refused::Setting(Some("hr.xlsx"), xlsx_setting, vec![xlsx_words.to_owned()]);
    // (what is wrong, the mapping file, what the refusal must say)
    let table: Vec<(&str, String, Refused)> = vec![
        (
            "an unknown top-level key",
            "as_of = \"2025-06-30\"\nmax_problem = 5\n".to_owned(),
            Refused::Shape(&["unknown field `max_problem`"]),
        ),
        (
            "an unknown key in a file entry",
            mapping("delimeter = \";\""),
            Refused::Shape(&["unknown field `delimeter`"]),
        ),
        (
            "no audit date",
            "ids = \"uuid\"\n".to_owned(),
            Refused::Shape(&["missing field `as_of`"]),
        ),
        (
            "an audit date that does not exist",
            "as_of = \"2025-02-30\"\n".to_owned(),
            top("as_of", &["\"2025-02-30\" is not a date as YYYY-MM-DD"]),
        ),
        (
            "an audit date in another layout",
            "as_of = \"30/06/2025\"\n".to_owned(),
            top("as_of", &["\"30/06/2025\" is not a date as YYYY-MM-DD"]),
        ),
        (
            "an audit date-time (a TOML offset date-time)",
            "as_of = 2025-06-30T09:00:00Z\n".to_owned(),
            top("as_of", &["has a time of day", "write 2025-06-30"]),
        ),
        (
            "an audit date-time (a TOML local date-time)",
            "as_of = 2025-06-30T09:00:00\n".to_owned(),
            top("as_of", &["has a time of day"]),
        ),
        (
            "an audit time",
            "as_of = 09:00:00\n".to_owned(),
            top("as_of", &["is a time of day"]),
        ),
        (
            "an audit date as a number",
            "as_of = 20250630\n".to_owned(),
            top("as_of", &["a integer is not a date"]),
        ),
        (
            "an unknown id scheme",
            "as_of = \"2025-06-30\"\nids = \"email\"\n".to_owned(),
            Refused::Shape(&["unknown variant `email`", "`external`", "`uuid`"]),
        ),
        (
            "an unknown input",
            "as_of = \"2025-06-30\"\n[[files]]\nname = \"x.csv\"\ninput = \"payroll\"\n".to_owned(),
            Refused::Shape(&["unknown variant `payroll`", "`people`"]),
        ),
        (
            "an unknown profile",
            mapping("profile = \"sap\""),
            of_hr("profile", &["unknown profile \"sap\"", "bamboohr_employees"]),
        ),
        (
            "a profile of another input",
            mapping("profile = \"snipeit_hardware\""),
            of_hr("profile", &["\"snipeit_hardware\" reads input `assets`, not `people`"]),
        ),
        (
            "a two-character delimiter",
            mapping("delimiter = \";;\""),
            of_hr("delimiter", &["must be one ASCII character"]),
        ),
        (
            "a quote as the delimiter",
            mapping("delimiter = '\"'"),
            of_hr("delimiter", &["must be one ASCII character"]),
        ),
        (
            "a carriage return as the delimiter",
            mapping("delimiter = \"\\r\""),
            of_hr("delimiter", &["must be one ASCII character"]),
        ),
        (
            "an unknown decimal separator",
            mapping("decimal = \"dot\""),
            Refused::Shape(&["unknown variant `dot`", "`point`", "`comma`"]),
        ),
        (
            "an unknown date format",
            mapping("dates = \"julian\""),
            of_hr("dates", &["unknown date format \"julian\""]),
        ),
        (
            "a date pattern without a year",
            mapping("dates = \"%d.%m\""),
            of_hr("dates", &["\"%d.%m\" does not read a whole date"]),
        ),
        (
            "a date pattern of a time of day",
            mapping("dates = \"%H:%M\""),
            of_hr("dates", &["\"%H:%M\" does not read a whole date"]),
        ),
        (
            "a date pattern with an invalid specifier",
            mapping("dates = \"%Y-%m-%Q\""),
            of_hr("dates", &["is not a valid chrono pattern"]),
        ),
        (
            "a column the input does not have",
            mapping("[files.columns]\nsalary = \"Pay\""),
            of_hr(
                "columns.salary",
                &["`salary` is not a column of input `people`", "employee_id"],
            ),
        ),
        (
            "a value map for a column the input does not have",
            mapping("[files.values.salary]\nhigh = \"3\""),
            of_hr("values.salary", &["`salary` is not a column of input `people`"]),
        ),
        (
            "a constant for a column the input does not have",
            mapping("[files.constants]\nsalary = \"3\""),
            of_hr("constants.salary", &["`salary` is not a column of input `people`"]),
        ),
        (
            "an empty header",
            mapping("[files.columns]\nwork_mode = \" \""),
            of_hr("columns.work_mode", &["the header must not be empty"]),
        ),
        (
            "a header that names personal data",
            mapping("[files.columns]\nemployee_id = \"First Name\""),
            of_hr("columns.employee_id", &["holds personal data"]),
        ),
        (
            "one header mapped to two columns",
            mapping("[files.columns]\nemployee_id = \"ID\"\nmanager_id = \" id\""),
            of_hr("columns.manager_id", &["already mapped to `employee_id`"]),
        ),
        (
            "a column both mapped and constant",
            mapping("[files.columns]\ncountry = \"Land\"\n[files.constants]\ncountry = \"PT\""),
            of_hr("columns.country", &["both read from column `Land`"]),
        ),
        (
            "a value map onto an unknown work mode",
            mapping("[files.values.work_mode]\n\"Office\" = \"office\""),
            of_hr(
                "values.work_mode",
                &["\"Office\" = \"office\"", "onsite, hybrid, remote"],
            ),
        ),
        (
            "a value map onto a country that does not exist",
            mapping("[files.values.country]\n\"Portugal\" = \"XX\""),
            of_hr("values.country", &["ISO 3166-1"]),
        ),
        (
            "two source values that differ only in case",
            mapping("[files.values.work_mode]\n\"Remote\" = \"remote\"\n\"REMOTE \" = \"hybrid\""),
            of_hr("values.work_mode", &["are the same value"]),
        ),
        (
            "an empty constant",
            mapping("[files.constants]\ncountry = \"\""),
            of_hr("constants.country", &["must not be empty"]),
        ),
        (
            "a constant the column cannot hold",
            mapping("[files.constants]\ncountry = \"Portugal\""),
            of_hr("constants.country", &["\"Portugal\"", "ISO 3166-1"]),
        ),
        (
            "a date constant not in the file's date format",
            mapping("dates = \"us\"\n[files.constants]\nhire_date = 2024-01-31"),
            of_hr("constants.hire_date", &["\"2024-01-31\"", "M/D/YYYY"]),
        ),
        (
            "a constant that is a table",
            mapping("[files.constants]\ncountry = { code = \"PT\" }"),
            of_hr("constants.country", &["expected one value"]),
        ),
        (
            "a repeated attribute",
            mapping("attributes = [\"Gender\", \"gender\"]"),
            of_hr("attributes", &["`gender` is listed twice"]),
        ),
        (
            "an empty attribute",
            mapping("attributes = [\"\"]"),
            of_hr("attributes", &["must not be empty"]),
        ),
        (
            "an attribute that names personal data",
            mapping("attributes = [\"Date of Birth\"]"),
            of_hr("attributes", &["holds personal data"]),
        ),
        (
            "attributes on a file that is not the people file",
            profiled("assets", "snipeit_hardware", "attributes = [\"Model\"]"),
            of_hr("attributes", &["only a people file keeps attributes"]),
        ),
        (
            "item columns on a file that is not a wide survey",
            mapping("[files.wide]\nQ1 = \"who5.1\""),
            of_hr("wide", &["only a wide survey export"]),
        ),
        (
            "a wide survey without item columns",
            profiled("responses", "qualtrics_wide", ""),
            of_hr("wide", &["name the survey's item columns"]),
        ),
        (
            "a wide survey item that no instrument has",
            profiled("responses", "qualtrics_wide", "[files.wide]\nQ1 = \"who5.6\""),
            of_hr("wide", &["\"Q1\" = \"who5.6\": not a WHO-5 or CBI item"]),
        ),
        (
            "a survey answer mapped to a word",
            profiled(
                "responses",
                "qualtrics_wide",
                "[files.wide]\nQ1 = \"who5.1\"\n[files.values.value]\n\"Often\" = \"often\"",
            ),
            of_hr("values.value", &["not an answer code 0-255"]),
        ),
        (
            "tools on a file that is not a seat export",
            mapping("[files.tools]\ntool = \"okta\""),
            of_hr("tools", &["only a seat export"]),
        ),
        (
            "a one-tool export with another key",
            profiled("seats", "okta_mfa_usage", "[files.tools]\nexchange = \"mail\""),
            of_hr("tools", &["takes one key, `tool`"]),
        ),
        (
            "a one-tool export with an empty tool id",
            profiled("seats", "okta_mfa_usage", "[files.tools]\ntool = \"\""),
            of_hr("tools", &["must name a tool id"]),
        ),
        (
            "a one-tool export whose tool is set as a constant",
            profiled("seats", "okta_mfa_usage", "[files.constants]\ntool_id = \"okta\""),
            of_hr("constants.tool_id", &["does not read `tool_id`", "[files.tools]"]),
        ),
        (
            "a Microsoft 365 product that does not exist",
            profiled("seats", "m365_active_users", "[files.tools]\nOutlook = \"mail\""),
            of_hr("tools", &["\"Outlook\" is not a Microsoft 365 product", "Exchange"]),
        ),
        (
            "a Microsoft 365 column other than the user",
            profiled("seats", "m365_active_users", "[files.columns]\nlast_active = \"Seen\""),
            of_hr("columns.last_active", &["does not read `last_active`"]),
        ),
        (
            "an .xlsx workbook with a delimiter",
            "as_of = \"2025-06-30\"\n[[files]]\nname = \"hr.xlsx\"\ninput = \"people\"\ndelimiter = \";\"\n"
                .to_owned(),
            xlsx,
        ),
        (
            "a negative problem limit",
            "as_of = \"2025-06-30\"\nmax_problems = -1\n".to_owned(),
            Refused::Shape(&["max_problems"]),
        ),
        (
            "a problem limit of zero",
            format!("max_problems = 0\n{}", mapping("")),
            top("max_problems", &["must be at least 1"]),
        ),
        (
            "a promotion window of zero months",
            format!("promotion_window_months = 0\n{}", mapping("")),
            top("promotion_window_months", &[&between, "got 0"]),
        ),
        (
            "a promotion window longer than remit-promotion-bias allows",
            format!(
                "promotion_window_months = {}\n{}",
                max_window + 1,
                mapping("")
            ),
            top("promotion_window_months", &[&between, &too_long]),
        ),
        (
            "no files",
            "as_of = \"2025-06-30\"\n".to_owned(),
            top("files", &["lists no file"]),
        ),
        (
            "one file listed twice",
            two_files("people", "people").replace("b.csv", "a.csv"),
            Refused::Setting(Some("a.csv"), "name", vec!["is listed twice".to_owned()]),
        ),
        (
            "two analysis-ready promotion files",
            two_files("promotions", "promotions"),
            Refused::Setting(
                Some("b.csv"),
                "input",
                vec!["a second promotions file (after \"a.csv\")".to_owned()],
            ),
        ),
        (
            "promotions and job history together",
            two_files("promotions", "job_events"),
            Refused::Setting(
                Some("b.csv"),
                "input",
                vec!["job history beside the analysis-ready promotions file \"a.csv\"".to_owned()],
            ),
        ),
        (
            "a value map on the analysis-ready promotions file (it was ignored: \"Flex\" read as hybrid)",
            promotions("[files.values.work_mode]\n\"Flex\" = \"remote\""),
            Refused::Setting(
                Some("p.csv"),
                "values.work_mode",
                vec!["read in its canonical layout".to_owned()],
            ),
        ),
        (
            "a column mapping on the analysis-ready promotions file",
            promotions("[files.columns]\nemployee_id = \"Emp\""),
            Refused::Setting(
                Some("p.csv"),
                "columns.employee_id",
                vec!["would be ignored".to_owned()],
            ),
        ),
        (
            "a constant on the analysis-ready promotions file",
            promotions("[files.constants]\ndepartment = \"Sales\""),
            Refused::Setting(
                Some("p.csv"),
                "constants.department",
                vec!["would be ignored".to_owned()],
            ),
        ),
        (
            "a delimiter on the analysis-ready promotions file",
            promotions("delimiter = \";\""),
            Refused::Setting(
                Some("p.csv"),
                "delimiter",
                vec!["would be ignored".to_owned()],
            ),
        ),
        (
            "rows before the header of the analysis-ready promotions file",
            promotions("rows_before_header = 2"),
            Refused::Setting(
                Some("p.csv"),
                "rows_before_header",
                vec!["would be ignored".to_owned()],
            ),
        ),
        (
            "a job level constant out of the level's range (every row failed)",
            mapping("[files.constants]\nlevel = 300"),
            of_hr("constants.level", &["\"300\"", "a job level 0-255"]),
        ),
        (
            "a job level value-map target out of the level's range",
            mapping("[files.values.level]\n\"Senior\" = \"L300\""),
            of_hr("values.level", &["\"Senior\" = \"L300\"", "a job level 0-255"]),
        ),
        (
            "a benefit's minimum level out of the level's range",
            of_input("benefits", "[files.constants]\nmin_level = 256"),
            of_hr("constants.min_level", &["\"256\"", "0-255"]),
        ),
        (
            "a level prefix on a number of seats (only levels take one)",
            of_input("tools", "[files.constants]\nseats = \"L3\""),
            of_hr("constants.seats", &["\"L3\"", "whole number"]),
        ),
        (
            "a negative number of seats",
            of_input("tools", "[files.constants]\nseats = -5"),
            of_hr("constants.seats", &["\"-5\"", "whole number"]),
        ),
        (
            "a unit on a useful life (its reader takes a bare number)",
            of_input("assets", "[files.constants]\nuseful_life_months = \"36 months\""),
            of_hr("constants.useful_life_months", &["without a unit"]),
        ),
        (
            "a working day longer than a day (the team planner takes 1-1440 minutes)",
            of_input("teams", "[files.constants]\nwork_minutes = 2000"),
            of_hr("constants.work_minutes", &["\"2000\"", "1-1440"]),
        ),
        (
            "a working-day start that is not a time of day",
            of_input("teams", "[files.constants]\nwork_start = \"25:00\""),
            of_hr("constants.work_start", &["\"25:00\"", "HH:MM"]),
        ),
        (
            "working days that are not weekday names",
            of_input("teams", "[files.values.workdays]\n\"weekdays\" = \"mon tue funday\""),
            of_hr("values.workdays", &["funday", "weekday names"]),
        ),
        (
            "eligible work modes that are not work modes",
            of_input("benefits", "[files.constants]\neligible_modes = \"everyone\""),
            of_hr("constants.eligible_modes", &["\"everyone\"", "work modes"]),
        ),
        (
            "benefit countries that are not country codes",
            of_input("benefits", "[files.constants]\ncountries = \"DE Germany\""),
            of_hr("constants.countries", &["\"DE Germany\"", "country codes"]),
        ),
        (
            "an empty file name",
            mapping("").replace("\"hr.csv\"", "\"\""),
            Refused::Setting(Some(""), "name", vec!["must not be empty".to_owned()]),
        ),
    ];
    let mut failures = Vec::new();
    for (what, text, expected) in &table {
        if let Some(wrong) = mismatch(text, expected) {
            failures.push(format!("{what}: {wrong}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_valid_mapping_file_keeps_every_setting() {
    let config = ReadConfig::from_toml(&mapping(
        "delimiter = \"tab\"\ndecimal = \"comma\"\ndates = \"dmy\"\nrows_before_header = 2\n\
         [files.columns]\nemployee_id = \"Personnel no.\"",
    ))
    .unwrap();
    assert_eq!(config.as_of, NaiveDate::from_ymd_opt(2025, 6, 30).unwrap());
    assert_eq!(config.ids, IdScheme::External);
    assert_eq!(
        (config.max_problems, config.promotion_window_months),
        (100, 12)
    );
    let [file] = config.files.as_slice() else {
        panic!("one file, got {:?}", config.files)
    };
    assert_eq!((file.name.as_str(), file.input), ("hr.csv", Input::People));
    assert_eq!(file.settings.delimiter, b'\t');
    assert_eq!(file.settings.decimal, DecimalSeparator::Comma);
    assert_eq!(file.settings.rows_before_header, 2);
    assert_eq!(file.columns["employee_id"], "Personnel no.");
    assert!(!file.optional, "a listed file is required");
}

/// Reads `name` as `T` the way a mapping file's value is read.
fn by_name<T: DeserializeOwned>(name: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::json!(name)).map_err(|e| e.to_string())
}

#[test]
fn the_enums_read_their_snake_case_names_and_refuse_others() {
    assert_eq!(by_name::<IdScheme>("uuid"), Ok(IdScheme::Uuid));
    assert_eq!(by_name::<IdScheme>("external"), Ok(IdScheme::External));
    assert_eq!(
        by_name::<DecimalSeparator>("comma"),
        Ok(DecimalSeparator::Comma)
    );
    for input in Input::ALL {
        assert_eq!(by_name::<Input>(input.name()), Ok(input), "{input:?}");
    }
    for (what, got) in [
        ("IdScheme", by_name::<IdScheme>("Uuid").err()),
        (
            "DecimalSeparator",
            by_name::<DecimalSeparator>("Point").err(),
        ),
        ("Input", by_name::<Input>("People").err()),
    ] {
        let message = got.unwrap_or_else(|| panic!("{what}: a capitalised name was accepted"));
        assert!(message.contains("unknown variant"), "{what}: {message}");
    }
}

#[test]
fn the_audit_date_is_a_toml_date_or_a_quoted_one() {
    let native =
        ReadConfig::from_toml(&mapping("").replace("\"2025-06-30\"", "2025-06-30")).unwrap();
    let quoted = ReadConfig::from_toml(&mapping("")).unwrap();
    assert_eq!(native.as_of, NaiveDate::from_ymd_opt(2025, 6, 30).unwrap());
    assert_eq!(native, quoted);
}

#[test]
fn constants_and_value_maps_take_toml_numbers_booleans_and_dates_as_text() {
    let config = ReadConfig::from_toml(&mapping(
        "[files.constants]\nhire_date = 2024-01-31\nlevel = 3\nperformance = 3.5\n\
         [files.values.work_mode]\n\"Fully Remote\" = \"remote\"\n\"Unknown\" = \"\"",
    ))
    .unwrap();
    let [file] = config.files.as_slice() else {
        panic!("one file, got {:?}", config.files)
    };
    assert_eq!(file.constants["hire_date"], "2024-01-31");
    assert_eq!(file.constants["level"], "3");
    assert_eq!(file.constants["performance"], "3.5");
    assert_eq!(file.values["work_mode"]["Unknown"], "");
}

#[test]
fn the_shaped_profiles_accept_the_settings_they_read() {
    for text in [
        profiled(
            "responses",
            "qualtrics_wide",
            "[files.wide]\nQ1_1 = \"who5.1\"\nQ2_3 = \"cbi.work.3\"\n\
             [files.columns]\nrespondent_id = \"ExternalReference\"\n\
             [files.values.value]\n\"Never\" = 0\n\"Always\" = \"5\"",
        ),
        profiled("seats", "okta_mfa_usage", "[files.tools]\ntool = \"sso\""),
        profiled(
            "seats",
            "m365_active_users",
            "[files.tools]\nTeams = \"teams\"\nexchange = \"mail\"\n[files.columns]\nemail = \"UPN\"",
        ),
        mapping("dates = \"%d.%m.%Y %H:%M\"\nattributes = [\"Gender\", \"Team\"]"),
    ] {
        if let Err(problem) = ReadConfig::from_toml(&text) {
            panic!("refused:\n{text}\n{problem}");
        }
    }
}

/// A configuration built in code is checked as a mapping file is: the reader refuses
/// it before opening any file, naming the setting.
#[test]
fn a_configuration_built_in_code_is_checked_before_any_file_is_opened() {
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    assert_eq!(ReadConfig::canonical(as_of).validate(), Ok(()));
    let mut config = ReadConfig::canonical(as_of);
    config.promotion_window_months = 0;
    let mut opened = Vec::new();
    let err = remit_ingest::read_directory(
        |name: &str| {
            opened.push(name.to_owned());
            Ok(None::<&[u8]>)
        },
        &config,
    )
    .unwrap_err();
    assert!(
        matches!(
            err.problems(),
            [Problem::Setting { file: None, setting, .. }] if setting == "promotion_window_months"
        ),
        "{err}"
    );
    assert!(opened.is_empty(), "opened {opened:?}");
}

/// The analysis-ready promotions file in its canonical layout needs no setting and is
/// accepted; only settings its reader would ignore are refused.
#[test]
fn an_analysis_ready_promotions_file_in_its_layout_is_accepted() {
    let config = ReadConfig::from_toml(&promotions("")).unwrap();
    let [file] = config.files.as_slice() else {
        panic!("one file, got {:?}", config.files)
    };
    assert_eq!(
        (file.name.as_str(), file.input),
        ("p.csv", Input::Promotions)
    );
}

/// Constants and value-map targets are read trimmed, as cells are and as the mapping
/// file's check reads them: a time-zone constant with a space around it passed the check
/// and then failed on every row ("Europe/Berlin " is no IANA zone).
#[test]
fn constants_and_value_map_targets_are_read_trimmed() {
    use remit_core::Workforce as _;
    let config = ReadConfig::from_toml(&format!(
        "{}[files.constants]\ntime_zone = \" Europe/Berlin \"\n[files.values.country]\n\"Deutschland\" = \"DE \"\n",
        mapping("")
    ))
    .unwrap();
    let people = "employee_id,work_mode,country,level,department,manager_id,hire_date\n\
                  E1,remote,Deutschland,2,Sales,,2020-01-06\n";
    let inputs = remit_ingest::read_directory(
        |name: &str| Ok((name == "hr.csv").then_some(people.as_bytes())),
        &config,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let roster = inputs.roster.unwrap();
    let employee = roster
        .employee(remit_core::EmployeeId::from_external("E1"))
        .unwrap();
    assert_eq!(employee.time_zone(), chrono_tz::Europe::Berlin);
    assert_eq!(employee.country().as_str(), "DE");
}
