//! Target (3): `serde_json::from_slice::<T>` for every public `Deserialize` type of
//! every library crate, and the invariants a deserialised value keeps.
//!
//! [`TYPES`] lists each type once with its check. Every check deserialises the bytes;
//! a value that deserialises must then
//!
//! - serialise (for types that implement `Serialize`), and its own JSON deserialise
//!   to an equal value (`PartialEq`, or the same JSON for types without it): what a
//!   crate writes, it reads back unchanged;
//! - for the types with a validating constructor, be a value that constructor accepts
//!   and rebuilds equal ("deserialisation validates exactly as the constructors do",
//!   `docs/ARCHITECTURE.md`), or keep the documented invariant named in its check.
//!
//! The fuzz target picks the type from the first byte (`TYPES[byte % len]`) and feeds
//! it the rest.

use std::any::type_name;
use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// One type under test.
pub struct Entry {
    /// The type's path (e.g. `remit_stats::EwmaParams`), naming the entry in reports.
    pub name: &'static str,
    /// Deserialises the bytes and checks the invariants.
    pub check: fn(&[u8]),
}

/// Deserialises; on success, serialises, reads its own JSON back and checks the two
/// values are equal. Returns the value for further checks.
pub fn round_trip<T>(data: &[u8]) -> Option<T>
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let value: T = serde_json::from_slice(data).ok()?;
    let json = serde_json::to_string(&value).unwrap_or_else(|e| {
        panic!(
            "{}: a deserialised value does not serialise: {e}\n{value:?}",
            type_name::<T>()
        )
    });
    let again: T = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("{}: its own JSON is refused: {e}\n{json}", type_name::<T>()));
    assert_eq!(
        value,
        again,
        "{}: a round trip through {json} changed the value",
        type_name::<T>()
    );
    Some(value)
}

/// As [`round_trip`] for types without `PartialEq`: the two serialisations must be
/// the same JSON.
pub fn round_trip_json<T>(data: &[u8]) -> Option<T>
where
    T: Serialize + DeserializeOwned,
{
    let value: T = serde_json::from_slice(data).ok()?;
    let json = serde_json::to_value(&value).unwrap_or_else(|e| {
        panic!(
            "{}: a deserialised value does not serialise: {e}",
            type_name::<T>()
        )
    });
    let again: T = serde_json::from_value(json.clone())
        .unwrap_or_else(|e| panic!("{}: its own JSON is refused: {e}\n{json}", type_name::<T>()));
    let json_again = serde_json::to_value(&again).unwrap_or_else(|e| {
        panic!(
            "{}: a re-read value does not serialise: {e}",
            type_name::<T>()
        )
    });
    assert_eq!(
        json,
        json_again,
        "{}: a round trip changed the JSON",
        type_name::<T>()
    );
    Some(value)
}

/// Deserialises only (types that do not implement `Serialize`).
pub fn read<T: DeserializeOwned>(data: &[u8]) -> Option<T> {
    serde_json::from_slice(data).ok()
}

macro_rules! entries {
    ($($check:ident $t:ty),* $(,)?) => {
        &[$(Entry { name: stringify!($t), check: |d| { let _ = $check::<$t>(d); } }),*]
    };
}

macro_rules! validated {
    ($t:ty, $check:expr) => {
        Entry {
            name: stringify!($t),
            check: |d| {
                if let Some(v) = $crate::json::round_trip::<$t>(d) {
                    let check: fn(&$t) = $check;
                    check(&v);
                }
            },
        }
    };
}

/// Every public `Deserialize` type, with the invariants of each. Types with a
/// constructor check come first ([`VALIDATED`]), then the rest ([`PLAIN`]).
pub fn types() -> Vec<&'static Entry> {
    VALIDATED.iter().chain(PLAIN.iter()).collect()
}

mod validated;
pub use validated::VALIDATED;

