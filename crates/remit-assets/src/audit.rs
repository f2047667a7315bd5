//! [`audit`]: the one entry point. It reads the fleet once and the workforce twice, then
//! releases the groups it publishes about through the disclosure engine in a fixed
//! order, and builds the report's findings and chart from what was released.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use foldhash::fast::FixedState;
use remit_core::disclosure::{Audience, Disclosed, Disclosure, DisclosureError, Population};
use remit_core::{AssetId, CountryCode, Coverage, Currency, Domain, EmployeeId, Money, WorkMode};
use remit_core::{Workforce, duplicates::first_duplicate};

use crate::asset::Category;
use crate::config::Config;
use crate::error::Error;
use crate::figures::{
    CategoryKit, ChairGap, CountryRecovery, CurrencyCost, KitFigures, ModeKit, RetrievalFigures,
    RetrievalSummary,
};
use crate::fleet::{AssetHistory, Fleet};
use crate::forecast::FleetCheck;
use crate::inputs::Inputs;
use crate::kit::{Held, Holdings, KitList, KitPolicy, KitPrices, assess};
use crate::report::{AssetsReport, Staff};
use crate::retrieval::{Case, Leavers, Outcome, RetrievalPolicy, Stage, follow, leavers};
use crate::{charts, findings};

/// The name of the population of staff in the disclosure engine (`assets/staff`): every
/// employee active on the as-of date whom the kit policy requires at least one item of,
/// in workforce order. The private values are what each one lacks (and what closing
/// their gaps costs); kit coverage, the kit chart and group comparisons are released
/// over it.
pub const STAFF: &str = "staff";

/// The name of the population of leavers in the disclosure engine (`assets/leavers`):
/// every employee who left on or before the as-of date, in workforce order. The private
/// values are their retrieval cases (how many assets they held, and how each case
/// stands); retrieval figures and recovery by country are released over it.
pub const LEAVERS: &str = "leavers";

