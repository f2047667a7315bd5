//! [`ToolReview`]: everything the audit concluded about one tool.

use remit_core::ToolId;

use crate::inventory::{Category, SyncLevel};
use crate::recommend::Recommendation;
use crate::rubric::AsyncScore;
use crate::usage::ToolUsage;

/// One tool as the audit saw it: its name, its async-suitability score, who uses it (as
/// released by the disclosure engine) and what to do with it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ToolReview {
    tool: ToolId,
    name: String,
    category: Category,
    sync_level: SyncLevel,
    score: AsyncScore,
    usage: ToolUsage,
    recommendation: Recommendation,
}

impl ToolReview {
    pub(crate) fn new(
        name: String,
        category: Category,
        sync_level: SyncLevel,
        score: AsyncScore,
        usage: ToolUsage,
        recommendation: Recommendation,
    ) -> Self {
        Self {
            tool: recommendation.tool(),
            name,
            category,
            sync_level,
            score,
            usage,
            recommendation,
        }
    }

    /// The reviewed tool's id.
    pub fn tool(&self) -> ToolId {
        self.tool
    }

    /// The tool's name as the caller gave it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The tool's category (chat, video, docs...), which decides what it can be replaced
    /// with.
    pub fn category(&self) -> Category {
        self.category
    }

    /// How synchronous its core use is.
    pub fn sync_level(&self) -> SyncLevel {
        self.sync_level
    }

    /// Its async-suitability score (0–100) with each criterion's contribution.
    pub fn score(&self) -> &AsyncScore {
        &self.score
    }

    /// Its seat holders and active users, as released.
    pub fn usage(&self) -> ToolUsage {
        self.usage
    }

    /// What to do with it.
    pub fn recommendation(&self) -> &Recommendation {
        &self.recommendation
    }
}
