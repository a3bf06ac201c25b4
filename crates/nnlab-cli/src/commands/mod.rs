//! The subcommands, and what they share: reading the query (numbers print
//! through `nnlab_core::format`).

pub mod bench;
pub mod data;
pub mod gradcheck;
pub mod keys;
pub mod train;

use std::io::Write;

use nnlab_core::config::error::shown;
use nnlab_core::config::error::ConfigError;
use nnlab_core::config::link::{self, Parsed};
use nnlab_core::config::{Named, Preset};

use crate::args::{Command, QueryArgs, USAGE};
use crate::error::{note, usage, CliError};

/// Runs a parsed command line, writing its results to `out`.
pub fn run(command: Command, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        Command::Train(q) => train::run(load(&q)?, q.json, out),
        Command::Gradcheck(q) => gradcheck::run(load(&q)?, q.json, out),
        Command::Python(q) => {
            let script = nnlab_core::run::python::script(&load(&q)?.config);
            write!(out, "{script}")?;
            Ok(())
        }
        Command::Weights(q) => train::run_weights(load(&q)?, out),
        Command::Gradcheck1d { eps, json } => gradcheck::run_1d(eps, json, out),
        Command::Keys { json } => keys::run(json, out),
        Command::Data(q) => data::run_data(load(&q)?, out),
        Command::Import { file, query } => {
            // The query describes the run on the file's points: checked once they are in.
            let base = query.as_ref().map(|q| read(q, link::assign)).transpose()?;
            data::run_import(&file, base, out)
        }
        Command::Bench { query, repeat } => bench::run(load(&query)?, repeat, out),
        Command::Help => {
            writeln!(out, "{USAGE}")?;
            keys::run(false, out)
        }
        Command::Version => {
            writeln!(out, "nnlab {}", env!("CARGO_PKG_VERSION"))?;
            Ok(())
        }
    }
}

/// At most this many link warnings are printed (a garbage query can have
/// thousands).
pub const MAX_WARNINGS: usize = 10;

/// Parses the query with the link parser and reports its warnings on stderr
/// (or fails on the first one with `--strict`).
///
/// Two command-line conveniences on top of the link format: a bare preset
/// name (`init-he`, `#init-he`) means `preset=init-he`; an empty query, or a
/// word that is neither a preset nor `key=value` pairs, is an error rather
/// than the default configuration with an "unknown key" warning (which
/// would silently start a 15000-iteration run).
pub fn load(args: &QueryArgs) -> Result<Parsed, CliError> {
    read(args, link::parse)
}

/// [`load`] with `parse` for the link parser ([`link::parse`], or
/// [`link::assign`] for a query checked later).
fn read(
    args: &QueryArgs,
    parse: fn(&str) -> Result<Parsed, ConfigError>,
) -> Result<Parsed, CliError> {
    let whole = args.query.as_str();
    let query = link::query_part(whole).trim();
    let parsed = if query.is_empty() {
        return Err(usage(format!(
            "the query '{}' is empty: give a preset name or key=value pairs, such as preset=init-he",
            shown(whole)
        )));
    } else if let Ok(p) = Preset::from_name(link::PRESET, query) {
        parse(&format!("{}={}", link::PRESET, p.name()))?
    } else if !query.contains('=') {
        return Err(usage(format!(
            "'{}' is neither a preset name nor a query of key=value pairs",
            shown(query)
        )));
    } else {
        parse(whole)?
    };
    // A bad classroom value (lock, hide, task, quiz) is an error here; the
    // page applies the rest of the link and shows the message.
    if let Some(problem) = parsed.problems.first() {
        return Err(problem.clone().into());
    }
    if let (Some(w), true) = (parsed.warnings.first(), args.strict) {
        return Err(usage(format!("{w} (--strict)")));
    }
    for w in parsed.warnings.iter().take(MAX_WARNINGS) {
        note(format_args!("warning: {w}"));
    }
    if parsed.warnings.len() > MAX_WARNINGS {
        note(format_args!(
            "warning: {} more warnings not shown",
            parsed.warnings.len() - MAX_WARNINGS
        ));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(query: &str) -> QueryArgs {
        QueryArgs {
            query: query.into(),
            json: false,
            strict: false,
        }
    }

    #[test]
    fn preset_names_and_links_are_queries() {
        let he = Preset::InitHe.config();
        for query in [
            "init-he",
            " init-he ",
            "#init-he",
            "preset=init-he",
            "#preset=init-he",
            "?preset=init-he",
            "#?preset=init-he",
            "#?init-he",
            "https://example.org/nnlab/#preset=init-he",
        ] {
            assert_eq!(load(&q(query)).unwrap().config, he, "{query}");
        }
    }

    #[test]
    fn empty_and_bare_words_are_errors() {
        for query in ["", "  ", "#", "https://example.org/", "cats", "init_he"] {
            assert!(
                matches!(load(&q(query)), Err(CliError::Usage(_))),
                "{query}"
            );
        }
    }

    #[test]
    fn strict_turns_warnings_into_errors() {
        // (Without --strict this loads, with a warning on stderr: see tests/cli.rs.)
        let query = "preset=init-he&lamda=0.1";
        let strict = QueryArgs {
            strict: true,
            ..q(query)
        };
        assert!(matches!(load(&strict), Err(CliError::Usage(_))));
    }

    #[test]
    fn course_numbers_only_for_unchanged_presets() {
        let c = |query: &str| load(&q(query)).unwrap().config.course_numbers();
        assert!(c("preset=init-he").is_some());
        assert!(c("preset=init-he&play=1&showTest=1").is_some());
        assert!(c("preset=init-he&iters=10").is_none());
        assert!(c("preset=gradcheck").is_none());
        assert!(c("lr=0.01").is_none());
    }
}