/// Audits the equipment of remote employees: kit coverage, offboarding retrieval,
/// sanitisation, missing assets, physical audits, warranties and end of life.
///
/// The fleet is read once (each asset's state on the as-of date feeds kit coverage and
/// the fleet checks, and the histories of assets handed to leavers are followed for
/// retrieval) and the workforce twice. Then every figure about people is released
/// through `disclosure`, headline groups first so that what is withheld falls on small
/// groups:
///
/// 1. population [`STAFF`]: everyone; the work modes (largest first); the groups of staff
///    who need each category (largest first; a group equal to one already released is
///    not asked again); the remote and hybrid staff who need an ergonomic chair; the
///    staff with items priced in each currency (largest first);
/// 2. population [`LEAVERS`]: everyone; their countries (largest first).
///
/// A figure whose group the engine refuses is
/// [`Disclosed::Suppressed`](remit_core::disclosure::Disclosed); findings and the chart
/// are built afterwards from released figures only, once. Facts about assets that
/// describe no person (assets retired unsanitised, missing assets, overdue physical
/// audits, warranties and end of life) are published as they are; see the
/// [crate documentation](crate) for where the line is drawn.
///
/// The report's [`coverage`](remit_core::Audit::coverage) is *not measured*, with the
/// reason, when the fleet lists no assets, when nobody active needs equipment, or when
/// the engine withholds the staff as a whole (too few people to publish anything about
/// their kit).
///
/// # Errors
///
/// [`Error::DuplicateAsset`] when the fleet lists an asset id twice (naming its tag);
/// [`Error::DuplicateEmployee`] when the workforce lists an employee twice (or as both
/// active and a leaver); [`Error::Money`] when a sum of money overflows; nothing is
/// registered in the engine then. [`Error::Disclosure`] when the engine refuses the call
/// (never for a refusal to publish, which is a suppressed figure); [`Error::Finding`]
/// for a finding this crate failed to word.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use remit_assets::{audit, codes, AssetTag, Asset, Category, Command, Config, Inputs, TrackedAsset};
/// use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy};
/// use remit_core::{Audit, CountryCode, Currency, Department, Employee, EmployeeId, EventId, JobLevel, Money, Roster, WorkMode};
/// use rust_decimal::Decimal;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// // Twelve remote employees, each with a laptop; nobody has the rest of the home office.
/// let mut people = Vec::new();
/// let mut fleet = Vec::new();
/// for i in 0..12 {
///     let id = EmployeeId::from_external(&format!("E-{i}"));
///     people.push(
///         Employee::builder(id)
///             .work_mode(WorkMode::Remote)
///             .country(CountryCode::new("PT")?)
///             .time_zone(remit_core::chrono_tz::Europe::Lisbon)
///             .level(JobLevel::new(2))
///             .department(Department::new("Support")?)
///             .hired_on(d(1, 6))
///             .build()?,
///     );
///     let laptop = Asset::builder(AssetTag::new(&format!("LT-{i}"))?, Category::Laptop)
///         .purchased(d(1, 6), Money::new(Decimal::from(1200), Currency::new("EUR")?))
///         .useful_life_months(36)
///         .build()?;
///     let mut tracked = TrackedAsset::ordered(laptop);
///     tracked.execute(EventId::from_external(&format!("r{i}")), &Command::Receive, d(1, 6))?;
///     tracked.execute(EventId::from_external(&format!("a{i}")), &Command::Assign { employee: id }, d(1, 7))?;
///     fleet.push(tracked);
/// }
/// let roster = Roster::new(people)?;
///
/// let mut engine = Disclosure::new(DisclosurePolicy::default());
/// let report = audit(&Inputs::new(&roster, &fleet), &Config::new(d(6, 30)), &mut engine)?;
///
/// let kit = report.kit().expect("measured");
/// assert_eq!(kit.lacking, Disclosed::Published(12));
/// assert_eq!(report.findings()[0].code(), &codes::KIT_GAP);
/// assert!(report.findings()[0].title().starts_with("12 of 12 staff lack"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn audit<W: Workforce + ?Sized, F: Fleet + ?Sized>(
    inputs: &Inputs<'_, W, F>,
    config: &Config,
    disclosure: &mut Disclosure,
) -> Result<AssetsReport, Error> {
    let as_of = config.as_of();
    let workforce = inputs.workforce();
    let fleet = inputs.fleet();
    let policy = config.retrieval();

    // 1. Leavers, numbered in workforce order.
    let leavers = leavers(workforce, as_of)?;

    // 2. The fleet, read once.
    let mut held = Holdings::with_capacity(workforce.headcount());
    let mut checks = FleetCheck::new(config.audit_interval_months(), config.horizon_end(), as_of);
    let mut retrieval = RetrievalTally::new(leavers.len());
    let assets = fleet.assets();
    let mut ids: Vec<AssetId> = Vec::with_capacity(assets.size_hint().0);
    for (position, a) in assets.enumerate() {
        ids.push(a.id());
        let state = if leavers.is_empty() {
            a.state_on(as_of)
        } else {
            follow(&a, &leavers, policy, as_of, &mut |case| {
                retrieval.add(&case, policy, as_of);
            })
        };
        held.add(state.status(), a.category());
        checks.add(position, &a, &state)?;
    }
    if let Some(duplicate) = first_duplicate(ids.iter().copied()) {
        let tag = fleet
            .assets()
            .find(|a| a.id() == duplicate)
            .map(|a| a.tag());
        return Err(match tag {
            Some(tag) => Error::DuplicateAsset { tag },
            // A fleet that lists an id twice but cannot find it again is not a fleet.
            None => Error::DuplicateAsset {
                tag: crate::AssetTag::new(&duplicate.to_string())?,
            },
        });
    }
    let fleet_is_empty = ids.is_empty();
    drop(ids);
    let checks = checks.finish(fleet);

    // 3. The staff and their kit.
    let mut staff = StaffKit::gather(
        workforce,
        &leavers,
        &held.finish(),
        inputs.kit_policy(),
        inputs.prices(),
        as_of,
    )?;

    // 4. Releases, staff first, then leavers.
    let coverage;
    let (kit, staff_state, missing_chair) = if fleet_is_empty {
        coverage =
            Coverage::not_measured("the fleet lists no assets, so there is no equipment to check");
        (None, None, Vec::new())
    } else if staff.ids.is_empty() {
        coverage = Coverage::not_measured(format!(
            "no employee active on {as_of} needs equipment under the kit policy"
        ));
        (None, None, Vec::new())
    } else {
        let (kit, population) = staff.release(disclosure)?;
        coverage = match kit.staff {
            Disclosed::Published(_) => Coverage::Measured,
            Disclosed::Suppressed(reason) => Coverage::not_measured(format!(
                "kit coverage is withheld: {}",
                findings::withheld_reason(reason)
            )),
        };
        let measured = coverage.is_measured();
        let staff_state = measured.then(|| Staff::new(population, staff.complete));
        let missing_chair = if measured {
            staff.missing_chair
        } else {
            Vec::new()
        };
        (Some(kit), staff_state, missing_chair)
    };
    let retrieval = if fleet_is_empty || leavers.is_empty() {
        None
    } else {
        Some(retrieval.release(&leavers, disclosure)?)
    };

    // 5. Findings and the chart, from released figures only.
    let findings = findings::build(&findings::Sources {
        kit: kit.as_ref().filter(|_| coverage.is_measured()),
        retrieval: retrieval.as_ref(),
        checks: &checks,
        config,
    })?;
    let charts = kit
        .as_ref()
        .filter(|_| coverage.is_measured())
        .and_then(charts::kit_coverage)
        .into_iter()
        .collect();
    Ok(AssetsReport::new(crate::report::Parts {
        as_of,
        coverage,
        kit,
        retrieval,
        checks,
        findings,
        charts,
        staff: staff_state,
        missing_chair,
    }))
}

