//! The count-based statistics of one comparison (impact ratio, z, Fisher, the
//! stratified analysis, the minimum detectable ratio), the chi-square across work modes
//! and the multiple-testing adjustment. Every test comes from remit-stats; this module
//! only chooses the tables.

use remit_core::WorkMode;
use remit_stats::{
    Alternative, ContingencyTable, Continuity, StatsError, StratifiedTables, Table2x2,
    chi_square_independence, fisher_exact, impact_ratio, minimum_detectable_ratio,
    two_proportion_ztest,
};

use crate::cells::Counts;
use crate::config::{Config, FOUR_FIFTHS, MultipleTesting};
use crate::error::Error;
use crate::results::{Comparison, ImpactRatio, StratifiedComparison, ZTest};

/// One stratum's cells of a comparison: the focal and the reference counts, or `None`
/// for a cell the disclosure engine withheld.
pub(crate) type StratumPair = (Option<Counts>, Option<Counts>);

/// Compares `focal` with `reference`: rates, impact ratio, z, Fisher, the stratified
/// analysis over the strata whose two cells were both released, and the minimum
/// detectable ratio. The record-level parts (regression, survival, ratings) and the
/// adjusted p-value are filled in later.
///
/// # Errors
/// [`Error::Stats`] when a statistic fails in a way the analysis does not expect.
pub(crate) fn compare(
    (focal, f): (WorkMode, Counts),
    (reference, r): (WorkMode, Counts),
    strata: &[StratumPair],
    config: &Config,
) -> Result<Comparison, Error> {
    let confidence = 1.0 - config.alpha();
    let impact = if r.promoted == 0 {
        None
    } else {
        let ratio = f.rate() / r.rate();
        let ci = if f.promoted > 0 {
            let est = impact_ratio(f.promoted, f.n, r.promoted, r.n, confidence)
                .map_err(Error::stats("impact ratio"))?;
            Some((est.lower, est.upper))
        } else {
            None
        };
        Some(ImpactRatio {
            ratio,
            lower: ci.map(|c| c.0),
            upper: ci.map(|c| c.1),
            four_fifths_met: ratio >= FOUR_FIFTHS,
        })
    };
    let z_test = match two_proportion_ztest(f.promoted, f.n, r.promoted, r.n, Alternative::TwoSided)
    {
        Ok(z) => Some(ZTest {
            statistic: z.statistic,
            p_value: z.p_value,
        }),
        Err(StatsError::Degenerate { .. }) => None,
        Err(e) => return Err(Error::stats("two-proportion z test")(e)),
    };
    let table = Table2x2::from_groups(f.promoted, f.n, r.promoted, r.n)
        .map_err(Error::stats("fisher exact test"))?;
    let fisher =
        fisher_exact(&table, Alternative::TwoSided).map_err(Error::stats("fisher exact test"))?;

    let mut withheld = 0usize;
    let mut tables: Vec<Table2x2> = Vec::with_capacity(strata.len());
    for pair in strata {
        match *pair {
            (Some(a), Some(b)) => tables.push(Table2x2::new(
                a.promoted,
                a.not_promoted(),
                b.promoted,
                b.not_promoted(),
            )),
            _ => withheld += 1,
        }
    }
    let stratified = match StratifiedTables::new(&tables) {
        Ok(s) => Some(StratifiedComparison {
            stratification: config.stratification(),
            strata_used: s.used().len(),
            strata_skipped: s.skipped().len(),
            strata_withheld: withheld,
            cmh: s.cochran_mantel_haenszel(false),
            common_odds_ratio: s.mantel_haenszel_odds_ratio(confidence).ok(),
            breslow_day: s.breslow_day(false),
        }),
        Err(StatsError::TooFew { .. }) => None,
        Err(e) => return Err(Error::stats("stratified analysis")(e)),
    };
    let rr = r.rate();
    let min_detectable_ratio = if rr > 0.0 && rr < 1.0 {
        minimum_detectable_ratio(f.n, r.n, rr, config.power(), config.alpha())
            .map_err(Error::stats("minimum detectable ratio"))?
    } else {
        None
    };
    Ok(Comparison {
        work_mode: focal,
        reference,
        focal_n: f.n,
        focal_promoted: f.promoted,
        reference_n: r.n,
        reference_promoted: r.promoted,
        impact_ratio: impact,
        rate_difference: f.rate() - r.rate(),
        z_test,
        fisher_p_value: fisher.p_value,
        adjusted_p_value: fisher.p_value,
        stratified,
        min_detectable_ratio,
        logistic: None,
        median_months_to_promotion: None,
        rating: None,
    })
}

/// Sets each comparison's adjusted p-value: its Fisher p-value adjusted across the
/// comparisons by the configured method.
///
/// # Errors
/// [`Error::Stats`] if the adjustment refuses the p-values (it never should).
pub(crate) fn adjust(comparisons: &mut [Comparison], method: MultipleTesting) -> Result<(), Error> {
    let raw: Vec<f64> = comparisons.iter().map(|c| c.fisher_p_value).collect();
    let adjusted = match method {
        MultipleTesting::Holm => {
            remit_stats::holm(&raw).map_err(Error::stats("holm adjustment"))?
        }
        MultipleTesting::BenjaminiHochberg => remit_stats::benjamini_hochberg(&raw)
            .map_err(Error::stats("benjamini-hochberg adjustment"))?,
        MultipleTesting::None => raw,
    };
    for (c, p) in comparisons.iter_mut().zip(adjusted) {
        c.adjusted_p_value = p;
    }
    Ok(())
}

/// Pearson's chi-square (no Yates correction) on work mode × promoted over the given
/// groups; `None` with fewer than two groups or when nobody (or everybody) was promoted.
///
/// # Errors
/// [`Error::Stats`] when the test fails otherwise.
pub(crate) fn chi_square(groups: &[Counts]) -> Result<Option<remit_stats::ChiSquareTest>, Error> {
    if groups.len() < 2 {
        return Ok(None);
    }
    let rows: Vec<[u64; 2]> = groups
        .iter()
        .map(|c| [c.promoted, c.not_promoted()])
        .collect();
    let table = ContingencyTable::from_rows(&rows).map_err(Error::stats("chi-square test"))?;
    match chi_square_independence(&table, Continuity::None) {
        Ok(t) => Ok(Some(t)),
        Err(StatsError::Degenerate { .. }) => Ok(None),
        Err(e) => Err(Error::stats("chi-square test")(e)),
    }
}
