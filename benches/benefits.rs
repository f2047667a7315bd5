//! The full benefit-equity audit (valuation, equity regression, unmatched perks,
//! remediation, findings, every figure released through a fresh disclosure engine) at
//! 10k, 100k and 1M employees with 20 benefits.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use remit_benefits::{Config, Inputs};
use remit_core::Audit;
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_synth::benefits::{BenefitSynthConfig, benefit_data};
use remit_synth::{SynthConfig, generate};

fn audit(c: &mut Criterion) {
    let mut group = c.benchmark_group("benefits/audit");
    group.sample_size(10);
    for employees in [10_000usize, 100_000, 1_000_000] {
        let org = generate(&SynthConfig::new(employees, 42)).expect("valid config");
        let synth = BenefitSynthConfig::default()
            .remote_shortfall(0.12)
            .and_then(|c| c.extra_benefits(7))
            .expect("valid synth config");
        let data = benefit_data(&org, &synth).expect("benefit data");
        assert_eq!(data.catalogue().len(), 20);
        let config = Config::new(org.as_of());
        let inputs = Inputs::new(
            org.roster(),
            data.catalogue(),
            data.enrolments(),
            data.rates(),
        );
        group.throughput(Throughput::Elements(employees as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(employees),
            &employees,
            |b, _| {
                b.iter(|| {
                    let mut engine = Disclosure::new(DisclosurePolicy::default());
                    let report =
                        remit_benefits::audit(&inputs, &config, &mut engine).expect("audit runs");
                    assert!(!report.findings().is_empty());
                    report
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, audit);
criterion_main!(benches);
