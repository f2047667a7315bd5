//! Offboarding retrieval: getting equipment back from people who leave.
//!
//! When an employee leaves (their `left_on` date), every asset they still hold opens a
//! [`Retrieval`] with a return SLA (default 30 days, after Workwize's 30-day pick-up
//! limit), reminders (default days 3, 6 and 9, Workwize's three reminders three days
//! apart) and an escalation to the manager (default day 10, after the third unanswered
//! reminder, as Deel IT escalates). It ends with an [`Outcome`]: returned (received back
//! at a depot or checked in), gifted (retired as a gift to the leaver), or written off
//! (reported lost or stolen, or otherwise retired).
//!
//! ```
//! use remit_assets::retrieval::{RetrievalPolicy, RetrievalPolicyError};
//!
//! let policy = RetrievalPolicy::default();
//! assert_eq!(policy.sla_days(), 30);
//! assert_eq!(policy.reminder_days(), &[3, 6, 9]);
//! // A reminder after the deadline is refused, naming the field's value.
//! assert_eq!(
//!     RetrievalPolicy::new(30, vec![3, 40], 10),
//!     Err(RetrievalPolicyError::Reminders(vec![3, 40]))
//! );
//! ```

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use remit_core::privacy::{Disclosed, DisclosureGuard, PrivacyError};
use remit_core::{AssetId, CountryCode, EmployeeId, Workforce};

use crate::fleet::{AssetHistory, Fleet};
use crate::lifecycle::{Custodian, Disposition, Lifecycle, Status, step};
use remit_core::fast_hash::FastHashMap;

/// A retrieval policy was inconsistent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RetrievalPolicyError {
    /// The SLA was zero or above 365 days.
    #[error("retrieval policy: field `sla_days` must be 1-365, got {0}")]
    Sla(u32),
    /// Reminders were not strictly increasing, or not before the SLA.
    #[error(
        "retrieval policy: field `reminder_days` must increase strictly and stay within 1..sla_days, got {0:?}"
    )]
    Reminders(Vec<u32>),
    /// Escalation after the SLA.
    #[error(
        "retrieval policy: field `escalate_after_days` ({escalate}) must be at most sla_days ({sla})"
    )]
    Escalation {
        /// The escalation day.
        escalate: u32,
        /// The SLA.
        sla: u32,
    },
}

/// Return deadline, reminders and escalation, in days after the leaving date.
///
/// Invariants: see [`RetrievalPolicy::new`]; a deserialised policy is checked by it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RetrievalPolicyRepr", into = "RetrievalPolicyRepr")
)]
pub struct RetrievalPolicy {
    sla_days: u32,
    reminder_days: Vec<u32>,
    escalate_after_days: u32,
}

impl Default for RetrievalPolicy {
    /// 30-day SLA, reminders on days 3, 6 and 9, escalation on day 10.
    fn default() -> Self {
        Self {
            sla_days: 30,
            reminder_days: vec![3, 6, 9],
            escalate_after_days: 10,
        }
    }
}

impl RetrievalPolicy {
    /// A policy.
    ///
    /// # Errors
    ///
    /// [`RetrievalPolicyError`] unless `1 ≤ sla ≤ 365`, reminders strictly increase
    /// within `1..sla`, and escalation is at most the SLA.
    pub fn new(
        sla_days: u32,
        reminder_days: Vec<u32>,
        escalate_after_days: u32,
    ) -> Result<Self, RetrievalPolicyError> {
        if sla_days == 0 || sla_days > 365 {
            return Err(RetrievalPolicyError::Sla(sla_days));
        }
        let increasing = reminder_days.windows(2).all(|w| w[0] < w[1]);
        if !increasing || reminder_days.iter().any(|d| *d == 0 || *d >= sla_days) {
            return Err(RetrievalPolicyError::Reminders(reminder_days));
        }
        if escalate_after_days > sla_days {
            return Err(RetrievalPolicyError::Escalation {
                escalate: escalate_after_days,
                sla: sla_days,
            });
        }
        Ok(Self {
            sla_days,
            reminder_days,
            escalate_after_days,
        })
    }
    /// Days allowed for the return.
    pub fn sla_days(&self) -> u32 {
        self.sla_days
    }
    /// Days on which reminders go out.
    pub fn reminder_days(&self) -> &[u32] {
        &self.reminder_days
    }
    /// The day the case escalates to the manager.
    pub fn escalate_after_days(&self) -> u32 {
        self.escalate_after_days
    }
}

/// The stored form of a [`RetrievalPolicy`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct RetrievalPolicyRepr {
    sla_days: u32,
    reminder_days: Vec<u32>,
    escalate_after_days: u32,
}

#[cfg(feature = "serde")]
impl TryFrom<RetrievalPolicyRepr> for RetrievalPolicy {
    type Error = RetrievalPolicyError;

    fn try_from(r: RetrievalPolicyRepr) -> Result<Self, Self::Error> {
        RetrievalPolicy::new(r.sla_days, r.reminder_days, r.escalate_after_days)
    }
}

