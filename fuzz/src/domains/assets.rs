//! Equipment: a roster, a fleet whose assets went through arbitrary commands, kit
//! prices and a retrieval policy, then `remit_assets::audit(&Inputs, &Config, &mut
//! Disclosure)`.

use arbitrary::{Result, Unstructured};
use chrono::NaiveDate;
use remit_assets::depreciation::{
    DepreciationStart, MacrsClass, MacrsConvention, Method, Proration,
};
use remit_assets::{
    Asset, AssetTag, Category, Command, Config, Destination, Disposition, KitPrices, MissingReason,
    RetrievalPolicy, ReturnReason, SanitisationMethod, SanitisationRecord, Shipment, TrackedAsset,
    Verification, WriteOff, audit,
};
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_core::{EventId, Roster};

use crate::{draw, people};

/// The most assets and the most commands per asset one input builds.
const MAX_ASSETS: usize = 24;
const MAX_COMMANDS: usize = 12;

/// The inputs of one equipment audit.
pub struct Inputs {
    /// The people the audit covers: a valid roster drawn from the input.
    pub roster: Roster,
    /// The fleet, each asset with the commands its log accepted.
    pub fleet: Vec<TrackedAsset>,
    /// The equipment audit's configuration (as-of date and drawn settings).
    pub config: Config,
    /// Kit prices (none: the audit's default, no prices).
    pub prices: KitPrices,
    /// The disclosure policy of the run.
    pub policy: DisclosurePolicy,
    /// A depreciation method to run on every asset.
    pub method: Method,
}

/// Builds the inputs; `None` when a constructor refused what it was given.
pub fn build(u: &mut Unstructured<'_>) -> Result<Option<Inputs>> {
    let Some(roster) = people::roster(u)? else {
        return Ok(None);
    };
    let n = roster.len();
    let mut fleet = Vec::new();
    for i in 0..draw::count(u, MAX_ASSETS)? {
        let Ok(tag) = AssetTag::new(&format!("A-{i}")) else {
            return Ok(None);
        };
        let category = *u.choose(&Category::ALL)?;
        let purchased_on = draw::date(u)?;
        let cost = draw::money(u)?;
        let mut builder = Asset::builder(tag, category)
            .stores_data(u.arbitrary()?)
            .purchased(purchased_on, cost)
            .useful_life_months(u.int_in_range(0..=130)?)
            .warranty_months(u.int_in_range(0..=60)?);
        if u.ratio(1, 3)? {
            let salvage = remit_core::Money::new(draw::price(u)?, cost.currency());
            builder = builder.salvage(salvage);
        }
        let Ok(asset) = builder.build() else {
            continue;
        };
        let mut tracked = TrackedAsset::ordered(asset);
        let mut on = purchased_on;
        for k in 0..draw::count(u, MAX_COMMANDS)? {
            let step: u16 = u.int_in_range(0..=400)?;
            on = draw::offset_date(
                on,
                if u.ratio(1, 16)? {
                    -i64::from(step)
                } else {
                    i64::from(step)
                },
            );
            let Some(command) = command(u, n, on)? else {
                continue;
            };
            let key = if u.ratio(1, 16)? {
                EventId::from_external(&format!("{i}-0"))
            } else {
                EventId::from_external(&format!("{i}-{k}"))
            };
            let _ = tracked.execute(key, &command, on);
        }
        fleet.push(tracked);
    }
    let as_of = draw::date(u)?;
    let Ok(mut config) = Config::new(as_of).with_horizon_months(u.int_in_range(0..=240)?) else {
        return Ok(None);
    };
    if u.ratio(1, 2)? {
        config = match config.with_audit_interval_months(u.int_in_range(0..=48)?) {
            Ok(c) => c,
            Err(_) => return Ok(None),
        };
    }
    if u.ratio(1, 2)? {
        let sla = u.int_in_range(0..=400)?;
        let reminders = (0..draw::count(u, 3)?)
            .map(|_| u.int_in_range(0..=400))
            .collect::<Result<Vec<u32>>>()?;
        let Ok(policy) = RetrievalPolicy::new(sla, reminders, u.int_in_range(0..=400)?) else {
            return Ok(None);
        };
        config = config.with_retrieval(policy);
    }
    let mut prices = KitPrices::new();
    if u.ratio(1, 2)? {
        for _ in 0..draw::count(u, 4)? {
            let category = *u.choose(&Category::ALL)?;
            let price = draw::money(u)?;
            prices = if u.ratio(1, 2)? {
                match prices.with(category, price) {
                    Ok(p) => p,
                    Err(_) => return Ok(None),
                }
            } else {
                match prices.with_country(draw::country(u)?, category, price) {
                    Ok(p) => p,
                    Err(_) => return Ok(None),
                }
            };
        }
    }
    let Some(policy) = super::policy(u)? else {
        return Ok(None);
    };
    let method = match u.int_in_range(0..=3)? {
        0 => Method::StraightLine(*u.choose(&[
            Proration::FullMonth,
            Proration::MidMonth,
            Proration::NextMonth,
        ])?),
        1 => Method::DecliningBalance {
            factor: draw::decimal(u)?,
        },
        2 => Method::SumOfYearsDigits,
        _ => Method::Macrs {
            class: *u.choose(&[MacrsClass::FiveYear, MacrsClass::SevenYear])?,
            convention: *u.choose(&[MacrsConvention::HalfYear, MacrsConvention::MidQuarter])?,
        },
    };
    Ok(Some(Inputs {
        roster,
        fleet,
        config,
        prices,
        policy,
        method,
    }))
}

