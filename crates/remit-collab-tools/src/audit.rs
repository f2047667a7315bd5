//! The end-to-end tools audit: per-tool recommendations, sprawl, licence waste,
//! security posture and async-first call-outs, as a [`ToolAudit`] implementing
//! [`remit_core::Audit`].
//!
//! # Rules (every threshold is an [`AuditConfig`] field; defaults in parentheses)
//!
//! - **Active user**: a seat whose user was active within `inactive_after_days` (default 60)
//!   days of `as_of` (Productiv's 60-day inactivity rule).
//! - **Licence waste** per licensed tool: (inactive assigned seats + unassigned seats) ×
//!   the annual seat price; never more than the licence's annual cost. Listed by renewal
//!   date, soonest first, because Zylo advises reviewing usage 90 days before renewal.
//! - **Sprawl**: within one category (never `Other`), tools whose enabled capabilities
//!   overlap by at least `sprawl_capability_overlap` (default 0.5) (Jaccard) are linked; a
//!   connected group of two or more is sprawl when at least one user is active in two or
//!   more of its tools (Productiv's overlapping users, Viio's cluster rule). The tool with
//!   the best async score (then most active users) is the consolidation target; the
//!   others are candidates. Savings = the candidates' annual licence cost − the seats the
//!   target must add for candidates' active users it does not already seat (beyond its
//!   free seats) × its annual seat price.
//! - **Security posture**: a tool without SSO, SCIM, enforced MFA or an audit log
//!   enabled is a shadow-IT risk; one finding per missing control.
//! - **Recommendation** per tool, first match wins: *deprecate* (seats but no active
//!   user, or a sprawl candidate); *replace* (async score under `replace_below` (default 40));
//!   *reconfigure* (a capability available on the plan but switched off that would raise
//!   the rubric score or is a security control, or chat kept longer than
//!   `chat_retention_max_days` (default 90), GitLab's forcing function); otherwise *keep*.
//! - **Async-first call-out**: for each team whose overlap says async-first, the
//!   sync-heavy tools (mostly or fully synchronous core use) its members are active in.
//!
//! - **Far from the team's centre** (a group for cross-domain comparisons,
//!   [`Audit::groups`]): members at least `far_from_centre_hours` (default 3) from the
//!   circular mean of their team's UTC offsets on `as_of`, measured on the 24-hour clock
//!   so the date line does not split a Los Angeles–Auckland team. Two members 3 hours
//!   either side of the centre share at most 2 hours of an 8-hour day, the async-first
//!   threshold.
//! - **Chart** ([`Audit::charts`]): each tool's async-suitability score as a bar, with
//!   the replace threshold as a reference line; above [`MAX_CHART_TOOLS`] tools, the
//!   lowest-scoring ones, which are the ones to act on.
//!
//! Head-counts in findings go through the [`DisclosureGuard`]: a count it would
//! suppress is left out of the finding.

use std::collections::HashMap;

use chrono::NaiveDate;
use chrono::{Offset, TimeZone};
use chrono_tz::Tz;
use remit_core::chart::{Chart, ChartKind, Point, Series, Tone};
use remit_core::privacy::DisclosureGuard;
use remit_core::{
    Audit, Cohort, Domain, EmployeeGroup, EmployeeId, Finding, FindingCode, Metric, Money,
    Severity, TeamId, ToolId,
};
use rust_decimal::Decimal;

use crate::CollabError;
use crate::inventory::{Capability, CapabilitySet, Category, Inventory, Seat, Tool};
use crate::overlap::{Team, TeamOverlap};
use crate::rubric::{AsyncScore, Rubric, score};
use remit_core::fast_hash::{self, FastHashMap, FastHashSet};

/// Thresholds of the audit; see the [module documentation](self). Deserialisation
/// validates through the `with_*` setters.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "AuditConfigRepr", into = "AuditConfigRepr")
)]
pub struct AuditConfig {
    inactive_after_days: u32,
    replace_below: u8,
    sprawl_capability_overlap: f64,
    chat_retention_max_days: u32,
    renewal_review_days: u32,
    guard: DisclosureGuard,
    far_from_centre_hours: f64,
}

/// The serialised form of an [`AuditConfig`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct AuditConfigRepr {
    inactive_after_days: u32,
    replace_below: u8,
    sprawl_capability_overlap: f64,
    chat_retention_max_days: u32,
    renewal_review_days: u32,
    guard: DisclosureGuard,
    #[serde(default = "default_far_from_centre_hours")]
    far_from_centre_hours: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<AuditConfigRepr> for AuditConfig {
    type Error = CollabError;
    fn try_from(r: AuditConfigRepr) -> Result<Self, CollabError> {
        Self::default()
            .with_inactive_after_days(r.inactive_after_days)?
            .with_replace_below(r.replace_below)?
            .with_sprawl_capability_overlap(r.sprawl_capability_overlap)?
            .with_chat_retention_max_days(r.chat_retention_max_days)
            .with_renewal_review_days(r.renewal_review_days)
            .with_guard(r.guard)
            .with_far_from_centre_hours(r.far_from_centre_hours)
    }
}

#[cfg(feature = "serde")]
impl From<AuditConfig> for AuditConfigRepr {
    fn from(c: AuditConfig) -> Self {
        Self {
            inactive_after_days: c.inactive_after_days,
            replace_below: c.replace_below,
            sprawl_capability_overlap: c.sprawl_capability_overlap,
            chat_retention_max_days: c.chat_retention_max_days,
            renewal_review_days: c.renewal_review_days,
            guard: c.guard,
            far_from_centre_hours: c.far_from_centre_hours,
        }
    }
}

#[cfg(feature = "serde")]
fn default_far_from_centre_hours() -> f64 {
    DEFAULT_FAR_FROM_CENTRE_HOURS
}

/// The default distance, in hours, from a team's time-zone centre at which a member
/// counts as far from it: two members 3 hours either side of the centre are 6 hours
/// apart and share at most 2 hours of an 8-hour day, the overlap under which a team is
/// told to work async-first.
pub const DEFAULT_FAR_FROM_CENTRE_HOURS: f64 = 3.0;

