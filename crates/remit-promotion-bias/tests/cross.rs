//! The scorecard side of the report: charts (promotion rate by work mode with
//! confidence intervals, Kaplan–Meier curves) and `compare_group` for another domain's
//! group — planted differences are recovered, random groups show none, small groups are
//! withheld.

use remit_core::chart::ChartKind;
use remit_core::privacy::Disclosed;
use remit_core::{Audit, Department, EmployeeGroup, EmployeeId, JobLevel, WorkMode};
use remit_promotion_bias::{
    AnalysisConfig, PromotionRecord, PromotionReport, PromotionTable, analyse, analyse_table,
};
use remit_synth::promotion::{PromotionSynthConfig, promotion_history};
use remit_synth::{SynthConfig, generate};

fn planted(employees: usize, seed: u64, remote_or: f64) -> (PromotionTable, PromotionReport) {
    let org = generate(&SynthConfig::new(employees, seed)).unwrap();
    let config = PromotionSynthConfig::default()
        .odds_ratio(WorkMode::Remote, remote_or)
        .unwrap();
    let table = promotion_history(&org, &config).unwrap().into_table();
    let report = analyse_table(&table, &AnalysisConfig::default()).unwrap();
    (table, report)
}

fn members(table: &PromotionTable, keep: impl Fn(usize) -> bool) -> Vec<EmployeeId> {
    (0..table.len())
        .filter(|&i| keep(i))
        .map(|i| table.employees()[i])
        .collect()
}

#[test]
fn rate_chart_shows_the_planted_remote_penalty_with_intervals() {
    let (_, report) = planted(20_000, 5, 0.5);
    let charts = report.charts();
    let rates = charts
        .iter()
        .find(|c| c.key() == "promotion-rates")
        .unwrap();
    assert_eq!(rates.kind(), ChartKind::Bar);
    let points = rates.series()[0].points();
    let point = |mode: &str| points.iter().find(|p| p.label() == mode).unwrap();
    let (onsite, remote) = (point("onsite"), point("remote"));
    assert!(
        remote.y() < 0.85 * onsite.y(),
        "{} vs {}",
        remote.y(),
        onsite.y()
    );
    for p in points {
        let (low, high) = p.interval().unwrap();
        assert!(low < p.y() && p.y() < high && high - low < 0.05);
    }
    // The intervals of the planted gap do not overlap.
    assert!(remote.interval().unwrap().1 < onsite.interval().unwrap().0);
    let (_, line) = rates.reference_line().unwrap();
    assert!((line - 0.8 * onsite.y()).abs() < 1e-12);

    let km = charts
        .iter()
        .find(|c| c.key() == "time-to-promotion")
        .unwrap();
    assert_eq!(km.kind(), ChartKind::Step);
    assert_eq!(km.series().len(), report.groups().len());
    let last = |mode: &str| {
        let s = km.series().iter().find(|s| s.name() == mode).unwrap();
        assert_eq!((s.points()[0].x(), s.points()[0].y()), (0.0, 1.0));
        assert!(s.points().windows(2).all(|w| w[1].y() <= w[0].y()));
        s.points().last().unwrap().y()
    };
    // Fewer remote staff promoted by the end: more of them not yet promoted.
    assert!(last("remote") > last("onsite"));
}

#[test]
fn compare_group_recovers_a_planted_gap_and_finds_none_in_random_groups() {
    let (table, report) = planted(20_000, 8, 0.5);
    let remote = EmployeeGroup::new(
        "test.remote",
        "remote staff",
        members(&table, |i| table.work_modes()[i] == WorkMode::Remote),
    );
    let c = report
        .compare_group(
            &remote,
            &mut remit_core::disclosure::Disclosure::new(
                remit_core::disclosure::DisclosurePolicy::default(),
            ),
        )
        .unwrap();
    assert_eq!(c.len(), 1);
    let c = &c[0];
    assert_eq!(c.metric(), "promotion rate");
    let (inside, rest) = (
        c.in_group().published().unwrap(),
        c.rest().published().unwrap(),
    );
    assert!(inside < 0.8 * rest, "{inside} vs {rest}");
    assert!(c.p_value().unwrap() < 1e-6);
    let n_in = c.in_group_n().published().unwrap();
    assert_eq!(n_in, report.group(WorkMode::Remote).unwrap().n);
    assert_eq!(n_in + c.rest_n().published().unwrap(), report.n());

    // Groups drawn without regard to promotion: at alpha 0.05, few false alarms.
    let mut alarms = 0;
    for k in 0..20u64 {
        let group = EmployeeGroup::new(
            "test.random",
            "a random fifth",
            members(&table, |i| {
                let b = table.employees()[i].as_uuid().as_u128();
                (b.rotate_left(k as u32 * 7) % 5) as u64 == k % 5
            }),
        );
        let c = &report
            .compare_group(
                &group,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default(),
                ),
            )
            .unwrap()[0];
        let p = c.p_value().unwrap();
        assert!((0.0..=1.0).contains(&p));
        if p < 0.05 {
            alarms += 1;
        }
    }
    assert!(alarms <= 4, "{alarms} of 20 random groups significant");

    // Nobody in the group was analysed: nothing to compare.
    let strangers = EmployeeGroup::new("test.none", "nobody", vec![EmployeeId::from_external("x")]);
    assert!(
        report
            .compare_group(
                &strangers,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default()
                )
            )
            .unwrap()
            .is_empty()
    );
}

