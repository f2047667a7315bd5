//! What privacy costs: the share of people covered by published wellbeing cohorts per
//! cut, next to the most any rule could cover, and the share of group queries answered,
//! on synthetic organisations.
//!
//! Options: `cargo run --release --example disclosure_utility -- --help`, or
//! `docs/examples.md`.
//!
//! For each organisation size and minimum group size `k`, it generates `--orgs`
//! organisations (seeds 1..), audits wellbeing through a fresh disclosure engine
//! (minimum `k`, manager teams at least `max(k, 10)`), and reports per cut:
//!
//! - **covered**: the people in cohorts whose head-count was published, as a share of
//!   everyone employed;
//! - **ceiling**: the people in cohorts of at least the minimum (the manager-facing one
//!   for manager teams), as a share of everyone — no rule can publish a cohort below the
//!   minimum, so a cut is fully published when covered equals the ceiling.
//!
//! Then it asks `--queries` random groups through `compare_group` with the same engine
//! (after the report, as a scorecard does: half random subsets of 5–30% of staff, half a
//! random 30–70% of one work mode's staff, the shape of cross-domain groups) and reports
//! the share answered (some figure of the group published).

use std::collections::BTreeMap;
use std::process::ExitCode;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy, MinGroupSize};
use remit_core::{Audit, EmployeeGroup, EmployeeId};
use remit_examples::cli::commands::{DISCLOSURE_UTILITY, DisclosureUtilityOptions};
use remit_examples::outln;
use remit_synth::wellbeing::{WellbeingSynthConfig, wellbeing_data};
use remit_synth::{SynthConfig, generate};
use remit_wellbeing::{Cbi, Config, Dimension, Inputs, SurveyResults, Who5, audit};

fn main() -> ExitCode {
    DISCLOSURE_UTILITY.main(run)
}

/// The cuts in the order of the table's columns.
const COLUMNS: [Dimension; 7] = [
    Dimension::WorkMode,
    Dimension::UtcOffset,
    Dimension::Country,
    Dimension::Department,
    Dimension::WorkModeByUtcOffset,
    Dimension::Manager,
    Dimension::TeamDistance,
];

/// Per cut: the sums over organisations of the covered and the ceiling shares.
#[derive(Default)]
struct Coverage {
    covered: f64,
    ceiling: f64,
    organisations: f64,
}

