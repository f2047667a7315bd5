//! The sample export set (`examples/data/acme`, written by
//! `examples/make_sample_exports.rs`) reads through remit-ingest with its `remit.toml`,
//! and auditing what it gives reports every problem planted in it, as the synthetic
//! run does (`remote_work_audit.rs`).
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use remit_core::Audit;
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_examples::audit::{
    PLANTED, PLANTED_FAR_TEAM, audit_assets, audit_benefits, audit_promotions, audit_tools,
    audit_wellbeing,
};
use remit_ingest::{ReadConfig, read_directory};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/data/acme")
}

#[test]
fn the_sample_exports_carry_every_planted_problem() {
    let dir = dir();
    let toml = std::fs::read_to_string(dir.join("remit.toml")).unwrap();
    let config = ReadConfig::from_toml(&toml).unwrap();
    let open = |name: &str| -> std::io::Result<Option<std::fs::File>> {
        match std::fs::File::open(dir.join(name)) {
            Ok(f) => Ok(Some(f)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    };
    let inputs = read_directory(open, &config).unwrap_or_else(|e| panic!("{e}"));
    let as_of = config.as_of;
    let roster = inputs.roster.unwrap();
    assert_eq!(roster.len(), 2_000);

    let mut disclosure = Disclosure::new(DisclosurePolicy::default());
    let assets = audit_assets(&roster, &inputs.assets.unwrap(), as_of, &mut disclosure).unwrap();
    let b = inputs.benefits.unwrap();
    let benefits = audit_benefits(
        &roster,
        &b.catalogue,
        &b.enrolments,
        &b.rates,
        as_of,
        &mut disclosure,
    )
    .unwrap();
    let table = inputs.promotion.unwrap();
    let promotion = audit_promotions(
        &remit_promotion_bias::Inputs::from_table(&table),
        as_of,
        &mut disclosure,
    )
    .unwrap();
    let w = inputs.wellbeing.unwrap();
    let wellbeing = audit_wellbeing(
        &roster,
        w.panel.as_ref().unwrap(),
        &w.respondents,
        &w.codes,
        as_of,
        &mut disclosure,
    )
    .unwrap();
    let t = inputs.tools.unwrap();
    let tools = audit_tools(&roster, &t.inventory, &t.teams, as_of, &mut disclosure).unwrap();

    let audits: Vec<&dyn Audit> = vec![&assets, &benefits, &tools, &promotion, &wellbeing];
    let codes: BTreeSet<String> = audits
        .iter()
        .flat_map(|a| a.findings())
        .map(|f| f.code().as_str().to_owned())
        .collect();
    for planted in PLANTED.iter().chain([&PLANTED_FAR_TEAM]) {
        assert!(
            planted.codes.iter().any(|c| codes.contains(*c)),
            "{}: none of {:?} in {codes:?}",
            planted.description,
            planted.codes
        );
    }
}
