//! [`audit`]: the one entry point, and the order in which it releases groups through
//! the disclosure engine.

use remit_core::disclosure::{
    Audience, Decision, Disclosed, Disclosure, DisclosureError, Population, Suppression,
};
use remit_core::{Coverage, Domain, Period, WorkMode, Workforce};

use crate::cells::{Cells, Counts};
use crate::config::{Config, HIGHEST_RATE_MIN_SHARE, ReferenceGroup, Stratification};
use crate::contingency::{self, StratumPair};
use crate::error::Error;
use crate::inputs::Inputs;
use crate::models::{self, ModelOutcome};
use crate::report::{Outcomes, PromotionReport};
use crate::results::{GroupSummary, IntersectionCell, SurvivalCurve, WithheldGroup};
use crate::table::PromotionTable;
use crate::wording::list;
use crate::{charts, findings};

/// The name of the crate's one population in the disclosure engine
/// (`promotion-bias/pool`): everyone in the eligible pool, one row each. Its private
/// values are each person's promotion outcome, months to promotion and performance
/// rating.
pub const POOL: &str = "pool";

/// Audits promotions for proximity bias: are remote and hybrid employees promoted less
/// than onsite employees with the same record?
///
/// Every figure of the report is released through `disclosure`, in this order (the
/// headline cuts first, so that what is withheld falls on the finest cells):
///
/// 1. the work-mode groups (largest first); a refused group is left out of the
///    analysis and named in [`PromotionReport::withheld_groups`];
/// 2. work mode × stratum (level, or department), the cells of the stratified
///    analysis; a stratum enters a comparison only when both of its cells were released;
/// 3. work mode × attribute value for each configured intersection;
/// 4. the logistic regression's sample (the released groups together).
///
/// Then, for each released focal work mode against the reference: rates, the impact
/// ratio with its confidence interval and the four-fifths flag, the rate difference, the
/// pooled z test and Fisher's exact test with the configured adjustment across focal
/// groups, the stratified Cochran–Mantel–Haenszel analysis (Mantel–Haenszel odds ratio,
/// Breslow–Day), the minimum detectable impact ratio, the regression-adjusted odds
/// ratio, Kaplan–Meier medians and the log-rank test, and Mann–Whitney on ratings.
/// Kaplan–Meier curves stop after the last step with at least the engine's minimum
/// group size at risk. Findings and charts are built once, here.
///
/// The report's [`coverage`](remit_core::Audit::coverage) is *not measured*, with the
/// reason, when the pool is empty, when fewer than two work-mode groups (or no
/// reference group) were released, or when no comparison could judge (none found a
/// significant difference and none had the power to see an impact ratio of 0.8).
///
/// # Errors
///
/// [`Error::DuplicateEmployee`] when a table lists one person twice (nothing is
/// released then); for inputs through a workforce, the errors of
/// [`records_from_history`](crate::records_from_history) and
/// [`Error::WindowOutOfCalendar`]; [`Error::Disclosure`] when the engine refuses a call
/// (never for a refusal to publish, which is a suppressed figure);
/// [`Error::Stats`] and [`Error::Finding`] for failures the analysis does not expect.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use remit_core::disclosure::{Disclosure, DisclosurePolicy};
/// use remit_core::{Audit, EmployeeId, JobLevel, WorkMode};
/// use remit_promotion_bias::{audit, codes, Config, Inputs, PromotionRow, PromotionTable};
///
/// // 400 onsite employees, 30% promoted; 200 remote employees, 15% promoted.
/// let mut table = PromotionTable::new();
/// for i in 0..600u32 {
///     let (mode, promoted) = if i < 400 {
///         (WorkMode::Onsite, i % 10 < 3)
///     } else {
///         (WorkMode::Remote, i % 20 < 3)
///     };
///     let employee = EmployeeId::from_external(&format!("E-{i}"));
///     let level = JobLevel::new(1 + (i % 3) as u8);
///     let row = PromotionRow::new(employee, mode, level, "Engineering")
///         .with_performance(f64::from(1 + i % 5))?
///         .with_tenure_months(f64::from(i % 48))?
///         .with_outcome(promoted, if promoted { 6.0 } else { 12.0 })?;
///     table.push_row(row)?;
/// }
/// let mut engine = Disclosure::new(DisclosurePolicy::default());
/// let as_of = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
/// let report = audit(&Inputs::from_table(&table), &Config::new(as_of), &mut engine)?;
///
/// let remote = report.comparison(WorkMode::Remote).unwrap();
/// assert!((remote.impact_ratio.unwrap().ratio - 0.5).abs() < 1e-12);
/// assert!(remote.adjusted_p_value < 0.001);
/// let first = &report.findings()[0];
/// assert_eq!(first.code(), &codes::IMPACT_RATIO);
/// assert!(first.title().starts_with("Remote employees were promoted at 0.50× the onsite rate"));
/// assert!(first.detail().contains("by analogy"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn audit<W: Workforce + ?Sized>(
    inputs: &Inputs<'_, W>,
    config: &Config,
    disclosure: &mut Disclosure,
) -> Result<PromotionReport, Error> {
    let (table, window) = inputs.table(config)?;
    analyse(&table, window, config, disclosure)
}

