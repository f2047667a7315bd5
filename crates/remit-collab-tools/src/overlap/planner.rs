//! [`OverlapPlanner`]: shared working time of many teams over one date range, with each
//! zone's offsets and each kind of member's UTC windows computed once.

use chrono::NaiveDate;
use chrono_tz::Tz;
use remit_core::{Period, TeamId};

use super::config::OverlapConfig;
use super::intervals::{Interval, add_wall_range, core_window, covers, intersect, intersect_all};
use super::meeting::{MeetingSlot, MemberBurden, Rotation, SlotFairness};
use super::schedule::{DAY_MINUTES, Workdays, WorkingHours};
use super::summary::TeamOverlap;
use super::team::{Member, Team};
use crate::error::Error;
use crate::zone::{DAY, ZoneOffsets, check_tz_date, epoch_day};

/// The longest date range a planner accepts: ten years.
pub const MAX_RANGE_DAYS: i64 = 3_660;

/// Member windows are built for the local dates from `LOCAL_DAYS_BEFORE` days before
/// the range's first date `F` to [`LOCAL_DAYS_AFTER`] days after its end `E` (the day
/// after its last date): every window that can meet what the planner asks about.
///
/// The bound (dates as days since the epoch, `DAY` = 86 400 s):
///
/// - Every UTC offset lies strictly between −24 h and +24 h (chrono's `FixedOffset`
///   cannot hold more; the tz database's extremes are local mean times of about −15:56
///   and +15:13), so a wall time converts to an instant less than a day away from it.
/// - The planner asks about instants in `((F − 1)·DAY, (E + 2)·DAY)`. Anchor days run
///   from the anchor's midnight of `F` to its midnight of `E`, each within a day of its
///   wall time. A meeting starts at most 23:59 after the anchor's midnight of a date
///   before `E`, so before `(E + 1)·DAY`, and lasts at most 24 hours.
/// - A window of local date `d` starts at most 23:59 after local midnight and lasts at
///   most 24 hours, so it lies in `((d − 1)·DAY, (d + 3)·DAY)`.
///
/// So a window of local date `d` can meet the range only if `d + 3 > F − 1` and
/// `d − 1 < E + 2`, that is `F − 3 <= d <= E + 2`. The earlier margin (`F − 2` to `E + 1`)
/// lost the first hour of a team 26 hours apart whose windows start at 23:00 and last a
/// day, and the end of a day-long meeting on the range's last date.
const LOCAL_DAYS_BEFORE: i64 = 3;

/// Member windows are built up to `LOCAL_DAYS_AFTER` local dates after the range's end
/// (the day after its last date); see [`LOCAL_DAYS_BEFORE`] for the bound.
const LOCAL_DAYS_AFTER: i64 = 2;

type MemberKey = (Tz, WorkingHours, Workdays);

/// Computes overlaps for many teams over one date range, caching each zone's offsets
/// and each (zone, hours, workdays) combination's UTC intervals.
#[derive(Debug, Clone)]
pub struct OverlapPlanner {
    period: Period,
    config: OverlapConfig,
    day0: i64,
    days: usize,
    pub(super) utc_from: i64,
    pub(super) utc_to: i64,
    anchor: ZoneOffsets,
    midnights: Vec<i64>,
    anchor_workday: Vec<bool>,
    /// For each anchor date: its offset if it is a workday whose wall clock runs from
    /// midnight to midnight on that one offset (the instants between its midnights and
    /// its wall-clock minutes correspond one to one), `None` otherwise.
    workday_offset: Vec<Option<i64>>,
    /// The pieces `(midnight, from, to, offset)` of the wall clock of every other
    /// workday (those with a clock change): walls in `[from, to)` resolve to
    /// `wall - offset`; `midnight` is the day's wall-clock start.
    change_day_pieces: Vec<(i64, i64, i64, i64)>,
    workdays_counted: u32,
    zones: crate::FastMap<Tz, ZoneOffsets>,
    /// Each distinct (zone, hours, workdays) seen, numbered in order of first sight.
    keys: crate::FastMap<MemberKey, u32>,
    /// The UTC working intervals of each numbered key.
    lists: Vec<Vec<Interval>>,
    /// Zones numbered in order of first sight.
    zone_numbers: crate::FastMap<Tz, u32>,
    /// The number of each numbered key's zone.
    key_zone: Vec<u32>,
    /// Intersections of two or more keys of one zone, by their sorted key numbers: teams
    /// form around places, so the same few same-zone combinations recur in many teams.
    zone_memo: crate::FastMap<Box<[u32]>, Vec<Interval>>,
    /// Results by the sorted set of distinct member keys: a team's shared time is the
    /// intersection of its members' intervals, so it depends only on that set.
    memo: crate::FastMap<Box<[u32]>, usize>,
    /// The memoised results, indexed by `memo`.
    results: Vec<TeamOverlap>,
    /// Scratch for a team's key numbers.
    scratch_ids: Vec<u32>,
}

