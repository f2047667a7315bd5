//! Ingest throughput of canonical CSV through `remit_ingest::read_directory`, end to
//! end (parsing, checking, joining and building the domain records):
//!
//! - `ingest/people_jobs`: 1M people (`people.csv`) and their job history
//!   (`job_events.csv`, a hire row each and a promotion for a fifth), giving the roster
//!   and the promotion table derived from the history;
//! - `ingest/asset_events`: 10M asset events (`asset_events.csv`, ten per asset) of 1M
//!   assets (`assets.csv`) held by 100k people, giving every asset's event log.
//!
//! Throughput is reported in bytes of CSV read. `INGEST_BENCH_SCALE` (default 1) divides
//! the sizes for a quick run.

use std::collections::BTreeMap;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use remit_ingest::{Input, read_directory};

#[path = "support/ingest_data.rs"]
mod ingest_data;
use ingest_data::{assets, config, people, scale};

fn ingest(c: &mut Criterion) {
    let scale = scale();
    let mut group = c.benchmark_group("ingest");
    group.sample_size(10);

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
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("people_jobs", |b| {
        b.iter(|| {
            let inputs =
                read_directory(|name| Ok(files.get(name).copied()), &cfg).expect("valid files");
            assert!(inputs.promotion.is_some());
            inputs
        });
    });
    drop(files);
    drop((people_csv, jobs_csv));

    let (people_csv, _) = people(100_000 / scale, false);
    let (assets_csv, events_csv) = assets(1_000_000 / scale, 100_000 / scale);
    let files: BTreeMap<&str, &[u8]> = [
        ("people.csv", people_csv.as_bytes()),
        ("assets.csv", assets_csv.as_bytes()),
        ("asset_events.csv", events_csv.as_bytes()),
    ]
    .into();
    let bytes: usize = files.values().map(|f| f.len()).sum();
    let cfg = config(&[
        ("people.csv", Input::People),
        ("assets.csv", Input::Assets),
        ("asset_events.csv", Input::AssetEvents),
    ]);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("asset_events", |b| {
        b.iter(|| {
            let inputs =
                read_directory(|name| Ok(files.get(name).copied()), &cfg).expect("valid files");
            assert_eq!(
                inputs.assets.as_ref().map(Vec::len),
                Some(1_000_000 / scale)
            );
            inputs
        });
    });
    group.finish();
}

criterion_group!(benches, ingest);
criterion_main!(benches);