/// Registers the pool (one member per row, in row order), naming both rows of a
/// repeated employee.
fn register(disclosure: &mut Disclosure, table: &PromotionTable) -> Result<Population, Error> {
    match disclosure.register(
        Domain::PromotionBias,
        POOL,
        table.employees().iter().copied(),
    ) {
        Ok(pool) => Ok(pool),
        Err(DisclosureError::DuplicateMember { member, .. }) => {
            let mut rows = table
                .employees()
                .iter()
                .enumerate()
                .filter(|&(_, &e)| e == member)
                .map(|(row, _)| row);
            let first = rows.next().unwrap_or(0);
            Err(Error::DuplicateEmployee {
                employee: member,
                first,
                second: rows.next().unwrap_or(first),
            })
        }
        Err(other) => Err(other.into()),
    }
}

/// A withheld figure's reason in words.
fn withheld_because(reason: Suppression) -> &'static str {
    match reason {
        Suppression::BelowMinimum => "too few people to publish",
        Suppression::Complementary => "it would reveal a smaller group",
        _ => "withheld",
    }
}

fn analyse(
    table: &PromotionTable,
    window: Option<Period>,
    config: &Config,
    disclosure: &mut Disclosure,
) -> Result<PromotionReport, Error> {
    let pool = register(disclosure, table)?;
    let min = disclosure.policy().min_group().get();
    let promoted = table.promoted();

    // 1. Work modes.
    let modes = Cells::build(table.len(), 3, |row| {
        table.work_modes().get(row).map(|m| m.index())
    });
    let decisions = disclosure.release_cells(&pool, &modes.all(), Audience::General)?;
    let counts: [Counts; 3] = std::array::from_fn(|m| modes.counts(m, promoted));
    let mut analysed = [false; 3];
    let mut withheld_groups = Vec::new();
    for mode in WorkMode::ALL {
        let m = mode.index();
        if counts[m].n == 0 {
            continue;
        }
        match decisions.get(m) {
            Some(Decision::Granted) => analysed[m] = true,
            Some(&Decision::Refused(reason)) => withheld_groups.push(WithheldGroup {
                work_mode: mode,
                reason,
            }),
            None => {}
        }
    }
    let published: Vec<WorkMode> = WorkMode::ALL
        .into_iter()
        .filter(|m| analysed[m.index()])
        .collect();
    let n: u64 = published.iter().map(|m| counts[m.index()].n).sum();

    let sizes = counts.map(|c| usize::try_from(c.n).unwrap_or(0));
    let by_mode = models::ByMode::new(table, &analysed, sizes);
    let curves: Vec<(WorkMode, Option<remit_stats::KaplanMeier>)> = published
        .iter()
        .map(|&m| (m, models::km_fit(&by_mode, m)))
        .collect();
    let median_of = |m: WorkMode| {
        curves
            .iter()
            .find(|x| x.0 == m)
            .and_then(|x| x.1.as_ref())
            .and_then(|km| SurvivalCurve::published_median(km, min))
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
                mean_performance: by_mode.mean_rating(mode),
                median_months_to_promotion: median_of(mode),
            }
        })
        .collect();
    let survival_curves: Vec<SurvivalCurve> = curves
        .iter()
        .filter_map(|(m, km)| km.as_ref().map(|km| SurvivalCurve::from_fit(*m, km, min)))
        .collect();

    let mut report = PromotionReport {
        config: config.clone(),
        window,
        n,
        reference: None,
        groups,
        withheld_groups,
        comparisons: Vec::new(),
        chi_square: None,
        logrank: None,
        regression_sample: None,
        logistic_unavailable: None,
        intersections: Vec::new(),
        survival_curves,
        coverage: Coverage::Measured,
        findings: Vec::new(),
        charts: Vec::new(),
        outcomes: Outcomes {
            pool,
            promoted: promoted.to_vec(),
        },
    };
    let reference = if table.is_empty() {
        Err("no promotion records: nobody was in the pool of the window".to_owned())
    } else {
        comparable(config, &report, &published, &counts)
    };
    let reference = match reference {
        Ok(reference) => reference,
        Err(reason) => {
            report.coverage = Coverage::not_measured(reason);
            report.charts = charts::build(&report);
            return Ok(report);
        }
    };
    report.reference = Some(reference);
    let pool = &report.outcomes.pool;

    // 2. Work mode × stratum.
    let strata = Strata::new(table, config.stratification(), &analysed);
    let stratum_decisions =
        disclosure.release_cells(pool, &strata.cells.all(), Audience::General)?;
    let stratum_pair = |focal: WorkMode, s: usize| -> StratumPair {
        let cell = |mode: WorkMode| {
            let code = strata.code(mode, s);
            match stratum_decisions.get(code) {
                Some(Decision::Granted) => Some(strata.cells.counts(code, promoted)),
                _ => None,
            }
        };
        (cell(focal), cell(reference))
    };

    // 3. Work mode × attribute value.
    let mut intersections = Vec::new();
    for key in config.intersections() {
        intersections.extend(intersection_cells(
            disclosure, pool, table, key, &published, reference,
        )?);
    }

    // 4. The regression's sample.
    let sample: Vec<u32> = published
        .iter()
        .flat_map(|m| modes.cell(m.index()).iter().copied())
        .collect();
    let sample_decision = disclosure.release(pool, &sample, Audience::General)?;
    report.regression_sample = Some(sample_decision.disclose(sample.len() as u64));
    drop(sample);

    let (fit, logistic_unavailable) =
        match models::fit_logistic(table, &analysed, reference, config) {
            ModelOutcome::Fitted(fit) => (Some(fit), None),
            ModelOutcome::Unavailable(why) => (None, Some(why)),
        };
    let mut comparisons = Vec::new();
    for &focal in published.iter().filter(|&&m| m != reference) {
        let pairs: Vec<StratumPair> = (0..strata.len()).map(|s| stratum_pair(focal, s)).collect();
        let mut c = contingency::compare(
            (focal, counts[focal.index()]),
            (reference, counts[reference.index()]),
            &pairs,
            config,
        )?;
        c.logistic = fit.as_ref().and_then(|f| models::term(f, focal));
        c.median_months_to_promotion = median_of(focal);
        c.rating = models::ratings(&by_mode, focal, reference);
        comparisons.push(c);
    }
    contingency::adjust(&mut comparisons, config.multiple_testing())?;
    let released: Vec<Counts> = published.iter().map(|m| counts[m.index()]).collect();
    report.chi_square = contingency::chi_square(&released)?;
    report.logrank = models::logrank(&by_mode, &analysed);
    report.logistic_unavailable = logistic_unavailable;
    report.comparisons = comparisons;
    report.intersections = intersections;
    if let Some(reason) = underpowered(&report) {
        report.coverage = Coverage::not_measured(reason);
    }
    report.findings = findings::build(&report)?;
    report.charts = charts::build(&report);
    Ok(report)
}

