//! The [`Fleet`] port: a report over any storage equals the report over the same assets
//! as [`TrackedAsset`]s, and arbitrary histories read through the port never panic.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use remit_assets::forecast::{audits_overdue, replacement_budget, upcoming};
use remit_assets::kit::holdings;
use remit_assets::retrieval::retrievals;
use remit_assets::*;
use remit_core::AuditExt as _;
use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy, MinGroupSize};
use remit_core::*;
use rust_decimal::Decimal;

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()
}

fn employee(i: u8) -> EmployeeId {
    EmployeeId::from_external(&format!("E-{}", i % 6))
}

/// Six people: E-0..E-2 remote, E-3 hybrid, E-4 onsite; E-1 and E-5 have left.
fn roster() -> Roster {
    let people = (0u8..6).map(|i| {
        let mode = match i {
            0..=2 | 5 => WorkMode::Remote,
            3 => WorkMode::Hybrid,
            _ => WorkMode::Onsite,
        };
        let mut b = Employee::builder(employee(i))
            .work_mode(mode)
            .country(CountryCode::new(if i % 2 == 0 { "PT" } else { "DE" }).unwrap())
            .time_zone(chrono_tz::Europe::Lisbon)
            .level(JobLevel::new(2))
            .department(Department::new("Support").unwrap())
            .hired_on(NaiveDate::from_ymd_opt(2021, 1, 10).unwrap());
        if i == 1 || i == 5 {
            b = b.left_on(start() + Days::new(40 + u64::from(i) * 20));
        }
        b.build().unwrap()
    });
    Roster::new(people.collect()).unwrap()
}

/// A change from two small numbers; `on` is used for the dates inside it.
fn change(kind: u8, arg: u8, on: NaiveDate) -> Change {
    let e = employee(arg);
    match kind % 18 {
        0 => Change::Received,
        1 => Change::Reserved { employee: e },
        2 => Change::ReservationCancelled,
        3 => {
            let to = if arg.is_multiple_of(3) {
                Destination::Depot
            } else {
                Destination::Employee(e)
            };
            Change::Shipped(Box::new(Shipment::new(to, "DHL", "T1").unwrap()))
        }
        4 => Change::Delivered,
        5 => Change::Assigned { employee: e },
        6 => Change::ReturnRequested {
            due: on + Days::new(u64::from(arg % 40)),
            reason: ReturnReason::Offboarding,
        },
        7 => Change::CheckedIn,
        8 => Change::RepairFlagged,
        9 => Change::RepairStarted,
        10 => Change::RepairCompleted { cost: None },
        11 => Change::Sanitised(Box::new(
            SanitisationRecord::new(
                match arg % 3 {
                    0 => SanitisationMethod::Clear,
                    1 => SanitisationMethod::Purge,
                    _ => SanitisationMethod::Destroy,
                },
                "wipe",
                Verification::ToolReport,
                on,
                "depot",
            )
            .unwrap(),
        )),
        12 => Change::DisposalMarked,
        13 => Change::Retired {
            disposition: if arg.is_multiple_of(4) {
                Disposition::GiftedToEmployee { employee: e }
            } else {
                Disposition::Sold
            },
        },
        14 => Change::ReportedMissing {
            reason: MissingReason::Lost,
        },
        15 => Change::Recovered,
        16 => Change::Audited,
        _ => Change::WrittenOff(Box::new(WriteOff::new("finance controller").unwrap())),
    }
}

/// One asset drawn by proptest: a category/life/warranty seed and its events as
/// (change kind, argument, days since the previous event).
type RawAsset = (u8, Vec<(u8, u8, u8)>);

/// A fleet of imported histories: any change in any order (dates never go back).
fn fleet(raw: &[RawAsset]) -> Vec<TrackedAsset> {
    raw.iter()
        .enumerate()
        .map(|(i, (cat, steps))| {
            let category = Category::ALL[usize::from(*cat) % Category::ALL.len()];
            let asset = Asset::builder(AssetTag::new(&format!("A-{i}")).unwrap(), category)
                .purchased(
                    start(),
                    Money::new(Decimal::from(900), Currency::new("EUR").unwrap()),
                )
                .useful_life_months(u32::from(*cat % 30) + 1)
                .warranty_months(u32::from(*cat % 20))
                .build()
                .unwrap();
            let mut a = TrackedAsset::ordered(asset);
            let mut on = start();
            for (n, (kind, arg, gap)) in steps.iter().enumerate() {
                on = on + Days::new(u64::from(*gap));
                let key = EventId::from_external(&format!("{i}-{n}"));
                a.append(Envelope::new(
                    n as u64 + 1,
                    key,
                    Event::new(on, change(*kind, *arg, on)),
                ))
                .unwrap();
            }
            a
        })
        .collect()
}

