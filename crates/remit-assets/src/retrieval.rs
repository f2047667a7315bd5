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
//! [`retrievals`] is the operational list, one case per asset and leaver, for the people
//! who chase the returns: it names people and must not be published as a statistic. What
//! a report may publish about leavers (how many assets are overdue, recovery by country)
//! is in [`AssetsReport`](crate::AssetsReport), released through the disclosure engine.
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

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use foldhash::fast::FixedState;
use remit_core::{AssetId, CountryCode, EmployeeId, Workforce};

use crate::asset::AssetTag;
use crate::error::Error;
pub use crate::error::RetrievalPolicyError;
use crate::fleet::{AssetHistory, Fleet};
use crate::lifecycle::{Custodian, Disposition, Lifecycle, Status, step};

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
    /// A policy: the return deadline in days after the leaving date (`sla_days`), the
    /// days after it on which reminders go out, and the day the case escalates to the
    /// manager.
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
    /// Days after the leaving date allowed for the return, 1 to 365.
    pub fn sla_days(&self) -> u32 {
        self.sla_days
    }
    /// Days after the leaving date on which reminders go out, increasing, each before
    /// the deadline.
    pub fn reminder_days(&self) -> &[u32] {
        &self.reminder_days
    }
    /// The day after the leaving date on which the case escalates to the leaver's
    /// former manager, at most the deadline.
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
#[non_exhaustive]
pub enum Outcome {
    /// Back with the company: received or checked in at a depot, or with a repair
    /// vendor.
    Returned {
        /// The date it came back.
        on: NaiveDate,
    },
    /// Retired as a gift to the leaver.
    Gifted {
        /// The date it was retired as a gift.
        on: NaiveDate,
    },
    /// Reported lost or stolen, written off, or retired without coming back.
    WrittenOff {
        /// The date it was reported missing, written off or retired.
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
#[non_exhaustive]
pub enum Stage {
    /// Opened, no reminder yet.
    Open,
    /// Reminders sent, no escalation yet.
    Reminded {
        /// How many reminders have gone out (1 to the number of reminder days).
        sent: usize,
    },
    /// Escalated to the leaver's former manager, still before the deadline.
    Escalated,
    /// Past the deadline and still out.
    Overdue {
        /// Whole days past the due date (at least 1).
        days_late: i64,
    },
    /// Closed, with its outcome.
    Closed(Outcome),
}

/// One asset to get back from one leaver: an operational record for the people who chase
/// the return (it names the leaver), never a published figure.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Retrieval {
    /// The asset's id, stable across its whole life.
    pub asset: AssetId,
    /// The caller's tag of the asset (what to ask for back).
    pub tag: AssetTag,
    /// The leaver who held it on their leaving date.
    pub employee: EmployeeId,
    /// The leaver's country (ISO 3166-1 alpha-2).
    pub country: CountryCode,
    /// The leaving date, when the case opened.
    pub opened_on: NaiveDate,
    /// The deadline: the leaving date plus the policy's SLA.
    pub due_on: NaiveDate,
    /// The outcome, if the case closed by the as-of date it was followed to.
    pub outcome: Option<Outcome>,
}

impl Retrieval {
    /// The reminder dates under `policy`, in order.
    pub fn reminders(&self, policy: &RetrievalPolicy) -> Vec<NaiveDate> {
        reminders(self.opened_on, policy)
    }

    /// The escalation date under `policy` (`None` past the supported calendar).
    pub fn escalation_on(&self, policy: &RetrievalPolicy) -> Option<NaiveDate> {
        escalation_on(self.opened_on, policy)
    }

    /// Where the case stands at the end of `as_of`.
    pub fn stage(&self, policy: &RetrievalPolicy, as_of: NaiveDate) -> Stage {
        self.case().stage(policy, as_of)
    }

    /// Whether the asset is still out past its deadline at the end of `as_of`.
    pub fn is_overdue(&self, as_of: NaiveDate) -> bool {
        self.case().is_overdue(as_of)
    }

    /// Whether it came back after the deadline.
    pub fn returned_late(&self) -> bool {
        self.case().returned_late()
    }

