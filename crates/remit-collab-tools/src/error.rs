//! The crate's one error type.

use chrono::NaiveDate;
use remit_core::{EmployeeId, TeamId, ToolId};

/// Bad input to a collaboration-tools computation. Each variant names the record and the
/// field at fault; nothing was computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CollabError {
    /// Working hours whose start equals their end, or that are not whole minutes.
    #[error("working hours {start}-{end}: {reason}")]
    InvalidWorkingHours {
        /// The start as given.
        start: String,
        /// The end as given.
        end: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// A member works on no day of the week.
    #[error("member {member}: field `workdays` is empty")]
    NoWorkdays {
        /// The member.
        member: EmployeeId,
    },
    /// A team without members.
    #[error("team {team}: field `members` is empty")]
    EmptyTeam {
        /// The team.
        team: TeamId,
    },
    /// A member listed twice in one team.
    #[error("team {team}: member {member} is listed twice")]
    DuplicateMember {
        /// The team.
        team: TeamId,
        /// The repeated member.
        member: EmployeeId,
    },
    /// A date range longer than the planner accepts.
    #[error("date range {start}..{end}: {days} days is longer than the maximum of {max}")]
    RangeTooLong {
        /// First day.
        start: NaiveDate,
        /// Day after the last.
        end: NaiveDate,
        /// Its length.
        days: i64,
        /// The maximum.
        max: i64,
    },
    /// A date the bundled time-zone data cannot answer for: after
    /// [`TZ_DATA_LAST_YEAR`](crate::overlap::TZ_DATA_LAST_YEAR), the last year whose
    /// daylight-saving changes it lists, or at the very start of chrono's calendar.
    #[error("{record}: field `{field}`: date {date} {reason}")]
    OutsideTimeZoneData {
        /// The record (`"overlap planner"`, `"tools audit"`).
        record: &'static str,
        /// The field holding the date (`"period"`, `"as_of"`).
        field: &'static str,
        /// The date refused (for a range, its last or first date).
        date: NaiveDate,
        /// Why, in words.
        reason: String,
    },
    /// A date range with no day the anchor counts as a workday.
    #[error("date range {start}..{end}: contains no anchor workday to summarise")]
    NoAnchorWorkdays {
        /// First day.
        start: NaiveDate,
        /// Day after the last.
        end: NaiveDate,
    },
    /// A share (fraction) outside `[0, 1]` or not finite.
    #[error("{record}: field `{field}` must be a share in [0, 1], got {value}")]
    InvalidShare {
        /// The record (`"overlap config"`, `"rubric"`, ...).
        record: &'static str,
        /// The field.
        field: &'static str,
        /// The rejected value.
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
        /// The field.
        field: &'static str,
        /// The rejected numerator.
        numerator: u32,
        /// The rejected denominator.
        denominator: u32,
    },
    /// A meeting slot that starts outside the day or has no length.
    #[error("meeting slot: field `{field}` {reason}")]
    InvalidSlot {
        /// The field.
        field: &'static str,
        /// What is wrong.
        reason: &'static str,
    },
    /// A rotation asked to choose among no candidate slots.
    #[error("meeting rotation: field `candidates` is empty")]
    NoCandidates,
    /// A tool record with an invalid field.
    #[error("tool {name:?} ({tool}): field `{field}` {reason}")]
    InvalidTool {
        /// The tool's id.
        tool: ToolId,
        /// The tool's name as the caller gave it.
        name: String,
        /// The field.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// Two tools share an id.
    #[error("tool {name:?} ({tool}): duplicate id in the inventory")]
    DuplicateTool {
        /// The repeated id.
        tool: ToolId,
        /// The name of the tool that repeats it, as the caller gave it.
        name: String,
    },
    /// A rubric criterion or configuration with an invalid field.
    #[error("{record}: field `{field}` {reason}")]
    InvalidConfig {
        /// The record.
        record: &'static str,
        /// The field.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// Money in different currencies could not be combined.
    #[error("{context}: {source}")]
    Money {
        /// What was being computed.
        context: String,
        /// The underlying money error.
        #[source]
        source: remit_core::MoneyError,
    },
}
