//! Every public type of the crate that deserialises validates exactly as its constructor
//! does: one table, a row per input the constructor refuses, fed to serde as JSON.
//!
//! Each row starts from a valid value's JSON, breaks one field, and expects serde to
//! refuse it with the very error (its text) the constructor gives for the same input.
//! Rows with nothing to refuse (enums, whose variants are their own constructors, and
//! `Seat`) check that a malformed value is refused and a valid one round-trips. The
//! last test reads the crate's sources and fails if a `Deserialize` type has no row.

use std::collections::BTreeSet;
use std::fmt::Debug;

use chrono::{NaiveDate, NaiveTime};
use remit_collab_tools::Error;
use remit_collab_tools::inventory::{
    BillingPeriod, Capability, CapabilitySet, Category, Inventory, Licence, Seat, SyncLevel, Tool,
};
use remit_collab_tools::overlap::{
    MeetingSlot, Member, OverlapConfig, Team, Workdays, WorkingHours,
};
use remit_collab_tools::rubric::{Contribution, CriterionKind};
use remit_collab_tools::{Action, Config, MAX_RANGE_DAYS, Setting};
use remit_core::{Currency, EmployeeId, Money, TeamId, ToolId};
use rust_decimal::Decimal;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// What serde must do with a row's JSON.
enum Expect {
    /// Refuse it with this text (the constructor's error for the same input).
    Refused(String),
    /// Refuse it, for a reason of serde's own (an unknown variant, a bad UUID).
    Malformed,
    /// Accept it, giving this value (debug-printed).
    Accepted(String),
}

struct Row {
    ty: &'static str,
    input: &'static str,
    json: Value,
    /// Deserialises `json` as the row's type: its debug print, or serde's error text.
    parse: fn(&Value) -> Result<String, String>,
    expect: Expect,
}

fn parse<T: DeserializeOwned + Debug>(json: &Value) -> Result<String, String> {
    serde_json::from_value::<T>(json.clone())
        .map(|v| format!("{v:?}"))
        .map_err(|e| e.to_string())
}

fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// `json` with the value at `path` (object keys, or array indexes as numbers) replaced.
fn with(mut json: Value, path: &[&str], new: Value) -> Value {
    let mut at = &mut json;
    for key in path {
        at = match key.parse::<usize>() {
            Ok(i) => &mut at[i],
            Err(_) => &mut at[*key],
        };
    }
    *at = new;
    json
}

fn refused<T: DeserializeOwned + Debug>(
    ty: &'static str,
    input: &'static str,
    json: Value,
    constructor: Error,
) -> Row {
    Row {
        ty,
        input,
        json,
        parse: parse::<T>,
        expect: Expect::Refused(constructor.to_string()),
    }
}

fn malformed<T: DeserializeOwned + Debug>(
    ty: &'static str,
    input: &'static str,
    json: Value,
) -> Row {
    Row {
        ty,
        input,
        json,
        parse: parse::<T>,
        expect: Expect::Malformed,
    }
}

fn round_trip<T: Serialize + DeserializeOwned + Debug>(ty: &'static str, value: &T) -> Row {
    Row {
        ty,
        input: "a valid value",
        json: to_json(value),
        parse: parse::<T>,
        expect: Expect::Accepted(format!("{value:?}")),
    }
}

fn usd(amount: i64) -> Money {
    Money::new(Decimal::new(amount, 0), Currency::new("USD").unwrap())
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
}

fn user(i: u32) -> EmployeeId {
    EmployeeId::from_external(&format!("E-{i}"))
}

fn member(i: u32) -> Member {
    Member::new(
        user(i),
        chrono_tz::Europe::Paris,
        WorkingHours::nine_to_five(),
        Workdays::MON_FRI,
    )
    .unwrap()
}

fn licence(seats: u32) -> Licence {
    Licence::new(seats, usd(8), BillingPeriod::Monthly, day()).unwrap()
}

fn tool(id: &str, name: &str) -> Tool {
    Tool::builder(ToolId::from_external(id), name, Category::Docs)
        .enable([Capability::VersionHistory])
        .available([Capability::Sso])
        .licence(licence(2))
        .seat(user(1), Some(day()))
        .build()
        .unwrap()
}

