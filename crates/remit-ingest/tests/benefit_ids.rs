//! What the benefits reader accepts, the benefits audit can value: an enrolment the
//! valuation would refuse is a problem of the file, naming the employee and the
//! benefit by the file's own ids (the audit's error would name the internal UUIDs).
#![allow(clippy::disallowed_methods)]

use chrono::NaiveDate;
use remit_core::{BenefitId, EmployeeId};
use remit_ingest::{Problem, ReadConfig, read_benefits};

const PEOPLE: &str = "employee_id,work_mode,country,time_zone,level,department,manager_id,hire_date\n\
                      E-1,remote,PT,Europe/Lisbon,3,Engineering,,2021-03-15\n\
                      E-2,onsite,DE,Europe/Berlin,2,Engineering,E-1,2022-01-10\n";
const HEADER: &str = "benefit_id,name,category,eligible_modes,valuation,amount,currency,uses_per_year,price_country,proration,tax_treatment,countries,min_level,max_level,min_tenure_months,paired_with\n";

/// The problems of reading `benefits` and `enrolments` beside [`PEOPLE`].
fn problems(benefits: &str, enrolments: &str, rates: Option<&str>) -> Vec<Problem> {
    let benefits = format!("{HEADER}{benefits}");
    let enrolments = format!("employee_id,benefit_id\n{enrolments}");
    let mut files = vec![
        ("people.csv", PEOPLE.to_owned()),
        ("benefits.csv", benefits),
        ("enrolments.csv", enrolments),
    ];
    if let Some(r) = rates {
        files.push(("exchange_rates.csv", format!("currency,base,rate\n{r}")));
    }
    let open = |name: &str| {
        Ok(files
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.as_bytes()))
    };
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    match read_benefits(open, &ReadConfig::canonical(as_of)) {
        Ok(_) => panic!("read, although the audit could not value the enrolments"),
        Err(err) => err.problems().to_vec(),
    }
}

/// The one problem on `enrolments.csv` line `line`; its message.
fn enrolment_problem(problems: &[Problem], line: u64) -> &str {
    match problems {
        [
            Problem::Row {
                file,
                line: at,
                message,
            },
        ] if file == "enrolments.csv" && *at == line => message,
        other => panic!("expected one problem on enrolments.csv line {line}, got {other:?}"),
    }
}

/// No internal id of the file's employees and benefits in `message`.
fn no_internal_ids(message: &str) {
    for internal in [
        EmployeeId::from_external("E-1").to_string(),
        EmployeeId::from_external("E-2").to_string(),
        BenefitId::from_external("gym").to_string(),
        BenefitId::from_external("canteen").to_string(),
    ] {
        assert!(!message.contains(&internal), "internal id in {message}");
    }
}

#[test]
fn a_benefit_with_no_price_for_the_employees_country_names_the_files_ids() {
    // Priced for Portugal only; E-2 works in Germany.
    let problems = problems(
        "gym,Gym,fitness,onsite hybrid remote,annual,300,EUR,,PT,,,,,,,\n",
        "E-1,gym\nE-2,gym\n",
        None,
    );
    let message = enrolment_problem(&problems, 3);
    assert!(
        message.contains("employee \"E-2\"")
            && message.contains("(\"gym\") has no price for country DE"),
        "{message}"
    );
    no_internal_ids(message);
}

#[test]
fn an_employees_benefits_in_two_currencies_name_the_files_ids() {
    let problems = problems(
        "gym,Gym,fitness,onsite hybrid remote,annual,300,EUR,,,,,,,,,\n\
         canteen,Canteen,meals,onsite hybrid remote,annual,500,GBP,,,,,,,,,\n",
        "E-1,gym\nE-1,canteen\n",
        Some("GBP,EUR,1.17\n"),
    );
    let message = enrolment_problem(&problems, 2);
    assert!(
        message.contains("employee \"E-1\"") && message.contains("priced in GBP"),
        "{message}"
    );
    no_internal_ids(message);
}

#[test]
fn a_currency_with_no_market_rate_names_the_files_ids() {
    // GBP prices, EUR the rates' base, no GBP rate.
    let problems = problems(
        "gym,Gym,fitness,onsite hybrid remote,annual,300,EUR,,,,,,,,,\n\
         canteen,Canteen,meals,onsite hybrid remote,annual,500,GBP,,,,,,,,,\n",
        "E-1,gym\nE-2,canteen\n",
        Some("USD,EUR,0.9\n"),
    );
    let message = enrolment_problem(&problems, 3);
    assert!(
        message.contains("employee \"E-2\"")
            && message.contains("no exchange rate from GBP to EUR"),
        "{message}"
    );
    no_internal_ids(message);
}
