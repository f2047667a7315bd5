//! Regression tests for the lifecycle and log rules an independent review walked around
//! at the edges (issue 14): stale sanitisation records, destroyed media coming back,
//! retrievals that never close, idempotency keys reused for other commands, unreadable
//! schema versions, commands before the purchase, and missing assets that could never
//! be written off.

use chrono::NaiveDate;
use remit_assets::*;
use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy, MinGroupSize};
use remit_core::*;
use rust_decimal::Decimal;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, day).unwrap()
}

fn eur(n: i64) -> Money {
    Money::new(Decimal::from(n), Currency::new("EUR").unwrap())
}

fn laptop(tag: &str, bought: NaiveDate) -> TrackedAsset {
    let asset = Asset::builder(AssetTag::new(tag).unwrap(), Category::Laptop)
        .purchased(bought, eur(1500))
        .useful_life_months(36)
        .build()
        .unwrap();
    TrackedAsset::ordered(asset)
}

/// Runs commands with fresh keys, failing the test on the first refusal.
fn run(a: &mut TrackedAsset, steps: &[(Command, NaiveDate)]) {
    for (command, on) in steps {
        let key = EventId::from_external(&format!("{}-{}", a.log().version(), on));
        a.execute(key, command, *on)
            .unwrap_or_else(|e| panic!("{command:?} on {on}: {e}"));
    }
}

/// Runs one command with a fresh key and returns the refusal.
fn refused(a: &mut TrackedAsset, command: Command, on: NaiveDate) -> LogError {
    let before = a.clone();
    let key = EventId::from_external(&format!("refused-{}-{on}", a.log().version()));
    let err = a.execute(key, &command, on).unwrap_err();
    assert_eq!(*a, before, "a refused command changed the asset");
    err
}

fn wipe(method: SanitisationMethod, performed_on: NaiveDate) -> Command {
    Command::Sanitise(Box::new(
        SanitisationRecord::new(
            method,
            "NVMe sanitize",
            Verification::ToolReport,
            performed_on,
            "depot",
        )
        .unwrap(),
    ))
}

fn ana() -> EmployeeId {
    EmployeeId::from_external("E-ana")
}

fn bo() -> EmployeeId {
    EmployeeId::from_external("E-bo")
}

fn assign(e: EmployeeId) -> Command {
    Command::Assign { employee: e }
}

fn write_off(by: &str) -> Command {
    Command::WriteOff(Box::new(WriteOff::new(by).unwrap()))
}

// --- 1. A sanitisation counts only if performed on or after the last exposure -------

#[test]
fn a_wipe_dated_before_the_last_hand_over_is_not_the_wipe() {
    // The reviewer's sequence: receive, assign to A, check in, then a sanitisation record
    // dated before the assignment. It must not clear the laptop for B.
    let mut a = laptop("LT-1", d(1, 1));
    run(
        &mut a,
        &[
            (Command::Receive, d(1, 1)),
            (assign(ana()), d(1, 2)),
            (Command::CheckIn, d(1, 10)),
        ],
    );
    let err = refused(&mut a, wipe(SanitisationMethod::Purge, d(1, 1)), d(1, 11));
    assert!(
        matches!(
            err,
            LogError::Lifecycle(LifecycleError::SanitisationPredatesExposure {
                performed_on,
                exposed_on,
                ..
            }) if performed_on == d(1, 1) && exposed_on == d(1, 10)
        ),
        "{err:?}"
    );
    assert!(err.to_string().starts_with("asset LT-1: "), "{err}");
    let err = refused(&mut a, assign(bo()), d(1, 12));
    assert!(
        matches!(
            err,
            LogError::Lifecycle(LifecycleError::SanitisationRequired {
                command: CommandKind::Assign,
                ..
            })
        ),
        "{err:?}"
    );
    // A record dated on the day it came back counts.
    run(
        &mut a,
        &[
            (wipe(SanitisationMethod::Purge, d(1, 10)), d(1, 12)),
            (assign(bo()), d(1, 12)),
        ],
    );
    assert_eq!(a.log().state().status(), Status::InUse { assignee: bo() });
}

