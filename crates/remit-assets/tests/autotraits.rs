//! Every public data type is `Send + Sync` (C-SEND-SYNC), so callers can share them
//! across threads.

use remit_assets::depreciation::{Basis, Schedule};
use remit_assets::*;

fn send_sync<T: Send + Sync>() {}

#[test]
fn public_types_are_send_and_sync() {
    send_sync::<Asset>();
    send_sync::<Lifecycle>();
    send_sync::<Command>();
    send_sync::<Event>();
    send_sync::<EventLog>();
    send_sync::<Snapshot>();
    send_sync::<TrackedAsset>();
    send_sync::<SanitisationRecord>();
    send_sync::<Shipment>();
    send_sync::<Basis>();
    send_sync::<Schedule>();
    send_sync::<KitCoverage>();
    send_sync::<Retrieval>();
    send_sync::<AssetsReport>();
    send_sync::<KitFigures>();
    send_sync::<RetrievalFigures>();
    send_sync::<Config>();
    send_sync::<LifecycleError>();
    send_sync::<LogError>();
    send_sync::<Error>();
}