#[cfg(feature = "serde")]
impl From<RetrievalPolicy> for RetrievalPolicyRepr {
    fn from(p: RetrievalPolicy) -> Self {
        RetrievalPolicyRepr {
            sla_days: p.sla_days,
            reminder_days: p.reminder_days,
            escalate_after_days: p.escalate_after_days,
        }
    }
}

/// How a retrieval ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Outcome {
    /// Back at a depot or checked in.
    Returned {
        /// When.
        on: NaiveDate,
    },
    /// Retired as a gift to the leaver.
    Gifted {
        /// When.
        on: NaiveDate,
    },
    /// Reported lost or stolen, or retired without coming back.
    WrittenOff {
        /// When.
        on: NaiveDate,
    },
}

impl Outcome {
    /// When the case closed.
    pub fn on(&self) -> NaiveDate {
        match *self {
            Outcome::Returned { on } | Outcome::Gifted { on } | Outcome::WrittenOff { on } => on,
        }
    }
}

/// Where an open case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Opened, no reminder yet.
    Open,
    /// Reminders sent.
    Reminded {
        /// How many.
        sent: usize,
    },
    /// Escalated to the manager.
    Escalated,
    /// Past the SLA.
    Overdue {
        /// Days past the due date.
        days_late: i64,
    },
    /// Closed.
    Closed(Outcome),
}

/// One asset to get back from one leaver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retrieval {
    /// The asset.
    pub asset: AssetId,
    /// The leaver.
    pub employee: EmployeeId,
    /// The leaver's country.
    pub country: CountryCode,
    /// The leaving date, when the case opened.
    pub opened_on: NaiveDate,
    /// The SLA deadline.
    pub due_on: NaiveDate,
    /// The outcome, if closed by the as-of date.
    pub outcome: Option<Outcome>,
}

impl Retrieval {
    /// The reminder dates under `policy`.
    pub fn reminders(&self, policy: &RetrievalPolicy) -> Vec<NaiveDate> {
        policy
            .reminder_days
            .iter()
            .filter_map(|d| self.opened_on.checked_add_days(Days::new(u64::from(*d))))
            .collect()
    }

    /// The escalation date under `policy`.
    pub fn escalation_on(&self, policy: &RetrievalPolicy) -> Option<NaiveDate> {
        self.opened_on
            .checked_add_days(Days::new(u64::from(policy.escalate_after_days)))
    }

    /// Where the case stands at the end of `as_of`.
    pub fn stage(&self, policy: &RetrievalPolicy, as_of: NaiveDate) -> Stage {
        if let Some(o) = self.outcome.filter(|o| o.on() <= as_of) {
            return Stage::Closed(o);
        }
        if as_of > self.due_on {
            return Stage::Overdue {
                days_late: (as_of - self.due_on).num_days(),
            };
        }
        if self.escalation_on(policy).is_some_and(|e| e <= as_of) {
            return Stage::Escalated;
        }
        let sent = self
            .reminders(policy)
            .iter()
            .filter(|d| **d <= as_of)
            .count();
        if sent > 0 {
            Stage::Reminded { sent }
        } else {
            Stage::Open
        }
    }

    /// Whether the asset is still out past its deadline on `as_of`.
    pub fn is_overdue(&self, as_of: NaiveDate) -> bool {
        as_of > self.due_on && self.outcome.is_none_or(|o| o.on() > as_of)
    }

    /// Whether it came back after the deadline.
    pub fn returned_late(&self) -> bool {
        matches!(self.outcome, Some(Outcome::Returned { on }) if on > self.due_on)
    }
}

/// Opens a retrieval for every asset a leaver held on their leaving date (up to `as_of`)
/// and follows each asset's history to its outcome.
pub fn retrievals<W: Workforce + ?Sized, F: Fleet + ?Sized>(
    workforce: &W,
    assets: &F,
    policy: &RetrievalPolicy,
    as_of: NaiveDate,
) -> Vec<Retrieval> {
    let leavers = leavers(workforce, as_of);
    let mut out = Vec::new();
    if leavers.is_empty() {
        return out;
    }
    for a in assets.assets() {
        follow(&a, &leavers, policy, as_of, &mut out);
    }
    out
}

/// Leavers (left by `as_of`) with their leaving date and country.
pub(crate) type Leavers = FastHashMap<EmployeeId, (NaiveDate, CountryCode)>;

/// The [`Leavers`] of a workforce.
pub(crate) fn leavers<W: Workforce + ?Sized>(workforce: &W, as_of: NaiveDate) -> Leavers {
    workforce
        .employees()
        .filter_map(|e| {
            e.left_on()
                .filter(|l| *l <= as_of)
                .map(|l| (e.id(), (l, e.country())))
        })
        .collect()
}