fn rows() -> Vec<Row> {
    let mut rows = Vec::new();

    // Workdays: seven bits, Monday first. No constructor sets an eighth.
    rows.push(round_trip("Workdays", &Workdays::SUN_THU));
    rows.push(refused::<Workdays>(
        "Workdays",
        "a bit past Sunday",
        json!(0b1000_0001),
        Error::InvalidConfig {
            record: "workdays",
            field: "bits",
            reason: "must be a set of weekdays (bits 0 to 6, Monday first), got 129".into(),
        },
    ));

    // WorkingHours: WorkingHours::from_minutes.
    let hours = to_json(&WorkingHours::nine_to_five());
    rows.push(round_trip("WorkingHours", &WorkingHours::nine_to_five()));
    for (input, start, length) in [
        ("a start at 24:00", 1440u16, 60u16),
        ("no length", 540, 0),
        ("more than a day", 540, 1441),
    ] {
        rows.push(refused::<WorkingHours>(
            "WorkingHours",
            input,
            with(
                with(hours.clone(), &["start_minute"], json!(start)),
                &["length_minutes"],
                json!(length),
            ),
            WorkingHours::from_minutes(start, length).unwrap_err(),
        ));
    }

    // Member: Member::new.
    rows.push(round_trip("Member", &member(1)));
    rows.push(refused::<Member>(
        "Member",
        "no workdays",
        with(to_json(&member(1)), &["workdays"], json!(0)),
        Member::new(
            user(1),
            chrono_tz::Europe::Paris,
            WorkingHours::nine_to_five(),
            Workdays::NONE,
        )
        .unwrap_err(),
    ));
    rows.push(malformed::<Member>(
        "Member",
        "an unknown zone",
        with(to_json(&member(1)), &["zone"], json!("Mars/Olympus_Mons")),
    ));

    // Team: Team::new and Team::with_name.
    let team_id = TeamId::from_external("payments");
    let team = Team::new(team_id, vec![member(1), member(2)]).unwrap();
    rows.push(round_trip("Team", &team));
    let named = team.clone().with_name("Payments").unwrap();
    rows.push(round_trip("Team", &named));
    rows.push(refused::<Team>(
        "Team",
        "a blank name",
        with(to_json(&named), &["name"], json!("  ")),
        team.clone().with_name("  ").unwrap_err(),
    ));
    rows.push(refused::<Team>(
        "Team",
        "no members",
        with(to_json(&team), &["members"], json!([])),
        Team::new(team_id, vec![]).unwrap_err(),
    ));
    rows.push(refused::<Team>(
        "Team",
        "a member listed twice",
        with(
            to_json(&team),
            &["members"],
            json!([
                to_json(&member(1)),
                to_json(&member(2)),
                to_json(&member(1))
            ]),
        ),
        Team::new(team_id, vec![member(1), member(2), member(1)]).unwrap_err(),
    ));

    // OverlapConfig: its with_* setters.
    let config = OverlapConfig::default()
        .with_anchor(chrono_tz::America::New_York)
        .with_core_window_share(3, 4)
        .unwrap();
    rows.push(round_trip("OverlapConfig", &config));
    rows.push(refused::<OverlapConfig>(
        "OverlapConfig",
        "no anchor workdays",
        with(to_json(&config), &["anchor_workdays"], json!(0)),
        OverlapConfig::default()
            .with_anchor_workdays(Workdays::NONE)
            .unwrap_err(),
    ));
    for (input, numerator, denominator) in [
        ("a zero share", 0u32, 4u32),
        ("a share above 1", 5, 4),
        ("a zero denominator", 1, 0),
    ] {
        rows.push(refused::<OverlapConfig>(
            "OverlapConfig",
            input,
            with(
                to_json(&config),
                &["core_window_share"],
                json!({"numerator": numerator, "denominator": denominator}),
            ),
            OverlapConfig::default()
                .with_core_window_share(numerator, denominator)
                .unwrap_err(),
        ));
    }

    // MeetingSlot: MeetingSlot::new and MeetingSlot::from_minutes.
    let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let slot = MeetingSlot::new(nine, 30, Workdays::MON_FRI).unwrap();
    rows.push(round_trip("MeetingSlot", &slot));
    for (input, field, value, constructor) in [
        (
            "no length",
            "length_minutes",
            json!(0),
            MeetingSlot::new(nine, 0, Workdays::MON_FRI).unwrap_err(),
        ),
        (
            "more than a day",
            "length_minutes",
            json!(1441),
            MeetingSlot::new(nine, 1441, Workdays::MON_FRI).unwrap_err(),
        ),
        (
            "no weekday",
            "weekdays",
            json!(0),
            MeetingSlot::new(nine, 30, Workdays::NONE).unwrap_err(),
        ),
        (
            "a start at 24:00",
            "start_minute",
            json!(1440),
            MeetingSlot::from_minutes(1440, 30, Workdays::MON_FRI).unwrap_err(),
        ),
    ] {
        rows.push(refused::<MeetingSlot>(
            "MeetingSlot",
            input,
            with(to_json(&slot), &[field], value),
            constructor,
        ));
    }

    // Licence: Licence::new.
    rows.push(round_trip("Licence", &licence(3)));
    rows.push(refused::<Licence>(
        "Licence",
        "a negative price",
        with(
            to_json(&licence(3)),
            &["price_per_seat", "amount"],
            json!("-1"),
        ),
        Licence::new(3, usd(-1), BillingPeriod::Monthly, day()).unwrap_err(),
    ));

    // Seat: Seat::new refuses nothing; a user that is no UUID is malformed.
    let seat = Seat::new(user(1), Some(day()));
    rows.push(round_trip("Seat", &seat));
    rows.push(malformed::<Seat>(
        "Seat",
        "a user that is no id",
        with(to_json(&seat), &["user"], json!("E-1")),
    ));

    // CapabilitySet: seventeen bits, one per capability.
    let caps = CapabilitySet::new([Capability::Sso, Capability::Threads]);
    rows.push(round_trip("CapabilitySet", &caps));
    rows.push(refused::<CapabilitySet>(
        "CapabilitySet",
        "a bit past the last capability",
        json!(1u32 << 17),
        Error::InvalidConfig {
            record: "capability set",
            field: "bits",
            reason: format!(
                "must be a set of the 17 capabilities (bits 0 to 16), got {}",
                1u32 << 17
            ),
        },
    ));

    // Tool: ToolBuilder::build.
    let board = tool("board", "Board");
    rows.push(round_trip("Tool", &board));
    let builder = || {
        Tool::builder(ToolId::from_external("board"), "Board", Category::Docs)
            .enable([Capability::VersionHistory])
            .available([Capability::Sso])
            .licence(licence(2))
    };
    rows.push(refused::<Tool>(
        "Tool",
        "a blank name",
        with(to_json(&board), &["name"], json!("  ")),
        Tool::builder(ToolId::from_external("board"), "  ", Category::Docs)
            .build()
            .unwrap_err(),
    ));
    let seat_json = to_json(&Seat::new(user(1), Some(day())));
    rows.push(refused::<Tool>(
        "Tool",
        "a user holding two seats",
        with(
            to_json(&board),
            &["seats"],
            json!([seat_json.clone(), seat_json]),
        ),
        builder()
            .seat(user(1), Some(day()))
            .seat(user(1), Some(day()))
            .build()
            .unwrap_err(),
    ));
    rows.push(refused::<Tool>(
        "Tool",
        "more seats than the licence bought",
        with(to_json(&board), &["licence", "seats"], json!(0)),
        Tool::builder(ToolId::from_external("board"), "Board", Category::Docs)
            .licence(licence(0))
            .seat(user(1), Some(day()))
            .build()
            .unwrap_err(),
    ));
    rows.push(refused::<Tool>(
        "Tool",
        "a capability enabled but not available",
        with(
            to_json(&board),
            &["available"],
            to_json(&CapabilitySet::new([Capability::Sso])),
        ),
        Error::InvalidTool {
            tool: ToolId::from_external("board"),
            name: "Board".into(),
            field: "enabled",
            reason: "version history is enabled but not available on the plan".into(),
        },
    ));
    rows.push(refused::<Tool>(
        "Tool",
        "a negative price in its licence",
        with(
            to_json(&board),
            &["licence", "price_per_seat", "amount"],
            json!("-8"),
        ),
        Licence::new(2, usd(-8), BillingPeriod::Monthly, day()).unwrap_err(),
    ));

    // Inventory: Inventory::new.
    let inventory = Inventory::new(vec![board.clone(), tool("wiki", "Wiki")]).unwrap();
    rows.push(round_trip("Inventory", &inventory));
    rows.push(refused::<Inventory>(
        "Inventory",
        "a tool id listed twice",
        with(
            to_json(&inventory),
            &["tools"],
            json!([to_json(&board), to_json(&tool("board", "Board again"))]),
        ),
        Inventory::new(vec![board.clone(), tool("board", "Board again")]).unwrap_err(),
    ));
    let euro = Tool::builder(ToolId::from_external("euro"), "Euro", Category::Chat)
        .licence(
            Licence::new(
                1,
                Money::new(Decimal::ONE, Currency::new("EUR").unwrap()),
                BillingPeriod::Annual,
                day(),
            )
            .unwrap(),
        )
        .build()
        .unwrap();
    rows.push(refused::<Inventory>(
        "Inventory",
        "licences in two currencies",
        with(
            to_json(&inventory),
            &["tools"],
            json!([to_json(&board), to_json(&euro)]),
        ),
        Inventory::new(vec![board.clone(), euro]).unwrap_err(),
    ));
    rows.push(refused::<Inventory>(
        "Inventory",
        "a tool with a negative price",
        with(
            to_json(&inventory),
            &["tools", "0", "licence", "price_per_seat", "amount"],
            json!("-8"),
        ),
        Licence::new(2, usd(-8), BillingPeriod::Monthly, day()).unwrap_err(),
    ));

    // Contribution: Contribution::new.
    let contribution = Contribution::new("threads", "GitLab", 4.0, 8.0).unwrap();
    rows.push(round_trip("Contribution", &contribution));
    for (input, points, max) in [
        ("more points than possible", 9.0, 8.0),
        ("negative points", -1.0, 8.0),
        ("no points possible", 0.0, 0.0),
    ] {
        rows.push(refused::<Contribution>(
            "Contribution",
            input,
            with(
                with(to_json(&contribution), &["points"], json!(points)),
                &["max_points"],
                json!(max),
            ),
            Contribution::new("threads", "GitLab", points, max).unwrap_err(),
        ));
    }

    // Config: Config::new and its with_* setters.
    let audit = Config::new(day());
    rows.push(round_trip("Config", &audit));
    let too_long = u32::try_from(MAX_RANGE_DAYS).unwrap() + 1;
    for (input, field, value, constructor) in [
        (
            "no inactivity days",
            "inactive_after_days",
            json!(0),
            Config::new(day()).with_inactive_after_days(0).unwrap_err(),
        ),
        (
            "a replace threshold above 100",
            "replace_below",
            json!(101),
            Config::new(day()).with_replace_below(101).unwrap_err(),
        ),
        (
            "a capability overlap above 1",
            "sprawl_capability_overlap",
            json!(1.5),
            Config::new(day())
                .with_sprawl_capability_overlap(1.5)
                .unwrap_err(),
        ),
        (
            "a chat retention of 0 days",
            "chat_retention_max_days",
            json!(0),
            Config::new(day())
                .with_chat_retention_max_days(0)
                .unwrap_err(),
        ),
        (
            "a far-from-centre distance of 0",
            "far_from_centre_hours",
            json!(0.0),
            Config::new(day())
                .with_far_from_centre_hours(0.0)
                .unwrap_err(),
        ),
        (
            "a far-from-centre distance over 12 hours",
            "far_from_centre_hours",
            json!(13.0),
            Config::new(day())
                .with_far_from_centre_hours(13.0)
                .unwrap_err(),
        ),
        (
            "an overlap period of 0 days",
            "overlap_days",
            json!(0),
            Config::new(day()).with_overlap_days(0).unwrap_err(),
        ),
        (
            "an overlap period longer than the planner takes",
            "overlap_days",
            json!(too_long),
            Config::new(day()).with_overlap_days(too_long).unwrap_err(),
        ),
        (
            "an overlap setting with no anchor workday",
            "overlap",
            with(
                to_json(&Config::new(day()).overlap()),
                &["anchor_workdays"],
                json!(0),
            ),
            OverlapConfig::default()
                .with_anchor_workdays(Workdays::NONE)
                .unwrap_err(),
        ),
    ] {
        rows.push(refused::<Config>(
            "Config",
            input,
            with(to_json(&audit), &[field], value),
            constructor,
        ));
    }

    // Enums: every variant round-trips, an unknown one is refused.
    for c in Category::ALL {
        rows.push(round_trip("Category", &c));
    }
    rows.push(malformed::<Category>(
        "Category",
        "an unknown variant",
        json!("fax"),
    ));
    for c in Capability::ALL {
        rows.push(round_trip("Capability", &c));
    }
    rows.push(malformed::<Capability>(
        "Capability",
        "an unknown variant",
        json!("telepathy"),
    ));
    for s in SyncLevel::ALL {
        rows.push(round_trip("SyncLevel", &s));
    }
    rows.push(malformed::<SyncLevel>(
        "SyncLevel",
        "an unknown variant",
        json!("psychic"),
    ));
    for b in [BillingPeriod::Monthly, BillingPeriod::Annual] {
        rows.push(round_trip("BillingPeriod", &b));
    }
    rows.push(malformed::<BillingPeriod>(
        "BillingPeriod",
        "an unknown variant",
        json!("weekly"),
    ));
    for a in [
        Action::Keep,
        Action::Reconfigure,
        Action::Improve,
        Action::Replace,
        Action::Deprecate,
    ] {
        rows.push(round_trip("Action", &a));
    }
    rows.push(malformed::<Action>(
        "Action",
        "an unknown variant",
        json!("ignore"),
    ));
    for s in [
        Setting::Enable(Capability::Sso),
        Setting::ChatRetentionDays(90),
    ] {
        rows.push(round_trip("Setting", &s));
    }
    rows.push(malformed::<Setting>(
        "Setting",
        "a negative retention",
        json!({"chat_retention_days": -1}),
    ));
    for k in [
        CriterionKind::Capability(Capability::Threads),
        CriterionKind::Synchronicity,
    ] {
        rows.push(round_trip("CriterionKind", &k));
    }
    rows.push(malformed::<CriterionKind>(
        "CriterionKind",
        "an unknown variant",
        json!("Vibes"),
    ));

    rows
}

