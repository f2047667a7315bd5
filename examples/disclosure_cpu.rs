//! What the disclosure engine's own checks cost in the whole audit: the flagship audit
//! (organisation, five domains, scorecard) with the engine's rule, and the same audit with
//! the test-only per-call rule (`Rule::MinimumOnlyLeaky`: the minimum only, no ledger, no
//! rank test), run alternately; the difference is the ledger's cost. CPU time (user +
//! system, from `/proc/self/stat`, Linux only) is the fair measure on a shared machine.
//!
//! The per-call rule leaks (issue 13); it exists only to measure and to show the
//! adversary suite can fail. Nothing here publishes anything.
//!
//! Options: `cargo run --release --example disclosure_cpu -- --help`, or
//! `docs/examples.md`.

use std::process::ExitCode;

use remit_core::disclosure::{DisclosurePolicy, Rule};
use remit_examples::audit::run_synthetic_with;
use remit_examples::cli::commands::{DISCLOSURE_CPU, ScaleOptions};
use remit_examples::{format_table, measure_cpu_and_wall, outln};

fn main() -> ExitCode {
    DISCLOSURE_CPU.main(run)
}

fn run(
    ScaleOptions {
        employees,
        seed,
        repeat,
        ..
    }: ScaleOptions,
) -> Result<(), String> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let audit = |policy: DisclosurePolicy| {
        move || {
            let audit = run_synthetic_with(employees, seed, workers, policy, &|_| {})?;
            let card = audit.scorecard()?;
            if card.domains().len() != 5 {
                return Err("a domain is missing".into());
            }
            Ok(())
        }
    };
    let engine = DisclosurePolicy::default();
    let per_call = DisclosurePolicy::default().with_rule(Rule::MinimumOnlyLeaky);
    // Alternate the two so that load on a shared machine falls on both alike.
    let (mut with, mut without) = (Vec::new(), Vec::new());
    for _ in 0..repeat {
        with.push(measure_cpu_and_wall(1, audit(engine))?);
        without.push(measure_cpu_and_wall(1, audit(per_call))?);
    }
    let median = |runs: &mut Vec<(f64, f64)>, pick: fn(&(f64, f64)) -> f64| {
        let mut values: Vec<f64> = runs.iter().map(pick).collect();
        values.sort_by(f64::total_cmp);
        values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let (cpu_with, wall_with) = (median(&mut with, |r| r.0), median(&mut with, |r| r.1));
    let (cpu_without, wall_without) =
        (median(&mut without, |r| r.0), median(&mut without, |r| r.1));
    let row = |rule: &str, cpu: f64, wall: f64| {
        vec![rule.to_owned(), format!("{cpu:.2}"), format!("{wall:.2}")]
    };
    outln!("{employees} employees, seed {seed}, {workers} workers, median of {repeat} runs each");
    outln!(
        "{}",
        format_table(
            &[
                "rule".to_owned(),
                "CPU (s)".to_owned(),
                "wall (s)".to_owned()
            ],
            &[
                row("the engine (atoms / rank test)", cpu_with, wall_with),
                row("per call (minimum only; leaks)", cpu_without, wall_without),
                row(
                    "the engine's own cost",
                    cpu_with - cpu_without,
                    wall_with - wall_without
                ),
            ],
        )
    );
    outln!(
        "engine share of the audit: {:.1}% of CPU",
        100.0 * (cpu_with - cpu_without) / cpu_with
    );
    Ok(())
}
