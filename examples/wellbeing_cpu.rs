//! CPU time of each part of the wellbeing stage of the whole-organisation audit:
//! generating the synthetic wellbeing data, scoring the surveys, and the audit (reading
//! the members, assessing every person, releasing every cohort through the disclosure
//! engine, findings). The audit's assessment is also timed on its own
//! (`Individuals::assess`), so the release part can be read off as the difference. CPU
//! time (user + system, from `/proc/self/stat`, Linux only) is the fair measure on a
//! shared machine.
//!
//! Options: `cargo run --release --example wellbeing_cpu -- --help`, or
//! `docs/examples.md`.

use std::process::ExitCode;

use remit_core::Audit;
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_examples::cli::commands::{ScaleOptions, WELLBEING_CPU};
use remit_examples::{cpu_seconds, outln};
use remit_synth::wellbeing::{WellbeingSynthConfig, wellbeing_data};
use remit_synth::{SynthConfig, generate};
use remit_wellbeing::{Cbi, Config, Individuals, Inputs, SurveyResults, Who5, audit};

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
    let (who5, cbi) = (Who5::new(), Cbi::new());
    let config = Config::new(org.as_of());
    outln!("employees {employees}, seed {seed}: CPU seconds per part");
    outln!("synth     surveys   assess    audit     total   (audit = assess + release)");
    for _ in 0..repeat {
        let t0 = cpu_seconds()?;
        let data = wellbeing_data(&org, &synth).map_err(|e| e.to_string())?;
        let t1 = cpu_seconds()?;
        let surveys = SurveyResults::score_batch(&who5, &cbi, data.respondents(), data.codes())
            .map_err(|e| e.to_string())?;
        let inputs = Inputs::new(org.roster(), &surveys, data.panel());
        let t2 = cpu_seconds()?;
        let people = Individuals::assess(&inputs, &config).map_err(|e| e.to_string())?;
        let t3 = cpu_seconds()?;
        drop(people);
        let t3b = cpu_seconds()?;
        let mut engine = Disclosure::new(DisclosurePolicy::default());
        let report = audit(&inputs, &config, &mut engine).map_err(|e| e.to_string())?;
        let t4 = cpu_seconds()?;
        if report.rows().is_empty() {
            return Err("empty report".into());
        }
        outln!(
            "{:<9.2} {:<9.2} {:<9.2} {:<9.2} {:.2}",
            t1 - t0,
            t2 - t1,
            t3 - t2,
            t4 - t3b,
            (t2 - t0) + (t4 - t3b)
        );
    }
    Ok(())
}

/// Prints a digest of everything the stage computes (the report, with and without
/// noise, and every employee's personal view), to check that an optimisation changed no
/// result.
fn digest(employees: usize, seed: u64) -> Result<(), String> {
    use remit_core::disclosure::NoisePolicy;
    let org = generate(&SynthConfig::new(employees, seed)).map_err(|e| e.to_string())?;
    let synth = WellbeingSynthConfig::default()
        .far_after_hours(3.0)
        .map_err(|e| e.to_string())?;
    let data = wellbeing_data(&org, &synth).map_err(|e| e.to_string())?;
    let surveys =
        SurveyResults::score_batch(&Who5::new(), &Cbi::new(), data.respondents(), data.codes())
            .map_err(|e| e.to_string())?;
    let inputs = Inputs::new(org.roster(), &surveys, data.panel());
    let config = Config::new(org.as_of());
    let people = Individuals::assess(&inputs, &config).map_err(|e| e.to_string())?;
    let fnv = |s: &str| {
        s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    let mut views = String::new();
    for &e in people.employees() {
        views.push_str(&format!("{:?}", people.personal_view(e)));
    }
    outln!("panel     {:016x}", fnv(&format!("{:?}", data.panel())));
    outln!("surveys   {:016x}", fnv(&format!("{surveys:?}")));
    outln!("views     {:016x}", fnv(&views));
    // A fixed secret: the digest must be reproducible (never do this with real data).
    let noisy = NoisePolicy::new(0.5, 5.0, 7).map_err(|e| e.to_string())?;
    for policy in [
        DisclosurePolicy::default(),
        DisclosurePolicy::default().with_noise(noisy),
    ] {
        let mut engine = Disclosure::new(policy);
        let report = audit(&inputs, &config, &mut engine).map_err(|e| e.to_string())?;
        outln!(
            "report    {:016x} ({} rows, noise {})",
            fnv(&format!(
                "{:?}",
                (report.total(), report.rows(), report.findings())
            )),
            report.rows().len(),
            policy.noise().is_some()
        );
    }
    Ok(())
}
