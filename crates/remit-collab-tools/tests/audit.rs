//! The tools audit on hand-built inventories: each rule, the Audit findings and
//! properties on arbitrary inventories.

use chrono::NaiveDate;
use proptest::prelude::*;
use remit_collab_tools::audit::{Action, AuditConfig, Setting, ToolAudit};
use remit_collab_tools::inventory::{
    BillingPeriod, Capability, Category, Inventory, Licence, Seat, SyncLevel, Tool,
};
use remit_collab_tools::overlap::{
    Member, OverlapConfig, OverlapPlanner, Team, Workdays, WorkingHours,
};
use remit_collab_tools::rubric::DefaultRubric;
use remit_core::{Audit, Currency, EmployeeId, Money, Period, TeamId, ToolId};
use rust_decimal::Decimal;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

fn usd(x: i64) -> Money {
    Money::new(Decimal::new(x, 0), Currency::new("USD").unwrap())
}

fn user(i: usize) -> EmployeeId {
    EmployeeId::from_external(&format!("E-{i}"))
}

fn recent() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2025, 6, 20)
}

fn stale() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2025, 1, 2)
}

const CHAT_CAPS: [Capability; 9] = [
    Capability::PersistentSearchableHistory,
    Capability::Threads,
    Capability::ScheduledSend,
    Capability::NotificationControls,
    Capability::Status,
    Capability::ApiIntegrations,
    Capability::Sso,
    Capability::Scim,
    Capability::EnforcedMfa,
];

fn licence(seats: u32, monthly: i64, renewal: (u32, u32)) -> Licence {
    Licence::new(
        seats,
        usd(monthly),
        BillingPeriod::Monthly,
        NaiveDate::from_ymd_opt(2025, renewal.0, renewal.1).unwrap(),
    )
    .unwrap()
}

fn audit(tools: Vec<Tool>) -> ToolAudit {
    ToolAudit::run(
        &Inventory::new(tools).unwrap(),
        &DefaultRubric,
        &[],
        &[],
        as_of(),
        &AuditConfig::default(),
    )
    .unwrap()
}

