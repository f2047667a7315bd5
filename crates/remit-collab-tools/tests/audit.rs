//! The tools audit on hand-built inventories: each rule, the Audit findings and
//! properties on arbitrary inventories.

use chrono::NaiveDate;
use proptest::prelude::*;
use remit_collab_tools::Error;
use remit_collab_tools::audit::{Action, AuditConfig, Setting, ToolAudit};
use remit_collab_tools::inventory::{
    BillingPeriod, Capability, Category, Inventory, Licence, Seat, SyncLevel, Tool,
};
use remit_collab_tools::overlap::{
    Member, OverlapConfig, OverlapPlanner, Team, Workdays, WorkingHours,
};
use remit_collab_tools::rubric::DefaultRubric;
use remit_core::AuditExt as _;
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
        .iter()
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
    let report = audit(vec![t]);
    let f: Vec<_> = report
        .findings()
        .iter()
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
    assert_eq!(
        err,
        Error::InvalidConfig {
            record: "tools audit",
            field: "overlaps",
            reason: format!(
                "overlap for team {} has no matching team",
                TeamId::from_external("apac-us")
            ),
        }
    );
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
    assert_eq!(r.health().score(), Some(100));
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
        // Waste is the idle seats at the seat price: waste × seats = cost × idle seats.
        let mut total = Decimal::ZERO;
        for w in r.licence_waste() {
            let idle = Decimal::from(w.inactive_seats() + w.unassigned_seats());
            prop_assert_eq!(
                w.annual_waste().amount() * Decimal::from(w.seats()),
                w.annual_cost().amount() * idle
            );
            total += w.annual_waste().amount();
        }
        if let Some(t) = r.total_annual_waste() {
            prop_assert_eq!(t.amount(), total);
        }
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

fn member_in(i: usize, zone: chrono_tz::Tz) -> Member {
    Member::new(
        user(i),
        zone,
        WorkingHours::nine_to_five(),
        Workdays::MON_FRI,
    )
    .unwrap()
}

fn audit_with_teams(teams: &[Team], config: &AuditConfig) -> ToolAudit {
    ToolAudit::run(
        &Inventory::new(vec![]).unwrap(),
        &DefaultRubric,
        teams,
        &[],
        as_of(),
        config,
    )
    .unwrap()
}

#[test]
fn staff_far_from_their_team_centre_form_a_group() {
    use chrono_tz::{America, Asia, Europe, Pacific};
    // London x3 (+1 in June) and Tokyo (+9): the centre is at about +2.3, so Tokyo is
    // 6.7 h away and London 1.3 h.
    let london_tokyo = Team::new(
        TeamId::from_external("ldn-tyo"),
        vec![
            member_in(1, Europe::London),
            member_in(2, Europe::London),
            member_in(3, Europe::London),
            member_in(4, Asia::Tokyo),
        ],
    )
    .unwrap();
    // Los Angeles (-7 in June) and Auckland (+12 in June) are 5 hours apart on the clock,
    // not 19: each is 2.5 h from the centre, under the default 3.
    let date_line = Team::new(
        TeamId::from_external("lax-akl"),
        vec![
            member_in(5, America::Los_Angeles),
            member_in(6, Pacific::Auckland),
        ],
    )
    .unwrap();
    // Exactly 12 hours apart: no centre, both far.
    let opposite = Team::new(
        TeamId::from_external("opposite"),
        vec![
            member_in(7, chrono_tz::Etc::GMTPlus6),
            member_in(8, chrono_tz::Etc::GMTMinus6),
        ],
    )
    .unwrap();
    // Member 4 is also in a Tokyo-only team, where they are at the centre: still far.
    let tokyo = Team::new(
        TeamId::from_external("tyo"),
        vec![member_in(4, Asia::Tokyo), member_in(9, Asia::Tokyo)],
    )
    .unwrap();
    let teams = [london_tokyo, date_line, opposite, tokyo];
    let a = audit_with_teams(&teams, &AuditConfig::default());
    let groups = a.groups();
    assert_eq!(groups.len(), 1);
    let g = &groups[0];
    assert_eq!(g.key(), "collab.far-from-team-centre");
    assert_eq!(
        g.label(),
        "staff 3+ hours from their team's time-zone centre"
    );
    let mut expected = [user(4), user(7), user(8)];
    expected.sort();
    assert_eq!(g.members(), &expected[..]);
    assert_eq!(a.far_from_team_centre(), &expected[..]);

    // A looser threshold takes the date-line pair too; a stricter one drops Tokyo (6.7 h).
    let loose = AuditConfig::default()
        .with_far_from_centre_hours(2.5)
        .unwrap();
    let g = &audit_with_teams(&teams, &loose).groups()[0];
    assert!(g.contains(user(5)) && g.contains(user(6)) && !g.contains(user(1)));
    assert_eq!(
        g.label(),
        "staff 2.5+ hours from their team's time-zone centre"
    );
    let strict = AuditConfig::default()
        .with_far_from_centre_hours(8.0)
        .unwrap();
    let g = &audit_with_teams(&teams, &strict).groups()[0];
    assert!(!g.contains(user(4)) && g.contains(user(7)));

    for bad in [0.0, -1.0, 12.5, f64::NAN] {
        assert!(matches!(
            AuditConfig::default().with_far_from_centre_hours(bad),
            Err(Error::InvalidConfig {
                record: "audit config",
                field: "far_from_centre_hours",
                ..
            })
        ));
    }
    // Without teams there is no group to offer.
    assert!(
        audit_with_teams(&[], &AuditConfig::default())
            .groups()
            .is_empty()
    );
}

