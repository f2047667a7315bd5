//! Asset events are grouped by asset before each history is built: the grouping must
//! give every asset exactly its own rows, whatever the file's order and whether some
//! rows name no asset.

use chrono::NaiveDate;
use remit_ingest::{FileConfig, Input, Problem, ReadConfig, read_directory};

const PEOPLE: &str = "employee_id,work_mode,country,time_zone,level,department,manager_id,hire_date\n\
E1,remote,PT,Europe/Lisbon,2,Sales,,2020-01-06\n";
const ASSETS: &str = "asset_tag,category,purchase_date,purchase_cost,currency,useful_life_months\n\
A1,laptop,2024-01-02,1000.00,EUR,36\n\
A2,monitor,2024-01-02,200.00,EUR,36\n";

fn problems(events: &str) -> Vec<Problem> {
    let files = [
        ("people.csv", PEOPLE),
        ("assets.csv", ASSETS),
        ("asset_events.csv", events),
    ];
    let config = ReadConfig {
        files: files
            .iter()
            .map(|(name, _)| {
                let input = match *name {
                    "people.csv" => Input::People,
                    "assets.csv" => Input::Assets,
                    _ => Input::AssetEvents,
                };
                FileConfig::canonical(*name, input)
            })
            .collect(),
        ..ReadConfig::canonical(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap())
    };
    let open = |name: &str| {
        Ok(files
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| text.as_bytes()))
    };
    match read_directory(open, &config) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems().to_vec(),
    }
}

fn row_lines(problems: &[Problem]) -> Vec<(u64, String)> {
    problems
        .iter()
        .filter_map(|p| match p {
            Problem::Row { line, message, .. } => Some((*line, message.clone())),
            _ => None,
        })
        .collect()
}

/// Events listed asset by asset (the order that skips the sort), with a row naming no
/// asset in the middle: that row is reported, and each asset's history still holds its
/// own rows, so the unknown employee of A2's second event (line 6) is found on its line.
#[test]
fn a_row_naming_no_asset_does_not_shift_the_next_histories() {
    let events = "asset_tag,occurred_on,event,employee_id\n\
A1,2024-01-03,received,\n\
A9,2024-01-03,received,\n\
A1,2024-01-04,assigned,E1\n\
A2,2024-01-03,received,\n\
A2,2024-01-04,assigned,E404\n";
    let found = row_lines(&problems(events));
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, 3);
    assert!(found[0].1.contains("\"A9\" is not an asset"), "{found:?}");
    assert_eq!(found[1].0, 6);
    assert!(found[1].1.contains("\"E404\""), "{found:?}");
}

/// The same events grouped and shuffled across assets give the same histories: both
/// read without a problem, and a defect is reported on its own line either way.
#[test]
fn grouped_and_interleaved_events_are_read_alike() {
    let grouped = "asset_tag,occurred_on,event,employee_id\n\
A1,2024-01-03,received,\n\
A1,2024-01-04,assigned,E1\n\
A2,2024-01-03,received,\n\
A2,2024-01-04,assigned,E1\n";
    let interleaved = "asset_tag,occurred_on,event,employee_id\n\
A2,2024-01-03,received,\n\
A1,2024-01-03,received,\n\
A2,2024-01-04,assigned,E1\n\
A1,2024-01-04,assigned,E1\n";
    assert!(problems(grouped).is_empty());
    assert!(problems(interleaved).is_empty());
    let bad = interleaved.replace("A1,2024-01-04,assigned,E1", "A1,2024-01-04,assigned,E404");
    let found = row_lines(&problems(&bad));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 5);
    assert!(found[0].1.contains("\"E404\""), "{found:?}");
}
