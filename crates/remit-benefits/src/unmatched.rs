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
//! Counts and totals over people pass through the [`DisclosureGuard`]: a perk that too
//! few remote employees would receive is reported with its figures suppressed.

use std::collections::{BTreeMap, HashMap};

use remit_core::privacy::{Disclosed, DisclosureGuard, Suppression};
use remit_core::{BenefitId, CountryCode, Currency, EmployeeId, Money, Rounding, WorkMode};
use rust_decimal::Decimal;

use crate::catalogue::{Benefit, BenefitCategory, Catalogue};
use crate::error::BenefitsError;
use crate::location::{LocationIndex, employee_factor};
use crate::tax::{TaxModel, employee_retained};
use crate::valuation::Valuations;

/// One onsite-only perk without a remote counterpart.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct UnmatchedPerk {
    benefit: BenefitId,
    name: String,
    category: BenefitCategory,
    remote_affected: Disclosed<u64>,
    forgone_total: Disclosed<Money>,
    forgone_mean: Disclosed<Money>,
    forgone_by_currency: Disclosed<Vec<Money>>,
}

impl UnmatchedPerk {
    /// The perk.
    pub fn benefit(&self) -> BenefitId {
        self.benefit
    }
    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Its category.
    pub fn category(&self) -> BenefitCategory {
        self.category
    }
    /// Remote employees who would receive it if they worked onsite.
    pub fn remote_affected(&self) -> Disclosed<u64> {
        self.remote_affected
    }
    /// The annual value they forgo together, normalised into the base currency.
    pub fn forgone_total(&self) -> Disclosed<Money> {
        self.forgone_total
    }
    /// The annual value one of them forgoes on average, normalised.
    pub fn forgone_mean(&self) -> Disclosed<Money> {
        self.forgone_mean
    }
    /// The forgone value in each local currency (sorted by currency code).
    pub fn forgone_by_currency(&self) -> &Disclosed<Vec<Money>> {
        &self.forgone_by_currency
    }
}

/// Finds the unmatched perks of a catalogue and values what remote staff forgo.
///
/// Uses the same location index and tax model as the valuation so the figures compare.
///
/// # Errors
///
/// [`BenefitsError::EmployeeLocation`] / [`BenefitsError::EmployeeTax`] naming the first
/// remote employee of a country the ports cannot value, [`BenefitsError::Money`] on overflow or a currency without
/// minor unit. A perk with no price for a remote employee's country is skipped for that
/// employee (nobody there could have received it).
pub fn unmatched_perks<L, T>(
    catalogue: &Catalogue,
    valuations: &Valuations,
    index: &L,
    tax: &T,
    guard: &DisclosureGuard,
) -> Result<Vec<UnmatchedPerk>, BenefitsError>
where
    L: LocationIndex + ?Sized,
    T: TaxModel + ?Sized,
{
    let base = valuations.base_currency();
    let rounding = valuations.settings().rounding();
    let base_places = base.minor_units().ok_or_else(|| {
        BenefitsError::money(
            "base currency",
            remit_core::MoneyError::NoMinorUnit { currency: base },
        )
    })?;
    let mut out = Vec::new();
    for perk in catalogue.unpaired_onsite_perks() {
        let mut per_country: HashMap<CountryCode, Option<(Currency, Decimal, Decimal)>> =
            HashMap::new();
        let mut count = 0u64;
        let onsite_mode = perk
            .eligibility()
            .admitted_modes()
            .next()
            .unwrap_or(WorkMode::Onsite);
        let mut total = Decimal::ZERO;
        let mut by_currency: BTreeMap<Currency, Decimal> = BTreeMap::new();
        for v in valuations
            .values()
            .iter()
            .filter(|v| v.work_mode() == WorkMode::Remote)
        {
            if !perk.eligibility().admits_parts(
                onsite_mode,
                v.country(),
                v.level(),
                v.tenure_months(),
            ) {
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
            count += 1;
            total = total
                .checked_add(normalised)
                .ok_or_else(|| overflow(perk, base))?;
            let slot = by_currency.entry(currency).or_insert(Decimal::ZERO);
            *slot = slot
                .checked_add(local)
                .ok_or_else(|| overflow(perk, currency))?;
        }
        let published = guard.allows(count);
        let total_money = Money::new(total, base);
        let mean = if count == 0 {
            Money::zero(base)
        } else {
            Money::new(total / Decimal::from(count), base).round_to(base_places, rounding)
        };
        out.push(UnmatchedPerk {
            benefit: perk.id(),
            name: perk.name().to_owned(),
            category: perk.category(),
            remote_affected: if published {
                Disclosed::Published(count)
            } else {
                Disclosed::Suppressed(Suppression::BelowMinimum)
            },
            forgone_total: if published {
                Disclosed::Published(total_money)
            } else {
                Disclosed::Suppressed(Suppression::BelowMinimum)
            },
            forgone_mean: if published {
                Disclosed::Published(mean)
            } else {
                Disclosed::Suppressed(Suppression::BelowMinimum)
            },
            forgone_by_currency: if published {
                Disclosed::Published(
                    by_currency
                        .into_iter()
                        .map(|(c, a)| Money::new(a, c))
                        .collect(),
                )
            } else {
                Disclosed::Suppressed(Suppression::BelowMinimum)
            },
        });
    }
    Ok(out)
}

fn overflow(perk: &Benefit, currency: Currency) -> BenefitsError {
    BenefitsError::money(
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
) -> Result<Option<(Currency, Decimal, Decimal)>, BenefitsError>
where
    L: LocationIndex + ?Sized,
    T: TaxModel + ?Sized,
{
    let Some(valuation) = perk.valuation_for(country) else {
        return Ok(None);
    };
    let currency = valuation.currency();
    let annual = valuation.annual_cost().map_err(|e| {
        BenefitsError::money(format!("benefit \"{}\" ({})", perk.name(), perk.id()), e)
    })?;
    let retained = employee_retained(tax, employee, country, perk.tax())?;
    let local = annual
        .checked_mul(retained)
        .and_then(|m| m.round(rounding))
        .map_err(|e| {
            BenefitsError::money(format!("benefit \"{}\" ({})", perk.name(), perk.id()), e)
        })?;
    let factor = employee_factor(index, employee, country, currency)?;
    let base = index.base_currency();
    let normalised = Money::new(local.amount(), base)
        .checked_mul(factor)
        .and_then(|m| m.round(rounding))
        .map_err(|e| {
            BenefitsError::money(format!("benefit \"{}\" ({})", perk.name(), perk.id()), e)
        })?;
    Ok(Some((currency, local.amount(), normalised.amount())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{Eligibility, Valuation};
    use crate::enrolment::Enrolments;
    use crate::location::ExchangeRates;
    use crate::tax::EmployerCost;
    use crate::valuation::{ValuationSettings, value_employees};
    use chrono::NaiveDate;
    use remit_core::{Department, Employee, EmployeeId, JobLevel, Roster};

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
        let settings = ValuationSettings::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let v = value_employees(
            &roster,
            &catalogue,
            &enrolments,
            &rates,
            &EmployerCost,
            &settings,
        )
        .unwrap();
        unmatched_perks(
            &catalogue,
            &v,
            &rates,
            &EmployerCost,
            &DisclosureGuard::default(),
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
    }

    #[test]
    fn small_cohorts_are_suppressed() {
        let perks = run(3);
        assert!(perks[0].remote_affected().is_suppressed());
        assert!(perks[0].forgone_total().is_suppressed());
        assert!(perks[0].forgone_by_currency().is_suppressed());
    }
}
