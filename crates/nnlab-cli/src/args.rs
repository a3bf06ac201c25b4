//! The command line, hand-parsed: a subcommand, at most one query, flags in
//! any order (`--json` before or after the query; `--repeat 3` or
//! `--repeat=3`). `--` ends the flags.

use nnlab_core::config::error::shown;
use nnlab_core::config::limits;
use nnlab_core::format::fmt_plain;

use crate::error::{usage, CliError};

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Run a configuration to the end.
    Train(QueryArgs),
    /// Gradient check of a configuration's starting weights.
    Gradcheck(QueryArgs),
    /// A configuration as a self-contained NumPy script.
    Python(QueryArgs),
    /// Run a configuration to the end and print its final weights as JSON.
    Weights(QueryArgs),
    /// The course's 1-D gradient check `J(θ) = θ·x`.
    Gradcheck1d {
        eps: f64,
        json: bool,
    },
    /// List the link keys and the presets.
    Keys {
        json: bool,
    },
    /// Print a configuration's points as CSV.
    Data(QueryArgs),
    /// Read a CSV of own points into a link (QUERY's other keys kept).
    Import {
        file: String,
        query: Option<QueryArgs>,
    },
    /// Time a configuration.
    Bench {
        query: QueryArgs,
        repeat: usize,
    },
    Help,
    Version,
}

/// A query and the flags that go with it.
#[derive(Clone, Debug, PartialEq)]
pub struct QueryArgs {
    /// As given: a preset name, a query, `#…`/`?…`, or a full link.
    pub query: String,
    pub json: bool,
    /// Treat the link's warnings (unknown or repeated keys) as errors.
    pub strict: bool,
}

/// The default of `bench --repeat`.
pub const DEFAULT_REPEAT: usize = 5;
/// The largest `bench --repeat`.
pub const MAX_REPEAT: usize = 1000;
/// The default of `gradcheck --1d --eps`: the course's ε.
pub const DEFAULT_EPS: f64 = 1e-7;

pub const USAGE: &str = "\
nnlab: the course's neural-network labs on the command line

Usage:
  nnlab train QUERY [--json] [--strict]      run a configuration to the end
  nnlab gradcheck QUERY [--json] [--strict]  check backprop at the starting weights
  nnlab gradcheck --1d [--eps E] [--json]    the 1-D check J(θ) = θ·x, x = 2, θ = 4
  nnlab python QUERY [--strict]              print the run as a NumPy script
  nnlab weights QUERY [--strict]             run to the end, print the weights as JSON
  nnlab keys [--json]                        list the link keys and the presets
  nnlab data QUERY [--strict]                print the points as CSV: x1,x2,label,set
  nnlab import FILE.csv [QUERY] [--strict]   print QUERY with FILE's points (data=custom)
  nnlab bench QUERY [--repeat N]             time N runs (default 5), print JSON
  nnlab --help | --version

QUERY is what the page's link holds: a preset name (init-he), a query
(preset=reg-l2&lambda=0.1), the same with a leading # or ?, or the whole link.
Quote it: the shell splits commands at &.

Output: the cost at iterations 0, 1000, 2000, ... and at the last iteration,
then the accuracies; --json prints one JSON object on stdout instead (an
infinite cost is the string \"inf\"). Warnings about the link (unknown or
repeated keys) go to stderr; --strict makes them errors.

Exit status: 0 when the command ran, including a run that diverged (status
\"diverged\" in the JSON, a message on stderr) and a gradient check that
fails; 2 on bad input (a one-line message on stderr names the key and the
value); 1 when the output cannot be written.
";

/// The flags the parser knows; which subcommand takes which is checked after.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flag {
    Json,
    Strict,
    OneD,
    Repeat,
    Eps,
}

impl Flag {
    fn parse(name: &str) -> Option<Flag> {
        Some(match name {
            "json" => Flag::Json,
            "strict" => Flag::Strict,
            "1d" => Flag::OneD,
            "repeat" => Flag::Repeat,
            "eps" => Flag::Eps,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Flag::Json => "--json",
            Flag::Strict => "--strict",
            Flag::OneD => "--1d",
            Flag::Repeat => "--repeat",
            Flag::Eps => "--eps",
        }
    }

    fn takes_value(self) -> bool {
        matches!(self, Flag::Repeat | Flag::Eps)
    }
}

/// The arguments sorted into positionals and flags, before any meaning.
#[derive(Default)]
struct Raw {
    positionals: Vec<String>,
    flags: Vec<(Flag, Option<String>)>,
    version: bool,
}

impl Raw {
    fn has(&self, flag: Flag) -> bool {
        self.flags.iter().any(|(f, _)| *f == flag)
    }

