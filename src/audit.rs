//! The whole remote-work audit on a synthetic organisation with planted problems: the
//! pipeline behind the `remote_work_audit` example, the scorecard benchmark and the
//! integration test that checks the scorecard against the planted ground truth.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use chrono::NaiveDate;
use remit::Scorecard;
use remit_assets::{AssetsReport, Fleet};
use remit_benefits::{BenefitsReport, Catalogue, Enrolments, ExchangeRates};
use remit_collab_tools::{Inventory, Team, ToolsReport};
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_core::{Audit, Domain, EmployeeId, WorkMode, Workforce};
use remit_promotion_bias::PromotionReport;
use remit_synth::assets::{AssetSynthConfig, asset_fleet};
use remit_synth::benefits::{BenefitSynthConfig, benefit_data};
use remit_synth::collab_tools::{CollabSynthConfig, CollabSynthError, collab_data};
use remit_synth::promotion::{PromotionSynthConfig, promotion_history};
use remit_synth::wellbeing::{WellbeingSynthConfig, wellbeing_data};
use remit_synth::{Organisation, SynthConfig, generate};
use remit_wellbeing::{Cbi, SignalPanel, SurveyResults, WellbeingReport, Who5};

/// The problems planted in the synthetic organisation, each with the finding codes that
/// must report it.
#[derive(Debug, Clone, PartialEq)]
pub struct Planted {
    /// What was planted, in words.
    pub description: &'static str,
    /// Finding codes, any of which reports it.
    pub codes: &'static [&'static str],
}

/// The problems every synthetic organisation carries.
pub const PLANTED: &[Planted] = &[
    Planted {
        description: "15% of remote staff have no ergonomic chair",
        codes: &["ASSET-KIT-GAP"],
    },
    Planted {
        description: "leavers return equipment late or never",
        codes: &["ASSET-RETRIEVAL-OVERDUE"],
    },
    Planted {
        description: "three storage-bearing assets retired without a sanitisation record",
        codes: &["ASSET-RETIRED-UNSANITISED"],
    },
    Planted {
        description: "remote staff receive benefits worth 12% less, other things equal",
        codes: &["BEN-ADJUSTED-GAP"],
    },
    Planted {
        description: "onsite parking has no remote counterpart",
        codes: &["BEN-UNMATCHED-PERK"],
    },
    Planted {
        description: "remote staff are promoted with odds 0.6 times onsite, other things equal",
        codes: &["PB-ADJUSTED-GAP", "PB-IMPACT-RATIO", "PB-FOUR-FIFTHS"],
    },
    Planted {
        description: "remote staff far from headquarters work 3 extra after-hours hours a week",
        codes: &["WB-TZ-AFTER-HOURS", "WB-TEAM-DISTANCE-AFTER-HOURS"],
    },
    Planted {
        description: "a second chat tool used by a fifth of staff duplicates the first",
        codes: &["TOOLS-SPRAWL"],
    },
    Planted {
        description: "a shadow-IT tool without single sign-on or enforced MFA",
        codes: &["TOOLS-NO-SSO", "TOOLS-NO-MFA"],
    },
    Planted {
        description: "15% of paid seats have been inactive for months",
        codes: &["TOOLS-LICENCE-WASTE"],
    },
];

/// Planted when the organisation has enough people far from headquarters to form it.
pub const PLANTED_FAR_TEAM: Planted = Planted {
    description: "a team spread over 12 hours of time zones",
    codes: &["TOOLS-ASYNC-FIRST"],
};

/// Every domain's report for one organisation: the input of a [`Scorecard`].
pub struct DomainReports {
    /// The equipment audit: kit coverage, offboarding retrieval, overdue audits and the
    /// replacement budget.
    pub assets: AssetsReport,
    /// The benefit-equity audit: the adjusted value gap of each work mode against onsite
    /// staff, unmatched perks and the remediation budgets.
    pub benefits: BenefitsReport,
    /// The promotion-equity audit: each work mode's promotion rate and impact ratio
    /// against the reference group, with the models behind them.
    pub promotion: PromotionReport,
    /// The wellbeing audit: survey scores, behavioural signals and the share with a
    /// worsening trend, by cohort.
    pub wellbeing: WellbeingReport,
    /// The collaboration-tools audit: unused licences, security gaps, async suitability
    /// and team time-zone overlap.
    pub tools: ToolsReport,
    /// The disclosure engine every report released its figures through; the scorecard's
    /// cross-domain observations go through it too.
    pub disclosure: Mutex<Disclosure>,
}

