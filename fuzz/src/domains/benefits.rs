//! Benefit equity: a roster, a catalogue of benefits (annual and per-use prices in
//! several currencies, country prices, eligibility, pro-ration, tax treatment,
//! pairings), enrolments with usage and office days, exchange rates, a location index
//! and a tax model, then `BenefitAudit::run`.
//!
//! Entry point today: `remit_benefits::BenefitAudit::run(&workforce, &catalogue,
//! &enrolments, &index, &tax, &rates, &config)`; after issue 16:
//! `remit_benefits::audit(&Inputs, &Config, &mut Disclosure)`.

use arbitrary::{Result, Unstructured};
use remit_benefits::{
    Benefit, BenefitCategory, Catalogue, Config, CountryScaled, Covariance, Eligibility,
    Enrolments, ExchangeRates, MarginalRates, OfficeDays, Proration, TaxTreatment, Valuation,
    audit,
};
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_core::{BenefitId, ExchangeRate, Roster, WorkMode};

use crate::{draw, people};

const MAX_BENEFITS: usize = 8;
const MAX_ENROLMENTS: usize = 160;

/// How employees' values are normalised across countries.
pub enum Index {
    /// Market exchange rates only.
    Rates,
    /// Exchange rates scaled by per-country factors.
    Scaled(CountryScaled),
}

/// How values are taxed.
pub enum Tax {
    /// The employer's cost, untaxed (the audit's default tax basis).
    EmployerCost,
    /// After the employee's marginal tax.
    Marginal(MarginalRates),
}

/// The inputs of one benefit audit.
pub struct Inputs {
    /// The people the audit covers: a valid roster drawn from the input.
    pub roster: Roster,
    /// The benefits offered, with eligibility and per-country valuations.
    pub catalogue: Catalogue,
    /// Who receives which benefit, with uses per year and office days.
    pub enrolments: Enrolments,
    /// Rates into the base currency.
    pub rates: ExchangeRates,
    /// How values are compared across countries: market rates, or rates scaled per
    /// country.
    pub index: Index,
    /// How values are taxed: employer cost, or after marginal rates.
    pub tax: Tax,
    /// The benefit audit's configuration (as-of date and drawn settings).
    pub config: Config,
    /// The disclosure policy of the run.
    pub policy: DisclosurePolicy,
}

fn benefit_id(i: usize) -> BenefitId {
    BenefitId::from_external(&format!("b{i}"))
}

