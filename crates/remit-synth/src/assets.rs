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
//! assert!(fleet.len() > 1_000);
//! assert_eq!(fleet.truth().unsanitised_retirements().len(), 3);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt::Write as _;

use chrono::{Days, NaiveDate};
use rand::RngCore;
use remit_assets::kit::StandardKit;
use remit_assets::retrieval::RetrievalPolicy;
use remit_assets::{
    Asset, AssetHistory, AssetTag, Category, Change, Command, Destination, Disposition, Envelope,
    Event, Fleet, ReturnReason, SanitisationMethod, SanitisationRecord, Shipment, TrackedAsset,
    Transition, Verification,
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

/// The equipment problems [`asset_fleet`] plants, as shares of the people or assets they
/// can apply to; build with [`Default`] (the defaults below) or [`AssetSynthConfig::clean`]
/// and the setters.
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
    /// A configuration that plants nothing: every share 0 and no unsanitised retirement, so
    /// a clean fleet gives an audit with no equipment findings to plant.
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

/// The ground truth of a generated fleet: who was planted without a chair and which assets
/// were planted late, never returned or retired unsanitised, to check `remit_assets`' audit
/// against.
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
///
/// The fleet is kept compact: for each generated asset a row of its owner and the dates
/// drawn for it (32 bytes), from which its facts and history are derived when read. It
/// is a [`Fleet`], so a report reads it directly; [`tracked_assets`](Self::tracked_assets)
/// builds every asset's [`EventLog`](remit_assets::EventLog) through the lifecycle rules
/// when a caller needs the full records (to store them, or to check the rules).
#[derive(Debug, Clone)]
pub struct SynthFleet {
    holders: Vec<Holder>,
    rows: Vec<Row>,
    /// Old laptops retired before `as_of`, after the rows in fleet order.
    retired: Vec<TrackedAsset>,
    id_base: u128,
    key_base: u128,
    /// Stand in for a holder index out of range and a tag that does not validate
    /// (neither happens: rows index the holders, and tag prefixes are letters).
    fallback_holder: Holder,
    fallback_tag: AssetTag,
    truth: AssetTruth,
}

/// What the rows of one employee share.
#[derive(Debug, Clone, Copy)]
struct Holder {
    id: EmployeeId,
    currency: Currency,
    multiplier: i64,
    places: u32,
    left: Option<NaiveDate>,
    /// The return deadline of a leaver's kit.
    due: Option<NaiveDate>,
    prefix: [u8; 2],
}

/// One generated asset: its owner (an index into the holders), its category, and the
/// dates of its events (`None` for the events it does not have).
#[derive(Debug, Clone, Copy)]
struct Row {
    holder: u32,
    category: Category,
    bought: NaiveDate,
    /// Delivered to a remote or hybrid employee (shipped the day after purchase);
    /// `None` for onsite staff, handed over in person the day after purchase.
    delivered: Option<NaiveDate>,
    audited: Option<NaiveDate>,
    shipped: Option<NaiveDate>,
    received: Option<NaiveDate>,
    wiped: Option<NaiveDate>,
}

impl Row {
    /// How many events its history has.
    fn events(&self, left: bool) -> u64 {
        2 + u64::from(self.delivered.is_some())
            + u64::from(self.audited.is_some())
            + u64::from(left)
            + u64::from(self.shipped.is_some())
            + u64::from(self.received.is_some())
            + u64::from(self.wiped.is_some())
    }
}

impl SynthFleet {
    /// The number of assets.
    pub fn len(&self) -> usize {
        self.rows.len() + self.retired.len()
    }
    /// Whether the fleet is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The ground truth of this fleet: the people and assets carrying each planted problem.
    pub fn truth(&self) -> &AssetTruth {
        &self.truth
    }
    /// Every asset with its event log, in fleet order, each event decided by the
    /// lifecycle rules ([`TrackedAsset::execute_owned`]) except the planted unsanitised
    /// retirements, which are imported. The histories equal what the [`Fleet`] view
    /// reads; this costs about 600 bytes and a few allocations per asset, so large
    /// audits read the fleet directly.
    ///
    /// # Errors
    ///
    /// [`AssetSynthError::Rejected`] if a rule refuses a generated event (a bug here).
    pub fn tracked_assets(&self) -> Result<Vec<TrackedAsset>, AssetSynthError> {
        let mut keys = Keys {
            base: self.key_base,
            n: 0,
        };
        let mut text = String::with_capacity(16);
        let mut out = Vec::with_capacity(self.len());
        for (i, row) in self.rows.iter().enumerate() {
            out.push(self.track(i, row, &mut keys, &mut text)?);
        }
        out.extend(self.retired.iter().cloned());
        Ok(out)
    }

    #[inline]
    fn holder(&self, row: &Row) -> &Holder {
        self.holders
            .get(row.holder as usize)
            .unwrap_or(&self.fallback_holder)
    }

    #[inline]
    fn id(&self, serial: u64) -> AssetId {
        AssetId::from_uuid(Uuid::from_u128(self.id_base ^ u128::from(serial)))
    }

    fn tag(&self, prefix: [u8; 2], serial: u64) -> AssetTag {
        let mut text = String::with_capacity(16);
        let [a, b] = prefix;
        let _ = write!(text, "{}{}-{serial:07}", char::from(a), char::from(b));
        AssetTag::new(&text).unwrap_or_else(|_| self.fallback_tag.clone())
    }

    /// The asset of row `i` with its log, built through the lifecycle rules exactly as
    /// the events are drawn.
    fn track(
        &self,
        i: usize,
        row: &Row,
        keys: &mut Keys,
        text: &mut String,
    ) -> Result<TrackedAsset, AssetSynthError> {
        let reject = |e: &dyn std::fmt::Display| AssetSynthError::Rejected(e.to_string());
        let holder = *self.holder(row);
        let who = holder.id;
        let serial = i as u64 + 1;
        let (_, life, warranty) = profile(row.category);
        let asset = Asset::builder(self.tag(holder.prefix, serial), row.category)
            .id(self.id(serial))
            .purchased(row.bought, price(row.category, &holder))
            .useful_life_months(life)
            .warranty_months(warranty)
            .build()
            .map_err(|e| reject(&e))?;
        let bought = row.bought;
        let mut a = TrackedAsset::ordered(asset);
        a.reserve_exact(row.events(holder.left.is_some()) as usize);
        exec(&mut a, keys, Command::Receive, bought)?;
        if let Some(on) = row.delivered {
            text.clear();
            let _ = write!(text, "JD{:010}", keys.n);
            let ship = Shipment::new(Destination::Employee(who), "DHL", text)
                .and_then(|s| {
                    s.with_cost(Money::new(
                        Decimal::new(25 * holder.multiplier, 2),
                        holder.currency,
                    ))
                })
                .map_err(|e| reject(&e))?;
            exec(&mut a, keys, Command::Ship(Box::new(ship)), day(bought, 1))?;
            exec(&mut a, keys, Command::Deliver, on)?;
        } else {
            exec(
                &mut a,
                keys,
                Command::Assign { employee: who },
                day(bought, 1),
            )?;
        }
        if let Some(on) = row.audited {
            exec(&mut a, keys, Command::RecordAudit, on)?;
        }
        if let Some((left_on, due)) = holder.left.zip(holder.due) {
            exec(
                &mut a,
                keys,
                Command::RequestReturn {
                    due,
                    reason: ReturnReason::Offboarding,
                },
                left_on,
            )?;
        }
        if let Some(on) = row.shipped {
            text.clear();
            let _ = write!(text, "RT{:010}", keys.n);
            let ship = Shipment::new(Destination::Depot, "DHL", text).map_err(|e| reject(&e))?;
            exec(&mut a, keys, Command::Ship(Box::new(ship)), on)?;
        }
        if let Some(on) = row.received {
            exec(&mut a, keys, Command::Receive, on)?;
        }
        if let Some(on) = row.wiped {
            let record = wipe(on).map_err(|e| reject(&e))?;
            exec(&mut a, keys, Command::Sanitise(record), on)?;
        }
        Ok(a)
    }
}

/// One asset of a [`SynthFleet`], read through [`AssetHistory`].
#[derive(Debug, Clone, Copy)]
pub struct SynthAsset<'a>(View<'a>);