/// The same assets behind the port, read only through their transitions (the state is
/// folded by the port's provided method, not taken from the logs).
struct Rows<'a>(&'a [TrackedAsset]);

struct Row<'a>(&'a TrackedAsset);

impl AssetHistory for Row<'_> {
    fn id(&self) -> AssetId {
        self.0.asset().id()
    }
    fn tag(&self) -> AssetTag {
        self.0.asset().tag().clone()
    }
    fn category(&self) -> Category {
        self.0.asset().category()
    }
    fn stores_data(&self) -> bool {
        self.0.asset().stores_data()
    }
    fn purchased_on(&self) -> NaiveDate {
        self.0.asset().purchased_on()
    }
    fn cost(&self) -> Money {
        self.0.asset().cost()
    }
    fn useful_life_months(&self) -> u32 {
        self.0.asset().useful_life_months()
    }
    fn warranty_months(&self) -> u32 {
        self.0.asset().warranty_months()
    }
    fn transitions(&self) -> impl Iterator<Item = (NaiveDate, Transition)> + '_ {
        self.0
            .log()
            .entries()
            .iter()
            .map(|e| (e.event().on(), e.event().change().transition()))
    }
}

impl Fleet for Rows<'_> {
    type Asset<'a>
        = Row<'a>
    where
        Self: 'a;
    fn assets(&self) -> impl Iterator<Item = Row<'_>> {
        self.0.iter().map(Row)
    }
}

fn same_report(a: &AssetsReport, b: &AssetsReport) {
    assert_eq!(format!("{:?}", a.findings()), format!("{:?}", b.findings()));
    assert_eq!(a.coverage(), b.coverage());
    assert_eq!(a.health(), b.health());
    assert_eq!(a.kit(), b.kit());
    assert_eq!(a.retrieval(), b.retrieval());
    assert_eq!(a.retired_unsanitised(), b.retired_unsanitised());
    assert_eq!(a.missing(), b.missing());
    assert_eq!(a.audits_overdue(), b.audits_overdue());
    assert_eq!(a.longest_overdue_audits(), b.longest_overdue_audits());
    assert_eq!(a.replacement_budget(), b.replacement_budget());
    assert_eq!(a.warranties_ending(), b.warranties_ending());
    assert_eq!(a.groups(), b.groups());
    assert_eq!(a.charts(), b.charts());
}

/// An engine that publishes every group (minimum 1), so reports can be compared figure
/// by figure with a reference.
fn open_engine() -> Disclosure {
    Disclosure::new(DisclosurePolicy::default().with_min_group(MinGroupSize::new(1).unwrap()))
}

fn report_over<F: Fleet + ?Sized>(people: &Roster, fleet: &F, config: &Config) -> AssetsReport {
    audit(&Inputs::new(people, fleet), config, &mut open_engine()).unwrap()
}

/// One retrieval case as the reference specifies it: asset, tag, leaver, country,
/// opened, due, outcome.
type CaseRow = (
    AssetId,
    AssetTag,
    EmployeeId,
    CountryCode,
    NaiveDate,
    NaiveDate,
    Option<retrieval::Outcome>,
);

fn rows_of(cases: &[retrieval::Retrieval]) -> Vec<CaseRow> {
    cases
        .iter()
        .map(|c| {
            (
                c.asset,
                c.tag.clone(),
                c.employee,
                c.country,
                c.opened_on,
                c.due_on,
                c.outcome,
            )
        })
        .collect()
}

