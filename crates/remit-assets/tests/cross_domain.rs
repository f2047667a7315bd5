//! The equipment report across domains: the missing-chair group it offers, the metric it
//! compares for other domains' groups, and its kit-coverage chart.

use chrono::NaiveDate;
use remit_assets::report::{COMPLETE_KIT_METRIC, KIT_COVERAGE_CHART, MISSING_CHAIR_GROUP};
use remit_assets::*;
use remit_core::chart::ChartKind;
use remit_core::privacy::Disclosed;
use remit_core::*;
use remit_synth::assets::{AssetSynthConfig, SynthFleet, asset_fleet};
use remit_synth::{Organisation, SynthConfig, generate};
use rust_decimal::Decimal;

fn audit(
    employees: usize,
    seed: u64,
    config: &AssetSynthConfig,
) -> (Organisation, SynthFleet, AssetReport) {
    let org = generate(&SynthConfig::new(employees, seed)).unwrap();
    let fleet = asset_fleet(&org, config).unwrap();
    let report = AssetReport::build(org.roster(), &fleet, &ReportConfig::new(org.as_of())).unwrap();
    (org, fleet, report)
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
    let (_, fleet, report) = audit(3_000, 11, &config);
    let planted = sorted(fleet.truth().missing_chair());
    assert!(planted.len() > 20, "{}", planted.len());
    let groups = report.groups();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].key(), MISSING_CHAIR_GROUP);
    assert!(groups[0].label().contains("ergonomic chair"));
    assert_eq!(groups[0].members(), planted.as_slice());
    assert_eq!(sorted(report.missing_ergonomic_chair()), planted);
}

#[test]
fn a_clean_fleet_offers_no_group_and_full_bars() {
    let (_, _, report) = audit(2_000, 5, &AssetSynthConfig::clean());
    assert!(report.groups().is_empty());
    let charts = report.charts();
    assert_eq!(charts.len(), 1);
    for p in charts[0].series()[0].points() {
        assert_eq!(p.y(), 1.0, "{}", p.label());
    }
}

#[test]
fn the_kit_chart_has_one_bar_per_work_mode_with_the_kit_shares() {
    let (_, _, report) = audit(3_000, 11, &AssetSynthConfig::default());
    let charts = report.charts();
    assert_eq!(charts.len(), 1);
    let chart = &charts[0];
    assert_eq!(chart.key(), KIT_COVERAGE_CHART);
    assert_eq!(chart.kind(), ChartKind::Bar);
    assert_eq!(chart.series().len(), 1);
    let points = chart.series()[0].points();
    let kit = report.kit();
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
    let remote = got
        .iter()
        .find(|(l, _)| l == WorkMode::Remote.label())
        .unwrap()
        .1;
    assert!(remote < 0.95, "{remote}");
    let onsite = got
        .iter()
        .find(|(l, _)| l == WorkMode::Onsite.label())
        .unwrap()
        .1;
    assert_eq!(onsite, 1.0);
}

#[test]
fn compare_group_measures_kit_coverage_and_respects_the_minimum_group_size() {
    let (org, fleet, report) = audit(3_000, 11, &AssetSynthConfig::default());
    let planted = fleet.truth().missing_chair().to_vec();
    assert!(planted.len() >= 10);
    // Another domain's group that happens to be the people without chairs: none of them
    // has a complete kit, while nearly everyone else has.
    let group = EmployeeGroup::new(
        "wellbeing.high-burnout",
        "staff in the high burnout band",
        planted.clone(),
    );
    let c = report
        .compare_group(
            &group,
            &mut remit_core::disclosure::Disclosure::new(
                remit_core::disclosure::DisclosurePolicy::default(),
            ),
        )
        .unwrap();
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

    // A group of 3: below the minimum of 5, so its count and share are suppressed, and
    // so is everyone else's (the group could be recovered from the total).
    let small = EmployeeGroup::new("collab-tools.far", "far staff", planted[..3].to_vec());
    let c = report
        .compare_group(
            &small,
            &mut remit_core::disclosure::Disclosure::new(
                remit_core::disclosure::DisclosurePolicy::default(),
            ),
        )
        .unwrap();
    assert_eq!(c.len(), 1);
    assert!(c[0].in_group_n().is_suppressed());
    assert!(c[0].in_group().is_suppressed());
    assert!(c[0].rest_n().is_suppressed());
    assert!(c[0].rest().is_suppressed());
    // Exactly the minimum is published.
    let five = EmployeeGroup::new("collab-tools.far", "far staff", planted[..5].to_vec());
    assert_eq!(
        report
            .compare_group(
                &five,
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default()
                )
            )
            .unwrap()[0]
            .in_group(),
        Disclosed::Published(0.0)
    );

    // Nobody observed, or the domain's own group: nothing to compare.
    let strangers = EmployeeGroup::new(
        "x.y",
        "strangers",
        vec![EmployeeId::from_external("nobody")],
    );
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
    assert!(
        report
            .compare_group(
                &report.groups()[0],
                &mut remit_core::disclosure::Disclosure::new(
                    remit_core::disclosure::DisclosurePolicy::default()
                )
            )
            .unwrap()
            .is_empty()
    );
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn a_work_mode_with_a_small_cell_gets_no_bar() {
    // Ten remote staff with their full kit, three of them without a chair; six onsite
    // staff with theirs. Three lacking remote staff is below the minimum of 5.
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
    for i in 0..16 {
        let mode = if i < 10 {
            WorkMode::Remote
        } else {
            WorkMode::Onsite
        };
        let e = person(&format!("E{i}"), mode);
        let kit = StandardKit.required_for(mode);
        for c in kit.iter() {
            if i < 3 && c == Category::ErgonomicChair {
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
    let roster = Roster::new(people).unwrap();
    let report = AssetReport::build(&roster, &assets, &ReportConfig::new(d(2025, 6, 30))).unwrap();
    assert_eq!(report.kit().lacking[WorkMode::Remote.index()], 3);
    assert_eq!(report.groups()[0].len(), 3);
    let charts = report.charts();
    let labels: Vec<&str> = charts
        .iter()
        .flat_map(|c| c.series()[0].points().iter().map(|p| p.label()))
        .collect();
    assert!(!labels.contains(&WorkMode::Remote.label()), "{labels:?}");
}
