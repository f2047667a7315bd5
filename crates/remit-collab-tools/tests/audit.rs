//! The tools audit on hand-built inventories: each rule, the findings, the checks of the
//! inputs against the workforce, and properties on arbitrary inventories.

use chrono::NaiveDate;
use chrono_tz::Tz;
use proptest::prelude::*;
use remit_collab_tools::{
    Action, BillingPeriod, Capability, Category, Config, Error, Inputs, Inventory, Licence, Member,
    Seat, Setting, SyncLevel, Team, Tool, ToolsReport, Workdays, WorkingHours, audit, codes,
};
use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy, Suppression};
use remit_core::{
    Audit, AuditExt as _, CountryCode, Coverage, Currency, Department, Employee, EmployeeId,
    JobLevel, Money, Roster, TeamId, ToolId, WorkMode,
};
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

fn employee(i: usize, zone: Tz) -> Employee {
    Employee::builder(user(i))
        .work_mode(WorkMode::Remote)
        .country(CountryCode::new("GB").unwrap())
        .time_zone(zone)
        .level(JobLevel::new(2))
        .department(Department::new("Engineering").unwrap())
        .hired_on(NaiveDate::from_ymd_opt(2020, 1, 6).unwrap())
        .build()
        .unwrap()
}

/// Employees E-0 to E-199 in London, with the zones given overriding.
fn roster_with(zones: &[(usize, Tz)]) -> Roster {
    Roster::new(
        (0..200)
            .map(|i| {
                let zone = zones
                    .iter()
                    .find(|(j, _)| *j == i)
                    .map_or(chrono_tz::Europe::London, |(_, z)| *z);
                employee(i, zone)
            })
            .collect(),
    )
    .unwrap()
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

fn engine() -> Disclosure {
    Disclosure::new(DisclosurePolicy::default().with_release_log())
}

fn run(tools: Vec<Tool>, config: &Config) -> ToolsReport {
    let roster = roster_with(&[]);
    let inventory = Inventory::new(tools).unwrap();
    audit(&Inputs::new(&roster, &inventory), config, &mut engine()).unwrap()
}

fn audit_of(tools: Vec<Tool>) -> ToolsReport {
    run(tools, &Config::new(as_of()))
}

fn published<T>(d: Disclosed<T>) -> T {
    d.published().expect("published")
}

fn finding<'a>(r: &'a ToolsReport, code: &str) -> Vec<&'a remit_core::Finding> {
    r.findings()
        .iter()
        .filter(|f| f.code().as_str() == code)
        .collect()
}

#[test]
fn licence_waste_counts_inactive_and_unassigned_seats_ordered_by_renewal() {
    let a = Tool::builder(ToolId::from_external("a"), "Alpha", Category::Docs)
        .licence(licence(10, 5, (12, 1)))
        .seats((0..6).map(|i| Seat::new(user(i), if i < 4 { recent() } else { stale() })))
        .build()
        .unwrap();
    let b = Tool::builder(ToolId::from_external("b"), "Beta", Category::Tracker)
        .licence(licence(6, 10, (8, 1)))
        .seats((0..6).map(|i| Seat::new(user(i), None)))
        .build()
        .unwrap();
    let r = audit_of(vec![a, b]);
    let w = r.licence_waste();
    assert_eq!(w[0].tool(), ToolId::from_external("b")); // renews first
    assert_eq!(
        (w[0].inactive_seats(), w[0].unassigned_seats()),
        (Disclosed::Published(6), Disclosed::Published(0))
    );
    assert_eq!(w[0].annual_waste(), Disclosed::Published(usd(720)));
    assert_eq!(
        (w[1].inactive_seats(), w[1].unassigned_seats()),
        (Disclosed::Published(2), Disclosed::Published(4))
    );
    assert_eq!(w[1].annual_waste(), Disclosed::Published(usd(360))); // 6 seats x 5 x 12
    assert_eq!(w[1].annual_cost(), usd(600));
    let totals = r.licence_totals().unwrap();
    assert_eq!(totals.annual_cost(), usd(1320));
    assert_eq!(totals.published_waste(), usd(1080));
    assert_eq!(totals.tools_withheld(), 0);
    // A configurable window: with 200 days the stale seats are active again.
    let r = run(
        vec![
            Tool::builder(ToolId::from_external("a"), "Alpha", Category::Docs)
                .licence(licence(7, 5, (12, 1)))
                .seats((0..6).map(|i| Seat::new(user(i), stale())))
                .build()
                .unwrap(),
        ],
        &Config::new(as_of()).with_inactive_after_days(200).unwrap(),
    );
    assert_eq!(
        r.licence_waste()[0].inactive_seats(),
        Disclosed::Published(0)
    );
    assert_eq!(
        r.licence_waste()[0].unassigned_seats(),
        Disclosed::Published(1)
    );
}

