//! Releasing the cohorts through the disclosure engine: the three populations, the
//! release order, and the figures of every granted cell.

use remit_core::disclosure::{Audience, Decision, Disclosed, Disclosure, Population};
use remit_core::{Domain, EmployeeId};

use crate::cuts::{Cut, OUTSIDE};
use crate::error::Error;
use crate::figures::{BehaviourFigures, CohortRow, CohortStats, SurveyFigures};
use crate::individual::{Individuals, KEPT};
use crate::members::Members;
use crate::risk::RiskBand;

/// The population of every member: the people of the workforce employed on the as-of
/// date. Head-counts are released over it.
pub const MEMBERS: &str = "members";
/// The population of the members with a row in the signal panel. Behavioural averages,
/// worsening-trend shares and risk-index band shares are released over it.
pub const WITH_SIGNALS: &str = "with-signals";
/// The population of the members who answered the survey (both the WHO-5 and the CBI
/// work-related score present). Response counts, WHO-5 means and the share with high
/// CBI work-related burnout are released over it.
pub const RESPONDERS: &str = "responders";

/// The report's three populations in the engine, and each member's place in them.
#[derive(Debug, Clone)]
pub(crate) struct Populations {
    pub(crate) members: Population,
    pub(crate) signals: Population,
    pub(crate) responders: Population,
    /// Member row → local index among those with signals, or [`OUTSIDE`].
    pub(crate) signals_local: Vec<u32>,
    /// Member row → local index among the responders, or [`OUTSIDE`].
    pub(crate) responders_local: Vec<u32>,
}

/// Each member's local index in a sub-population (rows for which `inside` holds, in
/// order), and the sub-population's ids.
fn sub_population(
    ids: &[EmployeeId],
    inside: impl Fn(usize) -> bool,
) -> (Vec<u32>, Vec<EmployeeId>) {
    let mut next = 0u32;
    let mut members = Vec::new();
    let local = ids
        .iter()
        .enumerate()
        .map(|(i, &id)| {
            if inside(i) {
                members.push(id);
                next += 1;
                next - 1
            } else {
                OUTSIDE
            }
        })
        .collect();
    (local, members)
}

impl Populations {
    /// Registers the three populations of `members` in `engine`.
    ///
    /// # Errors
    ///
    /// [`Error::Disclosure`] if the engine refuses a registration (a member listed
    /// twice, which [`Members`] already refuses).
    pub(crate) fn register(
        engine: &mut Disclosure,
        members: &Members,
        people: &Individuals,
    ) -> Result<Self, Error> {
        let (signals_local, signal_ids) = sub_population(&members.ids, |i| {
            people.has_signals.get(i).copied().unwrap_or(false)
        });
        let (responders_local, responder_ids) =
            sub_population(&members.ids, |i| people.is_responder(i));
        Ok(Self {
            members: engine.register(Domain::Wellbeing, MEMBERS, members.ids.iter().copied())?,
            signals: engine.register(Domain::Wellbeing, WITH_SIGNALS, signal_ids)?,
            responders: engine.register(Domain::Wellbeing, RESPONDERS, responder_ids)?,
            signals_local,
            responders_local,
        })
    }

    fn population(&self, which: usize) -> &Population {
        match which {
            0 => &self.members,
            1 => &self.signals,
            _ => &self.responders,
        }
    }
}

/// What the figures of a cell sum.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    members: u64,
    signals: u64,
    responders: u64,
    sums: [f64; KEPT.len()],
    worsening: u64,
    risk: [u64; 3],
    high_cbi: u64,
    who5_sum: f64,
}

impl Tally {
    fn add(&mut self, people: &Individuals, row: usize, cbi_line: f32) {
        self.members += 1;
        if people.has_signals.get(row).copied().unwrap_or(false) {
            self.signals += 1;
            for (sum, column) in self.sums.iter_mut().zip(&people.means) {
                *sum += f64::from(column.get(row).copied().unwrap_or(0.0));
            }
            if people.alarms.get(row).is_some_and(|&bits| bits != 0) {
                self.worsening += 1;
            }
            let band = people.risk.get(row).map(|r| r.band());
            let slot = match band {
                Some(RiskBand::High) => 2,
                Some(RiskBand::Moderate) => 1,
                _ => 0,
            };
            self.risk[slot] += 1;
        }
        if people.is_responder(row) {
            self.responders += 1;
            let who5 = people.who5.get(row).copied().flatten().unwrap_or(0.0);
            let cbi = people.cbi_work.get(row).copied().flatten().unwrap_or(0.0);
            self.who5_sum += f64::from(who5);
            if cbi >= cbi_line {
                self.high_cbi += 1;
            }
        }
    }

    /// The cell's figures under the engine's decisions (members, with signals,
    /// responders).
    fn stats(&self, decisions: [Decision; 3]) -> CohortStats {
        let behaviour = (self.signals > 0).then(|| {
            let n = self.signals as f64;
            decisions[1].disclose(BehaviourFigures::new(
                self.signals,
                self.sums.map(|s| s / n),
                self.worsening as f64 / n,
                self.risk.map(|c| c as f64 / n),
            ))
        });
        let survey = (self.responders > 0).then(|| {
            let n = self.responders as f64;
            decisions[2].disclose(SurveyFigures::new(
                self.responders,
                self.who5_sum / n,
                self.high_cbi as f64 / n,
            ))
        });
        CohortStats::new(decisions[0].disclose(self.members), behaviour, survey)
    }
}

