//! The command line of every example under `examples/`, one [`Example`] each, and the
//! typed settings each example runs with. `docs/examples.md` shows every example's
//! `--help`; a test keeps it in step with these declarations.
//!
//! The examples that show an organisation (the audits, `roster`) share one default size,
//! [`EMPLOYEES`]; the `*_cpu` examples measure the performance budgets of
//! `docs/BENCHMARKS.md` and default to the size each budget is stated for.

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::str::FromStr;

use remit_core::disclosure::MinGroupSize;

use super::{
    AnyExample, Conflict, Example, Matches, Operand, Opt, OptDefault, OutputFormat, Spec,
    UsageError,
};

/// `--employees N`: the size of the synthetic organisation, the same default in every
/// example that shows an organisation.
pub const EMPLOYEES: Opt = Opt {
    long: "employees",
    value: Some("N"),
    default: OptDefault::Value("10000"),
    help: "Employees in the synthetic organisation.",
};

/// `--seed S`: the seed of the synthetic organisation.
pub const SEED: Opt = Opt {
    long: "seed",
    value: Some("S"),
    default: OptDefault::Value("42"),
    help: "Seed of the synthetic organisation: the same seed gives the same organisation \
           and the same report on every machine.",
};

const JSON: Opt = Opt {
    long: "json",
    value: None,
    default: OptDefault::None,
    help: "Print the scorecard as JSON.",
};

const MARKDOWN: Opt = Opt {
    long: "markdown",
    value: None,
    default: OptDefault::None,
    help: "Print the scorecard as Markdown.",
};

const ONE_FORMAT: Conflict = Conflict {
    first: "json",
    second: "markdown",
    why: "each chooses the output format",
};

/// `--employees N` at the scale of a performance budget.
const fn bench_employees(default: &'static str) -> Opt {
    Opt {
        long: "employees",
        value: Some("N"),
        default: OptDefault::Value(default),
        help: "Employees in the synthetic organisation (the default is the size the \
               performance budget is stated for).",
    }
}

/// `--repeat R`: how many timed runs the median is taken over.
const fn repeat(default: &'static str) -> Opt {
    Opt {
        long: "repeat",
        value: Some("R"),
        default: OptDefault::Value(default),
        help: "Timed runs; the median is reported (at least 1).",
    }
}

/// The settings of an example that only needs an organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgOptions {
    /// Employees in the synthetic organisation.
    pub employees: usize,
    /// Seed of the synthetic organisation (`--seed`, default 42): the same seed gives
    /// the same organisation and report on every machine.
    pub seed: u64,
}

impl OrgOptions {
    fn from_matches(m: &Matches) -> Result<Self, UsageError> {
        Ok(Self {
            employees: m.value("employees")?,
            seed: m.value("seed")?,
        })
    }
}

/// The settings of a timing example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleOptions {
    /// Employees in the synthetic organisation.
    pub employees: usize,
    /// Seed of the synthetic organisation (`--seed`, default 42): the same seed gives
    /// the same organisation and report on every machine.
    pub seed: u64,
    /// Timed runs (at least 1); the median is reported.
    pub repeat: usize,
    /// Print a digest of the results instead of (or after) the timings, to check that a
    /// change leaves results unchanged. Always `false` for an example without `--digest`.
    pub digest: bool,
}

impl ScaleOptions {
    fn from_matches(m: &Matches) -> Result<Self, UsageError> {
        let digest = m.declares("digest") && m.switch("digest")?;
        Ok(Self {
            employees: m.value("employees")?,
            seed: m.value("seed")?,
            repeat: m.value::<NonZeroUsize>("repeat")?.get(),
            digest,
        })
    }
}

/// The command line of `examples/asset_lifecycle.rs`: equipment for a synthetic
/// organisation.
pub static ASSET_LIFECYCLE: Example<OrgOptions> = Example {
    spec: Spec {
        name: "asset_lifecycle",
        about: "Equipment for a synthetic organisation: builds every asset's event history, \
                replays it, depreciates the fleet in each asset's own currency, and prints kit \
                coverage, offboarding retrieval, the replacement budget and the report's findings.",
        options: &[EMPLOYEES, SEED],
        operand: None,
        conflicts: &[],
        notes: "",
        features: &[],
    },
    settings: OrgOptions::from_matches,
};

