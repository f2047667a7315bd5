//! Canonical asset and asset-event rows to `remit-assets` records: each asset through
//! [`Asset::builder`], its history through [`EventLog::append`] (imported events are
//! not re-decided: the report flags histories that broke the rules), then
//! [`TrackedAsset::new`].
//!
//! Events of one asset are ordered by date, then by the order of the files in the
//! configuration and the line, so two systems' exports (an asset manager's activity
//! report and a depot's sanitisation log) interleave by date.

use remit_assets::{
    Asset, Change, Destination, Disposition, Envelope, Event, EventLog, SanitisationRecord,
    Shipment, TrackedAsset, WriteOff,
};
use remit_core::{AssetId, EmployeeId, EventId};

use crate::canonical::asset_events::{AssetEventRow, EventKind, Extra};
use crate::canonical::by_name;
use crate::error::Problems;
use crate::intern::Sym;
use crate::read::{Loc, Rows};
use crate::to_core::{People, parse_id};

/// The assets of a directory, each with its history.
pub(crate) fn assets(
    rows: &Rows,
    people: &People,
    problems: &mut Problems,
) -> Option<Vec<TrackedAsset>> {
    let before = problems.count();
    let mut built: Vec<(Asset, Loc)> = Vec::with_capacity(rows.assets.len());
    // Per interned tag, the asset built from it (an index into `built`).
    let mut by_tag: Vec<u32> = vec![NO_ASSET; rows.names.tags.len()];
    for (row, loc) in &rows.assets {
        if let Some(&first) = by_tag.get(row.tag_sym.index())
            && first != NO_ASSET
        {
            let line = built.get(first as usize).map_or(0, |(_, l)| l.line);
            problems.push(rows.problem(
                *loc,
                format!(
                    "asset {:?} appears twice (first on line {line})",
                    row.tag.as_str()
                ),
            ));
            continue;
        }
        let mut b = Asset::builder(row.tag.clone(), row.category)
            .purchased(row.purchase_date, row.cost)
            .useful_life_months(row.useful_life_months);
        if let Some(id) = &row.asset_id {
            match parse_id(id, people.scheme, AssetId::from_external) {
                Ok(id) => b = b.id(id),
                Err(m) => {
                    problems.push(rows.problem(*loc, format!("column `asset_id`: {m}")));
                    continue;
                }
            }
        }
        if let Some(w) = row.warranty_months {
            b = b.warranty_months(w);
        }
        if let Some(s) = row.salvage {
            b = b.salvage(s);
        }
        if let Some(d) = row.stores_data {
            b = b.stores_data(d);
        }
        match b.build() {
            Ok(asset) => {
                if let Some(slot) = by_tag.get_mut(row.tag_sym.index()) {
                    *slot = u32::try_from(built.len()).unwrap_or(NO_ASSET);
                }
                built.push((asset, *loc));
            }
            Err(e) => problems.push(rows.problem(*loc, e.to_string())),
        }
    }
    // Events by asset: a counting sort on the asset (stable, so each asset's events
    // stay in file and line order, as `rows.asset_events` is). Exports usually list
    // each asset's events together, in the assets file's order: then the sort is the
    // identity and is skipped.
    let asset_of = |tag: Sym| by_tag.get(tag.index()).copied().filter(|i| *i != NO_ASSET);
    let mut counts: Vec<usize> = vec![0; built.len() + 1];
    let mut grouped = true;
    let mut previous = 0;
    for (row, loc) in &rows.asset_events {
        match asset_of(row.tag) {
            Some(i) => {
                grouped &= i >= previous;
                previous = i;
                if let Some(c) = counts.get_mut(i as usize + 1) {
                    *c += 1;
                }
            }
            None => {
                // Not counted: the rows no longer line up with the counts.
                grouped = false;
                problems.push(rows.problem(
                    *loc,
                    format!(
                        "column `asset_tag`: {:?} is not an asset in the assets file",
                        rows.names.tags.text(row.tag)
                    ),
                ));
            }
        }
    }
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    // The events in asset order, when the file's order is not.
    let order: Option<Vec<u32>> = (!grouped).then(|| {
        let mut next = counts.clone();
        let mut order: Vec<u32> = vec![0; rows.asset_events.len()];
        for (e, (row, _)) in rows.asset_events.iter().enumerate() {
            if let Some(o) = asset_of(row.tag)
                && let Some(slot) = next.get_mut(o as usize)
                && let Some(place) = order.get_mut(*slot)
            {
                *place = u32::try_from(e).unwrap_or(u32::MAX);
                *slot += 1;
            }
        }
        order
    });
    drop(by_tag);
    let mut out = Vec::with_capacity(built.len());
    // One asset's events, reused from asset to asset.
    let mut history: Vec<(&AssetEventRow, Loc)> = Vec::new();
    for (i, (asset, loc)) in built.into_iter().enumerate() {
        let (from, to) = (
            counts.get(i).copied().unwrap_or(0),
            counts.get(i + 1).copied().unwrap_or(0),
        );
        history.clear();
        match &order {
            Some(order) => history.extend(
                order
                    .get(from..to)
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(|&e| rows.asset_events.get(e as usize).map(|(r, l)| (r, *l))),
            ),
            // Grouped: the asset's events are rows `from..to` themselves.
            None => history.extend(
                rows.asset_events
                    .get(from..to)
                    .unwrap_or(&[])
                    .iter()
                    .map(|(r, l)| (r, *l)),
            ),
        }
        // By date, then file and line: a stable sort by date keeps file and line order.
        if !history.is_sorted_by_key(|(row, _)| row.on) {
            history.sort_by_key(|(row, _)| row.on);
        }
        let mut log = EventLog::for_asset(&asset);
        log.reserve_exact(history.len());
        let base = asset.id().as_uuid().as_u128();
        let mut failed = false;
        for (sequence, (row, eloc)) in (1u64..).zip(&history) {
            let change = match change(row, people) {
                Ok(c) => c,
                Err(m) => {
                    problems.push(rows.problem(*eloc, m));
                    failed = true;
                    continue;
                }
            };
            let event_id = row.extra.as_ref().and_then(|x| x.event_id.as_deref());
            let key = match event_id {
                Some(text) => match parse_id(text, people.scheme, EventId::from_external) {
                    Ok(k) => k,
                    Err(m) => {
                        problems.push(rows.problem(*eloc, format!("column `event_id`: {m}")));
                        failed = true;
                        continue;
                    }
                },
                // Unique within the log, stable across reads of the same files.
                None => EventId::from_uuid(uuid::Uuid::from_u128(base ^ u128::from(sequence))),
            };
            if failed {
                continue;
            }
            if let Err(e) = log.append(Envelope::new(sequence, key, Event::new(row.on, change))) {
                problems.push(rows.problem(*eloc, e.to_string()));
                failed = true;
            }
        }
        if failed {
            continue;
        }
        match TrackedAsset::new(asset, log) {
            Ok(t) => out.push(t),
            Err(e) => problems.push(rows.problem(loc, e.to_string())),
        }
    }
    (problems.count() == before).then_some(out)
}

