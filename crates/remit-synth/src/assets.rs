//! Equipment fleets with realistic event histories for `remit-assets`, with planted
//! problems and their ground truth.
//!
//! # The generating process
//!
//! Every employee gets the kit [`StandardKit`] requires for their work mode (laptop and
//! headset onsite; laptop, monitor, headset, webcam, ergonomic chair and desk for hybrid
//! and remote staff), priced in the currency of their country. Each item was bought at
//! the employee's hire or at a later refresh, received at a depot, then shipped and
//! delivered to remote and hybrid staff or handed over in person to onsite staff. Most
//! assets were audited in the last year.
//!
//! Leavers are asked to return everything on their leaving date (due 30 days later,
//! [`RetrievalPolicy::default`]). Their kit comes back on time (shipped within 20 days,
//! received a few days later, laptops purged), except for the planted cases.
//!
//! # Planted problems (the ground truth in [`AssetTruth`])
//!
//! - **Missing ergonomic kit**: a share of active remote staff never received their
//!   ergonomic chair.
//! - **Late returns**: a share of leavers return their kit 31–60 days after leaving.
//! - **Never returned**: a share of leavers never return their kit.
//! - **Unsanitised retirements**: a number of old laptops were sold after a check-in
//!   without any sanitisation record; these histories are imported with
//!   [`EventLog::append`](remit_assets::EventLog::append), because the lifecycle rules
//!   would refuse them.
//!
//! With every share at zero and no unsanitised retirements, nothing is planted and the
//! report finds no kit gap, overdue retrieval or unsanitised retirement.
//!
//! ```
//! use remit_synth::assets::{asset_fleet, AssetSynthConfig};
//! use remit_synth::{generate, SynthConfig};
//!
//! let org = generate(&SynthConfig::new(500, 7))?;
//! let fleet = asset_fleet(&org, &AssetSynthConfig::default())?;
//! assert!(fleet.assets().len() > 1_000);
//! assert_eq!(fleet.truth().unsanitised_retirements().len(), 3);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt::Write as _;

use chrono::{Days, NaiveDate};
use rand::RngCore;
use remit_assets::kit::StandardKit;
use remit_assets::retrieval::RetrievalPolicy;
use remit_assets::{
    Asset, AssetTag, Category, Change, Command, Destination, Disposition, Envelope, Event,
    SanitisationMethod, SanitisationRecord, Shipment, TrackedAsset, Verification,
};
use remit_core::{AssetId, Currency, EmployeeId, EventId, Money, WorkMode};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::Organisation;
use crate::rng;

/// An asset-fleet configuration was invalid, or generation failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AssetSynthError {
    /// A share was outside `[0, 1]`.
    #[error("asset synth config: field `{field}` must be in [0, 1], got {value}")]
    Share {
        /// The field.
        field: &'static str,
        /// The rejected value.
        value: f64,
    },
    /// The late and never-returned shares add up to more than 1.
    #[error("asset synth config: `late_return_share` + `never_returned_share` must not exceed 1")]
    SharesExceedOne,
    /// A generated record was rejected (a bug in this generator).
    #[error("asset synth: generated record rejected: {0}")]
    Rejected(String),
}

/// What to plant.
#[derive(Debug, Clone, PartialEq)]
pub struct AssetSynthConfig {
    missing_chair_share: f64,
    late_return_share: f64,
    never_returned_share: f64,
    unsanitised_retirements: usize,
}

impl Default for AssetSynthConfig {
    /// 15 % of remote staff without a chair, 20 % of leavers late, 10 % never returning,
    /// 3 unsanitised retirements.
    fn default() -> Self {
        Self {
            missing_chair_share: 0.15,
            late_return_share: 0.20,
            never_returned_share: 0.10,
            unsanitised_retirements: 3,
        }
    }
}

fn share(field: &'static str, value: f64) -> Result<f64, AssetSynthError> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(AssetSynthError::Share { field, value })
    }
}

