//! The whole remote-work audit on a synthetic organisation with planted problems: the
//! pipeline behind the `remote_work_audit` example, the scorecard benchmark and the
//! integration test that checks the scorecard against the planted ground truth.

use std::time::Instant;

use chrono::Days;
use remit::Scorecard;
use remit_assets::{AssetReport, ReportConfig as AssetReportConfig};
use remit_benefits::{
    AuditConfig as BenefitAuditConfig, BenefitAudit, EmployerCost, ValuationSettings,
};
use remit_collab_tools::audit::{AuditConfig as ToolAuditConfig, ToolAudit};
use remit_collab_tools::overlap::{OverlapConfig, OverlapPlanner};
use remit_collab_tools::rubric::DefaultRubric;
use remit_core::{Audit, Period, WorkMode};
use remit_promotion_bias::{AnalysisConfig, PromotionReport, analyse};
use remit_synth::assets::{AssetSynthConfig, asset_fleet};
use remit_synth::benefits::{BenefitSynthConfig, benefit_data};
use remit_synth::collab_tools::{CollabSynthConfig, CollabSynthError, collab_data};
use remit_synth::promotion::{PromotionSynthConfig, promotion_history};
use remit_synth::wellbeing::{WellbeingSynthConfig, wellbeing_data};
use remit_synth::{Organisation, SynthConfig, generate};
use remit_wellbeing::builtin::{Cbi, Who5};
use remit_wellbeing::individual::{Individuals, SurveyResults};
use remit_wellbeing::report::{CohortReport, ReportConfig as WellbeingReportConfig};
use remit_wellbeing::risk::WeightedRiskModel;

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

/// All domain reports for one synthetic organisation.
pub struct SyntheticAudit {
    /// The organisation.
    pub org: Organisation,
    /// Equipment.
    pub assets: AssetReport,
    /// Benefit equity.
    pub benefits: BenefitAudit,
    /// Promotion equity.
    pub promotion: PromotionReport,
    /// Wellbeing.
    pub wellbeing: CohortReport,
    /// Collaboration tools.
    pub tools: ToolAudit,
    /// The problems planted in this organisation.
    pub planted: Vec<Planted>,
}

impl SyntheticAudit {
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
        Scorecard::from_audits(&self.audits()).map_err(|e| e.to_string())
    }
}

/// Generates an organisation of `employees` people from `seed`, plants the problems in
/// [`PLANTED`], and runs every domain's audit. `progress` hears each stage with its time.
pub fn run_synthetic(
    employees: usize,
    seed: u64,
    progress: &mut dyn FnMut(&str),
) -> Result<SyntheticAudit, String> {
    let mut clock = Instant::now();
    let mut stage = |name: &str, progress: &mut dyn FnMut(&str)| {
        progress(&format!("{name} ({:.2} s)", clock.elapsed().as_secs_f64()));
        clock = Instant::now();
    };
    let org = generate(&SynthConfig::new(employees, seed)).map_err(|e| e.to_string())?;
    let as_of = org.as_of();
    stage("organisation generated", progress);

    let fleet = asset_fleet(&org, &AssetSynthConfig::default()).map_err(|e| e.to_string())?;
    let assets = AssetReport::build(org.roster(), fleet.assets(), &AssetReportConfig::new(as_of))
        .map_err(|e| e.to_string())?;
    stage("equipment audited", progress);

    let benefit_config = BenefitSynthConfig::default()
        .remote_shortfall(0.12)
        .map_err(|e| e.to_string())?;
    let data = benefit_data(&org, &benefit_config).map_err(|e| e.to_string())?;
    let benefits = BenefitAudit::run(
        org.roster(),
        data.catalogue(),
        data.enrolments(),
        data.rates(),
        &EmployerCost,
        data.rates(),
        &BenefitAuditConfig::new(ValuationSettings::new(as_of)),
    )
    .map_err(|e| e.to_string())?;
    stage("benefits audited", progress);

    let promotion_config = PromotionSynthConfig::default()
        .odds_ratio(WorkMode::Remote, 0.6)
        .map_err(|e| e.to_string())?;
    let history = promotion_history(&org, &promotion_config).map_err(|e| e.to_string())?;
    let promotion =
        analyse(history.records(), &AnalysisConfig::default()).map_err(|e| e.to_string())?;
    stage("promotions analysed", progress);

    let wellbeing_config = WellbeingSynthConfig::default()
        .far_after_hours(3.0)
        .map_err(|e| e.to_string())?;
    let data = wellbeing_data(&org, &wellbeing_config).map_err(|e| e.to_string())?;
    let surveys =
        SurveyResults::score_batch(&Who5::new(), &Cbi::new(), data.respondents(), data.codes())
            .map_err(|e| e.to_string())?;
    let individuals = Individuals::assess(
        data.employees(),
        data.panel(),
        &surveys,
        &WeightedRiskModel::default(),
    )
    .map_err(|e| e.to_string())?;
    let wellbeing = CohortReport::build(
        data.employees(),
        &individuals,
        &WellbeingReportConfig::new(as_of),
    )
    .map_err(|e| e.to_string())?;
    stage("wellbeing reported", progress);

    let mut planted = PLANTED.to_vec();
    let tool_config = CollabSynthConfig::default()
        .duplicate_chat(0.2)
        .map_err(|e| e.to_string())?
        .shadow_tool(true);
    let data = match collab_data(&org, &tool_config.far_team(true)) {
        Ok(data) => {
            planted.push(PLANTED_FAR_TEAM);
            data
        }
        // Small organisations may not have enough people far from headquarters.
        Err(CollabSynthError::NotEnoughFarEmployees { .. }) => {
            collab_data(&org, &tool_config).map_err(|e| e.to_string())?
        }
        Err(other) => return Err(other.to_string()),
    };
    let year_end = as_of
        .checked_add_days(Days::new(365))
        .ok_or("as-of date out of range")?;
    let year = Period::new(as_of, year_end).map_err(|e| e.to_string())?;
    let mut planner =
        OverlapPlanner::new(year, OverlapConfig::default()).map_err(|e| e.to_string())?;
    let overlaps = planner.overlap_all(data.teams());
    let tools = ToolAudit::run(
        data.inventory(),
        &DefaultRubric,
        data.teams(),
        &overlaps,
        as_of,
        &ToolAuditConfig::default(),
    )
    .map_err(|e| e.to_string())?;
    stage("collaboration tools audited", progress);

    Ok(SyntheticAudit {
        org,
        assets,
        benefits,
        promotion,
        wellbeing,
        tools,
        planted,
    })
}
