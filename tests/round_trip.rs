//! Round trip: an organisation written out as canonical CSV files (the schema of
//! `docs/data-formats.md`) and audited through the flagship's `--data` path
//! (`audit_exports`: `remit.toml`, remit-ingest, every domain) gives a scorecard whose
//! JSON is identical to auditing the same inputs in memory. Both sides go through a
//! fresh disclosure engine with the default policy and the same per-domain
//! configuration; the files are written by remit-ingest's own round-trip writer
//! (`crates/remit-ingest/tests/support`), so one writer is checked against the readers.
//! The scorecard is also the flagship's synthetic one (`run_synthetic`) for the same
//! organisation.
#![expect(
    clippy::disallowed_methods,
    reason = "the test reads files from disk, which clippy.toml bans in library crates only"
)]

#[path = "../crates/remit-ingest/tests/support/mod.rs"]
mod support;

use std::path::PathBuf;

use remit_core::{HealthBand, WorkMode};
use remit_examples::audit::{PLANTED, PLANTED_FAR_TEAM, run_synthetic};
use remit_examples::exports::{
    BenefitData, DomainInputs, ToolData, WellbeingData, audit_domains, audit_exports,
};
use remit_ingest::Input;
use remit_synth::assets::{AssetSynthConfig, asset_fleet};
use remit_synth::benefits::{BenefitSynthConfig, benefit_data};
use remit_synth::collab_tools::{CollabSynthConfig, CollabSynthError, collab_data};
use remit_synth::promotion::{PromotionSynthConfig, promotion_history};
use remit_synth::wellbeing::{WellbeingSynthConfig, wellbeing_data};
use remit_synth::{Organisation, SynthConfig, generate};

/// Every domain's inputs with the flagship's planted problems, generated with the
/// configurations `run_synthetic` (src/audit.rs) uses, and whether the far team was
/// planted.
fn flagship_inputs(org: &Organisation) -> (support::Synthetic, bool) {
    let fleet = asset_fleet(org, &AssetSynthConfig::default()).unwrap();
    let benefits = benefit_data(
        org,
        &BenefitSynthConfig::default()
            .remote_shortfall(0.12)
            .unwrap(),
    )
    .unwrap();
    let promotion = promotion_history(
        org,
        &PromotionSynthConfig::default()
            .odds_ratio(WorkMode::Remote, 0.6)
            .unwrap(),
    )
    .unwrap()
    .into_table();
    let wellbeing = wellbeing_data(
        org,
        &WellbeingSynthConfig::default()
            .far_after_hours(3.0)
            .unwrap(),
    )
    .unwrap();
    let collab = CollabSynthConfig::default()
        .duplicate_chat(0.2)
        .unwrap()
        .shadow_tool(true);
    let (tools, far_team) = match collab_data(org, &collab.far_team(true)) {
        Ok(data) => (data, true),
        Err(CollabSynthError::NotEnoughFarEmployees { .. }) => {
            (collab_data(org, &collab).unwrap(), false)
        }
        Err(other) => panic!("{other}"),
    };
    let synthetic = support::Synthetic {
        assets: fleet.tracked_assets().unwrap(),
        catalogue: benefits.catalogue().clone(),
        enrolments: benefits.enrolments().clone(),
        rates: benefits.rates().clone(),
        promotion,
        panel: wellbeing.panel().clone(),
        respondents: wellbeing.respondents().to_vec(),
        codes: wellbeing.codes().to_vec(),
        inventory: tools.inventory().clone(),
        teams: tools.teams().to_vec(),
    };
    (synthetic, far_team)
}

/// The mapping file of the canonical files: each under its canonical name, remit's own
/// UUIDs as ids, the people file's `gender` kept as an attribute.
fn mapping(org: &Organisation, files: &[&str]) -> String {
    let mut toml = format!("as_of = \"{}\"\nids = \"uuid\"\n", org.as_of());
    for input in Input::ALL {
        let name = input.file_name();
        if !files.contains(&name) {
            continue;
        }
        toml.push_str(&format!(
            "\n[[files]]\nname = \"{name}\"\ninput = \"{}\"\n",
            input.name()
        ));
        if input == Input::People {
            toml.push_str("attributes = [\"gender\"]\n");
        }
    }
    toml
}

