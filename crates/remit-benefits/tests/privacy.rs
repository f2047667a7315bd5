//! The six benefit attacks of issue 13, each reproduced on the report's outputs: with
//! the leaky minimum-only rule (what remit did before the engine) the attack recovers
//! the private figure, so the test can fail; with the disclosure engine it recovers
//! nothing.
//!
//! 1. Published counts and means by work mode minus `compare_group(remote staff outside
//!    one country)` gave the suppressed remote × country cell.
//! 2. Per-currency totals of a forgone perk divided by its price gave head-counts of 1–4.
//! 3. The regression's sample size in the finding text recovered a suppressed count
//!    (the employees without any benefit).
//! 4. `compare_group(S)` and `compare_group(S + x)` gave x's benefit value.
//! 5. `GapEstimate::TooSmall` carried raw counts.
//! 6. A work mode with nobody in it got a mean of 0 and a gap of −100%.

mod support;

use remit_benefits::{
    Benefit, BenefitCategory, BenefitsReport, Catalogue, Config, Eligibility, Enrolments,
    ExchangeRates, GapEstimate, Inputs, Valuation, audit, codes,
};
use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy, Rule, Suppression};
use remit_core::{
    Audit, BenefitId, CountryCode, Currency, EmployeeGroup, EmployeeId, ExchangeRate, Money,
    Roster, WorkMode,
};
use rust_decimal::Decimal;
use support::{Person, as_of, audit_with, employee, eur, staff};

const K: u64 = 5;

fn atoms() -> Disclosure {
    Disclosure::new(DisclosurePolicy::default())
}

fn leaky() -> Disclosure {
    Disclosure::new(DisclosurePolicy::default().with_rule(Rule::MinimumOnlyLeaky))
}

/// Each person's value in EUR (the cents of the support catalogue).
fn value_of(person: &Person) -> f64 {
    person.4.max(0) as f64 / 100.0
}

fn ids_where(people: &[Person], keep: impl Fn(&Person) -> bool) -> Vec<EmployeeId> {
    people
        .iter()
        .enumerate()
        .filter(|(_, p)| keep(p))
        .map(|(i, p)| employee(i, p).id())
        .collect()
}

fn mean_of(report: &BenefitsReport, mode: WorkMode) -> Option<(f64, f64)> {
    let cohort = report.equity().mode(mode)?;
    let n = cohort.count().published()? as f64;
    let mean = f64::try_from(cohort.mean().published()?.amount()).ok()?;
    Some((n, mean))
}

/// Attack 1: remote total minus the comparison of remote staff outside Portugal gives
/// the total of the three remote staff in Portugal.
fn remote_cell_attack(mut engine: Disclosure) -> Option<f64> {
    let people = remote_in_two_countries();
    let report = audit_with(&people, &mut engine);
    let (n_remote, m_remote) = mean_of(&report, WorkMode::Remote)?;
    let outside_pt = ids_where(&people, |p| p.0 == WorkMode::Remote && p.2 != "PT");
    let c = report
        .compare_group(
            &EmployeeGroup::new("x.remote-not-pt", "remote outside PT", outside_pt),
            &mut engine,
        )
        .unwrap()
        .pop()?;
    let (n_group, m_group) = (
        c.in_group_n().published()? as f64,
        c.in_group().published()?,
    );
    Some(n_remote * m_remote - n_group * m_group)
}

fn remote_in_two_countries() -> Vec<Person> {
    let mut people = Vec::new();
    staff(&mut people, WorkMode::Onsite, 1, "DE", 20, 0.0);
    staff(&mut people, WorkMode::Onsite, 1, "PT", 10, 0.0);
    staff(&mut people, WorkMode::Remote, 1, "DE", 20, -0.1);
    staff(&mut people, WorkMode::Remote, 1, "PT", 3, -0.3);
    people
}

#[test]
fn attack_1_a_comparison_cannot_subtract_a_suppressed_cell_from_a_published_mode() {
    let people = remote_in_two_countries();
    let truth: f64 = people
        .iter()
        .filter(|p| p.0 == WorkMode::Remote && p.2 == "PT")
        .map(value_of)
        .sum();
    let recovered = remote_cell_attack(leaky()).expect("the leaky rule publishes both");
    assert!(
        (recovered - truth).abs() < 0.5,
        "leaky: recovered {recovered}, truth {truth}"
    );
    assert_eq!(remote_cell_attack(atoms()), None);
}