#[derive(Debug, Clone, Copy)]
enum View<'a> {
    Row {
        fleet: &'a SynthFleet,
        serial: u64,
        row: &'a Row,
        holder: &'a Holder,
    },
    Tracked(&'a TrackedAsset),
}

impl Fleet for SynthFleet {
    type Asset<'a> = SynthAsset<'a>;
    fn assets(&self) -> impl Iterator<Item = SynthAsset<'_>> {
        let rows = self.rows.iter().zip(1u64..).map(move |(row, serial)| {
            SynthAsset(View::Row {
                fleet: self,
                serial,
                row,
                holder: self.holder(row),
            })
        });
        rows.chain(self.retired.iter().map(|t| SynthAsset(View::Tracked(t))))
    }
}

/// The transitions of one asset: derived from a row one at a time, or read from a log.
enum Transitions<'a> {
    Row {
        row: &'a Row,
        holder: &'a Holder,
        /// The next event to consider, in history order.
        next: u8,
    },
    Log(std::slice::Iter<'a, Envelope>),
}

impl Iterator for Transitions<'_> {
    type Item = (NaiveDate, Transition);
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let (row, holder, next) = match self {
            Transitions::Row { row, holder, next } => (*row, *holder, next),
            Transitions::Log(it) => {
                return it
                    .next()
                    .map(|e| (e.event().on(), e.event().change().transition()));
            }
        };
        // The events of `SynthFleet::track`, in its order.
        loop {
            let stage = *next;
            *next = stage.saturating_add(1);
            let item = match stage {
                0 => Some((row.bought, Transition::Received)),
                1 => Some((
                    // `day(bought, 1)`, without the general day arithmetic.
                    row.bought.succ_opt().unwrap_or(row.bought),
                    match row.delivered {
                        Some(_) => Transition::Shipped {
                            destination: Destination::Employee(holder.id),
                        },
                        None => Transition::Assigned {
                            employee: holder.id,
                        },
                    },
                )),
                2 => row.delivered.map(|on| (on, Transition::Delivered)),
                3 => row.audited.map(|on| (on, Transition::Audited)),
                4 => holder.left.zip(holder.due).map(|(on, due)| {
                    (
                        on,
                        Transition::ReturnRequested {
                            due,
                            reason: ReturnReason::Offboarding,
                        },
                    )
                }),
                5 => row.shipped.map(|on| {
                    (
                        on,
                        Transition::Shipped {
                            destination: Destination::Depot,
                        },
                    )
                }),
                6 => row.received.map(|on| (on, Transition::Received)),
                7 => row.wiped.map(|on| {
                    (
                        on,
                        Transition::Sanitised {
                            method: SanitisationMethod::Purge,
                            performed_on: on,
                        },
                    )
                }),
                _ => return None,
            };
            if item.is_some() {
                return item;
            }
        }
    }
}

