//! Privacy of everything the equipment audit publishes (issue 13), tried as an insider
//! would: someone who reads every published figure and refusal and knows the org chart.
//!
//! - (a) On many random small organisations, the groups released over each population
//!   are checked with exact linear algebra: no combination of published sums describes
//!   fewer than `k` people. With the engine switched off (the leaky minimum-only rule)
//!   the same suite finds leaks, so it can fail.
//! - (b) Every published figure is over a group the engine granted and equals the figure
//!   recomputed from the inputs; a withheld figure's group was never released.
//! - (c) The attack families that concern this domain, reproduced on outputs and shown
//!   refused: overlapping cuts, the rest of a group, a group one person larger,
//!   per-currency totals divided by a price, and refusals that depend on private values.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use remit_assets::kit::kit_coverage;
use remit_assets::retrieval::retrievals;
use remit_assets::*;
use remit_core::disclosure::verify::smallest_computable_set;
use remit_core::disclosure::{
    Disclosed, Disclosure, DisclosurePolicy, PopulationKey, Rule, Suppression,
};
use remit_core::*;
use remit_synth::assets::{AssetSynthConfig, SynthFleet, asset_fleet};
use remit_synth::{Organisation, SynthConfig, generate};
use rust_decimal::Decimal;

const K: u32 = 5;

/// Onsite staff from level 4 up also need a monitor: a category group that is not a
/// union of work modes.
struct SeniorMonitors;

impl KitPolicy for SeniorMonitors {
    fn required(&self, e: &Employee) -> KitList {
        let kit = StandardKit.required_for(e.work_mode());
        if e.work_mode() == WorkMode::Onsite && e.level().rank() >= 4 {
            kit.with(Category::Monitor)
        } else {
            kit
        }
    }
}

fn money(n: i64, currency: &str) -> Money {
    Money::new(Decimal::from(n), Currency::new(currency).unwrap())
}

/// Chairs and desks priced in euros, chairs in the UK in pounds and in Japan in yen: the
/// pound and yen groups are small in a small organisation.
fn prices() -> KitPrices {
    KitPrices::new()
        .with(Category::ErgonomicChair, money(450, "EUR"))
        .and_then(|p| p.with(Category::Desk, money(300, "EUR")))
        .and_then(|p| {
            p.with_country(
                CountryCode::new("GB").unwrap(),
                Category::ErgonomicChair,
                money(400, "GBP"),
            )
        })
        .and_then(|p| {
            p.with_country(
                CountryCode::new("JP").unwrap(),
                Category::ErgonomicChair,
                money(60_000, "JPY"),
            )
        })
        .unwrap()
}

struct Case {
    org: Organisation,
    fleet: SynthFleet,
    prices: KitPrices,
    senior_monitors: bool,
}

impl Case {
    fn new(employees: usize, seed: u64) -> Self {
        let org = generate(&SynthConfig::new(employees, seed)).unwrap();
        let share = 0.1 + (seed % 5) as f64 * 0.08;
        let config = AssetSynthConfig::default()
            .missing_chair_share(share)
            .unwrap()
            .late_return_share(0.3)
            .unwrap();
        let fleet = asset_fleet(&org, &config).unwrap();
        Self {
            org,
            fleet,
            prices: prices(),
            senior_monitors: seed.is_multiple_of(2),
        }
    }

    fn policy(&self) -> &dyn KitPolicy {
        if self.senior_monitors {
            &SeniorMonitors
        } else {
            &StandardKit
        }
    }

    fn audit(&self, engine: &mut Disclosure) -> AssetsReport {
        let inputs = Inputs::new(self.org.roster(), &self.fleet)
            .with_kit_policy(self.policy())
            .with_prices(&self.prices);
        audit(&inputs, &Config::new(self.org.as_of()), engine).unwrap()
    }

    fn active(&self) -> impl Iterator<Item = Employee> + '_ {
        self.org
            .roster()
            .employees()
            .filter(|e| e.is_active_on(self.org.as_of()))
            .map(std::borrow::Cow::into_owned)
    }
}

