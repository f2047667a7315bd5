//! Benchmarks of remit-collab-tools: time-zone overlap for 1k/10k/100k teams over a
//! year, and the full tools audit (team overlaps over a year and the disclosure engine
//! included) for 50 tools x 10k users and 500 tools x 100k users.
//!
//! Run: `cargo bench --bench collab_tools`. Figures are recorded in docs/BENCHMARKS.md.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use remit_collab_tools::{Config, Inputs, OverlapConfig, OverlapPlanner, audit};
use remit_core::Period;
use remit_core::disclosure::{Disclosure, DisclosurePolicy};

#[path = "support/collab_data.rs"]
mod collab_data;
use collab_data::{inventory, teams, workforce_and_teams};

fn overlap(c: &mut Criterion) {
    let year = Period::new(
        NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"),
        NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
    )
    .expect("period");
    let mut group = c.benchmark_group("collab_tools/overlap_365_days");
    group.sample_size(10);
    for n in [1_000usize, 10_000, 100_000] {
        let teams = teams(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &teams, |b, teams| {
            b.iter(|| {
                // A fresh planner per iteration: the zone and member caches are included.
                let mut planner =
                    OverlapPlanner::new(year, OverlapConfig::default()).expect("planner");
                let results = planner.overlap_all(black_box(teams));
                assert_eq!(results.len(), teams.len());
                results
            });
        });
    }
    group.finish();
}

fn full_audit(c: &mut Criterion) {
    let config = Config::new(NaiveDate::from_ymd_opt(2025, 6, 30).expect("date"));
    let mut group = c.benchmark_group("collab_tools/full_audit");
    group.sample_size(10);
    for (tools, users) in [(50usize, 10_000usize), (500, 100_000)] {
        let inv = inventory(tools, users);
        let (workforce, teams) = workforce_and_teams(users);
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{tools}_tools_{users}_users")),
            &(inv, workforce, teams),
            |b, (inv, workforce, teams)| {
                b.iter(|| {
                    // A fresh engine per iteration: its cost is part of the audit.
                    let mut engine = Disclosure::new(DisclosurePolicy::default());
                    let report = audit(
                        &Inputs::new(workforce, black_box(inv)).with_teams(teams),
                        &config,
                        &mut engine,
                    )
                    .expect("audit");
                    assert_eq!(report.tools().len(), tools);
                    report
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, overlap, full_audit);
criterion_main!(benches);