/// The command line of `examples/assets_cpu.rs`: CPU time and memory of the equipment stage
/// of the whole audit.
pub static ASSETS_CPU: Example<ScaleOptions> = Example {
    spec: Spec {
        name: "assets_cpu",
        about: "CPU time and memory of the equipment stage of the whole audit: generating the \
                synthetic fleet and building its asset report. CPU time (user + system, from \
                /proc/self/stat, Linux only) is the fair measure on a shared machine.",
        options: &[
            bench_employees("100000"),
            SEED,
            repeat("1"),
            Opt {
                long: "digest",
                value: None,
                default: OptDefault::None,
                help: "Also print a digest of the fleet (every asset with its full event log) \
                       and of the report, to check that a change leaves results unchanged.",
            },
        ],
        operand: None,
        conflicts: &[],
        notes: "",
        features: &[],
    },
    settings: ScaleOptions::from_matches,
};

/// Where `benefit_equity_audit` takes the location index from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocationIndexKind {
    /// Market exchange rates (`fx`).
    Fx,
    /// Purchasing-power parities (`ppp`): values compared by what they buy in each
    /// country rather than at market exchange rates.
    Ppp,
}

impl FromStr for LocationIndexKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "fx" => Ok(Self::Fx),
            "ppp" => Ok(Self::Ppp),
            _ => Err("expected `fx` or `ppp`".to_owned()),
        }
    }
}

/// The settings of `benefit_equity_audit`.
#[derive(Debug, Clone, PartialEq)]
pub struct BenefitOptions {
    /// Employees in the synthetic organisation.
    pub employees: usize,
    /// Seed of the synthetic organisation (`--seed`, default 42): the same seed gives
    /// the same organisation and report on every machine.
    pub seed: u64,
    /// The planted remote shortfall, as a fraction (0.12 = remote benefits worth 12% less).
    pub remote_shortfall: f64,
    /// The location index values are compared in.
    pub index: LocationIndexKind,
    /// Value benefits after a flat 35% marginal tax rate instead of at employer cost.
    pub after_tax: bool,
}

/// The command line of `examples/benefit_equity_audit.rs`: audits the benefits of a
/// synthetic organisation for remote/onsite equivalence.
pub static BENEFIT_EQUITY_AUDIT: Example<BenefitOptions> = Example {
    spec: Spec {
        name: "benefit_equity_audit",
        about: "Audits the benefits of a synthetic organisation for remote/onsite equivalence: \
                values every employee's benefits, measures the adjusted gap per work mode like \
                a pay-equity audit, lists onsite perks without a remote counterpart and prices \
                the fix.",
        options: &[
            EMPLOYEES,
            SEED,
            Opt {
                long: "remote-shortfall",
                value: Some("X"),
                default: OptDefault::Value("0.12"),
                help: "The planted remote benefit shortfall, as a fraction (0.12: remote staff \
                       receive benefits worth 12% less, other things equal).",
            },
            Opt {
                long: "index",
                value: Some("fx|ppp"),
                default: OptDefault::Value("fx"),
                help: "Compare values across countries at market exchange rates (fx) or at \
                       purchasing-power parities (ppp).",
            },
            Opt {
                long: "after-tax",
                value: None,
                default: OptDefault::None,
                help: "Value benefits after a flat 35% marginal tax rate instead of at \
                       employer cost.",
            },
        ],
        operand: None,
        conflicts: &[],
        notes: "",
        features: &[],
    },
    settings: |m| {
        Ok(BenefitOptions {
            employees: m.value("employees")?,
            seed: m.value("seed")?,
            remote_shortfall: m.value("remote-shortfall")?,
            index: m.value("index")?,
            after_tax: m.switch("after-tax")?,
        })
    },
};

/// The settings of `collab_cpu`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollabCpuOptions {
    /// Teams in the overlap workload.
    pub teams: usize,
    /// Tools in the audit workload (at least 10).
    pub tools: usize,
    /// Users in the audit workload (at least 8).
    pub users: usize,
    /// Timed runs (at least 1).
    pub repeat: usize,
}

