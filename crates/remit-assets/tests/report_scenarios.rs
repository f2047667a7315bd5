//! Hand-built scenarios for kit coverage, retrieval, forecasts and the report.

use chrono::NaiveDate;
use remit_assets::forecast::{
    CostError, Quarter, audits_overdue, cost_per_employee, replacement_budget,
};
use remit_assets::kit::kit_coverage;
use remit_assets::retrieval::{Stage, recovery_by_country, retrievals};
use remit_assets::*;
use remit_core::AuditExt as _;
use remit_core::privacy::{Disclosed, DisclosureGuard, MinGroupSize};
use remit_core::*;
use rust_decimal::Decimal;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn eur(n: i64) -> Money {
    Money::new(Decimal::from(n), Currency::new("EUR").unwrap())
}

fn person(id: &str, mode: WorkMode, left: Option<NaiveDate>) -> Employee {
    let mut b = Employee::builder(EmployeeId::from_external(id))
        .work_mode(mode)
        .country(CountryCode::new("PT").unwrap())
        .time_zone(chrono_tz::Europe::Lisbon)
        .level(JobLevel::new(2))
        .department(Department::new("Support").unwrap())
        .hired_on(d(2022, 1, 10));
    if let Some(l) = left {
        b = b.left_on(l);
    }
    b.build().unwrap()
}

fn asset(tag: &str, category: Category, bought: NaiveDate, life: u32) -> Asset {
    Asset::builder(AssetTag::new(tag).unwrap(), category)
        .purchased(bought, eur(1200))
        .useful_life_months(life)
        .warranty_months(12)
        .build()
        .unwrap()
}

fn key(s: &str) -> EventId {
    EventId::from_external(s)
}

/// Deploys one asset of each category in `kit` to `who` on `on`.
fn deploy(tag_prefix: &str, who: EmployeeId, kit: &[Category], on: NaiveDate) -> Vec<TrackedAsset> {
    kit.iter()
        .map(|c| {
            let mut a = TrackedAsset::ordered(asset(&format!("{tag_prefix}-{c}"), *c, on, 36));
            a.execute(key(&format!("{tag_prefix}-{c}-r")), &Command::Receive, on)
                .unwrap();
            a.execute(
                key(&format!("{tag_prefix}-{c}-a")),
                &Command::Assign { employee: who },
                on,
            )
            .unwrap();
            a
        })
        .collect()
}

const HOME: [Category; 6] = [
    Category::Laptop,
    Category::Monitor,
    Category::Headset,
    Category::Webcam,
    Category::ErgonomicChair,
    Category::Desk,
];

#[test]
fn kit_gaps_are_found_and_priced() {
    let remote = person("R1", WorkMode::Remote, None);
    let onsite = person("O1", WorkMode::Onsite, None);
    let roster = Roster::new(vec![remote.clone(), onsite.clone()]).unwrap();
    let mut assets = deploy("R1", remote.id(), &HOME[..4], d(2025, 1, 6)); // no chair, no desk
    assets.extend(deploy(
        "O1",
        onsite.id(),
        &[Category::Laptop, Category::Headset],
        d(2025, 1, 6),
    ));
    let prices = KitPrices::new()
        .with(Category::ErgonomicChair, eur(450))
        .and_then(|p| p.with(Category::Desk, eur(300)))
        .unwrap();
    let cov = kit_coverage(&roster, &assets, &StandardKit, &prices, d(2025, 6, 1)).unwrap();
    assert_eq!(cov.gaps.len(), 1);
    assert_eq!(cov.gaps[0].employee, remote.id());
    assert_eq!(
        cov.gaps[0].missing,
        KitList::of(&[Category::ErgonomicChair, Category::Desk])
    );
    assert_eq!(cov.required_items, 8);
    assert_eq!(cov.held_items, 6);
    assert_eq!(
        cov.cost_to_close.values().copied().collect::<Vec<_>>(),
        vec![eur(750)]
    );
}

