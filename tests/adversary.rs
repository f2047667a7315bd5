//! The insider of issue 13 against everything remit publishes at once: all five domains
//! and the scorecard, through one disclosure engine, on many random small organisations.
//!
//! The insider reads every published figure (every report, finding, chart, cross-domain
//! observation, and every answer and refusal of `compare_group`) and knows the org chart.
//! Each domain crate has its own suite against its own report (`crates/*/tests/adversary.rs`,
//! `privacy.rs`); this one checks what no single domain can: the domains and the scorecard
//! combined.
//!
//! (a) **Exact linear algebra.** For every population in the engine, the groups whose sums
//! were published (the engine's release log) are handed to the independent checker
//! (`disclosure::verify`: elimination modulo two 61-bit primes over people, not atoms),
//! which looks for any set of fewer than `k` people whose sum the published sums
//! determine. It finds none, on [`ORGS`] organisations of 20–200 people. The same pipeline
//! with the engine's rule switched off (`Rule::MinimumOnlyLeaky`, the earlier per-call
//! rule) is shown to leak, so the check can fail.
//!
//! (b) **Attack families**, asked of every domain after the scorecard: each domain's
//! offered groups and the org chart's cuts (work mode, country), each of them one person
//! larger and one person smaller (union minus one, the rest of a group), everyone but one
//! person, and random subsets; their answers join the release log that (a) checks.
//!
//! (c) **Refusal oracle.** Growing a group one person at a time and watching the refusal
//! reason flip must tell the reader nothing private: on the same organisation with the
//! survey answers shuffled among the same respondents (different private values, the same
//! public membership), every decision of that attack is the same.
//!
//! Noise cancellation and averaging are the engine's own tests
//! (`crates/remit-core/tests/disclosure.rs`: noise keyed by membership, a budget), since
//! no remit report releases noisy figures unless its caller configures noise.

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use remit::Scorecard;
use remit_core::disclosure::verify::smallest_computable_set;
use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy, Rule, Suppression};
use remit_core::{Audit, EmployeeGroup, EmployeeId, WorkMode};
use remit_examples::audit::{
    audit_assets, audit_benefits, audit_promotions, audit_tools, audit_wellbeing,
};
use remit_synth::assets::{AssetSynthConfig, asset_fleet};
use remit_synth::benefits::{BenefitSynthConfig, benefit_data};
use remit_synth::collab_tools::{CollabSynthConfig, collab_data};
use remit_synth::promotion::{PromotionSynthConfig, promotion_history};
use remit_synth::wellbeing::{WellbeingSynthConfig, wellbeing_data};
use remit_synth::{Organisation, SynthConfig, generate};

/// Random organisations through the whole pipeline (issue 13 asks for at least 500).
const ORGS: u64 = 500;
/// Organisations the leaky rule is run on, to show the check finds leaks.
const LEAKY_ORGS: u64 = 40;
/// Organisations the refusal oracle is replayed on.
const ORACLE_ORGS: u64 = 60;
/// Candidate small sets the checker tries per population (single people always).
const LIMIT: usize = 2_000;
const K: u32 = 5;

/// Everything one organisation's audit published, and the engine that decided it.
struct Run {
    engine: Disclosure,
    /// Per attack query: the decision on the group's own figure in every comparison.
    answers: Vec<Option<Suppression>>,
}

fn organisation(seed: u64) -> Organisation {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n = rng.random_range(20..=200);
    generate(&SynthConfig::new(n, seed)).unwrap_or_else(|e| panic!("seed {seed}: {e}"))
}

/// The decision on a comparison's own group: `None` when published.
fn decision(figure: Disclosed<f64>) -> Option<Suppression> {
    match figure {
        Disclosed::Published(_) => None,
        Disclosed::Suppressed(why) => Some(why),
    }
}

