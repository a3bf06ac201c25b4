//! Own data as CSV: reading `x1,x2,label[,set]` rows ([`parse`]) into a
//! [`Table`], and writing points back ([`write`]).
//!
//! The format: one row per point, `x1,x2,label` and an optional fourth
//! column `set` (`train` or `test`, any case). A first row whose `x1` and
//! `x2` are both not numbers is a header and is skipped. The separator is
//! the first of tab, `;`, `,` found in the first row; with tab or `;` a
//! decimal comma (`1,5`) reads as `1.5`. CRLF line ends, a UTF-8 byte-order
//! mark and blank lines are accepted. Coordinates are finite numbers of at
//! most [`MAX_MAGNITUDE`]. Labels are any two distinct values: `0` and `1`
//! keep their meaning, any other pair is mapped to 0 and 1 in order of first
//! appearance; a third distinct label is refused (saying, when all are
//! numbers, that regression reads numeric labels). For regression
//! ([`parse_values`]) the label is a finite number of at most
//! [`MAX_MAGNITUDE`] (a class name such as `cat` is refused with its line);
//! labels that are all 0 and 1 are fitted as those numbers, and the summary
//! says so. At most [`MAX_POINTS`] rows; a longer file is counted (without
//! building anything) and refused. Quoted fields are refused.

use crate::data::points::{MAX_COUNT as MAX_POINTS, MAX_MAGNITUDE};
use crate::format::number::read_number;
use crate::format::{fmt_plain, fmt_py, shown};
use crate::i18n::text;
use crate::tr;
use std::fmt;

/// The columns, for messages (`column 2 (x2)`).
const COLUMNS: [&str; 4] = ["x1", "x2", "label", "set"];

/// What a CSV held: points, labels 0/1, the `set` column if there was one
/// (`true` = test), and the two label values as written (label 0's first).
/// Read for regression ([`parse_values`]), `values` holds the label
/// column's numbers, and `labels` and `names` stay empty.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub points: Vec<[f64; 2]>,
    pub labels: Vec<bool>,
    pub test: Option<Vec<bool>>,
    pub names: [String; 2],
    pub values: Option<Vec<f64>>,
}

/// A CSV that cannot be used. Every message names the line (1-based, as an
/// editor counts them), the column and the value when there is one, and
/// what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsvError {
    /// No rows at all.
    Empty,
    /// A header and nothing else.
    HeaderOnly,
    /// More rows than a data set may have (counted, not read).
    TooManyRows { rows: usize },
    /// Not text (a NUL byte or an invalid UTF-8 sequence).
    Binary { line: usize },
    /// A row with too few or too many fields.
    Columns { line: usize, found: usize },
    /// A field that is not what its column takes.
    Field {
        line: usize,
        column: usize,
        value: String,
        /// What was expected: a message id of the catalogue.
        expected: &'static str,
    },
    /// A third distinct label (`numbers`: all three are numbers, which
    /// regression would read).
    ThirdLabel {
        line: usize,
        value: String,
        labels: [String; 2],
        numbers: bool,
    },
    /// Every row has the same label.
    OneClass { label: String },
    /// The `set` column leaves the training or the test set empty.
    /// `set`: the message id that says which (`csv-no-train`, `csv-no-test`).
    EmptySet { set: &'static str },
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvError::Empty => f.write_str(&text("csv-empty", &[])),
            CsvError::HeaderOnly => f.write_str(&text("csv-header-only", &[])),
            CsvError::TooManyRows { rows } => {
                f.write_str(&tr!("csv-too-many", rows = rows, max = MAX_POINTS))
            }
            CsvError::Binary { line } => f.write_str(&tr!("csv-binary", line = line)),
            CsvError::Columns { line, found } => f.write_str(&tr!(
                if *found == 1 {
                    "csv-columns-one"
                } else {
                    "csv-columns"
                },
                line = line,
                found = found
            )),
            CsvError::Field {
                line,
                column,
                value,
                expected,
            } => f.write_str(&tr!(
                "csv-field",
                line = line,
                column = column,
                name = COLUMNS[column - 1],
                value = shown(value),
                expected = text(expected, &[])
            )),
            CsvError::ThirdLabel {
                line,
                value,
                labels,
                numbers,
            } => f.write_str(&tr!(
                if *numbers {
                    "csv-third-label-numbers"
                } else {
                    "csv-third-label"
                },
                line = line,
                value = shown(value),
                first = shown(&labels[0]),
                second = shown(&labels[1])
            )),
            CsvError::OneClass { label } => {
                f.write_str(&tr!("csv-one-class", label = shown(label)))
            }
            CsvError::EmptySet { set } => f.write_str(&text(set, &[])),
        }
    }
}