/// Retrieval as it was specified before the report walked each history once: a case
/// can only open for an asset handed to a leaver somewhere in its history; replay it,
/// opening a case when a leaver holds it (or has custody) on or after their leaving
/// date, closing it on the first return, gift or write-off.
fn reference_retrievals(
    people: &Roster,
    assets: &[TrackedAsset],
    as_of: NaiveDate,
) -> Vec<CaseRow> {
    use std::collections::HashMap;
    let leavers: HashMap<EmployeeId, (NaiveDate, CountryCode)> = people
        .employees()
        .filter_map(|e| {
            e.left_on()
                .filter(|l| *l <= as_of)
                .map(|l| (e.id(), (l, e.country())))
        })
        .collect();
    let mut out = Vec::new();
    for a in assets {
        let log = a.log();
        let handed = log.entries().iter().any(|e| match e.event().change() {
            Change::Shipped(s) => {
                matches!(s.destination(), Destination::Employee(w) if leavers.contains_key(&w))
            }
            Change::Assigned { employee } => leavers.contains_key(employee),
            _ => false,
        });
        if !handed {
            continue;
        }
        let open = |employee: EmployeeId| -> Option<CaseRow> {
            leavers.get(&employee).map(|&(left, country)| {
                (
                    log.asset(),
                    a.asset().tag().clone(),
                    employee,
                    country,
                    left,
                    left + Days::new(30),
                    None,
                )
            })
        };
        let mut state = log.initial_state();
        let mut case: Option<CaseRow> = None;
        for e in log.entries() {
            let on = e.event().on();
            if on > as_of {
                break;
            }
            if case.is_none() {
                let holder = state.status().holder().or(match state.custodian() {
                    Custodian::Employee(w) => Some(w),
                    _ => None,
                });
                if let Some(c) = holder.and_then(open).filter(|c| c.4 <= on) {
                    case = Some(c);
                }
            }
            state = apply(state, e.event());
            // The case closes with the first event after which the company holds the
            // asset again by any path (a depot or a repair vendor), or it left the fleet.
            if let Some(c) = case.as_mut() {
                let outcome = match (state.status(), state.custodian()) {
                    (Status::Retired(Disposition::GiftedToEmployee { .. }), _) => {
                        Some(retrieval::Outcome::Gifted { on })
                    }
                    (Status::Retired(_) | Status::Missing(_) | Status::WrittenOff, _) => {
                        Some(retrieval::Outcome::WrittenOff { on })
                    }
                    (_, Custodian::Depot | Custodian::RepairVendor) => {
                        Some(retrieval::Outcome::Returned { on })
                    }
                    _ => None,
                };
                if outcome.is_some() {
                    c.6 = outcome;
                    out.extend(case.take());
                }
            }
        }
        if case.is_none() {
            case = state.status().holder().and_then(open);
        }
        out.extend(case);
    }
    out
}

/// The report's summary over all leavers, recomputed from a list of cases.
fn summary_of(
    people: &Roster,
    cases: &[CaseRow],
    as_of: NaiveDate,
) -> (u64, u64, u64, u64, u64, u64) {
    let leavers = people
        .employees()
        .filter(|e| e.left_on().is_some_and(|l| l <= as_of))
        .count() as u64;
    let overdue: Vec<&CaseRow> = cases
        .iter()
        .filter(|c| as_of > c.5 && c.6.is_none_or(|o| o.on() > as_of))
        .collect();
    let mut overdue_leavers: Vec<EmployeeId> = overdue.iter().map(|c| c.2).collect();
    overdue_leavers.sort();
    overdue_leavers.dedup();
    let returned = |late: bool| {
        cases
            .iter()
            .filter(
                |c| matches!(c.6, Some(retrieval::Outcome::Returned { on }) if (on > c.5) == late),
            )
            .count() as u64
    };
    (
        leavers,
        cases.len() as u64,
        overdue.len() as u64,
        overdue_leavers.len() as u64,
        returned(false),
        returned(true),
    )
}

/// Holdings as specified: every asset's holder on the date gets its category.
fn reference_holdings(
    assets: &[TrackedAsset],
    as_of: NaiveDate,
) -> std::collections::HashMap<EmployeeId, kit::KitList> {
    let mut held = std::collections::HashMap::new();
    for a in assets {
        let holder = match a.state_on(as_of).status() {
            Status::InUse { assignee } | Status::ReturnRequested { assignee, .. } => Some(assignee),
            Status::InTransit(TransitLeg::ToEmployee { employee }) => Some(employee),
            _ => None,
        };
        if let Some(who) = holder {
            let entry: &mut kit::KitList = held.entry(who).or_default();
            *entry = entry.with(a.asset().category());
        }
    }
    held
}

