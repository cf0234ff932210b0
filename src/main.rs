//! The `gpuplan` binary: runs the command line and maps the outcome to an exit code
//! (0 success, 1 invalid input or failed run, 2 usage error — the last from clap).
//!
//! Nothing here may panic on I/O: a closed stdout after a successful run is still a success
//! (`gpuplan run … | head`); any other failure to write is a failure, said on stderr if stderr
//! is still there.

use std::io::{self, ErrorKind, Write};
use std::process::ExitCode;

use gpuplan::console::{Printable, say};
use gpuplan::export::write::WriteError;

mod cli;

fn main() -> ExitCode {
    let mut stdout = Printable(io::stdout().lock());
    let outcome = cli::run(&mut stdout).and_then(|()| Ok(stdout.flush()?));
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if reader_closed(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let message = format!("{error:#}");
            let said = gpuplan::lang::fill("say.error", &[("message", &message)]);
            say(&format!("{said}\n"));
            ExitCode::from(1)
        }
    }
}

/// Whether the run failed only because the reader closed stdout (`gpuplan run … | head`).
fn reader_closed(error: &anyhow::Error) -> bool {
    let broken = |e: &io::Error| e.kind() == ErrorKind::BrokenPipe;
    error.downcast_ref::<io::Error>().is_some_and(broken)
        || matches!(
            error.downcast_ref::<WriteError>(),
            Some(WriteError::StdoutClosed(e)) if broken(e)
        )
}
