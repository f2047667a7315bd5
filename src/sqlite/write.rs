//! [`write_synthetic`]: a synthetic organisation and its domain inputs into an empty
//! database, in one transaction.

use remit_assets::{Change, Disposition, TrackedAsset};
use remit_benefits::Valuation;
use remit_collab_tools::{Capability, CapabilitySet, Inventory, Team};
use remit_core::{Employee, Money};
use remit_promotion_bias::PromotionTable;
use remit_synth::Organisation;
use remit_wellbeing::Signal;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::error::StoreError;
use super::schema::{CREATE, SCHEMA, WEEKDAYS, create_weekly_signals, name_of, survey_width};
use crate::synthetic::OrganisationInputs;

/// Writes `org` and its domain inputs into `conn`, which must be an empty database:
/// creates the schema and inserts every row in one transaction (all or nothing).
///
/// # Errors
///
/// [`StoreError`] if the schema exists already or SQLite fails; nothing is written.
pub fn write_synthetic(
    conn: &mut Connection,
    org: &Organisation,
    inputs: &OrganisationInputs,
) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    tx.execute_batch(CREATE)?;
    tx.execute_batch(&create_weekly_signals()?)?;
    {
        let mut meta = tx.prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)")?;
        for (key, value) in [
            ("schema_version", SCHEMA.to_string()),
            ("as_of", org.as_of().to_string()),
            ("seed", org.seed().to_string()),
            ("rates_base", inputs.rates.base().to_string()),
            ("signal_weeks", inputs.panel.weeks().to_string()),
        ] {
            meta.execute(params![key, value])?;
        }
        write_employees(&tx, org.roster().as_slice())?;
        write_assets(&tx, &inputs.assets)?;
        write_benefits(&tx, inputs)?;
        write_promotion(&tx, &inputs.promotion)?;
        write_wellbeing(&tx, inputs)?;
        write_tools(&tx, &inputs.inventory, &inputs.teams)?;
    }
    tx.commit()?;
    Ok(())
}

