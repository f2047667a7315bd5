//! Planted-effect tests on synthetic organisations (remit-synth): what is planted is
//! found, and nothing is invented.

use remit_core::{Audit, WorkMode};
use remit_promotion_bias::{AnalysisConfig, PromotionReport, analyse};
use remit_synth::promotion::{PromotionSynthConfig, promotion_history};
use remit_synth::{SynthConfig, generate};

fn run(employees: usize, seed: u64, planted: &PromotionSynthConfig) -> PromotionReport {
    let org = generate(&SynthConfig::new(employees, seed)).unwrap();
    let history = promotion_history(&org, planted).unwrap();
    analyse(history.records(), &AnalysisConfig::default()).unwrap()
}

fn codes(report: &PromotionReport) -> Vec<String> {
    report
        .findings()
        .iter()
        .map(|f| format!("{} {}", f.code(), f.cohort()))
        .collect()
}

#[test]
fn simpsons_paradox_is_explained_by_level_mix() {
    // No penalty at all, but the remote pool is senior and the onsite pool junior.
    let planted = PromotionSynthConfig::default()
        .level_skew(WorkMode::Remote, 0.35)
        .unwrap()
        .level_skew(WorkMode::Onsite, -0.5)
        .unwrap()
        .level_logits([0.6, -0.2, -1.0, -1.8, -2.6, -3.4, -4.2])
        .unwrap();
    let report = run(4_000, 3, &planted);
    let remote = report.comparison(WorkMode::Remote).unwrap();
    assert!(
        remote.adjusted_p_value < 0.05,
        "raw gap expected: {:?}",
        codes(&report)
    );
    let s = remote.stratified.as_ref().unwrap();
    assert!(s.cmh.p_value > 0.05);
    let f = report
        .findings()
        .into_iter()
        .find(|f| {
            f.code().as_str() == "PB-LEVEL-MIX-EXPLAINS"
                && f.cohort().get("work_mode") == Some("remote")
        })
        .expect("a level-mix finding for remote staff");
    assert!(
        f.title().contains("explained by level mix"),
        "{}",
        f.title()
    );
}
