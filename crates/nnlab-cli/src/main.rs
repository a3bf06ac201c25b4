//! `nnlab`: the course's neural-network labs on the command line.
//!
//! ```text
//! nnlab train 'preset=reg-l2&lambda=0.1' [--json]
//! nnlab gradcheck 'preset=gradcheck&bugs=w2,b1' [--json]
//! nnlab gradcheck --1d [--eps 1e-7] [--json]
//! nnlab keys [--json]
//! nnlab bench 'preset=init-he' [--repeat 5]
//! ```
//!
//! Exit status: 0 when the command ran (a diverged run or a failing gradient
//! check is a result, not an error), 2 with one line on stderr on bad input,
//! 1 when the output cannot be written.

mod args;
mod commands;
mod error;

use std::io::{self, Write};
use std::process::ExitCode;

use nnlab_core::config::error::shown;

use crate::error::{note, usage, CliError};

fn main() -> ExitCode {
    let mut stdout = io::stdout().lock();
    match run(&mut stdout) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if !e.is_broken_pipe() {
                note(&e);
            }
            ExitCode::from(e.exit_code())
        }
    }
}

fn run(out: &mut dyn Write) -> Result<(), CliError> {
    let command = args::parse(utf8_args()?)?;
    commands::run(command, out)?;
    out.flush()?;
    Ok(())
}

/// The arguments as strings; one that is not UTF-8 is bad input (std's
/// `env::args` would panic on it).
fn utf8_args() -> Result<Vec<String>, CliError> {
    std::env::args_os()
        .skip(1)
        .enumerate()
        .map(|(i, a)| {
            a.into_string().map_err(|a| {
                usage(format!(
                    "argument {} is not valid UTF-8: '{}'",
                    i + 1,
                    shown(&a.to_string_lossy())
                ))
            })
        })
        .collect()
}
