//! The wellbeing report: exact figures, who counts, coverage, order of bands, the names
//! of the two burnout measures, manager teams, settings and the engine's state.

mod support;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use chrono_tz::Tz;
use remit_core::disclosure::{Disclosed, DisclosureError, Suppression};
use remit_core::{
    Audit, AuditExt, Cohort, Coverage, Employee, EmployeeGroup, EmployeeId, HealthBand, Roster,
    WorkMode,
};
use remit_wellbeing::{
    Config, Dimension, Error, Individuals, Inputs, RESPONDERS, RiskBand, Signal, SignalPanel,
    SurveyResults, WITH_SIGNALS, WeekSignals, audit, codes,
};
use support::{as_of, engine, tree_member};

const PLACES: [(&str, Tz); 6] = [
    ("DE", chrono_tz::Europe::Berlin),
    ("PT", chrono_tz::Europe::Lisbon),
    ("IN", chrono_tz::Asia::Kolkata),
    ("PH", chrono_tz::Asia::Manila),
    ("US", chrono_tz::America::New_York),
    ("NZ", chrono_tz::Pacific::Auckland),
];

#[derive(Debug, Clone)]
struct Person {
    mode: WorkMode,
    place: usize,
    dept: &'static str,
    survey: Option<(f32, f32)>,
    signals: Option<f32>,
}

struct Org {
    roster: Roster,
    surveys: SurveyResults,
    panel: SignalPanel,
}

fn org(people: &[Person], fanout: usize) -> Org {
    let ids: Vec<EmployeeId> = (0..people.len())
        .map(|i| EmployeeId::from_external(&format!("E-{i}")))
        .collect();
    let roster = Roster::new(
        people
            .iter()
            .enumerate()
            .map(|(i, p)| tree_member(&ids, i, fanout, p.mode, PLACES[p.place], p.dept))
            .collect(),
    )
    .unwrap();
    let mut panel = SignalPanel::new(4).unwrap();
    let mut surveys = SurveyResults::new();
    for (i, p) in people.iter().enumerate() {
        if let Some(after_hours) = p.signals {
            let w = WeekSignals::zero()
                .with(Signal::AfterHoursHours, after_hours)
                .unwrap()
                .with(Signal::CollaborationHours, 15.0)
                .unwrap()
                .with(Signal::FocusHours, 12.0)
                .unwrap();
            panel.push(ids[i], &[w; 4]).unwrap();
        }
        if let Some((w, c)) = p.survey {
            surveys.push(ids[i], Some(w), Some(c)).unwrap();
        }
    }
    Org {
        roster,
        surveys,
        panel,
    }
}

impl Org {
    fn audit(&self) -> remit_wellbeing::WellbeingReport {
        support::audit_with(&self.roster, &self.surveys, &self.panel, &mut engine()).unwrap()
    }
}

/// Onsite staff in Berlin; every third person remote in Manila (UTC+8) with the given
/// after-hours load and, when it is above 2 h, high CBI work-related burnout.
fn uniform_org(n: usize, far_after_hours: f32) -> Org {
    let people: Vec<Person> = (0..n)
        .map(|i| {
            let remote = i % 3 == 0;
            Person {
                mode: if remote {
                    WorkMode::Remote
                } else {
                    WorkMode::Onsite
                },
                place: if remote { 3 } else { 0 },
                dept: if i % 2 == 0 { "Sales" } else { "Support" },
                survey: Some((
                    60.0,
                    if remote && far_after_hours > 2.0 {
                        62.5
                    } else {
                        30.0
                    },
                )),
                signals: Some(if remote { far_after_hours } else { 1.5 }),
            }
        })
        .collect();
    org(&people, 12)
}

