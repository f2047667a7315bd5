//! Deterministic workloads shared by `benches/collab_tools.rs` and
//! `examples/collab_cpu.rs`: teams across 24 zones, tool inventories, and the workforce
//! both belong to.
#![allow(
    dead_code,
    reason = "shared by the collab_tools bench and `collab_cpu`, each using a part"
)]

use chrono::NaiveDate;
use chrono_tz::Tz;
use remit_collab_tools::{
    BillingPeriod, Capability, Category, Inventory, Licence, Member, Seat, SyncLevel, Team, Tool,
    Workdays, WorkingHours,
};
use remit_core::{
    CountryCode, Currency, Department, Employee, EmployeeId, JobLevel, Money, Roster, TeamId,
    ToolId, WorkMode,
};
use rust_decimal::Decimal;

const ZONES: [Tz; 24] = [
    chrono_tz::America::Los_Angeles,
    chrono_tz::America::Denver,
    chrono_tz::America::Chicago,
    chrono_tz::America::New_York,
    chrono_tz::America::Sao_Paulo,
    chrono_tz::America::Santiago,
    chrono_tz::America::Mexico_City,
    chrono_tz::Europe::London,
    chrono_tz::Europe::Dublin,
    chrono_tz::Europe::Berlin,
    chrono_tz::Europe::Madrid,
    chrono_tz::Europe::Warsaw,
    chrono_tz::Europe::Kyiv,
    chrono_tz::Africa::Lagos,
    chrono_tz::Africa::Nairobi,
    chrono_tz::Asia::Dubai,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Asia::Kathmandu,
    chrono_tz::Asia::Singapore,
    chrono_tz::Asia::Tokyo,
    chrono_tz::Australia::Sydney,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::Pacific::Auckland,
    chrono_tz::America::Toronto,
];

/// Deterministic teams of 4-9 members drawn from 24 zones with varied hours.
pub fn teams(n: usize) -> Vec<Team> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|t| {
            let size = 4 + (next() % 6) as usize;
            let home = (next() % ZONES.len() as u64) as usize;
            let members = (0..size)
                .map(|i| {
                    // Most members near the team's home zone, some far away.
                    let spread = (next() % 5) as usize;
                    let zone = ZONES[(home + spread * (next() % 3) as usize) % ZONES.len()];
                    let start = 420 + 30 * (next() % 7) as u16;
                    let hours = WorkingHours::from_minutes(start, 480 + 30 * (next() % 3) as u16)
                        .expect("valid hours");
                    Member::new(
                        EmployeeId::from_external(&format!("{t}-{i}")),
                        zone,
                        hours,
                        Workdays::MON_FRI,
                    )
                    .expect("valid member")
                })
                .collect();
            Team::new(TeamId::from_external(&t.to_string()), members).expect("valid team")
        })
        .collect()
}

struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// `tools` tools over `users` users: ten org-wide tools seating everyone, the rest
/// seating 100-5 000 users each, random categories and capabilities, 15% of seats idle.
pub fn inventory(tools: usize, users: usize) -> Inventory {
    let mut rng = Xorshift(0x2545_F491_4F6C_DD1D);
    let usd = Currency::new("USD").expect("usd");
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).expect("date");
    let ids: Vec<EmployeeId> = (0..users)
        .map(|i| EmployeeId::from_external(&format!("E-{i}")))
        .collect();
    let list = (0..tools)
        .map(|t| {
            let category = Category::ALL[t % 10];
            let caps = Capability::ALL
                .into_iter()
                .filter(|_| rng.below(3) > 0)
                .collect::<Vec<_>>();
            let n = if t < 10 {
                users
            } else {
                100 + rng.below(4_900) as usize
            }
            .min(users);
            let start = rng.below(users as u64) as usize;
            let seats: Vec<Seat> = (0..n)
                .map(|k| {
                    let user = ids[(start + k) % users];
                    let last = if rng.below(100) < 15 {
                        None
                    } else {
                        as_of.checked_sub_days(chrono::Days::new(rng.below(30)))
                    };
                    Seat::new(user, last)
                })
                .collect();
            let licence = Licence::new(
                n as u32 + 10,
                Money::new(Decimal::new(1 + rng.below(20) as i64, 0), usd),
                BillingPeriod::Monthly,
                as_of + chrono::Duration::days(rng.below(365) as i64),
            )
            .expect("licence");
            Tool::builder(
                ToolId::from_external(&t.to_string()),
                format!("tool {t}"),
                category,
            )
            .sync_level(SyncLevel::ALL[t % 5])
            .enable(caps)
            .licence(licence)
            .seats(seats)
            .build()
            .expect("tool")
        })
        .collect();
    Inventory::new(list).expect("inventory")
}

/// The workforce of `users` employees `E-0`, `E-1`, ... and teams of four to nine over
/// them: the teams of [`teams`] with member `i` of team `t` mapped to employee
/// `E-{(8t + i) mod users}`. An employee listed by two teams (the ninth member of one is
/// the first of the next) keeps the zone of the first team that lists them, in the
/// roster and in both teams, as the audit requires; employees in no team work in London.
pub fn workforce_and_teams(users: usize) -> (Roster, Vec<Team>) {
    let mut zones: Vec<Option<Tz>> = vec![None; users];
    let teams: Vec<Team> = teams(users / 8)
        .into_iter()
        .enumerate()
        .map(|(t, team)| {
            let members = team
                .members()
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let j = (t * 8 + i) % users;
                    let zone = *zones[j].get_or_insert(m.zone());
                    Member::new(
                        EmployeeId::from_external(&format!("E-{j}")),
                        zone,
                        m.hours(),
                        m.workdays(),
                    )
                    .expect("member")
                })
                .collect();
            Team::new(team.id(), members).expect("team")
        })
        .collect();
    let country = CountryCode::new("GB").expect("country");
    let department = Department::new("Engineering").expect("department");
    let hired = NaiveDate::from_ymd_opt(2020, 1, 6).expect("date");
    let employees = zones
        .iter()
        .enumerate()
        .map(|(j, zone)| {
            Employee::builder(EmployeeId::from_external(&format!("E-{j}")))
                .work_mode(WorkMode::Remote)
                .country(country)
                .time_zone(zone.unwrap_or(chrono_tz::Europe::London))
                .level(JobLevel::new(2))
                .department(department.clone())
                .hired_on(hired)
                .build()
                .expect("employee")
        })
        .collect();
    (Roster::new(employees).expect("roster"), teams)
}
