//! remit-stats at 10k, 100k and 1M rows: logistic regression with 12
//! parameters, Kaplan–Meier plus a k-group log-rank test, and Fisher's exact
//! test with margins in the millions. Python reference timings for the same
//! computations: `benches/reference/stats_timing.py`; figures in
//! `docs/BENCHMARKS.md`.
#![allow(clippy::disallowed_methods)]
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use remit_stats::{
    Alternative, DesignMatrix, Table2x2, fisher_exact, kaplan_meier, logistic, logrank_test,
};

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

/// 11 standard-normal covariates plus an intercept; outcome from known betas.
pub fn logistic_data(n: usize, seed: u64) -> (DesignMatrix, Vec<bool>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let p = 12;
    let beta: Vec<f64> = (0..p).map(|j| 0.3 - 0.05 * j as f64).collect();
    let mut data = Vec::with_capacity(n * p);
    let mut y = Vec::with_capacity(n);
    for _ in 0..n {
        let mut eta = 0.0;
        for (j, b) in beta.iter().enumerate() {
            let v = if j == 0 {
                1.0
            } else {
                // Sum of uniforms: cheap, roughly normal.
                (0..4).map(|_| rng.random::<f64>()).sum::<f64>() - 2.0
            };
            eta += v * b;
            data.push(v);
        }
        y.push(rng.random::<f64>() < 1.0 / (1.0 + (-eta).exp()));
    }
    let names: Vec<String> = std::iter::once("Intercept".to_string())
        .chain((1..p).map(|j| format!("x{j}")))
        .collect();
    (DesignMatrix::from_row_major(&names, data).unwrap(), y)
}

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

/// Durations in days (integer-valued, so many ties, as HR data are), about 30%
/// censored, three groups with different hazards.
pub fn survival_data(n: usize, seed: u64) -> (Vec<f64>, Vec<bool>, Vec<usize>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut d = Vec::with_capacity(n);
    let mut e = Vec::with_capacity(n);
    let mut g = Vec::with_capacity(n);
    for _ in 0..n {
        let group = rng.random_range(0..3usize);
        let scale = 700.0 * (1.0 + 0.25 * group as f64);
        let t = -scale * (1.0 - rng.random::<f64>()).ln();
        let c = -2000.0 * (1.0 - rng.random::<f64>()).ln();
        d.push(t.min(c).ceil());
        e.push(t <= c);
        g.push(group);
    }
    (d, e, g)
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
    let tables = [
        (
            "balanced",
            Table2x2::new(1_200_000, 800_000, 1_180_000, 820_000),
        ),
        ("rare", Table2x2::new(3, 2_000_000, 15, 1_999_990)),
        (
            "null",
            Table2x2::new(1_000_000, 1_000_000, 1_000_000, 1_000_000),
        ),
    ];
    for (name, t) in tables {
        g.bench_function(name, |b| {
            b.iter(|| fisher_exact(black_box(&t), Alternative::TwoSided).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, bench_logistic, bench_survival, bench_fisher);
criterion_main!(benches);
