//! [`RemediationBudget`]: a remediation plan as a report publishes it — its budgets and
//! head-count released through the disclosure engine, never the stipends themselves.

use remit_core::disclosure::{Decision, Disclosed, Disclosure, Population};
use remit_core::{Currency, Money, WorkMode};

use crate::cells::{by_key, release, release_cut};
use crate::equity::{GapEstimate, published_gap, release_sample};
use crate::error::Error;
use crate::remediation::{RemediationPlan, Strategy};
use crate::unmatched::CurrencyTotal;
use crate::valuation::Valuations;

/// What closing one flagged shortfall costs under one strategy, as published: who
/// receives a stipend and the budgets are released as groups through the disclosure
/// engine (population [`VALUED`](crate::VALUED)), so a budget never reveals the
/// head-count or the values of a group it refused. The per-person stipends are not part
/// of a report; [`plan_remediation`](crate::plan_remediation) computes them for
/// payroll.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RemediationBudget {
    work_mode: WorkMode,
    strategy: Strategy,
    gap_before: f64,
    target_gap: f64,
    achieved: GapEstimate,
    recipients: Disclosed<u64>,
    totals: Vec<CurrencyTotal>,
    base_total: Disclosed<Money>,
}

impl RemediationBudget {
    /// The work mode whose gap is closed.
    pub fn work_mode(&self) -> WorkMode {
        self.work_mode
    }
    /// How the budget closes the gap ([`Strategy`]): flat per group, minimum to the
    /// threshold, or full parity.
    pub fn strategy(&self) -> Strategy {
        self.strategy
    }
    /// The published adjusted gap it closes (a share, negative for a shortfall).
    pub fn gap_before(&self) -> f64 {
        self.gap_before
    }
    /// The adjusted gap the strategy aims for (a share): 0 for full parity and the flat
    /// strategy, 0.1 percentage point inside the threshold for the minimum.
    pub fn target_gap(&self) -> f64 {
        self.target_gap
    }
    /// The gap the regression finds once the stipends are paid, published when its
    /// sample was granted ([`GapEstimate::Withheld`] otherwise).
    pub fn achieved_gap(&self) -> &GapEstimate {
        &self.achieved
    }
    /// How many employees receive a stipend.
    pub fn recipients(&self) -> Disclosed<u64> {
        self.recipients
    }
    /// The budget in each local currency (sorted by currency code), each released on
    /// its own; empty unless
    /// [`Config::with_detail_tables`](crate::Config::with_detail_tables) asked for it.
    pub fn totals(&self) -> &[CurrencyTotal] {
        &self.totals
    }
    /// The budget in the base currency at market exchange rates, per year.
    pub fn base_total(&self) -> Disclosed<Money> {
        self.base_total
    }
}

/// Publishes a plan: releases its recipients, their part in each currency (with
/// `detail`) and, when the refit ran on another sample than the analysis's, that sample.
///
/// `analysis_sample` is the engine's decision about the analysis's own regression
/// sample, which a refit on the same sample shares.
pub(crate) fn publish(
    plan: &RemediationPlan,
    valuations: &Valuations,
    analysis_sample: &crate::equity::SampleRelease,
    detail: bool,
    disclosure: &mut Disclosure,
    population: &Population,
) -> Result<RemediationBudget, Error> {
    let recipients = release(disclosure, population, &plan.rows)?;
    let currencies: Vec<Currency> = plan
        .stipends()
        .iter()
        .map(|s| s.amount().currency())
        .collect();
    let totals = match recipients {
        _ if !detail => Vec::new(),
        Decision::Refused(reason) => plan
            .totals()
            .iter()
            .map(|t| CurrencyTotal::new(t.currency(), Disclosed::Suppressed(reason)))
            .collect(),
        Decision::Granted => {
            let cells = by_key(
                plan.rows
                    .iter()
                    .zip(&currencies)
                    .map(|(&row, &currency)| (row, currency)),
            );
            let decisions = release_cut(disclosure, population, &cells)?;
            let decided: Vec<(Currency, Decision)> =
                cells.iter().map(|(c, _)| *c).zip(decisions).collect();
            plan.totals()
                .iter()
                .map(|total| {
                    let decision = decided
                        .iter()
                        .find(|(c, _)| *c == total.currency())
                        .map_or(recipients, |(_, d)| *d);
                    CurrencyTotal::new(total.currency(), decision.disclose(*total))
                })
                .collect()
        }
    };
    let achieved = match &plan.refit_sample {
        None => published_gap(*plan.achieved_gap(), plan.work_mode(), analysis_sample),
        Some(rows) => {
            let sample = release_sample(valuations.values(), rows, disclosure, population)?;
            published_gap(*plan.achieved_gap(), plan.work_mode(), &sample)
        }
    };
    Ok(RemediationBudget {
        work_mode: plan.work_mode(),
        strategy: plan.strategy(),
        gap_before: plan.gap_before(),
        target_gap: plan.target_gap(),
        achieved,
        recipients: recipients.disclose(plan.rows.len() as u64),
        totals,
        base_total: recipients.disclose(plan.base_total()),
    })
}
