//! Planted-effect test: the after-hours burden planted on remote staff far from
//! headquarters is found and named; without it, no such finding is invented.

use remit_core::Audit;
use remit_synth::wellbeing::{WellbeingData, WellbeingSynthConfig, wellbeing_data};
use remit_synth::{SynthConfig, generate};
use remit_wellbeing::builtin::{Cbi, Who5};
use remit_wellbeing::individual::{Individuals, SurveyResults};
use remit_wellbeing::report::{CohortReport, ReportConfig};
use remit_wellbeing::risk::WeightedRiskModel;

fn report(data: &WellbeingData, as_of: chrono::NaiveDate) -> CohortReport {
    let surveys =
        SurveyResults::score_batch(&Who5::new(), &Cbi::new(), data.respondents(), data.codes())
            .unwrap();
    let individuals = Individuals::assess(
        data.employees(),
        data.panel(),
        &surveys,
        &WeightedRiskModel::default(),
    )
    .unwrap();
    CohortReport::build(data.employees(), &individuals, &ReportConfig::new(as_of)).unwrap()
}

const BURDEN_CODES: [&str; 2] = ["WB-TZ-AFTER-HOURS", "WB-TEAM-DISTANCE-AFTER-HOURS"];

#[test]
fn planted_far_time_zone_burden_is_found_and_named() {
    let org = generate(&SynthConfig::new(6_000, 11)).unwrap();
    let config = WellbeingSynthConfig::default()
        .far_after_hours(3.0)
        .unwrap();
    let data = wellbeing_data(&org, &config).unwrap();
    assert!(data.truth().planted_employees() > 100);
    let planted_bands: Vec<String> = data.truth().bands().iter().map(|b| b.to_string()).collect();
    let report = report(&data, org.as_of());
    let findings = report.findings();
    let tz: Vec<_> = findings
        .iter()
        .filter(|f| f.code().as_str() == "WB-TZ-AFTER-HOURS")
        .collect();
    assert!(!tz.is_empty(), "no burden finding: {findings:#?}");
    for f in &tz {
        assert_eq!(f.cohort().get("work_mode"), Some("remote"), "{}", f.title());
        let band = f.cohort().get("utc_offset").unwrap();
        assert!(
            planted_bands.iter().any(|b| b == band),
            "{band} was not planted"
        );
        assert!(
            f.title().contains(band),
            "finding names its band: {}",
            f.title()
        );
        assert!(f.title().contains("× onsite"));
    }
}

#[test]
fn without_the_plant_no_burden_finding() {
    let org = generate(&SynthConfig::new(6_000, 11)).unwrap();
    let data = wellbeing_data(&org, &WellbeingSynthConfig::default()).unwrap();
    assert_eq!(data.truth().planted_employees(), 0);
    let report = report(&data, org.as_of());
    let findings = report.findings();
    let invented: Vec<_> = findings
        .iter()
        .filter(|f| BURDEN_CODES.contains(&f.code().as_str()))
        .map(|f| f.title().to_owned())
        .collect();
    assert!(invented.is_empty(), "{invented:#?}");
}
