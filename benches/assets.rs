//! remit-assets: replaying event logs (10k to 10M events), computing depreciation
//! schedules (10k to 1M assets), and the whole equipment audit of a synthetic
//! organisation (10k and 100k employees; every figure released through a fresh
//! disclosure engine per iteration, so the engine's cost is included).
#![expect(
    clippy::disallowed_methods,
    reason = "the benchmark reads /proc for CPU time, which clippy.toml bans in library crates only"
)]

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use remit_assets::depreciation::{Basis, MacrsClass, MacrsConvention, Method, Proration};
use remit_assets::{
    Command, Config, Destination, EventLog, Inputs, ReturnReason, SanitisationMethod,
    SanitisationRecord, Shipment, Verification, audit,
};
use remit_core::disclosure::{Disclosure, DisclosurePolicy};
use remit_core::{AssetId, Currency, EmployeeId, EventId, Money};
use remit_synth::assets::{AssetSynthConfig, asset_fleet};
use remit_synth::{SynthConfig, generate};
use rust_decimal::Decimal;
use uuid::Uuid;

const EVENTS_PER_ASSET: u64 = 100;

/// One asset's life, cycled: received, shipped and delivered to someone, audited, asked
/// back, returned, sanitised, repaired now and then.
fn log_for(i: u64) -> EventLog {
    let mut log = EventLog::new(AssetId::from_uuid(Uuid::from_u64_pair(i, 0)), true);
    let mut on = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default();
    let mut n = 0u64;
    let mut key = || {
        n += 1;
        EventId::from_uuid(Uuid::from_u64_pair(i, n))
    };
    let step = |log: &mut EventLog, key: EventId, command: Command, on: NaiveDate| {
        log.execute(key, &command, on)
            .expect("valid scripted command");
    };
    step(&mut log, key(), Command::Receive, on);
    let mut cycle = 0u64;
    while log.version() + 12 <= EVENTS_PER_ASSET {
        cycle += 1;
        let who = EmployeeId::from_uuid(Uuid::from_u64_pair(i, cycle));
        on = on + Days::new(3);
        let out = Shipment::new(Destination::Employee(who), "DHL", "JD0146").expect("valid");
        step(&mut log, key(), Command::Ship(Box::new(out)), on);
        step(&mut log, key(), Command::Deliver, on + Days::new(2));
        on = on + Days::new(30);
        for _ in 0..4 {
            on = on + Days::new(20);
            step(&mut log, key(), Command::RecordAudit, on);
        }
        step(
            &mut log,
            key(),
            Command::RequestReturn {
                due: on + Days::new(30),
                reason: ReturnReason::Refresh,
            },
            on,
        );
        step(&mut log, key(), Command::CheckIn, on + Days::new(5));
        on = on + Days::new(7);
        let wipe = SanitisationRecord::new(
            SanitisationMethod::Purge,
            "crypto erase",
            Verification::ToolReport,
            on,
            "depot",
        )
        .expect("valid");
        step(&mut log, key(), Command::Sanitise(Box::new(wipe)), on);
        step(&mut log, key(), Command::FlagForRepair, on);
        step(&mut log, key(), Command::StartRepair, on + Days::new(1));
        step(
            &mut log,
            key(),
            Command::CompleteRepair { cost: None },
            on + Days::new(9),
        );
        on = on + Days::new(9);
    }
    while log.version() < EVENTS_PER_ASSET {
        on = on + Days::new(1);
        step(&mut log, key(), Command::RecordAudit, on);
    }
    log
}

fn replay(c: &mut Criterion) {
    let largest = 10_000_000u64;
    let logs: Vec<EventLog> = (0..largest / EVENTS_PER_ASSET).map(log_for).collect();
    let mut group = c.benchmark_group("assets/replay");
    group.sample_size(10);
    for events in [10_000u64, 100_000, 1_000_000, 10_000_000] {
        let slice = &logs[..(events / EVENTS_PER_ASSET) as usize];
        assert_eq!(slice.iter().map(EventLog::version).sum::<u64>(), events);
        group.throughput(Throughput::Elements(events));
        group.bench_with_input(BenchmarkId::from_parameter(events), &slice, |b, logs| {
            b.iter(|| {
                let mut checksum = 0u64;
                for log in logs.iter() {
                    checksum += black_box(log.replay()).events_applied();
                }
                assert_eq!(checksum, events);
                checksum
            });
        });
    }
    group.finish();
}

fn bases(n: usize) -> Vec<Basis> {
    let currencies =
        ["EUR", "USD", "GBP", "JPY", "BRL"].map(|c| Currency::new(c).expect("iso code"));
    let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
    (0..n)
        .map(|i| {
            let currency = currencies[i % currencies.len()];
            let places = currency.minor_units().unwrap_or(0);
            let cost = Money::new(
                Decimal::new(100_000 + (i as i64 * 7919) % 400_000, places),
                currency,
            );
            let salvage = Money::new(Decimal::new((i as i64 * 31) % 10_000, places), currency);
            Basis::new(cost, salvage, 36, start + Days::new((i % 2000) as u64))
                .expect("valid basis")
        })
        .collect()
}