impl OverlapPlanner {
    /// A planner for the anchor dates of `period`.
    ///
    /// # Errors
    ///
    /// [`Error::RangeTooLong`] beyond [`MAX_RANGE_DAYS`];
    /// [`Error::OutsideTimeZoneData`] if the range ends after
    /// [`TZ_DATA_LAST_YEAR`](crate::TZ_DATA_LAST_YEAR) (or starts within a week of chrono's first date);
    /// [`Error::NoAnchorWorkdays`] if no date of the range is an anchor workday.
    pub fn new(period: Period, config: OverlapConfig) -> Result<Self, Error> {
        check_tz_date("overlap planner", "period", period.last_day())?;
        check_tz_date("overlap planner", "period", period.start())?;
        let days = period.days();
        if days > MAX_RANGE_DAYS {
            return Err(Error::RangeTooLong {
                start: period.start(),
                end: period.end(),
                days,
                max: MAX_RANGE_DAYS,
            });
        }
        let day0 = epoch_day(period.start());
        let day_end = day0 + days;
        // The windows of local dates `d` in `day0 - LOCAL_DAYS_BEFORE ..= day_end +
        // LOCAL_DAYS_AFTER` lie in `((d - 1)·DAY, (d + 3)·DAY)` (see
        // `LOCAL_DAYS_BEFORE`), so these offsets serve every conversion.
        let utc_from = (day0 - LOCAL_DAYS_BEFORE - 1) * DAY;
        let utc_to = (day_end + LOCAL_DAYS_AFTER + 3) * DAY;
        let anchor = ZoneOffsets::build(config.anchor(), utc_from, utc_to);
        let midnights: Vec<i64> = (day0..=day_end)
            .map(|d| anchor.local_to_utc(d * DAY))
            .collect();
        let anchor_workday: Vec<bool> = (day0..day_end)
            .map(|d| config.anchor_workdays().contains_epoch_day(d))
            .collect();
        let workdays_counted = anchor_workday.iter().filter(|&&w| w).count() as u32;
        let mut workday_offset = vec![None; anchor_workday.len()];
        let mut change_day_pieces = Vec::new();
        for ((k, slot), _) in workday_offset
            .iter_mut()
            .enumerate()
            .zip(&anchor_workday)
            .filter(|(_, w)| **w)
        {
            let midnight = (day0 + k as i64) * DAY;
            let next = midnights.get(k + 1).copied();
            match anchor.wall_pieces(midnight, midnight + DAY).as_slice() {
                &[(_, _, offset)] if next == Some(midnight + DAY - i64::from(offset)) => {
                    *slot = Some(i64::from(offset));
                }
                pieces => change_day_pieces.extend(
                    pieces
                        .iter()
                        .map(|&(from, to, offset)| (midnight, from, to, i64::from(offset))),
                ),
            }
        }
        if workdays_counted == 0 {
            return Err(Error::NoAnchorWorkdays {
                start: period.start(),
                end: period.end(),
            });
        }
        Ok(Self {
            period,
            config,
            day0,
            days: days as usize,
            utc_from,
            utc_to,
            anchor,
            midnights,
            anchor_workday,
            workday_offset,
            change_day_pieces,
            workdays_counted,
            zones: crate::FastMap::default(),
            keys: crate::FastMap::default(),
            lists: Vec::new(),
            zone_numbers: crate::FastMap::default(),
            key_zone: Vec::new(),
            zone_memo: crate::FastMap::default(),
            memo: crate::FastMap::default(),
            results: Vec::new(),
            scratch_ids: Vec::new(),
        })
    }