/// Eleven tools with idle seats make one finding with a table of eleven rows, not
/// eleven findings; money is written with thousands separators and its currency.
#[test]
fn many_tools_with_idle_seats_are_one_finding_with_a_table() {
    let tools: Vec<Tool> = (0..11)
        .map(|t| {
            Tool::builder(
                ToolId::from_external(&format!("t{t}")),
                format!("Tool {t}"),
                Category::ALL[t % 10],
            )
            .licence(licence(1_000, 10, (9, 1 + t as u32)))
            .seats((0..8).map(|i| Seat::new(user(i), recent())))
            .build()
            .unwrap()
        })
        .collect();
    let r = audit_of(tools);
    let waste = finding(&r, "TOOLS-LICENCE-WASTE");
    assert_eq!(waste.len(), 1);
    let table = waste[0].table().unwrap();
    assert_eq!(table.rows().len(), 11);
    assert_eq!(table.columns()[5], "annual waste");
    // 992 unassigned seats x 10 x 12 = 119,040 each.
    assert_eq!(table.rows()[0][5], "119,040.00 USD");
    assert_eq!(table.rows()[0][0], "Tool 0"); // soonest renewal first
    assert_eq!(
        waste[0].title(),
        "1,309,440.00 USD a year on unused seats across 11 tools"
    );
    // The renewals are within 90 days: medium.
    assert_eq!(waste[0].severity(), remit_core::Severity::Medium);
}

/// A tool with fewer seat holders than the minimum group size publishes none of its
/// seat figures, and the total leaves it out (so the total minus the published rows
/// gives nothing back about it).
#[test]
fn a_small_tools_idle_seats_are_withheld_and_left_out_of_the_total() {
    let big = Tool::builder(ToolId::from_external("big"), "Big", Category::Docs)
        .licence(licence(20, 5, (12, 1)))
        .seats((0..10).map(|i| Seat::new(user(i), if i < 8 { recent() } else { stale() })))
        .build()
        .unwrap();
    let small = Tool::builder(ToolId::from_external("small"), "Small", Category::Wiki)
        .licence(licence(9, 7, (10, 1)))
        .seats((0..3).map(|i| Seat::new(user(i), if i < 1 { recent() } else { stale() })))
        .build()
        .unwrap();
    let r = audit_of(vec![big, small]);
    let small = r
        .licence_waste()
        .iter()
        .find(|w| w.tool() == ToolId::from_external("small"))
        .unwrap();
    let below = Disclosed::Suppressed(Suppression::BelowMinimum);
    assert_eq!(small.inactive_seats(), below);
    assert_eq!(small.unassigned_seats(), below);
    assert_eq!(
        small.annual_waste(),
        Disclosed::Suppressed(Suppression::BelowMinimum)
    );
    assert_eq!(small.seats(), 9); // bought seats are a contract fact
    let usage = r.tool(ToolId::from_external("small")).unwrap().usage();
    assert_eq!(usage.seat_holders(), below);
    assert_eq!(usage.active_users(), below);
    let totals = r.licence_totals().unwrap();
    assert_eq!(totals.tools_withheld(), 1);
    // Only the big tool's waste: (2 inactive + 10 unassigned) x 5 x 12.
    assert_eq!(totals.published_waste(), usd(720));
    assert_eq!(totals.annual_cost(), usd(20 * 60 + 9 * 84));
    let f = &finding(&r, "TOOLS-LICENCE-WASTE")[0];
    assert_eq!(f.table().unwrap().rows().len(), 1);
    assert!(
        f.detail().contains("1 tool with too few seat holders"),
        "{}",
        f.detail()
    );
    assert!(!f.detail().contains("Small"));
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
    let r = audit_of(vec![main, second]);
    assert_eq!(r.sprawl().len(), 1);
    let c = &r.sprawl()[0];
    assert_eq!(c.category(), Category::Chat);
    assert_eq!(c.users_in_two_or_more(), Disclosed::Published(15));
    assert_eq!(c.target(), ToolId::from_external("main"));
    assert_eq!(c.candidates(), &[ToolId::from_external("second")]);
    // 30 x 6 x 12 = 2160 retired; 10 movers fit in the 20 free seats.
    assert_eq!(c.annual_savings(), Some(usd(2160)));
    let rec = r.recommendation(ToolId::from_external("second")).unwrap();
    assert_eq!(rec.action(), Action::Deprecate);
    assert_eq!(rec.replacement(), Some(ToolId::from_external("main")));
    let f = &finding(&r, "TOOLS-SPRAWL")[0];
    assert_eq!(f.affected(), Some(15));
    assert_eq!(f.metric().unwrap().value(), 15.0);
    assert!(f.detail().contains("2,160.00 USD a year"), "{}", f.detail());
    assert_eq!(
        f.recommendation(),
        "Consolidate into MainChat and retire SideChat."
    );
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
    let r = audit_of(vec![main, second]);
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
    assert!(audit_of(vec![a, b, c]).sprawl().is_empty());
}

