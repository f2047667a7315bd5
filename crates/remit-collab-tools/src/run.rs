//! [`audit`]: the tools audit, step by step.

use chrono::Days;
use remit_core::disclosure::Disclosure;
use remit_core::{Coverage, Period, Workforce};

use crate::async_first::{flagged_teams, release_callouts};
use crate::chart::tool_scores;
use crate::config::Config;
use crate::error::Error;
use crate::far::far_from_centre;
use crate::findings::{self, Parts};
use crate::inputs::Inputs;
use crate::licence::{licence_costs, licence_waste};
use crate::overlap::{OverlapPlanner, Team};
use crate::people::People;
use crate::recommend::{Context, recommend};
use crate::report::ToolsReport;
use crate::review::ToolReview;
use crate::rubric::{AsyncScore, score};
use crate::security::security_gaps;
use crate::sprawl::{release_sprawl, sprawl_candidates};
use crate::usage::{ToolUsage, release_seat_holders, seat_activity};
use crate::zone::check_tz_date;

/// Audits the tools of `inputs` on [`Config::as_of`], releasing every figure about
/// people through `disclosure`, and returns the report with its findings and chart.
///
/// The steps, in order:
///
/// 1. **Inputs against the workforce.** Every seat holder must be an employee of the
///    workforce (current or former: a leaver's seat is waste to find, not an error).
///    Every team member must be an employee employed on `as_of` whose time zone is the
///    one the workforce records (the team record and the roster may not disagree; the
///    audit does not guess which is right). Team ids must be distinct.
/// 2. **Raw figures** (nothing published yet): async scores, each seat's activity,
///    licence costs, candidate sprawl groups, each team's overlap over
///    [`Config::overlap_days`] from `as_of`, and the far-from-centre group.
/// 3. **Releases**, headline first: each tool's seat holders as one group
///    (`collab-tools/seats:<tool id>`), each linked group of tools' seat holders
///    (`collab-tools/sprawl:<first tool id>`), then, tool by tool, each async-first
///    team's seat holders as a cell of the tool's population, largest first.
/// 4. **Report** from the released values only: usage, licence waste, security gaps,
///    sprawl clusters, recommendations, async-first call-outs, findings and the chart.
///
/// Coverage is [`Coverage::NotMeasured`] ("no tools in the inventory") for an empty
/// inventory.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_collab_tools::{audit, codes, Action, Category, Config, Inputs, Inventory, Licence, BillingPeriod, Seat, Tool};
/// use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy};
/// use remit_core::{Audit, CountryCode, Currency, Department, Employee, EmployeeId, JobLevel, Money, Roster, ToolId, WorkMode};
/// use rust_decimal::Decimal;
///
/// let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
/// let id = |i: u32| EmployeeId::from_external(&format!("E-{i}"));
/// let staff: Vec<Employee> = (0..10)
///     .map(|i| {
///         Employee::builder(id(i))
///             .work_mode(WorkMode::Remote)
///             .country(CountryCode::new("DE").unwrap())
///             .time_zone(chrono_tz::Europe::Berlin)
///             .level(JobLevel::new(1))
///             .department(Department::new("Design").unwrap())
///             .hired_on(NaiveDate::from_ymd_opt(2021, 3, 1).unwrap())
///             .build()
///             .unwrap()
///     })
///     .collect();
/// let roster = Roster::new(staff)?;
///
/// // A whiteboard nobody secured: 20 seats bought, 8 used in the last 60 days.
/// let usd = Currency::new("USD")?;
/// let board = Tool::builder(ToolId::from_external("board"), "Board", Category::Whiteboard)
///     .licence(Licence::new(20, Money::new(Decimal::new(10, 0), usd), BillingPeriod::Monthly,
///         NaiveDate::from_ymd_opt(2025, 9, 1).unwrap())?)
///     .seats((0..8).map(|i| Seat::new(id(i), NaiveDate::from_ymd_opt(2025, 6, 25))))
///     .build()?;
/// let inventory = Inventory::new(vec![board])?;
///
/// let mut engine = Disclosure::new(DisclosurePolicy::default());
/// let report = audit(&Inputs::new(&roster, &inventory), &Config::new(as_of), &mut engine)?;
///
/// let review = &report.tools()[0];
/// assert_eq!(review.usage().active_users(), Disclosed::Published(8)); // 8 seat holders >= 5
/// // The only whiteboard scores low: improve it, do not replace it.
/// assert_eq!(review.recommendation().action(), Action::Improve);
/// let waste = &report.licence_waste()[0];
/// assert_eq!(waste.annual_waste().published().map(|m| m.formatted(None)), Some("1,440.00 USD".into()));
/// assert!(report.findings().iter().any(|f| f.code() == &codes::NO_SSO));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// - [`Error::UnknownSeatHolder`], [`Error::UnknownMember`],
///   [`Error::MemberNotEmployed`], [`Error::MemberZoneMismatch`],
///   [`Error::DuplicateTeam`]: inputs that disagree with the workforce, naming the
///   record and the person;
/// - [`Error::OutsideTimeZoneData`] if teams are given and `as_of` (or the end of the
///   planning period) is after [`TZ_DATA_LAST_YEAR`](crate::TZ_DATA_LAST_YEAR);
///   [`Error::NoAnchorWorkdays`] if the planning period has no anchor workday;
///   [`Error::InvalidConfig`] (field `overlap_days`) if the period runs past the
///   calendar;
/// - [`Error::Money`] if a licence cost overflows, naming the tool;
/// - [`Error::Disclosure`] if the engine refuses a population (a saved state that does
///   not fit);
/// - [`Error::Finding`] if a finding fails to build (a defect, never silently dropped).
///
/// Input errors are found before the engine is touched: nothing is registered or
/// released then.
pub fn audit<W: Workforce + ?Sized>(
    inputs: &Inputs<'_, W>,
    config: &Config,
    disclosure: &mut Disclosure,
) -> Result<ToolsReport, Error> {
    let as_of = config.as_of();
    let inventory = inputs.inventory();
    let tools = inventory.tools();
    let teams = inputs.teams();

    // 1. Inputs against the workforce.
    let period = if teams.is_empty() {
        None
    } else {
        check_tz_date("tools audit", "as_of", as_of)?;
        Some(planning_period(config)?)
    };
    if let Some(team) = remit_core::duplicates::first_duplicate(teams.iter().map(Team::id))
        .and_then(|id| teams.iter().find(|t| t.id() == id))
    {
        return Err(Error::DuplicateTeam {
            team: team.id(),
            name: team.name().map(str::to_owned),
        });
    }
    {
        let people = People::new(inputs.workforce(), as_of);
        for t in tools {
            people.check_seats(t)?;
        }
        for team in teams {
            people.check_team(team, as_of)?;
        }
    }

    // 2. Raw figures.
    let cutoff = as_of.checked_sub_days(Days::new(u64::from(config.inactive_after_days())));
    let scores: Vec<AsyncScore> = tools.iter().map(|t| score(inputs.rubric(), t)).collect();
    let activity = seat_activity(inventory, cutoff);
    let costs = licence_costs(inventory, &activity)?;
    let candidates = sprawl_candidates(
        inventory,
        &scores,
        &activity,
        config.sprawl_capability_overlap(),
    )?;
    let mut summaries = Vec::with_capacity(teams.len());
    if let Some(period) = period {
        let mut planner = OverlapPlanner::new(period, *config.overlap())?;
        for team in teams {
            let o = planner.overlap_ref(team);
            summaries.push((
                o.typical_minutes(),
                o.async_first_below_minutes(),
                o.async_first(),
            ));
        }
    }
    let far =
        (!teams.is_empty()).then(|| far_from_centre(teams, as_of, config.far_from_centre_hours()));
    let flagged = flagged_teams(teams, &summaries, tools, &activity);

    // 3. Releases, headline first.
    let releases = release_seat_holders(tools, disclosure)?;
    let sprawl = release_sprawl(inventory, candidates, disclosure)?;
    let async_first = release_callouts(&flagged, teams, tools, &releases, disclosure)?;
    let usage: Vec<ToolUsage> = tools
        .iter()
        .zip(&activity)
        .zip(&releases)
        .map(|((t, a), r)| ToolUsage::new(r.decision, t.seats().len() as u64, a.active_count))
        .collect();
    drop(releases);

    // 4. The report, from released values only.
    let (licence_waste, licence_totals) =
        licence_waste(inventory, &costs, &usage, inventory.currency())?;
    let security = security_gaps(tools, &usage);
    let cx = Context {
        inventory,
        scores: &scores,
        usage: &usage,
        sprawl: &sprawl,
        rubric: inputs.rubric(),
        config,
    };
    let recommendations: Vec<_> = tools
        .iter()
        .enumerate()
        .map(|(i, t)| recommend(t, i, &cx))
        .collect();
    let reviews: Vec<ToolReview> = tools
        .iter()
        .zip(scores)
        .zip(usage)
        .zip(recommendations)
        .map(|(((t, s), u), r)| {
            ToolReview::new(t.name().to_owned(), t.category(), t.sync_level(), s, u, r)
        })
        .collect();
    let findings = findings::build(&Parts {
        config,
        tools: &reviews,
        sprawl: &sprawl,
        waste: &licence_waste,
        totals: licence_totals.as_ref(),
        security: &security,
        async_first: &async_first,
    })?;
    let charts = tool_scores(&reviews, config.replace_below());
    let coverage = if tools.is_empty() {
        Coverage::not_measured("no tools in the inventory")
    } else {
        Coverage::Measured
    };
    Ok(ToolsReport {
        config: *config,
        tools: reviews,
        sprawl,
        licence_waste,
        licence_totals,
        security,
        async_first,
        teams_planned: summaries.len(),
        far_from_centre: far,
        findings,
        charts,
        coverage,
    })
}

/// The period team overlaps are planned over: [`Config::overlap_days`] from `as_of`.
fn planning_period(config: &Config) -> Result<Period, Error> {
    let as_of = config.as_of();
    let invalid = |reason: String| Error::InvalidConfig {
        record: "tools audit config",
        field: "overlap_days",
        reason,
    };
    let end = as_of
        .checked_add_days(Days::new(u64::from(config.overlap_days())))
        .ok_or_else(|| {
            invalid(format!(
                "{} days from {as_of} run past the calendar",
                config.overlap_days()
            ))
        })?;
    Period::new(as_of, end).map_err(|e| invalid(e.to_string()))
}
