//! [`Domain`]: which of the five questions a report, finding or population belongs to.

use core::fmt;

/// The five domains of remit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Domain {
    /// Equipment issued to remote staff (`remit-assets`).
    Assets,
    /// Benefit equity between work modes (`remit-benefits`).
    Benefits,
    /// Collaboration tools and time-zone overlap (`remit-collab-tools`).
    CollabTools,
    /// Proximity bias in promotions (`remit-promotion-bias`).
    PromotionBias,
    /// Wellbeing and burnout risk (`remit-wellbeing`).
    Wellbeing,
}

impl Domain {
    /// Every domain, in a fixed order.
    pub const ALL: [Domain; 5] = [
        Domain::Assets,
        Domain::Benefits,
        Domain::CollabTools,
        Domain::PromotionBias,
        Domain::Wellbeing,
    ];

    /// The domain's name for headings and prose (`"Equipment"`, `"Benefit equity"`).
    pub const fn label(self) -> &'static str {
        match self {
            Domain::Assets => "Equipment",
            Domain::Benefits => "Benefit equity",
            Domain::CollabTools => "Collaboration tools",
            Domain::PromotionBias => "Promotion equity",
            Domain::Wellbeing => "Wellbeing",
        }
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}