    /// The anchor dates the planner answers for.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The anchor, anchor workdays, async-first threshold and core-window share it
    /// plans with.
    pub fn config(&self) -> &OverlapConfig {
        &self.config
    }

    /// The number of `key`, computing its UTC working intervals over the range on first
    /// sight.
    fn key_id(&mut self, key: MemberKey) -> u32 {
        if let Some(&id) = self.keys.get(&key) {
            return id;
        }
        let (tz, hours, workdays) = key;
        let (from, to) = (self.utc_from, self.utc_to);
        let zone = self
            .zones
            .entry(tz)
            .or_insert_with(|| ZoneOffsets::build(tz, from, to));
        let start = i64::from(hours.start_minute()) * 60;
        let length = i64::from(hours.length_minutes()) * 60;
        let first = self.day0 - LOCAL_DAYS_BEFORE;
        let last = self.day0 + self.days as i64 + LOCAL_DAYS_AFTER;
        let mut out: Vec<Interval> = Vec::with_capacity((last - first + 1) as usize);
        for d in first..=last {
            if !workdays.contains_epoch_day(d) {
                continue;
            }
            let wall = d * DAY + start;
            let s = zone.local_to_utc(wall);
            let e = zone.local_to_utc(wall + length);
            if e <= s {
                continue;
            }
            match out.last_mut() {
                Some(prev) if prev.1 >= s => prev.1 = prev.1.max(e),
                _ => out.push((s, e)),
            }
        }
        let id = self.lists.len() as u32;
        self.lists.push(out);
        let next_zone = self.zone_numbers.len() as u32;
        let zone_number = *self.zone_numbers.entry(tz).or_insert(next_zone);
        self.key_zone.push(zone_number);
        self.keys.insert(key, id);
        id
    }

    fn member_intervals(&mut self, m: &Member) -> &[Interval] {
        let id = self.key_id((m.zone(), m.hours(), m.workdays()));
        self.lists.get(id as usize).map_or(&[], Vec::as_slice)
    }

    /// The intersection of the intervals of the numbered keys `ids`: within each zone
    /// (memoised), then across zones.
    fn intervals(&mut self, ids: &[u32]) -> Vec<Interval> {
        let mut by_zone: Vec<(u32, u32)> = ids
            .iter()
            .map(|&id| (self.key_zone.get(id as usize).copied().unwrap_or(0), id))
            .collect();
        by_zone.sort_unstable();
        let mut acc: Option<Vec<Interval>> = None;
        let mut scratch: Vec<Interval> = Vec::new();
        for run in by_zone.chunk_by(|a, b| a.0 == b.0) {
            let part: &[Interval] = match run {
                [(_, id)] => self.lists.get(*id as usize).map_or(&[], Vec::as_slice),
                _ => {
                    let key: Box<[u32]> = run.iter().map(|&(_, id)| id).collect();
                    let lists = &self.lists;
                    self.zone_memo
                        .entry(key)
                        .or_insert_with_key(|key| intersect_all(lists, key))
                }
            };
            acc = Some(match acc {
                None => part.to_vec(),
                Some(prev) => {
                    scratch.clear();
                    intersect(&prev, part, &mut scratch);
                    std::mem::replace(&mut scratch, prev)
                }
            });
            if acc.as_ref().is_some_and(Vec::is_empty) {
                break;
            }
        }
        acc.unwrap_or_default()
    }

    /// The team's overlap on each anchor date of the range and its summary.
    ///
    /// Teams whose members have the same set of distinct (zone, hours, workdays) share
    /// the same time, so the planner computes each such set once and reuses it.
    pub fn overlap(&mut self, team: &Team) -> TeamOverlap {
        let known = self.memoised(team);
        TeamOverlap {
            team: team.id(),
            ..known.clone()
        }
    }

    /// The team's overlap as computed for the first team with the same members' (zone,
    /// hours, workdays), without copying its daily minutes: what the tools audit reads
    /// for each of possibly a hundred thousand teams.
    pub(crate) fn overlap_ref(&mut self, team: &Team) -> &TeamOverlap {
        self.memoised(team)
    }

