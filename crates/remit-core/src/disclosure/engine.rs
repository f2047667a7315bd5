//! [`Disclosure`]: the engine every figure about people is released through, and the
//! [`Population`] handles domains release from.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::{Arc, OnceLock};

use crate::EmployeeId;
use crate::domain::Domain;
use std::collections::HashMap;

use foldhash::fast::FixedState;

use super::ledger::{AtomLedger, Refusal};
use super::noise;
use super::policy::{Audience, DisclosurePolicy, Rule};
use super::rank::RankLedger;
use super::{Disclosed, DisclosureError, Suppression};

/// Names one population: the people one domain's figures of one kind are computed over
/// (`wellbeing/responders`: the survey responders, whose scores the wellbeing report
/// averages). Each population has its own ledger: figures over different populations
/// are sums of different values, which no combination can subtract from each other.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PopulationKey {
    domain: Domain,
    name: String,
}

impl PopulationKey {
    /// The key of population `name` of `domain`.
    pub fn new(domain: Domain, name: impl Into<String>) -> Self {
        Self {
            domain,
            name: name.into(),
        }
    }

    /// The domain that owns the population.
    pub fn domain(&self) -> Domain {
        self.domain
    }

    /// The population's name within its domain (`"responders"`).
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for PopulationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", domain_slug(self.domain), self.name)
    }
}

fn domain_slug(domain: Domain) -> &'static str {
    match domain {
        Domain::Assets => "assets",
        Domain::Benefits => "benefits",
        Domain::CollabTools => "collab-tools",
        Domain::PromotionBias => "promotion-bias",
        Domain::Wellbeing => "wellbeing",
    }
}

/// The engine's decision about one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[must_use = "a decision says whether the figures may be published"]
pub enum Decision {
    /// The group's figures may be published. An empty group is always granted: it
    /// describes nobody (domains show it as absent, never as a zero mean).
    Granted,
    /// The group's figures are withheld for this public reason.
    Refused(Suppression),
}

impl Decision {
    /// Whether the figures may be published.
    pub fn is_granted(self) -> bool {
        matches!(self, Decision::Granted)
    }

    /// `value` as published under this decision, or withheld with its reason.
    pub fn disclose<T>(self, value: T) -> Disclosed<T> {
        match self {
            Decision::Granted => Disclosed::Published(value),
            Decision::Refused(reason) => Disclosed::Suppressed(reason),
        }
    }
}

/// A domain's handle on one population of the engine: its members in the domain's own
/// order (local index `i` is the domain's row `i`), mapped to the engine's ledger.
///
/// Obtained from [`Disclosure::register`]; keep it in the report for later releases
/// ([`Disclosure::release`], group comparisons). It works with the engine that
/// registered it and with that engine's saved-and-restored state, and with no other.
#[derive(Debug)]
pub struct Population {
    key: PopulationKey,
    /// The members in local order; shared with the engine's state when the two orders
    /// are the same (a first registration), so a million ids are held once.
    ids: Arc<Vec<EmployeeId>>,
    /// Local index → the ledger's index; `None` when they are equal.
    to_ledger: Option<Vec<u32>>,
    fingerprint: u64,
    /// Member → local index, built on the first [`Population::local`]: a hash index,
    /// because callers look up hundreds of thousands of ids in no particular order and a
    /// binary search over a million ids misses the cache at every step.
    index: OnceLock<HashMap<EmployeeId, u32, FixedState>>,
}

impl Clone for Population {
    fn clone(&self) -> Self {
        Self {
            key: self.key.clone(),
            ids: self.ids.clone(),
            to_ledger: self.to_ledger.clone(),
            fingerprint: self.fingerprint,
            index: OnceLock::new(),
        }
    }
}

impl Population {
    /// Which population this is.
    pub fn key(&self) -> &PopulationKey {
        &self.key
    }

    /// The number of members (local indices run `0..len()`).
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the population has no members.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The members, in local order.
    pub fn members(&self) -> &[EmployeeId] {
        &self.ids
    }

    /// The local index of `id`, if a member.
    pub fn local(&self, id: EmployeeId) -> Option<u32> {
        self.index
            .get_or_init(|| {
                let mut index =
                    HashMap::with_capacity_and_hasher(self.ids.len(), FixedState::default());
                for (i, &id) in self.ids.iter().enumerate() {
                    index.insert(id, i as u32);
                }
                index
            })
            .get(&id)
            .copied()
    }