/// Two linked tools whose seat holders together are fewer than the minimum group size:
/// whether anyone uses both cannot be published, so the sprawl rule is not applied.
#[test]
fn sprawl_among_too_few_people_is_not_judged() {
    let a = Tool::builder(ToolId::from_external("a"), "A", Category::Chat)
        .enable(CHAT_CAPS)
        .seats((0..3).map(|i| Seat::new(user(i), recent())))
        .build()
        .unwrap();
    let b = Tool::builder(ToolId::from_external("b"), "B", Category::Chat)
        .enable(CHAT_CAPS)
        .seats((1..4).map(|i| Seat::new(user(i), recent())))
        .build()
        .unwrap();
    let r = audit_of(vec![a, b]);
    assert!(r.sprawl().is_empty());
    assert!(finding(&r, "TOOLS-SPRAWL").is_empty());
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
    let r = audit_of(vec![t]);
    assert_eq!(r.security_gaps().len(), 1);
    assert!(r.security_gaps()[0].missing().contains(Capability::Sso));
    assert_eq!(r.security_gaps()[0].missing().len(), 1);
    assert_eq!(
        r.security_gaps()[0].active_users(),
        Disclosed::Published(12)
    );
    let f = finding(&r, "TOOLS-NO-SSO");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].title(), "Board has no SSO");
    assert_eq!(f[0].affected(), Some(12));
    assert_eq!(f[0].severity(), remit_core::Severity::High);
    assert!(
        f[0].detail().starts_with("12 active users;"),
        "{}",
        f[0].detail()
    );
}

/// Issue 13: a tool with three users gave "3 active users" in the finding's detail and
/// metric. Now nothing of them is written: the count is withheld everywhere.
#[test]
fn small_counts_are_written_nowhere() {
    let t = Tool::builder(ToolId::from_external("wb"), "Board", Category::Whiteboard)
        .seats((0..3).map(|i| Seat::new(user(i), recent())))
        .build()
        .unwrap();
    let report = audit_of(vec![t]);
    assert_eq!(
        report.security_gaps()[0].active_users(),
        Disclosed::Suppressed(Suppression::BelowMinimum)
    );
    for f in report.findings() {
        assert_eq!(f.affected(), None, "{}", f.code());
        assert!(!f.detail().contains('3'), "{}: {}", f.code(), f.detail());
        assert!(!f.title().contains('3'), "{}", f.title());
        if let Some(m) = f.metric() {
            assert_ne!(m.value(), 3.0, "{}: {}", f.code(), m.name());
        }
        for row in f.table().map_or(&[][..], |t| t.rows()) {
            assert!(!row.iter().any(|cell| cell == "3"), "{row:?}");
        }
    }
    let sso = &finding(&report, "TOOLS-NO-SSO")[0];
    assert!(sso.detail().contains("withheld"), "{}", sso.detail());
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("\"published\":3"), "{json}");
}

#[test]
fn several_tools_without_a_control_are_one_finding_with_a_table() {
    let tools: Vec<Tool> = ["A", "B", "C"]
        .iter()
        .enumerate()
        .map(|(k, name)| {
            Tool::builder(ToolId::from_external(name), *name, Category::ALL[k])
                .enable([
                    Capability::Scim,
                    Capability::EnforcedMfa,
                    Capability::AuditLog,
                ])
                .seats((0..6 + k).map(|i| Seat::new(user(i), recent())))
                .build()
                .unwrap()
        })
        .collect();
    let r = audit_of(tools);
    let f = finding(&r, "TOOLS-NO-SSO");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].title(), "3 tools have no SSO");
    let rows = f[0].table().unwrap().rows();
    let active: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(active, ["6", "7", "8"]);
    assert!(finding(&r, "TOOLS-NO-MFA").is_empty());
}

#[test]
fn recommendations_follow_the_documented_order() {
    let seats = |stale_ones: bool| {
        (0..6).map(move |i| Seat::new(user(i), if stale_ones { stale() } else { recent() }))
    };
    let unused = Tool::builder(ToolId::from_external("u"), "Unused", Category::Wiki)
        .enable(Capability::ALL)
        .sync_level(SyncLevel::Asynchronous)
        .seats(seats(true))
        .build()
        .unwrap();
    let video = Tool::builder(ToolId::from_external("v"), "Calls", Category::Video)
        .sync_level(SyncLevel::Synchronous)
        .enable([Capability::Sso])
        .seats(seats(false))
        .build()
        .unwrap();
    let huddle = Tool::builder(ToolId::from_external("h"), "Huddle", Category::Video)
        .sync_level(SyncLevel::MostlyAsync)
        .enable(Capability::ALL)
        .seats(seats(false))
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
        .seats(seats(false))
        .build()
        .unwrap();
    let tracker = Tool::builder(ToolId::from_external("t"), "Tracker", Category::Tracker)
        .sync_level(SyncLevel::Asynchronous)
        .enable(Capability::ALL)
        .seats(seats(false))
        .build()
        .unwrap();
    let calendar = Tool::builder(ToolId::from_external("c"), "Calendar", Category::Calendar)
        .sync_level(SyncLevel::Mixed)
        .enable([Capability::Status, Capability::Sso])
        .seats(seats(false))
        .build()
        .unwrap();
    let r = audit_of(vec![unused, video, huddle, docs, tracker, calendar]);
    let action = |id: &str| {
        r.recommendation(ToolId::from_external(id))
            .unwrap()
            .action()
    };
    assert_eq!(action("u"), Action::Deprecate);
    assert_eq!(action("v"), Action::Replace);
    assert_eq!(action("h"), Action::Keep);
    assert_eq!(action("d"), Action::Reconfigure);
    assert_eq!(action("t"), Action::Keep);
    // The only calendar scores low: improve it, never "replace Calendar".
    assert_eq!(action("c"), Action::Improve);
    let v = r.recommendation(ToolId::from_external("v")).unwrap();
    assert_eq!(v.replacement(), Some(ToolId::from_external("h")));
    assert!(v.reasons().iter().any(|s| s.contains("synchronous-core")));
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
    assert!(
        r.findings()
            .iter()
            .all(|f| !f.recommendation().contains("Replace Calendar")
                && !f.title().contains("Calendar: replace"))
    );
    let improve = &finding(&r, "TOOLS-IMPROVE")[0];
    assert_eq!(improve.title(), "Calendar: improve");
    assert!(
        improve
            .recommendation()
            .starts_with("Keep Calendar, the only calendar tool, and improve"),
        "{}",
        improve.recommendation()
    );
    assert_eq!(finding(&r, "TOOLS-REPLACE")[0].title(), "Calls: replace");
    assert_eq!(
        finding(&r, "TOOLS-REPLACE")[0].recommendation(),
        "Replace Calls in favour of Huddle."
    );
}

