//! Unmatched perks: onsite-only benefits with no remote counterpart, and what remote
//! staff forgo because of them.
//!
//! A perk is *unmatched* when remote staff are not eligible for it and the catalogue
//! pairs no remote benefit with it. The value forgone by one remote employee is what
//! the perk would be worth to them if they worked onsite: its price in their country at
//! the expected use for a full office week, after tax if a [`TaxModel`] says so,
//! normalised through the [`LocationIndex`]. Only remote employees who meet every other
//! eligibility rule (country, level, tenure) count as forgoing it.
//!
//! Every figure over people is released through the disclosure engine, over the
//! population `benefits/valued` ([`VALUED`](crate::VALUED)): the group of remote
//! employees who would receive a perk, then that group's part in each local currency
//! (so a per-currency total, divided by the perk's price, never gives the head-count of
//! a group the engine refused). A perk no remote employee would receive is left out.

use std::collections::HashMap;

use remit_core::disclosure::{Decision, Disclosed, Disclosure, Population};
use remit_core::{BenefitId, CountryCode, Currency, EmployeeId, Money, Rounding, WorkMode};
use rust_decimal::Decimal;

use crate::catalogue::{Benefit, BenefitCategory, Catalogue};
use crate::cells::{by_key, release, release_cut};
use crate::error::Error;
use crate::location::{LocationIndex, employee_factor};
use crate::tax::{TaxModel, employee_retained};
use crate::valuation::Valuations;

/// One onsite-only perk without a remote counterpart, and what remote staff forgo.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct UnmatchedPerk {
    benefit: BenefitId,
    name: String,
    category: BenefitCategory,
    remote_affected: Disclosed<u64>,
    forgone_total: Disclosed<Money>,
    forgone_mean: Disclosed<Money>,
    forgone_by_currency: Vec<CurrencyTotal>,
}

/// A total in one local currency, as the disclosure engine released the group it sums
/// over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CurrencyTotal {
    currency: Currency,
    total: Disclosed<Money>,
}

impl CurrencyTotal {
    pub(crate) fn new(currency: Currency, total: Disclosed<Money>) -> Self {
        Self { currency, total }
    }
    /// The local currency the total is in (totals are never converted between currencies).
    pub fn currency(&self) -> Currency {
        self.currency
    }
    /// The total in that currency, or why it is withheld.
    pub fn total(&self) -> Disclosed<Money> {
        self.total
    }
}

impl UnmatchedPerk {
    /// The onsite perk without a remote counterpart.
    pub fn benefit(&self) -> BenefitId {
        self.benefit
    }
    /// The perk's display name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The perk's kind (home office, internet, ...).
    pub fn category(&self) -> BenefitCategory {
        self.category
    }
    /// Remote employees who would receive it if they worked onsite (at least one).
    pub fn remote_affected(&self) -> Disclosed<u64> {
        self.remote_affected
    }
    /// The annual value they forgo together, normalised into the base currency.
    pub fn forgone_total(&self) -> Disclosed<Money> {
        self.forgone_total
    }
    /// The annual value one of them forgoes on average, normalised, rounded to the minor
    /// unit with the valuation's rounding.
    pub fn forgone_mean(&self) -> Disclosed<Money> {
        self.forgone_mean
    }
    /// The forgone value in each local currency (sorted by currency code), each total
    /// released on its own; empty unless
    /// [`Config::with_detail_tables`](crate::Config::with_detail_tables) asked for it.
    pub fn forgone_by_currency(&self) -> &[CurrencyTotal] {
        &self.forgone_by_currency
    }
}

/// One remote employee's forgone value of a perk: the row, the local currency and
/// amount, and the normalised amount.
struct Forgone {
    row: u32,
    currency: Currency,
    local: Decimal,
    normalised: Decimal,
}

