//! An `.xlsx` people export (written by `tests/fixtures/make_people_xlsx.py`) reads
//! like the same CSV: inline strings, a number cell, and a date cell in the file's
//! declared date format.
#![cfg(feature = "xlsx")]
#![expect(
    clippy::disallowed_methods,
    reason = "the test reads files from disk, which clippy.toml bans in library crates only"
)]

use chrono::NaiveDate;
use remit_ingest::{FileConfig, Input, ReadConfig, read_directory};

#[test]
fn a_workbook_reads_like_its_csv() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/people.xlsx"
    ))
    .unwrap();
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let mut config = ReadConfig {
        files: vec![FileConfig::canonical("people.xlsx", Input::People)],
        ..ReadConfig::canonical(as_of)
    };
    let open = |name: &str| Ok((name == "people.xlsx").then_some(bytes.as_slice()));
    let inputs = read_directory(open, &config).unwrap_or_else(|e| panic!("{e}"));
    let roster = inputs.roster.unwrap();
    let people = roster.as_slice();
    assert_eq!(people.len(), 2);
    assert_eq!(
        people[0].hired_on(),
        NaiveDate::from_ymd_opt(2021, 3, 15).unwrap()
    );
    assert_eq!(
        people[1].hired_on(),
        NaiveDate::from_ymd_opt(2023, 1, 10).unwrap()
    );
    assert_eq!(people[0].level().rank(), 3);
    assert_eq!(people[1].work_mode(), remit_core::WorkMode::Onsite);

    // Date cells follow the declared format; a text cell that does not is a problem.
    config.files[0].settings.dates = remit_ingest::values::DateFormat::UsMonthDayYear;
    let inputs = read_directory(open, &config).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(inputs.roster.unwrap().len(), 2);
}
