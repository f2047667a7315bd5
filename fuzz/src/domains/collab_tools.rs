//! Collaboration tools: an inventory of tools (capabilities, licences, seats held by the
//! roster's people), teams of members in several time zones, the overlap planner over
//! a period (overlaps, slot fairness, rotations), then
//! `remit_collab_tools::audit(&Inputs, &Config, &mut Disclosure)`, which plans the
//! teams' overlaps itself over the configured days from the audit date.

use arbitrary::{Result, Unstructured};
use chrono::NaiveDate;
use remit_collab_tools::inventory::{
    BillingPeriod, Capability, Category, Inventory, Licence, SyncLevel, Tool,
};
use remit_collab_tools::overlap::{
    MeetingSlot, Member, OverlapConfig, OverlapPlanner, Team, Workdays, WorkingHours,
};
use remit_collab_tools::{Config, audit};
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_core::{Period, Roster, TeamId, ToolId};

use crate::{draw, people};

const MAX_TOOLS: usize = 8;
const MAX_SEATS: usize = 40;
const MAX_TEAMS: usize = 4;
const MAX_MEMBERS: usize = 8;

/// The inputs of one tools audit.
pub struct Inputs {
    /// The people the audit covers: a valid roster drawn from the input.
    pub roster: Roster,
    /// Tools, licences and seats.
    pub inventory: Inventory,
    /// Teams and their members' hours.
    pub teams: Vec<Team>,
    /// The overlap planning period.
    pub period: Period,
    /// The time-zone overlap planner's settings: the anchor zone and its working days,
    /// the async-first threshold and the core-window share.
    pub overlap: OverlapConfig,
    /// Candidate meeting slots for fairness and rotation.
    pub slots: Vec<MeetingSlot>,
    /// The audit's configuration (audit date, overlap settings and days).
    pub config: Config,
    /// The disclosure policy of the run.
    pub policy: DisclosurePolicy,
}

fn capabilities(u: &mut Unstructured<'_>) -> Result<Vec<Capability>> {
    let bits: u32 = u.arbitrary()?;
    Ok(Capability::ALL
        .into_iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, c)| c)
        .collect())
}

fn workdays(u: &mut Unstructured<'_>) -> Result<Option<Workdays>> {
    let bits: u8 = if u.ratio(1, 8)? {
        u.arbitrary()?
    } else {
        0b0001_1111
    };
    Ok(Workdays::try_from(bits).ok())
}

