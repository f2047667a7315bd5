//! A collaboration-tool inventory, licences, usage and teams across time zones for
//! `remit-collab-tools`, with planted effects and the ground truth.
//!
//! # The generating process
//!
//! Only employees active on the organisation's `as_of` date take part, in roster order.
//!
//! - **Inventory**: one tool per category (chat, video, docs, wiki, tracker, whiteboard,
//!   email, calendar, async video, files), each with SSO, SCIM, enforced MFA and an audit
//!   log, so the baseline has no sprawl and no security gap. Everyone holds a chat, video,
//!   docs, email and calendar seat; wiki and tracker seats go to 70%, async video to 40%,
//!   whiteboard to 30%. Each seat's user was active in the last 30 days, except with
//!   probability `inactive_share` (default 0.15), when the last activity was 61–400 days
//!   ago or never. Licences buy `spare_seat_share` (default 5%) more seats than assigned,
//!   priced per seat per month in USD, renewing on a day within a year of `as_of`.
//! - **Teams**: active employees grouped by department and, within it, ordered by UTC
//!   offset on `as_of` (then roster order), into teams of `team_size` (default 8), so teams
//!   form around places as real ones do, named after the department and numbered
//!   ("Engineering 3"); each member in their own roster zone working 8 hours from
//!   08:00, 08:30, 09:00, 09:30 or 10:00 local time, Monday to Friday.
//!
//! Planted effects (each off by default):
//!
//! - [`CollabSynthConfig::duplicate_chat`]: a second chat tool (`SideChat`) with most of
//!   the main chat's capabilities, seating that share of employees, who all also hold a
//!   main-chat seat. Truth: its id, the users active in both, and the savings of retiring
//!   it (its whole annual cost: its users already hold main-chat seats).
//! - [`CollabSynthConfig::shadow_tool`]: an unlicensed `ShadowBoard` (category other)
//!   used by 5% of employees with none of the four security controls.
//! - [`CollabSynthConfig::far_team`]: one more team of `team_size` employees, half from
//!   the westernmost UTC offsets (−04:00 or less: the Americas) and half from the
//!   easternmost (+08:00 or more), so the two halves are at least twelve hours apart on
//!   the offset line, which is five to twelve hours on the 24-hour clock (Los Angeles
//!   −07:00 and Singapore +08:00 are nine hours apart; Auckland +12:00 only five),
//!   named "Americas and Asia-Pacific".
//!
//! ```
//! use remit_synth::collab_tools::{collab_data, CollabSynthConfig};
//! use remit_synth::{generate, SynthConfig};
//!
//! let org = generate(&SynthConfig::new(1_000, 3))?;
//! let data = collab_data(&org, &CollabSynthConfig::default().duplicate_chat(0.2)?.shadow_tool(true))?;
//! assert_eq!(data.inventory().tools().len(), 12);
//! assert!(data.truth().duplicate_chat_users_in_both() > 0);
//! assert!(!data.teams().is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashMap};

use chrono::{Days, NaiveDate};
use rand::RngCore;
use remit_collab_tools::{
    BillingPeriod, Capability, Category, Error as CollabError, Inventory, Licence, Member, Seat,
    SyncLevel, Team, Tool, Workdays, WorkingHours,
};
use remit_core::{Currency, Employee, Money, TeamId, ToolId};
use rust_decimal::Decimal;

use crate::Organisation;
use crate::rng;

/// A collab-tools synth configuration was invalid, or generated data failed validation.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CollabSynthError {
    /// A parameter out of range.
    #[error("collab-tools synth config: field `{field}` = {value} is out of range")]
    OutOfRange {
        /// The field.
        field: &'static str,
        /// The rejected value.
        value: f64,
    },
    /// The organisation has too few employees far apart to plant a far team.
    #[error(
        "collab-tools synth: a far team of {needed} needs {half} employees at UTC-04:00 or west and {half} at +08:00 or east; found {west} and {east}"
    )]
    NotEnoughFarEmployees {
        /// Team size.
        needed: usize,
        /// Half of it.
        half: usize,
        /// Employees found in the west.
        west: usize,
        /// Employees found in the east.
        east: usize,
    },
    /// Generated data failed validation (a bug in the generator).
    #[error(transparent)]
    Collab(#[from] CollabError),
}

/// What to generate and plant. The default plants nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CollabSynthConfig {
    team_size: usize,
    inactive_share: f64,
    spare_seat_share: f64,
    duplicate_chat: f64,
    shadow_tool: bool,
    far_team: bool,
}