/// Everything an insider can make the report and a scorecard publish: the audit, then
/// group comparisons for org-chart groups and for the classic attack groups, then the
/// cost per employee.
fn publish_everything(case: &Case, engine: &mut Disclosure) -> AssetsReport {
    let report = case.audit(engine);
    let active: Vec<Employee> = case.active().collect();
    let ids = |pred: &dyn Fn(&Employee) -> bool| -> Vec<EmployeeId> {
        active
            .iter()
            .filter(|e| pred(e))
            .map(Employee::id)
            .collect()
    };
    let mut groups: Vec<Vec<EmployeeId>> = Vec::new();
    let departments: BTreeSet<String> = active
        .iter()
        .map(|e| e.department().as_str().to_owned())
        .collect();
    for d in &departments {
        groups.push(ids(&|e| e.department().as_str() == d));
    }
    let countries: BTreeSet<CountryCode> = active.iter().map(Employee::country).collect();
    for c in &countries {
        groups.push(ids(&|e| e.country() == *c));
    }
    for level in 1..=7 {
        groups.push(ids(&|e| e.level().rank() == level));
    }
    let remote = ids(&|e| e.work_mode() == WorkMode::Remote);
    let onsite = ids(&|e| e.work_mode() == WorkMode::Onsite);
    // The rest of a group: everyone but remote staff and one onsite person, so that the
    // "everyone else" side is the remote cohort plus one person.
    if let Some(&one) = onsite.first() {
        let g: Vec<EmployeeId> = active
            .iter()
            .map(Employee::id)
            .filter(|id| !remote.contains(id) && *id != one)
            .collect();
        groups.push(g);
    }
    // A group and the same group one person larger.
    if remote.len() > 7 {
        groups.push(remote[..6].to_vec());
        groups.push(remote[..7].to_vec());
    }
    for (i, members) in groups.into_iter().enumerate() {
        let group = EmployeeGroup::new(format!("probe.{i}"), "probe", members);
        report.compare_group(&group, engine).unwrap();
    }
    let tracked = case.fleet.tracked_assets().unwrap();
    let _ = remit_assets::forecast::cost_per_employee(
        case.org.roster(),
        &tracked,
        Currency::new("EUR").unwrap(),
        &exchange_rates(),
        engine,
        case.org.as_of(),
    )
    .unwrap();
    report
}

/// Rates from every currency the synthetic fleets buy in to euros.
fn exchange_rates() -> Vec<ExchangeRate> {
    let eur = Currency::new("EUR").unwrap();
    [
        "USD", "GBP", "JPY", "INR", "AUD", "CAD", "BRL", "MXN", "PLN",
    ]
    .into_iter()
    .map(|c| ExchangeRate::new(Currency::new(c).unwrap(), eur, "0.5".parse().unwrap()).unwrap())
    .collect()
}

/// The smallest set of fewer than `K` people a reader can isolate in any population, if
/// any.
fn leak(engine: &Disclosure) -> Option<(PopulationKey, usize)> {
    let keys: Vec<PopulationKey> = engine.populations().cloned().collect();
    for key in keys {
        let groups = engine.released_groups(&key).unwrap();
        if let Some(set) = smallest_computable_set(&groups, K, 20_000) {
            return Some((key, set.len()));
        }
    }
    None
}

fn sizes() -> impl Iterator<Item = (usize, u64)> {
    (0..120u64).map(|seed| (20 + (seed as usize * 37) % 181, seed))
}

#[test]
fn a_reader_of_everything_isolates_nobody_in_random_small_organisations() {
    let mut populations = BTreeSet::new();
    let mut released = 0usize;
    for (n, seed) in sizes() {
        let case = Case::new(n, seed);
        let mut engine = Disclosure::new(DisclosurePolicy::default().with_release_log());
        publish_everything(&case, &mut engine);
        if let Some((key, size)) = leak(&engine) {
            panic!("{n} people, seed {seed}: {key} isolates {size} people");
        }
        for key in engine.populations() {
            released += engine.released_groups(key).unwrap().len();
            populations.insert(key.to_string());
        }
    }
    // Not vacuous: all three populations were released from, many times.
    assert_eq!(
        populations.into_iter().collect::<Vec<_>>(),
        ["assets/costed", "assets/leavers", "assets/staff"]
    );
    assert!(released > 1_000, "{released}");
}