/// The command line of `examples/collab_cpu.rs`: CPU and wall time of remit-collab-tools'
/// two acceptance workloads.
pub static COLLAB_CPU: Example<CollabCpuOptions> = Example {
    spec: Spec {
        name: "collab_cpu",
        about: "CPU and wall time of remit-collab-tools' two acceptance workloads: time-zone \
                overlap for N teams over 365 days, and the full tools audit for T tools and U \
                users. CPU time (user + system, from /proc/self/stat, Linux only) is the fair \
                measure on a shared machine.",
        options: &[
            Opt {
                long: "teams",
                value: Some("N"),
                default: OptDefault::Value("10000"),
                help: "Teams in the overlap workload.",
            },
            Opt {
                long: "tools",
                value: Some("T"),
                default: OptDefault::Value("500"),
                help: "Tools in the audit workload (at least 10).",
            },
            Opt {
                long: "users",
                value: Some("U"),
                default: OptDefault::Value("100000"),
                help: "Users in the audit workload (at least 8).",
            },
            repeat("5"),
        ],
        operand: None,
        conflicts: &[],
        notes: "",
        features: &[],
    },
    settings: |m| {
        let at_least = |name: &str, min: usize| -> Result<usize, UsageError> {
            let v: usize = m.value(name)?;
            if v < min {
                return Err(UsageError::InvalidValue {
                    argument: format!("--{name}"),
                    value: v.to_string(),
                    reason: format!("must be at least {min}"),
                });
            }
            Ok(v)
        };
        Ok(CollabCpuOptions {
            teams: m.value("teams")?,
            tools: at_least("tools", 10)?,
            users: at_least("users", 8)?,
            repeat: m.value::<NonZeroUsize>("repeat")?.get(),
        })
    },
};

/// The CSV a user gives `promotion_audit`: the columns of `crate::promotion`'s reader.
const PROMOTION_CSV_NOTES: &str = "\
CSV file: a header row naming the columns, in any order, then one row per
employee. Comma-separated UTF-8 (a leading byte-order mark and CRLF line ends are
fine); a field may be quoted with \" (\"\" inside quotes is a literal quote, a quoted
field does not span lines); fields are trimmed; blank lines are skipped.

Required columns:
  employee_id      text, not empty; each employee once
  work_mode        onsite, hybrid or remote (also office, flexible, wfh and other
                   common spellings; case, spaces, - and _ are ignored)
  level            job level: L3, l3 or 3 (0 to 255)
  department       text, not empty, at most 200 bytes
  performance      number, finite, any scale (1-5, 0-100, a z-score)
  tenure_months    number, at least 0: tenure when the observation window opened
  promoted         0 or 1, or true or false (any case): promoted within the window
  months_to_event  number, greater than 0: months from the window's start to the
                   promotion, or, if not promoted, to the end of observation (the
                   window's end or leaving, whichever came first)

Optional columns: any other column is kept as an attribute of the employee (an
empty cell means not known). `gender` is cut by work mode in the report.

A malformed file stops the run before any output, with an error naming the line
and the column, and a non-zero exit code.";

/// What `promotion_audit` analyses: a synthetic organisation or the user's CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromotionInput {
    /// A synthetic organisation with planted penalties.
    Synthetic {
        /// Employees in the synthetic organisation (`--employees`).
        employees: usize,
        /// Seed of the synthetic organisation (`--seed`).
        seed: u64,
    },
    /// The user's CSV file.
    Csv(PathBuf),
}

/// The settings of `promotion_audit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromotionAuditOptions {
    /// The records to analyse: synthetic (`--employees`, `--seed`) or a CSV file given
    /// as the operand.
    pub input: PromotionInput,
    /// Print one JSON object instead of the readable report.
    pub json: bool,
}