/// Offsets on an audit date after 2099 would come from chrono-tz's last listed offsets
/// (New York on standard time in July 2100): with teams, such a date is refused; without
/// teams no offset is read and the audit runs.
#[test]
fn far_from_centre_refuses_dates_past_the_tz_data() {
    let july_2100 = NaiveDate::from_ymd_opt(2100, 7, 1).unwrap();
    let team = Team::new(
        TeamId::from_external("ny-ldn"),
        vec![
            member_in(1, chrono_tz::America::New_York),
            member_in(2, chrono_tz::Europe::London),
        ],
    )
    .unwrap();
    let run = |teams: &[Team]| {
        ToolAudit::run(
            &Inventory::default(),
            &DefaultRubric,
            teams,
            &[],
            july_2100,
            &AuditConfig::default(),
        )
    };
    assert!(matches!(
        run(std::slice::from_ref(&team)),
        Err(Error::OutsideTimeZoneData {
            record: "tools audit",
            field: "as_of",
            date,
            ..
        }) if date == july_2100
    ));
    assert!(run(&[]).is_ok_and(|a| a.as_of() == july_2100));
}

/// A price that overflows when annualised is an error naming the tool by its name.
#[test]
fn money_overflow_names_the_tool() {
    let huge = Licence::new(
        1,
        Money::new(
            Decimal::MAX / Decimal::from(5),
            Currency::new("USD").unwrap(),
        ),
        BillingPeriod::Monthly,
        as_of(),
    )
    .unwrap();
    let tool = Tool::builder(ToolId::from_external("huge"), "Huge Suite", Category::Docs)
        .licence(huge)
        .build()
        .unwrap();
    let err = ToolAudit::run(
        &Inventory::new(vec![tool]).unwrap(),
        &DefaultRubric,
        &[],
        &[],
        as_of(),
        &AuditConfig::default(),
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::Money { context, .. }
            if context.starts_with("tool \"Huge Suite\" (")),
        "{err}"
    );
}

fn scored_tool(i: usize, caps: usize) -> Tool {
    Tool::builder(
        ToolId::from_external(&format!("t{i}")),
        format!("Tool {i}"),
        Category::Docs,
    )
    .sync_level(SyncLevel::Asynchronous)
    .enable(CHAT_CAPS.iter().copied().take(caps))
    .build()
    .unwrap()
}

#[test]
fn the_chart_shows_every_tool_score_or_the_lowest_thirty() {
    use remit_collab_tools::audit::MAX_CHART_TOOLS;
    use remit_core::chart::ChartKind;

    let few = audit((0..5).map(|i| scored_tool(i, i)).collect());
    let charts = few.charts();
    assert_eq!(charts.len(), 1);
    let chart = &charts[0];
    assert_eq!(chart.key(), "collab.tool-scores");
    assert_eq!(chart.kind(), ChartKind::Bar);
    assert_eq!(chart.reference_line(), Some(("replace below", 40.0)));
    let points = chart.series()[0].points();
    let labels: Vec<&str> = points.iter().map(|p| p.label()).collect();
    assert_eq!(labels, ["Tool 0", "Tool 1", "Tool 2", "Tool 3", "Tool 4"]);
    for (p, s) in points.iter().zip(few.scores()) {
        assert_eq!(p.y(), f64::from(s.score()));
    }
    assert!(points[4].y() > points[0].y());

    // 40 tools: the 30 lowest scores, lowest first, ties in inventory order.
    let many = audit((0..40).map(|i| scored_tool(i, 9 - i % 10)).collect());
    let chart = &many.charts()[0];
    assert_eq!(
        chart.title(),
        "Async-suitability score: the 30 lowest of 40 tools"
    );
    let points = chart.series()[0].points();
    assert_eq!(points.len(), MAX_CHART_TOOLS);
    assert!(points.windows(2).all(|w| w[0].y() <= w[1].y()));
    let mut all: Vec<u8> = many.scores().iter().map(|s| s.score()).collect();
    all.sort_unstable();
    let shown: Vec<u8> = points.iter().map(|p| p.y() as u8).collect();
    assert_eq!(shown, all[..MAX_CHART_TOOLS]);
    let mut order: Vec<(u8, usize)> = many
        .scores()
        .iter()
        .enumerate()
        .map(|(i, s)| (s.score(), i))
        .collect();
    order.sort_unstable();
    let expected: Vec<String> = order[..MAX_CHART_TOOLS]
        .iter()
        .map(|&(_, i)| format!("Tool {i}"))
        .collect();
    let labels: Vec<&str> = points.iter().map(|p| p.label()).collect();
    assert_eq!(labels, expected);
    // Tools with no capability (i % 10 == 9) score lowest and lead.
    assert_eq!(points[0].label(), "Tool 9");
    assert!(points[0].y() < points[MAX_CHART_TOOLS - 1].y());

    assert!(audit(vec![]).charts().is_empty());
}