#[test]
fn without_the_engine_the_same_suite_finds_leaks() {
    let mut leaks = 0;
    for (n, seed) in sizes().take(40) {
        let case = Case::new(n, seed);
        let mut engine = Disclosure::new(
            DisclosurePolicy::default()
                .with_release_log()
                .with_rule(Rule::MinimumOnlyLeaky),
        );
        publish_everything(&case, &mut engine);
        if leak(&engine).is_some() {
            leaks += 1;
        }
    }
    assert!(
        leaks > 0,
        "the leaky rule should leak in some organisations"
    );
}

// --- (b) Published figures are over granted groups and equal the inputs' figures ------

fn sorted(mut ids: Vec<EmployeeId>) -> Vec<EmployeeId> {
    ids.sort();
    ids
}

/// Whether `group` was released over `key`.
fn granted(engine: &Disclosure, key: &PopulationKey, group: &[EmployeeId]) -> bool {
    let group = sorted(group.to_vec());
    engine
        .released_groups(key)
        .unwrap_or_default()
        .into_iter()
        .any(|g| sorted(g) == group)
}

/// A published figure's group was granted and the figure equals `expected`; a withheld
/// figure's group never was. Returns whether it was published.
fn check<T: PartialEq + std::fmt::Debug + Copy>(
    engine: &Disclosure,
    key: &PopulationKey,
    group: &[EmployeeId],
    figure: Disclosed<T>,
    expected: T,
    what: &str,
) -> bool {
    match figure {
        Disclosed::Published(value) => {
            assert!(
                granted(engine, key, group),
                "{what}: published over a group never granted"
            );
            assert_eq!(value, expected, "{what}");
            true
        }
        Disclosed::Suppressed(_) => {
            assert!(
                !granted(engine, key, group),
                "{what}: withheld but its group was released"
            );
            false
        }
    }
}