#[test]
fn an_imported_stale_wipe_leaves_the_media_exposed() {
    // Imported histories are not re-judged, but a stale record does not clean the media:
    // the retirement that relied on it is flagged.
    let mut a = laptop("LT-2", d(1, 1));
    let record = SanitisationRecord::new(
        SanitisationMethod::Clear,
        "overwrite",
        Verification::Full,
        d(1, 1),
        "depot",
    )
    .unwrap();
    let history = [
        (d(1, 1), Change::Received),
        (d(1, 2), Change::Assigned { employee: ana() }),
        (d(1, 10), Change::CheckedIn),
        (d(1, 11), Change::Sanitised(Box::new(record))),
        (
            d(1, 12),
            Change::Retired {
                disposition: Disposition::Sold,
            },
        ),
    ];
    for (i, (on, change)) in history.into_iter().enumerate() {
        let key = EventId::from_external(&format!("imp-{i}"));
        a.append(Envelope::new(i as u64 + 1, key, Event::new(on, change)))
            .unwrap();
        if i == 3 {
            assert_eq!(a.log().state().data(), DataState::Exposed);
            assert_eq!(a.log().state().last_sanitised(), None);
        }
    }
    assert!(a.log().state().retired_unsanitised());
}

#[test]
fn a_remote_wipe_stops_counting_once_the_holder_keeps_the_device() {
    // Wiped remotely on 5 January while Ana still held it; she kept it until the 10th.
    let mut a = laptop("LT-3", d(1, 1));
    run(
        &mut a,
        &[
            (Command::Receive, d(1, 1)),
            (assign(ana()), d(1, 2)),
            (wipe(SanitisationMethod::Clear, d(1, 5)), d(1, 5)),
            (Command::CheckIn, d(1, 10)),
        ],
    );
    assert_eq!(
        a.log().state().status(),
        Status::InStock(StockState::PendingSanitisation)
    );
    let err = refused(&mut a, assign(bo()), d(1, 11));
    assert!(
        matches!(
            err,
            LogError::Lifecycle(LifecycleError::SanitisationRequired { .. })
        ),
        "{err:?}"
    );
    // The same remote wipe does allow the gift on the day it was done.
    let mut b = laptop("LT-4", d(1, 1));
    let gift = Command::Retire {
        disposition: Disposition::GiftedToEmployee { employee: ana() },
    };
    run(
        &mut b,
        &[
            (Command::Receive, d(1, 1)),
            (assign(ana()), d(1, 2)),
            (wipe(SanitisationMethod::Clear, d(1, 5)), d(1, 5)),
        ],
    );
    let late = refused(&mut b, gift.clone(), d(1, 6));
    assert!(
        matches!(
            late,
            LogError::Lifecycle(LifecycleError::SanitisationRequired {
                command: CommandKind::Retire,
                ..
            })
        ),
        "{late:?}"
    );
    run(&mut b, &[(gift, d(1, 5))]);
    assert!(!b.log().state().retired_unsanitised());
}

#[test]
fn repair_and_recovery_expose_the_media_again() {
    // Back from a repair vendor: a wipe performed while the vendor had it does not count.
    let mut a = laptop("LT-5", d(1, 1));
    run(
        &mut a,
        &[
            (Command::Receive, d(1, 1)),
            (assign(ana()), d(1, 2)),
            (Command::StartRepair, d(1, 5)),
            (Command::CompleteRepair { cost: None }, d(1, 20)),
        ],
    );
    let err = refused(&mut a, wipe(SanitisationMethod::Purge, d(1, 10)), d(1, 21));
    assert!(
        matches!(
            err,
            LogError::Lifecycle(LifecycleError::SanitisationPredatesExposure { exposed_on, .. })
                if exposed_on == d(1, 20)
        ),
        "{err:?}"
    );
    // A clean laptop sent to repair from stock comes back needing a wipe.
    let mut b = laptop("LT-6", d(1, 1));
    run(
        &mut b,
        &[
            (Command::Receive, d(1, 1)),
            (Command::FlagForRepair, d(1, 2)),
            (Command::StartRepair, d(1, 3)),
            (Command::CompleteRepair { cost: None }, d(1, 9)),
        ],
    );
    assert_eq!(
        b.log().state().status(),
        Status::InStock(StockState::PendingSanitisation)
    );
    // Found again after going missing: a wipe from before the recovery does not count.
    let mut c = laptop("LT-7", d(1, 1));
    run(
        &mut c,
        &[
            (Command::Receive, d(1, 1)),
            (
                Command::ReportMissing {
                    reason: MissingReason::Lost,
                },
                d(1, 5),
            ),
            (Command::Recover, d(1, 9)),
        ],
    );
    let err = refused(&mut c, wipe(SanitisationMethod::Clear, d(1, 8)), d(1, 10));
    assert!(
        matches!(
            err,
            LogError::Lifecycle(LifecycleError::SanitisationPredatesExposure { exposed_on, .. })
                if exposed_on == d(1, 9)
        ),
        "{err:?}"
    );
}