#[test]
fn deserialisation_refuses_what_the_constructors_refuse() {
    let mut failures = Vec::new();
    for row in rows() {
        let got = (row.parse)(&row.json);
        let ok = match (&row.expect, &got) {
            (Expect::Refused(constructor), Err(serde)) => serde.contains(constructor.as_str()),
            (Expect::Malformed, Err(_)) => true,
            (Expect::Accepted(want), Ok(value)) => value == want,
            _ => false,
        };
        if !ok {
            let want = match &row.expect {
                Expect::Refused(e) => format!("refused with {e:?}"),
                Expect::Malformed => "refused".to_owned(),
                Expect::Accepted(v) => format!("accepted as {v}"),
            };
            failures.push(format!(
                "{} with {}: want {want}, got {got:?}",
                row.ty, row.input
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The public types deriving `Deserialize`, read off the sources: a `pub struct` or
/// `pub enum` after a `derive(... serde::Deserialize ...)`.
fn deserialize_types() -> BTreeSet<String> {
    let sources = [
        include_str!("../src/async_first.rs"),
        include_str!("../src/chart.rs"),
        include_str!("../src/codes.rs"),
        include_str!("../src/config.rs"),
        include_str!("../src/error.rs"),
        include_str!("../src/far.rs"),
        include_str!("../src/findings.rs"),
        include_str!("../src/inputs.rs"),
        include_str!("../src/inventory.rs"),
        include_str!("../src/licence.rs"),
        include_str!("../src/people.rs"),
        include_str!("../src/recommend.rs"),
        include_str!("../src/report.rs"),
        include_str!("../src/review.rs"),
        include_str!("../src/rubric.rs"),
        include_str!("../src/run.rs"),
        include_str!("../src/security.rs"),
        include_str!("../src/sprawl.rs"),
        include_str!("../src/usage.rs"),
        include_str!("../src/zone.rs"),
        include_str!("../src/overlap/mod.rs"),
        include_str!("../src/overlap/config.rs"),
        include_str!("../src/overlap/intervals.rs"),
        include_str!("../src/overlap/meeting.rs"),
        include_str!("../src/overlap/planner.rs"),
        include_str!("../src/overlap/schedule.rs"),
        include_str!("../src/overlap/summary.rs"),
        include_str!("../src/overlap/team.rs"),
        include_str!("../src/lib.rs"),
    ];
    let mut out = BTreeSet::new();
    for source in sources {
        let mut pending = false;
        for line in source.lines().map(str::trim) {
            if line.starts_with("#[") && line.contains("serde::Deserialize") {
                pending = true;
                continue;
            }
            // The item the derive belongs to: the next struct or enum (attributes and
            // their continuation lines come between).
            let words: Vec<&str> = line
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .collect();
            match words.as_slice() {
                ["pub", "struct" | "enum", name, ..] if pending => {
                    out.insert((*name).to_owned());
                    pending = false;
                }
                ["struct" | "enum", ..] => pending = false,
                _ => {}
            }
        }
    }
    out
}

#[test]
fn every_deserialize_type_has_a_row() {
    let found = deserialize_types();
    let covered: BTreeSet<String> = rows().iter().map(|r| r.ty.to_owned()).collect();
    assert!(found.len() >= 20, "{found:?}");
    let missing: Vec<&String> = found.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "Deserialize types without a row: {missing:?}"
    );
    let stale: Vec<&String> = covered.difference(&found).collect();
    assert!(
        stale.is_empty(),
        "rows for types that no longer deserialise: {stale:?}"
    );
}
