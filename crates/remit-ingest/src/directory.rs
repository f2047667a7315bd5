//! Reading a set of files: the caller opens each file by name (this crate never opens
//! one), the configuration says what each holds; the result is every domain's
//! validated inputs, or every problem found.

use std::io::Read;

use remit_assets::TrackedAsset;
use remit_core::Roster;
use remit_promotion_bias::PromotionTable;

use crate::canonical::Input;
use crate::config::ReadConfig;
use crate::error::{IngestError, Problem, Problems};
use crate::read::{Rows, read_file};
use crate::to_benefits::BenefitInputs;
use crate::to_tools::ToolInputs;
use crate::to_wellbeing::WellbeingInputs;

/// The five audit domains a directory of exports can feed, one per domain crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Domain {
    /// Equipment (`remit-assets`): `assets.csv` and `asset_events.csv`.
    Assets,
    /// Benefit equity (`remit-benefits`): `benefits.csv`, `enrolments.csv` and
    /// `exchange_rates.csv`.
    Benefits,
    /// Promotion equity (`remit-promotion-bias`): an analysis-ready promotion file, or
    /// promotions derived from `job_events.csv`.
    Promotion,
    /// Wellbeing (`remit-wellbeing`): `responses.csv` and `signals_weekly.csv`.
    Wellbeing,
    /// Collaboration tools (`remit-collab-tools`): `tools.csv`, `seats.csv` and
    /// `teams.csv`.
    Tools,
}

impl Domain {
    /// The inputs this domain reads (besides people and identity, which all but an
    /// analysis-ready promotion file need).
    pub const fn inputs(self) -> &'static [Input] {
        match self {
            Domain::Assets => &[Input::Assets, Input::AssetEvents],
            Domain::Benefits => &[Input::Benefits, Input::Enrolments, Input::ExchangeRates],
            Domain::Promotion => &[Input::Promotions, Input::JobEvents],
            Domain::Wellbeing => &[Input::Signals, Input::Responses],
            Domain::Tools => &[Input::Tools, Input::Seats, Input::Teams],
        }
    }
}

/// Every domain's validated inputs found in the files. A domain is `None` when none of
/// its files was configured or present.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Inputs {
    /// The people (`people.csv`), shared by every domain.
    pub roster: Option<Roster>,
    /// Equipment with its histories.
    pub assets: Option<Vec<TrackedAsset>>,
    /// The benefit catalogue, enrolments and exchange rates.
    pub benefits: Option<BenefitInputs>,
    /// Promotion records, column by column (read or derived from job history).
    pub promotion: Option<PromotionTable>,
    /// Weekly signals and survey answers.
    pub wellbeing: Option<WellbeingInputs>,
    /// Tools, seats and teams.
    pub tools: Option<ToolInputs>,
}

/// Reads every configured file and builds every domain whose files are there.
///
/// `open` opens a file by the name the configuration gives it: `Ok(Some(reader))`, or
/// `Ok(None)` when there is no such file (fine for the canonical defaults of
/// [`ReadConfig::canonical`], a problem for a file a mapping file lists), or the I/O
/// error. Files are read in configuration order, once each, streaming.
///
/// # Errors
///
/// [`IngestError`] listing every problem found in every file (up to
/// [`ReadConfig::max_problems`]), each naming the file and, where it applies, the line,
/// the column, the value and what was expected; or, before any file is opened, the
/// one [`Problem::Setting`] that [`ReadConfig::validate`] finds in the configuration.
/// If there is any problem, nothing is returned.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_ingest::{ReadConfig, read_directory};
///
/// let people = "employee_id,work_mode,country,time_zone,level,department,manager_id,hire_date\n\
///               E-1,remote,PT,Europe/Lisbon,3,Engineering,,2021-03-15\n\
///               E-2,Office (HQ),DE,Europe/Berlin,2,Engineering,E-1,2022-01-10\n";
/// let files = [("people.csv", people)];
/// let open = |name: &str| Ok(files.iter().find(|(n, _)| *n == name).map(|(_, t)| t.as_bytes()));
/// let config = ReadConfig::canonical(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
/// let err = read_directory(open, &config).unwrap_err();
/// // "Office (HQ)" is no work mode remit knows: the problem lists it and how to map it.
/// assert!(err.to_string().contains("\"Office (HQ)\" (line 3, 1 row)"));
/// ```
pub fn read_directory<R: Read>(
    open: impl FnMut(&str) -> std::io::Result<Option<R>>,
    config: &ReadConfig,
) -> Result<Inputs, IngestError> {
    read(open, config, None)
}