/// Every domain audited through `engine`, the scorecard composed, then the attacks asked
/// of every domain. `shuffle_answers` permutes the survey answers among the same
/// respondents (the refusal oracle's second world).
fn audit_everything(org: &Organisation, policy: DisclosurePolicy, shuffle_answers: bool) -> Run {
    let seed = org.seed();
    let as_of = org.as_of();
    let roster = org.roster();
    let mut engine = Disclosure::new(policy.with_release_log());

    let fleet = asset_fleet(org, &AssetSynthConfig::default()).unwrap();
    let assets = audit_assets(roster, &fleet, as_of, &mut engine)
        .unwrap_or_else(|e| panic!("seed {seed}, assets: {e}"));
    let benefit = benefit_data(
        org,
        &BenefitSynthConfig::default()
            .remote_shortfall(0.12)
            .unwrap(),
    )
    .unwrap();
    let benefits = audit_benefits(
        roster,
        benefit.catalogue(),
        benefit.enrolments(),
        benefit.rates(),
        as_of,
        &mut engine,
    )
    .unwrap_or_else(|e| panic!("seed {seed}, benefits: {e}"));
    let history = promotion_history(
        org,
        &PromotionSynthConfig::default()
            .odds_ratio(WorkMode::Remote, 0.6)
            .unwrap(),
    )
    .unwrap();
    let promotion = audit_promotions(
        &remit_promotion_bias::Inputs::from_table(history.table()),
        as_of,
        &mut engine,
    )
    .unwrap_or_else(|e| panic!("seed {seed}, promotion: {e}"));
    let survey = wellbeing_data(
        org,
        &WellbeingSynthConfig::default()
            .far_after_hours(3.0)
            .unwrap(),
    )
    .unwrap();
    let mut codes = survey.codes().to_vec();
    if shuffle_answers {
        // Whole answer sheets move between respondents whose sheets leave the same
        // items blank: the same people answered the same items (who responded is
        // membership, public under the documented policy), with other people's answers.
        let items = codes.len() / survey.respondents().len().max(1);
        let sheets: Vec<Vec<Option<u8>>> = codes.chunks(items.max(1)).map(<[_]>::to_vec).collect();
        let blanks = |sheet: &[Option<u8>]| sheet.iter().map(Option::is_none).collect::<Vec<_>>();
        let mut by_pattern: std::collections::BTreeMap<Vec<bool>, Vec<usize>> =
            std::collections::BTreeMap::new();
        for (i, sheet) in sheets.iter().enumerate() {
            by_pattern.entry(blanks(sheet)).or_default().push(i);
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
        let mut shuffled = sheets.clone();
        for slots in by_pattern.values() {
            let mut sources = slots.clone();
            sources.shuffle(&mut rng);
            for (&to, &from) in slots.iter().zip(&sources) {
                shuffled[to] = sheets[from].clone();
            }
        }
        codes = shuffled.concat();
    }
    let wellbeing = audit_wellbeing(
        roster,
        survey.panel(),
        survey.respondents(),
        &codes,
        as_of,
        &mut engine,
    )
    .unwrap_or_else(|e| panic!("seed {seed}, wellbeing: {e}"));
    let collab = collab_data(org, &CollabSynthConfig::default().shadow_tool(true)).unwrap();
    let tools = audit_tools(
        roster,
        collab.inventory(),
        collab.teams(),
        as_of,
        &mut engine,
    )
    .unwrap_or_else(|e| panic!("seed {seed}, tools: {e}"));

    let audits: Vec<&dyn Audit> = vec![&assets, &benefits, &tools, &promotion, &wellbeing];
    Scorecard::from_audits(&audits, &mut engine).unwrap_or_else(|e| panic!("seed {seed}: {e}"));

    let mut answers = Vec::new();
    for group in attack_groups(org, &audits, seed) {
        for audit in &audits {
            let comparisons = audit
                .compare_group(&group, &mut engine)
                .unwrap_or_else(|e| panic!("seed {seed}, {}: {e}", group.key()));
            answers.extend(comparisons.iter().map(|c| decision(c.in_group())));
        }
    }
    Run { engine, answers }
}

/// The groups the insider asks about: every domain's offered groups, the org chart's
/// cuts, each one person larger and one smaller, everyone but one, and random subsets.
fn attack_groups(org: &Organisation, audits: &[&dyn Audit], seed: u64) -> Vec<EmployeeGroup> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_mul(7_919));
    let people: Vec<_> = org.roster().iter().collect();
    let everyone: Vec<EmployeeId> = people.iter().map(|e| e.id()).collect();
    let mut bases: Vec<(String, Vec<EmployeeId>)> = audits
        .iter()
        .flat_map(|a| a.groups())
        .map(|g| (g.key().to_owned(), g.members().to_vec()))
        .collect();
    for mode in WorkMode::ALL {
        let members = people
            .iter()
            .filter(|e| e.work_mode() == mode)
            .map(|e| e.id());
        bases.push((format!("mode.{}", mode.label()), members.collect()));
    }
    if let Some(first) = people.first() {
        let country = first.country();
        let members = people
            .iter()
            .filter(|e| e.country() == country)
            .map(|e| e.id());
        bases.push(("country".into(), members.collect()));
    }
    for r in 0..3 {
        let share = rng.random_range(0.1..0.6);
        let members = everyone.iter().copied().filter(|_| rng.random_bool(share));
        bases.push((format!("random.{r}"), members.collect()));
    }
    let mut groups = Vec::new();
    for (key, members) in bases {
        let outsider = everyone.iter().copied().find(|id| !members.contains(id));
        let mut larger = members.clone();
        larger.extend(outsider);
        let smaller: Vec<EmployeeId> = members.iter().copied().skip(1).collect();
        groups.push(EmployeeGroup::new(key.clone(), "attack", members));
        groups.push(EmployeeGroup::new(format!("{key}+1"), "attack", larger));
        groups.push(EmployeeGroup::new(format!("{key}-1"), "attack", smaller));
    }
    // The refusal oracle's prefix attack: one person at a time.
    let mut order = everyone.clone();
    order.shuffle(&mut rng);
    for size in 1..=12.min(order.len()) {
        groups.push(EmployeeGroup::new(
            format!("prefix.{size}"),
            "attack",
            order.get(..size).unwrap_or(&[]).to_vec(),
        ));
    }
    groups.push(EmployeeGroup::new(
        "everyone-but-one",
        "attack",
        everyone.iter().copied().skip(1).collect::<Vec<_>>(),
    ));
    groups
}

