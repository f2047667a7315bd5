//! [`audit`]: the one entry point, and the order in which it releases groups through
//! the disclosure engine.

use remit_core::disclosure::{Decision, Disclosure, DisclosureError, Population};
use remit_core::{CountryCode, Coverage, Domain, Workforce};
use rust_decimal::Decimal;

use crate::budget;
use crate::catalogue::Catalogue;
use crate::cells::release;
use crate::charts;
use crate::compare::CEILING_MULTIPLE;
use crate::config::Config;
use crate::equity::{self, Baseline, GapEstimate, regression_values};
use crate::error::Error;
use crate::findings::{self, Context};
use crate::ineligible::ineligible_enrolments;
use crate::inputs::Inputs;
use crate::location::LocationIndex;
use crate::remediation::{Planner, Shortfall, Strategy};
use crate::report::BenefitsReport;
use crate::unmatched::unmatched_perks;
use crate::valuation::{Valuations, value};

/// The name of the crate's one population in the disclosure engine
/// (`benefits/valued`): every employee valued on the configured date, one row each, in
/// the workforce's order. Its private values are each person's benefit value and
/// everything derived from it (stipends, forgone perks, whether they receive a benefit
/// at all).
pub const VALUED: &str = "valued";

/// Audits benefit equity between work modes: do hybrid and remote employees receive
/// benefits worth as much as comparable onsite employees, which onsite perks have no
/// remote answer, and what would closing a gap cost?
///
/// Values every employee employed on [`Config::as_of`] (see
/// [`value_employees`](crate::value_employees)), registers them in `disclosure` as the
/// population [`VALUED`], and releases every figure through it, in this order (the
/// headline cuts first, so that what is withheld falls on the finest cells):
///
/// 1. everyone valued;
/// 2. the work modes (largest first);
/// 3. the regression's sample, its work modes, and the employees it leaves out for
///    being in cells not connected to onsite staff;
/// 4. with [`Config::with_detail_tables`], work mode × country, then work mode × level;
/// 5. for each unmatched onsite perk, the remote employees who would receive it, then
///    (with the detail tables) their part in each local currency;
/// 6. for each benefit, the employees enrolled outside its eligibility rule;
/// 7. for each flagged shortfall and strategy, the employees who would receive a
///    stipend, (with the detail tables) their part in each local currency, and the
///    refit's sample when it differs from the analysis's.
///
/// A figure of a refused group is [`Disclosed::Suppressed`](remit_core::disclosure::Disclosed)
/// with the engine's public reason, and findings are written only from published
/// figures; a group with nobody in it is absent. Findings and the chart are built once,
/// here.
///
/// The report's [`coverage`](remit_core::Audit::coverage) is *not measured*, with the
/// reason, when the catalogue offers no benefits, nobody is employed on the date,
/// nobody receives any benefit, everyone works in one work mode, or the engine withheld
/// the figures about everyone.
///
/// # Errors
///
/// - [`Error::BaseCurrencyMismatch`] when the exchange rates and the location index
///   convert into different base currencies;
/// - [`Error::DuplicateEmployee`] when the workforce lists one employee twice (nothing
///   is released then);
/// - the valuation's errors ([`value_employees`](crate::value_employees)), naming the
///   employee, benefit, country or currency;
/// - [`Error::Disclosure`] when the engine refuses a call (never for a refusal to
///   publish, which is a suppressed figure);
/// - [`Error::Money`] on overflow, [`Error::Finding`] for a finding that cannot be built.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use remit_benefits::{audit, codes, Benefit, BenefitCategory, Catalogue, Config, Eligibility, Enrolments, ExchangeRates, Inputs, Valuation};
/// use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy};
/// use remit_core::{Audit, BenefitId, CountryCode, Currency, Department, Employee, EmployeeId, JobLevel, Money, Roster, WorkMode};
/// use rust_decimal::Decimal;
///
/// let eur = Currency::new("EUR")?;
/// let gym = Benefit::builder(BenefitId::from_external("gym"), "Office gym")
///     .category(BenefitCategory::Fitness)
///     .eligibility(Eligibility::office_based())
///     .valuation(Valuation::annual(Money::new(Decimal::from(600), eur)))
///     .build()?;
/// let health = Benefit::builder(BenefitId::from_external("health"), "Health cover")
///     .category(BenefitCategory::Health)
///     .valuation(Valuation::per_use(Money::new(Decimal::from(3000), eur), Decimal::ONE))
///     .build()?;
/// let catalogue = Catalogue::builder().benefit(gym.clone()).benefit(health.clone()).build()?;
/// let mut people = Vec::new();
/// let mut enrolments = Enrolments::new(&catalogue);
/// for i in 0..40 {
///     let mode = if i % 2 == 0 { WorkMode::Onsite } else { WorkMode::Remote };
///     let e = Employee::builder(EmployeeId::from_external(&format!("E{i}")))
///         .work_mode(mode).country(CountryCode::new("DE")?)
///         .time_zone(remit_core::chrono_tz::Europe::Berlin).level(JobLevel::new(1 + (i % 3) as u8))
///         .department(Department::new("Ops")?)
///         .hired_on(NaiveDate::from_ymd_opt(2020 + (i % 5), 1, 1).unwrap()).build()?;
///     // Cover varies a little from person to person (family members, options).
///     enrolments.enrol_with_uses(e.id(), health.id(), Decimal::new(100 + i64::from(i % 7), 2))?;
///     if mode == WorkMode::Onsite {
///         enrolments.enrol(e.id(), gym.id())?;
///     }
///     people.push(e);
/// }
/// let roster = Roster::new(people)?;
/// let rates = ExchangeRates::new(eur);
///
/// let mut engine = Disclosure::new(DisclosurePolicy::default());
/// let config = Config::new(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
/// let report = audit(&Inputs::new(&roster, &catalogue, &enrolments, &rates), &config, &mut engine)?;
///
/// let codes: Vec<_> = report.findings().iter().map(|f| f.code().clone()).collect();
/// assert!(codes.contains(&codes::ADJUSTED_GAP)); // about 3 090 vs 3 690 EUR: a 16% shortfall
/// assert!(codes.contains(&codes::UNMATCHED_PERK)); // the gym has no remote answer
/// let gap = report.findings().iter().find(|f| f.code() == &codes::ADJUSTED_GAP).unwrap();
/// assert!(gap.detail().contains("by analogy")); // a gender pay rule, used by analogy
/// assert_eq!(report.unmatched()[0].remote_affected(), Disclosed::Published(20));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn audit<W: Workforce + ?Sized>(
    inputs: &Inputs<'_, W>,
    config: &Config,
    disclosure: &mut Disclosure,
) -> Result<BenefitsReport, Error> {
    let (catalogue, index, tax, rates) = (
        inputs.catalogue(),
        inputs.location_index(),
        inputs.tax_model(),
        inputs.rates(),
    );
    if rates.base() != index.base_currency() {
        return Err(Error::BaseCurrencyMismatch {
            rates: rates.base(),
            index: index.base_currency(),
        });
    }
    let valuations = value(
        inputs.workforce(),
        catalogue,
        inputs.enrolments(),
        index,
        tax,
        config,
    )?;
    let values = valuations.values();
    let population = register(disclosure, &valuations)?;
    let min_group = disclosure.policy().min_group().get();

    // 1. Everyone.
    let everyone: Vec<u32> = (0..u32::try_from(values.len()).unwrap_or(u32::MAX)).collect();
    let everyone = release(disclosure, &population, &everyone)?;

    // 2–4. Work modes, the regression's sample, the finer cuts.
    let base = valuations.base_currency();
    let places = base.minor_units().ok_or_else(|| {
        Error::money(
            "base currency",
            remit_core::MoneyError::NoMinorUnit { currency: base },
        )
    })?;
    let baseline = Baseline::new(values, regression_values(values, places)?);
    let (equity, sample) =
        equity::analyse(&valuations, &baseline, config, disclosure, &population)?;

    // 5. Unmatched perks. 6. Enrolments outside eligibility rules.
    let detail = config.detail_tables();
    let unmatched = unmatched_perks(
        catalogue,
        &valuations,
        index,
        tax,
        detail,
        disclosure,
        &population,
    )?;
    let ineligible = ineligible_enrolments(catalogue, &valuations, disclosure, &population)?;

    // 7. The budgets of closing each flagged shortfall.
    let mut budgets = Vec::new();
    {
        let planner = Planner::new(&valuations, &baseline);
        for gap in equity.gaps() {
            let GapEstimate::Estimated(g) = gap.adjusted() else {
                continue;
            };
            if !(equity::flagged(g, config) && g.gap() < 0.0) {
                continue;
            }
            let shortfall = Shortfall::new(gap.work_mode(), g.coefficient())?;
            for strategy in Strategy::ALL {
                let plan = planner.plan(shortfall, config, strategy, index, tax, rates)?;
                budgets.push(budget::publish(
                    &plan,
                    &valuations,
                    &sample,
                    detail,
                    disclosure,
                    &population,
                )?);
            }
        }
    }

    let coverage = coverage(catalogue, &valuations, everyone, config, min_group);
    let findings = findings::findings(&Context {
        config,
        equity: &equity,
        budgets: &budgets,
        unmatched: &unmatched,
        ineligible: &ineligible,
        index: valuations.index_description(),
        tax: valuations.tax_description(),
        min_group,
    })?;
    let charts = charts::value_by_work_mode(&equity, valuations.index_description())
        .into_iter()
        .collect();
    let ceiling = value_ceiling(catalogue, &valuations, index);
    Ok(BenefitsReport {
        as_of: config.as_of(),
        base,
        index: valuations.index_description().to_owned(),
        tax: valuations.tax_description().to_owned(),
        coverage,
        equity,
        unmatched,
        remediation: budgets,
        ineligible,
        findings,
        charts,
        population,
        values: baseline.before,
        ceiling,
    })
}