    fn value(&self, flag: Flag) -> Option<&str> {
        self.flags
            .iter()
            .find(|(f, _)| *f == flag)
            .and_then(|(_, v)| v.as_deref())
    }
}

/// Parses the arguments after the program name.
pub fn parse(args: Vec<String>) -> Result<Command, CliError> {
    let raw = match split(args)? {
        Some(raw) => raw,
        None => return Ok(Command::Help),
    };
    if raw.version {
        return if raw.positionals.is_empty() && raw.flags.is_empty() {
            Ok(Command::Version)
        } else {
            Err(usage("--version takes nothing else"))
        };
    }
    let Some((command, rest)) = raw.positionals.split_first() else {
        return Err(usage(
            "missing subcommand: train, gradcheck, python, weights, keys, data, import or bench",
        ));
    };
    let allowed: &[Flag] = match command.as_str() {
        "train" => &[Flag::Json, Flag::Strict],
        "gradcheck" => &[Flag::Json, Flag::Strict, Flag::OneD, Flag::Eps],
        "python" | "weights" => &[Flag::Strict],
        "keys" => &[Flag::Json],
        "data" | "import" => &[Flag::Strict],
        "bench" => &[Flag::Json, Flag::Strict, Flag::Repeat],
        "help" => return Ok(Command::Help),
        other => {
            return Err(usage(format!(
                "unknown subcommand '{}': expected train, gradcheck, python, weights, keys, data, import or bench",
                shown(other)
            )))
        }
    };
    if let Some((flag, _)) = raw.flags.iter().find(|(f, _)| !allowed.contains(f)) {
        return Err(usage(format!("{command} does not take {}", flag.name())));
    }
    let json = raw.has(Flag::Json);
    let strict = raw.has(Flag::Strict);
    match command.as_str() {
        "keys" => {
            no_arguments(command, rest)?;
            Ok(Command::Keys { json })
        }
        "gradcheck" if raw.has(Flag::OneD) => {
            if !rest.is_empty() {
                return Err(usage(format!(
                    "gradcheck --1d takes no query, got '{}'",
                    shown(&rest[0])
                )));
            }
            let eps = match raw.value(Flag::Eps) {
                Some(v) => eps(v)?,
                None => DEFAULT_EPS,
            };
            Ok(Command::Gradcheck1d { eps, json })
        }
        "import" => {
            let (file, query) = match rest {
                [file] => (file.clone(), None),
                [file, query] => (file.clone(), Some(query.clone())),
                [] => {
                    return Err(usage(
                        "import needs a CSV file: nnlab import points.csv [QUERY]",
                    ))
                }
                [_, _, extra, ..] => {
                    return Err(usage(format!(
                        "import takes a file and one query, got another argument '{}'",
                        shown(extra)
                    )))
                }
            };
            let query = query.map(|query| QueryArgs {
                query,
                json,
                strict,
            });
            Ok(Command::Import { file, query })
        }
        "gradcheck" if raw.has(Flag::Eps) => Err(usage(
            "--eps goes with --1d; for a network put eps=... in the query",
        )),
        _ => {
            let query = QueryArgs {
                query: one_query(command, rest)?,
                json,
                strict,
            };
            Ok(match command.as_str() {
                "train" => Command::Train(query),
                "gradcheck" => Command::Gradcheck(query),
                "python" => Command::Python(query),
                "weights" => Command::Weights(query),
                "data" => Command::Data(query),
                _ => Command::Bench {
                    query,
                    repeat: match raw.value(Flag::Repeat) {
                        Some(v) => repeat(v)?,
                        None => DEFAULT_REPEAT,
                    },
                },
            })
        }
    }
}

/// Sorts the arguments; `None` when help was asked for.
fn split(args: Vec<String>) -> Result<Option<Raw>, CliError> {
    let mut raw = Raw::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--" {
            raw.positionals.extend(args);
            break;
        }
        if arg == "-h" || arg == "--help" {
            return Ok(None);
        }
        if arg == "--version" || arg == "-V" {
            raw.version = true;
            continue;
        }
        let Some(body) = arg.strip_prefix("--") else {
            if arg.starts_with('-') && arg.len() > 1 {
                return Err(usage(format!("unknown option '{}'", shown(&arg))));
            }
            raw.positionals.push(arg);
            continue;
        };
        let (name, inline) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (body, None),
        };
        let Some(flag) = Flag::parse(name) else {
            return Err(usage(format!("unknown option '--{}'", shown(name))));
        };
        if raw.has(flag) {
            return Err(usage(format!("{} given twice", flag.name())));
        }
        let value = match (flag.takes_value(), inline) {
            (false, None) => None,
            (false, Some(_)) => {
                return Err(usage(format!("{} takes no value", flag.name())));
            }
            (true, Some(v)) => Some(v),
            (true, None) => match args.next() {
                Some(v) => Some(v),
                None => return Err(usage(format!("{} needs a value", flag.name()))),
            },
        };
        raw.flags.push((flag, value));
    }
    Ok(Some(raw))
}