#[test]
fn far_time_zone_burden_is_named_with_both_measures_apart() {
    let report = uniform_org(120, 4.0).audit();
    let f = report
        .findings()
        .iter()
        .find(|f| f.code() == &codes::TZ_AFTER_HOURS)
        .expect("burden finding");
    assert_eq!(
        f.title(),
        "Remote staff in UTC+8 to UTC+10 average 4.0 after-hours hours a week, 2.7× onsite; 100% have high CBI work-related burnout (≥ 50)"
    );
    assert_eq!(f.cohort().get("utc_offset"), Some("UTC+8 to UTC+10"));
    assert_eq!(f.affected(), Some(40));
    assert!(f.table().is_none());
    // Same load everywhere: no burden finding.
    let report = uniform_org(120, 1.5).audit();
    assert!(report.findings().iter().all(
        |f| f.code() != &codes::TZ_AFTER_HOURS && f.code() != &codes::TEAM_DISTANCE_AFTER_HOURS
    ));
}

#[test]
fn exact_cohort_figures() {
    let report = uniform_org(120, 4.0).audit();
    let remote = report
        .row(
            Dimension::WorkMode,
            &Cohort::all().with("work_mode", WorkMode::Remote),
        )
        .unwrap()
        .stats();
    assert_eq!(remote.headcount(), Disclosed::Published(40));
    let behaviour = remote.published_behaviour().unwrap();
    assert_eq!(behaviour.people(), 40);
    assert_eq!(behaviour.after_hours(), 4.0);
    assert_eq!(behaviour.focus(), 12.0);
    let survey = remote.published_survey().unwrap();
    assert_eq!(survey.responders(), 40);
    assert_eq!(survey.who5_mean(), 60.0);
    assert_eq!(survey.high_cbi_work_burnout_share(), 1.0);
    assert_eq!(report.total().headcount(), Disclosed::Published(120));
    let shares: f64 = [RiskBand::Low, RiskBand::Moderate, RiskBand::High]
        .iter()
        .map(|&b| report.total().published_behaviour().unwrap().risk_share(b))
        .sum();
    assert!((shares - 1.0).abs() < 1e-12, "{shares}");
}

#[test]
fn utc_bands_run_west_to_east() {
    // New York (UTC−5), Berlin (+1), Kolkata (+5:30), Manila (+8), Auckland (+13 in
    // November): as text "UTC+11 to UTC+13" would sort before "UTC+2 to UTC+4".
    let people: Vec<Person> = (0..120)
        .map(|i| Person {
            mode: WorkMode::Remote,
            place: [4, 0, 2, 3, 5][i % 5],
            dept: "Support",
            survey: Some((50.0, 40.0)),
            signals: Some(1.0),
        })
        .collect();
    let report = org(&people, 10).audit();
    let bands: Vec<&str> = report
        .cut(Dimension::UtcOffset)
        .map(|r| r.cohort().get("utc_offset").unwrap())
        .collect();
    assert_eq!(
        bands,
        [
            "UTC-7 to UTC-5",
            "UTC-1 to UTC+1",
            "UTC+5 to UTC+7",
            "UTC+8 to UTC+10",
            "UTC+11 to UTC+13"
        ]
    );
}

#[test]
fn the_risk_index_and_cbi_burnout_never_share_a_name() {
    let o = uniform_org(300, 4.0);
    let report = o.audit();
    let mut texts: Vec<String> = Vec::new();
    for f in report.findings() {
        texts.push(f.title().to_owned());
        texts.push(f.detail().to_owned());
        if let Some(m) = f.metric() {
            texts.push(m.name().to_owned());
        }
        if let Some(t) = f.table() {
            texts.extend(t.columns().iter().cloned());
            texts.extend(t.rows().iter().flatten().cloned());
        }
    }
    for chart in report.charts() {
        texts.push(chart.title().to_owned());
        texts.extend(chart.series().iter().map(|s| s.name().to_owned()));
    }
    let group = EmployeeGroup::new(
        "test.some",
        "some staff",
        o.roster.iter().step_by(4).map(Employee::id).collect(),
    );
    let mut e = engine();
    let report = support::audit_with(&o.roster, &o.surveys, &o.panel, &mut e).unwrap();
    for c in report.compare_group(&group, &mut e).unwrap() {
        texts.push(c.metric().to_owned());
    }
    assert!(texts.iter().any(|t| t.contains("CBI work-related burnout")));
    assert!(
        texts
            .iter()
            .any(|t| t.contains("risk index") || t.contains("risk-index"))
    );
    for text in &texts {
        let lower = text.to_lowercase();
        assert!(!lower.contains("burnout band"), "ambiguous: {text}");
        assert!(!lower.contains("burnout-risk band"), "ambiguous: {text}");
        if lower.contains("burnout") {
            assert!(
                text.contains("CBI work-related burnout")
                    || lower.contains("burnout-risk index")
                    || text.contains("Burnout-risk index"),
                "names neither measure: {text}"
            );
        }
        if lower.contains("risk") && !lower.contains("risk index") && !lower.contains("risk-index")
        {
            panic!("a risk figure that does not say it is the risk index: {text}");
        }
    }
    let series: Vec<&str> = report.charts()[0]
        .series()
        .iter()
        .map(|s| s.name())
        .collect();
    assert_eq!(
        series,
        ["low risk index", "moderate risk index", "high risk index"]
    );
}