impl DomainReports {
    /// The reports as audits, for a scorecard.
    pub fn audits(&self) -> Vec<&dyn Audit> {
        vec![
            &self.assets,
            &self.benefits,
            &self.tools,
            &self.promotion,
            &self.wellbeing,
        ]
    }

    /// The scorecard of all domains.
    pub fn scorecard(&self) -> Result<Scorecard, String> {
        let mut disclosure = self
            .disclosure
            .lock()
            .map_err(|_| "the disclosure engine's lock was poisoned".to_string())?;
        Scorecard::from_audits(&self.audits(), &mut disclosure).map_err(|e| e.to_string())
    }
}

/// All domain reports for one synthetic organisation.
pub struct SyntheticAudit {
    /// The generated organisation the reports are about (roster, as-of date, seed).
    pub org: Organisation,
    /// Every domain's report on `org`, released through one disclosure engine.
    pub reports: DomainReports,
    /// The problems planted in this organisation.
    pub planted: Vec<Planted>,
}

impl SyntheticAudit {
    /// The scorecard of all domains.
    pub fn scorecard(&self) -> Result<Scorecard, String> {
        self.reports.scorecard()
    }
}

// The flagship configuration of each domain's audit, in one place, so the synthetic
// pipeline and an audit over stored data (the `sqlite_audit` example) run the same thing.

/// The equipment audit with the default kit policy, no prices and the default
/// configuration, every figure about people released through `disclosure`.
pub fn audit_assets<W: Workforce + ?Sized, F: Fleet + ?Sized>(
    workforce: &W,
    assets: &F,
    as_of: NaiveDate,
    disclosure: &mut Disclosure,
) -> Result<AssetsReport, String> {
    remit_assets::audit(
        &remit_assets::Inputs::new(workforce, assets),
        &remit_assets::Config::new(as_of),
        disclosure,
    )
    .map_err(|e| e.to_string())
}

/// Prints a scorecard on standard output as the flagship examples do: JSON (`--json`),
/// Markdown (`--markdown`) or plain text.
///
/// # Errors
///
/// The scorecard could not be serialised to JSON.
pub fn print_scorecard(
    scorecard: &Scorecard,
    format: crate::cli::OutputFormat,
) -> Result<(), String> {
    use crate::cli::OutputFormat;
    match format {
        OutputFormat::Json => {
            let json = serde_json::to_string_pretty(scorecard).map_err(|e| e.to_string())?;
            crate::outln!("{json}");
        }
        OutputFormat::Markdown => crate::out!("{}", remit::render::markdown(scorecard)),
        OutputFormat::Text => crate::out!("{}", remit::render::text(scorecard)),
    }
    Ok(())
}

/// The benefit-equity audit with the documented defaults (exchange rates as the
/// location index, employer cost), every figure released through `disclosure`.
pub fn audit_benefits<W: Workforce + ?Sized>(
    workforce: &W,
    catalogue: &Catalogue,
    enrolments: &Enrolments,
    rates: &ExchangeRates,
    as_of: NaiveDate,
    disclosure: &mut Disclosure,
) -> Result<BenefitsReport, String> {
    remit_benefits::audit(
        &remit_benefits::Inputs::new(workforce, catalogue, enrolments, rates),
        &remit_benefits::Config::new(as_of),
        disclosure,
    )
    .map_err(|e| e.to_string())
}

/// The promotion-equity audit with the default configuration (onsite reference, the 12
/// months before `as_of`), every figure released through `disclosure`. `inputs` is a
/// workforce with its promotions, or an analysis-ready table (what the synthetic
/// promotion history and the SQLite store give).
pub fn audit_promotions<W: Workforce + ?Sized>(
    inputs: &remit_promotion_bias::Inputs<'_, W>,
    as_of: NaiveDate,
    disclosure: &mut Disclosure,
) -> Result<PromotionReport, String> {
    remit_promotion_bias::audit(
        inputs,
        &remit_promotion_bias::Config::new(as_of),
        disclosure,
    )
    .map_err(|e| e.to_string())
}

/// The wellbeing report: WHO-5 and CBI surveys scored from the respondents' answer
/// codes, behavioural signals, the default risk model, over the people of `workforce`
/// employed on `as_of`, every figure released through `disclosure`.
pub fn audit_wellbeing<W: Workforce + ?Sized>(
    workforce: &W,
    panel: &SignalPanel,
    respondents: &[EmployeeId],
    codes: &[Option<u8>],
    as_of: NaiveDate,
    disclosure: &mut Disclosure,
) -> Result<WellbeingReport, String> {
    let surveys = SurveyResults::score_batch(&Who5::new(), &Cbi::new(), respondents, codes)
        .map_err(|e| e.to_string())?;
    remit_wellbeing::audit(
        &remit_wellbeing::Inputs::new(workforce, &surveys, panel),
        &remit_wellbeing::Config::new(as_of),
        disclosure,
    )
    .map_err(|e| e.to_string())
}

