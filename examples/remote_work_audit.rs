//! The whole remote-work audit: a synthetic organisation with planted problems (or, with
//! `--data DIR`, the export files in DIR as its `remit.toml` maps them), every domain's
//! audit, and one scorecard.
//!
//! Prints the scorecard as text (or Markdown with `--markdown`, or JSON with `--json`);
//! with `--html PATH` also writes the self-contained HTML page and says where. Progress
//! goes to stderr. The five domain audits of a synthetic organisation run on `--workers`
//! threads (default: one per core); the result does not depend on it. Options: `cargo
//! run --release --example remote_work_audit -- --help`, or `docs/examples.md`.
#![expect(
    clippy::disallowed_methods,
    reason = "an example is a program: it reads or writes files and times itself, which clippy.toml bans in library crates only"
)]

use std::process::ExitCode;
use std::time::Instant;

use remit::Scorecard;
use remit::render;
use remit_examples::audit::{print_scorecard, run_synthetic};
use remit_examples::cli::commands::{REMOTE_WORK_AUDIT, ScorecardOptions};
use remit_examples::exports::audit_exports;

fn main() -> ExitCode {
    REMOTE_WORK_AUDIT.main(run)
}

fn run(
    ScorecardOptions {
        data,
        employees,
        seed,
        workers,
        html: html_path,
        format,
    }: ScorecardOptions,
) -> Result<(), String> {
    let start = Instant::now();
    let progress = |stage: &str| eprintln!("  {stage}");
    let scorecard = match data {
        Some(dir) => {
            eprintln!("remote-work audit: the export files in {}", dir.display());
            let audit = audit_exports(&dir, &progress).map_err(|e| e.to_string())?;
            compose(audit, |a| a.scorecard())?
        }
        None => {
            eprintln!("remote-work audit: {employees} employees, seed {seed}");
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            let workers = workers.unwrap_or(cores);
            let audit = run_synthetic(employees, seed, workers, &progress)?;
            compose(audit, |a| a.scorecard())?
        }
    };

    print_scorecard(&scorecard, format)?;
    if let Some(path) = html_path {
        std::fs::write(&path, render::html(&scorecard))
            .map_err(|e| format!("writing {}: {e}", path.display()))?;
        eprintln!("HTML scorecard written to {}", path.display());
    }
    eprintln!("done in {:.2} s", start.elapsed().as_secs_f64());
    Ok(())
}

/// Composes the scorecard, then releases the reports (`audit`), timing each.
fn compose<T>(
    audit: T,
    scorecard: impl FnOnce(&T) -> Result<Scorecard, String>,
) -> Result<Scorecard, String> {
    let clock = Instant::now();
    let scorecard = scorecard(&audit)?;
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
    Ok(scorecard)
}
