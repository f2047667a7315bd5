//! CPU time of each part of the wellbeing stage of the whole-organisation audit:
//! generating the synthetic wellbeing data, scoring the surveys, assessing every
//! employee and building the protected cohort report. CPU time (user + system, from
//! `/proc/self/stat`, Linux only) is the fair measure on a shared machine.
//!
//! Options: `cargo run --release --example wellbeing_cpu -- --help`, or
//! `docs/examples.md`.
#![allow(clippy::disallowed_methods)]

use std::process::ExitCode;

use remit_examples::cli::commands::{ScaleOptions, WELLBEING_CPU};
use remit_examples::{cpu_seconds, outln};
use remit_synth::wellbeing::{WellbeingSynthConfig, wellbeing_data};
use remit_synth::{SynthConfig, generate};
use remit_wellbeing::builtin::{Cbi, Who5};
use remit_wellbeing::individual::{Individuals, SurveyResults};
use remit_wellbeing::report::{CohortReport, ReportConfig};
use remit_wellbeing::risk::WeightedRiskModel;

fn main() -> ExitCode {
    WELLBEING_CPU.main(run)
}

fn run(
    ScaleOptions {
        employees,
        seed,
        repeat,
        digest: print_digest,
    }: ScaleOptions,
) -> Result<(), String> {
    if print_digest {
        return digest(employees, seed);
    }
    let org = generate(&SynthConfig::new(employees, seed)).map_err(|e| e.to_string())?;
    let synth = WellbeingSynthConfig::default()
        .far_after_hours(3.0)
        .map_err(|e| e.to_string())?;
    let (who5, cbi, model) = (Who5::new(), Cbi::new(), WeightedRiskModel::default());
    let config = ReportConfig::new(org.as_of());
    outln!("employees {employees}, seed {seed}: CPU seconds per part");
    outln!("synth     surveys   assess    report    total");
    for _ in 0..repeat {
        let t0 = cpu_seconds()?;
        let data = wellbeing_data(&org, &synth).map_err(|e| e.to_string())?;
        let t1 = cpu_seconds()?;
        let surveys = SurveyResults::score_batch(&who5, &cbi, data.respondents(), data.codes())
            .map_err(|e| e.to_string())?;
        let t2 = cpu_seconds()?;
        let people = Individuals::assess(data.employees(), data.panel(), &surveys, &model)
            .map_err(|e| e.to_string())?;
        let t3 = cpu_seconds()?;
        let report =
            CohortReport::build(data.employees(), &people, &config).map_err(|e| e.to_string())?;
        let t4 = cpu_seconds()?;
        if report.rows().is_empty() {
            return Err("empty report".into());
        }
        outln!(
            "{:<9.2} {:<9.2} {:<9.2} {:<9.2} {:.2}",
            t1 - t0,
            t2 - t1,
            t3 - t2,
            t4 - t3,
            t4 - t0
        );
    }
    Ok(())
}

/// Prints a digest of everything the stage computes (report with and without noise, and
/// every employee's personal view), to check that an optimisation changed no result.
fn digest(employees: usize, seed: u64) -> Result<(), String> {
    use remit_wellbeing::report::LaplaceNoise;
    let org = generate(&SynthConfig::new(employees, seed)).map_err(|e| e.to_string())?;
    let synth = WellbeingSynthConfig::default()
        .far_after_hours(3.0)
        .map_err(|e| e.to_string())?;
    let data = wellbeing_data(&org, &synth).map_err(|e| e.to_string())?;
    let surveys =
        SurveyResults::score_batch(&Who5::new(), &Cbi::new(), data.respondents(), data.codes())
            .map_err(|e| e.to_string())?;
    let people = Individuals::assess(
        data.employees(),
        data.panel(),
        &surveys,
        &WeightedRiskModel::default(),
    )
    .map_err(|e| e.to_string())?;
    let fnv = |s: &str| {
        s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    let mut views = String::new();
    for e in data.employees() {
        views.push_str(&format!("{:?}", people.personal_view(e.id())));
    }
    outln!("panel     {:016x}", fnv(&format!("{:?}", data.panel())));
    outln!("surveys   {:016x}", fnv(&format!("{surveys:?}")));
    outln!("views     {:016x}", fnv(&views));
    for noise in [
        None,
        Some(LaplaceNoise::new(0.5, 7).map_err(|e| e.to_string())?),
    ] {
        let mut config = ReportConfig::new(org.as_of());
        if let Some(z) = noise {
            config = config.with_noise(z);
        }
        let report =
            CohortReport::build(data.employees(), &people, &config).map_err(|e| e.to_string())?;
        outln!(
            "report    {:016x} ({} rows, noise {})",
            fnv(&format!("{report:?}")),
            report.rows().len(),
            noise.is_some()
        );
    }
    Ok(())
}
