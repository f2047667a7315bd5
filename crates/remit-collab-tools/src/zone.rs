//! UTC offsets of IANA zones over a bounded range, cached as transition lists.
//!
//! chrono-tz answers "what is the offset at this UTC instant" by a binary search over a
//! zone's whole history. Overlap work asks that question millions of times for a handful
//! of zones over one date range, so [`ZoneOffsets`] asks chrono-tz once per day of the
//! range (plus a bisection at each change), keeps only the transitions inside the range,
//! and converts wall-clock times to instants with a search over those few transitions
//! (and cuts a wall-clock range where that conversion changes offset).
//!
//! Local (wall-clock) times that do not exist (spring-forward gaps) or exist twice
//! (fall-back folds) resolve exactly as Python's `zoneinfo` does for `fold=0`: a wall
//! time before `transition + max(offset_before, offset_after)` uses the offset in force
//! before the transition. So a gap time maps to the instant it would have been on the old
//! offset, and a fold time maps to its first occurrence.

use chrono::{NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;

use crate::error::Error;

/// Seconds in a day.
pub(crate) const DAY: i64 = 86_400;

/// The last year whose UTC-offset changes the bundled tz database lists: 2099.
///
/// chrono-tz (0.10, IANA 2025b) expands each zone's ongoing daylight-saving rule into
/// explicit transitions through 2099 (the last is America/Adak's on 1 November 2099) and
/// keeps the last offset for ever after, where Python's `zoneinfo` goes on applying the
/// rule. So from 2100 on New York stays on standard time and Sydney on summer time: New
/// York and London would share 180 minutes on 15 March 2100 instead of 240. Dates after
/// this year are refused ([`Error::OutsideTimeZoneData`]).
///
/// A test reads the year off chrono-tz itself (some zone changes offset in it, none
/// after it), so a chrono-tz upgrade that moves it fails until this is updated; and
/// `zoneinfo` (`tz_data_limits.json`) shows the first change chrono-tz misses is on
/// 14 March 2100 (Havana), so the few days past 2099 a planner reads for its margin are
/// still right.
pub const TZ_DATA_LAST_YEAR: i32 = 2099;

/// Checks that offsets on `date` (and the few days around it a computation reads) are
/// in the bundled data: `date` is in or before [`TZ_DATA_LAST_YEAR`] and at least a week
/// inside chrono's calendar.
///
/// # Errors
///
/// [`Error::OutsideTimeZoneData`] naming `record`, `field` and the date.
pub(crate) fn check_tz_date(
    record: &'static str,
    field: &'static str,
    date: NaiveDate,
) -> Result<(), Error> {
    let reason = if date.year() > TZ_DATA_LAST_YEAR {
        format!(
            "is after {TZ_DATA_LAST_YEAR}, the last year whose UTC-offset changes the bundled tz \
             database (IANA {}) lists; later daylight-saving changes would be silently missed",
            chrono_tz::IANA_TZDB_VERSION
        )
    } else if date
        .checked_sub_days(chrono::Days::new(7))
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .is_none()
    {
        "is too close to the start of the calendar chrono supports".to_owned()
    } else {
        return Ok(());
    };
    Err(Error::OutsideTimeZoneData {
        record,
        field,
        date,
        reason,
    })
}

/// One change of UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Transition {
    /// The UTC instant (seconds since the Unix epoch) the new offset starts.
    utc: i64,
    /// `utc + max(before, after)`: the first wall time that `fold=0` resolves with the
    /// new offset.
    wall_fold0: i64,
    /// The offset (seconds east of UTC) from `utc` on.
    after: i32,
}

/// The UTC offsets of one zone over a range of UTC instants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ZoneOffsets {
    /// The offset before the first transition.
    first: i32,
    transitions: Vec<Transition>,
}

fn offset_at(tz: Tz, utc: i64) -> i32 {
    match chrono::DateTime::from_timestamp(utc, 0) {
        Some(dt) => tz
            .offset_from_utc_datetime(&dt.naive_utc())
            .fix()
            .local_minus_utc(),
        // Outside chrono's range; callers never get here because ranges are validated.
        None => 0,
    }
}