/// Finds the unmatched perks of a catalogue, values what remote staff forgo, and
/// releases the figures through the engine; the per-currency totals only with `detail`
/// ([`Config::with_detail_tables`](crate::Config::with_detail_tables)).
///
/// Uses the same location index and tax model as the valuation so the figures compare.
///
/// # Errors
///
/// [`Error::EmployeeLocation`] / [`Error::EmployeeTax`] naming the first remote employee
/// of a country the ports cannot value, [`Error::Money`] on overflow or a currency
/// without minor unit, [`Error::Disclosure`] for an engine that does not hold the
/// population. A perk with no price for a remote employee's country is skipped for that
/// employee (nobody there could have received it).
pub(crate) fn unmatched_perks<L, T>(
    catalogue: &Catalogue,
    valuations: &Valuations,
    index: &L,
    tax: &T,
    detail: bool,
    disclosure: &mut Disclosure,
    population: &Population,
) -> Result<Vec<UnmatchedPerk>, Error>
where
    L: LocationIndex + ?Sized,
    T: TaxModel + ?Sized,
{
    let base = valuations.base_currency();
    let rounding = valuations.rounding();
    let base_places = base.minor_units().ok_or_else(|| {
        Error::money(
            "base currency",
            remit_core::MoneyError::NoMinorUnit { currency: base },
        )
    })?;
    let mut out = Vec::new();
    for perk in catalogue.unpaired_onsite_perks() {
        let mut per_country: HashMap<CountryCode, Option<(Currency, Decimal, Decimal)>> =
            HashMap::new();
        let onsite_mode = perk
            .eligibility()
            .admitted_modes()
            .next()
            .unwrap_or(WorkMode::Onsite);
        let mut forgone: Vec<Forgone> = Vec::new();
        for (row, v) in valuations.values().iter().enumerate() {
            if v.work_mode() != WorkMode::Remote
                || !perk.eligibility().admits_parts(
                    onsite_mode,
                    v.country(),
                    v.level(),
                    v.tenure_months(),
                )
            {
                continue;
            }
            let entry = match per_country.get(&v.country()) {
                Some(e) => *e,
                None => {
                    let e = price(perk, v.employee(), v.country(), index, tax, rounding)?;
                    per_country.insert(v.country(), e);
                    e
                }
            };
            let Some((currency, local, normalised)) = entry else {
                continue;
            };
            forgone.push(Forgone {
                row: u32::try_from(row).unwrap_or(u32::MAX),
                currency,
                local,
                normalised,
            });
        }
        if forgone.is_empty() {
            continue;
        }
        let rows: Vec<u32> = forgone.iter().map(|f| f.row).collect();
        let group = release(disclosure, population, &rows)?;
        let count = forgone.len() as u64;
        let (remote_affected, forgone_total, forgone_mean, by_currency) = match group {
            Decision::Refused(reason) => {
                let mut currencies: Vec<Currency> = if detail {
                    forgone.iter().map(|f| f.currency).collect()
                } else {
                    Vec::new()
                };
                currencies.sort_unstable();
                currencies.dedup();
                (
                    Disclosed::Suppressed(reason),
                    Disclosed::Suppressed(reason),
                    Disclosed::Suppressed(reason),
                    currencies
                        .into_iter()
                        .map(|c| CurrencyTotal::new(c, Disclosed::Suppressed(reason)))
                        .collect(),
                )
            }
            Decision::Granted => {
                let mut total = Decimal::ZERO;
                for f in &forgone {
                    total = total
                        .checked_add(f.normalised)
                        .ok_or_else(|| overflow(perk, base))?;
                }
                let mean =
                    Money::new(total / Decimal::from(count), base).round_to(base_places, rounding);
                let cells = if detail {
                    by_key(
                        forgone
                            .iter()
                            .enumerate()
                            .map(|(i, f)| (i as u32, f.currency)),
                    )
                } else {
                    Vec::new()
                };
                let row_cells: Vec<(Currency, Vec<u32>)> = cells
                    .iter()
                    .map(|(c, members)| {
                        (
                            *c,
                            members
                                .iter()
                                .filter_map(|&i| forgone.get(i as usize).map(|f| f.row))
                                .collect(),
                        )
                    })
                    .collect();
                let decisions = release_cut(disclosure, population, &row_cells)?;
                let mut by_currency = Vec::with_capacity(cells.len());
                for ((currency, members), decision) in cells.iter().zip(decisions) {
                    let mut sum = Decimal::ZERO;
                    for f in members.iter().filter_map(|&i| forgone.get(i as usize)) {
                        sum = sum
                            .checked_add(f.local)
                            .ok_or_else(|| overflow(perk, *currency))?;
                    }
                    by_currency.push(CurrencyTotal::new(
                        *currency,
                        decision.disclose(Money::new(sum, *currency)),
                    ));
                }
                (
                    Disclosed::Published(count),
                    Disclosed::Published(Money::new(total, base)),
                    Disclosed::Published(mean),
                    by_currency,
                )
            }
        };
        out.push(UnmatchedPerk {
            benefit: perk.id(),
            name: perk.name().to_owned(),
            category: perk.category(),
            remote_affected,
            forgone_total,
            forgone_mean,
            forgone_by_currency: by_currency,
        });
    }
    Ok(out)
}

fn overflow(perk: &Benefit, currency: Currency) -> Error {
    Error::money(
        format!("unmatched perk \"{}\" ({})", perk.name(), perk.id()),
        remit_core::MoneyError::Overflow {
            operation: "addition",
            currency,
        },
    )
}