// --- 2. Destroyed media can only be disposed of ------------------------------------

#[test]
fn destroyed_media_do_not_come_back_when_recovered() {
    let mut a = laptop("LT-8", d(1, 1));
    run(
        &mut a,
        &[
            (Command::Receive, d(1, 1)),
            (wipe(SanitisationMethod::Destroy, d(1, 2)), d(1, 2)),
            (
                Command::ReportMissing {
                    reason: MissingReason::Lost,
                },
                d(1, 3),
            ),
            (Command::Recover, d(1, 4)),
        ],
    );
    assert_eq!(a.log().state().data(), DataState::Destroyed);
    assert_eq!(
        a.log().state().status(),
        Status::InStock(StockState::PendingDisposal)
    );
    for command in [
        wipe(SanitisationMethod::Clear, d(1, 5)),
        assign(ana()),
        Command::Reserve { employee: ana() },
        Command::FlagForRepair,
        Command::StartRepair,
    ] {
        let kind = command.kind();
        let err = refused(&mut a, command, d(1, 5));
        assert!(
            matches!(
                &err,
                LogError::Lifecycle(LifecycleError::MediaDestroyed { command, .. })
                    if *command == kind
            ),
            "{err:?}"
        );
        assert!(err.to_string().starts_with("asset LT-8: "), "{err}");
    }
    run(
        &mut a,
        &[(
            Command::Retire {
                disposition: Disposition::Recycled,
            },
            d(1, 6),
        )],
    );
    assert_eq!(
        a.log().state().status(),
        Status::Retired(Disposition::Recycled)
    );
}

#[test]
fn imported_events_never_revive_destroyed_media() {
    let mut state = Lifecycle::new(AssetId::from_external("LT-9"), true);
    let destroy = SanitisationRecord::new(
        SanitisationMethod::Destroy,
        "shred",
        Verification::Inspection,
        d(1, 2),
        "ITAD vendor",
    )
    .unwrap();
    for (on, change) in [
        (d(1, 1), Change::Received),
        (d(1, 2), Change::Sanitised(Box::new(destroy))),
        (
            d(1, 3),
            Change::ReportedMissing {
                reason: MissingReason::Stolen,
            },
        ),
        (d(1, 4), Change::Recovered),
        (d(1, 5), Change::Assigned { employee: ana() }),
        (d(1, 6), Change::CheckedIn),
    ] {
        state = apply(state, &Event::new(on, change));
        if on >= d(1, 2) {
            assert_eq!(state.data(), DataState::Destroyed, "after {on}");
        }
    }
    assert_eq!(state.status(), Status::InStock(StockState::PendingDisposal));
}

// --- 3. Any return to company custody closes a leaver's retrieval -------------------

fn leaver_roster(left: NaiveDate) -> Roster {
    let person = Employee::builder(ana())
        .work_mode(WorkMode::Remote)
        .country(CountryCode::new("PT").unwrap())
        .time_zone(chrono_tz::Europe::Lisbon)
        .level(JobLevel::new(2))
        .department(Department::new("Support").unwrap())
        .hired_on(NaiveDate::from_ymd_opt(2022, 1, 10).unwrap())
        .left_on(left)
        .build()
        .unwrap();
    Roster::new(vec![person]).unwrap()
}

#[test]
fn a_leavers_device_back_through_repair_closes_the_retrieval() {
    let mut a = laptop("LT-10", d(1, 1));
    run(
        &mut a,
        &[
            (Command::Receive, d(1, 1)),
            (assign(ana()), d(1, 2)),
            (Command::StartRepair, d(3, 5)),
            (Command::CompleteRepair { cost: None }, d(3, 20)),
        ],
    );
    let as_of = d(12, 31);
    let roster = leaver_roster(d(3, 1));
    let fleet = [a];
    let cases = retrieval::retrievals(&roster, &fleet, &RetrievalPolicy::default(), as_of).unwrap();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].tag.as_str(), "LT-10");
    assert_eq!(cases[0].outcome, Some(Outcome::Returned { on: d(3, 5) }));
    // One leaver: published only under a minimum group size of 1.
    let mut engine =
        Disclosure::new(DisclosurePolicy::default().with_min_group(MinGroupSize::new(1).unwrap()));
    let report = audit(
        &Inputs::new(&roster, &fleet),
        &Config::new(as_of),
        &mut engine,
    )
    .unwrap();
    let Disclosed::Published(summary) = report.retrieval().unwrap().summary else {
        panic!("one leaver is published under a minimum of 1");
    };
    assert_eq!(
        (summary.assets, summary.returned_on_time, summary.overdue),
        (1, 1, 0)
    );
    assert!(
        report
            .findings()
            .iter()
            .all(|f| f.code().as_str() != "ASSET-RETRIEVAL-OVERDUE")
    );
}