/// Releases the cells of one cut (cell `cell_of(row)` per member row, [`OUTSIDE`] for
/// none) in each population, largest cells first, and returns each cell's figures.
fn release_cut(
    engine: &mut Disclosure,
    pops: &Populations,
    people: &Individuals,
    cbi_line: f32,
    cells: usize,
    cell_of: impl Fn(usize) -> u32,
    audience: Audience,
) -> Result<Vec<CohortStats>, Error> {
    let n = people.len();
    let mut tallies = vec![Tally::default(); cells];
    for row in 0..n {
        if let Some(tally) = tallies.get_mut(cell_of(row) as usize) {
            tally.add(people, row, cbi_line);
        }
    }
    let mut decisions = vec![[Decision::Granted; 3]; cells];
    for which in 0..3 {
        // Counting sort of the population's members by cell.
        let size = |t: &Tally| match which {
            0 => t.members,
            1 => t.signals,
            _ => t.responders,
        } as usize;
        let mut starts = Vec::with_capacity(cells + 1);
        let mut at = 0usize;
        for t in &tallies {
            starts.push(at);
            at += size(t);
        }
        starts.push(at);
        let mut flat = vec![0u32; at];
        let mut fill = starts.clone();
        for (row, local) in pops.locals_of_rows(which, n) {
            if let Some(slot) = fill.get_mut(cell_of(row) as usize)
                && let Some(place) = flat.get_mut(*slot)
            {
                *place = local;
                *slot += 1;
            }
        }
        let slices: Vec<&[u32]> = starts
            .windows(2)
            .map(|w| flat.get(w[0]..w[1]).unwrap_or(&[]))
            .collect();
        let granted = engine.release_cells(pops.population(which), &slices, audience)?;
        for (d, g) in decisions.iter_mut().zip(granted) {
            d[which] = g;
        }
    }
    Ok(tallies
        .iter()
        .zip(decisions)
        .map(|(t, d)| t.stats(d))
        .collect())
}

impl Populations {
    /// `(member row, local index)` of every member row in population `which`.
    fn locals_of_rows(
        &self,
        which: usize,
        n: usize,
    ) -> Box<dyn Iterator<Item = (usize, u32)> + '_> {
        match which {
            0 => Box::new((0..n).map(|r| (r, r as u32))),
            1 => Box::new(
                self.signals_local
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| **l != OUTSIDE)
                    .map(|(r, &l)| (r, l)),
            ),
            _ => Box::new(
                self.responders_local
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| **l != OUTSIDE)
                    .map(|(r, &l)| (r, l)),
            ),
        }
    }
}

/// Everything a report publishes about its cohorts.
#[derive(Debug, Clone)]
pub(crate) struct Published {
    pub(crate) total: CohortStats,
    pub(crate) rows: Vec<CohortRow>,
    /// Per row: its cut (index into the cuts) and its cell.
    pub(crate) row_cells: Vec<(usize, u32)>,
}

/// Releases everyone, then every cut in [`Dimension::ALL`](crate::Dimension::ALL)
/// order, and returns the figures the engine granted.
///
/// # Errors
///
/// [`Error::Disclosure`] if the engine refuses the populations' handles.
pub(crate) fn publish(
    engine: &mut Disclosure,
    pops: &Populations,
    people: &Individuals,
    cuts: &[Cut],
    cbi_line: f32,
) -> Result<Published, Error> {
    let total = release_cut(engine, pops, people, cbi_line, 1, |_| 0, Audience::General)?
        .into_iter()
        .next()
        .unwrap_or_else(|| CohortStats::new(Disclosed::Published(0), None, None));
    let mut rows = Vec::new();
    let mut row_cells = Vec::new();
    for (c, cut) in cuts.iter().enumerate() {
        let stats = release_cut(
            engine,
            pops,
            people,
            cbi_line,
            cut.labels.len(),
            |row| cut.cell_of.get(row).copied().unwrap_or(OUTSIDE),
            cut.dimension.audience(),
        )?;
        for (cell, (label, stats)) in cut.labels.iter().zip(stats).enumerate() {
            rows.push(CohortRow::new(cut.dimension, label.clone(), stats));
            row_cells.push((c, cell as u32));
        }
    }
    Ok(Published {
        total,
        rows,
        row_cells,
    })
}

/// Releases the union of some cells (each a cut's index and a cell of it) over the
/// members and returns its head-count if granted: what a finding that groups several
/// cohorts reports as affected. Each cell was granted, so the union is a union of atoms
/// and is granted too (the engine checks it all the same).
///
/// # Errors
///
/// [`Error::Disclosure`] if the engine refuses the handle.
pub(crate) fn release_union(
    engine: &mut Disclosure,
    pops: &Populations,
    cuts: &[Cut],
    cells: &[(usize, u32)],
) -> Result<Option<u64>, Error> {
    let group: Vec<u32> = (0..pops.members.len())
        .filter(|&row| {
            cells.iter().any(|&(c, cell)| {
                cuts.get(c)
                    .and_then(|cut| cut.cell_of.get(row))
                    .is_some_and(|&k| k == cell)
            })
        })
        .map(|row| row as u32)
        .collect();
    if group.is_empty() {
        return Ok(None);
    }
    let manager_facing = cells.iter().all(|&(c, _)| {
        cuts.get(c)
            .is_some_and(|cut| cut.dimension.audience() == Audience::ManagerFacing)
    });
    let audience = if manager_facing {
        Audience::ManagerFacing
    } else {
        Audience::General
    };
    let decision = engine.release(&pops.members, &group, audience)?;
    Ok(decision.is_granted().then_some(group.len() as u64))
}