impl std::error::Error for CsvError {}

const NUMBER: &str = "csv-expect-number";

/// Reads a CSV of own data with two classes (the format is in the module's
/// documentation).
pub fn parse(text: &str) -> Result<Table, CsvError> {
    read(text, false)
}

/// Reads a CSV of own data whose labels are numbers (regression): every
/// label a finite number of at most [`MAX_MAGNITUDE`].
pub fn parse_values(text: &str) -> Result<Table, CsvError> {
    read(text, true)
}

/// A number in the label column, or why not (a [`CsvError::Field`]'s
/// expectation).
fn label_number(number: Option<f64>) -> Result<f64, &'static str> {
    match number {
        Some(v) if v.is_finite() && v.abs() <= MAX_MAGNITUDE => Ok(v),
        Some(v) if v.is_finite() => Err("csv-expect-magnitude"),
        Some(_) => Err("csv-expect-finite"),
        None => Err("csv-expect-value"),
    }
}

fn read(text: &str, numbers: bool) -> Result<Table, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows = || {
        text.split('\n')
            .enumerate()
            .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
            .filter(|(_, l)| !l.trim().is_empty())
    };
    // Count first: a huge file is refused before anything is built.
    let count = rows().count();
    let Some((_, first)) = rows().next() else {
        return Err(CsvError::Empty);
    };
    if let Some(line) = rows()
        .find(|(_, l)| l.contains(['\0', '\u{fffd}']))
        .map(|(n, _)| n)
    {
        return Err(CsvError::Binary { line });
    }
    let sep = ['\t', ';', ','].into_iter().find(|&c| first.contains(c));
    let decimal_comma = matches!(sep, Some('\t' | ';'));
    let split = |l: &str| -> Vec<String> {
        match sep {
            Some(c) => l.split(c).map(|f| f.trim().to_string()).collect(),
            None => vec![l.trim().to_string()],
        }
    };
    let number = |f: &str| -> Option<f64> {
        let f = if decimal_comma {
            f.replacen(',', ".", 1)
        } else {
            f.to_string()
        };
        read_number(&f)
    };
    let header = {
        let f = split(first);
        f.len() >= 2 && number(&f[0]).is_none() && number(&f[1]).is_none()
    };
    let data_rows = count - usize::from(header);
    if data_rows > MAX_POINTS {
        return Err(CsvError::TooManyRows { rows: data_rows });
    }
    if data_rows == 0 {
        return Err(CsvError::HeaderOnly);
    }
    let mut table = Table {
        points: Vec::with_capacity(data_rows),
        labels: Vec::with_capacity(data_rows),
        test: None,
        names: Default::default(),
        values: numbers.then(|| Vec::with_capacity(data_rows)),
    };
    let mut names: Vec<(String, Option<f64>)> = Vec::new();
    let mut width = None;
    for (line, row) in rows().skip(usize::from(header)) {
        let f = split(row);
        if !(3..=4).contains(&f.len()) || width.is_some_and(|w| w != f.len()) {
            return Err(CsvError::Columns {
                line,
                found: f.len(),
            });
        }
        width = Some(f.len());
        let bad = |column: usize, expected| CsvError::Field {
            line,
            column,
            value: f[column - 1].clone(),
            expected,
        };
        if let Some(c) = f.iter().position(|v| v.starts_with(['"', '\''])) {
            return Err(bad(c + 1, "csv-expect-plain"));
        }
        let mut xy = [0.0; 2];
        for c in 0..2 {
            xy[c] = match number(&f[c]) {
                Some(v) if v.is_finite() && v.abs() <= MAX_MAGNITUDE => v,
                Some(v) if v.is_finite() => {
                    return Err(bad(c + 1, "csv-expect-magnitude"));
                }
                Some(_) => return Err(bad(c + 1, "csv-expect-finite")),
                None => return Err(bad(c + 1, NUMBER)),
            };
        }
        let label = &f[2];
        if let Some(values) = &mut table.values {
            values.push(label_number(number(label)).map_err(|e| bad(3, e))?);
            table.points.push(xy);
            read_set(&f, &mut table.test).map_err(|e| bad(4, e))?;
            continue;
        }
        if label.is_empty() {
            return Err(bad(3, "csv-expect-label"));
        }
        let as_number = number(label).filter(|v| v.is_finite());
        let same = |(name, num): &(String, Option<f64>)| match (num, as_number) {
            (Some(a), Some(b)) => *a == b,
            _ => name == label,
        };
        let index = match names.iter().position(same) {
            Some(i) => i,
            None if names.len() < 2 => {
                names.push((label.clone(), as_number));
                names.len() - 1
            }
            None => {
                return Err(CsvError::ThirdLabel {
                    line,
                    value: label.clone(),
                    labels: [names[0].0.clone(), names[1].0.clone()],
                    numbers: as_number.is_some() && names.iter().all(|n| n.1.is_some()),
                })
            }
        };
        table.points.push(xy);
        table.labels.push(index == 1);
        read_set(&f, &mut table.test).map_err(|e| bad(4, e))?;
    }
    if numbers {
        check_sets(&table.test)?;
        return Ok(table);
    }
    if names.len() < 2 {
        return Err(CsvError::OneClass {
            label: names[0].0.clone(),
        });
    }
    // 0 and 1 keep their meaning whichever comes first.
    if names[0].1 == Some(1.0) && names[1].1 == Some(0.0) {
        names.swap(0, 1);
        table.labels.iter_mut().for_each(|l| *l = !*l);
    }
    check_sets(&table.test)?;
    table.names = [names[0].0.clone(), names[1].0.clone()];
    Ok(table)
}