/// The command line of `examples/promotion_audit.rs`: proximity-bias audit of promotions.
pub static PROMOTION_AUDIT: Example<PromotionAuditOptions> = Example {
    spec: Spec {
        name: "promotion_audit",
        about: "Proximity-bias audit of promotions: are remote and hybrid employees promoted \
                less than onsite employees with the same record? Reads your CSV, or without \
                one audits a synthetic organisation with a planted remote penalty (odds ratio \
                0.6), a smaller hybrid one (0.85) and a slight rating bias against remote staff.",
        options: &[
            Opt {
                long: "json",
                value: None,
                default: OptDefault::None,
                help: "Print one JSON object instead of the readable report.",
            },
            Opt {
                help: "Employees in the synthetic organisation (only without a file).",
                ..EMPLOYEES
            },
            Opt {
                help: "Seed of the synthetic organisation (only without a file).",
                ..SEED
            },
        ],
        operand: Some(Operand {
            name: "FILE.csv",
            help: "Promotion records to audit (columns below). Without it, a synthetic \
                   organisation is audited.",
        }),
        conflicts: &[
            Conflict {
                first: "employees",
                second: "FILE.csv",
                why: "--employees shapes the synthetic organisation, which is audited only \
                      without a file",
            },
            Conflict {
                first: "seed",
                second: "FILE.csv",
                why: "--seed shapes the synthetic organisation, which is audited only without \
                      a file",
            },
        ],
        notes: PROMOTION_CSV_NOTES,
        features: &[],
    },
    settings: |m| {
        let input = match m.operand() {
            Some(path) => PromotionInput::Csv(PathBuf::from(path)),
            None => PromotionInput::Synthetic {
                employees: m.value("employees")?,
                seed: m.value("seed")?,
            },
        };
        Ok(PromotionAuditOptions {
            input,
            json: m.switch("json")?,
        })
    },
};

/// The command line of `examples/promotion_cpu.rs`: CPU and wall time of the whole audit's
/// promotion stage at scale.
pub static PROMOTION_CPU: Example<ScaleOptions> = Example {
    spec: Spec {
        name: "promotion_cpu",
        about: "CPU and wall time of the whole audit's promotion stage at scale: generating \
                the promotion history of a synthetic organisation and analysing it, each timed \
                on its own (generating the organisation itself is not timed). CPU time (user + \
                system, /proc/self/stat, Linux only) is the fair measure on a shared machine.",
        options: &[bench_employees("1000000"), SEED, repeat("3")],
        operand: None,
        conflicts: &[],
        notes: "",
        features: &[],
    },
    settings: ScaleOptions::from_matches,
};

/// The settings of `remote_work_audit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScorecardOptions {
    /// A directory of export files to audit instead of a synthetic organisation (read as
    /// its `remit.toml` says); `None`: the synthetic organisation.
    pub data: Option<PathBuf>,
    /// Employees in the synthetic organisation.
    pub employees: usize,
    /// Seed of the synthetic organisation (`--seed`, default 42): the same seed gives
    /// the same organisation and report on every machine.
    pub seed: u64,
    /// Threads for the five domain audits; `None`: one per core.
    pub workers: Option<usize>,
    /// Where to write the HTML page, if anywhere.
    pub html: Option<PathBuf>,
    /// How the scorecard is printed.
    pub format: OutputFormat,
}

/// The command line of `examples/remote_work_audit.rs`: the whole remote-work audit.
pub static REMOTE_WORK_AUDIT: Example<ScorecardOptions> = Example {
    spec: Spec {
        name: "remote_work_audit",
        about: "The whole remote-work audit: a synthetic organisation with planted problems \
                (or your own export files, with --data), every domain's audit, and one \
                scorecard on standard output (progress goes to standard error).",
        options: &[
            Opt {
                long: "data",
                value: Some("DIR"),
                default: OptDefault::None,
                help: "Audit the export files in DIR instead of a synthetic organisation, \
                       read as DIR/remit.toml maps them (README.md \"Your own data\", \
                       docs/data-formats.md). A domain whose files remit.toml does not list \
                       is shown as not measured; any problem in a file stops the run before \
                       anything is audited, naming the file, line, column and value. \
                       Example: --data examples/data/acme.",
            },
            EMPLOYEES,
            SEED,
            Opt {
                long: "workers",
                value: Some("W"),
                default: OptDefault::Described("one per core"),
                help: "Threads for the five domain audits of the synthetic organisation (at \
                       least 1); the result does not depend on it.",
            },
            Opt {
                long: "html",
                value: Some("PATH"),
                default: OptDefault::None,
                help: "Also write the scorecard as a self-contained HTML page to PATH.",
            },
            JSON,
            MARKDOWN,
        ],
        operand: None,
        conflicts: &[
            Conflict {
                first: "data",
                second: "employees",
                why: "the files are the organisation",
            },
            Conflict {
                first: "data",
                second: "seed",
                why: "the files are the organisation",
            },
            Conflict {
                first: "data",
                second: "workers",
                why: "export files are audited on one thread",
            },
            ONE_FORMAT,
        ],
        notes: "",
        features: &[],
    },
    settings: |m| {
        Ok(ScorecardOptions {
            data: m.path("data")?,
            employees: m.value("employees")?,
            seed: m.value("seed")?,
            workers: m
                .optional::<NonZeroUsize>("workers")?
                .map(NonZeroUsize::get),
            html: m.path("html")?,
            format: OutputFormat::from_switches(m)?,
        })
    },
};

