//! The benefits tables: the catalogue (`benefits`, `benefit_valuations`,
//! `benefit_pairings`), the enrolments (`benefit_enrolments`, `office_days`) and the
//! exchange rates (`exchange_rates`).

use std::collections::HashMap;

use remit_benefits::{
    Benefit, BenefitCategory, Catalogue, Eligibility, Enrolments, ExchangeRates, OfficeDays,
    Proration, TaxTreatment, Valuation,
};
use remit_core::{BenefitId, Currency, EmployeeId, ExchangeRate};
use rusqlite::{Connection, OptionalExtension};
use rust_decimal::Decimal;

use super::error::{Cx, StoreError, meta_error};

/// Reads the benefit catalogue: each benefit with its prices, then the pairings.
pub(super) fn read_catalogue(conn: &Connection) -> Result<Catalogue, StoreError> {
    let mut valuations: HashMap<i64, Vec<(Option<remit_core::CountryCode>, Valuation)>> =
        HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT id, benefit, country, kind, amount, currency, uses_per_year
         FROM benefit_valuations ORDER BY id",
    )?;
    let mut query = stmt.query([])?;
    while let Some(row) = query.next()? {
        let cx = Cx::new("benefit_valuations", row.get(0)?);
        let kind: String = cx.get(row, 3, "kind")?;
        let price = cx.money(row, 4, 5, "amount")?;
        let valuation = match kind.as_str() {
            "annual" => Valuation::annual(price),
            "per_use" => Valuation::per_use(
                price,
                cx.parse_opt(row, 6, "uses_per_year")?
                    .ok_or_else(|| cx.field("uses_per_year", "required for `per_use`"))?,
            ),
            other => return Err(cx.field("kind", format!("unknown kind {other:?}"))),
        };
        valuations
            .entry(cx.get(row, 1, "benefit")?)
            .or_default()
            .push((cx.parse_opt(row, 2, "country")?, valuation));
    }
    let mut builder = Catalogue::builder();
    let mut stmt = conn.prepare(
        "SELECT id, benefit, name, category, proration, tax, eligibility FROM benefits ORDER BY id",
    )?;
    let mut query = stmt.query([])?;
    while let Some(row) = query.next()? {
        let id: i64 = row.get(0)?;
        let cx = Cx::new("benefits", id);
        let benefit: BenefitId = cx.parse(row, 1, "benefit")?;
        let eligibility: Eligibility =
            serde_json::from_str(&cx.get::<String>(row, 6, "eligibility")?)
                .map_err(|e| cx.field("eligibility", e))?;
        let mut b = Benefit::builder(benefit, cx.get::<String>(row, 2, "name")?)
            .category(cx.name::<BenefitCategory>(row, 3, "category")?)
            .proration(cx.name::<Proration>(row, 4, "proration")?)
            .tax(cx.name::<TaxTreatment>(row, 5, "tax")?)
            .eligibility(eligibility);
        for (country, v) in valuations.remove(&id).unwrap_or_default() {
            b = match country {
                None => b.valuation(v),
                Some(c) => b.valuation_in(c, v),
            };
        }
        builder = builder.benefit(b.build().map_err(|e| cx.record(e))?);
    }
    if let Some(orphan) = valuations.keys().min() {
        return Err(StoreError::Table {
            table: "benefit_valuations",
            message: format!("field `benefit`: {orphan} names no benefit row"),
        });
    }
    let mut stmt =
        conn.prepare("SELECT id, onsite, counterpart FROM benefit_pairings ORDER BY id")?;
    let mut query = stmt.query([])?;
    while let Some(row) = query.next()? {
        let cx = Cx::new("benefit_pairings", row.get(0)?);
        builder = builder.pair(
            cx.parse(row, 1, "onsite")?,
            cx.parse(row, 2, "counterpart")?,
        );
    }
    builder.build().map_err(|e| StoreError::Table {
        table: "benefits",
        message: e.to_string(),
    })
}

pub(super) fn read_enrolments(
    conn: &Connection,
    catalogue: &Catalogue,
) -> Result<Enrolments, StoreError> {
    let mut office: HashMap<EmployeeId, (i64, OfficeDays)> = HashMap::new();
    let mut order = Vec::new();
    let mut stmt = conn.prepare("SELECT id, employee, days FROM office_days ORDER BY id")?;
    let mut query = stmt.query([])?;
    while let Some(row) = query.next()? {
        let id: i64 = row.get(0)?;
        let cx = Cx::new("office_days", id);
        let employee: EmployeeId = cx.parse(row, 1, "employee")?;
        let days: Decimal = cx.parse(row, 2, "days")?;
        let days = OfficeDays::new(days)
            .ok_or_else(|| cx.field("days", format!("must be between 0 and 7, got {days}")))?;
        office.insert(employee, (id, days));
        order.push(employee);
    }
    let mut enrolments = Enrolments::new(catalogue);
    let mut stmt = conn.prepare(
        "SELECT id, employee, benefit, uses_per_year FROM benefit_enrolments ORDER BY id",
    )?;
    let mut query = stmt.query([])?;
    // Lines of one employee are consecutive; they are added together, then their office
    // days, which keeps the crate's first-seen order.
    let mut current: Option<(EmployeeId, i64)> = None;
    let mut lines: Vec<(BenefitId, Option<Decimal>)> = Vec::new();
    let mut flush = |enrolments: &mut Enrolments,
                     current: Option<(EmployeeId, i64)>,
                     lines: &mut Vec<(BenefitId, Option<Decimal>)>|
     -> Result<(), StoreError> {
        if let Some((employee, row)) = current {
            enrolments
                .enrol_all(employee, lines.drain(..))
                .map_err(|e| Cx::new("benefit_enrolments", row).record(e))?;
            if let Some((_, days)) = office.remove(&employee) {
                enrolments.set_office_days(employee, days);
            }
        }
        Ok(())
    };
    while let Some(row) = query.next()? {
        let id: i64 = row.get(0)?;
        let cx = Cx::new("benefit_enrolments", id);
        let employee: EmployeeId = cx.parse(row, 1, "employee")?;
        if current.is_none_or(|(c, _)| c != employee) {
            flush(&mut enrolments, current, &mut lines)?;
            current = Some((employee, id));
        }
        lines.push((
            cx.parse(row, 2, "benefit")?,
            cx.parse_opt(row, 3, "uses_per_year")?,
        ));
    }
    flush(&mut enrolments, current, &mut lines)?;
    // Office days of employees without enrolment lines, in their own order.
    for employee in order {
        if let Some((_, days)) = office.remove(&employee) {
            enrolments.set_office_days(employee, days);
        }
    }
    Ok(enrolments)
}

pub(super) fn read_rates(conn: &Connection) -> Result<ExchangeRates, StoreError> {
    let base: String = conn
        .query_row("SELECT value FROM meta WHERE key = 'rates_base'", [], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| meta_error("missing key `rates_base`"))?;
    let base = Currency::new(&base).map_err(|e| meta_error(format!("`rates_base`: {e}")))?;
    let mut rates = ExchangeRates::new(base);
    let mut stmt = conn.prepare("SELECT id, currency, rate FROM exchange_rates ORDER BY id")?;
    let mut query = stmt.query([])?;
    while let Some(row) = query.next()? {
        let cx = Cx::new("exchange_rates", row.get(0)?);
        let rate = ExchangeRate::new(
            cx.parse(row, 1, "currency")?,
            base,
            cx.parse(row, 2, "rate")?,
        )
        .map_err(|e| cx.field("rate", e))?;
        rates = rates.with_rate(rate).map_err(|e| cx.field("rate", e))?;
    }
    Ok(rates)
}