/// The `set` column of row `f`, if it has one, appended to `test`.
fn read_set(f: &[String], test: &mut Option<Vec<bool>>) -> Result<(), &'static str> {
    if f.len() == 4 {
        let is_test = match f[3].to_ascii_lowercase().as_str() {
            "train" => false,
            "test" => true,
            _ => return Err("csv-expect-set"),
        };
        test.get_or_insert_with(Vec::new).push(is_test);
    }
    Ok(())
}

/// A `set` column leaves neither set empty.
fn check_sets(test: &Option<Vec<bool>>) -> Result<(), CsvError> {
    if let Some(test) = test {
        for (set, want) in [("csv-no-train", false), ("csv-no-test", true)] {
            if !test.contains(&want) {
                return Err(CsvError::EmptySet { set });
            }
        }
    }
    Ok(())
}

impl Table {
    /// One line about what was read: `412 points (a test column); labels:
    /// cat → 0, dog → 1`, or for numbers their range (and, when they are
    /// all 0 and 1, that they are fitted as those numbers).
    pub fn summary(&self) -> String {
        let split = text(
            if self.test.is_some() {
                "csv-split-column"
            } else {
                "csv-split-frac"
            },
            &[],
        );
        if let Some(values) = &self.values {
            let [lo, hi] = values
                .iter()
                .fold([f64::INFINITY, f64::NEG_INFINITY], |r, &v| {
                    [r[0].min(v), r[1].max(v)]
                });
            let zero_one = values.iter().all(|&v| v == 0.0 || v == 1.0);
            return tr!(
                if zero_one {
                    "csv-summary-zero-one"
                } else {
                    "csv-summary-values"
                },
                points = self.points.len(),
                split = split,
                min = fmt_plain(lo),
                max = fmt_plain(hi)
            );
        }
        tr!(
            "csv-summary",
            points = self.points.len(),
            split = split,
            first = self.names[0],
            second = self.names[1]
        )
    }
}