impl AssetSynthConfig {
    /// Nothing planted.
    pub fn clean() -> Self {
        Self {
            missing_chair_share: 0.0,
            late_return_share: 0.0,
            never_returned_share: 0.0,
            unsanitised_retirements: 0,
        }
    }
    /// The share of active remote staff without an ergonomic chair.
    ///
    /// # Errors
    ///
    /// [`AssetSynthError::Share`] outside `[0, 1]`.
    pub fn missing_chair_share(mut self, share_: f64) -> Result<Self, AssetSynthError> {
        self.missing_chair_share = share("missing_chair_share", share_)?;
        Ok(self)
    }
    /// The share of leavers returning late.
    ///
    /// # Errors
    ///
    /// [`AssetSynthError::Share`] outside `[0, 1]`.
    pub fn late_return_share(mut self, share_: f64) -> Result<Self, AssetSynthError> {
        self.late_return_share = share("late_return_share", share_)?;
        Ok(self)
    }
    /// The share of leavers never returning.
    ///
    /// # Errors
    ///
    /// [`AssetSynthError::Share`] outside `[0, 1]`.
    pub fn never_returned_share(mut self, share_: f64) -> Result<Self, AssetSynthError> {
        self.never_returned_share = share("never_returned_share", share_)?;
        Ok(self)
    }
    /// How many laptops were retired without sanitisation.
    pub fn unsanitised_retirements(mut self, n: usize) -> Self {
        self.unsanitised_retirements = n;
        self
    }
}

/// What was planted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AssetTruth {
    missing_chair: Vec<EmployeeId>,
    late_returns: Vec<AssetId>,
    never_returned: Vec<AssetId>,
    unsanitised: Vec<AssetTag>,
}

impl AssetTruth {
    /// Active remote employees planted without an ergonomic chair.
    pub fn missing_chair(&self) -> &[EmployeeId] {
        &self.missing_chair
    }
    /// Leavers' assets returned after the SLA (whether or not back by `as_of`).
    pub fn late_returns(&self) -> &[AssetId] {
        &self.late_returns
    }
    /// Leavers' assets never returned.
    pub fn never_returned(&self) -> &[AssetId] {
        &self.never_returned
    }
    /// Laptops retired without a sanitisation record.
    pub fn unsanitised_retirements(&self) -> &[AssetTag] {
        &self.unsanitised
    }
}

/// A generated fleet and its ground truth.
#[derive(Debug, Clone)]
pub struct SynthFleet {
    assets: Vec<TrackedAsset>,
    truth: AssetTruth,
}

impl SynthFleet {
    /// The assets with their histories.
    pub fn assets(&self) -> &[TrackedAsset] {
        &self.assets
    }
    /// Gives back the assets.
    pub fn into_assets(self) -> Vec<TrackedAsset> {
        self.assets
    }
    /// What was planted.
    pub fn truth(&self) -> &AssetTruth {
        &self.truth
    }
}

/// The currency and a price multiplier (relative to EUR list prices) for a country.
fn currency_for(country: &str) -> (&'static str, i64) {
    match country {
        "US" => ("USD", 110),
        "GB" => ("GBP", 86),
        "CA" => ("CAD", 150),
        "BR" => ("BRL", 600),
        "IN" => ("INR", 9_000),
        "JP" => ("JPY", 16_000),
        "PL" => ("PLN", 430),
        "MX" => ("MXN", 1_900),
        "AU" => ("AUD", 165),
        "DE" | "FR" | "ES" | "PT" | "IT" | "NL" | "IE" | "BE" | "AT" | "FI" | "GR" | "EE" => {
            ("EUR", 100)
        }
        _ => ("USD", 110),
    }
}

/// List price in EUR, useful life in months, warranty in months.
fn profile(category: Category) -> (i64, u32, u32) {
    match category {
        Category::Laptop => (1_500, 36, 36),
        Category::Monitor => (300, 60, 36),
        Category::Headset => (120, 24, 12),
        Category::Webcam => (90, 36, 12),
        Category::ErgonomicChair => (450, 84, 60),
        Category::Desk => (350, 84, 60),
        _ => (100, 36, 12),
    }
}

struct Keys {
    base: u128,
    n: u64,
}

impl Keys {
    fn next(&mut self) -> EventId {
        self.n += 1;
        EventId::from_uuid(Uuid::from_u128(self.base ^ u128::from(self.n)))
    }
}

fn exec(
    a: &mut TrackedAsset,
    keys: &mut Keys,
    command: Command,
    on: NaiveDate,
) -> Result<(), AssetSynthError> {
    a.execute_owned(keys.next(), command, on)
        .map(|_| ())
        .map_err(|e| AssetSynthError::Rejected(e.to_string()))
}

fn day(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(date)
}

fn back(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days)).unwrap_or(date)
}

