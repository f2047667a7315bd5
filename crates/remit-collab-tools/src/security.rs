//! Security posture: tools without single sign-on, SCIM provisioning, enforced MFA or an
//! audit log sit outside identity and access control ([`SecurityGap`]).

use remit_core::ToolId;
use remit_core::disclosure::Disclosed;

use crate::inventory::{Capability, CapabilitySet, Tool};
use crate::usage::ToolUsage;

/// A tool missing one or more of the four security controls.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SecurityGap {
    tool: ToolId,
    missing: CapabilitySet,
    active_users: Disclosed<u64>,
}

impl SecurityGap {
    /// The tool missing the controls.
    pub fn tool(&self) -> ToolId {
        self.tool
    }

    /// The missing controls among SSO, SCIM, enforced MFA and audit log (never empty).
    pub fn missing(&self) -> CapabilitySet {
        self.missing
    }

    /// The tool's active users, the people exposed, as released with its seat
    /// holders' figures.
    pub fn active_users(&self) -> Disclosed<u64> {
        self.active_users
    }
}

/// The tools missing a security control, in inventory order.
pub(crate) fn security_gaps(tools: &[Tool], usage: &[ToolUsage]) -> Vec<SecurityGap> {
    tools
        .iter()
        .zip(usage)
        .filter_map(|(t, u)| {
            let missing = CapabilitySet::new(
                Capability::SECURITY_CONTROLS
                    .into_iter()
                    .filter(|c| !t.enabled().contains(*c)),
            );
            (!missing.is_empty()).then(|| SecurityGap {
                tool: t.id(),
                missing,
                active_users: u.active_users(),
            })
        })
        .collect()
}
