//! CPU time and memory of reading canonical CSV through `remit_ingest::read_directory`:
//! 1M people with job history (roster and derived promotion table), and 10M asset
//! events of 1M assets (every asset's event log). The same files as `benches/ingest.rs`.
//! CPU time (user + system, `/proc/self/stat`, Linux only) is the fair measure on a
//! shared machine.
//!
//! ```text
//! cargo run --release --example ingest_cpu -- [--scale N] [--repeat R] [--only people|assets|rows]
//! ```
//!
//! `--only` runs one workload (for a profiler: the other's files are not even generated).
#![expect(
    clippy::disallowed_methods,
    reason = "an example is a program: it reads or writes files and times itself, which clippy.toml bans in library crates only"
)]

use std::collections::BTreeMap;
use std::process::ExitCode;

use remit_examples::cli::commands::{INGEST_CPU, IngestCpuOptions};
use remit_examples::{measure_cpu_and_wall, outln};
use remit_ingest::{Input, read_directory};

#[path = "../benches/support/ingest_data.rs"]
mod ingest_data;
use ingest_data::{assets, config, people};

fn main() -> ExitCode {
    INGEST_CPU.main(run)
}

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn run(
    IngestCpuOptions {
        scale,
        repeat,
        only,
    }: IngestCpuOptions,
) -> Result<(), String> {
    let only = only.unwrap_or_default();
    if !["", "people", "assets", "rows"].contains(&only.as_str()) {
        return Err(format!("--only {only:?}: expected people, assets or rows"));
    }
    if only.is_empty() || only == "people" {
        people_jobs(scale, repeat)?;
    }
    if only.is_empty() || only == "assets" || only == "rows" {
        asset_events(scale, repeat, &only)?;
    }
    Ok(())
}

fn people_jobs(scale: usize, repeat: usize) -> Result<(), String> {
    let (people_csv, jobs_csv) = people(1_000_000 / scale, true);
    let files: BTreeMap<&str, &[u8]> = [
        ("people.csv", people_csv.as_bytes()),
        ("job_events.csv", jobs_csv.as_bytes()),
    ]
    .into();
    let bytes: usize = files.values().map(|f| f.len()).sum();
    let cfg = config(&[
        ("people.csv", Input::People),
        ("job_events.csv", Input::JobEvents),
    ]);
    let (cpu, wall) = measure_cpu_and_wall(repeat, || {
        read_directory(|name| Ok(files.get(name).copied()), &cfg)
            .map(drop)
            .map_err(|e| e.to_string())
    })?;
    outln!(
        "people + job history: {} people, {:.1} MB: {cpu:.2} s CPU ({:.0} MB/s per core), {wall:.2} s wall",
        1_000_000 / scale,
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / cpu
    );
    Ok(())
}

fn asset_events(scale: usize, repeat: usize, only: &str) -> Result<(), String> {
    let (people_csv, _) = people(100_000 / scale, false);
    let (assets_csv, events_csv) = assets(1_000_000 / scale, 100_000 / scale);
    let files: BTreeMap<&str, &[u8]> = [
        ("people.csv", people_csv.as_bytes()),
        ("assets.csv", assets_csv.as_bytes()),
        ("asset_events.csv", events_csv.as_bytes()),
    ]
    .into();
    let bytes: usize = files.values().map(|f| f.len()).sum();
    if only != "rows" {
        asset_logs(&files, scale, repeat, bytes)?;
    }
    // The same files without the people file: every row is read, typed and checked,
    // then the directory is refused for lack of people (no domain records are built).
    let cfg = config(&[
        ("assets.csv", Input::Assets),
        ("asset_events.csv", Input::AssetEvents),
    ]);
    let rows_bytes = bytes - people_csv.len();
    let (cpu, _) = measure_cpu_and_wall(repeat, || {
        match read_directory(|name| Ok(files.get(name).copied()), &cfg) {
            Err(e) if e.problems().len() == 1 => Ok(()),
            other => Err(format!(
                "expected only the missing people file, got {other:?}"
            )),
        }
    })?;
    outln!(
        "asset rows read and checked only: {:.1} MB: {cpu:.2} s CPU ({:.0} MB/s per core)",
        rows_bytes as f64 / 1e6,
        rows_bytes as f64 / 1e6 / cpu
    );
    Ok(())
}

fn asset_logs(
    files: &BTreeMap<&str, &[u8]>,
    scale: usize,
    repeat: usize,
    bytes: usize,
) -> Result<(), String> {
    let cfg = config(&[
        ("people.csv", Input::People),
        ("assets.csv", Input::Assets),
        ("asset_events.csv", Input::AssetEvents),
    ]);
    let (cpu, wall) = measure_cpu_and_wall(repeat, || {
        read_directory(|name| Ok(files.get(name).copied()), &cfg)
            .map(drop)
            .map_err(|e| e.to_string())
    })?;
    outln!(
        "asset events: {} events of {} assets, {:.1} MB: {cpu:.2} s CPU ({:.0} MB/s per core), {wall:.2} s wall; peak RSS {:.0} MiB",
        10_000_000 / scale,
        1_000_000 / scale,
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / cpu,
        peak_rss_mib()
    );
    Ok(())
}