/// The unused-tool rule reads the active-user count, so it is applied only when that
/// count was published: three seat holders nobody uses are not deprecated, and the
/// reasons say why.
#[test]
fn the_unused_tool_rule_needs_a_published_count() {
    let unused = Tool::builder(ToolId::from_external("u"), "Unused", Category::Wiki)
        .enable(Capability::ALL)
        .sync_level(SyncLevel::Asynchronous)
        .seats((0..3).map(|i| Seat::new(user(i), stale())))
        .build()
        .unwrap();
    let r = audit_of(vec![unused]);
    let rec = &r.tools()[0].recommendation();
    assert_eq!(rec.action(), Action::Keep);
    assert!(
        rec.reasons().iter().any(|s| s.contains("withheld")),
        "{:?}",
        rec.reasons()
    );
}

#[test]
fn chat_kept_forever_is_told_to_expire_messages() {
    let chat = Tool::builder(ToolId::from_external("c"), "Chat", Category::Chat)
        .sync_level(SyncLevel::MostlyAsync)
        .enable(Capability::ALL)
        .seats([Seat::new(user(1), recent())])
        .build()
        .unwrap();
    let r = audit_of(vec![chat]);
    let rec = r.tools()[0].recommendation();
    assert_eq!(rec.action(), Action::Reconfigure);
    assert_eq!(rec.settings(), &[Setting::ChatRetentionDays(90)]);
    assert_eq!(
        finding(&r, "TOOLS-RECONFIGURE")[0].recommendation(),
        "Reconfigure Chat (expire messages after 90 days)."
    );
}

fn nine_to_five(i: usize, zone: Tz) -> Member {
    Member::new(
        user(i),
        zone,
        WorkingHours::nine_to_five(),
        Workdays::MON_FRI,
    )
    .unwrap()
}

/// New York and Singapore members: users 0-2 and 10-12 in a team of six.
fn split_team() -> (Roster, Team) {
    let zones: Vec<(usize, Tz)> = (0..3)
        .map(|i| (i, chrono_tz::America::New_York))
        .chain((10..13).map(|i| (i, chrono_tz::Asia::Singapore)))
        .collect();
    let roster = roster_with(&zones);
    let team = Team::new(
        TeamId::from_external("apac-us"),
        zones.iter().map(|&(i, z)| nine_to_five(i, z)).collect(),
    )
    .unwrap()
    .with_name("Payments")
    .unwrap();
    (roster, team)
}

fn short_config() -> Config {
    Config::new(as_of()).with_overlap_days(28).unwrap()
}

#[test]
fn async_first_teams_get_their_sync_heavy_tools_called_out() {
    let (roster, team) = split_team();
    // Everyone of 0-19 holds a video seat; the team's six are active in it.
    let video = Tool::builder(ToolId::from_external("v"), "Calls", Category::Video)
        .sync_level(SyncLevel::Synchronous)
        .seats((0..20).map(|i| Seat::new(user(i), recent())))
        .build()
        .unwrap();
    let wiki = Tool::builder(ToolId::from_external("w"), "Wiki", Category::Wiki)
        .sync_level(SyncLevel::Asynchronous)
        .seats((0..20).map(|i| Seat::new(user(i), recent())))
        .build()
        .unwrap();
    let inventory = Inventory::new(vec![video, wiki]).unwrap();
    let teams = [team];
    let r = audit(
        &Inputs::new(&roster, &inventory).with_teams(&teams),
        &short_config(),
        &mut engine(),
    )
    .unwrap();
    assert_eq!(r.teams_planned(), 1);
    assert_eq!(r.async_first().len(), 1);
    let callout = &r.async_first()[0];
    assert_eq!(callout.team_name(), "Payments");
    assert_eq!(callout.sync_heavy_tools(), &[ToolId::from_external("v")]);
    assert!(callout.withheld_tools().is_empty());
    let f = &finding(&r, "TOOLS-ASYNC-FIRST")[0];
    assert_eq!(f.title(), "Payments shares 0 min a day: work async-first");
    assert_eq!(f.cohort().get("team"), Some("Payments"));
    assert!(f.detail().contains("Calls"));
}