/// The reference group among the released ones, as configured.
fn choose_reference(
    config: &Config,
    published: &[WorkMode],
    counts: &[Counts; 3],
    n: u64,
) -> Option<WorkMode> {
    match config.reference() {
        ReferenceGroup::Mode(mode) => published.contains(&mode).then_some(mode),
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
            best.map(|(m, _)| m)
        }
    }
}

/// The reference group, or why no comparison can be made: fewer than two released
/// groups, or no released group can serve as the reference.
fn comparable(
    config: &Config,
    report: &PromotionReport,
    published: &[WorkMode],
    counts: &[Counts; 3],
) -> Result<WorkMode, String> {
    let withheld: Vec<String> = report
        .withheld_groups()
        .iter()
        .map(|w| format!("{} ({})", w.work_mode.as_str(), withheld_because(w.reason)))
        .collect();
    let withheld: Vec<&str> = withheld.iter().map(String::as_str).collect();
    let withheld_note = if withheld.is_empty() {
        String::new()
    } else {
        format!("; withheld: {}", list(&withheld, ""))
    };
    match published {
        [] => {
            return Err(format!(
                "no work-mode group can be published{withheld_note}"
            ));
        }
        [only] => {
            return Err(format!(
                "only the {} group can be published, so there is nothing to compare it \
                 with{withheld_note}",
                only.as_str()
            ));
        }
        _ => {}
    }
    let n: u64 = published.iter().map(|m| counts[m.index()].n).sum();
    if let Some(reference) = choose_reference(config, published, counts, n) {
        return Ok(reference);
    }
    Err(match config.reference() {
        ReferenceGroup::Mode(mode) => {
            let why = report
                .withheld_groups()
                .iter()
                .find(|w| w.work_mode == mode)
                .map_or("has nobody in the pool", |w| withheld_because(w.reason));
            format!(
                "the {} reference group {}, so there is nothing to compare against",
                mode.as_str(),
                if why == "has nobody in the pool" {
                    why.to_owned()
                } else {
                    format!("is withheld ({why})")
                }
            )
        }
        ReferenceGroup::HighestRate => format!(
            "no work-mode group holds {:.0}% of the pool, the least a highest-rate \
             reference group needs",
            100.0 * HIGHEST_RATE_MIN_SHARE
        ),
    })
}