fn histories() -> impl Strategy<Value = Vec<RawAsset>> {
    prop::collection::vec(
        (
            any::<u8>(),
            prop::collection::vec((any::<u8>(), any::<u8>(), 0u8..30), 0..25),
        ),
        0..30,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any histories (rules broken or not), read through the port, give the report the
    /// slice gives, and the public analyses agree too; nothing panics.
    #[test]
    fn the_port_reads_what_the_logs_hold(raw in histories(), as_of_day in 0u64..900, horizon in 0u32..30) {
        let assets = fleet(&raw);
        let rows = Rows(&assets);
        let people = roster();
        let as_of = start() + Days::new(as_of_day);
        let config = Config::new(as_of).with_horizon_months(horizon).unwrap();
        let from_slice = report_over(&people, assets.as_slice(), &config);
        let from_port = report_over(&people, &rows, &config);
        same_report(&from_slice, &from_port);
        for a in &assets {
            prop_assert_eq!(Row(a).state_on(as_of), a.state_on(as_of));
            prop_assert_eq!(AssetHistory::state_on(a, as_of), a.state_on(as_of));
        }
        prop_assert_eq!(holdings(&rows, as_of), holdings(assets.as_slice(), as_of));
        prop_assert_eq!(holdings(&rows, as_of), reference_holdings(&assets, as_of));
        let expected = reference_retrievals(&people, &assets, as_of);
        let cases = retrievals(&people, &rows, &RetrievalPolicy::default(), as_of).unwrap();
        prop_assert_eq!(
            &cases,
            &retrievals(&people, assets.as_slice(), &RetrievalPolicy::default(), as_of).unwrap()
        );
        prop_assert_eq!(rows_of(&cases), expected.clone());
        // The report's released figures add up the same cases (everything is published
        // under a minimum of 1).
        if let Some(figures) = from_port.retrieval() {
            let Disclosed::Published(s) = figures.summary else {
                panic!("a minimum of 1 publishes every group");
            };
            prop_assert_eq!(
                (s.leavers, s.assets, s.overdue, s.overdue_leavers, s.returned_on_time, s.returned_late),
                summary_of(&people, &expected, as_of)
            );
        }
        let overdue = audits_overdue(&rows, 12, as_of);
        prop_assert_eq!(&overdue, &audits_overdue(&assets, 12, as_of));
        prop_assert_eq!(from_port.audits_overdue(), overdue.len() as u64);
        // The longest overdue: earliest due date first, then fleet order, ten at most.
        let mut longest: Vec<(NaiveDate, usize)> =
            overdue.iter().enumerate().map(|(i, o)| (o.due_on, i)).collect();
        longest.sort();
        let expected_longest: Vec<&AssetTag> =
            longest.iter().take(10).map(|&(_, i)| &overdue[i].tag).collect();
        let got_longest: Vec<&AssetTag> =
            from_port.longest_overdue_audits().iter().map(|o| &o.tag).collect();
        prop_assert_eq!(got_longest, expected_longest);
        prop_assert_eq!(upcoming(&rows, as_of, horizon), upcoming(&assets, as_of, horizon));
        prop_assert_eq!(
            replacement_budget(&rows, as_of, horizon).unwrap(),
            replacement_budget(&assets, as_of, horizon).unwrap()
        );
    }

    /// `step` folds a transition exactly as `apply` folds its event.
    #[test]
    fn step_equals_apply(raw in histories()) {
        for a in fleet(&raw) {
            let mut by_event = a.log().initial_state();
            let mut by_step = by_event;
            for e in a.log().entries() {
                by_event = apply(by_event, e.event());
                by_step = step(by_step, e.event().on(), e.event().change().transition());
                prop_assert_eq!(by_event, by_step);
            }
        }
    }
}

#[test]
fn the_property_sees_retrievals_and_findings() {
    // Guard against a vacuous property: a leaver's laptop handed over and never back.
    let raw = vec![(0u8, vec![(0u8, 0u8, 0u8), (5, 1, 1), (16, 0, 10)])];
    let assets = fleet(&raw);
    let as_of = start() + Days::new(400);
    let report = report_over(&roster(), &Rows(&assets), &Config::new(as_of));
    let Disclosed::Published(summary) = report.retrieval().unwrap().summary else {
        panic!("published under a minimum of 1");
    };
    assert_eq!((summary.assets, summary.overdue), (1, 1));
    assert_eq!(reference_retrievals(&roster(), &assets, as_of).len(), 1);
    assert!(
        report
            .findings()
            .iter()
            .any(|f| f.code() == &codes::RETRIEVAL_OVERDUE)
    );
}