/// Two members hold a seat on the video tool: whether they use it is a figure about two
/// people, so it is withheld, and the call-out says so rather than listing it or not.
#[test]
fn a_small_teams_tool_use_is_withheld() {
    let roster = roster_with(&[
        (1, chrono_tz::America::New_York),
        (2, chrono_tz::Asia::Singapore),
    ]);
    let team = Team::new(
        TeamId::from_external("pair"),
        vec![
            nine_to_five(1, chrono_tz::America::New_York),
            nine_to_five(2, chrono_tz::Asia::Singapore),
        ],
    )
    .unwrap();
    let video = Tool::builder(ToolId::from_external("v"), "Calls", Category::Video)
        .sync_level(SyncLevel::Synchronous)
        .seats((0..20).map(|i| Seat::new(user(i), recent())))
        .build()
        .unwrap();
    let inventory = Inventory::new(vec![video]).unwrap();
    let teams = [team];
    let r = audit(
        &Inputs::new(&roster, &inventory).with_teams(&teams),
        &short_config(),
        &mut engine(),
    )
    .unwrap();
    let callout = &r.async_first()[0];
    assert!(callout.sync_heavy_tools().is_empty());
    assert_eq!(callout.withheld_tools(), &[ToolId::from_external("v")]);
    // Without a display name the team is shown by its id.
    let id = TeamId::from_external("pair");
    assert_eq!(callout.team_name(), format!("team {id}"));
    let f = &finding(&r, "TOOLS-ASYNC-FIRST")[0];
    assert!(f.table().unwrap().rows()[0][2].contains("use of Calls withheld"));
}

#[test]
fn inputs_that_disagree_with_the_workforce_are_refused_and_nothing_is_released() {
    let (roster, team) = split_team();
    let run_with = |inventory: &Inventory, teams: &[Team]| {
        let mut engine = engine();
        let result = audit(
            &Inputs::new(&roster, inventory).with_teams(teams),
            &short_config(),
            &mut engine,
        );
        assert_eq!(engine.populations().count(), 0, "the engine was touched");
        result
    };
    let empty = Inventory::default();
    // A seat holder who is not an employee.
    let stranger = EmployeeId::from_external("contractor-7");
    let tool = Tool::builder(ToolId::from_external("v"), "Calls", Category::Video)
        .seats([Seat::new(user(1), recent()), Seat::new(stranger, recent())])
        .build()
        .unwrap();
    let inventory = Inventory::new(vec![tool]).unwrap();
    assert_eq!(
        run_with(&inventory, &[]).unwrap_err(),
        Error::UnknownSeatHolder {
            tool: ToolId::from_external("v"),
            name: "Calls".into(),
            user: stranger,
        }
    );
    // The same seats checked one run at a time (a large tool) find the same person.
    let many = Tool::builder(ToolId::from_external("m"), "Mail", Category::Email)
        .seats((0..200).map(|i| Seat::new(user(i), recent())).chain(
            (0..5_000).map(|i| Seat::new(EmployeeId::from_external(&format!("X-{i}")), recent())),
        ))
        .build()
        .unwrap();
    assert!(matches!(
        run_with(&Inventory::new(vec![many]).unwrap(), &[]),
        Err(Error::UnknownSeatHolder { user, .. }) if user == EmployeeId::from_external("X-0")
    ));
    // A member in another zone than the workforce records.
    let wrong_zone = Team::new(
        TeamId::from_external("t"),
        vec![nine_to_five(1, chrono_tz::Europe::Paris)],
    )
    .unwrap()
    .with_name("Platform")
    .unwrap();
    let err = run_with(&empty, &[wrong_zone]).unwrap_err();
    assert_eq!(
        err,
        Error::MemberZoneMismatch {
            team: TeamId::from_external("t"),
            team_name: Some("Platform".into()),
            member: user(1),
            zone: chrono_tz::Europe::Paris,
            employee_zone: chrono_tz::America::New_York,
        }
    );
    assert!(err.to_string().starts_with("team \"Platform\" ("), "{err}");
    // A member who is not an employee.
    let ghost = Team::new(
        TeamId::from_external("g"),
        vec![
            Member::new(
                stranger,
                chrono_tz::UTC,
                WorkingHours::nine_to_five(),
                Workdays::MON_FRI,
            )
            .unwrap(),
        ],
    )
    .unwrap();
    assert!(matches!(
        run_with(&empty, &[ghost]),
        Err(Error::UnknownMember { member, team_name: None, .. }) if member == stranger
    ));
    // Two teams with one id.
    assert!(matches!(
        run_with(&empty, &[team.clone(), team.clone()]),
        Err(Error::DuplicateTeam { team: id, name: Some(name) })
            if id == TeamId::from_external("apac-us") && name == "Payments"
    ));
}

