//! The sample export set (`examples/data/acme`, written by
//! `examples/make_sample_exports.rs`) audited through the flagship example's own code
//! path (`remote_work_audit --data`, i.e. `remit_examples::exports::audit_exports`):
//! every problem planted in it is reported, as the synthetic run does
//! (`remote_work_audit.rs`); a bad row stops the run with the ingest error naming the
//! file, line and column; a domain the mapping does not list is not measured.
#![expect(
    clippy::disallowed_methods,
    reason = "the test reads files from disk, which clippy.toml bans in library crates only"
)]

use std::path::{Path, PathBuf};

use remit_core::{Domain, HealthBand, Severity};
use remit_examples::audit::{PLANTED, PLANTED_FAR_TEAM};
use remit_examples::exports::{ExportsError, audit_exports};
use remit_ingest::Problem;

fn acme() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/data/acme")
}

/// A fresh copy of the sample set in the temporary directory, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn copy_of(source: &Path, name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "remit-sample-exports-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(source).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
        Self(dir)
    }

    fn edit(&self, file: &str, edit: impl FnOnce(String) -> String) {
        let path = self.0.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, edit(text)).unwrap();
    }
}

impl Scratch {
    /// Removes the files of these inputs from the mapping.
    fn unlist(&self, inputs: &[&str]) {
        self.edit("remit.toml", |text| {
            let mut blocks = text.split("[[files]]");
            let mut out = blocks.next().unwrap().to_owned();
            for block in blocks {
                if !inputs
                    .iter()
                    .any(|i| block.contains(&format!("input = \"{i}\"")))
                {
                    out.push_str("[[files]]");
                    out.push_str(block);
                }
            }
            out
        });
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn the_sample_exports_carry_every_planted_problem() {
    let audit = audit_exports(&acme(), &|_| {}).unwrap_or_else(|e| panic!("{e}"));
    assert!(audit.not_provided.is_empty(), "every domain has its files");
    let card = audit.scorecard().unwrap();
    assert_eq!(card.domains().len(), 5);
    assert!(
        card.domains()
            .iter()
            .all(|d| d.health().band() != HealthBand::NotMeasured),
        "every domain is measured"
    );
    let codes: Vec<&str> = card.findings().iter().map(|f| f.code().as_str()).collect();
    for planted in PLANTED.iter().chain([&PLANTED_FAR_TEAM]) {
        assert!(
            planted.codes.iter().any(|c| codes.contains(c)),
            "{}: none of {:?} in {codes:?}",
            planted.description,
            planted.codes
        );
    }
    // As in the synthetic run: nothing that was not planted is flagged high or critical.
    let planted_codes: Vec<&str> = PLANTED
        .iter()
        .chain([&PLANTED_FAR_TEAM])
        .flat_map(|p| p.codes.iter().copied())
        .collect();
    for f in card.findings() {
        if f.severity() >= Severity::High {
            assert!(
                planted_codes.contains(&f.code().as_str()),
                "high-severity finding that was not planted: {} — {}",
                f.code(),
                f.title()
            );
        }
    }
}

#[test]
fn a_bad_row_stops_the_run_naming_file_line_and_column() {
    let dir = Scratch::copy_of(&acme(), "bad-row");
    // Line 4 of the BambooHR export is employee 10003, hired on 04/13/2018 (US dates).
    dir.edit("bamboohr_employees.csv", |text| {
        let line = text.lines().nth(3).unwrap();
        assert!(line.starts_with("10003,") && line.contains(",04/13/2018,"));
        text.replacen(",04/13/2018,", ",13/04/2018,", 1)
    });
    let err = audit_exports(&dir.0, &|_| {})
        .err()
        .expect("no scorecard from a file with a bad row");
    let ExportsError::Ingest(ingest) = &err else {
        panic!("expected the ingest error, got {err}");
    };
    assert!(
        ingest.problems().iter().any(|p| matches!(
            p,
            Problem::Value { file, line: 4, column, value, .. }
                if file == "bamboohr_employees.csv" && column == "Hire Date" && value == "13/04/2018"
        )),
        "{err}"
    );
    // The message the example prints is remit-ingest's, with file, line and column.
    let message = err.to_string();
    assert!(message.contains("nothing was read"), "{message}");
    assert!(
        message.contains("bamboohr_employees.csv: line 4, column `Hire Date`: \"13/04/2018\""),
        "{message}"
    );
}

#[test]
fn a_domain_the_mapping_does_not_list_is_not_measured_with_the_reason() {
    let dir = Scratch::copy_of(&acme(), "no-assets");
    // Drop the three equipment files from the mapping (and from the directory).
    dir.unlist(&["assets", "asset_events"]);
    for file in [
        "snipeit_hardware.csv",
        "snipeit_activity.csv",
        "depot_events.csv",
    ] {
        std::fs::remove_file(dir.0.join(file)).unwrap();
    }
    let audit = audit_exports(&dir.0, &|_| {}).unwrap_or_else(|e| panic!("{e}"));
    assert!(audit.assets.is_none());
    let card = audit.scorecard().unwrap();
    let assets = card
        .domains()
        .iter()
        .find(|d| d.domain() == Domain::Assets)
        .expect("the equipment domain is on the scorecard");
    assert_eq!(assets.health().band(), HealthBand::NotMeasured);
    let reason = assets.health().to_string();
    assert!(
        reason.contains("remit.toml lists no `assets` or `asset_events` file"),
        "{reason}"
    );
    assert!(card.findings().iter().all(|f| f.domain() != Domain::Assets));
    // The other four are measured as before.
    let measured = card
        .domains()
        .iter()
        .filter(|d| d.health().band() != HealthBand::NotMeasured)
        .count();
    assert_eq!(measured, 4);
}

#[test]
fn a_directory_without_a_mapping_file_says_how_to_write_one() {
    let dir = Scratch::copy_of(&acme(), "no-mapping");
    std::fs::remove_file(dir.0.join("remit.toml")).unwrap();
    let err = audit_exports(&dir.0, &|_| {})
        .err()
        .expect("no mapping, no audit");
    assert!(
        matches!(&err, ExportsError::NoMapping { path } if path.ends_with("remit.toml")),
        "{err}"
    );
    assert!(err.to_string().contains("docs/data-formats.md"), "{err}");
}

#[test]
fn a_mapping_file_listing_a_missing_file_names_it() {
    let dir = Scratch::copy_of(&acme(), "missing-file");
    std::fs::remove_file(dir.0.join("okta_mfa_usage.csv")).unwrap();
    let err = audit_exports(&dir.0, &|_| {}).err().expect("no audit");
    let ExportsError::Ingest(ingest) = &err else {
        panic!("expected the ingest error, got {err}");
    };
    assert!(
        ingest.problems().iter().any(|p| matches!(
            p,
            Problem::File { file, message } if file == "okta_mfa_usage.csv" && message == "no such file"
        )),
        "{err}"
    );
}

/// The block of `kind` (```toml, ```text) in README.md's "Your own data" section.
fn readme_block(kind: &str) -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme.find("### Your own data").expect("the section")..];
    let section = &section[..section[4..].find("\n### ").map_or(section.len(), |i| i + 4)];
    let open = format!("```{kind}\n");
    let start = section.find(&open).expect("the block") + open.len();
    let end = start + section[start..].find("```").expect("the block's end");
    // The blocks sit in a numbered list: three spaces of indent.
    section[start..end]
        .lines()
        .map(|l| l.strip_prefix("   ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_readme_mapping_audits_promotions_from_two_bamboohr_reports() {
    let dir = Scratch::copy_of(&acme(), "readme");
    std::fs::write(dir.0.join("remit.toml"), readme_block("toml")).unwrap();
    let audit = audit_exports(&dir.0, &|_| {}).unwrap_or_else(|e| panic!("{e}"));
    let card = audit.scorecard().unwrap();
    for d in card.domains() {
        assert_eq!(
            d.health().band() == HealthBand::NotMeasured,
            d.domain() != Domain::PromotionBias,
            "{:?}: {}",
            d.domain(),
            d.health()
        );
    }
    assert!(
        card.findings()
            .iter()
            .any(|f| f.code().as_str() == "PB-ADJUSTED-GAP"),
        "the planted promotion penalty is found"
    );
}

#[test]
fn the_readme_shows_the_errors_as_they_are() {
    let dir = Scratch::copy_of(&acme(), "readme-errors");
    std::fs::write(dir.0.join("remit.toml"), readme_block("toml")).unwrap();
    dir.edit("bamboohr_employees.csv", |text| {
        text.replacen(",04/13/2018,", ",13/04/2018,", 1)
            .replacen("\n10002,Ben,Silva,02/02/1966,u10002@acme.example,Operations,Operations L1,In Office,", "\n10002,Ben,Silva,02/02/1966,u10002@acme.example,Operations,Operations L1,Home Office,", 1)
    });
    let err = audit_exports(&dir.0, &|_| {}).err().expect("no audit");
    let shown = readme_block("text");
    assert!(
        matches!(&err, ExportsError::Ingest(e) if e.problems().len() == 2),
        "{err}"
    );
    for line in format!("error: {err}").lines() {
        assert!(
            shown.contains(line),
            "README.md does not show {line:?}:\n{shown}"
        );
    }
}

#[test]
fn survey_answers_without_signals_measure_wellbeing_from_the_survey() {
    let dir = Scratch::copy_of(&acme(), "survey-only");
    dir.unlist(&["signals", "identity"]);
    let audit = audit_exports(&dir.0, &|_| {}).unwrap_or_else(|e| panic!("{e}"));
    assert!(audit.not_provided.is_empty());
    let card = audit.scorecard().unwrap();
    let wellbeing = card
        .domains()
        .iter()
        .find(|d| d.domain() == Domain::Wellbeing)
        .unwrap();
    assert_ne!(
        wellbeing.health().band(),
        HealthBand::NotMeasured,
        "{}",
        wellbeing.health()
    );
    // The after-hours burden is a behavioural finding: without signals it cannot show.
    assert!(
        card.findings()
            .iter()
            .all(|f| f.code().as_str() != "WB-TZ-AFTER-HOURS")
    );
}

#[test]
fn a_mapping_that_lists_only_people_has_nothing_to_audit() {
    let dir = Scratch::copy_of(&acme(), "people-only");
    dir.unlist(&[
        "job_events",
        "assets",
        "asset_events",
        "benefits",
        "enrolments",
        "exchange_rates",
        "tools",
        "seats",
        "teams",
        "identity",
        "signals",
        "responses",
    ]);
    let err = audit_exports(&dir.0, &|_| {})
        .err()
        .expect("nothing to audit");
    assert!(
        matches!(&err, ExportsError::NothingToAudit { path } if path.ends_with("remit.toml")),
        "{err}"
    );
}

#[test]
fn a_mapping_file_with_an_unknown_key_is_refused_naming_it() {
    let dir = Scratch::copy_of(&acme(), "bad-mapping");
    dir.edit("remit.toml", |text| text.replacen("as_of =", "as_off =", 1));
    let err = audit_exports(&dir.0, &|_| {}).err().expect("a bad mapping");
    assert!(
        matches!(&err, ExportsError::Mapping { problem, .. }
            if matches!(**problem, Problem::Config { ref message } if message.contains("as_off"))),
        "{err}"
    );
}

#[test]
fn a_path_that_is_not_a_directory_is_named() {
    let path = acme().join("remit.toml");
    let err = audit_exports(&path, &|_| {})
        .err()
        .expect("not a directory");
    assert!(
        matches!(&err, ExportsError::NoDirectory { path: p } if *p == path),
        "{err}"
    );
}