    fn case(&self) -> Case {
        Case {
            employee: self.employee,
            leaver: 0,
            country: self.country,
            opened_on: self.opened_on,
            due_on: self.due_on,
            outcome: self.outcome,
        }
    }
}

fn reminders(opened_on: NaiveDate, policy: &RetrievalPolicy) -> Vec<NaiveDate> {
    reminder_dates(opened_on, policy).collect()
}

fn reminder_dates(
    opened_on: NaiveDate,
    policy: &RetrievalPolicy,
) -> impl Iterator<Item = NaiveDate> + '_ {
    policy
        .reminder_days
        .iter()
        .filter_map(move |d| opened_on.checked_add_days(Days::new(u64::from(*d))))
}

fn escalation_on(opened_on: NaiveDate, policy: &RetrievalPolicy) -> Option<NaiveDate> {
    opened_on.checked_add_days(Days::new(u64::from(policy.escalate_after_days)))
}

/// One retrieval case as [`follow`] finds it: a [`Retrieval`] without the asset, which
/// the caller of `follow` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Case {
    pub(crate) employee: EmployeeId,
    /// The leaver's position among the workforce's leavers ([`Leaver::index`]).
    pub(crate) leaver: u32,
    pub(crate) country: CountryCode,
    pub(crate) opened_on: NaiveDate,
    pub(crate) due_on: NaiveDate,
    pub(crate) outcome: Option<Outcome>,
}

impl Case {
    pub(crate) fn stage(&self, policy: &RetrievalPolicy, as_of: NaiveDate) -> Stage {
        if let Some(o) = self.outcome.filter(|o| o.on() <= as_of) {
            return Stage::Closed(o);
        }
        if as_of > self.due_on {
            return Stage::Overdue {
                days_late: (as_of - self.due_on).num_days(),
            };
        }
        if escalation_on(self.opened_on, policy).is_some_and(|e| e <= as_of) {
            return Stage::Escalated;
        }
        let sent = reminder_dates(self.opened_on, policy)
            .filter(|d| *d <= as_of)
            .count();
        if sent > 0 {
            Stage::Reminded { sent }
        } else {
            Stage::Open
        }
    }

    pub(crate) fn is_overdue(&self, as_of: NaiveDate) -> bool {
        as_of > self.due_on && self.outcome.is_none_or(|o| o.on() > as_of)
    }

    pub(crate) fn returned_late(&self) -> bool {
        matches!(self.outcome, Some(Outcome::Returned { on }) if on > self.due_on)
    }
}

/// Opens a retrieval for every asset a leaver held on their leaving date (up to `as_of`)
/// and follows each asset's history to its outcome: the operational list, in fleet
/// order, naming each asset by its tag.
///
/// # Errors
///
/// [`Error::DuplicateEmployee`] when the workforce lists a leaver twice.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_assets::retrieval::{retrievals, RetrievalPolicy, Stage};
/// use remit_assets::{Asset, AssetTag, Category, Command, TrackedAsset};
/// use remit_core::{CountryCode, Currency, Department, Employee, EmployeeId, EventId, JobLevel, Money, Roster, WorkMode};
/// use rust_decimal::Decimal;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let ana = Employee::builder(EmployeeId::from_external("E-1"))
///     .work_mode(WorkMode::Remote)
///     .country(CountryCode::new("PT")?)
///     .time_zone(remit_core::chrono_tz::Europe::Lisbon)
///     .level(JobLevel::new(2))
///     .department(Department::new("Support")?)
///     .hired_on(d(1, 6))
///     .left_on(d(3, 31))
///     .build()?;
/// let laptop = Asset::builder(AssetTag::new("LT-1")?, Category::Laptop)
///     .purchased(d(1, 6), Money::new(Decimal::from(1200), Currency::new("EUR")?))
///     .useful_life_months(36)
///     .build()?;
/// let mut tracked = TrackedAsset::ordered(laptop);
/// tracked.execute(EventId::from_external("r"), &Command::Receive, d(1, 6))?;
/// tracked.execute(EventId::from_external("a"), &Command::Assign { employee: ana.id() }, d(1, 7))?;
///
/// let policy = RetrievalPolicy::default();
/// let cases = retrievals(&Roster::new(vec![ana])?, &[tracked], &policy, d(6, 1))?;
/// assert_eq!(cases[0].tag.as_str(), "LT-1");
/// assert_eq!(cases[0].due_on, d(4, 30));
/// assert_eq!(cases[0].stage(&policy, d(6, 1)), Stage::Overdue { days_late: 32 });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn retrievals<W: Workforce + ?Sized, F: Fleet + ?Sized>(
    workforce: &W,
    assets: &F,
    policy: &RetrievalPolicy,
    as_of: NaiveDate,
) -> Result<Vec<Retrieval>, Error> {
    let leavers = leavers(workforce, as_of)?;
    let mut out = Vec::new();
    if leavers.is_empty() {
        return Ok(out);
    }
    for a in assets.assets() {
        let mut tag = None;
        follow(&a, &leavers, policy, as_of, &mut |case: Case| {
            out.push(Retrieval {
                asset: a.id(),
                tag: tag.get_or_insert_with(|| a.tag()).clone(),
                employee: case.employee,
                country: case.country,
                opened_on: case.opened_on,
                due_on: case.due_on,
                outcome: case.outcome,
            });
        });
    }
    Ok(out)
}

