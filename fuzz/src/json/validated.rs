//! The types with a validating constructor: a deserialised value must be one the
//! constructor accepts, rebuilt equal from the value's own parts.

use remit_core::{CountryCode, Currency, Department, Employee, ExchangeRate, FindingCode, Period};

use super::Entry;

/// Types whose deserialised values are re-checked against their constructors.
pub const VALIDATED: &[Entry] = &[
    // remit-core
    validated!(Period, |p| {
        assert_eq!(
            Period::new(p.start(), p.end()).as_ref(),
            Ok(p),
            "Period::new refuses it"
        );
    }),
    validated!(Employee, |e| {
        let mut b = Employee::builder(e.id())
            .work_mode(e.work_mode())
            .country(e.country())
            .time_zone(e.time_zone())
            .level(e.level())
            .department(e.department().clone())
            .hired_on(e.hired_on());
        if let Some(m) = e.manager() {
            b = b.manager(m);
        }
        if let Some(l) = e.left_on() {
            b = b.left_on(l);
        }
        for (k, v) in e.attributes() {
            b = b.attribute(k.clone(), v.clone());
        }
        assert_eq!(b.build().as_ref(), Ok(e), "the builder refuses it");
    }),
    validated!(ExchangeRate, |r| {
        assert_eq!(
            ExchangeRate::new(r.from(), r.to(), r.rate()).as_ref(),
            Ok(r)
        );
    }),
    validated!(CountryCode, |c| {
        assert_eq!(CountryCode::new(c.as_str()).as_ref(), Ok(c));
    }),
    validated!(Currency, |c| {
        assert_eq!(Currency::new(c.code()).as_ref(), Ok(c));
    }),
    validated!(Department, |d| {
        assert_eq!(Department::new(d.as_str()).as_ref(), Ok(d));
    }),
    validated!(FindingCode, |c| {
        assert_eq!(FindingCode::new(c.as_str()).as_ref(), Ok(c));
    }),
    // remit-assets
    validated!(remit_assets::AssetTag, |t| {
        assert_eq!(remit_assets::AssetTag::new(t.as_str()).as_ref(), Ok(t));
    }),
    validated!(remit_assets::Asset, |a| {
        let rebuilt = remit_assets::Asset::builder(a.tag().clone(), a.category())
            .id(a.id())
            .stores_data(a.stores_data())
            .purchased(a.purchased_on(), a.cost())
            .salvage(a.salvage())
            .useful_life_months(a.useful_life_months())
            .warranty_months(a.warranty_months())
            .build();
        assert_eq!(rebuilt.as_ref(), Ok(a), "the builder refuses it");
    }),
    validated!(remit_assets::SanitisationRecord, |r| {
        let mut rebuilt = remit_assets::SanitisationRecord::new(
            r.method(),
            r.technique(),
            r.verification(),
            r.performed_on(),
            r.performed_by(),
        );
        if let Some(t) = r.tool() {
            rebuilt = rebuilt.and_then(|x| x.with_tool(t));
        }
        if let Some(v) = r.verified_by() {
            rebuilt = rebuilt.and_then(|x| x.with_verifier(v));
        }
        if let Some(c) = r.certificate() {
            rebuilt = rebuilt.and_then(|x| x.with_certificate(c));
        }
        assert_eq!(rebuilt.as_ref(), Ok(r), "the constructor refuses it");
    }),
    validated!(remit_assets::Shipment, |s| {
        let mut rebuilt = remit_assets::Shipment::new(s.destination(), s.carrier(), s.tracking());
        if let Some(c) = s.cost() {
            rebuilt = rebuilt.and_then(|x| x.with_cost(c));
        }
        assert_eq!(rebuilt.as_ref(), Ok(s), "the constructor refuses it");
    }),
    validated!(remit_assets::WriteOff, |w| {
        let mut rebuilt = remit_assets::WriteOff::new(w.approved_by());
        if let Some(r) = w.reference() {
            rebuilt = rebuilt.and_then(|x| x.with_reference(r));
        }
        assert_eq!(rebuilt.as_ref(), Ok(w), "the constructor refuses it");
    }),
    validated!(remit_assets::RetrievalPolicy, |p| {
        let rebuilt = remit_assets::RetrievalPolicy::new(
            p.sla_days(),
            p.reminder_days().to_vec(),
            p.escalate_after_days(),
        );
        assert_eq!(rebuilt.as_ref(), Ok(p), "the constructor refuses it");
    }),
    validated!(remit_assets::EventLog, |log| {
        assert_eq!(
            &log.replay(),
            log.state(),
            "replaying the log gives another state"
        );
        let snapshot = log.snapshot();
        assert_eq!(log.replay_from(&snapshot).as_ref(), Ok(log.state()));
    }),
    validated!(remit_assets::TrackedAsset, |t| {
        let rebuilt = remit_assets::TrackedAsset::new(t.asset().clone(), t.log().clone());
        assert_eq!(
            rebuilt.as_ref(),
            Ok(t),
            "TrackedAsset::new refuses the pair"
        );
    }),
    validated!(remit_assets::Lifecycle, |_| {}),
    validated!(remit_assets::Snapshot, |_| {}),
    validated!(remit_assets::depreciation::Basis, |b| {
        let rebuilt = remit_assets::depreciation::Basis::new(
            b.cost(),
            b.salvage(),
            b.life_months(),
            b.in_service(),
        );
        assert_eq!(rebuilt.as_ref(), Ok(b), "Basis::new refuses it");
    }),
    // remit-benefits
    validated!(remit_benefits::OfficeDays, |d| {
        assert_eq!(remit_benefits::OfficeDays::new(d.get()).as_ref(), Some(d));
    }),
    validated!(remit_benefits::Benefit, |b| {
        let mut builder = remit_benefits::Benefit::builder(b.id(), b.name())
            .category(b.category())
            .eligibility(b.eligibility().clone())
            .proration(b.proration())
            .tax(b.tax());
        if let Some(v) = b.default_valuation() {
            builder = builder.valuation(*v);
        }
        for (country, v) in b.country_valuations() {
            builder = builder.valuation_in(*country, *v);
        }
        assert_eq!(builder.build().as_ref(), Ok(b), "the builder refuses it");
    }),
    validated!(remit_benefits::Catalogue, |c| {
        let mut builder = remit_benefits::Catalogue::builder().benefits(c.benefits().to_vec());
        for p in c.pairings() {
            builder = builder.pair(p.onsite(), p.counterpart());
        }
        assert_eq!(builder.build().as_ref(), Ok(c), "the builder refuses it");
    }),
    validated!(remit_benefits::ExchangeRates, |r| {
        let mut rebuilt = Ok(remit_benefits::ExchangeRates::new(r.base()));
        for (currency, rate) in r.rates() {
            if currency == r.base() {
                continue;
            }
            rebuilt = rebuilt.and_then(|x: remit_benefits::ExchangeRates| {
                let rate = ExchangeRate::new(currency, r.base(), rate)
                    .unwrap_or_else(|e| panic!("a rate ExchangeRate::new refuses: {e}"));
                x.with_rate(rate).map_err(|e| e.to_string())
            });
        }
        assert_eq!(rebuilt.as_ref(), Ok(r), "the constructor refuses it");
    }),
    validated!(remit_benefits::Config, |c| {
        let rebuilt = remit_benefits::Config::new(c.as_of())
            .with_hybrid_office_days(c.hybrid_office_days())
            .with_rounding(c.rounding())
            .with_threshold(c.threshold())
            .and_then(|x| x.with_alpha(c.alpha()))
            .and_then(|x| x.with_minimums(c.min_total(), c.min_group()))
            .map(|x| {
                x.with_covariance(c.covariance())
                    .with_detail_tables(c.detail_tables())
            });
        assert_eq!(rebuilt.as_ref(), Ok(c), "the setters refuse it");
    }),
    // remit-collab-tools
    validated!(remit_collab_tools::inventory::Licence, |l| {
        let rebuilt = remit_collab_tools::inventory::Licence::new(
            l.seats(),
            l.price_per_seat(),
            l.billing(),
            l.renewal(),
        );
        assert_eq!(rebuilt.as_ref(), Ok(l), "Licence::new refuses it");
    }),
    validated!(remit_collab_tools::inventory::Tool, |t| {
        let mut b = remit_collab_tools::inventory::Tool::builder(t.id(), t.name(), t.category())
            .sync_level(t.sync_level())
            .enable(t.enabled().iter())
            .available(t.available().iter())
            .seats(t.seats().iter().cloned());
        if let Some(days) = t.chat_retention_days() {
            b = b.chat_retention_days(days);
        }
        if let Some(l) = t.licence() {
            b = b.licence(l.clone());
        }
        assert_eq!(b.build().as_ref(), Ok(t), "the builder refuses it");
    }),
    validated!(remit_collab_tools::inventory::Inventory, |i| {
        let rebuilt = remit_collab_tools::inventory::Inventory::new(i.tools().to_vec());
        assert_eq!(rebuilt.as_ref(), Ok(i), "Inventory::new refuses it");
    }),
    validated!(remit_collab_tools::overlap::WorkingHours, |h| {
        let rebuilt = remit_collab_tools::overlap::WorkingHours::from_minutes(
            h.start_minute(),
            h.length_minutes(),
        );
        assert_eq!(rebuilt.as_ref(), Ok(h), "the constructor refuses it");
    }),
    validated!(remit_collab_tools::overlap::Member, |m| {
        let rebuilt =
            remit_collab_tools::overlap::Member::new(m.id(), m.zone(), m.hours(), m.workdays());
        assert_eq!(rebuilt.as_ref(), Ok(m), "Member::new refuses it");
    }),
    validated!(remit_collab_tools::overlap::Team, |t| {
        let rebuilt = remit_collab_tools::overlap::Team::new(t.id(), t.members().to_vec());
        assert_eq!(rebuilt.as_ref(), Ok(t), "Team::new refuses it");
    }),
    validated!(remit_collab_tools::overlap::MeetingSlot, |s| {
        let start = chrono::Timelike::hour(&s.start()) * 60 + chrono::Timelike::minute(&s.start());
        let rebuilt = u16::try_from(start).ok().map(|start| {
            remit_collab_tools::overlap::MeetingSlot::from_minutes(
                start,
                s.length_minutes(),
                s.weekdays(),
            )
        });
        assert_eq!(
            rebuilt.as_ref().map(Result::as_ref),
            Some(Ok(s)),
            "the constructor refuses it"
        );
    }),
    validated!(remit_collab_tools::overlap::OverlapConfig, |c| {
        let share = c.core_window_share();
        let rebuilt = remit_collab_tools::overlap::OverlapConfig::default()
            .with_anchor(c.anchor())
            .with_async_first_below_minutes(c.async_first_below_minutes())
            .with_anchor_workdays(c.anchor_workdays())
            .and_then(|x| x.with_core_window_share(share.numerator(), share.denominator()));
        assert_eq!(rebuilt.as_ref(), Ok(c), "the setters refuse it");
    }),
    validated!(remit_collab_tools::Config, |c| {
        let rebuilt = remit_collab_tools::Config::new(c.as_of())
            .with_inactive_after_days(c.inactive_after_days())
            .and_then(|x| x.with_replace_below(c.replace_below()))
            .and_then(|x| x.with_sprawl_capability_overlap(c.sprawl_capability_overlap()))
            .and_then(|x| x.with_chat_retention_max_days(c.chat_retention_max_days()))
            .and_then(|x| x.with_far_from_centre_hours(c.far_from_centre_hours()))
            .and_then(|x| x.with_overlap_days(c.overlap_days()))
            .map(|x| {
                x.with_renewal_review_days(c.renewal_review_days())
                    .with_overlap(c.overlap().clone())
            });
        assert!(rebuilt.is_ok(), "the setters refuse it: {rebuilt:?}");
    }),
    // remit-promotion-bias
    validated!(remit_promotion_bias::PromotionRecord, |r| {
        let mut b = remit_promotion_bias::PromotionRecord::builder(r.employee())
            .work_mode(r.work_mode())
            .level(r.level())
            .department(r.department().clone())
            .performance(r.performance())
            .tenure_months(r.tenure_months())
            .promoted(r.promoted())
            .months_to_event(r.months_to_event());
        for (k, v) in r.attributes() {
            b = b.attribute(k, v);
        }
        assert_eq!(b.build().as_ref(), Ok(r), "the builder refuses it");
    }),
    validated!(remit_promotion_bias::Config, |c| {
        let rebuilt = remit_promotion_bias::Config::new(c.as_of())
            .with_window_months(c.window_months())
            .map(|x| {
                x.with_reference(c.reference())
                    .with_stratification(c.stratification())
                    .with_multiple_testing(c.multiple_testing())
            })
            .and_then(|x| x.with_covariates(c.covariates().iter().copied()))
            .and_then(|x| x.with_alpha(c.alpha()))
            .and_then(|x| x.with_power(c.power()))
            .and_then(|x| x.with_intersections(c.intersections().iter().cloned()));
        assert_eq!(rebuilt.as_ref(), Ok(c), "the setters refuse it");
    }),
    // remit-wellbeing
    validated!(remit_wellbeing::WeekSignals, |w| {
        let mut rebuilt = Ok(remit_wellbeing::WeekSignals::zero());
        for s in remit_wellbeing::Signal::ALL {
            rebuilt = rebuilt.and_then(|x: remit_wellbeing::WeekSignals| x.with(s, w.get(s)));
        }
        assert_eq!(rebuilt.as_ref(), Ok(w), "WeekSignals::with refuses it");
    }),
    validated!(remit_wellbeing::SignalPanel, |_| {}),
    validated!(remit_wellbeing::SurveyResults, |_| {}),
    validated!(remit_wellbeing::Ramp, |_| {}),
    validated!(remit_wellbeing::Config, |c| {
        let rebuilt = remit_wellbeing::Config::new(c.as_of())
            .with_thresholds(c.thresholds().clone())
            .with_alarms(c.alarms().clone())
            .with_burden_ratio(c.burden_ratio())
            .and_then(|x| x.with_high_risk_share(c.high_risk_share()))
            .and_then(|x| x.with_cbi_high_line(c.cbi_high_line()));
        assert_eq!(rebuilt.as_ref(), Ok(c), "the setters refuse it");
    }),
];
