//! The public types of remit-ingest that deserialise, and the mapping file that
//! [`ReadConfig::from_toml`] reads, refuse what they should with a message that names
//! the file entry and the setting: one table, a row per refused input.
//!
//! The mapping file is the crate's one configuration constructor: a value it cannot
//! use is a [`Problem::Config`] naming the file entry, never a default taken silently.
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

/// The message of the configuration problem `from_toml` gives for `text`.
fn refusal(text: &str) -> String {
    match ReadConfig::from_toml(text) {
        Err(Problem::Config { message }) => message,
        Err(other) => panic!("expected a configuration problem, got {other:?}"),
        Ok(config) => panic!("accepted:\n{text}\nas {config:?}"),
    }
}

#[test]
fn the_mapping_file_refuses_what_the_reader_cannot_use() {
    // (what is wrong, the mapping file, words the message must hold)
    let table: Vec<(&str, String, &[&str])> = vec![
        (
            "an unknown top-level key",
            "as_of = \"2025-06-30\"\nmax_problem = 5\n".to_owned(),
            &["unknown field `max_problem`"],
        ),
        (
            "an unknown key in a file entry",
            mapping("delimeter = \";\""),
            &["unknown field `delimeter`"],
        ),
        (
            "no audit date",
            "ids = \"uuid\"\n".to_owned(),
            &["missing field `as_of`"],
        ),
        (
            "an audit date that does not exist",
            "as_of = \"2025-02-30\"\n".to_owned(),
            &["input is out of range"],
        ),
        (
            "an unknown id scheme",
            "as_of = \"2025-06-30\"\nids = \"email\"\n".to_owned(),
            &["unknown variant `email`", "`external`", "`uuid`"],
        ),
        (
            "an unknown input",
            "as_of = \"2025-06-30\"\n[[files]]\nname = \"x.csv\"\ninput = \"payroll\"\n".to_owned(),
            &["unknown variant `payroll`", "`people`"],
        ),
        (
            "an unknown profile",
            mapping("profile = \"sap\""),
            &[
                "file \"hr.csv\"",
                "unknown profile \"sap\"",
                "bamboohr_employees",
            ],
        ),
        (
            "a two-character delimiter",
            mapping("delimiter = \";;\""),
            &["file \"hr.csv\"", "delimiter must be one ASCII character"],
        ),
        (
            "a quote as the delimiter",
            mapping("delimiter = '\"'"),
            &["file \"hr.csv\"", "delimiter must be one ASCII character"],
        ),
        (
            "an unknown decimal separator",
            mapping("decimal = \"dot\""),
            &["unknown variant `dot`", "`point`", "`comma`"],
        ),
        (
            "an unknown date format",
            mapping("dates = \"julian\""),
            &["file \"hr.csv\"", "unknown date format \"julian\""],
        ),
        (
            "a column the input does not have",
            mapping("[files.columns]\nsalary = \"Pay\""),
            &[
                "file \"hr.csv\"",
                "`salary` is not a column of input `people`",
                "employee_id",
            ],
        ),
        (
            "a value map for a column the input does not have",
            mapping("[files.values.salary]\nhigh = \"3\""),
            &[
                "file \"hr.csv\"",
                "`salary` is not a column of input `people`",
            ],
        ),
        (
            "a constant for a column the input does not have",
            mapping("[files.constants]\nsalary = \"3\""),
            &[
                "file \"hr.csv\"",
                "`salary` is not a column of input `people`",
            ],
        ),
        (
            "a negative problem limit",
            "as_of = \"2025-06-30\"\nmax_problems = -1\n".to_owned(),
            &["max_problems"],
        ),
    ];
    let mut failures = Vec::new();
    for (what, text, words) in &table {
        let message = refusal(text);
        if let Some(missing) = words.iter().find(|w| !message.contains(*w)) {
            failures.push(format!("{what}: {missing:?} not in {message:?}"));
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