// --- 4. The same key with another command is a conflict -----------------------------

#[test]
fn a_reused_key_with_another_command_is_a_conflict() {
    let mut a = laptop("LT-11", d(1, 1));
    let key = EventId::from_external("hr-77");
    a.execute(EventId::from_external("po-1"), &Command::Receive, d(1, 1))
        .unwrap();
    assert_eq!(
        a.execute(key, &assign(ana()), d(1, 2)).unwrap(),
        Appended::New { sequence: 2 }
    );
    // The retry is a duplicate.
    assert_eq!(
        a.execute(key, &assign(ana()), d(1, 2)).unwrap(),
        Appended::Duplicate { sequence: 2 }
    );
    assert_eq!(
        a.execute_owned(key, assign(ana()), d(1, 2)).unwrap(),
        Appended::Duplicate { sequence: 2 }
    );
    let before = a.clone();
    // Another command, or the same command on another date, under the key: a conflict.
    for (command, on) in [
        (assign(bo()), d(1, 2)),
        (Command::CheckIn, d(1, 3)),
        (assign(ana()), d(1, 3)),
    ] {
        let err = a.execute(key, &command, on).unwrap_err();
        assert!(
            matches!(err, LogError::KeyConflict { sequence: 2, key: k, .. } if k == key),
            "{err:?}"
        );
        assert!(err.to_string().starts_with("asset LT-11: "), "{err}");
        let err = a.execute_owned(key, command, on).unwrap_err();
        assert!(
            matches!(err, LogError::KeyConflict { sequence: 2, .. }),
            "{err:?}"
        );
    }
    assert_eq!(a, before);
}

// --- 5. Envelopes of an unreadable schema version are refused -----------------------