#[test]
fn retrieval_lifecycle_stages_and_recovery() {
    let leaver = person("L1", WorkMode::Remote, Some(d(2025, 3, 1)));
    let roster = Roster::new(vec![leaver.clone()]).unwrap();
    let mut assets = deploy(
        "L1",
        leaver.id(),
        &[Category::Laptop, Category::Monitor],
        d(2024, 1, 6),
    );
    // The laptop comes back late (day 40); the monitor never does.
    let back = Shipment::new(Destination::Depot, "DHL", "RET1").unwrap();
    assets[0]
        .execute(
            key("ship-back"),
            &Command::Ship(Box::new(back)),
            d(2025, 4, 5),
        )
        .unwrap();
    assets[0]
        .execute(key("recv"), &Command::Receive, d(2025, 4, 10))
        .unwrap();
    let policy = RetrievalPolicy::default();
    let cases = retrievals(&roster, &assets, &policy, d(2025, 5, 1));
    assert_eq!(cases.len(), 2);
    let laptop = cases
        .iter()
        .find(|c| c.asset == assets[0].asset().id())
        .unwrap();
    assert_eq!(
        laptop.outcome,
        Some(Outcome::Returned { on: d(2025, 4, 10) })
    );
    assert!(laptop.returned_late());
    let monitor = cases
        .iter()
        .find(|c| c.asset == assets[1].asset().id())
        .unwrap();
    assert_eq!(monitor.due_on, d(2025, 3, 31));
    assert!(monitor.is_overdue(d(2025, 5, 1)));
    assert_eq!(
        monitor.stage(&policy, d(2025, 3, 5)),
        Stage::Reminded { sent: 1 }
    );
    assert_eq!(monitor.stage(&policy, d(2025, 3, 11)), Stage::Escalated);
    assert_eq!(
        monitor.stage(&policy, d(2025, 4, 2)),
        Stage::Overdue { days_late: 2 }
    );
    // One leaver: the country's rate is suppressed by the guard; with a minimum of 1 it is 50%.
    let rec = recovery_by_country(&cases, &DisclosureGuard::default(), d(2025, 5, 1)).unwrap();
    assert!(rec[0].recovery_rate.is_suppressed());
    let open = DisclosureGuard::new(MinGroupSize::new(1).unwrap());
    let rec = recovery_by_country(&cases, &open, d(2025, 5, 1)).unwrap();
    assert_eq!(rec[0].recovery_rate, Disclosed::Published(0.5));
}

#[test]
fn report_flags_planted_problems() {
    let remote = person("R1", WorkMode::Remote, None);
    let leaver = person("L1", WorkMode::Hybrid, Some(d(2025, 2, 1)));
    let roster = Roster::new(vec![remote.clone(), leaver.clone()]).unwrap();
    let mut assets = deploy("R1", remote.id(), &HOME[..5], d(2025, 1, 6)); // no desk
    assets.extend(deploy("L1", leaver.id(), &HOME, d(2023, 1, 6)));
    // A laptop retired without sanitisation, imported from another system.
    let mut old = TrackedAsset::ordered(asset("OLD-1", Category::Laptop, d(2021, 1, 1), 36));
    let p = remote.id();
    for (i, change) in [
        Change::Received,
        Change::Assigned { employee: p },
        Change::CheckedIn,
        Change::Retired {
            disposition: Disposition::Sold,
        },
    ]
    .into_iter()
    .enumerate()
    {
        old.append(Envelope::new(
            i as u64 + 1,
            key(&format!("old{i}")),
            Event::new(d(2021, 1, 2), change),
        ))
        .unwrap();
    }
    assets.push(old);
    let config = ReportConfig::new(d(2025, 6, 1)).horizon_months(12);
    let report = AssetReport::build(&roster, &assets, &config).unwrap();
    let codes: Vec<String> = report
        .findings()
        .iter()
        .map(|f| f.code().to_string())
        .collect();
    assert_eq!(codes[0], "ASSET-RETIRED-UNSANITISED", "{codes:?}");
    assert!(codes.contains(&"ASSET-KIT-GAP".to_string()));
    assert!(codes.contains(&"ASSET-RETRIEVAL-OVERDUE".to_string()));
    assert!(codes.contains(&"ASSET-AUDIT-OVERDUE".to_string()));
    assert_eq!(report.retired_unsanitised()[0].as_str(), "OLD-1");
    assert_eq!(report.overdue_retrievals().count(), 6);
    let gap = report
        .findings()
        .iter()
        .find(|f| f.code().as_str() == "ASSET-KIT-GAP")
        .unwrap();
    assert_eq!(gap.cohort().get("work_mode"), Some("remote"));
    assert_eq!(
        gap.affected(),
        None,
        "one person is below the minimum group size"
    );
    assert!(report.health().score().is_some_and(|s| s < 60));
    // The leaver's 2023 kit reaches end of life in January 2026: budget in 2026 Q1.
    let budget = replacement_budget(&assets, d(2025, 6, 1), 12).unwrap();
    assert_eq!(
        budget[0].quarter,
        Quarter {
            year: 2026,
            quarter: 1
        }
    );
    assert_eq!(budget[0].amount, eur(1200 * 6));
    assert_eq!(audits_overdue(&assets, 12, d(2025, 6, 1)).len(), 6);
}

#[test]
fn clean_fleet_is_healthy() {
    let remote = person("R1", WorkMode::Remote, None);
    let roster = Roster::new(vec![remote.clone()]).unwrap();
    let assets = deploy("R1", remote.id(), &HOME, d(2025, 1, 6));
    let report = AssetReport::build(&roster, &assets, &ReportConfig::new(d(2025, 6, 1))).unwrap();
    assert!(report.findings().is_empty(), "{:?}", report.findings());
    assert_eq!(report.health().score(), Some(100));
}

