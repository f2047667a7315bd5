//! The base synthetic organisation: people, where they work, their levels, departments,
//! managers, and hire and leave dates.

use chrono::{Days, NaiveDate};
use chrono_tz::Tz;
use remit_core::{
    CountryCode, Department, Employee, EmployeeError, EmployeeId, JobLevel, Roster, RosterError,
    SharedStr, WorkMode,
};
use uuid::Builder;

use crate::geography::{DEPARTMENTS, OFFICES, REMOTE_COUNTRIES};
use crate::rng::{self, WeightedTable};

/// The shares of employees in each work mode. Only the ratios matter.
///
/// Invariant: every share is finite and non-negative, and they do not all vanish.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WorkModeShares {
    onsite: f64,
    hybrid: f64,
    remote: f64,
}

impl WorkModeShares {
    /// Shares; an error if any is negative or non-finite, or all are zero.
    pub fn new(onsite: f64, hybrid: f64, remote: f64) -> Result<Self, SynthError> {
        let valid = [onsite, hybrid, remote]
            .iter()
            .all(|s| s.is_finite() && *s >= 0.0)
            && onsite + hybrid + remote > 0.0;
        if valid {
            Ok(Self {
                onsite,
                hybrid,
                remote,
            })
        } else {
            Err(SynthError::InvalidShares)
        }
    }

    /// The share of one work mode, normalised to sum to 1.
    pub fn share(&self, mode: WorkMode) -> f64 {
        let total = self.onsite + self.hybrid + self.remote;
        let raw = match mode {
            WorkMode::Onsite => self.onsite,
            WorkMode::Hybrid => self.hybrid,
            WorkMode::Remote => self.remote,
        };
        raw / total
    }
}

impl Default for WorkModeShares {
    /// 35% onsite, 35% hybrid, 30% remote: a typical large hybrid employer.
    fn default() -> Self {
        Self {
            onsite: 0.35,
            hybrid: 0.35,
            remote: 0.30,
        }
    }
}

