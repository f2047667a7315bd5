//! The whole remote-work audit from the files an organisation's systems export: the
//! `--data DIR` path of the `remote_work_audit` example.
//!
//! `DIR/remit.toml` says what each file holds (`docs/data-formats.md`); remit-ingest reads
//! the files into every domain's validated inputs, and each domain present is audited
//! with the same configuration as the synthetic run (the `audit_*` functions of
//! [`crate::audit`]), through one disclosure engine.
//!
//! A domain none of whose files the mapping lists is not audited: the scorecard shows it
//! as *not measured*, with the reason ("DIR/remit.toml lists no `assets` or
//! `asset_events` file"), rather than scoring an empty input (an empty fleet would read
//! as everyone lacking their kit). A file the mapping lists but that is not in `DIR` is
//! an ingest problem, and any ingest problem stops the run before anything is audited.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use chrono::NaiveDate;
use remit::Scorecard;
use remit_assets::{AssetsReport, TrackedAsset};
use remit_benefits::{BenefitsReport, Catalogue, Enrolments, ExchangeRates};
use remit_collab_tools::{Inventory, Team, ToolsReport};
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_core::{Audit, Coverage, EmployeeId, Finding, Roster};
use remit_ingest::{IngestError, Problem, ReadConfig, read_directory};
use remit_promotion_bias::{PromotionReport, PromotionTable};
use remit_wellbeing::{SignalPanel, WellbeingReport};

use crate::audit::{audit_assets, audit_benefits, audit_promotions, audit_tools, audit_wellbeing};

/// The mapping file's name inside an export directory.
pub const MAPPING_FILE: &str = "remit.toml";

/// Why an export directory could not be audited.
#[derive(Debug, thiserror::Error)]
pub enum ExportsError {
    /// There is no directory at the path given.
    #[error("{} is not a directory of export files", path.display())]
    NoDirectory {
        /// The path given.
        path: PathBuf,
    },
    /// The directory has no `remit.toml`.
    #[error(
        "{} not found: an export directory needs a mapping file that lists each export \
         file, the canonical input it feeds (and a built-in profile where one fits) and \
         the audit date (as_of); see \"Your own data\" in README.md and \"The mapping \
         file\" in docs/data-formats.md, or examples/data/acme/remit.toml for a complete one",
        path.display()
    )]
    NoMapping {
        /// Where the mapping file was looked for.
        path: PathBuf,
    },
    /// The mapping file, or the directory, could not be read.
    #[error("reading {}: {source}", path.display())]
    Io {
        /// The path that could not be read.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The mapping file is not a valid mapping (TOML syntax with its line, an unknown
    /// key, input, profile or column).
    #[error("{}: {problem}", path.display())]
    Mapping {
        /// The mapping file.
        path: PathBuf,
        /// What is wrong with it (boxed: it is large, and rare).
        problem: Box<Problem>,
    },
    /// The mapping lists no file that any domain reads.
    #[error(
        "{}: lists no file that any domain reads; list at least a people file and one \
         domain's files (docs/data-formats.md)",
        path.display()
    )]
    NothingToAudit {
        /// The mapping file.
        path: PathBuf,
    },
    /// The files have problems: every one found (file, line, column, value and what was
    /// expected), as remit-ingest formats them. Nothing was audited.
    #[error("{0}")]
    Ingest(IngestError),
    /// A domain that needs the people file was given without one (remit-ingest refuses
    /// such a set, so this is only reached from memory).
    #[error("the {domain} audit needs the people it is about, and no roster was given")]
    NoRoster {
        /// The domain.
        domain: remit_core::Domain,
    },
    /// A domain's audit refused its inputs.
    #[error("{domain} audit: {message}")]
    Audit {
        /// The domain.
        domain: remit_core::Domain,
        /// The audit's error.
        message: String,
    },
}

/// The benefit domain's inputs, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct BenefitData<'a> {
    /// The benefit catalogue every enrolment refers to: categories, eligibility,
    /// per-country valuations and onsite–remote pairings.
    pub catalogue: &'a Catalogue,
    /// Who receives which benefit.
    pub enrolments: &'a Enrolments,
    /// Exchange rates into one base currency.
    pub rates: &'a ExchangeRates,
}

