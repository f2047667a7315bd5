//! A workforce from arbitrary data, built through `remit_core`'s public constructors:
//! `Employee::builder` and `Roster::new`. Every domain target starts here, so that the
//! employees of a fleet, a catalogue, a panel or an inventory are people of the roster
//! (and, sometimes, deliberately are not).

use arbitrary::{Result, Unstructured};
use remit_core::{Employee, EmployeeId, Roster};

use crate::draw;

/// The most employees one fuzz input builds (enough for every group to pass a small
/// minimum group size, few enough that each run takes milliseconds).
pub const MAX_EMPLOYEES: usize = 48;

/// The id of the `i`-th generated employee; domain modules name people by index.
pub fn id(i: usize) -> EmployeeId {
    EmployeeId::from_external(&format!("E-{i}"))
}

/// An id that is usually one of the roster's `n` employees and sometimes nobody's.
pub fn someone(u: &mut Unstructured<'_>, n: usize) -> Result<EmployeeId> {
    Ok(if n == 0 || u.ratio(1, 32)? {
        id(MAX_EMPLOYEES + usize::from(u.arbitrary::<u8>()?))
    } else {
        id(u.int_in_range(0..=n - 1)?)
    })
}

/// Employees `E-0 … E-(n-1)`: work mode, country, zone, level, department from small
/// sets; hired around the epoch, some gone; managers always earlier in the list (so no
/// cycles or dangling managers), and attributes sometimes. An employee the builder refuses (left before
/// hired) is left out, so the result can be shorter than asked.
pub fn employees(u: &mut Unstructured<'_>) -> Result<Vec<Employee>> {
    let n = draw::count(u, MAX_EMPLOYEES)?;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let hired_on = draw::date(u)?;
        let mut builder = Employee::builder(id(i))
            .work_mode(draw::work_mode(u)?)
            .country(draw::country(u)?)
            .time_zone(draw::zone(u)?)
            .level(draw::level(u)?)
            .department(draw::department(u)?)
            .hired_on(hired_on);
        if u.ratio(1, 6)? {
            let tenure: i16 = u.arbitrary()?;
            builder = builder.left_on(draw::offset_date(hired_on, i64::from(tenure)));
        }
        if !out.is_empty() && u.ratio(1, 2)? {
            let manager: &Employee = u.choose(&out)?;
            builder = builder.manager(manager.id());
        }
        if u.ratio(1, 4)? {
            let value = *u.choose(&["female", "male", "x"])?;
            builder = builder.attribute("gender", value);
        }
        if let Ok(employee) = builder.build() {
            out.push(employee);
        }
    }
    Ok(out)
}

/// [`employees`] as a validated roster (`None` if the roster refuses them).
pub fn roster(u: &mut Unstructured<'_>) -> Result<Option<Roster>> {
    Ok(Roster::new(employees(u)?).ok())
}