/// The synthetic organisation could not be generated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SynthError {
    /// Work-mode shares were negative, non-finite or all zero.
    #[error("work-mode shares must be finite, non-negative and not all zero")]
    InvalidShares,
    /// The leaver share was outside `[0, 1]`.
    #[error("field `leaver_share` must be in [0, 1]")]
    InvalidLeaverShare,
    /// A built-in table held an invalid value (a bug in remit-synth).
    #[error("built-in table is invalid: {0}")]
    Table(String),
    /// An employee failed validation (a bug in remit-synth).
    #[error(transparent)]
    Employee(#[from] EmployeeError),
    /// The roster failed validation (a bug in remit-synth).
    #[error(transparent)]
    Roster(#[from] RosterError),
}

/// What to generate. Same config, same organisation, on every platform.
#[derive(Debug, Clone, PartialEq)]
pub struct SynthConfig {
    employees: usize,
    seed: u64,
    as_of: NaiveDate,
    shares: WorkModeShares,
    leaver_share: f64,
}

impl SynthConfig {
    /// `employees` people from `seed`, observed on 2026-06-30, with the default shares and
    /// 10% leavers.
    pub fn new(employees: usize, seed: u64) -> Self {
        Self {
            employees,
            seed,
            as_of: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default(),
            shares: WorkModeShares::default(),
            leaver_share: 0.10,
        }
    }

    /// The observation date: nobody is hired after it, and leavers left on or before it.
    #[must_use]
    pub fn as_of(mut self, as_of: NaiveDate) -> Self {
        self.as_of = as_of;
        self
    }

    /// Sets the work-mode mix: the shares of onsite, hybrid and remote staff (default
    /// [`WorkModeShares::default`]).
    #[must_use]
    pub fn shares(mut self, shares: WorkModeShares) -> Self {
        self.shares = shares;
        self
    }

    /// The share of employees who have already left by `as_of` (in `[0, 1]`).
    #[must_use]
    pub fn leaver_share(mut self, share: f64) -> Self {
        self.leaver_share = share;
        self
    }

    /// The number of employees.
    pub fn employees(&self) -> usize {
        self.employees
    }

    /// The seed every random stream of the organisation and its domains is derived from
    /// (`rng::stream(seed, purpose)`); same seed, same organisation.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The observation date the organisation is generated as of: nobody is hired after it,
    /// and leavers left on or before it.
    pub fn observed_on(&self) -> NaiveDate {
        self.as_of
    }
}

/// A generated organisation: its roster (valid: unique ids, managers present, no cycles),
/// the date it is observed on and the seed it came from, which the domain generators reuse.
#[derive(Debug, Clone)]
pub struct Organisation {
    roster: Roster,
    as_of: NaiveDate,
    seed: u64,
}

impl Organisation {
    /// Everyone the organisation employed, leavers (with their leaving dates) included.
    pub fn roster(&self) -> &Roster {
        &self.roster
    }

    /// The observation date: the day the audits of this organisation are as of.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The seed it was generated from; domain generators derive their own streams from it
    /// with [`rng::stream`].
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Gives back the roster.
    pub fn into_roster(self) -> Roster {
        self.roster
    }
}

/// Relative sizes of levels 1..=7: a pyramid.
const LEVEL_WEIGHTS: [f64; 7] = [25.0, 28.0, 22.0, 13.0, 7.0, 3.5, 1.5];

/// Generates the organisation described by `config`.
///
/// ```
/// use remit_synth::{generate, SynthConfig};
///
/// let org = generate(&SynthConfig::new(500, 7))?;
/// assert_eq!(org.roster().len(), 500);
/// let again = generate(&SynthConfig::new(500, 7))?;
/// assert_eq!(org.roster().as_slice(), again.roster().as_slice());
/// # Ok::<(), remit_synth::SynthError>(())
/// ```
pub fn generate(config: &SynthConfig) -> Result<Organisation, SynthError> {
    if !(0.0..=1.0).contains(&config.leaver_share) {
        return Err(SynthError::InvalidLeaverShare);
    }
    let mut rng = rng::stream(config.seed, "org");
    let n = config.employees;

    let departments = DEPARTMENTS
        .iter()
        .map(|(name, _)| Department::new(name).map_err(|e| SynthError::Table(e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    let department_table = WeightedTable::new(&DEPARTMENTS.map(|(_, w)| f64::from(w)));
    let level_table = WeightedTable::new(&LEVEL_WEIGHTS);
    let mode_table = WeightedTable::new(&WorkMode::ALL.map(|m| config.shares.share(m)));
    let office_table = WeightedTable::new(&OFFICES.map(|o| f64::from(o.weight)));
    let remote_table = WeightedTable::new(&REMOTE_COUNTRIES.map(|c| f64::from(c.weight)));
    let office_countries = OFFICES
        .iter()
        .map(|o| CountryCode::new(o.country).map_err(|e| SynthError::Table(e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    let remote_countries = REMOTE_COUNTRIES
        .iter()
        .map(|c| CountryCode::new(c.country).map_err(|e| SynthError::Table(e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;

    // First pass: everything but managers, so managers can be drawn from the finished
    // population of each department and level.
    struct Draft {
        id: EmployeeId,
        mode: WorkMode,
        department: usize,
        level: u8,
        country: CountryCode,
        time_zone: Tz,
        hired_on: NaiveDate,
        left_on: Option<NaiveDate>,
        gender: u8,
        manager: Option<EmployeeId>,
    }

    let mut drafts = Vec::with_capacity(n);
    for _ in 0..n {
        let mut bytes = [0u8; 16];
        rand::RngCore::fill_bytes(&mut rng, &mut bytes);
        let id = EmployeeId::from_uuid(Builder::from_random_bytes(bytes).into_uuid());
        let mode = WorkMode::ALL[mode_table.draw(&mut rng).min(2)];
        let department = department_table.draw(&mut rng);
        let level = level_table.draw(&mut rng) as u8 + 1;
        let (country, time_zone) = match mode {
            WorkMode::Onsite | WorkMode::Hybrid => {
                let o = office_table.draw(&mut rng);
                (office_countries[o], OFFICES[o].time_zone)
            }
            WorkMode::Remote => {
                let c = remote_table.draw(&mut rng);
                let zones = REMOTE_COUNTRIES[c].time_zones.len() as u64;
                // Most people in a country live in its first (most populous) zone.
                let z = if rng::chance(&mut rng, 0.6) {
                    0
                } else {
                    rng::below(&mut rng, zones) as usize
                };
                (remote_countries[c], REMOTE_COUNTRIES[c].time_zones[z])
            }
        };
        // Tenure: exponential with a 3.5-year mean, longer for senior levels, capped at 25 years.
        let years =
            (-(1.0 - rng::unit(&mut rng)).ln() * 3.5 + f64::from(level - 1) * 0.6).min(25.0);
        let tenure_days = (years * 365.25) as u64 + 1;
        let hired_on = config
            .as_of
            .checked_sub_days(Days::new(tenure_days))
            .unwrap_or(config.as_of);
        let left_on = if tenure_days > 60 && rng::chance(&mut rng, config.leaver_share) {
            let served = 30 + rng::below(&mut rng, tenure_days - 30);
            hired_on.checked_add_days(Days::new(served))
        } else {
            None
        };
        let g = rng::unit(&mut rng);
        let gender = if g < 0.48 {
            0
        } else if g < 0.98 {
            1
        } else {
            2
        };
        drafts.push(Draft {
            id,
            mode,
            department,
            level,
            country,
            time_zone,
            hired_on,
            left_on,
            gender,
            manager: None,
        });
    }

    // Managers: someone in the same department one level up (or the nearest level above
    // that has anyone). Managers are strictly more senior, so the chain has no cycles.
    // The pools hold the ids themselves (not positions in `drafts`), so drawing a manager
    // reads one small pool instead of a random draft among a million.
    let mut by_department_level: Vec<[Vec<EmployeeId>; 8]> =
        (0..departments.len()).map(|_| Default::default()).collect();
    for d in &drafts {
        if let Some(slot) = by_department_level
            .get_mut(d.department)
            .and_then(|levels| levels.get_mut(usize::from(d.level)))
        {
            slot.push(d.id);
        }
    }

    // Draw every manager in a tight loop of its own (the draws are the same, in the same
    // order, as when they were interleaved with building employees): the random reads of
    // the pools then overlap instead of each stalling a builder.
    for d in &mut drafts {
        let Some(levels) = by_department_level.get(d.department) else {
            continue;
        };
        let above = levels
            .iter()
            .skip(usize::from(d.level) + 1)
            .find(|pool| !pool.is_empty());
        if let Some(pool) = above {
            d.manager = pool
                .get(rng::below(&mut rng, pool.len() as u64) as usize)
                .copied();
        }
    }

    // One shared copy of each attribute string for the whole organisation.
    let gender_key = SharedStr::from("gender");
    let genders = ["female", "male", "non-binary"].map(SharedStr::from);

    let mut employees = Vec::with_capacity(n);
    for d in &drafts {
        let mut builder = Employee::builder(d.id)
            .work_mode(d.mode)
            .country(d.country)
            .time_zone(d.time_zone)
            .level(JobLevel::new(d.level))
            .hired_on(d.hired_on)
            .attribute(gender_key.clone(), genders[usize::from(d.gender)].clone());
        if let Some(department) = departments.get(d.department) {
            builder = builder.department(department.clone());
        }
        if let Some(left_on) = d.left_on {
            builder = builder.left_on(left_on);
        }
        if let Some(manager) = d.manager {
            builder = builder.manager(manager);
        }
        employees.push(builder.build()?);
    }

    Ok(Organisation {
        roster: Roster::new(employees)?,
        as_of: config.as_of,
        seed: config.seed,
    })
}
