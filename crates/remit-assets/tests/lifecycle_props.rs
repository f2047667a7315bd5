//! Property tests of the lifecycle state machine and its event log.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use remit_assets::*;
use remit_core::{AssetId, Currency, EmployeeId, EventId, Money};
use rust_decimal::Decimal;

fn employee(i: u8) -> EmployeeId {
    EmployeeId::from_external(&format!("E-{}", i % 4))
}

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
}

fn method(i: u8) -> SanitisationMethod {
    match i % 5 {
        0 => SanitisationMethod::Destroy,
        1 | 2 => SanitisationMethod::Clear,
        _ => SanitisationMethod::Purge,
    }
}

fn disposition(i: u8, e: EmployeeId) -> Disposition {
    match i % 6 {
        0 => Disposition::Disposed,
        1 => Disposition::Sold,
        2 => Disposition::Donated,
        3 => Disposition::Recycled,
        4 => Disposition::VendorCredit,
        _ => Disposition::GiftedToEmployee { employee: e },
    }
}

/// A command built from three small numbers; `on` is used for dates inside it.
fn command(kind: u8, arg: u8, on: NaiveDate) -> Command {
    let e = employee(arg);
    let eur = Currency::new("EUR").unwrap();
    match kind % 18 {
        0 => Command::Receive,
        1 => Command::Reserve { employee: e },
        2 => Command::CancelReservation,
        3 => {
            let dest = if arg.is_multiple_of(3) {
                Destination::Depot
            } else {
                Destination::Employee(e)
            };
            let s = Shipment::new(dest, "DHL", &format!("T{arg}"))
                .unwrap()
                .with_cost(Money::new(Decimal::from(arg), eur))
                .unwrap();
            Command::Ship(Box::new(s))
        }
        4 => Command::Deliver,
        5 => Command::Assign { employee: e },
        6 => Command::RequestReturn {
            due: on + Days::new(u64::from(arg % 40)),
            reason: ReturnReason::Offboarding,
        },
        7 => Command::CheckIn,
        8 => Command::FlagForRepair,
        9 => Command::StartRepair,
        10 => Command::CompleteRepair {
            cost: Some(Money::new(Decimal::from(arg), eur)),
        },
        11 => Command::Sanitise(Box::new(
            SanitisationRecord::new(
                method(arg),
                "overwrite",
                if method(arg) == SanitisationMethod::Destroy {
                    Verification::Inspection
                } else {
                    Verification::Full
                },
                on,
                "tech",
            )
            .unwrap(),
        )),
        12 => Command::MarkForDisposal,
        13 => Command::Retire {
            disposition: disposition(arg, e),
        },
        14 => Command::ReportMissing {
            reason: if arg.is_multiple_of(2) {
                MissingReason::Lost
            } else {
                MissingReason::Stolen
            },
        },
        15 => Command::Recover,
        16 => Command::RecordAudit,
        _ => Command::WriteOff(Box::new(
            WriteOff::new("finance controller")
                .unwrap()
                .with_reference(&format!("CASE-{arg}"))
                .unwrap(),
        )),
    }
}

fn steps() -> impl Strategy<Value = Vec<(u8, u8, u8)>> {
    prop::collection::vec((any::<u8>(), any::<u8>(), 0u8..5), 0..120)
}

