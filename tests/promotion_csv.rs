//! Property tests of the `promotion_audit` CSV reader: no input makes it panic, and a
//! bad value is reported with its line and the column's name.

use proptest::prelude::*;
use remit_ingest::promotion_csv::{REQUIRED, parse_csv};

const HEADER: &str = "employee_id,work_mode,level,department,performance,tenure_months,promoted,months_to_event,gender";

fn valid_row(i: usize) -> [String; 9] {
    [
        format!("E-{i}"),
        "remote".into(),
        "L2".into(),
        "Sales".into(),
        "3".into(),
        "12".into(),
        "1".into(),
        "4.5".into(),
        "female".into(),
    ]
}

/// Values that break each required column (by position in the header).
fn breaking(col: usize) -> Vec<&'static str> {
    match col {
        0 => vec![""],
        1 => vec!["moon", "", "12"],
        2 => vec!["X9", "", "L-1", "L999"],
        3 => vec![""],
        4 => vec!["high", "", "NaN", "inf"],
        5 => vec!["-1", "many", "", "inf"],
        6 => vec!["yes", "2", ""],
        7 => vec!["0", "-3", "soon", "", "NaN"],
        _ => vec![],
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_any_text(text in ".{0,400}") {
        let _ = parse_csv(&text);
        let _ = parse_csv(&format!("{HEADER}\n{text}"));
    }

    #[test]
    fn never_panics_on_any_bytes_of_csv_shape(
        fields in proptest::collection::vec(
            prop_oneof![Just(",".to_owned()), Just("\"".to_owned()), Just("\n".to_owned()),
                        Just("\r\n".to_owned()), Just("\u{feff}".to_owned()), "[a-zA-Z0-9.\\- ]{0,6}"],
            0..60),
    ) {
        let body: String = fields.concat();
        let _ = parse_csv(&body);
        if let Err(errors) = parse_csv(&format!("{HEADER}\n{body}")) {
            for e in errors.errors() {
                prop_assert!(e.line >= 2);
                let prefix = format!("line {}", e.line);
                prop_assert!(e.to_string().starts_with(&prefix));
            }
        }
    }

    #[test]
    fn a_bad_value_names_its_line_and_column(
        good in 0usize..5,
        col in 0usize..8,
        pick in 0usize..8,
    ) {
        let mut text = format!("{HEADER}\n");
        for i in 0..good {
            text.push_str(&valid_row(i).join(","));
            text.push('\n');
        }
        let mut row = valid_row(good);
        let options = breaking(col);
        row[col] = options[pick % options.len()].to_owned();
        text.push_str(&row.join(","));
        text.push('\n');
        let errors = parse_csv(&text).unwrap_err();
        prop_assert_eq!(errors.errors().len(), 1, "{}", errors);
        let e = errors.first();
        prop_assert_eq!(e.line, good + 2, "{}", e);
        let (position, name) = e.column.clone().unwrap();
        prop_assert_eq!(position, col + 1, "{}", e);
        prop_assert_eq!(name.as_str(), REQUIRED[col]);
        prop_assert!(e.to_string().contains(&format!("(`{}`)", REQUIRED[col])), "{}", e);
    }

    #[test]
    fn valid_rows_parse_in_any_column_order(n in 1usize..20, rotate in 0usize..9) {
        let header: Vec<&str> = HEADER.split(',').collect();
        let order: Vec<usize> = (0..9).map(|k| (k + rotate) % 9).collect();
        let mut text = order.iter().map(|&k| header[k]).collect::<Vec<_>>().join(",");
        text.push('\n');
        for i in 0..n {
            let row = valid_row(i);
            text.push_str(&order.iter().map(|&k| row[k].as_str()).collect::<Vec<_>>().join(","));
            text.push('\n');
        }
        let parsed = parse_csv(&text).unwrap();
        prop_assert_eq!(parsed.table.len(), n);
        prop_assert_eq!(parsed.table.attribute(n - 1, "gender"), Some("female"));
        prop_assert_eq!(parsed.lines.last().copied(), Some(n + 1));
    }
}
