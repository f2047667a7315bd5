//! CPU time (not wall time) of the remit-stats workloads of `benches/stats.rs`, for
//! a shared machine where wall-clock benchmarks mostly measure the neighbours.
//! Reads the process's user+system time from `/proc/self/stat` (Linux only).
//!
//! ```text
//! cargo run --release --example stats_cpu -- [--rows N] [--repeat R]
//! ```
#![allow(clippy::disallowed_methods)]

use std::process::ExitCode;
use std::time::Instant;

use remit_examples::{Args, format_table};
use remit_stats::{Alternative, fisher_exact, kaplan_meier, logistic, logrank_test};

#[path = "../benches/support/stats_data.rs"]
mod stats_data;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// User + system CPU seconds of this process.
fn cpu_seconds() -> Result<f64, String> {
    let stat = std::fs::read_to_string("/proc/self/stat").map_err(|e| e.to_string())?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| -> Result<f64, String> {
        fields
            .get(i)
            .ok_or("short /proc/self/stat")?
            .parse::<f64>()
            .map_err(|e| e.to_string())
    };
    // utime and stime are fields 14 and 15 of the full line; clock ticks are 1/100 s
    // on Linux.
    Ok((ticks(11)? + ticks(12)?) / 100.0)
}

/// Median CPU and wall milliseconds of `repeat` runs of `f`.
fn measure(repeat: usize, mut f: impl FnMut() -> Result<(), String>) -> Result<(f64, f64), String> {
    let mut cpu = Vec::new();
    let mut wall = Vec::new();
    for _ in 0..repeat {
        let c0 = cpu_seconds()?;
        let w0 = Instant::now();
        f()?;
        wall.push(w0.elapsed().as_secs_f64() * 1e3);
        cpu.push((cpu_seconds()? - c0) * 1e3);
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    Ok((median(cpu), median(wall)))
}

fn run() -> Result<(), String> {
    let args = Args::from_env();
    args.reject_unknown(&["--rows", "--repeat"])?;
    let rows: usize = args.value("--rows", 1_000_000)?;
    let repeat: usize = args.value("--repeat", 5)?;
    let mut table = Vec::new();

    let (x, y) = stats_data::logistic_data(rows, 7);
    let (cpu, wall) = measure(repeat, || {
        logistic(&x, &y).map(|_| ()).map_err(|e| e.to_string())
    })?;
    table.push(vec![
        format!("logistic, 12 params, {rows} rows"),
        format!("{cpu:.0}"),
        format!("{wall:.0}"),
    ]);

    let (d, e, g) = stats_data::survival_data(rows, 11);
    let (cpu, wall) = measure(repeat, || {
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
        let (cpu, wall) = measure(repeat, || {
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
    println!("{}", format_table(&header, &table));
    Ok(())
}
