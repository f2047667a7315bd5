//! Async-first call-outs: teams whose typical shared working time is under the
//! threshold, and the sync-heavy tools their members use ([`AsyncFirstCallout`]).
//!
//! A team's overlap is computed from its members' zones and working hours, which the
//! crate treats as public schedule information (like the time zones of an org chart).
//! Whether a team's members are *active* in a tool is not: for each flagged team and
//! each sync-heavy tool some of its members hold a seat on, the engine releases the
//! team's seat holders as a group of that tool's population
//! (`collab-tools/seats:<tool id>`), after every tool's headline figure. The tool is
//! listed as used when the group was granted and at least one of them was active;
//! when it was refused the tool is listed as withheld.

use remit_core::disclosure::{Audience, Decision, Disclosure};
use remit_core::{EmployeeId, TeamId, ToolId};

use crate::FastMap;
use crate::error::Error;
use crate::inventory::Tool;
use crate::overlap::Team;
use crate::usage::{SeatActivity, SeatRelease};

/// A team that should work async-first, and the sync-heavy tools its members use.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AsyncFirstCallout {
    team: TeamId,
    team_name: String,
    typical_minutes: u32,
    threshold_minutes: u32,
    sync_heavy_tools: Vec<ToolId>,
    withheld_tools: Vec<ToolId>,
}

impl AsyncFirstCallout {
    /// The team that should work async-first.
    pub fn team(&self) -> TeamId {
        self.team
    }

    /// The team's display name (its id when the caller gave no name).
    pub fn team_name(&self) -> &str {
        &self.team_name
    }

    /// Its typical (lower median) shared minutes on an anchor workday.
    pub fn typical_minutes(&self) -> u32 {
        self.typical_minutes
    }

    /// The async-first threshold it fell under, in minutes.
    pub fn threshold_minutes(&self) -> u32 {
        self.threshold_minutes
    }

    /// Mostly or fully synchronous tools in which at least one member holding a seat was
    /// active within the inactivity window (released by the engine), in inventory
    /// order.
    pub fn sync_heavy_tools(&self) -> &[ToolId] {
        &self.sync_heavy_tools
    }

    /// Sync-heavy tools some members hold seats on whose use by the team was withheld
    /// (too few of them hold a seat, or publishing it would isolate a small group), in
    /// inventory order.
    pub fn withheld_tools(&self) -> &[ToolId] {
        &self.withheld_tools
    }
}

/// A flagged team's raw figures, before the engine decides.
pub(crate) struct FlaggedTeam {
    team: usize,
    typical_minutes: u32,
    threshold_minutes: u32,
    /// Per sync-heavy tool the team's members hold seats on: the tool's inventory
    /// index, the members' seat indices (ascending) and whether any was active.
    uses: Vec<(usize, Vec<u32>, bool)>,
}

