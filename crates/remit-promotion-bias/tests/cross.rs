//! The scorecard side of the report: charts (promotion rate by work mode with
//! confidence intervals, Kaplan–Meier curves) and `compare_group` for another domain's
//! group — planted differences are recovered, random groups show none, small groups and
//! groups that would reveal a small one are withheld by the engine.

mod support;

use remit_core::chart::ChartKind;
use remit_core::disclosure::{Disclosed, DisclosureError, Suppression};
use remit_core::{Audit, EmployeeGroup, EmployeeId, WorkMode};
use remit_promotion_bias::{
    Inputs, PromotionReport, PromotionTable, RATE_CHART, TIME_TO_PROMOTION_CHART, audit,
};
use remit_synth::promotion::PromotionSynthConfig;
use support::{audit_records, config, engine, record, synthetic};

fn planted(employees: usize, seed: u64, remote_or: f64) -> PromotionTable {
    let config = PromotionSynthConfig::default()
        .odds_ratio(WorkMode::Remote, remote_or)
        .unwrap();
    synthetic(employees, seed, &config)
}

fn members(table: &PromotionTable, keep: impl Fn(usize) -> bool) -> Vec<EmployeeId> {
    (0..table.len())
        .filter(|&i| keep(i))
        .map(|i| table.employees()[i])
        .collect()
}

#[test]
fn rate_chart_shows_the_planted_remote_penalty_with_intervals() {
    let table = planted(20_000, 5, 0.5);
    let report = audit(&Inputs::from_table(&table), &config(), &mut engine()).unwrap();
    let charts = report.charts();
    let rates = charts.iter().find(|c| c.key() == RATE_CHART).unwrap();
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
        .find(|c| c.key() == TIME_TO_PROMOTION_CHART)
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
    let table = planted(20_000, 8, 0.5);
    let mut disclosure = engine();
    let report = audit(&Inputs::from_table(&table), &config(), &mut disclosure).unwrap();
    let remote = EmployeeGroup::new(
        "test.remote",
        "remote staff",
        members(&table, |i| table.work_modes()[i] == WorkMode::Remote),
    );
    let c = report.compare_group(&remote, &mut disclosure).unwrap();
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

    // Groups drawn without regard to promotion, each asked of its own fresh engine (one
    // engine would rightly refuse most of twenty overlapping random groups): at alpha
    // 0.05, few false alarms.
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
        let mut fresh = engine();
        let report = audit(&Inputs::from_table(&table), &config(), &mut fresh).unwrap();
        let c = &report.compare_group(&group, &mut fresh).unwrap()[0];
        let p = c.p_value().expect("a random fifth of 20 000 is published");
        assert!((0.0..=1.0).contains(&p));
        if p < 0.05 {
            alarms += 1;
        }
    }
    assert!(alarms <= 4, "{alarms} of 20 random groups significant");

    // Nobody in the group is in the pool: nothing to compare.
    let strangers = EmployeeGroup::new("test.none", "nobody", vec![EmployeeId::from_external("x")]);
    assert!(
        report
            .compare_group(&strangers, &mut disclosure)
            .unwrap()
            .is_empty()
    );
    // Everyone: no rest to compare with, so no comparison (not a rate of an empty rest).
    let everyone = EmployeeGroup::new("test.all", "everyone", table.employees().to_vec());
    assert!(
        report
            .compare_group(&everyone, &mut disclosure)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn another_engine_cannot_answer_for_the_report() {
    let records: Vec<_> = (0..400u32)
        .map(|i| record(i, WorkMode::ALL[(i % 2) as usize], i % 3 == 0))
        .collect();
    let report = audit_records(&records);
    let group = EmployeeGroup::new(
        "test.g",
        "g",
        records.iter().take(40).map(|r| r.employee()).collect(),
    );
    let err = report.compare_group(&group, &mut engine()).unwrap_err();
    assert!(
        matches!(err, DisclosureError::UnknownPopulation { ref population } if population == "promotion-bias/pool"),
        "{err}"
    );
}

fn three_hybrid() -> (Vec<remit_promotion_bias::PromotionRecord>, PromotionTable) {
    // 300 onsite, 200 remote, 3 hybrid (below the minimum of 5).
    let records: Vec<_> = (0..503u32)
        .map(|i| {
            let mode = match i {
                0..300 => WorkMode::Onsite,
                300..500 => WorkMode::Remote,
                _ => WorkMode::Hybrid,
            };
            record(i, mode, i % 4 == 0)
        })
        .collect();
    let table = PromotionTable::from_records(&records);
    (records, table)
}

#[test]
fn small_groups_are_withheld_from_charts_and_comparisons() {
    let (records, table) = three_hybrid();
    let mut disclosure = engine();
    let report: PromotionReport =
        audit(&Inputs::from_table(&table), &config(), &mut disclosure).unwrap();
    let withheld: Vec<(WorkMode, Suppression)> = report
        .withheld_groups()
        .iter()
        .map(|w| (w.work_mode, w.reason))
        .collect();
    assert_eq!(withheld, [(WorkMode::Hybrid, Suppression::BelowMinimum)]);
    assert_eq!(report.n(), 500);
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
    // A group of three is withheld, and so is the rest; no p-value is published.
    let three = EmployeeGroup::new(
        "test.three",
        "three people",
        records.iter().take(3).map(|r| r.employee()).collect(),
    );
    let c = &report.compare_group(&three, &mut disclosure).unwrap()[0];
    assert_eq!(
        c.in_group_n(),
        Disclosed::Suppressed(Suppression::BelowMinimum)
    );
    assert!(c.rest_n().is_suppressed() && c.in_group().is_suppressed() && c.rest().is_suppressed());
    assert_eq!(c.p_value(), None);
    // The three hybrid staff themselves: withheld too.
    let hybrid = EmployeeGroup::new(
        "test.hybrid",
        "hybrid",
        records[500..].iter().map(|r| r.employee()).collect(),
    );
    let c = &report.compare_group(&hybrid, &mut disclosure).unwrap()[0];
    assert_eq!(
        c.in_group(),
        Disclosed::Suppressed(Suppression::BelowMinimum)
    );
    // Fifty onsite staff are published with their rate; everyone else is not, since
    // the rest minus the published onsite and remote groups would be the three hybrid
    // staff.
    let fifty = EmployeeGroup::new(
        "test.fifty",
        "fifty people",
        records.iter().take(50).map(|r| r.employee()).collect(),
    );
    let c = &report.compare_group(&fifty, &mut disclosure).unwrap()[0];
    assert_eq!(c.in_group_n(), Disclosed::Published(50));
    assert_eq!(c.in_group(), Disclosed::Published(13.0 / 50.0));
    assert_eq!(
        c.rest_n(),
        Disclosed::Suppressed(Suppression::Complementary)
    );
    assert_eq!(c.p_value(), None);
}

#[cfg(feature = "serde")]
#[test]
fn a_serialised_report_carries_no_per_person_data() {
    let (_, table) = three_hybrid();
    let report = audit(&Inputs::from_table(&table), &config(), &mut engine()).unwrap();
    let json = serde_json::to_value(&report).unwrap();
    assert!(json.get("outcomes").is_none());
    assert_eq!(json["n"], 500);
    assert_eq!(json["withheld_groups"][0]["work_mode"], "hybrid");
    assert_eq!(json["charts"].as_array().unwrap().len(), 2);
    // Nothing in it names a person.
    let text = json.to_string();
    for id in table.employees() {
        assert!(!text.contains(&id.to_string()));
    }
}
