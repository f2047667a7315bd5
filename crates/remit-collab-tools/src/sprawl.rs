//! Tool sprawl: tools of one category whose enabled capabilities overlap, used side by
//! side by the same people ([`SprawlCluster`]).
//!
//! Which tools are linked is public (capabilities); who is active in two or more of
//! them is not. The people holding a seat on any tool of a linked group form the
//! population `collab-tools/sprawl:<id of the group's first tool>`
//! ([`sprawl_population`]); a group is reported as sprawl only when the engine grants
//! the group of all of them and the released count of people active in two or more of
//! its tools is at least one. The consolidation savings depend on how many of the
//! candidates' active users have no seat on the target, a second sum over the same
//! granted group.

use remit_core::disclosure::{Audience, Decision, Disclosed, Disclosure, PopulationKey};
use remit_core::{Domain, EmployeeId, Money, ToolId};
use rust_decimal::Decimal;

use crate::FastMap;
use crate::error::Error;
use crate::inventory::{Category, Inventory, Tool};
use crate::licence::{in_tool, money_err};
use crate::rubric::AsyncScore;
use crate::usage::SeatActivity;

/// The population of the people holding a seat on any tool of a linked group:
/// `collab-tools/sprawl:<first tool id>`, the group's first tool in inventory order.
pub fn sprawl_population(first_tool: ToolId) -> PopulationKey {
    PopulationKey::new(Domain::CollabTools, sprawl_population_name(first_tool))
}

fn sprawl_population_name(first_tool: ToolId) -> String {
    format!("sprawl:{first_tool}")
}

/// Overlapping tools within one category that the same people use side by side.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SprawlCluster {
    category: Category,
    tools: Vec<ToolId>,
    capability_overlap: f64,
    users_in_two_or_more: Disclosed<u64>,
    target: ToolId,
    candidates: Vec<ToolId>,
    annual_savings: Option<Money>,
}

impl SprawlCluster {
    /// The category the tools share.
    pub fn category(&self) -> Category {
        self.category
    }

    /// The overlapping tools, in inventory order.
    pub fn tools(&self) -> &[ToolId] {
        &self.tools
    }

    /// The smallest capability overlap (Jaccard index of enabled capabilities, 0–1)
    /// between two linked tools of the cluster.
    pub fn capability_overlap(&self) -> f64 {
        self.capability_overlap
    }

    /// The people active in two or more of the tools, as released by the engine. A
    /// cluster is reported only when this was published and is at least one.
    pub fn users_in_two_or_more(&self) -> Disclosed<u64> {
        self.users_in_two_or_more
    }

    /// The tool to consolidate into: the best async score, then the most seat holders,
    /// then the first in the inventory.
    pub fn target(&self) -> ToolId {
        self.target
    }

    /// The tools to retire into the target, in inventory order.
    pub fn candidates(&self) -> &[ToolId] {
        &self.candidates
    }

    /// Net annual savings of consolidating: the candidates' annual licence cost minus
    /// the seats the target must add for their active users who hold no seat on it
    /// (beyond its free seats) at its annual seat price; negative when consolidating
    /// costs more. `None` when no tool of the inventory is licensed.
    pub fn annual_savings(&self) -> Option<Money> {
        self.annual_savings
    }
}

/// A linked group of tools with its population and raw figures, before the engine
/// decides.
pub(crate) struct SprawlCandidate {
    category: Category,
    /// Inventory indices, ascending.
    tools: Vec<usize>,
    capability_overlap: f64,
    target: usize,
    candidates: Vec<usize>,
    /// Everyone holding a seat on a tool of the group: the first tool's seat holders in
    /// seat order, then each later tool's new ones.
    members: Vec<EmployeeId>,
    /// Raw: people active in two or more of the tools.
    users_in_two_or_more: u64,
    annual_savings: Option<Money>,
}