impl Default for CollabSynthConfig {
    fn default() -> Self {
        Self {
            team_size: 8,
            inactive_share: 0.15,
            spare_seat_share: 0.05,
            duplicate_chat: 0.0,
            shadow_tool: false,
            far_team: false,
        }
    }
}

fn share(field: &'static str, value: f64) -> Result<f64, CollabSynthError> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(CollabSynthError::OutOfRange { field, value })
    }
}

impl CollabSynthConfig {
    /// Team size (2 to 100).
    ///
    /// # Errors
    ///
    /// [`CollabSynthError::OutOfRange`] outside 2–100.
    pub fn team_size(mut self, size: usize) -> Result<Self, CollabSynthError> {
        if !(2..=100).contains(&size) {
            return Err(CollabSynthError::OutOfRange {
                field: "team_size",
                value: size as f64,
            });
        }
        self.team_size = size;
        Ok(self)
    }

    /// The probability a seat's user has been inactive for more than 60 days.
    ///
    /// # Errors
    ///
    /// [`CollabSynthError::OutOfRange`] outside `[0, 1]`.
    pub fn inactive_share(mut self, p: f64) -> Result<Self, CollabSynthError> {
        self.inactive_share = share("inactive_share", p)?;
        Ok(self)
    }

    /// Plants a duplicate chat tool seating this share of employees (0 plants none).
    ///
    /// # Errors
    ///
    /// [`CollabSynthError::OutOfRange`] outside `[0, 1]`.
    pub fn duplicate_chat(mut self, share_of_employees: f64) -> Result<Self, CollabSynthError> {
        self.duplicate_chat = share("duplicate_chat", share_of_employees)?;
        Ok(self)
    }

    /// Plants a tool without SSO, SCIM, MFA or audit log.
    #[must_use]
    pub fn shadow_tool(mut self, plant: bool) -> Self {
        self.shadow_tool = plant;
        self
    }

    /// Plants a team split between the Americas and Asia-Pacific: five to twelve hours
    /// apart on the 24-hour clock (see the module docs).
    #[must_use]
    pub fn far_team(mut self, plant: bool) -> Self {
        self.far_team = plant;
        self
    }
}

/// What was planted, to check an analysis against.
#[derive(Debug, Clone, PartialEq)]
pub struct CollabTruth {
    main_chat: ToolId,
    duplicate_chat: Option<ToolId>,
    duplicate_chat_users_in_both: u64,
    duplicate_chat_savings: Option<Money>,
    shadow_tool: Option<ToolId>,
    far_team: Option<TeamId>,
    inactive_seats: Vec<(ToolId, u32)>,
}

impl CollabTruth {
    /// The main chat tool.
    pub fn main_chat(&self) -> ToolId {
        self.main_chat
    }

    /// The planted duplicate chat tool.
    pub fn duplicate_chat(&self) -> Option<ToolId> {
        self.duplicate_chat
    }

    /// Users active (within 60 days) in both chat tools.
    pub fn duplicate_chat_users_in_both(&self) -> u64 {
        self.duplicate_chat_users_in_both
    }

    /// The annual savings of retiring the duplicate chat.
    pub fn duplicate_chat_savings(&self) -> Option<Money> {
        self.duplicate_chat_savings
    }

    /// The planted tool without security controls.
    pub fn shadow_tool(&self) -> Option<ToolId> {
        self.shadow_tool
    }

    /// The planted far team.
    pub fn far_team(&self) -> Option<TeamId> {
        self.far_team
    }

    /// Seats generated as inactive (more than 60 days or never), per licensed tool.
    pub fn inactive_seats(&self) -> &[(ToolId, u32)] {
        &self.inactive_seats
    }
}

/// The generated inputs and their truth.
#[derive(Debug, Clone)]
pub struct CollabData {
    inventory: Inventory,
    teams: Vec<Team>,
    truth: CollabTruth,
}

impl CollabData {
    /// The generated tool inventory: the tools with their capabilities, licences and
    /// assigned seats.
    pub fn inventory(&self) -> &Inventory {
        &self.inventory
    }

    /// The generated teams, with each member's working hours and time zone.
    pub fn teams(&self) -> &[Team] {
        &self.teams
    }

    /// The ground truth of this data, to check `remit_collab_tools`' audit against.
    pub fn truth(&self) -> &CollabTruth {
        &self.truth
    }
}

struct Spec {
    key: &'static str,
    name: &'static str,
    category: Category,
    sync: SyncLevel,
    caps: &'static [Capability],
    monthly_usd: i64,
    reach: f64,
}

