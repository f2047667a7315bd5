//! The promotion-bias audit (`remit_promotion_bias::audit` on the table, default
//! configuration plus a gender cut, a fresh disclosure engine per run) on synthetic
//! promotion histories of 10k, 100k and 1M employees.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use remit_core::WorkMode;
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_promotion_bias::{Config, Inputs, audit};
use remit_synth::promotion::{PromotionSynthConfig, promotion_history};
use remit_synth::{SynthConfig, generate};

fn promotion(c: &mut Criterion) {
    let planted = PromotionSynthConfig::default()
        .odds_ratio(WorkMode::Remote, 0.6)
        .expect("valid odds ratio");
    let mut group = c.benchmark_group("promotion/analyse");
    group.sample_size(10);
    for employees in [10_000usize, 100_000, 1_000_000] {
        let org = generate(&SynthConfig::new(employees, 42)).expect("valid config");
        let config = Config::new(org.as_of())
            .with_intersections(["gender"])
            .expect("valid key");
        let table = promotion_history(&org, &planted)
            .expect("valid history")
            .into_table();
        group.throughput(Throughput::Elements(table.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(employees),
            &table,
            |b, table| {
                b.iter(|| {
                    let mut engine = Disclosure::new(DisclosurePolicy::default());
                    audit(&Inputs::from_table(table), &config, &mut engine).expect("audit runs")
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, promotion);
criterion_main!(benches);
