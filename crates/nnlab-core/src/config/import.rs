//! Own data in and out of a link: a CSV becomes `data=custom&points=…`
//! (the page's paste and upload, `nnlab import`), edited points become a
//! link, and any configuration's points come out as CSV rows
//! `x1,x2,label,set` (the page's Export CSV, `nnlab data`). The other keys
//! of the link are kept.

use crate::config::error::ConfigError;
use crate::config::link;
use crate::config::{Config, DataKind, InitKind, View, DEFAULT_TEST_FRAC};
use crate::data::csv::{self, CsvError};
use crate::data::editor::{Editor, Row};
use crate::data::points::{Points, PointsError};
use crate::model::output::Problem;
use crate::tr;
use std::fmt;

/// Why a CSV could not become a link.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    Csv(CsvError),
    Points(PointsError),
    Config(ConfigError),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Csv(e) => e.fmt(f),
            ImportError::Points(e) => write!(f, "points: {e}"),
            ImportError::Config(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ImportError {}

/// A CSV as a link: the canonical query and one line about what was read
/// ([`csv::Table::summary`]).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Imported {
    pub query: String,
    pub summary: String,
}

/// The seed of the seeded split (`dataSeed`, 1 when absent).
fn split_seed(config: &Config) -> u32 {
    config.data_seed.unwrap_or(1)
}

/// `config` with the CSV `text`'s points (`data=custom&points=…`); a
/// `set` column fixes the split, else `testFrac` and `dataSeed` make it.
/// Under `problem=regression` the labels are read as numbers
/// ([`csv::parse_values`]), else as two classes ([`csv::parse`]); a
/// classification's CSV whose labels are more than two numbers is read as
/// numbers and the link becomes `problem=regression` (the summary says so).
pub fn query_with_csv(config: &Config, view: &View, text: &str) -> Result<Imported, ImportError> {
    match read_csv(config, view, text) {
        Err(ImportError::Csv(third @ CsvError::ThirdLabel { numbers: true, .. })) => {
            let regression = Config {
                problem: Problem::Regression,
                ..config.clone()
            };
            // Should the numbers fail as numbers too, the third label's message (which
            // names problem=regression) says more than the second reading's.
            let imported =
                read_csv(&regression, view, text).map_err(|_| ImportError::Csv(third))?;
            Ok(Imported {
                summary: tr!("csv-summary-now-regression", summary = imported.summary),
                ..imported
            })
        }
        other => other,
    }
}

fn read_csv(config: &Config, view: &View, text: &str) -> Result<Imported, ImportError> {
    let (frac, seed) = (config.test_frac, split_seed(config));
    let (table, points) = if config.problem == Problem::Regression {
        let table = csv::parse_values(text).map_err(ImportError::Csv)?;
        let values = table.values.as_deref().expect("parse_values: values");
        let points = Points::with_values(&table.points, values, table.test.as_deref(), frac, seed);
        (table, points)
    } else {
        let table = csv::parse(text).map_err(ImportError::Csv)?;
        let points = Points::new(
            &table.points,
            &table.labels,
            table.test.as_deref(),
            frac,
            seed,
        );
        (table, points)
    };
    let points = points.map_err(ImportError::Points)?;
    let query = query_with_points(config, view, points).map_err(ImportError::Config)?;
    Ok(Imported {
        query,
        summary: table.summary(),
    })
}

/// `config` training on `points` (`data=custom`, no generation keys, no
/// preset: the other values stay, written out; the gradient-check case's
/// initializer, which needs its own data, becomes He).
pub fn query_with_points(
    config: &Config,
    view: &View,
    points: Points,
) -> Result<String, ConfigError> {
    let mut c = config.clone();
    c.preset = None;
    c.data = DataKind::Custom;
    (c.n, c.noise) = (None, None);
    c.points = Some(points);
    if c.init == InitKind::Case {
        c.init = InitKind::He;
    }
    c.validate()?;
    Ok(link::serialize(&c, view))
}

/// Switching the data to `custom` without points: the current data set's
/// points become own points (split fixed as it was; `dataSeed` dropped).
pub fn query_with_current_points(config: &Config, view: &View) -> Result<String, ConfigError> {
    let points = Points::from_split(&config.split()).map_err(|e| points_error(config, e))?;
    let c = Config {
        data_seed: None,
        ..config.clone()
    };
    query_with_points(&c, view, points)
}