    /// The local indices of the members among `ids` (others ignored), ascending.
    pub fn locals<'a>(&self, ids: impl IntoIterator<Item = &'a EmployeeId>) -> Vec<u32> {
        let mut locals: Vec<u32> = ids.into_iter().filter_map(|&id| self.local(id)).collect();
        locals.sort_unstable();
        locals.dedup();
        locals
    }

    /// The local indices of everyone not among `locals` (ascending; `locals` ascending).
    pub fn complement(&self, locals: &[u32]) -> Vec<u32> {
        let mut rest = Vec::with_capacity(self.len().saturating_sub(locals.len()));
        let mut inside = locals.iter().copied().peekable();
        for i in 0..self.len() as u32 {
            if inside.peek() == Some(&i) {
                inside.next();
            } else {
                rest.push(i);
            }
        }
        rest
    }

    /// `members` (local indices) as the ledger's indices: the same slice when the two
    /// numberings agree (a first registration), so a release of a million people copies
    /// nothing.
    ///
    /// # Errors
    ///
    /// [`DisclosureError::InvalidMember`] naming the first index out of range.
    fn to_ledger_indices<'m>(&self, members: &'m [u32]) -> Result<Cow<'m, [u32]>, DisclosureError> {
        let invalid = |index| DisclosureError::InvalidMember {
            population: self.key.to_string(),
            index,
        };
        match &self.to_ledger {
            None => match members
                .iter()
                .find(|&&local| local as usize >= self.ids.len())
            {
                Some(&local) => Err(invalid(local)),
                None => Ok(Cow::Borrowed(members)),
            },
            Some(map) => members
                .iter()
                .map(|&local| {
                    map.get(local as usize)
                        .copied()
                        .ok_or_else(|| invalid(local))
                })
                .collect::<Result<Vec<u32>, _>>()
                .map(Cow::Owned),
        }
    }

    fn ledger_index(&self, local: u32) -> Option<u32> {
        match &self.to_ledger {
            None => ((local as usize) < self.ids.len()).then_some(local),
            Some(map) => map.get(local as usize).copied(),
        }
    }
}

/// One population's state in the engine.
#[derive(Debug, Clone, Default)]
struct PopulationState {
    /// Ledger index → person; departed people stay (their atoms still protect them).
    /// Shared with the first registration's [`Population`]; copied on write when a
    /// later registration adds people while that handle is alive.
    ids: Arc<Vec<EmployeeId>>,
    /// Person → ledger index, built when a second registration needs it.
    index: Option<HashMap<EmployeeId, u32, FixedState>>,
    ledger: Ledger,
    /// Fingerprints of the handles checked against this state.
    verified: Vec<u64>,
    /// Released groups (ledger indices), when the policy keeps a log.
    log: Vec<Vec<u32>>,
}

/// How a population is decided: the rank test for small populations, the atom rule
/// above [`DisclosurePolicy::rank_test_limit`]. Chosen when the population is first
/// registered and kept for its life: a ledger decided by the rank test may hold atoms
/// under `k`, which the atom rule's guarantee does not allow for.
#[derive(Debug, Clone)]
enum Ledger {
    Atoms(AtomLedger),
    Rank(RankLedger),
}

impl Default for Ledger {
    fn default() -> Self {
        Ledger::Atoms(AtomLedger::default())
    }
}

impl Ledger {
    fn partition(&self) -> &AtomLedger {
        match self {
            Ledger::Atoms(atoms) => atoms,
            Ledger::Rank(rank) => rank.atoms(),
        }
    }

    fn partition_mut(&mut self) -> &mut AtomLedger {
        match self {
            Ledger::Atoms(atoms) => atoms,
            Ledger::Rank(rank) => rank.atoms_mut(),
        }
    }

    fn decide(&mut self, set: &[u32], min: u32, commit: bool) -> Result<(), Refusal> {
        match (self, commit) {
            (Ledger::Atoms(atoms), true) => atoms.release(set, min),
            (Ledger::Atoms(atoms), false) => atoms.would_release(set, min),
            (Ledger::Rank(rank), true) => rank.release(set, min),
            (Ledger::Rank(rank), false) => rank.would_release(set, min),
        }
    }
}