fn write_employees(tx: &Connection, employees: &[Employee]) -> Result<(), StoreError> {
    let mut insert = tx.prepare(
        "INSERT INTO employees (id, employee, work_mode, country, time_zone, level, department, manager, hired_on, left_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut attribute =
        tx.prepare("INSERT INTO employee_attributes (employee, key, value) VALUES (?1, ?2, ?3)")?;
    for (i, e) in employees.iter().enumerate() {
        let id = i64::try_from(i).unwrap_or(i64::MAX).saturating_add(1);
        insert.execute(params![
            id,
            e.id().to_string(),
            e.work_mode().to_string(),
            e.country().as_str(),
            e.time_zone().name(),
            i64::from(e.level().rank()),
            e.department().as_str(),
            e.manager().map(|m| m.to_string()),
            e.hired_on().to_string(),
            e.left_on().map(|d| d.to_string()),
        ])?;
        for (key, value) in e.attributes() {
            attribute.execute(params![id, key.as_str(), value.as_str()])?;
        }
    }
    Ok(())
}

/// The stored columns of one lifecycle change.
#[derive(Default)]
struct ChangeColumns {
    employee: Option<String>,
    due: Option<String>,
    reason: Option<String>,
    cost: Option<Money>,
    document: Option<String>,
}

fn change_columns(change: &Change) -> Result<(&'static str, ChangeColumns), StoreError> {
    let mut c = ChangeColumns::default();
    let name = match change {
        Change::Received => "received",
        Change::Reserved { employee } => {
            c.employee = Some(employee.to_string());
            "reserved"
        }
        Change::ReservationCancelled => "reservation_cancelled",
        Change::Shipped(shipment) => {
            c.document = Some(json(shipment)?);
            "shipped"
        }
        Change::Delivered => "delivered",
        Change::Assigned { employee } => {
            c.employee = Some(employee.to_string());
            "assigned"
        }
        Change::ReturnRequested { due, reason } => {
            c.due = Some(due.to_string());
            c.reason = Some(name_of(reason)?);
            "return_requested"
        }
        Change::CheckedIn => "checked_in",
        Change::RepairFlagged => "repair_flagged",
        Change::RepairStarted => "repair_started",
        Change::RepairCompleted { cost } => {
            c.cost = *cost;
            "repair_completed"
        }
        Change::Sanitised(record) => {
            c.document = Some(json(record)?);
            "sanitised"
        }
        Change::DisposalMarked => "disposal_marked",
        Change::Retired { disposition } => {
            c.reason = Some(match disposition {
                Disposition::GiftedToEmployee { employee } => {
                    c.employee = Some(employee.to_string());
                    "gifted_to_employee".to_owned()
                }
                other => name_of(other)?,
            });
            "retired"
        }
        Change::ReportedMissing { reason } => {
            c.reason = Some(name_of(reason)?);
            "reported_missing"
        }
        Change::Recovered => "recovered",
        Change::Audited => "audited",
        Change::WrittenOff(approval) => {
            c.document = Some(json(approval)?);
            "written_off"
        }
    };
    Ok((name, c))
}

fn write_assets(tx: &Connection, assets: &[TrackedAsset]) -> Result<(), StoreError> {
    let mut insert = tx.prepare(
        "INSERT INTO assets (id, asset, tag, category, stores_data, purchased_on, cost_amount, cost_currency,
                             salvage_amount, salvage_currency, useful_life_months, warranty_months)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    let mut event = tx.prepare(
        "INSERT INTO asset_events (asset, sequence, event_key, schema, on_date, change, employee, due, reason,
                                   cost_amount, cost_currency, document)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (i, tracked) in assets.iter().enumerate() {
        let id = i64::try_from(i).unwrap_or(i64::MAX).saturating_add(1);
        let a = tracked.asset();
        insert.execute(params![
            id,
            a.id().to_string(),
            a.tag().as_str(),
            name_of(&a.category())?,
            a.stores_data(),
            a.purchased_on().to_string(),
            a.cost().amount().to_string(),
            a.cost().currency().to_string(),
            a.salvage().amount().to_string(),
            a.salvage().currency().to_string(),
            i64::from(a.useful_life_months()),
            i64::from(a.warranty_months()),
        ])?;
        for envelope in tracked.log().entries() {
            let (change, c) = change_columns(envelope.event().change())?;
            event.execute(params![
                id,
                i64::try_from(envelope.sequence()).unwrap_or(i64::MAX),
                envelope.key().to_string(),
                i64::from(envelope.schema()),
                envelope.event().on().to_string(),
                change,
                c.employee,
                c.due,
                c.reason,
                c.cost.map(|m| m.amount().to_string()),
                c.cost.map(|m| m.currency().to_string()),
                c.document,
            ])?;
        }
    }
    Ok(())
}

fn write_benefits(tx: &Connection, inputs: &OrganisationInputs) -> Result<(), StoreError> {
    let mut benefit = tx.prepare(
        "INSERT INTO benefits (id, benefit, name, category, proration, tax, eligibility)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut valuation = tx.prepare(
        "INSERT INTO benefit_valuations (benefit, country, kind, amount, currency, uses_per_year)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, b) in inputs.catalogue.benefits().iter().enumerate() {
        let id = i64::try_from(i).unwrap_or(i64::MAX).saturating_add(1);
        benefit.execute(params![
            id,
            b.id().to_string(),
            b.name(),
            name_of(&b.category())?,
            name_of(&b.proration())?,
            name_of(&b.tax())?,
            json(b.eligibility())?,
        ])?;
        let prices = b
            .default_valuation()
            .map(|v| (None, v))
            .into_iter()
            .chain(b.country_valuations().iter().map(|(c, v)| (Some(*c), v)));
        for (country, v) in prices {
            let (kind, uses) = match v {
                Valuation::Annual(_) => ("annual", None),
                Valuation::PerUse { uses_per_year, .. } => {
                    ("per_use", Some(uses_per_year.to_string()))
                }
            };
            let unit = v.unit_cost();
            valuation.execute(params![
                id,
                country.map(|c| c.as_str().to_owned()),
                kind,
                unit.amount().to_string(),
                unit.currency().to_string(),
                uses,
            ])?;
        }
    }
    let mut pairing =
        tx.prepare("INSERT INTO benefit_pairings (onsite, counterpart) VALUES (?1, ?2)")?;
    for p in inputs.catalogue.pairings() {
        pairing.execute(params![p.onsite().to_string(), p.counterpart().to_string()])?;
    }
    let mut rate = tx.prepare("INSERT INTO exchange_rates (currency, rate) VALUES (?1, ?2)")?;
    for (currency, value) in inputs.rates.rates() {
        rate.execute(params![currency.to_string(), value.to_string()])?;
    }
    let mut enrol = tx.prepare(
        "INSERT INTO benefit_enrolments (employee, benefit, uses_per_year) VALUES (?1, ?2, ?3)",
    )?;
    let mut days = tx.prepare("INSERT INTO office_days (employee, days) VALUES (?1, ?2)")?;
    for employee in inputs.enrolments.employees() {
        let text = employee.to_string();
        for (benefit, uses) in inputs.enrolments.benefits_of(employee) {
            enrol.execute(params![
                text,
                benefit.to_string(),
                uses.map(|u| u.to_string())
            ])?;
        }
        if let Some(d) = inputs.enrolments.office_days(employee) {
            days.execute(params![text, d.get().to_string()])?;
        }
    }
    Ok(())
}

fn write_promotion(tx: &Connection, table: &PromotionTable) -> Result<(), StoreError> {
    let mut insert = tx.prepare(
        "INSERT INTO promotion_records (id, employee, work_mode, level, department, performance, tenure_months,
                                       promoted, months_to_event)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut attribute =
        tx.prepare("INSERT INTO promotion_attributes (record, key, value) VALUES (?1, ?2, ?3)")?;
    for i in 0..table.len() {
        let Some(r) = table.record(i) else {
            continue;
        };
        let id = i64::try_from(i).unwrap_or(i64::MAX).saturating_add(1);
        insert.execute(params![
            id,
            r.employee().to_string(),
            r.work_mode().to_string(),
            i64::from(r.level().rank()),
            r.department().as_str(),
            r.performance(),
            r.tenure_months(),
            r.promoted(),
            r.months_to_event(),
        ])?;
        for (key, value) in r.attributes() {
            attribute.execute(params![id, key, value])?;
        }
    }
    Ok(())
}

fn write_wellbeing(tx: &Connection, inputs: &OrganisationInputs) -> Result<(), StoreError> {
    let mut columns = String::new();
    let mut holes = String::new();
    for (i, signal) in Signal::ALL.iter().enumerate() {
        columns.push_str(&format!(", {}", name_of(signal)?));
        holes.push_str(&format!(", ?{}", i + 3));
    }
    let mut insert = tx.prepare(&format!(
        "INSERT INTO weekly_signals (employee, week{columns}) VALUES (?1, ?2{holes})"
    ))?;
    let panel = &inputs.panel;
    for (row, employee) in panel.employees().iter().enumerate() {
        let text = employee.to_string();
        let series: Vec<&[f32]> = Signal::ALL
            .iter()
            .map(|s| panel.series(row, *s).unwrap_or(&[]))
            .collect();
        for week in 0..panel.weeks() {
            let mut values: Vec<Box<dyn rusqlite::ToSql>> = Vec::with_capacity(2 + Signal::COUNT);
            values.push(Box::new(text.clone()));
            values.push(Box::new(i64::try_from(week).unwrap_or(i64::MAX)));
            for s in &series {
                values.push(Box::new(f64::from(
                    s.get(week).copied().unwrap_or(f32::NAN),
                )));
            }
            insert.execute(rusqlite::params_from_iter(values.iter()))?;
        }
    }
    let width = survey_width();
    let mut answer =
        tx.prepare("INSERT INTO survey_answers (respondent, item, code) VALUES (?1, ?2, ?3)")?;
    for (respondent, codes) in inputs.respondents.iter().zip(inputs.codes.chunks(width)) {
        let text = respondent.to_string();
        for (item, code) in codes.iter().enumerate() {
            answer.execute(params![
                text,
                i64::try_from(item).unwrap_or(i64::MAX),
                code.map(i64::from)
            ])?;
        }
    }
    Ok(())
}

fn write_tools(tx: &Connection, inventory: &Inventory, teams: &[Team]) -> Result<(), StoreError> {
    let mut tool = tx.prepare(
        "INSERT INTO tools (id, tool, name, category, sync_level, enabled, available, chat_retention_days,
                            licence_seats, licence_price_amount, licence_price_currency, licence_billing, licence_renewal)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut seat =
        tx.prepare("INSERT INTO tool_seats (tool, employee, last_active) VALUES (?1, ?2, ?3)")?;
    for (i, t) in inventory.tools().iter().enumerate() {
        let id = i64::try_from(i).unwrap_or(i64::MAX).saturating_add(1);
        let caps = |set: CapabilitySet| json(&set.iter().collect::<Vec<Capability>>());
        let licence = t.licence();
        tool.execute(params![
            id,
            t.id().to_string(),
            t.name(),
            name_of(&t.category())?,
            name_of(&t.sync_level())?,
            caps(t.enabled())?,
            caps(t.available())?,
            t.chat_retention_days().map(i64::from),
            licence.map(|l| i64::from(l.seats())),
            licence.map(|l| l.price_per_seat().amount().to_string()),
            licence.map(|l| l.price_per_seat().currency().to_string()),
            licence.map(|l| name_of(&l.billing())).transpose()?,
            licence.map(|l| l.renewal().to_string()),
        ])?;
        for s in t.seats() {
            seat.execute(params![
                id,
                s.user().to_string(),
                s.last_active().map(|d| d.to_string())
            ])?;
        }
    }
    let mut team = tx.prepare("INSERT INTO teams (id, team, name) VALUES (?1, ?2, ?3)")?;
    let mut member = tx.prepare(
        "INSERT INTO team_members (team, employee, zone, start_minute, length_minutes, workdays)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, t) in teams.iter().enumerate() {
        let id = i64::try_from(i).unwrap_or(i64::MAX).saturating_add(1);
        team.execute(params![id, t.id().to_string(), t.name()])?;
        for m in t.members() {
            let days: Vec<&str> = WEEKDAYS
                .iter()
                .filter(|(d, _)| m.workdays().contains(*d))
                .map(|(_, n)| *n)
                .collect();
            member.execute(params![
                id,
                m.id().to_string(),
                m.zone().name(),
                i64::from(m.hours().start_minute()),
                i64::from(m.hours().length_minutes()),
                days.join(" "),
            ])?;
        }
    }
    Ok(())
}

/// A value as JSON text (eligibility rules, capability sets, event documents).
fn json<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Table {
        table: "(writer)",
        message: e.to_string(),
    })
}