impl ZoneOffsets {
    /// Collects the transitions of `tz` between the UTC instants `from` and `to` by
    /// sampling the offset once per day and bisecting each change to the second. Two
    /// changes within one day would be seen as one; no zone in the database has two
    /// transitions less than four days apart (a test checks the reference script's
    /// reading of the compiled zone files).
    pub(crate) fn build(tz: Tz, from: i64, to: i64) -> Self {
        let first = offset_at(tz, from);
        let mut transitions = Vec::new();
        let mut prev_t = from;
        let mut prev_off = first;
        let mut t = from;
        while t < to {
            t = (t + DAY).min(to);
            let off = offset_at(tz, t);
            if off != prev_off {
                // Invariant: offset_at(lo) == prev_off, offset_at(hi) == off.
                let (mut lo, mut hi) = (prev_t, t);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if offset_at(tz, mid) == prev_off {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                let after = offset_at(tz, hi);
                transitions.push(Transition {
                    utc: hi,
                    wall_fold0: hi + i64::from(prev_off.max(after)),
                    after,
                });
                prev_off = after;
                // A second change after `hi` within this day is caught on the next step
                // only if it differs from `off`; re-check the rest of the day.
                if after != off {
                    prev_t = hi;
                    t = hi;
                    continue;
                }
            }
            prev_t = t;
        }
        Self { first, transitions }
    }

    /// The UTC instant of a wall-clock time (seconds since the epoch, read as if the wall
    /// clock were UTC), resolved like `zoneinfo` with `fold=0`.
    #[inline]
    pub(crate) fn local_to_utc(&self, wall: i64) -> i64 {
        let i = self.transitions.partition_point(|t| t.wall_fold0 <= wall);
        let off = match i.checked_sub(1).and_then(|j| self.transitions.get(j)) {
            Some(t) => t.after,
            None => self.first,
        };
        wall - i64::from(off)
    }

    /// The wall-clock range `[from, to)` cut where the `fold=0` resolution changes
    /// offset: pieces `(start, end, offset)` in order, on each of which
    /// [`local_to_utc`](Self::local_to_utc) is `wall - offset`. On a spring-forward day
    /// the gap stays with the offset before the change; on a fall-back day the repeated
    /// wall times stay with it too, so each maps to its first occurrence.
    pub(crate) fn wall_pieces(&self, from: i64, to: i64) -> Vec<(i64, i64, i32)> {
        let i = self.transitions.partition_point(|t| t.wall_fold0 <= from);
        let mut offset = match i.checked_sub(1).and_then(|j| self.transitions.get(j)) {
            Some(t) => t.after,
            None => self.first,
        };
        let mut out = Vec::with_capacity(2);
        let mut start = from;
        for t in self.transitions.get(i..).unwrap_or(&[]) {
            if t.wall_fold0 >= to {
                break;
            }
            out.push((start, t.wall_fold0, offset));
            start = t.wall_fold0;
            offset = t.after;
        }
        if start < to {
            out.push((start, to, offset));
        }
        out
    }
}

/// Days since the Unix epoch of a date.
pub(crate) fn epoch_day(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - 719_163
}

use chrono::Datelike as _;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{LocalResult, NaiveDateTime};

    fn ts(s: &str) -> i64 {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
            .unwrap()
            .and_utc()
            .timestamp()
    }

    #[test]
    fn finds_both_new_york_transitions_of_2025() {
        let z = ZoneOffsets::build(
            chrono_tz::America::New_York,
            ts("2025-01-01 00:00"),
            ts("2026-01-01 00:00"),
        );
        assert_eq!(z.first, -5 * 3600);
        let utc: Vec<i64> = z.transitions.iter().map(|t| t.utc).collect();
        // 2025-03-09 02:00 EST = 07:00 UTC; 2025-11-02 02:00 EDT = 06:00 UTC.
        assert_eq!(utc, vec![ts("2025-03-09 07:00"), ts("2025-11-02 06:00")]);
    }

    #[test]
    fn agrees_with_chrono_on_unambiguous_times_and_resolves_gaps_like_fold0() {
        let tz = chrono_tz::Australia::Lord_Howe;
        let z = ZoneOffsets::build(tz, ts("2025-01-01 00:00"), ts("2026-01-01 00:00"));
        let mut wall = ts("2025-01-01 12:00");
        while wall < ts("2025-12-30 00:00") {
            let naive = chrono::DateTime::from_timestamp(wall, 0)
                .unwrap()
                .naive_utc();
            match tz.from_local_datetime(&naive) {
                LocalResult::Single(dt) => assert_eq!(z.local_to_utc(wall), dt.timestamp()),
                LocalResult::Ambiguous(first, _) => {
                    assert_eq!(z.local_to_utc(wall), first.timestamp());
                }
                LocalResult::None => {
                    // Gap: fold=0 uses the offset before the change (+10:30 in October).
                    assert_eq!(z.local_to_utc(wall), wall - 10 * 3600 - 1800);
                }
            }
            wall += 15 * 60;
        }
    }

    #[test]
    fn converts_a_45_minute_offset() {
        let z = ZoneOffsets::build(
            chrono_tz::Asia::Kathmandu,
            ts("2025-01-01 00:00"),
            ts("2025-02-01 00:00"),
        );
        let wall = ts("2025-01-15 10:00");
        assert_eq!(z.local_to_utc(wall), wall - 5 * 3600 - 45 * 60);
    }

    /// Every conversion in the committed zoneinfo fixture (gaps, folds, half-hour and
    /// 45-minute offsets) agrees to the second.
    #[test]
    fn local_to_utc_agrees_with_zoneinfo_fold0() {
        let json: serde_json::Value =
            serde_json::from_str(include_str!("../tests/fixtures/tz_conversions.json")).unwrap();
        let conversions = json["conversions"].as_array().unwrap();
        assert!(conversions.len() >= 15);
        for c in conversions {
            let tz: Tz = c["zone"].as_str().unwrap().parse().unwrap();
            let wall = c["wall_seconds"].as_i64().unwrap();
            let z = ZoneOffsets::build(tz, wall - 40 * DAY, wall + 40 * DAY);
            assert_eq!(
                z.local_to_utc(wall),
                c["utc"].as_i64().unwrap(),
                "{} {}",
                c["zone"],
                c["wall"]
            );
        }
    }

