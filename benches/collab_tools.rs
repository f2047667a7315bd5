//! Benchmarks of remit-collab-tools: time-zone overlap for 10 000 teams over a year.
//!
//! Run: `cargo bench --bench collab_tools`. Figures are recorded in docs/BENCHMARKS.md.
#![allow(clippy::disallowed_methods)]
#![allow(missing_docs)]

use std::hint::black_box;

use chrono::NaiveDate;
use chrono_tz::Tz;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use remit_collab_tools::overlap::{
    Member, OverlapConfig, OverlapPlanner, Team, Workdays, WorkingHours,
};
use remit_core::{EmployeeId, Period, TeamId};

const ZONES: [Tz; 24] = [
    chrono_tz::America::Los_Angeles,
    chrono_tz::America::Denver,
    chrono_tz::America::Chicago,
    chrono_tz::America::New_York,
    chrono_tz::America::Sao_Paulo,
    chrono_tz::America::Santiago,
    chrono_tz::America::Mexico_City,
    chrono_tz::Europe::London,
    chrono_tz::Europe::Dublin,
    chrono_tz::Europe::Berlin,
    chrono_tz::Europe::Madrid,
    chrono_tz::Europe::Warsaw,
    chrono_tz::Europe::Kyiv,
    chrono_tz::Africa::Lagos,
    chrono_tz::Africa::Nairobi,
    chrono_tz::Asia::Dubai,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Asia::Kathmandu,
    chrono_tz::Asia::Singapore,
    chrono_tz::Asia::Tokyo,
    chrono_tz::Australia::Sydney,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::Pacific::Auckland,
    chrono_tz::America::Toronto,
];

/// Deterministic teams of 4-9 members drawn from 24 zones with varied hours.
fn teams(n: usize) -> Vec<Team> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|t| {
            let size = 4 + (next() % 6) as usize;
            let home = (next() % ZONES.len() as u64) as usize;
            let members = (0..size)
                .map(|i| {
                    // Most members near the team's home zone, some far away.
                    let spread = (next() % 5) as usize;
                    let zone = ZONES[(home + spread * (next() % 3) as usize) % ZONES.len()];
                    let start = 420 + 30 * (next() % 7) as u16;
                    let hours = WorkingHours::from_minutes(start, 480 + 30 * (next() % 3) as u16)
                        .expect("valid hours");
                    Member::new(
                        EmployeeId::from_external(&format!("{t}-{i}")),
                        zone,
                        hours,
                        Workdays::MON_FRI,
                    )
                    .expect("valid member")
                })
                .collect();
            Team::new(TeamId::from_external(&t.to_string()), members).expect("valid team")
        })
        .collect()
}

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

criterion_group!(benches, overlap);
criterion_main!(benches);