#[test]
fn licence_waste_counts_inactive_and_unassigned_seats_ordered_by_renewal() {
    let a = Tool::builder(ToolId::from_external("a"), "Alpha", Category::Docs)
        .licence(licence(10, 5, (12, 1)))
        .seats((0..6).map(|i| Seat::new(user(i), if i < 4 { recent() } else { stale() })))
        .build()
        .unwrap();
    let b = Tool::builder(ToolId::from_external("b"), "Beta", Category::Tracker)
        .licence(licence(2, 10, (8, 1)))
        .seats((0..2).map(|i| Seat::new(user(i), None)))
        .build()
        .unwrap();
    let r = audit(vec![a, b]);
    let w = r.licence_waste();
    assert_eq!(w[0].tool(), ToolId::from_external("b")); // renews first
    assert_eq!((w[0].inactive_seats(), w[0].unassigned_seats()), (2, 0));
    assert_eq!(w[0].annual_waste(), usd(240));
    assert_eq!((w[1].inactive_seats(), w[1].unassigned_seats()), (2, 4));
    assert_eq!(w[1].annual_waste(), usd(360)); // 6 seats x 5 x 12
    assert_eq!(w[1].annual_cost(), usd(600));
    assert_eq!(r.total_annual_waste(), Some(usd(600)));
    // A configurable window: with 200 days the stale seats are active again.
    let r = ToolAudit::run(
        &Inventory::new(vec![
            Tool::builder(ToolId::from_external("a"), "Alpha", Category::Docs)
                .licence(licence(2, 5, (12, 1)))
                .seats([Seat::new(user(1), stale())])
                .build()
                .unwrap(),
        ])
        .unwrap(),
        &DefaultRubric,
        &[],
        &[],
        as_of(),
        &AuditConfig::default()
            .with_inactive_after_days(200)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(r.licence_waste()[0].inactive_seats(), 0);
    assert_eq!(r.licence_waste()[0].unassigned_seats(), 1);
}

#[test]
fn duplicated_chat_is_sprawl_with_net_savings() {
    // Main chat: 100 seats, 80 used. Second chat: 30 seats at 6/month, 25 active users,
    // 15 of whom also use the main chat; 10 would need a seat on the main chat (20 free).
    let main = Tool::builder(ToolId::from_external("main"), "MainChat", Category::Chat)
        .sync_level(SyncLevel::Mixed)
        .enable(CHAT_CAPS.into_iter().chain([Capability::AuditLog]))
        .chat_retention_days(90)
        .licence(licence(100, 8, (9, 1)))
        .seats((0..80).map(|i| Seat::new(user(i), recent())))
        .build()
        .unwrap();
    let second = Tool::builder(ToolId::from_external("second"), "SideChat", Category::Chat)
        .sync_level(SyncLevel::Mixed)
        .enable(CHAT_CAPS.into_iter().take(6))
        .licence(licence(30, 6, (10, 1)))
        .seats((65..90).map(|i| Seat::new(user(i), recent())))
        .build()
        .unwrap();
    let r = audit(vec![main, second]);
    assert_eq!(r.sprawl().len(), 1);
    let c = &r.sprawl()[0];
    assert_eq!(c.category(), Category::Chat);
    assert_eq!(c.users_in_two_or_more(), 15);
    assert_eq!(c.target(), ToolId::from_external("main"));
    assert_eq!(c.candidates(), &[ToolId::from_external("second")]);
    // 30 x 6 x 12 = 2160 retired; 10 movers fit in the 20 free seats.
    assert_eq!(c.annual_savings(), Some(usd(2160)));
    let rec = r.recommendation(ToolId::from_external("second")).unwrap();
    assert_eq!(rec.action(), Action::Deprecate);
    assert_eq!(rec.replacement(), Some(ToolId::from_external("main")));
    let codes: Vec<String> = r.findings().iter().map(|f| f.code().to_string()).collect();
    assert!(codes.contains(&"TOOLS-SPRAWL".to_owned()));
}

#[test]
fn savings_pay_for_the_seats_the_target_must_add() {
    let main = Tool::builder(ToolId::from_external("main"), "MainChat", Category::Chat)
        .enable(CHAT_CAPS)
        .licence(licence(10, 8, (9, 1)))
        .seats((0..10).map(|i| Seat::new(user(i), recent())))
        .build()
        .unwrap();
    let second = Tool::builder(ToolId::from_external("second"), "SideChat", Category::Chat)
        .enable(CHAT_CAPS.into_iter().take(6))
        .licence(licence(5, 10, (10, 1)))
        .seats((8..13).map(|i| Seat::new(user(i), recent())))
        .build()
        .unwrap();
    let r = audit(vec![main, second]);
    // Retired 5 x 10 x 12 = 600; 3 movers need 3 new seats at 96 = 288.
    assert_eq!(r.sprawl()[0].annual_savings(), Some(usd(312)));
}

#[test]
fn tools_of_different_categories_or_disjoint_users_are_not_sprawl() {
    let a = Tool::builder(ToolId::from_external("a"), "A", Category::Chat)
        .enable(CHAT_CAPS)
        .seats((0..5).map(|i| Seat::new(user(i), recent())))
        .build()
        .unwrap();
    let b = Tool::builder(ToolId::from_external("b"), "B", Category::Chat)
        .enable(CHAT_CAPS)
        .seats((5..9).map(|i| Seat::new(user(i), recent())))
        .build()
        .unwrap();
    let c = Tool::builder(ToolId::from_external("c"), "C", Category::Wiki)
        .enable(CHAT_CAPS)
        .seats((0..5).map(|i| Seat::new(user(i), recent())))
        .build()
        .unwrap();
    assert!(audit(vec![a, b, c]).sprawl().is_empty());
}

#[test]
fn a_tool_without_sso_is_flagged_as_shadow_it() {
    let t = Tool::builder(ToolId::from_external("wb"), "Board", Category::Whiteboard)
        .enable([
            Capability::CommentsAndSuggestions,
            Capability::Scim,
            Capability::EnforcedMfa,
            Capability::AuditLog,
        ])
        .seats((0..12).map(|i| Seat::new(user(i), recent())))
        .build()
        .unwrap();
    let r = audit(vec![t]);
    assert_eq!(r.security_gaps().len(), 1);
    assert!(r.security_gaps()[0].missing().contains(Capability::Sso));
    assert_eq!(r.security_gaps()[0].missing().len(), 1);
    let f: Vec<_> = r
        .findings()
        .into_iter()
        .filter(|f| f.code().as_str() == "TOOLS-NO-SSO")
        .collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].affected(), Some(12));
    assert_eq!(f[0].severity(), remit_core::Severity::High);
}

