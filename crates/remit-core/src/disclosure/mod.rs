//! Disclosure control: the one engine through which every figure about people that any
//! remit crate publishes is released.
//!
//! # The threat
//!
//! The reader to protect against is an insider who reads *every* figure remit publishes
//! — every table, every finding's text and metric, every chart, every group comparison,
//! refusals included — and knows the public org chart: who works in which team,
//! department, country, work mode and time zone. Guarding each table on its own does
//! not stop that reader: the band total minus the onsite and remote cells of the same
//! band is the hybrid cell, whatever each table suppressed.
//!
//! # The rule
//!
//! Every figure is about one *group* of one *population* (the people whose values the
//! figure sums: a work mode's survey responders, a country's employees). A domain asks
//! the engine before publishing a group's figures ([`Disclosure::release`]); the engine
//! keeps, per population, the finest partition of people that all granted groups induce
//! — people in exactly the same granted groups form one **atom** — and grants a group
//! only if, refined by it, every non-empty atom still holds at least `k` people
//! ([`MinGroupSize`], default 5).
//!
//! **Guarantee.** Every published figure of a population is a function of the sum of a
//! value over a granted group. Any sum a reader can compute by adding and subtracting
//! published sums is a linear combination of granted groups' indicator vectors; such a
//! combination is constant on every atom, so its support is a union of whole atoms.
//! With every atom at least `k` people, no computable sum describes fewer than `k`
//! people — not one person, not a pair, not a suppressed cell. The adversary test suite
//! (`tests/adversary.rs` in the `remit` crate) checks this with exact linear algebra on
//! random organisations through every domain.
//!
//! **The rank test, for small populations.** The atom rule is stricter than it needs to
//! be: a group that leaves a small atom is harmless when no combination of what is
//! published isolates that atom (two one-way cuts whose crossing cells are small, with
//! the crossing itself unpublished). For populations of at most
//! [`DisclosurePolicy::rank_test_limit`] people (default 2 000) the engine keeps the
//! granted groups as rows over atoms and grants a group only if no non-zero
//! combination of the rows vanishes on every atom of at least `k` people — the same
//! guarantee (a combination describing fewer than `k` people is supported on small atoms
//! alone), decided by exact elimination, with more published. Larger populations use the
//! atom rule, whose cost is linear. The rule of a population is chosen when it is first
//! registered and kept for its life.
//!
//! **Refusals are public.** The decision reads only which people are in which group,
//! never their values ("simulatable auditing", Kenthapadi, Mishra & Nissim, PODS 2005),
//! so a refusal tells the reader nothing the org chart does not. The reason is one of
//! [`Suppression`]: the group is under the minimum, or it would isolate a small group.
//!
//! **Populations.** Survey averages are over responders, behavioural averages over
//! people with signals, promotion rates over the people in the analysis: each domain
//! registers each population it publishes about ([`Disclosure::register`]), and the
//! rule applies per population. Figures of different populations are sums of different
//! values, so no combination mixes them. The decision therefore depends on *who is in*
//! a population (who responded to the survey). remit treats that as low-sensitivity
//! information, as survey tools do when they publish response counts per team; a
//! caller to whom response status is sensitive should register survey figures over the
//! members (non-responders counting as missing) rather than over the responders.
//!
//! **Order decides what survives.** The rule is greedy: a group released early can make
//! a later one unpublishable. Domains publish their headline cuts first (everyone, work
//! mode, time-zone band, country, department, work mode × band, then finer cuts such as
//! manager teams), and within a cut the largest cells first
//! ([`Disclosure::release_cells`]), so suppression falls on small cells; no separate
//! complementary-suppression step is needed.
//!
//! **State.** The engine remembers what it granted. Keep one engine for everything one
//! reader sees, build every report with it, and save it (serde) for the next run: a
//! figure next week over a group that differs from this week's by one joiner or leaver
//! is then refused, which protects that person's stable values (benefit value,
//! promotion outcome). A report's [`Population`] handles work only with the engine that
//! made them.
//!
//! **Noise, where chosen.** Groups the exact rule refuses (a cross-domain group after
//! fine cuts were published) may be answered with calibrated Laplace noise under a
//! privacy budget ([`NoisePolicy`]): the noise is keyed by the group's membership, so
//! the same group always gets the same answer and different groups independent noise.
//!
//! # What is not covered
//!
//! - **Non-linear statistics** (regression coefficients, p-values, medians, survival
//!   curves) are published only for granted groups, but the guarantee is proved for sums;
//!   a reader combining non-linear statistics of overlapping groups is outside the proof.
//!   Domains publish such statistics only for large groups and, for Kaplan–Meier curves,
//!   only steps whose risk set holds at least `k` people.
//! - **Shared values.** A granted group whose members all share a value (everyone in the
//!   high risk band) reveals each member's value. The atom rule bounds *how few* people a
//!   figure describes, not how varied they are (that would be l-diversity); domains
//!   phrase such findings about the group, and noise can blur them.
//! - **Side information.** A reader who already knows some members' values learns more
//!   from any aggregate; no group-size rule prevents that.
//!
//! # Example
//!
//! ```
//! use remit_core::disclosure::{Audience, Decision, Disclosure, DisclosurePolicy, Suppression};
//! use remit_core::{Domain, EmployeeId};
//!
//! let people: Vec<EmployeeId> = (0..13).map(|i| EmployeeId::from_external(&format!("E{i}"))).collect();
//! let mut engine = Disclosure::new(DisclosurePolicy::default());
//! let staff = engine.register(Domain::Wellbeing, "members", people.iter().copied())?;
//!
//! let everyone: Vec<u32> = (0..13).collect();
//! let onsite: Vec<u32> = (0..5).collect();
//! let remote: Vec<u32> = (5..10).collect();
//! assert_eq!(engine.release(&staff, &everyone, Audience::General)?, Decision::Granted);
//! assert_eq!(engine.release(&staff, &onsite, Audience::General)?, Decision::Granted);
//! // Publishing remote too would give hybrid (three people) as total − onsite − remote.
//! assert_eq!(
//!     engine.release(&staff, &remote, Audience::General)?,
//!     Decision::Refused(Suppression::Complementary)
//! );
//! # Ok::<(), remit_core::disclosure::DisclosureError>(())
//! ```

