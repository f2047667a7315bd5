//! Golden tests: Microsoft's documented Excel examples, worked schedules from the
//! research notes, and IRS Publication 946 MACRS Tables.

use chrono::NaiveDate;
use remit_assets::depreciation::{
    Basis, DepreciationError, MacrsClass, MacrsConvention, Method, Proration, Schedule, excel,
    macrs_rates,
};
use remit_core::{Currency, Money};
use rust_decimal::{Decimal, RoundingStrategy};

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn r2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn usd(s: &str) -> Money {
    Money::new(dec(s), Currency::new("USD").unwrap())
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn amounts(s: &Schedule) -> Vec<Decimal> {
    s.lines().map(|l| l.depreciation.amount()).collect()
}

fn decs(xs: &[&str]) -> Vec<Decimal> {
    xs.iter().map(|x| dec(x)).collect()
}

// Microsoft support, "SLN function": cost 30,000, salvage 7,500, life 10 -> 2,250.
#[test]
fn excel_sln_documented_example() {
    assert_eq!(
        excel::sln(dec("30000"), dec("7500"), 10).unwrap(),
        dec("2250")
    );
}

// Microsoft support, "DDB function": cost 2,400, salvage 300, life 10 years.
#[test]
fn excel_ddb_documented_examples() {
    let (c, s) = (dec("2400"), dec("300"));
    assert_eq!(
        r2(excel::ddb(c, s, 3650, 1, Decimal::TWO).unwrap()),
        dec("1.32")
    );
    assert_eq!(
        r2(excel::ddb(c, s, 120, 1, Decimal::TWO).unwrap()),
        dec("40.00")
    );
    assert_eq!(
        r2(excel::ddb(c, s, 10, 1, Decimal::TWO).unwrap()),
        dec("480.00")
    );
    assert_eq!(
        r2(excel::ddb(c, s, 10, 2, dec("1.5")).unwrap()),
        dec("306.00")
    );
    assert_eq!(
        r2(excel::ddb(c, s, 10, 10, Decimal::TWO).unwrap()),
        dec("22.12")
    );
}

// Microsoft support, "SYD function": cost 30,000, salvage 7,500, life 10.
#[test]
fn excel_syd_documented_examples() {
    let (c, s) = (dec("30000"), dec("7500"));
    assert_eq!(r2(excel::syd(c, s, 10, 1).unwrap()), dec("4090.91"));
    assert_eq!(r2(excel::syd(c, s, 10, 10).unwrap()), dec("409.09"));
    // OpenOffice documentation: SYD(10000; 2000; 4; 1) = 3200.
    assert_eq!(
        excel::syd(dec("10000"), dec("2000"), 4, 1).unwrap(),
        dec("3200")
    );
    let bad = |function, argument| Err(DepreciationError::BadArgument { function, argument });
    assert_eq!(excel::syd(c, s, 10, 11), bad("SYD", "per"));
    assert_eq!(excel::ddb(c, s, 10, 0, Decimal::TWO), bad("DDB", "period"));
    assert_eq!(excel::sln(c, s, 0), bad("SLN", "life"));
}

#[test]
fn schedules_match_the_spreadsheet_functions() {
    // SYD schedule lines equal SYD per period (rounded), here with no rounding residue.
    let b = Basis::new(usd("30000"), usd("7500"), 120, date(2020, 1, 1)).unwrap();
    let s = b.schedule(&Method::SumOfYearsDigits).unwrap();
    let cumulative: Vec<Decimal> = s.lines().map(|l| l.accumulated.amount()).collect();
    let mut running = Decimal::ZERO;
    for (p, cum) in (1..=10).zip(cumulative) {
        running += excel::syd(dec("30000"), dec("7500"), 10, p).unwrap();
        assert_eq!(cum, r2(running));
    }
}

// Worked DDB example (research notes 4.2): 2,000 over 5 years.
#[test]
fn ddb_switches_to_straight_line() {
    let b = Basis::new(usd("2000"), usd("0"), 60, date(2025, 1, 1)).unwrap();
    let s = b.schedule(&Method::double_declining()).unwrap();
    assert_eq!(amounts(&s), decs(&["800", "480", "288", "216", "216"]));
    let b = Basis::new(usd("2000"), usd("200"), 60, date(2025, 1, 1)).unwrap();
    let s = b.schedule(&Method::double_declining()).unwrap();
    assert_eq!(amounts(&s), decs(&["800", "480", "288", "172.80", "59.20"]));
    assert_eq!(s.book_value_on(date(2040, 1, 1)), usd("200"));
}

#[test]
fn syd_worked_example() {
    let b = Basis::new(usd("2000"), usd("200"), 60, date(2025, 1, 1)).unwrap();
    let s = b.schedule(&Method::SumOfYearsDigits).unwrap();
    assert_eq!(amounts(&s), decs(&["600", "480", "360", "240", "120"]));
}

// Research notes 4.5: 1,500, salvage 300, 36 months, in service 2024-03-20.
#[test]
fn straight_line_proration_conventions() {
    let b = Basis::new(usd("1500"), usd("300"), 36, date(2024, 3, 20)).unwrap();
    let charge_2024 = |p| {
        let s = b.schedule(&Method::StraightLine(p)).unwrap();
        assert_eq!(s.total_depreciation(), usd("1200"));
        s.accumulated_on(date(2024, 12, 31)).amount()
    };
    assert_eq!(charge_2024(Proration::FullMonth), dec("333.33"));
    assert_eq!(charge_2024(Proration::MidMonth), dec("316.67"));
    assert_eq!(charge_2024(Proration::NextMonth), dec("300.00"));
    let mid = b
        .schedule(&Method::StraightLine(Proration::MidMonth))
        .unwrap();
    assert_eq!(mid.len(), 37);
    assert_eq!(mid.fully_depreciated_on(), Some(date(2027, 4, 1)));
    // Before the in-service date the book value is the cost.
    assert_eq!(mid.book_value_on(date(2024, 3, 19)), usd("1500"));
}

#[test]
fn excel_sln_matches_a_whole_year_of_monthly_lines() {
    let b = Basis::new(usd("30000"), usd("7500"), 120, date(2020, 1, 1)).unwrap();
    let s = b
        .schedule(&Method::StraightLine(Proration::FullMonth))
        .unwrap();
    assert_eq!(s.accumulated_on(date(2020, 12, 31)).amount(), dec("2250"));
}

/// IRS Publication 946, Appendix A: Table A-1 (half-year) and Tables
/// (mid-quarter, first to fourth quarter), 5- and 7-year columns, in percent.
const TABLES: &[(MacrsClass, MacrsConvention, u32, &[&str])] = &[
    (
        MacrsClass::FiveYear,
        MacrsConvention::HalfYear,
        1,
        &["20.00", "32.00", "19.20", "11.52", "11.52", "5.76"],
    ),
    (
        MacrsClass::SevenYear,
        MacrsConvention::HalfYear,
        1,
        &[
            "14.29", "24.49", "17.49", "12.49", "8.93", "8.92", "8.93", "4.46",
        ],
    ),
    (
        MacrsClass::FiveYear,
        MacrsConvention::MidQuarter,
        2,
        &["35.00", "26.00", "15.60", "11.01", "11.01", "1.38"],
    ),
    (
        MacrsClass::FiveYear,
        MacrsConvention::MidQuarter,
        5,
        &["25.00", "30.00", "18.00", "11.37", "11.37", "4.26"],
    ),
    (
        MacrsClass::FiveYear,
        MacrsConvention::MidQuarter,
        8,
        &["15.00", "34.00", "20.40", "12.24", "11.30", "7.06"],
    ),
    (
        MacrsClass::FiveYear,
        MacrsConvention::MidQuarter,
        11,
        &["5.00", "38.00", "22.80", "13.68", "10.94", "9.58"],
    ),
    (
        MacrsClass::SevenYear,
        MacrsConvention::MidQuarter,
        2,
        &[
            "25.00", "21.43", "15.31", "10.93", "8.75", "8.74", "8.75", "1.09",
        ],
    ),
    (
        MacrsClass::SevenYear,
        MacrsConvention::MidQuarter,
        5,
        &[
            "17.85", "23.47", "16.76", "11.97", "8.87", "8.87", "8.87", "3.34",
        ],
    ),
    (
        MacrsClass::SevenYear,
        MacrsConvention::MidQuarter,
        8,
        &[
            "10.71", "25.51", "18.22", "13.02", "9.30", "8.85", "8.86", "5.53",
        ],
    ),
    (
        MacrsClass::SevenYear,
        MacrsConvention::MidQuarter,
        11,
        &[
            "3.57", "27.55", "19.68", "14.06", "10.04", "8.73", "8.73", "7.64",
        ],
    ),
];

#[test]
fn macrs_tables_reproduce_exactly() {
    for &(class, convention, month, pct) in TABLES {
        let in_service = date(2025, month, 10);
        assert_eq!(
            macrs_rates(class, convention, in_service),
            decs(pct),
            "{class:?} {convention:?} month {month}"
        );
        // A basis of 10,000.00 depreciates by exactly pct × 100 each tax year.
        let b = Basis::new(usd("10000"), usd("0"), 60, in_service).unwrap();
        let s = b.schedule(&Method::Macrs { class, convention }).unwrap();
        let expected: Vec<Decimal> = decs(pct).iter().map(|p| p * Decimal::ONE_HUNDRED).collect();
        assert_eq!(amounts(&s), expected);
        assert_eq!(s.total_depreciation(), usd("10000"));
        // Tax years are calendar years; the first starts on the in-service date.
        let first = s.lines().next().unwrap();
        assert_eq!((first.start, first.end), (in_service, date(2026, 1, 1)));
    }
}

/// The tables are 200 % declining balance switching to straight line with the
/// convention's first-year fraction; recomputing them agrees to 0.02 point. (The IRS
/// rounds each year and lets the last year absorb the residue so each column sums to
/// 100, e.g. 7-year Q2 publishes 17.85 for 17.857 and a last year of 3.34 for 3.326.)
#[test]
fn macrs_tables_follow_from_the_rule() {
    for &(class, convention, month, pct) in TABLES {
        let life = match class {
            MacrsClass::FiveYear => 5,
            MacrsClass::SevenYear => 7,
        };
        let first_fraction = match convention {
            MacrsConvention::HalfYear => dec("0.5"),
            // 10.5, 7.5, 4.5 or 1.5 months of the first year.
            MacrsConvention::MidQuarter => Decimal::from(12 - 3 * ((month - 1) / 3)) - dec("1.5"),
        } / match convention {
            MacrsConvention::HalfYear => Decimal::ONE,
            MacrsConvention::MidQuarter => Decimal::from(12),
        };
        let rate = Decimal::TWO / Decimal::from(life);
        let mut value = Decimal::ONE_HUNDRED;
        let mut recomputed = Vec::new();
        let years = pct.len();
        let mut remaining_life = Decimal::from(life);
        for y in 0..years {
            let fraction = if y == 0 { first_fraction } else { Decimal::ONE };
            let declining = value * rate * fraction;
            let straight = if remaining_life > Decimal::ZERO {
                value * fraction.min(remaining_life) / remaining_life
            } else {
                value
            };
            let charge = if y + 1 == years {
                value
            } else {
                declining.max(straight).min(value)
            };
            remaining_life -= fraction;
            value -= charge;
            recomputed.push(charge);
        }
        for (got, want) in recomputed.iter().zip(decs(pct)) {
            assert!(
                (got - want).abs() <= dec("0.02"),
                "{class:?} {convention:?} m{month}: {got} vs {want}"
            );
        }
        assert_eq!(decs(pct).iter().sum::<Decimal>(), Decimal::ONE_HUNDRED);
    }
}

#[test]
fn macrs_worked_laptop() {
    let b = Basis::new(usd("2000"), usd("0"), 60, date(2025, 6, 1)).unwrap();
    let s = b
        .schedule(&Method::Macrs {
            class: MacrsClass::FiveYear,
            convention: MacrsConvention::HalfYear,
        })
        .unwrap();
    assert_eq!(
        amounts(&s),
        decs(&["400", "640", "384", "230.40", "230.40", "115.20"])
    );
    let with_salvage = Basis::new(usd("2000"), usd("1"), 60, date(2025, 6, 1)).unwrap();
    assert_eq!(
        with_salvage.schedule(&Method::Macrs {
            class: MacrsClass::FiveYear,
            convention: MacrsConvention::HalfYear
        }),
        Err(DepreciationError::MacrsSalvage { salvage: usd("1") })
    );
}
