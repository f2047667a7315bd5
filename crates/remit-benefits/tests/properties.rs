//! Property tests: no panic on any input, and every count the report publishes is the
//! size of a group the disclosure engine granted.

use chrono::{Months, NaiveDate};
use proptest::prelude::*;
use std::collections::BTreeSet;

use remit_benefits::{
    Benefit, BenefitsReport, Catalogue, Config, Eligibility, Enrolments, ExchangeRates, Inputs,
    MarginalRates, OfficeDays, Proration, TaxTreatment, VALUED, Valuation,
};
use remit_core::disclosure::{
    Disclosed, Disclosure, DisclosurePolicy, MinGroupSize, PopulationKey,
};
use remit_core::{
    Audit, BenefitId, CountryCode, Currency, Department, Domain, Employee, EmployeeId,
    ExchangeRate, JobLevel, Money, Roster, WorkMode,
};
use rust_decimal::Decimal;

const COUNTRIES: [&str; 5] = ["DE", "IN", "JP", "US", "KW"];
const CURRENCIES: [&str; 5] = ["EUR", "INR", "JPY", "USD", "KWD"];
const TAXES: [TaxTreatment; 4] = [
    TaxTreatment::TaxableStipend,
    TaxTreatment::TaxableInKind,
    TaxTreatment::TaxFreeReimbursement,
    TaxTreatment::TaxFreeInKind,
];

#[derive(Debug, Clone)]
struct BenefitSpec {
    modes: u8,
    currency: usize,
    per_use: bool,
    amount: i64,
    uses: i64,
    prorate: bool,
    tax: usize,
    local_price: Option<(usize, i64)>,
    min_tenure: u32,
}

fn benefit_spec() -> impl Strategy<Value = BenefitSpec> {
    (
        1u8..8,
        prop::option::weighted(0.2, 0usize..5).prop_map(|c| c.unwrap_or(0)),
        any::<bool>(),
        -10i64..1_000_000,
        -2i64..400,
        any::<bool>(),
        0usize..4,
        prop::option::of((0usize..5, 0i64..100_000)),
        0u32..30,
    )
        .prop_map(
            |(modes, currency, per_use, amount, uses, prorate, tax, local_price, min_tenure)| {
                BenefitSpec {
                    modes,
                    currency,
                    per_use,
                    amount,
                    uses,
                    prorate,
                    tax,
                    local_price,
                    min_tenure,
                }
            },
        )
}

#[derive(Debug, Clone)]
struct Input {
    people: Vec<(usize, usize, u8, u32, Option<u8>)>,
    benefits: Vec<BenefitSpec>,
    pairs: Vec<(usize, usize)>,
    enrol: Vec<(usize, usize, Option<i64>)>,
    rates: Vec<Option<i64>>,
    min_group: u32,
    after_tax: bool,
}

fn input() -> impl Strategy<Value = Input> {
    (
        prop::collection::vec(
            (
                0usize..3,
                0usize..5,
                1u8..5,
                0u32..120,
                prop::option::of(0u8..8),
            ),
            0..90,
        ),
        prop::collection::vec(benefit_spec(), 1..6),
        prop::collection::vec((0usize..6, 0usize..6), 0..3),
        prop::collection::vec(
            (0usize..90, 0usize..6, prop::option::of(-3i64..5_000)),
            0..300,
        ),
        prop::collection::vec(prop::option::weighted(0.95, 1i64..100_000), 5..6),
        1u32..12,
        any::<bool>(),
    )
        .prop_map(
            |(people, benefits, pairs, enrol, rates, min_group, after_tax)| Input {
                people,
                benefits,
                pairs,
                enrol,
                rates,
                min_group,
                after_tax,
            },
        )
}