/// Registers the valued employees, in row order, naming a repeated one.
fn register(disclosure: &mut Disclosure, valuations: &Valuations) -> Result<Population, Error> {
    disclosure
        .register(
            Domain::Benefits,
            VALUED,
            valuations.values().iter().map(|v| v.employee()),
        )
        .map_err(|e| match e {
            DisclosureError::DuplicateMember { member, .. } => {
                Error::DuplicateEmployee { employee: member }
            }
            other => other.into(),
        })
}

/// Whether the audit had enough to judge; see [`audit`].
fn coverage(
    catalogue: &Catalogue,
    valuations: &Valuations,
    everyone: Decision,
    config: &Config,
    min_group: u32,
) -> Coverage {
    let values = valuations.values();
    let mut staffed = [false; 3];
    for v in values {
        if let Some(slot) = staffed.get_mut(v.work_mode().index()) {
            *slot = true;
        }
    }
    if catalogue.is_empty() {
        Coverage::not_measured("the catalogue offers no benefits")
    } else if values.is_empty() {
        Coverage::not_measured(format!("nobody is employed on {}", config.as_of()))
    } else if let Decision::Refused(reason) = everyone {
        // Before any statement about their values: "nobody receives any benefit" about a
        // withheld group would give each member's value.
        Coverage::not_measured(format!(
            "the figures about the valued employees are withheld ({reason}; the minimum group is {min_group} people)"
        ))
    } else if values
        .iter()
        .all(|v| v.normalised().amount() <= Decimal::ZERO)
    {
        Coverage::not_measured("no employee receives any benefit")
    } else if staffed.iter().filter(|s| **s).count() < 2 {
        Coverage::not_measured(
            "everyone works in one work mode: there is no gap between work modes to measure",
        )
    } else {
        Coverage::Measured
    }
}