/// Leaving own data: the points and their split share go.
pub fn drop_own_points(config: &mut Config) {
    if config.data != DataKind::Custom {
        config.points = None;
        config.test_frac = DEFAULT_TEST_FRAC;
    }
}

/// A points error as a configuration error about the data.
pub fn points_error(config: &Config, e: PointsError) -> ConfigError {
    ConfigError::Conflict {
        key: "data".into(),
        value: config.data.name().into(),
        reason: e.to_string(),
    }
}

/// Every point of `config`'s data (raw, not normalized) as
/// `(xy, label, test)` (labels 0 and 1, or numbers: own points' values, a
/// regression set's): own points in the link's order, other data its
/// training set then its test set. 2-D data only.
pub fn data_rows(config: &Config) -> Result<Vec<Row>, ConfigError> {
    if let (DataKind::Custom, Some(p)) = (config.data, &config.points) {
        return Ok(p.rows(config.test_frac, split_seed(config)).collect());
    }
    let split = config.split();
    if split.train.features() != 2 {
        return Err(points_error(
            config,
            PointsError::Features(split.train.features()),
        ));
    }
    let mut rows = Vec::with_capacity(split.train.len() + split.test.len());
    for (set, test) in [(&split.train, false), (&split.test, true)] {
        for j in 0..set.len() {
            rows.push(([set.x.get(0, j), set.x.get(1, j)], set.y[j], test));
        }
    }
    Ok(rows)
}

/// `config`'s points as CSV ([`csv::write`]): importing it gives the same
/// points (for own points, the same link).
pub fn points_csv(config: &Config) -> Result<String, ConfigError> {
    Ok(csv::write(data_rows(config)?.into_iter()))
}

