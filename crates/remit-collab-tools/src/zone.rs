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

/// Seconds in a day.
pub(crate) const DAY: i64 = 86_400;

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
    /// changes within one day would be seen as one (no zone does that in the tz database
    /// since 1945 outside wartime rules).
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

    #[test]
    fn epoch_day_of_epoch_is_zero() {
        assert_eq!(epoch_day(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()), 0);
        assert_eq!(epoch_day(NaiveDate::from_ymd_opt(1970, 1, 2).unwrap()), 1);
    }
}
