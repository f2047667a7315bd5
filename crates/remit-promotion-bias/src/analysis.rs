//! The analysis: [`analyse`] turns records and a configuration into a
//! [`PromotionReport`].

use std::collections::BTreeMap;

use remit_core::privacy::{CountTable, Disclosed, DisclosureGuard, PrivacyError};
use remit_core::{EmployeeId, WorkMode};
use remit_stats::{
    Alternative, ContingencyTable, Continuity, KaplanMeier, StatsError, StratifiedTables, Table2x2,
    chi_square_independence, fisher_exact, impact_ratio, minimum_detectable_ratio,
    two_proportion_ztest,
};

use crate::config::{AnalysisConfig, MultipleTesting, ReferenceGroup, Stratification};
use crate::models::{self, ModelOutcome};
use crate::record::PromotionRecord;
use crate::report::{
    Comparison, GroupSummary, ImpactRatio, IntersectionCell, PromotionReport, StratifiedComparison,
    ZTest,
};
use crate::report::{Outcomes, SurvivalCurve};
use crate::table::PromotionTable;

/// The four-fifths threshold of 29 CFR 1607.4(D).
pub const FOUR_FIFTHS: f64 = 0.8;

/// A group must hold at least this share of the pool to serve as the highest-rate
/// reference group.
pub const HIGHEST_RATE_MIN_SHARE: f64 = 0.02;

/// The analysis could not run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AnalysisError {
    /// No records were given.
    #[error("no promotion records to analyse")]
    Empty,
    /// Two records describe the same employee.
    #[error(
        "record {second}: field `employee` repeats employee {employee} (first seen in record {first})"
    )]
    DuplicateEmployee {
        /// The repeated employee.
        employee: EmployeeId,
        /// Position of the first record.
        first: usize,
        /// Position of the repeat.
        second: usize,
    },
    /// The configured reference group is absent or below the minimum group size.
    #[error(
        "reference group {group} has fewer than {min} records: too small to compare against (or absent)"
    )]
    ReferenceTooSmall {
        /// The reference work mode.
        group: WorkMode,
        /// The minimum group size.
        min: u32,
    },
    /// No group is large enough to serve as the highest-rate reference group.
    #[error("no work-mode group is large enough to serve as the reference group")]
    NoReference,
    /// A statistic failed in a way the analysis does not expect.
    #[error("{what}: {source}")]
    Stats {
        /// Which part of the analysis.
        what: &'static str,
        /// The underlying error.
        source: StatsError,
    },
    /// The disclosure guard failed (a count overflowed).
    #[error("intersectional cut: {0}")]
    Privacy(#[from] PrivacyError),
}

fn stats(what: &'static str) -> impl FnOnce(StatsError) -> AnalysisError {
    move |source| AnalysisError::Stats { what, source }
}

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    n: u64,
    promoted: u64,
}

impl Counts {
    fn add(&mut self, promoted: bool) {
        self.n += 1;
        self.promoted += u64::from(promoted);
    }
    fn rate(self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.promoted as f64 / self.n as f64
        }
    }
}

/// Runs the promotion-bias analysis on a slice of records; see [`analyse_table`],
/// which this calls after storing the records column by column
/// ([`PromotionTable::from_records`]).
///
/// # Errors
///
/// As [`analyse_table`].
pub fn analyse(
    records: &[PromotionRecord],
    config: &AnalysisConfig,
) -> Result<PromotionReport, AnalysisError> {
    if records.is_empty() {
        return Err(AnalysisError::Empty);
    }
    analyse_table(&PromotionTable::from_records(records), config)
}

