//! Data generators shared by `benches/stats.rs` and `examples/stats_cpu.rs`
//! (seeded, so every run measures the same data).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use remit_stats::{DesignMatrix, Table2x2};

/// Fisher tables with margins in the millions: near-null, rare outcome, exact null.
pub const FISHER_TABLES: [(&str, Table2x2); 3] = [
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