    #[test]
    fn wall_pieces_cut_a_change_day_where_fold0_changes_offset() {
        let z = ZoneOffsets::build(
            chrono_tz::America::New_York,
            ts("2025-01-01 00:00"),
            ts("2026-01-01 00:00"),
        );
        let (est, edt) = (-5 * 3600, -4 * 3600);
        // Spring: walls from 03:00 (the end of the gap) read EDT.
        let day = ts("2025-03-09 00:00");
        assert_eq!(
            z.wall_pieces(day, day + DAY),
            vec![
                (day, ts("2025-03-09 03:00"), est),
                (ts("2025-03-09 03:00"), day + DAY, edt)
            ]
        );
        // Autumn: the repeated 01:00-02:00 reads EDT (first occurrence), EST from 02:00.
        let day = ts("2025-11-02 00:00");
        assert_eq!(
            z.wall_pieces(day, day + DAY),
            vec![
                (day, ts("2025-11-02 02:00"), edt),
                (ts("2025-11-02 02:00"), day + DAY, est)
            ]
        );
        for piece in z.wall_pieces(day - 5 * DAY, day + 5 * DAY) {
            for wall in [piece.0, piece.1 - 1] {
                assert_eq!(z.local_to_utc(wall), wall - i64::from(piece.2));
            }
        }
        let quiet = ts("2025-07-01 00:00");
        assert_eq!(
            z.wall_pieces(quiet, quiet + DAY),
            vec![(quiet, quiet + DAY, edt)]
        );
    }

    /// The year is chrono-tz's, read off its data: some zone changes offset in it, and
    /// from 1 December of it on no zone ever does again (sampled daily for two years,
    /// then far ahead: after its last transition chrono-tz keeps one offset for ever).
    #[test]
    fn the_last_year_is_the_last_year_chrono_tz_changes_an_offset() {
        let offset = |tz: Tz, t: i64| offset_at(tz, t);
        let year_start = |y: i32| {
            NaiveDate::from_ymd_opt(y, 1, 1)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap()
                .and_utc()
                .timestamp()
        };
        let (last, after) = (
            year_start(TZ_DATA_LAST_YEAR),
            year_start(TZ_DATA_LAST_YEAR + 1),
        );
        let december = after - 31 * DAY;
        let mut changes_in_last_year = 0;
        for tz in chrono_tz::TZ_VARIANTS {
            let mut t = last;
            while t < december {
                changes_in_last_year += usize::from(offset(tz, t) != offset(tz, t + DAY));
                t += DAY;
            }
            let settled = offset(tz, december);
            let mut t = december;
            while t < after + 2 * 365 * DAY {
                assert_eq!(offset(tz, t), settled, "{tz} changes at {t}");
                t += DAY;
            }
            for far in [2200, 2500, 5000, 9999] {
                assert_eq!(offset(tz, year_start(far)), settled, "{tz} in {far}");
            }
        }
        assert!(changes_in_last_year > 100, "{changes_in_last_year}");
    }

    /// [`ZoneOffsets::build`] samples offsets once a day: it sees every transition
    /// because no zone in the database changes offset twice within a day (the shortest
    /// gap, read from the compiled zone files by the reference script, is about 4 days).
    #[test]
    fn no_zone_changes_twice_within_the_sampling_step() {
        let json: serde_json::Value =
            serde_json::from_str(include_str!("../tests/fixtures/tz_data_limits.json")).unwrap();
        assert_eq!(json["meta"]["tzdata"], chrono_tz::IANA_TZDB_VERSION);
        let gap = json["limits"]["min_transition_gap_seconds"]
            .as_i64()
            .unwrap();
        assert!(gap > DAY, "{gap}");
    }

    #[test]
    fn dates_after_the_data_or_at_the_calendar_start_are_refused() {
        let last = NaiveDate::from_ymd_opt(TZ_DATA_LAST_YEAR, 12, 31).unwrap();
        assert_eq!(check_tz_date("r", "f", last), Ok(()));
        let next = last.succ_opt().unwrap();
        let err = check_tz_date("overlap planner", "period", next).unwrap_err();
        assert!(matches!(
            &err,
            Error::OutsideTimeZoneData { record: "overlap planner", field: "period", date, .. }
                if *date == next
        ));
        assert!(err.to_string().contains("2099"), "{err}");
        assert_eq!(
            check_tz_date("r", "f", NaiveDate::MIN),
            Err(Error::OutsideTimeZoneData {
                record: "r",
                field: "f",
                date: NaiveDate::MIN,
                reason: "is too close to the start of the calendar chrono supports".into(),
            })
        );
    }

    #[test]
    fn epoch_day_of_epoch_is_zero() {
        assert_eq!(epoch_day(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()), 0);
        assert_eq!(epoch_day(NaiveDate::from_ymd_opt(1970, 1, 2).unwrap()), 1);
    }
}