/// Runs the promotion-bias analysis.
///
/// For each published focal work mode against the reference group: rates, the impact
/// ratio with its confidence interval and the four-fifths flag, the rate difference,
/// the pooled z test and Fisher's exact test, the configured adjustment of the Fisher
/// p-values across focal groups, the stratified Cochran–Mantel–Haenszel analysis
/// (with the Mantel–Haenszel odds ratio and Breslow–Day) and the minimum detectable
/// impact ratio; across all published groups, Pearson's chi-square; and the
/// intersectional cuts through the disclosure guard.
///
/// Work-mode groups below the minimum group size are left out of the analysis.
///
/// # Errors
///
/// [`AnalysisError::Empty`] with no records, [`AnalysisError::DuplicateEmployee`]
/// when an employee appears twice (positions are rows of the table),
/// [`AnalysisError::ReferenceTooSmall`] / [`AnalysisError::NoReference`] when there is
/// nothing to compare against.
pub fn analyse_table(
    table: &PromotionTable,
    config: &AnalysisConfig,
) -> Result<PromotionReport, AnalysisError> {
    if table.is_empty() {
        return Err(AnalysisError::Empty);
    }
    let by_employee = check_duplicates(table)?;
    let min = config.min_group_size();
    let guard = DisclosureGuard::new(min);

    // One pass: counts and rating sums per work mode.
    let mut counts = [Counts::default(); 3];
    let mut rating_sum = [0.0f64; 3];
    for ((mode, &promoted), &rating) in table
        .work_modes()
        .iter()
        .zip(table.promoted())
        .zip(table.performance())
    {
        let m = mode.index();
        counts[m].add(promoted);
        rating_sum[m] += rating;
    }
    let mut published = Vec::new();
    let mut suppressed_groups = Vec::new();
    for mode in WorkMode::ALL {
        let c = counts[mode.index()];
        if c.n == 0 {
            continue;
        }
        if guard.allows(c.n) {
            published.push(mode);
        } else {
            suppressed_groups.push(mode);
        }
    }
    let n: u64 = published.iter().map(|m| counts[m.index()].n).sum();
    let reference = choose_reference(config, &published, &counts, n)?;
    let mut analysed = [false; 3];
    for m in &published {
        analysed[m.index()] = true;
    }

    let sizes = counts.map(|c| usize::try_from(c.n).unwrap_or(0));
    let by_mode = models::ByMode::new(table, &analysed, sizes);
    let curves: Vec<(WorkMode, Option<KaplanMeier>)> = published
        .iter()
        .map(|&m| (m, models::km_fit(&by_mode, m)))
        .collect();
    let median_of = |m: WorkMode| {
        curves
            .iter()
            .find(|x| x.0 == m)
            .and_then(|x| x.1.as_ref())
            .and_then(|km| km.median)
    };
    let groups: Vec<GroupSummary> = published
        .iter()
        .map(|&mode| {
            let c = counts[mode.index()];
            GroupSummary {
                work_mode: mode,
                n: c.n,
                promoted: c.promoted,
                rate: c.rate(),
                mean_performance: rating_sum[mode.index()] / c.n as f64,
                median_months_to_promotion: median_of(mode),
            }
        })
        .collect();

    let (fit, logistic_unavailable) = if published.len() >= 2 {
        match models::fit_logistic(table, &analysed, reference, config) {
            ModelOutcome::Fitted(fit) => (Some(fit), None),
            ModelOutcome::Unavailable(why) => (None, Some(why)),
        }
    } else {
        (None, None)
    };
    let strata = stratum_counts(table, config.stratification());
    let mut comparisons = Vec::new();
    for &focal in published.iter().filter(|&&m| m != reference) {
        comparisons.push(compare(
            focal,
            reference,
            counts[focal.index()],
            counts[reference.index()],
            &strata,
            config,
        )?);
    }
    for c in &mut comparisons {
        c.logistic = fit.as_ref().and_then(|f| models::term(f, c.work_mode));
        c.median_months_to_promotion = median_of(c.work_mode);
        c.rating = models::ratings(&by_mode, c.work_mode, reference);
    }
    let logrank = if published.len() >= 2 {
        models::logrank(&by_mode, &analysed)
    } else {
        None
    };
    let raw: Vec<f64> = comparisons.iter().map(|c| c.fisher_p_value).collect();
    let adjusted = match config.multiple_testing() {
        MultipleTesting::Holm => remit_stats::holm(&raw).map_err(stats("holm adjustment"))?,
        MultipleTesting::BenjaminiHochberg => {
            remit_stats::benjamini_hochberg(&raw).map_err(stats("benjamini-hochberg adjustment"))?
        }
        MultipleTesting::None => raw.clone(),
    };
    for (c, p) in comparisons.iter_mut().zip(adjusted) {
        c.adjusted_p_value = p;
    }

    let chi_square = chi_square(&published, &counts)?;
    let intersections = intersections(table, config, &published, reference, &guard)?;
    drop(by_mode);
    let outcomes = Outcomes::new(&by_employee, &analysed);
    let survival_curves = curves
        .into_iter()
        .filter_map(|(m, km)| km.map(|km| SurvivalCurve::from_fit(m, &km, min.get())))
        .collect();

    let mut report = PromotionReport {
        config: config.clone(),
        n,
        reference,
        groups,
        suppressed_groups,
        comparisons,
        chi_square,
        logrank,
        logistic_unavailable,
        intersections,
        survival_curves,
        outcomes,
        findings: Vec::new(),
        charts: Vec::new(),
        coverage: remit_core::Coverage::Measured,
    };
    report.findings = report.build_findings();
    report.charts = [report.rate_chart(), report.time_to_promotion_chart()]
        .into_iter()
        .flatten()
        .collect();
    Ok(report)
}

