//! The whole remote-work audit — synthetic organisation, five domain audits, scorecard and
//! its HTML page — at 10k, 100k and 1M employees, on one worker and on two.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use remit_examples::audit::run_synthetic;

fn whole_audit(c: &mut Criterion) {
    let mut group = c.benchmark_group("scorecard/whole-audit");
    group.sample_size(10);
    for employees in [10_000usize, 100_000, 1_000_000] {
        group.throughput(Throughput::Elements(employees as u64));
        for workers in [1usize, 2] {
            group.bench_with_input(
                BenchmarkId::new(format!("{workers}-workers"), employees),
                &employees,
                |b, &n| {
                    b.iter_with_large_drop(|| {
                        let audit = run_synthetic(n, 42, workers, &|_| {}).expect("the audit runs");
                        let page = remit::render::html(&audit.scorecard().expect("a scorecard"));
                        (audit, page)
                    });
                },
            );
        }
    }
    group.finish();
}

criterion_group!(benches, whole_audit);
criterion_main!(benches);