/// The tools audit with the default rubric and thresholds, team overlaps planned over
/// the year from `as_of`, every figure about people released through `disclosure`.
pub fn audit_tools<W: Workforce + ?Sized>(
    workforce: &W,
    inventory: &Inventory,
    teams: &[Team],
    as_of: NaiveDate,
    disclosure: &mut Disclosure,
) -> Result<ToolsReport, String> {
    remit_collab_tools::audit(
        &remit_collab_tools::Inputs::new(workforce, inventory).with_teams(teams),
        &remit_collab_tools::Config::new(as_of),
        disclosure,
    )
    .map_err(|e| e.to_string())
}

/// One domain's share of the synthetic pipeline: generate its data, audit it, drop the
/// data. Ordered by expected cost, most expensive first, so two workers finish together.
#[derive(Debug, Clone, Copy)]
enum Stage {
    Assets,
    Wellbeing,
    Tools,
    Benefits,
    Promotion,
}

/// The stages, longest first (1M people, one worker: wellbeing 2.2 s, equipment 1.5 s,
/// tools 1.3 s, benefits 0.9 s, promotions 0.25 s), so that two workers finish together.
const STAGES: [Stage; 5] = [
    Stage::Wellbeing,
    Stage::Assets,
    Stage::Tools,
    Stage::Benefits,
    Stage::Promotion,
];

/// What one stage produced.
enum StageReport {
    Assets(AssetsReport),
    Benefits(BenefitsReport),
    Promotion(PromotionReport),
    Wellbeing(WellbeingReport),
    Tools(ToolsReport, bool),
}

impl Stage {
    fn label(self) -> &'static str {
        match self {
            Stage::Assets => "equipment audited",
            Stage::Benefits => "benefits audited",
            Stage::Promotion => "promotions analysed",
            Stage::Wellbeing => "wellbeing reported",
            Stage::Tools => "collaboration tools audited",
        }
    }

    /// Runs the stage: generates the domain's data and audits it (see [`detached`]).
    fn run(
        self,
        org: &Organisation,
        disclosure: &Mutex<Disclosure>,
    ) -> Result<StageReport, String> {
        let as_of = org.as_of();
        match self {
            Stage::Assets => {
                let fleet =
                    asset_fleet(org, &AssetSynthConfig::default()).map_err(|e| e.to_string())?;
                detached(disclosure, Domain::Assets, |engine| {
                    audit_assets(org.roster(), &fleet, as_of, engine)
                })?
                .map(StageReport::Assets)
            }
            Stage::Benefits => {
                let config = BenefitSynthConfig::default()
                    .remote_shortfall(0.12)
                    .map_err(|e| e.to_string())?;
                let data = benefit_data(org, &config).map_err(|e| e.to_string())?;
                detached(disclosure, Domain::Benefits, |engine| {
                    audit_benefits(
                        org.roster(),
                        data.catalogue(),
                        data.enrolments(),
                        data.rates(),
                        as_of,
                        engine,
                    )
                })?
                .map(StageReport::Benefits)
            }
            Stage::Promotion => {
                let config = PromotionSynthConfig::default()
                    .odds_ratio(WorkMode::Remote, 0.6)
                    .map_err(|e| e.to_string())?;
                let history = promotion_history(org, &config).map_err(|e| e.to_string())?;
                let inputs = remit_promotion_bias::Inputs::from_table(history.table());
                detached(disclosure, Domain::PromotionBias, |engine| {
                    audit_promotions(&inputs, as_of, engine)
                })?
                .map(StageReport::Promotion)
            }
            Stage::Wellbeing => {
                let config = WellbeingSynthConfig::default()
                    .far_after_hours(3.0)
                    .map_err(|e| e.to_string())?;
                let data = wellbeing_data(org, &config).map_err(|e| e.to_string())?;
                detached(disclosure, Domain::Wellbeing, |engine| {
                    audit_wellbeing(
                        org.roster(),
                        data.panel(),
                        data.respondents(),
                        data.codes(),
                        as_of,
                        engine,
                    )
                })?
                .map(StageReport::Wellbeing)
            }
            Stage::Tools => {
                let config = CollabSynthConfig::default()
                    .duplicate_chat(0.2)
                    .map_err(|e| e.to_string())?
                    .shadow_tool(true);
                let (data, far_team) = match collab_data(org, &config.far_team(true)) {
                    Ok(data) => (data, true),
                    // Small organisations may not have enough people far from
                    // headquarters.
                    Err(CollabSynthError::NotEnoughFarEmployees { .. }) => {
                        (collab_data(org, &config).map_err(|e| e.to_string())?, false)
                    }
                    Err(other) => return Err(other.to_string()),
                };
                detached(disclosure, Domain::CollabTools, |engine| {
                    audit_tools(org.roster(), data.inventory(), data.teams(), as_of, engine)
                })?
                .map(|audit| StageReport::Tools(audit, far_team))
            }
        }
    }
}