/// The most tools the async-suitability chart shows; with more, it shows the lowest
/// scores (the tools to act on) and says so in its title.
pub const MAX_CHART_TOOLS: usize = 30;

impl Default for AuditConfig {
    fn default() -> Self {
        Self {
            inactive_after_days: 60,
            replace_below: 40,
            sprawl_capability_overlap: 0.5,
            chat_retention_max_days: 90,
            renewal_review_days: 90,
            guard: DisclosureGuard::default(),
            far_from_centre_hours: DEFAULT_FAR_FROM_CENTRE_HOURS,
        }
    }
}

impl AuditConfig {
    /// Days without activity after which a seat counts as inactive.
    ///
    /// # Errors
    ///
    /// [`CollabError::InvalidConfig`] if zero.
    pub fn with_inactive_after_days(mut self, days: u32) -> Result<Self, CollabError> {
        if days == 0 {
            return Err(CollabError::InvalidConfig {
                record: "audit config",
                field: "inactive_after_days",
                reason: "must be at least 1".into(),
            });
        }
        self.inactive_after_days = days;
        Ok(self)
    }

    /// Async scores under this are told to replace the tool.
    ///
    /// # Errors
    ///
    /// [`CollabError::InvalidConfig`] above 100.
    pub fn with_replace_below(mut self, score: u8) -> Result<Self, CollabError> {
        if score > 100 {
            return Err(CollabError::InvalidConfig {
                record: "audit config",
                field: "replace_below",
                reason: format!("must be 0-100, got {score}"),
            });
        }
        self.replace_below = score;
        Ok(self)
    }

    /// The capability overlap (Jaccard) that links two tools of a category.
    ///
    /// # Errors
    ///
    /// [`CollabError::InvalidShare`] outside `[0, 1]`.
    pub fn with_sprawl_capability_overlap(mut self, share: f64) -> Result<Self, CollabError> {
        if !(0.0..=1.0).contains(&share) {
            return Err(CollabError::InvalidShare {
                record: "audit config",
                field: "sprawl_capability_overlap",
                value: share,
            });
        }
        self.sprawl_capability_overlap = share;
        Ok(self)
    }

    /// The longest chat retention that needs no reconfiguration.
    #[must_use]
    pub fn with_chat_retention_max_days(mut self, days: u32) -> Self {
        self.chat_retention_max_days = days;
        self
    }

    /// Licence waste on a tool renewing within this many days is raised in severity.
    #[must_use]
    pub fn with_renewal_review_days(mut self, days: u32) -> Self {
        self.renewal_review_days = days;
        self
    }

    /// The disclosure guard for head-counts in findings.
    #[must_use]
    pub fn with_guard(mut self, guard: DisclosureGuard) -> Self {
        self.guard = guard;
        self
    }

    /// Members at least this many hours from their team's time-zone centre form the
    /// "far from their team's centre" group (default
    /// [`DEFAULT_FAR_FROM_CENTRE_HOURS`]).
    ///
    /// # Errors
    ///
    /// [`CollabError::InvalidConfig`] unless `0 < hours <= 12` (no one is more than 12
    /// hours from anywhere on the clock).
    pub fn with_far_from_centre_hours(mut self, hours: f64) -> Result<Self, CollabError> {
        if !(hours > 0.0 && hours <= 12.0) {
            return Err(CollabError::InvalidConfig {
                record: "audit config",
                field: "far_from_centre_hours",
                reason: format!("must be more than 0 and at most 12, got {hours}"),
            });
        }
        self.far_from_centre_hours = hours;
        Ok(self)
    }

    /// The far-from-centre distance in hours.
    pub fn far_from_centre_hours(&self) -> f64 {
        self.far_from_centre_hours
    }

    /// Days of inactivity.
    pub fn inactive_after_days(&self) -> u32 {
        self.inactive_after_days
    }

    /// The replace threshold.
    pub fn replace_below(&self) -> u8 {
        self.replace_below
    }

    /// The sprawl capability overlap.
    pub fn sprawl_capability_overlap(&self) -> f64 {
        self.sprawl_capability_overlap
    }

    /// The chat retention limit.
    pub fn chat_retention_max_days(&self) -> u32 {
        self.chat_retention_max_days
    }
}

/// What to do with a tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Action {
    /// Keep as it is.
    Keep,
    /// Keep, with the listed settings changed.
    Reconfigure,
    /// Replace with a tool better suited to asynchronous work.
    Replace,
    /// Retire it.
    Deprecate,
}

/// A setting to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Setting {
    /// Switch on a capability the plan already offers.
    Enable(Capability),
    /// Expire chat messages after this many days.
    ChatRetentionDays(u32),
}

/// The recommendation for one tool, with its reasons.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Recommendation {
    tool: ToolId,
    action: Action,
    settings: Vec<Setting>,
    replacement: Option<ToolId>,
    reasons: Vec<String>,
}

impl Recommendation {
    /// The tool.
    pub fn tool(&self) -> ToolId {
        self.tool
    }

    /// What to do.
    pub fn action(&self) -> Action {
        self.action
    }

    /// The settings to change (for [`Action::Reconfigure`]; also listed for other
    /// actions when they apply).
    pub fn settings(&self) -> &[Setting] {
        &self.settings
    }

    /// The tool to move to, when one exists in the inventory.
    pub fn replacement(&self) -> Option<ToolId> {
        self.replacement
    }

    /// Why, in words.
    pub fn reasons(&self) -> &[String] {
        &self.reasons
    }
}

/// Overlapping tools within one category.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SprawlCluster {
    category: Category,
    tools: Vec<ToolId>,
    capability_overlap: f64,
    users_in_two_or_more: u64,
    target: ToolId,
    candidates: Vec<ToolId>,
    annual_savings: Option<Money>,
}

impl SprawlCluster {
    /// The category.
    pub fn category(&self) -> Category {
        self.category
    }

    /// The overlapping tools, in inventory order.
    pub fn tools(&self) -> &[ToolId] {
        &self.tools
    }