/// `x1,x2,label,set` rows with a header: coordinates in the shortest form
/// that reads back to the same bits ([`fmt_py`]), labels `0`/`1` (classes,
/// or the numbers 0 and 1) or numbers in that shortest form, sets
/// `train`/`test`. [`parse`] (or, for numbers, [`parse_values`]) reads it
/// back to the same table.
pub fn write<L: Into<f64>>(rows: impl Iterator<Item = ([f64; 2], L, bool)>) -> String {
    let mut out = String::from("x1,x2,label,set\n");
    for (p, label, test) in rows {
        let label: f64 = label.into();
        let label = if label == 0.0 || label == 1.0 {
            (label as u8).to_string()
        } else {
            fmt_py(label)
        };
        out.push_str(&format!(
            "{},{},{},{}\n",
            fmt_py(p[0]),
            fmt_py(p[1]),
            label,
            if test { "test" } else { "train" }
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn reads_separators_headers_line_ends_and_a_bom() {
        for text in [
            "x1,x2,label\n1,2,0\n3,4,1\n",
            "\u{feff}x1;x2;label\r\n1;2;0\r\n3;4;1\r\n",
            "1\t2\t0\n\n3\t4\t1",
            "a;b;c\n1,0;2;0\n3;4,0;1\n",
        ] {
            let t = parse(text).unwrap();
            assert_eq!(t.points, [[1.0, 2.0], [3.0, 4.0]], "{text:?}");
            assert_eq!(t.labels, [false, true]);
            assert_eq!(t.test, None);
        }
    }

    #[test]
    fn labels_map_in_order_of_first_appearance_except_0_and_1() {
        let t = parse("1,2,dog\n3,4,cat\n5,6,dog\n").unwrap();
        assert_eq!(t.labels, [false, true, false]);
        assert_eq!(t.names, ["dog".to_string(), "cat".to_string()]);
        assert_eq!(
            t.summary(),
            "3 points, split by testFrac and dataSeed; labels: dog → 0, cat → 1"
        );
        let t = parse("1,2,1\n3,4,0.0\n").unwrap();
        assert_eq!(t.labels, [true, false]);
        assert_eq!(t.names, ["0.0".to_string(), "1".to_string()]);
        let t = parse("1,2,-1\n3,4,1\n").unwrap();
        assert_eq!(t.labels, [false, true]);
    }

    #[test]
    fn the_set_column_fixes_the_split() {
        let t = parse("x1,x2,label,set\n1,2,0,train\n3,4,1,TEST\n5,6,1,train\n").unwrap();
        assert_eq!(t.test, Some(vec![false, true, false]));
        assert!(err("1,2,0,train\n3,4,1,train\n").contains("no row in the test set"));
    }

    #[test]
    fn bad_input_names_line_column_value_and_what_was_expected() {
        let cases = [
            ("", "the data is empty"),
            ("\n \r\n", "the data is empty"),
            ("x1,x2,label\n", "only a header row"),
            (
                "1,2,0\n3,4,0\n",
                "every row has label \"0\": needs two classes",
            ),
            (
                "1,2,a\n3,4,b\n5,6,c\n",
                "line 3, column 3 (label): \"c\" is a third label: expected two classes, a or b",
            ),
            (
                "1,2,0\n3,x,1\n",
                "line 2, column 2 (x2): \"x\": expected a number",
            ),
            (
                "1,2,0\nNaN,4,1\n",
                "line 2, column 1 (x1): \"NaN\": expected a finite number",
            ),
            (
                "1,2,0\n3,inf,1\n",
                "line 2, column 2 (x2): \"inf\": expected a finite number",
            ),
            (
                "1,2,0\n1e400,4,1\n",
                "line 2, column 1 (x1): \"1e400\": expected a finite number",
            ),
            (
                "1,2,0\n1e13,4,1\n",
                "line 2, column 1 (x1): \"1e13\": expected a number from -1e12 to 1e12",
            ),
            (
                "1,2,0\n3,4\n",
                "line 2: 2 fields: expected 3 (x1,x2,label) or 4",
            ),
            ("1,2,0\n3,4,1,test,9\n", "line 2: 5 fields"),
            ("1,2,0\n3,4,1,test\n", "line 2: 4 fields"),
            (
                "1,2,0\n\"3\",4,1\n",
                "line 2, column 1 (x1): \"\"3\"\": expected a plain value: quoted fields",
            ),
            (
                "1,2,0,train\n3,4,1,maybe\n",
                "line 2, column 4 (set): \"maybe\": expected train or test",
            ),
            (
                "1,2,0\n3,4,\n",
                "line 2, column 3 (label): \"\": expected a label",
            ),
            ("1,2,0\n\0\u{1}PNG,\u{fffd},1\n", "line 2: binary data"),
            ("12", "line 1: 1 field: expected 3"),
        ];
        for (text, message) in cases {
            let e = err(text);
            assert!(e.starts_with(message), "{text:?}: {e}");
        }
    }

    #[test]
    fn too_many_rows_are_counted_and_refused() {
        let row = "1,2,0\n";
        let text = format!("x1,x2,label\n{}", row.repeat(MAX_POINTS));
        assert!(parse(&text).is_err_and(|e| e.to_string().contains("needs two classes")));
        let text = format!("{text}3,4,1\n");
        assert_eq!(
            parse(&text).unwrap_err(),
            CsvError::TooManyRows {
                rows: MAX_POINTS + 1
            }
        );
        // A big file is only counted: broken rows far down are never read.
        let big = "1,2,x,y,z\n".repeat(1_000_000);
        assert_eq!(
            parse(&big).unwrap_err(),
            CsvError::TooManyRows { rows: 1_000_000 }
        );
    }

    #[test]
    fn written_rows_read_back_to_the_same_bits() {
        let rows = [
            ([0.1 + 0.2, -1e-300], false, false),
            ([123456.789, 5e11], true, true),
        ];
        let text = write(rows.iter().copied());
        assert!(text.starts_with("x1,x2,label,set\n0.30000000000000004,-1e-300,0,train\n"));
        let t = parse(&text).unwrap();
        assert_eq!(t.points, [rows[0].0, rows[1].0]);
        assert_eq!(t.labels, [false, true]);
        assert_eq!(t.test, Some(vec![false, true]));
    }

    #[test]
    fn regression_reads_numeric_labels_and_names_a_bad_one() {
        let t = parse_values("x1;x2;y\n1;2;0,5\n3;4;-1e3\n5;6;7\n").unwrap();
        assert_eq!(t.values, Some(vec![0.5, -1000.0, 7.0]));
        assert_eq!(t.points.len(), 3);
        assert_eq!(
            t.summary(),
            "3 points, split by testFrac and dataSeed; labels: numbers from -1000 to 7"
        );
        let t = parse_values("1,2,0,train\n3,4,1,test\n").unwrap();
        assert_eq!(t.values, Some(vec![0.0, 1.0]));
        assert_eq!(t.test, Some(vec![false, true]));
        assert!(t
            .summary()
            .contains("only 0 and 1, fitted as the numbers 0 and 1"));
        let bad = |text: &str| parse_values(text).unwrap_err().to_string();
        for (text, message) in [
            (
                "1,2,0.5\n3,4,cat\n",
                "line 2, column 3 (label): \"cat\": expected a number such as 0.25 or -1e3 (problem=regression",
            ),
            ("1,2,0.5\n3,4,NaN\n", "line 2, column 3 (label): \"NaN\": expected a finite number"),
            ("1,2,inf\n3,4,1\n", "line 1, column 3 (label): \"inf\": expected a finite number"),
            ("1,2,1e400\n3,4,1\n", "line 1, column 3 (label): \"1e400\": expected a finite number"),
            (
                "1,2,3e12\n3,4,1\n",
                "line 1, column 3 (label): \"3e12\": expected a number from -1e12 to 1e12",
            ),
            ("1,2,\n3,4,1\n", "line 1, column 3 (label): \"\": expected a number"),
            ("1,2,4,test\n3,4,1,test\n", "column 4 (set) puts no row in the training set"),
            ("1,2,4,train\n3,4,1,later\n", "line 2, column 4 (set): \"later\""),
            ("1,2,4\n3,x,1\n", "line 2, column 2 (x2): \"x\": expected a number"),
        ] {
            let e = bad(text);
            assert!(e.starts_with(message), "{text:?}: {e}");
        }
    }

    #[test]
    fn classification_refuses_a_third_numeric_label_pointing_to_regression() {
        let e = err("1,2,0.3\n3,4,1.7\n5,6,2.5\n");
        assert!(
            e.starts_with("line 3, column 3 (label): \"2.5\" is a third label: expected two classes, 0.3 or 1.7; numeric labels are read with problem=regression"),
            "{e}"
        );
        assert!(!err("1,2,a\n3,4,b\n5,6,3\n").contains("regression"));
    }

    #[test]
    fn written_values_read_back_to_the_same_bits() {
        let rows = [
            ([1.0, 2.0], 0.1 + 0.2, false),
            ([3.0, 4.0], 1.0, true),
            ([5.0, 6.0], -7e-9, false),
        ];
        let text = write(rows.iter().copied());
        assert!(
            text.contains("\n1.0,2.0,0.30000000000000004,train\n3.0,4.0,1,test\n"),
            "{text}"
        );
        let t = parse_values(&text).unwrap();
        assert_eq!(t.values, Some(rows.iter().map(|r| r.1).collect()));
    }
}
