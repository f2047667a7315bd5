//! [`read_inputs`]: every domain's inputs at once, for callers that want them all.

use remit_assets::TrackedAsset;
use remit_benefits::{Catalogue, Enrolments, ExchangeRates};
use remit_collab_tools::{Inventory, Team};
use remit_core::EmployeeId;
use remit_promotion_bias::PromotionTable;
use remit_wellbeing::SignalPanel;

use super::assets::read_assets;
use super::benefits::{read_catalogue, read_enrolments, read_rates};
use super::error::StoreError;
use super::promotion::read_promotion;
use super::tools::{read_inventory, read_teams};
use super::wellbeing::{read_panel, read_survey};
use super::workforce::SqliteWorkforce;

/// Every domain's inputs, read from the database and validated by the crates'
/// constructors. Employees are not here: they come through the
/// [`Workforce`](remit_core::Workforce) port.
#[derive(Debug)]
pub struct StoredInputs {
    /// Equipment with its event logs (`assets`, `asset_events`).
    pub assets: Vec<TrackedAsset>,
    /// The benefit catalogue (`benefits`, `benefit_valuations`, `benefit_pairings`).
    pub catalogue: Catalogue,
    /// Enrolments (`benefit_enrolments`, `office_days`).
    pub enrolments: Enrolments,
    /// Exchange rates into `meta.rates_base` (`exchange_rates`).
    pub rates: ExchangeRates,
    /// Promotion records (`promotion_records`, `promotion_attributes`), column by column.
    pub promotion: PromotionTable,
    /// Weekly signals (`weekly_signals`).
    pub panel: SignalPanel,
    /// Survey respondents, in first-answer order (`survey_answers`).
    pub respondents: Vec<EmployeeId>,
    /// Their answer codes, 24 per respondent (5 WHO-5 then 19 CBI), `None` unanswered.
    pub codes: Vec<Option<u8>>,
    /// Collaboration tools (`tools`, `tool_seats`).
    pub inventory: Inventory,
    /// Teams (`teams`, `team_members`).
    pub teams: Vec<Team>,
}

/// Reads every domain's inputs from the store's database.
///
/// # Errors
///
/// [`StoreError`] naming the table, the row and (where one column is at fault) the
/// field of the first row that fails to parse or that its crate refuses.
pub fn read_inputs(store: &SqliteWorkforce) -> Result<StoredInputs, StoreError> {
    let conn = store.connection();
    let assets = read_assets(conn)?;
    let catalogue = read_catalogue(conn)?;
    let enrolments = read_enrolments(conn, &catalogue)?;
    let rates = read_rates(conn)?;
    let promotion = read_promotion(conn)?;
    let panel = read_panel(conn)?;
    let (respondents, codes) = read_survey(conn)?;
    let inventory = read_inventory(conn)?;
    let teams = read_teams(conn)?;
    Ok(StoredInputs {
        assets,
        catalogue,
        enrolments,
        rates,
        promotion,
        panel,
        respondents,
        codes,
        inventory,
        teams,
    })
}
