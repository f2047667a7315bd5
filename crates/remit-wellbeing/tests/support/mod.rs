//! What the wellbeing integration tests share: the small organisations they build.

use chrono::NaiveDate;
use chrono_tz::Tz;
use remit_core::{CountryCode, Department, Employee, EmployeeId, JobLevel, WorkMode};

/// Employee `i` of a tree-shaped organisation with fan-out `fanout` (the first person
/// has no manager; person `i` reports to `(i - 1) / fanout`): level 2, hired on
/// 2020-01-01, in `country` and `time_zone`, in `department`.
pub fn tree_member(
    ids: &[EmployeeId],
    i: usize,
    fanout: usize,
    mode: WorkMode,
    (country, time_zone): (&str, Tz),
    department: &str,
) -> Employee {
    let mut builder = Employee::builder(ids[i])
        .work_mode(mode)
        .country(CountryCode::new(country).unwrap())
        .time_zone(time_zone)
        .level(JobLevel::new(2))
        .department(Department::new(department).unwrap())
        .hired_on(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
    if i > 0 {
        builder = builder.manager(ids[(i - 1) / fanout]);
    }
    builder.build().unwrap()
}
