//! How findings are arranged on a scorecard: by domain, with repeated findings of one
//! kind (one code in one domain) shown as one entry with a row per case.

use remit_core::{Domain, Finding, FindingCode, Severity};

use crate::scorecard::{DomainSummary, Scorecard};

/// One place on the page: a finding, or several findings of one kind (one code in one
/// domain) shown together.
#[derive(Debug, Clone)]
pub(crate) struct Entry<'a> {
    /// The first finding of the kind in scorecard order (the most severe, then the most
    /// people).
    lead: &'a Finding,
    /// The other findings of the kind, in scorecard order.
    rest: Vec<&'a Finding>,
}

impl<'a> Entry<'a> {
    /// The first finding of the entry.
    pub(crate) fn lead(&self) -> &'a Finding {
        self.lead
    }

    /// Whether the entry holds several findings.
    pub(crate) fn is_group(&self) -> bool {
        !self.rest.is_empty()
    }

    /// How many findings the entry holds.
    pub(crate) fn len(&self) -> usize {
        1 + self.rest.len()
    }

    /// The findings of the entry, in order.
    pub(crate) fn findings(&self) -> impl Iterator<Item = &'a Finding> + '_ {
        std::iter::once(self.lead).chain(self.rest.iter().copied())
    }

    /// The most severe finding's severity.
    pub(crate) fn severity(&self) -> Severity {
        self.lead.severity()
    }

    /// The code every finding of the entry shares.
    pub(crate) fn code(&self) -> &'a FindingCode {
        self.lead.code()
    }

    /// The title for a list of findings: a group's first title and how many more like
    /// it there are.
    pub(crate) fn headline(&self) -> String {
        if self.is_group() {
            format!(
                "{}, and {} more like it",
                self.lead.title(),
                self.rest.len()
            )
        } else {
            self.lead.title().to_owned()
        }
    }

    /// The recommendation every finding of the entry shares, if they share one.
    pub(crate) fn shared_recommendation(&self) -> Option<&'a str> {
        let first = self.lead.recommendation();
        self.rest
            .iter()
            .all(|f| f.recommendation() == first)
            .then_some(first)
    }

    /// Whether every finding of the entry has the same severity.
    pub(crate) fn one_severity(&self) -> bool {
        self.rest
            .iter()
            .all(|f| f.severity() == self.lead.severity())
    }
}

/// The findings in scorecard order, grouped by (domain, code) at the place of the
/// group's first finding.
fn group<'a>(findings: impl Iterator<Item = &'a Finding>) -> Vec<Entry<'a>> {
    let mut entries: Vec<Entry<'a>> = Vec::new();
    for f in findings {
        match entries
            .iter_mut()
            .find(|e| e.lead.domain() == f.domain() && e.lead.code() == f.code())
        {
            Some(entry) => entry.rest.push(f),
            None => entries.push(Entry {
                lead: f,
                rest: Vec::new(),
            }),
        }
    }
    entries
}

/// Each domain's line with its entries, in the scorecard's domain order.
pub(crate) fn by_domain(scorecard: &Scorecard) -> Vec<(&DomainSummary, Vec<Entry<'_>>)> {
    scorecard
        .domains()
        .iter()
        .map(|d| {
            let entries = group(
                scorecard
                    .findings()
                    .iter()
                    .filter(|f| f.domain() == d.domain()),
            );
            (d, entries)
        })
        .collect()
}

/// The most pressing entries across the scorecard (at most `limit`), for the summary:
/// entries whose worst finding needs action (low or above), most severe first.
pub(crate) fn top(scorecard: &Scorecard, limit: usize) -> Vec<Entry<'_>> {
    group(scorecard.findings().iter())
        .into_iter()
        .filter(|e| e.severity() > Severity::Info)
        .take(limit)
        .collect()
}

/// The number of the entry within its domain's list, for anchors ("finding-assets-2").
pub(crate) fn anchor(domain: Domain, index: usize) -> String {
    format!(
        "finding-{}-{}",
        super::format::slug(domain.label()),
        index + 1
    )
}

/// Where an entry from [`top`] sits within its domain's list, for a link to it.
pub(crate) fn position_in_domain(scorecard: &Scorecard, entry: &Entry<'_>) -> Option<usize> {
    let lead = entry.lead();
    by_domain(scorecard)
        .into_iter()
        .find(|(d, _)| d.domain() == lead.domain())
        .and_then(|(_, entries)| entries.iter().position(|e| std::ptr::eq(e.lead(), lead)))
}

/// A column of the table that shows a group's findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GroupColumn {
    /// Each finding's severity (shown when they differ).
    Severity,
    /// Each finding's title, always shown: it names the finding.
    Finding,
    /// Each finding's cohort (shown when they differ; otherwise said once).
    Who,
    /// Each finding's head-count (shown when any was published).
    People,
    /// Each finding's metric (shown when any has one).
    Metric,
    /// Each finding's detail (shown when any has one).
    Evidence,
    /// Each finding's recommendation (shown when they differ; otherwise said once).
    Do,
}

impl GroupColumn {
    /// The column heading.
    pub(crate) fn heading(self) -> &'static str {
        match self {
            GroupColumn::Severity => "Severity",
            GroupColumn::Finding => "Finding",
            GroupColumn::Who => "Who",
            GroupColumn::People => "People",
            GroupColumn::Metric => "Metric",
            GroupColumn::Evidence => "Evidence",
            GroupColumn::Do => "Do",
        }
    }

    /// One finding's cell, as plain text.
    pub(crate) fn text(self, f: &Finding) -> String {
        match self {
            GroupColumn::Severity => super::format::severity(f.severity()),
            GroupColumn::Finding => f.title().to_owned(),
            GroupColumn::Who => f.cohort().to_string(),
            GroupColumn::People => f.affected().map(super::format::people).unwrap_or_default(),
            GroupColumn::Metric => f.metric().map(super::format::metric).unwrap_or_default(),
            GroupColumn::Evidence => f.detail().to_owned(),
            GroupColumn::Do => f.recommendation().to_owned(),
        }
    }
}

impl Entry<'_> {
    /// The columns that say something for this group: a column whose cells would all
    /// be empty is left out, and one whose cells would all be equal (one cohort, one
    /// recommendation) is said once beside the table instead.
    pub(crate) fn columns(&self) -> Vec<GroupColumn> {
        let any = |has: &dyn Fn(&Finding) -> bool| self.findings().any(has);
        let cohort = self.lead.cohort();
        [
            (GroupColumn::Severity, !self.one_severity()),
            (GroupColumn::Finding, true),
            (GroupColumn::Who, any(&|f| f.cohort() != cohort)),
            (GroupColumn::People, any(&|f| f.affected().is_some())),
            (GroupColumn::Metric, any(&|f| f.metric().is_some())),
            (GroupColumn::Evidence, any(&|f| !f.detail().is_empty())),
            (GroupColumn::Do, self.shared_recommendation().is_none()),
        ]
        .into_iter()
        .filter_map(|(column, shown)| shown.then_some(column))
        .collect()
    }
}
