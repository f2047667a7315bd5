//! Property tests: no input makes the library panic, every figure the report shows is
//! of a group of at least the engine's minimum, and no combination of the released
//! groups isolates fewer people than that.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use proptest::prelude::*;
use remit_core::disclosure::verify::smallest_computable_set;
use remit_core::disclosure::{Disclosure, DisclosurePolicy, MinGroupSize, PopulationKey};
use remit_core::{
    Audit, AuditExt as _, CountryCode, Department, Domain, Employee, EmployeeId, JobLevel, Period,
    Roster, WorkMode,
};
use remit_promotion_bias::{
    Config, Inputs, POOL, PromotionEvent, PromotionRecord, PromotionTable, ReferenceGroup,
    Stratification, audit, records_from_history, table_from_history,
};

#[derive(Debug, Clone)]
struct Row {
    mode: usize,
    level: u8,
    dept: u8,
    performance: f64,
    tenure: f64,
    promoted: bool,
    months: f64,
    gender: Option<u8>,
}

/// `records_from_history` as first written (each event's employee looked up in the
/// workforce before anything else, then one builder per pool member): the reference
/// the shared pool walk of `records_from_history` and `table_from_history` must match,
/// records and errors alike.
fn reference_records(
    roster: &Roster,
    events: &[PromotionEvent],
    ratings: &BTreeMap<EmployeeId, f64>,
    window: Period,
) -> Result<Vec<PromotionRecord>, remit_promotion_bias::Error> {
    use remit_core::Workforce as _;
    let mut first: BTreeMap<EmployeeId, NaiveDate> = BTreeMap::new();
    for (index, e) in events.iter().enumerate() {
        if roster.employee(e.employee()).is_none() {
            return Err(remit_promotion_bias::Error::UnknownEmployee {
                index,
                employee: e.employee(),
            });
        }
        if window.contains(e.on()) {
            let d = first.entry(e.employee()).or_insert(e.on());
            *d = (*d).min(e.on());
        }
    }
    let start = window.start();
    let mut records = Vec::new();
    for employee in roster.iter().filter(|e| e.is_active_on(start)) {
        let id = employee.id();
        let rating = *ratings
            .get(&id)
            .ok_or(remit_promotion_bias::Error::MissingRating { employee: id })?;
        let (promoted, end) = match first.get(&id) {
            Some(&on) => (true, on.succ_opt().unwrap_or(on)),
            None => (
                false,
                employee
                    .left_on()
                    .map_or(window.end(), |l| l.min(window.end())),
            ),
        };
        let mut b = PromotionRecord::builder(id)
            .work_mode(employee.work_mode())
            .level(employee.level())
            .department(employee.department().clone())
            .performance(rating)
            .tenure_months(f64::from(employee.tenure_months(start)))
            .promoted(promoted)
            .months_to_event(remit_core::period::months_between_fractional(start, end));
        for (k, v) in employee.attributes() {
            b = b.attribute(k.as_str(), v.as_str());
        }
        records.push(b.build()?);
    }
    Ok(records)
}

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        8 => -10.0f64..100.0,
        1 => Just(0.0),
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(-1e300),
    ]
}

fn row() -> impl Strategy<Value = Row> {
    (
        0usize..3,
        0u8..6,
        0u8..3,
        any_f64(),
        any_f64(),
        any::<bool>(),
        any_f64(),
        proptest::option::of(0u8..3),
    )
        .prop_map(
            |(mode, level, dept, performance, tenure, promoted, months, gender)| Row {
                mode,
                level,
                dept,
                performance,
                tenure,
                promoted,
                months,
                gender,
            },
        )
}

