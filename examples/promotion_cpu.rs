//! CPU and wall time of the whole audit's promotion stage at scale (issue 9's budget:
//! 1.0 s at 1M employees on one core): generating the promotion history of a synthetic
//! organisation (`remit_synth::promotion::promotion_history`, the planted remote odds
//! ratio of the flagship audit) and auditing it (`remit_promotion_bias::audit` on the
//! table, a fresh disclosure engine each time, so its registration and releases are
//! timed too), each timed on its own. Generating the organisation itself is not part of
//! the stage and is not timed.
//! CPU time (user + system, `/proc/self/stat`, Linux only) is the fair measure on a
//! shared machine.
//!
//! Options: `cargo run --release --example promotion_cpu -- --help`, or
//! `docs/examples.md`.

use std::process::ExitCode;

use remit_core::WorkMode;
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_examples::cli::commands::{PROMOTION_CPU, ScaleOptions};
use remit_examples::{format_table, measure_cpu_and_wall, outln};
use remit_promotion_bias::{Config, Inputs, audit};
use remit_synth::promotion::{PromotionSynthConfig, promotion_history};
use remit_synth::{SynthConfig, generate};

fn main() -> ExitCode {
    PROMOTION_CPU.main(run)
}

fn run(
    ScaleOptions {
        employees,
        seed,
        repeat,
        ..
    }: ScaleOptions,
) -> Result<(), String> {
    let org = generate(&SynthConfig::new(employees, seed)).map_err(|e| e.to_string())?;
    let planted = PromotionSynthConfig::default()
        .odds_ratio(WorkMode::Remote, 0.6)
        .map_err(|e| e.to_string())?;
    let config = Config::new(org.as_of());

    let mut history = None;
    let (history_cpu, history_wall) = measure_cpu_and_wall(repeat, || {
        history = Some(promotion_history(&org, &planted).map_err(|e| e.to_string())?);
        Ok(())
    })?;
    let table = history.ok_or("no history")?.into_table();
    let mut findings = 0;
    let (analyse_cpu, analyse_wall) = measure_cpu_and_wall(repeat, || {
        let mut engine = Disclosure::new(DisclosurePolicy::default());
        let report =
            audit(&Inputs::from_table(&table), &config, &mut engine).map_err(|e| e.to_string())?;
        findings = remit_core::Audit::findings(&report).len();
        Ok(())
    })?;

    let row = |stage: &str, cpu: f64, wall: f64| {
        vec![stage.to_owned(), format!("{cpu:.3}"), format!("{wall:.3}")]
    };
    outln!(
        "promotion stage: {} records from {employees} employees, seed {seed}, median of {repeat}; {findings} findings",
        table.len()
    );
    outln!(
        "{}",
        format_table(
            &["stage", "cpu s", "wall s"].map(String::from),
            &[
                row("promotion history", history_cpu, history_wall),
                row("audit", analyse_cpu, analyse_wall),
                row(
                    "stage total",
                    history_cpu + analyse_cpu,
                    history_wall + analyse_wall
                ),
            ],
        )
    );
    Ok(())
}