/// The perk's full-week annual value in a country: (currency, local rounded, normalised
/// rounded), or `None` when it has no price there.
fn price<L, T>(
    perk: &Benefit,
    employee: EmployeeId,
    country: CountryCode,
    index: &L,
    tax: &T,
    rounding: Rounding,
) -> Result<Option<(Currency, Decimal, Decimal)>, Error>
where
    L: LocationIndex + ?Sized,
    T: TaxModel + ?Sized,
{
    let Some(valuation) = perk.valuation_for(country) else {
        return Ok(None);
    };
    let currency = valuation.currency();
    let annual = valuation
        .annual_cost()
        .map_err(|e| Error::money(format!("benefit \"{}\" ({})", perk.name(), perk.id()), e))?;
    let retained = employee_retained(tax, employee, country, perk.tax())?;
    let local = annual
        .checked_mul(retained)
        .and_then(|m| m.round(rounding))
        .map_err(|e| Error::money(format!("benefit \"{}\" ({})", perk.name(), perk.id()), e))?;
    let factor = employee_factor(index, employee, country, currency)?;
    let base = index.base_currency();
    let normalised = Money::new(local.amount(), base)
        .checked_mul(factor)
        .and_then(|m| m.round(rounding))
        .map_err(|e| Error::money(format!("benefit \"{}\" ({})", perk.name(), perk.id()), e))?;
    Ok(Some((currency, local.amount(), normalised.amount())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{Eligibility, Valuation};
    use crate::config::Config;
    use crate::enrolment::Enrolments;
    use crate::location::ExchangeRates;
    use crate::tax::EmployerCost;
    use crate::valuation::value;
    use chrono::NaiveDate;
    use remit_core::disclosure::{DisclosurePolicy, Suppression};
    use remit_core::{Department, Domain, Employee, EmployeeId, JobLevel, Roster};

    fn run(remote: usize) -> Vec<UnmatchedPerk> {
        let eur = Currency::new("EUR").unwrap();
        let gym = Benefit::builder(BenefitId::from_external("gym"), "Office gym")
            .category(BenefitCategory::Fitness)
            .eligibility(Eligibility::office_based().min_tenure_months(6))
            .valuation(Valuation::annual(Money::new(Decimal::from(480), eur)))
            .build()
            .unwrap();
        let catalogue = Catalogue::builder().benefit(gym).build().unwrap();
        let people: Vec<Employee> = (0..remote + 1)
            .map(|i| {
                // The last one joined a month ago: not yet eligible anywhere.
                let hired = if i == remote {
                    (2025, 12, 1)
                } else {
                    (2024, 1, 1)
                };
                Employee::builder(EmployeeId::from_external(&format!("r{i}")))
                    .work_mode(WorkMode::Remote)
                    .country(CountryCode::new("DE").unwrap())
                    .time_zone(remit_core::chrono_tz::UTC)
                    .level(JobLevel::new(1))
                    .department(Department::new("D").unwrap())
                    .hired_on(NaiveDate::from_ymd_opt(hired.0, hired.1, hired.2).unwrap())
                    .build()
                    .unwrap()
            })
            .collect();
        let roster = Roster::new(people).unwrap();
        let enrolments = Enrolments::new(&catalogue);
        let rates = ExchangeRates::new(eur);
        let config = Config::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let v = value(
            &roster,
            &catalogue,
            &enrolments,
            &rates,
            &EmployerCost,
            &config,
        )
        .unwrap();
        let mut engine = Disclosure::new(DisclosurePolicy::default());
        let population = engine
            .register(
                Domain::Benefits,
                crate::VALUED,
                v.values().iter().map(|e| e.employee()),
            )
            .unwrap();
        unmatched_perks(
            &catalogue,
            &v,
            &rates,
            &EmployerCost,
            true,
            &mut engine,
            &population,
        )
        .unwrap()
    }

    #[test]
    fn an_unpaired_onsite_perk_is_valued_for_eligible_remote_staff() {
        let perks = run(6);
        assert_eq!(perks.len(), 1);
        let eur = Currency::new("EUR").unwrap();
        assert_eq!(perks[0].remote_affected(), Disclosed::Published(6));
        assert_eq!(
            perks[0].forgone_total(),
            Disclosed::Published(Money::new(Decimal::from(2880), eur))
        );
        assert_eq!(
            perks[0].forgone_mean(),
            Disclosed::Published(Money::new(Decimal::from(480), eur))
        );
        assert_eq!(
            perks[0].forgone_by_currency(),
            &[CurrencyTotal::new(
                eur,
                Disclosed::Published(Money::new(Decimal::from(2880), eur))
            )]
        );
    }

    #[test]
    fn small_cohorts_are_suppressed() {
        let perks = run(3);
        let below = Suppression::BelowMinimum;
        assert_eq!(perks[0].remote_affected(), Disclosed::Suppressed(below));
        assert_eq!(perks[0].forgone_total(), Disclosed::Suppressed(below));
        assert!(
            perks[0]
                .forgone_by_currency()
                .iter()
                .all(|c| c.total().is_suppressed())
        );
    }
}