/// The wellbeing domain's inputs, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct WellbeingData<'a> {
    /// Weekly behavioural signals; `None` when only survey answers were given (the
    /// report then rests on the survey alone).
    pub panel: Option<&'a SignalPanel>,
    /// The employees who answered the survey, in the order of `codes` (24 codes each).
    pub respondents: &'a [EmployeeId],
    /// Their answer codes, 24 per respondent (the 5 WHO-5 items then the 19 CBI items),
    /// `None` where unanswered.
    pub codes: &'a [Option<u8>],
}

/// The tools domain's inputs, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct ToolData<'a> {
    /// The tools, their licences and seats.
    pub inventory: &'a Inventory,
    /// Teams, for time-zone overlap (may be empty).
    pub teams: &'a [Team],
}

/// Every domain's inputs for one organisation, borrowed from wherever they were built
/// (read from files, or held in memory); `None` for a domain that has none.
#[derive(Debug, Clone, Copy)]
pub struct DomainInputs<'a> {
    /// The people; needed by every domain but the promotion audit (whose table carries
    /// what it needs).
    pub roster: Option<&'a Roster>,
    /// The audit date every domain reports as of ("today", passed in, never read from
    /// the clock).
    pub as_of: NaiveDate,
    /// Equipment with its histories.
    pub assets: Option<&'a [TrackedAsset]>,
    /// Benefit catalogue, enrolments and rates.
    pub benefits: Option<BenefitData<'a>>,
    /// One promotion record per employee over the observation window, column by column.
    pub promotion: Option<&'a PromotionTable>,
    /// Weekly signals and survey answers.
    pub wellbeing: Option<WellbeingData<'a>>,
    /// Tools, seats and teams.
    pub tools: Option<ToolData<'a>>,
}

/// A domain that was not audited because its inputs were not given: not measured, with
/// the reason; no findings, groups or charts.
#[derive(Debug, Clone)]
pub struct NotProvided {
    domain: remit_core::Domain,
    coverage: Coverage,
}

impl NotProvided {
    /// `domain`, not measured because of `reason`.
    pub fn new(domain: remit_core::Domain, reason: impl Into<String>) -> Self {
        Self {
            domain,
            coverage: Coverage::not_measured(reason),
        }
    }
}

impl Audit for NotProvided {
    fn domain(&self) -> remit_core::Domain {
        self.domain
    }

    fn coverage(&self) -> &Coverage {
        &self.coverage
    }

    fn findings(&self) -> &[Finding] {
        &[]
    }
}

/// The reports of the domains that were given inputs, the domains that were not, and
/// the one disclosure engine every report released its figures through.
pub struct ExportAudit {
    /// Equipment, if its files were given.
    pub assets: Option<AssetsReport>,
    /// Benefit equity, if its files were given.
    pub benefits: Option<BenefitsReport>,
    /// Promotion equity, if its files were given.
    pub promotion: Option<PromotionReport>,
    /// Wellbeing, if its files were given.
    pub wellbeing: Option<WellbeingReport>,
    /// Collaboration tools, if their files were given.
    pub tools: Option<ToolsReport>,
    /// The domains that were not given inputs, each not measured with the reason.
    pub not_provided: Vec<NotProvided>,
    /// The disclosure engine every report released its figures through; the scorecard's
    /// cross-domain observations go through it too.
    pub disclosure: Mutex<Disclosure>,
}

impl ExportAudit {
    /// Every domain as an audit for a scorecard: the reports, then the domains not
    /// provided.
    pub fn audits(&self) -> Vec<&dyn Audit> {
        let mut audits: Vec<&dyn Audit> = Vec::with_capacity(5);
        if let Some(r) = &self.assets {
            audits.push(r);
        }
        if let Some(r) = &self.benefits {
            audits.push(r);
        }
        if let Some(r) = &self.tools {
            audits.push(r);
        }
        if let Some(r) = &self.promotion {
            audits.push(r);
        }
        if let Some(r) = &self.wellbeing {
            audits.push(r);
        }
        audits.extend(self.not_provided.iter().map(|n| n as &dyn Audit));
        audits
    }

    /// The scorecard of all five domains.
    ///
    /// # Errors
    ///
    /// The engine's lock was poisoned, or the scorecard refused the reports (as text).
    pub fn scorecard(&self) -> Result<Scorecard, String> {
        let mut disclosure = self
            .disclosure
            .lock()
            .map_err(|_| "the disclosure engine's lock was poisoned".to_string())?;
        Scorecard::from_audits(&self.audits(), &mut disclosure).map_err(|e| e.to_string())
    }
}

