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

/// What one member contributes to the figures, gathered once so that every cut reads
/// one compact row per person.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Contribution {
    /// The weekly means of [`KEPT`] (with signals only).
    means: [f32; KEPT.len()],
    /// WHO-5 percentage (responders only).
    who5: f32,
    /// Bits: [`SIGNALS`], [`RESPONDER`], [`WORSENING`], [`HIGH_CBI`], and the risk
    /// band (0 low, 1 moderate, 2 high) shifted by [`BAND_SHIFT`].
    flags: u8,
}

const SIGNALS: u8 = 1;
const RESPONDER: u8 = 1 << 1;
const WORSENING: u8 = 1 << 2;
const HIGH_CBI: u8 = 1 << 3;
const BAND_SHIFT: u8 = 4;

/// Every member's contribution, in member order.
pub(crate) fn contributions(people: &Individuals, cbi_line: f32) -> Vec<Contribution> {
    (0..people.len())
        .map(|row| {
            let mut c = Contribution::default();
            if people.has_signals.get(row).copied().unwrap_or(false) {
                c.flags |= SIGNALS;
                for (mean, column) in c.means.iter_mut().zip(&people.means) {
                    *mean = column.get(row).copied().unwrap_or(0.0);
                }
                if people.alarms.get(row).is_some_and(|&bits| bits != 0) {
                    c.flags |= WORSENING;
                }
                let band: u8 = match people.risk.get(row).map(|r| r.band()) {
                    Some(RiskBand::High) => 2,
                    Some(RiskBand::Moderate) => 1,
                    _ => 0,
                };
                c.flags |= band << BAND_SHIFT;
            }
            if people.is_responder(row) {
                c.flags |= RESPONDER;
                c.who5 = people.who5.get(row).copied().flatten().unwrap_or(0.0);
                if people
                    .cbi_work
                    .get(row)
                    .copied()
                    .flatten()
                    .is_some_and(|cbi| cbi >= cbi_line)
                {
                    c.flags |= HIGH_CBI;
                }
            }
            c
        })
        .collect()
}

/// What the figures of a cell sum.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    /// People in each population: members, with signals, responders.
    sizes: [u64; 3],
    sums: [f64; KEPT.len()],
    worsening: u64,
    risk: [u64; 3],
    high_cbi: u64,
    who5_sum: f64,
}

impl Tally {
    fn add(&mut self, c: &Contribution) {
        self.sizes[0] += 1;
        if c.flags & SIGNALS != 0 {
            self.sizes[1] += 1;
            for (sum, &mean) in self.sums.iter_mut().zip(&c.means) {
                *sum += f64::from(mean);
            }
            self.worsening += u64::from(c.flags & WORSENING != 0);
            if let Some(band) = self.risk.get_mut(usize::from(c.flags >> BAND_SHIFT)) {
                *band += 1;
            }
        }
        if c.flags & RESPONDER != 0 {
            self.sizes[2] += 1;
            self.who5_sum += f64::from(c.who5);
            self.high_cbi += u64::from(c.flags & HIGH_CBI != 0);
        }
    }

    /// The cell's figures under the engine's decisions (members, with signals,
    /// responders).
    fn stats(&self, decisions: [Decision; 3]) -> CohortStats {
        let [members, signals, responders] = self.sizes;
        let behaviour = (signals > 0).then(|| {
            let n = signals as f64;
            decisions[1].disclose(BehaviourFigures::new(
                signals,
                self.sums.map(|s| s / n),
                self.worsening as f64 / n,
                self.risk.map(|c| c as f64 / n),
            ))
        });
        let survey = (responders > 0).then(|| {
            let n = responders as f64;
            decisions[2].disclose(SurveyFigures::new(
                responders,
                self.who5_sum / n,
                self.high_cbi as f64 / n,
            ))
        });
        CohortStats::new(decisions[0].disclose(members), behaviour, survey)
    }
}

/// Releases the cells of one cut (`cell_of[row]` per member row, [`OUTSIDE`] for none;
/// `None` for the one cell of everyone) in each population, largest cells first, and
/// returns each cell's figures.
fn release_cut(
    engine: &mut Disclosure,
    pops: &Populations,
    people: &[Contribution],
    cells: usize,
    cell_of: Option<&[u32]>,
    audience: Audience,
) -> Result<Vec<CohortStats>, Error> {
    let cell = |row: usize| match cell_of {
        Some(cells) => cells.get(row).copied().unwrap_or(OUTSIDE),
        None => 0,
    };
    let mut tallies = vec![Tally::default(); cells];
    for (row, c) in people.iter().enumerate() {
        if let Some(tally) = tallies.get_mut(cell(row) as usize) {
            tally.add(c);
        }
    }
    // Each population's members by cell (a counting sort), in one pass over the rows.
    let starts: [Vec<usize>; 3] = std::array::from_fn(|which| {
        let mut starts = Vec::with_capacity(cells + 1);
        let mut at = 0usize;
        for t in &tallies {
            starts.push(at);
            at += t.sizes[which] as usize;
        }
        starts.push(at);
        starts
    });
    let mut flat: [Vec<u32>; 3] =
        std::array::from_fn(|which| vec![0u32; starts[which].last().copied().unwrap_or(0)]);
    let mut fill = starts.clone();
    let mut place = |which: usize, k: usize, local: u32| {
        if let Some(slot) = fill[which].get_mut(k)
            && let Some(at) = flat[which].get_mut(*slot)
        {
            *at = local;
            *slot += 1;
        }
    };
    for row in 0..people.len() {
        let k = cell(row);
        if k == OUTSIDE {
            continue;
        }
        let k = k as usize;
        place(0, k, row as u32);
        if let Some(&l) = pops.signals_local.get(row)
            && l != OUTSIDE
        {
            place(1, k, l);
        }
        if let Some(&l) = pops.responders_local.get(row)
            && l != OUTSIDE
        {
            place(2, k, l);
        }
    }
    let mut decisions = vec![[Decision::Granted; 3]; cells];
    for which in 0..3 {
        let slices: Vec<&[u32]> = starts[which]
            .windows(2)
            .map(|w| flat[which].get(w[0]..w[1]).unwrap_or(&[]))
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
    cuts: &mut [Cut],
    cbi_line: f32,
) -> Result<Published, Error> {
    let people = contributions(people, cbi_line);
    let total = release_cut(engine, pops, &people, 1, None, Audience::General)?
        .into_iter()
        .next()
        .unwrap_or_else(|| CohortStats::new(Disclosed::Published(0), None, None));
    let cells: usize = cuts.iter().map(|cut| cut.labels.len()).sum();
    let mut rows = Vec::with_capacity(cells);
    let mut row_cells = Vec::with_capacity(cells);
    for (c, cut) in cuts.iter_mut().enumerate() {
        let stats = release_cut(
            engine,
            pops,
            &people,
            cut.labels.len(),
            Some(&cut.cell_of),
            cut.dimension.audience(),
        )?;
        // The labels move into the rows: the cuts keep only who is in which cell,
        // which is all the findings' unions need.
        let labels = std::mem::take(&mut cut.labels);
        for (cell, (label, stats)) in labels.into_iter().zip(stats).enumerate() {
            rows.push(CohortRow::new(cut.dimension, label, stats));
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