/// One command for an asset of a roster of `n`, dated `on`; `None` when a record's
/// constructor refused its fields.
fn command(u: &mut Unstructured<'_>, n: usize, on: NaiveDate) -> Result<Option<Command>> {
    Ok(Some(match u.int_in_range(0..=17)? {
        0 => Command::Receive,
        1 => Command::Reserve {
            employee: people::someone(u, n)?,
        },
        2 => Command::CancelReservation,
        3 => {
            let destination = if u.ratio(1, 2)? {
                Destination::Depot
            } else {
                Destination::Employee(people::someone(u, n)?)
            };
            let Ok(mut shipment) = Shipment::new(destination, &draw::text(u)?, &draw::text(u)?)
            else {
                return Ok(None);
            };
            if u.ratio(1, 3)? {
                let Ok(with_cost) = shipment.clone().with_cost(draw::money(u)?) else {
                    return Ok(None);
                };
                shipment = with_cost;
            }
            Command::Ship(Box::new(shipment))
        }
        4 => Command::Deliver,
        5 => Command::Assign {
            employee: people::someone(u, n)?,
        },
        6 => Command::RequestReturn {
            due: draw::offset_date(on, i64::from(u.arbitrary::<i8>()?)),
            reason: *u.choose(&[
                ReturnReason::Offboarding,
                ReturnReason::Refresh,
                ReturnReason::Repair,
            ])?,
        },
        7 => Command::CheckIn,
        8 => Command::FlagForRepair,
        9 => Command::StartRepair,
        10 => Command::CompleteRepair {
            cost: if u.arbitrary()? {
                Some(draw::money(u)?)
            } else {
                None
            },
        },
        11 => {
            let method = *u.choose(&[
                SanitisationMethod::Clear,
                SanitisationMethod::Purge,
                SanitisationMethod::Destroy,
            ])?;
            let verification = *u.choose(&[
                Verification::Full,
                Verification::Sampling,
                Verification::ToolReport,
                Verification::Inspection,
            ])?;
            let performed_on = draw::offset_date(on, -i64::from(u.arbitrary::<u8>()?));
            let Ok(record) = SanitisationRecord::new(
                method,
                &draw::text(u)?,
                verification,
                performed_on,
                &draw::text(u)?,
            ) else {
                return Ok(None);
            };
            Command::Sanitise(Box::new(record))
        }
        12 => Command::MarkForDisposal,
        13 => Command::Retire {
            disposition: match u.int_in_range(0..=5)? {
                0 => Disposition::Disposed,
                1 => Disposition::Sold,
                2 => Disposition::Donated,
                3 => Disposition::Recycled,
                4 => Disposition::VendorCredit,
                _ => Disposition::GiftedToEmployee {
                    employee: people::someone(u, n)?,
                },
            },
        },
        14 => Command::ReportMissing {
            reason: *u.choose(&[MissingReason::Lost, MissingReason::Stolen])?,
        },
        15 => Command::Recover,
        16 => Command::RecordAudit,
        _ => {
            let Ok(write_off) = WriteOff::new(&draw::text(u)?) else {
                return Ok(None);
            };
            Command::WriteOff(Box::new(write_off))
        }
    }))
}

/// Runs the audit and depreciation on the inputs.
///
/// Invariants checked: replaying each log gives its state; the report is exercised
/// (see [`super::exercise`]).
pub fn run(inputs: &Inputs) {
    for tracked in &inputs.fleet {
        assert_eq!(
            &tracked.log().replay(),
            tracked.log().state(),
            "replaying the log of {} gives another state",
            tracked.asset().tag()
        );
        let first_deployed = tracked.log().state().first_deployed_on();
        for start in [
            DepreciationStart::Purchase,
            DepreciationStart::FirstDeployment,
        ] {
            if let Ok(Some(basis)) = tracked.asset().depreciation_basis(start, first_deployed) {
                let _ = basis.schedule(&inputs.method);
            }
        }
    }
    let audit_inputs = remit_assets::Inputs::new(&inputs.roster, inputs.fleet.as_slice())
        .with_prices(&inputs.prices);
    let mut disclosure = Disclosure::new(inputs.policy.clone());
    if let Ok(report) = audit(&audit_inputs, &inputs.config, &mut disclosure) {
        super::exercise(&report);
    }
}