/// A leaver as the retrieval pass needs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Leaver {
    pub(crate) left_on: NaiveDate,
    pub(crate) country: CountryCode,
    /// Position among the workforce's leavers, in workforce order.
    pub(crate) index: u32,
}

/// Leavers (left by `as_of`), by id.
pub(crate) type Leavers = HashMap<EmployeeId, Leaver, FixedState>;

/// The [`Leavers`] of a workforce, numbered in workforce order.
///
/// # Errors
///
/// [`Error::DuplicateEmployee`] for a leaver listed twice.
pub(crate) fn leavers<W: Workforce + ?Sized>(
    workforce: &W,
    as_of: NaiveDate,
) -> Result<Leavers, Error> {
    let mut out = Leavers::default();
    for e in workforce.employees() {
        let Some(left_on) = e.left_on().filter(|l| *l <= as_of) else {
            continue;
        };
        let leaver = Leaver {
            left_on,
            country: e.country(),
            index: u32::try_from(out.len()).map_err(|_| Error::TooManyPeople)?,
        };
        if out.insert(e.id(), leaver).is_some() {
            return Err(Error::DuplicateEmployee { employee: e.id() });
        }
    }
    Ok(out)
}

/// Follows one asset's history up to `as_of`: hands each of its retrieval cases (see
/// [`retrievals`]) to `on_case` and returns its state at the end of `as_of` (as
/// [`AssetHistory::state_on`] folds it), so a report reads each history once.
pub(crate) fn follow<H: AssetHistory + ?Sized>(
    a: &H,
    leavers: &Leavers,
    policy: &RetrievalPolicy,
    as_of: NaiveDate,
    on_case: &mut impl FnMut(Case),
) -> Lifecycle {
    let sla = Days::new(u64::from(policy.sla_days));
    let mut state = a.initial_state();
    let mut case: Option<Case> = None;
    // The last holder looked up among the leavers, and what the lookup found: a holder
    // keeps an asset for several events, and only a hand-over changes who holds it.
    let mut looked_up: Option<(EmployeeId, Option<Leaver>)> = None;
    let mut leaver = |employee: EmployeeId| match looked_up {
        Some((who, found)) if who == employee => found,
        _ => {
            let found = leavers.get(&employee).copied();
            looked_up = Some((employee, found));
            found
        }
    };
    let open = |employee: EmployeeId, leaver: Leaver| Case {
        employee,
        leaver: leaver.index,
        country: leaver.country,
        opened_on: leaver.left_on,
        due_on: leaver
            .left_on
            .checked_add_days(sla)
            .unwrap_or(leaver.left_on),
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
            && found.left_on <= on
        {
            case = Some(open(holder, found));
        }
        state = step(state, on, transition);
        if let Some(c) = case.as_mut()
            && let Some(outcome) = closing(&state, on)
        {
            c.outcome = Some(outcome);
            if let Some(closed) = case.take() {
                on_case(closed);
            }
        }
    }
    if case.is_none()
        && let Some(holder) = state.status().holder()
        && let Some(found) = leaver(holder)
    {
        case = Some(open(holder, found));
    }
    if let Some(open) = case {
        on_case(open);
    }
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
