//! Regression tests for defects the fuzz targets found (`fuzz/`, `docs/TESTING.md`).
//! Each test reads the corpus seed that found its defect, committed under
//! `tests/fuzz_seeds/` as the fuzzer minimised it.
#![allow(missing_docs, clippy::disallowed_methods)]

use remit_core::EmployeeId;
use remit_ingest::promotion_csv::{RowIds, file_local_id, parse_reader_with};

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