impl AssetHistory for SynthAsset<'_> {
    #[inline]
    fn id(&self) -> AssetId {
        match self.0 {
            View::Row { fleet, serial, .. } => fleet.id(serial),
            View::Tracked(t) => t.id(),
        }
    }
    #[inline]
    fn tag(&self) -> AssetTag {
        match self.0 {
            View::Row {
                fleet,
                serial,
                holder,
                ..
            } => fleet.tag(holder.prefix, serial),
            View::Tracked(t) => t.asset().tag().clone(),
        }
    }
    #[inline]
    fn category(&self) -> Category {
        match self.0 {
            View::Row { row, .. } => row.category,
            View::Tracked(t) => t.asset().category(),
        }
    }
    #[inline]
    fn stores_data(&self) -> bool {
        match self.0 {
            View::Row { row, .. } => row.category.stores_data_by_default(),
            View::Tracked(t) => t.asset().stores_data(),
        }
    }
    #[inline]
    fn purchased_on(&self) -> NaiveDate {
        match self.0 {
            View::Row { row, .. } => row.bought,
            View::Tracked(t) => t.asset().purchased_on(),
        }
    }
    #[inline]
    fn cost(&self) -> Money {
        match self.0 {
            View::Row { row, holder, .. } => price(row.category, holder),
            View::Tracked(t) => t.asset().cost(),
        }
    }
    #[inline]
    fn useful_life_months(&self) -> u32 {
        match self.0 {
            View::Row { row, .. } => profile(row.category).1,
            View::Tracked(t) => t.asset().useful_life_months(),
        }
    }
    #[inline]
    fn warranty_months(&self) -> u32 {
        match self.0 {
            View::Row { row, .. } => profile(row.category).2,
            View::Tracked(t) => t.asset().warranty_months(),
        }
    }
    #[inline]
    fn transitions(&self) -> impl Iterator<Item = (NaiveDate, Transition)> + '_ {
        match self.0 {
            View::Row { row, holder, .. } => Transitions::Row {
                row,
                holder,
                next: 0,
            },
            View::Tracked(t) => Transitions::Log(t.log().entries().iter()),
        }
    }
    #[inline]
    fn state_on(&self, date: NaiveDate) -> remit_assets::Lifecycle {
        match self.0 {
            View::Tracked(t) => t.state_on(date),
            View::Row { .. } => self
                .transitions()
                .take_while(|(on, _)| *on <= date)
                .fold(self.initial_state(), |state, (on, t)| {
                    remit_assets::step(state, on, t)
                }),
        }
    }
}

