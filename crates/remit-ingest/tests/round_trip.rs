//! An organisation written out as canonical CSV files and read back gives identical
//! domain inputs: the roster, every asset with its history, the benefit catalogue,
//! enrolments and rates, the promotion table, the signal panel and survey codes, the
//! tool inventory and teams.

mod support;

use remit_core::Workforce;
use remit_ingest::{IdScheme, ReadConfig, read_directory};
use remit_synth::{SynthConfig, generate};

#[test]
fn canonical_files_read_back_to_identical_inputs() {
    let org = generate(&SynthConfig::new(600, 17)).unwrap();
    let synthetic = support::synthetic(&org);
    let files = support::canonical_files(&org, &synthetic);
    let mut config = ReadConfig::canonical(org.as_of());
    config.ids = IdScheme::Uuid;
    // The people file carries a gender column: keep it as an attribute.
    for f in &mut config.files {
        if f.input == remit_ingest::Input::People {
            f.attributes = vec!["gender".to_owned()];
        }
    }
    let open = |name: &str| Ok(files.get(name).map(Vec::as_slice));
    let inputs = read_directory(open, &config).unwrap_or_else(|e| panic!("{e}"));

    let roster = inputs.roster.unwrap();
    assert_eq!(roster.as_slice(), org.roster().as_slice());
    assert_eq!(inputs.assets.unwrap(), synthetic.assets);
    let benefits = inputs.benefits.unwrap();
    assert_eq!(benefits.catalogue, synthetic.catalogue);
    assert_eq!(benefits.enrolments, synthetic.enrolments);
    assert_eq!(benefits.rates, synthetic.rates);
    assert_eq!(inputs.promotion.unwrap(), synthetic.promotion);
    let wellbeing = inputs.wellbeing.unwrap();
    assert_eq!(wellbeing.panel.unwrap(), synthetic.panel);
    assert_eq!(wellbeing.respondents, synthetic.respondents);
    assert_eq!(wellbeing.codes, synthetic.codes);
    assert!(wellbeing.missing_signals.is_empty());
    assert_eq!(wellbeing.employees.len(), synthetic.panel.employees().len());
    assert!(
        wellbeing
            .employees
            .iter()
            .all(|e| roster.employee(e.id()).is_some())
    );
    let tools = inputs.tools.unwrap();
    assert_eq!(tools.inventory, synthetic.inventory);
    assert_eq!(tools.teams, synthetic.teams);
}