/// The disclosure-control engine: decides, for every group whose figures a remit crate
/// wants to publish, whether they may be published, so that no combination of
/// everything published describes fewer than the minimum number of people.
///
/// See the [module documentation](super) for the rule, its proof and its limits.
///
/// # State
///
/// The engine is a ledger: it remembers every group it granted, per population, as the
/// partition those groups induce. Use one engine for everything one reader can see (the
/// [`Scorecard`](https://docs.rs/remit) runs one across all domains), and pass the
/// *same* engine (or its saved state, through serde) to the next run: a figure next week
/// over a group that differs from this week's by one leaver is then refused. The engine
/// is deliberately not `Clone`: two live copies would each grant what together leaks.
#[derive(Debug, Default)]
pub struct Disclosure {
    policy: DisclosurePolicy,
    populations: BTreeMap<PopulationKey, PopulationState>,
    noise_spent: f64,
    noise_charged: BTreeSet<u64>,
    noise_available: bool,
    /// Domains whose populations are out in a detached engine ([`Disclosure::detach`]):
    /// registering one of them here would start a fresh ledger beside the real one.
    detached: BTreeSet<Domain>,
    /// In an engine made by [`Disclosure::detach`]: the domain it was detached for, whose
    /// detachment attaching it ends.
    detached_for: Option<Domain>,
}

impl Disclosure {
    /// An engine that has released nothing yet.
    pub fn new(policy: DisclosurePolicy) -> Self {
        Self {
            policy,
            populations: BTreeMap::new(),
            noise_spent: 0.0,
            noise_charged: BTreeSet::new(),
            noise_available: true,
            detached: BTreeSet::new(),
            detached_for: None,
        }
    }

    /// The policy the engine decides by.
    pub fn policy(&self) -> &DisclosurePolicy {
        &self.policy
    }

    /// The privacy parameter spent by noisy figures so far (0 without noise).
    pub fn noise_spent(&self) -> f64 {
        self.noise_spent
    }

    /// Registers the current members of a population, in the domain's row order, and
    /// returns the handle releases go through.
    ///
    /// Registering a population the engine already knows (a rebuilt report, next week's
    /// run from a saved state) keeps everything already released about it: people seen
    /// before keep their place in the ledger, new people join unreleased, and people
    /// who left stay in the ledger so that their figures stay protected.
    ///
    /// # Errors
    ///
    /// [`DisclosureError::DuplicateMember`] if an id appears twice (a roster listing one
    /// person twice would count them twice); [`DisclosureError::Detached`] if `domain`'s
    /// populations are out in a detached engine (a fresh ledger here would grant what,
    /// together with the detached one's releases, isolates someone). Nothing is
    /// registered then.
    pub fn register(
        &mut self,
        domain: Domain,
        name: &str,
        members: impl IntoIterator<Item = EmployeeId>,
    ) -> Result<Population, DisclosureError> {
        let key = PopulationKey::new(domain, name);
        if self.detached.contains(&domain) {
            return Err(DisclosureError::Detached {
                population: key.to_string(),
            });
        }
        let ids: Arc<Vec<EmployeeId>> = Arc::new(members.into_iter().collect());
        if let Some(id) = crate::duplicates::first_duplicate(ids.iter().copied()) {
            return Err(DisclosureError::DuplicateMember {
                population: key.to_string(),
                member: id,
            });
        }
        let rank_limit = self.policy.rank_test_limit();
        let state = self.populations.entry(key.clone()).or_default();
        let to_ledger = if state.ids.is_empty() {
            state.ids = Arc::clone(&ids);
            state.ledger = if ids.len() <= rank_limit as usize {
                Ledger::Rank(RankLedger::new(ids.len()))
            } else {
                Ledger::Atoms(AtomLedger::new(ids.len()))
            };
            None
        } else {
            let index = state.index.get_or_insert_with(|| {
                let mut index =
                    HashMap::with_capacity_and_hasher(state.ids.len(), FixedState::default());
                for (i, &id) in state.ids.iter().enumerate() {
                    index.insert(id, i as u32);
                }
                index
            });
            let mut map = Vec::with_capacity(ids.len());
            let mut added = 0usize;
            for &id in ids.iter() {
                let at = *index.entry(id).or_insert_with(|| {
                    Arc::make_mut(&mut state.ids).push(id);
                    added += 1;
                    (state.ids.len() - 1) as u32
                });
                map.push(at);
            }
            state.ledger.partition_mut().grow(added);
            let identity = map.iter().enumerate().all(|(i, &g)| g as usize == i)
                && map.len() == state.ids.len();
            (!identity).then_some(map)
        };
        let fingerprint = handle_fingerprint(&ids, to_ledger.as_deref());
        state.verified.push(fingerprint);
        Ok(Population {
            key,
            ids,
            to_ledger,
            fingerprint,
            index: OnceLock::new(),
        })
    }

