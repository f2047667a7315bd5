//! The SQLite storage adapter: a database written from a synthetic organisation reads
//! back to the same inputs, audits to the same scorecard as the in-memory run, and
//! refuses corrupted rows with an error naming the table, the row and the field.
#![expect(
    clippy::disallowed_methods,
    reason = "the test reads files from disk, which clippy.toml bans in library crates only"
)]

use remit::render;
use remit_core::Workforce;
use remit_examples::audit::run_synthetic;
use remit_examples::sqlite::{
    OrganisationInputs, SqliteWorkforce, StoreError, audit_store, read_inputs, write_synthetic,
};
use remit_synth::{Organisation, SynthConfig, generate};
use rusqlite::Connection;

const EMPLOYEES: usize = 2_000;
const SEED: u64 = 7;

fn organisation() -> Organisation {
    generate(&SynthConfig::new(EMPLOYEES, SEED)).expect("synthetic organisation")
}

/// A fresh in-memory database holding `org` and its inputs.
fn written(org: &Organisation, inputs: &OrganisationInputs) -> Connection {
    let mut conn = Connection::open_in_memory().expect("in-memory database");
    write_synthetic(&mut conn, org, inputs).expect("write");
    conn
}

#[test]
fn every_input_reads_back_equal_through_the_ports() {
    let org = organisation();
    let inputs = OrganisationInputs::generate(&org).expect("inputs");
    let store = SqliteWorkforce::open(written(&org, &inputs)).expect("open");
    assert_eq!(store.as_of(), org.as_of());
    assert_eq!(store.seed(), SEED);

    // The Workforce port: same employees, same order, same look-ups.
    assert_eq!(store.headcount(), org.roster().len());
    let streamed: Vec<_> = store.employees().map(|e| e.into_owned()).collect();
    assert_eq!(streamed.as_slice(), org.roster().as_slice());
    for e in org.roster().iter().step_by(97) {
        assert_eq!(store.employee(e.id()).as_deref(), Some(e));
    }
    assert!(
        store
            .employee(remit_core::EmployeeId::from_external("nobody"))
            .is_none()
    );
    store.check().expect("no storage error while streaming");

    // Every domain's inputs, rebuilt through the crates' constructors.
    let stored = read_inputs(&store).expect("read inputs");
    assert_eq!(stored.assets, inputs.assets);
    assert_eq!(stored.catalogue, inputs.catalogue);
    assert_eq!(stored.enrolments, inputs.enrolments);
    assert_eq!(stored.rates, inputs.rates);
    assert_eq!(stored.promotion, inputs.promotion);
    assert_eq!(stored.panel, inputs.panel);
    assert_eq!(stored.respondents, inputs.respondents);
    assert_eq!(stored.codes, inputs.codes);
    assert_eq!(stored.inventory, inputs.inventory);
    assert_eq!(stored.teams, inputs.teams);
}

