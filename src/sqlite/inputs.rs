//! [`read_inputs`]: every domain's inputs at once, for callers that want them all.

use super::assets::read_assets;
use super::benefits::{read_catalogue, read_enrolments, read_rates};
use super::error::StoreError;
use super::promotion::read_promotion;
use super::tools::{read_inventory, read_teams};
use super::wellbeing::{read_panel, read_survey};
use super::workforce::SqliteWorkforce;
use crate::synthetic::OrganisationInputs;

/// Reads every domain's inputs from the store's database (employees are not among them:
/// they come through the [`Workforce`](remit_core::Workforce) port).
///
/// # Errors
///
/// [`StoreError`] naming the table, the row and (where one column is at fault) the
/// field of the first row that fails to parse or that its crate refuses.
pub fn read_inputs(store: &SqliteWorkforce) -> Result<OrganisationInputs, StoreError> {
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
    Ok(OrganisationInputs {
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