    /// Decides whether the figures of `members` (local indices of `population`) may be
    /// published to `audience`, and if so records the release.
    ///
    /// The decision depends only on which people are in which released group (and on
    /// the population's membership), never on any value.
    ///
    /// # Errors
    ///
    /// [`DisclosureError::UnknownPopulation`] / [`DisclosureError::ForeignPopulation`]
    /// if the handle does not belong to this engine; [`DisclosureError::InvalidMember`]
    /// if an index is out of range or repeated. Nothing is recorded on error.
    pub fn release(
        &mut self,
        population: &Population,
        members: &[u32],
        audience: Audience,
    ) -> Result<Decision, DisclosureError> {
        self.decide(population, members, audience, true)
    }

    /// Decides like [`Disclosure::release`] without recording anything: whether the
    /// release would be granted now.
    ///
    /// # Errors
    ///
    /// As [`Disclosure::release`].
    pub fn would_release(
        &mut self,
        population: &Population,
        members: &[u32],
        audience: Audience,
    ) -> Result<Decision, DisclosureError> {
        self.decide(population, members, audience, false)
    }

    /// Releases the cells of one cut (a list of groups) largest first, so that when a
    /// small cell forces a complementary suppression the suppressed partner is a small
    /// cell too; ties keep the given order. Returns one decision per cell, in the given
    /// order.
    ///
    /// # Errors
    ///
    /// As [`Disclosure::release`]; cells before the failing one stay released.
    pub fn release_cells(
        &mut self,
        population: &Population,
        cells: &[&[u32]],
        audience: Audience,
    ) -> Result<Vec<Decision>, DisclosureError> {
        let mut order: Vec<usize> = (0..cells.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(cells[i].len()));
        let mut decisions = vec![Decision::Granted; cells.len()];
        for i in order {
            decisions[i] = self.release(population, cells[i], audience)?;
        }
        Ok(decisions)
    }

    fn decide(
        &mut self,
        population: &Population,
        members: &[u32],
        audience: Audience,
        commit: bool,
    ) -> Result<Decision, DisclosureError> {
        let min = self.policy.min_for(audience).get();
        let general = self.policy.min_group().get();
        let rule = self.policy.rule();
        let keep_log = self.policy.keeps_log();
        let state = self.state_for(population)?;
        let ledger_members = population.to_ledger_indices(members)?;
        if let Err(index) = state.ledger.partition_mut().check_members(&ledger_members) {
            let local = members
                .iter()
                .copied()
                .find(|&l| population.ledger_index(l) == Some(index))
                .unwrap_or(index);
            return Err(DisclosureError::InvalidMember {
                population: population.key.to_string(),
                index: local,
            });
        }
        if !members.is_empty() && members.len() < min as usize {
            return Ok(Decision::Refused(Suppression::BelowMinimum));
        }
        let verdict = match rule {
            Rule::MinimumOnlyLeaky => Ok(()),
            Rule::Atoms => state.ledger.decide(&ledger_members, general, commit),
        };
        Ok(match verdict {
            Ok(()) => {
                if commit && keep_log && !ledger_members.is_empty() {
                    state.log.push(ledger_members.into_owned());
                }
                Decision::Granted
            }
            Err(Refusal::TooSmall) => Decision::Refused(Suppression::BelowMinimum),
            Err(Refusal::WouldIsolate) => Decision::Refused(Suppression::Complementary),
        })
    }

