//! The `assets` and `asset_events` tables, read back into tracked assets with their event
//! logs.

use remit_assets::{
    Asset, AssetTag, Category as AssetCategory, Change, Disposition, Envelope, Event, EventLog,
    MIN_SCHEMA_VERSION, SCHEMA_VERSION, SanitisationRecord, Shipment, TrackedAsset,
};
use remit_core::EmployeeId;
use rusqlite::{Connection, Row};

use super::error::{Cx, StoreError, from_name};

/// Reads every asset with its lifecycle log, in row order.
pub(super) fn read_assets(conn: &Connection) -> Result<Vec<TrackedAsset>, StoreError> {
    let mut assets = conn.prepare(
        "SELECT id, asset, tag, category, stores_data, purchased_on, cost_amount, cost_currency,
                salvage_amount, salvage_currency, useful_life_months, warranty_months
         FROM assets ORDER BY id",
    )?;
    let mut events = conn.prepare(
        "SELECT id, asset, sequence, event_key, schema, on_date, change, employee, due, reason,
                cost_amount, cost_currency, document
         FROM asset_events ORDER BY asset, sequence",
    )?;
    let mut events = events.query([])?;
    let mut pending = events.next()?;
    let mut out = Vec::new();
    let mut query = assets.query([])?;
    while let Some(row) = query.next()? {
        let id: i64 = row.get(0)?;
        let cx = Cx::new("assets", id);
        let tag =
            AssetTag::new(&cx.get::<String>(row, 2, "tag")?).map_err(|e| cx.field("tag", e))?;
        let stores_data: bool = cx.get(row, 4, "stores_data")?;
        let asset = Asset::builder(tag, cx.name::<AssetCategory>(row, 3, "category")?)
            .id(cx.parse(row, 1, "asset")?)
            .stores_data(stores_data)
            .purchased(
                cx.parse(row, 5, "purchased_on")?,
                cx.money(row, 6, 7, "cost")?,
            )
            .salvage(cx.money(row, 8, 9, "salvage")?)
            .useful_life_months(cx.int(row, 10, "useful_life_months")?)
            .warranty_months(cx.int(row, 11, "warranty_months")?)
            .build()
            .map_err(|e| cx.record(e))?;
        let mut log = EventLog::new(asset.id(), stores_data);
        while let Some(event) = pending {
            let owner: i64 = event.get(1)?;
            if owner > id {
                break;
            }
            let row_id: i64 = event.get(0)?;
            let ecx = Cx::new("asset_events", row_id);
            if owner < id {
                return Err(ecx.field("asset", format!("names no asset row ({owner})")));
            }
            let schema: u16 = ecx.int(event, 4, "schema")?;
            if !remit_assets::log::schema_supported(schema) {
                return Err(ecx.field(
                    "schema",
                    format!(
                        "version {schema}; this build reads versions {MIN_SCHEMA_VERSION} to {SCHEMA_VERSION}"
                    ),
                ));
            }
            let envelope = Envelope::new(
                ecx.int(event, 2, "sequence")?,
                ecx.parse(event, 3, "event_key")?,
                Event::new(ecx.parse(event, 5, "on_date")?, read_change(ecx, event)?),
            );
            log.append(envelope).map_err(|e| ecx.record(e))?;
            pending = events.next()?;
        }
        out.push(TrackedAsset::new(asset, log).map_err(|e| cx.record(e))?);
    }
    if let Some(event) = pending {
        let row_id: i64 = event.get(0)?;
        return Err(Cx::new("asset_events", row_id).field("asset", "names no asset row"));
    }
    Ok(out)
}

/// Rebuilds a lifecycle change from its columns (`change`, `employee`, `due`, `reason`,
/// `cost_*`, `document`: positions 6 to 12).
fn read_change(cx: Cx, row: &Row<'_>) -> Result<Change, StoreError> {
    let name: String = cx.get(row, 6, "change")?;
    let employee = || -> Result<EmployeeId, StoreError> {
        cx.parse_opt(row, 7, "employee")?
            .ok_or_else(|| cx.field("employee", format!("required for a `{name}` event")))
    };
    let reason = || -> Result<String, StoreError> {
        cx.get::<Option<String>>(row, 9, "reason")?
            .ok_or_else(|| cx.field("reason", format!("required for a `{name}` event")))
    };
    let document = || -> Result<String, StoreError> {
        cx.get::<Option<String>>(row, 12, "document")?
            .ok_or_else(|| cx.field("document", format!("required for a `{name}` event")))
    };
    Ok(match name.as_str() {
        "received" => Change::Received,
        "reserved" => Change::Reserved {
            employee: employee()?,
        },
        "reservation_cancelled" => Change::ReservationCancelled,
        "shipped" => {
            let parsed: Shipment =
                serde_json::from_str(&document()?).map_err(|e| cx.field("document", e))?;
            // Rebuilt through the validating constructor, not trusted as parsed.
            let mut shipment =
                Shipment::new(parsed.destination(), parsed.carrier(), parsed.tracking())
                    .map_err(|e| cx.field("document", e))?;
            if let Some(cost) = parsed.cost() {
                shipment = shipment
                    .with_cost(cost)
                    .map_err(|e| cx.field("document", e))?;
            }
            Change::Shipped(Box::new(shipment))
        }
        "delivered" => Change::Delivered,
        "assigned" => Change::Assigned {
            employee: employee()?,
        },
        "return_requested" => Change::ReturnRequested {
            due: cx
                .parse_opt(row, 8, "due")?
                .ok_or_else(|| cx.field("due", "required for a `return_requested` event"))?,
            reason: from_name(&reason()?).map_err(|e| cx.field("reason", e))?,
        },
        "checked_in" => Change::CheckedIn,
        "repair_flagged" => Change::RepairFlagged,
        "repair_started" => Change::RepairStarted,
        "repair_completed" => Change::RepairCompleted {
            cost: cx.money_opt(row, 10, 11, "cost")?,
        },
        "sanitised" => {
            let p: SanitisationRecord =
                serde_json::from_str(&document()?).map_err(|e| cx.field("document", e))?;
            let bad = |e| cx.field("document", e);
            let mut record = SanitisationRecord::new(
                p.method(),
                p.technique(),
                p.verification(),
                p.performed_on(),
                p.performed_by(),
            )
            .map_err(bad)?;
            if let Some(tool) = p.tool() {
                record = record.with_tool(tool).map_err(bad)?;
            }
            if let Some(verifier) = p.verified_by() {
                record = record.with_verifier(verifier).map_err(bad)?;
            }
            if let Some(certificate) = p.certificate() {
                record = record.with_certificate(certificate).map_err(bad)?;
            }
            Change::Sanitised(Box::new(record))
        }
        "disposal_marked" => Change::DisposalMarked,
        "retired" => {
            let reason = reason()?;
            let disposition = if reason == "gifted_to_employee" {
                Disposition::GiftedToEmployee {
                    employee: employee()?,
                }
            } else {
                from_name(&reason).map_err(|e| cx.field("reason", e))?
            };
            Change::Retired { disposition }
        }
        "reported_missing" => Change::ReportedMissing {
            reason: from_name(&reason()?).map_err(|e| cx.field("reason", e))?,
        },
        "recovered" => Change::Recovered,
        "audited" => Change::Audited,
        // Deserialised through the validating constructor (a non-empty approver).
        "written_off" => Change::WrittenOff(Box::new(
            serde_json::from_str(&document()?).map_err(|e| cx.field("document", e))?,
        )),
        other => return Err(cx.field("change", format!("unknown change {other:?}"))),
    })
}
