//! The equipment report across domains: the missing-chair group it offers, the metric it
//! compares for other domains' groups (through the disclosure engine), and its
//! kit-coverage chart.

use chrono::NaiveDate;
use remit_assets::kit::kit_coverage;
use remit_assets::*;
use remit_core::chart::{ChartKind, ValueScale};
use remit_core::disclosure::{
    Disclosed, Disclosure, DisclosureError, DisclosurePolicy, Suppression,
};
use remit_core::*;
use remit_synth::assets::{AssetSynthConfig, SynthFleet, asset_fleet};
use remit_synth::{Organisation, SynthConfig, generate};
use rust_decimal::Decimal;

fn engine() -> Disclosure {
    Disclosure::new(DisclosurePolicy::default())
}

fn run(
    employees: usize,
    seed: u64,
    config: &AssetSynthConfig,
) -> (Organisation, SynthFleet, AssetsReport, Disclosure) {
    let org = generate(&SynthConfig::new(employees, seed)).unwrap();
    let fleet = asset_fleet(&org, config).unwrap();
    let mut engine = engine();
    let report = audit(
        &Inputs::new(org.roster(), &fleet),
        &Config::new(org.as_of()),
        &mut engine,
    )
    .unwrap();
    (org, fleet, report, engine)
}

fn sorted(ids: &[EmployeeId]) -> Vec<EmployeeId> {
    let mut v = ids.to_vec();
    v.sort();
    v
}

#[test]
fn the_missing_chair_group_is_exactly_the_planted_people() {
    let config = AssetSynthConfig::default()
        .missing_chair_share(0.3)
        .unwrap();
    let (_, fleet, report, _) = run(3_000, 11, &config);
    let planted = sorted(fleet.truth().missing_chair());
    assert!(planted.len() > 20, "{}", planted.len());
    let groups = report.groups();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].key(), MISSING_CHAIR_GROUP);
    assert!(groups[0].label().contains("ergonomic chair"));
    assert_eq!(groups[0].members(), planted.as_slice());
    // Its size is published only as a released figure.
    let chairs = report.kit().unwrap().home_chairs.unwrap();
    assert_eq!(chairs.lacking, Disclosed::Published(planted.len() as u64));
}

#[test]
fn a_clean_fleet_offers_no_group_and_full_bars() {
    let (_, _, report, _) = run(2_000, 5, &AssetSynthConfig::clean());
    assert!(report.groups().is_empty());
    let charts = report.charts();
    assert_eq!(charts.len(), 1);
    for p in charts[0].series()[0].points() {
        assert_eq!(p.y(), 1.0, "{}", p.label());
    }
}

#[test]
fn the_kit_chart_has_one_bar_per_work_mode_with_the_kit_shares() {
    let (org, fleet, report, _) = run(3_000, 11, &AssetSynthConfig::default());
    let charts = report.charts();
    assert_eq!(charts.len(), 1);
    let chart = &charts[0];
    assert_eq!(chart.key(), KIT_COVERAGE_CHART);
    assert_eq!(chart.kind(), ChartKind::Bar);
    // The conventions every scorecard renders kit coverage with: shares on a 0-1 scale
    // against a line at everyone equipped.
    assert_eq!(chart.x_label(), "work mode");
    assert_eq!(chart.y_label(), "share with complete kit");
    assert_eq!(chart.value_scale(), ValueScale::Share);
    assert_eq!(chart.reference_line(), Some(("everyone equipped", 1.0)));
    assert_eq!(chart.series().len(), 1);
    let points = chart.series()[0].points();
    // The shares, recomputed from the operational list of gaps.
    let kit = kit_coverage(
        org.roster(),
        &fleet,
        &StandardKit,
        &KitPrices::new(),
        org.as_of(),
    )
    .unwrap();
    let expected: Vec<(String, f64)> = WorkMode::ALL
        .iter()
        .filter(|m| kit.headcount[m.index()] > 0)
        .map(|m| {
            let n = kit.headcount[m.index()];
            (
                m.label().to_owned(),
                (n - kit.lacking[m.index()]) as f64 / n as f64,
            )
        })
        .collect();
    let got: Vec<(String, f64)> = points
        .iter()
        .map(|p| (p.label().to_owned(), p.y()))
        .collect();
    assert_eq!(got, expected);
    // Remote staff are planted without chairs; onsite staff are fully equipped.
    let share = |mode: WorkMode| got.iter().find(|(l, _)| l == mode.label()).unwrap().1;
    assert!(
        share(WorkMode::Remote) < 0.95,
        "{}",
        share(WorkMode::Remote)
    );
    assert_eq!(share(WorkMode::Onsite), 1.0);
}