/// Why the comparisons cannot judge, if none can: no significant difference and too
/// little power to see an impact ratio of 0.8.
fn underpowered(report: &PromotionReport) -> Option<String> {
    let comparisons = report.comparisons();
    if comparisons.is_empty() || comparisons.iter().any(|c| report.judged(c)) {
        return None;
    }
    let power = 100.0 * report.config().power();
    let each: Vec<String> = comparisons
        .iter()
        .map(|c| {
            let reach = match c.min_detectable_ratio.and_then(crate::wording::ratio) {
                Some(r) => format!("could detect only an impact ratio below {r}"),
                None => "could not detect any impact ratio".to_owned(),
            };
            format!(
                "{} against {} {reach}",
                c.work_mode.as_str(),
                c.reference.as_str()
            )
        })
        .collect();
    let each: Vec<&str> = each.iter().map(String::as_str).collect();
    Some(format!(
        "too few people to see a four-fifths gap: at {power:.0}% power, {}; and no \
         comparison found a significant difference",
        list(&each, "")
    ))
}

/// The strata of the stratified analysis and their work mode × stratum cells over the
/// analysed rows: cell `mode × strata + stratum`, strata in sort order of their key
/// (level rank, or department name).
struct Strata {
    cells: Cells,
    count: usize,
}