fn read<R: Read>(
    mut open: impl FnMut(&str) -> std::io::Result<Option<R>>,
    config: &ReadConfig,
    only: Option<Domain>,
) -> Result<Inputs, IngestError> {
    // A configuration built in code is checked as a mapping file is, before any file
    // is opened.
    config.validate()?;
    let mut problems = Problems::new(config.max_problems);
    let mut rows = Rows::default();
    let wanted = |input: Input| match only {
        None => true,
        Some(d) => {
            d.inputs().contains(&input)
                || (matches!(input, Input::People | Input::Identity)
                    && !(d == Domain::Promotion && input == Input::Identity))
        }
    };
    for file in config.files.iter().filter(|f| wanted(f.input)) {
        match open(&file.name) {
            Ok(Some(reader)) => read_file(file, config.ids, reader, &mut rows, &mut problems),
            Ok(None) if file.optional => {}
            Ok(None) => problems.push(Problem::File {
                file: file.name.clone(),
                message: "no such file".to_owned(),
            }),
            Err(e) => problems.push(Problem::File {
                file: file.name.clone(),
                message: format!("cannot open: {e}"),
            }),
        }
    }
    rows.settle_people_emails();
    let present = |domain: Domain| {
        only.is_none_or(|d| d == domain) && domain.inputs().iter().any(|i| rows.present.contains(i))
    };
    let needs_people = [
        Domain::Assets,
        Domain::Benefits,
        Domain::Wellbeing,
        Domain::Tools,
    ]
    .iter()
    .any(|d| present(*d))
        || rows.present.contains(&Input::JobEvents);
    if needs_people && !rows.present.contains(&Input::People) {
        problems.push(Problem::Config {
            message: "the people file is missing (every domain but an analysis-ready promotions file needs it)".to_owned(),
        });
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    let people = if rows.present.contains(&Input::People) {
        crate::to_core::people(&rows, config.ids, &mut problems)
    } else {
        None
    };
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    let mut inputs = Inputs {
        roster: None,
        assets: None,
        benefits: None,
        promotion: None,
        wellbeing: None,
        tools: None,
    };
    if let Some(p) = &people {
        if present(Domain::Assets) {
            inputs.assets = crate::to_assets::assets(&rows, p, &mut problems);
        }
        if present(Domain::Benefits) {
            inputs.benefits = crate::to_benefits::benefits(&rows, p, config.as_of, &mut problems);
        }
        if present(Domain::Wellbeing) {
            inputs.wellbeing = crate::to_wellbeing::wellbeing(&rows, p, &mut problems);
        }
        if present(Domain::Tools) {
            inputs.tools = crate::to_tools::tools(&rows, p, &mut problems);
        }
    }
    if present(Domain::Promotion) {
        inputs.promotion = crate::to_promotion::promotion(
            &rows,
            people.as_ref(),
            config.as_of,
            config.promotion_window_months,
            &mut problems,
        );
    }
    inputs.roster = people.map(|p| p.roster);
    problems.finish(inputs)
}

fn missing(domain: &str) -> IngestError {
    IngestError::single(Problem::Config {
        message: format!("no {domain} files were configured or found"),
    })
}

/// Reads the people and equipment files: the roster and every asset with its history.
///
/// # Errors
///
/// As [`read_directory`]; also when no asset file is there.
pub fn read_assets<R: Read>(
    open: impl FnMut(&str) -> std::io::Result<Option<R>>,
    config: &ReadConfig,
) -> Result<(Roster, Vec<TrackedAsset>), IngestError> {
    let inputs = read(open, config, Some(Domain::Assets))?;
    match (inputs.roster, inputs.assets) {
        (Some(r), Some(a)) => Ok((r, a)),
        _ => Err(missing("asset")),
    }
}

/// Reads the people and benefit files: the roster, catalogue, enrolments and rates.
///
/// # Errors
///
/// As [`read_directory`]; also when no benefit file is there.
pub fn read_benefits<R: Read>(
    open: impl FnMut(&str) -> std::io::Result<Option<R>>,
    config: &ReadConfig,
) -> Result<(Roster, BenefitInputs), IngestError> {
    let inputs = read(open, config, Some(Domain::Benefits))?;
    match (inputs.roster, inputs.benefits) {
        (Some(r), Some(b)) => Ok((r, b)),
        _ => Err(missing("benefit")),
    }
}

/// Reads the promotion table: the analysis-ready `promotions.csv`, or promotions
/// derived from the people file and job history.
///
/// # Errors
///
/// As [`read_directory`]; also when neither is there.
pub fn read_promotion<R: Read>(
    open: impl FnMut(&str) -> std::io::Result<Option<R>>,
    config: &ReadConfig,
) -> Result<PromotionTable, IngestError> {
    read(open, config, Some(Domain::Promotion))?
        .promotion
        .ok_or_else(|| missing("promotion"))
}

/// Reads the people, signal and survey files.
///
/// # Errors
///
/// As [`read_directory`]; also when neither signals nor responses are there.
pub fn read_wellbeing<R: Read>(
    open: impl FnMut(&str) -> std::io::Result<Option<R>>,
    config: &ReadConfig,
) -> Result<(Roster, WellbeingInputs), IngestError> {
    let inputs = read(open, config, Some(Domain::Wellbeing))?;
    match (inputs.roster, inputs.wellbeing) {
        (Some(r), Some(w)) => Ok((r, w)),
        _ => Err(missing("wellbeing")),
    }
}

/// Reads the people, tool, seat and team files.
///
/// # Errors
///
/// As [`read_directory`]; also when no tool file is there.
pub fn read_tools<R: Read>(
    open: impl FnMut(&str) -> std::io::Result<Option<R>>,
    config: &ReadConfig,
) -> Result<(Roster, ToolInputs), IngestError> {
    let inputs = read(open, config, Some(Domain::Tools))?;
    match (inputs.roster, inputs.tools) {
        (Some(r), Some(t)) => Ok((r, t)),
        _ => Err(missing("tool")),
    }
}
