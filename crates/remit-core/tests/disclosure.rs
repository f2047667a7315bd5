//! The disclosure engine against an independent linear-algebra check: whatever sequence
//! of groups is asked for, no combination of the granted groups' sums describes fewer
//! than `k` people; with the atom rule switched off, the same check finds leaks.

use proptest::prelude::*;
use remit_core::disclosure::verify::{is_computable, smallest_computable_set};
use remit_core::disclosure::{
    Audience, Decision, Disclosed, Disclosure, DisclosureError, DisclosurePolicy, MeanOf,
    MinGroupSize, NoisePolicy, Rule, Suppression,
};
use remit_core::{Domain, EmployeeId};

fn people(n: usize) -> Vec<EmployeeId> {
    (0..n)
        .map(|i| EmployeeId::from_external(&format!("E-{i}")))
        .collect()
}

/// Releases every group in order and returns the granted ones as member lists.
fn run(policy: DisclosurePolicy, n: usize, groups: &[Vec<u32>]) -> Vec<Vec<EmployeeId>> {
    let ids = people(n);
    let mut engine = Disclosure::new(policy);
    let population = engine
        .register(Domain::Wellbeing, "members", ids.iter().copied())
        .unwrap();
    let mut granted = Vec::new();
    for group in groups {
        if engine
            .release(&population, group, Audience::General)
            .unwrap()
            .is_granted()
            && !group.is_empty()
        {
            granted.push(group.iter().map(|&i| ids[i as usize]).collect());
        }
    }
    granted
}

