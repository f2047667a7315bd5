//! Generating synthetic organisations at 10k, 100k and 1M employees.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use remit_synth::{SynthConfig, generate};

fn synth(c: &mut Criterion) {
    let mut group = c.benchmark_group("synth/generate");
    group.sample_size(10);
    for employees in [10_000usize, 100_000, 1_000_000] {
        group.throughput(Throughput::Elements(employees as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(employees),
            &employees,
            |b, &n| {
                b.iter_with_large_drop(|| {
                    generate(&SynthConfig::new(n, 42)).expect("valid config")
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, synth);
criterion_main!(benches);