impl Strata {
    fn new(table: &PromotionTable, by: Stratification, analysed: &[bool; 3]) -> Self {
        let modes = table.work_modes();
        let wanted = |row: usize| modes.get(row).is_some_and(|m| analysed[m.index()]);
        // Each row's stratum key as a small number, and the keys' order.
        let (keys, order): (Vec<usize>, Vec<usize>) = match by {
            Stratification::Level => {
                let keys: Vec<usize> = table
                    .levels()
                    .iter()
                    .map(|l| usize::from(l.rank()))
                    .collect();
                let mut present = [false; 256];
                for (row, &k) in keys.iter().enumerate() {
                    if wanted(row)
                        && let Some(p) = present.get_mut(k)
                    {
                        *p = true;
                    }
                }
                let mut position = vec![usize::MAX; 256];
                let ranks = present.iter().enumerate().filter(|(_, p)| **p);
                for (at, (rank, _)) in ranks.enumerate() {
                    if let Some(slot) = position.get_mut(rank) {
                        *slot = at;
                    }
                }
                (keys, position)
            }
            Stratification::Department => {
                let names = table.department_names();
                let keys: Vec<usize> = table.departments().iter().map(|&d| d as usize).collect();
                let mut sorted: Vec<usize> = (0..names.len()).collect();
                sorted.sort_by(|&a, &b| names.get(a).cmp(&names.get(b)));
                let mut position = vec![usize::MAX; names.len()];
                for (at, &d) in sorted.iter().enumerate() {
                    if let Some(slot) = position.get_mut(d) {
                        *slot = at;
                    }
                }
                (keys, position)
            }
        };
        let count = order.iter().filter(|&&p| p != usize::MAX).count();
        let cells = Cells::build(table.len(), 3 * count, |row| {
            if !wanted(row) {
                return None;
            }
            let stratum = *order.get(*keys.get(row)?)?;
            let mode = modes.get(row)?.index();
            (stratum != usize::MAX).then(|| mode * count + stratum)
        });
        Self { cells, count }
    }

    /// The number of strata.
    fn len(&self) -> usize {
        self.count
    }

    /// The cell code of `mode × stratum`.
    fn code(&self, mode: WorkMode, stratum: usize) -> usize {
        mode.index() * self.count + stratum
    }
}

/// Releases the work mode × value cells of one attribute and returns the cohorts with
/// at least one person, ordered by value then work mode.
fn intersection_cells(
    disclosure: &mut Disclosure,
    pool: &Population,
    table: &PromotionTable,
    key: &str,
    published: &[WorkMode],
    reference: WorkMode,
) -> Result<Vec<IntersectionCell>, Error> {
    let Some(column) = table.attribute_column(key) else {
        return Ok(Vec::new());
    };
    let modes = table.work_modes();
    let wanted = |row: usize| modes.get(row).is_some_and(|m| published.contains(m));
    // The value codes present among the analysed rows, numbered densely in text order.
    let mut present: Vec<u32> = column
        .iter()
        .enumerate()
        .filter(|&(row, &code)| code != 0 && wanted(row))
        .map(|(_, &code)| code)
        .collect();
    present.sort_unstable();
    present.dedup();
    present.sort_by(|&a, &b| table.text(a).cmp(&table.text(b)));
    let width = present.iter().max().map_or(0, |&c| c as usize + 1);
    let mut dense = vec![usize::MAX; width];
    for (at, &code) in present.iter().enumerate() {
        if let Some(slot) = dense.get_mut(code as usize) {
            *slot = at;
        }
    }
    let values = present.len();
    let cells = Cells::build(table.len(), 3 * values, |row| {
        if !wanted(row) {
            return None;
        }
        let value = *dense.get(*column.get(row)? as usize)?;
        let mode = modes.get(row)?.index();
        (value != usize::MAX).then(|| mode * values + value)
    });
    let decisions = disclosure.release_cells(pool, &cells.all(), Audience::General)?;
    let promoted = table.promoted();
    let released = |mode: WorkMode, value: usize| -> Disclosed<Counts> {
        let code = mode.index() * values + value;
        match decisions.get(code) {
            Some(&d) => d.disclose(cells.counts(code, promoted)),
            None => Disclosed::Suppressed(Suppression::BelowMinimum),
        }
    };
    let mut out = Vec::new();
    for (value, &code) in present.iter().enumerate() {
        let text = table.text(code).unwrap_or_default();
        let reference_rate = released(reference, value)
            .published()
            .filter(|c| c.n > 0)
            .map(Counts::rate);
        for &mode in published {
            if cells.cell(mode.index() * values + value).is_empty() {
                continue;
            }
            let cohort = released(mode, value);
            let rate = cohort.published().map(Counts::rate);
            out.push(IntersectionCell {
                work_mode: mode,
                attribute: key.to_owned(),
                value: text.to_owned(),
                n: cohort.map(|c| c.n),
                rate,
                impact_ratio: match (rate, reference_rate) {
                    (Some(f), Some(r)) if r > 0.0 => Some(f / r),
                    _ => None,
                },
            });
        }
    }
    Ok(out)
}