/// Registers a population, turning the engine's duplicate refusal into the crate's
/// error naming the employee.
fn register(
    disclosure: &mut Disclosure,
    name: &str,
    members: Vec<EmployeeId>,
) -> Result<Population, Error> {
    disclosure
        .register(Domain::Assets, name, members)
        .map_err(|e| match e {
            DisclosureError::DuplicateMember { member, .. } => {
                Error::DuplicateEmployee { employee: member }
            }
            other => Error::Disclosure(other),
        })
}

/// A local index, or the error for a population too large to index.
fn local(len: usize) -> Result<u32, Error> {
    u32::try_from(len).map_err(|_| Error::TooManyPeople)
}

/// `part / whole` as a share, for a group the engine granted (`whole > 0`).
fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// One pricing class: the currencies a person's required items are priced in and the
/// required categories without a price, for one country and one required kit.
#[derive(Debug, Clone, Default)]
struct Pricing {
    currencies: Vec<Currency>,
    unpriced: KitList,
}

/// What the staff pass gathers: the population's members with the private values and
/// group memberships the releases need.
#[derive(Debug, Default)]
struct StaffKit {
    /// The population, in workforce order.
    ids: Vec<EmployeeId>,
    /// Whether each member holds their complete kit.
    complete: Vec<bool>,
    /// Each member's required-kit class (an index into `classes`).
    class_of: Vec<u16>,
    /// The distinct required kits.
    classes: Vec<KitList>,
    /// Members per class.
    class_size: Vec<u64>,
    /// Members per work mode.
    modes: [Vec<u32>; 3],
    lacking_by_mode: [u64; 3],
    required_by_mode: [u64; 3],
    held_by_mode: [u64; 3],
    required_by_category: [u64; 12],
    lacking_by_category: [u64; 12],
    /// Remote and hybrid members who need an ergonomic chair.
    home_chair: Vec<u32>,
    home_chair_lacking: u64,
    /// The remote and hybrid members without the chair they need, by id.
    missing_chair: Vec<EmployeeId>,
    /// Per currency: the members with a required item priced in it, and the sum of the
    /// prices of their missing items in it.
    currencies: BTreeMap<Currency, (Vec<u32>, Money)>,
    unpriced: KitList,
}