/// A catalogue with a value benefit and onsite parking priced in EUR (Germany) and JPY
/// (Japan); remote staff in both countries forgo parking.
fn parking_report(engine: &mut Disclosure) -> (BenefitsReport, [(Currency, Decimal, Decimal); 2]) {
    let (eur, jpy) = (eur(), Currency::new("JPY").unwrap());
    let value = Benefit::builder(BenefitId::from_external("value"), "value")
        .valuation(Valuation::per_use(
            Money::new(Decimal::new(1, 2), eur),
            Decimal::ONE,
        ))
        .valuation_in(
            CountryCode::new("JP").unwrap(),
            Valuation::per_use(Money::new(Decimal::ONE, jpy), Decimal::ONE),
        )
        .build()
        .unwrap();
    let parking = Benefit::builder(BenefitId::from_external("parking"), "Office parking")
        .category(BenefitCategory::Parking)
        .eligibility(Eligibility::office_based())
        .valuation(Valuation::annual(Money::new(Decimal::from(500), eur)))
        .valuation_in(
            CountryCode::new("JP").unwrap(),
            Valuation::annual(Money::new(Decimal::from(60_000), jpy)),
        )
        .build()
        .unwrap();
    let catalogue = Catalogue::builder()
        .benefit(value.clone())
        .benefit(parking)
        .build()
        .unwrap();
    let mut people = Vec::new();
    staff(&mut people, WorkMode::Onsite, 1, "DE", 20, 0.0);
    staff(&mut people, WorkMode::Remote, 1, "DE", 20, -0.1);
    staff(&mut people, WorkMode::Remote, 1, "JP", 3, -0.1);
    let mut enrolments = Enrolments::new(&catalogue);
    let mut employees = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let e = employee(i, p);
        // Cents in Germany, yen in Japan.
        enrolments
            .enrol_with_uses(e.id(), value.id(), Decimal::from(p.4))
            .unwrap();
        employees.push(e);
    }
    let jpy_rate = Decimal::new(61, 4);
    let rates = ExchangeRates::new(eur)
        .with_rate(ExchangeRate::new(jpy, eur, jpy_rate).unwrap())
        .unwrap();
    let roster = Roster::new(employees).unwrap();
    // The per-currency totals are detail tables, published only on request.
    let report = audit(
        &Inputs::new(&roster, &catalogue, &enrolments, &rates),
        &Config::new(as_of()).with_detail_tables(true),
        engine,
    )
    .unwrap();
    (
        report,
        [
            (eur, Decimal::from(500), Decimal::ONE),
            (jpy, Decimal::from(60_000), jpy_rate),
        ],
    )
}

/// Attack 2: every head-count a reader can get by dividing a published per-currency
/// total (or the normalised total minus the other currencies) by the perk's price.
fn head_counts_from_totals(engine: &mut Disclosure) -> Vec<Decimal> {
    let (report, prices) = parking_report(engine);
    let perk = &report.unmatched()[0];
    let mut counts = Vec::new();
    let mut published_normalised = Decimal::ZERO;
    let mut missing = Vec::new();
    for total in perk.forgone_by_currency() {
        let (_, price, rate) = prices
            .iter()
            .find(|(c, ..)| *c == total.currency())
            .unwrap();
        match total.total() {
            Disclosed::Published(m) => {
                counts.push(m.amount() / price);
                published_normalised += m.amount() * rate;
            }
            Disclosed::Suppressed(_) => missing.push((price, rate)),
        }
    }
    if let (Disclosed::Published(all), [(price, rate)]) = (perk.forgone_total(), &missing[..]) {
        counts.push(((all.amount() - published_normalised) / (*price * *rate)).round());
    }
    counts
}

#[test]
fn attack_2_per_currency_totals_of_a_forgone_perk_give_no_small_head_count() {
    let small = |counts: &[Decimal]| {
        counts
            .iter()
            .any(|c| *c >= Decimal::ONE && *c < Decimal::from(K))
    };
    let leaked = head_counts_from_totals(&mut leaky());
    assert!(small(&leaked), "leaky: {leaked:?}");
    assert!(leaked.contains(&Decimal::from(3)));
    let safe = head_counts_from_totals(&mut atoms());
    assert!(!small(&safe), "engine: {safe:?}");
    // The totals are withheld with the engine's public reasons, not dropped.
    let (report, _) = parking_report(&mut atoms());
    let reasons: Vec<Disclosed<Money>> = report.unmatched()[0]
        .forgone_by_currency()
        .iter()
        .map(|c| c.total())
        .collect();
    assert_eq!(
        reasons,
        [
            Disclosed::Suppressed(Suppression::Complementary),
            Disclosed::Suppressed(Suppression::BelowMinimum)
        ]
    );
}

