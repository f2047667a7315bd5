//! Review of issue 13: "a Kaplan–Meier step at a risk set below `k` describes fewer than
//! `k` people". The survival curves are cut after the last step with at least `k` people
//! at risk, but the Kaplan–Meier *median* months to promotion (published in
//! `GroupSummary`, `Comparison` and the findings' text) is read off the uncut curve: when
//! the median is reached at a step with two or three people at risk, it is the promotion
//! time of one of those few people.

mod support;

use remit_core::{Department, EmployeeId, JobLevel, WorkMode};
use remit_promotion_bias::{PromotionRecord, PromotionTable};
use support::{audit_table, config};

fn person(i: u32, mode: WorkMode, promoted: bool, months: f64) -> PromotionRecord {
    PromotionRecord::builder(EmployeeId::from_external(&format!("E-{i}")))
        .work_mode(mode)
        .level(JobLevel::new(1 + (i % 3) as u8))
        .department(Department::new("Ops").unwrap())
        .performance(f64::from(1 + i % 5))
        .tenure_months(f64::from(i % 40))
        .promoted(promoted)
        .months_to_event(months)
        .build()
        .unwrap()
}

/// Eight onsite people: four observed for half a month only (joined late: public), then
/// promotions at 3, 6 and 9 months among the four who remain, one still waiting at 24.
/// The median (S ≤ 0.5) falls at 6 months, with three people at risk. Twelve hybrid
/// people are the other group.
fn records() -> Vec<PromotionRecord> {
    let mut out = Vec::new();
    for i in 0..4 {
        out.push(person(i, WorkMode::Onsite, false, 0.5));
    }
    out.push(person(4, WorkMode::Onsite, true, 3.0));
    out.push(person(5, WorkMode::Onsite, true, 6.0));
    out.push(person(6, WorkMode::Onsite, true, 9.0));
    out.push(person(7, WorkMode::Onsite, false, 24.0));
    for i in 0..12 {
        let promoted = i % 3 == 0;
        out.push(person(
            100 + i,
            WorkMode::Hybrid,
            promoted,
            if promoted { 2.0 + f64::from(i) } else { 24.0 },
        ));
    }
    out
}

#[test]
fn the_median_months_to_promotion_is_not_read_off_a_step_with_fewer_than_k_at_risk() {
    let table = PromotionTable::from_records(&records());
    let report = audit_table(&table, &config());
    let onsite = report
        .group(WorkMode::Onsite)
        .expect("eight onsite people are a released group");
    // At six months only three onsite people are still at risk (the two promoted at 6
    // and 9, and the one waiting): a figure read there describes fewer than five.
    assert_eq!(
        onsite.median_months_to_promotion, None,
        "the published median is the promotion time of one of three people at risk"
    );
    for c in report.comparisons() {
        if c.work_mode == WorkMode::Onsite {
            assert_eq!(c.median_months_to_promotion, None);
        }
    }
}