impl StaffKit {
    /// Reads the workforce: who is in the population and what each one lacks.
    fn gather<W: Workforce + ?Sized>(
        workforce: &W,
        leavers: &Leavers,
        held: &Held,
        policy: &dyn KitPolicy,
        prices: &KitPrices,
        as_of: NaiveDate,
    ) -> Result<Self, Error> {
        let mut out = StaffKit::default();
        let expected = workforce.headcount();
        out.ids.reserve(expected);
        out.complete.reserve(expected);
        out.class_of.reserve(expected);
        // Required kit (its 12 bits) → class index.
        let mut class_table = vec![u16::MAX; 1 << Category::ALL.len()];
        let mut pricing_of: HashMap<(CountryCode, u16), usize, FixedState> = HashMap::default();
        let mut pricings: Vec<Pricing> = Vec::new();
        let priced = !prices.is_empty();
        for employee in workforce.employees() {
            if !employee.is_active_on(as_of) {
                continue;
            }
            let id = employee.id();
            if leavers.contains_key(&id) {
                return Err(Error::DuplicateEmployee { employee: id });
            }
            let (required, missing) = assess(&employee, held, policy);
            if required.is_empty() {
                continue;
            }
            let me = local(out.ids.len())?;
            out.ids.push(id);
            out.complete.push(missing.is_empty());
            let slot = &mut class_table[usize::from(u16::from(required))];
            if *slot == u16::MAX {
                *slot = out.classes.len() as u16;
                out.classes.push(required);
                out.class_size.push(0);
            }
            let class = *slot;
            out.class_of.push(class);
            if let Some(size) = out.class_size.get_mut(usize::from(class)) {
                *size += 1;
            }
            let mode = employee.work_mode();
            let m = mode.index();
            out.modes[m].push(me);
            out.required_by_mode[m] += required.len() as u64;
            out.held_by_mode[m] += (required.len() - missing.len()) as u64;
            if mode != WorkMode::Onsite && required.contains(Category::ErgonomicChair) {
                out.home_chair.push(me);
                if missing.contains(Category::ErgonomicChair) {
                    out.home_chair_lacking += 1;
                    out.missing_chair.push(id);
                }
            }
            let country = employee.country();
            if priced {
                let at = *pricing_of.entry((country, class)).or_insert_with(|| {
                    let mut pricing = Pricing::default();
                    for c in required.iter() {
                        match prices.price(country, c) {
                            Some(p) if !pricing.currencies.contains(&p.currency()) => {
                                pricing.currencies.push(p.currency());
                            }
                            Some(_) => {}
                            None => pricing.unpriced = pricing.unpriced.with(c),
                        }
                    }
                    pricings.push(pricing);
                    pricings.len() - 1
                });
                if let Some(pricing) = pricings.get(at) {
                    for currency in &pricing.currencies {
                        out.currencies
                            .entry(*currency)
                            .or_insert_with(|| (Vec::new(), Money::zero(*currency)))
                            .0
                            .push(me);
                    }
                }
            }
            if missing.is_empty() {
                continue;
            }
            out.lacking_by_mode[m] += 1;
            for c in missing.iter() {
                out.lacking_by_category[c.index()] += 1;
                if let Some(p) = prices.price(country, c)
                    && let Some((_, total)) = out.currencies.get_mut(&p.currency())
                {
                    *total = total
                        .checked_add(&p)
                        .map_err(Error::money(|| "cost of closing the kit gaps"))?;
                }
            }
        }
        for (kit, size) in out.classes.iter().zip(&out.class_size) {
            for c in kit.iter() {
                out.required_by_category[c.index()] += size;
            }
        }
        out.unpriced = if priced {
            pricings
                .iter()
                .fold(KitList::EMPTY, |all, p| all.union(p.unpriced))
        } else {
            out.classes
                .iter()
                .fold(KitList::EMPTY, |all, kit| all.union(*kit))
        };
        Ok(out)
    }