/// Types whose only documented invariant is the round trip.
pub const PLAIN: &[Entry] = entries![
    // remit-core
    round_trip remit_core::EmployeeId,
    round_trip remit_core::AssetId,
    round_trip remit_core::ToolId,
    round_trip remit_core::BenefitId,
    round_trip remit_core::TeamId,
    round_trip remit_core::SurveyId,
    round_trip remit_core::EventId,
    round_trip remit_core::SharedStr,
    round_trip remit_core::WorkMode,
    round_trip remit_core::JobLevel,
    round_trip remit_core::Rounding,
    round_trip remit_core::Money,
    round_trip remit_core::Domain,
    round_trip remit_core::Severity,
    round_trip remit_core::Cohort,
    round_trip remit_core::Metric,
    round_trip remit_core::Finding,
    round_trip remit_core::FindingTable,
    round_trip remit_core::EmployeeGroup,
    round_trip remit_core::GroupComparison,
    round_trip remit_core::Coverage,
    round_trip remit_core::HealthBand,
    round_trip remit_core::chart::ChartKind,
    round_trip remit_core::chart::ValueScale,
    round_trip remit_core::chart::Tone,
    round_trip remit_core::chart::Point,
    round_trip remit_core::chart::Series,
    round_trip remit_core::chart::Chart,
    round_trip remit_core::zones::OffsetBand,
    round_trip remit_core::disclosure::Suppression,
    round_trip remit_core::disclosure::Disclosed<f64>,
    round_trip remit_core::disclosure::Disclosed<u64>,
    round_trip remit_core::disclosure::PopulationKey,
    round_trip remit_core::disclosure::MinGroupSize,
    round_trip remit_core::disclosure::Audience,
    round_trip remit_core::disclosure::NoisePolicy,
    round_trip remit_core::disclosure::Rule,
    round_trip remit_core::disclosure::DisclosurePolicy,
    round_trip_json remit_core::disclosure::Disclosure,
    // remit-stats
    round_trip remit_stats::BinaryCounts,
    round_trip remit_stats::GroupedCounts,
    round_trip remit_stats::BootstrapInterval,
    round_trip remit_stats::Alternative,
    round_trip remit_stats::Table2x2,
    round_trip remit_stats::FisherExact,
    round_trip remit_stats::ContingencyTable,
    round_trip remit_stats::Continuity,
    round_trip remit_stats::ChiSquareTest,
    round_trip remit_stats::TermKind,
    round_trip remit_stats::Term,
    round_trip remit_stats::DesignMatrix,
    round_trip remit_stats::Coefficient,
    round_trip remit_stats::LogisticOptions,
    round_trip remit_stats::LikelihoodRatioTest,
    round_trip remit_stats::LogisticMethod,
    round_trip remit_stats::LogisticFit,
    round_trip remit_stats::EwmaParams,
    round_trip remit_stats::EwmaPoint,
    round_trip remit_stats::CusumParams,
    round_trip remit_stats::CusumPoint,
    round_trip remit_stats::CovarianceType,
    round_trip remit_stats::OlsFit,
    round_trip remit_stats::NormalEquations,
    round_trip remit_stats::ProportionZTest,
    round_trip remit_stats::RatioEstimate,
    round_trip remit_stats::MwuMethod,
    round_trip remit_stats::MannWhitney,
    round_trip remit_stats::SkippedStratum,
    round_trip remit_stats::SkipReason,
    round_trip remit_stats::StratifiedTables,
    round_trip remit_stats::CmhTest,
    round_trip remit_stats::PooledOddsRatio,
    round_trip remit_stats::BreslowDayTest,
    round_trip remit_stats::KmStep,
    round_trip remit_stats::KaplanMeier,
    round_trip remit_stats::LogRankTest,
    // remit-assets
    round_trip remit_assets::Category,
    round_trip remit_assets::KitList,
    round_trip remit_assets::KitPrices,
    round_trip remit_assets::depreciation::Proration,
    round_trip remit_assets::depreciation::MacrsClass,
    round_trip remit_assets::depreciation::MacrsConvention,
    round_trip remit_assets::depreciation::Method,
    round_trip remit_assets::depreciation::DepreciationStart,
    round_trip remit_assets::depreciation::Schedule,
    round_trip remit_assets::StockState,
    round_trip remit_assets::TransitLeg,
    round_trip remit_assets::Disposition,
    round_trip remit_assets::MissingReason,
    round_trip remit_assets::ReturnReason,
    round_trip remit_assets::Status,
    round_trip remit_assets::DataState,
    round_trip remit_assets::Custodian,
    round_trip remit_assets::Command,
    round_trip remit_assets::CommandKind,
    round_trip remit_assets::Change,
    round_trip remit_assets::Transition,
    round_trip remit_assets::Event,
    round_trip remit_assets::Envelope,
    round_trip remit_assets::SanitisationMethod,
    round_trip remit_assets::Verification,
    round_trip remit_assets::Destination,
    round_trip remit_assets::Outcome,
    // remit-benefits
    round_trip remit_benefits::BenefitCategory,
    round_trip remit_benefits::TaxTreatment,
    round_trip remit_benefits::Proration,
    round_trip remit_benefits::Valuation,
    round_trip remit_benefits::Eligibility,
    round_trip remit_benefits::Covariance,
    round_trip remit_benefits::CountryFactorKind,
    round_trip remit_benefits::CountryScaled,
    round_trip remit_benefits::Strategy,
    round_trip remit_benefits::EmployerCost,
    round_trip remit_benefits::MarginalRates,
    // remit-collab-tools
    round_trip remit_collab_tools::Action,
    round_trip remit_collab_tools::Setting,
    round_trip remit_collab_tools::inventory::Category,
    round_trip remit_collab_tools::inventory::Capability,
    round_trip remit_collab_tools::inventory::CapabilitySet,
    round_trip remit_collab_tools::inventory::SyncLevel,
    round_trip remit_collab_tools::inventory::BillingPeriod,
    round_trip remit_collab_tools::inventory::Seat,
    round_trip remit_collab_tools::overlap::Workdays,
    round_trip remit_collab_tools::rubric::Contribution,
    round_trip remit_collab_tools::rubric::CriterionKind,
    // remit-promotion-bias
    round_trip remit_promotion_bias::ReferenceGroup,
    round_trip remit_promotion_bias::Stratification,
    round_trip remit_promotion_bias::Covariate,
    round_trip remit_promotion_bias::MultipleTesting,
    round_trip remit_promotion_bias::PromotionEvent,
    round_trip remit_promotion_bias::PromotionTable,
    // remit-wellbeing
    round_trip remit_wellbeing::Who5,
    round_trip remit_wellbeing::Who5Change,
    round_trip remit_wellbeing::Cbi,
    round_trip remit_wellbeing::Pss10,
    round_trip remit_wellbeing::ItemId,
    round_trip remit_wellbeing::ResponseRange,
    round_trip remit_wellbeing::Item,
    round_trip remit_wellbeing::Aggregation,
    round_trip remit_wellbeing::MissingPolicy,
    round_trip remit_wellbeing::Edge,
    round_trip remit_wellbeing::Bands,
    round_trip remit_wellbeing::ScaleIndex,
    round_trip remit_wellbeing::InstrumentSpec,
    round_trip remit_wellbeing::Dimension,
    round_trip remit_wellbeing::RiskFactor,
    round_trip remit_wellbeing::RiskFeatures,
    round_trip remit_wellbeing::RiskBand,
    round_trip remit_wellbeing::RiskAssessment,
    round_trip remit_wellbeing::WeightedRiskModel,
    round_trip remit_wellbeing::Signal,
    round_trip remit_wellbeing::SignalThresholds,
    round_trip remit_wellbeing::ReliableChange,
    round_trip remit_wellbeing::ChangeDirection,
    round_trip remit_wellbeing::Worse,
    round_trip remit_wellbeing::AlarmConfig,
    round_trip remit_wellbeing::TeamDistance,
    // remit-ingest
    read remit_ingest::Input,
    read remit_ingest::IdScheme,
    read remit_ingest::values::DecimalSeparator,
];
