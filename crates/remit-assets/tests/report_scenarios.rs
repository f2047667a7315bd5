//! Hand-built scenarios for kit coverage, retrieval, forecasts and the report.

use chrono::NaiveDate;
use remit_assets::forecast::{Quarter, audits_overdue, cost_per_employee, replacement_budget};
use remit_assets::kit::kit_coverage;
use remit_assets::retrieval::{Stage, retrievals};
use remit_assets::*;
use remit_core::AuditExt as _;
use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy, MinGroupSize, Suppression};
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

/// An engine that publishes groups of any size, for scenarios of one or two people.
fn open_engine() -> Disclosure {
    Disclosure::new(DisclosurePolicy::default().with_min_group(MinGroupSize::new(1).unwrap()))
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
    let cases = retrievals(&roster, &assets, &policy, d(2025, 5, 1)).unwrap();
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
    // One leaver: every retrieval figure is withheld under the default minimum of 5;
    // under a minimum of 1 the country recovered half of what was due.
    let inputs = Inputs::new(&roster, &assets);
    let config = Config::new(d(2025, 5, 1));
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let report = audit(&inputs, &config, &mut engine).unwrap();
    let figures = report.retrieval().unwrap();
    assert_eq!(
        figures.summary,
        Disclosed::Suppressed(Suppression::BelowMinimum)
    );
    assert_eq!(figures.by_country.len(), 1);
    assert!(figures.by_country[0].leavers.is_suppressed());
    assert_eq!(figures.by_country[0].recovery_rate(), None);
    assert!(
        report
            .findings()
            .iter()
            .all(|f| f.code() != &codes::RETRIEVAL_OVERDUE),
        "nothing about one leaver is published"
    );
    let report = audit(&inputs, &config, &mut open_engine()).unwrap();
    let figures = report.retrieval().unwrap();
    let pt = &figures.by_country[0];
    assert_eq!(pt.country, CountryCode::new("PT").unwrap());
    assert_eq!(
        (pt.leavers, pt.assets_due, pt.returned),
        (
            Disclosed::Published(1),
            Disclosed::Published(2),
            Disclosed::Published(1)
        )
    );
    assert_eq!(pt.recovery_rate(), Some(0.5));
    let Disclosed::Published(summary) = figures.summary else {
        panic!("published under a minimum of 1");
    };
    assert_eq!(
        (
            summary.leavers,
            summary.holding,
            summary.assets,
            summary.overdue,
            summary.returned_late
        ),
        (1, 1, 2, 1, 1)
    );
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
    let config = Config::new(d(2025, 6, 1)).with_horizon_months(12).unwrap();
    let inputs = Inputs::new(&roster, &assets);
    // Under the default minimum of 5, nothing about these two people is published, so
    // kit coverage cannot be judged: the report says so, and still lists the asset
    // facts.
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let guarded = audit(&inputs, &config, &mut engine).unwrap();
    assert!(
        matches!(guarded.coverage(), Coverage::NotMeasured { reason } if reason.contains("withheld"))
    );
    assert_eq!(guarded.health().score(), None);
    let guarded_codes: Vec<&str> = guarded
        .findings()
        .iter()
        .map(|f| f.code().as_str())
        .collect();
    assert_eq!(
        guarded_codes,
        [
            "ASSET-RETIRED-UNSANITISED",
            "ASSET-AUDIT-OVERDUE",
            "ASSET-WARRANTY-ENDING",
            "ASSET-EOL-UPCOMING"
        ]
    );
    assert!(guarded.groups().is_empty());
    let report = audit(&inputs, &config, &mut open_engine()).unwrap();
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
    let Disclosed::Published(summary) = report.retrieval().unwrap().summary else {
        panic!("published under a minimum of 1");
    };
    assert_eq!(summary.overdue, 6);
    let gap = report
        .findings()
        .iter()
        .find(|f| f.code().as_str() == "ASSET-KIT-GAP")
        .unwrap();
    assert_eq!(gap.affected(), Some(1));
    assert_eq!(gap.severity(), Severity::High);
    let table = gap.table().unwrap();
    assert_eq!(table.rows(), &[vec!["Remote", "1", "1", "0.0%"]]);
    assert!(
        gap.detail().contains("desk (1 of 1 who need one)"),
        "{}",
        gap.detail()
    );
    // A critical finding caps the health at 39.
    assert!(report.health().score().is_some_and(|s| s <= 39));
    // The leaver's 2023 kit reaches end of life in January 2026: budget in 2026 Q1.
    let budget = replacement_budget(&assets, d(2025, 6, 1), 12).unwrap();
    assert_eq!(budget[0].quarter, Quarter::of(d(2026, 2, 15)));
    assert_eq!(
        (budget[0].quarter.year(), budget[0].quarter.number()),
        (2026, 1)
    );
    assert_eq!(budget[0].amount, eur(1200 * 6));
    assert_eq!(audits_overdue(&assets, 12, d(2025, 6, 1)).len(), 6);
}

