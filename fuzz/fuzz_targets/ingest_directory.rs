//! Target (2a): every remit-ingest reader on arbitrary bytes, through `read_directory`.
//!
//! Input: one mode byte, then files separated by `NUL` (see `remit_fuzz::split`).
//! The mode's low six bits choose the layout: `0` reads every canonical input (the
//! n-th file is `Input::ALL[n]` under its canonical name, an empty file is absent);
//! `k > 0` reads `people.csv` (first file) and one export (second file) through the
//! built-in profile `PROFILES[k - 1]`. Bit 6 names that export `.xlsx` (the workbook
//! reader); bit 7 reads ids as UUIDs.
//!
//! Checks, besides "never panics": an error lists at least one and at most
//! `max_problems` problems, each naming a file the configuration lists, with a line of
//! at least 1 and a value of at most 80 characters (then `…`); its message renders
//! and, with the caller's own ids, names no internal (UUID v5) id.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use remit_fuzz::{internal_id_in, split};
use remit_ingest::profiles::PROFILES;
use remit_ingest::{FileConfig, IdScheme, Input, Problem, ReadConfig, read_directory};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Some(as_of) = NaiveDate::from_ymd_opt(2026, 6, 30) else {
        return;
    };
    let choice = usize::from(mode & 0x3f) % (PROFILES.len() + 1);
    let mut config = match choice.checked_sub(1).and_then(|i| PROFILES.get(i)) {
        None => ReadConfig::canonical(as_of),
        Some(profile) => {
            let name = if mode & 0x40 == 0 {
                "export.csv"
            } else {
                "export.xlsx"
            };
            let mut export = FileConfig::canonical(name, profile.input);
            export.profile = Some(profile.name.to_owned());
            export.settings = profile.settings();
            match profile.name {
                "qualtrics_wide" => {
                    export.wide = [
                        ("Q1_1", "who5.1"),
                        ("Q1_2", "who5.2"),
                        ("Q2_7", "cbi.work.1"),
                    ]
                    .into_iter()
                    .map(|(a, b)| (a.to_owned(), b.to_owned()))
                    .collect();
                }
                "okta_mfa_usage" | "google_workspace_users" => {
                    export.tools = [("tool".to_owned(), "okta".to_owned())].into();
                }
                "m365_active_users" => {
                    export.tools = [("Teams".to_owned(), "teams".to_owned())].into();
                }
                _ => {}
            }
            ReadConfig {
                files: vec![FileConfig::canonical("people.csv", Input::People), export],
                ..ReadConfig::canonical(as_of)
            }
        }
    };
    if mode & 0x80 != 0 {
        config.ids = IdScheme::Uuid;
    }
    config.max_problems = 20;
    let files = split(rest);
    let contents = |name: &str| {
        let at = config.files.iter().position(|f| f.name == name)?;
        files.get(at).copied().filter(|f| !f.is_empty())
    };
    let open = |name: &str| Ok(contents(name));
    if let Err(err) = read_directory(open, &config) {
        let message = err.to_string();
        if config.ids == IdScheme::External {
            assert_eq!(
                internal_id_in(&message, rest),
                None,
                "an internal id in: {message}"
            );
        }
        assert!(!err.problems().is_empty(), "an error with no problem in it");
        assert!(err.problems().len() <= config.max_problems);
        for problem in err.problems() {
            let (file, line) = match problem {
                Problem::Value {
                    file, line, value, ..
                } => {
                    let kept = value.strip_suffix('…').unwrap_or(value);
                    assert!(kept.chars().count() <= 80, "value not shortened: {value:?}");
                    (file, Some(*line))
                }
                Problem::Row { file, line, .. } => (file, Some(*line)),
                Problem::UnknownValues { file, seen, .. } => {
                    assert!(!seen.is_empty());
                    (file, seen.iter().map(|s| s.first_line).min())
                }
                Problem::File { file, .. } => (file, None),
                _ => continue,
            };
            assert!(
                config.files.iter().any(|f| &f.name == file),
                "problem names a file nobody gave: {problem:?}"
            );
            assert!(line.is_none_or(|l| l >= 1), "line 0: {problem:?}");
        }
    }
});