/// A row for [`sort_by_employee`]: the id as a number, the row, and the row's work mode
/// index and promotion (`mode | promoted << 2`), so that what is sorted by employee
/// needs no look-up back into the table.
pub(crate) type EmployeeRow = (u128, u32, u8);

/// Every row as an [`EmployeeRow`], sorted by id, then row: a counting pass on the id's
/// top bits puts each row in its bucket (rows in order), and each bucket (a handful of
/// rows when ids are hashes or UUIDs) is sorted on its own. The result is the same as
/// one comparison sort.
fn sort_by_employee(table: &PromotionTable) -> Vec<EmployeeRow> {
    let employees = table.employees();
    let n = employees.len();
    let rows = employees
        .iter()
        .zip(table.work_modes())
        .zip(table.promoted())
        .enumerate()
        .map(|(i, ((e, m), &p))| {
            let flags = m.index() as u8 | u8::from(p) << 2;
            (
                e.as_uuid().as_u128(),
                u32::try_from(i).unwrap_or(u32::MAX),
                flags,
            )
        });
    if n < 1 << 12 {
        let mut sorted: Vec<EmployeeRow> = rows.collect();
        sorted.sort_unstable();
        return sorted;
    }
    // About 16 rows per bucket, at most 2^20 buckets.
    let bits = (usize::BITS - (n / 16).leading_zeros()).min(20);
    let shift = 128 - bits;
    let bucket = |k: u128| (k >> shift) as usize;
    let mut starts = vec![0usize; (1 << bits) + 1];
    for e in employees {
        if let Some(s) = starts.get_mut(bucket(e.as_uuid().as_u128()) + 1) {
            *s += 1;
        }
    }
    for b in 1..starts.len() {
        let before = starts.get(b - 1).copied().unwrap_or(0);
        if let Some(s) = starts.get_mut(b) {
            *s += before;
        }
    }
    let mut next = starts.clone();
    let mut sorted = vec![(0u128, 0u32, 0u8); n];
    for row in rows {
        if let Some(at) = next.get_mut(bucket(row.0))
            && let Some(slot) = sorted.get_mut(*at)
        {
            *slot = row;
            *at += 1;
        }
    }
    // Within a bucket, rows are in row order: a stable sort by id alone suffices.
    for w in starts.windows(2) {
        if let [a, b] = *w
            && let Some(part) = sorted.get_mut(a..b)
        {
            part.sort_by_key(|r| r.0);
        }
    }
    sorted
}

/// Checks that no employee appears twice; returns the rows sorted by employee.
fn check_duplicates(table: &PromotionTable) -> Result<Vec<EmployeeRow>, AnalysisError> {
    let sorted = sort_by_employee(table);
    // The repeat met first in row order, against the occurrence just before it.
    let mut repeat: Option<(u32, u32, u128)> = None;
    for pair in sorted.windows(2) {
        if let [(a, first, _), (b, second, _)] = pair
            && a == b
            && repeat.is_none_or(|(_, s, _)| *second < s)
        {
            repeat = Some((*first, *second, *a));
        }
    }
    match repeat {
        Some((first, second, employee)) => Err(AnalysisError::DuplicateEmployee {
            employee: EmployeeId::from_uuid(uuid::Uuid::from_u128(employee)),
            first: first as usize,
            second: second as usize,
        }),
        None => Ok(sorted),
    }
}

