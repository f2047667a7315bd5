//! Planted-effect test: the after-hours burden planted on remote staff far from
//! headquarters is found and named; without it, no such finding is invented.

mod support;

use remit_core::{Audit, Finding};
use remit_synth::wellbeing::{WellbeingData, WellbeingSynthConfig, wellbeing_data};
use remit_synth::{Organisation, SynthConfig, generate};
use remit_wellbeing::{Cbi, Config, Inputs, SurveyResults, WellbeingReport, Who5, audit, codes};

fn report(org: &Organisation, data: &WellbeingData) -> WellbeingReport {
    let surveys =
        SurveyResults::score_batch(&Who5::new(), &Cbi::new(), data.respondents(), data.codes())
            .unwrap();
    let inputs = Inputs::new(org.roster(), &surveys, data.panel());
    audit(&inputs, &Config::new(org.as_of()), &mut support::engine()).unwrap()
}

/// The cohorts a finding is about: its own, or one per table row.
fn groups(f: &Finding) -> Vec<String> {
    match f.table() {
        Some(table) => table.rows().iter().map(|row| row[0].clone()).collect(),
        None => vec![f.title().to_owned()],
    }
}

#[test]
fn planted_far_time_zone_burden_is_found_and_named() {
    let org = generate(&SynthConfig::new(6_000, 11)).unwrap();
    let config = WellbeingSynthConfig::default()
        .far_after_hours(3.0)
        .unwrap();
    let data = wellbeing_data(&org, &config).unwrap();
    assert!(data.truth().planted_employees() > 100);
    let planted_bands: Vec<String> = data.truth().bands().iter().map(|b| b.to_string()).collect();
    let report = report(&org, &data);
    let findings = report.findings();
    let tz: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.code() == &codes::TZ_AFTER_HOURS)
        .collect();
    // Repeated findings of one kind are one finding (with a table when several bands).
    assert_eq!(tz.len(), 1, "{findings:#?}");
    let f = tz[0];
    assert_eq!(f.cohort().get("work_mode"), Some("remote"), "{}", f.title());
    for group in groups(f) {
        assert!(
            planted_bands.iter().any(|b| group.contains(b.as_str())),
            "{group} names no planted band"
        );
        assert!(
            group.to_lowercase().starts_with("remote staff in"),
            "{group}"
        );
    }
    assert!(f.title().contains("× onsite"), "{}", f.title());
    assert!(f.affected().is_some_and(|n| n > 100), "{:?}", f.affected());
}

#[test]
fn without_the_plant_no_burden_finding() {
    let org = generate(&SynthConfig::new(6_000, 11)).unwrap();
    let data = wellbeing_data(&org, &WellbeingSynthConfig::default()).unwrap();
    assert_eq!(data.truth().planted_employees(), 0);
    let report = report(&org, &data);
    let invented: Vec<&str> = report
        .findings()
        .iter()
        .filter(|f| {
            f.code() == &codes::TZ_AFTER_HOURS || f.code() == &codes::TEAM_DISTANCE_AFTER_HOURS
        })
        .map(Finding::title)
        .collect();
    assert!(invented.is_empty(), "{invented:#?}");
}
