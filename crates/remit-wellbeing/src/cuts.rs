//! The cuts of the workforce a report publishes ([`Dimension`]), and how members fall
//! into their cells. Everything here is public information (the org chart): work mode,
//! time zone, country, department, manager.

use std::collections::HashMap;
use std::fmt;

use foldhash::fast::FixedState;
use remit_core::disclosure::Audience;
use remit_core::zones::{CircularMean, OffsetBand, clock_distance_hours};
use remit_core::{Cohort, EmployeeId, WorkMode};

use crate::members::Members;

/// A way of cutting the members into cohorts.
///
/// [`Dimension::ALL`] lists the cuts in the order a report releases them through the
/// disclosure engine — headline cuts first — which decides what survives when cuts
/// overlap (see the [crate documentation](crate#privacy-three-populations-released-in-a-fixed-order)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Dimension {
    /// The work mode the person had on the as-of date: onsite, hybrid or remote.
    WorkMode,
    /// Band of three whole UTC-offset hours ([`OffsetBand`]), west to east.
    UtcOffset,
    /// The country the person works from (ISO 3166-1 alpha-2).
    Country,
    /// The person's department, as on their employee record.
    Department,
    /// Work mode × UTC-offset band.
    WorkModeByUtcOffset,
    /// Distance of a person's clock from the centre of their team (their manager's
    /// direct reports), in bands of hours ([`TeamDistance`]). People without a manager
    /// are in no team.
    TeamDistance,
    /// The direct reports of one manager (manager-facing: the engine's stricter
    /// manager-facing minimum applies).
    Manager,
}

impl Dimension {
    /// Every cut, in release order.
    pub const ALL: [Dimension; 7] = [
        Dimension::WorkMode,
        Dimension::UtcOffset,
        Dimension::Country,
        Dimension::Department,
        Dimension::WorkModeByUtcOffset,
        Dimension::TeamDistance,
        Dimension::Manager,
    ];

    /// The dimension key used in [`Cohort`]s (`work_mode`, `utc_offset`, ...; the work
    /// mode × band cut uses both `work_mode` and `utc_offset`).
    pub const fn key(self) -> &'static str {
        match self {
            Dimension::WorkMode => "work_mode",
            Dimension::UtcOffset => "utc_offset",
            Dimension::Country => "country",
            Dimension::Department => "department",
            Dimension::WorkModeByUtcOffset => "work_mode_utc_offset",
            Dimension::TeamDistance => "team_distance",
            Dimension::Manager => "manager",
        }
    }

    /// Who reads this cut's figures: manager teams are manager-facing.
    pub const fn audience(self) -> Audience {
        match self {
            Dimension::Manager => Audience::ManagerFacing,
            _ => Audience::General,
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dimension::WorkMode => "work mode",
            Dimension::UtcOffset => "UTC-offset band",
            Dimension::Country => "country",
            Dimension::Department => "department",
            Dimension::WorkModeByUtcOffset => "work mode × UTC-offset band",
            Dimension::TeamDistance => "distance from team centre",
            Dimension::Manager => "manager team",
        })
    }
}

/// How far a person's clock is from their team's centre (the circular mean of the
/// team's offsets at 12:00 UTC on the as-of date), in bands of whole hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TeamDistance {
    /// 0–2 hours from the team's centre: most of the working day is shared.
    Near,
    /// 3–5 hours from the team's centre.
    Moderate,
    /// 6–8 hours from the team's centre: little of a standard working day is shared.
    Far,
    /// 9–12 hours from the team's centre: the team's day is the person's night.
    Opposite,
}

impl TeamDistance {
    /// Every band, nearest first.
    pub const ALL: [TeamDistance; 4] = [
        TeamDistance::Near,
        TeamDistance::Moderate,
        TeamDistance::Far,
        TeamDistance::Opposite,
    ];

    /// The band of a distance in hours (0–12), rounded to the nearest hour; NaN is near.
    ///
    /// ```
    /// use remit_wellbeing::TeamDistance;
    /// assert_eq!(TeamDistance::of_hours(2.4), TeamDistance::Near);
    /// assert_eq!(TeamDistance::of_hours(8.6), TeamDistance::Opposite);
    /// ```
    pub fn of_hours(hours: f64) -> Self {
        let h = hours.abs().round();
        if h <= 2.0 || h.is_nan() {
            TeamDistance::Near
        } else if h <= 5.0 {
            TeamDistance::Moderate
        } else if h <= 8.0 {
            TeamDistance::Far
        } else {
            TeamDistance::Opposite
        }
    }