fn run(input: &Input) -> Option<(BenefitsReport, BTreeSet<u64>)> {
    let as_of = NaiveDate::from_ymd_opt(2026, 1, 1)?;
    let cur = |i: usize| Currency::new(CURRENCIES[i % 5]).ok();
    let mut catalogue = Catalogue::builder();
    let mut ids = Vec::new();
    for (i, b) in input.benefits.iter().enumerate() {
        let id = BenefitId::from_external(&format!("b{i}"));
        ids.push(id);
        let currency = cur(b.currency)?;
        let amount = Money::new(Decimal::new(b.amount, 2), currency);
        let valuation = if b.per_use {
            Valuation::per_use(amount, Decimal::from(b.uses))
        } else {
            Valuation::annual(amount)
        };
        let modes = WorkMode::ALL
            .into_iter()
            .enumerate()
            .filter(|(k, _)| b.modes & (1 << k) != 0)
            .map(|(_, m)| m);
        let mut builder = Benefit::builder(id, format!("benefit {i}"))
            .eligibility(Eligibility::work_modes(modes).min_tenure_months(b.min_tenure))
            .valuation(valuation)
            .proration(if b.prorate {
                Proration::ByOfficeDays
            } else {
                Proration::None
            })
            .tax(TAXES[b.tax % 4]);
        if let Some((c, price)) = b.local_price {
            builder = builder.valuation_in(
                CountryCode::new(COUNTRIES[c % 5]).ok()?,
                Valuation::annual(Money::new(Decimal::new(price, 1), cur(c)?)),
            );
        }
        let Ok(benefit) = builder.build() else {
            return None;
        };
        catalogue = catalogue.benefit(benefit);
    }
    for &(a, b) in &input.pairs {
        if let (Some(a), Some(b)) = (ids.get(a), ids.get(b)) {
            catalogue = catalogue.pair(*a, *b);
        }
    }
    let catalogue = catalogue.build().ok()?;
    let mut people = Vec::new();
    for (i, &(mode, country, level, tenure, days)) in input.people.iter().enumerate() {
        people.push(
            Employee::builder(EmployeeId::from_external(&format!("e{i}")))
                .work_mode(WorkMode::ALL[mode % 3])
                .country(CountryCode::new(COUNTRIES[country % 5]).ok()?)
                .time_zone(remit_core::chrono_tz::UTC)
                .level(JobLevel::new(level))
                .department(Department::new("D").ok()?)
                .hired_on(as_of.checked_sub_months(Months::new(tenure))?)
                .build()
                .ok()?,
        );
        let _ = days;
    }
    let roster = Roster::new(people.clone()).ok()?;
    let mut enrolments = Enrolments::new(&catalogue);
    for &(e, b, uses) in &input.enrol {
        let (Some(employee), Some(benefit)) = (people.get(e), ids.get(b)) else {
            continue;
        };
        let _ = match uses {
            Some(u) => enrolments.enrol_with_uses(employee.id(), *benefit, Decimal::new(u, 1)),
            None => enrolments.enrol(employee.id(), *benefit),
        };
    }
    for (i, &(.., days)) in input.people.iter().enumerate() {
        if let (Some(d), Some(p)) = (days, people.get(i))
            && let Some(days) = OfficeDays::new(Decimal::from(d))
        {
            enrolments.set_office_days(p.id(), days);
        }
    }
    let eur = Currency::new("EUR").ok()?;
    let mut rates = ExchangeRates::new(eur);
    for (c, r) in input.rates.iter().enumerate() {
        let Some(r) = *r else { continue };
        if let Ok(rate) = ExchangeRate::new(cur(c)?, eur, Decimal::new(r, 4)) {
            rates = rates.with_rate(rate).ok()?;
        }
    }
    let mut engine = Disclosure::new(
        DisclosurePolicy::default()
            .with_min_group(MinGroupSize::new(input.min_group).ok()?)
            .with_release_log(),
    );
    // Half the cases (those valued after tax) also publish the detail tables.
    let config = Config::new(as_of).with_detail_tables(input.after_tax);
    let tax_rates = MarginalRates::default()
        .with_default(Decimal::new(4, 1))
        .ok()?;
    let inputs = Inputs::new(&roster, &catalogue, &enrolments, &rates);
    let inputs = if input.after_tax {
        inputs.with_tax_model(&tax_rates)
    } else {
        inputs
    };
    let audit = remit_benefits::audit(&inputs, &config, &mut engine).ok()?;
    let granted: BTreeSet<u64> = engine
        .released_groups(&PopulationKey::new(Domain::Benefits, VALUED))?
        .iter()
        .map(|g| g.len() as u64)
        .collect();
    Some((audit, granted))
}