#[test]
fn a_member_who_has_left_is_refused() {
    let leaver = Employee::builder(user(1))
        .work_mode(WorkMode::Remote)
        .country(CountryCode::new("GB").unwrap())
        .time_zone(chrono_tz::Europe::London)
        .level(JobLevel::new(2))
        .department(Department::new("Engineering").unwrap())
        .hired_on(NaiveDate::from_ymd_opt(2020, 1, 6).unwrap())
        .left_on(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap())
        .build()
        .unwrap();
    let roster = Roster::new(vec![leaver]).unwrap();
    let team = Team::new(
        TeamId::from_external("t"),
        vec![nine_to_five(1, chrono_tz::Europe::London)],
    )
    .unwrap();
    let inventory = Inventory::default();
    let teams = [team];
    assert_eq!(
        audit(
            &Inputs::new(&roster, &inventory).with_teams(&teams),
            &short_config(),
            &mut engine()
        )
        .unwrap_err(),
        Error::MemberNotEmployed {
            team: TeamId::from_external("t"),
            team_name: None,
            member: user(1),
            as_of: as_of(),
        }
    );
    // A leaver's seat is waste to find, not an error.
    let tool = Tool::builder(ToolId::from_external("w"), "Wiki", Category::Wiki)
        .seats([Seat::new(user(1), stale())])
        .build()
        .unwrap();
    let inventory = Inventory::new(vec![tool]).unwrap();
    assert!(
        audit(
            &Inputs::new(&roster, &inventory),
            &short_config(),
            &mut engine()
        )
        .is_ok()
    );
}

#[test]
fn audit_types_are_send_sync_and_round_trip_through_serde() {
    fn check<T: Send + Sync>() {}
    check::<ToolsReport>();
    check::<Inventory>();
    check::<Tool>();
    check::<Config>();
    let t = Tool::builder(ToolId::from_external("x"), "X", Category::Docs)
        .enable([Capability::VersionHistory])
        .licence(licence(3, 4, (9, 1)))
        .seats([Seat::new(user(1), recent())])
        .build()
        .unwrap();
    let json = serde_json::to_string(&t).unwrap();
    let back: Tool = serde_json::from_str(&json).unwrap();
    assert_eq!(back, t);
    let r = audit_of(vec![t]);
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.contains("annual_waste"));
    let config = Config::new(as_of()).with_overlap_days(30).unwrap();
    let back: Config = serde_json::from_str(&serde_json::to_string(&config).unwrap()).unwrap();
    assert_eq!(back, config);
}

/// Issue 15: no tools is not perfect health, it is not measured.
#[test]
fn an_empty_inventory_is_not_measured() {
    let r = audit_of(vec![]);
    assert!(r.findings().is_empty());
    assert_eq!(
        r.coverage(),
        &Coverage::NotMeasured {
            reason: "no tools in the inventory".into()
        }
    );
    assert_eq!(r.health().score(), None);
    assert_eq!(r.domain(), remit_core::Domain::CollabTools);
    assert!(r.charts().is_empty());
}