    /// The smallest capability overlap (Jaccard) between linked tools.
    pub fn capability_overlap(&self) -> f64 {
        self.capability_overlap
    }

    /// Users active in two or more of the tools.
    pub fn users_in_two_or_more(&self) -> u64 {
        self.users_in_two_or_more
    }

    /// The tool to consolidate into.
    pub fn target(&self) -> ToolId {
        self.target
    }

    /// The tools to retire into the target.
    pub fn candidates(&self) -> &[ToolId] {
        &self.candidates
    }

    /// Net annual savings of consolidating (`None` when no tool is licensed).
    pub fn annual_savings(&self) -> Option<Money> {
        self.annual_savings
    }
}

/// Seats paid for but not used.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LicenceWaste {
    tool: ToolId,
    renewal: NaiveDate,
    seats: u32,
    inactive_seats: u32,
    unassigned_seats: u32,
    annual_cost: Money,
    annual_waste: Money,
}

impl LicenceWaste {
    /// The tool.
    pub fn tool(&self) -> ToolId {
        self.tool
    }

    /// Its renewal date.
    pub fn renewal(&self) -> NaiveDate {
        self.renewal
    }

    /// Seats bought.
    pub fn seats(&self) -> u32 {
        self.seats
    }

    /// Assigned seats whose user was inactive for the configured days.
    pub fn inactive_seats(&self) -> u32 {
        self.inactive_seats
    }

    /// Seats bought but not assigned.
    pub fn unassigned_seats(&self) -> u32 {
        self.unassigned_seats
    }

    /// The licence's annual cost.
    pub fn annual_cost(&self) -> Money {
        self.annual_cost
    }

    /// The annual cost of the inactive and unassigned seats (never above
    /// [`annual_cost`](Self::annual_cost)).
    pub fn annual_waste(&self) -> Money {
        self.annual_waste
    }
}

/// A tool missing security controls.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SecurityGap {
    tool: ToolId,
    missing: CapabilitySet,
    active_users: u64,
}

impl SecurityGap {
    /// The tool.
    pub fn tool(&self) -> ToolId {
        self.tool
    }

    /// The missing controls among SSO, SCIM, enforced MFA and audit log.
    pub fn missing(&self) -> CapabilitySet {
        self.missing
    }

    /// Its active users.
    pub fn active_users(&self) -> u64 {
        self.active_users
    }
}

/// A team that should work async-first, and the sync-heavy tools it relies on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AsyncFirstCallout {
    team: TeamId,
    typical_minutes: u32,
    threshold_minutes: u32,
    sync_heavy_tools: Vec<ToolId>,
}

impl AsyncFirstCallout {
    /// The team.
    pub fn team(&self) -> TeamId {
        self.team
    }

    /// Its typical daily overlap.
    pub fn typical_minutes(&self) -> u32 {
        self.typical_minutes
    }

    /// The async-first threshold it fell under.
    pub fn threshold_minutes(&self) -> u32 {
        self.threshold_minutes
    }

    /// Mostly or fully synchronous tools its members are active in.
    pub fn sync_heavy_tools(&self) -> &[ToolId] {
        &self.sync_heavy_tools
    }
}

/// The result of an end-to-end tools audit.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ToolAudit {
    as_of: NaiveDate,
    config: AuditConfig,
    names: Vec<(ToolId, String)>,
    active_users: Vec<u64>,
    scores: Vec<AsyncScore>,
    recommendations: Vec<Recommendation>,
    sprawl: Vec<SprawlCluster>,
    waste: Vec<LicenceWaste>,
    security: Vec<SecurityGap>,
    async_first: Vec<AsyncFirstCallout>,
    total_annual_cost: Option<Money>,
    total_annual_waste: Option<Money>,
    teams_seen: bool,
    far_from_centre: Vec<EmployeeId>,
    findings: Vec<Finding>,
    charts: Vec<Chart>,
    coverage: remit_core::Coverage,
}

/// Scores and active-user counts per tool, and the activity cutoff.
///
/// Users are compared across tools only where a rule needs it (a sprawl group, a
/// consolidation target, the members of async-first teams), with hash sets sized by the
/// smaller side, so the audit never indexes every seat of every tool.
struct Prepared {
    scores: Vec<AsyncScore>,
    active: Vec<usize>,
    cutoff: Option<NaiveDate>,
}

impl Prepared {
    fn new<R: Rubric + ?Sized>(
        inventory: &Inventory,
        rubric: &R,
        cutoff: Option<NaiveDate>,
    ) -> Self {
        let tools = inventory.tools();
        Self {
            scores: tools.iter().map(|t| score(rubric, t)).collect(),
            active: tools
                .iter()
                .map(|t| active_users(t, cutoff).count())
                .collect(),
            cutoff,
        }
    }

    /// The active users of the tool at `index` (none if out of range).
    fn active_users<'a>(
        &self,
        tools: &'a [Tool],
        index: usize,
    ) -> impl Iterator<Item = EmployeeId> + 'a {
        let cutoff = self.cutoff;
        tools
            .get(index)
            .into_iter()
            .flat_map(move |t| active_users(t, cutoff))
    }
}

/// A tool's users active on or after `cutoff` (every user with an activity date when
/// there is no cutoff).
fn active_users(tool: &Tool, cutoff: Option<NaiveDate>) -> impl Iterator<Item = EmployeeId> + '_ {
    tool.seats()
        .iter()
        .filter(move |s| match (s.last_active(), cutoff) {
            (Some(last), Some(c)) => last >= c,
            (Some(_), None) => true,
            (None, _) => false,
        })
        .map(Seat::user)
}

fn money_err(context: &str) -> impl Fn(remit_core::MoneyError) -> CollabError + '_ {
    move |source| CollabError::Money {
        context: context.to_owned(),
        source,
    }
}