fn record(i: u32, mode: WorkMode, promoted: bool) -> PromotionRecord {
    PromotionRecord::builder(EmployeeId::from_external(&format!("E-{i}")))
        .work_mode(mode)
        .level(JobLevel::new(1 + (i % 3) as u8))
        .department(Department::new("Ops").unwrap())
        .performance(f64::from(1 + i % 5))
        .tenure_months(f64::from(i % 40))
        .promoted(promoted)
        .months_to_event(if promoted {
            1.0 + f64::from(i % 11)
        } else {
            12.0
        })
        .build()
        .unwrap()
}

#[test]
fn small_groups_are_withheld_from_charts_and_comparisons() {
    // 300 onsite, 200 remote, 3 hybrid (below the minimum of 5).
    let mut records = Vec::new();
    for i in 0..503u32 {
        let mode = match i {
            0..300 => WorkMode::Onsite,
            300..500 => WorkMode::Remote,
            _ => WorkMode::Hybrid,
        };
        records.push(record(i, mode, i % 4 == 0));
    }
    let report = analyse(&records, &AnalysisConfig::default()).unwrap();
    assert_eq!(report.suppressed_groups(), &[WorkMode::Hybrid]);
    for chart in report.charts() {
        let drawn: Vec<&str> = match chart.kind() {
            ChartKind::Bar => chart.series()[0]
                .points()
                .iter()
                .map(|p| p.label())
                .collect(),
            _ => chart.series().iter().map(|s| s.name()).collect(),
        };
        assert_eq!(drawn, vec!["onsite", "remote"], "{}", chart.key());
    }
    // A group of three is withheld, and so is the rest (it would give the group away
    // by subtraction); no p-value is published.
    let three = EmployeeGroup::new(
        "test.three",
        "three people",
        records.iter().take(3).map(|r| r.employee()).collect(),
    );
    let c = &report
        .compare_group(
            &three,
            &mut remit_core::disclosure::Disclosure::new(
                remit_core::disclosure::DisclosurePolicy::default(),
            ),
        )
        .unwrap()[0];
    assert!(c.in_group_n().is_suppressed() && c.rest_n().is_suppressed());
    assert!(c.in_group().is_suppressed() && c.rest().is_suppressed());
    assert_eq!(c.p_value(), None);
    // The suppressed hybrid staff are not analysed, so not counted either way.
    let hybrid = EmployeeGroup::new(
        "test.hybrid",
        "hybrid",
        records[500..].iter().map(|r| r.employee()).collect(),
    );
    assert!(
        report
            .compare_group(
                &hybrid,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default()
                )
            )
            .unwrap()
            .is_empty()
    );
    // A group of 50 is published with its rate.
    let fifty = EmployeeGroup::new(
        "test.fifty",
        "fifty people",
        records.iter().take(50).map(|r| r.employee()).collect(),
    );
    let c = &report
        .compare_group(
            &fifty,
            &mut remit_core::disclosure::Disclosure::new(
                remit_core::disclosure::DisclosurePolicy::default(),
            ),
        )
        .unwrap()[0];
    assert_eq!(c.in_group_n(), Disclosed::Published(50));
    assert_eq!(c.in_group(), Disclosed::Published(13.0 / 50.0));
    assert_eq!(c.rest_n(), Disclosed::Published(450));
}

#[cfg(feature = "serde")]
#[test]
fn a_deserialised_report_compares_no_groups_but_keeps_its_charts() {
    let mut records = Vec::new();
    for i in 0..400u32 {
        let mode = if i < 200 {
            WorkMode::Onsite
        } else {
            WorkMode::Remote
        };
        records.push(record(i, mode, i % 3 == 0));
    }
    let report = analyse(&records, &AnalysisConfig::default()).unwrap();
    let group = EmployeeGroup::new(
        "test.g",
        "g",
        records.iter().take(40).map(|r| r.employee()).collect(),
    );
    assert_eq!(
        report
            .compare_group(
                &group,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default()
                )
            )
            .unwrap()
            .len(),
        1
    );
    let back: PromotionReport =
        serde_json::from_str(&serde_json::to_string(&report).unwrap()).unwrap();
    assert!(
        back.compare_group(
            &group,
            &mut remit_core::disclosure::Disclosure::new(
                remit_core::disclosure::DisclosurePolicy::default()
            )
        )
        .unwrap()
        .is_empty()
    );
    let keys = |r: &PromotionReport| -> Vec<(String, usize)> {
        r.charts()
            .iter()
            .map(|c| (c.key().to_owned(), c.series().len()))
            .collect()
    };
    assert_eq!(keys(&back), keys(&report));
    assert_eq!(keys(&report).len(), 2);
}