/// The teams whose typical overlap is under the threshold (`summaries` holds each
/// team's typical minutes, threshold and verdict, in team order), with the sync-heavy
/// tools their members hold seats on.
pub(crate) fn flagged_teams(
    teams: &[Team],
    summaries: &[(u32, u32, bool)],
    tools: &[Tool],
    activity: &[SeatActivity],
) -> Vec<FlaggedTeam> {
    let mut flagged: Vec<FlaggedTeam> = teams
        .iter()
        .zip(summaries)
        .enumerate()
        .filter(|(_, (_, s))| s.2)
        .map(
            |(team, (_, &(typical_minutes, threshold_minutes, _)))| FlaggedTeam {
                team,
                typical_minutes,
                threshold_minutes,
                uses: Vec::new(),
            },
        )
        .collect();
    if flagged.is_empty() {
        return flagged;
    }
    // Each flagged member's seats on sync-heavy tools: (tool, seat index, active).
    let mut seats_of: FastMap<EmployeeId, Vec<(u32, u32, bool)>> = FastMap::default();
    for f in &flagged {
        for m in teams.get(f.team).map_or(&[][..], Team::members) {
            seats_of.entry(m.id()).or_default();
        }
    }
    for (k, t) in tools.iter().enumerate() {
        if !t.sync_level().is_sync_heavy() {
            continue;
        }
        let flags = activity.get(k).map_or(&[][..], |a| a.active.as_slice());
        for (i, (seat, &active)) in t.seats().iter().zip(flags).enumerate() {
            if let Some(list) = seats_of.get_mut(&seat.user()) {
                list.push((k as u32, i as u32, active));
            }
        }
    }
    for f in &mut flagged {
        let mut uses: Vec<(u32, u32, bool)> = teams
            .get(f.team)
            .map_or(&[][..], Team::members)
            .iter()
            .filter_map(|m| seats_of.get(&m.id()))
            .flatten()
            .copied()
            .collect();
        uses.sort_unstable();
        for run in uses.chunk_by(|a, b| a.0 == b.0) {
            let Some(&(k, _, _)) = run.first() else {
                continue;
            };
            f.uses.push((
                k as usize,
                run.iter().map(|&(_, i, _)| i).collect(),
                run.iter().any(|&(_, _, active)| active),
            ));
        }
    }
    flagged
}

/// Releases, tool by tool, each flagged team's seat holders as a group of the tool's
/// population (the cells of one cut, largest first), and builds the call-outs.
///
/// # Errors
///
/// [`Error::Disclosure`] if `releases` are not handles of `disclosure`.
pub(crate) fn release_callouts(
    flagged: &[FlaggedTeam],
    teams: &[Team],
    tools: &[Tool],
    releases: &[SeatRelease],
    disclosure: &mut Disclosure,
) -> Result<Vec<AsyncFirstCallout>, Error> {
    // Per tool, the (flagged team, use) pairs that are its cells.
    let mut cells: FastMap<usize, Vec<(usize, usize)>> = FastMap::default();
    for (fi, f) in flagged.iter().enumerate() {
        for (ui, (k, _, _)) in f.uses.iter().enumerate() {
            cells.entry(*k).or_default().push((fi, ui));
        }
    }
    let mut decisions: Vec<Vec<Decision>> = flagged
        .iter()
        .map(|f| vec![Decision::Granted; f.uses.len()])
        .collect();
    let mut by_tool: Vec<(usize, Vec<(usize, usize)>)> = cells.into_iter().collect();
    by_tool.sort_unstable_by_key(|(k, _)| *k);
    for (k, list) in by_tool {
        let Some(release) = releases.get(k) else {
            continue;
        };
        let groups: Vec<&[u32]> = list
            .iter()
            .filter_map(|&(fi, ui)| flagged.get(fi)?.uses.get(ui).map(|u| u.1.as_slice()))
            .collect();
        let granted = disclosure.release_cells(&release.population, &groups, Audience::General)?;
        for (&(fi, ui), decision) in list.iter().zip(granted) {
            if let Some(slot) = decisions.get_mut(fi).and_then(|d| d.get_mut(ui)) {
                *slot = decision;
            }
        }
    }
    let id = |k: usize| tools.get(k).map(Tool::id);
    Ok(flagged
        .iter()
        .zip(decisions)
        .filter_map(|(f, decided)| {
            let team = teams.get(f.team)?;
            let mut sync_heavy_tools = Vec::new();
            let mut withheld_tools = Vec::new();
            for ((k, _, any_active), decision) in f.uses.iter().zip(decided) {
                match decision {
                    Decision::Granted if *any_active => sync_heavy_tools.extend(id(*k)),
                    Decision::Granted => {}
                    Decision::Refused(_) => withheld_tools.extend(id(*k)),
                }
            }
            Some(AsyncFirstCallout {
                team: team.id(),
                team_name: team.display_name(),
                typical_minutes: f.typical_minutes,
                threshold_minutes: f.threshold_minutes,
                sync_heavy_tools,
                withheld_tools,
            })
        })
        .collect())
}