    fn memoised(&mut self, team: &Team) -> &TeamOverlap {
        let mut ids = std::mem::take(&mut self.scratch_ids);
        ids.clear();
        for m in team.members() {
            ids.push(self.key_id((m.zone(), m.hours(), m.workdays())));
        }
        ids.sort_unstable();
        ids.dedup();
        let at = match self.memo.get(ids.as_slice()) {
            Some(&at) => at,
            None => {
                let computed = self.compute(team.id(), &ids);
                self.results.push(computed);
                let at = self.results.len() - 1;
                self.memo.insert(ids.as_slice().into(), at);
                at
            }
        };
        self.scratch_ids = ids;
        // `at` indexes `results`, which only grows.
        &self.results[at]
    }

    /// The overlap of the numbered keys `ids`, reported for `team`.
    fn compute(&mut self, team: TeamId, ids: &[u32]) -> TeamOverlap {
        let shared = self.intervals(ids);
        let mut daily_secs = vec![0i64; self.days];
        // The core window reads the anchor's wall clock: minute `m` of anchor date `d` is
        // shared when the instant of the wall time `d + m` (resolved `fold=0`, like every
        // wall time in the crate) is shared. On a day of the anchor's own clock change
        // that is not the first shared instant plus a duration: a spring-forward gap
        // minute reads on the offset before the change, a fall-back minute counts once.
        let mut cover = [0i32; DAY_MINUTES as usize + 1];
        let first_midnight = self.midnights.first().copied().unwrap_or(0);
        // The shared intervals are sorted and disjoint, so the day only moves forward.
        let mut k = 0usize;
        for &(a0, b) in &shared {
            let mut a = a0.max(first_midnight);
            while a < b {
                // Day k: midnights[k] <= a < midnights[k + 1].
                while self.midnights.get(k + 1).is_some_and(|&m| m <= a) {
                    k += 1;
                }
                let Some(&eod) = self.midnights.get(k + 1) else {
                    break;
                };
                let end = b.min(eod);
                if let Some(slot) = daily_secs.get_mut(k) {
                    *slot += end - a;
                }
                // On a workday with one offset from midnight to midnight, the day's
                // instants and its wall clock correspond one to one.
                if let Some(Some(offset)) = self.workday_offset.get(k) {
                    let midnight = (self.day0 + k as i64) * DAY;
                    add_wall_range(&mut cover, a + offset - midnight, end + offset - midnight);
                }
                a = end;
            }
        }
        // Workdays with a clock change: each piece of wall clock with one offset takes
        // the shared instants its walls resolve to.
        for &(midnight, from, to, offset) in &self.change_day_pieces {
            let (utc_from, utc_to) = (from - offset, to - offset);
            let first = shared.partition_point(|iv| iv.1 <= utc_from);
            for &(s, e) in shared.get(first..).unwrap_or(&[]) {
                if s >= utc_to {
                    break;
                }
                add_wall_range(
                    &mut cover,
                    s.max(utc_from) + offset - midnight,
                    e.min(utc_to) + offset - midnight,
                );
            }
        }
        let daily: Vec<u16> = daily_secs
            .iter()
            .map(|&s| u16::try_from(s / 60).unwrap_or(u16::MAX))
            .collect();
        let mut work: Vec<u16> = daily
            .iter()
            .zip(&self.anchor_workday)
            .filter(|&(_, &w)| w)
            .map(|(&m, _)| m)
            .collect();
        let min_minutes = work.iter().copied().min().map_or(0, u32::from);
        let mid = (work.len().saturating_sub(1)) / 2;
        let typical_minutes = if work.is_empty() {
            0
        } else {
            u32::from(*work.select_nth_unstable(mid).1)
        };
        let core_window = core_window(
            &cover,
            self.workdays_counted,
            self.config.core_window_share(),
        );
        TeamOverlap {
            team,
            start: self.period.start(),
            daily,
            workdays_counted: self.workdays_counted,
            min_minutes,
            typical_minutes,
            core_window,
            async_first: typical_minutes < self.config.async_first_below_minutes(),
            async_first_below_minutes: self.config.async_first_below_minutes(),
        }
    }