fn choose_reference(
    config: &AnalysisConfig,
    published: &[WorkMode],
    counts: &[Counts; 3],
    n: u64,
) -> Result<WorkMode, AnalysisError> {
    match config.reference() {
        ReferenceGroup::Mode(mode) => {
            if published.contains(&mode) {
                Ok(mode)
            } else {
                Err(AnalysisError::ReferenceTooSmall {
                    group: mode,
                    min: config.min_group_size().get(),
                })
            }
        }
        ReferenceGroup::HighestRate => {
            let mut best: Option<(WorkMode, f64)> = None;
            for &mode in published {
                let c = counts[mode.index()];
                if (c.n as f64) < HIGHEST_RATE_MIN_SHARE * n as f64 {
                    continue;
                }
                if best.is_none_or(|(_, rate)| c.rate() > rate) {
                    best = Some((mode, c.rate()));
                }
            }
            best.map(|(m, _)| m).ok_or(AnalysisError::NoReference)
        }
    }
}

/// Counts per stratum and work mode, strata in sort order of their key.
fn stratum_counts(table: &PromotionTable, by: Stratification) -> Vec<[Counts; 3]> {
    let rows = table.work_modes().iter().zip(table.promoted());
    match by {
        Stratification::Level => {
            let mut by_rank = vec![[Counts::default(); 3]; 256];
            let mut present = [false; 256];
            for ((mode, &promoted), level) in rows.zip(table.levels()) {
                let k = usize::from(level.rank());
                if let Some(cell) = by_rank.get_mut(k) {
                    cell[mode.index()].add(promoted);
                }
                if let Some(p) = present.get_mut(k) {
                    *p = true;
                }
            }
            by_rank
                .into_iter()
                .zip(present)
                .filter_map(|(c, p)| p.then_some(c))
                .collect()
        }
        Stratification::Department => {
            let names = table.department_names();
            let mut by_index = vec![[Counts::default(); 3]; names.len()];
            for ((mode, &promoted), &d) in rows.zip(table.departments()) {
                if let Some(cell) = by_index.get_mut(d as usize) {
                    cell[mode.index()].add(promoted);
                }
            }
            let mut order: Vec<usize> = (0..names.len()).collect();
            order.sort_by(|&a, &b| names.get(a).cmp(&names.get(b)));
            order
                .into_iter()
                .filter_map(|i| by_index.get(i).copied())
                .collect()
        }
    }
}

