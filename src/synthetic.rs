//! Every domain's inputs for one synthetic organisation, with the problems the flagship
//! audit plants: what the storage examples write and the sample-export generator
//! exports, so that every path audits the same data.

use remit_assets::TrackedAsset;
use remit_benefits::{Catalogue, Enrolments, ExchangeRates};
use remit_collab_tools::inventory::Inventory;
use remit_collab_tools::overlap::Team;
use remit_core::{EmployeeId, WorkMode};
use remit_promotion_bias::PromotionTable;
use remit_synth::Organisation;
use remit_synth::assets::{AssetSynthConfig, asset_fleet};
use remit_synth::benefits::{BenefitSynthConfig, benefit_data};
use remit_synth::collab_tools::{CollabSynthConfig, CollabSynthError, collab_data};
use remit_synth::promotion::{PromotionSynthConfig, promotion_history};
use remit_synth::wellbeing::{WellbeingSynthConfig, wellbeing_data};
use remit_wellbeing::SignalPanel;

/// The inputs of every domain for one organisation (employees aside: they come through
/// the [`Workforce`](remit_core::Workforce) port): generated with the in-memory audit's
/// planted problems ([`OrganisationInputs::generate`]) or read back from storage
/// (`sqlite::read_inputs`).
#[derive(Debug)]
pub struct OrganisationInputs {
    /// Equipment and its event logs.
    pub assets: Vec<TrackedAsset>,
    /// The benefit catalogue every enrolment refers to.
    pub catalogue: Catalogue,
    /// Who receives which benefit, with uses per year and office days.
    pub enrolments: Enrolments,
    /// Exchange rates into the base currency.
    pub rates: ExchangeRates,
    /// Promotion records, column by column.
    pub promotion: PromotionTable,
    /// Weekly behavioural signals per active employee, in hours.
    pub panel: SignalPanel,
    /// The employees who answered the survey, in the order of `codes` (24 codes each).
    pub respondents: Vec<EmployeeId>,
    /// Their answers, 24 per respondent (5 WHO-5 then 19 CBI), `None` unanswered.
    pub codes: Vec<Option<u8>>,
    /// The collaboration tools with their capabilities, licences and seats.
    pub inventory: Inventory,
    /// The teams, with each member's working hours, for time-zone overlap.
    pub teams: Vec<Team>,
}

impl OrganisationInputs {
    /// Generates every domain's inputs for `org` with the problems the in-memory audit
    /// ([`crate::audit::run_synthetic`]) plants, drawing from the same seeded streams, so
    /// the two runs see the same data.
    ///
    /// # Errors
    ///
    /// A generator's error, as text.
    pub fn generate(org: &Organisation) -> Result<Self, String> {
        let fleet = asset_fleet(org, &AssetSynthConfig::default()).map_err(|e| e.to_string())?;
        let benefit_config = BenefitSynthConfig::default()
            .remote_shortfall(0.12)
            .map_err(|e| e.to_string())?;
        let benefits = benefit_data(org, &benefit_config).map_err(|e| e.to_string())?;
        let promotion_config = PromotionSynthConfig::default()
            .odds_ratio(WorkMode::Remote, 0.6)
            .map_err(|e| e.to_string())?;
        let promotion = promotion_history(org, &promotion_config)
            .map_err(|e| e.to_string())?
            .into_table();
        let wellbeing_config = WellbeingSynthConfig::default()
            .far_after_hours(3.0)
            .map_err(|e| e.to_string())?;
        let wellbeing = wellbeing_data(org, &wellbeing_config).map_err(|e| e.to_string())?;
        let tool_config = CollabSynthConfig::default()
            .duplicate_chat(0.2)
            .map_err(|e| e.to_string())?
            .shadow_tool(true);
        let tools = match collab_data(org, &tool_config.far_team(true)) {
            Ok(data) => data,
            Err(CollabSynthError::NotEnoughFarEmployees { .. }) => {
                collab_data(org, &tool_config).map_err(|e| e.to_string())?
            }
            Err(other) => return Err(other.to_string()),
        };
        Ok(Self {
            assets: fleet.tracked_assets().map_err(|e| e.to_string())?,
            catalogue: benefits.catalogue().clone(),
            enrolments: benefits.enrolments().clone(),
            rates: benefits.rates().clone(),
            promotion,
            panel: wellbeing.panel().clone(),
            respondents: wellbeing.respondents().to_vec(),
            codes: wellbeing.codes().to_vec(),
            inventory: tools.inventory().clone(),
            teams: tools.teams().to_vec(),
        })
    }
}
