//! [`Inputs`]: what the promotion audit reads.

use std::borrow::Cow;
use std::fmt;

use remit_core::{Period, Roster, Workforce};

use crate::config::Config;
use crate::error::Error;
use crate::history::{PromotionEvent, Ratings, table_from_history};
use crate::table::PromotionTable;

/// What [`audit`](crate::audit) reads: people and their promotions, either through a
/// [`Workforce`] ([`Inputs::new`]) or as an analysis-ready [`PromotionTable`]
/// ([`Inputs::from_table`]).
///
/// # Two ways in
///
/// - **People through the workforce** ([`Inputs::new`]): the caller's
///   [`Workforce`] (its roster), the promotions that happened ([`PromotionEvent`]s) and
///   each person's performance rating. The audit builds one record per person in the
///   eligible pool of the configured window ([`records_from_history`](crate::records_from_history), whose
///   documentation gives the conventions), so every person, work mode, level and
///   attribute comes from the roster and cannot disagree with it.
/// - **An analysis-ready table** ([`Inputs::from_table`]): a [`PromotionTable`] whose
///   rows already say, per person, the work mode, level, department, rating, tenure,
///   whether they were promoted and the months to promotion or to the end of
///   observation. This is what a promotions CSV export or a data warehouse view gives:
///   there is no roster behind it, and each row is the only description of its person.
///   The table is borrowed as it is; a person listed twice is an error
///   ([`Error::DuplicateEmployee`](crate::Error::DuplicateEmployee), naming both rows).
///
/// Both end in the same table and the same analysis; the first is preferred when the
/// caller holds the roster, the second keeps large flat files (a million rows) cheap.
///
/// Everything is borrowed; building inputs validates nothing and cannot fail, and the
/// audit reports any problem with the data.
///
/// ```
/// use std::collections::BTreeMap;
/// use chrono::NaiveDate;
/// use remit_core::{CountryCode, Department, Employee, EmployeeId, JobLevel, Roster, WorkMode};
/// use remit_promotion_bias::{Inputs, PromotionEvent, PromotionTable};
///
/// let person = |id: &str| {
///     Employee::builder(EmployeeId::from_external(id))
///         .work_mode(WorkMode::Remote)
///         .country(CountryCode::new("PT").unwrap())
///         .time_zone(chrono_tz::Europe::Lisbon)
///         .level(JobLevel::new(2))
///         .department(Department::new("Support").unwrap())
///         .hired_on(NaiveDate::from_ymd_opt(2021, 3, 1).unwrap())
///         .build()
///         .unwrap()
/// };
/// let roster = Roster::new(vec![person("a"), person("b")])?;
/// let events = [PromotionEvent::new(
///     EmployeeId::from_external("a"),
///     NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(),
/// )];
/// let ratings = BTreeMap::from([
///     (EmployeeId::from_external("a"), 4.0),
///     (EmployeeId::from_external("b"), 3.0),
/// ]);
/// let through_the_roster = Inputs::new(&roster, &events, &ratings);
///
/// let table = PromotionTable::new(); // e.g. filled from a CSV export
/// let analysis_ready = Inputs::from_table(&table);
/// # let _ = (through_the_roster, analysis_ready);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Inputs<'a, W: Workforce + ?Sized = Roster> {
    source: Source<'a, W>,
}

enum Source<'a, W: ?Sized> {
    History {
        workforce: &'a W,
        events: &'a [PromotionEvent],
        ratings: &'a dyn Ratings,
    },
    Table(&'a PromotionTable),
}

impl<'a, W: Workforce + ?Sized> Inputs<'a, W> {
    /// People through the workforce: the pool is everyone in `workforce` employed on
    /// the first day of the configured window; `events` are the promotions (those
    /// outside the window are ignored, the first in the window counts); `ratings` gives
    /// every pool member's performance rating (any finite scale): a map from
    /// [`EmployeeId`](remit_core::EmployeeId) (`BTreeMap` or `HashMap`) or anything
    /// else that is [`Ratings`].
    pub fn new(workforce: &'a W, events: &'a [PromotionEvent], ratings: &'a dyn Ratings) -> Self {
        Self {
            source: Source::History {
                workforce,
                events,
                ratings,
            },
        }
    }

    /// The table the analysis reads, and the window it was built over: the table
    /// borrowed as it is (no window), or built from the workforce over the configured
    /// window.
    ///
    /// # Errors
    /// [`Error::WindowOutOfCalendar`] for a window outside the calendar; otherwise as
    /// [`records_from_history`](crate::records_from_history).
    pub(crate) fn table(
        &self,
        config: &Config,
    ) -> Result<(Cow<'a, PromotionTable>, Option<Period>), Error> {
        match self.source {
            Source::Table(table) => Ok((Cow::Borrowed(table), None)),
            Source::History {
                workforce,
                events,
                ratings,
            } => {
                let window = config.window()?;
                let table = table_from_history(workforce, events, ratings, window)?;
                Ok((Cow::Owned(table), Some(window)))
            }
        }
    }
}

impl<'a> Inputs<'a> {
    /// An analysis-ready table: one row per person, no roster behind it.
    pub fn from_table(table: &'a PromotionTable) -> Self {
        Self {
            source: Source::Table(table),
        }
    }
}

impl<W: Workforce + ?Sized> Clone for Inputs<'_, W> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<W: Workforce + ?Sized> Copy for Inputs<'_, W> {}

impl<W: ?Sized> Clone for Source<'_, W> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<W: ?Sized> Copy for Source<'_, W> {}

impl<W: Workforce + ?Sized> fmt::Debug for Inputs<'_, W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.source {
            Source::History { events, .. } => f
                .debug_struct("Inputs::History")
                .field("events", &events.len())
                .finish_non_exhaustive(),
            Source::Table(table) => f
                .debug_struct("Inputs::Table")
                .field("rows", &table.len())
                .finish(),
        }
    }
}
