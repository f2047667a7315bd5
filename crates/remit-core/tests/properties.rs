//! Property tests for remit-core's public entry points.

use chrono::NaiveDate;
use proptest::prelude::*;
use remit_core::rust_decimal::Decimal;
use remit_core::{
    AssetId, CountryCode, Currency, Department, Employee, EmployeeId, JobLevel, Money, MoneyError,
    Roster, RosterError, Rounding, WorkMode,
};

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(vec!["EUR", "USD", "JPY", "KWD", "INR", "GBP", "XAU"])
        .prop_map(|c| Currency::new(c).unwrap())
}

fn any_decimal() -> impl Strategy<Value = Decimal> {
    (any::<i128>(), 0u32..=28).prop_map(|(m, s)| {
        let m = m % 79_228_162_514_264_337_593_543_950_335i128;
        Decimal::try_from_i128_with_scale(m, s).unwrap_or(Decimal::ZERO)
    })
}

fn moderate_decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=6).prop_map(|(m, s)| Decimal::new(m, s))
}

proptest! {
    #[test]
    fn ids_round_trip_through_strings(raw in any::<u128>(), external in ".{0,40}") {
        let id = EmployeeId::from_uuid(uuid::Uuid::from_u128(raw));
        prop_assert_eq!(id.to_string().parse::<EmployeeId>().unwrap(), id);
        let mapped = AssetId::from_external(&external);
        prop_assert_eq!(mapped, AssetId::from_external(&external));
        prop_assert_eq!(mapped.to_string().parse::<AssetId>().unwrap(), mapped);
    }

    #[test]
    fn id_parsing_never_panics(text in ".{0,60}") {
        let _ = text.parse::<EmployeeId>();
    }

    #[test]
    fn work_mode_display_parses_back(mode in prop::sample::select(WorkMode::ALL.to_vec())) {
        prop_assert_eq!(mode.to_string().parse::<WorkMode>().unwrap(), mode);
        prop_assert_eq!(mode.to_string().to_uppercase().parse::<WorkMode>().unwrap(), mode);
    }

    #[test]
    fn work_mode_synonyms_survive_case_and_separators(
        synonym in prop::sample::select(vec![
            ("on site", WorkMode::Onsite), ("office", WorkMode::Onsite), ("in office", WorkMode::Onsite),
            ("hybrid", WorkMode::Hybrid), ("work from home", WorkMode::Remote), ("wfh", WorkMode::Remote),
        ]),
        upper in any::<bool>(),
        separator in prop::sample::select(vec![" ", "-", "_"]),
    ) {
        let (text, mode) = synonym;
        let mut spelled = text.replace(' ', separator);
        if upper { spelled = spelled.to_uppercase(); }
        prop_assert_eq!(spelled.parse::<WorkMode>().unwrap(), mode);
    }

    #[test]
    fn work_mode_parsing_never_panics(text in ".{0,40}") {
        if let Ok(mode) = text.parse::<WorkMode>() {
            prop_assert!(WorkMode::ALL.contains(&mode));
        }
    }

    #[test]
    fn country_parsing_never_panics(text in ".{0,6}") {
        if let Ok(code) = CountryCode::new(&text) {
            prop_assert_eq!(code.as_str().parse::<CountryCode>().unwrap(), code);
            prop_assert!(!code.name().is_empty());
        }
    }

    #[test]
    fn money_operations_never_panic(a in any_decimal(), b in any_decimal(), f in any_decimal(),
                                    ca in currency(), cb in currency(),
                                    places in 0u32..40) {
        let x = Money::new(a, ca);
        let y = Money::new(b, cb);
        let _ = x.checked_add(&y);
        let _ = x.checked_sub(&y);
        let _ = x.checked_mul(f);
        let _ = x.checked_div(f);
        let _ = x.checked_cmp(&y);
        let _ = x.negated();
        let _ = x.round_to(places, Rounding::HalfEven);
        for r in [Rounding::HalfUp, Rounding::HalfDown, Rounding::TowardZero, Rounding::AwayFromZero, Rounding::Floor, Rounding::Ceiling] {
            let _ = x.round(r);
        }
        if ca != cb {
            let mismatch = matches!(x.checked_add(&y), Err(MoneyError::CurrencyMismatch { .. }));
            prop_assert!(mismatch);
        }
    }

    #[test]
    fn overflow_is_an_error(c in currency(), small in 1i64..1_000_000) {
        let max = Money::new(Decimal::MAX, c);
        let overflowed = matches!(max.checked_add(&Money::new(Decimal::from(small), c)), Err(MoneyError::Overflow { .. }));
        prop_assert!(overflowed);
        let overflowed = matches!(max.checked_mul(Decimal::from(small + 1)), Err(MoneyError::Overflow { .. }));
        prop_assert!(overflowed);
    }

    #[test]
    fn addition_is_associative_and_commutative(a in moderate_decimal(), b in moderate_decimal(), c in moderate_decimal(), cur in currency()) {
        let (x, y, z) = (Money::new(a, cur), Money::new(b, cur), Money::new(c, cur));
        prop_assert_eq!(x.checked_add(&y).unwrap(), y.checked_add(&x).unwrap());
        let left = x.checked_add(&y).unwrap().checked_add(&z).unwrap();
        let right = x.checked_add(&y.checked_add(&z).unwrap()).unwrap();
        prop_assert_eq!(left, right);
    }
}