fn build(i: usize, r: &Row) -> Option<PromotionRecord> {
    let mut b = PromotionRecord::builder(EmployeeId::from_external(&format!("E-{i}")))
        .work_mode(WorkMode::ALL[r.mode])
        .level(JobLevel::new(r.level))
        .department(Department::new(&format!("D{}", r.dept)).ok()?)
        .performance(r.performance)
        .tenure_months(r.tenure)
        .promoted(r.promoted)
        .months_to_event(r.months);
    if let Some(g) = r.gender {
        b = b.attribute("gender", format!("g{g}"));
    }
    b.build().ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn audit_never_panics_and_never_leaks_small_cohorts(
        rows in proptest::collection::vec(row(), 0..120),
        min in 1u32..12,
        highest in any::<bool>(),
        by_department in any::<bool>(),
    ) {
        let records: Vec<PromotionRecord> =
            rows.iter().enumerate().filter_map(|(i, r)| build(i, r)).collect();
        let config = Config::new(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())
            .with_reference(if highest { ReferenceGroup::HighestRate } else { ReferenceGroup::default() })
            .with_stratification(if by_department { Stratification::Department } else { Stratification::Level })
            .with_intersections(["gender"])
            .unwrap();
        let policy = DisclosurePolicy::default()
            .with_min_group(MinGroupSize::new(min).unwrap())
            .with_release_log();
        let mut engine = Disclosure::new(policy);
        let table = PromotionTable::from_records(&records);
        let report = audit(&Inputs::from_table(&table), &config, &mut engine).unwrap();
        let min = u64::from(min);
        let published: Vec<WorkMode> = report.groups().iter().map(|g| g.work_mode).collect();
        for g in report.groups() {
            prop_assert!(g.n >= min);
        }
        prop_assert_eq!(report.n(), report.groups().iter().map(|g| g.n).sum::<u64>());
        for c in report.comparisons() {
            prop_assert!(published.contains(&c.work_mode) && published.contains(&c.reference));
            prop_assert!((0.0..=1.0).contains(&c.adjusted_p_value));
        }
        for cell in report.intersections() {
            if let Some(n) = cell.n.published() {
                prop_assert!(n >= min, "{cell:?}");
            } else {
                prop_assert!(cell.rate.is_none() && cell.impact_ratio.is_none());
            }
        }
        for f in report.findings() {
            if let Some(mode) = f.cohort().get("work_mode") {
                prop_assert!(published.iter().any(|m| m.as_str() == mode), "{f:?}");
            }
            if let Some(a) = f.affected() {
                prop_assert!(a >= min, "{f:?}");
            }
        }
        prop_assert_eq!(report.health().score().is_some(), report.coverage().is_measured());
        let key = PopulationKey::new(Domain::PromotionBias, POOL);
        let released = engine.released_groups(&key).unwrap();
        for group in &released {
            prop_assert!(group.len() as u64 >= min);
        }
        let leak = smallest_computable_set(&released, u32::try_from(min).unwrap(), 20_000);
        prop_assert!(leak.is_none(), "{leak:?}");
    }

    #[test]
    fn history_never_panics(
        hires in proptest::collection::vec((0i64..2000, proptest::option::of(1i64..900), 0usize..3), 0..30),
        events in proptest::collection::vec((0usize..40, 0i64..2500), 0..40),
        rating in any_f64(),
        unrated in proptest::option::of(0usize..30),
        window_start in 0i64..2000,
        window_len in 1i64..800,
    ) {
        let base = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let day = |d: i64| base + chrono::Duration::days(d);
        let employees: Vec<Employee> = hires
            .iter()
            .enumerate()
            .filter_map(|(i, &(hired, stay, mode))| {
                let mut b = Employee::builder(EmployeeId::from_external(&format!("E-{i}")))
                    .work_mode(WorkMode::ALL[mode])
                    .country(CountryCode::new("DE").ok()?)
                    .time_zone(chrono_tz::Europe::Berlin)
                    .level(JobLevel::new(1))
                    .department(Department::new(["Ops", "Sales"][mode % 2]).ok()?)
                    .hired_on(day(hired));
                if mode > 0 {
                    b = b.attribute("gender", ["f", "m"][i % 2]);
                }
                if mode == 2 {
                    b = b.attribute("band", "x");
                }
                if let Some(s) = stay {
                    b = b.left_on(day(hired + s));
                }
                b.build().ok()
            })
            .collect();
        let roster = Roster::new(employees).unwrap();
        let events: Vec<PromotionEvent> = events
            .iter()
            .map(|&(who, when)| PromotionEvent::new(EmployeeId::from_external(&format!("E-{who}")), day(when)))
            .collect();
        let ratings: BTreeMap<EmployeeId, f64> = roster
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != unrated)
            .map(|(_, e)| (e.id(), rating))
            .collect();
        let window = Period::new(day(window_start), day(window_start + window_len)).unwrap();
        let records = records_from_history(&roster, &events, &ratings, window);
        if let Ok(records) = &records {
            for r in records {
                prop_assert!(r.months_to_event() > 0.0);
            }
        }
        // Records and errors as the reference gives them (compared as printed: a NaN
        // rating in an error is not equal to itself); the table holds the same records
        // (or fails the same way).
        let reference = reference_records(&roster, &events, &ratings, window);
        prop_assert_eq!(format!("{records:?}"), format!("{reference:?}"));
        match (&records, table_from_history(&roster, &events, &ratings, window)) {
            (Ok(records), Ok(table)) => {
                prop_assert_eq!(&table.to_records(), records);
                prop_assert_eq!(table, PromotionTable::from_records(records));
            }
            (Err(a), Err(b)) => prop_assert_eq!(format!("{a:?}"), format!("{b:?}")),
            (a, b) => prop_assert!(false, "records {a:?}, table {b:?}"),
        }
        // The same through the audit's own entry point: an error or a report, never a
        // panic.
        let as_of = window.end();
        let months = u32::try_from(window_len / 31 + 1).unwrap_or(1).min(120);
        let config = Config::new(as_of).with_window_months(months).unwrap();
        let inputs = Inputs::new(&roster, &events, &ratings);
        let _ = audit(&inputs, &config, &mut Disclosure::new(DisclosurePolicy::default()));
    }
}