    /// Publishes one statistic of `members` with calibrated Laplace noise instead of
    /// recording an exact release: `value` is the exact statistic and `sensitivity` how
    /// much one person can change it (for a mean of values clipped to a range of width
    /// `w` over `n` people, `w / n`).
    ///
    /// Withheld when the group is under the minimum, when noise is off, or when the
    /// budget is spent. The same `statistic` of the same group returns the same figure
    /// without spending budget again. Noisy figures do not refine the ledger: they are
    /// protected by the noise, not by the atom rule.
    ///
    /// # Errors
    ///
    /// As [`Disclosure::release`], and [`DisclosureError::InvalidSensitivity`] unless
    /// `sensitivity` is positive and finite and `value` finite.
    pub fn release_noisy(
        &mut self,
        population: &Population,
        members: &[u32],
        statistic: &str,
        value: f64,
        sensitivity: f64,
    ) -> Result<Disclosed<f64>, DisclosureError> {
        if !(sensitivity.is_finite() && sensitivity > 0.0 && value.is_finite()) {
            return Err(DisclosureError::InvalidSensitivity {
                statistic: statistic.to_owned(),
            });
        }
        let min = self.policy.min_group().get();
        let noise = self.policy.noise().copied();
        let available = self.noise_available;
        let state = self.state_for(population)?;
        let ledger_members = population.to_ledger_indices(members)?;
        if let Err(index) = state.ledger.partition_mut().check_members(&ledger_members) {
            return Err(DisclosureError::InvalidMember {
                population: population.key.to_string(),
                index,
            });
        }
        if members.len() < min as usize {
            return Ok(Disclosed::Suppressed(Suppression::BelowMinimum));
        }
        let Some(noise_policy) = noise.filter(|_| available) else {
            return Ok(Disclosed::Suppressed(Suppression::Complementary));
        };
        let secret = noise_policy.secret();
        let group = noise::membership_fingerprint(
            secret,
            ledger_members
                .iter()
                .map(|&i| state.ids[i as usize].as_uuid().as_u128()),
        );
        let figure = noise::figure_key(secret, &population.key.to_string(), statistic, group);
        if !self.noise_charged.contains(&figure) {
            let spent = self.noise_spent + noise_policy.epsilon();
            if spent > noise_policy.budget() * (1.0 + 1e-12) {
                return Ok(Disclosed::Suppressed(Suppression::BudgetExhausted));
            }
            self.noise_spent = spent;
            self.noise_charged.insert(figure);
        }
        Ok(Disclosed::Published(
            value + noise::laplace(&noise_policy, figure, sensitivity),
        ))
    }

    fn state_for(
        &mut self,
        population: &Population,
    ) -> Result<&mut PopulationState, DisclosureError> {
        let state = self.populations.get_mut(&population.key).ok_or_else(|| {
            DisclosureError::UnknownPopulation {
                population: population.key.to_string(),
            }
        })?;
        if !state.verified.contains(&population.fingerprint) {
            let matches = population.ids.iter().enumerate().all(|(local, id)| {
                population
                    .ledger_index(local as u32)
                    .and_then(|g| state.ids.get(g as usize))
                    == Some(id)
            });
            if !matches {
                return Err(DisclosureError::ForeignPopulation {
                    population: population.key.to_string(),
                });
            }
            state.verified.push(population.fingerprint);
        }
        Ok(state)
    }

    /// Moves the populations of `domain` into a separate engine, so that domain's report
    /// can be built on another thread; give it back with [`Disclosure::attach`].
    /// Populations of different domains never interact, so building domains in parallel
    /// this way decides exactly as building them one after another. The detached engine
    /// publishes no noisy figures (noise is spent by the engine that holds the budget).
    ///
    /// Until the part is attached again, this engine refuses to register populations of
    /// `domain` ([`DisclosureError::Detached`]) and to be saved: a fresh ledger for the
    /// domain beside the detached one would grant groups that, together with the
    /// detached engine's releases, isolate someone. Detaching a domain that is already
    /// out gives an engine that refuses that domain too.
    pub fn detach(&mut self, domain: Domain) -> Disclosure {
        let keys: Vec<PopulationKey> = self
            .populations
            .keys()
            .filter(|k| k.domain == domain)
            .cloned()
            .collect();
        let mut part = Disclosure::new(self.policy);
        part.noise_available = false;
        if !self.detached.insert(domain) {
            // Already out: this engine holds nothing of the domain to hand over.
            part.detached.insert(domain);
            return part;
        }
        part.detached_for = Some(domain);
        for key in keys {
            if let Some(state) = self.populations.remove(&key) {
                part.populations.insert(key, state);
            }
        }
        part
    }