fn employee(id: u32, manager: Option<u32>) -> Employee {
    let mut b = Employee::builder(EmployeeId::from_external(&id.to_string()))
        .work_mode(WorkMode::Remote)
        .country(CountryCode::new("NP").unwrap())
        .time_zone(chrono_tz::Asia::Kathmandu)
        .level(JobLevel::new(1))
        .department(Department::new("Ops").unwrap())
        .hired_on(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
    if let Some(m) = manager {
        b = b.manager(EmployeeId::from_external(&m.to_string()));
    }
    b.build().unwrap()
}

proptest! {
    #[test]
    fn roster_rejects_duplicates(ids in prop::collection::vec(0u32..30, 1..40)) {
        let people: Vec<_> = ids.iter().map(|&i| employee(i, None)).collect();
        let distinct: std::collections::BTreeSet<_> = ids.iter().collect();
        match Roster::new(people) {
            Ok(r) => prop_assert_eq!(r.len(), ids.len()),
            Err(RosterError::DuplicateEmployee { employee, first, second }) => {
                prop_assert!(distinct.len() < ids.len());
                prop_assert!(first < second);
                prop_assert_eq!(employee, EmployeeId::from_external(&ids[second].to_string()));
            }
            Err(other) => prop_assert!(false, "unexpected {other}"),
        }
    }

    #[test]
    fn roster_rejects_dangling_managers(n in 1u32..30, managers in prop::collection::vec(prop::option::of(0u32..60), 30)) {
        // Managers only point "down" the id order, so a cycle is impossible; ids >= n dangle.
        let people: Vec<_> = (0..n)
            .map(|i| employee(i, managers[i as usize].filter(|&m| m < i || m >= n)))
            .collect();
        let dangling = (0..n).find(|&i| managers[i as usize].is_some_and(|m| m >= n));
        match (Roster::new(people), dangling) {
            (Ok(_), None) => {}
            (Err(RosterError::DanglingManager { employee, .. }), Some(i)) => {
                prop_assert_eq!(employee, EmployeeId::from_external(&i.to_string()));
            }
            (result, expected) => prop_assert!(false, "{result:?} but expected dangling {expected:?}"),
        }
    }
}

proptest! {
    #[test]
    fn roster_rejects_exactly_the_manager_cycles(managers in prop::collection::vec(prop::option::of(0u32..25), 1..25)) {
        let n = managers.len() as u32;
        // The builder already rejects managing oneself; longer cycles are the roster's job.
        let parent = |i: u32| managers[i as usize].filter(|&m| m < n && m != i);
        let people: Vec<_> = (0..n).map(|i| employee(i, parent(i))).collect();
        // Brute force: i is on a cycle iff following managers from i returns to i.
        let on_cycle = |i: u32| {
            let mut node = parent(i);
            for _ in 0..n {
                match node {
                    Some(m) if m == i => return true,
                    Some(m) => node = parent(m),
                    None => return false,
                }
            }
            false
        };
        let any_cycle = (0..n).any(on_cycle);
        match Roster::new(people) {
            Ok(r) => {
                prop_assert!(!any_cycle);
                prop_assert_eq!(r.len(), n as usize);
            }
            Err(RosterError::ManagerCycle { employee }) => {
                let i = (0..n).find(|&i| EmployeeId::from_external(&i.to_string()) == employee);
                prop_assert!(i.is_some_and(on_cycle), "{employee} is not on a cycle");
            }
            Err(other) => prop_assert!(false, "unexpected {other}"),
        }
    }
}

fn with_attributes(pairs: &[(String, String)]) -> Result<Employee, remit_core::EmployeeError> {
    let mut b = Employee::builder(EmployeeId::from_external("A-1"))
        .work_mode(WorkMode::Hybrid)
        .country(CountryCode::new("GB").unwrap())
        .time_zone(chrono_tz::Europe::London)
        .level(JobLevel::new(2))
        .department(Department::new(" Sales ").unwrap())
        .hired_on(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
    for (k, v) in pairs {
        b = b.attribute(k.as_str(), v.clone());
    }
    b.build()
}

proptest! {
    #[test]
    fn attributes_behave_like_a_sorted_map_of_trimmed_keys(
        pairs in prop::collection::vec((" ?[a-d]{0,2} ?", "[a-z]{0,3}"), 0..8),
    ) {
        let mut model = std::collections::BTreeMap::new();
        for (k, v) in &pairs {
            model.insert(k.trim().to_owned(), v.clone());
        }
        match with_attributes(&pairs) {
            Err(remit_core::EmployeeError::EmptyAttributeKey { .. }) => {
                prop_assert!(model.contains_key(""));
            }
            Err(other) => prop_assert!(false, "unexpected {other}"),
            Ok(e) => {
                prop_assert!(!model.contains_key(""));
                let attributes = e.attributes();
                prop_assert_eq!(attributes.len(), model.len());
                prop_assert_eq!(attributes.is_empty(), model.is_empty());
                let got: Vec<(&str, &str)> =
                    attributes.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let want: Vec<(&str, &str)> =
                    model.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                prop_assert_eq!(got, want);
                prop_assert_eq!(format!("{attributes:?}"), format!("{model:?}"));
                for key in ["", "a", "b", "ab", "dd", "zz"] {
                    prop_assert_eq!(e.attribute(key), model.get(key).map(String::as_str));
                }
                #[cfg(feature = "serde")]
                {
                    let json = serde_json::to_string(&e).unwrap();
                    let back: Employee = serde_json::from_str(&json).unwrap();
                    prop_assert_eq!(&back, &e);
                }
                prop_assert_eq!(e.department().as_str(), "Sales");
                // Rebuilding from the accessors gives an equal employee.
                let again = with_attributes(
                    &attributes.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>(),
                ).unwrap();
                prop_assert_eq!(again, e);
            }
        }
    }

    #[test]
    fn roster_index_finds_every_employee(raw in prop::collection::btree_set(any::<u128>(), 0..60), probe in any::<u128>()) {
        let people: Vec<Employee> = raw
            .iter()
            .map(|&r| {
                Employee::builder(EmployeeId::from_uuid(uuid::Uuid::from_u128(r)))
                    .work_mode(WorkMode::Onsite)
                    .country(CountryCode::new("DE").unwrap())
                    .time_zone(chrono_tz::Europe::Berlin)
                    .level(JobLevel::new(1))
                    .department(Department::new("Ops").unwrap())
                    .hired_on(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap())
                    .build()
                    .unwrap()
            })
            .collect();
        let roster = Roster::new(people).unwrap();
        for (position, e) in roster.iter().enumerate() {
            prop_assert_eq!(roster.get(e.id()), roster.as_slice().get(position));
            prop_assert_eq!(roster.position(e.id()), Some(position));
        }
        let missing = EmployeeId::from_uuid(uuid::Uuid::from_u128(probe));
        prop_assert_eq!(roster.get(missing).is_some(), raw.contains(&probe));
        prop_assert_eq!(roster.position(missing).is_some(), raw.contains(&probe));
    }
}
