//! The insider of issue 13 against the tools report: random small organisations (20 to
//! 200 people) through the audit, with the engine keeping a log of what it released.
//!
//! (a) For every population of the domain, exact linear algebra over the released groups
//! (`smallest_computable_set`) finds no set of fewer than `k` people whose sum a reader
//! could compute; with the engine switched off (`Rule::MinimumOnlyLeaky`, the per-call
//! minimum of before) the same suite finds such a set, so it can fail.
//!
//! (b) Every head-count the report publishes (a finding's `affected`, a metric in people,
//! an "active users" or "people active" table cell) is a figure of a group the engine
//! granted: a tool's released active users or a sprawl cluster's released overlap, each
//! over a group that is in the engine's release log.

use std::collections::BTreeSet;

use remit_collab_tools::{
    Config, Inputs, OverlapConfig, ToolsReport, audit, seat_population, sprawl_population,
};
use remit_core::disclosure::verify::smallest_computable_set;
use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy, Rule};
use remit_core::{Audit, Domain, EmployeeId};
use remit_synth::collab_tools::{CollabData, CollabSynthConfig, CollabSynthError, collab_data};
use remit_synth::{Organisation, SynthConfig, generate};

const K: u32 = 5;
const CASES: u64 = 120;

/// One random organisation, its tools audited with `policy`; the engine is returned
/// for inspection.
fn case(
    seed: u64,
    policy: DisclosurePolicy,
) -> (Organisation, CollabData, ToolsReport, Disclosure) {
    let employees = 20 + (seed * 37 % 181) as usize;
    let org = generate(&SynthConfig::new(employees, seed)).unwrap();
    let plants = CollabSynthConfig::default()
        .team_size(5 + (seed % 4) as usize)
        .unwrap()
        .duplicate_chat(0.3)
        .unwrap()
        .shadow_tool(true);
    let data = match collab_data(&org, &plants.far_team(true)) {
        Err(CollabSynthError::NotEnoughFarEmployees { .. }) => collab_data(&org, &plants).unwrap(),
        other => other.unwrap(),
    };
    // Half the cases flag every team sharing under eight hours, so that many teams'
    // seat holders are released as cells of the tools' populations.
    let threshold = if seed.is_multiple_of(2) { 120 } else { 480 };
    let config = Config::new(org.as_of())
        .with_overlap_days(14)
        .unwrap()
        .with_overlap(OverlapConfig::default().with_async_first_below_minutes(threshold));
    let mut engine = Disclosure::new(policy);
    let report = audit(
        &Inputs::new(org.roster(), data.inventory()).with_teams(data.teams()),
        &config,
        &mut engine,
    )
    .unwrap();
    (org, data, report, engine)
}

/// The smallest computable set of fewer than `K` people over every population of the
/// domain, if any.
fn leak(engine: &Disclosure) -> Option<(String, Vec<EmployeeId>)> {
    engine
        .populations()
        .filter(|key| key.domain() == Domain::CollabTools)
        .find_map(|key| {
            let groups = engine.released_groups(key).unwrap();
            smallest_computable_set(&groups, K, 20_000).map(|set| (key.to_string(), set))
        })
}

#[test]
fn no_combination_of_released_figures_isolates_fewer_than_k_people() {
    let mut released_cells = 0usize;
    for seed in 0..CASES {
        let (org, _, _, engine) = case(seed, DisclosurePolicy::default().with_release_log());
        if let Some((population, set)) = leak(&engine) {
            panic!(
                "seed {seed} ({} people): {population} lets a reader compute the sum of {} people",
                org.roster().len(),
                set.len()
            );
        }
        released_cells += engine
            .populations()
            .map(|key| engine.released_groups(key).unwrap().len())
            .sum::<usize>();
    }
    // The suite exercised more than one release per population.
    assert!(released_cells > 20 * CASES as usize, "{released_cells}");
}

#[test]
fn without_the_engine_the_same_suite_finds_a_leak() {
    let leaky = DisclosurePolicy::default()
        .with_release_log()
        .with_rule(Rule::MinimumOnlyLeaky);
    let leaks = (0..CASES)
        .filter(|&seed| leak(&case(seed, leaky).3).is_some())
        .count();
    eprintln!("the leaky rule leaked in {leaks} of {CASES} organisations");
    assert!(
        leaks > 0,
        "the leaky rule leaked in no case: the test cannot fail"
    );
}