#[test]
fn the_audit_from_the_database_gives_the_in_memory_scorecard() {
    let memory = run_synthetic(EMPLOYEES, SEED, 1, &|_| {}).expect("in-memory audit");
    let expected = memory.scorecard().expect("scorecard");

    let org = organisation();
    let inputs = OrganisationInputs::generate(&org).expect("inputs");
    // A file, as the example uses, not only an in-memory database.
    let dir = std::env::temp_dir().join(format!("remit-sqlite-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("org.sqlite");
    let _ = std::fs::remove_file(&path);
    {
        let mut conn = Connection::open(&path).expect("create file");
        write_synthetic(&mut conn, &org, &inputs).expect("write");
    }
    drop((org, inputs));
    let store = SqliteWorkforce::open_path(&path).expect("open");
    let stages = std::sync::Mutex::new(Vec::new());
    let reports = audit_store(&store, &|s| stages.lock().expect("lock").push(s.to_owned()))
        .expect("audit from the database");
    let actual = reports.scorecard().expect("scorecard");
    assert_eq!(stages.lock().expect("lock").len(), 5);

    assert_eq!(render::markdown(&actual), render::markdown(&expected));
    assert_eq!(render::text(&actual), render::text(&expected));
    assert_eq!(
        serde_json::to_value(&actual).expect("json"),
        serde_json::to_value(&expected).expect("json")
    );
    // Every planted problem is still found from the database.
    let codes: Vec<&str> = actual
        .findings()
        .iter()
        .map(|f| f.code().as_str())
        .collect();
    for planted in &memory.planted {
        assert!(
            planted.codes.iter().any(|c| codes.contains(c)),
            "{} not found from the database",
            planted.description
        );
    }
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Writes a fresh database, applies `corrupt` and opens and reads it back.
fn corrupted(corrupt: &str) -> StoreError {
    let org = generate(&SynthConfig::new(300, SEED)).expect("synthetic organisation");
    let inputs = OrganisationInputs::generate(&org).expect("inputs");
    let conn = written(&org, &inputs);
    conn.execute_batch(corrupt).expect("corrupt");
    match SqliteWorkforce::open(conn) {
        Err(e) => e,
        Ok(store) => read_inputs(&store).expect_err("a corrupted row must be refused"),
    }
}

#[test]
fn a_bad_country_code_names_table_row_and_field() {
    let e = corrupted("UPDATE employees SET country = 'XX' WHERE id = 17;");
    assert!(
        matches!(
            e,
            StoreError::Field {
                table: "employees",
                row: 17,
                field: "country",
                ..
            }
        ),
        "{e}"
    );
    let text = e.to_string();
    assert!(
        text.contains("table `employees` row 17: field `country`"),
        "{text}"
    );
    assert!(text.contains("XX"), "{text}");
}

#[test]
fn a_dangling_manager_names_the_row_and_the_crate_error() {
    let e = corrupted(
        "UPDATE employees SET manager = '00000000-0000-0000-0000-000000000001'
         WHERE id = (SELECT MAX(id) FROM employees WHERE manager IS NOT NULL);",
    );
    let text = e.to_string();
    assert!(
        matches!(
            e,
            StoreError::Record {
                table: "employees",
                ..
            }
        ),
        "{text}"
    );
    assert!(text.contains("field `manager`"), "{text}");
    assert!(text.contains("not in the roster"), "{text}");
}

#[test]
fn a_management_cycle_is_refused() {
    let e = corrupted(
        "UPDATE employees SET manager = (SELECT employee FROM employees WHERE id = 2) WHERE id = 1;
         UPDATE employees SET manager = (SELECT employee FROM employees WHERE id = 1) WHERE id = 2;",
    );
    assert!(e.to_string().contains("cycle"), "{e}");
}

#[test]
fn bad_domain_rows_give_the_crates_errors_with_table_and_row() {
    let cases = [
        (
            "UPDATE assets SET cost_amount = '-5' WHERE id = 3;",
            "table `assets` row 3",
            "cost",
        ),
        (
            "UPDATE asset_events SET sequence = 9 WHERE id = (SELECT MIN(id) FROM asset_events WHERE sequence = 2);",
            "table `asset_events` row",
            "out of order",
        ),
        (
            "UPDATE promotion_records SET months_to_event = 0 WHERE id = 5;",
            "table `promotion_records` row 5",
            "months_to_event",
        ),
        (
            "UPDATE weekly_signals SET after_hours_hours = -1 WHERE id = 4;",
            "table `weekly_signals` row 4",
            "after",
        ),
        (
            "UPDATE benefit_enrolments SET uses_per_year = '-3' WHERE id = 2;",
            "table `benefit_enrolments` row",
            "uses",
        ),
        (
            "UPDATE team_members SET zone = 'Mars/Olympus' WHERE id = 1;",
            "table `team_members` row 1: field `zone`",
            "Mars",
        ),
        (
            "UPDATE tool_seats SET employee = 'not-a-uuid' WHERE id = 1;",
            "table `tool_seats` row 1: field `employee`",
            "not-a-uuid",
        ),
        (
            "UPDATE survey_answers SET code = 300 WHERE id = 1;",
            "table `survey_answers` row 1: field `code`",
            "300",
        ),
    ];
    for (corrupt, place, detail) in cases {
        let text = corrupted(corrupt).to_string();
        assert!(text.contains(place), "{corrupt}: {text}");
        assert!(
            text.to_lowercase().contains(&detail.to_lowercase()),
            "{corrupt}: {text}"
        );
    }
}

#[test]
fn writing_twice_is_refused_and_leaves_the_first_write_intact() {
    let org = generate(&SynthConfig::new(200, SEED)).expect("synthetic organisation");
    let inputs = OrganisationInputs::generate(&org).expect("inputs");
    let mut conn = written(&org, &inputs);
    let err = write_synthetic(&mut conn, &org, &inputs).expect_err("the schema exists already");
    // SQLite refuses the first `CREATE TABLE` of the schema, so nothing of the second
    // write happens.
    assert!(matches!(err, StoreError::Sqlite(_)), "{err:?}");
    assert!(
        err.to_string().contains("table meta already exists"),
        "{err}"
    );
    let store = SqliteWorkforce::open(conn).expect("still valid");
    assert_eq!(store.headcount(), 200);
}
