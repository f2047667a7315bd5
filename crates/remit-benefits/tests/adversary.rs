//! The insider of issue 13 against the benefit audit: someone who reads every figure the
//! report publishes (and every group comparison, refusals included) and knows who is in
//! which work mode, country and level.
//!
//! - On many random small organisations (20–200 people, remit-synth), nothing a reader
//!   can compute from the released groups describes fewer than `k` people (exact linear
//!   algebra, `smallest_computable_set`), and the same suite finds a leak when the engine
//!   is switched to the leaky minimum-only rule (so the suite can fail).
//! - Every head-count the report publishes — in accessors, findings' `affected` and in
//!   the words of findings ("1,234 employees") — is the size of a group the engine
//!   released.

use std::collections::BTreeSet;

use remit_benefits::{BenefitsReport, Config, Inputs, VALUED, audit};
use remit_core::disclosure::verify::smallest_computable_set;
use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy, PopulationKey, Rule};
use remit_core::{Audit, Domain, EmployeeGroup, EmployeeId, WorkMode};
use remit_synth::benefits::{BenefitData, BenefitSynthConfig, benefit_data};
use remit_synth::{Organisation, SynthConfig, generate};

const K: u32 = 5;
const CASES: u64 = 120;

fn key() -> PopulationKey {
    PopulationKey::new(Domain::Benefits, VALUED)
}

/// A small organisation (20–200 people) with a planted 12% remote shortfall.
fn small_org(case: u64) -> (Organisation, BenefitData) {
    let employees = 20 + (case * 37 % 181) as usize;
    let org = generate(&SynthConfig::new(employees, 7_000 + case)).unwrap();
    let data = benefit_data(
        &org,
        &BenefitSynthConfig::default()
            .remote_shortfall(0.12)
            .unwrap(),
    )
    .unwrap();
    (org, data)
}

/// A deterministic pseudo-random choice of employees.
fn some(ids: &[EmployeeId], salt: u64, one_in: u64) -> Vec<EmployeeId> {
    ids.iter()
        .filter(|id| {
            let bits = id.as_uuid().as_u128() as u64 ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            bits.rotate_left((salt % 61) as u32).is_multiple_of(one_in)
        })
        .copied()
        .collect()
}

/// The report and the engine after the audit and the comparisons an insider would ask
/// for: random groups, remote staff outside each country (the rest of a published
/// cell), and a group with one more person (union minus one).
fn attack(
    org: &Organisation,
    data: &BenefitData,
    policy: DisclosurePolicy,
    case: u64,
) -> (BenefitsReport, Disclosure) {
    let mut engine = Disclosure::new(policy);
    let inputs = Inputs::new(
        org.roster(),
        data.catalogue(),
        data.enrolments(),
        data.rates(),
    );
    // The detail tables on: the most the audit ever releases.
    let config = Config::new(org.as_of()).with_detail_tables(true);
    let report = audit(&inputs, &config, &mut engine).unwrap();
    let active: Vec<_> = org
        .roster()
        .iter()
        .filter(|e| e.is_active_on(org.as_of()))
        .collect();
    let ids: Vec<EmployeeId> = active.iter().map(|e| e.id()).collect();
    let mut groups = Vec::new();
    for salt in 0..3 {
        groups.push(some(&ids, case * 3 + salt, 3));
    }
    let countries: BTreeSet<_> = active.iter().map(|e| e.country()).collect();
    for country in countries.iter().take(3) {
        groups.push(
            active
                .iter()
                .filter(|e| e.work_mode() == WorkMode::Remote && e.country() != *country)
                .map(|e| e.id())
                .collect(),
        );
    }
    let remote: Vec<EmployeeId> = active
        .iter()
        .filter(|e| e.work_mode() == WorkMode::Remote)
        .map(|e| e.id())
        .collect();
    let plus_one: Vec<EmployeeId> = remote
        .iter()
        .copied()
        .chain(ids.iter().copied().find(|id| !remote.contains(id)))
        .collect();
    groups.push(remote);
    groups.push(plus_one);
    for members in groups {
        let group = EmployeeGroup::new("test.insider", "insider's group", members);
        report.compare_group(&group, &mut engine).unwrap();
    }
    (report, engine)
}

