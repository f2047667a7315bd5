//! Target (2b): the mapping-file parser (`ReadConfig::from_toml`) on arbitrary text,
//! then the directory it describes.
//!
//! Input: the mapping file's text, then the files it lists, in its order, separated by
//! `NUL` (see `remit_fuzz::split`); an empty or missing file is absent. Through the
//! mapping file the fuzzer reaches every profile, value map, constant, wide layout,
//! delimiter, decimal comma and date pattern.
//!
//! Checks, besides "never panics": a refused mapping names the problem as a
//! configuration problem (its TOML, or one setting); a parsed mapping keeps every file it lists, none optional;
//! with the caller's own ids, no problem names an internal (UUID v5) id.
#![no_main]

use libfuzzer_sys::fuzz_target;
use remit_fuzz::{internal_id_in, split};
use remit_ingest::{IdScheme, Problem, ReadConfig, read_directory};

fuzz_target!(|data: &[u8]| {
    let files = split(data);
    let Some((mapping, files)) = files.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(mapping);
    let mut config = match ReadConfig::from_toml(&text) {
        Ok(config) => config,
        Err(problem) => {
            assert!(
                matches!(problem, Problem::Config { .. } | Problem::Setting { .. }),
                "{problem:?}"
            );
            let _ = problem.to_string();
            return;
        }
    };
    assert!(config.files.iter().all(|f| !f.optional));
    // A mapping may ask for millions of problems; the fuzzer needs few.
    config.max_problems = config.max_problems.min(20);
    let contents = |name: &str| {
        let at = config.files.iter().position(|f| f.name == name)?;
        files.get(at).copied().filter(|f| !f.is_empty())
    };
    let open = |name: &str| Ok(contents(name));
    if let Err(err) = read_directory(open, &config) {
        assert!(!err.problems().is_empty(), "an error with no problem in it");
        let message = err.to_string();
        if config.ids == IdScheme::External {
            assert_eq!(
                internal_id_in(&message, data),
                None,
                "an internal id in: {message}"
            );
        }
    }
});