#[test]
fn finding_codes_are_the_documented_constants() {
    for (code, text) in [
        (codes::SPRAWL, "TOOLS-SPRAWL"),
        (codes::LICENCE_WASTE, "TOOLS-LICENCE-WASTE"),
        (codes::NO_SSO, "TOOLS-NO-SSO"),
        (codes::NO_MFA, "TOOLS-NO-MFA"),
        (codes::NO_SCIM, "TOOLS-NO-SCIM"),
        (codes::NO_AUDIT_LOG, "TOOLS-NO-AUDIT-LOG"),
        (codes::ASYNC_FIRST, "TOOLS-ASYNC-FIRST"),
        (codes::REPLACE, "TOOLS-REPLACE"),
        (codes::IMPROVE, "TOOLS-IMPROVE"),
        (codes::DEPRECATE, "TOOLS-DEPRECATE"),
        (codes::RECONFIGURE, "TOOLS-RECONFIGURE"),
    ] {
        assert_eq!(code.as_str(), text);
    }
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
    fn audit_never_panics_and_publishes_consistent_figures(
        tools in (0usize..8).prop_flat_map(|n| (0..n).map(any_tool).collect::<Vec<_>>()),
    ) {
        let inventory = Inventory::new(tools).unwrap();
        let r = audit(&Inputs::new(&roster_with(&[]), &inventory), &Config::new(as_of()), &mut engine()).unwrap();
        prop_assert!(r.licence_waste().windows(2).all(|p| p[0].renewal() <= p[1].renewal()));
        // Published waste is the idle seats at the seat price, never above the cost;
        // withheld waste comes with withheld seat figures.
        let mut total = Decimal::ZERO;
        let mut withheld = 0;
        for w in r.licence_waste() {
            match (w.annual_waste(), w.inactive_seats(), w.unassigned_seats()) {
                (Disclosed::Published(waste), Disclosed::Published(inactive), Disclosed::Published(unassigned)) => {
                    prop_assert!(waste.checked_cmp(&w.annual_cost()).unwrap() != std::cmp::Ordering::Greater);
                    prop_assert_eq!(
                        waste.amount() * Decimal::from(w.seats()),
                        w.annual_cost().amount() * Decimal::from(inactive + unassigned)
                    );
                    total += waste.amount();
                }
                (Disclosed::Suppressed(_), Disclosed::Suppressed(_), Disclosed::Suppressed(_)) => withheld += 1,
                other => prop_assert!(false, "mixed disclosure {:?}", other),
            }
        }
        if let Some(t) = r.licence_totals() {
            prop_assert_eq!(t.published_waste().amount(), total);
            prop_assert_eq!(t.tools_withheld(), withheld);
        }
        for (review, tool) in r.tools().iter().zip(inventory.tools()) {
            // The review scores the tool it names, with the default rubric.
            prop_assert_eq!(review.score().tool(), tool.id());
            prop_assert_eq!(
                review.score().score(),
                remit_collab_tools::rubric::score(&remit_collab_tools::rubric::DefaultRubric::new(), tool).score()
            );
            let usage = review.usage();
            // Published exactly when the tool has no seats or at least five holders.
            let n = tool.seats().len();
            prop_assert_eq!(usage.is_published(), n == 0 || n >= 5);
            if let (Disclosed::Published(all), Disclosed::Published(active)) = (usage.seat_holders(), usage.active_users()) {
                prop_assert_eq!(all, n as u64);
                prop_assert!(active <= all);
            }
        }
        for c in r.sprawl() {
            prop_assert!(c.users_in_two_or_more().published().is_some_and(|n| n >= 1));
            prop_assert!(!c.candidates().contains(&c.target()));
        }
        // One finding per code at most.
        let mut codes: Vec<&str> = r.findings().iter().map(|f| f.code().as_str()).collect();
        let all = codes.len();
        codes.sort_unstable();
        codes.dedup();
        prop_assert_eq!(codes.len(), all);
    }
}

fn member_in(i: usize, zone: Tz) -> Member {
    nine_to_five(i, zone)
}

fn audit_with_teams(roster: &Roster, teams: &[Team], config: &Config) -> ToolsReport {
    let inventory = Inventory::new(vec![]).unwrap();
    audit(
        &Inputs::new(roster, &inventory).with_teams(teams),
        config,
        &mut engine(),
    )
    .unwrap()
}

#[test]
fn staff_far_from_their_team_centre_form_a_group() {
    use chrono_tz::{America, Asia, Europe, Pacific};
    let roster = roster_with(&[
        (4, Asia::Tokyo),
        (5, America::Los_Angeles),
        (6, Pacific::Auckland),
        (7, chrono_tz::Etc::GMTPlus6),
        (8, chrono_tz::Etc::GMTMinus6),
        (9, Asia::Tokyo),
    ]);
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
    let config = short_config();
    let a = audit_with_teams(&roster, &teams, &config);
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
    let loose = config.with_far_from_centre_hours(2.5).unwrap();
    let g = &audit_with_teams(&roster, &teams, &loose).groups()[0];
    assert!(g.contains(user(5)) && g.contains(user(6)) && !g.contains(user(1)));
    assert_eq!(
        g.label(),
        "staff 2.5+ hours from their team's time-zone centre"
    );
    let strict = config.with_far_from_centre_hours(8.0).unwrap();
    let g = &audit_with_teams(&roster, &teams, &strict).groups()[0];
    assert!(!g.contains(user(4)) && g.contains(user(7)));

    for bad in [0.0, -1.0, 12.5, f64::NAN] {
        assert!(matches!(
            Config::new(as_of()).with_far_from_centre_hours(bad),
            Err(Error::InvalidConfig {
                record: "tools audit config",
                field: "far_from_centre_hours",
                ..
            })
        ));
    }
    // Without teams there is no group to offer.
    assert!(audit_with_teams(&roster, &[], &config).groups().is_empty());
}

