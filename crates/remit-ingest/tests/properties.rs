//! Property tests: no input makes any reader panic, and a row-level defect is reported
//! with its file, line and column, and nothing is returned.

use chrono::NaiveDate;
use proptest::prelude::*;
use remit_ingest::profiles::PROFILES;
use remit_ingest::{FileConfig, Input, Problem, ReadConfig, read_directory};

const PEOPLE: &str = "employee_id,work_mode,country,time_zone,level,department,manager_id,hire_date,termination_date,email,performance\n\
E-1,remote,PT,Europe/Lisbon,3,Engineering,,2021-03-15,,ana@example.com,4\n\
E-2,onsite,DE,Europe/Berlin,2,Engineering,E-1,2022-01-10,,ben@example.com,3\n\
E-3,hybrid,GB,Europe/London,2,Sales,E-1,2020-05-01,2025-02-01,cy@example.com,3\n";

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
}

/// A configuration reading `people.csv` and one more file, `other`, as `input` through
/// `profile`.
fn config(input: Input, profile: Option<&str>) -> ReadConfig {
    let mut other = FileConfig::canonical("other", input);
    other.profile = profile.map(str::to_owned);
    if let Some(p) = profile.and_then(remit_ingest::profiles::find) {
        other.settings = p.settings();
    }
    if profile == Some("qualtrics_wide") {
        other.wide = [("Q1_1".to_owned(), "who5.1".to_owned())].into();
    }
    ReadConfig {
        files: vec![FileConfig::canonical("people.csv", Input::People), other],
        ..ReadConfig::canonical(as_of())
    }
}

fn shaped() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(
        prop_oneof![
            Just(b",".to_vec()),
            Just(b";".to_vec()),
            Just(b"\"".to_vec()),
            Just(b"\n".to_vec()),
            Just(b"\r\n".to_vec()),
            Just("\u{feff}".as_bytes().to_vec()),
            Just(b"\xff".to_vec()),
            Just(b"E-1".to_vec()),
            Just(b"2024-01-01".to_vec()),
            Just(b"remote".to_vec()),
            Just(b"-1".to_vec()),
            "[a-zA-Z0-9._@ -]{0,8}".prop_map(String::into_bytes),
        ],
        0..80,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Arbitrary bytes, alone or after each input's canonical header, into every input
    /// and every profile: an error or inputs, never a panic.
    #[test]
    fn no_bytes_make_any_reader_panic(body in shaped(), pick in 0usize..100) {
        let inputs = Input::ALL;
        let input = inputs[pick % inputs.len()];
        let header: Vec<&str> = input.columns().iter().map(|c| c.name).collect();
        let with_header = [header.join(",").into_bytes(), b"\n".to_vec(), body.clone()].concat();
        for text in [&body, &with_header] {
            let files = [("people.csv", PEOPLE.as_bytes()), ("other", text.as_slice())];
            let open = |name: &str| Ok(files.iter().find(|(n, _)| *n == name).map(|(_, t)| *t));
            let _ = read_directory(open, &config(input, None));
        }
        let profile = &PROFILES[pick % PROFILES.len()];
        let files = [("people.csv", PEOPLE.as_bytes()), ("other", body.as_slice())];
        let open = |name: &str| Ok(files.iter().find(|(n, _)| *n == name).map(|(_, t)| *t));
        let _ = read_directory(open, &config(profile.input, Some(profile.name)));
        let _ = remit_ingest::promotion_csv::parse_reader(body.as_slice());
    }

    /// One bad value in one row of a valid people file: an error naming the file, the
    /// row's line and the column, and no inputs.
    #[test]
    fn a_bad_value_is_reported_at_its_line_and_column(
        rows in 2usize..12,
        bad_row in 0usize..12,
        column in 0usize..6,
        crlf in any::<bool>(),
    ) {
        let bad_row = bad_row % rows;
        let header = "employee_id,work_mode,country,time_zone,level,hire_date";
        let names = ["employee_id", "work_mode", "country", "time_zone", "level", "hire_date"];
        let bad = ["", "moon", "XX", "Mars/Base", "L-1", "2024-13-01"];
        let newline = if crlf { "\r\n" } else { "\n" };
        let mut text = format!("{header},department{newline}");
        for r in 0..rows {
            let mut fields = [
                format!("E-{r}"),
                "remote".to_owned(),
                "PT".to_owned(),
                "Europe/Lisbon".to_owned(),
                "2".to_owned(),
                "2021-03-15".to_owned(),
            ];
            if r == bad_row {
                fields[column] = bad[column].to_owned();
            }
            // A quoted department with a line break inside, on every other row.
            let dept = if r % 2 == 0 { "\"Eng\nineering\"" } else { "Sales" };
            text.push_str(&format!("{},{dept}{newline}", fields.join(",")));
        }
        // Line of row r: header on 1, each even row spans two lines.
        let line = 2 + bad_row + bad_row.div_ceil(2);
        let files = [("people.csv", text.as_bytes())];
        let open = |name: &str| Ok(files.iter().find(|(n, _)| *n == name).map(|(_, t)| *t));
        let config = ReadConfig {
            files: vec![FileConfig::canonical("people.csv", Input::People)],
            ..ReadConfig::canonical(as_of())
        };
        let err = read_directory(open, &config).unwrap_err();
        prop_assert_eq!(err.problems().len(), 1, "{}", err);
        match &err.problems()[0] {
            Problem::Value { file, line: l, column: c, .. } => {
                prop_assert_eq!(file.as_str(), "people.csv");
                prop_assert_eq!(*l as usize, line, "{}", err);
                prop_assert_eq!(c.as_str(), names[column]);
            }
            Problem::UnknownValues { file, column: c, seen, .. } => {
                prop_assert_eq!(file.as_str(), "people.csv");
                prop_assert_eq!(c.as_str(), names[column]);
                prop_assert_eq!(seen[0].first_line as usize, line, "{}", err);
            }
            other => prop_assert!(false, "unexpected problem {other:?}"),
        }
    }
}