#[test]
fn every_published_count_is_a_granted_groups_figure() {
    let mut published = 0;
    let mut withheld = 0;
    for (n, seed) in sizes().step_by(3) {
        let case = Case::new(n, seed);
        let mut engine = Disclosure::new(DisclosurePolicy::default().with_release_log());
        let report = case.audit(&mut engine);
        let as_of = case.org.as_of();
        let staff_key = PopulationKey::new(Domain::Assets, STAFF);
        let leavers_key = PopulationKey::new(Domain::Assets, LEAVERS);
        let policy = case.policy();
        let staff: Vec<Employee> = case
            .active()
            .filter(|e| !policy.required(e).is_empty())
            .collect();
        let gaps =
            kit_coverage(case.org.roster(), &case.fleet, policy, &case.prices, as_of).unwrap();
        let missing = |id: EmployeeId| {
            gaps.gaps
                .iter()
                .find(|g| g.employee == id)
                .map_or(KitList::EMPTY, |g| g.missing)
        };
        let kit = report.kit().unwrap();
        let everyone: Vec<EmployeeId> = staff.iter().map(Employee::id).collect();
        let lacking = |people: &[&Employee]| {
            people
                .iter()
                .filter(|e| !missing(e.id()).is_empty())
                .count() as u64
        };
        let all: Vec<&Employee> = staff.iter().collect();
        let mut count = |p: bool| if p { published += 1 } else { withheld += 1 };
        count(check(
            &engine,
            &staff_key,
            &everyone,
            kit.staff,
            everyone.len() as u64,
            "staff",
        ));
        count(check(
            &engine,
            &staff_key,
            &everyone,
            kit.lacking,
            lacking(&all),
            "lacking",
        ));
        for row in &kit.by_mode {
            let people: Vec<&Employee> = staff
                .iter()
                .filter(|e| e.work_mode() == row.work_mode)
                .collect();
            let ids: Vec<EmployeeId> = people.iter().map(|e| e.id()).collect();
            assert!(!ids.is_empty(), "a work mode with nobody has no row");
            count(check(
                &engine,
                &staff_key,
                &ids,
                row.staff,
                ids.len() as u64,
                "mode staff",
            ));
            count(check(
                &engine,
                &staff_key,
                &ids,
                row.lacking,
                lacking(&people),
                "mode lacking",
            ));
        }
        for row in &kit.by_category {
            let ids: Vec<EmployeeId> = staff
                .iter()
                .filter(|e| policy.required(e).contains(row.category))
                .map(Employee::id)
                .collect();
            let short = ids
                .iter()
                .filter(|id| missing(**id).contains(row.category))
                .count() as u64;
            count(check(
                &engine,
                &staff_key,
                &ids,
                row.required_of,
                ids.len() as u64,
                "category",
            ));
            count(check(
                &engine,
                &staff_key,
                &ids,
                row.lacking,
                short,
                "category lacking",
            ));
        }
        for row in &kit.cost_to_close {
            // Staff with a required item priced in this currency, and what their missing
            // items in it cost.
            let priced_in = |e: &Employee, c: Category| {
                case.prices
                    .price(e.country(), c)
                    .filter(|p| p.currency() == row.currency)
            };
            let ids: Vec<EmployeeId> = staff
                .iter()
                .filter(|e| policy.required(e).iter().any(|c| priced_in(e, c).is_some()))
                .map(Employee::id)
                .collect();
            let mut amount = Money::zero(row.currency);
            for e in &staff {
                for c in missing(e.id()).iter() {
                    if let Some(p) = priced_in(e, c) {
                        amount = amount.checked_add(&p).unwrap();
                    }
                }
            }
            count(check(
                &engine,
                &staff_key,
                &ids,
                row.amount,
                amount,
                "currency cost",
            ));
        }
        // Findings carry only published figures.
        if let Some(gap) = report
            .findings()
            .iter()
            .find(|f| f.code() == &codes::KIT_GAP)
        {
            assert_eq!(gap.affected(), kit.lacking.published());
        } else {
            assert!(kit.lacking.published().is_none_or(|l| l == 0));
        }
        // Leavers.
        let leavers: Vec<Employee> = case
            .org
            .roster()
            .employees()
            .filter(|e| e.left_on().is_some_and(|l| l <= as_of))
            .map(std::borrow::Cow::into_owned)
            .collect();
        let cases = retrievals(
            case.org.roster(),
            &case.fleet,
            &RetrievalPolicy::default(),
            as_of,
        )
        .unwrap();
        if let Some(r) = report.retrieval() {
            let ids: Vec<EmployeeId> = leavers.iter().map(Employee::id).collect();
            let overdue = cases.iter().filter(|c| c.is_overdue(as_of)).count() as u64;
            count(check(
                &engine,
                &leavers_key,
                &ids,
                r.summary.map(|s| s.overdue),
                overdue,
                "overdue",
            ));
            count(check(
                &engine,
                &leavers_key,
                &ids,
                r.summary.map(|s| s.leavers),
                ids.len() as u64,
                "leavers",
            ));
            for row in &r.by_country {
                let ids: Vec<EmployeeId> = leavers
                    .iter()
                    .filter(|e| e.country() == row.country)
                    .map(Employee::id)
                    .collect();
                let due: Vec<_> = cases
                    .iter()
                    .filter(|c| c.country == row.country && c.due_on <= as_of)
                    .collect();
                let returned = due
                    .iter()
                    .filter(|c| matches!(c.outcome, Some(Outcome::Returned { .. })))
                    .count() as u64;
                count(check(
                    &engine,
                    &leavers_key,
                    &ids,
                    row.leavers,
                    ids.len() as u64,
                    "country leavers",
                ));
                count(check(
                    &engine,
                    &leavers_key,
                    &ids,
                    row.assets_due,
                    due.len() as u64,
                    "country due",
                ));
                count(check(
                    &engine,
                    &leavers_key,
                    &ids,
                    row.returned,
                    returned,
                    "country returned",
                ));
            }
            match (
                report
                    .findings()
                    .iter()
                    .find(|f| f.code() == &codes::RETRIEVAL_OVERDUE),
                r.summary,
            ) {
                (Some(f), Disclosed::Published(s)) => {
                    assert_eq!(f.affected(), Some(s.overdue_leavers));
                    assert_eq!(f.metric().map(Metric::value), Some(s.overdue as f64));
                }
                (Some(_), Disclosed::Suppressed(_)) => panic!("a finding from withheld figures"),
                (None, _) => {}
            }
        }
    }
    // Not vacuous: both kinds occur across the organisations.
    assert!(
        published > 200 && withheld > 20,
        "{published} published, {withheld} withheld"
    );
}

