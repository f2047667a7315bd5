//! CPU time (not wall time) of the remit-stats workloads of `benches/stats.rs`, for
//! a shared machine where wall-clock benchmarks mostly measure the neighbours.
//! Reads the process's user+system time from `/proc/self/stat` (Linux only).
//!
//! Options: `cargo run --release --example stats_cpu -- --help`, or
//! `docs/examples.md`.

use std::process::ExitCode;

use remit_examples::cli::commands::{STATS_CPU, StatsCpuOptions};
use remit_examples::{format_table, measure_cpu_and_wall, outln};
use remit_stats::{Alternative, fisher_exact, kaplan_meier, logistic, logrank_test};

#[path = "../benches/support/stats_data.rs"]
mod stats_data;

fn main() -> ExitCode {
    STATS_CPU.main(run)
}

/// Median CPU and wall milliseconds of `repeat` runs of `f`.
fn measure_ms(repeat: usize, f: impl FnMut() -> Result<(), String>) -> Result<(f64, f64), String> {
    measure_cpu_and_wall(repeat, f).map(|(cpu, wall)| (cpu * 1e3, wall * 1e3))
}

fn run(StatsCpuOptions { rows, repeat }: StatsCpuOptions) -> Result<(), String> {
    let mut table = Vec::new();

    let (x, y) = stats_data::logistic_data(rows, 7);
    let (cpu, wall) = measure_ms(repeat, || {
        logistic(&x, &y).map(|_| ()).map_err(|e| e.to_string())
    })?;
    table.push(vec![
        format!("logistic, 12 params, {rows} rows"),
        format!("{cpu:.0}"),
        format!("{wall:.0}"),
    ]);

    let (d, e, g) = stats_data::survival_data(rows, 11);
    let (cpu, wall) = measure_ms(repeat, || {
        kaplan_meier(&d, &e, 0.95).map_err(|e| e.to_string())?;
        logrank_test(&d, &e, &g)
            .map(|_| ())
            .map_err(|e| e.to_string())
    })?;
    table.push(vec![
        format!("Kaplan-Meier + log-rank (3 groups), {rows} rows"),
        format!("{cpu:.0}"),
        format!("{wall:.0}"),
    ]);

    // Fisher is microseconds: time 1000 calls and report per call.
    for (name, t) in stats_data::FISHER_TABLES {
        let (cpu, wall) = measure_ms(repeat, || {
            for _ in 0..1000 {
                fisher_exact(&t, Alternative::TwoSided).map_err(|e| e.to_string())?;
            }
            Ok(())
        })?;
        table.push(vec![
            format!("Fisher exact, margins in millions ({name}), per call"),
            format!("{:.4}", cpu / 1000.0),
            format!("{:.4}", wall / 1000.0),
        ]);
    }
    let header = [
        "workload".to_string(),
        "CPU ms (median)".to_string(),
        "wall ms (median)".to_string(),
    ];
    outln!("{}", format_table(&header, &table));
    Ok(())
}
