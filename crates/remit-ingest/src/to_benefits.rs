//! Canonical benefit, enrolment and exchange-rate rows to `remit-benefits` inputs:
//! [`Benefit::builder`] and [`Catalogue::builder`] (pairings included),
//! [`Enrolments::enrol_all`] and [`Enrolments::set_office_days`],
//! [`ExchangeRates::with_rate`]; then valued once through
//! [`remit_benefits::value_employees`] with the audit's defaults, so that an input the
//! audit could not value is refused here, naming the files' own ids.

use chrono::NaiveDate;
use remit_benefits::{Benefit, Catalogue, Eligibility, Enrolments, ExchangeRates, OfficeDays};
use remit_core::{BenefitId, EmployeeId, ExchangeRate, JobLevel};
use rust_decimal::Decimal;

use crate::canonical::benefits::BenefitRow;
use crate::error::Problems;
use crate::read::{Loc, Rows};
use crate::to_core::{People, parse_id};

/// A benefit's catalogue entry, who receives what, and the exchange rates.
#[derive(Debug, Clone)]
pub struct BenefitInputs {
    /// The benefit catalogue read from `benefits.csv`: each benefit's category,
    /// eligibility, per-country valuation and pairing.
    pub catalogue: Catalogue,
    /// Who receives which benefit (enrolments current on the as-of date).
    pub enrolments: Enrolments,
    /// Exchange rates into one base currency.
    pub rates: ExchangeRates,
}