/// Finds every linked group of two or more tools and computes its raw figures.
///
/// # Errors
///
/// [`Error::Money`] if a licence cost overflows, naming the tool.
pub(crate) fn sprawl_candidates(
    inventory: &Inventory,
    scores: &[AsyncScore],
    activity: &[SeatActivity],
    overlap_threshold: f64,
) -> Result<Vec<SprawlCandidate>, Error> {
    let tools = inventory.tools();
    let mut out = Vec::new();
    for category in Category::ALL {
        if category == Category::Other {
            continue;
        }
        let members: Vec<usize> = (0..tools.len())
            .filter(|&i| tools.get(i).is_some_and(|t| t.category() == category))
            .collect();
        for (group, overlap) in linked_groups(tools, &members, overlap_threshold) {
            let Some(&target) = group.iter().max_by_key(|&&i| {
                (
                    scores.get(i).map_or(0, AsyncScore::score),
                    tools.get(i).map_or(0, |t| t.seats().len()),
                    std::cmp::Reverse(i),
                )
            }) else {
                continue;
            };
            let candidates: Vec<usize> = group.iter().copied().filter(|&i| i != target).collect();
            let people = group_people(tools, activity, &group, target);
            let annual_savings = savings(inventory, target, &candidates, people.movers)?;
            out.push(SprawlCandidate {
                category,
                tools: group,
                capability_overlap: overlap,
                target,
                candidates,
                members: people.members,
                users_in_two_or_more: people.in_two_or_more,
                annual_savings,
            });
        }
    }
    Ok(out)
}

/// Registers each candidate group's population, releases the group of all of it, and
/// keeps the groups the engine granted whose released overlap is at least one person.
///
/// # Errors
///
/// [`Error::Disclosure`] if the engine refuses a registration.
pub(crate) fn release_sprawl(
    inventory: &Inventory,
    candidates: Vec<SprawlCandidate>,
    disclosure: &mut Disclosure,
) -> Result<Vec<SprawlCluster>, Error> {
    let tools = inventory.tools();
    let id = |i: usize| tools.get(i).map(Tool::id);
    let mut out = Vec::new();
    for c in candidates {
        let Some(first) = c.tools.first().and_then(|&i| id(i)) else {
            continue;
        };
        let population = disclosure.register(
            Domain::CollabTools,
            &sprawl_population_name(first),
            c.members.iter().copied(),
        )?;
        let everyone: Vec<u32> = (0..population.len() as u32).collect();
        let decision = disclosure.release(&population, &everyone, Audience::General)?;
        if decision != Decision::Granted || c.users_in_two_or_more == 0 {
            continue;
        }
        let Some(target) = id(c.target) else { continue };
        out.push(SprawlCluster {
            category: c.category,
            tools: c.tools.iter().filter_map(|&i| id(i)).collect(),
            capability_overlap: c.capability_overlap,
            users_in_two_or_more: decision.disclose(c.users_in_two_or_more),
            target,
            candidates: c.candidates.iter().filter_map(|&i| id(i)).collect(),
            annual_savings: c.annual_savings,
        });
    }
    Ok(out)
}

/// The groups of `members` (inventory indices of one category) connected by capability
/// overlaps of at least `threshold`, each with two or more tools, with the smallest
/// overlap of a link inside it; ordered by their first tool.
fn linked_groups(tools: &[Tool], members: &[usize], threshold: f64) -> Vec<(Vec<usize>, f64)> {
    if members.len() < 2 {
        return Vec::new();
    }
    let mut parent: Vec<usize> = (0..members.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while let Some(&p) = parent.get(x) {
            if p == x {
                break;
            }
            let grandparent = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(x) {
                *slot = grandparent;
            }
            x = p;
        }
        x
    }
    let mut links = Vec::new();
    for a in 0..members.len() {
        for b in a + 1..members.len() {
            let (Some(ta), Some(tb)) = (
                members.get(a).and_then(|&i| tools.get(i)),
                members.get(b).and_then(|&i| tools.get(i)),
            ) else {
                continue;
            };
            let j = ta.enabled().jaccard(tb.enabled());
            if j >= threshold {
                links.push((a, j));
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                if ra != rb
                    && let Some(slot) = parent.get_mut(ra)
                {
                    *slot = rb;
                }
            }
        }
    }
    let mut groups: Vec<(usize, Vec<usize>, f64)> = Vec::new();
    for local in 0..members.len() {
        let root = find(&mut parent, local);
        let Some(&global) = members.get(local) else {
            continue;
        };
        match groups.iter_mut().find(|(r, _, _)| *r == root) {
            Some((_, list, _)) => list.push(global),
            None => groups.push((root, vec![global], 1.0)),
        }
    }
    for (a, j) in links {
        let root = find(&mut parent, a);
        if let Some((_, _, min)) = groups.iter_mut().find(|(r, _, _)| *r == root) {
            *min = min.min(j);
        }
    }
    groups
        .into_iter()
        .filter(|(_, list, _)| list.len() >= 2)
        .map(|(_, list, min)| (list, min))
        .collect()
}

