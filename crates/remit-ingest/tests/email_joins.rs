//! The people file's work e-mail addresses as join keys: a file that names people only
//! by e-mail finds them (whatever the case), an address nobody has is a problem of the
//! file that names it, and two people sharing an address is a problem of the people
//! file whether or not another file joins by e-mail (the reader indexes the addresses
//! only when a file joins by them, so both paths are tested).

use chrono::NaiveDate;
use remit_core::EmployeeId;
use remit_ingest::{Problem, ReadConfig, read_directory, read_tools};

const PEOPLE_HEADER: &str =
    "employee_id,work_mode,country,time_zone,level,department,manager_id,hire_date,email\n";
const TOOLS: &str = "tool_id,name,category\nteams,Microsoft Teams,chat\n";

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
}

/// Two people; `second_email` is E-2's address.
fn people(second_email: &str) -> String {
    format!(
        "{PEOPLE_HEADER}E-1,remote,PT,Europe/Lisbon,3,Engineering,,2021-03-15,Ana@Example.com\n\
         E-2,onsite,DE,Europe/Berlin,2,Engineering,E-1,2022-01-10,{second_email}\n"
    )
}

/// Opens each of `files` (name, text) by name; `None` for a name not among them.
fn opener<'f>(
    files: &'f [(&str, String)],
) -> impl FnMut(&str) -> std::io::Result<Option<&'f [u8]>> {
    |name: &str| {
        Ok(files
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.as_bytes()))
    }
}

/// The seat holders of the first tool read, in seat order.
fn seat_holders(read: &remit_ingest::ToolInputs) -> Vec<EmployeeId> {
    read.inventory.tools()[0]
        .seats()
        .iter()
        .map(|s| s.user())
        .collect()
}

/// The ids of the people file's `ids`.
fn employees(ids: &[&str]) -> Vec<EmployeeId> {
    ids.iter().map(|id| EmployeeId::from_external(id)).collect()
}

/// Reads `files` (name, text) as the tools domain.
fn tools(files: &[(&str, String)]) -> Result<remit_ingest::ToolInputs, Vec<Problem>> {
    read_tools(opener(files), &ReadConfig::canonical(as_of()))
        .map_err(|e| e.problems().to_vec())
        .map(|(_, tools)| tools)
}

#[test]
fn a_seat_named_only_by_e_mail_finds_its_holder_whatever_the_case() {
    let seats = "tool_id,email,last_active\nteams,ana@EXAMPLE.com,2026-06-01\n\
                 teams,ben@example.com,2026-06-02\n";
    let read = tools(&[
        ("people.csv", people("Ben@example.com")),
        ("tools.csv", TOOLS.to_owned()),
        ("seats.csv", seats.to_owned()),
    ])
    .expect("every seat holder is in the people file");
    assert_eq!(seat_holders(&read), employees(&["E-1", "E-2"]));
}

#[test]
fn a_seat_named_by_an_address_nobody_has_is_a_problem_of_the_seat_file() {
    let seats = "tool_id,email,last_active\nteams,cy@example.com,2026-06-01\n";
    let problems = tools(&[
        ("people.csv", people("ben@example.com")),
        ("tools.csv", TOOLS.to_owned()),
        ("seats.csv", seats.to_owned()),
    ])
    .expect_err("nobody has the address");
    assert!(
        matches!(
            problems.as_slice(),
            [Problem::Row { file, line: 2, message }]
                if file == "seats.csv" && message.contains("\"cy@example.com\"")
        ),
        "{problems:?}"
    );
}

/// The problems of a people file whose two rows share an address (differently cased).
fn shared_address_problems(files: &[(&str, String)]) -> Vec<Problem> {
    let mut config = ReadConfig::canonical(as_of());
    config
        .files
        .retain(|f| files.iter().any(|(name, _)| *name == f.name));
    match read_directory(opener(files), &config) {
        Ok(_) => panic!("two employees share an address"),
        Err(e) => e.problems().to_vec(),
    }
}

#[test]
fn two_people_sharing_an_address_are_refused_when_nothing_joins_by_e_mail() {
    let problems = shared_address_problems(&[("people.csv", people("ana@example.COM"))]);
    assert!(
        matches!(
            problems.as_slice(),
            [Problem::Row { file, line: 3, message }]
                if file == "people.csv"
                    && message.contains("`email`")
                    && message.contains("\"ana@example.com\"")
                    && message.contains("two employees")
        ),
        "{problems:?}"
    );
}

#[test]
fn two_people_sharing_an_address_are_refused_when_a_file_joins_by_e_mail() {
    let seats = "tool_id,email,last_active\nteams,ana@example.com,2026-06-01\n";
    let problems = shared_address_problems(&[
        ("people.csv", people("ana@example.COM")),
        ("tools.csv", TOOLS.to_owned()),
        ("seats.csv", seats.to_owned()),
    ]);
    assert!(
        problems.iter().any(|p| matches!(
            p,
            Problem::Row { file, line: 3, message }
                if file == "people.csv" && message.contains("two employees")
        )),
        "{problems:?}"
    );
}

#[test]
fn an_identity_address_held_by_another_person_is_refused_when_nothing_else_joins_by_e_mail() {
    // identity.csv is the only other file naming an address: the people file's addresses
    // must still be indexed, or E-2's identity row would silently take Ana's address.
    let identity = "employee_id,email,pseudonym\nE-2,ANA@example.com,\n".to_owned();
    let problems =
        shared_address_problems(&[("people.csv", people("")), ("identity.csv", identity)]);
    assert!(
        matches!(
            problems.as_slice(),
            [Problem::Row { file, line: 2, message }]
                if file == "identity.csv"
                    && message.contains("\"ana@example.com\"")
                    && message.contains("names two employees")
        ),
        "{problems:?}"
    );
}

#[test]
fn non_ascii_addresses_fold_alike_in_the_people_file_and_the_seat_file() {
    let seats = "tool_id,email,last_active\nteams,åsa.İ@EXAMPLE.com,2026-06-01\n\
                 teams,σοφιας@X.GR,2026-06-02\n";
    let people = format!(
        "{PEOPLE_HEADER}E-1,remote,PT,Europe/Lisbon,3,Engineering,,2021-03-15,ÅSA.İ@Example.com\n\
         E-2,onsite,DE,Europe/Berlin,2,Engineering,E-1,2022-01-10,ΣΟΦΙΑΣ@x.gr\n"
    );
    let read = tools(&[
        ("people.csv", people),
        ("tools.csv", TOOLS.to_owned()),
        ("seats.csv", seats.to_owned()),
    ])
    .expect("both addresses are the people file's, in another case");
    assert_eq!(seat_holders(&read), employees(&["E-1", "E-2"]));
}

#[test]
fn a_shared_address_among_a_hundred_people_is_refused_when_nothing_joins_by_e_mail() {
    // Past 32 addresses the repeat check screens by hash first: that path too.
    let mut text = PEOPLE_HEADER.to_owned();
    for i in 0..100 {
        let mail = if i == 77 { 40 } else { i };
        text.push_str(&format!(
            "E-{i},remote,PT,Europe/Lisbon,3,Engineering,,2021-03-15,P{mail}@example.com\n"
        ));
    }
    let problems = shared_address_problems(&[("people.csv", text)]);
    assert!(
        matches!(
            problems.as_slice(),
            [Problem::Row { file, line: 79, message }]
                if file == "people.csv"
                    && message.contains("\"p40@example.com\" is used by two employees")
        ),
        "{problems:?}"
    );
}