#[test]
fn manager_teams_need_the_manager_facing_minimum_in_every_population() {
    // Teams of 12 (fan-out 12): the first manager's team is 12, later teams 12, the last
    // one smaller.
    let people: Vec<Person> = (0..100)
        .map(|i| Person {
            mode: WorkMode::Onsite,
            place: 0,
            dept: "Support",
            // Half the people answer: a team of 12 has about 6 responders.
            survey: (i % 2 == 0).then_some((50.0, 50.0)),
            signals: Some(1.0),
        })
        .collect();
    let report = org(&people, 12).audit();
    let mut published_teams = 0;
    for row in report.cut(Dimension::Manager) {
        let s = row.stats();
        if let Disclosed::Published(n) = s.headcount() {
            assert!(n >= 10, "{n}");
            published_teams += 1;
        }
        if let Some(b) = s.published_behaviour() {
            assert!(b.people() >= 10);
        }
        assert!(
            s.published_survey().is_none(),
            "six responders are under the manager-facing 10"
        );
    }
    assert!(published_teams > 0);
}

#[test]
fn team_names_label_manager_teams() {
    let o = uniform_org(60, 1.0);
    let boss = o.roster.as_slice()[0].id();
    let names = BTreeMap::from([(boss, "Leadership".to_owned())]);
    let inputs = Inputs::new(&o.roster, &o.surveys, &o.panel).with_team_names(&names);
    let report = audit(&inputs, &Config::new(as_of()), &mut engine()).unwrap();
    let teams: Vec<&str> = report
        .cut(Dimension::Manager)
        .map(|r| r.cohort().get("manager").unwrap())
        .collect();
    assert!(teams.contains(&"Leadership"), "{teams:?}");
    // Unnamed teams fall back to the manager's id.
    let second = o.roster.as_slice()[1].id().to_string();
    assert!(teams.contains(&second.as_str()), "{teams:?}");
}

fn rebuilt_with_dates(
    roster: &Roster,
    dates: impl Fn(usize) -> (NaiveDate, Option<NaiveDate>),
) -> Roster {
    Roster::new(
        roster
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let (hired, left) = dates(i);
                let mut b = Employee::builder(e.id())
                    .work_mode(e.work_mode())
                    .country(e.country())
                    .time_zone(e.time_zone())
                    .level(e.level())
                    .department(e.department().clone())
                    .hired_on(hired);
                if let Some(m) = e.manager() {
                    b = b.manager(m);
                }
                if let Some(l) = left {
                    b = b.left_on(l);
                }
                b.build().unwrap()
            })
            .collect(),
    )
    .unwrap()
}