#[test]
fn compare_group_measures_kit_coverage_through_the_engine() {
    let (org, fleet, report, mut engine) = run(3_000, 11, &AssetSynthConfig::default());
    let planted = fleet.truth().missing_chair().to_vec();
    assert!(planted.len() >= 10);
    // Another domain's group that happens to be the people without chairs: none of them
    // has a complete kit, while nearly everyone else has.
    let group = EmployeeGroup::new(
        "wellbeing.high-burnout",
        "staff in the high burnout band",
        planted.clone(),
    );
    let c = report.compare_group(&group, &mut engine).unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].metric(), COMPLETE_KIT_METRIC);
    assert_eq!(c[0].in_group(), Disclosed::Published(0.0));
    assert_eq!(
        c[0].in_group_n(),
        Disclosed::Published(planted.len() as u64)
    );
    let rest = c[0].rest().published().unwrap();
    assert!(rest > 0.99, "{rest}");
    let active = org
        .roster()
        .employees()
        .filter(|e| e.is_active_on(org.as_of()))
        .count() as u64;
    assert_eq!(
        c[0].rest_n(),
        Disclosed::Published(active - planted.len() as u64)
    );
    // Fisher's exact test on 0 of n against nearly all of the rest.
    assert!(
        c[0].p_value().is_some_and(|p| p < 1e-12),
        "{:?}",
        c[0].p_value()
    );

    // A group of 3: below the minimum of 5, so both sides are withheld (the group could
    // be recovered from the total otherwise).
    let small = EmployeeGroup::new("collab-tools.far", "far staff", planted[..3].to_vec());
    let c = report.compare_group(&small, &mut engine).unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(
        c[0].in_group_n(),
        Disclosed::Suppressed(Suppression::BelowMinimum)
    );
    assert!(c[0].in_group().is_suppressed());
    assert!(c[0].rest_n().is_suppressed());
    assert!(c[0].rest().is_suppressed());
    assert_eq!(c[0].p_value(), None);

    // Nobody in the population, or the domain's own group: nothing to compare.
    let strangers = EmployeeGroup::new(
        "x.y",
        "strangers",
        vec![EmployeeId::from_external("nobody")],
    );
    assert!(
        report
            .compare_group(&strangers, &mut engine)
            .unwrap()
            .is_empty()
    );
    assert!(
        report
            .compare_group(&report.groups()[0], &mut engine)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn compare_group_refuses_to_leak_one_person_next_to_a_published_group() {
    let (_, fleet, report, mut engine) = run(3_000, 11, &AssetSynthConfig::default());
    let planted = fleet.truth().missing_chair().to_vec();
    let five = EmployeeGroup::new("collab-tools.far", "far staff", planted[..5].to_vec());
    let c = report.compare_group(&five, &mut engine).unwrap();
    assert_eq!(c[0].in_group(), Disclosed::Published(0.0));
    // The same group plus one person would give that person's value by difference.
    let six = EmployeeGroup::new("collab-tools.far2", "far staff", planted[..6].to_vec());
    let c = report.compare_group(&six, &mut engine).unwrap();
    assert_eq!(
        c[0].in_group(),
        Disclosed::Suppressed(Suppression::Complementary)
    );
    assert!(c[0].in_group_n().is_suppressed());
}

#[test]
fn compare_group_with_another_engine_is_an_error_not_an_empty_answer() {
    let (_, fleet, report, _) = run(1_000, 3, &AssetSynthConfig::default());
    let group = EmployeeGroup::new(
        "wellbeing.x",
        "some staff",
        fleet.truth().missing_chair().to_vec(),
    );
    let err = report.compare_group(&group, &mut engine()).unwrap_err();
    assert!(
        matches!(&err, DisclosureError::UnknownPopulation { population } if population == "assets/staff"),
        "{err:?}"
    );
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// `staff` people per work mode, each with their full standard kit except that the
/// first `chairless` remote staff have no chair.
fn small_org(
    remote: usize,
    hybrid: usize,
    onsite: usize,
    chairless: usize,
) -> (Roster, Vec<TrackedAsset>) {
    let person = |id: &str, mode: WorkMode| {
        Employee::builder(EmployeeId::from_external(id))
            .work_mode(mode)
            .country(CountryCode::new("PT").unwrap())
            .time_zone(chrono_tz::Europe::Lisbon)
            .level(JobLevel::new(2))
            .department(Department::new("Support").unwrap())
            .hired_on(d(2022, 1, 10))
            .build()
            .unwrap()
    };
    let mut people = Vec::new();
    let mut assets = Vec::new();
    let eur = Currency::new("EUR").unwrap();
    let modes = std::iter::repeat_n(WorkMode::Remote, remote)
        .chain(std::iter::repeat_n(WorkMode::Hybrid, hybrid))
        .chain(std::iter::repeat_n(WorkMode::Onsite, onsite));
    for (i, mode) in modes.enumerate() {
        let e = person(&format!("E{i}"), mode);
        for c in StandardKit.required_for(mode).iter() {
            if i < chairless && c == Category::ErgonomicChair {
                continue;
            }
            let tag = AssetTag::new(&format!("E{i}-{c}")).unwrap();
            let asset = Asset::builder(tag, c)
                .purchased(d(2025, 1, 6), Money::new(Decimal::from(100), eur))
                .useful_life_months(36)
                .build()
                .unwrap();
            let mut a = TrackedAsset::ordered(asset);
            a.execute(
                EventId::from_external(&format!("E{i}-{c}-r")),
                &Command::Receive,
                d(2025, 1, 6),
            )
            .unwrap();
            a.execute(
                EventId::from_external(&format!("E{i}-{c}-a")),
                &Command::Assign { employee: e.id() },
                d(2025, 1, 7),
            )
            .unwrap();
            assets.push(a);
        }
        people.push(e);
    }
    (Roster::new(people).unwrap(), assets)
}

#[test]
fn a_work_mode_the_engine_withholds_gets_no_bar_and_no_row_figures() {
    // Ten remote staff (three without a chair), three hybrid, six onsite. Hybrid is below
    // the minimum; onsite would give hybrid away as everyone − remote − onsite.
    let (roster, assets) = small_org(10, 3, 6, 3);
    let mut engine = engine();
    let report = audit(
        &Inputs::new(&roster, &assets),
        &Config::new(d(2025, 6, 30)),
        &mut engine,
    )
    .unwrap();
    let kit = report.kit().unwrap();
    let row = |m: WorkMode| kit.by_mode.iter().find(|r| r.work_mode == m).unwrap();
    assert_eq!(row(WorkMode::Remote).lacking, Disclosed::Published(3));
    assert_eq!(
        row(WorkMode::Hybrid).lacking,
        Disclosed::Suppressed(Suppression::BelowMinimum)
    );
    assert_eq!(
        row(WorkMode::Onsite).staff,
        Disclosed::Suppressed(Suppression::Complementary)
    );
    let labels: Vec<&str> = report
        .charts()
        .iter()
        .flat_map(|c| c.series()[0].points().iter().map(|p| p.label()))
        .collect();
    assert_eq!(labels, [WorkMode::Remote.label()]);
    // The finding's table shows the withheld rows as withheld, never their numbers.
    let gap = report
        .findings()
        .iter()
        .find(|f| f.code() == &codes::KIT_GAP)
        .unwrap();
    let rows = gap.table().unwrap().rows();
    assert_eq!(
        rows,
        [
            ["Onsite", "withheld", "withheld", "withheld"],
            ["Hybrid", "withheld", "withheld", "withheld"],
            ["Remote", "10", "3", "70.0%"],
        ]
    );
    // Remote is short, so the finding is high.
    assert_eq!(gap.severity(), Severity::High);
}