impl ToolAudit {
    /// Runs the audit of `inventory` on `as_of`, scoring with `rubric`. `teams` and
    /// `overlaps` (matched by team id) drive the async-first call-outs; pass empty
    /// slices to skip them.
    ///
    /// # Errors
    ///
    /// [`CollabError::InvalidConfig`] if an overlap names a team not in `teams`;
    /// [`CollabError::OutsideTimeZoneData`] if teams are given and `as_of` is after
    /// [`TZ_DATA_LAST_YEAR`](crate::overlap::TZ_DATA_LAST_YEAR) (their offsets on that
    /// date, for the far-from-centre group, would be wrong);
    /// [`CollabError::Money`] if a cost overflows.
    pub fn run<R: Rubric + ?Sized>(
        inventory: &Inventory,
        rubric: &R,
        teams: &[Team],
        overlaps: &[TeamOverlap],
        as_of: NaiveDate,
        config: &AuditConfig,
    ) -> Result<Self, CollabError> {
        if !teams.is_empty() {
            crate::zone::check_tz_date("tools audit", "as_of", as_of)?;
        }
        let cutoff =
            as_of.checked_sub_days(chrono::Days::new(u64::from(config.inactive_after_days)));
        let tools = inventory.tools();
        let prepared = Prepared::new(inventory, rubric, cutoff);
        let sprawl = sprawl(inventory, &prepared, config)?;
        let waste = waste(inventory, &prepared)?;
        let security = tools
            .iter()
            .zip(&prepared.active)
            .filter_map(|(t, &active)| {
                let missing = CapabilitySet::new(
                    Capability::SECURITY_CONTROLS
                        .into_iter()
                        .filter(|c| !t.enabled().contains(*c)),
                );
                (!missing.is_empty()).then(|| SecurityGap {
                    tool: t.id(),
                    missing,
                    active_users: active as u64,
                })
            })
            .collect();
        let recommendations = tools
            .iter()
            .enumerate()
            .map(|(i, t)| recommend(t, i, inventory, &prepared, &sprawl, rubric, config))
            .collect();
        let async_first = async_first(inventory, &prepared, teams, overlaps)?;
        let currency = inventory.currency();
        let (total_annual_cost, total_annual_waste) = match currency {
            None => (None, None),
            Some(c) => {
                let mut cost = Money::zero(c);
                let mut wasted = Money::zero(c);
                for w in &waste {
                    cost = cost
                        .checked_add(&w.annual_cost)
                        .map_err(money_err("total cost"))?;
                    wasted = wasted
                        .checked_add(&w.annual_waste)
                        .map_err(money_err("total waste"))?;
                }
                (Some(cost), Some(wasted))
            }
        };
        let mut audit = Self {
            as_of,
            config: *config,
            names: tools
                .iter()
                .map(|t| (t.id(), t.name().to_owned()))
                .collect(),
            active_users: prepared.active.iter().map(|&a| a as u64).collect(),
            scores: prepared.scores,
            recommendations,
            sprawl,
            waste,
            security,
            async_first,
            total_annual_cost,
            total_annual_waste,
            teams_seen: !teams.is_empty(),
            far_from_centre: far_from_centre(teams, as_of, config.far_from_centre_hours),
            findings: Vec::new(),
            charts: Vec::new(),
            coverage: remit_core::Coverage::Measured,
        };
        audit.findings = audit.build_findings();
        audit.charts = audit.build_charts();
        Ok(audit)
    }

    /// Members at least [`AuditConfig::far_from_centre_hours`] from the time-zone centre
    /// of a team they belong to, sorted (see [`far_from_centre`](Self::groups) for the
    /// method).
    pub fn far_from_team_centre(&self) -> &[EmployeeId] {
        &self.far_from_centre
    }

    /// The audit date.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// Each tool's async score, in inventory order.
    pub fn scores(&self) -> &[AsyncScore] {
        &self.scores
    }

    /// Each tool's recommendation, in inventory order.
    pub fn recommendations(&self) -> &[Recommendation] {
        &self.recommendations
    }

    /// The recommendation for one tool.
    pub fn recommendation(&self, tool: ToolId) -> Option<&Recommendation> {
        self.recommendations.iter().find(|r| r.tool == tool)
    }

    /// Sprawl clusters.
    pub fn sprawl(&self) -> &[SprawlCluster] {
        &self.sprawl
    }

    /// Licence waste per licensed tool, soonest renewal first.
    pub fn licence_waste(&self) -> &[LicenceWaste] {
        &self.waste
    }

    /// Tools missing security controls.
    pub fn security_gaps(&self) -> &[SecurityGap] {
        &self.security
    }

    /// Async-first teams and their sync-heavy tools.
    pub fn async_first(&self) -> &[AsyncFirstCallout] {
        &self.async_first
    }

    /// The annual cost of every licence (`None` without licences).
    pub fn total_annual_cost(&self) -> Option<Money> {
        self.total_annual_cost
    }

    /// The annual cost of unused seats (`None` without licences).
    pub fn total_annual_waste(&self) -> Option<Money> {
        self.total_annual_waste
    }

    fn name(&self, id: ToolId) -> &str {
        self.names
            .iter()
            .find(|(t, _)| *t == id)
            .map_or("unknown tool", |(_, n)| n.as_str())
    }

    fn publishable(&self, n: u64) -> Option<u64> {
        self.config.guard.allows(n).then_some(n)
    }
}