/// The settings of `roster`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterOptions {
    /// Employees in the synthetic organisation.
    pub employees: usize,
    /// Seed of the synthetic organisation (`--seed`, default 42): the same seed gives
    /// the same organisation and report on every machine.
    pub seed: u64,
    /// The engine's minimum group size: cells under this many people are withheld.
    pub min_group_size: MinGroupSize,
}

/// The command line of `examples/roster.rs`: builds a synthetic organisation and prints
/// head-count by work mode and country through the disclosure engine, so cells under the
/// minimum group size (and cells that would reveal them) show as withheld.
pub static ROSTER: Example<RosterOptions> = Example {
    spec: Spec {
        name: "roster",
        about: "Builds a synthetic organisation and prints head-count by work mode and country \
                through the disclosure engine, so cells under the minimum group size (and \
                cells that would reveal them) show as withheld.",
        options: &[
            EMPLOYEES,
            SEED,
            Opt {
                long: "min-group-size",
                value: Some("K"),
                default: OptDefault::Value("5"),
                help: "Cells under K people (and the cells that would reveal them) are \
                       withheld; at least 1.",
            },
        ],
        operand: None,
        conflicts: &[],
        notes: "",
        features: &[],
    },
    settings: |m| {
        let min: u32 = m.value("min-group-size")?;
        Ok(RosterOptions {
            employees: m.value("employees")?,
            seed: m.value("seed")?,
            min_group_size: MinGroupSize::new(min).map_err(|e| UsageError::InvalidValue {
                argument: "--min-group-size".to_owned(),
                value: min.to_string(),
                reason: e.to_string(),
            })?,
        })
    },
};

/// The settings of `sqlite_audit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqliteAuditOptions {
    /// The database file; `None`: `remit-N-S.sqlite` in the temporary directory.
    pub db: Option<PathBuf>,
    /// Employees of the synthetic organisation written into a new database.
    pub employees: usize,
    /// Seed of the synthetic organisation (`--seed`, default 42): the same seed gives
    /// the same organisation and report on every machine.
    pub seed: u64,
    /// Whether `--employees` or `--seed` was given (they only shape a new database).
    pub shaped: bool,
    /// How the scorecard is printed.
    pub format: OutputFormat,
}

/// The command line of `examples/sqlite_audit.rs`: the whole remote-work audit from a real
/// data source.
pub static SQLITE_AUDIT: Example<SqliteAuditOptions> = Example {
    spec: Spec {
        name: "sqlite_audit",
        about: "The whole remote-work audit from a real data source: an organisation kept in a \
                SQLite file, read through the crates' input ports. If the database does not \
                exist, a synthetic organisation is written into it first; then it is opened \
                read-only, audited, and the scorecard is printed (progress goes to standard \
                error). Needs the `sqlite` feature, which compiles the bundled SQLite.",
        options: &[
            Opt {
                long: "db",
                value: Some("PATH"),
                default: OptDefault::Described(
                    "remit-N-S.sqlite in the system's temporary directory",
                ),
                help: "The SQLite database to audit, created if it does not exist.",
            },
            Opt {
                help: "Employees in the synthetic organisation written into a new database.",
                ..EMPLOYEES
            },
            Opt {
                help: "Seed of the synthetic organisation written into a new database.",
                ..SEED
            },
            JSON,
            MARKDOWN,
        ],
        operand: None,
        conflicts: &[ONE_FORMAT],
        notes: "",
        features: &["sqlite"],
    },
    settings: |m| {
        Ok(SqliteAuditOptions {
            db: m.path("db")?,
            employees: m.value("employees")?,
            seed: m.value("seed")?,
            shaped: m.given("employees")? || m.given("seed")?,
            format: OutputFormat::from_switches(m)?,
        })
    },
};