/// Builds the inputs; `None` when a constructor refused what it was given.
pub fn build(u: &mut Unstructured<'_>) -> Result<Option<Inputs>> {
    let Some(roster) = people::roster(u)? else {
        return Ok(None);
    };
    let n = roster.len();
    let mut catalogue = Catalogue::builder();
    let benefits = u.int_in_range(1..=MAX_BENEFITS)?;
    for i in 0..benefits {
        let price = draw::money(u)?;
        let valuation = if u.ratio(1, 2)? {
            Valuation::annual(price)
        } else {
            Valuation::per_use(price, draw::decimal(u)?)
        };
        let mut eligibility = if u.ratio(1, 3)? {
            Eligibility::everyone()
        } else {
            let modes: Vec<WorkMode> = WorkMode::ALL
                .into_iter()
                .filter(|_| u.arbitrary().unwrap_or(false))
                .collect();
            Eligibility::work_modes(modes)
        };
        if u.ratio(1, 4)? {
            eligibility = eligibility.countries([draw::country(u)?, draw::country(u)?]);
        }
        if u.ratio(1, 4)? {
            eligibility = eligibility.levels(draw::level(u)?, draw::level(u)?);
        }
        if u.ratio(1, 4)? {
            eligibility = eligibility.min_tenure_months(u.int_in_range(0..=60)?);
        }
        let mut builder = Benefit::builder(benefit_id(i), format!("benefit {i}"))
            .category(*u.choose(&BenefitCategory::ALL)?)
            .eligibility(eligibility)
            .valuation(valuation)
            .proration(*u.choose(&[Proration::None, Proration::ByOfficeDays])?)
            .tax(*u.choose(&[
                TaxTreatment::TaxableStipend,
                TaxTreatment::TaxableInKind,
                TaxTreatment::TaxFreeReimbursement,
                TaxTreatment::TaxFreeInKind,
            ])?);
        for _ in 0..draw::count(u, 2)? {
            builder = builder.valuation_in(draw::country(u)?, Valuation::annual(draw::money(u)?));
        }
        let Ok(benefit) = builder.build() else {
            return Ok(None);
        };
        catalogue = catalogue.benefit(benefit);
    }
    for _ in 0..draw::count(u, 3)? {
        let a = u.int_in_range(0..=benefits)?;
        let b = u.int_in_range(0..=benefits)?;
        catalogue = catalogue.pair(benefit_id(a), benefit_id(b));
    }
    let Ok(catalogue) = catalogue.build() else {
        return Ok(None);
    };
    let mut enrolments = Enrolments::new(&catalogue);
    for _ in 0..draw::count(u, MAX_ENROLMENTS)? {
        let employee = people::someone(u, n)?;
        let benefit = benefit_id(u.int_in_range(0..=benefits)?);
        let _ = match u.int_in_range(0..=3)? {
            0 => enrolments.enrol(employee, benefit),
            1 => enrolments.enrol_with_uses(employee, benefit, draw::decimal(u)?),
            2 => enrolments.record_office_days(employee, draw::decimal(u)?),
            _ => {
                let days = OfficeDays::new(rust_decimal::Decimal::from(u.int_in_range(0..=7)?));
                if let Some(days) = days {
                    enrolments.set_office_days(employee, days);
                }
                Ok(())
            }
        };
    }
    let base = draw::currency(u)?;
    let mut rates = ExchangeRates::new(base);
    for code in draw::CURRENCIES {
        if u.ratio(1, 8)? {
            continue; // a missing rate
        }
        let Ok(from) = remit_core::Currency::new(code) else {
            return Ok(None);
        };
        let rate = if u.ratio(1, 8)? {
            draw::decimal(u)?
        } else {
            rust_decimal::Decimal::new(i64::from(u.int_in_range(1..=100_000)?), 3)
        };
        match ExchangeRate::new(from, base, rate).map(|r| rates.clone().with_rate(r)) {
            Ok(Ok(with)) => rates = with,
            _ => return Ok(None),
        }
    }
    let index = if u.ratio(1, 2)? {
        Index::Rates
    } else {
        let factors = (0..draw::count(u, 4)?)
            .map(|_| Ok((draw::country(u)?, draw::decimal(u)?)))
            .collect::<Result<Vec<_>>>()?;
        let scaled = if u.arbitrary()? {
            CountryScaled::purchasing_power(rates.clone(), factors)
        } else {
            CountryScaled::location_factors(rates.clone(), factors)
        };
        match scaled {
            Ok(s) => Index::Scaled(s),
            Err(_) => return Ok(None),
        }
    };
    let tax = if u.ratio(1, 2)? {
        Tax::EmployerCost
    } else {
        let marginal = (0..draw::count(u, 4)?)
            .map(|_| Ok((draw::country(u)?, draw::decimal(u)?)))
            .collect::<Result<Vec<_>>>()?;
        let Ok(mut rates) = MarginalRates::new(marginal) else {
            return Ok(None);
        };
        if u.arbitrary()? {
            let Ok(with) = rates.with_default(draw::decimal(u)?) else {
                return Ok(None);
            };
            rates = with;
        }
        Tax::Marginal(rates)
    };
    let mut config = Config::new(draw::date(u)?);
    if let Some(days) = OfficeDays::new(rust_decimal::Decimal::from(u.int_in_range(0..=7)?)) {
        config = config.with_hybrid_office_days(days);
    }
    let Some(policy) = super::policy(u)? else {
        return Ok(None);
    };
    let (threshold, alpha) = (draw::float(u, 0.0, 0.5)?, draw::float(u, 0.0, 0.2)?);
    let (min_total, min_group) = (u.int_in_range(0..=60)?, u.int_in_range(0..=20)?);
    let covariance = *u.choose(&[Covariance::Classical, Covariance::Hc1])?;
    let detail_tables: bool = u.arbitrary()?;
    let config = config
        .with_threshold(threshold)
        .and_then(|c| c.with_alpha(alpha))
        .and_then(|c| c.with_minimums(min_total, min_group))
        .map(|c| {
            c.with_covariance(covariance)
                .with_detail_tables(detail_tables)
        });
    let Ok(config) = config else {
        return Ok(None);
    };
    Ok(Some(Inputs {
        roster,
        catalogue,
        enrolments,
        rates,
        index,
        tax,
        config,
        policy,
    }))
}

/// Runs the audit on the inputs and exercises the report (see [`super::exercise`]).
pub fn run(inputs: &Inputs) {
    let i = inputs;
    let mut audit_inputs =
        remit_benefits::Inputs::new(&i.roster, &i.catalogue, &i.enrolments, &i.rates);
    if let Index::Scaled(s) = &i.index {
        audit_inputs = audit_inputs.with_location_index(s);
    }
    if let Tax::Marginal(t) = &i.tax {
        audit_inputs = audit_inputs.with_tax_model(t);
    }
    let mut disclosure = Disclosure::new(i.policy.clone());
    if let Ok(report) = audit(&audit_inputs, &i.config, &mut disclosure) {
        super::exercise(&report);
    }
}