    /// Takes back the populations of an engine made by [`Disclosure::detach`] (or any
    /// engine with the same policy), and allows the domains it holds to be registered
    /// here again.
    ///
    /// # Errors
    ///
    /// [`DisclosureError::PolicyMismatch`] if the policies differ;
    /// [`DisclosureError::AlreadyPresent`] if a population is in both (nothing is moved
    /// then).
    pub fn attach(&mut self, part: Disclosure) -> Result<(), DisclosureError> {
        if part.policy != self.policy {
            return Err(DisclosureError::PolicyMismatch);
        }
        if let Some(key) = part
            .populations
            .keys()
            .find(|k| self.populations.contains_key(k))
        {
            return Err(DisclosureError::AlreadyPresent {
                population: key.to_string(),
            });
        }
        for key in part.populations.keys() {
            self.detached.remove(&key.domain);
        }
        if let Some(domain) = part.detached_for {
            self.detached.remove(&domain);
        }
        self.populations.extend(part.populations);
        Ok(())
    }

    /// The populations the engine holds.
    pub fn populations(&self) -> impl Iterator<Item = &PopulationKey> {
        self.populations.keys()
    }

    /// The groups released from a population so far, as member lists, when the policy
    /// keeps a log ([`DisclosurePolicy::with_release_log`]); `None` otherwise or for an
    /// unknown population. Membership is public information: this is what a reader who
    /// knows the org chart can reconstruct from the published labels.
    pub fn released_groups(&self, key: &PopulationKey) -> Option<Vec<Vec<EmployeeId>>> {
        if !self.policy.keeps_log() {
            return None;
        }
        let state = self.populations.get(key)?;
        Some(
            state
                .log
                .iter()
                .map(|set| set.iter().map(|&i| state.ids[i as usize]).collect())
                .collect(),
        )
    }

    /// The sizes of the non-empty atoms of a population's ledger (the finest groups a
    /// reader can tell apart), ascending; `None` for an unknown population. Every size
    /// is at least the general minimum under the atom rule.
    pub fn atom_sizes(&self, key: &PopulationKey) -> Option<Vec<u32>> {
        let state = self.populations.get(key)?;
        let mut sizes: Vec<u32> = state.ledger.partition().atom_sizes().collect();
        sizes.sort_unstable();
        Some(sizes)
    }

    /// Whether a person was in at least one released group of a population.
    pub fn is_released(&self, key: &PopulationKey, id: EmployeeId) -> bool {
        self.populations.get(key).is_some_and(|state| {
            state
                .ids
                .iter()
                .position(|&x| x == id)
                .is_some_and(|i| state.ledger.partition().is_released(i as u32))
        })
    }
}

fn handle_fingerprint(ids: &[EmployeeId], to_ledger: Option<&[u32]>) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = FixedState::with_seed(0x706f_7075_6c61_7465).build_hasher();
    hasher.write_usize(ids.len());
    for (i, id) in ids.iter().enumerate() {
        hasher.write_u64(id.as_uuid().as_u128() as u64);
        hasher.write_u64((id.as_uuid().as_u128() >> 64) as u64);
        if let Some(map) = to_ledger {
            hasher.write_u64(u64::from(map[i]));
        }
    }
    hasher.finish()
}

#[cfg(feature = "serde")]
mod saved {
    //! The saved form of an engine: what the caller keeps between runs.

    use super::*;

    #[derive(serde::Serialize, serde::Deserialize)]
    pub(super) struct SavedDisclosure {
        policy: DisclosurePolicy,
        populations: Vec<SavedPopulation>,
        noise_spent: f64,
        noise_charged: Vec<u64>,
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    struct SavedPopulation {
        key: PopulationKey,
        members: Vec<EmployeeId>,
        /// Atom of each member (same order); 4294967295 for never released.
        atoms: Vec<u32>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        log: Vec<Vec<u32>>,
        /// For a population decided by the rank test, the granted groups in order (member
        /// positions); restoring replays them.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rank_groups: Option<Vec<Vec<u32>>>,
    }