/// Reads the export files in `dir` as `dir/remit.toml` maps them and audits every
/// domain they provide (see the module documentation for a domain whose files are not
/// listed). `progress` hears each step with the time it took.
///
/// Files are opened inside `dir` by the names the mapping gives them.
///
/// # Errors
///
/// [`ExportsError::NoDirectory`] when `dir` is not a directory;
/// [`ExportsError::NoMapping`] without `dir/remit.toml`; [`ExportsError::Mapping`] for
/// a mapping file that does not parse; [`ExportsError::NothingToAudit`] when it lists no
/// file any domain reads; [`ExportsError::Ingest`] with every problem in the files
/// (nothing is audited then); [`ExportsError::Audit`] when a domain's audit refuses its
/// inputs; [`ExportsError::Io`] when the mapping file cannot be read.
pub fn audit_exports(dir: &Path, progress: &dyn Fn(&str)) -> Result<ExportAudit, ExportsError> {
    let clock = Instant::now();
    if !dir.is_dir() {
        return Err(ExportsError::NoDirectory {
            path: dir.to_path_buf(),
        });
    }
    let mapping = dir.join(MAPPING_FILE);
    let text = match std::fs::read_to_string(&mapping) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ExportsError::NoMapping { path: mapping });
        }
        Err(source) => {
            return Err(ExportsError::Io {
                path: mapping,
                source,
            });
        }
    };
    let config = ReadConfig::from_toml(&text).map_err(|problem| ExportsError::Mapping {
        path: mapping.clone(),
        problem: Box::new(problem),
    })?;
    let listed = |domain: remit_ingest::Domain| {
        config
            .files
            .iter()
            .any(|f| domain.inputs().contains(&f.input))
    };
    if !DOMAINS.iter().any(|(d, _)| listed(*d)) {
        return Err(ExportsError::NothingToAudit { path: mapping });
    }
    // A file the mapping lists that is not there is an ingest problem (it names the
    // file); any other error opening it is one too.
    let open = |name: &str| -> std::io::Result<Option<std::fs::File>> {
        match std::fs::File::open(dir.join(name)) {
            Ok(f) => Ok(Some(f)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    };
    let inputs = read_directory(open, &config).map_err(ExportsError::Ingest)?;
    progress(&format!(
        "files read ({:.2} s)",
        clock.elapsed().as_secs_f64()
    ));

    let benefits = inputs.benefits.as_ref().map(|b| BenefitData {
        catalogue: &b.catalogue,
        enrolments: &b.enrolments,
        rates: &b.rates,
    });
    let wellbeing = inputs.wellbeing.as_ref().map(|w| WellbeingData {
        panel: w.panel.as_ref(),
        respondents: &w.respondents,
        codes: &w.codes,
    });
    let tools = inputs.tools.as_ref().map(|t| ToolData {
        inventory: &t.inventory,
        teams: &t.teams,
    });
    let domains = DomainInputs {
        roster: inputs.roster.as_ref(),
        as_of: config.as_of,
        assets: inputs.assets.as_deref(),
        benefits,
        promotion: inputs.promotion.as_ref(),
        wellbeing,
        tools,
    };
    let why_absent = |domain: remit_ingest::Domain| {
        let inputs: Vec<String> = domain
            .inputs()
            .iter()
            .map(|i| format!("`{}`", i.name()))
            .collect();
        let (last, rest) = inputs.split_last().map_or(("", &[][..]), |(l, r)| (l, r));
        let named = if rest.is_empty() {
            last.to_owned()
        } else {
            format!("{} or {last}", rest.join(", "))
        };
        format!("{} lists no {named} file", mapping.display())
    };
    audit_domains(&domains, &why_absent, progress)
}

/// The ingest domains with the scorecard domain each feeds, in the order they are
/// audited.
const DOMAINS: [(remit_ingest::Domain, remit_core::Domain); 5] = [
    (remit_ingest::Domain::Assets, remit_core::Domain::Assets),
    (remit_ingest::Domain::Benefits, remit_core::Domain::Benefits),
    (
        remit_ingest::Domain::Promotion,
        remit_core::Domain::PromotionBias,
    ),
    (
        remit_ingest::Domain::Wellbeing,
        remit_core::Domain::Wellbeing,
    ),
    (remit_ingest::Domain::Tools, remit_core::Domain::CollabTools),
];

/// Audits every domain of `inputs` that is given, in a fixed order (equipment,
/// benefits, promotions, wellbeing, tools) through one fresh disclosure engine with the
/// default policy, each with the flagship configuration ([`crate::audit`]'s `audit_*`
/// functions). A domain not given is [`NotProvided`] with the reason `why_absent` gives.
/// `progress` hears each domain with the time it took.
///
/// The same inputs give the same reports, whether they were read from files or built in
/// memory (the round-trip test relies on it).
///
/// # Errors
///
/// [`ExportsError::NoRoster`] when a domain other than promotions is given without a
/// roster; [`ExportsError::Audit`] when a domain's audit refuses its inputs.
pub fn audit_domains(
    inputs: &DomainInputs<'_>,
    why_absent: &dyn Fn(remit_ingest::Domain) -> String,
    progress: &dyn Fn(&str),
) -> Result<ExportAudit, ExportsError> {
    let as_of = inputs.as_of;
    let mut clock = Instant::now();
    let mut stage = |label: &str| {
        progress(&format!("{label} ({:.2} s)", clock.elapsed().as_secs_f64()));
        clock = Instant::now();
    };
    let roster = |domain| inputs.roster.ok_or(ExportsError::NoRoster { domain });
    let failed = |domain| move |message| ExportsError::Audit { domain, message };
    let mut not_provided = Vec::new();
    let mut absent = |(ingest, domain): (remit_ingest::Domain, remit_core::Domain)| {
        not_provided.push(NotProvided::new(domain, why_absent(ingest)));
    };
    let mut disclosure = Disclosure::new(DisclosurePolicy::default());

    let [assets_d, benefits_d, promotion_d, wellbeing_d, tools_d] = DOMAINS;
    let assets = match inputs.assets {
        Some(fleet) => {
            let domain = assets_d.1;
            let report = audit_assets(roster(domain)?, fleet, as_of, &mut disclosure)
                .map_err(failed(domain))?;
            stage("equipment audited");
            Some(report)
        }
        None => {
            absent(assets_d);
            None
        }
    };
    let benefits = match inputs.benefits {
        Some(b) => {
            let domain = benefits_d.1;
            let report = audit_benefits(
                roster(domain)?,
                b.catalogue,
                b.enrolments,
                b.rates,
                as_of,
                &mut disclosure,
            )
            .map_err(failed(domain))?;
            stage("benefits audited");
            Some(report)
        }
        None => {
            absent(benefits_d);
            None
        }
    };
    let promotion = match inputs.promotion {
        Some(table) => {
            let report = audit_promotions(
                &remit_promotion_bias::Inputs::from_table(table),
                as_of,
                &mut disclosure,
            )
            .map_err(failed(promotion_d.1))?;
            stage("promotions analysed");
            Some(report)
        }
        None => {
            absent(promotion_d);
            None
        }
    };
    let wellbeing = match inputs.wellbeing {
        Some(w) => {
            let domain = wellbeing_d.1;
            // Survey answers without signals: an empty panel, so the report rests on the
            // survey alone.
            let empty;
            let panel = match w.panel {
                Some(panel) => panel,
                None => {
                    empty = SignalPanel::new(1).map_err(|e| failed(domain)(e.to_string()))?;
                    &empty
                }
            };
            let report = audit_wellbeing(
                roster(domain)?,
                panel,
                w.respondents,
                w.codes,
                as_of,
                &mut disclosure,
            )
            .map_err(failed(domain))?;
            stage("wellbeing reported");
            Some(report)
        }
        None => {
            absent(wellbeing_d);
            None
        }
    };
    let tools = match inputs.tools {
        Some(t) => {
            let domain = tools_d.1;
            let report = audit_tools(
                roster(domain)?,
                t.inventory,
                t.teams,
                as_of,
                &mut disclosure,
            )
            .map_err(failed(domain))?;
            stage("collaboration tools audited");
            Some(report)
        }
        None => {
            absent(tools_d);
            None
        }
    };
    Ok(ExportAudit {
        assets,
        benefits,
        promotion,
        wellbeing,
        tools,
        not_provided,
        disclosure: Mutex::new(disclosure),
    })
}
