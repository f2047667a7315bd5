//! The crate's one error type.

use chrono::NaiveDate;
use chrono_tz::Tz;
use remit_core::disclosure::DisclosureError;
use remit_core::{AuditError, EmployeeId, TeamId, ToolId};

/// Bad input to a collaboration-tools computation, or a disclosure engine that does not
/// fit the report. Each input variant names the record (by the caller's name where the
/// caller gave one, and its id) and the field at fault. An error means nothing was
/// computed and, for [`audit`](crate::audit), nothing was registered or released in the
/// disclosure engine: every input check runs before the engine is touched.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Working hours whose start equals their end, or that are not whole minutes.
    #[error("working hours {start}-{end}: {reason}")]
    InvalidWorkingHours {
        /// The start as given.
        start: String,
        /// The end as given.
        end: String,
        /// Why the hours are refused, in words.
        reason: &'static str,
    },
    /// A member works on no day of the week.
    #[error("member {member}: field `workdays` is empty")]
    NoWorkdays {
        /// The team member whose set of workdays is empty.
        member: EmployeeId,
    },
    /// A team without members.
    #[error("team {team}: field `members` is empty")]
    EmptyTeam {
        /// The caller's id of the team with no members.
        team: TeamId,
    },
    /// A member listed twice in one team.
    #[error("team {team}: member {member} is listed twice")]
    DuplicateMember {
        /// The caller's id of the team that lists the member twice.
        team: TeamId,
        /// The employee listed more than once in the team.
        member: EmployeeId,
    },
    /// A team display name that is empty or only white space.
    #[error("team {team}: field `name` must not be blank")]
    BlankTeamName {
        /// The caller's id of the team whose display name is blank.
        team: TeamId,
    },
    /// Two teams of one audit share an id.
    #[error("{}: duplicate id in the audit's teams", team_label(*team, name.as_deref()))]
    DuplicateTeam {
        /// The team id two teams of the audit share.
        team: TeamId,
        /// The display name of the team that repeats it, if the caller gave one.
        name: Option<String>,
    },
    /// A team member who is not in the workforce the audit was given.
    #[error(
        "{}: field `members`: employee {member} is not in the workforce",
        team_label(*team, team_name.as_deref())
    )]
    UnknownMember {
        /// The caller's id of the team that lists the unknown member.
        team: TeamId,
        /// The team's display name, if the caller gave one.
        team_name: Option<String>,
        /// The member missing from the workforce.
        member: EmployeeId,
    },
    /// A team member who is in the workforce but not employed on the audit date (a
    /// leaver, or a hire who has not started): the team list is out of date.
    #[error(
        "{}: field `members`: employee {member} is not employed on {as_of}",
        team_label(*team, team_name.as_deref())
    )]
    MemberNotEmployed {
        /// The caller's id of the team that lists the member.
        team: TeamId,
        /// The team's display name, if the caller gave one.
        team_name: Option<String>,
        /// The team member not employed on the audit date.
        member: EmployeeId,
        /// The audit date on which the member was not employed.
        as_of: NaiveDate,
    },
    /// A team member whose time zone differs from the one the workforce records for the
    /// employee: the two sources disagree, and the audit does not guess which is right.
    #[error(
        "{}: member {member}: field `zone` is {zone} but the workforce records {employee_zone}",
        team_label(*team, team_name.as_deref())
    )]
    MemberZoneMismatch {
        /// The caller's id of the team whose record gives the other zone.
        team: TeamId,
        /// The team's display name, if the caller gave one.
        team_name: Option<String>,
        /// The team member whose two time zones disagree.
        member: EmployeeId,
        /// The zone the team record gives.
        zone: Tz,
        /// The zone the workforce records.
        employee_zone: Tz,
    },
    /// A seat held by someone who is not in the workforce the audit was given.
    #[error("tool {name:?} ({tool}): field `seats`: user {user} is not in the workforce")]
    UnknownSeatHolder {
        /// The caller's id of the tool whose seat is held by the unknown user.
        tool: ToolId,
        /// The tool's name as the caller gave it.
        name: String,
        /// The seat holder missing from the workforce.
        user: EmployeeId,
    },
    /// A date range longer than the planner accepts.
    #[error("date range {start}..{end}: {days} days is longer than the maximum of {max}")]
    RangeTooLong {
        /// The first day of the range (inclusive).
        start: NaiveDate,
        /// Day after the last.
        end: NaiveDate,
        /// The range's length in days (`end - start`).
        days: i64,
        /// The longest range the planner accepts, in days.
        max: i64,
    },
    /// A date the bundled time-zone data cannot answer for: after
    /// [`TZ_DATA_LAST_YEAR`](crate::TZ_DATA_LAST_YEAR), the last year whose
    /// daylight-saving changes it lists, or at the very start of chrono's calendar.
    #[error("{record}: field `{field}`: date {date} {reason}")]
    OutsideTimeZoneData {
        /// The record (`"overlap planner"`, `"tools audit"`).
        record: &'static str,
        /// The field holding the date (`"period"`, `"as_of"`).
        field: &'static str,
        /// The date refused (for a range, its last or first date).
        date: NaiveDate,
        /// Why the bundled data cannot answer for the date, in words.
        reason: String,
    },
    /// A date range with no day the anchor counts as a workday.
    #[error("date range {start}..{end}: contains no anchor workday to summarise")]
    NoAnchorWorkdays {
        /// The first day of the range (inclusive).
        start: NaiveDate,
        /// Day after the last.
        end: NaiveDate,
    },
    /// A share (fraction) outside `[0, 1]` or not finite.
    #[error("{record}: field `{field}` must be a share in [0, 1], got {value}")]
    InvalidShare {
        /// The record (`"overlap config"`, `"rubric"`, ...).
        record: &'static str,
        /// The field holding the share (`"sprawl_capability_overlap"`, ...).
        field: &'static str,
        /// The refused value: outside 0 to 1, or NaN or infinite.
        value: f64,
    },
    /// A fraction that is not in `(0, 1]`: a zero numerator, or a numerator above the
    /// denominator (which includes a zero denominator).
    #[error(
        "{record}: field `{field}` must be a fraction in (0, 1], got {numerator}/{denominator}"
    )]
    InvalidFraction {
        /// The record (`"overlap config"`).
        record: &'static str,
        /// The field holding the fraction (`"core_window_share"`).
        field: &'static str,
        /// The numerator given (refused when zero or above the denominator).
        numerator: u32,
        /// The denominator given (a zero denominator is always refused).
        denominator: u32,
    },
    /// A meeting slot that starts outside the day or has no length.
    #[error("meeting slot: field `{field}` {reason}")]
    InvalidSlot {
        /// The slot field that was refused (`"start_minute"`, `"length_minutes"`, `"weekdays"`).
        field: &'static str,
        /// Why the slot is refused, in words.
        reason: &'static str,
    },
    /// A rotation asked to choose among no candidate slots.
    #[error("meeting rotation: field `candidates` is empty")]
    NoCandidates,
    /// A tool record with an invalid field.
    #[error("tool {name:?} ({tool}): field `{field}` {reason}")]
    InvalidTool {
        /// The tool's id, as the caller gave it.
        tool: ToolId,
        /// The tool's name as the caller gave it.
        name: String,
        /// The tool field that was refused (`"name"`, `"seats"`, `"licence"`, ...).
        field: &'static str,
        /// Why the field is refused, in words.
        reason: String,
    },
    /// Two tools share an id.
    #[error("tool {name:?} ({tool}): duplicate id in the inventory")]
    DuplicateTool {
        /// The tool id two tools of the inventory share.
        tool: ToolId,
        /// The name of the tool that repeats it, as the caller gave it.
        name: String,
    },
    /// A rubric criterion or configuration with an invalid field.
    #[error("{record}: field `{field}` {reason}")]
    InvalidConfig {
        /// The record holding the field (`"tools audit config"`, `"licence"`, `"capability set"`).
        record: &'static str,
        /// The field that was refused.
        field: &'static str,
        /// Why the field is refused, with the accepted range where there is one.
        reason: String,
    },
    /// Money in different currencies could not be combined, or a sum overflowed.
    #[error("{context}: {source}")]
    Money {
        /// What was being computed.
        context: String,
        /// The underlying money error.
        #[source]
        source: remit_core::MoneyError,
    },
    /// The disclosure engine refused to work with a population: it was given a handle of
    /// another engine, or a population this crate registers holds someone twice.
    #[error("disclosure engine: {0}")]
    Disclosure(#[from] DisclosureError),
    /// A finding could not be built (a defect in this crate, never the caller's data):
    /// the audit fails rather than silently dropping the finding.
    #[error("building a finding: {0}")]
    Finding(#[from] AuditError),
}

/// `team "Payments" (id)` when the caller named the team, `team id` otherwise.
fn team_label(team: TeamId, name: Option<&str>) -> String {
    match name {
        Some(name) => format!("team {name:?} ({team})"),
        None => format!("team {team}"),
    }
}