/// Onsite staff, remote staff 10% below, and three remote employees without any
/// benefit (value 0: left out of the log regression).
fn three_without_benefits() -> Vec<Person> {
    let mut people = Vec::new();
    for (level, country) in [(1, "DE"), (2, "DE"), (1, "FR")] {
        staff(&mut people, WorkMode::Onsite, level, country, 20, 0.0);
        staff(&mut people, WorkMode::Remote, level, country, 15, -0.10);
    }
    for (level, country) in [(1, "DE"), (2, "DE"), (1, "FR")] {
        people.push((WorkMode::Remote, level, country, 40, 0));
    }
    people
}

/// Attack 3: the published head-count of everyone minus any other count the report
/// publishes (accessor or words) that lands in 1..k: the employees without benefits.
fn counts_below_k_from_the_sample(engine: &mut Disclosure) -> Vec<u64> {
    let report = audit_with(&three_without_benefits(), engine);
    let total: u64 = report
        .equity()
        .by_mode()
        .iter()
        .filter_map(|b| b.value().count().published())
        .sum();
    let mut published: Vec<u64> = report
        .equity()
        .model()
        .map(|m| m.nobs())
        .into_iter()
        .collect();
    for f in report.findings() {
        let words: Vec<&str> = f.detail().split_whitespace().collect();
        for pair in words.windows(2) {
            if pair[1].starts_with("employees")
                && let Ok(n) = pair[0].replace(',', "").parse::<u64>()
            {
                published.push(n);
            }
        }
    }
    published
        .into_iter()
        .filter_map(|n| total.checked_sub(n))
        .filter(|d| (1..K).contains(d))
        .collect()
}

#[test]
fn attack_3_the_regression_sample_size_reveals_no_small_count() {
    assert!(counts_below_k_from_the_sample(&mut leaky()).contains(&3));
    assert_eq!(
        counts_below_k_from_the_sample(&mut atoms()),
        Vec::<u64>::new()
    );
    // With the engine the sample is withheld (it differs from everyone by three) and
    // the report says so instead of printing the gap.
    let report = audit_with(&three_without_benefits(), &mut atoms());
    assert_eq!(report.equity().model(), None);
    assert_eq!(
        report.equity().gap(WorkMode::Remote).unwrap().adjusted(),
        &GapEstimate::Withheld(Suppression::Complementary)
    );
    assert!(
        report
            .findings()
            .iter()
            .any(|f| f.code() == &codes::GAP_WITHHELD)
    );
}

/// Attack 4: the value of one onsite employee from the comparisons of remote staff and
/// of remote staff plus that employee.
fn one_more_attack(mut engine: Disclosure) -> Option<f64> {
    let people = remote_in_two_countries();
    let report = audit_with(&people, &mut engine);
    let remote = ids_where(&people, |p| p.0 == WorkMode::Remote);
    let x = employee(0, &people[0]).id();
    let mut plus = remote.clone();
    plus.push(x);
    let mut ask = |members: Vec<EmployeeId>| {
        report
            .compare_group(&EmployeeGroup::new("x.g", "group", members), &mut engine)
            .unwrap()
            .pop()
    };
    let a = ask(remote)?;
    let b = ask(plus)?;
    let (na, ma) = (
        a.in_group_n().published()? as f64,
        a.in_group().published()?,
    );
    let (nb, mb) = (
        b.in_group_n().published()? as f64,
        b.in_group().published()?,
    );
    Some(nb * mb - na * ma)
}

#[test]
fn attack_4_a_comparison_with_one_more_person_is_refused() {
    let people = remote_in_two_countries();
    let truth = value_of(&people[0]);
    let recovered = one_more_attack(leaky()).expect("the leaky rule answers both");
    assert!(
        (recovered - truth).abs() < 1e-6,
        "leaky: {recovered} vs {truth}"
    );
    assert_eq!(one_more_attack(atoms()), None);
}

