//! Promotion equity: promotion records (built one by one, or derived from a roster, its
//! promotion events and ratings over a window) and an analysis configuration, then
//! `analyse`.
//!
//! Entry point today: `remit_promotion_bias::analyse(&records, &config)` (and
//! `records_from_history` to derive the records); after issue 16:
//! `remit_promotion_bias::audit(&Inputs, &Config, &mut Disclosure)`.

use std::collections::BTreeMap;

use arbitrary::{Result, Unstructured};
use remit_core::privacy::MinGroupSize;
use remit_core::{Period, Roster};
use remit_promotion_bias::{
    AnalysisConfig, Covariate, MultipleTesting, PromotionEvent, PromotionRecord, ReferenceGroup,
    Stratification, analyse, records_from_history,
};

use crate::{draw, people};

const MAX_RECORDS: usize = 120;

/// Where the records come from.
pub enum Records {
    /// Built one by one.
    Direct(Vec<PromotionRecord>),
    /// Derived from a roster's history.
    History {
        /// The people.
        roster: Roster,
        /// Who was promoted when.
        events: Vec<PromotionEvent>,
        /// Ratings.
        ratings: BTreeMap<remit_core::EmployeeId, f64>,
        /// The observation window.
        window: Period,
    },
}

/// The inputs of one promotion analysis.
pub struct Inputs {
    /// The records, or what they are derived from.
    pub records: Records,
    /// The analysis's configuration.
    pub config: AnalysisConfig,
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
        Records::Direct(records)
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
        let start = draw::date(u)?;
        let Ok(window) = Period::months_from(start, u.int_in_range(0..=36)?) else {
            return Ok(None);
        };
        Records::History {
            roster,
            events,
            ratings,
            window,
        }
    };
    let Ok(min) = MinGroupSize::new(u.int_in_range(1..=12)?) else {
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
    let config = AnalysisConfig::default()
        .with_reference(reference)
        .with_stratification(*u.choose(&[Stratification::Level, Stratification::Department])?)
        .with_min_group_size(min)
        .with_multiple_testing(*u.choose(&[
            MultipleTesting::Holm,
            MultipleTesting::BenjaminiHochberg,
            MultipleTesting::None,
        ])?)
        .with_covariates(covariates)
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
    Ok(Some(Inputs { records, config }))
}

/// Derives the records if needed, runs the analysis and exercises the report (see
/// [`super::exercise`]).
pub fn run(inputs: &Inputs) {
    let derived;
    let records = match &inputs.records {
        Records::Direct(records) => records.as_slice(),
        Records::History {
            roster,
            events,
            ratings,
            window,
        } => match records_from_history(roster, events, ratings, *window) {
            Ok(records) => {
                derived = records;
                derived.as_slice()
            }
            Err(_) => return,
        },
    };
    if let Ok(report) = analyse(records, &inputs.config) {
        super::exercise(&report);
    }
}
