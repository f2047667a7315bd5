//! Privacy-safe cohort reporting and the wellbeing [`Audit`].
//!
//! [`CohortReport::build`] cuts the workforce by work mode, department, country, manager,
//! UTC-offset band, distance from the team's centre, and work mode × offset band, and
//! publishes per cohort the head-count, weekly behavioural averages, the share in the
//! high risk band and survey averages. **No individual value is ever part of a report.**
//!
//! # Disclosure protection
//!
//! Every cohort passes four layers before anything about it is published:
//!
//! 1. **Minimum group size** through [`remit_core::privacy::DisclosureGuard`]: default 5,
//!    and 10 for the manager cut, which is manager-facing (as Microsoft Viva Insights
//!    does). The size rule applies to three populations of the cohort: its members, the
//!    members with behavioural signals, and the survey responders (an average over two
//!    responders is as revealing as one over two members). Zero responders withholds the
//!    survey averages.
//! 2. **Complementary suppression** within each cut, starting from core's
//!    [`DisclosureGuard::protect_counts`]: each cut partitions everyone (the manager cut
//!    has a "none" cohort for people without a manager), so the suppressed cohorts of a
//!    cut can be recovered as a group from the published total. Further cohorts are
//!    suppressed until no cut has exactly one suppressed non-empty cohort and the
//!    suppressed cohorts of a cut together hold none or at least the minimum of each
//!    population.
//! 3. **Overlapping-segment differencing** (Peakon's "unique employees across two
//!    segments"): for every pair of published cohorts from different cuts, and for every
//!    cohort against the total, the people in one but not the other must number zero or
//!    at least the minimum (again for each population). Otherwise the smaller cohort is
//!    suppressed. Layers 2 and 3 repeat until neither suppresses anything more.
//! 4. **Optional calibrated noise** ([`LaplaceNoise`]): Laplace noise with scale
//!    `bound / (n · ε)` on each published average (each person's value clipped to the
//!    metric's bound first) and `1 / ε` on head-counts, from a caller seed, so that
//!    differencing published numbers yields noise (as Viva does). ε is per published
//!    statistic; the crate does no privacy-budget accounting across statistics.
//!
//! The protection covers one report. A reader who holds several reports built from
//! different populations can still difference across them.

use remit_core::fast_hash::{FastHashMap as HashMap, map_with_capacity};
use std::borrow::Borrow;
use std::fmt;

use chrono::{NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use remit_core::chart::{Chart, ChartKind, Point, Series, Tone, ValueScale};
use remit_core::privacy::{Disclosed, DisclosureGuard, MinGroupSize, PrivacyError, Suppression};
use remit_core::{
    Audit, Cohort, Domain, Employee, EmployeeGroup, EmployeeId, Finding, FindingCode,
    GroupComparison, Metric, Severity, WorkMode,
};

use crate::builtin::Cbi;
use crate::groups::{self, People};
use crate::individual::Individuals;
use crate::risk::RiskBand;
use crate::signals::{Signal, SignalThresholds};
use crate::zones::{CircularMean, OffsetBand, TeamDistance, clock_distance_hours};

/// A way of cutting the workforce into cohorts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Dimension {
    /// Onsite, hybrid, remote.
    WorkMode,
    /// Department.
    Department,
    /// Country.
    Country,
    /// Direct reports of one manager (manager-facing: stricter minimum).
    Manager,
    /// Band of three UTC-offset hours.
    UtcOffset,
    /// Distance from the centre of the employee's team (their manager's direct reports).
    TeamDistance,
    /// Work mode × UTC-offset band.
    WorkModeByUtcOffset,
}

impl Dimension {
    /// Every cut, in report order.
    pub const ALL: [Dimension; 7] = [
        Dimension::WorkMode,
        Dimension::Department,
        Dimension::Country,
        Dimension::Manager,
        Dimension::UtcOffset,
        Dimension::TeamDistance,
        Dimension::WorkModeByUtcOffset,
    ];

    /// The cohort key used in [`Cohort`]s.
    /// How much a report needs this cut (0 = most): when two published cohorts could
    /// be differenced, the one from the less needed cut is suppressed.
    pub const fn priority(self) -> u8 {
        match self {
            Dimension::WorkMode => 0,
            Dimension::WorkModeByUtcOffset => 1,
            Dimension::UtcOffset => 2,
            Dimension::Department => 3,
            Dimension::Country => 4,
            Dimension::TeamDistance => 5,
            Dimension::Manager => 6,
        }
    }

