//! Every example behaves like a command-line tool: it answers `--help` (and `-h`) with
//! its usage and every option, refuses an unknown option or a stray argument naming it,
//! refuses conflicting options, and the audits share one default organisation size.
//! The parsing is the examples' own (`remit_examples::cli::commands`); `.ci/run` also
//! runs every built example binary with `--help` and with an unknown option.
// The tests read `examples/` and `docs/examples.md`.
#![expect(
    clippy::disallowed_methods,
    reason = "the test reads files from disk, which clippy.toml bans in library crates only"
)]

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::Path;

use remit_core::disclosure::MinGroupSize;
use remit_examples::cli::commands::{
    ALL, EMPLOYEES, PROMOTION_AUDIT, PromotionInput, REMOTE_WORK_AUDIT, ROSTER, SQLITE_AUDIT,
};
use remit_examples::cli::{AnyExample, OptDefault, OutputFormat, Parsed, UsageError};
use remit_ingest::promotion_csv::REQUIRED;

fn args(list: &[&str]) -> Vec<OsString> {
    list.iter().map(OsString::from).collect()
}

fn help_of(example: &'static dyn AnyExample, flag: &str) -> String {
    match example.check(args(&[flag])) {
        Ok(Parsed::Help(text)) => text,
        other => panic!(
            "{} {flag}: expected the help, got {other:?}",
            example.spec().name
        ),
    }
}