/// Runs `audit` on `domain`'s populations taken out of the shared engine (detach, then
/// attach), so the lock is held only to move them and stages on other threads are never
/// held up by another's audit. Populations of different domains never interact, so
/// this decides exactly as one engine used in turn would.
fn detached<T>(
    disclosure: &Mutex<Disclosure>,
    domain: Domain,
    audit: impl FnOnce(&mut Disclosure) -> T,
) -> Result<T, String> {
    let poisoned = |_| "the disclosure engine's lock was poisoned".to_string();
    let mut part = disclosure.lock().map_err(poisoned)?.detach(domain);
    let result = audit(&mut part);
    disclosure
        .lock()
        .map_err(poisoned)?
        .attach(part)
        .map_err(|e| e.to_string())?;
    Ok(result)
}

/// Generates an organisation of `employees` people from `seed`, plants the problems in
/// [`PLANTED`], and runs every domain's audit on up to `workers` threads (at least one;
/// each domain generates its data, audits it and drops the data, so memory peaks at the
/// organisation plus `workers` domains' inputs). `progress` hears each stage with the
/// time it took. Every figure is released through one engine with the default
/// [`DisclosurePolicy`].
pub fn run_synthetic(
    employees: usize,
    seed: u64,
    workers: usize,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<SyntheticAudit, String> {
    run_synthetic_with(
        employees,
        seed,
        workers,
        DisclosurePolicy::default(),
        progress,
    )
}

/// [`run_synthetic`] with the disclosure engine's policy given: another minimum group
/// size, noise for cross-domain comparisons, or (to measure what the engine's own checks
/// cost, as `examples/disclosure_cpu.rs` does) the test-only per-call rule.
pub fn run_synthetic_with(
    employees: usize,
    seed: u64,
    workers: usize,
    policy: DisclosurePolicy,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<SyntheticAudit, String> {
    let clock = Instant::now();
    let org = generate(&SynthConfig::new(employees, seed)).map_err(|e| e.to_string())?;
    progress(&format!(
        "organisation generated ({:.2} s)",
        clock.elapsed().as_secs_f64()
    ));

    let next = AtomicUsize::new(0);
    let slots: [Mutex<Option<Result<StageReport, String>>>; 5] = Default::default();
    let disclosure = Mutex::new(Disclosure::new(policy));
    std::thread::scope(|scope| {
        for _ in 0..workers.clamp(1, STAGES.len()) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let (Some(&stage), Some(slot)) = (STAGES.get(index), slots.get(index)) else {
                        break;
                    };
                    let clock = Instant::now();
                    let report = stage.run(&org, &disclosure);
                    progress(&format!(
                        "{} ({:.2} s)",
                        stage.label(),
                        clock.elapsed().as_secs_f64()
                    ));
                    if let Ok(mut slot) = slot.lock() {
                        *slot = Some(report);
                    }
                }
            });
        }
    });

    let (mut assets, mut benefits, mut promotion, mut wellbeing, mut tools) =
        (None, None, None, None, None);
    let mut planted = PLANTED.to_vec();
    for slot in slots {
        let report = slot
            .into_inner()
            .map_err(|_| "an audit stage panicked".to_string())?
            .ok_or("an audit stage did not run")??;
        match report {
            StageReport::Assets(r) => assets = Some(r),
            StageReport::Benefits(r) => benefits = Some(r),
            StageReport::Promotion(r) => promotion = Some(r),
            StageReport::Wellbeing(r) => wellbeing = Some(r),
            StageReport::Tools(r, far_team) => {
                if far_team {
                    planted.push(PLANTED_FAR_TEAM);
                }
                tools = Some(r);
            }
        }
    }
    let missing = || "an audit stage did not run".to_string();
    Ok(SyntheticAudit {
        org,
        reports: DomainReports {
            assets: assets.ok_or_else(missing)?,
            benefits: benefits.ok_or_else(missing)?,
            promotion: promotion.ok_or_else(missing)?,
            wellbeing: wellbeing.ok_or_else(missing)?,
            tools: tools.ok_or_else(missing)?,
            disclosure,
        },
        planted,
    })
}
