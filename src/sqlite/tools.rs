//! The collaboration tables: `tools` and `tool_seats` (the inventory), `teams` and
//! `team_members`.

use chrono_tz::Tz;
use remit_collab_tools::{
    BillingPeriod, Capability, Category as ToolCategory, Inventory, Licence, Member, SyncLevel,
    Team, Tool, Workdays, WorkingHours,
};
use remit_core::{TeamId, ToolId};
use rusqlite::Connection;

use super::error::{Cx, StoreError, from_name};
use super::schema::WEEKDAYS;

/// Reads the tool inventory with each tool's licence and seats.
pub(super) fn read_inventory(conn: &Connection) -> Result<Inventory, StoreError> {
    let mut tools = conn.prepare(
        "SELECT id, tool, name, category, sync_level, enabled, available, chat_retention_days,
                licence_seats, licence_price_amount, licence_price_currency, licence_billing, licence_renewal
         FROM tools ORDER BY id",
    )?;
    let mut seats = conn
        .prepare("SELECT id, employee, last_active FROM tool_seats WHERE tool = ?1 ORDER BY id")?;
    let mut out = Vec::new();
    let mut query = tools.query([])?;
    while let Some(row) = query.next()? {
        let id: i64 = row.get(0)?;
        let cx = Cx::new("tools", id);
        let caps = |i, field| -> Result<Vec<Capability>, StoreError> {
            serde_json::from_str(&cx.get::<String>(row, i, field)?).map_err(|e| cx.field(field, e))
        };
        let tool: ToolId = cx.parse(row, 1, "tool")?;
        let mut b = Tool::builder(
            tool,
            cx.get::<String>(row, 2, "name")?,
            cx.name::<ToolCategory>(row, 3, "category")?,
        )
        .sync_level(cx.name::<SyncLevel>(row, 4, "sync_level")?)
        .enable(caps(5, "enabled")?)
        .available(caps(6, "available")?);
        if let Some(days) = cx.get::<Option<i64>>(row, 7, "chat_retention_days")? {
            b = b.chat_retention_days(
                u32::try_from(days).map_err(|e| cx.field("chat_retention_days", e))?,
            );
        }
        if let Some(n) = cx.get::<Option<i64>>(row, 8, "licence_seats")? {
            let billing: String = cx
                .get::<Option<String>>(row, 11, "licence_billing")?
                .ok_or_else(|| cx.field("licence_billing", "required with `licence_seats`"))?;
            let licence = Licence::new(
                u32::try_from(n).map_err(|e| cx.field("licence_seats", e))?,
                cx.money_opt(row, 9, 10, "licence_price")?
                    .ok_or_else(|| cx.field("licence_price", "required with `licence_seats`"))?,
                from_name::<BillingPeriod>(&billing).map_err(|e| cx.field("licence_billing", e))?,
                cx.parse_opt(row, 12, "licence_renewal")?
                    .ok_or_else(|| cx.field("licence_renewal", "required with `licence_seats`"))?,
            )
            .map_err(|e| cx.record(e))?;
            b = b.licence(licence);
        }
        let mut seat_rows = seats.query([id])?;
        while let Some(s) = seat_rows.next()? {
            let scx = Cx::new("tool_seats", s.get(0)?);
            b = b.seat(
                scx.parse(s, 1, "employee")?,
                scx.parse_opt(s, 2, "last_active")?,
            );
        }
        out.push(b.build().map_err(|e| cx.record(e))?);
    }
    Inventory::new(out).map_err(|e| StoreError::Table {
        table: "tools",
        message: e.to_string(),
    })
}

pub(super) fn read_teams(conn: &Connection) -> Result<Vec<Team>, StoreError> {
    let mut teams = conn.prepare("SELECT id, team, name FROM teams ORDER BY id")?;
    let mut members = conn.prepare(
        "SELECT id, employee, zone, start_minute, length_minutes, workdays
         FROM team_members WHERE team = ?1 ORDER BY id",
    )?;
    let mut out = Vec::new();
    let mut query = teams.query([])?;
    while let Some(row) = query.next()? {
        let id: i64 = row.get(0)?;
        let cx = Cx::new("teams", id);
        let team: TeamId = cx.parse(row, 1, "team")?;
        let mut list = Vec::new();
        let mut rows = members.query([id])?;
        while let Some(m) = rows.next()? {
            let mcx = Cx::new("team_members", m.get(0)?);
            let mut days = Workdays::NONE;
            for day in mcx.get::<String>(m, 5, "workdays")?.split_whitespace() {
                let Some((weekday, _)) = WEEKDAYS.iter().find(|(_, n)| *n == day) else {
                    return Err(mcx.field("workdays", format!("unknown weekday {day:?}")));
                };
                days = days.with(*weekday);
            }
            let hours = WorkingHours::from_minutes(
                mcx.int(m, 3, "start_minute")?,
                mcx.int(m, 4, "length_minutes")?,
            )
            .map_err(|e| mcx.field("start_minute", e))?;
            let member = Member::new(
                mcx.parse(m, 1, "employee")?,
                mcx.parse::<Tz>(m, 2, "zone")?,
                hours,
                days,
            )
            .map_err(|e| mcx.record(e))?;
            list.push(member);
        }
        let mut built = Team::new(team, list).map_err(|e| cx.record(e))?;
        if let Some(name) = cx.get::<Option<String>>(row, 2, "name")? {
            built = built.with_name(name).map_err(|e| cx.field("name", e))?;
        }
        out.push(built);
    }
    Ok(out)
}