/// A published count must be the size of a group the engine granted.
fn check_published(count: Disclosed<u64>, granted: &BTreeSet<u64>) -> Result<(), TestCaseError> {
    if let Disclosed::Published(n) = count {
        prop_assert!(
            granted.contains(&n),
            "published count {n} is no granted group's size"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn no_panic_and_suppressed_cohorts_never_appear(input in input()) {
        let Some((audit, granted)) = run(&input) else {
            return Ok(());
        };
        for f in audit.findings() {
            if let Some(n) = f.affected() {
                prop_assert!(granted.contains(&n), "finding {} affects {n}, no granted group", f.code());
            }
        }
        let equity = audit.equity();
        if let Some(model) = equity.model() {
            prop_assert!(granted.contains(&model.nobs()));
            if let Some(outside) = model.outside_connected_set() {
                check_published(outside, &granted)?;
            }
        }
        let cohorts = equity
            .by_mode()
            .iter()
            .map(|b| *b.value())
            .chain(equity.by_country().iter().map(|b| *b.value()))
            .chain(equity.by_level().iter().map(|b| *b.value()));
        for c in cohorts {
            prop_assert!(c.count() != Disclosed::Published(0), "an empty cohort is absent");
            check_published(c.count(), &granted)?;
            if c.count().is_suppressed() {
                prop_assert!(c.mean().is_suppressed() && c.median().is_suppressed());
            }
        }
        for p in audit.unmatched() {
            check_published(p.remote_affected(), &granted)?;
            if p.remote_affected().is_suppressed() {
                prop_assert!(p.forgone_total().is_suppressed() && p.forgone_mean().is_suppressed());
                prop_assert!(p.forgone_by_currency().iter().all(|c| c.total().is_suppressed()));
            }
        }
        for i in audit.ineligible() {
            check_published(i.employees(), &granted)?;
        }
        for b in audit.remediation() {
            check_published(b.recipients(), &granted)?;
            if b.recipients().is_suppressed() {
                prop_assert!(b.base_total().is_suppressed());
            }
        }
        // A work mode with nobody in it has no figures and no gap.
        for mode in WorkMode::ALL {
            let staffed = input.people.iter().any(|p| WorkMode::ALL[p.0 % 3] == mode);
            if !staffed {
                prop_assert!(equity.mode(mode).is_none());
                prop_assert!(equity.gap(mode).is_none());
            }
        }
    }
}

/// Dense inputs: enough people, all enrolled, so the regression runs.
fn dense_input() -> impl Strategy<Value = Input> {
    (
        prop::collection::vec(
            (
                0usize..3,
                0usize..2,
                1u8..3,
                0u32..120,
                prop::option::of(0u8..8),
            ),
            30..120,
        ),
        prop::collection::vec(benefit_spec(), 1..4),
        prop::collection::vec(1i64..5_000, 120),
        1u32..12,
        any::<bool>(),
    )
        .prop_map(|(people, mut benefits, uses, min_group, after_tax)| {
            for b in &mut benefits {
                b.currency = 0;
                b.modes = 7;
                b.local_price = None;
                b.amount = b.amount.abs().max(1);
            }
            let enrol = (0..people.len())
                .flat_map(|i| (0..benefits.len()).map(move |b| (i, b)))
                .map(|(i, b)| (i, b, uses.get(i).copied()))
                .collect();
            Input {
                people,
                benefits,
                pairs: Vec::new(),
                enrol,
                rates: vec![Some(10_000); 5],
                min_group,
                after_tax,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn regressions_on_any_dense_input_keep_their_invariants(input in dense_input()) {
        let Some((audit, granted)) = run(&input) else {
            return Ok(());
        };
        for f in audit.findings() {
            if let Some(n) = f.affected() {
                prop_assert!(granted.contains(&n));
            }
        }
        for gap in audit.equity().gaps() {
            if let Some(g) = gap.adjusted().estimated() {
                prop_assert!(g.p_value() >= 0.0 && g.p_value() <= 1.0);
                prop_assert!(g.lower() <= g.gap() + 1e-12 && g.gap() <= g.upper() + 1e-12);
                prop_assert!(g.lower() > -1.0);
            }
        }
        for plan in audit.remediation() {
            if let Disclosed::Published(total) = plan.base_total() {
                prop_assert!(total.amount() >= Decimal::ZERO);
            }
        }
    }
}