fn depreciation(c: &mut Criterion) {
    let all = bases(1_000_000);
    let mut group = c.benchmark_group("assets/depreciation");
    group.sample_size(10);
    for n in [10_000usize, 100_000, 1_000_000] {
        let slice = &all[..n];
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(
            BenchmarkId::new("straight_line_36m", n),
            &slice,
            |b, bases| {
                let method = Method::StraightLine(Proration::FullMonth);
                b.iter(|| {
                    let mut lines = 0usize;
                    for basis in bases.iter() {
                        lines += black_box(basis.schedule(&method).expect("valid")).len();
                    }
                    lines
                });
            },
        );
        group.bench_with_input(BenchmarkId::new("mixed_methods", n), &slice, |b, bases| {
            let methods = [
                Method::StraightLine(Proration::MidMonth),
                Method::double_declining(),
                Method::SumOfYearsDigits,
                Method::Macrs {
                    class: MacrsClass::FiveYear,
                    convention: MacrsConvention::HalfYear,
                },
            ];
            b.iter(|| {
                let mut lines = 0usize;
                for (i, basis) in bases.iter().enumerate() {
                    let method = &methods[i % methods.len()];
                    let basis = if matches!(method, Method::Macrs { .. }) {
                        Basis::new(
                            basis.cost(),
                            Money::zero(basis.cost().currency()),
                            36,
                            basis.in_service(),
                        )
                        .expect("valid")
                    } else {
                        *basis
                    };
                    lines += black_box(basis.schedule(method).expect("valid")).len();
                }
                lines
            });
        });
    }
    group.finish();
}

/// The equipment audit over a synthetic organisation's compact fleet.
fn equipment_audit(c: &mut Criterion) {
    let mut group = c.benchmark_group("assets/audit");
    group.sample_size(10);
    for employees in [10_000usize, 100_000] {
        let org = generate(&SynthConfig::new(employees, 42)).expect("synthetic organisation");
        let fleet = asset_fleet(&org, &AssetSynthConfig::default()).expect("synthetic fleet");
        let config = Config::new(org.as_of());
        group.throughput(Throughput::Elements(fleet.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(employees),
            &fleet,
            |b, fleet| {
                b.iter(|| {
                    let mut engine = Disclosure::new(DisclosurePolicy::default());
                    let report = audit(&Inputs::new(org.roster(), fleet), &config, &mut engine)
                        .expect("audit");
                    black_box(report)
                });
            },
        );
    }
    group.finish();
}

/// CPU time of the benchmarking thread (user + system, from `/proc/thread-self/stat`,
/// 10 ms ticks), to report figures that do not depend on how busy the shared machine is.
/// Only meaningful for the large sizes, which run for hundreds of milliseconds.
struct ThreadCpu;

fn thread_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime is the 12th, stime the 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

impl criterion::measurement::Measurement for ThreadCpu {
    type Intermediate = f64;
    type Value = f64;
    fn start(&self) -> f64 {
        thread_cpu_seconds()
    }
    fn end(&self, start: f64) -> f64 {
        (thread_cpu_seconds() - start) * 1e9
    }
    fn add(&self, a: &f64, b: &f64) -> f64 {
        a + b
    }
    fn zero(&self) -> f64 {
        0.0
    }
    fn to_f64(&self, v: &f64) -> f64 {
        *v
    }
    fn formatter(&self) -> &dyn criterion::measurement::ValueFormatter {
        &CpuFormatter
    }
}

/// Prints CPU nanoseconds as milliseconds.
struct CpuFormatter;

impl criterion::measurement::ValueFormatter for CpuFormatter {
    fn scale_values(&self, _typical: f64, values: &mut [f64]) -> &'static str {
        values.iter_mut().for_each(|v| *v /= 1e6);
        "ms (cpu)"
    }
    fn scale_throughputs(
        &self,
        _typical: f64,
        throughput: &Throughput,
        values: &mut [f64],
    ) -> &'static str {
        let n = match *throughput {
            Throughput::Elements(n)
            | Throughput::Bytes(n)
            | Throughput::BytesDecimal(n)
            | Throughput::Bits(n) => n as f64,
            _ => 1.0,
        };
        values.iter_mut().for_each(|v| *v = n / (*v / 1e9));
        "elem/s (cpu)"
    }
    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

/// The acceptance sizes again, measured in thread CPU time.
fn cpu(c: &mut Criterion<ThreadCpu>) {
    let logs: Vec<EventLog> = (0..10_000_000 / EVENTS_PER_ASSET).map(log_for).collect();
    let all = bases(1_000_000);
    let mut group = c.benchmark_group("assets/cpu");
    group.sample_size(10);
    group.bench_function("replay/10000000", |b| {
        b.iter(|| {
            logs.iter()
                .map(|l| black_box(l.replay()).events_applied())
                .sum::<u64>()
        });
    });
    group.bench_function("depreciation/straight_line_36m/1000000", |b| {
        let method = Method::StraightLine(Proration::FullMonth);
        b.iter(|| {
            all.iter()
                .map(|x| black_box(x.schedule(&method).expect("valid")).len())
                .sum::<usize>()
        });
    });
    group.finish();
}

criterion_group!(benches, replay, depreciation, equipment_audit);
criterion_group! {
    name = cpu_benches;
    config = Criterion::default().with_measurement(ThreadCpu);
    targets = cpu
}
criterion_main!(benches, cpu_benches);
