//! The stable finding codes of the tools report, checked at compile time. Codes are
//! part of the public API: they do not change between releases.

use remit_core::FindingCode;

/// Tools of one category overlap in capabilities and are used side by side (medium).
pub const SPRAWL: FindingCode = FindingCode::constant("TOOLS-SPRAWL");
/// Seats paid for and inactive or unassigned (medium when a listed licence renews
/// within the review window, low otherwise).
pub const LICENCE_WASTE: FindingCode = FindingCode::constant("TOOLS-LICENCE-WASTE");
/// Tools without single sign-on (high).
pub const NO_SSO: FindingCode = FindingCode::constant("TOOLS-NO-SSO");
/// Tools without enforced multi-factor authentication (high).
pub const NO_MFA: FindingCode = FindingCode::constant("TOOLS-NO-MFA");
/// Tools without SCIM provisioning (medium).
pub const NO_SCIM: FindingCode = FindingCode::constant("TOOLS-NO-SCIM");
/// Tools without an audit log (medium).
pub const NO_AUDIT_LOG: FindingCode = FindingCode::constant("TOOLS-NO-AUDIT-LOG");
/// Teams that share too little working time and should work async-first (medium).
pub const ASYNC_FIRST: FindingCode = FindingCode::constant("TOOLS-ASYNC-FIRST");
/// Tools to replace with ones better suited to asynchronous work (medium).
pub const REPLACE: FindingCode = FindingCode::constant("TOOLS-REPLACE");
/// The only tool of its category scores low: improve how it is set up and used (low).
pub const IMPROVE: FindingCode = FindingCode::constant("TOOLS-IMPROVE");
/// Tools to retire: unused, or duplicated by another tool of the category (low).
pub const DEPRECATE: FindingCode = FindingCode::constant("TOOLS-DEPRECATE");
/// Tools to keep with settings changed (low).
pub const RECONFIGURE: FindingCode = FindingCode::constant("TOOLS-RECONFIGURE");
