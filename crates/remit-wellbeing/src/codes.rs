//! The finding codes of [`WellbeingReport`](crate::WellbeingReport), checked at compile
//! time.
//!
//! | code | severity | when |
//! |---|---|---|
//! | `WB-TZ-AFTER-HOURS` | high at 2× onsite or more, else medium | hybrid or remote staff of a UTC-offset band average more after-hours hours than the line and at least the burden ratio × onsite (one finding, a table when several bands) |
//! | `WB-TEAM-DISTANCE-AFTER-HOURS` | as above | the same for people 3 or more hours from their team's centre |
//! | `WB-COLLAB-OVERLOAD` | medium | a work mode or department averages more collaboration hours than the line |
//! | `WB-LOW-FOCUS` | medium | a work mode or department averages less focus time than the line |
//! | `WB-HIGH-RISK-SHARE` | high at twice the share or more, else medium | at least the configured share of a work mode or department is in the high band of the risk index |
//! | `WB-PRIVACY-SUPPRESSED` | info | some cohorts' figures were withheld by the disclosure engine |

use remit_core::FindingCode;

/// Hybrid or remote staff of a UTC-offset band carry an after-hours burden.
pub const TZ_AFTER_HOURS: FindingCode = FindingCode::constant("WB-TZ-AFTER-HOURS");
/// People far from their team's centre carry an after-hours burden.
pub const TEAM_DISTANCE_AFTER_HOURS: FindingCode =
    FindingCode::constant("WB-TEAM-DISTANCE-AFTER-HOURS");
/// A work mode or department averages more collaboration hours than the line.
pub const COLLAB_OVERLOAD: FindingCode = FindingCode::constant("WB-COLLAB-OVERLOAD");
/// A work mode or department averages less focus time than the line.
pub const LOW_FOCUS: FindingCode = FindingCode::constant("WB-LOW-FOCUS");
/// Too large a share of a work mode or department is in the high risk-index band.
pub const HIGH_RISK_SHARE: FindingCode = FindingCode::constant("WB-HIGH-RISK-SHARE");
/// Some cohorts' figures were withheld to protect small groups.
pub const PRIVACY_SUPPRESSED: FindingCode = FindingCode::constant("WB-PRIVACY-SUPPRESSED");
