//! The whole remote-work audit: a synthetic organisation with planted problems, every
//! domain's audit, and one scorecard.
//!
//! Prints the scorecard as text (or Markdown with `--markdown`, or JSON with `--json`);
//! with `--html PATH` also writes the self-contained HTML page and says where. Progress
//! goes to stderr. The five domain audits run on `--workers` threads (default: one per
//! core); the result does not depend on it. Options: `cargo run --release --example
//! remote_work_audit -- --help`, or `docs/examples.md`.
#![allow(clippy::disallowed_methods)]

use std::process::ExitCode;
use std::time::Instant;

use remit::render;
use remit_examples::audit::{print_scorecard, run_synthetic};
use remit_examples::cli::commands::{REMOTE_WORK_AUDIT, ScorecardOptions};

fn main() -> ExitCode {
    REMOTE_WORK_AUDIT.main(run)
}

fn run(
    ScorecardOptions {
        employees,
        seed,
        workers,
        html: html_path,
        format,
    }: ScorecardOptions,
) -> Result<(), String> {
    eprintln!("remote-work audit: {employees} employees, seed {seed}");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = workers.unwrap_or(cores);
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

    print_scorecard(&scorecard, format)?;
    if let Some(path) = html_path {
        std::fs::write(&path, render::html(&scorecard))
            .map_err(|e| format!("writing {}: {e}", path.display()))?;
        eprintln!("HTML scorecard written to {}", path.display());
    }
    eprintln!("done in {:.2} s", start.elapsed().as_secs_f64());
    Ok(())
}