#[test]
fn every_file_under_examples_has_a_declared_command_line() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let files: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("examples/ is readable")
        .filter_map(|e| {
            let path = e.ok()?.path();
            (path.extension()? == "rs").then(|| path.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect();
    let declared: BTreeSet<String> = ALL.iter().map(|e| e.spec().name.to_owned()).collect();
    assert_eq!(files, declared);
}

#[test]
fn every_example_answers_help_with_its_usage_and_every_option() {
    for &example in ALL {
        let spec = example.spec();
        let help = help_of(example, "--help");
        assert_eq!(help, help_of(example, "-h"), "{}", spec.name);
        assert!(
            help.contains(&format!("\nUsage: {}\n", spec.usage())),
            "{}: {help}",
            spec.name
        );
        assert!(
            spec.usage().starts_with("cargo run --release")
                && spec
                    .usage()
                    .contains(&format!(" --example {} -- [OPTIONS]", spec.name)),
            "{}",
            spec.usage()
        );
        for opt in spec.options {
            assert!(
                help.contains(&format!("--{}", opt.long)),
                "{}: --{} missing from the help",
                spec.name,
                opt.long
            );
            if let OptDefault::Value(v) = opt.default {
                assert!(
                    help.contains(&format!("[default: {v}]")),
                    "{}: the default of --{} is missing from the help",
                    spec.name,
                    opt.long
                );
            }
        }
        // Help wins over the options before it.
        if let Some(switch) = spec.options.iter().find(|o| o.value.is_none()) {
            let line = vec![
                OsString::from(format!("--{}", switch.long)),
                "--help".into(),
            ];
            assert!(
                matches!(example.check(line), Ok(Parsed::Help(_))),
                "{}",
                spec.name
            );
        }
    }
}

#[test]
fn every_example_refuses_an_unknown_option_naming_it() {
    for &example in ALL {
        let name = example.spec().name;
        assert_eq!(
            example.check(args(&["--no-such-option"])),
            Err(UsageError::UnknownOption {
                option: "--no-such-option".to_owned()
            }),
            "{name}"
        );
        assert_eq!(
            example.check(args(&["-x"])),
            Err(UsageError::UnknownOption {
                option: "-x".to_owned()
            }),
            "{name}"
        );
    }
}

#[test]
fn every_example_refuses_a_stray_argument_naming_it() {
    for &example in ALL {
        let name = example.spec().name;
        // An example with a positional argument takes one; the second is stray.
        let line: &[&str] = if example.spec().operand.is_some() {
            &["first.csv", "stray"]
        } else {
            &["stray"]
        };
        assert_eq!(
            example.check(args(line)),
            Err(UsageError::UnexpectedArgument {
                argument: "stray".to_owned()
            }),
            "{name}"
        );
    }
}

#[test]
fn every_example_runs_with_its_defaults() {
    // Reading the typed settings from an empty command line applies every default (an
    // example reading an option it does not declare would fail here).
    for &example in ALL {
        assert_eq!(
            example.check(Vec::new()),
            Ok(Parsed::Run(())),
            "{}",
            example.spec().name
        );
    }
}

#[test]
fn a_value_that_does_not_parse_is_refused_naming_the_option() {
    for &example in ALL {
        if !example.spec().options.iter().any(|o| o.long == "employees") {
            continue;
        }
        let err = example.check(args(&["--employees", "many"])).unwrap_err();
        assert!(
            matches!(&err, UsageError::InvalidValue { argument, value, .. }
                if argument == "--employees" && value == "many"),
            "{}: {err}",
            example.spec().name
        );
    }
    assert!(matches!(
        ROSTER.parse_from(["--min-group-size", "0"]).unwrap_err(),
        UsageError::InvalidValue { argument, .. } if argument == "--min-group-size"
    ));
}

#[test]
fn the_output_formats_conflict_and_one_is_chosen() {
    for line in [["--json", "--markdown"], ["--markdown", "--json"]] {
        assert!(matches!(
            REMOTE_WORK_AUDIT.parse_from(line).unwrap_err(),
            UsageError::Conflict { first, second, .. } if first == "--json" && second == "--markdown"
        ));
        assert!(matches!(
            SQLITE_AUDIT.parse_from(line).unwrap_err(),
            UsageError::Conflict { .. }
        ));
    }
    let Ok(Parsed::Run(opts)) = REMOTE_WORK_AUDIT.parse_from(["--markdown"]) else {
        panic!("--markdown alone runs");
    };
    assert_eq!(opts.format, OutputFormat::Markdown);
    let Ok(Parsed::Run(opts)) = SQLITE_AUDIT.parse_from(["--json", "--db=x.sqlite"]) else {
        panic!("--json alone runs");
    };
    assert_eq!(opts.format, OutputFormat::Json);
    assert_eq!(opts.db.as_deref(), Some(Path::new("x.sqlite")));
    assert!(!opts.shaped);
}

#[test]
fn remote_work_audit_reads_a_directory_only_instead_of_a_synthetic_organisation() {
    let Ok(Parsed::Run(opts)) = REMOTE_WORK_AUDIT.parse_from(["--data", "exports", "--json"])
    else {
        panic!("--data runs");
    };
    assert_eq!(opts.data.as_deref(), Some(Path::new("exports")));
    assert_eq!(opts.format, OutputFormat::Json);
    let Ok(Parsed::Run(opts)) = REMOTE_WORK_AUDIT.parse_from(Vec::<String>::new()) else {
        panic!("defaults run");
    };
    assert_eq!(opts.data, None);
    // The synthetic organisation's options make no sense with files.
    for option in ["--employees", "--seed", "--workers"] {
        assert!(matches!(
            REMOTE_WORK_AUDIT.parse_from(["--data", "exports", option, "7"]).unwrap_err(),
            UsageError::Conflict { first, second, .. }
                if first == "--data" && second == option
        ));
    }
    assert!(matches!(
        REMOTE_WORK_AUDIT.parse_from(["--data"]).unwrap_err(),
        UsageError::MissingValue { option } if option == "data"
    ));
}

#[test]
fn promotion_audit_reads_a_file_only_as_a_file() {
    // `-h` is the help, never a file called "-h".
    assert!(matches!(
        PROMOTION_AUDIT.parse_from(["-h"]),
        Ok(Parsed::Help(_))
    ));
    let Ok(Parsed::Run(opts)) = PROMOTION_AUDIT.parse_from(["--json", "promotions.csv"]) else {
        panic!("a file runs");
    };
    assert_eq!(opts.input, PromotionInput::Csv("promotions.csv".into()));
    assert!(opts.json);
    // After `--`, a file name that starts with a dash is a file.
    let Ok(Parsed::Run(opts)) = PROMOTION_AUDIT.parse_from(["--", "-odd.csv"]) else {
        panic!("a file after -- runs");
    };
    assert_eq!(opts.input, PromotionInput::Csv("-odd.csv".into()));
    // The synthetic organisation's options make no sense with a file.
    for option in ["--employees", "--seed"] {
        assert!(matches!(
            PROMOTION_AUDIT.parse_from(["promotions.csv", option, "7"]).unwrap_err(),
            UsageError::Conflict { first, second, .. }
                if first == option && second == "FILE.csv"
        ));
    }
}

#[test]
fn promotion_audit_help_lists_every_csv_column() {
    let help = help_of(&PROMOTION_AUDIT, "--help");
    for column in REQUIRED {
        assert!(
            help.lines().any(|l| l.trim_start().starts_with(column)),
            "column `{column}` is not described in promotion_audit --help"
        );
    }
    assert!(help.contains("Optional columns"));
}

#[test]
fn the_examples_that_show_an_organisation_share_one_default_size() {
    let OptDefault::Value(shared) = EMPLOYEES.default else {
        panic!("--employees has a default value");
    };
    assert_eq!(shared, "10000");
    let mut audits = 0;
    for &example in ALL {
        let spec = example.spec();
        // The `*_cpu` examples measure budgets stated at their own sizes.
        if spec.name.ends_with("_cpu") {
            continue;
        }
        if let Some(opt) = spec.options.iter().find(|o| o.long == "employees") {
            assert_eq!(opt.default, EMPLOYEES.default, "{}", spec.name);
            audits += 1;
        }
    }
    assert_eq!(audits, 8);
    let Ok(Parsed::Run(opts)) = PROMOTION_AUDIT.parse_from(Vec::<String>::new()) else {
        panic!("defaults run");
    };
    assert_eq!(
        opts.input,
        PromotionInput::Synthetic {
            employees: 10_000,
            seed: 42
        }
    );
}

#[test]
fn roster_defaults_to_the_library_minimum_group_size() {
    let Ok(Parsed::Run(opts)) = ROSTER.parse_from(Vec::<String>::new()) else {
        panic!("defaults run");
    };
    assert_eq!(opts.min_group_size, MinGroupSize::DEFAULT);
}

#[test]
fn docs_examples_md_shows_every_examples_help_as_it_is() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples.md"))
            .expect("docs/examples.md is readable");
    for &example in ALL {
        let help = help_of(example, "--help");
        let block = format!("```text\n{help}```\n");
        assert!(
            doc.contains(&block),
            "docs/examples.md does not show the current `{} --help`; it is:\n{help}",
            example.spec().name
        );
    }
}