#[test]
fn only_people_employed_on_as_of_are_counted() {
    let o = uniform_org(60, 1.0);
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    // Rows 50..55 left in June, rows 55..60 join next year; neither has data.
    let roster = rebuilt_with_dates(&o.roster, |i| match i {
        50..55 => (day(2020, 1, 1), Some(day(2026, 6, 30))),
        55.. => (day(2027, 1, 4), None),
        _ => (day(2020, 1, 1), None),
    });
    let ids: Vec<EmployeeId> = roster.iter().take(50).map(Employee::id).collect();
    let mut panel = SignalPanel::new(4).unwrap();
    let mut surveys = SurveyResults::new();
    for &id in &ids {
        panel.push(id, &[WeekSignals::zero(); 4]).unwrap();
        surveys.push(id, Some(50.0), Some(40.0)).unwrap();
    }
    let report = support::audit_with(&roster, &surveys, &panel, &mut engine()).unwrap();
    assert_eq!(report.total().headcount(), Disclosed::Published(50));
    let counted: u64 = report
        .cut(Dimension::WorkMode)
        .filter_map(|r| r.stats().headcount().published())
        .sum();
    assert_eq!(counted, 50);
}

#[test]
fn no_surveys_and_no_signals_is_not_measured_with_the_reason() {
    let o = uniform_org(60, 1.0);
    let report = support::audit_with(
        &o.roster,
        &SurveyResults::new(),
        &SignalPanel::new(4).unwrap(),
        &mut engine(),
    )
    .unwrap();
    match report.coverage() {
        Coverage::NotMeasured { reason } => {
            assert!(
                reason.contains("no survey responses and no behavioural signals"),
                "{reason}"
            );
        }
        Coverage::Measured => panic!("missing data must not be measured"),
    }
    assert_eq!(report.health().band(), HealthBand::NotMeasured);
    assert!(report.findings().is_empty());
    // Head-counts are still released (they are about the org chart, not wellbeing).
    assert_eq!(report.total().headcount(), Disclosed::Published(60));
    assert_eq!(report.total().behaviour(), None);
    assert_eq!(report.total().survey(), None);
}

#[test]
fn too_few_people_with_data_is_not_measured() {
    let o = uniform_org(60, 1.0);
    let mut panel = SignalPanel::new(4).unwrap();
    let mut surveys = SurveyResults::new();
    for e in o.roster.iter().take(3) {
        panel.push(e.id(), &[WeekSignals::zero(); 4]).unwrap();
        surveys.push(e.id(), Some(50.0), Some(50.0)).unwrap();
    }
    let report = support::audit_with(&o.roster, &surveys, &panel, &mut engine()).unwrap();
    assert!(
        matches!(report.coverage(), Coverage::NotMeasured { reason } if reason.contains("minimum group size")),
        "{:?}",
        report.coverage()
    );
    assert_eq!(
        report.total().survey(),
        Some(Disclosed::Suppressed(Suppression::BelowMinimum))
    );
}

#[test]
fn a_cohort_with_nobody_in_a_population_has_no_figures_for_it() {
    // Remote staff have signals but none answered the survey.
    let people: Vec<Person> = (0..60)
        .map(|i| {
            let remote = i % 3 == 0;
            Person {
                mode: if remote {
                    WorkMode::Remote
                } else {
                    WorkMode::Onsite
                },
                place: 0,
                dept: "Support",
                survey: (!remote).then_some((50.0, 30.0)),
                signals: Some(1.0),
            }
        })
        .collect();
    let report = org(&people, 12).audit();
    let remote = report
        .row(
            Dimension::WorkMode,
            &Cohort::all().with("work_mode", WorkMode::Remote),
        )
        .unwrap();
    assert_eq!(remote.stats().survey(), None);
    assert!(remote.stats().published_behaviour().is_some());
    // No hybrid staff: no hybrid row at all.
    assert!(
        report
            .row(
                Dimension::WorkMode,
                &Cohort::all().with("work_mode", WorkMode::Hybrid)
            )
            .is_none()
    );
}

#[test]
fn a_workforce_listing_someone_twice_is_refused_and_nothing_is_released() {
    let o = uniform_org(30, 1.0);
    let mut people: Vec<Employee> = o.roster.as_slice().to_vec();
    people.push(people[4].clone());
    let mut e = engine();
    let err = audit(
        &Inputs::new(people.as_slice(), &o.surveys, &o.panel),
        &Config::new(as_of()),
        &mut e,
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::DuplicateEmployee {
            employee: people[4].id()
        }
    );
    assert_eq!(e.populations().count(), 0);
}