fn run(
    DisclosureUtilityOptions {
        sizes,
        ks,
        orgs,
        queries,
    }: DisclosureUtilityOptions,
) -> Result<(), String> {
    outln!(
        "Each cell: people covered by published cohorts / the ceiling (people in cohorts of at least the minimum)."
    );
    outln!(
        "| people | k | work mode | UTC band | country | department | mode × band | manager team | team distance | queries answered |"
    );
    outln!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for &n in &sizes {
        for &k in &ks {
            let mut covered: BTreeMap<Dimension, Coverage> = BTreeMap::new();
            let (mut asked, mut answered) = (0usize, 0usize);
            for seed in 1..=orgs {
                let org = generate(&SynthConfig::new(n, seed)).map_err(|e| e.to_string())?;
                let data = wellbeing_data(&org, &WellbeingSynthConfig::default())
                    .map_err(|e| e.to_string())?;
                let surveys = SurveyResults::score_batch(
                    &Who5::new(),
                    &Cbi::new(),
                    data.respondents(),
                    data.codes(),
                )
                .map_err(|e| e.to_string())?;
                let min = MinGroupSize::new(k).map_err(|e| e.to_string())?;
                let manager_min = min.max(MinGroupSize::MANAGER_FACING);
                let mut engine = Disclosure::new(
                    DisclosurePolicy::default()
                        .with_min_group(min)
                        .with_manager_facing_min(manager_min),
                );
                let inputs = Inputs::new(org.roster(), &surveys, data.panel());
                let report = audit(&inputs, &Config::new(org.as_of()), &mut engine)
                    .map_err(|e| e.to_string())?;
                let total = data.employees().len() as f64;
                for row in report.rows() {
                    let entry = covered.entry(row.dimension()).or_default();
                    if let Disclosed::Published(h) = row.stats().headcount() {
                        entry.covered += h as f64 / total;
                    }
                }
                // The ceiling counts withheld cohorts too: their sizes come from the org
                // chart, not from the report.
                for (dimension, size) in cohort_sizes(&data, &org) {
                    let floor = if dimension == Dimension::Manager {
                        manager_min.get()
                    } else {
                        min.get()
                    };
                    if size >= u64::from(floor) {
                        covered.entry(dimension).or_default().ceiling += size as f64 / total;
                    }
                }
                for d in COLUMNS {
                    covered.entry(d).or_default().organisations += 1.0;
                }
                let ids: Vec<EmployeeId> = data.employees().iter().map(|e| e.id()).collect();
                let mut rng = ChaCha8Rng::seed_from_u64(seed * 7919 + k as u64);
                for q in 0..queries {
                    let members: Vec<EmployeeId> = if q % 2 == 0 {
                        let share = rng.random_range(0.05..0.30);
                        ids.iter()
                            .copied()
                            .filter(|_| rng.random_bool(share))
                            .collect()
                    } else {
                        let mode = data.employees()[rng.random_range(0..ids.len())].work_mode();
                        let share = rng.random_range(0.3..0.7);
                        data.employees()
                            .iter()
                            .filter(|e| e.work_mode() == mode)
                            .map(|e| e.id())
                            .filter(|_| rng.random_bool(share))
                            .collect()
                    };
                    let group = EmployeeGroup::new(format!("q.{q}"), "query", members);
                    let comparisons = report
                        .compare_group(&group, &mut engine)
                        .map_err(|e| e.to_string())?;
                    asked += 1;
                    if comparisons.iter().any(|c| !c.in_group().is_suppressed()) {
                        answered += 1;
                    }
                }
            }
            let share = |d: Dimension| {
                let c = covered.get(&d);
                let runs = c.map_or(1.0, |c| c.organisations.max(1.0));
                format!(
                    "{:.0}% / {:.0}%",
                    100.0 * c.map_or(0.0, |c| c.covered) / runs,
                    100.0 * c.map_or(0.0, |c| c.ceiling) / runs
                )
            };
            let cells: Vec<String> = COLUMNS.iter().map(|&d| share(d)).collect();
            outln!(
                "| {n} | {k} | {} | {:.0}% |",
                cells.join(" | "),
                100.0 * answered as f64 / asked.max(1) as f64
            );
        }
    }
    Ok(())
}

/// The size of every cohort of every cut, from the org chart (public information): the
/// crate's own cuts, run through an engine that withholds nothing (minimum one person,
/// the test-only rule without the atom check), so every head-count is the cohort's
/// size. This measures the organisation; nothing here is a publication.
fn cohort_sizes(
    data: &remit_synth::wellbeing::WellbeingData<'_>,
    org: &remit_synth::Organisation,
) -> Vec<(Dimension, u64)> {
    let everything = DisclosurePolicy::default()
        .with_min_group(MinGroupSize::new(1).unwrap_or(MinGroupSize::DEFAULT))
        .with_manager_facing_min(MinGroupSize::new(1).unwrap_or(MinGroupSize::DEFAULT))
        .with_rule(remit_core::disclosure::Rule::MinimumOnlyLeaky);
    let surveys = SurveyResults::new();
    let inputs = Inputs::new(org.roster(), &surveys, data.panel());
    audit(
        &inputs,
        &Config::new(org.as_of()),
        &mut Disclosure::new(everything),
    )
    .map(|report| {
        report
            .rows()
            .iter()
            .filter_map(|r| {
                r.stats()
                    .headcount()
                    .published()
                    .map(|h| (r.dimension(), h))
            })
            .collect()
    })
    .unwrap_or_default()
}