#[test]
fn attack_5_a_gap_too_small_to_estimate_carries_no_counts() {
    let mut people = Vec::new();
    for (level, country) in [(1, "DE"), (2, "DE"), (1, "FR")] {
        staff(&mut people, WorkMode::Onsite, level, country, 20, 0.0);
        staff(&mut people, WorkMode::Remote, level, country, 15, -0.10);
        staff(&mut people, WorkMode::Hybrid, level, country, 1, 0.0);
    }
    for mut engine in [leaky(), atoms()] {
        let report = audit_with(&people, &mut engine);
        let hybrid = report.equity().gap(WorkMode::Hybrid).unwrap();
        assert_eq!(hybrid.adjusted(), &GapEstimate::TooSmall);
        // Serialised, the verdict is a word: no group, reference or total count.
        assert_eq!(
            serde_json::to_value(hybrid.adjusted()).unwrap(),
            serde_json::json!("too_small")
        );
        let finding = report
            .findings()
            .iter()
            .find(|f| f.code() == &codes::INSUFFICIENT_DATA)
            .unwrap();
        // The detail states the rule (30 and 5), never the counts (3 hybrid, 60 onsite,
        // 108 in all).
        for count in ["3 ", "60", "108"] {
            assert!(!finding.detail().contains(count), "{}", finding.detail());
        }
    }
}

#[test]
fn attack_6_a_work_mode_with_nobody_in_it_has_no_figures_and_no_gap() {
    let mut people = Vec::new();
    for (level, country) in [(1, "DE"), (2, "DE")] {
        staff(&mut people, WorkMode::Onsite, level, country, 20, 0.0);
        staff(&mut people, WorkMode::Remote, level, country, 15, -0.10);
    }
    for mut engine in [leaky(), atoms()] {
        let report = audit_with(&people, &mut engine);
        let equity = report.equity();
        assert!(equity.mode(WorkMode::Hybrid).is_none());
        assert!(
            equity
                .by_mode()
                .iter()
                .all(|b| b.work_mode() != WorkMode::Hybrid)
        );
        assert!(equity.gap(WorkMode::Hybrid).is_none());
        assert!(
            equity
                .by_country()
                .iter()
                .all(|b| b.work_mode() != WorkMode::Hybrid)
        );
        assert!(
            equity
                .by_level()
                .iter()
                .all(|b| b.work_mode() != WorkMode::Hybrid)
        );
        let bars: Vec<&str> = report.charts()[0].series()[0]
            .points()
            .iter()
            .map(|p| p.label())
            .collect();
        assert_eq!(bars, ["Onsite", "Remote"]);
        assert!(
            report
                .findings()
                .iter()
                .all(|f| f.cohort().get("work_mode") != Some("hybrid"))
        );
        // The remote gap is still measured against onsite staff.
        assert!(equity.gap(WorkMode::Remote).unwrap().unadjusted().is_some());
    }
}

/// Next week's rerun through the same engine (or its saved state) after one remote
/// employee joined: the joiner's value would be the difference of two weeks' remote
/// totals.
fn joiner_attack(mut engine: Disclosure) -> Option<f64> {
    let mut people = remote_in_two_countries();
    let before = audit_with(&people, &mut engine);
    let (n0, m0) = mean_of(&before, WorkMode::Remote)?;
    people.push((WorkMode::Remote, 1, "DE", 2, 412_345));
    let after = audit_with(&people, &mut engine);
    let (n1, m1) = mean_of(&after, WorkMode::Remote)?;
    Some(n1 * m1 - n0 * m0)
}

#[test]
fn a_rerun_after_one_joiner_does_not_reveal_the_joiner() {
    let truth = 4_123.45;
    let recovered = joiner_attack(leaky()).expect("the leaky rule publishes both weeks");
    assert!((recovered - truth).abs() < 0.5, "leaky: {recovered}");
    assert_eq!(joiner_attack(atoms()), None);
    // The same workforce audited again through the same engine publishes the same
    // figures (re-releasing a granted group refines nothing).
    let mut engine = atoms();
    let people = remote_in_two_countries();
    let first = audit_with(&people, &mut engine);
    let again = audit_with(&people, &mut engine);
    assert_eq!(first.equity(), again.equity());
    assert!(
        first
            .equity()
            .mode(WorkMode::Onsite)
            .unwrap()
            .count()
            .published()
            .is_some()
    );
}