fn sprawl(
    inventory: &Inventory,
    prepared: &Prepared,
    config: &AuditConfig,
) -> Result<Vec<SprawlCluster>, CollabError> {
    let tools = inventory.tools();
    let mut out = Vec::new();
    for category in Category::ALL {
        if category == Category::Other {
            continue;
        }
        let members: Vec<usize> = (0..tools.len())
            .filter(|&i| tools.get(i).is_some_and(|t| t.category() == category))
            .collect();
        if members.len() < 2 {
            continue;
        }
        // Union-find over capability-overlap links.
        let mut parent: Vec<usize> = (0..members.len()).collect();
        fn find(parent: &mut [usize], mut x: usize) -> usize {
            while let Some(&p) = parent.get(x) {
                if p == x {
                    break;
                }
                let gp = parent.get(p).copied().unwrap_or(p);
                if let Some(slot) = parent.get_mut(x) {
                    *slot = gp;
                }
                x = p;
            }
            x
        }
        let mut min_link: HashMap<usize, f64> = HashMap::new();
        let mut links = Vec::new();
        for a in 0..members.len() {
            for b in a + 1..members.len() {
                let (Some(ta), Some(tb)) = (
                    members.get(a).and_then(|&i| tools.get(i)),
                    members.get(b).and_then(|&i| tools.get(i)),
                ) else {
                    continue;
                };
                let j = ta.enabled().jaccard(tb.enabled());
                if j >= config.sprawl_capability_overlap {
                    links.push((a, b, j));
                    let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                    if ra != rb
                        && let Some(slot) = parent.get_mut(ra)
                    {
                        *slot = rb;
                    }
                }
            }
        }
        for (a, _, j) in &links {
            let root = find(&mut parent, *a);
            let e = min_link.entry(root).or_insert(1.0);
            *e = e.min(*j);
        }
        let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
        for local in 0..members.len() {
            let root = find(&mut parent, local);
            if let Some(&global) = members.get(local) {
                groups.entry(root).or_default().push(global);
            }
        }
        let mut roots: Vec<usize> = groups.keys().copied().collect();
        roots.sort_by_key(|r| groups.get(r).and_then(|g| g.first().copied()));
        for root in roots {
            let Some(group) = groups.get(&root) else {
                continue;
            };
            if group.len() < 2 {
                continue;
            }
            let overlap_users = users_in_two_or_more(tools, prepared, group);
            if overlap_users == 0 {
                continue;
            }
            let target = *group
                .iter()
                .max_by_key(|&&i| {
                    (
                        prepared.scores.get(i).map_or(0, AsyncScore::score),
                        prepared.active.get(i).copied().unwrap_or(0),
                        std::cmp::Reverse(i),
                    )
                })
                .unwrap_or(&root);
            let candidates: Vec<usize> = group.iter().copied().filter(|&i| i != target).collect();
            let savings = savings(inventory, prepared, target, &candidates)?;
            out.push(SprawlCluster {
                category,
                tools: group
                    .iter()
                    .filter_map(|&i| tools.get(i).map(Tool::id))
                    .collect(),
                capability_overlap: min_link.get(&root).copied().unwrap_or(1.0),
                users_in_two_or_more: overlap_users,
                target: tools
                    .get(target)
                    .map_or_else(|| ToolId::from_external(""), Tool::id),
                candidates: candidates
                    .iter()
                    .filter_map(|&i| tools.get(i).map(Tool::id))
                    .collect(),
                annual_savings: savings,
            });
        }
    }
    Ok(out)
}

/// The users active in two or more of the tools at `group`: counted in a map over every
/// tool but the one with the most active users, which is then streamed against it.
fn users_in_two_or_more(tools: &[Tool], prepared: &Prepared, group: &[usize]) -> u64 {
    let active = |i: usize| prepared.active.get(i).copied().unwrap_or(0);
    let Some(&largest) = group
        .iter()
        .max_by_key(|&&i| (active(i), std::cmp::Reverse(i)))
    else {
        return 0;
    };
    let others = group.iter().copied().filter(|&i| i != largest);
    let mut counts: FastHashMap<EmployeeId, u8> =
        fast_hash::map_with_capacity(others.clone().map(active).sum());
    for i in others {
        for u in prepared.active_users(tools, i) {
            let c = counts.entry(u).or_insert(0);
            *c = c.saturating_add(1);
        }
    }
    let mut n = counts.values().filter(|&&c| c >= 2).count() as u64;
    if !counts.is_empty() {
        n += prepared
            .active_users(tools, largest)
            .filter(|u| counts.get(u) == Some(&1))
            .count() as u64;
    }
    n
}

fn savings(
    inventory: &Inventory,
    prepared: &Prepared,
    target: usize,
    candidates: &[usize],
) -> Result<Option<Money>, CollabError> {
    let Some(currency) = inventory.currency() else {
        return Ok(None);
    };
    let tools = inventory.tools();
    let mut retired = Money::zero(currency);
    for t in candidates.iter().filter_map(|&c| tools.get(c)) {
        if let Some(l) = t.licence() {
            retired = retired
                .checked_add(&l.annual_cost().map_err(in_tool(t))?)
                .map_err(money_err("sprawl savings"))?;
        }
    }
    let Some(t) = tools.get(target) else {
        return Ok(Some(retired));
    };
    // Movers: the candidates' active users without a seat on the target.
    let mut movers: FastHashSet<EmployeeId> = fast_hash::set_with_capacity(
        candidates
            .iter()
            .map(|&c| prepared.active.get(c).copied().unwrap_or(0))
            .sum(),
    );
    for &c in candidates {
        movers.extend(prepared.active_users(tools, c));
    }
    if !movers.is_empty() {
        for s in t.seats() {
            movers.remove(&s.user());
        }
    }
    let movers = movers.len() as u64;
    let extra = match t.licence() {
        None => Money::zero(currency),
        Some(l) => {
            let free = u64::from(l.seats()).saturating_sub(t.seats().len() as u64);
            let needed = movers.saturating_sub(free);
            l.annual_seat_price()
                .and_then(|price| {
                    price
                        .checked_mul(Decimal::from(needed))
                        .map_err(money_err("sprawl extra seats"))
                })
                .map_err(in_tool(t))?
        }
    };
    retired
        .checked_sub(&extra)
        .map(Some)
        .map_err(money_err("sprawl savings"))
}

/// `error` with `tool` named (by the caller's name and its id) in the context of a money
/// error: an overflow in one tool's licence arithmetic says which tool.
fn in_tool(tool: &Tool) -> impl Fn(CollabError) -> CollabError + '_ {
    move |error| match error {
        CollabError::Money { context, source } => CollabError::Money {
            context: format!("tool {:?} ({}): {context}", tool.name(), tool.id()),
            source,
        },
        other => other,
    }
}