    /// The band's index, nearest first (0–3).
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for TeamDistance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TeamDistance::Near => "0-2 h from team centre",
            TeamDistance::Moderate => "3-5 h from team centre",
            TeamDistance::Far => "6-8 h from team centre",
            TeamDistance::Opposite => "9-12 h from team centre",
        })
    }
}

/// Marks a member who is in no cell of a cut (no manager: no team).
pub(crate) const OUTSIDE: u32 = u32::MAX;

/// One cut: its cells (numbered in display order) and each member's cell.
#[derive(Debug, Clone)]
pub(crate) struct Cut {
    pub(crate) dimension: Dimension,
    /// The cohort of each cell, in display order (bands west to east, names
    /// alphabetically).
    pub(crate) labels: Vec<Cohort>,
    /// Each member's cell, or [`OUTSIDE`].
    pub(crate) cell_of: Vec<u32>,
}

/// Numbers the distinct keys in `slots` (member → key slot, or `None`) by display order
/// (`order` sorts the present slots) and maps every member to its cell.
fn number_cells(
    slots: &[Option<u32>],
    domain: usize,
    order: impl FnOnce(&mut Vec<u32>),
) -> (Vec<u32>, Vec<u32>) {
    let mut present = vec![false; domain];
    for &slot in slots.iter().flatten() {
        if let Some(p) = present.get_mut(slot as usize) {
            *p = true;
        }
    }
    let mut keys: Vec<u32> = (0..domain as u32)
        .filter(|&s| present[s as usize])
        .collect();
    order(&mut keys);
    let mut cell_of_slot = vec![OUTSIDE; domain];
    for (cell, &slot) in keys.iter().enumerate() {
        cell_of_slot[slot as usize] = cell as u32;
    }
    let cell_of = slots
        .iter()
        .map(|s| {
            s.and_then(|s| cell_of_slot.get(s as usize).copied())
                .unwrap_or(OUTSIDE)
        })
        .collect();
    (keys, cell_of)
}

fn mode_slot(mode: WorkMode) -> u32 {
    match mode {
        WorkMode::Onsite => 0,
        WorkMode::Hybrid => 1,
        WorkMode::Remote => 2,
    }
}

fn band_slot(band: OffsetBand) -> u32 {
    (i32::from(band.index()) + 128) as u32
}

fn band_of_slot(slot: u32) -> OffsetBand {
    // Slots come from `band_slot`, so the band index fits in an i8.
    let index = slot as i32 - 128;
    OffsetBand::of_seconds(index * 3 * 3600)
}

fn country_slot(code: remit_core::CountryCode) -> u32 {
    let b = code.as_str().as_bytes();
    match (b.first(), b.get(1)) {
        (Some(&a), Some(&c)) => {
            u32::from(a.wrapping_sub(b'A')) * 26 + u32::from(c.wrapping_sub(b'A'))
        }
        _ => 0,
    }
}

/// Builds every cut of `members`, in [`Dimension::ALL`] order. `team_name` gives a
/// manager team's display name (the manager's id when `None`).
pub(crate) fn build_cuts<'n>(
    members: &Members,
    team_name: &dyn Fn(EmployeeId) -> Option<&'n str>,
    named_teams: bool,
) -> Vec<Cut> {
    // Both team cuts read the same teams: number them once.
    let teams = teams(members);
    Dimension::ALL
        .iter()
        .map(|&dimension| match dimension {
            Dimension::Manager => manager_cut(&teams, team_name, named_teams),
            Dimension::TeamDistance => distance_cut(members, &teams),
            _ => attribute_cut(members, dimension),
        })
        .collect()
}

