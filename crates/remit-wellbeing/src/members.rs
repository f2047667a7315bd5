//! The members of a report: everyone in the workforce employed on the as-of date, with
//! the public attributes the cuts need, read from the workforce once.

use std::collections::HashMap;

use chrono::NaiveDate;
use chrono_tz::Tz;
use foldhash::fast::FixedState;
use remit_core::zones::utc_offset_seconds;
use remit_core::{CountryCode, Department, EmployeeId, WorkMode, Workforce};

use crate::error::Error;

/// The members in workforce order (row `i` is member `i` everywhere in the crate), one
/// column per attribute.
#[derive(Debug, Clone, Default)]
pub(crate) struct Members {
    pub(crate) ids: Vec<EmployeeId>,
    pub(crate) modes: Vec<WorkMode>,
    pub(crate) countries: Vec<CountryCode>,
    /// Index into [`Members::departments`].
    pub(crate) department: Vec<u32>,
    /// The distinct departments, in order of first appearance.
    pub(crate) departments: Vec<Department>,
    /// UTC offset in seconds east, at 12:00 UTC on the as-of date.
    pub(crate) offsets: Vec<i32>,
    pub(crate) managers: Vec<Option<EmployeeId>>,
}

impl Members {
    /// Everyone in `workforce` employed on `as_of`, in the workforce's order.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateEmployee`] if the workforce lists a member twice.
    pub(crate) fn employed_on<W: Workforce + ?Sized>(
        workforce: &W,
        as_of: NaiveDate,
    ) -> Result<Self, Error> {
        let capacity = workforce.headcount();
        let mut members = Members {
            ids: Vec::with_capacity(capacity),
            modes: Vec::with_capacity(capacity),
            countries: Vec::with_capacity(capacity),
            department: Vec::with_capacity(capacity),
            departments: Vec::new(),
            offsets: Vec::with_capacity(capacity),
            managers: Vec::with_capacity(capacity),
        };
        let mut zones: HashMap<Tz, i32, FixedState> = HashMap::default();
        let mut departments: HashMap<Department, u32, FixedState> = HashMap::default();
        for employee in workforce.employees() {
            if !employee.is_active_on(as_of) {
                continue;
            }
            let zone = employee.time_zone();
            let offset = *zones
                .entry(zone)
                .or_insert_with(|| utc_offset_seconds(zone, as_of));
            let next = u32::try_from(members.departments.len()).unwrap_or(u32::MAX);
            let department = match departments.get(employee.department()) {
                Some(&d) => d,
                None => {
                    departments.insert(employee.department().clone(), next);
                    members.departments.push(employee.department().clone());
                    next
                }
            };
            members.ids.push(employee.id());
            members.modes.push(employee.work_mode());
            members.countries.push(employee.country());
            members.department.push(department);
            members.offsets.push(offset);
            members.managers.push(employee.manager());
        }
        if let Some(employee) = remit_core::duplicates::first_duplicate(members.ids.iter().copied())
        {
            return Err(Error::DuplicateEmployee { employee });
        }
        Ok(members)
    }

    /// How many members.
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }
}