fn run(stores_data: bool, steps: &[(u8, u8, u8)]) -> (EventLog, usize) {
    let mut log = EventLog::new(AssetId::from_external("LT-prop"), stores_data);
    let mut on = start();
    let mut refused = 0;
    for (i, &(kind, arg, gap)) in steps.iter().enumerate() {
        on = on + Days::new(u64::from(gap));
        let cmd = command(kind, arg, on);
        let before = log.clone();
        let before_state = *log.state();
        match log.execute(EventId::from_external(&format!("k{i}")), &cmd, on) {
            Ok(_) => {}
            Err(e) => {
                refused += 1;
                // An invalid command changes nothing, and its message names the asset.
                assert_eq!(log, before);
                assert_eq!(*log.state(), before_state);
                assert!(e.to_string().contains(&log.asset().to_string()));
            }
        }
    }
    (log, refused)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn replay_equals_incremental(stores in any::<bool>(), steps in steps()) {
        let (log, _) = run(stores, &steps);
        prop_assert_eq!(log.replay(), *log.state());
        prop_assert_eq!(log.state().events_applied(), log.version());
        // A snapshot part-way plus the rest gives the same state.
        let cut = steps.len() / 2;
        let mut head = EventLog::new(log.asset(), stores);
        for e in log.entries().iter().take(cut) {
            head.append(e.clone()).unwrap();
        }
        let snap = head.snapshot();
        prop_assert_eq!(log.replay_from(&snap).unwrap(), *log.state());
        // The rules never let an exposed asset be retired.
        prop_assert!(!log.state().retired_unsanitised());
    }

    #[test]
    fn serde_round_trip_is_lossless(stores in any::<bool>(), steps in steps()) {
        let (log, _) = run(stores, &steps);
        let json = serde_json::to_string(&log).unwrap();
        let back: EventLog = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &log);
        prop_assert_eq!(back.replay(), *log.state());
        let snap_json = serde_json::to_string(&log.snapshot()).unwrap();
        let snap: Snapshot = serde_json::from_str(&snap_json).unwrap();
        prop_assert_eq!(snap, log.snapshot());
    }

    #[test]
    fn duplicates_are_idempotent(steps in steps()) {
        let (mut log, _) = run(true, &steps);
        let version = log.version();
        let entries = log.entries().to_vec();
        for e in entries {
            prop_assert_eq!(log.append(e.clone()).unwrap(), Appended::Duplicate { sequence: e.sequence() });
        }
        prop_assert_eq!(log.version(), version);
    }

    /// Arbitrary imported envelopes (any change, any sequence, any date) never panic, and
    /// a log that accepted them still replays to its incremental state.
    #[test]
    fn imports_never_panic(raw in prop::collection::vec((any::<u8>(), any::<u8>(), 0u64..6, any::<u16>()), 0..80)) {
        let mut log = EventLog::new(AssetId::from_external("LT-imp"), true);
        let mut on = start();
        for (i, (kind, arg, seq_jitter, day)) in raw.into_iter().enumerate() {
            let date = on + Days::new(u64::from(day % 20));
            on = on + Days::new(1);
            let change = match command(kind, arg, date) {
                Command::Receive => Change::Received,
                Command::Reserve { employee } => Change::Reserved { employee },
                Command::CancelReservation => Change::ReservationCancelled,
                Command::Ship(s) => Change::Shipped(s),
                Command::Deliver => Change::Delivered,
                Command::Assign { employee } => Change::Assigned { employee },
                Command::RequestReturn { due, reason } => Change::ReturnRequested { due, reason },
                Command::CheckIn => Change::CheckedIn,
                Command::FlagForRepair => Change::RepairFlagged,
                Command::StartRepair => Change::RepairStarted,
                Command::CompleteRepair { cost } => Change::RepairCompleted { cost },
                Command::Sanitise(r) => Change::Sanitised(r),
                Command::MarkForDisposal => Change::DisposalMarked,
                Command::Retire { disposition } => Change::Retired { disposition },
                Command::ReportMissing { reason } => Change::ReportedMissing { reason },
                Command::Recover => Change::Recovered,
                Command::RecordAudit => Change::Audited,
                Command::WriteOff(w) => Change::WrittenOff(w),
            };
            let seq = (log.version() + seq_jitter).saturating_sub(2).max(1);
            let key = EventId::from_external(&format!("i{}", i % 50));
            let _ = log.append(Envelope::new(seq, key, Event::new(date, change)));
        }
        prop_assert_eq!(log.replay(), *log.state());
        let _ = log.custody_chain();
    }
}

#[test]
fn many_valid_steps_happen() {
    // Guard against a vacuous property: a scripted sequence is mostly accepted.
    let steps: Vec<(u8, u8, u8)> = [0u8, 1, 3, 4, 6, 3, 0, 11, 5, 7, 11, 12, 13]
        .iter()
        .map(|&k| (k, 1, 1))
        .collect();
    let (log, refused) = run(true, &steps);
    assert!(
        log.version() >= 10,
        "only {} accepted, {refused} refused",
        log.version()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Sequences of *valid* commands only: at each step the first command the rules
    /// accept, starting from a random kind. Long histories, every step applied.
    #[test]
    fn valid_sequences_replay(stores in any::<bool>(), picks in prop::collection::vec((any::<u8>(), any::<u8>(), 0u8..4), 1..150)) {
        let mut log = EventLog::new(AssetId::from_external("LT-valid"), stores);
        let mut on = start();
        let mut accepted = 0u64;
        for (i, &(offset, arg, gap)) in picks.iter().enumerate() {
            on = on + Days::new(u64::from(gap));
            let step = (0..18u8).map(|k| command(offset % 18 + k, arg, on)).find_map(|cmd| {
                let before = log.version();
                log.execute(EventId::from_external(&format!("v{i}")), &cmd, on).ok().filter(|_| log.version() > before)
            });
            if step.is_none() {
                // Only a retired asset accepts nothing.
                prop_assert!(log.state().status().is_retired());
                break;
            }
            accepted += 1;
            prop_assert_eq!(log.replay(), *log.state());
        }
        prop_assert_eq!(log.version(), accepted);
        let back: EventLog = serde_json::from_str(&serde_json::to_string(&log).unwrap()).unwrap();
        prop_assert_eq!(back, log);
    }
}
