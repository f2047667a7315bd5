//! The whole remote-work audit from a real data source: an organisation kept in a SQLite
//! file, read through the crates' input ports.
//!
//! ```text
//! cargo run --release --features sqlite --example sqlite_audit -- [--db PATH] [--employees N] [--seed S] [--json|--markdown]
//! ```
//!
//! If `PATH` does not exist, a synthetic organisation of `N` employees from seed `S` is
//! written into it first, with every domain's inputs.
//! Then the database is opened read-only, the employees are streamed through
//! `remit_examples::sqlite::SqliteWorkforce` (a `Workforce` implemented directly over
//! SQLite), the domain inputs are read and validated from their tables, the same
//! per-domain audits as `remote_work_audit` run, and the scorecard is printed (text,
//! Markdown or JSON). The default `PATH` is `remit-<N>-<S>.sqlite` in the system's
//! temporary directory. Progress goes to stderr. Defaults and every option: `--help`, or
//! `docs/examples.md`.
#![expect(
    clippy::disallowed_methods,
    reason = "an example is a program: it reads or writes files and times itself, which clippy.toml bans in library crates only"
)]

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use remit_examples::audit::print_scorecard;
use remit_examples::cli::commands::{SQLITE_AUDIT, SqliteAuditOptions};
use remit_examples::sqlite::{OrganisationInputs, SqliteWorkforce, audit_store, write_synthetic};
use remit_synth::{SynthConfig, generate};

fn main() -> ExitCode {
    SQLITE_AUDIT.main(run)
}

fn run(
    SqliteAuditOptions {
        db,
        employees,
        seed,
        shaped,
        format,
    }: SqliteAuditOptions,
) -> Result<(), String> {
    let path: PathBuf =
        db.unwrap_or_else(|| std::env::temp_dir().join(format!("remit-{employees}-{seed}.sqlite")));

    let existed = path.exists();
    if existed {
        eprintln!("sqlite audit: reading {}", path.display());
    } else {
        write_database(&path, employees, seed)?;
    }

    let clock = Instant::now();
    let store =
        SqliteWorkforce::open_path(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    if existed && shaped {
        eprintln!(
            "  the database holds {} employees from seed {}; --employees and --seed only shape a new database",
            remit_core::Workforce::headcount(&store),
            store.seed()
        );
    }
    eprintln!(
        "  employees validated: {} ({:.2} s)",
        remit_core::Workforce::headcount(&store),
        clock.elapsed().as_secs_f64()
    );
    let reports = audit_store(&store, &|stage| eprintln!("  {stage}"))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let scorecard = reports.scorecard()?;

    print_scorecard(&scorecard, format)?;
    Ok(())
}

/// Writes a synthetic organisation into a new database at `path`: first into a sibling
/// file, renamed into place only once the transaction has committed, so an interrupted
/// run never leaves a half-written database behind.
fn write_database(path: &std::path::Path, employees: usize, seed: u64) -> Result<(), String> {
    eprintln!(
        "sqlite audit: {} does not exist; writing a synthetic organisation of {employees} employees (seed {seed}) into it",
        path.display()
    );
    let clock = Instant::now();
    let org = generate(&SynthConfig::new(employees, seed)).map_err(|e| e.to_string())?;
    let inputs = OrganisationInputs::generate(&org)?;
    let generated = clock.elapsed().as_secs_f64();
    let partial = path.with_extension("partial");
    // A leftover from an interrupted run.
    let _ = std::fs::remove_file(&partial);
    let mut conn =
        rusqlite::Connection::open(&partial).map_err(|e| format!("{}: {e}", partial.display()))?;
    write_synthetic(&mut conn, &org, &inputs).map_err(|e| format!("{}: {e}", partial.display()))?;
    conn.close()
        .map_err(|(_, e)| format!("{}: {e}", partial.display()))?;
    std::fs::rename(&partial, path).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!(
        "  generated in {generated:.2} s, written in {:.2} s",
        clock.elapsed().as_secs_f64() - generated
    );
    Ok(())
}
