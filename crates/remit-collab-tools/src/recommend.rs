//! What to do with each tool ([`Recommendation`]): keep, reconfigure, improve, replace or
//! deprecate, with the settings to change and the reasons in words.
//!
//! First match wins:
//!
//! 1. **deprecate** when the tool has seats and its released active-user count is zero
//!    (the rule is applied only when the engine published that count), or when it is a
//!    sprawl candidate (the cluster's target is named as the replacement);
//! 2. when its async-suitability score is under [`Config::replace_below`]: **improve**
//!    if it is the only tool of its category in the inventory (the only calendar or the
//!    only video tool cannot simply be replaced: it is set up and used better instead;
//!    [`Category::Other`] is no category, so its tools are never "the only one"),
//!    **replace** otherwise, naming the best-scoring tool of the category when one
//!    scores higher;
//! 3. **reconfigure** when a capability available on the plan but switched off would
//!    raise the score or is a security control, or a chat tool keeps messages longer
//!    than [`Config::chat_retention_max_days`] (or for an unknown time);
//! 4. **keep**.
//!
//! [`Config::replace_below`]: crate::Config::replace_below
//! [`Config::chat_retention_max_days`]: crate::Config::chat_retention_max_days

use remit_core::ToolId;
use remit_core::disclosure::Disclosed;

use crate::config::Config;
use crate::inventory::{Capability, Category, Inventory, Tool};
use crate::rubric::{AsyncScore, Rubric, score};
use crate::sprawl::SprawlCluster;
use crate::usage::ToolUsage;

/// What to do with a tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Action {
    /// Keep as it is.
    Keep,
    /// Keep, with the listed settings changed.
    Reconfigure,
    /// Keep the only tool of its category, but set it up and use it in a more
    /// asynchronous way: its score is low, and there is nothing in the inventory to move
    /// to.
    Improve,
    /// Replace with a tool better suited to asynchronous work.
    Replace,
    /// Retire it: no seat holder used it within the inactivity window, or it overlaps other
    /// tools of its category and the cluster's chosen tool replaces it.
    Deprecate,
}

impl Action {
    /// The action as a verb in a sentence ("replace").
    pub const fn verb(self) -> &'static str {
        match self {
            Action::Keep => "keep",
            Action::Reconfigure => "reconfigure",
            Action::Improve => "improve",
            Action::Replace => "replace",
            Action::Deprecate => "deprecate",
        }
    }
}

/// A setting to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Setting {
    /// Switch on a capability the plan already offers.
    Enable(Capability),
    /// Expire chat messages after this many days.
    ChatRetentionDays(u32),
}

impl std::fmt::Display for Setting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Setting::Enable(c) => write!(f, "enable {c}"),
            Setting::ChatRetentionDays(d) => write!(f, "expire messages after {d} days"),
        }
    }
}

/// The recommendation for one tool, with its reasons.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Recommendation {
    tool: ToolId,
    action: Action,
    settings: Vec<Setting>,
    replacement: Option<ToolId>,
    reasons: Vec<String>,
}

impl Recommendation {
    /// The tool the recommendation is about.
    pub fn tool(&self) -> ToolId {
        self.tool
    }

    /// What to do with the tool: keep, reconfigure, improve, replace or deprecate it.
    pub fn action(&self) -> Action {
        self.action
    }

    /// The settings to change (for [`Action::Reconfigure`] and [`Action::Improve`]; also
    /// listed for other actions when they apply).
    pub fn settings(&self) -> &[Setting] {
        &self.settings
    }

    /// The tool to move to, when one exists in the inventory.
    pub fn replacement(&self) -> Option<ToolId> {
        self.replacement
    }

    /// Why, in words; every figure in them is a released one.
    pub fn reasons(&self) -> &[String] {
        &self.reasons
    }
}

/// What [`recommend`] reads besides the tool.
pub(crate) struct Context<'a> {
    pub(crate) inventory: &'a Inventory,
    pub(crate) scores: &'a [AsyncScore],
    pub(crate) usage: &'a [ToolUsage],
    pub(crate) sprawl: &'a [SprawlCluster],
    pub(crate) rubric: &'a dyn Rubric,
    pub(crate) config: &'a Config,
}

/// The recommendation for the tool at `index` of the inventory, by the rules of the
/// [module documentation](self).
pub(crate) fn recommend(tool: &Tool, index: usize, cx: &Context<'_>) -> Recommendation {
    let s = cx.scores.get(index).map_or(0, AsyncScore::score);
    let mut reasons = vec![format!("async-suitability score {s}/100")];
    let settings = settings(tool, s, cx);
    let tools = cx.inventory.tools();
    let better = |min: u8| {
        tools
            .iter()
            .zip(cx.scores)
            .filter(|(t, sc)| {
                t.id() != tool.id() && t.category() == tool.category() && sc.score() > min
            })
            .max_by_key(|(_, sc)| sc.score())
            .map(|(t, _)| t.id())
    };
    // `Other` gathers unrelated tools: being its only member says nothing.
    let only_of_its_category = tool.category() != Category::Other
        && tools
            .iter()
            .filter(|t| t.category() == tool.category())
            .count()
            == 1;
    let usage = cx.usage.get(index);
    let nobody_active = usage.is_some_and(|u| u.active_users() == Disclosed::Published(0));
    if !tool.seats().is_empty() && usage.is_some_and(|u| !u.is_published()) {
        reasons.push(
            "its seat holders' activity is withheld to protect a small group, so the unused-tool rule was not applied"
                .to_owned(),
        );
    }
    let in_sprawl = cx
        .sprawl
        .iter()
        .find(|c| c.candidates().contains(&tool.id()));
    let (action, replacement) = if !tool.seats().is_empty() && nobody_active {
        reasons.push(format!(
            "no seat holder was active in the last {} days",
            cx.config.inactive_after_days()
        ));
        (Action::Deprecate, better(s))
    } else if let Some(cluster) = in_sprawl {
        reasons.push(match cluster.users_in_two_or_more() {
            Disclosed::Published(n) => format!(
                "overlaps other {} tools; {n} {} active in two or more",
                cluster.category(),
                if n == 1 { "person is" } else { "people are" }
            ),
            Disclosed::Suppressed(_) => format!("overlaps other {} tools", cluster.category()),
        });
        (Action::Deprecate, Some(cluster.target()))
    } else if s < cx.config.replace_below() {
        for c in cx
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
        if only_of_its_category {
            reasons.push(format!(
                "the only {} tool in the inventory: set it up and use it for asynchronous work rather than replace it",
                tool.category()
            ));
            (Action::Improve, None)
        } else {
            (Action::Replace, better(s))
        }
    } else if !settings.is_empty() {
        reasons.push(format!(
            "{} {} to change",
            settings.len(),
            if settings.len() == 1 {
                "setting"
            } else {
                "settings"
            }
        ));
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

/// Capabilities on the plan but switched off that raise the score or are security
/// controls, then chat retention.
fn settings(tool: &Tool, s: u8, cx: &Context<'_>) -> Vec<Setting> {
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
            .is_ok_and(|t| score(cx.rubric, &t).score() > s);
        if security || raises {
            settings.push(Setting::Enable(cap));
        }
    }
    let max = cx.config.chat_retention_max_days();
    if tool.category() == Category::Chat && tool.chat_retention_days().is_none_or(|d| d > max) {
        settings.push(Setting::ChatRetentionDays(max));
    }
    settings
}