/// The settings of `stats_cpu`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsCpuOptions {
    /// Rows of the logistic and survival workloads.
    pub rows: usize,
    /// Timed runs (at least 1).
    pub repeat: usize,
}

/// The command line of `examples/stats_cpu.rs`: CPU time (not wall time) of the remit-stats
/// workloads of benches/stats.rs.
pub static STATS_CPU: Example<StatsCpuOptions> = Example {
    spec: Spec {
        name: "stats_cpu",
        about: "CPU time (not wall time) of the remit-stats workloads of benches/stats.rs: \
                logistic regression, Kaplan-Meier with log-rank, and Fisher's exact test, for \
                a shared machine where wall-clock benchmarks mostly measure the neighbours \
                (/proc/self/stat, Linux only).",
        options: &[
            Opt {
                long: "rows",
                value: Some("N"),
                default: OptDefault::Value("1000000"),
                help: "Rows of the logistic and the survival workloads.",
            },
            repeat("5"),
        ],
        operand: None,
        conflicts: &[],
        notes: "",
        features: &[],
    },
    settings: |m| {
        Ok(StatsCpuOptions {
            rows: m.value("rows")?,
            repeat: m.value::<NonZeroUsize>("repeat")?.get(),
        })
    },
};

/// The command line of `examples/synth_cpu.rs`: CPU and wall time of generating a synthetic
/// organisation, with dropping it timed separately.
pub static SYNTH_CPU: Example<ScaleOptions> = Example {
    spec: Spec {
        name: "synth_cpu",
        about: "CPU and wall time of generating a synthetic organisation, with dropping it \
                timed separately. CPU time (user + system, from /proc/self/stat, Linux only) \
                is the fair measure on a shared machine. Every organisation is kept until the \
                drops are timed, so peak memory grows with --repeat.",
        options: &[bench_employees("1000000"), SEED, repeat("3")],
        operand: None,
        conflicts: &[],
        notes: "",
        features: &[],
    },
    settings: ScaleOptions::from_matches,
};

/// The command line of `examples/tool_audit.rs`: an end-to-end collaboration-tools audit of
/// a synthetic organisation.
pub static TOOL_AUDIT: Example<OrgOptions> = Example {
    spec: Spec {
        name: "tool_audit",
        about: "An end-to-end collaboration-tools audit of a synthetic organisation: \
                async-suitability scores and recommendations per tool, sprawl with savings, \
                licence waste by renewal, security gaps, and the teams that share too few \
                working hours to work synchronously.",
        options: &[EMPLOYEES, SEED],
        operand: None,
        conflicts: &[],
        notes: "",
        features: &[],
    },
    settings: OrgOptions::from_matches,
};

/// The command line of `examples/wellbeing_cpu.rs`: CPU time of each part of the wellbeing
/// stage of the whole audit.
pub static WELLBEING_CPU: Example<ScaleOptions> = Example {
    spec: Spec {
        name: "wellbeing_cpu",
        about: "CPU time of each part of the wellbeing stage of the whole audit: generating \
                the synthetic wellbeing data, scoring the surveys, assessing every employee and \
                building the protected cohort report (/proc/self/stat, Linux only).",
        options: &[
            bench_employees("1000000"),
            SEED,
            repeat("3"),
            Opt {
                long: "digest",
                value: None,
                default: OptDefault::None,
                help: "Instead of timing, print a digest of everything the stage computes, to \
                       check that a change leaves results unchanged.",
            },
        ],
        operand: None,
        conflicts: &[],
        notes: "",
        features: &[],
    },
    settings: ScaleOptions::from_matches,
};

/// The settings of `wellbeing_report`.
#[derive(Debug, Clone, PartialEq)]
pub struct WellbeingReportOptions {
    /// Employees in the synthetic organisation.
    pub employees: usize,
    /// Seed of the synthetic organisation (`--seed`, default 42): the same seed gives
    /// the same organisation and report on every machine.
    pub seed: u64,
    /// Extra after-hours hours a week planted on remote staff far from headquarters.
    pub plant_hours: f64,
    /// The differential-privacy budget of the report's noise; `None`: no noise.
    pub epsilon: Option<f64>,
}