/// The clip ceiling of a group comparison, in base-currency units: ten times the whole
/// catalogue's annual value at expected use (full office week, before tax) in the most
/// expensive country anyone valued works in. Public information only (catalogue, index,
/// countries), so noise calibrated on it reads nobody's value.
fn value_ceiling(catalogue: &Catalogue, valuations: &Valuations, index: &dyn LocationIndex) -> f64 {
    let countries: std::collections::HashSet<CountryCode, foldhash::fast::FixedState> =
        valuations.values().iter().map(|v| v.country()).collect();
    let mut most = Decimal::ZERO;
    for country in countries {
        let mut sum = Decimal::ZERO;
        for benefit in catalogue.benefits() {
            let Some(valuation) = benefit.valuation_for(country) else {
                continue;
            };
            let (Ok(annual), Ok(factor)) = (
                valuation.annual_cost(),
                index.factor(country, valuation.currency()),
            ) else {
                continue;
            };
            if let Some(normalised) = annual.amount().checked_mul(factor)
                && normalised > Decimal::ZERO
            {
                sum = sum.saturating_add(normalised);
            }
        }
        most = most.max(sum);
    }
    let ceiling = f64::try_from(most).unwrap_or(f64::MAX) * CEILING_MULTIPLE;
    if ceiling.is_finite() && ceiling > 0.0 {
        ceiling
    } else {
        1.0
    }
}