/// Random groups over `n` people: random subsets, cuts of a random attribute, and
/// differences engineered to be one person apart from an earlier group.
fn groups_strategy() -> impl Strategy<Value = (usize, Vec<Vec<u32>>)> {
    (12usize..60).prop_flat_map(|n| {
        let subset = proptest::collection::btree_set(0..n as u32, 0..n);
        let groups = proptest::collection::vec(subset, 1..25);
        let attribute = proptest::collection::vec(0u32..4, n);
        (Just(n), groups, attribute).prop_map(|(n, groups, attribute)| {
            let mut out: Vec<Vec<u32>> = vec![(0..n as u32).collect()];
            // A cut by a public attribute, cell by cell.
            for value in 0..4 {
                out.push(
                    (0..n as u32)
                        .filter(|&i| attribute[i as usize] == value)
                        .collect(),
                );
            }
            for g in groups {
                let g: Vec<u32> = g.into_iter().collect();
                // The group itself and the group minus its first member.
                out.push(g.clone());
                out.push(g.iter().copied().skip(1).collect());
            }
            (n, out)
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_combination_of_granted_groups_describes_fewer_than_k((n, groups) in groups_strategy(), k in 2u32..8) {
        // The rank test (the default for populations this small).
        let policy = DisclosurePolicy::default().with_min_group(MinGroupSize::new(k).unwrap());
        let granted = run(policy, n, &groups);
        prop_assert_eq!(smallest_computable_set(&granted, k, 20_000), None);
        // The atom rule.
        let granted_by_atoms = run(policy.with_rank_test_limit(0), n, &groups);
        prop_assert_eq!(smallest_computable_set(&granted_by_atoms, k, 20_000), None);
        // No claim that the rank test grants a superset of what the atom rule grants:
        // both decide greedily in request order, so a group the rank test grants early
        // can block a later one the atom rule (having refused the early one) grants.
    }

    #[test]
    fn a_refused_release_changes_nothing((n, groups) in groups_strategy()) {
        let ids = people(n);
        let mut engine = Disclosure::new(DisclosurePolicy::default());
        let population = engine.register(Domain::Benefits, "valued", ids.iter().copied()).unwrap();
        for group in &groups {
            let dry = engine.would_release(&population, group, Audience::General).unwrap();
            let real = engine.release(&population, group, Audience::General).unwrap();
            prop_assert_eq!(dry, real);
            // Asking the same group again gets the same answer once granted.
            if real.is_granted() {
                prop_assert_eq!(engine.release(&population, group, Audience::General).unwrap(), Decision::Granted);
            }
        }
    }
}

#[test]
fn the_checker_finds_leaks_when_the_atom_rule_is_off() {
    // The nested-cut attack: band, then onsite and remote cells of the band.
    let band: Vec<u32> = (0..13).collect();
    let onsite: Vec<u32> = (0..5).collect();
    let remote: Vec<u32> = (5..10).collect();
    let groups = vec![band, onsite, remote];
    let leaky = DisclosurePolicy::default().with_rule(Rule::MinimumOnlyLeaky);
    let granted = run(leaky, 13, &groups);
    let leak = smallest_computable_set(&granted, 5, 1000).expect("the leaky rule leaks");
    assert_eq!(leak.len(), 3);
    assert_eq!(
        smallest_computable_set(&run(DisclosurePolicy::default(), 13, &groups), 5, 1000),
        None
    );
}

#[test]
fn the_rank_test_publishes_what_the_atom_rule_needlessly_refuses() {
    // Cut A (two halves of 30), then a group that leaves three people of A's first half
    // out: the atom rule refuses it, the rank test grants it (the three are not
    // computable, since the group's part in the first half is not published).
    let b: Vec<u32> = (0..12).chain(15..25).collect();
    let groups = vec![(0..15).collect(), (15..30).collect(), b];
    let rank = run(DisclosurePolicy::default(), 30, &groups);
    let atoms = run(
        DisclosurePolicy::default().with_rank_test_limit(0),
        30,
        &groups,
    );
    assert_eq!((rank.len(), atoms.len()), (3, 2));
    assert_eq!(smallest_computable_set(&rank, 5, 10_000), None);
}

#[test]
fn a_restored_rank_test_population_decides_as_before() {
    let ids = people(30);
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let p = engine
        .register(Domain::Wellbeing, "members", ids.iter().copied())
        .unwrap();
    let b: Vec<u32> = (0..12).chain(15..25).collect();
    for g in [(0..15).collect::<Vec<u32>>(), (15..30).collect(), b] {
        assert!(
            engine
                .release(&p, &g, Audience::General)
                .unwrap()
                .is_granted()
        );
    }
    let saved = serde_json::to_string(&engine).unwrap();
    let mut restored: Disclosure = serde_json::from_str(&saved).unwrap();
    let p2 = restored
        .register(Domain::Wellbeing, "members", ids.iter().copied())
        .unwrap();
    // B's part in the second half would isolate the three by difference, before and after.
    let part: Vec<u32> = (15..25).collect();
    assert_eq!(
        engine.would_release(&p, &part, Audience::General).unwrap(),
        Decision::Refused(Suppression::Complementary)
    );
    assert_eq!(
        restored.release(&p2, &part, Audience::General).unwrap(),
        Decision::Refused(Suppression::Complementary)
    );
}

#[test]
fn union_minus_one_is_refused() {
    let ids = people(30);
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let staff = engine
        .register(Domain::Benefits, "valued", ids.iter().copied())
        .unwrap();
    let g1: Vec<u32> = (0..8).collect();
    let g2: Vec<u32> = (8..16).collect();
    let union_minus_x: Vec<u32> = (0..15).collect();
    assert!(
        engine
            .release(&staff, &g1, Audience::General)
            .unwrap()
            .is_granted()
    );
    assert!(
        engine
            .release(&staff, &g2, Audience::General)
            .unwrap()
            .is_granted()
    );
    assert_eq!(
        engine
            .release(&staff, &union_minus_x, Audience::General)
            .unwrap(),
        Decision::Refused(Suppression::Complementary)
    );
}

#[test]
fn refusal_reasons_depend_only_on_membership() {
    // Two populations with the same membership but different private values decide the
    // same way: the engine never sees values.
    let ids = people(25);
    let groups: Vec<Vec<u32>> = vec![
        (0..25).collect(),
        (0..12).collect(),
        (0..9).collect(),
        (12..25).collect(),
    ];
    let decide = |name: &str| {
        let mut engine = Disclosure::new(DisclosurePolicy::default());
        let p = engine
            .register(Domain::Wellbeing, name, ids.iter().copied())
            .unwrap();
        groups
            .iter()
            .map(|g| engine.release(&p, g, Audience::General).unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(decide("a"), decide("b"));
}

#[test]
fn manager_facing_groups_need_the_stricter_minimum() {
    let ids = people(40);
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let staff = engine
        .register(Domain::Wellbeing, "members", ids.iter().copied())
        .unwrap();
    let team: Vec<u32> = (0..7).collect();
    assert_eq!(
        engine
            .release(&staff, &team, Audience::ManagerFacing)
            .unwrap(),
        Decision::Refused(Suppression::BelowMinimum)
    );
    assert_eq!(
        engine.release(&staff, &team, Audience::General).unwrap(),
        Decision::Granted
    );
}

#[test]
fn duplicate_members_are_an_error_and_register_nothing() {
    let mut ids = people(6);
    ids.push(ids[2]);
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let err = engine
        .register(Domain::Wellbeing, "members", ids.iter().copied())
        .unwrap_err();
    assert!(matches!(err, DisclosureError::DuplicateMember { member, .. } if member == ids[2]));
    assert_eq!(engine.populations().count(), 0);
}

#[test]
fn a_group_listing_someone_twice_or_out_of_range_is_an_error() {
    let ids = people(10);
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let staff = engine
        .register(Domain::Wellbeing, "members", ids.iter().copied())
        .unwrap();
    assert!(matches!(
        engine.release(&staff, &[0, 1, 2, 3, 3], Audience::General),
        Err(DisclosureError::InvalidMember { index: 3, .. })
    ));
    assert!(matches!(
        engine.release(&staff, &[0, 1, 2, 3, 10], Audience::General),
        Err(DisclosureError::InvalidMember { index: 10, .. })
    ));
}

#[test]
fn a_handle_from_another_engine_is_refused() {
    let ids = people(10);
    let mut first = Disclosure::new(DisclosurePolicy::default());
    let handle = first
        .register(Domain::Wellbeing, "members", ids.iter().copied())
        .unwrap();
    let mut fresh = Disclosure::new(DisclosurePolicy::default());
    assert!(matches!(
        fresh.release(&handle, &[0, 1, 2, 3, 4], Audience::General),
        Err(DisclosureError::UnknownPopulation { .. })
    ));
    let mut other_people = Disclosure::new(DisclosurePolicy::default());
    other_people
        .register(Domain::Wellbeing, "members", people(12).into_iter().rev())
        .unwrap();
    assert!(matches!(
        other_people.release(&handle, &[0, 1, 2, 3, 4], Audience::General),
        Err(DisclosureError::ForeignPopulation { .. })
    ));
}

#[test]
fn saved_state_protects_a_leaver_next_run() {
    let week1 = people(30);
    let cohort: Vec<u32> = (0..20).collect();
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let p = engine
        .register(Domain::Benefits, "valued", week1.iter().copied())
        .unwrap();
    assert!(
        engine
            .release(&p, &cohort, Audience::General)
            .unwrap()
            .is_granted()
    );
    let saved = serde_json::to_string(&engine).unwrap();

    // Next week employee 3 has left; the same cohort without them is one person apart.
    let week2: Vec<EmployeeId> = week1.iter().copied().filter(|&id| id != week1[3]).collect();
    let cohort2: Vec<u32> = (0..19).collect();
    let mut restored: Disclosure = serde_json::from_str(&saved).unwrap();
    let p2 = restored
        .register(Domain::Benefits, "valued", week2.iter().copied())
        .unwrap();
    assert_eq!(
        restored.release(&p2, &cohort2, Audience::General).unwrap(),
        Decision::Refused(Suppression::Complementary)
    );
    // Without the saved state the difference would have been published.
    let mut forgetful = Disclosure::new(DisclosurePolicy::default());
    let p3 = forgetful
        .register(Domain::Benefits, "valued", week2.iter().copied())
        .unwrap();
    assert!(
        forgetful
            .release(&p3, &cohort2, Audience::General)
            .unwrap()
            .is_granted()
    );
}

#[test]
fn a_joiner_is_protected_too() {
    let week1 = people(30);
    let mut week2 = week1.clone();
    week2.push(EmployeeId::from_external("joiner"));
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let p = engine
        .register(Domain::PromotionBias, "analysed", week1.iter().copied())
        .unwrap();
    assert!(
        engine
            .release(&p, &(0..30).collect::<Vec<_>>(), Audience::General)
            .unwrap()
            .is_granted()
    );
    let p2 = engine
        .register(Domain::PromotionBias, "analysed", week2.iter().copied())
        .unwrap();
    assert_eq!(
        engine
            .release(&p2, &(0..31).collect::<Vec<_>>(), Audience::General)
            .unwrap(),
        Decision::Refused(Suppression::Complementary)
    );
}

#[test]
fn tampered_saved_state_is_rejected() {
    for (policy, message) in [
        (
            DisclosurePolicy::default(),
            "disagree with its granted groups",
        ),
        (
            DisclosurePolicy::default().with_rank_test_limit(0),
            "under the minimum",
        ),
    ] {
        let mut engine = Disclosure::new(policy);
        let p = engine
            .register(Domain::Wellbeing, "members", people(10))
            .unwrap();
        let _ = engine
            .release(&p, &(0..10).collect::<Vec<_>>(), Audience::General)
            .unwrap();
        let mut json: serde_json::Value = serde_json::to_value(&engine).unwrap();
        // Split off a one-person atom by hand.
        json["populations"][0]["atoms"][0] = serde_json::json!(1);
        let err = serde_json::from_value::<Disclosure>(json).unwrap_err();
        assert!(err.to_string().contains(message), "{err}");
    }
}

#[test]
fn detached_populations_come_back_with_their_ledger() {
    let ids = people(20);
    let mut engine = Disclosure::new(DisclosurePolicy::default());
    let mut part = engine.detach(Domain::Assets);
    let p = part
        .register(Domain::Assets, "staff", ids.iter().copied())
        .unwrap();
    assert!(
        part.release(&p, &(0..20).collect::<Vec<_>>(), Audience::General)
            .unwrap()
            .is_granted()
    );
    engine.attach(part).unwrap();
    assert_eq!(
        engine
            .release(&p, &(0..17).collect::<Vec<_>>(), Audience::General)
            .unwrap(),
        Decision::Refused(Suppression::Complementary)
    );
}

fn noisy_engine(budget: f64) -> (Disclosure, remit_core::disclosure::Population) {
    let policy = DisclosurePolicy::default().with_noise(
        NoisePolicy::new(0.5, budget, 0x5eed_0000_0000_0000_0000_0000_0000_0001).unwrap(),
    );
    let mut engine = Disclosure::new(policy);
    let p = engine
        .register(Domain::Wellbeing, "members", people(60))
        .unwrap();
    (engine, p)
}

#[test]
fn noise_is_keyed_by_membership_not_by_the_caller() {
    let (mut engine, p) = noisy_engine(10.0);
    let g: Vec<u32> = (0..20).collect();
    let g_plus: Vec<u32> = (0..21).collect();
    let a = engine.release_noisy(&p, &g, "mean", 3.0, 0.1).unwrap();
    let again = engine.release_noisy(&p, &g, "mean", 3.0, 0.1).unwrap();
    assert_eq!(a, again, "the same group gets the same answer");
    assert_eq!(engine.noise_spent(), 0.5, "and pays once");
    let b = engine.release_noisy(&p, &g_plus, "mean", 3.0, 0.1).unwrap();
    let (Disclosed::Published(a), Disclosed::Published(b)) = (a, b) else {
        panic!("both published");
    };
    assert_ne!(a - 3.0, b - 3.0, "a different group gets different noise");
}

#[test]
fn the_budget_caps_noisy_figures() {
    let (mut engine, p) = noisy_engine(1.0);
    let groups: Vec<Vec<u32>> = (0..3).map(|s| (s..s + 20).collect()).collect();
    let answers: Vec<Disclosed<f64>> = groups
        .iter()
        .map(|g| engine.release_noisy(&p, g, "mean", 1.0, 0.05).unwrap())
        .collect();
    assert!(!answers[0].is_suppressed() && !answers[1].is_suppressed());
    assert_eq!(
        answers[2],
        Disclosed::Suppressed(Suppression::BudgetExhausted)
    );
}

#[test]
fn noise_averages_out_only_across_different_groups() {
    // Averaging the same group's answer many times gains nothing: it is one answer.
    let (mut engine, p) = noisy_engine(1000.0);
    let g: Vec<u32> = (0..30).collect();
    let answers: Vec<f64> = (0..50)
        .map(|_| {
            engine
                .release_noisy(&p, &g, "mean", 2.0, 0.1)
                .unwrap()
                .published()
                .unwrap()
        })
        .collect();
    assert!(answers.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn compare_means_publishes_exactly_when_granted_and_noisily_otherwise() {
    let ids = people(60);
    let values: Vec<f64> = (0..60).map(|i| if i < 30 { 1.0 } else { 0.0 }).collect();
    let mean = MeanOf {
        metric: "share high risk",
        unit: Some("share"),
        range: (0.0, 1.0),
    };

    let mut exact = Disclosure::new(DisclosurePolicy::default());
    let p = exact
        .register(Domain::Wellbeing, "members", ids.iter().copied())
        .unwrap();
    let group: Vec<u32> = (0..20).collect();
    let c = exact
        .compare_means(&p, &group, mean, |i| values[i as usize])
        .unwrap()
        .unwrap();
    assert_eq!(c.in_group(), Disclosed::Published(1.0));
    assert_eq!(c.rest(), Disclosed::Published(10.0 / 40.0));
    assert_eq!(c.in_group_n(), Disclosed::Published(20));
    assert_eq!(c.noise_scale(), None);
    // One more person: would isolate them; without noise, withheld.
    let plus: Vec<u32> = (0..21).collect();
    let c = exact
        .compare_means(&p, &plus, mean, |i| values[i as usize])
        .unwrap()
        .unwrap();
    assert_eq!(
        c.in_group(),
        Disclosed::Suppressed(Suppression::Complementary)
    );

    let (mut noisy, p) = noisy_engine(5.0);
    noisy
        .compare_means(&p, &group, mean, |i| values[i as usize])
        .unwrap();
    let c = noisy
        .compare_means(&p, &plus, mean, |i| values[i as usize])
        .unwrap()
        .unwrap();
    assert!(c.noise_scale().is_some());
    assert!(!c.in_group().is_suppressed());
    assert_eq!(
        c.with_p_value(0.01).p_value(),
        None,
        "no p-value on noisy figures"
    );
    // An empty group is absent.
    assert!(
        noisy
            .compare_means(&p, &[], mean, |_| 0.0)
            .unwrap()
            .is_none()
    );
}

#[test]
fn the_checker_agrees_with_a_hand_computed_case() {
    let p = people(20);
    let groups = vec![p.clone(), p[..12].to_vec()];
    assert!(is_computable(&groups, &p[12..]));
    assert!(!is_computable(&groups, &p[..6]));
}