fn waste(inventory: &Inventory, prepared: &Prepared) -> Result<Vec<LicenceWaste>, CollabError> {
    let mut out = Vec::new();
    for (t, &active) in inventory.tools().iter().zip(&prepared.active) {
        let Some(l) = t.licence() else { continue };
        let assigned = t.seats().len() as u32;
        let inactive = assigned.saturating_sub(active as u32);
        let unassigned = l.seats().saturating_sub(assigned);
        let seat = l.annual_seat_price().map_err(in_tool(t))?;
        let annual_waste = seat
            .checked_mul(Decimal::from(inactive + unassigned))
            .map_err(money_err("licence waste"))
            .map_err(in_tool(t))?;
        out.push(LicenceWaste {
            tool: t.id(),
            renewal: l.renewal(),
            seats: l.seats(),
            inactive_seats: inactive,
            unassigned_seats: unassigned,
            annual_cost: l.annual_cost().map_err(in_tool(t))?,
            annual_waste,
        });
    }
    out.sort_by_key(|w| w.renewal);
    Ok(out)
}

fn recommend<R: Rubric + ?Sized>(
    tool: &Tool,
    index: usize,
    inventory: &Inventory,
    prepared: &Prepared,
    sprawl: &[SprawlCluster],
    rubric: &R,
    config: &AuditConfig,
) -> Recommendation {
    let s = prepared.scores.get(index).map_or(0, AsyncScore::score);
    let active = prepared.active.get(index).copied().unwrap_or(0);
    let mut reasons = vec![format!("async-suitability score {s}/100")];
    // Settings: capabilities on the plan but switched off that raise the score or are
    // security controls.
    let mut settings = Vec::new();
    let off = tool
        .available()
        .iter()
        .filter(|c| !tool.enabled().contains(*c));
    for cap in off {
        let security = Capability::SECURITY_CONTROLS.contains(&cap);
        let raises = Tool::builder(tool.id(), tool.name(), tool.category())
            .sync_level(tool.sync_level())
            .enable(tool.enabled().iter())
            .enable([cap])
            .build()
            .is_ok_and(|t| score(rubric, &t).score() > s);
        if security || raises {
            settings.push(Setting::Enable(cap));
        }
    }
    if tool.category() == Category::Chat
        && tool
            .chat_retention_days()
            .is_none_or(|d| d > config.chat_retention_max_days)
    {
        settings.push(Setting::ChatRetentionDays(config.chat_retention_max_days));
    }
    let better = |min: u8| {
        inventory
            .tools()
            .iter()
            .zip(&prepared.scores)
            .filter(|(t, sc)| {
                t.id() != tool.id() && t.category() == tool.category() && sc.score() > min
            })
            .max_by_key(|(_, sc)| sc.score())
            .map(|(t, _)| t.id())
    };
    let in_sprawl = sprawl.iter().find(|c| c.candidates.contains(&tool.id()));
    let (action, replacement) = if !tool.seats().is_empty() && active == 0 {
        reasons.push(format!(
            "no seat holder was active in the last {} days",
            config.inactive_after_days
        ));
        (Action::Deprecate, better(s))
    } else if let Some(cluster) = in_sprawl {
        reasons.push(format!(
            "overlaps other {} tools; {} users are active in two or more",
            cluster.category, cluster.users_in_two_or_more
        ));
        (Action::Deprecate, Some(cluster.target))
    } else if s < config.replace_below {
        for c in prepared
            .scores
            .get(index)
            .map(AsyncScore::shortfalls)
            .unwrap_or_default()
            .into_iter()
            .take(3)
        {
            reasons.push(format!(
                "misses {:.0} of {:.0} points on {}",
                c.max_points() - c.points(),
                c.max_points(),
                c.criterion()
            ));
        }
        (Action::Replace, better(s))
    } else if !settings.is_empty() {
        reasons.push(format!("{} settings to change", settings.len()));
        (Action::Reconfigure, None)
    } else {
        (Action::Keep, None)
    };
    Recommendation {
        tool: tool.id(),
        action,
        settings,
        replacement,
        reasons,
    }
}

fn async_first(
    inventory: &Inventory,
    prepared: &Prepared,
    teams: &[Team],
    overlaps: &[TeamOverlap],
) -> Result<Vec<AsyncFirstCallout>, CollabError> {
    let by_id: HashMap<TeamId, &Team> = teams.iter().map(|t| (t.id(), t)).collect();
    let mut flagged: Vec<(&TeamOverlap, &Team)> = Vec::new();
    for o in overlaps.iter().filter(|o| o.async_first()) {
        let Some(team) = by_id.get(&o.team()) else {
            return Err(CollabError::InvalidConfig {
                record: "tools audit",
                field: "overlaps",
                reason: format!("overlap for team {} has no matching team", o.team()),
            });
        };
        flagged.push((o, team));
    }
    // Only members of flagged teams matter: list their sync-heavy tools.
    let mut of_interest: FastHashMap<EmployeeId, Vec<u32>> =
        fast_hash::map_with_capacity(flagged.iter().map(|(_, team)| team.members().len()).sum());
    for (_, team) in &flagged {
        for m in team.members() {
            of_interest.entry(m.id()).or_default();
        }
    }
    let tools = inventory.tools();
    if !of_interest.is_empty() {
        for (k, t) in tools.iter().enumerate() {
            if !t.sync_level().is_sync_heavy() {
                continue;
            }
            for u in prepared.active_users(tools, k) {
                if let Some(list) = of_interest.get_mut(&u) {
                    list.push(k as u32);
                }
            }
        }
    }
    let mut out = Vec::with_capacity(flagged.len());
    for (o, team) in flagged {
        let mut tools: Vec<u32> = team
            .members()
            .iter()
            .filter_map(|m| of_interest.get(&m.id()))
            .flatten()
            .copied()
            .collect();
        tools.sort_unstable();
        tools.dedup();
        out.push(AsyncFirstCallout {
            team: o.team(),
            typical_minutes: o.typical_minutes(),
            threshold_minutes: o.async_first_below_minutes(),
            sync_heavy_tools: tools
                .iter()
                .filter_map(|&k| inventory.tools().get(k as usize).map(Tool::id))
                .collect(),
        });
    }
    Ok(out)
}

