//! Interval arithmetic of the planner: sorted lists of disjoint half-open UTC intervals,
//! their intersection, containment, and the core-window search over a day's minutes.

use super::config::Fraction;
use super::schedule::DAY_MINUTES;
use super::summary::CoreWindow;

/// A half-open interval of UTC instants, seconds since the Unix epoch.
pub(super) type Interval = (i64, i64);

/// Whether one interval of the sorted, disjoint `list` contains `meeting` entirely.
pub(super) fn covers(list: &[Interval], meeting: Interval) -> bool {
    let i = list.partition_point(|iv| iv.0 <= meeting.0);
    i.checked_sub(1)
        .and_then(|j| list.get(j))
        .is_some_and(|iv| iv.1 >= meeting.1)
}

/// The intersection of `lists[id]` for every id in `ids` (empty if an id is unknown).
pub(super) fn intersect_all(lists: &[Vec<Interval>], ids: &[u32]) -> Vec<Interval> {
    let mut acc: Vec<Interval> = Vec::new();
    let mut scratch: Vec<Interval> = Vec::new();
    for (i, &id) in ids.iter().enumerate() {
        let Some(list) = lists.get(id as usize) else {
            return Vec::new();
        };
        if i == 0 {
            acc.extend_from_slice(list);
            continue;
        }
        scratch.clear();
        intersect(&acc, list, &mut scratch);
        std::mem::swap(&mut acc, &mut scratch);
        if acc.is_empty() {
            break;
        }
    }
    acc
}

/// Intersects two sorted lists of disjoint half-open intervals.
pub(super) fn intersect(a: &[Interval], b: &[Interval], out: &mut Vec<Interval>) {
    let (mut i, mut j) = (0, 0);
    while let (Some(&(a0, a1)), Some(&(b0, b1))) = (a.get(i), b.get(j)) {
        let s = a0.max(b0);
        let e = a1.min(b1);
        if s < e {
            out.push((s, e));
        }
        if a1 < b1 {
            i += 1;
        } else {
            j += 1;
        }
    }
}

/// Counts, in the difference array `cover`, the minutes of a day whose first second lies
/// in the wall-clock range `[from, to)` (seconds after the day's midnight): minutes
/// `ceil(from / 60)` to `ceil(to / 60)`, within the day.
pub(super) fn add_wall_range(cover: &mut [i32; DAY_MINUTES as usize + 1], from: i64, to: i64) {
    let minute = |wall: i64| (wall + 59).div_euclid(60).clamp(0, i64::from(DAY_MINUTES)) as usize;
    let (m0, m1) = (minute(from), minute(to));
    if m1 > m0 {
        if let Some(c) = cover.get_mut(m0) {
            *c += 1;
        }
        if let Some(c) = cover.get_mut(m1) {
            *c -= 1;
        }
    }
}

/// The longest circular run of minutes covered on at least `share` of `days` days.
/// `cover` holds difference counts over the minutes of a day (a piece never runs past
/// the end of its day by construction, so only the first 1440 entries are used).
pub(super) fn core_window(cover: &[i32], days: u32, share: Fraction) -> Option<CoreWindow> {
    const N: usize = DAY_MINUTES as usize;
    let needed = i32::try_from(share.ceil_of(days).max(1)).unwrap_or(i32::MAX);
    let mut counts = [0i32; N];
    let mut running = 0i32;
    for (c, d) in counts.iter_mut().zip(cover) {
        running += d;
        *c = running;
    }
    // Linear runs, then the run that wraps from the end of the day to its start.
    let (mut best_start, mut best_len) = (0usize, 0usize);
    let mut run_start = 0usize;
    let mut run_len = 0usize;
    for (i, &c) in counts.iter().enumerate() {
        if c >= needed {
            if run_len == 0 {
                run_start = i;
            }
            run_len += 1;
            if run_len > best_len {
                best_len = run_len;
                best_start = run_start;
            }
        } else {
            run_len = 0;
        }
    }
    if best_len == 0 {
        return None;
    }
    if best_len < N {
        let leading = counts.iter().take_while(|&&c| c >= needed).count();
        let trailing = run_len; // the run still open at the end of the day
        if leading > 0 && trailing > 0 && leading + trailing > best_len {
            best_len = leading + trailing;
            best_start = N - trailing;
        }
    }
    let first = counts
        .get(best_start..(best_start + best_len).min(N))
        .unwrap_or(&[]);
    let wrapped = counts
        .get(..(best_start + best_len).saturating_sub(N))
        .unwrap_or(&[]);
    let min = first.iter().chain(wrapped).copied().min().unwrap_or(0);
    Some(CoreWindow {
        start_minute: best_start as u16,
        length_minutes: best_len as u16,
        min_days: u32::try_from(min).unwrap_or(0),
        days,
    })
}