fn no_arguments(command: &str, rest: &[String]) -> Result<(), CliError> {
    match rest.first() {
        None => Ok(()),
        Some(extra) => Err(usage(format!(
            "{command} takes no argument, got '{}'",
            shown(extra)
        ))),
    }
}

fn one_query(command: &str, rest: &[String]) -> Result<String, CliError> {
    match rest {
        [query] => Ok(query.clone()),
        [] => Err(usage(format!(
            "{command} needs a query, such as: nnlab {command} preset=init-he"
        ))),
        [_, extra, ..] => Err(usage(format!(
            "{command} takes one query, got another argument '{}': quote the query ('a=1&b=2')",
            shown(extra)
        ))),
    }
}

fn eps(value: &str) -> Result<f64, CliError> {
    match value.trim().parse::<f64>() {
        Ok(e) if (limits::MIN_EPS..=limits::MAX_EPS).contains(&e) => Ok(e),
        _ => Err(usage(format!(
            "--eps={}: expected a number from {} to {}",
            shown(value),
            fmt_plain(limits::MIN_EPS),
            fmt_plain(limits::MAX_EPS)
        ))),
    }
}

fn repeat(value: &str) -> Result<usize, CliError> {
    match value.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_REPEAT).contains(&n) => Ok(n),
        _ => Err(usage(format!(
            "--repeat={}: expected a whole number from 1 to {MAX_REPEAT}",
            shown(value)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|a| a.to_string()).collect()
    }

    fn query(q: &str, json: bool) -> QueryArgs {
        QueryArgs {
            query: q.into(),
            json,
            strict: false,
        }
    }

    #[test]
    fn flags_go_anywhere() {
        let want = Command::Train(query("preset=init-he", true));
        for a in [
            &["train", "preset=init-he", "--json"][..],
            &["train", "--json", "preset=init-he"],
            &["--json", "train", "preset=init-he"],
        ] {
            assert_eq!(parse(args(a)).unwrap(), want, "{a:?}");
        }
    }

    #[test]
    fn values_inline_or_next() {
        for a in [
            &["bench", "q=1", "--repeat", "3"][..],
            &["bench", "--repeat=3", "q=1"],
        ] {
            assert_eq!(
                parse(args(a)).unwrap(),
                Command::Bench {
                    query: query("q=1", false),
                    repeat: 3
                }
            );
        }
        assert_eq!(
            parse(args(&["gradcheck", "--1d", "--eps", "1e-4"])).unwrap(),
            Command::Gradcheck1d {
                eps: 1e-4,
                json: false
            }
        );
    }

    #[test]
    fn double_dash_ends_flags() {
        assert_eq!(
            parse(args(&["train", "--", "-x=1"])).unwrap(),
            Command::Train(query("-x=1", false))
        );
    }

    #[test]
    fn help_and_version() {
        for a in [&["--help"][..], &["train", "-h"], &["help"]] {
            assert_eq!(parse(args(a)).unwrap(), Command::Help);
        }
        assert_eq!(parse(args(&["--version"])).unwrap(), Command::Version);
        assert!(parse(args(&["train", "--version"])).is_err());
    }

    #[test]
    fn bad_command_lines_are_usage_errors() {
        for a in [
            &[][..],
            &["fly"],
            &["train"],
            &["train", "a=1", "b=2"],
            &["train", "--repeat", "3", "a=1"],
            &["train", "--jsn", "a=1"],
            &["train", "-j", "a=1"],
            &["train", "--json=1", "a=1"],
            &["train", "--json", "--json", "a=1"],
            &["bench", "a=1", "--repeat"],
            &["bench", "a=1", "--repeat", "0"],
            &["bench", "a=1", "--repeat", "many"],
            &["gradcheck", "--1d", "a=1"],
            &["gradcheck", "--1d", "--eps", "0"],
            &["gradcheck", "--1d", "--eps", "nan"],
            &["gradcheck", "a=1", "--eps", "1e-4"],
            &["keys", "extra"],
            &["import"],
            &["import", "a.csv", "a=1", "b=2"],
            &["import", "a.csv", "--json"],
            &["data"],
            &["data", "a=1", "--json"],
        ] {
            let e = parse(args(a)).unwrap_err();
            assert!(matches!(e, CliError::Usage(_)), "{a:?}: {e}");
            assert!(!e.to_string().contains('\n'), "{a:?}: {e}");
        }
    }
}
