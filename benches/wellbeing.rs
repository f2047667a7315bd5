//! Scoring and reporting wellbeing at 10k, 100k and 1M employees: one combined WHO-5 +
//! CBI survey per respondent and 12 weeks of signals per employee (12M employee-weeks
//! at 1M), through survey scoring, risk assessment with EWMA/CUSUM trend alarms, and
//! the cohort report released through the disclosure engine (a fresh engine per
//! iteration, as a first run has).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use remit_core::Audit;
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_synth::wellbeing::{WellbeingSynthConfig, wellbeing_data};
use remit_synth::{SynthConfig, generate};
use remit_wellbeing::{Cbi, Config, Inputs, SurveyResults, Who5, audit};

fn wellbeing(c: &mut Criterion) {
    let mut group = c.benchmark_group("wellbeing/score_and_report");
    group.sample_size(10);
    for employees in [10_000usize, 100_000, 1_000_000] {
        let org =
            generate(&SynthConfig::new(employees, 42).leaver_share(0.0)).expect("valid config");
        let synth = WellbeingSynthConfig::default()
            .far_after_hours(3.0)
            .expect("valid plant")
            .response_rate(1.0)
            .expect("valid rate");
        let data = wellbeing_data(&org, &synth).expect("valid data");
        let (who5, cbi) = (Who5::new(), Cbi::new());
        let config = Config::new(org.as_of());
        group.throughput(Throughput::Elements(employees as u64));
        group.bench_with_input(BenchmarkId::from_parameter(employees), &data, |b, data| {
            b.iter(|| {
                let surveys =
                    SurveyResults::score_batch(&who5, &cbi, data.respondents(), data.codes())
                        .expect("valid surveys");
                let mut engine = Disclosure::new(DisclosurePolicy::default());
                let inputs = Inputs::new(org.roster(), &surveys, data.panel());
                let report = audit(&inputs, &config, &mut engine).expect("report");
                assert!(!report.findings().is_empty());
                report
            });
        });
    }
    group.finish();
}

criterion_group!(benches, wellbeing);
criterion_main!(benches);