/// Follows one asset's history up to `as_of`: appends its retrieval cases (see
/// [`retrievals`]) to `out` and returns its state at the end of `as_of` (as
/// [`AssetHistory::state_on`] folds it), so a report reads each history once.
pub(crate) fn follow<H: AssetHistory + ?Sized>(
    a: &H,
    leavers: &Leavers,
    policy: &RetrievalPolicy,
    as_of: NaiveDate,
    out: &mut Vec<Retrieval>,
) -> Lifecycle {
    let id = a.id();
    let sla = Days::new(u64::from(policy.sla_days));
    let mut state = a.initial_state();
    let mut case: Option<Retrieval> = None;
    // The last holder looked up among the leavers, and what the lookup found: a holder
    // keeps an asset for several events, and only a hand-over changes who holds it.
    let mut looked_up: Option<(EmployeeId, Option<(NaiveDate, CountryCode)>)> = None;
    let mut leaver = |employee: EmployeeId| match looked_up {
        Some((who, found)) if who == employee => found,
        _ => {
            let found = leavers.get(&employee).copied();
            looked_up = Some((employee, found));
            found
        }
    };
    let open = |employee: EmployeeId, (left, country): (NaiveDate, CountryCode)| Retrieval {
        asset: id,
        employee,
        country,
        opened_on: left,
        due_on: left.checked_add_days(sla).unwrap_or(left),
        outcome: None,
    };
    for (on, transition) in a.transitions() {
        if on > as_of {
            break;
        }
        if case.is_none()
            && let Some(holder) = state.status().holder().or(match state.custodian() {
                Custodian::Employee(e) => Some(e),
                _ => None,
            })
            && let Some(found) = leaver(holder)
            && found.0 <= on
        {
            case = Some(open(holder, found));
        }
        state = step(state, on, transition);
        if let Some(c) = case.as_mut()
            && let Some(outcome) = closing(&state, on)
        {
            c.outcome = Some(outcome);
            out.extend(case.take());
        }
    }
    if case.is_none()
        && let Some(holder) = state.status().holder()
        && let Some(found) = leaver(holder)
    {
        case = Some(open(holder, found));
    }
    out.extend(case);
    state
}

/// How a leaver's retrieval ends with the asset in `state` after an event dated `on`:
/// gifted when retired as a gift; written off when retired otherwise, written off or
/// missing; returned as soon as the company holds it again by any path (received or
/// checked in at a depot, back from repair, recovered, or handed to a repair vendor);
/// still open while the leaver, a carrier or someone else holds it.
fn closing(state: &Lifecycle, on: NaiveDate) -> Option<Outcome> {
    match (state.status(), state.custodian()) {
        (Status::Retired(Disposition::GiftedToEmployee { .. }), _) => Some(Outcome::Gifted { on }),
        (Status::Retired(_) | Status::WrittenOff | Status::Missing(_), _) => {
            Some(Outcome::WrittenOff { on })
        }
        (_, Custodian::Depot | Custodian::RepairVendor) => Some(Outcome::Returned { on }),
        _ => None,
    }
}

/// Recovery in one country, published through the disclosure guard.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryRecovery {
    /// The country.
    pub country: CountryCode,
    /// Leavers with at least one retrieval due by the as-of date.
    pub leavers: Disclosed<u64>,
    /// Returned assets over assets due, when the leaver count may be published.
    pub recovery_rate: Disclosed<f64>,
}

/// Recovery rate by country: of the retrievals due by `as_of`, the share returned. The
/// number of leavers behind each rate goes through `guard`; a country whose count is
/// suppressed has its rate suppressed too.
///
/// # Errors
///
/// [`PrivacyError`] from the guard.
pub fn recovery_by_country(
    cases: &[Retrieval],
    guard: &DisclosureGuard,
    as_of: NaiveDate,
) -> Result<Vec<CountryRecovery>, PrivacyError> {
    #[derive(Default)]
    struct Tally {
        leavers: std::collections::BTreeSet<EmployeeId>,
        due: u64,
        returned: u64,
    }
    let mut by_country: BTreeMap<CountryCode, Tally> = BTreeMap::new();
    for c in cases.iter().filter(|c| c.due_on <= as_of) {
        let t = by_country.entry(c.country).or_default();
        t.leavers.insert(c.employee);
        t.due += 1;
        if matches!(c.outcome, Some(Outcome::Returned { on }) if on <= as_of) {
            t.returned += 1;
        }
    }
    let counts: Vec<(CountryCode, u64)> = by_country
        .iter()
        .map(|(k, t)| (*k, t.leavers.len() as u64))
        .collect();
    let protected = guard.protect_counts(counts)?;
    Ok(protected
        .cells()
        .iter()
        .map(|(country, leavers)| {
            let rate = by_country
                .get(country)
                .map_or(0.0, |t| t.returned as f64 / t.due.max(1) as f64);
            CountryRecovery {
                country: *country,
                leavers: *leavers,
                recovery_rate: leavers.map(|_| rate),
            }
        })
        .collect())
}