/// No asset (a tag the assets file does not have).
const NO_ASSET: u32 = u32::MAX;

/// The lifecycle change a row records.
fn change(row: &AssetEventRow, people: &People) -> Result<Change, String> {
    let kind = row.event;
    let event = kind.name();
    let none = Extra::default();
    let x: &Extra = row.extra.as_deref().unwrap_or(&none);
    let employee = || -> Result<EmployeeId, String> {
        let who = row
            .who
            .as_ref()
            .ok_or_else(|| format!("a `{event}` event needs `employee_id` (or `email`)"))?;
        people.resolve(who)
    };
    let reason = || -> Result<&str, String> {
        x.reason
            .as_deref()
            .ok_or_else(|| format!("a `{event}` event needs `reason`"))
    };
    let named = |what: &str, expected: &str| format!("column `reason`: {what:?} is not {expected}");
    Ok(match kind {
        EventKind::Received => Change::Received,
        EventKind::Reserved => Change::Reserved {
            employee: employee()?,
        },
        EventKind::ReservationCancelled => Change::ReservationCancelled,
        EventKind::Shipped => {
            let destination = if x.to_depot {
                Destination::Depot
            } else {
                Destination::Employee(employee()?)
            };
            let mut shipment = Shipment::new(
                destination,
                x.carrier.as_deref().unwrap_or(""),
                x.tracking.as_deref().unwrap_or(""),
            )
            .map_err(|e| e.to_string())?;
            if let Some(cost) = x.cost {
                shipment = shipment.with_cost(cost).map_err(|e| e.to_string())?;
            }
            Change::Shipped(Box::new(shipment))
        }
        EventKind::Delivered => Change::Delivered,
        EventKind::Assigned => Change::Assigned {
            employee: employee()?,
        },
        EventKind::ReturnRequested => Change::ReturnRequested {
            due: x
                .due_on
                .ok_or("a `return_requested` event needs `due_on`")?,
            reason: {
                let r = reason()?;
                by_name(r).ok_or_else(|| named(r, "offboarding, refresh or repair"))?
            },
        },
        EventKind::CheckedIn => Change::CheckedIn,
        EventKind::RepairFlagged => Change::RepairFlagged,
        EventKind::RepairStarted => Change::RepairStarted,
        EventKind::RepairCompleted => Change::RepairCompleted { cost: x.cost },
        EventKind::Sanitised => {
            let s = x.sanitise.as_ref().ok_or(
                "a `sanitised` event needs `sanitise_method`, `sanitise_technique`, `verification` and `performed_by`",
            )?;
            let mut record = SanitisationRecord::new(
                s.method,
                &s.technique,
                s.verification,
                row.on,
                &s.performed_by,
            )
            .map_err(|e| e.to_string())?;
            if let Some(t) = &s.tool {
                record = record.with_tool(t).map_err(|e| e.to_string())?;
            }
            if let Some(v) = &s.verified_by {
                record = record.with_verifier(v).map_err(|e| e.to_string())?;
            }
            if let Some(c) = &s.certificate {
                record = record.with_certificate(c).map_err(|e| e.to_string())?;
            }
            Change::Sanitised(Box::new(record))
        }
        EventKind::DisposalMarked => Change::DisposalMarked,
        EventKind::Retired => {
            let r = reason()?;
            let disposition = if r == "gifted_to_employee" {
                Disposition::GiftedToEmployee {
                    employee: employee()?,
                }
            } else {
                by_name(r).ok_or_else(|| {
                    named(
                        r,
                        "disposed, sold, donated, recycled, vendor_credit or gifted_to_employee",
                    )
                })?
            };
            Change::Retired { disposition }
        }
        EventKind::ReportedMissing => Change::ReportedMissing {
            reason: {
                let r = reason()?;
                by_name(r).ok_or_else(|| named(r, "lost or stolen"))?
            },
        },
        EventKind::Recovered => Change::Recovered,
        EventKind::WrittenOff => {
            let approver = x
                .approved_by
                .as_deref()
                .ok_or("a `written_off` event needs `performed_by` (who approved the write-off)")?;
            let mut write_off = WriteOff::new(approver).map_err(|e| e.to_string())?;
            if let Some(reference) = &x.case_reference {
                write_off = write_off
                    .with_reference(reference)
                    .map_err(|e| e.to_string())?;
            }
            Change::WrittenOff(Box::new(write_off))
        }
        EventKind::Audited => Change::Audited,
    })
}
