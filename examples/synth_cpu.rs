//! CPU and wall time of generating a synthetic organisation (issue 2's criterion: 1M
//! employees in under 1 s), with dropping it timed separately. CPU time (user + system,
//! from `/proc/self/stat`, Linux only) is the fair measure on a shared machine;
//! criterion's wall-clock figures are in `cargo bench --bench synth`. Run it under
//! `/usr/bin/time -v` for the peak resident set size of one organisation.
//!
//! Options: `cargo run --release --example synth_cpu -- --help`, or
//! `docs/examples.md`.

use std::process::ExitCode;

use remit_examples::cli::commands::{SYNTH_CPU, ScaleOptions};
use remit_examples::{format_table, measure_cpu_and_wall, outln};
use remit_synth::{SynthConfig, generate};

fn main() -> ExitCode {
    SYNTH_CPU.main(run)
}

fn run(
    ScaleOptions {
        employees,
        seed,
        repeat,
        ..
    }: ScaleOptions,
) -> Result<(), String> {
    let config = SynthConfig::new(employees, seed);

    // Every organisation is kept until the drops are timed, so no drop is timed as
    // generation (peak memory grows with --repeat: use --repeat 1 for one organisation's).
    let mut orgs = Vec::with_capacity(repeat);
    let (generate_cpu, generate_wall) = measure_cpu_and_wall(repeat, || {
        let org = generate(&config).map_err(|e| e.to_string())?;
        if org.roster().len() != employees {
            return Err("wrong head-count".into());
        }
        orgs.push(Some(org));
        Ok(())
    })?;
    let mut next = orgs.iter_mut();
    let (drop_cpu, drop_wall) = measure_cpu_and_wall(repeat, || {
        drop(next.next().and_then(Option::take));
        Ok(())
    })?;

    let row = |stage: &str, cpu: f64, wall: f64| {
        vec![stage.to_owned(), format!("{cpu:.3}"), format!("{wall:.3}")]
    };
    outln!("synthetic organisation of {employees} employees, seed {seed}, median of {repeat}");
    outln!(
        "{}",
        format_table(
            &["stage", "cpu s", "wall s"].map(String::from),
            &[
                row("generate", generate_cpu, generate_wall),
                row("drop", drop_cpu, drop_wall),
            ],
        )
    );
    Ok(())
}