/// The smallest set of fewer than `K` people some population's published sums isolate.
fn leak(engine: &Disclosure) -> Option<(String, usize)> {
    engine.populations().find_map(|key| {
        let groups = engine.released_groups(key)?;
        smallest_computable_set(&groups, K, LIMIT).map(|set| (key.to_string(), set.len()))
    })
}

#[test]
fn no_combination_of_everything_published_isolates_fewer_than_k_people() {
    let mut populations = 0usize;
    let mut released = 0usize;
    for seed in 1..=ORGS {
        let org = organisation(seed);
        let run = audit_everything(&org, DisclosurePolicy::default(), false);
        for key in run.engine.populations() {
            populations += 1;
            released += run.engine.released_groups(key).map_or(0, |g| g.len());
        }
        assert_eq!(leak(&run.engine), None, "seed {seed}");
    }
    // The suite exercised the engine: many populations, many published groups.
    assert!(
        populations >= 4 * ORGS as usize,
        "{populations} populations"
    );
    assert!(released >= 20 * ORGS as usize, "{released} released groups");
}

#[test]
fn the_same_pipeline_leaks_under_the_per_call_rule() {
    let leaky = DisclosurePolicy::default().with_rule(Rule::MinimumOnlyLeaky);
    let leaks = (1..=LEAKY_ORGS)
        .filter(|&seed| leak(&audit_everything(&organisation(seed), leaky, false).engine).is_some())
        .count();
    // The check can fail: most organisations leak without the engine's rule.
    assert!(
        leaks * 2 > LEAKY_ORGS as usize,
        "only {leaks} of {LEAKY_ORGS} organisations leaked under the leaky rule"
    );
}

#[test]
fn refusals_do_not_depend_on_private_values() {
    let mut compared = 0usize;
    for seed in 1..=ORACLE_ORGS {
        let org = organisation(seed);
        let real = audit_everything(&org, DisclosurePolicy::default(), false);
        let shuffled = audit_everything(&org, DisclosurePolicy::default(), true);
        // The attack is only comparable when the reports asked for the same groups (a
        // finding that fires in one world and not the other publishes a different
        // group, which is a difference in published values, not in decisions).
        let same_history = real.engine.populations().all(|key| {
            real.engine.released_groups(key).map(|g| g.len())
                == shuffled.engine.released_groups(key).map(|g| g.len())
        });
        if !same_history {
            continue;
        }
        compared += 1;
        assert_eq!(real.answers, shuffled.answers, "seed {seed}");
    }
    assert!(
        compared * 2 >= ORACLE_ORGS as usize,
        "only {compared} of {ORACLE_ORGS} organisations comparable"
    );
}
