//! [`audit_store`]: every domain's audit over a store, each domain's inputs read just
//! before its audit.

use std::time::Instant;

use super::assets::read_assets;
use super::benefits::{read_catalogue, read_enrolments, read_rates};
use super::error::StoreError;
use super::promotion::read_promotion;
use super::tools::{read_inventory, read_teams};
use super::wellbeing::{read_panel, read_survey};
use super::workforce::SqliteWorkforce;
use crate::audit::{
    DomainReports, audit_assets, audit_benefits, audit_promotions, audit_tools, audit_wellbeing,
};

/// Runs every domain's audit over the store: the same per-domain configuration as the
/// in-memory pipeline ([`crate::audit`]'s `audit_*` functions), with the employees
/// streamed through the [`Workforce`](remit_core::Workforce) port and each domain's
/// inputs read from its tables just before its audit and dropped after it. `progress`
/// hears each stage with its time.
///
/// # Errors
///
/// A [`StoreError`] (as text) for a bad row or a storage failure, including one latched
/// while streaming employees; an audit's own error otherwise.
pub fn audit_store(
    store: &SqliteWorkforce,
    progress: &dyn Fn(&str),
) -> Result<DomainReports, String> {
    let conn = store.connection();
    let as_of = store.as_of();
    let text = |e: StoreError| e.to_string();
    let mut clock = Instant::now();
    let mut stage = |label: &str| {
        progress(&format!("{label} ({:.2} s)", clock.elapsed().as_secs_f64()));
        clock = Instant::now();
    };

    // One engine for every domain, as the in-memory pipeline uses: the scorecard's
    // cross-domain observations compare populations registered by two domains.
    let mut disclosure = remit_core::disclosure::Disclosure::new(
        remit_core::disclosure::DisclosurePolicy::default(),
    );
    let assets = audit_assets(
        store,
        &read_assets(conn).map_err(text)?,
        as_of,
        &mut disclosure,
    )?;
    stage("equipment audited");
    let benefits = {
        let catalogue = read_catalogue(conn).map_err(text)?;
        let enrolments = read_enrolments(conn, &catalogue).map_err(text)?;
        let rates = read_rates(conn).map_err(text)?;
        audit_benefits(
            store,
            &catalogue,
            &enrolments,
            &rates,
            as_of,
            &mut disclosure,
        )?
    };
    stage("benefits audited");
    let promotion = audit_promotions(
        &remit_promotion_bias::Inputs::from_table(&read_promotion(conn).map_err(text)?),
        as_of,
        &mut disclosure,
    )?;
    stage("promotions analysed");
    let wellbeing = {
        // People through the port, as every domain reads them: the crate joins the
        // panel and the surveys to the employees of the store employed on `as_of`.
        let panel = read_panel(conn).map_err(text)?;
        let (respondents, codes) = read_survey(conn).map_err(text)?;
        audit_wellbeing(store, &panel, &respondents, &codes, as_of, &mut disclosure)?
    };
    stage("wellbeing reported");
    let tools = audit_tools(
        store,
        &read_inventory(conn).map_err(text)?,
        &read_teams(conn).map_err(text)?,
        as_of,
        &mut disclosure,
    )?;
    stage("collaboration tools audited");
    // A storage error while streaming employees would have cut an audit short.
    store.check().map_err(text)?;
    Ok(DomainReports {
        assets,
        benefits,
        promotion,
        wellbeing,
        tools,
        disclosure: std::sync::Mutex::new(disclosure),
    })
}