fn compare(
    focal: WorkMode,
    reference: WorkMode,
    f: Counts,
    r: Counts,
    strata: &[[Counts; 3]],
    config: &AnalysisConfig,
) -> Result<Comparison, AnalysisError> {
    let confidence = 1.0 - config.alpha();
    let impact = if r.promoted == 0 {
        None
    } else {
        let ratio = f.rate() / r.rate();
        let ci = if f.promoted > 0 {
            let est = impact_ratio(f.promoted, f.n, r.promoted, r.n, confidence)
                .map_err(stats("impact ratio"))?;
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
        Err(e) => return Err(stats("two-proportion z test")(e)),
    };
    let table = Table2x2::from_groups(f.promoted, f.n, r.promoted, r.n)
        .map_err(stats("fisher exact test"))?;
    let fisher = fisher_exact(&table, Alternative::TwoSided).map_err(stats("fisher exact test"))?;

    let tables: Vec<Table2x2> = strata
        .iter()
        .map(|s| {
            let (a, b) = (s[focal.index()], s[reference.index()]);
            Table2x2::new(a.promoted, a.n - a.promoted, b.promoted, b.n - b.promoted)
        })
        .collect();
    let stratified = match StratifiedTables::new(&tables) {
        Ok(s) => Some(StratifiedComparison {
            stratification: config.stratification(),
            strata_used: s.used().len(),
            strata_skipped: s.skipped().len(),
            cmh: s.cochran_mantel_haenszel(false),
            common_odds_ratio: s.mantel_haenszel_odds_ratio(confidence).ok(),
            breslow_day: s.breslow_day(false),
        }),
        Err(StatsError::TooFew { .. }) => None,
        Err(e) => return Err(stats("stratified analysis")(e)),
    };
    let rr = r.rate();
    let min_detectable_ratio = if rr > 0.0 && rr < 1.0 {
        minimum_detectable_ratio(f.n, r.n, rr, config.power(), config.alpha())
            .map_err(stats("minimum detectable ratio"))?
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

fn chi_square(
    published: &[WorkMode],
    counts: &[Counts; 3],
) -> Result<Option<remit_stats::ChiSquareTest>, AnalysisError> {
    if published.len() < 2 {
        return Ok(None);
    }
    let rows: Vec<[u64; 2]> = published
        .iter()
        .map(|m| {
            let c = counts[m.index()];
            [c.promoted, c.n - c.promoted]
        })
        .collect();
    let table = ContingencyTable::from_rows(&rows).map_err(stats("chi-square test"))?;
    match chi_square_independence(&table, Continuity::None) {
        Ok(t) => Ok(Some(t)),
        Err(StatsError::Degenerate { .. }) => Ok(None),
        Err(e) => Err(stats("chi-square test")(e)),
    }
}

fn intersections(
    table: &PromotionTable,
    config: &AnalysisConfig,
    published: &[WorkMode],
    reference: WorkMode,
    guard: &DisclosureGuard,
) -> Result<Vec<IntersectionCell>, AnalysisError> {
    let mut out = Vec::new();
    for key in config.intersections() {
        let Some(column) = table.attribute_column(key) else {
            continue;
        };
        // Counts per value code (dense: codes number the table's distinct texts).
        let mut wanted = [false; 3];
        for m in published {
            wanted[m.index()] = true;
        }
        let mut by_code: Vec<[Counts; 3]> = Vec::new();
        for ((mode, &promoted), &code) in
            table.work_modes().iter().zip(table.promoted()).zip(column)
        {
            if code == 0 || !wanted[mode.index()] {
                continue;
            }
            let c = code as usize;
            if by_code.len() <= c {
                by_code.resize(c + 1, [Counts::default(); 3]);
            }
            if let Some(cell) = by_code.get_mut(c) {
                cell[mode.index()].add(promoted);
            }
        }
        let mut cells: BTreeMap<(WorkMode, &str), Counts> = BTreeMap::new();
        for (code, per_mode) in by_code.iter().enumerate() {
            let Some(value) = u32::try_from(code).ok().and_then(|c| table.text(c)) else {
                continue;
            };
            for mode in WorkMode::ALL {
                let c = per_mode[mode.index()];
                if c.n > 0 {
                    let cell = cells.entry((mode, value)).or_default();
                    cell.n += c.n;
                    cell.promoted += c.promoted;
                }
            }
        }
        if cells.is_empty() {
            continue;
        }
        let mut table: CountTable<WorkMode, String> =
            CountTable::new(published.iter().copied(), []);
        for (&(mode, value), c) in &cells {
            table.add(mode, value.to_owned(), c.n)?;
        }
        let protected = guard.protect_table(&table)?;
        let rate_of = |mode: WorkMode, value: &str| -> Option<f64> {
            let n = protected.cell(&mode, &value.to_owned())?.published()?;
            if n == 0 {
                return None;
            }
            cells.get(&(mode, value)).map(|c| c.rate())
        };
        for value in table.cols() {
            for &mode in published {
                let n = protected
                    .cell(&mode, value)
                    .unwrap_or(Disclosed::Published(0));
                let rate = rate_of(mode, value);
                let impact_ratio = match (rate, rate_of(reference, value)) {
                    (Some(f), Some(r)) if r > 0.0 => Some(f / r),
                    _ => None,
                };
                out.push(IntersectionCell {
                    work_mode: mode,
                    attribute: key.clone(),
                    value: value.clone(),
                    n,
                    rate,
                    impact_ratio,
                });
            }
        }
    }
    Ok(out)
}
