//! The people whose shared time is planned: a [`Member`] (zone, hours, workdays) and a
//! [`Team`] of them, with the display name reports use.

use chrono_tz::Tz;
use remit_core::{EmployeeId, TeamId};

use super::schedule::{Workdays, WorkingHours};
use crate::error::Error;

/// One person's zone, hours and workdays.
///
/// Invariant: at least one workday. Deserialisation validates through [`Member::new`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "MemberRepr", into = "MemberRepr"))]
pub struct Member {
    id: EmployeeId,
    zone: Tz,
    hours: WorkingHours,
    workdays: Workdays,
}

/// The serialised form of a [`Member`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct MemberRepr {
    id: EmployeeId,
    zone: Tz,
    hours: WorkingHours,
    workdays: Workdays,
}

#[cfg(feature = "serde")]
impl TryFrom<MemberRepr> for Member {
    type Error = Error;
    fn try_from(r: MemberRepr) -> Result<Self, Error> {
        Self::new(r.id, r.zone, r.hours, r.workdays)
    }
}

#[cfg(feature = "serde")]
impl From<Member> for MemberRepr {
    fn from(m: Member) -> Self {
        Self {
            id: m.id,
            zone: m.zone,
            hours: m.hours,
            workdays: m.workdays,
        }
    }
}

impl Member {
    /// A member working `hours` on `workdays` in `zone`.
    ///
    /// # Errors
    ///
    /// [`Error::NoWorkdays`] if `workdays` is empty.
    pub fn new(
        id: EmployeeId,
        zone: Tz,
        hours: WorkingHours,
        workdays: Workdays,
    ) -> Result<Self, Error> {
        if workdays.is_empty() {
            return Err(Error::NoWorkdays { member: id });
        }
        Ok(Self {
            id,
            zone,
            hours,
            workdays,
        })
    }

    /// The member's employee id, matched to the workforce.
    pub fn id(&self) -> EmployeeId {
        self.id
    }

    /// The member's IANA zone.
    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// The member's local working hours.
    pub fn hours(&self) -> WorkingHours {
        self.hours
    }

    /// The member's workdays (local weekdays).
    pub fn workdays(&self) -> Workdays {
        self.workdays
    }
}

/// A team: a non-empty list of distinct members, and the name reports call it by.
///
/// Reports show a team by its display name ([`Team::name`], set with
/// [`Team::with_name`]), falling back to its id only when the caller gave none.
/// Deserialisation validates through [`Team::new`] and [`Team::with_name`].
///
/// ```
/// use remit_collab_tools::{Member, Team, Workdays, WorkingHours};
/// use remit_core::{EmployeeId, TeamId};
///
/// let ana = Member::new(EmployeeId::from_external("ana"), chrono_tz::Europe::London,
///     WorkingHours::nine_to_five(), Workdays::MON_FRI)?;
/// let team = Team::new(TeamId::from_external("T-7"), vec![ana])?.with_name("Payments")?;
/// assert_eq!(team.display_name(), "Payments");
/// # Ok::<(), remit_collab_tools::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "TeamRepr", into = "TeamRepr"))]
pub struct Team {
    id: TeamId,
    name: Option<String>,
    members: Vec<Member>,
}

/// The serialised form of a [`Team`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct TeamRepr {
    id: TeamId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    members: Vec<Member>,
}

#[cfg(feature = "serde")]
impl TryFrom<TeamRepr> for Team {
    type Error = Error;
    fn try_from(r: TeamRepr) -> Result<Self, Error> {
        let team = Self::new(r.id, r.members)?;
        match r.name {
            Some(name) => team.with_name(name),
            None => Ok(team),
        }
    }
}

#[cfg(feature = "serde")]
impl From<Team> for TeamRepr {
    fn from(t: Team) -> Self {
        Self {
            id: t.id,
            name: t.name,
            members: t.members,
        }
    }
}

impl Team {
    /// Validates a team (without a display name; add one with [`Team::with_name`]).
    ///
    /// # Errors
    ///
    /// [`Error::EmptyTeam`] without members, [`Error::DuplicateMember`] if a
    /// member id repeats.
    pub fn new(id: TeamId, members: Vec<Member>) -> Result<Self, Error> {
        if members.is_empty() {
            return Err(Error::EmptyTeam { team: id });
        }
        if let Some(member) =
            remit_core::duplicates::first_duplicate(members.iter().map(Member::id))
        {
            return Err(Error::DuplicateMember { team: id, member });
        }
        Ok(Self {
            id,
            name: None,
            members,
        })
    }

    /// The team with the name reports show it by ("Payments", "Platform EMEA").
    ///
    /// # Errors
    ///
    /// [`Error::BlankTeamName`] if the name is empty or only white space.
    pub fn with_name(mut self, name: impl Into<String>) -> Result<Self, Error> {
        let name = name.into();
        if name.trim().is_empty() {
            return Err(Error::BlankTeamName { team: self.id });
        }
        self.name = Some(name);
        Ok(self)
    }

    /// The team's id, as the caller made it (`TeamId`, a UUID mapped from the caller's own
    /// id).
    pub fn id(&self) -> TeamId {
        self.id
    }

    /// The display name the caller gave, if any.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The name to show the team by: its display name, or `team <id>` when it has none.
    pub fn display_name(&self) -> String {
        match &self.name {
            Some(name) => name.clone(),
            None => format!("team {}", self.id),
        }
    }

    /// The members, in the order given.
    pub fn members(&self) -> &[Member] {
        &self.members
    }
}
