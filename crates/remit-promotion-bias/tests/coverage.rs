//! Issue 15 for promotions: too little data is "not measured" with the reason (never an
//! error, never 100/100), degenerate estimates are said in words, and the inputs'
//! errors name the record and change nothing.

mod support;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use remit_core::disclosure::{Disclosure, DisclosurePolicy, PopulationKey};
use remit_core::{
    Audit, AuditExt as _, CountryCode, Coverage, Department, Domain, Employee, EmployeeId,
    JobLevel, Roster, WorkMode,
};
use remit_promotion_bias::{
    Config, Error, Inputs, POOL, PromotionEvent, PromotionRecord, PromotionTable, ReferenceGroup,
    audit, codes,
};
use support::{as_of, audit_records, audit_table, config, engine, record};

fn reason(coverage: &Coverage) -> &str {
    match coverage {
        Coverage::NotMeasured { reason } => reason,
        Coverage::Measured => panic!("expected not measured"),
    }
}

#[test]
fn no_rows_is_not_measured_not_an_error() {
    let report = audit_table(&PromotionTable::new(), &config());
    assert_eq!(
        reason(report.coverage()),
        "no promotion records: nobody was in the pool of the window"
    );
    assert_eq!(report.health().score(), None);
    assert!(report.findings().is_empty() && report.charts().is_empty());
    assert_eq!((report.n(), report.reference()), (0, None));
}

#[test]
fn one_group_or_no_reference_is_not_measured() {
    let onsite: Vec<PromotionRecord> = (0..50)
        .map(|i| record(i, WorkMode::Onsite, i % 4 == 0))
        .collect();
    let report = audit_records(&onsite);
    assert_eq!(
        reason(report.coverage()),
        "only the onsite group can be published, so there is nothing to compare it with"
    );
    // The one group is still shown.
    assert_eq!(report.group(WorkMode::Onsite).unwrap().n, 50);

    // Remote and hybrid, but only three onsite people: the reference is withheld.
    let mut records: Vec<PromotionRecord> = (0..100)
        .map(|i| record(i, WorkMode::ALL[1 + (i % 2) as usize], i % 4 == 0))
        .collect();
    records.extend((100..103).map(|i| record(i, WorkMode::Onsite, false)));
    let report = audit_records(&records);
    assert_eq!(
        reason(report.coverage()),
        "the onsite reference group is withheld (too few people to publish), so there is \
         nothing to compare against"
    );
    assert!(report.comparisons().is_empty());
    // The highest-rate reference works on the same data.
    let table = PromotionTable::from_records(&records);
    let report = audit_table(
        &table,
        &config().with_reference(ReferenceGroup::HighestRate),
    );
    assert!(report.reference().is_some());
    assert_eq!(report.comparisons().len(), 1);
}

#[test]
fn an_underpowered_analysis_is_not_measured_and_says_so() {
    // 25 onsite and 25 remote, similar rates: no gap found, and no power to find one.
    let records: Vec<PromotionRecord> = (0..50)
        .map(|i| record(i, WorkMode::ALL[2 * (i % 2) as usize], i % 5 == 0))
        .collect();
    let report = audit_records(&records);
    let why = reason(report.coverage());
    assert!(
        why.starts_with(
            "too few people to see a four-fifths gap: at 80% power, remote against onsite"
        ),
        "{why}"
    );
    assert_eq!(report.health().score(), None);
    assert!(
        report
            .findings()
            .iter()
            .any(|f| f.code() == &codes::UNDERPOWERED)
    );
}

#[test]
fn a_small_but_significant_gap_is_measured() {
    // Small groups, but nobody remote promoted against half of onsite: judged.
    let records: Vec<PromotionRecord> = (0..60)
        .map(|i| {
            let remote = i % 2 == 1;
            record(
                i,
                if remote {
                    WorkMode::Remote
                } else {
                    WorkMode::Onsite
                },
                !remote && i % 4 == 0,
            )
        })
        .collect();
    let report = audit_records(&records);
    assert_eq!(report.coverage(), &Coverage::Measured);
    let f = report
        .findings()
        .iter()
        .find(|f| f.code() == &codes::IMPACT_RATIO)
        .unwrap();
    // Zero promotions are said in words, not as "0.00×".
    assert_eq!(
        f.title(),
        "No remote employee was promoted, against 50.0% of onsite employees (four-fifths \
         rule not met)"
    );
    assert!(
        f.detail()
            .contains("No remote employee was promoted, so the impact ratio is 0 and has no confidence interval."),
        "{}",
        f.detail()
    );
    for f in report.findings() {
        for text in [f.title(), f.detail()] {
            assert!(!text.contains("0.00×") && !text.contains("0.00–"), "{text}");
        }
    }
}