    /// Registers the population and releases its groups in the documented order;
    /// returns the released figures and the population handle.
    fn release(&mut self, disclosure: &mut Disclosure) -> Result<(KitFigures, Population), Error> {
        let n = self.ids.len() as u64;
        let everyone: Vec<u32> = (0..local(self.ids.len())?).collect();
        let population = register(disclosure, STAFF, std::mem::take(&mut self.ids))?;
        let all = disclosure.release(&population, &everyone, Audience::General)?;
        drop(everyone);

        // Work modes, largest first.
        let present: Vec<WorkMode> = WorkMode::ALL
            .into_iter()
            .filter(|m| !self.modes[m.index()].is_empty())
            .collect();
        let cells: Vec<&[u32]> = present
            .iter()
            .map(|m| self.modes[m.index()].as_slice())
            .collect();
        let mode_decisions = disclosure.release_cells(&population, &cells, Audience::General)?;

        // The staff who need each category. Categories needed by the same required-kit
        // classes have the same group; a group of every class is everyone.
        let mut sets: Vec<Vec<u16>> = Vec::new();
        let mut set_of_category: [Option<usize>; 12] = [None; 12];
        for c in Category::ALL {
            let classes: Vec<u16> = (0..self.classes.len() as u16)
                .filter(|&k| {
                    self.classes
                        .get(usize::from(k))
                        .is_some_and(|kit| kit.contains(c))
                })
                .collect();
            if classes.is_empty() || classes.len() == self.classes.len() {
                continue;
            }
            let at = match sets.iter().position(|s| *s == classes) {
                Some(at) => at,
                None => {
                    sets.push(classes);
                    sets.len() - 1
                }
            };
            set_of_category[c.index()] = Some(at);
        }
        let mut in_set = vec![false; self.classes.len()];
        let lists: Vec<Vec<u32>> = sets
            .iter()
            .map(|set| {
                in_set.iter_mut().for_each(|x| *x = false);
                for &k in set {
                    if let Some(x) = in_set.get_mut(usize::from(k)) {
                        *x = true;
                    }
                }
                self.class_of
                    .iter()
                    .enumerate()
                    .filter(|(_, k)| in_set.get(usize::from(**k)).copied().unwrap_or(false))
                    .map(|(i, _)| i as u32)
                    .collect()
            })
            .collect();
        let cells: Vec<&[u32]> = lists.iter().map(Vec::as_slice).collect();
        let set_decisions = disclosure.release_cells(&population, &cells, Audience::General)?;
        let category_decision = |c: Category| match set_of_category[c.index()] {
            Some(at) => set_decisions.get(at).copied().unwrap_or(all),
            None => all,
        };

        // Remote and hybrid staff who need a chair: usually exactly the staff who need
        // a chair (then the same group, already decided).
        let home_chairs = if self.home_chair.is_empty() {
            None
        } else {
            let needing = self.required_by_category[Category::ErgonomicChair.index()];
            let decision = if self.home_chair.len() as u64 == needing {
                category_decision(Category::ErgonomicChair)
            } else {
                disclosure.release(&population, &self.home_chair, Audience::General)?
            };
            Some(ChairGap {
                staff: decision.disclose(self.home_chair.len() as u64),
                lacking: decision.disclose(self.home_chair_lacking),
            })
        };

        // Staff with items priced in each currency, largest first.
        let cells: Vec<&[u32]> = self
            .currencies
            .values()
            .map(|(members, _)| members.as_slice())
            .collect();
        let currency_decisions =
            disclosure.release_cells(&population, &cells, Audience::General)?;

        let lacking: u64 = self.lacking_by_mode.iter().sum();
        let required: u64 = self.required_by_mode.iter().sum();
        let held: u64 = self.held_by_mode.iter().sum();
        let kit = KitFigures {
            staff: all.disclose(n),
            lacking: all.disclose(lacking),
            complete_share: all.disclose(share(n - lacking.min(n), n)),
            items_in_place: all.disclose(share(held, required)),
            by_mode: present
                .iter()
                .zip(&mode_decisions)
                .map(|(&mode, &decision)| {
                    let m = mode.index();
                    let staff = self.modes[m].len() as u64;
                    let lacking = self.lacking_by_mode[m];
                    ModeKit {
                        work_mode: mode,
                        staff: decision.disclose(staff),
                        lacking: decision.disclose(lacking),
                        complete_share: decision.disclose(share(staff - lacking.min(staff), staff)),
                        items_in_place: decision
                            .disclose(share(self.held_by_mode[m], self.required_by_mode[m])),
                    }
                })
                .collect(),
            by_category: Category::ALL
                .into_iter()
                .filter(|c| self.required_by_category[c.index()] > 0)
                .map(|c| {
                    let decision = category_decision(c);
                    CategoryKit {
                        category: c,
                        required_of: decision.disclose(self.required_by_category[c.index()]),
                        lacking: decision.disclose(self.lacking_by_category[c.index()]),
                    }
                })
                .collect(),
            home_chairs,
            cost_to_close: self
                .currencies
                .iter()
                .zip(&currency_decisions)
                .map(|((&currency, (members, amount)), &decision)| CurrencyCost {
                    currency,
                    staff: decision.disclose(members.len() as u64),
                    amount: decision.disclose(*amount),
                })
                .collect(),
            unpriced: self.unpriced,
        };
        Ok((kit, population))
    }
}