#[test]
fn cost_per_employee_by_work_mode() {
    let people: Vec<Employee> = (0..5)
        .map(|i| person(&format!("R{i}"), WorkMode::Remote, None))
        .chain((0..5).map(|i| person(&format!("O{i}"), WorkMode::Onsite, None)))
        .collect();
    let roster = Roster::new(people.clone()).unwrap();
    let mut assets = Vec::new();
    for p in &people {
        let kit: &[Category] = if p.work_mode() == WorkMode::Remote {
            &HOME
        } else {
            &HOME[..1]
        };
        assets.extend(deploy(&p.id().to_string(), p.id(), kit, d(2025, 1, 6)));
    }
    let rows = cost_per_employee(
        &roster,
        &assets,
        Currency::new("EUR").unwrap(),
        &[],
        &DisclosureGuard::default(),
        d(2025, 6, 1),
    )
    .unwrap();
    // 1200 over 36 months = 400 a year per item.
    let get = |m: WorkMode| rows.iter().find(|r| r.work_mode == m).unwrap().per_employee;
    assert_eq!(get(WorkMode::Remote), Disclosed::Published(eur(2400)));
    assert_eq!(get(WorkMode::Onsite), Disclosed::Published(eur(400)));
    let usd = Currency::new("USD").unwrap();
    assert!(matches!(
        cost_per_employee(
            &roster,
            &assets,
            usd,
            &[],
            &DisclosureGuard::default(),
            d(2025, 6, 1)
        ),
        Err(CostError::MissingRate { from, to, ref tag })
            if to == usd
                && from == Currency::new("EUR").unwrap()
                && assets.iter().any(|a| a.asset().tag() == tag)
    ));
}

mod no_panic {
    use super::*;
    use proptest::prelude::*;

    fn change(k: u8, e: EmployeeId, on: NaiveDate) -> Change {
        match k % 12 {
            0 => Change::Received,
            1 => Change::Assigned { employee: e },
            2 => Change::CheckedIn,
            3 => Change::Shipped(Box::new(
                Shipment::new(Destination::Employee(e), "UPS", "T")
                    .unwrap()
                    .with_cost(eur(20))
                    .unwrap(),
            )),
            4 => Change::Delivered,
            5 => Change::ReturnRequested {
                due: on,
                reason: ReturnReason::Offboarding,
            },
            6 => Change::Retired {
                disposition: Disposition::GiftedToEmployee { employee: e },
            },
            7 => Change::ReportedMissing {
                reason: MissingReason::Lost,
            },
            8 => Change::Audited,
            9 => Change::RepairCompleted {
                cost: Some(eur(90)),
            },
            10 => Change::Retired {
                disposition: Disposition::Recycled,
            },
            _ => Change::Recovered,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any history and any roster: every analysis and the report run without panicking.
        #[test]
        fn analyses_never_panic(
            people in prop::collection::vec((any::<bool>(), 0u8..3, 0u32..900), 1..8),
            histories in prop::collection::vec((0u8..12, prop::collection::vec((any::<u8>(), 0u8..8, 0u32..30), 0..12)), 0..10),
            as_of_days in 0u32..1500,
        ) {
            let base = d(2022, 1, 1);
            let roster_people: Vec<Employee> = people.iter().enumerate().map(|(i, (leaves, mode, left))| {
                let mode = WorkMode::ALL[usize::from(*mode)];
                person(&format!("P{i}"), mode, leaves.then(|| base + chrono::Days::new(u64::from(*left) + 30)))
            }).collect();
            let roster = Roster::new(roster_people.clone()).unwrap();
            let mut assets = Vec::new();
            for (i, (cat, events)) in histories.iter().enumerate() {
                let category = Category::ALL[usize::from(*cat)];
                let mut a = TrackedAsset::ordered(asset(&format!("A{i}"), category, base, 24));
                let mut on = base;
                for (j, (k, who, gap)) in events.iter().enumerate() {
                    on = on + chrono::Days::new(u64::from(*gap));
                    let e = roster_people[usize::from(*who) % roster_people.len()].id();
                    let _ = a.append(Envelope::new(j as u64 + 1, key(&format!("{i}-{j}")), Event::new(on, change(*k, e, on))));
                }
                assets.push(a);
            }
            let as_of = base + chrono::Days::new(u64::from(as_of_days));
            let report = AssetReport::build(&roster, &assets, &ReportConfig::new(as_of).horizon_months(24)).unwrap();
            prop_assert!(report.health().score().is_some());
            let _ = cost_per_employee(&roster, &assets, Currency::new("EUR").unwrap(), &[], &DisclosureGuard::default(), as_of).unwrap();
        }
    }
}
