//! remit-stats at 10k, 100k and 1M rows: logistic regression with 12
//! parameters, Kaplan–Meier plus a k-group log-rank test, and Fisher's exact
//! test with margins in the millions. Python reference timings for the same
//! computations: `benches/reference/stats_timing.py`; figures in
//! `docs/BENCHMARKS.md`.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use remit_stats::{Alternative, fisher_exact, kaplan_meier, logistic, logrank_test};

#[path = "support/stats_data.rs"]
mod stats_data;
use stats_data::{FISHER_TABLES, logistic_data, survival_data};

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

fn bench_logistic(c: &mut Criterion) {
    let mut g = c.benchmark_group("logistic_12_params");
    g.sample_size(10);
    for n in SIZES {
        let (x, y) = logistic_data(n, 7);
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| logistic(black_box(&x), black_box(&y)).unwrap())
        });
    }
    g.finish();
}

fn bench_survival(c: &mut Criterion) {
    let mut g = c.benchmark_group("kaplan_meier_plus_logrank_3_groups");
    g.sample_size(10);
    for n in SIZES {
        let (d, e, grp) = survival_data(n, 11);
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                let km = kaplan_meier(black_box(&d), black_box(&e), 0.95).unwrap();
                let lr = logrank_test(black_box(&d), black_box(&e), black_box(&grp)).unwrap();
                (km.median, lr.p_value)
            })
        });
    }
    g.finish();
}

fn bench_fisher(c: &mut Criterion) {
    let mut g = c.benchmark_group("fisher_exact_margins_millions");
    for (name, t) in FISHER_TABLES {
        g.bench_function(name, |b| {
            b.iter(|| fisher_exact(black_box(&t), Alternative::TwoSided).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, bench_logistic, bench_survival, bench_fisher);
criterion_main!(benches);
