//! Canonical tool, seat and team rows to `remit-collab-tools` inputs:
//! [`Tool::builder`] (licence and seats), [`Inventory::new`], [`Member::new`] and
//! [`Team::new`].

use remit_collab_tools::inventory::{Inventory, Tool};
use remit_collab_tools::overlap::{Member, Team, WorkingHours};
use remit_core::{EmployeeId, TeamId, ToolId, Workforce};

use crate::error::{Problem, Problems};
use crate::read::{Loc, Rows};
use crate::to_core::{People, parse_id};

/// The tools domain's inputs.
#[derive(Debug, Clone)]
pub struct ToolInputs {
    /// The tools, their licences and seats.
    pub inventory: Inventory,
    /// Teams, for time-zone overlap (empty without a teams file).
    pub teams: Vec<Team>,
}

/// Builds the tools domain's inputs.
pub(crate) fn tools(rows: &Rows, people: &People, problems: &mut Problems) -> Option<ToolInputs> {
    let before = problems.count();
    let mut position: crate::Map<&str, usize> = crate::Map::default();
    let mut builders = Vec::with_capacity(rows.tools.len());
    for (row, loc) in &rows.tools {
        if position.contains_key(row.tool_id.as_str()) {
            problems.push(rows.problem(*loc, format!("tool {:?} appears twice", row.tool_id)));
            continue;
        }
        let id = match parse_id(&row.tool_id, people.scheme, ToolId::from_external) {
            Ok(id) => id,
            Err(m) => {
                problems.push(rows.problem(*loc, format!("column `tool_id`: {m}")));
                continue;
            }
        };
        let mut b = Tool::builder(id, row.name.clone(), row.category)
            .enable(row.enabled.iter().copied())
            .available(row.available.clone().unwrap_or_else(|| row.enabled.clone()));
        if let Some(s) = row.sync_level {
            b = b.sync_level(s);
        }
        if let Some(d) = row.chat_retention_days {
            b = b.chat_retention_days(d);
        }
        if let Some(l) = row.licence {
            b = b.licence(l);
        }
        position.insert(row.tool_id.as_str(), builders.len());
        builders.push((Some(b), *loc, crate::Map::<EmployeeId, Loc>::default()));
    }
    for (row, loc) in &rows.seats {
        let Some(&i) = position.get(row.tool_id.as_str()) else {
            problems.push(rows.problem(
                *loc,
                format!(
                    "tool {:?} is not in the tools file (list it there, or leave its seats out of this file's mapping)",
                    row.tool_id
                ),
            ));
            continue;
        };
        let user = match people.resolve(&row.who) {
            Ok(u) => u,
            Err(m) => {
                problems.push(rows.problem(*loc, m));
                continue;
            }
        };
        if let Some((slot, _, seen)) = builders.get_mut(i) {
            if let Some(first) = seen.get(&user) {
                problems.push(rows.problem(
                    *loc,
                    format!(
                        "{:?} already holds a seat in {:?} ({}, line {})",
                        people.name(user),
                        row.tool_id,
                        rows.file(*first),
                        first.line
                    ),
                ));
                continue;
            }
            seen.insert(user, *loc);
            *slot = slot.take().map(|b| b.seat(user, row.last_active));
        }
    }
    let mut tools = Vec::with_capacity(builders.len());
    for (b, loc, _) in builders {
        if let Some(b) = b {
            match b.build() {
                Ok(t) => tools.push(t),
                Err(e) => problems.push(rows.problem(loc, e.to_string())),
            }
        }
    }
    if problems.count() != before {
        return None;
    }
    let inventory = match Inventory::new(tools) {
        Ok(i) => i,
        Err(e) => {
            problems.push(Problem::File {
                file: rows
                    .tools
                    .first()
                    .map_or_else(String::new, |(_, l)| rows.file(*l).to_owned()),
                message: e.to_string(),
            });
            return None;
        }
    };

    // Teams in first-appearance order, members in row order.
    let mut order: Vec<(&str, Option<&str>, Loc, Vec<Member>)> = Vec::new();
    let mut index: crate::Map<&str, usize> = crate::Map::default();
    for (row, loc) in &rows.teams {
        let employee = match people.resolve(&row.who) {
            Ok(e) => e,
            Err(m) => {
                problems.push(rows.problem(*loc, m));
                continue;
            }
        };
        let zone = match row
            .time_zone
            .or_else(|| people.roster.employee(employee).map(|e| e.time_zone()))
        {
            Some(z) => z,
            None => continue,
        };
        let member = WorkingHours::from_minutes(row.start_minute, row.minutes)
            .map_err(|e| e.to_string())
            .and_then(|h| Member::new(employee, zone, h, row.workdays).map_err(|e| e.to_string()));
        match member {
            Ok(m) => {
                let i = *index.entry(row.team_id.as_str()).or_insert_with(|| {
                    order.push((row.team_id.as_str(), None, *loc, Vec::new()));
                    order.len() - 1
                });
                if let Some((_, name, _, members)) = order.get_mut(i) {
                    members.push(m);
                    if name.is_none() {
                        *name = row.team_name.as_deref();
                    }
                }
            }
            Err(m) => problems.push(rows.problem(*loc, m)),
        }
    }
    let mut teams = Vec::with_capacity(order.len());
    for (id, name, loc, members) in order {
        let team = parse_id(id, people.scheme, TeamId::from_external)
            .and_then(|id| Team::new(id, members).map_err(|e| e.to_string()))
            .and_then(|team| match name {
                Some(name) => team.with_name(name).map_err(|e| e.to_string()),
                None => Ok(team),
            });
        match team {
            Ok(t) => teams.push(t),
            Err(m) => problems.push(rows.problem(loc, m)),
        }
    }
    (problems.count() == before).then_some(ToolInputs { inventory, teams })
}