#[test]
fn small_counts_are_not_disclosed() {
    let t = Tool::builder(ToolId::from_external("wb"), "Board", Category::Whiteboard)
        .seats((0..3).map(|i| Seat::new(user(i), recent())))
        .build()
        .unwrap();
    let f: Vec<_> = audit(vec![t])
        .findings()
        .into_iter()
        .filter(|f| f.code().as_str() == "TOOLS-NO-SSO")
        .collect();
    assert_eq!(f[0].affected(), None);
}

#[test]
fn recommendations_follow_the_documented_order() {
    let unused = Tool::builder(ToolId::from_external("u"), "Unused", Category::Wiki)
        .enable(Capability::ALL)
        .sync_level(SyncLevel::Asynchronous)
        .seats([Seat::new(user(1), stale())])
        .build()
        .unwrap();
    let video = Tool::builder(ToolId::from_external("v"), "Calls", Category::Video)
        .sync_level(SyncLevel::Synchronous)
        .enable([Capability::Sso])
        .seats([Seat::new(user(1), recent())])
        .build()
        .unwrap();
    let docs = Tool::builder(ToolId::from_external("d"), "Docs", Category::Docs)
        .sync_level(SyncLevel::Asynchronous)
        .enable([
            Capability::PersistentSearchableHistory,
            Capability::VersionHistory,
            Capability::CommentsAndSuggestions,
            Capability::Sso,
            Capability::Scim,
            Capability::EnforcedMfa,
        ])
        .available([
            Capability::AuditLog,
            Capability::Offline,
            Capability::DataResidency,
        ])
        .seats([Seat::new(user(1), recent())])
        .build()
        .unwrap();
    let tracker = Tool::builder(ToolId::from_external("t"), "Tracker", Category::Tracker)
        .sync_level(SyncLevel::Asynchronous)
        .enable(Capability::ALL)
        .seats([Seat::new(user(1), recent())])
        .build()
        .unwrap();
    let r = audit(vec![unused, video, docs, tracker]);
    let action = |id: &str| {
        r.recommendation(ToolId::from_external(id))
            .unwrap()
            .action()
    };
    assert_eq!(action("u"), Action::Deprecate);
    assert_eq!(action("v"), Action::Replace);
    assert_eq!(action("d"), Action::Reconfigure);
    assert_eq!(action("t"), Action::Keep);
    let d = r.recommendation(ToolId::from_external("d")).unwrap();
    // Offline raises the score, the audit log is a security control; data residency
    // neither.
    assert_eq!(
        d.settings(),
        &[
            Setting::Enable(Capability::Offline),
            Setting::Enable(Capability::AuditLog)
        ]
    );
    let v = r.recommendation(ToolId::from_external("v")).unwrap();
    assert!(v.reasons().iter().any(|s| s.contains("synchronous-core")));
}

#[test]
fn chat_kept_forever_is_told_to_expire_messages() {
    let chat = Tool::builder(ToolId::from_external("c"), "Chat", Category::Chat)
        .sync_level(SyncLevel::MostlyAsync)
        .enable(Capability::ALL)
        .seats([Seat::new(user(1), recent())])
        .build()
        .unwrap();
    let r = audit(vec![chat]);
    let rec = &r.recommendations()[0];
    assert_eq!(rec.action(), Action::Reconfigure);
    assert_eq!(rec.settings(), &[Setting::ChatRetentionDays(90)]);
}

