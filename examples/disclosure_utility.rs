//! What privacy costs: the share of people covered by published wellbeing cohorts per
//! cut, and the share of group queries answered, on synthetic organisations.
//!
//! ```text
//! cargo run --release --example disclosure_utility -- [--sizes 50,200,1000,10000] [--k 5,10] [--orgs N] [--queries Q]
//! ```
//!
//! For each organisation size and minimum group size `k`, it generates `--orgs`
//! organisations (seeds 1..), builds the wellbeing cohort report, and reports per cut the
//! people in published cohorts as a share of everyone; then it asks `--queries` random
//! groups through `compare_group` (half random subsets of 5–30% of staff, half a random
//! 30–70% of one work mode's staff, the shape of cross-domain groups) and reports the
//! share answered.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;
use std::process::ExitCode;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use remit_core::privacy::{Disclosed, MinGroupSize};
use remit_core::{Audit, EmployeeGroup, EmployeeId};
use remit_examples::cli::commands::{DISCLOSURE_UTILITY, DisclosureUtilityOptions};
use remit_examples::outln;
use remit_synth::wellbeing::{WellbeingSynthConfig, wellbeing_data};
use remit_synth::{SynthConfig, generate};
use remit_wellbeing::builtin::{Cbi, Who5};
use remit_wellbeing::individual::{Individuals, SurveyResults};
use remit_wellbeing::report::{CohortReport, Dimension, ReportConfig};
use remit_wellbeing::risk::WeightedRiskModel;

fn main() -> ExitCode {
    DISCLOSURE_UTILITY.main(run)
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
        "| people | k | work mode | UTC band | country | department | mode × band | manager team | team distance | queries answered |"
    );
    outln!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for &n in &sizes {
        for &k in &ks {
            let mut covered: BTreeMap<Dimension, (f64, f64)> = BTreeMap::new();
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
                let individuals = Individuals::assess(
                    data.employees(),
                    data.panel(),
                    &surveys,
                    &WeightedRiskModel::default(),
                )
                .map_err(|e| e.to_string())?;
                let min = MinGroupSize::new(k).map_err(|e| e.to_string())?;
                let config = ReportConfig::new(org.as_of())
                    .with_min_group(min)
                    .with_manager_min_group(min.max(MinGroupSize::MANAGER_FACING));
                let report = CohortReport::build(data.employees(), &individuals, &config)
                    .map_err(|e| e.to_string())?;
                let total = data.employees().len() as f64;
                for row in report.rows() {
                    let entry = covered.entry(row.dimension()).or_default();
                    if let Disclosed::Published(h) = row.stats().headcount {
                        entry.0 += h as f64 / total;
                    }
                }
                for d in Dimension::ALL {
                    covered.entry(d).or_default().1 += 1.0;
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
                    let mut engine = remit_core::disclosure::Disclosure::new(
                        remit_core::disclosure::DisclosurePolicy::default(),
                    );
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
                let (sum, count) = covered.get(&d).copied().unwrap_or((0.0, 1.0));
                format!("{:.0}%", 100.0 * sum / count.max(1.0))
            };
            outln!(
                "| {n} | {k} | {} | {} | {} | {} | {} | {} | {} | {:.0}% |",
                share(Dimension::WorkMode),
                share(Dimension::UtcOffset),
                share(Dimension::Country),
                share(Dimension::Department),
                share(Dimension::WorkModeByUtcOffset),
                share(Dimension::Manager),
                share(Dimension::TeamDistance),
                100.0 * answered as f64 / asked.max(1) as f64
            );
        }
    }
    Ok(())
}