mod compare;
mod comparison;
mod disclosed;
mod engine;
mod ledger;
mod noise;
mod policy;
mod rank;
pub mod verify;

pub use compare::MeanOf;
pub use comparison::GroupComparison;
pub use disclosed::{Disclosed, Suppression};
pub use engine::{Decision, Disclosure, Population, PopulationKey};
pub use policy::{
    Audience, DEFAULT_RANK_TEST_LIMIT, DisclosurePolicy, MinGroupSize, NoisePolicy, Rule,
};

use crate::EmployeeId;

/// The engine was misused or given an invalid setting; a refusal to publish is not an
/// error (it is a [`Decision::Refused`]).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DisclosureError {
    /// A saved [`GroupComparison`] carries a value its setters would not keep: a
    /// non-finite noise scale, or a p-value outside `0..=1` or beside noise or a
    /// suppressed mean.
    #[error(
        "comparison of {metric:?}: field `{field}` holds a value no comparison carries (a p-value needs both means published exactly and lies in 0..=1; a noise scale is finite)"
    )]
    InconsistentComparison {
        /// The compared metric's name.
        metric: String,
        /// Which carried value is impossible: `"p_value"` or `"noise_scale"`.
        field: &'static str,
    },
    /// A minimum group size of zero was requested.
    #[error("minimum group size must be at least 1")]
    ZeroMinimum,
    /// A noise setting out of range.
    #[error(
        "noise policy: field `{field}` = {value} must be positive and finite (budget at least epsilon)"
    )]
    InvalidNoise {
        /// Which setting is out of range: `"epsilon"` or `"budget"`.
        field: &'static str,
        /// The rejected setting (must be positive and finite; the budget at least epsilon).
        value: f64,
    },
    /// One person listed twice in a population.
    #[error("population {population}: employee {member} is listed twice")]
    DuplicateMember {
        /// The population's key, `domain/name` (`"assets/fleet"`).
        population: String,
        /// The employee listed more than once.
        member: EmployeeId,
    },
    /// A group named a member index the population does not have, or one twice.
    #[error(
        "population {population}: member index {index} is out of range or repeated in the group"
    )]
    InvalidMember {
        /// The population's key, `domain/name`.
        population: String,
        /// The offending local index.
        index: u32,
    },
    /// The handle's population is not in this engine.
    #[error(
        "population {population} is not registered in this disclosure engine (pass the engine the report was built with)"
    )]
    UnknownPopulation {
        /// The key, `domain/name`, of the population the handle names.
        population: String,
    },
    /// The handle was made by another engine whose members differ.
    #[error(
        "population {population} was registered in another disclosure engine (pass the engine the report was built with)"
    )]
    ForeignPopulation {
        /// The key, `domain/name`, of the population the handle names.
        population: String,
    },
    /// A statistic's sensitivity, value or range was not usable for noise.
    #[error(
        "statistic {statistic:?}: value and sensitivity must be finite, sensitivity positive, range low < high"
    )]
    InvalidSensitivity {
        /// The name of the statistic whose value, sensitivity or range was refused.
        statistic: String,
    },
    /// A population was registered while its domain's populations are out in a
    /// detached engine ([`Disclosure::detach`]); attach them first.
    #[error(
        "population {population}: its domain is detached from this engine (attach the detached engine first)"
    )]
    Detached {
        /// The population.
        population: String,
    },
    /// [`Disclosure::attach`] was given an engine with another policy.
    #[error("cannot attach a disclosure engine with a different policy")]
    PolicyMismatch,
    /// [`Disclosure::attach`] found a population in both engines.
    #[error("population {population} is in both engines; it was not detached from this one")]
    AlreadyPresent {
        /// The key, `domain/name`, of the population registered in both engines.
        population: String,
    },
    /// A saved state failed validation.
    #[error("invalid saved disclosure state: {reason}")]
    InvalidState {
        /// Which invariant of the saved state failed, in words.
        reason: String,
    },
}