#[test]
fn async_first_teams_get_their_sync_heavy_tools_called_out() {
    let hours = WorkingHours::nine_to_five();
    let ny = Member::new(
        user(1),
        chrono_tz::America::New_York,
        hours,
        Workdays::MON_FRI,
    )
    .unwrap();
    let sg = Member::new(
        user(2),
        chrono_tz::Asia::Singapore,
        hours,
        Workdays::MON_FRI,
    )
    .unwrap();
    let team = Team::new(TeamId::from_external("apac-us"), vec![ny, sg]).unwrap();
    let period = Period::new(as_of(), as_of() + chrono::Duration::days(28)).unwrap();
    let overlap = OverlapPlanner::new(period, OverlapConfig::default())
        .unwrap()
        .overlap(&team);
    let video = Tool::builder(ToolId::from_external("v"), "Calls", Category::Video)
        .sync_level(SyncLevel::Synchronous)
        .seats([Seat::new(user(2), recent())])
        .build()
        .unwrap();
    let wiki = Tool::builder(ToolId::from_external("w"), "Wiki", Category::Wiki)
        .sync_level(SyncLevel::Asynchronous)
        .seats([Seat::new(user(2), recent())])
        .build()
        .unwrap();
    let r = ToolAudit::run(
        &Inventory::new(vec![video, wiki]).unwrap(),
        &DefaultRubric,
        std::slice::from_ref(&team),
        std::slice::from_ref(&overlap),
        as_of(),
        &AuditConfig::default(),
    )
    .unwrap();
    assert_eq!(r.async_first().len(), 1);
    assert_eq!(
        r.async_first()[0].sync_heavy_tools(),
        &[ToolId::from_external("v")]
    );
    assert!(
        r.findings()
            .iter()
            .any(|f| f.code().as_str() == "TOOLS-ASYNC-FIRST" && f.detail().contains("Calls"))
    );
    // An overlap without its team is an error naming the field.
    let err = ToolAudit::run(
        &Inventory::default(),
        &DefaultRubric,
        &[],
        &[overlap],
        as_of(),
        &AuditConfig::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("overlaps"));
}

#[test]
fn audit_types_are_send_sync_and_round_trip_through_serde() {
    fn check<T: Send + Sync>() {}
    check::<ToolAudit>();
    check::<Inventory>();
    check::<Tool>();
    check::<AuditConfig>();
    let t = Tool::builder(ToolId::from_external("x"), "X", Category::Docs)
        .enable([Capability::VersionHistory])
        .licence(licence(3, 4, (9, 1)))
        .seats([Seat::new(user(1), recent())])
        .build()
        .unwrap();
    let json = serde_json::to_string(&t).unwrap();
    let back: Tool = serde_json::from_str(&json).unwrap();
    assert_eq!(back, t);
    let r = audit(vec![t]);
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.contains("annual_waste"));
}

#[test]
fn findings_use_stable_codes_and_health_is_in_range() {
    let r = audit(vec![]);
    assert!(r.findings().is_empty());
    assert_eq!(r.health().score(), 100);
    assert_eq!(r.domain(), remit_core::Domain::CollabTools);
}

fn any_tool(i: usize) -> impl Strategy<Value = Tool> {
    (
        0u32..(1 << 17),
        0usize..5,
        0usize..11,
        0u32..40,
        0i64..50,
        proptest::collection::vec((0usize..60, proptest::option::of(0i64..400)), 0..30),
        0i64..365,
    )
        .prop_map(move |(bits, level, cat, seats, price, users, renew)| {
            let caps = Capability::ALL
                .into_iter()
                .enumerate()
                .filter(move |(k, _)| bits & (1 << k) != 0)
                .map(|(_, c)| c);
            let mut seen = std::collections::HashSet::new();
            let seat_list: Vec<Seat> = users
                .into_iter()
                .filter(|(u, _)| seen.insert(*u))
                .map(|(u, d)| Seat::new(user(u), d.map(|d| as_of() - chrono::Duration::days(d))))
                .collect();
            let bought = seats.max(seat_list.len() as u32);
            Tool::builder(
                ToolId::from_external(&format!("t{i}")),
                format!("T{i}"),
                Category::ALL[cat],
            )
            .sync_level(SyncLevel::ALL[level])
            .enable(caps)
            .licence(
                Licence::new(
                    bought,
                    usd(price),
                    BillingPeriod::Monthly,
                    as_of() + chrono::Duration::days(renew),
                )
                .unwrap(),
            )
            .seats(seat_list)
            .build()
            .unwrap()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn audit_never_panics_and_waste_never_exceeds_cost(
        tools in (0usize..8).prop_flat_map(|n| (0..n).map(any_tool).collect::<Vec<_>>()),
    ) {
        let r = audit(tools);
        for w in r.licence_waste() {
            prop_assert!(w.annual_waste().checked_cmp(&w.annual_cost()).unwrap() != std::cmp::Ordering::Greater);
        }
        prop_assert!(r.licence_waste().windows(2).all(|p| p[0].renewal() <= p[1].renewal()));
        prop_assert!(r.health().score() <= 100);
        for s in r.scores() {
            prop_assert!(s.score() <= 100);
        }
        for c in r.sprawl() {
            prop_assert!(c.users_in_two_or_more() >= 1);
            prop_assert!(!c.candidates().contains(&c.target()));
        }
        let _ = r.findings();
    }
}
