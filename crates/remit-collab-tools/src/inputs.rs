//! [`Inputs`]: what the tools audit reads, borrowed from the caller.

use remit_core::Workforce;

use crate::inventory::Inventory;
use crate::overlap::Team;
use crate::rubric::{DefaultRubric, Rubric};

/// The rubric used when the caller sets none.
static DEFAULT_RUBRIC: DefaultRubric = DefaultRubric::new();

/// The data one tools audit reads: the workforce (every seat holder and team member is
/// one of its employees), the tool inventory, the teams whose shared working hours are
/// planned, and the rubric that scores each tool's fitness for asynchronous work.
///
/// Everything is borrowed, so a report cannot be built from a roster other than the
/// one the inventory and teams were checked against.
///
/// ```
/// use remit_collab_tools::{Inputs, Inventory, Team};
/// use remit_core::Roster;
///
/// let roster = Roster::new(vec![])?;
/// let inventory = Inventory::new(vec![])?;
/// let teams: Vec<Team> = Vec::new();
/// let inputs = Inputs::new(&roster, &inventory).with_teams(&teams);
/// assert!(inputs.teams().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct Inputs<'a, W: Workforce + ?Sized> {
    workforce: &'a W,
    inventory: &'a Inventory,
    teams: &'a [Team],
    rubric: &'a dyn Rubric,
}

impl<W: Workforce + ?Sized> std::fmt::Debug for Inputs<'_, W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("tools", &self.inventory.tools().len())
            .field("teams", &self.teams.len())
            .finish_non_exhaustive()
    }
}

impl<'a, W: Workforce + ?Sized> Inputs<'a, W> {
    /// The inventory of `workforce`'s tools, with no teams and the [`DefaultRubric`].
    pub fn new(workforce: &'a W, inventory: &'a Inventory) -> Self {
        Self {
            workforce,
            inventory,
            teams: &[],
            rubric: &DEFAULT_RUBRIC,
        }
    }

    /// The teams whose shared working hours are planned (for the async-first call-outs
    /// and the far-from-centre group). Every member must be an employee of the
    /// workforce, employed on the audit date, in the time zone the workforce records.
    #[must_use]
    pub fn with_teams(mut self, teams: &'a [Team]) -> Self {
        self.teams = teams;
        self
    }

    /// The rubric that scores each tool (default [`DefaultRubric`]).
    #[must_use]
    pub fn with_rubric(mut self, rubric: &'a dyn Rubric) -> Self {
        self.rubric = rubric;
        self
    }

    /// The people the audit covers; tool seats and team members are matched to them by id.
    pub fn workforce(&self) -> &'a W {
        self.workforce
    }

    /// The tool inventory: every tool, its capabilities, licence and seats.
    pub fn inventory(&self) -> &'a Inventory {
        self.inventory
    }

    /// The teams (empty unless set).
    pub fn teams(&self) -> &'a [Team] {
        self.teams
    }

    /// The rubric the tools' async suitability is scored with
    /// ([`DefaultRubric`](crate::DefaultRubric) unless set).
    pub fn rubric(&self) -> &'a dyn Rubric {
        self.rubric
    }
}