#[test]
fn comparisons_need_the_engine_the_report_was_built_with() {
    let o = uniform_org(60, 1.0);
    let report = o.audit();
    let group = EmployeeGroup::new(
        "test.half",
        "half",
        o.roster.iter().step_by(2).map(Employee::id).collect(),
    );
    let err = report.compare_group(&group, &mut engine()).unwrap_err();
    assert!(
        matches!(err, DisclosureError::UnknownPopulation { ref population } if population == &format!("wellbeing/{RESPONDERS}")),
        "{err:?}"
    );
}

#[test]
fn rebuilding_with_the_same_engine_publishes_the_same_figures() {
    let o = uniform_org(90, 4.0);
    let mut e = engine();
    let first = support::audit_with(&o.roster, &o.surveys, &o.panel, &mut e).unwrap();
    let again = support::audit_with(&o.roster, &o.surveys, &o.panel, &mut e).unwrap();
    assert_eq!(first, again);
    let keys: Vec<String> = e.populations().map(ToString::to_string).collect();
    assert_eq!(
        keys,
        [
            "wellbeing/members".to_owned(),
            format!("wellbeing/{RESPONDERS}"),
            format!("wellbeing/{WITH_SIGNALS}")
        ]
    );
}

#[test]
fn personal_view_is_for_one_person_only() {
    let o = uniform_org(30, 4.0);
    let config = Config::new(as_of());
    let people =
        Individuals::assess(&Inputs::new(&o.roster, &o.surveys, &o.panel), &config).unwrap();
    let me = o.roster.as_slice()[3].id();
    let view = people.personal_view(me).unwrap();
    assert_eq!(view.who5_percentage(), Some(60.0));
    assert_eq!(view.cbi_work(), Some(62.5));
    assert_eq!(view.weekly_mean(Signal::AfterHoursHours), Some(4.0));
    assert!(view.risk().index() > 0.0);
    assert!(
        people
            .personal_view(EmployeeId::from_external("nobody"))
            .is_none()
    );
}

#[test]
fn settings_out_of_range_are_refused_naming_the_field() {
    let config = Config::new(as_of());
    for (err, field) in [
        (
            config.clone().with_burden_ratio(0.9).unwrap_err(),
            "burden_ratio",
        ),
        (
            config.clone().with_burden_ratio(f64::NAN).unwrap_err(),
            "burden_ratio",
        ),
        (
            config.clone().with_high_risk_share(0.0).unwrap_err(),
            "high_risk_share",
        ),
        (
            config.clone().with_high_risk_share(1.01).unwrap_err(),
            "high_risk_share",
        ),
        (
            config.clone().with_cbi_high_line(0.0).unwrap_err(),
            "cbi_high_line",
        ),
        (
            config.clone().with_cbi_high_line(101.0).unwrap_err(),
            "cbi_high_line",
        ),
    ] {
        assert!(
            matches!(err, Error::InvalidSetting { field: f, .. } if f == field),
            "{err:?}"
        );
    }
    let stricter = config.with_cbi_high_line(75.0).unwrap();
    assert_eq!(stricter.cbi_high_line(), 75.0);
}

#[test]
fn the_cbi_line_decides_who_counts_as_high() {
    let o = uniform_org(120, 4.0);
    // Remote staff score 62.5: high at the default 50, not at 75.
    let config = Config::new(as_of()).with_cbi_high_line(75.0).unwrap();
    let report = audit(
        &Inputs::new(&o.roster, &o.surveys, &o.panel),
        &config,
        &mut engine(),
    )
    .unwrap();
    let remote = report
        .row(
            Dimension::WorkMode,
            &Cohort::all().with("work_mode", WorkMode::Remote),
        )
        .unwrap();
    assert_eq!(
        remote
            .stats()
            .published_survey()
            .unwrap()
            .high_cbi_work_burnout_share(),
        0.0
    );
    let burden = report
        .findings()
        .iter()
        .find(|f| f.code() == &codes::TZ_AFTER_HOURS)
        .unwrap();
    assert!(
        burden
            .title()
            .ends_with("0% have high CBI work-related burnout (≥ 75)"),
        "{}",
        burden.title()
    );
}