/// The people of one linked group and its two raw sums.
struct GroupPeople {
    members: Vec<EmployeeId>,
    in_two_or_more: u64,
    movers: u64,
}

/// What one person does across the tools of a group other than its largest.
#[derive(Default, Clone, Copy)]
struct Person {
    active_tools: u8,
    active_in_candidate: bool,
    seat_on_target: bool,
    in_largest: bool,
}

/// Everyone holding a seat on a tool of `group`, how many are active in two or more of
/// its tools, and how many candidates' active users hold no seat on `target`.
///
/// The tools other than the one with most seats are gathered in a map; the largest is
/// then streamed against it, so the map holds the smaller tools' people only.
fn group_people(
    tools: &[Tool],
    activity: &[SeatActivity],
    group: &[usize],
    target: usize,
) -> GroupPeople {
    let seats = |i: usize| tools.get(i).map_or(&[][..], Tool::seats);
    let flags = |i: usize| activity.get(i).map_or(&[][..], |a| a.active.as_slice());
    let Some(&largest) = group
        .iter()
        .max_by_key(|&&i| (seats(i).len(), std::cmp::Reverse(i)))
    else {
        return GroupPeople {
            members: Vec::new(),
            in_two_or_more: 0,
            movers: 0,
        };
    };
    let others: Vec<usize> = group.iter().copied().filter(|&i| i != largest).collect();
    let mut people: FastMap<EmployeeId, Person> = FastMap::with_capacity_and_hasher(
        others.iter().map(|&i| seats(i).len()).sum(),
        Default::default(),
    );
    let mut order: Vec<EmployeeId> = Vec::new();
    for &i in &others {
        for (seat, &active) in seats(i).iter().zip(flags(i)) {
            let p = people.entry(seat.user()).or_insert_with(|| {
                order.push(seat.user());
                Person::default()
            });
            p.active_tools = p.active_tools.saturating_add(u8::from(active));
            p.active_in_candidate |= active && i != target;
            p.seat_on_target |= i == target;
        }
    }
    let mut members: Vec<EmployeeId> = Vec::with_capacity(seats(largest).len() + order.len());
    let mut movers = 0u64;
    for (seat, &active) in seats(largest).iter().zip(flags(largest)) {
        members.push(seat.user());
        match people.get_mut(&seat.user()) {
            Some(p) => {
                p.in_largest = true;
                p.active_tools = p.active_tools.saturating_add(u8::from(active));
                p.active_in_candidate |= active && largest != target;
                p.seat_on_target |= largest == target;
            }
            // Only on the largest tool: a mover if it is a candidate they are active in.
            None => movers += u64::from(active && largest != target),
        }
    }
    let mut in_two_or_more = 0u64;
    for p in people.values() {
        in_two_or_more += u64::from(p.active_tools >= 2);
        movers += u64::from(p.active_in_candidate && !p.seat_on_target);
    }
    members.extend(
        order
            .into_iter()
            .filter(|id| people.get(id).is_some_and(|p| !p.in_largest)),
    );
    GroupPeople {
        members,
        in_two_or_more,
        movers,
    }
}

/// The candidates' annual cost minus the seats the target must add for `movers` people
/// (beyond its free seats) at its annual seat price; `None` without any licence.
fn savings(
    inventory: &Inventory,
    target: usize,
    candidates: &[usize],
    movers: u64,
) -> Result<Option<Money>, Error> {
    let Some(currency) = inventory.currency() else {
        return Ok(None);
    };
    let tools = inventory.tools();
    let mut retired = Money::zero(currency);
    for t in candidates.iter().filter_map(|&c| tools.get(c)) {
        if let Some(l) = t.licence() {
            retired = retired
                .checked_add(&l.annual_cost().map_err(in_tool(t))?)
                .map_err(money_err("sprawl savings"))
                .map_err(in_tool(t))?;
        }
    }
    let Some(t) = tools.get(target) else {
        return Ok(Some(retired));
    };
    let extra = match t.licence() {
        None => Money::zero(currency),
        Some(l) => {
            let free = u64::from(l.seats()).saturating_sub(t.seats().len() as u64);
            let needed = movers.saturating_sub(free);
            l.annual_seat_price()
                .and_then(|price| {
                    price
                        .checked_mul(Decimal::from(needed))
                        .map_err(money_err("sprawl extra seats"))
                })
                .map_err(in_tool(t))?
        }
    };
    retired
        .checked_sub(&extra)
        .map(Some)
        .map_err(money_err("sprawl savings"))
        .map_err(in_tool(t))
}