#[test]
fn schema_versions_outside_the_supported_range_are_refused() {
    let mut log = EventLog::new(AssetId::from_external("LT-12"), true);
    log.execute(EventId::from_external("k1"), &Command::Receive, d(1, 1))
        .unwrap();
    let json = serde_json::to_string(&log).unwrap();
    assert!(json.contains(r#""schema":1"#), "{json}");
    for schema in [0u16, SCHEMA_VERSION + 1, u16::MAX] {
        let bad = json.replace(r#""schema":1"#, &format!(r#""schema":{schema}"#));
        let err = serde_json::from_str::<EventLog>(&bad).unwrap_err();
        assert!(
            err.to_string().contains(&format!(
                "event 1 has schema version {schema}; this build reads versions 1 to 1"
            )),
            "{err}"
        );
        let envelope = serde_json::to_string(&log.entries()[0])
            .unwrap()
            .replace(r#""schema":1"#, &format!(r#""schema":{schema}"#));
        let err = serde_json::from_str::<Envelope>(&envelope).unwrap_err();
        assert!(
            err.to_string()
                .contains(&format!("schema version {schema}")),
            "{err}"
        );
    }
    // Inside a tracked asset the refusal names the asset by its tag.
    let mut a = laptop("LT-12", d(1, 1));
    run(&mut a, &[(Command::Receive, d(1, 1))]);
    let json = serde_json::to_string(&a)
        .unwrap()
        .replace(r#""schema":1"#, r#""schema":0"#);
    let err = serde_json::from_str::<TrackedAsset>(&json).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("asset LT-12: event 1 has schema version 0"),
        "{err}"
    );
}

// --- 6. Nothing happens to an asset before it is bought -----------------------------

#[test]
fn commands_before_the_purchase_are_refused() {
    let mut a = laptop("LT-13", d(3, 1));
    let err = refused(&mut a, Command::Receive, d(2, 1));
    assert!(
        matches!(
            err,
            LogError::Lifecycle(LifecycleError::BeforePurchase {
                field: "on",
                date,
                purchased_on,
                ..
            }) if date == d(2, 1) && purchased_on == d(3, 1)
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "asset LT-13: cannot receive: field `on` (2025-02-01) is before the purchase date (2025-03-01)"
    );
    // Imported events too.
    let early = Envelope::new(
        1,
        EventId::from_external("imp"),
        Event::new(d(2, 1), Change::Received),
    );
    let err = a.append(early.clone()).unwrap_err();
    assert!(
        matches!(err, LogError::BeforePurchase { sequence: 1, on, .. } if on == d(2, 1)),
        "{err:?}"
    );
    assert!(err.to_string().starts_with("asset LT-13: "), "{err}");
    // A log built elsewhere and paired with the asset is checked as well.
    let mut log = EventLog::new(a.asset().id(), true);
    log.append(early).unwrap();
    let err = TrackedAsset::new(a.asset().clone(), log).unwrap_err();
    assert!(
        matches!(
            err,
            FleetError::Log(LogError::BeforePurchase { sequence: 1, .. })
        ),
        "{err:?}"
    );
    assert!(err.to_string().starts_with("asset LT-13: "), "{err}");
    // And a sanitisation record dated before the purchase.
    run(&mut a, &[(Command::Receive, d(3, 1))]);
    let err = refused(&mut a, wipe(SanitisationMethod::Clear, d(2, 20)), d(3, 2));
    assert!(
        matches!(
            err,
            LogError::Lifecycle(LifecycleError::BeforePurchase {
                field: "performed_on",
                ..
            })
        ),
        "{err:?}"
    );
}

// --- 8. A missing asset can be written off ------------------------------------------

#[test]
fn a_missing_asset_is_written_off_and_its_finding_goes() {
    let mut a = laptop("LT-14", d(1, 1));
    run(
        &mut a,
        &[
            (Command::Receive, d(1, 1)),
            (assign(ana()), d(1, 2)),
            (
                Command::ReportMissing {
                    reason: MissingReason::Stolen,
                },
                d(2, 1),
            ),
        ],
    );
    let roster = Roster::new(vec![]).unwrap();
    let report = audit(
        &Inputs::new(&roster, std::slice::from_ref(&a)),
        &Config::new(d(3, 1)),
        &mut Disclosure::new(DisclosurePolicy::default()),
    )
    .unwrap();
    assert_eq!(report.missing(), &[AssetTag::new("LT-14").unwrap()]);
    // Only a missing asset can be written off, and retiring it is not a write-off.
    let err = refused(
        &mut a,
        Command::Retire {
            disposition: Disposition::Disposed,
        },
        d(3, 1),
    );
    assert!(
        matches!(
            err,
            LogError::Lifecycle(LifecycleError::InvalidTransition {
                command: CommandKind::Retire,
                ..
            })
        ),
        "{err:?}"
    );
    assert!(matches!(
        WriteOff::new("  "),
        Err(RecordError::Empty {
            record: "write-off",
            field: "approved_by"
        })
    ));
    run(&mut a, &[(write_off("Finance controller"), d(3, 1))]);
    assert_eq!(a.log().state().status(), Status::WrittenOff);
    assert!(a.log().state().status().is_retired());
    match a.log().entries()[3].event().change() {
        Change::WrittenOff(approval) => assert_eq!(approval.approved_by(), "Finance controller"),
        other => panic!("{other:?}"),
    }
    let report = audit(
        &Inputs::new(&roster, std::slice::from_ref(&a)),
        &Config::new(d(4, 1)),
        &mut Disclosure::new(DisclosurePolicy::default()),
    )
    .unwrap();
    assert!(report.missing().is_empty());
    assert!(
        report
            .findings()
            .iter()
            .all(|f| f.code().as_str() != "ASSET-MISSING")
    );
    assert_eq!(report.audits_overdue(), 0);
    // It cannot be written off twice; if it turns up it comes back needing a wipe.
    let err = refused(&mut a, write_off("Finance controller"), d(4, 1));
    assert!(
        matches!(
            err,
            LogError::Lifecycle(LifecycleError::InvalidTransition {
                command: CommandKind::WriteOff,
                ..
            })
        ),
        "{err:?}"
    );
    run(&mut a, &[(Command::Recover, d(4, 2))]);
    assert_eq!(
        a.log().state().status(),
        Status::InStock(StockState::PendingSanitisation)
    );
}

#[test]
fn only_missing_assets_can_be_written_off() {
    let mut a = laptop("LT-15", d(1, 1));
    run(&mut a, &[(Command::Receive, d(1, 1))]);
    let err = refused(&mut a, write_off("CFO"), d(1, 2));
    assert!(
        matches!(
            err,
            LogError::Lifecycle(LifecycleError::InvalidTransition {
                command: CommandKind::WriteOff,
                state: Status::InStock(StockState::Available),
                ..
            })
        ),
        "{err:?}"
    );
}