/// The purchase price of a category for a holder, in their currency.
fn price(category: Category, holder: &Holder) -> Money {
    let (list_price, _, _) = profile(category);
    Money::new(
        Decimal::new(list_price * holder.multiplier, 2).round_dp(holder.places),
        holder.currency,
    )
}

fn wipe(on: NaiveDate) -> Result<Box<SanitisationRecord>, remit_assets::RecordError> {
    SanitisationRecord::new(
        SanitisationMethod::Purge,
        "NVMe sanitize (crypto erase)",
        Verification::ToolReport,
        on,
        "depot technician",
    )
    .map(Box::new)
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
    let roster = org.roster();
    let mut holders = Vec::with_capacity(roster.len());
    let mut rows = Vec::with_capacity(roster.len() * 5);
    // Currency codes already parsed (a dozen at most).
    let mut currencies: Vec<(&str, Currency)> = Vec::new();
    let id_of = |serial: u64| AssetId::from_uuid(Uuid::from_u128(id_base ^ u128::from(serial)));

    for employee in roster.iter() {
        let who = employee.id();
        let (code, multiplier) = currency_for(employee.country().as_str());
        let currency = match currencies.iter().find(|(c, _)| *c == code) {
            Some((_, currency)) => *currency,
            None => {
                let currency = Currency::new(code).map_err(|e| reject(&e))?;
                currencies.push((code, currency));
                currency
            }
        };
        let prefix = match code.as_bytes() {
            [a, b, ..] => [*a, *b],
            _ => return Err(AssetSynthError::Rejected(format!("currency code {code}"))),
        };
        let left = employee.left_on();
        let holder = u32::try_from(holders.len())
            .map_err(|_| AssetSynthError::Rejected("more than 2^32 employees".to_owned()))?;
        holders.push(Holder {
            id: who,
            currency,
            multiplier,
            places: currency.minor_units().unwrap_or(0),
            left,
            due: left.map(|l| day(l, sla)),
            prefix,
        });
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
        let onsite = employee.work_mode() == WorkMode::Onsite;
        let hired = back(employee.hired_on(), 10);
        for category in kit.iter() {
            let (_, life, _) = profile(category);
            // Bought at hire or at the latest refresh before `end`.
            let refresh_days = u64::from(life) * 30;
            let bought = back(end, 10 + rng::below(&mut rng, refresh_days)).max(hired);
            serial += 1;
            // Every date drawn in a fixed order.
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
                    truth.never_returned.push(id_of(serial));
                    None
                } else if late {
                    truth.late_returns.push(id_of(serial));
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
                    .filter(|d| category.stores_data_by_default() && *d <= as_of);
            }
            let row = Row {
                holder,
                category,
                bought,
                delivered,
                audited,
                shipped,
                received,
                wiped,
            };
            keys.n += row.events(left.is_some());
            rows.push(row);
        }
    }

    // Old laptops retired: most properly, some planted without sanitisation.
    let retired = (roster.len() / 50).max(config.unsanitised_retirements);
    let mut retired_assets = Vec::with_capacity(retired);
    for i in 0..retired {
        let planted = i < config.unsanitised_retirements;
        serial += 1;
        let bought = back(as_of, 5 * 365 + rng::below(&mut rng, 365));
        let tag = AssetTag::new(&format!("OLD-{serial:07}")).map_err(|e| reject(&e))?;
        let eur = Currency::new("EUR").map_err(|e| reject(&e))?;
        let asset = Asset::builder(tag.clone(), Category::Laptop)
            .id(id_of(serial))
            .purchased(bought, Money::new(Decimal::from(1_400), eur))
            .useful_life_months(36)
            .warranty_months(36)
            .build()
            .map_err(|e| reject(&e))?;
        let mut a = TrackedAsset::ordered(asset);
        let holder = holders
            .get(rng::below(&mut rng, holders.len() as u64) as usize)
            .map_or(EmployeeId::from_uuid(Uuid::nil()), |h| h.id);
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
            let record = wipe(day(returned, 5)).map_err(|e| reject(&e))?;
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
        retired_assets.push(a);
    }
    Ok(SynthFleet {
        holders,
        rows,
        retired: retired_assets,
        id_base,
        key_base: keys.base,
        fallback_holder: Holder {
            id: EmployeeId::from_uuid(Uuid::nil()),
            currency: Currency::new("EUR").map_err(|e| reject(&e))?,
            multiplier: 100,
            places: 2,
            left: None,
            due: None,
            prefix: *b"EU",
        },
        fallback_tag: AssetTag::new("SYNTH").map_err(|e| reject(&e))?,
        truth,
    })
}