    impl serde::Serialize for Disclosure {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            if let Some(domain) = self.detached.first() {
                // The saved state would lack the domain's ledger, and the next run would
                // start it afresh.
                return Err(serde::ser::Error::custom(format!(
                    "the {} populations are detached; attach them before saving the engine",
                    domain_slug(*domain)
                )));
            }
            SavedDisclosure {
                policy: self.policy,
                populations: self
                    .populations
                    .iter()
                    .map(|(key, state)| SavedPopulation {
                        key: key.clone(),
                        members: state.ids.to_vec(),
                        atoms: state.ledger.partition().compact_atoms(),
                        log: state.log.clone(),
                        rank_groups: match &state.ledger {
                            Ledger::Rank(rank) => Some(rank.groups().to_vec()),
                            Ledger::Atoms(_) => None,
                        },
                    })
                    .collect(),
                noise_spent: self.noise_spent,
                noise_charged: self.noise_charged.iter().copied().collect(),
            }
            .serialize(serializer)
        }
    }

    impl<'de> serde::Deserialize<'de> for Disclosure {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let saved = SavedDisclosure::deserialize(deserializer)?;
            Disclosure::try_from(saved).map_err(serde::de::Error::custom)
        }
    }

    impl TryFrom<SavedDisclosure> for Disclosure {
        type Error = DisclosureError;

        fn try_from(saved: SavedDisclosure) -> Result<Self, Self::Error> {
            let invalid = |reason: String| DisclosureError::InvalidState { reason };
            let budget = saved.policy.noise().map_or(0.0, |n| n.budget());
            if !(saved.noise_spent.is_finite()
                && saved.noise_spent >= 0.0
                && saved.noise_spent <= budget * (1.0 + 1e-12))
            {
                return Err(invalid(format!(
                    "noise spent {} is outside 0..=budget {budget}",
                    saved.noise_spent
                )));
            }
            let mut engine = Disclosure::new(saved.policy);
            engine.noise_spent = saved.noise_spent;
            engine.noise_charged = saved.noise_charged.into_iter().collect();
            for population in saved.populations {
                let name = population.key.to_string();
                if population.atoms.len() != population.members.len() {
                    return Err(invalid(format!(
                        "population {name}: {} members but {} atoms",
                        population.members.len(),
                        population.atoms.len()
                    )));
                }
                if let Some(dup) =
                    crate::duplicates::first_duplicate(population.members.iter().copied())
                {
                    return Err(DisclosureError::DuplicateMember {
                        population: name,
                        member: dup,
                    });
                }
                let min = saved.policy.min_group().get();
                let ledger = match population.rank_groups {
                    Some(groups) => {
                        let rank = RankLedger::replay(population.members.len(), groups, min)
                            .ok_or_else(|| {
                                invalid(format!(
                                    "population {name}: its granted groups do not replay"
                                ))
                            })?;
                        if rank.atoms().compact_atoms() != population.atoms {
                            return Err(invalid(format!(
                                "population {name}: atoms disagree with its granted groups"
                            )));
                        }
                        Ledger::Rank(rank)
                    }
                    None => {
                        let atoms = AtomLedger::from_atoms(population.atoms).ok_or_else(|| {
                            invalid(format!("population {name}: atom id out of range"))
                        })?;
                        if saved.policy.rule() == Rule::Atoms
                            && let Some(small) = atoms.atom_sizes().find(|&size| size < min)
                        {
                            return Err(invalid(format!(
                                "population {name}: an atom of {small} people is under the minimum {min}"
                            )));
                        }
                        Ledger::Atoms(atoms)
                    }
                };
                if let Some(bad) = population
                    .log
                    .iter()
                    .flatten()
                    .find(|&&i| i as usize >= population.members.len())
                {
                    return Err(invalid(format!(
                        "population {name}: log names member {bad}"
                    )));
                }
                if engine.populations.contains_key(&population.key) {
                    return Err(invalid(format!("population {name} appears twice")));
                }
                engine.populations.insert(
                    population.key,
                    PopulationState {
                        ids: Arc::new(population.members),
                        index: None,
                        ledger,
                        verified: Vec::new(),
                        log: population.log,
                    },
                );
            }
            Ok(engine)
        }
    }
}
