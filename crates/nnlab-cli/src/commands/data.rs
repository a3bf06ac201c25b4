//! `nnlab data QUERY`: a configuration's points as CSV (`x1,x2,label,set`,
//! what the page's Export CSV saves); `nnlab import FILE.csv [QUERY]`: the
//! query with the file's points embedded (`data=custom&points=…`, QUERY's
//! other keys kept), what the page's paste and upload make. Both are the
//! core's (`config::import`).

use std::io::Write;

use nnlab_core::config::error::shown;
use nnlab_core::config::import::{self, ImportError};
use nnlab_core::config::link::{self, Parsed};
use nnlab_core::config::View;
use nnlab_core::Config;

use crate::error::{note, CliError};

/// Prints the points of `parsed` as CSV.
pub fn run_data(parsed: Parsed, out: &mut dyn Write) -> Result<(), CliError> {
    out.write_all(import::points_csv(&parsed.config)?.as_bytes())?;
    Ok(())
}

/// Prints `base` (the default configuration without one; read but not yet
/// checked, [`link::assign`]) with the points of the CSV `file`, and one
/// line about what was read on stderr; the printed link is checked whole.
pub fn run_import(file: &str, base: Option<Parsed>, out: &mut dyn Write) -> Result<(), CliError> {
    let bytes = std::fs::read(file)
        .map_err(|e| CliError::Data(format!("cannot read '{}': {e}", shown(file))))?;
    // Not UTF-8: the replacement characters make it the core's "binary data".
    let text = String::from_utf8_lossy(&bytes);
    let (config, view) = base.map_or_else(
        || (Config::default(), View::default()),
        |p| (p.config, p.view),
    );
    let imported = import::query_with_csv(&config, &view, &text).map_err(|e| match e {
        // The query's values (checked with the points in): the message names the key.
        ImportError::Config(e) => CliError::from(e),
        e => CliError::Data(format!("{}: {e}", shown(file))),
    })?;
    // The whole link checked, as the page will read it (classroom values among it).
    if let Some(problem) = link::parse(&imported.query)?.problems.first() {
        return Err(problem.clone().into());
    }
    note(format_args!("{}", imported.summary));
    writeln!(out, "{}", imported.query)?;
    Ok(())
}