use Capability as C;

const SECURITY: [Capability; 4] = [C::Sso, C::Scim, C::EnforcedMfa, C::AuditLog];

const CHAT_CAPS: &[Capability] = &[
    C::PersistentSearchableHistory,
    C::Threads,
    C::ScheduledSend,
    C::NotificationControls,
    C::Status,
    C::ApiIntegrations,
    C::RetentionControls,
];

const SPECS: [Spec; 10] = [
    Spec {
        key: "main-chat",
        name: "MainChat",
        category: Category::Chat,
        sync: SyncLevel::Mixed,
        caps: CHAT_CAPS,
        monthly_usd: 8,
        reach: 1.0,
    },
    Spec {
        key: "video",
        name: "Meet",
        category: Category::Video,
        sync: SyncLevel::Synchronous,
        caps: &[C::AsyncVideo, C::Transcripts, C::ApiIntegrations],
        monthly_usd: 15,
        reach: 1.0,
    },
    Spec {
        key: "docs",
        name: "Docs",
        category: Category::Docs,
        sync: SyncLevel::Asynchronous,
        caps: &[
            C::PersistentSearchableHistory,
            C::CommentsAndSuggestions,
            C::VersionHistory,
            C::Offline,
            C::ApiIntegrations,
        ],
        monthly_usd: 12,
        reach: 1.0,
    },
    Spec {
        key: "wiki",
        name: "Handbook",
        category: Category::Wiki,
        sync: SyncLevel::Asynchronous,
        caps: &[
            C::PersistentSearchableHistory,
            C::CommentsAndSuggestions,
            C::VersionHistory,
            C::ApiIntegrations,
        ],
        monthly_usd: 6,
        reach: 0.7,
    },
    Spec {
        key: "tracker",
        name: "Issues",
        category: Category::Tracker,
        sync: SyncLevel::Asynchronous,
        caps: &[
            C::PersistentSearchableHistory,
            C::Threads,
            C::CommentsAndSuggestions,
            C::VersionHistory,
            C::NotificationControls,
            C::ApiIntegrations,
        ],
        monthly_usd: 10,
        reach: 0.7,
    },
    Spec {
        key: "whiteboard",
        name: "Board",
        category: Category::Whiteboard,
        sync: SyncLevel::MostlySync,
        caps: &[C::CommentsAndSuggestions, C::VersionHistory],
        monthly_usd: 10,
        reach: 0.3,
    },
    Spec {
        key: "email",
        name: "Mail",
        category: Category::Email,
        sync: SyncLevel::MostlyAsync,
        caps: &[
            C::PersistentSearchableHistory,
            C::Threads,
            C::ScheduledSend,
            C::NotificationControls,
            C::Offline,
        ],
        monthly_usd: 6,
        reach: 1.0,
    },
    Spec {
        key: "calendar",
        name: "Calendar",
        category: Category::Calendar,
        sync: SyncLevel::Mixed,
        caps: &[C::Status, C::NotificationControls, C::ApiIntegrations],
        monthly_usd: 2,
        reach: 1.0,
    },
    Spec {
        key: "async-video",
        name: "Clips",
        category: Category::AsyncVideo,
        sync: SyncLevel::Asynchronous,
        caps: &[
            C::AsyncVideo,
            C::Transcripts,
            C::CommentsAndSuggestions,
            C::PersistentSearchableHistory,
        ],
        monthly_usd: 12,
        reach: 0.4,
    },
    Spec {
        key: "files",
        name: "Drive",
        category: Category::Files,
        sync: SyncLevel::Asynchronous,
        caps: &[
            C::PersistentSearchableHistory,
            C::VersionHistory,
            C::Offline,
            C::ApiIntegrations,
        ],
        monthly_usd: 10,
        reach: 1.0,
    },
];

fn tool_id(key: &str) -> ToolId {
    ToolId::from_external(&format!("synth-tool-{key}"))
}

/// `days_before[k]` is the date `k` days before `as_of` (for `k` up to 400).
struct DaysBefore(Vec<Option<NaiveDate>>);

impl DaysBefore {
    fn new(as_of: NaiveDate) -> Self {
        Self(
            (0..=400)
                .map(|k| as_of.checked_sub_days(Days::new(k)))
                .collect(),
        )
    }

    fn get(&self, k: u64) -> Option<NaiveDate> {
        self.0.get(k as usize).copied().flatten()
    }
}

