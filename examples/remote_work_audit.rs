//! The whole remote-work audit: a synthetic organisation with planted problems, every
//! domain's audit, and one scorecard.
//!
//! ```text
//! cargo run --release --example remote_work_audit -- [--employees N] [--seed S] [--workers W] [--html PATH] [--markdown] [--json]
//! ```
//!
//! Prints the scorecard as text (or Markdown with `--markdown`, or JSON with `--json`);
//! with `--html PATH` also writes the self-contained HTML page and says where. Progress
//! goes to stderr. The five domain audits run on `--workers` threads (default: one per
//! core); the result does not depend on it.
#![allow(clippy::disallowed_methods)]

use std::process::ExitCode;
use std::time::Instant;

use remit::render;
use remit_examples::Args;
use remit_examples::audit::{print_scorecard, run_synthetic};

fn main() -> ExitCode {
    remit_examples::finish(run())
}

fn run() -> Result<(), String> {
    let args = Args::from_env();
    args.reject_unknown(&[
        "--employees",
        "--seed",
        "--workers",
        "--html",
        "--json",
        "--markdown",
    ])?;
    let employees: usize = args.value("--employees", 10_000)?;
    let seed: u64 = args.value("--seed", 42)?;
    let html_path: Option<String> = args.optional("--html")?;

    eprintln!("remote-work audit: {employees} employees, seed {seed}");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers: usize = args.value("--workers", cores)?;
    let start = Instant::now();
    let audit = run_synthetic(employees, seed, workers, &|stage| eprintln!("  {stage}"))?;
    let clock = Instant::now();
    let scorecard = audit.scorecard()?;
    eprintln!(
        "  scorecard composed ({:.2} s)",
        clock.elapsed().as_secs_f64()
    );
    let clock = Instant::now();
    drop(audit);
    eprintln!(
        "  reports released ({:.2} s)",
        clock.elapsed().as_secs_f64()
    );

    print_scorecard(&scorecard, &args)?;
    if let Some(path) = html_path {
        std::fs::write(&path, render::html(&scorecard))
            .map_err(|e| format!("writing {path}: {e}"))?;
        eprintln!("HTML scorecard written to {path}");
    }
    eprintln!("done in {:.2} s", start.elapsed().as_secs_f64());
    Ok(())
}