#[test]
fn clean_fleet_is_healthy() {
    let remote = person("R1", WorkMode::Remote, None);
    let roster = Roster::new(vec![remote.clone()]).unwrap();
    let assets = deploy("R1", remote.id(), &HOME, d(2025, 1, 6));
    let report = audit(
        &Inputs::new(&roster, &assets),
        &Config::new(d(2025, 6, 1)),
        &mut open_engine(),
    )
    .unwrap();
    assert!(report.findings().is_empty(), "{:?}", report.findings());
    assert_eq!(report.coverage(), &Coverage::Measured);
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
    let mut engine = Disclosure::new(DisclosurePolicy::default().with_release_log());
    let rows = cost_per_employee(
        &roster,
        &assets,
        Currency::new("EUR").unwrap(),
        &[],
        &mut engine,
        d(2025, 6, 1),
    )
    .unwrap();
    // 1200 over 36 months = 400 a year per item; nobody hybrid, so no hybrid row.
    assert_eq!(rows.len(), 2);
    let get = |m: WorkMode| rows.iter().find(|r| r.work_mode == m).unwrap();
    assert_eq!(
        get(WorkMode::Remote).per_employee,
        Disclosed::Published(eur(2400))
    );
    assert_eq!(
        get(WorkMode::Onsite).per_employee,
        Disclosed::Published(eur(400))
    );
    assert_eq!(get(WorkMode::Onsite).headcount, Disclosed::Published(5));
    // The two work modes were released over the population assets/costed.
    let key = disclosure::PopulationKey::new(Domain::Assets, forecast::COSTED);
    assert_eq!(engine.released_groups(&key).unwrap().len(), 2);
    // Four onsite staff: their mode is below the minimum, so the remote mode would give
    // them away as everyone minus remote... but no total is published, so remote stays.
    let fewer: Vec<Employee> = people.iter().take(9).cloned().collect();
    let rows = cost_per_employee(
        &Roster::new(fewer).unwrap(),
        &assets,
        Currency::new("EUR").unwrap(),
        &[],
        &mut Disclosure::new(DisclosurePolicy::default()),
        d(2025, 6, 1),
    )
    .unwrap();
    let get = |m: WorkMode| rows.iter().find(|r| r.work_mode == m).unwrap();
    assert_eq!(
        get(WorkMode::Remote).per_employee,
        Disclosed::Published(eur(2400))
    );
    assert_eq!(
        get(WorkMode::Onsite).per_employee,
        Disclosed::Suppressed(Suppression::BelowMinimum)
    );
    assert_eq!(
        get(WorkMode::Onsite).headcount,
        Disclosed::Suppressed(Suppression::BelowMinimum)
    );
    let usd = Currency::new("USD").unwrap();
    assert!(matches!(
        cost_per_employee(
            &roster,
            &assets,
            usd,
            &[],
            &mut Disclosure::new(DisclosurePolicy::default()),
            d(2025, 6, 1)
        ),
        Err(Error::MissingRate { from, to, ref tag })
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
            let config = Config::new(as_of).with_horizon_months(24).unwrap();
            let mut engine = Disclosure::new(DisclosurePolicy::default());
            let report = audit(&Inputs::new(&roster, &assets), &config, &mut engine).unwrap();
            // Measured exactly when there are assets and the staff could be published.
            let measured = !assets.is_empty()
                && report.kit().is_some_and(|k| k.staff.published().is_some());
            prop_assert_eq!(report.coverage().is_measured(), measured);
            prop_assert_eq!(report.health().score().is_some(), measured);
            let mut engine = Disclosure::new(DisclosurePolicy::default());
            let _ = cost_per_employee(&roster, &assets, Currency::new("EUR").unwrap(), &[], &mut engine, as_of).unwrap();
        }
    }
}