/// An editor over `config`'s points (starting from the current data set).
pub fn editor(config: &Config) -> Result<Editor, ConfigError> {
    Ok(Editor::new(
        data_rows(config)?,
        config.test_frac,
        split_seed(config),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::link;
    use crate::run::trainer::Trainer;

    #[test]
    fn an_exported_file_imports_as_the_same_link_and_run() {
        let text = "x1;x2;label\n0;0;cat\n1000;1;dog\n500;0,5;cat\n250;0,2;dog\n10;10;dog\n";
        let base = link::parse("preset=init-he&iters=50&normalize=1").unwrap();
        let imported = query_with_csv(&base.config, &base.view, text).unwrap();
        let q = &imported.query;
        assert!(q.starts_with("data=custom&normalize=1&points="), "{q}");
        assert!(q.ends_with("&iters=50"), "{q}");
        assert_eq!(
            imported.summary,
            "5 points, split by testFrac and dataSeed; labels: cat → 0, dog → 1"
        );
        let parsed = link::parse(&imported.query).unwrap();
        let csv = points_csv(&parsed.config).unwrap();
        assert_eq!(csv.lines().count(), 6);
        let again = query_with_csv(&parsed.config, &parsed.view, &csv).unwrap();
        assert_eq!(again.query, imported.query);
        let run = |q: &str| {
            let mut t = Trainer::new(link::parse(q).unwrap().config).unwrap();
            t.run();
            t.network().params()[0].as_slice().to_vec()
        };
        assert_eq!(run(&again.query), run(&imported.query));
    }

    #[test]
    fn switching_to_custom_takes_the_current_points_and_back_drops_them() {
        let p = link::parse("data=moons&n=40&dataSeed=3").unwrap();
        let q = crate::config::edit::query_with(&p.config, &p.view, "data", "custom").unwrap();
        let c = link::parse(&q).unwrap().config;
        assert_eq!(c.data, DataKind::Custom);
        assert_eq!(c.data_seed, None);
        let split = c.split();
        assert_eq!((split.train.len(), split.test.len()), (40, 13));
        let back = crate::config::edit::query_with(&c, &p.view, "data", "xor").unwrap();
        assert_eq!(back, "data=xor");
        let e = crate::config::edit::query_with(
            &link::parse("preset=gradcheck").unwrap().config,
            &View::default(),
            "data",
            "custom",
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "data=gradcase: 4-D data: own points are 2-D");
    }

    #[test]
    fn bad_own_data_links_name_the_key() {
        for (q, message) in [
            ("data=custom", "data=custom: data=custom needs points="),
            ("points=a!c", "points=a!c: expected nnlab's base64url"),
            (
                "data=custom&points=AAAA",
                "points=AAAA: 3 bytes where the header says 42",
            ),
            ("testFrac=0.5", "testFrac=0.5: testFrac splits own points"),
        ] {
            let e = link::parse(q).unwrap_err().to_string();
            assert!(e.starts_with(message), "{q}: {e}");
        }
        let p = link::parse("data=moons").unwrap();
        let own = query_with_csv(&p.config, &p.view, "1,2,0\n3,4,1\n5,6,1\n")
            .unwrap()
            .query;
        let e = link::parse(&format!("{own}&n=30")).unwrap_err().to_string();
        assert!(e.starts_with("n=30: data=custom has its own points"), "{e}");
        assert!(link::parse(&format!("{own}&testFrac=0.95"))
            .unwrap_err()
            .to_string()
            .contains("0 < testFrac <= 0.9"));
    }
}

#[cfg(test)]
mod value_tests {
    use super::*;
    use crate::config::link;
    use crate::run::trainer::Trainer;

    /// A surface `y = x1 − 2·x2` in units of hundreds, as CSV.
    fn surface(n: usize) -> String {
        (0..n)
            .map(|i| {
                let (a, b) = (100 + 13 * i, 900 - 7 * (i * i % 50));
                format!("{a},{b},{}\n", (a as f64 - 2.0 * b as f64) / 100.0)
            })
            .collect()
    }

    #[test]
    fn a_numeric_csv_under_regression_round_trips_through_the_link_and_trains() {
        let base = link::parse("data=plane&problem=regression&normalize=1&testFrac=0.3&iters=100")
            .unwrap();
        let imported = query_with_csv(&base.config, &base.view, &surface(40)).unwrap();
        assert!(
            imported
                .summary
                .starts_with("40 points, split by testFrac and dataSeed; labels: numbers from"),
            "{}",
            imported.summary
        );
        let parsed = link::parse(&imported.query).unwrap();
        let c = &parsed.config;
        assert_eq!(c.test_frac, 0.3);
        let split = c.split();
        assert_eq!((split.train.len(), split.test.len()), (28, 12));
        // The labels are the numbers (quantized), not classes.
        let range = c.points.as_ref().unwrap().value_range().unwrap();
        assert_eq!(range, [-17.0, -5.88]);
        assert!(split.train.y.iter().any(|v| v.fract() != 0.0));
        let csv = points_csv(c).unwrap();
        let again = query_with_csv(c, &parsed.view, &csv).unwrap();
        assert_eq!(again.query, imported.query);
        let mut t = Trainer::new(parsed.config.clone()).unwrap();
        let (before, _) = t.losses();
        t.run();
        let (train, test) = t.losses();
        assert!(
            test.is_finite() && train < before / 10.0,
            "{before} {train} {test}"
        );
    }

    #[test]
    fn classes_under_regression_and_numbers_under_classification() {
        let base = link::parse("data=gauss&problem=regression").unwrap();
        let e = query_with_csv(&base.config, &base.view, "1,2,cat\n3,4,dog\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("line 1, column 3 (label): \"cat\": expected a number"),
            "{e}"
        );
        // 0 and 1 under regression: the numbers 0 and 1, the class encoding.
        let zero_one = query_with_csv(&base.config, &base.view, "1,2,0\n3,4,1\n5,6,1\n").unwrap();
        assert!(zero_one.summary.contains("only 0 and 1"));
        let plain = link::parse("data=moons").unwrap();
        let classes = query_with_csv(&plain.config, &plain.view, "1,2,0\n3,4,1\n5,6,1\n").unwrap();
        let points = |q: &str| link::parse(q).unwrap().config.points.unwrap();
        assert_eq!(points(&zero_one.query), points(&classes.query));
        assert!(points(&zero_one.query).value_range().is_none());
        // Numbers, then classification: the problem is named with the range.
        let own = query_with_csv(&base.config, &base.view, &surface(10))
            .unwrap()
            .query;
        let e = link::parse(&own.replace("problem=regression", "problem=classification"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("problem=classification: the own points' labels are numbers from"),
            "{e}"
        );
        assert!(
            e.ends_with("not two classes: problem=regression fits them"),
            "{e}"
        );
        let p = link::parse(&own).unwrap();
        let e = crate::config::edit::query_with(&p.config, &p.view, "problem", "classification")
            .unwrap_err();
        assert_eq!(e.key(), "problem");
    }

    #[test]
    fn a_classifications_csv_of_many_numbers_turns_the_link_to_regression() {
        // From the default lab (classification): more than two numbers are values.
        let base = link::parse("preset=init-he").unwrap();
        let got = query_with_csv(&base.config, &base.view, &surface(12)).unwrap();
        assert!(got.query.contains("problem=regression"), "{}", got.query);
        assert!(
            got.summary.ends_with("(problem=regression)"),
            "{}",
            got.summary
        );
        let c = link::parse(&got.query).unwrap().config;
        assert!(c.points.unwrap().value_range().is_some());
        // Two numbers stay two classes; a word among three labels stays an error.
        let two = query_with_csv(&base.config, &base.view, "1,2,-1\n3,4,1\n5,6,1\n").unwrap();
        assert!(!two.query.contains("problem=regression"), "{}", two.query);
        let e = query_with_csv(&base.config, &base.view, "1,2,0\n3,4,1\n5,6,cat\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"cat\" is a third label"), "{e}");
        // Numbers that regression cannot read either: the third label's message.
        let e = query_with_csv(&base.config, &base.view, "1,2,0\n3,4,1\n5,6,2\n7,8,inf\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("numeric labels are read with problem=regression"),
            "{e}"
        );
    }

    #[test]
    fn a_regression_set_exports_its_values_and_switching_to_own_points_keeps_them() {
        let p = link::parse("data=plane&problem=regression&n=20").unwrap();
        let csv = points_csv(&p.config).unwrap();
        let split = p.config.split();
        let first = csv.lines().nth(1).unwrap();
        assert!(
            first.ends_with(&format!(
                ",{},train",
                crate::format::fmt_py(split.train.y[0])
            )),
            "{first}"
        );
        let q = crate::config::edit::query_with(&p.config, &p.view, "data", "custom").unwrap();
        let c = link::parse(&q).unwrap().config;
        let own = c.split();
        assert_eq!(own.train.len(), split.train.len());
        let range = c.points.as_ref().unwrap().value_range().unwrap();
        let step = (range[1] - range[0]) / crate::data::quantize::LEVELS;
        for (a, b) in own.train.y.iter().zip(&split.train.y) {
            assert!((a - b).abs() <= step / 2.0 * (1.0 + 1e-9));
        }
    }
}

#[cfg(test)]
mod normalize_tests {
    use super::*;
    use crate::config::link;
    use crate::run::regions::Regions;
    use crate::run::trainer::Trainer;

    /// Own data in units of hundreds: with `normalize=1` the network sees
    /// mean 0 and spread 1, the page still the data's units, and the
    /// decision-region grid is normalized like the inputs.
    #[test]
    fn normalize_trains_on_standard_inputs_and_shows_the_data_units() {
        let rows: String = (0..40)
            .map(|i| format!("{},{},{}\n", 100 + 10 * i, 900 - 7 * i, i % 2))
            .collect();
        let base = link::parse("normalize=1&iters=200").unwrap();
        let q = query_with_csv(&base.config, &base.view, &rows)
            .unwrap()
            .query;
        let t = Trainer::new(link::parse(&q).unwrap().config).unwrap();
        let x = &t.split().train.x;
        let mean = x.row(0).iter().sum::<f64>() / x.cols() as f64;
        assert!(mean.abs() < 1e-12, "{mean}");
        assert!(t.points().train.x.row(0).iter().all(|v| *v >= 99.0));
        assert!(t.normalization().is_some());
        let b = t.points().bounds();
        let mut raw = Regions::new(4, 4, b);
        let mut scaled = Regions::new(4, 4, b).mapped(t.inputs());
        assert_ne!(raw.evaluate(t.network()), scaled.evaluate(t.network()));
        let plain =
            Trainer::new(link::parse(&q.replace("&normalize=1", "")).unwrap().config).unwrap();
        assert!(plain.normalization().is_none());
        assert_eq!(plain.points(), plain.split());
    }
}