/// The cuts by one attribute (or two) of each member, each a small dense domain.
fn attribute_cut(members: &Members, dimension: Dimension) -> Cut {
    const MODES: usize = 3;
    const BANDS: usize = 256;
    let modes = &members.modes;
    let bands = || {
        members
            .offsets
            .iter()
            .map(|&o| band_slot(OffsetBand::of_seconds(o)))
    };
    let (slots, domain): (Vec<Option<u32>>, usize) = match dimension {
        Dimension::WorkMode => (modes.iter().map(|&m| Some(mode_slot(m))).collect(), MODES),
        Dimension::UtcOffset => (bands().map(Some).collect(), BANDS),
        Dimension::Country => (
            members
                .countries
                .iter()
                .map(|&c| Some(country_slot(c)))
                .collect(),
            26 * 26,
        ),
        Dimension::Department => (
            members.department.iter().map(|&d| Some(d)).collect(),
            members.departments.len(),
        ),
        _ => (
            modes
                .iter()
                .zip(bands())
                .map(|(&m, b)| Some(mode_slot(m) * BANDS as u32 + b))
                .collect(),
            MODES * BANDS,
        ),
    };
    let departments = &members.departments;
    let (keys, cell_of) = number_cells(&slots, domain, |keys| {
        if dimension == Dimension::Department {
            keys.sort_by(|&a, &b| {
                departments
                    .get(a as usize)
                    .cmp(&departments.get(b as usize))
            });
        }
        // Every other slot numbering already runs in display order: modes onsite →
        // remote, bands west → east, countries alphabetically, mode-major pairs.
    });
    let mode_of = |slot: u32| {
        WorkMode::ALL
            .get(slot as usize)
            .copied()
            .unwrap_or(WorkMode::Onsite)
    };
    let labels = keys
        .iter()
        .map(|&slot| match dimension {
            Dimension::WorkMode => Cohort::all().with("work_mode", mode_of(slot)),
            Dimension::UtcOffset => Cohort::all().with("utc_offset", band_of_slot(slot)),
            Dimension::Country => {
                let code = [b'A' + (slot / 26) as u8, b'A' + (slot % 26) as u8];
                Cohort::all().with("country", String::from_utf8_lossy(&code))
            }
            Dimension::Department => Cohort::all().with(
                "department",
                departments.get(slot as usize).map_or("", |d| d.as_str()),
            ),
            _ => Cohort::all()
                .with("work_mode", mode_of(slot / BANDS as u32))
                .with("utc_offset", band_of_slot(slot % BANDS as u32)),
        })
        .collect();
    Cut {
        dimension,
        labels,
        cell_of,
    }
}

/// Each member's team: the index of their manager among the distinct managers (in
/// order of first appearance), and those managers.
type Teams = (Vec<Option<u32>>, Vec<EmployeeId>);

/// Numbers the members' teams (see [`Teams`]).
fn teams(members: &Members) -> Teams {
    let mut index: HashMap<EmployeeId, u32, FixedState> =
        HashMap::with_capacity_and_hasher(members.len() / 4, FixedState::default());
    let mut managers = Vec::new();
    let team = members
        .managers
        .iter()
        .map(|m| {
            m.map(|m| {
                *index.entry(m).or_insert_with(|| {
                    managers.push(m);
                    (managers.len() - 1) as u32
                })
            })
        })
        .collect();
    (team, managers)
}

/// Manager teams: the direct reports of each manager who are members, shown by the
/// team's display name (or the manager's id).
fn manager_cut<'n>(
    (team, managers): &Teams,
    team_name: &dyn Fn(EmployeeId) -> Option<&'n str>,
    named_teams: bool,
) -> Cut {
    let label_text = |m: EmployeeId| team_name(m).map_or_else(|| m.to_string(), str::to_owned);
    let (keys, cell_of) = number_cells(team, managers.len(), |keys| {
        if named_teams {
            keys.sort_by_cached_key(|&t| managers.get(t as usize).map(|&m| (label_text(m), m)));
        } else {
            // A label is the manager's hyphenated lower-case UUID, whose text order is
            // the order of the id's bytes: sort the ids, not half a million strings.
            keys.sort_by_key(|&t| managers.get(t as usize).copied());
        }
    });
    let labels = keys
        .iter()
        .filter_map(|&t| managers.get(t as usize))
        .map(|&m| Cohort::all().with("manager", label_text(m)))
        .collect();
    Cut {
        dimension: Dimension::Manager,
        labels,
        cell_of,
    }
}

/// Distance from the team's centre: the circular mean of the offsets of a manager's
/// direct reports who are members. A team whose offsets have no centre (spread evenly
/// around the clock) puts its members in no cell, as does having no manager.
fn distance_cut(members: &Members, (team, managers): &Teams) -> Cut {
    let mut centres = vec![CircularMean::default(); managers.len()];
    for (&t, &offset) in team.iter().zip(&members.offsets) {
        if let Some(c) = t.and_then(|t| centres.get_mut(t as usize)) {
            c.add(offset);
        }
    }
    let centre_hours: Vec<Option<f64>> = centres.iter().map(CircularMean::centre_hours).collect();
    let slots: Vec<Option<u32>> = team
        .iter()
        .zip(&members.offsets)
        .map(|(&t, &offset)| {
            let centre = centre_hours.get(t? as usize).copied().flatten()?;
            let hours = clock_distance_hours(f64::from(offset) / 3600.0, centre);
            Some(TeamDistance::of_hours(hours).index() as u32)
        })
        .collect();
    let (keys, cell_of) = number_cells(&slots, TeamDistance::ALL.len(), |_| {});
    let labels = keys
        .iter()
        .filter_map(|&k| TeamDistance::ALL.get(k as usize))
        .map(|&d| Cohort::all().with("team_distance", d))
        .collect();
    Cut {
        dimension: Dimension::TeamDistance,
        labels,
        cell_of,
    }
}