    /// The cohort key used in [`Cohort`]s.
    pub const fn key(self) -> &'static str {
        match self {
            Dimension::WorkMode => "work_mode",
            Dimension::Department => "department",
            Dimension::Country => "country",
            Dimension::Manager => "manager",
            Dimension::UtcOffset => "utc_offset",
            Dimension::TeamDistance => "team_distance",
            Dimension::WorkModeByUtcOffset => "work_mode_utc_offset",
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Building a report failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// The assessed individuals do not match the roster.
    #[error(
        "roster has {roster} employees but the assessment covers {assessed}, or in another order; assess this roster"
    )]
    RosterMismatch {
        /// Roster size.
        roster: usize,
        /// Assessed employees.
        assessed: usize,
    },
    /// An epsilon that is not positive and finite.
    #[error("laplace noise: field `epsilon` = {epsilon} must be positive and finite")]
    InvalidEpsilon {
        /// The rejected value.
        epsilon: f64,
    },
    /// A ratio or share setting out of range.
    #[error("report config: field `{field}` = {value} is out of range")]
    InvalidSetting {
        /// The field.
        field: &'static str,
        /// The rejected value.
        value: f64,
    },
    /// The disclosure guard failed.
    #[error("disclosure guard: {0}")]
    Privacy(#[from] PrivacyError),
    /// The disclosure engine refused a setting or a group.
    #[error("disclosure: {0}")]
    Disclosure(#[from] remit_core::disclosure::DisclosureError),
    /// A finding or health value could not be built.
    #[error("audit: {0}")]
    Audit(#[from] remit_core::AuditError),
}

/// Laplace noise for published averages and head-counts: privacy parameter ε and the
/// caller's seed (same seed, same report).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LaplaceNoise {
    epsilon: f64,
    seed: u64,
}

impl LaplaceNoise {
    /// Noise with privacy parameter `epsilon` (smaller = noisier), seeded.
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidEpsilon`] unless `epsilon` is positive and finite.
    pub fn new(epsilon: f64, seed: u64) -> Result<Self, ReportError> {
        if epsilon.is_finite() && epsilon > 0.0 {
            Ok(Self { epsilon, seed })
        } else {
            Err(ReportError::InvalidEpsilon { epsilon })
        }
    }

    /// ε.
    pub fn epsilon(&self) -> f64 {
        self.epsilon
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }
}

/// Settings of a cohort report.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_core::privacy::MinGroupSize;
/// use remit_wellbeing::report::{LaplaceNoise, ReportConfig};
///
/// let config = ReportConfig::new(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
///     .with_min_group(MinGroupSize::new(8)?)
///     .with_noise(LaplaceNoise::new(1.0, 42).unwrap());
/// assert_eq!(config.min_group().get(), 8);
/// assert_eq!(config.manager_min_group().get(), 10);
/// # Ok::<(), remit_core::disclosure::DisclosureError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReportConfig {
    as_of: NaiveDate,
    min_group: MinGroupSize,
    manager_min_group: MinGroupSize,
    thresholds: SignalThresholds,
    noise: Option<LaplaceNoise>,
    burden_ratio: f64,
    high_risk_share: f64,
    high_burnout_line: f64,
}

impl ReportConfig {
    /// Defaults: minimum group 5, manager-facing 10, Viva thresholds, no noise, burden
    /// ratio 1.5, high-risk alert share 25%, CBI high line 50. `as_of` fixes the UTC
    /// offsets (daylight saving) used for the time-zone cuts.
    pub fn new(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            min_group: MinGroupSize::DEFAULT,
            manager_min_group: MinGroupSize::MANAGER_FACING,
            thresholds: SignalThresholds::default(),
            noise: None,
            burden_ratio: 1.5,
            high_risk_share: 0.25,
            high_burnout_line: Cbi::DEFAULT_HIGH_THRESHOLD,
        }
    }

    /// The minimum group size of every cut but the manager cut.
    #[must_use]
    pub fn with_min_group(mut self, min: MinGroupSize) -> Self {
        self.min_group = min;
        self
    }

    /// The minimum group size of the manager cut (raised to the general minimum if lower).
    #[must_use]
    pub fn with_manager_min_group(mut self, min: MinGroupSize) -> Self {
        self.manager_min_group = min;
        self
    }

    /// The signal thresholds findings judge against.
    #[must_use]
    pub fn with_thresholds(mut self, thresholds: SignalThresholds) -> Self {
        self.thresholds = thresholds;
        self
    }

    /// Adds Laplace noise to published averages and head-counts.
    #[must_use]
    pub fn with_noise(mut self, noise: LaplaceNoise) -> Self {
        self.noise = Some(noise);
        self
    }

    /// How many times the onsite after-hours average a cohort must reach before a
    /// time-zone burden finding is raised (default 1.5).
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidSetting`] unless finite and at least 1.
    pub fn with_burden_ratio(mut self, ratio: f64) -> Result<Self, ReportError> {
        if !(ratio.is_finite() && ratio >= 1.0) {
            return Err(ReportError::InvalidSetting {
                field: "burden_ratio",
                value: ratio,
            });
        }
        self.burden_ratio = ratio;
        Ok(self)
    }

    /// The share of a cohort in the high risk band that raises a finding (default 0.25).
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidSetting`] unless in `(0, 1]`.
    pub fn with_high_risk_share(mut self, share: f64) -> Result<Self, ReportError> {
        if !(share > 0.0 && share <= 1.0) {
            return Err(ReportError::InvalidSetting {
                field: "high_risk_share",
                value: share,
            });
        }
        self.high_risk_share = share;
        Ok(self)
    }

    /// The date offsets are taken at.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }
    /// The general minimum group size.
    pub fn min_group(&self) -> MinGroupSize {
        self.min_group
    }
    /// The manager cut's minimum group size.
    pub fn manager_min_group(&self) -> MinGroupSize {
        self.manager_min_group.max(self.min_group)
    }
    /// The noise, if any.
    pub fn noise(&self) -> Option<LaplaceNoise> {
        self.noise
    }
}

/// The published numbers about one cohort (or everyone). Every value is either
/// published or suppressed with the reason.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CohortStats {
    /// Members.
    pub headcount: Disclosed<u64>,
    /// Members who answered the survey (WHO-5 and CBI work-related both scored).
    pub responders: Disclosed<u64>,
    /// Mean after-hours collaboration, hours/week.
    pub after_hours: Disclosed<f64>,
    /// Mean collaboration, hours/week.
    pub collaboration: Disclosed<f64>,
    /// Mean focus time, hours/week.
    pub focus: Disclosed<f64>,
    /// Mean meeting hours/week.
    pub meetings: Disclosed<f64>,
    /// Mean weekend hours/week.
    pub weekend: Disclosed<f64>,
    /// Mean meetings/week outside the member's own working hours.
    pub out_of_hours_meetings: Disclosed<f64>,
    /// Share of members in the high risk band.
    pub high_risk_share: Disclosed<f64>,
    /// Share of members in the moderate risk band (the low band is the rest).
    pub moderate_risk_share: Disclosed<f64>,
    /// Share of responders with CBI work-related burnout in the high band (≥ 50).
    pub high_burnout_share: Disclosed<f64>,
    /// Mean WHO-5 percentage of responders.
    pub who5_mean: Disclosed<f64>,
    /// Share of members with signals whose own trend is worsening (an alarm on
    /// after-hours, collaboration or focus time: both the EWMA and the CUSUM chart
    /// signalled).
    pub worsening_share: Disclosed<f64>,
}

impl CohortStats {
    fn suppressed(reason: Suppression) -> Self {
        let s = Disclosed::Suppressed(reason);
        let c = Disclosed::Suppressed(reason);
        Self {
            headcount: c,
            responders: c,
            after_hours: s,
            collaboration: s,
            focus: s,
            meetings: s,
            weekend: s,
            out_of_hours_meetings: s,
            high_risk_share: s,
            moderate_risk_share: s,
            high_burnout_share: s,
            who5_mean: s,
            worsening_share: s,
        }
    }

    /// Whether the cohort was suppressed.
    pub fn is_suppressed(&self) -> bool {
        self.headcount.is_suppressed()
    }
}

/// One cohort of a report.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CohortRow {
    dimension: Dimension,
    cohort: Cohort,
    stats: CohortStats,
}

impl CohortRow {
    /// The cut.
    pub fn dimension(&self) -> Dimension {
        self.dimension
    }
    /// Who the row is about.
    pub fn cohort(&self) -> &Cohort {
        &self.cohort
    }
    /// The published numbers.
    pub fn stats(&self) -> &CohortStats {
        &self.stats
    }
}

/// A privacy-protected wellbeing report by cohort; implements [`Audit`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CohortReport {
    total: CohortStats,
    rows: Vec<CohortRow>,
    findings: Vec<Finding>,
    charts: Vec<Chart>,
    coverage: remit_core::Coverage,
    /// Per-person basis of [`Audit::compare_group`]: private, never serialised (a
    /// deserialised report compares nothing), `Debug` shows only a count.
    #[cfg_attr(feature = "serde", serde(skip))]
    people: People,
}

// ---------------------------------------------------------------------------------------
// Accumulation

const POPS: usize = 3; // members, with signals, responders
const MEANS: usize = 6; // after-hours, collaboration, focus, meetings, weekend, ooh meetings
/// Seed offset of the moderate-band noise stream.
const BAND_NOISE_STREAM: u64 = 0x6261_6e64_7321_0001;
/// Clipping bounds per mean (hours/week, or meetings/week), for the noise scale.
const BOUNDS: [f64; MEANS] = [40.0, 80.0, 60.0, 60.0, 40.0, 30.0];

#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    pops: [u32; POPS],
    sums: [f64; MEANS],
    high_risk: u32,
    moderate_risk: u32,
    high_burnout: u32,
    worsening: u32,
    who5_sum: f64,
}

struct Cut {
    dimension: Dimension,
    labels: Vec<Cohort>,
    member: Vec<u32>,
    min: u32,
    /// The groups in label order, when it was cheaper to find from typed keys.
    order: Option<Vec<usize>>,
}

/// Groups by a key from a small dense domain (`slot` maps it to `0..size`): numbers groups
/// in order of first appearance, exactly as [`Grouper`] does, without hashing.
struct DenseGrouper {
    slots: Vec<u32>,
    labels: Vec<Cohort>,
}

impl DenseGrouper {
    fn new(size: usize) -> Self {
        Self {
            slots: vec![u32::MAX; size],
            labels: Vec::new(),
        }
    }
    fn get(&mut self, slot: usize, label: impl FnOnce() -> Cohort) -> u32 {
        let next = u32::try_from(self.labels.len()).unwrap_or(u32::MAX);
        match self.slots.get_mut(slot) {
            Some(s) if *s != u32::MAX => *s,
            Some(s) => {
                *s = next;
                self.labels.push(label());
                next
            }
            // Out of the domain: cannot happen for the keys used; a group of its own.
            None => {
                self.labels.push(label());
                next
            }
        }
    }
}

fn mode_slot(mode: WorkMode) -> usize {
    match mode {
        WorkMode::Onsite => 0,
        WorkMode::Hybrid => 1,
        WorkMode::Remote => 2,
    }
}

fn band_slot(band: OffsetBand) -> usize {
    (i16::from(band.index()) + 128) as usize
}

struct Grouper<K> {
    index: HashMap<K, u32>,
    labels: Vec<Cohort>,
}

impl<K: std::hash::Hash + Eq> Grouper<K> {
    fn new() -> Self {
        Self {
            index: map_with_capacity(16),
            labels: Vec::new(),
        }
    }
    fn get(&mut self, key: K, label: impl FnOnce() -> Cohort) -> u32 {
        let next = u32::try_from(self.labels.len()).unwrap_or(u32::MAX);
        *self.index.entry(key).or_insert_with(|| {
            self.labels.push(label());
            next
        })
    }
}

/// Groups the roster by manager (groups numbered in order of first appearance) and
/// returns each row's group, the labels, and the groups in label order. A label's value
/// is the manager's hyphenated lower-case UUID, whose text order is the order of the id's
/// bytes (and of `Uuid::as_u128`), or `none`, which sorts after any hex digit; so
/// sorting the typed keys sorts the labels without comparing half a million strings.
fn group_managers<E: Borrow<Employee>>(roster: &[E]) -> (Vec<u32>, Vec<Cohort>, Vec<usize>) {
    let mut index: HashMap<Option<EmployeeId>, u32> = map_with_capacity(roster.len() / 2);
    let mut keys: Vec<(bool, u128, usize)> = Vec::new();
    let mut labels = Vec::new();
    let member = roster
        .iter()
        .map(|e| {
            let m = e.borrow().manager();
            let next = u32::try_from(labels.len()).unwrap_or(u32::MAX);
            *index.entry(m).or_insert_with(|| {
                keys.push((
                    m.is_none(),
                    m.map_or(0, |id| id.as_uuid().as_u128()),
                    labels.len(),
                ));
                labels.push(match m {
                    Some(id) => Cohort::all().with("manager", id),
                    None => Cohort::all().with("manager", "none"),
                });
                next
            })
        })
        .collect();
    keys.sort_unstable();
    let order = keys.into_iter().map(|(_, _, g)| g).collect();
    (member, labels, order)
}

fn offset_seconds(cache: &mut HashMap<Tz, i32>, tz: Tz, as_of: NaiveDate) -> i32 {
    *cache
        .entry(tz)
        .or_insert_with(|| tz.offset_from_utc_date(&as_of).fix().local_minus_utc())
}

fn build_cuts<E: Borrow<Employee>>(roster: &[E], config: &ReportConfig) -> Vec<Cut> {
    let n = roster.len();
    let mut tz_cache: HashMap<Tz, i32> = map_with_capacity(64);
    let offsets: Vec<i32> = roster
        .iter()
        .map(|e| offset_seconds(&mut tz_cache, e.borrow().time_zone(), config.as_of))
        .collect();
    let min = config.min_group.get();
    let mut mode = DenseGrouper::new(3);
    let mut dept = Grouper::new();
    let mut country = Grouper::new();
    let mut band = DenseGrouper::new(256);
    let mut dist = DenseGrouper::new(TeamDistance::ALL.len());
    let mut mode_band = DenseGrouper::new(3 * 256);
    let mut members: [Vec<u32>; 7] = std::array::from_fn(|_| Vec::with_capacity(n));
    // Manager cohorts first: a team is a manager's direct reports, and its centre is the
    // circular mean of their offsets, kept per manager cohort.
    let (manager_member, manager_labels, manager_order) = group_managers(roster);
    members[3] = manager_member;
    let mut centres = vec![CircularMean::default(); manager_labels.len()];
    for ((e, &off), &g) in roster.iter().zip(&offsets).zip(&members[3]) {
        if e.borrow().manager().is_some()
            && let Some(c) = centres.get_mut(g as usize)
        {
            c.add(off);
        }
    }
    let centre_hours: Vec<Option<f64>> = centres.iter().map(CircularMean::centre_hours).collect();
    for (i, (e, &off)) in roster.iter().zip(&offsets).enumerate() {
        let e = e.borrow();
        let wm = e.work_mode();
        let b = OffsetBand::of_seconds(off);
        let d = members[3]
            .get(i)
            .filter(|_| e.manager().is_some())
            .and_then(|&g| centre_hours.get(g as usize).copied().flatten())
            .map_or(TeamDistance::Near, |c| {
                TeamDistance::of_hours(clock_distance_hours(off, c))
            });
        members[0].push(mode.get(mode_slot(wm), || Cohort::all().with("work_mode", wm)));
        let dep = e.department();
        members[1].push(dept.get(dep.as_str(), || Cohort::all().with("department", dep)));
        let c = e.country();
        members[2].push(country.get(c, || Cohort::all().with("country", c)));
        members[4].push(band.get(band_slot(b), || Cohort::all().with("utc_offset", b)));
        members[5].push(dist.get(d.index(), || Cohort::all().with("team_distance", d)));
        members[6].push(mode_band.get(mode_slot(wm) * 256 + band_slot(b), || {
            Cohort::all().with("work_mode", wm).with("utc_offset", b)
        }));
    }
    let mut manager_order = Some(manager_order);
    let labels = [
        mode.labels,
        dept.labels,
        country.labels,
        manager_labels,
        band.labels,
        dist.labels,
        mode_band.labels,
    ];
    Dimension::ALL
        .iter()
        .zip(labels)
        .zip(members)
        .map(|((&dimension, labels), member)| Cut {
            dimension,
            labels,
            member,
            min: if dimension == Dimension::Manager {
                config.manager_min_group().get()
            } else {
                min
            },
            order: None,
        })
        .map(|mut cut| {
            if cut.dimension == Dimension::Manager {
                cut.order = manager_order.take();
            }
            cut
        })
        .collect()
}

/// The cohort of every cut each employee belongs to, in roster order and
/// [`Dimension::ALL`] order. These are workforce attributes, not wellbeing data: use
/// them to explain which published cohort a person counts in.
pub fn cohorts_of<E: Borrow<Employee>>(roster: &[E], config: &ReportConfig) -> Vec<Vec<Cohort>> {
    let cuts = build_cuts(roster, config);
    (0..roster.len())
        .map(|i| {
            cuts.iter()
                .filter_map(|c| c.labels.get(c.member[i] as usize).cloned())
                .collect()
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Disclosure control

/// Suppression state of every cohort, indexed globally (cut offsets + group).
struct Protection {
    offsets: Vec<usize>,
    pops: Vec<[u32; POPS]>,
    mins: Vec<u32>,
    /// [`Dimension::priority`] of each cohort's cut.
    ranks: Vec<u8>,
    status: Vec<Option<Suppression>>,
    total: [u32; POPS],
}

fn small(count: u32, min: u32) -> bool {
    count > 0 && count < min
}

impl Protection {
    fn published(&self, g: usize) -> bool {
        self.status[g].is_none()
    }

    fn suppress(&mut self, g: usize) -> bool {
        if self.status[g].is_none() {
            self.status[g] = Some(Suppression::Complementary);
            true
        } else {
            false
        }
    }

    /// Layer 2: complementary suppression within each cut.
    fn remainder_rule(&mut self) -> bool {
        let mut changed = false;
        for c in 0..self.offsets.len().saturating_sub(1) {
            let range = self.offsets[c]..self.offsets[c + 1];
            loop {
                let mut hidden = [0u32; POPS];
                let mut hidden_nonempty = 0usize;
                for g in range.clone() {
                    if !self.published(g) && self.pops[g][0] > 0 {
                        hidden_nonempty += 1;
                        for (h, p) in hidden.iter_mut().zip(self.pops[g]) {
                            *h += p;
                        }
                    }
                }
                let min = self.mins.get(range.start).copied().unwrap_or(1);
                let leaks = hidden_nonempty == 1 || hidden.iter().any(|&h| small(h, min));
                if !leaks {
                    break;
                }
                let next = range
                    .clone()
                    .filter(|&g| self.published(g) && self.pops[g][0] > 0)
                    .min_by_key(|&g| (self.pops[g][0], g));
                match next {
                    Some(g) => changed |= self.suppress(g),
                    None => break,
                }
            }
        }
        changed
    }

    /// Layer 3: pairs of published cohorts, and cohorts against the total.
    fn differencing(&mut self, pairs: &[PairTable]) -> bool {
        let mut changed = false;
        for g in 0..self.pops.len() {
            if self.published(g) {
                let min = self.mins[g];
                if (0..POPS).any(|k| small(self.total[k] - self.pops[g][k].min(self.total[k]), min))
                {
                    changed |= self.suppress(g);
                }
            }
        }
        for table in pairs {
            for &(a, b, inter) in &table.entries {
                let (a, b) = (a as usize, b as usize);
                if !(self.published(a) && self.published(b)) {
                    continue;
                }
                let min = self.mins[a].max(self.mins[b]);
                let leak = (0..POPS).any(|k| {
                    small(self.pops[a][k].saturating_sub(inter[k]), min)
                        || small(self.pops[b][k].saturating_sub(inter[k]), min)
                });
                if leak {
                    // Keep the cohort of the more needed cut; among equals, the larger.
                    let key = |g: usize| (std::cmp::Reverse(self.ranks[g]), self.pops[g][0], g);
                    let victim = if key(a) <= key(b) { a } else { b };
                    changed |= self.suppress(victim);
                }
            }
        }
        changed
    }
}

/// Intersections of the candidate cohorts of two cuts: `(global a, global b, counts)`.
struct PairTable {
    entries: Vec<(u32, u32, [u32; POPS])>,
}

fn pair_tables(cuts: &[Cut], prot: &Protection, flags: &[[bool; POPS]]) -> Vec<PairTable> {
    let mut out = Vec::new();
    for i in 0..cuts.len() {
        for j in i + 1..cuts.len() {
            let (oi, oj) = (prot.offsets[i], prot.offsets[j]);
            let (ci, cj) = (cuts[i].labels.len(), cuts[j].labels.len());
            let mut sparse: HashMap<(u32, u32), [u32; POPS]> = map_with_capacity(0);
            let dense_ok = ci.saturating_mul(cj) <= 1 << 20;
            let mut dense = if dense_ok {
                vec![[0u32; POPS]; ci * cj]
            } else {
                Vec::new()
            };
            for (e, flag) in flags.iter().enumerate() {
                let (a, b) = (cuts[i].member[e] as usize, cuts[j].member[e] as usize);
                if !(prot.published(oi + a) && prot.published(oj + b)) {
                    continue;
                }
                let cell = if dense_ok {
                    match dense.get_mut(a * cj + b) {
                        Some(c) => c,
                        None => continue,
                    }
                } else {
                    sparse.entry((a as u32, b as u32)).or_default()
                };
                for (c, f) in cell.iter_mut().zip(*flag) {
                    *c += u32::from(f);
                }
            }
            let entries = if dense_ok {
                dense
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c[0] > 0)
                    .map(|(k, c)| ((oi + k / cj) as u32, (oj + k % cj) as u32, *c))
                    .collect()
            } else {
                let mut v: Vec<_> = sparse
                    .into_iter()
                    .map(|((a, b), c)| ((oi + a as usize) as u32, (oj + b as usize) as u32, c))
                    .collect();
                v.sort_unstable_by_key(|&(a, b, _)| (a, b));
                v
            };
            out.push(PairTable { entries });
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Publication

struct Noise {
    rng: ChaCha8Rng,
    epsilon: f64,
}

impl Noise {
    fn laplace(&mut self, scale: f64) -> f64 {
        // Inverse CDF: u uniform in (−½, ½), x = −b · sgn(u) · ln(1 − 2|u|).
        let u: f64 = self.rng.random::<f64>() - 0.5;
        let tail = (1.0 - 2.0 * u.abs()).max(f64::MIN_POSITIVE);
        -scale * u.signum() * tail.ln()
    }

    fn mean(&mut self, value: f64, n: u32, bound: f64) -> f64 {
        let v = value + self.laplace(bound / (f64::from(n.max(1)) * self.epsilon));
        v.clamp(0.0, bound)
    }

    fn count(&mut self, value: u32) -> u64 {
        let v = f64::from(value) + self.laplace(1.0 / self.epsilon);
        v.round().max(0.0) as u64
    }
}

/// `band_noise` noises the moderate-band share from its own stream, so adding that
/// statistic left every other noisy value of a seeded report unchanged.
fn publish(acc: &Acc, noise: &mut Option<Noise>, band_noise: &mut Option<Noise>) -> CohortStats {
    let [members, with_signals, responders] = acc.pops;
    let none = Disclosed::Suppressed(Suppression::BelowMinimum);
    let mut mean = |sum: f64, n: u32, bound: f64| -> Disclosed<f64> {
        if n == 0 {
            return none;
        }
        let m = sum / f64::from(n);
        Disclosed::Published(match noise {
            Some(z) => z.mean(m, n, bound),
            None => m,
        })
    };
    let sig: [Disclosed<f64>; MEANS] =
        std::array::from_fn(|k| mean(acc.sums[k], with_signals, BOUNDS[k]));
    let high_risk_share = mean(f64::from(acc.high_risk), members, 1.0);
    let moderate_risk_share = if members == 0 {
        none
    } else {
        let m = f64::from(acc.moderate_risk) / f64::from(members);
        Disclosed::Published(match band_noise {
            Some(z) => z.mean(m, members, 1.0),
            None => m,
        })
    };
    let high_burnout_share = mean(f64::from(acc.high_burnout), responders, 1.0);
    let who5_mean = mean(acc.who5_sum, responders, 100.0);
    let worsening_share = mean(f64::from(acc.worsening), with_signals, 1.0);
    let mut count = |c: u32| -> Disclosed<u64> {
        Disclosed::Published(match noise {
            Some(z) => z.count(c),
            None => u64::from(c),
        })
    };
    CohortStats {
        headcount: count(members),
        responders: count(responders),
        after_hours: sig[0],
        collaboration: sig[1],
        focus: sig[2],
        meetings: sig[3],
        weekend: sig[4],
        out_of_hours_meetings: sig[5],
        high_risk_share,
        moderate_risk_share,
        high_burnout_share,
        who5_mean,
        worsening_share,
    }
}

impl CohortReport {
    /// Builds the report for `roster`, whose employees `individuals` assessed (same
    /// order; see [`Individuals::assess`]).
    ///
    /// # Errors
    ///
    /// [`ReportError::RosterMismatch`] if `individuals` was assessed for another roster,
    /// or [`ReportError::Privacy`] if the disclosure guard fails.
    pub fn build<E: Borrow<Employee>>(
        roster: &[E],
        individuals: &Individuals,
        config: &ReportConfig,
    ) -> Result<Self, ReportError> {
        let n = roster.len();
        if individuals.len() != n
            || roster
                .iter()
                .zip(individuals.employees())
                .any(|(e, id)| e.borrow().id() != *id)
        {
            return Err(ReportError::RosterMismatch {
                roster: n,
                assessed: individuals.len(),
            });
        }
        let cuts = build_cuts(roster, config);
        let line = config.high_burnout_line as f32;
        // Per-person flags and the accumulators.
        let flags: Vec<[bool; POPS]> = (0..n)
            .map(|i| {
                [
                    true,
                    individuals.has_signals[i],
                    individuals.who5[i].is_some() && individuals.cbi_work[i].is_some(),
                ]
            })
            .collect();
        let mut offsets = Vec::with_capacity(cuts.len() + 1);
        let mut accs: Vec<Acc> = Vec::new();
        for cut in &cuts {
            offsets.push(accs.len());
            accs.resize(accs.len() + cut.labels.len(), Acc::default());
        }
        offsets.push(accs.len());
        let mut total = Acc::default();
        for (i, &f) in flags.iter().enumerate() {
            let add = |acc: &mut Acc| {
                for (p, flag) in acc.pops.iter_mut().zip(f) {
                    *p += u32::from(flag);
                }
                if f[1] {
                    for (k, s) in acc.sums.iter_mut().enumerate() {
                        *s += f64::from(individuals.means[k][i]).min(BOUNDS[k]);
                    }
                }
                if individuals.alarms[i] != 0 {
                    acc.worsening += 1;
                }
                match individuals.risk[i].band() {
                    RiskBand::High => acc.high_risk += 1,
                    RiskBand::Moderate => acc.moderate_risk += 1,
                    RiskBand::Low => {}
                }
                if f[2] {
                    if individuals.cbi_work[i].is_some_and(|c| c >= line) {
                        acc.high_burnout += 1;
                    }
                    acc.who5_sum += f64::from(individuals.who5[i].unwrap_or(0.0));
                }
            };
            add(&mut total);
            for (c, cut) in cuts.iter().enumerate() {
                let g = offsets[c] + cut.member[i] as usize;
                if let Some(acc) = accs.get_mut(g) {
                    add(acc);
                }
            }
        }

        // Layer 1 (and core's complementary rule on head-counts), per cut.
        let mut status = vec![None; accs.len()];
        let mut mins = vec![0u32; accs.len()];
        for (c, cut) in cuts.iter().enumerate() {
            let guard = DisclosureGuard::new(MinGroupSize::new(cut.min)?);
            let range = offsets[c]..offsets[c + 1];
            let counts: Vec<(usize, u64)> = range
                .clone()
                .map(|g| (g, u64::from(accs[g].pops[0])))
                .collect();
            let protected = guard.protect_counts(counts)?;
            for (g, cell) in protected.cells() {
                mins[*g] = cut.min;
                if let Disclosed::Suppressed(s) = cell {
                    status[*g] = Some(*s);
                } else if accs[*g].pops.iter().any(|&p| !guard.allows(u64::from(p))) {
                    status[*g] = Some(Suppression::BelowMinimum);
                }
            }
        }
        let mut ranks = vec![0u8; accs.len()];
        for (c, cut) in cuts.iter().enumerate() {
            for r in &mut ranks[offsets[c]..offsets[c + 1]] {
                *r = cut.dimension.priority();
            }
        }
        let mut prot = Protection {
            offsets,
            pops: accs.iter().map(|a| a.pops).collect(),
            mins,
            ranks,
            status,
            total: total.pops,
        };
        prot.remainder_rule();
        let pairs = pair_tables(&cuts, &prot, &flags);
        // Layers 2 and 3 until stable; each pass suppresses at least one more cohort.
        for _ in 0..=prot.pops.len() {
            let a = prot.differencing(&pairs);
            let b = prot.remainder_rule();
            if !(a || b) {
                break;
            }
        }

        // Publication.
        let mut noise = config.noise.map(|z| Noise {
            rng: ChaCha8Rng::seed_from_u64(z.seed),
            epsilon: z.epsilon,
        });
        let mut band_noise = config.noise.map(|z| Noise {
            rng: ChaCha8Rng::seed_from_u64(z.seed ^ BAND_NOISE_STREAM),
            epsilon: z.epsilon,
        });
        // What cross-domain comparisons need, kept privately (see `crate::groups`).
        let mut people = People {
            ids: individuals.employees().to_vec(),
            flags: flags
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let mut bits = 0u8;
                    for (k, &on) in f.iter().enumerate() {
                        bits |= u8::from(on) << k;
                    }
                    if f[2] && individuals.cbi_work[i].is_some_and(|c| c >= line) {
                        bits |= groups::HIGH_BURNOUT;
                    }
                    if individuals.risk[i].band() == RiskBand::High {
                        bits |= groups::HIGH_RISK;
                    }
                    bits
                })
                .collect(),
            who5: (0..n)
                .map(|i| {
                    if flags[i][2] {
                        individuals.who5[i].unwrap_or(0.0)
                    } else {
                        0.0
                    }
                })
                .collect(),
            member: Vec::with_capacity(cuts.len()),
            offsets: prot.offsets.clone(),
            published: prot.status.iter().map(Option::is_none).collect(),
            mins: prot.mins.clone(),
            manager_cut: cuts.iter().position(|c| c.dimension == Dimension::Manager),
            no_manager: None,
            min: config.min_group().get(),
            manager_min: config.manager_min_group().get(),
            noise: config.noise,
            ..People::default()
        };
        people.pops.clone_from(&prot.pops);
        let total_guard = DisclosureGuard::new(config.min_group);
        let total_stats = if total.pops.iter().all(|&p| total_guard.allows(u64::from(p))) {
            publish(&total, &mut noise, &mut band_noise)
        } else {
            CohortStats::suppressed(Suppression::BelowMinimum)
        };
        let mut rows = Vec::with_capacity(accs.len());
        for (c, cut) in cuts.into_iter().enumerate() {
            if cut.dimension == Dimension::Manager {
                people.no_manager = cut
                    .labels
                    .iter()
                    .position(|l| l.get("manager") == Some("none"))
                    .and_then(|k| u32::try_from(k).ok());
            }
            people.member.push(cut.member);
            let mut labelled: Vec<(Cohort, usize)> = cut
                .labels
                .into_iter()
                .enumerate()
                .map(|(k, l)| (l, k))
                .collect();
            match cut.order {
                // `order` lists every group once.
                Some(order) if order.len() == labelled.len() => {
                    let mut slots: Vec<Option<(Cohort, usize)>> =
                        labelled.into_iter().map(Some).collect();
                    labelled = order
                        .iter()
                        .filter_map(|&k| slots.get_mut(k).and_then(Option::take))
                        .collect();
                }
                _ => labelled.sort_unstable_by(|a, b| a.0.cmp(&b.0)),
            }
            for (cohort, k) in labelled {
                let g = prot.offsets[c] + k;
                let stats = match prot.status[g] {
                    Some(s) => CohortStats::suppressed(s),
                    None => publish(&accs[g], &mut noise, &mut band_noise),
                };
                rows.push(CohortRow {
                    dimension: cut.dimension,
                    cohort,
                    stats,
                });
            }
        }
        let findings = findings(&rows, config);
        people.total = people.tally_all();
        let mut report = Self {
            total: total_stats,
            rows,
            findings,
            charts: Vec::new(),
            coverage: remit_core::Coverage::Measured,
            people,
        };
        report.charts = report.build_charts();
        Ok(report)
    }

    /// Everyone.
    pub fn total(&self) -> &CohortStats {
        &self.total
    }

    /// Every cohort, by cut, published or suppressed.
    pub fn rows(&self) -> &[CohortRow] {
        &self.rows
    }

    /// The cohorts of one cut.
    pub fn cut(&self, dimension: Dimension) -> impl Iterator<Item = &CohortRow> {
        self.rows.iter().filter(move |r| r.dimension == dimension)
    }

    /// The published row of one cohort, if any.
    pub fn published(&self, cohort: &Cohort) -> Option<&CohortStats> {
        self.rows
            .iter()
            .find(|r| &r.cohort == cohort && !r.stats.is_suppressed())
            .map(|r| &r.stats)
    }
}

// ---------------------------------------------------------------------------------------
// Findings

fn code(s: &str) -> Option<FindingCode> {
    FindingCode::new(s).ok()
}

fn findings(rows: &[CohortRow], config: &ReportConfig) -> Vec<Finding> {
    let mut out = Vec::new();
    let onsite = Cohort::all().with("work_mode", WorkMode::Onsite);
    let onsite_after = rows
        .iter()
        .find(|r| r.cohort == onsite && !r.stats.is_suppressed())
        .and_then(|r| r.stats.after_hours.published());
    let after_line = f64::from(config.thresholds.get(Signal::AfterHoursHours));
    let mut suppressed = 0usize;
    for row in rows {
        let s = &row.stats;
        if s.is_suppressed() {
            suppressed += 1;
            continue;
        }
        let burden_cut = match row.dimension {
            Dimension::WorkModeByUtcOffset => row.cohort.get("work_mode") != Some("onsite"),
            Dimension::TeamDistance => row
                .cohort
                .get("team_distance")
                .is_some_and(|d| !d.starts_with("0-2")),
            _ => false,
        };
        if burden_cut && let (Some(x), Some(base)) = (s.after_hours.published(), onsite_after) {
            let ratio = x / base.max(0.1);
            if x > after_line
                && ratio >= config.burden_ratio
                && let Some(f) = burden_finding(row, x, ratio, config)
            {
                out.push(f);
            }
        }
        if matches!(row.dimension, Dimension::WorkMode | Dimension::Department) {
            out.extend(overload_findings(row, config));
        }
    }
    if suppressed > 0 {
        let f = code("WB-PRIVACY-SUPPRESSED").map(|c| {
            Finding::builder(
                Domain::Wellbeing,
                c,
                Severity::Info,
                format!("{suppressed} cohorts withheld to protect small groups"),
            )
            .detail(format!(
                "Cohorts under the minimum group size ({}; {} for managers), or whose publication \
             would let a reader subtract one cohort from another to learn about fewer people, \
             are not shown.",
                config.min_group(),
                config.manager_min_group()
            ))
            .recommendation(
                "Report on broader cohorts (e.g. by region rather than country) to see more.",
            )
            .build()
        });
        out.extend(f.and_then(Result::ok));
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.severity()));
    out
}

fn describe(cohort: &Cohort) -> String {
    match (
        cohort.get("work_mode"),
        cohort.get("utc_offset"),
        cohort.get("team_distance"),
    ) {
        (Some(m), Some(b), _) => {
            let mut mode = m.to_owned();
            if let Some(first) = mode.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            format!("{mode} staff in {b}")
        }
        (_, _, Some(d)) => format!("Staff {d}"),
        _ => format!("Staff in {cohort}"),
    }
}

fn burden_finding(row: &CohortRow, x: f64, ratio: f64, config: &ReportConfig) -> Option<Finding> {
    let s = &row.stats;
    let who = describe(&row.cohort);
    let tail = match (
        s.high_burnout_share.published(),
        s.high_risk_share.published(),
    ) {
        (Some(p), _) => format!("; {:.0}% are in the high burnout band", p * 100.0),
        (None, Some(p)) => format!("; {:.0}% are in the high risk band", p * 100.0),
        _ => String::new(),
    };
    let title = format!("{who} average {x:.1} after-hours hours a week, {ratio:.1}× onsite{tail}");
    let code_str = if row.dimension == Dimension::TeamDistance {
        "WB-TEAM-DISTANCE-AFTER-HOURS"
    } else {
        "WB-TZ-AFTER-HOURS"
    };
    let severity = if ratio >= 2.0 {
        Severity::High
    } else {
        Severity::Medium
    };
    let mut b = Finding::builder(Domain::Wellbeing, code(code_str)?, severity, title.clone())
        .detail(format!(
            "{title}. The after-hours line is {:.1} h/week; onsite staff average {:.1}.",
            f64::from(config.thresholds.get(Signal::AfterHoursHours)),
            x / ratio
        ))
        .cohort(row.cohort.clone())
        .recommendation(
            "Rotate recurring meeting times across time zones, move status updates to \
             asynchronous channels, and agree protected quiet hours for this group.",
        );
    if let Some(n) = s.headcount.published() {
        b = b.affected(n);
    }
    if let Ok(m) = Metric::new("after-hours collaboration", x) {
        b = b.metric(
            m.with_threshold(f64::from(config.thresholds.get(Signal::AfterHoursHours)))
                .with_unit("hours/week"),
        );
    }
    b.build().ok()
}

fn overload_findings(row: &CohortRow, config: &ReportConfig) -> Vec<Finding> {
    let s = &row.stats;
    let t = &config.thresholds;
    let mut out = Vec::new();
    let who = describe(&row.cohort);
    let mut push = |code_str: &str,
                    sev: Severity,
                    title: String,
                    metric: &str,
                    v: f64,
                    line: f64,
                    unit: &str,
                    rec: &str| {
        let Some(c) = code(code_str) else {
            return;
        };
        let mut b = Finding::builder(Domain::Wellbeing, c, sev, title)
            .cohort(row.cohort.clone())
            .recommendation(rec);
        if let Some(n) = s.headcount.published() {
            b = b.affected(n);
        }
        if let Ok(m) = Metric::new(metric, v) {
            b = b.metric(m.with_threshold(line).with_unit(unit));
        }
        out.extend(b.build().ok());
    };
    if let Some(c) = s.collaboration.published() {
        let line = f64::from(t.get(Signal::CollaborationHours));
        if c > line {
            push(
                "WB-COLLAB-OVERLOAD",
                Severity::Medium,
                format!("{who} average {c:.1} collaboration hours a week (over {line:.0})"),
                "collaboration",
                c,
                line,
                "hours/week",
                "Cut recurring meetings and large invite lists; make some meetings optional.",
            );
        }
    }
    if let Some(f) = s.focus.published() {
        let line = f64::from(t.get(Signal::FocusHours));
        if f < line {
            push(
                "WB-LOW-FOCUS",
                Severity::Medium,
                format!("{who} average {f:.1} focus hours a week (under {line:.0})"),
                "focus time",
                f,
                line,
                "hours/week",
                "Introduce meeting-free blocks or days and protect focus time in calendars.",
            );
        }
    }
    if let Some(p) = s.high_risk_share.published()
        && p >= config.high_risk_share
    {
        {
            push(
                "WB-HIGH-RISK-SHARE",
                if p >= 2.0 * config.high_risk_share {
                    Severity::High
                } else {
                    Severity::Medium
                },
                format!(
                    "{:.0}% of {} are in the high burnout-risk band",
                    p * 100.0,
                    who.to_lowercase()
                ),
                "high-risk share",
                p,
                config.high_risk_share,
                "share",
                "Review workload and after-hours patterns with this group's leads; offer support resources.",
            );
        }
    }
    out
}

/// Cross-domain parts:
///
/// - [`charts`](Audit::charts): one stacked bar chart, burnout-risk bands by work mode
///   (low, moderate and high, each as a share of the mode's staff), drawn only for work
///   modes whose cohort the guard published.
/// - [`compare_group`](Audit::compare_group): another domain's group against everyone
///   else assessed: the share in the high CBI burnout band (responders), the share in
///   the high risk band (everyone assessed), each with Fisher's exact two-sided p-value,
///   and the mean WHO-5 score (no test). The rules of the cohorts apply: every
///   population (members, with signals, responders) of the group and of the rest must be
///   zero or at least the minimum group size (the manager-facing minimum when the group's
///   assessed members all report to one manager), and no published cohort may differ
///   from the group by fewer than the minimum; otherwise both sides are suppressed. With
///   [`LaplaceNoise`] the values and counts are noised (seeded by the report's seed and
///   the group's key) and no p-value is given, since it would be computed from exact
///   counts. Individual scores never leave.
///
///   The report also remembers the groups it has released (published) through
///   `compare_group`, as the sets of assessed rows, and refuses a new group (both
///   sides suppressed as [`Suppression::Complementary`], as for the cohort rule) when,
///   for some released group and some population, the people in exactly one of the two
///   number more than zero and fewer than the minimum (the larger of the two groups'
///   minimums) — or the same holds for the new group against the released group's
///   rest, which was published too. So two groups that differ by one or two people
///   cannot both be released, whatever the order. Asking for a released group again is
///   not differencing: it gets the same answer. The history is shared by all clones of
///   a report (they are the same report), guarded by a lock (a poisoned lock is
///   recovered, the history being always consistent), ignored by equality and never
///   serialised (a deserialised report compares nothing). The check is pairwise: a
///   union or intersection of several released groups against another is not checked,
///   as layer 3 does not check unions of cohorts across cuts.
/// - [`groups`](Audit::groups): none. Every group this crate could offer (high burnout,
///   worsening trends, heavy after-hours work) is health data about named people; other
///   domains get wellbeing only as guarded aggregates, through `compare_group`.
impl Audit for CohortReport {
    fn domain(&self) -> Domain {
        Domain::Wellbeing
    }
    fn coverage(&self) -> &remit_core::Coverage {
        &self.coverage
    }
    fn findings(&self) -> &[Finding] {
        &self.findings
    }
    fn groups(&self) -> Vec<EmployeeGroup> {
        Vec::new()
    }
    fn compare_group(
        &self,
        group: &EmployeeGroup,
        _disclosure: &mut remit_core::disclosure::Disclosure,
    ) -> Result<Vec<GroupComparison>, remit_core::disclosure::DisclosureError> {
        Ok(self.people.compare(group))
    }
    fn charts(&self) -> &[Chart] {
        &self.charts
    }
}

impl CohortReport {
    fn build_charts(&self) -> Vec<Chart> {
        let mut bands: [Vec<Point>; 3] = Default::default();
        for mode in WorkMode::ALL {
            let cohort = Cohort::all().with("work_mode", mode);
            let Some(s) = self.published(&cohort) else {
                continue;
            };
            let (Some(high), Some(moderate)) = (
                s.high_risk_share.published(),
                s.moderate_risk_share.published(),
            ) else {
                continue;
            };
            let low = (1.0 - high - moderate).max(0.0);
            let label = mode.to_string();
            for (series, y) in bands.iter_mut().zip([low, moderate, high]) {
                series.push(Point::category(label.clone(), y));
            }
        }
        if bands[0].is_empty() {
            return Vec::new();
        }
        let mut chart = Chart::new(
            "wellbeing-risk-bands-by-work-mode",
            "Burnout-risk bands by work mode",
            ChartKind::StackedBar,
        )
        .with_axes("work mode", "share of staff")
        .with_value_scale(ValueScale::Share);
        // The bands run from calm to alarming, so the high band is never drawn in a
        // reassuring colour.
        for ((band, tone), points) in [
            (RiskBand::Low, Tone::Calm),
            (RiskBand::Moderate, Tone::Elevated),
            (RiskBand::High, Tone::Alarming),
        ]
        .iter()
        .zip(bands)
        {
            chart = chart.with_series(Series::new(band.to_string(), points).with_tone(*tone));
        }
        vec![chart]
    }
}