/// What the retrieval cases add up to, per leaver, per country and in total.
#[derive(Debug, Default)]
struct RetrievalTally {
    /// Per leaver: [`HOLDING`] and [`OVERDUE`] bits.
    flags: Vec<u8>,
    totals: RetrievalSummary,
    /// Per country: assets due by the as-of date, and how many of them came back.
    by_country: BTreeMap<CountryCode, (u64, u64)>,
}

/// The leaver held an asset when they left.
const HOLDING: u8 = 1;
/// The leaver has an overdue case.
const OVERDUE: u8 = 2;

impl RetrievalTally {
    fn new(leavers: usize) -> Self {
        Self {
            flags: vec![0; leavers],
            ..Self::default()
        }
    }

    fn add(&mut self, case: &Case, policy: &RetrievalPolicy, as_of: NaiveDate) {
        let Some(flags) = self.flags.get_mut(case.leaver as usize) else {
            return;
        };
        *flags |= HOLDING;
        let t = &mut self.totals;
        t.assets += 1;
        match case.stage(policy, as_of) {
            Stage::Open => t.open += 1,
            Stage::Reminded { .. } => t.reminded += 1,
            Stage::Escalated => t.escalated += 1,
            Stage::Overdue { .. } => {
                t.overdue += 1;
                *flags |= OVERDUE;
            }
            Stage::Closed(Outcome::Returned { .. }) if case.returned_late() => {
                t.returned_late += 1;
            }
            Stage::Closed(Outcome::Returned { .. }) => t.returned_on_time += 1,
            Stage::Closed(Outcome::Gifted { .. }) => t.gifted += 1,
            Stage::Closed(Outcome::WrittenOff { .. }) => t.written_off += 1,
        }
        if case.due_on <= as_of {
            let country = self.by_country.entry(case.country).or_default();
            country.0 += 1;
            if matches!(case.outcome, Some(Outcome::Returned { on }) if on <= as_of) {
                country.1 += 1;
            }
        }
    }

    /// Registers the leavers and releases everyone, then their countries (largest
    /// first).
    fn release(
        mut self,
        leavers: &Leavers,
        disclosure: &mut Disclosure,
    ) -> Result<RetrievalFigures, Error> {
        // In workforce order (the map's iteration order is not deterministic).
        let mut ordered: Vec<(u32, EmployeeId, CountryCode)> = leavers
            .iter()
            .map(|(&id, leaver)| (leaver.index, id, leaver.country))
            .collect();
        ordered.sort_unstable_by_key(|&(index, _, _)| index);
        let mut countries: BTreeMap<CountryCode, Vec<u32>> = BTreeMap::new();
        for (i, (_, _, country)) in ordered.iter().enumerate() {
            countries.entry(*country).or_default().push(local(i)?);
        }
        let population = register(
            disclosure,
            LEAVERS,
            ordered.iter().map(|&(_, id, _)| id).collect(),
        )?;
        let everyone: Vec<u32> = (0..local(ordered.len())?).collect();
        let all = disclosure.release(&population, &everyone, Audience::General)?;
        let cells: Vec<&[u32]> = countries.values().map(Vec::as_slice).collect();
        let decisions = disclosure.release_cells(&population, &cells, Audience::General)?;

        self.totals.leavers = ordered.len() as u64;
        self.totals.holding = self.flags.iter().filter(|f| *f & HOLDING != 0).count() as u64;
        self.totals.overdue_leavers =
            self.flags.iter().filter(|f| *f & OVERDUE != 0).count() as u64;
        Ok(RetrievalFigures {
            summary: all.disclose(self.totals),
            by_country: countries
                .iter()
                .zip(decisions)
                .map(|((&country, members), decision)| {
                    let (due, returned) =
                        self.by_country.get(&country).copied().unwrap_or_default();
                    CountryRecovery {
                        country,
                        leavers: decision.disclose(members.len() as u64),
                        assets_due: decision.disclose(due),
                        returned: decision.disclose(returned),
                    }
                })
                .collect(),
        })
    }
}