// --- (c) The attack families -----------------------------------------------------------

/// Staff of one work mode each with their full standard kit, but the first `chairless`
/// without a chair; countries cycle through `countries`.
fn org(
    modes: &[(WorkMode, usize)],
    chairless: usize,
    countries: &[&str],
) -> (Roster, Vec<TrackedAsset>) {
    let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    let mut people = Vec::new();
    let mut fleet = Vec::new();
    let mut i = 0usize;
    for &(mode, n) in modes {
        for _ in 0..n {
            let id = EmployeeId::from_external(&format!("E{i}"));
            people.push(
                Employee::builder(id)
                    .work_mode(mode)
                    .country(CountryCode::new(countries[i % countries.len()]).unwrap())
                    .time_zone(chrono_tz::Europe::Lisbon)
                    .level(JobLevel::new(2))
                    .department(Department::new("Support").unwrap())
                    .hired_on(d(1, 6))
                    .build()
                    .unwrap(),
            );
            for c in StandardKit.required_for(mode).iter() {
                if i < chairless && c == Category::ErgonomicChair {
                    continue;
                }
                let asset = Asset::builder(AssetTag::new(&format!("E{i}-{c}")).unwrap(), c)
                    .purchased(d(1, 6), money(100, "EUR"))
                    .useful_life_months(36)
                    .build()
                    .unwrap();
                let mut a = TrackedAsset::ordered(asset);
                a.execute(
                    EventId::from_external(&format!("r{i}{c}")),
                    &Command::Receive,
                    d(1, 6),
                )
                .unwrap();
                a.execute(
                    EventId::from_external(&format!("a{i}{c}")),
                    &Command::Assign { employee: id },
                    d(1, 7),
                )
                .unwrap();
                fleet.push(a);
            }
            i += 1;
        }
    }
    (Roster::new(people).unwrap(), fleet)
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

#[test]
fn overlapping_cuts_never_give_away_a_small_work_mode() {
    // 12 remote, 3 hybrid (two without a chair), 12 onsite: everyone − remote − onsite
    // would be the three hybrid staff.
    let (roster, fleet) = org(
        &[
            (WorkMode::Hybrid, 3),
            (WorkMode::Remote, 12),
            (WorkMode::Onsite, 12),
        ],
        2,
        &["PT"],
    );
    let inputs = Inputs::new(&roster, &fleet);
    let report = audit(
        &inputs,
        &Config::new(as_of()),
        &mut Disclosure::new(DisclosurePolicy::default()),
    )
    .unwrap();
    let kit = report.kit().unwrap();
    let lacking = |m: WorkMode| {
        kit.by_mode
            .iter()
            .find(|r| r.work_mode == m)
            .unwrap()
            .lacking
    };
    let subtraction = (
        kit.lacking.published(),
        lacking(WorkMode::Remote).published(),
        lacking(WorkMode::Onsite).published(),
    );
    assert!(
        !matches!(subtraction, (Some(_), Some(_), Some(_))),
        "everyone, remote and onsite all published: {subtraction:?}"
    );
    // The category "needs a chair" is remote + hybrid: with everyone and remote published
    // it would isolate hybrid too, so it is withheld.
    let chairs = kit
        .by_category
        .iter()
        .find(|c| c.category == Category::ErgonomicChair)
        .unwrap();
    assert!(chairs.lacking.is_suppressed() || lacking(WorkMode::Remote).is_suppressed());
    // Without the engine, the subtraction works and gives the two hybrid staff.
    let mut leaky = Disclosure::new(DisclosurePolicy::default().with_rule(Rule::MinimumOnlyLeaky));
    let report = audit(&inputs, &Config::new(as_of()), &mut leaky).unwrap();
    let kit = report.kit().unwrap();
    let lacking = |m: WorkMode| {
        kit.by_mode
            .iter()
            .find(|r| r.work_mode == m)
            .unwrap()
            .lacking
    };
    let recovered = kit.lacking.published().unwrap()
        - lacking(WorkMode::Remote).published().unwrap()
        - lacking(WorkMode::Onsite).published().unwrap();
    assert_eq!(recovered, 2);
}

#[test]
fn the_rest_of_a_group_is_not_a_published_cohort_plus_one() {
    // 20 remote (6 without a chair), 20 onsite.
    let (roster, fleet) = org(
        &[(WorkMode::Remote, 20), (WorkMode::Onsite, 20)],
        6,
        &["PT"],
    );
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let report = audit(
        &Inputs::new(&roster, &fleet),
        &Config::new(as_of()),
        &mut engine,
    )
    .unwrap();
    let remote_row = report
        .kit()
        .unwrap()
        .by_mode
        .iter()
        .find(|r| r.work_mode == WorkMode::Remote)
        .copied()
        .unwrap();
    assert!(remote_row.lacking.published().is_some());
    // G = onsite staff but one; "everyone else" = remote + that one person.
    let onsite: Vec<EmployeeId> = roster
        .employees()
        .filter(|e| e.work_mode() == WorkMode::Onsite)
        .map(|e| e.id())
        .collect();
    let g = EmployeeGroup::new("probe.rest", "probe", onsite[1..].to_vec());
    let c = report.compare_group(&g, &mut engine).unwrap();
    assert_eq!(
        c[0].rest(),
        Disclosed::Suppressed(Suppression::Complementary)
    );
    assert_eq!(
        c[0].in_group(),
        Disclosed::Suppressed(Suppression::Complementary)
    );
}

#[test]
fn a_currency_total_divided_by_the_price_does_not_count_a_small_group() {
    // 20 remote staff in Portugal, 3 in the UK whose chairs are priced in pounds; two of
    // the British staff have no chair. The pound total over 400 would count them.
    let countries: Vec<&str> = std::iter::repeat_n("GB", 3)
        .chain(std::iter::repeat_n("PT", 20))
        .collect();
    let (roster, fleet) = org(&[(WorkMode::Remote, 23)], 2, &countries);
    let prices = prices();
    let inputs = Inputs::new(&roster, &fleet).with_prices(&prices);
    let report = audit(
        &inputs,
        &Config::new(as_of()),
        &mut Disclosure::new(DisclosurePolicy::default()),
    )
    .unwrap();
    let gbp = Currency::new("GBP").unwrap();
    let pounds = report
        .kit()
        .unwrap()
        .cost_to_close
        .iter()
        .find(|c| c.currency == gbp)
        .unwrap();
    assert_eq!(
        pounds.amount,
        Disclosed::Suppressed(Suppression::BelowMinimum)
    );
    let gap = report
        .findings()
        .iter()
        .find(|f| f.code() == &codes::KIT_GAP)
        .unwrap();
    assert!(!gap.detail().contains("GBP"), "{}", gap.detail());
    assert!(
        gap.detail().contains("1 more currency is withheld"),
        "{}",
        gap.detail()
    );
    // The staff as a whole is published: a design that summed the pounds over everyone
    // would have published a "sum over a granted group" whose only non-zero terms are the
    // three British staff, and 800 / 400 would count the two without a chair.
    assert_eq!(report.kit().unwrap().staff, Disclosed::Published(23));
    let eur = Currency::new("EUR").unwrap();
    let euros = report
        .kit()
        .unwrap()
        .cost_to_close
        .iter()
        .find(|c| c.currency == eur)
        .unwrap();
    assert_eq!(
        euros.staff,
        Disclosed::Published(23),
        "desks are priced in euros for everyone"
    );
}

/// Which figures are published and which withheld (and why), in report order.
fn pattern(report: &AssetsReport) -> Vec<Option<Suppression>> {
    let reason = |d: Disclosed<u64>| match d {
        Disclosed::Published(_) => None,
        Disclosed::Suppressed(s) => Some(s),
    };
    let mut out = Vec::new();
    if let Some(kit) = report.kit() {
        out.push(reason(kit.staff));
        out.extend(kit.by_mode.iter().map(|r| reason(r.staff)));
        out.extend(kit.by_category.iter().map(|r| reason(r.required_of)));
        out.extend(kit.cost_to_close.iter().map(|r| reason(r.staff)));
    }
    if let Some(r) = report.retrieval() {
        out.push(reason(r.summary.map(|s| s.leavers)));
        out.extend(r.by_country.iter().map(|c| reason(c.leavers)));
    }
    out
}

#[test]
fn refusals_depend_on_who_is_in_a_group_never_on_their_kit() {
    // The same people with very different equipment: every decision is the same, so a
    // refusal tells the reader nothing about anyone's kit.
    for (n, seed) in sizes().step_by(10) {
        let org = generate(&SynthConfig::new(n, seed)).unwrap();
        let fleets = [
            asset_fleet(&org, &AssetSynthConfig::clean()).unwrap(),
            asset_fleet(
                &org,
                &AssetSynthConfig::default()
                    .missing_chair_share(0.6)
                    .unwrap()
                    .never_returned_share(0.8)
                    .unwrap(),
            )
            .unwrap(),
        ];
        let patterns: Vec<Vec<Option<Suppression>>> = fleets
            .iter()
            .map(|fleet| {
                let prices = prices();
                let inputs = Inputs::new(org.roster(), fleet).with_prices(&prices);
                let report = audit(
                    &inputs,
                    &Config::new(org.as_of()),
                    &mut Disclosure::new(DisclosurePolicy::default()),
                )
                .unwrap();
                pattern(&report)
            })
            .collect();
        assert!(!patterns[0].is_empty());
        assert_eq!(patterns[0], patterns[1], "{n} people, seed {seed}");
    }
}

#[test]
fn a_person_listed_twice_is_an_error_and_nothing_is_registered() {
    /// A workforce that lists its first employee twice (a `Roster` cannot).
    struct Twice(Roster);
    impl Workforce for Twice {
        fn employees(&self) -> impl Iterator<Item = std::borrow::Cow<'_, Employee>> {
            let first = self.0.employees().next();
            self.0.employees().chain(first)
        }
        fn employee(&self, id: EmployeeId) -> Option<std::borrow::Cow<'_, Employee>> {
            self.0.employee(id)
        }
        fn headcount(&self) -> usize {
            self.0.headcount() + 1
        }
    }
    let (roster, fleet) = org(&[(WorkMode::Remote, 8)], 0, &["PT"]);
    let first = roster.employees().next().unwrap().id();
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let err = audit(
        &Inputs::new(&Twice(roster), &fleet),
        &Config::new(as_of()),
        &mut engine,
    )
    .unwrap_err();
    assert!(
        matches!(err, Error::DuplicateEmployee { employee } if employee == first),
        "{err:?}"
    );
    assert_eq!(engine.populations().count(), 0);
}

#[test]
fn an_asset_listed_twice_is_an_error_naming_its_tag() {
    let (roster, mut fleet) = org(&[(WorkMode::Remote, 6)], 0, &["PT"]);
    fleet.push(fleet[3].clone());
    let tag = fleet[3].asset().tag().clone();
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let err = audit(
        &Inputs::new(&roster, &fleet),
        &Config::new(as_of()),
        &mut engine,
    )
    .unwrap_err();
    assert_eq!(err, Error::DuplicateAsset { tag: tag.clone() });
    assert_eq!(
        err.to_string(),
        format!("fleet: asset {tag} is listed twice")
    );
    assert_eq!(engine.populations().count(), 0);
}