#[test]
fn separation_is_explained_not_printed() {
    // Promotion is exactly "rating 1" onsite and "rating 1, one in two" remote: the
    // rating predicts promotion perfectly (the README's old stand-in data).
    let records: Vec<PromotionRecord> = (0..900u32)
        .map(|i| {
            let remote = i % 3 == 0;
            let promoted = i % if remote { 10 } else { 5 } == 0;
            PromotionRecord::builder(EmployeeId::from_external(&format!("E-{i}")))
                .work_mode(if remote {
                    WorkMode::Remote
                } else {
                    WorkMode::Onsite
                })
                .level(JobLevel::new(1 + (i % 4) as u8))
                .department(Department::new("Engineering").unwrap())
                .performance(f64::from(1 + i % 5))
                .tenure_months(f64::from(6 + i % 60))
                .promoted(promoted)
                .months_to_event(if promoted { 6.0 } else { 12.0 })
                .build()
                .unwrap()
        })
        .collect();
    let report = audit_records(&records);
    let term = report
        .comparison(WorkMode::Remote)
        .unwrap()
        .logistic
        .unwrap();
    assert!(term.firth && term.odds_ratio < 0.005);
    let adjusted = report
        .findings()
        .iter()
        .find(|f| f.code() == &codes::ADJUSTED_GAP)
        .unwrap();
    assert_eq!(
        adjusted.title(),
        "Remote employees are promoted less often than onsite employees with the same \
         performance, tenure and level; the model cannot size the gap"
    );
    assert!(
        adjusted.detail().contains("(separation)"),
        "{}",
        adjusted.detail()
    );
    assert!(
        adjusted.detail().contains("over 900 employees"),
        "{}",
        adjusted.detail()
    );
    assert_eq!(adjusted.metric(), None);
    for f in report.findings() {
        for printed in ["0.00×", "ratio 0.00", "CI 0.00"] {
            assert!(!f.title().contains(printed) && !f.detail().contains(printed));
        }
    }
}

#[test]
fn a_repeated_employee_names_both_rows_and_releases_nothing() {
    let mut records: Vec<PromotionRecord> = (0..30)
        .map(|i| record(i, WorkMode::ALL[(i % 3) as usize], i % 4 == 0))
        .collect();
    records.push(record(7, WorkMode::Remote, true));
    let table = PromotionTable::from_records(&records);
    let mut disclosure = engine();
    let err = audit(&Inputs::from_table(&table), &config(), &mut disclosure).unwrap_err();
    assert_eq!(
        err,
        Error::DuplicateEmployee {
            employee: EmployeeId::from_external("E-7"),
            first: 7,
            second: 30,
        }
    );
    let key = PopulationKey::new(Domain::PromotionBias, POOL);
    assert_eq!(disclosure.released_groups(&key), None);
    assert_eq!(disclosure.populations().count(), 0);
}

fn person(id: u32, mode: WorkMode, hired: NaiveDate) -> Employee {
    Employee::builder(EmployeeId::from_external(&format!("P-{id}")))
        .work_mode(mode)
        .country(CountryCode::new("GB").unwrap())
        .time_zone(remit_core::chrono_tz::Europe::London)
        .level(JobLevel::new(1 + (id % 3) as u8))
        .department(Department::new("Sales").unwrap())
        .hired_on(hired)
        .build()
        .unwrap()
}

#[test]
fn people_through_the_workforce() {
    let hired = NaiveDate::from_ymd_opt(2020, 1, 6).unwrap();
    let late = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    let mut people: Vec<Employee> = (0..120)
        .map(|i| person(i, WorkMode::ALL[2 * (i % 2) as usize], hired))
        .collect();
    people.push(person(500, WorkMode::Remote, late)); // hired during the window
    let roster = Roster::new(people).unwrap();
    let on = NaiveDate::from_ymd_opt(2024, 4, 2).unwrap();
    // Half of onsite promoted, a tenth of remote.
    let events: Vec<PromotionEvent> = (0..120)
        .filter(|i| if i % 2 == 0 { i % 4 == 0 } else { i % 20 == 1 })
        .map(|i| PromotionEvent::new(EmployeeId::from_external(&format!("P-{i}")), on))
        .collect();
    let ratings: BTreeMap<EmployeeId, f64> = roster
        .iter()
        .map(|e| (e.id(), 3.0 + f64::from(e.level().rank() % 2)))
        .collect();
    let inputs = Inputs::new(&roster, &events, &ratings);
    let config = Config::new(as_of());
    let report = audit(&inputs, &config, &mut engine()).unwrap();
    assert_eq!(report.window(), Some(config.window().unwrap()));
    // The late joiner is not in the pool.
    assert_eq!(report.n(), 120);
    let remote = report.group(WorkMode::Remote).unwrap();
    assert_eq!((remote.n, remote.promoted), (60, 6));
    assert!(
        report
            .findings()
            .iter()
            .any(|f| f.code() == &codes::IMPACT_RATIO)
    );

    // An event naming someone outside the roster: named, with its position.
    let mut bad = events.clone();
    bad.push(PromotionEvent::new(EmployeeId::from_external("nobody"), on));
    let mut disclosure = Disclosure::new(DisclosurePolicy::default());
    let err = audit(
        &Inputs::new(&roster, &bad, &ratings),
        &config,
        &mut disclosure,
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::UnknownEmployee {
            index: events.len(),
            employee: EmployeeId::from_external("nobody"),
        }
    );
    assert_eq!(disclosure.populations().count(), 0);
}