/// A directory in the temporary directory, removed on drop.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn canonical_files_audit_to_the_scorecard_of_the_same_inputs_in_memory() {
    let org = generate(&SynthConfig::new(2_000, 42)).unwrap();
    let (synthetic, far_team) = flagship_inputs(&org);

    let files = support::canonical_files(&org, &synthetic);
    let dir =
        Scratch(std::env::temp_dir().join(format!("remit-round-trip-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&dir.0);
    std::fs::create_dir_all(&dir.0).unwrap();
    for (name, bytes) in &files {
        std::fs::write(dir.0.join(name), bytes).unwrap();
    }
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    std::fs::write(dir.0.join("remit.toml"), mapping(&org, &names)).unwrap();

    let from_files = audit_exports(&dir.0, &|_| {}).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        from_files.not_provided.is_empty(),
        "every domain has its files"
    );
    let from_files = from_files.scorecard().unwrap();

    let in_memory = audit_domains(
        &DomainInputs {
            roster: Some(org.roster()),
            as_of: org.as_of(),
            assets: Some(&synthetic.assets),
            benefits: Some(BenefitData {
                catalogue: &synthetic.catalogue,
                enrolments: &synthetic.enrolments,
                rates: &synthetic.rates,
            }),
            promotion: Some(&synthetic.promotion),
            wellbeing: Some(WellbeingData {
                panel: Some(&synthetic.panel),
                respondents: &synthetic.respondents,
                codes: &synthetic.codes,
            }),
            tools: Some(ToolData {
                inventory: &synthetic.inventory,
                teams: &synthetic.teams,
            }),
        },
        &|domain| panic!("{domain:?} was given"),
        &|_| {},
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .scorecard()
    .unwrap();

    // The comparison is worth something only if the scorecard holds every domain's
    // figures and the planted problems.
    assert!(
        in_memory
            .domains()
            .iter()
            .all(|d| d.health().band() != HealthBand::NotMeasured)
    );
    let codes: Vec<&str> = in_memory
        .findings()
        .iter()
        .map(|f| f.code().as_str())
        .collect();
    let far = far_team.then_some(&PLANTED_FAR_TEAM);
    for planted in PLANTED.iter().chain(far) {
        assert!(
            planted.codes.iter().any(|c| codes.contains(c)),
            "{}: none of {:?} in {codes:?}",
            planted.description,
            planted.codes
        );
    }
    assert!(!in_memory.observations().is_empty());

    let json = |card: &remit::Scorecard| serde_json::to_string_pretty(card).unwrap();
    let (files_json, memory_json) = (json(&from_files), json(&in_memory));
    assert_same(&files_json, &memory_json, "files", "memory");

    // And it is the flagship's own synthetic scorecard: `run_synthetic` (on two
    // threads) generates the same organisation and inputs. If this fails while the
    // comparison above holds, `flagship_inputs` no longer mirrors src/audit.rs.
    let synthetic_run = run_synthetic(2_000, 42, 2, &|_| {}).unwrap();
    assert_eq!(synthetic_run.planted.contains(&PLANTED_FAR_TEAM), far_team);
    let synthetic_json = json(&synthetic_run.scorecard().unwrap());
    assert_same(&files_json, &synthetic_json, "files", "run_synthetic");
}

/// Panics with the first differing line when two JSON texts differ.
fn assert_same(left: &str, right: &str, left_name: &str, right_name: &str) {
    if left != right {
        let first = left
            .lines()
            .zip(right.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .map(|(i, (a, b))| format!("line {}: {left_name} {a:?}, {right_name} {b:?}", i + 1));
        panic!(
            "the scorecards of {left_name} and {right_name} differ; first difference: {}",
            first.unwrap_or_else(|| "one is a prefix of the other".to_owned())
        );
    }
}