/// Generates the fleet of an organisation.
///
/// # Errors
///
/// [`AssetSynthError`] for an invalid configuration.
pub fn asset_fleet(
    org: &Organisation,
    config: &AssetSynthConfig,
) -> Result<SynthFleet, AssetSynthError> {
    if config.late_return_share + config.never_returned_share > 1.0 {
        return Err(AssetSynthError::SharesExceedOne);
    }
    let reject = |e: &dyn std::fmt::Display| AssetSynthError::Rejected(e.to_string());
    let mut rng = rng::stream(org.seed(), "assets");
    let as_of = org.as_of();
    let sla = u64::from(RetrievalPolicy::default().sla_days());
    let mut keys = Keys {
        base: (u128::from(rng.next_u64()) << 64) | u128::from(rng.next_u64()),
        n: 0,
    };
    let id_base = (u128::from(rng.next_u64()) << 64) | u128::from(rng.next_u64());
    let mut serial = 0u64;
    let mut truth = AssetTruth::default();
    // Reused for tags and tracking numbers.
    let mut text = String::with_capacity(16);
    let mut assets = Vec::with_capacity(org.roster().len() * 4);
    let wipe = |on: NaiveDate, method: SanitisationMethod| {
        SanitisationRecord::new(
            method,
            "NVMe sanitize (crypto erase)",
            Verification::ToolReport,
            on,
            "depot technician",
        )
        .map(Box::new)
    };

    for employee in org.roster().iter() {
        let who = employee.id();
        let (code, multiplier) = currency_for(employee.country().as_str());
        let currency = Currency::new(code).map_err(|e| reject(&e))?;
        let places = currency.minor_units().unwrap_or(0);
        let left = employee.left_on();
        let active = left.is_none();
        let mut kit = StandardKit.required_for(employee.work_mode());
        if active
            && employee.work_mode() == WorkMode::Remote
            && rng::chance(&mut rng, config.missing_chair_share)
        {
            kit = kit.without(remit_assets::KitList::of(&[Category::ErgonomicChair]));
            truth.missing_chair.push(who);
        }
        // A leaver's fate, drawn once for all their kit.
        let fate = rng::unit(&mut rng);
        let late = fate < config.late_return_share;
        let never = !late && fate < config.late_return_share + config.never_returned_share;
        let end = left.unwrap_or(as_of);
        for category in kit.iter() {
            let (list_price, life, warranty) = profile(category);
            // Bought at hire or at the latest refresh before `end`.
            let refresh_days = u64::from(life) * 30;
            let hired = back(employee.hired_on(), 10);
            let bought = back(end, 10 + rng::below(&mut rng, refresh_days)).max(hired);
            serial += 1;
            text.clear();
            let _ = write!(text, "{}-{serial:07}", &code[..2]);
            let tag = AssetTag::new(&text).map_err(|e| reject(&e))?;
            let price = Decimal::new(list_price * multiplier, 2).round_dp(places);
            let asset = Asset::builder(tag, category)
                .id(AssetId::from_uuid(Uuid::from_u128(
                    id_base ^ u128::from(serial),
                )))
                .purchased(bought, Money::new(price, currency))
                .useful_life_months(life)
                .warranty_months(warranty)
                .build()
                .map_err(|e| reject(&e))?;
            let id = asset.id();
            let stores_data = asset.stores_data();

            // Every date first (drawn in a fixed order), so the log is allocated once.
            let onsite = employee.work_mode() == WorkMode::Onsite;
            let delivered = if onsite {
                None
            } else {
                Some(day(bought, 2 + rng::below(&mut rng, 5)))
            };
            let handed = delivered.unwrap_or(day(bought, 1));
            // Audited in the last year for most assets.
            let audited = if rng::chance(&mut rng, 0.85) {
                Some(back(end, rng::below(&mut rng, 330))).filter(|on| *on > handed)
            } else {
                None
            };
            // A leaver's return: shipped, received at the depot, wiped.
            let mut shipped = None;
            let mut received = None;
            let mut wiped = None;
            if let Some(left_on) = left {
                shipped = if never {
                    truth.never_returned.push(id);
                    None
                } else if late {
                    truth.late_returns.push(id);
                    Some(day(left_on, sla + 1 + rng::below(&mut rng, 30)))
                } else {
                    Some(day(left_on, 2 + rng::below(&mut rng, 18)))
                }
                .filter(|d| *d <= as_of);
                // On-time returns ship by day 20 and arrive by day 27.
                received = shipped
                    .map(|d| day(d, 3 + rng::below(&mut rng, 5)))
                    .filter(|d| *d <= as_of);
                wiped = received
                    .map(|d| day(d, 2))
                    .filter(|d| stores_data && *d <= as_of);
            }
            let events = 2
                + usize::from(!onsite)
                + usize::from(audited.is_some())
                + usize::from(left.is_some())
                + usize::from(shipped.is_some())
                + usize::from(received.is_some())
                + usize::from(wiped.is_some());

            let mut a = TrackedAsset::ordered(asset);
            a.reserve_exact(events);
            exec(&mut a, &mut keys, Command::Receive, bought)?;
            if let Some(on) = delivered {
                text.clear();
                let _ = write!(text, "JD{:010}", keys.n);
                let ship = Shipment::new(Destination::Employee(who), "DHL", &text)
                    .and_then(|s| {
                        s.with_cost(Money::new(Decimal::new(25 * multiplier, 2), currency))
                    })
                    .map_err(|e| reject(&e))?;
                exec(
                    &mut a,
                    &mut keys,
                    Command::Ship(Box::new(ship)),
                    day(bought, 1),
                )?;
                exec(&mut a, &mut keys, Command::Deliver, on)?;
            } else {
                exec(&mut a, &mut keys, Command::Assign { employee: who }, handed)?;
            }
            if let Some(on) = audited {
                exec(&mut a, &mut keys, Command::RecordAudit, on)?;
            }
            if let Some(left_on) = left {
                let due = day(left_on, sla);
                exec(
                    &mut a,
                    &mut keys,
                    Command::RequestReturn {
                        due,
                        reason: remit_assets::ReturnReason::Offboarding,
                    },
                    left_on,
                )?;
            }
            if let Some(on) = shipped {
                text.clear();
                let _ = write!(text, "RT{:010}", keys.n);
                let ship =
                    Shipment::new(Destination::Depot, "DHL", &text).map_err(|e| reject(&e))?;
                exec(&mut a, &mut keys, Command::Ship(Box::new(ship)), on)?;
            }
            if let Some(on) = received {
                exec(&mut a, &mut keys, Command::Receive, on)?;
            }
            if let Some(on) = wiped {
                let record = wipe(on, SanitisationMethod::Purge).map_err(|e| reject(&e))?;
                exec(&mut a, &mut keys, Command::Sanitise(record), on)?;
            }
            assets.push(a);
        }
    }

    // Old laptops retired: most properly, some planted without sanitisation.
    let holders: Vec<EmployeeId> = org.roster().iter().map(|e| e.id()).collect();
    let retired = (org.roster().len() / 50).max(config.unsanitised_retirements);
    for i in 0..retired {
        let planted = i < config.unsanitised_retirements;
        serial += 1;
        let bought = back(as_of, 5 * 365 + rng::below(&mut rng, 365));
        let tag = AssetTag::new(&format!("OLD-{serial:07}")).map_err(|e| reject(&e))?;
        let eur = Currency::new("EUR").map_err(|e| reject(&e))?;
        let asset = Asset::builder(tag.clone(), Category::Laptop)
            .id(AssetId::from_uuid(Uuid::from_u128(
                id_base ^ u128::from(serial),
            )))
            .purchased(bought, Money::new(Decimal::from(1_400), eur))
            .useful_life_months(36)
            .warranty_months(36)
            .build()
            .map_err(|e| reject(&e))?;
        let mut a = TrackedAsset::ordered(asset);
        let holder = holders
            .get(rng::below(&mut rng, holders.len() as u64) as usize)
            .copied()
            .unwrap_or(EmployeeId::from_uuid(Uuid::nil()));
        let returned = day(bought, 3 * 365);
        if planted {
            truth.unsanitised.push(tag);
            let history = [
                (bought, Change::Received),
                (day(bought, 2), Change::Assigned { employee: holder }),
                (returned, Change::CheckedIn),
                (
                    day(returned, 30),
                    Change::Retired {
                        disposition: Disposition::Sold,
                    },
                ),
            ];
            for (seq, (on, change)) in history.into_iter().enumerate() {
                a.append(Envelope::new(
                    seq as u64 + 1,
                    keys.next(),
                    Event::new(on, change),
                ))
                .map_err(|e| reject(&e))?;
            }
        } else {
            exec(&mut a, &mut keys, Command::Receive, bought)?;
            exec(
                &mut a,
                &mut keys,
                Command::Assign { employee: holder },
                day(bought, 2),
            )?;
            exec(&mut a, &mut keys, Command::CheckIn, returned)?;
            let record =
                wipe(day(returned, 5), SanitisationMethod::Purge).map_err(|e| reject(&e))?;
            exec(
                &mut a,
                &mut keys,
                Command::Sanitise(record),
                day(returned, 5),
            )?;
            exec(
                &mut a,
                &mut keys,
                Command::Retire {
                    disposition: Disposition::Recycled,
                },
                day(returned, 30),
            )?;
        }
        assets.push(a);
    }
    Ok(SynthFleet { assets, truth })
}