/// The command line of `examples/wellbeing_report.rs`: scores a synthetic organisation's
/// wellbeing surveys and 12 weeks of collaboration signals, and prints the
/// privacy-protected cohort report with its findings.
pub static WELLBEING_REPORT: Example<WellbeingReportOptions> = Example {
    spec: Spec {
        name: "wellbeing_report",
        about: "Scores a synthetic organisation's wellbeing surveys and 12 weeks of \
                collaboration signals, and prints the privacy-protected cohort report with its \
                findings. A burden is planted: remote staff 8 or more hours from headquarters \
                carry extra after-hours hours a week; the report should find and name it.",
        options: &[
            EMPLOYEES,
            SEED,
            Opt {
                long: "plant-hours",
                value: Some("H"),
                default: OptDefault::Value("3.0"),
                help: "Extra after-hours hours a week planted on remote staff far from \
                       headquarters.",
            },
            Opt {
                long: "epsilon",
                value: Some("E"),
                default: OptDefault::None,
                help: "Add Laplace noise with privacy budget E to the published figures \
                       (smaller is noisier). Without it the figures are exact.",
            },
        ],
        operand: None,
        conflicts: &[],
        notes: "",
        features: &[],
    },
    settings: |m| {
        Ok(WellbeingReportOptions {
            employees: m.value("employees")?,
            seed: m.value("seed")?,
            plant_hours: m.value("plant-hours")?,
            epsilon: m.optional("epsilon")?,
        })
    },
};

/// The settings of `disclosure_utility`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisclosureUtilityOptions {
    /// Organisation sizes to measure.
    pub sizes: Vec<usize>,
    /// Minimum group sizes to measure.
    pub ks: Vec<u32>,
    /// Organisations per size (seeds 1..=orgs).
    pub orgs: u64,
    /// Group queries per organisation.
    pub queries: usize,
}

fn number_list<T: FromStr>(m: &Matches, long: &str) -> Result<Vec<T>, UsageError> {
    let text: String = m.value(long)?;
    text.split(',')
        .map(|part| {
            part.trim().parse().map_err(|_| UsageError::InvalidValue {
                argument: format!("--{long}"),
                value: part.to_owned(),
                reason: "expected a comma-separated list of numbers".to_owned(),
            })
        })
        .collect()
}

/// The command line of `examples/disclosure_cpu.rs`: what the disclosure engine's own
/// checks cost in the whole audit.
pub static DISCLOSURE_CPU: Example<ScaleOptions> = Example {
    spec: Spec {
        name: "disclosure_cpu",
        about: "What the disclosure engine's own checks cost in the whole audit: the flagship \
                audit with the engine's rule and with the test-only per-call rule (minimum \
                only, no ledger), run alternately; CPU time (user + system, from \
                /proc/self/stat, Linux only) and wall time, medians.",
        options: &[bench_employees("1000000"), SEED, repeat("3")],
        operand: None,
        conflicts: &[],
        notes: "",
        features: &[],
    },
    settings: ScaleOptions::from_matches,
};

/// The command line of `examples/disclosure_utility.rs`: what privacy costs.
pub static DISCLOSURE_UTILITY: Example<DisclosureUtilityOptions> = Example {
    spec: Spec {
        name: "disclosure_utility",
        about: "What privacy costs: the share of people covered by published wellbeing \
                cohorts per cut, and the share of group queries answered, on synthetic \
                organisations of several sizes and minimum group sizes.",
        options: &[
            Opt {
                long: "sizes",
                value: Some("N,N,..."),
                default: OptDefault::Value("50,200,1000,10000"),
                help: "Organisation sizes, comma-separated.",
            },
            Opt {
                long: "k",
                value: Some("K,K,..."),
                default: OptDefault::Value("5,10"),
                help: "Minimum group sizes, comma-separated.",
            },
            Opt {
                long: "orgs",
                value: Some("N"),
                default: OptDefault::Value("5"),
                help: "Organisations per size (seeds 1 to N).",
            },
            Opt {
                long: "queries",
                value: Some("Q"),
                default: OptDefault::Value("40"),
                help: "Group queries per organisation.",
            },
        ],
        operand: None,
        conflicts: &[],
        notes: "",
        features: &[],
    },
    settings: |m| {
        Ok(DisclosureUtilityOptions {
            sizes: number_list(m, "sizes")?,
            ks: number_list(m, "k")?,
            orgs: m.value("orgs")?,
            queries: m.value("queries")?,
        })
    },
};

