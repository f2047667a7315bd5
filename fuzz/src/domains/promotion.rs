//! Promotion equity: promotion records (built one by one into a table, or derived from a
//! roster, its promotion events and ratings over the configuration's window) and a
//! configuration, then `remit_promotion_bias::audit(&Inputs, &Config, &mut Disclosure)`.

use std::collections::BTreeMap;

use arbitrary::{Result, Unstructured};
use remit_core::Roster;
use remit_core::disclosure::DisclosurePolicy;
use remit_promotion_bias::{
    Config, Covariate, MultipleTesting, PromotionEvent, PromotionRecord, PromotionTable,
    ReferenceGroup, Stratification, audit,
};

use crate::{draw, people};

const MAX_RECORDS: usize = 120;

/// Where the records come from.
pub enum Records {
    /// Built one by one into a table.
    Direct(PromotionTable),
    /// Derived from a roster's history.
    History {
        /// The people.
        roster: Roster,
        /// Who was promoted when.
        events: Vec<PromotionEvent>,
        /// Ratings.
        ratings: BTreeMap<remit_core::EmployeeId, f64>,
    },
}

/// The inputs of one promotion analysis.
pub struct Inputs {
    /// The records, or what they are derived from.
    pub records: Records,
    /// The analysis's configuration (its window applies to history).
    pub config: Config,
    /// The disclosure policy of the run.
    pub policy: DisclosurePolicy,
}

/// Builds the inputs; `None` when a constructor refused what it was given.
pub fn build(u: &mut Unstructured<'_>) -> Result<Option<Inputs>> {
    let records = if u.ratio(2, 3)? {
        let mut records = Vec::new();
        for i in 0..draw::count(u, MAX_RECORDS)? {
            let id = people::id(if u.ratio(1, 64)? { 0 } else { i });
            let promoted: bool = u.arbitrary()?;
            let mut builder = PromotionRecord::builder(id)
                .work_mode(draw::work_mode(u)?)
                .level(draw::level(u)?)
                .department(draw::department(u)?)
                .performance(draw::float(u, 1.0, 5.0)?)
                .tenure_months(draw::float(u, 0.0, 240.0)?)
                .promoted(promoted)
                .months_to_event(draw::float(u, 0.01, 12.0)?);
            if u.ratio(1, 2)? {
                builder = builder.attribute("gender", *u.choose(&["female", "male", "x"])?);
            }
            let Ok(record) = builder.build() else {
                return Ok(None);
            };
            records.push(record);
        }
        Records::Direct(PromotionTable::from_records(&records))
    } else {
        let Some(roster) = people::roster(u)? else {
            return Ok(None);
        };
        let n = roster.len();
        let events = (0..draw::count(u, 40)?)
            .map(|_| Ok(PromotionEvent::new(people::someone(u, n)?, draw::date(u)?)))
            .collect::<Result<Vec<_>>>()?;
        let ratings = (0..draw::count(u, people::MAX_EMPLOYEES)?)
            .map(|_| Ok((people::someone(u, n)?, draw::float(u, 1.0, 5.0)?)))
            .collect::<Result<BTreeMap<_, _>>>()?;
        Records::History {
            roster,
            events,
            ratings,
        }
    };
    let Some(policy) = super::policy(u)? else {
        return Ok(None);
    };
    let reference = if u.ratio(1, 4)? {
        ReferenceGroup::HighestRate
    } else {
        ReferenceGroup::Mode(draw::work_mode(u)?)
    };
    let covariates: Vec<Covariate> = [
        Covariate::Performance,
        Covariate::Tenure,
        Covariate::Level,
        Covariate::Department,
    ]
    .into_iter()
    .filter(|_| u.arbitrary().unwrap_or(false))
    .collect();
    let (alpha, power) = (draw::float(u, 0.001, 0.2)?, draw::float(u, 0.5, 0.99)?);
    let (as_of, months) = (draw::date(u)?, u.int_in_range(0..=40)?);
    let stratification = *u.choose(&[Stratification::Level, Stratification::Department])?;
    let testing = *u.choose(&[
        MultipleTesting::Holm,
        MultipleTesting::BenjaminiHochberg,
        MultipleTesting::None,
    ])?;
    let config = Config::new(as_of)
        .with_window_months(months)
        .and_then(|c| {
            c.with_reference(reference)
                .with_stratification(stratification)
                .with_multiple_testing(testing)
                .with_covariates(covariates)
        })
        .and_then(|c| c.with_alpha(alpha))
        .and_then(|c| c.with_power(power));
    let Ok(mut config) = config else {
        return Ok(None);
    };
    if u.ratio(1, 2)? {
        let Ok(with) = config.clone().with_intersections(["gender"]) else {
            return Ok(None);
        };
        config = with;
    }
    Ok(Some(Inputs {
        records,
        config,
        policy,
    }))
}

/// Runs the audit (which derives the records from history over the configuration's
/// window) and exercises the report (see [`super::exercise`]).
pub fn run(inputs: &Inputs) {
    let mut disclosure = remit_core::disclosure::Disclosure::new(inputs.policy.clone());
    let report = match &inputs.records {
        Records::Direct(table) => audit(
            &remit_promotion_bias::Inputs::from_table(table),
            &inputs.config,
            &mut disclosure,
        ),
        Records::History {
            roster,
            events,
            ratings,
        } => audit(
            &remit_promotion_bias::Inputs::new(roster, events, ratings),
            &inputs.config,
            &mut disclosure,
        ),
    };
    if let Ok(report) = report {
        super::exercise(&report);
    }
}