#[test]
fn every_bad_row_is_listed_and_unknown_work_modes_are_gathered() {
    let text = "employee_id,work_mode,country,time_zone,level,department,hire_date\n\
                E-1,Fully Remote,PT,Europe/Lisbon,2,Eng,2021-03-15\n\
                E-2,remote,PT,Europe/Lisbon,2,Eng,15/03/2021\n\
                E-3,Office (HQ),PT,Europe/Lisbon,2,Eng,2021-03-15\n\
                E-4,Office (HQ),PT,Europe/Lisbon,two,Eng,2021-03-15\n";
    let files = [("people.csv", text.as_bytes())];
    let open = |name: &str| Ok(files.iter().find(|(n, _)| *n == name).map(|(_, t)| *t));
    let err = read_directory(open, &ReadConfig::canonical(as_of())).unwrap_err();
    let problems = err.problems();
    assert_eq!(problems.len(), 3, "{err}");
    assert!(matches!(
        &problems[0],
        Problem::Value { line: 3, column, value, .. } if column == "hire_date" && value == "15/03/2021"
    ));
    assert!(matches!(
        &problems[1],
        Problem::Value { line: 5, column, .. } if column == "level"
    ));
    // "Fully Remote" is a spelling remit knows; "Office (HQ)" is not: listed once,
    // with its first line and count, and how to map it.
    match &problems[2] {
        Problem::UnknownValues {
            canonical, seen, ..
        } => {
            assert_eq!(*canonical, "work_mode");
            assert_eq!(seen.len(), 1);
            assert_eq!(
                (seen[0].value.as_str(), seen[0].first_line, seen[0].rows),
                ("Office (HQ)", 4, 2)
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string()
            .contains("[files.values.work_mode] \"Office (HQ)\" = \"remote\"")
    );
}

#[test]
fn personal_data_columns_cannot_be_mapped_or_kept() {
    let text = "employee_id,work_mode,country,time_zone,level,department,hire_date,First Name,Date of Birth\n\
                E-1,remote,PT,Europe/Lisbon,2,Eng,2021-03-15,Ana,1990-01-01\n";
    let files = [("people.csv", text.as_bytes())];
    let open = |name: &str| Ok(files.iter().find(|(n, _)| *n == name).map(|(_, t)| *t));
    // Present but unmapped: never read, no problem.
    let ok = read_directory(open, &ReadConfig::canonical(as_of())).unwrap();
    assert!(ok.roster.unwrap().as_slice()[0].attributes().is_empty());
    // Mapped or kept: the configuration is refused before any file is read, naming
    // the setting.
    let mut config = ReadConfig::canonical(as_of());
    config.files[0]
        .columns
        .insert("department".to_owned(), "First Name".to_owned());
    let err = read_directory(open, &config).unwrap_err();
    assert!(
        matches!(
            err.problems(),
            [Problem::Setting { file: Some(file), setting, message }]
                if file == "people.csv" && setting == "columns.department"
                    && message.contains("column `First Name` holds personal data")
        ),
        "{err}"
    );
    let mut config = ReadConfig::canonical(as_of());
    config.files[0].attributes = vec!["Date of Birth".to_owned()];
    let err = read_directory(open, &config).unwrap_err();
    assert!(
        matches!(
            err.problems(),
            [Problem::Setting { file: Some(file), setting, message }]
                if file == "people.csv" && setting == "attributes"
                    && message.contains("column `Date of Birth` holds personal data")
        ),
        "{err}"
    );
}