/// One benefit's first row, its line, and all its price rows.
type BenefitRows<'r> = (&'r BenefitRow, Loc, Vec<(&'r BenefitRow, Loc)>);

/// One employee's enrolment lines, office days (with their line) and first line.
type EmployeeLines = (
    Vec<(BenefitId, Option<Decimal>)>,
    Option<(Decimal, Loc)>,
    Loc,
);

fn same_terms(a: &BenefitRow, b: &BenefitRow) -> bool {
    a.name == b.name
        && a.category == b.category
        && a.modes == b.modes
        && a.proration == b.proration
        && a.tax == b.tax
        && a.countries == b.countries
        && a.min_level == b.min_level
        && a.max_level == b.max_level
        && a.min_tenure_months == b.min_tenure_months
}

/// Builds the benefits domain's inputs.
pub(crate) fn benefits(
    rows: &Rows,
    people: &People,
    as_of: NaiveDate,
    problems: &mut Problems,
) -> Option<BenefitInputs> {
    let before = problems.count();
    // The benefits' own ids, by the internal id derived from each, so that a message
    // from `remit-benefits` names benefits as the files do.
    let names: crate::Map<BenefitId, &str> = rows
        .benefits
        .iter()
        .flat_map(|(r, _)| {
            std::iter::once(r.benefit_id.as_str()).chain(r.paired_with.iter().map(String::as_str))
        })
        .chain(rows.enrolments.iter().map(|(r, _)| r.benefit_id.as_str()))
        .filter_map(|text| {
            Some((
                parse_id(text, people.scheme, BenefitId::from_external).ok()?,
                text,
            ))
        })
        .collect();
    let named = |message: String| {
        names.iter().fold(message, |m, (id, text)| {
            m.replace(&id.to_string(), &format!("{text:?}"))
        })
    };
    let id = |text: &str, loc: Loc, problems: &mut Problems| -> Option<BenefitId> {
        parse_id(text, people.scheme, BenefitId::from_external)
            .map_err(|m| problems.push(rows.problem(loc, format!("benefit id: {m}"))))
            .ok()
    };
    // Rows of one benefit, in first-appearance order.
    let mut order: Vec<BenefitRows<'_>> = Vec::new();
    let mut position: crate::Map<&str, usize> = crate::Map::default();
    for (row, loc) in &rows.benefits {
        match position.get(row.benefit_id.as_str()) {
            Some(&i) => {
                if let Some((first, first_loc, prices)) = order.get_mut(i) {
                    if same_terms(first, row) {
                        prices.push((row, *loc));
                    } else {
                        problems.push(rows.problem(
                            *loc,
                            format!(
                                "benefit {:?}: its name, category and eligibility differ from line {}; only the price columns may change between its rows",
                                row.benefit_id, first_loc.line
                            ),
                        ));
                    }
                }
            }
            None => {
                position.insert(row.benefit_id.as_str(), order.len());
                order.push((row, *loc, vec![(row, *loc)]));
            }
        }
    }
    let mut catalogue = Catalogue::builder();
    let mut pairs = Vec::new();
    for (first, loc, prices) in &order {
        let Some(benefit) = id(&first.benefit_id, *loc, problems) else {
            continue;
        };
        let mut eligibility = Eligibility::work_modes(first.modes.iter().copied());
        if let Some(c) = &first.countries {
            eligibility = eligibility.countries(c.iter().copied());
        }
        if first.min_level.is_some() || first.max_level.is_some() {
            eligibility = eligibility.levels(
                JobLevel::new(first.min_level.unwrap_or(0)),
                JobLevel::new(first.max_level.unwrap_or(u8::MAX)),
            );
        }
        eligibility = eligibility.min_tenure_months(first.min_tenure_months);
        let mut b = Benefit::builder(benefit, first.name.clone())
            .category(first.category)
            .eligibility(eligibility)
            .proration(first.proration)
            .tax(first.tax);
        for (row, _) in prices {
            b = match row.price_country {
                None => b.valuation(row.valuation),
                Some(country) => b.valuation_in(country, row.valuation),
            };
            for counterpart in &row.paired_with {
                pairs.push((benefit, counterpart.as_str(), *loc));
            }
        }
        match b.build() {
            Ok(b) => catalogue = catalogue.benefit(b),
            Err(e) => problems.push(rows.problem(*loc, named(e.to_string()))),
        }
    }
    let mut seen_pairs = Vec::new();
    for (onsite, counterpart, loc) in pairs {
        if let Some(c) = id(counterpart, loc, problems)
            && !seen_pairs.contains(&(onsite, c))
        {
            seen_pairs.push((onsite, c));
            catalogue = catalogue.pair(onsite, c);
        }
    }
    if problems.count() != before {
        return None;
    }
    let file = rows
        .benefits
        .first()
        .map_or_else(|| "benefits".to_owned(), |(_, l)| rows.file(*l).to_owned());
    let catalogue = match catalogue.build() {
        Ok(c) => c,
        Err(e) => {
            problems.push(crate::Problem::File {
                file,
                message: named(e.to_string()),
            });
            return None;
        }
    };

    // Enrolments: lines of one employee together, in first-appearance order.
    let mut enrolments = Enrolments::new(&catalogue);
    let mut order: Vec<EmployeeId> = Vec::new();
    let mut lines: crate::Map<EmployeeId, EmployeeLines> = crate::Map::default();
    for (row, loc) in &rows.enrolments {
        if row.start_date.is_some_and(|s| s > as_of) || row.end_date.is_some_and(|e| e < as_of) {
            continue;
        }
        let employee = match people.resolve(&row.who) {
            Ok(e) => e,
            Err(m) => {
                problems.push(rows.problem(*loc, m));
                continue;
            }
        };
        let Some(benefit) = id(&row.benefit_id, *loc, problems) else {
            continue;
        };
        let entry = lines.entry(employee).or_insert_with(|| {
            order.push(employee);
            (Vec::new(), None, *loc)
        });
        entry.0.push((benefit, row.uses_per_year));
        if let Some(days) = row.office_days {
            match entry.1 {
                Some((held, first)) if held != days => problems.push(rows.problem(
                    *loc,
                    format!(
                        "column `office_days`: {days} differs from {held} on line {} for the same employee",
                        first.line
                    ),
                )),
                Some(_) => {}
                None => entry.1 = Some((days, *loc)),
            }
        }
    }
    // Each enrolled employee's first enrolment line, for a problem the valuation finds.
    let mut first_line: crate::Map<EmployeeId, Loc> = crate::map_with_capacity(order.len());
    for employee in order {
        let Some((list, days, loc)) = lines.remove(&employee) else {
            continue;
        };
        first_line.insert(employee, loc);
        if let Err(e) = enrolments.enrol_all(employee, list) {
            problems.push(rows.problem(
                loc,
                named(e.to_string().replace(
                    &employee.to_string(),
                    &format!("{:?}", people.name(employee)),
                )),
            ));
            continue;
        }
        if let Some((days, dloc)) = days {
            match OfficeDays::new(days) {
                Some(d) => enrolments.set_office_days(employee, d),
                None => problems.push(rows.problem(
                    dloc,
                    format!("column `office_days`: {days} is not between 0 and 7"),
                )),
            }
        }
    }

    // Exchange rates: one base.
    let mut rates: Option<ExchangeRates> = None;
    for (row, loc) in &rows.rates {
        let current = rates.get_or_insert_with(|| ExchangeRates::new(row.base));
        if current.base() != row.base {
            problems.push(rows.problem(
                *loc,
                format!(
                    "column `base`: {} differs from the file's base {}",
                    row.base,
                    current.base()
                ),
            ));
            continue;
        }
        let next = ExchangeRate::new(row.currency, row.base, row.rate)
            .map_err(|e| e.to_string())
            .and_then(|r| current.clone().with_rate(r).map_err(|e| e.to_string()));
        match next {
            Ok(r) => *current = r,
            Err(m) => problems.push(rows.problem(*loc, format!("column `rate`: {m}"))),
        }
    }
    let rates = match rates {
        Some(r) => r,
        None => {
            // Without a rates file, every price must share one currency: it is the base.
            match catalogue.benefits().first().and_then(|b| {
                b.default_valuation()
                    .or_else(|| b.country_valuations().values().next())
            }) {
                Some(v) => ExchangeRates::new(v.currency()),
                None => {
                    problems.push(crate::Problem::Config {
                        message:
                            "benefits need exchange_rates (or a catalogue priced in one currency)"
                                .to_owned(),
                    });
                    return None;
                }
            }
        }
    };
    if problems.count() != before {
        return None;
    }
    // What this reader returns, the benefits audit can value: an enrolment with no
    // price for the employee's country, one employee's lines in two currencies, or a
    // currency with no market rate would otherwise first fail the audit, whose error
    // names the employee and the benefit by their internal ids. Valued once here, as
    // the audit values them by default (market rates, the employer-cost tax basis),
    // the problem names both as the files do, on the employee's first enrolment line.
    let inputs = remit_benefits::Inputs::new(&people.roster, &catalogue, &enrolments, &rates);
    if let Err(e) = remit_benefits::value_employees(&inputs, &remit_benefits::Config::new(as_of)) {
        let message = named(e.to_string());
        let at = valued_employee(&e).and_then(|id| Some((id, *first_line.get(&id)?)));
        problems.push(match at {
            Some((employee, loc)) => rows.problem(
                loc,
                message.replace(
                    &employee.to_string(),
                    &format!("{:?}", people.name(employee)),
                ),
            ),
            None => crate::Problem::File {
                file: rows.enrolments.first().map_or_else(
                    || "enrolments".to_owned(),
                    |(_, l)| rows.file(*l).to_owned(),
                ),
                message,
            },
        });
        return None;
    }
    Some(BenefitInputs {
        catalogue,
        enrolments,
        rates,
    })
}

/// The employee a benefits error is about, if it is about one.
fn valued_employee(error: &remit_benefits::Error) -> Option<EmployeeId> {
    use remit_benefits::Error as E;
    match error {
        E::NoPrice { employee, .. }
        | E::MixedCurrencies { employee, .. }
        | E::EmployeeLocation { employee, .. }
        | E::EmployeeTax { employee, .. }
        | E::DuplicateEnrolment { employee, .. }
        | E::UnknownPosition { employee, .. }
        | E::InvalidOfficeDays { employee, .. }
        | E::NegativeUses { employee, .. }
        | E::UnknownEmployee { employee }
        | E::DuplicateEmployee { employee } => Some(*employee),
        _ => None,
    }
}
