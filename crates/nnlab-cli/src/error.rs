//! What can go wrong on the command line, and the exit code for each.

use std::fmt;
use std::io;

use nnlab_core::ConfigError;

/// Exit code for bad input: a bad query, flag, subcommand or argument.
pub const EXIT_USAGE: u8 = 2;
/// Exit code when the output cannot be written (a closed pipe, a full disk).
pub const EXIT_IO: u8 = 1;

/// An error that ends the program. Its `Display` is always one line.
#[derive(Debug)]
pub enum CliError {
    /// The command line itself is wrong (unknown subcommand or flag, a
    /// missing or extra argument, a bad flag value).
    Usage(String),
    /// The query is wrong; the core's message names the key and the value.
    Config(ConfigError),
    /// Own data that cannot be read (a CSV's line and column, or the
    /// file itself).
    Data(String),
    /// Writing the output failed.
    Io(io::Error),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) | CliError::Config(_) | CliError::Data(_) => EXIT_USAGE,
            CliError::Io(_) => EXIT_IO,
        }
    }

    /// Whether the reader went away (`nnlab ... | head`): nothing to say then.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(message) => write!(f, "{message} (see `nnlab --help`)"),
            CliError::Config(e) => write!(f, "{e}"),
            CliError::Data(message) => write!(f, "{message}"),
            CliError::Io(e) => write!(f, "cannot write the output: {e}"),
        }
    }
}

impl From<ConfigError> for CliError {
    fn from(e: ConfigError) -> Self {
        CliError::Config(e)
    }
}

impl From<io::Error> for CliError {
    fn from(e: io::Error) -> Self {
        CliError::Io(e)
    }
}

/// A usage error.
pub fn usage(message: impl Into<String>) -> CliError {
    CliError::Usage(message.into())
}

/// Writes `nnlab: <line>` to stderr. A closed stderr is not worth failing
/// over, so write errors are ignored.
pub fn note(line: impl fmt::Display) {
    use std::io::Write as _;
    let _ = writeln!(io::stderr(), "nnlab: {line}");
}