/// One seat's last activity: within 30 days, or (inactive) 61-400 days ago or never.
fn last_active(
    r: &mut impl RngCore,
    before: &DaysBefore,
    inactive: f64,
) -> (Option<NaiveDate>, bool) {
    if rng::chance(r, inactive) {
        if rng::chance(r, 0.3) {
            (None, true)
        } else {
            let days = 61 + rng::below(r, 340);
            (before.get(days), true)
        }
    } else {
        (before.get(rng::below(r, 31)), false)
    }
}

fn licence_for(
    assigned: usize,
    spare: f64,
    monthly: i64,
    renewal: NaiveDate,
    usd: Currency,
) -> Result<Licence, CollabError> {
    let seats = ((assigned as f64) * (1.0 + spare)).ceil() as u32;
    Licence::new(
        seats.max(assigned as u32),
        Money::new(Decimal::new(monthly, 0), usd),
        BillingPeriod::Monthly,
        renewal,
    )
}

/// An employee's UTC offset on `as_of` in hours, by `remit_core::zones`' convention
/// (read at 12:00 UTC), the one the tools audit uses for the far-from-centre group.
fn offset_hours(e: &Employee, as_of: NaiveDate) -> f64 {
    f64::from(remit_core::zones::utc_offset_seconds(e.time_zone(), as_of)) / 3600.0
}

fn member(e: &Employee, r: &mut impl RngCore) -> Result<Member, CollabError> {
    let start = 480 + 30 * rng::below(r, 5) as u16;
    Member::new(
        e.id(),
        e.time_zone(),
        WorkingHours::from_minutes(start, 480)?,
        Workdays::MON_FRI,
    )
}