#[test]
fn every_published_head_count_is_a_figure_of_a_granted_group() {
    let mut checked = 0usize;
    for seed in 0..40 {
        let (_, data, report, engine) = case(seed, DisclosurePolicy::default().with_release_log());
        let granted = |key, members: Vec<EmployeeId>| {
            let want: BTreeSet<EmployeeId> = members.into_iter().collect();
            engine
                .released_groups(&key)
                .unwrap()
                .iter()
                .any(|g| g.iter().copied().collect::<BTreeSet<_>>() == want)
        };
        let mut allowed: BTreeSet<u64> = BTreeSet::new();
        for (review, tool) in report.tools().iter().zip(data.inventory().tools()) {
            let holders: Vec<EmployeeId> = tool.seats().iter().map(|s| s.user()).collect();
            if let Disclosed::Published(n) = review.usage().active_users() {
                assert!(
                    holders.is_empty() || granted(seat_population(review.tool()), holders),
                    "seed {seed}: {} published without its group",
                    review.name()
                );
                allowed.insert(n);
            }
        }
        for c in report.sprawl() {
            let Disclosed::Published(n) = c.users_in_two_or_more() else {
                panic!("seed {seed}: a sprawl cluster without its released count");
            };
            assert!(
                engine
                    .released_groups(&sprawl_population(c.tools()[0]))
                    .is_some_and(|groups| !groups.is_empty())
            );
            allowed.insert(n);
        }
        for f in report.findings() {
            if let Some(n) = f.affected() {
                assert!(
                    allowed.contains(&n),
                    "seed {seed}: {} affects {n}",
                    f.code()
                );
                checked += 1;
            }
            if let Some(m) = f.metric().filter(|m| m.unit() == Some("people")) {
                assert!(
                    allowed.contains(&(m.value() as u64)),
                    "seed {seed}: {}",
                    f.code()
                );
            }
            let Some(table) = f.table() else { continue };
            for (c, column) in table.columns().iter().enumerate() {
                if column == "active users" || column.starts_with("people active") {
                    for row in table.rows() {
                        let cell = &row[c];
                        assert!(
                            cell == "withheld"
                                || cell
                                    .replace(',', "")
                                    .parse()
                                    .is_ok_and(|n| allowed.contains(&n)),
                            "seed {seed}: {} cell {cell}",
                            f.code()
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 40, "only {checked} head-counts checked");
}

/// The refusal oracle of issue 13: the engine's decisions must depend on who is in which
/// group (seat holders, teams), never on what they did. The same organisation with every
/// seat's activity flipped (active ↔ inactive) gets the same decisions: the same figures
/// published and withheld, for the same reasons.
#[test]
fn refusals_do_not_depend_on_activity() {
    use remit_collab_tools::{Inventory, Seat, Tool};
    for seed in 0..30 {
        let (org, data, report, _) = case(seed, DisclosurePolicy::default());
        let as_of = org.as_of();
        let flipped: Vec<Tool> = data
            .inventory()
            .tools()
            .iter()
            .map(|t| {
                let mut b = Tool::builder(t.id(), t.name(), t.category())
                    .sync_level(t.sync_level())
                    .enable(t.enabled().iter())
                    .available(t.available().iter())
                    .seats(t.seats().iter().map(|s| {
                        let active = s.is_active(as_of, 60);
                        Seat::new(
                            s.user(),
                            if active {
                                None
                            } else {
                                as_of.checked_sub_days(chrono::Days::new(3))
                            },
                        )
                    }));
                if let Some(days) = t.chat_retention_days() {
                    b = b.chat_retention_days(days);
                }
                if let Some(l) = t.licence() {
                    b = b.licence(*l);
                }
                b.build().unwrap()
            })
            .collect();
        let inventory = Inventory::new(flipped).unwrap();
        let threshold = if seed.is_multiple_of(2) { 120 } else { 480 };
        let config = Config::new(as_of)
            .with_overlap_days(14)
            .unwrap()
            .with_overlap(OverlapConfig::default().with_async_first_below_minutes(threshold));
        let other = audit(
            &Inputs::new(org.roster(), &inventory).with_teams(data.teams()),
            &config,
            &mut Disclosure::new(DisclosurePolicy::default()),
        )
        .unwrap();
        let decisions = |r: &ToolsReport| {
            let usage: Vec<Option<_>> = r
                .tools()
                .iter()
                .map(|t| match t.usage().active_users() {
                    Disclosed::Published(_) => None,
                    Disclosed::Suppressed(reason) => Some(reason),
                })
                .collect();
            let waste: Vec<bool> = r
                .licence_waste()
                .iter()
                .map(|w| w.annual_waste().is_suppressed())
                .collect();
            let withheld: Vec<Vec<_>> = r
                .async_first()
                .iter()
                .map(|a| {
                    let mut all = a.withheld_tools().to_vec();
                    all.sort();
                    all
                })
                .collect();
            (usage, waste, withheld)
        };
        assert_eq!(decisions(&report), decisions(&other), "seed {seed}");
    }
}