    /// [`overlap`](Self::overlap) for each team, in order.
    pub fn overlap_all(&mut self, teams: &[Team]) -> Vec<TeamOverlap> {
        teams.iter().map(|t| self.overlap(t)).collect()
    }

    fn occurrences(&self, slot: &MeetingSlot) -> Vec<(NaiveDate, Interval)> {
        let mut out = Vec::new();
        for (k, date) in (0..self.days).zip(self.period.start().iter_days()) {
            let d = self.day0 + k as i64;
            if !slot.weekdays().contains_epoch_day(d) {
                continue;
            }
            let s = self
                .anchor
                .local_to_utc(d * DAY + i64::from(slot.start_minute()) * 60);
            out.push((date, (s, s + i64::from(slot.length_minutes()) * 60)));
        }
        out
    }

    fn outside_flags(&mut self, team: &Team, meeting: Interval) -> Vec<bool> {
        team.members()
            .iter()
            .map(|m| !covers(self.member_intervals(m), meeting))
            .collect()
    }

    /// How often a recurring slot falls (even partly) outside each member's working
    /// hours over the range.
    pub fn slot_fairness(&mut self, team: &Team, slot: &MeetingSlot) -> SlotFairness {
        let occ = self.occurrences(slot);
        let mut outside = vec![0u32; team.members().len()];
        for &(_, meeting) in &occ {
            for (count, flag) in outside.iter_mut().zip(self.outside_flags(team, meeting)) {
                *count += u32::from(flag);
            }
        }
        SlotFairness {
            slot: *slot,
            burdens: burdens(team, &outside, occ.len() as u32),
        }
    }

    /// A rotation among `candidates` that spreads the out-of-hours burden: meeting dates
    /// are the anchor dates on which at least one candidate recurs; each date, in order,
    /// gets the candidate (recurring that weekday) that minimises the largest cumulative
    /// burden of any member, then the sum of squared cumulative burdens (which prefers
    /// moving the burden to whoever has carried least), then the candidate index.
    ///
    /// # Errors
    ///
    /// [`Error::NoCandidates`] if `candidates` is empty.
    pub fn rotation(&mut self, team: &Team, candidates: &[MeetingSlot]) -> Result<Rotation, Error> {
        if candidates.is_empty() {
            return Err(Error::NoCandidates);
        }
        let per_candidate: Vec<Vec<(NaiveDate, Interval)>> =
            candidates.iter().map(|c| self.occurrences(c)).collect();
        let mut by_date: std::collections::BTreeMap<NaiveDate, Vec<(usize, Interval)>> =
            std::collections::BTreeMap::new();
        for (ci, occ) in per_candidate.iter().enumerate() {
            for &(date, iv) in occ {
                by_date.entry(date).or_default().push((ci, iv));
            }
        }
        let mut cumulative = vec![0u32; team.members().len()];
        let mut schedule = Vec::with_capacity(by_date.len());
        for (date, options) in by_date {
            let mut best: Option<(u32, u64, usize, Vec<bool>)> = None;
            for (ci, iv) in options {
                let flags = self.outside_flags(team, iv);
                let max = cumulative
                    .iter()
                    .zip(&flags)
                    .map(|(&c, &f)| c + u32::from(f))
                    .max()
                    .unwrap_or(0);
                let total: u64 = cumulative
                    .iter()
                    .zip(&flags)
                    .map(|(&c, &f)| u64::from(c + u32::from(f)).pow(2))
                    .sum();
                let better = match &best {
                    None => true,
                    Some((bm, bt, bi, _)) => (max, total, ci) < (*bm, *bt, *bi),
                };
                if better {
                    best = Some((max, total, ci, flags));
                }
            }
            if let Some((_, _, ci, flags)) = best {
                for (c, f) in cumulative.iter_mut().zip(flags) {
                    *c += u32::from(f);
                }
                schedule.push((date, ci));
            }
        }
        let n = schedule.len() as u32;
        Ok(Rotation {
            schedule,
            burdens: burdens(team, &cumulative, n),
        })
    }
}

fn burdens(team: &Team, outside: &[u32], occurrences: u32) -> Vec<MemberBurden> {
    team.members()
        .iter()
        .zip(outside)
        .map(|(m, &o)| MemberBurden {
            member: m.id(),
            outside: o,
            occurrences,
        })
        .collect()
}