/// Offsets on an audit date after 2099 would come from chrono-tz's last listed offsets
/// (New York on standard time in July 2100): with teams, such a date is refused; without
/// teams no offset is read and the audit runs.
#[test]
fn far_from_centre_refuses_dates_past_the_tz_data() {
    let july_2100 = NaiveDate::from_ymd_opt(2100, 7, 1).unwrap();
    let roster = roster_with(&[(1, chrono_tz::America::New_York)]);
    let team = Team::new(
        TeamId::from_external("ny-ldn"),
        vec![
            member_in(1, chrono_tz::America::New_York),
            member_in(2, chrono_tz::Europe::London),
        ],
    )
    .unwrap();
    let inventory = Inventory::default();
    let run = |teams: &[Team]| {
        audit(
            &Inputs::new(&roster, &inventory).with_teams(teams),
            &Config::new(july_2100),
            &mut engine(),
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
    let roster = roster_with(&[]);
    let inventory = Inventory::new(vec![tool]).unwrap();
    let mut engine = engine();
    let err = audit(
        &Inputs::new(&roster, &inventory),
        &Config::new(as_of()),
        &mut engine,
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::Money { context, .. }
            if context.starts_with("tool \"Huge Suite\" (")),
        "{err}"
    );
    assert_eq!(engine.populations().count(), 0);
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
    use remit_collab_tools::MAX_CHART_TOOLS;
    use remit_core::chart::ChartKind;

    let few = audit_of((0..5).map(|i| scored_tool(i, i)).collect());
    let charts = few.charts();
    assert_eq!(charts.len(), 1);
    let chart = &charts[0];
    assert_eq!(chart.key(), "collab.tool-scores");
    assert_eq!(chart.kind(), ChartKind::Bar);
    assert_eq!(chart.reference_line(), Some(("replace below", 40.0)));
    let points = chart.series()[0].points();
    let labels: Vec<&str> = points.iter().map(|p| p.label()).collect();
    assert_eq!(labels, ["Tool 0", "Tool 1", "Tool 2", "Tool 3", "Tool 4"]);
    for (p, t) in points.iter().zip(few.tools()) {
        assert_eq!(p.y(), f64::from(t.score().score()));
    }
    assert!(points[4].y() > points[0].y());

    // 40 tools: the 30 lowest scores, lowest first, ties in inventory order.
    let many = audit_of((0..40).map(|i| scored_tool(i, 9 - i % 10)).collect());
    let chart = &many.charts()[0];
    assert_eq!(
        chart.title(),
        "Async-suitability score: the 30 lowest of 40 tools"
    );
    let points = chart.series()[0].points();
    assert_eq!(points.len(), MAX_CHART_TOOLS);
    assert!(points.windows(2).all(|w| w[0].y() <= w[1].y()));
    let mut all: Vec<u8> = many.tools().iter().map(|t| t.score().score()).collect();
    all.sort_unstable();
    let shown: Vec<u8> = points.iter().map(|p| p.y() as u8).collect();
    assert_eq!(shown, all[..MAX_CHART_TOOLS]);
    let mut order: Vec<(u8, usize)> = many
        .tools()
        .iter()
        .enumerate()
        .map(|(i, t)| (t.score().score(), i))
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
}

/// The engine's state across runs: after one person joins a tool, re-running with the
/// same engine does not publish the new count (the difference would be that person's
/// activity); with the engine switched off it does, and the difference reveals it.
#[test]
fn a_rerun_after_one_person_joins_does_not_reveal_them() {
    let tool = |n: usize| {
        Tool::builder(ToolId::from_external("w"), "Wiki", Category::Wiki)
            .seats((0..n).map(|i| Seat::new(user(i), if i % 3 == 0 { stale() } else { recent() })))
            .build()
            .unwrap()
    };
    let roster = roster_with(&[]);
    let config = Config::new(as_of());
    let runs = |policy: DisclosurePolicy| {
        let mut engine = Disclosure::new(policy);
        [20, 21].map(|n| {
            let inventory = Inventory::new(vec![tool(n)]).unwrap();
            audit(&Inputs::new(&roster, &inventory), &config, &mut engine)
                .unwrap()
                .tools()[0]
                .usage()
                .active_users()
        })
    };
    let [before, after] = runs(DisclosurePolicy::default());
    assert_eq!(before, Disclosed::Published(13));
    assert_eq!(after, Disclosed::Suppressed(Suppression::Complementary));
    let leaky =
        DisclosurePolicy::default().with_rule(remit_core::disclosure::Rule::MinimumOnlyLeaky);
    let [before, after] = runs(leaky);
    // E-20 was active: 14 - 13.
    assert_eq!(published(after) - published(before), 1);
}

/// `Other` gathers unrelated tools: the only one there with a low score is replaced, not
/// improved, while the only calendar is improved; a second calendar makes the weaker
/// one replaceable.
#[test]
fn only_real_categories_protect_their_only_tool() {
    let tool = |id: &str, category| {
        Tool::builder(ToolId::from_external(id), id, category)
            .sync_level(SyncLevel::Synchronous)
            .build()
            .unwrap()
    };
    let r = audit_of(vec![
        tool("Shadow", Category::Other),
        tool("Cal", Category::Calendar),
    ]);
    let action = |r: &ToolsReport, id: &str| {
        r.recommendation(ToolId::from_external(id))
            .unwrap()
            .action()
    };
    assert_eq!(action(&r, "Shadow"), Action::Replace);
    assert_eq!(action(&r, "Cal"), Action::Improve);
    let better = Tool::builder(ToolId::from_external("Cal2"), "Cal2", Category::Calendar)
        .sync_level(SyncLevel::Asynchronous)
        .enable(Capability::ALL)
        .build()
        .unwrap();
    let r = audit_of(vec![tool("Cal", Category::Calendar), better]);
    assert_eq!(action(&r, "Cal"), Action::Replace);
    assert_eq!(
        r.recommendation(ToolId::from_external("Cal"))
            .unwrap()
            .replacement(),
        Some(ToolId::from_external("Cal2"))
    );
}
