//! Planted-effect tests on synthetic organisations (remit-synth): what is planted is
//! found, and nothing is invented.

mod support;

use remit_core::{Audit, WorkMode};
use remit_promotion_bias::{PromotionReport, codes};
use remit_synth::promotion::PromotionSynthConfig;
use support::{audit_table, config, synthetic};

fn run(employees: usize, seed: u64, planted: &PromotionSynthConfig) -> PromotionReport {
    audit_table(&synthetic(employees, seed, planted), &config())
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
        .iter()
        .find(|f| {
            f.code() == &codes::LEVEL_MIX_EXPLAINS && f.cohort().get("work_mode") == Some("remote")
        })
        .expect("a level-mix finding for remote staff");
    assert!(
        f.title().contains("explained by level mix"),
        "{}",
        f.title()
    );
}

fn remote_term(
    employees: usize,
    seed: u64,
    planted: &PromotionSynthConfig,
) -> (f64, f64, f64, f64) {
    let report = run(employees, seed, planted);
    let t = report
        .comparison(WorkMode::Remote)
        .and_then(|c| c.logistic)
        .expect("a fitted logistic model");
    (t.odds_ratio, t.ci_low, t.ci_high, t.p_value)
}

#[test]
fn planted_remote_odds_ratio_is_recovered_with_honest_intervals() {
    let truth = 0.6;
    let planted = PromotionSynthConfig::default()
        .odds_ratio(WorkMode::Remote, truth)
        .unwrap();
    let (mut covered, mut detected) = (0, 0);
    for seed in 1..=100 {
        let (or, lo, hi, p) = remote_term(2_500, seed, &planted);
        covered += usize::from(lo <= truth && truth <= hi);
        detected += usize::from(p < 0.05 && or < 1.0);
    }
    eprintln!("covered {covered} / 100, detected {detected} / 100");
    assert!(
        covered >= 90,
        "95% CI covered the planted 0.6 in {covered} of 100"
    );
    assert!(
        detected >= 90,
        "the planted gap was detected in {detected} of 100"
    );
}

#[test]
fn without_a_planted_effect_false_alarms_stay_near_alpha() {
    let planted = PromotionSynthConfig::default();
    let alarms = (1_001..=1_200)
        .filter(|&seed| remote_term(2_000, seed, &planted).3 < 0.05)
        .count();
    let rate = alarms as f64 / 200.0;
    eprintln!("false alarms {alarms} / 200");
    assert!((0.02..=0.09).contains(&rate), "false-alarm rate {rate}");
}
