//! Target (1): the analysis-ready promotion CSV reader on arbitrary bytes.
//!
//! Checks, besides "never panics": a table has one line number per row, rows in file
//! order; an error lists at least one and at most `MAX_ERRORS` problems, in file order;
//! no error names an internal (UUID v5) id; the reader gives the same answer whether
//! the ids are file-local or external, and
//! reading from memory agrees with reading from a stream; a table that reads is one
//! the analysis accepts or refuses with an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_fuzz::internal_id_in;
use remit_ingest::promotion_csv::{MAX_ERRORS, ParsedCsv, RowIds, parse_csv, parse_reader_with};
use remit_promotion_bias::{Config, Inputs, audit};

fuzz_target!(|data: &[u8]| {
    let local = parse_reader_with(data, RowIds::FileLocal);
    let external = parse_reader_with(data, RowIds::External);
    match (&local, &external) {
        (Ok(a), Ok(b)) => {
            check_table(a);
            assert_eq!(a.lines, b.lines, "rows differ between id schemes");
            assert_eq!(a.table.work_modes(), b.table.work_modes());
            assert_eq!(a.table.promoted(), b.table.promoted());
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "errors differ between id schemes");
            assert!(!a.errors().is_empty(), "an error with no problem in it");
            assert!(a.errors().len() <= MAX_ERRORS);
            assert!(
                a.errors().windows(2).all(|w| w[0].line <= w[1].line),
                "errors out of file order: {a:?}"
            );
            assert!(a.errors().iter().all(|e| e.line >= 1));
            let message = a.to_string();
            assert_eq!(
                internal_id_in(&message, data),
                None,
                "an internal id in: {message}"
            );
        }
        _ => panic!("one id scheme read the file and the other did not: {local:?} / {external:?}"),
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let in_memory = parse_csv(text);
        assert_eq!(
            in_memory.as_ref().map(|p| &p.lines).ok(),
            local.as_ref().map(|p| &p.lines).ok(),
            "reading from memory and from a stream disagree"
        );
    }
    // Text that is not a UUID is refused under `RowIds::Uuid`; it must not panic.
    let _ = parse_reader_with(data, RowIds::Uuid);
    if let Ok(parsed) = local {
        // A table carries no window: the configuration's date does not filter it.
        let config = Config::new(remit_fuzz::draw::epoch());
        let mut disclosure = Disclosure::new(DisclosurePolicy::default());
        let _ = audit(&Inputs::from_table(&parsed.table), &config, &mut disclosure);
    }
});

fn check_table(parsed: &ParsedCsv) {
    assert_eq!(parsed.table.len(), parsed.lines.len(), "one line per row");
    assert!(
        parsed.lines.windows(2).all(|w| w[0] < w[1]),
        "rows out of file order: {:?}",
        parsed.lines
    );
    assert!(
        parsed.lines.iter().all(|l| *l >= 2),
        "a row on the header's line"
    );
}