/// A zone's UTC offset at noon UTC on `date`, in hours.
fn offset_hours(zone: Tz, date: NaiveDate) -> f64 {
    let noon = date.and_hms_opt(12, 0, 0).unwrap_or_default();
    f64::from(zone.offset_from_utc_datetime(&noon).fix().local_minus_utc()) / 3600.0
}

/// The distance between two offsets on the 24-hour clock, in hours (0 to 12).
fn clock_distance(a: f64, b: f64) -> f64 {
    let d = (a - b).rem_euclid(24.0);
    d.min(24.0 - d)
}

/// Members at least `hours` from their team's time-zone centre, sorted and deduplicated.
///
/// Offsets are taken on the 24-hour clock (so Los Angeles and Auckland are 3 hours apart,
/// not 21), each member's zone at noon UTC on `as_of`. The centre is the circular mean of
/// the members' offsets; a team spread so evenly around the clock that it has none (the
/// mean vector vanishes, e.g. two members exactly 12 hours apart) counts all its members
/// as far.
fn far_from_centre(teams: &[Team], as_of: NaiveDate, hours: f64) -> Vec<EmployeeId> {
    // (offset, cos, sin) per zone, computed once.
    let mut zones: FastHashMap<Tz, (f64, f64, f64)> = FastHashMap::default();
    let mut offsets: Vec<f64> = Vec::new();
    let mut out = Vec::new();
    for team in teams {
        offsets.clear();
        let (mut x, mut y) = (0.0, 0.0);
        for m in team.members() {
            let &mut (off, c, s) = zones.entry(m.zone()).or_insert_with(|| {
                let off = offset_hours(m.zone(), as_of);
                let angle = off / 24.0 * std::f64::consts::TAU;
                (off, angle.cos(), angle.sin())
            });
            offsets.push(off);
            x += c;
            y += s;
        }
        let n = offsets.len() as f64;
        let centre = (x.hypot(y) / n > 1e-9).then(|| y.atan2(x) / std::f64::consts::TAU * 24.0);
        for (m, &off) in team.members().iter().zip(&offsets) {
            // A millisecond of slack so that exactly `hours` away counts after rounding.
            if centre.is_none_or(|c| clock_distance(off, c) + 1e-9 >= hours) {
                out.push(m.id());
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// `hours` for a label: "4", "4.5".
fn hours_label(hours: f64) -> String {
    if hours.fract() == 0.0 {
        format!("{hours:.0}")
    } else {
        format!("{hours}")
    }
}

/// A finding code from one of this module's literals, which all satisfy the code rules
/// (upper-case letters and '-'), so this cannot fail.
fn code(s: &'static str) -> FindingCode {
    FindingCode::new(s).expect("literal finding codes are valid")
}

impl ToolAudit {
    fn build_findings(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        let mut push = |f: Result<Finding, remit_core::AuditError>| {
            if let Ok(f) = f {
                out.push(f);
            }
        };
        for c in &self.sprawl {
            let names: Vec<&str> = c.tools.iter().map(|t| self.name(*t)).collect();
            let savings = c
                .annual_savings
                .map_or_else(|| "no licence cost".to_owned(), |m| format!("{m} a year"));
            let mut b = Finding::builder(
                Domain::CollabTools,
                code("TOOLS-SPRAWL"),
                Severity::Medium,
                format!("{} overlapping {} tools", c.tools.len(), c.category),
            )
            .cohort(Cohort::all().with("category", c.category))
            .detail(format!(
                "{} share at least {:.0}% of their capabilities; {} users are active in two or more. Consolidating saves {savings}.",
                names.join(", "),
                c.capability_overlap * 100.0,
                c.users_in_two_or_more
            ))
            .recommendation(format!(
                "Consolidate into {} and retire {}.",
                self.name(c.target),
                c.candidates.iter().map(|t| self.name(*t)).collect::<Vec<_>>().join(", ")
            ));
            if let Some(n) = self.publishable(c.users_in_two_or_more) {
                b = b.affected(n);
            }
            if let Ok(m) = Metric::new("users active in 2+ tools", c.users_in_two_or_more as f64) {
                b = b.metric(m.with_threshold(1.0).with_unit("users"));
            }
            push(b.build());
        }
        for w in &self.waste {
            if w.annual_waste.is_zero() {
                continue;
            }
            let soon =
                (w.renewal - self.as_of).num_days() <= i64::from(self.config.renewal_review_days);
            let share = if w.annual_cost.is_zero() {
                0.0
            } else {
                (w.annual_waste.amount() / w.annual_cost.amount())
                    .try_into()
                    .unwrap_or(0.0)
            };
            let b = Finding::builder(
                Domain::CollabTools,
                code("TOOLS-LICENCE-WASTE"),
                if soon {
                    Severity::Medium
                } else {
                    Severity::Low
                },
                format!(
                    "{}: {} a year on unused seats",
                    self.name(w.tool),
                    w.annual_waste
                ),
            )
            .detail(format!(
                "{} of {} seats inactive for {}+ days and {} unassigned; renews {}.",
                w.inactive_seats,
                w.seats,
                self.config.inactive_after_days,
                w.unassigned_seats,
                w.renewal
            ))
            .recommendation(format!(
                "Reclaim or drop {} seats before the {} renewal.",
                w.inactive_seats + w.unassigned_seats,
                w.renewal
            ));
            let b = match Metric::new("wasted share of licence cost", share) {
                Ok(m) => b.metric(m.with_unit("share")),
                Err(_) => b,
            };
            push(b.build());
        }
        let controls = [
            (Capability::Sso, "TOOLS-NO-SSO", Severity::High),
            (Capability::EnforcedMfa, "TOOLS-NO-MFA", Severity::High),
            (Capability::Scim, "TOOLS-NO-SCIM", Severity::Medium),
            (Capability::AuditLog, "TOOLS-NO-AUDIT-LOG", Severity::Medium),
        ];
        for g in &self.security {
            for (cap, c, sev) in controls {
                if !g.missing.contains(cap) {
                    continue;
                }
                let mut b = Finding::builder(
                    Domain::CollabTools,
                    code(c),
                    sev,
                    format!("{} has no {}", self.name(g.tool), cap),
                )
                .detail(format!(
                    "{} active users; without {cap} the tool sits outside identity and access control (shadow-IT risk).",
                    g.active_users
                ))
                .recommendation(format!(
                    "Enable {cap} or move its users to a tool that has it."
                ));
                if let Some(n) = self.publishable(g.active_users) {
                    b = b.affected(n);
                }
                push(b.build());
            }
        }
        for a in &self.async_first {
            let tools: Vec<&str> = a.sync_heavy_tools.iter().map(|t| self.name(*t)).collect();
            let b = Finding::builder(
                Domain::CollabTools,
                code("TOOLS-ASYNC-FIRST"),
                Severity::Medium,
                format!("team shares {} min a day: work async-first", a.typical_minutes),
            )
            .cohort(Cohort::all().with("team", a.team))
            .detail(if tools.is_empty() {
                "The team's typical overlap is under the threshold.".to_owned()
            } else {
                format!(
                    "The team's typical overlap is under the threshold, yet it relies on sync-heavy tools: {}.",
                    tools.join(", ")
                )
            })
            .recommendation(
                "Default to written, recorded communication; keep live meetings for decisions, debates and discussions, and rotate their time.",
            );
            let b = match Metric::new("typical daily overlap", f64::from(a.typical_minutes)) {
                Ok(m) => b.metric(
                    m.with_threshold(f64::from(a.threshold_minutes))
                        .with_unit("minutes"),
                ),
                Err(_) => b,
            };
            push(b.build());
        }
        for r in &self.recommendations {
            let (c, sev, verb) = match r.action {
                Action::Keep => continue,
                Action::Reconfigure => ("TOOLS-RECONFIGURE", Severity::Low, "Reconfigure"),
                Action::Replace => ("TOOLS-REPLACE", Severity::Medium, "Replace"),
                Action::Deprecate => ("TOOLS-DEPRECATE", Severity::Low, "Deprecate"),
            };
            let mut rec = format!("{verb} {}", self.name(r.tool));
            if let Some(to) = r.replacement {
                rec.push_str(&format!(" in favour of {}", self.name(to)));
            }
            if !r.settings.is_empty() {
                let s: Vec<String> = r
                    .settings
                    .iter()
                    .map(|s| match s {
                        Setting::Enable(c) => format!("enable {c}"),
                        Setting::ChatRetentionDays(d) => format!("expire messages after {d} days"),
                    })
                    .collect();
                rec.push_str(&format!(" ({})", s.join("; ")));
            }
            rec.push('.');
            push(
                Finding::builder(
                    Domain::CollabTools,
                    code(c),
                    sev,
                    format!("{}: {}", self.name(r.tool), verb.to_lowercase()),
                )
                .detail(r.reasons.join("; "))
                .recommendation(rec)
                .build(),
            );
        }
        out.sort_by_key(|f| std::cmp::Reverse(f.severity()));
        out
    }
}

impl Audit for ToolAudit {
    fn domain(&self) -> Domain {
        Domain::CollabTools
    }

    fn coverage(&self) -> &remit_core::Coverage {
        &self.coverage
    }

    fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// One group, `"collab.far-from-team-centre"`: staff at least
    /// [`AuditConfig::far_from_centre_hours`] (default 3) from the time-zone centre of a
    /// team they belong to, on the 24-hour clock (the centre is the circular mean of the
    /// members' UTC offsets on the audit date). Time zones are not sensitive, so member
    /// ids may cross to other domains. None when the audit was given no teams.
    fn groups(&self) -> Vec<EmployeeGroup> {
        if !self.teams_seen {
            return Vec::new();
        }
        vec![EmployeeGroup::new(
            FAR_FROM_CENTRE_KEY,
            format!(
                "staff {}+ hours from their team's time-zone centre",
                hours_label(self.config.far_from_centre_hours)
            ),
            self.far_from_centre.clone(),
        )]
    }

    /// One bar chart, `"collab.tool-scores"`: each tool's async-suitability score in
    /// inventory order, with the replace threshold as a reference line. With more than
    /// [`MAX_CHART_TOOLS`] tools it shows the lowest-scoring ones (ties in inventory
    /// order), lowest first, and its title says how many of how many. Scores describe
    /// tools, not people, so nothing needs guarding. None for an empty inventory.
    fn charts(&self) -> &[Chart] {
        &self.charts
    }
}

impl ToolAudit {
    fn build_charts(&self) -> Vec<Chart> {
        let n = self.scores.len();
        if n == 0 {
            return Vec::new();
        }
        let mut shown: Vec<usize> = (0..n).collect();
        let title = if n <= MAX_CHART_TOOLS {
            "Async-suitability score by tool".to_owned()
        } else {
            shown.sort_by_key(|&i| (self.scores.get(i).map_or(0, AsyncScore::score), i));
            shown.truncate(MAX_CHART_TOOLS);
            format!("Async-suitability score: the {MAX_CHART_TOOLS} lowest of {n} tools")
        };
        let points = shown
            .iter()
            .filter_map(|&i| {
                let name = self.names.get(i).map(|(_, name)| name.as_str())?;
                let score = self.scores.get(i)?.score();
                let point = Point::category(name, f64::from(score));
                // A tool the audit recommends replacing is drawn as alarming.
                Some(if score < self.config.replace_below {
                    point.with_tone(Tone::Alarming)
                } else {
                    point
                })
            })
            .collect();
        vec![
            Chart::new(TOOL_SCORES_KEY, title, ChartKind::Bar)
                .with_axes("tool", "async-suitability score (0-100)")
                .with_series(Series::new("score", points))
                .with_reference_line("replace below", f64::from(self.config.replace_below)),
        ]
    }
}

/// The key of the group [`ToolAudit`] offers through [`Audit::groups`].
pub const FAR_FROM_CENTRE_KEY: &str = "collab.far-from-team-centre";

/// The key of the chart [`ToolAudit`] offers through [`Audit::charts`].
pub const TOOL_SCORES_KEY: &str = "collab.tool-scores";

impl ToolAudit {
    /// Active users per tool, in inventory order.
    pub fn active_users(&self) -> &[u64] {
        &self.active_users
    }
}