/// Builds the inputs; `None` when a constructor refused what it was given.
pub fn build(u: &mut Unstructured<'_>) -> Result<Option<Inputs>> {
    let Some(roster) = people::roster(u)? else {
        return Ok(None);
    };
    let n = roster.len();
    let as_of: NaiveDate = draw::date(u)?;
    let mut tools = Vec::new();
    for i in 0..draw::count(u, MAX_TOOLS)? {
        let id = ToolId::from_external(&format!("t{}", if u.ratio(1, 16)? { 0 } else { i }));
        let mut builder = Tool::builder(id, format!("tool {i}"), *u.choose(&Category::ALL)?)
            .sync_level(*u.choose(&SyncLevel::ALL)?)
            .enable(capabilities(u)?)
            .available(capabilities(u)?);
        if u.ratio(1, 2)? {
            builder = builder.chat_retention_days(u.arbitrary()?);
        }
        if u.ratio(2, 3)? {
            let billing = *u.choose(&[BillingPeriod::Monthly, BillingPeriod::Annual])?;
            let Ok(licence) = Licence::new(
                u.int_in_range(0..=60)?,
                draw::money(u)?,
                billing,
                draw::offset_date(as_of, i64::from(u.arbitrary::<i16>()?)),
            ) else {
                return Ok(None);
            };
            builder = builder.licence(licence);
        }
        for _ in 0..draw::count(u, MAX_SEATS)? {
            let last = if u.ratio(1, 6)? {
                None
            } else {
                Some(draw::offset_date(
                    as_of,
                    -i64::from(u.arbitrary::<u16>()?) + 30,
                ))
            };
            builder = builder.seat(people::someone(u, n)?, last);
        }
        let Ok(tool) = builder.build() else {
            return Ok(None);
        };
        tools.push(tool);
    }
    let Ok(inventory) = Inventory::new(tools) else {
        return Ok(None);
    };
    let mut teams = Vec::new();
    for t in 0..draw::count(u, MAX_TEAMS)? {
        let mut members = Vec::new();
        for _ in 0..u.int_in_range(1..=MAX_MEMBERS)? {
            let start: u16 = if u.ratio(1, 8)? {
                u.arbitrary()?
            } else {
                u.int_in_range(0..=1439)?
            };
            let length: u16 = if u.ratio(1, 8)? {
                u.arbitrary()?
            } else {
                u.int_in_range(60..=720)?
            };
            let (Ok(hours), Some(days)) = (WorkingHours::from_minutes(start, length), workdays(u)?)
            else {
                return Ok(None);
            };
            let Ok(member) = Member::new(people::someone(u, n)?, draw::zone(u)?, hours, days)
            else {
                return Ok(None);
            };
            members.push(member);
        }
        let Ok(team) = Team::new(TeamId::from_external(&format!("team {t}")), members) else {
            return Ok(None);
        };
        teams.push(team);
    }
    let start = if u.ratio(1, 2)? {
        as_of
    } else {
        draw::date(u)?
    };
    let days: u16 = if u.ratio(1, 16)? {
        u.arbitrary()?
    } else {
        u.int_in_range(1..=90)?
    };
    let Ok(period) = Period::new(start, draw::offset_date(start, i64::from(days))) else {
        return Ok(None);
    };
    let mut overlap = OverlapConfig::default()
        .with_anchor(draw::zone(u)?)
        .with_async_first_below_minutes(u.int_in_range(0..=600)?);
    if u.ratio(1, 2)? {
        let Some(days) = workdays(u)? else {
            return Ok(None);
        };
        let Ok(with) = overlap.clone().with_anchor_workdays(days) else {
            return Ok(None);
        };
        overlap = with;
    }
    if u.ratio(1, 2)? {
        let Ok(with) = overlap
            .clone()
            .with_core_window_share(u.int_in_range(0..=120)?, u.int_in_range(0..=100)?)
        else {
            return Ok(None);
        };
        overlap = with;
    }
    let mut slots = Vec::new();
    for _ in 0..draw::count(u, 3)? {
        let Some(days) = workdays(u)? else {
            return Ok(None);
        };
        let Ok(slot) =
            MeetingSlot::from_minutes(u.int_in_range(0..=1439)?, u.int_in_range(15..=240)?, days)
        else {
            return Ok(None);
        };
        slots.push(slot);
    }
    let Some(policy) = super::policy(u)? else {
        return Ok(None);
    };
    let (inactive, replace_below): (u32, u8) = (u.int_in_range(0..=400)?, u.arbitrary()?);
    let (sprawl, far) = (draw::float(u, 0.0, 1.0)?, draw::float(u, 0.0, 12.0)?);
    let (retention, renewal): (u32, u32) = (u.arbitrary()?, u.arbitrary()?);
    let overlap_days: u32 = if u.ratio(1, 16)? {
        u.arbitrary::<u16>()?.into()
    } else {
        u.int_in_range(1..=60)?
    };
    let config = Config::new(as_of)
        .with_inactive_after_days(inactive)
        .and_then(|c| c.with_replace_below(replace_below))
        .and_then(|c| c.with_sprawl_capability_overlap(sprawl))
        .and_then(|c| c.with_far_from_centre_hours(far))
        .and_then(|c| c.with_chat_retention_max_days(retention))
        .and_then(|c| c.with_overlap_days(overlap_days))
        .map(|c| {
            c.with_renewal_review_days(renewal)
                .with_overlap(overlap.clone())
        });
    let Ok(config) = config else {
        return Ok(None);
    };
    Ok(Some(Inputs {
        roster,
        inventory,
        teams,
        period,
        overlap,
        slots,
        config,
        policy,
    }))
}

/// Plans the overlaps over the drawn period (the planner on its own), runs the audit and exercises the report (see
/// [`super::exercise`]).
///
/// Invariants checked: a team's minimum daily overlap is at most its typical overlap;
/// a rotation's schedule names only candidate slots.
pub fn run(inputs: &Inputs) {
    if let Ok(mut planner) = OverlapPlanner::new(inputs.period, inputs.overlap.clone()) {
        {
            let overlaps = planner.overlap_all(&inputs.teams);
            for o in &overlaps {
                if o.workdays_counted() > 0 {
                    assert!(
                        o.min_minutes() <= o.typical_minutes(),
                        "minimum above typical"
                    );
                }
            }
            for team in &inputs.teams {
                for slot in &inputs.slots {
                    let _ = planner.slot_fairness(team, slot);
                }
                if let Ok(rotation) = planner.rotation(team, &inputs.slots) {
                    assert!(
                        rotation
                            .schedule()
                            .iter()
                            .all(|(_, i)| *i < inputs.slots.len())
                    );
                }
            }
        }
    }
    let audit_inputs = remit_collab_tools::Inputs::new(&inputs.roster, &inputs.inventory)
        .with_teams(&inputs.teams);
    let mut disclosure = Disclosure::new(inputs.policy.clone());
    if let Ok(report) = audit(&audit_inputs, &inputs.config, &mut disclosure) {
        super::exercise(&report);
    }
}
