//! Regression tests for defects the fuzz targets found (`fuzz/`, `docs/TESTING.md`).
//! Each test reads the corpus seed that found its defect, committed under
//! `tests/fuzz_seeds/` as the fuzzer minimised it.

use chrono::NaiveDate;
use remit_core::{BenefitId, EmployeeId};
use remit_ingest::promotion_csv::{RowIds, file_local_id, parse_reader_with};
use remit_ingest::{Input, Problem, ReadConfig, read_directory};

/// Found by `promotion_csv`: a row the promotion record refuses (`months_to_event` of
/// `-0`) was reported with the record's message, which names the employee by the
/// internal UUID, so the caller could not find the row's employee; and the message
/// differed between id schemes. The message names the file's own id.
#[test]
fn a_refused_promotion_row_names_the_files_own_employee_id() {
    let seed = include_bytes!("fuzz_seeds/promotion_csv-internal-id-in-message.csv");
    for ids in [RowIds::FileLocal, RowIds::External] {
        let err = parse_reader_with(seed.as_slice(), ids).unwrap_err();
        let refused = err
            .errors()
            .iter()
            .find(|e| e.line == 2)
            .unwrap_or_else(|| panic!("no error on line 2: {err:?}"));
        assert_eq!(refused.column, Some((9, "months_to_event".to_owned())));
        assert!(
            refused.message.contains("employee \"E0\""),
            "{ids:?}: {}",
            refused.message
        );
        for internal in [EmployeeId::from_external("E0"), file_local_id("E0")] {
            assert!(
                !refused.message.contains(&internal.to_string()),
                "{ids:?}: the message names the internal id: {}",
                refused.message
            );
        }
    }
}

/// The files of an `ingest_directory` seed in its canonical layout (mode byte 0): the
/// n-th `NUL`-separated part is `Input::ALL[n]` under its canonical name, an empty part
/// is an absent file.
fn canonical_directory(seed: &[u8]) -> Vec<(&'static str, &[u8])> {
    assert_eq!(seed.first(), Some(&0), "not a canonical-layout seed");
    Input::ALL
        .iter()
        .zip(seed[1..].split(|b| *b == 0))
        .filter(|(_, text)| !text.is_empty())
        .map(|(input, text)| (input.file_name(), text))
        .collect()
}

/// Found by `ingest_directory` on its first seed: an enrolment in a benefit missing
/// from the catalogue was reported with `remit-benefits`' message, which names the
/// benefit by its internal UUID. The message names the benefit as the file does.
#[test]
fn an_unknown_benefit_is_named_by_the_files_own_id() {
    let seed = include_bytes!("fuzz_seeds/ingest_directory-benefit-internal-id.bin");
    let files = canonical_directory(seed);
    let open = |name: &str| Ok(files.iter().find(|(n, _)| *n == name).map(|(_, t)| *t));
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let err = read_directory(open, &ReadConfig::canonical(as_of)).unwrap_err();
    let unknown = err
        .problems()
        .iter()
        .find_map(|p| match p {
            Problem::Row {
                file,
                line,
                message,
            } if file == "enrolments.csv" => Some((*line, message)),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no enrolment problem: {err}"));
    assert_eq!(unknown.0, 2);
    assert!(
        unknown
            .1
            .contains("benefit \"canteen\" is not in the catalogue"),
        "{}",
        unknown.1
    );
    let internal = BenefitId::from_external("canteen").to_string();
    assert!(!err.to_string().contains(&internal), "{err}");
}

/// Found by `ingest_directory` on a seed: a benefit paired with one missing from the
/// catalogue was reported with the internal UUID of the missing benefit. The message
/// names it as the `paired_with` column does.
#[test]
fn an_unknown_pairing_is_named_by_the_files_own_id() {
    let seed = include_bytes!("fuzz_seeds/ingest_directory-pairing-internal-id.bin");
    let files = canonical_directory(seed);
    let open = |name: &str| Ok(files.iter().find(|(n, _)| *n == name).map(|(_, t)| *t));
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let err = read_directory(open, &ReadConfig::canonical(as_of)).unwrap_err();
    assert!(
        err.problems().iter().any(|p| matches!(
            p,
            Problem::File { file, message }
                if file == "benefits.csv"
                    && message.contains("benefit \"meal-stipend\" is not in the catalogue")
        )),
        "{err}"
    );
    let internal = BenefitId::from_external("meal-stipend").to_string();
    assert!(!err.to_string().contains(&internal), "{err}");
}

/// Found by `ingest_directory`: a problem's value was documented as "at most 80
/// characters" but a longer one is shown as its first 80 characters and `…` (81). The
/// documentation now says so; this pins it, on the seed's people file (its first part
/// after the mode byte).
#[test]
fn a_long_value_is_cut_to_80_characters_and_an_ellipsis() {
    let seed = include_bytes!("fuzz_seeds/ingest_directory-long-value.bin");
    let people = seed[1..].split(|b| *b == 0).next().unwrap();
    let files = [("people.csv", people)];
    let open = |name: &str| Ok(files.iter().find(|(n, _)| *n == name).map(|(_, t)| *t));
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let err = read_directory(open, &ReadConfig::canonical(as_of)).unwrap_err();
    let value = err
        .problems()
        .iter()
        .find_map(|p| match p {
            Problem::Value {
                line: 8,
                column,
                value,
                ..
            } if column == "time_zone" => Some(value),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no time_zone problem on line 8: {err}"));
    let kept = value
        .strip_suffix('…')
        .expect("a cut value ends with an ellipsis");
    assert_eq!(kept.chars().count(), 80);
    assert!(kept.starts_with("Europe/LondUUU"), "{value}");
}