/// Generates the inventory, teams and truth for `org` from the stream
/// `rng::stream(org.seed(), "collab_tools")`.
///
/// # Errors
///
/// [`CollabSynthError::NotEnoughFarEmployees`] if a far team is planted in an
/// organisation without enough staff far apart.
pub fn collab_data(
    org: &Organisation,
    config: &CollabSynthConfig,
) -> Result<CollabData, CollabSynthError> {
    let mut r = rng::stream(org.seed(), "collab_tools");
    let as_of = org.as_of();
    let usd = Currency::new("USD").map_err(|_| CollabSynthError::OutOfRange {
        field: "currency",
        value: 0.0,
    })?;
    let active: Vec<&Employee> = org
        .roster()
        .iter()
        .filter(|e| e.is_active_on(as_of))
        .collect();

    let before = DaysBefore::new(as_of);
    let mut tools = Vec::with_capacity(SPECS.len() + 2);
    let mut inactive_seats = Vec::new();
    let mut main_chat_active: Vec<bool> = Vec::new();
    for spec in &SPECS {
        // Room for the expected seats and a margin of 5% of everyone.
        let expected = (active.len() as f64 * (spec.reach + 0.05)).ceil() as usize;
        let mut seats = Vec::with_capacity(expected.min(active.len()));
        let mut inactive = 0u32;
        for e in &active {
            if spec.reach < 1.0 && !rng::chance(&mut r, spec.reach) {
                if spec.key == "main-chat" {
                    main_chat_active.push(false);
                }
                continue;
            }
            let (last, idle) = last_active(&mut r, &before, config.inactive_share);
            inactive += u32::from(idle);
            if spec.key == "main-chat" {
                main_chat_active.push(!idle);
            }
            seats.push(Seat::new(e.id(), last));
        }
        let renewal = as_of
            .checked_add_days(Days::new(1 + rng::below(&mut r, 365)))
            .unwrap_or(as_of);
        let licence = licence_for(
            seats.len(),
            config.spare_seat_share,
            spec.monthly_usd,
            renewal,
            usd,
        )?;
        let id = tool_id(spec.key);
        inactive_seats.push((id, inactive));
        tools.push(
            Tool::builder(id, spec.name, spec.category)
                .sync_level(spec.sync)
                .enable(spec.caps.iter().copied().chain(SECURITY))
                .chat_retention_days(90)
                .licence(licence)
                .seats(seats)
                .build()?,
        );
    }

    let mut truth = CollabTruth {
        main_chat: tool_id("main-chat"),
        duplicate_chat: None,
        duplicate_chat_users_in_both: 0,
        duplicate_chat_savings: None,
        shadow_tool: None,
        far_team: None,
        inactive_seats,
    };

    if config.duplicate_chat > 0.0 {
        let mut seats = Vec::new();
        let mut both = 0u64;
        let mut inactive = 0u32;
        for (i, e) in active.iter().enumerate() {
            if !rng::chance(&mut r, config.duplicate_chat) {
                continue;
            }
            let (last, idle) = last_active(&mut r, &before, config.inactive_share);
            inactive += u32::from(idle);
            if !idle && main_chat_active.get(i).copied().unwrap_or(false) {
                both += 1;
            }
            seats.push(Seat::new(e.id(), last));
        }
        let renewal = as_of.checked_add_days(Days::new(45)).unwrap_or(as_of);
        let licence = licence_for(seats.len(), config.spare_seat_share, 7, renewal, usd)?;
        let id = tool_id("side-chat");
        truth.duplicate_chat = Some(id);
        truth.duplicate_chat_users_in_both = both;
        truth.duplicate_chat_savings = Some(licence.annual_cost()?);
        truth.inactive_seats.push((id, inactive));
        tools.push(
            Tool::builder(id, "SideChat", Category::Chat)
                .sync_level(SyncLevel::Mixed)
                .enable(CHAT_CAPS.iter().copied().take(5).chain(SECURITY))
                .chat_retention_days(90)
                .licence(licence)
                .seats(seats)
                .build()?,
        );
    }

    if config.shadow_tool {
        let id = tool_id("shadow-board");
        let mut seats = Vec::new();
        for e in &active {
            if rng::chance(&mut r, 0.05) {
                let last = before.get(rng::below(&mut r, 20));
                seats.push(Seat::new(e.id(), last));
            }
        }
        truth.shadow_tool = Some(id);
        tools.push(
            Tool::builder(id, "ShadowBoard", Category::Other)
                .sync_level(SyncLevel::MostlySync)
                .enable([C::CommentsAndSuggestions])
                .seats(seats)
                .build()?,
        );
    }

    // Each active employee's UTC offset on `as_of` in hours, computed once per zone.
    let mut zone_offsets: HashMap<chrono_tz::Tz, f64> = HashMap::new();
    let offsets: Vec<f64> = active
        .iter()
        .map(|e| {
            *zone_offsets
                .entry(e.time_zone())
                .or_insert_with(|| offset_hours(e, as_of))
        })
        .collect();
    let offset_of = |i: usize| offsets.get(i).copied().unwrap_or(0.0);

    // Teams by department, in roster order.
    let mut by_dept: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, e) in active.iter().enumerate() {
        let d = e.department().as_str();
        match by_dept.iter_mut().find(|(name, _)| *name == d) {
            Some((_, v)) => v.push(i),
            None => by_dept.push((d, vec![i])),
        }
    }
    let mut teams = Vec::new();
    for (dept, people) in &mut by_dept {
        // Teams form around places: within a department, neighbours in UTC offset (then
        // roster order within an offset).
        let mut by_offset: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
        for &i in people.iter() {
            by_offset
                .entry((offset_of(i) * 60.0).round() as i64)
                .or_default()
                .push(i);
        }
        *people = by_offset.into_values().flatten().collect();
        for (k, chunk) in people.chunks(config.team_size).enumerate() {
            let members = chunk
                .iter()
                .filter_map(|&i| active.get(i))
                .map(|e| member(e, &mut r))
                .collect::<Result<Vec<_>, _>>()?;
            teams.push(
                Team::new(
                    TeamId::from_external(&format!("synth-team-{dept}-{k}")),
                    members,
                )?
                .with_name(format!("{dept} {}", k + 1))?,
            );
        }
    }

    if config.far_team {
        let half = config.team_size / 2;
        let west: Vec<&Employee> = active
            .iter()
            .enumerate()
            .filter(|&(i, _)| offset_of(i) <= -4.0)
            .map(|(_, e)| *e)
            .collect();
        let east: Vec<&Employee> = active
            .iter()
            .enumerate()
            .filter(|&(i, _)| offset_of(i) >= 8.0)
            .map(|(_, e)| *e)
            .collect();
        if west.len() < half || east.len() < config.team_size - half {
            return Err(CollabSynthError::NotEnoughFarEmployees {
                needed: config.team_size,
                half,
                west: west.len(),
                east: east.len(),
            });
        }
        let members = west
            .iter()
            .take(half)
            .chain(east.iter().take(config.team_size - half))
            .map(|e| member(e, &mut r))
            .collect::<Result<Vec<_>, _>>()?;
        let id = TeamId::from_external("synth-team-far");
        teams.push(Team::new(id, members)?.with_name("Americas and Asia-Pacific")?);
        truth.far_team = Some(id);
    }

    Ok(CollabData {
        inventory: Inventory::new(tools)?,
        teams,
        truth,
    })
}