#[test]
fn no_combination_of_released_groups_isolates_fewer_than_k_people() {
    let mut checked = 0;
    for case in 0..CASES {
        let (org, data) = small_org(case);
        let (_, engine) = attack(
            &org,
            &data,
            DisclosurePolicy::default().with_release_log(),
            case,
        );
        let released = engine.released_groups(&key()).unwrap();
        let leak = smallest_computable_set(&released, K, 50_000);
        assert!(
            leak.is_none(),
            "case {case} ({} people): {} people computable from {} released groups",
            org.roster().len(),
            leak.map_or(0, |l| l.len()),
            released.len()
        );
        checked += usize::from(!released.is_empty());
    }
    assert!(
        checked >= 100,
        "only {checked} organisations released anything"
    );
}

#[test]
fn the_suite_finds_leaks_when_the_engine_is_switched_off() {
    let policy = DisclosurePolicy::default()
        .with_release_log()
        .with_rule(Rule::MinimumOnlyLeaky);
    let leaked = (0..CASES).any(|case| {
        let (org, data) = small_org(case);
        let (_, engine) = attack(&org, &data, policy, case);
        let released = engine.released_groups(&key()).unwrap();
        smallest_computable_set(&released, K, 50_000).is_some()
    });
    assert!(leaked, "the minimum-only rule leaked in no organisation");
}

/// Every head-count the report shows through its accessors and findings.
fn published_counts(report: &BenefitsReport) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut push = |what: String, n: Disclosed<u64>| {
        if let Disclosed::Published(n) = n {
            out.push((what, n));
        }
    };
    let equity = report.equity();
    for b in equity.by_mode() {
        push(format!("mode {}", b.work_mode()), b.value().count());
    }
    for b in equity.by_country() {
        push(
            format!("{} in {}", b.work_mode(), b.key()),
            b.value().count(),
        );
    }
    for b in equity.by_level() {
        push(
            format!("{} at {}", b.work_mode(), b.key()),
            b.value().count(),
        );
    }
    if let Some(model) = equity.model() {
        push(
            "regression sample".to_owned(),
            Disclosed::Published(model.nobs()),
        );
        if let Some(outside) = model.outside_connected_set() {
            push("outside the connected set".to_owned(), outside);
        }
    }
    for p in report.unmatched() {
        push(format!("forgoing {}", p.name()), p.remote_affected());
    }
    for i in report.ineligible() {
        push(format!("ineligible for {}", i.name()), i.employees());
    }
    for b in report.remediation() {
        push(format!("recipients {:?}", b.strategy()), b.recipients());
    }
    for f in report.findings() {
        if let Some(n) = f.affected() {
            push(format!("finding {}", f.code()), Disclosed::Published(n));
        }
        for (i, n) in counts_in_words(f.detail()).into_iter().enumerate() {
            push(
                format!("finding {} text #{i}", f.code()),
                Disclosed::Published(n),
            );
        }
    }
    out
}

/// The numbers written before "employees" or "remote employees" in a text
/// ("1,234 employees"), except rules ("at least 30 employees").
fn counts_in_words(text: &str) -> Vec<u64> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !w.trim_end_matches([',', '.', ';', ')']).eq("employees") {
            continue;
        }
        let at = if words.get(i.wrapping_sub(1)) == Some(&"remote") {
            i.wrapping_sub(2)
        } else {
            i.wrapping_sub(1)
        };
        if words.get(at.wrapping_sub(1)) == Some(&"least") {
            continue;
        }
        let before = words.get(at);
        if let Some(n) =
            before.and_then(|b| b.trim_start_matches('(').replace(',', "").parse().ok())
        {
            out.push(n);
        }
    }
    out
}

#[test]
fn every_published_count_is_the_size_of_a_released_group() {
    let mut counted = 0;
    for case in (0..CASES).step_by(3) {
        let (org, data) = small_org(case);
        let (report, engine) = attack(
            &org,
            &data,
            DisclosurePolicy::default().with_release_log(),
            case,
        );
        let sizes: BTreeSet<u64> = engine
            .released_groups(&key())
            .unwrap()
            .iter()
            .map(|g| g.len() as u64)
            .collect();
        for (what, n) in published_counts(&report) {
            assert!(
                sizes.contains(&n),
                "case {case}: {what} = {n} is no released group's size"
            );
            counted += 1;
        }
    }
    assert!(counted > 100, "only {counted} counts were published");
}

#[test]
fn counts_are_read_from_words_as_a_reader_would() {
    assert_eq!(
        counts_in_words(
            "the regression (3 cells; 1,234 employees, HC1 errors); 17 remote employees would; needs at least 30 employees"
        ),
        [1_234, 17]
    );
}