/// The settings of `ingest_cpu`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestCpuOptions {
    /// Divides the 1M-people / 10M-event workloads (1 = full size).
    pub scale: usize,
    /// Timed runs (at least 1); the median is reported.
    pub repeat: usize,
    /// One workload only (`people`, `assets` or `rows`), for a profiler; both if absent.
    pub only: Option<String>,
}

/// The command line of `examples/ingest_cpu.rs`: CPU time of reading canonical CSV through
/// remit-ingest.
pub static INGEST_CPU: Example<IngestCpuOptions> = Example {
    spec: Spec {
        name: "ingest_cpu",
        about: "CPU time of reading canonical CSV through remit-ingest: 1M people with their \
                job history, and 10M asset events, in MB/s per core (/proc/self/stat, Linux \
                only).",
        options: &[
            Opt {
                long: "scale",
                value: Some("D"),
                default: OptDefault::Value("1"),
                help: "Divide the workload sizes by D (1 = full size).",
            },
            repeat("3"),
            Opt {
                long: "only",
                value: Some("WORKLOAD"),
                default: OptDefault::None,
                help: "Run one workload: people (people and job history), assets (asset \
                       events) or rows (asset events read as rows only); the other's files \
                       are not generated.",
            },
        ],
        operand: None,
        conflicts: &[],
        notes: "",
        features: &[],
    },
    settings: |m| {
        Ok(IngestCpuOptions {
            scale: m.value::<NonZeroUsize>("scale")?.get(),
            repeat: m.value::<NonZeroUsize>("repeat")?.get(),
            only: m.optional::<String>("only")?,
        })
    },
};

/// The settings of `make_sample_exports`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleExportsOptions {
    /// Employees in the synthetic organisation.
    pub employees: usize,
    /// Seed of the synthetic organisation (`--seed`, default 42): the same seed gives
    /// the same organisation and report on every machine.
    pub seed: u64,
    /// The directory the export set is written to.
    pub out: PathBuf,
}

/// The command line of `examples/make_sample_exports.rs`: writes the sample export set
/// (examples/data/acme).
pub static MAKE_SAMPLE_EXPORTS: Example<SampleExportsOptions> = Example {
    spec: Spec {
        name: "make_sample_exports",
        about: "Writes the sample export set (examples/data/acme): a synthetic organisation \
                with the flagship example's planted problems, in the layouts of BambooHR, \
                Snipe-IT, Microsoft 365, Okta, Qualtrics, Viva Insights and a benefits \
                enrolment file, with its remit.toml.",
        options: &[
            Opt {
                long: "people",
                value: Some("N"),
                default: OptDefault::Value("2000"),
                help: "People in the sample organisation (the committed set has 2000).",
            },
            SEED,
            Opt {
                long: "out",
                value: Some("DIR"),
                default: OptDefault::Value("examples/data/acme"),
                help: "Directory to write the export set to (created if missing).",
            },
        ],
        operand: None,
        conflicts: &[],
        notes: "",
        features: &[],
    },
    settings: |m| {
        Ok(SampleExportsOptions {
            employees: m.value("people")?,
            seed: m.value("seed")?,
            out: m.value("out")?,
        })
    },
};

/// Every example's command line, in the order of the files under `examples/`.
pub static ALL: &[&dyn AnyExample] = &[
    &ASSET_LIFECYCLE,
    &ASSETS_CPU,
    &BENEFIT_EQUITY_AUDIT,
    &COLLAB_CPU,
    &DISCLOSURE_CPU,
    &DISCLOSURE_UTILITY,
    &INGEST_CPU,
    &MAKE_SAMPLE_EXPORTS,
    &PROMOTION_AUDIT,
    &PROMOTION_CPU,
    &REMOTE_WORK_AUDIT,
    &ROSTER,
    &SQLITE_AUDIT,
    &STATS_CPU,
    &SYNTH_CPU,
    &TOOL_AUDIT,
    &WELLBEING_CPU,
    &WELLBEING_REPORT,
];
