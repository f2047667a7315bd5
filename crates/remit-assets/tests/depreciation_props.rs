//! Property tests: every schedule sums to cost − salvage to the cent, the book value
//! never drops below salvage and never rises.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use remit_assets::depreciation::{Basis, MacrsClass, MacrsConvention, Method, Proration};
use remit_core::{Currency, Money};
use rust_decimal::Decimal;

fn method(i: u8, factor_tenths: u8) -> Method {
    match i % 9 {
        0 => Method::StraightLine(Proration::FullMonth),
        1 => Method::StraightLine(Proration::MidMonth),
        2 => Method::StraightLine(Proration::NextMonth),
        3 => Method::double_declining(),
        4 => Method::DecliningBalance {
            factor: Decimal::new(i64::from(factor_tenths % 100) + 1, 1),
        },
        5 => Method::SumOfYearsDigits,
        6 => Method::Macrs {
            class: MacrsClass::FiveYear,
            convention: MacrsConvention::HalfYear,
        },
        7 => Method::Macrs {
            class: MacrsClass::SevenYear,
            convention: MacrsConvention::MidQuarter,
        },
        _ => Method::Macrs {
            class: MacrsClass::FiveYear,
            convention: MacrsConvention::MidQuarter,
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn schedules_are_complete_floored_and_monotone(
        cost_cents in 0i64..1_000_000_000,
        salvage_share in 0u32..=100,
        years in 1u32..=10,
        extra_months in 0u32..12,
        day in 0u64..20_000,
        m in any::<u8>(),
        factor in any::<u8>(),
        currency in prop::sample::select(vec!["EUR", "JPY", "KWD", "BRL"]),
    ) {
        let currency = Currency::new(currency).unwrap();
        let places = currency.minor_units().unwrap();
        let cost = Money::new(Decimal::new(cost_cents, places), currency);
        let method = method(m, factor);
        let is_macrs = matches!(method, Method::Macrs { .. });
        let annual = matches!(method, Method::DecliningBalance { .. } | Method::SumOfYearsDigits);
        let salvage_minor = if is_macrs { 0 } else { cost_cents * i64::from(salvage_share) / 100 };
        let salvage = Money::new(Decimal::new(salvage_minor, places), currency);
        let life = years * 12 + if annual { 0 } else { extra_months };
        let start = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + Days::new(day);
        let basis = Basis::new(cost, salvage, life, start).unwrap();
        let schedule = basis.schedule(&method).unwrap();

        let total: Decimal = schedule.lines().map(|l| l.depreciation.amount()).sum();
        prop_assert_eq!(total, cost.amount() - salvage.amount());
        prop_assert_eq!(schedule.total_depreciation().amount(), total);
        let mut previous_end = None;
        for line in schedule.lines() {
            prop_assert!(line.depreciation.amount() >= Decimal::ZERO);
            prop_assert!(line.book_value.amount() >= salvage.amount());
            prop_assert!(line.start < line.end);
            if let Some(p) = previous_end { prop_assert_eq!(p, line.start); }
            previous_end = Some(line.end);
        }
        // Book value on any date: within [salvage, cost] and never rising.
        let mut last = cost.amount();
        let mut date = start - Days::new(40);
        let end = schedule.fully_depreciated_on().unwrap() + Days::new(40);
        while date <= end {
            let bv = schedule.book_value_on(date).amount();
            prop_assert!(bv <= last, "book value rose on {}: {} > {}", date, bv, last);
            prop_assert!(bv >= salvage.amount());
            last = bv;
            date = date + Days::new(17);
        }
        prop_assert_eq!(schedule.book_value_on(end).amount(), salvage.amount());
    }
}
